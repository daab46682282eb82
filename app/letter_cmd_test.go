package app

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data/sqlite"
)

// TestReportCommandLetterChoices: --copy, --addressee and --number choose the
// copy, the 宛先 and the 文書番号 of the letter; the timeline says the number.
func TestReportCommandLetterChoices(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()

	approval := filepath.Join(dir, "a.pdf")
	code, stdout, errOut := runCLI(t, "report", "--file", path, "--case", "2026-005", "--out", approval,
		"--copy", "approval", "--addressee", "宮城県総務部市町村課長", "--number", "大崎市住第4567号")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, "文書番号: 大崎市住第4567号")
	text := pdfText(t, approval)
	assert.Contains(t, text, "大崎市住第4567号")
	assert.Contains(t, text, "宮城県総務部市町村課長様")
	assert.Contains(t, text, "決裁用")

	send := filepath.Join(dir, "s.pdf")
	code, stdout, errOut = runCLI(t, "report", "--file", path, "--case", "2026-005", "--out", send)
	require.Equal(t, 0, code, errOut)
	assert.NotContains(t, stdout, "文書番号", "no number: it is written by hand")
	text = pdfText(t, send)
	assert.NotContains(t, text, "決裁用", "the copy sent by default has no internal boxes")
	assert.Contains(t, text, "宮城県知事様")

	s, err := sqlite.OpenReadOnly(path)
	require.NoError(t, err)
	defer s.Close()
	k, err := s.CaseByNumber("2026-005")
	require.NoError(t, err)
	tl, err := s.Timeline(k.ID)
	require.NoError(t, err)
	var lines []string
	for _, e := range tl {
		lines = append(lines, e.Text)
	}
	assert.Contains(t, lines[len(lines)-2], "不正行為発生報告書（大崎市住第4567号）を作成（a.pdf")

	code, _, errOut = runCLI(t, "report", "--file", path, "--case", "2026-005", "--out", filepath.Join(dir, "x.pdf"), "--copy", "original")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--copy")
	assert.NoFileExists(t, filepath.Join(dir, "x.pdf"))
}

// TestContactsNoticeLetterChoices: the change notice, a letter too, takes the
// same choices; so does the contact sheet, a letter when sent to a 宛先.
func TestContactsNoticeLetterChoices(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "n.pdf")
	code, stdout, errOut := runCLI(t, "contacts", "--file", path, "--notice", "--out", out,
		"--addressee", "宮城県総務部市町村課長", "--number", "大住第9号")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, "文書番号: 大住第9号")
	text := pdfText(t, out)
	assert.Contains(t, text, "大住第9号")
	assert.Contains(t, text, "宮城県総務部市町村課長")

	sheet := filepath.Join(dir, "c.pdf")
	code, stdout, errOut = runCLI(t, "contacts", "--file", path, "--out", sheet, "--addressee", "宮城県知事", "--number", "大住第10号")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, "文書番号: 大住第10号")
	text = pdfText(t, sheet)
	assert.Contains(t, text, "大住第10号")
	assert.Contains(t, text, "宮城県知事様")

	own := filepath.Join(dir, "own.pdf")
	code, _, errOut = runCLI(t, "contacts", "--file", path, "--out", own)
	require.Equal(t, 0, code, errOut)
	assert.NotContains(t, pdfText(t, own), "知事様", "the city's own sheet has no 宛先")

	code, _, errOut = runCLI(t, "contacts", "--file", path, "--out", filepath.Join(dir, "x.pdf"), "--copy", "original")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--copy")
}

// TestReportCommandNextNumber: --number next takes the register's next
// number, printed and said; the next report gets the one after.
func TestReportCommandNextNumber(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	given := regexp.MustCompile(`文書番号: (\S+)`)
	var numbers []string
	for _, name := range []string{"n1.pdf", "n2.pdf"} {
		out := filepath.Join(dir, name)
		code, stdout, errOut := runCLI(t, "report", "--file", path, "--case", "2026-005", "--out", out, "--number", "next")
		require.Equal(t, 0, code, errOut)
		m := given.FindStringSubmatch(stdout)
		require.NotNil(t, m, stdout)
		assert.Contains(t, pdfText(t, out), m[1])
		numbers = append(numbers, m[1])
	}
	assert.NotEqual(t, numbers[0], numbers[1], "a number is never given twice")
}
