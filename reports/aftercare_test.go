package reports_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/reports"
)

// addAftercare records on the failure case of createFailureCase a repair
// request, two notifications and three prevention measures.
func addAftercare(t *testing.T, s data.Store, id int64) {
	t.Helper()
	require.NoError(t, s.SaveRepairRequest(&data.RepairRequest{CaseID: id, To: "保守委託事業者（訓練システム株式会社）",
		RequestedAt: docAt(42), Content: "CSの再起動及び無停電電源装置の点検", CompletedAt: docAt(68), By: "高橋 一郎（システム管理者）"}, "修復等を依頼"))
	require.NoError(t, s.SaveNotification(&data.Notification{CaseID: id, StepID: "4-9", Body: data.BodyPrefecture, Name: "宮城県 市町村課",
		Person: "鈴木 主査", At: docAt(80), By: "山田 太郎", Method: data.NotifyPhone, Note: "15時15分に運用を再開したこと"}, ""))
	require.NoError(t, s.SaveNotification(&data.Notification{CaseID: id, StepID: "4-9", Body: data.BodyAgency,
		At: docAt(85), By: "山田 太郎", Method: data.NotifyFax}, ""))
	require.NoError(t, s.SavePreventionMeasure(&data.PreventionMeasure{CaseID: id, Measure: "定期点検実施時期の見直し",
		Text: "分電盤の点検を年2回にする", Owner: "高橋 一郎", Due: docAt(60 * 24 * 30)}, ""))
	require.NoError(t, s.SavePreventionMeasure(&data.PreventionMeasure{CaseID: id, Measure: "予備装置の確保", Owner: "情報政策課"}, ""))
	require.NoError(t, s.SavePreventionMeasure(&data.PreventionMeasure{CaseID: id, Text: "UPSの容量を見直す", Owner: "情報政策課", Due: docAt(60 * 24 * 60)}, ""))
}

func TestFailureReportPrintsRepairNotificationsAndPrevention(t *testing.T) {
	s := newDocStore(t)
	id := createFailureCase(t, s)
	addAftercare(t, s, id)
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	b := sameTwice(t, s, id, reports.FailureReport, reports.DocOptions{})
	_, values, labels := checkDocument(t, b, cd)

	// 第4条第7号
	assert.Contains(t, labels, flat("修復等の依頼（第4条第7号）"))
	for _, want := range []string{
		"依頼先:保守委託事業者（訓練システム株式会社）",
		"依頼日時:令和8年11月27日14時47分",
		"内容:CSの再起動及び無停電電源装置の点検",
		"完了日時:令和8年11月27日15時13分",
		"依頼者:高橋一郎（システム管理者）",
	} {
		assert.Contains(t, values, flat(want))
	}
	// 第4条第9号: each body told, how, when, by whom.
	assert.Contains(t, values, flat("宮城県 市町村課（鈴木 主査）電話　令和8年11月27日15時25分　連絡者: 山田 太郎"))
	assert.Contains(t, values, flat("内容: 15時15分に運用を再開したこと指定情報処理機関FAX　令和8年11月27日15時30分　連絡者: 山田 太郎"))
	assert.NotContains(t, values, "連絡の記録がない関係機関")
	// 第4条第10号: ticked with details, owner and due date; the free entry after.
	assert.Contains(t, values, flat("☐障害監視の強化☐技術情報の収集"))
	assert.Contains(t, values, flat("☑定期点検実施時期の見直し☐オーバーホールの実施☑予備装置の確保☐教育・研修等"))
	assert.Contains(t, values, flat("定期点検実施時期の見直し: 分電盤の点検を年2回にする（担当: 高橋 一郎、期限: 令和8年12月27日）"))
	assert.Contains(t, values, flat("予備装置の確保（担当: 情報政策課）"))
	assert.Contains(t, labels, "その他の対策")
	assert.Contains(t, values, flat("UPSの容量を見直す（担当: 情報政策課、期限: 令和9年1月26日）"))
	assert.NotContains(t, values, flat("実施するものに印を付ける"))
}

func TestFailureReportSaysWhichBodyWasNotTold(t *testing.T) {
	s := newDocStore(t)
	id := createFailureCase(t, s)
	require.NoError(t, s.SaveNotification(&data.Notification{CaseID: id, StepID: "4-9", Body: data.BodyPrefecture,
		At: docAt(80), By: "山田 太郎", Method: data.NotifyMail}, ""))
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	b, err := reports.FailureReport(cd, reports.DocOptions{})
	require.NoError(t, err)
	_, values, _ := checkDocument(t, b, cd)
	assert.Contains(t, values, flat("宮城県電子メール"))
	assert.Contains(t, values, flat("連絡の記録がない関係機関: 指定情報処理機関"))
	assert.Contains(t, values, flat("依頼なし（記録なし）"))
}

func TestFrozenReportKeepsTheRecordsItWasMadeWith(t *testing.T) {
	s := newDocStore(t)
	id := createFailureCase(t, s)
	addAftercare(t, s, id)
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	frozen, err := reports.Freeze(cd)
	require.NoError(t, err)
	// Later changes do not reach the frozen report.
	require.NoError(t, s.SaveRepairRequest(&data.RepairRequest{CaseID: id, To: "別の業者"}, ""))
	back, err := reports.Thaw(frozen)
	require.NoError(t, err)
	assert.Equal(t, "保守委託事業者（訓練システム株式会社）", back.Repair.To)
	require.Len(t, back.Notifications, 2)
	require.Len(t, back.Prevention, 3)
	a, err := reports.FailureReport(cd, reports.DocOptions{})
	require.NoError(t, err)
	b, err := reports.FailureReport(back, reports.DocOptions{})
	require.NoError(t, err)
	assert.Equal(t, pdfText(t, writeTemp(t, a), 0, 0), pdfText(t, writeTemp(t, b), 0, 0))
}

func TestMisconductReportPrintsPreservedLogs(t *testing.T) {
	s := newDocStore(t)
	id := createMisconductCase(t, s)
	require.NoError(t, s.SavePreservedLog(&data.PreservedLog{CaseID: id, Log: "CSのアクセスログ（11月26日〜27日）",
		Place: "DVD-R 2枚、電算室の金庫", By: "高橋 一郎（システム管理者）", At: docAt(50), Note: "SHA-256を記録"}, ""))
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	b, err := reports.MisconductReport(cd, reports.DocOptions{})
	require.NoError(t, err)
	all, values, _ := checkDocument(t, b, cd)
	_, _, labels := checkDocument(t, b, cd)
	assert.Contains(t, labels, flat("保全したアクセスログ（第5条第7号）"))
	assert.Contains(t, all, "3復旧・運用再開（第5条第8号）保全したアクセスログ", "first in the recovery section")
	for _, want := range []string{"・CSのアクセスログ（11月26日〜27日）", "保管場所: DVD-R 2枚、電算室の金庫",
		"保全した者: 高橋 一郎（システム管理者）", "保全日時: 令和8年11月27日14時55分", "備考: SHA-256を記録"} {
		assert.Contains(t, values, flat(want))
	}
}
