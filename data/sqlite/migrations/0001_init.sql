-- Schema 1: cases, procedure steps, the timeline, settings, the audit log and search.
-- Times are UTC text of fixed width (2026-11-27T05:05:00.000000Z) so they sort as text.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE cases (
	id            INTEGER PRIMARY KEY,
	number        TEXT    NOT NULL UNIQUE,
	title         TEXT    NOT NULL,
	class         TEXT    NOT NULL CHECK (class IN ('failure', 'misconduct', 'pending')),
	status        TEXT    NOT NULL CHECK (status IN ('open', 'recovered', 'closed')),
	discovered_at TEXT    NOT NULL,
	occurred_at   TEXT    NOT NULL DEFAULT '',
	zone          TEXT    NOT NULL,
	drill         INTEGER NOT NULL DEFAULT 0 CHECK (drill IN (0, 1)),
	created_at    TEXT    NOT NULL,
	updated_at    TEXT    NOT NULL
) STRICT;

CREATE INDEX cases_by_discovery ON cases (discovered_at DESC, id DESC);

CREATE TABLE steps (
	case_id INTEGER NOT NULL REFERENCES cases (id),
	step_id TEXT    NOT NULL,
	done    INTEGER NOT NULL CHECK (done IN (0, 1)),
	done_by TEXT    NOT NULL,
	done_at TEXT    NOT NULL,
	note    TEXT    NOT NULL,
	PRIMARY KEY (case_id, step_id)
) STRICT;

-- The timeline is append-only: a correction is a new row pointing at the old one.
CREATE TABLE entries (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	at          TEXT    NOT NULL,
	kind        TEXT    NOT NULL,
	text        TEXT    NOT NULL,
	author      TEXT    NOT NULL,
	corrects    INTEGER REFERENCES entries (id),
	recorded_at TEXT    NOT NULL
) STRICT;

CREATE INDEX entries_by_case ON entries (case_id, at, id);

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
BEGIN
	SELECT RAISE(ABORT, 'timeline entries are append-only');
END;

CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN
	SELECT RAISE(ABORT, 'timeline entries are append-only');
END;

-- Each event's hash covers the previous hash and its own fields (see audit.go).
CREATE TABLE audit (
	seq       INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	actor     TEXT NOT NULL,
	action    TEXT NOT NULL,
	subject   TEXT NOT NULL,
	detail    TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Case titles (entry_id 0) and timeline text. Trigram so that Japanese, which has
-- no spaces between words, matches any substring of three or more characters.
CREATE VIRTUAL TABLE search USING fts5 (
	text,
	case_id UNINDEXED,
	entry_id UNINDEXED,
	tokenize = 'trigram'
);
