//go:build !windows

package data

import (
	"os"
	"syscall"
)

func createExclusive(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
}

func openForLock(name string) (*os.File, error) {
	return os.OpenFile(name, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

// lockTemp takes an exclusive advisory lock (flock) on the whole file
// without waiting; it is released when f is closed (or its process dies).
// flock does not touch SQLite's own fcntl locks.
func lockTemp(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

// removeLocked removes path while f holds its lock.
func removeLocked(_ *os.File, path string) error { return os.Remove(path) }

func ownedByMe(st os.FileInfo) bool {
	s, ok := st.Sys().(*syscall.Stat_t)
	return ok && int(s.Uid) == os.Getuid()
}
