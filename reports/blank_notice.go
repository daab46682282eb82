package reports

import "github.com/osaki-city/kinkyu/i18n"

// blankNoticeRows is how many changes the blank change notice has room for:
// as many as keep it on one page, for sending by fax.
const blankNoticeRows = 7

// BlankChangeNotice makes the 連絡先変更届 of 第3条第2号 as a blank form: the
// head of ChangeNotice (a number and date to fill in, the prefecture's
// governor, the issuer, the seal boxes), its lead and the article quoted
// from the regulation (regulationBasis), then the change table (entry, item,
// 変更前, 変更後, 変更日) with empty rows, 以上 and a row for the officer in
// charge.
func BlankChangeNotice(opt BlankOptions) ([]byte, error) {
	title := i18n.T("reports.contacts.notice.title")
	d := blankDoc(opt, title)
	addressee := i18n.T("reports.contacts.notice.addressee", map[string]any{"Prefecture": opt.prefecture()})
	d.blankHead(i18n.T("reports.blankforms.number"), addressee, i18n.T("reports.issuer", map[string]any{"City": opt.city()}))
	d.Title(title)
	d.SealBoxes(DefaultSealLabels)
	d.Paragraph("　" + i18n.T("reports.contacts.notice.lead"))
	d.setFont(mincho, sizeBody)
	d.text(d.left(), d.y, d.right()-d.left(), lineBody, i18n.T("reports.contacts.notice.ki"), "C")
	d.y += lineBody + 2

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
	d.setFont(mincho, sizeBody)
	d.need(lineBody)
	d.text(d.left(), d.y-1, d.right()-d.left(), lineBody, i18n.T("reports.blankforms.ijou"), "R")
	d.y += lineBody + 2
	d.ruledTable([]ruledRow{{Label: i18n.T("reports.blankforms.row.contact"), Lines: 1}}, true)
	return d.Bytes()
}
