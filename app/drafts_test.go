package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

func TestClosingWithADraftSaysSoAndKeepsIt(t *testing.T) {
	w, _ := newTestWindow(t)
	path, c := caseFile(t)
	require.True(t, w.openPath(path, false))
	w.onCaseSelected(c)
	w.detail.FocusTimeline()
	_ = w.win.Canvas().Capture() // laid out and drawn, as on screen
	w.detail.FocusTimeline()
	line := w.win.Canvas().Focused()
	require.NotNil(t, line, "the cursor is in the 経過 line")
	test.Type(line, "保守業者へ連絡中")

	w.onClose()
	notice := w.win.Canvas().Overlays().Top()
	require.NotNil(t, notice, "a notice, not a silent close")
	assert.Contains(t, shownText(notice), "記録していない入力が1件あります（「保守業者へ連絡中」など）")
	assert.False(t, w.closing)

	// 戻って記録する: the window stays, the text is still in the field.
	back := find(notice, func(b *widget.Button) bool { return b.Text == "戻って記録する" })
	require.NotNil(t, back)
	test.Tap(back)
	assert.Nil(t, w.win.Canvas().Overlays().Top())
	assert.False(t, w.closing)

	// Asked again, 閉じる closes; the draft is in the file.
	w.onClose()
	notice = w.win.Canvas().Overlays().Top()
	require.NotNil(t, notice)
	test.Tap(find(notice, func(b *widget.Button) bool { return b.Text == "閉じる" }))
	assert.True(t, w.closing)
	w.win = test.NewWindow(nil) // closed: the cleanup closes this one instead
	s, err := sqlite.OpenReadOnly(path)
	require.NoError(t, err)
	defer s.Close()
	ds, err := s.Drafts(c.ID)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	assert.Equal(t, data.DraftTimeline, ds[0].Key)
	assert.Equal(t, "保守業者へ連絡中", ds[0].Text)
}

// The 新規事案 dialog open when the window closes: its title is a draft of the
// file, the window says so, and the dialog shows it again the next time.
func TestClosingWithTheNewCaseDialogOpenKeepsItsTitle(t *testing.T) {
	w, _ := newTestWindow(t)
	path, _ := caseFile(t)
	require.True(t, w.openPath(path, false))
	w.onNewCase()
	title := w.win.Canvas().Focused()
	require.NotNil(t, title, "the cursor is in the title")
	test.Type(title, "庁内LANの通信障害")

	w.onClose()
	notice := w.win.Canvas().Overlays().Top()
	require.NotNil(t, notice, "a notice, not a silent close")
	assert.Contains(t, shownText(notice), "「庁内LANの通信障害」")
	test.Tap(find(notice, func(b *widget.Button) bool { return b.Text == "閉じる" }))
	assert.True(t, w.closing)
	w.win = test.NewWindow(nil) // closed: the cleanup closes this one instead
	s, err := sqlite.OpenReadOnly(path)
	require.NoError(t, err)
	defer s.Close()
	ds, err := s.Drafts(0)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	assert.Equal(t, data.Draft{Key: "newcase/title", Text: "庁内LANの通信障害", UpdatedAt: ds[0].UpdatedAt}, ds[0])
}
