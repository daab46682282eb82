package reports

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/osaki-city/kinkyu/i18n"
)

// IsNoLineStart reports whether r may not begin a line (kinsoku, i18n).
func IsNoLineStart(r rune) bool { return i18n.IsNoLineStart(r) }

// IsNoLineEnd reports whether r may not end a line (kinsoku, i18n).
func IsNoLineEnd(r rune) bool { return i18n.IsNoLineEnd(r) }

// BreakLines breaks text into lines no wider than width as measured by measure
// (which must be additive, as fpdf's GetStringWidth is: the width of a string
// is the sum of the widths of its characters, a variation selector adding
// nothing), by the rules of i18n.BreakLines, the screens' too: Japanese
// breaks between any two characters, an ASCII word is kept whole where it
// fits, kinsoku shori, and a character is never parted from what joins it.
//
// Spaces at a break stay at the end of the line they follow ("hanging"): they
// are not counted against the width and draw nothing. Explicit newlines end a
// line; an empty paragraph gives an empty line. No character is lost or
// duplicated: strings.Join(lines, "") equals text without its "\n"
// characters. Invalid UTF-8 is replaced by U+FFFD.
func BreakLines(text string, width float64, measure func(string) float64) []string {
	if text == "" {
		return nil
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	ls, _ := i18n.BreakLines(text, width, measure, math.MaxInt)
	lines := make([]string, len(ls))
	for i, l := range ls {
		lines[i] = text[l.Start:l.Next]
	}
	return lines
}
