package forms

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
)

func TestJPTextGrowsWhenNarrow(t *testing.T) {
	newScreen(t)
	l := newJPText("住基ネット担当者は,住基ネットのセキュリティを侵犯する不正行為を発見した場合は,次の項目を正確かつ詳細に把握する。")
	w := test.NewWindow(l)
	defer w.Close()
	l.Resize(fyne.NewSize(2000, 10))
	one := l.MinSize().Height
	l.Resize(fyne.NewSize(300, 10))
	assert.Greater(t, l.MinSize().Height, 2*one, "wraps to several lines")
}

// A fieldError is a widget of its own to Fyne (a struct embedding *jpText):
// it must draw through the renderer that gets laid out, or its message never
// shows on screen (the headless driver does not show the difference).
func TestFieldErrorDrawsItsOwnText(t *testing.T) {
	newScreen(t)
	fe := newFieldError()
	assert.Same(t, test.WidgetRenderer(fe.jpText), test.WidgetRenderer(fe))
}
