package forms

import (
	"path/filepath"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Tokyo on any test machine

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/i18n"
)

// tokyo is a zone the store can name and load again (a FixedZone it cannot).
var tokyo, _ = time.LoadLocation("Asia/Tokyo")

// testNow is the clock of the screen tests: 2026/11/27 14:05 in Tokyo.
var testNow = time.Date(2026, 11, 27, 14, 5, 0, 0, tokyo)

// screen is a headless window on a real case file in t.TempDir().
type screen struct {
	env   *Env
	win   fyne.Window
	path  string
	saved int // calls of Env.Saved
}

func newScreen(t *testing.T) *screen {
	t.Helper()
	test.NewTempApp(t)
	test.ApplyTheme(t, NewTheme())
	require.NoError(t, i18n.SetLanguage(i18n.Japanese))
	now := data.Now
	data.Now = func() time.Time { return testNow }
	t.Cleanup(func() { data.Now = now })

	path := filepath.Join(t.TempDir(), "事案.kinkyu")
	store, err := sqlite.Create(path)
	require.NoError(t, err)
	t.Cleanup(func() { store.Close() })
	store.SetActor("山田（セキュリティ責任者）")

	win := test.NewWindow(nil)
	win.Resize(fyne.NewSize(1280, 760))
	t.Cleanup(win.Close)
	s := &screen{win: win, path: path}
	s.env = &Env{
		Window:  win,
		Store:   store,
		Officer: func() Officer { return Officer{Name: "山田", Role: data.RoleSecurityOfficer} },
		Saved:   func() { s.saved++ },
	}
	return s
}

// addCase stores a case directly, as if recorded earlier.
func (s *screen) addCase(t *testing.T, title string, class data.Class, status data.Status, drill bool, at time.Time) data.Case {
	t.Helper()
	c := &data.Case{Title: title, Class: class, Status: status, DiscoveredAt: at, Drill: drill}
	require.NoError(t, s.env.Store.CreateCase(c))
	return *c
}

// reopen reads the case file again from disk, as the next start of the app
// would, through a connection of its own. It is read-only: the screen's store
// still holds the file (a second writer is refused, see data/sqlite lock).
func (s *screen) reopen(t *testing.T) data.Store {
	t.Helper()
	store, err := sqlite.OpenReadOnly(s.path)
	require.NoError(t, err)
	t.Cleanup(func() { store.Close() })
	return store
}

// topDialog is what a dialog shows on the window, or nil when none is open.
func (s *screen) topDialog() fyne.CanvasObject {
	return s.win.Canvas().Overlays().Top()
}

// button finds the button with this text among the objects shown in o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	require.NotNil(t, o, "nothing shown where the button %q should be", text)
	for _, obj := range test.LaidOutObjects(o) {
		if b, ok := obj.(*widget.Button); ok && b.Text == text && b.Visible() {
			return b
		}
		if b, ok := obj.(*dialogButton); ok && b.Text == text && b.Visible() {
			return &b.Button
		}
	}
	require.Failf(t, "no button", "no button %q", text)
	return nil
}

// texts collects the text of every label and rich text shown in o.
func texts(o fyne.CanvasObject) []string {
	var out []string
	for _, obj := range test.LaidOutObjects(o) {
		switch w := obj.(type) {
		case *widget.Label:
			if w.Visible() && w.Text != "" {
				out = append(out, w.Text)
			}
		case *jpText:
			if w.Visible() && w.Text != "" {
				out = append(out, w.Text)
			}
		case *widget.RichText:
			out = append(out, w.String())
		}
	}
	return out
}

// shownWords is every word o shows: its texts, and the words of its buttons,
// checks and radio groups and the placeholders of its entries.
func shownWords(o fyne.CanvasObject) []string {
	words := texts(o)
	for _, obj := range test.LaidOutObjects(o) {
		switch w := obj.(type) {
		case *widget.Button:
			words = append(words, w.Text)
		case *entry:
			words = append(words, w.PlaceHolder)
		case *widget.RadioGroup:
			words = append(words, w.Options...)
		case *widget.Check:
			words = append(words, w.Text)
		}
	}
	return words
}

// assertNoFieldMsgs checks that no field of a form shows a message.
func assertNoFieldMsgs(t *testing.T, errs fieldMsgs) {
	t.Helper()
	for name, e := range errs {
		assert.False(t, e.Visible(), "no message for %s: %s", name, e.Text)
	}
}
