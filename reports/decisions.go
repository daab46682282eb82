package reports

import (
	"strings"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// Decisions makes the 決定事項一覧 of a meeting: the items the meeting
// decided, deferred or took subject to approval, with the decision, who
// carries it out and by when. It is the record of what was decided, so every
// text is printed whole: the table goes on to as many pages as it needs
// (its header row repeated, a row too long for a page continued). Unsigned;
// the same data gives the same bytes.
func Decisions(md MeetingData, opt DocOptions) ([]byte, error) {
	var rows []decisionRow
	for _, it := range sortedItems(md.Meeting) {
		if it.Status != data.ItemOpen {
			rows = append(rows, md.decisionRow(it))
		}
	}
	return md.decisionsDoc(opt, rows).Bytes()
}

// Column widths of the summary (mm); the decision takes the rest.
const (
	decisionItemWidth   = 34.0
	decisionStatusWidth = 20.0
	decisionOwnerWidth  = 28.0
	decisionDueWidth    = 30.0
)

func decisionColumns() []Column {
	return []Column{
		{Header: i18n.T("reports.meeting.col.item"), Width: decisionItemWidth},
		{Header: i18n.T("reports.meeting.col.decision")},
		{Header: i18n.T("reports.meeting.col.status"), Width: decisionStatusWidth, Align: "C"},
		{Header: i18n.T("reports.meeting.col.owner"), Width: decisionOwnerWidth},
		{Header: i18n.T("reports.meeting.col.due"), Width: decisionDueWidth},
	}
}

// decisionRow is an item of the summary, its texts whole.
type decisionRow struct {
	title            string
	choices, target  string
	decision, status string
	owner, due       string
}

func (md MeetingData) decisionRow(it data.AgendaItem) decisionRow {
	r := decisionRow{
		title:    itemTitle(md.Case.Class, it),
		target:   strings.TrimSpace(it.Target),
		decision: strings.TrimSpace(it.Decision),
		status:   statusLabel(it.Status),
		owner:    strings.TrimSpace(it.Owner),
		due:      md.shortDue(it.Due),
	}
	if len(it.Choices) > 0 {
		r.choices = strings.Join(it.Choices, i18n.T("reports.meeting.choice_sep"))
	}
	return r
}

// cells are the row's texts, whole.
func (r decisionRow) cells() []string {
	var target string
	if r.target != "" {
		target = i18n.T("reports.meeting.target", map[string]any{"Text": r.target})
	}
	decision := joinLines(r.choices, target, r.decision)
	return []string{r.title, orNone(decision), r.status, r.owner, r.due}
}

// decisionsDoc lays out the summary.
func (md MeetingData) decisionsDoc(opt DocOptions, rows []decisionRow) *Doc {
	d := md.decisionsStart(opt)
	var cells [][]string
	for _, r := range rows {
		cells = append(cells, r.cells())
	}
	if len(rows) == 0 {
		cells = append(cells, []string{"", i18n.T("reports.meeting.no_decisions"), "", "", ""})
	}
	d.Table(decisionColumns(), cells)
	d.Paragraph(i18n.T("reports.meeting.see_minutes"))
	return d
}

// decisionsStart lays out the head of the summary: the title and the case
// and meeting in a few lines.
func (md MeetingData) decisionsStart(opt DocOptions) *Doc {
	m := md.Meeting
	title := meetingTitle(&m, "reports.meeting.decisions")
	d := New(md.meetingOptions(opt, title, &m))
	d.Header()
	d.Title(title)
	d.FormTable([2]string{}, md.decisionsHead())
	return d
}

// decisionsHead are the case and the meeting, in a few lines.
func (md MeetingData) decisionsHead() []FormRow {
	m := md.Meeting
	day := m.Date
	if day.IsZero() {
		day = m.OpenedAt
	}
	when := ""
	if !day.IsZero() {
		when = i18n.Wareki(md.in(day))
	}
	if o, c := md.clockTime(m.OpenedAt), md.clockTime(m.ClosedAt); o != "" || c != "" {
		when = strings.TrimSpace(when + "　" + i18n.T("reports.meeting.span", map[string]any{"From": o, "To": c}))
	}
	rows := md.caseRows()[:1]
	rows = append(rows,
		FormRow{Label: i18n.T("reports.meeting.row.held"), Cell: Cell{Text: orNone(joinLines(when, m.Place))}},
		FormRow{Label: i18n.T("reports.meeting.row.chair_recorder"), Cell: Cell{Text: i18n.T("reports.meeting.chair_recorder",
			map[string]any{"Chair": orNone(m.Chair), "Recorder": orNone(m.Recorder)})}},
	)
	return rows
}
