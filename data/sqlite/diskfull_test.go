//go:build linux

package sqlite_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

const fullChildEnv = "KINKYU_FULL_CHILD"

func init() { platformChildren[fullChildEnv] = diskFullChild }

// The disk fills up under the writer: a child process runs with a file size
// limit (RLIMIT_FSIZE, the kernel then refuses writes past it as it would on
// a full disk, without needing a small mount), writes edits until a write is
// refused, and reports each edit once committed and then the error's code.
// The case file must then open, verify, and hold every reported edit and
// nothing of the refused one.
func TestDiskFullLeavesTheCaseFileIntact(t *testing.T) {
	s, path := MustCreate(t)
	c := newCase("ディスク容量不足の試験", data.ClassFailure, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	require.NoError(t, s.Close())
	before, err := os.Stat(path)
	require.NoError(t, err)

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), fullChildEnv+"="+path)
	out, err := cmd.Output()
	var ee *exec.ExitError
	if err != nil && !asExit(err, &ee) {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	require.GreaterOrEqual(t, len(lines), 2, "the child wrote something and then hit the limit: %q", out)
	last := lines[len(lines)-1]
	require.Equal(t, "code "+data.EWRITE, last, "the refused write is reported as a write error: %s", out)
	saved := len(lines) - 1
	require.Greater(t, saved, 0)

	s, err = sqlite.Open(path)
	require.NoError(t, err, "the file opens after the disk filled up")
	defer s.Close()
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK(), "%+v", rep)
	tl, err := s.Timeline(c.ID)
	require.NoError(t, err)
	assert.Len(t, tl, saved, "every committed edit, and not the refused one")
	for i, e := range tl {
		assert.True(t, strings.HasPrefix(e.Text, fmt.Sprintf("大きな記録 %d ", i+1)), e.Text[:20])
	}
	after, err := os.Stat(path)
	require.NoError(t, err)
	assert.Greater(t, after.Size(), before.Size())
	assert.NoFileExists(t, path+"-journal", "no journal is left behind")
}

func asExit(err error, ee **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	*ee = e
	return ok
}

// diskFullChild lowers its file size limit to 64 KiB above the case file and
// adds 8 KiB entries until the store refuses one.
func diskFullChild(path string) int {
	signal.Ignore(syscall.SIGXFSZ) // get EFBIG from write(2) instead of dying
	st, err := os.Stat(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	limit := uint64(st.Size() + 64<<10)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	s, err := sqlite.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer s.Close()
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	text := strings.Repeat("記", 8<<10/3)
	for n := 1; n < 1000; n++ {
		err := s.AddEntry(&data.Entry{CaseID: 1, At: time.Now(), Text: "大きな記録 " + strconv.Itoa(n) + " " + text})
		if err != nil {
			fmt.Fprintln(out, "code "+data.ErrorCode(err))
			fmt.Fprintln(os.Stderr, err)
			return 0
		}
		fmt.Fprintln(out, n)
	}
	return 1
}
