package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// clock sets data.Now to a fixed time for the test.
func clock(t *testing.T, at time.Time) func(time.Time) {
	t.Helper()
	real := data.Now
	now := at
	data.Now = func() time.Time { return now }
	t.Cleanup(func() { data.Now = real })
	return func(t time.Time) { now = t }
}

func staff() *data.ContactPoint {
	return &data.ContactPoint{Body: data.BodyCity, Role: data.RoleStaff, Section: "市民課",
		Primary: data.Person{Name: "訓練 花子", TEL: "0120-000-101", Extension: "2101", Mobile: "000-0000-0101"},
		Deputy:  data.Person{Name: "訓練 春子", Extension: "2102"}}
}

func pref() *data.ContactPoint {
	return &data.ContactPoint{Body: data.BodyPrefecture, Name: "宮城県 市町村課", Section: "住基ネット班",
		Primary:  data.Person{Name: "見本 一郎", TEL: "000-0000-1001", FAX: "000-0000-1002", Mail: "juki@pref.example.jp", NightTEL: "000-0000-1009"},
		OpenFrom: "08:30", OpenUntil: "17:15"}
}

func TestContactPointsRoundTripFromDisk(t *testing.T) {
	s, path := MustCreate(t)
	set := clock(t, time.Date(2026, 4, 1, 9, 0, 0, 0, jst))
	a, b := staff(), pref()
	b.ConfirmedAt = time.Date(2026, 4, 1, 9, 0, 0, 0, jst)
	require.NoError(t, s.SaveContactPoint(a))
	require.NoError(t, s.SaveContactPoint(b))
	assert.NotZero(t, a.ID)
	assert.Equal(t, 1, a.Order)
	assert.Equal(t, 2, b.Order, "a new entry goes to the end")
	assert.Equal(t, "08:30", a.OpenFrom, "the default hours are stored")
	set(time.Date(2026, 4, 2, 9, 0, 0, 0, jst))
	c := &data.ContactPoint{Body: data.BodyContractor, Name: "株式会社サンプル情報システム", Order: 1,
		Primary: data.Person{Name: "見本 四郎", TEL: "０１２０－０００－４０１"}}
	require.NoError(t, s.SaveContactPoint(c))
	assert.Equal(t, "0120-000-401", c.Primary.TEL, "full-width digits are stored as ASCII")
	require.NoError(t, s.Close())

	s2, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s2.Close()
	list, err := s2.ContactPoints()
	require.NoError(t, err)
	require.Len(t, list, 3)
	assert.Equal(t, []int64{a.ID, c.ID, b.ID}, []int64{list[0].ID, list[1].ID, list[2].ID}, "in Order, then by ID")
	got := list[2]
	assert.True(t, got.ConfirmedAt.Equal(b.ConfirmedAt))
	got.ConfirmedAt = b.ConfirmedAt
	assert.Equal(t, *b, got)
	one, err := s2.ContactPoint(a.ID)
	require.NoError(t, err)
	assert.Equal(t, *a, one)
	_, err = s2.ContactPoint(999)
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(err))

	rep, err := s2.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}

func TestSaveContactPointRefusesBadAndDuplicateEntries(t *testing.T) {
	s, _ := MustCreate(t)
	require.NoError(t, s.SaveContactPoint(staff()))
	head, err := s.Head()
	require.NoError(t, err)

	bad := staff()
	bad.Role = data.RoleSecurityOfficer
	bad.Primary.TEL = "0120-ABC"
	err = s.SaveContactPoint(bad)
	assert.Equal(t, "primary.tel", data.AsError(err).Field)
	err = s.SaveContactPoint(staff())
	require.Error(t, err)
	assert.Equal(t, data.FieldBody, data.AsError(err).Field)
	assert.Equal(t, "duplicate", data.AsError(err).Rule)
	err = s.SaveContactPoint(&data.ContactPoint{ID: 77, Body: data.BodyAgency})
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(err))

	after, err := s.Head()
	require.NoError(t, err)
	assert.Equal(t, head, after, "nothing was written")
	list, _ := s.ContactPoints()
	assert.Len(t, list, 1)
}

func TestContactChangeHistoryAndNotice(t *testing.T) {
	s, _ := MustCreate(t)
	set := clock(t, time.Date(2026, 4, 1, 9, 0, 0, 0, jst))
	p := pref()
	require.NoError(t, s.SaveContactPoint(p))
	created, err := s.ContactChanges(p.ID, false)
	require.NoError(t, err)
	assert.Len(t, created, 10, "a new entry: every filled field from empty")

	require.NoError(t, s.MarkChangesReported([]int64{p.ID}, time.Date(2026, 4, 1, 12, 0, 0, 0, jst)))
	unreported, err := s.ContactChanges(0, true)
	require.NoError(t, err)
	assert.Empty(t, unreported)

	set(time.Date(2026, 10, 1, 10, 0, 0, 0, jst))
	p.Primary.Name = "見本 五郎"
	p.Primary.TEL = "000-0000-1005"
	p.ConfirmedAt = time.Date(2026, 10, 1, 10, 0, 0, 0, jst)
	require.NoError(t, s.SaveContactPoint(p))
	// Saving the same again changes nothing and writes no change.
	head, _ := s.Head()
	require.NoError(t, s.SaveContactPoint(p))
	again, _ := s.Head()
	assert.Equal(t, head, again)

	ch, err := s.ContactChanges(p.ID, true)
	require.NoError(t, err)
	require.Len(t, ch, 2)
	assert.Equal(t, "primary.name", ch[0].Field)
	assert.Equal(t, "見本 一郎", ch[0].Old)
	assert.Equal(t, "見本 五郎", ch[0].New)
	assert.Equal(t, "primary.tel", ch[1].Field)
	assert.Equal(t, "000-0000-1001", ch[1].Old)
	assert.True(t, ch[0].At.Equal(time.Date(2026, 10, 1, 10, 0, 0, 0, jst)))
	assert.Equal(t, "山田（セキュリティ責任者）", ch[0].By)
	assert.False(t, ch[0].Reported)

	// A change after the notice was drawn up stays for the next one.
	set(time.Date(2026, 10, 2, 10, 0, 0, 0, jst))
	p.Deputy.Name = "見本 六郎"
	require.NoError(t, s.SaveContactPoint(p))
	sent := time.Date(2026, 10, 1, 17, 0, 0, 0, jst)
	require.NoError(t, s.MarkChangesReported([]int64{p.ID}, sent))
	left, err := s.ContactChanges(0, true)
	require.NoError(t, err)
	require.Len(t, left, 1)
	assert.Equal(t, "deputy.name", left[0].Field)
	all, err := s.ContactChanges(p.ID, false)
	require.NoError(t, err)
	assert.Len(t, all, 13, "the history keeps every change")
	got, _ := s.ContactPoint(p.ID)
	assert.True(t, got.ReportedAt.Equal(sent))

	// Removal keeps the entry and its history, and is itself a change to report.
	require.NoError(t, s.RemoveContactPoint(p.ID))
	list, _ := s.ContactPoints()
	assert.Empty(t, list)
	gone, err := s.ContactPoint(p.ID)
	require.NoError(t, err)
	assert.False(t, gone.RemovedAt.IsZero())
	left, _ = s.ContactChanges(0, true)
	require.Len(t, left, 2)
	assert.Equal(t, data.FieldRemoved, left[1].Field)
	assert.Equal(t, "宮城県 市町村課", left[1].Old)
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(s.RemoveContactPoint(p.ID)), "already removed")
	require.NoError(t, s.MarkChangesReported(nil, time.Time{}))
	left, _ = s.ContactChanges(0, true)
	assert.Empty(t, left, "nil marks every entry's changes")
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(s.MarkChangesReported([]int64{999}, time.Time{})))

	// The history cannot be rewritten behind the store's back.
	db := rawOpen(t, s.Path())
	_, err = db.Exec(`UPDATE contact_changes SET old = 'x' WHERE id = 1`)
	assert.ErrorContains(t, err, "contact changes are kept")
	_, err = db.Exec(`DELETE FROM contact_changes`)
	assert.ErrorContains(t, err, "contact changes are kept")

	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
	ev, err := s.AuditEvents(1, 0)
	require.NoError(t, err)
	var actions []string
	for _, e := range ev {
		actions = append(actions, e.Action)
	}
	assert.Subset(t, actions, []string{"contact.add", "contact.update", "contact.reported", "contact.remove"})
}

func TestRecordCallOnTheTimeline(t *testing.T) {
	s, _ := MustCreate(t)
	clock(t, time.Date(2026, 11, 27, 20, 0, 0, 0, jst))
	k := newCase("CSの応答なし", data.ClassFailure, time.Date(2026, 11, 27, 19, 50, 0, 0, jst))
	require.NoError(t, s.CreateCase(k))
	p := pref()
	require.NoError(t, s.SaveContactPoint(p))

	miss := &data.Call{CaseID: k.ID, PointID: p.ID, Person: "見本 一郎", Number: "000-0000-1009",
		At: time.Date(2026, 11, 27, 20, 2, 0, 0, jst), Reached: false}
	require.NoError(t, s.RecordCall(miss, "宮城県 市町村課 見本 一郎（000-0000-1009）に電話: 不在"))
	hit := &data.Call{CaseID: k.ID, PointID: p.ID, Person: "見本 二郎", Number: "000-0000-1020", Deputy: true,
		At: time.Date(2026, 11, 27, 20, 5, 0, 0, jst), Reached: true, Note: "CS停止を第一報"}
	require.NoError(t, s.RecordCall(hit, "宮城県 市町村課 見本 二郎（代理）に電話: 通話。CS停止を第一報"))

	calls, err := s.Calls(k.ID)
	require.NoError(t, err)
	require.Len(t, calls, 2)
	assert.Equal(t, "山田（セキュリティ責任者）", calls[0].By, "the actor when By is empty")
	assert.False(t, calls[0].Reached)
	assert.True(t, calls[1].Deputy)
	assert.True(t, calls[1].Reached)
	assert.Equal(t, "CS停止を第一報", calls[1].Note)
	assert.True(t, calls[1].At.Equal(hit.At))
	assert.Equal(t, p.ID, calls[1].PointID)

	tl, err := s.Timeline(k.ID)
	require.NoError(t, err)
	var callEntries []data.Entry
	for _, e := range tl {
		if e.Kind == data.EntryCall {
			callEntries = append(callEntries, e)
		}
	}
	require.Len(t, callEntries, 2)
	assert.Contains(t, callEntries[1].Text, "見本 二郎（代理）")
	assert.True(t, callEntries[1].At.Equal(hit.At), "the entry is at the call's time")
	assert.Contains(t, data.EntryKinds, data.EntryCall, "the timeline filter offers calls")

	// A call to someone outside the network (no PointID) is fine; unknown case or entry is not.
	require.NoError(t, s.RecordCall(&data.Call{CaseID: k.ID, Person: "電気設備業者", Reached: true}, "電気設備業者に電話"))
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(s.RecordCall(&data.Call{CaseID: 999, Person: "x"}, "x")))
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(s.RecordCall(&data.Call{CaseID: k.ID, PointID: 999, Person: "x"}, "x")))
	assert.Equal(t, data.EINVALID, data.ErrorCode(s.RecordCall(&data.Call{CaseID: k.ID}, "x")))
	calls, _ = s.Calls(k.ID)
	assert.Len(t, calls, 3)
	_, err = s.Calls(999)
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(err))

	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}

func TestReplaceContactPointsIsAllOrNothing(t *testing.T) {
	s, path := MustCreate(t)
	set := clock(t, time.Date(2026, 4, 1, 9, 0, 0, 0, jst))
	a, b := staff(), pref()
	c := &data.ContactPoint{Body: data.BodyContractor, Name: "株式会社サンプル情報システム", Primary: data.Person{TEL: "0120-000-401"}}
	for _, p := range []*data.ContactPoint{a, b, c} {
		require.NoError(t, s.SaveContactPoint(p))
	}
	require.NoError(t, s.MarkChangesReported(nil, time.Time{}))
	set(time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	head, _ := s.Head()

	// A bad entry anywhere: nothing changes.
	newPref := *pref()
	newPref.Primary.Name = "見本 五郎"
	agency := data.ContactPoint{Body: data.BodyAgency, Primary: data.Person{Name: "見本 三郎", TEL: "0120-000-301"}}
	broken := agency
	broken.Primary.TEL = "電話して"
	err := s.ReplaceContactPoints([]data.ContactPoint{newPref, *staff(), broken})
	assert.Equal(t, "primary.tel", data.AsError(err).Field)
	err = s.ReplaceContactPoints([]data.ContactPoint{newPref, *staff(), agency, agency})
	assert.Equal(t, "duplicate", data.AsError(err).Rule)
	after, _ := s.Head()
	assert.Equal(t, head, after, "nothing was written")
	left, _ := s.ContactChanges(0, true)
	assert.Empty(t, left)

	// A good import: the prefecture is updated in place, the staff entry kept,
	// the agency added, the contractor removed.
	in := []data.ContactPoint{newPref, *staff(), agency}
	require.NoError(t, s.ReplaceContactPoints(in))
	assert.Equal(t, b.ID, in[0].ID)
	assert.Equal(t, a.ID, in[1].ID)
	list, err := s.ContactPoints()
	require.NoError(t, err)
	require.Len(t, list, 3)
	assert.Equal(t, []data.Body{data.BodyPrefecture, data.BodyCity, data.BodyAgency}, []data.Body{list[0].Body, list[1].Body, list[2].Body})
	assert.Equal(t, b.ID, list[0].ID)
	assert.Equal(t, "見本 五郎", list[0].Primary.Name)
	assert.False(t, list[0].ReportedAt.IsZero(), "an updated entry keeps when it was last reported")
	left, _ = s.ContactChanges(0, true)
	fields := map[int64][]string{}
	for _, ch := range left {
		fields[ch.PointID] = append(fields[ch.PointID], ch.Field)
	}
	assert.Equal(t, []string{"primary.name"}, fields[b.ID], "the prefecture's change")
	assert.Empty(t, fields[a.ID], "the staff entry did not change")
	assert.Equal(t, []string{data.FieldRemoved}, fields[c.ID], "the contractor's removal")
	assert.Equal(t, []string{"body", "primary.name", "primary.tel", "open_from", "open_until"}, fields[in[2].ID], "the agency, added")
	gone, _ := s.ContactPoint(c.ID)
	assert.False(t, gone.RemovedAt.IsZero())
	require.NoError(t, s.Close())

	s2, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s2.Close()
	list, _ = s2.ContactPoints()
	assert.Len(t, list, 3)
	rep, err := s2.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}

func TestMigrationFromSchema4KeepsDataAndBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "第4版.kinkyu")
	require.NoError(t, sqlite.CreateAtVersion(path, 4))
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO cases (number, title, class, status, discovered_at, occurred_at, zone, drill, created_at, updated_at)
		VALUES ('2026-001', '第4版の事案', 'failure', 'open', '2026-04-01T00:00:00.000000Z', '', 'Asia/Tokyo', 0, '2026-04-01T00:00:00.000000Z', '2026-04-01T00:00:00.000000Z')`)
	require.NoError(t, err)
	_, err = db.Exec(`SELECT 1 FROM contact_points`)
	require.Error(t, err, "schema 4 has no contact network")
	require.NoError(t, db.Close())

	s, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	k, err := s.CaseByNumber("2026-001")
	require.NoError(t, err)
	assert.Equal(t, "第4版の事案", k.Title)
	list, err := s.ContactPoints()
	require.NoError(t, err)
	assert.Empty(t, list)
	require.NoError(t, s.SaveContactPoint(pref()))
	require.NoError(t, s.RecordCall(&data.Call{CaseID: k.ID, Person: "見本 一郎", Reached: true}, "宮城県に電話"))

	backups, _ := filepath.Glob(path + ".v4-*.bak")
	require.Len(t, backups, 1, "the old file is kept as a backup")
	bdb := rawOpen(t, backups[0])
	var v int
	require.NoError(t, bdb.QueryRow(`PRAGMA user_version`).Scan(&v))
	assert.Equal(t, 4, v)
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}
