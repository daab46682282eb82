package forms

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// confirmMonths is how many months an entry stays confirmed before it is
// flagged 要確認 (the case file's setting, 6 by default; 0 for never).
func confirmMonths(s data.Store) int {
	cfg, _ := data.LoadCallConfig(s) // the default when the setting cannot be read
	return cfg.UnconfirmedMonths
}

// contactTime writes a time of the network (a change, a confirmation) in
// Japan time, the zone of the bodies' business hours: 2026/11/27 14:05.
func contactTime(t time.Time) string { return i18n.WesternDateTime(t.In(data.JapanTime)) }

// cityAndPrefecture are the names of the case file's city and prefecture.
func cityAndPrefecture(s data.Store) (string, string) {
	city, _ := s.Setting(data.SettingCity, data.DefaultCity)
	pref, _ := s.Setting(data.SettingPrefecture, data.DefaultPrefecture)
	return city, pref
}

// contactTitle names an entry: the city's role (セキュリティ責任者), or the body
// as the officer named it (宮城県 市町村課), or the body's label.
func contactTitle(p data.ContactPoint, city, pref string) string {
	switch {
	case p.Body == data.BodyCity && p.Role != "":
		return p.Role.Label()
	case p.Name != "":
		return p.Name
	case p.Body == data.BodyCity || p.Body == data.BodyPrefecture:
		return p.Body.Label(city, pref)
	}
	return bodyLabel(p.Body, pref)
}

// groupHeading is the heading of a body's entries: the city's and
// prefecture's names, the regulation's 指定情報処理機関 with its current name
// beside it, the contractor, the others.
func groupHeading(b data.Body, city, pref string) string {
	switch b {
	case data.BodyCity:
		return i18n.T("contactui.group.city", map[string]any{"City": b.Label(city, pref)})
	case data.BodyPrefecture:
		return b.Label(city, pref)
	case data.BodyAgency:
		return i18n.T("contactui.group.agency", map[string]any{"Term": b.Term(), "Name": b.CurrentName()})
	}
	return bodyLabel(b, pref)
}

// ContactsView is the 緊急時連絡網 screen (第3条): the entries of the network
// grouped by body, the form of the one selected with its history of changes,
// and the buttons that print the network, write the change notice and move
// the network in and out as CSV.
type ContactsView struct {
	env *Env

	points   []data.ContactPoint
	selected int64 // the entry in the form; 0 for a new one
	rows     map[int64]*contactRow
	shown    []int64 // the entries in the order the list shows them

	listBox *fyne.Container
	count   *widget.Label
	editor  *contactEditor
	history *fyne.Container
	histTab *container.TabItem
	tabs    *container.AppTabs
	content fyne.CanvasObject
}

// NewContactsView builds the contact network screen and reads the network.
func NewContactsView(env *Env) *ContactsView {
	v := &ContactsView{env: env}
	v.buildUI()
	if err := v.Reload(); err != nil {
		ShowError(err, env.Window)
	}
	if len(v.shown) > 0 { // the first entry in the form, rather than an empty one
		v.onSelect(v.shown[0])
	}
	return v
}

// Content is the screen, to place in its window.
func (v *ContactsView) Content() fyne.CanvasObject { return v.content }

func (v *ContactsView) buildUI() {
	v.editor = newContactEditor(v.env, func() int { return confirmMonths(v.env.Store) })
	v.editor.OnSaved = func(id int64) {
		v.selected = id
		v.reloadShown()
	}
	v.editor.OnRemoved = func() {
		v.selected = 0
		v.editor.setPoint(newContactPoint(data.BodyOther))
		v.reloadShown()
	}
	v.listBox = container.NewVBox()
	v.count = widget.NewLabel("")
	v.count.Importance = widget.LowImportance
	add := widget.NewButtonWithIcon(i18n.T("contactui.add"), theme.ContentAddIcon(), v.onAdd)

	v.history = container.NewVBox()
	v.histTab = container.NewTabItem(i18n.T("contactui.history"), container.NewVScroll(v.history))
	v.tabs = container.NewAppTabs(
		container.NewTabItem(i18n.T("contactui.entry"), v.editor.Content()),
		v.histTab)

	print := widget.NewButtonWithIcon(i18n.T("contactui.print"), theme.DocumentPrintIcon(), v.onPrint)
	notice := widget.NewButtonWithIcon(i18n.T("contactui.notice"), theme.MailSendIcon(), v.onNotice)
	export := widget.NewButtonWithIcon(i18n.T("contactui.csv_export"), theme.DownloadIcon(), v.onExport)
	imp := widget.NewButtonWithIcon(i18n.T("contactui.csv_import"), theme.UploadIcon(), v.onImport)
	head := screenHead(i18n.T("contactui.title"), i18n.T("contactui.article"),
		func() { showArticleText(v.env.Window, 3, i18n.T("contactui.article"), "") }, nil)
	toolbar := container.NewHBox(print, notice, widget.NewSeparator(), export, imp)

	left := container.NewBorder(container.NewBorder(nil, nil, nil, add, v.count), nil, nil, nil,
		container.NewVScroll(v.listBox))
	split := container.NewHSplit(left, v.tabs)
	split.SetOffset(0.42)
	v.content = container.NewBorder(container.NewVBox(head, toolbar, widget.NewSeparator()), nil, nil, nil, split)
}

// Reload reads the network again, keeping the selected entry in the form.
func (v *ContactsView) Reload() error {
	ps, err := v.env.Store.ContactPoints()
	if err != nil {
		return err
	}
	v.points = ps
	v.fillList()
	if p, ok := v.point(v.selected); ok {
		if !v.editor.Dirty() {
			v.editor.setPoint(p)
		}
	} else if v.selected != 0 {
		v.selected = 0
		v.editor.setPoint(newContactPoint(data.BodyOther))
	}
	return v.loadHistory()
}

// reloadShown reads the network again and shows what failed.
func (v *ContactsView) reloadShown() {
	if err := v.Reload(); err != nil {
		ShowError(err, v.env.Window)
	}
}

func (v *ContactsView) point(id int64) (data.ContactPoint, bool) {
	for _, p := range v.points {
		if p.ID == id && id != 0 {
			return p, true
		}
	}
	return data.ContactPoint{}, false
}

// fillList lays out the entries under the heading of their body, in the
// order of the bodies and, within one, in the network's order.
func (v *ContactsView) fillList() {
	city, pref := cityAndPrefecture(v.env.Store)
	months := confirmMonths(v.env.Store)
	now := data.Now()
	v.rows = map[int64]*contactRow{}
	v.shown = v.shown[:0]
	var objs []fyne.CanvasObject
	stale := 0
	for _, b := range data.ContactBodies {
		var group []data.ContactPoint
		for _, p := range v.points {
			if p.Body == b || (b == data.BodyOther && !p.Body.Valid()) {
				group = append(group, p)
			}
		}
		if len(group) == 0 {
			continue
		}
		objs = append(objs, groupHeader(groupHeading(b, city, pref)))
		for _, p := range group {
			id := p.ID
			isStale := data.Unconfirmed(p, now, months)
			if isStale {
				stale++
			}
			r := newContactRow(p, contactTitle(p, city, pref), isStale, func() { v.onSelect(id) })
			r.setSelected(id == v.selected)
			v.rows[id] = r
			v.shown = append(v.shown, id)
			objs = append(objs, r)
		}
	}
	if len(objs) == 0 {
		objs = append(objs, wrapLabel(i18n.T("contactui.empty")))
	}
	v.listBox.Objects = objs
	v.listBox.Refresh()
	text := i18n.T("contactui.count", map[string]any{"N": len(v.points)})
	if stale > 0 {
		text += i18n.T("app.sep") + i18n.T("contactui.count_stale", map[string]any{"N": stale, "Months": months})
	}
	v.count.Importance = widget.LowImportance
	if stale > 0 {
		v.count.Importance = widget.WarningImportance
	}
	v.count.SetText(text)
}

// groupHeader is the heading of a body in the list.
func groupHeader(text string) fyne.CanvasObject {
	l := boldLabel(text)
	l.Importance = widget.HighImportance
	l.Truncation = fyne.TextTruncateEllipsis
	return panel(colorNextBg, l)
}

// onSelect puts an entry into the form, once what the form holds unsaved is
// either kept or dropped.
func (v *ContactsView) onSelect(id int64) {
	if id == v.selected && !v.editor.Dirty() {
		v.tabs.SelectIndex(0)
		return
	}
	v.leaveEditor(func() {
		p, ok := v.point(id)
		if !ok {
			return
		}
		v.selected = id
		v.editor.setPoint(p)
		for rid, r := range v.rows {
			r.setSelected(rid == id)
		}
		if err := v.loadHistory(); err != nil {
			ShowError(err, v.env.Window)
		}
	})
}

// leaveEditor runs next at once, or after asking when the form holds
// unsaved input, which is then dropped.
func (v *ContactsView) leaveEditor(next func()) {
	if !v.editor.Dirty() {
		next()
		return
	}
	confirm(v.env.Window, i18n.T("contactui.discard_title"), i18n.T("contactui.discard_text"),
		i18n.T("contactui.discard"), i18n.T("common.cancel"), next)
}

// ConfirmClose runs close at once, or once the officer agrees to drop what
// the form holds unsaved (the window's close button).
func (v *ContactsView) ConfirmClose(close func()) { v.leaveEditor(close) }

// onAdd opens an empty form for a new entry.
func (v *ContactsView) onAdd() {
	v.leaveEditor(func() {
		v.selected = 0
		v.editor.setPoint(newContactPoint(data.BodyOther))
		for _, r := range v.rows {
			r.setSelected(false)
		}
		v.tabs.SelectIndex(0)
		_ = v.loadHistory()
		v.env.Window.Canvas().Focus(v.editor.name)
	})
}

// loadHistory shows the changes of the selected entry, newest first.
func (v *ContactsView) loadHistory() error {
	v.history.Objects = nil
	var changes []data.ContactChange
	if v.selected != 0 {
		var err error
		if changes, err = v.env.Store.ContactChanges(v.selected, false); err != nil {
			v.history.Refresh()
			return err
		}
	}
	v.histTab.Text = i18n.T("contactui.history_n", map[string]any{"N": len(changes)})
	if len(changes) == 0 {
		v.history.Add(wrapLabel(i18n.T("contactui.history_empty")))
	}
	city, pref := cityAndPrefecture(v.env.Store)
	reps, err := v.env.Store.ChangeReports()
	if err != nil {
		return err
	}
	point, _ := v.env.Store.ContactPoint(v.selected)
	for i := len(changes) - 1; i >= 0; i-- {
		v.history.Add(changeRow(changes[i], data.ChangeToReport(point), reps[changes[i].ID], city, pref))
	}
	v.history.Refresh()
	v.tabs.Refresh()
	return nil
}

// changeRow shows one change: when, who, the field, old → new, and, for a
// change the city must report (toReport, 第3条第2号), to which body a change
// notice reported it and when.
func changeRow(c data.ContactChange, toReport bool, reps []data.ChangeReport, city, pref string) fyne.CanvasObject {
	meta := i18n.T("contactui.change_meta", map[string]any{"At": contactTime(c.At), "By": c.By})
	switch {
	case c.Reported && len(reps) == 0:
		meta += i18n.T("app.sep") + i18n.T("contactui.change_reported")
	case !toReport && !c.Reported:
		meta += i18n.T("app.sep") + i18n.T("contactui.change_not_to_report")
	default:
		for _, r := range data.NoticeRecipients {
			state := i18n.T("contactui.change_unreported_to", map[string]any{"Body": bodyLabel(r, pref)})
			for _, rep := range reps {
				if rep.Recipient == r {
					state = i18n.T("contactui.change_reported_to", map[string]any{"Body": bodyLabel(r, pref), "At": contactTime(rep.At)})
				}
			}
			meta += i18n.T("app.sep") + state
		}
	}
	m := captionText(meta)
	field := boldText(contactFieldLabel(c.Field))
	value := func(v string) string {
		switch {
		case v == "":
			return i18n.T("contactui.none")
		case c.Field == data.FieldBody:
			return data.Body(v).Label(city, pref)
		case c.Field == data.FieldRole && data.Role(v).Label() != "":
			return data.Role(v).Label()
		}
		return v
	}
	text := newJPText(i18n.T("contactui.change_values", map[string]any{"Old": value(c.Old), "New": value(c.New)}))
	return container.NewVBox(m, field, text, widget.NewSeparator())
}

// contactOrNone writes an empty value as （なし）.
func contactOrNone(s string) string {
	if s == "" {
		return i18n.T("contactui.none")
	}
	return s
}

// contactFieldLabel names a field of an entry as the form labels it
// (主担当 TEL（平日日中）), or the field's own name when unknown.
func contactFieldLabel(field string) string {
	if id := "contactui.field." + field; i18n.Has(id) {
		return i18n.T(id)
	}
	who, f, ok := strings.Cut(field, ".")
	if ok && (who == "primary" || who == "deputy") && i18n.Has("contactui.person."+f) {
		return i18n.T("contactui."+who) + " " + i18n.T("contactui.person."+f)
	}
	return field
}

// contactRow is one entry in the list: its name, the contact person with the
// numbers for business hours and for nights, and 要確認 when it was not
// confirmed for too long. A tap selects it.
type contactRow struct {
	widget.BaseWidget
	stale bool
	bg    *canvas.Rectangle
	box   fyne.CanvasObject
	onTap func()
}

var colorSelectedRow = color.NRGBA{R: 0xBB, G: 0xDE, B: 0xFB, A: 0xFF} // light blue, darker than headings

func newContactRow(p data.ContactPoint, title string, stale bool, onTap func()) *contactRow {
	r := &contactRow{stale: stale, bg: canvas.NewRectangle(color.Transparent), onTap: onTap}
	r.bg.CornerRadius = 4
	t := boldLabel(title)
	t.Truncation = fyne.TextTruncateEllipsis
	var right fyne.CanvasObject
	if stale {
		b := newBadge()
		b.set(i18n.T("contactui.stale"), colorFailure, colorBadgeText)
		right = b.box
	}
	name := p.Primary.Name
	if name == "" {
		name = i18n.T("contactui.none")
	}
	sub := p.Section
	if p.Body == data.BodyCity && p.Name != "" {
		sub = strings.TrimSpace(p.Name + " " + p.Section)
	}
	line1 := name
	if sub != "" {
		line1 = i18n.T("contactui.row_person", map[string]any{"Section": sub, "Name": name})
	}
	l1 := widget.NewLabel(line1)
	l1.Truncation = fyne.TextTruncateEllipsis
	l2 := widget.NewLabel(i18n.T("contactui.row_numbers", map[string]any{"Day": contactOrNone(p.Primary.TEL), "Night": contactOrNone(nightNumber(p.Primary))}))
	l2.Truncation = fyne.TextTruncateEllipsis
	l2.SizeName = theme.SizeNameCaptionText
	r.box = container.NewVBox(container.NewBorder(nil, nil, nil, right, t), l1, l2)
	r.ExtendBaseWidget(r)
	return r
}

// nightNumber is the number of a person at night: the night line, else the
// mobile.
func nightNumber(p data.Person) string {
	if p.NightTEL != "" {
		return p.NightTEL
	}
	return p.Mobile
}

func (r *contactRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, widget.NewSeparator(), nil, nil, container.NewStack(r.bg, r.box)))
}

// Tapped selects the entry.
func (r *contactRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

func (r *contactRow) setSelected(on bool) {
	if on {
		r.bg.FillColor = colorSelectedRow
	} else {
		r.bg.FillColor = color.Transparent
	}
	r.bg.Refresh()
}

// onPrint makes the 緊急時連絡網 (one or two A4 pages: the reporting chain
// drawn, the table of the network with both sets of numbers), signed when the
// officer chooses.
func (v *ContactsView) onPrint() { ShowDocumentDialog(v.env, v.sheetJob()) }

// sheetJob is the 緊急時連絡網 as the document dialog makes it.
func (v *ContactsView) sheetJob() DocumentJob {
	now := data.Now()
	return DocumentJob{
		Kind:     data.DocContactSheet,
		Title:    reports.KindTitle(data.DocContactSheet),
		Subject:  i18n.T("contactui.doc.sheet_subject", map[string]any{"Date": i18n.Wareki(now.In(data.JapanTime)), "N": len(v.points)}),
		FileName: i18n.T("contactui.doc.sheet_file", map[string]any{"Date": now.In(data.JapanTime).Format("20060102")}),
		Build:    reports.ContactJob(v.env.Store, data.DocContactSheet, now, nil).Build,
	}
}

// onNotice makes the 連絡先変更届 (第3条第2号) to the prefecture or to the
// designated agency, each its own letter: the changes of the city's entries
// not yet reported to that body. Once it is written, they count as reported
// to it, as of the moment the notice was made.
func (v *ContactsView) onNotice() {
	counts := map[data.Body]int{}
	total := 0
	for _, r := range data.NoticeRecipients {
		changes, err := v.env.Store.UnreportedChanges(r)
		if err != nil {
			ShowError(err, v.env.Window)
			return
		}
		counts[r] = len(changes)
		total += len(changes)
	}
	if total == 0 {
		ShowDialog(v.env.Window, dialog.NewInformation(i18n.T("contactui.notice"), i18n.T("contactui.doc.no_changes"), v.env.Window), nil)
		return
	}
	_, pref := cityAndPrefecture(v.env.Store)
	box := container.NewVBox(newJPText(i18n.T("contactui.notice.choose")))
	var d dialog.Dialog
	for _, r := range data.NoticeRecipients {
		r := r
		b := widget.NewButton(i18n.T("contactui.notice.to", map[string]any{"Body": bodyLabel(r, pref), "N": counts[r]}), func() {
			d.Hide()
			ShowDocumentDialog(v.env, v.noticeJob(r, counts[r]))
		})
		if counts[r] == 0 {
			b.Disable()
		}
		box.Add(b)
	}
	d = dialog.NewCustom(i18n.T("contactui.notice"), i18n.T("common.cancel"), box, v.env.Window)
	ShowDialog(v.env.Window, d, nil)
}

// noticeJob is the 連絡先変更届 to recipient of n unreported changes as the
// document dialog makes it; once written, the changes it lists are marked
// reported to that body.
func (v *ContactsView) noticeJob(recipient data.Body, n int) DocumentJob {
	now := data.Now()
	_, pref := cityAndPrefecture(v.env.Store)
	var listed []data.ContactChange // the changes the notice lists, once built
	addressee := i18n.T("contactui.doc.notice_addressee", map[string]any{"Prefecture": pref})
	if recipient == data.BodyAgency {
		addressee = i18n.T("contactui.doc.notice_addressee_agency")
	}
	return DocumentJob{
		Kind:             data.DocChangeNotice,
		Title:            reports.KindTitle(data.DocChangeNotice),
		Subject:          i18n.T("contactui.doc.notice_subject", map[string]any{"N": n}),
		FileName:         i18n.T("contactui.doc.notice_file_to", map[string]any{"Date": now.In(data.JapanTime).Format("20060102"), "To": string(recipient)}),
		AddresseeDefault: addressee,
		Build:            reports.NoticeJob(v.env.Store, data.DocChangeNotice, recipient, now, &listed).Build,
		Done: func(string) {
			ids := make([]int64, len(listed))
			for i, c := range listed {
				ids[i] = c.ID
			}
			if err := v.env.Store.MarkChangesReportedTo(recipient, ids, now); err != nil {
				ShowError(err, v.env.Window)
			}
			v.env.saved()
			v.reloadShown()
		},
	}
}
