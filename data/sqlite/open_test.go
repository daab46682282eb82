package sqlite_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// filled makes a closed case file with a few cases and entries.
func filled(tb testing.TB) string {
	tb.Helper()
	s, path := MustCreate(tb)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, jst)
	for i := range 20 {
		c := newCase(fmt.Sprintf("事案その%d", i), data.ClassFailure, at.Add(time.Duration(i)*time.Hour))
		require.NoError(tb, s.CreateCase(c))
		for j := range 5 {
			require.NoError(tb, s.AddEntry(&data.Entry{CaseID: c.ID, At: c.DiscoveredAt.Add(time.Duration(j) * time.Minute), Text: fmt.Sprintf("経過 %d-%d", i, j)}))
		}
	}
	require.NoError(tb, s.Close())
	return path
}

func TestOpenRefusesAndLeavesFileUntouched(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, b, 0o600))
		return p
	}
	foreign := filepath.Join(dir, "foreign.db")
	db := rawOpenCreate(t, foreign)
	_, err := db.Exec(`CREATE TABLE t (x); INSERT INTO t VALUES (1)`)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	newer := filled(t)
	db = rawOpen(t, newer)
	_, err = db.Exec(`PRAGMA user_version = 99`)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	damaged := filled(t)
	corruptPage(t, damaged, 3)

	tests := []struct {
		name string
		path string
		code string
	}{
		{"missing", filepath.Join(dir, "nothing.kinkyu"), data.EMISSING},
		{"empty", write("empty.kinkyu", nil), data.ENOTSQLITE},
		{"text", write("notes.txt", []byte("住基ネット 障害メモ\n")), data.ENOTSQLITE},
		{"short garbage", write("garbage.kinkyu", []byte("SQLite format 3")), data.ENOTSQLITE},
		{"folder", dir, data.ENOTSQLITE},
		{"foreign sqlite", foreign, data.EFOREIGN},
		{"newer version", newer, data.ENEWER},
		{"damaged", damaged, data.EDAMAGED},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before [32]byte
			fi, statErr := os.Stat(tc.path)
			if statErr == nil && !fi.IsDir() {
				before = fileSum(t, tc.path)
			}
			s, err := sqlite.Open(tc.path)
			if s != nil {
				s.Close()
			}
			require.Error(t, err)
			assert.Equal(t, tc.code, data.ErrorCode(err), "%v", err)
			if statErr == nil && !fi.IsDir() {
				assert.Equal(t, before, fileSum(t, tc.path), "file must be left byte-for-byte untouched")
			}
			_, err = os.Stat(tc.path + "-journal")
			assert.True(t, os.IsNotExist(err), "no journal left behind")
			if tc.code == data.EMISSING {
				_, err := os.Stat(tc.path)
				assert.True(t, os.IsNotExist(err), "a missing file is not created")
			}
		})
	}
}

// corruptPage overwrites one database page with garbage, keeping the header.
func corruptPage(tb testing.TB, path string, page int) {
	tb.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	require.NoError(tb, err)
	defer f.Close()
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7 + 3)
	}
	_, err = f.WriteAt(garbage, int64(page-1)*4096)
	require.NoError(tb, err)
}

func TestAuditChainDetectsTampering(t *testing.T) {
	tests := []struct {
		name    string
		tamper  string
		wantBad int64 // 0: the exact seq is computed by the case
	}{
		{"changed detail", `UPDATE audit SET detail = replace(detail, '経過', '改竄') WHERE seq = 7`, 7},
		{"changed actor", `UPDATE audit SET actor = '別人' WHERE seq = 4`, 4},
		{"changed time", `UPDATE audit SET at = '2026-01-01T00:00:00.000000Z' WHERE seq = 9`, 9},
		{"deleted row", `DELETE FROM audit WHERE seq = 5`, 5},
		{"deleted first row", `DELETE FROM audit WHERE seq = 1`, 1},
		{"reordered rows", `UPDATE audit SET seq = -1 WHERE seq = 6; UPDATE audit SET seq = 6 WHERE seq = 8; UPDATE audit SET seq = 8 WHERE seq = -1`, 6},
		{"swapped contents", `UPDATE audit SET detail = (SELECT detail FROM audit WHERE seq = 11) WHERE seq = 10`, 10},
		{"cut tail", `DELETE FROM audit WHERE seq >= (SELECT max(seq) - 2 FROM audit)`, -3},
		// (a hash that already starts with 00, one file in 256, gets ff instead)
		{"forged hash", `UPDATE audit SET hash = CASE WHEN substr(hash, 1, 2) = '00' THEN 'ff' ELSE '00' END || substr(hash, 3) WHERE seq = 12`, 12},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filled(t)
			s, err := sqlite.Open(path)
			require.NoError(t, err)
			rep, err := s.Check()
			require.NoError(t, err)
			require.True(t, rep.OK(), "intact before tampering: %+v", rep)
			total := rep.Head.Seq
			require.NoError(t, s.Close())

			db := rawOpen(t, path)
			_, err = db.Exec(`DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; ` + tc.tamper)
			require.NoError(t, err)
			require.NoError(t, db.Close())

			s, err = sqlite.Open(path)
			require.NoError(t, err)
			defer s.Close()
			rep, err = s.Check()
			require.NoError(t, err)
			assert.True(t, rep.IntegrityOK)
			assert.False(t, rep.OK())
			want := tc.wantBad
			if want < 0 {
				want = total + want + 1 // the first event cut off
			}
			assert.Equal(t, want, rep.FirstBadSeq)
		})
	}
}

func TestCheckOfIntactFile(t *testing.T) {
	path := filled(t)
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
	assert.Equal(t, int64(1+20+100), rep.Events, "file creation, 20 cases, 100 entries")
	assert.Equal(t, rep.Events, rep.Head.Seq)
}
