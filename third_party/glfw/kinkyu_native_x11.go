//go:build (linux && !wayland) || (freebsd && !wayland) || (netbsd && !wayland) || (openbsd && !wayland)

package glfw

// kinkyu patch: see kinkyu_ime.go.
func (w *Window) nativeHandle() uintptr { return uintptr(w.GetX11Window()) }
