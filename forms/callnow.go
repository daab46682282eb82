package forms

import (
	"fmt"
	"image/color"
	"reflect"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// Colours of the who-to-call badges and cards.
var (
	colorOpen       = color.NRGBA{R: 0x1B, G: 0x5E, B: 0x20, A: 0xFF} // dark green: 営業時間内
	colorClosed     = color.NRGBA{R: 0x28, G: 0x35, B: 0x93, A: 0xFF} // dark indigo: 夜間・休日
	colorDeputy     = color.NRGBA{R: 0x6A, G: 0x1B, B: 0x9A, A: 0xFF} // purple: 代理
	colorReachedBg  = color.NRGBA{R: 0xE8, G: 0xF5, B: 0xE9, A: 0xFF} // light green: reached
	colorCallNumber = color.NRGBA{R: 0x0D, G: 0x47, B: 0xA1, A: 0xFF} // dark blue: the number to dial
)

// callLoc is the zone the times of the tab are typed and shown in: Japan's,
// the zone of the bodies' business hours (data.OpenAt), whatever the zone of
// the computer.
var callLoc = data.JapanTime

// callNumberSize is the size of the number to dial: readable at arm's length
// with the phone in the other hand.
const callNumberSize = 26

// callsView is the 連絡 tab of a case: whom to call now, in the order of the
// reporting chain of the case's class (第4条・第5条 over the network of
// 第3条), with the number for business hours or for nights and holidays; a
// tap records the call on the case's timeline, and a call that did not get
// through moves the entry on to its deputy. Below, the calls made.
type callsView struct {
	env *Env
	c   data.Case

	cfg     data.CallConfig
	at      time.Time // the moment shown
	points  []data.ContactPoint
	targets []data.CallTarget
	calls   []data.Call
	cards   []*callCard

	atEntry   *entry
	atEdited  bool // the officer typed a time: it no longer follows the clock
	settingAt bool
	atMsg     fieldError
	when      *widget.Label
	list      *fyne.Container
	made      *fyne.Container
	madeHead  *widget.Label
	content   fyne.CanvasObject
	shown     any // what Reload last showed
}

func newCallsView(env *Env, c data.Case) *callsView {
	v := &callsView{env: env, c: c, cfg: data.DefaultCallConfig()}
	v.buildUI()
	return v
}

func (v *callsView) Content() fyne.CanvasObject { return v.content }

func (v *callsView) buildUI() {
	v.atEntry = newEntry()
	v.atEntry.SetPlaceHolder(i18n.T("timeline.at.placeholder"))
	v.atEntry.OnChanged = func(string) {
		if v.settingAt {
			return
		}
		v.atEdited = true
		v.onTimeChanged()
	}
	atW := fyne.MeasureText("0000/00/00 00:00", theme.TextSize(), fyne.TextStyle{}).Width + 4*theme.InnerPadding()
	now := widget.NewButtonWithIcon(i18n.T("contactui.call.now"), theme.HistoryIcon(), func() {
		v.atEdited = false
		v.setTime(data.Now())
		v.onTimeChanged()
	})
	now.Importance = widget.LowImportance
	v.atMsg = newFieldError()
	v.when = boldLabel("")
	network := widget.NewButtonWithIcon(i18n.T("contactui.call.article3"), theme.FileTextIcon(),
		func() { showArticleText(v.env.Window, 3, i18n.T("contactui.article"), "") })
	network.Importance = widget.LowImportance
	timeRow := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel(i18n.T("contactui.call.at")),
			container.New(layout.NewGridWrapLayout(fyne.NewSize(atW, v.atEntry.MinSize().Height)), v.atEntry), now),
		network, v.when)
	intro := captionText(i18n.T("contactui.call.intro"))

	v.list = container.NewVBox()
	v.madeHead = boldLabel(i18n.T("contactui.call.made"))
	v.made = container.NewVBox()
	body := container.NewVBox(v.list, widget.NewSeparator(), v.madeHead, v.made)
	v.content = container.NewBorder(container.NewVBox(timeRow, v.atMsg.jpText, intro, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(body))
}

// setTime shows t in the time field without counting it as the officer's edit.
func (v *callsView) setTime(t time.Time) {
	v.settingAt = true
	v.atEntry.SetText(i18n.WesternDateTime(t.In(callLoc)))
	v.settingAt = false
}

// onTimeChanged shows whom to call at the time typed, once it reads as one.
func (v *callsView) onTimeChanged() {
	t, err := i18n.ParseDateTime(v.atEntry.Text, callLoc)
	if err != nil {
		v.atMsg.set(i18n.ErrorMessage(data.Invalid("at", "format")))
		return
	}
	v.atMsg.set("")
	v.at = t
	v.show()
}

// Reload reads the network, the settings and the calls of the case again and
// shows whom to call at the time in the field (now, unless the officer typed
// another).
func (v *callsView) Reload() error {
	if c, err := v.env.Store.Case(v.c.ID); err == nil {
		v.c = c
	}
	cfg, err := data.LoadCallConfig(v.env.Store)
	if err != nil {
		return err
	}
	v.cfg = cfg
	if v.points, err = v.env.Store.ContactPoints(); err != nil {
		return err
	}
	if v.calls, err = v.env.Store.Calls(v.c.ID); err != nil {
		return err
	}
	if !v.atEdited {
		v.setTime(data.Now())
	}
	if t, err := i18n.ParseDateTime(v.atEntry.Text, callLoc); err == nil {
		v.at = t
	} else if v.at.IsZero() {
		v.at = data.Now()
	}
	// Every save elsewhere (a line on the timeline) reads the case again:
	// unchanged, the cards stay as they are instead of being built anew
	// (issue #14: memory while typing).
	state := []any{v.c, cfg, v.points, v.calls, v.at, i18n.Language()}
	if v.shown != nil && reflect.DeepEqual(state, v.shown) {
		return nil
	}
	v.shown = state
	v.show()
	v.showCalls()
	return nil
}

// show lays out whom to call at v.at.
func (v *callsView) show() {
	v.targets = data.WhoToCall(v.points, v.c.Class, v.at, v.cfg)
	loc := callLoc
	v.when.SetText(i18n.T("contactui.call.when", map[string]any{
		"At": i18n.WesternDateTime(v.at.In(loc)), "Weekday": i18n.T("contactui.weekday." + strings.ToLower(v.at.In(loc).Weekday().String()[:3])),
		"Chain": chainLabel(v.c.Class)}))
	v.cards = nil
	var objs []fyne.CanvasObject
	if len(v.targets) == 0 {
		objs = append(objs, panel(colorNoteBg, newJPText(i18n.T("contactui.call.no_network"))))
	}
	city, pref := cityAndPrefecture(v.env.Store)
	n := 0
	others := false
	for _, t := range v.targets {
		if !t.InChain && !others {
			others = true
			objs = append(objs, boldLabel(i18n.T("contactui.call.others")))
		}
		if t.InChain {
			n++
		}
		card := newCallCard(v, t, n, t.Point.Title(city, pref))
		v.cards = append(v.cards, card)
		objs = append(objs, card.box)
	}
	v.list.Objects = objs
	v.list.Refresh()
}

// chainLabel names the chain shown: the article of the class's procedure.
func chainLabel(c data.Class) string {
	return i18n.T("contactui.call.chain." + string(c))
}

// showCalls lists the calls made for the case, newest first.
func (v *callsView) showCalls() {
	v.made.Objects = nil
	if len(v.calls) == 0 {
		v.made.Add(wrapLabel(i18n.T("contactui.call.none_made")))
	}
	city, pref := cityAndPrefecture(v.env.Store)
	titles := map[int64]string{}
	for _, p := range v.points {
		titles[p.ID] = p.Title(city, pref)
	}
	for i := len(v.calls) - 1; i >= 0; i-- {
		c := v.calls[i]
		key := "contactui.call.line_not_reached"
		if c.Reached {
			key = "contactui.call.line_reached"
		}
		line := i18n.T(key, map[string]any{"At": i18n.WesternDateTime(c.At.In(callLoc)),
			"Who": callWho(titles[c.PointID], c.Person, c.Deputy), "Number": c.Number})
		row := container.NewVBox(newJPText(line))
		if c.Note != "" {
			row.Add(captionText(c.Note))
		}
		v.made.Add(row)
	}
	v.made.Refresh()
}

// callWho names whom a call was for: 宮城県 市町村課 山田 太郎, with 代理 before
// a deputy's name.
func callWho(title, person string, deputy bool) string {
	return callWhoIn(i18n.T, title, person, deputy)
}

// callWhoIn is callWho in the language of tr (i18n.JA for the timeline).
func callWhoIn(tr translate, title, person string, deputy bool) string {
	if deputy {
		person = tr("contactui.call.deputy_name", map[string]any{"Name": person})
	}
	return strings.TrimSpace(title + " " + person)
}

// progress is where the calls of the case leave an entry: the person to try
// now, whether someone was reached, and what happened last.
func (v *callsView) progress(t data.CallTarget) (cur data.Reach, reached bool, last *data.Call) {
	cur = t.Primary
	for i := range v.calls {
		c := &v.calls[i]
		if c.PointID != t.Point.ID || t.Point.ID == 0 {
			continue
		}
		last = c
		if c.Reached {
			reached = true
			cur = t.Primary
			if c.Deputy {
				cur = t.Deputy
			}
			continue
		}
		reached = false
		tried := t.Primary
		if c.Deputy {
			tried = t.Deputy
		}
		if next, ok := data.NextAfter(t, tried, false); ok {
			cur = next
		} else {
			cur = tried
		}
	}
	return cur, reached, last
}

// callCard is one entry to call: the step and its article, the entry with a
// badge for business hours or nights and holidays, the person and the number
// to dial in large type, the other numbers, and the two buttons.
type callCard struct {
	t      data.CallTarget
	title  string
	person data.Reach
	number data.ContactNumber

	hours      *badge
	name       *widget.Label
	dial       *canvas.Text
	kind       *widget.Label
	status     *jpText
	reachedBtn *widget.Button
	missedBtn  *widget.Button
	box        fyne.CanvasObject
}

func newCallCard(v *callsView, t data.CallTarget, n int, title string) *callCard {
	cur, reached, last := v.progress(t)
	cc := &callCard{t: t, title: title, person: cur, number: cur.First()}

	// The entry: its place in the chain, business hours or not, its name,
	// and at the right the article and who calls.
	cc.hours = newBadge()
	if t.BusinessHours {
		cc.hours.set(i18n.T("contactui.call.open"), colorOpen, colorBadgeText)
	} else {
		cc.hours.set(i18n.T("contactui.call.closed."+t.Closed), colorClosed, colorBadgeText)
	}
	left := container.NewHBox()
	if t.InChain {
		left.Add(boldLabel(i18n.T("contactui.call.step", map[string]any{"N": n})))
	}
	left.Add(cc.hours.box)
	titleL := boldLabel(title)
	titleL.SizeName = theme.SizeNameSubHeadingText
	titleL.Truncation = fyne.TextTruncateEllipsis
	right := container.NewHBox()
	if t.InChain {
		art := boldLabel(t.Step.Article)
		art.Importance = widget.HighImportance
		right.Add(art)
		if t.Step.From != "" {
			from := widget.NewLabel(i18n.T("contactui.call.from", map[string]any{"Role": t.Step.From.Label()}))
			from.SizeName = theme.SizeNameCaptionText
			right.Add(from)
		}
	}
	rows := container.NewVBox(container.NewBorder(nil, nil, left, right, titleL))
	if t.Step.When != "" {
		rows.Add(captionText(i18n.T("contactui.call.when_cond", map[string]any{"When": t.Step.When})))
	}
	if t.Step.Purpose != "" {
		rows.Add(captionText(i18n.T("contactui.call.purpose", map[string]any{"Purpose": t.Step.Purpose})))
	}

	// The person and the number to dial, with the two buttons.
	name := cur.Name
	if name == "" {
		name = i18n.T("contactui.call.no_name")
	}
	cc.name = boldLabel(name)
	nameRow := container.NewHBox(cc.name)
	if cur.Deputy {
		d := newBadge()
		d.set(i18n.T("contactui.deputy"), colorDeputy, colorBadgeText)
		nameRow.Add(d.box)
	}
	cc.kind = widget.NewLabel("")
	cc.kind.SizeName = theme.SizeNameCaptionText
	cc.dial = canvas.NewText("", colorCallNumber)
	cc.dial.TextSize = callNumberSize
	cc.dial.TextStyle.Bold = true
	if cur.Empty() {
		cc.dial.Text = i18n.T("contactui.call.no_number")
		cc.dial.TextSize = theme.TextSize() + 2
		cc.dial.Color = theme.Color(theme.ColorNameError)
	} else {
		cc.dial.Text = cc.number.Value
		cc.kind.SetText(numberKindLabel(cc.number))
	}
	cc.reachedBtn = widget.NewButtonWithIcon(i18n.T("contactui.call.reached"), theme.ConfirmIcon(), func() { v.onCall(cc, true) })
	cc.reachedBtn.Importance = widget.SuccessImportance
	cc.missedBtn = widget.NewButtonWithIcon(i18n.T("contactui.call.not_reached"), theme.CancelIcon(), func() { v.onCall(cc, false) })
	cc.missedBtn.Importance = widget.WarningImportance
	if cur.Empty() {
		cc.reachedBtn.Disable()
		cc.missedBtn.Disable()
	}
	// At least 220 wide, so that the numbers of the cards line up.
	who := container.New(&labelColumn{width: 220}, container.NewVBox(nameRow, cc.kind))
	buttons := container.NewVBox(layout.NewSpacer(), container.NewHBox(cc.reachedBtn, cc.missedBtn), layout.NewSpacer())
	rows.Add(container.NewBorder(nil, nil, who, buttons, container.NewHBox(cc.dial)))

	// The other ways to reach them, and who comes next.
	var more []string
	if others := otherNumbers(cur); others != "" {
		more = append(more, i18n.T("contactui.call.other_numbers", map[string]any{"Numbers": others}))
	}
	if !cur.Deputy && !t.Deputy.Empty() {
		more = append(more, i18n.T("contactui.call.deputy_next", map[string]any{"Name": t.Deputy.Name, "Number": t.Deputy.First().Value}))
	}
	if len(more) > 0 {
		rows.Add(captionText(strings.Join(more, i18n.T("contactui.call.more_sep"))))
	}
	cc.status = newJPText("")
	cc.status.SizeName = theme.SizeNameCaptionText
	if last != nil {
		key := "contactui.call.last_not_reached"
		if last.Reached {
			key = "contactui.call.last_reached"
		} else if cur.Deputy && !last.Deputy {
			key = "contactui.call.last_to_deputy"
		}
		cc.status.SetText(i18n.T(key, map[string]any{"At": i18n.WesternDateTime(last.At.In(callLoc)),
			"Who": callWho("", last.Person, last.Deputy)}))
		cc.status.TextStyle.Bold = true
		if !last.Reached {
			cc.status.ColorName = theme.ColorNameError
		} else {
			cc.status.ColorName = theme.ColorNameSuccess
		}
		rows.Add(cc.status)
	}
	bg := colorNoteBg
	if reached {
		bg = colorReachedBg
	}
	cc.box = panel(bg, rows)
	return cc
}

// numberKindLabel says what a number is: TEL（夜間・休日）, and when it is of
// the other set, that it is a last resort.
func numberKindLabel(n data.ContactNumber) string {
	l := i18n.T("contactui.person." + n.Kind)
	if n.OffHours {
		l = i18n.T("contactui.call.off_hours", map[string]any{"Kind": l})
	}
	return l
}

// otherNumbers lists the ways to reach a person after the first.
func otherNumbers(r data.Reach) string {
	if len(r.Numbers) < 2 {
		return ""
	}
	var parts []string
	for _, n := range r.Numbers[1:] {
		parts = append(parts, i18n.T("contactui.person."+n.Kind)+" "+n.Value)
	}
	return strings.Join(parts, i18n.T("contactui.call.numbers_sep"))
}

// callDialog is the small form a tap on 連絡した or つながらない opens: whom,
// which number, when, and what was said.
type callDialog struct {
	at    *entry
	note  *entry
	draft *fieldDraft // the note typed and not yet recorded, kept in the file
	msg   fieldError
	ok    *widget.Button
	dlg   *dialog.CustomDialog
}

// onCall asks what was said and records the call.
func (v *callsView) onCall(cc *callCard, reached bool) {
	title := i18n.T("contactui.call.dialog_reached")
	if !reached {
		title = i18n.T("contactui.call.dialog_not_reached")
	}
	d := &callDialog{}
	d.at = newEntry()
	d.at.SetText(i18n.WesternDateTime(data.Now().In(callLoc)))
	d.note = newTextEntry(i18n.T("contactui.call.note_placeholder"), 3, nil)
	// A note typed and not recorded (the dialog cancelled, the window
	// closed) comes back when this number is called again.
	d.draft = newFieldDraft(v.env, v.c.ID, fmt.Sprintf("call/%d/%s", cc.t.Point.ID, cc.number.Value))
	restoreText(&d.note.Entry, d.draft.stored())
	d.note.OnChanged = d.draft.Changed
	d.msg = newFieldError()
	who := newJPText(i18n.T("contactui.call.dialog_who", map[string]any{
		"Who": callWho(cc.title, cc.person.Name, cc.person.Deputy), "Number": cc.number.Value}))
	who.TextStyle.Bold = true
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("contactui.call.dialog_at")), d.at,
		widget.NewLabel(i18n.T("contactui.call.dialog_note")), d.note)
	body := container.NewVBox(who, form, d.msg.jpText)
	cancel := widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), func() {
		d.draft.Close()
		d.dlg.Hide()
	})
	d.ok = widget.NewButtonWithIcon(i18n.T("contactui.call.record"), theme.ConfirmIcon(), func() { v.record(cc, reached, d) })
	d.ok.Importance = widget.HighImportance
	d.dlg = dialog.NewCustomWithoutButtons(title, body, v.env.Window)
	d.dlg.SetButtons([]fyne.CanvasObject{cancel, d.ok})
	d.dlg.Resize(fyne.NewSize(620, 300))
	_, fromButton := v.env.Window.Canvas().Focused().(*widget.Button)
	ShowDialog(v.env.Window, d.dlg, cancel)
	v.env.Window.Canvas().Focus(d.note)
	d.note.dropSpace = fromButton // Space pressed the button: not a character of the note
}

// record stores the call with its line on the timeline, then shows the entry
// moved on (to the deputy, when not reached).
func (v *callsView) record(cc *callCard, reached bool, d *callDialog) {
	at, err := i18n.ParseDateTime(d.at.Text, callLoc)
	if err != nil {
		d.msg.set(i18n.ErrorMessage(data.Invalid("at", "format")))
		return
	}
	note := strings.TrimSpace(d.note.Text)
	call := &data.Call{CaseID: v.c.ID, PointID: cc.t.Point.ID, Person: cc.person.Name, Number: cc.number.Value,
		Deputy: cc.person.Deputy, At: at, Reached: reached, Note: note, By: strings.TrimSpace(v.env.officer().Name)}
	if call.Person == "" {
		call.Person = cc.title
	}
	key := "contactui.call.timeline_not_reached"
	if reached {
		key = "contactui.call.timeline_reached"
	}
	text := i18n.JA(key, map[string]any{"Who": callWhoIn(i18n.JA, cc.title, cc.person.Name, cc.person.Deputy)})
	if note != "" {
		text += i18n.JA("contactui.call.timeline_note", map[string]any{"Note": note})
	}
	if err := v.env.Store.RecordCall(call, text); err != nil {
		d.msg.set(i18n.ErrorMessage(err))
		return
	}
	d.draft.Recorded()
	d.draft.Close()
	d.dlg.Hide()
	if err := v.Reload(); err != nil {
		ShowError(err, v.env.Window)
	}
	v.env.saved()
}
