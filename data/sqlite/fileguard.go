package sqlite

import (
	"bytes"
	"crypto/rand"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/osaki-city/kinkyu/data"
)

// What is checked before SQLite is given a case file, so that nothing is
// written to a file that is not ours or not in a state we understand:
//
//   - the path is a regular file (a FIFO would block the open, a device
//     never ends);
//   - the header says rollback-journal mode (bytes 18 and 19 are 1): SQLite
//     would rewrite the header of a WAL-mode file when it sets journal_mode;
//   - a journal beside the file (case.kinkyu-journal) is never rolled back
//     silently: both are copied aside first, and the journal is let through
//     only when its header belongs to this file (same page size, no growth of
//     the file, its copy of page 1 is this file's page 1 one commit back);
//   - the tables are those the schema version in the header has (a forged
//     application_id or user_version is refused before any backup or
//     migration).

// statCaseFile refuses a path that is not a regular file, before opening it.
func statCaseFile(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		return fileError("open case file", path, err)
	}
	if !st.Mode().IsRegular() {
		e := data.NotRegular(path, "notfile", st.Mode())
		return &data.Error{Code: data.ENOTSQLITE, Field: "notfile", Err: e.Err}
	}
	return nil
}

// checkHeaderMode refuses a WAL-mode file (header bytes 18 and 19 are 2).
func checkHeaderMode(path string, h []byte) error {
	if h[18] != 1 || h[19] != 1 {
		return &data.Error{Code: data.EFOREIGN, Field: "wal", Err: fmt.Errorf("open case file %s: file format %d/%d (WAL mode): case files use a rollback journal", path, h[18], h[19])}
	}
	return nil
}

// Recovery tells what happened to a journal left beside a case file by a
// write that did not finish: the file and the journal were copied aside and
// SQLite rolled the file back to its last commit.
type Recovery struct {
	File, Journal         string // the case file and its journal
	FileCopy, JournalCopy string // the copies made before the rollback
}

// OnRecovered, when set, is called after a case file was rolled back with
// its journal, so that the user is told (the CLI prints it).
var OnRecovered func(Recovery)

var journalMagic = []byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}

// checkJournal looks for a hot journal beside path. With none it returns nil.
// Otherwise the case file and the journal are copied aside (0600), and the
// journal is let through (SQLite rolls it back when the file is opened) only
// when it matches this file; else the open is refused with EDAMAGED, field
// "journal", and neither file is touched.
func checkJournal(path string) (*Recovery, error) {
	jpath := path + "-journal"
	st, err := os.Lstat(jpath)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fileError("open case file", jpath, err)
	}
	if !st.Mode().IsRegular() {
		return nil, &data.Error{Code: data.EDAMAGED, Field: "journal", Err: fmt.Errorf("open case file %s: %s is not a regular file", path, jpath)}
	}
	j, err := readCapped(jpath, st.Size())
	if err != nil {
		return nil, fileError("open case file", jpath, err)
	}
	// SQLite ignores an empty journal and one whose first byte is zero (its
	// header was zeroed at commit): nothing would be applied.
	if len(j) == 0 || j[0] == 0 {
		return nil, nil
	}
	db, err := readCapped(path, 1<<16+100)
	if err != nil {
		return nil, fileError("open case file", path, err)
	}
	fst, err := os.Stat(path)
	if err != nil {
		return nil, fileError("open case file", path, err)
	}
	rec := &Recovery{File: path, Journal: jpath}
	rec.FileCopy, rec.JournalCopy, err = copyAside(path, jpath)
	if err != nil {
		return nil, err
	}
	if why := journalMismatch(db, fst.Size(), j); why != "" {
		return rec, &data.Error{Code: data.EDAMAGED, Field: "journal",
			Err: fmt.Errorf("open case file %s: the journal %s does not belong to this file (%s); copies kept as %s and %s", path, jpath, why, rec.FileCopy, rec.JournalCopy)}
	}
	return rec, nil
}

// journalMismatch says why journal j cannot be this file's (db is the start
// of the file, size its length), or "" when it matches.
func journalMismatch(db []byte, size int64, j []byte) string {
	if len(db) < 100 || !bytes.Equal(db[:16], sqliteMagic) {
		return "the file has no SQLite header"
	}
	if len(j) < 28 || !bytes.Equal(j[:8], journalMagic) {
		return "no journal header"
	}
	pageSize := int64(binary.BigEndian.Uint16(db[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	jPageSize := int64(binary.BigEndian.Uint32(j[24:28]))
	if jPageSize != pageSize {
		return fmt.Sprintf("page size %d, the file's is %d", jPageSize, pageSize)
	}
	pages := size / pageSize
	off := int64(0)
	var page1 []byte
	for off+28 <= int64(len(j)) && bytes.Equal(j[off:off+8], journalMagic) {
		nRec := int64(binary.BigEndian.Uint32(j[off+8 : off+12]))
		mxPg := int64(binary.BigEndian.Uint32(j[off+16 : off+20]))
		sector := int64(binary.BigEndian.Uint32(j[off+20 : off+24]))
		if sector < 32 || sector > 65536 || sector&(sector-1) != 0 {
			return fmt.Sprintf("sector size %d", sector)
		}
		if int64(binary.BigEndian.Uint32(j[off+24:off+28])) != pageSize {
			return "page sizes differ between journal headers"
		}
		// A rollback truncates (or extends) the file to its size before the
		// transaction; our files only grow within one, so a journal that
		// would make the file larger is another file's.
		if mxPg > pages {
			return fmt.Sprintf("it would grow the file from %d to %d pages", pages, mxPg)
		}
		rec := pageSize + 8
		if nRec == 0xFFFFFFFF {
			nRec = (int64(len(j)) - off - sector) / rec
		}
		p := off + sector
		for n := int64(0); n < nRec && p+rec <= int64(len(j)); n++ {
			pgno := int64(binary.BigEndian.Uint32(j[p : p+4]))
			if pgno == 0 || pgno > mxPg {
				return fmt.Sprintf("page %d outside the file's %d pages", pgno, mxPg)
			}
			if pgno == 1 && page1 == nil {
				page1 = j[p+4 : p+4+pageSize]
			}
			p += rec
		}
		if nRec == 0 {
			break
		}
		off = (p + sector - 1) / sector * sector
	}
	if page1 == nil {
		return "" // no page is restored: at most the file is cut back to its size before the write
	}
	switch {
	case !bytes.Equal(page1[:16], sqliteMagic):
		return "its page 1 is not an SQLite header"
	case !bytes.Equal(page1[68:72], db[68:72]):
		return "its page 1 has another application_id"
	case !bytes.Equal(page1[16:18], db[16:18]):
		return "its page 1 has another page size"
	}
	// The change counter (offset 24) goes up by one at each commit: the
	// journal holds page 1 as it was before the write that did not finish.
	cj := binary.BigEndian.Uint32(page1[24:28])
	cd := binary.BigEndian.Uint32(db[24:28])
	if cd != cj && cd != cj+1 {
		return fmt.Sprintf("its page 1 is from change %d, the file is at change %d", cj, cd)
	}
	return ""
}

// readCapped reads at most n bytes of a file.
func readCapped(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

// copyAside copies the case file and its journal next to them, each through
// a 0600 temporary file renamed when complete.
func copyAside(path, jpath string) (string, string, error) {
	stamp := uniqueStamp()
	fileCopy := path + ".journal-" + stamp + ".bak"
	journalCopy := fileCopy + "-journal"
	for _, c := range [][2]string{{path, fileCopy}, {jpath, journalCopy}} {
		if err := copyFileNew(c[0], c[1]); err != nil {
			return "", "", err
		}
	}
	return fileCopy, journalCopy, nil
}

// copyFileNew copies src to a new file dst, built in a 0600 temporary file.
func copyFileNew(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return fileError("copy", src, err)
	}
	defer in.Close()
	return writeNew(dst, func(f *os.File) error {
		_, err := io.Copy(f, in)
		return err
	})
}

// uniqueStamp is a time stamp to the nanosecond plus a random suffix, for
// file names that must never collide (two opens within a second).
func uniqueStamp() string {
	var r [3]byte
	_, _ = rand.Read(r[:])
	return time.Now().Format("20060102-150405.000000000") + "-" + hex.EncodeToString(r[:])
}

// tempBeside creates the hidden 0600 file (".name.*.kinkyu-tmp") to build
// path in, locked while it is written (data.CreateTemp). Its callers first
// remove the temporary files killed runs left in that folder
// (data.SweepTemps).
func tempBeside(path string) (*os.File, error) {
	f, err := data.CreateTemp(path)
	if err != nil {
		return nil, fileError("create", path, err)
	}
	return f, nil
}

// discard removes the temporary file tmp (and SQLite's journal beside it)
// and lets go of it.
func discard(tmp *os.File) {
	os.Remove(tmp.Name())
	os.Remove(tmp.Name() + "-journal")
	tmp.Close()
}

// publish moves the complete temporary file tmp to path, refusing to
// replace an existing path (EEXISTS), and syncs the folder. tmp is synced
// first, and closed (its lock released) when it is no longer under its
// temporary name; it is removed on error.
func publish(tmp *os.File, path string) error {
	name := tmp.Name()
	if err := tmp.Sync(); err != nil {
		discard(tmp)
		return fileError("sync", path, err)
	}
	// A hard link fails when path exists, so nothing is replaced; a file
	// system without links (FAT on a USB stick) falls back to a rename after
	// a check.
	if err := os.Link(name, path); err == nil {
		os.Remove(name)
	} else if errors.Is(err, os.ErrExist) {
		discard(tmp)
		return &data.Error{Code: data.EEXISTS, Err: fmt.Errorf("save %s: already exists", path)}
	} else {
		if _, err := os.Lstat(path); err == nil {
			discard(tmp)
			return &data.Error{Code: data.EEXISTS, Err: fmt.Errorf("save %s: already exists", path)}
		}
		if err := os.Rename(name, path); err != nil {
			discard(tmp)
			return fileError("save", path, err)
		}
	}
	tmp.Close()
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// writeNew builds a new file at path through a 0600 temporary file in the
// same folder: fill writes its content; the file appears at path only when
// complete, and never replaces one.
func writeNew(path string, fill func(*os.File) error) error {
	data.SweepTemps(filepath.Dir(path))
	if _, err := os.Lstat(path); err == nil {
		return &data.Error{Code: data.EEXISTS, Err: fmt.Errorf("save %s: already exists", path)}
	}
	tmp, err := tempBeside(path)
	if err != nil {
		return err
	}
	if err := fill(tmp); err != nil {
		discard(tmp)
		if data.AsError(err) != nil {
			return err
		}
		return fileError("write", path, err)
	}
	return publish(tmp, path)
}

// expectedTables is the set of table names each schema version has, made by
// running the migrations on an empty database in memory once per version.
var expectedTables = struct {
	sync.Mutex
	byVersion map[int][]string
}{byVersion: map[int][]string{}}

func tablesAt(version int) ([]string, error) {
	expectedTables.Lock()
	defer expectedTables.Unlock()
	if t, ok := expectedTables.byVersion[version]; ok {
		return t, nil
	}
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, m := range migrations[:version] {
		if _, err := db.Exec(m.sql); err != nil {
			return nil, fmt.Errorf("migration %s in memory: %w", m.name, err)
		}
	}
	t, err := tableNames(db)
	if err != nil {
		return nil, err
	}
	expectedTables.byVersion[version] = t
	return t, nil
}

func tableNames(db *sql.DB) ([]string, error) {
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// checkSchema refuses a file whose tables are not those of the schema
// version its header claims: an SQLite file given our application_id, or a
// case file whose user_version was changed. It only reads.
func (s *Store) checkSchema(version int) error {
	want, err := tablesAt(version)
	if err != nil {
		return &data.Error{Code: data.EINTERNAL, Err: err}
	}
	have, err := tableNames(s.db)
	if err != nil {
		return sqlError("open case file "+s.path, err)
	}
	if !slices.Equal(want, have) {
		return &data.Error{Code: data.EFOREIGN, Field: "schema",
			Err: fmt.Errorf("open case file %s: its tables %v are not those of schema %d %v", s.path, have, version, want)}
	}
	return nil
}

// BuildNew makes a new case file at path whole or not at all: the file is
// created under a hidden temporary name in the same folder (0600, locked
// while it is built), filled by fill (if not nil), closed, and only then
// moved to path (which must not exist). A killed process leaves no partial
// case file under the name, and nothing readable by others; the next run
// removes the temporary file; on error nothing is left.
func BuildNew(path string, fill func(*Store) error) (err error) {
	data.SweepTemps(filepath.Dir(path))
	if _, err := os.Lstat(path); err == nil {
		return &data.Error{Code: data.EEXISTS, Err: fmt.Errorf("create case file %s: already exists", path)}
	}
	tmp, err := tempBeside(path)
	if err != nil {
		return err
	}
	s, err := createIn(tmp.Name())
	if err != nil {
		discard(tmp)
		return err
	}
	if fill != nil {
		if err := fill(s); err != nil {
			s.Close()
			discard(tmp)
			return err
		}
	}
	if err := s.Close(); err != nil {
		discard(tmp)
		return sqlError("create case file "+path, err)
	}
	return publish(tmp, path)
}

// changeCounter reads the file change counter of the SQLite header.
func changeCounter(path string) (uint32, error) {
	h, err := readCapped(path, 100)
	if err != nil {
		return 0, fileError("open case file", path, err)
	}
	if len(h) < 100 {
		return 0, &data.Error{Code: data.ENOTSQLITE, Err: fmt.Errorf("open case file %s: short header", path)}
	}
	return binary.BigEndian.Uint32(h[24:28]), nil
}

// globEscape quotes the characters filepath.Glob treats specially.
func globEscape(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '?', '[', '\\':
			if filepath.Separator != '\\' {
				b = append(b, '\\')
			} else if s[i] != '\\' {
				b = append(b, '[', s[i], ']')
				continue
			}
		}
		b = append(b, s[i])
	}
	return string(b)
}
