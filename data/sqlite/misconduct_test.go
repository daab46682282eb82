package sqlite_test

import (
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// exampleOfLevel is the first example of the table at level l.
func exampleOfLevel(l data.ThreatLevel) string {
	for _, ex := range data.ThreatExamples() {
		if data.LevelOf([]string{ex.ID}) == l {
			return ex.ID
		}
	}
	return ""
}

func TestMigrationFromSchema8KeepsThreatsAndRecordsTheMisconductResponse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "第8版.kinkyu")
	// Written as schema 7 wrote it, then bound to the chain by schema 8:
	// the file a release at schema 8 leaves.
	require.NoError(t, sqlite.CreateAtVersion(path, 7))
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO cases (number, title, class, status, discovered_at, occurred_at, zone, drill, created_at, updated_at,
			discoverer, discoverer_section)
		VALUES ('2026-001', '第8版の不正行為', 'misconduct', 'open', '2026-04-01T00:00:00.000000Z', '', 'Asia/Tokyo', 0,
			'2026-04-01T00:00:00.000000Z', '2026-04-01T00:00:00.000000Z', '佐藤', '市民課')`)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO threat_assessments (case_id, examples, level, reason, at, by)
		VALUES (1, ?, 3, '', '2026-04-01T01:00:00.000000Z', '山田')`, `["`+exampleOfLevel(3)+`"]`)
	require.NoError(t, err)
	_, err = db.Exec(`SELECT 1 FROM misconduct_responses`)
	require.Error(t, err, "schema 8 has no misconduct responses")
	require.NoError(t, db.Close())
	require.NoError(t, sqlite.MigrateAtVersion(path, 8))

	s, err := sqlite.Open(path)
	require.NoError(t, err)
	c, err := s.CaseByNumber("2026-001")
	require.NoError(t, err)
	assert.Equal(t, "佐藤", c.Discoverer)
	assert.Equal(t, data.OriginUnset, c.Origin, "a schema-8 case says nothing of its origin")
	ts, err := s.ThreatAssessments(c.ID)
	require.NoError(t, err)
	require.Len(t, ts, 1)
	assert.Equal(t, data.ThreatLevel(3), ts[0].Level)
	assert.Equal(t, data.BasisExamples, ts[0].Basis)
	assert.Equal(t, "", ts[0].Stage, "recorded before the estimate and the 判定 were told apart")
	r, err := s.MisconductResponse(c.ID)
	require.NoError(t, err)
	assert.True(t, r.Empty())

	// The new records, on the migrated file.
	c.Origin, c.NoticeFrom, c.NoticeText = data.OriginAgency, "地方公共団体情報システム機構 住基ネット全国センター 田中", "CS端末からの大量照会を検知"
	c.NoticeAt = time.Date(2026, 4, 1, 8, 40, 0, 0, jst)
	require.NoError(t, s.UpdateCase(&c))
	resp := data.MisconductResponse{CaseID: c.ID, Impact: data.ImpactPossible, ImpactText: "照会記録の外部持出しのおそれ",
		ChiefReportedAt: time.Date(2026, 4, 1, 9, 30, 0, 0, jst), HearingWith: "市民課 職員A", HearingBy: "山田（セキュリティ責任者）",
		HearingAt: time.Date(2026, 4, 1, 13, 0, 0, 0, jst), HearingResult: "私的な照会を認めた", Disposal: data.Yes,
		DisposalText: "印刷した照会結果（3枚）を回収しシュレッダーで廃棄", DisposalAt: time.Date(2026, 4, 1, 14, 0, 0, 0, jst)}
	require.NoError(t, s.SaveMisconductResponse(&resp, "事情聴取を記録"))
	formal := data.ThreatAssessment{CaseID: c.ID, Basis: data.BasisEvent, Level: 3, EventText: "照会記録の持出し（表の事例にない）",
		Stage: data.StageFormal, Officer: "山田", Admin: "鈴木", By: "山田", Reason: "事情聴取の結果による"}
	require.NoError(t, s.AssessThreat(&formal, "判定"))
	require.NoError(t, s.Close())

	// Reopened, everything is there.
	s, err = sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	c2, err := s.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.OriginAgency, c2.Origin)
	assert.Equal(t, c.NoticeFrom, c2.NoticeFrom)
	assert.True(t, c.NoticeAt.Equal(c2.NoticeAt))
	assert.Equal(t, c.NoticeText, c2.NoticeText)
	r2, err := s.MisconductResponse(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "私的な照会を認めた", r2.HearingResult)
	assert.Equal(t, data.Yes, r2.Disposal)
	assert.True(t, resp.HearingAt.Equal(r2.HearingAt))
	ts, err = s.ThreatAssessments(c.ID)
	require.NoError(t, err)
	require.Len(t, ts, 2)
	got := ts[1]
	assert.Equal(t, data.BasisEvent, got.Basis)
	assert.Empty(t, got.Examples)
	assert.Equal(t, data.ThreatLevel(3), got.Level)
	assert.Equal(t, "鈴木", got.Admin)
	assert.Equal(t, "山田", got.Officer)
	var cv int
	require.NoError(t, rawOpen(t, path).QueryRow(`PRAGMA user_version`).Scan(&cv))
	assert.Equal(t, sqlite.LatestVersion(), cv)
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}

func TestEstimateAndJudgementAreKeptApart(t *testing.T) {
	s, _ := MustCreate(t)
	c := newCase("不審な操作", data.ClassMisconduct, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	l3 := exampleOfLevel(3)

	est := data.ThreatAssessment{CaseID: c.ID, Examples: []string{exampleOfLevel(1)}, Stage: data.StageProvisional, By: "山田"}
	assert.Equal(t, "level", data.AsError(s.AssessThreat(&est, "")).Field, "the regulation estimates only レベル2又は3 or レベル3")

	est = data.ThreatAssessment{CaseID: c.ID, Examples: []string{l3}, Stage: data.StageProvisional, By: "山田"}
	require.NoError(t, s.AssessThreat(&est, "可能性が高い"))

	noAdmin := data.ThreatAssessment{CaseID: c.ID, Examples: []string{l3}, Stage: data.StageFormal, Officer: "山田", By: "山田"}
	assert.Equal(t, "admin", data.AsError(s.AssessThreat(&noAdmin, "")).Field, "the 判定 is made by both officers")

	noText := data.ThreatAssessment{CaseID: c.ID, Basis: data.BasisEvent, Level: 2, Stage: data.StageFormal, Officer: "山田", Admin: "鈴木"}
	assert.Equal(t, "event_text", data.AsError(s.AssessThreat(&noText, "")).Field, "an event no example fits is described")

	both := data.ThreatAssessment{CaseID: c.ID, Basis: data.BasisEvent, Examples: []string{l3}, Level: 3, EventText: "x",
		Stage: data.StageFormal, Officer: "山田", Admin: "鈴木"}
	assert.Equal(t, "examples", data.AsError(s.AssessThreat(&both, "")).Field)

	formal := data.ThreatAssessment{CaseID: c.ID, Basis: data.BasisEvent, Level: 2, EventText: "表にない事象",
		Stage: data.StageFormal, Officer: "山田", Admin: "鈴木", By: "山田"}
	require.NoError(t, s.AssessThreat(&formal, "判定"), "the 判定 after an estimate is no revision: no reason")

	again := formal
	again.ID, again.Level = 0, 3
	assert.Equal(t, "reason", data.AsError(s.AssessThreat(&again, "")).Field, "a second 判定 revises the first")
	again.Reason = "被害の範囲が判明"
	require.NoError(t, s.AssessThreat(&again, ""))

	ts, err := s.ThreatAssessments(c.ID)
	require.NoError(t, err)
	require.Len(t, ts, 3)
	f, e := data.CurrentJudgement(ts)
	require.NotNil(t, f)
	assert.Nil(t, e)
	assert.Equal(t, data.ThreatLevel(3), f.Level)
	assert.True(t, ts[0].Provisional())
}

func TestMisconductRecordsSurviveExportAndImport(t *testing.T) {
	src, _ := MustCreate(t)
	c := newCase("県からの通報", data.ClassMisconduct, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	c.Origin, c.NoticeFrom, c.NoticeAt, c.NoticeText = data.OriginPrefecture, "宮城県 市町村課 高橋",
		time.Date(2026, 11, 27, 8, 50, 0, 0, jst), "貴市CSから深夜の照会が続いている"
	require.NoError(t, src.CreateCase(c))
	resp := data.MisconductResponse{CaseID: c.ID, Impact: data.ImpactYes, ImpactText: "本人確認情報約300件が照会された",
		Agency: "○○市 税務課", RequestText: "報告の聴取及び調査", RequestedAt: time.Date(2026, 11, 28, 10, 0, 0, 0, jst),
		AgencyReport: "職員の処分と権限の見直しを実施", AgencyReportAt: time.Date(2026, 12, 3, 15, 0, 0, 0, jst)}
	require.NoError(t, src.SaveMisconductResponse(&resp, ""))
	require.NoError(t, src.AssessThreat(&data.ThreatAssessment{CaseID: c.ID, Examples: []string{exampleOfLevel(2)}, Stage: data.StageProvisional, By: "山田"}, ""))
	require.NoError(t, src.AssessThreat(&data.ThreatAssessment{CaseID: c.ID, Basis: data.BasisEvent, Level: 3, EventText: "表にない事象",
		Stage: data.StageFormal, Officer: "山田", Admin: "鈴木", By: "山田"}, ""))

	x, err := src.ExportCase(c.ID)
	require.NoError(t, err)
	b, err := json.Marshal(x)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"misconduct_response"`)
	var back data.CaseExport
	require.NoError(t, json.Unmarshal(b, &back))

	dst, _ := MustCreate(t)
	got, err := dst.ImportCase(&back, "a.json")
	require.NoError(t, err)
	assert.Equal(t, data.OriginPrefecture, got.Origin)
	assert.Equal(t, c.NoticeFrom, got.NoticeFrom)
	assert.True(t, c.NoticeAt.Equal(got.NoticeAt))
	assert.Equal(t, c.NoticeText, got.NoticeText)
	r, err := dst.MisconductResponse(got.ID)
	require.NoError(t, err)
	assert.Equal(t, resp.Agency, r.Agency)
	assert.Equal(t, resp.AgencyReport, r.AgencyReport)
	assert.True(t, resp.RequestedAt.Equal(r.RequestedAt))
	assert.Equal(t, data.ImpactYes, r.Impact)
	ts, err := dst.ThreatAssessments(got.ID)
	require.NoError(t, err)
	require.Len(t, ts, 2)
	assert.Equal(t, data.StageProvisional, ts[0].Stage)
	assert.Equal(t, data.BasisEvent, ts[1].Basis)
	assert.Equal(t, "鈴木", ts[1].Admin)
	assert.Equal(t, "表にない事象", ts[1].EventText)
}
