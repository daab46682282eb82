package i18n

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// half measures like BIZ UD Gothic: ASCII and half-width kana (ﾞ too) 1,
// the rest 2, what joins a character (selectors, marks) nothing, as the fonts
// draw it, but for ゙ (U+3099), drawn full width where a font does not
// compose it, so that it may be what overflows a line.
func half(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r < 0x80, r >= 0xFF61 && r <= 0xFF9F:
			w++
		case JoinsPrevious(r) && r != 0x3099:
		default:
			w += 2
		}
	}
	return w
}

// drawn is what each line draws.
func drawn(text string, width float64) []string {
	ls, more := BreakLines(text, width, half, math.MaxInt)
	if more {
		panic("more")
	}
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = text[l.Start:l.End]
	}
	return out
}

// TestBreakLinesKinsoku is JIS X 4051's table: each case has a break that
// the width alone would put before (or after) the character in question.
func TestBreakLinesKinsoku(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		// 行頭禁則: none of these starts a line.
		{"。", "あいう。え", 6, []string{"あい", "う。え"}},
		{"、", "あいう、え", 6, []string{"あい", "う、え"}},
		{"」", "あいう」え", 6, []string{"あい", "う」え"}},
		{"）", "あいう）え", 6, []string{"あい", "う）え"}},
		{"small kana っ", "あいうっえ", 6, []string{"あい", "うっえ"}},
		{"small katakana ャ", "アイキャ", 6, []string{"アイ", "キャ"}},
		{"ー", "あいうーえ", 6, []string{"あい", "うーえ"}},
		{"々", "あい人々", 6, []string{"あい", "人々"}},
		{"…", "あいう…", 6, []string{"あい", "う…"}},
		{"half-width ｡", "ｱｲｳｴｵ｡", 5, []string{"ｱｲｳｴ", "ｵ｡"}},
		{"half-width ､", "ｱｲｳｴｵ､", 5, []string{"ｱｲｳｴ", "ｵ､"}},
		{"half-width ｣", "ｱｲｳｴｵ｣", 5, []string{"ｱｲｳｴ", "ｵ｣"}},
		{"half-width ｰ", "ｱｲｳｴｵｰ", 5, []string{"ｱｲｳｴ", "ｵｰ"}},
		{"half-width ｯ", "ｱｲｳｴｵｯ", 5, []string{"ｱｲｳｴ", "ｵｯ"}},
		{"half-width ｬ", "ｱｲｳｴｷｬ", 5, []string{"ｱｲｳｴ", "ｷｬ"}},
		{"”", "あいう”え", 6, []string{"あい", "う”え"}},
		{"’", "あいう’え", 6, []string{"あい", "う’え"}},
		{"〜 (wave dash)", "あいう〜え", 6, []string{"あい", "う〜え"}},
		{"～ (full-width tilde)", "あいう～え", 6, []string{"あい", "う～え"}},
		{"ゝ", "あいうゝ", 6, []string{"あい", "うゝ"}},
		{"ゞ", "あいうゞ", 6, []string{"あい", "うゞ"}},
		{"］", "あいう］え", 6, []string{"あい", "う］え"}},
		{"ASCII )", "あいう)え", 5, []string{"あい", "う)え"}},
		{"ASCII ,", "あいう,え", 5, []string{"あい", "う,え"}},
		{"ASCII .", "あいう.え", 5, []string{"あい", "う.え"}},
		{"ASCII %", "あいう%え", 5, []string{"あい", "う%え"}},
		{"closers pushed down together", "あいう」。", 8, []string{"あい", "う」。"}},
		// 行末禁則: none of these ends a line.
		{"（", "あい（う）", 6, []string{"あい", "（う）"}},
		{"「", "あい「う」", 6, []string{"あい", "「う」"}},
		{"ASCII (", "あい(う", 5, []string{"あい", "(う"}},
		{"“", "あい“う”", 6, []string{"あい", "“う”"}},
		{"［", "あい［う］", 6, []string{"あい", "［う］"}},
		{"half-width ｢", "ｱｲｳｴ｢ｵ｣", 5, []string{"ｱｲｳｴ", "｢ｵ｣"}},
		// 分離禁止: what joins a character stays with it.
		{"combining mark", "あいか\u3099", 6, []string{"あい", "か\u3099"}},
		{"a word with a combining acute", "あいcafe\u0301", 5, []string{"あい", "cafe\u0301"}},
		{"half-width voiced mark ｶﾞ", "ｱｲｳｴｶﾞ", 5, []string{"ｱｲｳｴ", "ｶﾞ"}},
		{"half-width semi-voiced mark ﾊﾟ", "ｱｲｳｴﾊﾟ", 5, []string{"ｱｲｳｴ", "ﾊﾟ"}},
		{"variation selector (IVS)", "あいう葛\U000E0100城", 6, []string{"あいう", "葛\U000E0100城"}},
		{"variation selector (FE0F)", "あいう#\uFE0Fえ", 6, []string{"あいう", "#\uFE0Fえ"}},
		{"ZWJ sequence", "あいう👨\u200D👩", 6, []string{"あいう", "👨\u200D👩"}},
		{"skin tone", "あいう👍\U0001F3FD", 6, []string{"あいう", "👍\U0001F3FD"}},
		// Words, spaces, paragraphs.
		{"ASCII word kept whole", "端末PowerShellが起動", 10, []string{"端末", "PowerShell", "が起動"}},
		{"a date kept whole", "発見 2026/11/27 14:05", 16, []string{"発見 2026/11/27", "14:05"}},
		{"a Latin word with accents", "報告 café ok", 8, []string{"報告", "café ok"}},
		{"a word longer than a line", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"spaces at a break are not drawn", "abc   def", 4, []string{"abc", "def"}},
		{"unavoidable", "。。。。。。", 6, []string{"。。。", "。。。"}},
		{"ideographic space indent kept", "一\n\u3000二", 10, []string{"一", "\u3000二"}},
		{"empty paragraphs kept", "一\n\n二", 10, []string{"一", "", "二"}},
		{"empty", "", 10, []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := drawn(tc.text, tc.width)
			assert.Equal(t, tc.want, got)
			checkBroken(t, tc.text, tc.width)
		})
	}
}

func TestBreakLinesHangsSpaces(t *testing.T) {
	text := "ab cd  ef"
	ls, _ := BreakLines(text, 3, half, math.MaxInt)
	require.Len(t, ls, 3)
	assert.Equal(t, "ab ", text[ls[0].Start:ls[0].Next], "the space hangs")
	assert.Equal(t, "ab", text[ls[0].Start:ls[0].End], "and is not drawn")
	assert.Equal(t, 2.0, ls[0].Width, "nor counted")
	assert.Equal(t, "cd  ", text[ls[1].Start:ls[1].Next])
	assert.Equal(t, "ef", text[ls[2].Start:ls[2].Next])
}

func TestBreakLinesStopsAtMaxLines(t *testing.T) {
	ls, more := BreakLines(strings.Repeat("あ", 100), 10, half, 3)
	assert.Len(t, ls, 3)
	assert.True(t, more)
	_, more = BreakLines(strings.Repeat("あ", 15), 10, half, 3)
	assert.False(t, more, "exactly three lines")
	_, more = BreakLines("一\n二\n三\n四", 10, half, 3)
	assert.True(t, more, "a fourth paragraph")
	ls, more = BreakLines("あ", 10, half, 0)
	assert.Empty(t, ls)
	assert.True(t, more)
}

func TestJoinsPrevious(t *testing.T) {
	for _, r := range []rune{0xFE00, 0xFE0F, 0xE0100, 0xE01EF, 0x1F3FB, 0x200D, 0x3099, 0x301, 0xE0067, 0xFF9E, 0xFF9F} {
		assert.True(t, JoinsPrevious(r), "%U", r)
	}
	for _, r := range []rune{'a', '葛', 0x20BB7, 0x1F600, '〓', ' ', 0x3000, 'ｶ'} {
		assert.False(t, JoinsPrevious(r), "%U", r)
	}
}

// checkBroken checks what every breaking must give: the lines of a
// paragraph tile it (nothing lost, nothing twice), a line is no wider than
// width unless it is one character with its marks, no character is parted
// from its marks, and a kinsoku rule is broken only where no other break in
// the line was allowed.
func checkBroken(t *testing.T, text string, width float64) {
	t.Helper()
	ls, more := BreakLines(text, width, half, math.MaxInt)
	require.False(t, more)
	var tiled strings.Builder
	for i, l := range ls {
		require.True(t, l.Start <= l.End && l.End <= l.Next && l.Next <= len(text), "line %d %+v", i, l)
		if i > 0 {
			if ls[i-1].Next == l.Start {
				r, _ := utf8.DecodeRuneInString(text[l.Start:])
				require.False(t, JoinsPrevious(r), "line %d %q starts with what joins the line before", i, text[l.Start:l.Next])
			} else {
				require.Equal(t, ls[i-1].Next+1, l.Start, "line %d: only a newline between paragraphs", i)
				require.Equal(t, byte('\n'), text[ls[i-1].Next])
				tiled.WriteByte('\n')
			}
		}
		tiled.WriteString(text[l.Start:l.Next])
		s := text[l.Start:l.End]
		require.InDelta(t, half(s), l.Width, 1e-9, "line %d %q measured", i, s)
		_, n := utf8.DecodeRuneInString(s)
		if l.Width > width+1e-9 && ClusterEnd(s, n) != len(s) {
			t.Fatalf("line %d %q (%v) wider than %v", i, s, l.Width, width)
		}
		if i == 0 || ls[i-1].Next != l.Start || s == "" {
			continue
		}
		first, _ := utf8.DecodeRuneInString(s)
		prev := text[ls[i-1].Start:ls[i-1].End]
		last, _ := utf8.DecodeLastRuneInString(prev)
		if !IsNoLineStart(first) && !IsNoLineEnd(last) {
			continue
		}
		// Avoidable if some break between two Japanese characters inside
		// the line before was allowed.
		rs := []rune(prev)
		for p := 1; p < len(rs); p++ {
			a, b := rs[p-1], rs[p]
			if a < 0x80 || b < 0x80 || JoinsPrevious(b) || a == ZeroWidthJoiner || isWordRune(a) || isWordRune(b) {
				continue
			}
			if !IsNoLineStart(b) && !IsNoLineEnd(a) {
				t.Fatalf("avoidable kinsoku break between %q and %q (could break at %d)", prev, s, p)
			}
		}
	}
	require.Equal(t, text, tiled.String(), "the lines give the text back")
}

func FuzzBreakLines(f *testing.F) {
	for _, s := range []string{
		"令和6年10月11日午前9時40分頃、総務部情報政策課の職員端末において、標的型メール（件名「【再送】請求書送付のご案内（10月分）」）に添付されたZIPファイルが実行された。",
		"hxxps://cdn-update[.]example-invoice[.]com/api/v2/check への通信",
		"あいう」。、ー々っゃ\n\n（「『【テスト】』」）",
		"ab  cd\tef ghi  ",
		"。。。。（（（（",
		"\u3000全角スペース\u3000で始まる",
		"ｶﾞｲﾄﾞﾗｲﾝ｡ｿﾌﾄｳｪｱ､｢ﾃｽﾄ｣ﾊﾟｽ",
		"𠮷田 花子、葛\U000E0100城市のか\u3099と👍\U0001F3FDと👨\u200D👩、ab#\uFE0Fcd\u0301e",
		"\U000E0100葛\U000E0100\U000E0101 \uFE0F",
		"“引用”と‘引用’、50%(概算)。〜ゝゞ［注］",
	} {
		for _, w := range []float64{1, 2.5, 4, 7, 20} {
			f.Add(s, w)
		}
	}
	f.Fuzz(func(t *testing.T, text string, width float64) {
		// Inputs outside what the callers ever pass are not breaker bugs.
		if width != width || width < 1 || width > 200 || len(text) > 2000 || !utf8.ValidString(text) {
			return
		}
		checkBroken(t, text, width)
	})
}
