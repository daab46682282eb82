package app

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"

	"github.com/osaki-city/kinkyu/forms"
)

// attachKeys lets Escape close the dialog on top while one of its buttons,
// tick boxes, choices or lists has the focus (issue #14 item 5): Fyne hands a
// key to the focused widget only, and those ignore Escape. The window's key
// callback is chained before Fyne's own: an Escape that forms.EscapeFocused
// takes does not reach Fyne; every other key goes on unchanged. It is called
// on the main thread once the window exists.
func attachKeys(win fyne.Window) {
	withGLFW(win, func(gw *glfw.Window) {
		var fyneKeys glfw.KeyCallback
		fyneKeys = gw.SetKeyCallback(func(w *glfw.Window, key glfw.Key, scancode int, action glfw.Action, mods glfw.ModifierKey) {
			const held = glfw.ModShift | glfw.ModControl | glfw.ModAlt | glfw.ModSuper
			if key == glfw.KeyEscape && action == glfw.Press && mods&held == 0 && forms.EscapeFocused(win.Canvas()) {
				return
			}
			if fyneKeys != nil {
				fyneKeys(w, key, scancode, action, mods)
			}
		})
	})
}
