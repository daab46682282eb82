package sqlite

import (
	"database/sql"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/osaki-city/kinkyu/data"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations are the numbered files in migrations/, in order; the number of a
// file is the schema version (PRAGMA user_version) it produces.
var migrations = func() []migration {
	entries, err := migrationFS.ReadDir("migrations")
	if err != nil {
		panic(err) // embedded at build time: cannot fail at run time
	}
	var ms []migration
	for _, e := range entries {
		n, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			panic("migration without a number: " + e.Name())
		}
		b, _ := migrationFS.ReadFile("migrations/" + e.Name())
		ms = append(ms, migration{version: n, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			panic("migrations must be numbered 1, 2, 3…: " + m.name)
		}
	}
	return ms
}()

// LatestVersion is the schema version this build writes.
func LatestVersion() int { return len(migrations) }

// migrate brings a file at schema version from up to the latest in one
// transaction. An existing file is first copied with VACUUM INTO next to itself,
// so a failed or unwanted upgrade can be undone by hand.
func (s *Store) migrate(from int) error { return s.migrateTo(from, LatestVersion()) }

func (s *Store) migrateTo(from, to int) error {
	backup := ""
	if from > 0 {
		// The name carries the file's change counter (it goes up with every
		// commit): a migration killed before it committed left the file as
		// it was, and the backup made then is used again, not written anew.
		// The rest is unique (to the nanosecond, plus a random part), so two
		// opens in the same second never collide.
		counter, err := changeCounter(s.path)
		if err != nil {
			return err
		}
		prefix := fmt.Sprintf("%s.v%d-c%d-", s.path, from, counter)
		if old, _ := filepath.Glob(globEscape(prefix) + "*.bak"); len(old) == 0 {
			backup = prefix + uniqueStamp() + ".bak"
			if err := s.vacuumInto(backup); err != nil {
				return fmt.Errorf("back up before migration: %w", err)
			}
		}
	}
	err := s.migrateTx(from, to)
	if err != nil && backup != "" {
		// The transaction was rolled back: the file is as it was, and the
		// copy would only pile up with each attempt.
		os.Remove(backup)
	}
	return err
}

func (s *Store) migrateTx(from, to int) error {
	// A file that already binds its rows is checked first: the rows that no
	// longer match the chain keep their old binding (and go on failing
	// check), the others are bound again as the migration left them.
	skip := map[string]bool{}
	if from >= bindVersion {
		_, bad, _, bs, err := s.verifyAudit()
		if err != nil {
			return err
		}
		if bad == 0 {
			_, problems, _, err := s.verifyRows(bs, -1)
			if err != nil {
				return err
			}
			for _, p := range problems {
				skip[p.Table+"\t"+p.rawKey] = true
			}
		}
	}
	return s.tx("migrate "+s.path, func(tx *sql.Tx) error {
		for _, m := range migrations[from:to] {
			if _, err := tx.Exec(m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
		}
		if from == 0 {
			if _, err := tx.Exec(fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", to)); err != nil {
			return err
		}
		action := "file.migrate"
		if from == 0 {
			action = "file.create"
		}
		detail := map[string]int{"from": from, "to": to}
		if to < bindVersion {
			return s.appendAuditRows(tx, action, "file", detail, "", false)
		}
		rows, err := baseline(tx, skip)
		if err != nil {
			return fmt.Errorf("bind rows: %w", err)
		}
		return s.appendAuditRows(tx, action, "file", detail, rows, true)
	})
}

// vacuumInto writes a consistent copy of the open file to path (which must
// not exist). The copy is built in a hidden 0600 temporary file in the same
// folder and appears at path only when complete: a killed process leaves no
// partial copy under the name, and nothing readable by others.
func (s *Store) vacuumInto(path string) error {
	data.SweepTemps(filepath.Dir(path))
	if _, err := os.Lstat(path); err == nil {
		return &data.Error{Code: data.EEXISTS, Err: fmt.Errorf("save copy %s: already exists", path)}
	}
	tmp, err := tempBeside(path)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(tmp.Name())
	if err != nil {
		discard(tmp)
		return &data.Error{Code: data.EINTERNAL, Err: err}
	}
	// VACUUM INTO fills the empty file we created (keeping its mode), while
	// we hold it locked.
	if _, err := s.db.Exec("VACUUM INTO ?", abs); err != nil {
		discard(tmp)
		return sqlError("save copy "+path, err)
	}
	return publish(tmp, path)
}

// SaveCopy writes a consistent, self-contained copy of the case file to path.
func (s *Store) SaveCopy(path string) error { return s.vacuumInto(path) }

// CreateAtVersion makes a case file of an older schema at path, as an
// earlier release of the app wrote it: for the tests of the migration path
// (also those that run the command line on it). The app never calls it.
func CreateAtVersion(path string, version int) error {
	if version < 1 || version > LatestVersion() {
		return &data.Error{Code: data.EINTERNAL, Err: fmt.Errorf("create case file %s: no schema %d", path, version)}
	}
	return buildAt(path, version)
}

func buildAt(path string, version int) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return fileError("create case file", path, err)
	}
	f.Close()
	s, err := connect(path, "rw")
	if err != nil {
		os.Remove(path)
		return err
	}
	defer s.Close()
	return s.migrateTo(0, version)
}
