package data_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

var jst = time.FixedZone("JST", 9*3600)

func at(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, jst) }

// prefecture is an entry with both sets of numbers and a deputy.
func prefecture() data.ContactPoint {
	return data.ContactPoint{
		ID: 7, Body: data.BodyPrefecture, Section: "市町村課",
		Primary: data.Person{Name: "見本 一郎", TEL: "000-0000-1001", FAX: "000-0000-1002", Mail: "juki@pref.example.jp",
			Extension: "2345", NightTEL: "000-0000-1009", Mobile: "000-0000-1010"},
		Deputy: data.Person{Name: "見本 二郎", TEL: "000-0000-1011", Mobile: "000-0000-1020"},
	}
}

func TestBusinessHoursAcrossTheBoundaries(t *testing.T) {
	on := data.CallConfig{YearEndClosing: true}
	off := data.CallConfig{YearEndClosing: false}
	p := prefecture()
	tests := []struct {
		name string
		at   time.Time
		cfg  data.CallConfig
		open bool
		why  string
	}{
		{"weekday 8:29 is before opening", at(2026, 11, 27, 8, 29), on, false, data.ClosedBefore},
		{"weekday 8:30 is open", at(2026, 11, 27, 8, 30), on, true, ""},
		{"weekday noon", at(2026, 11, 27, 12, 0), on, true, ""},
		{"weekday 17:15 is open", at(2026, 11, 27, 17, 15), on, true, ""},
		{"weekday 17:15:59 is still the closing minute", at(2026, 11, 27, 17, 15).Add(59 * time.Second), on, true, ""},
		{"weekday 17:16 is closed", at(2026, 11, 27, 17, 16), on, false, data.ClosedAfter},
		{"weekday 20:00", at(2026, 11, 27, 20, 0), on, false, data.ClosedAfter},
		{"Saturday 10:00", at(2026, 11, 28, 10, 0), on, false, data.ClosedWeekend},
		{"Sunday 10:00", at(2026, 11, 29, 10, 0), on, false, data.ClosedWeekend},
		{"substitute holiday 2026-05-06 (振替休日)", at(2026, 5, 6, 10, 0), on, false, data.ClosedHoliday},
		{"the day after it is a working day", at(2026, 5, 7, 10, 0), on, true, ""},
		{"国民の休日 2026-09-22", at(2026, 9, 22, 10, 0), on, false, data.ClosedHoliday},
		{"Labor Thanksgiving Day 2026-11-23", at(2026, 11, 23, 10, 0), on, false, data.ClosedHoliday},
		{"12/28 is the last working day", at(2026, 12, 28, 10, 0), on, true, ""},
		{"12/29 year-end closing", at(2026, 12, 29, 10, 0), on, false, data.ClosedYearEnd},
		{"12/31 year-end closing", at(2026, 12, 31, 10, 0), on, false, data.ClosedYearEnd},
		{"1/3 (a Sunday in 2027)", at(2027, 1, 3, 10, 0), on, false, data.ClosedWeekend},
		{"1/3 on a weekday (2029)", at(2029, 1, 3, 10, 0), on, false, data.ClosedYearEnd},
		{"1/4 is open", at(2027, 1, 4, 10, 0), on, true, ""},
		{"12/29 without the setting", at(2026, 12, 29, 10, 0), off, true, ""},
		{"12/31 without the setting", at(2026, 12, 31, 10, 0), off, true, ""},
		{"1/3 on a weekday without the setting", at(2029, 1, 3, 10, 0), off, true, ""},
		{"1/1 is a public holiday either way", at(2026, 1, 1, 10, 0), off, false, data.ClosedHoliday},
		{"1/4 without the setting", at(2027, 1, 4, 10, 0), off, true, ""},
		// 10:00 UTC is 19:00 in Japan: the bodies' hours are Japan time.
		{"the moment's zone does not matter", time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC), on, false, data.ClosedAfter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			open, why := data.OpenAt(p, tt.at, tt.cfg)
			assert.Equal(t, tt.open, open)
			assert.Equal(t, tt.why, why)
		})
	}
}

func TestBusinessHoursPerBody(t *testing.T) {
	p := prefecture()
	p.OpenFrom, p.OpenUntil = "09:00", "17:00"
	cfg := data.DefaultCallConfig()
	for _, tt := range []struct {
		h, m int
		open bool
	}{{8, 59, false}, {9, 0, true}, {17, 0, true}, {17, 1, false}} {
		open, _ := data.OpenAt(p, at(2026, 11, 27, tt.h, tt.m), cfg)
		assert.Equal(t, tt.open, open, "%02d:%02d", tt.h, tt.m)
	}
	// Unusable hours fall back to the default rather than closing the body.
	p.OpenFrom, p.OpenUntil = "18:00", "09:00"
	open, _ := data.OpenAt(p, at(2026, 11, 27, 8, 30), cfg)
	assert.True(t, open)
}

func TestWhoToCallPicksTheNumbersForTheMoment(t *testing.T) {
	cfg := data.DefaultCallConfig()
	ps := []data.ContactPoint{prefecture()}

	day := data.WhoToCall(ps, data.ClassFailure, at(2026, 11, 27, 10, 0), cfg)
	require.Len(t, day, 1)
	assert.True(t, day[0].BusinessHours)
	assert.Equal(t, "見本 一郎", day[0].Primary.Name)
	assert.Equal(t, data.ContactNumber{Kind: data.PersonTEL, Value: "000-0000-1001"}, day[0].Primary.First())
	kinds := func(r data.Reach) []string {
		var ks []string
		for _, n := range r.Numbers {
			k := n.Kind
			if n.OffHours {
				k += "*"
			}
			ks = append(ks, k)
		}
		return ks
	}
	assert.Equal(t, []string{"tel", "extension", "fax", "mail", "night_tel*", "mobile*"}, kinds(day[0].Primary))

	night := data.WhoToCall(ps, data.ClassFailure, at(2026, 11, 27, 20, 0), cfg)
	require.Len(t, night, 1)
	assert.False(t, night[0].BusinessHours)
	assert.Equal(t, data.ClosedAfter, night[0].Closed)
	assert.Equal(t, data.ContactNumber{Kind: data.PersonNightTEL, Value: "000-0000-1009"}, night[0].Primary.First())
	assert.Equal(t, []string{"night_tel", "mobile", "tel*", "extension*", "fax*", "mail*"}, kinds(night[0].Primary))
	// The deputy has no night number: the mobile comes first.
	assert.Equal(t, "見本 二郎", night[0].Deputy.Name)
	assert.True(t, night[0].Deputy.Deputy)
	assert.Equal(t, "000-0000-1020", night[0].Deputy.First().Value)
	assert.False(t, night[0].Deputy.First().OffHours)

	holiday := data.WhoToCall(ps, data.ClassFailure, at(2026, 5, 6, 10, 0), cfg)
	assert.Equal(t, data.PersonNightTEL, holiday[0].Primary.First().Kind, "a substitute holiday is a holiday")
}

func TestDeputyFallback(t *testing.T) {
	cfg := data.DefaultCallConfig()
	target := data.WhoToCall([]data.ContactPoint{prefecture()}, data.ClassMisconduct, at(2026, 11, 28, 22, 0), cfg)[0]

	next, ok := data.NextAfter(target, target.Primary, false)
	require.True(t, ok, "the primary was not reached: call the deputy")
	assert.Equal(t, "見本 二郎", next.Name)
	assert.Equal(t, "000-0000-1020", next.First().Value)

	_, ok = data.NextAfter(target, target.Primary, true)
	assert.False(t, ok, "reached: nobody else to call")
	_, ok = data.NextAfter(target, target.Deputy, false)
	assert.False(t, ok, "the deputy was the last resort")

	noDeputy := prefecture()
	noDeputy.Deputy = data.Person{}
	target = data.WhoToCall([]data.ContactPoint{noDeputy}, data.ClassMisconduct, at(2026, 11, 28, 22, 0), cfg)[0]
	assert.True(t, target.Deputy.Empty())
	_, ok = data.NextAfter(target, target.Primary, false)
	assert.False(t, ok)
}

// network has one entry for each link, in a deliberately scrambled Order,
// plus an entry of the officer's own.
func network() []data.ContactPoint {
	mk := func(order int, b data.Body, r data.Role, name string) data.ContactPoint {
		return data.ContactPoint{ID: int64(order), Order: order, Body: b, Role: r, Name: name,
			Primary: data.Person{Name: name + "担当", TEL: "0120-000-" + strings.Repeat("1", 3)}}
	}
	return []data.ContactPoint{
		mk(1, data.BodyContractor, "", "保守会社"),
		mk(2, data.BodyOther, "", "電気設備業者"),
		mk(3, data.BodyAgency, "", ""),
		mk(4, data.BodyCity, data.RoleChief, ""),
		mk(5, data.BodyPrefecture, "", ""),
		mk(6, data.BodyCity, data.RoleSysAdminStaff, ""),
		mk(7, data.BodyCity, data.RoleSysAdmin, ""),
		mk(8, data.BodyCity, data.RoleSecurityOfficer, ""),
		mk(9, data.BodyCity, data.RoleStaff, ""),
	}
}

func TestWhoToCallFollowsTheClass(t *testing.T) {
	order := func(class data.Class) []string {
		var out []string
		for _, tg := range data.WhoToCall(network(), class, at(2026, 11, 27, 10, 0), data.DefaultCallConfig()) {
			s := tg.Point.Title("大崎市", "宮城県") + " " + tg.Step.Article
			if !tg.InChain {
				s += "(chain外)"
			}
			out = append(out, strings.TrimSpace(s))
		}
		return out
	}
	assert.Equal(t, []string{
		"大崎市 住基ネット担当者 第4条第1号",
		"大崎市 セキュリティ責任者 第4条第1号",
		"大崎市 システム管理者 第4条第1号",
		"大崎市 システム管理担当者 第4条第3号",
		"大崎市 セキュリティ統括責任者 第4条第4号",
		"保守会社 第4条第5号",
		"宮城県 第4条第9号", // the resumption notice; 第4条第6号 is the meeting's to deliberate
		"指定情報処理機関 第4条第9号",
		"電気設備業者 (chain外)",
	}, order(data.ClassFailure))
	assert.Equal(t, []string{
		"大崎市 住基ネット担当者 第5条第1号",
		"大崎市 セキュリティ責任者 第5条第1号",
		"大崎市 システム管理者 第5条第1号",
		"大崎市 セキュリティ統括責任者 第5条第3号",
		"宮城県 第5条第2号ウ",
		"指定情報処理機関 第5条第2号ウ",
		"保守会社 第5条第5号",
		"電気設備業者 (chain外)",
		"大崎市 システム管理担当者 (chain外)", // 第5条 does not name them
	}, order(data.ClassMisconduct))
	assert.Equal(t, []string{
		"大崎市 住基ネット担当者 第4条第1号・第5条第1号",
		"大崎市 セキュリティ責任者 第4条第1号・第5条第1号",
		"大崎市 システム管理者 第4条第1号・第5条第1号",
		"大崎市 セキュリティ統括責任者 第4条第4号・第5条第3号",
		"保守会社 第4条第5号・第5条第5号",
		"宮城県 第4条第9号・第5条第2号ウ",
		"指定情報処理機関 第4条第9号・第5条第2号ウ",
		"電気設備業者 (chain外)",
		"大崎市 システム管理担当者 (chain外)",
	}, order(data.ClassPending))

	removed := network()
	removed[0].RemovedAt = at(2026, 1, 1, 0, 0)
	for _, tg := range data.WhoToCall(removed, data.ClassFailure, at(2026, 11, 27, 10, 0), data.DefaultCallConfig()) {
		assert.NotEqual(t, "保守会社", tg.Point.Name, "a removed entry is not called")
	}
}

func TestCallOrderCitesTheRegulation(t *testing.T) {
	for _, class := range data.Classes {
		steps := data.CallOrder(class)
		require.NotEmpty(t, steps, class)
		assert.Equal(t, data.RoleStaff, steps[0].Role, "%s: the staff member starts the chain", class)
		assert.Equal(t, data.RoleSecurityOfficer, steps[1].Role)
		assert.Equal(t, data.RoleSysAdmin, steps[2].Role)
		for _, s := range steps {
			assert.Contains(t, s.Article, "第", class)
			if s.When != "" {
				assert.Contains(t, data.RegulationText(), s.When, "condition quoted verbatim")
			}
			if s.StepID != "" {
				st, ok := data.StepByID(s.StepID)
				require.True(t, ok, s.StepID)
				assert.Equal(t, st.Article, s.Article)
				if s.Body == data.BodyCity {
					assert.Contains(t, st.Action, s.Role.Label(), "step %s names %s", s.StepID, s.Role.Label())
				}
				// Whoever makes the call is the step's actor, in its words.
				if s.From != "" {
					assert.Contains(t, st.Actors, s.From, "step %s: %s makes the call", s.StepID, s.From.Label())
				}
				if s.Purpose != "" {
					assert.Contains(t, st.Action, s.Purpose, "purpose quoted from the step")
				}
				// A related body is called where the step says to contact it
				// (関係機関 or the contractor by name), not where the meeting
				// only deliberates a contact (第4条第6号).
				switch s.Body {
				case data.BodyPrefecture, data.BodyAgency:
					assert.Contains(t, st.Action, "関係機関", "step %s contacts the related bodies", s.StepID)
					assert.NotEqual(t, "4-6", s.StepID)
				case data.BodyContractor:
					assert.Contains(t, st.Action, "保守委託", "step %s contacts the contractor", s.StepID)
				}
			}
		}
	}
	assert.Nil(t, data.CallOrder("nonsense"))
}

func TestUnconfirmed(t *testing.T) {
	now := at(2026, 11, 27, 10, 0)
	p := prefecture()
	assert.True(t, data.Unconfirmed(p, now, 6), "never confirmed")
	p.ConfirmedAt = at(2026, 5, 27, 10, 0)
	assert.False(t, data.Unconfirmed(p, now, 6), "exactly 6 months ago")
	p.ConfirmedAt = at(2026, 5, 26, 10, 0)
	assert.True(t, data.Unconfirmed(p, now, 6))
	assert.False(t, data.Unconfirmed(p, now, 0), "0 months turns the flag off")
	assert.False(t, data.Unconfirmed(p, now, 12))
}

type settings map[string]string

func (s settings) Setting(key, def string) (string, error) {
	if v, ok := s[key]; ok {
		return v, nil
	}
	return def, nil
}

func TestLoadCallConfig(t *testing.T) {
	cfg, err := data.LoadCallConfig(settings{})
	require.NoError(t, err)
	assert.Equal(t, data.CallConfig{YearEndClosing: true, UnconfirmedMonths: 6}, cfg)
	cfg, err = data.LoadCallConfig(settings{data.SettingYearEndClosing: "false", data.SettingUnconfirmedMonths: "3"})
	require.NoError(t, err)
	assert.Equal(t, data.CallConfig{YearEndClosing: false, UnconfirmedMonths: 3}, cfg)
	cfg, err = data.LoadCallConfig(settings{data.SettingYearEndClosing: "maybe", data.SettingUnconfirmedMonths: "-1"})
	require.NoError(t, err)
	assert.Equal(t, data.DefaultCallConfig(), cfg, "unreadable values keep the defaults")
}

func TestPublicHolidayConcurrently(t *testing.T) {
	// The calendar mutates its definitions while computing the equinoxes:
	// run with -race to see the lock hold.
	done := make(chan bool)
	for range 4 {
		go func() {
			_, ok := data.PublicHoliday(at(2026, 3, 20, 10, 0)) // 春分の日
			done <- ok
		}()
	}
	for range 4 {
		assert.True(t, <-done)
	}
}
