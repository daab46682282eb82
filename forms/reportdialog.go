package forms

import (
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

// DocumentJob is a PDF the officer makes from a screen: built from the case
// file, signed when they choose, written where they choose (never over an
// existing file) and recorded with its SHA-256.
type DocumentJob struct {
	Kind    string // data.Doc*
	CaseID  int64  // 0 for a document of the whole case file (the contact network)
	Title   string // 不正行為発生報告書, 議事録（第1回）…: the dialog, the timeline and the file name say it
	Subject string // the line under the title; default the case's number and title
	// FileName is the suggested name; default 2026-005_<Title>.pdf.
	FileName string
	// AddresseeDefault is the 宛先 an outgoing letter (reports.KindInfo.Letter)
	// starts with; default the first of reports.Addressees (宮城県知事).
	AddresseeDefault string
	// Build makes the unsigned PDF; it runs off the UI goroutine.
	Build func(opt reports.DocOptions) ([]byte, error)
	// Done, when set, runs on the UI goroutine once the document is written
	// and recorded.
	Done func(path string)
	// Recorded is the 第n報 printed, when it is a recorded one: its 宛先 and
	// 文書番号 are those it was recorded with, shown but not asked for.
	Recorded *data.ReportVersion
}

// createDocument is the dialog that makes a document: its addressee when it
// has one and, when signing, the passphrase of the officer's certificate
// (made here the first time, asked twice). The passphrase lives only in the
// dialog's entries, cleared when it closes.
type createDocument struct {
	draft   *dialogDraft // the 宛先 and 文書番号 typed, until the document is made
	env     *Env
	job     DocumentJob
	p12Path string
	newID   bool // no certificate yet: one is made with the passphrase typed twice

	// The letter's choices (reports.KindInfo.Letter): 宛先, 送付用 / 決裁用, 文書番号.
	letter     bool
	onRequest  bool // a letter only when a 宛先 is given (reports.KindInfo.SentOnRequest)
	addressee  *entry
	addressees []string // the contact network's, offered under the entry
	copyChoice *widget.RadioGroup
	number     *entry
	numberNext *widget.Check

	sign     *widget.Check
	pass     *entry
	passErr  fieldError
	pass2    *entry
	pass2Err fieldError
	idNote   *jpText
	idBox    *fyne.Container // the new-certificate note and the second passphrase
	msg      fieldError
	progress *widget.ProgressBarInfinite
	cancel   *widget.Button
	ok       *widget.Button
	dlg      *dialog.CustomDialog

	id   *reports.Identity // loaded for one document, dropped after it
	busy bool
	done chan struct{} // made by each run, closed when it has finished (for the tests)
	// async runs the work off the UI goroutine; the tests may run it in
	// line, since the test driver's fyne.Do does not hand over to one UI goroutine.
	async func(func())

	// What was written, for adding signatures afterwards.
	written data.Document
	path    string
	issued  string // the 文書番号 the register gave, "" for none
}

// ShowDocumentDialog opens the dialog that makes job's document, signed with
// the officer's certificate (Env.IdentityFile).
func ShowDocumentDialog(env *Env, job DocumentJob) {
	r := newCreateDocument(env, job, env.identityFile())
	ShowDialog(env.Window, r.dlg, r.cancel)
	env.Window.Canvas().Focus(r.pass)
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
	ShowDialog(r.env.Window, r.dlg, r.cancel)
	env.Window.Canvas().Focus(r.pass)
}

// newCreateReport builds the dialog of the case's report; nil without error
// when the case's class is not decided yet (the message saying so is shown
// instead).
func newCreateReport(env *Env, caseID int64, p12Path string) (*createDocument, error) {
	job, err := reportJob(env.Store, caseID)
	if err != nil {
		return nil, err
	}
	if job.Kind == "" {
		msg := newJPText(i18n.T("reportui.pending"))
		d := dialog.NewCustom(i18n.T("reportui.title"), i18n.T("common.close"), msg, env.Window)
		d.Resize(fyne.NewSize(580, 180))
		ShowDialog(env.Window, d, nil)
		return nil, nil
	}
	return newCreateDocument(env, job, p12Path), nil
}

// reportJob is the report a case's class calls for: 不正行為発生報告書 or
// 障害発生報告書; a job without Kind for a 判定中 case.
func reportJob(s data.Store, caseID int64) (DocumentJob, error) {
	c, err := s.Case(caseID)
	if err != nil {
		return DocumentJob{}, err
	}
	if _, ok := reports.ReportKind(c.Class); !ok {
		return DocumentJob{}, nil
	}
	// A 第n報 already recorded prints as it was recorded, with its own
	// addressee (versions.go); otherwise the report as the case is now.
	rj, v, err := reports.PrintJob(s, c)
	if err != nil {
		return DocumentJob{}, err
	}
	if v != nil {
		return versionJob(c, *v), nil
	}
	return DocumentJob{Kind: rj.Kind, CaseID: caseID, Title: reports.KindTitle(rj.Kind), Build: rj.Build}, nil
}

// pipeline is the job as reports.Produce takes it.
func (j DocumentJob) pipeline() reports.Job {
	return reports.Job{Kind: j.Kind, CaseID: j.CaseID, Title: j.Title, Build: j.Build}
}

func newCreateDocument(env *Env, job DocumentJob, p12Path string) *createDocument {
	r := &createDocument{env: env, job: job, p12Path: p12Path}
	if _, err := os.Stat(p12Path); errors.Is(err, os.ErrNotExist) {
		r.newID = true
	}
	k, _ := reports.Kind(job.Kind)
	if k.Letter {
		r.letter, r.onRequest = true, k.SentOnRequest
		// A network that cannot be read leaves the entry to be typed.
		r.addressees, _ = reports.Addressees(env.Store)
		if r.job.AddresseeDefault == "" && !k.SentOnRequest && len(r.addressees) > 0 {
			r.job.AddresseeDefault = r.addressees[0]
		}
	}
	r.buildUI()
	return r
}

// subject is the line under the document's title.
func (r *createDocument) subject() string {
	if r.job.Subject != "" || r.job.CaseID == 0 {
		return r.job.Subject
	}
	c, err := r.env.Store.Case(r.job.CaseID)
	if err != nil {
		return ""
	}
	return c.Number + "　" + c.Title
}

func (r *createDocument) buildUI() {
	doc := widget.NewLabel(r.job.Title)
	doc.TextStyle.Bold = true
	caseLine := newJPText(r.subject())
	r.addressee = newEntry()
	r.addressee.SetText(r.job.AddresseeDefault)
	if r.onRequest {
		r.addressee.SetPlaceHolder(i18n.T("reportui.addressee_internal"))
	}
	r.copyChoice = widget.NewRadioGroup([]string{i18n.T("reportui.copy_send"), i18n.T("reportui.copy_approval")}, nil)
	r.copyChoice.Horizontal = true
	r.copyChoice.Required = true
	r.copyChoice.SetSelected(i18n.T("reportui.copy_send"))
	r.number = newEntry()
	r.number.SetPlaceHolder(i18n.T("reportui.number_placeholder"))
	r.numberNext = widget.NewCheck(i18n.T("reportui.number_next"), func(on bool) {
		if on {
			r.number.SetText("")
			r.number.Disable()
		} else {
			r.number.Enable()
		}
	})
	r.sign = widget.NewCheck(i18n.T("reportui.sign"), r.onSignChanged)
	r.pass = newPasswordEntry()
	r.pass.OnSubmitted = func(string) { r.onCreate() }
	r.passErr = newFieldError()
	r.pass2 = newPasswordEntry()
	r.pass2.OnSubmitted = func(string) { r.onCreate() }
	r.pass2Err = newFieldError()
	r.msg = newFieldError()
	r.progress = widget.NewProgressBarInfinite()
	r.progress.Stop()
	r.progress.Hide()

	fields := []fyne.CanvasObject{widget.NewLabel(i18n.T("reportui.document")), container.NewVBox(doc, caseLine)}
	if v := r.job.Recorded; v != nil {
		// A recorded report keeps its addressee and number.
		r.addressee.SetText(v.Addressee)
		r.addressee.Disable()
		r.number.SetText(v.Number)
		r.number.Disable()
		r.numberNext.Hide()
	}
	if r.letter {
		fields = append(fields,
			widget.NewLabel(i18n.T("reportui.copy")), r.copyChoice,
			widget.NewLabel(i18n.T("reportui.addressee")), container.NewBorder(nil, nil, nil, r.addresseeMenu(), r.addressee),
			widget.NewLabel(i18n.T("reportui.number")), container.NewVBox(r.number, r.numberNext))
	}
	fields = append(fields, widget.NewLabel(""), r.sign,
		widget.NewLabel(i18n.T("reportui.passphrase")), container.NewVBox(r.pass, r.passErr))
	form := container.New(layout.NewFormLayout(), fields...)
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
	r.dlg = dialog.NewCustomWithoutButtons(r.dialogTitle(), body, r.env.Window)
	r.dlg.SetButtons([]fyne.CanvasObject{r.cancel, r.ok})
	r.dlg.SetOnClosed(r.forget)
	if r.letter && r.job.Recorded == nil {
		// The 宛先 and 文書番号 typed and not yet printed are kept (never the
		// passphrase), back the next time this document is made.
		r.draft = newDialogDraft(r.env, r.job.CaseID, "document/"+r.job.Kind+"/"+r.job.Title)
		r.draft.field("addressee", &r.addressee.Entry)
		r.draft.field("number", &r.number.Entry)
		r.draft.attach(r.dlg)
	}
	if r.letter {
		r.dlg.Resize(fyne.NewSize(680, 560))
	} else {
		r.dlg.Resize(fyne.NewSize(640, 420))
	}
	r.sign.SetChecked(true)
}

// addresseeMenu is the button beside the 宛先 that offers the contact
// network's addressees; the officer may still type any other.
func (r *createDocument) addresseeMenu() *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon("", theme.MenuDropDownIcon(), func() {
		items := make([]*fyne.MenuItem, len(r.addressees))
		for i, a := range r.addressees {
			items[i] = fyne.NewMenuItem(a, func() { r.addressee.SetText(a) })
		}
		c := r.env.Window.Canvas()
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(r.addressee)
		widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), c, pos.AddXY(0, r.addressee.Size().Height))
	})
	if len(r.addressees) == 0 {
		b.Disable()
	}
	return b
}

// options are the letter's choices as the dialog holds them, and whether the
// 文書番号 is to come from the register.
func (r *createDocument) options() (reports.DocOptions, bool) {
	if !r.letter {
		return reports.DocOptions{}, false
	}
	opt := reports.DocOptions{Addressee: strings.TrimSpace(r.addressee.Text), Number: strings.TrimSpace(r.number.Text)}
	if r.copyChoice.Selected == i18n.T("reportui.copy_approval") {
		opt.Copy = reports.CopyApproval
	}
	if r.numberNext.Checked {
		opt.Number = ""
	}
	if v := r.job.Recorded; v != nil {
		return reports.VersionOptions(*v, opt), false
	}
	return opt, r.numberNext.Checked
}

// signerName is who the new certificate names: 山田（セキュリティ責任者）.
func (r *createDocument) signerName() string {
	o := r.env.officer()
	if strings.TrimSpace(o.Name) == "" {
		return i18n.T("reportui.no_name")
	}
	return o.Actor()
}

func (r *createDocument) onSignChanged(on bool) {
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

func (r *createDocument) close() { r.dlg.Hide() }

// forget drops the passphrase and the key when the dialog closes.
func (r *createDocument) forget() {
	r.pass.SetText("")
	r.pass2.SetText("")
	r.id = nil
}

// onCreate checks the dialog, opens (or first makes) the certificate and asks
// where to save the report.
func (r *createDocument) onCreate() {
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
		Title:   i18n.T("reportui.save_title", map[string]any{"Title": r.job.Title}),
		Confirm: i18n.T("reportui.save"),
		Note:    i18n.T("reportui.save_note"),
		Folder:  DocumentFolder(r.env.Store.Path()),
		Name:    r.defaultName(),
		Kind:    KindDocument,
	}, r.onPathChosen)
}

// dialogTitle is 報告書を作成 for the reports, 〇〇を作成 for the others.
func (r *createDocument) dialogTitle() string {
	if r.job.Kind == data.DocMisconductReport || r.job.Kind == data.DocFailureReport {
		return i18n.T("reportui.title")
	}
	return i18n.T("reportui.title_of", map[string]any{"Title": r.job.Title})
}

// defaultName is 2026-005_不正行為発生報告書.pdf unless the job names one.
func (r *createDocument) defaultName() string {
	if r.job.FileName != "" {
		return r.job.FileName
	}
	if r.job.CaseID == 0 {
		return r.job.Title + ".pdf"
	}
	c, err := r.env.Store.Case(r.job.CaseID)
	if err != nil {
		return r.job.Title + ".pdf"
	}
	return c.Number + "_" + r.job.Title + ".pdf"
}

// loadIdentity opens the officer's certificate with the passphrase typed,
// making it first when there is none; false with the reason shown when not.
func (r *createDocument) loadIdentity() bool {
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
		b, err := data.ReadRegularFile(r.p12Path, "p12", data.MaxP12Bytes)
		if err != nil {
			if e := data.AsError(err); e == nil || e.Rule == "" {
				err = &data.Error{Code: data.EINVALID, Field: "p12", Rule: "corrupt", Err: err}
			}
			r.msg.set(i18n.ErrorMessage(err))
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
	// WriteFileAtomic creates its temporary file 0600: the key is never
	// readable by others, not even for a moment.
	return reports.WriteFileAtomic(path, p12)
}

// onPathChosen makes the report in the background, with the dialog showing
// that it is working.
func (r *createDocument) onPathChosen(path string) error {
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
func (r *createDocument) start(path string) {
	r.busy = true
	r.ok.Disable()
	r.cancel.Disable()
	r.progress.Show()
	r.progress.Start()
	id := r.id
	opt, next := r.options()
	done := make(chan struct{})
	r.done = done
	run := r.async
	if run == nil {
		run = func(f func()) { go f() }
	}
	run(func() {
		sum, err := r.produce(path, opt, next, id)
		fyne.Do(func() {
			r.finish(path, sum, err)
			close(done)
		})
	})
}

// produce writes the document to path, signed when id is set, and records it
// in the case file (reports.Produce); it returns the file's SHA-256 in hex.
// Nothing is left on disk when it fails.
func (r *createDocument) produce(path string, opt reports.DocOptions, next bool, id *reports.Identity) (string, error) {
	job := r.job.pipeline()
	job.IssueNumber = next
	job.Numbered = func(n string) { r.issued = n }
	doc, err := reports.Produce(r.env.Store, job, opt, path, id, time.Now())
	if err != nil {
		return "", err
	}
	r.written, r.path = doc, path
	return doc.SHA256, nil
}

// finish shows how the document went, on the UI goroutine.
func (r *createDocument) finish(path, sum string, err error) {
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
	r.draft.Recorded()
	r.dlg.Hide()
	r.env.saved()
	if r.job.Done != nil {
		r.job.Done(path)
	}
	text := i18n.T("reportui.done", map[string]any{"Title": r.job.Title, "Path": path, "Hash": sum[:16]})
	if r.issued != "" {
		text += "\n" + i18n.T("reportui.issued", map[string]any{"Number": r.issued})
	}
	r.showWritten(text)
}

// showWritten says where the document is, with 開く, 印刷 and 署名を追加
// (another approver signs the same file after the first).
func (r *createDocument) showWritten(text string) {
	var d dialog.Dialog
	buttons := container.NewHBox()
	if open := r.env.OpenFile; open != nil {
		run := func(print bool) {
			if err := open(r.path, print); err != nil {
				ShowError(err, r.env.Window)
			}
		}
		buttons.Add(widget.NewButtonWithIcon(i18n.T("reportui.open"), theme.FileIcon(), func() { run(false) }))
		buttons.Add(widget.NewButtonWithIcon(i18n.T("reportui.print"), theme.DocumentPrintIcon(), func() { run(true) }))
	}
	buttons.Add(widget.NewButtonWithIcon(i18n.T("reportui.countersign"), theme.ContentAddIcon(), func() {
		d.Hide()
		r.showCountersign()
	}))
	signers := make([]string, len(r.written.Signers))
	for i, sg := range r.written.Signers {
		signers[i] = sg.Name
	}
	if len(signers) > 0 {
		text += "\n" + i18n.T("reportui.signed_by", map[string]any{"Names": strings.Join(signers, "、")})
	}
	d = dialog.NewCustom(r.dialogTitle(), i18n.T("common.close"), container.NewVBox(newJPText(text), buttons), r.env.Window)
	d.Resize(fyne.NewSize(640, 280))
	ShowDialog(r.env.Window, d, nil)
}

// showCountersign asks for another approver's certificate (.p12) and
// passphrase, and adds their signature to the document written.
func (r *createDocument) showCountersign() {
	file := newEntry()
	file.SetPlaceHolder(i18n.T("reportui.p12_placeholder"))
	choose := widget.NewButtonWithIcon(i18n.T("reportui.p12_choose"), theme.FolderOpenIcon(), func() {
		ShowChoose(r.env.Window, ChooseOptions{Title: i18n.T("app.files.p12_title"), Kind: KindCertificate, Ext: ".p12", Folder: filepath.Dir(r.p12Path)}, func(p string) { file.SetText(p) })
	})
	pass := newPasswordEntry()
	msg := newFieldError()
	note := newJPText(i18n.T("reportui.countersign_note"))
	body := container.NewVBox(note, container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("reportui.p12")), container.NewBorder(nil, nil, nil, choose, file),
		widget.NewLabel(i18n.T("reportui.passphrase")), pass), msg)
	var d *dialog.CustomDialog
	sign := func() {
		sum, err := r.countersign(strings.TrimSpace(file.Text), pass.Text)
		pass.SetText("")
		if err != nil {
			msg.set(i18n.ErrorMessage(err))
			return
		}
		d.Hide()
		r.env.saved()
		r.showWritten(i18n.T("reportui.countersigned", map[string]any{"Title": r.job.Title, "Path": r.path, "Hash": sum[:16]}))
	}
	pass.OnSubmitted = func(string) { sign() }
	cancel := widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), func() { d.Hide() })
	ok := widget.NewButtonWithIcon(i18n.T("reportui.countersign_do"), theme.ConfirmIcon(), sign)
	ok.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(i18n.T("reportui.countersign_title"), body, r.env.Window)
	d.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.SetOnClosed(func() { pass.SetText("") })
	d.Resize(fyne.NewSize(640, 300))
	ShowDialog(r.env.Window, d, nil)
	r.env.Window.Canvas().Focus(file)
}

// countersign adds the signature of the certificate in p12Path to the
// document written (reports.Countersign: the file must still be the one
// recorded; on any failure the signed-once file stays as it was).
func (r *createDocument) countersign(p12Path, passphrase string) (string, error) {
	if p12Path == "" {
		return "", data.Invalid("p12", "required")
	}
	if passphrase == "" {
		return "", data.Invalid("passphrase", "required")
	}
	b, err := data.ReadRegularFile(p12Path, "p12", data.MaxP12Bytes)
	if err != nil {
		if e := data.AsError(err); e == nil || e.Rule == "" {
			err = &data.Error{Code: data.EINVALID, Field: "p12", Rule: "corrupt", Err: err}
		}
		return "", err
	}
	id, err := reports.LoadIdentity(b, passphrase, time.Now())
	if err != nil {
		return "", err
	}
	doc, err := reports.Countersign(r.env.Store, r.written, r.path, r.job.Title, id, time.Now())
	if err != nil {
		return "", err
	}
	r.written = doc
	return doc.SHA256, nil
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
		ShowDialog(d.env.Window, dialog.NewInformation(i18n.T("reportui.title"), i18n.T("reportui.no_case"), d.env.Window), nil)
		return
	}
	if err := d.Flush(); err != nil {
		ShowError(err, d.env.Window)
		return
	}
	ShowCreateReport(d.env, d.c.ID, p12Path)
}
