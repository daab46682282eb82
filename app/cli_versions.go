package app

import (
	"flag"
	"fmt"
	"strconv"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// reportVersions lists the recorded reports (第n報) of a case: their number,
// 報告日時, 文書番号, addressee and whether the last is the 最終報.
func (c *cli) reportVersions(args []string) error {
	var file, number string
	_, err := c.flags("reports", args, func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "")
		fs.StringVar(&number, "case", "", "")
	})
	if err != nil {
		return err
	}
	if err := requireFile("reports", file); err != nil {
		return err
	}
	if number == "" {
		return usageError{i18n.T("cli.error.need_case")}
	}
	s, err := openToRead(file)
	if err != nil {
		return err
	}
	defer s.Close()
	k, err := s.CaseByNumber(number)
	if err != nil {
		return err
	}
	list, err := s.ReportVersions(k.ID)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(c.stdout, i18n.T("cli.reports.none", map[string]any{"Number": k.Number}))
		return nil
	}
	rows := [][]string{{i18n.T("cli.reports.col.no"), i18n.T("cli.reports.col.reported"), i18n.T("cli.reports.col.number"),
		i18n.T("cli.reports.col.to"), i18n.T("cli.reports.col.reporter"), i18n.T("cli.reports.col.final"), i18n.T("cli.reports.col.by")}}
	for _, v := range list {
		final := ""
		if v.Final {
			final = i18n.T("cli.reports.final_mark")
		}
		rows = append(rows, []string{strconv.Itoa(v.No), i18n.FormatDateTime(v.ReportedAt, i18n.Language() == i18n.Japanese),
			v.Number, v.Addressee, v.Reporter, final, v.By})
	}
	writeTable(c.stdout, rows)
	fmt.Fprintln(c.stdout, i18n.T("cli.reports.count", map[string]any{"Count": len(list)}))
	return nil
}

// reportJobFor is the report `kinkyu report` prints: the recorded 第version報
// when --version is given (refused when it was not recorded); without it,
// the recorded report whose number the report items show, or the case as it
// is now when that number is not recorded yet (draft says so).
func reportJobFor(s data.Store, k data.Case, version int) (job reports.Job, v *data.ReportVersion, draft int, err error) {
	if version > 0 {
		kind, ok := reports.ReportKind(k.Class)
		if !ok {
			return job, nil, 0, data.Invalid("class", "undecided")
		}
		list, err := s.ReportVersions(k.ID)
		if err != nil {
			return job, nil, 0, err
		}
		rec, ok := reports.FindVersion(list, kind, version)
		if !ok {
			return job, nil, 0, usageError{i18n.T("cli.report.version_missing", map[string]any{"Case": k.Number, "No": version})}
		}
		return reports.VersionJob(rec), &rec, 0, nil
	}
	job, v, err = reports.PrintJob(s, k)
	if err != nil || v != nil {
		return job, v, 0, err
	}
	cd, err := reports.LoadCase(s, k.ID)
	if err != nil {
		return job, nil, 0, err
	}
	no, _, _, _ := reports.ReportDraft(cd)
	return job, nil, max(no, 1), nil
}
