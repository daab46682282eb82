package data

import (
	"slices"
	"strings"
	"time"
)

// Notification records that a related body was told that operation resumed:
// 第4条第9号 (「セキュリティ責任者は,関係機関にシステム運用再開の連絡をする。」)
// for a failure, 第5条第8号ウ (「関係機関に運用再開の連絡をする。」) for a
// misconduct. One record per body told: which body, when, by whom and how.
// The misconduct side uses the same type and the same table (StepID says
// which provision).
type Notification struct {
	ID     int64
	CaseID int64
	StepID string // NotificationStep of the case's class: "4-9" or "5-8-c"
	Body   Body   // BodyPrefecture, BodyAgency, BodyContractor or BodyOther
	Name   string // the body as the officer names it (宮城県 市町村課); "" prints the body's label
	Person string // who received it (相手)
	At     time.Time
	By     string // who told them
	Method string // NotifyPhone, NotifyFax, NotifyMail, NotifyDocument, NotifyInPerson
	Note   string // what was said
	CallID int64  // the call of the 連絡 tab it was taken from; 0 when typed
}

// How a body was told.
const (
	NotifyPhone    = "phone"    // 電話
	NotifyFax      = "fax"      // FAX
	NotifyMail     = "mail"     // 電子メール
	NotifyDocument = "document" // 文書
	NotifyInPerson = "inperson" // 対面
)

// NotifyMethods lists the methods in the order screens offer them.
var NotifyMethods = []string{NotifyPhone, NotifyFax, NotifyMail, NotifyDocument, NotifyInPerson}

// NotifyBodies are the bodies a notification can go to: the related bodies
// of 第3条 other than the city itself, the contractor, and others.
var NotifyBodies = []Body{BodyPrefecture, BodyAgency, BodyContractor, BodyOther}

// NotificationStep is the step of a class that records the notification of
// the related bodies: 第4条第9号 for a failure, 第5条第8号ウ for a misconduct;
// "" for a case not yet classed.
func NotificationStep(c Class) string {
	switch c {
	case ClassFailure:
		return "4-9"
	case ClassMisconduct:
		return "5-8-c"
	}
	return ""
}

// Validate checks a notification.
func (n *Notification) Validate() error {
	normalizeText(n) // typed text in NFC (nfc.go)
	switch {
	case n.StepID != "4-9" && n.StepID != "5-8-c":
		return Invalid("step", "required")
	case !slices.Contains(NotifyBodies, n.Body):
		return Invalid("notify_body", "required")
	case !slices.Contains(NotifyMethods, n.Method):
		return Invalid("notify_method", "required")
	case n.At.IsZero():
		return Invalid("notify_at", "required")
	case strings.TrimSpace(n.By) == "":
		return Invalid("notify_by", "required")
	}
	return checkTexts("notify_name", n.Name, "notify_person", n.Person, "notify_by", n.By, "note", n.Note)
}

// NotificationFromCall prefills a notification from a call of the 連絡 tab
// that reached a related body: the body and its name, the person, the time,
// who called, 電話, and what was said. ok is false for a call that cannot be
// one (not reached, or to someone within the city).
func NotificationFromCall(step string, c Call, p ContactPoint) (n Notification, ok bool) {
	if !c.Reached || !slices.Contains(NotifyBodies, p.Body) {
		return n, false
	}
	return Notification{CaseID: c.CaseID, StepID: step, Body: p.Body, Name: p.Name, Person: c.Person,
		At: c.At, By: c.By, Method: NotifyPhone, Note: c.Note, CallID: c.ID}, true
}

// UnnotifiedBodies are the related bodies of 第3条 (the prefecture and the
// designated agency) that no notification of the list reaches yet.
func UnnotifiedBodies(ns []Notification) []Body {
	var out []Body
	for _, b := range []Body{BodyPrefecture, BodyAgency} {
		if !slices.ContainsFunc(ns, func(n Notification) bool { return n.Body == b }) {
			out = append(out, b)
		}
	}
	return out
}
