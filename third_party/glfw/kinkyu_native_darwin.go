package glfw

// kinkyu patch: see kinkyu_ime.go.
func (w *Window) nativeHandle() uintptr { return uintptr(w.GetCocoaWindow()) }
