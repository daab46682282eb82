package forms

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// Settings are what the settings dialog edits. The officer and the language
// belong to this computer; the city and prefecture travel with the case file.
type Settings struct {
	Officer    Officer
	City       string
	Prefecture string
	Language   string // "ja" or "en"
}

// settingsDialog is the 設定 dialog.
type settingsDialog struct {
	win    fyne.Window
	onSave func(Settings) error

	name       *entry
	role       *widget.Select
	city       *entry
	prefecture *entry
	language   *widget.RadioGroup
	nameErr    fieldError
	dlg        *dialog.CustomDialog
}

// ShowSettings opens the settings dialog with cur filled in. welcome adds a
// line asking for the officer's name, for the first start. onSave stores the
// result; when it fails the dialog stays open.
func ShowSettings(win fyne.Window, cur Settings, welcome bool, onSave func(Settings) error) {
	s := newSettingsDialog(win, cur, welcome, onSave)
	ShowDialog(win, s.dlg, nil)
	win.Canvas().Focus(s.name)
}

func newSettingsDialog(win fyne.Window, cur Settings, welcome bool, onSave func(Settings) error) *settingsDialog {
	s := &settingsDialog{win: win, onSave: onSave}
	s.buildUI(cur, welcome)
	return s
}

func roleLabels() []string {
	labels := make([]string, len(data.Roles))
	for i, r := range data.Roles {
		labels[i] = r.Label
	}
	return labels
}

func languageLabels() []string {
	labels := make([]string, len(i18n.Languages()))
	for i, l := range i18n.Languages() {
		labels[i] = i18n.T("language." + l)
	}
	return labels
}

func (s *settingsDialog) buildUI(cur Settings, welcome bool) {
	s.name = newEntry()
	s.name.SetText(cur.Officer.Name)
	s.name.SetPlaceHolder(i18n.T("settings.name_placeholder"))
	s.nameErr = newFieldError()
	s.role = widget.NewSelect(roleLabels(), nil)
	s.role.SetSelected(cur.Officer.Role.Label())
	s.city = newEntry()
	s.city.SetText(cur.City)
	s.city.SetPlaceHolder(data.DefaultCity)
	s.prefecture = newEntry()
	s.prefecture.SetText(cur.Prefecture)
	s.prefecture.SetPlaceHolder(data.DefaultPrefecture)
	s.language = widget.NewRadioGroup(languageLabels(), nil)
	s.language.Horizontal = true
	s.language.Required = true
	s.language.SetSelected(i18n.T("language." + cur.Language))

	box := container.NewVBox()
	if welcome {
		w := newJPText(i18n.T("settings.welcome"))
		w.ColorName = theme.ColorNamePrimary
		box.Add(w)
	}
	box.Add(section(i18n.T("settings.officer"), i18n.T("settings.officer_note")))
	box.Add(container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("field.name")), container.NewVBox(s.name, s.nameErr),
		widget.NewLabel(i18n.T("settings.role")), s.role))
	box.Add(section(i18n.T("settings.casefile"), i18n.T("settings.casefile_note")))
	box.Add(container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("settings.city")), s.city,
		widget.NewLabel(i18n.T("settings.prefecture")), s.prefecture))
	box.Add(section(i18n.T("settings.display"), i18n.T("settings.language_note")))
	box.Add(container.New(layout.NewFormLayout(), widget.NewLabel(i18n.T("settings.language")), s.language))

	cancel := widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), func() { s.dlg.Hide() })
	save := widget.NewButtonWithIcon(i18n.T("common.save"), theme.DocumentSaveIcon(), s.onSaveTapped)
	save.Importance = widget.HighImportance
	s.name.OnSubmitted = func(string) { s.onSaveTapped() }
	s.dlg = dialog.NewCustomWithoutButtons(i18n.T("settings.title"), box, s.win)
	s.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	s.dlg.Resize(fyne.NewSize(620, box.MinSize().Height+120))
}

// section is a heading with a line saying where its settings are kept.
func section(title, note string) fyne.CanvasObject {
	h := widget.NewLabel(title)
	h.TextStyle.Bold = true
	n := newJPText(note)
	n.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(widget.NewSeparator(), h, n)
}

// values reads the dialog; empty city and prefecture fall back to the
// regulation's own (大崎市, 宮城県).
func (s *settingsDialog) values() Settings {
	out := Settings{
		Officer:    Officer{Name: strings.TrimSpace(s.name.Text)},
		City:       strings.TrimSpace(s.city.Text),
		Prefecture: strings.TrimSpace(s.prefecture.Text),
		Language:   i18n.Languages()[0],
	}
	if i := s.role.SelectedIndex(); i >= 0 {
		out.Officer.Role = data.Roles[i].Role
	}
	if out.City == "" {
		out.City = data.DefaultCity
	}
	if out.Prefecture == "" {
		out.Prefecture = data.DefaultPrefecture
	}
	for i, label := range languageLabels() {
		if label == s.language.Selected {
			out.Language = i18n.Languages()[i]
		}
	}
	return out
}

func (s *settingsDialog) onSaveTapped() {
	v := s.values()
	if utf8.RuneCountInString(v.Officer.Name) > data.MaxNameRunes {
		s.nameErr.set(i18n.ErrorMessage(data.Invalid("name", "toolong")))
		return
	}
	s.nameErr.set("")
	if err := s.onSave(v); err != nil {
		ShowError(err, s.win)
		return
	}
	s.dlg.Hide()
}
