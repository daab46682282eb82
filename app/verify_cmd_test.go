package app

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"software.sslmate.com/src/go-pkcs12"

	"github.com/osaki-city/kinkyu/internal/pdfattack"
	"github.com/osaki-city/kinkyu/reports"
)

// officerReport writes the signed report of case 2026-001 of a demo file,
// signed by the officer's certificate, so the file records the signer.
func officerReport(t *testing.T) (file, pdf string) {
	t.Helper()
	file = demoFile(t)
	t.Setenv("KINKYU_TEST_PASS", "正しいパスフレーズ")
	p12 := p12File(t, "大崎 太郎", "正しいパスフレーズ")
	pdf = filepath.Join(t.TempDir(), "報告書.pdf")
	code, _, errOut := runCLI(t, "report", "--file", file, "--case", "2026-001", "--out", pdf, "--p12", p12, "--pass-env", "KINKYU_TEST_PASS")
	require.Equal(t, 0, code, errOut)
	return file, pdf
}

func writePDF(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, b, 0o600))
	return p
}

// kinkyu verify-pdf --file F on the attack of issue #15: page 1 overlaid in
// an incremental update, then signed by a self-signed certificate of another
// name. The officer's signature is "changed after signing", exit 1, every
// revision listed; the attacker's certificate is not known to the file, even
// after a row for it is added to the signers table.
func TestVerifyPDFOverlayAndLaterSignature(t *testing.T) {
	file, pdf := officerReport(t)
	code, out, errOut := runCLI(t, "verify-pdf", "--file", file, pdf)
	require.Equal(t, 0, code, out+errOut)
	assert.Contains(t, out, "版2（")
	assert.Contains(t, out, "署名1の追加のみ")
	assert.Contains(t, out, "状態: 有効")
	assert.Contains(t, out, "で署名に使われた証明書です", "the officer's certificate is known")

	signed, err := os.ReadFile(pdf)
	require.NoError(t, err)
	tampered, err := pdfattack.Overlay(signed)
	require.NoError(t, err)
	now := time.Now()
	attacker, err := pdfattack.SelfSigned("攻撃者", now.Add(-time.Hour), now.Add(time.Hour))
	require.NoError(t, err)
	both, err := reports.Sign(tampered, attacker, reports.SignInfo{}, now)
	require.NoError(t, err)
	attacked := writePDF(t, "改ざん.pdf", both)

	code, out, _ = runCLI(t, "verify-pdf", "--file", file, attacked)
	assert.Equal(t, 1, code, out)
	first, second, ok := strings.Cut(out, "署名2:")
	require.True(t, ok, out)
	assert.Contains(t, out, "このPDFの版: 4")
	assert.Contains(t, out, "版3（", out)
	assert.Contains(t, out, "署名の追加以外の変更あり", "the overlay's revision")
	assert.Contains(t, first, "署名1: 大崎 太郎")
	assert.Contains(t, first, "状態: 無効 — 署名の後に変更あり", "the officer's signature, though a later one signs the overlay")
	assert.Contains(t, second, "攻撃者")
	assert.Contains(t, second, "では使われていない証明書です")

	// pdfsig sees the two signatures and that the first does not cover the file.
	sig, _ := exec.Command("pdfsig", attacked).CombinedOutput()
	assert.Contains(t, string(sig), "Not total document signed")

	// A row for the attacker in signers does not make it known: known is
	// what the audit log records, in a file check verifies.
	db, err := sql.Open("sqlite3", "file:"+file+"?mode=rw")
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO signers (fingerprint, name, first_used) VALUES (?, '攻撃者', '2026-12-01T00:00:00.000000Z')`, attacker.Fingerprint())
	require.NoError(t, err)
	require.NoError(t, db.Close())
	code, out, _ = runCLI(t, "verify-pdf", "--file", file, attacked)
	assert.Equal(t, 1, code)
	_, second, _ = strings.Cut(out, "署名2:")
	assert.NotContains(t, second, "で署名に使われた証明書です", out)
}

// A certificate renamed inside the signature: exit 1, the certificate does
// not verify, and the case file does not know it.
func TestVerifyPDFRenamedSigner(t *testing.T) {
	file, pdf := officerReport(t)
	signed, err := os.ReadFile(pdf)
	require.NoError(t, err)
	renamed, n, err := pdfattack.Rename(signed, "大崎 太郎", "古川 花子")
	require.NoError(t, err)
	require.Positive(t, n)
	code, out, _ := runCLI(t, "verify-pdf", "--file", file, writePDF(t, "改名.pdf", renamed))
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "署名1: 古川 花子")
	assert.Contains(t, out, "証明書そのものを検証できません")
	assert.NotContains(t, out, "状態: 有効")
	assert.Contains(t, out, "では使われていない証明書です")
}

// A signature made outside the certificate's validity has its own words.
func TestVerifyPDFSignedOutsideValidity(t *testing.T) {
	_, pdf := officerReport(t)
	signed, err := os.ReadFile(pdf)
	require.NoError(t, err)
	now := time.Now()
	expired, err := pdfattack.SelfSigned("古川 花子", now.Add(-48*time.Hour), now.Add(-24*time.Hour))
	require.NoError(t, err)
	late, err := pdfattack.PDFSign(signed, expired, now)
	require.NoError(t, err)
	code, out, _ := runCLI(t, "verify-pdf", writePDF(t, "期限切れ.pdf", late))
	assert.Equal(t, 1, code, out)
	_, second, _ := strings.Cut(out, "署名2:")
	assert.Contains(t, second, "証明書の有効期間外に署名されています")
	assert.NotContains(t, second, "変更")
}

// An Ed25519 certificate file is refused when loaded, with its own message.
func TestReportRefusesEd25519Identity(t *testing.T) {
	file := demoFile(t)
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "大崎 太郎"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, key)
	require.NoError(t, err)
	cert, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	p12, err := pkcs12.Modern.Encode(key, cert, nil, "pass")
	require.NoError(t, err)
	t.Setenv("KINKYU_TEST_PASS", "pass")
	out := filepath.Join(t.TempDir(), "r.pdf")
	code, _, errOut := runCLI(t, "report", "--file", file, "--case", "2026-001", "--out", out, "--p12", writePDF(t, "ed.p12", p12), "--pass-env", "KINKYU_TEST_PASS")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "Ed25519")
	assert.Contains(t, errOut, "署名に使えません")
	_, err = os.Stat(out)
	assert.True(t, os.IsNotExist(err), "nothing written")
}

// kinkyu verify-pdf on updates written the PDF 1.5 way (a cross-reference
// stream, the field, page and catalog compressed in an object stream), as
// other signing tools write them: a later signature alone leaves the
// officer's valid (exit 0); an overlay written that way before it is still
// 「署名の後に変更あり」 (exit 1).
func TestVerifyPDFUpdatesWrittenWithAnXRefStream(t *testing.T) {
	file, pdf := officerReport(t)
	signed, err := os.ReadFile(pdf)
	require.NoError(t, err)
	now := time.Now()
	other, err := pdfattack.SelfSigned("別のツール", now.Add(-time.Hour), now.Add(time.Hour))
	require.NoError(t, err)

	later, err := pdfattack.SignXRefStream(signed, other, now, pdfattack.XRefStreamOptions{ObjStm: true})
	require.NoError(t, err)
	code, out, errOut := runCLI(t, "verify-pdf", "--file", file, writePDF(t, "後の署名.pdf", later))
	assert.Equal(t, 0, code, out+errOut)
	assert.Contains(t, out, "このPDFの版: 3")
	assert.Contains(t, out, "署名2の追加のみ", out)
	assert.NotContains(t, out, "署名の追加以外の変更あり", out)
	assert.Equal(t, 2, strings.Count(out, "状態: 有効"), out)

	tampered, err := pdfattack.OverlayXRefStream(signed)
	require.NoError(t, err)
	both, err := pdfattack.SignXRefStream(tampered, other, now, pdfattack.XRefStreamOptions{ObjStm: true})
	require.NoError(t, err)
	code, out, _ = runCLI(t, "verify-pdf", "--file", file, writePDF(t, "改ざん.pdf", both))
	assert.Equal(t, 1, code, out)
	first, _, ok := strings.Cut(out, "署名2:")
	require.True(t, ok, out)
	assert.Contains(t, out, "署名の追加以外の変更あり", "the overlay's revision")
	assert.Contains(t, first, "状態: 無効 — 署名の後に変更あり", out)
}
