package forms

import (
	"errors"
	"image/color"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// meetingPage is one meeting's live minutes, built for typing while the
// meeting talks: the header (date, place, chair, recorder, 議事録署名人, the
// attendees) folded under one line, 開会 and 閉会 that stamp the time, and
// the agenda as a list at the left with the selected item's editor at the
// right: the regulation's wording, the sub-options it lists, 審議の内容,
// 決定事項, 担当, 期限 and 決定・保留・事後承認. Ctrl+Enter goes to the next
// item and Ctrl+Shift+Enter back, the cursor in 審議の内容.
//
// Everything saves itself a moment after the typing pauses (like the other
// forms): the header through SaveMeeting, each item edited through
// SaveAgendaItem, whose decisions act on the case (the store records the stop
// and the resumption approval). A decision the store refuses (運用再開 before
// the integrity check) keeps its text: the item is saved without the
// decision, which goes back to what the file holds with the reason under it.
type meetingPage struct {
	v     *meetingView
	env   *Env
	class data.Class
	loc   *time.Location

	formSaver // saver, indicator; Flush

	// mu guards what the autosaver's goroutine shares with the UI: the file's
	// contents as last read or written, and the edits waiting to be written.
	mu             sync.Mutex
	saveMu         sync.Mutex // one write at a time
	stored         data.Meeting
	storedItems    map[int64]data.AgendaItem
	pendHeader     *data.Meeting
	pendHeaderText string
	pendItems      map[int64]data.AgendaItem

	work    data.Meeting // what the screen shows; UI goroutine only
	sel     int          // the selected item, an index into work.Items
	loading bool         // widgets are being filled, not typed in
	// The messages under the fields of each item: what does not read
	// (typed), what the rules refused at the last save (saved), and why a
	// decision was refused, which stays until the status is changed.
	typedMsgs  map[int64]map[string]string
	savedMsgs  map[int64]map[string]string
	statusMsgs map[int64]string
	headerSave map[string]string // what the rules refused of the header
	headerType map[string]string // what does not read in the header

	// header
	title       *widget.Label
	state       *badge
	stamps      *widget.Label
	openBtn     *widget.Button
	closeBtn    *widget.Button
	date        *entry
	dateWareki  *widget.Label
	place       *entry
	chair       *entry
	recorder    *entry
	signer      *entry
	headerMsgs  fieldMsgs
	attBox      *fyne.Container
	attRows     []*attendeeRow
	info        *widget.Accordion
	infoItem    *widget.AccordionItem
	labelCol    *labelColumn
	itemLabels  *labelColumn
	attCount    *widget.Label
	addAttendee *widget.Button

	// agenda
	list       *widget.List
	addTitle   *minutesEntry
	otherDraft *dialogDraft // addTitle, kept as a draft
	addButton  *widget.Button
	docs       *fyne.Container

	// the item editor
	itemArticle *widget.Label
	itemTitle   *jpText
	itemBadge   *badge
	wording     *jpText
	otherBox    *fyne.Container
	otherTitle  *minutesEntry
	removeBtn   *widget.Button
	optionsBox  *fyne.Container
	optionsRow  fyne.CanvasObject
	checks      []*widget.Check
	options     []string
	target      *minutesEntry
	targetRow   fyne.CanvasObject
	discussion  *minutesEntry
	decision    *minutesEntry
	owner       *minutesEntry
	due         *minutesEntry
	dueWareki   *widget.Label
	status      *widget.RadioGroup
	itemErrs    fieldMsgs
	times       *widget.Label
	editorBox   *fyne.Container
	noItem      fyne.CanvasObject

	content fyne.CanvasObject
}

// The fields of the meeting screen, as data.Invalid names them.
const (
	mtFieldDate     = "date"
	mtFieldPlace    = "meeting_place"
	mtFieldChair    = "chair"
	mtFieldRecorder = "recorder"
	mtFieldSigner   = "minutes_signer"
	mtFieldAttendee = "attendee"
	mtFieldRole     = "attendee_role"
	mtFieldTitle    = "item_title"
	mtFieldChoices  = "choices"
	mtFieldTarget   = "target"
	mtFieldDiscuss  = "discussion"
	mtFieldDecision = "decision"
	mtFieldOwner    = "owner"
	mtFieldDue      = "due"
	mtFieldStatus   = "item_status"
)

// meetingDueWidth is the width of 期限: room for 2026/11/27 14:05.
const meetingDueWidth = 170

// meetingSaveDelay is how long after the last keystroke the minutes are saved.
const meetingSaveDelay = 600 * time.Millisecond

// The item statuses in the order of the radio group.
var itemStatuses = []data.ItemStatus{data.ItemDecided, data.ItemDeferred, data.ItemRatify}

// itemStatusLabel is 決定, 保留, 事後承認 or 未審議.
func itemStatusLabel(s data.ItemStatus) string {
	switch s {
	case data.ItemDecided:
		return i18n.T("meetingui.status.decided")
	case data.ItemDeferred:
		return i18n.T("meetingui.status.deferred")
	case data.ItemRatify:
		return i18n.T("meetingui.status.ratify")
	}
	return i18n.T("meetingui.status.open")
}

// Colours of the item statuses, for white text.
var (
	colorItemOpen     = color.NRGBA{R: 0x75, G: 0x75, B: 0x75, A: 0xFF} // grey
	colorItemDecided  = color.NRGBA{R: 0x2E, G: 0x7D, B: 0x32, A: 0xFF} // green
	colorItemDeferred = color.NRGBA{R: 0xA1, G: 0x4A, B: 0x00, A: 0xFF} // dark amber
	colorItemRatify   = color.NRGBA{R: 0x15, G: 0x65, B: 0xC0, A: 0xFF} // blue
)

func itemStatusColor(s data.ItemStatus) color.Color {
	switch s {
	case data.ItemDecided:
		return colorItemDecided
	case data.ItemDeferred:
		return colorItemDeferred
	case data.ItemRatify:
		return colorItemRatify
	}
	return colorItemOpen
}

func newMeetingPage(v *meetingView, m data.Meeting) *meetingPage {
	p := &meetingPage{v: v, env: v.env, class: v.c.Class, loc: v.env.zone(),
		labelCol: &labelColumn{}, itemLabels: &labelColumn{},
		typedMsgs: map[int64]map[string]string{}, savedMsgs: map[int64]map[string]string{}, statusMsgs: map[int64]string{}}
	p.formSaver = newFormSaver(meetingSaveDelay, p.save)
	p.buildUI()
	p.load(m)
	// その他の項目 typed and not yet added to the agenda: kept, and back
	// when this meeting is opened again.
	p.otherDraft = newDialogDraft(p.env, v.c.ID, "meeting/"+strconv.FormatInt(m.ID, 10))
	p.otherDraft.field("other", &p.addTitle.Entry)
	return p
}

func (p *meetingPage) meetingID() int64 { return p.work.ID }

func (p *meetingPage) buildUI() {
	p.headerMsgs = newFieldMsgs(mtFieldDate, mtFieldPlace, mtFieldChair, mtFieldRecorder, mtFieldSigner, mtFieldAttendee, mtFieldRole)
	p.itemErrs = newFieldMsgs(mtFieldTitle, mtFieldChoices, mtFieldTarget, mtFieldDiscuss, mtFieldDecision, mtFieldOwner, mtFieldDue, mtFieldStatus)

	back := widget.NewButtonWithIcon(i18n.T("meetingui.back"), theme.NavigateBackIcon(), p.v.onBack)
	back.Importance = widget.LowImportance
	p.title = boldLabel("")
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.state = newBadge()
	p.stamps = widget.NewLabel("")
	p.openBtn = widget.NewButtonWithIcon(i18n.T("meetingui.open"), theme.MediaPlayIcon(), p.onOpen)
	p.openBtn.Importance = widget.HighImportance
	p.closeBtn = widget.NewButtonWithIcon(i18n.T("meetingui.close"), theme.MediaStopIcon(), p.onClose)
	article := widget.NewButtonWithIcon(i18n.T("meetingui.article"), theme.FileTextIcon(), p.v.showArticle)
	article.Importance = widget.LowImportance
	top := container.NewBorder(nil, nil,
		container.NewHBox(back, p.title, p.state.box),
		container.NewHBox(p.indicator, p.stamps, p.openBtn, p.closeBtn, article))

	p.infoItem = widget.NewAccordionItem("", p.buildHeader())
	p.info = widget.NewAccordion(p.infoItem)

	split := container.NewHSplit(p.buildAgenda(), p.buildEditor())
	split.SetOffset(0.38) // room for the longest title of Table B with its status
	p.content = container.NewBorder(container.NewVBox(top, p.info, widget.NewSeparator()), nil, nil, nil, split)
}

// buildHeader is the meeting's date, place, chair, recorder, 議事録署名人 and
// its attendees.
func (p *meetingPage) buildHeader() fyne.CanvasObject {
	line := func(placeholder string) *entry { return newLineEntry(placeholder, p.onHeaderChanged) }
	p.date = newEntry()
	p.date.SetPlaceHolder(i18n.T("meetingui.date_placeholder"))
	p.date.OnChanged = func(string) {
		if !p.loading {
			p.dateWareki.SetText(warekiOf(p.date.Text, p.loc))
		}
		p.onHeaderChanged()
	}
	p.dateWareki = widget.NewLabel("")
	p.place = line(i18n.T("meetingui.place_placeholder"))
	p.chair = line(i18n.T("meetingui.chair_placeholder"))
	p.recorder = line(i18n.T("meetingui.recorder_placeholder"))
	p.signer = line(i18n.T("meetingui.signer_placeholder"))

	p.attBox = container.NewVBox()
	p.attCount = widget.NewLabel("")
	p.addAttendee = widget.NewButtonWithIcon(i18n.T("meetingui.attendee.add"), theme.ContentAddIcon(), func() {
		p.loading = true
		r := p.newAttendeeRow(data.Attendee{Present: true})
		p.loading = false
		p.attRows = append(p.attRows, r)
		p.attBox.Add(r.box)
		p.env.Window.Canvas().Focus(r.name)
	})
	p.addAttendee.Importance = widget.LowImportance

	left := p.labelCol.form(
		i18n.T("meetingui.date"), p.headerMsgs.under(mtFieldDate, container.NewHBox(sizedEntry(p.date, failureDateWidth), p.dateWareki)),
		i18n.T("meetingui.chair"), p.headerMsgs.under(mtFieldChair, p.chair),
		i18n.T("meetingui.signer"), p.headerMsgs.under(mtFieldSigner, p.signer),
	)
	right := p.labelCol.form(
		i18n.T("meetingui.place"), p.headerMsgs.under(mtFieldPlace, p.place),
		i18n.T("meetingui.recorder"), p.headerMsgs.under(mtFieldRecorder, p.recorder),
	)
	attHead := container.NewBorder(nil, nil, boldLabel(i18n.T("meetingui.attendees")), p.addAttendee, p.attCount)
	body := container.NewVBox(container.NewGridWithColumns(2, left, right),
		attHead, p.attBox, p.headerMsgs[mtFieldAttendee], p.headerMsgs[mtFieldRole])
	// However many attendees, the minutes below stay on the screen.
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(0, meetingHeaderHeight))
	return scroll
}

// meetingHeaderHeight is the height of the unfolded header: the fields and
// the first attendees; more attendees scroll.
const meetingHeaderHeight = 250

// attendeeRow is one attendee: name, role, present, and a button that takes
// the row away.
type attendeeRow struct {
	name, role *entry
	present    *widget.Check
	box        *fyne.Container
}

func (p *meetingPage) newAttendeeRow(a data.Attendee) *attendeeRow {
	r := &attendeeRow{}
	r.name = newLineEntry(i18n.T("meetingui.attendee.name"), p.onHeaderChanged)
	r.role = newLineEntry(i18n.T("meetingui.attendee.role"), p.onHeaderChanged)
	r.name.SetText(a.Name)
	r.role.SetText(a.Role)
	r.present = widget.NewCheck(i18n.T("meetingui.attendee.present"), func(bool) { p.onHeaderChanged() })
	r.present.SetChecked(a.Present)
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { p.removeAttendee(r) })
	remove.Importance = widget.LowImportance
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(r.present, remove),
		container.NewGridWithColumns(2, r.name, r.role))
	return r
}

func (p *meetingPage) removeAttendee(r *attendeeRow) {
	i := slices.Index(p.attRows, r)
	if i < 0 {
		return
	}
	p.attRows = slices.Delete(p.attRows, i, i+1)
	p.attBox.Remove(r.box)
	p.onHeaderChanged()
}

// buildAgenda is the list of items with their status, the entry that adds an
// その他 item, and the buttons that make the documents.
func (p *meetingPage) buildAgenda() fyne.CanvasObject {
	tableTitle, article, _ := data.MeetingTable(p.class)
	head := boldLabel(i18n.T("meetingui.agenda", map[string]any{"Table": tableTitle, "Article": article}))
	p.list = widget.NewList(
		func() int { return len(p.work.Items) },
		func() fyne.CanvasObject { return newAgendaRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(p.work.Items) {
				o.(*agendaRow).set(i, p.work.Items[i])
			}
		})
	p.list.OnSelected = func(i widget.ListItemID) {
		if i != p.sel {
			p.showItem(i)
		}
	}
	p.addTitle = newMinutesEntry(false, nil)
	p.addTitle.SetPlaceHolder(i18n.T("meetingui.other.placeholder"))
	p.addTitle.OnSubmitted = func(string) { p.onAddOther() }
	p.addButton = widget.NewButtonWithIcon(i18n.T("meetingui.other.add"), theme.ContentAddIcon(), p.onAddOther)
	add := container.NewBorder(nil, nil, nil, p.addButton, p.addTitle)
	p.docs = container.NewVBox()
	p.buildDocButtons()
	// The keys of the minutes, under the list (the item form keeps its
	// height for the minutes themselves).
	hint := widget.NewLabel(i18n.T("meetingui.keys"))
	hint.SizeName = theme.SizeNameCaptionText
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	return container.NewBorder(head, container.NewVBox(hint, add, p.docs), nil, nil, p.list)
}

// agendaRow is an item in the list: its number and title, and its status.
type agendaRow struct {
	widget.BaseWidget
	label *widget.Label
	badge *badge
}

func newAgendaRow() *agendaRow {
	r := &agendaRow{label: widget.NewLabel(""), badge: newBadge()}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

func (r *agendaRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, r.badge.box, r.label))
}

func (r *agendaRow) set(i int, it data.AgendaItem) {
	r.label.SetText(i18n.T("meetingui.item.line", map[string]any{"N": i + 1, "Title": it.Title}))
	r.badge.set(itemStatusLabel(it.Status), itemStatusColor(it.Status), colorBadgeText)
}

// buildEditor is the editor of the selected item.
func (p *meetingPage) buildEditor() fyne.CanvasObject {
	move := func(delta int) { p.moveItem(delta) }
	p.itemArticle = widget.NewLabel("")
	p.itemArticle.Importance = widget.HighImportance
	p.itemArticle.TextStyle.Bold = true
	p.itemTitle = boldText("")
	p.itemBadge = newBadge()
	band := panel(colorNextBg, container.NewBorder(nil, nil, p.itemArticle, p.itemBadge.box, p.itemTitle))
	p.wording = captionText("")

	p.otherTitle = newMinutesEntry(false, move)
	p.otherTitle.OnChanged = func(string) { p.onItemChanged() }
	p.removeBtn = widget.NewButtonWithIcon(i18n.T("meetingui.other.remove"), theme.DeleteIcon(), p.onRemoveOther)
	p.removeBtn.Importance = widget.DangerImportance
	p.otherBox = container.NewVBox(p.itemLabels.form(i18n.T("meetingui.other.title"),
		p.itemErrs.under(mtFieldTitle, container.NewBorder(nil, nil, nil, p.removeBtn, p.otherTitle))))

	p.optionsBox = container.NewGridWithColumns(2)
	p.target = newMinutesEntry(false, move)
	p.target.SetPlaceHolder(i18n.T("meetingui.target_placeholder"))
	p.target.OnChanged = func(string) { p.onItemChanged() }
	p.optionsRow = p.itemLabels.form(i18n.T("meetingui.options"), p.itemErrs.under(mtFieldChoices, p.optionsBox))
	p.targetRow = p.itemLabels.form(i18n.T("meetingui.target"), p.itemErrs.under(mtFieldTarget, p.target))

	p.discussion = newMinutesEntry(true, move)
	p.discussion.SetMinRowsVisible(3) // 3 and 2 rows: the whole item fits a 1366×768 screen
	p.discussion.SetPlaceHolder(i18n.T("meetingui.discussion_placeholder"))
	p.discussion.OnChanged = func(string) { p.onItemChanged() }
	p.decision = newMinutesEntry(true, move)
	p.decision.SetMinRowsVisible(2)
	p.decision.SetPlaceHolder(i18n.T("meetingui.decision_placeholder"))
	p.decision.OnChanged = func(string) { p.onItemChanged() }
	p.owner = newMinutesEntry(false, move)
	p.owner.SetPlaceHolder(i18n.T("meetingui.owner_placeholder"))
	p.owner.OnChanged = func(string) { p.onItemChanged() }
	p.due = newMinutesEntry(false, move)
	p.due.SetPlaceHolder(i18n.T("meetingui.date_placeholder"))
	p.dueWareki = widget.NewLabel("")
	p.dueWareki.SizeName = theme.SizeNameCaptionText
	p.due.OnChanged = func(string) {
		if !p.loading {
			p.setDueWareki(warekiOf(p.due.Text, p.loc))
		}
		p.onItemChanged()
	}
	labels := make([]string, len(itemStatuses))
	for i, s := range itemStatuses {
		labels[i] = itemStatusLabel(s)
	}
	p.status = widget.NewRadioGroup(labels, func(string) { p.onStatusChanged() })
	p.status.Horizontal = true
	p.times = widget.NewLabel("")
	p.times.SizeName = theme.SizeNameCaptionText

	// 担当 and 期限 share a line: the decision, its owner and its due
	// time read together, and the status stays in view.
	// The 和暦 of the 期限 stands beside it in a space kept for it: typing a
	// date moves nothing under the pointer (issue #14).
	warekiW := fyne.MeasureText("令和10年12月31日", theme.CaptionTextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	due := container.NewHBox(widget.NewLabel(i18n.T("meetingui.due")),
		container.NewGridWrap(fyne.NewSize(meetingDueWidth, p.due.MinSize().Height), p.due),
		container.NewGridWrap(fyne.NewSize(warekiW, p.due.MinSize().Height), p.dueWareki))
	form := p.itemLabels.form(
		i18n.T("meetingui.discussion"), p.itemErrs.under(mtFieldDiscuss, p.discussion),
		i18n.T("meetingui.decision"), p.itemErrs.under(mtFieldDecision, p.decision),
		i18n.T("meetingui.owner"), container.NewVBox(container.NewBorder(nil, nil, nil, due, p.owner),
			p.itemErrs[mtFieldOwner], p.itemErrs[mtFieldDue]),
		i18n.T("meetingui.status"), p.itemErrs.under(mtFieldStatus, container.NewBorder(nil, nil, nil, p.times, p.status)),
	)
	p.editorBox = container.NewVBox(band, p.wording, p.otherBox, p.optionsRow, p.targetRow, form)
	p.noItem = widget.NewLabel(i18n.T("meetingui.no_item"))
	return container.NewStack(container.NewVScroll(p.editorBox), p.noItem)
}

// minutesEntry is an entry of the minutes where Ctrl+Enter goes to the next
// item and Ctrl+Shift+Enter to the one before.
type minutesEntry struct {
	widget.Entry
	onMove func(delta int)
	tabs   tabKeys
}

// AcceptsTab is false: Tab leaves the field (see keys.go).
func (e *minutesEntry) AcceptsTab() bool { return false }

// KeyDown and KeyUp follow Shift for a Tab that reaches TypedKey.
func (e *minutesEntry) KeyDown(k *fyne.KeyEvent) {
	e.tabs.keyDown(k)
	e.Entry.KeyDown(k)
}

func (e *minutesEntry) KeyUp(k *fyne.KeyEvent) {
	e.tabs.keyUp(k)
	e.Entry.KeyUp(k)
}

// TypedKey moves the focus on Tab; every other key is the entry's.
func (e *minutesEntry) TypedKey(k *fyne.KeyEvent) {
	if !e.tabs.typedTab(e, k) {
		e.Entry.TypedKey(k)
	}
}

func newMinutesEntry(multiLine bool, onMove func(int)) *minutesEntry {
	e := &minutesEntry{onMove: onMove}
	e.MultiLine = multiLine
	if multiLine {
		e.Wrapping = fyne.TextWrapWord
	}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut adds Ctrl+Enter and Ctrl+Shift+Enter to the entry's shortcuts.
func (e *minutesEntry) TypedShortcut(s fyne.Shortcut) {
	if sc, ok := s.(*desktop.CustomShortcut); ok && e.onMove != nil &&
		(sc.KeyName == fyne.KeyReturn || sc.KeyName == fyne.KeyEnter) {
		ctrl := sc.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierShortcutDefault) != 0
		switch {
		case ctrl && sc.Modifier&fyne.KeyModifierShift != 0:
			e.onMove(-1)
			return
		case ctrl:
			e.onMove(1)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// load shows a meeting as the file holds it, keeping the item selected.
func (p *meetingPage) load(m data.Meeting) {
	p.mu.Lock()
	p.stored = cloneMeeting(m)
	p.storedItems = make(map[int64]data.AgendaItem, len(m.Items))
	for _, it := range m.Items {
		p.storedItems[it.ID] = cloneItem(it)
	}
	p.mu.Unlock()
	p.work = cloneMeeting(m)
	p.fillHeader()
	sel := p.sel
	if sel < 0 || sel >= len(p.work.Items) || p.work.ID != m.ID {
		sel = 0
	}
	p.sel = -1
	p.list.Refresh()
	if len(p.work.Items) > 0 {
		p.selectItem(sel)
		if sel == 0 {
			p.list.ScrollToTop()
		}
	} else {
		p.showItem(-1)
	}
	// Before the meeting the header opens where it still lacks who chairs,
	// where or who attends; filled (a meeting prepared, or taken over from
	// the one before), it stays folded to its one-line summary, as during
	// the meeting: on a 1366×768 laptop the agenda and the whole item form
	// then stay in view (issue #14).
	if m.OpenedAt.IsZero() && (strings.TrimSpace(m.Place) == "" || strings.TrimSpace(m.Chair) == "" || len(m.Attendees) == 0) {
		p.info.Open(0)
	} else {
		p.info.Close(0)
	}
}

func cloneMeeting(m data.Meeting) data.Meeting {
	c := m
	c.Attendees = slices.Clone(m.Attendees)
	c.Items = make([]data.AgendaItem, len(m.Items))
	for i, it := range m.Items {
		c.Items[i] = cloneItem(it)
	}
	return c
}

func cloneItem(it data.AgendaItem) data.AgendaItem {
	it.Choices = slices.Clone(it.Choices)
	return it
}

// fillHeader puts the meeting's header into the widgets.
func (p *meetingPage) fillHeader() {
	p.loading = true
	defer func() { p.loading = false }()
	m := p.work
	p.date.SetText(i18n.WesternDateTime(m.Date.In(p.loc)))
	if m.Date.IsZero() {
		p.date.SetText("")
	}
	p.dateWareki.SetText(i18n.Wareki(m.Date))
	p.place.SetText(m.Place)
	p.chair.SetText(m.Chair)
	p.recorder.SetText(m.Recorder)
	p.signer.SetText(m.MinutesSigner)
	p.attRows = nil
	p.attBox.RemoveAll()
	for _, a := range m.Attendees {
		r := p.newAttendeeRow(a)
		p.attRows = append(p.attRows, r)
		p.attBox.Add(r.box)
	}
	p.headerType, p.headerSave = nil, nil
	p.headerMsgs.show(nil)
	p.refreshHeader()
}

// refreshHeader shows the meeting's name, state, stamps and attendance.
func (p *meetingPage) refreshHeader() {
	m := p.work
	p.title.SetText(meetingName(m.Seq))
	p.state.set(meetingState(m), meetingStateColor(m), colorBadgeText)
	var stamps []string
	if !m.OpenedAt.IsZero() {
		stamps = append(stamps, i18n.T("meetingui.opened_at", map[string]any{"At": p.clock(m.OpenedAt)}))
	}
	if !m.ClosedAt.IsZero() {
		stamps = append(stamps, i18n.T("meetingui.closed_at", map[string]any{"At": p.clock(m.ClosedAt)}))
	}
	p.stamps.SetText(strings.Join(stamps, i18n.T("app.sep")))
	if m.OpenedAt.IsZero() {
		p.openBtn.Enable()
	} else {
		p.openBtn.Disable()
	}
	if !m.OpenedAt.IsZero() && m.ClosedAt.IsZero() {
		p.closeBtn.Enable()
	} else {
		p.closeBtn.Disable()
	}
	present, absent := 0, 0
	for _, r := range p.attRows {
		if strings.TrimSpace(r.name.Text) == "" {
			continue
		}
		if r.present.Checked {
			present++
		} else {
			absent++
		}
	}
	count := i18n.T("meetingui.attendance", map[string]any{"Present": present, "Absent": absent})
	p.attCount.SetText(count)
	when := i18n.T("meetingui.unset")
	if !m.Date.IsZero() {
		when = i18n.WesternDateTime(m.Date.In(p.loc))
	}
	p.infoItem.Title = i18n.T("meetingui.info", map[string]any{"Date": when, "Place": orNone(m.Place), "Count": count})
	p.info.Refresh()
}

// clock is a time of the meeting: 14:05 on the meeting's day, the date too
// otherwise.
func (p *meetingPage) clock(t time.Time) string {
	t = t.In(p.loc)
	day := p.work.Date.In(p.loc)
	if p.work.Date.IsZero() || t.Year() != day.Year() || t.YearDay() != day.YearDay() {
		return i18n.WesternDateTime(t)
	}
	return t.Format("15:04")
}

// headerValues is the header as typed; a date that does not read keeps the
// one on file, with its message.
func (p *meetingPage) headerValues(msgs map[string]string) data.Meeting {
	m := p.work
	m.Items = nil
	m.Place = p.place.Text
	m.Chair = p.chair.Text
	m.Recorder = p.recorder.Text
	m.MinutesSigner = p.signer.Text
	switch at, err := i18n.ParseDateTime(p.date.Text, p.loc); {
	case strings.TrimSpace(p.date.Text) == "":
		m.Date = time.Time{}
	case err != nil:
		msgs[mtFieldDate] = i18n.T("meetingui.date.invalid", map[string]any{"Field": i18n.T("meetingui.date")})
	default:
		m.Date = at
	}
	m.Attendees = nil
	for _, r := range p.attRows {
		if strings.TrimSpace(r.name.Text) == "" && strings.TrimSpace(r.role.Text) == "" {
			continue // a row just added, not typed in yet
		}
		if strings.TrimSpace(r.name.Text) == "" {
			msgs[mtFieldAttendee] = i18n.T("meetingui.attendee.need_name")
			continue
		}
		m.Attendees = append(m.Attendees, data.Attendee{Name: strings.TrimSpace(r.name.Text), Role: strings.TrimSpace(r.role.Text), Present: r.present.Checked})
	}
	return m
}

// onHeaderChanged takes the header as typed and schedules its save.
func (p *meetingPage) onHeaderChanged() {
	if p.loading {
		return
	}
	msgs := map[string]string{}
	m := p.headerValues(msgs)
	p.headerType = msgs
	p.showHeaderMsgs()
	items := p.work.Items
	p.work = m
	p.work.Items = items
	p.queueHeader("")
	p.refreshHeader()
}

// queueHeader hands the header to the autosave, with a line for the timeline.
func (p *meetingPage) queueHeader(timelineText string) {
	h := cloneMeeting(p.work)
	h.Items = nil
	p.mu.Lock()
	p.pendHeader = &h
	if timelineText != "" {
		p.pendHeaderText = timelineText
	}
	p.mu.Unlock()
	p.saver.Changed()
}

// onOpen is 開会: the time is now, written at once.
func (p *meetingPage) onOpen() {
	if !p.work.OpenedAt.IsZero() {
		return
	}
	p.work.OpenedAt = data.Now()
	p.stamp(i18n.JA("meetingui.timeline.opened", map[string]any{"Name": meetingNameIn(i18n.JA, p.work.Seq)}))
	p.info.Close(0)
	p.focusDiscussion()
}

// onClose is 閉会; with items still open, it asks first.
func (p *meetingPage) onClose() {
	if p.work.OpenedAt.IsZero() || !p.work.ClosedAt.IsZero() {
		return
	}
	var open []string
	for _, it := range p.work.Items {
		if it.Status == data.ItemOpen {
			open = append(open, it.Title)
		}
	}
	closeNow := func() {
		p.work.ClosedAt = data.Now()
		p.stamp(i18n.JA("meetingui.timeline.closed", map[string]any{"Name": meetingNameIn(i18n.JA, p.work.Seq)}))
	}
	if len(open) == 0 {
		closeNow()
		return
	}
	confirm(p.env.Window, i18n.T("meetingui.close.title"),
		i18n.T("meetingui.close.open_items", map[string]any{"N": len(open), "Items": strings.Join(open, i18n.T("app.list_sep"))}),
		i18n.T("meetingui.close.confirm"), i18n.T("common.cancel"), closeNow)
}

// stamp writes the header at once with a line for the timeline. Closing
// records the meeting's step of the procedure (the store does it), which the
// 手順 tab then shows.
func (p *meetingPage) stamp(timelineText string) {
	p.refreshHeader()
	p.queueHeader(timelineText)
	if err := p.Flush(); err != nil {
		ShowError(err, p.env.Window)
		return
	}
	p.v.caseChanged()
}

// focusDiscussion puts the cursor in 審議の内容.
func (p *meetingPage) focusDiscussion() {
	if p.env.Window != nil && p.sel >= 0 && p.discussion.Visible() {
		p.env.Window.Canvas().Focus(p.discussion)
	}
}

// moveItem selects the item delta places away (Ctrl+Enter, Ctrl+Shift+Enter)
// with the cursor in its 審議の内容.
func (p *meetingPage) moveItem(delta int) {
	n := len(p.work.Items)
	if n == 0 {
		return
	}
	i := min(max(p.sel+delta, 0), n-1)
	p.selectItem(i)
	p.focusDiscussion()
}

// selectItem selects item i in the list and shows it in the editor.
func (p *meetingPage) selectItem(i int) {
	p.list.Select(i)
	if p.sel != i {
		p.showItem(i)
	}
}

// showItem puts item i (-1: none) into the editor.
func (p *meetingPage) showItem(i int) {
	p.loading = true
	defer func() { p.loading = false }()
	p.sel = i
	if i < 0 || i >= len(p.work.Items) {
		p.noItem.Show()
		p.editorBox.Hide()
		return
	}
	p.noItem.Hide()
	p.editorBox.Show()
	it := p.work.Items[i]
	_, article, _ := data.MeetingTable(p.class)
	p.itemTitle.SetText(it.Title)
	if it.Key == "" {
		p.itemArticle.SetText(i18n.T("meetingui.other.article"))
		p.wording.SetText(i18n.T("meetingui.other.wording"))
		p.wording.Show()
		p.otherTitle.SetText(it.Title)
		p.otherBox.Show()
	} else {
		p.itemArticle.SetText(article)
		p.wording.SetText(p.regulationWording(it))
		p.otherBox.Hide()
		if len(it.Options(p.class)) > 0 {
			p.wording.Hide() // the check boxes of 内容 say it, word for word
		} else {
			p.wording.Show()
		}
	}
	p.options = it.Options(p.class)
	p.checks = nil
	p.optionsBox.RemoveAll()
	for _, o := range p.options {
		c := widget.NewCheck(o, func(bool) { p.onItemChanged() })
		c.SetChecked(slices.Contains(it.Choices, o))
		p.checks = append(p.checks, c)
		p.optionsBox.Add(c)
	}
	if len(p.options) > 0 {
		p.optionsRow.Show()
		p.targetRow.Show()
	} else {
		p.optionsRow.Hide()
		p.targetRow.Hide()
	}
	p.target.SetText(it.Target)
	p.discussion.SetText(it.Discussion)
	p.decision.SetText(it.Decision)
	p.owner.SetText(it.Owner)
	if it.Due.IsZero() {
		p.due.SetText("")
	} else {
		p.due.SetText(i18n.WesternDateTime(it.Due.In(p.loc)))
	}
	p.setDueWareki(i18n.Wareki(it.Due))
	if it.Status == data.ItemOpen {
		p.status.SetSelected("")
	} else {
		p.status.SetSelected(itemStatusLabel(it.Status))
	}
	p.showItemMsgs()
	p.refreshItem()
	p.editorBox.Refresh()
}

// setDueWareki shows the 和暦 of 期限 under it, and nothing (no empty line)
// while there is none.
func (p *meetingPage) setDueWareki(s string) {
	p.dueWareki.SetText(s) // in its own kept space: shown or empty, nothing moves
}

// regulationWording is the regulation's words for the item: the table and
// the row, with what its 内容 says.
func (p *meetingPage) regulationWording(it data.AgendaItem) string {
	tableTitle, article, rows := data.MeetingTable(p.class)
	for _, r := range rows {
		if r.ID != it.Key {
			continue
		}
		content := r.Content
		if content == "" {
			content = strings.Join(r.Options, i18n.T("app.list_sep"))
		}
		return i18n.T("meetingui.wording", map[string]any{"Article": article, "Table": tableTitle, "Title": r.Title, "Content": content})
	}
	return ""
}

// refreshItem shows the selected item's status and times.
func (p *meetingPage) refreshItem() {
	if p.sel < 0 || p.sel >= len(p.work.Items) {
		return
	}
	it := p.work.Items[p.sel]
	p.itemBadge.set(itemStatusLabel(it.Status), itemStatusColor(it.Status), colorBadgeText)
	var times []string
	if !it.StartedAt.IsZero() {
		times = append(times, i18n.T("meetingui.started_at", map[string]any{"At": p.clock(it.StartedAt)}))
	}
	if !it.DecidedAt.IsZero() && it.Status != data.ItemOpen {
		times = append(times, i18n.T("meetingui.decided_at", map[string]any{"Status": itemStatusLabel(it.Status), "At": p.clock(it.DecidedAt)}))
	}
	if len(times) == 0 {
		times = append(times, i18n.T("meetingui.not_started"))
	}
	p.times.SetText(strings.Join(times, i18n.T("app.sep")))
	p.list.RefreshItem(p.sel)
}

func (p *meetingPage) selectedStatus() data.ItemStatus {
	for _, s := range itemStatuses {
		if itemStatusLabel(s) == p.status.Selected {
			return s
		}
	}
	return data.ItemOpen
}

func (p *meetingPage) onStatusChanged() {
	if p.loading || p.sel < 0 {
		return
	}
	delete(p.statusMsgs, p.work.Items[p.sel].ID)
	p.onItemChanged()
}

// onItemChanged takes the selected item as typed and schedules its save. The
// first edit stamps when the item was taken up; a status stamps when it was
// decided.
func (p *meetingPage) onItemChanged() {
	if p.loading || p.sel < 0 || p.sel >= len(p.work.Items) {
		return
	}
	it := &p.work.Items[p.sel]
	now := data.Now()
	typed := map[string]string{}
	if it.Key == "" {
		if t := strings.TrimSpace(p.otherTitle.Text); t != "" {
			it.Title = t
			p.itemTitle.SetText(t)
		} else {
			typed[mtFieldTitle] = i18n.T("meetingui.other.need_title")
		}
	}
	it.Choices = nil
	for i, c := range p.checks {
		if c.Checked {
			it.Choices = append(it.Choices, p.options[i])
		}
	}
	it.Target = p.target.Text
	it.Discussion = p.discussion.Text
	it.Decision = p.decision.Text
	it.Owner = p.owner.Text
	switch at, err := i18n.ParseDateTime(p.due.Text, p.loc); {
	case strings.TrimSpace(p.due.Text) == "":
		it.Due = time.Time{}
	case err != nil:
		typed[mtFieldDue] = i18n.T("meetingui.date.invalid", map[string]any{"Field": i18n.T("meetingui.due")})
	default:
		it.Due = at
	}
	p.typedMsgs[it.ID] = typed
	if st := p.selectedStatus(); st != it.Status {
		it.Status = st
		if st == data.ItemOpen {
			it.DecidedAt = time.Time{}
		} else {
			it.DecidedAt = now
		}
	}
	if it.StartedAt.IsZero() {
		it.StartedAt = now
	}
	p.queueItem(*it)
	p.showItemMsgs()
	p.refreshItem()
}

// showItemMsgs shows the messages of the selected item under its fields.
func (p *meetingPage) showItemMsgs() {
	if p.sel < 0 || p.sel >= len(p.work.Items) {
		return
	}
	id := p.work.Items[p.sel].ID
	msgs := map[string]string{}
	for f, m := range p.savedMsgs[id] {
		msgs[f] = m
	}
	for f, m := range p.typedMsgs[id] {
		msgs[f] = m
	}
	if m := p.statusMsgs[id]; m != "" {
		msgs[mtFieldStatus] = m
	}
	p.itemErrs.show(msgs)
}

// showHeaderMsgs shows the messages of the header under its fields.
func (p *meetingPage) showHeaderMsgs() {
	msgs := map[string]string{}
	for f, m := range p.headerSave {
		msgs[f] = m
	}
	for f, m := range p.headerType {
		msgs[f] = m
	}
	p.headerMsgs.show(msgs)
}

func (p *meetingPage) queueItem(it data.AgendaItem) {
	p.mu.Lock()
	if p.pendItems == nil {
		p.pendItems = map[int64]data.AgendaItem{}
	}
	p.pendItems[it.ID] = cloneItem(it)
	p.mu.Unlock()
	p.saver.Changed()
}

// onAddOther adds an その他 item with the title typed, at the end, and goes
// to it.
func (p *meetingPage) onAddOther() {
	title := strings.TrimSpace(p.addTitle.Text)
	if title == "" {
		p.env.Window.Canvas().Focus(p.addTitle)
		return
	}
	if err := p.Flush(); err != nil {
		ShowError(err, p.env.Window)
		return
	}
	it := &data.AgendaItem{MeetingID: p.work.ID, Title: title, StartedAt: data.Now()}
	if err := p.env.Store.SaveAgendaItem(it, i18n.JA("meetingui.timeline.other_added", map[string]any{"Name": meetingNameIn(i18n.JA, p.work.Seq), "Title": title})); err != nil {
		ShowError(err, p.env.Window)
		return
	}
	p.addTitle.SetText("")
	p.otherDraft.Recorded()
	p.env.saved()
	if p.reload() {
		for i, x := range p.work.Items {
			if x.ID == it.ID {
				p.selectItem(i)
				p.focusDiscussion()
			}
		}
	}
}

// onRemoveOther takes an その他 item off the agenda, once confirmed; the
// regulation's items have no such button, and the store refuses them.
func (p *meetingPage) onRemoveOther() {
	if p.sel < 0 || p.work.Items[p.sel].Key != "" {
		return
	}
	it := p.work.Items[p.sel]
	confirm(p.env.Window, i18n.T("meetingui.other.remove_title"),
		i18n.T("meetingui.other.remove_text", map[string]any{"Title": it.Title}),
		i18n.T("meetingui.other.remove"), i18n.T("common.cancel"), func() {
			if err := p.Flush(); err != nil {
				ShowError(err, p.env.Window)
				return
			}
			err := p.env.Store.RemoveAgendaItem(it.ID, i18n.JA("meetingui.timeline.other_removed",
				map[string]any{"Name": meetingNameIn(i18n.JA, p.work.Seq), "Title": it.Title}))
			if err != nil {
				ShowError(err, p.env.Window)
				return
			}
			p.env.saved()
			p.sel = max(p.sel-1, 0)
			p.reload()
		})
}

// reload reads the meeting again from the file.
func (p *meetingPage) reload() bool {
	m, err := p.env.Store.Meeting(p.work.ID)
	if err != nil {
		ShowError(err, p.env.Window)
		return false
	}
	p.load(m)
	return true
}

// itemTimeline is the line a change of an item's status puts on the
// timeline, "" for none.
func itemTimeline(seq int, cur, next data.AgendaItem) string {
	if cur.Status == next.Status {
		return ""
	}
	var detail []string
	detail = append(detail, next.Choices...)
	if t := strings.TrimSpace(next.Target); t != "" && len(next.Choices) > 0 {
		detail = append(detail, i18n.JA("meetingui.timeline.target", map[string]any{"Target": t}))
	}
	d := ""
	if len(detail) > 0 {
		d = i18n.JA("meetingui.timeline.detail", map[string]any{"Detail": strings.Join(detail, i18n.JA("meetingui.timeline.detail_sep"))})
	}
	args := map[string]any{"Name": meetingNameIn(i18n.JA, seq), "Title": next.Title, "Detail": d}
	switch next.Status {
	case data.ItemDecided:
		return i18n.JA("meetingui.timeline.decided", args)
	case data.ItemDeferred:
		return i18n.JA("meetingui.timeline.deferred", args)
	case data.ItemRatify:
		return i18n.JA("meetingui.timeline.ratify", args)
	}
	return i18n.JA("meetingui.timeline.undone", args)
}

// save writes the header and the items edited since the last save; the
// autosaver calls it, off the UI goroutine. A field the rules refuse keeps
// what the file holds, with the reason under it, while the others are saved.
func (p *meetingPage) save() error {
	p.saveMu.Lock()
	defer p.saveMu.Unlock()
	p.mu.Lock()
	hdr, hdrText, items := p.pendHeader, p.pendHeaderText, p.pendItems
	p.pendHeader, p.pendHeaderText, p.pendItems = nil, "", nil
	seq, stored := p.stored.Seq, cloneMeeting(p.stored)
	p.mu.Unlock()

	var errs []error
	var hdrMsgs map[string]string
	if hdr != nil {
		hdrMsgs = map[string]string{}
		revertRefused(hdr.Validate, map[string]func(){
			mtFieldPlace:    func() { hdr.Place = stored.Place },
			mtFieldChair:    func() { hdr.Chair = stored.Chair },
			mtFieldRecorder: func() { hdr.Recorder = stored.Recorder },
			mtFieldSigner:   func() { hdr.MinutesSigner = stored.MinutesSigner },
			mtFieldAttendee: func() { hdr.Attendees = stored.Attendees },
			mtFieldRole:     func() { hdr.Attendees = stored.Attendees },
		}, hdrMsgs)
		if err := p.env.Store.SaveMeeting(hdr, hdrText); err != nil {
			errs = append(errs, err)
			p.mu.Lock()
			if p.pendHeader == nil { // nothing newer: try again with the next save
				p.pendHeader, p.pendHeaderText = hdr, hdrText
			}
			p.mu.Unlock()
		} else {
			p.mu.Lock()
			h := cloneMeeting(*hdr)
			h.Items = p.stored.Items
			p.stored = h
			p.mu.Unlock()
		}
	}

	ids := make([]int64, 0, len(items))
	for id := range items {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	saved := map[int64]data.AgendaItem{}
	fieldMsgs := map[int64]map[string]string{}
	statusMsgs := map[int64]string{}
	changed := false
	for _, id := range ids {
		it := items[id]
		p.mu.Lock()
		cur := p.storedItems[id]
		p.mu.Unlock()
		msgs := map[string]string{}
		revertRefused(func() error { return it.ValidateFor(p.class) }, map[string]func(){
			mtFieldTitle:    func() { it.Title = cur.Title },
			mtFieldChoices:  func() { it.Choices = cur.Choices },
			mtFieldTarget:   func() { it.Target = cur.Target },
			mtFieldDiscuss:  func() { it.Discussion = cur.Discussion },
			mtFieldDecision: func() { it.Decision = cur.Decision },
			mtFieldOwner:    func() { it.Owner = cur.Owner },
		}, msgs)
		err := p.env.Store.SaveAgendaItem(&it, itemTimeline(seq, cur, it))
		if e := data.AsError(err); e != nil && e.Code == data.EINVALID && it.Status != cur.Status && it.Status.Taken() {
			// The decision is refused (運用再開 before the integrity
			// check): the text is saved, without the decision.
			statusMsgs[id] = i18n.ErrorMessage(err)
			it.Status = cur.Status
			err = p.env.Store.SaveAgendaItem(&it, "")
		}
		if err != nil {
			errs = append(errs, err)
			p.mu.Lock()
			if _, newer := p.pendItems[id]; !newer {
				if p.pendItems == nil {
					p.pendItems = map[int64]data.AgendaItem{}
				}
				p.pendItems[id] = items[id]
			}
			p.mu.Unlock()
			continue
		}
		fieldMsgs[id] = msgs
		if (it.Key == data.ItemKeyStop || it.Key == data.ItemKeyResume) &&
			(it.Status != cur.Status || !slices.Equal(it.Choices, cur.Choices) || it.Decision != cur.Decision) {
			changed = true
		}
		saved[id] = cloneItem(it)
		p.mu.Lock()
		p.storedItems[id] = cloneItem(it)
		p.mu.Unlock()
	}
	err := errors.Join(errs...)
	fyne.Do(func() {
		if hdrMsgs != nil {
			p.headerSave = hdrMsgs
			p.showHeaderMsgs()
		}
		p.showSaved(saved, fieldMsgs, statusMsgs)
		if err == nil {
			p.env.saved()
		}
		if changed {
			p.v.caseChanged()
		}
	})
	return err
}

// showSaved shows what the file now holds of the items just saved: the times
// the store stamped, the status it kept where it refused a decision, and the
// messages of the fields it refused.
func (p *meetingPage) showSaved(saved map[int64]data.AgendaItem, fieldMsgs map[int64]map[string]string, statusMsgs map[int64]string) {
	for id, msgs := range fieldMsgs {
		p.savedMsgs[id] = msgs
	}
	for id, msg := range statusMsgs {
		p.statusMsgs[id] = msg
	}
	for i := range p.work.Items {
		it := &p.work.Items[i]
		kept, ok := saved[it.ID]
		if !ok {
			continue
		}
		it.StartedAt = kept.StartedAt
		if it.Status == kept.Status {
			it.DecidedAt = kept.DecidedAt
		}
		if _, refused := statusMsgs[it.ID]; refused {
			it.Status, it.DecidedAt = kept.Status, kept.DecidedAt
			if i == p.sel {
				p.loading = true
				if it.Status == data.ItemOpen {
					p.status.SetSelected("")
				} else {
					p.status.SetSelected(itemStatusLabel(it.Status))
				}
				p.loading = false
			}
		}
		if i == p.sel {
			p.showItemMsgs()
			p.refreshItem()
		}
		p.list.RefreshItem(i)
	}
}
