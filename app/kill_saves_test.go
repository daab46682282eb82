//go:build !windows

package app

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
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

const killChildEnv = "KINKYU_KILL_CHILD"

// firstStart stands for the window's first start: the default case file is
// created (sqlite.Create) when missing, as openCaseFile does.
const firstStart = "first-start"

// TestKinkyuKillChild is the kinkyu process the kill test kills: the command
// line of the app (run, as main calls it) with the arguments in
// KINKYU_KILL_CHILD, or the first start's creation of the default case file.
// It does nothing unless started by that test.
func TestKinkyuKillChild(t *testing.T) {
	spec := os.Getenv(killChildEnv)
	if spec == "" {
		return
	}
	syscall.Umask(0o022) // what a user's shell usually has: nothing may rely on it
	var args []string
	if err := json.Unmarshal([]byte(spec), &args); err != nil {
		os.Exit(9)
	}
	if args[0] == firstStart {
		path, err := DefaultCaseFile()
		if err == nil {
			var s data.Store
			if s, err = openCaseFile(path); err == nil {
				err = s.Close()
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// killRun starts kinkyu with args (and env) and kills it with SIGKILL after
// wait, unless it ended first; it says whether it finished with exit 0.
func killRun(t *testing.T, args, env []string, wait time.Duration) bool {
	t.Helper()
	spec, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestKinkyuKillChild$")
	cmd.Env = append(append(os.Environ(), killChildEnv+"="+string(spec)), env...)
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err == nil
	case <-time.After(wait):
		_ = cmd.Process.Signal(syscall.SIGKILL)
		return <-done == nil
	}
}

// leftovers are the app's temporary files under dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && (strings.Contains(d.Name(), data.TempSuffix) || strings.HasSuffix(d.Name(), ".tmp")) {
			out = append(out, p)
		}
		return err
	}))
	return out
}

// assertNoneReadableByOthers checks every file and folder under dir.
func assertNoneReadableByOthers(t *testing.T, dir, round string) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		st, err := os.Lstat(p)
		if err == nil {
			assert.Zero(t, st.Mode().Perm()&0o077, "%s: %s is %v", round, p, st.Mode().Perm())
		}
		return err
	}))
}

// assertCaseFileChecks copies a case file (with its journal, if one is
// beside it) to a folder of its own, opens it there (migrating an older
// backup) and runs check on it: a whole case file passes.
func assertCaseFileChecks(t *testing.T, path, round string) {
	t.Helper()
	dir := t.TempDir()
	cp := filepath.Join(dir, filepath.Base(path))
	for _, suffix := range []string{"", "-journal"} {
		in, err := os.Open(path + suffix)
		if suffix != "" && os.IsNotExist(err) {
			continue
		}
		require.NoError(t, err, round)
		out, err := os.OpenFile(cp+suffix, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		require.NoError(t, err)
		_, err = io.Copy(out, in)
		require.NoError(t, err)
		in.Close()
		require.NoError(t, out.Close())
	}
	s, err := sqlite.Open(cp)
	require.NoError(t, err, "%s: %s does not open", round, path)
	defer s.Close()
	rep, err := s.Check()
	require.NoError(t, err, round)
	assert.True(t, rep.OK(), "%s: %s: %+v", round, path, rep)
}

// killKind is one of the commands that build a file: how to run it in a
// round, and the normal run that follows a killed one.
type killKind struct {
	name  string
	setup func(t *testing.T, dir string) // before the first round
	args  func(dir string, round int) []string
	next  func(dir string, round int) []string // the next normal run
}

// A backup, a migration (the open of an older file), the demo and the
// creation of a new case file, each killed with SIGKILL at a random moment
// in many rounds, as a kinkyu process: every file left under a final name
// is whole (it opens and check passes), nothing is readable by others
// (umask 022), and the next normal run removes the temporary file the kill
// left, saying so in one line.
func TestKilledSavesLeaveNoPartialFile(t *testing.T) {
	source := demoFile(t)
	kinds := []killKind{
		{name: "backup",
			setup: func(t *testing.T, dir string) {
				b, err := os.ReadFile(source)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(filepath.Join(dir, "事案.kinkyu"), b, 0o600))
			},
			args: func(dir string, round int) []string {
				return []string{"backup", "--file", filepath.Join(dir, "事案.kinkyu"), "--out", filepath.Join(dir, fmt.Sprintf("控え%02d.kinkyu", round))}
			},
			next: func(dir string, round int) []string {
				return []string{"backup", "--file", filepath.Join(dir, "事案.kinkyu"), "--out", filepath.Join(dir, fmt.Sprintf("控え%02d-次.kinkyu", round))}
			}},
		{name: "migration",
			setup: func(t *testing.T, dir string) {
				require.NoError(t, sqlite.CreateAtVersion(filepath.Join(dir, "旧版.kinkyu"), 1))
			},
			args: func(dir string, round int) []string {
				return []string{"cases", "--file", filepath.Join(dir, "旧版.kinkyu")}
			},
			next: func(dir string, round int) []string {
				return []string{"check", "--file", filepath.Join(dir, "旧版.kinkyu")}
			}},
		{name: "demo",
			args: func(dir string, round int) []string {
				return []string{"demo", "--file", filepath.Join(dir, "デモ.kinkyu")}
			},
			next: func(dir string, round int) []string {
				if _, err := os.Stat(filepath.Join(dir, "デモ.kinkyu")); err == nil {
					return []string{"check", "--file", filepath.Join(dir, "デモ.kinkyu")}
				}
				return []string{"demo", "--file", filepath.Join(dir, "デモ.kinkyu")}
			}},
		{name: "create",
			args: func(dir string, round int) []string { return []string{firstStart} },
			next: func(dir string, round int) []string { return []string{firstStart} }},
	}
	rng := rand.New(rand.NewPCG(15, uint64(time.Now().UnixNano())))
	start := time.Now()
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			// How long a whole run takes here, to kill within it.
			timing := t.TempDir()
			if k.setup != nil {
				k.setup(t, timing)
			}
			began := time.Now()
			require.True(t, killRun(t, k.args(timing, 0), []string{"XDG_DATA_HOME=" + timing}, time.Minute), "a whole run")
			took := time.Since(began)

			rounds := killRounds
			if k.name == "demo" {
				rounds = killRoundsDemo // a whole demo takes seconds
			}
			if testing.Short() {
				rounds = 3
			}
			finished, left, told := 0, 0, 0
			for round := range rounds {
				name := fmt.Sprintf("%s round %d", k.name, round)
				dir := t.TempDir()
				if k.setup != nil {
					k.setup(t, dir)
				}
				env := []string{"XDG_DATA_HOME=" + dir}
				// Between 20 % and 120 % of a whole run: most of the first
				// part is the process starting.
				if killRun(t, k.args(dir, round), env, took/5+time.Duration(rng.Int64N(int64(took)))) {
					finished++
				}
				assertNoneReadableByOthers(t, dir, name)
				if len(leftovers(t, dir)) > 0 {
					left++
				}
				// The next normal run (here, of the same binary in-process)
				// removes what the kill left, and says so.
				var errOut string
				if a := k.next(dir, round); a[0] == firstStart {
					// The window's start, as the child did.
					t.Setenv("XDG_DATA_HOME", dir)
					path, err := DefaultCaseFile()
					require.NoError(t, err)
					var msgs []string
					data.OnTempsRemoved = func(r []string) { msgs = append(msgs, r...) }
					s, err := openCaseFile(path)
					data.OnTempsRemoved = nil
					require.NoError(t, err, name)
					require.NoError(t, s.Close())
					errOut = strings.Join(msgs, " ")
				} else {
					code, _, e := runCLI(t, a...)
					require.Equal(t, 0, code, "%s: %s", name, e)
					errOut = e
				}
				assert.Empty(t, leftovers(t, dir), "%s: left after the next run", name)
				if strings.Contains(errOut, data.TempSuffix) {
					told++
				}
				assertNoneReadableByOthers(t, dir, name)
				// Every file under a final name is a whole case file.
				require.NoError(t, filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
					if err != nil || d.IsDir() || strings.HasSuffix(p, "-journal") {
						return err
					}
					assertCaseFileChecks(t, p, name)
					return nil
				}))
			}
			t.Logf("%s: a whole run takes %v; %d rounds, killed at %v–%v: %d finished first, %d left a temporary file (never under the final name), the next run removed it and said so %d times",
				k.name, took.Round(time.Millisecond), rounds, (took / 5).Round(time.Millisecond), (took * 6 / 5).Round(time.Millisecond), finished, left, told)
			assert.Equal(t, left, told, "every leftover removed was told")
		})
	}
	t.Logf("all kinds: %v", time.Since(start).Round(time.Second))
}
