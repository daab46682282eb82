package data

import "time"

// Store is the case file as the UI and the documents see it. Every method that
// changes something runs in one transaction together with its audit event, and
// returns only once that transaction is durable on disk.
type Store interface {
	MeetingStore
	ContactStore
	DraftStore
	AftercareStore

	// Path is the file the store works on.
	Path() string
	// ReadOnly reports whether the file was opened for reading only (on
	// write-protected media, or open in another window): every change fails
	// with EREADONLY.
	ReadOnly() bool
	// SetActor names who the following changes are attributed to in the audit
	// log, e.g. "山田（セキュリティ責任者）".
	SetActor(name string)
	Close() error

	// CreateCase validates c, gives it an ID and, when empty, the next number of
	// its discovery year (2026-001), and stores it.
	CreateCase(c *Case) error
	// UpdateCase stores the header fields of an existing case.
	UpdateCase(c *Case) error
	Case(id int64) (Case, error)
	CaseByNumber(number string) (Case, error)
	Cases(f CaseFilter) ([]Case, error)
	CountCases(f CaseFilter) (int, error)
	// Search finds cases whose title or timeline contains q, newest first.
	Search(q string, limit int) ([]SearchHit, error)

	// SetStep records a procedure step as done or not done, with a note, and
	// in the same transaction puts timelineText (when not empty) on the timeline.
	// A resumption step (ResumeSteps) is refused until ResumptionBlocker allows it.
	SetStep(p StepProgress, timelineText string) error
	Steps(caseID int64) (map[string]StepProgress, error)

	// AddEntry appends to the timeline. A correction sets Corrects.
	AddEntry(e *Entry) error
	Timeline(caseID int64) ([]Entry, error)
	// TimelineAfter returns the entries of a case added after the entry
	// afterID (a higher ID), in the order they happened, and how many
	// entries the case has in all: a screen showing the timeline up to
	// afterID learns what is new without reading it all again.
	TimelineAfter(caseID, afterID int64) (added []Entry, total int, err error)

	// ChangeClass decides or changes the class of a case (第2条). Changing a
	// decided class needs a reason; timelineText records it on the timeline.
	ChangeClass(caseID int64, class Class, reason, timelineText string) error

	// The report items of a misconduct (第5条第1号) and of a failure (第4条).
	// Reading a case that has none yet returns an empty report.
	MisconductReport(caseID int64) (MisconductReport, error)
	SaveMisconductReport(r *MisconductReport, timelineText string) error
	FailureReport(caseID int64) (FailureReport, error)
	SaveFailureReport(r *FailureReport, timelineText string) error
	// MisconductResponse is what was done under 第5条第3号 and 第4号イ・ウ
	// (an empty one until something is recorded).
	MisconductResponse(caseID int64) (MisconductResponse, error)
	SaveMisconductResponse(r *MisconductResponse, timelineText string) error
	CheckResults(caseID int64) (map[string]CheckResult, error)
	SetCheckResult(c CheckResult, timelineText string) error

	// ThreatAssessments lists a case's threat level determinations, oldest
	// first; AssessThreat adds one (a revision needs a reason: NeedsReason).
	ThreatAssessments(caseID int64) ([]ThreatAssessment, error)
	AssessThreat(a *ThreatAssessment, timelineText string) error

	// Milestones are the facts the guard rails of resumption depend on.
	Milestones(caseID int64) (map[MilestoneKind]Milestone, error)
	SetMilestone(m Milestone, timelineText string) error

	// RecordDocument notes a PDF written for a case (or, with CaseID 0, for the
	// whole file: FileWide kinds only, on no timeline), with its SHA-256 and
	// signers, on the timeline (timelineText) and in the audit log; its
	// signers become known certificates of this case file.
	RecordDocument(d *Document, timelineText string) error
	// Documents lists a case's documents, oldest first; caseID 0 lists those
	// of the whole file.
	Documents(caseID int64) ([]Document, error)
	// KnownSigner reports whether a certificate signed a document of this
	// case file, and under which name.
	KnownSigner(fingerprint string) (Signer, bool, error)

	// IssueDocNumber gives a 文書番号 from the case file's register for a
	// document of kind about a case (0: the whole file). With manual "" it is
	// the next number of the 年度 of at (from 1 April, in the case file's time
	// zone) under the 記号 set in 設定 (大住第123号); otherwise manual is the
	// number the 文書管理 system gave, recorded as typed. A number is never
	// given twice: one given before is refused with EEXISTS (field doc_number).
	IssueDocNumber(kind string, caseID int64, manual string, at time.Time) (string, error)
	// RecordReportVersion records a 第n報 as reported, frozen, with
	// timelineText on the timeline. An empty Number is issued from the
	// register in the same transaction; a Number given by IssueDocNumber for
	// this case is taken; any other is registered as typed (refused if given
	// before). A report number already recorded, or one after a 最終報, is
	// refused.
	RecordReportVersion(v *ReportVersion, timelineText string) error
	// ReportVersions lists a case's recorded reports, oldest first.
	ReportVersions(caseID int64) ([]ReportVersion, error)
	// PendingDocNumber is the latest 文書番号 the register gave for a
	// document of kind about the case that no recorded report uses yet (a
	// draft printed with the register's next number, then sent), "" if none:
	// recording that report should keep the number on the paper.
	PendingDocNumber(caseID int64, kind string) (string, error)

	// Setting and SetSetting hold values that travel with the case file, such as
	// the city and prefecture names.
	Setting(key, def string) (string, error)
	SetSetting(key, value string) error

	Head() (ChainHead, error)
	AuditEvents(fromSeq int64, limit int) ([]AuditEvent, error)
	// Check runs SQLite's integrity check and verifies the audit chain.
	Check() (CheckReport, error)
	// SaveCopy writes a consistent copy of the case file to path (which must not exist).
	SaveCopy(path string) error
}

// Settings keys stored in the case file.
const (
	SettingCity       = "city"
	SettingPrefecture = "prefecture"
)

// Default names for a new case file (the regulation's own city and prefecture).
const (
	DefaultCity       = "大崎市"
	DefaultPrefecture = "宮城県"
)

// Now is the clock of the domain; tests replace it.
var Now = func() time.Time { return time.Now() }
