package app

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/reports"
)

// BenchmarkReportProcess times what an officer or a script waits for: a whole
// `kinkyu report` process that opens the case file, writes the signed
// 不正行為発生報告書 and records it. The binary is built once, outside the timer.
func BenchmarkReportProcess(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "kinkyu")
	build := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, "..")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	file := filepath.Join(dir, "demo.kinkyu")
	require.NoError(b, WriteDemo(file))
	// The demo numbers cases by the year they were discovered: look it up.
	s, err := sqlite.Open(file)
	require.NoError(b, err)
	open, err := s.Cases(data.CaseFilter{Class: data.ClassMisconduct, Status: data.StatusOpen, Limit: 1})
	require.NoError(b, err)
	require.NoError(b, s.Close())
	require.Len(b, open, 1)
	number := open[0].Number
	p12, err := reports.GenerateIdentity("大崎 太郎", "市民課", "大崎市", "pass", time.Now())
	require.NoError(b, err)
	p12Path := filepath.Join(dir, "id.p12")
	require.NoError(b, os.WriteFile(p12Path, p12, 0o600))

	n := 0
	for b.Loop() {
		n++
		out := filepath.Join(dir, fmt.Sprintf("r%d.pdf", n))
		cmd := exec.Command(bin, "report", "--file", file, "--case", number, "--out", out, "--p12", p12Path, "--pass-env", "KINKYU_BENCH_PASS")
		cmd.Env = append(os.Environ(), "KINKYU_BENCH_PASS=pass")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("report: %v\n%s", err, out)
		}
	}
}
