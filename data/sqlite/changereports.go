package sqlite

import (
	"database/sql"
	"fmt"
	"time"

	"github.com/osaki-city/kinkyu/data"
)

// UnreportedChanges lists the changes of the city's entries that recipient
// has not been sent yet (data.ChangeReportStore).
func (s *Store) UnreportedChanges(recipient data.Body) ([]data.ContactChange, error) {
	if !data.ValidRecipient(recipient) {
		return nil, data.Invalid("recipient", "required")
	}
	rows, err := s.db.Query(`SELECT c.id, c.point_id, c.field, c.old, c.new, c.at, c.by, c.reported
		FROM contact_changes c JOIN contact_points p ON p.id = c.point_id
		WHERE p.body = ? AND c.reported = 0
			AND NOT EXISTS (SELECT 1 FROM change_reports r WHERE r.change_id = c.id AND r.recipient = ?)
		ORDER BY c.id`, string(data.BodyCity), string(recipient))
	if err != nil {
		return nil, sqlError("read unreported changes", err)
	}
	defer rows.Close()
	var out []data.ContactChange
	for rows.Next() {
		var c data.ContactChange
		var at string
		if err := rows.Scan(&c.ID, &c.PointID, &c.Field, &c.Old, &c.New, &at, &c.By, &c.Reported); err != nil {
			return nil, sqlError("read unreported changes", err)
		}
		c.At = s.parseTime(at, "")
		out = append(out, c)
	}
	return out, sqlErrorOrNil("read unreported changes", rows.Err())
}

// MarkChangesReportedTo records a notice sent to recipient.
func (s *Store) MarkChangesReportedTo(recipient data.Body, changeIDs []int64, at time.Time) error {
	if !data.ValidRecipient(recipient) {
		return data.Invalid("recipient", "required")
	}
	if at.IsZero() {
		at = data.Now()
	}
	by := s.currentActor()
	return s.tx("mark changes reported", func(tx *sql.Tx) error {
		var points []int64
		for _, id := range changeIDs {
			var point int64
			if err := tx.QueryRow(`SELECT point_id FROM contact_changes WHERE id = ?`, id).Scan(&point); err == sql.ErrNoRows {
				return &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("contact change %d: no such change", id)}
			} else if err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT OR IGNORE INTO change_reports (change_id, recipient, reported_at, by) VALUES (?, ?, ?, ?)`,
				id, string(recipient), formatTime(at), by); err != nil {
				return err
			}
			// Every recipient has it: the change is reported.
			var n int
			if err := tx.QueryRow(`SELECT count(*) FROM change_reports WHERE change_id = ?`, id).Scan(&n); err != nil {
				return err
			}
			if n >= len(data.NoticeRecipients) {
				if _, err := tx.Exec(`UPDATE contact_changes SET reported = 1 WHERE id = ? AND reported = 0`, id); err != nil {
					return err
				}
				if _, err := tx.Exec(`UPDATE contact_points SET reported_at = ? WHERE id = ?`, formatTime(at), point); err != nil {
					return err
				}
			}
			points = append(points, point)
		}
		return s.appendAudit(tx, "contact.reported", "contacts", map[string]any{
			"recipient": recipient, "changes": changeIDs, "points": points, "at": formatTime(at),
		})
	})
}

// ChangeReports lists what was reported to whom, by change ID.
func (s *Store) ChangeReports() (map[int64][]data.ChangeReport, error) {
	rows, err := s.db.Query(`SELECT change_id, recipient, reported_at, by FROM change_reports ORDER BY change_id, reported_at, recipient`)
	if err != nil {
		return nil, sqlError("read change reports", err)
	}
	defer rows.Close()
	out := map[int64][]data.ChangeReport{}
	for rows.Next() {
		var r data.ChangeReport
		var at string
		if err := rows.Scan(&r.ChangeID, &r.Recipient, &at, &r.By); err != nil {
			return nil, sqlError("read change reports", err)
		}
		r.At = s.parseTime(at, "")
		out[r.ChangeID] = append(out[r.ChangeID], r)
	}
	return out, sqlErrorOrNil("read change reports", rows.Err())
}
