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

// ChangeNotice makes the 連絡先変更届 of 第3条第2号: addressee (default the
// prefecture's governor), date, issuer, the article quoted verbatim, and a
// table of every unreported change (entry, item, 変更前, 変更後, 変更日) with
// the approvers' seal boxes. With no unreported change it returns
// data.Invalid("changes", "none"). The result is unsigned; the same data
// and options give the same bytes.
func ChangeNotice(cd ContactData, opt DocOptions) ([]byte, error) {
	if len(cd.Changes) == 0 {
		return nil, data.Invalid("changes", "none")
	}
	title := i18n.T("reports.contacts.notice.title")
	city := data.BodyCity.Label(cd.City, cd.Prefecture)
	addressee := opt.Addressee
	if addressee == "" {
		addressee = i18n.T("reports.contacts.notice.addressee", map[string]any{"Prefecture": data.BodyPrefecture.Label(cd.City, cd.Prefecture)})
	}
	issuer := opt.Issuer
	if issuer == "" {
		issuer = i18n.T("reports.issuer", map[string]any{"City": city})
	}
	date, created := cd.dates(opt)
	d := New(Options{
		Number:       opt.Number,
		Date:         date,
		Addressee:    addressee,
		Issuer:       issuer,
		Title:        title,
		Author:       issuer,
		Confidential: true,
		Drill:        cd.Drill,
		AuditHead:    AuditHead(cd.Head.Seq, cd.Head.Hash),
		Created:      created,
	})
	d.Header()
	d.Title(title)
	labels := opt.SealLabels
	if labels == nil {
		labels = DefaultSealLabels
	}
	d.SealBoxes(labels)
	d.Paragraph("　" + i18n.T("reports.contacts.notice.lead"))
	d.setFont(mincho, sizeBody)
	d.text(d.left(), d.y, d.right()-d.left(), lineBody, i18n.T("reports.contacts.notice.ki"), "C")
	d.y += lineBody + 2

	changes := cd.sortedChanges()
	points := map[int64]bool{}
	for _, c := range changes {
		points[c.PointID] = true
	}
	d.FormTable([2]string{}, []FormRow{
		{Label: i18n.T("reports.contacts.notice.row.basis"), Cell: Cell{Text: regulationBasis()}},
		{Label: i18n.T("reports.contacts.notice.row.count"), Cell: Cell{Text: i18n.T("reports.contacts.notice.count",
			map[string]any{"Changes": len(changes), "Points": len(points)})}},
	})

	d.Heading(i18n.T("reports.contacts.notice.heading"))
	rows := make([][]string, 0, len(changes))
	for _, c := range changes {
		rows = append(rows, cd.changeRow(c))
	}
	d.Table([]Column{
		{Header: i18n.T("reports.contacts.notice.col.point"), Width: noticePointWidth},
		{Header: i18n.T("reports.contacts.notice.col.item"), Width: noticeItemWidth},
		{Header: i18n.T("reports.contacts.notice.col.old")},
		{Header: i18n.T("reports.contacts.notice.col.new")},
		{Header: i18n.T("reports.contacts.notice.col.at"), Width: noticeAtWidth},
	}, rows)
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
