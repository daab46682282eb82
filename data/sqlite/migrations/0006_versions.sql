-- Schema 6: the register of outgoing document numbers (文書番号, issue #12) and
-- the frozen versions of the reports (第n報).

-- Every number ever given, issued (大住第123号: 記号, 年度 from 1 April,
-- serial) or typed by the officer as the 文書管理 system gave it. Numbers
-- start again each 年度, so a number is the printed text within its 年度 (as
-- the 文書管理 register keeps them); the UNIQUE on both is what makes sure a
-- number is never given twice, whatever the code above it does. Rows are
-- never changed or removed.
CREATE TABLE doc_numbers (
	id          INTEGER PRIMARY KEY,
	number      TEXT    NOT NULL,
	symbol      TEXT    NOT NULL, -- 記号 of an issued number; '' for a typed one
	fiscal_year INTEGER NOT NULL, -- 年度 (2026 = 令和8年度) of the date it was given for
	serial      INTEGER NOT NULL, -- 123 of an issued number; 0 for a typed one
	manual      INTEGER NOT NULL CHECK (manual IN (0, 1)),
	kind        TEXT    NOT NULL, -- the document kind it was given for
	case_id     INTEGER REFERENCES cases (id), -- NULL for a document of the whole file
	at          TEXT    NOT NULL, -- the date it was given for
	created_at  TEXT    NOT NULL,
	by          TEXT    NOT NULL,
	UNIQUE (fiscal_year, number)
) STRICT;

CREATE UNIQUE INDEX doc_numbers_serial ON doc_numbers (symbol, fiscal_year, serial) WHERE manual = 0;

CREATE TRIGGER doc_numbers_no_update BEFORE UPDATE ON doc_numbers
BEGIN
	SELECT RAISE(ABORT, 'document numbers are never given twice');
END;

CREATE TRIGGER doc_numbers_no_delete BEFORE DELETE ON doc_numbers
BEGIN
	SELECT RAISE(ABORT, 'document numbers are never given twice');
END;

-- A 第n報 as it was reported: the report's content frozen (JSON made by
-- reports.Freeze), so that printing it again gives the same text whatever
-- happened to the case since. Append-only.
CREATE TABLE report_versions (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	kind        TEXT    NOT NULL CHECK (kind IN ('misconduct_report', 'failure_report')),
	no          INTEGER NOT NULL CHECK (no >= 1),
	final       INTEGER NOT NULL CHECK (final IN (0, 1)),
	number      TEXT    NOT NULL, -- 文書番号 as printed
	doc_number  INTEGER NOT NULL UNIQUE REFERENCES doc_numbers (id), -- one number, one version
	reported_at TEXT    NOT NULL,
	reporter    TEXT    NOT NULL,
	addressee   TEXT    NOT NULL,
	snapshot    BLOB    NOT NULL,
	created_at  TEXT    NOT NULL,
	by          TEXT    NOT NULL,
	UNIQUE (case_id, kind, no)
) STRICT;

CREATE TRIGGER report_versions_no_update BEFORE UPDATE ON report_versions
BEGIN
	SELECT RAISE(ABORT, 'a recorded report is never changed');
END;

CREATE TRIGGER report_versions_no_delete BEFORE DELETE ON report_versions
BEGIN
	SELECT RAISE(ABORT, 'a recorded report is never changed');
END;
