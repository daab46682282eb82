//go:build unix

package forms

import (
	"os"
	"syscall"
)

// deviceOf is the device a file is on.
func deviceOf(fi os.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev)
	}
	return 0
}
