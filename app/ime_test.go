package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/forms"
)

// drawnCaret finds the caret Fyne draws for e (a rectangle as wide as the
// input border, shown while e has the focus) and returns where it is on the
// canvas.
func drawnCaret(t *testing.T, e *widget.Entry) (fyne.Position, fyne.Size) {
	t.Helper()
	border := theme.Current().Size(theme.SizeNameInputBorder)
	var found *canvas.Rectangle
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || !o.Visible() {
			return
		}
		if r, ok := o.(*canvas.Rectangle); ok && r.Size().Width == border && r.Size().Height > 0 {
			found = r
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, c := range c.Objects {
				walk(c)
			}
		}
	}
	walk(e)
	require.NotNil(t, found, "the entry draws a caret")
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(found), found.Size()
}

// The caret given to the input method is the one Fyne draws: in a single-line
// field moved down the window, after Japanese text, and on the second row of
// a multi-line field.
func TestCaretForTheInputMethod(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, forms.NewTheme())

	name := widget.NewEntry()
	notes := widget.NewMultiLineEntry()
	w := test.NewWindow(container.NewVBox(widget.NewLabel("設定"), widget.NewLabel("担当者"), name, notes))
	defer w.Close()
	w.Resize(fyne.NewSize(500, 400))

	for _, tc := range []struct {
		entry    *widget.Entry
		text     string
		row, col int
	}{
		{name, "", 0, 0},
		{name, "山田", 0, 2},
		{name, "山田　太郎", 0, 3},
		{notes, "会議を開始\n審議の内容を記録", 1, 4},
	} {
		w.Canvas().Focus(tc.entry)
		tc.entry.SetText(tc.text)
		tc.entry.CursorRow, tc.entry.CursorColumn = tc.row, tc.col
		tc.entry.Refresh()

		pos, size, ok := caretInCanvas(w.Canvas())
		require.True(t, ok, "%q: a focused entry has a caret", tc.text)
		want, wantSize := drawnCaret(t, tc.entry)
		assert.InDelta(t, want.X, pos.X, 2, "%q at %d:%d: x", tc.text, tc.row, tc.col)
		assert.InDelta(t, want.Y, pos.Y, 2, "%q at %d:%d: y", tc.text, tc.row, tc.col)
		assert.InDelta(t, wantSize.Height, size.Height, 3, "%q: height", tc.text)
	}

	w.Canvas().Unfocus()
	_, _, ok := caretInCanvas(w.Canvas())
	assert.False(t, ok, "no caret without a focused entry")
}
