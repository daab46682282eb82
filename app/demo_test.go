package app

import (
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/reports"
)

// openDemo writes a demo file and opens it.
func openDemo(t *testing.T) (*sqlite.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.kinkyu")
	require.NoError(t, WriteDemo(path))
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s, path
}

func demoCaseByTitle(t *testing.T, s *sqlite.Store, title string) data.Case {
	t.Helper()
	cs, err := s.Cases(data.CaseFilter{})
	require.NoError(t, err)
	for _, c := range cs {
		if c.Title == title {
			return c
		}
	}
	t.Fatalf("the demo has no case %q", title)
	return data.Case{}
}

// TestDemoIsWrittenInTheOrderOfTime: every record of the demo file is
// written at its moment, in the order of time (issue 13): the audit log runs
// forward after the file's creation, each case's timeline was recorded in
// the order of its times, and a recorded 第n報 holds nothing done after it
// was recorded (no stop, 判定 or call of later in a 第1報).
func TestDemoIsWrittenInTheOrderOfTime(t *testing.T) {
	s, path := openDemo(t)

	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	require.NoError(t, err)
	defer db.Close()
	rows, err := db.Query(`SELECT seq, at FROM audit ORDER BY seq`)
	require.NoError(t, err)
	var prev time.Time
	n := 0
	for rows.Next() {
		var seq int64
		var at string
		require.NoError(t, rows.Scan(&seq, &at))
		ts, err := time.Parse(time.RFC3339Nano, at)
		require.NoError(t, err, at)
		n++
		// The first record makes the file, today; the demo's records follow
		// from a year ago.
		if n > 2 {
			assert.False(t, ts.Before(prev), "audit #%d at %s comes before #%d at %s", seq, ts, seq-1, prev)
		}
		prev = ts
	}
	require.NoError(t, rows.Err())
	require.Greater(t, n, 300)
	assert.False(t, prev.After(time.Now()), "nothing is recorded in the future")

	cases, err := s.Cases(data.CaseFilter{})
	require.NoError(t, err)
	require.Len(t, cases, 6)
	recorded := 0
	for _, c := range cases {
		entries, err := s.Timeline(c.ID)
		require.NoError(t, err)
		for i := 1; i < len(entries); i++ {
			assert.False(t, entries[i].At.Before(entries[i-1].At), "%s: %q (%s) after %q (%s)", c.Number,
				entries[i].Text, entries[i].At, entries[i-1].Text, entries[i-1].At)
		}
		vs, err := s.ReportVersions(c.ID)
		require.NoError(t, err)
		for _, v := range vs {
			recorded++
			cd, err := reports.Thaw(v.Snapshot)
			require.NoError(t, err)
			assert.False(t, v.ReportedAt.After(v.CreatedAt), "%s 第%d報 reported after it was recorded", c.Number, v.No)
			at := func(what string, ts time.Time) {
				assert.False(t, ts.After(v.CreatedAt), "%s 第%d報 (recorded %s) holds %s of %s", c.Number, v.No, v.CreatedAt, what, ts)
			}
			for k, m := range cd.Milestones {
				at(string(k), m.At)
			}
			for id, st := range cd.Steps {
				at("step "+id, st.At)
			}
			for _, a := range cd.Threats {
				at("threat", a.At)
			}
			for id, ch := range cd.Checks {
				at("check "+id, ch.At)
			}
			for _, n := range cd.Notifications {
				at("notification", n.At)
			}
			for _, l := range cd.PreservedLogs {
				at("log", l.At)
			}
			at("repair", cd.Repair.RequestedAt)
			at("repair done", cd.Repair.CompletedAt)
			at("stop decision", cd.Failure.DecidedAt)
			r := cd.Response
			for what, ts := range map[string]time.Time{"chief": r.ChiefReportedAt, "hearing": r.HearingAt, "disposal": r.DisposalAt,
				"request": r.RequestedAt, "agency report": r.AgencyReportAt} {
				at(what, ts)
			}
			for _, m := range cd.Meetings {
				at("meeting", m.OpenedAt)
			}
			for _, e := range cd.Timeline {
				at("entry "+e.Text, e.At)
			}
		}
	}
	assert.Equal(t, 9, recorded, "the demo's recorded reports")

	// The first report of the power cut went to the chief before the stop
	// was ordered: it has no stop and no decision, the 最終報 has both.
	pc := demoCaseByTitle(t, s, "本庁舎サーバ室の停電によるCSの停止")
	vs, err := s.ReportVersions(pc.ID)
	require.NoError(t, err)
	require.Len(t, vs, 2)
	first, err := reports.Thaw(vs[0].Snapshot)
	require.NoError(t, err)
	assert.False(t, first.Milestones[data.MilestoneStop].Done)
	assert.Empty(t, first.Failure.StopDecision)
	last, err := reports.Thaw(vs[1].Snapshot)
	require.NoError(t, err)
	assert.True(t, vs[1].Final)
	assert.True(t, last.Milestones[data.MilestoneStop].Done)
	assert.NotEmpty(t, last.Prevention)
}

// TestDemoHasDataForEveryProvision: the demo's cases carry realistic data
// for each provision issue 13 made recordable, so that every section of the
// reports shows something in some case.
func TestDemoHasDataForEveryProvision(t *testing.T) {
	s, _ := openDemo(t)

	// 第4条第7号・第9号・第10号: both failure cases.
	for _, title := range []string{"本庁舎サーバ室の停電によるCSの停止", "古川総合支所の庁内LAN回線断"} {
		c := demoCaseByTitle(t, s, title)
		rq, err := s.RepairRequest(c.ID)
		require.NoError(t, err)
		assert.NotEmpty(t, rq.To, title)
		assert.True(t, rq.RequestedAt.Before(rq.CompletedAt), title)
		ns, err := s.Notifications(c.ID)
		require.NoError(t, err)
		assert.Empty(t, data.UnnotifiedBodies(ns), "%s: both related bodies told", title)
		for _, n := range ns {
			assert.Equal(t, "4-9", n.StepID, title)
			assert.NotZero(t, n.CallID, "%s: taken from a call", title)
		}
		ms, err := s.PreventionMeasures(c.ID)
		require.NoError(t, err)
		assert.NotEmpty(t, ms, title)
		for _, m := range ms {
			assert.NotEmpty(t, m.Owner, title)
			assert.False(t, m.Due.IsZero(), title)
		}
		// The case with a meeting took its measure from the meeting's decision.
		if meetings, err := s.Meetings(c.ID); assert.NoError(t, err) && len(meetings) > 0 {
			assert.True(t, slices.ContainsFunc(ms, func(m data.PreventionMeasure) bool { return m.ItemID != 0 }),
				"%s: a measure taken from the meeting", title)
			assert.Empty(t, data.PreventionSuggestions(c.ID, meetings, ms), "%s: nothing left to take in", title)
		}
	}

	// 第5条第2号: the open case started from the agency's 通報.
	sus := demoCaseByTitle(t, s, "CS端末への不審な操作")
	assert.Equal(t, data.OriginAgency, sus.Origin)
	assert.NotEmpty(t, sus.NoticeFrom)
	assert.NotEmpty(t, sus.NoticeText)
	assert.True(t, sus.NoticeAt.Before(sus.DiscoveredAt))

	// 第5条第3号〜第5号 and 第7号〜第9号: the virus case has them all; the
	// 事情聴取 also in the open case.
	virus := demoCaseByTitle(t, s, "業務端末でのコンピュータウイルス検出")
	for _, c := range []data.Case{virus, sus} {
		r, err := s.MisconductResponse(c.ID)
		require.NoError(t, err)
		assert.NotEmpty(t, r.Impact, c.Title)
		assert.False(t, r.ChiefReportedAt.IsZero(), c.Title)
		assert.NotEmpty(t, r.HearingWith, c.Title)
		assert.NotEmpty(t, r.HearingBy, c.Title)
		assert.False(t, r.HearingAt.IsZero(), c.Title)
		assert.NotEmpty(t, r.HearingResult, c.Title)
		logs, err := s.PreservedLogs(c.ID)
		require.NoError(t, err)
		assert.NotEmpty(t, logs, c.Title)
	}
	r, err := s.MisconductResponse(virus.ID)
	require.NoError(t, err)
	assert.Equal(t, data.Yes, r.Disposal)
	assert.NotEmpty(t, r.DisposalText)
	// 第5条第4号ウ: the request via the prefecture, and the agency's report.
	assert.NotEmpty(t, r.Agency)
	assert.NotEmpty(t, r.RequestText)
	assert.NotEmpty(t, r.AgencyReport)
	assert.True(t, r.RequestedAt.Before(r.AgencyReportAt))
	// 第5条第8号ウ: one notification per body, after the resumption.
	ns, err := s.Notifications(virus.ID)
	require.NoError(t, err)
	assert.Empty(t, data.UnnotifiedBodies(ns))
	steps, err := s.Steps(virus.ID)
	require.NoError(t, err)
	for _, n := range ns {
		assert.Equal(t, "5-8-c", n.StepID)
		assert.True(t, n.At.After(steps["5-8-a"].At), "told after the resumption")
	}
	// 第5条第8号イ: the re-registration judged, before the resumption.
	ms, err := s.Milestones(virus.ID)
	require.NoError(t, err)
	assert.True(t, ms[data.MilestoneReregistration].Done)
	assert.True(t, ms[data.MilestoneReregistration].At.Before(steps["5-8-a"].At))
	// 第5条第9号: a 事後対策 decided by the meeting and carried out.
	tasks, err := s.Tasks(virus.ID)
	require.NoError(t, err)
	meetings, err := s.Meetings(virus.ID)
	require.NoError(t, err)
	require.NotEmpty(t, data.PreventionFromMeetings(meetings))
	done := false
	for _, m := range meetings {
		if it, ok := m.Item(data.ItemKeyReview); ok {
			for _, tk := range tasks {
				done = done || (tk.ItemID == it.ID && tk.Done)
			}
		}
	}
	assert.True(t, done, "the 事後対策 is carried out")

	// 第5条第5号: estimates apart from the 判定 of both officers; once on
	// the 事象 column alone.
	event := false
	for _, c := range []data.Case{virus, sus, demoCaseByTitle(t, s, "無権限者の執務室への立入り")} {
		as, err := s.ThreatAssessments(c.ID)
		require.NoError(t, err)
		formal, _ := data.CurrentJudgement(as)
		require.NotNil(t, formal, c.Title)
		assert.NotEmpty(t, formal.Officer, c.Title)
		assert.NotEmpty(t, formal.Admin, c.Title)
		for _, a := range as {
			event = event || (a.Provisional() && a.Basis == data.BasisEvent)
		}
	}
	assert.True(t, event, "an estimate on the 事象 column alone")
}
