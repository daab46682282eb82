package reports

import (
	"fmt"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
)

// ReportDraft is what the officer has entered for the next report of a case
// (the report items screen's 報告 section): its 第n報, 報告日時, reporter and
// addressee.
func ReportDraft(cd CaseData) (no int, at time.Time, reporter, addressee string) {
	switch cd.Case.Class {
	case data.ClassMisconduct:
		r := cd.Misconduct
		return r.ReportNo, r.ReportedAt, r.Reporter, r.ReportedTo
	case data.ClassFailure:
		r := cd.Failure
		return r.ReportNo, r.ReportedAt, r.Reporter, r.ReportedTo
	}
	return 0, time.Time{}, "", ""
}

// RecordVersion freezes the case's report as it stands in s and records it
// as its 第n報 (number, 報告日時, reporter and addressee as entered on the
// report items screen), with number (the 文書番号 typed by the officer, or
// "" to have the register give one) and final (最終報). timelineText goes on
// the timeline in the same transaction.
func RecordVersion(s data.Store, caseID int64, number string, final bool, timelineText string) (data.ReportVersion, error) {
	cd, err := LoadCase(s, caseID)
	if err != nil {
		return data.ReportVersion{}, err
	}
	kind, ok := ReportKind(cd.Case.Class)
	if !ok {
		return data.ReportVersion{}, data.Invalid("class", "undecided")
	}
	no, at, reporter, addressee := ReportDraft(cd)
	if no < 1 {
		no = 1
	}
	if at.IsZero() {
		return data.ReportVersion{}, data.Invalid("reported_at", "required")
	}
	if strings.TrimSpace(addressee) == "" {
		return data.ReportVersion{}, data.Invalid("reported_to", "required")
	}
	snap, err := Freeze(cd)
	if err != nil {
		return data.ReportVersion{}, err
	}
	v := data.ReportVersion{CaseID: caseID, No: no, Final: final, Kind: kind, Number: number,
		ReportedAt: at, Reporter: reporter, Addressee: addressee, Snapshot: snap}
	if err := s.RecordReportVersion(&v, timelineText); err != nil {
		return v, err
	}
	return v, nil
}

// VersionOptions are the document options of a recorded version: its
// number, 第n報 and addressee as recorded. Other choices (the copy, the
// signature) are the officer's at printing.
func VersionOptions(v data.ReportVersion, opt DocOptions) DocOptions {
	opt.Number = v.Number
	opt.ReportNo = v.No
	opt.Addressee = v.Addressee
	return opt
}

// VersionDocument makes the PDF of a recorded 第n報 from its snapshot: the
// same text however often it is printed, whatever the case became since.
func VersionDocument(v data.ReportVersion, opt DocOptions) ([]byte, error) {
	cd, err := Thaw(v.Snapshot)
	if err != nil {
		return nil, err
	}
	opt = VersionOptions(v, opt)
	switch v.Kind {
	case data.DocMisconductReport:
		return MisconductReport(cd, opt)
	case data.DocFailureReport:
		return FailureReport(cd, opt)
	}
	return nil, fmt.Errorf("reports: version %d of case %d: unknown kind %q", v.No, v.CaseID, v.Kind)
}

// FindVersion picks the 第no報 from a case's versions (of its report kind).
func FindVersion(list []data.ReportVersion, kind string, no int) (data.ReportVersion, bool) {
	for _, v := range list {
		if v.No == no && (kind == "" || v.Kind == kind) {
			return v, true
		}
	}
	return data.ReportVersion{}, false
}
