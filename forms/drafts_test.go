package forms

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

func drafts(t *testing.T, store data.Store, caseID int64) map[string]string {
	t.Helper()
	ds, err := store.Drafts(caseID)
	require.NoError(t, err)
	out := map[string]string{}
	for _, d := range ds {
		out[d.Key] = d.Text
	}
	return out
}

func TestTimelineLineIsKeptAsADraftUntilRecorded(t *testing.T) {
	s, c, v := openTimeline(t)
	test.Type(v.text, "県市町村課へ電話し")
	require.NoError(t, FlushDrafts(s.env), "Ctrl+S, another case or the window closing saves it at once")
	assert.Equal(t, map[string]string{data.DraftTimeline: "県市町村課へ電話し"}, drafts(t, s.reopen(t), c.ID),
		"on disk before anything is recorded")
	v.Close()

	// The case opened again: the line is back, and recording it removes
	// the draft.
	v = newTimelineView(s.env, c.ID)
	s.win.SetContent(v.Content())
	assert.Equal(t, "県市町村課へ電話し", v.text.Text)
	test.Type(v.text, "た")
	pressEnter(v)
	assert.Empty(t, v.text.Text)
	assert.Empty(t, drafts(t, s.reopen(t), c.ID), "recorded: no draft left")
	got := timeline(t, s.reopen(t), c.ID)
	require.Len(t, got, 1)
	assert.Equal(t, "県市町村課へ電話した", got[0].Text)

	// Typed and erased: nothing kept.
	test.Type(v.text, "あ")
	v.text.SetText("")
	require.NoError(t, FlushDrafts(s.env))
	assert.Empty(t, drafts(t, s.reopen(t), c.ID))
	v.Close()
}

func TestCallNoteIsKeptAsADraftWhenCancelled(t *testing.T) {
	s := newScreen(t)
	s.addNetwork(t)
	c := s.addCase(t, "住基サーバ停止", data.ClassFailure, data.StatusOpen, false, testNow)
	v := openCalls(t, s, c)
	card := v.cards[0]
	test.Tap(card.missedBtn)
	note := s.win.Canvas().Focused().(*entry)
	test.Type(note, "折り返しを依頼")
	pressEscape(s.win) // the dialog is closed without recording
	assert.Nil(t, s.topDialog())
	assert.Len(t, drafts(t, s.reopen(t), c.ID), 1, "the note is kept")

	test.Tap(card.reachedBtn)
	note = s.win.Canvas().Focused().(*entry)
	assert.Equal(t, "折り返しを依頼", note.Text, "and back when the same number is called")
	press(s.win, fyne.KeyReturn, ctrl)
	assert.Nil(t, s.topDialog())
	assert.Empty(t, drafts(t, s.reopen(t), c.ID), "recorded: no draft left")
	calls, err := s.reopen(t).Calls(c.ID)
	require.NoError(t, err)
	require.Len(t, calls, 1)
	assert.Equal(t, "折り返しを依頼", calls[0].Note)
}
