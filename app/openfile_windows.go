//go:build windows

package app

import (
	"fmt"
	"runtime"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/osaki-city/kinkyu/data"
)

// openFile shows or prints a file with the program Windows associates with
// it. ShellExecuteEx is called directly so that a failure (no PDF viewer) is
// reported, which Fyne's OpenURL would swallow. When the PDF app has no
// "print" verb (Microsoft Edge as the default PDF app has none), the PDF is
// opened instead and the officer is told to print from there (shellOpen).
func openFile(path string, print bool) error {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return &data.Error{Code: data.EINTERNAL, Field: "viewer", Err: err}
	}
	// A verb may be carried out by a shell extension through COM or DDE
	// (Acrobat's print is DDE): COM is set up on this thread first, as
	// ShellExecuteEx's documentation asks.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if windows.CoInitializeEx(0, windows.COINIT_APARTMENTTHREADED|windows.COINIT_DISABLE_OLE1DDE) == nil {
		defer windows.CoUninitialize()
	}
	return shellOpen(func(verb string) error {
		mask := uint32(seeMaskNoAsync) // kinkyu-cli print ends right after: the verb must have run
		if print {
			// No 「このファイルを開く方法を選んでください」 when printing:
			// with no PDF app at all, the error says where the PDF is and
			// how to print it (開く alone may still offer the choice).
			mask |= seeMaskFlagNoUI
		}
		return shellExecuteEx(verb, p, mask)
	}, path, print)
}

// ShellExecuteEx (shell32.dll), which golang.org/x/sys/windows does not wrap.
var procShellExecuteExW = windows.NewLazySystemDLL("shell32.dll").NewProc("ShellExecuteExW")

const (
	seeMaskNoAsync  = 0x00000100 // SEE_MASK_NOASYNC
	seeMaskFlagNoUI = 0x00000400 // SEE_MASK_FLAG_NO_UI
)

// shellExecuteInfo is SHELLEXECUTEINFOW; Go lays it out as C does on amd64
// and arm64 (112 bytes).
type shellExecuteInfo struct {
	cbSize       uint32
	fMask        uint32
	hwnd         windows.Handle
	lpVerb       *uint16
	lpFile       *uint16
	lpParameters *uint16
	lpDirectory  *uint16
	nShow        int32
	hInstApp     uintptr // SE_ERR_* when it failed
	lpIDList     uintptr
	lpClass      *uint16
	hkeyClass    windows.Handle
	dwHotKey     uint32
	hIcon        windows.Handle
	hProcess     windows.Handle
}

// seErrors name ShellExecute's SE_ERR_* codes.
var seErrors = map[uintptr]string{
	2: "SE_ERR_FNF", 3: "SE_ERR_PNF", 5: "SE_ERR_ACCESSDENIED", 8: "SE_ERR_OOM",
	26: "SE_ERR_SHARE", 27: "SE_ERR_ASSOCINCOMPLETE", 28: "SE_ERR_DDETIMEOUT",
	29: "SE_ERR_DDEFAIL", 30: "SE_ERR_DDEBUSY", 31: "SE_ERR_NOASSOC", 32: "SE_ERR_DLLNOTFOUND",
}

func shellExecuteEx(verb string, file *uint16, mask uint32) error {
	v, err := windows.UTF16PtrFromString(verb)
	if err != nil {
		return err
	}
	info := shellExecuteInfo{fMask: mask, lpVerb: v, lpFile: file, nShow: windows.SW_SHOWNORMAL}
	info.cbSize = uint32(unsafe.Sizeof(info))
	ok, _, callErr := procShellExecuteExW.Call(uintptr(unsafe.Pointer(&info)))
	if ok != 0 {
		return nil
	}
	code := seErrors[info.hInstApp]
	if code == "" {
		code = fmt.Sprintf("code %d", info.hInstApp)
	}
	return fmt.Errorf("ShellExecuteEx %s: %s: %w", verb, code, callErr)
}
