package sqlite_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// FuzzOpen hands Open arbitrary bytes as a case file. Whatever they are, Open
// must not panic; when it refuses, the file must be byte for byte what it was
// and nothing may be left beside it (no journal, no backup); when it accepts,
// the file must answer a full check and a read.
func FuzzOpen(f *testing.F) {
	// A fresh case file: the smallest valid input, so that mutations are fast.
	s, path := MustCreate(f)
	if err := s.Close(); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte("SQLite format 3\x00"))
	f.Add(good[:100])
	f.Add(good[:4096])
	for _, at := range []int{18, 19, 20, 28, 56, 60, 68, 4096 + 10, 3 * 4096} {
		bad := bytes.Clone(good)
		if at < len(bad) {
			bad[at] ^= 0xFF
		}
		f.Add(bad)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "事案.kinkyu")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := sqlite.Open(path)
		if err != nil {
			if data.ErrorCode(err) == "" {
				t.Fatal("an error without a code")
			}
			after, rerr := os.ReadFile(path)
			if rerr != nil || !bytes.Equal(after, b) {
				t.Fatalf("a refused file was changed (%v): %v", err, rerr)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Fatalf("refusing left files behind: %v", entries)
			}
			return
		}
		defer s.Close()
		if _, err := s.Check(); err != nil {
			t.Logf("accepted file fails its check with an error: %v", err)
		}
		if _, err := s.Cases(data.CaseFilter{}); err != nil {
			t.Logf("accepted file cannot list cases: %v", err)
		}
	})
}
