//go:build windows

package app

import (
	"io"
	"os"

	"golang.org/x/sys/windows"
)

// attachConsole gives a subcommand somewhere to print. The GUI build
// (kinkyu-windows-amd64.exe, linked with -H=windowsgui) has no console of its
// own, so that double-clicking it opens none; run from cmd or PowerShell it
// borrows its parent's console, but only for a stream that is not already
// going somewhere: `kinkyu.exe cases --file F > 一覧.txt` must write the file,
// not the screen. kinkyu-cli.exe (console subsystem) always has its streams
// and never needs this.
func attachConsole() {
	outRedirected, errRedirected := redirected(windows.STD_OUTPUT_HANDLE), redirected(windows.STD_ERROR_HANDLE)
	if outRedirected && errRedirected {
		return
	}
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return // started from Explorer, or a console program (kinkyu-cli.exe) that has its own
	}
	if !outRedirected {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stdout = f
		}
	}
	if !errRedirected {
		if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			os.Stderr = f
		}
	}
}

// redirected reports whether the standard stream goes to a file, a pipe or
// NUL that the parent handed over (cmd's > and |, PowerShell's pipes), as
// opposed to nowhere or a console handle, which a GUI program cannot be sure
// to write through until it has attached to that console.
func redirected(std uint32) bool {
	h, err := windows.GetStdHandle(std)
	if err != nil || h == 0 || h == windows.InvalidHandle {
		return false
	}
	if t, err := windows.GetFileType(h); err != nil || t == windows.FILE_TYPE_UNKNOWN {
		return false
	}
	var mode uint32
	return windows.GetConsoleMode(h, &mode) != nil
}

// isConsole reports whether w is a console window. Go writes to one with
// WriteConsoleW, in Unicode, whatever the console's code page; anything else
// (a file, a pipe) gets the bytes as they are: UTF-8, or CP932 with
// --encoding cp932.
func isConsole(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	var mode uint32
	return windows.GetConsoleMode(windows.Handle(f.Fd()), &mode) == nil
}
