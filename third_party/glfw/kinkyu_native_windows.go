package glfw

import "unsafe"

// kinkyu patch: see kinkyu_ime.go.
func (w *Window) nativeHandle() uintptr { return uintptr(unsafe.Pointer(w.GetWin32Window())) }
