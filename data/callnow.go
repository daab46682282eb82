package data

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/jp"
)

// CallStep is one link of the reporting chain: whom to call, who calls them
// under the regulation, and the article that says so.
type CallStep struct {
	Body Body
	Role Role // the city's role for BodyCity; "" otherwise
	// From is who makes the call under the regulation; "" for the first link
	// (the staff member who finds the emergency).
	From    Role
	Article string // 第4条第1号; two articles joined with ・ for ClassPending
	StepID  string // the procedure step, "" for ClassPending
	// When is the regulation's condition, verbatim; "" when the call is always made.
	When string
	// Purpose is what the call is for, verbatim, where the place in the chain
	// does not say it (a later step of the procedure); "" otherwise.
	Purpose string
}

// failureChain is the order of calls of 第4条: the city's chain of (1), the
// investigators of (3), the chief when data is at risk (4), the contractor the
// system administrator asks when the cause is not found (5), then the related
// bodies, whom セキュリティ責任者 tells that operation resumes (9).
//
// 第4条 has no call to the related bodies before that: 関係機関への連絡 in
// Table A (6) is an item the meeting deliberates, not a call the chief makes;
// and 第4条第3号 has the two staff find the cause together, so the regulation
// names no one who calls システム管理担当者 (From is "").
var failureChain = []CallStep{
	{Body: BodyCity, Role: RoleStaff, Article: "第4条第1号", StepID: "4-1"},
	{Body: BodyCity, Role: RoleSecurityOfficer, From: RoleStaff, Article: "第4条第1号", StepID: "4-1"},
	{Body: BodyCity, Role: RoleSysAdmin, From: RoleSecurityOfficer, Article: "第4条第1号", StepID: "4-1"},
	{Body: BodyCity, Role: RoleSysAdminStaff, Article: "第4条第3号", StepID: "4-3", Purpose: "住基ネット及びシステム管理担当者は,以下の手順で原因究明を行う。"},
	{Body: BodyCity, Role: RoleChief, From: RoleSecurityOfficer, Article: "第4条第4号", StepID: "4-4",
		When: "データの保護等に支障が生じ,又は生じるおそれがあるとき"},
	{Body: BodyContractor, From: RoleSysAdmin, Article: "第4条第5号", StepID: "4-5", When: "原因が特定できない場合"},
	{Body: BodyPrefecture, From: RoleSecurityOfficer, Article: "第4条第9号", StepID: "4-9", Purpose: failureResumedNotice},
	{Body: BodyAgency, From: RoleSecurityOfficer, Article: "第4条第9号", StepID: "4-9", Purpose: failureResumedNotice},
}

// failureResumedNotice is the call of 第4条第9号, verbatim.
const failureResumedNotice = "セキュリティ責任者は,関係機関にシステム運用再開の連絡をする。"

// misconductChain is the order of calls of 第5条: the city's chain of (1), the
// chief when data is at risk (3), the related bodies when level 2 or 3 is
// likely (2)ウ, and the contractor with whom the level is determined (5).
var misconductChain = []CallStep{
	{Body: BodyCity, Role: RoleStaff, Article: "第5条第1号", StepID: "5-1"},
	{Body: BodyCity, Role: RoleSecurityOfficer, From: RoleStaff, Article: "第5条第1号", StepID: "5-1"},
	{Body: BodyCity, Role: RoleSysAdmin, From: RoleSecurityOfficer, Article: "第5条第1号", StepID: "5-1"},
	{Body: BodyCity, Role: RoleChief, From: RoleSecurityOfficer, Article: "第5条第3号", StepID: "5-3",
		When: "データ保護等に支障が生じ,又は生じるおそれがあるとき"},
	{Body: BodyPrefecture, From: RoleSecurityOfficer, Article: "第5条第2号ウ", StepID: "5-2-c",
		When: "不正行為の脅威度がレベル2又は3に該当する可能性が高い場合"},
	{Body: BodyAgency, From: RoleSecurityOfficer, Article: "第5条第2号ウ", StepID: "5-2-c",
		When: "不正行為の脅威度がレベル2又は3に該当する可能性が高い場合"},
	{Body: BodyContractor, From: RoleSecurityOfficer, Article: "第5条第5号", StepID: "5-5"},
}

// CallOrder returns the reporting chain of a class in the order to call. For
// ClassPending (判定中) it is the chain both procedures share, each link
// citing both articles; nil for an unknown class.
func CallOrder(class Class) []CallStep {
	switch class {
	case ClassFailure:
		return slices.Clone(failureChain)
	case ClassMisconduct:
		return slices.Clone(misconductChain)
	case ClassPending:
		var out []CallStep
		for _, f := range failureChain {
			for _, m := range misconductChain {
				if f.Body == m.Body && f.Role == m.Role {
					// Purpose is left out: it is one class's, and the
					// pending chain cites both.
					s := CallStep{Body: f.Body, Role: f.Role, From: f.From, Article: f.Article + "・" + m.Article}
					if f.From != m.From {
						s.From = ""
					}
					out = append(out, s)
				}
			}
		}
		return out
	}
	return nil
}

// Settings of the contact network, stored in the case file.
const (
	// SettingYearEndClosing: "true" (default) when 12/29–1/3 count as holidays.
	SettingYearEndClosing = "contacts.yearend_closing"
	// SettingUnconfirmedMonths: entries not confirmed for this many months are
	// flagged (default 6; 0 turns the flag off).
	SettingUnconfirmedMonths = "contacts.unconfirmed_months"
)

// DefaultUnconfirmedMonths is the default of SettingUnconfirmedMonths.
const DefaultUnconfirmedMonths = 6

// CallConfig holds the settings who-to-call-now depends on.
type CallConfig struct {
	// YearEndClosing treats the year-end and new-year closing (年末年始,
	// 12/29–1/3) as holidays, as Japanese public offices close then.
	YearEndClosing    bool
	UnconfirmedMonths int
}

// DefaultCallConfig is the configuration of a new case file.
func DefaultCallConfig() CallConfig {
	return CallConfig{YearEndClosing: true, UnconfirmedMonths: DefaultUnconfirmedMonths}
}

// SettingReader is the part of the Store that reads settings.
type SettingReader interface {
	Setting(key, def string) (string, error)
}

// LoadCallConfig reads the contact network's settings; a value that does not
// parse falls back to the default.
func LoadCallConfig(s SettingReader) (CallConfig, error) {
	cfg := DefaultCallConfig()
	v, err := s.Setting(SettingYearEndClosing, "true")
	if err != nil {
		return cfg, err
	}
	if b, err := strconv.ParseBool(v); err == nil {
		cfg.YearEndClosing = b
	}
	v, err = s.Setting(SettingUnconfirmedMonths, strconv.Itoa(DefaultUnconfirmedMonths))
	if err != nil {
		return cfg, err
	}
	if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && n >= 0 {
		cfg.UnconfirmedMonths = n
	}
	return cfg, nil
}

// JapanTime is the zone of the bodies' business hours. Japan keeps no summer
// time, so a fixed zone is exact and needs no time zone database (Windows).
var JapanTime = time.FixedZone("JST", 9*3600)

// Why a body is outside its business hours.
const (
	ClosedBefore  = "before"  // a working day, before opening
	ClosedAfter   = "after"   // a working day, after closing
	ClosedWeekend = "weekend" // Saturday or Sunday
	ClosedHoliday = "holiday" // a public holiday, substitute holiday (振替休日) or 国民の休日
	ClosedYearEnd = "yearend" // 12/29–1/3, when CallConfig.YearEndClosing
)

var (
	holidaysMu sync.Mutex // the calendar's holiday definitions are not safe for concurrent use
	holidays   = func() *cal.Calendar {
		c := &cal.Calendar{Name: "jp"}
		c.AddHoliday(jp.Holidays...)
		return c
	}()
)

// PublicHoliday reports whether the day of t (in Japan) is a public holiday,
// including substitute holidays (振替休日) and 国民の休日, with the calendar's
// (English) name of the holiday.
func PublicHoliday(t time.Time) (string, bool) {
	t = t.In(JapanTime)
	day := time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, JapanTime)
	holidaysMu.Lock()
	defer holidaysMu.Unlock()
	actual, observed, h := holidays.IsHoliday(day)
	if (actual || observed) && h != nil {
		return h.Name, true
	}
	return "", false
}

// YearEnd reports whether the day of t (in Japan) is in the year-end and
// new-year closing, 12/29 to 1/3.
func YearEnd(t time.Time) bool {
	_, m, d := t.In(JapanTime).Date()
	return (m == time.December && d >= 29) || (m == time.January && d <= 3)
}

// OpenAt reports whether p is within its business hours at the moment at, and
// if not, why (one of the Closed* reasons). Business hours are p's
// OpenFrom–OpenUntil (08:30–17:15 by default) in Japan time, on weekdays that
// are neither public holidays nor, with cfg.YearEndClosing, 12/29–1/3.
//
// Both ends are inclusive to the minute: at 8:30 the body is open, and the
// whole closing minute counts as open (17:15:59 is open, 17:16 is not), since
// an officer who dials at 17:15 expects to be answered.
func OpenAt(p ContactPoint, at time.Time, cfg CallConfig) (bool, string) {
	t := at.In(JapanTime)
	switch {
	case t.Weekday() == time.Saturday || t.Weekday() == time.Sunday:
		return false, ClosedWeekend
	case cfg.YearEndClosing && YearEnd(t):
		return false, ClosedYearEnd
	}
	if _, ok := PublicHoliday(t); ok {
		return false, ClosedHoliday
	}
	from, until := p.Hours()
	fm, ok1 := clockMinutes(from)
	um, ok2 := clockMinutes(until)
	if !ok1 || !ok2 || fm >= um {
		fm, _ = clockMinutes(DefaultOpenFrom)
		um, _ = clockMinutes(DefaultOpenUntil)
	}
	m := t.Hour()*60 + t.Minute()
	switch {
	case m < fm:
		return false, ClosedBefore
	case m > um:
		return false, ClosedAfter
	}
	return true, ""
}

// ContactNumber is one way to reach a person: Kind is a PersonFields name
// (tel, extension, fax, mail, night_tel, mobile).
type ContactNumber struct {
	Kind  string
	Value string
	// OffHours marks a number of the other set (business hours vs nights and
	// holidays), listed after the right ones as a last resort.
	OffHours bool
}

// Callable reports whether the number is dialled (not a FAX or a mail address).
func (n ContactNumber) Callable() bool {
	return n.Kind == PersonTEL || n.Kind == PersonExtension || n.Kind == PersonNightTEL || n.Kind == PersonMobile
}

// Reach is a person of an entry with the ways to reach them at a moment, in
// the order to try.
type Reach struct {
	Name    string
	Deputy  bool
	Numbers []ContactNumber
}

// Empty reports whether there is no way to reach the person.
func (r Reach) Empty() bool { return len(r.Numbers) == 0 }

// First returns the number to use first; the zero ContactNumber when Empty.
func (r Reach) First() ContactNumber {
	if len(r.Numbers) == 0 {
		return ContactNumber{}
	}
	return r.Numbers[0]
}

// Business hours: TEL, then 内線, FAX and mail; nights and holidays: the
// night number, then the mobile.
var (
	dayKinds   = []string{PersonTEL, PersonExtension, PersonFAX, PersonMail}
	nightKinds = []string{PersonNightTEL, PersonMobile}
)

func reach(p Person, deputy, open bool) Reach {
	first, rest := nightKinds, dayKinds
	if open {
		first, rest = dayKinds, nightKinds
	}
	r := Reach{Name: p.Name, Deputy: deputy}
	for _, k := range first {
		if v := p.Get(k); v != "" {
			r.Numbers = append(r.Numbers, ContactNumber{Kind: k, Value: v})
		}
	}
	for _, k := range rest {
		if v := p.Get(k); v != "" {
			r.Numbers = append(r.Numbers, ContactNumber{Kind: k, Value: v, OffHours: true})
		}
	}
	return r
}

// CallTarget is an entry of the network as it is to be called at a moment.
type CallTarget struct {
	Point ContactPoint
	// Step is the link of the chain the entry answers to; InChain is false for
	// an entry the class's procedure does not call (listed after the chain).
	Step    CallStep
	InChain bool
	// BusinessHours is true within the entry's business hours (営業時間内);
	// otherwise Closed says why (nights and holidays, 夜間・休日).
	BusinessHours bool
	Closed        string
	// Primary is whom to call first, with the numbers for the moment; Deputy
	// is the fallback when the primary is not reached.
	Primary Reach
	Deputy  Reach
}

// NextAfter returns whom to call after trying tried: nobody once reached;
// the deputy after the primary was not reached, when the entry has one.
func NextAfter(t CallTarget, tried Reach, reached bool) (Reach, bool) {
	if reached || tried.Deputy || t.Deputy.Empty() {
		return Reach{}, false
	}
	return t.Deputy, true
}

// WhoToCall lists the network in the order of the class's reporting chain
// (CallOrder), each entry with the right person and numbers at the moment at.
// Entries the chain does not name follow in their own order.
func WhoToCall(points []ContactPoint, class Class, at time.Time, cfg CallConfig) []CallTarget {
	ps := slices.Clone(points)
	slices.SortStableFunc(ps, func(a, b ContactPoint) int { return a.Order - b.Order })
	used := make([]bool, len(ps))
	var out []CallTarget
	add := func(p ContactPoint, step CallStep, in bool) {
		open, why := OpenAt(p, at, cfg)
		out = append(out, CallTarget{
			Point: p, Step: step, InChain: in, BusinessHours: open, Closed: why,
			Primary: reach(p.Primary, false, open), Deputy: reach(p.Deputy, true, open),
		})
	}
	for _, step := range CallOrder(class) {
		for i, p := range ps {
			if !used[i] && p.RemovedAt.IsZero() && p.Body == step.Body && (p.Body != BodyCity || p.Role == step.Role) {
				used[i] = true
				add(p, step, true)
			}
		}
	}
	for i, p := range ps {
		if !used[i] && p.RemovedAt.IsZero() {
			add(p, CallStep{}, false)
		}
	}
	return out
}
