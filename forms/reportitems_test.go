package forms

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// openReportItems shows the report items of a new misconduct case discovered
// at testNow (2026/11/27 14:05).
func openReportItems(t *testing.T) (*screen, data.Case, *reportItemsForm) {
	t.Helper()
	s := newScreen(t)
	c := s.addCase(t, "CS端末への不審な操作", data.ClassMisconduct, data.StatusOpen, false, testNow)
	f := newReportItemsForm(s.env, c.ID)
	s.win.SetContent(f.Content())
	require.NoError(t, f.Reload())
	t.Cleanup(func() { _ = f.Flush() }) // no save left to run into the next test
	return s, c, f
}

func timelineTexts(t *testing.T, store data.Store, caseID int64) []string {
	t.Helper()
	entries, err := store.Timeline(caseID)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		out = append(out, e.Text)
	}
	return out
}

func TestReportItemsSavesEveryFieldAndReopens(t *testing.T) {
	s, c, f := openReportItems(t)

	assert.Equal(t, "2026/11/27 14:05", f.discovered.Text)
	assert.Equal(t, "令和8年11月27日", f.discoveredWareki.Text)
	assert.Equal(t, "1", f.reportNo.Text, "第1報 by default")
	assert.Equal(t, "未入力", f.measures.Selected)

	f.discovered.SetText("")
	test.Type(f.discovered, "２０２６／１１／２７　１３：５０") // as an IME types it
	test.Type(f.discoveryNote, "操作ログの点検中に、勤務時間外の連続照会を発見した。")
	test.Type(f.occurred, "令和8年11月27日 2時10分")
	assert.Equal(t, "日時を入力", f.occurredState.Selected, "typing a time means it is known")
	test.Type(f.occurredNote, "操作ログのタイムスタンプによる")
	test.Type(f.device, "CS端末（業務端末 No.3）")
	test.Type(f.location, "本庁舎2階 市民課 住基ネット端末室")
	test.Type(f.details, "深夜2時台に、同一の照合IDで本人確認情報の照会が約300件行われた。\n当該職員は休暇中。")
	test.Type(f.damage, "本人確認情報の漏えいのおそれ（対象件数は調査中）")
	f.measures.SetSelected("有")
	test.Type(f.measuresText, "当該端末のLANケーブルを抜線（14:20）")
	test.Type(f.reporter, "市民課 佐藤")
	test.Type(f.reportedTo, "市民課長（セキュリティ責任者）")
	test.Type(f.reportedAt, "2026/11/27 14:30")
	test.Tap(f.reportNoUp)
	assert.Equal(t, "2", f.reportNo.Text)
	assert.Empty(t, f.reportedAt.Text, "a new report has not been made yet")
	test.Type(f.reportedAt, "2026/11/27 15:10")
	require.NoError(t, f.Flush())
	assertNoFieldMsgs(t, f.errs)
	assert.Positive(t, s.saved)

	store := s.reopen(t)
	got, err := store.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026/11/27 13:50", i18n.WesternDateTime(got.DiscoveredAt.In(tokyo)))
	assert.Equal(t, "2026/11/27 02:10", i18n.WesternDateTime(got.OccurredAt.In(tokyo)))
	assert.Equal(t, data.TimeKnown, got.OccurredState)
	assert.Equal(t, "操作ログのタイムスタンプによる", got.OccurredNote)
	assert.Equal(t, "CS端末への不審な操作", got.Title, "the rest of the case is kept")
	r, err := store.MisconductReport(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.MisconductReport{
		CaseID:         c.ID,
		DiscoveryNote:  "操作ログの点検中に、勤務時間外の連続照会を発見した。",
		Device:         "CS端末（業務端末 No.3）",
		Location:       "本庁舎2階 市民課 住基ネット端末室",
		Details:        "深夜2時台に、同一の照合IDで本人確認情報の照会が約300件行われた。\n当該職員は休暇中。",
		ExpectedDamage: "本人確認情報の漏えいのおそれ（対象件数は調査中）",
		Measures:       data.Yes,
		MeasuresText:   "当該端末のLANケーブルを抜線（14:20）",
		Reporter:       "市民課 佐藤",
		ReportedTo:     "市民課長（セキュリティ責任者）",
		ReportedAt:     r.ReportedAt,
		ReportNo:       2,
	}, r)
	assert.Equal(t, "2026/11/27 15:10", i18n.WesternDateTime(r.ReportedAt.In(tokyo)))
	assert.NotContains(t, timelineTexts(t, store, c.ID), "", "typing writes nothing on the timeline")
	entries, err := store.Timeline(c.ID)
	require.NoError(t, err)
	for _, e := range entries {
		assert.NotEqual(t, data.EntryReport, e.Kind, "keystrokes are not timeline events: %s", e.Text)
	}

	// The screen on the file read again shows the same.
	s.env.Store = store
	g := newReportItemsForm(s.env, c.ID)
	require.NoError(t, g.Reload())
	want := f.values()
	want.discovered, want.occurred = "2026/11/27 13:50", "2026/11/27 02:10" // as the app writes them
	assert.Equal(t, want, g.values())
	assert.Equal(t, "令和8年11月27日", g.occurredWareki.Text)
	assert.Equal(t, "有", g.measures.Selected)
}

func TestReportItemsAutosaveAfterAPause(t *testing.T) {
	s, c, f := openReportItems(t)
	// Watch the states as the indicator would get them (in the test driver
	// they arrive on the saver's goroutine).
	var mu sync.Mutex
	var states []saveState
	f.saver = newAutosaver(reportSaveDelay, f.save, func(st saveState, _ error) {
		mu.Lock()
		states = append(states, st)
		mu.Unlock()
	})
	start := time.Now()
	test.Type(f.device, "CS端末")

	// No Flush: the debounce writes it within a second of the last keystroke.
	require.Eventually(t, func() bool {
		r, err := s.env.Store.MisconductReport(c.ID)
		return err == nil && r.Device == "CS端末"
	}, 3*time.Second, 20*time.Millisecond)
	assert.LessOrEqual(t, reportSaveDelay, time.Second, "debounced by at most a second")
	assert.Less(t, time.Since(start), 2*time.Second)
	require.Eventually(t, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(states) > 0 && states[len(states)-1] == saveSaved
	}, 3*time.Second, 20*time.Millisecond)
	mu.Lock()
	assert.Equal(t, []saveState{saveDirty, saveSaving, saveSaved}, states)
	mu.Unlock()
}

func TestReportItemsOccurredUnknownOrUnconfirmedWithNote(t *testing.T) {
	for _, tc := range []struct {
		label string
		state data.TimeState
	}{
		{"不明", data.TimeUnknown},
		{"未確認", data.TimeUnconfirmed},
	} {
		t.Run(tc.label, func(t *testing.T) {
			s, c, f := openReportItems(t)
			test.Type(f.occurred, "2026/11/27 02:10")
			f.occurredState.SetSelected(tc.label)
			assert.True(t, f.occurred.Disabled(), "no time to type while it is %s", tc.label)
			assert.Equal(t, "2026/11/27 02:10", f.occurred.Text, "the text stays for a change of mind")
			test.Type(f.occurredNote, "操作ログの保存期間外のため特定できない")
			require.NoError(t, f.Flush())

			got, err := s.reopen(t).Case(c.ID)
			require.NoError(t, err)
			assert.Equal(t, tc.state, got.OccurredState)
			assert.True(t, got.OccurredAt.IsZero())
			assert.Equal(t, "操作ログの保存期間外のため特定できない", got.OccurredNote)

			s.env.Store = s.reopen(t)
			g := newReportItemsForm(s.env, c.ID)
			require.NoError(t, g.Reload())
			assert.Equal(t, tc.label, g.occurredState.Selected)
			assert.Equal(t, "操作ログの保存期間外のため特定できない", g.occurredNote.Text)
		})
	}
}

func TestReportItemsFlagsOccurrenceAfterDiscoveryAndKeepsIt(t *testing.T) {
	s, c, f := openReportItems(t)
	test.Type(f.occurred, "2026/11/27 15:00") // discovered 14:05
	test.Type(f.device, "CS端末")
	require.NoError(t, f.Flush())

	msg := f.errs[fieldOccurredAt]
	assert.True(t, msg.Visible())
	assert.Equal(t, "発生日時が発見日時より後になっています。発生日時には発見日時以前の日時を入力してください。わからない場合は空欄のままにしてください。", msg.Text)
	assert.True(t, f.occurredFlag.Visible(), "a warning flag beside the time")
	assert.Equal(t, "2026/11/27 15:00", f.occurred.Text, "the text is not lost")

	store := s.reopen(t)
	got, err := store.Case(c.ID)
	require.NoError(t, err)
	assert.True(t, got.OccurredAt.IsZero(), "not saved")
	assert.Equal(t, data.TimeState(""), got.OccurredState)
	r, err := store.MisconductReport(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "CS端末", r.Device, "the other fields keep saving")

	// Corrected, it saves and the flag goes.
	f.occurred.SetText("2026/11/27 13:00")
	require.NoError(t, f.Flush())
	assert.False(t, msg.Visible())
	assert.False(t, f.occurredFlag.Visible())
	got, err = s.env.Store.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026/11/27 13:00", i18n.WesternDateTime(got.OccurredAt.In(tokyo)))

	// Moving the discovery before the stored occurrence is refused too.
	f.discovered.SetText("2026/11/27 12:00")
	require.NoError(t, f.Flush())
	assert.True(t, f.errs[fieldDiscoveredAt].Visible())
	assert.Contains(t, f.errs[fieldDiscoveredAt].Text, "発見日時が、記録済みの発生日時より前")
	got, err = s.env.Store.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026/11/27 14:05", i18n.WesternDateTime(got.DiscoveredAt.In(tokyo)))
}

func TestReportItemsBadDateSavesNothingForThatField(t *testing.T) {
	s, c, f := openReportItems(t)
	f.discovered.SetText("2026/02/30 10:00")
	assert.Empty(t, f.discoveredWareki.Text, "no 和暦 for a date that does not exist")
	test.Type(f.reportedAt, "あした")
	f.reportNo.SetText("ゼロ")
	test.Type(f.location, "本庁舎2階")
	require.NoError(t, f.Flush())

	assert.Equal(t, "発見日時の形式が正しくありません。「2026/11/27 14:05」のように、実在する日時を入力してください。", f.errs[fieldDiscoveredAt].Text)
	assert.Contains(t, f.errs[fieldReportedAt].Text, "報告日時の形式が正しくありません")
	assert.Equal(t, "報告の番号（第○報）は1以上の数で入力してください。", f.errs[fieldReportNo].Text)
	assert.Equal(t, "2026/02/30 10:00", f.discovered.Text, "the text stays to be corrected")
	assert.Equal(t, "あした", f.reportedAt.Text)

	store := s.reopen(t)
	got, err := store.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026/11/27 14:05", i18n.WesternDateTime(got.DiscoveredAt.In(tokyo)))
	r, err := store.MisconductReport(c.ID)
	require.NoError(t, err)
	assert.True(t, r.ReportedAt.IsZero())
	assert.Equal(t, 0, r.ReportNo, "no number saved from ゼロ")
	assert.Equal(t, "本庁舎2階", r.Location, "the other fields keep saving")

	// An empty discovery time is refused the same way.
	f.discovered.SetText("")
	require.NoError(t, f.Flush())
	assert.Equal(t, "発見日時を入力してください。", f.errs[fieldDiscoveredAt].Text)
}

func TestReportItemsRecordTheReport(t *testing.T) {
	s, c, f := openReportItems(t)
	assert.Equal(t, "第1報として記録", f.markReported.Text)
	assert.Contains(t, f.reportStatus.Text, "第1報はまだ記録していません")
	assert.Contains(t, joined(texts(f.versions.box)), "まだ記録した報告はありません")

	test.Tap(f.markReported)
	assert.Equal(t, "報告先を入力してから記録してください。", f.errs[fieldReportedTo].Text)
	assert.Empty(t, f.reportedAt.Text, "nothing recorded")
	assert.Nil(t, s.topDialog())

	// The dialog asks for the 文書番号 and the 最終報; cancelling records nothing.
	test.Type(f.reportedTo, "市民課長")
	test.Tap(f.markReported)
	assert.Equal(t, "2026/11/27 14:05", f.reportedAt.Text, "the time of the report: now")
	require.NotNil(t, s.topDialog())
	assert.Contains(t, joined(texts(s.topDialog())), "第1報の内容（報告事項と、報告日時 2026/11/27 14:05（令和8年11月27日）までの経過）を固定して記録します。")
	assert.Equal(t, "空欄なら自動で付番（大住第○号）", f.versions.asking.number.PlaceHolder)
	test.Tap(button(t, s.topDialog(), "キャンセル"))
	list, err := s.env.Store.ReportVersions(c.ID)
	require.NoError(t, err)
	assert.Empty(t, list)

	// Recorded with the register's number.
	test.Tap(f.markReported)
	assert.Empty(t, f.versions.asking.number.Text, "no number taken for this report yet")
	test.Tap(button(t, s.topDialog(), "記録"))
	assert.Contains(t, joined(texts(s.topDialog())), "第1報を記録しました（文書番号: 大住第1号）")
	test.Tap(button(t, s.topDialog(), "OK"))
	assert.Contains(t, f.reportStatus.Text, "第1報は記録済みです（2026/11/27 14:05（令和8年11月27日）・報告先: 市民課長・文書番号: 大住第1号）")
	shown := joined(texts(f.versions.box))
	assert.Contains(t, shown, "第1報　2026/11/27 14:05（令和8年11月27日）　大住第1号　報告先: 市民課長")
	require.NoError(t, f.Flush())

	store := s.reopen(t)
	assert.Contains(t, timelineTexts(t, store, c.ID), "第1報を報告（報告先: 市民課長、文書番号: 大住第1号）")
	r, err := store.MisconductReport(c.ID)
	require.NoError(t, err)
	assert.Equal(t, 1, r.ReportNo)
	assert.True(t, r.ReportedAt.Equal(testNow))
	list, err = store.ReportVersions(c.ID)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "市民課長", list[0].Addressee)
	assert.NotEmpty(t, list[0].Snapshot)

	// Pressing again is refused: a recorded report never changes.
	test.Tap(f.markReported)
	assert.Nil(t, s.topDialog())
	assert.Equal(t, "第1報はすでに記録しています。続報は「＋」で番号を進めてから記録してください。", f.errs[fieldReportNo].Text)

	// A draft of 第2報 printed with the register's next number: the dialog
	// offers that number, so the record matches the paper sent.
	drafted, err := s.env.Store.IssueDocNumber(data.DocMisconductReport, c.ID, "", testNow)
	require.NoError(t, err)
	test.Tap(f.reportNoUp)
	assert.Equal(t, "第2報として記録", f.markReported.Text)
	test.Tap(f.markReported)
	d := f.versions.asking
	assert.Equal(t, drafted, d.number.Text)
	assert.Contains(t, joined(texts(s.topDialog())), drafted+" は、この報告を「番号台帳から次の番号を取る」で作成したときに付いた番号です。")
	// Another number typed instead: one given before is refused in the
	// dialog, which stays open; then a new one, as the 最終報.
	d.number.SetText("")
	test.Type(d.number, "大住第1号")
	test.Tap(button(t, s.topDialog(), "記録"))
	require.NotNil(t, s.topDialog(), "the dialog stays open")
	assert.Equal(t, "この文書番号はすでに使われています。文書番号は二度使えません。文書管理システムで新しい番号を取るか、空欄にして自動で付けてください。", d.numberErr.Text)
	d.number.SetText("大崎市住第4567号")
	d.final.SetChecked(true)
	test.Tap(button(t, s.topDialog(), "記録"))
	test.Tap(button(t, s.topDialog(), "OK"))
	assert.Contains(t, joined(texts(f.versions.box)), "第2報（最終報）　2026/11/27 14:05（令和8年11月27日）　大崎市住第4567号　報告先: 市民課長")
	require.NoError(t, f.Flush())
	store = s.reopen(t)
	texts := timelineTexts(t, store, c.ID)
	assert.Contains(t, texts, "第2報（最終報）を報告（報告先: 市民課長、文書番号: 大崎市住第4567号）")
	list, err = store.ReportVersions(c.ID)
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.True(t, list[1].Final)
	r, err = store.MisconductReport(c.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, r.ReportNo)

	// Nothing after the 最終報.
	test.Tap(f.reportNoUp)
	test.Tap(f.markReported)
	assert.Nil(t, s.topDialog())
	assert.Contains(t, f.errs[fieldReportNo].Text, "最終報を記録しているため")

	test.Tap(f.reportNoDown)
	test.Tap(f.reportNoDown)
	test.Tap(f.reportNoDown)
	test.Tap(f.reportNoDown)
	assert.Equal(t, "1", f.reportNo.Text, "never below 第1報")
}

func TestReportItemsCitesTheRegulation(t *testing.T) {
	s, _, f := openReportItems(t)
	shown := texts(f.Content())
	for _, item := range data.MisconductReportItems {
		assert.Contains(t, shown, item.Text, "heading in the regulation's words")
		assert.Contains(t, shown, item.Article)
	}
	test.Tap(button(t, f.Content(), "第5条を表示"))
	require.NotNil(t, s.topDialog())
	assert.Contains(t, texts(s.topDialog()), "第5条（不正行為発生時の対応）・第1号")
}

func TestReportItemsNowDoesNotSayReported(t *testing.T) {
	// Issue #14: after 「現在時刻」, 「第1報は報告済みです」 showed before anything
	// was recorded. Only recording the 第n報 says it is done.
	s, c, f := openReportItems(t)
	test.Tap(button(t, f.Content(), i18n.T("report.now")))
	assert.Equal(t, "2026/11/27 14:05", f.reportedAt.Text)
	require.NoError(t, f.Flush())
	s.env.Saved() // the window reads the case again
	assert.Equal(t, i18n.T("versions.status.not_recorded", map[string]any{"N": 1}), f.reportStatus.Text)
	for _, w := range shownWords(f.Content()) {
		assert.NotContains(t, w, "報告済み")
		assert.NotContains(t, w, "記録済み")
	}
	vs, err := s.env.Store.ReportVersions(c.ID)
	require.NoError(t, err)
	assert.Empty(t, vs)
}
