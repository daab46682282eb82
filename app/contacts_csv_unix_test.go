//go:build unix

package app

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What is not a regular file is refused before it is opened: a FIFO would
// block the import for ever, /dev/zero would never end.
func TestContactsImportRefusesWhatIsNotAFile(t *testing.T) {
	path := demoFile(t)
	fifo := filepath.Join(t.TempDir(), "連絡網.csv")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	before := fileHash(t, path)
	for _, f := range []string{fifo, "/dev/zero", t.TempDir()} {
		done := make(chan struct{})
		var code int
		var errOut string
		go func() {
			code, _, errOut = runCLI(t, "contacts", "--file", path, "--import", f, "--yes")
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: the import hangs", f)
		}
		assert.Equal(t, 1, code, f)
		assert.Contains(t, errOut, "CSVファイルではありません（フォルダー、名前付きパイプ、デバイスなど）", f)
	}
	assert.Equal(t, before, fileHash(t, path))
}
