package forms

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// newCase is the 新規事案 dialog: the class with the regulation's definition
// beside it, a title, when it was discovered, and whether it is a drill.
type newCase struct {
	env       *Env
	onCreated func(data.Case)

	class      *widget.RadioGroup
	title      *entry
	discovered *entry
	drill      *widget.Check
	// 発見・通報の別 (第5条第1号・第2号): a misconduct may start from a 通報.
	origin     *widget.RadioGroup
	originRow  *fyne.Container
	noticeFrom *entry
	noticeText *entry
	noticeRows *fyne.Container
	prefecture string
	originBox  *fyne.Container
	left       *fyne.Container // the form and the origin: laid out again when the origin shows
	titleErr   fieldError
	dateErr    fieldError
	classErr   fieldError
	defTitle   *widget.Label
	defText    *jpText
	defExample *jpText
	dlg        *dialog.CustomDialog
	draft      *dialogDraft // the fields typed, kept with the file until the case is created
}

// ShowNewCase opens the 新規事案 dialog; onCreated gets the stored case.
func ShowNewCase(env *Env, onCreated func(data.Case)) {
	n := newNewCase(env, onCreated)
	ShowDialog(env.Window, n.dlg, nil)
	env.Window.Canvas().Focus(n.title)
}

func newNewCase(env *Env, onCreated func(data.Case)) *newCase {
	n := &newCase{env: env, onCreated: onCreated}
	n.buildUI()
	return n
}

func (n *newCase) buildUI() {
	labels := make([]string, len(data.Classes))
	for i, c := range data.Classes {
		labels[i] = ClassLabel(c)
	}
	n.class = widget.NewRadioGroup(labels, n.onClassChanged)
	n.class.Horizontal = true
	n.class.Required = true

	n.title = newEntry()
	n.title.SetPlaceHolder(i18n.T("case.new.title_placeholder"))
	n.title.OnSubmitted = func(string) { n.onCreate() }
	n.discovered = newEntry()
	n.discovered.SetText(i18n.WesternDateTime(data.Now().In(n.env.zone())))
	n.discovered.OnSubmitted = func(string) { n.onCreate() }
	n.drill = widget.NewCheck(i18n.T("case.new.drill"), nil)
	n.prefecture = data.DefaultPrefecture
	if p, err := n.env.Store.Setting(data.SettingPrefecture, data.DefaultPrefecture); err == nil {
		n.prefecture = p
	}
	n.origin = widget.NewRadioGroup(originLabels(n.prefecture), func(string) { n.refreshOrigin() })
	n.noticeFrom = newEntry()
	n.noticeFrom.SetPlaceHolder(i18n.T("intake.notice.from_placeholder"))
	n.noticeText = newEntry()
	n.noticeText.SetPlaceHolder(i18n.T("intake.notice.text_placeholder"))
	n.originRow = container.NewVBox(n.origin)
	n.noticeRows = container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("intake.notice.from")), n.noticeFrom,
		widget.NewLabel(i18n.T("intake.notice.text")), n.noticeText)
	n.titleErr, n.dateErr, n.classErr = newFieldError(), newFieldError(), newFieldError()

	hint := widget.NewLabel(i18n.T("case.new.date_hint"))
	hint.SizeName = theme.SizeNameCaptionText
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("field.class")), container.NewVBox(n.class, n.classErr),
		widget.NewLabel(i18n.T("field.title")), container.NewVBox(n.title, n.titleErr),
		widget.NewLabel(i18n.T("field.discovered_at")), container.NewVBox(n.discovered, hint, n.dateErr),
		widget.NewLabel(""), n.drill,
	)
	originLabel := widget.NewLabel(i18n.T("case.new.origin"))
	origin := container.NewBorder(nil, nil, originLabel, nil, n.originRow)
	originAll := container.NewVBox(origin, n.noticeRows)
	n.originRow.Objects = []fyne.CanvasObject{n.origin}
	n.originBox = originAll

	n.defTitle = widget.NewLabel("")
	n.defTitle.TextStyle.Bold = true
	n.defText = newJPText("")
	n.defExample = newJPText("")
	def := panel(colorNoteBg, container.NewVBox(n.defTitle, n.defText, n.defExample))
	n.showDefinition("")

	// The form keeps its natural width; the definition takes the rest.
	left := container.NewVBox(container.NewGridWrap(fyne.NewSize(440, form.MinSize().Height), form), originAll)
	n.left = left
	body := container.NewBorder(nil, nil, left, nil, container.NewVBox(def))
	n.refreshOrigin()

	cancel := widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), func() { n.dlg.Hide() })
	create := widget.NewButtonWithIcon(i18n.T("case.new.create"), theme.ConfirmIcon(), n.onCreate)
	create.Importance = widget.HighImportance
	n.dlg = dialog.NewCustomWithoutButtons(i18n.T("case.new.dialog_title"), body, n.env.Window)
	n.dlg.SetButtons([]fyne.CanvasObject{cancel, create})
	n.dlg.Resize(fyne.NewSize(900, 560))

	// There is no case yet: what is typed is kept with the file, and back
	// the next time 新規事案 is opened.
	n.draft = newDialogDraft(n.env, 0, "newcase")
	n.draft.field("title", &n.title.Entry)
	n.draft.field("discovered", &n.discovered.Entry)
	n.draft.field("notice_from", &n.noticeFrom.Entry)
	n.draft.field("notice_text", &n.noticeText.Entry)
	n.draft.attach(n.dlg)
}

// onClassChanged shows what 第2条 says of the class picked, so the officer can
// check the choice against the regulation's words.
func (n *newCase) onClassChanged(label string) {
	n.classErr.set("")
	n.showDefinition(label)
	n.refreshOrigin()
}

// refreshOrigin offers the 発見・通報の別 for a misconduct (or a case still
// 判定中), and who notified and what for a 通報.
func (n *newCase) refreshOrigin() {
	if n.originBox == nil {
		return
	}
	// Out of the tree, not only hidden, while it does not apply: the
	// dialog then holds one choice of three (the class).
	if c := n.selectedClass(n.class.Selected); c == data.ClassMisconduct || c == data.ClassPending {
		n.originRow.Objects = []fyne.CanvasObject{n.origin}
		n.originBox.Show()
	} else {
		n.originRow.Objects = nil
		n.originBox.Hide()
	}
	n.originRow.Refresh()
	if originOf(n.origin.Selected, n.prefecture).Notice() {
		n.noticeRows.Show()
	} else {
		n.noticeRows.Hide()
	}
	n.originBox.Refresh()
	if n.left != nil {
		n.left.Refresh()
	}
}

func (n *newCase) showDefinition(label string) {
	c := n.selectedClass(label)
	switch {
	case c == "":
		n.defTitle.SetText(i18n.T("case.new.def_title"))
		n.defText.SetText(i18n.T("case.new.def_none"))
		n.defExample.SetText("")
	case c == data.ClassPending:
		n.defTitle.SetText(ClassLabel(c))
		n.defText.SetText(i18n.T("case.new.def_pending"))
		n.defExample.SetText("")
	default:
		info := c.Info()
		n.defTitle.SetText(i18n.T("case.new.def_heading", map[string]any{"Article": info.Article, "Class": info.Label}))
		n.defText.SetText(info.Definition)
		n.defExample.SetText(i18n.T("case.new.def_example", map[string]any{"Examples": info.Examples}))
	}
}

func (n *newCase) selectedClass(label string) data.Class {
	for _, c := range data.Classes {
		if ClassLabel(c) == label {
			return c
		}
	}
	return ""
}

// onCreate checks the fields, stores the case and closes the dialog; on a
// mistake it says what is wrong next to each field at fault and stores nothing.
func (n *newCase) onCreate() {
	at, dateErr := i18n.ParseDateTime(n.discovered.Text, n.env.zone())
	if e := data.AsError(dateErr); e != nil {
		e.Field = "discovered_at" // the parser speaks of a date in general
	}
	c := &data.Case{
		Title:        n.title.Text,
		Class:        n.selectedClass(n.class.Selected),
		Status:       data.StatusOpen,
		DiscoveredAt: at,
		Drill:        n.drill.Checked,
	}
	if c.Class == data.ClassMisconduct || c.Class == data.ClassPending {
		c.Origin = originOf(n.origin.Selected, n.prefecture)
		if c.Origin.Notice() {
			// The city learned of it by the 通報: its time is the discovery's.
			c.NoticeFrom, c.NoticeText, c.NoticeAt = n.noticeFrom.Text, n.noticeText.Text, at
		}
	}
	// Validate stops at the first field at fault: check the title on its own
	// so that every message shows at once.
	probe := *c
	probe.Class, probe.DiscoveredAt = data.ClassPending, data.Now()
	titleErr := probe.Validate()
	var classErr error
	if c.Class == "" {
		classErr = data.Invalid("class", "required")
	}
	n.titleErr.set(i18n.ErrorMessage(titleErr))
	n.dateErr.set(i18n.ErrorMessage(dateErr))
	n.classErr.set(i18n.ErrorMessage(classErr))
	if titleErr != nil || dateErr != nil || classErr != nil {
		return
	}
	if err := n.env.Store.CreateCase(c); err != nil {
		n.showStoreError(err)
		return
	}
	n.draft.Recorded()
	n.dlg.Hide()
	n.env.saved()
	if n.onCreated != nil {
		n.onCreated(*c)
	}
}

// showStoreError puts the store's verdict next to the field it names, or in
// an error dialog when it is not about a field of this dialog.
func (n *newCase) showStoreError(err error) {
	e := data.AsError(err)
	if e == nil || e.Code != data.EINVALID {
		ShowError(err, n.env.Window)
		return
	}
	switch e.Field {
	case "title":
		n.titleErr.set(i18n.ErrorMessage(err))
	case "class":
		n.classErr.set(i18n.ErrorMessage(err))
	case "discovered_at":
		n.dateErr.set(i18n.ErrorMessage(err))
	default:
		ShowError(err, n.env.Window)
	}
}
