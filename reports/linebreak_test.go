package reports

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// mono measures like a Japanese font: full width 1, ASCII half width.
func mono(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < utf8.RuneSelf {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"empty", "", 5, nil},
		{"fits", "報告書", 5, []string{"報告書"}},
		{"per character", "住民基本台帳ネットワーク", 5, []string{"住民基本台", "帳ネット", "ワーク"}},
		{"no line starts with 。", "あいうえお。かき", 5, []string{"あいうえ", "お。かき"}},
		{"no line starts with 、", "あいうえお、", 5, []string{"あいうえ", "お、"}},
		{"no line starts with small kana", "あいうえおっと", 5, []string{"あいうえ", "おっと"}},
		{"no line starts with an ellipsis", "ほかの記録は省略…", 8, []string{"ほかの記録は省", "略…"}},
		{"no line ends with 「", "あいう「え」", 4, []string{"あいう", "「え」"}},
		{"closing bracket pair", "あいう」。", 3, []string{"あい", "う」。"}},
		{"ASCII word kept whole", "端末PowerShellが起動", 5, []string{"端末", "PowerShell", "が起動"}},
		{"long word broken", "abcdefghij", 2, []string{"abcd", "efgh", "ij"}},
		{"spaces hang", "ab cd ef", 2.4, []string{"ab ", "cd ", "ef"}},
		{"newlines", "あ\n\nい", 5, []string{"あ", "", "い"}},
		{"unavoidable", "。。。。。。", 3, []string{"。。。", "。。。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BreakLines(tt.text, tt.width, mono)
			assert.Equal(t, tt.want, got)
			checkLines(t, tt.text, tt.width, got)
		})
	}
}

func TestBreakLinesPrefersEarlierBreakToHangingPunctuation(t *testing.T) {
	got := BreakLines("ファイルサーバ（fs01）へ通信した。", 6, mono)
	for i, l := range got {
		if i > 0 {
			r, _ := utf8.DecodeRuneInString(l)
			assert.False(t, IsNoLineStart(r), "line %d %q", i, l)
		}
		r, _ := utf8.DecodeLastRuneInString(l)
		assert.False(t, IsNoLineEnd(r), "line %d %q", i, l)
	}
}

// checkLines asserts the invariants of BreakLines: nothing lost or added, no
// line too wide unless it is one unbreakable unit, and no kinsoku violation
// where another break point in the line would have avoided it.
func checkLines(t *testing.T, text string, width float64, lines []string) {
	t.Helper()
	want := strings.ReplaceAll(strings.ToValidUTF8(text, "\uFFFD"), "\n", "")
	if got := strings.Join(lines, ""); got != want {
		t.Fatalf("joined lines %q, want %q", got, want)
	}
	for i, l := range lines {
		if strings.Contains(l, "\n") {
			t.Fatalf("line %d %q contains a newline", i, l)
		}
		trimmed := strings.TrimRight(l, " \t")
		if mono(trimmed) > width+1e-6 && !isOneCluster(trimmed) && !isOneWord(trimmed) {
			t.Fatalf("line %d %q wider (%v) than %v", i, l, mono(trimmed), width)
		}
	}
	// Kinsoku between consecutive lines of the same paragraph.
	paraLines := splitParagraphLines(text, lines)
	for _, pl := range paraLines {
		for i := 1; i < len(pl); i++ {
			prev, next := pl[i-1], pl[i]
			if prev == "" || next == "" {
				continue
			}
			first, _ := utf8.DecodeRuneInString(next)
			last, _ := utf8.DecodeLastRuneInString(prev)
			if !IsNoLineStart(first) && !IsNoLineEnd(last) {
				continue
			}
			// Avoidable if some earlier break point between two non-ASCII,
			// non-space runes inside prev would have been allowed.
			rs := []rune(prev)
			for p := 1; p < len(rs); p++ {
				a, b := rs[p-1], rs[p]
				if a < utf8.RuneSelf || b < utf8.RuneSelf {
					continue
				}
				if JoinsPrevious(b) || a == zeroWidthJoiner { // one character: no break point
					continue
				}
				if !IsNoLineStart(b) && !IsNoLineEnd(a) {
					t.Fatalf("avoidable kinsoku violation between %q and %q (could break at %d)", prev, next, p)
				}
			}
		}
	}
}

// isWordByte is what the tests take for a word character (printable ASCII).
func isWordByte(r rune) bool { return r > ' ' && r < utf8.RuneSelf }

func isOneWord(s string) bool {
	s = s[:clusterEndOfWord(s)]
	for i := 0; i < len(s); i++ {
		if !isWordByte(rune(s[i])) {
			return false
		}
	}
	return true
}

// clusterEndOfWord is len(s) without what joins its last character (a word
// may end with a variation selector: "#\uFE0F").
func clusterEndOfWord(s string) int {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		if !JoinsPrevious(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return len(s)
}

// isOneCluster reports whether s is one character with what joins it.
func isOneCluster(s string) bool {
	_, n := utf8.DecodeRuneInString(s)
	return clusterEnd(s, n) == len(s)
}

// splitParagraphLines groups lines by the paragraph ("\n"-separated) they
// came from.
func splitParagraphLines(text string, lines []string) [][]string {
	var out [][]string
	k := 0
	for _, para := range strings.Split(strings.ToValidUTF8(text, "\uFFFD"), "\n") {
		var pl []string
		n := 0
		want := len(para)
		if want == 0 && k < len(lines) {
			pl = append(pl, lines[k])
			k++
		}
		for n < want && k < len(lines) {
			pl = append(pl, lines[k])
			n += len(lines[k])
			k++
		}
		out = append(out, pl)
	}
	return out
}

func FuzzBreakLines(f *testing.F) {
	for _, s := range []string{
		"令和6年10月11日午前9時40分頃、総務部情報政策課の職員端末において、取引業者を装った標的型メール（件名「【再送】請求書送付のご案内（10月分）」）に添付されたZIPファイルが実行された。",
		"hxxps://cdn-update[.]example-invoice[.]com/api/v2/check への通信",
		"あいう」。、ー々っゃ\n\n（「『【テスト】』」）",
		"ab  cd\tef ghi  ",
		"。。。。（（（（",
		"\u3000全角スペース\u3000で始まる",
		"𠮷田 花子、葛\U000E0100城市のか\u3099と👍\U0001F3FDと👨\u200D👩、ab#\uFE0Fcd\u0301e",
		"\U000E0100葛\U000E0100\U000E0101 \uFE0F",
	} {
		for _, w := range []float64{1, 2.5, 4, 7, 20} {
			f.Add(s, w)
		}
	}
	f.Fuzz(func(t *testing.T, text string, width float64) {
		// Inputs outside what the kit ever passes are not breaker bugs.
		if width != width || width < 1 || width > 200 || len(text) > 2000 || !utf8.ValidString(text) {
			return
		}
		checkLines(t, text, width, BreakLines(text, width, mono))
	})
}
