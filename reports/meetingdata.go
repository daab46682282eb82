package reports

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// MeetingData is everything the documents of one セキュリティ会議 print: the
// case (as for the reports), the meeting with its attendees and items, and the
// follow-ups its decisions created. The documents are pure functions of it.
type MeetingData struct {
	CaseData
	Meeting data.Meeting
	Tasks   []data.Task // the follow-ups of this meeting, as the store lists them
}

// LoadMeeting reads a meeting, its case and the meeting's follow-ups from s.
func LoadMeeting(s data.Store, meetingID int64) (MeetingData, error) {
	var md MeetingData
	m, err := s.Meeting(meetingID)
	if err != nil {
		return md, fmt.Errorf("reports: load meeting %d: %w", meetingID, err)
	}
	if md.CaseData, err = LoadCase(s, m.CaseID); err != nil {
		return md, fmt.Errorf("reports: load meeting %d: %w", meetingID, err)
	}
	tasks, err := s.Tasks(m.CaseID)
	if err != nil {
		return md, fmt.Errorf("reports: load meeting %d: tasks: %w", meetingID, err)
	}
	for _, t := range tasks {
		if t.MeetingID == m.ID {
			md.Tasks = append(md.Tasks, t)
		}
	}
	md.Meeting = m
	return md, nil
}

// meetingOptions fills the kit's Options for a meeting document: the number
// names the case and the meeting (大崎市-住基-2026-003 第1回会議), the date is
// the meeting's, there is no addressee unless the officer gives one, and the
// issuer is the city's セキュリティ統括責任者, who convenes the meeting.
func (cd CaseData) meetingOptions(opt DocOptions, title string, m *data.Meeting) Options {
	var date time.Time
	if m != nil {
		date = m.Date
		if date.IsZero() {
			date = m.OpenedAt
		}
	}
	if opt.Number == "" {
		if m != nil && m.Seq > 0 {
			opt.Number = i18n.T("reports.meeting.number", map[string]any{"City": cd.City, "Case": cd.Case.Number, "Seq": m.Seq})
		} else {
			opt.Number = i18n.T("reports.meeting.number_unnumbered", map[string]any{"City": cd.City, "Case": cd.Case.Number})
		}
	}
	addressee := opt.Addressee
	o := cd.options(opt, title, 1, date)
	o.Addressee = addressee
	if opt.Issuer == "" {
		o.Issuer = i18n.T("reports.meeting.issuer", map[string]any{"City": cd.City})
		o.Author = o.Issuer
	}
	// The PDF says which case it is about: 「2026-004 第1回 セキュリティ会議 議事録」.
	o.DocTitle = cd.Case.Number + " " + title
	keywords := []string{i18n.T("reports.letter.keyword"), cd.Case.Number, title}
	if cd.Case.Drill {
		o.DocTitle = drillMark + o.DocTitle
		keywords = append(keywords, strings.Trim(drillMark, "【】"))
	}
	o.Keywords = strings.Join(keywords, ", ")
	return o
}

// meetingTitle is the title of a meeting document: 第1回 セキュリティ会議次第.
func meetingTitle(m *data.Meeting, key string) string {
	doc := i18n.T(key)
	if m == nil || m.Seq <= 0 {
		return i18n.T("reports.meeting.title_unnumbered", map[string]any{"Doc": doc})
	}
	return i18n.T("reports.meeting.title", map[string]any{"Seq": m.Seq, "Doc": doc})
}

// regulationRow returns the row of the class's table with the given key.
func regulationRow(class data.Class, key string) (data.MeetingItem, bool) {
	if key == "" {
		return data.MeetingItem{}, false
	}
	_, _, rows := data.MeetingTable(class)
	for _, r := range rows {
		if r.ID == key {
			return r, true
		}
	}
	return data.MeetingItem{}, false
}

// sortedItems returns the meeting's items by Order (stable: equal orders keep
// the store's order).
func sortedItems(m data.Meeting) []data.AgendaItem {
	items := slices.Clone(m.Items)
	slices.SortStableFunc(items, func(a, b data.AgendaItem) int { return a.Order - b.Order })
	return items
}

// itemTitle is an item's title as the documents print it: the regulation's
// wording for a row of the table (whatever the item holds), その他: … for an
// item the meeting added.
func itemTitle(class data.Class, it data.AgendaItem) string {
	if r, ok := regulationRow(class, it.Key); ok {
		return r.Title
	}
	return i18n.T("reports.meeting.other_title", map[string]any{"Title": it.Title})
}

// statusLabel is 決定, 保留, 事後承認 or 未審議.
func statusLabel(s data.ItemStatus) string {
	switch s {
	case data.ItemDecided:
		return i18n.T("reports.meeting.status.decided")
	case data.ItemDeferred:
		return i18n.T("reports.meeting.status.deferred")
	case data.ItemRatify:
		return i18n.T("reports.meeting.status.ratify")
	}
	return i18n.T("reports.meeting.status.open")
}

// statusChecks are the three statuses as check boxes, the item's ticked.
func statusChecks(s data.ItemStatus) []Check {
	return []Check{
		{Label: i18n.T("reports.meeting.status.decided"), Checked: s == data.ItemDecided},
		{Label: i18n.T("reports.meeting.status.deferred"), Checked: s == data.ItemDeferred},
		{Label: i18n.T("reports.meeting.status.ratify"), Checked: s == data.ItemRatify},
	}
}

// optionChecks are the sub-options of a regulation row as check boxes, those
// the decision picked ticked. A choice that is not one of the row's options
// (say, from a newer case file) is added, ticked, so nothing is lost.
func optionChecks(options, chosen []string) []Check {
	var cs []Check
	for _, o := range options {
		cs = append(cs, Check{Label: o, Checked: slices.Contains(chosen, o)})
	}
	for _, c := range chosen {
		if !slices.Contains(options, c) {
			cs = append(cs, Check{Label: c, Checked: true})
		}
	}
	return cs
}

// clockTime is 14時05分 in the case's zone, "" for the zero time.
func (cd CaseData) clockTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = cd.in(t)
	return fmt.Sprintf("%d時%02d分", t.Hour(), t.Minute())
}

// dueText is the due time of an item or task: 和暦 with the time, or the day
// alone when the time is midnight (a day's deadline).
func (cd CaseData) dueText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = cd.in(t)
	if t.Hour() == 0 && t.Minute() == 0 {
		return i18n.Wareki(t)
	}
	return i18n.WarekiDateTime(t)
}

// shortDue is the due time in the short form of tables (R8.11.27 14:05), the
// day alone when the time is midnight.
func (cd CaseData) shortDue(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = cd.in(t)
	s := shortDateTime(t)
	if t.Hour() == 0 && t.Minute() == 0 {
		s, _, _ = strings.Cut(s, " ")
	}
	return s
}
