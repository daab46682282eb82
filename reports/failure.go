package reports

import (
	"cmp"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// Steps of 第4条 whose records the failure report prints.
const (
	stepResume = "4-8" // 運用を再開する
	stepNotify = "4-9" // 関係機関に運用再開の連絡をする
)

// FailureReport makes the 障害発生報告書 of a failure case: the type and event,
// the place, the checks of the type with their results, the cause (or the
// request to the contractor), the impact on data protection, the stop
// decision, the repair request (第4条第7号), recovery and resumption with the
// related bodies told (第4条第9号), the prevention measures of 第4条第10号
// (those recorded ticked, with owner and due date), the 経過 and the seal
// boxes. Unsigned; the same CaseData and options give the same bytes.
func FailureReport(cd CaseData, opt DocOptions) ([]byte, error) {
	r := cd.Failure
	d := cd.begin(opt, report{
		titleKey:   "reports.failure.title",
		subjectKey: "reports.letter.subject_failure",
		leadKey:    "reports.letter.lead_report",
		reportNo:   r.ReportNo,
		reportedAt: r.ReportedAt,
	})

	d.Heading(i18n.T("reports.heading.failure"))
	rows := cd.caseRows()
	rows = append(rows, cd.whenRow(), cd.discovererRow())
	rows = append(rows, cd.failureRows()...)
	rows = append(rows, cd.reporterRows(r.Reporter, r.ReportedTo, r.ReportedAt, cmp.Or(opt.ReportNo, r.ReportNo), opt.Final)...)
	d.FormTable([2]string{}, rows)

	d.Heading(i18n.T("reports.heading.recovery"))
	d.FormTable([2]string{}, append([]FormRow{cd.repairRow()}, cd.recoveryRows(recoverySteps{resume: stepResume, notify: stepNotify, notifyLabel: "reports.row.notified"})...)) // 第4条第7号 first (aftercare.go)

	d.Heading(i18n.T("reports.heading.prevention"))
	d.FormTable([2]string{}, cd.preventionRows())

	d.KeepClosing(cd.Letter.Contact)
	cd.timeline(d, i18n.T("reports.heading.timeline_failure"))
	d.Closing(cd.Letter.Contact)
	return d.Bytes()
}

// failureRows are 第4条第1号〜第6号: type and event, place, checks, cause,
// impact and the stop decision.
func (cd CaseData) failureRows() []FormRow {
	r := cd.Failure
	text := func(key, s string) string {
		if s == "" {
			return ""
		}
		return i18n.T(key, map[string]any{"Text": s})
	}
	at := func(key string, t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return i18n.T(key, map[string]any{"At": cd.dateTime(t)})
	}

	var types []Check
	for _, fi := range data.FailureTypes {
		types = append(types, Check{Label: fi.Label, Checked: fi.Type == r.Type})
	}
	rows := []FormRow{
		{Label: i18n.T("reports.row.failure_type"), Cell: Cell{Checks: types, Text: i18n.T("reports.event", map[string]any{"Text": orNone(r.Event)})}},
		{Label: i18n.T("reports.row.place"), Cell: Cell{Text: orNone(r.Place)}},
	}

	checks := r.Type.Info().Checks
	if len(checks) == 0 {
		rows = append(rows, FormRow{Label: i18n.T("reports.row.check", map[string]any{"N": ""}), Cell: Cell{Text: i18n.T("reports.check.none")}})
	}
	for i, c := range checks {
		res := cd.Checks[data.CheckID(r.Type, i+1)]
		var by string
		if !res.At.IsZero() || res.By != "" {
			by = i18n.T("reports.check.by", map[string]any{"At": cd.dateTime(res.At), "By": res.By})
		}
		rows = append(rows, FormRow{
			Label: i18n.T("reports.row.check", map[string]any{"N": i + 1}) + "\n" + c,
			Cell: Cell{
				Checks: []Check{
					{Label: i18n.T("reports.check.ok"), Checked: res.Result == data.CheckOK},
					{Label: i18n.T("reports.check.abnormal"), Checked: res.Result == data.CheckAbnormal},
					{Label: i18n.T("reports.check.notdone"), Checked: res.Result == data.CheckNotDone},
				},
				Text: joinLines(res.Note, by),
			},
		})
	}

	// The request to the 保守委託事業者 stays in the report once the cause
	// is found: it is part of what was done (第4条第5号).
	cause := r.Cause
	if r.CauseUnknown {
		cause = joinLines(cause, i18n.T("reports.cause.not_found"))
	}
	if r.CauseUnknown || r.ContractorRequest != "" || !r.ContractorRequestedAt.IsZero() {
		cause = joinLines(cause,
			i18n.T("reports.cause.requested"),
			text("reports.cause.request", r.ContractorRequest),
			at("reports.cause.requested_at", r.ContractorRequestedAt),
		)
	}
	cause = orNone(cause)
	rows = append(rows, FormRow{Label: i18n.T("reports.row.cause"), Cell: Cell{Text: cause}})

	rows = append(rows, FormRow{Label: i18n.T("reports.row.impact"), Cell: Cell{
		Checks: []Check{
			{Label: i18n.T("reports.impact.none"), Checked: r.DataImpact == data.ImpactNone},
			{Label: i18n.T("reports.impact.possible"), Checked: r.DataImpact == data.ImpactPossible},
			{Label: i18n.T("reports.impact.yes"), Checked: r.DataImpact == data.ImpactYes},
		},
		Text: joinLines(text("reports.impact.text", r.DataImpactText), at("reports.impact.chief", r.ChiefReportedAt)),
	}})

	var decided string
	if !r.DecidedAt.IsZero() || r.DecidedBy != "" {
		decided = i18n.T("reports.stop.decided", map[string]any{"At": cd.dateTime(r.DecidedAt), "By": r.DecidedBy})
	}
	rows = append(rows,
		FormRow{Label: i18n.T("reports.row.stop"), Cell: Cell{Checks: []Check{
			{Label: i18n.T("reports.stop.temporary"), Checked: r.StopEstimate == data.StopTemporary},
			{Label: i18n.T("reports.stop.long"), Checked: r.StopEstimate == data.StopLong},
		}}},
		FormRow{Label: i18n.T("reports.row.stop_decision"), Cell: Cell{
			Checks: []Check{
				{Label: i18n.T("reports.stop.decision_stop"), Checked: r.StopDecision == data.DecisionStop},
				{Label: i18n.T("reports.stop.decision_meeting"), Checked: r.StopDecision == data.DecisionMeeting},
			},
			Text: decided,
		}})
	return rows
}

// recoverySteps say which steps of its article a report's recovery rows
// print: 第4条第8号・第9号 for a failure, 第5条第8号ア・ウ (with the
// re-registration of イ) for a misconduct.
type recoverySteps struct {
	resume, notify string // step IDs
	notifyLabel    string // the label key of the notification row, with its article
	reregistration bool   // a row for 第5条第8号イ
}

// recoveryRows are the response sections both reports share, from the
// milestones and steps: the stop, the integrity check, the approval or
// decision, (for a misconduct the re-registration,) the resumption and the
// notification of the related bodies, each with its time and who.
func (cd CaseData) recoveryRows(st recoverySteps) []FormRow {
	authority := func(a string) string {
		switch a {
		case data.AuthorityChief:
			return i18n.T("reports.authority", map[string]any{"Who": i18n.T("reports.authority.chief")})
		case data.AuthorityMeeting:
			return i18n.T("reports.authority", map[string]any{"Who": i18n.T("reports.authority.meeting")})
		}
		return ""
	}
	cell := func(done bool, at time.Time, by, auth, note string) Cell {
		c := Cell{Checks: []Check{
			{Label: i18n.T("reports.done"), Checked: done},
			{Label: i18n.T("reports.pending"), Checked: !done},
		}}
		if !done {
			return c
		}
		var when, who string
		if !at.IsZero() {
			when = i18n.T("reports.at", map[string]any{"At": cd.dateTime(at)})
		}
		if by != "" {
			who = i18n.T("reports.who", map[string]any{"By": by})
		}
		c.Text = joinLines(when, who, auth, note)
		return c
	}
	ms := func(k data.MilestoneKind) Cell {
		m := cd.Milestones[k]
		return cell(m.Done, m.At, m.By, authority(m.Authority), m.Note)
	}
	step := func(id string) Cell {
		s := cd.Steps[id]
		return cell(s.Done, s.At, s.By, "", s.Note)
	}
	rows := []FormRow{
		{Label: i18n.T("reports.row.ms_stop"), Cell: ms(data.MilestoneStop)},
		{Label: i18n.T("reports.row.ms_integrity"), Cell: ms(data.MilestoneIntegrity)},
		{Label: i18n.T("reports.row.ms_approval"), Cell: ms(data.MilestoneApproval)},
	}
	if st.reregistration {
		rows = append(rows, FormRow{Label: i18n.T("reports.row.ms_reregistration"), Cell: ms(data.MilestoneReregistration)})
	}
	return append(rows,
		FormRow{Label: i18n.T("reports.row.resumed"), Cell: step(st.resume)},
		FormRow{Label: i18n.T(st.notifyLabel), Cell: cd.notifiedCell(st.notify, step(st.notify))},
	)
}
