package reports

import (
	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// Writing space of the blank agenda, in ruled lines per item.
const (
	blankDiscussionLines = 3 // 審議の内容
	blankDecisionLines   = 2 // 決定事項, under the status boxes
	blankOwnerLines      = 1 // 担当・期限
	blankSummaryLines    = 4 // the case's 概要・経過
	blankAgendaAttendees = 7 // rows of the attendees' table
)

// Blanks to fill in by hand: a name, a number (第　　回).
const (
	blankName = "　　　　　　　　"
	blankNo   = "　　"
	blankRole = "　　　　　　"
)

// BlankAgendaFailure makes the セキュリティ会議次第 of a failure as a blank
// form: the rows of 審議する項目 (第4条第6号) in the regulation's wording and
// order, each with ruled lines to write its deliberation and decision.
func BlankAgendaFailure(opt BlankOptions) ([]byte, error) {
	return blankAgenda(opt, data.ClassFailure)
}

// BlankAgendaMisconduct is BlankAgendaFailure for a misconduct: the rows of
// 決定の項目 (第5条第6号).
func BlankAgendaMisconduct(opt BlankOptions) ([]byte, error) {
	return blankAgenda(opt, data.ClassMisconduct)
}

// blankAgenda lays out the agenda of class: when and where, the case (its
// number, the failure type or threat level as boxes, a summary to write),
// the attendees, then every row of the class's table as the filled-in agenda prints it
// (agendaItemRows: sub-options as boxes or the 内容 line), each followed by
// ruled rows for 審議の内容, 決定事項 (決定／保留／事後承認) and 担当・期限.
func blankAgenda(opt BlankOptions, class data.Class) ([]byte, error) {
	heading, article, table := data.MeetingTable(class)
	title := i18n.T("reports.blankforms.agenda_title", map[string]any{
		"Title": blankMeetingTitle("reports.meeting.agenda"),
		"Class": class.Label(),
	})
	d := blankDoc(opt, title)
	d.blankHead(blankMeetingNumber(opt), "", i18n.T("reports.meeting.issuer", map[string]any{"City": opt.city()}))
	d.Title(title)

	d.Heading(i18n.T("reports.meeting.heading.when"))
	d.ruledTable([]ruledRow{
		{Label: i18n.T("reports.meeting.row.date"), Cell: Cell{Text: i18n.T("reports.blank.datetime")}},
		{Label: i18n.T("reports.meeting.row.place"), Lines: 1},
		{Label: i18n.T("reports.meeting.row.chair"), Cell: Cell{Text: blankChair()}},
	}, true)

	d.Heading(i18n.T("reports.blankforms.heading.case"))
	d.ruledTable(blankAgendaCaseRows(class, heading, article), true)

	d.Heading(i18n.T("reports.blankforms.heading.attendees"))
	d.blankTable(attendeeColumns(), blankAgendaAttendees, 1, nil)

	for i, item := range agendaItemRows(class, table, nil) {
		rows := blankItemRows(item.Label, item.Cell)
		if i == 0 {
			d.headingWith(i18n.T("reports.meeting.heading.items", map[string]any{"Title": heading, "Article": article}), d.ruledHeight(rows))
		}
		d.ruledTable(rows, true)
	}
	return d.Bytes()
}

// blankAgendaCaseRows are the case's number and title, its class with the
// table it calls for, the failure types or threat levels as boxes, and
// ruled lines for a summary.
func blankAgendaCaseRows(class data.Class, heading, article string) []ruledRow {
	rows := []ruledRow{
		{Label: i18n.T("reports.blankforms.row.case"), Lines: 1},
		{Label: i18n.T("reports.blankforms.row.class"), Cell: Cell{Text: i18n.T("reports.blankforms.class_table",
			map[string]any{"Class": class.Label(), "Title": heading, "Article": article})}},
	}
	var checks []Check
	label := ""
	switch class {
	case data.ClassFailure:
		label = i18n.T("reports.blankforms.row.failure_type")
		for _, fi := range data.FailureTypes {
			checks = append(checks, Check{Label: fi.Label})
		}
	case data.ClassMisconduct:
		label = i18n.T("reports.blankforms.row.threat")
		for _, li := range data.ThreatLevels {
			checks = append(checks, Check{Label: li.Label})
		}
	}
	rows = append(rows,
		ruledRow{Label: label, Cell: Cell{Checks: checks}},
		ruledRow{Label: i18n.T("reports.blankforms.row.summary"), Lines: blankSummaryLines},
	)
	return rows
}

// blankItemRows are one item of a meeting with room to write: its title
// and what it prints (the regulation's sub-options or 内容 line), then
// 審議の内容, 決定事項 with the three statuses, and 担当・期限.
func blankItemRows(label string, printed Cell) []ruledRow {
	return []ruledRow{
		{Label: label, Cell: printed},
		{Label: i18n.T("reports.meeting.row.discussion"), Lines: blankDiscussionLines},
		{Label: i18n.T("reports.meeting.row.decision"), Cell: Cell{Checks: statusChecks(data.ItemOpen)}, Lines: blankDecisionLines},
		{Label: i18n.T("reports.meeting.row.owner"), Lines: blankOwnerLines},
	}
}

// blankChair is the chair's line: blanks for the name and for the chair's
// role (the regulation names no chair: a deputy may chair).
func blankChair() string {
	return i18n.T("reports.meeting.chair", map[string]any{"Name": blankName, "Role": blankRole})
}

// blankMeetingNumber is a meeting document's number with blanks for the
// case and the meeting: 大崎市-住基-　　　　 第　　回会議.
func blankMeetingNumber(opt BlankOptions) string {
	return i18n.T("reports.meeting.number", map[string]any{
		"City": opt.city(), "Case": "　　　　　　", "Seq": blankNo,
	})
}

// blankMeetingTitle is 第　　回 セキュリティ会議次第 (or 議事録).
func blankMeetingTitle(key string) string {
	return i18n.T("reports.meeting.title", map[string]any{"Seq": blankNo, "Doc": i18n.T(key)})
}
