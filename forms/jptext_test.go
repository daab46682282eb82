package forms

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
)

// fixedWidth measures as BIZ UD Gothic does: full width 2, ASCII 1.
func fixedWidth(r rune) float32 {
	if r < 0x80 {
		return 1
	}
	return 2
}

func TestBreakJapanese(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		avail float32
		want  []string
	}{
		{"fits", "障害の種類", 20, []string{"障害の種類"}},
		{"anywhere between kanji", "障害の種類及び障害個所", 10, []string{"障害の種類", "及び障害個", "所"}},
		{"no line starts with 。", "報告を行う。次に", 10, []string{"報告を行", "う。次に"}},
		{"no line starts with ASCII comma", "担当者は,住基ネット", 8, []string{"担当者", "は,住基", "ネット"}},
		{"no line ends with 「", "次の「報告」", 6, []string{"次の", "「報", "告」"}},
		{"dates stay whole", "発見 2026/11/27 14:05", 16, []string{"発見 2026/11/27", "14:05"}},
		{"small kana stay with their syllable", "セキュリティ", 4, []string{"セ", "キュ", "リ", "ティ"}},
		{"newlines", "一行目\n二行目", 40, []string{"一行目", "二行目"}},
		{"a word wider than the line", "/home/kinkyu/data", 8, []string{"/home/ki", "nkyu/dat", "a"}},
		{"empty", "", 10, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := jpBreak(tc.text, tc.avail, fixedWidth)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, strings.ReplaceAll(strings.ReplaceAll(tc.text, " ", ""), "\n", ""),
				strings.ReplaceAll(strings.Join(got, ""), " ", ""), "no character lost")
		})
	}
}

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
