//go:build windows

package app

import (
	"fmt"

	"golang.org/x/sys/windows"

	"github.com/osaki-city/kinkyu/data"
)

// openFile shows or prints a file with the program Windows associates with
// it. ShellExecute is called directly so that a failure (no PDF viewer) is
// reported, which Fyne's OpenURL would swallow.
func openFile(path string, print bool) error {
	verb := "open"
	if print {
		verb = "print"
	}
	v, _ := windows.UTF16PtrFromString(verb)
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return &data.Error{Code: data.EINTERNAL, Field: "viewer", Err: err}
	}
	if err := windows.ShellExecute(0, v, p, nil, nil, windows.SW_SHOWNORMAL); err != nil {
		return &data.Error{Code: data.EINVALID, Field: "viewer", Rule: "failed", Err: fmt.Errorf("ShellExecute %s: %w", verb, err)}
	}
	return nil
}
