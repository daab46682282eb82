package forms

import (
	"image/color"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// intakeForm is the 概要 tab of a case: its number, title, who found it, the
// drill flag and the status, saved as they are typed, and the class of the
// emergency (第2条) with both classes side by side in the regulation's words.
// A 判定中 case is decided with one tap (and a confirmation); a decided class
// is changed only with a reason, which stays on the timeline.
type intakeForm struct {
	env    *Env
	caseID int64

	// OnClassChanged is called on the UI goroutine when the class of the case
	// changed: after a decision or change made here, or when Reload finds that
	// another screen changed it. The case screen swaps the procedure and tabs.
	OnClassChanged func(data.Class)

	// mu guards what the autosaver's goroutine shares with the UI: the values
	// copied at the last edit, the values the file held when this screen last
	// read or wrote them (only fields edited here since are written, so that
	// other screens' changes stand), and the case as last read or written.
	mu     sync.Mutex
	vals   intakeValues
	base   intakeValues
	copied bool   // vals holds an edit
	by     string // the officer at the last edit, named on the timeline
	c      data.Case
	saveMu sync.Mutex // one write at a time

	loaded   bool
	loading  bool       // widgets are being filled from the case file
	reported data.Class // the class last known to the case screen

	formSaver // saver, indicator; Flush
	content   fyne.CanvasObject
	head      *fyne.Container

	number     *widget.Label
	classBadge *badge
	drillBadge *badge
	discovered *widget.Label
	title      *entry
	discoverer *entry
	section    *entry
	drill      *widget.Check
	status     *widget.RadioGroup
	errs       fieldMsgs

	// 発見・通報の別 (第5条第1号・第2号), for a misconduct or a 判定中 case.
	originBox  *fyne.Container
	origin     *widget.RadioGroup
	noticeBox  *fyne.Container
	noticeFrom *entry
	noticeAt   *entry
	noticeText *entry
	prefecture string

	pending *fyne.Container
	cards   []*intakeClassCard
	change  *intakeChange // the reason dialog while it is open
}

// intakeValues are the header fields as typed.
type intakeValues struct {
	title, discoverer, section string
	drill                      bool
	status                     data.Status
	origin                     data.Origin
	noticeFrom, noticeAt       string
	noticeText                 string
}

// intakeClassCard is one class of 第2条: its definition and examples, and
// the way to decide it or change to it.
type intakeClassCard struct {
	class   data.Class
	bg      *canvas.Rectangle
	action  *widget.Button
	current fyne.CanvasObject
}

// intakeChange is the dialog that asks why a decided class is changed.
type intakeChange struct {
	to data.Class
	reasonPrompt
}

// The case fields of the screen, as data.Invalid names them.
const (
	inFieldTitle      = "title"
	inFieldDiscoverer = "discoverer"
	inFieldSection    = "discoverer_section"
	inFieldStatus     = "status"
	inFieldNoticeFrom = "notice_from"
	inFieldNoticeAt   = "notice_at"
	inFieldNoticeText = "notice_text"
)

// colorPendingBg is the light amber behind the request to decide a 判定中
// class: a call to act, lighter than the 訓練 banner's amber.
var colorPendingBg = color.NRGBA{R: 0xFF, G: 0xF3, B: 0xE0, A: 0xFF}

// intakeSaveDelay is how long after the last keystroke the header is saved.
const intakeSaveDelay = 700 * time.Millisecond

// newIntakeForm builds the overview screen of a case; call Reload to fill it.
func newIntakeForm(env *Env, caseID int64) *intakeForm {
	f := &intakeForm{env: env, caseID: caseID}
	f.formSaver = newFormSaver(intakeSaveDelay, f.save)
	f.buildUI()
	return f
}

// Content is the screen, to place in the case's tab.
func (f *intakeForm) Content() fyne.CanvasObject { return f.content }

// Reload saves what is pending, then reads the case again.
func (f *intakeForm) Reload() error {
	if f.loaded {
		if err := f.Flush(); err != nil {
			return err
		}
	}
	c, err := f.env.Store.Case(f.caseID)
	if err != nil {
		return err
	}
	if f.prefecture, err = f.env.Store.Setting(data.SettingPrefecture, data.DefaultPrefecture); err != nil {
		return err
	}
	f.mu.Lock()
	f.c, f.base, f.copied = c, intakeValuesOf(c), false
	f.mu.Unlock()
	first := !f.loaded
	f.loaded = true
	f.fill()
	if first {
		f.reported = c.Class
	} else if c.Class != f.reported {
		f.reported = c.Class
		if f.OnClassChanged != nil {
			f.OnClassChanged(c.Class)
		}
	}
	return nil
}

func intakeValuesOf(c data.Case) intakeValues {
	return intakeValues{title: c.Title, discoverer: c.Discoverer, section: c.DiscovererSection, drill: c.Drill, status: c.Status,
		origin: c.Origin, noticeFrom: c.NoticeFrom, noticeAt: i18n.WesternDateTime(c.NoticeAt), noticeText: c.NoticeText}
}

func (f *intakeForm) buildUI() {
	f.errs = newFieldMsgs(inFieldTitle, inFieldDiscoverer, inFieldSection, inFieldStatus, inFieldNoticeFrom, inFieldNoticeAt, inFieldNoticeText)
	f.head = screenHead(i18n.T("intake.title"), i18n.T("intake.article"), f.onShowArticle, f.indicator)

	f.number = widget.NewLabel("")
	f.number.TextStyle.Bold = true
	f.number.Selectable = true
	f.classBadge = newBadge()
	f.drillBadge = newBadge()
	f.discovered = widget.NewLabel("")

	f.title = newLineEntry(i18n.T("intake.title_placeholder"), f.onChanged)
	f.discoverer = newLineEntry(i18n.T("intake.discoverer.placeholder"), f.onChanged)
	f.section = newLineEntry(i18n.T("intake.section.placeholder"), f.onChanged)
	f.drill = widget.NewCheck(i18n.T("intake.drill"), func(on bool) {
		f.drillBadge.setDrill(on)
		f.onChanged()
	})
	statuses := make([]string, len(data.Statuses))
	for i, s := range data.Statuses {
		statuses[i] = StatusLabel(s)
	}
	f.status = widget.NewRadioGroup(statuses, func(string) { f.onChanged() })
	f.status.Horizontal = true
	f.status.Required = true

	withErr := f.errs.under
	// The discoverer and the section share a row: a name is short.
	who := container.NewBorder(nil, nil, nil, nil, container.NewGridWithColumns(2,
		withErr(inFieldDiscoverer, f.discoverer),
		container.NewBorder(nil, nil, widget.NewLabel(i18n.T("intake.section")), nil, withErr(inFieldSection, f.section))))
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("intake.number")), container.NewHBox(f.number, f.classBadge.box, f.drillBadge.box),
		widget.NewLabel(i18n.T("intake.discovered")), f.discovered,
		widget.NewLabel(i18n.T("field.title")), withErr(inFieldTitle, f.title),
		widget.NewLabel(i18n.T("intake.discoverer")), who,
		widget.NewLabel(i18n.T("intake.drill_label")), f.drill,
		widget.NewLabel(i18n.T("intake.status")), withErr(inFieldStatus, f.status),
	)

	body := container.NewVBox(form, f.buildOriginSection(), f.buildClassSection())
	f.content = container.NewBorder(container.NewVBox(f.head, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(body))
}

// buildClassSection lays out the table of 第2条: each class with its 状態 and
// (例), side by side, the current one framed in its colour.
func (f *intakeForm) buildClassSection() fyne.CanvasObject {
	head := articleBand(i18n.T("intake.class.article"), boldText(i18n.T("intake.class.heading")), nil)
	intro := captionText(i18n.T("intake.class.intro"))

	pendingBadge := newBadge()
	pendingBadge.setClass(data.ClassPending)
	pendingText := newJPText(i18n.T("intake.class.pending"))
	f.pending = container.NewVBox(panel(colorPendingBg,
		container.NewBorder(nil, nil, container.NewVBox(pendingBadge.box), nil, pendingText)))

	grid := container.NewGridWithColumns(len(data.ClassInfos))
	for _, ci := range data.ClassInfos {
		card := f.newClassCard(ci)
		f.cards = append(f.cards, card)
		body := container.NewBorder(nil, container.NewVBox(card.current, card.action), nil, nil, f.classText(ci))
		// A margin keeps the frame of the current class clear of its neighbour.
		grid.Add(container.New(layout.NewCustomPaddedLayout(2, 2, 2, 2), container.NewStack(card.bg, container.New(layout.NewCustomPaddedLayout(6, 6, 6, 6), body))))
	}
	return container.NewVBox(head, intro, f.pending, grid)
}

func (f *intakeForm) newClassCard(ci data.ClassInfo) *intakeClassCard {
	card := &intakeClassCard{class: ci.Class, bg: canvas.NewRectangle(colorNoteBg)}
	card.bg.CornerRadius = 6
	card.action = widget.NewButton("", func() { f.onClassTapped(ci.Class) })
	card.current = container.NewHBox(widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon())), boldLabel(i18n.T("intake.class.current")))
	return card
}

// classText is a class's row of 第2条, quoted from the regulation.
func (f *intakeForm) classText(ci data.ClassInfo) fyne.CanvasObject {
	b := newBadge()
	b.setClass(ci.Class)
	b.text.TextSize = theme.TextSize() + 2
	b.text.Text = ci.Label
	state := boldLabel(i18n.T("intake.class.state"))
	state.SizeName = theme.SizeNameCaptionText
	def := newJPText(ci.Definition)
	ex := captionText(i18n.T("intake.class.example", map[string]any{"Examples": ci.Examples}))
	return container.NewVBox(container.NewHBox(b.box), state, def, ex)
}

// fill puts the case into the widgets and clears the messages.
func (f *intakeForm) fill() {
	f.loading = true
	defer func() { f.loading = false }()
	f.mu.Lock()
	c := f.c
	f.mu.Unlock()
	f.number.SetText(c.Number)
	f.discovered.SetText(dateTimeWithWareki(c.DiscoveredAt))
	f.title.SetText(c.Title)
	f.discoverer.SetText(c.Discoverer)
	f.section.SetText(c.DiscovererSection)
	f.drill.SetChecked(c.Drill)
	f.status.SetSelected(StatusLabel(c.Status))
	f.origin.Options = originLabels(f.prefecture)
	f.origin.Refresh()
	f.origin.SetSelected(originLabel(c.Origin, f.prefecture))
	f.noticeFrom.SetText(c.NoticeFrom)
	f.noticeAt.SetText(i18n.WesternDateTime(c.NoticeAt))
	f.noticeText.SetText(c.NoticeText)
	f.refreshOrigin()
	f.errs.show(nil)
	f.drillBadge.setDrill(c.Drill)
	f.refreshClass()
}

// refreshClass frames the current class and words each card's button.
func (f *intakeForm) refreshClass() {
	f.mu.Lock()
	class := f.c.Class
	f.mu.Unlock()
	f.classBadge.setClass(class)
	if class == data.ClassPending {
		f.pending.Show()
	} else {
		f.pending.Hide()
	}
	for _, card := range f.cards {
		label := ClassLabel(card.class)
		switch {
		case card.class == class:
			card.bg.FillColor = colorNextBg
			card.bg.StrokeColor = classColor(card.class)
			card.bg.StrokeWidth = 3
			card.current.Show()
			card.action.Hide()
		case class == data.ClassPending:
			card.bg.FillColor = colorNoteBg
			card.bg.StrokeWidth = 0
			card.current.Hide()
			card.action.SetText(i18n.T("intake.class.decide", map[string]any{"Class": label}))
			card.action.SetIcon(theme.ConfirmIcon())
			card.action.Importance = widget.HighImportance
			card.action.Show()
		default:
			card.bg.FillColor = colorNoteBg
			card.bg.StrokeWidth = 0
			card.current.Hide()
			card.action.SetText(i18n.T("intake.class.change", map[string]any{"Class": label}))
			card.action.SetIcon(theme.ViewRefreshIcon())
			card.action.Importance = widget.MediumImportance
			card.action.Show()
		}
		card.action.Refresh()
		card.bg.Refresh()
	}
}

func (f *intakeForm) values() intakeValues {
	v := intakeValues{title: f.title.Text, discoverer: f.discoverer.Text, section: f.section.Text, drill: f.drill.Checked,
		origin: originOf(f.origin.Selected, f.prefecture), noticeFrom: f.noticeFrom.Text, noticeAt: f.noticeAt.Text, noticeText: f.noticeText.Text}
	for _, s := range data.Statuses {
		if StatusLabel(s) == f.status.Selected {
			v.status = s
		}
	}
	return v
}

// onChanged copies the fields and schedules a save.
func (f *intakeForm) onChanged() {
	if f.loading || !f.loaded {
		return
	}
	v, by := f.values(), strings.TrimSpace(f.env.officer().Name)
	f.mu.Lock()
	f.vals, f.copied, f.by = v, true, by
	f.mu.Unlock()
	f.saver.Changed()
}

// save writes the header fields edited on this screen onto the case as the
// file holds it now; the autosaver calls it, off the UI goroutine.
func (f *intakeForm) save() error {
	f.saveMu.Lock()
	defer f.saveMu.Unlock()
	f.mu.Lock()
	v, base, copied, by := f.vals, f.base, f.copied, f.by
	f.mu.Unlock()
	if !copied {
		return nil
	}
	cur, err := f.env.Store.Case(f.caseID)
	if err != nil {
		return err
	}
	next := cur
	if v.title != base.title {
		next.Title = v.title
	}
	if v.discoverer != base.discoverer {
		next.Discoverer = v.discoverer
	}
	if v.section != base.section {
		next.DiscovererSection = v.section
	}
	if v.drill != base.drill {
		next.Drill = v.drill
	}
	if v.status != base.status && v.status != "" {
		next.Status = v.status
	}
	if v.origin != base.origin {
		next.Origin = v.origin
	}
	if v.noticeFrom != base.noticeFrom {
		next.NoticeFrom = v.noticeFrom
	}
	if v.noticeText != base.noticeText {
		next.NoticeText = v.noticeText
	}
	msgs := map[string]string{}
	if v.noticeAt != base.noticeAt {
		if strings.TrimSpace(v.noticeAt) == "" {
			next.NoticeAt = time.Time{}
		} else if at, err := i18n.ParseDateTime(v.noticeAt, f.env.zone()); err != nil {
			msgs[inFieldNoticeAt] = i18n.ErrorMessage(withField(err, inFieldNoticeAt))
		} else {
			next.NoticeAt = at
		}
	}

	// A field the rules refuse keeps what the file holds, with its message.
	revert := map[string]func(){
		inFieldTitle:      func() { next.Title = cur.Title },
		inFieldDiscoverer: func() { next.Discoverer = cur.Discoverer },
		inFieldSection:    func() { next.DiscovererSection = cur.DiscovererSection },
		inFieldStatus:     func() { next.Status = cur.Status },
		inFieldNoticeFrom: func() { next.NoticeFrom = cur.NoticeFrom },
		inFieldNoticeText: func() { next.NoticeText = cur.NoticeText },
	}
	revertRefused(next.Validate, revert, msgs)

	if next != cur {
		if err := f.env.Store.UpdateCase(&next); err != nil {
			if fieldRefused(err, revert, msgs) {
				f.showMessages(msgs)
				return nil
			}
			return err
		}
	}
	var errEntry error
	if next.Status != cur.Status {
		// As the case header records it: 状態を「復旧済」に変更.
		errEntry = f.env.Store.AddEntry(&data.Entry{CaseID: f.caseID, At: data.Now(), Kind: data.EntryStatus,
			Text: i18n.JA("case.timeline.status", map[string]any{"Status": statusLabelIn(i18n.JA, next.Status)}), Author: by})
	}
	// What was written is now what the file holds under this screen; a
	// refused field is tried again at the next save.
	saved := intakeValuesOf(next)
	f.mu.Lock()
	f.c = next
	if msgs[inFieldTitle] == "" {
		f.base.title = saved.title
	}
	if msgs[inFieldDiscoverer] == "" {
		f.base.discoverer = saved.discoverer
	}
	if msgs[inFieldSection] == "" {
		f.base.section = saved.section
	}
	f.base.drill, f.base.status, f.base.origin = saved.drill, saved.status, saved.origin
	if msgs[inFieldNoticeFrom] == "" {
		f.base.noticeFrom = saved.noticeFrom
	}
	if msgs[inFieldNoticeText] == "" {
		f.base.noticeText = saved.noticeText
	}
	if msgs[inFieldNoticeAt] == "" {
		f.base.noticeAt = v.noticeAt
	}
	f.mu.Unlock()
	f.showMessages(msgs)
	if next != cur && errEntry == nil {
		fyne.Do(f.env.saved)
	}
	return errEntry
}

func (f *intakeForm) showMessages(msgs map[string]string) {
	fyne.Do(func() { f.errs.show(msgs) })
}

// onClassTapped decides a 判定中 case at once (after a confirmation), or asks
// why a decided class is changed.
func (f *intakeForm) onClassTapped(class data.Class) {
	f.mu.Lock()
	cur := f.c.Class
	f.mu.Unlock()
	switch {
	case class == cur:
		return
	case cur == data.ClassPending:
		label := ClassLabel(class)
		confirm(f.env.Window, i18n.T("intake.decide.title"),
			i18n.T("intake.decide.text", map[string]any{"Class": label, "Article": intakeArticle(class)}),
			i18n.T("intake.decide.confirm"), i18n.T("common.cancel"), func() {
				if err := f.changeClass(class, "", i18n.JA("intake.timeline.decided", map[string]any{"Class": classLabelIn(i18n.JA, class)})); err != nil {
					ShowError(err, f.env.Window)
				}
			})
	default:
		f.showChange(cur, class)
	}
}

// intakeArticle is the article whose procedure a class follows: 第4条, 第5条.
func intakeArticle(c data.Class) string {
	steps := data.StepsFor(c)
	if len(steps) == 0 {
		return ""
	}
	return i18n.T("app.article", map[string]any{"N": articleNumber(steps[0])})
}

func (f *intakeForm) showChange(from, to data.Class) {
	f.change = &intakeChange{to: to, reasonPrompt: newReasonPrompt(f.env.Window, reasonTexts{
		title:       i18n.T("intake.change.title"),
		change:      i18n.T("intake.change.text", map[string]any{"From": ClassLabel(from), "To": ClassLabel(to)}),
		note:        i18n.T("intake.change.note", map[string]any{"Article": intakeArticle(to)}),
		label:       i18n.T("intake.change.reason"),
		placeholder: i18n.T("intake.change.placeholder"),
		confirm:     i18n.T("intake.change.confirm"),
	}, f.closeChange, f.onConfirmChange)}
	f.change.keep(f.env, f.caseID, "class/"+string(to))
	f.change.show(f.env.Window)
}

func (f *intakeForm) closeChange() {
	if f.change != nil {
		f.change.dlg.Hide()
		f.change = nil
	}
}

// onConfirmChange changes the class once a reason is given; without one it
// says so under the field and changes nothing.
func (f *intakeForm) onConfirmChange() {
	ch := f.change
	if ch == nil {
		return
	}
	reason := strings.TrimSpace(ch.reason.Text)
	if reason == "" {
		setFieldMsg(ch.err, i18n.T("intake.change.required"))
		f.env.Window.Canvas().Focus(ch.reason)
		return
	}
	setFieldMsg(ch.err, "")
	f.mu.Lock()
	from := f.c.Class
	f.mu.Unlock()
	text := i18n.JA("intake.timeline.changed", map[string]any{"From": classLabelIn(i18n.JA, from), "To": classLabelIn(i18n.JA, ch.to), "Reason": reason})
	err := f.changeClass(ch.to, reason, text)
	if e := data.AsError(err); e != nil && e.Code == data.EINVALID {
		setFieldMsg(ch.err, i18n.ErrorMessage(err))
		return
	}
	if err != nil {
		ShowError(err, f.env.Window)
		return
	}
	ch.draft.Recorded()
	f.closeChange()
}

// changeClass saves the header first, then changes the class with its line
// on the timeline, and reads the case again.
func (f *intakeForm) changeClass(class data.Class, reason, text string) error {
	if err := f.Flush(); err != nil {
		return err
	}
	f.saveMu.Lock()
	err := f.env.Store.ChangeClass(f.caseID, class, reason, text)
	f.saveMu.Unlock()
	if err != nil {
		return err
	}
	f.env.saved()
	return f.Reload()
}

// onShowArticle shows 第2条, the table of the classes.
func (f *intakeForm) onShowArticle() { showArticleText(f.env.Window, 2, articleTitle(2), "") }

// buildOriginSection is how the city learned of a misconduct: found by the
// staff (第5条第1号), or told by the prefecture or 指定情報処理機関 (第5条第2号),
// and for a 通報 who told, when and what.
func (f *intakeForm) buildOriginSection() fyne.CanvasObject {
	f.origin = widget.NewRadioGroup(originLabels(data.DefaultPrefecture), func(string) {
		f.refreshOrigin()
		f.onChanged()
	})
	f.noticeFrom = newLineEntry(i18n.T("intake.notice.from_placeholder"), f.onChanged)
	f.noticeAt = newLineEntry(i18n.T("report.date_placeholder"), f.onChanged)
	f.noticeText = newTextEntry(i18n.T("intake.notice.text_placeholder"), 2, f.onChanged)
	withErr := f.errs.under
	f.noticeBox = container.NewVBox(container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("intake.notice.from")), withErr(inFieldNoticeFrom, f.noticeFrom),
		widget.NewLabel(i18n.T("intake.notice.at")), withErr(inFieldNoticeAt, sizedEntry(f.noticeAt, 230)),
		widget.NewLabel(i18n.T("intake.notice.text")), withErr(inFieldNoticeText, f.noticeText),
	))
	head := articleBand(i18n.T("intake.origin.article"), boldText(i18n.T("intake.origin.heading")), nil)
	f.originBox = container.NewVBox(head, f.origin, f.noticeBox)
	return f.originBox
}

// refreshOrigin shows the section for a misconduct (or a case still 判定中),
// and the fields of a 通報 when one is picked.
func (f *intakeForm) refreshOrigin() {
	f.mu.Lock()
	class := f.c.Class
	f.mu.Unlock()
	if class == data.ClassFailure {
		f.originBox.Hide()
	} else {
		f.originBox.Show()
	}
	if originOf(f.origin.Selected, f.prefecture).Notice() {
		f.noticeBox.Show()
	} else {
		f.noticeBox.Hide()
	}
	f.originBox.Refresh()
}

// originLabels are the choices of data.Origins, the prefecture by its name.
func originLabels(prefecture string) []string {
	out := make([]string, len(data.Origins))
	for i, o := range data.Origins {
		out[i] = originLabel(o, prefecture)
	}
	return out
}

func originLabel(o data.Origin, prefecture string) string {
	if o == data.OriginUnset {
		return ""
	}
	return i18n.T("origin."+string(o), map[string]any{"Prefecture": prefecture})
}

func originOf(label, prefecture string) data.Origin {
	for _, o := range data.Origins {
		if label != "" && originLabel(o, prefecture) == label {
			return o
		}
	}
	return data.OriginUnset
}
