package i18n

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// jst is a fixed zone so that the tests need no tz database.
var jst = time.FixedZone("JST", 9*60*60)

func at(y int, m time.Month, d, h, mi int) time.Time {
	return time.Date(y, m, d, h, mi, 0, 0, jst)
}

func TestWarekiEraBoundaries(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{at(2026, 11, 27, 14, 5), "令和8年11月27日"},
		{at(2019, 5, 1, 0, 0), "令和元年5月1日"},
		{at(2019, 4, 30, 23, 59), "平成31年4月30日"},
		{at(2020, 1, 1, 0, 0), "令和2年1月1日"},
		{at(1989, 1, 8, 0, 0), "平成元年1月8日"},
		{at(1989, 1, 7, 23, 59), "昭和64年1月7日"},
		{at(1926, 12, 25, 0, 0), "昭和元年12月25日"},
		{at(1926, 12, 24, 0, 0), "大正15年12月24日"},
		{at(1912, 7, 30, 0, 0), "大正元年7月30日"},
		{at(1912, 7, 29, 0, 0), "明治45年7月29日"},
		{at(1873, 1, 1, 0, 0), "明治6年1月1日"},
		{at(1872, 12, 31, 0, 0), "1872/12/31"}, // lunar calendar era: 西暦
		{time.Time{}, ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Wareki(tt.t), "%v", tt.t)
	}
}

func TestWarekiUsesTheTimesOwnLocation(t *testing.T) {
	// 2019-04-30 15:00 UTC is already 5月1日 in Japan.
	u := time.Date(2019, 4, 30, 15, 0, 0, 0, time.UTC)
	assert.Equal(t, "平成31年4月30日", Wareki(u))
	assert.Equal(t, "令和元年5月1日", Wareki(u.In(jst)))
}

func TestFormats(t *testing.T) {
	tm := at(2026, 11, 27, 14, 5)
	assert.Equal(t, "令和8年11月27日 14時05分", WarekiDateTime(tm))
	assert.Equal(t, "令和8年11月27日 9時00分", WarekiDateTime(at(2026, 11, 27, 9, 0)))
	assert.Equal(t, "2026/11/27", Western(tm))
	assert.Equal(t, "2026/11/27 14:05", WesternDateTime(tm))
	assert.Equal(t, "令和8年11月27日", FormatDate(tm, true))
	assert.Equal(t, "2026/11/27", FormatDate(tm, false))
	assert.Equal(t, "令和8年11月27日 14時05分", FormatDateTime(tm, true))
	assert.Equal(t, "2026/11/27 14:05", FormatDateTime(tm, false))
	var zero time.Time
	for _, s := range []string{Wareki(zero), WarekiDateTime(zero), Western(zero), WesternDateTime(zero),
		FormatDate(zero, true), FormatDate(zero, false), FormatDateTime(zero, true), FormatDateTime(zero, false)} {
		assert.Empty(t, s)
	}
}

func TestParseDateTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2026/11/27 14:05", at(2026, 11, 27, 14, 5)},
		{"2026-11-27 14:05", at(2026, 11, 27, 14, 5)},
		{"2026-11-27T14:05", at(2026, 11, 27, 14, 5)},
		{"2026/11/27", at(2026, 11, 27, 0, 0)},
		{"2026/1/2 9:05", at(2026, 1, 2, 9, 5)},
		{"  2026/11/27   14:05  ", at(2026, 11, 27, 14, 5)},
		{"２０２６/１１/２７ １４:０５", at(2026, 11, 27, 14, 5)},
		{"２０２６／１１／２７　１４：０５", at(2026, 11, 27, 14, 5)},
		{"令和8年11月27日 14時05分", at(2026, 11, 27, 14, 5)},
		{"令和8年11月27日14時05分", at(2026, 11, 27, 14, 5)},
		{"令和８年１１月２７日　１４時０５分", at(2026, 11, 27, 14, 5)},
		{"令和8年11月27日", at(2026, 11, 27, 0, 0)},
		{"令和8年11月27日 14時", at(2026, 11, 27, 14, 0)},
		{"令和8年11月27日 14:05", at(2026, 11, 27, 14, 5)},
		{"令和 8年 11月 27日", at(2026, 11, 27, 0, 0)},
		{"2026年11月27日 14時05分", at(2026, 11, 27, 14, 5)},
		{"令和元年5月1日", at(2019, 5, 1, 0, 0)},
		{"令和1年5月1日", at(2019, 5, 1, 0, 0)},
		{"平成31年4月30日 23時59分", at(2019, 4, 30, 23, 59)},
		{"平成元年1月8日", at(1989, 1, 8, 0, 0)},
		{"昭和64年1月7日", at(1989, 1, 7, 0, 0)},
		{"2024/02/29", at(2024, 2, 29, 0, 0)},
		{"2026/11/27 00:00", at(2026, 11, 27, 0, 0)},
		{"2026/11/27 23:59", at(2026, 11, 27, 23, 59)},
	}
	for _, tt := range tests {
		got, err := ParseDateTime(tt.in, jst)
		if assert.NoError(t, err, tt.in) {
			assert.True(t, tt.want.Equal(got), "%q: got %v, want %v", tt.in, got, tt.want)
			assert.Equal(t, jst, got.Location(), tt.in)
		}
	}
}

func TestParseDateTimeRefuses(t *testing.T) {
	for _, in := range []string{
		"2026/02/30", "2025/02/29", "2026/13/01", "2026/00/10", "2026/11/00", "2026/11/32",
		"2026/11/27 25:00", "2026/11/27 24:00", "2026/11/27 14:60", "2026/11/27 14", "2026/11/27 14:5",
		"2026/11-27", "26/11/27", "2026/11/2714:05", "2026/11/27 14:05:00", "0000/01/01",
		"令和0年1月1日", "平成31年5月1日", "平成32年1月1日", "昭和64年1月8日", "令和元年4月30日",
		"8年11月27日", "令和8年11月27日 25時", "令和8年11月27日 14時60分", "令和8年2月30日",
		"明治5年1月1日", "2026/11/27 14:05 extra", "yesterday", "2026", "/",
		"0001/01/01 09:00", // the zero time, which means "unknown"
	} {
		_, err := ParseDateTime(in, jst)
		var e *data.Error
		if assert.True(t, errors.As(err, &e), "%q: want *data.Error, got %v", in, err) {
			assert.Equal(t, data.EINVALID, e.Code, in)
			assert.Equal(t, "at", e.Field, in)
			assert.Equal(t, "format", e.Rule, in)
		}
	}
	for _, in := range []string{"", "   ", "　"} {
		_, err := ParseDateTime(in, jst)
		assert.Equal(t, "required", data.AsError(err).Rule, "%q", in)
	}
}

func TestParseDateTimeMessages(t *testing.T) {
	withLanguage(t, Japanese)
	_, err := ParseDateTime("2026/02/30", jst)
	assert.Equal(t, "日時の形式が正しくありません。「2026/11/27 14:05」または「令和8年11月27日 14時05分」のように、実在する日時を入力してください。", ErrorMessage(err))
}

func TestParseDateTimeNilLocationIsLocal(t *testing.T) {
	got, err := ParseDateTime("2026/11/27 14:05", nil)
	require.NoError(t, err)
	assert.Equal(t, time.Local, got.Location())
}

func TestRoundTrips(t *testing.T) {
	for _, tm := range []time.Time{
		at(2026, 11, 27, 14, 5), at(2019, 5, 1, 0, 0), at(2019, 4, 30, 23, 59), at(1989, 1, 8, 0, 0),
		at(1989, 1, 7, 12, 30), at(1926, 12, 25, 1, 1), at(1912, 7, 30, 0, 0), at(1873, 1, 1, 0, 0),
		at(1800, 6, 15, 8, 0), at(9999, 12, 31, 23, 59), at(2024, 2, 29, 6, 7),
	} {
		for _, s := range []string{WesternDateTime(tm), WarekiDateTime(tm)} {
			got, err := ParseDateTime(s, jst)
			if assert.NoError(t, err, s) {
				assert.True(t, tm.Equal(got), "%q: got %v, want %v", s, got, tm)
			}
		}
		for _, s := range []string{Western(tm), Wareki(tm)} {
			got, err := ParseDateTime(s, jst)
			if assert.NoError(t, err, s) {
				assert.Equal(t, Western(tm), Western(got), s)
			}
		}
	}
}

func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{
		"2026/11/27 14:05", "2026-11-27 14:05", "2026/11/27", "２０２６/１１/２７ １４:０５",
		"令和8年11月27日 14時05分", "令和8年11月27日", "令和元年5月1日", "平成31年4月30日",
		"昭和64年1月7日 23時59分", "2026/02/30", "2026/11/27 25:00", "", "1800/01/01 14時05分",
		"9999/12/31 23:59", "明治6年1月1日",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, loc := range []*time.Location{jst, time.UTC} {
			tm, err := ParseDateTime(s, loc)
			if err != nil {
				if data.AsError(err) == nil || data.AsError(err).Code != data.EINVALID {
					t.Fatalf("%q: error is not EINVALID: %v", s, err)
				}
				continue
			}
			if tm.Second() != 0 || tm.Nanosecond() != 0 || tm.Location() != loc {
				t.Fatalf("%q: parsed to %v", s, tm)
			}
			for _, out := range []string{WesternDateTime(tm), WarekiDateTime(tm)} {
				back, err := ParseDateTime(out, loc)
				if err != nil {
					t.Fatalf("%q → %v → %q does not parse: %v", s, tm, out, err)
				}
				if !back.Equal(tm) {
					t.Fatalf("%q → %v → %q → %v", s, tm, out, back)
				}
			}
		}
	})
}
