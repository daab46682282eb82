-- Schema 3: the documents written for a case (their SHA-256 ties a printout or a
-- copy to the case file) and the certificates that signed them.

CREATE TABLE documents (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	kind       TEXT    NOT NULL CHECK (kind IN ('misconduct_report', 'failure_report')),
	file_name  TEXT    NOT NULL,
	sha256     TEXT    NOT NULL,
	signers    TEXT    NOT NULL, -- JSON array of fingerprints, in signing order
	created_at TEXT    NOT NULL,
	by         TEXT    NOT NULL
) STRICT;

CREATE INDEX documents_by_case ON documents (case_id, id);

CREATE TABLE signers (
	fingerprint TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	first_used  TEXT NOT NULL
) STRICT;
