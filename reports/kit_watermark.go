package reports

import (
	"fmt"
	"sync"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/osaki-city/kinkyu/i18n"
)

// The 訓練 watermark is drawn as glyph outlines (vector paths), not as
// text: it prints like text but pdftotext does not mix its characters into
// the document's own text, and copying from the PDF stays clean.
const watermarkText = "訓練"

// outlineUnits is the ppem the outlines are extracted at (then scaled).
const outlineUnits = 1000

type glyphOutline struct {
	segs    []sfnt.Segment
	advance fixed.Int26_6
}

var (
	watermarkOnce   sync.Once
	watermarkGlyphs []glyphOutline
	watermarkErr    error
)

// loadWatermark extracts the outlines of watermarkText from the embedded
// Gothic Bold once per process.
func loadWatermark() ([]glyphOutline, error) {
	watermarkOnce.Do(func() {
		f, err := sfnt.Parse(i18n.GothicBold())
		if err != nil {
			watermarkErr = fmt.Errorf("parse Gothic Bold: %w", err)
			return
		}
		var buf sfnt.Buffer
		for _, r := range watermarkText {
			idx, err := f.GlyphIndex(&buf, r)
			if err != nil || idx == 0 {
				watermarkErr = fmt.Errorf("glyph %q missing from Gothic Bold: %v", r, err)
				return
			}
			segs, err := f.LoadGlyph(&buf, idx, fixed.I(outlineUnits), nil)
			if err != nil {
				watermarkErr = fmt.Errorf("load glyph %q: %w", r, err)
				return
			}
			adv, err := f.GlyphAdvance(&buf, idx, fixed.I(outlineUnits), 0)
			if err != nil {
				watermarkErr = fmt.Errorf("advance of %q: %w", r, err)
				return
			}
			watermarkGlyphs = append(watermarkGlyphs, glyphOutline{segs: append([]sfnt.Segment(nil), segs...), advance: adv})
		}
	})
	return watermarkGlyphs, watermarkErr
}

// drawWatermark lays 訓練 diagonally across the page, over the content but
// multiplied in light grey, so that everything under it (grey table cells
// included) stays legible.
func (d *Doc) drawWatermark() {
	glyphs, err := loadWatermark()
	if err != nil {
		d.fail(err)
		return
	}
	const sizeMM = 52.0 // em size
	scale := sizeMM / outlineUnits
	total := 0.0
	for _, g := range glyphs {
		total += float64(g.advance) / 64 * scale
	}
	cx, cy := d.page.Width/2, d.page.Height/2
	// Baseline so that the em box is centred vertically (ideographs sit
	// roughly 0.88 em above the baseline in BIZ UD).
	x0, base := cx-total/2, cy+sizeMM*0.38
	p := d.pdf
	p.TransformBegin()
	p.TransformRotate(45, cx, cy)
	p.SetAlpha(0.6, "Multiply")
	d.fillColor(watermark)
	pt := func(v fixed.Point26_6, x float64) (float64, float64) {
		return x + float64(v.X)/64*scale, base + float64(v.Y)/64*scale
	}
	x := x0
	for _, g := range glyphs {
		open := false
		for _, s := range g.segs {
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				if open {
					p.ClosePath()
				}
				p.MoveTo(pt(s.Args[0], x))
				open = true
			case sfnt.SegmentOpLineTo:
				p.LineTo(pt(s.Args[0], x))
			case sfnt.SegmentOpQuadTo:
				c1, c2 := s.Args[0], s.Args[1]
				ax, ay := pt(c1, x)
				bx, by := pt(c2, x)
				p.CurveTo(ax, ay, bx, by)
			case sfnt.SegmentOpCubeTo:
				ax, ay := pt(s.Args[0], x)
				bx, by := pt(s.Args[1], x)
				ex, ey := pt(s.Args[2], x)
				p.CurveBezierCubicTo(ax, ay, bx, by, ex, ey)
			}
		}
		if open {
			p.ClosePath()
			p.DrawPath("f")
		}
		x += float64(g.advance) / 64 * scale
	}
	p.SetAlpha(1, "Normal")
	p.TransformEnd()
	d.fillColor(greyFill)
}
