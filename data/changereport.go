package data

import (
	"slices"
	"time"
)

// 第3条第2号: 「市及び関係機関は,前号の報告事項に変更があった場合,速やかに変更
// 事項を報告する。」 What the city reports (第3条第1号) is its own: 「住基ネット
// 担当者名並びに通常業務時及び夜間・休日時の担当者連絡先」. Each related body
// is told on its own: the prefecture and the designated agency do not get the
// same letter on the same day, so the case file keeps, per change, which of
// them it was reported to and when.

// NoticeRecipients are the bodies the city's 連絡先変更届 goes to.
var NoticeRecipients = []Body{BodyPrefecture, BodyAgency}

// ValidRecipient reports whether b is one of NoticeRecipients.
func ValidRecipient(b Body) bool { return slices.Contains(NoticeRecipients, b) }

// ChangeToReport says whether a change of entry p is one the city must
// report: a change of the city's own entries. The related bodies report
// their own contacts (a change of 宮城県's entry is news to no one at 宮城県),
// and the contractor's and other entries are the city's internal list.
func ChangeToReport(p ContactPoint) bool { return p.Body == BodyCity }

// ChangeReport records that a change was reported to a recipient.
type ChangeReport struct {
	ChangeID  int64
	Recipient Body
	At        time.Time
	By        string
}

// ChangeReportStore keeps, per recipient, which changes were reported.
type ChangeReportStore interface {
	// UnreportedChanges lists the changes the city must report
	// (ChangeToReport) that recipient has not been sent yet, oldest first.
	// A change flagged Reported before schema 7 counts as sent to both.
	UnreportedChanges(recipient Body) ([]ContactChange, error)
	// MarkChangesReportedTo records that a notice listing changeIDs was sent
	// to recipient at at (zero: now). A change that every recipient has then
	// is flagged Reported, and its entry's ReportedAt becomes at.
	MarkChangesReportedTo(recipient Body, changeIDs []int64, at time.Time) error
	// ChangeReports lists what was reported to whom, by change ID.
	ChangeReports() (map[int64][]ChangeReport, error)
}
