package reports

import (
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// The handwriting space of the blank forms: ruled lines far enough apart
// for a pen (a printed line of lineBody, 5.4 mm, is too tight by hand).
const (
	blankRuleH     = 9.0 // pitch of the ruled lines (mm)
	blankRuleWidth = 0.15
)

// blankRule is the grey of the ruled lines: visible on a photocopy, lighter
// than the table's frame.
var blankRule = [3]int{170, 170, 170}

// ruledRow is a row of a blank form: a grey label, what is printed (check
// boxes, text) and then Lines ruled lines to write on.
type ruledRow struct {
	Label string
	Cell
	Lines int
}

// ruledHeight is the height ruledTable gives rows (not counting the space
// after the table).
func (d *Doc) ruledHeight(rows []ruledRow) float64 {
	h := 0.0
	for _, r := range rows {
		h += d.ruledRowHeight(r)
	}
	return h
}

func (d *Doc) ruledRowHeight(r ruledRow) float64 {
	lw := formLabelWidth - 2*cellPadX
	vw := d.right() - d.left() - formLabelWidth - 2*cellPadX
	printed := len(d.layoutCell(r.Cell, vw, mincho, sizeBody))
	label := len(d.layoutCell(Cell{Text: r.Label}, lw, gothic, sizeLabel))
	h := float64(printed)*lineBody + float64(r.Lines)*blankRuleH
	return max(h, float64(label)*lineBody) + 2*cellPadY
}

// ruledTable draws rows as FormTable does (label column of the same width),
// each row with its ruled lines below what it prints. A row is never split
// (it is room to write); with keep the rows stay on one page together.
func (d *Doc) ruledTable(rows []ruledRow, keep bool) {
	if keep {
		d.need(d.ruledHeight(rows))
	}
	l, r := d.left(), d.right()
	lw := formLabelWidth
	vw := r - l - lw
	p := d.pdf
	for _, row := range rows {
		h := d.ruledRowHeight(row)
		d.need(h)
		y := d.y
		d.drawColor(black)
		p.SetLineWidth(ruleWidth)
		d.fillColor(greyFill)
		p.Rect(l, y, lw, h, "FD")
		p.Rect(l+lw, y, vw, h, "D")
		ly := y + cellPadY
		for _, ln := range d.layoutCell(Cell{Text: row.Label}, lw-2*cellPadX, gothic, sizeLabel) {
			d.setFont(gothic, sizeLabel)
			d.drawLine(ln, l+cellPadX, ly, lw-2*cellPadX, "L")
			ly += lineBody
		}
		vy := y + cellPadY
		for _, ln := range d.layoutCell(row.Cell, vw-2*cellPadX, mincho, sizeBody) {
			d.setFont(mincho, sizeBody)
			d.drawLine(ln, l+lw+cellPadX, vy, vw-2*cellPadX, "L")
			vy += lineBody
		}
		// The ruled lines: each writing line ends on one; the last is the
		// row's own frame.
		d.drawColor(blankRule)
		p.SetLineWidth(blankRuleWidth)
		for i := 1; i < row.Lines; i++ {
			ry := vy + float64(i)*blankRuleH
			p.Line(l+lw+cellPadX, ry, r-cellPadX, ry)
		}
		d.drawColor(black)
		p.SetLineWidth(ruleWidth)
		d.y = y + h
	}
	d.y += 3
}

// headingWith draws a one-line heading kept on one page with the h mm that
// follow it.
func (d *Doc) headingWith(text string, h float64) {
	const headingH = 2 + 7 + 1 // as Heading draws one line
	d.need(headingH + h)
	d.Heading(text)
}

// blankTable draws a table with a header row and n empty rows, each lines
// printed lines high (first column prefilled by first when not nil, e.g.
// the row numbers).
func (d *Doc) blankTable(cols []Column, n, lines int, first func(i int) string) {
	rows := make([][]Cell, n)
	spec := tableSpec{}
	fixed, free := 0.0, 0
	for _, c := range cols {
		fixed += c.Width
		if c.Width == 0 {
			free++
		}
	}
	share := (d.right() - d.left() - fixed) / float64(max(free, 1))
	for _, c := range cols {
		w := c.Width
		if w == 0 {
			w = share
		}
		a := c.Align
		if a == "" {
			a = "L"
		}
		spec.widths = append(spec.widths, w)
		spec.aligns = append(spec.aligns, a)
		spec.header = append(spec.header, c.Header)
	}
	for i := range rows {
		rows[i] = make([]Cell, len(cols))
		rows[i][len(cols)-1].MinLines = lines
		if first != nil {
			rows[i][0].Text = first(i)
		}
	}
	// A row of one line is a printed line and its padding: 8.6 mm, room
	// enough for a handwritten line.
	d.table(spec, rows)
}

// blankDoc starts a blank form: a fixed creation date (the same options give
// the same bytes), the 取扱注意 marking and 手書き用様式 in the footer where a
// document made from a case file shows the audit-chain head.
func blankDoc(opt BlankOptions, title string) *Doc {
	created := opt.Created
	if created.IsZero() {
		created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return New(Options{
		Title:        title + i18n.T("reports.blank.title_suffix"),
		Author:       i18n.T("reports.issuer", map[string]any{"City": opt.city()}),
		Confidential: true,
		AuditHead:    i18n.T("reports.blank.footer"),
		Created:      created,
	})
}

// city and prefecture are the options' names, the defaults when empty.
func (o BlankOptions) city() string       { return data.BodyCity.Label(o.City, o.Prefecture) }
func (o BlankOptions) prefecture() string { return data.BodyPrefecture.Label(o.City, o.Prefecture) }

// blankHead draws the head of a blank form: the number and a date to fill
// in at the right, the addressee (when not "": "　" for a blank to fill in)
// on a line with 殿, and the issuer at the right.
func (d *Doc) blankHead(number, addressee, issuer string) {
	l, r := d.left(), d.right()
	w := r - l
	d.setFont(mincho, 10.5)
	d.textColor(black)
	for _, s := range []string{number, i18n.T("reports.blank.day")} {
		d.text(l, d.y, w, lineBody, s, "R")
		d.y += lineBody + 1
	}
	d.y += 4
	const addrW = 70.0
	if addressee != "" {
		d.text(l, d.y, addrW, lineBody+1, addressee, "L")
		d.text(l, d.y, addrW, lineBody+1, "殿", "R")
		d.pdf.Line(l, d.y+lineBody+1.5, l+addrW, d.y+lineBody+1.5)
		d.y += lineBody + 6
	}
	d.text(l, d.y, w-8, lineBody, issuer, "R")
	d.y += lineBody + 3
}
