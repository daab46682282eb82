//go:build acceptance

package main

// The acceptance tests (`make acceptance`) work on the built binary, as the
// city will: the CLI alone takes a demo misconduct case and a demo failure
// case through every document, each PDF is checked with poppler and with
// `kinkyu verify-pdf`, and the case file with `kinkyu check`; then the
// letters: a 決裁用 copy numbered from the register, a recorded 第1報 printed
// twice, a case moved to another file, and the blank forms. The offline test
// (offline_test.go) runs the same binary with no network.

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/app"
	"github.com/osaki-city/kinkyu/reports"
)

// passEnv names the environment variable the signing passphrase is passed in.
const passEnv = "KINKYU_ACCEPTANCE_PASS"

// kit is the built binary, a demo case file and a signing certificate.
type kit struct {
	bin, dir, file, p12 string
	wrap                []string // runs bin through this (wine, under make windows-check)
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// buildBinary builds kinkyu once for all the acceptance tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "kinkyu-acceptance-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "kinkyu")
		start := time.Now()
		out, err := exec.Command("go", "build", "-tags", app.BuildTags(), "-o", builtBin, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
		t.Logf("go build: %s", time.Since(start).Round(time.Millisecond))
	})
	require.NoError(t, buildErr)
	return builtBin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// buildKit builds kinkyu, writes the demo case file with `kinkyu demo` and
// makes an officer's certificate (the app makes it in its window on first
// signing; here it is made the same way, with reports.GenerateIdentity).
func buildKit(t *testing.T) kit {
	t.Helper()
	dir := t.TempDir()
	k := kit{bin: buildBinary(t), dir: dir, file: filepath.Join(dir, "デモ事案.kinkyu"), p12: filepath.Join(dir, "署名用証明書.p12")}
	p12, err := reports.GenerateIdentity("大崎 花子", "セキュリティ責任者", "大崎市", "受け入れ試験の合言葉", time.Now())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(k.p12, p12, 0o600))
	k.ok(t, "demo", "--file", k.file)
	return k
}

// run runs the binary and returns its exit code, stdout and stderr.
func (k kit) run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(k.bin, args...)
	if len(k.wrap) > 0 {
		cmd = exec.Command(k.wrap[0], append(append(k.wrap[1:len(k.wrap):len(k.wrap)], k.bin), args...)...)
	}
	cmd.Env = append(os.Environ(), passEnv+"=受け入れ試験の合言葉")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return code, stdout.String(), stderr.String()
}

// ok runs the binary and requires exit code 0.
func (k kit) ok(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := k.run(t, args...)
	require.Equal(t, 0, code, "kinkyu %s\n%s\n%s", strings.Join(args, " "), out, errs)
	t.Logf("$ kinkyu %s\n%s", strings.Join(args, " "), strings.TrimSpace(out))
	return out
}

func (k kit) signArgs() []string { return []string{"--p12", k.p12, "--pass-env", passEnv} }

// checkPDF checks a written PDF as the prefecture could: its text
// (pdftotext), its fonts (pdffonts: every font embedded), its signatures
// (pdfsig: every one valid) and `kinkyu verify-pdf` with the case file.
func (k kit) checkPDF(t *testing.T, path string, signatures int, want ...string) {
	t.Helper()
	// -raw keeps the text in the order it was drawn, so the lines of one
	// table cell stay together.
	text, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	require.NoError(t, err)
	flat := squeeze(string(text))
	for _, w := range want {
		assert.Contains(t, flat, squeeze(w), "%s should contain %q", filepath.Base(path), w)
	}
	fonts, err := exec.Command("pdffonts", path).Output()
	require.NoError(t, err)
	rows := strings.Split(strings.TrimSpace(string(fonts)), "\n")
	require.Greater(t, len(rows), 2, "pdffonts lists fonts: %s", fonts)
	for _, row := range rows[2:] {
		f := strings.Fields(row)
		// name type encoding emb sub uni object ID: "emb" is the 4th field from the end of the yes/no columns
		require.GreaterOrEqual(t, len(f), 7, row)
		assert.Equal(t, "yes", f[len(f)-5], "font embedded: %s", row)
	}
	sig, _ := exec.Command("pdfsig", path).CombinedOutput()
	assert.Equal(t, signatures, strings.Count(string(sig), "Signature is Valid"), "pdfsig %s:\n%s", filepath.Base(path), sig)
	code, out, errs := k.run(t, "verify-pdf", "--file", k.file, path)
	// The whole head of the audit chain is in the text, and a signed
	// document anchors the case file (issue #15).
	assert.Contains(t, flat, squeeze("監査ログの先頭 #"), "%s carries the whole head", filepath.Base(path))
	if signatures > 0 {
		assert.Equal(t, 0, code, "verify-pdf %s\n%s%s", path, out, errs)
		assert.Equal(t, signatures, strings.Count(out, "で署名に使われた証明書です"), out)
		code, out, errs = k.run(t, "check", "--file", k.file, "--anchor", path)
		assert.Equal(t, 0, code, "check --anchor %s\n%s%s", path, out, errs)
		assert.Contains(t, out, "と一致", out)
	} else {
		assert.Equal(t, 1, code, "verify-pdf says an unsigned PDF is not signed")
	}
	t.Logf("checked %s: text, fonts embedded, %d valid signature(s)", filepath.Base(path), signatures)
}

func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// demoCase is the number of the first decided demo case of a class.
func (k kit) demoCase(t *testing.T, class string) string {
	t.Helper()
	var list []struct {
		Number string `json:"number"`
		Class  string `json:"class"`
	}
	out := k.ok(t, "cases", "--file", k.file, "--json", "--class", class)
	require.NoError(t, json.Unmarshal([]byte(out), &list), out)
	require.NotEmpty(t, list)
	return list[0].Number
}

var reMeetingID = regexp.MustCompile(`(?m)^\s*(\d+)\s`)

// meetingOf is the id of the first meeting of a case in `kinkyu meetings`.
func (k kit) meetingOf(t *testing.T, number string) string {
	t.Helper()
	out := k.ok(t, "meetings", "--file", k.file, "--case", number)
	m := reMeetingID.FindStringSubmatch(out)
	require.NotNil(t, m, "a meeting of %s is listed:\n%s", number, out)
	return m[1]
}

func TestAcceptance(t *testing.T) {
	k := buildKit(t)
	for _, tc := range []struct {
		class, report, table string
		items                []string
	}{
		{"misconduct", "不正行為発生報告書", "決定の項目", []string{"システムの停止", "関係機関への連絡", "技術的支援依頼", "詳細な被害状況・復旧作業の把握", "緊急時体制の把握", "市民への対応", "代替措置の実施", "緊急措置の検証及び予防措置の立案", "運用再開の決定"}},
		{"failure", "障害発生報告書", "審議する項目", []string{"システムの停止", "関係機関への連絡", "技術的支援依頼", "市民への対応", "代替措置の実施", "運用再開の決定"}},
	} {
		t.Run(tc.class, func(t *testing.T) {
			number := k.demoCase(t, tc.class)
			out := filepath.Join(k.dir, tc.class)
			require.NoError(t, os.Mkdir(out, 0o700))

			report := filepath.Join(out, "報告書.pdf")
			k.ok(t, append([]string{"report", "--file", k.file, "--case", number, "--out", report}, k.signArgs()...)...)
			k.checkPDF(t, report, 1, tc.report, number)

			agenda := filepath.Join(out, "次第.pdf")
			k.ok(t, "agenda", "--file", k.file, "--case", number, "--out", agenda)
			k.checkPDF(t, agenda, 0, append([]string{tc.table}, tc.items...)...)

			meeting := k.meetingOf(t, number)
			minutes := filepath.Join(out, "議事録.pdf")
			k.ok(t, append([]string{"minutes", "--file", k.file, "--meeting", meeting, "--out", minutes}, k.signArgs()...)...)
			k.checkPDF(t, minutes, 1, append([]string{"議事録", number}, tc.items...)...)

			decisions := filepath.Join(out, "決定事項一覧.pdf")
			k.ok(t, append([]string{"minutes", "--file", k.file, "--meeting", meeting, "--decisions", "--out", decisions}, k.signArgs()...)...)
			k.checkPDF(t, decisions, 1, "決定事項")
		})
	}
	t.Run("contacts", func(t *testing.T) {
		sheet := filepath.Join(k.dir, "緊急時連絡網.pdf")
		k.ok(t, append([]string{"contacts", "--file", k.file, "--out", sheet}, k.signArgs()...)...)
		k.checkPDF(t, sheet, 1, "緊急時連絡網", "宮城県", "指定情報処理機関", "保守委託事業者", "セキュリティ統括責任者")

		notice := filepath.Join(k.dir, "連絡先変更届.pdf")
		k.ok(t, append([]string{"contacts", "--file", k.file, "--notice", "--out", notice}, k.signArgs()...)...)
		k.checkPDF(t, notice, 1, "連絡先変更届", "変更前", "変更後")
	})
	t.Run("letters", func(t *testing.T) {
		// The copy for approval of a report as a 公用文, numbered from the register.
		number := k.demoCase(t, "misconduct")
		approval := filepath.Join(k.dir, "決裁用.pdf")
		out := k.ok(t, append([]string{"report", "--file", k.file, "--case", number, "--copy", "approval", "--number", "next",
			"--out", approval}, k.signArgs()...)...)
		assert.Contains(t, out, "大住第")
		k.checkPDF(t, approval, 1, "決裁用（送付しない）", "大住第", "宮城県知事 様", "（公印省略）",
			"住基ネットにおける不正行為の発生について", "下記のとおり報告します。", "記", "以上", "担当")

		// A recorded 第1報 prints the same every time, and travels with the case.
		failure := k.demoCase(t, "failure")
		list := k.ok(t, "reports", "--file", k.file, "--case", failure)
		require.Contains(t, list, "大住第")
		texts := make([]string, 2)
		for i := range texts {
			v := filepath.Join(k.dir, fmt.Sprintf("第1報-%d.pdf", i))
			k.ok(t, "report", "--file", k.file, "--case", failure, "--version", "1", "--out", v)
			b, err := exec.Command("pdftotext", "-layout", v, "-").Output()
			require.NoError(t, err)
			texts[i] = string(b)
		}
		assert.Equal(t, texts[0], texts[1], "第1報 printed twice")

		// A case moves to another file as JSON, as a new case. Its recorded
		// reports keep their 文書番号, so a file whose register gave the same
		// numbers (another demo file) refuses it and stays as it was.
		other := filepath.Join(k.dir, "移し先.kinkyu")
		k.ok(t, "demo", "--file", other)
		exported := filepath.Join(k.dir, "障害.json")
		k.ok(t, "export", "--file", k.file, "--case", failure, "--out", exported)
		code, _, errs := k.run(t, "import", "--file", other, exported)
		assert.Equal(t, 1, code)
		assert.Contains(t, errs, "この文書番号はすでに使われています")
		exported = filepath.Join(k.dir, "不正行為.json")
		k.ok(t, "export", "--file", k.file, "--case", number, "--out", exported)
		out = k.ok(t, "import", "--file", other, exported)
		assert.Contains(t, out, "新しい事案 2026-007")
		assert.Contains(t, k.ok(t, "cases", "--file", other), "7件")
		assert.Contains(t, k.ok(t, "check", "--file", other), "正常")

		// The paper fallback: seven blank forms.
		forms := filepath.Join(k.dir, "様式")
		k.ok(t, "forms", "--out", forms, "--file", k.file)
		entries, err := os.ReadDir(forms)
		require.NoError(t, err)
		assert.Len(t, entries, 7)
	})
	t.Run("check", func(t *testing.T) {
		out := k.ok(t, "check", "--file", k.file)
		assert.Contains(t, out, "正常")
		assert.Contains(t, out, "データと監査ログの照合: 正常")
		// A signed checkpoint, kept apart, anchors the file (issue #15).
		seal := filepath.Join(k.dir, "確認票.seal")
		k.ok(t, append([]string{"seal", "--file", k.file, "--out", seal}, k.signArgs()...)...)
		k.checkPDF(t, seal, 1, "監査ログ確認票", "先頭のハッシュ")
		assert.Contains(t, k.ok(t, "check", "--file", k.file, "--anchor", seal), "と一致")
	})
}
