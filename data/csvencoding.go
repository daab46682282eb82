package data

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
)

// TextEncoding is the character encoding a CSV file was read in. Excel on
// Japanese Windows saves 「CSV（コンマ区切り）」 in Shift_JIS (CP932),
// 「CSV UTF-8」 with a byte order mark and 「Unicode テキスト」 in UTF-16LE;
// other tools write UTF-8 without a BOM. The value is the suffix of the i18n
// key contact.csv.encoding.<value> that names it to the officer.
type TextEncoding string

const (
	EncodingUTF8     TextEncoding = "utf-8"
	EncodingUTF8BOM  TextEncoding = "utf-8-bom"
	EncodingUTF16LE  TextEncoding = "utf-16le"
	EncodingUTF16BE  TextEncoding = "utf-16be"
	EncodingShiftJIS TextEncoding = "shift_jis"
)

// MaxContactCSVBytes bounds the file an import reads: a network of
// MaxContactRows rows is far below it, so a larger file is the wrong file (and
// a device such as /dev/zero is not read until memory runs out).
const MaxContactCSVBytes = 4 << 20

// ReadContactsCSVFile reads the CSV at path with ReadContactsCSV. Only a
// regular file is opened: a FIFO would block the open for ever and a device
// such as /dev/zero never ends, so they are refused before (and, in case the
// path was swapped meanwhile, after) opening; at most MaxContactCSVBytes+1
// bytes are read. The error is for a file that cannot be read at all.
func ReadContactsCSVFile(path string) (ContactCSVFile, error) {
	notFile := func() error {
		return &Error{Code: EINVALID, Field: "csv", Rule: "notfile", Err: fmt.Errorf("import contacts %s: not a regular file", path)}
	}
	st, err := os.Stat(path)
	if err != nil {
		return ContactCSVFile{}, &Error{Code: EMISSING, Field: "csv", Err: fmt.Errorf("import contacts %s: %w", path, err)}
	}
	if !st.Mode().IsRegular() {
		return ContactCSVFile{}, notFile()
	}
	f, err := os.Open(path)
	if err != nil {
		return ContactCSVFile{}, &Error{Code: EMISSING, Field: "csv", Err: fmt.Errorf("import contacts %s: %w", path, err)}
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return ContactCSVFile{}, notFile()
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxContactCSVBytes+1))
	if err != nil {
		return ContactCSVFile{}, &Error{Code: EMISSING, Field: "csv", Err: fmt.Errorf("import contacts %s: %w", path, err)}
	}
	return ReadContactsCSV(b), nil
}

// DecodeText returns b as UTF-8 text and the encoding it was read in:
// UTF-8 with or without a BOM, UTF-16 with a BOM, else Shift_JIS (CP932, with
// the NEC and IBM extensions Windows uses, such as 髙 and ①). A file that is
// none of them, or whose text holds U+FFFD (a character already lost before
// the file reached us), is refused with a CSVError of Field "csv", Rule
// "encoding" or "garbled", on the line of the first unreadable character: a
// replacement character is never passed on as if it were the officer's text.
func DecodeText(b []byte) (string, TextEncoding, *CSVError) {
	switch {
	case bytes.HasPrefix(b, []byte(bom)):
		return checkUnicode(b[len(bom):], EncodingUTF8BOM)
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeUTF16(b[2:], EncodingUTF16LE)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeUTF16(b[2:], EncodingUTF16BE)
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		// UTF-16 without its BOM, or not a text file at all: Shift_JIS and
		// UTF-8 text never hold a NUL byte.
		return "", "", encodingError(lineAt(b, i), "encoding")
	}
	if utf8.Valid(b) || mostlyUTF8(b) {
		// A UTF-8 file with a few broken bytes stays UTF-8 (and is refused
		// at the first of them) rather than being read as Shift_JIS, which
		// would turn all its Japanese into other, valid-looking kanji.
		return checkUnicode(b, EncodingUTF8)
	}
	s, err := japanese.ShiftJIS.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", encodingError(1, "encoding")
	}
	// The decoder writes U+FFFD for a byte sequence CP932 does not define
	// (a lone lead byte, 外字 in the user-defined area F040–F9FC); as the
	// file held no U+FFFD of its own (Shift_JIS cannot encode it), each one
	// is a place the file is not Shift_JIS either.
	if i := bytes.IndexRune(s, utf8.RuneError); i >= 0 {
		return "", "", encodingError(lineAt(s, i), "encoding")
	}
	return string(s), EncodingShiftJIS, nil
}

// mostlyUTF8 reports whether b has more well-formed multi-byte UTF-8
// sequences than bytes that are not UTF-8. Shift_JIS Japanese text is
// almost never well-formed UTF-8, even for a few characters in a row.
func mostlyUTF8(b []byte) bool {
	multi, bad := 0, 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			bad++
		case size > 1:
			multi++
		}
		i += max(size, 1)
	}
	return multi > bad
}

// checkUnicode checks text that claims to be UTF-8.
func checkUnicode(b []byte, enc TextEncoding) (string, TextEncoding, *CSVError) {
	if !utf8.Valid(b) {
		i := 0
		for i < len(b) {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		return "", "", encodingError(lineAt(b, i), "encoding")
	}
	if i := bytes.IndexRune(b, utf8.RuneError); i >= 0 {
		return "", "", encodingError(lineAt(b, i), "garbled")
	}
	return string(b), enc, nil
}

// decodeUTF16 decodes the bytes after a UTF-16 BOM; an odd length or an
// unpaired surrogate is not UTF-16.
func decodeUTF16(b []byte, enc TextEncoding) (string, TextEncoding, *CSVError) {
	units := make([]uint16, len(b)/2)
	for i := range units {
		if enc == EncodingUTF16LE {
			units[i] = uint16(b[2*i]) | uint16(b[2*i+1])<<8
		} else {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
	}
	var sb strings.Builder
	sb.Grow(len(b))
	line := 1
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case utf16.IsSurrogate(rune(u)):
			if i+1 >= len(units) {
				return "", "", encodingError(line, "encoding")
			}
			r := utf16.DecodeRune(rune(u), rune(units[i+1]))
			if r == utf8.RuneError {
				return "", "", encodingError(line, "encoding")
			}
			sb.WriteRune(r)
			i++
		case u == 0xFFFD:
			return "", "", encodingError(line, "garbled")
		default:
			if u == '\n' {
				line++
			}
			sb.WriteRune(rune(u))
		}
	}
	if len(b)%2 != 0 {
		return "", "", encodingError(line, "encoding")
	}
	return sb.String(), enc, nil
}

// lineAt is the 1-based line of byte i of b (UTF-8 or Shift_JIS text, where
// byte 0x0A is always a line end).
func lineAt(b []byte, i int) int {
	return bytes.Count(b[:i], []byte{'\n'}) + 1
}

func encodingError(line int, rule string) *CSVError {
	return &CSVError{Line: line, Err: Invalid("csv", rule)}
}

// RemovesMost reports whether the import removes more than half of the
// current entries, or all of them: such an import is more likely the wrong
// file (a header-only CSV, another list) than an intended change, so it is
// done only when the officer confirms the removals themselves.
func (im ContactImport) RemovesMost() bool {
	current := len(im.Removed) + len(im.Updated) + len(im.Unchanged)
	return len(im.Removed) > 0 && (len(im.Removed) == current || 2*len(im.Removed) > current)
}
