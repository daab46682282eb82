package forms

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// openAftercare shows the 修復・再開連絡・対策 (or ログ保全・再開連絡) tab of a case.
func openAftercare(t *testing.T, s *screen, c data.Case) *aftercareView {
	t.Helper()
	v := newAftercareView(s.env, c)
	require.NoError(t, v.Reload())
	s.win.SetContent(v.Content())
	return v
}

// dialogError is the red message a dialog shows, "" when none.
func dialogError(t *testing.T, s *screen) string {
	t.Helper()
	dlg := s.topDialog()
	require.NotNil(t, dlg)
	for _, f := range findAll(dlg, func(fieldError) bool { return true }) {
		if f.Text != "" {
			return f.Text
		}
	}
	return ""
}

func timelineText(t *testing.T, store data.Store, caseID int64) string {
	t.Helper()
	entries, err := store.Timeline(caseID)
	require.NoError(t, err)
	var lines []string
	for _, e := range entries {
		lines = append(lines, e.Text)
	}
	return strings.Join(lines, "\n")
}

func TestRepairRequestIsRecordedAndCompleted(t *testing.T) {
	s := newScreen(t)
	s.addNetwork(t)
	c := s.addCase(t, "本庁舎サーバ室の停電", data.ClassFailure, data.StatusOpen, false, testNow)
	v := openAftercare(t, s, c)
	assert.Contains(t, shownText(v.Content()), "修復等の依頼（第4条第7号）")
	assert.Contains(t, shownText(v.Content()), "規程:「システム管理者は,直ちに修理,復旧その他の措置を実施する。必要に応じて保守委託事業者に修復等を依頼する。」")

	test.Tap(button(t, v.Content(), "依頼を記録"))
	dlg := s.topDialog()
	require.NotNil(t, dlg)
	to := findOne(t, dlg, "依頼先", placeholder("例: 保守委託事業者（○○システム株式会社）"))
	assert.Equal(t, "保守委託事業者（架空システム株式会社）", to.Text, "prefilled from the contact network")
	test.Type(findOne(t, dlg, "内容", placeholder("例: CSの再起動と無停電電源装置の点検")), "CSの再起動")
	test.Tap(button(t, dlg, "記録する"))
	require.Nil(t, s.topDialog())
	assert.Contains(t, shownText(v.Content()), "完了日時: 未記入（作業中）")

	// Later the work is done: the completion is entered.
	test.Tap(button(t, v.Content(), "編集"))
	dlg = s.topDialog()
	dates := findAll(dlg, func(e *entry) bool { return e.PlaceHolder == "2026/11/27 14:05" || strings.HasPrefix(e.Text, "2026/") })
	require.Len(t, dates, 2)
	dates[1].SetText("2026/11/27 13:00")
	test.Tap(button(t, dlg, "記録する"))
	require.NotNil(t, s.topDialog(), "a completion before the request is refused")
	assert.Contains(t, dialogError(t, s), "完了日時が依頼日時より前になっています")
	dates[1].SetText("2026/11/27 15:40")
	test.Tap(button(t, dlg, "記録する"))
	require.Nil(t, s.topDialog())

	file := s.reopen(t)
	r, err := file.RepairRequest(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "保守委託事業者（架空システム株式会社）", r.To)
	assert.Equal(t, "CSの再起動", r.Content)
	assert.Equal(t, "山田", r.By)
	assert.True(t, r.RequestedAt.Equal(testNow))
	assert.Equal(t, "2026/11/27 15:40", r.CompletedAt.In(tokyo).Format("2006/01/02 15:04"))
	tl := timelineText(t, file, c.ID)
	assert.Contains(t, tl, "修復等を依頼: 保守委託事業者（架空システム株式会社）（CSの再起動）")
	assert.Contains(t, tl, "修復等の完了を記録")
}

func TestNotificationsAreTakenFromCallsAndSayWhoIsMissing(t *testing.T) {
	s := newScreen(t)
	ps := s.addNetwork(t)
	c := s.addCase(t, "本庁舎サーバ室の停電", data.ClassFailure, data.StatusOpen, false, testNow)
	_ = ps
	var pref data.ContactPoint
	points, err := s.env.Store.ContactPoints()
	require.NoError(t, err)
	for _, p := range points {
		if p.Body == data.BodyPrefecture {
			pref = p
		}
	}
	require.NoError(t, s.env.Store.RecordCall(&data.Call{CaseID: c.ID, PointID: pref.ID, Person: pref.Primary.Name,
		Number: pref.Primary.TEL, At: testNow, Reached: true, Note: "運用再開を伝えた", By: "山田"}, "宮城県に連絡"))
	require.NoError(t, s.env.Store.RecordCall(&data.Call{CaseID: c.ID, PointID: pref.ID, Person: pref.Primary.Name,
		At: testNow, Reached: false, By: "山田"}, ""))

	v := openAftercare(t, s, c)
	shown := shownText(v.Content())
	assert.Contains(t, shown, "関係機関への運用再開の連絡（第4条第9号）")
	assert.NotContains(t, shown, "連絡の記録がない関係機関", "no warning before operation resumed")
	require.NoError(t, s.env.Store.SetStep(data.StepProgress{CaseID: c.ID, StepID: "4-8", Done: true, By: "山田", At: testNow}, ""))
	require.NoError(t, v.Reload())
	shown = shownText(v.Content())
	assert.Contains(t, shown, "連絡の記録がない関係機関: 宮城県、指定情報処理機関")
	test.Tap(button(t, v.Content(), "連絡の記録から（1件）"))
	dlg := s.topDialog()
	require.NotNil(t, dlg)
	test.Tap(button(t, dlg, "取り込む"))
	require.Nil(t, s.topDialog())
	shown = shownText(v.Content())
	assert.Contains(t, shown, "宮城県 市町村課（"+pref.Primary.Name+"）・電話・2026/11/27 14:05・連絡者 山田")
	assert.Contains(t, shown, "連絡の記録がない関係機関: 指定情報処理機関")

	// The agency was told by FAX: typed.
	test.Tap(button(t, v.Content(), "追加"))
	dlg = s.topDialog()
	sel := findOne(t, dlg, "body", func(*widget.Select) bool { return true })
	assert.Equal(t, "指定情報処理機関", sel.Selected, "the body not told yet is offered")
	findOne(t, dlg, "method", func(*widget.RadioGroup) bool { return true }).SetSelected("FAX")
	test.Tap(button(t, dlg, "記録する"))
	require.Nil(t, s.topDialog())
	assert.NotContains(t, shownText(v.Content()), "連絡の記録がない関係機関")

	file := s.reopen(t)
	ns, err := file.Notifications(c.ID)
	require.NoError(t, err)
	require.Len(t, ns, 2)
	assert.Equal(t, data.BodyPrefecture, ns[0].Body)
	assert.NotZero(t, ns[0].CallID)
	assert.Equal(t, "運用再開を伝えた", ns[0].Note)
	assert.Equal(t, data.BodyAgency, ns[1].Body)
	assert.Equal(t, data.NotifyFax, ns[1].Method)
	assert.Equal(t, "4-9", ns[1].StepID)
	assert.Contains(t, timelineText(t, file, c.ID), "運用再開を連絡: 指定情報処理機関（FAX）")
}

func TestPreventionMeasuresTickedWithOwnerAndDue(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "本庁舎サーバ室の停電", data.ClassFailure, data.StatusOpen, false, testNow)
	v := openAftercare(t, s, c)
	check := findOne(t, v.Content(), "measure", func(c *widget.Check) bool { return c.Text == "定期点検実施時期の見直し" })
	test.Tap(check)
	assert.False(t, check.Checked, "ticked only once recorded")
	dlg := s.topDialog()
	require.NotNil(t, dlg)
	test.Type(findOne(t, dlg, "text", placeholder("例: 分電盤の点検を年2回にする")), "分電盤の点検を年2回にする")
	test.Type(findOne(t, dlg, "owner", placeholder("例: 情報政策課 情報システム係")), "情報政策課")
	test.Type(findOne(t, dlg, "due", placeholder("2026/12/20")), "2026/12/20")
	test.Tap(button(t, dlg, "記録する"))
	require.Nil(t, s.topDialog())
	check = findOne(t, v.Content(), "measure", func(c *widget.Check) bool { return c.Text == "定期点検実施時期の見直し" })
	assert.True(t, check.Checked)
	assert.Contains(t, shownText(v.Content()), "分電盤の点検を年2回にする、担当: 情報政策課、期限: 2026/12/20")

	test.Tap(button(t, v.Content(), "その他の対策を追加"))
	dlg = s.topDialog()
	test.Tap(button(t, dlg, "記録する"))
	require.NotNil(t, s.topDialog(), "a free entry must say what it is")
	assert.Contains(t, dialogError(t, s), "対策の内容を入力してください")
	test.Type(findOne(t, dlg, "text", placeholder("例: 分電盤の点検を年2回にする")), "UPSの容量を見直す")
	test.Tap(button(t, dlg, "記録する"))
	require.Nil(t, s.topDialog())

	file := s.reopen(t)
	ms, err := file.PreventionMeasures(c.ID)
	require.NoError(t, err)
	require.Len(t, ms, 2)
	assert.Equal(t, "定期点検実施時期の見直し", ms[0].Measure)
	assert.Equal(t, "情報政策課", ms[0].Owner)
	assert.Equal(t, "2026/12/20", ms[0].Due.In(tokyo).Format("2006/01/02"))
	assert.Empty(t, ms[1].Measure)
	assert.Equal(t, "UPSの容量を見直す", ms[1].Text)

	// Unticking removes it, after asking.
	check = findOne(t, v.Content(), "measure", func(c *widget.Check) bool { return c.Text == "定期点検実施時期の見直し" })
	test.Tap(check)
	require.NotNil(t, s.topDialog())
	test.Tap(button(t, s.topDialog(), "削除"))
	ms, err = s.reopen(t).PreventionMeasures(c.ID)
	require.NoError(t, err)
	require.Len(t, ms, 1)
}

func TestMisconductTabRecordsPreservedLogs(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "CS端末への不審な操作", data.ClassMisconduct, data.StatusOpen, false, testNow)
	v := openAftercare(t, s, c)
	shown := shownText(v.Content())
	assert.Contains(t, shown, "保全したアクセスログ（第5条第7号）")
	assert.Contains(t, shown, "関係機関への運用再開の連絡（第5条第8号ウ）")
	assert.NotContains(t, shown, "修復等の依頼", "第4条第7号 is a failure's")
	test.Tap(button(t, v.Content(), "追加"))
	dlg := s.topDialog()
	require.NotNil(t, dlg)
	test.Type(findOne(t, dlg, "log", placeholder("例: CSのアクセスログ（11/25〜11/27）")), "CSのアクセスログ（前日17時〜当日9時）")
	test.Type(findOne(t, dlg, "place", placeholder("例: DVD-R 2枚、電算室の金庫")), "電算室の金庫")
	test.Tap(button(t, dlg, "記録する"))
	require.Nil(t, s.topDialog())
	assert.Contains(t, shownText(v.Content()), "保管場所: 電算室の金庫")

	file := s.reopen(t)
	logs, err := file.PreservedLogs(c.ID)
	require.NoError(t, err)
	require.Len(t, logs, 1)
	assert.Equal(t, "山田", logs[0].By)
	assert.Contains(t, timelineText(t, file, c.ID), "アクセスログを保全: CSのアクセスログ（前日17時〜当日9時）（保管場所: 電算室の金庫）")
}

// A failure meeting's agenda (第4条第6号) has no 緊急措置の検証及び予防措置の
// 立案 row: a measure it decides is an その他 item, which 「会議の決定から」
// offers unticked (an その他 item may be anything), and takes in when ticked.
func TestFailureMeetingsOtherItemsAreOfferedAsMeasures(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "古川総合支所の庁内LAN回線断", data.ClassFailure, data.StatusOpen, false, testNow)
	m := &data.Meeting{CaseID: c.ID, Date: testNow, Chair: "大崎（セキュリティ統括責任者）"}
	require.NoError(t, s.env.Store.CreateMeeting(m, ""))
	due := testNow.AddDate(0, 0, 21)
	for _, it := range []data.AgendaItem{
		{MeetingID: m.ID, Title: "配線の保護", Decision: "机を移動するときは床下配線を確認するよう支所職員に周知する", Owner: "市民サービス課", Due: due, Status: data.ItemDecided},
		{MeetingID: m.ID, Title: "次回の日程", Status: data.ItemOpen},
	} {
		require.NoError(t, s.env.Store.SaveAgendaItem(&it, ""))
	}
	v := openAftercare(t, s, c)
	from := button(t, v.Content(), "会議の決定から（1件）")
	test.Tap(from)
	dlg := s.topDialog()
	require.NotNil(t, dlg)
	group := findOne(t, dlg, "decisions", func(g *widget.CheckGroup) bool { return len(g.Options) == 1 })
	assert.Empty(t, group.Selected, "an その他 item is not taken for a measure unless ticked")
	assert.Contains(t, group.Options[0], "机を移動するときは床下配線を確認するよう支所職員に周知する")
	group.SetSelected(group.Options)
	test.Tap(button(t, dlg, "取り込む"))
	require.Nil(t, s.topDialog())

	ms, err := s.reopen(t).PreventionMeasures(c.ID)
	require.NoError(t, err)
	require.Len(t, ms, 1)
	assert.Equal(t, "机を移動するときは床下配線を確認するよう支所職員に周知する", ms[0].Text)
	assert.Equal(t, "市民サービス課", ms[0].Owner)
	assert.NotZero(t, ms[0].ItemID)
	assert.False(t, from.Visible(), "nothing left to take in")
}
