package app

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/forms"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// Version is the app's version, set at build time with -ldflags "-X".
var Version = "0.1.0-dev"

// BuildTags are the build tags the running program was built with (the
// Makefile gives sqlite_fts5,no_emoji): `kinkyu version` shows them, and the
// tests that build the binary pass their own on, so that they test what
// `make build` makes.
func BuildTags() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "-tags" {
				return s.Value
			}
		}
	}
	return ""
}

// Exit codes of the command line.
const (
	exitOK    = 0
	exitFail  = 1 // the command ran and found a problem (check), or failed
	exitUsage = 2 // the command line itself is wrong
)

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// command is one subcommand of the CLI.
type command struct {
	name string
	run  func(c *cli, args []string) error
}

var commands = []command{
	{"demo", (*cli).demo},
	{"cases", (*cli).cases},
	{"search", (*cli).search},
	{"check", (*cli).check},
	{"seal", (*cli).seal},
	{"backup", (*cli).backup},
	{"report", (*cli).report},
	{"reports", (*cli).reportVersions},
	{"verify-pdf", (*cli).verifyPDF},
	{"print", (*cli).printPDF},
	{"forms", (*cli).blankForms},
	{"meetings", (*cli).meetings},
	{"agenda", (*cli).agenda},
	{"minutes", (*cli).minutes},
	{"contacts", (*cli).contacts},
	{"export", (*cli).export},
	{"import", (*cli).importCase},
	{"version", (*cli).version},
	{"help", (*cli).help},
}

// cli carries the output streams so tests can capture them.
type cli struct {
	stdout, stderr io.Writer
	exit           int // set by commands that report a finding rather than fail
}

// Main runs the program: with no subcommand it opens the GUI, otherwise it
// runs the subcommand headless and returns the exit code.
func Main(args []string) int {
	if isCommand(args) {
		attachConsole()
	}
	return run(args, os.Stdout, os.Stderr)
}

// isCommand reports whether args run a subcommand (or ask for help) rather
// than open the window: what comes first once the common options are taken
// out (kinkyu --lang en cases …).
func isCommand(args []string) bool {
	rest, _ := takeOption(args, "lang")
	rest, _ = takeOption(rest, "encoding")
	return len(rest) > 0 && !strings.HasPrefix(rest[0], "-") || slices.Contains(rest, "-h") || slices.Contains(rest, "--help")
}

func run(args []string, stdout, stderr io.Writer) int {
	args, lang := takeOption(args, "lang")
	if lang != "" {
		if err := i18n.SetLanguage(lang); err != nil {
			fmt.Fprintln(stderr, i18n.T("cli.error.lang", map[string]any{"Lang": lang}))
			return exitUsage
		}
	}
	args, enc := takeOption(args, "encoding")
	stdout, closeOut, err := outputEncoding(stdout, enc)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	defer closeOut()
	stderr, closeErr, _ := outputEncoding(stderr, enc)
	defer closeErr()
	c := &cli{stdout: stdout, stderr: stderr}
	// A case file rolled back with a journal left by an unfinished write is
	// never passed over in silence.
	sqlite.OnRecovered = func(r sqlite.Recovery) {
		fmt.Fprintln(stderr, i18n.T("cli.recovered", map[string]any{"File": r.File, "FileCopy": r.FileCopy, "JournalCopy": r.JournalCopy}))
	}
	// Temporary files of a killed save, removed: said in one line, as a
	// note (the case file itself was never touched).
	data.OnTempsRemoved = func(removed []string) {
		fmt.Fprintln(stderr, i18n.T("cli.temps_removed", map[string]any{"Files": strings.Join(removed, ", ")}))
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") && args[0] != "-h" && args[0] != "--help" {
		return c.gui(args, lang)
	}
	name := args[0]
	if name == "-h" || name == "--help" {
		name = "help"
	}
	for _, cmd := range commands {
		if cmd.name == name {
			if err := cmd.run(c, args[1:]); err != nil {
				return c.fail(err)
			}
			return c.exit
		}
	}
	fmt.Fprintln(stderr, i18n.T("cli.error.unknown_command", map[string]any{"Name": name}))
	c.help(nil)
	return exitUsage
}

// takeOption removes a common option (--lang, --encoding) from anywhere on the
// command line, so that error messages of every subcommand (and of the flag
// parsing) follow it. A name without its value gives "?".
func takeOption(args []string, name string) ([]string, string) {
	var out []string
	value := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--"+name || a == "-"+name:
			if i+1 < len(args) {
				value = args[i+1]
				i++
			} else {
				value = "?"
			}
		case strings.HasPrefix(a, "--"+name+"="), strings.HasPrefix(a, "-"+name+"="):
			value = a[strings.Index(a, "=")+1:]
		default:
			out = append(out, a)
		}
	}
	return out, value
}

func (c *cli) fail(err error) int {
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(c.stderr, ue.msg)
		return exitUsage
	}
	fmt.Fprintln(c.stderr, i18n.T("cli.error.prefix")+i18n.ErrorMessage(err))
	fmt.Fprintln(c.stderr, "  "+i18n.T("cli.error.detail")+err.Error())
	return exitFail
}

// flags parses a subcommand's options, which may come before or after its
// positional arguments (kinkyu search 漏洩 --file F).
func (c *cli) flags(name string, args []string, define func(fs *flag.FlagSet)) ([]string, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	define(fs)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{i18n.T("cli.error.flags", map[string]any{"Command": name, "Detail": err.Error()})}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func requireFile(name, file string) error {
	if file == "" {
		return usageError{i18n.T("cli.error.need_file", map[string]any{"Command": name})}
	}
	return nil
}

func (c *cli) gui(args []string, lang string) int {
	opts := GUIOptions{Lang: lang}
	_, err := c.flags("kinkyu", args, func(fs *flag.FlagSet) {
		fs.StringVar(&opts.File, "file", "", "")
		fs.BoolVar(&opts.Demo, "demo", false, "")
	})
	if err != nil {
		return c.fail(err)
	}
	return RunGUI(opts)
}

func (c *cli) demo(args []string) error {
	var file string
	if _, err := c.flags("demo", args, func(fs *flag.FlagSet) { fs.StringVar(&file, "file", "", "") }); err != nil {
		return err
	}
	if err := requireFile("demo", file); err != nil {
		return err
	}
	if err := WriteDemo(file); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.demo.done", map[string]any{"File": file}))
	return nil
}

// caseJSON is the --json form of a case: stable field names for scripts.
type caseJSON struct {
	Number       string `json:"number"`
	Title        string `json:"title"`
	Class        string `json:"class"`
	Status       string `json:"status"`
	DiscoveredAt string `json:"discovered_at"`
	OccurredAt   string `json:"occurred_at,omitempty"`
	Drill        bool   `json:"drill"`
}

func (c *cli) cases(args []string) error {
	var file string
	var asJSON, hideDrill bool
	var class, status string
	_, err := c.flags("cases", args, func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "")
		fs.BoolVar(&asJSON, "json", false, "")
		fs.BoolVar(&hideDrill, "no-drill", false, "")
		fs.StringVar(&class, "class", "", "")
		fs.StringVar(&status, "status", "", "")
	})
	if err != nil {
		return err
	}
	if err := requireFile("cases", file); err != nil {
		return err
	}
	f := data.CaseFilter{Class: data.Class(class), Status: data.Status(status), HideDrill: hideDrill}
	if class != "" && !f.Class.Valid() {
		return usageError{i18n.T("cli.error.bad_value", map[string]any{"Option": "--class", "Value": class, "Allowed": "failure, misconduct, pending"})}
	}
	if status != "" && !f.Status.Valid() {
		return usageError{i18n.T("cli.error.bad_value", map[string]any{"Option": "--status", "Value": status, "Allowed": "open, recovered, closed"})}
	}
	s, err := openToRead(file)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.Cases(f)
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]caseJSON, 0, len(list))
		for _, k := range list {
			j := caseJSON{k.Number, k.Title, string(k.Class), string(k.Status), k.DiscoveredAt.Format("2006-01-02T15:04:05Z07:00"), "", k.Drill}
			if !k.OccurredAt.IsZero() {
				j.OccurredAt = k.OccurredAt.Format("2006-01-02T15:04:05Z07:00")
			}
			out = append(out, j)
		}
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	c.printCases(list, nil)
	return nil
}

// printCases writes cases as an aligned table, with a snippet column for search.
func (c *cli) printCases(list []data.Case, snippets []string) {
	head := []string{i18n.T("cli.col.number"), i18n.T("cli.col.class"), i18n.T("cli.col.status"), i18n.T("cli.col.discovered"), i18n.T("cli.col.title")}
	if snippets != nil {
		head = append(head, i18n.T("cli.col.snippet"))
	}
	rows := [][]string{head}
	for i, k := range list {
		title := k.Title
		if k.Drill {
			title = i18n.T("cli.drill_mark") + title
		}
		row := []string{k.Number, forms.ClassLabel(k.Class), forms.StatusLabel(k.Status), i18n.FormatDateTime(k.DiscoveredAt, i18n.Language() == i18n.Japanese), title}
		if snippets != nil {
			row = append(row, snippets[i])
		}
		rows = append(rows, row)
	}
	writeTable(c.stdout, rows)
	fmt.Fprintln(c.stdout, i18n.T("cli.count", map[string]any{"Count": len(list)}))
}

func (c *cli) search(args []string) error {
	var file string
	var limit int
	words, err := c.flags("search", args, func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "")
		fs.IntVar(&limit, "limit", 50, "")
	})
	if err != nil {
		return err
	}
	if err := requireFile("search", file); err != nil {
		return err
	}
	q := strings.Join(words, " ")
	if strings.TrimSpace(q) == "" {
		return usageError{i18n.T("cli.error.need_query")}
	}
	s, err := openToRead(file)
	if err != nil {
		return err
	}
	defer s.Close()
	hits, err := s.Search(q, limit)
	if err != nil {
		return err
	}
	list := make([]data.Case, len(hits))
	snippets := make([]string, len(hits))
	for i, h := range hits {
		list[i], snippets[i] = h.Case, h.Snippet
	}
	c.printCases(list, snippets)
	return nil
}

func (c *cli) check(args []string) error {
	var file string
	var anchors anchorFiles
	if _, err := c.flags("check", args, func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "")
		fs.Var(&anchors, "anchor", "")
	}); err != nil {
		return err
	}
	if err := requireFile("check", file); err != nil {
		return err
	}
	s, err := openToRead(file)
	if err != nil {
		return err
	}
	defer s.Close()
	rep, err := s.Check()
	if err != nil {
		return err
	}
	if rep.IntegrityOK {
		fmt.Fprintln(c.stdout, i18n.T("cli.check.integrity_ok"))
	} else {
		fmt.Fprintln(c.stdout, i18n.T("cli.check.integrity_bad", map[string]any{"Detail": rep.Integrity}))
	}
	if rep.FirstBadSeq == 0 {
		fmt.Fprintln(c.stdout, i18n.T("cli.check.audit_ok", map[string]any{"Count": rep.Events, "Head": rep.Head.Short(), "Hash": rep.Head.Hash}))
	} else {
		fmt.Fprintln(c.stdout, i18n.T("cli.check.audit_bad", map[string]any{"Seq": rep.FirstBadSeq, "Count": rep.Events}))
	}
	c.printRowCheck(rep)
	if !rep.OK() {
		c.exit = exitFail
	}
	for _, a := range anchors {
		c.checkAnchor(s, rep, a)
	}
	return nil
}

// printRowCheck says whether every row is what the audit log says, naming the
// first rows that are not: table, row and column.
func (c *cli) printRowCheck(rep data.CheckReport) {
	switch {
	case !rep.RowsChecked:
		fmt.Fprintln(c.stdout, i18n.T("cli.check.rows_skipped"))
		return
	case rep.RowProblemCount == 0:
		fmt.Fprintln(c.stdout, i18n.T("cli.check.rows_ok", map[string]any{"Count": rep.Rows}))
		return
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.check.rows_bad", map[string]any{"Count": rep.RowProblemCount, "Rows": rep.Rows}))
	for _, p := range rep.RowProblems {
		args := map[string]any{"Table": p.Table, "Key": p.Key, "Field": p.Field, "Seq": p.Seq}
		key := "cli.check.row_" + p.Kind
		if p.Kind == data.RowChanged && p.Field == "" {
			key = "cli.check.row_changed_row"
		}
		fmt.Fprintln(c.stdout, i18n.T(key, args))
	}
	if more := rep.RowProblemCount - len(rep.RowProblems); more > 0 {
		fmt.Fprintln(c.stdout, i18n.T("cli.check.rows_more", map[string]any{"Count": more}))
	}
}

func (c *cli) backup(args []string) error {
	var file, out string
	_, err := c.flags("backup", args, func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "")
		fs.StringVar(&out, "out", "", "")
	})
	if err != nil {
		return err
	}
	if err := requireFile("backup", file); err != nil {
		return err
	}
	if out == "" {
		return usageError{i18n.T("cli.error.need_out")}
	}
	s, err := openToRead(file)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.SaveCopy(out); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.backup.done", map[string]any{"Out": out}))
	return nil
}

// report writes the incident report of a case (不正行為発生報告書 or
// 障害発生報告書, by its class) and, given a PKCS#12 file, signs it. The PDF is
// written whole or not at all; an existing file is never overwritten.
// --copy chooses 送付用 (default) or 決裁用, --addressee the 宛先, --number
// the 文書番号: as typed, or "next" for the next one of the register.
func (c *cli) report(args []string) error {
	var file, caseNo, out, p12, passEnv, addressee, copyName, docNo string
	var version int
	_, err := c.flags("report", args, func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "")
		fs.StringVar(&caseNo, "case", "", "")
		fs.StringVar(&out, "out", "", "")
		fs.StringVar(&p12, "p12", "", "")
		fs.StringVar(&passEnv, "pass-env", "", "")
		fs.StringVar(&addressee, "addressee", "", "")
		fs.StringVar(&copyName, "copy", "send", "")
		fs.StringVar(&docNo, "number", "", "")
		fs.IntVar(&version, "version", 0, "")
	})
	if err != nil {
		return err
	}
	if err := requireFile("report", file); err != nil {
		return err
	}
	if caseNo == "" {
		return usageError{i18n.T("cli.error.need_case")}
	}
	if out == "" {
		return usageError{i18n.T("cli.error.need_out")}
	}
	if p12 != "" && passEnv == "" {
		return usageError{i18n.T("cli.error.need_pass_env")}
	}
	opt := reports.DocOptions{Addressee: strings.TrimSpace(addressee)}
	if opt.Copy, err = parseCopy(copyName); err != nil {
		return err
	}
	if err := refuseExisting(out); err != nil {
		return err
	}
	s, err := sqlite.Open(file)
	if err != nil {
		return err
	}
	defer s.Close()
	k, err := s.CaseByNumber(caseNo)
	if err != nil {
		return err
	}
	if version < 0 {
		return usageError{i18n.T("cli.error.bad_value", map[string]any{"Option": "--version", "Value": version, "Allowed": "1, 2, 3…"})}
	}
	// A recorded 第n報 prints from its snapshot, the same every time.
	job, v, draft, err := reportJobFor(s, k, version)
	if err != nil {
		return err
	}
	// A recorded report keeps the number it was recorded with: --number is
	// for a draft only.
	issued := new(string)
	if v == nil {
		issued = numberChoice(&job, &opt, docNo)
	}
	// The case file keeps the document's SHA-256 and signer, so a printout or a
	// copy can be tied to it and verify-pdf can tell its certificates.
	doc, err := produceWith(s, job, opt, out, p12, passEnv)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.report.done", map[string]any{"Out": out, "Number": k.Number}))
	if v != nil {
		fmt.Fprintln(c.stdout, i18n.T("cli.report.version_done", map[string]any{"No": v.No, "Number": v.Number}))
	} else {
		fmt.Fprintln(c.stdout, i18n.T("cli.report.draft", map[string]any{"No": draft}))
	}
	if n := cmp.Or(*issued, opt.Number); v == nil && n != "" {
		fmt.Fprintln(c.stdout, "  "+i18n.T("cli.report.doc_number", map[string]any{"Number": n}))
	}
	fmt.Fprintln(c.stdout, "  SHA-256: "+doc.SHA256)
	return nil
}

// numberNext is the --number that asks the register for the next 文書番号.
const numberNext = "next"

// numberChoice applies --number to a letter: "next" takes the next number of
// the register as the document is made, anything else is printed as typed,
// and nothing leaves 「大住第　　号」 to fill in by hand. It returns where the
// number given by the register is put.
func numberChoice(job *reports.Job, opt *reports.DocOptions, docNo string) *string {
	issued := new(string)
	switch docNo = strings.TrimSpace(docNo); {
	case strings.EqualFold(docNo, numberNext):
		job.IssueNumber = true
		job.Numbered = func(n string) { *issued = n }
	default:
		opt.Number = docNo
	}
	return issued
}

// parseCopy reads --copy: send (送付用, what leaves the city) or approval
// (決裁用, with the seal boxes for the internal approval).
func parseCopy(v string) (reports.Copy, error) {
	switch strings.TrimSpace(v) {
	case "send", "送付用":
		return reports.CopySend, nil
	case "approval", "決裁用":
		return reports.CopyApproval, nil
	}
	return reports.CopySend, usageError{i18n.T("cli.error.bad_value", map[string]any{"Option": "--copy", "Value": v, "Allowed": "send, approval"})}
}

// produceWith makes job's document through the one pipeline
// (reports.Produce), signed when a PKCS#12 file is given, its passphrase read
// from the environment variable passEnv. An existing out is refused before
// the certificate is opened.
func produceWith(s data.Store, job reports.Job, opt reports.DocOptions, out, p12, passEnv string) (data.Document, error) {
	if err := refuseExisting(out); err != nil {
		return data.Document{}, err
	}
	now := time.Now().In(data.TimeZone(s)) // the case file's zone, whatever the PC's
	var id *reports.Identity
	if p12 != "" {
		b, err := data.ReadRegularFile(p12, "p12", data.MaxP12Bytes)
		if err != nil {
			return data.Document{}, err
		}
		loaded, err := reports.LoadIdentity(b, os.Getenv(passEnv), now)
		if err != nil {
			return data.Document{}, err
		}
		id = &loaded
	}
	return reports.Produce(s, job, opt, out, id, now)
}

// verifyPDF reports each signature of a PDF: who signed, when, and whether the
// document was changed after; exit 1 when any signature does not verify or
// there is none.
func (c *cli) verifyPDF(args []string) error {
	var caseFile string
	files, err := c.flags("verify-pdf", args, func(fs *flag.FlagSet) { fs.StringVar(&caseFile, "file", "", "") })
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usageError{i18n.T("cli.error.need_pdf")}
	}
	b, err := data.ReadRegularFile(files[0], "pdf", data.MaxPDFBytes)
	if err != nil {
		return err
	}
	sigs, revs, err := reports.VerifyRevisions(b)
	if err != nil {
		return err
	}
	// With a case file, say whether each certificate is one it has signed
	// with: recorded by an audit event of a file that check verifies.
	var store *sqlite.Store
	var signers map[string]string
	var verified bool
	if caseFile != "" {
		if store, err = openToRead(caseFile); err != nil {
			return err
		}
		defer store.Close()
		if signers, verified, err = store.AuditedSigners(); err != nil {
			return err
		}
	}
	zone := data.LoadZone(data.DefaultTimeZone) // signing times in the case file's zone
	if store != nil {
		zone = data.TimeZone(store)
	}
	if len(sigs) == 0 {
		fmt.Fprintln(c.stdout, i18n.T("cli.verify.none"))
		c.exit = exitFail
		return nil
	}
	for _, l := range forms.RevisionLines(revs) {
		fmt.Fprintln(c.stdout, l)
	}
	for i, s := range sigs {
		signer := s.SignerName
		if s.Section != "" {
			signer = i18n.T("cli.verify.signer_section", map[string]any{"Name": s.SignerName, "Section": s.Section})
		}
		fmt.Fprintln(c.stdout, i18n.T("cli.verify.signature", map[string]any{"N": i + 1, "Signer": signer}))
		if !s.SigningTime.IsZero() {
			fmt.Fprintln(c.stdout, "  "+i18n.T("cli.verify.time", map[string]any{"Time": i18n.FormatDateTime(s.SigningTime.In(zone), i18n.Language() == i18n.Japanese)}))
		}
		fmt.Fprintln(c.stdout, "  "+forms.SignatureStatus(s, zone))
		if !s.Valid || s.Modified {
			c.exit = exitFail
			if s.Detail != "" {
				fmt.Fprintln(c.stdout, "  "+i18n.T("cli.verify.detail", map[string]any{"Detail": s.Detail}))
			}
		}
		fmt.Fprintln(c.stdout, "  "+i18n.T("cli.verify.fingerprint", map[string]any{"Fingerprint": s.Fingerprint}))
		if store != nil {
			key := "cli.verify.unknown_signer"
			if _, known := signers[s.Fingerprint]; known {
				key = "cli.verify.known_signer"
			} else if !verified {
				key = "cli.verify.unverified_file"
			}
			fmt.Fprintln(c.stdout, "  "+i18n.T(key, map[string]any{"File": filepath.Base(caseFile)}))
		}
	}
	return nil
}

func (c *cli) version(args []string) error {
	fmt.Fprintf(c.stdout, "kinkyu %s (%s, schema %d, tags %s)\n", Version, i18n.T("common.appname"), sqlite.LatestVersion(), BuildTags())
	return nil
}

func (c *cli) help(args []string) error {
	fmt.Fprintln(c.stdout, i18n.T("cli.help", map[string]any{"Version": Version}))
	return nil
}

// writeTable writes rows with aligned columns. Unlike text/tabwriter it counts
// a full-width character (漢字, かな, ＡＢＣ) as two columns, as terminals show it.
func writeTable(w io.Writer, rows [][]string) {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(cell))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(cell)+2))
			}
		}
		fmt.Fprintln(w, b.String())
	}
}

// displayWidth is the number of terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeColumns(r)
	}
	return n
}

func runeColumns(r rune) int {
	switch {
	case r < 0x1100, r >= 0xFF61 && r <= 0xFFDC: // ASCII…, half-width katakana
		return 1
	case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60,
		r >= 0xFFE0 && r <= 0xFFE6, r >= 0x1F300 && r <= 0x1FAFF, r >= 0x20000 && r <= 0x3FFFD:
		return 2
	}
	return 1
}

// blankForms writes every form blank (the two reports, the meeting agendas
// of both classes, the minutes, the contact sheet and the change notice)
// into a folder, for filling by hand when even the laptop is down. The
// folder is created if missing; when any of the files is already there
// nothing is written. --file takes the city and prefecture (and the
// contact network's bodies) from a case file.
func (c *cli) blankForms(args []string) error {
	var dir, file string
	_, err := c.flags("forms", args, func(fs *flag.FlagSet) {
		fs.StringVar(&dir, "out", "", "")
		fs.StringVar(&file, "file", "", "")
	})
	if err != nil {
		return err
	}
	if dir == "" {
		return usageError{i18n.T("cli.error.need_out_dir")}
	}
	var s data.Store
	if file != "" {
		st, err := openToRead(file)
		if err != nil {
			return err
		}
		defer st.Close()
		s = st
	}
	opt, err := blankOptions(s)
	if err != nil {
		return err
	}
	written, existing, err := writeBlankForms(dir, opt)
	if existing != "" {
		fmt.Fprintln(c.stderr, i18n.T("cli.error.prefix")+i18n.T("cli.forms.exists", map[string]any{"File": existing}))
		c.exit = exitFail
		return nil
	}
	if err != nil {
		return err
	}
	for _, w := range written {
		fmt.Fprintln(c.stdout, i18n.T("cli.forms.done", map[string]any{"File": w}))
	}
	return nil
}

// openToRead opens a case file for a command that only reads it. While the
// window has the file open it is read alongside, read-only; otherwise it is
// opened as usual (so that an older schema is migrated).
func openToRead(file string) (*sqlite.Store, error) {
	s, err := sqlite.Open(file)
	if data.ErrorCode(err) == data.ELOCKED {
		return sqlite.OpenReadOnly(file)
	}
	return s, err
}
