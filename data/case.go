package data

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Class is the class of an emergency (第2条). ClassPending is the provisional
// 判定中 state an officer may record before the class is known.
type Class string

const (
	ClassFailure    Class = "failure"    // 障害
	ClassMisconduct Class = "misconduct" // 不正行為
	ClassPending    Class = "pending"    // 判定中
)

// Classes lists the classes in the order screens offer them.
var Classes = []Class{ClassFailure, ClassMisconduct, ClassPending}

// Valid reports whether c is one of the known classes.
func (c Class) Valid() bool {
	for _, k := range Classes {
		if c == k {
			return true
		}
	}
	return false
}

// Status is where a case stands.
type Status string

const (
	StatusOpen      Status = "open"      // 対応中
	StatusRecovered Status = "recovered" // 復旧済
	StatusClosed    Status = "closed"    // 終了
)

// Statuses lists the statuses in their natural order.
var Statuses = []Status{StatusOpen, StatusRecovered, StatusClosed}

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	for _, k := range Statuses {
		if s == k {
			return true
		}
	}
	return false
}

// Limits on free text. Generous for an incident narrative, small enough that a
// stray paste of a whole log file is refused with a message instead of bloating
// the case file.
const (
	MaxTitleRunes = 200
	MaxTextRunes  = 100_000
	MaxNameRunes  = 100
)

// Case is one emergency, from discovery to the end of the response.
type Case struct {
	ID           int64
	Number       string // 2026-001: the year of discovery and a serial within it
	Title        string
	Class        Class
	Status       Status
	DiscoveredAt time.Time
	OccurredAt   time.Time // estimate of when it happened; zero when unknown
	// OccurredState says whether OccurredAt is known, 不明 or 未確認, and
	// OccurredNote explains it (第5条第1号ア).
	OccurredState     TimeState
	OccurredNote      string
	Discoverer        string // 発見者
	DiscovererSection string // 発見者の所属
	Drill             bool   // 訓練: an exercise, not a real incident
	// Origin says how the city learned of it: discovered in the city
	// (第5条第1号) or told by 宮城県 or 指定情報処理機関 (第5条第2号); for a
	// 通報, who told (NoticeFrom), when (NoticeAt) and what (NoticeText).
	Origin     Origin
	NoticeFrom string
	NoticeAt   time.Time
	NoticeText string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Validate checks the fields an officer types.
func (c *Case) Validate() error {
	normalizeText(c) // typed text in NFC (nfc.go)
	title := strings.TrimSpace(c.Title)
	switch {
	case title == "":
		return Invalid("title", "required")
	case !utf8.ValidString(c.Title):
		return Invalid("title", "encoding")
	case utf8.RuneCountInString(c.Title) > MaxTitleRunes:
		return Invalid("title", "toolong")
	case hasControl(c.Title):
		return Invalid("title", "control")
	}
	if !c.Class.Valid() {
		return Invalid("class", "required")
	}
	if !c.Status.Valid() {
		return Invalid("status", "required")
	}
	if c.DiscoveredAt.IsZero() {
		return Invalid("discovered_at", "required")
	}
	if !c.OccurredAt.IsZero() && c.OccurredAt.After(c.DiscoveredAt) {
		return Invalid("occurred_at", "afterdiscovery")
	}
	if !c.OccurredState.Valid() {
		return Invalid("occurred_state", "required")
	}
	if c.OccurredState == TimeKnown && c.OccurredAt.IsZero() {
		return Invalid("occurred_at", "required")
	}
	for _, f := range [][2]string{{"discoverer", c.Discoverer}, {"discoverer_section", c.DiscovererSection}} {
		if utf8.RuneCountInString(f[1]) > MaxNameRunes {
			return Invalid(f[0], "toolong")
		}
		if !utf8.ValidString(f[1]) {
			return Invalid(f[0], "encoding")
		}
	}
	if !c.Origin.Valid() {
		return Invalid("origin", "required")
	}
	if utf8.RuneCountInString(c.NoticeFrom) > MaxNameRunes*2 {
		return Invalid("notice_from", "toolong")
	}
	return checkTexts("occurred_note", c.OccurredNote, "notice_from", c.NoticeFrom, "notice_text", c.NoticeText)
}

// hasControl reports C0/C1 control characters other than tab; a title is one line.
func hasControl(s string) bool {
	for _, r := range s {
		if (r < 0x20 && r != '\t') || (r >= 0x7f && r < 0xa0) {
			return true
		}
	}
	return false
}

// CaseFilter selects cases for the list. Zero values select everything.
type CaseFilter struct {
	Class     Class
	Status    Status
	HideDrill bool
	Limit     int // 0: no limit
	Offset    int
}

// StepProgress records whether a procedure step of a case is done, by whom and when.
type StepProgress struct {
	CaseID int64
	StepID string // a Step.ID from the regulation data
	Done   bool
	By     string
	At     time.Time
	Note   string
}

// Entry kinds on the timeline (経過記録).
const (
	EntryNote      = "note"      // typed by the officer
	EntryStep      = "step"      // a procedure step was ticked or unticked
	EntryCase      = "case"      // the case was opened or its header changed
	EntryStatus    = "status"    // the status changed
	EntryClass     = "class"     // the class was decided or changed, with the reason
	EntryReport    = "report"    // report items, checks or a decision were recorded
	EntryThreat    = "threat"    // the threat level was determined or revised
	EntryMilestone = "milestone" // a stop, the integrity check, an approval…
)

// EntryKinds lists the kinds in the order the timeline filter offers them.
var EntryKinds = []string{EntryNote, EntryCase, EntryClass, EntryStatus, EntryReport, EntryThreat, EntryStep, EntryMilestone, EntryCall, EntryDocument}

// Entry is one line of the timeline. Entries are never edited or removed: a
// correction is a new entry whose Corrects names the entry it replaces.
type Entry struct {
	ID         int64
	CaseID     int64
	At         time.Time // when it happened (editable by the officer)
	Kind       string
	Text       string
	Author     string
	Corrects   int64     // 0, or the ID of the entry this one corrects
	RecordedAt time.Time // when it was written (set by the store)
}

// Validate checks an entry before it is written.
func (e *Entry) Validate() error {
	normalizeText(e) // typed text in NFC (nfc.go)
	switch {
	case strings.TrimSpace(e.Text) == "":
		return Invalid("text", "required")
	case !utf8.ValidString(e.Text):
		return Invalid("text", "encoding")
	case utf8.RuneCountInString(e.Text) > MaxTextRunes:
		return Invalid("text", "toolong")
	case e.At.IsZero():
		return Invalid("at", "required")
	case e.Kind == "":
		return Invalid("kind", "required")
	}
	return nil
}

// SearchHit is one result of a full-text search.
type SearchHit struct {
	Case    Case
	EntryID int64  // 0 when the title matched
	Snippet string // the matching text, shortened
}

// AuditEvent is one row of the append-only, hash-chained audit log.
type AuditEvent struct {
	Seq      int64
	At       time.Time
	Actor    string
	Action   string // e.g. "case.create", "step.done", "entry.add"
	Subject  string // e.g. "case:3"
	Detail   string // JSON of what changed
	PrevHash string // hex SHA-256 of the previous event; "" for the first
	Hash     string // hex SHA-256 of PrevHash and this event's fields
}

// ChainHead identifies the newest audit event: printed on documents and shown in
// the status bar so a printout can be tied to the case file.
type ChainHead struct {
	Seq  int64
	Hash string
}

// Short renders the head with the first 16 hex digits of its hash (64 bits,
// enough to compare with a printout by eye): "#412 3f9a0c1d22e7b6a4".
func (h ChainHead) Short() string {
	if h.Seq == 0 {
		return "#0"
	}
	if len(h.Hash) <= 16 {
		return "#" + strconv.FormatInt(h.Seq, 10) + " " + h.Hash
	}
	return "#" + strconv.FormatInt(h.Seq, 10) + " " + h.Hash[:16]
}

// String renders the whole head: "412 3f9a…" with all 64 hex digits, the form
// printed in documents and seals (ParseChainHead reads it back).
func (h ChainHead) String() string { return strconv.FormatInt(h.Seq, 10) + " " + h.Hash }

// ParseChainHead reads the form String writes; ok is false for anything else
// (a hash must be 64 lower-case hex digits).
func ParseChainHead(s string) (h ChainHead, ok bool) {
	seq, hash, found := strings.Cut(strings.TrimSpace(s), " ")
	n, err := strconv.ParseInt(seq, 10, 64)
	if !found || err != nil || n < 1 || len(hash) != 64 {
		return h, false
	}
	for _, c := range hash {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return h, false
		}
	}
	return ChainHead{Seq: n, Hash: hash}, true
}

// CheckReport is the result of a full check of a case file.
type CheckReport struct {
	IntegrityOK bool
	Integrity   string // quick_check's first message when not ok
	Events      int64  // audit events verified
	FirstBadSeq int64  // 0 when the chain verifies
	Head        ChainHead

	// RowsChecked is true when the rows were compared with the chain (the
	// chain verified); Rows is how many.
	RowsChecked bool
	Rows        int64
	// RowProblems are the first rows (in table order) whose content is not
	// what the audit log says; RowProblemCount counts them all.
	RowProblems     []RowProblem
	RowProblemCount int
}

// OK reports whether the file, its audit chain and every row bound to the
// chain are intact.
func (r CheckReport) OK() bool {
	return r.IntegrityOK && r.FirstBadSeq == 0 && r.RowProblemCount == 0
}

// Kinds of RowProblem.
const (
	RowChanged    = "changed"    // the row differs from its last audit event
	RowUnrecorded = "unrecorded" // no audit event wrote the row
	RowMissing    = "missing"    // the audit log has the row, the table not
)

// RowProblem is one row whose content the audit log does not vouch for.
type RowProblem struct {
	Table string // e.g. cases
	Key   string // e.g. id=12, or case_id=3, step_id="report"
	Kind  string // Row*
	Field string // the column that differs (RowChanged), "" when unknown
	Seq   int64  // the audit event that last wrote the row (RowChanged, RowMissing)
}
