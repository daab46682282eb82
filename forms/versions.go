package forms

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// versionsPanel lists a case's recorded reports (第n報) under the 報告
// section of the report items and failure screens: when each was reported,
// its 文書番号, to whom, the 最終報; each prints as it was recorded.
type versionsPanel struct {
	env    *Env
	caseID int64
	list   []data.ReportVersion

	rows   *fyne.Container
	box    fyne.CanvasObject
	asking *recordVersionDialog // the last dialog opened (for the tests)
}

func newVersionsPanel(env *Env, caseID int64) *versionsPanel {
	p := &versionsPanel{env: env, caseID: caseID, rows: container.NewVBox()}
	p.box = container.NewVBox(boldLabel(i18n.T("versions.list.title")), p.rows)
	return p
}

// Reload reads the case's versions again and shows them.
func (p *versionsPanel) Reload() error {
	list, err := p.env.Store.ReportVersions(p.caseID)
	if err != nil {
		return err
	}
	p.list = list
	p.rows.Objects = nil
	if len(list) == 0 {
		p.rows.Add(captionText(i18n.T("versions.list.empty")))
	}
	for _, v := range list {
		key := "versions.list.row"
		if v.Final {
			key = "versions.list.row_final"
		}
		text := i18n.T(key, map[string]any{"No": v.No, "At": dateTimeWithWareki(v.ReportedAt), "Number": v.Number, "To": v.Addressee})
		print := widget.NewButtonWithIcon(i18n.T("versions.list.print"), theme.DocumentPrintIcon(), func() { p.print(v) })
		p.rows.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.DocumentIcon()), print, newJPText(text)))
	}
	p.rows.Refresh()
	return nil
}

// version is the recorded 第no報, if any.
func (p *versionsPanel) version(no int) (data.ReportVersion, bool) {
	return reports.FindVersion(p.list, "", no)
}

// final is the recorded 最終報, if any.
func (p *versionsPanel) final() (data.ReportVersion, bool) {
	for _, v := range p.list {
		if v.Final {
			return v, true
		}
	}
	return data.ReportVersion{}, false
}

// print opens the document dialog for a recorded report: it is built from
// its snapshot, the same every time; the copy, signing and the file are
// chosen there.
func (p *versionsPanel) print(v data.ReportVersion) {
	c, err := p.env.Store.Case(p.caseID)
	if err != nil {
		ShowError(err, p.env.Window)
		return
	}
	ShowDocumentDialog(p.env, versionJob(c, v))
}

// versionJob is the document dialog's job for a recorded report of case c.
func versionJob(c data.Case, v data.ReportVersion) DocumentJob {
	job := reports.VersionJob(v)
	return DocumentJob{Kind: job.Kind, CaseID: job.CaseID, Title: job.Title, Build: job.Build, Recorded: &v,
		FileName: c.Number + "_" + strings.ReplaceAll(job.Title, " ", "_") + ".pdf"}
}

// versionStatus is what the status line of the 報告 section says about the
// report numbered n: recorded (with its 文書番号), or not yet.
func (p *versionsPanel) versionStatus(n int) (string, bool) {
	if v, ok := p.version(n); ok {
		return i18n.T("versions.status.recorded", map[string]any{
			"N": n, "At": dateTimeWithWareki(v.ReportedAt), "To": v.Addressee, "Number": v.Number}), true
	}
	if v, ok := p.final(); ok {
		return i18n.T("versions.status.final", map[string]any{"N": v.No}), true
	}
	return i18n.T("versions.status.not_recorded", map[string]any{"N": n}), false
}

// refusal says why the 第n報 cannot be recorded (already recorded, or after
// the 最終報), "" when it can.
func (p *versionsPanel) refusal(n int) string {
	if _, ok := p.version(n); ok {
		return i18n.T("versions.already", map[string]any{"N": n})
	}
	if _, ok := p.final(); ok {
		return i18n.ErrorMessage(data.Invalid("report_no", "afterfinal"))
	}
	return ""
}

// recordVersionDialog asks for the 文書番号 (empty: the register's next one)
// and whether the report is the 最終報, then records it. A number refused
// (given before) is said under the field and the dialog stays open.
type recordVersionDialog struct {
	number    *entry
	numberErr fieldError
	final     *widget.Check
	record    *widget.Button
	cancel    *widget.Button
	dlg       *dialog.CustomDialog
}

// ask shows the dialog for the 第n報 reported at at to to; record does the
// work and returns what went wrong.
func (p *versionsPanel) ask(n int, at time.Time, to string, record func(number string, final bool) (data.ReportVersion, error)) {
	env := p.env
	symbol, err := env.Store.Setting(data.SettingLetterSymbol, data.DefaultLetterSymbol)
	if err != nil {
		symbol = data.DefaultLetterSymbol
	}
	d := &recordVersionDialog{numberErr: newFieldError()}
	draft := newDialogDraft(env, p.caseID, "version/"+strconv.Itoa(n))
	d.number = newEntry()
	d.number.SetPlaceHolder(i18n.T("versions.dialog.number_placeholder", map[string]any{"Symbol": symbol}))
	hint := i18n.T("versions.dialog.number_hint")
	// A draft printed with the register's next number went out with it:
	// the report keeps that number.
	if pending := p.pendingNumber(); pending != "" {
		d.number.SetText(pending)
		hint = i18n.T("versions.dialog.number_pending", map[string]any{"Number": pending})
	}
	d.final = widget.NewCheck(i18n.T("versions.dialog.final"), nil)
	body := container.NewVBox(
		newJPText(i18n.T("versions.dialog.text", map[string]any{"N": n, "At": dateTimeWithWareki(at)})),
		boldText(i18n.T("versions.dialog.to", map[string]any{"To": to})),
		widget.NewLabel(i18n.T("versions.dialog.number")), d.number, d.numberErr,
		captionText(hint),
		d.final,
	)
	d.cancel = widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), func() { d.dlg.Hide() })
	d.record = widget.NewButtonWithIcon(i18n.T("versions.dialog.record"), theme.ConfirmIcon(), func() {
		v, err := record(strings.TrimSpace(d.number.Text), d.final.Checked)
		if e := data.AsError(err); e != nil && e.Field == "doc_number" {
			d.numberErr.set(i18n.ErrorMessage(err))
			env.Window.Canvas().Focus(d.number)
			return
		}
		if err == nil {
			draft.Recorded()
		}
		// Closed first: closing a dialog closes the ones above it too.
		d.dlg.Hide()
		if err != nil {
			ShowError(err, env.Window)
			return
		}
		info := dialog.NewInformation(i18n.T("versions.dialog.title", map[string]any{"N": v.No}),
			i18n.T("versions.recorded", map[string]any{"N": v.No, "Number": v.Number}), env.Window)
		ShowDialog(env.Window, info, nil)
	})
	d.record.Importance = widget.HighImportance
	d.dlg = dialog.NewCustomWithoutButtons(i18n.T("versions.dialog.title", map[string]any{"N": n}), body, env.Window)
	d.dlg.SetButtons([]fyne.CanvasObject{d.cancel, d.record})
	d.dlg.Resize(fyne.NewSize(620, 0))
	draft.field("number", &d.number.Entry) // the 文書番号 typed, kept until recorded
	draft.attach(d.dlg)
	ShowDialog(env.Window, d.dlg, d.cancel)
	env.Window.Canvas().Focus(d.number)
	p.asking = d
}

// pendingNumber is the number the register gave for this case's report
// (a draft printed with 番号台帳から次の番号を取る) that no recorded report
// uses yet, "" if none or unreadable (the officer then types or leaves it).
func (p *versionsPanel) pendingNumber() string {
	c, err := p.env.Store.Case(p.caseID)
	if err != nil {
		return ""
	}
	kind, ok := reports.ReportKind(c.Class)
	if !ok {
		return ""
	}
	n, err := p.env.Store.PendingDocNumber(p.caseID, kind)
	if err != nil {
		return ""
	}
	return n
}

// recordVersion freezes and records the case's 第n報 once the screen's
// fields are saved (save), then shows it (after).
func recordVersion(env *Env, caseID int64, number string, final bool, save func() error, after func()) (data.ReportVersion, error) {
	if err := save(); err != nil {
		return data.ReportVersion{}, err
	}
	v, err := reports.RecordVersion(env.Store, caseID, number, final)
	if err != nil {
		return v, err
	}
	after()
	env.saved()
	return v, nil
}
