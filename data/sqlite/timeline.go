package sqlite

import (
	"database/sql"
	"fmt"

	"github.com/osaki-city/kinkyu/data"
)

// SetStep records a procedure step as done or not done and, in the same
// transaction, puts timelineText on the case's timeline.
func (s *Store) SetStep(p data.StepProgress, timelineText string) error {
	if p.StepID == "" {
		return data.Invalid("step", "required")
	}
	if p.At.IsZero() {
		p.At = data.Now()
	}
	c, err := s.Case(p.CaseID)
	if err != nil {
		return err
	}
	return s.tx("record step", func(tx *sql.Tx) error {
		if err := s.putStep(tx, p); err != nil {
			return err
		}
		if timelineText == "" {
			return nil
		}
		e := data.Entry{CaseID: p.CaseID, At: p.At.In(c.DiscoveredAt.Location()), Kind: data.EntryStep, Text: timelineText, Author: p.By}
		return s.addEntry(tx, &e)
	})
}

// putStep writes a step's progress and its audit event inside tx, refusing a
// resumption step that ResumptionBlocker does not allow yet.
func (s *Store) putStep(tx *sql.Tx, p data.StepProgress) error {
	if p.Done && data.ResumeSteps[p.StepID] {
		ms, err := s.milestones(tx, p.CaseID)
		if err != nil {
			return err
		}
		if err := data.ResumptionBlocker(ms); err != nil {
			return err
		}
	}
	_, err := tx.Exec(`INSERT INTO steps (case_id, step_id, done, done_by, done_at, note) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (case_id, step_id) DO UPDATE SET done = excluded.done, done_by = excluded.done_by,
			done_at = excluded.done_at, note = excluded.note`,
		p.CaseID, p.StepID, p.Done, p.By, formatTime(p.At), p.Note)
	if err != nil {
		return err
	}
	return s.appendAudit(tx, "step.set", caseSubject(p.CaseID), map[string]any{
		"step": p.StepID, "done": p.Done, "by": p.By, "at": formatTime(p.At), "note": p.Note,
	})
}

// Steps returns the recorded progress of a case's steps by step ID.
func (s *Store) Steps(caseID int64) (map[string]data.StepProgress, error) {
	rows, err := s.db.Query(`SELECT s.step_id, s.done, s.done_by, s.done_at, s.note, c.zone
		FROM steps s JOIN cases c ON c.id = s.case_id WHERE s.case_id = ?`, caseID)
	if err != nil {
		return nil, sqlError("read steps", err)
	}
	defer rows.Close()
	out := map[string]data.StepProgress{}
	for rows.Next() {
		p := data.StepProgress{CaseID: caseID}
		var at, zone string
		if err := rows.Scan(&p.StepID, &p.Done, &p.By, &at, &p.Note, &zone); err != nil {
			return nil, sqlError("read steps", err)
		}
		p.At = s.parseTime(at, zone)
		out[p.StepID] = p
	}
	return out, sqlErrorOrNil("read steps", rows.Err())
}

// AddEntry appends an entry to a case's timeline.
func (s *Store) AddEntry(e *data.Entry) error {
	if e.Kind == "" {
		e.Kind = data.EntryNote
	}
	if err := e.Validate(); err != nil {
		return err
	}
	return s.tx("add timeline entry", func(tx *sql.Tx) error { return s.addEntry(tx, e) })
}

func (s *Store) addEntry(tx *sql.Tx, e *data.Entry) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if e.Corrects != 0 {
		var caseID int64
		err := tx.QueryRow(`SELECT case_id FROM entries WHERE id = ?`, e.Corrects).Scan(&caseID)
		if err == sql.ErrNoRows || (err == nil && caseID != e.CaseID) {
			return &data.Error{Code: data.ENOTFOUND, Field: "corrects", Err: fmt.Errorf("entry %d is not on case %d", e.Corrects, e.CaseID)}
		}
		if err != nil {
			return err
		}
	}
	e.RecordedAt = data.Now()
	if e.Author == "" {
		e.Author = s.currentActor()
	}
	var corrects any
	if e.Corrects != 0 {
		corrects = e.Corrects
	}
	res, err := tx.Exec(`INSERT INTO entries (case_id, at, kind, text, author, corrects, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.CaseID, formatTime(e.At), e.Kind, e.Text, e.Author, corrects, formatTime(e.RecordedAt))
	if err != nil {
		if isForeignKey(err) {
			return &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("case %d: no such case", e.CaseID)}
		}
		return err
	}
	if e.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO search (rowid, text, case_id, entry_id) VALUES (?, ?, ?, ?)`,
		e.ID, e.Text, e.CaseID, e.ID); err != nil {
		return err
	}
	return s.appendAudit(tx, "entry.add", caseSubject(e.CaseID), map[string]any{
		"entry": e.ID, "at": formatTime(e.At), "kind": e.Kind, "text": e.Text, "author": e.Author, "corrects": e.Corrects,
	})
}

// Timeline returns a case's entries in the order they happened.
func (s *Store) Timeline(caseID int64) ([]data.Entry, error) {
	return s.readTimeline(caseID, 0)
}

// TimelineAfter returns the entries of a case with an ID above afterID, in
// the order they happened, and the number of entries of the case.
func (s *Store) TimelineAfter(caseID, afterID int64) ([]data.Entry, int, error) {
	var total int
	if err := s.db.QueryRow(`SELECT count(*) FROM entries WHERE case_id = ?`, caseID).Scan(&total); err != nil {
		return nil, 0, sqlError("read timeline", err)
	}
	added, err := s.readTimeline(caseID, afterID)
	return added, total, err
}

func (s *Store) readTimeline(caseID, afterID int64) ([]data.Entry, error) {
	var zone string
	if err := s.db.QueryRow(`SELECT zone FROM cases WHERE id = ?`, caseID).Scan(&zone); err != nil {
		if err == sql.ErrNoRows {
			return nil, &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("case %d: no such case", caseID)}
		}
		return nil, sqlError("read timeline", err)
	}
	rows, err := s.db.Query(`SELECT id, at, kind, text, author, coalesce(corrects, 0), recorded_at
		FROM entries WHERE case_id = ? AND id > ? ORDER BY at, id`, caseID, afterID)
	if err != nil {
		return nil, sqlError("read timeline", err)
	}
	defer rows.Close()
	var out []data.Entry
	if afterID == 0 {
		out = make([]data.Entry, 0, 64)
	}
	for rows.Next() {
		e := data.Entry{CaseID: caseID}
		var at, rec string
		if err := rows.Scan(&e.ID, &at, &e.Kind, &e.Text, &e.Author, &e.Corrects, &rec); err != nil {
			return nil, sqlError("read timeline", err)
		}
		e.At = s.parseTime(at, zone)
		e.RecordedAt = s.parseTime(rec, zone)
		out = append(out, e)
	}
	return out, sqlErrorOrNil("read timeline", rows.Err())
}
