package data

import (
	"slices"
	"strings"
	"time"
)

// PreventionMeasure is one measure against recurrence. For a failure it is
// what 第4条第10号 has the システム管理者 consider (「再発を防止するため同様の
// 原因で障害が発生しないように,以下の技術面,運用面からの対策を検討する。」):
// one of the measures of its table (Measure), or a free entry (Measure ""),
// each with details, an owner (担当) and a due date (期限). ItemID links a
// measure taken from a meeting's decision (緊急措置の検証及び予防措置の立案).
type PreventionMeasure struct {
	ID      int64
	CaseID  int64
	Measure string // a measure of PreventionMeasures, or "" for a free entry
	Text    string // details; the measure itself for a free entry
	Owner   string // 担当
	Due     time.Time
	ItemID  int64 // the agenda item it came from; 0 when entered here
}

// Validate checks a measure: a regulation measure must be one of the table's,
// a free entry must say what it is.
func (m *PreventionMeasure) Validate() error {
	normalizeText(m) // typed text in NFC (nfc.go)
	switch {
	case m.Measure != "" && PreventionGroupOf(m.Measure) == "":
		return Invalid("measure", "unknown")
	case m.Measure == "" && strings.TrimSpace(m.Text) == "":
		return Invalid("measure", "required")
	}
	return checkTexts("measure_text", m.Text, "owner", m.Owner)
}

// PreventionGroupOf returns the title of the group (技術面の対策, 運用面の対策)
// of a measure of 第4条第10号, or "" when it is not one.
func PreventionGroupOf(measure string) string {
	for _, g := range PreventionMeasures {
		if slices.Contains(g.Measures, measure) {
			return g.Title
		}
	}
	return ""
}

// reviewItems are the taken items of the meetings that decided measures, in
// the order of ms: 緊急措置の検証及び予防措置の立案 (Key "review", Table B,
// 第5条第6号); and, because the agenda of a failure meeting (Table A, 第4条第6号)
// has no such row, the その他 items (Key "") of a meeting without it, which is
// where a failure meeting records a measure it decided. Items that decided
// nothing are left out.
func reviewItems(ms []Meeting) []AgendaItem {
	var out []AgendaItem
	for _, m := range ms {
		_, hasReview := m.Item(ItemKeyReview)
		for _, it := range m.Items {
			measure := it.Key == ItemKeyReview || (!hasReview && it.Key == "")
			if measure && it.Status.Taken() && strings.TrimSpace(it.Decision) != "" {
				out = append(out, it)
			}
		}
	}
	return out
}

// PreventionSuggestions are the measures the meetings decided
// (PreventionFromMeetings) that the list has not taken in yet, as measures to
// add: the decision as text, with the item's owner and due date.
func PreventionSuggestions(caseID int64, ms []Meeting, have []PreventionMeasure) []PreventionMeasure {
	decisions := PreventionFromMeetings(ms)
	var out []PreventionMeasure
	for i, it := range reviewItems(ms) {
		if slices.ContainsFunc(have, func(m PreventionMeasure) bool { return m.ItemID == it.ID }) {
			continue
		}
		out = append(out, PreventionMeasure{CaseID: caseID, Text: decisions[i], Owner: it.Owner, Due: it.Due, ItemID: it.ID})
	}
	return out
}
