package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/osaki-city/kinkyu/data"
)

// caseExists returns ENOTFOUND for a missing case, inside tx.
func caseExists(tx *sql.Tx, caseID int64) (data.Case, error) {
	var c data.Case
	err := tx.QueryRow(`SELECT class, zone FROM cases WHERE id = ?`, caseID).Scan(&c.Class, new(string))
	if err == sql.ErrNoRows {
		return c, &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("case %d: no such case", caseID)}
	}
	c.ID = caseID
	return c, err
}

// timeline puts text on the case's timeline inside tx; empty text writes nothing.
func (s *Store) timeline(tx *sql.Tx, caseID int64, kind, text string) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	e := data.Entry{CaseID: caseID, At: data.Now(), Kind: kind, Text: text}
	return s.addEntry(tx, &e)
}

// ChangeClass decides or changes the class of a case.
func (s *Store) ChangeClass(caseID int64, class data.Class, reason, timelineText string) error {
	if !class.Valid() {
		return data.Invalid("class", "required")
	}
	return s.tx("change class", func(tx *sql.Tx) error {
		c, err := caseExists(tx, caseID)
		if err != nil {
			return err
		}
		if c.Class == class {
			return nil
		}
		// Deciding a provisional 判定中 needs no reason; changing a decision does.
		if c.Class != data.ClassPending && strings.TrimSpace(reason) == "" {
			return data.Invalid("reason", "required")
		}
		if _, err := tx.Exec(`UPDATE cases SET class = ?, updated_at = ? WHERE id = ?`, class, formatTime(data.Now()), caseID); err != nil {
			return err
		}
		if err := s.appendAudit(tx, "case.class", caseSubject(caseID), map[string]string{
			"from": string(c.Class), "to": string(class), "reason": reason,
		}); err != nil {
			return err
		}
		return s.timeline(tx, caseID, data.EntryClass, timelineText)
	})
}

// MisconductReport reads the report items of a misconduct case.
func (s *Store) MisconductReport(caseID int64) (data.MisconductReport, error) {
	r := data.MisconductReport{CaseID: caseID}
	var zone, reportedAt string
	err := s.db.QueryRow(`SELECT discovery_note, device, location, details, expected_damage, measures, measures_text,
			reporter, reported_to, reported_at, report_no, c.zone
		FROM misconduct_reports JOIN cases c ON c.id = case_id WHERE case_id = ?`, caseID).Scan(
		&r.DiscoveryNote, &r.Device, &r.Location, &r.Details, &r.ExpectedDamage, &r.Measures, &r.MeasuresText,
		&r.Reporter, &r.ReportedTo, &reportedAt, &r.ReportNo, &zone)
	if err == sql.ErrNoRows {
		if _, err := s.Case(caseID); err != nil {
			return r, err
		}
		return r, nil
	}
	if err != nil {
		return r, sqlError("read report items", err)
	}
	r.ReportedAt = s.parseTime(reportedAt, zone)
	return r, nil
}

// SaveMisconductReport stores the report items of a misconduct case.
func (s *Store) SaveMisconductReport(r *data.MisconductReport, timelineText string) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.tx("save report items", func(tx *sql.Tx) error {
		if _, err := caseExists(tx, r.CaseID); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT OR REPLACE INTO misconduct_reports (case_id, discovery_note, device, location, details,
				expected_damage, measures, measures_text, reporter, reported_to, reported_at, report_no)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.CaseID, r.DiscoveryNote, r.Device, r.Location, r.Details, r.ExpectedDamage, r.Measures, r.MeasuresText,
			r.Reporter, r.ReportedTo, formatTime(r.ReportedAt), r.ReportNo)
		if err != nil {
			return err
		}
		if err := s.appendAudit(tx, "report.misconduct", caseSubject(r.CaseID), r); err != nil {
			return err
		}
		return s.timeline(tx, r.CaseID, data.EntryReport, timelineText)
	})
}

// FailureReport reads what is established about a failure.
func (s *Store) FailureReport(caseID int64) (data.FailureReport, error) {
	r := data.FailureReport{CaseID: caseID}
	var zone, requested, chief, decided, reported string
	err := s.db.QueryRow(`SELECT type, event, place, cause, cause_unknown, contractor_request, contractor_requested_at,
			data_impact, data_impact_text, chief_reported_at, stop_estimate, stop_decision, decided_at, decided_by,
			reporter, reported_to, reported_at, report_no, c.zone
		FROM failure_reports JOIN cases c ON c.id = case_id WHERE case_id = ?`, caseID).Scan(
		&r.Type, &r.Event, &r.Place, &r.Cause, &r.CauseUnknown, &r.ContractorRequest, &requested,
		&r.DataImpact, &r.DataImpactText, &chief, &r.StopEstimate, &r.StopDecision, &decided, &r.DecidedBy,
		&r.Reporter, &r.ReportedTo, &reported, &r.ReportNo, &zone)
	if err == sql.ErrNoRows {
		if _, err := s.Case(caseID); err != nil {
			return r, err
		}
		return r, nil
	}
	if err != nil {
		return r, sqlError("read failure report", err)
	}
	r.ContractorRequestedAt = s.parseTime(requested, zone)
	r.ChiefReportedAt = s.parseTime(chief, zone)
	r.DecidedAt = s.parseTime(decided, zone)
	r.ReportedAt = s.parseTime(reported, zone)
	return r, nil
}

// SaveFailureReport stores what is established about a failure.
func (s *Store) SaveFailureReport(r *data.FailureReport, timelineText string) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.tx("save failure report", func(tx *sql.Tx) error {
		if _, err := caseExists(tx, r.CaseID); err != nil {
			return err
		}
		_, err := tx.Exec(`INSERT OR REPLACE INTO failure_reports (case_id, type, event, place, cause, cause_unknown,
				contractor_request, contractor_requested_at, data_impact, data_impact_text, chief_reported_at,
				stop_estimate, stop_decision, decided_at, decided_by, reporter, reported_to, reported_at, report_no)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			r.CaseID, r.Type, r.Event, r.Place, r.Cause, r.CauseUnknown, r.ContractorRequest, formatTime(r.ContractorRequestedAt),
			r.DataImpact, r.DataImpactText, formatTime(r.ChiefReportedAt), r.StopEstimate, r.StopDecision,
			formatTime(r.DecidedAt), r.DecidedBy, r.Reporter, r.ReportedTo, formatTime(r.ReportedAt), r.ReportNo)
		if err != nil {
			return err
		}
		if err := s.appendAudit(tx, "report.failure", caseSubject(r.CaseID), r); err != nil {
			return err
		}
		return s.timeline(tx, r.CaseID, data.EntryReport, timelineText)
	})
}

// CheckResults reads the results of a failure's checks by check ID.
func (s *Store) CheckResults(caseID int64) (map[string]data.CheckResult, error) {
	rows, err := s.db.Query(`SELECT check_id, result, note, at, by, c.zone
		FROM check_results JOIN cases c ON c.id = case_id WHERE case_id = ?`, caseID)
	if err != nil {
		return nil, sqlError("read check results", err)
	}
	defer rows.Close()
	out := map[string]data.CheckResult{}
	for rows.Next() {
		r := data.CheckResult{CaseID: caseID}
		var at, zone string
		if err := rows.Scan(&r.CheckID, &r.Result, &r.Note, &at, &r.By, &zone); err != nil {
			return nil, sqlError("read check results", err)
		}
		r.At = s.parseTime(at, zone)
		out[r.CheckID] = r
	}
	return out, sqlErrorOrNil("read check results", rows.Err())
}

// SetCheckResult records the result of one check.
func (s *Store) SetCheckResult(c data.CheckResult, timelineText string) error {
	if c.At.IsZero() {
		c.At = data.Now()
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return s.tx("record check result", func(tx *sql.Tx) error {
		if _, err := caseExists(tx, c.CaseID); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT OR REPLACE INTO check_results (case_id, check_id, result, note, at, by) VALUES (?, ?, ?, ?, ?, ?)`,
			c.CaseID, c.CheckID, c.Result, c.Note, formatTime(c.At), c.By); err != nil {
			return err
		}
		if err := s.appendAudit(tx, "check.set", caseSubject(c.CaseID), c); err != nil {
			return err
		}
		return s.timeline(tx, c.CaseID, data.EntryReport, timelineText)
	})
}

// ThreatAssessments lists a case's threat determinations, oldest first.
func (s *Store) ThreatAssessments(caseID int64) ([]data.ThreatAssessment, error) {
	return s.threats(s.db, caseID)
}

func (s *Store) threats(q querier, caseID int64) ([]data.ThreatAssessment, error) {
	rows, err := q.Query(`SELECT t.id, t.examples, t.level, t.reason, t.at, t.by,
			t.basis, t.event_text, t.stage, t.officer, t.admin, c.zone
		FROM threat_assessments t JOIN cases c ON c.id = t.case_id WHERE t.case_id = ? ORDER BY t.id`, caseID)
	if err != nil {
		return nil, sqlError("read threat level", err)
	}
	defer rows.Close()
	var out []data.ThreatAssessment
	for rows.Next() {
		a := data.ThreatAssessment{CaseID: caseID}
		var examples, at, zone string
		if err := rows.Scan(&a.ID, &examples, &a.Level, &a.Reason, &at, &a.By,
			&a.Basis, &a.EventText, &a.Stage, &a.Officer, &a.Admin, &zone); err != nil {
			return nil, sqlError("read threat level", err)
		}
		if err := json.Unmarshal([]byte(examples), &a.Examples); err != nil {
			return nil, &data.Error{Code: data.EDAMAGED, Err: fmt.Errorf("threat assessment %d: %w", a.ID, err)}
		}
		a.At = s.parseTime(at, zone)
		out = append(out, a)
	}
	return out, sqlErrorOrNil("read threat level", rows.Err())
}

// AssessThreat records a determination (or revision) of the threat level.
func (s *Store) AssessThreat(a *data.ThreatAssessment, timelineText string) error {
	if a.At.IsZero() {
		a.At = data.Now()
	}
	if a.Basis != data.BasisEvent {
		a.Level = data.LevelOf(a.Examples)
	}
	return s.tx("record threat level", func(tx *sql.Tx) error {
		c, err := caseExists(tx, a.CaseID)
		if err != nil {
			return err
		}
		if c.Class != data.ClassMisconduct {
			return data.Invalid("class", "notmisconduct")
		}
		earlier, err := s.threats(tx, a.CaseID)
		if err != nil {
			return err
		}
		if err := a.Validate(data.NeedsReason(earlier, *a)); err != nil {
			return err
		}
		if err := s.insertThreat(tx, a); err != nil {
			return err
		}
		return s.timeline(tx, a.CaseID, data.EntryThreat, timelineText)
	})
}

// insertThreat writes a validated assessment and its audit event inside tx.
func (s *Store) insertThreat(tx *sql.Tx, a *data.ThreatAssessment) error {
	examples, _ := json.Marshal(a.Examples)
	if a.Examples == nil {
		examples = []byte("[]")
	}
	res, err := tx.Exec(`INSERT INTO threat_assessments (case_id, examples, level, reason, at, by, basis, event_text, stage, officer, admin)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.CaseID, string(examples), a.Level, a.Reason, formatTime(a.At), a.By, a.Basis, a.EventText, a.Stage, a.Officer, a.Admin)
	if err != nil {
		return err
	}
	if a.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return s.appendAudit(tx, "threat.assess", caseSubject(a.CaseID), a)
}

// Milestones reads the recorded milestones of a case by kind.
func (s *Store) Milestones(caseID int64) (map[data.MilestoneKind]data.Milestone, error) {
	return s.milestones(s.db, caseID)
}

type querier interface {
	Query(query string, args ...any) (*sql.Rows, error)
}

func (s *Store) milestones(q querier, caseID int64) (map[data.MilestoneKind]data.Milestone, error) {
	rows, err := q.Query(`SELECT kind, done, authority, at, by, note, c.zone
		FROM milestones JOIN cases c ON c.id = case_id WHERE case_id = ?`, caseID)
	if err != nil {
		return nil, sqlError("read milestones", err)
	}
	defer rows.Close()
	out := map[data.MilestoneKind]data.Milestone{}
	for rows.Next() {
		m := data.Milestone{CaseID: caseID}
		var at, zone string
		if err := rows.Scan(&m.Kind, &m.Done, &m.Authority, &at, &m.By, &m.Note, &zone); err != nil {
			return nil, sqlError("read milestones", err)
		}
		m.At = s.parseTime(at, zone)
		out[m.Kind] = m
	}
	return out, sqlErrorOrNil("read milestones", rows.Err())
}

// SetMilestone records (or withdraws, with Done false) a milestone.
func (s *Store) SetMilestone(m data.Milestone, timelineText string) error {
	if m.At.IsZero() {
		m.At = data.Now()
	}
	if err := m.Validate(); err != nil {
		return err
	}
	return s.tx("record milestone", func(tx *sql.Tx) error {
		if _, err := caseExists(tx, m.CaseID); err != nil {
			return err
		}
		if err := s.putMilestone(tx, m); err != nil {
			return err
		}
		return s.timeline(tx, m.CaseID, data.EntryMilestone, timelineText)
	})
}

// putMilestone writes a validated milestone and its audit event inside tx.
func (s *Store) putMilestone(tx *sql.Tx, m data.Milestone) error {
	if _, err := tx.Exec(`INSERT OR REPLACE INTO milestones (case_id, kind, done, authority, at, by, note) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		m.CaseID, m.Kind, m.Done, m.Authority, formatTime(m.At), m.By, m.Note); err != nil {
		return err
	}
	return s.appendAudit(tx, "milestone.set", caseSubject(m.CaseID), m)
}

// MisconductResponse reads what was done under 第5条第3号 and 第4号イ・ウ;
// a case with nothing recorded gives an empty one.
func (s *Store) MisconductResponse(caseID int64) (data.MisconductResponse, error) {
	r := data.MisconductResponse{CaseID: caseID}
	var zone, chief, hearing, disposal, requested, reported string
	err := s.db.QueryRow(`SELECT impact, impact_text, chief_reported_at, hearing_with, hearing_by, hearing_at, hearing_result,
			disposal, disposal_text, disposal_at, agency, request_text, requested_at, agency_report, agency_report_at, c.zone
		FROM misconduct_responses JOIN cases c ON c.id = case_id WHERE case_id = ?`, caseID).Scan(
		&r.Impact, &r.ImpactText, &chief, &r.HearingWith, &r.HearingBy, &hearing, &r.HearingResult,
		&r.Disposal, &r.DisposalText, &disposal, &r.Agency, &r.RequestText, &requested, &r.AgencyReport, &reported, &zone)
	if err == sql.ErrNoRows {
		if _, err := s.Case(caseID); err != nil {
			return r, err
		}
		return r, nil
	}
	if err != nil {
		return r, sqlError("read misconduct response", err)
	}
	r.ChiefReportedAt = s.parseTime(chief, zone)
	r.HearingAt = s.parseTime(hearing, zone)
	r.DisposalAt = s.parseTime(disposal, zone)
	r.RequestedAt = s.parseTime(requested, zone)
	r.AgencyReportAt = s.parseTime(reported, zone)
	return r, nil
}

// SaveMisconductResponse stores what was done under 第5条第3号 and 第4号イ・ウ.
func (s *Store) SaveMisconductResponse(r *data.MisconductResponse, timelineText string) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.tx("save misconduct response", func(tx *sql.Tx) error {
		if _, err := caseExists(tx, r.CaseID); err != nil {
			return err
		}
		if err := putResponse(tx, r); err != nil {
			return err
		}
		if err := s.appendAudit(tx, "response.misconduct", caseSubject(r.CaseID), r); err != nil {
			return err
		}
		return s.timeline(tx, r.CaseID, data.EntryReport, timelineText)
	})
}

func putResponse(tx *sql.Tx, r *data.MisconductResponse) error {
	_, err := tx.Exec(`INSERT OR REPLACE INTO misconduct_responses (case_id, impact, impact_text, chief_reported_at,
			hearing_with, hearing_by, hearing_at, hearing_result, disposal, disposal_text, disposal_at,
			agency, request_text, requested_at, agency_report, agency_report_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.CaseID, r.Impact, r.ImpactText, formatTime(r.ChiefReportedAt),
		r.HearingWith, r.HearingBy, formatTime(r.HearingAt), r.HearingResult, r.Disposal, r.DisposalText, formatTime(r.DisposalAt),
		r.Agency, r.RequestText, formatTime(r.RequestedAt), r.AgencyReport, formatTime(r.AgencyReportAt))
	return err
}
