package forms

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixedWidth measures as BIZ UD Gothic does: full width 2, ASCII 1.
func fixedWidth(r rune) float32 {
	if r < 0x80 {
		return 1
	}
	return 2
}

// brokenTexts is what breakLines makes of s, as strings.
func brokenTexts(s string, w float32, maxLines int) []string {
	ls, _ := breakLines(s, w, fixedWidth, maxLines)
	var out []string
	for _, l := range ls {
		out = append(out, l.text)
	}
	return out
}

func TestBreakLines(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		avail float32
		want  []string
	}{
		{"fits", "障害の種類", 20, []string{"障害の種類"}},
		{"japanese breaks anywhere", "あいうえおかきくけこ", 8, []string{"あいうえ", "おかきく", "けこ"}},
		{"anywhere between kanji", "障害の種類及び障害個所", 10, []string{"障害の種類", "及び障害個", "所"}},
		{"no line starts with 。", "報告を行う。次に", 10, []string{"報告を行", "う。次に"}},
		{"no 、 at a line start", "あいう、えお", 6, []string{"あい", "う、え", "お"}},
		{"no line starts with ASCII comma", "担当者は,住基ネット", 8, []string{"担当者", "は,住基", "ネット"}},
		{"no line starts with ASCII bracket", "記録（仮)を残す", 8, []string{"記録", "（仮)を", "残す"}},
		{"no line ends with 「", "次の「報告」", 6, []string{"次の", "「報", "告」"}},
		{"no （ at a line end", "あい（う）", 6, []string{"あい", "（う）"}},
		{"closers pushed down together", "あいう」。", 8, []string{"あい", "う」。"}},
		{"dates stay whole", "発見 2026/11/27 14:05", 16, []string{"発見 2026/11/27", "14:05"}},
		{"words stay whole", "CS端末 version 12 failed", 12, []string{"CS端末", "version 12", "failed"}},
		{"numbers stay whole", "件数は1,234件", 8, []string{"件数は", "1,234件"}},
		{"small kana stay with their syllable", "セキュリティ", 4, []string{"セ", "キュ", "リ", "ティ"}},
		{"a word wider than the line", "/home/kinkyu/data", 8, []string{"/home/ki", "nkyu/dat", "a"}},
		{"a long word", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"spaces at a break are not drawn", "abc   def", 4, []string{"abc", "def"}},
		{"a variation selector stays with its character", "あいう葛\U000E0100", 8, []string{"あいう", "葛\U000E0100"}},
		{"beyond the basic plane", "𠮷田𩸽𠀋", 4, []string{"𠮷田", "𩸽𠀋"}},
		{"newlines", "一行目\n二行目", 40, []string{"一行目", "二行目"}},
		{"empty lines kept", "一\n\n二", 10, []string{"一", "", "二"}},
		{"a paragraph's indent kept", "一\n　二", 10, []string{"一", "　二"}},
		{"empty", "", 10, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := brokenTexts(tc.text, tc.avail, math.MaxInt)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, strings.ReplaceAll(strings.ReplaceAll(tc.text, " ", ""), "\n", ""),
				strings.ReplaceAll(strings.Join(got, ""), " ", ""), "no character lost")
		})
	}
}

func TestBreakLinesStopsAtMaxLines(t *testing.T) {
	ls, more := breakLines(strings.Repeat("あ", 100), 10, fixedWidth, 3)
	assert.Len(t, ls, 3)
	assert.True(t, more)
	_, more = breakLines(strings.Repeat("あ", 15), 10, fixedWidth, 3)
	assert.False(t, more, "exactly three lines")
	_, more = breakLines("一\n二\n三\n四", 10, fixedWidth, 3)
	assert.True(t, more, "a fourth paragraph")
	ls, more = breakLines("あ", 10, fixedWidth, 0)
	assert.Empty(t, ls)
	assert.True(t, more)
}

func TestBreakLinesMeasures(t *testing.T) {
	ls, _ := breakLines("あいう abc", 100, fixedWidth, 1)
	assert.Equal(t, []textLine{{"あいう abc", 10}}, ls)
	ls, _ = breakLines("あいう abc", 8, fixedWidth, 5)
	assert.Equal(t, []textLine{{"あいう", 6}, {"abc", 3}}, ls, "the space at the break is not counted")
}

// TestBreakLinesLosesNothing breaks random text and checks that every line
// fits and is measured, and that only the spaces at breaks are dropped.
func TestBreakLinesLosesNothing(t *testing.T) {
	alphabet := []rune("あいう漢字、。「」（）ー abc XYZ 123/:.-👍\u3099")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		rs := make([]rune, rng.IntN(80))
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		in := string(rs)
		w := float32(2 + rng.IntN(30))
		ls, more := breakLines(in, w, fixedWidth, 1000)
		require.False(t, more)
		var joined strings.Builder
		for _, l := range ls {
			_, n := utf8.DecodeRuneInString(l.text)
			oneChar := i18n.ClusterEnd(l.text, n) == len(l.text) // with the marks that join it
			require.True(t, l.width <= w || oneChar, "%q (width %v) is wider than %v", l.text, l.width, w)
			var sum float32
			for _, r := range l.text {
				sum += fixedWidth(r)
			}
			require.Equal(t, sum, l.width, "%q is measured", l.text)
			joined.WriteString(l.text)
		}
		strip := func(s string) string { return strings.ReplaceAll(s, " ", "") }
		require.Equal(t, strip(in), strip(joined.String()), "text lost from %q", in)
	}
}

// TestBreakLinesKinsoku breaks random Japanese text in which the characters
// kinsoku is about stand apart (so that a break can always be moved) and
// checks that no line starts with 、。」 and none ends with 「（.
func TestBreakLinesKinsoku(t *testing.T) {
	plain, special := []rune("あいう漢字カナ"), []rune("、。」）ー「（")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		var rs []rune
		for n := rng.IntN(80); len(rs) < n; {
			rs = append(rs, plain[rng.IntN(len(plain))], plain[rng.IntN(len(plain))])
			if rng.IntN(2) == 0 {
				rs = append(rs, special[rng.IntN(len(special))])
			}
		}
		in := string(rs)
		w := float32(4 + 2*rng.IntN(15))
		ls, _ := breakLines(in, w, fixedWidth, 1000)
		for i, l := range ls {
			r := []rune(l.text)
			require.False(t, i > 0 && i18n.IsNoLineStart(r[0]), "%q starts a line (width %v, from %q)", l.text, w, in)
			require.False(t, i < len(ls)-1 && i18n.IsNoLineEnd(r[len(r)-1]), "%q ends a line (width %v, from %q)", l.text, w, in)
		}
	}
}

func TestRuneWidthsAreShared(t *testing.T) {
	newScreen(t)
	th := theme.Current()
	size := th.Size(theme.SizeNameText)
	r := runeWidths(th, size, fyne.TextStyle{})
	assert.Same(t, r, runeWidths(th, size, fyne.TextStyle{}))
	assert.NotSame(t, r, runeWidths(th, size, fyne.TextStyle{Bold: true}))
	for _, c := range []rune{'あ', 'a', 0, '👍'} {
		want := fyne.MeasureText(string(c), size, fyne.TextStyle{}).Width
		assert.Equal(t, want, r.width(c), "%q measured", c)
		assert.Equal(t, want, r.width(c), "%q remembered", c)
	}
}
