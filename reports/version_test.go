package reports_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/reports"
)

// pdfLayoutText is pdftotext's output as it is (layout kept, nothing
// removed): two prints are the same document when these are identical.
func pdfLayoutText(t *testing.T, b []byte) string {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-layout", writeTemp(t, b), "-").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return string(out)
}

// printVersion prints the 第no報 of a case from the case file, as `kinkyu
// report --version` and the case screen do.
func printVersion(t *testing.T, s data.Store, caseID int64, no int) ([]byte, string) {
	t.Helper()
	list, err := s.ReportVersions(caseID)
	require.NoError(t, err)
	v, ok := reports.FindVersion(list, "", no)
	require.True(t, ok, "第%d報 not recorded", no)
	b, err := reports.VersionDocument(v, reports.DocOptions{})
	require.NoError(t, err)
	return b, pdfLayoutText(t, b)
}

func TestRecordedReportPrintsTheSameEveryTime(t *testing.T) {
	s := newDocStore(t)
	id := createMisconductCase(t, s) // 第1報 reported at docAt(4)
	// Before the report: a note, the app's bookkeeping (a document written,
	// a step ticked) and a milestone whose text carries a 西暦 date.
	require.NoError(t, s.AddEntry(&data.Entry{CaseID: id, At: docAt(2), Kind: data.EntryDocument, Author: "山田 太郎",
		Text: "不正行為発生報告書を作成（下書き.pdf、SHA-256: 0123456789ab…）"}))
	require.NoError(t, s.AddEntry(&data.Entry{CaseID: id, At: docAt(2), Kind: data.EntryReport, Author: "山田 太郎",
		Text: "不正行為発生報告書を作成（旧版.pdf、SHA-256: ba9876543210…）"}))
	require.NoError(t, s.SetStep(data.StepProgress{CaseID: id, StepID: "5-2-a", Done: true, By: "山田 太郎", At: docAt(3)}, "第5条第2号ア 完了"))
	require.NoError(t, s.AddEntry(&data.Entry{CaseID: id, At: docAt(3), Kind: data.EntryMilestone, Author: "山田 太郎",
		Text: "アクセスログを保全（2026/11/27 14:07、山田 太郎）"}))

	// Recorded a minute after it was reported, as an officer would.
	realNow := data.Now
	data.Now = func() time.Time { return docAt(5) }
	v1, err := reports.RecordVersion(s, id, "", false)
	data.Now = realNow
	require.NoError(t, err)
	assert.Equal(t, "大住第1号", v1.Number)
	assert.Equal(t, 1, v1.No)
	assert.Equal(t, "山田 太郎（セキュリティ責任者）", v1.Addressee)

	first, text1 := printVersion(t, s, id, 1)
	flat1 := flat(text1)
	assert.Contains(t, flat1, "大住第1号")
	assert.Contains(t, flat1, "第1報")
	assert.Contains(t, flat1, "JK-2021-0457") // the device, as first reported
	// 経過: the officer's record up to 14:09, in 和暦.
	assert.Contains(t, flat1, flat("CS端末の操作ログに、業務時間外の連続照会を発見（約30件）"))
	assert.Contains(t, flat1, flat("アクセスログを保全（R8.11.27 14:07、山田 太郎）"))
	assert.Contains(t, flat1, "R8.11.2714:05")
	for _, gone := range []string{"SHA-256", "下書き.pdf", "旧版.pdf", "第5条第2号ア完了", "2026/11/27",
		"セキュリティ責任者からシステム管理者へ連絡", // 14:14, after the report
		"操作者カードの貸与記録から操作者を特定"} {
		assert.NotContains(t, flat1, flat(gone))
	}

	// The same again, even from a snapshot frozen a second time.
	_, again := printVersion(t, s, id, 1)
	assert.Equal(t, text1, again)
	list, err := s.ReportVersions(id)
	require.NoError(t, err)
	cd, err := reports.Thaw(list[0].Snapshot)
	require.NoError(t, err)
	refrozen, err := reports.Freeze(cd)
	require.NoError(t, err)
	assert.Equal(t, string(list[0].Snapshot), string(refrozen))

	// The case goes on: new items, later entries, a new title, then 第2報,
	// the 最終報, with a number typed from the 文書管理 system.
	r, err := s.MisconductReport(id)
	require.NoError(t, err)
	r.Device, r.ReportNo, r.ReportedAt, r.ReportedTo = "CS端末（本庁舎3階 市民課 2番）", 2, docAt(45), "宮城県知事"
	require.NoError(t, s.SaveMisconductReport(&r, "報告事項を更新"))
	require.NoError(t, s.AddEntry(&data.Entry{CaseID: id, At: docAt(40), Text: "操作者カードの貸与記録から操作者を特定", Author: "佐藤 花子"}))
	c, err := s.Case(id)
	require.NoError(t, err)
	c.Title = "CS端末への不審な操作（操作者特定）"
	require.NoError(t, s.UpdateCase(&c))
	v2, err := reports.RecordVersion(s, id, "大崎市住第4567号", true)
	require.NoError(t, err)
	assert.True(t, v2.Final)

	_, after := printVersion(t, s, id, 1)
	assert.Equal(t, text1, after, "第2報 and the edits left 第1報 as it was printed")
	second, text2 := printVersion(t, s, id, 2)
	flat2 := flat(text2)
	assert.Contains(t, flat2, "大崎市住第4567号")
	assert.Contains(t, flat2, "第2報")
	assert.Contains(t, flat2, flat("市民課 2番）"))
	assert.NotContains(t, flat2, "JK-2021-0457")
	assert.Contains(t, flat2, flat("操作者カードの貸与記録から操作者を特定"))
	assert.Contains(t, flat2, flat("（操作者特定）"))
	assert.Contains(t, flat2, flat("第1報を報告（報告先: 山田 太郎（セキュリティ責任者）、文"), "第1報 is on 第2報's 経過")
	assert.NotContains(t, flat2, flat("第2報（最終報）を報告"), "recorded after its own 報告日時")

	// A third report after the 最終報 is refused.
	r.ReportNo, r.ReportedAt = 3, docAt(90)
	require.NoError(t, s.SaveMisconductReport(&r, ""))
	_, err = reports.RecordVersion(s, id, "", false)
	assert.Equal(t, "afterfinal", data.AsError(err).Rule)
	n, err := s.IssueDocNumber(data.DocMisconductReport, id, "", docAt(90))
	require.NoError(t, err)
	assert.Equal(t, "大住第2号", n, "the refused report took no number")

	if dir := os.Getenv("KINKYU_KEEP_PDF"); dir != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "version1.pdf"), first, 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "version2.pdf"), second, 0o644))
	}
}

func TestRecordVersionNeedsTheReportEntered(t *testing.T) {
	s := newDocStore(t)
	c := &data.Case{Title: "判定中の事案", Class: data.ClassPending, DiscoveredAt: docT0}
	require.NoError(t, s.CreateCase(c))
	_, err := reports.RecordVersion(s, c.ID, "", false)
	assert.Equal(t, "undecided", data.AsError(err).Rule)

	id := createFailureCase(t, s)
	r, err := s.FailureReport(id)
	require.NoError(t, err)
	r.ReportedTo = ""
	require.NoError(t, s.SaveFailureReport(&r, ""))
	_, err = reports.RecordVersion(s, id, "", false)
	assert.Equal(t, "reported_to", data.AsError(err).Field)

	r.ReportedTo = "宮城県知事"
	require.NoError(t, s.SaveFailureReport(&r, ""))
	v, err := reports.RecordVersion(s, id, "", false)
	require.NoError(t, err)
	assert.Equal(t, data.DocFailureReport, v.Kind)
	assert.Equal(t, r.ReportNo, v.No)
	b, err := reports.VersionDocument(v, reports.DocOptions{})
	require.NoError(t, err)
	text := flat(pdfLayoutText(t, b))
	assert.Contains(t, text, "障害発生報告書")
	assert.Contains(t, text, "大住第1号")
	assert.NotContains(t, text, "関係機関へ連絡", "a step ticked after the report")
}
