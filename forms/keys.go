package forms

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// The keyboard of every screen and dialog (issue #14): Tab and Shift+Tab move
// the focus out of every text field, multi-line ones included (a Tab
// character is never typed: the officer would be trapped in the field and
// the text would show garbled); Ctrl+Enter submits the dialog on top, as its
// primary button would; Escape closes it (escape.go).

// isCtrlEnter reports whether s is Ctrl+Enter (Return or the keypad's Enter),
// without Shift or Alt.
func isCtrlEnter(s fyne.Shortcut) bool {
	sc, ok := s.(*desktop.CustomShortcut)
	if !ok || (sc.KeyName != fyne.KeyReturn && sc.KeyName != fyne.KeyEnter) {
		return false
	}
	return sc.Modifier == fyne.KeyModifierControl || sc.Modifier == fyne.KeyModifierShortcutDefault
}

// ctrlEnterShortcuts are the shortcuts a canvas registers for Ctrl+Enter
// while a dialog is open on it, for when no text field has the focus.
var ctrlEnterShortcuts = []fyne.Shortcut{
	&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault},
	&desktop.CustomShortcut{KeyName: fyne.KeyEnter, Modifier: fyne.KeyModifierShortcutDefault},
}

// SubmitDialog is Ctrl+Enter in a dialog: it taps the primary button of the
// dialog on top of c (作成, 記録, OK…), as the mouse would, and reports whether
// there was one to tap. A disabled or hidden button is not tapped, so a dialog
// at work or one whose input is not valid yet stays as it is.
func SubmitDialog(c fyne.Canvas) bool {
	if c == nil {
		return false
	}
	top := c.Overlays().Top()
	if submit := dialogSubmit(top); submit != nil {
		submit()
		return true
	}
	b := primaryButton(top)
	if b == nil {
		return false
	}
	b.OnTapped()
	return true
}

// dialogButton is a button of our dialogs' button rows (and of their
// bodies) that also takes the keys of a dialog while it has the focus, as
// Fyne's button does not: Escape closes the dialog (ShowDialog), Return
// presses it as Space does. A primary button may carry what Ctrl+Enter does
// in its dialog when that is more than pressing it (the file dialogs: the
// path typed, when one was).
type dialogButton struct {
	widget.Button
	submit func() // Ctrl+Enter in its dialog, instead of tapping it; nil: tap it
}

func newDialogButton(label string, icon fyne.Resource, tapped func()) *dialogButton {
	b := &dialogButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey: Escape closes the dialog, Return and Enter press the button.
func (b *dialogButton) TypedKey(k *fyne.KeyEvent) {
	switch {
	case passEscape(b, k):
	case k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter:
		b.Button.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	default:
		b.Button.TypedKey(k)
	}
}

// dialogCheck is a tick box in a dialog that lets Escape close the dialog
// while it has the focus.
type dialogCheck struct{ widget.Check }

func newDialogCheck(label string, changed func(bool)) *dialogCheck {
	c := &dialogCheck{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *dialogCheck) TypedKey(k *fyne.KeyEvent) {
	if !passEscape(c, k) {
		c.Check.TypedKey(k)
	}
}

// passEscape hands Escape from the focused widget o to its window, where it
// closes the dialog on top (ShowDialog), and reports whether it did: a
// window gives a key to the widget with the focus only.
func passEscape(o fyne.CanvasObject, k *fyne.KeyEvent) bool {
	if k.Name != fyne.KeyEscape {
		return false
	}
	if c := canvasOf(o); c != nil && c.OnTypedKey() != nil {
		c.OnTypedKey()(k)
		return true
	}
	return false
}

// buttonRow walks the button row of a Fyne dialog shown as o (see
// dialogButtons) and calls f with each object in it.
func buttonRow(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	p, ok := o.(*widget.PopUp)
	if !ok {
		return
	}
	box, ok := p.Content.(*fyne.Container)
	if !ok || len(box.Objects) < 4 {
		return
	}
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok {
			for _, o := range c.Objects {
				walk(o)
			}
			return
		}
		f(o)
	}
	walk(box.Objects[3])
}

// dialogSubmit is what Ctrl+Enter does in the dialog o when its primary
// button says (dialogButton.submit), or nil.
func dialogSubmit(o fyne.CanvasObject) func() {
	var submit func()
	buttonRow(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*dialogButton); ok && b.submit != nil && b.Visible() {
			submit = b.submit
		}
	})
	return submit
}

// dialogButtons are the buttons of the button row of a Fyne dialog shown as
// o: a modal pop-up whose content's fourth object is the row (dialog.create
// and setButtons in Fyne v2.7; TestDialogButtonRowIsFound holds it). nil for
// anything else, such as a menu.
func dialogButtons(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	buttonRow(o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Button:
			out = append(out, w)
		case *dialogButton:
			out = append(out, &w.Button)
		}
	})
	return out
}

// primaryButton is the button Ctrl+Enter taps in the dialog o: the last
// button of its row that stands out (the confirm button of Fyne's dialogs,
// the HighImportance button of ours) when it is shown and enabled, or the
// only button of a message's row (OK); nil when there is none to tap.
func primaryButton(o fyne.CanvasObject) *widget.Button {
	all := dialogButtons(o)
	usable := func(b *widget.Button) bool { return b.Visible() && !b.Disabled() && b.OnTapped != nil }
	for i := len(all) - 1; i >= 0; i-- {
		switch all[i].Importance {
		case widget.HighImportance, widget.DangerImportance, widget.SuccessImportance, widget.WarningImportance:
			if !all[i].Visible() {
				continue
			}
			if usable(all[i]) {
				return all[i]
			}
			return nil // the dialog's answer is not possible yet: never its キャンセル instead
		}
	}
	if len(all) == 1 && usable(all[0]) {
		return all[0]
	}
	return nil
}

// tabKeys is the part of a text field that moves the focus on Tab: it
// remembers whether Shift is down (the key event does not say) so that a Tab
// that still reaches the field moves backwards with Shift.
type tabKeys struct{ shift bool }

// keyDown and keyUp follow Shift.
func (t *tabKeys) keyDown(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		t.shift = true
	}
}

func (t *tabKeys) keyUp(k *fyne.KeyEvent) {
	if k.Name == desktop.KeyShiftLeft || k.Name == desktop.KeyShiftRight {
		t.shift = false
	}
}

// typedTab moves the focus from the field o when k is Tab and reports
// whether it did. The window's driver moves the focus itself for fields that
// do not accept Tab (ours never do); this catches a Tab handed to the field
// anyway, so that it never becomes a character.
func (t *tabKeys) typedTab(o fyne.CanvasObject, k *fyne.KeyEvent) bool {
	if k.Name != fyne.KeyTab {
		return false
	}
	shift := t.shift
	if a := fyne.CurrentApp(); a != nil {
		if d, ok := a.Driver().(desktop.Driver); ok && d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0 {
			shift = true
		}
	}
	if c := canvasOf(o); c != nil {
		if shift {
			c.FocusPrevious()
		} else {
			c.FocusNext()
		}
	}
	return true
}

// canvasOf is the canvas o is shown on, or nil.
func canvasOf(o fyne.CanvasObject) fyne.Canvas {
	if a := fyne.CurrentApp(); a != nil {
		return a.Driver().CanvasForObject(o)
	}
	return nil
}

// firstField is the first text field or control shown in o that takes the
// keyboard (a hidden or disabled one is skipped), or nil: where the cursor
// goes when a tab is chosen from the keyboard. It walks containers and
// scrolls, where the forms keep their fields.
func firstField(o fyne.CanvasObject) fyne.Focusable {
	if o == nil || !o.Visible() {
		return nil
	}
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			if f := firstField(c); f != nil {
				return f
			}
		}
		return nil
	case *container.Scroll:
		return firstField(w.Content)
	case fyne.Disableable:
		if w.Disabled() {
			return nil
		}
	}
	switch o.(type) {
	case *entry, *quickEntry, *minutesEntry, *widget.Entry, *widget.SelectEntry, *widget.Check, *widget.Select, *widget.Button:
		if f, ok := o.(fyne.Focusable); ok {
			return f
		}
	}
	return nil
}
