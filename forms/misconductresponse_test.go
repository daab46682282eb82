package forms

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

func TestResponseScreenSavesTheImpactHearingDisposalAndRequest(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "CS端末への不審な操作", data.ClassMisconduct, data.StatusOpen, false, testNow)
	f := newResponseForm(s.env, c.ID)
	s.win.SetContent(f.Content())
	require.NoError(t, f.Reload())
	t.Cleanup(func() { _ = f.Flush() })
	assert.Equal(t, "宮城県を経由した指定情報処理機関への要請", f.prefectureBand.Text)

	f.impact.SetSelected("支障が生じた")
	test.Type(f.impactText, "本人確認情報約300件が目的外に照会された")
	test.Type(f.chiefAt, "2026/11/27 14:30")
	test.Type(f.hearingWith, "市民課 職員A")
	test.Type(f.hearingBy, "山田（セキュリティ責任者）")
	test.Type(f.hearingAt, "令和8年11月27日 15時10分")
	test.Type(f.hearingResult, "私的な照会を認めた")
	f.disposal.SetSelected("講じた")
	test.Type(f.disposalText, "印刷物3枚を回収し廃棄")
	test.Type(f.disposalAt, "2026/11/27 あした") // not a time: refused, said so
	test.Type(f.agency, "○○税務署")
	test.Type(f.requestText, "報告の聴取及び調査")
	test.Type(f.requestedAt, "2026/11/28 10:00")
	require.NoError(t, f.Flush())
	assert.NotEmpty(t, f.errs[rfDisposalAt].Text, "the time that does not read says so")

	r, err := s.reopen(t).MisconductResponse(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.ImpactYes, r.Impact)
	assert.Equal(t, "本人確認情報約300件が目的外に照会された", r.ImpactText)
	assert.True(t, r.ChiefReportedAt.Equal(time.Date(2026, 11, 27, 14, 30, 0, 0, tokyo)))
	assert.Equal(t, "市民課 職員A", r.HearingWith)
	assert.True(t, r.HearingAt.Equal(time.Date(2026, 11, 27, 15, 10, 0, 0, tokyo)))
	assert.Equal(t, "私的な照会を認めた", r.HearingResult)
	assert.Equal(t, data.Yes, r.Disposal)
	assert.True(t, r.DisposalAt.IsZero(), "the refused time is not written")
	assert.Equal(t, "○○税務署", r.Agency)
	assert.True(t, r.RequestedAt.Equal(time.Date(2026, 11, 28, 10, 0, 0, 0, tokyo)))

	// Opened again, the screen shows what was saved.
	g := newResponseForm(s.env, c.ID)
	require.NoError(t, g.Reload())
	assert.Equal(t, "支障が生じた", g.impact.Selected)
	assert.Equal(t, "講じた", g.disposal.Selected)
	assert.Equal(t, "2026/11/27 15:10", g.hearingAt.Text)
	assert.Equal(t, "印刷物3枚を回収し廃棄", g.disposalText.Text)
}

func TestCaseTabsOfAMisconductIncludeTheResponse(t *testing.T) {
	assert.Contains(t, tabsFor(data.ClassMisconduct), tabResponse)
	assert.NotContains(t, tabsFor(data.ClassFailure), tabResponse)
}

func TestNewCaseFromAnAgencyNotice(t *testing.T) {
	s := newScreen(t)
	n := newNewCase(s.env, nil)
	n.dlg.Show()
	n.class.SetSelected("障害")
	assert.False(t, n.originBox.Visible(), "a failure has no 通報 (第5条第2号 is a misconduct's)")
	n.class.SetSelected("不正行為")
	assert.True(t, n.originBox.Visible())
	assert.Equal(t, []string{"市で発見", "宮城県からの通報", "指定情報処理機関からの通報"}, n.origin.Options)
	assert.False(t, n.noticeRows.Visible())
	n.origin.SetSelected("指定情報処理機関からの通報")
	assert.True(t, n.noticeRows.Visible())
	test.Type(n.title, "CSからの大量照会（指定情報処理機関から通報）")
	test.Type(n.noticeFrom, "全国センター 監視担当 田中")
	test.Type(n.noticeText, "貴市CSから深夜に大量の照会")
	test.Tap(button(t, s.topDialog(), "作成"))

	got, err := s.reopen(t).CaseByNumber("2026-001")
	require.NoError(t, err)
	assert.Equal(t, data.OriginAgency, got.Origin)
	assert.Equal(t, "全国センター 監視担当 田中", got.NoticeFrom)
	assert.Equal(t, "貴市CSから深夜に大量の照会", got.NoticeText)
	assert.True(t, got.NoticeAt.Equal(got.DiscoveredAt), "the city learned of it by the 通報")
}

func TestIntakeRecordsThePrefecturesNotice(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "県からの通報", data.ClassMisconduct, data.StatusOpen, false, testNow)
	f := newIntakeForm(s.env, c.ID)
	s.win.SetContent(f.Content())
	require.NoError(t, f.Reload())
	t.Cleanup(func() { _ = f.Flush() })
	assert.True(t, f.originBox.Visible())
	assert.False(t, f.noticeBox.Visible())

	f.origin.SetSelected("宮城県からの通報")
	assert.True(t, f.noticeBox.Visible())
	test.Type(f.noticeFrom, "宮城県 市町村課 高橋")
	test.Type(f.noticeAt, "2026/11/27 13:55")
	test.Type(f.noticeText, "他団体の調査で、貴市の操作者IDによる照会が判明")
	require.NoError(t, f.Flush())

	got, err := s.reopen(t).Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.OriginPrefecture, got.Origin)
	assert.Equal(t, "宮城県 市町村課 高橋", got.NoticeFrom)
	assert.Equal(t, "2026/11/27 13:55", i18n.WesternDateTime(got.NoticeAt))
	assert.Equal(t, "他団体の調査で、貴市の操作者IDによる照会が判明", got.NoticeText)

	// A time that does not read is refused next to it; the rest is kept.
	f.noticeAt.SetText("")
	test.Type(f.noticeAt, "きのう")
	require.NoError(t, f.Flush())
	assert.NotEmpty(t, f.errs[inFieldNoticeAt].Text)
	got, err = s.reopen(t).Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026/11/27 13:55", i18n.WesternDateTime(got.NoticeAt))
}
