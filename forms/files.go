package forms

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// The file dialogs of the app are its own. Fyne's save dialog truncates an
// existing file before the caller can refuse it, which for a case file would
// destroy the record, and Fyne's file dialogs show English place names (Home,
// Computer, Documents) whatever the language.

// SaveFileOptions describe a ShowSaveFile dialog.
type SaveFileOptions struct {
	Title, Confirm string // dialog title and the confirm button's word
	Note           string // a line under the fields
	Folder, Name   string // where and what to suggest
}

// CaseFileExt is the extension of case files, added when the name has none.
const CaseFileExt = ".kinkyu"

// saveFile is the dialog that picks a new file's folder and name. Fyne's own
// save dialog truncates an existing file before the caller can refuse it,
// which for a case file would destroy the record; this one never overwrites
// and says so.
type saveFile struct {
	win      fyne.Window
	onChosen func(path string) error
	folder   *widget.Label
	name     *entry
	err      fieldError
	dlg      *dialog.CustomDialog
	dir      string
}

// ShowSaveFile asks for a folder and a file name and calls onChosen with a
// path that does not exist yet. An error from onChosen shows in the dialog,
// which then stays open for another name.
func ShowSaveFile(win fyne.Window, opts SaveFileOptions, onChosen func(path string) error) {
	s := newSaveFile(win, opts, onChosen)
	ShowDialog(win, s.dlg, nil)
	win.Canvas().Focus(s.name)
}

func newSaveFile(win fyne.Window, opts SaveFileOptions, onChosen func(path string) error) *saveFile {
	s := &saveFile{win: win, onChosen: onChosen, dir: opts.Folder}
	s.folder = widget.NewLabel(opts.Folder)
	s.folder.Wrapping = fyne.TextWrapBreak
	change := widget.NewButtonWithIcon(i18n.T("app.savefile.change"), theme.FolderOpenIcon(), s.onChangeFolder)
	s.name = newEntry()
	s.name.SetText(opts.Name)
	s.name.OnSubmitted = func(string) { s.onConfirm() }
	s.err = newFieldError()
	note := newJPText(opts.Note)
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("app.savefile.folder")), container.NewBorder(nil, nil, nil, change, s.folder),
		widget.NewLabel(i18n.T("app.savefile.name")), container.NewVBox(s.name, s.err))
	cancel := widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), func() { s.dlg.Hide() })
	ok := widget.NewButtonWithIcon(opts.Confirm, theme.ConfirmIcon(), s.onConfirm)
	ok.Importance = widget.HighImportance
	s.dlg = dialog.NewCustomWithoutButtons(opts.Title, container.NewVBox(form, note), win)
	s.dlg.SetButtons([]fyne.CanvasObject{cancel, ok})
	s.dlg.Resize(fyne.NewSize(640, 300))
	return s
}

func (s *saveFile) onChangeFolder() {
	showChooser(s.win, s.dir, true, func(dir string) {
		s.dir = dir
		s.folder.SetText(dir)
	})
}

// path is the chosen file, with the case-file extension when none was typed.
func (s *saveFile) path() string {
	name := strings.TrimSpace(s.name.Text)
	if name == "" {
		return ""
	}
	if filepath.Ext(name) == "" {
		name += CaseFileExt
	}
	return filepath.Join(s.dir, name)
}

func (s *saveFile) onConfirm() {
	p := s.path()
	switch {
	case p == "":
		s.err.set(i18n.T("app.savefile.need_name"))
		return
	case strings.ContainsAny(strings.TrimSpace(s.name.Text), `/\`):
		s.err.set(i18n.T("app.savefile.bad_name"))
		return
	}
	if _, err := os.Lstat(p); err == nil {
		s.err.set(i18n.ErrorMessage(&data.Error{Code: data.EEXISTS}))
		return
	}
	if err := s.onChosen(p); err != nil {
		s.err.set(i18n.ErrorMessage(err))
		return
	}
	s.dlg.Hide()
}

// fileChooser browses the folders of this computer for a case file to open
// or, with folders set, for a folder to save into.
type fileChooser struct {
	win      fyne.Window
	folders  bool
	ext      string // the files shown unless 全てのファイル is ticked
	onChosen func(path string)

	dir      string
	entries  []os.DirEntry
	selected int // index in entries; -1 when none

	path    *widget.Label
	msg     fieldError
	showAll *widget.Check
	list    *widget.List
	ok      *widget.Button
	dlg     *dialog.CustomDialog
}

// ShowOpenFile lets the user pick a case file, starting in dir, and calls
// onChosen with its path.
func ShowOpenFile(win fyne.Window, dir string, onChosen func(path string)) {
	showChooser(win, dir, false, onChosen)
}

// ShowOpenFileOfType lets the user pick a file whose name ends in ext (".pdf",
// ".p12", ".csv"), starting in dir.
func ShowOpenFileOfType(win fyne.Window, dir, ext string, onChosen func(path string)) {
	c := newFileChooser(win, dir, false, onChosen)
	c.ext = ext
	c.load(c.dir)
	ShowDialog(win, c.dlg, nil)
}

func showChooser(win fyne.Window, dir string, folders bool, onChosen func(path string)) {
	c := newFileChooser(win, dir, folders, onChosen)
	ShowDialog(win, c.dlg, nil)
}

func newFileChooser(win fyne.Window, dir string, folders bool, onChosen func(path string)) *fileChooser {
	c := &fileChooser{win: win, folders: folders, onChosen: onChosen, selected: -1, ext: CaseFileExt}
	c.buildUI()
	if dir == "" {
		dir, _ = os.UserHomeDir()
	}
	c.load(dir)
	return c
}

func (c *fileChooser) buildUI() {
	c.path = widget.NewLabel("")
	c.path.Truncation = fyne.TextTruncateEllipsis
	c.path.TextStyle.Bold = true
	c.msg = newFieldError()
	up := widget.NewButtonWithIcon(i18n.T("app.files.up"), theme.MoveUpIcon(), func() { c.load(filepath.Dir(c.dir)) })
	home := widget.NewButtonWithIcon(i18n.T("app.files.home"), theme.HomeIcon(), func() {
		if h, err := os.UserHomeDir(); err == nil {
			c.load(h)
		}
	})
	c.list = widget.NewList(
		func() int { return len(c.entries) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.FolderIcon()), widget.NewLabel(""), name)
		},
		c.updateItem,
	)
	c.list.OnSelected = c.onSelected

	title, confirm := i18n.T("app.files.open_title"), i18n.T("common.open")
	var bottom fyne.CanvasObject = c.msg
	if c.folders {
		title, confirm = i18n.T("app.files.folder_title"), i18n.T("app.files.choose_folder")
	} else {
		c.showAll = widget.NewCheck(i18n.T("app.files.show_all"), func(bool) { c.load(c.dir) })
		bottom = container.NewVBox(c.showAll, c.msg)
	}
	top := container.NewBorder(nil, nil, container.NewHBox(up, home), nil, c.path)
	cancel := widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), func() { c.dlg.Hide() })
	c.ok = widget.NewButtonWithIcon(confirm, theme.ConfirmIcon(), c.onConfirm)
	c.ok.Importance = widget.HighImportance
	c.dlg = dialog.NewCustomWithoutButtons(title, container.NewBorder(top, bottom, nil, nil, c.list), c.win)
	c.dlg.SetButtons([]fyne.CanvasObject{cancel, c.ok})
	c.dlg.Resize(fyne.NewSize(820, 560))
}

// load shows the folders and (when choosing a file) the case files of dir,
// folders first; hidden entries are left out.
func (c *fileChooser) load(dir string) {
	all, err := os.ReadDir(dir)
	if err != nil {
		c.msg.set(i18n.T("app.files.unreadable", map[string]any{"Folder": dir}))
		return
	}
	c.msg.set("")
	c.dir = dir
	c.entries = c.entries[:0]
	for _, e := range all {
		switch {
		case strings.HasPrefix(e.Name(), "."):
		case e.IsDir():
			c.entries = append(c.entries, e)
		case !c.folders && (c.showAll.Checked || strings.EqualFold(filepath.Ext(e.Name()), c.ext)):
			c.entries = append(c.entries, e)
		}
	}
	slices.SortStableFunc(c.entries, func(a, b os.DirEntry) int {
		if a.IsDir() != b.IsDir() {
			if a.IsDir() {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name(), b.Name())
	})
	c.path.SetText(dir)
	c.selected = -1
	c.list.UnselectAll()
	c.list.Refresh()
	c.list.ScrollToTop()
	if c.folders {
		c.ok.Enable()
	} else {
		c.ok.Disable()
	}
}

func (c *fileChooser) updateItem(i widget.ListItemID, o fyne.CanvasObject) {
	e := c.entries[i]
	row := o.(*fyne.Container)
	name := row.Objects[0].(*widget.Label)
	icon := row.Objects[1].(*widget.Icon)
	when := row.Objects[2].(*widget.Label)
	name.SetText(e.Name())
	when.SetText("")
	if e.IsDir() {
		icon.SetResource(theme.FolderIcon())
		return
	}
	icon.SetResource(theme.FileIcon())
	if info, err := e.Info(); err == nil {
		// The chooser belongs to no case file yet: the default zone, so
		// that it does not follow the PC's either.
		when.SetText(i18n.WesternDateTime(info.ModTime().In(data.LoadZone(data.DefaultTimeZone))))
	}
}

// onSelected enters a folder at a tap, and selects a file.
func (c *fileChooser) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(c.entries) {
		return
	}
	e := c.entries[i]
	if e.IsDir() {
		c.load(filepath.Join(c.dir, e.Name()))
		return
	}
	c.selected = i
	c.ok.Enable()
}

func (c *fileChooser) onConfirm() {
	path := c.dir
	if !c.folders {
		if c.selected < 0 {
			return
		}
		path = filepath.Join(c.dir, c.entries[c.selected].Name())
	}
	c.dlg.Hide()
	c.onChosen(path)
}

// ShowOpenFolder lets the user pick a folder, starting in dir.
func ShowOpenFolder(win fyne.Window, dir string, onChosen func(path string)) {
	showChooser(win, dir, true, onChosen)
}
