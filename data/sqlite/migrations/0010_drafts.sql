-- Schema 10: drafts (issue #14). Text typed into a field that is not yet a
-- record (the 経過 quick entry, the note of a call, a correction being
-- written) is kept here as it is typed, so that a closed window, a crash or
-- a dead battery loses none of it; it is shown again in its field when the
-- case is opened, and removed when it is recorded (the record then has its
-- own audit event) or emptied. A draft is not a record: it is not bound to
-- the audit chain and not exported.
CREATE TABLE drafts (
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	key        TEXT    NOT NULL, -- the field: timeline, call/3/0120-000-111, correct/42
	text       TEXT    NOT NULL CHECK (text <> ''),
	updated_at TEXT    NOT NULL,
	PRIMARY KEY (case_id, key)
) STRICT;
