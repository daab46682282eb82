package reports

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
)

// PDF 1.5 writers (Acrobat, pdfsign on such a file, iText, pyHanko, qpdf)
// may write an incremental update with a cross-reference stream (an object
// of /Type /XRef, in place of the "xref" table and "trailer") and put the
// objects they change in object streams (/Type /ObjStm, compressed). This
// reads both, so that such an update is checked like any other: what it
// writes, compressed or not, must be only what adding a signature needs.
// Everything is bounded: streams are inflated up to maxInflate bytes each,
// and at most inflateBudget bytes in all for one file.

const (
	maxInflate    = 16 << 20
	inflateBudget = 64 << 20
	maxStmObjects = 1 << 16 // objects in one object stream
	maxXrefItems  = 1 << 22 // entries in one cross-reference stream
)

var errTooLarge = errors.New("stream too large")

// inflater decodes the streams of one file within a shared budget.
type inflater struct{ left int64 }

func newInflater() *inflater { return &inflater{left: inflateBudget} }

// decode returns the stream data of o with its filter undone: none, or
// /FlateDecode (with a PNG /Predictor in /DecodeParms, as cross-reference
// streams have). Any other filter is refused.
func (in *inflater) decode(o *pdfObject) ([]byte, error) {
	d, _ := o.value.(pdfDict)
	if d == nil || !o.stream {
		return nil, errPDFSyntax
	}
	filter := d["Filter"]
	parms := d["DecodeParms"]
	if a, ok := filter.(pdfArray); ok {
		if len(a) != 1 {
			return nil, fmt.Errorf("filters %s", canon(a))
		}
		filter = a[0]
		if p, ok := parms.(pdfArray); ok && len(p) == 1 {
			parms = p[0]
		}
	}
	switch filter {
	case nil:
		return o.streamData, nil
	case pdfName("FlateDecode"):
	default:
		return nil, fmt.Errorf("filter %s", canon(filter))
	}
	limit := min(int64(maxInflate), in.left)
	zr, err := zlib.NewReader(bytes.NewReader(o.streamData))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	if int64(len(out)) > limit {
		return nil, errTooLarge
	}
	in.left -= int64(len(out))
	p, _ := parms.(pdfDict)
	pred := intOf(p["Predictor"], 1)
	switch {
	case pred <= 1:
		return out, nil
	case pred >= 10:
		return unPNG(out, intOf(p["Columns"], 1), intOf(p["Colors"], 1), intOf(p["BitsPerComponent"], 8))
	}
	return nil, fmt.Errorf("predictor %d", pred)
}

// intOf reads a non-negative integer value, def when absent.
func intOf(v any, def int) int {
	k, ok := v.(pdfKeyword)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(string(k))
	if err != nil || n < 0 {
		return -1
	}
	return n
}

// unPNG undoes the PNG predictors (a filter byte before each row).
func unPNG(b []byte, columns, colors, bpc int) ([]byte, error) {
	if columns <= 0 || colors <= 0 || bpc <= 0 || columns > 1<<16 || colors > 32 || bpc > 16 {
		return nil, errPDFSyntax
	}
	bpp := max(1, colors*bpc/8)
	row := (columns*colors*bpc + 7) / 8
	if len(b)%(row+1) != 0 {
		return nil, fmt.Errorf("predictor rows: %d bytes for rows of %d", len(b), row+1)
	}
	out := make([]byte, 0, len(b)/(row+1)*row)
	prev := make([]byte, row)
	for i := 0; i+row < len(b); i += row + 1 {
		f, cur := b[i], bytes.Clone(b[i+1:i+1+row])
		for j := range cur {
			var left, up, ul byte
			if j >= bpp {
				left, ul = cur[j-bpp], prev[j-bpp]
			}
			up = prev[j]
			switch f {
			case 0:
			case 1:
				cur[j] += left
			case 2:
				cur[j] += up
			case 3:
				cur[j] += byte((int(left) + int(up)) / 2)
			case 4:
				cur[j] += paeth(left, up, ul)
			default:
				return nil, fmt.Errorf("PNG filter %d", f)
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := absInt(p-int(a)), absInt(p-int(b)), absInt(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// objStmObjects reads the objects an object stream holds, in order.
func (in *inflater) objStmObjects(stm *pdfObject) ([]*pdfObject, error) {
	d, _ := stm.value.(pdfDict)
	n, first := intOf(d["N"], -1), intOf(d["First"], -1)
	if n < 0 || first < 0 || n > maxStmObjects {
		return nil, errPDFSyntax
	}
	b, err := in.decode(stm)
	if err != nil {
		return nil, err
	}
	if first > len(b) {
		return nil, errPDFSyntax
	}
	head := b[:first]
	i := 0
	objs := make([]*pdfObject, 0, n)
	for k := 0; k < n; k++ {
		var pair [2]int
		for p := range pair {
			v, j, err := parseValue(head, i, 0)
			if err != nil {
				return nil, err
			}
			pair[p], i = intOf(v, -1), j
			if pair[p] < 0 {
				return nil, errPDFSyntax
			}
		}
		off := first + pair[1]
		if pair[1] >= len(b) || off < first || off >= len(b) {
			return nil, errPDFSyntax
		}
		v, end, err := parseValue(b, off, 0)
		if err != nil {
			return nil, err
		}
		objs = append(objs, &pdfObject{num: pair[0], off: off, end: end, value: v, inStm: stm.num, stmIndex: k})
	}
	return objs, nil
}

// xrefEntry is one entry of a cross-reference stream: free (0), at a byte
// offset (1), or the index-th object of object stream stm (2).
type xrefEntry struct {
	num, typ    int
	off, stm    int
	index, gen2 int
}

// xrefStreamEntries reads the entries of a cross-reference stream.
func (in *inflater) xrefStreamEntries(x *pdfObject) ([]xrefEntry, error) {
	d, _ := x.value.(pdfDict)
	wa, _ := d["W"].(pdfArray)
	if len(wa) != 3 {
		return nil, errors.New("/W is not three numbers")
	}
	var w [3]int
	for i := range w {
		w[i] = intOf(wa[i], -1)
		if w[i] < 0 || w[i] > 8 {
			return nil, errors.New("/W out of range")
		}
	}
	size := intOf(d["Size"], -1)
	if size < 0 {
		return nil, errors.New("no /Size")
	}
	index := []int{0, size}
	if ia, ok := d["Index"].(pdfArray); ok {
		if len(ia)%2 != 0 {
			return nil, errors.New("/Index of odd length")
		}
		index = index[:0]
		for _, v := range ia {
			n := intOf(v, -1)
			if n < 0 {
				return nil, errors.New("/Index not numbers")
			}
			index = append(index, n)
		}
	}
	b, err := in.decode(x)
	if err != nil {
		return nil, err
	}
	rowLen := w[0] + w[1] + w[2]
	if rowLen == 0 {
		return nil, errors.New("/W all zero")
	}
	field := func(p, n, def int) int {
		if n == 0 {
			return def
		}
		v := 0
		for _, c := range b[p : p+n] {
			v = v<<8 | int(c)
		}
		if v < 0 { // eight bytes: beyond any file
			v = math.MaxInt
		}
		return v
	}
	var out []xrefEntry
	p := 0
	for k := 0; k < len(index); k += 2 {
		first, count := index[k], index[k+1]
		if count > maxXrefItems || len(out)+count > maxXrefItems {
			return nil, errors.New("too many entries")
		}
		for n := 0; n < count; n++ {
			if p+rowLen > len(b) {
				return nil, errors.New("the stream is shorter than its /Index")
			}
			e := xrefEntry{num: first + n, typ: field(p, w[0], 1)}
			f2, f3 := field(p+w[0], w[1], 0), field(p+w[0]+w[1], w[2], 0)
			switch e.typ {
			case 1:
				e.off, e.gen2 = f2, f3
			case 2:
				e.stm, e.index = f2, f3
			}
			out = append(out, e)
			p += rowLen
		}
	}
	return out, nil
}
