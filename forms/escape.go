package forms

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Escape closes the dialog on top of a window, as its キャンセル or 閉じる
// button would: Fyne's dialogs have no key of their own. A window hands a key
// to its canvas's handler only when no widget has the focus, so the text
// fields of the dialogs (entry) pass Escape on to it.

var (
	escapeMu sync.Mutex
	// escapes are the open dialogs of each window's canvas that Escape closes,
	// the one on top last.
	escapes = map[fyne.Canvas][]*func(){}
)

// ShowDialog shows d and lets Escape close it while it is on top: by tapping
// cancel when there is one (and only while it is shown and enabled, so a
// dialog at work stays), otherwise as d's own dismiss button does.
func ShowDialog(win fyne.Window, d dialog.Dialog, cancel *widget.Button) {
	c := win.Canvas()
	dismiss := func() {
		switch {
		case cancel == nil:
			d.Hide()
		case cancel.Visible() && !cancel.Disabled() && cancel.OnTapped != nil:
			cancel.OnTapped()
		}
	}
	escapeMu.Lock()
	escapes[c] = append(escapes[c], &dismiss)
	escapeMu.Unlock()
	c.SetOnTypedKey(func(k *fyne.KeyEvent) { onEscape(c, k) })
	// Ctrl+Enter when no text field has the focus (a button, a choice):
	// the dialog's primary button, as from a field (entry.TypedShortcut).
	for _, s := range ctrlEnterShortcuts {
		c.AddShortcut(s, func(fyne.Shortcut) { SubmitDialog(c) })
	}
	d.SetOnClosed(func() {
		escapeMu.Lock()
		defer escapeMu.Unlock()
		for i, f := range escapes[c] {
			if f == &dismiss {
				escapes[c] = append(escapes[c][:i], escapes[c][i+1:]...)
				break
			}
		}
		if len(escapes[c]) == 0 {
			delete(escapes, c)
		}
	})
	d.Show()
}

// EscapeFocused is Escape pressed while a dialog is on top of c and a widget
// of it has the focus: a window hands a key to the focused widget only, and
// Fyne's buttons, tick boxes, choices, lists and plain text fields ignore
// Escape, so after Tab had moved onto a button the dialog could not be
// closed from the keyboard. The window calls this before Fyne sees the key
// (app/keys.go); it closes the dialog as Escape from our text fields does,
// and reports whether it took the key. Nothing focused: the canvas's handler
// has it anyway. A menu on top (a choice's list open) keeps its own Escape.
func EscapeFocused(c fyne.Canvas) bool {
	if c == nil || c.Focused() == nil || !isDialog(c.Overlays().Top()) {
		return false
	}
	escapeMu.Lock()
	open := len(escapes[c]) > 0
	escapeMu.Unlock()
	if !open {
		return false
	}
	onEscape(c, &fyne.KeyEvent{Name: fyne.KeyEscape})
	return true
}

// isDialog reports whether o is a Fyne dialog as shown: a modal pop-up with
// a title, a body and a button row (see dialogButtons), not a menu.
func isDialog(o fyne.CanvasObject) bool {
	p, ok := o.(*widget.PopUp)
	if !ok {
		return false
	}
	box, ok := p.Content.(*fyne.Container)
	return ok && len(box.Objects) >= 4
}

// onEscape closes the dialog on top of c when k is Escape.
func onEscape(c fyne.Canvas, k *fyne.KeyEvent) {
	if k.Name != fyne.KeyEscape {
		return
	}
	escapeMu.Lock()
	var top *func()
	if s := escapes[c]; len(s) > 0 {
		top = s[len(s)-1]
	}
	escapeMu.Unlock()
	if top != nil {
		(*top)()
	}
}

// entry is the text field of every form: Fyne's entry, except that Escape goes
// on to its window, where it closes the dialog on top (see ShowDialog),
// Ctrl+Enter submits that dialog, and Tab and Shift+Tab move to the next and
// the previous field, also from a multi-line field (see keys.go).
type entry struct {
	widget.Entry
	tabs      tabKeys
	dropSpace bool // the next space is the one that pressed the button opening this field's dialog
}

// TypedRune types r, except the space of a Space that pressed the button
// which put the cursor here (the window hands it on as a character too).
func (e *entry) TypedRune(r rune) {
	drop := e.dropSpace && r == ' '
	e.dropSpace = false
	if !drop {
		e.Entry.TypedRune(r)
	}
}

func newEntry() *entry {
	e := &entry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

func newMultiLineEntry() *entry {
	e := newEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// newPasswordEntry hides what is typed, with an eye to show it (Fyne's own
// belongs to its password entry only).
func newPasswordEntry() *entry {
	e := newEntry()
	e.Password = true
	r := &revealButton{entry: e, icon: widget.NewIcon(theme.VisibilityOffIcon())}
	r.ExtendBaseWidget(r)
	e.ActionItem = r
	return e
}

// revealButton shows or hides the text of a password entry. Like Fyne's own it
// takes no keyboard focus, so Tab goes from one field to the next.
type revealButton struct {
	widget.BaseWidget
	entry *entry
	icon  *widget.Icon
}

func (r *revealButton) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewPadded(r.icon))
}

func (r *revealButton) Tapped(*fyne.PointEvent) {
	r.entry.Password = !r.entry.Password
	if r.entry.Password {
		r.icon.SetResource(theme.VisibilityOffIcon())
	} else {
		r.icon.SetResource(theme.VisibilityIcon())
	}
	r.entry.Refresh()
}

// AcceptsTab is false: Tab leaves the field, multi-line or not, and the
// window moves the focus (Shift+Tab backwards).
func (e *entry) AcceptsTab() bool { return false }

// KeyDown and KeyUp follow Shift for a Tab that reaches TypedKey.
func (e *entry) KeyDown(k *fyne.KeyEvent) {
	e.tabs.keyDown(k)
	e.Entry.KeyDown(k)
}

func (e *entry) KeyUp(k *fyne.KeyEvent) {
	e.tabs.keyUp(k)
	e.Entry.KeyUp(k)
}

// TypedShortcut submits the dialog on top on Ctrl+Enter; every other
// shortcut is the entry's.
func (e *entry) TypedShortcut(s fyne.Shortcut) {
	if isCtrlEnter(s) && SubmitDialog(canvasOf(e)) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey hands Escape to the window and moves the focus on Tab; every
// other key is the entry's.
func (e *entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name != fyne.KeySpace {
		e.dropSpace = false
	}
	if e.tabs.typedTab(e, k) {
		return
	}
	if passEscape(e, k) {
		return
	}
	e.Entry.TypedKey(k)
}

// TextEntry is the Fyne entry inside, for code (tests) that looks for one.
func (e *entry) TextEntry() *widget.Entry { return &e.Entry }
