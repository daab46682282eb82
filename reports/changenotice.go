package reports

import (
	"cmp"
	"slices"
	"strings"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// Widths of the change table's fixed columns (mm).
const (
	noticePointWidth = 44.0
	noticeItemWidth  = 30.0
	noticeAtWidth    = 31.0
)

// ChangeNotice makes the 連絡先変更届 of 第3条第2号 as a 公用文 to the
// prefecture (see letter.go): number, date, addressee (default the
// prefecture's governor), sender and 公印, 件名 「住基ネットの緊急時連絡網の
// 変更について」, 記, the body it reports to (cd.Recipient: the prefecture
// and the designated agency are each sent their own), the article quoted
// verbatim and a table of the changes not yet reported to that body (with
// LoadNotice: the city's own entries only; entry, item, 変更前, 変更後,
// 変更日), 以上 and the 担当
// block; the 決裁用 copy adds the seal boxes. With no unreported change it
// returns data.Invalid("changes", "none"). The result is unsigned; the same
// data and options give the same bytes.
func ChangeNotice(cd ContactData, opt DocOptions) ([]byte, error) {
	if len(cd.Changes) == 0 {
		return nil, data.Invalid("changes", "none")
	}
	title := i18n.T("reports.contacts.notice.title")
	date, created := cd.dates(opt)
	h := cd.letterHead(opt, date, "reports.letter.subject_change_notice", "reports.contacts.notice.lead")
	docTitle := title + " " + wareki(date)
	if opt.Copy == CopyApproval {
		docTitle += "（" + opt.Copy.Label() + "）"
	}
	if cd.Drill {
		docTitle = drillMark + docTitle
	}
	keywords := []string{i18n.T("reports.letter.keyword"), title, opt.Copy.Label()}
	if cd.Drill {
		keywords = append(keywords, strings.Trim(drillMark, "【】"))
	}
	d := New(Options{
		// The footer names the document on every page, with its number.
		Number:       strings.TrimSpace(strings.TrimSpace(opt.Number) + " " + title),
		Date:         date,
		Addressee:    h.To,
		Issuer:       h.Sender,
		Title:        title,
		DocTitle:     docTitle,
		Subject:      h.Subject,
		Keywords:     strings.Join(keywords, ", "),
		Author:       h.Sender,
		Confidential: true,
		Drill:        cd.Drill,
		AuditHead:    AuditHead(cd.Head.Seq, cd.Head.Hash),
		Head:         cd.Head,
		Created:      created,
	})
	d.Letterhead(h)

	changes := cd.sortedChanges()
	points := map[int64]bool{}
	for _, c := range changes {
		points[c.PointID] = true
	}
	recipient := cd.Recipient
	if recipient == "" {
		recipient = data.BodyPrefecture
	}
	d.FormTable([2]string{}, []FormRow{
		{Label: i18n.T("reports.contacts.notice.row.recipient"), Cell: Cell{Text: i18n.T("reports.contacts.notice.recipient",
			map[string]any{"Body": recipient.Label(cd.City, cd.Prefecture)})}},
		{Label: i18n.T("reports.contacts.notice.row.basis"), Cell: Cell{Text: regulationBasis()}},
		{Label: i18n.T("reports.contacts.notice.row.count"), Cell: Cell{Text: i18n.T("reports.contacts.notice.count",
			map[string]any{"Changes": len(changes), "Points": len(points)})}},
	})

	d.Heading(i18n.T("reports.contacts.notice.heading"))
	rows := make([][]string, 0, len(changes))
	for _, c := range changes {
		rows = append(rows, cd.changeRow(c))
	}
	d.KeepClosing(cd.letter().Contact)
	d.Table([]Column{
		{Header: i18n.T("reports.contacts.notice.col.point"), Width: noticePointWidth},
		{Header: i18n.T("reports.contacts.notice.col.item"), Width: noticeItemWidth},
		{Header: i18n.T("reports.contacts.notice.col.old")},
		{Header: i18n.T("reports.contacts.notice.col.new")},
		{Header: i18n.T("reports.contacts.notice.col.at"), Width: noticeAtWidth},
	}, rows)
	d.Closing(cd.letter().Contact)
	return d.Bytes()
}

// regulationBasis is the regulation's name and 第3条第2号 with its text,
// quoted from the regulation itself.
func regulationBasis() string {
	text := data.RegulationText()
	name, _, _ := strings.Cut(text, "\n")
	name = strings.TrimPrefix(strings.TrimSpace(name), "○")
	item := ""
	for _, line := range strings.Split(data.ArticleText(3), "\n") {
		if rest, ok := strings.CutPrefix(line, "(2) "); ok {
			item = rest
			break
		}
	}
	basis := i18n.T("reports.contacts.notice.basis", map[string]any{"Regulation": name, "Article": "第3条第2号"})
	if item == "" {
		return basis
	}
	return basis + "\n「" + item + "」"
}

// sortedChanges orders the changes by the entry's place in the network
// (removed entries last), then oldest first.
func (cd ContactData) sortedChanges() []data.ContactChange {
	order := map[int64]int{}
	for i, p := range cd.Points {
		order[p.ID] = i
	}
	rank := func(id int64) int {
		if i, ok := order[id]; ok {
			return i
		}
		return len(cd.Points)
	}
	out := slices.Clone(cd.Changes)
	slices.SortStableFunc(out, func(a, b data.ContactChange) int {
		return cmp.Or(
			cmp.Compare(rank(a.PointID), rank(b.PointID)),
			cmp.Compare(a.PointID, b.PointID),
			a.At.Compare(b.At),
			cmp.Compare(a.ID, b.ID),
		)
	})
	return out
}

// changeRow is a row of the change table: entry, item, 変更前, 変更後, 変更日.
func (cd ContactData) changeRow(c data.ContactChange) []string {
	var title string
	if p, ok := cd.point(c.PointID); ok {
		title = cd.title(p)
		// A body the officer named: the regulation's term first, so that
		// the reader knows which body (保守委託事業者 / 株式会社…).
		body := p.Body.Label(cd.City, cd.Prefecture)
		if p.Body != data.BodyCity && p.Body != data.BodyOther && p.Name != "" && !strings.HasPrefix(p.Name, body) {
			title = body + "\n" + p.Name
		}
	} else if c.Field == data.FieldRemoved && c.Old != "" {
		title = c.Old
	} else {
		title = i18n.T("reports.contacts.removed_point")
	}
	value := func(v string) string {
		v = cd.contactValue(c.Field, v)
		if strings.TrimSpace(v) == "" {
			return i18n.T("reports.contacts.notice.empty_value")
		}
		return v
	}
	old, nu := value(c.Old), value(c.New)
	if c.Field == data.FieldRemoved {
		nu = i18n.T("reports.contacts.notice.removed_value")
	}
	at := ""
	if !c.At.IsZero() {
		at = wareki(cd.in(c.At))
	}
	return []string{title, ContactFieldLabel(c.Field), old, nu, at}
}
