package app

import "github.com/osaki-city/kinkyu/data"

// shellOpen runs the "open" or "print" verb through exec (ShellExecute on
// Windows). Printing falls back to opening: the app associated with PDFs may
// not print on request (Microsoft Edge registers no "print" verb); then the
// PDF opens and the error says so, so that the officer prints it there with
// Ctrl+P and is not left wondering whether anything printed.
func shellOpen(exec func(verb string) error, print bool) error {
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
		return &data.Error{Code: data.EINVALID, Field: "viewer", Rule: "failed", Err: err}
	}
	return &data.Error{Code: data.EINVALID, Field: "viewer", Rule: "print_opened", Err: perr}
}
