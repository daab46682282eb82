package sqlite_test

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// aftercareCase records a failure with a repair request, a notification taken
// from a call, a measure of the regulation's list and a free one, and a
// misconduct with a preserved log and a measure taken from a meeting.
func aftercareCase(t *testing.T, s *sqlite.Store) (failure, misconduct *data.Case) {
	t.Helper()
	tick := clockAt(t, time.Date(2026, 10, 28, 9, 0, 0, 0, jst))
	failure = newCase("本庁舎サーバ室の停電", data.ClassFailure, time.Date(2026, 10, 28, 8, 30, 0, 0, jst))
	require.NoError(t, s.CreateCase(failure))
	require.NoError(t, s.SaveRepairRequest(&data.RepairRequest{CaseID: failure.ID, To: "保守委託事業者（訓練システム株式会社）",
		RequestedAt: tick(10), Content: "CSの再起動と電源装置の点検", CompletedAt: tick(60), By: "高橋（システム管理者）"}, "修復等を依頼"))
	call := &data.Call{CaseID: failure.ID, Person: "宮城県 市町村課 鈴木", Number: "022-211-0000", At: tick(5), Reached: true, Note: "運用再開", By: "山田"}
	require.NoError(t, s.RecordCall(call, "宮城県に連絡"))
	p := data.ContactPoint{Body: data.BodyPrefecture, Name: "宮城県 市町村課"}
	n, ok := data.NotificationFromCall("4-9", *call, p)
	require.True(t, ok)
	require.NoError(t, s.SaveNotification(&n, "運用再開を宮城県に連絡"))
	require.NoError(t, s.SaveNotification(&data.Notification{CaseID: failure.ID, StepID: "4-9", Body: data.BodyAgency,
		Person: "J-LIS 運用監視", At: tick(3), By: "山田", Method: data.NotifyFax, Note: "運用再開の連絡票"}, ""))
	require.NoError(t, s.SavePreventionMeasure(&data.PreventionMeasure{CaseID: failure.ID, Measure: "定期点検実施時期の見直し",
		Text: "分電盤の点検を年2回に", Owner: "高橋", Due: tick(60 * 24 * 30)}, ""))
	require.NoError(t, s.SavePreventionMeasure(&data.PreventionMeasure{CaseID: failure.ID, Text: "UPSの容量の見直し", Owner: "情報政策課"}, ""))

	misconduct = newCase("CS端末への不審な操作", data.ClassMisconduct, time.Date(2026, 10, 29, 8, 30, 0, 0, jst))
	require.NoError(t, s.CreateCase(misconduct))
	require.NoError(t, s.SavePreservedLog(&data.PreservedLog{CaseID: misconduct.ID, Log: "CSのアクセスログ（10/27〜10/29）",
		Place: "DVD-R 2枚、電算室の金庫", By: "高橋（システム管理者）", At: tick(30), Note: "ハッシュ値を記録"}, "アクセスログを保全"))
	m := &data.Meeting{CaseID: misconduct.ID, Date: tick(10), Chair: "大崎（セキュリティ統括責任者）"}
	require.NoError(t, s.CreateMeeting(m, ""))
	for _, it := range m.Items {
		if it.Key == data.ItemKeyReview {
			it.Decision, it.Owner, it.Due, it.Status = "操作者カードの貸与管理を見直す", "市民課長", tick(60*24*14), data.ItemDecided
			require.NoError(t, s.SaveAgendaItem(&it, ""))
		}
	}
	ms, err := s.Meetings(misconduct.ID)
	require.NoError(t, err)
	sug := data.PreventionSuggestions(misconduct.ID, ms, nil)
	require.Len(t, sug, 1)
	require.NoError(t, s.SavePreventionMeasure(&sug[0], ""))
	return failure, misconduct
}

func TestAftercareRecordsSurviveReopen(t *testing.T) {
	s, path := MustCreate(t)
	f, m := aftercareCase(t, s)
	require.NoError(t, s.Close())
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()

	r, err := s.RepairRequest(f.ID)
	require.NoError(t, err)
	assert.Equal(t, "保守委託事業者（訓練システム株式会社）", r.To)
	assert.Equal(t, "CSの再起動と電源装置の点検", r.Content)
	assert.Equal(t, 60*time.Minute, r.CompletedAt.Sub(r.RequestedAt))

	ns, err := s.Notifications(f.ID)
	require.NoError(t, err)
	require.Len(t, ns, 2)
	assert.Equal(t, data.BodyPrefecture, ns[0].Body)
	assert.Equal(t, data.NotifyPhone, ns[0].Method)
	assert.NotZero(t, ns[0].CallID, "taken from the call")
	assert.Equal(t, data.BodyAgency, ns[1].Body)
	assert.Empty(t, data.UnnotifiedBodies(ns))

	ps, err := s.PreventionMeasures(f.ID)
	require.NoError(t, err)
	require.Len(t, ps, 2)
	assert.Equal(t, "定期点検実施時期の見直し", ps[0].Measure)
	assert.Equal(t, "高橋", ps[0].Owner)
	assert.False(t, ps[0].Due.IsZero())
	assert.Equal(t, "UPSの容量の見直し", ps[1].Text)

	logs, err := s.PreservedLogs(m.ID)
	require.NoError(t, err)
	require.Len(t, logs, 1)
	assert.Equal(t, "DVD-R 2枚、電算室の金庫", logs[0].Place)
	mp, err := s.PreventionMeasures(m.ID)
	require.NoError(t, err)
	require.Len(t, mp, 1)
	assert.Equal(t, "操作者カードの貸与管理を見直す", mp[0].Text)
	ms, err := s.Meetings(m.ID)
	require.NoError(t, err)
	assert.Empty(t, data.PreventionSuggestions(m.ID, ms, mp), "a decision taken in is not offered again")

	// Edit and delete: the timeline says so and the audit chain holds.
	ns[1].Method = data.NotifyMail
	require.NoError(t, s.SaveNotification(&ns[1], ""))
	require.NoError(t, s.DeleteNotification(f.ID, ns[0].ID, "連絡の記録を削除"))
	ns, err = s.Notifications(f.ID)
	require.NoError(t, err)
	require.Len(t, ns, 1)
	assert.Equal(t, data.NotifyMail, ns[0].Method)
	assert.Equal(t, []data.Body{data.BodyPrefecture}, data.UnnotifiedBodies(ns))
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(s.DeletePreservedLog(f.ID, logs[0].ID, "")), "a log of another case")
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}

func TestAftercareValidation(t *testing.T) {
	s, _ := MustCreate(t)
	c := newCase("停電", data.ClassFailure, time.Date(2026, 10, 28, 8, 30, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	at := time.Date(2026, 10, 28, 9, 0, 0, 0, jst)
	err := s.SaveRepairRequest(&data.RepairRequest{CaseID: c.ID, RequestedAt: at, CompletedAt: at.Add(-time.Hour)}, "")
	assert.Equal(t, "completed_at", data.AsError(err).Field)
	err = s.SaveNotification(&data.Notification{CaseID: c.ID, StepID: "4-9", Body: data.BodyCity, At: at, By: "山田", Method: data.NotifyPhone}, "")
	assert.Equal(t, "notify_body", data.AsError(err).Field, "the city does not notify itself")
	err = s.SaveNotification(&data.Notification{CaseID: c.ID, StepID: "4-9", Body: data.BodyAgency, At: at, Method: data.NotifyPhone}, "")
	assert.Equal(t, "notify_by", data.AsError(err).Field)
	err = s.SavePreventionMeasure(&data.PreventionMeasure{CaseID: c.ID, Measure: "UPSの増設"}, "")
	assert.Equal(t, "measure", data.AsError(err).Field, "not a measure of 第4条第10号: a free entry")
	err = s.SavePreventionMeasure(&data.PreventionMeasure{CaseID: c.ID, ItemID: 999, Text: "x"}, "")
	assert.Equal(t, data.EINVALID, data.ErrorCode(err))
	err = s.SavePreservedLog(&data.PreservedLog{CaseID: c.ID, Place: "金庫"}, "")
	assert.Equal(t, "log", data.AsError(err).Field)
	_, err = s.Notifications(999)
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(err))
}

func TestAftercareExportThenImport(t *testing.T) {
	src, _ := MustCreate(t)
	f, m := aftercareCase(t, src)
	dst, _ := MustCreate(t)
	for _, c := range []*data.Case{f, m} {
		x, err := src.ExportCase(c.ID)
		require.NoError(t, err)
		b, err := json.Marshal(x)
		require.NoError(t, err)
		var back data.CaseExport
		require.NoError(t, json.Unmarshal(b, &back))
		got, err := dst.ImportCase(&back, "a.json")
		require.NoError(t, err)
		y, err := dst.ExportCase(got.ID)
		require.NoError(t, err)

		if x.Repair != nil {
			require.NotNil(t, y.Repair)
			assert.Equal(t, x.Repair.To, y.Repair.To)
			assert.True(t, x.Repair.CompletedAt.Equal(y.Repair.CompletedAt))
		}
		require.Len(t, y.Notifications, len(x.Notifications))
		for i := range x.Notifications {
			a, b := x.Notifications[i], y.Notifications[i]
			assert.Equal(t, []any{a.Body, a.Person, a.Method, a.By, a.Note}, []any{b.Body, b.Person, b.Method, b.By, b.Note})
			assert.Equal(t, a.CallID != 0, b.CallID != 0, "the link to the call follows it")
			if b.CallID != 0 {
				assert.Equal(t, y.Calls[0].ID, b.CallID)
			}
		}
		require.Len(t, y.Prevention, len(x.Prevention))
		for i := range x.Prevention {
			a, b := x.Prevention[i], y.Prevention[i]
			assert.Equal(t, []any{a.Measure, a.Text, a.Owner}, []any{b.Measure, b.Text, b.Owner})
			assert.True(t, a.Due.Equal(b.Due))
			assert.Equal(t, a.ItemID != 0, b.ItemID != 0, "the link to the meeting's decision follows it")
		}
		require.Len(t, y.PreservedLogs, len(x.PreservedLogs))
		for i := range x.PreservedLogs {
			assert.Equal(t, x.PreservedLogs[i].Place, y.PreservedLogs[i].Place)
		}
	}

	// A link to a call the export does not have is refused, and nothing is written.
	x, err := src.ExportCase(f.ID)
	require.NoError(t, err)
	x.Notifications[0].CallID = 12345
	before, err := dst.CountCases(data.CaseFilter{})
	require.NoError(t, err)
	_, err = dst.ImportCase(&x, "b.json")
	assert.Equal(t, data.EINVALID, data.ErrorCode(err))
	after, err := dst.CountCases(data.CaseFilter{})
	require.NoError(t, err)
	assert.Equal(t, before, after)
}

func TestMigrationFromSchema6KeepsDataAndAddsTheRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "第6版.kinkyu")
	require.NoError(t, sqlite.CreateAtVersion(path, 6))
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO cases (number, title, class, status, discovered_at, occurred_at, zone, drill, created_at, updated_at)
		VALUES ('2026-001', '第6版の障害', 'failure', 'open', '2026-04-01T00:00:00.000000Z', '', 'Asia/Tokyo', 0, '2026-04-01T00:00:00.000000Z', '2026-04-01T00:00:00.000000Z')`)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO steps (case_id, step_id, done, done_by, done_at, note) VALUES (1, '4-9', 1, '山田', '2026-04-01T03:00:00.000000Z', '宮城県と指定情報処理機関へ電話')`)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO contact_points (body, role, name, section, primary_name, primary_tel, primary_fax, primary_mail, primary_extension,
			primary_night_tel, primary_mobile, deputy_name, deputy_tel, deputy_fax, deputy_mail, deputy_extension, deputy_night_tel, deputy_mobile,
			open_from, open_until, confirmed_at, reported_at, ord)
		VALUES ('city', 'staff', '', '市民課', '佐藤', '0229-23-0000', '', '', '', '', '', '', '', '', '', '', '', '', '08:30', '17:15', '', '', 1)`)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO contact_changes (point_id, field, old, new, at, by, reported) VALUES (1, 'primary.tel', '0229-23-1111', '0229-23-0000', '2026-04-01T00:00:00.000000Z', '山田', 1)`)
	require.NoError(t, err)
	_, err = db.Exec(`SELECT 1 FROM notifications`)
	require.Error(t, err, "schema 6 has no notifications")
	require.NoError(t, db.Close())

	s, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	k, err := s.CaseByNumber("2026-001")
	require.NoError(t, err)
	steps, err := s.Steps(k.ID)
	require.NoError(t, err)
	assert.Equal(t, "宮城県と指定情報処理機関へ電話", steps["4-9"].Note, "the tick and its note stay")
	for _, list := range []func() (int, error){
		func() (int, error) { l, err := s.Notifications(k.ID); return len(l), err },
		func() (int, error) { l, err := s.PreventionMeasures(k.ID); return len(l), err },
		func() (int, error) { l, err := s.PreservedLogs(k.ID); return len(l), err },
	} {
		n, err := list()
		require.NoError(t, err)
		assert.Zero(t, n)
	}
	r, err := s.RepairRequest(k.ID)
	require.NoError(t, err)
	assert.True(t, r.Empty())
	changes, err := s.ContactChanges(0, false)
	require.NoError(t, err)
	require.Len(t, changes, 1)
	assert.True(t, changes[0].Reported)
	for _, r := range data.NoticeRecipients {
		unreported, err := s.UnreportedChanges(r)
		require.NoError(t, err)
		assert.Empty(t, unreported, "a change reported before schema 7 counts as reported to %s", r)
	}

	// The new records can be written to the migrated file.
	at := time.Date(2026, 4, 1, 12, 0, 0, 0, jst)
	require.NoError(t, s.SaveRepairRequest(&data.RepairRequest{CaseID: k.ID, To: "保守委託事業者", RequestedAt: at}, ""))
	require.NoError(t, s.SaveNotification(&data.Notification{CaseID: k.ID, StepID: "4-9", Body: data.BodyPrefecture, At: at, By: "山田", Method: data.NotifyPhone}, ""))
	var v int
	require.NoError(t, rawOpen(t, path).QueryRow(`PRAGMA user_version`).Scan(&v))
	assert.Equal(t, sqlite.LatestVersion(), v)
	backups, _ := filepath.Glob(path + ".v6-*.bak")
	require.Len(t, backups, 1, "the schema-6 file is kept as a backup")
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}
