package app

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data/sqlite"
)

// reportText is a report's text with what rightly differs between two case
// files blanked: the case number and the audit head in the footer, and the
// import's own timeline line.
func reportText(t *testing.T, path string, numbers ...string) string {
	t.Helper()
	s := strings.Join(strings.Fields(pdfText(t, path)), " ")
	for _, n := range numbers {
		s = strings.ReplaceAll(s, n, "NNNN-NNN")
	}
	s = regexp.MustCompile(`監査ログ(?:の先頭)?\s*#\d+\s*[0-9a-f]+(…[0-9a-f]+)?`).ReplaceAllString(s, "監査ログ")
	s = regexp.MustCompile(`[RH]\d+\.\d+\.\d+\s*\d+:\d+\s*取り込み：[^）]*）`).ReplaceAllString(s, "")
	return s
}

func TestExportThenImportGivesTheSameReports(t *testing.T) {
	src := demoFile(t)
	dir := t.TempDir()
	for _, number := range []string{"2026-005", "2026-003", "2026-002"} { // a misconduct, a failure, and a recorded 最終報
		out := filepath.Join(dir, number+".json")
		code, stdout, errOut := runCLI(t, "export", "--file", src, "--case", number, "--out", out)
		require.Equal(t, 0, code, errOut)
		assert.Contains(t, stdout, "書き出しました")
		code, versions, errOut := runCLI(t, "reports", "--file", src, "--case", number)
		require.Equal(t, 0, code, errOut)

		// Into a fresh file with no cases: the case gets the first number of its year.
		dst := filepath.Join(dir, "取り込み先-"+number+".kinkyu")
		fresh, err := sqlite.Create(dst)
		require.NoError(t, err)
		require.NoError(t, fresh.Close())
		// The contact network is the city's, not the case's: the 担当 block
		// of a report comes from it, so the new file gets the same one.
		csv := filepath.Join(dir, "連絡網-"+number+".csv")
		code, _, errOut = runCLI(t, "contacts", "--file", src, "--export", csv)
		require.Equal(t, 0, code, errOut)
		code, _, errOut = runCLI(t, "contacts", "--file", dst, "--import", csv, "--yes")
		require.Equal(t, 0, code, errOut)
		code, stdout, errOut = runCLI(t, "import", "--file", dst, out)
		require.Equal(t, 0, code, errOut)
		require.Contains(t, stdout, "2026-001")

		code, _, errOut = runCLI(t, "check", "--file", dst)
		require.Equal(t, 0, code, errOut)
		// The recorded reports came along, with their numbers.
		code, got, errOut := runCLI(t, "reports", "--file", dst, "--case", "2026-001")
		require.Equal(t, 0, code, errOut)
		assert.Equal(t, strings.ReplaceAll(versions, number, "2026-001"), got)

		a, b := filepath.Join(dir, "a-"+number+".pdf"), filepath.Join(dir, "b-"+number+".pdf")
		code, _, errOut = runCLI(t, "report", "--file", src, "--case", number, "--out", a)
		require.Equal(t, 0, code, errOut)
		code, _, errOut = runCLI(t, "report", "--file", dst, "--case", "2026-001", "--out", b)
		require.Equal(t, 0, code, errOut)
		want, got := reportText(t, a, number), reportText(t, b, "2026-001", number)
		if want != got {
			i := 0
			for i < len(want) && i < len(got) && want[i] == got[i] {
				i++
			}
			lo := max(0, i-200)
			t.Errorf("%s: the reports differ at byte %d:\n source:   …%s…\n imported: …%s…", number, i, want[lo:min(len(want), i+200)], got[lo:min(len(got), i+200)])
		}
	}
}

func TestImportRefusesAForeignFileAndExportKeepsAnExistingOne(t *testing.T) {
	src := demoFile(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "other.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"format":"thehive","version":1}`), 0o600))
	code, _, errOut := runCLI(t, "import", "--file", src, bad)
	assert.Equal(t, exitFail, code)
	assert.Contains(t, errOut, "事案の書き出しファイル")
	code, _, errOut = runCLI(t, "import", "--file", src, filepath.Join(dir, "none.json"))
	assert.Equal(t, exitFail, code, errOut)

	code, out, _ := runCLI(t, "cases", "--file", src)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "6件", "nothing was imported")

	keep := filepath.Join(dir, "keep.json")
	require.NoError(t, os.WriteFile(keep, []byte("大事なファイル"), 0o600))
	code, _, _ = runCLI(t, "export", "--file", src, "--case", "2026-005", "--out", keep)
	assert.Equal(t, exitFail, code)
	b, err := os.ReadFile(keep)
	require.NoError(t, err)
	assert.Equal(t, "大事なファイル", string(b))
}
