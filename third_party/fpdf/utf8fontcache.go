package fpdf

// kinkyu patch (see PATCHES.md): a TrueType font is parsed once per process
// instead of once per document, and the tables its subsets are cut from are
// read once per font. Everything cached is read-only after it is made, so
// documents may be made concurrently.

import (
	"errors"
	"sync"
)

var errEmptyFont = errors.New("fpdf: empty font")

// utf8FontCache holds what every document using one font's bytes shares.
type utf8FontCache struct {
	parsed *utf8FontFile // after parseFile; copied for each document

	ids sync.Map // font key → generateFontID's result

	cutOnce              sync.Once
	cutOK                bool
	charSymbolDictionary map[int]int
	symbolPosition       []int
}

type utf8FontKey struct {
	first *byte
	n     int
}

var (
	utf8FontCachesMu sync.Mutex
	utf8FontCaches   = map[utf8FontKey]*utf8FontCache{}
)

// cachedUTF8Font returns a parser over b for one document, parsing b only the
// first time, and a function that gives the font's ID for a font key. The
// key is the address and length of b: callers pass the same (embedded) bytes
// for the same font.
func cachedUTF8Font(b []byte) (*utf8FontFile, func(string, fontDefType) string, error) {
	if len(b) == 0 {
		return nil, nil, errEmptyFont
	}
	key := utf8FontKey{&b[0], len(b)}
	utf8FontCachesMu.Lock()
	c, ok := utf8FontCaches[key]
	if !ok {
		p := newUTF8Font(&fileReader{readerPosition: 0, array: b})
		if err := p.parseFile(); err != nil {
			utf8FontCachesMu.Unlock()
			return nil, nil, err
		}
		c = &utf8FontCache{parsed: p}
		utf8FontCaches[key] = c
	}
	utf8FontCachesMu.Unlock()

	doc := *c.parsed
	doc.fileReader = &fileReader{readerPosition: 0, array: b}
	doc.cache = c
	id := func(fontkey string, def fontDefType) string {
		if v, ok := c.ids.Load(fontkey); ok {
			return v.(string)
		}
		i, _ := generateFontID(def)
		c.ids.Store(fontkey, i)
		return i
	}
	return &doc, id, nil
}

// cutTables sets the character map and glyph locations GenerateCutFont needs,
// reading them from the font only once.
func (utf *utf8FontFile) cutTables(locaFormat, numSymbols int) bool {
	c := utf.cache
	if c == nil { // not made through the cache: do as upstream does
		if utf.generateCMAP() == nil {
			return false
		}
		utf.parseLOCATable(locaFormat, numSymbols)
		return true
	}
	c.cutOnce.Do(func() {
		// A parser of its own: this one's read position belongs to the caller.
		p := *utf
		p.fileReader = &fileReader{readerPosition: 0, array: utf.fileReader.array}
		p.tableDescriptions = utf.tableDescriptions
		if p.generateCMAP() == nil {
			return
		}
		p.parseLOCATable(locaFormat, numSymbols)
		c.charSymbolDictionary, c.symbolPosition, c.cutOK = p.charSymbolDictionary, p.symbolPosition, true
	})
	utf.charSymbolDictionary, utf.symbolPosition = c.charSymbolDictionary, c.symbolPosition
	return c.cutOK
}
