package app

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// agenda writes the セキュリティ会議次第 of a case: that of its latest meeting not
// yet closed, or, when every meeting is closed (or there is none), that of
// the next one, with blanks for the date and place; with --meeting, that of
// the meeting given (to reprint the agenda of one already held). A 判定中 case
// has no agenda. An existing file is never overwritten.
func (c *cli) agenda(args []string) error {
	var file, number, meeting, out string
	_, err := c.flags("agenda", args, func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "")
		fs.StringVar(&number, "case", "", "")
		fs.StringVar(&meeting, "meeting", "", "")
		fs.StringVar(&out, "out", "", "")
	})
	if err != nil {
		return err
	}
	if err := requireFile("agenda", file); err != nil {
		return err
	}
	if number == "" && meeting == "" {
		return usageError{i18n.T("cli.error.need_case")}
	}
	var meetingID int64
	if meeting != "" {
		if meetingID, err = strconv.ParseInt(strings.TrimSpace(meeting), 10, 64); err != nil || meetingID <= 0 {
			return usageError{i18n.T("cli.error.bad_value", map[string]any{"Option": "--meeting", "Value": meeting, "Allowed": "1, 2, 3…"})}
		}
	}
	if out == "" {
		return usageError{i18n.T("cli.error.need_out")}
	}
	if err := refuseExisting(out); err != nil {
		return err
	}
	s, err := sqlite.Open(file)
	if err != nil {
		return err
	}
	defer s.Close()
	var k data.Case
	var m *data.Meeting
	if meetingID != 0 {
		held, err := s.Meeting(meetingID)
		if err != nil {
			return err
		}
		if k, err = s.Case(held.CaseID); err != nil {
			return err
		}
		if number != "" && number != k.Number {
			return usageError{i18n.T("cli.agenda.other_case", map[string]any{"Meeting": meetingID, "Number": k.Number})}
		}
		m = &held
	} else if k, err = s.CaseByNumber(number); err != nil {
		return err
	}
	if k.Class != data.ClassFailure && k.Class != data.ClassMisconduct {
		return data.Invalid("agenda_class", "pending")
	}
	if m == nil {
		meetings, err := s.Meetings(k.ID)
		if err != nil {
			return err
		}
		m = agendaMeeting(k.ID, meetings)
	}
	doc, err := produceWith(s, reports.AgendaJob(s, *m), reports.DocOptions{}, out, "", "")
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.agenda.done", map[string]any{"Out": out, "Number": k.Number, "Seq": m.Seq}))
	fmt.Fprintln(c.stdout, "  SHA-256: "+doc.SHA256)
	return nil
}

// agendaMeeting picks the meeting an agenda is for: the latest one not yet
// closed, else a new one (the next 第n回, no date or items yet).
func agendaMeeting(caseID int64, meetings []data.Meeting) *data.Meeting {
	next := 1
	for i := len(meetings) - 1; i >= 0; i-- {
		if meetings[i].ClosedAt.IsZero() {
			m := meetings[i]
			return &m
		}
	}
	for _, m := range meetings {
		next = max(next, m.Seq+1)
	}
	return &data.Meeting{CaseID: caseID, Seq: next}
}

// minutes writes the 議事録 of a meeting, or with --decisions its one-page
// 決定事項一覧, and signs it when given a PKCS#12 file. The PDF is written whole
// or not at all; an existing file is never overwritten.
func (c *cli) minutes(args []string) error {
	var file, meeting, out, p12, passEnv string
	var decisions bool
	_, err := c.flags("minutes", args, func(fs *flag.FlagSet) {
		fs.StringVar(&file, "file", "", "")
		fs.StringVar(&meeting, "meeting", "", "")
		fs.StringVar(&out, "out", "", "")
		fs.StringVar(&p12, "p12", "", "")
		fs.StringVar(&passEnv, "pass-env", "", "")
		fs.BoolVar(&decisions, "decisions", false, "")
	})
	if err != nil {
		return err
	}
	if err := requireFile("minutes", file); err != nil {
		return err
	}
	if meeting == "" {
		return usageError{i18n.T("cli.minutes.need_meeting")}
	}
	id, err := strconv.ParseInt(strings.TrimSpace(meeting), 10, 64)
	if err != nil || id <= 0 {
		return usageError{i18n.T("cli.minutes.bad_meeting", map[string]any{"Value": meeting})}
	}
	if out == "" {
		return usageError{i18n.T("cli.error.need_out")}
	}
	if p12 != "" && passEnv == "" {
		return usageError{i18n.T("cli.error.need_pass_env")}
	}
	if err := refuseExisting(out); err != nil {
		return err
	}
	s, err := sqlite.Open(file)
	if err != nil {
		return err
	}
	defer s.Close()
	md, err := reports.LoadMeeting(s, id)
	if err != nil {
		return err
	}
	kind := data.DocMinutes
	if decisions {
		kind = data.DocDecisions
	}
	job := reports.MeetingJob(s, kind, md.Meeting)
	doc, err := produceWith(s, job, reports.DocOptions{}, out, p12, passEnv)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.minutes.done", map[string]any{"Out": out, "Number": md.Case.Number, "Seq": md.Meeting.Seq, "Title": job.Title}))
	fmt.Fprintln(c.stdout, "  SHA-256: "+doc.SHA256)
	return nil
}

// refuseExisting refuses to write over a file that is already there.
func refuseExisting(out string) error {
	if _, err := os.Lstat(out); err == nil {
		return &data.Error{Code: data.EEXISTS, Err: fmt.Errorf("write %s: already exists", out)}
	}
	return nil
}
