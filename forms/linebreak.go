package forms

import (
	"math"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"

	"github.com/osaki-city/kinkyu/i18n"
)

// Japanese line breaking, for the wrapped labels (jpText) and the rows of the
// timeline. Fyne breaks at spaces, and Japanese has none, so it cuts wherever
// the width runs out: a line may then start with 。 or 、, which reads as a
// mistake to a Japanese eye. breakLines uses the line breaker the documents
// use too (i18n.BreakLines: kinsoku shori, Latin words and numbers kept whole,
// a character never parted from its marks), measuring with the screen's font.

// textLine is one line of broken text: a substring of the text, and its width.
type textLine struct {
	text  string
	width float32
}

// breakLines breaks s into lines no wider than maxW, as measured by measure
// (one character at a time, as runeWidthCache does). A space a line breaks at
// is not drawn. It stops after maxLines lines and reports whether text was
// left over.
func breakLines(s string, maxW float32, measure func(rune) float32, maxLines int) (lines []textLine, more bool) {
	ls, more := i18n.BreakLines(s, float64(maxW), func(t string) float64 {
		var w float32
		for _, r := range t {
			w += measure(r)
		}
		return float64(w)
	}, maxLines)
	if len(ls) == 0 {
		return nil, more
	}
	lines = make([]textLine, len(ls))
	for i, l := range ls {
		lines[i] = textLine{text: s[l.Start:l.End], width: float32(l.Width)}
	}
	return lines, more
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
