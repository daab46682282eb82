package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

func TestMigrationFromSchema1KeepsDataAndBackup(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "旧版.kinkyu")
	require.NoError(t, sqlite.CreateAtVersion(path, 1))
	// Write a case the way schema 1 had it, with the plain driver.
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO cases (number, title, class, status, discovered_at, occurred_at, zone, drill, created_at, updated_at)
		VALUES ('2026-001', '旧版の事案', 'failure', 'open', '2026-04-01T00:00:00.000000Z', '', 'Asia/Tokyo', 0, '2026-04-01T00:00:00.000000Z', '2026-04-01T00:00:00.000000Z')`)
	require.NoError(t, err)
	var v int
	require.NoError(t, db.QueryRow(`PRAGMA user_version`).Scan(&v))
	require.Equal(t, 1, v)
	require.NoError(t, db.Close())

	s, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	c, err := s.CaseByNumber("2026-001")
	require.NoError(t, err)
	assert.Equal(t, "旧版の事案", c.Title)
	assert.Equal(t, data.TimeState(""), c.OccurredState)

	backups, _ := filepath.Glob(path + ".v1-*.bak")
	require.Len(t, backups, 1, "the old file is kept as a backup")
	bdb := rawOpen(t, backups[0])
	var bv int
	var title string
	require.NoError(t, bdb.QueryRow(`PRAGMA user_version`).Scan(&bv))
	require.NoError(t, bdb.QueryRow(`SELECT title FROM cases`).Scan(&title))
	assert.Equal(t, 1, bv, "the backup is the file as it was, at schema 1")
	assert.Equal(t, "旧版の事案", title)
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
	ev, err := s.AuditEvents(1, 0)
	require.NoError(t, err)
	assert.Equal(t, "file.migrate", ev[len(ev)-1].Action)
}

func TestClassChangeNeedsAReason(t *testing.T) {
	s, _ := MustCreate(t)
	c := newCase("CSの応答遅延", data.ClassPending, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	require.NoError(t, s.ChangeClass(c.ID, data.ClassFailure, "", "区分を障害と判定"), "deciding 判定中 needs no reason")
	err := s.ChangeClass(c.ID, data.ClassMisconduct, " ", "x")
	assert.Equal(t, "reason", data.AsError(err).Field)
	require.NoError(t, s.ChangeClass(c.ID, data.ClassMisconduct, "不審な操作ログを発見", "区分を不正行為に変更（理由: 不審な操作ログを発見）"))
	got, err := s.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.ClassMisconduct, got.Class)
	tl, err := s.Timeline(c.ID)
	require.NoError(t, err)
	require.Len(t, tl, 2)
	assert.Equal(t, data.EntryClass, tl[1].Kind)
	assert.Contains(t, tl[1].Text, "不審な操作ログを発見")

	got.Class = data.ClassFailure
	assert.Equal(t, "class", data.AsError(s.UpdateCase(&got)).Field, "UpdateCase cannot change the class silently")
}

func TestReportItemsRoundTrip(t *testing.T) {
	s, path := MustCreate(t)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, jst)
	c := newCase("CS端末への不審な操作", data.ClassMisconduct, at)
	c.OccurredState, c.OccurredNote = data.TimeUnconfirmed, "ログの保存期間内で調査中"
	c.Discoverer, c.DiscovererSection = "佐藤 花子", "市民課"
	require.NoError(t, s.CreateCase(c))

	empty, err := s.MisconductReport(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.MisconductReport{CaseID: c.ID}, empty)

	r := data.MisconductReport{CaseID: c.ID, Device: "CS端末2号機", Location: "本庁舎3階 市民課",
		Details: "業務時間外の連続照会", ExpectedDamage: "本人確認情報の漏えいのおそれ", Measures: data.Yes,
		MeasuresText: "端末をネットワークから切り離した", Reporter: "佐藤 花子", ReportedTo: "山田 太郎",
		ReportedAt: at.Add(10 * time.Minute), ReportNo: 1}
	require.NoError(t, s.SaveMisconductReport(&r, "第1報を報告"))
	huge := r
	huge.Details = strings.Repeat("あ", data.MaxTextRunes+1)
	assert.Equal(t, "details", data.AsError(s.SaveMisconductReport(&huge, "")).Field)
	require.NoError(t, s.Close())

	s2, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s2.Close()
	got, err := s2.MisconductReport(c.ID)
	require.NoError(t, err)
	assert.True(t, got.ReportedAt.Equal(r.ReportedAt))
	got.ReportedAt = r.ReportedAt
	assert.Equal(t, r, got)
	gc, err := s2.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.TimeUnconfirmed, gc.OccurredState)
	assert.Equal(t, "佐藤 花子", gc.Discoverer)

	_, err = s2.MisconductReport(999)
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(err))
}

func TestFailureReportAndChecks(t *testing.T) {
	s, _ := MustCreate(t)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, jst)
	c := newCase("回線断", data.ClassFailure, at)
	require.NoError(t, s.CreateCase(c))
	r := data.FailureReport{CaseID: c.ID, Type: data.FailureNetwork, Event: "構内回線の切断", Place: "古川総合支所",
		CauseUnknown: true, ContractorRequest: "保守委託事業者に調査を依頼", ContractorRequestedAt: at.Add(time.Hour),
		DataImpact: data.ImpactNone, StopEstimate: data.StopLong, StopDecision: data.DecisionMeeting}
	require.NoError(t, s.SaveFailureReport(&r, "障害の種類: ネットワークの障害"))
	got, err := s.FailureReport(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.FailureNetwork, got.Type)
	assert.True(t, got.CauseUnknown)
	assert.True(t, got.ContractorRequestedAt.Equal(r.ContractorRequestedAt))

	bad := r
	bad.StopDecision = "later"
	assert.Equal(t, "stop_decision", data.AsError(s.SaveFailureReport(&bad, "")).Field)

	require.NoError(t, s.SetCheckResult(data.CheckResult{CaseID: c.ID, CheckID: data.CheckID(data.FailureNetwork, 4), Result: data.CheckAbnormal, Note: "床下配線の断線", By: "佐藤"}, "目視チェック等: 異常あり"))
	assert.Equal(t, "check", data.AsError(s.SetCheckResult(data.CheckResult{CaseID: c.ID, CheckID: "network.9", Result: data.CheckOK}, "")).Field)
	checks, err := s.CheckResults(c.ID)
	require.NoError(t, err)
	require.Contains(t, checks, "network.4")
	assert.Equal(t, "目視チェック等", data.CheckText("network.4"))
	assert.Equal(t, data.CheckAbnormal, checks["network.4"].Result)
}

func TestThreatLevelRevisionsKeepHistory(t *testing.T) {
	s, _ := MustCreate(t)
	c := newCase("ウイルス検出", data.ClassMisconduct, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	first := data.ThreatAssessment{CaseID: c.ID, Examples: []string{"L2-E2"}, By: "山田"}
	require.NoError(t, s.AssessThreat(&first, "脅威度をレベル2と判定"))
	assert.Equal(t, data.ThreatLevel(2), first.Level)

	rev := data.ThreatAssessment{CaseID: c.ID, Examples: []string{"L2-E2", "L3-E3"}, By: "山田"}
	assert.Equal(t, "reason", data.AsError(s.AssessThreat(&rev, "")).Field, "a revision needs a reason")
	rev.Reason = "住基ネットの異常動作を確認"
	require.NoError(t, s.AssessThreat(&rev, "脅威度をレベル3に変更"))
	list, err := s.ThreatAssessments(c.ID)
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, data.ThreatLevel(2), list[0].Level)
	assert.Equal(t, data.ThreatLevel(3), list[1].Level)
	assert.Equal(t, "住基ネットの異常動作を確認", list[1].Reason)

	assert.Equal(t, "examples", data.AsError(s.AssessThreat(&data.ThreatAssessment{CaseID: c.ID, Examples: []string{"L9-X"}, Reason: "x"}, "")).Field)
	f := newCase("停電", data.ClassFailure, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(f))
	assert.Equal(t, "class", data.AsError(s.AssessThreat(&data.ThreatAssessment{CaseID: f.ID, Examples: []string{"L1-P1"}}, "")).Field)
}

func TestResumptionIsRefusedBeforeIntegrityAndApproval(t *testing.T) {
	for _, tc := range []struct {
		class data.Class
		step  string
	}{{data.ClassFailure, "4-8"}, {data.ClassMisconduct, "5-8-a"}} {
		t.Run(string(tc.class), func(t *testing.T) {
			s, path := MustCreate(t)
			at := time.Date(2026, 11, 27, 9, 0, 0, 0, jst)
			c := newCase("停止を伴う事案", tc.class, at)
			require.NoError(t, s.CreateCase(c))
			resume := func() error {
				return s.SetStep(data.StepProgress{CaseID: c.ID, StepID: tc.step, Done: true, By: "山田", At: at.Add(5 * time.Hour)}, "運用再開")
			}
			rule := func(err error) string {
				e := data.AsError(err)
				require.NotNil(t, e, "resumption must be refused")
				return e.Rule
			}
			// A case that never stopped is not held back: the provision
			// applies where the system was stopped.
			free := newCase("停止を伴わない事案", tc.class, at)
			require.NoError(t, s.CreateCase(free))
			require.NoError(t, s.SetStep(data.StepProgress{CaseID: free.ID, StepID: tc.step, Done: true, By: "山田", At: at.Add(time.Hour)}, "運用再開"))
			require.NoError(t, s.SetMilestone(data.Milestone{CaseID: c.ID, Kind: data.MilestoneStop, Done: true, Authority: data.AuthorityMeeting, At: at.Add(time.Hour)}, "セキュリティ会議の決定によりシステムを停止"))
			assert.Equal(t, "needintegrity", rule(resume()))
			require.NoError(t, s.SetMilestone(data.Milestone{CaseID: c.ID, Kind: data.MilestoneApproval, Done: true, Authority: data.AuthorityChief, At: at.Add(2 * time.Hour)}, "承認"))
			assert.Equal(t, "needintegrity", rule(resume()), "approval alone is not enough")
			require.NoError(t, s.SetMilestone(data.Milestone{CaseID: c.ID, Kind: data.MilestoneIntegrity, Done: true, At: at.Add(3 * time.Hour)}, "整合性を確認"))
			assert.Equal(t, "needmeeting", rule(resume()), "the meeting ordered the stop, so the meeting must decide")
			require.NoError(t, s.SetMilestone(data.Milestone{CaseID: c.ID, Kind: data.MilestoneApproval, Done: true, Authority: data.AuthorityMeeting, At: at.Add(4 * time.Hour)}, "会議で運用再開を決定"))
			require.NoError(t, resume())

			steps, err := s.Steps(c.ID)
			require.NoError(t, err)
			assert.True(t, steps[tc.step].Done)
			require.NoError(t, s.Close())
			s2, err := sqlite.Open(path)
			require.NoError(t, err)
			defer s2.Close()
			ms, err := s2.Milestones(c.ID)
			require.NoError(t, err)
			assert.Len(t, ms, 3)
		})
	}
}
