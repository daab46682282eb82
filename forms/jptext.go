package forms

import (
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// jpText is a wrapping label that breaks lines the way Japanese is typeset.
// Fyne's Label breaks at spaces, and Japanese has none, so it cuts wherever
// the width runs out: a line may then start with 。 or 、, which reads as a
// mistake to a Japanese eye. jpText breaks between any two characters except
// where kinsoku shori (禁則処理) forbids it, and keeps ASCII words and numbers
// (2026/11/27, CS) whole.
type jpText struct {
	widget.BaseWidget
	Text      string
	TextStyle fyne.TextStyle
	SizeName  fyne.ThemeSizeName  // theme.SizeNameText when empty
	ColorName fyne.ThemeColorName // theme.ColorNameForeground when empty

	r *jpTextRenderer
}

// NewWrappedText is a label for running Japanese text, wrapped as Japanese is
// typeset, for screens outside this package.
func NewWrappedText(text string) fyne.Widget { return newJPText(text) }

func newJPText(text string) *jpText {
	t := &jpText{Text: text}
	t.ExtendBaseWidget(t)
	return t
}

// SetText changes the text and lays it out again.
func (t *jpText) SetText(s string) {
	t.Text = s
	t.Refresh()
}

// CreateRenderer returns the one renderer of t. A struct embedding *jpText
// (fieldError) is a widget of its own to Fyne, which would otherwise draw a
// second renderer that is never laid out: the text would not show.
func (t *jpText) CreateRenderer() fyne.WidgetRenderer {
	if t.r == nil {
		t.r = &jpTextRenderer{t: t}
	}
	return t.r
}

func (t *jpText) textSize() float32 {
	if t.SizeName == "" {
		return t.Theme().Size(theme.SizeNameText)
	}
	return t.Theme().Size(t.SizeName)
}

type jpTextRenderer struct {
	t      *jpText
	texts  []*canvas.Text
	objs   []fyne.CanvasObject
	lines  []string
	broken string  // the text the lines were broken from
	width  float32 // and the width
}

func (r *jpTextRenderer) Destroy() {}

func (r *jpTextRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *jpTextRenderer) lineHeight() float32 {
	return fyne.MeasureText("あ", r.t.textSize(), r.t.TextStyle).Height
}

// breakFor breaks the text for a widget of the given width, once per change.
func (r *jpTextRenderer) breakFor(width float32) []string {
	if width == r.width && r.t.Text == r.broken && r.lines != nil {
		return r.lines
	}
	pad := r.t.Theme().Size(theme.SizeNameInnerPadding)
	size, style := r.t.textSize(), r.t.TextStyle
	avail := width - 2*pad
	if width <= 0 {
		avail = 1 << 20 // not laid out yet: one line per paragraph
	}
	r.lines = jpBreak(r.t.Text, avail, func(c rune) float32 { return jpRuneWidth(c, size, style) })
	r.broken, r.width = r.t.Text, width
	return r.lines
}

// MinSize is as tall as the text needs at the current width; like a wrapping
// Label it asks for almost no width, since it can wrap into any.
func (r *jpTextRenderer) MinSize() fyne.Size {
	th := r.t.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	lines := r.breakFor(r.t.Size().Width)
	n := float32(len(lines))
	if n == 0 {
		n = 1
	}
	h := n*r.lineHeight() + (n-1)*th.Size(theme.SizeNameLineSpacing) + 2*pad
	return fyne.NewSize(2*pad+r.t.textSize(), h)
}

func (r *jpTextRenderer) Layout(size fyne.Size) {
	if size.Width <= 0 {
		// Not laid out yet (a hidden widget is not): texts drawn now would be
		// cached by the driver at a size they never get rid of.
		r.objs = r.objs[:0]
		return
	}
	lines := r.breakFor(size.Width)
	th := r.t.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	colorName := r.t.ColorName
	if colorName == "" {
		colorName = theme.ColorNameForeground
	}
	col := th.Color(colorName, fyne.CurrentApp().Settings().ThemeVariant())
	for len(r.texts) < len(lines) {
		r.texts = append(r.texts, canvas.NewText("", col))
	}
	r.texts = r.texts[:len(lines)]
	r.objs = r.objs[:0]
	lh, gap := r.lineHeight(), th.Size(theme.SizeNameLineSpacing)
	for i, l := range lines {
		c := r.texts[i]
		changed := c.Text != l || c.Color != col || c.TextSize != r.t.textSize() || c.TextStyle != r.t.TextStyle
		c.Text, c.Color, c.TextSize, c.TextStyle = l, col, r.t.textSize(), r.t.TextStyle
		c.Move(fyne.NewPos(pad, pad+float32(i)*(lh+gap)))
		if s := fyne.NewSize(size.Width-2*pad, lh); s != c.Size() {
			c.Resize(s)
			changed = true
		}
		// The driver keeps a texture per text until told it changed: a line
		// laid out while the widget was hidden would otherwise never show.
		if changed {
			c.Refresh()
		}
		r.objs = append(r.objs, c)
	}
}

func (r *jpTextRenderer) Refresh() {
	r.lines = nil // the text, style or theme may have changed
	r.Layout(r.t.Size())
}

// Kinsoku classes: characters that must not start a line (closing brackets
// and punctuation, small kana, the long vowel mark) and that must not end one
// (opening brackets). ASCII forms are included: the regulation writes "," and
// "(" ")".
const (
	jpNoLineStart = "、。，．・：；？！゛゜ヽヾゝゞ々ー～）］｝」』】〕〉》’”ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ…‥,.:;?!)]}%"
	jpNoLineEnd   = "（［｛「『【〔〈《‘“([{"
)

// jpWordRune reports the characters that, in a run, make one unbreakable ASCII
// word: letters, digits and the signs inside dates, times and names.
func jpWordRune(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		strings.ContainsRune("/:-_.@#&+'=", c)
}

type jpUnit struct {
	text  string
	width float32
	space bool
}

// jpUnits splits a paragraph into what a line may break between.
func jpUnits(s string, width func(rune) float32) []jpUnit {
	var out []jpUnit
	rs := []rune(s)
	for i := 0; i < len(rs); {
		c := rs[i]
		if jpWordRune(c) {
			j, w := i, float32(0)
			for j < len(rs) && jpWordRune(rs[j]) {
				w += width(rs[j])
				j++
			}
			// A trailing full stop or comma of a word may not start a line
			// either; leave it to the kinsoku rule as a jpUnit of its own.
			for j > i+1 && strings.ContainsRune(".:", rs[j-1]) {
				j--
				w -= width(rs[j])
			}
			out = append(out, jpUnit{text: string(rs[i:j]), width: w})
			i = j
			continue
		}
		out = append(out, jpUnit{text: string(c), width: width(c), space: c == ' ' || c == '　'})
		i++
	}
	return out
}

func jpNoStart(u jpUnit) bool {
	r := []rune(u.text)
	return len(r) == 1 && strings.ContainsRune(jpNoLineStart, r[0])
}

func jpNoEnd(u jpUnit) bool {
	r := []rune(u.text)
	return len(r) == 1 && strings.ContainsRune(jpNoLineEnd, r[0])
}

// jpBreak breaks s into lines no wider than avail (where it can), at
// its newlines and wherever Japanese typesetting allows.
func jpBreak(s string, avail float32, width func(rune) float32) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, jpBreakParagraph(para, avail, width)...)
	}
	return lines
}

func jpBreakParagraph(para string, avail float32, width func(rune) float32) []string {
	us := jpUnits(para, width)
	if len(us) == 0 {
		return []string{""}
	}
	var lines []string
	var line []jpUnit
	lineW := float32(0)
	emit := func() {
		var b strings.Builder
		for _, u := range line {
			b.WriteString(u.text)
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	for i := 0; i < len(us); i++ {
		u := us[i]
		if u.space && len(line) == 0 && len(lines) > 0 {
			continue // a space the line broke at
		}
		if lineW+u.width <= avail || len(line) == 0 && u.width <= avail {
			line = append(line, u)
			lineW += u.width
			continue
		}
		if len(line) == 0 {
			// A word wider than the line: break it anywhere.
			rs := []rune(u.text)
			k, w := 0, float32(0)
			for k < len(rs) && (k == 0 || w+width(rs[k]) <= avail) {
				w += width(rs[k])
				k++
			}
			line = append(line, jpUnit{text: string(rs[:k]), width: w})
			emit()
			line, lineW = nil, 0
			if k < len(rs) {
				rest := string(rs[k:])
				us[i] = jpUnit{text: rest, width: u.width - w}
				i--
			}
			continue
		}
		if u.space {
			emit()
			line, lineW = nil, 0
			continue
		}
		// Push characters down (追い出し) until the break is allowed.
		next := []jpUnit{u}
		for len(line) > 1 && (jpNoStart(next[0]) || jpNoEnd(line[len(line)-1])) {
			next = append([]jpUnit{line[len(line)-1]}, next...)
			line = line[:len(line)-1]
		}
		emit()
		line, lineW = nil, 0
		for _, n := range next {
			line = append(line, n)
			lineW += n.width
		}
	}
	if len(line) > 0 || len(lines) == 0 {
		emit()
	}
	return lines
}

type jpRuneKey struct {
	r     rune
	size  float32
	style fyne.TextStyle
}

var jpRuneWidths sync.Map // jpRuneKey → float32

// jpRuneWidth measures one character, once: BIZ UD Gothic sets kana and kanji
// on a fixed full width and Latin on half, so lines can be measured by sum.
func jpRuneWidth(r rune, size float32, style fyne.TextStyle) float32 {
	k := jpRuneKey{r, size, style}
	if w, ok := jpRuneWidths.Load(k); ok {
		return w.(float32)
	}
	w := fyne.MeasureText(string(r), size, style).Width
	jpRuneWidths.Store(k, w)
	return w
}
