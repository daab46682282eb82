package app

import (
	"io"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"

	"github.com/osaki-city/kinkyu/i18n"
)

// outputEncoding wraps w for --encoding. Output is UTF-8 by default; with
// --encoding cp932 it is Shift_JIS as Windows writes it (CP932), for `type`,
// `findstr` and Excel on a Japanese console that is not set to chcp 65001. A
// Windows console is left alone: Go writes to it in Unicode (WriteConsoleW),
// which shows right whatever its code page. A character CP932 lacks (𠮷)
// prints as "?". The returned func flushes what the encoder holds.
func outputEncoding(w io.Writer, name string) (io.Writer, func(), error) {
	switch strings.ToLower(strings.ReplaceAll(name, "_", "-")) {
	case "", "utf-8", "utf8":
		return w, func() {}, nil
	case "cp932", "shift-jis", "sjis", "windows-31j", "ms932":
		if isConsole(w) {
			return w, func() {}, nil
		}
		enc := transform.Chain(encoding.ReplaceUnsupported(japanese.ShiftJIS.NewEncoder()), subToQuestion{})
		tw := transform.NewWriter(w, enc)
		return tw, func() { _ = tw.Close() }, nil
	}
	return w, func() {}, usageError{i18n.T("cli.error.encoding", map[string]any{"Encoding": name})}
}

// subToQuestion turns the SUB (0x1A) that the encoder puts for a character
// CP932 lacks into "?", which shows. 0x1A is never part of a two-byte
// Shift_JIS character (their second bytes are 0x40–0xFC).
type subToQuestion struct{ transform.NopResetter }

func (subToQuestion) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		if nDst >= len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		b := src[nSrc]
		if b == 0x1a {
			b = '?'
		}
		dst[nDst] = b
		nDst++
		nSrc++
	}
	return nDst, nSrc, nil
}
