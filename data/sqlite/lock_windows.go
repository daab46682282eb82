//go:build windows

package sqlite

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/windows"

	"github.com/osaki-city/kinkyu/data"
)

// lockFile takes the case file for this process: an exclusive lock on one
// byte far beyond the end of the file (Windows locks are mandatory, so it
// must not cover bytes SQLite reads or locks), held until the returned file
// is closed. A second app on the same file is refused with ELOCKED.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return nil, &data.Error{Code: data.EREADONLY, Err: fmt.Errorf("open case file %s: %w", path, err)}
		}
		return nil, fileError("open case file", path, err)
	}
	ol := &windows.Overlapped{Offset: 0, OffsetHigh: 0x7FFFFFF0}
	err = windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if err != nil {
		f.Close()
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
			return nil, &data.Error{Code: data.ELOCKED, Err: fmt.Errorf("open case file %s: in use by another process", path)}
		}
		return nil, &data.Error{Code: data.EINTERNAL, Err: fmt.Errorf("lock case file %s: %w", path, err)}
	}
	return f, nil
}
