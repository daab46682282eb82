package reports

import (
	"cmp"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// CaseData is everything a document prints about one case, read from the
// store once so that a document is a pure function of it (same data → same
// bytes).
type CaseData struct {
	Case       data.Case
	Timeline   []data.Entry
	Misconduct data.MisconductReport // empty unless the case has report items
	Failure    data.FailureReport    // empty unless the case has a failure report
	// MisconductLayout is the layout of the misconduct report this data was
	// loaded for (misconductLayoutResponse); 0 in a 第n報 frozen before the
	// response sections, which prints without them, as it was reported.
	MisconductLayout int `json:",omitempty"`
	// Response is what was done under 第5条第3号 and 第4号イ・ウ.
	Response   data.MisconductResponse
	Meetings   []data.Meeting              // by Seq: their decided 事後対策 (第5条第9号)
	Tasks      []data.Task                 // the follow-ups of the meetings' decisions
	Checks     map[string]data.CheckResult // by data.CheckID
	Threats    []data.ThreatAssessment     // oldest first; the last is current
	Milestones map[data.MilestoneKind]data.Milestone
	Steps      map[string]data.StepProgress
	// The records of data.AftercareStore (none in a snapshot frozen
	// before schema 7).
	Repair        data.RepairRequest       `json:",omitzero"`
	Notifications []data.Notification      `json:",omitempty"`
	Prevention    []data.PreventionMeasure `json:",omitempty"`
	PreservedLogs []data.PreservedLog      `json:",omitempty"`
	City          string                   // e.g. 大崎市
	Prefecture    string                   // e.g. 宮城県
	Head          data.ChainHead
	// Letter is the 公用文 form of the reports that leave the city: sender,
	// 公印, 決裁欄 labels and the 担当 block (from the settings and the
	// contact network).
	Letter Letter
	// Zone is the case file's time zone (data.TimeZone): every time is
	// printed in it, whatever the PC's zone. nil means Asia/Tokyo.
	Zone *time.Location
}

// LoadCase reads a case and everything its documents need from s.
func LoadCase(s data.Store, caseID int64) (CaseData, error) {
	var cd CaseData
	var err error
	wrap := func(what string, err error) error {
		return fmt.Errorf("reports: load case %d: %s: %w", caseID, what, err)
	}
	if cd.Case, err = s.Case(caseID); err != nil {
		return cd, wrap("case", err)
	}
	if cd.Timeline, err = s.Timeline(caseID); err != nil {
		return cd, wrap("timeline", err)
	}
	if cd.Misconduct, err = s.MisconductReport(caseID); err != nil {
		return cd, wrap("misconduct report", err)
	}
	if cd.Failure, err = s.FailureReport(caseID); err != nil {
		return cd, wrap("failure report", err)
	}
	if cd.Response, err = s.MisconductResponse(caseID); err != nil {
		return cd, wrap("misconduct response", err)
	}
	if cd.Meetings, err = s.Meetings(caseID); err != nil {
		return cd, wrap("meetings", err)
	}
	if cd.Tasks, err = s.Tasks(caseID); err != nil {
		return cd, wrap("tasks", err)
	}
	if cd.Checks, err = s.CheckResults(caseID); err != nil {
		return cd, wrap("checks", err)
	}
	if cd.Threats, err = s.ThreatAssessments(caseID); err != nil {
		return cd, wrap("threat assessments", err)
	}
	if cd.Milestones, err = s.Milestones(caseID); err != nil {
		return cd, wrap("milestones", err)
	}
	if cd.Steps, err = s.Steps(caseID); err != nil {
		return cd, wrap("steps", err)
	}
	if cd.Repair, err = s.RepairRequest(caseID); err != nil {
		return cd, wrap("repair request", err)
	}
	if cd.Notifications, err = s.Notifications(caseID); err != nil {
		return cd, wrap("notifications", err)
	}
	if cd.Prevention, err = s.PreventionMeasures(caseID); err != nil {
		return cd, wrap("prevention measures", err)
	}
	if cd.PreservedLogs, err = s.PreservedLogs(caseID); err != nil {
		return cd, wrap("preserved logs", err)
	}
	if cd.City, err = s.Setting(data.SettingCity, data.DefaultCity); err != nil {
		return cd, wrap("city", err)
	}
	if cd.Prefecture, err = s.Setting(data.SettingPrefecture, data.DefaultPrefecture); err != nil {
		return cd, wrap("prefecture", err)
	}
	if cd.Head, err = s.Head(); err != nil {
		return cd, wrap("audit head", err)
	}
	if cd.Letter, err = LoadLetter(s, cd.City); err != nil {
		return cd, wrap("letter settings", err)
	}
	cd.Zone = data.TimeZone(s)
	cd.MisconductLayout = misconductLayoutResponse
	return cd, nil
}

// Copy says which copy of an outgoing document is printed.
type Copy int

const (
	// CopySend is the copy that leaves the city (送付用): no internal boxes.
	CopySend Copy = iota
	// CopyApproval is the internal copy for approval (決裁用): it adds the
	// 起案・決裁 seal boxes.
	CopyApproval
)

// Label is the copy's name as printed: 送付用 or 決裁用.
func (c Copy) Label() string {
	if c == CopyApproval {
		return i18n.T("reports.letter.copy_approval")
	}
	return i18n.T("reports.letter.copy_send")
}

// DocOptions are the choices the officer makes when printing a document.
// Every field may be left empty; the defaults come from the case and the
// letter settings (CaseData.Letter).
type DocOptions struct {
	// Copy is 送付用 (the default) or 決裁用.
	Copy Copy
	// Number is the 文書番号 as printed, e.g. 大住第123号 (from the numbering
	// register or typed). Empty prints 「<記号>第　　号」 to fill in by hand.
	Number string
	// Date is the document date (printed in 和暦); default the report's
	// 報告日時, else the time of the last timeline entry, else the discovery.
	Date time.Time
	// Addressee, e.g. 宮城県知事 (default: the prefecture's governor). A
	// trailing 様, 殿 or 御中 typed here is kept once, never doubled.
	Addressee string
	// Honorific replaces the addressee's: 様 (default) or 殿 (an internal
	// copy, e.g. to セキュリティ統括責任者).
	Honorific string
	// Issuer replaces the 発信者 line (title and name) of the settings.
	Issuer string
	// ReportNo is the 第○報 of this document; default the report's, else 1.
	ReportNo int
	// Final marks the 最終報.
	Final bool
	// SealLabels are the 決裁用 copy's seal boxes; default the settings'.
	SealLabels []string
}

// Japanese wording: documents are always Japanese. The labels come through
// i18n.T; reports.en.toml carries the same Japanese text as reports.ja.toml,
// so that the UI language does not change the form (nothing is switched
// globally).

// options fills the kit's Options from the case and the officer's choices.
func (cd CaseData) options(opt DocOptions, title string, reportNo int, reportedAt time.Time) Options {
	no := opt.ReportNo
	if no <= 0 {
		no = reportNo
	}
	if no <= 0 {
		no = 1
	}
	number := opt.Number
	if number == "" {
		number = i18n.T("reports.number", map[string]any{"City": cd.City, "Case": cd.Case.Number, "No": no})
	}
	date := opt.Date
	if date.IsZero() {
		date = reportedAt
	}
	if date.IsZero() && len(cd.Timeline) > 0 {
		date = cd.Timeline[len(cd.Timeline)-1].At
	}
	if date.IsZero() {
		date = cd.Case.DiscoveredAt
	}
	date = cd.in(date) // a date the officer gives too (e.g. now): in the case file's zone
	addressee := opt.Addressee
	if addressee == "" {
		addressee = i18n.T("reports.addressee")
	}
	issuer := opt.Issuer
	if issuer == "" {
		issuer = i18n.T("reports.issuer", map[string]any{"City": cd.City})
	}
	return Options{
		Number:       number,
		Date:         date,
		Addressee:    addressee,
		Issuer:       issuer,
		Title:        title,
		Author:       issuer,
		Confidential: true,
		Drill:        cd.Case.Drill,
		AuditHead:    AuditHead(cd.Head.Seq, cd.Head.Hash),
		Head:         cd.Head,
	}
}

// report describes an outgoing report for begin.
type report struct {
	titleKey   string // reports.misconduct.title
	subjectKey string // reports.letter.subject_misconduct
	leadKey    string // reports.letter.lead_report
	reportNo   int    // the report's 第n報 (opt.ReportNo wins)
	reportedAt time.Time
}

// begin starts an outgoing report in the 公用文 form (see letter.go): the
// 決裁欄 on the 決裁用 copy, number and date, 宛先, 発信者 and 公印, 件名,
// 前文 and 「記」. The caller draws the items and ends with d.Closing.
func (cd CaseData) begin(opt DocOptions, r report) *Doc {
	no := cmp.Or(opt.ReportNo, r.reportNo, 1)
	title := i18n.T(r.titleKey)
	o := cd.options(opt, title, no, r.reportedAt)
	l := cd.Letter
	if l.SenderTitle == "" {
		l.SenderTitle = i18n.T("reports.letter.sender_default", map[string]any{"City": cd.City})
	}
	number := l.number(opt.Number)
	n := i18n.T("reports.letter.report_no", map[string]any{"No": no})
	if opt.Final {
		n = i18n.T("reports.letter.report_no_final", map[string]any{"No": no})
	}
	subject := letterSubject(r.subjectKey, no, opt.Final, cd.Case.Drill)
	// The footer names the document on every page, with its number when
	// it has one (else the case's).
	o.Number = i18n.T("reports.letter.footer", map[string]any{"Number": cmpOr(strings.TrimSpace(opt.Number), cd.Case.Number), "Title": title, "No": n})
	o.Addressee = addressee(cmpOr(opt.Addressee, i18n.T("reports.letter.addressee_default", map[string]any{"Prefecture": cd.Prefecture})), opt.Honorific, "様")
	o.Issuer = l.sender(opt.Issuer)
	o.Author = o.Issuer
	o.DocTitle = docTitle(cd.Case.Number, title, n, opt.Copy, cd.Case.Drill)
	o.Subject = subject
	o.Keywords = docKeywords(cd.Case.Number, title, n, opt.Copy, cd.Case.Drill)
	d := New(o)
	h := LetterHead{
		Number:  number,
		Date:    o.Date,
		To:      o.Addressee,
		Sender:  o.Issuer,
		Stamped: l.Stamped,
		Subject: subject,
		Lead:    i18n.T(r.leadKey),
	}
	if opt.Copy == CopyApproval {
		h.Approval = l.sealLabels(opt)
	}
	d.Letterhead(h)
	return d
}

// docTitle is the PDF title of a report: 「2026-005 不正行為発生報告書 第1報」,
// with （決裁用） on the internal copy and 【訓練】 before a drill's.
func docTitle(caseNo, title, no string, c Copy, drill bool) string {
	t := strings.Join([]string{caseNo, title, no}, " ")
	if c == CopyApproval {
		t += "（" + c.Label() + "）"
	}
	if drill {
		t = drillMark + t
	}
	return t
}

// docKeywords are the PDF keywords of a report.
func docKeywords(caseNo, title, no string, c Copy, drill bool) string {
	k := []string{i18n.T("reports.letter.keyword"), title, caseNo, no, c.Label()}
	if drill {
		k = append(k, strings.Trim(drillMark, "【】"))
	}
	return strings.Join(k, ", ")
}

// timeline draws the 経過 table of a report: the officer's record up to the
// report's 報告日時 (see record).
func (cd CaseData) timeline(d *Doc, heading string) {
	cd.timelineTable(d, heading, cd.record(cd.reportTime()))
}

// timelineTable draws a 経過 table: 日時 (和暦, short) | 内容 | 記録者. An
// entry that a later one corrects is marked （訂正済み）; a correction starts
// with 訂正:.
func (cd CaseData) timelineTable(d *Doc, heading string, entries []data.Entry) {
	// Keep the heading, the header row and a first row or two together.
	d.need(7 + 3 + 3*(2*lineBody+2*cellPadY))
	d.Heading(heading)
	corrected := map[int64]bool{}
	for _, e := range entries {
		if e.Corrects != 0 {
			corrected[e.Corrects] = true
		}
	}
	rows := make([][]string, 0, len(entries))
	for _, e := range entries {
		text := warekiInText(e.Text)
		if e.Corrects != 0 {
			text = i18n.T("reports.correction", map[string]any{"Text": text})
		}
		if corrected[e.ID] {
			text += i18n.T("reports.corrected")
		}
		rows = append(rows, []string{shortDateTime(cd.in(e.At)), text, e.Author})
	}
	if len(rows) == 0 {
		rows = append(rows, []string{"", i18n.T("reports.no_entries"), ""})
	}
	d.Table(timelineColumns(), rows)
}

// record is the 経過 a document prints: what happened up to until (a report's
// 報告日時: a 第1報 made at 10/28 11:15 knows nothing of 10/29; zero for all),
// without the app's bookkeeping, which the case file and its audit log keep:
// documents written (file names, SHA-256) and procedure steps ticked
// (「第5条第2号ア 完了」; a document that needs the procedure prints it from
// the steps themselves). The officer's notes, decisions, calls, milestones
// and reports stay.
func (cd CaseData) record(until time.Time) []data.Entry {
	out := make([]data.Entry, 0, len(cd.Timeline))
	for _, e := range cutAt(cd.Timeline, until) {
		if bookkeeping(e) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// bookkeeping reports whether an entry is the app's record of its own work.
// Document lines have their own kind since schema 6; older files wrote them
// as reports, recognisable by the SHA-256 they give.
func bookkeeping(e data.Entry) bool {
	switch e.Kind {
	case data.EntryDocument, data.EntryStep:
		return true
	case data.EntryReport:
		return strings.Contains(e.Text, "SHA-256")
	}
	return false
}

// westernInText finds the app's 西暦 dates in a timeline text (「（2026/10/28
// 14:32、…）」, i18n.WesternDateTime), to print them in 和暦 like the rest of
// the document.
var westernInText = regexp.MustCompile(`\b(\d{4})/(\d{1,2})/(\d{1,2})(?: (\d{1,2}):(\d{2}))?`)

// warekiInText rewrites the 西暦 dates of a text in the short 和暦 form of
// the 経過 table (R8.10.28 14:32); a date that does not exist stays as typed.
func warekiInText(s string) string {
	return westernInText.ReplaceAllStringFunc(s, func(m string) string {
		p := westernInText.FindStringSubmatch(m)
		n := func(i int) int { v, _ := strconv.Atoi(p[i]); return v }
		y, mo, d := n(1), n(2), n(3)
		h, mi := 0, 0
		if p[4] != "" {
			h, mi = n(4), n(5)
		}
		t := time.Date(y, time.Month(mo), d, h, mi, 0, 0, time.UTC)
		if t.Year() != y || int(t.Month()) != mo || t.Day() != d || h > 23 || mi > 59 {
			return m
		}
		w := shortDateTime(t)
		if w == "" || strings.Contains(w, "/") { // before the eras: leave it
			return m
		}
		if p[4] == "" {
			w, _, _ = strings.Cut(w, " ")
		}
		return w
	})
}

// timelineColumns are the columns of the 経過 table.
func timelineColumns() []Column {
	return []Column{
		{Header: i18n.T("reports.col.at"), Width: timelineAtWidth},
		{Header: i18n.T("reports.col.text")},
		{Header: i18n.T("reports.col.author"), Width: timelineAuthorWidth},
	}
}

const (
	timelineAtWidth     = 30.0
	timelineAuthorWidth = 34.0
	formLabelWidth      = 40.0 // FormTable's label column
)

var eraLetters = map[string]string{"令和": "R", "平成": "H", "昭和": "S", "大正": "T", "明治": "M"}

// shortDateTime is the 和暦 short form of a time for tables: R8.11.27 14:05.
// Dates outside the eras come out as 2026/11/27 14:05.
func shortDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	w := i18n.Wareki(t) // 令和8年11月27日, 令和元年5月1日
	hm := fmt.Sprintf("%d:%02d", t.Hour(), t.Minute())
	for name, letter := range eraLetters {
		rest, ok := strings.CutPrefix(w, name)
		if !ok {
			continue
		}
		y, _, ok := strings.Cut(rest, "年")
		if !ok {
			break
		}
		if y == "元" {
			y = "1"
		}
		return fmt.Sprintf("%s%s.%d.%d %s", letter, y, int(t.Month()), t.Day(), hm)
	}
	return i18n.WesternDateTime(t)
}

// in shows t in the case file's time zone (CaseData.Zone).
func (cd CaseData) in(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	if cd.Zone == nil {
		return t.In(data.LoadZone(data.DefaultTimeZone))
	}
	return t.In(cd.Zone)
}

// dateTime is the full 和暦 form in the case's zone: 令和8年11月27日 14時05分.
func (cd CaseData) dateTime(t time.Time) string { return i18n.WarekiDateTime(cd.in(t)) }

// orNone returns s, or （未記入） when s is blank.
func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return i18n.T("reports.not_entered")
	}
	return s
}

// lines joins the non-empty strings with newlines.
func joinLines(parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}

// caseRows are the rows every report starts with: the case and its class.
func (cd CaseData) caseRows() []FormRow {
	var classChecks []Check
	for _, ci := range data.ClassInfos {
		classChecks = append(classChecks, Check{Label: ci.Label, Checked: ci.Class == cd.Case.Class})
	}
	return []FormRow{
		{Label: i18n.T("reports.row.case"), Cell: Cell{Text: i18n.T("reports.case", map[string]any{"Number": cd.Case.Number, "Title": cd.Case.Title})}},
		{Label: i18n.T("reports.row.class"), Cell: Cell{Checks: classChecks, Text: "（" + cd.Case.Class.Info().Article + "）"}},
	}
}

// reporterRows are the rows every report ends with: who reported to whom, when.
// no and final are the document's (DocOptions wins over the report's), so
// that the row says what the 件名 says.
func (cd CaseData) reporterRows(reporter, to string, at time.Time, no int, final bool) []FormRow {
	n := ""
	if no > 0 {
		n = i18n.T("reports.report_no", map[string]any{"No": no})
		if final {
			n = i18n.T("reports.letter.report_no_final", map[string]any{"No": no})
		}
	}
	return []FormRow{
		{Label: i18n.T("reports.row.reporter"), Cell: Cell{Text: orNone(reporter)}},
		{Label: i18n.T("reports.row.reported_to"), Cell: Cell{Text: orNone(to)}},
		{Label: i18n.T("reports.row.reported_at"), Cell: Cell{Text: orNone(cd.dateTime(at))}},
		{Label: i18n.T("reports.row.report_no"), Cell: Cell{Text: orNone(n)}},
	}
}
