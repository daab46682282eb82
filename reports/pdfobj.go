package reports

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// A small reader of PDF objects, enough to compare the objects an
// incremental update writes with the ones they replace (revisions.go). It
// reads dictionaries, arrays, names, numbers, strings, references and
// keywords; stream data is skipped, not read.

type pdfRef struct{ num, gen int }

type pdfName string

type pdfDict map[pdfName]any

type pdfArray []any

type pdfString string // literal or hex, raw bytes as written

type pdfKeyword string // true, false, null, or a number as written

// pdfObject is one "N G obj … endobj" of the file.
type pdfObject struct {
	num, gen   int
	off, end   int // file[off:end] is the whole object
	value      any
	stream     bool
	streamData []byte
	// A compressed object (in an object stream): inStm is the object
	// stream's number (0 for an object written in the file), stmIndex its
	// place there, and off the object stream's offset in the file.
	inStm, stmIndex int
}

var errPDFSyntax = errors.New("pdf syntax")

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	return strings.IndexByte("()<>[]{}/%", c) >= 0
}

// skipSpace skips white space and comments.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isPDFSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// parseValue reads one value at b[i:] (after white space) and returns it and
// the position after it. depth bounds nesting.
func parseValue(b []byte, i, depth int) (any, int, error) {
	if depth > 64 {
		return nil, i, errPDFSyntax
	}
	i = skipSpace(b, i)
	if i >= len(b) {
		return nil, i, errPDFSyntax
	}
	switch c := b[i]; {
	case c == '<' && i+1 < len(b) && b[i+1] == '<':
		d := pdfDict{}
		i += 2
		for {
			i = skipSpace(b, i)
			if i+1 < len(b) && b[i] == '>' && b[i+1] == '>' {
				return d, i + 2, nil
			}
			k, j, err := parseValue(b, i, depth+1)
			if err != nil {
				return nil, j, err
			}
			name, ok := k.(pdfName)
			if !ok {
				return nil, j, errPDFSyntax
			}
			v, j, err := parseValue(b, j, depth+1)
			if err != nil {
				return nil, j, err
			}
			d[name] = v // a repeated key: the last one counts
			i = j
		}
	case c == '[':
		var a pdfArray
		i++
		for {
			i = skipSpace(b, i)
			if i < len(b) && b[i] == ']' {
				return a, i + 1, nil
			}
			v, j, err := parseValue(b, i, depth+1)
			if err != nil {
				return nil, j, err
			}
			a = append(a, v)
			i = j
		}
	case c == '/':
		j := i + 1
		for j < len(b) && !isPDFSpace(b[j]) && !isPDFDelim(b[j]) {
			j++
		}
		return pdfName(b[i+1 : j]), j, nil
	case c == '(':
		j, nest := i+1, 1
		for j < len(b) && nest > 0 {
			switch b[j] {
			case '\\':
				j++
			case '(':
				nest++
			case ')':
				nest--
			}
			j++
		}
		if nest != 0 {
			return nil, j, errPDFSyntax
		}
		return pdfString(b[i:j]), j, nil
	case c == '<':
		j := bytes.IndexByte(b[i:], '>')
		if j < 0 {
			return nil, len(b), errPDFSyntax
		}
		return pdfString(b[i : i+j+1]), i + j + 1, nil
	default:
		j := i
		for j < len(b) && !isPDFSpace(b[j]) && !isPDFDelim(b[j]) {
			j++
		}
		if j == i {
			return nil, j + 1, errPDFSyntax
		}
		tok := string(b[i:j])
		// "N G R" is a reference.
		if n, err := strconv.Atoi(tok); err == nil && n >= 0 {
			k := skipSpace(b, j)
			l := k
			for l < len(b) && b[l] >= '0' && b[l] <= '9' {
				l++
			}
			if l > k {
				if g, err := strconv.Atoi(string(b[k:l])); err == nil {
					m := skipSpace(b, l)
					if m < len(b) && b[m] == 'R' && (m+1 == len(b) || isPDFSpace(b[m+1]) || isPDFDelim(b[m+1])) {
						return pdfRef{n, g}, m + 1, nil
					}
				}
			}
		}
		return pdfKeyword(tok), j, nil
	}
}

// parseObjectAt reads the object whose "N G obj" starts at off.
func parseObjectAt(b []byte, off int) (*pdfObject, error) {
	i := off
	var hdr [2]int
	for k := range hdr {
		i = skipSpace(b, i)
		j := i
		for j < len(b) && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(string(b[i:j]))
		if err != nil {
			return nil, errPDFSyntax
		}
		hdr[k], i = n, j
	}
	i = skipSpace(b, i)
	if !bytes.HasPrefix(b[i:], []byte("obj")) {
		return nil, errPDFSyntax
	}
	v, i, err := parseValue(b, i+3, 0)
	if err != nil {
		return nil, err
	}
	o := &pdfObject{num: hdr[0], gen: hdr[1], off: off, value: v}
	i = skipSpace(b, i)
	if bytes.HasPrefix(b[i:], []byte("stream")) {
		o.stream = true
		i += len("stream")
		if i < len(b) && b[i] == '\r' {
			i++
		}
		if i < len(b) && b[i] == '\n' {
			i++
		}
		start := i
		end := -1
		if d, ok := v.(pdfDict); ok {
			if n, ok := d["Length"].(pdfKeyword); ok {
				if l, err := strconv.Atoi(string(n)); err == nil && l >= 0 && start+l <= len(b) &&
					bytes.HasPrefix(b[skipSpace(b, start+l):], []byte("endstream")) {
					end = start + l
				}
			}
		}
		if end < 0 { // an indirect or wrong /Length: the first endstream
			k := bytes.Index(b[start:], []byte("endstream"))
			if k < 0 {
				return nil, errPDFSyntax
			}
			end = start + k
		}
		o.streamData = b[start:end]
		i = skipSpace(b, end)
		if !bytes.HasPrefix(b[i:], []byte("endstream")) {
			return nil, errPDFSyntax
		}
		i = skipSpace(b, i+len("endstream"))
	}
	if !bytes.HasPrefix(b[i:], []byte("endobj")) {
		return nil, errPDFSyntax
	}
	o.end = i + len("endobj")
	return o, nil
}

// canon writes a value in one canonical form, for comparing two versions of
// an object: keys sorted, white space normalised.
func canon(v any) string {
	var sb strings.Builder
	canonTo(&sb, v)
	return sb.String()
}

func canonTo(sb *strings.Builder, v any) {
	switch x := v.(type) {
	case pdfDict:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, string(k))
		}
		sort.Strings(keys)
		sb.WriteString("<<")
		for _, k := range keys {
			sb.WriteString("/" + k + " ")
			canonTo(sb, x[pdfName(k)])
			sb.WriteByte(' ')
		}
		sb.WriteString(">>")
	case pdfArray:
		sb.WriteByte('[')
		for _, e := range x {
			canonTo(sb, e)
			sb.WriteByte(' ')
		}
		sb.WriteByte(']')
	case pdfName:
		sb.WriteString("/" + string(x))
	case pdfRef:
		fmt.Fprintf(sb, "%d %d R", x.num, x.gen)
	case pdfString:
		sb.WriteString(string(x))
	case pdfKeyword:
		sb.WriteString(string(x))
	case nil:
		sb.WriteString("null")
	}
}

// refsIn collects every reference inside v.
func refsIn(v any, out *[]pdfRef) {
	switch x := v.(type) {
	case pdfRef:
		*out = append(*out, x)
	case pdfDict:
		for _, e := range x {
			refsIn(e, out)
		}
	case pdfArray:
		for _, e := range x {
			refsIn(e, out)
		}
	}
}

func dictName(d pdfDict, key string) string {
	if n, ok := d[pdfName(key)].(pdfName); ok {
		return string(n)
	}
	return ""
}
