package forms

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// ShowVerifyPDF lets the officer pick a PDF and shows, for each signature,
// who signed and when, whether the document changed after, and whether the
// certificate is one this case file has signed with (as `kinkyu verify-pdf`).
func ShowVerifyPDF(env *Env) {
	opts := ChooseOptions{Title: i18n.T("app.files.verify_title"), Kind: KindDocument, Ext: ".pdf", Folder: DocumentFolder(env.Store.Path())}
	ShowChoose(env.Window, opts, func(path string) {
		text, err := VerifyPDFText(env.Store, path)
		if err != nil {
			ShowError(err, env.Window)
			return
		}
		body := container.NewVScroll(newJPText(text))
		d := dialog.NewCustom(i18n.T("reportui.verify_title"), i18n.T("common.close"), body, env.Window)
		d.Resize(fyne.NewSize(720, 460))
		ShowDialog(env.Window, d, nil)
	})
}

// VerifyPDFText is the verification of the PDF at path, in words.
func VerifyPDFText(s data.Store, path string) (string, error) {
	b, err := data.ReadRegularFile(path, "pdf", data.MaxPDFBytes)
	if err != nil {
		return "", err
	}
	sigs, revs, err := reports.VerifyRevisions(b)
	if err != nil {
		return "", err
	}
	lines := []string{filepath.Base(path), ""}
	if len(sigs) == 0 {
		return strings.Join(append(lines, i18n.T("reportui.verify_none")), "\n"), nil
	}
	// Known signers are those the audit log records, in a file that check
	// verifies (not a row of the signers table).
	known := func(fp string) (bool, error) {
		_, ok, err := s.KnownSigner(fp)
		return ok, err
	}
	if a, ok := s.(interface {
		AuditedSigners() (map[string]string, bool, error)
	}); ok {
		signers, _, err := a.AuditedSigners()
		if err != nil {
			return "", err
		}
		known = func(fp string) (bool, error) { _, ok := signers[fp]; return ok, nil }
	}
	lines = append(append(lines, RevisionLines(revs)...), "")
	allValid := true
	for i, sg := range sigs {
		signer := sg.SignerName
		if sg.Section != "" {
			signer = i18n.T("cli.verify.signer_section", map[string]any{"Name": sg.SignerName, "Section": sg.Section})
		}
		lines = append(lines, i18n.T("reportui.verify_signature", map[string]any{"N": i + 1, "Signer": signer}))
		if !sg.SigningTime.IsZero() {
			lines = append(lines, "　"+i18n.T("cli.verify.time", map[string]any{"Time": i18n.FormatDateTime(sg.SigningTime.In(data.TimeZone(s)), i18n.Language() == i18n.Japanese)}))
		}
		lines = append(lines, "　"+SignatureStatus(sg, data.TimeZone(s)))
		if !sg.Valid || sg.Modified {
			allValid = false
		}
		isKnown, err := known(sg.Fingerprint)
		if err != nil {
			return "", err
		}
		if isKnown {
			lines = append(lines, "　"+i18n.T("reportui.verify_known"))
		} else {
			lines = append(lines, "　"+i18n.T("reportui.verify_unknown"))
		}
		lines = append(lines, "　"+i18n.T("cli.verify.fingerprint", map[string]any{"Fingerprint": sg.Fingerprint}), "")
	}
	if allValid {
		lines = append(lines, i18n.T("reportui.verify_all_valid"))
	} else {
		lines = append(lines, i18n.T("reportui.verify_some_invalid"))
	}
	return strings.Join(lines, "\n"), nil
}
