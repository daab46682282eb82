package reports

import (
	"fmt"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
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
// "" to have the register give the next one) and final (最終報). The line
// 「第1報を報告（報告先: …、文書番号: …）」 goes on the timeline with it.
func RecordVersion(s data.Store, caseID int64, number string, final bool) (data.ReportVersion, error) {
	cd, err := LoadCase(s, caseID)
	if err != nil {
		return data.ReportVersion{}, err
	}
	kind, ok := ReportKind(cd.Case.Class)
	if !ok {
		return data.ReportVersion{}, data.Invalid("class", "undecided")
	}
	no, at, reporter, addressee := ReportDraft(cd)
	no = max(no, 1)
	switch {
	case at.IsZero():
		return data.ReportVersion{}, data.Invalid("reported_at", "required")
	case strings.TrimSpace(addressee) == "":
		return data.ReportVersion{}, data.Invalid("reported_to", "required")
	}
	// What the store would refuse is refused before a number is given, so
	// that the register has no number without its report.
	list, err := s.ReportVersions(caseID)
	if err != nil {
		return data.ReportVersion{}, err
	}
	for _, v := range list {
		switch {
		case v.Kind != kind:
		case v.Final:
			return data.ReportVersion{}, data.Invalid("report_no", "afterfinal")
		case v.No >= no:
			return data.ReportVersion{}, data.Invalid("report_no", "recorded")
		}
	}
	snap, err := Freeze(cd)
	if err != nil {
		return data.ReportVersion{}, err
	}
	number = strings.TrimSpace(number)
	if number == "" {
		// Given first so that the timeline line can say it.
		if number, err = s.IssueDocNumber(kind, caseID, "", at); err != nil {
			return data.ReportVersion{}, err
		}
	}
	v := data.ReportVersion{CaseID: caseID, No: no, Final: final, Kind: kind, Number: number,
		ReportedAt: at, Reporter: reporter, Addressee: addressee, Snapshot: snap}
	key := "versions.timeline.recorded"
	if final {
		key = "versions.timeline.recorded_final"
	}
	text := i18n.JA(key, map[string]any{"No": no, "To": addressee, "Number": number})
	if err := s.RecordReportVersion(&v, text); err != nil {
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
	opt.Final = v.Final
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

// VersionTitle is the title of a recorded report: 不正行為発生報告書 第1報
// (最終報).
func VersionTitle(v data.ReportVersion) string {
	key := "reports.version.title"
	if v.Final {
		key = "reports.version.title_final"
	}
	return i18n.JA(key, map[string]any{"Title": KindTitle(v.Kind), "No": v.No})
}

// VersionJob prints a recorded report from its snapshot.
func VersionJob(v data.ReportVersion) Job {
	return Job{Kind: v.Kind, CaseID: v.CaseID, Title: VersionTitle(v),
		Build: func(opt DocOptions) ([]byte, error) { return VersionDocument(v, opt) }}
}

// PrintJob is the report a case prints when no version is asked for: the
// recorded 第n報 when the number on the report items screen has been
// recorded (a recorded report never changes: printing it again gives it as
// it was), else the case's report as it is now, the next report not yet
// recorded (v nil).
func PrintJob(s data.Store, c data.Case) (job Job, v *data.ReportVersion, err error) {
	job, err = ReportJob(s, c)
	if err != nil {
		return job, nil, err
	}
	list, err := s.ReportVersions(c.ID)
	if err != nil || len(list) == 0 {
		return job, nil, err
	}
	cd, err := LoadCase(s, c.ID)
	if err != nil {
		return job, nil, err
	}
	no, _, _, _ := ReportDraft(cd)
	if rec, ok := FindVersion(list, job.Kind, max(no, 1)); ok {
		return VersionJob(rec), &rec, nil
	}
	return job, nil, nil
}
