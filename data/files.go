package data

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Read caps: what the app reads whole into memory from a file the user names.
// A PKCS#12 identity is a few kilobytes, a report PDF a few hundred; anything
// far larger is not one of them, and reading it whole would only exhaust
// memory.
const (
	MaxP12Bytes = 1 << 20   // 1 MiB
	MaxPDFBytes = 256 << 20 // 256 MiB
)

// CheckRegularFile refuses, before the file is opened, anything but a regular
// file (a folder, a named pipe, a device, a socket): opening a FIFO would
// block until someone writes to it, and a device never ends. field names the
// input for the message ("p12", "pdf", "export", "file"); a missing file is
// EMISSING. Symbolic links are followed.
func CheckRegularFile(path, field string) (os.FileInfo, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &Error{Code: EMISSING, Field: field, Err: fmt.Errorf("read %s: %w", path, err)}
		}
		return nil, &Error{Code: EINTERNAL, Field: field, Err: fmt.Errorf("read %s: %w", path, err)}
	}
	if !st.Mode().IsRegular() {
		return nil, NotRegular(path, field, st.Mode())
	}
	return st, nil
}

// NotRegular is the error for a path that is not a regular file.
func NotRegular(path, field string, mode os.FileMode) *Error {
	kind := "special file"
	switch {
	case mode.IsDir():
		kind = "folder"
	case mode&os.ModeNamedPipe != 0:
		kind = "named pipe (FIFO)"
	case mode&os.ModeDevice != 0:
		kind = "device"
	case mode&os.ModeSocket != 0:
		kind = "socket"
	}
	return &Error{Code: EINVALID, Field: field, Rule: "notfile", Err: fmt.Errorf("%s is a %s, not a regular file", path, kind)}
}

// ReadRegularFile reads a regular file of at most limit bytes. It refuses a
// folder, FIFO or device before opening it (CheckRegularFile), checks again
// on the opened file (the path may have been swapped), and never reads more
// than limit+1 bytes: a larger file is refused with Rule "toolarge".
func ReadRegularFile(path, field string, limit int64) ([]byte, error) {
	st, err := CheckRegularFile(path, field)
	if err != nil {
		return nil, err
	}
	if st.Size() > limit {
		return nil, tooLarge(path, field, limit)
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, &Error{Code: EMISSING, Field: field, Err: fmt.Errorf("read %s: %w", path, err)}
		}
		return nil, &Error{Code: EINTERNAL, Field: field, Err: fmt.Errorf("read %s: %w", path, err)}
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		mode := os.ModeIrregular
		if st != nil {
			mode = st.Mode()
		}
		return nil, NotRegular(path, field, mode)
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &Error{Code: EINTERNAL, Field: field, Err: fmt.Errorf("read %s: %w", path, err)}
	}
	if int64(len(b)) > limit {
		return nil, tooLarge(path, field, limit)
	}
	return b, nil
}

func tooLarge(path, field string, limit int64) *Error {
	return &Error{Code: EINVALID, Field: field, Rule: "toolarge", Err: fmt.Errorf("%s is larger than %d bytes", path, limit)}
}
