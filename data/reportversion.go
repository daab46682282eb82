package data

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The 記号 of the city's document numbers (大住第123号): set once in 設定.
// The "letter" work (data/letter.go) reuses these names for its settings.
const (
	SettingLetterSymbol = "letter.symbol"
	DefaultLetterSymbol = "大住"
)

// EntryDocument is the timeline kind of the app's own bookkeeping about
// documents: a PDF written, with its file name and SHA-256. It is kept in
// the case file (and the audit log) but left out of the 経過 that documents
// print, which is the officer's record of the incident.
const EntryDocument = "document"

// ReportVersion is one 第n報 as it was reported: its number, 文書番号,
// 報告日時, reporter and addressee, and the report's content frozen at that
// moment (Snapshot, made by reports.Freeze). A version is never changed: a
// later report is a new version, and the last may be marked 最終報 (Final).
type ReportVersion struct {
	ID         int64
	CaseID     int64
	No         int    // 第n報
	Final      bool   // 最終報
	Kind       string // DocMisconductReport or DocFailureReport
	Number     string // 文書番号 as printed, e.g. 大住第123号
	ReportedAt time.Time
	Reporter   string
	Addressee  string
	Snapshot   []byte
	CreatedAt  time.Time
	By         string
}

// MaxSnapshotBytes bounds a frozen report; a case's whole content is far
// smaller (the text limits above), so a bigger one is a mistake.
const MaxSnapshotBytes = 64 << 20

// Validate checks a version before it is recorded.
func (v *ReportVersion) Validate() error {
	switch {
	case v.Kind != DocMisconductReport && v.Kind != DocFailureReport:
		return Invalid("document", "required")
	case v.CaseID == 0:
		return Invalid("case", "required")
	case v.No < 1:
		return Invalid("report_no", "range")
	case v.ReportedAt.IsZero():
		return Invalid("reported_at", "required")
	case len(v.Snapshot) == 0:
		return Invalid("snapshot", "required")
	case len(v.Snapshot) > MaxSnapshotBytes:
		return Invalid("snapshot", "toolong")
	}
	if err := checkDocNumber(v.Number, true); err != nil {
		return err
	}
	for _, f := range [][2]string{{"reporter", v.Reporter}, {"reported_to", v.Addressee}, {"by", v.By}} {
		if utf8.RuneCountInString(f[1]) > MaxNameRunes {
			return Invalid(f[0], "toolong")
		}
		if !utf8.ValidString(f[1]) {
			return Invalid(f[0], "encoding")
		}
	}
	return nil
}

// MaxDocNumberRunes bounds a 文書番号 typed by the officer (大崎市住第1234号
// and the like are short; 文書管理 systems add a few characters at most).
const MaxDocNumberRunes = 40

// CheckDocNumber checks a 文書番号 typed by the officer: one line, not
// empty, not too long.
func CheckDocNumber(n string) error { return checkDocNumber(n, false) }

func checkDocNumber(n string, emptyOK bool) error {
	switch {
	case strings.TrimSpace(n) == "":
		if emptyOK {
			return nil
		}
		return Invalid("doc_number", "required")
	case !utf8.ValidString(n):
		return Invalid("doc_number", "encoding")
	case utf8.RuneCountInString(n) > MaxDocNumberRunes:
		return Invalid("doc_number", "toolong")
	case hasControl(n) || strings.ContainsRune(n, '\t'):
		return Invalid("doc_number", "control")
	}
	return nil
}

// FiscalYear is the 年度 of t: from 1 April to 31 March, reckoned in t's
// zone (give it the case file's zone). 2027-03-31 is in 年度 2026, 2027-04-01
// in 年度 2027.
func FiscalYear(t time.Time) int {
	if t.Month() < time.April {
		return t.Year() - 1
	}
	return t.Year()
}

// FormatDocNumber is a number of the register as printed: 大住第123号.
func FormatDocNumber(symbol string, serial int) string {
	return symbol + "第" + strconv.Itoa(serial) + "号"
}
