package data

import (
	"strings"
	"time"
	"unicode/utf8"
)

// ItemStatus is where an agenda item of a security meeting stands.
type ItemStatus string

const (
	ItemOpen     ItemStatus = ""         // not yet dealt with
	ItemDecided  ItemStatus = "decided"  // 決定
	ItemDeferred ItemStatus = "deferred" // 保留
	ItemRatify   ItemStatus = "ratify"   // 事後承認: decided now, approved afterwards
)

// Valid reports whether s is one of the statuses.
func (s ItemStatus) Valid() bool {
	return s == ItemOpen || s == ItemDecided || s == ItemDeferred || s == ItemRatify
}

// Taken reports whether the item's decision stands (決定 or 事後承認), so that
// it acts on the case.
func (s ItemStatus) Taken() bool { return s == ItemDecided || s == ItemRatify }

// Meeting is one session of the セキュリティ会議 for a case (第4条第6号,
// 第5条第6号). A case may convene it again: Seq is 1 for 第1回, 2 for 第2回…
type Meeting struct {
	ID       int64
	CaseID   int64
	Seq      int
	Place    string
	Date     time.Time // the day (and planned time) of the meeting
	OpenedAt time.Time // 開会, zero until stamped
	ClosedAt time.Time // 閉会, zero until stamped
	Chair    string    // 議長 (the regulation names none; the role is the attendee's)
	Recorder string    // 記録者
	// MinutesSigner is the 議事録署名人, when the meeting names one.
	MinutesSigner string
	Attendees     []Attendee
	// Items are the agenda in order: the rows of the class's table (Table A
	// or B), which cannot be removed, then any その他 items added.
	Items []AgendaItem
}

// Attendee is a person invited to a meeting.
type Attendee struct {
	Name    string
	Role    string // e.g. セキュリティ責任者, or the body and section of a guest
	Present bool
}

// AgendaItem is one item of a meeting's agenda and what the meeting made of it.
type AgendaItem struct {
	ID        int64
	MeetingID int64
	// Key is the MeetingItem ID of the regulation's table ("stop", "resume",
	// …), or "" for an item added as その他.
	Key   string
	Title string // the regulation's wording, or the officer's for その他
	Order int
	// Choices are the sub-options of the regulation's row that the decision
	// picked (e.g. "ネットワークからの切離し" for システムの停止).
	Choices []string
	// Target says what a choice applies to, e.g. which devices are cut off.
	Target     string
	Discussion string // 審議の内容
	Decision   string // 決定事項
	Owner      string // 担当: who carries the decision out
	Due        time.Time
	Status     ItemStatus
	StartedAt  time.Time // first time the item was taken up
	DecidedAt  time.Time // when Status became 決定/保留/事後承認
}

// Options returns the sub-options of the item's regulation row.
func (it AgendaItem) Options(class Class) []string {
	_, _, rows := MeetingTable(class)
	for _, r := range rows {
		if r.ID == it.Key {
			return r.Options
		}
	}
	return nil
}

// Task is a follow-up with an owner that a meeting's decision created; it
// stays on the case until done.
type Task struct {
	ID        int64
	CaseID    int64
	MeetingID int64
	ItemID    int64
	Text      string
	Owner     string
	Due       time.Time
	Done      bool
	DoneAt    time.Time
}

// Validate checks a meeting's header and attendees. Closing needs an opening
// (閉会 after 開会); names are at most MaxNameRunes characters.
func (m *Meeting) Validate() error {
	normalizeText(m) // typed text in NFC (nfc.go)
	switch {
	case m.CaseID == 0:
		return Invalid("case", "required")
	case !m.ClosedAt.IsZero() && m.OpenedAt.IsZero():
		return Invalid("closed_at", "notopened")
	case !m.ClosedAt.IsZero() && m.ClosedAt.Before(m.OpenedAt):
		return Invalid("closed_at", "before_opened")
	}
	for _, a := range m.Attendees {
		if strings.TrimSpace(a.Name) == "" {
			return Invalid("attendee", "required")
		}
		if err := checkNames("attendee", a.Name); err != nil {
			return err
		}
		if err := checkTexts("attendee_role", a.Role); err != nil {
			return err
		}
	}
	if err := checkNames("chair", m.Chair, "recorder", m.Recorder, "minutes_signer", m.MinutesSigner); err != nil {
		return err
	}
	return checkTexts("meeting_place", m.Place)
}

// Validate checks an agenda item. (The field names are the meeting's own, so
// that a message never speaks of a case's title or status.)
func (it *AgendaItem) Validate() error {
	normalizeText(it) // typed text in NFC (nfc.go)
	switch {
	case !it.Status.Valid():
		return Invalid("item_status", "required")
	case strings.TrimSpace(it.Title) == "":
		return Invalid("item_title", "required")
	case utf8.RuneCountInString(it.Title) > MaxTitleRunes:
		return Invalid("item_title", "toolong")
	}
	for _, c := range it.Choices {
		if err := checkTexts("choices", c); err != nil {
			return err
		}
	}
	if err := checkNames("owner", it.Owner); err != nil {
		return err
	}
	return checkTexts("item_title", it.Title, "target", it.Target, "discussion", it.Discussion, "decision", it.Decision)
}

// ValidateFor checks an item against the agenda of a case's class: Validate,
// and the Choices must be sub-options of the item's regulation row (an その他
// item has none).
func (it *AgendaItem) ValidateFor(class Class) error {
	if err := it.Validate(); err != nil {
		return err
	}
	opts := it.Options(class)
	for _, c := range it.Choices {
		if !oneOf(c, opts...) {
			return Invalid("choices", "unknown")
		}
	}
	return nil
}

// checkNames applies the rules of a person's name (name, value pairs): valid
// text of at most MaxNameRunes characters.
func checkNames(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if utf8.RuneCountInString(pairs[i+1]) > MaxNameRunes {
			return Invalid(pairs[i], "toolong")
		}
	}
	return checkTexts(pairs...)
}

// Keys of the agenda rows whose decisions act on the case or feed the reports.
const (
	ItemKeyStop   = "stop"   // システムの停止: a taken decision with Choices records MilestoneStop
	ItemKeyResume = "resume" // 運用再開の決定: a taken decision records MilestoneApproval
	ItemKeyReview = "review" // 緊急措置の検証及び予防措置の立案 (Table B)
)

// MeetingState is where a meeting stands.
type MeetingState string

const (
	MeetingPlanned   MeetingState = "planned" // 開会前
	MeetingInSession MeetingState = "open"    // 開会中
	MeetingClosed    MeetingState = "closed"  // 閉会
)

// State says whether the meeting is yet to open, in session, or closed.
func (m *Meeting) State() MeetingState {
	switch {
	case !m.ClosedAt.IsZero():
		return MeetingClosed
	case !m.OpenedAt.IsZero():
		return MeetingInSession
	}
	return MeetingPlanned
}

// Decided counts the items whose decision stands (決定 or 事後承認) and all items.
func (m *Meeting) Decided() (decided, total int) {
	for _, it := range m.Items {
		if it.Status.Taken() {
			decided++
		}
	}
	return decided, len(m.Items)
}

// Item returns the agenda item with a regulation key ("stop", "resume"…).
func (m *Meeting) Item(key string) (AgendaItem, bool) {
	for _, it := range m.Items {
		if key != "" && it.Key == key {
			return it, true
		}
	}
	return AgendaItem{}, false
}

// MeetingStepID is the procedure step a meeting of the class's table belongs
// to: "4-6" (第4条第6号) for a failure, "5-6" (第5条第6号) for a misconduct, ""
// otherwise. A closed meeting records this step as done.
func MeetingStepID(c Class) string {
	switch c {
	case ClassFailure:
		return "4-6"
	case ClassMisconduct:
		return "5-6"
	}
	return ""
}

// StopNote is what the stop milestone notes of a stop decision: the options
// picked and, in brackets, what they apply to.
func (it *AgendaItem) StopNote() string {
	note := strings.Join(it.Choices, "、")
	if t := strings.TrimSpace(it.Target); t != "" {
		note += "（" + t + "）"
	}
	return note
}

// PreventionFromMeetings returns the measures the meetings decided: the
// Decision of every taken 緊急措置の検証及び予防措置の立案 item (Key "review", a
// row of Table B only, 第5条第6号), or of a failure meeting's その他 items
// (reviewItems), in the order of ms (by Seq, as Meetings lists them). The screen of prevention measures offers them to take in
// (PreventionSuggestions), and the reports print them among the measures.
func PreventionFromMeetings(ms []Meeting) []string {
	var out []string
	for _, it := range reviewItems(ms) {
		out = append(out, it.Decision)
	}
	return out
}

// OpenTasks returns the tasks not done yet.
func OpenTasks(ts []Task) []Task {
	var out []Task
	for _, t := range ts {
		if !t.Done {
			out = append(out, t)
		}
	}
	return out
}

// MeetingStore keeps the meetings of a case. Every change runs in one
// transaction with its audit event; timelineText, when not empty, goes on the
// case's timeline in the same transaction.
type MeetingStore interface {
	// CreateMeeting gives m an ID and the next Seq of its case and, when m has
	// no Items, the agenda of the case's class (TableA or TableB) in order.
	// (Items given in m are saved onto that agenda as SaveAgendaItem would: a
	// regulation Key fills its row, Key "" adds an その他 item.) A case still
	// 判定中 is refused with Invalid("class", "pending"). Date defaults to Now.
	CreateMeeting(m *Meeting, timelineText string) error
	// SaveMeeting stores the header and attendees (not the items); the case
	// and Seq cannot change. When ClosedAt is set for the first time (閉会),
	// the meeting's procedure step (MeetingStepID: 第4条第6号 or 第5条第6号) is
	// recorded as done, by the Chair at ClosedAt, unless it is done already.
	SaveMeeting(m *Meeting, timelineText string) error
	Meeting(id int64) (Meeting, error)
	// Meetings lists a case's meetings by Seq, with their items; caseID 0
	// lists those of every case.
	Meetings(caseID int64) ([]Meeting, error)
	// SaveAgendaItem stores an item; ID 0 adds an その他 item (Key "") at the
	// end. A regulation item cannot be removed and its Key and Title never
	// change (a change is refused with Invalid("item_title", "regulation")).
	// Choices must be options of the item's row. StartedAt is stamped (Now,
	// unless given) the first time the item is saved with anything in it;
	// DecidedAt is stamped with Now whenever Status changes, and cleared for
	// ItemOpen. Order is kept by the store.
	//
	// When the item's status is taken (決定/事後承認) the decision acts on the
	// case in the same transaction: "stop" with at least one Choice records
	// MilestoneStop with AuthorityMeeting (Note: StopNote; a decision that
	// picks no way of stopping records nothing), "resume" records
	// MilestoneApproval with AuthorityMeeting (Note: the Decision), refused
	// with ResumptionBlocker's error until the integrity check is recorded.
	// Both are recorded at DecidedAt by the meeting's Chair, and the timeline
	// entry is then of kind EntryMilestone. When such a decision stops
	// standing (back to 保留 or open), the milestone it recorded is withdrawn.
	// An Owner makes or updates the item's Task (Text: the Decision, or the
	// Title when there is none); clearing the Owner removes an open Task.
	SaveAgendaItem(it *AgendaItem, timelineText string) error
	// RemoveAgendaItem deletes an その他 item and its Task; regulation items
	// are refused with Invalid("item", "regulation").
	RemoveAgendaItem(id int64, timelineText string) error
	// Tasks lists a case's follow-ups (caseID 0: every case's), open ones
	// first, then by Due (none last).
	Tasks(caseID int64) ([]Task, error)
	// SetTaskDone marks a follow-up done (DoneAt: Now) or open again.
	SetTaskDone(id int64, done bool, timelineText string) error
}
