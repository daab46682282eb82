package reports

import "math"

// Check is one drawn check box with its label.
type Check struct {
	Label   string
	Checked bool
}

// Cell is the content of a table cell: check boxes (flowing, wrapped) and
// then text, either of which may be empty. MinLines pads the cell with empty
// lines (room to write by hand on a blank form); More are further parts laid
// out below, each with its own check boxes, text and padding.
type Cell struct {
	Checks   []Check
	Text     string
	MinLines int
	More     []Cell
	Indent   float64 // millimetres this part is indented by
}

// FormRow is one row of a form table: a grey label and its value.
type FormRow struct {
	Label string
	Cell
}

// Column describes a column of a Table.
type Column struct {
	Header string
	Width  float64 // millimetres; 0 shares what the others leave
	Align  string  // "L" (default), "C" or "R" for the body cells
}

// Check box geometry (mm).
const (
	boxSize   = 3.3
	boxGap    = 1.3 // between a box and its label
	checksGap = 5.0 // between one check item and the next
)

// seg is a piece of a laid-out line: text, or a check box, at offset x.
type seg struct {
	x       float64
	text    string
	box     bool
	checked bool
}

type line []seg

// layoutCell breaks a cell's content into lines for a box of width w.
func (d *Doc) layoutCell(c Cell, w float64, f face, size float64) []line {
	if c.Indent > 0 && c.Indent < w/2 {
		in := c.Indent
		c.Indent = 0
		out := d.layoutCell(c, w-in, f, size)
		for _, l := range out {
			for i := range l {
				l[i].x += in
			}
		}
		return out
	}
	var out []line
	if len(c.Checks) > 0 {
		d.setFont(f, size)
		var cur line
		x := 0.0
		for _, ch := range c.Checks {
			lw := d.width(ch.Label)
			iw := boxSize + boxGap + lw
			if len(cur) > 0 && x+iw > w {
				out = append(out, cur)
				cur, x = nil, 0
			}
			if iw <= w {
				cur = append(cur, seg{x: x, box: true, checked: ch.Checked},
					seg{x: x + boxSize + boxGap, text: ch.Label})
				x += iw + checksGap
				continue
			}
			// A label too long for the line: break it beside its box.
			parts := BreakLines(ch.Label, w-boxSize-boxGap, d.width)
			for i, p := range parts {
				var l line
				if i == 0 {
					l = append(l, seg{box: true, checked: ch.Checked})
				}
				out = append(out, append(l, seg{x: boxSize + boxGap, text: p}))
			}
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
	}
	if c.Text != "" {
		for _, s := range d.lines(c.Text, f, size, w) {
			out = append(out, line{{text: s}})
		}
	}
	for len(out) < c.MinLines {
		out = append(out, nil)
	}
	for _, m := range c.More {
		out = append(out, d.layoutCell(m, w, f, size)...)
	}
	return out
}

// drawLine draws one laid-out line in the box (x, y, w, lineBody). Lines of
// plain text honour align; lines with boxes are always left-aligned.
func (d *Doc) drawLine(l line, x, y, w float64, align string) {
	for _, s := range l {
		if s.box {
			d.drawCheckBox(x+s.x, y+(lineBody-boxSize)/2, s.checked)
			continue
		}
		if len(l) == 1 {
			d.text(x+s.x, y, w-s.x, lineBody, s.text, align)
		} else {
			d.text(x+s.x, y, w-s.x, lineBody, s.text, "L")
		}
	}
}

// drawCheckBox draws a square, with a tick drawn in lines when checked (BIZ
// UD has no ☐/☑ glyphs), and puts ☐ or ☑ in the text layer as invisible text
// over it, so that a copy or a search of the page tells ticked from not.
func (d *Doc) drawCheckBox(x, y float64, checked bool) {
	p := d.pdf
	d.invisibleText(x, y, boxSize, boxSize, map[bool]string{false: "☐", true: "☑"}[checked])
	d.drawColor(black)
	p.SetLineWidth(0.25)
	p.Rect(x, y, boxSize, boxSize, "D")
	if checked {
		p.SetLineWidth(0.45)
		p.SetLineCapStyle("round")
		p.SetLineJoinStyle("round")
		p.Line(x+0.6, y+boxSize*0.52, x+boxSize*0.42, y+boxSize-0.6)
		p.Line(x+boxSize*0.42, y+boxSize-0.6, x+boxSize+0.5, y-0.5)
		p.SetLineCapStyle("butt")
		p.SetLineJoinStyle("miter")
	}
	p.SetLineWidth(ruleWidth)
}

// invisibleText puts s in the text layer over the box (x, y, w, h) without
// drawing it (text rendering mode 3): for marks drawn as lines whose
// character the font lacks. It goes to fpdf directly: the text is never
// seen, so no glyph is needed (the font's ToUnicode gives the character).
func (d *Doc) invisibleText(x, y, w, h float64, s string) {
	p := d.pdf
	f, size := d.face, d.size
	d.setFont(mincho, 7)
	p.SetTextRenderingMode(3)
	p.SetXY(x, y)
	p.CellFormat(w, h, s, "", 0, "C", false, 0, "")
	p.SetTextRenderingMode(0)
	if size > 0 {
		d.setFont(f, size)
	}
}

// tableSpec is the shape of a table for the shared row engine.
type tableSpec struct {
	widths    []float64
	aligns    []string
	header    []string // nil: no header row
	labelCol  bool     // first column is a grey label column (Gothic)
	contLabel string   // label-column text for a row continued on a new page
}

// Continued is the label printed in the label column where a row goes on
// from the previous page.
const Continued = "（続き）"

// FormTable draws label/value rows with a grey label column. A row longer
// than the page continues on the next, its label shown as （続き）; header,
// when not empty, is a header row repeated on every page the table spans.
func (d *Doc) FormTable(header [2]string, rows []FormRow) {
	lw := 40.0
	spec := tableSpec{
		widths:    []float64{lw, d.right() - d.left() - lw},
		aligns:    []string{"L", "L"},
		labelCol:  true,
		contLabel: Continued,
	}
	if header[0] != "" || header[1] != "" {
		spec.header = header[:]
	}
	cells := make([][]Cell, len(rows))
	for i, r := range rows {
		cells[i] = []Cell{{Text: r.Label}, r.Cell}
	}
	d.table(spec, cells)
}

// Table draws a table with a grey header row repeated on every page it spans,
// e.g. a timeline (日時 | 内容 | 記録者). Rows wrap, and a row too long for
// the rest of a page continues on the next.
func (d *Doc) Table(cols []Column, rows [][]string) {
	spec := tableSpec{header: make([]string, len(cols))}
	fixed, free := 0.0, 0
	for _, c := range cols {
		fixed += c.Width
		if c.Width == 0 {
			free++
		}
	}
	share := 0.0
	if free > 0 {
		share = math.Max(10, (d.right()-d.left()-fixed)/float64(free))
	}
	for i, c := range cols {
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
		spec.header[i] = c.Header
	}
	cells := make([][]Cell, len(rows))
	for i, r := range rows {
		cells[i] = make([]Cell, len(cols))
		for j := range cols {
			if j < len(r) {
				cells[i][j] = Cell{Text: r[j]}
			}
		}
	}
	d.table(spec, cells)
}

// table is the row engine shared by FormTable and Table.
func (d *Doc) table(spec tableSpec, rows [][]Cell) {
	x0 := d.left()
	inner := func(i int) float64 { return spec.widths[i] - 2*cellPadX }

	// Header row, laid out once, drawn at the top of every page the table
	// reaches.
	var head [][]line
	headH := 0.0
	if spec.header != nil {
		n := 1
		for i, h := range spec.header {
			l := d.layoutCell(Cell{Text: h}, inner(i), gothic, sizeLabel)
			head = append(head, l)
			n = max(n, len(l))
		}
		headH = float64(n)*lineBody + 2*cellPadY
	}
	drawHead := func() {
		if head == nil {
			return
		}
		x := x0
		d.setFont(gothic, sizeLabel)
		for i, w := range spec.widths {
			d.fillColor(greyFill)
			d.drawColor(black)
			d.pdf.Rect(x, d.y, w, headH, "FD")
			y := d.y + (headH-float64(len(head[i]))*lineBody)/2
			for _, l := range head[i] {
				d.drawLine(l, x+cellPadX, y, inner(i), "C")
				y += lineBody
			}
			x += w
		}
		d.y += headH
	}
	// Keep the header with at least one row (breaking the page before the
	// header is in charge of page breaks, so that it is drawn once).
	d.need(headH + lineBody + 2*cellPadY)
	drawHead()
	saved := d.onNewPage
	d.onNewPage = drawHead
	defer func() { d.onNewPage = saved }()

	for ri, row := range rows {
		lay := make([][]line, len(spec.widths))
		n := 1
		keep := false // a row with room to write is never split
		for i := range spec.widths {
			if i < len(row) && hasPadding(row[i]) {
				keep = true
			}
			f, size := mincho, sizeBody
			if spec.labelCol && i == 0 {
				f, size = gothic, sizeLabel
			}
			if i < len(row) {
				lay[i] = d.layoutCell(row[i], inner(i), f, size)
			}
			n = max(n, len(lay[i]))
		}
		if ri == len(rows)-1 && d.tail > 0 {
			// The last row goes with what must follow it (KeepClosing),
			// unless it and that would not fit a page of their own.
			h := float64(n)*lineBody + 2*cellPadY
			fresh := d.y <= d.top+headH+0.01
			if !fresh && d.y+h+3+d.tail > d.bottom() && d.top+headH+h+3+d.tail <= d.bottom() {
				d.need(math.Inf(1))
			}
		}
		for start := 0; start < n; {
			fit := int((d.bottom() - d.y - 2*cellPadY) / lineBody)
			left := n - start
			take := left
			if left > fit {
				// Split only a long row, and only where at least two of its
				// lines fit; otherwise move it whole to the next page
				// (unless the page is fresh: then split what must be split).
				fresh := d.y <= d.top+headH+0.01
				if !fresh && (fit < 2 || left < 4 || keep) {
					d.need(math.Inf(1))
					continue
				}
				take = max(fit, 1)
			}
			d.drawRow(spec, lay, start, take, start > 0)
			start += take
			if start < n {
				d.need(math.Inf(1))
			}
		}
	}
	d.y += 3
	d.tail = 0
}

// hasPadding reports whether c or any of its parts asks for empty lines.
func hasPadding(c Cell) bool {
	if c.MinLines > 0 {
		return true
	}
	for _, m := range c.More {
		if hasPadding(m) {
			return true
		}
	}
	return false
}

// drawRow draws lines [start, start+k) of a laid-out row at the flow
// position; cont marks a row continued from the previous page.
func (d *Doc) drawRow(spec tableSpec, lay [][]line, start, k int, cont bool) {
	h := float64(k)*lineBody + 2*cellPadY
	x := d.left()
	for i, w := range spec.widths {
		label := spec.labelCol && i == 0
		d.drawColor(black)
		if label {
			d.fillColor(greyFill)
			d.pdf.Rect(x, d.y, w, h, "FD")
		} else {
			d.pdf.Rect(x, d.y, w, h, "D")
		}
		f, size := mincho, sizeBody
		if label {
			f, size = gothic, sizeLabel
		}
		d.setFont(f, size)
		y := d.y + cellPadY
		// A continued row says so in its label column, unless the label
		// itself still has lines to show (they must not be lost).
		if label && cont && spec.contLabel != "" && start >= len(lay[i]) {
			d.setFont(gothic, sizeSmall)
			d.text(x+cellPadX, y, w-2*cellPadX, lineBody, spec.contLabel, "L")
		} else {
			for j := start; j < start+k && j < len(lay[i]); j++ {
				d.drawLine(lay[i][j], x+cellPadX, y, w-2*cellPadX, spec.aligns[i])
				y += lineBody
			}
		}
		x += w
	}
	d.y += h
}
