package data

import (
	"strings"
	"time"
)

// Origin is how the city learned of a case.
type Origin string

const (
	OriginUnset      Origin = ""           // not said (a case from before schema 9)
	OriginDiscovery  Origin = "discovery"  // 住基ネット担当者が発見 (第5条第1号)
	OriginPrefecture Origin = "prefecture" // 宮城県からの通報 (第5条第2号)
	OriginAgency     Origin = "agency"     // 指定情報処理機関からの通報 (第5条第2号)
)

// Origins lists the origins in the order screens offer them.
var Origins = []Origin{OriginDiscovery, OriginPrefecture, OriginAgency}

// Valid reports whether o is "" or a known origin.
func (o Origin) Valid() bool {
	return o == OriginUnset || o == OriginDiscovery || o == OriginPrefecture || o == OriginAgency
}

// Notice reports whether the case started from a 通報 (第5条第2号).
func (o Origin) Notice() bool { return o == OriginPrefecture || o == OriginAgency }

// MisconductResponse is what 第5条第3号 and 第5条第4号イ・ウ ask to be done
// about a misconduct, beyond ticking the steps: the 支障 on data protection
// reported to the セキュリティ統括責任者, the 事情聴取 of those concerned and
// the 保有情報の廃棄等, and the request made via 宮城県 to 指定情報処理機関
// when the misconduct is at a 行政機関等 that received 本人確認情報.
type MisconductResponse struct {
	CaseID int64
	// 第5条第3号: データ保護等に支障が生じ, 又は生じるおそれがあるとき.
	Impact          string // ImpactNone, ImpactPossible, ImpactYes
	ImpactText      string // 不正行為の状況, 支障の程度等
	ChiefReportedAt time.Time
	// 第5条第4号イ: 関係者からの事情聴取, 保有情報の廃棄等の措置.
	HearingWith   string // 事情聴取の相手（関係者）
	HearingBy     string // 聴取した者
	HearingAt     time.Time
	HearingResult string
	Disposal      YesNo  // 保有情報の廃棄等の措置を講じたか
	DisposalText  string // what was disposed of, how
	DisposalAt    time.Time
	// 第5条第4号ウ: 宮城県を経由して指定情報処理機関に対し要請.
	Agency         string // 不正行為の発生が認められた行政機関等
	RequestText    string // 要請した緊急措置（報告の聴取, 調査等）
	RequestedAt    time.Time
	AgencyReport   string // 講じた措置についての報告
	AgencyReportAt time.Time
}

// Empty reports whether nothing is recorded.
func (r MisconductResponse) Empty() bool { return r == MisconductResponse{CaseID: r.CaseID} }

// Validate checks the choices and lengths.
func (r *MisconductResponse) Validate() error {
	normalizeText(r) // typed text in NFC (nfc.go)
	switch {
	case !oneOf(r.Impact, "", ImpactNone, ImpactPossible, ImpactYes):
		return Invalid("impact", "required")
	case !r.Disposal.Valid():
		return Invalid("disposal", "required")
	}
	return checkTexts("impact_text", r.ImpactText, "hearing_with", r.HearingWith, "hearing_by", r.HearingBy,
		"hearing_result", r.HearingResult, "disposal_text", r.DisposalText, "agency", r.Agency,
		"request_text", r.RequestText, "agency_report", r.AgencyReport)
}

// How a threat level was reached (第5条 table): from the examples ticked, or
// from the 事象 column alone when no example fits.
const (
	BasisExamples = "examples"
	BasisEvent    = "event"
)

// Stages of a threat level: the early estimate 「…に該当する可能性が高い」
// (第5条第2号ウ: レベル2又は3; 第5条第4号イ: レベル3) and the 判定 made by the
// セキュリティ責任者 and the システム管理者 together (第5条第5号). "" is a
// determination recorded before the two were told apart.
const (
	StageProvisional = "provisional"
	StageFormal      = "formal"
)

// Provisional reports whether a is the early estimate, not the 判定.
func (a ThreatAssessment) Provisional() bool { return a.Stage == StageProvisional }

// validateJudgement checks the fields of schema 9: the basis, the stage and
// the two officers of a 判定.
func (a *ThreatAssessment) validateJudgement() error {
	switch a.Basis {
	case "", BasisExamples:
		a.Basis = BasisExamples
		if a.EventText != "" && strings.TrimSpace(a.EventText) == "" {
			a.EventText = ""
		}
	case BasisEvent:
		if len(a.Examples) != 0 {
			return Invalid("examples", "event")
		}
		if !a.Level.Valid() {
			return Invalid("level", "required")
		}
		if strings.TrimSpace(a.EventText) == "" {
			return Invalid("event_text", "required")
		}
	default:
		return Invalid("basis", "required")
	}
	switch a.Stage {
	case "":
	case StageProvisional:
		// The regulation estimates only 「レベル2又は3」 or 「レベル3」.
		if a.Level < 2 {
			return Invalid("level", "provisional")
		}
	case StageFormal:
		if strings.TrimSpace(a.Officer) == "" {
			return Invalid("officer", "required")
		}
		if strings.TrimSpace(a.Admin) == "" {
			return Invalid("admin", "required")
		}
	default:
		return Invalid("stage", "required")
	}
	if err := checkNames("officer", a.Officer, "admin", a.Admin); err != nil {
		return err
	}
	return checkTexts("event_text", a.EventText)
}

// NeedsReason reports whether a, recorded after earlier (oldest first), is a
// revision that must say why: a 判定 (or a determination of before schema 7)
// after another. An estimate is no 判定 and revises none; the first 判定
// after estimates confirms or corrects them, and needs no reason either.
func NeedsReason(earlier []ThreatAssessment, a ThreatAssessment) bool {
	if a.Stage == StageProvisional {
		return false
	}
	for _, e := range earlier {
		if e.Stage != StageProvisional {
			return true
		}
	}
	return false
}

// CurrentJudgement returns the latest 判定 (or legacy determination) and
// the latest estimate recorded after it, if any.
func CurrentJudgement(ts []ThreatAssessment) (formal, estimate *ThreatAssessment) {
	for i := range ts {
		if ts[i].Provisional() {
			estimate = &ts[i]
		} else {
			formal, estimate = &ts[i], nil
		}
	}
	return formal, estimate
}
