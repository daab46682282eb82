//go:build !windows

package sqlite_test

import (
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// A FIFO, a device or a folder given as the case file is refused before it
// is opened: opening a FIFO would block until someone writes into it.
func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.kinkyu")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	for _, p := range []string{fifo, "/dev/zero", "/dev/null", dir} {
		for _, ro := range []bool{false, true} {
			err := openWithin(t, p, ro)
			require.Error(t, err, p)
			e := data.AsError(err)
			require.NotNil(t, e, p)
			assert.Equal(t, data.ENOTSQLITE, e.Code, p)
			assert.Equal(t, "notfile", e.Field, "%s: %v", p, err)
		}
	}
}

// usualUmask sets what a user's shell usually has, so that no test relies on
// a stricter one.
func usualUmask() { syscall.Umask(0o022) }
