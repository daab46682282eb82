package forms

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// openCalls shows the 連絡 tab of a case in the window.
func openCalls(t *testing.T, s *screen, c data.Case) *callsView {
	t.Helper()
	v := newCallsView(s.env, c)
	require.NoError(t, v.Reload())
	s.win.SetContent(v.Content())
	return v
}

// card is the card of the entry titled title.
func (v *callsView) card(t *testing.T, title string) *callCard {
	t.Helper()
	for _, c := range v.cards {
		if c.title == title {
			return c
		}
	}
	require.Failf(t, "no card", "no card for %s", title)
	return nil
}

func (v *callsView) titles() []string {
	var out []string
	for _, c := range v.cards {
		out = append(out, c.title)
	}
	return out
}

func TestWhoToCallFollowsTheChainAndTheClock(t *testing.T) {
	s := newScreen(t)
	s.addNetwork(t)
	c := s.addCase(t, "住基サーバ停止", data.ClassFailure, data.StatusOpen, false, testNow)
	v := openCalls(t, s, c)

	// The time field starts at now.
	assert.Equal(t, "2026/11/27 14:05", v.atEntry.Text)
	// 第4条: staff → security officer → system administrator → chief →
	// contractor (第4条第5号) → prefecture, J-LIS, told by the security officer
	// that operation resumes (第4条第9号): 第4条 has no other call to them.
	assert.Equal(t, []string{"大崎市 住基ネット担当者", "大崎市 セキュリティ責任者", "大崎市 システム管理者",
		"大崎市 セキュリティ統括責任者", "架空システム株式会社", "宮城県 市町村課", "地方公共団体情報システム機構"}, v.titles())
	assert.Equal(t, "第4条第1号", v.card(t, "大崎市 セキュリティ責任者").t.Step.Article)
	pref := v.card(t, "宮城県 市町村課").t.Step
	assert.Equal(t, "第4条第9号", pref.Article)
	assert.Equal(t, data.RoleSecurityOfficer, pref.From)
	shown := shownText(v.Content())
	assert.Contains(t, shown, "用件：セキュリティ責任者は,関係機関にシステム運用再開の連絡をする。")
	assert.NotContains(t, shown, "第4条第6号", "the meeting deliberates contacts there; no one is called under it")

	for _, tc := range []struct {
		at, number, badge string
	}{
		{"2026/11/26 10:00", "0120-000-111", "営業時間内"},       // Thursday
		{"2026/11/26 17:15", "0120-000-111", "営業時間内"},       // the closing minute
		{"2026/11/26 17:16", "0120-000-911", "夜間・休日（終業後）"},  // one minute after
		{"2026/11/28 10:00", "0120-000-911", "夜間・休日（土日）"},   // Saturday
		{"2026/11/26 08:29", "0120-000-911", "夜間・休日（始業前）"},  // before opening
		{"2026/05/06 10:00", "0120-000-911", "夜間・休日（祝日）"},   // substitute holiday
		{"2026/12/29 10:00", "0120-000-911", "夜間・休日（年末年始）"}, // year-end closing
	} {
		t.Run(tc.at, func(t *testing.T) {
			v.atEntry.SetText(tc.at)
			assert.False(t, v.atMsg.Visible())
			pref := v.card(t, "宮城県 市町村課")
			assert.Equal(t, tc.number, pref.dial.Text, "the number in large type")
			assert.Equal(t, tc.badge, pref.hours.text.Text)
			assert.Equal(t, "山田 太郎", pref.name.Text)
			assert.GreaterOrEqual(t, pref.dial.TextSize, float32(callNumberSize))
		})
	}

	// A time that does not read says so and keeps what was shown.
	v.atEntry.SetText("2026/13/45 99:99")
	assert.True(t, v.atMsg.Visible())
	assert.Equal(t, "0120-000-911", v.card(t, "宮城県 市町村課").dial.Text)
	test.Tap(button(t, v.Content(), "現在"))
	assert.Equal(t, "2026/11/27 14:05", v.atEntry.Text)
	assert.Equal(t, "0120-000-111", v.card(t, "宮城県 市町村課").dial.Text, "Friday 14:05 is within business hours")
}

func TestWhoToCallForAMisconductCase(t *testing.T) {
	s := newScreen(t)
	s.addNetwork(t)
	c := s.addCase(t, "不審な照会", data.ClassMisconduct, data.StatusOpen, false, testNow)
	v := openCalls(t, s, c)
	assert.Equal(t, "第5条第2号ウ", v.card(t, "宮城県 市町村課").t.Step.Article)
	assert.Contains(t, shownText(v.Content()), "条件：不正行為の脅威度がレベル2又は3に該当する可能性が高い場合")
}

func TestNotReachedFallsThroughToTheDeputyOnTheTimeline(t *testing.T) {
	s := newScreen(t)
	s.addNetwork(t)
	c := s.addCase(t, "住基サーバ停止", data.ClassFailure, data.StatusOpen, false, testNow)
	v := openCalls(t, s, c)
	v.atEntry.SetText("2026/11/27 20:00")
	pref := v.card(t, "宮城県 市町村課")
	assert.Equal(t, "0120-000-911", pref.dial.Text)
	assert.Contains(t, shownText(pref.box), "つながらないときは代理：佐藤 花子　0120-000-912")

	test.Tap(pref.missedBtn)
	dlg := s.topDialog()
	require.NotNil(t, dlg, "a small form asks what was said")
	assert.Contains(t, shownText(dlg), "宮城県 市町村課 山田 太郎　0120-000-911")
	test.Type(findOne(t, dlg, "note", func(e *entry) bool { return e.MultiLine }), "留守番電話")
	test.Tap(button(t, dlg, "記録"))
	assert.Nil(t, s.topDialog())

	// The entry moves on to the deputy, still at the night number.
	pref = v.card(t, "宮城県 市町村課")
	assert.Equal(t, "佐藤 花子", pref.name.Text)
	assert.Equal(t, "0120-000-912", pref.dial.Text)
	assert.Contains(t, shownText(pref.box), "代理に連絡してください")
	assert.Contains(t, shownText(v.made), "つながらない")

	test.Tap(pref.reachedBtn)
	dlg = s.topDialog()
	require.NotNil(t, dlg)
	test.Type(findOne(t, dlg, "note", func(e *entry) bool { return e.MultiLine }), "第1報を伝えた")
	test.Tap(button(t, dlg, "記録"))
	assert.Contains(t, shownText(v.card(t, "宮城県 市町村課").box), "つながった")

	// From disk: both calls, and both on the case's timeline.
	file := s.reopen(t)
	calls, err := file.Calls(c.ID)
	require.NoError(t, err)
	require.Len(t, calls, 2)
	assert.False(t, calls[0].Reached)
	assert.False(t, calls[0].Deputy)
	assert.Equal(t, "0120-000-911", calls[0].Number)
	assert.Equal(t, "留守番電話", calls[0].Note)
	assert.True(t, calls[1].Reached)
	assert.True(t, calls[1].Deputy)
	assert.Equal(t, "佐藤 花子", calls[1].Person)
	assert.True(t, calls[1].At.Equal(testNow), "recorded at the time of the call, now")

	entries, err := file.Timeline(c.ID)
	require.NoError(t, err)
	var lines []string
	for _, e := range entries {
		lines = append(lines, e.Text)
	}
	all := strings.Join(lines, "\n")
	assert.Contains(t, all, "宮城県 市町村課 山田 太郎に連絡（つながらない）: 留守番電話")
	assert.Contains(t, all, "宮城県 市町村課 代理 佐藤 花子に連絡（つながった）: 第1報を伝えた")
}

func TestWhoToCallWithoutANetworkSaysWhereToEnterIt(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "判定中の事案", data.ClassPending, data.StatusOpen, false, testNow)
	v := openCalls(t, s, c)
	assert.Empty(t, v.cards)
	assert.Contains(t, shownText(v.Content()), "連絡網…")
	assert.Contains(t, shownText(v.Content()), "この事案ではまだ連絡を記録していません。")
}

func TestCaseDetailShowsWhoToCallOnItsCallsTab(t *testing.T) {
	s := newScreen(t)
	s.addNetwork(t)
	c := s.addCase(t, "不審な照会", data.ClassMisconduct, data.StatusOpen, false, testNow)
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	d.Show(c.ID)
	assert.Contains(t, tabTitles(d), "連絡")
	d.selectTab(tabCalls)
	require.NotNil(t, d.calls)
	assert.Len(t, d.calls.cards, 7, "the whole network, in the order of 第5条")
	assert.Equal(t, "第5条第1号", d.calls.cards[0].t.Step.Article)
	assert.Contains(t, shownText(d.Content()), "不正行為：第5条の報告の順")
}
