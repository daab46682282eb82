// Package xvfb starts a virtual X server for the tests and benchmarks that run
// the real window (the offline proof, the cold-start benchmark).
package xvfb

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Start runs Xvfb on a display it picks itself (-displayfd: no guessing, no
// race with another server) and returns the display (":N"). At the end of the
// test the server is stopped with SIGTERM, so that it removes its lock file and
// socket: killed outright, it leaves them behind and the display stays taken.
func Start(tb testing.TB) string {
	tb.Helper()
	_, err := exec.LookPath("Xvfb")
	require.NoError(tb, err, "Xvfb is needed: `make acceptance` installs it")
	r, w, err := os.Pipe()
	require.NoError(tb, err)
	defer r.Close()
	// -noreset: by default the server resets whenever its last client leaves,
	// and drops a client that connected meanwhile before answering it, so the
	// window's XOpenDisplay fails ("Failed to open display"; xorg/xserver
	// issue 1102). The tests' xwininfo polls come and go all the time: seen
	// twice in about 55 runs of TestOfflineWindow.
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-noreset", "-screen", "0", "1366x768x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w} // fd 3
	require.NoError(tb, cmd.Start())
	w.Close()
	tb.Cleanup(func() { stop(cmd) })

	number := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		number <- strings.TrimSpace(line)
	}()
	select {
	case n := <-number:
		require.NotEmpty(tb, n, "Xvfb did not say which display it took")
		return ":" + n
	case <-time.After(20 * time.Second):
		tb.Fatal("Xvfb did not start within 20 s")
		return ""
	}
}

func stop(cmd *exec.Cmd) {
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-done
	}
}
