package data

import (
	"strings"
	"time"
)

// Document kinds: the documents the app writes for a case.
const (
	DocMisconductReport = "misconduct_report" // 不正行為発生報告書
	DocFailureReport    = "failure_report"    // 障害発生報告書
	DocAgenda           = "agenda"            // セキュリティ会議 次第
	DocMinutes          = "minutes"           // セキュリティ会議 議事録
	DocDecisions        = "decisions"         // 決定事項一覧
	DocContactSheet     = "contact_sheet"     // 緊急時連絡網
	DocChangeNotice     = "change_notice"     // 連絡先変更届
)

// DocKinds are the kinds a Document may have.
var DocKinds = []string{DocMisconductReport, DocFailureReport, DocAgenda, DocMinutes, DocDecisions, DocContactSheet, DocChangeNotice}

// FileWide reports whether a document kind may belong to the whole case file
// rather than to one case (Document.CaseID 0): 緊急時連絡網 and 連絡先変更届.
func FileWide(kind string) bool { return kind == DocContactSheet || kind == DocChangeNotice }

// Signer is a certificate that signed a document of this case file, known by
// the SHA-256 fingerprint of its DER encoding.
type Signer struct {
	Fingerprint string
	Name        string
}

// Document records a PDF the app wrote: which case, what kind, its SHA-256
// (so a printout or a copy can be matched later), and who signed it. CaseID is
// 0 for a document of the whole file (FileWide kinds: the contact sheet and
// the change notice), which goes on no case's timeline.
type Document struct {
	ID        int64
	CaseID    int64
	Kind      string
	FileName  string
	SHA256    string
	Signers   []Signer
	CreatedAt time.Time
	By        string
}

// Validate checks a document record.
func (d *Document) Validate() error {
	switch {
	case !oneOf(d.Kind, DocKinds...):
		return Invalid("document", "required")
	case d.CaseID == 0 && !FileWide(d.Kind):
		return Invalid("case", "required")
	case len(d.SHA256) != 64 || strings.Trim(d.SHA256, "0123456789abcdef") != "":
		return Invalid("sha256", "format")
	}
	for _, s := range d.Signers {
		if len(s.Fingerprint) != 64 || strings.Trim(s.Fingerprint, "0123456789abcdef") != "" {
			return Invalid("fingerprint", "format")
		}
	}
	return checkTexts("file_name", d.FileName, "by", d.By)
}
