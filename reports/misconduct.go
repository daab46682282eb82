package reports

import (
	"cmp"
	"strings"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// MisconductReport makes the 不正行為発生報告書 of a misconduct case as a
// 公用文 (「住基ネットにおける不正行為の発生について（第n報）」): how the city
// learned of it (発見, or a 通報 of 第5条第2号), the discoverer, the four items
// of 第5条第1号 in the regulation's wording, the threat level (estimate and
// 判定) with its matching examples or event and any revision, the 支障 of
// 第5条第3号, who reported to whom; then the response as the failure report
// has it: the 緊急措置 of 第5条第4号, the stop, integrity check, resumption
// and notification of 第5条第8号 (the failure report's rows), the 事後対策 of
// 第5条第9号; the 経過, 以上 and the 担当 block; the 決裁用 copy adds the
// seal boxes. The result is unsigned; the same CaseData and options give the
// same bytes.
func MisconductReport(cd CaseData, opt DocOptions) ([]byte, error) {
	r := cd.Misconduct
	d := cd.begin(opt, report{
		titleKey:   "reports.misconduct.title",
		subjectKey: "reports.letter.subject_misconduct",
		leadKey:    "reports.letter.lead_report",
		reportNo:   r.ReportNo,
		reportedAt: r.ReportedAt,
	})
	d.Heading(i18n.T("reports.heading.items"))

	// A 第n報 recorded before the response sections existed (its snapshot
	// has no MisconductLayout) prints as it was reported: never changed.
	full := cd.MisconductLayout >= misconductLayoutResponse
	rows := cd.caseRows()
	if full {
		rows = append(rows, cd.originRow())
	}
	rows = append(rows, cd.discovererRow())
	rows = append(rows, cd.misconductItems()...)
	rows = append(rows, cd.threatRows()...)
	if full {
		rows = append(rows, cd.impactRow())
	}
	rows = append(rows, cd.reporterRows(r.Reporter, r.ReportedTo, r.ReportedAt, cmp.Or(opt.ReportNo, r.ReportNo), opt.Final)...)
	d.FormTable([2]string{}, rows)

	if !full {
		cd.PreservedLogsSection(d) // 第5条第7号 (aftercare.go)
		d.KeepClosing(cd.Letter.Contact)
		cd.timeline(d, i18n.T("reports.heading.timeline_misconduct"))
		d.Closing(cd.Letter.Contact)
		return d.Bytes()
	}
	d.Heading(i18n.T("reports.heading.emergency"))
	d.FormTable([2]string{}, cd.emergencyRows())
	d.Heading(i18n.T("reports.heading.recovery_misconduct"))
	d.FormTable([2]string{}, append(cd.preservedLogRows(), cd.recoveryRows(recoverySteps{resume: "5-8-a", notify: "5-8-c", // 第5条第7号 first (aftercare.go)
		notifyLabel: "reports.row.notified_misconduct", reregistration: true})...))
	d.Heading(i18n.T("reports.heading.followup"))
	d.FormTable([2]string{}, cd.followupRows())

	d.KeepClosing(cd.Letter.Contact)
	cd.timeline(d, i18n.T("reports.heading.timeline_response"))
	d.Closing(cd.Letter.Contact)
	return d.Bytes()
}

// misconductLayoutResponse is the layout of the misconduct report with the
// origin, the 支障 and the response sections (issue 13): LoadCase sets it,
// and a snapshot frozen before it has 0.
const misconductLayoutResponse = 2

// misconductItems are the rows of 第5条第1号ア–エ, labelled with the
// regulation's wording and article.
func (cd CaseData) misconductItems() []FormRow {
	c, r := cd.Case, cd.Misconduct
	occurred := cd.occurred()
	note := func(key, s string) string {
		if s == "" {
			return ""
		}
		return i18n.T(key, map[string]any{"Text": s})
	}
	values := []Cell{
		{Text: joinLines(
			i18n.T("reports.discovered", map[string]any{"At": orNone(cd.dateTime(c.DiscoveredAt))}),
			note("reports.discovery_note", r.DiscoveryNote),
			i18n.T("reports.occurred", map[string]any{"At": occurred}),
			note("reports.note", c.OccurredNote),
		)},
		{Text: joinLines(
			i18n.T("reports.device", map[string]any{"Text": orNone(r.Device)}),
			i18n.T("reports.location", map[string]any{"Text": orNone(r.Location)}),
		)},
		{Text: joinLines(
			i18n.T("reports.details", map[string]any{"Text": orNone(r.Details)}),
			i18n.T("reports.damage", map[string]any{"Text": orNone(r.ExpectedDamage)}),
		)},
		{
			Checks: []Check{
				{Label: i18n.T("reports.yes"), Checked: r.Measures == data.Yes},
				{Label: i18n.T("reports.no"), Checked: r.Measures == data.No},
			},
			Text: note("reports.measures", r.MeasuresText),
		},
	}
	letters := []string{"ア", "イ", "ウ", "エ"}
	var rows []FormRow
	for i, item := range data.MisconductReportItems {
		if i >= len(values) {
			break
		}
		label := i18n.T("reports.row.item", map[string]any{"Letter": letters[i], "Text": item.Text}) + "\n（" + item.Article + "）"
		rows = append(rows, FormRow{Label: label, Cell: values[i]})
	}
	return rows
}

// threatRows are the threat level as judged (第5条第5号) with its examples,
// or the event judged on the 事象 column alone, and who judged it; the
// estimates 「可能性が高い」 (第5条第2号ウ, 第4号イ) in a row of their own;
// and, when the 判定 was revised, every revision with the previous level
// and the reason (our practice: no article is cited for it).
func (cd CaseData) threatRows() []FormRow {
	formal, _ := data.CurrentJudgement(cd.Threats)
	var rows []FormRow
	if formal == nil {
		rows = append(rows, FormRow{Label: i18n.T("reports.row.threat"), Cell: Cell{Text: i18n.T("reports.threat.none")}})
	} else {
		cur := *formal
		info := cur.Level.Info()
		var levelChecks []Check
		for _, li := range data.ThreatLevels {
			levelChecks = append(levelChecks, Check{Label: li.Label, Checked: li.Level == cur.Level})
		}
		lines := []string{i18n.T("reports.threat.level", map[string]any{"Label": info.Label, "Description": info.Description})}
		if cur.Basis == data.BasisEvent {
			lines = append(lines, i18n.T("reports.threat.event"), i18n.T("reports.threat.event_text", map[string]any{"Text": cur.EventText}))
		} else {
			lines = append(lines, i18n.T("reports.threat.examples"))
			for _, id := range cur.Examples {
				for _, ex := range data.ThreatExamples() {
					if ex.ID == id {
						lines = append(lines, i18n.T("reports.threat.example", map[string]any{"Text": ex.Text, "Kind": ex.Kind.Label()}))
					}
				}
			}
		}
		if cur.Stage == data.StageFormal {
			lines = append(lines, i18n.T("reports.threat.judged", map[string]any{"At": cd.dateTime(cur.At), "Officer": cur.Officer, "Admin": cur.Admin}))
		} else {
			lines = append(lines, i18n.T("reports.threat.assessed", map[string]any{"At": cd.dateTime(cur.At), "By": cur.By}))
		}
		rows = append(rows, FormRow{Label: i18n.T("reports.row.threat"), Cell: Cell{Checks: levelChecks, Text: joinLines(lines...)}})
	}

	var est, rev []string
	var prev *data.ThreatAssessment
	for i := range cd.Threats {
		a := &cd.Threats[i]
		if a.Provisional() {
			key := "reports.threat.estimate2"
			if a.Level == 3 {
				key = "reports.threat.estimate3"
			}
			est = append(est, i18n.T(key, map[string]any{"At": cd.dateTime(a.At), "By": a.By}))
			if a.Basis == data.BasisEvent {
				est = append(est, i18n.T("reports.threat.event_text", map[string]any{"Text": a.EventText}))
			}
			continue
		}
		if prev != nil {
			rev = append(rev,
				i18n.T("reports.threat.revision", map[string]any{"At": cd.dateTime(a.At), "From": prev.Level.Label(), "To": a.Level.Label(), "By": a.By}),
				i18n.T("reports.threat.reason", map[string]any{"Text": orNone(a.Reason)}))
		}
		prev = a
	}
	if len(est) > 0 {
		rows = append(rows, FormRow{Label: i18n.T("reports.row.threat_estimate"), Cell: Cell{Text: joinLines(est...)}})
	}
	if len(rev) > 0 {
		rows = append(rows, FormRow{Label: i18n.T("reports.row.threat_revision"), Cell: Cell{Text: joinLines(rev...)}})
	}
	return rows
}

// occurred is when it happened: the date and time, 不明 or 未確認.
func (cd CaseData) occurred() string {
	c := cd.Case
	switch {
	case c.OccurredState == data.TimeUnknown:
		return i18n.T("reports.time.unknown")
	case c.OccurredState == data.TimeUnconfirmed:
		return i18n.T("reports.time.unconfirmed")
	case !c.OccurredAt.IsZero():
		return cd.dateTime(c.OccurredAt)
	}
	return i18n.T("reports.not_entered")
}

// discovererRow is who found it: 所属 and 氏名.
func (cd CaseData) discovererRow() FormRow {
	c := cd.Case
	who := strings.TrimSpace(strings.TrimSpace(c.DiscovererSection) + "　" + strings.TrimSpace(c.Discoverer))
	return FormRow{Label: i18n.T("reports.row.discoverer"), Cell: Cell{Text: orNone(strings.Trim(who, "　"))}}
}

// whenRow is 発見日時 and 発生日時 (with 不明 / 未確認 and the note).
func (cd CaseData) whenRow() FormRow {
	c := cd.Case
	text := joinLines(
		i18n.T("reports.when.discovered", map[string]any{"At": orNone(cd.dateTime(c.DiscoveredAt))}),
		i18n.T("reports.when.occurred", map[string]any{"At": cd.occurred()}),
	)
	if c.OccurredNote != "" {
		text = joinLines(text, i18n.T("reports.note", map[string]any{"Text": c.OccurredNote}))
	}
	return FormRow{Label: i18n.T("reports.row.when"), Cell: Cell{Text: text}}
}
