package data_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

func TestContactPointValidate(t *testing.T) {
	ok := func() data.ContactPoint {
		return data.ContactPoint{Body: data.BodyCity, Role: data.RoleSecurityOfficer, Section: "市民課",
			Primary: data.Person{Name: "訓練 太郎", TEL: "+81 (22) 000-0000", Extension: "2-102", Mail: "taro@city.example.jp", Mobile: "000 0000 0102"}}
	}
	tests := []struct {
		name        string
		change      func(p *data.ContactPoint)
		field, rule string
	}{
		{"valid", func(p *data.ContactPoint) {}, "", ""},
		{"no body", func(p *data.ContactPoint) { p.Body = "" }, "body", "required"},
		{"unknown body", func(p *data.ContactPoint) { p.Body = "police" }, "body", "required"},
		{"city without role", func(p *data.ContactPoint) { p.Role = "" }, "role", "required"},
		{"city with a role that is not the city's", func(p *data.ContactPoint) { p.Role = data.RoleMeeting }, "role", "notcity"},
		{"contractor is a body, not a city role", func(p *data.ContactPoint) { p.Role = data.RoleContractor }, "role", "notcity"},
		{"role on the prefecture", func(p *data.ContactPoint) { p.Body = data.BodyPrefecture }, "role", "onlycity"},
		{"other without a name", func(p *data.ContactPoint) { p.Body, p.Role, p.Name = data.BodyOther, "", "  " }, "point_name", "required"},
		{"letters in a phone number", func(p *data.ContactPoint) { p.Primary.TEL = "022-ABC-0000" }, "primary.tel", "phone"},
		{"a # in the FAX", func(p *data.ContactPoint) { p.Deputy.FAX = "000-0000#1" }, "deputy.fax", "phone"},
		{"no digit at all", func(p *data.ContactPoint) { p.Primary.NightTEL = "--" }, "primary.night_tel", "phone"},
		{"full-width digits before Normalize", func(p *data.ContactPoint) { p.Primary.Mobile = "０９０" }, "primary.mobile", "phone"},
		{"extension with a letter", func(p *data.ContactPoint) { p.Primary.Extension = "内2102" }, "primary.extension", "extension"},
		{"mail without @", func(p *data.ContactPoint) { p.Primary.Mail = "taro.example.jp" }, "primary.mail", "mail"},
		{"mail with two @", func(p *data.ContactPoint) { p.Deputy.Mail = "a@b@c" }, "deputy.mail", "mail"},
		{"hours not HH:MM", func(p *data.ContactPoint) { p.OpenFrom = "8時半" }, "open_from", "clock"},
		{"hours out of range", func(p *data.ContactPoint) { p.OpenUntil = "24:00" }, "open_until", "clock"},
		{"closing before opening", func(p *data.ContactPoint) { p.OpenFrom, p.OpenUntil = "17:15", "08:30" }, "open_until", "beforeopen"},
		{"closing at opening", func(p *data.ContactPoint) { p.OpenFrom, p.OpenUntil = "09:00", "09:00" }, "open_until", "beforeopen"},
		{"name too long", func(p *data.ContactPoint) { p.Primary.Name = strings.Repeat("名", data.MaxNameRunes+1) }, "primary.name", "toolong"},
		{"section with a line break", func(p *data.ContactPoint) { p.Section = "市民課\n住基係" }, "contact_section", "control"},
		{"broken UTF-8", func(p *data.ContactPoint) { p.Name = "\xff" }, "point_name", "encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok()
			tt.change(&p)
			err := p.Validate()
			if tt.field == "" {
				assert.NoError(t, err)
				return
			}
			e := data.AsError(err)
			require.NotNil(t, e, "want %s.%s", tt.field, tt.rule)
			assert.Equal(t, data.EINVALID, e.Code)
			assert.Equal(t, tt.field, e.Field)
			assert.Equal(t, tt.rule, e.Rule)
		})
	}
	for _, r := range data.CityRoles {
		p := ok()
		p.Role = r
		assert.NoError(t, p.Validate(), r)
	}
}

func TestContactPointNormalize(t *testing.T) {
	p := data.ContactPoint{Body: data.BodyPrefecture, Name: " 宮城県 市町村課　",
		Primary:  data.Person{Name: " 見本 一郎 ", TEL: "０００ー００００ー１００１", Mobile: "000－0000－1010", Mail: "ｊｕｋｉ＠ｐｒｅｆ.example.jp", Extension: "２３４５"},
		OpenFrom: "９：００"}
	p.Normalize()
	assert.Equal(t, "宮城県 市町村課", p.Name)
	assert.Equal(t, "見本 一郎", p.Primary.Name)
	assert.Equal(t, "000-0000-1001", p.Primary.TEL)
	assert.Equal(t, "000-0000-1010", p.Primary.Mobile)
	assert.Equal(t, "juki@pref.example.jp", p.Primary.Mail)
	assert.Equal(t, "2345", p.Primary.Extension)
	assert.Equal(t, "09:00", p.OpenFrom)
	assert.Equal(t, "17:15", p.OpenUntil)
	assert.NoError(t, p.Validate())
}

func TestContactPointTitleAndBodies(t *testing.T) {
	assert.Equal(t, "大崎市 セキュリティ責任者", data.ContactPoint{Body: data.BodyCity, Role: data.RoleSecurityOfficer}.Title("", ""))
	assert.Equal(t, "栗原市 住基ネット担当者", data.ContactPoint{Body: data.BodyCity, Role: data.RoleStaff}.Title("栗原市", ""))
	assert.Equal(t, "宮城県", data.ContactPoint{Body: data.BodyPrefecture}.Title("", ""))
	assert.Equal(t, "宮城県 市町村課", data.ContactPoint{Body: data.BodyPrefecture, Name: "宮城県 市町村課"}.Title("", ""))
	assert.Equal(t, "指定情報処理機関", data.ContactPoint{Body: data.BodyAgency}.Title("", ""))
	assert.Equal(t, "保守委託事業者", data.ContactPoint{Body: data.BodyContractor}.Title("", ""))
	assert.Equal(t, "その他", data.ContactPoint{Body: data.BodyOther}.Title("", ""))

	// The regulation's terms are verbatim; J-LIS's current name is shown beside its term.
	for _, b := range []data.Body{data.BodyCity, data.BodyPrefecture, data.BodyAgency, data.BodyContractor} {
		assert.True(t, inRegulation(b.Term()), "%s: %q", b, b.Term())
	}
	assert.Empty(t, data.BodyOther.Term(), "the regulation has no word for the officer's additions")
	assert.Equal(t, "地方公共団体情報システム機構（J-LIS）", data.BodyAgency.CurrentName())
	assert.Empty(t, data.BodyPrefecture.CurrentName())
	assert.True(t, data.BodyOther.Valid())
	assert.False(t, data.Body("police").Valid())
}

func TestDiffContactPoints(t *testing.T) {
	old := data.ContactPoint{ID: 3, Body: data.BodyPrefecture, Section: "市町村課",
		Primary: data.Person{Name: "見本 一郎", TEL: "000-0000-1001"}, OpenFrom: "08:30", OpenUntil: "17:15"}
	new := old
	new.Primary.TEL = "000-0000-1111"
	new.Deputy.Name = "見本 二郎"
	new.OpenUntil = "17:30"
	new.ConfirmedAt = at(2026, 11, 27, 10, 0) // bookkeeping, not a reported change
	new.Order = 9
	assert.Equal(t, []data.ContactChange{
		{PointID: 3, Field: "primary.tel", Old: "000-0000-1001", New: "000-0000-1111"},
		{PointID: 3, Field: "deputy.name", Old: "", New: "見本 二郎"},
		{PointID: 3, Field: "open_until", Old: "17:15", New: "17:30"},
	}, data.DiffContactPoints(old, new))
	assert.Empty(t, data.DiffContactPoints(old, old))

	// Every field round-trips through Get and Set.
	var p data.ContactPoint
	for i, f := range data.ContactFields {
		p.Set(f, "v"+string(rune('a'+i)))
	}
	for i, f := range data.ContactFields {
		assert.Equal(t, "v"+string(rune('a'+i)), p.Get(f), f)
	}
}

func TestPlanContactImport(t *testing.T) {
	current := []data.ContactPoint{
		{ID: 1, Order: 1, Body: data.BodyCity, Role: data.RoleStaff, Primary: data.Person{Name: "訓練 花子", TEL: "0120-000-101"}},
		{ID: 2, Order: 2, Body: data.BodyPrefecture, Primary: data.Person{Name: "見本 一郎", TEL: "000-0000-1001"}, ReportedAt: at(2026, 4, 1, 10, 0)},
		{ID: 3, Order: 3, Body: data.BodyContractor, Name: "株式会社サンプル情報システム"},
	}
	incoming := []data.ContactPoint{
		{Body: data.BodyPrefecture, Primary: data.Person{Name: "見本 五郎", TEL: "000-0000-1001"}},
		{Body: data.BodyCity, Role: data.RoleStaff, Primary: data.Person{Name: "訓練 花子", TEL: "0120-000-101"}},
		{Body: data.BodyAgency, Primary: data.Person{Name: "見本 三郎"}},
	}
	im := data.PlanContactImport(current, incoming)
	require.Len(t, im.Updated, 1)
	assert.Equal(t, int64(2), im.Updated[0].New.ID, "the prefecture keeps its entry and history")
	assert.Equal(t, []data.ContactChange{{PointID: 2, Field: "primary.name", Old: "見本 一郎", New: "見本 五郎"}}, im.Updated[0].Changes)
	assert.True(t, im.Updated[0].New.ReportedAt.Equal(at(2026, 4, 1, 10, 0)))
	require.Len(t, im.Unchanged, 1)
	assert.Equal(t, int64(1), im.Unchanged[0].ID)
	require.Len(t, im.Added, 1)
	assert.Equal(t, data.BodyAgency, im.Added[0].Body)
	require.Len(t, im.Removed, 1)
	assert.Equal(t, int64(3), im.Removed[0].ID)
	var order []int
	for _, p := range im.Points {
		order = append(order, p.Order)
	}
	assert.Equal(t, []int{1, 2, 3}, order)
	assert.False(t, im.Empty())
	assert.True(t, data.PlanContactImport(current, current).Empty())
}

func TestCallValidate(t *testing.T) {
	c := data.Call{CaseID: 1, Person: "見本 一郎", Number: "000-0000-1001", At: at(2026, 11, 27, 10, 0)}
	assert.NoError(t, c.Validate())
	bad := c
	bad.CaseID = 0
	assert.Equal(t, "call.case", data.AsError(bad.Validate()).Field)
	bad = c
	bad.Person, bad.Number = "", ""
	assert.Equal(t, "call.person", data.AsError(bad.Validate()).Field)
	bad = c
	bad.Note = "\xff"
	assert.Equal(t, "call.note", data.AsError(bad.Validate()).Field)
}
