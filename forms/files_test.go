package forms

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
