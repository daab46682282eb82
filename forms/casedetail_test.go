package forms

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

func TestTickingAStepRecordsWhoAndWhen(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "CS端末への不審な操作", data.ClassMisconduct, data.StatusOpen, false, testNow.Add(-2*time.Hour))
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	d.Show(c.ID)

	assert.Equal(t, "第5条第1号", d.proc.nextArticle.Text[:len("第5条第1号")], "the first step is next")
	row := d.proc.rows["5-1"]
	require.NotNil(t, row)
	test.Tap(row.check)

	p, err := s.reopen(t).Steps(c.ID)
	require.NoError(t, err)
	assert.True(t, p["5-1"].Done)
	assert.Equal(t, "山田", p["5-1"].By)
	assert.True(t, testNow.Equal(p["5-1"].At))
	assert.Equal(t, 1, s.saved, "the window hears of the change")
	assert.Contains(t, texts(d.Content()), "完了: 山田 2026/11/27 14:05")
	assert.Contains(t, d.proc.nextArticle.Text, "第5条第2号", "the next step moves on")

	tl, err := s.reopen(t).Timeline(c.ID)
	require.NoError(t, err)
	require.NotEmpty(t, tl)
	assert.Equal(t, "第5条第1号 完了", tl[len(tl)-1].Text)
}

func TestUntickingAsksFirst(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "本庁舎の停電", data.ClassFailure, data.StatusOpen, false, testNow.Add(-time.Hour))
	require.NoError(t, s.env.Store.SetStep(data.StepProgress{CaseID: c.ID, StepID: "4-1", Done: true, By: "佐藤", At: testNow.Add(-50 * time.Minute)}, "第4条第1号 完了"))
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	d.Show(c.ID)
	assert.Contains(t, texts(d.Content()), "完了: 佐藤 2026/11/27 13:15")

	// Cancelled: nothing changes.
	test.Tap(d.proc.rows["4-1"].check)
	assert.True(t, d.proc.rows["4-1"].check.Checked, "stays ticked while asking")
	test.Tap(button(t, s.topDialog(), "キャンセル"))
	p, err := s.reopen(t).Steps(c.ID)
	require.NoError(t, err)
	assert.True(t, p["4-1"].Done)
	assert.True(t, d.proc.rows["4-1"].check.Checked)
	assert.Zero(t, s.saved)

	// Confirmed: undone, by whom and when.
	test.Tap(d.proc.rows["4-1"].check)
	assert.Contains(t, texts(s.topDialog()), "第4条第1号の完了（佐藤 2026/11/27 13:15）を取り消しますか？\n取り消したことは経過記録と監査ログに残ります。")
	test.Tap(button(t, s.topDialog(), "完了を取り消す"))
	p, err = s.reopen(t).Steps(c.ID)
	require.NoError(t, err)
	assert.False(t, p["4-1"].Done)
	assert.Equal(t, "山田", p["4-1"].By)
	assert.False(t, d.proc.rows["4-1"].check.Checked)
	assert.Equal(t, 1, s.saved)
	tl, err := s.reopen(t).Timeline(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "第4条第1号 完了を取消", tl[len(tl)-1].Text)
}

func TestTickingWithoutANameRecordsNothing(t *testing.T) {
	s := newScreen(t)
	s.env.Officer = func() Officer { return Officer{Role: data.RoleStaff} }
	opened := false
	s.env.EditSettings = func() { opened = true }
	c := s.addCase(t, "回線断", data.ClassFailure, data.StatusOpen, false, testNow)
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	d.Show(c.ID)

	test.Tap(d.proc.rows["4-1"].check)
	assert.False(t, d.proc.rows["4-1"].check.Checked)
	test.Tap(button(t, s.topDialog(), "設定を開く"))
	assert.True(t, opened)
	p, err := s.reopen(t).Steps(c.ID)
	require.NoError(t, err)
	assert.Empty(t, p)
}

func TestHeaderAndDrillBanner(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "CS端末への不審な操作", data.ClassMisconduct, data.StatusOpen, true, testNow.Add(-(2*time.Hour + 14*time.Minute)))
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	assert.False(t, d.body.Visible())
	assert.Contains(t, texts(d.Content()), "事案が選択されていません")

	d.Show(c.ID)
	shown := texts(d.Content())
	assert.Contains(t, shown, "2026-001")
	assert.Contains(t, shown, "CS端末への不審な操作")
	assert.Contains(t, shown, "発見: 2026/11/27 11:51（令和8年11月27日）")
	assert.Contains(t, shown, "発見から 2時間14分")
	assert.True(t, d.banner.Visible(), "a drill says so across the top")
	assert.Equal(t, "不正行為", d.class.text.Text)
	assert.Equal(t, "対応中", d.status.Selected)
	assert.Contains(t, d.proc.note.Text, "脅威度", "level-dependent steps are hidden, and it says why")
	_, hidden := d.proc.rows["5-2-c"]
	assert.False(t, hidden)
	assert.Contains(t, shown, "第5条第1号")
	assert.Contains(t, shown, "住基ネット担当者・セキュリティ責任者")

	real := s.addCase(t, "回線断", data.ClassFailure, data.StatusOpen, false, testNow)
	d.Show(real.ID)
	assert.False(t, d.banner.Visible())
	assert.False(t, d.proc.noteBox.Visible(), "第4条 has no level-dependent steps")
}

func TestStatusChangeIsSaved(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "回線断", data.ClassFailure, data.StatusOpen, false, testNow)
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	d.Show(c.ID)
	d.status.SetSelected("復旧済")
	got, err := s.reopen(t).Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.StatusRecovered, got.Status)
	assert.Equal(t, 1, s.saved)
}

func TestPendingCaseAsksForTheClass(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "CSの応答遅延", data.ClassPending, data.StatusOpen, false, testNow)
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	d.Show(c.ID)
	assert.True(t, d.proc.pending.Visible())
	assert.Empty(t, d.proc.rows)
	assert.Contains(t, d.proc.nextAction.Text, "区分")

	test.Tap(button(t, d.Content(), "不正行為として対応する"))
	test.Tap(button(t, s.topDialog(), "決定する"))
	got, err := s.reopen(t).Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.ClassMisconduct, got.Class)
	assert.False(t, d.proc.pending.Visible())
	assert.NotNil(t, d.proc.rows["5-1"], "the procedure of 第5条 appears")
}

func TestPlanSteps(t *testing.T) {
	done := func(ids ...string) map[string]data.StepProgress {
		m := map[string]data.StepProgress{}
		for _, id := range ids {
			m[id] = data.StepProgress{StepID: id, Done: true}
		}
		return m
	}
	ids := func(p stepPlan) []string {
		var out []string
		for _, s := range p.shown {
			out = append(out, s.ID)
		}
		return out
	}

	p := planSteps(data.ClassFailure, nil, 0)
	assert.Len(t, p.shown, 10, "第4条 (1)–(10), none depends on the level")
	assert.Equal(t, "4-1", p.next.ID)

	p = planSteps(data.ClassMisconduct, done("5-1"), 0)
	assert.NotContains(t, ids(p), "5-2-c", "level 2 or 3 only")
	assert.NotContains(t, ids(p), "5-5-a")
	assert.Contains(t, ids(p), "5-3", "a judgement condition is the officer's to weigh")
	assert.Equal(t, 6, p.hidden)
	assert.Equal(t, "5-2", p.next.ID)
	assert.Equal(t, 1, p.done)

	p = planSteps(data.ClassMisconduct, done("5-1", "5-2-c"), 0)
	assert.Contains(t, ids(p), "5-2-c", "a step done stays on the record")

	p = planSteps(data.ClassMisconduct, nil, 3)
	assert.Contains(t, ids(p), "5-5-d")
	assert.NotContains(t, ids(p), "5-5-c")

	p = planSteps(data.ClassMisconduct, done("5-1", "5-2", "5-5", "5-5-a"), 1)
	assert.True(t, p.stoodDown)
	assert.Nil(t, p.next, "nothing is next once the response is stood down")
	assert.NotContains(t, ids(p), "5-6")
	assert.Positive(t, p.afterStandDown)

	all := done("4-1", "4-2", "4-3", "4-4", "4-5", "4-6", "4-7", "4-8", "4-9", "4-10")
	assert.Nil(t, planSteps(data.ClassFailure, all, 0).next)
	assert.Empty(t, planSteps(data.ClassPending, nil, 0).shown)
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		-time.Minute:                 "0分",
		35 * time.Minute:             "35分",
		2*time.Hour + 14*time.Minute: "2時間14分",
		47 * time.Hour:               "47時間0分",
		50 * time.Hour:               "2日2時間",
	} {
		assert.Equal(t, want, formatDuration(d), d.String())
	}
}
