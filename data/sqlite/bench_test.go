package sqlite_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// The benchmark file: 10,000 cases with 20 timeline entries each (200,000).
const (
	benchCases          = 10_000
	benchEntriesPerCase = 20
)

// benchDir holds the generated files; TestMain removes it.
var benchDir string

type generated struct {
	once sync.Once
	path string
	err  error
}

var big, realistic generated

// benchFile generates the 10,000-case benchmark file once per test process.
func benchFile(b *testing.B) string {
	return generate(b, &big, "bench.kinkyu", benchCases, benchEntriesPerCase)
}

// realisticFile is the size a city's file reaches in about ten years of real
// incidents and drills: 300 cases with 30 timeline entries each.
func realisticFile(b *testing.B) string { return generate(b, &realistic, "realistic.kinkyu", 300, 30) }

func generate(b *testing.B, g *generated, name string, cases, entries int) string {
	b.Helper()
	g.once.Do(func() {
		if benchDir == "" {
			if benchDir, g.err = os.MkdirTemp("", "kinkyu-bench-"); g.err != nil {
				return
			}
		}
		g.path = filepath.Join(benchDir, name)
		start := time.Now()
		s, err := sqlite.Create(g.path)
		if err != nil {
			g.err = err
			return
		}
		defer s.Close()
		g.err = s.Generate(cases, entries, 42)
		st, _ := os.Stat(g.path)
		b.Logf("generated %d cases, %d entries, %.1f MB in %v", cases, cases*entries,
			float64(st.Size())/1e6, time.Since(start).Round(time.Millisecond))
	})
	require.NoError(b, g.err)
	return g.path
}

func openBench(b *testing.B) *sqlite.Store {
	s, err := sqlite.Open(benchFile(b))
	require.NoError(b, err)
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkOpenAndFirstPage: what the officer waits for when the app starts:
// open the file (header checks and quick_check) and read the first page of the
// case list with its total count.
func BenchmarkOpenAndFirstPage(b *testing.B) { benchOpen(b, benchFile(b)) }

// BenchmarkOpenAndFirstPageRealistic: the same on a file of realistic size.
func BenchmarkOpenAndFirstPageRealistic(b *testing.B) { benchOpen(b, realisticFile(b)) }

func benchOpen(b *testing.B, path string) {
	b.ResetTimer()
	for b.Loop() {
		s, err := sqlite.Open(path)
		require.NoError(b, err)
		list, err := s.Cases(data.CaseFilter{Limit: 50})
		require.NoError(b, err)
		require.Len(b, list, 50)
		_, err = s.CountCases(data.CaseFilter{})
		require.NoError(b, err)
		s.Close()
	}
}

// BenchmarkFirstPage: the case list query alone on an open file (filter change).
func BenchmarkFirstPage(b *testing.B) {
	s := openBench(b)
	for b.Loop() {
		list, err := s.Cases(data.CaseFilter{Limit: 50, HideDrill: true})
		require.NoError(b, err)
		require.Len(b, list, 50)
	}
}

func benchSearch(b *testing.B, q string, wantHits bool) {
	s := openBench(b)
	var n int
	for b.Loop() {
		hits, err := s.Search(q, 50)
		require.NoError(b, err)
		n = len(hits)
	}
	require.Equal(b, wantHits, n > 0)
	b.ReportMetric(float64(n), "hits")
}

// A three-or-more-character query goes through the trigram index.
func BenchmarkSearchTrigram(b *testing.B) { benchSearch(b, "不審な操作", true) }

// A long query whose rows are all found through the index.
func BenchmarkSearchTrigramRare(b *testing.B) { benchSearch(b, "ケーブルの断線", true) }

// A two-character query cannot use trigrams and scans titles and entries.
func BenchmarkSearchTwoChars(b *testing.B) { benchSearch(b, "漏洩", true) }

// The worst case: a two-character query found nowhere reads every row.
func BenchmarkSearchTwoCharsNoHit(b *testing.B) { benchSearch(b, "皆無", false) }

// BenchmarkDurableEdit: one timeline entry, committed with its audit event and
// synced to disk (synchronous=EXTRA).
func BenchmarkDurableEdit(b *testing.B) {
	s := openBench(b)
	at := time.Now()
	for b.Loop() {
		require.NoError(b, s.AddEntry(&data.Entry{CaseID: 1, At: at, Text: "セキュリティ責任者へ電話で報告した"}))
	}
}

// BenchmarkDurableEditSmallFile: the same edit on a fresh, small case file.
func BenchmarkDurableEditSmallFile(b *testing.B) {
	s, _ := MustCreate(b)
	c := newCase("停電", data.ClassFailure, time.Now())
	require.NoError(b, s.CreateCase(c))
	for b.Loop() {
		require.NoError(b, s.AddEntry(&data.Entry{CaseID: c.ID, At: time.Now(), Text: "セキュリティ責任者へ電話で報告した"}))
	}
}

// BenchmarkCheck: `kinkyu check` on the 10,000-case file: quick_check, the
// whole audit chain, and every row compared with the chain (issue #15).
func BenchmarkCheck(b *testing.B) { benchCheck(b, benchFile(b)) }

// BenchmarkCheckRealistic: the same on a file of realistic size (≤ 1 s).
func BenchmarkCheckRealistic(b *testing.B) { benchCheck(b, realisticFile(b)) }

func benchCheck(b *testing.B, path string) {
	s, err := sqlite.Open(path)
	require.NoError(b, err)
	defer s.Close()
	var rep data.CheckReport
	for b.Loop() {
		rep, err = s.Check()
		require.NoError(b, err)
	}
	require.True(b, rep.OK())
	b.ReportMetric(float64(rep.Rows), "rows")
	b.ReportMetric(float64(rep.Events), "events")
}
