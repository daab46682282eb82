-- Schema 11: drafts of the file (issue #14). Text typed into a dialog before
-- there is a case to keep it with (the 新規事案 dialog: the title, the notice)
-- is kept here as it is typed, as schema 10 keeps the drafts of a case, and
-- shown again when the dialog is next opened. It is removed when the case is
-- created (the case then has its own audit event) or the field emptied. Not a
-- record: not bound to the audit chain and not exported.
CREATE TABLE file_drafts (
	key        TEXT NOT NULL PRIMARY KEY, -- the field: newcase/title
	text       TEXT NOT NULL CHECK (text <> ''),
	updated_at TEXT NOT NULL
) STRICT;
