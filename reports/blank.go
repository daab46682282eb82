package reports

import (
	"math"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// BlankOptions describe a blank form (様式) printed for filling by hand when
// even the laptop is down.
type BlankOptions struct {
	City       string // e.g. 大崎市: the issuer and the document number
	Prefecture string // e.g. 宮城県: a body to notify on resumption
	// Created is the creation date written into the PDF, so that the same
	// options give the same bytes; the zero value is a fixed date.
	Created time.Time
	// Points are the case file's contact network, when there is one: the
	// blank contact sheet prints their bodies and sections (never the
	// people or numbers, which are to be written by hand).
	Points []data.ContactPoint
	// Letter is the case file's 公用文 settings (LoadLetter): the 記号 of
	// the 文書番号 and the 発信者 of the blank reports. The zero value gives
	// 大住 and 「<市>長」 with 「（公印省略）」; the 担当 block is always left
	// blank, to be written by whoever sends the form.
	Letter Letter
}

// Sizes of the writing space on a blank form, in lines of lineBody (5.4 mm)
// including the printed label line: the rest gives handwritten lines of
// about 8–9 mm, as on the ruled forms (blank_ruled.go).
const (
	blankShort     = 3  // a name, a place: one handwritten line (16 mm)
	blankMedium    = 5  // a few lines: two handwritten lines (27 mm)
	blankLong      = 8  // a description: four handwritten lines (43 mm)
	blankTimelines = 12 // at least this many empty rows in the 経過 table
	// blankHeadingKeep keeps a heading with the first row of its table.
	blankHeadingKeep = 10 + 8*lineBody + 2*cellPadY
)

// BlankMisconductReport makes the 不正行為発生報告書 as a blank form: the same
// items as MisconductReport in the regulation's wording, with room to write
// by hand, every choice an empty check box, and a ruled 経過 table.
func BlankMisconductReport(opt BlankOptions) ([]byte, error) {
	d := beginBlankLetter(opt, i18n.T("reports.misconduct.title"), "reports.letter.subject_misconduct")
	d.Heading(i18n.T("reports.heading.items"))
	rows := blankCaseRows()
	rows = append(rows, blankOriginRow(opt), blankDiscovererRow())
	rows = append(rows, blankMisconductItems()...)
	rows = append(rows, blankThreatRows()...)
	rows = append(rows, blankImpactRow("reports.row.impact_misconduct"))
	rows = append(rows, blankReporterRows()...)
	d.FormTable([2]string{}, rows)

	// The response, as the filled report prints it (misconduct.go): the
	// 緊急措置 of 第5条第4号, the recovery of 第5条第7号・第8号 and the 事後対策
	// of 第5条第9号.
	// Their first rows are taller than one of blankHeadingKeep.
	const keep = blankHeadingKeep + 2*lineBody
	d.need(keep)
	d.Heading(i18n.T("reports.heading.emergency"))
	d.FormTable([2]string{}, blankEmergencyRows(opt))
	d.need(keep)
	d.Heading(i18n.T("reports.heading.recovery_misconduct"))
	d.FormTable([2]string{}, append([]FormRow{blankLogsRow()}, blankRecoveryRows(opt, true)...))
	d.need(keep)
	d.Heading(i18n.T("reports.heading.followup"))
	d.FormTable([2]string{}, blankFollowupRows())

	blankTimeline(d, i18n.T("reports.heading.timeline_response"))
	d.Closing(blankContact())
	return d.Bytes()
}

// BlankFailureReport makes the 障害発生報告書 as a blank form: the items of
// FailureReport, with the checks of every failure type, room to write by
// hand and a ruled 経過 table.
func BlankFailureReport(opt BlankOptions) ([]byte, error) {
	d := beginBlankLetter(opt, i18n.T("reports.failure.title"), "reports.letter.subject_failure")
	d.Heading(i18n.T("reports.heading.failure"))
	rows := blankCaseRows()
	rows = append(rows, blankFailureRows()...)
	rows = append(rows, blankReporterRows()...)
	d.FormTable([2]string{}, rows)

	d.need(blankHeadingKeep)
	d.Heading(i18n.T("reports.heading.recovery"))
	d.FormTable([2]string{}, append([]FormRow{blankRepairRow()}, blankRecoveryRows(opt, false)...)) // 第4条第7号 (aftercare.go)

	d.need(blankHeadingKeep)
	d.Heading(i18n.T("reports.heading.prevention"))
	prev := CaseData{}.preventionRows()
	for i := range prev {
		prev[i].More = append(prev[i].More, Cell{Text: i18n.T("reports.blank.measures"), MinLines: blankShort}, blankOwnerDue())
	}
	prev = append(prev, FormRow{Label: i18n.T("reports.row.prevention_other"), Cell: Cell{
		Text: i18n.T("reports.blank.measures"), MinLines: blankMedium, More: []Cell{blankOwnerDue()}}})
	d.FormTable([2]string{}, prev)

	blankTimeline(d, i18n.T("reports.heading.timeline_failure"))
	d.Closing(blankContact())
	return d.Bytes()
}

// blankDateTime is a date and time to fill in: 令和　　年　　月　　日　　時　　分.
func blankDateTime() string { return i18n.T("reports.blank.datetime") }

// blankCaseRows are caseRows with nothing chosen.
func blankCaseRows() []FormRow {
	var classChecks []Check
	for _, ci := range data.ClassInfos {
		classChecks = append(classChecks, Check{Label: ci.Label})
	}
	return []FormRow{
		{Label: i18n.T("reports.row.case"), Cell: Cell{MinLines: blankShort}},
		{Label: i18n.T("reports.row.class"), Cell: Cell{Checks: classChecks, Text: "（" + data.ClassInfos[0].Article + "）"}},
	}
}

// blankMisconductItems are the rows of 第5条第1号ア–エ with room to write.
func blankMisconductItems() []FormRow {
	at := func(key string) Cell {
		return Cell{Text: i18n.T(key, map[string]any{"At": ""}) + "\n　" + blankDateTime()}
	}
	field := func(key string, lines int) Cell {
		return Cell{Text: i18n.T(key, map[string]any{"Text": ""}), MinLines: lines}
	}
	occurred := at("reports.occurred")
	occurred.More = []Cell{{Checks: []Check{
		{Label: i18n.T("reports.time.unknown")},
		{Label: i18n.T("reports.time.unconfirmed")},
	}}, field("reports.note", blankShort)}
	values := []Cell{
		{More: []Cell{at("reports.discovered"), field("reports.discovery_note", blankMedium), occurred}},
		{More: []Cell{field("reports.device", blankMedium), field("reports.location", blankMedium)}},
		{More: []Cell{field("reports.details", blankLong+1), field("reports.damage", blankMedium+1)}},
		{
			Checks: []Check{{Label: i18n.T("reports.yes")}, {Label: i18n.T("reports.no")}},
			More:   []Cell{field("reports.measures", blankLong)},
		},
	}
	return itemRows(values)
}

// itemRows labels the cells of 第5条第1号ア–エ with the regulation's wording.
func itemRows(values []Cell) []FormRow {
	letters := []string{"ア", "イ", "ウ", "エ"}
	var rows []FormRow
	for i, item := range data.MisconductReportItems {
		if i >= len(values) || i >= len(letters) {
			break
		}
		label := i18n.T("reports.row.item", map[string]any{"Letter": letters[i], "Text": item.Text}) + "\n（" + item.Article + "）"
		rows = append(rows, FormRow{Label: label, Cell: values[i]})
	}
	return rows
}

// blankThreatRows list every level with its examples as empty check boxes,
// and leave room for a revision and its reason.
func blankThreatRows() []FormRow {
	var parts []Cell
	for _, li := range data.ThreatLevels {
		parts = append(parts, Cell{Checks: []Check{{Label: i18n.T("reports.threat.level", map[string]any{"Label": li.Label, "Description": li.Description})}}})
		for _, ex := range li.Examples {
			parts = append(parts, Cell{Indent: 2 * boxSize, Checks: []Check{{Label: i18n.T("reports.blank.example", map[string]any{"Text": ex.Text, "Kind": ex.Kind.Label()})}}})
		}
	}
	parts = append(parts,
		Cell{Checks: []Check{{Label: i18n.T("reports.blank.threat_event")}}},
		Cell{Indent: 2 * boxSize, Text: i18n.T("reports.threat.event_text", map[string]any{"Text": ""}), MinLines: blankMedium},
		Cell{Text: i18n.T("reports.blank.judged")},
		Cell{Indent: 2 * boxSize, Text: i18n.T("reports.at", map[string]any{"At": blankDateTime()})},
		Cell{Indent: 2 * boxSize, Text: i18n.T("reports.blank.officer"), MinLines: blankShort - 1},
		Cell{Indent: 2 * boxSize, Text: i18n.T("reports.blank.admin"), MinLines: blankShort - 1},
	)
	estimate := func(key string) []Cell {
		return []Cell{
			{Checks: []Check{{Label: i18n.T(key)}}},
			{Indent: 2 * boxSize, Text: i18n.T("reports.at", map[string]any{"At": blankDateTime()})},
			{Indent: 2 * boxSize, Text: i18n.T("reports.blank.by"), MinLines: blankShort - 1},
		}
	}
	revision := Cell{
		Text: i18n.T("reports.threat.revision", map[string]any{"At": blankDateTime(), "From": "レベル　", "To": "レベル　", "By": ""}),
		More: []Cell{{Text: i18n.T("reports.threat.reason", map[string]any{"Text": ""}), MinLines: blankMedium}},
	}
	return []FormRow{
		{Label: i18n.T("reports.row.threat"), Cell: Cell{Text: i18n.T("reports.threat.examples"), More: parts}},
		{Label: i18n.T("reports.row.threat_estimate"), Cell: Cell{More: append(estimate("reports.blank.estimate2"), estimate("reports.blank.estimate3")...)}},
		{Label: i18n.T("reports.row.threat_revision"), Cell: revision},
	}
}

// blankReporterRows are reporterRows with room to write.
func blankReporterRows() []FormRow {
	return []FormRow{
		{Label: i18n.T("reports.row.reporter"), Cell: Cell{MinLines: blankShort}},
		{Label: i18n.T("reports.row.reported_to"), Cell: Cell{MinLines: blankShort}},
		{Label: i18n.T("reports.row.reported_at"), Cell: Cell{Text: blankDateTime(), MinLines: blankShort}},
		{Label: i18n.T("reports.row.report_no"), Cell: Cell{Text: i18n.T("reports.report_no", map[string]any{"No": "　　"}), MinLines: blankShort}},
	}
}

// blankFailureRows are failureRows with every type's checks and nothing chosen.
func blankFailureRows() []FormRow {
	text := func(key string, lines int) Cell {
		return Cell{Text: i18n.T(key, map[string]any{"Text": ""}), MinLines: lines}
	}
	var types []Check
	for _, fi := range data.FailureTypes {
		types = append(types, Check{Label: fi.Label})
	}
	rows := []FormRow{
		{Label: i18n.T("reports.row.failure_type"), Cell: Cell{Checks: types, More: []Cell{text("reports.event", blankMedium)}}},
		{Label: i18n.T("reports.row.place"), Cell: Cell{MinLines: blankMedium}},
	}
	results := func() []Check {
		return []Check{
			{Label: i18n.T("reports.check.ok")},
			{Label: i18n.T("reports.check.abnormal")},
			{Label: i18n.T("reports.check.notdone")},
		}
	}
	for _, fi := range data.FailureTypes {
		var parts []Cell
		for i, c := range fi.Checks {
			parts = append(parts, Cell{Text: i18n.T("reports.blank.check", map[string]any{"N": i + 1, "Text": c})},
				Cell{Checks: results()})
		}
		parts = append(parts, Cell{Text: i18n.T("reports.blank.check_note"), MinLines: blankShort})
		rows = append(rows, FormRow{
			Label: i18n.T("reports.row.check", map[string]any{"N": ""}) + "\n" + fi.Label,
			Cell:  Cell{More: parts},
		})
	}
	rows = append(rows,
		FormRow{Label: i18n.T("reports.row.cause"), Cell: Cell{MinLines: blankMedium, More: []Cell{
			{Checks: []Check{{Label: i18n.T("reports.cause.unknown")}}},
			text("reports.cause.request", blankShort),
			{Text: i18n.T("reports.cause.requested_at", map[string]any{"At": blankDateTime()})},
		}}},
		blankImpactRow("reports.row.impact"),
		FormRow{Label: i18n.T("reports.row.stop"), Cell: Cell{Checks: []Check{
			{Label: i18n.T("reports.stop.temporary")},
			{Label: i18n.T("reports.stop.long")},
		}, MinLines: blankShort}},
		FormRow{Label: i18n.T("reports.row.stop_decision"), Cell: Cell{
			Checks: []Check{
				{Label: i18n.T("reports.stop.decision_stop")},
				{Label: i18n.T("reports.stop.decision_meeting")},
			},
			Text:     i18n.T("reports.stop.decided", map[string]any{"At": blankDateTime(), "By": ""}),
			MinLines: blankMedium,
		}},
	)
	return rows
}

// blankImpactRow is the 支障 on data protection reported to the セキュリティ
// 統括責任者 (第4条第4号, 第5条第3号: label says which), nothing chosen.
func blankImpactRow(label string) FormRow {
	return FormRow{Label: i18n.T(label), Cell: Cell{
		Checks: []Check{
			{Label: i18n.T("reports.impact.none")},
			{Label: i18n.T("reports.impact.possible")},
			{Label: i18n.T("reports.impact.yes")},
		},
		More: []Cell{
			{Text: i18n.T("reports.impact.text", map[string]any{"Text": ""}), MinLines: blankMedium},
			{Text: i18n.T("reports.impact.chief", map[string]any{"At": ""}) + "\n　" + blankDateTime()},
		},
	}}
}

// blankOriginRow is originRow with nothing chosen: found in the city
// (第5条第1号) or told by the prefecture or the agency (第5条第2号), with room
// for who told, when and what.
func blankOriginRow(opt BlankOptions) FormRow {
	prefecture := opt.Prefecture
	if prefecture == "" {
		prefecture = data.DefaultPrefecture
	}
	return FormRow{Label: i18n.T("reports.row.origin"), Cell: Cell{
		Checks: []Check{
			{Label: i18n.T("reports.origin.discovery")},
			{Label: i18n.T("reports.origin.prefecture", map[string]any{"Prefecture": prefecture})},
			{Label: i18n.T("reports.origin.agency")},
		},
		More: []Cell{
			{Text: i18n.T("reports.blank.origin_notice")},
			{Indent: 2 * boxSize, Text: i18n.T("reports.origin.from", map[string]any{"Text": ""}), MinLines: blankShort - 1},
			{Indent: 2 * boxSize, Text: i18n.T("reports.origin.at", map[string]any{"At": blankDateTime()})},
			{Indent: 2 * boxSize, Text: i18n.T("reports.origin.text", map[string]any{"Text": ""}), MinLines: blankMedium},
		},
	}}
}

// blankDiscovererRow is discovererRow with room for 所属 and 氏名.
func blankDiscovererRow() FormRow {
	return FormRow{Label: i18n.T("reports.row.discoverer"), Cell: Cell{MinLines: blankShort}}
}

// blankEmergencyRows are emergencyRows (第5条第4号ア・イ・ウ) with nothing
// chosen and room to write.
func blankEmergencyRows(opt BlankOptions) []FormRow {
	prefecture := opt.Prefecture
	if prefecture == "" {
		prefecture = data.DefaultPrefecture
	}
	text := func(key string, lines int) Cell {
		return Cell{Text: i18n.T(key, map[string]any{"Text": ""}), MinLines: lines}
	}
	at := func(key string) Cell { return Cell{Text: i18n.T(key, map[string]any{"At": blankDateTime()})} }
	return []FormRow{
		{Label: i18n.T("reports.row.cooperation"), Cell: Cell{
			Checks: []Check{{Label: i18n.T("reports.done")}, {Label: i18n.T("reports.pending")}},
			More: []Cell{at("reports.at"), {Text: i18n.T("reports.who", map[string]any{"By": ""})},
				{Text: i18n.T("reports.blank.cooperation"), MinLines: blankMedium}},
		}},
		{Label: i18n.T("reports.row.hearing"), Cell: Cell{More: []Cell{
			text("reports.hearing.with", blankShort-1), text("reports.hearing.by", blankShort-1), at("reports.at"),
			text("reports.hearing.result", blankLong),
		}}},
		{Label: i18n.T("reports.row.disposal"), Cell: Cell{
			Checks: []Check{{Label: i18n.T("reports.disposal.yes")}, {Label: i18n.T("reports.disposal.no")}},
			More:   []Cell{text("reports.disposal.text", blankMedium), at("reports.at")},
		}},
		{Label: i18n.T("reports.row.request", map[string]any{"Prefecture": prefecture}), Cell: Cell{More: []Cell{
			text("reports.request.agency", blankShort-1), text("reports.request.text", blankMedium), at("reports.request.at"),
			text("reports.request.report", blankMedium), at("reports.request.report_at"),
		}}},
	}
}

// blankLogsRow is preservedLogRows with room for one or two logs: which,
// where they are kept, by whom and when (第5条第7号).
func blankLogsRow() FormRow {
	return FormRow{Label: i18n.T("reports.row.logs"), Cell: Cell{More: []Cell{
		{Text: i18n.T("reports.blank.logs"), MinLines: blankMedium},
		{Text: i18n.T("reports.logs.place", map[string]any{"Text": ""}), MinLines: blankShort - 1},
		{Text: i18n.T("reports.logs.by", map[string]any{"By": ""})},
		{Text: i18n.T("reports.logs.at", map[string]any{"At": blankDateTime()})},
	}}}
}

// blankFollowupRows are followupRows with room for two 事後対策 decided by
// the security meetings (第5条第9号).
func blankFollowupRows() []FormRow {
	var rows []FormRow
	for n := 1; n <= 2; n++ {
		rows = append(rows, FormRow{Label: i18n.T("reports.row.followup", map[string]any{"N": n}), Cell: Cell{
			Checks: []Check{{Label: i18n.T("reports.followup.done")}, {Label: i18n.T("reports.followup.open")}},
			More: []Cell{
				{Text: i18n.T("reports.blank.measures"), MinLines: blankMedium},
				{Text: i18n.T("reports.followup.meeting", map[string]any{"Seq": "　　", "At": blankDateTime()})},
				blankOwnerDue(),
				{Text: i18n.T("reports.followup.done_at", map[string]any{"At": blankDateTime()})},
			},
		}})
	}
	return rows
}

// blankOwnerDue is room for who carries a measure out and by when.
func blankOwnerDue() Cell {
	return Cell{Text: i18n.T("reports.prevention.owner", map[string]any{"Owner": ""}) + "　　　　　　　　　　" +
		i18n.T("reports.prevention.due", map[string]any{"Due": i18n.T("reports.blank.day")})}
}

// blankNotifiedCell is the notification row (第4条第9号, 第5条第8号ウ) with
// room for one record per related body: who received it, how, when and who
// told them, as the filled report prints each (aftercare.go).
func blankNotifiedCell(opt BlankOptions) Cell {
	c := Cell{Checks: []Check{{Label: i18n.T("reports.done")}, {Label: i18n.T("reports.pending")}}}
	var methods []Check
	for _, m := range data.NotifyMethods {
		methods = append(methods, Check{Label: NotifyMethodLabel(m)})
	}
	for _, b := range []data.Body{data.BodyPrefecture, data.BodyAgency} {
		c.More = append(c.More,
			Cell{Text: b.Label(opt.City, opt.Prefecture)},
			Cell{Indent: 2 * boxSize, Text: i18n.T("reports.blank.notify_person")},
			Cell{Indent: 2 * boxSize, Checks: methods},
			Cell{Indent: 2 * boxSize, Text: i18n.T("reports.at", map[string]any{"At": blankDateTime()})},
			Cell{Indent: 2 * boxSize, Text: i18n.T("reports.blank.notify_by")},
		)
	}
	return c
}

// blankRecoveryRows are recoveryRows with 済／未了 unticked and room for the
// time, who, the authority and a note; misconduct adds the 再登録 of 第5条
// 第8号イ and labels the notification with 第5条第8号ウ.
func blankRecoveryRows(opt BlankOptions, misconduct bool) []FormRow {
	cell := func(more ...Cell) Cell {
		c := Cell{Checks: []Check{{Label: i18n.T("reports.done")}, {Label: i18n.T("reports.pending")}}}
		c.More = append(c.More,
			Cell{Text: i18n.T("reports.at", map[string]any{"At": blankDateTime()})},
			Cell{Text: i18n.T("reports.who", map[string]any{"By": ""})})
		c.More = append(c.More, more...)
		c.More = append(c.More, Cell{Text: i18n.T("reports.blank.note"), MinLines: blankShort})
		return c
	}
	authority := Cell{Text: i18n.T("reports.authority", map[string]any{"Who": ""}), More: []Cell{{Checks: []Check{
		{Label: i18n.T("reports.authority.chief")},
		{Label: i18n.T("reports.authority.meeting")},
	}}}}
	rows := []FormRow{
		{Label: i18n.T("reports.row.ms_stop"), Cell: cell(authority)},
		{Label: i18n.T("reports.row.ms_integrity"), Cell: cell()},
		{Label: i18n.T("reports.row.ms_approval"), Cell: cell(authority)},
	}
	notified := "reports.row.notified"
	if misconduct {
		rows = append(rows, FormRow{Label: i18n.T("reports.row.ms_reregistration"), Cell: cell()})
		notified = "reports.row.notified_misconduct"
	}
	return append(rows,
		FormRow{Label: i18n.T("reports.row.resumed"), Cell: cell()},
		FormRow{Label: i18n.T(notified), Cell: blankNotifiedCell(opt)},
	)
}

// blankTimeline draws the 経過 table with empty ruled rows, each with room
// for a date and time in its first column: as many rows as fill the page,
// at least blankTimelines (on a new page if this one has less room). Room
// is left below for 以上 and the 担当 block (Closing), so that they end the
// page of the last rows.
func blankTimeline(d *Doc, heading string) {
	const headingH, headH, rowH = 10.0, lineBody + 2*cellPadY, 2*lineBody + 2*cellPadY
	closing := d.closingHeight(blankContact()) + lineBody // and the space after a table
	fit := func() int { return int((d.bottom() - d.y - headingH - headH - closing + 0.01) / rowH) }
	if fit() < blankTimelines {
		d.need(math.Inf(1))
	}
	n := fit()
	d.Heading(heading)
	cols := timelineColumns()
	spec := tableSpec{
		widths: []float64{cols[0].Width, d.right() - d.left() - cols[0].Width - cols[2].Width, cols[2].Width},
		aligns: []string{"L", "L", "L"},
	}
	for _, c := range cols {
		spec.header = append(spec.header, c.Header)
	}
	rows := make([][]Cell, n)
	for i := range rows {
		rows[i] = []Cell{{Text: i18n.T("reports.blank.timeline_at")}, {MinLines: 2}, {}}
	}
	d.table(spec, rows)
}
