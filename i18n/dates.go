package i18n

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
)

// Dates are shown in the time's own location (callers pass local time); the
// zero time, which the data package uses for "unknown", formats as "" so that
// the caller can show 不明 (common.unknown) in the right place.

// era is a Japanese era starting on a Gregorian date (y, m, d).
type era struct {
	name    string
	y, m, d int
}

// eras, newest first. 明治 is counted from 1873, when Japan adopted the
// Gregorian calendar: earlier dates in 明治 were lunar dates and are written in
// 西暦 here instead.
var eras = []era{
	{"令和", 2019, 5, 1},
	{"平成", 1989, 1, 8},
	{"昭和", 1926, 12, 25},
	{"大正", 1912, 7, 30},
	{"明治", 1873, 1, 1},
}

const meijiOffset = 1867 // 明治6年 is 1873

func dateKey(y, m, d int) int { return y*10000 + m*100 + d }

// eraOf returns the index in eras and the era year of a date, or ok=false for
// dates before 1873.
func eraOf(y, m, d int) (i, year int, ok bool) {
	k := dateKey(y, m, d)
	for i, e := range eras {
		if k >= dateKey(e.y, e.m, e.d) {
			return i, y - eraFirstYear(i) + 1, true
		}
	}
	return 0, 0, false
}

// eraFirstYear is the Gregorian year of 元年 of eras[i].
func eraFirstYear(i int) int {
	if eras[i].name == "明治" {
		return meijiOffset + 1
	}
	return eras[i].y
}

// Wareki formats the date of t in the Japanese era calendar: 令和8年11月27日,
// 令和元年5月1日. Dates before 1873 come out in 西暦 (see eras).
func Wareki(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	y, m, d := t.Date()
	i, n, ok := eraOf(y, int(m), d)
	if !ok {
		return Western(t)
	}
	year := strconv.Itoa(n)
	if n == 1 {
		year = "元"
	}
	return fmt.Sprintf("%s%s年%d月%d日", eras[i].name, year, int(m), d)
}

// WarekiDateTime is Wareki with the time: 令和8年11月27日 14時05分.
func WarekiDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %d時%02d分", Wareki(t), t.Hour(), t.Minute())
}

// Western formats the date of t as 2026/11/27.
func Western(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006/01/02")
}

// WesternDateTime formats t as 2026/11/27 14:05.
func WesternDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006/01/02 15:04")
}

// FormatDate formats the date of t in 和暦 or 西暦, as the settings say.
func FormatDate(t time.Time, useWareki bool) string {
	if useWareki {
		return Wareki(t)
	}
	return Western(t)
}

// FormatDateTime formats t with its time in 和暦 or 西暦, as the settings say.
func FormatDateTime(t time.Time, useWareki bool) string {
	if useWareki {
		return WarekiDateTime(t)
	}
	return WesternDateTime(t)
}

var (
	// 2026/11/27, 2026-11-27; the two separators must match.
	westernDateRE = regexp.MustCompile(`^(\d{4})([/-])(\d{1,2})([/-])(\d{1,2})`)
	// 令和8年11月27日, 令和元年5月1日, 2026年11月27日.
	kanjiDateRE = regexp.MustCompile(`^(令和|平成|昭和|大正|明治)? ?(元|\d{1,4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?日`)
	// 14:05, 14時05分, 14時.
	timeRE = regexp.MustCompile(`^(?:(\d{1,2}):(\d{2})|(\d{1,2}) ?時(?: ?(\d{1,2}) ?分)?)$`)
)

// ParseDateTime reads a date and time typed by an officer, in loc (time.Local
// when nil): "2026/11/27 14:05", "2026-11-27 14:05", "2026/11/27" (00:00),
// "令和8年11月27日 14時05分", "令和8年11月27日", also with full-width digits
// and spaces as an IME produces them. Dates that do not exist (2026/02/30,
// 25:00, 平成31年5月1日) are refused. Errors are *data.Error with Code EINVALID,
// Field "at" and Rule "format" ("required" for empty input); callers naming
// another field may replace Field.
func ParseDateTime(s string, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.Local
	}
	in := normalizeDigits(s)
	if in == "" {
		return time.Time{}, &data.Error{Code: data.EINVALID, Field: "at", Rule: "required"}
	}
	fail := func(why string) (time.Time, error) {
		return time.Time{}, &data.Error{Code: data.EINVALID, Field: "at", Rule: "format",
			Err: fmt.Errorf("parse date and time %q: %s", s, why)}
	}

	var y, mo, d int
	var rest string
	if m := westernDateRE.FindStringSubmatch(in); m != nil {
		if m[2] != m[4] {
			return fail("mixed separators")
		}
		y, mo, d = atoi(m[1]), atoi(m[3]), atoi(m[5])
		rest = in[len(m[0]):]
		if rest != "" && rest[0] != ' ' && rest[0] != 'T' {
			return fail("no space between date and time") // 2026/1/114:05 is ambiguous
		}
	} else if m := kanjiDateRE.FindStringSubmatch(in); m != nil {
		mo, d = atoi(m[3]), atoi(m[4])
		rest = in[len(m[0]):]
		switch {
		case m[1] == "" && len(m[2]) != 4:
			return fail("a year without era must have four digits")
		case m[1] == "":
			y = atoi(m[2])
		default:
			i := eraIndex(m[1])
			n := 1
			if m[2] != "元" {
				n = atoi(m[2])
			}
			if n < 1 {
				return fail("era year 0")
			}
			y = eraFirstYear(i) + n - 1
			// The date must lie within the era: 平成31年5月1日 is 令和.
			if j, _, ok := eraOf(y, mo, d); !ok || j != i {
				return fail("date outside the era " + m[1])
			}
		}
	} else {
		return fail("unknown date format")
	}

	h, mi := 0, 0
	rest = strings.TrimPrefix(strings.TrimSpace(rest), "T") // 2026-11-27T14:05
	if rest != "" {
		m := timeRE.FindStringSubmatch(rest)
		if m == nil {
			return fail("unknown time format")
		}
		if m[1] != "" {
			h, mi = atoi(m[1]), atoi(m[2])
		} else {
			h = atoi(m[3])
			if m[4] != "" {
				mi = atoi(m[4])
			}
		}
	}
	if y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 {
		return fail("out of range")
	}
	t := time.Date(y, time.Month(mo), d, h, mi, 0, 0, loc)
	// time.Date normalizes 2026/02/30 to 03/02 and a time skipped by a DST change
	// to another hour: both mean the input named no real moment.
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d || t.Hour() != h || t.Minute() != mi {
		return fail("no such date or time")
	}
	if t.IsZero() {
		return fail("the zero time means unknown")
	}
	return t, nil
}

func eraIndex(name string) int {
	for i, e := range eras {
		if e.name == name {
			return i
		}
	}
	return -1
}

// atoi reads a short run of ASCII digits the regexps already matched.
func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// normalizeDigits maps full-width ASCII (０-９, ／, ：, －, Ｔ …) and the
// ideographic space to their ASCII forms, folds dash look-alikes into '-',
// trims, and reduces runs of spaces to one.
func normalizeDigits(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		case r == 0x3000 || r == '\t':
			return ' '
		case r == '‐' || r == '‑' || r == '–' || r == '−':
			return '-'
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
