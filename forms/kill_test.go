package forms

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

const (
	killChildEnv = "KINKYU_FORMS_KILL_CHILD"
	killRoundEnv = "KINKYU_FORMS_KILL_ROUND"
)

// TestMain lets the test binary play the app whose screen is being typed into.
func TestMain(m *testing.M) {
	if path := os.Getenv(killChildEnv); path != "" {
		os.Exit(killChild(path))
	}
	os.Exit(m.Run())
}

// killChild types into the report items screen, as fast as the autosave
// lets it, and prints the number of each edit once the screen shows 保存済み
// for it. From then on that edit must survive a kill.
func killChild(path string) int {
	a := test.NewApp()
	defer a.Quit()
	store, err := sqlite.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	win := test.NewWindow(nil)
	env := &Env{Window: win, Store: store, Officer: func() Officer { return Officer{Name: "山田", Role: data.RoleSecurityOfficer} }}
	f := newReportItemsForm(env, 1)
	f.saver.delay = 10 * time.Millisecond // keep rounds short; the path is the same
	if err := f.Reload(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	win.SetContent(f.Content())
	out := bufio.NewWriter(os.Stdout)
	for n := 1; ; n++ {
		// The round makes each text new: setting the text the field already
		// holds is no edit at all.
		text := fmt.Sprintf("不正行為の内容 %s-%d", os.Getenv(killRoundEnv), n)
		fyne.DoAndWait(func() { f.details.SetText(text) })
		for {
			var st saveState
			fyne.DoAndWait(func() { st, _ = f.indicator.State() })
			if st == saveSaved && !f.saver.Pending() {
				break
			}
			if st == saveFailed {
				_, err := f.indicator.State()
				fmt.Fprintln(os.Stderr, "save failed:", err)
				return 3
			}
			time.Sleep(time.Millisecond)
		}
		fmt.Fprintln(out, n)
		out.Flush()
	}
}

// TestKilledAppKeepsWhatTheScreenShowedAsSaved kills the typing process with
// SIGKILL at random moments and checks that the case file holds, at least,
// the last edit the screen had shown as 保存済み.
func TestKilledAppKeepsWhatTheScreenShowedAsSaved(t *testing.T) {
	rounds := 12
	if testing.Short() {
		rounds = 3
	}
	path := filepath.Join(t.TempDir(), "事案.kinkyu")
	s, err := sqlite.Create(path)
	require.NoError(t, err)
	c := &data.Case{Title: "CS端末への不審な操作", Class: data.ClassMisconduct, DiscoveredAt: time.Date(2026, 11, 27, 9, 0, 0, 0, tokyo)}
	require.NoError(t, s.CreateCase(c))
	require.Equal(t, int64(1), c.ID)
	require.NoError(t, s.Close())

	rng := rand.New(rand.NewPCG(3, 4))
	for round := range rounds {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), killChildEnv+"="+path, killRoundEnv+"="+strconv.Itoa(round))
		stdout, err := cmd.StdoutPipe()
		require.NoError(t, err)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		require.NoError(t, cmd.Start())
		lines := make(chan int, 1<<12)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if n, err := strconv.Atoi(sc.Text()); err == nil {
					lines <- n
				}
			}
			close(lines)
		}()
		select {
		case <-lines:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("round %d: the screen showed nothing as saved: %s", round, stderr.String())
		}
		time.Sleep(time.Duration(rng.IntN(150_000)) * time.Microsecond)
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		cmd.Wait()
		last := 1
		for n := range lines {
			last = n
		}

		s, err := sqlite.Open(path)
		require.NoError(t, err, "round %d", round)
		rep, err := s.Check()
		require.NoError(t, err)
		assert.True(t, rep.OK(), "round %d: %+v", round, rep)
		r, err := s.MisconductReport(1)
		require.NoError(t, err)
		require.NoError(t, s.Close())
		var gotRound, got int
		_, err = fmt.Sscanf(r.Details, "不正行為の内容 %d-%d", &gotRound, &got)
		require.NoError(t, err, "round %d: stored %q", round, r.Details)
		assert.Equal(t, round, gotRound, "round %d: the file holds %q", round, r.Details)
		assert.GreaterOrEqual(t, got, last, "round %d: edit %d was shown as 保存済み but the file holds %q", round, last, r.Details)
	}
}
