package reports

import (
	"strconv"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// Room on the blank minutes.
const (
	blankMinutesAttendees = 10 // rows of the attendees' table
	blankMinutesItems     = 6  // items, each with its ruled rows
	blankMinutesTasks     = 8  // rows of the follow-ups' table
)

// BlankMinutes makes the セキュリティ会議 議事録 as a blank form, for either
// class: the meeting (case, class with the table it follows, date, 開会・閉会,
// place, chair, recorder), the attendees, items with ruled rows for the
// deliberation and the decision (決定／保留／事後承認) and 担当・期限, the
// follow-ups, and the seal boxes of the chair and the recorder, as Minutes
// lays them out.
func BlankMinutes(opt BlankOptions) ([]byte, error) {
	title := blankMeetingTitle("reports.meeting.minutes")
	d := blankDoc(opt, title)
	d.blankHead(blankMeetingNumber(opt), "", i18n.T("reports.meeting.issuer", map[string]any{"City": opt.city()}))
	d.Title(title)

	d.Heading(i18n.T("reports.meeting.heading.meeting"))
	var classes []Check
	for _, ci := range data.ClassInfos {
		heading, article, _ := data.MeetingTable(ci.Class)
		classes = append(classes, Check{Label: i18n.T("reports.blankforms.class_table",
			map[string]any{"Class": ci.Label, "Title": heading, "Article": article})})
	}
	d.ruledTable([]ruledRow{
		{Label: i18n.T("reports.blankforms.row.case"), Lines: 1},
		{Label: i18n.T("reports.blankforms.row.class"), Cell: Cell{Checks: classes}},
		{Label: i18n.T("reports.meeting.row.day"), Cell: Cell{Text: i18n.T("reports.blank.day")}},
		{Label: i18n.T("reports.meeting.row.time"), Cell: Cell{Text: i18n.T("reports.blankforms.time")}},
		{Label: i18n.T("reports.meeting.row.place"), Lines: 1},
		{Label: i18n.T("reports.meeting.row.chair"), Cell: Cell{Text: blankChair()}},
		{Label: i18n.T("reports.meeting.row.recorder"), Lines: 1},
	}, true)

	d.Heading(i18n.T("reports.meeting.heading.attendees"))
	d.blankTable(attendeeColumns(), blankMinutesAttendees, 1, nil)

	for i := range blankMinutesItems {
		// The item is written in: the agenda's number and title.
		rows := blankItemRows(i18n.T("reports.blankforms.item", map[string]any{"N": i + 1}), Cell{})
		rows[0].Lines = 1
		if i == 0 {
			d.headingWith(i18n.T("reports.meeting.heading.proceedings_plain"), d.ruledHeight(rows))
		}
		d.ruledTable(rows, true)
	}

	d.Heading(i18n.T("reports.meeting.heading.tasks"))
	d.blankTable(taskColumns(), blankMinutesTasks, 1, func(i int) string { return strconv.Itoa(i + 1) })

	d.need(minutesClosingKeep)
	d.Paragraph(i18n.T("reports.meeting.closing"))
	d.SealBoxes(MeetingData{}.sealLabels())
	return d.Bytes()
}
