package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/osaki-city/kinkyu/data"
)

// ExportCase gathers one case with everything recorded about it
// (data.CaseExport, written by `kinkyu export`).
func (s *Store) ExportCase(caseID int64) (data.CaseExport, error) {
	x := data.CaseExport{Format: data.ExportFormat, Version: data.ExportVersion}
	var err error
	wrap := func(what string, err error) error { return fmt.Errorf("export case %d: %s: %w", caseID, what, err) }
	if x.Case, err = s.Case(caseID); err != nil {
		return x, wrap("case", err)
	}
	x.Zone = x.Case.DiscoveredAt.Location().String()
	head, err := s.Head()
	if err != nil {
		return x, wrap("audit head", err)
	}
	x.Source = data.ExportSource{File: filepath.Base(s.path), Number: x.Case.Number,
		AuditSeq: head.Seq, AuditHash: head.Hash, ExportedAt: data.Now().In(x.Case.DiscoveredAt.Location())}
	if x.Timeline, err = s.Timeline(caseID); err != nil {
		return x, wrap("timeline", err)
	}
	steps, err := s.Steps(caseID)
	if err != nil {
		return x, wrap("steps", err)
	}
	for _, st := range data.StepsFor(x.Case.Class) {
		if p, ok := steps[st.ID]; ok {
			x.Steps = append(x.Steps, p)
			delete(steps, st.ID)
		}
	}
	for _, p := range sortedSteps(steps) { // steps of another class, kept from before a class change
		x.Steps = append(x.Steps, p)
	}
	m, err := s.MisconductReport(caseID)
	if err != nil {
		return x, wrap("misconduct report", err)
	}
	if m != (data.MisconductReport{CaseID: caseID}) {
		x.Misconduct = &m
	}
	resp, err := s.MisconductResponse(caseID)
	if err != nil {
		return x, wrap("misconduct response", err)
	}
	if !resp.Empty() {
		x.Response = &resp
	}
	f, err := s.FailureReport(caseID)
	if err != nil {
		return x, wrap("failure report", err)
	}
	if f != (data.FailureReport{CaseID: caseID}) {
		x.Failure = &f
	}
	checks, err := s.CheckResults(caseID)
	if err != nil {
		return x, wrap("checks", err)
	}
	for _, id := range sortedKeys(checks) {
		x.Checks = append(x.Checks, checks[id])
	}
	if x.Threats, err = s.ThreatAssessments(caseID); err != nil {
		return x, wrap("threat assessments", err)
	}
	ms, err := s.Milestones(caseID)
	if err != nil {
		return x, wrap("milestones", err)
	}
	for _, k := range []data.MilestoneKind{data.MilestoneStop, data.MilestoneIntegrity, data.MilestoneApproval, data.MilestoneReregistration} {
		if v, ok := ms[k]; ok {
			x.Milestones = append(x.Milestones, v)
		}
	}
	if x.Meetings, err = s.Meetings(caseID); err != nil {
		return x, wrap("meetings", err)
	}
	if x.Tasks, err = s.Tasks(caseID); err != nil {
		return x, wrap("tasks", err)
	}
	calls, err := s.Calls(caseID)
	if err != nil {
		return x, wrap("calls", err)
	}
	for _, c := range calls {
		ec := data.ExportedCall{Call: c}
		if c.PointID != 0 {
			if p, err := s.ContactPoint(c.PointID); err == nil {
				ec.PointBody, ec.PointRole, ec.PointName = p.Body, p.Role, p.Name
			}
		}
		x.Calls = append(x.Calls, ec)
	}
	if x.Documents, err = s.Documents(caseID); err != nil {
		return x, wrap("documents", err)
	}
	repair, err := s.RepairRequest(caseID)
	if err != nil {
		return x, wrap("repair request", err)
	}
	if !repair.Empty() {
		x.Repair = &repair
	}
	if x.Notifications, err = s.Notifications(caseID); err != nil {
		return x, wrap("notifications", err)
	}
	if x.Prevention, err = s.PreventionMeasures(caseID); err != nil {
		return x, wrap("prevention measures", err)
	}
	if x.PreservedLogs, err = s.PreservedLogs(caseID); err != nil {
		return x, wrap("preserved logs", err)
	}
	versions, err := s.ReportVersions(caseID)
	if err != nil {
		return x, wrap("report versions", err)
	}
	for _, v := range versions {
		x.Reports = append(x.Reports, data.ExportedReport{ReportVersion: v, Snapshot: json.RawMessage(v.Snapshot)})
	}
	return x, nil
}

// ImportCase creates the case of an export as a new case of this file, in one
// transaction: a new number of its discovery year, new IDs with the links
// between the parts kept, an audit event for every part as when it was first
// written, and a timeline line saying where it came from. Nothing is written
// when any part is refused.
func (s *Store) ImportCase(x *data.CaseExport, fromFile string) (data.Case, error) {
	if err := x.Check(); err != nil {
		return data.Case{}, err
	}
	loc := s.location(x.Zone)
	if x.Zone == "" || loc == time.Local {
		loc = s.location("Asia/Tokyo") // the regulation's own zone
	}
	in := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.In(loc)
	}
	c := x.Case
	c.ID, c.Number = 0, ""
	if c.Status == "" {
		c.Status = data.StatusOpen
	}
	c.DiscoveredAt, c.OccurredAt, c.NoticeAt = in(c.DiscoveredAt), in(c.OccurredAt), in(c.NoticeAt)
	err := s.tx("import case", func(tx *sql.Tx) error {
		if err := s.createCase(tx, &c); err != nil {
			return err
		}
		if err := s.appendAudit(tx, "case.import", caseSubject(c.ID), map[string]any{
			"from_file": fromFile, "from_number": x.Source.Number, "from_audit_seq": x.Source.AuditSeq,
			"from_audit_hash": x.Source.AuditHash, "format": x.Format, "version": x.Version,
		}); err != nil {
			return err
		}
		entries := map[int64]int64{} // source entry ID → new ID
		callEntries := map[string]int64{}
		for _, e := range x.Timeline {
			old := e.ID
			e.ID, e.CaseID, e.At = 0, c.ID, in(e.At)
			if e.Corrects != 0 {
				e.Corrects = entries[e.Corrects]
				if e.Corrects == 0 {
					return data.Invalid("corrects", "unknown")
				}
			}
			if err := s.addEntry(tx, &e); err != nil {
				return err
			}
			entries[old] = e.ID
			if e.Kind == data.EntryCall {
				callEntries[formatTime(e.At)+"\x00"+e.Author] = e.ID
			}
		}
		for _, p := range x.Steps {
			p.CaseID, p.At = c.ID, in(p.At)
			// Written as recorded: the guard rails held when they were ticked.
			if _, err := tx.Exec(`INSERT INTO steps (case_id, step_id, done, done_by, done_at, note) VALUES (?, ?, ?, ?, ?, ?)`,
				p.CaseID, p.StepID, p.Done, p.By, formatTime(p.At), p.Note); err != nil {
				return err
			}
			if err := s.appendAudit(tx, "step.set", caseSubject(c.ID), map[string]any{
				"step": p.StepID, "done": p.Done, "by": p.By, "at": formatTime(p.At), "note": p.Note,
			}); err != nil {
				return err
			}
		}
		if r := x.Misconduct; r != nil {
			r.CaseID, r.ReportedAt = c.ID, in(r.ReportedAt)
			if err := r.Validate(); err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT INTO misconduct_reports (case_id, discovery_note, device, location, details,
					expected_damage, measures, measures_text, reporter, reported_to, reported_at, report_no)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				r.CaseID, r.DiscoveryNote, r.Device, r.Location, r.Details, r.ExpectedDamage, r.Measures, r.MeasuresText,
				r.Reporter, r.ReportedTo, formatTime(r.ReportedAt), r.ReportNo); err != nil {
				return err
			}
			if err := s.appendAudit(tx, "report.misconduct", caseSubject(c.ID), r); err != nil {
				return err
			}
		}
		if r := x.Response; r != nil {
			r.CaseID = c.ID
			r.ChiefReportedAt, r.HearingAt, r.DisposalAt = in(r.ChiefReportedAt), in(r.HearingAt), in(r.DisposalAt)
			r.RequestedAt, r.AgencyReportAt = in(r.RequestedAt), in(r.AgencyReportAt)
			if err := r.Validate(); err != nil {
				return err
			}
			if err := putResponse(tx, r); err != nil {
				return err
			}
			if err := s.appendAudit(tx, "response.misconduct", caseSubject(c.ID), r); err != nil {
				return err
			}
		}
		if r := x.Failure; r != nil {
			r.CaseID = c.ID
			r.ContractorRequestedAt, r.ChiefReportedAt = in(r.ContractorRequestedAt), in(r.ChiefReportedAt)
			r.DecidedAt, r.ReportedAt = in(r.DecidedAt), in(r.ReportedAt)
			if err := r.Validate(); err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT INTO failure_reports (case_id, type, event, place, cause, cause_unknown,
					contractor_request, contractor_requested_at, data_impact, data_impact_text, chief_reported_at,
					stop_estimate, stop_decision, decided_at, decided_by, reporter, reported_to, reported_at, report_no)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				r.CaseID, r.Type, r.Event, r.Place, r.Cause, r.CauseUnknown, r.ContractorRequest, formatTime(r.ContractorRequestedAt),
				r.DataImpact, r.DataImpactText, formatTime(r.ChiefReportedAt), r.StopEstimate, r.StopDecision,
				formatTime(r.DecidedAt), r.DecidedBy, r.Reporter, r.ReportedTo, formatTime(r.ReportedAt), r.ReportNo); err != nil {
				return err
			}
			if err := s.appendAudit(tx, "report.failure", caseSubject(c.ID), r); err != nil {
				return err
			}
		}
		for _, k := range x.Checks {
			k.CaseID, k.At = c.ID, in(k.At)
			if err := k.Validate(); err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT INTO check_results (case_id, check_id, result, note, at, by) VALUES (?, ?, ?, ?, ?, ?)`,
				k.CaseID, k.CheckID, k.Result, k.Note, formatTime(k.At), k.By); err != nil {
				return err
			}
			if err := s.appendAudit(tx, "check.set", caseSubject(c.ID), k); err != nil {
				return err
			}
		}
		for i, a := range x.Threats {
			a.ID, a.CaseID, a.At = 0, c.ID, in(a.At)
			if err := a.Validate(data.NeedsReason(x.Threats[:i], a)); err != nil {
				return err
			}
			if err := s.insertThreat(tx, &a); err != nil {
				return err
			}
		}
		for _, m := range x.Milestones {
			m.CaseID, m.At = c.ID, in(m.At)
			if err := m.Validate(); err != nil {
				return err
			}
			if err := s.putMilestone(tx, m); err != nil {
				return err
			}
		}
		_, _, rows := data.MeetingTable(c.Class)
		items := map[int64]int64{} // source agenda item ID → new ID
		meetings := map[int64]int64{}
		for _, m := range x.Meetings {
			old := m.ID
			m.ID, m.CaseID = 0, c.ID
			m.Date, m.OpenedAt, m.ClosedAt = in(m.Date), in(m.OpenedAt), in(m.ClosedAt)
			if err := m.Validate(); err != nil {
				return err
			}
			if err := insertMeeting(tx, &m); err != nil {
				return err
			}
			meetings[old] = m.ID
			for _, it := range m.Items {
				oldItem := it.ID
				it.ID, it.MeetingID = 0, m.ID
				it.StartedAt, it.DecidedAt, it.Due = in(it.StartedAt), in(it.DecidedAt), in(it.Due)
				if err := it.ValidateFor(c.Class); err != nil {
					return err
				}
				if it.Key != "" && !slices.ContainsFunc(rows, func(r data.MeetingItem) bool { return r.ID == it.Key }) {
					return data.Invalid("item_title", "unknown")
				}
				choices, _ := json.Marshal(it.Choices)
				if it.Choices == nil {
					choices = []byte("[]")
				}
				res, err := tx.Exec(`INSERT INTO agenda_items (meeting_id, key, title, position, choices, target, discussion, decision,
						owner, due, status, started_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
					it.MeetingID, it.Key, it.Title, it.Order, string(choices), it.Target, it.Discussion, it.Decision,
					it.Owner, formatTime(it.Due), it.Status, formatTime(it.StartedAt), formatTime(it.DecidedAt))
				if err != nil {
					return err
				}
				if it.ID, err = res.LastInsertId(); err != nil {
					return err
				}
				items[oldItem] = it.ID
			}
			m.Items = nil
			if err := s.appendAudit(tx, "meeting.import", meetingSubject(c.ID), m); err != nil {
				return err
			}
		}
		for _, t := range x.Tasks {
			t.CaseID, t.MeetingID, t.ItemID = c.ID, meetings[t.MeetingID], items[t.ItemID]
			if t.MeetingID == 0 || t.ItemID == 0 {
				return data.Invalid("task", "unknown")
			}
			t.Due, t.DoneAt = in(t.Due), in(t.DoneAt)
			res, err := tx.Exec(`INSERT INTO tasks (case_id, meeting_id, item_id, text, owner, due, done, done_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				t.CaseID, t.MeetingID, t.ItemID, t.Text, t.Owner, formatTime(t.Due), t.Done, formatTime(t.DoneAt))
			if err != nil {
				return err
			}
			if t.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			if err := s.appendAudit(tx, "task.import", caseSubject(c.ID), t); err != nil {
				return err
			}
		}
		calls := map[int64]int64{} // source call ID → new ID
		for _, ec := range x.Calls {
			k := ec.Call
			oldCall := k.ID
			k.ID, k.CaseID, k.At, k.PointID = 0, c.ID, in(k.At), 0
			if err := k.Validate(); err != nil {
				return err
			}
			var point, entry any
			// The same body in this file, if it has one; else the call keeps
			// only the person and number it names.
			var id int64
			err := tx.QueryRow(`SELECT id FROM contact_points WHERE body = ? AND role = ? AND name = ? AND removed_at = ''
				ORDER BY id LIMIT 1`, ec.PointBody, ec.PointRole, ec.PointName).Scan(&id)
			if err == nil {
				point, k.PointID = id, id
			} else if err != sql.ErrNoRows {
				return err
			}
			if e, ok := callEntries[formatTime(k.At)+"\x00"+k.By]; ok {
				entry = e
			}
			res, err := tx.Exec(`INSERT INTO calls (case_id, point_id, person, number, deputy, at, reached, note, by, entry_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				k.CaseID, point, k.Person, k.Number, k.Deputy, formatTime(k.At), k.Reached, k.Note, k.By, entry)
			if err != nil {
				return err
			}
			if k.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			calls[oldCall] = k.ID
			if err := s.appendAudit(tx, "call.record", caseSubject(c.ID), k); err != nil {
				return err
			}
		}
		if err := s.importAftercare(tx, x, c.ID, in, calls, items); err != nil {
			return err
		}
		for _, d := range x.Documents {
			d.ID, d.CaseID, d.CreatedAt = 0, c.ID, in(d.CreatedAt)
			if err := d.Validate(); err != nil {
				return err
			}
			fps := make([]string, len(d.Signers))
			for i, sg := range d.Signers {
				fps[i] = sg.Fingerprint
			}
			signers, _ := json.Marshal(fps)
			res, err := tx.Exec(`INSERT INTO documents (case_id, kind, file_name, sha256, signers, created_at, by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				d.CaseID, d.Kind, d.FileName, d.SHA256, string(signers), formatTime(d.CreatedAt), d.By)
			if err != nil {
				return err
			}
			if d.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			// The signers are not made known certificates of this file: they
			// signed documents of another file, which this one cannot vouch for.
			if err := s.appendAudit(tx, "document.import", caseSubject(c.ID), d); err != nil {
				return err
			}
		}
		// A recorded 第n報 keeps its 文書番号 and its frozen content: it is
		// what was sent. The number goes into this file's register as one
		// given elsewhere; a number this file gave already in that 年度 is
		// refused (two documents of the city with one number).
		for _, er := range x.Reports {
			v := er.ReportVersion
			v.ID, v.CaseID, v.Snapshot = 0, c.ID, []byte(er.Snapshot)
			v.ReportedAt, v.CreatedAt = in(v.ReportedAt), in(v.CreatedAt)
			if err := v.Validate(); err != nil {
				return err
			}
			if !json.Valid(v.Snapshot) {
				return data.Invalid("snapshot", "format")
			}
			_, numberID, err := s.issueDocNumber(tx, v.Kind, c.ID, v.Number, v.ReportedAt)
			if err != nil {
				return err
			}
			if err := s.insertVersion(tx, &v, numberID, true); err != nil {
				return err
			}
		}
		mark := data.Entry{CaseID: c.ID, At: in(data.Now()), Kind: data.EntryCase,
			Text: fmt.Sprintf("取り込み：%s の事案 %s から（監査ログ #%d）", x.Source.File, x.Source.Number, x.Source.AuditSeq)}
		return s.addEntry(tx, &mark)
	})
	if err != nil {
		return data.Case{}, err
	}
	return s.Case(c.ID)
}

// importAftercare writes the records of schema 7 of an export: the links to
// a call or an agenda item follow them to their new IDs (an unknown one is
// refused, as a broken link elsewhere is).
func (s *Store) importAftercare(tx *sql.Tx, x *data.CaseExport, caseID int64, in func(time.Time) time.Time, calls, items map[int64]int64) error {
	if r := x.Repair; r != nil {
		r.CaseID, r.RequestedAt, r.CompletedAt = caseID, in(r.RequestedAt), in(r.CompletedAt)
		if err := r.Validate(); err != nil {
			return err
		}
		if err := s.putRepairRequest(tx, r); err != nil {
			return err
		}
	}
	for _, n := range x.Notifications {
		n.ID, n.CaseID, n.At = 0, caseID, in(n.At)
		if n.CallID != 0 {
			if n.CallID = calls[n.CallID]; n.CallID == 0 {
				return data.Invalid("call", "unknown")
			}
		}
		if err := n.Validate(); err != nil {
			return err
		}
		if err := s.putNotification(tx, &n); err != nil {
			return err
		}
	}
	for _, m := range x.Prevention {
		m.ID, m.CaseID, m.Due = 0, caseID, in(m.Due)
		if m.ItemID != 0 {
			if m.ItemID = items[m.ItemID]; m.ItemID == 0 {
				return data.Invalid("item", "unknown")
			}
		}
		if err := m.Validate(); err != nil {
			return err
		}
		if err := s.putPreventionMeasure(tx, &m); err != nil {
			return err
		}
	}
	for _, l := range x.PreservedLogs {
		l.ID, l.CaseID, l.At = 0, caseID, in(l.At)
		if err := l.Validate(); err != nil {
			return err
		}
		if err := s.putPreservedLog(tx, &l); err != nil {
			return err
		}
	}
	return nil
}

// sortedSteps lists steps by ID, for a stable export.
func sortedSteps(m map[string]data.StepProgress) []data.StepProgress {
	var out []data.StepProgress
	for _, k := range sortedKeys(m) {
		out = append(out, m[k])
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
