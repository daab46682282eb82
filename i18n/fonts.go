package i18n

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
)

// The Japanese fonts ship inside the binary: the OS may have no Japanese font
// at all (tofu boxes), and the UI and the PDFs must use the same faces.
// Morisawa BIZ UD, SIL OFL 1.1: see fonts/OFL.txt, which must ship with them.
var (
	//go:embed fonts/BIZUDGothic-Regular.ttf
	gothicRegular []byte
	//go:embed fonts/BIZUDGothic-Bold.ttf
	gothicBold []byte
	//go:embed fonts/BIZUDMincho-Regular.ttf
	mincho []byte
	//go:embed fonts/OFL.txt
	fontLicense string
)

// GothicRegular returns BIZ UD Gothic Regular exactly as published (for PDFs).
// The slice is shared: do not modify it.
func GothicRegular() []byte { return gothicRegular }

// GothicBold returns BIZ UD Gothic Bold exactly as published (for PDFs).
func GothicBold() []byte { return gothicBold }

// Mincho returns BIZ UD Mincho Regular exactly as published (for PDFs).
func Mincho() []byte { return mincho }

// FontLicense returns the SIL Open Font License text of the embedded fonts, to
// be shown in the about box next to the other notices.
func FontLicense() string { return fontLicense }

// descenderExtra is how much deeper than the published descender the UI copies
// reach, as a fraction of the em. BIZ UD's line box is exactly one em (ascender
// 1802 + descender 246 = 2048 units), and its g, y, p, _ reach the very bottom
// of it, so Fyne, which sizes a text image to the line box and puts the baseline
// on a rounded-up pixel, cuts their lowest pixel row off: at 100 % and 150 %
// scale the underscore of 報告書_gyp vanishes entirely (forms/theme_test.go).
// A tenth of an em gives them room at every size and keeps lines compact. The
// patched copies are OFL "Modified Versions"; the fonts declare no Reserved
// Font Name, so they may keep theirs.
const descenderExtra = 0.10

const (
	fontChecksumMagic      = 0xB1B0AFBA // OpenType: the whole file sums to this
	headChecksumAdjustment = 8          // offset of checkSumAdjustment in head
)

var (
	errNotTrueType      = errors.New("not a TrueType font")
	errMissingFontTable = errors.New("font table missing or too short")
)

// UIGothicRegular returns a new copy of BIZ UD Gothic Regular with the
// descender widened for Fyne (see descenderExtra). It is made afresh on every
// call (a few milliseconds) rather than kept: Fyne reads a theme font only when
// it loads its font cache, copies the tables it needs and drops the bytes, so a
// kept copy would cost the window 4.6 MB per face for nothing. Should the patch
// ever fail, the unpatched font is better than none.
func UIGothicRegular() []byte { return uiCopy(gothicRegular) }

// UIGothicBold is UIGothicRegular for the bold face.
func UIGothicBold() []byte { return uiCopy(gothicBold) }

// uiCopy patches a copy of an embedded font, then hands the original's pages
// back to the kernel: the UI needs only the copy, and a PDF that needs the
// original reads it again from the executable.
func uiCopy(original []byte) []byte {
	ui, err := widenDescender(original, descenderExtra)
	if err != nil {
		return original
	}
	releasePages(original)
	return ui
}

// widenDescender returns a copy of the TrueType font ttf whose horizontal line
// metrics (hhea descender, OS/2 sTypoDescender and usWinDescent) reach extra em
// deeper, with the table checksums and head.checkSumAdjustment brought up to date
// so that strict parsers still accept it. Glyphs are untouched.
func widenDescender(ttf []byte, extra float64) ([]byte, error) {
	be := binary.BigEndian
	if len(ttf) < 12 {
		return nil, errNotTrueType
	}
	if v := be.Uint32(ttf); v != 0x00010000 && v != 0x74727565 { // 1.0 or 'true'
		return nil, errNotTrueType
	}
	out := append([]byte(nil), ttf...)
	type record struct{ dir, off, length int }
	tables := map[string]record{}
	numTables := int(be.Uint16(out[4:]))
	for i := range numTables {
		dir := 12 + 16*i
		if dir+16 > len(out) {
			return nil, errNotTrueType
		}
		r := record{dir, int(be.Uint32(out[dir+8:])), int(be.Uint32(out[dir+12:]))}
		if r.off < 0 || r.length < 0 || r.off+r.length > len(out) {
			return nil, fmt.Errorf("table %q: %w", out[dir:dir+4], errNotTrueType)
		}
		tables[string(out[dir:dir+4])] = r
	}
	head, hhea, os2 := tables["head"], tables["hhea"], tables["OS/2"]
	if head.length < 54 || hhea.length < 36 || os2.length < 78 {
		return nil, errMissingFontTable
	}
	upm := int(be.Uint16(out[head.off+18:]))
	delta := int(extra*float64(upm) + 0.5)

	// hhea.descender and OS/2.sTypoDescender are negative; usWinDescent is positive.
	put16 := func(at, v int) { be.PutUint16(out[at:], uint16(int16(v))) }
	put16(hhea.off+6, int(int16(be.Uint16(out[hhea.off+6:])))-delta)
	put16(os2.off+70, int(int16(be.Uint16(out[os2.off+70:])))-delta)
	put16(os2.off+76, int(be.Uint16(out[os2.off+76:]))+delta)

	for _, r := range []record{hhea, os2} {
		be.PutUint32(out[r.dir+4:], tableChecksum(out[r.off:r.off+r.length]))
	}
	// head's own checksum is computed with checkSumAdjustment zero, and the
	// adjustment makes the whole file sum to the magic number.
	be.PutUint32(out[head.off+headChecksumAdjustment:], 0)
	be.PutUint32(out[head.dir+4:], tableChecksum(out[head.off:head.off+head.length]))
	be.PutUint32(out[head.off+headChecksumAdjustment:], fontChecksumMagic-tableChecksum(out))
	return out, nil
}

// tableChecksum is the OpenType checksum: the sum of big-endian uint32 words,
// the last one padded with zeros.
func tableChecksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	var last [4]byte
	copy(last[:], b)
	return sum + binary.BigEndian.Uint32(last[:])
}
