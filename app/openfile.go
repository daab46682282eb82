package app

import (
	"fmt"
	"os/exec"
	"runtime"

	"github.com/osaki-city/kinkyu/data"
)

// openCommand is the program that shows (or, with print, prints) a file on
// this system, for the systems other than Windows (see openfile_windows.go).
// Its failure is reported, unlike Fyne's OpenURL, which swallows it.
func openCommand(goos, path string, print bool) (name string, args []string) {
	switch {
	case print:
		return "lp", []string{path} // CUPS, on Linux and macOS alike
	case goos == "darwin":
		return "open", []string{path}
	default:
		return "xdg-open", []string{path}
	}
}

// runOpen starts the command without waiting for the viewer to close.
func runOpen(path string, print bool) error {
	name, args := openCommand(runtime.GOOS, path, print)
	bin, err := exec.LookPath(name)
	if err != nil {
		return &data.Error{Code: data.EINVALID, Field: "viewer", Rule: "missing", Err: fmt.Errorf("%s not found: %w", name, err)}
	}
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		return &data.Error{Code: data.EINVALID, Field: "viewer", Rule: "failed", Err: fmt.Errorf("start %s: %w", name, err)}
	}
	go cmd.Wait() // reap it; its exit status says nothing about the document
	return nil
}
