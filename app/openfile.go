package app

import (
	"context"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
)

// openCommand is the program that shows (or, with print, prints) a file on
// this system, for the systems other than Windows (see openfile_windows.go).
// Its failure is reported, unlike Fyne's OpenURL, which swallows it.
func openCommand(goos, path string, print bool) (name string, args []string) {
	switch {
	case print:
		return "lp", []string{"--", path} // CUPS, on Linux and macOS alike
	case goos == "darwin":
		return "open", []string{path}
	default:
		return "xdg-open", []string{path}
	}
}

// printTimeout bounds the wait for lp, which hands the file to CUPS and
// returns at once; it is waited for so that its refusal (no printer, CUPS not
// running) is reported instead of passing in silence.
const printTimeout = 30 * time.Second

// runOpen starts the viewer without waiting for it to close, or prints with
// lp and waits for lp's answer.
func runOpen(path string, print bool) error {
	name, args := openCommand(runtime.GOOS, path, print)
	bin, err := exec.LookPath(name)
	if err != nil {
		if print {
			return printError("no_lp", path, fmt.Errorf("%s not found: %w", name, err))
		}
		return &data.Error{Code: data.EINVALID, Field: "viewer", Rule: "missing", Err: fmt.Errorf("%s not found: %w", name, err)}
	}
	if print {
		ctx, cancel := context.WithTimeout(context.Background(), printTimeout)
		defer cancel()
		out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
		if err != nil {
			return printError("no_printer", path, fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(string(out))))
		}
		return nil
	}
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		return &data.Error{Code: data.EINVALID, Field: "viewer", Rule: "failed", Err: fmt.Errorf("start %s: %w", name, err)}
	}
	go cmd.Wait() // reap it; its exit status says nothing about the document
	return nil
}
