package data

import "time"

// Draft is text typed into a field that is not yet a record (issue #14): the
// 経過 quick entry, the note of a call, a correction being written. It is
// kept in the case file as it is typed and shown again in its field when the
// case is opened, until it is recorded or emptied. A draft is not a record:
// it has no audit event and is not exported.
type Draft struct {
	CaseID    int64  // 0: a draft of the file, typed before there is a case (新規事案)
	Key       string // the field, e.g. DraftTimeline
	Text      string
	UpdatedAt time.Time
}

// DraftTimeline is the key of the 経過 quick entry's draft.
const DraftTimeline = "timeline"

// DraftStore keeps drafts.
type DraftStore interface {
	// Drafts lists the drafts of a case; with caseID 0, those of the file
	// (CaseID 0) and of every case, by case and key.
	Drafts(caseID int64) ([]Draft, error)
	// SetDraft keeps text as the draft of a field of a case, or of the file
	// with caseID 0 (a dialog before there is a case); "" (or only spaces)
	// removes it.
	SetDraft(caseID int64, key, text string) error
}
