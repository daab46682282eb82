package i18n

import (
	"os"
	"syscall"
	"unsafe"
)

// releasePages lets the kernel drop the resident pages of b, a part of the
// program's read-only data: they are read again from the executable if b is
// used later. The UI works on patched copies of the Gothic fonts, so the
// embedded originals need not stay in memory (9 MB) unless a PDF is made.
func releasePages(b []byte) {
	if len(b) == 0 {
		return
	}
	page := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(&b[0]))
	first := (start+page-1)&^(page-1) - start
	last := (start+uintptr(len(b)))&^(page-1) - start
	if last <= first {
		return
	}
	_ = syscall.Madvise(b[first:last], syscall.MADV_DONTNEED)
}
