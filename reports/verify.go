package reports

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/digitorus/pkcs7"
	"github.com/osaki-city/kinkyu/data"
)

// Problem names why a signature does not verify (for the details pane and logs;
// the UI words it from Valid and Modified).
const (
	ProblemNone      = ""
	ProblemByteRange = "byterange" // no usable /ByteRange for this signature
	ProblemTruncated = "truncated" // the byte range runs past the end of the file
	ProblemCMS       = "cms"       // the signature is not a readable CMS/PKCS#7 object
	ProblemDigest    = "digest"    // the signed bytes were changed
	ProblemSignature = "signature" // the CMS signature itself does not verify
	ProblemAppended  = "appended"  // bytes added after the signature that no later signature covers
	ProblemChanged   = "changed"   // a later revision changes more than adding a signature needs
	ProblemValidity  = "validity"  // signed at a time outside the certificate's validity
	ProblemCert      = "cert"      // the certificate's own signature does not verify (altered, or its issuer is missing)
)

// SignatureReport is the verification result of one signature, in file order
// (the order of signing).
type SignatureReport struct {
	SignerName   string            // the certificate subject's CN (the Japanese name)
	Section      string            // the subject's OU, if any
	Organization string            // the subject's O, if any
	SigningTime  time.Time         // /M of the signature, else the CMS signing time; zero if neither
	Fingerprint  string            // SHA-256 hex of the signer's certificate ("" if unreadable)
	Certificate  *x509.Certificate // the signer's certificate, nil if unreadable
	Valid        bool              // the signature verifies over its byte range
	WholeFile    bool              // the byte range reaches the end of the file
	Modified     bool              // the document was changed after this signature
	Problem      string            // Problem*, "" when Valid and not Modified
	Detail       string            // technical detail of Problem
	Revision     int               // the revision (index into the revisions) this signature signs; -1 if none
}

var (
	reByteRange = regexp.MustCompile(`/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]`)
	reSigDate   = regexp.MustCompile(`/M\s*\((D:[0-9+\-Z']{4,30})\)`)
)

// minSigHex is the shortest /Contents hex string taken for a CMS signature.
const minSigHex = 256

type sigSlot struct {
	start, end int // the /Contents hex string including < and >: file[start:end]
	byteRange  []int64
	p7         *pkcs7.PKCS7
	p7err      error
}

// Verify checks every signature in the PDF. It finds signatures both by their
// /ByteRange and by their /Contents (which lie outside the signed bytes), so
// damage to a signature dictionary is reported rather than hiding the
// signature. A signature is Modified when its own bytes do not verify, or when
// bytes follow its revision that no later valid signature covers. Certificates
// are not checked against a trust store: compare Fingerprint with the ones the
// case file knows. An error is returned only for a file that is not a PDF.
func Verify(pdf []byte) ([]SignatureReport, error) {
	sigs, _, err := VerifyRevisions(pdf)
	return sigs, err
}

// VerifyRevisions is Verify that also returns every revision of the file:
// the original document and each incremental update, with what an update
// changes beyond adding a signature. Such a change after a signature makes
// that signature Modified (ProblemChanged), whatever signs later.
func VerifyRevisions(pdf []byte) (sigs []SignatureReport, revs []Revision, err error) {
	// A reader bug on a hostile file must not end the app, nor read as
	// valid: the file is then refused as unreadable.
	defer func() {
		if r := recover(); r != nil {
			sigs, revs = nil, nil
			err = &data.Error{Code: data.EINVALID, Field: "pdf", Rule: "corrupt", Err: fmt.Errorf("verify: the PDF cannot be read: %v", r)}
		}
	}()
	head := pdf
	if len(head) > 1024 {
		head = head[:1024]
	}
	if !bytes.Contains(head, []byte("%PDF-")) {
		return nil, nil, &data.Error{Code: data.EINVALID, Field: "pdf", Rule: "corrupt",
			Err: errors.New("no %PDF- header")}
	}

	slots := map[int]*sigSlot{}
	for _, m := range reByteRange.FindAllSubmatch(pdf, -1) {
		var br [4]int64
		ok := true
		for i := range br {
			v, err := strconv.ParseInt(string(m[i+1]), 10, 64)
			if err != nil {
				ok = false
			}
			br[i] = v
		}
		a, b, c := br[0], br[1], br[2]
		if !ok || a != 0 || b <= 0 || c-b-2 < minSigHex || c > int64(len(pdf)) ||
			pdf[b] != '<' || pdf[c-1] != '>' {
			continue
		}
		s := sigSlotAt(slots, int(b), int(c))
		s.byteRange = br[:]
	}
	for i := 0; i < len(pdf); i++ {
		if pdf[i] != '<' || (i+1 < len(pdf) && pdf[i+1] == '<') {
			continue
		}
		j := i + 1
		for j < len(pdf) && isSigHex(pdf[j]) {
			j++
		}
		if j < len(pdf) && pdf[j] == '>' && j-i-1 >= minSigHex {
			if p7, err := parseSigContents(pdf[i+1 : j]); err == nil && len(p7.Signers) > 0 {
				sigSlotAt(slots, i, j+1)
			}
		}
		i = j - 1
	}

	ordered := make([]*sigSlot, 0, len(slots))
	for _, s := range slots {
		ordered = append(ordered, s)
	}
	sort.Slice(ordered, func(i, j int) bool { return ordered[i].start < ordered[j].start })

	reports := make([]SignatureReport, len(ordered))
	ends := make([]int64, len(ordered))
	for i, s := range ordered {
		s.p7, s.p7err = parseSigContents(pdf[s.start+1 : s.end-1])
		reports[i], ends[i] = checkSigSlot(pdf, s)
	}
	// A valid signature that does not reach the end of the file is still
	// intact when its range ends a revision and a later valid signature, made
	// after that revision, covers the whole file.
	n := int64(len(pdf))
	revs = splitRevisions(pdf)
	for i := range reports {
		r := &reports[i]
		r.Revision = -1
		for k, rev := range revs {
			if int64(ordered[i].start) >= rev.Start && int64(ordered[i].start) < rev.End {
				r.Revision = k
				revs[k].Signatures = append(revs[k].Signatures, i)
			}
		}
		if !r.Valid && r.Problem != ProblemValidity && r.Problem != ProblemCert {
			continue
		}
		// Any later revision that does more than add a signature changes
		// the document this signature approved, whoever signs after it.
		var later []string
		for k, rev := range revs {
			if rev.Start >= ends[i] && len(rev.Changes) > 0 {
				for _, c := range rev.Changes {
					later = append(later, fmt.Sprintf("revision %d: %s", k+1, c))
				}
			}
		}
		if len(later) > 0 {
			r.Valid, r.Modified = false, true
			r.Problem = ProblemChanged
			r.Detail = strings.Join(later, "; ")
			continue
		}
		if !r.Valid || r.WholeFile {
			continue
		}
		covered := endsRevision(pdf[:ends[i]])
		if covered {
			covered = false
			for j := i + 1; j < len(reports); j++ {
				if reports[j].Valid && ends[j] == n && int64(ordered[j].start) >= ends[i] {
					covered = true
				}
			}
		}
		if !covered {
			r.Modified = true
			r.Problem = ProblemAppended
			r.Detail = fmt.Sprintf("%d bytes after the signed range (ends at %d) are not covered by a later signature", n-ends[i], ends[i])
		}
	}
	return reports, revs, nil
}

func sigSlotAt(slots map[int]*sigSlot, start, end int) *sigSlot {
	s := slots[start]
	if s == nil {
		s = &sigSlot{start: start, end: end}
		slots[start] = s
	}
	return s
}

func isSigHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// parseSigContents decodes a /Contents hex string (zero-padded after the DER).
func parseSigContents(hx []byte) (*pkcs7.PKCS7, error) {
	if len(hx)%2 == 1 {
		hx = hx[:len(hx)-1]
	}
	raw := make([]byte, hex.DecodedLen(len(hx)))
	if _, err := hex.Decode(raw, hx); err != nil {
		return nil, err
	}
	var rv asn1.RawValue
	rest, err := asn1.Unmarshal(raw, &rv)
	if err != nil {
		return nil, err
	}
	return pkcs7.Parse(raw[:len(raw)-len(rest)])
}

// checkSlot verifies one signature over its own byte range.
func checkSigSlot(pdf []byte, s *sigSlot) (SignatureReport, int64) {
	var r SignatureReport
	r.Modified = true
	if s.p7 != nil {
		if c := s.p7.GetOnlySigner(); c != nil {
			r.Certificate = c
			r.SignerName = c.Subject.CommonName
			if len(c.Subject.OrganizationalUnit) > 0 {
				r.Section = c.Subject.OrganizationalUnit[0]
			}
			if len(c.Subject.Organization) > 0 {
				r.Organization = c.Subject.Organization[0]
			}
			r.Fingerprint = CertFingerprint(c)
		}
		var t time.Time
		if err := s.p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &t); err == nil {
			r.SigningTime = t
		}
	}
	if t, ok := sigDate(pdf, s.end); ok {
		r.SigningTime = t
	}
	if s.p7 == nil {
		r.Problem, r.Detail = ProblemCMS, fmt.Sprint(s.p7err)
		return r, 0
	}
	if s.byteRange == nil {
		r.Problem, r.Detail = ProblemByteRange, fmt.Sprintf("no /ByteRange for the signature at offset %d", s.start)
		return r, 0
	}
	c, d := s.byteRange[2], s.byteRange[3]
	end := c + d
	if d < 0 || end > int64(len(pdf)) {
		r.Problem, r.Detail = ProblemTruncated, fmt.Sprintf("byte range ends at %d, file has %d bytes", end, len(pdf))
		return r, 0
	}
	content := make([]byte, 0, int64(s.start)+d)
	content = append(content, pdf[:s.start]...)
	content = append(content, pdf[c:end]...)
	s.p7.Content = content
	if err := s.p7.Verify(); err != nil {
		var mm *pkcs7.MessageDigestMismatchError
		switch {
		case errors.As(err, &mm):
			r.Problem = ProblemDigest
		case outsideValidity(s.p7, r.Certificate):
			// The document is as signed, but not at a time the certificate
			// was valid: its own words, not "changed".
			r.Problem, r.Modified = ProblemValidity, false
			r.Detail = fmt.Sprintf("%v (valid %s to %s)", err, r.Certificate.NotBefore.Format(time.RFC3339), r.Certificate.NotAfter.Format(time.RFC3339))
			r.WholeFile = end == int64(len(pdf))
			return r, end
		default:
			r.Problem = ProblemSignature
		}
		r.Detail = err.Error()
		return r, end
	}
	r.WholeFile = end == int64(len(pdf))
	r.Modified = false
	// The CMS signature checks against the key in the certificate, not the
	// certificate itself: a name changed inside it would still "verify".
	if err := checkCertificate(r.Certificate, s.p7.Certificates); err != nil {
		r.Problem, r.Detail = ProblemCert, err.Error()
		return r, end
	}
	r.Valid = true
	return r, end
}

// outsideValidity reports whether the signature verifies once the signing
// time is not held against the certificate's validity, and that time lies
// outside it.
func outsideValidity(p7 *pkcs7.PKCS7, cert *x509.Certificate) bool {
	if cert == nil {
		return false
	}
	var t time.Time
	if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &t); err != nil {
		return false
	}
	if !t.Before(cert.NotBefore) && !t.After(cert.NotAfter) {
		return false
	}
	// Verify again with a copy of the certificate valid at that time.
	wide := *cert
	wide.NotBefore, wide.NotAfter = t.Add(-time.Hour), t.Add(time.Hour)
	saved := slices.Clone(p7.Certificates)
	defer func() { p7.Certificates = saved }()
	for i, c := range p7.Certificates {
		if c == cert {
			p7.Certificates[i] = &wide
		}
	}
	return p7.Verify() == nil
}

// checkCertificate verifies the signer's certificate itself: its signature
// by its issuer, found among the certificates of the signature, up to a
// self-signed one. A certificate whose subject was edited (a renamed signer)
// no longer verifies, and one whose issuer is missing cannot be checked.
func checkCertificate(cert *x509.Certificate, bag []*x509.Certificate) error {
	if cert == nil {
		return errors.New("no signer certificate")
	}
	c := cert
	for range 8 {
		if bytes.Equal(c.RawIssuer, c.RawSubject) {
			// Not CheckSignatureFrom: an officer's certificate is no CA.
			if err := c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature); err != nil {
				return fmt.Errorf("the self-signed certificate of %q does not verify (altered?): %w", c.Subject.CommonName, err)
			}
			return nil
		}
		var issuer *x509.Certificate
		for _, b := range bag {
			if b != c && bytes.Equal(b.RawSubject, c.RawIssuer) && c.CheckSignatureFrom(b) == nil {
				issuer = b
				break
			}
		}
		if issuer == nil {
			return fmt.Errorf("the certificate of %q is not signed by its issuer %q, or the issuer's certificate is not in the signature", c.Subject.CommonName, c.Issuer.CommonName)
		}
		c = issuer
	}
	return errors.New("certificate chain too long")
}

// endsRevision reports whether b ends with %%EOF and optional line ends.
func endsRevision(b []byte) bool {
	return bytes.HasSuffix(bytes.TrimRight(b, "\r\n \t\x00"), []byte("%%EOF"))
}

// sigDate reads /M from the signature dictionary that follows the /Contents
// string ending at end.
func sigDate(pdf []byte, end int) (time.Time, bool) {
	tail := pdf[end:]
	if k := bytes.Index(tail, []byte("endobj")); k >= 0 {
		tail = tail[:k]
	} else if len(tail) > 4096 {
		tail = tail[:4096]
	}
	m := reSigDate.FindSubmatch(tail)
	if m == nil {
		return time.Time{}, false
	}
	return parsePDFDate(string(m[1]))
}

// parsePDFDate parses "D:YYYYMMDDHHmmSS+HH'mm'" and its shorter forms.
func parsePDFDate(s string) (time.Time, bool) {
	s = strings.TrimPrefix(s, "D:")
	for _, layout := range []string{"20060102150405-07'00'", "20060102150405-07'00", "20060102150405Z07'00'", "20060102150405Z", "20060102150405-0700", "20060102150405"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
