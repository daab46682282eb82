package reports

import (
	"strconv"
	"strings"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// ContactSheet makes the 緊急時連絡網 (第3条): the reporting chain of the
// regulation's steps drawn as boxes and arrows, each box with the person to
// call and the business-hours number, then the table of every entry with
// both sets of contacts (平日日中; 夜間・休日), the deputy, the business hours
// and when the entry was last confirmed (※ when too long ago). One A4 page
// when it fits, two otherwise. The footer ties the printout to the case file
// (audit-chain head). The result is unsigned; the same data and options give
// the same bytes.
func ContactSheet(cd ContactData, opt DocOptions) ([]byte, error) {
	d, _ := contactSheet(cd, opt)
	return d.Bytes()
}

// contactSheet lays the sheet out and returns it with the diagram drawn.
func contactSheet(cd ContactData, opt DocOptions) (*Doc, diagram) {
	title := i18n.T("reports.contacts.sheet.title")
	issuer := opt.Issuer
	if issuer == "" {
		issuer = i18n.T("reports.issuer", map[string]any{"City": data.BodyCity.Label(cd.City, cd.Prefecture)})
	}
	date, created := cd.dates(opt)
	// Sent to someone (an addressee given), the sheet goes as a 公用文:
	// letter head, 記, the sheet, 以上 and the 担当 block.
	sent := strings.TrimSpace(opt.Addressee) != ""
	o := Options{
		Number:       opt.Number,
		Date:         date,
		Title:        title,
		Author:       issuer,
		Confidential: true,
		Drill:        cd.Drill,
		AuditHead:    AuditHead(cd.Head.Seq, cd.Head.Hash),
		Head:         cd.Head,
		Created:      created,
	}
	// The PDF title says as of when: 「緊急時連絡網 令和8年12月6日現在」.
	if !date.IsZero() {
		o.DocTitle = title + " " + i18n.T("reports.contacts.sheet.as_of", map[string]any{"Date": wareki(date)})
		if cd.Drill {
			o.DocTitle = drillMark + o.DocTitle
		}
	}
	var h LetterHead
	if sent {
		h = cd.letterHead(opt, date, "reports.letter.subject_contact_sheet", "reports.letter.lead_contact_sheet")
		o.Number = strings.TrimSpace(strings.TrimSpace(opt.Number) + " " + title)
		o.Author, o.Subject = h.Sender, h.Subject
	}
	d := New(o)
	l, r := d.left(), d.right()
	if sent {
		d.Letterhead(h)
	} else if opt.Number != "" {
		d.setFont(mincho, 10.5)
		d.text(l, d.y, r-l, lineBody, opt.Number, "R")
		d.y += lineBody
	}
	d.Title(title)
	d.setFont(mincho, 10.5)
	if !date.IsZero() {
		d.text(l, d.y-3, r-l, lineBody, i18n.T("reports.contacts.sheet.as_of", map[string]any{"Date": wareki(date)}), "R")
		d.y += lineBody - 3
	}
	d.text(l, d.y, r-l, lineBody, i18n.T("reports.contacts.sheet.keeper", map[string]any{"Issuer": issuer}), "R")
	d.y += lineBody

	d.Heading(i18n.T("reports.contacts.sheet.heading_chain"))
	area := diagRect{l, d.y + 1, r - l, d.bottom() - d.y - 1}
	g := layoutChain(cd, area, d.measure)
	if g.Bounds.bottom() > d.bottom() {
		// Boxes made tall by long names: the diagram gets a page of its own.
		d.newPage()
		area = diagRect{l, d.y, r - l, d.bottom() - d.y}
		g = layoutChain(cd, area, d.measure)
	}
	d.drawDiagram(g)
	d.y = g.Bounds.bottom() + 4

	d.Heading(i18n.T("reports.contacts.sheet.heading_table"))
	stale := d.contactTable(cd)
	if stale {
		d.setFont(mincho, sizeSmall)
		months := cd.staleMonths()
		for _, line := range d.lines(i18n.T("reports.contacts.sheet.stale_note", map[string]any{"Months": months}), mincho, sizeSmall, r-l) {
			d.need(diagPitch(sizeSmall))
			d.setFont(mincho, sizeSmall)
			d.text(l, d.y, r-l, diagPitch(sizeSmall), line, "L")
			d.y += diagPitch(sizeSmall)
		}
	}
	if sent {
		d.Closing(cd.letter().Contact)
	}
	return d, g
}

// Geometry of the reporting-chain diagram (mm, for the 170 mm of A4's
// content width; scaled for another width). Column A holds the related
// bodies, B the security officer's line, C the system administrator's.
const (
	chainColA      = 42.0
	chainGapAB     = 22.0
	chainColB      = 44.0
	chainGapBC     = 18.0
	chainColC      = 41.0 // and chainFramePad to the right for the frame
	chainRowGap    = 12.0
	chainFramePad  = 3.0
	chainFrameBand = 7.5 // room above the first row for the city's name
	chainMinBox    = 15.0
	chainTrunk     = 5.0 // the branch to the 指定情報処理機関, right of column A
	// chainMaxLines is the most lines a text takes in a box: the diagram
	// is a summary, the table below has everything.
	chainMaxLines = 2

	chainHeadSize  = 8.0
	chainSubSize   = 6.5
	chainBodySize  = 7.5
	chainLabelSize = 7.0
	chainFrameSize = 9.0
)

// Keys of the diagram's boxes.
const (
	chainMeeting = "meeting"
)

// chainSlot is a place in the diagram's grid.
type chainSlot struct {
	key      string
	col, row int
}

// chainPlaces are the fixed places of the chain: the city's roles in columns
// B and C, the related bodies around them.
var chainPlaces = []chainSlot{
	{string(data.RoleStaff), 1, 0},
	{string(data.RoleSysAdminStaff), 2, 0},
	{string(data.RoleSecurityOfficer), 1, 1},
	{string(data.RoleSysAdmin), 2, 1},
	{string(data.RoleChief), 1, 2},
	{chainMeeting, 1, 3},
	{string(data.BodyPrefecture), 0, 1},
	{string(data.BodyAgency), 0, 2},
	{string(data.BodyContractor), 2, 2},
}

// chainFree are the cells of the first rows left for the officer's other
// entries; further ones go in rows of three below.
var chainFree = [][2]int{{0, 3}, {2, 3}}

// layoutChain lays the reporting chain out in area (its top and width; the
// diagram takes the height it needs, and leaves out other entries that
// would not fit in area). It is a pure function of the data and measure.
//
// The arrows follow the regulation: 住基ネット担当者 → セキュリティ責任者 報告
// and セキュリティ責任者 → システム管理者 連絡 (第4条第1号, 第5条第1号);
// システム管理担当者 → システム管理者 連絡 (第4条第5号); no arrow between
// 住基ネット担当者 and システム管理担当者: 第4条第3号 has them find the cause
// together, it has neither report to the other;
// セキュリティ責任者 → セキュリティ統括責任者 報告 (第4条第4号, 第5条第3号);
// セキュリティ統括責任者 → セキュリティ会議 開催・招集 (第4条第6号 開催,
// 第5条第6号 招集); システム管理者 → 保守委託事業者 要請・依頼 (協力を要請,
// 第4条第5号; 修復等を依頼, 第4条第7号); セキュリティ責任者 ↔ 宮城県・
// 指定情報処理機関 連絡: 連絡調整 (第5条第2号ウ・第4号ア・第5号), the 連絡 that
// operation resumes (第4条第9号, 第5条第8号ウ) and the bodies' 通報 (第5条第2号);
// 宮城県 → 指定情報処理機関 経由 (第5条第4号ウ).
func layoutChain(cd ContactData, area diagRect, m diagMeasure) diagram {
	scale := area.W / (chainColA + chainGapAB + chainColB + chainGapBC + chainColC + chainFramePad)
	colW := [3]float64{chainColA * scale, chainColB * scale, chainColC * scale}
	colX := [3]float64{area.X, area.X + (chainColA+chainGapAB)*scale, area.X + (chainColA+chainGapAB+chainColB+chainGapBC)*scale}

	// Which entry stands in each place: the first of its role or body.
	byKey := map[string]int{}
	var others []int
	for i, p := range cd.Points {
		key := string(p.Body)
		if p.Body == data.BodyCity {
			key = string(p.Role)
		}
		if _, taken := byKey[key]; taken || p.Body == data.BodyOther || !isChainKey(key) {
			others = append(others, i)
			continue
		}
		byKey[key] = i
	}

	type placed struct {
		slot       chainSlot
		head, body []diagText
		plain      bool
		dashed     bool
	}
	var boxes []placed
	for _, s := range chainPlaces {
		b := placed{slot: s}
		i, ok := byKey[s.key]
		var p *data.ContactPoint
		if ok {
			p = &cd.Points[i]
		}
		b.head, b.body = cd.chainTexts(s.key, p, colW[s.col]-2*diagPadX, m)
		b.plain = s.key == string(data.BodyPrefecture) || s.key == string(data.BodyAgency) || s.key == string(data.BodyContractor)
		b.dashed = p == nil && s.key != chainMeeting
		boxes = append(boxes, b)
	}
	var otherBoxes []placed
	for n, i := range others {
		slot := chainSlot{key: "other." + strconv.Itoa(n)}
		if n < len(chainFree) {
			slot.col, slot.row = chainFree[n][0], chainFree[n][1]
		} else {
			k := n - len(chainFree)
			slot.col, slot.row = k%3, 4+k/3
		}
		p := cd.Points[i]
		b := placed{slot: slot, plain: true}
		b.head, b.body = cd.chainTexts(slot.key, &p, colW[slot.col]-2*diagPadX, m)
		otherBoxes = append(otherBoxes, b)
	}

	// The legend sits in the free cell at the top left.
	legend, legendArrows, legendH := chainLegend(colX[0], colW[0], m)

	rows := 4
	for _, b := range otherBoxes {
		rows = max(rows, b.slot.row+1)
	}
	rowH := make([]float64, rows)
	for i := range rowH {
		rowH[i] = chainMinBox
	}
	rowH[0] = max(rowH[0], legendH)
	for _, b := range append(append([]placed(nil), boxes...), otherBoxes...) {
		rowH[b.slot.row] = max(rowH[b.slot.row], diagBoxHeight(b.head, b.body))
	}
	rowY := make([]float64, rows)
	rowY[0] = area.Y + chainFrameBand
	for i := 1; i < rows; i++ {
		rowY[i] = rowY[i-1] + rowH[i-1] + chainRowGap
	}
	// Leave out the rows of other entries that would overflow the area,
	// keeping room for the notes under the drawing.
	basis := diagFit([]diagText{{Text: i18n.T("reports.contacts.sheet.basis"), Face: mincho, Size: chainLabelSize}}, area.W, m)
	notesH := 1.5 + diagTextHeight(basis) + 1 + diagPitch(chainBodySize)
	fits := rows
	for fits > 4 && rowY[fits-1]+rowH[fits-1]+notesH > area.bottom() {
		fits--
	}

	g := diagram{}
	rect := map[string]diagRect{}
	for _, b := range boxes {
		r := diagRect{colX[b.slot.col], rowY[b.slot.row], colW[b.slot.col], rowH[b.slot.row]}
		rect[b.slot.key] = r
		g.Boxes = append(g.Boxes, diagBox{Key: b.slot.key, Rect: r, Head: b.head, Body: b.body, Plain: b.plain, Dashed: b.dashed})
	}
	left := 0
	for _, b := range otherBoxes {
		if b.slot.row >= fits {
			left++
			continue
		}
		r := diagRect{colX[b.slot.col], rowY[b.slot.row], colW[b.slot.col], rowH[b.slot.row]}
		g.Boxes = append(g.Boxes, diagBox{Key: b.slot.key, Rect: r, Head: b.head, Body: b.body, Plain: true})
	}

	// The legend, vertically at the top of its cell.
	for _, n := range legend {
		n.Rect.Y += rowY[0]
		g.Notes = append(g.Notes, n)
	}
	for _, a := range legendArrows {
		for i := range a.Path {
			a.Path[i].Y += rowY[0]
		}
		g.Arrows = append(g.Arrows, a)
	}

	// The city's frame: around columns B and C down to the system
	// administrator, and column B down to the meeting.
	pad := chainFramePad
	xl, xr := colX[1]-pad, colX[2]+colW[2]+pad
	xm := colX[1] + colW[1] + pad
	top := area.Y
	yC := rowY[1] + rowH[1] + pad
	yB := rowY[3] + rowH[3] + pad
	cityName := data.BodyCity.Label(cd.City, cd.Prefecture)
	frameLabel := diagText{Text: cityName, Face: gothic, Size: chainFrameSize}
	g.Frames = append(g.Frames, diagFrame{
		Path:      []diagPoint{{xl, top}, {xr, top}, {xr, yC}, {xm, yC}, {xm, yB}, {xl, yB}},
		Label:     frameLabel,
		LabelRect: diagRect{xl + 1.5, top + 0.8, m(cityName, gothic, chainFrameSize) + 1, diagPitch(chainFrameSize)},
	})

	label := func(key string) diagText {
		return diagText{Text: i18n.T(key), Face: gothic, Size: chainLabelSize}
	}
	down := func(from, to, key string) {
		a, b := rect[from], rect[to]
		x := a.cx()
		l := label(key)
		mid := (a.bottom() + b.Y) / 2
		h := diagPitch(l.Size)
		g.Arrows = append(g.Arrows, diagArrow{
			Key:       from + ">" + to,
			Path:      []diagPoint{{x, a.bottom()}, {x, b.Y}},
			Label:     l,
			LabelRect: diagRect{x + 1.2, mid - h/2, m(l.Text, l.Face, l.Size) + 1, h},
		})
	}
	across := func(from, to, key string, both bool) {
		a, b := rect[from], rect[to]
		y := a.cy()
		l := label(key)
		w := m(l.Text, l.Face, l.Size) + 1
		h := diagPitch(l.Size)
		x0, x1 := a.right(), b.X
		if b.X < a.X { // leftwards
			x0, x1 = a.X, b.right()
		}
		lo, hi := min(x0, x1), max(x0, x1)
		if from == string(data.RoleSecurityOfficer) && to == string(data.BodyPrefecture) {
			// Centre the label between the branch and the city's frame.
			lo = b.right() + chainTrunk*scale
			hi = xl
		}
		g.Arrows = append(g.Arrows, diagArrow{
			Key:       from + ">" + to,
			Path:      []diagPoint{{x0, y}, {x1, y}},
			Both:      both,
			Label:     l,
			LabelRect: diagRect{(lo+hi)/2 - w/2, y - h - 0.7, w, h},
		})
	}
	officer, sysadmin := string(data.RoleSecurityOfficer), string(data.RoleSysAdmin)
	pref, agency := string(data.BodyPrefecture), string(data.BodyAgency)
	down(string(data.RoleStaff), officer, "reports.contacts.arrow.report")
	down(string(data.RoleSysAdminStaff), sysadmin, "reports.contacts.arrow.contact")
	across(officer, sysadmin, "reports.contacts.arrow.contact", false)
	down(officer, string(data.RoleChief), "reports.contacts.arrow.report")
	down(string(data.RoleChief), chainMeeting, "reports.contacts.arrow.convene")
	down(sysadmin, string(data.BodyContractor), "reports.contacts.arrow.request")
	across(officer, pref, "reports.contacts.arrow.coordinate", true)
	down(pref, agency, "reports.contacts.arrow.via")
	// The branch to the 指定情報処理機関 leaves the officer–prefecture line.
	ag := rect[agency]
	tx := ag.right() + chainTrunk*scale
	g.Arrows = append(g.Arrows, diagArrow{
		Key:  officer + ">" + agency,
		Path: []diagPoint{{tx, rect[officer].cy()}, {tx, ag.cy()}, {ag.right(), ag.cy()}},
		Dot:  true,
	})

	bottom := yB
	for _, b := range g.Boxes {
		bottom = max(bottom, b.Rect.bottom())
	}
	if left > 0 {
		t := diagText{Text: i18n.T("reports.contacts.sheet.more", map[string]any{"Count": left}), Face: mincho, Size: chainBodySize}
		g.Notes = append(g.Notes, diagNote{Rect: diagRect{area.X, bottom + 1, area.W, diagPitch(t.Size)}, Lines: []diagText{t}})
		bottom += 1 + diagPitch(t.Size)
	}
	// Where the arrows come from, under the drawing.
	g.Notes = append(g.Notes, diagNote{Rect: diagRect{area.X, bottom + 1.5, area.W, diagTextHeight(basis)}, Lines: basis})
	bottom += 1.5 + diagTextHeight(basis)
	g.Bounds = diagRect{area.X, area.Y, area.W, bottom - area.Y}
	return g
}

// isChainKey reports whether key has a place of its own in the diagram.
func isChainKey(key string) bool {
	for _, s := range chainPlaces {
		if s.key == key && key != chainMeeting {
			return true
		}
	}
	return false
}

// chainTexts are the head and body lines of a box: the role or body (with
// the 指定情報処理機関's present name beneath), then the entry's name where it
// says more, the section and person, and the business-hours TEL.
func (cd ContactData) chainTexts(key string, p *data.ContactPoint, w float64, m diagMeasure) (head, body []diagText) {
	var title, sub string
	switch {
	case key == chainMeeting:
		title = data.RoleMeeting.Label()
	case p != nil:
		title = cd.head(*p)
		sub = p.Body.CurrentName()
	case data.Body(key).Valid():
		title = data.Body(key).Label(cd.City, cd.Prefecture)
		sub = data.Body(key).CurrentName()
	default:
		title = data.Role(key).Label()
	}
	head = diagFitMax([]diagText{
		{Text: title, Face: gothic, Size: chainHeadSize},
		{Text: sub, Face: gothic, Size: chainSubSize},
	}, w, m, chainMaxLines)
	if key == chainMeeting {
		return head, nil
	}
	t := func(s string) diagText { return diagText{Text: s, Face: mincho, Size: chainBodySize} }
	if p == nil || p.Primary.Empty() && p.Name == "" && p.Section == "" {
		return head, []diagText{{Text: i18n.T("reports.contacts.box.unregistered"), Face: mincho, Size: chainBodySize, Grey: true}}
	}
	var lines []diagText
	if p.Name != "" && p.Name != title && p.Name != sub {
		lines = append(lines, t(p.Name))
	}
	lines = append(lines, joinIfFits(p.Section, p.Primary.Name, w, m, mincho, chainBodySize)...)
	var tel, ext string
	if p.Primary.TEL != "" {
		tel = i18n.T("reports.contacts.box.tel", map[string]any{"Number": p.Primary.TEL})
	}
	if p.Primary.Extension != "" {
		ext = i18n.T("reports.contacts.box.extension", map[string]any{"Number": p.Primary.Extension})
	}
	lines = append(lines, joinIfFits(tel, ext, w, m, mincho, chainBodySize)...)
	return head, diagFitMax(lines, w, m, chainMaxLines)
}

// joinIfFits puts a and b on one line (with an ideographic space) when they
// fit in w, else on two; empty ones are left out.
func joinIfFits(a, b string, w float64, m diagMeasure, f face, size float64) []diagText {
	t := func(s string) diagText { return diagText{Text: s, Face: f, Size: size} }
	switch {
	case a == "" && b == "":
		return nil
	case a == "":
		return []diagText{t(b)}
	case b == "":
		return []diagText{t(a)}
	}
	if j := a + "　" + b; m(j, f, size) <= w {
		return []diagText{t(j)}
	}
	return []diagText{t(a), t(b)}
}

// chainLegend lays the legend out at x in a cell of width w, from y = 0:
// notes and sample arrows, and its height.
func chainLegend(x, w float64, m diagMeasure) ([]diagNote, []diagArrow, float64) {
	const size = chainLabelSize
	h := diagPitch(size)
	sample := 8.0
	var notes []diagNote
	var arrows []diagArrow
	y := 0.0
	title := diagText{Text: i18n.T("reports.contacts.legend.title"), Face: gothic, Size: size}
	notes = append(notes, diagNote{Rect: diagRect{x, y, w, h}, Lines: []diagText{title}})
	y += h + 0.6
	for i, key := range []string{"reports.contacts.legend.flow", "reports.contacts.legend.both"} {
		t := diagText{Text: i18n.T(key), Face: mincho, Size: size}
		tw := w - sample - 2
		lines := diagFit([]diagText{t}, tw, m)
		lh := diagTextHeight(lines)
		arrows = append(arrows, diagArrow{
			Key:  "legend." + strconv.Itoa(i),
			Path: []diagPoint{{x + 0.3, y + h/2}, {x + sample, y + h/2}},
			Both: i == 1,
		})
		notes = append(notes, diagNote{Rect: diagRect{x + sample + 2, y, tw, lh}, Lines: lines})
		y += lh + 0.6
	}
	box := diagFit([]diagText{{Text: i18n.T("reports.contacts.legend.box"), Face: mincho, Size: size}}, w, m)
	notes = append(notes, diagNote{Rect: diagRect{x, y, w, diagTextHeight(box)}, Lines: box})
	y += diagTextHeight(box)
	return notes, arrows, y
}

// Columns of the contact table (mm, for 170 mm): the entry, the person, the
// business-hours TEL and extension, FAX and mail, the night and holiday
// numbers.
var contactCols = [5]float64{38, 24, 30, 46, 32}

const (
	contactSize   = 8.0 // table text
	contactSmall  = 7.0 // labels, hours and the confirmation date
	contactPadY   = 1.0
	contactHeadSz = 7.5
)

// contactRow is one entry of the table laid out: the left cell and, per
// person (担当者, 代理), the four other cells.
type contactRow struct {
	left   []diagText
	people [][4][]diagText
	subH   []float64
	h      float64
}

// contactTableHead lays out the columns of the table of entries, filled or
// blank: their widths, the width inside a cell, and the header row with its
// height and a function that draws it at d.y.
func (d *Doc) contactTableHead() (widths [5]float64, inner func(int) float64, headH float64, drawHead func()) {
	scale := (d.right() - d.left()) / 170
	for i, w := range contactCols {
		widths[i] = w * scale
	}
	inner = func(i int) float64 { return widths[i] - 2*diagPadX }
	headers := [5]string{
		i18n.T("reports.contacts.col.body"), i18n.T("reports.contacts.col.person"),
		i18n.T("reports.contacts.col.tel"), i18n.T("reports.contacts.col.fax"),
		i18n.T("reports.contacts.col.night"),
	}
	var head [5][]diagText
	for i, h := range headers {
		head[i] = diagFit([]diagText{{Text: h, Face: gothic, Size: contactHeadSz}}, inner(i), d.measure)
		headH = max(headH, diagTextHeight(head[i])+2*contactPadY)
	}
	drawHead = func() {
		x := d.left()
		for i, w := range widths {
			d.fillColor(greyFill)
			d.drawColor(black)
			d.pdf.Rect(x, d.y, w, headH, "FD")
			th := diagTextHeight(head[i])
			d.drawDiagText(diagRect{x, d.y + (headH-th)/2, w, th}, head[i], "C")
			x += w
		}
		d.y += headH
	}
	return widths, inner, headH, drawHead
}

// contactTable draws the table of entries, continued on the next page with
// its header repeated; an entry's row is never split. It reports whether
// any entry is flagged ※.
func (d *Doc) contactTable(cd ContactData) bool {
	widths, inner, headH, drawHead := d.contactTableHead()

	stale := false
	rows := make([]contactRow, 0, len(cd.Points))
	for _, p := range cd.Points {
		row := cd.contactRow(p, inner, d.measure)
		if cd.stale(p) {
			stale = true
		}
		rows = append(rows, row)
	}
	first := headH
	if len(rows) > 0 {
		first += rows[0].h
	}
	d.need(first)
	drawHead()
	if len(rows) == 0 {
		w := d.right() - d.left()
		d.drawColor(black)
		d.pdf.Rect(d.left(), d.y, w, lineBody+2*cellPadY, "D")
		d.setFont(mincho, sizeBody)
		d.text(d.left(), d.y+cellPadY, w, lineBody, i18n.T("reports.contacts.sheet.none"), "C")
		d.y += lineBody + 2*cellPadY
	}
	for _, row := range rows {
		if d.y+row.h > d.bottom() {
			d.newPage()
			drawHead()
		}
		d.drawContactRow(row, widths)
	}
	d.y += 2
	return stale
}

// contactRow lays out an entry's row.
func (cd ContactData) contactRow(p data.ContactPoint, inner func(int) float64, m diagMeasure) contactRow {
	txt := func(s string) diagText { return diagText{Text: s, Face: mincho, Size: contactSize} }
	small := func(s string) diagText { return diagText{Text: s, Face: mincho, Size: contactSmall} }
	var row contactRow

	title := cd.head(p)
	left := []diagText{{Text: title, Face: gothic, Size: contactSize}}
	if sub := p.Body.CurrentName(); sub != "" {
		left = append(left, diagText{Text: sub, Face: gothic, Size: chainSubSize})
	}
	if p.Name != "" && p.Name != title {
		left = append(left, txt(p.Name))
	}
	if p.Section != "" {
		left = append(left, txt(p.Section))
	}
	from, until := p.Hours()
	left = append(left, small(i18n.T("reports.contacts.hours", map[string]any{"From": from, "Until": until})))
	confirmed := i18n.T("reports.contacts.unconfirmed")
	if !p.ConfirmedAt.IsZero() {
		confirmed = i18n.T("reports.contacts.confirmed", map[string]any{"Date": shortDate(cd.in(p.ConfirmedAt))})
	}
	if cd.stale(p) {
		confirmed += " " + i18n.T("reports.contacts.stale_mark")
	}
	left = append(left, small(confirmed))
	row.left = diagFit(left, inner(0), m)

	sub := 0.0
	for i, who := range []data.Person{p.Primary, p.Deputy} {
		labelKey := "reports.contacts.primary"
		if i == 1 {
			labelKey = "reports.contacts.deputy"
		}
		label := diagText{Text: i18n.T(labelKey), Face: gothic, Size: contactSmall, Grey: true}
		var cells [4][]diagText
		if who.Empty() {
			cells[0] = []diagText{label, {Text: i18n.T("reports.contacts.unregistered"), Face: mincho, Size: contactSize, Grey: true}}
		} else {
			cells[0] = []diagText{label, txt(who.Name)}
			var c1, c2, c3 []diagText
			if who.TEL != "" {
				c1 = append(c1, txt(who.TEL))
			}
			if who.Extension != "" {
				c1 = append(c1, txt(i18n.T("reports.contacts.extension", map[string]any{"Number": who.Extension})))
			}
			if who.FAX != "" {
				c2 = append(c2, txt(i18n.T("reports.contacts.fax", map[string]any{"Number": who.FAX})))
			}
			if who.Mail != "" {
				c2 = append(c2, txt(who.Mail))
			}
			if who.NightTEL != "" {
				c3 = append(c3, txt(i18n.T("reports.contacts.tel", map[string]any{"Number": who.NightTEL})))
			}
			if who.Mobile != "" {
				c3 = append(c3, txt(i18n.T("reports.contacts.mobile", map[string]any{"Number": who.Mobile})))
			}
			cells[1], cells[2], cells[3] = c1, c2, c3
		}
		h := 0.0
		for j := range cells {
			cells[j] = diagFit(cells[j], inner(j+1), m)
			h = max(h, diagTextHeight(cells[j]))
		}
		h += 2 * contactPadY
		row.people = append(row.people, cells)
		row.subH = append(row.subH, h)
		sub += h
	}
	row.h = max(sub, diagTextHeight(row.left)+2*contactPadY)
	// A tall left cell stretches the deputy's part.
	row.subH[len(row.subH)-1] += row.h - sub
	return row
}

// drawContactRow draws a laid-out row at the flow position.
func (d *Doc) drawContactRow(row contactRow, widths [5]float64) {
	p := d.pdf
	x0, y0 := d.left(), d.y
	d.drawColor(black)
	p.SetLineWidth(ruleWidth)
	d.drawDiagText(diagRect{x0 + diagPadX, y0 + contactPadY, widths[0] - 2*diagPadX, row.h}, row.left, "L")
	y := y0
	for i, cells := range row.people {
		x := x0 + widths[0]
		for j, c := range cells {
			d.drawDiagText(diagRect{x + diagPadX, y + contactPadY, widths[j+1] - 2*diagPadX, row.subH[i]}, c, "L")
			x += widths[j+1]
		}
		y += row.subH[i]
		if i < len(row.people)-1 {
			d.drawColor(greyText)
			p.SetDashPattern([]float64{0.6, 0.6}, 0)
			p.Line(x0+widths[0], y, x0+sumWidths(widths[:]), y)
			p.SetDashPattern([]float64{}, 0)
			d.drawColor(black)
		}
	}
	x := x0
	for _, w := range widths {
		p.Rect(x, y0, w, row.h, "D")
		x += w
	}
	d.y = y0 + row.h
}

func sumWidths(ws []float64) float64 {
	s := 0.0
	for _, w := range ws {
		s += w
	}
	return s
}
