package reports

import (
	"strings"

	"github.com/osaki-city/kinkyu/i18n"
)

// Header draws the head of the first page of an internal document: the
// document number and date (和暦) at the top right, the addressee with one
// honorific (殿 unless one was typed) at the left, and the issuer at the
// right. Documents that leave the city use Letterhead.
func (d *Doc) Header() {
	l, r := d.left(), d.right()
	w := r - l
	d.setFont(mincho, 10.5)
	d.textColor(black)
	for _, s := range []string{d.opt.Number, wareki(d.opt.Date)} {
		if s == "" {
			continue
		}
		for _, line := range d.lines(s, mincho, 10.5, w/2) {
			d.text(l, d.y, w, lineBody, line, "R")
			d.y += lineBody
		}
	}
	d.y += 4
	if d.opt.Addressee != "" {
		for _, line := range d.lines(addressee(d.opt.Addressee, "", "殿"), mincho, 10.5, w*0.7) {
			d.text(l, d.y, w, lineBody, line, "L")
			d.y += lineBody
		}
		d.y += 4
	}
	if d.opt.Issuer != "" {
		for _, line := range d.lines(d.opt.Issuer, mincho, 10.5, w*0.75) {
			d.text(l, d.y, w-8, lineBody, line, "R")
			d.y += lineBody
		}
		d.y += 3
	}
}

// Title draws a centred title in Gothic.
func (d *Doc) Title(title string) {
	const h = 9.0
	lines := d.lines(title, gothic, sizeTitle, d.right()-d.left())
	d.need(float64(len(lines))*h + 4)
	d.y += 2
	d.setFont(gothic, sizeTitle)
	for _, line := range lines {
		d.text(d.left(), d.y, d.right()-d.left(), h, line, "C")
		d.y += h
	}
	d.y += 4
}

// Heading draws a section heading in Gothic, kept with at least three lines
// of what follows.
func (d *Doc) Heading(text string) {
	const h = 7.0
	lines := d.lines(text, gothic, sizeHeading, d.right()-d.left())
	d.need(float64(len(lines))*h + 3*lineBody + 2*cellPadY + 2)
	d.y += 2
	d.setFont(gothic, sizeHeading)
	for _, line := range lines {
		d.text(d.left(), d.y, d.right()-d.left(), h, line, "L")
		d.y += h
	}
	d.y += 1
}

// Paragraph draws body text in Mincho, broken with BreakLines and continued
// across pages. Newlines start new lines; a leading 　 indents.
func (d *Doc) Paragraph(text string) {
	w := d.right() - d.left()
	lines := d.lines(text, mincho, sizeBody, w)
	for _, line := range lines {
		d.need(lineBody)
		d.setFont(mincho, sizeBody)
		d.text(d.left(), d.y, w, lineBody, line, "L")
		d.y += lineBody
	}
	d.y += 2
}

// Checks draws a row of check boxes in the flow (wrapping as needed).
func (d *Doc) Checks(items []Check) {
	w := d.right() - d.left()
	lay := d.layoutCell(Cell{Checks: items}, w, mincho, sizeBody)
	for _, line := range lay {
		d.need(lineBody)
		d.drawLine(line, d.left(), d.y, w, "L")
		d.y += lineBody
	}
	d.y += 2
}

// DefaultSealLabels are the three approvers of an incident report. A "\n"
// in a label breaks it where the box is narrow.
var DefaultSealLabels = []string{"報告者", "セキュリティ\n責任者", "セキュリティ\n統括責任者"}

// SealBoxes draws a row of seal boxes at the right: each a grey label over a
// dashed 印 circle with a 年　月　日 line at its foot.
func (d *Doc) SealBoxes(labels []string) {
	const (
		bw   = 30.0 // box width
		lh   = 4.0  // label line pitch
		body = 24.0 // seal area height
	)
	if len(labels) == 0 {
		return
	}
	labelLines := 1
	split := make([][]string, len(labels))
	for i, l := range labels {
		split[i] = d.lines(l, gothic, sizeSmall, bw-2)
		if len(split[i]) > labelLines {
			labelLines = len(split[i])
		}
	}
	hh := float64(labelLines)*lh + 2*cellPadY
	d.need(hh + body + 4)
	p := d.pdf
	x0 := d.right() - bw*float64(len(labels))
	y := d.y
	for i := range labels {
		x := x0 + bw*float64(i)
		d.sealBox(SealSlot{Label: strings.Join(split[i], "\n"), X: x, Y: y + hh, W: bw, H: body}, hh, true)
	}
	// Heavier outer frame.
	p.SetLineWidth(0.5)
	p.Rect(x0, y, bw*float64(len(labels)), hh+body, "D")
	p.SetLineWidth(ruleWidth)
	d.y = y + hh + body + 6
}

// SealSlot is the place of one approver's seal (or visible signature) on
// the page: the area below the label, in millimetres from the page's top
// left corner.
type SealSlot struct {
	Label      string
	Page       int // 1-based
	X, Y, W, H float64
}

// Geometry of the 決裁用 band (mm).
const (
	approvalLabelH = 6.0  // label row
	approvalBodyH  = 20.0 // stamp area: a 印 or a visible signature
	approvalMaxBox = 28.0 // widest seal box
	approvalDateW  = 50.0 // the 起案・決裁 date table at the left
	approvalGap    = 4.0  // between the date table and the boxes
)

// approvalBoxes places the seal boxes of labels at the right of the band
// whose top is y.
func approvalBoxes(labels []string, page Page, y float64) []SealSlot {
	r := page.Width - page.Right
	room := page.ContentWidth() - approvalDateW - approvalGap
	bw := min(approvalMaxBox, room/float64(max(len(labels), 1)))
	x0 := r - bw*float64(len(labels))
	out := make([]SealSlot, len(labels))
	for i, l := range labels {
		out[i] = SealSlot{Label: l, Page: 1, X: x0 + bw*float64(i), Y: y + approvalLabelH, W: bw, H: approvalBodyH}
	}
	return out
}

// ApprovalSlots are where the 決裁用 copy of a report or letter has its seal
// boxes: at the top of the first page, one per label. The visible signatures
// go there.
func ApprovalSlots(labels []string) []SealSlot {
	return approvalBoxes(labels, A4, A4.Top+confidentialGap)
}

// ApprovalBand draws the 決裁欄 of the 決裁用 copy at the top of the page: a
// small table of 起案 and 決裁 dates at the left, the seal boxes at the right
// (labels left to right, e.g. 課長・課長補佐・係長・担当).
func (d *Doc) ApprovalBand(labels []string) {
	if len(labels) == 0 {
		return
	}
	p := d.pdf
	y := d.y
	l := d.left()
	h := approvalLabelH + approvalBodyH
	// The date table: 起案 / 決裁, each with a date to write.
	d.setFont(gothic, sizeSmall)
	d.textColor(black)
	d.drawColor(black)
	const lw = 12.0
	rows := []string{i18n.T("reports.letter.drafted"), i18n.T("reports.letter.decided")}
	rh := h / float64(len(rows)+1)
	d.fillColor(greyFill)
	p.Rect(l, y, approvalDateW, rh, "FD")
	d.text(l, y, approvalDateW, rh, i18n.T("reports.letter.copy_approval_note"), "C")
	for i, s := range rows {
		ry := y + rh*float64(i+1)
		d.fillColor(greyFill)
		p.Rect(l, ry, lw, rh, "FD")
		p.Rect(l+lw, ry, approvalDateW-lw, rh, "D")
		d.setFont(gothic, sizeSmall)
		d.text(l, ry, lw, rh, s, "C")
		d.setFont(mincho, sizeSmall)
		d.text(l+lw, ry, approvalDateW-lw, rh, i18n.T("reports.blank.day"), "C")
	}
	slots := approvalBoxes(labels, d.page, y)
	for _, s := range slots {
		d.sealBox(s, approvalLabelH, false)
	}
	p.SetLineWidth(0.5)
	p.Rect(slots[0].X, y, slots[len(slots)-1].X+slots[0].W-slots[0].X, h, "D")
	p.Rect(l, y, approvalDateW, h, "D")
	p.SetLineWidth(ruleWidth)
	d.y = y + h + 5
}

// sealBox draws one seal box: its grey label above s's area and, in the
// area, the dashed 印 circle (with a 年　月　日 line when dated). Every seal
// box of every document is drawn here, and noted as a place for a visible
// signature (sealSignatureBox).
func (d *Doc) sealBox(s SealSlot, labelH float64, dated bool) {
	p := d.pdf
	d.sealSignatureBox(s.X, s.Y, s.W, s.H, s.Label) // a signature goes here (kit_sigslot.go)
	x, y := s.X, s.Y-labelH
	d.fillColor(greyFill)
	d.drawColor(black)
	p.Rect(x, y, s.W, labelH, "FD")
	p.Rect(x, s.Y, s.W, s.H, "D")
	// The label, on as many lines as it has ("\n"), shrunk to fit the box.
	parts := strings.Split(s.Label, "\n")
	size := sizeSmall
	d.setFont(gothic, size)
	for _, part := range parts {
		for size > 5 && d.width(part) > s.W-2 {
			size -= 0.5
			d.setFont(gothic, size)
		}
	}
	lh := min(4.0, (labelH-1)/float64(len(parts)))
	ly := y + (labelH-float64(len(parts))*lh)/2
	d.textColor(black)
	for _, part := range parts {
		d.text(x, ly, s.W, lh, part, "C")
		ly += lh
	}
	// 印 circle, dashed, in grey.
	rad := min(7.5, s.W/2-2.5, s.H/2-2.5)
	cx, cy := x+s.W/2, s.Y+s.H/2
	if dated {
		cy -= 2
	}
	d.drawColor(greyText)
	p.SetDashPattern([]float64{0.8, 0.8}, 0)
	p.Circle(cx, cy, rad, "D")
	p.SetDashPattern([]float64{}, 0)
	d.textColor(greyText)
	d.setFont(mincho, 9)
	d.text(cx-5, cy-2.5, 10, 5, "印", "C")
	if dated {
		d.setFont(mincho, 7)
		d.text(x, s.Y+s.H-5, s.W, 4.5, "年　 月　 日", "C")
	}
	d.textColor(black)
	d.drawColor(black)
}
