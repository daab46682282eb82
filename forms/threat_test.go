package forms

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// openThreat shows the threat level screen of a new case of the class.
func openThreat(t *testing.T, class data.Class) (*screen, data.Case, *threatForm, *[]data.ThreatLevel) {
	t.Helper()
	s := newScreen(t)
	c := s.addCase(t, "CS端末への不審な操作", class, data.StatusOpen, false, testNow)
	f := newThreatForm(s.env, c.ID)
	var levels []data.ThreatLevel
	f.OnLevelChanged = func(l data.ThreatLevel) { levels = append(levels, l) }
	s.win.SetContent(f.Content())
	require.NoError(t, f.Reload())
	f.admin.SetText("鈴木（システム管理者）") // the 判定 is made by both (第5条第5号)
	return s, c, f, &levels
}

func joined(ss []string) string { return strings.Join(ss, "\n") }

func TestThreatTickingGivesTheLevelAndRecordingWritesIt(t *testing.T) {
	s, c, f, levels := openThreat(t, data.ClassMisconduct)
	assert.Equal(t, "未判定", f.badge.text.Text)
	assert.True(t, f.record.Disabled(), "nothing to record yet")
	assert.Empty(t, *levels)

	test.Tap(f.checks["L3-E2"]) // 業務端末等の不審な操作の検出
	assert.Equal(t, "レベル3", f.badge.text.Text)
	assert.Equal(t, colorLevel3, f.badge.bg.FillColor)
	assert.Equal(t, "本人確認情報に脅威を及ぼすおそれの高い事象", f.levelDesc.Text)
	shown := joined(texts(f.Content()))
	assert.Contains(t, shown, "第5条第5号エ")
	assert.Contains(t, shown, "速やかにセキュリティ統括責任者に報告を行うとともに,その対策について協議するためセキュリティ会議の開催を求める。")
	assert.Contains(t, shown, "第5条第4号イ")
	for _, o := range []string{"システムの完全停止", "機能の一部停止", "機器の一部切離し", "ネットワークからの切離し"} {
		assert.Contains(t, shown, "・"+o)
	}
	assert.NotContains(t, shown, "第5条第5号ア", "level 1's stand-down does not apply")
	assert.Empty(t, *levels, "ticking is not yet a determination")

	require.False(t, f.record.Disabled())
	test.Tap(f.record)
	assert.Nil(t, s.topDialog(), "the first determination needs no reason")
	assert.Equal(t, []data.ThreatLevel{3}, *levels)
	assert.Equal(t, 1, s.saved)
	assert.True(t, f.record.Disabled(), "recorded: nothing changed since")
	assert.Contains(t, f.state.Text, "記録済み（2026/11/27 14:05・山田）")

	store := s.reopen(t)
	as, err := store.ThreatAssessments(c.ID)
	require.NoError(t, err)
	require.Len(t, as, 1)
	assert.Equal(t, []string{"L3-E2"}, as[0].Examples)
	assert.Equal(t, data.ThreatLevel(3), as[0].Level)
	assert.Equal(t, "山田", as[0].By)
	assert.Contains(t, timelineTexts(t, store, c.ID), "脅威度をレベル3と判定（事例: 業務端末等の不審な操作の検出）")
}

func TestThreatHighestTickedLevelWins(t *testing.T) {
	_, _, f, _ := openThreat(t, data.ClassMisconduct)
	test.Tap(f.checks["L1-P1"])
	assert.Equal(t, "レベル1", f.badge.text.Text)
	assert.Contains(t, joined(texts(f.Content())), "庁内で必要な報告を行い,緊急時対応を解除する。")
	test.Tap(f.checks["L2-E2"])
	assert.Equal(t, "レベル2", f.badge.text.Text)
	shown := joined(texts(f.Content()))
	assert.Contains(t, shown, "第5条第5号イ")
	assert.Contains(t, shown, "第5条第5号ウ")
	assert.NotContains(t, shown, "第5条第4号イ")

	// The long examples wrap, and tapping their words ticks them.
	for _, o := range test.LaidOutObjects(f.Content()) {
		if l, ok := o.(*tapLabel); ok && strings.HasPrefix(l.Text, "本人確認情報が記録されている磁気ディスク") {
			test.Tap(l)
		}
	}
	assert.True(t, f.checks["L3-P1"].Checked)
	assert.Equal(t, "レベル3", f.badge.text.Text)
}

func TestThreatRevisionNeedsAReasonAndKeepsTheHistory(t *testing.T) {
	s, c, f, levels := openThreat(t, data.ClassMisconduct)
	test.Tap(f.checks["L2-E2"])
	test.Tap(f.record)
	require.Equal(t, []data.ThreatLevel{2}, *levels)

	test.Tap(f.checks["L3-E2"])
	assert.Equal(t, "レベル3", f.badge.text.Text)
	assert.Contains(t, f.state.Text, "記録済みの判定（レベル2）から変更されています")
	test.Tap(f.record)
	require.NotNil(t, f.rev, "a revision asks for its reason")
	assert.Contains(t, joined(texts(s.topDialog())), "脅威度をレベル2からレベル3に変更します。")

	test.Tap(button(t, s.topDialog(), "変更を記録"))
	assert.Equal(t, "変更の理由を入力してください。変更前の内容と理由は経過記録に残ります。", f.rev.err.Text)
	assert.True(t, f.rev.err.Visible())
	as, err := s.env.Store.ThreatAssessments(c.ID)
	require.NoError(t, err)
	assert.Len(t, as, 1, "refused without a reason")
	assert.Equal(t, []data.ThreatLevel{2}, *levels)

	test.Type(f.rev.reason, "保守委託事業者の調査で、業務端末の不審な操作が確認されたため")
	test.Tap(button(t, s.topDialog(), "変更を記録"))
	assert.Nil(t, f.rev)
	assert.Nil(t, s.topDialog(), "the dialog closes")
	assert.Equal(t, []data.ThreatLevel{2, 3}, *levels, "OnLevelChanged fires with the new level")
	assert.Equal(t, data.ThreatLevel(3), f.Level())

	store := s.reopen(t)
	as, err = store.ThreatAssessments(c.ID)
	require.NoError(t, err)
	require.Len(t, as, 2)
	assert.Equal(t, data.ThreatLevel(2), as[0].Level)
	assert.Equal(t, data.ThreatLevel(3), as[1].Level)
	assert.Equal(t, []string{"L2-E2", "L3-E2"}, as[1].Examples)
	assert.Equal(t, "保守委託事業者の調査で、業務端末の不審な操作が確認されたため", as[1].Reason)
	assert.Contains(t, timelineTexts(t, store, c.ID),
		"脅威度をレベル2からレベル3に変更（理由: 保守委託事業者の調査で、業務端末の不審な操作が確認されたため／事例: ウイルス対策ソフトによるコンピュータウイルス等の検出／業務端末等の不審な操作の検出）")

	// Reopened from disk, the screen lists both, the newest first.
	s.env.Store = store
	g := newThreatForm(s.env, c.ID)
	var got []data.ThreatLevel
	g.OnLevelChanged = func(l data.ThreatLevel) { got = append(got, l) }
	require.NoError(t, g.Reload())
	assert.Equal(t, []data.ThreatLevel{3}, got, "the navigator learns the level on load")
	assert.True(t, g.checks["L3-E2"].Checked && g.checks["L2-E2"].Checked, "ticks from the latest determination")
	history := joined(texts(g.historyBox))
	assert.Contains(t, history, "1回目の変更（現在の判定）　2026/11/27 14:05（令和8年11月27日）　判定者: 山田")
	assert.Contains(t, history, "最初の判定　2026/11/27 14:05（令和8年11月27日）　判定者: 山田")
	assert.Contains(t, history, "変更の理由: 保守委託事業者の調査で、業務端末の不審な操作が確認されたため")
	assert.Contains(t, history, "・ウイルス対策ソフトによるコンピュータウイルス等の検出")
	assert.Less(t, strings.Index(history, "1回目の変更"), strings.Index(history, "最初の判定"), "newest first")
}

func TestThreatRevisionCancelRecordsNothing(t *testing.T) {
	s, c, f, levels := openThreat(t, data.ClassMisconduct)
	test.Tap(f.checks["L2-E1"])
	test.Tap(f.record)
	test.Tap(f.checks["L2-E1"])
	test.Tap(f.checks["L1-P1"])
	test.Tap(f.record)
	require.NotNil(t, s.topDialog())
	test.Tap(button(t, s.topDialog(), "キャンセル"))
	as, err := s.env.Store.ThreatAssessments(c.ID)
	require.NoError(t, err)
	assert.Len(t, as, 1)
	assert.Equal(t, []data.ThreatLevel{2}, *levels)
	assert.Equal(t, "レベル1", f.badge.text.Text, "the ticks stay to record later")

	// Reload keeps ticks not yet recorded.
	require.NoError(t, f.Reload())
	assert.True(t, f.checks["L1-P1"].Checked)
}

func TestThreatNeedsTheOfficersName(t *testing.T) {
	s, c, f, _ := openThreat(t, data.ClassMisconduct)
	s.env.Officer = func() Officer { return Officer{Role: data.RoleSecurityOfficer} }
	test.Tap(f.checks["L3-E1"])
	test.Tap(f.record)
	require.NotNil(t, s.topDialog())
	assert.Contains(t, joined(texts(s.topDialog())), "判定した者の氏名とともに記録します")
	as, err := s.env.Store.ThreatAssessments(c.ID)
	require.NoError(t, err)
	assert.Empty(t, as)
}

func TestThreatOnlyForMisconduct(t *testing.T) {
	_, _, f, levels := openThreat(t, data.ClassFailure)
	assert.True(t, f.other.Visible())
	assert.False(t, f.body.Visible())
	assert.Contains(t, f.otherText.Text, "区分が「不正行為」の事案で行います。この事案の区分は「障害」です。")
	assert.Empty(t, *levels)
}

func TestThreatShowsTheArticle(t *testing.T) {
	s, _, f, _ := openThreat(t, data.ClassMisconduct)
	test.Tap(button(t, f.Content(), "第5条を表示"))
	require.NotNil(t, s.topDialog())
	shown := joined(texts(s.topDialog()))
	assert.Contains(t, shown, "本人確認情報に脅威を及ぼすおそれの高い事象")
}

// Every word on the two screens comes from the translations, in both languages.
func TestMisconductScreensHaveEveryText(t *testing.T) {
	for _, lang := range i18n.Languages() {
		t.Run(lang, func(t *testing.T) {
			s := newScreen(t)
			require.NoError(t, i18n.SetLanguage(lang))
			t.Cleanup(func() { _ = i18n.SetLanguage(i18n.Japanese) })
			c := s.addCase(t, "不審な操作", data.ClassMisconduct, data.StatusOpen, false, testNow)
			r := newReportItemsForm(s.env, c.ID)
			require.NoError(t, r.Reload())
			th := newThreatForm(s.env, c.ID)
			require.NoError(t, th.Reload())
			test.Tap(th.checks["L3-E1"])
			for _, o := range []fyne.CanvasObject{r.Content(), th.Content()} {
				s.win.SetContent(o)
				for _, w := range shownWords(o) {
					assert.NotContains(t, w, "!report.")
					assert.NotContains(t, w, "!threat.")
					assert.NotContains(t, w, "!field.")
				}
			}
		})
	}
}

func TestThreatEstimateThenJudgementOnTheEventByBothOfficers(t *testing.T) {
	s, c, f, levels := openThreat(t, data.ClassMisconduct)
	f.admin.SetText("")

	// The estimate: 「レベル3に該当する可能性が高い」 (第5条第4号イ), no officers asked.
	f.stage.SetSelected("「可能性が高い」と見込む")
	assert.False(t, f.judgeBox.Visible())
	test.Tap(f.checks["L3-E2"])
	test.Tap(f.record)
	assert.Nil(t, s.topDialog())
	assert.Equal(t, []data.ThreatLevel{3}, *levels)

	// The 判定 on the 事象 alone: no example fits.
	f.stage.SetSelected("判定する")
	assert.True(t, f.judgeBox.Visible())
	test.Tap(f.eventOnly)
	assert.True(t, f.checks["L3-E2"].Disabled(), "the examples step aside")
	f.eventLevel.SetSelected(f.eventLevel.Options[1]) // レベル2
	assert.True(t, f.record.Disabled(), "an event judged alone is described")
	test.Type(f.eventText, "委託業者が帳票を誤って持ち帰り翌朝返却（表の事例にない）")
	assert.Equal(t, "レベル2", f.badge.text.Text)
	test.Tap(f.record)
	assert.Contains(t, f.judgeErr.Text, "システム管理者", "the 判定 names the システム管理者 too")
	test.Type(f.admin, "鈴木（システム管理者）")
	test.Tap(f.record)
	assert.Nil(t, s.topDialog(), "the first 判定 after an estimate needs no reason")

	as, err := s.reopen(t).ThreatAssessments(c.ID)
	require.NoError(t, err)
	require.Len(t, as, 2)
	assert.Equal(t, data.StageProvisional, as[0].Stage)
	assert.Equal(t, data.StageFormal, as[1].Stage)
	assert.Equal(t, data.BasisEvent, as[1].Basis)
	assert.Empty(t, as[1].Examples)
	assert.Equal(t, data.ThreatLevel(2), as[1].Level)
	assert.Equal(t, "山田", as[1].Officer)
	assert.Equal(t, "鈴木（システム管理者）", as[1].Admin)
	tl := timelineTexts(t, s.reopen(t), c.ID)
	assert.Contains(t, tl, "脅威度はレベル3に該当する可能性が高いと判断（事例: 業務端末等の不審な操作の検出）")
	assert.Contains(t, tl, "脅威度をレベル2と判定（事例: なし、事象により判断: 委託業者が帳票を誤って持ち帰り翌朝返却（表の事例にない））")
	shown := joined(texts(f.Content()))
	assert.Contains(t, shown, "判定した者: セキュリティ責任者 山田・システム管理者 鈴木（システム管理者）")
	assert.Contains(t, shown, "事象により判断: 委託業者が帳票を誤って持ち帰り翌朝返却")
}
