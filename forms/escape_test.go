package forms

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// pressEscape does what the window does with the key: the widget with the
// focus gets it, or else the canvas's handler.
func pressEscape(win fyne.Window) {
	k := &fyne.KeyEvent{Name: fyne.KeyEscape}
	c := win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(k)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(k)
	}
}

func TestEscapeClosesTheDialogOnTopAndSavesNothing(t *testing.T) {
	s := newScreen(t)
	ShowNewCase(s.env, func(data.Case) { t.Error("Escape must not create a case") })
	newCase := s.topDialog()
	require.NotNil(t, newCase)
	title, ok := s.win.Canvas().Focused().(*entry)
	require.True(t, ok, "the cursor is in the title")
	test.Type(title, "停電")

	ShowError(errors.New("boom"), s.win)
	require.NotSame(t, newCase, s.topDialog())
	pressEscape(s.win)
	assert.Same(t, newCase, s.topDialog(), "Escape closes the error on top, not what is under it")

	s.win.Canvas().Focus(title)
	pressEscape(s.win) // typed into the title field, as an officer would
	assert.Nil(t, s.topDialog(), "then the new-case dialog, even from inside a text field")
	assert.Equal(t, "停電", title.Text, "Escape types nothing")
	cases, err := s.env.Store.Cases(data.CaseFilter{})
	require.NoError(t, err)
	assert.Empty(t, cases)

	pressEscape(s.win) // nothing open: nothing happens
	assert.Nil(t, s.topDialog())
}

func TestEscapeAnswersAsTheCancelButton(t *testing.T) {
	s := newScreen(t)

	// A question: Escape is its dismiss answer.
	ran := false
	confirm(s.win, "記録の取消し", "取り消しますか", "取り消す", "キャンセル", func() { ran = true })
	require.NotNil(t, s.topDialog())
	pressEscape(s.win)
	assert.Nil(t, s.topDialog())
	assert.False(t, ran, "dismissed, not confirmed")

	// A dialog at work disables its cancel: Escape leaves it open until the
	// cancel works again, then does what the button does.
	cancelled := false
	var d *dialog.CustomDialog
	cancel := widget.NewButton("キャンセル", func() { cancelled = true; d.Hide() })
	cancel.Disable()
	d = dialog.NewCustomWithoutButtons("報告書を作成", widget.NewLabel("作成中…"), s.win)
	d.SetButtons([]fyne.CanvasObject{cancel})
	ShowDialog(s.win, d, cancel)
	pressEscape(s.win)
	assert.NotNil(t, s.topDialog(), "still at work")
	assert.False(t, cancelled)
	cancel.Enable()
	pressEscape(s.win)
	assert.True(t, cancelled, "the cancel button's own action ran")
	assert.Nil(t, s.topDialog())
}

func TestPasswordEntryShowsWhatIsTypedOnRequest(t *testing.T) {
	test.NewTempApp(t)
	e := newPasswordEntry()
	w := test.NewWindow(e)
	defer w.Close()
	test.Type(e, "pass")
	require.True(t, e.Password)
	reveal, ok := e.ActionItem.(*revealButton)
	require.True(t, ok)
	_, focusable := e.ActionItem.(fyne.Focusable)
	assert.False(t, focusable, "Tab goes from field to field, not to the eye")
	test.Tap(reveal)
	assert.False(t, e.Password)
	test.Tap(reveal)
	assert.True(t, e.Password)
	assert.Equal(t, "pass", e.Text)
}

// After Tab moved onto a button (or a tick box, a choice) of a dialog, Escape
// still closes it: the window hands Escape to EscapeFocused first
// (app/keys.go), as Fyne's widgets ignore it.
func TestEscapeFromAFocusedButtonOfAnyDialog(t *testing.T) {
	s := newScreen(t)
	c := s.win.Canvas()
	assert.False(t, EscapeFocused(c), "no dialog: the key is the window's")

	answered := ""
	confirm(s.win, "記録の取消し", "取り消しますか", "取り消す", "キャンセル", func() { answered = "yes" })
	buttons := dialogButtons(s.topDialog())
	require.NotEmpty(t, buttons)
	c.Focus(buttons[len(buttons)-1]) // 取り消す, reached with Tab
	pressEscape(s.win)
	require.NotNil(t, s.topDialog(), "Fyne's button swallows Escape: what the window's hook is for")
	assert.True(t, EscapeFocused(c))
	assert.Nil(t, s.topDialog(), "Escape with the focus on a button closes the dialog")
	assert.Empty(t, answered, "and answers nothing")

	ShowNewCase(s.env, func(data.Case) { t.Error("Escape must not create a case") })
	drill := findOne(t, s.topDialog(), "drill tick", func(w *widget.Check) bool { return true })
	c.Focus(drill)
	assert.True(t, EscapeFocused(c))
	assert.Nil(t, s.topDialog())

	// A choice's list open over a dialog keeps Escape for itself.
	sel := widget.NewSelect([]string{"電話", "FAX"}, nil)
	d := dialog.NewCustom("連絡", "閉じる", sel, s.win)
	ShowDialog(s.win, d, nil)
	test.Tap(sel)
	require.False(t, isDialog(s.topDialog()), "the choice's list is on top")
	assert.False(t, EscapeFocused(c))
	s.topDialog().Hide()
	c.Focus(sel)
	assert.True(t, EscapeFocused(c))
	assert.Nil(t, s.topDialog())
}
