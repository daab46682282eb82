package app

import (
	"flag"
	"fmt"
	"strconv"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/i18n"
)

// meetings lists the security meetings of the file (or of one case, --case
// 2026-001) with the IDs that `kinkyu minutes --meeting M` takes.
func (c *cli) meetings(args []string) error {
	var file, number string
	_, err := c.flags("meetings", args, func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "")
		fs.StringVar(&number, "case", "", "")
	})
	if err != nil {
		return err
	}
	if err := requireFile("meetings", file); err != nil {
		return err
	}
	s, err := sqlite.Open(file)
	if err != nil {
		return err
	}
	defer s.Close()
	var caseID int64
	if number != "" {
		k, err := s.CaseByNumber(number)
		if err != nil {
			return err
		}
		caseID = k.ID
	}
	list, err := s.Meetings(caseID)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(c.stdout, i18n.T("cli.meetings.none"))
		return nil
	}
	numbers := map[int64]string{}
	rows := [][]string{{i18n.T("cli.meetings.col.id"), i18n.T("cli.col.number"), i18n.T("cli.meetings.col.seq"),
		i18n.T("cli.meetings.col.date"), i18n.T("cli.meetings.col.place"), i18n.T("cli.meetings.col.chair"),
		i18n.T("cli.meetings.col.decided"), i18n.T("cli.meetings.col.state")}}
	wareki := i18n.Language() == i18n.Japanese
	for _, m := range list {
		n, ok := numbers[m.CaseID]
		if !ok {
			k, err := s.Case(m.CaseID)
			if err != nil {
				return err
			}
			n = k.Number
			numbers[m.CaseID] = n
		}
		decided, total := m.Decided()
		rows = append(rows, []string{
			strconv.FormatInt(m.ID, 10), n,
			i18n.T("cli.meetings.seq", map[string]any{"Seq": m.Seq}),
			i18n.FormatDateTime(m.Date, wareki), m.Place, m.Chair,
			i18n.T("cli.meetings.decided", map[string]any{"Decided": decided, "Total": total}),
			meetingStateLabel(m.State()),
		})
	}
	writeTable(c.stdout, rows)
	fmt.Fprintln(c.stdout, i18n.T("cli.meetings.count", map[string]any{"Count": len(list)}))
	return nil
}

// meetingStateLabel is 開会前, 開会中 or 閉会.
func meetingStateLabel(st data.MeetingState) string {
	switch st {
	case data.MeetingInSession:
		return i18n.T("cli.meetings.state.open")
	case data.MeetingClosed:
		return i18n.T("cli.meetings.state.closed")
	}
	return i18n.T("cli.meetings.state.planned")
}
