package reports

import (
	"slices"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// The records of data.AftercareStore as the reports print them: the repair
// request (第4条第7号), the notifications of the related bodies (第4条第9号,
// 第5条第8号ウ), the measures against recurrence (第4条第10号) and the access
// logs preserved (第5条第7号). A snapshot frozen before they were recorded
// has none, and prints as it did.

// dateOrEmpty is the full 和暦 date and time, "" for a zero time.
func (cd CaseData) dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return cd.dateTime(t)
}

// day is the 和暦 date alone (a due date), "" for a zero time.
func (cd CaseData) day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return wareki(cd.in(t))
}

// valueLine is the message key with its values when value is not empty, else "".
func valueLine(key, name, value string) string {
	if strings.TrimSpace(value) == "" {
		return ""
	}
	return i18n.T(key, map[string]any{name: value})
}

// repairRow is 第4条第7号: to whom the repair was requested, when, what, and
// when it was done.
func (cd CaseData) repairRow() FormRow {
	r := cd.Repair
	text := joinLines(
		valueLine("reports.repair.to", "Text", r.To),
		valueLine("reports.repair.at", "At", cd.dateOrEmpty(r.RequestedAt)),
		valueLine("reports.repair.content", "Text", r.Content),
		valueLine("reports.repair.done", "At", cd.dateOrEmpty(r.CompletedAt)),
		valueLine("reports.repair.by", "By", r.By),
	)
	if text == "" {
		text = i18n.T("reports.repair.none")
	}
	return FormRow{Label: i18n.T("reports.row.repair"), Cell: Cell{Text: text}}
}

// blankRepairRow is repairRow with room to write by hand (the blank form).
func blankRepairRow() FormRow {
	return FormRow{Label: i18n.T("reports.row.repair"), Cell: Cell{
		Text: i18n.T("reports.repair.to", map[string]any{"Text": ""}),
		More: []Cell{
			{Text: i18n.T("reports.repair.at", map[string]any{"At": blankDateTime()})},
			{Text: i18n.T("reports.repair.content", map[string]any{"Text": ""}), MinLines: 2},
			{Text: i18n.T("reports.repair.done", map[string]any{"At": blankDateTime()})},
			{Text: i18n.T("reports.repair.by", map[string]any{"By": ""})},
		},
	}}
}

// NotifyMethodLabel is how a body was told, as printed: 電話, FAX…
func NotifyMethodLabel(m string) string { return i18n.T("reports.notify.method." + m) }

// notifiedBody is the body a notification went to, as printed: its name as
// the officer gave it, else the body's label (宮城県, 指定情報処理機関…).
func (cd CaseData) notifiedBody(n data.Notification) string {
	if strings.TrimSpace(n.Name) != "" {
		return n.Name
	}
	return n.Body.Label(cd.City, cd.Prefecture)
}

// notificationText lists the notifications of a step, one per body: who was
// told, how, when and by whom, with what was said; then the related bodies
// not told yet. "" when none is recorded.
func (cd CaseData) notificationText(step string) string {
	var lines []string
	var ns []data.Notification
	for _, n := range cd.Notifications {
		if n.StepID == step {
			ns = append(ns, n)
		}
	}
	if len(ns) == 0 {
		return ""
	}
	for _, n := range ns {
		to := cd.notifiedBody(n)
		if n.Person != "" {
			to = i18n.T("reports.notify.person", map[string]any{"Body": to, "Person": n.Person})
		}
		lines = append(lines, to, i18n.T("reports.notify.line", map[string]any{
			"Method": NotifyMethodLabel(n.Method), "At": cd.dateTime(n.At), "By": n.By}))
		if n.Note != "" {
			lines = append(lines, i18n.T("reports.notify.note", map[string]any{"Text": n.Note}))
		}
	}
	var missing []string
	for _, b := range data.UnnotifiedBodies(ns) {
		missing = append(missing, b.Label(cd.City, cd.Prefecture))
	}
	if len(missing) > 0 {
		lines = append(lines, i18n.T("reports.notify.missing", map[string]any{"Bodies": strings.Join(missing, "、")}))
	}
	return strings.Join(lines, "\n")
}

// notifiedCell is the cell of the notification row: the step's tick, and
// the notifications recorded (or, with none, who ticked it and when).
func (cd CaseData) notifiedCell(step string, fromStep Cell) Cell {
	text := cd.notificationText(step)
	if text == "" {
		return fromStep
	}
	done := cd.Steps[step].Done
	return Cell{Checks: []Check{
		{Label: i18n.T("reports.done"), Checked: done},
		{Label: i18n.T("reports.pending"), Checked: !done},
	}, Text: text}
}

// measureText is one recorded measure: its details, owner and due date, and
// where it came from.
func (cd CaseData) measureText(m data.PreventionMeasure, withName bool) string {
	s := m.Text
	if withName {
		s = m.Measure
		if strings.TrimSpace(m.Text) != "" {
			s = i18n.T("reports.prevention.detail", map[string]any{"Measure": m.Measure, "Text": m.Text})
		}
	}
	var extra []string
	if m.Owner != "" {
		extra = append(extra, i18n.T("reports.prevention.owner", map[string]any{"Owner": m.Owner}))
	}
	if !m.Due.IsZero() {
		extra = append(extra, i18n.T("reports.prevention.due", map[string]any{"Due": cd.day(m.Due)}))
	}
	if m.ItemID != 0 {
		extra = append(extra, i18n.T("reports.prevention.from_meeting"))
	}
	if len(extra) > 0 {
		s += i18n.T("reports.prevention.extra", map[string]any{"Text": strings.Join(extra, "、")})
	}
	return s
}

// preventionRows list the measures of 第4条第10号, technical and
// operational: those recorded ticked, with their details, owner and due
// date, then the free entries (and the meetings' decisions taken in). With
// none recorded the boxes are left to tick by hand.
func (cd CaseData) preventionRows() []FormRow {
	var rows []FormRow
	for i, g := range data.PreventionMeasures {
		var cs []Check
		var texts []string
		for _, name := range g.Measures {
			i := slices.IndexFunc(cd.Prevention, func(m data.PreventionMeasure) bool { return m.Measure == name })
			cs = append(cs, Check{Label: name, Checked: i >= 0})
			for _, m := range cd.Prevention {
				if m.Measure == name {
					texts = append(texts, cd.measureText(m, true))
				}
			}
		}
		c := Cell{Checks: cs, Text: strings.Join(texts, "\n")}
		if i == 0 && len(cd.Prevention) == 0 {
			c.Text = i18n.T("reports.prevention.note")
		}
		rows = append(rows, FormRow{Label: g.Title, Cell: c})
	}
	var free []string
	for _, m := range cd.Prevention {
		if m.Measure == "" {
			free = append(free, cd.measureText(m, false))
		}
	}
	if len(free) > 0 {
		rows = append(rows, FormRow{Label: i18n.T("reports.row.prevention_other"), Cell: Cell{Text: strings.Join(free, "\n")}})
	}
	return rows
}

// preservedLogRows are the access logs preserved for 第5条第7号 as a row of
// the misconduct report's recovery table: which, where they are kept, by
// whom and when. None when none is recorded.
func (cd CaseData) preservedLogRows() []FormRow {
	if len(cd.PreservedLogs) == 0 {
		return nil
	}
	var blocks []string
	for _, l := range cd.PreservedLogs {
		blocks = append(blocks, joinLines(i18n.T("reports.logs.item", map[string]any{"Text": l.Log}),
			valueLine("reports.logs.place", "Text", l.Place),
			valueLine("reports.logs.by", "By", l.By),
			valueLine("reports.logs.at", "At", cd.dateOrEmpty(l.At)),
			valueLine("reports.logs.note", "Text", l.Note)))
	}
	return []FormRow{{Label: i18n.T("reports.row.logs"), Cell: Cell{Text: strings.Join(blocks, "\n")}}}
}

// PreservedLogsSection prints the preserved access logs as a section of
// their own, for a report in the layout before the response sections (a
// snapshot frozen then). Nothing when none is recorded.
func (cd CaseData) PreservedLogsSection(d *Doc) {
	rows := cd.preservedLogRows()
	if len(rows) == 0 {
		return
	}
	d.Heading(i18n.T("reports.heading.logs"))
	d.FormTable([2]string{}, rows)
}
