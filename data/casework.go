package data

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// TimeState says how well a time in a report is known (第5条第1号ア): a date
// and time, or 不明 (cannot be known) or 未確認 (not yet established), with a note.
type TimeState string

const (
	TimeKnown       TimeState = "known"
	TimeUnknown     TimeState = "unknown"     // 不明
	TimeUnconfirmed TimeState = "unconfirmed" // 未確認
)

// Valid reports whether s is a known state; "" counts as not yet entered.
func (s TimeState) Valid() bool {
	return s == "" || s == TimeKnown || s == TimeUnknown || s == TimeUnconfirmed
}

// YesNo is an answer that may not be given yet ("").
type YesNo string

const (
	Yes YesNo = "yes"
	No  YesNo = "no"
)

// Valid reports whether v is "", Yes or No.
func (v YesNo) Valid() bool { return v == "" || v == Yes || v == No }

// MisconductReport holds the report items of 第5条第1号 for a misconduct case
// and who reported to whom. Item ① is on the Case (DiscoveredAt, OccurredAt,
// OccurredState, OccurredNote); DiscoveryNote adds to it.
type MisconductReport struct {
	CaseID         int64
	DiscoveryNote  string // ① how and by whom it was found
	Device         string // ② 不正行為が発生した機器
	Location       string // ② その設置場所
	Details        string // ③ 不正行為の内容
	ExpectedDamage string // ③ 想定される被害等
	Measures       YesNo  // ④ 報告するまでに行った応急措置等の有無
	MeasuresText   string // ④ what was done
	Reporter       string
	ReportedTo     string
	ReportedAt     time.Time
	ReportNo       int // 第○報: the number of the latest report made
}

// Validate checks the lengths and the choices of the report.
func (r *MisconductReport) Validate() error {
	normalizeText(r) // typed text in NFC (nfc.go)
	if !r.Measures.Valid() {
		return Invalid("measures", "required")
	}
	if r.ReportNo < 0 {
		return Invalid("report_no", "range")
	}
	return checkTexts(
		"discovery_note", r.DiscoveryNote, "device", r.Device, "location", r.Location,
		"details", r.Details, "expected_damage", r.ExpectedDamage, "measures_text", r.MeasuresText,
		"reporter", r.Reporter, "reported_to", r.ReportedTo,
	)
}

// Answers about a failure (第4条).
const (
	ImpactNone     = "none"     // データの保護等に支障なし
	ImpactPossible = "possible" // 支障が生じるおそれ
	ImpactYes      = "yes"      // 支障が生じた

	StopTemporary = "temporary" // 停止は一時的 (第4条第6号)
	StopLong      = "long"      // 長時間に及ぶ

	DecisionStop    = "stop"    // セキュリティ統括責任者が直ちにシステムの停止を命じた
	DecisionMeeting = "meeting" // セキュリティ会議を開催して審議する
)

// FailureReport is what 第4条第1号〜第6号 ask to establish about a failure.
type FailureReport struct {
	CaseID                int64
	Type                  FailureType // 障害の種類 (第4条第2号)
	Event                 string      // 事象: what happened, e.g. 停電
	Place                 string      // 障害個所 (第4条第1号)
	Cause                 string      // the cause found (第4条第5号)
	CauseUnknown          bool        // 原因が特定できない → 保守委託事業者に協力を要請
	ContractorRequest     string      // to whom and what was asked
	ContractorRequestedAt time.Time
	DataImpact            string // ImpactNone, ImpactPossible, ImpactYes (第4条第4号)
	DataImpactText        string // 障害の状況, 支障の程度等
	ChiefReportedAt       time.Time
	StopEstimate          string // StopTemporary, StopLong (第4条第6号)
	StopDecision          string // DecisionStop, DecisionMeeting
	DecidedAt             time.Time
	DecidedBy             string
	Reporter              string
	ReportedTo            string
	ReportedAt            time.Time
	ReportNo              int
}

// Validate checks the choices and lengths of the failure report.
func (r *FailureReport) Validate() error {
	normalizeText(r) // typed text in NFC (nfc.go)
	switch {
	case r.Type != "" && r.Type.Info().Type == "":
		return Invalid("failure_type", "required")
	case !oneOf(r.DataImpact, "", ImpactNone, ImpactPossible, ImpactYes):
		return Invalid("data_impact", "required")
	case !oneOf(r.StopEstimate, "", StopTemporary, StopLong):
		return Invalid("stop_estimate", "required")
	case !oneOf(r.StopDecision, "", DecisionStop, DecisionMeeting):
		return Invalid("stop_decision", "required")
	case r.ReportNo < 0:
		return Invalid("report_no", "range")
	}
	return checkTexts(
		"event", r.Event, "place", r.Place, "cause", r.Cause, "contractor_request", r.ContractorRequest,
		"data_impact_text", r.DataImpactText, "decided_by", r.DecidedBy, "reporter", r.Reporter, "reported_to", r.ReportedTo,
	)
}

// Results of a check (確認事項, 第4条第3号).
const (
	CheckOK       = "ok"       // 異常なし
	CheckAbnormal = "abnormal" // 異常あり
	CheckNotDone  = "notdone"  // 未実施
)

// CheckResult is the result of one check of the failure type's list.
type CheckResult struct {
	CaseID  int64
	CheckID string // CheckID(type, n)
	Result  string
	Note    string
	At      time.Time
	By      string
}

// CheckID names the n-th (from 1) check of a failure type: "network.3".
func CheckID(t FailureType, n int) string { return string(t) + "." + strconv.Itoa(n) }

// CheckText returns the regulation's wording of a check ID, or "".
func CheckText(id string) string {
	t, n, ok := strings.Cut(id, ".")
	if !ok {
		return ""
	}
	i, err := strconv.Atoi(n)
	checks := FailureType(t).Info().Checks
	if err != nil || i < 1 || i > len(checks) {
		return ""
	}
	return checks[i-1]
}

// Validate checks a check result.
func (c *CheckResult) Validate() error {
	normalizeText(c) // typed text in NFC (nfc.go)
	switch {
	case CheckText(c.CheckID) == "":
		return Invalid("check", "required")
	case !oneOf(c.Result, CheckOK, CheckAbnormal, CheckNotDone):
		return Invalid("result", "required")
	}
	return checkTexts("note", c.Note, "by", c.By)
}

// ThreatAssessment is one determination of a misconduct's threat level (第5条):
// the examples of the table that match, and the level that follows. A later
// assessment revises it and must say why; the earlier ones stay. The
// regulation says nothing about revising a level: the history is our practice,
// so no screen or document cites an article for it.
type ThreatAssessment struct {
	ID       int64
	CaseID   int64
	Examples []string // ThreatExample IDs
	Level    ThreatLevel
	Reason   string
	At       time.Time
	By       string
	// Basis is BasisExamples (the level follows from Examples) or
	// BasisEvent: no example fits, the level is judged on the 事象 column
	// alone and EventText describes the event (第5条 table).
	Basis     string
	EventText string
	// Stage is StageProvisional (「可能性が高い」, 第5条第2号ウ・第4号イ),
	// StageFormal (the 判定 of 第5条第5号 by Officer, the セキュリティ責任者,
	// and Admin, the システム管理者) or "" (recorded before schema 9).
	Stage   string
	Officer string
	Admin   string
}

// Validate checks an assessment; revision says whether an earlier one exists.
func (a *ThreatAssessment) Validate(revision bool) error {
	normalizeText(a) // typed text in NFC (nfc.go)
	if err := a.validateJudgement(); err != nil {
		return err
	}
	if a.Basis == BasisExamples {
		if len(a.Examples) == 0 {
			return Invalid("examples", "required")
		}
		for _, id := range a.Examples {
			if LevelOf([]string{id}) == 0 {
				return Invalid("examples", "unknown")
			}
		}
		if a.Level != LevelOf(a.Examples) {
			return Invalid("level", "mismatch")
		}
	}
	if revision && strings.TrimSpace(a.Reason) == "" {
		return Invalid("reason", "required")
	}
	return checkTexts("reason", a.Reason, "by", a.By)
}

// MilestoneKind names a fact the procedure's guard rails depend on.
type MilestoneKind string

const (
	// MilestoneStop: the system was stopped (停止命令 by the chief, or by the
	// meeting's decision: Authority says which).
	MilestoneStop MilestoneKind = "stop"
	// MilestoneIntegrity: 本人確認情報の整合性を確認した (第4条第8号, 第5条第8号ア).
	MilestoneIntegrity MilestoneKind = "integrity"
	// MilestoneApproval: resumption approved by the chief, or decided by the
	// meeting (Authority).
	MilestoneApproval MilestoneKind = "approval"
	// MilestoneReregistration: アクセス権限の設定変更, 照合情報及び照合IDの再登録
	// done or judged unnecessary (第5条第8号イ), before resuming.
	MilestoneReregistration MilestoneKind = "reregistration"
)

// Authorities for a stop or an approval.
const (
	AuthorityChief   = "chief"   // セキュリティ統括責任者
	AuthorityMeeting = "meeting" // セキュリティ会議
)

// Milestone records one such fact; recording it again replaces it, and Done
// false withdraws it (both stay in the audit log and on the timeline).
type Milestone struct {
	CaseID    int64
	Kind      MilestoneKind
	Done      bool
	Authority string // for stop and approval
	At        time.Time
	By        string
	Note      string
}

// Validate checks a milestone.
func (m *Milestone) Validate() error {
	normalizeText(m) // typed text in NFC (nfc.go)
	switch {
	case !oneOf(string(m.Kind), string(MilestoneStop), string(MilestoneIntegrity), string(MilestoneApproval), string(MilestoneReregistration)):
		return Invalid("milestone", "required")
	case (m.Kind == MilestoneStop || m.Kind == MilestoneApproval) && m.Done && !oneOf(m.Authority, AuthorityChief, AuthorityMeeting):
		return Invalid("authority", "required")
	}
	return checkTexts("note", m.Note, "by", m.By)
}

// ResumeSteps are the steps that record 運用再開.
var ResumeSteps = map[string]bool{"4-8": true, "5-8-a": true}

// ResumptionBlocker says why operation cannot be recorded as resumed yet, as a
// validation error for the step, or nil when it can (第4条第8号, 第5条第8号ア):
// after a recorded stop, the integrity of 本人確認情報 must be confirmed first,
// then approved by the chief, or decided by the meeting where the meeting
// ordered the stop.
//
// Both provisions apply only where the system was stopped (「システムを一時停止
// した場合」, 「第4号に規定する緊急措置としてシステムを停止した場合」): with no
// stop recorded (or the stop withdrawn) the regulation asks for no check and
// no approval, and nothing blocks the step.
func ResumptionBlocker(ms map[MilestoneKind]Milestone) error {
	if !ms[MilestoneStop].Done {
		return nil
	}
	if !ms[MilestoneIntegrity].Done {
		return Invalid("step", "needintegrity")
	}
	approval := ms[MilestoneApproval]
	if !approval.Done {
		return Invalid("step", "needapproval")
	}
	if ms[MilestoneStop].Authority == AuthorityMeeting && approval.Authority != AuthorityMeeting {
		return Invalid("step", "needmeeting")
	}
	if approval.At.Before(ms[MilestoneIntegrity].At) {
		return Invalid("step", "approvalbeforeintegrity")
	}
	return nil
}

func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}

// checkTexts applies the free-text rules to several fields at once, given as
// name, value pairs; the first field at fault is reported.
func checkTexts(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		name, v := pairs[i], pairs[i+1]
		switch {
		case !utf8.ValidString(v):
			return Invalid(name, "encoding")
		case utf8.RuneCountInString(v) > MaxTextRunes:
			return Invalid(name, "toolong")
		}
	}
	return nil
}
