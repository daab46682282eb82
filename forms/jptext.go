package forms

import (
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// jpText is a wrapping label that breaks lines the way Japanese is typeset
// (breakLines): between any two characters except where kinsoku shori
// (禁則処理) forbids it, keeping Latin words and numbers (2026/11/27, CS)
// whole. Fyne's Label breaks at spaces, and Japanese has none.
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
	lines  []textLine
	broken string  // the text the lines were broken from
	width  float32 // and the width
}

func (r *jpTextRenderer) Destroy() {}

func (r *jpTextRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *jpTextRenderer) lineHeight() float32 {
	return fyne.MeasureText("あ", r.t.textSize(), r.t.TextStyle).Height
}

// breakFor breaks the text for a widget of the given width, once per change.
func (r *jpTextRenderer) breakFor(width float32) []textLine {
	if width == r.width && r.t.Text == r.broken && r.lines != nil {
		return r.lines
	}
	th := r.t.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	avail := width - 2*pad
	if width <= 0 {
		avail = 1 << 20 // not laid out yet: one line per paragraph
	}
	widths := runeWidths(th, r.t.textSize(), r.t.TextStyle)
	r.lines, _ = breakLines(r.t.Text, avail, widths.width, math.MaxInt)
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
		changed := c.Text != l.text || c.Color != col || c.TextSize != r.t.textSize() || c.TextStyle != r.t.TextStyle
		c.Text, c.Color, c.TextSize, c.TextStyle = l.text, col, r.t.textSize(), r.t.TextStyle
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
