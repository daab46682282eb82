package reports

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"testing"
)

func deflate(b []byte) []byte {
	var out bytes.Buffer
	w := zlib.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// A zip bomb in an object stream is refused at the cap, not inflated.
func TestObjectStreamInflationIsCapped(t *testing.T) {
	bomb := deflate(make([]byte, maxInflate+1))
	o := &pdfObject{num: 5, stream: true, streamData: bomb,
		value: pdfDict{"Type": pdfName("ObjStm"), "N": pdfKeyword("1"), "First": pdfKeyword("4"), "Filter": pdfName("FlateDecode")}}
	in := newInflater()
	_, err := in.objStmObjects(o)
	if err != errTooLarge {
		t.Fatalf("err = %v, want the cap", err)
	}
	// The budget for one file is shared: four streams just under the cap
	// use it up.
	in = newInflater()
	big := &pdfObject{stream: true, streamData: deflate(make([]byte, maxInflate)), value: pdfDict{"Filter": pdfName("FlateDecode")}}
	for k := 0; k < inflateBudget/maxInflate; k++ {
		if _, err := in.decode(big); err != nil {
			t.Fatalf("stream %d: %v", k, err)
		}
	}
	if _, err := in.decode(big); err != errTooLarge {
		t.Fatalf("past the budget: %v", err)
	}
}

// FuzzXRefStreamParsing: the readers of object streams and cross-reference
// streams never panic, whatever the stream holds and its dictionary says.
func FuzzXRefStreamParsing(f *testing.F) {
	f.Add([]byte("1 0 2 10 << /A 1 >> [1 2 3]"), 2, 8, 1, 4, 2, 0, 12, 5, true)
	f.Add([]byte{2, 1, 0, 0, 0, 10, 0, 2, 0, 0, 0, 5, 0, 0}, 1, 0, 1, 4, 2, 0, 12, 7, true)
	f.Add([]byte{1, 0, 0, 0, 10, 0, 0}, 1, 0, 1, 4, 2, 0, 1, 1, false)
	f.Fuzz(func(t *testing.T, data []byte, n, first, w0, w1, w2, start, pred, cols int, compress bool) {
		body := data
		d := pdfDict{}
		if compress {
			body = deflate(data)
			d["Filter"] = pdfName("FlateDecode")
		}
		kw := func(v int) pdfKeyword { return pdfKeyword(fmt.Sprint(v)) }
		d["N"], d["First"] = kw(n), kw(first)
		d["W"] = pdfArray{kw(w0), kw(w1), kw(w2)}
		d["Size"] = kw(start + n)
		d["Index"] = pdfArray{kw(start), kw(n)}
		d["DecodeParms"] = pdfDict{"Predictor": kw(pred), "Columns": kw(cols)}
		o := &pdfObject{num: 7, stream: true, streamData: body, value: d}
		in := newInflater()
		_, _ = in.objStmObjects(o)
		_, _ = in.xrefStreamEntries(o)
	})
}
