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

// The pieces the form screens of a case (概要, 障害の報告, 報告事項, 脅威度)
// share, so that they look and behave alike: the header with its 条文 button,
// the headings that name the article a part follows, the label column, the
// message under each field, the save as the officer types, and the
// field-by-field save that keeps what the rules refuse out of the file.

// formSaver is the autosave of a form screen: the autosaver, and the
// indicator in the screen's header that shows what it reports. Embedded in a
// screen, it gives the screen its Flush.
type formSaver struct {
	saver     *autosaver
	indicator *saveIndicator
}

// newFormSaver makes the autosave of a screen that save writes, delay after
// the last edit.
func newFormSaver(delay time.Duration, save func() error) formSaver {
	ind := newSaveIndicator()
	return formSaver{saver: newAutosaver(delay, save, ind.SetState), indicator: ind}
}

// Flush saves at once what is waiting to be saved, e.g. before the case is
// closed or another case is opened.
func (s formSaver) Flush() error { return s.saver.Flush() }

// screenHead is the top line of a form screen: its title, and at the right
// the save indicator (nil for a screen that records with a button) and the
// button that shows the article the screen follows.
func screenHead(title, articleButton string, onArticle func(), indicator fyne.CanvasObject) *fyne.Container {
	t := widget.NewLabel(title)
	t.TextStyle.Bold = true
	t.SizeName = theme.SizeNameSubHeadingText
	article := widget.NewButtonWithIcon(articleButton, theme.FileTextIcon(), onArticle)
	article.Importance = widget.LowImportance
	var right fyne.CanvasObject = article
	if indicator != nil {
		right = container.NewHBox(indicator, article)
	}
	return container.NewBorder(nil, nil, nil, right, t)
}

// articleBand heads a part of a screen with the part of the regulation it
// follows: the article (第5条第1号ア) in bold at the left, the heading, and
// button (nil for none) at the right, on the tint of headings.
func articleBand(article string, heading, button fyne.CanvasObject) fyne.CanvasObject {
	art := widget.NewLabel(article)
	art.Importance = widget.HighImportance
	art.TextStyle.Bold = true
	return panel(colorNextBg, container.NewBorder(nil, nil, art, button, heading))
}

// showArticleText shows article n of the regulation in a dialog. highlight,
// words of the article, when not empty is quoted on top, so that it need not
// be searched for, and marked in the text.
func showArticleText(win fyne.Window, n int, title, highlight string) {
	text := data.ArticleText(n)
	if text == "" {
		return
	}
	body := regulationText(text, highlight)
	size := fyne.NewSize(820, 560)
	if highlight != "" {
		body = container.NewVBox(panel(colorNextBg, boldText(highlight)), widget.NewSeparator(), body)
		size.Height += 40 // room for the passage
	}
	d := dialog.NewCustom(title, i18n.T("common.close"), container.NewVScroll(body), win)
	d.Resize(size)
	ShowDialog(win, d, nil)
}

// stepWording is the regulation's wording of a step.
func stepWording(id string) string {
	s, _ := data.StepByID(id)
	return s.Action
}

// newClassNote is what a screen for one class of case shows in place of its
// body for a case of another class: a note, and its text.
func newClassNote() (*fyne.Container, *jpText) {
	text := newJPText("")
	return container.NewVBox(panel(colorNoteBg,
		container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, text))), text
}

// showForClass shows body for a case of the class the screen serves, and
// otherwise the note, its text saying (with key, which takes the case's
// class) why the screen is empty.
func showForClass(c data.Case, class data.Class, body, note fyne.CanvasObject, noteText *jpText, key string) {
	if c.Class == class {
		note.Hide()
		body.Show()
		return
	}
	noteText.SetText(i18n.T(key, map[string]any{"Class": ClassLabel(c.Class)}))
	body.Hide()
	note.Show()
}

// boldLabel is a one-line heading inside a screen.
func boldLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}

// boldText is a heading that may run over several lines.
func boldText(text string) *jpText {
	t := newJPText(text)
	t.TextStyle.Bold = true
	return t
}

// captionText is an introduction or a hint: wrapping text in the small size.
func captionText(text string) *jpText {
	t := newJPText(text)
	t.SizeName = theme.SizeNameCaptionText
	return t
}

// labelColumn is a layout that gives a label at least the width of the
// widest label it was shown: one labelColumn for every form of a screen lines
// up the fields of the whole screen.
type labelColumn struct{ width float32 }

func (c *labelColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(max(s.Width, c.width), s.Height)
}

func (c *labelColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// form lays out label (string), field (fyne.CanvasObject) pairs with the
// labels in the column.
func (c *labelColumn) form(pairs ...any) fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for i := 0; i+1 < len(pairs); i += 2 {
		l := widget.NewLabel(pairs[i].(string))
		c.width = max(c.width, l.MinSize().Width)
		objs = append(objs, container.New(c, l), pairs[i+1].(fyne.CanvasObject))
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// newLineEntry is a one-line entry that calls changed at every edit.
func newLineEntry(placeholder string, changed func()) *entry {
	e := newEntry()
	e.SetPlaceHolder(placeholder)
	e.OnChanged = func(string) { changed() }
	return e
}

// newTextEntry is a multi-line entry rows lines high, wrapped at words, that
// calls changed (unless nil) at every edit.
func newTextEntry(placeholder string, rows int, changed func()) *entry {
	e := newMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	e.SetPlaceHolder(placeholder)
	if changed != nil {
		e.OnChanged = func(string) { changed() }
	}
	return e
}

// sizedEntry gives an entry a width of its own: a date or a number needs no
// more, where a form row would stretch it across the screen.
func sizedEntry(e *entry, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, e.MinSize().Height), e)
}

// warekiOf is the 和暦 of a typed date, shown beside its entry as soon as it
// reads as one in loc; "" until then.
func warekiOf(typed string, loc *time.Location) string {
	t, err := i18n.ParseDateTime(typed, loc)
	if err != nil {
		return ""
	}
	return i18n.Wareki(t)
}

// zone is the case file's time zone (data.TimeZone): every time is shown,
// and every typed time read, in it, whatever the PC's zone.
func (e *Env) zone() *time.Location {
	if e == nil || e.Store == nil {
		return data.LoadZone(data.DefaultTimeZone)
	}
	return data.TimeZone(e.Store)
}

// parseReportNo reads 第○報: a whole number from 1, also in full-width digits.
func parseReportNo(s string) (int, error) {
	s = strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, strings.TrimSpace(s))
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, data.Invalid(fieldReportNo, "range")
	}
	return n, nil
}

// reportNoOr is the report number typed or, while that does not read, the one
// on file (1 before the first report).
func reportNoOr(typed string, onFile int) int {
	if n, err := parseReportNo(typed); err == nil {
		return n
	}
	return max(onFile, 1)
}

// reportNoRow is 第 [−] [n] [+] 報: the number of a report, typed or stepped.
func reportNoRow(prefix, suffix string, entry *entry, down, up *widget.Button) fyne.CanvasObject {
	return container.NewHBox(widget.NewLabel(prefix), down, sizedEntry(entry, 64), up, widget.NewLabel(suffix))
}

// fieldMsgs are the messages under the fields of a screen, by the field's
// name as data.Invalid gives it, so that what the store refuses is said under
// the field it is about.
type fieldMsgs map[string]*jpText

func newFieldMsgs(names ...string) fieldMsgs {
	m := make(fieldMsgs, len(names))
	for _, name := range names {
		m[name] = newFieldMsg()
	}
	return m
}

// under puts the message of the field name under its widget o.
func (m fieldMsgs) under(name string, o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(o, m[name])
}

// show shows the message of each field in msgs and hides the others: nil
// clears them all.
func (m fieldMsgs) show(msgs map[string]string) {
	for name, t := range m {
		setFieldMsg(t, msgs[name])
	}
}

// newFieldMsg is a fieldError as its *jpText: that is the widget that goes
// into the layout, so that the layout and the refreshes reach the same object.
func newFieldMsg() *jpText { return newFieldError().jpText }

// setFieldMsg shows msg under its field; "" hides it.
func setFieldMsg(t *jpText, msg string) { fieldError{t}.set(msg) }

// revertRefused puts back, one field at a time, what the rules refuse, with
// the reason as the field's message: a field the rules refuse keeps what the
// file holds while the others are saved. validate checks the value the
// functions of revert (by field name) put back into; a refusal of a field
// not in revert ends it, for the store to refuse the whole.
func revertRefused(validate func() error, revert map[string]func(), msgs map[string]string) {
	for range len(revert) {
		err := validate()
		e := data.AsError(err)
		if err == nil || e == nil || e.Code != data.EINVALID || revert[e.Field] == nil {
			return
		}
		revert[e.Field]()
		msgs[e.Field] = i18n.ErrorMessage(e)
	}
}

// fieldRefused reports whether err is the store refusing a field of revert,
// and if so says why under the field.
func fieldRefused(err error, revert map[string]func(), msgs map[string]string) bool {
	e := data.AsError(err)
	if e == nil || e.Code != data.EINVALID || revert[e.Field] == nil {
		return false
	}
	msgs[e.Field] = i18n.ErrorMessage(err)
	return true
}

// confirm asks before something is done that stays on the record: onOK runs
// on the confirm button, which says what it does; dismissing does nothing.
func confirm(win fyne.Window, title, text, confirmText, dismissText string, onOK func()) {
	conf := dialog.NewConfirm(title, text, func(ok bool) {
		if ok {
			onOK()
		}
	}, win)
	conf.SetConfirmText(confirmText)
	conf.SetDismissText(dismissText)
	ShowDialog(win, conf, nil)
}

// reasonPrompt is the dialog that asks why a recorded decision (a class, a
// threat level) is changed: what changes, a note on what follows, and the
// reason, which stays on the record; err says what is wrong with it.
type reasonPrompt struct {
	draft  *dialogDraft // the reason typed, kept until recorded
	reason *entry
	err    *jpText
	dlg    *dialog.CustomDialog
	cancel *widget.Button
}

// reasonTexts are the words of a reasonPrompt.
type reasonTexts struct {
	title, change, note, label, placeholder, confirm string
}

func newReasonPrompt(win fyne.Window, t reasonTexts, onCancel, onConfirm func()) reasonPrompt {
	p := reasonPrompt{reason: newTextEntry(t.placeholder, 4, nil), err: newFieldMsg()}
	body := container.NewVBox(boldText(t.change), newJPText(t.note), widget.NewLabel(t.label), p.reason, p.err)
	p.cancel = widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), onCancel)
	ok := widget.NewButtonWithIcon(t.confirm, theme.ConfirmIcon(), onConfirm)
	ok.Importance = widget.HighImportance
	p.dlg = dialog.NewCustomWithoutButtons(t.title, body, win)
	p.dlg.SetButtons([]fyne.CanvasObject{p.cancel, ok})
	p.dlg.Resize(fyne.NewSize(620, 380))
	return p
}

// keep keeps the reason typed as a draft under key until it is recorded.
func (p *reasonPrompt) keep(env *Env, caseID int64, key string) {
	p.draft = newDialogDraft(env, caseID, key)
	p.draft.field("reason", &p.reason.Entry)
	p.draft.attach(p.dlg)
}

// show opens the dialog with the cursor in the reason.
func (p reasonPrompt) show(win fyne.Window) {
	ShowDialog(win, p.dlg, p.cancel)
	win.Canvas().Focus(p.reason)
}
