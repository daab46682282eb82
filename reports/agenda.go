package reports

import (
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// agendaTimelineEntries is how many of the latest timeline entries the
// agenda's case summary shows.
const agendaTimelineEntries = 5

// Agenda makes the セキュリティ会議次第 of a case: the meeting's date and place,
// a summary of the case (class, threat level or failure, what the report
// items say so far, the latest timeline entries), then the table of its
// class — 審議する項目 (第4条第6号) for a failure, 決定の項目 (第5条第6号) for a
// misconduct — every row in the regulation's wording and order with its
// sub-options as empty check boxes (or its 内容 line), then the meeting's その他
// items and the attendees.
//
// m nil is the agenda of a meeting not yet created: the regulation's rows
// only, with blanks for the date and place. A meeting without items gets the
// regulation's rows too. A 判定中 case has no table, hence no agenda: the
// error is data.Invalid("agenda_class", "pending"). Unsigned; the same data
// gives the same bytes.
func Agenda(cd CaseData, m *data.Meeting, opt DocOptions) ([]byte, error) {
	heading, article, rows := data.MeetingTable(cd.Case.Class)
	if len(rows) == 0 {
		return nil, data.Invalid("agenda_class", "pending")
	}
	title := meetingTitle(m, "reports.meeting.agenda")
	o := cd.meetingOptions(opt, title, m)
	d := New(o)
	d.Header()
	d.Title(title)

	d.Heading(i18n.T("reports.meeting.heading.when"))
	d.FormTable([2]string{}, cd.agendaWhenRows(m))

	d.Heading(i18n.T("reports.meeting.heading.summary"))
	d.FormTable([2]string{}, cd.summaryRows())
	// The meeting looks at what is known now: the latest of the officer's
	// record, whatever report was made before.
	recent := cd.record(time.Time{})
	if n := len(recent); n > agendaTimelineEntries {
		recent = recent[n-agendaTimelineEntries:]
	}
	cd.timelineTable(d, i18n.T("reports.meeting.heading.recent", map[string]any{"N": agendaTimelineEntries}), recent)

	d.Heading(i18n.T("reports.meeting.heading.items", map[string]any{"Title": heading, "Article": article}))
	d.FormTable([2]string{heading, i18n.T("reports.meeting.col.content")}, agendaItemRows(cd.Case.Class, rows, m))

	if m != nil && len(m.Attendees) > 0 {
		d.Heading(i18n.T("reports.meeting.heading.invited"))
		var att [][]string
		for _, a := range m.Attendees {
			att = append(att, []string{a.Name, a.Role})
		}
		d.Table([]Column{
			{Header: i18n.T("reports.meeting.col.name"), Width: attendeeNameWidth},
			{Header: i18n.T("reports.meeting.col.role")},
		}, att)
	}
	return d.Bytes()
}

const attendeeNameWidth = 50.0

// agendaWhenRows are the date and time, the place and the chair; blanks to
// fill by hand where the meeting has none yet.
func (cd CaseData) agendaWhenRows(m *data.Meeting) []FormRow {
	var when, place, chair string
	if m != nil {
		if !m.Date.IsZero() {
			when = cd.dateTime(m.Date)
		}
		place, chair = m.Place, chairText(m)
	}
	if when == "" {
		when = i18n.T("reports.blank.datetime")
	}
	return []FormRow{
		{Label: i18n.T("reports.meeting.row.date"), Cell: Cell{Text: when}},
		{Label: i18n.T("reports.meeting.row.place"), Cell: Cell{Text: place, MinLines: minLinesIfBlank(place)}},
		{Label: i18n.T("reports.meeting.row.chair"), Cell: Cell{Text: chair, MinLines: minLinesIfBlank(chair)}},
	}
}

func minLinesIfBlank(s string) int {
	if strings.TrimSpace(s) == "" {
		return 1
	}
	return 0
}

// chairText is the chair's name with the chair's own role as recorded among
// the attendees. The regulation names no chair (第4条第6号 and 第5条第6号 only
// say セキュリティ統括責任者 holds or convenes the meeting), so a deputy who
// chairs is printed as what they are, never as セキュリティ統括責任者. A chair
// with no recorded role, or whose name already carries it, is printed as typed.
func chairText(m *data.Meeting) string {
	if m == nil || strings.TrimSpace(m.Chair) == "" {
		return ""
	}
	name := m.Chair
	role := ""
	for _, a := range m.Attendees {
		if samePerson(a.Name, name) {
			role = strings.TrimSpace(a.Role)
			break
		}
	}
	if role == "" || strings.Contains(name, role) {
		return name
	}
	return i18n.T("reports.meeting.chair", map[string]any{"Name": name, "Role": role})
}

// samePerson compares two typed names ignoring spaces (鈴木 一郎 = 鈴木一郎).
func samePerson(a, b string) bool {
	strip := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r == ' ' || r == '　' {
				return -1
			}
			return r
		}, s)
	}
	return strip(a) != "" && strip(a) == strip(b)
}

// summaryRows are what is known of the case so far: the case and its class,
// then for a misconduct the threat level and the four items of 第5条第1号, for
// a failure the type, place, cause, impact and the stop.
func (cd CaseData) summaryRows() []FormRow {
	rows := cd.caseRows()
	switch cd.Case.Class {
	case data.ClassMisconduct:
		rows = append(rows, cd.threatRows()...)
		rows = append(rows, cd.misconductItems()...)
	case data.ClassFailure:
		// The failure rows without the checks of 第4条第3号: the summary says
		// what is known, the report has the details.
		check, _, _ := strings.Cut(i18n.T("reports.row.check", map[string]any{"N": ""}), "\n")
		for _, r := range cd.failureRows() {
			if check != "" && strings.HasPrefix(r.Label, check) {
				continue
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// agendaItemRows are the rows of the table in the regulation's order, each
// with its sub-options as empty boxes or its 内容 line, then the meeting's その他
// items. The regulation's rows are printed whatever the meeting holds, so
// none can go missing.
func agendaItemRows(class data.Class, table []data.MeetingItem, m *data.Meeting) []FormRow {
	var rows []FormRow
	n := 0
	for _, r := range table {
		n++
		c := Cell{Text: r.Content}
		if len(r.Options) > 0 {
			c = Cell{Checks: optionChecks(r.Options, nil)}
		}
		rows = append(rows, FormRow{Label: itemLabel(n, r.Title), Cell: c})
	}
	if m == nil {
		return rows
	}
	for _, it := range sortedItems(*m) {
		if _, ok := regulationRow(class, it.Key); ok {
			continue
		}
		n++
		rows = append(rows, FormRow{Label: itemLabel(n, i18n.T("reports.meeting.other")), Cell: Cell{Text: it.Title}})
	}
	return rows
}

// itemLabel is the label of an agenda row: 1　システムの停止.
func itemLabel(n int, title string) string {
	return i18n.T("reports.meeting.item", map[string]any{"N": n, "Title": title})
}
