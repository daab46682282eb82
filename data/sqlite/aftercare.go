package sqlite

import (
	"database/sql"
	"fmt"

	"github.com/osaki-city/kinkyu/data"
)

// The records of data.AftercareStore: repair request (第4条第7号),
// notifications (第4条第9号, 第5条第8号ウ), prevention measures (第4条第10号)
// and preserved logs (第5条第7号).

// nullID is NULL for 0, for the optional links (call, agenda item).
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// caseRows runs a query of a case's rows after checking the case exists.
func (s *Store) caseRows(op string, caseID int64, query string) (*sql.Rows, error) {
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM cases WHERE id = ?`, caseID).Scan(&n); err != nil {
		return nil, sqlError(op, err)
	}
	if n == 0 {
		return nil, &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("case %d: no such case", caseID)}
	}
	rows, err := s.db.Query(query, caseID)
	if err != nil {
		return nil, sqlError(op, err)
	}
	return rows, nil
}

// RepairRequest reads the case's repair request (第4条第7号).
func (s *Store) RepairRequest(caseID int64) (data.RepairRequest, error) {
	r := data.RepairRequest{CaseID: caseID}
	rows, err := s.caseRows("read repair request", caseID,
		`SELECT recipient, requested_at, content, completed_at, by FROM repair_requests WHERE case_id = ?`)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var req, done string
		if err := rows.Scan(&r.To, &req, &r.Content, &done, &r.By); err != nil {
			return r, sqlError("read repair request", err)
		}
		r.RequestedAt, r.CompletedAt = s.parseTime(req, ""), s.parseTime(done, "")
	}
	return r, sqlErrorOrNil("read repair request", rows.Err())
}

// SaveRepairRequest stores the case's repair request.
func (s *Store) SaveRepairRequest(r *data.RepairRequest, timelineText string) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.tx("save repair request", func(tx *sql.Tx) error {
		if _, err := caseExists(tx, r.CaseID); err != nil {
			return err
		}
		if err := s.putRepairRequest(tx, r); err != nil {
			return err
		}
		return s.timeline(tx, r.CaseID, data.EntryReport, timelineText)
	})
}

func (s *Store) putRepairRequest(tx *sql.Tx, r *data.RepairRequest) error {
	if _, err := tx.Exec(`INSERT OR REPLACE INTO repair_requests (case_id, recipient, requested_at, content, completed_at, by)
		VALUES (?, ?, ?, ?, ?, ?)`, r.CaseID, r.To, formatTime(r.RequestedAt), r.Content, formatTime(r.CompletedAt), r.By); err != nil {
		return err
	}
	return s.appendAudit(tx, "repair.save", caseSubject(r.CaseID), r)
}

// Notifications lists the case's notifications of the related bodies.
func (s *Store) Notifications(caseID int64) ([]data.Notification, error) {
	rows, err := s.caseRows("read notifications", caseID, `SELECT id, step_id, body, name, person, at, by, method, note, coalesce(call_id, 0)
		FROM notifications WHERE case_id = ? ORDER BY at, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Notification
	for rows.Next() {
		n := data.Notification{CaseID: caseID}
		var at string
		if err := rows.Scan(&n.ID, &n.StepID, &n.Body, &n.Name, &n.Person, &at, &n.By, &n.Method, &n.Note, &n.CallID); err != nil {
			return nil, sqlError("read notifications", err)
		}
		n.At = s.parseTime(at, "")
		out = append(out, n)
	}
	return out, sqlErrorOrNil("read notifications", rows.Err())
}

// SaveNotification adds (ID 0) or updates a notification.
func (s *Store) SaveNotification(n *data.Notification, timelineText string) error {
	if err := n.Validate(); err != nil {
		return err
	}
	return s.tx("save notification", func(tx *sql.Tx) error {
		if _, err := caseExists(tx, n.CaseID); err != nil {
			return err
		}
		if err := s.putNotification(tx, n); err != nil {
			return err
		}
		return s.timeline(tx, n.CaseID, data.EntryReport, timelineText)
	})
}

func (s *Store) putNotification(tx *sql.Tx, n *data.Notification) error {
	if n.CallID != 0 {
		var ok int
		if err := tx.QueryRow(`SELECT count(*) FROM calls WHERE id = ? AND case_id = ?`, n.CallID, n.CaseID).Scan(&ok); err != nil {
			return err
		}
		if ok == 0 {
			n.CallID = 0 // a call of another case or file: keep the notification, not the link
		}
	}
	args := []any{n.StepID, n.Body, n.Name, n.Person, formatTime(n.At), n.By, n.Method, n.Note, nullID(n.CallID)}
	if n.ID == 0 {
		res, err := tx.Exec(`INSERT INTO notifications (step_id, body, name, person, at, by, method, note, call_id, case_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, n.CaseID)...)
		if err != nil {
			return err
		}
		if n.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	} else if err := updateOne(tx, `UPDATE notifications SET step_id = ?, body = ?, name = ?, person = ?, at = ?, by = ?, method = ?, note = ?, call_id = ?
			WHERE case_id = ? AND id = ?`, append(args, n.CaseID, n.ID)...); err != nil {
		return err
	}
	return s.appendAudit(tx, "notification.save", caseSubject(n.CaseID), n)
}

// DeleteNotification removes a notification recorded by mistake (the audit
// log keeps it).
func (s *Store) DeleteNotification(caseID, id int64, timelineText string) error {
	return s.deleteRow("notifications", "notification.delete", caseID, id, timelineText)
}

// PreventionMeasures lists the case's measures against recurrence.
func (s *Store) PreventionMeasures(caseID int64) ([]data.PreventionMeasure, error) {
	rows, err := s.caseRows("read prevention measures", caseID, `SELECT id, measure, text, owner, due, coalesce(item_id, 0)
		FROM prevention_measures WHERE case_id = ? ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.PreventionMeasure
	for rows.Next() {
		m := data.PreventionMeasure{CaseID: caseID}
		var due string
		if err := rows.Scan(&m.ID, &m.Measure, &m.Text, &m.Owner, &due, &m.ItemID); err != nil {
			return nil, sqlError("read prevention measures", err)
		}
		m.Due = s.parseTime(due, "")
		out = append(out, m)
	}
	return out, sqlErrorOrNil("read prevention measures", rows.Err())
}

// SavePreventionMeasure adds (ID 0) or updates a measure.
func (s *Store) SavePreventionMeasure(m *data.PreventionMeasure, timelineText string) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return s.tx("save prevention measure", func(tx *sql.Tx) error {
		if _, err := caseExists(tx, m.CaseID); err != nil {
			return err
		}
		if err := s.putPreventionMeasure(tx, m); err != nil {
			return err
		}
		return s.timeline(tx, m.CaseID, data.EntryReport, timelineText)
	})
}

func (s *Store) putPreventionMeasure(tx *sql.Tx, m *data.PreventionMeasure) error {
	if m.ItemID != 0 {
		var ok int
		if err := tx.QueryRow(`SELECT count(*) FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
			WHERE i.id = ? AND m.case_id = ?`, m.ItemID, m.CaseID).Scan(&ok); err != nil {
			return err
		}
		if ok == 0 {
			return data.Invalid("item", "unknown")
		}
	}
	args := []any{m.Measure, m.Text, m.Owner, formatTime(m.Due), nullID(m.ItemID)}
	if m.ID == 0 {
		res, err := tx.Exec(`INSERT INTO prevention_measures (measure, text, owner, due, item_id, case_id) VALUES (?, ?, ?, ?, ?, ?)`,
			append(args, m.CaseID)...)
		if err != nil {
			return err
		}
		if m.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	} else if err := updateOne(tx, `UPDATE prevention_measures SET measure = ?, text = ?, owner = ?, due = ?, item_id = ?
			WHERE case_id = ? AND id = ?`, append(args, m.CaseID, m.ID)...); err != nil {
		return err
	}
	return s.appendAudit(tx, "prevention.save", caseSubject(m.CaseID), m)
}

// DeletePreventionMeasure removes a measure (the audit log keeps it).
func (s *Store) DeletePreventionMeasure(caseID, id int64, timelineText string) error {
	return s.deleteRow("prevention_measures", "prevention.delete", caseID, id, timelineText)
}

// PreservedLogs lists the access logs preserved for the case.
func (s *Store) PreservedLogs(caseID int64) ([]data.PreservedLog, error) {
	rows, err := s.caseRows("read preserved logs", caseID, `SELECT id, log, place, by, at, note
		FROM preserved_logs WHERE case_id = ? ORDER BY at, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.PreservedLog
	for rows.Next() {
		l := data.PreservedLog{CaseID: caseID}
		var at string
		if err := rows.Scan(&l.ID, &l.Log, &l.Place, &l.By, &at, &l.Note); err != nil {
			return nil, sqlError("read preserved logs", err)
		}
		l.At = s.parseTime(at, "")
		out = append(out, l)
	}
	return out, sqlErrorOrNil("read preserved logs", rows.Err())
}

// SavePreservedLog adds (ID 0) or updates a preserved log.
func (s *Store) SavePreservedLog(l *data.PreservedLog, timelineText string) error {
	if err := l.Validate(); err != nil {
		return err
	}
	return s.tx("save preserved log", func(tx *sql.Tx) error {
		if _, err := caseExists(tx, l.CaseID); err != nil {
			return err
		}
		if err := s.putPreservedLog(tx, l); err != nil {
			return err
		}
		return s.timeline(tx, l.CaseID, data.EntryReport, timelineText)
	})
}

func (s *Store) putPreservedLog(tx *sql.Tx, l *data.PreservedLog) error {
	args := []any{l.Log, l.Place, l.By, formatTime(l.At), l.Note}
	if l.ID == 0 {
		res, err := tx.Exec(`INSERT INTO preserved_logs (log, place, by, at, note, case_id) VALUES (?, ?, ?, ?, ?, ?)`, append(args, l.CaseID)...)
		if err != nil {
			return err
		}
		if l.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	} else if err := updateOne(tx, `UPDATE preserved_logs SET log = ?, place = ?, by = ?, at = ?, note = ? WHERE case_id = ? AND id = ?`,
		append(args, l.CaseID, l.ID)...); err != nil {
		return err
	}
	return s.appendAudit(tx, "log.preserve", caseSubject(l.CaseID), l)
}

// DeletePreservedLog removes a preserved log record (the audit log keeps it).
func (s *Store) DeletePreservedLog(caseID, id int64, timelineText string) error {
	return s.deleteRow("preserved_logs", "log.delete", caseID, id, timelineText)
}

// updateOne runs an UPDATE that must change exactly one row of the case.
func updateOne(tx *sql.Tx, query string, args ...any) error {
	res, err := tx.Exec(query, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("no such record")}
	}
	return nil
}

// deleteRow removes one row of a case's records from table, with its audit
// event and timeline line.
func (s *Store) deleteRow(table, action string, caseID, id int64, timelineText string) error {
	return s.tx("delete from "+table, func(tx *sql.Tx) error {
		if err := updateOne(tx, `DELETE FROM `+table+` WHERE case_id = ? AND id = ?`, caseID, id); err != nil {
			return err
		}
		if err := s.appendAudit(tx, action, caseSubject(caseID), map[string]int64{"id": id}); err != nil {
			return err
		}
		return s.timeline(tx, caseID, data.EntryReport, timelineText)
	})
}
