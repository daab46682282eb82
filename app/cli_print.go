package app

import (
	"flag"
	"fmt"
	"path/filepath"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// printFile prints a file through the system: ShellExecuteEx's "print" verb
// on Windows (falling back to opening the PDF when its app takes no print
// request), lp elsewhere. A variable so that the tests can stand in for it.
var printFile = func(path string) error { return openFile(path, true) }

// printPDF is `kinkyu print R.pdf`: a document made by report, minutes,
// contacts or forms goes to the printer from a script, as 印刷 does in the
// window. When it cannot print, it says why, where the PDF is, and how to
// print it from a viewer, and exits with 1.
func (c *cli) printPDF(args []string) error {
	files, err := c.flags("print", args, func(*flag.FlagSet) {})
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usageError{i18n.T("cli.error.need_print_pdf")}
	}
	path, err := filepath.Abs(files[0])
	if err != nil {
		return &data.Error{Code: data.EINVALID, Field: "pdf", Err: err}
	}
	if _, err := data.CheckRegularFile(path, "pdf"); err != nil {
		return err
	}
	if err := printFile(path); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.print.done", map[string]any{"Path": path}))
	return nil
}
