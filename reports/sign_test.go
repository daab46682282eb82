package reports_test

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

const testPass = "正しい合言葉 correct horse"

// testPDF makes a small one-page PDF with a core-font line and a Japanese line.
func testPDF(tb testing.TB) []byte {
	tb.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCreationDate(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	p.SetCatalogSort(true)
	p.AddUTF8FontFromBytes("mincho", "", i18n.Mincho())
	p.AddPage()
	p.SetFont("Helvetica", "", 12)
	p.Text(20, 20, "Incident report - signing test")
	p.SetFont("mincho", "", 12)
	p.Text(20, 30, "障害発生報告書　署名の試験")
	var b bytes.Buffer
	require.NoError(tb, p.Output(&b))
	return b.Bytes()
}

var (
	identOnce sync.Once
	identP12  map[string][]byte
)

// identity returns a loaded identity for one of a few fixed signers; their
// PKCS#12 files are generated once per test binary.
func identity(tb testing.TB, name string) reports.Identity {
	tb.Helper()
	identOnce.Do(func() {
		identP12 = map[string][]byte{}
		for _, n := range []string{"大崎 太郎", "古川 花子"} {
			p12, err := reports.GenerateIdentity(n, "市民課", "大崎市", testPass, time.Now())
			if err != nil {
				panic(err)
			}
			identP12[n] = p12
		}
	})
	id, err := reports.LoadIdentity(identP12[name], testPass, time.Now())
	require.NoError(tb, err)
	return id
}

// pdfsigResult is one "Signature #n" block of pdfsig's output.
type pdfsigResult struct {
	CommonName string
	Validation string // e.g. "Signature is Valid."
}

var reSigBlock = regexp.MustCompile(`(?m)^Signature #\d+:`)

// pdfsig runs poppler's pdfsig on b and parses its output (it exits 0 even
// for a tampered file, so the exit code is not used).
func pdfsig(tb testing.TB, b []byte) (sigs []pdfsigResult, out string) {
	tb.Helper()
	if _, err := exec.LookPath("pdfsig"); err != nil {
		tb.Skip("pdfsig (poppler-utils) not installed")
	}
	path := filepath.Join(tb.TempDir(), "x.pdf")
	require.NoError(tb, os.WriteFile(path, b, 0o644))
	o, _ := exec.Command("pdfsig", path).CombinedOutput()
	out = string(o)
	locs := reSigBlock.FindAllStringIndex(out, -1)
	for i, l := range locs {
		end := len(out)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		var r pdfsigResult
		for _, line := range strings.Split(out[l[0]:end], "\n") {
			line = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "- "))
			if v, ok := strings.CutPrefix(line, "Signer Certificate Common Name:"); ok {
				r.CommonName = strings.TrimSpace(v)
			}
			if v, ok := strings.CutPrefix(line, "Signature Validation:"); ok {
				r.Validation = strings.TrimSpace(v)
			}
		}
		sigs = append(sigs, r)
	}
	return sigs, out
}

// validCount counts the signatures pdfsig calls valid.
func validCount(sigs []pdfsigResult) int {
	n := 0
	for _, s := range sigs {
		if s.Validation == "Signature is Valid." {
			n++
		}
	}
	return n
}

func TestSignOneSigner(t *testing.T) {
	id := identity(t, "大崎 太郎")
	in := testPDF(t)
	now := time.Now().Truncate(time.Second)
	out, err := reports.Sign(in, id, reports.SignInfo{Location: "Osaki"}, now)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(out, in), "incremental update keeps the original bytes")

	sigs, raw := pdfsig(t, out)
	require.Len(t, sigs, 1, raw)
	assert.Equal(t, "Signature is Valid.", sigs[0].Validation, raw)
	assert.Equal(t, "大崎 太郎", sigs[0].CommonName, raw)

	reps, err := reports.Verify(out)
	require.NoError(t, err)
	require.Len(t, reps, 1)
	r := reps[0]
	assert.True(t, r.Valid, r.Detail)
	assert.False(t, r.Modified)
	assert.True(t, r.WholeFile)
	assert.Equal(t, "大崎 太郎", r.SignerName)
	assert.Equal(t, "市民課", r.Section)
	assert.Equal(t, "大崎市", r.Organization)
	assert.Equal(t, id.Fingerprint(), r.Fingerprint)
	assert.True(t, r.SigningTime.Equal(now), "%v != %v", r.SigningTime, now)
	assert.Len(t, id.Fingerprint(), 64)

	// The unsigned input has no signatures.
	reps, err = reports.Verify(in)
	require.NoError(t, err)
	assert.Empty(t, reps)
}

func TestSignTwoSignersInSequence(t *testing.T) {
	a, b := identity(t, "大崎 太郎"), identity(t, "古川 花子")
	now := time.Now()
	once, err := reports.Sign(testPDF(t), a, reports.SignInfo{}, now)
	require.NoError(t, err)
	twice, err := reports.Sign(once, b, reports.SignInfo{Reason: "Second approval"}, now.Add(time.Minute))
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(twice, once))

	sigs, raw := pdfsig(t, twice)
	require.Len(t, sigs, 2, raw)
	assert.Equal(t, 2, validCount(sigs), raw)
	assert.Equal(t, "大崎 太郎", sigs[0].CommonName)
	assert.Equal(t, "古川 花子", sigs[1].CommonName)

	reps, err := reports.Verify(twice)
	require.NoError(t, err)
	require.Len(t, reps, 2)
	assert.Equal(t, []string{"大崎 太郎", "古川 花子"}, []string{reps[0].SignerName, reps[1].SignerName})
	for _, r := range reps {
		assert.True(t, r.Valid, r.Detail)
		assert.False(t, r.Modified, r.Detail)
	}
	assert.False(t, reps[0].WholeFile, "the first signature ends where the second revision begins")
	assert.True(t, reps[1].WholeFile)
	assert.Equal(t, a.Fingerprint(), reps[0].Fingerprint)
	assert.Equal(t, b.Fingerprint(), reps[1].Fingerprint)

	// An unsigned update appended after the last signature marks both modified.
	appended := append(bytes.Clone(twice), []byte("\n1 0 obj\n<< >>\nendobj\n%%EOF\n")...)
	reps, err = reports.Verify(appended)
	require.NoError(t, err)
	require.Len(t, reps, 2)
	for _, r := range reps {
		assert.True(t, r.Modified)
	}
}

// signedRanges returns the positions covered by the last signature: the whole
// file except the last /Contents hex string.
func signedRanges(t *testing.T, pdf []byte) (start, end int) {
	i := bytes.LastIndex(pdf, []byte("/Contents<"))
	require.Positive(t, i)
	start = i + len("/Contents")
	end = start + bytes.IndexByte(pdf[start:], '>') + 1
	return start, end
}

func TestTamperedByteIsDetected(t *testing.T) {
	now := time.Now()
	once, err := reports.Sign(testPDF(t), identity(t, "大崎 太郎"), reports.SignInfo{}, now)
	require.NoError(t, err)
	twice, err := reports.Sign(once, identity(t, "古川 花子"), reports.SignInfo{}, now)
	require.NoError(t, err)

	rng := rand.New(rand.NewPCG(4, 2026))
	for _, tc := range []struct {
		name   string
		pdf    []byte
		sigs   int
		trials int
	}{
		{"one signer", once, 1, 30},
		{"two signers", twice, 2, 15},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gapStart, gapEnd := signedRanges(t, tc.pdf)
			for range tc.trials {
				// a position in the signed range: before or after the last /Contents
				pos := rng.IntN(len(tc.pdf) - (gapEnd - gapStart))
				if pos >= gapStart {
					pos += gapEnd - gapStart
				}
				bad := bytes.Clone(tc.pdf)
				bad[pos] ^= byte(1 + rng.IntN(255))

				sigs, raw := pdfsig(t, bad)
				assert.Less(t, validCount(sigs), tc.sigs, "pdfsig accepts a flip at %d:\n%s", pos, raw)

				reps, err := reports.Verify(bad)
				require.NoError(t, err, "flip at %d", pos)
				modified := false
				for _, r := range reps {
					modified = modified || r.Modified
				}
				assert.True(t, modified, "Verify misses a flip at %d: %+v", pos, reps)
				if len(reps) > 0 {
					assert.True(t, reps[len(reps)-1].Modified, "the last signature covers the flip at %d", pos)
				}
			}
		})
	}
}

func TestSignRefusesNonASCIIInfo(t *testing.T) {
	id := identity(t, "大崎 太郎")
	for _, info := range []reports.SignInfo{
		{Name: "大崎 太郎"}, {Reason: "承認"}, {Location: "大崎市"}, {ContactInfo: "a\nb"},
	} {
		_, err := reports.Sign(testPDF(t), id, info, time.Now())
		assert.Error(t, err, "%+v", info)
	}
}

func TestSignRefusesExpiredAtSigningTime(t *testing.T) {
	id := identity(t, "大崎 太郎")
	_, err := reports.Sign(testPDF(t), id, reports.SignInfo{}, time.Now().Add(6*365*24*time.Hour))
	assertInvalid(t, err, "certificate", "expired")
}

func TestVerifyRefusesNonPDF(t *testing.T) {
	_, err := reports.Verify([]byte("これはPDFではありません"))
	assertInvalid(t, err, "pdf", "corrupt")
}

func assertInvalid(t *testing.T, err error, field, rule string) {
	t.Helper()
	require.Error(t, err)
	e := data.AsError(err)
	require.NotNil(t, e, "%v", err)
	assert.Equal(t, data.EINVALID, e.Code, "%v", err)
	assert.Equal(t, field, e.Field, "%v", err)
	assert.Equal(t, rule, e.Rule, "%v", err)
}

func TestGenerateAndLoadIdentity(t *testing.T) {
	now := time.Now()
	p12, err := reports.GenerateIdentity("大崎 太郎", "市民課", "", "合言葉", now)
	require.NoError(t, err)
	id, err := reports.LoadIdentity(p12, "合言葉", now)
	require.NoError(t, err)
	c := id.Certificate()
	assert.Equal(t, "大崎 太郎", c.Subject.CommonName)
	assert.Equal(t, []string{"市民課"}, c.Subject.OrganizationalUnit)
	assert.Empty(t, c.Subject.Organization)
	assert.Equal(t, "大崎 太郎", id.Name())
	assert.Regexp(t, `^[0-9a-f]{64}$`, id.Fingerprint())

	_, err = reports.GenerateIdentity("大崎 太郎", "市民課", "", "", now)
	assertInvalid(t, err, "passphrase", "required")
	_, err = reports.GenerateIdentity("  ", "市民課", "", "x", now)
	assertInvalid(t, err, "name", "required")
	_, err = reports.GenerateIdentity("大崎\n太郎", "市民課", "", "x", now)
	assertInvalid(t, err, "name", "control")
}

func TestLoadIdentityErrors(t *testing.T) {
	now := time.Now()
	p12, err := reports.GenerateIdentity("大崎 太郎", "市民課", "大崎市", "合言葉", now)
	require.NoError(t, err)

	t.Run("wrong passphrase", func(t *testing.T) {
		_, err := reports.LoadIdentity(p12, "違う合言葉", now)
		assertInvalid(t, err, "passphrase", "wrong")
		_, err = reports.LoadIdentity(p12, "", now)
		assertInvalid(t, err, "passphrase", "wrong")
	})
	t.Run("corrupt", func(t *testing.T) {
		for name, b := range map[string][]byte{
			"empty":     nil,
			"text":      []byte("not a PKCS#12 file"),
			"truncated": p12[:len(p12)/2],
			"pdf":       testPDF(t),
		} {
			_, err := reports.LoadIdentity(b, "合言葉", now)
			assertInvalid(t, err, "p12", "corrupt")
			_ = name
		}
	})
	t.Run("expired", func(t *testing.T) {
		_, err := reports.LoadIdentity(p12, "合言葉", now.Add(reports.IdentityValidity+time.Hour))
		assertInvalid(t, err, "certificate", "expired")
		old, err := reports.GenerateIdentity("大崎 太郎", "市民課", "", "合言葉", now.AddDate(-6, 0, 0))
		require.NoError(t, err)
		_, err = reports.LoadIdentity(old, "合言葉", now)
		assertInvalid(t, err, "certificate", "expired")
	})
	t.Run("not yet valid", func(t *testing.T) {
		_, err := reports.LoadIdentity(p12, "合言葉", now.Add(-48*time.Hour))
		assertInvalid(t, err, "certificate", "notyetvalid")
	})
}

func TestSignFile(t *testing.T) {
	id := identity(t, "大崎 太郎")
	dir := t.TempDir()
	in := filepath.Join(dir, "report.pdf")
	require.NoError(t, os.WriteFile(in, testPDF(t), 0o644))

	out := filepath.Join(dir, "signed.pdf")
	require.NoError(t, reports.SignFile(in, out, id, reports.SignInfo{}, time.Now()))
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	reps, err := reports.Verify(b)
	require.NoError(t, err)
	require.Len(t, reps, 1)
	assert.True(t, reps[0].Valid)

	// in place, for the next approver
	require.NoError(t, reports.SignFile(out, out, identity(t, "古川 花子"), reports.SignInfo{}, time.Now()))
	b, err = os.ReadFile(out)
	require.NoError(t, err)
	reps, err = reports.Verify(b)
	require.NoError(t, err)
	require.Len(t, reps, 2)
	assert.False(t, reps[0].Modified || reps[1].Modified)
	assertOnlyFiles(t, dir, "report.pdf", "signed.pdf")
}

func TestSignFileUnwritable(t *testing.T) {
	id := identity(t, "大崎 太郎")
	dir := t.TempDir()
	in := filepath.Join(dir, "report.pdf")
	require.NoError(t, os.WriteFile(in, testPDF(t), 0o644))

	t.Run("missing folder", func(t *testing.T) {
		err := reports.SignFile(in, filepath.Join(dir, "nosuchdir", "out.pdf"), id, reports.SignInfo{}, time.Now())
		require.Error(t, err)
		assert.Equal(t, data.EREADONLY, data.ErrorCode(err), "%v", err)
		assertOnlyFiles(t, dir, "report.pdf")
	})
	t.Run("parent is a file", func(t *testing.T) {
		err := reports.SignFile(in, filepath.Join(in, "out.pdf"), id, reports.SignInfo{}, time.Now())
		require.Error(t, err)
		assert.Equal(t, data.EREADONLY, data.ErrorCode(err), "%v", err)
		assertOnlyFiles(t, dir, "report.pdf")
	})
	t.Run("rename fails", func(t *testing.T) {
		// the output name is an existing non-empty folder: the temporary file
		// is written, the rename fails, and the temporary file must go
		sub := filepath.Join(dir, "taken.pdf")
		require.NoError(t, os.MkdirAll(filepath.Join(sub, "x"), 0o755))
		err := reports.SignFile(in, sub, id, reports.SignInfo{}, time.Now())
		require.Error(t, err)
		assert.Equal(t, data.EREADONLY, data.ErrorCode(err), "%v", err)
		assertOnlyFiles(t, dir, "report.pdf", "taken.pdf")
		require.NoError(t, os.RemoveAll(sub))
	})
	t.Run("read-only folder", func(t *testing.T) {
		ro := filepath.Join(dir, "ro")
		require.NoError(t, os.Mkdir(ro, 0o555))
		t.Cleanup(func() { _ = os.Chmod(ro, 0o755) })
		if f, err := os.Create(filepath.Join(ro, "probe")); err == nil {
			// Root ignores folder permissions (CI runs as root): make the
			// folder immutable instead, which root cannot write either.
			_ = f.Close()
			_ = os.Remove(filepath.Join(ro, "probe"))
			if out, err := exec.Command("chattr", "+i", ro).CombinedOutput(); err != nil {
				t.Skipf("root ignores folder permissions and chattr +i is not available here: %v %s", err, out)
			}
			t.Cleanup(func() { _ = exec.Command("chattr", "-i", ro).Run() })
		}
		err := reports.SignFile(in, filepath.Join(ro, "out.pdf"), id, reports.SignInfo{}, time.Now())
		require.Error(t, err)
		assert.Equal(t, data.EREADONLY, data.ErrorCode(err), "%v", err)
		assertOnlyFiles(t, ro)
	})
	t.Run("keeps an existing output on error", func(t *testing.T) {
		out := filepath.Join(dir, "existing.pdf")
		require.NoError(t, os.WriteFile(out, []byte("old"), 0o644))
		err := reports.SignFile(filepath.Join(dir, "missing.pdf"), out, id, reports.SignInfo{}, time.Now())
		require.Error(t, err)
		b, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Equal(t, "old", string(b))
		require.NoError(t, os.Remove(out))
	})
}

func assertOnlyFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	require.NoError(t, err)
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	assert.ElementsMatch(t, names, got)
}

func BenchmarkSign(b *testing.B) {
	id := identity(b, "大崎 太郎")
	in := testPDF(b)
	now := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reports.Sign(in, id, reports.SignInfo{}, now); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	id := identity(b, "大崎 太郎")
	signed, err := reports.Sign(testPDF(b), id, reports.SignInfo{}, time.Now())
	require.NoError(b, err)
	for b.Loop() {
		if _, err := reports.Verify(signed); err != nil {
			b.Fatal(err)
		}
	}
}

func TestVerifyDamagedSignatureDictionary(t *testing.T) {
	signed, err := reports.Sign(testPDF(t), identity(t, "大崎 太郎"), reports.SignInfo{}, time.Now())
	require.NoError(t, err)
	for name, damage := range map[string]func([]byte) []byte{
		"ByteRange keyword": func(b []byte) []byte {
			return bytes.Replace(b, []byte("/ByteRange"), []byte("/ByteRangX"), 1)
		},
		"ByteRange value": func(b []byte) []byte {
			i := bytes.Index(b, []byte("/ByteRange [0 ")) + len("/ByteRange [0 ")
			b[i]++ // another offset: the gap no longer matches /Contents
			return b
		},
		"truncated": func(b []byte) []byte { return b[:len(b)-10] },
		"appended":  func(b []byte) []byte { return append(b, "% more\n"...) },
	} {
		t.Run(name, func(t *testing.T) {
			reps, err := reports.Verify(damage(bytes.Clone(signed)))
			require.NoError(t, err)
			require.NotEmpty(t, reps, "the signature must still be found by its /Contents")
			assert.True(t, reps[0].Modified)
			assert.False(t, reps[0].Valid && reps[0].WholeFile)
			assert.NotEmpty(t, reps[0].Problem)
			assert.Equal(t, "大崎 太郎", reps[0].SignerName, "the signer is still named")
		})
	}
}

func TestLoadIdentityDamagedFile(t *testing.T) {
	p12, err := reports.GenerateIdentity("大崎 太郎", "市民課", "", "合言葉", time.Now())
	require.NoError(t, err)
	for _, pos := range []int{len(p12) / 3, len(p12) / 2, len(p12) - 40} {
		bad := bytes.Clone(p12)
		bad[pos] ^= 0x55
		_, err := reports.LoadIdentity(bad, "合言葉", time.Now())
		require.Error(t, err)
		e := data.AsError(err)
		require.NotNil(t, e)
		// PKCS#12 cannot tell a damaged encrypted part from a wrong passphrase
		assert.Contains(t, []string{"p12", "passphrase"}, e.Field, "%v", err)
	}
}

// FuzzVerify: Verify never panics and never calls a changed file intact.
func FuzzVerify(f *testing.F) {
	signed, err := reports.Sign(testPDF(f), identity(f, "大崎 太郎"), reports.SignInfo{}, time.Now())
	require.NoError(f, err)
	f.Add(uint32(0), byte(1))
	f.Add(uint32(len(signed)/2), byte(0x80))
	f.Add(uint32(len(signed)-1), byte(0xff))
	f.Fuzz(func(t *testing.T, pos uint32, x byte) {
		if x == 0 {
			return
		}
		bad := bytes.Clone(signed)
		p := int(pos) % len(bad)
		bad[p] ^= x
		reps, err := reports.Verify(bad)
		if err != nil {
			return // no longer looks like a PDF
		}
		start := bytes.LastIndex(signed, []byte("/Contents<")) + len("/Contents")
		end := start + bytes.IndexByte(signed[start:], '>') + 1
		if p < start || p >= end {
			for _, r := range reps {
				assert.False(t, r.Valid && !r.Modified && r.WholeFile, "flip at %d not seen", p)
			}
		}
	})
}

func TestReportsStaysOutOfTheUI(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/osaki-city/kinkyu/reports").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		assert.False(t, strings.HasPrefix(dep, "fyne.io/"), dep)
		assert.NotContains(t, []string{"github.com/osaki-city/kinkyu/forms", "github.com/osaki-city/kinkyu/app"}, dep)
	}
}
