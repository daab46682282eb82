package data

import "time"

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
