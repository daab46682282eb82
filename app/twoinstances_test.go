package app

import (
	"bytes"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// A second window on a case file another one has open is told so, may read
// it with a banner saying nothing will be saved, and cannot write to it; the
// commands that only read still work alongside.
func TestSecondWindowIsToldAndMayOnlyRead(t *testing.T) {
	path, c := caseFile(t)
	first, err := sqlite.Open(path) // the first window
	require.NoError(t, err)
	defer first.Close()
	before, err := os.ReadFile(path)
	require.NoError(t, err)

	w, _ := newTestWindow(t)
	assert.False(t, w.openPath(path, false))
	over := w.win.Canvas().Overlays().Top()
	require.NotNil(t, over, "the officer is told")
	text := shownText(over)
	assert.Contains(t, text, "別のウィンドウ")
	assert.Contains(t, text, "読み取り専用で開きますか")
	open := find(over, func(b *widget.Button) bool { return b.Text == "読み取り専用で開く" })
	require.NotNil(t, open)
	test.Tap(open)

	require.NotNil(t, w.store)
	assert.True(t, w.store.ReadOnly())
	assert.Contains(t, shownText(w.win.Content()), "読み取り専用で開いています")
	err = w.store.AddEntry(&data.Entry{CaseID: c.ID, At: time.Now(), Text: "二つ目の窓から"})
	assert.Equal(t, data.EREADONLY, data.ErrorCode(err))
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, before, after, "the second window wrote nothing")

	// The first window still writes, and commands that read run alongside.
	require.NoError(t, first.AddEntry(&data.Entry{CaseID: c.ID, At: time.Now(), Text: "一つ目の窓から"}))
	var out, errb bytes.Buffer
	assert.Equal(t, 0, run([]string{"check", "--file", path}, &out, &errb), errb.String())
	assert.Equal(t, 0, run([]string{"cases", "--file", path}, &out, &errb), errb.String())
	assert.Contains(t, out.String(), "CS端末への不審な操作")
	// A command that writes is refused with the reason.
	errb.Reset()
	assert.Equal(t, 1, run([]string{"report", "--file", path, "--case", c.Number, "--out", t.TempDir() + "/r.pdf"}, &out, &errb))
	assert.Contains(t, errb.String(), "別のウィンドウ")
}

func TestOpenFileWithoutReadOnlyBanner(t *testing.T) {
	w, _ := newTestWindow(t)
	path, _ := caseFile(t)
	require.True(t, w.openPath(path, false))
	assert.False(t, w.store.ReadOnly())
	assert.NotContains(t, shownText(w.win.Content()), "読み取り専用")
}
