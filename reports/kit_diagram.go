package reports

import (
	"math"

	"github.com/go-pdf/fpdf"
)

// Boxes and arrows for the kit. A document lays a diagram out with a pure
// function into rectangles, polylines and texts (a diagram), which
// drawDiagram then draws as it is: the geometry can be checked without a PDF
// (no box over another, no label over a line, all inside the page).

// diagPoint is a point on the page, in mm.
type diagPoint struct{ X, Y float64 }

// diagRect is a rectangle on the page, in mm.
type diagRect struct{ X, Y, W, H float64 }

func (r diagRect) right() float64  { return r.X + r.W }
func (r diagRect) bottom() float64 { return r.Y + r.H }
func (r diagRect) cx() float64     { return r.X + r.W/2 }
func (r diagRect) cy() float64     { return r.Y + r.H/2 }

// overlaps reports whether the interiors of r and o meet.
func (r diagRect) overlaps(o diagRect) bool {
	const eps = 1e-6
	return r.X < o.right()-eps && o.X < r.right()-eps && r.Y < o.bottom()-eps && o.Y < r.bottom()-eps
}

// within reports whether r lies inside o.
func (r diagRect) within(o diagRect) bool {
	const eps = 1e-6
	return r.X >= o.X-eps && r.Y >= o.Y-eps && r.right() <= o.right()+eps && r.bottom() <= o.bottom()+eps
}

// inset shrinks r by m on every side (grows it for a negative m).
func (r diagRect) inset(m float64) diagRect {
	return diagRect{r.X + m, r.Y + m, r.W - 2*m, r.H - 2*m}
}

// diagText is one line of text in a diagram, in a face and size (pt).
type diagText struct {
	Text string
	Face face
	Size float64
	Grey bool
}

// diagPitch is the line pitch (mm) of text of size pt in a diagram.
func diagPitch(size float64) float64 { return size * 25.4 / 72 * 1.3 }

// diagTextHeight is the height of lines of text.
func diagTextHeight(ts []diagText) float64 {
	h := 0.0
	for _, t := range ts {
		h += diagPitch(t.Size)
	}
	return h
}

// diagMeasure measures s in face f at size pt, in mm.
type diagMeasure func(s string, f face, size float64) float64

// measure is the diagMeasure of the document's fonts.
func (d *Doc) measure(s string, f face, size float64) float64 {
	d.setFont(f, size)
	return d.width(s)
}

// diagFit breaks every text into lines no wider than w.
func diagFit(ts []diagText, w float64, m diagMeasure) []diagText {
	return diagFitMax(ts, w, m, 0)
}

// diagEllipsis ends a text cut short.
const diagEllipsis = "…"

// diagFitMax is diagFit keeping at most maxLines lines of each text (0: no
// limit), the last one cut short with … when there is more.
func diagFitMax(ts []diagText, w float64, m diagMeasure, maxLines int) []diagText {
	var out []diagText
	for _, t := range ts {
		if t.Text == "" {
			continue
		}
		measure := func(s string) float64 { return m(s, t.Face, t.Size) }
		lines := BreakLines(t.Text, w, measure)
		if maxLines > 0 && len(lines) > maxLines {
			lines = lines[:maxLines]
			last := []rune(lines[maxLines-1])
			for len(last) > 0 && measure(string(last)+diagEllipsis) > w {
				last = last[:len(last)-1]
			}
			lines[maxLines-1] = string(last) + diagEllipsis
		}
		for _, l := range lines {
			n := t
			n.Text = l
			out = append(out, n)
		}
	}
	return out
}

// Box geometry (mm).
const (
	diagPadY   = 1.1  // above and below the texts of a band
	diagPadX   = 1.5  // left and right of the texts
	diagHeadOf = 0.35 // rule width of a box
)

// diagBox is a box: a grey band with its head lines, then its body lines,
// all centred. A dashed box stands for a place nobody is registered for.
type diagBox struct {
	Key    string
	Rect   diagRect
	Head   []diagText
	Body   []diagText
	Dashed bool
	// Plain boxes have a white head band (the related bodies outside the
	// city); others a grey one.
	Plain bool
}

// diagBoxHeight is the height a box needs for its lines.
func diagBoxHeight(head, body []diagText) float64 {
	h := diagTextHeight(head) + 2*diagPadY
	if len(body) > 0 {
		h += diagTextHeight(body) + 2*diagPadY
	}
	return h
}

// headHeight is the height of a box's head band.
func (b diagBox) headHeight() float64 { return diagTextHeight(b.Head) + 2*diagPadY }

// diagArrow is a line along Path with an arrowhead at its end (and at its
// start when Both), and an optional label in LabelRect. A branch of another
// arrow starts with a dot where it leaves it.
type diagArrow struct {
	Key       string
	Path      []diagPoint
	Both      bool
	Dot       bool
	Label     diagText
	LabelRect diagRect
}

// Arrow geometry (mm).
const (
	arrowHeadLen  = 2.4
	arrowHeadHalf = 1.05
	arrowWidth    = 0.35
	arrowDot      = 0.7
)

// diagFrame is a dashed outline (a closed polygon) with a label, e.g. the
// city around its roles.
type diagFrame struct {
	Path      []diagPoint
	Label     diagText
	LabelRect diagRect
}

// diagNote is free text, e.g. a legend line.
type diagNote struct {
	Rect  diagRect
	Lines []diagText
}

// diagram is a laid-out drawing: everything in page coordinates.
type diagram struct {
	Bounds diagRect
	Frames []diagFrame
	Boxes  []diagBox
	Arrows []diagArrow
	Notes  []diagNote
}

// drawDiagram draws g as laid out: frames, then boxes, arrows and labels.
func (d *Doc) drawDiagram(g diagram) {
	p := d.pdf
	for _, f := range g.Frames {
		d.drawColor(greyText)
		p.SetLineWidth(0.3)
		p.SetDashPattern([]float64{1.2, 0.9}, 0)
		pts := make([]fpdf.PointType, len(f.Path))
		for i, q := range f.Path {
			pts[i] = fpdf.PointType{X: q.X, Y: q.Y}
		}
		p.Polygon(pts, "D")
		p.SetDashPattern([]float64{}, 0)
		d.drawDiagText(f.LabelRect, []diagText{f.Label}, "L")
	}
	for _, b := range g.Boxes {
		d.drawDiagBox(b)
	}
	for _, a := range g.Arrows {
		d.drawArrow(a)
	}
	for _, a := range g.Arrows {
		if a.Label.Text != "" {
			d.drawDiagText(a.LabelRect, []diagText{a.Label}, "C")
		}
	}
	for _, n := range g.Notes {
		d.drawDiagText(n.Rect, n.Lines, "L")
	}
	d.drawColor(black)
	d.textColor(black)
	p.SetLineWidth(ruleWidth)
}

func (d *Doc) drawDiagBox(b diagBox) {
	p := d.pdf
	r := b.Rect
	hh := b.headHeight()
	if len(b.Body) == 0 {
		hh = r.H // a box of a head alone: the band fills it
	}
	d.drawColor(black)
	p.SetLineWidth(diagHeadOf)
	if b.Dashed {
		d.drawColor(greyText)
		p.SetDashPattern([]float64{1, 0.8}, 0)
	}
	if !b.Plain {
		d.fillColor(greyFill)
		p.Rect(r.X, r.Y, r.W, hh, "F")
	}
	p.Rect(r.X, r.Y, r.W, r.H, "D")
	if len(b.Body) > 0 {
		p.SetLineWidth(ruleWidth)
		p.Line(r.X, r.Y+hh, r.right(), r.Y+hh)
	}
	p.SetDashPattern([]float64{}, 0)
	th := diagTextHeight(b.Head)
	d.drawDiagText(diagRect{r.X, r.Y + (hh-th)/2, r.W, th}, b.Head, "C")
	if len(b.Body) > 0 {
		// Body lines centred in what is left below the band.
		space := r.H - hh
		y := r.Y + hh + (space-diagTextHeight(b.Body))/2
		d.drawDiagText(diagRect{r.X, y, r.W, diagTextHeight(b.Body)}, b.Body, "C")
	}
	d.drawColor(black)
	p.SetLineWidth(ruleWidth)
}

// drawDiagText draws lines top-down from the top of r, each in its own face,
// aligned "L" or "C" within r (inside the padding for "L").
func (d *Doc) drawDiagText(r diagRect, lines []diagText, align string) {
	y := r.Y
	for _, t := range lines {
		h := diagPitch(t.Size)
		d.setFont(t.Face, t.Size)
		if t.Grey {
			d.textColor(greyText)
		} else {
			d.textColor(black)
		}
		d.text(r.X, y, r.W, h, t.Text, align)
		y += h
	}
	d.textColor(black)
}

// drawArrow draws the polyline with its heads, the line stopping where a
// head begins so that the tip stays sharp.
func (d *Doc) drawArrow(a diagArrow) {
	if len(a.Path) < 2 {
		return
	}
	p := d.pdf
	d.drawColor(black)
	d.fillColor(black)
	p.SetLineWidth(arrowWidth)
	pts := append([]diagPoint(nil), a.Path...)
	n := len(pts)
	endTip, endFrom := pts[n-1], pts[n-2]
	pts[n-1] = shorten(endFrom, endTip, arrowHeadLen*0.8)
	startTip, startFrom := pts[0], pts[1]
	if a.Both {
		pts[0] = shorten(startFrom, startTip, arrowHeadLen*0.8)
	}
	for i := 1; i < len(pts); i++ {
		p.Line(pts[i-1].X, pts[i-1].Y, pts[i].X, pts[i].Y)
	}
	d.arrowHead(endFrom, endTip)
	if a.Both {
		d.arrowHead(startFrom, startTip)
	}
	if a.Dot {
		p.Circle(startTip.X, startTip.Y, arrowDot, "F")
	}
	p.SetLineWidth(ruleWidth)
}

// shorten moves to back from the end towards from by l.
func shorten(from, to diagPoint, l float64) diagPoint {
	dx, dy := to.X-from.X, to.Y-from.Y
	n := math.Hypot(dx, dy)
	if n <= l {
		return from
	}
	return diagPoint{to.X - dx/n*l, to.Y - dy/n*l}
}

// arrowHead draws a filled head with its tip at tip, pointing from from.
func (d *Doc) arrowHead(from, tip diagPoint) {
	dx, dy := tip.X-from.X, tip.Y-from.Y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return
	}
	ux, uy := dx/n, dy/n
	bx, by := tip.X-ux*arrowHeadLen, tip.Y-uy*arrowHeadLen
	d.pdf.Polygon([]fpdf.PointType{
		{X: tip.X, Y: tip.Y},
		{X: bx - uy*arrowHeadHalf, Y: by + ux*arrowHeadHalf},
		{X: bx + uy*arrowHeadHalf, Y: by - ux*arrowHeadHalf},
	}, "F")
}

// segmentCrosses reports whether the segment a–b passes through the interior
// of r (Liang–Barsky clipping).
func segmentCrosses(a, b diagPoint, r diagRect) bool {
	const eps = 1e-6
	r = r.inset(eps)
	if r.W <= 0 || r.H <= 0 {
		return false
	}
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, e := range [4][2]float64{
		{-dx, a.X - r.X}, {dx, r.right() - a.X},
		{-dy, a.Y - r.Y}, {dy, r.bottom() - a.Y},
	} {
		pp, q := e[0], e[1]
		if pp == 0 {
			if q <= 0 {
				return false
			}
			continue
		}
		t := q / pp
		if pp < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 >= t1 {
			return false
		}
	}
	return true
}
