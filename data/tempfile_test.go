package data_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

func names(paths []string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, filepath.Base(p))
	}
	return out
}

// A temporary file is hidden, 0600 and locked while it is written; once its
// writer is gone, the next sweep removes it, and nothing else: not one being
// written, not a file of another name, a folder, a link, or a journal whose
// case file is still being built.
func TestSweepTempsRemovesOnlyAbandonedTempFiles(t *testing.T) {
	dir := t.TempDir()
	final := filepath.Join(dir, "事案.kinkyu")

	live, err := data.CreateTemp(final)
	require.NoError(t, err)
	defer live.Close()
	assert.True(t, strings.HasPrefix(filepath.Base(live.Name()), ".事案.kinkyu."), live.Name())
	assert.True(t, strings.HasSuffix(live.Name(), data.TempSuffix), live.Name())
	st, err := live.Stat()
	require.NoError(t, err)
	if runtime.GOOS != "windows" {
		assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	}
	require.NoError(t, os.WriteFile(live.Name()+"-journal", []byte("j"), 0o600))

	dead, err := data.CreateTemp(final)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(dead.Name()+"-journal", []byte("j"), 0o600))
	require.NoError(t, dead.Close()) // its writer was killed
	orphan := filepath.Join(dir, ".控え.kinkyu.42.kinkyu-tmp-journal")
	require.NoError(t, os.WriteFile(orphan, []byte("j"), 0o600))

	keep := map[string]string{
		"not hidden":          "事案.kinkyu.1.kinkyu-tmp",
		"not digits":          ".事案.kinkyu.x1.kinkyu-tmp",
		"another suffix":      ".事案.kinkyu.1.kinkyu-tmp.bak",
		"another program's":   ".notes.txt.123.tmp",
		"a case file":         "事案.kinkyu",
		"a fresh old-style":   ".事案.kinkyu.123.tmp",
		"another tmp pattern": ".事案.kinkyu.123.kinkyu-tmpx",
	}
	for _, n := range keep {
		require.NoError(t, os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600))
	}
	folder := filepath.Join(dir, ".d.1.kinkyu-tmp")
	require.NoError(t, os.Mkdir(folder, 0o700))
	target := filepath.Join(t.TempDir(), "target")
	require.NoError(t, os.WriteFile(target, []byte("x"), 0o600))
	link := filepath.Join(dir, ".l.1.kinkyu-tmp")
	if runtime.GOOS != "windows" { // links need a privilege there
		require.NoError(t, os.Symlink(target, link))
	}
	old := filepath.Join(dir, ".事案.kinkyu.v1-c3-20261206-aa.bak.77.tmp")
	require.NoError(t, os.WriteFile(old, []byte("x"), 0o600))
	long := time.Now().Add(-2 * time.Hour)
	require.NoError(t, os.Chtimes(old, long, long))

	var told []string
	data.OnTempsRemoved = func(r []string) { told = r }
	defer func() { data.OnTempsRemoved = nil }()
	removed := data.SweepTemps(dir)
	assert.ElementsMatch(t, []string{filepath.Base(dead.Name()), filepath.Base(dead.Name()) + "-journal",
		filepath.Base(orphan), filepath.Base(old)}, names(removed))
	assert.Equal(t, removed, told)
	for what, n := range keep {
		assert.FileExists(t, filepath.Join(dir, n), what)
	}
	assert.FileExists(t, live.Name(), "being written")
	assert.FileExists(t, live.Name()+"-journal", "its file is being built")
	assert.DirExists(t, folder)
	if runtime.GOOS != "windows" {
		_, err = os.Lstat(link)
		assert.NoError(t, err, "a link is not ours")
	}
	assert.FileExists(t, target)

	// The writer finishes (or is killed): its file goes at the next sweep.
	require.NoError(t, live.Close())
	assert.ElementsMatch(t, []string{filepath.Base(live.Name()), filepath.Base(live.Name()) + "-journal"}, names(data.SweepTemps(dir)))
	assert.Empty(t, data.SweepTemps(dir))
}

// A temporary file locked by another live process is never removed; once
// that process is gone it is.
func TestSweepTempsLeavesAFileAnotherProcessIsWriting(t *testing.T) {
	if runtime.GOOS == "windows" {
		// Windows has no flock(1); its locks are per handle, and
		// TestTempFileIsPublishedWhileLocked holds one from a second handle.
		t.Skip("flock(1) is a Unix tool")
	}
	// flock(1) comes with util-linux, which every Debian system has: missing
	// it is a broken machine, not a reason to pass.
	_, err := exec.LookPath("flock")
	require.NoError(t, err, "flock(1) (util-linux) is needed")
	dir := t.TempDir()
	tmp := filepath.Join(dir, ".控え.kinkyu.12345.kinkyu-tmp")
	require.NoError(t, os.WriteFile(tmp, []byte("partial"), 0o600))
	cmd := exec.Command("flock", "--exclusive", "--no-fork", tmp, "sh", "-c", "echo locked; exec sleep 30")
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	buf := make([]byte, 6)
	_, err = out.Read(buf)
	require.NoError(t, err)
	require.Equal(t, "locked", string(buf))
	assert.Empty(t, data.SweepTemps(dir))
	assert.FileExists(t, tmp)
	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait()
	// The lock goes with its process (flock, then sh, then sleep: one process).
	require.Eventually(t, func() bool { return len(data.SweepTemps(dir)) == 1 }, 5*time.Second, 50*time.Millisecond)
	assert.NoFileExists(t, tmp)
}

// The temporary file is moved to its final name while it is still open and
// locked (as the case file's publish and WriteFileAtomic do), also on
// Windows, where it is opened shared for deletion.
func TestTempFileIsPublishedWhileLocked(t *testing.T) {
	dir := t.TempDir()
	for _, how := range []string{"link", "rename"} {
		final := filepath.Join(dir, how+".kinkyu")
		tmp, err := data.CreateTemp(final)
		require.NoError(t, err)
		_, err = tmp.WriteString("whole")
		require.NoError(t, err)
		require.NoError(t, tmp.Sync())
		if how == "link" {
			require.NoError(t, os.Link(tmp.Name(), final))
			require.NoError(t, os.Remove(tmp.Name()))
		} else {
			require.NoError(t, os.Rename(tmp.Name(), final))
		}
		assert.Empty(t, data.SweepTemps(dir), "still locked")
		require.NoError(t, tmp.Close())
		b, err := os.ReadFile(final)
		require.NoError(t, err)
		assert.Equal(t, "whole", string(b))
	}
	assert.Empty(t, data.SweepTemps(dir))
	es, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, es, 2)
}
