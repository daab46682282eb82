package app

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// runCLI runs the command line in-process and returns exit code and output.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	// --lang changes the process-wide language; later tests expect Japanese.
	t.Cleanup(func() { i18n.SetLanguage(i18n.Japanese) })
	return code, out.String(), errOut.String()
}

func demoFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "デモ.kinkyu")
	code, out, errOut := runCLI(t, "demo", "--file", path)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "デモ用ケースファイルを作成しました")
	return path
}

func TestDemoCasesAndJSON(t *testing.T) {
	path := demoFile(t)

	code, out, errOut := runCLI(t, "cases", "--file", path)
	require.Equal(t, 0, code, errOut)
	for _, want := range []string{"事案番号", "CS端末への不審な操作", "不正行為", "障害", "判定中", "【訓練】", "令和", "6件"} {
		assert.Contains(t, out, want)
	}

	code, out, _ = runCLI(t, "cases", "--file", path, "--json", "--class", "misconduct")
	require.Equal(t, 0, code)
	var list []caseJSON
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	require.Len(t, list, 3)
	for _, c := range list {
		assert.Equal(t, "misconduct", c.Class)
		assert.True(t, c.Drill)
		assert.Regexp(t, `^\d{4}-\d{3}$`, c.Number)
	}

	// The demo file refuses to be overwritten, and says so in Japanese.
	before, _ := os.ReadFile(path)
	code, _, errOut = runCLI(t, "demo", "--file", path)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "エラー: ")
	after, _ := os.ReadFile(path)
	assert.Equal(t, before, after)
}

func TestSearchCommand(t *testing.T) {
	path := demoFile(t)
	code, out, errOut := runCLI(t, "search", "--file", path, "アクセスログ")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "CS端末への不審な操作")
	assert.Contains(t, out, "1件")

	code, out, _ = runCLI(t, "search", "停電", "--file", path)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "本庁舎サーバ室の停電によるCSの停止")

	code, _, errOut = runCLI(t, "search", "--file", path)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "検索する語句")
}

func TestCheckCommand(t *testing.T) {
	path := demoFile(t)
	code, out, errOut := runCLI(t, "check", "--file", path)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "ファイルの整合性: 正常")
	assert.Contains(t, out, "監査ログ: 正常")

	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	_, err = db.Exec(`DROP TRIGGER audit_no_update; UPDATE audit SET detail = '{}' WHERE seq = 5`)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	code, out, _ = runCLI(t, "check", "--file", path)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "最初の不正な番号: #5")
}

func TestBackupCommand(t *testing.T) {
	path := demoFile(t)
	out := filepath.Join(t.TempDir(), "写し.kinkyu")
	code, stdout, errOut := runCLI(t, "backup", "--file", path, "--out", out)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, out)
	s, err := sqlite.Open(out)
	require.NoError(t, err)
	defer s.Close()
	n, err := s.CountCases(data.CaseFilter{})
	require.NoError(t, err)
	assert.Equal(t, 6, n)

	code, _, errOut = runCLI(t, "backup", "--file", path, "--out", out)
	assert.Equal(t, 1, code, "an existing copy is not overwritten")
	assert.Contains(t, errOut, "エラー")
}

func TestCommandLineErrors(t *testing.T) {
	dir := t.TempDir()
	notCase := filepath.Join(dir, "memo.txt")
	require.NoError(t, os.WriteFile(notCase, []byte("メモ"), 0o600))
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing file", []string{"cases", "--file", filepath.Join(dir, "none.kinkyu")}, 1, "ケースファイルが見つかりません"},
		{"missing file in English", []string{"--lang", "en", "cases", "--file", filepath.Join(dir, "none.kinkyu")}, 1, "does not exist"},
		{"not a case file", []string{"check", "--file", notCase}, 1, "エラー: "},
		{"no --file", []string{"cases"}, 2, "--file"},
		{"unknown command", []string{"frobnicate"}, 2, "「frobnicate」というコマンドはありません"},
		{"bad flag", []string{"cases", "--nope"}, 2, "オプションが正しくありません"},
		{"bad class", []string{"cases", "--file", notCase, "--class", "fire"}, 2, "--class"},
		{"bad language", []string{"--lang", "fr", "cases"}, 2, "ja または en"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tc.args...)
			assert.Equal(t, tc.code, code)
			assert.Contains(t, errOut, tc.want)
		})
	}
	b, _ := os.ReadFile(notCase)
	assert.Equal(t, "メモ", string(b), "a refused file is left as it was")
}

func TestHelpAndVersion(t *testing.T) {
	code, out, _ := runCLI(t, "help")
	assert.Equal(t, 0, code)
	for _, c := range commands {
		if c.name != "help" {
			assert.Contains(t, out, "kinkyu "+c.name, "help mentions every command")
		}
	}
	code, out, _ = runCLI(t, "version")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, Version)
	assert.True(t, strings.HasPrefix(out, "kinkyu "))
	assert.Contains(t, out, "tags "+BuildTags(), "the build tags, for support")
	assert.Contains(t, BuildTags(), "sqlite_fts5")
}

// signedPDF makes a one-page PDF signed by a fresh identity.
func signedPDF(t *testing.T, signer string) []byte {
	t.Helper()
	doc := fpdf.New("P", "mm", "A4", "")
	doc.SetCatalogSort(true)
	doc.AddPage()
	doc.SetFont("Helvetica", "", 12)
	doc.Cell(40, 10, "verify-pdf test")
	var buf bytes.Buffer
	require.NoError(t, doc.Output(&buf))
	now := time.Now()
	p12, err := reports.GenerateIdentity(signer, "市民課", "大崎市", "正しいパスフレーズ", now)
	require.NoError(t, err)
	id, err := reports.LoadIdentity(p12, "正しいパスフレーズ", now)
	require.NoError(t, err)
	out, err := reports.Sign(buf.Bytes(), id, reports.SignInfo{Reason: reports.DefaultSignReason}, now)
	require.NoError(t, err)
	return out
}

func TestVerifyPDFCommand(t *testing.T) {
	dir := t.TempDir()
	signed := signedPDF(t, "大崎 太郎")
	good := filepath.Join(dir, "報告書.pdf")
	require.NoError(t, os.WriteFile(good, signed, 0o600))
	code, out, errOut := runCLI(t, "verify-pdf", good)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "署名1: 大崎 太郎（市民課）")
	assert.Contains(t, out, "状態: 有効")

	// One byte changed inside the signed range (the page content).
	tampered := bytes.Clone(signed)
	i := bytes.Index(tampered, []byte("stream")) + 10
	tampered[i] ^= 0x01
	bad := filepath.Join(dir, "改ざん.pdf")
	require.NoError(t, os.WriteFile(bad, tampered, 0o600))
	code, out, _ = runCLI(t, "verify-pdf", bad)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "署名の後に文書が変更されています")

	unsigned := filepath.Join(dir, "署名なし.pdf")
	doc := fpdf.New("P", "mm", "A4", "")
	doc.AddPage()
	require.NoError(t, doc.OutputFileAndClose(unsigned))
	code, out, _ = runCLI(t, "verify-pdf", unsigned)
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "デジタル署名がありません")

	code, _, errOut = runCLI(t, "verify-pdf", filepath.Join(dir, "ない.pdf"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "エラー: ")
	code, _, errOut = runCLI(t, "verify-pdf")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "PDFファイルを1つ指定")
}

// p12File writes a fresh signing identity protected by passphrase.
func p12File(t *testing.T, name, passphrase string) string {
	t.Helper()
	b, err := reports.GenerateIdentity(name, "市民課", "大崎市", passphrase, time.Now())
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "署名.p12")
	require.NoError(t, os.WriteFile(path, b, 0o600))
	return path
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", path, "-").Output()
	require.NoError(t, err)
	return strings.Join(strings.Fields(string(out)), "")
}

func TestReportCommandWritesAndSigns(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	p12 := p12File(t, "大崎 太郎", "署名用のパスフレーズ")
	t.Setenv("KINKYU_TEST_PASS", "署名用のパスフレーズ")

	cases, _ := func() ([]caseJSON, error) {
		_, out, _ := runCLI(t, "cases", "--file", path, "--json")
		var list []caseJSON
		return list, json.Unmarshal([]byte(out), &list)
	}()
	byClass := map[string]string{}
	for _, c := range cases {
		byClass[c.Class] = c.Number
	}
	for class, title := range map[string]string{"misconduct": "不正行為発生報告書", "failure": "障害発生報告書"} {
		out := filepath.Join(dir, class+".pdf")
		code, stdout, errOut := runCLI(t, "report", "--file", path, "--case", byClass[class], "--out", out, "--p12", p12, "--pass-env", "KINKYU_TEST_PASS")
		require.Equal(t, 0, code, errOut)
		assert.Contains(t, stdout, out)
		assert.Contains(t, pdfText(t, out), title)

		sig, err := exec.Command("pdfsig", out).CombinedOutput()
		require.NoError(t, err)
		assert.Contains(t, string(sig), "Signature is Valid", class)
		code, vout, _ := runCLI(t, "verify-pdf", out)
		assert.Equal(t, 0, code, vout)
		assert.Contains(t, vout, "大崎 太郎")
		code, vout, _ = runCLI(t, "verify-pdf", "--file", path, out)
		assert.Equal(t, 0, code, vout)
		assert.Contains(t, vout, "署名に使われた証明書です", "the case file knows its signer")
	}

	// The case file recorded each document with its SHA-256.
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	k, err := s.CaseByNumber(byClass["misconduct"])
	require.NoError(t, err)
	docs, err := s.Documents(k.ID)
	require.NoError(t, err)
	s.Close()
	require.Len(t, docs, 1)
	pdfBytes, err := os.ReadFile(filepath.Join(dir, "misconduct.pdf"))
	require.NoError(t, err)
	sum := sha256.Sum256(pdfBytes)
	assert.Equal(t, hex.EncodeToString(sum[:]), docs[0].SHA256)
	require.Len(t, docs[0].Signers, 1)
	assert.Equal(t, "大崎 太郎", docs[0].Signers[0].Name)

	// A PDF signed by a certificate this case file never used is flagged.
	stranger := filepath.Join(dir, "stranger.pdf")
	require.NoError(t, os.WriteFile(stranger, signedPDF(t, "見知らぬ 人"), 0o600))
	code, vout, _ := runCLI(t, "verify-pdf", "--file", path, stranger)
	assert.Equal(t, 0, code, "the signature itself is valid")
	assert.Contains(t, vout, "使われていない証明書です")

	// Changing any byte of the signed document is reported by verify-pdf and pdfsig.
	signed, err := os.ReadFile(filepath.Join(dir, "misconduct.pdf"))
	require.NoError(t, err)
	i := bytes.Index(signed, []byte("/ByteRange"))
	require.Positive(t, i)
	rng := rand.New(rand.NewPCG(7, 8))
	for n := range 8 {
		b := bytes.Clone(signed)
		pos := rng.IntN(i) // inside the first signed range: the document itself
		b[pos] ^= 0x20
		f := filepath.Join(dir, fmt.Sprintf("flip%d.pdf", n))
		require.NoError(t, os.WriteFile(f, b, 0o600))
		code, out, _ := runCLI(t, "verify-pdf", f)
		assert.Equal(t, 1, code, "byte %d: %s", pos, out)
		sig, _ := exec.Command("pdfsig", f).CombinedOutput()
		assert.NotContains(t, string(sig), "Signature is Valid", "byte %d", pos)
	}
}

func TestReportCommandRefusals(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	p12 := p12File(t, "大崎 太郎", "正しい")
	_, out, _ := runCLI(t, "cases", "--file", path, "--json", "--class", "misconduct")
	var list []caseJSON
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	misconduct := list[0].Number
	_, out, _ = runCLI(t, "cases", "--file", path, "--json", "--class", "pending")
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	pending := list[0].Number

	t.Setenv("KINKYU_TEST_PASS", "違う")
	target := filepath.Join(dir, "r.pdf")
	code, _, errOut := runCLI(t, "report", "--file", path, "--case", misconduct, "--out", target, "--p12", p12, "--pass-env", "KINKYU_TEST_PASS")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "パスフレーズが違う")
	assert.NoFileExists(t, target, "nothing half-written")

	code, _, errOut = runCLI(t, "report", "--file", path, "--case", pending, "--out", target)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "判定中")
	assert.NoFileExists(t, target)

	code, _, errOut = runCLI(t, "report", "--file", path, "--case", misconduct, "--out", filepath.Join(dir, "ない/フォルダ/r.pdf"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "エラー: ")

	require.NoError(t, os.WriteFile(target, []byte("keep"), 0o600))
	code, _, _ = runCLI(t, "report", "--file", path, "--case", misconduct, "--out", target)
	assert.Equal(t, 1, code, "an existing file is not overwritten")
	b, _ := os.ReadFile(target)
	assert.Equal(t, "keep", string(b))

	code, _, errOut = runCLI(t, "report", "--file", path, "--case", misconduct, "--out", target, "--p12", p12)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--pass-env")
}
