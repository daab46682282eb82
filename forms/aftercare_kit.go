package forms

import (
	"strconv"
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
)

// What the panels of the 修復・再開連絡・対策 tab share (aftercare.go): a date
// field, the dialog that records one thing, and a row of a list with its
// buttons.

// dateField is a date and time typed as 2026/11/27 14:05 (or in 和暦), with
// 現在 to fill in now and the 和暦 reading beside it. Empty is allowed where
// the record does not need the time yet (a completion still to come).
type dateField struct {
	env    *Env
	entry  *entry
	wareki *widget.Label
	box    fyne.CanvasObject
}

func newDateField(env *Env, t time.Time) *dateField {
	f := &dateField{env: env, entry: newEntry(), wareki: widget.NewLabel("")}
	f.entry.SetPlaceHolder(i18n.T("timeline.at.placeholder"))
	f.entry.OnChanged = func(s string) {
		if t, err := i18n.ParseDateTime(s, env.zone()); err == nil && strings.TrimSpace(s) != "" {
			f.wareki.SetText(i18n.Wareki(t))
		} else {
			f.wareki.SetText("")
		}
	}
	if !t.IsZero() {
		f.entry.SetText(i18n.WesternDateTime(t.In(env.zone())))
	}
	now := widget.NewButtonWithIcon(i18n.T("timeline.now"), theme.HistoryIcon(), func() {
		f.entry.SetText(i18n.WesternDateTime(data.Now().In(env.zone())))
	})
	now.Importance = widget.LowImportance
	w := fyne.MeasureText("0000/00/00 00:00", theme.TextSize(), fyne.TextStyle{}).Width + 4*theme.InnerPadding()
	f.box = container.NewHBox(container.NewGridWrap(fyne.NewSize(w, f.entry.MinSize().Height), f.entry), now, f.wareki)
	return f
}

// newDayField is a dateField for a day (a due date): 2026/12/20, no 現在.
func newDayField(env *Env, t time.Time) *dateField {
	f := newDateField(env, time.Time{})
	if !t.IsZero() {
		f.entry.SetText(i18n.Western(t.In(env.zone())))
	}
	f.entry.SetPlaceHolder(i18n.T("aftercare.day_placeholder"))
	w := fyne.MeasureText("0000/00/00 00:00", theme.TextSize(), fyne.TextStyle{}).Width + 4*theme.InnerPadding()
	f.box = container.NewHBox(container.NewGridWrap(fyne.NewSize(w, f.entry.MinSize().Height), f.entry), f.wareki)
	return f
}

// value is the time typed, zero when the field is empty; field names the
// field in the error.
func (f *dateField) value(field string) (time.Time, error) {
	if strings.TrimSpace(f.entry.Text) == "" {
		return time.Time{}, nil
	}
	t, err := i18n.ParseDateTime(f.entry.Text, f.env.zone())
	if err != nil {
		return t, withField(err, field)
	}
	return t, nil
}

// recordDialog asks for one record: a form of labelled fields, a message
// line, 取消 and the confirm button. onConfirm saves and returns the error
// to show (the dialog stays open), or nil to close.
type recordDialog struct {
	dlg dialog.Dialog
	err fieldError
}

// draft (nil for none) keeps the text fields typed and not yet saved as
// drafts, back when the same dialog opens again, until it is saved.
func showRecordDialog(env *Env, draft *dialogDraft, title, confirmText string, fields []formField, note fyne.CanvasObject, onConfirm func() error) *recordDialog {
	d := &recordDialog{err: newFieldError()}
	form := container.New(layout.NewFormLayout())
	for _, f := range fields {
		form.Add(widget.NewLabel(f.label))
		form.Add(f.object)
	}
	body := container.NewVBox()
	if note != nil {
		body.Add(note)
	}
	body.Add(form)
	body.Add(d.err)
	cancel := widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), func() { d.dlg.Hide() })
	ok := widget.NewButtonWithIcon(confirmText, theme.ConfirmIcon(), func() {
		if err := onConfirm(); err != nil {
			d.err.set(i18n.ErrorMessage(err))
			return
		}
		draft.Recorded()
		d.dlg.Hide()
	})
	ok.Importance = widget.HighImportance
	dlg := dialog.NewCustomWithoutButtons(title, body, env.Window)
	dlg.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.dlg = dlg
	for i, f := range fields {
		if e, ok := f.object.(*entry); ok {
			draft.field(strconv.Itoa(i), &e.Entry)
		}
	}
	draft.attach(dlg)
	d.dlg.Resize(fyne.NewSize(760, body.MinSize().Height+120))
	ShowDialog(env.Window, d.dlg, cancel)
	return d
}

// formField is a labelled field of a recordDialog.
type formField struct {
	label  string
	object fyne.CanvasObject
}

// textField is a one-line entry holding text.
func textField(text, placeholder string) *entry {
	e := newEntry()
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	return e
}

// notesField is a multi-line entry holding text.
func notesField(text, placeholder string) *entry {
	e := newMultiLineEntry()
	e.SetMinRowsVisible(3)
	e.SetText(text)
	e.SetPlaceHolder(placeholder)
	return e
}

// recordRow is a row of a list of records: its text, and 編集 and 削除.
func recordRow(text string, onEdit, onDelete func()) fyne.CanvasObject {
	edit := widget.NewButtonWithIcon(i18n.T("aftercare.edit"), theme.DocumentCreateIcon(), onEdit)
	edit.Importance = widget.LowImportance
	del := widget.NewButtonWithIcon(i18n.T("aftercare.delete"), theme.DeleteIcon(), onDelete)
	del.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), newJPText(text))
}

// confirmDelete asks before a record is deleted (the audit log keeps it).
func confirmDelete(env *Env, what string, onOK func()) {
	confirm(env.Window, i18n.T("aftercare.delete.title"), i18n.T("aftercare.delete.text", map[string]any{"What": what}),
		i18n.T("aftercare.delete"), i18n.T("common.cancel"), onOK)
}

// sectionHead heads a panel: the title with its article, the regulation's
// words under it, and buttons at the right. Its texts can be set later.
type sectionHead struct {
	title, quote *jpText
	content      fyne.CanvasObject
}

func newSectionHead(title, quote string, buttons ...fyne.CanvasObject) *sectionHead {
	h := &sectionHead{title: boldText(title), quote: captionText(quote)}
	h.content = panel(colorNextBg, container.NewBorder(nil, nil, nil, container.NewHBox(buttons...), container.NewVBox(h.title, h.quote)))
	return h
}

// set changes the title and the quoted words.
func (h *sectionHead) set(title, quote string) {
	h.title.SetText(title)
	h.quote.SetText(quote)
}

// quoteStep is the regulation's words of a step, quoted.
func quoteStep(id string) string {
	return i18n.T("aftercare.quote", map[string]any{"Text": stepWording(id)})
}

// officerName is the name of the officer at the keyboard, to prefill "by".
func (e *Env) officerName() string { return strings.TrimSpace(e.officer().Name) }
