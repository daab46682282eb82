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

func TestDocNumbersAreNeverGivenTwice(t *testing.T) {
	s, _ := MustCreate(t)
	c := newCase("CS端末への不審な操作", data.ClassMisconduct, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, jst)

	n1, err := s.IssueDocNumber(data.DocMisconductReport, c.ID, "", at)
	require.NoError(t, err)
	n2, err := s.IssueDocNumber(data.DocMisconductReport, c.ID, "", at)
	require.NoError(t, err)
	assert.Equal(t, "大住第1号", n1)
	assert.Equal(t, "大住第2号", n2)

	// A number typed from the 文書管理 system is kept as typed, once.
	m, err := s.IssueDocNumber(data.DocMisconductReport, c.ID, " 大崎市住第4567号 ", at)
	require.NoError(t, err)
	assert.Equal(t, "大崎市住第4567号", m)
	_, err = s.IssueDocNumber(data.DocFailureReport, 0, "大崎市住第4567号", at)
	assert.Equal(t, data.EEXISTS, data.ErrorCode(err))
	assert.Equal(t, "doc_number", data.AsError(err).Field)
	// Numbers start again each 年度 (from 1 April): the same text in the next
	// 年度 is another document's number, as in the 文書管理 register.
	_, err = s.IssueDocNumber(data.DocFailureReport, 0, "大崎市住第4567号", time.Date(2027, 4, 1, 9, 0, 0, 0, jst))
	require.NoError(t, err)
	// Typing a number the register gave is refused too.
	_, err = s.IssueDocNumber(data.DocMisconductReport, c.ID, "大住第2号", at)
	assert.Equal(t, data.EEXISTS, data.ErrorCode(err))

	// A typed number that reads like the next one is skipped, not given again.
	_, err = s.IssueDocNumber(data.DocMisconductReport, c.ID, "大住第3号", at)
	require.NoError(t, err)
	n4, err := s.IssueDocNumber(data.DocMisconductReport, c.ID, "", at)
	require.NoError(t, err)
	assert.Equal(t, "大住第4号", n4)

	// The 記号 is a setting of the case file.
	require.NoError(t, s.SetSetting(data.SettingLetterSymbol, "大崎住"))
	n, err := s.IssueDocNumber(data.DocMisconductReport, c.ID, "", at)
	require.NoError(t, err)
	assert.Equal(t, "大崎住第1号", n)

	_, err = s.IssueDocNumber(data.DocMisconductReport, c.ID, "大住\n第9号", at)
	assert.Equal(t, data.EINVALID, data.ErrorCode(err))
	_, err = s.IssueDocNumber("letter", c.ID, "", at)
	assert.Equal(t, data.EINVALID, data.ErrorCode(err))
	_, err = s.IssueDocNumber(data.DocMisconductReport, 999, "", at)
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(err))

	// The UNIQUE constraint holds even against a write that skips the store,
	// and the register cannot be edited afterwards.
	s.Close()
	db, err := sql.Open("sqlite3", "file:"+s.Path()+"?mode=rw")
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(`INSERT INTO doc_numbers (number, symbol, fiscal_year, serial, manual, kind, case_id, at, created_at, by)
		VALUES ('大住第1号', '', 2026, 0, 1, 'misconduct_report', NULL, '', '', '')`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "UNIQUE")
	_, err = db.Exec(`UPDATE doc_numbers SET number = '大住第100号' WHERE number = '大住第1号'`)
	require.Error(t, err)
	_, err = db.Exec(`DELETE FROM doc_numbers`)
	require.Error(t, err)
}

func TestDocNumbersStartAgainEachFiscalYear(t *testing.T) {
	s, _ := MustCreate(t)
	c := newCase("年度をまたぐ事案", data.ClassFailure, time.Date(2027, 3, 31, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	// 3/31 23:59 JST is 年度 2026 (令和8年度); 4/1 00:00 JST is 年度 2027,
	// though both are 3/31 in UTC: the 年度 is the case file's zone's.
	before := time.Date(2027, 3, 31, 23, 59, 0, 0, jst)
	after := time.Date(2027, 4, 1, 0, 0, 0, 0, jst)
	for i := range 3 {
		n, err := s.IssueDocNumber(data.DocFailureReport, c.ID, "", before.UTC())
		require.NoError(t, err)
		assert.Equal(t, data.FormatDocNumber("大住", 1+i), n)
	}
	n, err := s.IssueDocNumber(data.DocFailureReport, c.ID, "", after.UTC())
	require.NoError(t, err)
	assert.Equal(t, "大住第1号", n, "the new 年度 starts again at 1")
	n, err = s.IssueDocNumber(data.DocFailureReport, c.ID, "", after.Add(time.Hour))
	require.NoError(t, err)
	assert.Equal(t, "大住第2号", n)
	// Each 年度 goes on from its own last number.
	n, err = s.IssueDocNumber(data.DocFailureReport, c.ID, "", before)
	require.NoError(t, err)
	assert.Equal(t, "大住第4号", n)

	assert.Equal(t, 2026, data.FiscalYear(before))
	assert.Equal(t, 2027, data.FiscalYear(after))
	assert.Equal(t, 2026, data.FiscalYear(after.UTC()), "in UTC it is still 3/31")
}

func version(caseID int64, no int, at time.Time) *data.ReportVersion {
	return &data.ReportVersion{CaseID: caseID, Kind: data.DocMisconductReport, No: no, ReportedAt: at,
		Reporter: "佐藤（住基ネット担当者）", Addressee: "宮城県知事", Snapshot: []byte(`{"no":` + string(rune('0'+no)) + `}`)}
}

func TestReportVersionsAreFrozenAndNumbered(t *testing.T) {
	s, _ := MustCreate(t)
	c := newCase("CS端末への不審な操作", data.ClassMisconduct, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))

	v1 := version(c.ID, 1, time.Date(2026, 11, 27, 11, 15, 0, 0, jst))
	require.NoError(t, s.RecordReportVersion(v1, "第1報を報告（報告先: 宮城県知事）"))
	assert.Equal(t, "大住第1号", v1.Number, "an empty number is issued from the register")
	assert.Equal(t, "山田（セキュリティ責任者）", v1.By)

	// A number the register gave for this case is taken as it is.
	pending, err := s.PendingDocNumber(c.ID, data.DocMisconductReport)
	require.NoError(t, err)
	assert.Empty(t, pending, "大住第1号 is 第1報's")
	n, err := s.IssueDocNumber(data.DocMisconductReport, c.ID, "", time.Date(2026, 11, 28, 9, 0, 0, 0, jst))
	require.NoError(t, err)
	pending, err = s.PendingDocNumber(c.ID, data.DocMisconductReport)
	require.NoError(t, err)
	assert.Equal(t, n, pending, "given for a draft, not used yet")
	pending, err = s.PendingDocNumber(c.ID, data.DocFailureReport)
	require.NoError(t, err)
	assert.Empty(t, pending, "another kind's numbers are not this report's")
	v2 := version(c.ID, 2, time.Date(2026, 11, 28, 9, 30, 0, 0, jst))
	v2.Number = n
	require.NoError(t, s.RecordReportVersion(v2, ""))
	assert.Equal(t, "大住第2号", v2.Number)
	pending, err = s.PendingDocNumber(c.ID, data.DocMisconductReport)
	require.NoError(t, err)
	assert.Empty(t, pending, "used by 第2報")

	// A number used by a version, or typed again, is refused.
	v3 := version(c.ID, 3, time.Date(2026, 11, 29, 9, 0, 0, 0, jst))
	v3.Number = "大住第1号"
	err = s.RecordReportVersion(v3, "")
	assert.Equal(t, data.EEXISTS, data.ErrorCode(err))
	// A typed number is registered with the version.
	v3.Number = "大崎市住第88号"
	v3.Final = true
	require.NoError(t, s.RecordReportVersion(v3, "最終報を報告"))
	_, err = s.IssueDocNumber(data.DocMisconductReport, c.ID, "大崎市住第88号", time.Now())
	assert.Equal(t, data.EEXISTS, data.ErrorCode(err))

	// Nothing after the 最終報, nor a number recorded already.
	err = s.RecordReportVersion(version(c.ID, 4, time.Date(2026, 11, 30, 9, 0, 0, 0, jst)), "")
	assert.Equal(t, "afterfinal", data.AsError(err).Rule)
	d := newCase("別の事案", data.ClassMisconduct, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(d))
	require.NoError(t, s.RecordReportVersion(version(d.ID, 2, time.Date(2026, 11, 27, 10, 0, 0, 0, jst)), ""))
	err = s.RecordReportVersion(version(d.ID, 1, time.Date(2026, 11, 27, 11, 0, 0, 0, jst)), "")
	assert.Equal(t, "recorded", data.AsError(err).Rule)
	err = s.RecordReportVersion(version(d.ID, 2, time.Date(2026, 11, 27, 11, 0, 0, 0, jst)), "")
	assert.Equal(t, "recorded", data.AsError(err).Rule)
	// A number the register gave for another case is not this one's.
	other, err := s.IssueDocNumber(data.DocMisconductReport, c.ID, "", time.Now())
	require.NoError(t, err)
	v := version(d.ID, 3, time.Date(2026, 11, 27, 12, 0, 0, 0, jst))
	v.Number = other
	assert.Equal(t, data.EEXISTS, data.ErrorCode(s.RecordReportVersion(v, "")))
	noSnap := version(d.ID, 3, time.Date(2026, 11, 27, 12, 0, 0, 0, jst))
	noSnap.Snapshot = nil
	assert.Equal(t, data.EINVALID, data.ErrorCode(s.RecordReportVersion(noSnap, "")))

	list, err := s.ReportVersions(c.ID)
	require.NoError(t, err)
	require.Len(t, list, 3)
	assert.Equal(t, []int{1, 2, 3}, []int{list[0].No, list[1].No, list[2].No})
	assert.Equal(t, []string{"大住第1号", "大住第2号", "大崎市住第88号"}, []string{list[0].Number, list[1].Number, list[2].Number})
	assert.True(t, list[2].Final)
	assert.False(t, list[0].Final)
	assert.Equal(t, v1.Snapshot, list[0].Snapshot)
	assert.True(t, list[0].ReportedAt.Equal(v1.ReportedAt))
	assert.Equal(t, "宮城県知事", list[0].Addressee)
	assert.Equal(t, "佐藤（住基ネット担当者）", list[0].Reporter)

	// The recording is on the timeline and in the (intact) audit log.
	tl, err := s.Timeline(c.ID)
	require.NoError(t, err)
	var texts []string
	for _, e := range tl {
		texts = append(texts, e.Kind+":"+e.Text)
	}
	assert.Contains(t, texts, "report:第1報を報告（報告先: 宮城県知事）")
	ev, err := s.AuditEvents(1, 0)
	require.NoError(t, err)
	var recorded int
	for _, e := range ev {
		if e.Action == "report.version" {
			recorded++
			assert.Contains(t, e.Detail, "snapshot_sha256")
		}
	}
	assert.Equal(t, 4, recorded)
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())

	// A recorded version cannot be changed, even around the store.
	s.Close()
	db, err := sql.Open("sqlite3", "file:"+s.Path()+"?mode=rw")
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(`UPDATE report_versions SET addressee = '改ざん'`)
	require.Error(t, err)
	_, err = db.Exec(`DELETE FROM report_versions`)
	require.Error(t, err)
}

func TestDocumentLinesAreBookkeeping(t *testing.T) {
	s, _ := MustCreate(t)
	c := newCase("回線断", data.ClassFailure, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	require.NoError(t, s.RecordDocument(&data.Document{CaseID: c.ID, Kind: data.DocFailureReport, FileName: "障害発生報告書.pdf", SHA256: hexSum("pdf")},
		"障害発生報告書を作成（障害発生報告書.pdf、SHA-256: 0123…）"))
	tl, err := s.Timeline(c.ID)
	require.NoError(t, err)
	require.Len(t, tl, 1)
	assert.Equal(t, data.EntryDocument, tl[0].Kind, "the documents' 経過 leaves it out by its kind")
}

func TestMigrationFromSchema5KeepsDataAndAddsTheRegister(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "第5版.kinkyu")
	require.NoError(t, sqlite.CreateAtVersion(path, 5))
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO cases (number, title, class, status, discovered_at, occurred_at, zone, drill, created_at, updated_at)
		VALUES ('2026-001', '第5版の事案', 'misconduct', 'open', '2026-04-01T00:00:00.000000Z', '', 'Asia/Tokyo', 0, '2026-04-01T00:00:00.000000Z', '2026-04-01T00:00:00.000000Z')`)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO misconduct_reports (case_id, discovery_note, device, location, details, expected_damage, measures, measures_text,
			reporter, reported_to, reported_at, report_no)
		VALUES (1, '', 'CS端末', '', '', '', '', '', '佐藤', '宮城県', '2026-04-01T02:00:00.000000Z', 1)`)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO entries (case_id, at, kind, text, author, corrects, recorded_at)
		VALUES (1, '2026-04-01T03:00:00.000000Z', 'report', '不正行為発生報告書を作成（a.pdf、SHA-256: 0123…）', '山田', NULL, '2026-04-01T03:00:00.000000Z')`)
	require.NoError(t, err)
	_, err = db.Exec(`SELECT 1 FROM report_versions`)
	require.Error(t, err, "schema 5 has no report versions")
	require.NoError(t, db.Close())

	s, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	k, err := s.CaseByNumber("2026-001")
	require.NoError(t, err)
	assert.Equal(t, "第5版の事案", k.Title)
	r, err := s.MisconductReport(k.ID)
	require.NoError(t, err)
	assert.Equal(t, "CS端末", r.Device)
	tl, err := s.Timeline(k.ID)
	require.NoError(t, err)
	require.Len(t, tl, 1)
	list, err := s.ReportVersions(k.ID)
	require.NoError(t, err)
	assert.Empty(t, list, "the report of a schema-5 file was never frozen")

	v := version(k.ID, 1, time.Date(2026, 4, 1, 11, 0, 0, 0, jst))
	require.NoError(t, s.RecordReportVersion(v, "第1報を報告"))
	assert.Equal(t, "大住第1号", v.Number)
	n, err := s.IssueDocNumber(data.DocMisconductReport, k.ID, "", time.Date(2026, 4, 2, 9, 0, 0, 0, jst))
	require.NoError(t, err)
	assert.Equal(t, "大住第2号", n)

	backups, _ := filepath.Glob(path + ".v5-*.bak")
	require.Len(t, backups, 1, "the schema-5 file is kept as a backup")
	bdb := rawOpen(t, backups[0])
	var bv int
	require.NoError(t, bdb.QueryRow(`PRAGMA user_version`).Scan(&bv))
	assert.Equal(t, 5, bv)
	var cv int
	require.NoError(t, rawOpen(t, path).QueryRow(`PRAGMA user_version`).Scan(&cv))
	assert.Equal(t, sqlite.LatestVersion(), cv)
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
	ev, err := s.AuditEvents(1, 0)
	require.NoError(t, err)
	var migrated bool
	for _, e := range ev {
		migrated = migrated || e.Action == "file.migrate" && strings.Contains(e.Detail, `"from":5`)
	}
	assert.True(t, migrated)
}
