//go:build !windows

package sqlite

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/osaki-city/kinkyu/data"
)

// lockFile takes the case file for this process: an exclusive advisory lock
// (flock) on the file, held until the returned file is closed. A second app
// on the same file is refused with ELOCKED instead of writing alongside the
// first. flock does not touch SQLite's own fcntl locks, so readers such as
// `kinkyu cases` still work while the window is open. Opening the file for
// writing also tells a write-protected file from a writable one.
func lockFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		if errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS) {
			return nil, &data.Error{Code: data.EREADONLY, Err: fmt.Errorf("open case file %s: %w", path, err)}
		}
		return nil, fileError("open case file", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &data.Error{Code: data.ELOCKED, Err: fmt.Errorf("open case file %s: in use by another process", path)}
		}
		return nil, &data.Error{Code: data.EINTERNAL, Err: fmt.Errorf("lock case file %s: %w", path, err)}
	}
	return f, nil
}
