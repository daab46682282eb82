package data

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Files the app writes (case files, backups, documents, exports) are built
// in a hidden temporary file beside the final one and appear under the final
// name only when complete. The temporary file is named
//
//	.<final name>.<digits>.kinkyu-tmp
//
// is created 0600, and is held under an exclusive lock (flock, LockFileEx)
// for as long as it is being written. A run that was killed leaves such a
// file behind: SweepTemps removes it on a later run, and only it: a file
// with exactly that name, regular, the user's own, whose lock can be taken
// (so no live process is writing it).

// TempSuffix ends the name of every temporary file the app builds a file in.
const TempSuffix = ".kinkyu-tmp"

// reTemp matches the temporary files of CreateTemp, and SQLite's journal
// beside one (a case file being built).
var reTemp = regexp.MustCompile(`^\..+\.[0-9]{1,20}\.kinkyu-tmp(-journal)?$`)

// reLegacyTemp matches the temporary files of earlier versions of the app
// (".<name>.<digits>.tmp", not locked), for case files and their backups.
var reLegacyTemp = regexp.MustCompile(`^\..*\.kinkyu(\..*\.bak(-journal)?)?\.[0-9]{1,20}\.tmp(-journal)?$`)

// legacyTempAge is how old a temporary file of an earlier version must be
// before it is taken for abandoned: those were written without a lock.
const legacyTempAge = time.Hour

// OnTempsRemoved, when set, is told which abandoned temporary files
// SweepTemps removed (the CLI prints one line).
var OnTempsRemoved func(removed []string)

// CreateTemp creates the temporary file to build path in: hidden, in path's
// folder, 0600 from its first byte, open for reading and writing, and locked
// until it is closed.
func CreateTemp(path string) (*os.File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	var lastErr error
	for try := 0; try < 100; try++ {
		var r [4]byte
		_, _ = rand.Read(r[:])
		name := filepath.Join(dir, "."+base+"."+strconv.FormatUint(uint64(binary.BigEndian.Uint32(r[:])), 10)+TempSuffix)
		f, err := createExclusive(name)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		// Another run's SweepTemps may have taken the new, still unlocked
		// file between its creation and the lock (and removed it): then
		// start again with another name.
		if err := lockTemp(f); err != nil {
			f.Close()
			lastErr = err
			continue
		}
		if st, err := os.Lstat(name); err != nil || !sameFile(f, st) {
			f.Close()
			lastErr = errors.New("the temporary file was removed while it was being created")
			continue
		}
		return f, nil
	}
	if lastErr == nil {
		lastErr = os.ErrExist
	}
	return nil, &os.PathError{Op: "create", Path: path, Err: lastErr}
}

func sameFile(f *os.File, st os.FileInfo) bool {
	fst, err := f.Stat()
	return err == nil && os.SameFile(fst, st)
}

// SweepTemps removes from dir the temporary files runs of the app that were
// killed left behind, and returns their paths. It removes a file only when
// its name is exactly that of a temporary file of CreateTemp (or SQLite's
// journal beside one that is gone), it is a regular file owned by this user,
// and its lock can be taken: a file another live run is writing is left
// alone. Errors are ignored: nothing is removed that is not certain.
func SweepTemps(dir string) []string {
	if dir == "" {
		dir = "."
	}
	es, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed, journals []string
	for _, e := range es {
		name := e.Name()
		if !strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(dir, name)
		switch {
		case reTemp.MatchString(name):
			if strings.HasSuffix(name, "-journal") {
				journals = append(journals, path)
				continue
			}
			if removeUnlocked(path) {
				removed = append(removed, path)
			}
		case reLegacyTemp.MatchString(name):
			st, err := os.Lstat(path)
			if err == nil && st.Mode().IsRegular() && ownedByMe(st) && time.Since(st.ModTime()) > legacyTempAge && os.Remove(path) == nil {
				removed = append(removed, path)
			}
		}
	}
	// SQLite's journal of a case file being built is removed once the file
	// it belongs to is gone (its builder holds that file locked while the
	// journal exists).
	for _, j := range journals {
		if _, err := os.Lstat(strings.TrimSuffix(j, "-journal")); !errors.Is(err, os.ErrNotExist) {
			continue
		}
		st, err := os.Lstat(j)
		if err == nil && st.Mode().IsRegular() && ownedByMe(st) && os.Remove(j) == nil {
			removed = append(removed, j)
		}
	}
	if len(removed) > 0 && OnTempsRemoved != nil {
		OnTempsRemoved(removed)
	}
	return removed
}

// removeUnlocked removes path when it is a regular file of this user that no
// process holds locked, holding its lock while it does so.
func removeUnlocked(path string) bool {
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() || !ownedByMe(st) {
		return false
	}
	f, err := openForLock(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if lockTemp(f) != nil {
		return false // a live run is writing it
	}
	// The name may have been given to another file since the Lstat.
	if st2, err := os.Lstat(path); err != nil || !os.SameFile(st, st2) || !sameFile(f, st2) {
		return false
	}
	return removeLocked(f, path) == nil
}
