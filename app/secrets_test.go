package app

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/reports"
)

// No secret leaves its place: after signing a report, minutes and the contact
// sheet with a passphrase given in an environment variable, and after a wrong
// passphrase, neither the passphrase nor the private key appears in anything
// the app wrote or printed: stdout, stderr, the case file (audit log
// included), the PDFs. The certificate file itself holds the key only
// encrypted (it cannot be opened without the passphrase), and is the
// officer's alone (0600 when the app makes it: see forms' report dialog test).
func TestNoSecretInOutputsOrTheCaseFile(t *testing.T) {
	const pass = "秘密の合言葉-Secret-4711"
	path := demoFile(t)
	dir := t.TempDir()
	p12 := p12File(t, "大崎 太郎", pass)
	id, err := reports.LoadIdentity(mustRead(t, p12), pass, time.Now())
	require.NoError(t, err)
	key, err := x509.MarshalPKCS8PrivateKey(id.Signer)
	require.NoError(t, err)
	scalar := id.Signer.(*ecdsa.PrivateKey).D.Bytes() // the secret itself, 32 bytes

	var outputs []string
	run := func(args ...string) {
		code, stdout, stderr := runCLI(t, args...)
		outputs = append(outputs, stdout, stderr)
		_ = code
	}
	t.Setenv("KINKYU_TEST_PASS", pass)
	_, list, _ := runCLI(t, "cases", "--file", path, "--json", "--class", "misconduct")
	var cases []caseJSON
	require.NoError(t, json.Unmarshal([]byte(list), &cases))
	misconduct := cases[0].Number
	run("report", "--file", path, "--case", misconduct, "--out", filepath.Join(dir, "r.pdf"), "--p12", p12, "--pass-env", "KINKYU_TEST_PASS")
	run("minutes", "--file", path, "--meeting", "1", "--out", filepath.Join(dir, "m.pdf"), "--p12", p12, "--pass-env", "KINKYU_TEST_PASS")
	run("contacts", "--file", path, "--out", filepath.Join(dir, "c.pdf"), "--p12", p12, "--pass-env", "KINKYU_TEST_PASS")
	t.Setenv("KINKYU_TEST_PASS", pass+"x") // a wrong one: its message must not echo it
	run("report", "--file", path, "--case", misconduct, "--out", filepath.Join(dir, "r2.pdf"), "--p12", p12, "--pass-env", "KINKYU_TEST_PASS")
	for _, f := range []string{"r.pdf", "m.pdf", "c.pdf"} {
		require.FileExists(t, filepath.Join(dir, f), "signed %s", f)
	}

	for i, out := range outputs {
		assert.NotContains(t, out, "Secret-4711", "output %d", i)
	}
	files := []string{path}
	for _, f := range []string{"r.pdf", "m.pdf", "c.pdf"} {
		files = append(files, filepath.Join(dir, f))
	}
	for _, f := range files {
		b := mustRead(t, f)
		assert.False(t, bytes.Contains(b, []byte("Secret-4711")), "%s holds the passphrase", filepath.Base(f))
		assert.False(t, bytes.Contains(b, key), "%s holds the private key", filepath.Base(f))
		assert.False(t, bytes.Contains(b, scalar), "%s holds the private key's scalar", filepath.Base(f))
	}
	p12Bytes := mustRead(t, p12)
	assert.False(t, bytes.Contains(p12Bytes, scalar), "the key is stored encrypted")
	assert.False(t, strings.Contains(string(p12Bytes), pass))
	_, err = reports.LoadIdentity(p12Bytes, "", time.Now())
	assert.Error(t, err, "the certificate file does not open without its passphrase")
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}
