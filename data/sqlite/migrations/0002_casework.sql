-- Schema 2: the case work of 第4条 and 第5条: who found it, how well the time of
-- occurrence is known, the report items, failure checks, threat assessments and
-- the milestones that guard resumption.

ALTER TABLE cases ADD COLUMN occurred_state TEXT NOT NULL DEFAULT ''
	CHECK (occurred_state IN ('', 'known', 'unknown', 'unconfirmed'));
ALTER TABLE cases ADD COLUMN occurred_note TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN discoverer TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN discoverer_section TEXT NOT NULL DEFAULT '';

CREATE TABLE misconduct_reports (
	case_id         INTEGER PRIMARY KEY REFERENCES cases (id),
	discovery_note  TEXT    NOT NULL,
	device          TEXT    NOT NULL,
	location        TEXT    NOT NULL,
	details         TEXT    NOT NULL,
	expected_damage TEXT    NOT NULL,
	measures        TEXT    NOT NULL CHECK (measures IN ('', 'yes', 'no')),
	measures_text   TEXT    NOT NULL,
	reporter        TEXT    NOT NULL,
	reported_to     TEXT    NOT NULL,
	reported_at     TEXT    NOT NULL,
	report_no       INTEGER NOT NULL
) STRICT;

CREATE TABLE failure_reports (
	case_id                 INTEGER PRIMARY KEY REFERENCES cases (id),
	type                    TEXT    NOT NULL CHECK (type IN ('', 'hardware', 'software', 'network')),
	event                   TEXT    NOT NULL,
	place                   TEXT    NOT NULL,
	cause                   TEXT    NOT NULL,
	cause_unknown           INTEGER NOT NULL CHECK (cause_unknown IN (0, 1)),
	contractor_request      TEXT    NOT NULL,
	contractor_requested_at TEXT    NOT NULL,
	data_impact             TEXT    NOT NULL CHECK (data_impact IN ('', 'none', 'possible', 'yes')),
	data_impact_text        TEXT    NOT NULL,
	chief_reported_at       TEXT    NOT NULL,
	stop_estimate           TEXT    NOT NULL CHECK (stop_estimate IN ('', 'temporary', 'long')),
	stop_decision           TEXT    NOT NULL CHECK (stop_decision IN ('', 'stop', 'meeting')),
	decided_at              TEXT    NOT NULL,
	decided_by              TEXT    NOT NULL,
	reporter                TEXT    NOT NULL,
	reported_to             TEXT    NOT NULL,
	reported_at             TEXT    NOT NULL,
	report_no               INTEGER NOT NULL
) STRICT;

CREATE TABLE check_results (
	case_id  INTEGER NOT NULL REFERENCES cases (id),
	check_id TEXT    NOT NULL,
	result   TEXT    NOT NULL CHECK (result IN ('ok', 'abnormal', 'notdone')),
	note     TEXT    NOT NULL,
	at       TEXT    NOT NULL,
	by       TEXT    NOT NULL,
	PRIMARY KEY (case_id, check_id)
) STRICT;

-- A revision is a new row; the earlier determinations stay (第5条第5号).
CREATE TABLE threat_assessments (
	id       INTEGER PRIMARY KEY,
	case_id  INTEGER NOT NULL REFERENCES cases (id),
	examples TEXT    NOT NULL, -- JSON array of example IDs
	level    INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
	reason   TEXT    NOT NULL,
	at       TEXT    NOT NULL,
	by       TEXT    NOT NULL
) STRICT;

CREATE INDEX threat_assessments_by_case ON threat_assessments (case_id, id);

CREATE TRIGGER threat_assessments_no_update BEFORE UPDATE ON threat_assessments
BEGIN
	SELECT RAISE(ABORT, 'threat assessments are append-only');
END;

CREATE TRIGGER threat_assessments_no_delete BEFORE DELETE ON threat_assessments
BEGIN
	SELECT RAISE(ABORT, 'threat assessments are append-only');
END;

CREATE TABLE milestones (
	case_id   INTEGER NOT NULL REFERENCES cases (id),
	kind      TEXT    NOT NULL CHECK (kind IN ('stop', 'integrity', 'approval', 'reregistration')),
	done      INTEGER NOT NULL CHECK (done IN (0, 1)),
	authority TEXT    NOT NULL CHECK (authority IN ('', 'chief', 'meeting')),
	at        TEXT    NOT NULL,
	by        TEXT    NOT NULL,
	note      TEXT    NOT NULL,
	PRIMARY KEY (case_id, kind)
) STRICT;
