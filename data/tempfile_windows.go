//go:build windows

package data

import (
	"os"

	"golang.org/x/sys/windows"
)

// createExclusive creates name (a new file, with the folder's ACL) shared
// for deletion, so that it can be renamed or removed while it is held open
// and locked. Not FILE_ATTRIBUTE_HIDDEN: the final file is a hard link to
// it (or it renamed) and would keep the attribute.
func createExclusive(name string) (*os.File, error) {
	return openShared(name, windows.GENERIC_READ|windows.GENERIC_WRITE, windows.CREATE_NEW, windows.FILE_ATTRIBUTE_NORMAL)
}

func openForLock(name string) (*os.File, error) {
	return openShared(name, windows.GENERIC_READ|windows.DELETE, windows.OPEN_EXISTING, windows.FILE_FLAG_OPEN_REPARSE_POINT)
}

func openShared(name string, access, disposition, flags uint32) (*os.File, error) {
	p, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	h, err := windows.CreateFile(p, access, windows.FILE_SHARE_READ|windows.FILE_SHARE_WRITE|windows.FILE_SHARE_DELETE, nil, disposition, flags, 0)
	if err != nil {
		if err == windows.ERROR_FILE_EXISTS {
			err = os.ErrExist
		}
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(h), name), nil
}

// lockTemp locks one byte far beyond the end of the file without waiting
// (Windows locks are mandatory: they must not cover bytes SQLite writes);
// it is released when f is closed (or its process dies).
func lockTemp(f *os.File) error {
	ol := &windows.Overlapped{Offset: 0, OffsetHigh: 0x7FFFFFF0}
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
}

// removeLocked removes path while f holds its lock: every handle of it
// shares deletion, so the name goes at once (or when the last one closes).
func removeLocked(_ *os.File, path string) error { return os.Remove(path) }

// ownedByMe: the folder's ACL decides on Windows; the name and the lock do
// the rest.
func ownedByMe(os.FileInfo) bool { return true }
