package reports

import (
	"unicode"
	"unicode/utf8"
)

// Every character prints. The drawing is done by the patched fpdf
// (third_party/fpdf/utf8glyphs.go, PATCHES.md): a character beyond U+FFFF
// (𩸽, 𠀋) is drawn from the font, a character the fonts lack (𠮷, an emoji)
// is drawn as 〓 and copied from the PDF as itself, and a variation selector
// (葛󠄀: 葛 U+845B + U+E0100) selects the font's variant glyph, or the base's,
// and is kept in the text. What is left to the page kit is not to separate
// what belongs together: a line never starts with a character that joins
// the one before it.

// JoinsPrevious reports whether r belongs to the character before it, so that
// a line may not start with r: a variation selector (U+FE00–FE0F,
// U+E0100–E01EF, Mongolian U+180B–180F), an emoji skin-tone modifier, a
// zero-width joiner, a tag character of a flag sequence, or a combining mark
// (U+3099 ゙ after か).
func JoinsPrevious(r rune) bool {
	switch {
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF, r >= 0x180B && r <= 0x180F:
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF, r == zeroWidthJoiner, r >= 0xE0020 && r <= 0xE007F:
		return true
	}
	return r >= 0x300 && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r))
}

const zeroWidthJoiner = '\u200D'

// clusterEnd returns where the character that starts before i ends: i, moved
// past the characters that join it (and past the character a zero-width
// joiner joins on, as in an emoji sequence).
func clusterEnd(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !JoinsPrevious(r) {
			return i
		}
		i += n
		if r == zeroWidthJoiner && i < len(s) {
			_, m := utf8.DecodeRuneInString(s[i:])
			i += m
		}
	}
	return i
}
