package reports

import (
	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// Room on the blank contact sheet.
const (
	blankPersonH     = 11.0 // a person's part of an entry: label and a line to write
	blankOtherPoints = 2    // empty entries for bodies the sheet does not name
)

// BlankContactSheet makes the 緊急時連絡網 (第3条) as a blank form: the
// reporting chain drawn as ContactSheet draws it, each box with room to
// write, then a table of the city's roles and the related bodies (宮城県,
// 指定情報処理機関, 保守委託事業者 and empty entries for others), each with
// rows for the 担当者 and the 代理 and columns for 平日日中 (TEL・内線,
// FAX・メール) and 夜間・休日 (TEL・携帯). With the case file's network
// (opt.Points) the entries carry their bodies' names and sections; people and
// numbers are always left to write by hand.
func BlankContactSheet(opt BlankOptions) ([]byte, error) {
	title := i18n.T("reports.contacts.sheet.title")
	d := blankDoc(opt, title)
	cd := ContactData{City: opt.City, Prefecture: opt.Prefecture, Points: blankPoints(opt.Points)}
	l, r := d.left(), d.right()
	d.Title(title)
	d.setFont(mincho, 10.5)
	d.text(l, d.y-3, r-l, lineBody, i18n.T("reports.contacts.sheet.as_of", map[string]any{"Date": i18n.T("reports.blank.day")}), "R")
	d.y += lineBody - 3
	issuer := i18n.T("reports.issuer", map[string]any{"City": opt.city()})
	d.text(l, d.y, r-l, lineBody, i18n.T("reports.contacts.sheet.keeper", map[string]any{"Issuer": issuer}), "R")
	d.y += lineBody

	d.Heading(i18n.T("reports.contacts.sheet.heading_chain"))
	g := layoutChain(cd, diagRect{l, d.y + 1, r - l, d.bottom() - d.y - 1}, d.measure)
	for i, b := range g.Boxes {
		// Nobody is registered on a blank form: the box is solid, and what
		// the filled-in sheet says of an empty place is left out.
		g.Boxes[i].Dashed = false
		if len(b.Body) > 0 && b.Body[0].Grey {
			g.Boxes[i].Body = []diagText{{Text: "　", Face: mincho, Size: chainBodySize}}
		}
	}
	d.drawDiagram(g)
	d.y = g.Bounds.bottom() + 4

	d.Heading(i18n.T("reports.contacts.sheet.heading_table"))
	d.blankContactTable(cd)
	return d.Bytes()
}

// blankPoints are the entries of the blank sheet: the city's roles and the
// related bodies in the order of the chain, each taking the body's name and
// section from the network when it has one, then the network's other
// entries, then blank ones. People and numbers are dropped.
func blankPoints(network []data.ContactPoint) []data.ContactPoint {
	var out []data.ContactPoint
	used := map[int]bool{}
	strip := func(p data.ContactPoint) data.ContactPoint {
		return data.ContactPoint{Body: p.Body, Role: p.Role, Name: p.Name, Section: p.Section}
	}
	fixed := []data.ContactPoint{}
	for _, role := range data.CityRoles {
		fixed = append(fixed, data.ContactPoint{Body: data.BodyCity, Role: role})
	}
	for _, b := range []data.Body{data.BodyPrefecture, data.BodyAgency, data.BodyContractor} {
		fixed = append(fixed, data.ContactPoint{Body: b})
	}
	for _, f := range fixed {
		for i, p := range network {
			if !used[i] && p.Body == f.Body && (p.Body != data.BodyCity || p.Role == f.Role) {
				used[i] = true
				f = strip(p)
				break
			}
		}
		out = append(out, f)
	}
	for i, p := range network {
		if !used[i] {
			out = append(out, strip(p))
		}
	}
	for range blankOtherPoints {
		out = append(out, data.ContactPoint{Body: data.BodyOther})
	}
	return out
}

// blankContactTable draws the table of entries with room to write, its
// header repeated on every page; an entry is never split.
func (d *Doc) blankContactTable(cd ContactData) {
	widths, inner, headH, drawHead := d.contactTableHead()
	first := true
	for _, p := range cd.Points {
		row := cd.blankContactRow(p, inner(0), d.measure)
		if first {
			d.need(headH + row.h)
			drawHead()
			first = false
		} else if d.y+row.h > d.bottom() {
			d.newPage()
			drawHead()
		}
		d.drawContactRow(row, widths)
	}
	d.y += 2
}

// blankContactRow is an entry with nothing but its body: the role or body,
// the name and section the network gives, blanks for the business hours and
// the date of confirmation, and empty parts for the 担当者 and the 代理.
func (cd ContactData) blankContactRow(p data.ContactPoint, w float64, m diagMeasure) contactRow {
	txt := func(s string) diagText { return diagText{Text: s, Face: mincho, Size: contactSize} }
	small := func(s string) diagText { return diagText{Text: s, Face: mincho, Size: contactSmall} }
	title := cd.head(p)
	if p.Body == data.BodyOther && p.Name == "" {
		title = i18n.T("reports.blankforms.other")
	}
	left := []diagText{{Text: title, Face: gothic, Size: contactSize}}
	if sub := p.Body.CurrentName(); sub != "" {
		left = append(left, diagText{Text: sub, Face: gothic, Size: chainSubSize})
	}
	if p.Name != "" && p.Name != title {
		left = append(left, txt(p.Name))
	}
	if p.Section != "" {
		left = append(left, txt(p.Section))
	}
	left = append(left, small(i18n.T("reports.blankforms.hours")), small(i18n.T("reports.blankforms.confirmed")))
	var row contactRow
	row.left = diagFit(left, w, m)
	for _, key := range []string{"reports.contacts.primary", "reports.contacts.deputy"} {
		label := diagText{Text: i18n.T(key), Face: gothic, Size: contactSmall, Grey: true}
		row.people = append(row.people, [4][]diagText{{label}})
		row.subH = append(row.subH, blankPersonH)
	}
	sub := 2 * blankPersonH
	row.h = max(sub, diagTextHeight(row.left)+2*contactPadY)
	row.subH[len(row.subH)-1] += row.h - sub
	return row
}
