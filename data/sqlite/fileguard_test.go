package sqlite_test

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// openWithin opens path in a goroutine and fails the test if it hangs.
func openWithin(t *testing.T, path string, readOnly bool) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		var s *sqlite.Store
		var err error
		if readOnly {
			s, err = sqlite.OpenReadOnly(path)
		} else {
			s, err = sqlite.Open(path)
		}
		if s != nil {
			s.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(5 * time.Second):
		t.Fatalf("opening %s hangs", path)
		return nil
	}
}

// setHeader rewrites bytes of the SQLite header of a closed file.
func setHeader(t *testing.T, path string, off int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	require.NoError(t, err)
	_, err = f.WriteAt(b, off)
	require.NoError(t, err)
	require.NoError(t, f.Close())
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// A WAL-mode file, an SQLite file given our application_id, and a case file
// whose user_version was lowered are refused without a byte written to them,
// and without a backup or any other file made beside them.
func TestOpenRefusesWALAndForgedFilesWithoutWriting(t *testing.T) {
	wal := filled(t)
	db := rawOpen(t, wal)
	var mode string
	require.NoError(t, db.QueryRow(`PRAGMA journal_mode = WAL`).Scan(&mode))
	require.Equal(t, "wal", mode)
	require.NoError(t, db.Close())

	forged := filepath.Join(t.TempDir(), "forged.kinkyu")
	db = rawOpenCreate(t, forged)
	_, err := db.Exec(fmt.Sprintf(`CREATE TABLE cases (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO cases VALUES (1, '偽の事案');
		PRAGMA application_id = %d; PRAGMA user_version = %d`, sqlite.ApplicationID, sqlite.LatestVersion()))
	require.NoError(t, err)
	require.NoError(t, db.Close())

	lowered := filled(t)
	setHeader(t, lowered, 60, []byte{0, 0, 0, 1}) // user_version = 1 on a current file

	tests := []struct {
		name, path, code, field string
	}{
		{"wal", wal, data.EFOREIGN, "wal"},
		{"forged application_id", forged, data.EFOREIGN, "schema"},
		{"user_version lowered", lowered, data.EFOREIGN, "schema"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := fileSum(t, tc.path)
			names := dirNames(t, filepath.Dir(tc.path))
			for range 3 { // each attempt: no new backup, no change
				for _, ro := range []bool{false, true} {
					err := openWithin(t, tc.path, ro)
					require.Error(t, err)
					if ro && tc.field == "schema" && tc.name == "user_version lowered" {
						continue // read-only: refused as needing a migration
					}
					e := data.AsError(err)
					require.NotNil(t, e)
					assert.Equal(t, tc.code, e.Code, "%v", err)
					assert.Equal(t, tc.field, e.Field, "%v", err)
				}
			}
			assert.Equal(t, before, fileSum(t, tc.path), "not a byte written")
			assert.Equal(t, names, dirNames(t, filepath.Dir(tc.path)), "no backup, no -wal, no -journal")
		})
	}
}

// journalOf builds a rollback journal as SQLite writes one: the header, then
// for each page its number, its content taken from db, and its checksum.
func journalOf(db []byte, pages []int, mxPg int) []byte {
	pageSize := int(binary.BigEndian.Uint16(db[16:18]))
	const sector = 512
	nonce := uint32(0x1234567)
	var j bytes.Buffer
	h := make([]byte, sector)
	copy(h, []byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7})
	binary.BigEndian.PutUint32(h[8:], uint32(len(pages)))
	binary.BigEndian.PutUint32(h[12:], nonce)
	binary.BigEndian.PutUint32(h[16:], uint32(mxPg))
	binary.BigEndian.PutUint32(h[20:], sector)
	binary.BigEndian.PutUint32(h[24:], uint32(pageSize))
	j.Write(h)
	for _, pg := range pages {
		data := db[(pg-1)*pageSize : pg*pageSize]
		var n [4]byte
		binary.BigEndian.PutUint32(n[:], uint32(pg))
		j.Write(n[:])
		j.Write(data)
		sum := nonce
		for i := pageSize - 200; i > 0; i -= 200 {
			sum += uint32(data[i])
		}
		binary.BigEndian.PutUint32(n[:], sum)
		j.Write(n[:])
	}
	return j.Bytes()
}

func allPages(db []byte) ([]int, int) {
	pageSize := int(binary.BigEndian.Uint16(db[16:18]))
	n := len(db) / pageSize
	pages := make([]int, n)
	for i := range pages {
		pages[i] = i + 1
	}
	return pages, n
}

// A journal left beside a case file by another (larger) case file is never
// rolled into it: the open is refused with its own message, the file is not
// changed, and both are copied aside. A journal of this very file, one commit
// back, is applied, and the user is told, with the copies made before.
func TestHotJournalIsAppliedOnlyWhenItBelongsToTheFile(t *testing.T) {
	var told []sqlite.Recovery
	sqlite.OnRecovered = func(r sqlite.Recovery) { told = append(told, r) }
	t.Cleanup(func() { sqlite.OnRecovered = nil })

	small := filled(t)
	big, bigPath := MustCreate(t)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, jst)
	for i := range 60 {
		c := newCase(fmt.Sprintf("大きい事案%d", i), data.ClassFailure, at)
		require.NoError(t, big.CreateCase(c))
		require.NoError(t, big.AddEntry(&data.Entry{CaseID: c.ID, At: at, Text: strings.Repeat("経過の記録。", 200)}))
	}
	require.NoError(t, big.Close())
	bigBytes, err := os.ReadFile(bigPath)
	require.NoError(t, err)
	smallBytes, err := os.ReadFile(small)
	require.NoError(t, err)
	require.Greater(t, len(bigBytes), 2*len(smallBytes))

	t.Run("another file's journal", func(t *testing.T) {
		pages, n := allPages(bigBytes)
		require.NoError(t, os.WriteFile(small+"-journal", journalOf(bigBytes, pages, n), 0o600))
		before := fileSum(t, small)
		s, err := sqlite.Open(small)
		if s != nil {
			s.Close()
		}
		require.Error(t, err)
		e := data.AsError(err)
		require.NotNil(t, e)
		assert.Equal(t, data.EDAMAGED, e.Code)
		assert.Equal(t, "journal", e.Field)
		assert.Equal(t, before, fileSum(t, small), "the file was not changed")
		st, err := os.Stat(small)
		require.NoError(t, err)
		assert.Equal(t, int64(len(smallBytes)), st.Size())
		_, err = os.Stat(small + "-journal")
		assert.NoError(t, err, "the journal is left where it was")
		copies, _ := filepath.Glob(small + ".journal-*.bak")
		require.Len(t, copies, 1, "the file is copied aside")
		jcopies, _ := filepath.Glob(small + ".journal-*.bak-journal")
		require.Len(t, jcopies, 1, "the journal is copied aside")
		for _, c := range append(copies, jcopies...) {
			st, err := os.Stat(c)
			require.NoError(t, err)
			assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
		}
		assert.Empty(t, told)
		require.NoError(t, os.Remove(small+"-journal"))
	})

	t.Run("its own journal", func(t *testing.T) {
		// The file as it was, then one more commit: the journal holds the
		// pages as they were before that commit.
		s, err := sqlite.Open(small)
		require.NoError(t, err)
		require.NoError(t, s.Close())
		old, err := os.ReadFile(small)
		require.NoError(t, err)
		s, err = sqlite.Open(small)
		require.NoError(t, err)
		require.NoError(t, s.AddEntry(&data.Entry{CaseID: 1, At: at, Text: "途中で止まった書き込み"}))
		require.NoError(t, s.Close())
		pages, n := allPages(old)
		require.NoError(t, os.WriteFile(small+"-journal", journalOf(old, pages, n), 0o600))

		s, err = sqlite.Open(small)
		require.NoError(t, err)
		defer s.Close()
		require.Len(t, told, 1, "the user is told")
		assert.Equal(t, small, told[0].File)
		for _, c := range []string{told[0].FileCopy, told[0].JournalCopy} {
			st, err := os.Stat(c)
			require.NoError(t, err, "copy made before the rollback")
			assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
		}
		tl, err := s.Timeline(1)
		require.NoError(t, err)
		for _, e := range tl {
			assert.NotEqual(t, "途中で止まった書き込み", e.Text, "rolled back to the last commit")
		}
		rep, err := s.Check()
		require.NoError(t, err)
		assert.True(t, rep.OK(), "%+v", rep)
		_, err = os.Stat(small + "-journal")
		assert.True(t, os.IsNotExist(err), "the journal was applied")
	})
}
