//go:build !windows

package app

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runCLIWithin runs the command line and fails the test when it hangs (as it
// did on a FIFO given as --file).
func runCLIWithin(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code        int
		out, errOut string
	}
	done := make(chan result, 1)
	go func() {
		var r result
		r.code, r.out, r.errOut = runCLI(t, args...)
		done <- r
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.errOut
	case <-time.After(20 * time.Second):
		t.Fatalf("kinkyu %v hangs", args)
		return 0, "", ""
	}
}

// Every file the user names is refused, with its own message and exit code
// 1, when it is a FIFO, a device or a folder: before it is opened (a FIFO
// used to hang every command; /dev/zero ran out of memory).
func TestInputsThatAreNotFilesAreRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	file := demoFile(t)
	t.Setenv("KINKYU_TEST_PASS", "pass")
	for _, bad := range []string{fifo, "/dev/zero", dir} {
		tests := []struct {
			name string
			args []string
			want string
		}{
			{"--file", []string{"cases", "--file", bad}, "ケースファイルとして指定したものは通常のファイルではありません"},
			{"backup --file", []string{"backup", "--file", bad, "--out", filepath.Join(t.TempDir(), "b.kinkyu")}, "ケースファイルとして指定したものは通常のファイルではありません"},
			{"--p12", []string{"report", "--file", file, "--case", "2026-001", "--out", filepath.Join(t.TempDir(), "r.pdf"), "--p12", bad, "--pass-env", "KINKYU_TEST_PASS"}, "証明書ファイルとして指定したものは通常のファイルではありません"},
			{"verify-pdf", []string{"verify-pdf", bad}, "PDFファイルとして指定したものは通常のファイルではありません"},
			{"import", []string{"import", "--file", file, bad}, "書き出しファイルとして指定したものは通常のファイルではありません"},
		}
		for _, tc := range tests {
			t.Run(filepath.Base(bad)+" "+tc.name, func(t *testing.T) {
				code, _, errOut := runCLIWithin(t, tc.args...)
				assert.Equal(t, 1, code, errOut)
				assert.Contains(t, errOut, tc.want)
				assert.NotContains(t, errOut, "goroutine")
			})
		}
	}
}

// sparse makes a file of size bytes without writing them.
func sparse(t *testing.T, name string, size int64, head []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	f, err := os.Create(p)
	require.NoError(t, err)
	_, err = f.Write(head)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(size))
	require.NoError(t, f.Close())
	return p
}

// What is read whole into memory is capped: a huge file is refused with a
// message, not read.
func TestInputsTooLargeAreRefused(t *testing.T) {
	file := demoFile(t)
	t.Setenv("KINKYU_TEST_PASS", "pass")
	p12 := sparse(t, "大きい.p12", 64<<20, []byte{0x30, 0x82})
	pdf := sparse(t, "大きい.pdf", 1<<30, []byte("%PDF-1.4\n"))
	export := sparse(t, "大きい.json", 1<<30, []byte("{"))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"--p12", []string{"report", "--file", file, "--case", "2026-001", "--out", filepath.Join(t.TempDir(), "r.pdf"), "--p12", p12, "--pass-env", "KINKYU_TEST_PASS"}, "証明書ファイルが大きすぎるため読み込みません"},
		{"verify-pdf", []string{"verify-pdf", pdf}, "PDFファイルが大きすぎるため読み込みません"},
		{"import", []string{"import", "--file", file, export}, "書き出しファイルが大きすぎるため読み込みません"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLIWithin(t, tc.args...)
			assert.Equal(t, 1, code, errOut)
			assert.Contains(t, errOut, tc.want)
		})
	}
}

// PDFs, CSV exports, backups and certificate files are the officer's alone
// from their first byte, whatever the umask.
func TestWrittenFilesAreTheOfficersAlone(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	file := demoFile(t)
	dir := t.TempDir()
	t.Setenv("KINKYU_TEST_PASS", "正しいパスフレーズ")
	p12 := p12File(t, "大崎 太郎", "正しいパスフレーズ")
	pdf := filepath.Join(dir, "報告書.pdf")
	code, _, errOut := runCLI(t, "report", "--file", file, "--case", "2026-001", "--out", pdf, "--p12", p12, "--pass-env", "KINKYU_TEST_PASS")
	require.Equal(t, 0, code, errOut)
	csv := filepath.Join(dir, "連絡先.csv")
	code, _, errOut = runCLI(t, "contacts", "--file", file, "--export", csv)
	require.Equal(t, 0, code, errOut)
	bak := filepath.Join(dir, "控え.kinkyu")
	code, _, errOut = runCLI(t, "backup", "--file", file, "--out", bak)
	require.Equal(t, 0, code, errOut)
	demo := filepath.Join(dir, "デモ.kinkyu")
	code, _, errOut = runCLI(t, "demo", "--file", demo)
	require.Equal(t, 0, code, errOut)
	for _, p := range []string{pdf, csv, bak, demo, file} {
		st, err := os.Stat(p)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), p)
	}
}
