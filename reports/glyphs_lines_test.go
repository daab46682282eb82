package reports

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
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
