package forms

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// openFailureReport shows the failure report of a new case of the class,
// discovered at testNow (2026/11/27 14:05); decisions collects OnDecision.
func openFailureReport(t *testing.T, class data.Class) (*screen, data.Case, *failureReportForm, *[]string) {
	t.Helper()
	s := newScreen(t)
	c := s.addCase(t, "本庁舎2階 ネットワーク回線の不通", class, data.StatusOpen, false, testNow)
	f := newFailureReportForm(s.env, c.ID)
	var decisions []string
	f.OnDecision = func(d string) { decisions = append(decisions, d) }
	s.win.SetContent(f.Content())
	require.NoError(t, f.Reload())
	t.Cleanup(func() { _ = f.Flush() }) // no save left to run into the next test
	return s, c, f, &decisions
}

func (f *failureReportForm) row(t *testing.T, id string) *failureCheckRow {
	t.Helper()
	for _, r := range f.checkRows {
		if r.id == id {
			return r
		}
	}
	require.Failf(t, "no check row", "no row %s", id)
	return nil
}

func typeOption(t data.FailureType) string { return failureTypeOption(t.Info()) }

func TestFailureReportWalkThroughAndReopen(t *testing.T) {
	s, c, f, decisions := openFailureReport(t, data.ClassFailure)
	assert.Empty(t, *decisions, "no decision yet")
	assert.Equal(t, []string{
		"ハードウェアの障害（事象: 故障,停電等）",
		"ソフトウェアの障害（事象: バグ等）",
		"ネットワークの障害（事象: 交換機故障,構内回線の切断等）",
	}, f.typ.Options, "each type with its 事象, in the regulation's words")
	assert.True(t, f.checksNone.Visible())
	for _, r := range f.checkRows {
		assert.False(t, r.box.Visible(), "no checks before the type is known")
	}
	assert.Equal(t, "1", f.reportNo.Text, "第1報 by default")

	// 第4条第1号・第2号
	f.typ.SetSelected(typeOption(data.FailureNetwork))
	assert.Equal(t, "ネットワークの障害の確認事項", f.checksTitle.Text)
	for _, r := range f.checkRows {
		assert.Equal(t, r.typ == data.FailureNetwork, r.box.Visible(), "only the network's checks: %s", r.id)
	}
	assert.Contains(t, texts(f.row(t, "network.4").box), "目視チェック等", "in the regulation's words")
	test.Type(f.event, "本庁舎2階のフロアスイッチが応答せず、CSと業務端末が通信できない")
	test.Type(f.place, "本庁舎2階 サーバ室 フロアスイッチ（SW-2F-01）")

	// 第3号: the checks, one abnormal with a note.
	assert.Equal(t, "未実施", f.row(t, "network.1").result.Selected, "a check not yet done")
	f.row(t, "network.1").result.SetSelected("異常なし")
	test.Type(f.row(t, "network.2").note, "UPSの警告ランプ点灯")
	f.row(t, "network.2").result.SetSelected("異常あり")
	f.row(t, "network.3").result.SetSelected("異常なし")
	test.Type(f.row(t, "network.3").note, "pingでCSまで応答あり")

	// 第5号: the cause cannot be identified; the contractor is asked.
	assert.False(t, f.contractorBox.Visible())
	test.Type(f.cause, "調査中")
	test.Tap(f.causeUnknown)
	assert.True(t, f.contractorBox.Visible())
	test.Tap(f.requestStatus.button)
	assert.Equal(t, "要請先と内容を入力してから記録してください。", f.errs[frFieldRequest].Text)
	test.Type(f.request, "○○システム株式会社 保守窓口（田中様）に現地調査を依頼")
	test.Type(f.requestedAt.entry, "2026/11/27 14:40")
	assert.Equal(t, "令和8年11月27日", f.requestedAt.wareki.Text)
	test.Tap(f.requestStatus.button)
	assert.False(t, f.errs[frFieldRequest].Visible())
	assert.Contains(t, f.requestStatus.text.Text, "協力の要請を記録済みです（2026/11/27 14:40（令和8年11月27日））")

	// 第4号: impact possible, reported to the chief now.
	f.impact.SetSelected("支障が生じるおそれ")
	assert.Contains(t, f.impactHint.Text, "セキュリティ統括責任者に報告")
	test.Type(f.impactText, "CSとの通信が途絶し、本人確認情報の更新を送信できていない（未送信12件）")
	test.Tap(f.chiefAt.now)
	assert.Equal(t, "2026/11/27 14:05", f.chiefAt.entry.Text)

	// 第6号: a long stop goes to the security meeting.
	f.estimate.SetSelected("長時間に及ぶ")
	assert.Equal(t, "セキュリティ会議を開催して審議する", f.decisionRadio.Selected, "the decision 第6号 ties to a long stop")
	assert.False(t, f.mismatch.Visible())
	assert.True(t, f.meetingBox.Visible())
	assert.False(t, f.stopBox.Visible())
	meeting := joined(texts(f.meetingBox))
	assert.Contains(t, meeting, "セキュリティ会議が審議して決定します")
	assert.Contains(t, meeting, "・システムの停止: システムの完全停止／機能の一部停止／機器の一部切離し／ネットワークからの切離し")
	assert.Contains(t, meeting, "・運用再開の決定")
	test.Type(f.decidedBy, "副市長 佐々木")
	test.Tap(f.decisionStatus.button)
	assert.Equal(t, "2026/11/27 14:05", f.decidedAt.entry.Text, "decided now")
	assert.Nil(t, s.topDialog(), "a meeting decision offers no stop")
	assert.Equal(t, []string{data.DecisionMeeting}, *decisions)
	assert.Contains(t, f.decisionStatus.text.Text, "判断を記録済みです: セキュリティ会議を開催して審議する")

	// The report.
	test.Type(f.reporter, "市民課 佐藤")
	test.Type(f.reportedTo, "市民課長（セキュリティ責任者）")
	assert.Equal(t, "第1報として記録", f.reportStatus.button.Text)
	test.Tap(f.reportStatus.button)
	test.Tap(button(t, s.topDialog(), "記録"))
	test.Tap(button(t, s.topDialog(), "OK"))
	assert.Contains(t, f.reportStatus.text.Text, "第1報は記録済みです（2026/11/27 14:05（令和8年11月27日）・報告先: 市民課長（セキュリティ責任者）・文書番号: 大住第1号）")
	require.NoError(t, f.Flush())
	assertNoFieldMsgs(t, f.errs)
	assert.Positive(t, s.saved)

	store := s.reopen(t)
	r, err := store.FailureReport(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026/11/27 14:40", i18n.WesternDateTime(r.ContractorRequestedAt.In(tokyo)))
	assert.True(t, r.ChiefReportedAt.Equal(testNow))
	assert.True(t, r.DecidedAt.Equal(testNow))
	assert.True(t, r.ReportedAt.Equal(testNow))
	r.ContractorRequestedAt, r.ChiefReportedAt, r.DecidedAt, r.ReportedAt = testNow, testNow, testNow, testNow
	assert.Equal(t, data.FailureReport{
		CaseID:                c.ID,
		Type:                  data.FailureNetwork,
		Event:                 "本庁舎2階のフロアスイッチが応答せず、CSと業務端末が通信できない",
		Place:                 "本庁舎2階 サーバ室 フロアスイッチ（SW-2F-01）",
		Cause:                 "調査中",
		CauseUnknown:          true,
		ContractorRequest:     "○○システム株式会社 保守窓口（田中様）に現地調査を依頼",
		ContractorRequestedAt: testNow,
		DataImpact:            data.ImpactPossible,
		DataImpactText:        "CSとの通信が途絶し、本人確認情報の更新を送信できていない（未送信12件）",
		ChiefReportedAt:       testNow,
		StopEstimate:          data.StopLong,
		StopDecision:          data.DecisionMeeting,
		DecidedAt:             testNow,
		DecidedBy:             "副市長 佐々木",
		Reporter:              "市民課 佐藤",
		ReportedTo:            "市民課長（セキュリティ責任者）",
		ReportedAt:            testNow,
		ReportNo:              1,
	}, r)

	checks, err := store.CheckResults(c.ID)
	require.NoError(t, err)
	require.Len(t, checks, 3, "the check not done is not written")
	assert.Equal(t, data.CheckOK, checks["network.1"].Result)
	assert.Equal(t, data.CheckAbnormal, checks["network.2"].Result)
	assert.Equal(t, "UPSの警告ランプ点灯", checks["network.2"].Note)
	assert.Equal(t, "山田", checks["network.2"].By)
	assert.True(t, checks["network.2"].At.Equal(testNow))
	assert.Equal(t, "pingでCSまで応答あり", checks["network.3"].Note)

	tl := timelineTexts(t, store, c.ID)
	for _, want := range []string{
		"障害の種類を「ネットワークの障害」と特定",
		"電源スイッチ・コンセントの確認: 異常なし",
		"警告ランプの確認: 異常あり（UPSの警告ランプ点灯）",
		"コマンドによる確認: 異常なし（pingでCSまで応答あり）",
		"原因が特定できないため、保守委託事業者に協力を要請（○○システム株式会社 保守窓口（田中様）に現地調査を依頼）",
		"セキュリティ統括責任者が「セキュリティ会議を開催して審議する」と判断（停止の時間: 長時間に及ぶ・判断した者: 副市長 佐々木）",
		"第1報を報告（報告先: 市民課長（セキュリティ責任者）、文書番号: 大住第1号）",
	} {
		assert.Contains(t, tl, want)
	}
	assert.Len(t, tl, 7, "typing writes nothing else on the timeline: %q", tl)
	ms, err := store.Milestones(c.ID)
	require.NoError(t, err)
	assert.False(t, ms[data.MilestoneStop].Done, "the meeting decides the stop")

	// The screen on the file read again shows the same.
	s.env.Store = store
	g := newFailureReportForm(s.env, c.ID)
	var got []string
	g.OnDecision = func(d string) { got = append(got, d) }
	require.NoError(t, g.Reload())
	assert.Equal(t, []string{data.DecisionMeeting}, got, "the case screen learns the decision on load")
	want := f.values()
	want.requestedAt = "2026/11/27 14:40"
	assert.Equal(t, want, g.values())
	assert.Equal(t, "UPSの警告ランプ点灯", g.row(t, "network.2").note.Text)
	assert.Equal(t, "記録: 2026/11/27 14:05・山田", g.row(t, "network.2").meta.Text)
	assert.True(t, g.row(t, "network.4").box.Visible())
	assert.False(t, g.row(t, "hardware.1").box.Visible())
}

func TestFailureReportBadDateSavesNothingForThatField(t *testing.T) {
	s, c, f, _ := openFailureReport(t, data.ClassFailure)
	test.Type(f.chiefAt.entry, "2026/02/30 10:00")
	assert.Empty(t, f.chiefAt.wareki.Text, "no 和暦 for a date that does not exist")
	test.Type(f.decidedAt.entry, "あした")
	test.Type(f.place, "本庁舎2階 サーバ室")
	require.NoError(t, f.Flush())

	assert.Equal(t, "セキュリティ統括責任者へ報告した日時の形式が正しくありません。「2026/11/27 14:05」のように、実在する日時を入力してください。この欄は保存していません。",
		f.errs[frFieldChiefAt].Text)
	assert.True(t, f.errs[frFieldChiefAt].Visible())
	assert.Contains(t, f.errs[frFieldDecidedAt].Text, "判断した日時の形式が正しくありません")
	assert.Equal(t, "2026/02/30 10:00", f.chiefAt.entry.Text, "the text stays to be corrected")
	assert.Equal(t, "あした", f.decidedAt.entry.Text)

	// Recording the decision with that date is refused too.
	f.decisionRadio.SetSelected("直ちにシステムの停止を命じる")
	test.Tap(f.decisionStatus.button)
	assert.Nil(t, s.topDialog(), "nothing recorded, nothing offered")

	store := s.reopen(t)
	r, err := store.FailureReport(c.ID)
	require.NoError(t, err)
	assert.True(t, r.ChiefReportedAt.IsZero())
	assert.True(t, r.DecidedAt.IsZero())
	assert.Equal(t, "本庁舎2階 サーバ室", r.Place, "the other fields keep saving")
	assert.Empty(t, timelineTexts(t, store, c.ID))

	// Corrected, it saves and the message goes.
	f.chiefAt.entry.SetText("令和8年11月27日 14時20分")
	assert.Equal(t, "令和8年11月27日", f.chiefAt.wareki.Text)
	require.NoError(t, f.Flush())
	assert.False(t, f.errs[frFieldChiefAt].Visible())
	r, err = s.env.Store.FailureReport(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026/11/27 14:20", i18n.WesternDateTime(r.ChiefReportedAt.In(tokyo)))
}

func TestFailureReportStopOrderRecordsTheStop(t *testing.T) {
	s, c, f, decisions := openFailureReport(t, data.ClassFailure)
	f.estimate.SetSelected("一時的")
	assert.Equal(t, "直ちにシステムの停止を命じる", f.decisionRadio.Selected)
	assert.True(t, f.stopBox.Visible())
	assert.False(t, f.meetingBox.Visible())
	test.Tap(f.decisionStatus.button)
	assert.Equal(t, []string{data.DecisionStop}, *decisions)
	require.NotNil(t, s.topDialog(), "an order to stop offers to record the stop")
	assert.Contains(t, joined(texts(s.topDialog())), "セキュリティ統括責任者の命令によりシステムを停止したことを記録しますか？")
	test.Tap(button(t, s.topDialog(), "停止を記録"))
	assert.Contains(t, f.stopStatus.text.Text, "システムの停止を記録済みです（2026/11/27 14:05（令和8年11月27日）・セキュリティ統括責任者の命令）")
	assert.False(t, f.stopStatus.button.Visible())

	ms, err := s.env.Store.Milestones(c.ID)
	require.NoError(t, err)
	stop := ms[data.MilestoneStop]
	assert.True(t, stop.Done)
	assert.Equal(t, data.AuthorityChief, stop.Authority)
	assert.Equal(t, "山田", stop.By)
	tl := timelineTexts(t, s.env.Store, c.ID)
	assert.Contains(t, tl, "セキュリティ統括責任者が「直ちにシステムの停止を命じる」と判断（停止の時間: 一時的・判断した者: 未入力）")
	assert.Contains(t, tl, "セキュリティ統括責任者の命令によりシステムを停止（第4条第6号）")

	// The same decision again asks first; "later" records no stop twice.
	test.Tap(f.decisionStatus.button)
	require.NotNil(t, s.topDialog())
	test.Tap(button(t, s.topDialog(), "キャンセル"))
	assert.Len(t, timelineTexts(t, s.env.Store, c.ID), 2)

	// A mismatch between the estimate and the decision is pointed out.
	f.estimate.SetSelected("長時間に及ぶ")
	assert.True(t, f.mismatch.Visible())
}

func TestFailureReportStopCanBeRecordedLater(t *testing.T) {
	s, c, f, _ := openFailureReport(t, data.ClassFailure)
	f.decisionRadio.SetSelected("直ちにシステムの停止を命じる")
	test.Tap(f.decisionStatus.button)
	require.NotNil(t, s.topDialog())
	test.Tap(button(t, s.topDialog(), "あとで"))
	ms, err := s.env.Store.Milestones(c.ID)
	require.NoError(t, err)
	assert.False(t, ms[data.MilestoneStop].Done)
	assert.True(t, f.stopStatus.button.Visible())
	test.Tap(f.stopStatus.button)
	test.Tap(button(t, s.topDialog(), "停止を記録"))
	ms, err = s.env.Store.Milestones(c.ID)
	require.NoError(t, err)
	assert.True(t, ms[data.MilestoneStop].Done)
}

func TestFailureReportChecksFollowTheType(t *testing.T) {
	s, c, f, _ := openFailureReport(t, data.ClassFailure)
	f.typ.SetSelected(typeOption(data.FailureHardware))
	assert.True(t, f.row(t, "hardware.3").box.Visible())
	assert.False(t, f.row(t, "network.1").box.Visible())
	f.row(t, "hardware.2").result.SetSelected("異常あり")
	require.NoError(t, f.Flush())

	// A change of mind about the type is recorded as such.
	f.typ.SetSelected(typeOption(data.FailureSoftware))
	assert.Contains(t, texts(f.Content()), "バグ情報の確認")
	require.NoError(t, f.Flush())
	tl := timelineTexts(t, s.env.Store, c.ID)
	assert.Equal(t, []string{
		"障害の種類を「ハードウェアの障害」と特定",
		"警告ランプの確認: 異常あり",
		"障害の種類を「ハードウェアの障害」から「ソフトウェアの障害」に変更",
	}, tl)

	// A note alone is saved without a timeline line.
	test.Type(f.row(t, "software.1").note, "ベンダーの障害情報を確認中")
	require.NoError(t, f.Flush())
	checks, err := s.env.Store.CheckResults(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.CheckNotDone, checks["software.1"].Result)
	assert.Equal(t, "ベンダーの障害情報を確認中", checks["software.1"].Note)
	assert.Len(t, timelineTexts(t, s.env.Store, c.ID), 3)
}

func TestFailureReportRecordTheReport(t *testing.T) {
	s, c, f, _ := openFailureReport(t, data.ClassFailure)
	test.Tap(f.reportStatus.button)
	assert.Equal(t, "報告先を入力してから記録してください。", f.errs[frFieldReportedTo].Text)
	assert.Empty(t, f.reportedAt.entry.Text, "nothing recorded")

	test.Type(f.reportedTo, "市民課長")
	test.Tap(f.reportStatus.button)
	test.Tap(button(t, s.topDialog(), "記録"))
	test.Tap(button(t, s.topDialog(), "OK"))
	test.Tap(f.reportStatus.button)
	assert.Nil(t, s.topDialog(), "a recorded report is not recorded again")
	assert.Equal(t, "第1報はすでに記録しています。続報は「＋」で番号を進めてから記録してください。", f.errs[frFieldReportNo].Text)
	test.Tap(f.reportNoUp)
	assert.Equal(t, "第2報として記録", f.reportStatus.button.Text)
	assert.Empty(t, f.reportedAt.entry.Text, "a new report has not been made yet")
	test.Tap(f.reportStatus.button)
	test.Tap(button(t, s.topDialog(), "記録"))
	test.Tap(button(t, s.topDialog(), "OK"))
	require.NoError(t, f.Flush())
	assert.Equal(t, []string{"第1報を報告（報告先: 市民課長、文書番号: 大住第1号）", "第2報を報告（報告先: 市民課長、文書番号: 大住第2号）"},
		timelineTexts(t, s.reopen(t), c.ID))
	shown := joined(texts(f.versions.box))
	assert.Contains(t, shown, "大住第1号")
	assert.Contains(t, shown, "大住第2号")
}

func TestFailureReportOnlyForFailures(t *testing.T) {
	_, _, f, decisions := openFailureReport(t, data.ClassPending)
	assert.True(t, f.other.Visible())
	assert.False(t, f.body.Visible())
	assert.Equal(t, "障害の報告は、区分が「障害」の事案で行います。この事案の区分は「判定中」です。区分は「概要」で判定・変更できます。", f.otherText.Text)
	assert.Empty(t, *decisions)
}

func TestFailureReportCitesTheRegulation(t *testing.T) {
	s, _, f, _ := openFailureReport(t, data.ClassFailure)
	shown := texts(f.Content())
	for _, id := range []string{"4-1", "4-3", "4-4", "4-5", "4-6"} {
		step, ok := data.StepByID(id)
		require.True(t, ok)
		assert.Contains(t, shown, step.Action, "the wording of %s", step.Article)
	}
	for _, a := range []string{"第4条第1号・第2号", "第4条第3号", "第4条第4号", "第4条第5号", "第4条第6号"} {
		assert.Contains(t, shown, a)
	}
	test.Tap(button(t, f.Content(), "第4条を表示"))
	require.NotNil(t, s.topDialog())
	assert.Contains(t, joined(texts(s.topDialog())), "障害の種類は,次のとおりとする。")
}

// Every word on the two screens comes from the translations, in both languages.
func TestCaseWorkScreensHaveEveryText(t *testing.T) {
	for _, lang := range i18n.Languages() {
		t.Run(lang, func(t *testing.T) {
			s := newScreen(t)
			require.NoError(t, i18n.SetLanguage(lang))
			t.Cleanup(func() { _ = i18n.SetLanguage(i18n.Japanese) })
			c := s.addCase(t, "回線の不通", data.ClassFailure, data.StatusOpen, true, testNow)
			fr := newFailureReportForm(s.env, c.ID)
			require.NoError(t, fr.Reload())
			fr.typ.SetSelected(typeOption(data.FailureHardware))
			fr.causeUnknown.SetChecked(true)
			fr.impact.SetSelected(fr.impact.Options[1])
			fr.decisionRadio.SetSelected(fr.decisionRadio.Options[0])
			in := newIntakeForm(s.env, c.ID)
			require.NoError(t, in.Reload())
			for _, o := range []fyne.CanvasObject{fr.Content(), in.Content()} {
				s.win.SetContent(o)
				for _, w := range shownWords(o) {
					assert.NotContains(t, w, "!failure.")
					assert.NotContains(t, w, "!intake.")
					assert.NotContains(t, w, "!field.")
					assert.NotContains(t, w, "<no value>")
				}
			}
			require.NoError(t, fr.Flush())
			require.NoError(t, in.Flush())
		})
	}
}
