package forms

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/i18n"
)

// fakePlaces puts a desktop, a Documents folder and two drives (a fixed one
// and a USB stick with a label) where the dialogs look for them.
func fakePlaces(t *testing.T) (docs, stick string) {
	t.Helper()
	root := t.TempDir()
	docs = filepath.Join(root, "ドキュメント")
	desk := filepath.Join(root, "デスクトップ")
	stick = filepath.Join(root, "media", "KINKYU")
	for _, d := range []string{docs, desk, stick} {
		require.NoError(t, os.MkdirAll(d, 0o700))
	}
	drives, known := listDrives, knownFolderOf
	listDrives = func() []Drive {
		return []Drive{{Path: root, Kind: DriveFixed}, {Path: stick, Label: "KINKYU", Kind: DriveRemovable}}
	}
	knownFolderOf = func(which string) string {
		if which == "desktop" {
			return desk
		}
		return docs
	}
	t.Cleanup(func() { listDrives, knownFolderOf = drives, known })
	return docs, stick
}

func placeTexts(c *fileChooser) []string {
	var out []string
	for _, p := range c.places {
		out = append(out, p.text)
	}
	return out
}

func placeIndex(t *testing.T, c *fileChooser, text string) int {
	t.Helper()
	i := slices.IndexFunc(c.places, func(p place) bool { return p.text == text })
	require.GreaterOrEqual(t, i, 0, "no place %q in %q", text, placeTexts(c))
	return i
}

// The dialog lists the drives with their labels, the USB stick marked, and
// a tap on one goes there: a case file on E: opens with Ctrl+O.
func TestChooserDrivesAndPlaces(t *testing.T) {
	s := newScreen(t)
	docs, stick := fakePlaces(t)
	require.NoError(t, os.WriteFile(filepath.Join(stick, "持ち出し.kinkyu"), nil, 0o600))

	var chosen string
	c := newFileChooser(s.win, ChooseOptions{Title: "ケースファイルを開く", Kind: KindCaseFile, Ext: CaseFileExt, Folder: docs}, func(p string) { chosen = p })
	ShowDialog(s.win, c.dlg, nil)
	got := placeTexts(c)
	for _, want := range []string{"デスクトップ", "ドキュメント", "ドライブ", "KINKYU (" + stick + ")［取り外し可能］"} {
		assert.Contains(t, got, want)
	}
	assert.Contains(t, strings.Join(got, "\n"), "ローカル ディスク (")
	assert.Equal(t, docs, c.dir)
	assert.Equal(t, docs, c.path.Text, "the path field shows where the dialog is")

	c.placeList.Select(placeIndex(t, c, "KINKYU ("+stick+")［取り外し可能］"))
	assert.Equal(t, stick, c.dir)
	c.list.Select(0)
	test.Tap(c.ok)
	assert.Equal(t, filepath.Join(stick, "持ち出し.kinkyu"), chosen)
	assert.Nil(t, s.topDialog())

	// The stick is now a recent folder, and where case files are opened from.
	c = newFileChooser(s.win, ChooseOptions{Title: "ケースファイルを開く", Kind: KindCaseFile, Ext: CaseFileExt, Folder: docs}, func(string) {})
	assert.Equal(t, stick, c.dir, "the folder last chosen for case files")
	assert.Contains(t, placeTexts(c), "最近使ったフォルダー")
	assert.Contains(t, placeTexts(c), "KINKYU  ("+stick+")")
	// Another kind keeps its own folder.
	c = newFileChooser(s.win, ChooseOptions{Title: "署名を確認するPDFを選ぶ", Kind: KindDocument, Ext: ".pdf", Folder: docs}, func(string) {})
	assert.Equal(t, docs, c.dir)

	// The stick is pulled out: the dialog starts where it would have.
	require.NoError(t, os.RemoveAll(stick))
	c = newFileChooser(s.win, ChooseOptions{Title: "ケースファイルを開く", Kind: KindCaseFile, Ext: CaseFileExt, Folder: docs}, func(string) {})
	assert.Equal(t, docs, c.dir)
	assert.NotContains(t, strings.Join(placeTexts(c), "\n"), "KINKYU  (", "a recent folder that is gone is not offered")
}

// A path typed or pasted into the path field: a folder opens, a file is
// chosen, quotes from Explorer's 「パスのコピー」 are dropped, and a path
// that does not exist says so.
func TestChooserTypedPath(t *testing.T) {
	s := newScreen(t)
	docs, stick := fakePlaces(t)
	file := filepath.Join(stick, "令和8年度.kinkyu")
	require.NoError(t, os.WriteFile(file, nil, 0o600))

	var chosen string
	c := newFileChooser(s.win, ChooseOptions{Title: "ケースファイルを開く", Kind: KindCaseFile, Folder: docs}, func(p string) { chosen = p })
	ShowDialog(s.win, c.dlg, nil)
	s.win.Canvas().Focus(c.path)

	c.path.SetText("")
	test.Type(c.path, stick)
	c.path.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Equal(t, stick, c.dir)
	assert.Empty(t, chosen)

	c.path.SetText("")
	test.Type(c.path, filepath.Join(stick, "ない"))
	c.path.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Equal(t, stick, c.dir)
	assert.True(t, c.msg.Visible())
	assert.Contains(t, c.msg.Text, "見つかりません")

	c.path.SetText(`"` + file + `"`) // pasted
	c.path.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Equal(t, file, chosen)
	assert.Nil(t, s.topDialog())
	assert.Equal(t, stick, StartFolder(KindCaseFile, ""), "remembered")

	// In a folder chooser a file is refused and a folder is the answer.
	chosen = ""
	c = newFileChooser(s.win, ChooseOptions{Title: "白紙の様式を保存するフォルダーを選ぶ", Kind: KindDocument, Folder: docs, Folders: true}, func(p string) { chosen = p })
	ShowDialog(s.win, c.dlg, nil)
	c.path.SetText(file)
	c.path.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	assert.Contains(t, c.msg.Text, "フォルダーではありません")
	assert.Empty(t, chosen)
	c.path.SetText(stick)
	test.Tap(button(t, s.win.Canvas().Overlays().Top(), "移動"))
	test.Tap(c.ok)
	assert.Equal(t, stick, chosen)
}

// Every picker says in its title what is being chosen.
func TestPickerTitles(t *testing.T) {
	s := newScreen(t)
	docs, _ := fakePlaces(t)
	shown := func() []string {
		top := s.topDialog()
		require.NotNil(t, top)
		return texts(top)
	}
	ShowVerifyPDF(s.env)
	assert.Contains(t, shown(), "署名を確認するPDFを選ぶ")
	assert.NotContains(t, shown(), "ケースファイルを開く")
	s.win.Canvas().Overlays().Top().Hide()

	ShowOpenFile(s.win, docs, func(string) {})
	assert.Contains(t, shown(), "ケースファイルを開く")
}

// Documents go to a folder officers can find: beside the case file, unless
// that is the app's hidden data folder; then Documents/kinkyu.
func TestDocumentFolder(t *testing.T) {
	docs, stick := fakePlaces(t)
	assert.Equal(t, stick, DocumentFolder(filepath.Join(stick, "事案.kinkyu")))

	home, err := os.UserHomeDir()
	require.NoError(t, err)
	hidden := filepath.Join(home, ".local", "share", "kinkyu", "事案.kinkyu")
	assert.Equal(t, filepath.Join(docs, "kinkyu"), DocumentFolder(hidden))
	assert.DirExists(t, filepath.Join(docs, "kinkyu"))
	assert.Equal(t, filepath.Join(docs, "kinkyu"), DocumentFolder(""))

	assert.True(t, IsHiddenFolder(filepath.Join(home, ".local", "share", "kinkyu")))
	if cfg, err := os.UserConfigDir(); err == nil {
		assert.True(t, IsHiddenFolder(filepath.Join(cfg, "kinkyu")), "%%AppData%%\\kinkyu")
	}
	assert.False(t, IsHiddenFolder(stick))
}

func TestRecentText(t *testing.T) {
	assert.Equal(t, "KINKYU  ("+filepath.Join(string(filepath.Separator)+"media", "KINKYU")+")", recentText(filepath.Join(string(filepath.Separator)+"media", "KINKYU")))
	root := string(filepath.Separator)
	if v := filepath.VolumeName(os.TempDir()); v != "" {
		root = v + root // E:\ on Windows
	}
	assert.Equal(t, root, recentText(root), "the root of a drive is named by itself, not 「\\  (E:\\)」")
}

func TestDriveText(t *testing.T) {
	newScreen(t)
	for _, tc := range []struct {
		d    Drive
		want string
	}{
		{Drive{Path: `E:\`, Label: "KINKYU", Kind: DriveRemovable}, "KINKYU (E:)［取り外し可能］"},
		{Drive{Path: `F:\`, Kind: DriveRemovable}, "USB ドライブ (F:)［取り外し可能］"},
		{Drive{Path: `Z:\`, Kind: DriveNetwork}, "ネットワーク ドライブ (Z:)"},
		{Drive{Path: "/media/yamada/KINKYU", Label: "KINKYU", Kind: DriveRemovable}, "KINKYU (/media/yamada/KINKYU)［取り外し可能］"},
		{Drive{Path: "/", Kind: DriveFixed}, "ローカル ディスク (/)"},
	} {
		if filepath.VolumeName(tc.d.Path) == "" && strings.Contains(tc.d.Path, `\`) {
			continue
		}
		got := DriveText(tc.d)
		if filepath.Separator == '/' && strings.Contains(tc.d.Path, `:\`) {
			// On Linux E:\ is no volume: the path is shown as it is.
			assert.Contains(t, got, tc.d.Path)
			continue
		}
		assert.Equal(t, tc.want, got)
	}
}

// The file dialogs from the keyboard (issue #14 item 5, #16): Ctrl+Enter is
// the dialog's answer from anywhere in it (the file selected or the path
// typed; a folder chooser's folder), Enter in the path field goes to the
// path typed, Return in the list opens what has the focus, and Escape closes
// the dialog from every widget of it, the list and the buttons included.
func TestFileDialogsFromTheKeyboard(t *testing.T) {
	s := newScreen(t)
	docs, stick := fakePlaces(t)
	file := filepath.Join(stick, "持ち出し.kinkyu")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	old := filepath.Join(stick, "古い事案")
	require.NoError(t, os.MkdirAll(old, 0o700))
	c := s.win.Canvas()

	var chosen []string
	open := func() *fileChooser {
		chosen = nil
		ch := newFileChooser(s.win, ChooseOptions{Title: "ケースファイルを開く", Kind: KindCaseFile, Ext: CaseFileExt, Folder: docs}, func(p string) { chosen = append(chosen, p) })
		ShowDialog(s.win, ch.dlg, nil)
		require.Same(t, ch.dlg, dialogOnTop(t, s, ch))
		return ch
	}

	t.Run("Ctrl+Enter with nothing chosen says so", func(t *testing.T) {
		ch := open()
		c.Focus(ch.path)
		press(s.win, fyne.KeyReturn, ctrl)
		assert.Empty(t, chosen)
		assert.NotNil(t, s.topDialog(), "the dialog stays")
		assert.Contains(t, ch.msg.Text, "開くファイルを一覧で選ぶか")
		pressEscape(s.win)
		assert.Nil(t, s.topDialog(), "Escape from the path field closes it")
		assert.Empty(t, chosen)
	})

	t.Run("Enter in the path field goes there; Ctrl+Enter opens the path typed", func(t *testing.T) {
		ch := open()
		c.Focus(ch.path)
		ch.path.SetText("")
		test.Type(ch.path, stick)
		press(s.win, fyne.KeyReturn, 0)
		assert.Equal(t, stick, ch.dir, "Enter: the folder typed")
		assert.Empty(t, chosen)
		assert.NotNil(t, s.topDialog())

		ch.path.SetText("")
		test.Type(ch.path, "持ち出し.kinkyu") // a name in the folder shown
		press(s.win, fyne.KeyReturn, ctrl)
		assert.Equal(t, []string{file}, chosen, "Ctrl+Enter: the file typed")
		assert.Nil(t, s.topDialog())
	})

	t.Run("the list: Return goes into a folder and opens a file, Ctrl+Enter opens the one selected", func(t *testing.T) {
		ch := open()
		ch.placeList.Select(placeIndex(t, ch, "KINKYU ("+stick+")［取り外し可能］"))
		require.Equal(t, stick, ch.dir)
		c.Focus(ch.list)
		press(s.win, fyne.KeyReturn, 0) // the first row, 古い事案
		assert.Equal(t, old, ch.dir, "Return on a folder goes into it")
		assert.Empty(t, chosen)
		press(s.win, fyne.KeyEscape, 0)
		assert.Nil(t, s.topDialog(), "Escape from the list closes the dialog")
		assert.Empty(t, chosen)

		ch = open()
		ch.goTo(stick, false)
		c.Focus(ch.list)
		press(s.win, fyne.KeyDown, 0)
		press(s.win, fyne.KeyReturn, 0) // the second row, the case file
		assert.Equal(t, []string{file}, chosen, "Return on a file opens it")
		assert.Nil(t, s.topDialog())

		ch = open()
		ch.goTo(stick, false)
		ch.list.Select(1) // a tap on the file
		assert.Equal(t, file, ch.path.Text, "the path field shows what 開く opens")
		c.Focus(ch.list)
		press(s.win, fyne.KeyReturn, ctrl)
		assert.Equal(t, []string{file}, chosen)
		assert.Nil(t, s.topDialog())
	})

	t.Run("Escape from a button or the tick box", func(t *testing.T) {
		for _, name := range []string{"上のフォルダー", "キャンセル", "show all"} {
			ch := open()
			var f fyne.Focusable = ch.showAll
			if name != "show all" {
				f = findOne(t, s.topDialog(), name, func(b *dialogButton) bool { return b.Text == name })
			}
			c.Focus(f)
			require.Equal(t, f, c.Focused())
			press(s.win, fyne.KeyEscape, 0)
			assert.Nil(t, s.topDialog(), "Escape with the focus on %s", name)
			assert.Empty(t, chosen)
		}
	})

	t.Run("a folder chooser: Enter goes into the folder typed, Ctrl+Enter chooses it", func(t *testing.T) {
		chosen = nil
		ch := newFileChooser(s.win, ChooseOptions{Title: "白紙の様式を保存するフォルダーを選ぶ", Kind: KindDocument, Folder: docs, Folders: true}, func(p string) { chosen = append(chosen, p) })
		ShowDialog(s.win, ch.dlg, nil)
		c.Focus(ch.path)
		ch.path.SetText(stick)
		press(s.win, fyne.KeyReturn, 0)
		assert.Equal(t, stick, ch.dir)
		assert.Empty(t, chosen)
		c.Focus(ch.list)
		press(s.win, fyne.KeyReturn, 0) // 古い事案: Return goes in, and chooses nothing yet
		assert.Equal(t, old, ch.dir)
		assert.Empty(t, chosen)
		ch.path.SetText(docs)
		c.Focus(ch.path)
		press(s.win, fyne.KeyReturn, ctrl)
		assert.Equal(t, []string{docs}, chosen, "Ctrl+Enter: the folder typed")
		assert.Nil(t, s.topDialog())

		chosen = nil
		ch = newFileChooser(s.win, ChooseOptions{Title: "白紙の様式を保存するフォルダーを選ぶ", Folder: stick, Folders: true}, func(p string) { chosen = append(chosen, p) })
		ShowDialog(s.win, ch.dlg, nil)
		c.Unfocus()
		press(s.win, fyne.KeyReturn, ctrl)
		assert.Equal(t, []string{stick}, chosen, "Ctrl+Enter: the folder shown")
	})

	t.Run("the save dialog, with the folder chooser on top of it", func(t *testing.T) {
		start := StartFolder(KindCaseFile, docs) // the folder case files were last opened from
		require.NoError(t, os.WriteFile(filepath.Join(start, "既存.kinkyu"), nil, 0o600))
		var saved []string
		ShowSaveFile(s.win, SaveFileOptions{Title: "新しいケースファイル", Confirm: "作成", Folder: docs, Kind: KindCaseFile}, func(p string) error {
			saved = append(saved, p)
			return nil
		})
		save := s.topDialog()
		name, ok := c.Focused().(*entry)
		require.True(t, ok, "the cursor is in the name")
		test.Type(name, "既存")
		press(s.win, fyne.KeyReturn, ctrl)
		assert.Empty(t, saved, "an existing file is never overwritten")
		assert.Same(t, save, s.topDialog())

		test.Tap(button(t, save, "変更…"))
		chooser := s.topDialog()
		require.NotSame(t, save, chooser)
		press(s.win, fyne.KeyEscape, 0)
		assert.Same(t, save, s.topDialog(), "Escape closes the folder chooser only")

		test.Tap(button(t, save, "変更…"))
		ch := c.Overlays().Top()
		require.NotSame(t, save, ch)
		path := findOne(t, ch, "path field", placeholder(i18n.T("app.files.path_placeholder")))
		c.Focus(path)
		path.SetText(`"` + old + `"`) // pasted from Explorer
		press(s.win, fyne.KeyReturn, ctrl)
		assert.Same(t, save, s.topDialog(), "Ctrl+Enter chose the folder and closed the chooser only")
		assert.Contains(t, texts(save), old)

		c.Focus(name)
		name.SetText("令和8年度")
		press(s.win, fyne.KeyReturn, ctrl)
		assert.Equal(t, []string{filepath.Join(old, "令和8年度.kinkyu")}, saved)
		assert.Nil(t, s.topDialog())

		ShowSaveFile(s.win, SaveFileOptions{Title: "新しいケースファイル", Confirm: "作成", Folder: docs, Kind: KindCaseFile}, func(p string) error {
			saved = append(saved, p)
			return nil
		})
		c.Focus(findOne(t, s.topDialog(), "作成", func(b *dialogButton) bool { return b.Text == "作成" }))
		press(s.win, fyne.KeyEscape, 0)
		assert.Nil(t, s.topDialog(), "Escape from a button of the save dialog")
		assert.Len(t, saved, 1)
	})
}

// dialogOnTop checks that the chooser's dialog is the one on top of the
// window (its button row holds the chooser's 開く) and returns it.
func dialogOnTop(t *testing.T, s *screen, ch *fileChooser) *dialog.CustomDialog {
	t.Helper()
	assert.Contains(t, dialogButtons(s.topDialog()), &ch.ok.Button)
	return ch.dlg
}
