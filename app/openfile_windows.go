//go:build windows

package app

import (
	"fmt"

	"golang.org/x/sys/windows"

	"github.com/osaki-city/kinkyu/data"
)

// openFile shows or prints a file with the program Windows associates with
// it. ShellExecute is called directly so that a failure (no PDF viewer) is
// reported, which Fyne's OpenURL would swallow. When the PDF app has no
// "print" verb (Microsoft Edge as the default PDF app has none), the PDF is
// opened instead and the officer is told to print from there.
func openFile(path string, print bool) error {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return &data.Error{Code: data.EINTERNAL, Field: "viewer", Err: err}
	}
	return shellOpen(func(verb string) error {
		v, _ := windows.UTF16PtrFromString(verb)
		if err := windows.ShellExecute(0, v, p, nil, nil, windows.SW_SHOWNORMAL); err != nil {
			return fmt.Errorf("ShellExecute %s: %w", verb, err)
		}
		return nil
	}, print)
}
