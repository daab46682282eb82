package data

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Bodies of the contact network beyond those 第3条 names.
const (
	BodyContractor Body = "contractor" // 保守委託事業者
	BodyOther      Body = "other"      // added by the officer
)

// Person is someone to call, with how to reach them during business hours and
// at night and on holidays. Numbers are kept as typed (digits, -, +, (, ), spaces).
type Person struct {
	Name      string
	TEL       string // 平日日中
	FAX       string
	Mail      string
	Extension string // 内線
	NightTEL  string // 夜間・休日
	Mobile    string // 携帯
}

// ContactPoint is one entry of the emergency contact network (第3条): a related
// body, or a role within the city (Body BodyCity with Role set), with its
// Juki-Net contact person and a deputy (代理).
type ContactPoint struct {
	ID   int64
	Body Body
	Role Role   // for the city's internal roles; "" otherwise
	Name string // the body as the officer names it, e.g. 宮城県 市町村課; "" uses the label
	// Section is the 担当部署.
	Section string
	Primary Person
	Deputy  Person
	// OpenFrom and OpenUntil are the body's business hours on working days,
	// "08:30" and "17:15" by default.
	OpenFrom, OpenUntil string
	// ConfirmedAt is when the officer last confirmed the entry is current.
	ConfirmedAt time.Time
	// ReportedAt is when its changes were last reported (第3条第2号).
	ReportedAt time.Time
	Order      int
	// RemovedAt is set once the entry is taken out of the network: it is no
	// longer listed, but it and its changes stay for the change notice.
	RemovedAt time.Time
}

// ContactChange keeps the old value of a field whenever a contact changes.
type ContactChange struct {
	ID       int64
	PointID  int64
	Field    string // e.g. "primary.tel"
	Old, New string
	At       time.Time
	By       string
	Reported bool // included in a 連絡先変更届 marked sent
}

// Call is one attempt to reach someone, recorded on a case's timeline.
type Call struct {
	ID      int64
	CaseID  int64
	PointID int64
	Person  string // who was called
	Number  string // which number
	Deputy  bool   // the deputy, after the primary was not reached
	At      time.Time
	Reached bool
	Note    string // what was said
	By      string
}

// ContactStore keeps the contact network of the case file.
type ContactStore interface {
	ChangeReportStore // per recipient (第3条第2号, changereport.go)

	// ContactPoints lists the network in Order.
	ContactPoints() ([]ContactPoint, error)
	ContactPoint(id int64) (ContactPoint, error)
	// SaveContactPoint adds (ID 0) or updates an entry; every changed field
	// becomes a ContactChange in the same transaction.
	SaveContactPoint(p *ContactPoint) error
	RemoveContactPoint(id int64) error
	// ContactChanges lists the changes of one entry (pointID) or of all (0),
	// oldest first; unreportedOnly keeps those not yet in a sent notice.
	ContactChanges(pointID int64, unreportedOnly bool) ([]ContactChange, error)
	// MarkChangesReported records that a 連絡先変更届 covering the changes up to
	// at was sent: their Reported flags and the entries' ReportedAt are set.
	MarkChangesReported(pointIDs []int64, at time.Time) error
	// RecordCall stores a call and puts timelineText on the case's timeline in
	// the same transaction.
	RecordCall(c *Call, timelineText string) error
	Calls(caseID int64) ([]Call, error)
	// ReplaceContactPoints imports a whole network at once (CSV import): all
	// or nothing.
	ReplaceContactPoints(ps []ContactPoint) error
}

// EntryCall is the timeline kind of a call to the contact network (RecordCall).
const EntryCall = "call"

// ContactBodies lists the bodies an entry of the network can belong to: the
// related bodies of 第3条, then the contractor and the officer's own additions.
var ContactBodies = []Body{BodyCity, BodyPrefecture, BodyAgency, BodyContractor, BodyOther}

// Valid reports whether b is one of ContactBodies.
func (b Body) Valid() bool { return slices.Contains(ContactBodies, b) }

// CityRoles are the city's internal roles an entry of BodyCity can stand for,
// in the order of the reporting chain's people.
var CityRoles = []Role{RoleStaff, RoleSysAdminStaff, RoleSecurityOfficer, RoleSysAdmin, RoleChief}

// Default business hours of a body on working days.
const (
	DefaultOpenFrom  = "08:30"
	DefaultOpenUntil = "17:15"
)

// Fields of a contact entry, as ContactChange.Field and validation errors
// (data.Invalid) name them. Labels: i18n "contact.data.field.<field>".
const (
	FieldBody      = "body"
	FieldRole      = "role"
	FieldPointName = "point_name"
	FieldSection   = "contact_section"
	FieldOpenFrom  = "open_from"
	FieldOpenUntil = "open_until"
	// FieldRemoved marks the removal of an entry: Old is its name, New "".
	FieldRemoved = "removed"
)

// Person fields, prefixed "primary." or "deputy." (e.g. "primary.tel").
const (
	PersonName      = "name"
	PersonTEL       = "tel"
	PersonFAX       = "fax"
	PersonMail      = "mail"
	PersonExtension = "extension"
	PersonNightTEL  = "night_tel"
	PersonMobile    = "mobile"
)

// PersonFields lists a Person's fields in the order screens and the CSV show them.
var PersonFields = []string{PersonName, PersonTEL, PersonFAX, PersonMail, PersonExtension, PersonNightTEL, PersonMobile}

// ContactFields lists every field whose change is kept (and reported under
// 第3条第2号), in display order. ConfirmedAt, ReportedAt and Order are
// bookkeeping, not reported contact details.
var ContactFields = func() []string {
	fs := []string{FieldBody, FieldRole, FieldPointName, FieldSection}
	for _, who := range []string{"primary.", "deputy."} {
		for _, f := range PersonFields {
			fs = append(fs, who+f)
		}
	}
	return append(fs, FieldOpenFrom, FieldOpenUntil)
}()

// Get returns a Person field by its name in PersonFields.
func (p Person) Get(field string) string {
	switch field {
	case PersonName:
		return p.Name
	case PersonTEL:
		return p.TEL
	case PersonFAX:
		return p.FAX
	case PersonMail:
		return p.Mail
	case PersonExtension:
		return p.Extension
	case PersonNightTEL:
		return p.NightTEL
	case PersonMobile:
		return p.Mobile
	}
	return ""
}

// Set changes a Person field by its name in PersonFields.
func (p *Person) Set(field, v string) {
	switch field {
	case PersonName:
		p.Name = v
	case PersonTEL:
		p.TEL = v
	case PersonFAX:
		p.FAX = v
	case PersonMail:
		p.Mail = v
	case PersonExtension:
		p.Extension = v
	case PersonNightTEL:
		p.NightTEL = v
	case PersonMobile:
		p.Mobile = v
	}
}

// Empty reports whether no field of p is filled.
func (p Person) Empty() bool {
	for _, f := range PersonFields {
		if strings.TrimSpace(p.Get(f)) != "" {
			return false
		}
	}
	return true
}

// Get returns a field of the entry by its name in ContactFields.
func (p ContactPoint) Get(field string) string {
	switch field {
	case FieldBody:
		return string(p.Body)
	case FieldRole:
		return string(p.Role)
	case FieldPointName:
		return p.Name
	case FieldSection:
		return p.Section
	case FieldOpenFrom:
		return p.OpenFrom
	case FieldOpenUntil:
		return p.OpenUntil
	}
	if f, ok := strings.CutPrefix(field, "primary."); ok {
		return p.Primary.Get(f)
	}
	if f, ok := strings.CutPrefix(field, "deputy."); ok {
		return p.Deputy.Get(f)
	}
	return ""
}

// Set changes a field of the entry by its name in ContactFields.
func (p *ContactPoint) Set(field, v string) {
	switch field {
	case FieldBody:
		p.Body = Body(v)
	case FieldRole:
		p.Role = Role(v)
	case FieldPointName:
		p.Name = v
	case FieldSection:
		p.Section = v
	case FieldOpenFrom:
		p.OpenFrom = v
	case FieldOpenUntil:
		p.OpenUntil = v
	default:
		if f, ok := strings.CutPrefix(field, "primary."); ok {
			p.Primary.Set(f, v)
		} else if f, ok := strings.CutPrefix(field, "deputy."); ok {
			p.Deputy.Set(f, v)
		}
	}
}

// Hours returns the entry's business hours, the defaults where not set.
func (p ContactPoint) Hours() (from, until string) {
	from, until = p.OpenFrom, p.OpenUntil
	if from == "" {
		from = DefaultOpenFrom
	}
	if until == "" {
		until = DefaultOpenUntil
	}
	return from, until
}

// Title names the entry for lists and documents: the officer's Name when set,
// otherwise the body's label, followed by the role for the city's entries
// (大崎市 セキュリティ責任者).
func (p ContactPoint) Title(city, prefecture string) string {
	name := p.Name
	if name == "" {
		name = p.Body.Label(city, prefecture)
	}
	if p.Body == BodyCity && p.Role != "" {
		return name + " " + p.Role.Label()
	}
	return name
}

// Normalize tidies what was typed or imported: surrounding spaces go, and in
// numbers full-width digits and signs (０１２０－…, as Japanese input methods
// and Excel produce them) become ASCII. Empty hours take the defaults.
func (p *ContactPoint) Normalize() {
	p.Name = strings.TrimSpace(p.Name)
	p.Section = strings.TrimSpace(p.Section)
	p.OpenFrom = normalizeClock(p.OpenFrom)
	p.OpenUntil = normalizeClock(p.OpenUntil)
	p.OpenFrom, p.OpenUntil = p.Hours()
	for _, who := range []*Person{&p.Primary, &p.Deputy} {
		who.Name = strings.TrimSpace(who.Name)
		who.Mail = strings.TrimSpace(normalizeWidth(who.Mail))
		for _, f := range []string{PersonTEL, PersonFAX, PersonExtension, PersonNightTEL, PersonMobile} {
			who.Set(f, normalizeNumber(who.Get(f)))
		}
	}
}

// normalizeWidth turns full-width ASCII (ＡＢＣ０１２＠) into ASCII and the
// ideographic space into a space.
func normalizeWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '！' && r <= '～':
			return r - '！' + '!'
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}

// normalizeNumber is normalizeWidth plus the dashes people type in numbers
// (ー, −, ‐, –, —) as "-".
func normalizeNumber(s string) string {
	s = normalizeWidth(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case 'ー', '−', '‐', '‑', '–', '—', '―':
			return '-'
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// normalizeClock writes 8:30 (or ８：３０) as 08:30.
func normalizeClock(s string) string {
	s = normalizeNumber(s)
	if len(s) == 4 && s[1] == ':' {
		return "0" + s
	}
	return s
}

// Validate checks an entry as the officer typed it (call Normalize first to
// accept full-width digits).
func (p *ContactPoint) Validate() error {
	normalizeText(p) // typed text in NFC (nfc.go)
	if !p.Body.Valid() {
		return Invalid(FieldBody, "required")
	}
	switch {
	case p.Body == BodyCity && p.Role == "":
		return Invalid(FieldRole, "required")
	case p.Body == BodyCity && !slices.Contains(CityRoles, p.Role):
		return Invalid(FieldRole, "notcity")
	case p.Body != BodyCity && p.Role != "":
		return Invalid(FieldRole, "onlycity")
	case p.Body == BodyOther && strings.TrimSpace(p.Name) == "":
		return Invalid(FieldPointName, "required")
	}
	if err := checkLine(FieldPointName, p.Name); err != nil {
		return err
	}
	if err := checkLine(FieldSection, p.Section); err != nil {
		return err
	}
	for _, w := range []struct {
		prefix string
		p      Person
	}{{"primary.", p.Primary}, {"deputy.", p.Deputy}} {
		for _, f := range PersonFields {
			name, v := w.prefix+f, w.p.Get(f)
			if err := checkLine(name, v); err != nil {
				return err
			}
			if v == "" {
				continue
			}
			switch f {
			case PersonTEL, PersonFAX, PersonNightTEL, PersonMobile:
				if !validPhone(v) {
					return Invalid(name, "phone")
				}
			case PersonExtension:
				if !validExtension(v) {
					return Invalid(name, "extension")
				}
			case PersonMail:
				if !validMail(v) {
					return Invalid(name, "mail")
				}
			}
		}
	}
	from, until := p.Hours()
	fm, ok := clockMinutes(from)
	if !ok {
		return Invalid(FieldOpenFrom, "clock")
	}
	um, ok := clockMinutes(until)
	if !ok {
		return Invalid(FieldOpenUntil, "clock")
	}
	if fm >= um {
		return Invalid(FieldOpenUntil, "beforeopen")
	}
	return nil
}

// checkLine checks a one-line field: valid UTF-8, no control characters, at
// most MaxNameRunes.
func checkLine(field, v string) error {
	switch {
	case !utf8.ValidString(v):
		return Invalid(field, "encoding")
	case utf8.RuneCountInString(v) > MaxNameRunes:
		return Invalid(field, "toolong")
	case hasControl(v):
		return Invalid(field, "control")
	}
	return nil
}

// validPhone accepts what a phone number is written with: digits, -, +, (, )
// and spaces, with at least one digit.
func validPhone(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '-' || r == '+' || r == '(' || r == ')' || r == ' ':
		default:
			return false
		}
	}
	return digits > 0
}

// validExtension accepts an extension (内線): digits, optionally grouped with -.
func validExtension(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '-':
		default:
			return false
		}
	}
	return digits > 0
}

// validMail is deliberately loose: one @ with something on both sides and no
// spaces. The officer types what the body gave them; we catch slips only.
func validMail(s string) bool {
	at := strings.Index(s, "@")
	return at > 0 && at < len(s)-1 && strings.Count(s, "@") == 1 && !strings.ContainsAny(s, " \t")
}

// clockMinutes reads "HH:MM" (24-hour, 00:00–23:59) as minutes after midnight.
func clockMinutes(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	h, err1 := strconv.Atoi(s[:2])
	m, err2 := strconv.Atoi(s[3:])
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 || s[0] == '+' || s[3] == '+' || s[0] == '-' || s[3] == '-' {
		return 0, false
	}
	return h*60 + m, true
}

// DuplicateKey identifies an entry for the rule that the network holds each
// city role once and each other body once per name: two entries with the same
// key are the same contact entered twice.
func (p ContactPoint) DuplicateKey() string {
	if p.Body == BodyCity {
		return string(p.Body) + "/" + string(p.Role)
	}
	return string(p.Body) + "/" + strings.TrimSpace(p.Name)
}

// DiffContactPoints lists the fields that differ between old and new as
// changes (Old → New), in ContactFields order. PointID, At and By are left to
// the caller. A new entry is diffed against the zero ContactPoint.
func DiffContactPoints(old, new ContactPoint) []ContactChange {
	var out []ContactChange
	for _, f := range ContactFields {
		o, n := old.Get(f), new.Get(f)
		if o != n {
			out = append(out, ContactChange{PointID: old.ID, Field: f, Old: o, New: n})
		}
	}
	return out
}

// ContactUpdate is an existing entry an import changes.
type ContactUpdate struct {
	Old, New ContactPoint
	Changes  []ContactChange
}

// ContactImport is what replacing the network with an imported one does: an
// imported entry with the DuplicateKey of a current one updates it (keeping
// its history), others are added, and current entries not imported are removed.
type ContactImport struct {
	Added     []ContactPoint
	Updated   []ContactUpdate
	Unchanged []ContactPoint
	Removed   []ContactPoint
	// Points is the network after the import, in the imported order, with the
	// IDs of the entries it keeps.
	Points []ContactPoint
}

// Empty reports whether the import changes nothing.
func (im ContactImport) Empty() bool {
	return len(im.Added) == 0 && len(im.Updated) == 0 && len(im.Removed) == 0
}

// PlanContactImport works out what replacing current with incoming does.
// Incoming entries get Order 1, 2, … in their order; their IDs are ignored.
func PlanContactImport(current, incoming []ContactPoint) ContactImport {
	var im ContactImport
	byKey := map[string]ContactPoint{}
	for _, p := range current {
		byKey[p.DuplicateKey()] = p
	}
	seen := map[string]bool{}
	for i, p := range incoming {
		p.Order = i + 1
		p.ID = 0
		key := p.DuplicateKey()
		old, ok := byKey[key]
		if !ok || seen[key] {
			im.Added = append(im.Added, p)
			im.Points = append(im.Points, p)
			continue
		}
		seen[key] = true
		p.ID = old.ID
		p.ReportedAt = old.ReportedAt
		if ch := DiffContactPoints(old, p); len(ch) > 0 {
			im.Updated = append(im.Updated, ContactUpdate{Old: old, New: p, Changes: ch})
		} else {
			im.Unchanged = append(im.Unchanged, p)
		}
		im.Points = append(im.Points, p)
	}
	for _, p := range current {
		if !seen[p.DuplicateKey()] {
			im.Removed = append(im.Removed, p)
		}
	}
	return im
}

// FindDuplicate returns the indexes of the first two entries of ps with the
// same DuplicateKey, or ok false.
func FindDuplicate(ps []ContactPoint) (first, second int, ok bool) {
	at := map[string]int{}
	for i, p := range ps {
		k := p.DuplicateKey()
		if j, dup := at[k]; dup {
			return j, i, true
		}
		at[k] = i
	}
	return 0, 0, false
}

// Unconfirmed reports whether the entry was not confirmed within the last
// months months (never confirmed counts as unconfirmed). months <= 0 turns
// the flag off.
func Unconfirmed(p ContactPoint, now time.Time, months int) bool {
	if months <= 0 {
		return false
	}
	if p.ConfirmedAt.IsZero() {
		return true
	}
	return p.ConfirmedAt.AddDate(0, months, 0).Before(now)
}

// Validate checks a call before it is recorded.
func (c *Call) Validate() error {
	normalizeText(c) // typed text in NFC (nfc.go)
	switch {
	case c.CaseID == 0:
		return Invalid("call.case", "required")
	case strings.TrimSpace(c.Person) == "" && strings.TrimSpace(c.Number) == "":
		return Invalid("call.person", "required")
	case c.At.IsZero():
		return Invalid("at", "required")
	}
	if err := checkLine("call.person", c.Person); err != nil {
		return err
	}
	if err := checkLine("call.number", c.Number); err != nil {
		return err
	}
	return checkTexts("call.note", c.Note)
}
