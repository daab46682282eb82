package sqlite_test

import (
	"crypto/sha256"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

var jst = time.FixedZone("JST", 9*3600)

// MustCreate makes a new case file in a temporary folder.
func MustCreate(tb testing.TB) (*sqlite.Store, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "事案 ファイル.kinkyu")
	s, err := sqlite.Create(path)
	require.NoError(tb, err)
	s.SetActor("山田（セキュリティ責任者）")
	tb.Cleanup(func() { s.Close() })
	return s, path
}

func newCase(title string, class data.Class, at time.Time) *data.Case {
	return &data.Case{Title: title, Class: class, DiscoveredAt: at}
}

func TestCreateNumbersCasesWithinTheYear(t *testing.T) {
	s, _ := MustCreate(t)
	a := newCase("CS端末への不審な操作", data.ClassMisconduct, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	b := newCase("回線断", data.ClassFailure, time.Date(2026, 11, 28, 9, 0, 0, 0, jst))
	c := newCase("停電", data.ClassFailure, time.Date(2027, 1, 4, 9, 0, 0, 0, jst))
	for _, x := range []*data.Case{a, b, c} {
		require.NoError(t, s.CreateCase(x))
	}
	assert.Equal(t, "2026-001", a.Number)
	assert.Equal(t, "2026-002", b.Number)
	assert.Equal(t, "2027-001", c.Number)
	assert.Equal(t, data.StatusOpen, a.Status)

	got, err := s.CaseByNumber("2026-002")
	require.NoError(t, err)
	assert.Equal(t, "回線断", got.Title)
	assert.True(t, got.DiscoveredAt.Equal(b.DiscoveredAt))

	list, err := s.Cases(data.CaseFilter{})
	require.NoError(t, err)
	require.Len(t, list, 3)
	assert.Equal(t, []string{"2027-001", "2026-002", "2026-001"}, []string{list[0].Number, list[1].Number, list[2].Number})

	_, err = s.Case(999)
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(err))
}

func TestFiltersAndDrill(t *testing.T) {
	s, _ := MustCreate(t)
	at := time.Date(2026, 4, 1, 10, 0, 0, 0, jst)
	drill := newCase("訓練：停電", data.ClassFailure, at)
	drill.Drill = true
	require.NoError(t, s.CreateCase(drill))
	require.NoError(t, s.CreateCase(newCase("ウイルス検出", data.ClassMisconduct, at.Add(time.Hour))))
	closed := newCase("回線断", data.ClassFailure, at.Add(2*time.Hour))
	closed.Status = data.StatusClosed
	require.NoError(t, s.CreateCase(closed))

	count := func(f data.CaseFilter) int {
		n, err := s.CountCases(f)
		require.NoError(t, err)
		list, err := s.Cases(f)
		require.NoError(t, err)
		require.Len(t, list, n)
		return n
	}
	assert.Equal(t, 3, count(data.CaseFilter{}))
	assert.Equal(t, 2, count(data.CaseFilter{HideDrill: true}))
	assert.Equal(t, 2, count(data.CaseFilter{Class: data.ClassFailure}))
	assert.Equal(t, 1, count(data.CaseFilter{Class: data.ClassFailure, HideDrill: true}))
	assert.Equal(t, 1, count(data.CaseFilter{Status: data.StatusClosed}))
	page, err := s.Cases(data.CaseFilter{Limit: 1, Offset: 1})
	require.NoError(t, err)
	require.Len(t, page, 1)
	assert.Equal(t, "ウイルス検出", page[0].Title)
}

func TestValidationKeepsDataIntact(t *testing.T) {
	s, _ := MustCreate(t)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, jst)
	cases := []struct {
		name  string
		c     data.Case
		field string
		rule  string
	}{
		{"empty title", data.Case{Title: "  ", Class: data.ClassFailure, DiscoveredAt: at}, "title", "required"},
		{"huge title", data.Case{Title: strings.Repeat("障", 1<<20), Class: data.ClassFailure, DiscoveredAt: at}, "title", "toolong"},
		{"control", data.Case{Title: "a\x00b", Class: data.ClassFailure, DiscoveredAt: at}, "title", "control"},
		{"bad utf8", data.Case{Title: "a\xffb", Class: data.ClassFailure, DiscoveredAt: at}, "title", "encoding"},
		{"no class", data.Case{Title: "x", DiscoveredAt: at}, "class", "required"},
		{"no time", data.Case{Title: "x", Class: data.ClassFailure}, "discovered_at", "required"},
		{"occurred after discovery", data.Case{Title: "x", Class: data.ClassFailure, DiscoveredAt: at, OccurredAt: at.Add(time.Minute)}, "occurred_at", "afterdiscovery"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.c
			err := s.CreateCase(&c)
			e := data.AsError(err)
			require.NotNil(t, e, "want a validation error, got %v", err)
			assert.Equal(t, data.EINVALID, e.Code)
			assert.Equal(t, tc.field, e.Field)
			assert.Equal(t, tc.rule, e.Rule)
		})
	}
	n, err := s.CountCases(data.CaseFilter{})
	require.NoError(t, err)
	assert.Zero(t, n)

	// Odd but valid Unicode is kept exactly.
	odd := "ｶﾞ\u0301👨‍👩‍👧 עברית 髙﨑"
	c := newCase(odd, data.ClassPending, at)
	require.NoError(t, s.CreateCase(c))
	got, err := s.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, odd, got.Title)
}

func TestTimelineIsAppendOnlyWithCorrections(t *testing.T) {
	s, path := MustCreate(t)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, jst)
	c := newCase("CS端末への不審な操作", data.ClassMisconduct, at)
	require.NoError(t, s.CreateCase(c))

	first := &data.Entry{CaseID: c.ID, At: at.Add(5 * time.Minute), Text: "セキュリティ責任者へ報告"}
	require.NoError(t, s.AddEntry(first))
	fix := &data.Entry{CaseID: c.ID, At: at.Add(6 * time.Minute), Text: "セキュリティ責任者へ電話で報告", Corrects: first.ID}
	require.NoError(t, s.AddEntry(fix))
	bad := &data.Entry{CaseID: c.ID, At: at, Text: "x", Corrects: 9999}
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(s.AddEntry(bad)))
	assert.Equal(t, data.EINVALID, data.ErrorCode(s.AddEntry(&data.Entry{CaseID: c.ID, At: at, Text: " "})))
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(s.AddEntry(&data.Entry{CaseID: 777, At: at, Text: "x"})))

	tl, err := s.Timeline(c.ID)
	require.NoError(t, err)
	require.Len(t, tl, 2)
	assert.Equal(t, "セキュリティ責任者へ報告", tl[0].Text)
	assert.Equal(t, first.ID, tl[1].Corrects)
	assert.Equal(t, "山田（セキュリティ責任者）", tl[0].Author)
	assert.Equal(t, data.EntryNote, tl[0].Kind)

	// The file itself refuses edits and deletions of entries and audit rows.
	require.NoError(t, s.Close())
	db := rawOpen(t, path)
	_, err = db.Exec(`UPDATE entries SET text = 'x'`)
	assert.ErrorContains(t, err, "append-only")
	_, err = db.Exec(`DELETE FROM entries`)
	assert.ErrorContains(t, err, "append-only")
	_, err = db.Exec(`UPDATE audit SET actor = 'x'`)
	assert.ErrorContains(t, err, "append-only")
	_, err = db.Exec(`DELETE FROM audit WHERE seq = 1`)
	assert.ErrorContains(t, err, "append-only")
}

func TestTimelineAfterReturnsOnlyTheNewEntriesAndTheTotal(t *testing.T) {
	s, _ := MustCreate(t)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, jst)
	c := newCase("停電", data.ClassFailure, at)
	require.NoError(t, s.CreateCase(c))
	other := newCase("別の事案", data.ClassFailure, at)
	require.NoError(t, s.CreateCase(other))
	var ids []int64
	for i, text := range []string{"一", "二", "三"} {
		e := &data.Entry{CaseID: c.ID, At: at.Add(time.Duration(i) * time.Minute), Text: text}
		require.NoError(t, s.AddEntry(e))
		ids = append(ids, e.ID)
	}
	require.NoError(t, s.AddEntry(&data.Entry{CaseID: other.ID, At: at, Text: "他"}))
	// Added later but dated before the others: new, in timeline order.
	early := &data.Entry{CaseID: c.ID, At: at.Add(-time.Hour), Text: "前"}
	require.NoError(t, s.AddEntry(early))

	added, total, err := s.TimelineAfter(c.ID, ids[1])
	require.NoError(t, err)
	assert.Equal(t, 4, total)
	require.Len(t, added, 2)
	assert.Equal(t, "前", added[0].Text)
	assert.Equal(t, "三", added[1].Text)
	assert.Equal(t, "山田（セキュリティ責任者）", added[1].Author)
	assert.True(t, at.Add(2*time.Minute).Equal(added[1].At))

	added, total, err = s.TimelineAfter(c.ID, early.ID)
	require.NoError(t, err)
	assert.Empty(t, added)
	assert.Equal(t, 4, total)
	_, _, err = s.TimelineAfter(777, 0)
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(err))
}

func TestStepsRecordWhoAndWhen(t *testing.T) {
	s, _ := MustCreate(t)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, jst)
	c := newCase("停電", data.ClassFailure, at)
	require.NoError(t, s.CreateCase(c))
	done := at.Add(10 * time.Minute)
	require.NoError(t, s.SetStep(data.StepProgress{CaseID: c.ID, StepID: "4-1", Done: true, By: "佐藤", At: done, Note: "電話で報告"}, "第4条第1号 完了"))
	steps, err := s.Steps(c.ID)
	require.NoError(t, err)
	require.Contains(t, steps, "4-1")
	assert.True(t, steps["4-1"].Done)
	assert.Equal(t, "佐藤", steps["4-1"].By)
	assert.True(t, steps["4-1"].At.Equal(done))
	require.NoError(t, s.SetStep(data.StepProgress{CaseID: c.ID, StepID: "4-1", Done: false, By: "佐藤", At: done.Add(time.Minute)}, "第4条第1号 取消"))
	steps, err = s.Steps(c.ID)
	require.NoError(t, err)
	assert.False(t, steps["4-1"].Done)
	tl, err := s.Timeline(c.ID)
	require.NoError(t, err)
	require.Len(t, tl, 2)
	assert.Equal(t, data.EntryStep, tl[0].Kind)
	assert.Equal(t, "第4条第1号 完了", tl[0].Text)
}

func TestSearch(t *testing.T) {
	s, _ := MustCreate(t)
	base := time.Date(2026, 1, 10, 9, 0, 0, 0, jst)
	older := newCase("サーバ室の停電", data.ClassFailure, base)
	newer := newCase("個人情報の漏洩の疑い", data.ClassMisconduct, base.Add(48*time.Hour))
	other := newCase("CS端末への不審な操作", data.ClassMisconduct, base.Add(24*time.Hour))
	for _, c := range []*data.Case{older, newer, other} {
		require.NoError(t, s.CreateCase(c))
	}
	require.NoError(t, s.AddEntry(&data.Entry{CaseID: older.ID, At: base, Text: "情報漏洩の可能性は低いと判断した"}))
	require.NoError(t, s.AddEntry(&data.Entry{CaseID: other.ID, At: base, Text: "ファイアウォールのログを確認"}))

	numbers := func(q string) []string {
		hits, err := s.Search(q, 10)
		require.NoError(t, err)
		var out []string
		for _, h := range hits {
			out = append(out, h.Case.Number)
		}
		return out
	}
	assert.Equal(t, []string{newer.Number, older.Number}, numbers("漏洩"), "2 characters: LIKE fallback, newest first")
	assert.Equal(t, []string{older.Number}, numbers("可能性"), "3 characters: trigram")
	assert.Equal(t, []string{other.Number}, numbers("ファイアウォール"))
	assert.Equal(t, []string{other.Number}, numbers("cs端末"), "trigram is case-insensitive")
	assert.Equal(t, []string{other.Number}, numbers("cs"), "short words are case-insensitive too")
	assert.Equal(t, []string{older.Number}, numbers("漏洩 可能性"), "all words must match")
	assert.Empty(t, numbers("存在しない語句"))
	assert.Empty(t, numbers(`"" OR * NEAR(`), "FTS syntax in a query is taken literally")
	assert.Empty(t, numbers("%"), "LIKE wildcards are taken literally")
	assert.Empty(t, numbers("   "))

	hits, err := s.Search("可能性", 10)
	require.NoError(t, err)
	require.Len(t, hits, 1)
	assert.Contains(t, hits[0].Snippet, "可能性")
	assert.NotZero(t, hits[0].EntryID)

	older.Title = "サーバ室の停電（復旧済み）"
	require.NoError(t, s.UpdateCase(older))
	assert.Equal(t, []string{older.Number}, numbers("復旧済み"), "an updated title is searchable")
	assert.Equal(t, []string{older.Number}, numbers("サーバ室"), "and only once")
}

func TestSettingsAndHead(t *testing.T) {
	s, _ := MustCreate(t)
	v, err := s.Setting(data.SettingCity, data.DefaultCity)
	require.NoError(t, err)
	assert.Equal(t, "大崎市", v)
	h0, err := s.Head()
	require.NoError(t, err)
	require.NoError(t, s.SetSetting(data.SettingCity, "栗原市"))
	v, err = s.Setting(data.SettingCity, data.DefaultCity)
	require.NoError(t, err)
	assert.Equal(t, "栗原市", v)
	h1, err := s.Head()
	require.NoError(t, err)
	assert.Equal(t, h0.Seq+1, h1.Seq)
	assert.Len(t, h1.Hash, 64)
	ev, err := s.AuditEvents(h1.Seq, 1)
	require.NoError(t, err)
	require.Len(t, ev, 1)
	assert.Equal(t, "setting.set", ev[0].Action)
	assert.Equal(t, "山田（セキュリティ責任者）", ev[0].Actor)
	assert.Equal(t, h0.Hash, ev[0].PrevHash)
}

func TestSaveCopyIsSelfContained(t *testing.T) {
	s, path := MustCreate(t)
	c := newCase("停電", data.ClassFailure, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	require.NoError(t, s.AddEntry(&data.Entry{CaseID: c.ID, At: c.DiscoveredAt, Text: "UPS切替を確認"}))

	// No journal or WAL file is left beside the case file after a commit.
	matches, _ := filepath.Glob(path + "-*")
	assert.Empty(t, matches)

	cp := filepath.Join(t.TempDir(), "コピー.kinkyu")
	require.NoError(t, s.SaveCopy(cp))
	assert.Equal(t, data.EEXISTS, data.ErrorCode(s.SaveCopy(cp)))
	st, err := os.Stat(cp)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())

	s2, err := sqlite.Open(cp)
	require.NoError(t, err)
	defer s2.Close()
	tl, err := s2.Timeline(c.ID)
	require.NoError(t, err)
	require.Len(t, tl, 1)
	rep, err := s2.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK(), "%+v", rep)
}

func TestCreateRefusesExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.kinkyu")
	require.NoError(t, os.WriteFile(path, []byte("keep me"), 0o600))
	_, err := sqlite.Create(path)
	assert.Equal(t, data.EEXISTS, data.ErrorCode(err))
	b, _ := os.ReadFile(path)
	assert.Equal(t, "keep me", string(b))
}

// rawOpen opens a file with the plain driver, as a tamperer would.
func rawOpen(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(tb, err)
	db.SetMaxOpenConns(1)
	tb.Cleanup(func() { db.Close() })
	return db
}

func fileSum(tb testing.TB, path string) [32]byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	require.NoError(tb, err)
	return sha256.Sum256(b)
}

func rawOpenCreate(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rwc")
	require.NoError(tb, err)
	db.SetMaxOpenConns(1)
	return db
}

// Times read from the file are shown in the case file's zone, whatever the
// zone they were recorded in; changing the setting changes it at once, and a
// zone the app does not know falls back to Asia/Tokyo.
func TestTimesInTheCaseFileZone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tz.kinkyu")
	s, err := sqlite.Create(path)
	require.NoError(t, err)
	defer func() { _ = s.Close() }()
	at := time.Date(2026, 12, 5, 23, 30, 0, 0, time.UTC) // 6日 8:30 in Tokyo
	c := &data.Case{Title: "時刻", Class: data.ClassFailure, Status: data.StatusOpen, DiscoveredAt: at}
	require.NoError(t, s.CreateCase(c))
	got, err := s.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "Asia/Tokyo", got.DiscoveredAt.Location().String())
	assert.Equal(t, 8, got.DiscoveredAt.Hour())
	assert.True(t, got.DiscoveredAt.Equal(at))

	require.NoError(t, s.SetSetting(data.SettingTimeZone, "Europe/London"))
	got, err = s.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, 23, got.DiscoveredAt.Hour())
	assert.Equal(t, "Europe/London", data.TimeZone(s).String())

	require.NoError(t, s.SetSetting(data.SettingTimeZone, "Mars/Olympus"))
	assert.Equal(t, "Asia/Tokyo", data.TimeZone(s).String())

	// Opened again: the setting is read from the file.
	require.NoError(t, s.SetSetting(data.SettingTimeZone, "America/New_York"))
	require.NoError(t, s.Close())
	s, err = sqlite.Open(path)
	require.NoError(t, err)
	assert.Equal(t, "America/New_York", data.TimeZone(s).String())
	got, err = s.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, 18, got.DiscoveredAt.Hour())
}
