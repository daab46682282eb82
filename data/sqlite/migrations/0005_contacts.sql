-- Schema 5: the emergency contact network of 第3条 (issue #6): its entries,
-- the old value of every change (第3条第2号 asks for changes to be reported),
-- and the calls made during a case.

-- An entry is never deleted: removed_at takes it out of the network and keeps
-- its changes for the next change notice.
CREATE TABLE contact_points (
	id                INTEGER PRIMARY KEY,
	body              TEXT    NOT NULL CHECK (body IN ('city', 'prefecture', 'agency', 'contractor', 'other')),
	role              TEXT    NOT NULL,
	name              TEXT    NOT NULL,
	section           TEXT    NOT NULL,
	primary_name      TEXT    NOT NULL,
	primary_tel       TEXT    NOT NULL,
	primary_fax       TEXT    NOT NULL,
	primary_mail      TEXT    NOT NULL,
	primary_extension TEXT    NOT NULL,
	primary_night_tel TEXT    NOT NULL,
	primary_mobile    TEXT    NOT NULL,
	deputy_name       TEXT    NOT NULL,
	deputy_tel        TEXT    NOT NULL,
	deputy_fax        TEXT    NOT NULL,
	deputy_mail       TEXT    NOT NULL,
	deputy_extension  TEXT    NOT NULL,
	deputy_night_tel  TEXT    NOT NULL,
	deputy_mobile     TEXT    NOT NULL,
	open_from         TEXT    NOT NULL,
	open_until        TEXT    NOT NULL,
	confirmed_at      TEXT    NOT NULL,
	reported_at       TEXT    NOT NULL,
	ord               INTEGER NOT NULL,
	removed_at        TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX contact_points_in_order ON contact_points (removed_at, ord, id);

-- The history is append-only but for the reported flag, which a sent notice sets.
CREATE TABLE contact_changes (
	id       INTEGER PRIMARY KEY,
	point_id INTEGER NOT NULL REFERENCES contact_points (id),
	field    TEXT    NOT NULL,
	old      TEXT    NOT NULL,
	new      TEXT    NOT NULL,
	at       TEXT    NOT NULL,
	by       TEXT    NOT NULL,
	reported INTEGER NOT NULL DEFAULT 0 CHECK (reported IN (0, 1))
) STRICT;

CREATE INDEX contact_changes_by_point ON contact_changes (point_id, id);

CREATE TRIGGER contact_changes_no_delete BEFORE DELETE ON contact_changes
BEGIN
	SELECT RAISE(ABORT, 'contact changes are kept');
END;

CREATE TRIGGER contact_changes_only_reported BEFORE UPDATE ON contact_changes
WHEN NEW.point_id IS NOT OLD.point_id OR NEW.field IS NOT OLD.field OR NEW.old IS NOT OLD.old
	OR NEW.new IS NOT OLD.new OR NEW.at IS NOT OLD.at OR NEW.by IS NOT OLD.by
BEGIN
	SELECT RAISE(ABORT, 'contact changes are kept');
END;

-- A call is also a line of the case's timeline (entry_id).
CREATE TABLE calls (
	id       INTEGER PRIMARY KEY,
	case_id  INTEGER NOT NULL REFERENCES cases (id),
	point_id INTEGER REFERENCES contact_points (id),
	person   TEXT    NOT NULL,
	number   TEXT    NOT NULL,
	deputy   INTEGER NOT NULL CHECK (deputy IN (0, 1)),
	at       TEXT    NOT NULL,
	reached  INTEGER NOT NULL CHECK (reached IN (0, 1)),
	note     TEXT    NOT NULL,
	by       TEXT    NOT NULL,
	entry_id INTEGER REFERENCES entries (id)
) STRICT;

CREATE INDEX calls_by_case ON calls (case_id, at, id);
