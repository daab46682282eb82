package sqlite

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/osaki-city/kinkyu/data"
)

// fileZone is the case file's time zone (data.SettingTimeZone, Asia/Tokyo
// when unset or unknown), read inside tx: the 年度 of a document number is
// reckoned in it, so that a number given at 3/31 23:30 in Osaki belongs to
// the old 年度 whatever zone the laptop is set to.
func (s *Store) fileZone(tx *sql.Tx) *time.Location {
	name, err := settingIn(tx, data.SettingTimeZone, data.DefaultTimeZone)
	if err != nil {
		name = data.DefaultTimeZone
	}
	return data.LoadZone(name)
}

// IssueDocNumber gives a 文書番号 from the register, in its own transaction.
func (s *Store) IssueDocNumber(kind string, caseID int64, manual string, at time.Time) (string, error) {
	var n string
	err := s.tx("issue document number", func(tx *sql.Tx) error {
		var err error
		n, _, err = s.issueDocNumber(tx, kind, caseID, manual, at)
		return err
	})
	return n, err
}

// issueDocNumber registers the next number (manual "") or the typed one
// inside tx, with its audit event, and returns it with its row in the register.
func (s *Store) issueDocNumber(tx *sql.Tx, kind string, caseID int64, manual string, at time.Time) (string, int64, error) {
	if !oneOfKinds(kind) {
		return "", 0, data.Invalid("document", "required")
	}
	if at.IsZero() {
		at = data.Now()
	}
	var caseRef any // NULL for a document of the whole file
	subject := "file"
	if caseID != 0 {
		if _, err := caseExists(tx, caseID); err != nil {
			return "", 0, err
		}
		caseRef, subject = caseID, caseSubject(caseID)
	}
	fy := data.FiscalYear(at.In(s.fileZone(tx)))
	var number, symbol string
	serial := 0
	if manual = strings.TrimSpace(manual); manual != "" {
		if err := data.CheckDocNumber(manual); err != nil {
			return "", 0, err
		}
		number = manual
	} else {
		var err error
		if symbol, err = settingIn(tx, data.SettingLetterSymbol, data.DefaultLetterSymbol); err != nil {
			return "", 0, err
		}
		symbol = strings.TrimSpace(symbol)
		if err := tx.QueryRow(`SELECT coalesce(max(serial), 0) FROM doc_numbers WHERE manual = 0 AND symbol = ? AND fiscal_year = ?`,
			symbol, fy).Scan(&serial); err != nil {
			return "", 0, err
		}
		// A number typed earlier may already read like the next one: skip it.
		for {
			serial++
			number = data.FormatDocNumber(symbol, serial)
			var taken int
			if err := tx.QueryRow(`SELECT count(*) FROM doc_numbers WHERE fiscal_year = ? AND number = ?`, fy, number).Scan(&taken); err != nil {
				return "", 0, err
			}
			if taken == 0 {
				break
			}
		}
	}
	by := s.currentActor()
	manualFlag := 0
	if manual != "" {
		manualFlag = 1
	}
	res, err := tx.Exec(`INSERT INTO doc_numbers (number, symbol, fiscal_year, serial, manual, kind, case_id, at, created_at, by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		number, symbol, fy, serial, manualFlag, kind, caseRef, formatTime(at), formatTime(data.Now()), by)
	if err != nil {
		if isUnique(err) {
			return "", 0, docNumberTaken(number)
		}
		return "", 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return "", 0, err
	}
	return number, id, s.appendAudit(tx, "docnumber.issue", subject, map[string]any{
		"number": number, "manual": manual != "", "kind": kind, "fiscal_year": fy, "at": formatTime(at),
	})
}

func docNumberTaken(number string) error {
	return &data.Error{Code: data.EEXISTS, Field: "doc_number", Err: fmt.Errorf("document number %s: already given", number)}
}

func oneOfKinds(kind string) bool {
	for _, k := range data.DocKinds {
		if k == kind {
			return true
		}
	}
	return false
}

// settingIn reads a setting inside tx.
func settingIn(tx *sql.Tx, key, def string) (string, error) {
	var v string
	err := tx.QueryRow(`SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return def, nil
	}
	return v, err
}

// RecordReportVersion records a 第n報 as reported, with its number.
func (s *Store) RecordReportVersion(v *data.ReportVersion, timelineText string) error {
	if v.CreatedAt.IsZero() {
		v.CreatedAt = data.Now()
	}
	if v.By == "" {
		v.By = s.currentActor()
	}
	v.Number = strings.TrimSpace(v.Number)
	if err := v.Validate(); err != nil {
		return err
	}
	return s.tx("record report version", func(tx *sql.Tx) error {
		_, err := caseExists(tx, v.CaseID)
		if err != nil {
			return err
		}
		var last int
		var final bool
		err = tx.QueryRow(`SELECT no, final FROM report_versions WHERE case_id = ? AND kind = ? ORDER BY no DESC LIMIT 1`,
			v.CaseID, v.Kind).Scan(&last, &final)
		if err != nil && err != sql.ErrNoRows {
			return err
		}
		switch {
		case final:
			return data.Invalid("report_no", "afterfinal")
		case v.No <= last:
			return data.Invalid("report_no", "recorded")
		}
		numberID, err := s.numberForVersion(tx, v)
		if err != nil {
			return err
		}
		if err := s.insertVersion(tx, v, numberID, false); err != nil {
			return err
		}
		return s.timeline(tx, v.CaseID, data.EntryReport, timelineText)
	})
}

// insertVersion writes a version with its row in the register (numberID)
// and its audit event inside tx; imported marks one taken from an export.
func (s *Store) insertVersion(tx *sql.Tx, v *data.ReportVersion, numberID int64, imported bool) error {
	res, err := tx.Exec(`INSERT INTO report_versions (case_id, kind, no, final, number, doc_number, reported_at, reporter, addressee, snapshot, created_at, by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		v.CaseID, v.Kind, v.No, v.Final, v.Number, numberID, formatTime(v.ReportedAt), v.Reporter, v.Addressee, v.Snapshot,
		formatTime(v.CreatedAt), v.By)
	if err != nil {
		if isUnique(err) {
			if strings.Contains(err.Error(), "doc_number") {
				return docNumberTaken(v.Number)
			}
			return data.Invalid("report_no", "recorded")
		}
		return err
	}
	if v.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	detail := map[string]any{
		"id": v.ID, "kind": v.Kind, "no": v.No, "final": v.Final, "number": v.Number,
		"reported_at": formatTime(v.ReportedAt), "reporter": v.Reporter, "addressee": v.Addressee,
		"snapshot_sha256": sha256Hex(v.Snapshot), "by": v.By,
	}
	if imported {
		detail["imported"] = true
	}
	return s.appendAudit(tx, "report.version", caseSubject(v.CaseID), detail)
}

// numberForVersion settles v.Number inside tx and returns its row in the
// register: issued now when empty; taken as it is when the register gave it
// for this case and kind and no version uses it yet; registered as typed
// otherwise (refused when given before in the 年度).
func (s *Store) numberForVersion(tx *sql.Tx, v *data.ReportVersion) (int64, error) {
	if v.Number == "" {
		n, id, err := s.issueDocNumber(tx, v.Kind, v.CaseID, "", v.ReportedAt)
		v.Number = n
		return id, err
	}
	var id int64
	err := tx.QueryRow(`SELECT id FROM doc_numbers WHERE number = ? AND case_id = ? AND kind = ?
			AND id NOT IN (SELECT doc_number FROM report_versions)
		ORDER BY id DESC LIMIT 1`, v.Number, v.CaseID, v.Kind).Scan(&id)
	if err == sql.ErrNoRows {
		_, id, err = s.issueDocNumber(tx, v.Kind, v.CaseID, v.Number, v.ReportedAt)
	}
	return id, err
}

// PendingDocNumber is the latest number given for the case and kind that no
// recorded report uses yet.
func (s *Store) PendingDocNumber(caseID int64, kind string) (string, error) {
	var n string
	err := s.db.QueryRow(`SELECT number FROM doc_numbers WHERE case_id = ? AND kind = ?
			AND id NOT IN (SELECT doc_number FROM report_versions)
		ORDER BY id DESC LIMIT 1`, caseID, kind).Scan(&n)
	if err == sql.ErrNoRows {
		return "", nil
	}
	if err != nil {
		return "", sqlError("read document numbers", err)
	}
	return n, nil
}

// ReportVersions lists a case's recorded reports, oldest first.
func (s *Store) ReportVersions(caseID int64) ([]data.ReportVersion, error) {
	var zone string
	if err := s.db.QueryRow(`SELECT zone FROM cases WHERE id = ?`, caseID).Scan(&zone); err != nil {
		if err == sql.ErrNoRows {
			return nil, &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("case %d: no such case", caseID)}
		}
		return nil, sqlError("read report versions", err)
	}
	rows, err := s.db.Query(`SELECT id, kind, no, final, number, reported_at, reporter, addressee, snapshot, created_at, by
		FROM report_versions WHERE case_id = ? ORDER BY reported_at, no, id`, caseID)
	if err != nil {
		return nil, sqlError("read report versions", err)
	}
	defer rows.Close()
	var out []data.ReportVersion
	for rows.Next() {
		v := data.ReportVersion{CaseID: caseID}
		var reported, created string
		if err := rows.Scan(&v.ID, &v.Kind, &v.No, &v.Final, &v.Number, &reported, &v.Reporter, &v.Addressee, &v.Snapshot, &created, &v.By); err != nil {
			return nil, sqlError("read report versions", err)
		}
		v.ReportedAt = s.parseTime(reported, zone)
		v.CreatedAt = s.parseTime(created, zone)
		out = append(out, v)
	}
	return out, sqlErrorOrNil("read report versions", rows.Err())
}

// isUnique reports a UNIQUE (or PRIMARY KEY) constraint failure.
func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.ExtendedCode == sqlite3.ErrConstraintUnique || se.ExtendedCode == sqlite3.ErrConstraintPrimaryKey)
}

// sha256Hex identifies a snapshot in the audit log without copying it there.
func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
