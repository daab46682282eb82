package reports

import "github.com/osaki-city/kinkyu/i18n"

// Every character prints. The drawing is done by the patched fpdf
// (third_party/fpdf/utf8glyphs.go, PATCHES.md): a character beyond U+FFFF
// (𩸽, 𠀋) is drawn from the font, a character the fonts lack (𠮷, an emoji)
// is drawn as 〓 and copied from the PDF as itself, and a variation selector
// (葛󠄀: 葛 U+845B + U+E0100) selects the font's variant glyph, or the base's,
// and is kept in the text. What is left to the page kit is not to separate
// what belongs together: a line never starts with a character that joins
// the one before it.

// JoinsPrevious reports whether r belongs to the character before it (a
// variation selector, a combining mark…): the line breaker's rule, in i18n,
// shared with the screens.
func JoinsPrevious(r rune) bool { return i18n.JoinsPrevious(r) }

const zeroWidthJoiner = i18n.ZeroWidthJoiner

// clusterEnd returns where the character that starts before i ends, with what
// joins it (i18n.ClusterEnd).
func clusterEnd(s string, i int) int { return i18n.ClusterEnd(s, i) }
