package forms

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// The walk tests go through a case as an officer would: the new-case dialog,
// then tab after tab, typing Japanese, and check what the case file holds by
// opening it again from disk.

// findAll returns the objects of type T shown in o for which ok holds.
func findAll[T fyne.CanvasObject](o fyne.CanvasObject, ok func(T) bool) []T {
	var out []T
	for _, obj := range test.LaidOutObjects(o) {
		if w, is := obj.(T); is && obj.Visible() && (ok == nil || ok(w)) {
			out = append(out, w)
		}
	}
	return out
}

// findOne is the one object of type T shown in o for which ok holds.
func findOne[T fyne.CanvasObject](t *testing.T, o fyne.CanvasObject, what string, ok func(T) bool) T {
	t.Helper()
	all := findAll(o, ok)
	require.Len(t, all, 1, "exactly one %s", what)
	return all[0]
}

func placeholder(p string) func(*entry) bool {
	return func(e *entry) bool { return e.PlaceHolder == p }
}

// walkCase opens the case screen as the window places it, with the new-case
// dialog behind its button, and creates a case through that dialog.
func walkCase(t *testing.T, s *screen, class data.Class, title string) *CaseDetail {
	t.Helper()
	var d *CaseDetail
	d = NewCaseDetail(s.env, func() { ShowNewCase(s.env, func(c data.Case) { d.ShowNew(c.ID) }) })
	s.win.SetContent(d.Content())
	t.Cleanup(func() { _ = d.Flush() }) // no autosave left to run into the next test

	test.Tap(button(t, d.Content(), "新規事案"))
	dlg := s.topDialog()
	require.NotNil(t, dlg, "the new-case dialog opens")
	classes := findOne(t, dlg, "class choice", func(r *widget.RadioGroup) bool { return len(r.Options) == len(data.Classes) })
	classes.SetSelected(ClassLabel(class))
	test.Type(findOne(t, dlg, "title", placeholder(i18n.T("case.new.title_placeholder"))), title)
	test.Tap(button(t, dlg, "作成"))
	require.NotZero(t, d.CaseID(), "the case is created and shown")
	assert.Equal(t, tabIntake, d.tabID, "a new case opens on its overview")
	return d
}

func (d *CaseDetail) selected() string {
	for _, t := range d.tabList {
		if t.item == d.tabs.Selected() {
			return t.id
		}
	}
	return ""
}

// fillIntake types who found the case on the 概要 tab.
func fillIntake(t *testing.T, d *CaseDetail, name, section string) {
	t.Helper()
	require.NotNil(t, d.intake)
	test.Type(d.intake.discoverer, name)
	test.Type(d.intake.section, section)
	require.NoError(t, d.Flush(), "Ctrl+S saves the forms at once")
}

// tickThrough ticks the shown steps in order up to and including last.
func tickThrough(t *testing.T, d *CaseDetail, last string) []string {
	t.Helper()
	var ticked []string
	for _, s := range d.proc.plan.shown {
		if d.proc.progress[s.ID].Done {
			continue
		}
		row := d.proc.rows[s.ID]
		require.NotNil(t, row, s.ID)
		require.False(t, row.check.Disabled(), "%s can be ticked", s.ID)
		test.Tap(row.check)
		require.True(t, d.proc.progress[s.ID].Done, "%s is recorded", s.ID)
		ticked = append(ticked, s.ID)
		if s.ID == last {
			return ticked
		}
	}
	require.Failf(t, "step not shown", "%s is not among the steps shown", last)
	return nil
}

func TestWalkMisconductFromIntakeToMeetingRequest(t *testing.T) {
	s := newScreen(t)
	d := walkCase(t, s, data.ClassMisconduct, "CS端末への不審な操作")
	assert.Equal(t, []string{"概要", "報告事項", "脅威度", "緊急措置", "手順", "会議", "ログ保全・再開連絡", "連絡", "経過"}, tabTitles(d))
	// As the window does: every save reads the open case again.
	s.env.Saved = func() { s.saved++; d.Reload() }
	fillIntake(t, d, "佐藤 一郎", "市民課 住民記録係")
	d.selectTab(tabTimeline)
	require.NotNil(t, d.timeline)

	// 報告事項 (第5条第1号ア〜エ).
	d.selectTab(tabReport)
	require.NotNil(t, d.report)
	r := d.report
	test.Type(r.discoveryNote, "定例の操作ログ点検で発見")
	r.occurredState.SetSelected(timeStateLabel(data.TimeUnconfirmed))
	test.Type(r.occurredNote, "アクセスログを調査中")
	test.Type(r.device, "CS端末（市民課1番）")
	test.Type(r.location, "本庁舎3階 市民課 住基ネット端末室")
	test.Type(r.details, "業務時間外に本人確認情報の連続照会（約300件）")
	test.Type(r.damage, "本人確認情報の目的外利用・漏えいのおそれ")
	r.measures.SetSelected(measuresLabel(data.Yes))
	test.Type(r.measuresText, "操作者カードを停止し、アクセスログを保全")
	test.Type(r.reporter, "佐藤 一郎")
	test.Type(r.reportedTo, "山田（セキュリティ責任者）")
	require.NoError(t, d.Flush())

	// 脅威度: the level-3 example, recorded; the procedure shows the steps of
	// level 3 at once.
	d.selectTab(tabThreat)
	require.NotNil(t, d.threat)
	_, shown := d.proc.rows["5-5-d"]
	assert.False(t, shown, "no level yet: the meeting request is hidden")
	d.threat.admin.SetText("鈴木（システム管理者）")
	test.Tap(d.threat.checks["L3-E2"])
	test.Tap(d.threat.record)
	assert.NotNil(t, d.proc.rows["5-5-d"], "level 3: 第5条第5号エ shows at once")
	assert.Nil(t, d.proc.rows["5-5-c"], "the level-2 step does not")
	assert.Equal(t, "レベル3", d.levelBadge.text.Text)
	shownTL := d.timeline.entries
	require.NotEmpty(t, shownTL)
	assert.True(t, strings.HasPrefix(shownTL[len(shownTL)-1].Text, "脅威度をレベル3と判定"),
		"the timeline shows the automatic entry at once: %q", shownTL[len(shownTL)-1].Text)

	// 手順: tick through 第5条第5号エ, the meeting request.
	d.selectTab(tabProcedure)
	ticked := tickThrough(t, d, "5-5-d")
	assert.Equal(t, []string{"5-1", "5-2", "5-2-a", "5-2-b", "5-2-c", "5-3", "5-4", "5-4-a", "5-4-b", "5-4-c", "5-5", "5-5-b", "5-5-d"}, ticked)
	assert.Contains(t, d.proc.nextArticle.Text, "第5条第6号", "the meeting comes next")

	// 経過: Ctrl+L goes to the quick entry, Ctrl+Enter records it.
	d.FocusTimeline()
	assert.Equal(t, tabTimeline, d.selected())
	require.NotNil(t, d.timeline)
	assert.Equal(t, fyne.Focusable(d.timeline.text), s.win.Canvas().Focused())
	test.Type(d.timeline.text, "セキュリティ統括責任者に会議の開催を求めた")
	d.AddTimelineEntry()
	assert.Empty(t, d.timeline.text.Text, "recorded, and the line is ready for the next")

	// What the case file holds, read again from disk.
	disk := s.reopen(t)
	c, err := disk.Case(d.CaseID())
	require.NoError(t, err)
	assert.Equal(t, "CS端末への不審な操作", c.Title)
	assert.Equal(t, data.ClassMisconduct, c.Class)
	assert.Equal(t, "佐藤 一郎", c.Discoverer)
	assert.Equal(t, "市民課 住民記録係", c.DiscovererSection)
	assert.Equal(t, data.TimeUnconfirmed, c.OccurredState)
	assert.Equal(t, "アクセスログを調査中", c.OccurredNote)

	rep, err := disk.MisconductReport(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "定例の操作ログ点検で発見", rep.DiscoveryNote)
	assert.Equal(t, "CS端末（市民課1番）", rep.Device)
	assert.Equal(t, "本庁舎3階 市民課 住基ネット端末室", rep.Location)
	assert.Equal(t, "業務時間外に本人確認情報の連続照会（約300件）", rep.Details)
	assert.Equal(t, "本人確認情報の目的外利用・漏えいのおそれ", rep.ExpectedDamage)
	assert.Equal(t, data.Yes, rep.Measures)
	assert.Equal(t, "操作者カードを停止し、アクセスログを保全", rep.MeasuresText)
	assert.Equal(t, "佐藤 一郎", rep.Reporter)
	assert.Equal(t, "山田（セキュリティ責任者）", rep.ReportedTo)

	as, err := disk.ThreatAssessments(c.ID)
	require.NoError(t, err)
	require.Len(t, as, 1)
	assert.Equal(t, data.ThreatLevel(3), as[0].Level)
	assert.Equal(t, []string{"L3-E2"}, as[0].Examples)
	assert.Equal(t, "山田", as[0].By)

	steps, err := disk.Steps(c.ID)
	require.NoError(t, err)
	for _, id := range ticked {
		assert.True(t, steps[id].Done, id)
		assert.Equal(t, "山田", steps[id].By, id)
		assert.True(t, testNow.Equal(steps[id].At), id)
	}
	assert.False(t, steps["5-6"].Done)

	tl := timelineTexts(t, disk, c.ID)
	assert.Contains(t, tl, "第5条第1号 完了")
	assert.Contains(t, tl, "第5条第5号エ 完了")
	assert.Contains(t, tl, "セキュリティ統括責任者に会議の開催を求めた")
	assert.True(t, containsPrefix(tl, "脅威度をレベル3と判定"), "the determination is on the timeline: %q", tl)
	assert.Equal(t, "セキュリティ統括責任者に会議の開催を求めた", tl[len(tl)-1], "the timeline is in order")
	assert.Len(t, d.timeline.entries, len(tl), "the timeline view kept up with every entry")
}

func tabTitles(d *CaseDetail) []string {
	var out []string
	for _, it := range d.tabs.Items {
		out = append(out, it.Text)
	}
	return out
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

// recordMilestone opens the record dialog of a milestone in the guard-rail
// panel, lets fill set its fields, and confirms.
func recordMilestone(t *testing.T, s *screen, d *CaseDetail, k data.MilestoneKind, fill func(*milestoneDialog)) {
	t.Helper()
	row := d.proc.resume.rows[k]
	require.NotNil(t, row, k)
	require.False(t, row.record.Disabled(), "%s can be recorded", k)
	test.Tap(row.record)
	dlg := d.proc.resume.dlg
	require.NotNil(t, dlg)
	require.Equal(t, k, dlg.kind)
	if fill != nil {
		fill(dlg)
	}
	test.Tap(button(t, s.topDialog(), "記録する"))
	require.True(t, d.proc.resume.ms[k].Done, "%s is recorded", k)
}

func TestWalkFailureFromIntakeToResumption(t *testing.T) {
	s := newScreen(t)
	d := walkCase(t, s, data.ClassFailure, "古川総合支所の庁内LAN回線断")
	assert.Equal(t, []string{"概要", "障害の状況", "手順", "会議", "修復・再開連絡・対策", "連絡", "経過"}, tabTitles(d))
	fillIntake(t, d, "鈴木 花子", "古川総合支所 市民サービス課")

	// 障害の状況 (第4条第1号〜第3号): the type, the place, the checks.
	d.selectTab(tabFailure)
	require.NotNil(t, d.failure)
	f := d.failure
	f.typ.SetSelected(failureTypeOption(data.FailureNetwork.Info()))
	test.Type(f.event, "支所の住基端末が本庁のCSに接続できない")
	test.Type(f.place, "古川総合支所 床下配線")
	results := map[string]string{
		data.CheckID(data.FailureNetwork, 1): data.CheckOK,
		data.CheckID(data.FailureNetwork, 2): data.CheckOK,
		data.CheckID(data.FailureNetwork, 3): data.CheckAbnormal,
		data.CheckID(data.FailureNetwork, 4): data.CheckAbnormal,
	}
	for _, row := range f.checkRows {
		if res, ok := results[row.id]; ok {
			require.True(t, row.box.Visible(), "the checks of a network failure show")
			row.result.SetSelected(failureResultLabel(res))
		}
	}
	for _, row := range f.checkRows {
		if row.id == data.CheckID(data.FailureNetwork, 4) {
			test.Type(row.note, "床下配線の断線を発見")
		}
	}
	require.NoError(t, d.Flush())

	// 手順: 第4条第1号〜第7号. With no stop recorded 第4条第8号 (「システムを
	// 一時停止した場合」) asks for nothing, so nothing holds it back…
	d.selectTab(tabProcedure)
	tickThrough(t, d, "4-7")
	resume := d.proc.rows["4-8"]
	require.NotNil(t, resume)
	assert.False(t, resume.check.Disabled(), "no stop: nothing to gate")
	assert.Nil(t, resume.blocked)
	assert.Contains(t, d.proc.resume.state.Text, "「システムを一時停止した場合で障害が復旧したとき」", "the panel says why")

	// …but once the stop on the chief's order is recorded, the guard rail
	// holds it back until the integrity check and then the approval.
	recordMilestone(t, s, d, data.MilestoneStop, func(m *milestoneDialog) {
		m.authority.SetSelected(authorityLabel(data.MilestoneStop, data.AuthorityChief))
		m.methods.SetSelected([]string{"ネットワークからの切離し"})
		test.Type(m.note, "支所のスイッチを切り離した")
	})
	resume = d.proc.rows["4-8"]
	assert.True(t, resume.check.Disabled(), "resumption cannot be ticked yet")
	require.NotNil(t, resume.blocked)
	assert.Equal(t, i18n.ErrorMessage(data.Invalid("step", "needintegrity")), resume.blocked.Text)
	test.Tap(resume.check)
	steps, err := s.reopen(t).Steps(d.CaseID())
	require.NoError(t, err)
	assert.False(t, steps["4-8"].Done, "refused: nothing recorded")
	recordMilestone(t, s, d, data.MilestoneIntegrity, func(m *milestoneDialog) {
		test.Type(m.note, "CSの記録と住民基本台帳を突合")
	})
	resume = d.proc.rows["4-8"]
	assert.True(t, resume.check.Disabled(), "still no approval")
	assert.Equal(t, i18n.ErrorMessage(data.Invalid("step", "needapproval")), resume.blocked.Text)
	assert.Equal(t, resume.blocked.Text, strings.Split(d.proc.resume.state.Text, "\n")[0], "the panel says the same")
	recordMilestone(t, s, d, data.MilestoneApproval, func(m *milestoneDialog) {
		assert.Equal(t, authorityLabel(data.MilestoneApproval, data.AuthorityChief), m.authority.Selected, "the stop's authority approves")
		assert.Empty(t, m.by.Text, "who approved is asked, not assumed")
		test.Type(m.by, "佐々木 副市長")
	})

	// Now 第4条第8号 can be ticked, and it is recorded.
	resume = d.proc.rows["4-8"]
	assert.False(t, resume.check.Disabled())
	assert.Nil(t, resume.blocked)
	test.Tap(resume.check)
	assert.True(t, d.proc.progress["4-8"].Done)
	assert.Contains(t, d.proc.nextArticle.Text, "第4条第9号", "telling the related bodies comes next")

	disk := s.reopen(t)
	c, err := disk.Case(d.CaseID())
	require.NoError(t, err)
	assert.Equal(t, data.ClassFailure, c.Class)
	assert.Equal(t, "鈴木 花子", c.Discoverer)
	fr, err := disk.FailureReport(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.FailureNetwork, fr.Type)
	assert.Equal(t, "支所の住基端末が本庁のCSに接続できない", fr.Event)
	assert.Equal(t, "古川総合支所 床下配線", fr.Place)
	checks, err := disk.CheckResults(c.ID)
	require.NoError(t, err)
	for id, res := range results {
		assert.Equal(t, res, checks[id].Result, id)
	}
	assert.Equal(t, "床下配線の断線を発見", checks[data.CheckID(data.FailureNetwork, 4)].Note)

	ms, err := disk.Milestones(c.ID)
	require.NoError(t, err)
	assert.True(t, ms[data.MilestoneStop].Done)
	assert.Equal(t, data.AuthorityChief, ms[data.MilestoneStop].Authority)
	assert.Equal(t, "ネットワークからの切離し（支所のスイッチを切り離した）", ms[data.MilestoneStop].Note)
	assert.Equal(t, "山田", ms[data.MilestoneStop].By)
	assert.True(t, ms[data.MilestoneIntegrity].Done)
	assert.Equal(t, "CSの記録と住民基本台帳を突合", ms[data.MilestoneIntegrity].Note)
	assert.True(t, ms[data.MilestoneApproval].Done)
	assert.Equal(t, data.AuthorityChief, ms[data.MilestoneApproval].Authority)
	assert.Equal(t, "佐々木 副市長", ms[data.MilestoneApproval].By)
	steps, err = disk.Steps(c.ID)
	require.NoError(t, err)
	assert.True(t, steps["4-8"].Done)
	assert.Equal(t, "山田", steps["4-8"].By)

	tl := timelineTexts(t, disk, c.ID)
	assert.Contains(t, tl, "システムを停止（セキュリティ統括責任者の停止命令）：ネットワークからの切離し（支所のスイッチを切り離した）")
	assert.Contains(t, tl, "本人確認情報の整合性を確認：CSの記録と住民基本台帳を突合")
	assert.Contains(t, tl, "運用再開の承認（セキュリティ統括責任者）")
	assert.Equal(t, "第4条第8号 完了", tl[len(tl)-1])
}

func TestResumptionIsRefusedBeforeIntegrityAndApproval(t *testing.T) {
	t.Run("store", func(t *testing.T) {
		s := newScreen(t)
		st := s.env.Store
		for _, tc := range []struct {
			name  string
			class data.Class
			step  string
			ms    []data.Milestone
			rule  string // "" when allowed
		}{
			{"nothing recorded: no stop, nothing to gate", data.ClassFailure, "4-8", nil, ""},
			{"no stop, misconduct", data.ClassMisconduct, "5-8-a", nil, ""},
			{"stopped, nothing else", data.ClassMisconduct, "5-8-a",
				[]data.Milestone{{Kind: data.MilestoneStop, Authority: data.AuthorityChief}}, "needintegrity"},
			{"stopped, approval without integrity", data.ClassFailure, "4-8",
				[]data.Milestone{{Kind: data.MilestoneStop, Authority: data.AuthorityChief}, {Kind: data.MilestoneApproval, Authority: data.AuthorityChief}}, "needintegrity"},
			{"stopped, integrity without approval", data.ClassMisconduct, "5-8-a",
				[]data.Milestone{{Kind: data.MilestoneStop, Authority: data.AuthorityChief}, {Kind: data.MilestoneIntegrity}}, "needapproval"},
			{"meeting stopped, chief approved", data.ClassFailure, "4-8",
				[]data.Milestone{{Kind: data.MilestoneStop, Authority: data.AuthorityMeeting}, {Kind: data.MilestoneIntegrity},
					{Kind: data.MilestoneApproval, Authority: data.AuthorityChief}}, "needmeeting"},
			{"meeting stopped, meeting decided", data.ClassFailure, "4-8",
				[]data.Milestone{{Kind: data.MilestoneStop, Authority: data.AuthorityMeeting}, {Kind: data.MilestoneIntegrity},
					{Kind: data.MilestoneApproval, Authority: data.AuthorityMeeting}}, ""},
			{"chief stopped, integrity, chief approved", data.ClassMisconduct, "5-8-a",
				[]data.Milestone{{Kind: data.MilestoneStop, Authority: data.AuthorityChief}, {Kind: data.MilestoneIntegrity},
					{Kind: data.MilestoneApproval, Authority: data.AuthorityChief}}, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c := s.addCase(t, tc.name, tc.class, data.StatusOpen, false, testNow.Add(-3*time.Hour))
				for i, m := range tc.ms {
					m.CaseID, m.Done, m.By, m.At = c.ID, true, "山田", testNow.Add(time.Duration(i-len(tc.ms))*time.Minute)
					require.NoError(t, st.SetMilestone(m, ""))
				}
				err := st.SetStep(data.StepProgress{CaseID: c.ID, StepID: tc.step, Done: true, By: "山田", At: testNow}, "運用再開")
				steps, rerr := s.reopen(t).Steps(c.ID)
				require.NoError(t, rerr)
				if tc.rule == "" {
					require.NoError(t, err)
					assert.True(t, steps[tc.step].Done)
					return
				}
				e := data.AsError(err)
				require.NotNil(t, e, "refused")
				assert.Equal(t, data.EINVALID, e.Code)
				assert.Equal(t, tc.rule, e.Rule)
				assert.False(t, steps[tc.step].Done, "nothing recorded")
			})
		}
	})

	t.Run("screen", func(t *testing.T) {
		s := newScreen(t)
		c := s.addCase(t, "業務端末での不審な操作", data.ClassMisconduct, data.StatusOpen, false, testNow.Add(-3*time.Hour))
		// The terminal was cut off on the chief's order (第5条第4号イ): from
		// then on 第5条第8号ア's check and approval are required.
		require.NoError(t, s.env.Store.SetMilestone(data.Milestone{CaseID: c.ID, Kind: data.MilestoneStop, Done: true,
			Authority: data.AuthorityChief, By: "山田", At: testNow.Add(-2 * time.Hour)}, "システムを停止"))
		d := NewCaseDetail(s.env, nil)
		s.win.SetContent(d.Content())
		d.Show(c.ID)
		row := d.proc.rows["5-8-a"]
		require.NotNil(t, row, "第5条第8号ア is shown whatever the level")
		assert.True(t, row.check.Disabled())
		assert.Equal(t, i18n.ErrorMessage(data.Invalid("step", "needintegrity")), row.blocked.Text)
		panel := d.proc.resume
		assert.True(t, panel.resume.Disabled(), "the panel's button too")
		assert.True(t, panel.rows[data.MilestoneApproval].record.Disabled(), "approval comes after the integrity check")
		assert.NotNil(t, panel.rows[data.MilestoneReregistration], "第5条第8号イ is offered for a misconduct")
		kinds := panel.kinds()
		assert.Less(t, indexOf(kinds, data.MilestoneReregistration), indexOf(kinds, data.MilestoneApproval), "…before the resumption")

		// Should a tick get through all the same, the store refuses it and
		// the officer is told why.
		row.check.OnChanged(true)
		require.NotNil(t, s.topDialog(), "the refusal is shown")
		assert.Contains(t, texts(s.topDialog()), i18n.ErrorMessage(data.Invalid("step", "needintegrity")))
		s.win.Canvas().Overlays().Remove(s.topDialog())
		steps, err := s.reopen(t).Steps(c.ID)
		require.NoError(t, err)
		assert.False(t, steps["5-8-a"].Done)

		// The meeting ordered the stop: only its decision can approve, and
		// the dialog offers nothing else; the re-registration is recorded as
		// not needed, with the reason.
		require.NoError(t, s.env.Store.SetMilestone(data.Milestone{CaseID: c.ID, Kind: data.MilestoneStop, Done: true,
			Authority: data.AuthorityMeeting, By: "山田", At: testNow.Add(-time.Hour)}, "システムを停止（セキュリティ会議の決定）"))
		d.Reload()
		assert.Contains(t, panel.rows[data.MilestoneApproval].state.Text, "ただし書")
		recordMilestone(t, s, d, data.MilestoneIntegrity, nil)
		recordMilestone(t, s, d, data.MilestoneReregistration, func(m *milestoneDialog) {
			m.outcome.SetSelected("不要と判断した")
			test.Type(m.note, "操作者カードの不正使用ではないため")
		})
		test.Tap(panel.rows[data.MilestoneApproval].record)
		assert.Equal(t, []string{authorityLabel(data.MilestoneApproval, data.AuthorityMeeting)}, panel.dlg.authority.Options)
		assert.Equal(t, panel.dlg.authority.Options[0], panel.dlg.authority.Selected)
		assert.Empty(t, panel.dlg.by.Text, "who approved is asked, not assumed")
		test.Tap(button(t, s.topDialog(), "記録する"))
		assert.Equal(t, "氏名を入力してください。", panel.dlg.err.Text, "…and required")
		test.Type(panel.dlg.by, "セキュリティ会議（議長 佐々木）")
		test.Tap(button(t, s.topDialog(), "記録する"))
		assert.False(t, d.proc.rows["5-8-a"].check.Disabled(), "allowed now")
		test.Tap(panel.resume)
		steps, err = s.reopen(t).Steps(c.ID)
		require.NoError(t, err)
		assert.True(t, steps["5-8-a"].Done, "the panel's button records the step")
		ms, err := s.reopen(t).Milestones(c.ID)
		require.NoError(t, err)
		assert.Equal(t, data.AuthorityMeeting, ms[data.MilestoneApproval].Authority)
		assert.Equal(t, "不要と判断した（操作者カードの不正使用ではないため）", ms[data.MilestoneReregistration].Note)
		tl := timelineTexts(t, s.reopen(t), c.ID)
		assert.Contains(t, tl, "セキュリティ会議で運用再開を決定")
		assert.Contains(t, tl, "アクセス権限の設定変更、照合情報及び照合IDの再登録は不要と判断：不要と判断した（操作者カードの不正使用ではないため）")
	})
}

func indexOf[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

func TestWithdrawingAMilestoneAsksFirst(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "本庁舎の停電", data.ClassFailure, data.StatusOpen, false, testNow.Add(-time.Hour))
	require.NoError(t, s.env.Store.SetMilestone(data.Milestone{CaseID: c.ID, Kind: data.MilestoneIntegrity, Done: true, By: "佐藤", At: testNow.Add(-10 * time.Minute)}, "本人確認情報の整合性を確認"))
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	d.Show(c.ID)
	row := d.proc.resume.rows[data.MilestoneIntegrity]
	assert.Contains(t, row.state.Text, "記録済み: 2026/11/27 13:55")

	test.Tap(row.withdraw)
	test.Tap(button(t, s.topDialog(), "キャンセル"))
	ms, err := s.reopen(t).Milestones(c.ID)
	require.NoError(t, err)
	assert.True(t, ms[data.MilestoneIntegrity].Done, "cancelled: kept")

	test.Tap(d.proc.resume.rows[data.MilestoneIntegrity].withdraw)
	test.Tap(button(t, s.topDialog(), "記録を取り消す"))
	ms, err = s.reopen(t).Milestones(c.ID)
	require.NoError(t, err)
	assert.False(t, ms[data.MilestoneIntegrity].Done)
	assert.Equal(t, "山田", ms[data.MilestoneIntegrity].By)
	assert.Contains(t, d.proc.resume.rows[data.MilestoneIntegrity].state.Text, "記録を取り消しました")
	tl := timelineTexts(t, s.reopen(t), c.ID)
	assert.Equal(t, "「本人確認情報の整合性の確認」の記録を取消", tl[len(tl)-1])
}

func TestTabsFollowTheClassAndFlushOnSwitch(t *testing.T) {
	s := newScreen(t)
	pending := s.addCase(t, "CSの応答遅延", data.ClassPending, data.StatusOpen, false, testNow.Add(-time.Hour))
	other := s.addCase(t, "回線断", data.ClassFailure, data.StatusOpen, false, testNow.Add(-time.Hour))
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	d.Show(pending.ID)
	assert.Equal(t, []string{"概要", "手順", "連絡", "経過"}, tabTitles(d))
	assert.Equal(t, tabProcedure, d.selected(), "a case opens on its steps")

	// Typed on 概要, not yet saved when another case is opened: saved first.
	d.selectTab(tabIntake)
	test.Type(d.intake.discoverer, "高橋")
	d.Show(other.ID)
	got, err := s.reopen(t).Case(pending.ID)
	require.NoError(t, err)
	assert.Equal(t, "高橋", got.Discoverer, "flushed before the switch")
	assert.Equal(t, tabIntake, d.selected(), "the tab chosen stays chosen")
	assert.Equal(t, []string{"概要", "障害の状況", "手順", "会議", "修復・再開連絡・対策", "連絡", "経過"}, tabTitles(d))

	// Deciding the class on the pending case brings the tabs of the class.
	d.Show(pending.ID)
	d.selectTab(tabProcedure)
	test.Tap(button(t, d.Content(), "不正行為として対応する"))
	test.Tap(button(t, s.topDialog(), "決定する"))
	assert.Equal(t, []string{"概要", "報告事項", "脅威度", "緊急措置", "手順", "会議", "ログ保全・再開連絡", "連絡", "経過"}, tabTitles(d))
	assert.Equal(t, tabProcedure, d.selected())

	// The next step is said on every tab but 手順, which says it in full.
	d.selectTab(tabReport)
	shown := strings.Join(texts(d.Content()), "\n")
	assert.Contains(t, shown, "次に行うこと")
	assert.Contains(t, shown, "第5条第1号")
}

// TestWalkKeyboardOnly goes from a new case through the report items, a
// timeline entry and a call record with the keyboard alone, as press() hands
// the keys to the window, and checks the case file. The keys pressed are
// logged (go test -v -run TestWalkKeyboardOnly): the walk of the closing note
// of issue #14.
func TestWalkKeyboardOnly(t *testing.T) {
	s := newScreen(t)
	s.addNetwork(t)
	var d *CaseDetail
	d = NewCaseDetail(s.env, func() { ShowNewCase(s.env, func(c data.Case) { d.ShowNew(c.ID) }) })
	s.env.Saved = func() { s.saved++; d.Reload() } // as the window does
	s.win.SetContent(d.Content())
	t.Cleanup(func() { _ = d.Flush() })
	c := s.win.Canvas()
	var keys []string
	key := func(name fyne.KeyName, mod fyne.KeyModifier, label string) {
		t.Helper()
		press(s.win, name, mod)
		keys = append(keys, label)
	}
	typeText := func(text string) {
		t.Helper()
		f := c.Focused()
		require.NotNil(t, f, "a field has the cursor to type %q", text)
		test.Type(f, text)
		keys = append(keys, "「"+text+"」")
	}

	// Ctrl+N (the menu's 新規事案): the cursor is in the title.
	keys = append(keys, "Ctrl+N")
	ShowNewCase(s.env, func(nc data.Case) { d.ShowNew(nc.ID) })
	typeText("CS端末への不審な操作")
	// The class: Shift+Tab back to its choices, Space picks one.
	var classes *widget.RadioGroup
	for _, r := range findAll[*widget.RadioGroup](s.topDialog(), nil) {
		classes = r
	}
	require.NotNil(t, classes)
	for i := 0; i < 8 && classes.Selected != ClassLabel(data.ClassMisconduct); i++ {
		key(fyne.KeyTab, fyne.KeyModifierShift, "Shift+Tab")
		key(fyne.KeySpace, 0, "Space")
	}
	require.Equal(t, ClassLabel(data.ClassMisconduct), classes.Selected)
	key(fyne.KeyReturn, ctrl, "Ctrl+Enter")
	require.Nil(t, s.topDialog(), "created")
	require.NotZero(t, d.CaseID())
	assert.Equal(t, tabIntake, d.tabID)

	// Ctrl+Tab: 報告事項, the cursor in its first field. Tab goes on from
	// field to field, multi-line ones included.
	d.SwitchTab(1)
	keys = append(keys, "Ctrl+Tab")
	require.Equal(t, tabReport, d.tabID)
	require.NotNil(t, d.report)
	r := d.report
	require.Equal(t, fyne.Focusable(r.discovered), c.Focused(), "the cursor is in 発見日時")
	key(fyne.KeyTab, 0, "Tab")
	assert.Equal(t, fyne.Focusable(r.discoveryNote), c.Focused())
	typeText("定例の操作ログ点検で発見")
	for i := 0; i < 12 && c.Focused() != fyne.Focusable(r.device); i++ {
		key(fyne.KeyTab, 0, "Tab")
	}
	require.Equal(t, fyne.Focusable(r.device), c.Focused(), "Tab reaches 機器")
	typeText("CS端末（市民課1番）")
	key(fyne.KeyTab, 0, "Tab")
	typeText("本庁舎3階 市民課")
	key(fyne.KeyTab, 0, "Tab")
	typeText("業務時間外に本人確認情報の連続照会")
	key(fyne.KeyTab, 0, "Tab")
	assert.Equal(t, fyne.Focusable(r.damage), c.Focused(), "out of the multi-line 内容, no Tab typed")
	typeText("目的外利用のおそれ")
	keys = append(keys, "Ctrl+S")
	require.NoError(t, d.Flush())

	// Ctrl+L: 経過; Enter records the line.
	keys = append(keys, "Ctrl+L")
	d.FocusTimeline()
	require.Equal(t, fyne.Focusable(d.timeline.text), c.Focused())
	typeText("セキュリティ責任者へ報告した")
	key(fyne.KeyReturn, 0, "Enter")
	assert.Empty(t, d.timeline.text.Text)

	// Ctrl+Shift+Tab: 連絡, the cursor in its time; Tab to the first
	// 連絡した, Space opens the dialog with the cursor in the note, and
	// Ctrl+Enter records the call.
	d.SwitchTab(-1)
	keys = append(keys, "Ctrl+Shift+Tab")
	require.Equal(t, tabCalls, d.tabID)
	require.NotNil(t, d.calls)
	first := d.calls.cards[0]
	for i := 0; i < 6 && c.Focused() != fyne.Focusable(first.reachedBtn); i++ {
		key(fyne.KeyTab, 0, "Tab")
	}
	require.Equal(t, fyne.Focusable(first.reachedBtn), c.Focused(), "Tab reaches 連絡した")
	key(fyne.KeySpace, 0, "Space")
	require.NotNil(t, s.topDialog())
	typeText("発生を報告、指示を受けた")
	key(fyne.KeyReturn, ctrl, "Ctrl+Enter")
	assert.Nil(t, s.topDialog())

	t.Logf("keys: %s", strings.Join(keys, " "))

	disk := s.reopen(t)
	rep, err := disk.MisconductReport(d.CaseID())
	require.NoError(t, err)
	assert.Equal(t, "定例の操作ログ点検で発見", rep.DiscoveryNote)
	assert.Equal(t, "CS端末（市民課1番）", rep.Device)
	assert.Equal(t, "本庁舎3階 市民課", rep.Location)
	assert.Equal(t, "業務時間外に本人確認情報の連続照会", rep.Details)
	assert.Equal(t, "目的外利用のおそれ", rep.ExpectedDamage)
	tl := timeline(t, disk, d.CaseID())
	assert.True(t, containsPrefix(entryTexts(tl), "セキュリティ責任者へ報告した"))
	calls, err := disk.Calls(d.CaseID())
	require.NoError(t, err)
	require.Len(t, calls, 1)
	assert.True(t, calls[0].Reached)
	assert.Equal(t, "発生を報告、指示を受けた", calls[0].Note)
}

func entryTexts(es []data.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Text
	}
	return out
}
