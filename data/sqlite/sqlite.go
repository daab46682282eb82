// Package sqlite is the case file: one SQLite file holding cases, their
// procedure progress, the timeline, settings and the hash-chained audit log.
package sqlite

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/osaki-city/kinkyu/data"
)

// ApplicationID marks a case file ("KNKY") in the SQLite header, so a file of
// another program is recognised before anything is written to it.
const ApplicationID = 0x4B4E4B59

// sqliteMagic starts every SQLite 3 database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Store implements data.Store on one SQLite file.
type Store struct {
	db       *sql.DB
	path     string
	lock     *os.File // holds the file for this process; nil when read-only
	readOnly bool

	// bound: the file binds its rows to the audit chain (bindVersion on, opened
	// for writing); shapes are its bound tables (bind.go). Both are set
	// before any goroutine can write, and shapes only inside a transaction.
	bound  bool
	shapes []tableShape

	mu    sync.Mutex // guards actor
	actor string

	// zone is the case file's time zone (data.SettingTimeZone), read when the
	// file is opened and when the setting changes: every time read from the
	// file is shown in it. Not read on demand: the one connection may be
	// inside a transaction.
	zone atomic.Pointer[time.Location]
}

var _ data.Store = (*Store)(nil)

// dsn builds the connection string. The file is opened read-write but never
// created (mode=rw), so a mistyped path is an error instead of a new empty file.
//
// journal_mode=DELETE, not WAL: after every commit the whole case file is in the
// one .kinkyu file, so copying it to a USB stick (what officers do) never leaves
// committed edits behind in a -wal file. synchronous=EXTRA also syncs the
// directory after the journal is deleted, so a commit survives a power cut.
func dsn(path, mode string) string {
	u := url.URL{Scheme: "file", OmitHost: true, Path: path}
	q := url.Values{}
	q.Set("mode", mode)
	q.Set("_journal_mode", "DELETE")
	q.Set("_synchronous", "EXTRA")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "5000")
	q.Set("_txlock", "immediate")
	return u.String() + "?" + q.Encode()
}

// Open opens an existing case file. It refuses, leaving the file untouched, a
// missing file, a file that is not SQLite, an SQLite file of another program,
// a file from a newer version of the app, and a damaged file. An older schema is
// migrated after a backup copy is written next to the file.
func Open(path string) (*Store, error) {
	version, err := inspectHeader(path)
	if err != nil {
		return nil, err
	}
	if version > LatestVersion() {
		return nil, &data.Error{Code: data.ENEWER, Err: fmt.Errorf("open case file %s: schema %d, this app knows up to %d", path, version, LatestVersion())}
	}
	lock, err := lockFile(path)
	if err != nil {
		return nil, err
	}
	// Temporary files a killed backup, migration or demo left beside it.
	data.SweepTemps(filepath.Dir(path))
	// With the lock held no app of ours is writing: a journal now is left
	// over from a write that did not finish (or was put there).
	rec, err := checkJournal(path)
	if err != nil {
		lock.Close()
		return nil, err
	}
	s, err := connect(path, "rw")
	if err != nil {
		lock.Close()
		return nil, err
	}
	s.lock = lock
	if rec != nil {
		// SQLite rolls the file back to its last commit on the first read.
		if _, err := s.quickCheck(); err != nil {
			s.Close()
			return nil, sqlError("roll back "+path, err)
		}
		if _, err := os.Stat(rec.Journal); err == nil {
			s.Close()
			return nil, &data.Error{Code: data.EDAMAGED, Field: "journal", Err: fmt.Errorf("open case file %s: the journal was not applied; copies kept as %s and %s", path, rec.FileCopy, rec.JournalCopy)}
		}
		if OnRecovered != nil {
			OnRecovered(*rec)
		}
		// The header read above may have been the unfinished write's.
		if version, err = inspectHeader(path); err != nil {
			s.Close()
			return nil, err
		}
		if version > LatestVersion() {
			s.Close()
			return nil, &data.Error{Code: data.ENEWER, Err: fmt.Errorf("open case file %s: schema %d, this app knows up to %d", path, version, LatestVersion())}
		}
	}
	if err := s.checkSchema(version); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.checkPages(); err != nil {
		s.Close()
		return nil, err
	}
	if version < LatestVersion() {
		if err := s.migrate(version); err != nil {
			s.Close()
			return nil, err
		}
	}
	s.bound = true
	s.loadZone()
	return s, nil
}

// OpenReadOnly opens an existing case file for reading only: for a file on
// write-protected media, or one another app has open. It takes no lock and
// never writes; every change is refused with EREADONLY. A file of an older
// schema cannot be read this way (it would need migrating).
func OpenReadOnly(path string) (*Store, error) {
	version, err := inspectHeader(path)
	if err != nil {
		return nil, err
	}
	switch {
	case version > LatestVersion():
		return nil, &data.Error{Code: data.ENEWER, Err: fmt.Errorf("open case file %s: schema %d, this app knows up to %d", path, version, LatestVersion())}
	case version < LatestVersion():
		return nil, &data.Error{Code: data.EREADONLY, Err: fmt.Errorf("open case file %s read-only: schema %d needs migrating to %d", path, version, LatestVersion())}
	}
	s, err := connect(path, "ro")
	if err != nil {
		return nil, err
	}
	s.readOnly = true
	if err := s.checkSchema(version); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.checkPages(); err != nil {
		s.Close()
		return nil, err
	}
	s.loadZone()
	return s, nil
}

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// checkPages refuses a damaged file before anything is shown or written.
func (s *Store) checkPages() error {
	if msg, err := s.quickCheck(); err != nil || msg != "ok" {
		if err == nil {
			err = errors.New(msg)
		}
		return &data.Error{Code: data.EDAMAGED, Err: fmt.Errorf("open case file %s: %w", s.path, err)}
	}
	return nil
}

// Create makes a new, empty case file at path (path must not exist) and
// opens it. The file is built in a hidden 0600 temporary file in the same
// folder and renamed when complete (BuildNew): a killed process never leaves
// a half-made case file under the name.
func Create(path string) (*Store, error) {
	if err := BuildNew(path, nil); err != nil {
		return nil, err
	}
	return Open(path)
}

// createIn makes the schema in the empty temporary file tmp, which its
// builder holds locked (so no lockFile here: a second flock would fail).
func createIn(tmp string) (*Store, error) {
	s, err := connect(tmp, "rw")
	if err != nil {
		return nil, err
	}
	if err := s.migrate(0); err != nil {
		s.Close()
		return nil, err
	}
	s.bound = true
	s.loadZone()
	return s, nil
}

// inspectHeader reads the 100-byte SQLite header without opening the database
// and returns the schema version (user_version) of a case file.
func inspectHeader(path string) (int, error) {
	// A FIFO would block the open below, a device never end: refuse anything
	// but a regular file before opening it.
	if err := statCaseFile(path); err != nil {
		return 0, err
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, fileError("open case file", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, fileError("open case file", path, err)
	}
	if st.IsDir() {
		return 0, &data.Error{Code: data.ENOTSQLITE, Err: fmt.Errorf("open case file %s: is a folder", path)}
	}
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || !bytes.Equal(h[:16], sqliteMagic) {
		return 0, &data.Error{Code: data.ENOTSQLITE, Err: fmt.Errorf("open case file %s: not an SQLite database", path)}
	}
	if id := binary.BigEndian.Uint32(h[68:72]); id != ApplicationID {
		return 0, &data.Error{Code: data.EFOREIGN, Err: fmt.Errorf("open case file %s: application_id %#x is not a case file", path, id)}
	}
	if err := checkHeaderMode(path, h[:]); err != nil {
		return 0, err
	}
	// The application ID and schema 1 are written in one transaction, so a case
	// file below version 1 has a damaged header.
	version := int(int32(binary.BigEndian.Uint32(h[60:64])))
	if version < 1 {
		return 0, &data.Error{Code: data.EDAMAGED, Err: fmt.Errorf("open case file %s: schema version %d", path, version)}
	}
	return version, nil
}

func fileError(op, path string, err error) error {
	code := data.EINTERNAL
	switch {
	case errors.Is(err, os.ErrNotExist):
		code = data.EMISSING
	case errors.Is(err, os.ErrPermission):
		code = data.EREADONLY
	}
	return &data.Error{Code: code, Err: fmt.Errorf("%s %s: %w", op, path, err)}
}

func connect(path, mode string) (*Store, error) {
	db, err := sql.Open("sqlite3", dsn(path, mode))
	if err != nil {
		return nil, &data.Error{Code: data.EINTERNAL, Err: fmt.Errorf("open case file %s: %w", path, err)}
	}
	// One connection: the app is the only writer, and SQLite's per-connection
	// pragmas then hold for every statement.
	db.SetMaxOpenConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, sqlError("open case file "+path, err)
	}
	var sync int
	if err := db.QueryRow("PRAGMA synchronous").Scan(&sync); err != nil || sync != 3 {
		db.Close()
		return nil, &data.Error{Code: data.EINTERNAL, Err: fmt.Errorf("open case file %s: synchronous=%d, want EXTRA (%v)", path, sync, err)}
	}
	return &Store{db: db, path: path}, nil
}

// sqlError maps SQLite's result codes to the domain's.
func sqlError(op string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB:
			return &data.Error{Code: data.ENOTSQLITE, Err: fmt.Errorf("%s: %w", op, err)}
		case sqlite3.ErrCorrupt:
			return &data.Error{Code: data.EDAMAGED, Err: fmt.Errorf("%s: %w", op, err)}
		case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
			return &data.Error{Code: data.EREADONLY, Err: fmt.Errorf("%s: %w", op, err)}
		case sqlite3.ErrFull, sqlite3.ErrIoErr:
			// The transaction was rolled back: the file holds the last commit.
			return &data.Error{Code: data.EWRITE, Err: fmt.Errorf("%s: %w", op, err)}
		}
	}
	return &data.Error{Code: data.EINTERNAL, Err: fmt.Errorf("%s: %w", op, err)}
}

func (s *Store) quickCheck() (string, error) {
	var msg string
	err := s.db.QueryRow("PRAGMA quick_check(1)").Scan(&msg)
	return msg, err
}

// Path is the case file's path.
func (s *Store) Path() string { return s.path }

// SetActor names who later changes are attributed to.
func (s *Store) SetActor(name string) {
	s.mu.Lock()
	s.actor = name
	s.mu.Unlock()
}

func (s *Store) currentActor() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.actor
}

// Close closes the case file.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.lock != nil {
		s.lock.Close() // releases the lock, after SQLite has let go of the file
		s.lock = nil
	}
	return err
}

// tx runs fn in one IMMEDIATE transaction; it commits only if fn succeeds.
func (s *Store) tx(op string, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.Begin()
	if err != nil {
		return sqlError(op, err)
	}
	err = nil
	if s.bound {
		err = s.ensureBinding(tx)
	}
	if err == nil {
		err = fn(tx)
	}
	if err == nil && s.bound {
		// Rows written after the transaction's last event (or in one that
		// wrote no event) are bound by one more.
		var rows string
		if rows, err = s.takeDirty(tx); err == nil && rows != "" {
			err = s.appendAuditRows(tx, "rows.bind", "file", map[string]string{"op": op}, rows, true)
		}
	}
	if err != nil {
		tx.Rollback()
		if data.AsError(err) != nil {
			return err
		}
		return sqlError(op, err)
	}
	if err := tx.Commit(); err != nil {
		return sqlError(op, err)
	}
	return nil
}

// timeLayout is fixed-width so stored times sort correctly as text.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// parseTime reads a stored time and shows it in zone (falling back to Local).
func (s *Store) parseTime(v, zone string) time.Time {
	if v == "" {
		return time.Time{}
	}
	t, err := time.Parse(timeLayout, v)
	if err != nil {
		return time.Time{}
	}
	return t.In(s.location(zone))
}

// location is the zone a stored time is shown in: the case file's, whatever
// zone the time was recorded in (the zone column keeps that for the record).
func (s *Store) location(string) *time.Location {
	if l := s.zone.Load(); l != nil {
		return l
	}
	return data.LoadZone(data.DefaultTimeZone)
}

// loadZone reads the case file's zone, failing soft to Asia/Tokyo.
func (s *Store) loadZone() {
	name, err := s.Setting(data.SettingTimeZone, data.DefaultTimeZone)
	if err != nil {
		name = data.DefaultTimeZone
	}
	s.zone.Store(data.LoadZone(name))
}

// TimeZone is the case file's zone, as the store shows times in it.
func (s *Store) TimeZone() *time.Location { return s.location("") }

func isForeignKey(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintForeignKey
}
