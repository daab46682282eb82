package sqlite

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/osaki-city/kinkyu/data"
)

const caseColumns = `id, number, title, class, status, discovered_at, occurred_at, zone, drill, created_at, updated_at,
	occurred_state, occurred_note, discoverer, discoverer_section, origin, notice_from, notice_at, notice_text`

func (s *Store) scanCase(row interface{ Scan(...any) error }) (data.Case, error) {
	var c data.Case
	var disc, occ, zone, created, updated, notice string
	err := row.Scan(&c.ID, &c.Number, &c.Title, &c.Class, &c.Status, &disc, &occ, &zone, &c.Drill, &created, &updated,
		&c.OccurredState, &c.OccurredNote, &c.Discoverer, &c.DiscovererSection, &c.Origin, &c.NoticeFrom, &notice, &c.NoticeText)
	if err != nil {
		return c, err
	}
	c.DiscoveredAt = s.parseTime(disc, zone)
	c.OccurredAt = s.parseTime(occ, zone)
	c.NoticeAt = s.parseTime(notice, zone)
	c.CreatedAt = s.parseTime(created, zone)
	c.UpdatedAt = s.parseTime(updated, zone)
	return c, nil
}

// caseAudit is what the audit log records of a case's header.
type caseAudit struct {
	Number            string `json:"number"`
	Title             string `json:"title"`
	Class             string `json:"class"`
	Status            string `json:"status"`
	DiscoveredAt      string `json:"discovered_at"`
	OccurredAt        string `json:"occurred_at,omitempty"`
	OccurredState     string `json:"occurred_state,omitempty"`
	OccurredNote      string `json:"occurred_note,omitempty"`
	Discoverer        string `json:"discoverer,omitempty"`
	DiscovererSection string `json:"discoverer_section,omitempty"`
	Drill             bool   `json:"drill"`
	Origin            string `json:"origin,omitempty"`
	NoticeFrom        string `json:"notice_from,omitempty"`
	NoticeAt          string `json:"notice_at,omitempty"`
	NoticeText        string `json:"notice_text,omitempty"`
}

func auditOf(c *data.Case) caseAudit {
	return caseAudit{c.Number, c.Title, string(c.Class), string(c.Status),
		formatTime(c.DiscoveredAt), formatTime(c.OccurredAt), string(c.OccurredState), c.OccurredNote,
		c.Discoverer, c.DiscovererSection, c.Drill,
		string(c.Origin), c.NoticeFrom, formatTime(c.NoticeAt), c.NoticeText}
}

// CreateCase stores a new case, numbering it within its discovery year.
func (s *Store) CreateCase(c *data.Case) error {
	if c.Status == "" {
		c.Status = data.StatusOpen
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return s.tx("create case", func(tx *sql.Tx) error { return s.createCase(tx, c) })
}

func (s *Store) createCase(tx *sql.Tx, c *data.Case) error {
	now := data.Now()
	if c.Number == "" {
		n, err := nextNumber(tx, c.DiscoveredAt.Year())
		if err != nil {
			return err
		}
		c.Number = n
	}
	res, err := tx.Exec(`INSERT INTO cases (number, title, class, status, discovered_at, occurred_at, zone, drill, created_at, updated_at,
			occurred_state, occurred_note, discoverer, discoverer_section, origin, notice_from, notice_at, notice_text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Number, c.Title, c.Class, c.Status, formatTime(c.DiscoveredAt), formatTime(c.OccurredAt),
		c.DiscoveredAt.Location().String(), c.Drill, formatTime(now), formatTime(now),
		c.OccurredState, c.OccurredNote, c.Discoverer, c.DiscovererSection,
		c.Origin, c.NoticeFrom, formatTime(c.NoticeAt), c.NoticeText)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return data.Invalid("number", "duplicate")
		}
		return err
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	c.CreatedAt, c.UpdatedAt = now, now
	if _, err := tx.Exec(`INSERT INTO search (rowid, text, case_id, entry_id) VALUES (?, ?, ?, 0)`, -c.ID, c.Title, c.ID); err != nil {
		return err
	}
	return s.appendAudit(tx, "case.create", caseSubject(c.ID), auditOf(c))
}

func caseSubject(id int64) string { return "case:" + strconv.FormatInt(id, 10) }

// nextNumber is the next free number of year, e.g. 2026-004 after 2026-003.
func nextNumber(tx *sql.Tx, year int) (string, error) {
	prefix := fmt.Sprintf("%04d-", year)
	rows, err := tx.Query(`SELECT number FROM cases WHERE number LIKE ? || '%'`, prefix)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	max := 0
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return "", err
		}
		if v, err := strconv.Atoi(strings.TrimPrefix(n, prefix)); err == nil && v > max {
			max = v
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s%03d", prefix, max+1), nil
}

// UpdateCase stores the header of an existing case.
func (s *Store) UpdateCase(c *data.Case) error {
	if err := c.Validate(); err != nil {
		return err
	}
	now := data.Now()
	return s.tx("update case", func(tx *sql.Tx) error {
		// The class changes only through ChangeClass, which records the reason.
		var class data.Class
		if err := tx.QueryRow(`SELECT class FROM cases WHERE id = ?`, c.ID).Scan(&class); err == sql.ErrNoRows {
			return &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("update case %d: no such case", c.ID)}
		} else if err != nil {
			return err
		}
		if class != c.Class {
			return data.Invalid("class", "needreason")
		}
		res, err := tx.Exec(`UPDATE cases SET title = ?, class = ?, status = ?, discovered_at = ?, occurred_at = ?, zone = ?, drill = ?, updated_at = ?,
				occurred_state = ?, occurred_note = ?, discoverer = ?, discoverer_section = ?,
				origin = ?, notice_from = ?, notice_at = ?, notice_text = ?
			WHERE id = ?`,
			c.Title, c.Class, c.Status, formatTime(c.DiscoveredAt), formatTime(c.OccurredAt),
			c.DiscoveredAt.Location().String(), c.Drill, formatTime(now),
			c.OccurredState, c.OccurredNote, c.Discoverer, c.DiscovererSection,
			c.Origin, c.NoticeFrom, formatTime(c.NoticeAt), c.NoticeText, c.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("update case %d: no such case", c.ID)}
		}
		c.UpdatedAt = now
		// Titles sit in the index under rowid -caseID; entries under their own id.
		if _, err := tx.Exec(`DELETE FROM search WHERE rowid = ?`, -c.ID); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO search (rowid, text, case_id, entry_id) VALUES (?, ?, ?, 0)`, -c.ID, c.Title, c.ID); err != nil {
			return err
		}
		return s.appendAudit(tx, "case.update", caseSubject(c.ID), auditOf(c))
	})
}

// Case reads one case.
func (s *Store) Case(id int64) (data.Case, error) {
	c, err := s.scanCase(s.db.QueryRow(`SELECT `+caseColumns+` FROM cases WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return c, &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("case %d: no such case", id)}
	}
	if err != nil {
		return c, sqlError("read case", err)
	}
	return c, nil
}

// CaseByNumber reads one case by its number (2026-001).
func (s *Store) CaseByNumber(number string) (data.Case, error) {
	c, err := s.scanCase(s.db.QueryRow(`SELECT `+caseColumns+` FROM cases WHERE number = ?`, number))
	if err == sql.ErrNoRows {
		return c, &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("case %s: no such case", number)}
	}
	if err != nil {
		return c, sqlError("read case", err)
	}
	return c, nil
}

func filterWhere(f data.CaseFilter) (string, []any) {
	var conds []string
	var args []any
	if f.Class != "" {
		conds = append(conds, "class = ?")
		args = append(args, f.Class)
	}
	if f.Status != "" {
		conds = append(conds, "status = ?")
		args = append(args, f.Status)
	}
	if f.HideDrill {
		conds = append(conds, "drill = 0")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// Cases lists cases, most recently discovered first.
func (s *Store) Cases(f data.CaseFilter) ([]data.Case, error) {
	where, args := filterWhere(f)
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	args = append(args, limit, f.Offset)
	rows, err := s.db.Query(`SELECT `+caseColumns+` FROM cases`+where+
		` ORDER BY discovered_at DESC, id DESC LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, sqlError("list cases", err)
	}
	defer rows.Close()
	var out []data.Case
	for rows.Next() {
		c, err := s.scanCase(rows)
		if err != nil {
			return nil, sqlError("list cases", err)
		}
		out = append(out, c)
	}
	return out, sqlErrorOrNil("list cases", rows.Err())
}

// CountCases counts the cases a filter selects.
func (s *Store) CountCases(f data.CaseFilter) (int, error) {
	where, args := filterWhere(f)
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM cases`+where, args...).Scan(&n); err != nil {
		return 0, sqlError("count cases", err)
	}
	return n, nil
}

// Setting reads a setting stored in the case file, or def when unset.
func (s *Store) Setting(key, def string) (string, error) {
	var v string
	err := s.db.QueryRow(`SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return def, nil
	}
	if err != nil {
		return def, sqlError("read setting", err)
	}
	return v, nil
}

// SetSetting stores a setting in the case file.
func (s *Store) SetSetting(key, value string) error {
	err := s.tx("save setting", func(tx *sql.Tx) error {
		if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
			return err
		}
		return s.appendAudit(tx, "setting.set", "setting:"+key, map[string]string{"value": value})
	})
	if err == nil && key == data.SettingTimeZone {
		s.loadZone()
	}
	return err
}
