package i18n

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

func TestOriginalFontsAreUnchanged(t *testing.T) {
	for name, b := range map[string][]byte{"regular": GothicRegular(), "bold": GothicBold(), "mincho": Mincho()} {
		f, err := sfnt.Parse(b)
		require.NoError(t, err, name)
		m, err := f.Metrics(nil, fixed.I(2048), font.HintingNone)
		require.NoError(t, err)
		assert.Equal(t, fixed.I(246), m.Descent, "%s: the PDFs get the published metrics", name)
	}
	assert.True(t, strings.Contains(FontLicense(), "SIL OPEN FONT LICENSE Version 1.1"))
	assert.True(t, strings.Contains(FontLicense(), "BIZ UDGothic Project Authors"))
	assert.True(t, strings.Contains(FontLicense(), "BIZ UDMincho Project Authors"))
}

func TestUIFontsHaveAWiderDescender(t *testing.T) {
	for name, pair := range map[string][2][]byte{
		"regular": {GothicRegular(), UIGothicRegular()},
		"bold":    {GothicBold(), UIGothicBold()},
	} {
		orig, ui := pair[0], pair[1]
		require.NotSame(t, &orig[0], &ui[0], "%s: the original must not be patched in place", name)
		require.Len(t, ui, len(orig))

		fo, err := sfnt.Parse(orig)
		require.NoError(t, err, name)
		fu, err := sfnt.Parse(ui)
		require.NoError(t, err, name)
		mo, err := fo.Metrics(nil, fixed.I(2048), font.HintingNone)
		require.NoError(t, err)
		mu, err := fu.Metrics(nil, fixed.I(2048), font.HintingNone)
		require.NoError(t, err)
		assert.Greater(t, mu.Descent, mo.Descent, name)
		assert.Equal(t, mo.Ascent, mu.Ascent, "%s: only the descender moves", name)
		assert.Equal(t, fixed.I(246+205), mu.Descent, name)

		// The glyphs are the same and still load.
		var buf sfnt.Buffer
		for _, r := range "報告書_gyp" {
			gi, err := fu.GlyphIndex(&buf, r)
			require.NoError(t, err)
			require.NotZero(t, gi, "%s: %q", name, r)
			_, err = fu.LoadGlyph(&buf, gi, fixed.I(16), nil)
			require.NoError(t, err, "%s: %q", name, r)
		}

		// OS/2 moved with hhea, and the checksums still hold.
		tables := tableDir(t, ui)
		os2 := tables["OS/2"]
		assert.Equal(t, int16(-246-205), int16(binary.BigEndian.Uint16(ui[os2[1]+70:])), "%s: sTypoDescender", name)
		assert.Equal(t, uint16(246+205), binary.BigEndian.Uint16(ui[os2[1]+76:]), "%s: usWinDescent", name)
		for tag, r := range tables {
			if tag == "head" {
				continue // its checksum is taken with checkSumAdjustment zeroed
			}
			assert.Equal(t, uint32(r[0]), tableChecksum(ui[r[1]:r[1]+r[2]]), "%s: checksum of %s", name, tag)
		}
		assert.Equal(t, uint32(fontChecksumMagic), tableChecksum(ui), "%s: whole-font checksum", name)
	}
}

// Each call gives a copy of its own: the caller (Fyne) may drop it, and
// changing one must not change what the next caller gets.
func TestUIFontsAreFreshCopies(t *testing.T) {
	a := UIGothicRegular()
	a[0] ^= 0xFF
	b := UIGothicRegular()
	assert.NotSame(t, &a[0], &b[0])
	assert.NotEqual(t, a[0], b[0])
	assert.Equal(t, GothicRegular()[:4], b[:4])
}

func TestWidenDescenderRefusesGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("not a font at all"), bytes.Repeat([]byte{0}, 64)} {
		_, err := widenDescender(b, 0.1)
		assert.Error(t, err)
	}
	// A font whose directory points past its end.
	bad := append([]byte(nil), GothicRegular()[:1024]...)
	_, err := widenDescender(bad, 0.1)
	assert.Error(t, err)
}

// tableDir returns tag → {checksum, offset, length}.
func tableDir(t *testing.T, b []byte) map[string][3]int {
	t.Helper()
	be := binary.BigEndian
	out := map[string][3]int{}
	for i := range int(be.Uint16(b[4:])) {
		r := b[12+16*i:]
		out[string(r[:4])] = [3]int{int(be.Uint32(r[4:])), int(be.Uint32(r[8:])), int(be.Uint32(r[12:]))}
	}
	return out
}

// Once the UI has its patched copies, the pages of the embedded originals are
// handed back to the kernel (Linux): the PDFs still read the same bytes.
func TestEmbeddedFontsReadTheSameAfterTheUICopies(t *testing.T) {
	before := sha256.Sum256(GothicRegular())
	beforeBold := sha256.Sum256(GothicBold())
	require.NotEmpty(t, UIGothicRegular())
	require.NotEmpty(t, UIGothicBold())
	assert.Equal(t, before, sha256.Sum256(GothicRegular()))
	assert.Equal(t, beforeBold, sha256.Sum256(GothicBold()))
}

// Every string the UI shows must be in BIZ UD Gothic: the build leaves out
// Fyne's emoji font (the Makefile's no_emoji tag), so a character missing from
// our faces would fall back to whatever the PC has, or show as a tofu box.
func TestEveryUIStringIsInBothGothicFaces(t *testing.T) {
	var files []string
	for _, glob := range []string{"locales/*.toml", FyneTranslationsDir + "/*.json"} {
		m, err := filepath.Glob(glob)
		require.NoError(t, err)
		files = append(files, m...)
	}
	require.Greater(t, len(files), 20)
	for name, ttf := range map[string][]byte{"regular": GothicRegular(), "bold": GothicBold()} {
		f, err := sfnt.Parse(ttf)
		require.NoError(t, err)
		require.NotEmpty(t, missingGlyphs(t, f, "要確認 ⚠"), "the check must be able to fail")
		for _, file := range files {
			b, err := os.ReadFile(file)
			require.NoError(t, err)
			assert.Empty(t, missingGlyphs(t, f, string(b)), "%s: characters not in BIZ UD Gothic %s", file, name)
		}
	}
}

// missingGlyphs lists the printable characters of s that f has no glyph for.
func missingGlyphs(t *testing.T, f *sfnt.Font, s string) []string {
	t.Helper()
	var buf sfnt.Buffer
	seen := map[rune]bool{}
	var missing []string
	for _, r := range s {
		if seen[r] || unicode.IsControl(r) {
			continue
		}
		seen[r] = true
		gi, err := f.GlyphIndex(&buf, r)
		require.NoError(t, err)
		if gi == 0 {
			missing = append(missing, fmt.Sprintf("%U %c", r, r))
		}
	}
	return missing
}
