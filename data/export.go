package data

import (
	"encoding/json"
	"fmt"
	"time"
)

// ExportFormat and ExportVersion identify the JSON written by `kinkyu export`
// (docs/case-json.md). An import refuses any other format, and a version newer
// than the one it knows.
const (
	ExportFormat  = "kinkyu-case"
	ExportVersion = 2 // 2: repair request, notifications, prevention measures, preserved logs (schema 7)
)

// CaseExport is one case with everything the case file records about it: the
// machine-readable copy for the prefecture, for moving a case between case
// files, and for tests that need odd data without editing a file by hand.
// IDs inside it are those of the source file; an import gives new ones and
// keeps the links between the parts (corrections, meetings, tasks).
type CaseExport struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	// Source says where the case came from: the file's name, its case number,
	// the head of its audit chain when exported, and when.
	Source ExportSource `json:"source"`
	// Zone is the case's time zone (IANA name); times carry their offset too.
	Zone string `json:"zone"`

	Case       Case              `json:"case"`
	Timeline   []Entry           `json:"timeline"`
	Steps      []StepProgress    `json:"steps"`
	Misconduct *MisconductReport `json:"misconduct_report,omitempty"`
	Failure    *FailureReport    `json:"failure_report,omitempty"`
	// Response is what was done under 第5条第3号 and 第4号イ・ウ (since
	// version 2, with the origin of the case and the threat's basis, stage
	// and officers).
	Response   *MisconductResponse `json:"misconduct_response,omitempty"`
	Checks     []CheckResult       `json:"checks"`
	Threats    []ThreatAssessment  `json:"threat_assessments"`
	Milestones []Milestone         `json:"milestones"`
	Meetings   []Meeting           `json:"meetings"`
	Tasks      []Task              `json:"tasks"`
	Calls      []ExportedCall      `json:"calls"`
	Documents  []Document          `json:"documents"`
	// Since version 2: the repair request (第4条第7号), the notifications of
	// the related bodies (第4条第9号, 第5条第8号ウ; CallID is a call of Calls
	// above), the prevention measures (第4条第10号; ItemID an agenda item of
	// Meetings above) and the preserved access logs (第5条第7号).
	Repair        *RepairRequest      `json:"repair_request,omitempty"`
	Notifications []Notification      `json:"notifications,omitempty"`
	Prevention    []PreventionMeasure `json:"prevention_measures,omitempty"`
	PreservedLogs []PreservedLog      `json:"preserved_logs,omitempty"`
	// Reports are the recorded 第n報, each with its 文書番号 and its frozen
	// content as it was reported (the JSON of reports.Freeze, kept as is).
	Reports []ExportedReport `json:"report_versions"`
}

// ExportedReport is a recorded 第n報 with its frozen content as JSON.
type ExportedReport struct {
	ReportVersion
	Snapshot json.RawMessage `json:"Snapshot"`
}

// ExportSource describes the case file an export was made from.
type ExportSource struct {
	File       string    `json:"file"`
	Number     string    `json:"number"`
	AuditSeq   int64     `json:"audit_seq"`
	AuditHash  string    `json:"audit_hash"`
	ExportedAt time.Time `json:"exported_at"`
	App        string    `json:"app"`
}

// ExportedCall is a call of the case with the contact point named, since the
// point's ID means nothing in another case file.
type ExportedCall struct {
	Call
	PointBody Body   `json:"point_body,omitempty"`
	PointRole Role   `json:"point_role,omitempty"`
	PointName string `json:"point_name,omitempty"`
}

// Check refuses what is not a case export this version can read, before
// anything is written.
func (x *CaseExport) Check() error {
	switch {
	case x.Format != ExportFormat:
		return &Error{Code: EINVALID, Field: "export", Rule: "format", Err: fmt.Errorf("not a case export (format %q)", x.Format)}
	case x.Version < 1 || x.Version > ExportVersion:
		return &Error{Code: ENEWER, Field: "export", Err: fmt.Errorf("case export version %d (this app reads up to %d)", x.Version, ExportVersion)}
	}
	c := x.Case
	if c.Status == "" {
		c.Status = StatusOpen
	}
	if err := c.Validate(); err != nil {
		return err
	}
	for i := range x.Timeline {
		if err := x.Timeline[i].Validate(); err != nil {
			return err
		}
	}
	return nil
}
