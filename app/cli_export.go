package app

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// maxExportBytes caps what `kinkyu import` reads: a case export is a few
// hundred kilobytes; a larger file is not one.
const maxExportBytes = 64 << 20

// export writes one case with everything recorded about it as JSON
// (docs/case-json.md). The file is written whole or not at all and never
// overwrites an existing one.
func (c *cli) export(args []string) error {
	var file, number, out string
	if _, err := c.flags("export", args, func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "")
		fs.StringVar(&number, "case", "", "")
		fs.StringVar(&out, "out", "", "")
	}); err != nil {
		return err
	}
	if err := requireFile("export", file); err != nil {
		return err
	}
	if number == "" {
		return usageError{i18n.T("cli.error.need_case")}
	}
	if out == "" {
		return usageError{i18n.T("cli.error.need_out")}
	}
	if _, err := os.Lstat(out); err == nil {
		return &data.Error{Code: data.EEXISTS, Err: fmt.Errorf("export %s: already exists", out)}
	}
	s, err := openToRead(file)
	if err != nil {
		return err
	}
	defer s.Close()
	k, err := s.CaseByNumber(number)
	if err != nil {
		return err
	}
	x, err := s.ExportCase(k.ID)
	if err != nil {
		return err
	}
	x.Source.App = "kinkyu " + Version
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(x); err != nil {
		return fmt.Errorf("export case %s: %w", number, err)
	}
	if err := reports.WriteFileAtomic(out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, i18n.T("export.done", map[string]any{"Number": k.Number, "Out": out}))
	return nil
}

// importCase creates the case of a JSON export as a new case of the file, in
// one transaction, with a new number and a timeline line saying where it
// came from.
func (c *cli) importCase(args []string) error {
	var file string
	files, err := c.flags("import", args, func(fs *flag.FlagSet) { fs.StringVar(&file, "file", "", "") })
	if err != nil {
		return err
	}
	if err := requireFile("import", file); err != nil {
		return err
	}
	if len(files) != 1 {
		return usageError{i18n.T("export.need_json")}
	}
	x, err := readExport(files[0])
	if err != nil {
		return err
	}
	s, err := sqlite.Open(file)
	if err != nil {
		return err
	}
	defer s.Close()
	k, err := s.ImportCase(&x, filepath.Base(files[0]))
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, i18n.T("export.imported", map[string]any{"Number": k.Number, "From": x.Source.Number, "Title": k.Title}))
	return nil
}

// readExport reads and decodes a case export, refusing what is not one.
func readExport(path string) (data.CaseExport, error) {
	var x data.CaseExport
	// A folder, FIFO or device is refused before it is opened; no more than
	// maxExportBytes are read.
	b, err := data.ReadRegularFile(path, "export", maxExportBytes)
	if err != nil {
		return x, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&x); err != nil {
		return x, &data.Error{Code: data.EINVALID, Field: "export", Rule: "format", Err: fmt.Errorf("import %s: %w", path, err)}
	}
	return x, x.Check()
}
