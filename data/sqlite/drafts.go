package sqlite

import (
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/osaki-city/kinkyu/data"
)

// Drafts lists the drafts of a case, by key; with caseID 0, those of the
// file (CaseID 0) and then those of every case, by case and key.
func (s *Store) Drafts(caseID int64) ([]data.Draft, error) {
	var out []data.Draft
	if caseID == 0 {
		rows, err := s.db.Query(`SELECT key, text, updated_at FROM file_drafts ORDER BY key`)
		if err != nil {
			return nil, sqlError("read drafts", err)
		}
		defer rows.Close()
		for rows.Next() {
			var d data.Draft
			var at string
			if err := rows.Scan(&d.Key, &d.Text, &at); err != nil {
				return nil, sqlError("read drafts", err)
			}
			d.UpdatedAt = s.parseTime(at, "")
			out = append(out, d)
		}
		if err := rows.Err(); err != nil {
			return nil, sqlError("read drafts", err)
		}
	}
	q := `SELECT d.case_id, d.key, d.text, d.updated_at, c.zone FROM drafts d JOIN cases c ON c.id = d.case_id`
	args := []any{}
	if caseID != 0 {
		q += ` WHERE d.case_id = ?`
		args = append(args, caseID)
	}
	rows, err := s.db.Query(q+` ORDER BY d.case_id, d.key`, args...)
	if err != nil {
		return nil, sqlError("read drafts", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d data.Draft
		var at, zone string
		if err := rows.Scan(&d.CaseID, &d.Key, &d.Text, &at, &zone); err != nil {
			return nil, sqlError("read drafts", err)
		}
		d.UpdatedAt = s.parseTime(at, zone)
		out = append(out, d)
	}
	return out, sqlErrorOrNil("read drafts", rows.Err())
}

// SetDraft keeps text as the draft of a field of a case (of the file, with
// caseID 0), or removes the draft when text is blank. Drafts are not records:
// no audit event is written.
func (s *Store) SetDraft(caseID int64, key, text string) error {
	if key == "" || utf8.RuneCountInString(key) > 200 {
		return data.Invalid("key", "format")
	}
	if utf8.RuneCountInString(text) > data.MaxTextRunes {
		return data.Invalid("text", "toolong")
	}
	return s.tx("save draft", func(tx *sql.Tx) error {
		if caseID == 0 {
			if strings.TrimSpace(text) == "" {
				_, err := tx.Exec(`DELETE FROM file_drafts WHERE key = ?`, key)
				return err
			}
			_, err := tx.Exec(`INSERT INTO file_drafts (key, text, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (key) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
				key, text, formatTime(data.Now()))
			return err
		}
		if strings.TrimSpace(text) == "" {
			_, err := tx.Exec(`DELETE FROM drafts WHERE case_id = ? AND key = ?`, caseID, key)
			return err
		}
		_, err := tx.Exec(`INSERT INTO drafts (case_id, key, text, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (case_id, key) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
			caseID, key, text, formatTime(data.Now()))
		if isForeignKey(err) {
			return &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("case %d: no such case", caseID)}
		}
		return err
	})
}
