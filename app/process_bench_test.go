package app

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/internal/xvfb"
	"github.com/osaki-city/kinkyu/reports"
)

// BenchmarkReportProcess times what an officer or a script waits for: a whole
// `kinkyu report` process that opens the case file, writes the signed
// 不正行為発生報告書 and records it. The binary is built once, outside the timer.
func BenchmarkReportProcess(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "kinkyu")
	build := exec.Command("go", "build", "-tags", BuildTags(), "-o", bin, "..")
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

// BenchmarkGUIColdStart times the window's start as the officer sees it: a new
// `kinkyu --file F` process on a virtual X server (Xvfb) until its window is
// on the screen (polled every 5 ms with xwininfo), and reports the peak memory
// of the process (VmHWM) two seconds after start. Targets: ≤ 1.0 s, ≤ 200 MB.
func BenchmarkGUIColdStart(b *testing.B) {
	for _, tool := range []string{"Xvfb", "xwininfo"} {
		_, err := exec.LookPath(tool)
		require.NoError(b, err, "%s is needed: make acceptance installs it", tool)
	}
	dir := b.TempDir()
	bin := filepath.Join(dir, "kinkyu")
	if out, err := exec.Command("go", "build", "-tags", BuildTags(), "-o", bin, "..").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	file := filepath.Join(dir, "demo.kinkyu")
	require.NoError(b, WriteDemo(file))
	display := xvfb.Start(b)
	home := filepath.Join(dir, "home")
	var peak float64
	var starts []time.Duration
	for b.Loop() {
		cmd := exec.Command(bin, "--file", file)
		cmd.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"))
		start := time.Now()
		require.NoError(b, cmd.Start())
		for {
			out, _ := exec.Command("xwininfo", "-display", display, "-root", "-tree").Output()
			if strings.Contains(string(out), "住基ネット緊急時対応デスク") {
				break
			}
			if time.Since(start) > 30*time.Second {
				cmd.Process.Kill()
				b.Fatal("the window did not appear")
			}
			time.Sleep(5 * time.Millisecond)
		}
		starts = append(starts, time.Since(start))
		b.StopTimer()
		time.Sleep(2 * time.Second)
		if mb := peakMB(cmd.Process.Pid); mb > peak {
			peak = mb
		}
		cmd.Process.Kill()
		cmd.Wait()
		b.StartTimer()
	}
	slices.Sort(starts)
	b.ReportMetric(float64(starts[len(starts)/2].Milliseconds()), "ms-median-start")
	b.ReportMetric(peak, "MB-peak")
}

// peakMB is the peak resident memory of a process (VmHWM), in MB.
func peakMB(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			var kb float64
			fmt.Sscan(f[1], &kb)
			return kb / 1024
		}
	}
	return 0
}
