package reports

import (
	"strconv"
	"strings"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// Minutes makes the 議事録 of a セキュリティ会議: the meeting (第n回, the case, the
// date in 和暦, place, 開会 and 閉会, chair, recorder, 議事録署名人), the
// attendees with 出席/欠席, every item with its deliberation, the decision
// (the sub-options it picked ticked, and what they apply to), its status
// (決定/保留/事後承認), who carries it out and by when, then the follow-ups,
// and the seal boxes of the chair and the recorder (and the 議事録署名人). The
// footer ties each page to the case file's audit chain. Unsigned; the same
// data gives the same bytes.
func Minutes(md MeetingData, opt DocOptions) ([]byte, error) {
	m := md.Meeting
	title := meetingTitle(&m, "reports.meeting.minutes")
	d := New(md.meetingOptions(opt, title, &m))
	d.Header()
	d.Title(title)

	d.Heading(i18n.T("reports.meeting.heading.meeting"))
	d.FormTable([2]string{}, md.meetingRows())

	d.Heading(i18n.T("reports.meeting.heading.attendees"))
	d.Table(attendeeColumns(), attendeeRows(m.Attendees))

	items := sortedItems(m)
	rows := make([][]FormRow, len(items))
	for i, it := range items {
		rows[i] = md.minutesItemRows(it)
	}
	// Keep an item on one page when it is not long; a long one starts with
	// its heading and first rows together. The section heading goes with
	// the first item.
	keep := func(i int) float64 {
		if h := itemHeadingHeight + formHeight(d, rows[i]); h <= (d.bottom()-d.top)/2 {
			return h
		}
		return minutesItemKeep
	}
	if len(items) > 0 {
		d.need(itemHeadingHeight + keep(0))
	}
	heading, article, _ := data.MeetingTable(md.Case.Class)
	if heading == "" {
		d.Heading(i18n.T("reports.meeting.heading.proceedings_plain"))
	} else {
		d.Heading(i18n.T("reports.meeting.heading.proceedings", map[string]any{"Title": heading, "Article": article}))
	}
	if len(items) == 0 {
		d.Paragraph(i18n.T("reports.meeting.no_items"))
	}
	for i, it := range items {
		d.need(keep(i))
		d.Heading(i18n.T("reports.meeting.item_heading", map[string]any{"N": i + 1, "Title": itemTitle(md.Case.Class, it)}))
		d.FormTable([2]string{}, rows[i])
	}

	d.Heading(i18n.T("reports.meeting.heading.tasks"))
	d.Table(taskColumns(), md.taskRows())

	d.need(minutesClosingKeep)
	d.Paragraph(i18n.T("reports.meeting.closing"))
	d.SealBoxes(md.sealLabels())
	return d.Bytes()
}

// Keep an item's heading with its first rows, and the closing sentence with
// the seal boxes.
const (
	itemHeadingHeight  = 2 + 7 + 1 // as Heading draws one line
	minutesItemKeep    = itemHeadingHeight + 3*(lineBody+2*cellPadY)
	minutesClosingKeep = lineBody + 2 + 2*4 + 2*cellPadY + 24 + 6
)

// meetingRows are the head of the minutes.
func (md MeetingData) meetingRows() []FormRow {
	m := md.Meeting
	rows := md.caseRows()
	var times []string
	if t := md.clockTime(m.OpenedAt); t != "" {
		times = append(times, i18n.T("reports.meeting.opened", map[string]any{"At": t}))
	}
	if t := md.clockTime(m.ClosedAt); t != "" {
		times = append(times, i18n.T("reports.meeting.closed", map[string]any{"At": t}))
	}
	day := m.Date
	if day.IsZero() {
		day = m.OpenedAt
	}
	date := ""
	if !day.IsZero() {
		date = i18n.Wareki(md.in(day))
	}
	rows = append(rows,
		FormRow{Label: i18n.T("reports.meeting.row.day"), Cell: Cell{Text: orNone(date)}},
		FormRow{Label: i18n.T("reports.meeting.row.time"), Cell: Cell{Text: orNone(strings.Join(times, "　"))}},
		FormRow{Label: i18n.T("reports.meeting.row.place"), Cell: Cell{Text: orNone(m.Place)}},
		FormRow{Label: i18n.T("reports.meeting.row.chair"), Cell: Cell{Text: orNone(chairText(&m))}},
		FormRow{Label: i18n.T("reports.meeting.row.recorder"), Cell: Cell{Text: orNone(m.Recorder)}},
	)
	if strings.TrimSpace(m.MinutesSigner) != "" {
		rows = append(rows, FormRow{Label: i18n.T("reports.meeting.row.signer"), Cell: Cell{Text: m.MinutesSigner}})
	}
	rows = append(rows, FormRow{Label: i18n.T("reports.meeting.row.audit"), Cell: Cell{Text: i18n.T("reports.meeting.audit",
		map[string]any{"Seq": md.Head.Seq, "Hash": md.Head.Hash})}})
	return rows
}

func attendeeColumns() []Column {
	return []Column{
		{Header: i18n.T("reports.meeting.col.name"), Width: attendeeNameWidth},
		{Header: i18n.T("reports.meeting.col.role")},
		{Header: i18n.T("reports.meeting.col.presence"), Width: 20, Align: "C"},
	}
}

func attendeeRows(as []data.Attendee) [][]string {
	rows := make([][]string, 0, len(as))
	for _, a := range as {
		p := i18n.T("reports.meeting.absent")
		if a.Present {
			p = i18n.T("reports.meeting.present")
		}
		rows = append(rows, []string{a.Name, a.Role, p})
	}
	if len(rows) == 0 {
		rows = append(rows, []string{i18n.T("reports.not_entered"), "", ""})
	}
	return rows
}

// formHeight is the height FormTable gives rows that do not break.
func formHeight(d *Doc, rows []FormRow) float64 {
	lw := formLabelWidth
	vw := d.right() - d.left() - lw
	h := 3.0 // the space FormTable leaves after itself
	for _, r := range rows {
		n := max(1, len(d.layoutCell(Cell{Text: r.Label}, lw-2*cellPadX, gothic, sizeLabel)),
			len(d.layoutCell(r.Cell, vw-2*cellPadX, mincho, sizeBody)))
		h += float64(n)*lineBody + 2*cellPadY
	}
	return h
}

// minutesItemRows are an item's 審議の内容, 決定事項, 状態 and 担当・期限; an item
// the meeting did not take up (nothing recorded) is one line, 未審議.
func (md MeetingData) minutesItemRows(it data.AgendaItem) []FormRow {
	if it.Status == data.ItemOpen && strings.TrimSpace(it.Discussion+it.Decision+it.Owner+it.Target) == "" && len(it.Choices) == 0 {
		return []FormRow{{Label: i18n.T("reports.meeting.row.status"), Cell: Cell{Text: statusLabel(it.Status)}}}
	}
	decision := Cell{}
	if r, ok := regulationRow(md.Case.Class, it.Key); ok && len(r.Options) > 0 {
		decision.Checks = optionChecks(r.Options, it.Choices)
	} else if len(it.Choices) > 0 {
		decision.Checks = optionChecks(nil, it.Choices)
	}
	var target string
	if strings.TrimSpace(it.Target) != "" {
		target = i18n.T("reports.meeting.target", map[string]any{"Text": it.Target})
	}
	decision.Text = joinLines(target, it.Decision)
	if decision.Text == "" && len(decision.Checks) == 0 {
		decision.Text = orNone("")
	}

	var times []string
	if t := md.clockTime(it.StartedAt); t != "" {
		times = append(times, i18n.T("reports.meeting.started", map[string]any{"At": t}))
	}
	if t := md.clockTime(it.DecidedAt); t != "" && it.Status != data.ItemOpen {
		times = append(times, i18n.T("reports.meeting.decided_at", map[string]any{"Status": statusLabel(it.Status), "At": t}))
	}
	status := Cell{Checks: statusChecks(it.Status), Text: strings.Join(times, "　")}

	owner := joinLines(
		i18n.T("reports.meeting.owner", map[string]any{"Text": orNone(it.Owner)}),
		i18n.T("reports.meeting.due", map[string]any{"Text": orNone(md.dueText(it.Due))}),
	)
	return []FormRow{
		{Label: i18n.T("reports.meeting.row.discussion"), Cell: Cell{Text: orNone(it.Discussion)}},
		{Label: i18n.T("reports.meeting.row.decision"), Cell: decision},
		{Label: i18n.T("reports.meeting.row.status"), Cell: status},
		{Label: i18n.T("reports.meeting.row.owner"), Cell: Cell{Text: owner}},
	}
}

const (
	taskNoWidth     = 13.0
	taskOwnerWidth  = 34.0
	taskDueWidth    = 30.0
	taskStatusWidth = 14.0
)

func taskColumns() []Column {
	return []Column{
		{Header: i18n.T("reports.meeting.col.no"), Width: taskNoWidth, Align: "C"},
		{Header: i18n.T("reports.meeting.col.task")},
		{Header: i18n.T("reports.meeting.col.owner"), Width: taskOwnerWidth},
		{Header: i18n.T("reports.meeting.col.due"), Width: taskDueWidth},
		{Header: i18n.T("reports.meeting.col.done"), Width: taskStatusWidth, Align: "C"},
	}
}

// taskRows are the follow-ups: what, who, by when, done or not.
func (md MeetingData) taskRows() [][]string {
	var rows [][]string
	for i, t := range md.Tasks {
		done := i18n.T("reports.pending")
		if t.Done {
			done = i18n.T("reports.done")
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), t.Text, t.Owner, md.shortDue(t.Due), done})
	}
	if len(rows) == 0 {
		rows = append(rows, []string{"", i18n.T("reports.meeting.no_tasks"), "", "", ""})
	}
	return rows
}

// sealLabels are the boxes at the foot of the minutes: 議長 and 記録者 (and
// 議事録署名人 when the meeting names one), each with the person's name.
func (md MeetingData) sealLabels() []string {
	m := md.Meeting
	box := func(role, name string) string {
		// The box names the role: the name goes without the role or
		// section it may carry in brackets.
		if n, _, _ := strings.Cut(name, "（"); strings.TrimSpace(n) != "" {
			name = n
		}
		if strings.TrimSpace(name) == "" {
			return role
		}
		return role + "\n" + strings.TrimSpace(name)
	}
	labels := []string{
		box(i18n.T("reports.meeting.seal.chair"), m.Chair),
		box(i18n.T("reports.meeting.seal.recorder"), m.Recorder),
	}
	if strings.TrimSpace(m.MinutesSigner) != "" {
		labels = append(labels, box(i18n.T("reports.meeting.seal.signer"), m.MinutesSigner))
	}
	return labels
}
