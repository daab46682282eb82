package data

import (
	"strings"
	"time"
)

// PreservedLog records access logs kept for 第5条第7号 (「セキュリティ責任者及び
// システム管理者は,関係機関等と協力し,収集したアクセスログ等により原因を解明し,
// 適切な復旧措置を実施する。」): which logs were collected and preserved, where
// they are kept, by whom and when.
type PreservedLog struct {
	ID     int64
	CaseID int64
	Log    string // which logs, e.g. CSのアクセスログ（11/25〜11/27）
	Place  string // where they are kept, e.g. 外部媒体（DVD-R）、電算室の金庫
	By     string
	At     time.Time
	Note   string
}

// Validate checks a preserved log: what was kept is required.
func (l *PreservedLog) Validate() error {
	normalizeText(l) // typed text in NFC (nfc.go)
	if strings.TrimSpace(l.Log) == "" {
		return Invalid("log", "required")
	}
	return checkTexts("log", l.Log, "log_place", l.Place, "log_by", l.By, "note", l.Note)
}
