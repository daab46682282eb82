package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// clockAt runs the domain clock at t (restored after the test) and returns a
// function that moves it on by a number of minutes.
func clockAt(tb testing.TB, t time.Time) func(min int) time.Time {
	tb.Helper()
	real := data.Now
	tb.Cleanup(func() { data.Now = real })
	now := t
	data.Now = func() time.Time { return now }
	return func(min int) time.Time {
		now = now.Add(time.Duration(min) * time.Minute)
		return now
	}
}

func newMeetingCase(t *testing.T, s *sqlite.Store, class data.Class) *data.Case {
	t.Helper()
	c := newCase("CS端末への不審な操作", class, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	return c
}

func itemByKey(t *testing.T, m data.Meeting, key string) data.AgendaItem {
	t.Helper()
	it, ok := m.Item(key)
	require.True(t, ok, "item %q", key)
	return it
}

func TestMeetingRoundTripFromDisk(t *testing.T) {
	s, path := MustCreate(t)
	tick := clockAt(t, time.Date(2026, 11, 27, 13, 0, 0, 0, jst))
	c := newMeetingCase(t, s, data.ClassMisconduct)

	m := &data.Meeting{CaseID: c.ID, Place: "本庁舎3階 第1会議室", Date: time.Date(2026, 11, 27, 14, 0, 0, 0, jst),
		Chair: "大崎 一郎（副市長）", Recorder: "山田 花子", MinutesSigner: "佐藤 次郎",
		Attendees: []data.Attendee{{Name: "大崎 一郎", Role: "セキュリティ統括責任者", Present: true}, {Name: "鈴木 三郎", Role: "システム管理者"}}}
	require.NoError(t, s.CreateMeeting(m, "第1回セキュリティ会議を招集"))
	assert.NotZero(t, m.ID)
	assert.Equal(t, 1, m.Seq)

	// The agenda is Table B, in the regulation's order.
	require.Len(t, m.Items, len(data.TableB))
	for i, row := range data.TableB {
		assert.Equal(t, row.ID, m.Items[i].Key)
		assert.Equal(t, row.Title, m.Items[i].Title)
		assert.Equal(t, i+1, m.Items[i].Order)
	}

	m.OpenedAt = tick(2)
	require.NoError(t, s.SaveMeeting(m, "開会"))
	notify := m.Items[1]
	notify.Discussion = "宮城県及び指定情報処理機関への連絡の要否を審議"
	notify.Decision = "宮城県市町村課及び指定情報処理機関に第2報を連絡する"
	notify.Status = data.ItemDecided
	notify.Owner = "山田 花子"
	notify.Due = time.Date(2026, 11, 27, 15, 0, 0, 0, jst)
	tick(5)
	require.NoError(t, s.SaveAgendaItem(&notify, "関係機関への連絡を決定"))
	assert.False(t, notify.StartedAt.IsZero())
	assert.Equal(t, data.Now(), notify.DecidedAt)
	m.ClosedAt = tick(40)
	require.NoError(t, s.SaveMeeting(m, "閉会"))
	require.NoError(t, s.Close())

	s2, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s2.Close()
	got, err := s2.Meeting(m.ID)
	require.NoError(t, err)
	assert.Equal(t, "本庁舎3階 第1会議室", got.Place)
	assert.True(t, got.Date.Equal(m.Date))
	assert.True(t, got.OpenedAt.Equal(m.OpenedAt))
	assert.True(t, got.ClosedAt.Equal(m.ClosedAt))
	assert.Equal(t, m.Attendees, got.Attendees)
	assert.Equal(t, "佐藤 次郎", got.MinutesSigner)
	assert.Equal(t, data.MeetingClosed, got.State())
	d, total := got.Decided()
	assert.Equal(t, 1, d)
	assert.Equal(t, len(data.TableB), total)
	gn := itemByKey(t, got, "notify")
	assert.Equal(t, notify.Decision, gn.Decision)
	assert.Equal(t, data.ItemDecided, gn.Status)
	assert.True(t, gn.Due.Equal(notify.Due))
	assert.True(t, gn.DecidedAt.Equal(notify.DecidedAt))
	assert.Equal(t, []string{}, gn.Choices)

	// Closing the meeting ticked its procedure step, by the chair, at 閉会.
	steps, err := s2.Steps(c.ID)
	require.NoError(t, err)
	st := steps["5-6"]
	assert.True(t, st.Done, "第5条第6号 is done once the meeting is closed")
	assert.Equal(t, "大崎 一郎（副市長）", st.By)
	assert.True(t, st.At.Equal(m.ClosedAt))

	all, err := s2.Meetings(0)
	require.NoError(t, err)
	require.Len(t, all, 1)
	rep, err := s2.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
	tl, err := s2.Timeline(c.ID)
	require.NoError(t, err)
	var texts []string
	for _, e := range tl {
		texts = append(texts, e.Text)
	}
	assert.Equal(t, []string{"第1回セキュリティ会議を招集", "開会", "関係機関への連絡を決定", "閉会"}, texts)
}

func TestSecondMeetingGetsSeq2AndPendingCaseIsRefused(t *testing.T) {
	s, _ := MustCreate(t)
	c := newMeetingCase(t, s, data.ClassFailure)
	first := &data.Meeting{CaseID: c.ID, Place: "第1会議室"}
	require.NoError(t, s.CreateMeeting(first, ""))
	second := &data.Meeting{CaseID: c.ID, Place: "第2会議室"}
	require.NoError(t, s.CreateMeeting(second, ""))
	assert.Equal(t, 1, first.Seq)
	assert.Equal(t, 2, second.Seq)
	require.Len(t, second.Items, len(data.TableA), "a failure's meeting deliberates Table A")
	assert.Equal(t, "運用再開の決定", second.Items[len(second.Items)-1].Title)

	other := newMeetingCase(t, s, data.ClassMisconduct)
	third := &data.Meeting{CaseID: other.ID}
	require.NoError(t, s.CreateMeeting(third, ""))
	assert.Equal(t, 1, third.Seq, "Seq counts per case")

	ms, err := s.Meetings(c.ID)
	require.NoError(t, err)
	require.Len(t, ms, 2)
	assert.Equal(t, []int{1, 2}, []int{ms[0].Seq, ms[1].Seq})
	all, err := s.Meetings(0)
	require.NoError(t, err)
	assert.Len(t, all, 3)

	pending := newMeetingCase(t, s, data.ClassPending)
	err = s.CreateMeeting(&data.Meeting{CaseID: pending.ID}, "")
	assert.Equal(t, "class", data.AsError(err).Field)
	assert.Equal(t, "pending", data.AsError(err).Rule)
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(s.CreateMeeting(&data.Meeting{CaseID: 999}, "")))
	_, err = s.Meetings(999)
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(err))
	ms, err = s.Meetings(pending.ID)
	require.NoError(t, err)
	assert.Empty(t, ms)
}

func TestRegulationItemsStayAndOtherItemsComeAndGo(t *testing.T) {
	s, _ := MustCreate(t)
	c := newMeetingCase(t, s, data.ClassMisconduct)
	m := &data.Meeting{CaseID: c.ID}
	require.NoError(t, s.CreateMeeting(m, ""))
	stop := m.Items[0]

	retitled := stop
	retitled.Title = "システムの全面停止"
	assert.Equal(t, "item_title", data.AsError(s.SaveAgendaItem(&retitled, "")).Field)
	rekeyed := stop
	rekeyed.Key = ""
	assert.Equal(t, "item_title", data.AsError(s.SaveAgendaItem(&rekeyed, "")).Field)
	assert.Equal(t, "item", data.AsError(s.RemoveAgendaItem(stop.ID, "")).Field)
	forged := data.AgendaItem{MeetingID: m.ID, Key: "stop", Title: "システムの停止"}
	assert.Equal(t, "item_title", data.AsError(s.SaveAgendaItem(&forged, "")).Field, "a second regulation row cannot be added")

	other := data.AgendaItem{MeetingID: m.ID, Title: "報道機関への対応", Discussion: "問い合わせがあった場合の窓口を決める"}
	require.NoError(t, s.SaveAgendaItem(&other, "その他の議題を追加"))
	assert.Equal(t, len(data.TableB)+1, other.Order, "an その他 item goes at the end")
	other2 := data.AgendaItem{MeetingID: m.ID, Title: "次回会議の日程"}
	require.NoError(t, s.SaveAgendaItem(&other2, ""))
	other.Title = "報道機関からの問い合わせへの対応"
	require.NoError(t, s.SaveAgendaItem(&other, ""), "an その他 item may be retitled")

	got, err := s.Meeting(m.ID)
	require.NoError(t, err)
	require.Len(t, got.Items, len(data.TableB)+2)
	assert.Equal(t, "報道機関からの問い合わせへの対応", got.Items[len(data.TableB)].Title)

	require.NoError(t, s.RemoveAgendaItem(other.ID, "その他の議題を削除"))
	got, err = s.Meeting(m.ID)
	require.NoError(t, err)
	require.Len(t, got.Items, len(data.TableB)+1)
	last := got.Items[len(got.Items)-1]
	assert.Equal(t, "次回会議の日程", last.Title)
	assert.Equal(t, len(data.TableB)+1, last.Order, "later items move up")
	for i, row := range data.TableB {
		assert.Equal(t, row.Title, got.Items[i].Title)
	}
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(s.RemoveAgendaItem(other.ID, "")))

	// Even with the plain driver the regulation's rows cannot be deleted.
	require.NoError(t, s.Close())
	db := rawOpen(t, s.Path())
	_, err = db.Exec(`DELETE FROM agenda_items WHERE id = ?`, stop.ID)
	assert.ErrorContains(t, err, "cannot be removed")
}

func TestStopDecisionRecordsTheMeetingsStop(t *testing.T) {
	s, _ := MustCreate(t)
	tick := clockAt(t, time.Date(2026, 11, 27, 14, 0, 0, 0, jst))
	c := newMeetingCase(t, s, data.ClassMisconduct)
	m := &data.Meeting{CaseID: c.ID, Chair: "大崎 一郎", OpenedAt: data.Now()}
	require.NoError(t, s.CreateMeeting(m, ""))
	stop := m.Items[0]

	bad := stop
	bad.Choices = []string{"電源を抜く"}
	assert.Equal(t, "choices", data.AsError(s.SaveAgendaItem(&bad, "")).Field, "choices come from the regulation's row")

	stop.Discussion = "不審な照会の継続を防ぐため、当該端末の切離しを審議"
	stop.Status = data.ItemDeferred
	require.NoError(t, s.SaveAgendaItem(&stop, ""))
	ms, err := s.Milestones(c.ID)
	require.NoError(t, err)
	assert.False(t, ms[data.MilestoneStop].Done, "a deferred item does not act")

	tick(10)
	stop.Choices = []string{"ネットワークからの切離し"}
	stop.Target = "CS端末（市民課1番）"
	stop.Decision = "当該CS端末をネットワークから切り離す"
	stop.Status = data.ItemDecided
	require.NoError(t, s.SaveAgendaItem(&stop, "システムの停止を決定（ネットワークからの切離し）"))
	ms, err = s.Milestones(c.ID)
	require.NoError(t, err)
	got := ms[data.MilestoneStop]
	assert.True(t, got.Done)
	assert.Equal(t, data.AuthorityMeeting, got.Authority)
	assert.Equal(t, "ネットワークからの切離し（CS端末（市民課1番））", got.Note)
	assert.Equal(t, "大崎 一郎", got.By)
	assert.True(t, got.At.Equal(stop.DecidedAt))

	tl, err := s.Timeline(c.ID)
	require.NoError(t, err)
	require.NotEmpty(t, tl)
	lastEntry := tl[len(tl)-1]
	assert.Equal(t, "システムの停止を決定（ネットワークからの切離し）", lastEntry.Text)
	assert.Equal(t, data.EntryMilestone, lastEntry.Kind)

	// Editing the discussion later keeps the stop as decided.
	tick(5)
	stop.Discussion += "。ログは保全済み"
	require.NoError(t, s.SaveAgendaItem(&stop, ""))
	ms, _ = s.Milestones(c.ID)
	assert.True(t, ms[data.MilestoneStop].At.Equal(got.At))

	// Taking the decision back withdraws the stop it recorded.
	stop.Status = data.ItemDeferred
	require.NoError(t, s.SaveAgendaItem(&stop, "システムの停止を保留に戻す"))
	ms, _ = s.Milestones(c.ID)
	assert.False(t, ms[data.MilestoneStop].Done)

	// A decision not to stop (no way of stopping picked) records nothing.
	stop.Choices, stop.Decision, stop.Status = nil, "停止は行わない", data.ItemDecided
	require.NoError(t, s.SaveAgendaItem(&stop, ""))
	ms, _ = s.Milestones(c.ID)
	assert.False(t, ms[data.MilestoneStop].Done)

	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}

func TestResumeDecisionNeedsTheIntegrityCheck(t *testing.T) {
	s, _ := MustCreate(t)
	tick := clockAt(t, time.Date(2026, 11, 27, 14, 0, 0, 0, jst))
	c := newMeetingCase(t, s, data.ClassFailure)
	m := &data.Meeting{CaseID: c.ID, Chair: "大崎 一郎"}
	require.NoError(t, s.CreateMeeting(m, ""))
	stop, resume := m.Items[0], m.Items[len(m.Items)-1]
	require.Equal(t, "resume", resume.Key)
	stop.Choices, stop.Status = []string{"システムの完全停止"}, data.ItemDecided
	require.NoError(t, s.SaveAgendaItem(&stop, ""))

	tick(30)
	resume.Decision, resume.Status = "運用を再開する", data.ItemDecided
	err := s.SaveAgendaItem(&resume, "運用再開を決定")
	e := data.AsError(err)
	require.NotNil(t, e)
	assert.Equal(t, "step", e.Field)
	assert.Equal(t, "needintegrity", e.Rule, "the same refusal as the resumption step")
	got, err := s.Meeting(m.ID)
	require.NoError(t, err)
	assert.Equal(t, data.ItemOpen, itemByKey(t, got, "resume").Status, "nothing of the refused decision was stored")
	ms, _ := s.Milestones(c.ID)
	assert.False(t, ms[data.MilestoneApproval].Done)

	tick(10)
	require.NoError(t, s.SetMilestone(data.Milestone{CaseID: c.ID, Kind: data.MilestoneIntegrity, Done: true, By: "山田"}, "整合性を確認"))
	// The stop was the meeting's: the chief alone cannot let the case resume.
	require.NoError(t, s.SetMilestone(data.Milestone{CaseID: c.ID, Kind: data.MilestoneApproval, Done: true, Authority: data.AuthorityChief, By: "大崎"}, ""))
	assert.Equal(t, "needmeeting", data.AsError(s.SetStep(data.StepProgress{CaseID: c.ID, StepID: "4-8", Done: true, By: "山田"}, "")).Rule)

	tick(5)
	resume.Status = data.ItemRatify
	require.NoError(t, s.SaveAgendaItem(&resume, "運用再開を決定"))
	ms, _ = s.Milestones(c.ID)
	ap := ms[data.MilestoneApproval]
	assert.True(t, ap.Done)
	assert.Equal(t, data.AuthorityMeeting, ap.Authority)
	assert.Equal(t, "運用を再開する", ap.Note)
	require.NoError(t, s.SetStep(data.StepProgress{CaseID: c.ID, StepID: "4-8", Done: true, By: "山田"}, "運用を再開"),
		"the meeting's decision satisfies the approval")
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}

func TestOwnersBecomeTasks(t *testing.T) {
	s, _ := MustCreate(t)
	tick := clockAt(t, time.Date(2026, 11, 27, 14, 0, 0, 0, jst))
	c := newMeetingCase(t, s, data.ClassMisconduct)
	m := &data.Meeting{CaseID: c.ID}
	require.NoError(t, s.CreateMeeting(m, ""))
	support, damage := itemByKey(t, *m, "support"), itemByKey(t, *m, "damage")

	support.Owner = "鈴木 三郎"
	support.Due = time.Date(2026, 11, 27, 17, 0, 0, 0, jst)
	support.Status = data.ItemDecided
	require.NoError(t, s.SaveAgendaItem(&support, ""))
	damage.Owner, damage.Decision = "山田 花子", "アクセスログから照会された本人確認情報の範囲を特定する"
	damage.Due = time.Date(2026, 11, 27, 16, 0, 0, 0, jst)
	require.NoError(t, s.SaveAgendaItem(&damage, ""))

	tasks, err := s.Tasks(c.ID)
	require.NoError(t, err)
	require.Len(t, tasks, 2)
	assert.Equal(t, "アクセスログから照会された本人確認情報の範囲を特定する", tasks[0].Text, "earliest due first")
	assert.Equal(t, "技術的支援依頼", tasks[1].Text, "without a decision the task is the item's title")
	assert.Equal(t, "鈴木 三郎", tasks[1].Owner)
	assert.Equal(t, m.ID, tasks[1].MeetingID)
	assert.Equal(t, support.ID, tasks[1].ItemID)

	support.Decision = "保守委託事業者にログ解析の技術的支援を依頼する"
	require.NoError(t, s.SaveAgendaItem(&support, ""))
	tick(60)
	require.NoError(t, s.SetTaskDone(tasks[0].ID, true, "被害範囲の特定を完了"))
	tasks, err = s.Tasks(c.ID)
	require.NoError(t, err)
	require.Len(t, tasks, 2)
	assert.Equal(t, "保守委託事業者にログ解析の技術的支援を依頼する", tasks[0].Text, "open tasks first; the text follows the decision")
	assert.False(t, tasks[0].Done)
	assert.True(t, tasks[1].Done)
	assert.True(t, tasks[1].DoneAt.Equal(data.Now()))
	assert.Len(t, data.OpenTasks(tasks), 1)

	require.NoError(t, s.SetTaskDone(tasks[1].ID, false, ""))
	support.Owner = ""
	require.NoError(t, s.SaveAgendaItem(&support, ""))
	tasks, err = s.Tasks(c.ID)
	require.NoError(t, err)
	require.Len(t, tasks, 1, "an open task goes with its owner")
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(s.SetTaskDone(9999, true, "")))

	// その他 items have tasks too, and take them along when removed.
	other := data.AgendaItem{MeetingID: m.ID, Title: "職員への注意喚起", Owner: "佐藤 次郎"}
	require.NoError(t, s.SaveAgendaItem(&other, ""))
	tasks, _ = s.Tasks(c.ID)
	require.Len(t, tasks, 2)
	require.NoError(t, s.RemoveAgendaItem(other.ID, ""))
	tasks, _ = s.Tasks(c.ID)
	require.Len(t, tasks, 1)

	all, err := s.Tasks(0)
	require.NoError(t, err)
	assert.Len(t, all, 1)
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}

func TestPreventionFromReviewItems(t *testing.T) {
	s, _ := MustCreate(t)
	c := newMeetingCase(t, s, data.ClassMisconduct)
	m1 := &data.Meeting{CaseID: c.ID}
	require.NoError(t, s.CreateMeeting(m1, ""))
	m2 := &data.Meeting{CaseID: c.ID}
	require.NoError(t, s.CreateMeeting(m2, ""))
	r1, r2 := itemByKey(t, *m1, "review"), itemByKey(t, *m2, "review")
	r1.Choices, r1.Decision, r1.Status = []string{"恒久対策の立案等"}, "操作者カードの貸与管理を見直す", data.ItemDecided
	require.NoError(t, s.SaveAgendaItem(&r1, ""))
	r2.Decision, r2.Status = "業務時間外の照会を警告する設定を検討する", data.ItemDeferred
	require.NoError(t, s.SaveAgendaItem(&r2, ""))
	ms, err := s.Meetings(c.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"操作者カードの貸与管理を見直す"}, data.PreventionFromMeetings(ms), "only decisions that stand")
	r2.Status = data.ItemRatify
	require.NoError(t, s.SaveAgendaItem(&r2, ""))
	ms, err = s.Meetings(c.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"操作者カードの貸与管理を見直す", "業務時間外の照会を警告する設定を検討する"}, data.PreventionFromMeetings(ms))
}

func TestMeetingValidation(t *testing.T) {
	s, _ := MustCreate(t)
	tick := clockAt(t, time.Date(2026, 11, 27, 14, 0, 0, 0, jst))
	c := newMeetingCase(t, s, data.ClassMisconduct)
	m := &data.Meeting{CaseID: c.ID, Place: "第1会議室", OpenedAt: data.Now()}
	require.NoError(t, s.CreateMeeting(m, ""))
	head, err := s.Head()
	require.NoError(t, err)

	huge := strings.Repeat("議", data.MaxTextRunes+1)
	cases := []struct {
		name  string
		edit  func(m *data.Meeting)
		field string
	}{
		{"closed before opened", func(m *data.Meeting) { m.ClosedAt = m.OpenedAt.Add(-time.Minute) }, "closed_at"},
		{"closed without opening", func(m *data.Meeting) { m.OpenedAt = time.Time{}; m.ClosedAt = tick(1) }, "closed_at"},
		{"empty attendee", func(m *data.Meeting) {
			m.Attendees = []data.Attendee{{Name: "大崎"}, {Name: "  ", Role: "システム管理者"}}
		}, "attendee"},
		{"long name", func(m *data.Meeting) { m.Chair = strings.Repeat("長", data.MaxNameRunes+1) }, "chair"},
		{"enormous place", func(m *data.Meeting) { m.Place = huge }, "meeting_place"},
		{"bad encoding", func(m *data.Meeting) { m.Recorder = "\xff" }, "recorder"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bad := *m
			bad.Attendees = nil
			tc.edit(&bad)
			err := s.SaveMeeting(&bad, "x")
			require.Error(t, err)
			assert.Equal(t, data.EINVALID, data.ErrorCode(err))
			assert.Equal(t, tc.field, data.AsError(err).Field)
		})
	}
	it := m.Items[0]
	it.Discussion = huge
	assert.Equal(t, "discussion", data.AsError(s.SaveAgendaItem(&it, "")).Field)
	it = m.Items[0]
	it.Status = "approved"
	assert.Equal(t, "item_status", data.AsError(s.SaveAgendaItem(&it, "")).Field)
	other := data.AgendaItem{MeetingID: m.ID, Title: " "}
	assert.Equal(t, "item_title", data.AsError(s.SaveAgendaItem(&other, "")).Field)
	other = data.AgendaItem{MeetingID: 9999, Title: "その他"}
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(s.SaveAgendaItem(&other, "")))
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(s.SaveMeeting(&data.Meeting{ID: 9999, CaseID: c.ID}, "")))
	_, err = s.Meeting(9999)
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(err))

	after, err := s.Head()
	require.NoError(t, err)
	assert.Equal(t, head, after, "nothing refused reached the audit log")
	got, err := s.Meeting(m.ID)
	require.NoError(t, err)
	assert.Equal(t, "第1会議室", got.Place)
	assert.True(t, got.ClosedAt.IsZero())
}

func TestMigrationFromSchema3AddsMeetingsAndKeepsDocuments(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "報告書版.kinkyu")
	require.NoError(t, sqlite.CreateAtVersion(path, 3))
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO cases (number, title, class, status, discovered_at, occurred_at, zone, drill, created_at, updated_at)
		VALUES ('2026-001', '報告書版の事案', 'misconduct', 'open', '2026-04-01T00:00:00.000000Z', '', 'Asia/Tokyo', 0, '2026-04-01T00:00:00.000000Z', '2026-04-01T00:00:00.000000Z')`)
	require.NoError(t, err)
	sum := hexSum("report pdf")
	fp := hexSum("cert")
	_, err = db.Exec(`INSERT INTO documents (case_id, kind, file_name, sha256, signers, created_at, by)
		VALUES (1, 'misconduct_report', '不正行為発生報告書.pdf', ?, ?, '2026-04-01T01:00:00.000000Z', '山田')`, sum, `["`+fp+`"]`)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO signers (fingerprint, name, first_used) VALUES (?, '山田 花子', '2026-04-01T01:00:00.000000Z')`, fp)
	require.NoError(t, err)
	// A schema-3 file refuses the new kinds: the migration must widen them.
	_, err = db.Exec(`INSERT INTO documents (case_id, kind, file_name, sha256, signers, created_at, by)
		VALUES (1, 'minutes', 'x.pdf', ?, '[]', '2026-04-01T01:00:00.000000Z', '山田')`, sum)
	require.Error(t, err)
	require.NoError(t, db.Close())

	s, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	c, err := s.CaseByNumber("2026-001")
	require.NoError(t, err)
	assert.Equal(t, "報告書版の事案", c.Title)
	docs, err := s.Documents(c.ID)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	assert.Equal(t, sum, docs[0].SHA256)
	assert.Equal(t, "不正行為発生報告書.pdf", docs[0].FileName)
	assert.Equal(t, []data.Signer{{Fingerprint: fp, Name: "山田 花子"}}, docs[0].Signers)

	backups, _ := filepath.Glob(path + ".v3-*.bak")
	require.Len(t, backups, 1, "the schema-3 file is kept as a backup")
	bdb := rawOpen(t, backups[0])
	var bv int
	require.NoError(t, bdb.QueryRow(`PRAGMA user_version`).Scan(&bv))
	assert.Equal(t, 3, bv)

	// The migrated file takes meetings and the new document kinds.
	m := &data.Meeting{CaseID: c.ID, Place: "第1会議室"}
	require.NoError(t, s.CreateMeeting(m, "第1回セキュリティ会議"))
	assert.Len(t, m.Items, len(data.TableB))
	require.NoError(t, s.RecordDocument(&data.Document{CaseID: c.ID, Kind: data.DocMinutes, FileName: "議事録.pdf", SHA256: hexSum("minutes")}, "議事録を作成"))
	docs, err = s.Documents(c.ID)
	require.NoError(t, err)
	assert.Len(t, docs, 2)

	var v int
	raw := rawOpen(t, path)
	require.NoError(t, raw.QueryRow(`PRAGMA user_version`).Scan(&v))
	assert.Equal(t, sqlite.LatestVersion(), v)
	var fk int
	require.NoError(t, raw.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk))
	assert.Zero(t, fk)
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
	ev, err := s.AuditEvents(1, 0)
	require.NoError(t, err)
	var migrated bool
	for _, e := range ev {
		migrated = migrated || e.Action == "file.migrate" && strings.Contains(e.Detail, `"from":3`)
	}
	assert.True(t, migrated)
}

func TestFileWideDocumentsHaveNoCase(t *testing.T) {
	s, _ := MustCreate(t)
	c := newMeetingCase(t, s, data.ClassMisconduct)
	sheet := &data.Document{Kind: data.DocContactSheet, FileName: "緊急時連絡網.pdf", SHA256: hexSum("sheet")}
	require.NoError(t, s.RecordDocument(sheet, "連絡網を作成"))
	notice := &data.Document{Kind: data.DocChangeNotice, FileName: "連絡先変更届.pdf", SHA256: hexSum("notice")}
	require.NoError(t, s.RecordDocument(notice, ""))
	minutes := &data.Document{Kind: data.DocMinutes, FileName: "議事録.pdf", SHA256: hexSum("minutes")}
	assert.Equal(t, "case", data.AsError(s.RecordDocument(minutes, "")).Field, "a meeting's document belongs to a case")
	minutes.CaseID = c.ID
	require.NoError(t, s.RecordDocument(minutes, "議事録を作成"))

	wide, err := s.Documents(0)
	require.NoError(t, err)
	require.Len(t, wide, 2)
	assert.Equal(t, []string{data.DocContactSheet, data.DocChangeNotice}, []string{wide[0].Kind, wide[1].Kind})
	assert.Zero(t, wide[0].CaseID)
	ofCase, err := s.Documents(c.ID)
	require.NoError(t, err)
	require.Len(t, ofCase, 1)
	assert.Equal(t, data.DocMinutes, ofCase[0].Kind)

	tl, err := s.Timeline(c.ID)
	require.NoError(t, err)
	require.Len(t, tl, 1, "only the case's own document is on its timeline")
	assert.Equal(t, "議事録を作成", tl[0].Text)
	ev, err := s.AuditEvents(1, 0)
	require.NoError(t, err)
	var fileDocs int
	for _, e := range ev {
		if e.Action == "document.write" && e.Subject == "file" {
			fileDocs++
		}
	}
	assert.Equal(t, 2, fileDocs, "the whole file's documents are still audited")
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}

func TestCreateWithItemsAndCloseKeepsAStepAlreadyDone(t *testing.T) {
	s, _ := MustCreate(t)
	tick := clockAt(t, time.Date(2026, 11, 27, 14, 0, 0, 0, jst))
	c := newMeetingCase(t, s, data.ClassFailure)
	done := data.StepProgress{CaseID: c.ID, StepID: "4-6", Done: true, By: "大崎 一郎", At: data.Now(), Note: "停止は長時間に及ぶと判断"}
	require.NoError(t, s.SetStep(done, ""))

	// A meeting recorded afterwards, with its items, in one go.
	opened := tick(10)
	m := &data.Meeting{CaseID: c.ID, Chair: "大崎 一郎", OpenedAt: opened, ClosedAt: tick(50), Items: []data.AgendaItem{
		{Key: "notify", Title: "ignored: the regulation's wording is kept", Decision: "宮城県に連絡する", Status: data.ItemDecided, Owner: "山田"},
		{Title: "報道対応", Decision: "広報課と調整する", Status: data.ItemDeferred},
	}}
	require.NoError(t, s.CreateMeeting(m, ""))
	require.Len(t, m.Items, len(data.TableA)+1)
	assert.Equal(t, "関係機関への連絡", m.Items[1].Title)
	assert.Equal(t, "宮城県に連絡する", m.Items[1].Decision)
	assert.Equal(t, "報道対応", m.Items[len(m.Items)-1].Title)
	got, err := s.Meeting(m.ID)
	require.NoError(t, err)
	assert.Equal(t, m.Items[1].Decision, itemByKey(t, got, "notify").Decision)
	tasks, err := s.Tasks(c.ID)
	require.NoError(t, err)
	require.Len(t, tasks, 1)

	steps, err := s.Steps(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "停止は長時間に及ぶと判断", steps["4-6"].Note, "a step already done is left as it was")
	assert.Equal(t, "大崎 一郎", steps["4-6"].By)

	bad := &data.Meeting{CaseID: c.ID, Items: []data.AgendaItem{{Key: "damage", Title: "x"}}}
	assert.Equal(t, "item_title", data.AsError(s.CreateMeeting(bad, "")).Field, "Table B's row is not on a failure's agenda")
	ms, err := s.Meetings(c.ID)
	require.NoError(t, err)
	assert.Len(t, ms, 1, "the refused meeting left nothing")
}
