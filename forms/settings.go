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
	TimeZone   string // the case file's zone, e.g. Asia/Tokyo (settings_zone.go)
	// Letter is the 公用文 form (kept in the case file); nil when no case
	// file is open, and the dialog then leaves that part out.
	Letter *data.LetterSettings
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
	zone       *zoneField
	nameErr    fieldError
	dlg        *dialog.CustomDialog
	draft      *dialogDraft // the fields typed, kept in the case file until saved

	// The 公用文 part (nil when Settings.Letter is nil).
	letter *letterFields
	// scroll holds the dialog's content; letterTop is the 公用文 part in it,
	// scrolled to when that part has an error.
	scroll    *container.Scroll
	letterTop fyne.CanvasObject
}

// letterFields edit data.LetterSettings.
type letterFields struct {
	symbol, senderTitle, senderName *entry
	seal                            *widget.RadioGroup
	sealLabels, contact             *entry
	err                             fieldError
}

// ShowSettings opens the settings dialog with cur filled in. welcome adds a
// line asking for the officer's name, for the first start. onSave stores the
// result; when it fails the dialog stays open. With a case file open (env not
// nil), what is typed and not yet saved is kept in it as a draft, back the
// next time the dialog opens, until 保存.
func ShowSettings(win fyne.Window, env *Env, cur Settings, welcome bool, onSave func(Settings) error) {
	s := newSettingsDialog(win, cur, welcome, onSave)
	s.keepDrafts(env)
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
	s.zone = newZoneField(cur.TimeZone)
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
		widget.NewLabel(i18n.T("settings.prefecture")), s.prefecture,
		s.zone.label(), s.zone.field()))
	if cur.Letter != nil {
		s.letter = newLetterFields(*cur.Letter, cur.City)
		s.letterTop = section(i18n.T("settings.letter"), i18n.T("settings.letter_note"))
		box.Add(s.letterTop)
		box.Add(s.letter.form())
	}
	box.Add(section(i18n.T("settings.display"), i18n.T("settings.language_note")))
	box.Add(container.New(layout.NewFormLayout(), widget.NewLabel(i18n.T("settings.language")), s.language))

	cancel := widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), func() { s.dlg.Hide() })
	save := widget.NewButtonWithIcon(i18n.T("common.save"), theme.DocumentSaveIcon(), s.onSaveTapped)
	save.Importance = widget.HighImportance
	s.name.OnSubmitted = func(string) { s.onSaveTapped() }
	// The dialog scrolls when it is taller than a small screen allows.
	h := min(box.MinSize().Height, 560)
	s.scroll = container.NewVScroll(box)
	s.scroll.SetMinSize(fyne.NewSize(600, h))
	s.dlg = dialog.NewCustomWithoutButtons(i18n.T("settings.title"), s.scroll, s.win)
	s.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	s.dlg.Resize(fyne.NewSize(640, h+120))
}

// keepDrafts keeps the text fields as drafts of the case file env holds
// (nothing without one).
func (s *settingsDialog) keepDrafts(env *Env) {
	if env == nil || env.Store == nil {
		return
	}
	s.draft = newDialogDraft(env, 0, "settings")
	s.draft.field("name", &s.name.Entry)
	s.draft.field("city", &s.city.Entry)
	s.draft.field("prefecture", &s.prefecture.Entry)
	s.draft.field("zone", &s.zone.entry.Entry)
	if f := s.letter; f != nil {
		s.draft.field("letter_symbol", &f.symbol.Entry)
		s.draft.field("letter_sender_title", &f.senderTitle.Entry)
		s.draft.field("letter_sender_name", &f.senderName.Entry)
		s.draft.field("letter_seal_labels", &f.sealLabels.Entry)
		s.draft.field("letter_contact", &f.contact.Entry)
	}
	s.draft.attach(s.dlg)
}

func newLetterFields(cur data.LetterSettings, city string) *letterFields {
	f := &letterFields{err: newFieldError()}
	f.symbol = newEntry()
	f.symbol.SetText(cur.Symbol)
	f.symbol.SetPlaceHolder(i18n.T("settings.letter_symbol_placeholder"))
	f.senderTitle = newEntry()
	f.senderTitle.SetText(cur.SenderTitle)
	if city == "" {
		city = data.DefaultCity
	}
	f.senderTitle.SetPlaceHolder(i18n.T("settings.letter_sender_title_placeholder", map[string]any{"City": city}))
	f.senderName = newEntry()
	f.senderName.SetText(cur.SenderName)
	f.senderName.SetPlaceHolder(i18n.T("settings.letter_sender_name_placeholder"))
	f.seal = widget.NewRadioGroup([]string{i18n.T("settings.letter_seal_omitted"), i18n.T("settings.letter_seal_stamped")}, nil)
	f.seal.Horizontal = true
	f.seal.Required = true
	f.seal.SetSelected(f.seal.Options[0])
	if cur.Stamped {
		f.seal.SetSelected(f.seal.Options[1])
	}
	f.sealLabels = newEntry()
	f.sealLabels.SetText(data.JoinSealLabels(cur.SealLabels))
	f.sealLabels.SetPlaceHolder(i18n.T("settings.letter_seal_labels_placeholder"))
	f.contact = newMultiLineEntry()
	f.contact.SetText(cur.Contact)
	f.contact.SetPlaceHolder(i18n.T("settings.letter_contact_placeholder"))
	f.contact.SetMinRowsVisible(2)
	return f
}

func (f *letterFields) form() fyne.CanvasObject {
	// The error first: it names the field, and is seen when the part is
	// scrolled to.
	return container.NewVBox(f.err, container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("settings.letter_symbol")), f.symbol,
		widget.NewLabel(i18n.T("settings.letter_sender_title")), f.senderTitle,
		widget.NewLabel(i18n.T("settings.letter_sender_name")), f.senderName,
		widget.NewLabel(i18n.T("settings.letter_seal")), f.seal,
		widget.NewLabel(i18n.T("settings.letter_seal_labels")), f.sealLabels,
		widget.NewLabel(i18n.T("settings.letter_contact")), f.contact,
	))
}

// values reads the 公用文 part; an empty 決裁欄 falls back to the default.
func (f *letterFields) values() data.LetterSettings {
	l := data.LetterSettings{
		Symbol:      strings.TrimSpace(f.symbol.Text),
		SenderTitle: strings.TrimSpace(f.senderTitle.Text),
		SenderName:  strings.TrimSpace(f.senderName.Text),
		Stamped:     f.seal.Selected == f.seal.Options[1],
		SealLabels:  data.SplitSealLabels(f.sealLabels.Text),
		Contact:     strings.TrimSpace(strings.ReplaceAll(f.contact.Text, "\r\n", "\n")),
	}
	if strings.TrimSpace(f.sealLabels.Text) == "" {
		l.SealLabels = data.SplitSealLabels(data.DefaultLetterSealLabels)
	}
	return l
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
		TimeZone:   s.zone.value(),
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
	if s.letter != nil {
		l := s.letter.values()
		out.Letter = &l
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
	if !s.zone.check() {
		return
	}
	if v.Letter != nil {
		if err := v.Letter.Validate(); err != nil {
			s.letter.err.set(i18n.ErrorMessage(err))
			s.scroll.Content.Refresh() // the message takes its lines at once
			s.scroll.ScrollToOffset(fyne.NewPos(0, s.letterTop.Position().Y))
			return
		}
		s.letter.err.set("")
	}
	if err := s.onSave(v); err != nil {
		ShowError(err, s.win)
		return
	}
	s.draft.Recorded()
	s.dlg.Hide()
}
