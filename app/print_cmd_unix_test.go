//go:build !windows

package app

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeLp puts an lp that answers as CUPS's does into a PATH of its own (an
// empty script: no lp at all).
func fakeLp(t *testing.T, script string) (log string) {
	t.Helper()
	bin := t.TempDir()
	log = filepath.Join(bin, "lp.log")
	if script != "" {
		require.NoError(t, os.WriteFile(filepath.Join(bin, "lp"), []byte("#!/bin/sh\necho \"$@\" > "+log+"\n"+script), 0o755))
	}
	t.Setenv("PATH", bin)
	return log
}

// kinkyu print on Linux and macOS goes through lp and waits for its answer:
// a printer that is not there is said in words, with where the PDF is, and
// the exit code is 1; never silence.
func TestPrintCommandThroughLp(t *testing.T) {
	pdf := filepath.Join(t.TempDir(), "報告書 第1報.pdf")
	require.NoError(t, os.WriteFile(pdf, signedPDF(t, "大崎 花子"), 0o600))

	// What lp of CUPS says with no printer set up.
	log := fakeLp(t, "echo 'lp: Error - No default destination.' >&2\nexit 1\n")
	code, out, errOut := runCLI(t, "print", pdf)
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "印刷できませんでした。プリンターが設定されていないか")
	assert.Contains(t, errOut, "PDFは保存済みです: "+pdf)
	assert.Contains(t, errOut, "No default destination", "lp's own words on the detail line")
	b, err := os.ReadFile(log)
	require.NoError(t, err)
	assert.Equal(t, "-- "+pdf+"\n", string(b), "lp was given the PDF")

	// No lp at all (no CUPS).
	fakeLp(t, "")
	code, _, errOut = runCLI(t, "print", pdf)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "印刷のコマンド（CUPS の lp）がありません")
	assert.Contains(t, errOut, pdf)

	// A printer: lp queues it.
	fakeLp(t, "echo 'request id is office-1 (1 file(s))'\n")
	code, out, errOut = runCLI(t, "print", pdf)
	assert.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "印刷を指示しました: "+pdf)

	// The command line.
	code, _, errOut = runCLI(t, "print")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "印刷するPDFファイルを1つ指定してください")
	code, _, errOut = runCLI(t, "print", filepath.Join(t.TempDir(), "ない.pdf"))
	assert.Equal(t, 1, code, errOut)
}
