package app

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// anchorFiles is the repeatable --anchor option of check.
type anchorFiles []string

func (a *anchorFiles) String() string     { return strings.Join(*a, ",") }
func (a *anchorFiles) Set(v string) error { *a = append(*a, v); return nil }

// checkAnchor holds the case file to the head a signed document or seal
// carries: the chain must verify and hold that very event, with that hash.
// A chain cut below it, or recomputed below it, fails.
func (c *cli) checkAnchor(s *sqlite.Store, rep data.CheckReport, path string) {
	fail := func(key string, args map[string]any) {
		args["File"] = path
		fmt.Fprintln(c.stdout, i18n.T(key, args))
		c.exit = exitFail
	}
	b, err := data.ReadRegularFile(path, "pdf", data.MaxPDFBytes)
	if err != nil {
		fail("cli.check.anchor_unreadable", map[string]any{"Detail": err.Error()})
		return
	}
	if !reports.IsPDF(b) {
		fail("cli.check.anchor_unreadable", map[string]any{"Detail": "not a PDF"})
		return
	}
	a, err := reports.ReadAnchor(b)
	if err != nil {
		switch e := data.AsError(err); {
		case e != nil && e.Rule == reports.AnchorUnsigned:
			fail("cli.check.anchor_unsigned", map[string]any{})
		case e != nil && e.Rule == reports.AnchorNoHead:
			fail("cli.check.anchor_nohead", map[string]any{})
		default:
			fail("cli.check.anchor_unreadable", map[string]any{"Detail": err.Error()})
		}
		return
	}
	args := map[string]any{"Signer": a.Signature.SignerName, "Fingerprint": a.Signature.Fingerprint,
		"Seq": a.Head.Seq, "Count": rep.Head.Seq}
	if rep.FirstBadSeq != 0 {
		fail("cli.check.anchor_broken", args)
		return
	}
	if a.Head.Seq > rep.Head.Seq {
		fail("cli.check.anchor_cut", args)
		return
	}
	ev, err := s.AuditEvents(a.Head.Seq, 1)
	if err != nil || len(ev) != 1 || ev[0].Seq != a.Head.Seq {
		fail("cli.check.anchor_cut", args)
		return
	}
	if ev[0].Hash != a.Head.Hash {
		fail("cli.check.anchor_bad", args)
		return
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.check.anchor_ok", map[string]any{"File": path, "Signer": a.Signature.SignerName,
		"Fingerprint": a.Signature.Fingerprint, "Seq": a.Head.Seq}))
}

// seal writes a signed checkpoint of a case file that checks out: a one-page
// PDF with the head of its audit chain, signed with the officer's key
// (docs/seal.md). `check --anchor` reads it back.
func (c *cli) seal(args []string) error {
	var file, p12, passEnv, out string
	_, err := c.flags("seal", args, func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "")
		fs.StringVar(&p12, "p12", "", "")
		fs.StringVar(&passEnv, "pass-env", "", "")
		fs.StringVar(&out, "out", "", "")
	})
	if err != nil {
		return err
	}
	if err := requireFile("seal", file); err != nil {
		return err
	}
	switch {
	case out == "":
		return usageError{i18n.T("cli.error.need_out")}
	case p12 == "":
		return usageError{i18n.T("cli.error.need_p12")}
	case passEnv == "":
		return usageError{i18n.T("cli.error.need_pass_env")}
	}
	if err := refuseExisting(out); err != nil {
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
	if !rep.OK() {
		fmt.Fprintln(c.stderr, i18n.T("cli.seal.refused"))
		c.exit = exitFail
		return nil
	}
	zone := data.TimeZone(s)
	now := time.Now().In(zone)
	b, err := data.ReadRegularFile(p12, "p12", data.MaxP12Bytes)
	if err != nil {
		return err
	}
	id, err := reports.LoadIdentity(b, os.Getenv(passEnv), now)
	if err != nil {
		return err
	}
	pdf, err := reports.Seal(reports.SealData{Head: rep.Head, File: filepath.Base(file), Events: rep.Events,
		Rows: rep.Rows, Zone: zone}, id, now)
	if err != nil {
		return err
	}
	if err := reports.WriteFileNew(out, pdf); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.seal.done", map[string]any{"Out": out, "Seq": rep.Head.Seq, "Hash": rep.Head.Hash}))
	return nil
}
