package app

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/theme"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// The input method's composition and candidate window open at the caret of
// the focused entry, not in a corner of the window (issue #14). The patched
// GLFW (third_party/glfw) asks for the caret just before the input method
// needs it: on X11 before each key press goes to the input method, on
// Windows when a composition starts, on macOS when the input method asks.
// So the position is current however the caret got where it is (typing,
// clicking, Tab, a dialog focusing its first field, the window scrolled),
// and nothing runs while no key is pressed.

// withGLFW runs f on the main thread with the GLFW window of win, when win
// has one (not under the test driver).
func withGLFW(win fyne.Window, f func(*glfw.Window)) {
	nw, ok := win.(driver.NativeWindow)
	if !ok {
		return
	}
	nw.RunNative(func(ctx any) {
		var h uintptr
		switch c := ctx.(type) {
		case driver.X11WindowContext:
			h = c.WindowHandle
		case driver.WindowsWindowContext:
			h = c.HWND
		case driver.MacWindowContext:
			h = c.NSWindow
		case driver.WaylandWindowContext:
			h = c.WaylandSurface
		}
		if gw := glfw.WindowForNativeHandle(h); gw != nil {
			f(gw)
		}
	})
}

// caretEntry is a focused text field: widget.Entry and the types embedding it.
type caretEntry interface {
	fyne.CanvasObject
	CursorPosition() fyne.Position
}

// attachIME makes the input method of win follow the caret. It is called on
// the main thread once the window exists.
func attachIME(win fyne.Window) {
	withGLFW(win, func(gw *glfw.Window) {
		gw.SetPreeditCursorCallback(func(gw *glfw.Window) {
			pos, size, ok := caretInCanvas(win.Canvas())
			if !ok {
				return
			}
			s := win.Canvas().Scale()
			px := func(v float32) int { return int(math.Round(float64(v * s))) }
			gw.SetPreeditCursorRectangle(px(pos.X), px(pos.Y), max(1, px(size.Width)), px(size.Height))
		})
	})
}

// caretInCanvas is where the caret of the focused entry is in c, in Fyne
// units from the canvas's top-left corner, and its size. An entry scrolls its
// text when it is longer than the field; that offset is not public, so the
// caret is kept inside the field: at worst the candidate window opens at the
// field's edge, next to the text.
func caretInCanvas(c fyne.Canvas) (fyne.Position, fyne.Size, bool) {
	e, ok := c.Focused().(caretEntry)
	if !ok || !e.Visible() {
		return fyne.Position{}, fyne.Size{}, false
	}
	th := fyne.CurrentApp().Settings().Theme()
	if tw, ok := e.(interface{ Theme() fyne.Theme }); ok {
		th = tw.Theme()
	}
	textSize := th.Size(theme.SizeNameText)
	innerPad := th.Size(theme.SizeNameInnerPadding)
	border := th.Size(theme.SizeNameInputBorder)
	line := fyne.MeasureText("M", textSize, fyne.TextStyle{}).Height

	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	cur := e.CursorPosition()
	size := e.Size()
	x := min(max(cur.X, innerPad/2), size.Width-innerPad/2)
	y := min(max(cur.Y, 0), size.Height-line)
	return fyne.NewPos(abs.X+x, abs.Y+y), fyne.NewSize(border, line), true
}
