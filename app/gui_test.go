package app

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/forms"
	"github.com/osaki-city/kinkyu/i18n"
)

// newTestWindow is the main window on a headless test app, with its data
// folder in t.TempDir() and 山田 at the keyboard.
func newTestWindow(t *testing.T) (*mainWindow, fyne.App) {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	a := test.NewTempApp(t)
	test.ApplyTheme(t, forms.NewTheme())
	require.NoError(t, applyLanguage(i18n.Japanese))
	a.Preferences().SetString(prefName, "山田")
	a.Preferences().SetString(prefRole, string(data.RoleSecurityOfficer))
	w := newMainWindow(a)
	t.Cleanup(func() {
		w.close()
		w.win.Close()
	})
	return w, a
}

// caseFile writes a case file with one misconduct case.
func caseFile(t *testing.T) (string, data.Case) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "事案.kinkyu")
	s, err := sqlite.Create(path)
	require.NoError(t, err)
	defer s.Close()
	c := &data.Case{Title: "CS端末への不審な操作", Class: data.ClassMisconduct, Status: data.StatusOpen, DiscoveredAt: time.Now().Add(-time.Hour)}
	require.NoError(t, s.CreateCase(c))
	return path, *c
}

// textField is a text field of the forms' dialogs (whose type is unexported).
type textField interface {
	fyne.CanvasObject
	fyne.Focusable
	TextEntry() *widget.Entry
}

func find[T fyne.CanvasObject](o fyne.CanvasObject, ok func(T) bool) T {
	for _, obj := range test.LaidOutObjects(o) {
		if w, is := obj.(T); is && (ok == nil || ok(w)) {
			return w
		}
	}
	var zero T
	return zero
}

// shownText is all the text drawn in o, wrapped lines joined again.
func shownText(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, obj := range test.LaidOutObjects(o) {
		if t, ok := obj.(*canvas.Text); ok && t.Visible() {
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

func TestStatusBarFollowsEdits(t *testing.T) {
	w, _ := newTestWindow(t)
	path, c := caseFile(t)
	require.True(t, w.openPath(path, false))

	assert.Equal(t, "ケースファイル: 事案.kinkyu", w.statusFile.Text)
	assert.Equal(t, "担当: 山田（セキュリティ責任者）", w.statusOfficer.Text)
	assert.Equal(t, "保存済み", w.statusSaved.Text)
	before := w.statusHead.Text
	assert.True(t, strings.HasPrefix(before, "監査ログ #"), before)

	// Tick the first step as a user would.
	w.onCaseSelected(c)
	check := find(w.detail.Content(), func(c *widget.Check) bool { return c.Visible() })
	require.NotNil(t, check)
	test.Tap(check)

	head, err := w.store.Head()
	require.NoError(t, err)
	assert.Equal(t, "監査ログ "+head.Short(), w.statusHead.Text)
	assert.NotEqual(t, before, w.statusHead.Text, "the head moves with every change")
	steps, err := w.store.Steps(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "山田", steps["5-1"].By)
	events, err := w.store.AuditEvents(head.Seq, 1)
	require.NoError(t, err)
	require.Len(t, events, 1)
	assert.Equal(t, "山田（セキュリティ責任者）", events[0].Actor, "the audit log names the officer")
}

func TestOpenRefusesAndKeepsTheCurrentFile(t *testing.T) {
	w, a := newTestWindow(t)
	path, _ := caseFile(t)
	require.True(t, w.openPath(path, false))

	junk := filepath.Join(t.TempDir(), "メモ.txt")
	require.NoError(t, os.WriteFile(junk, []byte("ただのテキスト"), 0o600))
	assert.False(t, w.openPath(junk, false))
	assert.Equal(t, path, w.store.Path(), "the current file stays open")
	assert.Equal(t, path, a.Preferences().String(prefLastFile))
	shown := w.win.Canvas().Overlays().Top()
	require.NotNil(t, shown, "the refusal is explained")
	assert.Contains(t, shownText(shown), i18n.ErrorMessage(&data.Error{Code: data.ENOTSQLITE}))
	b, _ := os.ReadFile(junk)
	assert.Equal(t, "ただのテキスト", string(b), "left untouched")
}

func TestFirstStartCreatesTheDefaultFile(t *testing.T) {
	w, a := newTestWindow(t)
	def, err := DefaultCaseFile()
	require.NoError(t, err)
	require.NoFileExists(t, def)

	w.openStartFile("")
	require.NotNil(t, w.store)
	assert.Equal(t, def, w.store.Path())
	assert.FileExists(t, def)
	assert.Equal(t, def, a.Preferences().String(prefLastFile), "remembered for the next start")
}

func TestMissingFileIsNotCreated(t *testing.T) {
	w, _ := newTestWindow(t)
	missing := filepath.Join(t.TempDir(), "打ち間違い.kinkyu")
	w.openStartFile(missing)
	assert.Nil(t, w.store)
	assert.NoFileExists(t, missing, "a mistyped path never becomes an empty case file")
	assert.Equal(t, "ケースファイル: （開いていません）", w.statusFile.Text)
	assert.NotNil(t, find(w.win.Content(), func(b *widget.Button) bool { return b.Text == "ケースファイルを開く…" }),
		"the window offers a way forward")
}

func TestSettingsAreSavedWhereTheyBelong(t *testing.T) {
	w, a := newTestWindow(t)
	path, _ := caseFile(t)
	require.True(t, w.openPath(path, false))
	before := w.statusHead.Text

	old := forms.Settings{Officer: w.officer(), City: data.DefaultCity, Prefecture: data.DefaultPrefecture, Language: "ja"}
	next := old
	next.Officer = forms.Officer{Name: "佐藤", Role: data.RoleStaff}
	next.City = "登米市"
	require.NoError(t, w.saveSettings(old, next))

	assert.Equal(t, "佐藤", a.Preferences().String(prefName))
	assert.Equal(t, string(data.RoleStaff), a.Preferences().String(prefRole))
	city, err := w.store.Setting(data.SettingCity, "")
	require.NoError(t, err)
	assert.Equal(t, "登米市", city)
	assert.Equal(t, "担当: 佐藤（住基ネット担当者）", w.statusOfficer.Text)
	assert.NotEqual(t, before, w.statusHead.Text, "the setting is an audited change")
}

func TestLanguageSwitchesAtOnce(t *testing.T) {
	w, a := newTestWindow(t)
	t.Cleanup(func() { applyLanguage(i18n.Japanese) })
	path, c := caseFile(t)
	require.True(t, w.openPath(path, false))
	w.onCaseSelected(c)

	old := forms.Settings{Officer: w.officer(), City: data.DefaultCity, Prefecture: data.DefaultPrefecture, Language: "ja"}
	next := old
	next.Language = "en"
	require.NoError(t, w.saveSettings(old, next))
	assert.Equal(t, "en", a.Preferences().String(prefLanguage))
	assert.Equal(t, "File", w.win.MainMenu().Items[0].Label)
	assert.Equal(t, "Case file: 事案.kinkyu", w.statusFile.Text)
	assert.Equal(t, c.ID, w.detail.CaseID(), "the same case stays open")
}

func TestMenus(t *testing.T) {
	w, _ := newTestWindow(t)
	menu := w.win.MainMenu()
	var labels []string
	for _, m := range menu.Items {
		labels = append(labels, m.Label)
	}
	assert.Equal(t, []string{"ファイル", "事案", "文書", "設定", "ヘルプ"}, labels)

	shortcuts := map[string]string{}
	for _, m := range menu.Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				shortcuts[it.Label] = it.Shortcut.ShortcutName()
			}
		}
	}
	ctrl := func(k string) string { return "CustomDesktop:Control+" + k }
	assert.Equal(t, ctrl("O"), shortcuts["開く…"])
	assert.Equal(t, ctrl("N"), shortcuts["新規事案…"])
	assert.Equal(t, ctrl("F"), shortcuts["検索"])
	assert.Equal(t, ctrl("Q"), shortcuts["終了"])
	assert.True(t, menu.Items[1].Items[0].Disabled, "no case file: no new case")

	path, _ := caseFile(t)
	require.True(t, w.openPath(path, false))
	assert.False(t, w.win.MainMenu().Items[1].Items[0].Disabled)
}

func TestNewCaseFromTheWindowIsSelected(t *testing.T) {
	w, _ := newTestWindow(t)
	path, _ := caseFile(t)
	require.True(t, w.openPath(path, false))
	w.onNewCase()
	dlg := w.win.Canvas().Overlays().Top()
	require.NotNil(t, dlg)
	radio := find(dlg, func(*widget.RadioGroup) bool { return true })
	radio.SetSelected("障害")
	title := find(dlg, func(e textField) bool { return e.TextEntry().PlaceHolder == i18n.T("case.new.title_placeholder") })
	test.Type(title, "古川総合支所の回線断")
	test.Tap(find(dlg, func(b *widget.Button) bool { return b.Text == "作成" }))

	require.NotZero(t, w.detail.CaseID())
	c, err := w.store.Case(w.detail.CaseID())
	require.NoError(t, err)
	assert.Equal(t, "古川総合支所の回線断", c.Title)
}

// menuAction finds a menu item by its label.
func menuAction(t *testing.T, w *mainWindow, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range w.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	require.Failf(t, "no menu item", "%q", label)
	return nil
}

func TestCaseShortcuts(t *testing.T) {
	w, _ := newTestWindow(t)
	path, c := caseFile(t)
	require.True(t, w.openPath(path, false))
	w.onCaseSelected(c)

	ctrl := func(k string) string { return "CustomDesktop:Control+" + k }
	addEntry := menuAction(t, w, "経過を記録")
	toTimeline := menuAction(t, w, "経過記録の入力欄へ")
	save := menuAction(t, w, "入力中の内容を保存")
	assert.Equal(t, ctrl("Return"), addEntry.Shortcut.ShortcutName())
	assert.Equal(t, ctrl("L"), toTimeline.Shortcut.ShortcutName())
	assert.Equal(t, ctrl("S"), save.Shortcut.ShortcutName())

	// Ctrl+L: to the timeline's quick entry; Ctrl+Enter records what is typed.
	toTimeline.Action()
	entry := w.win.Canvas().Focused()
	require.NotNil(t, entry, "the quick entry has the cursor")
	test.Type(entry, "ショートカットで記録")
	addEntry.Action()
	tl, err := w.store.Timeline(c.ID)
	require.NoError(t, err)
	require.NotEmpty(t, tl)
	assert.Equal(t, "ショートカットで記録", tl[len(tl)-1].Text)

	// Ctrl+S with nothing pending says nothing.
	save.Action()
	assert.Nil(t, w.win.Canvas().Overlays().Top())
}

// The tighter garbage-collector target holds only while the window starts, and
// a GOGC the user set wins.
func TestGCTargetIsTightOnlyWhileStarting(t *testing.T) {
	t.Setenv("GOGC", "")
	original := debug.SetGCPercent(100)
	defer debug.SetGCPercent(original)

	restore := tightenGCWhileStarting(time.Hour)
	assert.Equal(t, startupGCPercent, gcPercent())
	restore()
	assert.Equal(t, 100, gcPercent())

	// The timer puts it back by itself.
	tightenGCWhileStarting(10 * time.Millisecond)
	assert.Eventually(t, func() bool { return gcPercent() == 100 }, 10*time.Second, 10*time.Millisecond)

	t.Setenv("GOGC", "200")
	debug.SetGCPercent(200)
	tightenGCWhileStarting(time.Hour)()
	assert.Equal(t, 200, gcPercent())
}

// gcPercent reads the garbage collector's target (SetGCPercent is the only way).
func gcPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

// The case file's zone is saved in the file, and the screens are built again
// (they take the zone of their times when built), on the same case.
func TestTimeZoneSettingSaved(t *testing.T) {
	w, _ := newTestWindow(t)
	path, c := caseFile(t)
	require.True(t, w.openPath(path, false))
	w.onCaseSelected(c)
	old := forms.Settings{Officer: w.officer(), City: data.DefaultCity, Prefecture: data.DefaultPrefecture, Language: "ja",
		TimeZone: data.TimeZone(w.store).String()}
	assert.Equal(t, "Asia/Tokyo", old.TimeZone)
	next := old
	next.TimeZone = "UTC"
	detail := w.detail
	require.NoError(t, w.saveSettings(old, next))
	assert.Equal(t, "UTC", data.TimeZone(w.store).String())
	assert.NotSame(t, detail, w.detail, "built again")
	assert.Equal(t, c.ID, w.detail.CaseID(), "the same case stays open")
}
