package forms

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// openReport opens the 報告書を作成 dialog on a case, as the header's button does.
func openReport(t *testing.T, s *screen, caseID int64, p12 string) *createDocument {
	t.Helper()
	r, err := newCreateReport(s.env, caseID, p12)
	require.NoError(t, err)
	require.NotNil(t, r)
	r.dlg.Show()
	return r
}

// runReport presses 作成… and, instead of typing into the save dialog, gives
// the path chosen; it waits until the report has been made.
func runReport(t *testing.T, r *createDocument, path string) {
	t.Helper()
	if r.sign.Checked && !r.loadIdentity() {
		return
	}
	require.NoError(t, r.onPathChosen(path))
	select {
	case <-r.done:
	case <-time.After(30 * time.Second):
		t.Fatal("the report was not made")
	}
}

// pdfsigValid reports whether poppler's pdfsig calls every signature of the
// file valid (it exits 0 even when one is not).
func pdfsigValid(t *testing.T, path string) string {
	t.Helper()
	_, err := exec.LookPath("pdfsig")
	require.NoError(t, err, "pdfsig (poppler-utils) is needed; `make test` installs it")
	out, err := exec.Command("pdfsig", path).CombinedOutput()
	require.NoError(t, err, string(out))
	return string(out)
}

func TestCreateReportWithNewIdentityThenWrongPassphrase(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "住民票の不正な大量照会", data.ClassMisconduct, data.StatusOpen, false, testNow.Add(-2*time.Hour))
	dir := t.TempDir()
	p12 := filepath.Join(dir, "keys", "署名用証明書.p12")

	r := openReport(t, s, c.ID, p12)
	assert.True(t, r.newID)
	assert.True(t, r.sign.Checked, "signing is on by default")
	assert.Equal(t, "宮城県知事", r.addressee.Text, "a letter to the prefecture by default")
	assert.Equal(t, "送付用", r.copyChoice.Selected, "the copy that is sent by default")
	assert.Equal(t, c.Number+"_不正行為発生報告書.pdf", r.defaultName())
	assert.Contains(t, strings.Join(texts(s.topDialog()), ""), "不正行為発生報告書")

	// the passphrases must match
	test.Type(r.pass, "正しいパスフレーズ")
	test.Type(r.pass2, "違うパスフレーズ")
	assert.False(t, r.loadIdentity())
	assert.Equal(t, i18n.T("reportui.mismatch"), r.pass2Err.Text)
	assert.NoFileExists(t, p12)

	r.pass2.SetText("正しいパスフレーズ")
	out := filepath.Join(dir, r.defaultName())
	runReport(t, r, out)
	assert.False(t, r.msg.Visible(), r.msg.Text)

	info, err := os.Stat(p12)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the certificate file is the officer's alone")
	p12Bytes, err := os.ReadFile(p12)
	require.NoError(t, err)
	assert.NotContains(t, string(p12Bytes), "正しいパスフレーズ")
	assert.Empty(t, r.pass.Text, "the passphrase is not kept after the dialog")
	assert.Nil(t, r.id, "the key is not kept after the report")

	pdf, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Contains(t, pdfsigValid(t, out), "Signature is Valid")
	sum := sha256.Sum256(pdf)
	docs, err := s.env.Store.Documents(c.ID)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	assert.Equal(t, hex.EncodeToString(sum[:]), docs[0].SHA256)
	assert.Equal(t, data.DocMisconductReport, docs[0].Kind)
	assert.Equal(t, filepath.Base(out), docs[0].FileName)
	require.Len(t, docs[0].Signers, 1)
	assert.Equal(t, 1, s.saved)
	done := strings.Join(texts(s.topDialog()), "\n")
	assert.Contains(t, done, out)
	assert.Contains(t, done, hex.EncodeToString(sum[:])[:16])

	// A second report: the certificate exists, and a wrong passphrase writes nothing.
	r2 := openReport(t, s, c.ID, p12)
	assert.False(t, r2.newID)
	assert.False(t, r2.idBox.Visible(), "the passphrase is asked once when the certificate exists")
	test.Type(r2.pass, "まちがい")
	out2 := filepath.Join(dir, "第2報.pdf")
	assert.False(t, r2.loadIdentity())
	assert.Equal(t, i18n.ErrorMessage(&data.Error{Code: data.EINVALID, Field: "passphrase", Rule: "wrong"}), r2.passErr.Text)
	assert.True(t, r2.passErr.Visible())
	assert.NoFileExists(t, out2)
	docs, err = s.env.Store.Documents(c.ID)
	require.NoError(t, err)
	assert.Len(t, docs, 1)
	after, err := os.ReadFile(p12)
	require.NoError(t, err)
	assert.Equal(t, p12Bytes, after, "the certificate file is unchanged")

	// the right passphrase signs again, with the same certificate
	r2.pass.SetText("正しいパスフレーズ")
	runReport(t, r2, out2)
	assert.Contains(t, pdfsigValid(t, out2), "Signature is Valid")
	docs, err = s.env.Store.Documents(c.ID)
	require.NoError(t, err)
	require.Len(t, docs, 2)
	assert.Equal(t, docs[0].Signers[0].Fingerprint, docs[1].Signers[0].Fingerprint)
}

func TestCreateReportUnsignedFailure(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "住基ネット端末の障害", data.ClassFailure, data.StatusOpen, false, testNow.Add(-time.Hour))
	dir := t.TempDir()
	r := openReport(t, s, c.ID, filepath.Join(dir, "none.p12"))
	r.sign.SetChecked(false)
	// in line: the save dialog closes itself after handing over the path,
	// which with the test driver would race with the report's own UI updates
	r.async = func(f func()) { f() }
	assert.False(t, r.idBox.Visible())
	// through the dialogs: 作成… opens the save dialog in the case file's
	// folder with the report's name, and 保存 makes it
	test.Tap(button(t, s.topDialog(), "作成…"))
	assert.Contains(t, shownWords(s.topDialog()), "障害発生報告書の保存先")
	test.Tap(button(t, s.topDialog(), "保存"))
	select {
	case <-r.done:
	case <-time.After(30 * time.Second):
		t.Fatal("the report was not made")
	}
	out := filepath.Join(filepath.Dir(s.path), c.Number+"_障害発生報告書.pdf")
	assert.FileExists(t, out)
	assert.NoFileExists(t, filepath.Join(dir, "none.p12"), "no certificate is made without signing")
	docs, err := s.env.Store.Documents(c.ID)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	assert.Empty(t, docs[0].Signers)
	assert.Equal(t, data.DocFailureReport, docs[0].Kind)
}

func TestCreateReportNeedsName(t *testing.T) {
	s := newScreen(t)
	s.env.Officer = func() Officer { return Officer{Role: data.RoleSecurityOfficer} }
	c := s.addCase(t, "不正アクセス", data.ClassMisconduct, data.StatusOpen, false, testNow.Add(-time.Hour))
	p12 := filepath.Join(t.TempDir(), "id.p12")
	r := openReport(t, s, c.ID, p12)
	r.pass.SetText("あいう")
	r.pass2.SetText("あいう")
	assert.False(t, r.loadIdentity())
	assert.Equal(t, i18n.T("reportui.need_name"), r.msg.Text)
	assert.NoFileExists(t, p12)
}

func TestCreateReportPendingCase(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "区分を判定中の事案", data.ClassPending, data.StatusOpen, false, testNow.Add(-time.Hour))
	ShowCreateReport(s.env, c.ID, filepath.Join(t.TempDir(), "id.p12"))
	assert.Contains(t, texts(s.topDialog()), i18n.T("reportui.pending"))
	assert.Contains(t, i18n.T("reportui.pending"), "区分")
}

func TestCaseHeaderHasCreateReport(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "区分を判定中の事案", data.ClassPending, data.StatusOpen, false, testNow.Add(-time.Hour))
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	d.Show(c.ID)
	test.Tap(button(t, d.Content(), "報告書を作成"))
	assert.Contains(t, texts(s.topDialog()), i18n.T("reportui.pending"))
}

func TestCreateReportNeverOverwritesAndCanRetry(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "住基ネット端末の障害", data.ClassFailure, data.StatusOpen, false, testNow.Add(-time.Hour))
	dir := t.TempDir()
	r := openReport(t, s, c.ID, filepath.Join(dir, "none.p12"))
	r.sign.SetChecked(false)
	taken := filepath.Join(dir, "既存.pdf")
	require.NoError(t, os.WriteFile(taken, []byte("前の報告書"), 0o644))
	runReport(t, r, taken) // as if the file appeared after the save dialog checked
	assert.Equal(t, i18n.ErrorMessage(&data.Error{Code: data.EEXISTS}), r.msg.Text)
	b, err := os.ReadFile(taken)
	require.NoError(t, err)
	assert.Equal(t, "前の報告書", string(b))
	docs, err := s.env.Store.Documents(c.ID)
	require.NoError(t, err)
	assert.Empty(t, docs)
	assert.Equal(t, 0, s.saved)

	// the dialog stays, and another name works
	runReport(t, r, filepath.Join(dir, "新規.pdf"))
	assert.FileExists(t, filepath.Join(dir, "新規.pdf"))
	docs, err = s.env.Store.Documents(c.ID)
	require.NoError(t, err)
	assert.Len(t, docs, 1)
}

// writeTestIdentity makes a certificate file for an approver.
func writeTestIdentity(t *testing.T, dir, name, pass string) string {
	t.Helper()
	p12, err := reports.GenerateIdentity(name, "セキュリティ統括責任者", "大崎市", pass, time.Now())
	require.NoError(t, err)
	path := filepath.Join(dir, name+".p12")
	require.NoError(t, os.WriteFile(path, p12, 0o600))
	return path
}

func TestCountersignAddsApproversOneAfterAnother(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "住基ネット端末の障害", data.ClassFailure, data.StatusOpen, false, testNow.Add(-time.Hour))
	dir := t.TempDir()
	officer := writeTestIdentity(t, dir, "山田 花子", "やまだ")
	chief := writeTestIdentity(t, dir, "佐々木 一郎", "ささき")
	deputy := writeTestIdentity(t, dir, "高橋 次郎", "たかはし")

	r := openReport(t, s, c.ID, officer)
	test.Type(r.pass, "やまだ")
	out := filepath.Join(dir, r.defaultName())
	runReport(t, r, out)
	require.False(t, r.msg.Visible(), r.msg.Text)
	assert.Contains(t, strings.Join(texts(s.topDialog()), "\n"), "署名: 山田 花子")
	once, err := os.ReadFile(out)
	require.NoError(t, err)

	// A wrong passphrase, a missing file, the same signer again: a message, the file untouched.
	_, err = r.countersign(chief, "まちがい")
	assert.Equal(t, "wrong", data.AsError(err).Rule)
	_, err = r.countersign("", "ささき")
	assert.Equal(t, "p12", data.AsError(err).Field)
	_, err = r.countersign(officer, "やまだ")
	assert.Equal(t, "already", data.AsError(err).Rule)
	after, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, once, after, "a refused signature leaves the file as it was")

	// Through the dialog: the chief signs, then the deputy.
	r.showCountersign()
	top := s.topDialog()
	entries := findAll[*entry](top, nil)
	require.Len(t, entries, 2) // the file and the passphrase
	entries[0].SetText(chief)
	test.Type(entries[1], "ささき")
	test.Tap(button(t, top, "署名する"))
	assert.Contains(t, strings.Join(texts(s.topDialog()), "\n"), "署名: 山田 花子、佐々木 一郎")
	_, err = r.countersign(deputy, "たかはし")
	require.NoError(t, err)

	out3 := pdfsigValid(t, out)
	assert.Equal(t, 3, strings.Count(out3, "Signature is Valid"), out3)
	for _, name := range []string{"山田 花子", "佐々木 一郎", "高橋 次郎"} {
		assert.Contains(t, out3, name)
	}
	final, err := os.ReadFile(out)
	require.NoError(t, err)
	sigs, err := reports.Verify(final)
	require.NoError(t, err)
	require.Len(t, sigs, 3)
	for _, sg := range sigs {
		assert.True(t, sg.Valid && !sg.Modified, sg.Problem)
	}
	docs, err := s.env.Store.Documents(c.ID)
	require.NoError(t, err)
	require.Len(t, docs, 3, "each signed version is recorded")
	sum := sha256.Sum256(final)
	assert.Equal(t, hex.EncodeToString(sum[:]), docs[2].SHA256)
	assert.Len(t, docs[2].Signers, 3)
	tl, err := s.env.Store.Timeline(c.ID)
	require.NoError(t, err)
	assert.Contains(t, tl[len(tl)-1].Text, "高橋 次郎が署名を追加")

	// The verification in the app names each signer and knows their certificates.
	text, err := VerifyPDFText(s.env.Store, out)
	require.NoError(t, err)
	assert.Equal(t, 3, strings.Count(text, "このケースファイルで署名に使われた証明書です。"), text)
	assert.Contains(t, text, "すべての署名が有効")

	// A changed file is not signed again, and the verification says it was changed.
	final[len(final)/2] ^= 1
	require.NoError(t, os.WriteFile(out, final, 0o600))
	_, err = r.countersign(filepath.Join(dir, "other.p12"), "x")
	assert.Error(t, err)
	_, err = r.countersign(writeTestIdentity(t, dir, "鈴木 三郎", "すずき"), "すずき")
	assert.Equal(t, "changed", data.AsError(err).Rule)
	text, err = VerifyPDFText(s.env.Store, out)
	require.NoError(t, err)
	assert.Contains(t, text, "無効")
	assert.NotContains(t, text, "すべての署名が有効")
}
