package reports

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strings"
	"sync"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/osaki-city/kinkyu/i18n"
)

// The look of a visible signature: a stamp in seal red on white, drawn over
// the seal box's empty 印 circle (or in the signature block), saying
// 「電子署名」, who signed, when (和暦, in the case file's zone) and the
// first 16 hex digits of the certificate's SHA-256 fingerprint, which the
// reader can compare with the one the case file and `kinkyu verify-pdf`
// show. pdfsign takes the appearance as an image only, so the text is
// rasterised here from the embedded BIZ UD Gothic; 200 dpi prints its 5 pt
// lines cleanly and costs half of 300 dpi in pdfsign, which re-encodes
// the image pixel by pixel (5.7 instead of 9 ms CPU per signature).

// stampDPI is the resolution of the appearance image.
const stampDPI = 200

// stampRed is the colour of the stamp's text and frame (朱肉 red).
var stampRed = color.RGBA{R: 180, G: 30, B: 30, A: 255}

// signatureStamp is what a visible signature shows.
type signatureStamp struct {
	Signer      string    // the certificate's CN, e.g. 山田 太郎（課長）
	At          time.Time // the signing time, in the case file's zone
	Fingerprint string    // SHA-256 of the certificate, hex
}

// stampLines are the lines of the stamp: six for a tall box (a seal box),
// three for a flat one (the block in the top margin).
func (s signatureStamp) stampLines(tall bool) []string {
	fp := s.Fingerprint
	if len(fp) > 16 {
		fp = fp[:16]
	}
	fp = "SHA-256 " + fp
	date := i18n.Wareki(s.At)
	clock := fmt.Sprintf("%d時%02d分", s.At.Hour(), s.At.Minute())
	if !tall {
		return []string{"電子署名　" + s.Signer, date + " " + clock, fp}
	}
	name, role := s.Signer, roleOf(s.Signer)
	if role != "" {
		name = strings.TrimSpace(strings.TrimSuffix(name, "（"+role+"）"))
		return []string{"電子署名", name, "（" + role + "）", date, clock, fp}
	}
	return []string{"電子署名", name, date, clock, fp}
}

var (
	stampFontOnce sync.Once
	stampFont     *opentype.Font
	stampFontErr  error
)

// gothicFace parses the embedded Gothic once per process.
func gothicFace() (*opentype.Font, error) {
	stampFontOnce.Do(func() {
		stampFont, stampFontErr = opentype.Parse(i18n.GothicRegular())
	})
	return stampFont, stampFontErr
}

// renderStamp draws s for a box of w × h mm and returns it as a PNG.
func renderStamp(s signatureStamp, w, h float64) ([]byte, error) {
	f, err := gothicFace()
	if err != nil {
		return nil, fmt.Errorf("signature appearance: font: %w", err)
	}
	px := func(mm float64) int { return int(math.Round(mm / 25.4 * stampDPI)) }
	W, H := px(w), px(h)
	if W < 10 || H < 10 {
		return nil, fmt.Errorf("signature appearance: box %.1f × %.1f mm too small", w, h)
	}
	// Coverage first (0 white … 255 full red), then a palette image: a
	// paletted PNG has no alpha channel, so the PDF gets no soft mask and
	// the stamp hides the empty 印 beneath.
	cov := image.NewAlpha(image.Rect(0, 0, W, H))

	// Frame, 0.3 mm, 0.5 mm inside the edge.
	in, lw := px(0.5), max(px(0.3), 1)
	fill := func(r image.Rectangle) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := cov.Pix[y*cov.Stride+r.Min.X : y*cov.Stride+r.Max.X]
			for x := range row {
				row[x] = 255
			}
		}
	}
	fill(image.Rect(in, in, W-in, in+lw))
	fill(image.Rect(in, H-in-lw, W-in, H-in))
	fill(image.Rect(in, in, in+lw, H-in))
	fill(image.Rect(W-in-lw, in, W-in, H-in))

	lines := s.stampLines(h/w > 0.45)
	var buf sfnt.Buffer
	for i, l := range lines {
		lines[i] = strings.Map(func(r rune) rune {
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				if JoinsPrevious(r) {
					return -1 // a selector (葛󠄀) draws its base, not 葛〓 (glyphs.go)
				}
				return '〓' // a character the font lacks is shown, not dropped
			}
			return r
		}, l)
	}
	pad := px(1.3)
	availW := float64(W - 2*pad)
	availH := float64(H - 2*pad)
	pitch := availH / float64(len(lines))
	// Type size: the line pitch is 1.3 × the size; 9 pt at most.
	base := math.Min(9, pitch/1.3/stampDPI*72)
	for i, l := range lines {
		size := base
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: stampDPI, Hinting: font.HintingNone})
		if err != nil {
			return nil, fmt.Errorf("signature appearance: face: %w", err)
		}
		if wd := float64(font.MeasureString(face, l)) / 64; wd > availW {
			size = base * availW / wd
			if face, err = opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: stampDPI, Hinting: font.HintingNone}); err != nil {
				return nil, fmt.Errorf("signature appearance: face: %w", err)
			}
		}
		m := face.Metrics()
		wd := float64(font.MeasureString(face, l)) / 64
		asc, desc := float64(m.Ascent)/64, float64(m.Descent)/64
		x := float64(pad) + (availW-wd)/2
		y := float64(pad) + pitch*float64(i) + (pitch+asc-desc)/2
		d := font.Drawer{Dst: cov, Src: image.Opaque, Face: face, Dot: fixed.P(int(math.Round(x)), int(math.Round(y)))}
		d.DrawString(l)
	}

	pal := make(color.Palette, 17)
	for i := range pal {
		a := float64(i) / 16
		mix := func(c uint8) uint8 { return uint8(math.Round(255 - a*(255-float64(c)))) }
		pal[i] = color.RGBA{R: mix(stampRed.R), G: mix(stampRed.G), B: mix(stampRed.B), A: 255}
	}
	img := image.NewPaletted(cov.Rect, pal)
	for i, a := range cov.Pix { // same rectangle, stride W in both
		img.Pix[i] = uint8((int(a)*16 + 127) / 255)
	}
	var out bytes.Buffer
	// Fast compression: pdfsign decodes the PNG and compresses it again.
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&out, img); err != nil {
		return nil, fmt.Errorf("signature appearance: %w", err)
	}
	return out.Bytes(), nil
}
