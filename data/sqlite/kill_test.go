package sqlite_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
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

const (
	killChildEnv = "KINKYU_KILL_CHILD"
	killRoundEnv = "KINKYU_KILL_ROUND"
)

// platformChildren are child processes that only some systems have (the disk
// full test is Linux's), by the variable that starts them.
var platformChildren = map[string]func(path string) int{}

// TestMain lets the test binary play the writing process of the kill test.
func TestMain(m *testing.M) {
	if path := os.Getenv(killChildEnv); path != "" {
		os.Exit(killChild(path))
	}
	if path := os.Getenv(copyChildEnv); path != "" {
		os.Exit(copyChild(path))
	}
	for env, child := range platformChildren {
		if path := os.Getenv(env); path != "" {
			os.Exit(child(path))
		}
	}
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// killChild writes edits as fast as it can and prints the number of each edit
// once the store has returned from committing it: from then on it must survive.
func killChild(path string) int {
	s, err := sqlite.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	s.SetActor("kill-test")
	round := os.Getenv(killRoundEnv)
	out := bufio.NewWriter(os.Stdout)
	for n := 1; ; n++ {
		var err error
		if n%3 == 0 {
			err = s.SetStep(data.StepProgress{CaseID: 1, StepID: "4-" + strconv.Itoa(n%10+1), Done: n%2 == 0, By: "kill-test"}, "手順 "+round+"-"+strconv.Itoa(n))
		} else {
			err = s.AddEntry(&data.Entry{CaseID: 1, At: time.Now(), Text: "編集 " + round + "-" + strconv.Itoa(n)})
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 3
		}
		fmt.Fprintln(out, n)
		out.Flush()
	}
}

// TestKilledWriterLosesNoCommittedEdit kills a writing process with SIGKILL at
// random moments, many times over, and checks after each kill that the file
// opens, verifies, and holds every edit the writer had reported as saved.
func TestKilledWriterLosesNoCommittedEdit(t *testing.T) {
	rounds := 25
	if testing.Short() {
		rounds = 5
	}
	s, path := MustCreate(t)
	c := newCase("停電（強制終了試験）", data.ClassFailure, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	require.NoError(t, s.Close())

	rng := rand.New(rand.NewPCG(1, 2))
	for round := range rounds {
		before := countTexts(t, path)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), killChildEnv+"="+path, killRoundEnv+"="+strconv.Itoa(round))
		stdout, err := cmd.StdoutPipe()
		require.NoError(t, err)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		require.NoError(t, cmd.Start())

		lines := make(chan int, 1<<16)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if n, err := strconv.Atoi(sc.Text()); err == nil {
					lines <- n
				}
			}
			close(lines)
		}()
		// Wait for the first reported edit, then kill at a random moment.
		select {
		case <-lines:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("round %d: writer reported nothing: %s", round, stderr.String())
		}
		time.Sleep(time.Duration(rng.IntN(40_000)) * time.Microsecond)
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		cmd.Wait()
		last := 1
		for n := range lines {
			last = n
		}

		s, err := sqlite.Open(path)
		require.NoError(t, err, "round %d: the file must open after a kill", round)
		rep, err := s.Check()
		require.NoError(t, err)
		assert.True(t, rep.OK(), "round %d: %+v", round, rep)
		tl, err := s.Timeline(c.ID)
		require.NoError(t, err)
		require.NoError(t, s.Close())

		have := map[string]bool{}
		for _, e := range tl {
			have[e.Text] = true
		}
		for n := 1; n <= last; n++ {
			text := fmt.Sprintf("編集 %d-%d", round, n)
			if n%3 == 0 {
				text = fmt.Sprintf("手順 %d-%d", round, n)
			}
			require.True(t, have[text], "round %d: edit %d of %d was reported saved but is gone", round, n, last)
		}
		assert.GreaterOrEqual(t, len(tl), before, "round %d: entries disappeared", round)
	}
}

func countTexts(tb testing.TB, path string) int {
	s, err := sqlite.Open(path)
	require.NoError(tb, err)
	defer s.Close()
	tl, err := s.Timeline(1)
	require.NoError(tb, err)
	return len(tl)
}
