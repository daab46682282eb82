package pdfattack

import (
	"bytes"
	"compress/zlib"
	"crypto/x509"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/digitorus/pkcs7"

	"github.com/osaki-city/kinkyu/reports"
)

// Updates written the PDF 1.5 way, as Acrobat, iText, pyHanko or qpdf write
// them: a cross-reference stream (/Type /XRef, FlateDecode with the PNG Up
// predictor, /Index, /Prev) in place of the xref table and trailer, and the
// objects changed put in an object stream (/Type /ObjStm).

var (
	reRootRef = regexp.MustCompile(`/Root\s+(\d+)\s+0\s+R`)
	reInfoRef = regexp.MustCompile(`/Info\s+(\d+)\s+0\s+R`)
	reSizeKV  = regexp.MustCompile(`/Size\s+(\d+)`)
	reXrefOff = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
)

// lastTrailer returns the start of the last cross-reference section and the
// text of the trailer in force there (the trailer dictionary, or the
// cross-reference stream's dictionary).
func lastTrailer(in []byte) (int, string, error) {
	m := reXrefOff.FindSubmatch(in)
	if m == nil {
		return 0, "", errors.New("the file does not end with startxref")
	}
	off, _ := strconv.Atoi(string(m[1]))
	if off <= 0 || off >= len(in) {
		return 0, "", errors.New("startxref out of the file")
	}
	rest := in[off:]
	if bytes.HasPrefix(rest, []byte("xref")) {
		k := bytes.Index(rest, []byte("trailer"))
		e := bytes.Index(rest, []byte("startxref"))
		if k < 0 || e < k {
			return 0, "", errors.New("no trailer")
		}
		return off, string(rest[k:e]), nil
	}
	e := bytes.Index(rest, []byte("stream"))
	if e < 0 {
		return 0, "", errors.New("no cross-reference stream")
	}
	return off, string(rest[:e]), nil
}

func flate(b []byte) []byte {
	var out bytes.Buffer
	w := zlib.NewWriter(&out)
	w.Write(b)
	w.Close()
	return out.Bytes()
}

// pngUp encodes rows of n bytes with the PNG Up predictor.
func pngUp(b []byte, n int) []byte {
	var out []byte
	prev := make([]byte, n)
	for i := 0; i+n <= len(b); i += n {
		out = append(out, 2)
		for j := 0; j < n; j++ {
			out = append(out, b[i+j]-prev[j])
		}
		prev = b[i : i+n]
	}
	return out
}

type xrefRow struct {
	num, typ, f2, f3 int
}

// writeXRefStream writes the cross-reference stream object (number num) at
// the end of out, then startxref and %%EOF.
func writeXRefStream(out *bytes.Buffer, num int, rows []xrefRow, size int, trailer string, prev int) {
	off := out.Len()
	rows = append(rows, xrefRow{num, 1, off, 0})
	slices.SortFunc(rows, func(a, b xrefRow) int { return a.num - b.num })
	var raw []byte
	var index []string
	for _, r := range rows {
		var row [7]byte
		row[0] = byte(r.typ)
		binary.BigEndian.PutUint32(row[1:5], uint32(r.f2))
		binary.BigEndian.PutUint16(row[5:7], uint16(r.f3))
		raw = append(raw, row[:]...)
		index = append(index, fmt.Sprintf("%d 1", r.num))
	}
	data := flate(pngUp(raw, 7))
	fmt.Fprintf(out, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Index [%s] %s/Prev %d /Filter /FlateDecode /DecodeParms << /Columns 7 /Predictor 12 >> /Length %d >>\nstream\n",
		num, size, strings.Join(index, " "), trailer, prev, len(data))
	out.Write(data)
	fmt.Fprintf(out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", off)
}

// AppendXRefStreamUpdate appends an incremental update written with a
// cross-reference stream: plain objects written in the file, compressed
// ones in one object stream (number → the text between "obj" and "endobj";
// compressed ones are dictionaries or arrays). The stream keeps /Root and,
// when keepInfo, /Info.
func AppendXRefStreamUpdate(in []byte, plain, compressed map[int]string, keepInfo bool) ([]byte, error) {
	out, _, err := appendXRefStream(in, plain, compressed, keepInfo, nil)
	return out, err
}

// FreeWithXRefStream appends an update that writes nothing but a
// cross-reference stream marking the objects free (deleted).
func FreeWithXRefStream(in []byte, free ...int) ([]byte, error) {
	out, _, err := appendXRefStream(in, nil, nil, true, free)
	return out, err
}

func appendXRefStream(in []byte, plain, compressed map[int]string, keepInfo bool, free []int) ([]byte, map[int]int, error) {
	prev, tr, err := lastTrailer(in)
	if err != nil {
		return nil, nil, err
	}
	root := reRootRef.FindStringSubmatch(tr)
	size := reSizeKV.FindStringSubmatch(tr)
	if root == nil || size == nil {
		return nil, nil, errors.New("the trailer has no /Root or /Size")
	}
	next, _ := strconv.Atoi(size[1])
	trailer := "/Root " + root[1] + " 0 R "
	if keepInfo {
		info := reInfoRef.FindAllSubmatch(in, -1)
		if info == nil {
			return nil, nil, errors.New("no /Info")
		}
		trailer += "/Info " + string(info[len(info)-1][1]) + " 0 R "
	}
	for n := range plain {
		next = max(next, n+1)
	}
	for n := range compressed {
		next = max(next, n+1)
	}
	out := bytes.NewBuffer(bytes.Clone(in))
	out.WriteString("\n")
	var rows []xrefRow
	for _, n := range free {
		rows = append(rows, xrefRow{n, 0, 0, 1})
	}
	offs := map[int]int{}
	for _, n := range sortedKeys(plain) {
		offs[n] = out.Len()
		rows = append(rows, xrefRow{n, 1, out.Len(), 0})
		fmt.Fprintf(out, "%d 0 obj\n%s\nendobj\n", n, plain[n])
	}
	if len(compressed) > 0 {
		stm := next
		next++
		var head, body strings.Builder
		for i, n := range sortedKeys(compressed) {
			fmt.Fprintf(&head, "%d %d ", n, body.Len())
			body.WriteString(compressed[n] + "\n")
			rows = append(rows, xrefRow{n, 2, stm, i})
		}
		data := flate([]byte(head.String() + body.String()))
		rows = append(rows, xrefRow{stm, 1, out.Len(), 0})
		fmt.Fprintf(out, "%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n", stm, len(compressed), head.Len(), len(data))
		out.Write(data)
		out.WriteString("\nendstream\nendobj\n")
	}
	xref := next
	next++
	writeXRefStream(out, xref, rows, next, trailer, prev)
	return out.Bytes(), offs, nil
}

func sortedKeys(m map[int]string) []int {
	var ks []int
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

var (
	reObjStmHead = regexp.MustCompile(`(\d+) 0 obj\s*<< /Type /ObjStm /N (\d+) /First (\d+) /Filter /FlateDecode /Length (\d+) >>\s*stream\n`)
	reNumPair    = regexp.MustCompile(`(\d+) (\d+)`)
)

// lastDef returns the text of the last definition of object num: between
// "N 0 obj" and "endobj" when written in the file, or its place in the last
// object stream (as this package writes them) that holds it, whichever
// comes later.
func lastDef(in []byte, num int) (string, error) {
	re := regexp.MustCompile(`(?:^|[\s>])` + strconv.Itoa(num) + `\s+0\s+obj\b`)
	text, at := "", -1
	if all := re.FindAllIndex(in, -1); all != nil {
		a := all[len(all)-1]
		end := bytes.Index(in[a[1]:], []byte("endobj"))
		if end < 0 {
			return "", fmt.Errorf("object %d does not end", num)
		}
		text, at = strings.TrimSpace(string(in[a[1]:a[1]+end])), a[0]
	}
	for _, m := range reObjStmHead.FindAllSubmatchIndex(in, -1) {
		if m[0] < at {
			continue
		}
		first, _ := strconv.Atoi(string(in[m[6]:m[7]]))
		n, _ := strconv.Atoi(string(in[m[8]:m[9]]))
		zr, err := zlib.NewReader(bytes.NewReader(in[m[1] : m[1]+n]))
		if err != nil {
			continue
		}
		data, err := io.ReadAll(zr)
		if err != nil || first > len(data) {
			continue
		}
		pairs := reNumPair.FindAllStringSubmatch(string(data[:first]), -1)
		for i, p := range pairs {
			if p[1] != strconv.Itoa(num) {
				continue
			}
			s, _ := strconv.Atoi(p[2])
			e := len(data) - first
			if i+1 < len(pairs) {
				e, _ = strconv.Atoi(pairs[i+1][2])
			}
			text, at = strings.TrimSpace(string(data[first+s:first+e])), m[0]
		}
	}
	if at < 0 {
		return "", fmt.Errorf("object %d not found", num)
	}
	return text, nil
}

// XRefStreamOptions says how SignXRefStream writes its update.
type XRefStreamOptions struct {
	ObjStm   bool           // the field, the page and the catalog compressed in an object stream
	KeepInfo bool           // repeat /Info in the cross-reference stream
	Extra    map[int]string // more objects the update writes (compressed when ObjStm)
}

// SignXRefStream adds a signature the way another signing tool writing PDF
// 1.5 updates does: a new signature dictionary, a new invisible signature
// field (its widget) on the last page, the page's /Annots and the
// catalog's /AcroForm /Fields grown by it, with a cross-reference stream,
// and (ObjStm) the field, page and catalog compressed. The CMS signature
// (SHA-256, detached) covers the whole file but its /Contents.
func SignXRefStream(in []byte, id reports.Identity, at time.Time, o XRefStreamOptions) ([]byte, error) {
	_, tr, err := lastTrailer(in)
	if err != nil {
		return nil, err
	}
	rootM := reRootRef.FindStringSubmatch(tr)
	sizeM := reSizeKV.FindStringSubmatch(tr)
	if rootM == nil || sizeM == nil {
		return nil, errors.New("the trailer has no /Root or /Size")
	}
	root, _ := strconv.Atoi(rootM[1])
	size, _ := strconv.Atoi(sizeM[1])
	for n := range o.Extra {
		size = max(size, n+1)
	}
	catalog, err := lastDef(in, root)
	if err != nil {
		return nil, err
	}
	pageNum, _, err := LastPage(in)
	if err != nil {
		return nil, err
	}
	page, err := lastDef(in, pageNum) // perhaps since compressed
	if err != nil {
		return nil, err
	}
	sigNum, fieldNum := size, size+1
	field := fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature%d) /V %d 0 R /F 132 /Rect [0 0 0 0] /P %d 0 R >>", fieldNum, sigNum, pageNum)
	if strings.Contains(page, "/Annots [") {
		page = strings.Replace(page, "/Annots [", fmt.Sprintf("/Annots [%d 0 R ", fieldNum), 1)
	} else if strings.Contains(page, "/Annots") {
		return nil, errors.New("the page's /Annots is not an array written in it")
	} else {
		page = strings.Replace(page, "<<", fmt.Sprintf("<< /Annots [%d 0 R]", fieldNum), 1)
	}
	switch {
	case strings.Contains(catalog, "/Fields ["):
		catalog = strings.Replace(catalog, "/Fields [", fmt.Sprintf("/Fields [%d 0 R ", fieldNum), 1)
	case strings.Contains(catalog, "/AcroForm"):
		return nil, errors.New("the catalog's /AcroForm is not written in it")
	default:
		catalog = strings.Replace(catalog, "<<", fmt.Sprintf("<< /AcroForm << /Fields [%d 0 R] /SigFlags 3 >>", fieldNum), 1)
	}
	const hexLen = 16384
	placeholderBR := "/ByteRange [0 ********** ********** **********]"
	sig := fmt.Sprintf("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached %s /Contents <%s> /M (D:%s) /Reason (Approval) >>",
		placeholderBR, strings.Repeat("0", hexLen), at.UTC().Format("20060102150405Z"))
	plain := map[int]string{sigNum: sig}
	compressed := map[int]string{fieldNum: field, pageNum: page, root: catalog}
	for n, s := range o.Extra {
		compressed[n] = s
	}
	if !o.ObjStm {
		for n, s := range compressed {
			plain[n] = s
		}
		compressed = nil
	}
	out, offs, err := appendXRefStream(in, plain, compressed, o.KeepInfo, nil)
	if err != nil {
		return nil, err
	}
	// The byte range: everything but the /Contents hex string.
	c0 := bytes.Index(out[offs[sigNum]:], []byte("/Contents <")) + offs[sigNum] + len("/Contents ")
	c1 := c0 + hexLen + 2
	br := fmt.Sprintf("/ByteRange [0 %-10d %-10d %-10d]", c0, c1, len(out)-c1)
	if len(br) != len(placeholderBR) {
		return nil, errors.New("byte range too long")
	}
	k := bytes.Index(out[offs[sigNum]:], []byte(placeholderBR)) + offs[sigNum]
	copy(out[k:], br)
	signed := append(bytes.Clone(out[:c0]), out[c1:]...)
	sd, err := pkcs7.NewSignedData(signed)
	if err != nil {
		return nil, err
	}
	sd.SetDigestAlgorithm(pkcs7.OIDDigestAlgorithmSHA256)
	if err := sd.AddSignerChain(id.Certificate(), id.Signer, []*x509.Certificate{}, pkcs7.SignerInfoConfig{}); err != nil {
		return nil, err
	}
	sd.Detach()
	der, err := sd.Finish()
	if err != nil {
		return nil, err
	}
	h := hex.EncodeToString(der)
	if len(h) > hexLen {
		return nil, errors.New("signature too long")
	}
	copy(out[c0+1:], h)
	return out, nil
}

// OverlayXRefStream is Overlay written with a cross-reference stream: the
// new content stream in the file, the changed page compressed in an object
// stream.
func OverlayXRefStream(signed []byte) ([]byte, error) {
	num, page, err := LastPage(signed)
	if err != nil {
		return nil, err
	}
	c := reContents.FindStringSubmatch(page)
	if c == nil {
		return nil, errors.New("the page has no single /Contents")
	}
	content := "0 0 0 rg 40 730 500 100 re f"
	return AppendXRefStreamUpdate(signed,
		map[int]string{900: fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content)},
		map[int]string{num: strings.Replace(page, c[0], "/Contents ["+c[1]+" 900 0 R]", 1)}, true)
}

// XRefStreamOriginal rewrites an unsigned file of one revision so that its
// cross-reference table and trailer are a cross-reference stream: signing
// tools then write their updates with one too (pdfsign does).
func XRefStreamOriginal(in []byte) ([]byte, error) {
	off, tr, err := lastTrailer(in)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(in[off:], []byte("xref")) {
		return nil, errors.New("no xref table")
	}
	lines := strings.Split(strings.ReplaceAll(string(in[off:]), "\r", ""), "\n")
	var rows []xrefRow
	for k := 1; k < len(lines); {
		f := strings.Fields(lines[k])
		if len(f) != 2 {
			break
		}
		first, _ := strconv.Atoi(f[0])
		count, _ := strconv.Atoi(f[1])
		k++
		for n := 0; n < count && k < len(lines); n, k = n+1, k+1 {
			e := strings.Fields(lines[k])
			if len(e) != 3 {
				return nil, fmt.Errorf("xref line %q", lines[k])
			}
			o, _ := strconv.Atoi(e[0])
			g, _ := strconv.Atoi(e[1])
			typ := 1
			if e[2] == "f" {
				typ = 0
			}
			rows = append(rows, xrefRow{first + n, typ, o, g})
		}
	}
	size := reSizeKV.FindStringSubmatch(tr)
	root := reRootRef.FindStringSubmatch(tr)
	info := reInfoRef.FindStringSubmatch(tr)
	if size == nil || root == nil || info == nil {
		return nil, errors.New("the trailer lacks /Size, /Root or /Info")
	}
	n, _ := strconv.Atoi(size[1])
	trailer := "/Root " + root[1] + " 0 R /Info " + info[1] + " 0 R "
	if id := regexp.MustCompile(`/ID\s*\[[^\]]*\]`).FindString(tr); id != "" {
		trailer += id + " "
	}
	out := bytes.NewBuffer(bytes.Clone(in[:off]))
	writeXRefStream(out, n, rows, n+1, trailer, 0)
	b := out.Bytes()
	// No /Prev in an original.
	return bytes.Replace(b, []byte("/Prev 0 "), nil, 1), nil
}
