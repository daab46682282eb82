package reports

import (
	"strings"
	"unicode/utf8"
)

// Kinsoku shori (禁則処理) character classes used by BreakLines.
const (
	// noLineStart may not begin a line: closing brackets, punctuation, the
	// prolonged sound mark, the iteration mark, the ellipses (a cut text must
	// not end with … alone on a line) and small kana.
	noLineStart = "、。，．・：；？！ー々）」』】〕〉》…‥" +
		"ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
	// noLineEnd may not end a line: opening brackets.
	noLineEnd = "（「『【〔〈《"
)

// IsNoLineStart reports whether r may not begin a line (kinsoku).
func IsNoLineStart(r rune) bool { return strings.ContainsRune(noLineStart, r) }

// IsNoLineEnd reports whether r may not end a line (kinsoku).
func IsNoLineEnd(r rune) bool { return strings.ContainsRune(noLineEnd, r) }

// widthEpsilon absorbs floating-point noise when summing glyph widths.
const widthEpsilon = 1e-9

type token struct {
	s     string
	w     float64
	space bool
}

// BreakLines breaks text into lines no wider than width as measured by measure
// (which must be additive, as fpdf's GetStringWidth is: the width of a string
// is the sum of the widths of its characters, a variation selector adding
// nothing).
//
// Japanese text breaks between any two characters; a run of printable ASCII
// (a word, a number, a path) is kept whole unless it is wider than the line by
// itself, in which case it breaks between characters. Kinsoku shori: no line
// starts with 、。，．・：；？！ー々）」』】〕〉》 or a small kana, and none ends
// with （「『【〔〈《, unless that is unavoidable (the only alternative would
// be an empty line). Spaces at a break stay at the end of the line they follow
// ("hanging"): they are not counted against the width and draw nothing.
//
// A character is never parted from what joins it (JoinsPrevious: 葛 and its
// variation selector, が written か + ゙).
//
// Explicit newlines ("\n") end a line; an empty paragraph gives an empty line.
// No character is lost or duplicated: strings.Join(lines, "") equals text
// without its "\n" characters. Invalid UTF-8 is replaced by U+FFFD.
func BreakLines(text string, width float64, measure func(string) float64) []string {
	if text == "" {
		return nil
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		lines = append(lines, breakParagraph(para, width, measure)...)
	}
	return lines
}

func isWordByte(r rune) bool { return r > ' ' && r < utf8.RuneSelf }

// tokenize splits a paragraph into breakable units: single spaces, ASCII
// words (split into runes when wider than width) and single other
// characters, each with what joins it (a variation selector, a combining
// mark: see clusterEnd).
func tokenize(p string, width float64, measure func(string) float64) []token {
	var toks []token
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRuneInString(p[i:])
		switch {
		case r == ' ' || r == '\t' || r == '\u3000':
			toks = append(toks, token{s: p[i : i+n], w: measure(p[i : i+n]), space: r != '\u3000'})
			i += n
		case isWordByte(r):
			j := i
			for j < len(p) && isWordByte(rune(p[j])) {
				j++
			}
			j = clusterEnd(p, j)
			word := p[i:j]
			if w := measure(word); w <= width+widthEpsilon {
				toks = append(toks, token{s: word, w: w})
			} else {
				for k := i; k < j; {
					e := clusterEnd(p, k+1)
					toks = append(toks, token{s: p[k:e], w: measure(p[k:e])})
					k = e
				}
			}
			i = j
		default:
			j := clusterEnd(p, i+n)
			toks = append(toks, token{s: p[i:j], w: measure(p[i:j])})
			i = j
		}
	}
	return toks
}

// badBreak reports whether breaking before toks[k] breaks a kinsoku rule,
// starts a line with a space or parts a character from what joins it.
func badBreak(toks []token, k int) bool {
	first, _ := utf8.DecodeRuneInString(toks[k].s)
	last, _ := utf8.DecodeLastRuneInString(toks[k-1].s)
	return toks[k].space || IsNoLineStart(first) || IsNoLineEnd(last) || JoinsPrevious(first)
}

func breakParagraph(p string, width float64, measure func(string) float64) []string {
	if p == "" {
		return []string{""}
	}
	toks := tokenize(p, width, measure)
	var lines []string
	var b strings.Builder
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
		b.Reset()
		for _, t := range toks[i:j] {
			b.WriteString(t.s)
		}
		lines = append(lines, b.String())
		i = j
	}
	return lines
}
