package reports

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// monoJoined measures as mono does, what joins a character adding nothing
// (as the fonts draw it).
func monoJoined(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case JoinsPrevious(r):
		case r < utf8.RuneSelf:
			w += 0.5
		default:
			w++
		}
	}
	return w
}

func TestBreakLinesKeepsWhatJoinsACharacter(t *testing.T) {
	const katsu = "葛\U000E0100" // 葛󠄀: the IVS selector must stay with 葛
	tests := []struct {
		name, text string
		width      float64
		want       []string
	}{
		{"IVS at the end of a line", "あいう" + katsu + "城市", 4, []string{"あいう" + katsu, "城市"}},
		{"IVS on the next line", "あいうえ" + katsu, 4, []string{"あいうえ", katsu}},
		{"beyond the basic plane", "𠮷田𩸽𠀋花子", 2, []string{"𠮷田", "𩸽𠀋", "花子"}},
		{"combining mark", "あいうか\u3099", 4, []string{"あいうか\u3099"}},
		{"combining mark that would overflow", "あいうえか\u3099", 4, []string{"あいうえ", "か\u3099"}},
		{"emoji sequence", "あいう👍\U0001F3FD👨\u200D👩", 4, []string{"あいう👍\U0001F3FD", "👨\u200D👩"}},
		{"ASCII word with a selector", "abc#\uFE0Fdef", 2, []string{"abc#\uFE0F", "def"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := BreakLines(tt.text, tt.width, monoJoined)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.text, strings.Join(got, ""))
			for i, l := range got {
				first, _ := utf8.DecodeRuneInString(l)
				assert.False(t, JoinsPrevious(first), "line %d %q starts with a joining character", i, l)
			}
		})
	}
}

func TestJoinsPrevious(t *testing.T) {
	for _, r := range []rune{0xFE00, 0xFE0F, 0xE0100, 0xE01EF, 0x1F3FB, 0x200D, 0x3099, 0x301, 0xE0067} {
		assert.True(t, JoinsPrevious(r), "%U", r)
	}
	for _, r := range []rune{'a', '葛', 0x20BB7, 0x1F600, '〓', ' ', 0x3000} {
		assert.False(t, JoinsPrevious(r), "%U", r)
	}
}

// The kit measures what fpdf draws: a character beyond U+FFFF is as wide as
// its glyph, a missing one as 〓, a selector or a skin tone adds nothing,
// and measuring stays additive, as BreakLines needs.
func TestGlyphWidths(t *testing.T) {
	d := New(Options{})
	for _, f := range []face{mincho, gothic} {
		d.setFont(f, sizeBody)
		full := d.width("葛")
		geta := d.width("〓")
		assert.Greater(t, full, 0.0)
		for _, s := range []string{"𩸽", "𠀋", "葛\U000E0100"} {
			assert.InDelta(t, full, d.width(s), 1e-9, "%q drawn from the font", s)
		}
		for _, s := range []string{"𠮷", "😀", "👍\U0001F3FD", "\U0010FFFF"} {
			assert.InDelta(t, geta, d.width(s), 1e-9, "%q drawn as 〓", s)
		}
		for _, s := range []string{"\U000E0100", "\uFE00", "\u200D", "\U0001F3FD"} {
			assert.Zero(t, d.width(s), "%q draws nothing", s)
		}
		text := "𠮷田 花子、𩸽と𠀋😀葛\U000E0100"
		sum := 0.0
		for _, l := range BreakLines(text, 3*full, d.width) {
			sum += d.width(l)
		}
		assert.InDelta(t, d.width(text), sum, 1e-9)
	}
	_, err := d.Bytes()
	assert.NoError(t, err)
}

// Hundreds of different characters beyond U+FFFF in one document: each gets
// a CID of its own (their low bytes include ( ) \ and CR, which the content
// stream escapes) and the ToUnicode CMap gives every one back. Past the
// 2,048 such CIDs a font can give, characters print and copy as 〓.
func TestManyCharactersBeyondTheBasicPlane(t *testing.T) {
	// make test installs poppler-utils: a missing pdftotext fails, never skips.
	_, err := exec.LookPath("pdftotext")
	require.NoError(t, err, "pdftotext (poppler-utils) is needed")
	var want []string
	d := New(Options{})
	d.setFont(mincho, sizeBody)
	line := ""
	y := 20.0
	for i := 0; i < 2100; i++ {
		c := string(rune(0x20000 + i))
		if i < 2047 { // the 2,048th is 葛󠄀 below
			want = append(want, c)
		}
		line += c
		if len(line) >= 4*40 {
			if y > 270 {
				d.newPage()
				y = 20
			}
			d.text(25, y, 170, 5, line, "L")
			y += 5
			line = ""
		}
	}
	d.setFont(gothic, sizeBody)
	d.text(25, 10, 170, 5, "葛\U000E0100"+line, "L") // another font: CIDs of its own
	b, err := d.Bytes()
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "many.pdf")
	require.NoError(t, os.WriteFile(file, b, 0o644))
	out, err := exec.Command("pdftotext", file, "-").Output()
	require.NoError(t, err)
	text := string(out)
	for _, c := range want {
		if !strings.Contains(text, c) {
			t.Fatalf("%U missing from the text layer", []rune(c)[0])
		}
	}
	assert.Contains(t, text, "葛\U000E0100")
	assert.Contains(t, text, "〓", "past 2,048 CIDs a character copies as 〓")
}
