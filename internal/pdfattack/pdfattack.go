// Package pdfattack makes the tampered PDFs the verification tests need:
// incremental updates written by hand, as a PDF editor or an attacker would
// write them, and certificates anyone can make. Used by tests only.
package pdfattack

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"

	"github.com/osaki-city/kinkyu/reports"
)

// SelfSigned makes an ECDSA identity with a self-signed certificate for
// name, valid from notBefore to notAfter.
func SelfSigned(name string, notBefore, notAfter time.Time) (reports.Identity, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return reports.Identity{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    notBefore, NotAfter: notAfter,
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return reports.Identity{}, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return reports.Identity{}, err
	}
	return reports.Identity{Signer: key, Chain: []*x509.Certificate{cert}}, nil
}

// PDFSign signs with digitorus/pdfsign itself, as another tool would:
// without the checks reports.Sign makes (such as the certificate's validity).
func PDFSign(in []byte, id reports.Identity, at time.Time) ([]byte, error) {
	rdr, err := pdf.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	err = sign.Sign(bytes.NewReader(in), &out, rdr, int64(len(in)), sign.SignData{
		Signature: sign.SignDataSignature{
			Info:     sign.SignDataSignatureInfo{Reason: "Approval", Date: at},
			CertType: sign.ApprovalSignature, DocMDPPerm: sign.AllowFillingExistingFormFieldsAndSignaturesPerms,
		},
		Signer: id.Signer, DigestAlgorithm: crypto.SHA256,
		Certificate: id.Certificate(), CertificateChains: [][]*x509.Certificate{id.Chain},
	})
	return out.Bytes(), err
}

var (
	reStartXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	reTrailerKV = regexp.MustCompile(`/(Size|Root|Info)\s+(\d+(?:\s+\d+\s+R)?)`)
	rePageType  = regexp.MustCompile(`/Type\s*/Page[\s/>]`)
	reObjStart  = regexp.MustCompile(`(\d+) 0 obj\s*`)
	reContents  = regexp.MustCompile(`/Contents\s+(\d+ 0 R)`)
)

// AppendUpdate appends an incremental update defining objs (number → the
// text between "obj" and "endobj"), with its cross-reference table and a
// trailer that keeps /Root and /Info.
func AppendUpdate(in []byte, objs map[int]string) ([]byte, error) {
	m := reStartXref.FindSubmatch(in)
	if m == nil {
		return nil, errors.New("the file does not end with startxref")
	}
	tr := in[bytes.LastIndex(in, []byte("trailer")):]
	kv := map[string]string{}
	for _, m := range reTrailerKV.FindAllSubmatch(tr, -1) {
		kv[string(m[1])] = string(m[2])
	}
	size, err := strconv.Atoi(kv["Size"])
	if err != nil {
		return nil, fmt.Errorf("trailer /Size: %w", err)
	}
	out := bytes.NewBuffer(bytes.Clone(in))
	out.WriteString("\n")
	offs := map[int]int{}
	var nums []int
	for n := range objs {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	for _, n := range nums {
		offs[n] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n%s\nendobj\n", n, objs[n])
		size = max(size, n+1)
	}
	xref := out.Len()
	out.WriteString("xref\n")
	for _, n := range nums {
		fmt.Fprintf(out, "%d 1\n%010d 00000 n \n", n, offs[n])
	}
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %s\n/Info %s\n/Prev %s\n>>\nstartxref\n%d\n%%%%EOF\n", size, kv["Root"], kv["Info"], m[1], xref)
	return out.Bytes(), nil
}

// LastPage returns the number and dictionary text of the last page object
// defined in the file.
func LastPage(b []byte) (int, string, error) {
	all := rePageType.FindAllIndex(b, -1)
	if len(all) == 0 {
		return 0, "", errors.New("no page object")
	}
	at := all[len(all)-1][0]
	starts := reObjStart.FindAllSubmatchIndex(b[:at], -1)
	if len(starts) == 0 {
		return 0, "", errors.New("no object around the page")
	}
	s := starts[len(starts)-1]
	end := bytes.Index(b[at:], []byte("endobj"))
	if end < 0 {
		return 0, "", errors.New("the page object does not end")
	}
	n, err := strconv.Atoi(string(b[s[2]:s[3]]))
	return n, strings.TrimSpace(string(b[s[1] : at+end])), err
}

// Overlay appends an update that draws a black block over the top of the
// last page object: a new content stream, and the page's /Contents pointing
// at the old and the new one.
func Overlay(signed []byte) ([]byte, error) {
	num, page, err := LastPage(signed)
	if err != nil {
		return nil, err
	}
	c := reContents.FindStringSubmatch(page)
	if c == nil {
		return nil, errors.New("the page has no single /Contents")
	}
	content := "0 0 0 rg 40 730 500 100 re f"
	return AppendUpdate(signed, map[int]string{
		900: fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		num: strings.Replace(page, c[0], "/Contents ["+c[1]+" 900 0 R]", 1),
	})
}

// Rename replaces the name from with to (the same number of bytes) wherever
// it is written in hex inside the file: the certificates in /Contents.
func Rename(b []byte, from, to string) ([]byte, int, error) {
	if len(from) != len(to) {
		return nil, 0, errors.New("the names differ in length")
	}
	out := bytes.Clone(b)
	n := 0
	for _, enc := range []func([]byte) string{hex.EncodeToString, func(b []byte) string { return strings.ToUpper(hex.EncodeToString(b)) }} {
		f, t := []byte(enc([]byte(from))), []byte(enc([]byte(to)))
		n += bytes.Count(out, f)
		out = bytes.ReplaceAll(out, f, t)
	}
	return out, n, nil
}
