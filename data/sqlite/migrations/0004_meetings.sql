-- Schema 4: the security meetings (セキュリティ会議, 第4条第6号・第5条第6号): each
-- session of a case with its attendees, its agenda (the rows of Table A or B,
-- then any その他 items) and the follow-ups its decisions created. Also the
-- documents table again, so that it takes the meeting documents and the
-- contact network's, which belong to the whole file rather than to one case.

CREATE TABLE meetings (
	id             INTEGER PRIMARY KEY,
	case_id        INTEGER NOT NULL REFERENCES cases (id),
	seq            INTEGER NOT NULL CHECK (seq >= 1), -- 第1回, 第2回…
	place          TEXT    NOT NULL,
	date           TEXT    NOT NULL,
	opened_at      TEXT    NOT NULL, -- 開会, '' until stamped
	closed_at      TEXT    NOT NULL, -- 閉会, '' until stamped
	chair          TEXT    NOT NULL,
	recorder       TEXT    NOT NULL,
	minutes_signer TEXT    NOT NULL,
	UNIQUE (case_id, seq)
) STRICT;

CREATE TABLE meeting_attendees (
	meeting_id INTEGER NOT NULL REFERENCES meetings (id),
	position   INTEGER NOT NULL,
	name       TEXT    NOT NULL,
	role       TEXT    NOT NULL,
	present    INTEGER NOT NULL CHECK (present IN (0, 1)),
	PRIMARY KEY (meeting_id, position)
) STRICT;

-- key is the MeetingItem ID of the regulation's row, '' for an その他 item.
CREATE TABLE agenda_items (
	id         INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meetings (id),
	key        TEXT    NOT NULL,
	title      TEXT    NOT NULL,
	position   INTEGER NOT NULL,
	choices    TEXT    NOT NULL, -- JSON array of the options picked
	target     TEXT    NOT NULL,
	discussion TEXT    NOT NULL,
	decision   TEXT    NOT NULL,
	owner      TEXT    NOT NULL,
	due        TEXT    NOT NULL,
	status     TEXT    NOT NULL CHECK (status IN ('', 'decided', 'deferred', 'ratify')),
	started_at TEXT    NOT NULL,
	decided_at TEXT    NOT NULL
) STRICT;

CREATE INDEX agenda_items_by_meeting ON agenda_items (meeting_id, position, id);
CREATE UNIQUE INDEX agenda_items_regulation ON agenda_items (meeting_id, key) WHERE key <> '';

-- A regulation item can never be deleted; an その他 item only together with its task.
CREATE TRIGGER agenda_items_keep_regulation BEFORE DELETE ON agenda_items
	WHEN old.key <> ''
BEGIN
	SELECT RAISE(ABORT, 'the regulation''s agenda items cannot be removed');
END;

CREATE TABLE tasks (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	meeting_id INTEGER NOT NULL REFERENCES meetings (id),
	item_id    INTEGER NOT NULL UNIQUE REFERENCES agenda_items (id),
	text       TEXT    NOT NULL,
	owner      TEXT    NOT NULL,
	due        TEXT    NOT NULL,
	done       INTEGER NOT NULL CHECK (done IN (0, 1)),
	done_at    TEXT    NOT NULL
) STRICT;

CREATE INDEX tasks_by_case ON tasks (case_id, done, id);

-- documents again: every kind of data.DocKinds, and no case for the contact
-- sheet and the change notice (case_id NULL). Nothing references documents, so
-- the table is rebuilt in place inside the migration's transaction.
CREATE TABLE documents_v4 (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER REFERENCES cases (id),
	kind       TEXT    NOT NULL CHECK (kind IN ('misconduct_report', 'failure_report', 'agenda', 'minutes',
		'decisions', 'contact_sheet', 'change_notice')),
	file_name  TEXT    NOT NULL,
	sha256     TEXT    NOT NULL,
	signers    TEXT    NOT NULL, -- JSON array of fingerprints, in signing order
	created_at TEXT    NOT NULL,
	by         TEXT    NOT NULL,
	CHECK (case_id IS NOT NULL OR kind IN ('contact_sheet', 'change_notice'))
) STRICT;

INSERT INTO documents_v4 (id, case_id, kind, file_name, sha256, signers, created_at, by)
	SELECT id, case_id, kind, file_name, sha256, signers, created_at, by FROM documents;

DROP TABLE documents;
ALTER TABLE documents_v4 RENAME TO documents;
CREATE INDEX documents_by_case ON documents (case_id, id);
