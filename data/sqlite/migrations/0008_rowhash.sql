-- Schema 8: every row bound to the audit chain (issue #15). Each event carries,
-- in rows, the table, key and SHA-256 of every row its transaction wrote (or a
-- tombstone for a row it removed); the event's hash covers them, so `check`
-- can prove that the content of every table is what the chain says. The
-- migration's own event binds every row present when the file is upgraded
-- (see bind.go).

ALTER TABLE audit ADD COLUMN rows TEXT NOT NULL DEFAULT '';
