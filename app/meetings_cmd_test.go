package app

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// TestDemoMeetingsAreCompleteAndConsistent: the demo's meetings are closed,
// every item is dealt with, and their decisions left the case in a state the
// guard rails accept (a stop by the meeting is lifted only by the meeting).
func TestDemoMeetingsAreCompleteAndConsistent(t *testing.T) {
	path := demoFile(t)
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	all, err := s.Meetings(0)
	require.NoError(t, err)
	require.Len(t, all, 3)

	byTitle := map[string]data.Meeting{}
	for _, m := range all {
		c, err := s.Case(m.CaseID)
		require.NoError(t, err)
		byTitle[c.Title] = m
		assert.Equal(t, 1, m.Seq)
		assert.Equal(t, data.MeetingClosed, m.State(), c.Title)
		assert.True(t, m.OpenedAt.After(c.DiscoveredAt), c.Title)
		assert.GreaterOrEqual(t, len(m.Attendees), 5, c.Title)
		assert.LessOrEqual(t, len(m.Attendees), 7, c.Title)
		assert.Contains(t, m.Attendees[0].Role, "副市長")
		_, _, table := data.MeetingTable(c.Class)
		for i, row := range table {
			assert.Equal(t, row.Title, m.Items[i].Title, "the regulation's agenda in order")
			assert.NotEqual(t, data.ItemOpen, m.Items[i].Status, "%s: %s is dealt with", c.Title, row.Title)
			assert.NotEmpty(t, m.Items[i].Decision, "%s: %s has a decision", c.Title, row.Title)
		}
		steps, err := s.Steps(c.ID)
		require.NoError(t, err)
		assert.True(t, steps[data.MeetingStepID(c.Class)].Done, "%s: closing the meeting ticked its step", c.Title)
		ms, err := s.Milestones(c.ID)
		require.NoError(t, err)
		assert.Equal(t, data.AuthorityMeeting, ms[data.MilestoneStop].Authority, c.Title)
		if ms[data.MilestoneApproval].Done {
			assert.NoError(t, data.ResumptionBlocker(ms), "%s: the demo's resumption holds", c.Title)
		}
	}

	// The level-3 case: network disconnection with its devices; resumption
	// deferred until the integrity check.
	l3 := byTitle["CS端末への不審な操作"]
	stop, _ := l3.Item(data.ItemKeyStop)
	assert.Equal(t, []string{"ネットワークからの切離し"}, stop.Choices)
	assert.Contains(t, stop.Target, "CS端末")
	resume, _ := l3.Item(data.ItemKeyResume)
	assert.Equal(t, data.ItemDeferred, resume.Status)
	tasks, err := s.Tasks(l3.CaseID)
	require.NoError(t, err)
	assert.NotEmpty(t, data.OpenTasks(tasks), "an open case has follow-ups still to do")

	// Where the demo case has its integrity check, the meeting decided to resume.
	for _, title := range []string{"古川総合支所の庁内LAN回線断", "業務端末でのコンピュータウイルス検出"} {
		m := byTitle[title]
		resume, ok := m.Item(data.ItemKeyResume)
		require.True(t, ok, title)
		assert.True(t, resume.Status.Taken(), title)
		ms, err := s.Milestones(m.CaseID)
		require.NoError(t, err)
		assert.Equal(t, data.AuthorityMeeting, ms[data.MilestoneApproval].Authority, title)
	}
	virus := byTitle["業務端末でのコンピュータウイルス検出"]
	assert.NotEmpty(t, data.PreventionFromMeetings([]data.Meeting{virus}))

	// The cases whose procedure calls no meeting have none.
	for _, title := range []string{"本庁舎サーバ室の停電によるCSの停止", "無権限者の執務室への立入り", "CSの応答遅延（原因調査中）"} {
		_, ok := byTitle[title]
		assert.False(t, ok, title)
	}
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}

func TestMeetingsCommand(t *testing.T) {
	path := demoFile(t)
	code, out, errOut := runCLI(t, "meetings", "--file", path)
	require.Equal(t, 0, code, errOut)
	for _, want := range []string{"会議ID", "事案番号", "決定/議題", "第1回", "本庁舎3階 第1会議室", "訓練 次郎", "令和", "閉会", "7/7", "7/9", "3件の会議"} {
		assert.Contains(t, out, want)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 5, out)
	id := regexp.MustCompile(`^\d+\s+\d{4}-\d{3}\s`)
	for _, l := range lines[1:4] {
		assert.Regexp(t, id, l, "each row starts with the meeting ID and the case number")
	}

	// One case only; a case without meetings says so.
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	all, err := s.Meetings(0)
	require.NoError(t, err)
	c, err := s.Case(all[0].CaseID)
	require.NoError(t, err)
	number := c.Number
	cases, err := s.Cases(data.CaseFilter{Class: data.ClassFailure, Status: data.StatusClosed})
	require.NoError(t, err)
	require.Len(t, cases, 1)
	noMeeting := cases[0].Number
	require.NoError(t, s.Close())
	code, out, errOut = runCLI(t, "meetings", "--file", path, "--case", number)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, number)
	assert.Contains(t, out, "1件の会議")

	code, out, _ = runCLI(t, "meetings", "--file", path, "--case", noMeeting)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "セキュリティ会議はまだありません。")

	code, _, errOut = runCLI(t, "meetings", "--file", path, "--case", "1999-999")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "エラー: ")

	code, _, errOut = runCLI(t, "meetings")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "ケースファイルの指定（--file ファイル名）が必要です")

	code, out, errOut = runCLI(t, "meetings", "--file", path, "--lang", "en")
	require.Equal(t, 0, code, errOut)
	for _, want := range []string{"Meeting ID", "No. 1", "Closed", "3 meeting(s)", "2026/"} {
		assert.Contains(t, out, want)
	}
}
