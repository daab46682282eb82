//go:build (linux && wayland) || (freebsd && wayland) || (netbsd && wayland) || (openbsd && wayland)

package glfw

import "unsafe"

// kinkyu patch: see kinkyu_ime.go.
func (w *Window) nativeHandle() uintptr { return uintptr(unsafe.Pointer(w.GetWaylandWindow())) }
