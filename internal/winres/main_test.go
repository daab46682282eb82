package main

import (
	"bytes"
	"encoding/binary"
	"image/png"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestManifestIsASCII(t *testing.T) {
	id := Identity{Product: "住基ネット緊急時対応デスク", Company: "大崎市", Version: "v0.1.0-3-gabc", Numeric: Numeric("0.1.0", 133), Exe: "kinkyu-cli.exe"}
	m := Manifest(id)
	for i, r := range m {
		require.Less(t, r, rune(0x80), "non-ASCII at %d in %s", i, m)
	}
	assert.Contains(t, m, `name="jp.lg.osaki.kinkyu" version="0.1.0.133"`)

	rc := RC(id)
	assert.Contains(t, rc, `VALUE "CompanyName", "大崎市"`)
	assert.Contains(t, rc, `VALUE "ProductVersion", "v0.1.0-3-gabc"`)
	assert.Contains(t, rc, "FILEVERSION 0,1,0,133")
	assert.Contains(t, rc, `VALUE "OriginalFilename", "kinkyu-cli.exe"`)
}

func TestNumeric(t *testing.T) {
	assert.Equal(t, [4]int{1, 2, 3, 9}, Numeric("1.2.3-rc1", 9))
	assert.Equal(t, [4]int{0, 1, 0, 0}, Numeric("0.1", 0))
}

func TestICO(t *testing.T) {
	src, err := os.ReadFile("../../icons/kinkyu.png")
	require.NoError(t, err)
	ico, err := ICO(src, 256, 16)
	require.NoError(t, err)
	require.Equal(t, uint16(2), binary.LittleEndian.Uint16(ico[4:]))
	// The second entry: 16×16, its PNG where the directory says.
	e := ico[6+16:]
	assert.Equal(t, byte(16), e[0])
	size, off := binary.LittleEndian.Uint32(e[8:]), binary.LittleEndian.Uint32(e[12:])
	img, err := png.Decode(bytes.NewReader(ico[off : off+size]))
	require.NoError(t, err)
	assert.Equal(t, 16, img.Bounds().Dx())
	assert.Equal(t, byte(0), ico[6], "256 is written as 0")
}
