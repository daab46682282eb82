package forms

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// identityFile is where the officer's signing certificate (.p12) is kept, ""
// when the app did not say (Env.IdentityFile).
func (e *Env) identityFile() string {
	if e.IdentityFile == nil {
		return ""
	}
	return e.IdentityFile()
}

// createReport is the 報告書を作成 dialog: the document that follows from the
// case's class, its addressee and, when signing, the passphrase of the
// officer's certificate (made here the first time, asked twice). The
// passphrase lives only in the dialog's entries, cleared when it closes.
type createReport struct {
	env     *Env
	c       data.Case
	p12Path string
	kind    string // data.DocMisconductReport or data.DocFailureReport
	title   string // 不正行為発生報告書 or 障害発生報告書
	newID   bool   // no certificate yet: one is made with the passphrase typed twice

	addressee *widget.Entry
	sign      *widget.Check
	pass      *widget.Entry
	passErr   fieldError
	pass2     *widget.Entry
	pass2Err  fieldError
	idNote    *jpText
	idBox     *fyne.Container // the new-certificate note and the second passphrase
	msg       fieldError
	progress  *widget.ProgressBarInfinite
	cancel    *widget.Button
	ok        *widget.Button
	dlg       *dialog.CustomDialog

	id   *reports.Identity // loaded for one report, dropped after it
	busy bool
	done chan struct{} // made by each run, closed when it has finished (for the tests)
	// async runs the report off the UI goroutine; the tests may run it in
	// line, since the test driver's fyne.Do does not hand over to one UI goroutine.
	async func(func())
}

// ShowCreateReport opens the 報告書を作成 dialog for a case. p12Path is the
// officer's signing certificate, created there when it does not exist.
func ShowCreateReport(env *Env, caseID int64, p12Path string) {
	r, err := newCreateReport(env, caseID, p12Path)
	if err != nil {
		ShowError(err, env.Window)
		return
	}
	if r == nil {
		return // the pending message is shown
	}
	r.dlg.Show()
	env.Window.Canvas().Focus(r.pass)
}

// newCreateReport builds the dialog; nil without error when the case's class
// is not decided yet (the message saying so is shown instead).
func newCreateReport(env *Env, caseID int64, p12Path string) (*createReport, error) {
	c, err := env.Store.Case(caseID)
	if err != nil {
		return nil, err
	}
	r := &createReport{env: env, c: c, p12Path: p12Path}
	switch c.Class {
	case data.ClassMisconduct:
		r.kind, r.title = data.DocMisconductReport, i18n.T("reports.misconduct.title")
	case data.ClassFailure:
		r.kind, r.title = data.DocFailureReport, i18n.T("reports.failure.title")
	default:
		msg := newJPText(i18n.T("reportui.pending"))
		d := dialog.NewCustom(i18n.T("reportui.title"), i18n.T("common.close"), msg, env.Window)
		d.Resize(fyne.NewSize(580, 180))
		d.Show()
		return nil, nil
	}
	if _, err := os.Stat(p12Path); errors.Is(err, os.ErrNotExist) {
		r.newID = true
	}
	r.buildUI()
	return r, nil
}

func (r *createReport) buildUI() {
	doc := widget.NewLabel(r.title)
	doc.TextStyle.Bold = true
	caseLine := newJPText(r.c.Number + "　" + r.c.Title)
	r.addressee = widget.NewEntry()
	r.addressee.SetText(i18n.T("reportui.addressee_default"))
	r.sign = widget.NewCheck(i18n.T("reportui.sign"), r.onSignChanged)
	r.pass = widget.NewPasswordEntry()
	r.pass.OnSubmitted = func(string) { r.onCreate() }
	r.passErr = newFieldError()
	r.pass2 = widget.NewPasswordEntry()
	r.pass2.OnSubmitted = func(string) { r.onCreate() }
	r.pass2Err = newFieldError()
	r.msg = newFieldError()
	r.progress = widget.NewProgressBarInfinite()
	r.progress.Stop()
	r.progress.Hide()

	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("reportui.document")), container.NewVBox(doc, caseLine),
		widget.NewLabel(i18n.T("reportui.addressee")), r.addressee,
		widget.NewLabel(""), r.sign,
		widget.NewLabel(i18n.T("reportui.passphrase")), container.NewVBox(r.pass, r.passErr),
	)
	note := i18n.T("reportui.new_identity", map[string]any{"Name": r.signerName()})
	if strings.TrimSpace(r.env.officer().Name) == "" {
		note += "\n" + i18n.T("reportui.need_name")
	}
	r.idNote = newJPText(note)
	again := container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("reportui.passphrase_again")), container.NewVBox(r.pass2, r.pass2Err))
	r.idBox = container.NewVBox(panel(colorNoteBg, r.idNote), again)
	if !r.newID {
		r.idBox.Hide()
	}
	body := container.NewVBox(form, r.idBox, r.msg, r.progress)

	r.cancel = widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), r.close)
	r.ok = widget.NewButtonWithIcon(i18n.T("reportui.create"), theme.DocumentSaveIcon(), r.onCreate)
	r.ok.Importance = widget.HighImportance
	r.dlg = dialog.NewCustomWithoutButtons(i18n.T("reportui.title"), body, r.env.Window)
	r.dlg.SetButtons([]fyne.CanvasObject{r.cancel, r.ok})
	r.dlg.SetOnClosed(r.forget)
	r.dlg.Resize(fyne.NewSize(640, 420))
	r.sign.SetChecked(true)
}

// signerName is who the new certificate names: 山田（セキュリティ責任者）.
func (r *createReport) signerName() string {
	o := r.env.officer()
	if strings.TrimSpace(o.Name) == "" {
		return i18n.T("reportui.no_name")
	}
	return o.Actor()
}

func (r *createReport) onSignChanged(on bool) {
	if on {
		r.pass.Enable()
		r.pass2.Enable()
		if r.newID {
			r.idBox.Show()
		}
	} else {
		r.pass.Disable()
		r.pass2.Disable()
		r.idBox.Hide()
		r.passErr.set("")
		r.pass2Err.set("")
	}
}

func (r *createReport) close() { r.dlg.Hide() }

// forget drops the passphrase and the key when the dialog closes.
func (r *createReport) forget() {
	r.pass.SetText("")
	r.pass2.SetText("")
	r.id = nil
}

// onCreate checks the dialog, opens (or first makes) the certificate and asks
// where to save the report.
func (r *createReport) onCreate() {
	if r.busy {
		return
	}
	r.passErr.set("")
	r.pass2Err.set("")
	r.msg.set("")
	r.id = nil
	if r.sign.Checked {
		if !r.loadIdentity() {
			return
		}
	}
	ShowSaveFile(r.env.Window, SaveFileOptions{
		Title:   i18n.T("reportui.save_title"),
		Confirm: i18n.T("reportui.save"),
		Note:    i18n.T("reportui.save_note"),
		Folder:  filepath.Dir(r.env.Store.Path()),
		Name:    r.defaultName(),
	}, r.onPathChosen)
}

// defaultName is 2026-005_不正行為発生報告書.pdf.
func (r *createReport) defaultName() string {
	return r.c.Number + "_" + r.title + ".pdf"
}

// loadIdentity opens the officer's certificate with the passphrase typed,
// making it first when there is none; false with the reason shown when not.
func (r *createReport) loadIdentity() bool {
	pass := r.pass.Text
	if pass == "" {
		r.passErr.set(i18n.ErrorMessage(data.Invalid("passphrase", "required")))
		return false
	}
	now := time.Now()
	var p12 []byte
	if r.newID {
		o := r.env.officer()
		if strings.TrimSpace(o.Name) == "" {
			r.msg.set(i18n.T("reportui.need_name"))
			return false
		}
		if r.pass2.Text != pass {
			r.pass2Err.set(i18n.T("reportui.mismatch"))
			return false
		}
		city, _ := r.env.Store.Setting(data.SettingCity, data.DefaultCity)
		b, err := reports.GenerateIdentity(o.Name, o.Role.Label(), city, pass, now)
		if err != nil {
			r.msg.set(i18n.ErrorMessage(err))
			return false
		}
		if err := writeIdentity(r.p12Path, b); err != nil {
			r.msg.set(i18n.ErrorMessage(err))
			return false
		}
		r.newID = false
		r.idBox.Hide()
		r.pass2.SetText("")
		p12 = b
	} else {
		b, err := os.ReadFile(r.p12Path)
		if err != nil {
			r.msg.set(i18n.ErrorMessage(&data.Error{Code: data.EINVALID, Field: "p12", Rule: "corrupt", Err: err}))
			return false
		}
		p12 = b
	}
	id, err := reports.LoadIdentity(p12, pass, now)
	if err != nil {
		if e := data.AsError(err); e != nil && e.Field == "passphrase" {
			r.passErr.set(i18n.ErrorMessage(err))
		} else {
			r.msg.set(i18n.ErrorMessage(err))
		}
		return false
	}
	r.id = &id
	return true
}

// writeIdentity writes a new certificate file readable by the officer alone.
func writeIdentity(path string, p12 []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return &data.Error{Code: data.EREADONLY, Err: fmt.Errorf("create folder for %s: %w", path, err)}
	}
	if err := reports.WriteFileAtomic(path, p12); err != nil {
		return err
	}
	if err := os.Chmod(path, 0o600); err != nil {
		_ = os.Remove(path)
		return &data.Error{Code: data.EREADONLY, Err: fmt.Errorf("chmod %s: %w", path, err)}
	}
	return nil
}

// onPathChosen makes the report in the background, with the dialog showing
// that it is working.
func (r *createReport) onPathChosen(path string) error {
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		path = strings.TrimSuffix(path, CaseFileExt) + ".pdf"
		if _, err := os.Lstat(path); err == nil {
			return &data.Error{Code: data.EEXISTS, Err: fmt.Errorf("write report %s: already exists", path)}
		}
	}
	r.start(path)
	return nil
}

// start runs the report off the UI goroutine.
func (r *createReport) start(path string) {
	r.busy = true
	r.ok.Disable()
	r.cancel.Disable()
	r.progress.Show()
	r.progress.Start()
	id := r.id
	opt := reports.DocOptions{Addressee: strings.TrimSpace(r.addressee.Text)}
	done := make(chan struct{})
	r.done = done
	run := r.async
	if run == nil {
		run = func(f func()) { go f() }
	}
	run(func() {
		sum, err := r.produce(path, opt, id)
		fyne.Do(func() {
			r.finish(path, sum, err)
			close(done)
		})
	})
}

// produce writes the report to path, signed when id is set, and records it in
// the case file; it returns the file's SHA-256 in hex. Nothing is left on
// disk when it fails.
func (r *createReport) produce(path string, opt reports.DocOptions, id *reports.Identity) (string, error) {
	cd, err := reports.LoadCase(r.env.Store, r.c.ID)
	if err != nil {
		return "", err
	}
	var pdf []byte
	if r.kind == data.DocMisconductReport {
		pdf, err = reports.MisconductReport(cd, opt)
	} else {
		pdf, err = reports.FailureReport(cd, opt)
	}
	if err != nil {
		return "", err
	}
	doc := data.Document{CaseID: r.c.ID, Kind: r.kind, FileName: filepath.Base(path)}
	if id != nil {
		if pdf, err = reports.Sign(pdf, *id, reports.SignInfo{Reason: reports.DefaultSignReason}, time.Now()); err != nil {
			return "", err
		}
		doc.Signers = []data.Signer{{Fingerprint: id.Fingerprint(), Name: id.Name()}}
	}
	if _, err := os.Lstat(path); err == nil {
		return "", &data.Error{Code: data.EEXISTS, Err: fmt.Errorf("write report %s: already exists", path)}
	}
	if err := reports.WriteFileAtomic(path, pdf); err != nil {
		return "", err
	}
	sum := sha256.Sum256(pdf)
	doc.SHA256 = hex.EncodeToString(sum[:])
	text := i18n.T("cli.report.timeline", map[string]any{"Title": r.title, "File": doc.FileName, "Hash": doc.SHA256[:12]})
	if err := r.env.Store.RecordDocument(&doc, text); err != nil {
		_ = os.Remove(path) // a report the case file does not know of is not kept
		return "", err
	}
	return doc.SHA256, nil
}

// finish shows how the report went, on the UI goroutine.
func (r *createReport) finish(path, sum string, err error) {
	r.busy = false
	r.id = nil
	r.progress.Stop()
	r.progress.Hide()
	r.ok.Enable()
	r.cancel.Enable()
	if err != nil {
		r.msg.set(i18n.ErrorMessage(err))
		return
	}
	r.dlg.Hide()
	r.env.saved()
	text := i18n.T("reportui.done", map[string]any{"Title": r.title, "Path": path, "Hash": sum[:16]})
	var body fyne.CanvasObject = newJPText(text)
	if open := r.env.OpenFile; open != nil {
		run := func(print bool) {
			if err := open(path, print); err != nil {
				ShowError(err, r.env.Window)
			}
		}
		body = container.NewVBox(body, container.NewHBox(
			widget.NewButtonWithIcon(i18n.T("reportui.open"), theme.FileIcon(), func() { run(false) }),
			widget.NewButtonWithIcon(i18n.T("reportui.print"), theme.DocumentPrintIcon(), func() { run(true) }),
		))
	}
	d := dialog.NewCustom(i18n.T("reportui.title"), i18n.T("common.close"), body, r.env.Window)
	d.Resize(fyne.NewSize(600, 240))
	d.Show()
}

// onCreateReport is the case header's 報告書を作成: what the forms still hold
// is saved first, so that the report shows it.
func (d *CaseDetail) onCreateReport() {
	d.CreateReport(d.env.identityFile())
}

// CreateReport opens the 報告書を作成 dialog for the case shown, with the
// officer's certificate at p12Path (the 文書 menu's item).
func (d *CaseDetail) CreateReport(p12Path string) {
	if d.c.ID == 0 {
		dialog.ShowInformation(i18n.T("reportui.title"), i18n.T("reportui.no_case"), d.env.Window)
		return
	}
	if err := d.Flush(); err != nil {
		ShowError(err, d.env.Window)
		return
	}
	ShowCreateReport(d.env, d.c.ID, p12Path)
}
