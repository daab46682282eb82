package data

import (
	"strings"
	"time"
)

// RepairRequest is the request of 第4条第7号: 「システム管理者は,直ちに修理,
// 復旧その他の措置を実施する。必要に応じて保守委託事業者に修復等を依頼する。」
// To whom it went (依頼先), when (依頼日時), what was asked (内容) and when the
// work was done (完了日時). A failure case has at most one; an empty one means
// none was needed or recorded.
type RepairRequest struct {
	CaseID      int64
	To          string // 依頼先, e.g. 保守委託事業者（○○システム株式会社）
	RequestedAt time.Time
	Content     string // 内容
	CompletedAt time.Time
	By          string // who asked (the システム管理者)
}

// Empty reports whether nothing of the request is recorded.
func (r RepairRequest) Empty() bool {
	return strings.TrimSpace(r.To) == "" && r.RequestedAt.IsZero() && strings.TrimSpace(r.Content) == "" &&
		r.CompletedAt.IsZero() && strings.TrimSpace(r.By) == ""
}

// Validate checks a repair request: a completion is not before the request.
func (r *RepairRequest) Validate() error {
	normalizeText(r) // typed text in NFC (nfc.go)
	if !r.RequestedAt.IsZero() && !r.CompletedAt.IsZero() && r.CompletedAt.Before(r.RequestedAt) {
		return Invalid("completed_at", "beforerequest")
	}
	return checkTexts("repair_to", r.To, "repair_content", r.Content, "repair_by", r.By)
}
