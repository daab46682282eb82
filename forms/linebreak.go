package forms

import (
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"golang.org/x/text/width"

	"github.com/osaki-city/kinkyu/reports"
)

// Japanese line breaking, for the wrapped labels (jpText) and the rows of the
// timeline. Fyne breaks at spaces, and Japanese has none, so it cuts wherever
// the width runs out: a line may then start with 。 or 、, which reads as a
// mistake to a Japanese eye. breakLines breaks between any two Japanese
// characters except where kinsoku shori (禁則処理) forbids it, and keeps Latin
// words and numbers (2026/11/27, CS, 1,234) whole.

// Characters that may not begin a line (closing brackets and punctuation,
// small kana, the long vowel mark) and that may not end one (opening
// brackets). ASCII forms are included: the regulation writes "," and "(" ")".
const (
	kinsokuNoStart = "、。，．・：；？！゛゜ヽヾゝゞ々ー～）］｝」』】〕〉》〙〗’”ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ…‥ｰ,.:;?!)]}%"
	kinsokuNoEnd   = "（［｛「『【〔〈《〘〖‘“([{"
)

var kinsokuStart, kinsokuEnd = runeSet(kinsokuNoStart), runeSet(kinsokuNoEnd)

func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

// keptInWord says whether r belongs to a word that is kept whole across a line
// break (Latin, digits…); Japanese and other wide characters break anywhere.
func keptInWord(r rune) bool {
	if unicode.IsSpace(r) {
		return false
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return false
	}
	return true
}

// textLine is one line of broken text: a substring of the text, and its width.
type textLine struct {
	text  string
	width float32
}

// breakLines breaks s into lines no wider than maxW, as measured by measure:
// at its newlines, at spaces between words, anywhere between Japanese
// characters (keeping 、。）」 off the start of a line and （「 off its end, by
// pushing characters down to the next line: 追い出し), and inside a word only
// when it is longer than a line. A space a line breaks at is not drawn. It
// stops after maxLines lines and reports whether text was left over.
func breakLines(s string, maxW float32, measure func(rune) float32, maxLines int) (lines []textLine, more bool) {
	if maxLines < 1 {
		return nil, s != ""
	}
	if strings.IndexByte(s, '\n') < 0 {
		// Most texts are one short line: measure, and done.
		var w float32
		for _, r := range s {
			if w += measure(r); w > maxW {
				break
			}
		}
		if w <= maxW {
			return []textLine{{text: s, width: w}}, false
		}
	}
	// cur is the line being filled: each character with where it starts and
	// ends in s, so that a line is a substring of s.
	type char struct {
		r        rune
		from, to int
		w        float32
	}
	lines = make([]textLine, 0, min(maxLines, 4))
	var (
		cur     = make([]char, 0, 64)
		total   float32
		broken  bool // the text ended with a line break
		wrapped bool // the line being filled follows a break for width
	)
	emit := func(n int) bool {
		if len(lines) == maxLines {
			return false
		}
		end := n
		for end > 0 && unicode.IsSpace(cur[end-1].r) {
			end--
		}
		l := textLine{}
		if end > 0 {
			l.text = s[cur[0].from:cur[end-1].to]
			for _, c := range cur[:end] {
				l.width += c.w
			}
		}
		lines = append(lines, l)
		rest := n
		for rest < len(cur) && unicode.IsSpace(cur[rest].r) {
			rest++
		}
		cur = append(cur[:0], cur[rest:]...)
		total = 0
		for _, c := range cur {
			total += c.w
		}
		return true
	}
	// unitStart is where the unit that ends before cur[i] starts: the word it
	// belongs to, or the one character.
	unitStart := func(i int) int {
		i--
		if keptInWord(cur[i].r) {
			for i > 0 && keptInWord(cur[i-1].r) {
				i--
			}
		}
		return i
	}
	// breakBefore is where the line breaks when r does not fit on it: before
	// the word r continues, then back as far as kinsoku asks, but never
	// before the first unit, so that every line holds something.
	breakBefore := func(r rune) int {
		cut := len(cur)
		if keptInWord(r) {
			for cut > 0 && keptInWord(cur[cut-1].r) {
				cut--
			}
			if cut == 0 {
				return len(cur) // a word longer than the line: break inside it
			}
		}
		for {
			first := r
			if cut < len(cur) {
				first = cur[cut].r
			}
			// A variation selector or a combining mark stays with the
			// character before it (葛󠄀 is 葛 + U+E0100).
			if !kinsokuStart[first] && !kinsokuEnd[cur[cut-1].r] && !reports.JoinsPrevious(first) {
				return cut
			}
			prev := unitStart(cut)
			if prev == 0 {
				return cut
			}
			cut = prev
		}
	}
	for i, r := range s {
		if r == '\n' {
			if !emit(len(cur)) {
				return lines, true
			}
			broken, wrapped = true, false
			continue
		}
		broken = false
		if wrapped && len(cur) == 0 && unicode.IsSpace(r) {
			continue // a space at the start of a wrapped line
		}
		c := char{r: r, from: i, to: i + utf8.RuneLen(r), w: measure(r)}
		if c.to <= i { // an invalid byte: one byte wide in s
			c.to = i + 1
		}
		skip := false
		for len(cur) > 0 && total+c.w > maxW {
			wrapped = true
			if unicode.IsSpace(r) {
				if !emit(len(cur)) {
					return lines, true
				}
				skip = true // a space that ends a line is not drawn
				break
			}
			if !emit(breakBefore(r)) {
				return lines, true
			}
		}
		if !skip {
			cur = append(cur, c)
			total += c.w
		}
	}
	if len(cur) > 0 || broken || len(lines) == 0 {
		if !emit(len(cur)) {
			return lines, true
		}
	}
	return lines, false
}

// runeWidthCache measures characters of one font, size and style one at a
// time, remembering each, so that a text is measured by summing: BIZ UD
// Gothic sets kana and kanji on a fixed full width and Latin on half. The
// basic plane is a table (256 KB, which Japanese text fills quickly, and which
// the OS only provides as it is written to), the rest (emoji, rare kanji) a
// map. Safe on any goroutine: a jpText is laid out wherever fyne.Do runs, and
// the table's atomic loads cost the timeline nothing over plain ones.
type runeWidthCache struct {
	size  float32
	style fyne.TextStyle
	bmp   []atomic.Uint32 // by rune: the width's bits + 1; 0 until measured
	mu    sync.Mutex
	other map[rune]float32
}

func (r *runeWidthCache) width(c rune) float32 {
	if c >= 0 && int(c) < len(r.bmp) {
		if b := r.bmp[c].Load(); b != 0 {
			return math.Float32frombits(b - 1)
		}
		w := fyne.MeasureText(string(c), r.size, r.style).Width
		r.bmp[c].Store(math.Float32bits(w) + 1)
		return w
	}
	r.mu.Lock()
	w, ok := r.other[c]
	r.mu.Unlock()
	if !ok {
		w = fyne.MeasureText(string(c), r.size, r.style).Width
		r.mu.Lock()
		r.other[c] = w
		r.mu.Unlock()
	}
	return w
}

type runeWidthKey struct {
	font  string
	size  float32
	style fyne.TextStyle
}

var (
	runeWidthsMu sync.Mutex
	runeWidthsOf = map[runeWidthKey]*runeWidthCache{}
)

// runeWidths is the width cache of the current theme's font in a size and
// style, shared by every text drawn in them: the characters one screen has
// measured serve the others.
func runeWidths(th fyne.Theme, size float32, style fyne.TextStyle) *runeWidthCache {
	k := runeWidthKey{font: th.Font(style).Name(), size: size, style: style}
	runeWidthsMu.Lock()
	defer runeWidthsMu.Unlock()
	r, ok := runeWidthsOf[k]
	if !ok {
		r = &runeWidthCache{size: size, style: style, bmp: make([]atomic.Uint32, 0x10000), other: map[rune]float32{}}
		runeWidthsOf[k] = r
	}
	return r
}
