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
// Computer, Documents) whatever the language and cannot change drive on
// Windows. A native dialog library (ncruces/zenity: IFileDialog on Windows,
// the zenity program on Linux) is not served by the module proxy this project
// builds from, and on Linux it needs a program city laptops may not have; so
// these dialogs know the places themselves: the drives with their labels
// (USB sticks marked), mount points on Linux, the desktop, Documents, the
// folders chosen recently, and a path field that takes a typed or pasted path.

// SaveFileOptions describe a ShowSaveFile dialog.
type SaveFileOptions struct {
	Title, Confirm string // dialog title and the confirm button's word
	Note           string // a line under the fields
	Folder, Name   string // where (when Kind has no remembered folder) and what to suggest
	Kind           FileKind
}

// CaseFileExt is the extension of case files, added when the name has none.
const CaseFileExt = ".kinkyu"

// saveFile is the dialog that picks a new file's folder and name. Fyne's own
// save dialog truncates an existing file before the caller can refuse it,
// which for a case file would destroy the record; this one never overwrites
// and says so.
type saveFile struct {
	win      fyne.Window
	kind     FileKind
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
	dir := StartFolder(opts.Kind, opts.Folder)
	s := &saveFile{win: win, kind: opts.Kind, onChosen: onChosen, dir: dir}
	s.folder = widget.NewLabel(dir)
	s.folder.Wrapping = fyne.TextWrapBreak
	change := newDialogButton(i18n.T("app.savefile.change"), theme.FolderOpenIcon(), s.onChangeFolder)
	s.name = newEntry()
	s.name.SetText(opts.Name)
	s.name.OnSubmitted = func(string) { s.onConfirm() }
	s.err = newFieldError()
	note := newJPText(opts.Note)
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("app.savefile.folder")), container.NewBorder(nil, nil, nil, change, s.folder),
		widget.NewLabel(i18n.T("app.savefile.name")), container.NewVBox(s.name, s.err))
	cancel := newDialogButton(i18n.T("common.cancel"), theme.CancelIcon(), func() { s.dlg.Hide() })
	ok := newDialogButton(opts.Confirm, theme.ConfirmIcon(), s.onConfirm)
	ok.Importance = widget.HighImportance
	s.dlg = dialog.NewCustomWithoutButtons(opts.Title, container.NewVBox(form, note), win)
	s.dlg.SetButtons([]fyne.CanvasObject{cancel, ok})
	s.dlg.Resize(fyne.NewSize(640, 300))
	return s
}

func (s *saveFile) onChangeFolder() {
	c := newFileChooser(s.win, ChooseOptions{Title: i18n.T("app.files.folder_title"), Folder: s.dir, Folders: true}, func(dir string) {
		s.dir = dir
		s.folder.SetText(dir)
	})
	ShowDialog(s.win, c.dlg, nil)
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
	RememberFolder(s.kind, s.dir)
	s.dlg.Hide()
}

// ChooseOptions describe a dialog that picks an existing file or a folder.
type ChooseOptions struct {
	Title   string   // what is being chosen: 「確認するPDFを選ぶ」
	Kind    FileKind // remembers the folder; "" remembers nothing
	Ext     string   // the files shown unless 全てのファイル is ticked
	Folder  string   // where to start when Kind has no remembered folder
	Folders bool     // choose a folder rather than a file
}

// fileChooser browses the folders of this computer, its drives and mounted
// disks, for a file to open or a folder to save into.
type fileChooser struct {
	win      fyne.Window
	opts     ChooseOptions
	onChosen func(path string)

	dir      string
	entries  []os.DirEntry
	selected int // index in entries; -1 when none
	places   []place

	path      *entry // the folder shown (or the file selected); a path typed or pasted goes there
	msg       fieldError
	showAll   *dialogCheck
	list      *fileList
	placeList *fileList
	ok        *dialogButton
	dlg       *dialog.CustomDialog
}

// place is a row of the list on the left: a heading, or a folder to go to.
type place struct {
	text    string
	path    string // "" for a heading
	icon    fyne.Resource
	heading bool
}

// ShowOpenFile lets the user pick a case file, starting in the folder last
// used for case files, else dir, and calls onChosen with its path.
func ShowOpenFile(win fyne.Window, dir string, onChosen func(path string)) {
	ShowChoose(win, ChooseOptions{Title: i18n.T("app.files.open_title"), Kind: KindCaseFile, Ext: CaseFileExt, Folder: dir}, onChosen)
}

// ShowChoose shows a dialog that picks an existing file (or a folder) and
// calls onChosen with its path; the folder is remembered for opts.Kind.
func ShowChoose(win fyne.Window, opts ChooseOptions, onChosen func(path string)) {
	c := newFileChooser(win, opts, onChosen)
	ShowDialog(win, c.dlg, nil)
}

// ShowOpenFolder lets the user pick a folder; the dialog's title says what for.
func ShowOpenFolder(win fyne.Window, title string, kind FileKind, dir string, onChosen func(path string)) {
	ShowChoose(win, ChooseOptions{Title: title, Kind: kind, Folder: dir, Folders: true}, onChosen)
}

func newFileChooser(win fyne.Window, opts ChooseOptions, onChosen func(path string)) *fileChooser {
	if opts.Ext == "" && !opts.Folders {
		opts.Ext = CaseFileExt
	}
	c := &fileChooser{win: win, opts: opts, onChosen: onChosen, selected: -1}
	c.buildUI()
	dir := StartFolder(opts.Kind, opts.Folder)
	if dir == "" || !isDir(dir) {
		dir, _ = os.UserHomeDir()
	}
	c.load(dir)
	return c
}

func (c *fileChooser) buildUI() {
	c.path = newEntry()
	c.path.SetPlaceHolder(i18n.T("app.files.path_placeholder"))
	c.path.OnSubmitted = func(string) { c.goTo(c.path.Text, false) }
	c.msg = newFieldError()
	up := newDialogButton(i18n.T("app.files.up"), theme.MoveUpIcon(), func() { c.load(filepath.Dir(c.dir)) })
	goTo := newDialogButton(i18n.T("app.files.go"), theme.NavigateNextIcon(), func() { c.goTo(c.path.Text, false) })
	refresh := newDialogButton("", theme.ViewRefreshIcon(), func() {
		c.loadPlaces()
		c.load(c.dir)
	})
	c.list = newFileList(
		func() int { return len(c.entries) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.FolderIcon()), widget.NewLabel(""), name)
		},
		c.updateItem,
		func() { // Return on a file opens it; on a folder, goes into it (Ctrl+Enter chooses a folder)
			if !c.opts.Folders {
				c.onConfirm()
			}
		},
	)
	c.list.OnSelected = c.onSelected
	c.placeList = newFileList(
		func() int { return len(c.places) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.FolderIcon()), nil, name)
		},
		c.updatePlace,
		nil, // Return on a place goes there
	)
	c.placeList.OnSelected = c.onPlace
	c.loadPlaces()

	confirm := i18n.T("common.open")
	var bottom fyne.CanvasObject = c.msg
	if c.opts.Folders {
		confirm = i18n.T("app.files.choose_folder")
	} else {
		c.showAll = newDialogCheck(i18n.T("app.files.show_all", map[string]any{"Ext": c.opts.Ext}), func(bool) { c.load(c.dir) })
		bottom = container.NewVBox(c.showAll, c.msg)
	}
	top := container.NewBorder(nil, nil, up, container.NewHBox(goTo, refresh), c.path)
	split := container.NewHSplit(c.placeList, c.list)
	split.Offset = 0.3
	cancel := newDialogButton(i18n.T("common.cancel"), theme.CancelIcon(), func() { c.dlg.Hide() })
	c.ok = newDialogButton(confirm, theme.ConfirmIcon(), c.onConfirm)
	c.ok.Importance = widget.HighImportance
	c.ok.submit = c.submit // Ctrl+Enter: also a path typed, and says why when nothing is chosen
	c.dlg = dialog.NewCustomWithoutButtons(c.opts.Title, container.NewBorder(top, bottom, nil, nil, split), c.win)
	c.dlg.SetButtons([]fyne.CanvasObject{cancel, c.ok})
	c.dlg.Resize(fyne.NewSize(900, 580))
}

// loadPlaces fills the list on the left: the desktop, Documents and home,
// the drives (USB sticks marked), and the folders chosen recently.
func (c *fileChooser) loadPlaces() {
	c.places = c.places[:0]
	add := func(text, path string, icon fyne.Resource) {
		if path != "" && isDir(path) {
			c.places = append(c.places, place{text: text, path: path, icon: icon})
		}
	}
	add(i18n.T("app.files.desktop"), knownFolderOf("desktop"), theme.ComputerIcon())
	add(i18n.T("app.files.documents"), knownFolderOf("documents"), theme.DocumentIcon())
	if h, err := os.UserHomeDir(); err == nil {
		add(i18n.T("app.files.home"), h, theme.HomeIcon())
	}
	if drives := listDrives(); len(drives) > 0 {
		c.places = append(c.places, place{text: i18n.T("app.files.drives"), heading: true})
		for _, d := range drives {
			c.places = append(c.places, place{text: DriveText(d), path: d.Path, icon: theme.StorageIcon()})
		}
	}
	if recent := recentFolders(); len(recent) > 0 {
		c.places = append(c.places, place{text: i18n.T("app.files.recent"), heading: true})
		for _, dir := range recent {
			c.places = append(c.places, place{text: recentText(dir), path: dir, icon: theme.HistoryIcon()})
		}
	}
	if c.placeList != nil {
		c.placeList.UnselectAll()
		c.placeList.Refresh()
	}
}

// recentText names a recent folder by its name and where it is:
// 「2026年度  (E:\事案\2026年度)」; the root of a drive by itself (E:\).
func recentText(dir string) string {
	if filepath.Dir(dir) == dir {
		return dir
	}
	return filepath.Base(dir) + "  (" + dir + ")"
}

// DriveText names a drive as Explorer does, 「KINKYU (E:)」, with a word for
// a drive without a label and a mark on removable ones:
// 「KINKYU (E:)［取り外し可能］」.
func DriveText(d Drive) string {
	label := d.Label
	if label == "" {
		label = i18n.T("app.files.drive_kind." + [...]string{"fixed", "removable", "network", "cd"}[d.Kind])
	}
	where := d.Path // a mount point
	if v := filepath.VolumeName(d.Path); v != "" {
		where = v // E:
	}
	text := label + " (" + where + ")"
	if d.Kind == DriveRemovable {
		text += i18n.T("app.files.removable_mark")
	}
	return text
}

func (c *fileChooser) updatePlace(i widget.ListItemID, o fyne.CanvasObject) {
	p := c.places[i]
	row := o.(*fyne.Container)
	name := row.Objects[0].(*widget.Label)
	icon := row.Objects[1].(*widget.Icon)
	name.SetText(p.text)
	name.TextStyle.Bold = p.heading
	name.Refresh()
	if p.heading {
		icon.Hide()
		return
	}
	icon.SetResource(p.icon)
	icon.Show()
}

func (c *fileChooser) onPlace(i widget.ListItemID) {
	if i < 0 || i >= len(c.places) {
		return
	}
	c.placeList.Unselect(i)
	if p := c.places[i]; !p.heading {
		c.load(p.path)
	}
}

// typedPath is the path in the path field as a full path: Explorer's
// 「パスのコピー」 puts quotes around it, ~ is the home folder, a bare drive
// (E:) means its root, and a relative path is in the folder shown; "" when
// the field is empty.
func (c *fileChooser) typedPath() string {
	p := strings.TrimSpace(c.path.Text)
	p = strings.Trim(p, `"'`)
	if p == "" {
		return ""
	}
	if p == "~" || strings.HasPrefix(p, "~/") {
		if h, err := os.UserHomeDir(); err == nil {
			p = filepath.Join(h, p[1:])
		}
	}
	if v := filepath.VolumeName(p); v != "" && v == p {
		p += string(filepath.Separator)
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(c.dir, p)
	}
	return filepath.Clean(p)
}

// goTo follows a path typed or pasted into the path field (Enter, 移動): a
// folder opens, a file is chosen (when choosing files). With choose (Ctrl+Enter,
// the dialog's answer) a folder typed into a folder chooser is chosen rather
// than opened.
func (c *fileChooser) goTo(text string, choose bool) {
	if c.path.Text != text {
		c.path.SetText(text)
	}
	p := c.typedPath()
	if p == "" {
		return
	}
	fi, err := os.Stat(p)
	switch {
	case err != nil:
		c.msg.set(i18n.T("app.files.not_found", map[string]any{"Path": p}))
	case fi.IsDir() && choose && c.opts.Folders:
		c.choose(p)
	case fi.IsDir():
		c.load(p)
	case c.opts.Folders:
		c.msg.set(i18n.T("app.files.not_folder", map[string]any{"Path": p}))
	case !fi.Mode().IsRegular():
		c.msg.set(i18n.T("app.files.not_found", map[string]any{"Path": p}))
	default:
		c.choose(p)
	}
}

// load shows the folders and (when choosing a file) the files of dir with
// the extension, folders first; hidden entries are left out.
func (c *fileChooser) load(dir string) {
	all, err := os.ReadDir(dir)
	if err != nil {
		c.msg.set(i18n.T("app.files.unreadable", map[string]any{"Folder": dir}))
		c.path.SetText(c.dir)
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
		case !c.opts.Folders && (c.showAll.Checked || strings.EqualFold(filepath.Ext(e.Name()), c.opts.Ext)):
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
	if c.opts.Folders {
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
	c.path.SetText(filepath.Join(c.dir, e.Name())) // what 開く (and Ctrl+Enter) opens
	c.msg.set("")
	c.ok.Enable()
}

// onConfirm is 開く (このフォルダーを選ぶ): the file selected, or the folder
// shown.
func (c *fileChooser) onConfirm() {
	if c.opts.Folders {
		c.choose(c.dir)
		return
	}
	if c.selected < 0 {
		return
	}
	c.choose(filepath.Join(c.dir, c.entries[c.selected].Name()))
}

// submit is Ctrl+Enter, the dialog's answer from anywhere in it: the path
// typed or pasted into the path field when it names another place than the
// folder shown (a file is opened, a folder chosen, or in a file dialog
// entered), else what 開く or このフォルダーを選ぶ takes. With nothing to open
// it says so rather than doing nothing.
func (c *fileChooser) submit() {
	if p := c.typedPath(); p != "" && p != filepath.Clean(c.dir) {
		c.goTo(c.path.Text, true)
		return
	}
	if !c.opts.Folders && c.selected < 0 {
		c.msg.set(i18n.T("app.files.choose_file"))
		return
	}
	c.onConfirm()
}

// fileList is a list of the file dialogs: Return opens the item with the
// focus (a folder or a place is gone into, a file chosen), and Escape closes
// the dialog, which a Fyne list would swallow once a tap gave it the focus.
type fileList struct {
	widget.List
	onEnter func() // after the item with the focus is selected by Return
}

func newFileList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject), onEnter func()) *fileList {
	l := &fileList{onEnter: onEnter}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

func (l *fileList) TypedKey(k *fyne.KeyEvent) {
	switch {
	case passEscape(l, k):
	case k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter:
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // selects the item with the focus
		if l.onEnter != nil {
			l.onEnter()
		}
	default:
		l.List.TypedKey(k)
	}
}

// choose closes the dialog with path, and remembers its folder.
func (c *fileChooser) choose(path string) {
	dir := path
	if !c.opts.Folders {
		dir = filepath.Dir(path)
	}
	RememberFolder(c.opts.Kind, dir)
	c.dlg.Hide()
	c.onChosen(path)
}
