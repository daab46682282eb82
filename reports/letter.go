package reports

import (
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// The 公用文 form of a document that leaves the city (公用文作成の考え方,
// 2022, and the usual form of a municipal 公文書):
//
//	                                              大住第123号
//	                                              令和8年12月5日
//	宮城県知事　様
//	                                              大崎市長　○○ ○○
//	                                                  （公印省略）
//	        住基ネットにおける不正行為の発生について（第1報）
//	　下記のとおり報告します。
//	                         記
//	1　…（the report's items and tables）
//	                                                        以上
//	                                 担当　市民課住民記録係　○○ ○○
//	                                       電話 0229-xx-xxxx（内線 xxxx）
//
// The 決裁用 copy adds the 起案・決裁 seal boxes at the top of the first page
// (ApprovalBand); the 送付用 copy has none.

// Letter is the sender side of the 公用文 form, from the case file's settings
// and its contact network.
type Letter struct {
	// Symbol is the 記号 of the document numbers, e.g. 大住.
	Symbol string
	// SenderTitle is the 発信者's title, e.g. 大崎市長; SenderName its name.
	SenderTitle, SenderName string
	// Stamped prints a box for the 公印 instead of 「（公印省略）」.
	Stamped bool
	// SealLabels are the 決裁用 copy's seal boxes, left to right.
	SealLabels []string
	// Contact is the 担当 block, line by line: 課・係 and name, then 電話.
	Contact []string
}

// LoadLetter reads the letter settings of s and the 担当 block: the setting's
// override, else the city's 住基ネット担当者 (or セキュリティ責任者) entry of
// the contact network.
func LoadLetter(s data.Store, city string) (Letter, error) {
	ls, err := data.LoadLetterSettings(s)
	if err != nil {
		return Letter{}, err
	}
	l := Letter{
		Symbol:      ls.Symbol,
		SenderTitle: ls.SenderTitle,
		SenderName:  ls.SenderName,
		Stamped:     ls.Stamped,
		SealLabels:  ls.SealLabels,
	}
	if l.SenderTitle == "" {
		l.SenderTitle = i18n.T("reports.letter.sender_default", map[string]any{"City": city})
	}
	if ls.Contact != "" {
		for _, line := range strings.Split(ls.Contact, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				l.Contact = append(l.Contact, line)
			}
		}
		return l, nil
	}
	points, err := s.ContactPoints()
	if err != nil {
		return l, err
	}
	l.Contact = ContactBlock(points)
	return l, nil
}

// ContactBlock is the 担当 block from the contact network: the section and
// primary person of the city's 住基ネット担当者 (else セキュリティ責任者),
// then 電話 with the 内線. Nil when the network has neither.
func ContactBlock(points []data.ContactPoint) []string {
	for _, role := range []data.Role{data.RoleStaff, data.RoleSecurityOfficer} {
		for _, p := range points {
			if p.Body != data.BodyCity || p.Role != role || !p.RemovedAt.IsZero() {
				continue
			}
			who := strings.TrimSpace(strings.TrimSpace(p.Section) + "　" + strings.TrimSpace(p.Primary.Name))
			who = strings.Trim(who, "　")
			if who == "" {
				who = role.Label()
			}
			out := []string{who}
			tel := strings.TrimSpace(p.Primary.TEL)
			ext := strings.TrimSpace(p.Primary.Extension)
			switch {
			case tel != "" && ext != "":
				out = append(out, i18n.T("reports.letter.tel_ext", map[string]any{"Tel": tel, "Ext": ext}))
			case tel != "":
				out = append(out, i18n.T("reports.letter.tel", map[string]any{"Tel": tel}))
			case ext != "":
				out = append(out, i18n.T("reports.letter.ext", map[string]any{"Ext": ext}))
			}
			return out
		}
	}
	return nil
}

// honorifics an officer may type after an addressee.
var honorifics = []string{"御中", "様", "殿", "さま"}

// Addressee is the 宛先 with exactly one honorific: a trailing 様, 殿 or 御中
// the officer typed is taken off, and honorific (else the one typed, else 様)
// is added after a full-width space.
func Addressee(name, honorific string) string { return addressee(name, honorific, "様") }

// addressee is Addressee with def as the honorific when none is given or
// typed.
func addressee(name, honorific, def string) string {
	name = strings.TrimSpace(name)
	typed := ""
	for again := true; again; {
		again = false
		for _, h := range honorifics {
			if rest, ok := strings.CutSuffix(name, h); ok {
				name = strings.TrimRight(rest, " 　")
				if typed == "" {
					typed = h
				}
				again = true
			}
		}
	}
	if typed == "さま" {
		typed = "様"
	}
	h := strings.TrimSpace(honorific)
	if h == "" {
		h = typed
	}
	if h == "" {
		h = def
	}
	if name == "" {
		return ""
	}
	return name + "　" + h
}

// LetterHead is the head of a 公用文 up to 「記」.
type LetterHead struct {
	Number  string // 文書番号 as printed
	Date    time.Time
	To      string // 宛先 with its honorific
	Sender  string // 発信者: title and name
	Stamped bool   // a 公印 box instead of 「（公印省略）」
	Subject string // 件名
	Lead    string // 前文, e.g. 下記のとおり報告します。
	// Approval draws the 起案・決裁 seal boxes (決裁用) with these labels.
	Approval []string
	// Blank is a form to fill in by hand: 「令和　　年　　月　　日」 for the
	// date and, with no To, a rule with 様 for the 宛先 (blank_letter.go).
	Blank bool
}

// Letterhead draws the head of a 公用文 (see the comment at the top of this
// file) and leaves the flow below 「記」.
func (d *Doc) Letterhead(h LetterHead) {
	l, r := d.left(), d.right()
	w := r - l
	if len(h.Approval) > 0 {
		d.ApprovalBand(h.Approval)
	}
	const size = 10.5
	d.textColor(black)
	date := ""
	if h.Blank {
		date = i18n.T("reports.blank.day")
	} else if !h.Date.IsZero() {
		date = wareki(h.Date)
	}
	for _, s := range []string{h.Number, date} {
		if s == "" {
			continue
		}
		for _, line := range d.lines(s, mincho, size, w/2) {
			d.setFont(mincho, size)
			d.text(l, d.y, w, lineBody, line, "R")
			d.y += lineBody
		}
	}
	d.y += 5
	if h.Blank && h.To == "" {
		d.blankAddressee()
	}
	if h.To != "" {
		for _, line := range d.lines(h.To, mincho, 11, w*0.6) {
			d.setFont(mincho, 11)
			d.text(l, d.y, w, lineBody+0.5, line, "L")
			d.y += lineBody + 0.5
		}
		d.y += 5
	}
	if h.Sender != "" {
		// Right-aligned, a little in from the edge as on a typed letter; with
		// a 公印, the box takes the place after the name.
		inset := 4.0
		if h.Stamped {
			inset = sealStampSize + 2
		}
		lines := d.lines(h.Sender, mincho, 11, w*0.6)
		top := d.y
		for _, line := range lines {
			d.setFont(mincho, 11)
			d.text(l, d.y, w-inset, lineBody+0.5, line, "R")
			d.y += lineBody + 0.5
		}
		if h.Stamped {
			d.drawStampBox(r-sealStampSize, top+(d.y-top)/2-sealStampSize/2)
			d.y = max(d.y, top+sealStampSize/2+(d.y-top)/2)
		} else {
			d.setFont(mincho, size)
			d.text(l, d.y, w-inset, lineBody, i18n.T("reports.letter.seal_omitted"), "R")
			d.y += lineBody
		}
		d.y += 6
	}
	if h.Subject != "" {
		const sh = 7.0
		lines := d.lines(h.Subject, gothic, 13, w-20)
		for _, line := range lines {
			d.setFont(gothic, 13)
			d.text(l, d.y, w, sh, line, "C")
			d.y += sh
		}
		d.y += 4
	}
	if h.Lead != "" {
		d.Paragraph("　" + h.Lead)
	}
	d.need(2 * lineBody)
	d.setFont(mincho, size)
	d.text(l, d.y, w, lineBody, i18n.T("reports.letter.ki"), "C")
	d.y += lineBody + 2
}

// sealStampSize is the side of the 公印 box (mm).
const sealStampSize = 16.0

// drawStampBox draws the place of the 公印: a dashed square with 「公印」 in
// grey.
func (d *Doc) drawStampBox(x, y float64) {
	p := d.pdf
	d.drawColor(greyText)
	p.SetDashPattern([]float64{0.8, 0.8}, 0)
	p.Rect(x, y, sealStampSize, sealStampSize, "D")
	p.SetDashPattern([]float64{}, 0)
	d.textColor(greyText)
	d.setFont(mincho, 8)
	d.text(x, y, sealStampSize, sealStampSize, i18n.T("reports.letter.seal_box"), "C")
	d.textColor(black)
	d.drawColor(black)
}

// Closing ends a 公用文: 「以上」 at the right, then the 担当 block at the foot
// of the page (on a new page when the foot is taken). contact are the block's
// lines; none leaves lines to fill in by hand.
func (d *Doc) Closing(contact []string) {
	l, r := d.left(), d.right()
	lines, label, lw, bw := d.closingBlock(contact)
	const size = 10.0
	h := float64(len(lines)) * lineBody
	// 以上 and the block stay together: the block is never alone on a page.
	d.need(d.closingHeight(contact))
	d.setFont(mincho, 10.5)
	d.text(l, d.y, r-l-4, lineBody, i18n.T("reports.letter.ijou"), "R")
	d.y += lineBody + closingGap
	freePage, free := d.pdf.PageNo(), d.y // signatures go below 以上 (kit_sigslot.go)
	// At the foot of the page, as on a letter.
	y := max(d.y, d.bottom()-h)
	x := r - 4 - bw - lw
	d.setFont(mincho, size)
	d.text(x, y, lw, lineBody, label, "L")
	for i, s := range lines {
		d.text(x+lw, y+float64(i)*lineBody, bw+1, lineBody, s, "L")
	}
	d.signatureSpace(freePage, free, y)
	d.y = y + h
	d.tail = 0
}

// closingGap is the space between 以上 and the 担当 block.
const closingGap = 4.0

// closingBlock lays out the 担当 block: its lines, the label 「担当」 and
// the widths of the label and of the longest line.
func (d *Doc) closingBlock(contact []string) (lines []string, label string, lw, bw float64) {
	if len(contact) == 0 {
		contact = []string{i18n.T("reports.letter.contact_blank"), i18n.T("reports.letter.tel_blank")}
	}
	label = i18n.T("reports.letter.contact_label")
	const size = 10.0
	d.setFont(mincho, size)
	lw = d.width(label)
	maxW := (d.right() - d.left()) * 0.62
	for _, c := range contact {
		lines = append(lines, d.lines(c, mincho, size, maxW-lw)...)
	}
	d.setFont(mincho, size)
	for _, s := range lines {
		bw = max(bw, d.width(s))
	}
	return lines, label, lw, bw
}

// closingHeight is the height of 以上 and the 担当 block.
func (d *Doc) closingHeight(contact []string) float64 {
	lines, _, _, _ := d.closingBlock(contact)
	return lineBody + closingGap + float64(len(lines))*lineBody
}

// KeepClosing keeps the last row of the next table on the page of 以上 and
// the 担当 block (Closing): a page that holds only those is no letter's end.
func (d *Doc) KeepClosing(contact []string) { d.tail = d.closingHeight(contact) }

// letterSubject is the 件名 of a report: 「住基ネットにおける不正行為の発生に
// ついて（第1報）」, （最終報） when final, 【訓練】 before a drill's.
func letterSubject(key string, no int, final, drill bool) string {
	n := i18n.T("reports.letter.report_no", map[string]any{"No": no})
	if final {
		n = i18n.T("reports.letter.report_final")
	}
	s := i18n.T(key, map[string]any{"No": n})
	if drill {
		s = i18n.T("reports.letter.drill") + s
	}
	return s
}

// letterNumber is the 文書番号 as printed: the one given, else 「<記号>第　　号」
// to fill in by hand.
func (l Letter) number(given string) string {
	if s := strings.TrimSpace(given); s != "" {
		return s
	}
	return i18n.T("reports.letter.number_blank", map[string]any{"Symbol": l.Symbol})
}

// sender is the 発信者 line: the officer's issuer, else title and name.
func (l Letter) sender(issuer string) string {
	if s := strings.TrimSpace(issuer); s != "" {
		return s
	}
	return strings.TrimSpace(l.SenderTitle + "　" + l.SenderName)
}

// sealLabels are the 決裁用 labels: the officer's, else the settings', else
// the default.
func (l Letter) sealLabels(opt DocOptions) []string {
	if len(opt.SealLabels) > 0 {
		return opt.SealLabels
	}
	if len(l.SealLabels) > 0 {
		return l.SealLabels
	}
	return data.SplitSealLabels(data.DefaultLetterSealLabels)
}
