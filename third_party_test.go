package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGLFWPatchTreeHash: Go caches the cgo build of go-gl/glfw by the
// package's own Go and C files, not by the C sources it #includes from
// glfw/ (go-gl/glfw#269). third_party/glfw/kinkyu_tree.go holds a hash of
// that tree so that a change to a patched C file changes a Go file too and is
// compiled; this test fails when the hash was not brought up to date. The
// hash is what `cd third_party/glfw && find glfw -type f | LC_ALL=C sort |
// xargs sha256sum | sha256sum` prints.
func TestGLFWPatchTreeHash(t *testing.T) {
	root := filepath.Join("third_party", "glfw")
	var files []string
	require.NoError(t, filepath.WalkDir(filepath.Join(root, "glfw"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		files = append(files, filepath.ToSlash(rel))
		return err
	}))
	sort.Strings(files)
	list := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		require.NoError(t, err)
		sum := sha256.Sum256(b)
		fmt.Fprintf(list, "%s  %s\n", hex.EncodeToString(sum[:]), f)
	}
	want := hex.EncodeToString(list.Sum(nil))

	src, err := os.ReadFile(filepath.Join(root, "kinkyu_tree.go"))
	require.NoError(t, err)
	m := regexp.MustCompile(`kinkyuTreeSHA256 = "([0-9a-f]{64})"`).FindSubmatch(src)
	require.NotNil(t, m, "kinkyu_tree.go names the hash")
	assert.Equal(t, want, string(m[1]), "third_party/glfw/glfw changed: put the new hash in third_party/glfw/kinkyu_tree.go")
}
