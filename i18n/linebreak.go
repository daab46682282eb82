package i18n

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// One Japanese line breaker for the screens (forms: wrapped labels, the
// timeline) and the documents (reports: the PDF page kit), so that a text
// breaks by the same rules wherever it is shown. Each caller measures with
// its own font (Fyne's text measuring, fpdf's string widths): the breaker
// takes a measuring function.
//
// The rules are JIS X 4051's (行頭禁則・行末禁則, 分離禁止):
//   - Japanese text breaks between any two characters; a Latin word or a
//     number (PowerShell, 2026/11/27, 1,234) is kept whole unless it is wider
//     than a line by itself;
//   - no line starts with closing punctuation, small kana, the long vowel or
//     iteration marks (IsNoLineStart), and none ends with an opening bracket
//     (IsNoLineEnd): the characters are pushed down to the next line
//     (追い出し); when no break in the line is allowed, the greedy one stays,
//     since an empty line would be worse;
//   - a character is never parted from what joins it (JoinsPrevious: a
//     combining mark, ｶﾞ's voiced sound mark, a variation selector, a
//     zero-width joiner sequence);
//   - spaces at a break hang at the end of the line: they are not counted in
//     its width and are not drawn.

// Kinsoku (禁則) classes. Full-width and half-width forms, and the ASCII
// forms the regulation itself writes ("," "(" ")").
const (
	// noLineStart: closing brackets and quotes, punctuation, the long vowel
	// mark, iteration marks, the ellipses (a cut text must not end with …
	// alone on a line), wave dashes and small kana.
	noLineStart = "、。，．・：；？！‼⁇⁈⁉゛゜ヽヾゝゞ々〻ー〜～゠" +
		"）］｝」』】〕〉》〙〗〛〟’”…‥" +
		"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ" +
		"｡､｣･ｰｧｨｩｪｫｬｭｮｯﾞﾟ" +
		",.:;?!)]}%"
	// noLineEnd: opening brackets and quotes.
	noLineEnd = "（［｛「『【〔〈《〘〖〚〝‘“｢([{"
)

var noStartSet, noEndSet = runeSet(noLineStart), runeSet(noLineEnd)

func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

// IsNoLineStart reports whether r may not begin a line (行頭禁則).
func IsNoLineStart(r rune) bool { return noStartSet[r] }

// IsNoLineEnd reports whether r may not end a line (行末禁則).
func IsNoLineEnd(r rune) bool { return noEndSet[r] }

// ZeroWidthJoiner joins the characters on both sides of it (👨‍👩).
const ZeroWidthJoiner = '\u200D'

// JoinsPrevious reports whether r belongs to the character before it, so that
// a line may not start with r: a variation selector (U+FE00–FE0F,
// U+E0100–E01EF, Mongolian U+180B–180F), an emoji skin-tone modifier, a
// zero-width joiner, a tag character of a flag sequence, the half-width
// voiced and semi-voiced sound marks (ｶﾞ ﾊﾟ: U+FF9E, U+FF9F, letters to
// Unicode, marks to a reader) or a combining mark (U+3099 ゙ after か).
func JoinsPrevious(r rune) bool {
	switch {
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF, r >= 0x180B && r <= 0x180F:
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF, r == ZeroWidthJoiner, r >= 0xE0020 && r <= 0xE007F:
		return true
	case r == 0xFF9E, r == 0xFF9F:
		return true
	}
	return r >= 0x300 && (unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r))
}

// ClusterEnd returns where the character that starts before i ends: i, moved
// past the characters that join it (and past the character a zero-width
// joiner joins on, as in an emoji sequence).
func ClusterEnd(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !JoinsPrevious(r) {
			return i
		}
		i += n
		if r == ZeroWidthJoiner && i < len(s) {
			_, m := utf8.DecodeRuneInString(s[i:])
			i += m
		}
	}
	return i
}

// Line is one line of a broken text: text[Start:End] is what is drawn, Width
// its width; text[Start:Next] adds the spaces that hang at its end, so that
// the lines of a paragraph laid end to end (Start to Next) give it back whole.
type Line struct {
	Start, End, Next int
	Width            float64
}

// widthEpsilon absorbs floating-point noise when summing glyph widths.
const widthEpsilon = 1e-9

// isHanging says whether r is a space that hangs at a break. The ideographic
// space (U+3000) is not: it is a character of Japanese text (an indent).
func isHanging(r rune) bool {
	return r != '\u3000' && r != '\n' && unicode.IsSpace(r)
}

// isWordRune says whether r belongs to a word that is kept whole: printable
// ASCII, and the letters and digits of Latin, Greek and Cyrillic (café).
// Japanese, half-width kana included, breaks between any two characters.
func isWordRune(r rune) bool {
	if r > ' ' && r < 0x7F {
		return true
	}
	return r >= 0xC0 && r < 0x2000 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// unit is a piece of text that is never broken: one space, one word, or one
// character with what joins it.
type unit struct {
	from, to    int
	w           float64
	space       bool
	first, last rune // the first character, and the last one that is not a mark
}

// BreakLines breaks text into lines no wider than width, as measured by
// measure, which must be additive (the width of a string is the sum of the
// widths of its characters, as fpdf's and BIZ UD Gothic's are). Newlines end
// a line; an empty paragraph is an empty line, and an empty text one empty
// line. It stops after maxLines lines and reports whether text was left over.
// A line is wider than width only when it is one unbreakable unit (a
// character with its marks) or when spaces hang at its end.
func BreakLines(text string, width float64, measure func(string) float64, maxLines int) (lines []Line, more bool) {
	if maxLines < 1 {
		return nil, text != ""
	}
	if strings.IndexByte(text, '\n') < 0 {
		// Most texts are one short line: measure, and done.
		r, _ := utf8.DecodeLastRuneInString(text)
		if w := measure(text); w <= width+widthEpsilon && !isHanging(r) {
			return []Line{{Start: 0, End: len(text), Next: len(text), Width: w}}, false
		}
	}
	var toks []unit
	for start := 0; ; {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		toks = tokenize(toks[:0], text, start, end, width, measure)
		if lines, more = breakParagraph(lines, text, start, end, toks, width, maxLines); more {
			return lines, true
		}
		if end == len(text) {
			return lines, false
		}
		start = end + 1
	}
}

// tokenize appends the tokens of text[from:to] to toks.
func tokenize(toks []unit, text string, from, to int, width float64, measure func(string) float64) []unit {
	cluster := func(i int) (int, rune) {
		r, n := utf8.DecodeRuneInString(text[i:to])
		return min(ClusterEnd(text[:to], i+n), to), r
	}
	for i := from; i < to; {
		r, n := utf8.DecodeRuneInString(text[i:to])
		switch {
		case isHanging(r) && ClusterEnd(text[:to], i+n) == i+n:
			// (A space with a mark on it is the mark written alone: a
			// character like any other.)
			toks = append(toks, unit{from: i, to: i + n, w: measure(text[i : i+n]), space: true, first: r, last: r})
			i += n
		case isWordRune(r):
			// A word runs over characters (with their marks) of the word
			// classes; kept whole if it fits on a line, else in characters.
			j, last := i, r
			for j < to {
				c, _ := utf8.DecodeRuneInString(text[j:to])
				if !isWordRune(c) {
					break
				}
				j, last = cluster(j)
			}
			if w := measure(text[i:j]); w <= width+widthEpsilon {
				toks = append(toks, unit{from: i, to: j, w: w, first: r, last: last})
			} else {
				for k := i; k < j; {
					e, c := cluster(k)
					toks = append(toks, unit{from: k, to: e, w: measure(text[k:e]), first: c, last: c})
					k = e
				}
			}
			i = j
		default:
			j, _ := cluster(i)
			toks = append(toks, unit{from: i, to: j, w: measure(text[i:j]), first: r, last: r})
			i = j
		}
	}
	return toks
}

// badBreak reports whether breaking before toks[k] breaks a kinsoku rule,
// starts a line with a space or parts a character from what joins it (only
// a mark at the very start of a text is a unit of its own).
func badBreak(toks []unit, k int) bool {
	return toks[k].space || IsNoLineStart(toks[k].first) || IsNoLineEnd(toks[k-1].last) || JoinsPrevious(toks[k].first)
}

// breakParagraph appends the lines of the paragraph text[from:to], made of
// toks, to lines, and reports whether maxLines stopped it.
func breakParagraph(lines []Line, text string, from, to int, toks []unit, width float64, maxLines int) ([]Line, bool) {
	if len(toks) == 0 {
		if len(lines) == maxLines {
			return lines, true
		}
		return append(lines, Line{Start: from, End: from, Next: to}), false
	}
	for i := 0; i < len(toks); {
		// Greedy: take tokens while they fit; spaces always fit (they hang).
		j, w := i, 0.0
		for j < len(toks) {
			t := toks[j]
			if !t.space && j > i && w+t.w > width+widthEpsilon {
				break
			}
			w += t.w
			j++
		}
		// Kinsoku: move the break earlier until it is allowed; if no break
		// in this line is allowed, keep the greedy one.
		if j < len(toks) {
			k := j
			for k > i && badBreak(toks, k) {
				k--
			}
			if k > i {
				j = k
			}
		}
		if len(lines) == maxLines {
			return lines, true
		}
		// What is drawn stops before the spaces the line ends with (and a
		// paragraph's trailing spaces are not drawn either).
		e := j
		for e > i && toks[e-1].space {
			e--
		}
		l := Line{Start: toks[i].from, End: toks[i].from, Next: toks[j-1].to}
		if e > i {
			l.End = toks[e-1].to
		}
		for _, t := range toks[i:e] {
			l.Width += t.w
		}
		lines = append(lines, l)
		i = j
	}
	return lines, false
}
