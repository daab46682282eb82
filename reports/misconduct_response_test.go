package reports_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/reports"
)

// addMisconductResponse records on a misconduct case what 第5条第2号〜第5号,
// 第8号 and 第9号 ask: the 通報 it came from, an estimate and a 判定 on the
// 事象 alone by both officers, the 支障, the 事情聴取, the 廃棄, the request
// via the prefecture, the resumption and a meeting's 事後対策 with its task.
func addMisconductResponse(tb testing.TB, s data.Store, id int64) {
	tb.Helper()
	c, err := s.Case(id)
	require.NoError(tb, err)
	c.Origin, c.NoticeFrom, c.NoticeAt = data.OriginAgency, "地方公共団体情報システム機構 全国センター 田中 誠", docAt(-20)
	c.NoticeText = "貴市CSから業務時間外に本人確認情報の連続照会が続いているとの通報"
	require.NoError(tb, s.UpdateCase(&c))
	require.NoError(tb, s.AssessThreat(&data.ThreatAssessment{CaseID: id, Examples: []string{"L3-E2"}, Stage: data.StageProvisional,
		At: docAt(35), By: "山田 太郎"}, "レベル3に該当する可能性が高い"))
	require.NoError(tb, s.AssessThreat(&data.ThreatAssessment{CaseID: id, Basis: data.BasisEvent, Level: 3,
		EventText: "照会結果を印刷して庁外へ持ち出した（表の事例にない事象）", Stage: data.StageFormal,
		Officer: "山田 太郎", Admin: "高橋 健", By: "山田 太郎", At: docAt(120), Reason: "事情聴取で持出しが判明したため"}, "判定"))
	require.NoError(tb, s.SaveMisconductResponse(&data.MisconductResponse{CaseID: id,
		Impact: data.ImpactYes, ImpactText: "本人確認情報約300件が目的外に照会され、一部が印刷された", ChiefReportedAt: docAt(40),
		HearingWith: "市民課 職員A", HearingBy: "山田 太郎（セキュリティ責任者）", HearingAt: docAt(90),
		HearingResult: "私的な興味から照会し、3件を印刷して持ち帰ったと認めた", Disposal: data.Yes,
		DisposalText: "持ち帰った印刷物3枚を回収し、立会いの下でシュレッダーにより廃棄", DisposalAt: docAt(110),
		Agency: "○○税務署", RequestText: "報告の聴取及び調査の実施、講じた措置の報告", RequestedAt: docAt(130),
		AgencyReport: "職員への指導と照会権限の見直しを行った", AgencyReportAt: docAt(3000)}, "事情聴取を記録"))
	require.NoError(tb, s.SetStep(data.StepProgress{CaseID: id, StepID: "5-4-a", Done: true, By: "山田 太郎", At: docAt(45),
		Note: "宮城県市町村課及び高橋システム管理者に操作者カードの停止への協力を要請"}, ""))
	for _, m := range []data.Milestone{
		{CaseID: id, Kind: data.MilestoneReregistration, Done: true, At: docAt(200), By: "高橋 健", Note: "操作者カードを再発行し照合IDを再登録"},
	} {
		require.NoError(tb, s.SetMilestone(m, ""))
	}
	require.NoError(tb, s.SetStep(data.StepProgress{CaseID: id, StepID: "5-8-c", Done: true, By: "山田 太郎", At: docAt(240),
		Note: "宮城県及び指定情報処理機関に運用再開を連絡"}, ""))
	m := &data.Meeting{CaseID: id, Place: "第1会議室", Date: docAt(150), Chair: "鈴木 一郎（セキュリティ統括責任者）", Recorder: "佐藤 花子"}
	require.NoError(tb, s.CreateMeeting(m, ""))
	for _, it := range m.Items {
		switch it.Key {
		case data.ItemKeyReview:
			it.Decision, it.Owner, it.Due, it.Status = "操作者カードの貸与管理を見直す", "高橋 健", docAt(60*24*7), data.ItemDecided
			require.NoError(tb, s.SaveAgendaItem(&it, ""))
		case "notify":
			it.Decision, it.Owner, it.Status = "宮城県に第2報を連絡する", "佐藤 花子", data.ItemDecided
			require.NoError(tb, s.SaveAgendaItem(&it, ""))
		}
	}
}

func TestMisconductReportPrintsTheResponse(t *testing.T) {
	s := newDocStore(t)
	id := createMisconductCase(t, s)
	addMisconductResponse(t, s, id)
	tasks, err := s.Tasks(id)
	require.NoError(t, err)
	require.Len(t, tasks, 2)
	for _, task := range tasks {
		if task.Text == "操作者カードの貸与管理を見直す" {
			require.NoError(t, s.SetTaskDone(task.ID, true, ""))
		}
	}
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	b := sameTwice(t, s, id, reports.MisconductReport, reports.DocOptions{})
	all, values, labels := checkDocument(t, b, cd)

	for _, want := range []string{
		"発見・通報の別（第5条第1号・第2号）",
		"データ保護等への支障（第5条第3号）",
		"ア必要な協力を要請（第5条第4号ア）",
		"イ関係者からの事情聴取（第5条第4号イ）",
		"イ保有情報の廃棄等の措置（第5条第4号イ）",
		"ウ宮城県を経由した要請（第5条第4号ウ）",
		"アクセス権限の設定変更、照合情報及び照合IDの再登録（第5条第8号イ）",
		"関係機関への運用再開の連絡（第5条第8号ウ）",
		"事後対策1",
	} {
		assert.Contains(t, labels, flat(want))
	}
	assert.NotContains(t, values, flat("宮城県に第2報"), "a follow-up of another item is no 事後対策")
	for _, want := range []string{"2緊急措置（第5条第4号）", "3復旧・運用再開（第5条第8号）", "4事後対策（第5条第9号）", "5経過"} {
		assert.Contains(t, all, flat(want))
	}
	for _, want := range []string{
		"☐住基ネット担当者が発見☐宮城県からの通報☑指定情報処理機関からの通報",
		"通報者:地方公共団体情報システム機構全国センター田中誠",
		"通報日時:令和8年11月27日13時45分",
		"通報の内容:貴市CSから業務時間外に本人確認情報の連続照会が続いているとの通報",
		"該当する事例:なし（事象の欄により判定）",
		"事象:照会結果を印刷して庁外へ持ち出した（表の事例にない事象）",
		"判定:令和8年11月27日16時05分セキュリティ責任者山田太郎・システム管理者高橋健",
		"令和8年11月27日14時40分レベル3に該当する可能性が高い（第5条第4号イ）山田太郎",
		"レベル2→レベル3山田太郎", // the revision of the 判定 (the estimate is no revision)
		"理由:事情聴取で持出しが判明したため",
		"☐支障なし☐支障が生じるおそれ☑支障が生じた状況:本人確認情報約300件が目的外に照会され、一部が印刷された",
		"セキュリティ統括責任者への報告:令和8年11月27日14時45分",
		"☑済☐未了日時:令和8年11月27日14時50分担当:山田太郎宮城県市町村課及び高橋システム管理者に操作者カードの停止への協力を要請",
		"相手:市民課職員A聴取者:山田太郎（セキュリティ責任者）日時:令和8年11月27日15時35分結果:私的な興味から照会し、3件を印刷して持ち帰ったと認めた",
		"☑講じた☐講じていない内容:持ち帰った印刷物3枚を回収し、立会いの下でシュレッダーにより廃棄",
		"行政機関等:○○税務署要請した措置:報告の聴取及び調査の実施、講じた措置の報告要請日時:令和8年11月27日16時15分",
		"講じた措置の報告:職員への指導と照会権限の見直しを行った",
		"操作者カードを再発行し照合IDを再登録",
		"宮城県及び指定情報処理機関に運用再開を連絡",
		"☑実施済☐未実施操作者カードの貸与管理を見直す第1回セキュリティ会議で決定（",
		"担当:高橋健期限:令和8年12月4日14時05分実施日時:",
	} {
		assert.Contains(t, values, flat(want))
	}
}

func TestMisconductReportWithNothingOfTheResponseYet(t *testing.T) {
	s := newDocStore(t)
	id := createMisconductCase(t, s)
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	b, err := reports.MisconductReport(cd, reports.DocOptions{})
	require.NoError(t, err)
	_, values, _ := checkDocument(t, b, cd)
	assert.Contains(t, values, flat("☐住基ネット担当者が発見☐宮城県からの通報☐指定情報処理機関からの通報"))
	assert.NotContains(t, values, "通報者:", "no 通報 recorded, none printed")
	assert.Contains(t, values, flat("☐支障なし☐支障が生じるおそれ☐支障が生じた"))
	assert.Contains(t, values, flat("（セキュリティ会議で決定された事後対策なし）"))
	assert.Contains(t, values, flat("判定:令和8年11月27日14時35分山田太郎"), "a determination from before the 判定 had two officers")
}

func TestAMisconductReportRecordedBeforeTheResponseSectionsPrintsAsItWas(t *testing.T) {
	s := newDocStore(t)
	id := createMisconductCase(t, s)
	addMisconductResponse(t, s, id)
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	// A snapshot of before: no layout (nor response) in its JSON.
	old := cd
	old.MisconductLayout, old.Response = 0, data.MisconductResponse{}
	b, err := reports.Freeze(old)
	require.NoError(t, err)
	thawed, err := reports.Thaw(b)
	require.NoError(t, err)
	pdf, err := reports.MisconductReport(thawed, reports.DocOptions{})
	require.NoError(t, err)
	all, _, _ := checkDocument(t, pdf, thawed)
	assert.Contains(t, all, flat("2経過"))
	for _, gone := range []string{"緊急措置（第5条第4号）", "事後対策（第5条第9号）", "発見・通報の別", "データ保護等への支障"} {
		assert.NotContains(t, all, flat(gone))
	}

	// Frozen now, it keeps the sections.
	b, err = reports.Freeze(cd)
	require.NoError(t, err)
	thawed, err = reports.Thaw(b)
	require.NoError(t, err)
	pdf, err = reports.MisconductReport(thawed, reports.DocOptions{})
	require.NoError(t, err)
	all, _, _ = checkDocument(t, pdf, thawed)
	assert.Contains(t, all, flat("2緊急措置（第5条第4号）"))
	assert.Contains(t, all, flat("5経過"))
}
