package reports

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// ContactData is everything the contact documents print: the 緊急時連絡網
// (ContactSheet) and the 連絡先変更届 (ChangeNotice). It is read from the
// store once, so that a document is a pure function of it (same data → same
// bytes).
type ContactData struct {
	Points []data.ContactPoint
	// Changes are the changes not yet reported (第3条第2号), oldest first.
	Changes          []data.ContactChange
	City, Prefecture string
	Head             data.ChainHead
	// AsOf is the moment the documents describe (printed in 和暦, in Japan's
	// time); it is also the PDF's creation date.
	AsOf time.Time

	// Removed are entries taken out of the network whose removal (or other
	// changes) is not reported yet: the change notice names them.
	Removed []data.ContactPoint
	// StaleMonths flags entries not confirmed for more than this many months
	// with ※; 0 means DefaultStaleMonths, a negative value turns it off.
	StaleMonths int
	// Drill prints the 訓練 watermark (a demonstration or exercise file).
	Drill bool
	// Zone is the case file's time zone (data.TimeZone); nil means Japan's.
	Zone *time.Location
	// Letter is the 公用文 form of the change notice (and of the sheet when
	// it is sent): sender, 公印, 決裁欄 labels, 担当 block.
	Letter Letter
	// Recipient is the body the change notice goes to (LoadNotice):
	// data.BodyPrefecture or data.BodyAgency; "" is the prefecture.
	Recipient data.Body
}

// DefaultStaleMonths is how long a contact may go unconfirmed before the
// sheet flags it.
const DefaultStaleMonths = data.DefaultUnconfirmedMonths

// LoadContacts reads the contact network, its unreported changes, the city
// and prefecture and the audit head from s, as of now.
func LoadContacts(s data.Store, now time.Time) (ContactData, error) {
	cd := ContactData{AsOf: now}
	var err error
	wrap := func(what string, err error) error {
		return fmt.Errorf("reports: load contacts: %s: %w", what, err)
	}
	if cd.Points, err = s.ContactPoints(); err != nil {
		return cd, wrap("contact points", err)
	}
	if cd.Changes, err = s.ContactChanges(0, true); err != nil {
		return cd, wrap("changes", err)
	}
	if err := cd.loadRemoved(s); err != nil {
		return cd, wrap("removed entries", err)
	}
	if cd.City, err = s.Setting(data.SettingCity, data.DefaultCity); err != nil {
		return cd, wrap("city", err)
	}
	if cd.Prefecture, err = s.Setting(data.SettingPrefecture, data.DefaultPrefecture); err != nil {
		return cd, wrap("prefecture", err)
	}
	months, err := s.Setting(data.SettingUnconfirmedMonths, strconv.Itoa(data.DefaultUnconfirmedMonths))
	if err != nil {
		return cd, wrap("unconfirmed months", err)
	}
	if n, err := strconv.Atoi(strings.TrimSpace(months)); err == nil {
		cd.StaleMonths = n
		if n <= 0 {
			cd.StaleMonths = -1 // the setting's 0 turns the flag off
		}
	}
	if cd.Head, err = s.Head(); err != nil {
		return cd, wrap("audit head", err)
	}
	cd.Zone = data.TimeZone(s)
	if cd.Letter, err = LoadLetter(s, data.BodyCity.Label(cd.City, cd.Prefecture)); err != nil {
		return cd, wrap("letter settings", err)
	}
	return cd, nil
}

// loadRemoved finds the entries taken out of the network that the changes
// are of, for the change notice to name.
func (cd *ContactData) loadRemoved(s data.Store) error {
	cd.Removed = nil
	known := map[int64]bool{}
	for _, p := range cd.Points {
		known[p.ID] = true
	}
	for _, c := range cd.Changes {
		if known[c.PointID] || c.PointID == 0 {
			continue
		}
		known[c.PointID] = true
		p, err := s.ContactPoint(c.PointID)
		if data.ErrorCode(err) == data.ENOTFOUND {
			continue // named from the change itself
		}
		if err != nil {
			return fmt.Errorf("removed entry %d: %w", c.PointID, err)
		}
		cd.Removed = append(cd.Removed, p)
	}
	return nil
}

// LoadNotice reads what the 連絡先変更届 to recipient (data.NoticeRecipients)
// prints: the network, and the changes of the city's entries not yet
// reported to that body (第3条第2号).
func LoadNotice(s data.Store, recipient data.Body, now time.Time) (ContactData, error) {
	cd, err := LoadContacts(s, now)
	if err != nil {
		return cd, err
	}
	cd.Recipient = recipient
	if cd.Changes, err = s.UnreportedChanges(recipient); err != nil {
		return cd, fmt.Errorf("reports: load notice: changes: %w", err)
	}
	if err := cd.loadRemoved(s); err != nil {
		return cd, fmt.Errorf("reports: load notice: %w", err)
	}
	return cd, nil
}

// letter is the sender side of the contact documents: the settings', with
// the defaults of a ContactData made without them (the city's 長, the 担当
// block from the network).
func (cd ContactData) letter() Letter {
	l := cd.Letter
	if l.SenderTitle == "" {
		l.SenderTitle = i18n.T("reports.letter.sender_default", map[string]any{"City": data.BodyCity.Label(cd.City, cd.Prefecture)})
	}
	if l.Contact == nil {
		l.Contact = ContactBlock(cd.Points)
	}
	return l
}

// letterHead is the 公用文 head of a contact document sent to addressee
// (default the prefecture's governor).
func (cd ContactData) letterHead(opt DocOptions, date time.Time, subjectKey, leadKey string) LetterHead {
	l := cd.letter()
	subject := i18n.T(subjectKey)
	if cd.Drill {
		subject = drillMark + subject
	}
	def := i18n.T("reports.contacts.notice.addressee", map[string]any{"Prefecture": data.BodyPrefecture.Label(cd.City, cd.Prefecture)})
	if cd.Recipient == data.BodyAgency {
		def = i18n.T("reports.contacts.notice.addressee_agency")
	}
	to := cmpOr(strings.TrimSpace(opt.Addressee), def)
	h := LetterHead{
		Number:  l.number(opt.Number),
		Date:    date,
		To:      addressee(to, opt.Honorific, "様"),
		Sender:  l.sender(opt.Issuer),
		Stamped: l.Stamped,
		Subject: subject,
		Lead:    i18n.T(leadKey),
	}
	if opt.Copy == CopyApproval {
		h.Approval = l.sealLabels(opt)
	}
	return h
}

// staleMonths is the threshold of the ※ flag; 0 turns it off.
func (cd ContactData) staleMonths() int {
	switch {
	case cd.StaleMonths == 0:
		return DefaultStaleMonths
	case cd.StaleMonths < 0:
		return 0
	}
	return cd.StaleMonths
}

// stale reports whether p is flagged ※: not confirmed for too long.
func (cd ContactData) stale(p data.ContactPoint) bool {
	return data.Unconfirmed(p, cd.AsOf, cd.staleMonths())
}

// in shows t in the case file's zone (Japan's time by default, as the rest
// of the contact network, the bodies' business hours, reads times).
func (cd ContactData) in(t time.Time) time.Time {
	if cd.Zone == nil {
		return t.In(data.JapanTime)
	}
	return t.In(cd.Zone)
}

// dates are a contact document's date (the officer's, else the as-of time, in
// Japan time) and its creation date in the PDF (the as-of time, so that the
// same network gives the same bytes).
func (cd ContactData) dates(opt DocOptions) (date, created time.Time) {
	date = opt.Date
	if date.IsZero() {
		date = cd.AsOf
	}
	if !date.IsZero() {
		date = cd.in(date)
	}
	created = cd.AsOf
	if created.IsZero() {
		created = date
	}
	if !created.IsZero() {
		created = cd.in(created) // the PDF's CreationDate carries the zone's offset
	}
	return date, created
}

// point finds an entry by ID among the network and the removed entries.
func (cd ContactData) point(id int64) (data.ContactPoint, bool) {
	for _, ps := range [][]data.ContactPoint{cd.Points, cd.Removed} {
		if i := slices.IndexFunc(ps, func(p data.ContactPoint) bool { return p.ID == id }); i >= 0 {
			return ps[i], true
		}
	}
	return data.ContactPoint{}, false
}

// title names an entry on the documents: 大崎市 セキュリティ責任者, 宮城県,
// 指定情報処理機関, or the name the officer gave.
func (cd ContactData) title(p data.ContactPoint) string {
	return p.Title(cd.City, cd.Prefecture)
}

// head is the first line of an entry in the diagram and the table: the
// role for the city's entries, else the body as the regulation names it
// (or the officer's name for an added body).
func (cd ContactData) head(p data.ContactPoint) string {
	switch {
	case p.Body == data.BodyCity && p.Role != "":
		return p.Role.Label()
	case p.Body == data.BodyOther && strings.TrimSpace(p.Name) != "":
		return p.Name
	}
	return p.Body.Label(cd.City, cd.Prefecture)
}

// ContactFieldLabel names a field of a contact entry (data.ContactChange.Field,
// e.g. "primary.tel") in the documents' Japanese: 電話, 夜間・休日電話（代理）,
// 担当者… An unknown field is returned as it is.
func ContactFieldLabel(field string) string {
	if f, ok := strings.CutPrefix(field, "deputy."); ok {
		if f == data.PersonName {
			return i18n.T("reports.contacts.field.deputy_name")
		}
		if label, ok := contactField(f); ok {
			return i18n.T("reports.contacts.field.deputy", map[string]any{"Label": label})
		}
		return field
	}
	if f, ok := strings.CutPrefix(field, "primary."); ok {
		if label, ok := contactField(f); ok {
			return label
		}
		return field
	}
	switch field {
	case data.FieldBody, data.FieldRole, data.FieldPointName, data.FieldSection,
		data.FieldOpenFrom, data.FieldOpenUntil, data.FieldRemoved:
		return i18n.T("reports.contacts.field." + field)
	case "section": // the brief's older spelling of the 担当部署
		return i18n.T("reports.contacts.field." + data.FieldSection)
	case "name":
		return i18n.T("reports.contacts.field." + data.FieldPointName)
	}
	return field
}

// contactField labels a Person field (name, tel, …).
func contactField(f string) (string, bool) {
	if !slices.Contains(data.PersonFields, f) {
		return "", false
	}
	return i18n.T("reports.contacts.field." + f), true
}

// contactValue shows a changed value as the officer knows it: bodies and
// roles by their names, anything else as stored.
func (cd ContactData) contactValue(field, v string) string {
	switch field {
	case data.FieldBody:
		if v != "" {
			return data.Body(v).Label(cd.City, cd.Prefecture)
		}
	case data.FieldRole:
		if l := data.Role(v).Label(); l != "" {
			return l
		}
	}
	return v
}

// shortDate is the 和暦 short form of a date for tables: R8.11.27.
func shortDate(t time.Time) string {
	s := shortDateTime(t)
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		s = s[:i]
	}
	return s
}
