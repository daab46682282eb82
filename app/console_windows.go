//go:build windows

package app

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachConsole lets a subcommand print to the console it was run from. The
// Windows build is a GUI program (double-clicking it opens no console
// window), so it has no console of its own: it borrows its parent's, when it
// was started from one.
func attachConsole() {
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return // started from Explorer, or output already redirected
	}
	if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = f, f
	}
}
