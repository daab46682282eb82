package sqlite

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
)

// personColumns are the columns of a Person, in data.PersonFields order.
func personColumns(prefix string) []string {
	cols := make([]string, len(data.PersonFields))
	for i, f := range data.PersonFields {
		cols[i] = prefix + "_" + f
	}
	return cols
}

// pointColumns are the stored fields of an entry after its id, in the order
// pointValues gives and scanPoint reads them.
var pointColumns = strings.Join(append(append(append([]string{"body", "role", "name", "section"},
	personColumns("primary")...), personColumns("deputy")...),
	"open_from", "open_until", "confirmed_at", "reported_at", "ord", "removed_at"), ", ")

func pointValues(p *data.ContactPoint) []any {
	v := []any{string(p.Body), string(p.Role), p.Name, p.Section}
	for _, who := range []data.Person{p.Primary, p.Deputy} {
		for _, f := range data.PersonFields {
			v = append(v, who.Get(f))
		}
	}
	return append(v, p.OpenFrom, p.OpenUntil, formatTime(p.ConfirmedAt), formatTime(p.ReportedAt), p.Order, formatTime(p.RemovedAt))
}

type scanner interface{ Scan(dest ...any) error }

func (s *Store) scanPoint(sc scanner) (data.ContactPoint, error) {
	var p data.ContactPoint
	var body, role, confirmed, reported, removed string
	var person [2][7]string
	dest := []any{&p.ID, &body, &role, &p.Name, &p.Section}
	for w := range person {
		for i := range person[w] {
			dest = append(dest, &person[w][i])
		}
	}
	dest = append(dest, &p.OpenFrom, &p.OpenUntil, &confirmed, &reported, &p.Order, &removed)
	if err := sc.Scan(dest...); err != nil {
		return p, err
	}
	p.Body, p.Role = data.Body(body), data.Role(role)
	for i, f := range data.PersonFields {
		p.Primary.Set(f, person[0][i])
		p.Deputy.Set(f, person[1][i])
	}
	p.ConfirmedAt = s.parseTime(confirmed, "")
	p.ReportedAt = s.parseTime(reported, "")
	p.RemovedAt = s.parseTime(removed, "")
	return p, nil
}

func pointSubject(id int64) string { return "contact:" + strconv.FormatInt(id, 10) }

// ContactPoints lists the network (without removed entries) in Order.
func (s *Store) ContactPoints() ([]data.ContactPoint, error) {
	return s.activePoints(s.db)
}

func (s *Store) activePoints(q querier) ([]data.ContactPoint, error) {
	rows, err := q.Query(`SELECT id, ` + pointColumns + ` FROM contact_points WHERE removed_at = '' ORDER BY ord, id`)
	if err != nil {
		return nil, sqlError("read contacts", err)
	}
	defer rows.Close()
	var out []data.ContactPoint
	for rows.Next() {
		p, err := s.scanPoint(rows)
		if err != nil {
			return nil, sqlError("read contacts", err)
		}
		out = append(out, p)
	}
	return out, sqlErrorOrNil("read contacts", rows.Err())
}

// ContactPoint reads one entry, also a removed one (its RemovedAt is set), so
// the change history can always name the entry it belongs to.
func (s *Store) ContactPoint(id int64) (data.ContactPoint, error) {
	p, err := s.scanPoint(s.db.QueryRow(`SELECT id, `+pointColumns+` FROM contact_points WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return p, noPoint(id)
	}
	if err != nil {
		return p, sqlError("read contact", err)
	}
	return p, nil
}

func noPoint(id int64) error {
	return &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("contact %d: no such entry", id)}
}

// pointIn reads an entry of the network inside tx; a removed one is not found.
func (s *Store) pointIn(tx *sql.Tx, id int64) (data.ContactPoint, error) {
	p, err := s.scanPoint(tx.QueryRow(`SELECT id, `+pointColumns+` FROM contact_points WHERE id = ? AND removed_at = ''`, id))
	if err == sql.ErrNoRows {
		return p, noPoint(id)
	}
	return p, err
}

// SaveContactPoint adds (ID 0) or updates an entry after normalising and
// validating it. Every changed field becomes a ContactChange (old → new, at
// data.Now, by the actor) in the same transaction as the entry and its audit
// event. ReportedAt and RemovedAt are the store's: the values in p are ignored.
// A second entry for the same city role, or the same body under the same
// name, is refused (Invalid body duplicate).
func (s *Store) SaveContactPoint(p *data.ContactPoint) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return s.tx("save contact", func(tx *sql.Tx) error {
		current, err := s.activePoints(tx)
		if err != nil {
			return err
		}
		for _, c := range current {
			if c.ID != p.ID && c.DuplicateKey() == p.DuplicateKey() {
				return data.Invalid(data.FieldBody, "duplicate")
			}
		}
		var old data.ContactPoint
		if p.ID != 0 {
			if old, err = s.pointIn(tx, p.ID); err != nil {
				return err
			}
			p.ReportedAt = old.ReportedAt
			if p.Order == 0 {
				p.Order = old.Order
			}
		} else if p.Order == 0 {
			for _, c := range current {
				p.Order = max(p.Order, c.Order)
			}
			p.Order++
		}
		p.RemovedAt = time.Time{}
		changes := data.DiffContactPoints(old, *p)
		if p.ID != 0 && len(changes) == 0 && old.ConfirmedAt.Equal(p.ConfirmedAt) && old.Order == p.Order {
			return nil // nothing to save
		}
		if err := s.writePoint(tx, p); err != nil {
			return err
		}
		changes, err = s.writeChanges(tx, p.ID, changes)
		if err != nil {
			return err
		}
		action := "contact.update"
		if old.ID == 0 {
			action = "contact.add"
		}
		return s.appendAudit(tx, action, pointSubject(p.ID), map[string]any{
			"changes": changes, "confirmed_at": formatTime(p.ConfirmedAt), "order": p.Order,
		})
	})
}

// writePoint inserts (ID 0, setting p.ID) or updates an entry.
func (s *Store) writePoint(tx *sql.Tx, p *data.ContactPoint) error {
	vals := pointValues(p)
	if p.ID == 0 {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", ")
		res, err := tx.Exec(`INSERT INTO contact_points (`+pointColumns+`) VALUES (`+marks+`)`, vals...)
		if err != nil {
			return err
		}
		p.ID, err = res.LastInsertId()
		return err
	}
	set := strings.ReplaceAll(pointColumns, ",", " = ?,") + " = ?"
	_, err := tx.Exec(`UPDATE contact_points SET `+set+` WHERE id = ?`, append(vals, p.ID)...)
	return err
}

// writeChanges stores changes of entry id, stamped now and with the actor.
func (s *Store) writeChanges(tx *sql.Tx, id int64, changes []data.ContactChange) ([]data.ContactChange, error) {
	now, by := data.Now(), s.currentActor()
	for i := range changes {
		c := &changes[i]
		c.PointID, c.At, c.By = id, now, by
		res, err := tx.Exec(`INSERT INTO contact_changes (point_id, field, old, new, at, by) VALUES (?, ?, ?, ?, ?, ?)`,
			id, c.Field, c.Old, c.New, formatTime(c.At), c.By)
		if err != nil {
			return nil, err
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return nil, err
		}
	}
	return changes, nil
}

// removePoint takes an entry out of the network, recording the removal as a
// change (data.FieldRemoved, Old = the entry's title) to be reported.
func (s *Store) removePoint(tx *sql.Tx, p data.ContactPoint) (data.ContactChange, error) {
	city, pref := s.settingIn(tx, data.SettingCity), s.settingIn(tx, data.SettingPrefecture)
	if _, err := tx.Exec(`UPDATE contact_points SET removed_at = ? WHERE id = ?`, formatTime(data.Now()), p.ID); err != nil {
		return data.ContactChange{}, err
	}
	ch, err := s.writeChanges(tx, p.ID, []data.ContactChange{{Field: data.FieldRemoved, Old: p.Title(city, pref)}})
	if err != nil {
		return data.ContactChange{}, err
	}
	return ch[0], nil
}

func (s *Store) settingIn(tx *sql.Tx, key string) string {
	var v string
	_ = tx.QueryRow(`SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	return v
}

// RemoveContactPoint takes an entry out of the network. It is kept, with its
// changes and the removal itself, for the next change notice and the calls
// that name it.
func (s *Store) RemoveContactPoint(id int64) error {
	return s.tx("remove contact", func(tx *sql.Tx) error {
		p, err := s.pointIn(tx, id)
		if err != nil {
			return err
		}
		ch, err := s.removePoint(tx, p)
		if err != nil {
			return err
		}
		return s.appendAudit(tx, "contact.remove", pointSubject(id), map[string]any{"changes": []data.ContactChange{ch}})
	})
}

// ContactChanges lists the changes of one entry (pointID) or of all (0),
// oldest first; unreportedOnly keeps those not yet in a sent notice.
func (s *Store) ContactChanges(pointID int64, unreportedOnly bool) ([]data.ContactChange, error) {
	rows, err := s.db.Query(`SELECT id, point_id, field, old, new, at, by, reported FROM contact_changes
		WHERE (? = 0 OR point_id = ?) AND (? = 0 OR reported = 0) ORDER BY id`, pointID, pointID, unreportedOnly)
	if err != nil {
		return nil, sqlError("read contact changes", err)
	}
	defer rows.Close()
	var out []data.ContactChange
	for rows.Next() {
		var c data.ContactChange
		var at string
		if err := rows.Scan(&c.ID, &c.PointID, &c.Field, &c.Old, &c.New, &at, &c.By, &c.Reported); err != nil {
			return nil, sqlError("read contact changes", err)
		}
		c.At = s.parseTime(at, "")
		out = append(out, c)
	}
	return out, sqlErrorOrNil("read contact changes", rows.Err())
}

// MarkChangesReported records that a 連絡先変更届 covering the changes up to
// at was sent for the entries pointIDs (nil: every entry with unreported
// changes): those changes are flagged Reported and the entries' ReportedAt
// becomes at. A change made after at stays unreported. A zero at is now.
func (s *Store) MarkChangesReported(pointIDs []int64, at time.Time) error {
	if at.IsZero() {
		at = data.Now()
	}
	return s.tx("mark contact changes reported", func(tx *sql.Tx) error {
		ids := pointIDs
		if ids == nil {
			rows, err := tx.Query(`SELECT DISTINCT point_id FROM contact_changes WHERE reported = 0 ORDER BY point_id`)
			if err != nil {
				return err
			}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return err
				}
				ids = append(ids, id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		var marked int64
		for _, id := range ids {
			var n int
			if err := tx.QueryRow(`SELECT count(*) FROM contact_points WHERE id = ?`, id).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return noPoint(id)
			}
			res, err := tx.Exec(`UPDATE contact_changes SET reported = 1 WHERE point_id = ? AND reported = 0 AND at <= ?`, id, formatTime(at))
			if err != nil {
				return err
			}
			k, _ := res.RowsAffected()
			marked += k
			if _, err := tx.Exec(`UPDATE contact_points SET reported_at = ? WHERE id = ?`, formatTime(at), id); err != nil {
				return err
			}
		}
		return s.appendAudit(tx, "contact.reported", "contacts", map[string]any{
			"points": ids, "at": formatTime(at), "changes": marked,
		})
	})
}

// RecordCall stores a call and, in the same transaction, puts timelineText on
// the case's timeline (kind data.EntryCall, at the call's time). A zero At is
// now; an empty By is the actor.
func (s *Store) RecordCall(c *data.Call, timelineText string) error {
	if c.At.IsZero() {
		c.At = data.Now()
	}
	if c.By == "" {
		c.By = s.currentActor()
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return s.tx("record call", func(tx *sql.Tx) error {
		var zone string
		if err := tx.QueryRow(`SELECT zone FROM cases WHERE id = ?`, c.CaseID).Scan(&zone); err != nil {
			if err == sql.ErrNoRows {
				return &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("case %d: no such case", c.CaseID)}
			}
			return err
		}
		var point any
		if c.PointID != 0 {
			var n int
			if err := tx.QueryRow(`SELECT count(*) FROM contact_points WHERE id = ?`, c.PointID).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				return noPoint(c.PointID)
			}
			point = c.PointID
		}
		var entry any
		if strings.TrimSpace(timelineText) != "" {
			e := data.Entry{CaseID: c.CaseID, At: c.At.In(s.location(zone)), Kind: data.EntryCall, Text: timelineText, Author: c.By}
			if err := s.addEntry(tx, &e); err != nil {
				return err
			}
			entry = e.ID
		}
		res, err := tx.Exec(`INSERT INTO calls (case_id, point_id, person, number, deputy, at, reached, note, by, entry_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.CaseID, point, c.Person, c.Number, c.Deputy, formatTime(c.At), c.Reached, c.Note, c.By, entry)
		if err != nil {
			return err
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return s.appendAudit(tx, "call.record", caseSubject(c.CaseID), c)
	})
}

// Calls lists the calls of a case in the order they were made.
func (s *Store) Calls(caseID int64) ([]data.Call, error) {
	var zone string
	if err := s.db.QueryRow(`SELECT zone FROM cases WHERE id = ?`, caseID).Scan(&zone); err != nil {
		if err == sql.ErrNoRows {
			return nil, &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("case %d: no such case", caseID)}
		}
		return nil, sqlError("read calls", err)
	}
	rows, err := s.db.Query(`SELECT id, coalesce(point_id, 0), person, number, deputy, at, reached, note, by
		FROM calls WHERE case_id = ? ORDER BY at, id`, caseID)
	if err != nil {
		return nil, sqlError("read calls", err)
	}
	defer rows.Close()
	var out []data.Call
	for rows.Next() {
		c := data.Call{CaseID: caseID}
		var at string
		if err := rows.Scan(&c.ID, &c.PointID, &c.Person, &c.Number, &c.Deputy, &at, &c.Reached, &c.Note, &c.By); err != nil {
			return nil, sqlError("read calls", err)
		}
		c.At = s.parseTime(at, zone)
		out = append(out, c)
	}
	return out, sqlErrorOrNil("read calls", rows.Err())
}

// ReplaceContactPoints replaces the network with ps (a CSV import), all or
// nothing: every entry is normalised and validated and no two may be the same
// body (city role) before anything is written. As data.PlanContactImport
// says, an entry matching a current one updates it, keeping its history;
// current entries not in ps are removed; every change is recorded.
func (s *Store) ReplaceContactPoints(ps []data.ContactPoint) error {
	in := make([]data.ContactPoint, len(ps))
	for i, p := range ps {
		p.Normalize()
		if err := p.Validate(); err != nil {
			return err
		}
		in[i] = p
	}
	if _, _, dup := data.FindDuplicate(in); dup {
		return data.Invalid(data.FieldBody, "duplicate")
	}
	return s.tx("import contacts", func(tx *sql.Tx) error {
		current, err := s.activePoints(tx)
		if err != nil {
			return err
		}
		plan := data.PlanContactImport(current, in)
		var all []data.ContactChange
		for _, r := range plan.Removed {
			ch, err := s.removePoint(tx, r)
			if err != nil {
				return err
			}
			all = append(all, ch)
		}
		old := map[int64]data.ContactPoint{}
		for _, c := range current {
			old[c.ID] = c
		}
		for i := range plan.Points {
			p := &plan.Points[i]
			prev := old[p.ID] // the zero entry for an added one
			if err := s.writePoint(tx, p); err != nil {
				return err
			}
			ch, err := s.writeChanges(tx, p.ID, data.DiffContactPoints(prev, *p))
			if err != nil {
				return err
			}
			all = append(all, ch...)
		}
		for i := range ps {
			ps[i].ID = plan.Points[i].ID
		}
		return s.appendAudit(tx, "contact.import", "contacts", map[string]any{
			"added": len(plan.Added), "updated": len(plan.Updated), "unchanged": len(plan.Unchanged),
			"removed": len(plan.Removed), "changes": all,
		})
	})
}
