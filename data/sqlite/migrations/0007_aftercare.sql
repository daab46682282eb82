-- Schema 7 (issue #13): what the provisions that could only be ticked ask to
-- record, and the change notice per recipient.

-- 第4条第7号: 保守委託事業者に修復等を依頼する (one per case).
CREATE TABLE repair_requests (
	case_id      INTEGER PRIMARY KEY REFERENCES cases (id),
	recipient    TEXT    NOT NULL, -- 依頼先
	requested_at TEXT    NOT NULL, -- 依頼日時
	content      TEXT    NOT NULL, -- 内容
	completed_at TEXT    NOT NULL, -- 完了日時
	by           TEXT    NOT NULL
) STRICT;

-- 第4条第9号 and 第5条第8号ウ: 関係機関に運用再開の連絡をする, one row per body told.
CREATE TABLE notifications (
	id      INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id),
	step_id TEXT    NOT NULL CHECK (step_id IN ('4-9', '5-8-c')),
	body    TEXT    NOT NULL CHECK (body IN ('prefecture', 'agency', 'contractor', 'other')),
	name    TEXT    NOT NULL,
	person  TEXT    NOT NULL,
	at      TEXT    NOT NULL,
	by      TEXT    NOT NULL,
	method  TEXT    NOT NULL CHECK (method IN ('phone', 'fax', 'mail', 'document', 'inperson')),
	note    TEXT    NOT NULL,
	call_id INTEGER REFERENCES calls (id)
) STRICT;

CREATE INDEX notifications_by_case ON notifications (case_id, at, id);

-- 第4条第10号: the measures against recurrence, from its table or free, with
-- owner and due date; item_id when taken from a meeting's decision.
CREATE TABLE prevention_measures (
	id      INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id),
	measure TEXT    NOT NULL,
	text    TEXT    NOT NULL,
	owner   TEXT    NOT NULL,
	due     TEXT    NOT NULL,
	item_id INTEGER REFERENCES agenda_items (id)
) STRICT;

CREATE INDEX prevention_measures_by_case ON prevention_measures (case_id, id);

-- 第5条第7号: the access logs collected and preserved, where, by whom.
CREATE TABLE preserved_logs (
	id      INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id),
	log     TEXT    NOT NULL,
	place   TEXT    NOT NULL,
	by      TEXT    NOT NULL,
	at      TEXT    NOT NULL,
	note    TEXT    NOT NULL
) STRICT;

CREATE INDEX preserved_logs_by_case ON preserved_logs (case_id, at, id);

-- 第3条第2号 per recipient: a change of the contact network reported to the
-- prefecture and to the designated agency, each on its own date. (The
-- reported flag of contact_changes stays: it is set once every recipient
-- has the change; changes flagged before schema 7 count as reported to both.)
CREATE TABLE change_reports (
	change_id   INTEGER NOT NULL REFERENCES contact_changes (id),
	recipient   TEXT    NOT NULL CHECK (recipient IN ('prefecture', 'agency')),
	reported_at TEXT    NOT NULL,
	by          TEXT    NOT NULL,
	PRIMARY KEY (change_id, recipient)
) STRICT;
