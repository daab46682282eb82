package app

import (
	"fmt"

	"github.com/osaki-city/kinkyu/data"
)

// shellOpen runs the "open" or "print" verb through exec (ShellExecuteEx on
// Windows) for the file at path. Printing falls back to opening: the app
// associated with PDFs may not print on request (Microsoft Edge registers no
// "print" verb); then the PDF opens and the error says so, so that the
// officer prints it there with Ctrl+P and is not left wondering whether
// anything printed. When nothing opens PDFs at all, the error says where the
// PDF is saved and how to print it elsewhere.
func shellOpen(exec func(verb string) error, path string, print bool) error {
	if !print {
		if err := exec("open"); err != nil {
			return &data.Error{Code: data.EINVALID, Field: "viewer", Rule: "failed", Err: err}
		}
		return nil
	}
	perr := exec("print")
	if perr == nil {
		return nil
	}
	if err := exec("open"); err != nil {
		return printError("print_failed", path, fmt.Errorf("%w; %w", perr, err))
	}
	return printError("print_opened", path, perr)
}

// printError is a print that did not happen (or happened in the viewer): its
// message says why, where the PDF is saved, and what to do.
func printError(rule, path string, err error) error {
	return &data.Error{Code: data.EINVALID, Field: "viewer", Rule: rule, Err: err, Args: map[string]any{"Path": path}}
}
