package reports

import "github.com/osaki-city/kinkyu/i18n"

// blankNoticeRows is how many changes the blank change notice has room for:
// as many as keep it on one page, for sending by fax.
const blankNoticeRows = 10

// BlankChangeNotice makes the 連絡先変更届 of 第3条第2号 as a blank form, in
// the 公用文 form of the filled one (ChangeNotice, letter.go): 「<記号>第　　　号」,
// 「令和　　年　　月　　日」, a 宛先 line with 様, the 発信者 with 公印 or
// （公印省略）, the 件名, its lead and 記, the article quoted from the regulation
// (regulationBasis), the change table (entry, item, 変更前, 変更後, 変更日)
// with empty rows, 以上 and a 担当 block to fill in.
func BlankChangeNotice(opt BlankOptions) ([]byte, error) {
	title := i18n.T("reports.contacts.notice.title")
	d := blankDoc(opt, title)
	// The 件名 takes the place of the title on the page: the footer names the form.
	d.opt.Number = title + i18n.T("reports.blank.title_suffix")
	l := opt.letter()
	d.Letterhead(LetterHead{
		Number:  l.number(""),
		Blank:   true,
		Sender:  l.sender(""),
		Stamped: l.Stamped,
		Subject: i18n.T("reports.letter.subject_change_notice"),
		Lead:    i18n.T("reports.contacts.notice.lead"),
	})
	d.FormTable([2]string{}, []FormRow{
		{Label: i18n.T("reports.contacts.notice.row.basis"), Cell: Cell{Text: regulationBasis()}},
		{Label: i18n.T("reports.contacts.notice.row.count"), Cell: Cell{Text: i18n.T("reports.blankforms.count")}},
	})

	d.Heading(i18n.T("reports.contacts.notice.heading"))
	cols := []Column{
		{Header: i18n.T("reports.contacts.notice.col.point"), Width: noticePointWidth},
		{Header: i18n.T("reports.contacts.notice.col.item"), Width: noticeItemWidth},
		{Header: i18n.T("reports.contacts.notice.col.old")},
		{Header: i18n.T("reports.contacts.notice.col.new")},
		{Header: i18n.T("reports.contacts.notice.col.at"), Width: noticeAtWidth},
	}
	d.blankTable(cols, blankNoticeRows, 1, nil)
	d.Closing(blankContact())
	return d.Bytes()
}
