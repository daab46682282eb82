package glfw

// kinkyu patch: the caret for the input method's composition and candidate
// window (see PATCHES.md). Not part of go-gl/glfw.

//#define GLFW_INCLUDE_NONE
//#include "glfw/include/GLFW/glfw3.h"
//void glfwSetPreeditCursorCallbackCB(GLFWwindow *window);
import "C"

import (
	"sync"
	"unsafe"
)

// PreeditCursorCallback is called when the input method is about to need the
// caret: on X11 before each key press is given to it, on Windows when a
// composition starts, on macOS when it asks where the text is. It should
// call SetPreeditCursorRectangle. It runs on the main thread, inside
// PollEvents or WaitEvents.
type PreeditCursorCallback func(w *Window)

var preeditCallbacks sync.Map // *C.GLFWwindow → PreeditCursorCallback

//export goPreeditCursorCB
func goPreeditCursorCB(window unsafe.Pointer) {
	if cb, ok := preeditCallbacks.Load((*C.GLFWwindow)(window)); ok {
		if w := windows.get((*C.GLFWwindow)(window)); w != nil {
			cb.(PreeditCursorCallback)(w)
		}
	}
}

// SetPreeditCursorCallback sets the callback that gives the input method the
// caret, and returns the previous one. Call it on the main thread.
func (w *Window) SetPreeditCursorCallback(cbfun PreeditCursorCallback) (previous PreeditCursorCallback) {
	if p, ok := preeditCallbacks.Load(w.data); ok {
		previous = p.(PreeditCursorCallback)
	}
	if cbfun == nil {
		preeditCallbacks.Delete(w.data)
		C.glfwSetPreeditCursorCallback(w.data, nil)
	} else {
		preeditCallbacks.Store(w.data, cbfun)
		C.glfwSetPreeditCursorCallbackCB(w.data)
	}
	panicError()
	return previous
}

// SetPreeditCursorRectangle tells the input method where the caret is: x, y
// is its top-left corner in the window's content area and width, height its
// size, in screen coordinates (the units of GetCursorPos: pixels on X11 and
// Windows, points on macOS). On X11 the composition and the candidate window
// then open at (x, y+height) when the input method takes over-the-spot
// input; on Windows the composition starts at (x, y) and the candidates keep
// out of the rectangle. Call it on the main thread.
func (w *Window) SetPreeditCursorRectangle(x, y, width, height int) {
	C.glfwSetPreeditCursorRectangle(w.data, C.int(x), C.int(y), C.int(width), C.int(height))
	panicError()
}

// GetPreeditCursorRectangle returns what SetPreeditCursorRectangle set last.
func (w *Window) GetPreeditCursorRectangle() (x, y, width, height int) {
	var cx, cy, cw, ch C.int
	C.glfwGetPreeditCursorRectangle(w.data, &cx, &cy, &cw, &ch)
	panicError()
	return int(cx), int(cy), int(cw), int(ch)
}

// WindowForNativeHandle returns the open window whose native handle is h (an
// X11 Window, a Win32 HWND, an NSWindow pointer, a wl_surface pointer: what
// Fyne's driver.NativeWindow.RunNative gives), or nil.
func WindowForNativeHandle(h uintptr) *Window {
	if h == 0 {
		return nil
	}
	windows.l.Lock()
	list := make([]*Window, 0, len(windows.m))
	for _, w := range windows.m {
		list = append(list, w)
	}
	windows.l.Unlock()
	for _, w := range list {
		if w.nativeHandle() == h {
			return w
		}
	}
	return nil
}
