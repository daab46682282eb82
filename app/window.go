package app

import (
	"image/color"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/forms"
	"github.com/osaki-city/kinkyu/i18n"
)

// mainWindow is the app's window: menus, the case list beside the open case,
// and the status bar. It owns the open case file.
type mainWindow struct {
	app   fyne.App
	win   fyne.Window
	store data.Store // nil while no case file is open
	demo  bool       // the open file is a throwaway demo: not remembered

	env    *forms.Env
	list   *forms.CaseList
	detail *forms.CaseDetail

	statusFile, statusHead, statusOfficer, statusSaved *widget.Label
	statusSavedSep                                     fyne.CanvasObject

	regulation fyne.Window // the 規程全文 window while it is open
	contacts   fyne.Window // the 緊急時連絡網 window while it is open
	closing    bool        // the window is closing: unsaved input is no longer shown
	draftsTold bool        // the officer was told of the drafts kept on closing
}

func newMainWindow(a fyne.App) *mainWindow {
	w := &mainWindow{app: a, win: a.NewWindow(i18n.T("app.title"))}
	// 1280×760 fits a 1366×768 laptop screen with the task bar.
	w.win.Resize(fyne.NewSize(1280, 760))
	w.win.SetMaster()
	w.win.SetCloseIntercept(w.onClose)
	w.buildUI()
	return w
}

// buildUI lays out the whole window. It runs again when the case file or the
// language changes: every screen then takes its words and data afresh.
func (w *mainWindow) buildUI() {
	w.closeScreens()
	title := i18n.T("app.title")
	if w.store != nil {
		title = i18n.T("app.title_file", map[string]any{"Title": title, "File": filepath.Base(w.store.Path())})
	}
	w.win.SetTitle(title)
	w.win.SetMainMenu(w.buildMenu())

	var center fyne.CanvasObject
	if w.store == nil {
		center = w.buildNoFile()
	} else {
		w.env = &forms.Env{Window: w.win, Store: w.store, Officer: w.officer, Saved: w.onSaved, EditSettings: w.onSettings,
			IdentityFile: identityFile, OpenFile: openFile}
		w.list = forms.NewCaseList(w.env, w.onCaseSelected, w.onNewCase)
		w.detail = forms.NewCaseDetail(w.env, w.onNewCase)
		w.detail.StartClock()
		split := container.NewHSplit(container.NewPadded(w.list.Content()), container.NewPadded(w.detail.Content()))
		split.SetOffset(0.36)
		center = split
	}
	var top fyne.CanvasObject
	if w.store != nil && w.store.ReadOnly() {
		top = readOnlyBanner()
	}
	w.win.SetContent(container.NewBorder(top, w.buildStatusBar(), nil, nil, center))
	w.refreshStatus()
}

// closeScreens saves what the forms of the open case still hold, and stops the
// timers of the screens about to be replaced.
func (w *mainWindow) closeScreens() {
	if err := w.flush(); err != nil && !w.closing {
		w.showOpenError(err)
	}
	if w.list != nil {
		w.list.Close()
	}
	if w.detail != nil {
		w.detail.Close()
	}
	if w.contacts != nil { // it works on the case file being closed
		w.contacts.Close()
	}
	w.env, w.list, w.detail = nil, nil, nil
}

// close lets go of everything when the window has closed.
func (w *mainWindow) close() {
	w.closing = true // nowhere left to show an error: the officer has decided
	w.closeScreens()
	if w.store != nil {
		w.store.Close()
		w.store = nil
	}
}

// buildNoFile is the window without a case file: after a file was refused,
// it offers the ways forward instead of an empty screen.
func (w *mainWindow) buildNoFile() fyne.CanvasObject {
	heading := widget.NewLabel(i18n.T("app.nofile.title"))
	heading.TextStyle.Bold = true
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Alignment = fyne.TextAlignCenter
	text := widget.NewLabel(i18n.T("app.nofile.text"))
	text.Alignment = fyne.TextAlignCenter
	open := widget.NewButtonWithIcon(i18n.T("app.nofile.open"), theme.FolderOpenIcon(), w.onOpen)
	open.Importance = widget.HighImportance
	create := widget.NewButtonWithIcon(i18n.T("app.nofile.new"), theme.DocumentCreateIcon(), w.onNewFile)
	def := widget.NewButtonWithIcon(i18n.T("app.nofile.default"), theme.HomeIcon(), w.onOpenDefault)
	icon := container.NewCenter(container.NewGridWrap(fyne.NewSize(64, 64), widget.NewIcon(theme.FolderIcon())))
	return container.NewCenter(container.NewVBox(icon, heading, text, container.NewCenter(container.NewHBox(open, create, def))))
}

func (w *mainWindow) buildStatusBar() fyne.CanvasObject {
	w.statusFile = widget.NewLabel("")
	w.statusHead = widget.NewLabel("")
	w.statusOfficer = widget.NewLabel("")
	w.statusSaved = widget.NewLabel("")
	w.statusSaved.Importance = widget.SuccessImportance
	sep := func() fyne.CanvasObject {
		l := widget.NewLabel(i18n.T("app.status.sep"))
		return l
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	w.statusSavedSep = sep()
	row := container.NewHBox(w.statusFile, sep(), w.statusHead, sep(), w.statusOfficer, w.statusSavedSep, w.statusSaved)
	return container.NewStack(bg, container.NewVBox(widget.NewSeparator(), row))
}

// refreshStatus shows the file, the head of its audit chain (which a printout
// can be matched against), who is recording, and that all is saved.
func (w *mainWindow) refreshStatus() {
	w.statusOfficer.SetText(i18n.T("app.status.officer", map[string]any{"Officer": w.officerLabel()}))
	if w.store == nil {
		w.statusFile.SetText(i18n.T("app.status.file", map[string]any{"File": i18n.T("app.status.nofile")}))
		w.statusHead.SetText(i18n.T("app.status.head", map[string]any{"Head": "—"}))
		w.statusSaved.SetText("")
		w.statusSavedSep.Hide()
		return
	}
	w.statusSavedSep.Show()
	file := filepath.Base(w.store.Path())
	if w.demo {
		file = i18n.T("app.status.demo", map[string]any{"File": file})
	}
	w.statusFile.SetText(i18n.T("app.status.file", map[string]any{"File": file}))
	head, err := w.store.Head()
	if err != nil {
		w.statusHead.SetText(i18n.T("app.status.head", map[string]any{"Head": i18n.T("common.unknown")}))
		w.statusSaved.Importance = widget.DangerImportance
		w.statusSaved.SetText(i18n.T("app.status.error"))
		return
	}
	w.statusHead.SetText(i18n.T("app.status.head", map[string]any{"Head": head.Short()}))
	// Every change is committed before the screens hear of it (data.Store),
	// so the file is always saved when the window is showing.
	w.statusSaved.Importance = widget.SuccessImportance
	w.statusSaved.SetText(i18n.T("app.status.saved"))
}

// officer is who the settings say is at the keyboard.
func (w *mainWindow) officer() forms.Officer {
	p := w.app.Preferences()
	return forms.Officer{
		Name: p.String(prefName),
		Role: data.Role(p.StringWithFallback(prefRole, string(data.RoleSecurityOfficer))),
	}
}

func (w *mainWindow) officerLabel() string {
	o := w.officer()
	if strings.TrimSpace(o.Name) == "" {
		return i18n.T("app.officer.unset", map[string]any{"Role": o.Role.Label()})
	}
	return o.Actor()
}

// setStore makes s the open case file, closing the one before.
func (w *mainWindow) setStore(s data.Store, demo bool) {
	if w.store != nil {
		w.closeScreens()
		w.store.Close()
	}
	w.store, w.demo = s, demo
	s.SetActor(w.officer().Actor())
	if !demo {
		w.app.Preferences().SetString(prefLastFile, s.Path())
	}
	w.buildUI()
}

// openPath opens a case file; on failure the current file stays open and the
// user is told why in their language.
func (w *mainWindow) openPath(path string, demo bool) bool {
	// A file rolled back with the journal of an unfinished write is changed
	// by the open: the officer is told, as the CLI tells on stderr.
	var recovered *sqlite.Recovery
	cli := sqlite.OnRecovered
	sqlite.OnRecovered = func(r sqlite.Recovery) { recovered = &r }
	s, err := openCaseFile(path)
	sqlite.OnRecovered = cli
	switch data.ErrorCode(err) {
	case "":
	case data.ELOCKED:
		// Another window has it: say so, and offer to read it alongside.
		w.askReadOnly(path, err)
		return false
	default:
		w.showOpenError(err)
		return false
	}
	w.setStore(s, demo)
	if recovered != nil {
		w.tellRecovered(*recovered)
	}
	return true
}

// tellRecovered says that the case file was rolled back to its last complete
// save, and where the copies taken before are.
func (w *mainWindow) tellRecovered(r sqlite.Recovery) {
	text := widget.NewLabel(i18n.T("cli.recovered", map[string]any{"File": r.File, "FileCopy": r.FileCopy, "JournalCopy": r.JournalCopy}))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(i18n.T("app.recovered.title"), i18n.T("common.ok"), text, w.win)
	d.Resize(fyne.NewSize(620, 300))
	forms.ShowDialog(w.win, d, nil)
}

// askReadOnly tells that the case file is open elsewhere and offers to open
// it read-only, which cannot disturb the other window.
func (w *mainWindow) askReadOnly(path string, err error) {
	text := widget.NewLabel(i18n.ErrorMessage(err) + "\n\n" + i18n.T("app.readonly.ask"))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(i18n.T("app.readonly.title"), i18n.T("app.readonly.open"), i18n.T("common.cancel"), text, func(ok bool) {
		if !ok {
			return
		}
		s, err := sqlite.OpenReadOnly(path)
		if err != nil {
			w.showOpenError(err)
			return
		}
		w.setStore(s, false)
	}, w.win)
	d.Resize(fyne.NewSize(620, 300))
	forms.ShowDialog(w.win, d, nil)
}

// readOnlyBanner says, above everything, that nothing typed will be saved.
func readOnlyBanner() fyne.CanvasObject {
	text := widget.NewLabel(i18n.T("app.readonly.banner"))
	text.Wrapping = fyne.TextWrapWord
	text.Importance = widget.WarningImportance
	text.TextStyle.Bold = true
	bg := canvas.NewRectangle(color.NRGBA{R: 0xFF, G: 0xF4, B: 0xD6, A: 0xFF})
	return container.NewStack(bg, container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, text))
}

// openStartFile opens, at start-up, the file named on the command line, or the
// last one used, or the default one (created on the first start).
func (w *mainWindow) openStartFile(file string) {
	path := file
	if path == "" {
		path = w.app.Preferences().String(prefLastFile)
	}
	if path == "" {
		def, err := DefaultCaseFile()
		if err != nil {
			w.showOpenError(&data.Error{Code: data.EINTERNAL, Err: err})
			return
		}
		path = def
	}
	w.openPath(path, false)
}

func (w *mainWindow) showOpenError(err error) {
	forms.ShowError(err, w.win)
}

// welcome asks for the officer's name on the first start, since every step
// ticked records it. A demo is for looking around: it does not ask.
func (w *mainWindow) welcome() {
	if w.demo || w.store == nil || w.app.Preferences().String(prefName) != "" {
		return
	}
	w.showSettings(true)
}

func (w *mainWindow) onCaseSelected(c data.Case) {
	w.detail.Show(c.ID)
}

func (w *mainWindow) onNewCase() {
	if w.store == nil {
		return
	}
	forms.ShowNewCase(w.env, func(c data.Case) {
		w.list.Select(c.ID)
		w.detail.ShowNew(c.ID)
	})
}

// flush saves at once what the forms of the open case wait to save.
func (w *mainWindow) flush() error {
	if w.detail == nil {
		return nil
	}
	return w.detail.Flush()
}

// onFlush is Ctrl+S: nothing needs it, but an officer who presses it out of
// habit gets the forms saved, or is told why they could not be.
func (w *mainWindow) onFlush() {
	if err := w.flush(); err != nil {
		forms.ShowError(err, w.win)
	}
}

func (w *mainWindow) onAddEntry() {
	if w.detail != nil {
		w.detail.AddTimelineEntry()
		return
	}
	forms.SubmitDialog(w.win.Canvas()) // no case file: only a dialog can take it
}

func (w *mainWindow) onSwitchTab(delta int) {
	if w.detail != nil && w.win.Canvas().Overlays().Top() == nil {
		w.detail.SwitchTab(delta)
	}
}

func (w *mainWindow) onFocusTimeline() {
	if w.detail != nil {
		w.detail.FocusTimeline()
	}
}

// onClose closes the window once the forms are saved. If they cannot be,
// the officer decides: the unsaved input stays on screen until then.
func (w *mainWindow) onClose() {
	err := w.flush()
	if err == nil {
		if w.showDraftsNotice() {
			return
		}
		w.closing = true
		w.win.Close()
		return
	}
	conf := dialog.NewConfirm(i18n.T("app.close.title"),
		i18n.T("app.close.text", map[string]any{"Error": i18n.ErrorMessage(err)}),
		func(ok bool) {
			if ok {
				w.closing = true
				w.win.Close()
			}
		}, w.win)
	conf.SetConfirmText(i18n.T("app.close.confirm"))
	conf.SetDismissText(i18n.T("common.cancel"))
	conf.SetConfirmImportance(widget.DangerImportance)
	forms.ShowDialog(w.win, conf, nil)
}

// showDraftsNotice says, once, that text typed and not recorded (the 経過
// line, a call's note) is kept as a draft in the case file and comes back
// when the case is opened again; it reports whether it did (the window then
// stays until the officer answers).
func (w *mainWindow) showDraftsNotice() bool {
	if w.draftsTold || w.store == nil {
		return false
	}
	ds, err := w.store.Drafts(0)
	if err != nil || len(ds) == 0 {
		return false
	}
	w.draftsTold = true
	example := []rune(strings.Join(strings.Fields(ds[0].Text), " "))
	if len(example) > 30 {
		example = append(example[:30], '…')
	}
	conf := dialog.NewConfirm(i18n.T("app.drafts.title"),
		i18n.T("app.drafts.text", map[string]any{"Count": len(ds), "Example": string(example)}),
		func(ok bool) {
			if ok {
				w.closing = true
				w.win.Close()
				return
			}
			w.draftsTold = false // back to record it; asked again next time
		}, w.win)
	conf.SetConfirmText(i18n.T("app.drafts.close"))
	conf.SetDismissText(i18n.T("app.drafts.back"))
	forms.ShowDialog(w.win, conf, nil)
	return true
}

func (w *mainWindow) onSearch() {
	if w.list != nil {
		w.list.FocusSearch()
	}
}

// onSaved runs after every change to the case file, from whichever screen:
// the list, the open case (a new threat level changes its next step) and the
// audit head all follow.
func (w *mainWindow) onSaved() {
	w.refreshStatus()
	if w.list != nil {
		w.list.Reload()
	}
	if w.detail != nil {
		w.detail.Reload()
	}
}

func (w *mainWindow) onOpen() {
	forms.ShowOpenFile(w.win, w.folder(), func(path string) {
		if w.store != nil && samePath(path, w.store.Path()) {
			return
		}
		w.openPath(path, false)
	})
}

func (w *mainWindow) onOpenDefault() {
	def, err := DefaultCaseFile()
	if err != nil {
		w.showOpenError(&data.Error{Code: data.EINTERNAL, Err: err})
		return
	}
	w.openPath(def, false)
}

func (w *mainWindow) onNewFile() {
	forms.ShowSaveFile(w.win, forms.SaveFileOptions{
		Title:   i18n.T("app.newfile.title"),
		Confirm: i18n.T("app.newfile.create"),
		Note:    i18n.T("app.newfile.note"),
		Folder:  w.documentFolder(),
		Name:    i18n.T("app.newfile.name"),
		Kind:    forms.KindCaseFile,
	}, func(path string) error {
		s, err := sqlite.Create(path)
		if err != nil {
			return err
		}
		w.setStore(s, false)
		return nil
	})
}

func (w *mainWindow) onSaveCopy() {
	if w.store == nil {
		return
	}
	base := strings.TrimSuffix(filepath.Base(w.store.Path()), filepath.Ext(w.store.Path()))
	forms.ShowSaveFile(w.win, forms.SaveFileOptions{
		Title:   i18n.T("app.copy.title"),
		Confirm: i18n.T("app.copy.save"),
		Note:    i18n.T("app.copy.note"),
		Folder:  w.documentFolder(),
		Kind:    forms.KindCaseFile,
		Name:    i18n.T("app.copy.name", map[string]any{"Base": base, "Date": data.Now().Format("20060102")}),
	}, func(path string) error {
		if err := w.store.SaveCopy(path); err != nil {
			return err
		}
		forms.ShowDialog(w.win, dialog.NewInformation(i18n.T("app.copy.done_title"), i18n.T("app.copy.done", map[string]any{"Path": path}), w.win), nil)
		return nil
	})
}

// documentFolder is where new files start (a new case file, a copy, blank
// forms) unless a folder was chosen for them before: beside the open case
// file when officers can see that folder, else Documents\kinkyu.
func (w *mainWindow) documentFolder() string {
	if w.store != nil && !w.demo {
		return forms.DocumentFolder(w.store.Path())
	}
	return forms.DocumentFolder("")
}

// folder is where the open dialog starts unless a case file was opened from
// elsewhere before: beside the open file, else the data folder.
func (w *mainWindow) folder() string {
	if w.store != nil && !w.demo {
		return filepath.Dir(w.store.Path())
	}
	if dir, err := DataDir(); err == nil {
		return dir
	}
	return ""
}

func samePath(a, b string) bool {
	return filepath.Clean(a) == filepath.Clean(b)
}

func (w *mainWindow) onSettings() { w.showSettings(false) }

func (w *mainWindow) showSettings(welcome bool) {
	cur := forms.Settings{
		Officer:    w.officer(),
		City:       data.DefaultCity,
		Prefecture: data.DefaultPrefecture,
		Language:   i18n.Language(),
	}
	if w.store != nil {
		cur.City, _ = w.store.Setting(data.SettingCity, data.DefaultCity)
		cur.Prefecture, _ = w.store.Setting(data.SettingPrefecture, data.DefaultPrefecture)
		cur.TimeZone = data.TimeZone(w.store).String()
		letter, _ := data.LoadLetterSettings(w.store) // fails soft to the defaults
		cur.Letter = &letter
	}
	forms.ShowSettings(w.win, w.env, cur, welcome, func(s forms.Settings) error {
		return w.saveSettings(cur, s)
	})
}

// saveSettings keeps the officer and the language on this computer and the
// city and prefecture in the case file (each write there is audited, so only
// what changed is written).
func (w *mainWindow) saveSettings(old, s forms.Settings) error {
	p := w.app.Preferences()
	p.SetString(prefName, s.Officer.Name)
	p.SetString(prefRole, string(s.Officer.Role))
	if w.store != nil {
		w.store.SetActor(s.Officer.Actor())
		for _, kv := range []struct{ key, old, new string }{
			{data.SettingCity, old.City, s.City},
			{data.SettingPrefecture, old.Prefecture, s.Prefecture},
			{data.SettingTimeZone, old.TimeZone, s.TimeZone},
		} {
			if kv.old == kv.new {
				continue
			}
			if err := w.store.SetSetting(kv.key, kv.new); err != nil {
				return err
			}
		}
		if old.Letter != nil && s.Letter != nil {
			if err := data.SaveLetterSettings(w.store, *old.Letter, *s.Letter); err != nil {
				return err
			}
		}
	}
	langChanged := s.Language != i18n.Language()
	if langChanged {
		if err := applyLanguage(s.Language); err != nil {
			return &data.Error{Code: data.EINTERNAL, Err: err}
		}
		p.SetString(prefLanguage, s.Language)
	}
	if langChanged || w.store != nil && s.TimeZone != old.TimeZone {
		// The screens take their words and the zone of their times when
		// built: build them again, on the same case.
		id := int64(0)
		if w.detail != nil {
			id = w.detail.CaseID()
		}
		w.buildUI()
		if id != 0 {
			w.list.Select(id)
			w.detail.Show(id)
		}
		return nil
	}
	w.refreshStatus()
	return nil
}

func (w *mainWindow) onRegulation() {
	if w.regulation != nil {
		w.regulation.RequestFocus()
		return
	}
	rw := w.app.NewWindow(i18n.T("regulation.title"))
	rw.SetContent(forms.NewRegulationView())
	rw.Resize(fyne.NewSize(980, 700))
	rw.SetOnClosed(func() { w.regulation = nil })
	w.regulation = rw
	rw.Show()
}

// onContacts opens the 緊急時連絡網 (第3条) in a window of its own, on the open
// case file; its dialogs show there.
func (w *mainWindow) onContacts() {
	if w.store == nil || w.env == nil {
		return
	}
	if w.contacts != nil {
		w.contacts.RequestFocus()
		return
	}
	cw := w.app.NewWindow(i18n.T("contactui.title"))
	env := *w.env
	env.Window = cw
	v := forms.NewContactsView(&env)
	cw.SetContent(v.Content())
	cw.SetCloseIntercept(func() { v.ConfirmClose(cw.Close) })
	cw.Resize(fyne.NewSize(1240, 720))
	cw.SetOnClosed(func() { w.contacts = nil })
	w.contacts = cw
	cw.Show()
}

func (w *mainWindow) onAbout() {
	lines := []string{
		i18n.T("app.about.version", map[string]any{"Version": Version, "Schema": sqlite.LatestVersion()}),
		i18n.T("app.about.regulation"),
		i18n.T("app.about.offline"),
		i18n.T("app.about.fonts"),
	}
	if w.store != nil {
		lines = append(lines, i18n.T("app.about.file", map[string]any{"Path": w.store.Path()}))
	}
	title := widget.NewLabel(i18n.T("app.title"))
	title.TextStyle.Bold = true
	title.SizeName = theme.SizeNameSubHeadingText
	box := container.NewVBox(title)
	for _, l := range lines {
		box.Add(forms.NewWrappedText(l))
	}
	d := dialog.NewCustom(i18n.T("app.menu.about"), i18n.T("common.close"), box, w.win)
	d.Resize(fyne.NewSize(620, 360))
	forms.ShowDialog(w.win, d, nil)
}
