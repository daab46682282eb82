package icons

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/draw"
)

// At 16 px (a title bar, the Windows task bar at 100 %) the mark must still
// stand out: a light vertical bar with a dot under it, on a red square.
func TestIconReadsAt16px(t *testing.T) {
	src, err := png.Decode(bytes.NewReader(appIcon))
	require.NoError(t, err)
	small := image.NewRGBA(image.Rect(0, 0, 16, 16))
	draw.CatmullRom.Scale(small, small.Bounds(), src, src.Bounds(), draw.Over, nil)

	light := func(x, y int) bool {
		r, g, b, a := small.At(x, y).RGBA()
		return a > 0xC000 && r > 0xC000 && g > 0xC000 && b > 0xC000
	}
	red := func(x, y int) bool {
		c := color.RGBAModel.Convert(small.At(x, y)).(color.RGBA)
		return c.A > 0xC0 && c.R > 0x90 && c.G < 0x60 && c.B < 0x60
	}
	var column []bool
	for y := range 16 {
		column = append(column, light(7, y) || light(8, y))
	}
	// the bar, a gap, the dot
	assert.True(t, column[4] && column[6] && column[8], "the bar is light: %v", column)
	assert.False(t, column[10], "a gap between bar and dot: %v", column)
	assert.True(t, column[12], "the dot is light: %v", column)
	for _, p := range [][2]int{{3, 3}, {12, 3}, {3, 12}, {12, 12}, {4, 8}, {11, 8}} {
		assert.True(t, red(p[0], p[1]), "red around the mark at %v", p)
	}
}
