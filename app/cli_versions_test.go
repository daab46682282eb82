package app

import (
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/reports"
)

// layoutText is pdftotext's whole output, layout kept: two prints are the
// same report when these are identical.
func layoutText(t *testing.T, path string) string {
	t.Helper()
	// make test installs poppler-utils: a missing pdftotext fails, never skips.
	_, err := exec.LookPath("pdftotext")
	require.NoError(t, err, "pdftotext (poppler-utils) is needed")
	out, err := exec.Command("pdftotext", "-layout", path, "-").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return string(out)
}

func TestReportsListAndPrintRecordedVersions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "事案.kinkyu")
	s, err := sqlite.Create(path)
	require.NoError(t, err)
	s.SetActor("佐藤（住基ネット担当者）")
	jst := time.FixedZone("JST", 9*3600)
	t0 := time.Date(2026, 10, 28, 10, 40, 0, 0, jst)
	c := &data.Case{Title: "CS端末への不審な操作", Class: data.ClassMisconduct, DiscoveredAt: t0}
	require.NoError(t, s.CreateCase(c))
	require.NoError(t, s.AddEntry(&data.Entry{CaseID: c.ID, At: t0, Text: "操作ログに不審な連続照会を発見", Author: "佐藤（住基ネット担当者）"}))
	r := data.MisconductReport{CaseID: c.ID, Device: "CS端末 1番", Reporter: "佐藤", ReportedTo: "宮城県知事", ReportedAt: t0.Add(35 * time.Minute), ReportNo: 1}
	require.NoError(t, s.SaveMisconductReport(&r, ""))
	_, err = reports.RecordVersion(s, c.ID, "", false)
	require.NoError(t, err)
	require.NoError(t, s.Close())

	code, out, errOut := runCLI(t, "reports", "--file", path, "--case", c.Number)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "大住第1号")
	assert.Contains(t, out, "宮城県知事")
	assert.Contains(t, out, "1件の報告")

	first := filepath.Join(dir, "第1報.pdf")
	code, out, errOut = runCLI(t, "report", "--file", path, "--case", c.Number, "--version", "1", "--out", first)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "第1報（文書番号: 大住第1号")
	text1 := layoutText(t, first)
	assert.Contains(t, text1, "大住第1号")
	assert.Contains(t, text1, "CS端末 1番")

	// Without --version, the number on the report items (第1報) is recorded:
	// that report is printed, as it was.
	again := filepath.Join(dir, "again.pdf")
	code, _, errOut = runCLI(t, "report", "--file", path, "--case", c.Number, "--out", again)
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, text1, layoutText(t, again))

	// The case changes and 第2報 (最終報) is recorded: 第1報 prints the same.
	s, err = sqlite.Open(path)
	require.NoError(t, err)
	require.NoError(t, s.AddEntry(&data.Entry{CaseID: c.ID, At: t0.Add(2 * time.Hour), Text: "操作者を特定", Author: "佐藤（住基ネット担当者）"}))
	r.Device, r.ReportNo, r.ReportedAt = "CS端末 2番", 2, t0.Add(3*time.Hour)
	require.NoError(t, s.SaveMisconductReport(&r, ""))
	// The draft of 第2報, before it is recorded, says it is one.
	require.NoError(t, s.Close())
	draft := filepath.Join(dir, "draft.pdf")
	code, out, errOut = runCLI(t, "report", "--file", path, "--case", c.Number, "--out", draft)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "第2報はまだ記録されていない")
	assert.Contains(t, layoutText(t, draft), "CS端末 2番")

	s, err = sqlite.Open(path)
	require.NoError(t, err)
	_, err = reports.RecordVersion(s, c.ID, "大崎市住第77号", true)
	require.NoError(t, err)
	require.NoError(t, s.Close())

	after := filepath.Join(dir, "第1報その後.pdf")
	code, _, errOut = runCLI(t, "report", "--file", path, "--case", c.Number, "--version", "1", "--out", after)
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, text1, layoutText(t, after), "第1報 is printed as it was recorded")
	second := filepath.Join(dir, "第2報.pdf")
	code, _, errOut = runCLI(t, "report", "--file", path, "--case", c.Number, "--version", "2", "--out", second)
	require.Equal(t, 0, code, errOut)
	text2 := layoutText(t, second)
	assert.Contains(t, text2, "大崎市住第77号")
	assert.Contains(t, text2, "CS端末 2番")

	code, out, _ = runCLI(t, "reports", "--file", path, "--case", c.Number)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "最終報")
	assert.Contains(t, out, "2件の報告")

	code, _, errOut = runCLI(t, "report", "--file", path, "--case", c.Number, "--version", "3", "--out", filepath.Join(dir, "x.pdf"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "第3報は記録されていません")
	assert.NoFileExists(t, filepath.Join(dir, "x.pdf"))
}
