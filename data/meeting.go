package data

import (
	"strings"
	"time"
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
	Chair    string    // 議長: セキュリティ統括責任者
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

// Validate checks a meeting's header and attendees.
func (m *Meeting) Validate() error {
	if m.CaseID == 0 {
		return Invalid("case", "required")
	}
	if !m.ClosedAt.IsZero() && !m.OpenedAt.IsZero() && m.ClosedAt.Before(m.OpenedAt) {
		return Invalid("closed_at", "before_opened")
	}
	for _, a := range m.Attendees {
		if strings.TrimSpace(a.Name) == "" {
			return Invalid("attendee", "required")
		}
		if err := checkTexts("attendee", a.Name, "attendee_role", a.Role); err != nil {
			return err
		}
	}
	return checkTexts("place", m.Place, "chair", m.Chair, "recorder", m.Recorder, "minutes_signer", m.MinutesSigner)
}

// Validate checks an agenda item.
func (it *AgendaItem) Validate() error {
	switch {
	case !it.Status.Valid():
		return Invalid("status", "required")
	case strings.TrimSpace(it.Title) == "":
		return Invalid("title", "required")
	}
	return checkTexts("title", it.Title, "target", it.Target, "discussion", it.Discussion,
		"decision", it.Decision, "owner", it.Owner)
}

// MeetingStore keeps the meetings of a case. Every change runs in one
// transaction with its audit event; timelineText, when not empty, goes on the
// case's timeline in the same transaction.
type MeetingStore interface {
	// CreateMeeting gives m an ID and the next Seq of its case and, when m has
	// no Items, the agenda of the case's class (TableA or TableB) in order.
	CreateMeeting(m *Meeting, timelineText string) error
	// SaveMeeting stores the header and attendees (not the items).
	SaveMeeting(m *Meeting, timelineText string) error
	Meeting(id int64) (Meeting, error)
	// Meetings lists a case's meetings by Seq, with their items; caseID 0
	// lists those of every case.
	Meetings(caseID int64) ([]Meeting, error)
	// SaveAgendaItem stores an item; ID 0 adds an その他 item (Key "") at the
	// end. A regulation item cannot be removed and its Key and Title never
	// change. When the item's status is taken (決定/事後承認) the decision acts
	// on the case in the same transaction: "stop" records MilestoneStop with
	// AuthorityMeeting, "resume" records MilestoneApproval with
	// AuthorityMeeting (refused with the blocker's error until the integrity
	// check is recorded), and an Owner makes or updates the item's Task.
	SaveAgendaItem(it *AgendaItem, timelineText string) error
	// RemoveAgendaItem deletes an その他 item; regulation items are refused.
	RemoveAgendaItem(id int64, timelineText string) error
	// Tasks lists a case's follow-ups, open ones first.
	Tasks(caseID int64) ([]Task, error)
	SetTaskDone(id int64, done bool, timelineText string) error
}
