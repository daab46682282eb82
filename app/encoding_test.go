package app

import (
	"bytes"
	"os"
	"path/filepath"

	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"
)

func TestEncodingCP932(t *testing.T) {
	path := demoFile(t)

	code, utf8Out, errOut := runCLI(t, "cases", "--file", path)
	require.Equal(t, 0, code, errOut)

	code, sjis, errOut := runCLI(t, "--encoding", "cp932", "cases", "--file", path)
	require.Equal(t, 0, code, errOut)
	assert.NotContains(t, sjis, "事案番号", "CP932 output is not UTF-8")
	decoded, err := japanese.ShiftJIS.NewDecoder().String(sjis)
	require.NoError(t, err)
	assert.Equal(t, utf8Out, decoded)

	// Errors follow the encoding too, and the option may come last.
	code, _, errOut = runCLI(t, "cases", "--file", path+".none", "--encoding=cp932")
	assert.Equal(t, 1, code)
	decoded, err = japanese.ShiftJIS.NewDecoder().String(errOut)
	require.NoError(t, err)
	assert.Contains(t, decoded, "エラー")

	code, _, errOut = runCLI(t, "--encoding", "ebcdic", "cases", "--file", path)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "ebcdic")
}

// A character CP932 lacks prints as "?" rather than failing the command.
func TestEncodingCP932Unsupported(t *testing.T) {
	var buf bytes.Buffer
	w, done, err := outputEncoding(&buf, "CP932")
	require.NoError(t, err)
	_, err = w.Write([]byte("𠮷野家 ①"))
	require.NoError(t, err)
	done()
	got, err := japanese.ShiftJIS.NewDecoder().String(buf.String())
	require.NoError(t, err)
	assert.Equal(t, "?野家 ①", got)
}

func TestIsCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"--file", "F"}, false},
		{[]string{"--demo"}, false},
		{[]string{"--lang", "en", "--file", "F"}, false},
		{[]string{"cases", "--file", "F"}, true},
		{[]string{"--lang", "en", "cases"}, true},
		{[]string{"--lang=en", "check", "--file", "F"}, true},
		{[]string{"--encoding", "cp932", "cases"}, true},
		{[]string{"--help"}, true},
		{[]string{"--file", "F", "-h"}, true},
	} {
		assert.Equal(t, tc.want, isCommand(tc.args), "%q", tc.args)
	}
}

func TestRemoveTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kinkyu-demo-1")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sub", "デモ.kinkyu"), []byte("x"), 0o600))
	require.NoError(t, removeTree(dir))
	assert.NoDirExists(t, dir)
	require.NoError(t, removeTree(dir), "nothing to remove is no error")
}
