-- Schema 9: what 第5条 asks to be done about a misconduct, recorded rather
-- than only ticked (issue #13).

-- 第5条第2号: a case may start from a 通報 by 宮城県 or 指定情報処理機関 rather
-- than from discovery in the city (第5条第1号): who told the city, when and what.
ALTER TABLE cases ADD COLUMN origin TEXT NOT NULL DEFAULT ''
	CHECK (origin IN ('', 'discovery', 'prefecture', 'agency'));
ALTER TABLE cases ADD COLUMN notice_from TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN notice_at TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN notice_text TEXT NOT NULL DEFAULT '';

-- 第5条第5号: a level judged on the 事象 column alone (no example of the table
-- fits: examples is then '[]' and event_text says what happened); the early
-- estimate 「可能性が高い」 (第5条第2号ウ, 第4号イ) kept apart from the 判定; and
-- both who judge it (セキュリティ責任者 and システム管理者). A row written before
-- schema 7 has stage '' (recorded before the two were told apart).
ALTER TABLE threat_assessments ADD COLUMN basis TEXT NOT NULL DEFAULT 'examples'
	CHECK (basis IN ('examples', 'event'));
ALTER TABLE threat_assessments ADD COLUMN event_text TEXT NOT NULL DEFAULT '';
ALTER TABLE threat_assessments ADD COLUMN stage TEXT NOT NULL DEFAULT ''
	CHECK (stage IN ('', 'provisional', 'formal'));
ALTER TABLE threat_assessments ADD COLUMN officer TEXT NOT NULL DEFAULT '';
ALTER TABLE threat_assessments ADD COLUMN admin TEXT NOT NULL DEFAULT '';

-- 第5条第3号 (支障 on data protection reported to the セキュリティ統括責任者) and
-- 第5条第4号イ・ウ (事情聴取, 保有情報の廃棄等, the request via 宮城県 to
-- 指定情報処理機関 about a 行政機関等).
CREATE TABLE misconduct_responses (
	case_id          INTEGER PRIMARY KEY REFERENCES cases (id),
	impact           TEXT    NOT NULL CHECK (impact IN ('', 'none', 'possible', 'yes')),
	impact_text      TEXT    NOT NULL,
	chief_reported_at TEXT   NOT NULL,
	hearing_with     TEXT    NOT NULL,
	hearing_by       TEXT    NOT NULL,
	hearing_at       TEXT    NOT NULL,
	hearing_result   TEXT    NOT NULL,
	disposal         TEXT    NOT NULL CHECK (disposal IN ('', 'yes', 'no')),
	disposal_text    TEXT    NOT NULL,
	disposal_at      TEXT    NOT NULL,
	agency           TEXT    NOT NULL,
	request_text     TEXT    NOT NULL,
	requested_at     TEXT    NOT NULL,
	agency_report    TEXT    NOT NULL,
	agency_report_at TEXT    NOT NULL
) STRICT;
