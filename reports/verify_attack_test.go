package reports_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"software.sslmate.com/src/go-pkcs12"

	"github.com/osaki-city/kinkyu/internal/pdfattack"
	"github.com/osaki-city/kinkyu/reports"
)

func selfSigned(t *testing.T, name string, notBefore, notAfter time.Time) reports.Identity {
	t.Helper()
	id, err := pdfattack.SelfSigned(name, notBefore, notAfter)
	require.NoError(t, err)
	return id
}

func appendUpdate(t *testing.T, in []byte, objs map[int]string) []byte {
	t.Helper()
	out, err := pdfattack.AppendUpdate(in, objs)
	require.NoError(t, err)
	return out
}

func overlay(t *testing.T, signed []byte) []byte {
	t.Helper()
	out, err := pdfattack.Overlay(signed)
	require.NoError(t, err)
	return out
}

func lastPage(t *testing.T, b []byte) (int, string) {
	t.Helper()
	n, page, err := pdfattack.LastPage(b)
	require.NoError(t, err)
	return n, page
}

// The attack of issue #15: new content overlaid on page 1 in an incremental
// update, then a second signature by a self-signed certificate of another
// name. The first signature is "changed after signing", the command exits 1,
// and every revision is listed; pdfsig sees both signatures too.
func TestOverlayThenLaterSignatureMarksTheFirstChanged(t *testing.T) {
	now := time.Now()
	first, err := reports.Sign(testPDF(t), identity(t, "大崎 太郎"), reports.SignInfo{}, now)
	require.NoError(t, err)
	tampered := overlay(t, first)
	attacker := selfSigned(t, "攻撃者", now.Add(-time.Hour), now.Add(time.Hour))
	both, err := reports.Sign(tampered, attacker, reports.SignInfo{}, now)
	require.NoError(t, err)

	sigs, revs, err := reports.VerifyRevisions(both)
	require.NoError(t, err)
	require.Len(t, sigs, 2)
	assert.Equal(t, "大崎 太郎", sigs[0].SignerName)
	assert.True(t, sigs[0].Modified, "the first signature was made before the overlay")
	assert.False(t, sigs[0].Valid)
	assert.Equal(t, reports.ProblemChanged, sigs[0].Problem, sigs[0].Detail)
	assert.Contains(t, sigs[0].Detail, "page object")
	assert.Equal(t, "攻撃者", sigs[1].SignerName)
	assert.True(t, sigs[1].Valid, "the second signature signed the overlaid file: %s", sigs[1].Detail)

	require.Len(t, revs, 4, "original, first signature, overlay, second signature")
	assert.Empty(t, revs[0].Changes)
	assert.Empty(t, revs[1].Changes, "adding a signature is no change")
	assert.Equal(t, []int{0}, revs[1].Signatures)
	assert.NotEmpty(t, revs[2].Changes, "the overlay")
	assert.Empty(t, revs[3].Changes)
	assert.Equal(t, []int{1}, revs[3].Signatures)
	assert.Equal(t, int64(len(both)), revs[3].End)

	// pdfsig reads the same two signatures. It calls the first one's bytes
	// valid but "Not total document signed", without saying what the later
	// revisions changed: verify-pdf goes further and names the overlay.
	ps, raw := pdfsig(t, both)
	require.Len(t, ps, 2, raw)
	assert.Equal(t, "大崎 太郎", ps[0].CommonName)
	assert.Equal(t, "攻撃者", ps[1].CommonName)
	blocks := strings.Split(raw, "Signature #2:")
	require.Len(t, blocks, 2, raw)
	assert.Contains(t, blocks[0], "Not total document signed")
	assert.Contains(t, blocks[1], "Total document signed")

	// A clean countersignature stays valid: no false alarm.
	clean, err := reports.Sign(first, identity(t, "古川 花子"), reports.SignInfo{}, now)
	require.NoError(t, err)
	sigs, revs, err = reports.VerifyRevisions(clean)
	require.NoError(t, err)
	require.Len(t, sigs, 2)
	for _, s := range sigs {
		assert.True(t, s.Valid && !s.Modified, "%s: %s %s", s.SignerName, s.Problem, s.Detail)
	}
	for _, r := range revs {
		assert.Empty(t, r.Changes)
	}
}

// Other changes an update can hide behind a later signature: a new text
// field in the form, a changed document catalog, a replaced /Info.
func TestOtherChangesBeforeALaterSignature(t *testing.T) {
	now := time.Now()
	first, err := reports.Sign(testPDF(t), identity(t, "大崎 太郎"), reports.SignInfo{}, now)
	require.NoError(t, err)
	num, page := lastPage(t, first)
	tests := map[string]map[int]string{
		"annotation": {
			901: "<< /Type /Annot /Subtype /FreeText /Rect [72 600 400 700] /Contents (FORGED) /DA (/Helv 24 Tf 0 g) >>",
			num: strings.Replace(page, "/Annots [", "/Annots [901 0 R ", 1),
		},
		"page rotated": {
			num: strings.Replace(page, "/Type /Page", "/Type /Page /Rotate 180", 1),
		},
		"unreferenced object": {
			902: "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length 0 >>\nstream\n\nendstream",
		},
	}
	for name, objs := range tests {
		t.Run(name, func(t *testing.T) {
			tampered := appendUpdate(t, first, objs)
			both, err := reports.Sign(tampered, selfSigned(t, "攻撃者", now.Add(-time.Hour), now.Add(time.Hour)), reports.SignInfo{}, now)
			require.NoError(t, err)
			sigs, err := reports.Verify(both)
			require.NoError(t, err)
			require.Len(t, sigs, 2)
			assert.True(t, sigs[0].Modified, name)
			assert.Equal(t, reports.ProblemChanged, sigs[0].Problem, "%s: %s", name, sigs[0].Detail)
		})
	}
}

// A certificate renamed inside the signature (same length, so the CMS still
// parses and its own signature over the document still verifies) fails: the
// certificate no longer verifies, and its fingerprint is another.
func TestRenamedSignerFails(t *testing.T) {
	id := identity(t, "大崎 太郎")
	signed, err := reports.Sign(testPDF(t), id, reports.SignInfo{}, time.Now())
	require.NoError(t, err)
	renamed, n, err := pdfattack.Rename(signed, "大崎 太郎", "古川 花子")
	require.NoError(t, err)
	require.Positive(t, n, "the name is in the certificate inside /Contents")

	sigs, err := reports.Verify(renamed)
	require.NoError(t, err)
	require.Len(t, sigs, 1)
	assert.Equal(t, "古川 花子", sigs[0].SignerName, "what the certificate now says")
	assert.False(t, sigs[0].Valid, "a renamed certificate is not a valid signature")
	assert.Equal(t, reports.ProblemCert, sigs[0].Problem, sigs[0].Detail)
	assert.NotEqual(t, id.Fingerprint(), sigs[0].Fingerprint)
}

// A signature made when the certificate was not valid has its own problem,
// not "the document was changed".
func TestSigningTimeOutsideValidityHasItsOwnProblem(t *testing.T) {
	now := time.Now()
	expired := selfSigned(t, "大崎 太郎", now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	signed, err := pdfattack.PDFSign(testPDF(t), expired, now)
	require.NoError(t, err)
	sigs, err := reports.Verify(signed)
	require.NoError(t, err)
	require.Len(t, sigs, 1)
	assert.False(t, sigs[0].Valid)
	assert.False(t, sigs[0].Modified, "the document is as signed")
	assert.Equal(t, reports.ProblemValidity, sigs[0].Problem, sigs[0].Detail)
	_, raw := pdfsig(t, signed)
	assert.Contains(t, raw, "Certificate has Expired", "pdfsig agrees")

	// and a byte changed in that document is still a change
	i := bytes.Index(signed, []byte("stream")) + 10
	signed[i] ^= 1
	sigs, err = reports.Verify(signed)
	require.NoError(t, err)
	assert.Equal(t, reports.ProblemDigest, sigs[0].Problem)
}

// An Ed25519 identity is refused when it is loaded: pdfsig and other common
// verifiers cannot check such a signature.
func TestEd25519IdentityRefused(t *testing.T) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "大崎 太郎"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, key)
	require.NoError(t, err)
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	p12, err := pkcs12.Modern.Encode(key, cert, nil, testPass)
	require.NoError(t, err)
	_, err = reports.LoadIdentity(p12, testPass, time.Now())
	assertInvalid(t, err, "p12", "ed25519")
}
