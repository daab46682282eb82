package sqlite_test

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

const (
	copyChildEnv = "KINKYU_COPY_CHILD"
	copyOutEnv   = "KINKYU_COPY_OUT"
)

// copyChild plays `kinkyu backup` (KINKYU_COPY_OUT set) or the open that
// migrates an older file, and says "done" when it returned.
func copyChild(path string) int {
	usualUmask() // what a user's shell usually has: nothing may rely on it
	s, err := sqlite.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer s.Close()
	if out := os.Getenv(copyOutEnv); out != "" {
		if err := s.SaveCopy(out); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 3
		}
	}
	fmt.Println("done")
	return 0
}

// runKilled starts the child and kills it after wait (or lets it finish).
func runKilled(t *testing.T, env []string, wait time.Duration) (finished bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Start())
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(wait):
		_ = cmd.Process.Signal(syscall.SIGKILL)
		<-done
	}
	return strings.Contains(stdout.String(), "done")
}

// assertOnlyTheOfficers checks that no file in dir is readable by others.
func assertOnlyTheOfficers(t *testing.T, dir string, round int) {
	t.Helper()
	es, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range es {
		st, err := os.Stat(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		assert.Zero(t, st.Mode().Perm()&0o077, "round %d: %s is %v", round, e.Name(), st.Mode().Perm())
	}
}

// assertNoTempFiles checks that no temporary file of the app is left in dir.
func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(dir, ".*"+data.TempSuffix+"*"))
	require.NoError(t, err)
	assert.Empty(t, left)
}

// assertCompleteCopy opens a copy and checks it is a whole case file at the
// given schema version.
func assertCompleteCopy(t *testing.T, path string, version, round int) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	require.NoError(t, err)
	defer db.Close()
	var msg string
	require.NoError(t, db.QueryRow(`PRAGMA integrity_check`).Scan(&msg), "round %d: %s", round, path)
	assert.Equal(t, "ok", msg, "round %d: %s", round, path)
	var v int
	require.NoError(t, db.QueryRow(`PRAGMA user_version`).Scan(&v))
	assert.Equal(t, version, v, "round %d: %s", round, path)
}

// A backup killed at any moment leaves either no file under its name or a
// complete copy, and nothing readable by others, whatever the umask.
func TestKilledBackupLeavesNoPartialFile(t *testing.T) {
	rounds := 30
	if testing.Short() {
		rounds = 8
	}
	path := filled(t)
	dir := filepath.Dir(path)
	rng := rand.New(rand.NewPCG(3, 4))
	complete := 0
	for round := range rounds {
		out := filepath.Join(dir, fmt.Sprintf("控え%02d.kinkyu", round))
		finished := runKilled(t, []string{copyChildEnv + "=" + path, copyOutEnv + "=" + out}, time.Duration(rng.IntN(60_000))*time.Microsecond)
		if _, err := os.Stat(out); err == nil {
			assertCompleteCopy(t, out, sqlite.LatestVersion(), round)
			complete++
		} else {
			assert.False(t, finished, "round %d: the backup said done but is missing", round)
		}
		assertOnlyTheOfficers(t, dir, round)
	}
	// The next backup removes the temporary files the kills left.
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	require.NoError(t, s.SaveCopy(filepath.Join(dir, "控え-次.kinkyu")))
	require.NoError(t, s.Close())
	assertNoTempFiles(t, dir)
	t.Logf("%d of %d backups completed before the kill", complete, rounds)
}

// A migration killed at any moment leaves the file openable, at most one
// backup (complete, at the old version, readable by the officer alone), and
// the next open migrates without writing another backup.
func TestKilledMigrationLeavesOneCompleteBackup(t *testing.T) {
	rounds := 20
	if testing.Short() {
		rounds = 6
	}
	rng := rand.New(rand.NewPCG(5, 6))
	migrated := 0
	for round := range rounds {
		dir := t.TempDir()
		path := filepath.Join(dir, "旧版.kinkyu")
		require.NoError(t, sqlite.CreateAtVersion(path, 1))
		require.NoError(t, os.Chmod(path, 0o600))
		if runKilled(t, []string{copyChildEnv + "=" + path}, time.Duration(rng.IntN(150_000))*time.Microsecond) {
			migrated++
		}
		baks, _ := filepath.Glob(path + ".v1-*.bak")
		require.LessOrEqual(t, len(baks), 1, "round %d: %v", round, baks)
		for _, b := range baks {
			assertCompleteCopy(t, b, 1, round)
		}
		assertOnlyTheOfficers(t, dir, round)

		s, err := sqlite.Open(path)
		require.NoError(t, err, "round %d", round)
		rep, err := s.Check()
		require.NoError(t, err)
		assert.True(t, rep.OK(), "round %d: %+v", round, rep)
		require.NoError(t, s.Close())
		baks, _ = filepath.Glob(path + ".v1-*.bak")
		require.Len(t, baks, 1, "round %d: one backup, written once: %v", round, baks)
		assertCompleteCopy(t, baks[0], 1, round)
		assertOnlyTheOfficers(t, dir, round)
		assertNoTempFiles(t, dir)
	}
	t.Logf("%d of %d migrations completed before the kill", migrated, rounds)
}
