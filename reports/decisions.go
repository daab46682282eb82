package reports

import (
	"strings"
	"unicode/utf8"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// Decisions makes the 決定事項一覧 of a meeting: ONE page to hand out right
// after the meeting, listing each item the meeting decided, deferred or took
// subject to approval, with the decision, who carries it out and by when.
//
// When the page cannot hold every text whole, the longest rows are cut first
// (ending with …), a little at a time, so that short decisions stay whole;
// should every row be cut to its shortest and still not fit, the last rows
// give way to a line saying how many more the minutes hold. Unsigned; the
// same data gives the same bytes.
func Decisions(md MeetingData, opt DocOptions) ([]byte, error) {
	var rows []decisionRow
	for _, it := range sortedItems(md.Meeting) {
		if it.Status != data.ItemOpen {
			rows = append(rows, md.decisionRow(it))
		}
	}
	limits, keep := md.fitDecisions(opt, rows)
	d := md.decisionsDoc(opt, rows, limits, keep)
	// The fit is measured; should the page still overflow, cut every row
	// further until it does not.
	for d.PageCount() > 1 && keep > 0 {
		for i := range limits {
			limits[i] = shorter(limits[i], rows[i])
		}
		if allAtMinimum(limits) {
			keep--
		}
		d = md.decisionsDoc(opt, rows, limits, keep)
	}
	return d.Bytes()
}

// Column widths of the summary (mm); the decision takes the rest.
const (
	decisionItemWidth   = 34.0
	decisionStatusWidth = 20.0
	decisionOwnerWidth  = 28.0
	decisionDueWidth    = 30.0
	// decisionMinLimit is the fewest characters a decision is cut to.
	decisionMinLimit = 12
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
	title, other     string // other: an その他 item (its title may be cut)
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
	if _, ok := regulationRow(md.Case.Class, it.Key); !ok {
		r.other = r.title
	}
	if len(it.Choices) > 0 {
		r.choices = strings.Join(it.Choices, i18n.T("reports.meeting.choice_sep"))
	}
	return r
}

// cells are the row's texts with the decision cut to limit characters (0:
// whole). The decision comes first: what it applies to and the owner are cut
// shorter, and an その他 title too; the regulation's titles are never cut.
func (r decisionRow) cells(limit int) []string {
	cut := func(s string, n int) string {
		if limit == 0 {
			return s
		}
		return truncate(s, n)
	}
	title := r.title
	if r.other != "" {
		title = cut(r.other, min(limit, 24))
	}
	var target string
	if r.target != "" {
		target = i18n.T("reports.meeting.target", map[string]any{"Text": cut(r.target, max(limit/3, 8))})
	}
	decision := joinLines(r.choices, target, cut(r.decision, limit))
	if limit > 0 && target != "" {
		// Cut short, the target and the decision share a line.
		decision = joinLines(r.choices, target+"　"+cut(r.decision, limit))
	}
	return []string{title, orNone(decision), r.status, cut(r.owner, max(limit/2, 12)), r.due}
}

// whole is the length at which nothing of the row is cut.
func (r decisionRow) whole() int {
	return max(utf8.RuneCountInString(r.decision), 3*utf8.RuneCountInString(r.target),
		2*utf8.RuneCountInString(r.owner), utf8.RuneCountInString(r.other), decisionMinLimit)
}

// shorter is the next, shorter limit for a row: four fifths of the current
// one (the whole length for an uncut row), never below decisionMinLimit.
func shorter(limit int, r decisionRow) int {
	if limit == 0 {
		limit = r.whole()
	}
	return max(limit*4/5, decisionMinLimit)
}

func allAtMinimum(limits []int) bool {
	for _, l := range limits {
		if l != decisionMinLimit {
			return false
		}
	}
	return true
}

// fitDecisions measures the rows and chooses, for each, the limit its texts
// are cut to (0: not cut), cutting the tallest row first, and how many rows
// the page holds.
func (md MeetingData) fitDecisions(opt DocOptions, rows []decisionRow) (limits []int, keep int) {
	d := md.decisionsStart(opt)
	cols := decisionColumns()
	widths := tableWidths(d, cols)
	lines := func(texts []string, f face, size float64) int {
		n := 1
		for i, c := range texts {
			n = max(n, len(d.layoutCell(Cell{Text: c}, widths[i]-2*cellPadX, f, size)))
		}
		return n
	}
	var headers []string
	for _, c := range cols {
		headers = append(headers, c.Header)
	}
	// The room for the rows: below the table's header row, above the space
	// after the table and the closing line.
	headH := float64(lines(headers, gothic, sizeLabel))*lineBody + 2*cellPadY
	room := d.bottom() - d.y - headH - 3 - lineBody
	height := func(r decisionRow, limit int) float64 {
		return float64(lines(r.cells(limit), mincho, sizeBody))*lineBody + 2*cellPadY
	}
	limits = make([]int, len(rows))
	hs := make([]float64, len(rows))
	total := 0.0
	for i, r := range rows {
		hs[i] = height(r, 0)
		total += hs[i]
	}
	for total > room {
		// Cut the tallest row that can still be cut; of equals, the one
		// with the longest text (then the first).
		best := -1
		eff := func(i int) int {
			if limits[i] == 0 {
				return rows[i].whole()
			}
			return limits[i]
		}
		for i := range rows {
			if limits[i] == decisionMinLimit {
				continue
			}
			if best < 0 || hs[i] > hs[best] || hs[i] == hs[best] && eff(i) > eff(best) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		limits[best] = shorter(limits[best], rows[best])
		h := height(rows[best], limits[best])
		total += h - hs[best]
		hs[best] = h
	}
	keep = len(rows)
	if total > room {
		// Keep the first rows that fit with the line counting the rest.
		more := lineBody + 2*cellPadY
		keep, total = 0, 0
		for keep < len(rows) && total+hs[keep]+more <= room {
			total += hs[keep]
			keep++
		}
	}
	return limits, keep
}

// tableWidths are the widths Table gives its columns.
func tableWidths(d *Doc, cols []Column) []float64 {
	fixed, free := 0.0, 0
	for _, c := range cols {
		fixed += c.Width
		if c.Width == 0 {
			free++
		}
	}
	share := 0.0
	if free > 0 {
		share = max(10, (d.right()-d.left()-fixed)/float64(free))
	}
	ws := make([]float64, len(cols))
	for i, c := range cols {
		ws[i] = c.Width
		if ws[i] == 0 {
			ws[i] = share
		}
	}
	return ws
}

// decisionsDoc lays out the summary with row i cut to limits[i] and the first
// keep rows listed.
func (md MeetingData) decisionsDoc(opt DocOptions, rows []decisionRow, limits []int, keep int) *Doc {
	d := md.decisionsStart(opt)
	var cells [][]string
	for i := range min(keep, len(rows)) {
		cells = append(cells, rows[i].cells(limits[i]))
	}
	if len(rows) == 0 {
		cells = append(cells, []string{"", i18n.T("reports.meeting.no_decisions"), "", "", ""})
	}
	if keep < len(rows) {
		cells = append(cells, []string{"", i18n.T("reports.meeting.more", map[string]any{"N": len(rows) - keep}), "", "", ""})
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
		FormRow{Label: i18n.T("reports.meeting.row.held"), Cell: Cell{Text: orNone(joinLines(when, truncate(m.Place, 60)))}},
		FormRow{Label: i18n.T("reports.meeting.row.chair_recorder"), Cell: Cell{Text: i18n.T("reports.meeting.chair_recorder",
			map[string]any{"Chair": orNone(m.Chair), "Recorder": orNone(m.Recorder)})}},
	)
	return rows
}
