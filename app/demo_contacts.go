package app

import (
	"fmt"
	"time"

	"github.com/osaki-city/kinkyu/data"
)

// demoContactPoints is the demo's emergency contact network (第3条): the
// city's five roles, the prefecture, the designated agency (J-LIS), the
// maintenance contractor and an electrical contractor. The people are the
// demo's fictional 訓練/見本 names; every number is of the 0120-000-xxx or
// 000-0000-xxxx form, which reaches no one, and every address is under
// example.jp or example.com.
func demoContactPoints() []data.ContactPoint {
	city := func(role data.Role, section string, p, d data.Person) data.ContactPoint {
		return data.ContactPoint{Body: data.BodyCity, Role: role, Section: section, Primary: p, Deputy: d}
	}
	return []data.ContactPoint{
		city(data.RoleStaff, "市民課 住民記録係",
			data.Person{Name: "訓練 花子", TEL: "0120-000-101", Extension: "2101", FAX: "0120-000-109", Mail: "juki@city.example.jp", Mobile: "000-0000-0101"},
			data.Person{Name: "訓練 春子", Extension: "2102", Mobile: "000-0000-0102"}),
		city(data.RoleSecurityOfficer, "市民課長",
			data.Person{Name: "訓練 太郎", TEL: "0120-000-110", Extension: "2100", Mail: "shimin@city.example.jp", Mobile: "000-0000-0110"},
			data.Person{Name: "訓練 夏子（課長補佐）", Extension: "2103", Mobile: "000-0000-0111"}),
		city(data.RoleSysAdmin, "情報政策課長",
			data.Person{Name: "訓練 三郎", TEL: "0120-000-120", Extension: "3100", Mail: "joho@city.example.jp", Mobile: "000-0000-0120"},
			data.Person{Name: "訓練 秋子（課長補佐）", Extension: "3102", Mobile: "000-0000-0121"}),
		city(data.RoleSysAdminStaff, "情報政策課 情報システム係",
			data.Person{Name: "訓練 四郎", TEL: "0120-000-121", Extension: "3101", Mobile: "000-0000-0122"},
			data.Person{Name: "訓練 冬子", Extension: "3103", Mobile: "000-0000-0123"}),
		city(data.RoleChief, "副市長",
			data.Person{Name: "訓練 次郎", TEL: "0120-000-130", Extension: "1100", Mobile: "000-0000-0130"},
			data.Person{Name: "訓練 五郎（総務部長）", Extension: "1101", Mobile: "000-0000-0131"}),
		{Body: data.BodyPrefecture, Name: "宮城県 市町村課", Section: "行政班（住基ネット担当）",
			Primary: data.Person{Name: "見本 一郎", TEL: "000-0000-1001", FAX: "000-0000-1002", Mail: "juki@pref.example.jp", NightTEL: "000-0000-1009"},
			Deputy:  data.Person{Name: "見本 二郎", TEL: "000-0000-1003", NightTEL: "000-0000-1009"}},
		{Body: data.BodyAgency, Section: "住基ネット運用窓口（見本）",
			Primary:  data.Person{Name: "見本 三郎", TEL: "0120-000-301", FAX: "0120-000-302", Mail: "juki-support@jlis.example.jp", NightTEL: "0120-000-399"},
			Deputy:   data.Person{Name: "見本 七郎", TEL: "0120-000-303", NightTEL: "0120-000-399"},
			OpenFrom: "09:00", OpenUntil: "17:45"},
		{Body: data.BodyContractor, Name: "株式会社サンプル情報システム", Section: "東北サポートセンター",
			Primary: data.Person{Name: "見本 四郎", TEL: "0120-000-401", Mail: "support@sample-is.example.com", NightTEL: "0120-000-499", Mobile: "000-0000-0401"},
			Deputy:  data.Person{Name: "見本 五郎", TEL: "0120-000-402", Mobile: "000-0000-0402"}},
		{Body: data.BodyOther, Name: "見本電設株式会社（電気設備）", Section: "保守受付",
			Primary: data.Person{Name: "見本 六郎", TEL: "0120-000-501", NightTEL: "0120-000-599"}},
	}
}

// demoContacts stores the demo network through the Store, as an officer
// would have kept it: entered and reported to the bodies about a year ago,
// most entries confirmed last month, the prefecture's not for over a year
// (so the ※ flag shows), and changes since the last notice: the city's (so a
// 連絡先変更届 to each body has content) and the contractor's.
func demoContacts(sc *demoSchedule, s data.Store, now time.Time) {
	daysAgo := func(d int) time.Time { return now.AddDate(0, 0, -d).Truncate(time.Minute) }
	ps := demoContactPoints()
	sc.add(daysAgo(400), func() error {
		for i := range ps {
			ps[i].Order = i + 1
			ps[i].ConfirmedAt = daysAgo(400)
			if err := s.SaveContactPoint(&ps[i]); err != nil {
				return fmt.Errorf("demo contact %d: %w", i+1, err)
			}
		}
		return nil
	})
	sc.add(daysAgo(398), func() error { return s.MarkChangesReported(nil, daysAgo(398)) })

	// Confirmed last month, except the prefecture (index 5).
	sc.add(daysAgo(30), func() error {
		for i := range ps {
			if ps[i].Body == data.BodyPrefecture {
				continue
			}
			ps[i].ConfirmedAt = daysAgo(30)
			if err := s.SaveContactPoint(&ps[i]); err != nil {
				return err
			}
		}
		return nil
	})

	// Changes since: the security officer's new mobile, reported to the
	// prefecture two days later but not yet to the designated agency (each
	// body is told on its own, 第3条第2号); the staff member's new FAX
	// number, not reported to either; and the contractor's new night number
	// and deputy, which are the city's own list (not reported).
	sc.add(daysAgo(20), func() error {
		ps[1].Primary.Mobile = "000-0000-0112"
		ps[1].ConfirmedAt = daysAgo(20)
		return s.SaveContactPoint(&ps[1])
	})
	sc.add(daysAgo(18), func() error {
		toPref, err := s.UnreportedChanges(data.BodyPrefecture)
		if err != nil {
			return err
		}
		ids := make([]int64, len(toPref))
		for i, c := range toPref {
			ids[i] = c.ID
		}
		return s.MarkChangesReportedTo(data.BodyPrefecture, ids, daysAgo(18))
	})
	sc.add(daysAgo(12), func() error {
		ps[0].Primary.FAX = "0120-000-107"
		ps[0].ConfirmedAt = daysAgo(12)
		return s.SaveContactPoint(&ps[0])
	})
	sc.add(daysAgo(9), func() error {
		ps[7].Primary.NightTEL = "0120-000-498"
		ps[7].Deputy = data.Person{Name: "見本 八郎", TEL: "0120-000-403", Mobile: "000-0000-0403"}
		ps[7].ConfirmedAt = daysAgo(9)
		return s.SaveContactPoint(&ps[7])
	})
}
