package forms

import (
	"image"
	"image/png"
	"os"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// press does with a key what Fyne's desktop window does (processKeyPressed
// and triggersShortcut of internal/driver/glfw/window.go, v2.7.1), on the
// headless test window: Tab and Shift+Tab move the focus unless the focused
// widget accepts Tab; Ctrl+… is a shortcut for the focused widget, or else
// for the canvas; any other key goes to the focused widget, or else to the
// canvas's handler, and Space is then also typed as a character. (The main menu, which takes its shortcuts first, is the
// app's: CaseDetail.AddTimelineEntry is what it calls for Ctrl+Enter.)
func press(win fyne.Window, name fyne.KeyName, mod fyne.KeyModifier) {
	c := win.Canvas()
	k := &fyne.KeyEvent{Name: name}
	if name == fyne.KeyTab && mod&^fyne.KeyModifierShift == 0 {
		if t, ok := c.Focused().(fyne.Tabbable); !ok || !t.AcceptsTab() {
			if mod == 0 {
				c.FocusNext()
			} else {
				c.FocusPrevious()
			}
			return
		}
	}
	if mod != 0 && mod != fyne.KeyModifierShift {
		s := &desktop.CustomShortcut{KeyName: name, Modifier: mod}
		if f, ok := c.Focused().(fyne.Shortcutable); ok {
			f.TypedShortcut(s)
			return
		}
		if h, ok := c.(fyne.Shortcutable); ok {
			h.TypedShortcut(s)
		}
		return
	}
	if f := c.Focused(); f != nil {
		f.TypedKey(k)
	} else if h := c.OnTypedKey(); h != nil {
		h(k)
	}
	if name == fyne.KeySpace && mod&^fyne.KeyModifierShift == 0 {
		// The space is also a character, delivered after the key (GLFW's
		// char callback): a radio choice takes it there.
		if f := c.Focused(); f != nil {
			f.TypedRune(' ')
		}
	}
}

const ctrl = fyne.KeyModifierControl

func TestTabLeavesEveryKindOfTextField(t *testing.T) {
	s := newScreen(t)
	for name, field := range map[string]interface {
		fyne.Widget
		fyne.Focusable
		fyne.Tabbable
	}{
		"entry":           newEntry(),
		"multi-line":      newMultiLineEntry(),
		"form text":       newTextEntry("", 3, nil),
		"minutes":         newMinutesEntry(true, nil),
		"timeline line":   newQuickEntry(),
		"password":        newPasswordEntry(),
		"minutes (1 row)": newMinutesEntry(false, nil),
	} {
		t.Run(name, func(t *testing.T) {
			before, after := newEntry(), widget.NewButton("次", nil)
			s.win.SetContent(container.NewVBox(before, field, after))
			c := s.win.Canvas()
			c.Focus(field)
			test.Type(field, "停電\n復旧")
			assert.False(t, field.AcceptsTab(), "Tab is not a character of the field")

			press(s.win, fyne.KeyTab, 0)
			assert.Equal(t, fyne.Focusable(after), c.Focused(), "Tab goes to the next")
			c.Focus(field)
			press(s.win, fyne.KeyTab, fyne.KeyModifierShift)
			assert.Equal(t, fyne.Focusable(before), c.Focused(), "Shift+Tab to the one before")

			// A Tab handed to the field itself (another driver) moves on too.
			c.Focus(field)
			field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
			assert.Equal(t, fyne.Focusable(after), c.Focused())
			c.Focus(field)
			if k, ok := field.(desktop.Keyable); ok {
				k.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
				field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
				k.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
				assert.Equal(t, fyne.Focusable(before), c.Focused())
			}
			assert.NotContains(t, textOf(field), "\t", "no Tab character is ever typed")
		})
	}
}

func textOf(o any) string {
	switch e := o.(type) {
	case *entry:
		return e.Text
	case *quickEntry:
		return e.Text
	case *minutesEntry:
		return e.Text
	}
	return ""
}

func TestCtrlEnterSubmitsTheDialogOnTop(t *testing.T) {
	s := newScreen(t)
	created := 0
	ShowNewCase(s.env, func(data.Case) { created++ })
	dlg := s.topDialog()
	require.NotNil(t, dlg)
	title := findOne(t, dlg, "title", placeholder(i18n.T("case.new.title_placeholder")))
	findOne(t, dlg, "class choice", func(r *widget.RadioGroup) bool { return len(r.Options) == len(data.Classes) }).
		SetSelected(ClassLabel(data.ClassFailure))
	assert.Equal(t, fyne.Focusable(title), s.win.Canvas().Focused(), "the cursor starts in the title")
	test.Type(title, "停電")
	press(s.win, fyne.KeyReturn, ctrl)
	assert.Equal(t, 1, created, "Ctrl+Enter creates the case, as 作成 does")
	assert.Nil(t, s.topDialog())

	// From a button of the dialog (no text field focused): the canvas's
	// shortcut does the same.
	answer := ""
	confirm(s.win, "記録の取消し", "取り消しますか", "取り消す", "キャンセル", func() { answer = "yes" })
	require.NotNil(t, s.topDialog())
	s.win.Canvas().Unfocus()
	press(s.win, fyne.KeyReturn, ctrl)
	assert.Equal(t, "yes", answer)
	assert.Nil(t, s.topDialog())

	// A message: Ctrl+Enter is its OK.
	ShowError(assert.AnError, s.win)
	require.NotNil(t, s.topDialog())
	press(s.win, fyne.KeyEnter, ctrl)
	assert.Nil(t, s.topDialog())

	// A form whose input is not valid yet is not submitted.
	submitted := false
	e := widget.NewEntry()
	e.Validator = func(s string) error {
		if s == "" {
			return assert.AnError
		}
		return nil
	}
	f := dialog.NewForm("名前", "保存", "キャンセル", []*widget.FormItem{widget.NewFormItem("氏名", e)},
		func(ok bool) { submitted = ok }, s.win)
	ShowDialog(s.win, f, nil)
	e.SetText("x")
	e.SetText("") // now invalid: the form disables 保存
	require.NotNil(t, s.topDialog())
	require.Nil(t, primaryButton(s.topDialog()), "保存 is disabled")
	press(s.win, fyne.KeyReturn, ctrl)
	assert.False(t, submitted, "the confirm button is disabled: nothing happens")
	assert.NotNil(t, s.topDialog())
	pressEscape(s.win)
	assert.Nil(t, s.topDialog())

	press(s.win, fyne.KeyReturn, ctrl) // nothing open: nothing happens
}

func TestDialogButtonRowIsFound(t *testing.T) {
	// SubmitDialog relies on how Fyne builds a dialog: this fails if an
	// update of Fyne changes it.
	s := newScreen(t)
	ok := widget.NewButton("記録", nil)
	ok.Importance = widget.HighImportance
	ok.OnTapped = func() {}
	d := dialog.NewCustomWithoutButtons("連絡した", widget.NewLabel("本文"), s.win)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton("キャンセル", nil), ok})
	d.Show()
	assert.Same(t, ok, primaryButton(s.topDialog()))
	d.Hide()
	dialog.ShowConfirm("確認", "よろしいですか", func(bool) {}, s.win)
	b := primaryButton(s.topDialog())
	require.NotNil(t, b)
	assert.Equal(t, widget.HighImportance, b.Importance)
	assert.Len(t, dialogButtons(s.topDialog()), 2)
}

func TestTimelineLineTabOrder(t *testing.T) {
	s, _, v := openTimeline(t)
	c := s.win.Canvas()
	add := button(t, v.Content(), i18n.T("timeline.add"))
	now := button(t, v.Content(), i18n.T("timeline.now"))
	c.Focus(v.at)
	test.Type(v.at, "") // the time is edited
	press(s.win, fyne.KeyTab, 0)
	assert.Equal(t, fyne.Focusable(v.text), c.Focused(), "time → text")
	press(s.win, fyne.KeyTab, 0)
	assert.Equal(t, fyne.Focusable(add), c.Focused(), "text → 記録")
	press(s.win, fyne.KeyTab, 0)
	assert.Equal(t, fyne.Focusable(now), c.Focused(), "記録 → 現在")
	press(s.win, fyne.KeyTab, fyne.KeyModifierShift)
	press(s.win, fyne.KeyTab, fyne.KeyModifierShift)
	assert.Equal(t, fyne.Focusable(v.text), c.Focused(), "and back")

	// Every stop of the screen shows the focus: nothing invisible (the empty
	// list was one) and the typed text always lands in the field focused.
	c.Focus(v.at)
	seen := map[fyne.Focusable]bool{}
	for i := 0; i < 20 && !seen[c.Focused()]; i++ {
		f := c.Focused()
		seen[f] = true
		assertFocusShows(t, s.win, f)
		press(s.win, fyne.KeyTab, 0)
	}
	assert.True(t, seen[fyne.Focusable(v.text)] && seen[fyne.Focusable(add)])

	// The keyboard alone records an entry: text, Tab to 記録, Space.
	c.Focus(v.text)
	test.Type(v.text, "キーボードだけで記録")
	press(s.win, fyne.KeyTab, 0)
	press(s.win, fyne.KeySpace, 0)
	require.Len(t, v.entries, 1)
	assert.Equal(t, "キーボードだけで記録", v.entries[0].Text)
	assert.Equal(t, fyne.Focusable(v.text), c.Focused(), "ready for the next line")
	assert.Empty(t, v.text.Text, "the Space that pressed 記録 does not begin the next line")
	test.Type(v.text, " 次")
	assert.Equal(t, " 次", v.text.Text, "a space typed after that is typed")
}

// assertFocusShows checks that the window looks different with f focused
// than without: the focus is visible.
func assertFocusShows(t *testing.T, win fyne.Window, f fyne.Focusable) {
	t.Helper()
	c := win.Canvas()
	c.Focus(f)
	with := c.Capture()
	c.Unfocus()
	without := c.Capture()
	c.Focus(f)
	if !assert.False(t, sameImage(with, without), "the focus on %T shows", f) {
		writePNG(t, "/tmp/kb-focus-with.png", with)
		writePNG(t, "/tmp/kb-focus-without.png", without)
	}
}

func writePNG(t *testing.T, path string, img image.Image) {
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	require.NoError(t, png.Encode(f, img))
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

func TestCallDialogFromTheKeyboard(t *testing.T) {
	s := newScreen(t)
	s.addNetwork(t)
	c := s.addCase(t, "住基サーバ停止", data.ClassFailure, data.StatusOpen, false, testNow)
	v := openCalls(t, s, c)
	card := v.cards[0]

	// つながらない: Tab to the button, Space opens the dialog with the cursor
	// in the note, Ctrl+Enter records.
	s.win.Canvas().Focus(card.missedBtn)
	assertFocusShows(t, s.win, card.missedBtn)
	press(s.win, fyne.KeySpace, 0)
	dlg := s.topDialog()
	require.NotNil(t, dlg)
	note, ok := s.win.Canvas().Focused().(*entry)
	require.True(t, ok, "the cursor is in the note")
	assert.Empty(t, note.Text, "the Space that pressed the button is not typed into the note")
	test.Type(note, "留守番電話")
	press(s.win, fyne.KeyTab, fyne.KeyModifierShift)
	assert.NotEqual(t, fyne.Focusable(note), s.win.Canvas().Focused(), "Shift+Tab leaves the note")
	press(s.win, fyne.KeyReturn, ctrl)
	assert.Nil(t, s.topDialog(), "recorded and closed")

	calls, err := s.reopen(t).Calls(c.ID)
	require.NoError(t, err)
	require.Len(t, calls, 1)
	assert.False(t, calls[0].Reached)
	assert.Equal(t, "留守番電話", calls[0].Note)

	// 連絡した, from the focused button with Space, then Ctrl+Enter from the
	// time field; Escape cancels a second one.
	card = v.cards[0]
	s.win.Canvas().Focus(card.reachedBtn)
	press(s.win, fyne.KeySpace, 0)
	require.NotNil(t, s.topDialog())
	press(s.win, fyne.KeyTab, fyne.KeyModifierShift) // note → time
	press(s.win, fyne.KeyReturn, ctrl)
	assert.Nil(t, s.topDialog())
	calls, err = s.reopen(t).Calls(c.ID)
	require.NoError(t, err)
	require.Len(t, calls, 2)
	assert.True(t, calls[1].Reached)
}

func TestTimelineAddAppendsARowWithoutRebuilding(t *testing.T) {
	s, c, v := openTimeline(t)
	_ = s.win.Canvas().Capture()
	test.Type(v.text, "一件目")
	pressEnter(v)
	list := v.list
	for _, text := range []string{"二件目", "三件目"} {
		test.Type(v.text, text)
		pressEnter(v)
	}
	assert.Same(t, list, v.list, "the list shown takes the new rows: nothing is built anew")
	require.Len(t, v.models, 3)
	assert.Equal(t, v.models[2].id, v.selected, "the newest is selected")
	assert.Equal(t, "全3件", v.count.Text)
	require.NoError(t, v.Reload())
	assert.Same(t, list, v.list, "read again unchanged: still the same list")

	// An entry recorded elsewhere is appended too; a correction, which
	// changes the row it corrects, builds the list anew.
	require.NoError(t, s.env.Store.AddEntry(&data.Entry{CaseID: c.ID, At: testNow, Text: "手順の記録"}))
	require.NoError(t, v.Reload())
	assert.Same(t, list, v.list)
	require.Len(t, v.models, 4)
	require.NoError(t, s.env.Store.AddEntry(&data.Entry{CaseID: c.ID, At: testNow, Text: "一件目（訂正）", Corrects: v.models[0].id}))
	require.NoError(t, v.Reload())
	assert.NotSame(t, list, v.list)
	require.Len(t, v.models, 5)
	assert.True(t, v.models[0].dim, "the corrected row is struck through")
}

// The case screen as a 1366×768 laptop shows it (the window maximised above
// a task bar, 1366×728): the right of the split, under the menu and above
// the status bar.
var laptopDetail = fyne.NewSize(860, 655)

func TestMeetingFitsA1366x768Laptop(t *testing.T) {
	s := newScreen(t)
	c := misconductL3(t, s, false)
	d := openMeetingTab(t, s, c)
	s.win.Resize(laptopDetail)
	prev := newMeeting(t, d)
	// The first meeting: its header is typed first.
	test.Type(prev.place, "本庁舎3階 第1会議室")
	test.Type(prev.chair, "佐々木 副市長")
	test.Tap(prev.addAttendee)
	test.Type(prev.attRows[0].name, "佐々木 副市長")
	require.NoError(t, prev.Flush())
	test.Tap(button(t, d.meeting.Content(), i18n.T("meetingui.back")))
	p := newMeeting(t, d) // the second takes the header over: ready to open

	check := func(when string) {
		t.Helper()
		_ = s.win.Canvas().Capture()
		scroll := findOne(t, d.Content(), "item form", func(sc *container.Scroll) bool { return sc.Content == p.editorBox })
		assert.GreaterOrEqual(t, scroll.Size().Height, p.editorBox.MinSize().Height,
			"%s: the whole item form is in view (%v for %v)", when, scroll.Size().Height, p.editorBox.MinSize().Height)
		rowH := newAgendaRow().MinSize().Height
		assert.GreaterOrEqual(t, p.list.Size().Height, 5*rowH, "%s: the agenda shows at least 5 items", when)
		assert.LessOrEqual(t, s.win.Content().MinSize().Height, laptopDetail.Height, "%s: nothing pushes the window taller", when)
	}
	check("before 開会")
	test.Tap(p.openBtn)
	check("after 開会")

	// Typing the 期限 moves nothing under the pointer: its 和暦 has its place.
	pos := func(o fyne.CanvasObject) fyne.Position {
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	}
	_ = s.win.Canvas().Capture()
	status, owner := pos(p.status), pos(p.owner)
	test.Type(p.due, "2026/11/27 15:00")
	_ = s.win.Canvas().Capture()
	assert.NotEmpty(t, p.dueWareki.Text)
	assert.Equal(t, status, pos(p.status), "状況 stays where it was")
	assert.Equal(t, owner, pos(p.owner))
}
