package reports

// Header draws the head of the first page: the document number and date
// (和暦) at the top right, the addressee with 殿 at the left, and the issuer
// at the right.
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
		for _, line := range d.lines(withSuffix(d.opt.Addressee, "　殿"), mincho, 10.5, w*0.7) {
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
		d.sealSignatureBox(x, y+hh, bw, body, labels[i]) // a signature goes here (kit_sigslot.go)
		d.fillColor(greyFill)
		d.drawColor(black)
		p.Rect(x, y, bw, hh, "FD")
		p.Rect(x, y+hh, bw, body, "D")
		d.setFont(gothic, sizeSmall)
		ly := y + (hh-float64(len(split[i]))*lh)/2
		for _, s := range split[i] {
			d.text(x, ly, bw, lh, s, "C")
			ly += lh
		}
		// 印 circle, dashed, in grey.
		cx, cy := x+bw/2, y+hh+body/2-2
		d.drawColor(greyText)
		p.SetDashPattern([]float64{0.8, 0.8}, 0)
		p.Circle(cx, cy, 7.5, "D")
		p.SetDashPattern([]float64{}, 0)
		d.textColor(greyText)
		d.setFont(mincho, 9)
		d.text(cx-5, cy-2.5, 10, 5, "印", "C")
		d.setFont(mincho, 7)
		d.text(x, y+hh+body-5, bw, 4.5, "年　 月　 日", "C")
		d.textColor(black)
		d.drawColor(black)
	}
	// Heavier outer frame.
	p.SetLineWidth(0.5)
	p.Rect(x0, y, bw*float64(len(labels)), hh+body, "D")
	p.SetLineWidth(ruleWidth)
	d.y = y + hh + body + 6
}
