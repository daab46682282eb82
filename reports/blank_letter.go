package reports

import (
	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// The blank reports are 公用文 like the filled ones (letter.go): the same
// head and closing, with blanks where the officer writes by hand the 文書番号,
// the date, the 宛先, the 第n報 and the 担当 block.

// letter is the sender side of the blank reports: the case file's letter
// settings when given, else the 記号 大住 and 「<市>長」 with 「（公印省略）」.
func (o BlankOptions) letter() Letter {
	l := o.Letter
	if l.Symbol == "" {
		l.Symbol = data.DefaultLetterSymbol
	}
	if l.SenderTitle == "" {
		l.SenderTitle = i18n.T("reports.letter.sender_default", map[string]any{"City": o.city()})
	}
	return l
}

// beginBlankLetter starts a blank report as a 公用文: 「<記号>第　　　号」,
// 「令和　　年　　月　　日」, a 宛先 line with 様, the 発信者, the 件名 with
// 「（第　　報）」, the 前文 and 「記」. The caller draws the form tables and
// ends with d.Closing(blankContact()) (以上 and a 担当 block to fill in).
func beginBlankLetter(opt BlankOptions, title, subjectKey string) *Doc {
	d := blankDoc(opt, title)
	// The 件名 takes the place of the title on the page: the footer names
	// the form on every page, as a filled report's names the document.
	d.opt.Number = title + i18n.T("reports.blank.title_suffix")
	l := opt.letter()
	no := i18n.T("reports.letter.report_no", map[string]any{"No": "　　"})
	d.Letterhead(LetterHead{
		Number:  l.number(""),
		Blank:   true,
		Sender:  l.sender(""),
		Stamped: l.Stamped,
		Subject: i18n.T(subjectKey, map[string]any{"No": no}),
		Lead:    i18n.T("reports.letter.lead_report"),
	})
	return d
}

// Geometry of the 宛先 line to write on (mm): as tall as a handwritten line
// of the ruled forms, with room for a long 宛先 such as 宮城県総務部市町村課長.
const (
	blankAddrW = 85.0
	blankAddrH = 9.0
)

// blankAddressee draws the 宛先 of a blank letter: a rule to write on, with
// 様 after it (the one honorific, as on the filled letters).
func (d *Doc) blankAddressee() {
	l := d.left()
	y := d.y + blankAddrH
	d.drawColor(black)
	d.pdf.Line(l, y, l+blankAddrW, y)
	d.setFont(mincho, 11)
	d.textColor(black)
	// 様 as addressee() adds it: documents are Japanese whatever the UI.
	d.text(l+blankAddrW+1, y-lineBody-0.5, 10, lineBody+0.5, "様", "L")
	d.y = y + 5
}

// blankContact is the 担当 block of a blank report: the blanks of a letter
// printed without a 担当 (課・係・氏名, 電話・内線), with room after 氏名 and
// an empty line between, so that each is a handwritten line of about 11 mm.
func blankContact() []string {
	return []string{
		i18n.T("reports.letter.contact_blank") + "　　　　　　　",
		"　",
		i18n.T("reports.letter.tel_blank"),
	}
}
