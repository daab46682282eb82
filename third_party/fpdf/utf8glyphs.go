package fpdf

// kinkyu patch (see PATCHES.md): every character prints.
//
// Upstream fpdf uses the Unicode code point of a character as its CID
// (Identity-H, two bytes a character) and reads only the font's format 4
// cmap, so it knows the basic plane only: a character beyond U+FFFF (𩸽, 𠀋,
// an emoji) panicked with "index out of range [65536]", and a character the
// font lacks was drawn as the font's .notdef box.
//
// Here the text is cut into clusters (a character and the variation selector
// after it, if any) and each cluster gets a CID:
//
//   - a basic-plane character the font has: its code point, as upstream;
//   - a basic-plane character the font lacks: its code point too, but drawn
//     with the glyph of 〓 (U+3013, the geta mark Japanese printing uses for
//     a character it cannot set), or with nothing at all if it is a control
//     or format character (U+200D ZWJ…; see invisible);
//   - anything else (a character beyond U+FFFF, a character with a variation
//     selector): a CID from the surrogate range U+D800–U+DFFF, which no
//     character ever uses, given in the order the document first draws it.
//     Its glyph is the font's own (cmap formats 12 and 14: 𩸽, the IVS glyph
//     of 葛󠄀), else the base character's, else 〓.
//
// The ToUnicode CMap maps those CIDs back to the characters in UTF-16
// (surrogate pairs, base and selector together), so copying text or
// pdftotext gives what was typed even where 〓 is drawn.

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

const (
	getaMark       = 0x3013 // 〓
	extraCIDFirst  = 0xD800
	extraCIDsCount = 0x800 // U+D800–U+DFFF
)

// utf8GlyphTables is what a font tells beyond its basic-plane cmap. Made once
// per font when it is parsed; read-only afterwards (shared by documents).
type utf8GlyphTables struct {
	bmp    map[int]int    // basic plane: rune → glyph (format 4)
	supp   map[rune]int   // beyond U+FFFF: rune → glyph (format 12)
	uvs    map[uint64]int // base<<32 | selector → glyph (format 14, non-default)
	widths []int          // glyph → advance width in 1/1000 em
	geta   int            // glyph of 〓, 0 if none
	space  int            // glyph of U+0020 (blank), for invisible characters
}

// utf8Extras is one document's use of one font: the glyphs and widths of the
// CIDs that are not plain code points, and what the surrogate-range CIDs
// stand for.
type utf8Extras struct {
	gids   map[int]int    // CID → original glyph
	widths map[int]int    // CID → width (65535 means 0, as in CharWidths)
	cids   map[string]int // cluster → CID in the surrogate range
	text   []string       // CID-extraCIDFirst → cluster
}

func isVariationSelector(r rune) bool {
	return (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF)
}

// invisible characters draw nothing when the font lacks them: controls,
// format characters (U+200D ZWJ…), variation selectors and the emoji skin
// tones (👍🏽 is one 〓, not two).
func invisible(r rune) bool {
	return unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || isVariationSelector(r) ||
		(r >= 0x1F3FB && r <= 0x1F3FF)
}

// parseGlyphTables reads the format 12 and 14 cmaps and the advance width of
// every glyph. bmp is the format 4 map parseTables has just made.
func (utf *utf8FontFile) parseGlyphTables(bmp map[int]int, numberOfHMetrics, numSymbols int) {
	t := &utf8GlyphTables{bmp: bmp, supp: map[rune]int{}, uvs: map[uint64]int{}}
	t.geta = bmp[getaMark]
	t.space = bmp[' ']
	b := utf.fileReader.array
	u16 := func(p int) int {
		if p < 0 || p+2 > len(b) {
			return 0
		}
		return int(binary.BigEndian.Uint16(b[p:]))
	}
	u24 := func(p int) int { return u16(p)<<8 | u16(p+1)&0xFF }
	u32 := func(p int) int { return u16(p)<<16 | u16(p+2) }

	if d, ok := utf.tableDescriptions["cmap"]; ok {
		cmap := d.position
		n := u16(cmap + 2)
		for i := 0; i < n; i++ {
			rec := cmap + 4 + 8*i
			platform, encoding, sub := u16(rec), u16(rec+2), cmap+u32(rec+4)
			unicodeTable := platform == 0 || (platform == 3 && encoding == 10)
			switch u16(sub) {
			case 12:
				if !unicodeTable || len(t.supp) > 0 {
					continue
				}
				groups := u32(sub + 12)
				for g := 0; g < groups && sub+16+12*g+12 <= len(b); g++ {
					p := sub + 16 + 12*g
					first, last, gid := u32(p), u32(p+4), u32(p+8)
					for r := max(first, 0x10000); r <= last && r <= unicode.MaxRune; r++ {
						t.supp[rune(r)] = gid + r - first
					}
				}
			case 14:
				if platform != 0 || encoding != 5 {
					continue
				}
				records := u32(sub + 6)
				for k := 0; k < records; k++ {
					p := sub + 10 + 11*k
					selector, nonDefault := u24(p), u32(p+7)
					if nonDefault == 0 {
						continue // the default glyph is the base's own
					}
					q := sub + nonDefault
					m := u32(q)
					for j := 0; j < m && q+4+5*j+5 <= len(b); j++ {
						e := q + 4 + 5*j
						t.uvs[uint64(u24(e))<<32|uint64(selector)] = u16(e + 3)
					}
				}
			}
		}
	}

	scale := 1000.0 / float64(utf.fontElementSize)
	t.widths = make([]int, numSymbols)
	if d, ok := utf.tableDescriptions["hmtx"]; ok && numberOfHMetrics > 0 {
		last := 0
		for g := 0; g < numSymbols; g++ {
			if g < numberOfHMetrics {
				last = int(math.Round(scale * float64(u16(d.position+4*g))))
			}
			t.widths[g] = last
		}
	}
	utf.glyphs = t
}

func (t *utf8GlyphTables) width(gid int) int {
	if gid < 0 || gid >= len(t.widths) {
		return 0
	}
	return t.widths[gid]
}

// utf8Cluster is how one cluster of text is drawn.
type utf8Cluster struct {
	r     rune // the first character
	n     int  // bytes of text in the cluster
	plain bool // CID r, the font's own glyph for r: upstream's case
	own   bool // CID r, glyph gid (a basic-plane character the font lacks)
	gid   int  // the glyph, unless plain
	w     int  // advance width in 1/1000 em
}

// nextCluster says how the cluster at the start of s (not empty) is drawn.
func (utf *utf8FontFile) nextCluster(s string) (c utf8Cluster) {
	r, n := utf8.DecodeRuneInString(s)
	c.r, c.n = r, n
	var vs rune
	if n < len(s) {
		if v, m := utf8.DecodeRuneInString(s[n:]); isVariationSelector(v) && !isVariationSelector(r) {
			vs, c.n = v, n+m
		}
	}
	t := utf.glyphs
	if vs == 0 && r <= 0xFFFF && int(r) < len(utf.CharWidths) && utf.CharWidths[r] != 0 {
		c.plain = true
		if c.w = utf.CharWidths[r]; c.w == 65535 {
			c.w = 0
		}
		return c
	}
	if t == nil { // not parsed here: upstream's .notdef
		c.own = r <= 0xFFFF && vs == 0
		c.w = 1000
		return c
	}
	gid, ok := 0, false
	if vs != 0 {
		gid, ok = t.uvs[uint64(r)<<32|uint64(vs)]
	}
	if !ok {
		if r <= 0xFFFF {
			gid, ok = t.bmp[int(r)]
			ok = ok && gid != 0
		} else {
			gid, ok = t.supp[r]
		}
	}
	switch {
	case ok:
		c.w = t.width(gid)
	case invisible(r):
		gid, c.w = t.space, 0
	default:
		gid, c.w = t.geta, t.width(t.geta)
	}
	c.gid = gid
	c.own = r <= 0xFFFF && vs == 0
	return c
}

// stringWidth is the width of s in 1/1000 em, as utf8Codes draws it.
func (utf *utf8FontFile) stringWidth(s string) int {
	w := 0
	for len(s) > 0 {
		c := utf.nextCluster(s)
		w += c.w
		s = s[c.n:]
	}
	return w
}

// utf8Codes encodes s for the current UTF-8 font (two bytes a cluster) and
// records the CIDs the document uses. It replaces utf8toutf16(s, false).
func (f *Fpdf) utf8Codes(s string) string {
	utf := f.currentFont.utf8File
	res := make([]byte, 0, 2*len(s))
	for len(s) > 0 {
		c := utf.nextCluster(s)
		cid := int(c.r)
		switch {
		case c.plain:
		case c.own:
			utf.extra(cid, c.gid, c.w)
		default:
			cid = utf.extraCID(s[:c.n], c)
		}
		f.currentFont.usedRunes[cid] = cid
		res = append(res, byte(cid>>8), byte(cid))
		s = s[c.n:]
	}
	return string(res)
}

func (utf *utf8FontFile) extra(cid, gid, w int) {
	if w == 0 {
		w = 65535
	}
	e := utf.extrasMade()
	e.gids[cid], e.widths[cid] = gid, w
}

func (utf *utf8FontFile) extrasMade() *utf8Extras {
	if utf.extras == nil {
		utf.extras = &utf8Extras{gids: map[int]int{}, widths: map[int]int{}, cids: map[string]int{}}
	}
	return utf.extras
}

// extraCID gives the cluster a CID in the surrogate range. When the range is
// full (2,048 different clusters in one font of one document) the cluster is
// drawn as 〓 and its text is lost.
func (utf *utf8FontFile) extraCID(cluster string, c utf8Cluster) int {
	e := utf.extrasMade()
	if cid, ok := e.cids[cluster]; ok {
		return cid
	}
	if len(e.text) == extraCIDsCount {
		return getaMark
	}
	cid := extraCIDFirst + len(e.text)
	e.text = append(e.text, cluster)
	e.cids[cluster] = cid
	utf.extra(cid, c.gid, c.w)
	return cid
}

// cidWidth is the width of a CID for the /W array, 0 if unknown.
func (utf *utf8FontFile) cidWidth(cw []int, cid int) int {
	if e := utf.extras; e != nil {
		if w, ok := e.widths[cid]; ok {
			return w
		}
	}
	if cid < len(cw) {
		return cw[cid]
	}
	return 0
}

// extraGID is the original glyph of a CID that is not a plain code point.
func (utf *utf8FontFile) extraGID(cid int) (int, bool) {
	if utf.extras == nil {
		return 0, false
	}
	g, ok := utf.extras.gids[cid]
	return g, ok
}

// toUnicodeCMap is upstream's identity CMap, with the surrogate-range CIDs
// mapped to the clusters they stand for.
func (utf *utf8FontFile) toUnicodeCMap() string {
	if utf.extras == nil || len(utf.extras.text) == 0 {
		return toUnicode
	}
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	b.WriteString("2 beginbfrange\n<0000> <D7FF> <0000>\n<E000> <FFFF> <E000>\nendbfrange\n")
	text := utf.extras.text
	for i := 0; i < len(text); i += 100 { // at most 100 entries a block
		end := i + 100
		if end > len(text) {
			end = len(text)
		}
		block := text[i:end]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(block))
		for j, cluster := range block {
			fmt.Fprintf(&b, "<%04X> <", extraCIDFirst+i+j)
			for _, u := range utf16.Encode([]rune(cluster)) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.String()
}
