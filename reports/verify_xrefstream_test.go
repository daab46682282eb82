package reports_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/internal/pdfattack"
	"github.com/osaki-city/kinkyu/reports"
)

// assertAllIntact checks that every signature is valid, unchanged, and every
// revision adds nothing but signatures.
func assertAllIntact(t *testing.T, b []byte, want int) {
	t.Helper()
	sigs, revs, err := reports.VerifyRevisions(b)
	require.NoError(t, err)
	require.Len(t, sigs, want)
	for i, s := range sigs {
		assert.True(t, s.Valid && !s.Modified, "signature %d (%s): %s %s", i+1, s.SignerName, s.Problem, s.Detail)
	}
	for k, r := range revs {
		assert.Empty(t, r.Changes, "revision %d", k+1)
	}
}

// A later signature written the PDF 1.5 way by another tool (a
// cross-reference stream, the field, page and catalog in an object stream)
// only adds a signature: the first stays valid and unchanged. pdfsig agrees
// that every signature is valid, so the update is well formed.
func TestLaterSignatureWrittenWithAnXRefStreamIsNoChange(t *testing.T) {
	now := time.Now()
	first, err := reports.Sign(testPDF(t), identity(t, "大崎 太郎"), reports.SignInfo{}, now)
	require.NoError(t, err)
	other := selfSigned(t, "別のツール", now.Add(-time.Hour), now.Add(time.Hour))
	for name, opts := range map[string]pdfattack.XRefStreamOptions{
		"xref stream":                   {},
		"xref stream and object stream": {ObjStm: true},
		"object stream, /Info kept":     {ObjStm: true, KeepInfo: true},
	} {
		t.Run(name, func(t *testing.T) {
			second, err := pdfattack.SignXRefStream(first, other, now, opts)
			require.NoError(t, err)
			assertAllIntact(t, second, 2)
			ps, raw := pdfsig(t, second)
			require.Len(t, ps, 2, raw)
			assert.Equal(t, 2, validCount(ps), raw)

			// The PDF reader under pdfsign cannot follow a cross-reference
			// stream back to a table: signing such a file again is refused
			// with a message, not a crash.
			_, err = reports.Sign(second, identity(t, "古川 花子"), reports.SignInfo{}, now)
			if err != nil {
				e := data.AsError(err)
				require.NotNil(t, e, "%v", err)
				assert.Equal(t, data.EINVALID, e.Code)
			}
		})
	}
}

// An original written with a cross-reference stream, signed twice by
// pdfsign (which then writes both updates with cross-reference streams).
func TestSignaturesOnAnXRefStreamOriginal(t *testing.T) {
	now := time.Now()
	orig, err := pdfattack.XRefStreamOriginal(testPDF(t))
	require.NoError(t, err)
	first, err := reports.Sign(orig, identity(t, "大崎 太郎"), reports.SignInfo{}, now)
	require.NoError(t, err)
	require.Contains(t, string(first[len(orig):]), "/Type /XRef")
	second, err := reports.Sign(first, identity(t, "古川 花子"), reports.SignInfo{}, now)
	require.NoError(t, err)
	assertAllIntact(t, second, 2)
	ps, raw := pdfsig(t, second)
	require.Len(t, ps, 2, raw)
	assert.Equal(t, 2, validCount(ps), raw)

	// Then another tool, with its field, page and catalog compressed.
	other := selfSigned(t, "別のツール", now.Add(-time.Hour), now.Add(time.Hour))
	third, err := pdfattack.SignXRefStream(second, other, now, pdfattack.XRefStreamOptions{ObjStm: true})
	require.NoError(t, err)
	assertAllIntact(t, third, 3)
	ps, raw = pdfsig(t, third)
	require.Len(t, ps, 3, raw)
	assert.Equal(t, 3, validCount(ps), raw)
}

// The attack of issue #15 written the PDF 1.5 way: the overlay's page is
// compressed in an object stream behind a cross-reference stream, then
// another tool signs (with a cross-reference stream too, or pdfsign). The
// first signature is still 「署名の後に変更あり」.
func TestOverlayWithAnXRefStreamThenLaterSignature(t *testing.T) {
	now := time.Now()
	first, err := reports.Sign(testPDF(t), identity(t, "大崎 太郎"), reports.SignInfo{}, now)
	require.NoError(t, err)
	tampered, err := pdfattack.OverlayXRefStream(first)
	require.NoError(t, err)
	attacker := selfSigned(t, "攻撃者", now.Add(-time.Hour), now.Add(time.Hour))
	byStream, err := pdfattack.SignXRefStream(tampered, attacker, now, pdfattack.XRefStreamOptions{})
	require.NoError(t, err)
	// pdfsign on a file written with cross-reference streams from the
	// start: its signature, the overlay and the attacker's all use one.
	orig, err := pdfattack.XRefStreamOriginal(testPDF(t))
	require.NoError(t, err)
	firstOnStreams, err := reports.Sign(orig, identity(t, "大崎 太郎"), reports.SignInfo{}, now)
	require.NoError(t, err)
	tampered2, err := pdfattack.OverlayXRefStream(firstOnStreams)
	require.NoError(t, err)
	byPDFSign, err := reports.Sign(tampered2, attacker, reports.SignInfo{}, now)
	require.NoError(t, err)
	for name, both := range map[string][]byte{"signed with an xref stream": byStream, "signed by pdfsign": byPDFSign} {
		t.Run(name, func(t *testing.T) {
			sigs, revs, err := reports.VerifyRevisions(both)
			require.NoError(t, err)
			require.Len(t, sigs, 2)
			assert.True(t, sigs[0].Modified, "the first signature was made before the overlay")
			assert.False(t, sigs[0].Valid)
			assert.Equal(t, reports.ProblemChanged, sigs[0].Problem)
			assert.Contains(t, sigs[0].Detail, "page object", sigs[0].Detail)
			assert.True(t, sigs[1].Valid, "%s %s", sigs[1].Problem, sigs[1].Detail)
			require.Len(t, revs, 4)
			assert.NotEmpty(t, revs[2].Changes)
			assert.Empty(t, revs[3].Changes, "the later signature itself adds only a signature")
		})
	}
}

// Other changes an update written the PDF 1.5 way can carry beside a
// signature, each found: a compressed catalog with an action, a compressed
// annotation that is not a signature, a freed object, an object the
// cross-reference stream points elsewhere, an unreadable object stream.
func TestChangesHiddenInAnXRefStreamUpdate(t *testing.T) {
	now := time.Now()
	first, err := reports.Sign(testPDF(t), identity(t, "大崎 太郎"), reports.SignInfo{}, now)
	require.NoError(t, err)
	other := selfSigned(t, "別のツール", now.Add(-time.Hour), now.Add(time.Hour))
	num, page := lastPage(t, first)

	check := func(t *testing.T, b []byte, want string) {
		t.Helper()
		sigs, revs, err := reports.VerifyRevisions(b)
		require.NoError(t, err)
		require.NotEmpty(t, sigs)
		assert.Equal(t, reports.ProblemChanged, sigs[0].Problem, "%s", sigs[0].Detail)
		assert.Contains(t, sigs[0].Detail, want)
		var all []string
		for _, r := range revs {
			all = append(all, r.Changes...)
		}
		assert.NotEmpty(t, all)
	}
	t.Run("a compressed annotation", func(t *testing.T) {
		upd, err := pdfattack.AppendXRefStreamUpdate(first, nil, map[int]string{
			901: "<< /Type /Annot /Subtype /FreeText /Rect [72 600 400 700] /Contents (FORGED) /DA (/Helv 24 Tf 0 g) >>",
			num: strings.Replace(page, "/Annots [", "/Annots [901 0 R ", 1),
		}, true)
		require.NoError(t, err)
		later, err := pdfattack.SignXRefStream(upd, other, now, pdfattack.XRefStreamOptions{})
		require.NoError(t, err)
		check(t, later, "object 901")
	})
	t.Run("a catalog with an action, beside the signature", func(t *testing.T) {
		b, err := pdfattack.SignXRefStream(first, other, now, pdfattack.XRefStreamOptions{ObjStm: true,
			Extra: map[int]string{950: "<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>"}})
		require.NoError(t, err)
		check(t, b, "object 950")
	})
	t.Run("a freed object", func(t *testing.T) {
		upd, err := pdfattack.FreeWithXRefStream(first, num)
		require.NoError(t, err)
		later, err := pdfattack.SignXRefStream(upd, other, now, pdfattack.XRefStreamOptions{})
		require.NoError(t, err)
		check(t, later, "object "+strconv.Itoa(num)+" was deleted")
	})
	t.Run("an unreadable object stream", func(t *testing.T) {
		b, err := pdfattack.SignXRefStream(first, other, now, pdfattack.XRefStreamOptions{ObjStm: true})
		require.NoError(t, err)
		k := bytes.LastIndex(b, []byte("/Type /ObjStm"))
		s := bytes.Index(b[k:], []byte("stream\n")) + k + len("stream\n")
		bad := bytes.Clone(b)
		bad[s+4] ^= 0xff
		bad[s+5] ^= 0xff
		sigs, _, err := reports.VerifyRevisions(bad)
		require.NoError(t, err)
		assert.False(t, sigs[0].Valid && !sigs[0].Modified, "%s", sigs[0].Detail)
	})
}

// FuzzVerifyXRefStream: a file whose last signature was written with a
// cross-reference stream and an object stream, one byte changed: verify
// never panics and never calls it intact (but for a change inside the last
// signature's own /Contents, which no signature covers).
func FuzzVerifyXRefStream(f *testing.F) {
	now := time.Now()
	first, err := reports.Sign(testPDF(f), identity(f, "大崎 太郎"), reports.SignInfo{}, now)
	require.NoError(f, err)
	other, err := pdfattack.SelfSigned("別のツール", now.Add(-time.Hour), now.Add(time.Hour))
	require.NoError(f, err)
	signed, err := pdfattack.SignXRefStream(first, other, now, pdfattack.XRefStreamOptions{ObjStm: true})
	require.NoError(f, err)
	upd := len(first)
	f.Add(uint32(0), byte(1))
	f.Add(uint32(len(signed)-upd-40), byte(0x80))
	f.Add(uint32(len(signed)-upd-400), byte(0x01))
	f.Fuzz(func(t *testing.T, pos uint32, x byte) {
		if x == 0 {
			return
		}
		bad := bytes.Clone(signed)
		p := upd + int(pos)%(len(bad)-upd)
		bad[p] ^= x
		reps, err := reports.Verify(bad)
		if err != nil {
			return
		}
		start := bytes.LastIndex(signed, []byte("/Contents <")) + len("/Contents ")
		end := start + bytes.IndexByte(signed[start:], '>') + 1
		if p < start || p >= end {
			intact := len(reps) > 0
			for _, r := range reps {
				intact = intact && r.Valid && !r.Modified
			}
			assert.False(t, intact, "flip at %d not seen", p)
		}
	})
}

// Hostile object and cross-reference streams are reported as changes,
// never a crash: an array that says /Type /ObjStm, an object stream whose
// offsets overflow, a cross-reference stream with an eight-byte offset.
func TestHostileStreamsAreChangesNotCrashes(t *testing.T) {
	now := time.Now()
	first, err := reports.Sign(testPDF(t), identity(t, "大崎 太郎"), reports.SignInfo{}, now)
	require.NoError(t, err)
	header := "5 9223372036854775800 "
	cases := map[string][]byte{}
	b, err := pdfattack.AppendUpdate(first, map[int]string{901: "[ /Type /ObjStm ]\nstream\nabc\nendstream"})
	require.NoError(t, err)
	cases["an array that says ObjStm"] = b
	b, err = pdfattack.AppendUpdate(first, map[int]string{902: "<< /Type /ObjStm /N 1 /First " + strconv.Itoa(len(header)) + " /Length " + strconv.Itoa(len(header)+8) + " >>\nstream\n" + header + "<< >>    \nendstream"})
	require.NoError(t, err)
	cases["an object stream offset that overflows"] = b

	prev := bytes.LastIndex(first, []byte("startxref"))
	prevOff := strings.Fields(string(first[prev+len("startxref"):]))[0]
	root := regexp.MustCompile(`/Root\s+(\d+ \d+ R)`).FindAllSubmatch(first, -1)
	require.NotEmpty(t, root)
	x := bytes.NewBuffer(bytes.Clone(first))
	x.WriteString("\n")
	at := x.Len()
	fmt.Fprintf(x, "950 0 obj\n<< /Type /XRef /Size 951 /W [1 8 0] /Index [3 1] /Root %s /Prev %s /Length 9 >>\nstream\n", root[len(root)-1][1], prevOff)
	x.Write([]byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	fmt.Fprintf(x, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", at)
	cases["an eight-byte offset in a cross-reference stream"] = x.Bytes()

	for name, pdf := range cases {
		t.Run(name, func(t *testing.T) {
			sigs, revs, err := reports.VerifyRevisions(pdf)
			require.NoError(t, err)
			require.Len(t, sigs, 1)
			assert.True(t, sigs[0].Modified, "%s %s", sigs[0].Problem, sigs[0].Detail)
			require.Len(t, revs, 3)
			assert.NotEmpty(t, revs[2].Changes)
		})
	}
}
