package app

import (
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/i18n"
)

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return sha256.Sum256(b)
}

// lineWith returns the first output line containing s.
func lineWith(t *testing.T, out, s string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line with %q in:\n%s", s, out)
	return ""
}

func TestDemoNetworkIsFictional(t *testing.T) {
	path := demoFile(t)
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	ps, err := s.ContactPoints()
	require.NoError(t, err)
	require.Len(t, ps, 9)

	roles := map[data.Role]bool{}
	bodies := map[data.Body]bool{}
	number := regexp.MustCompile(`^(0120-000-\d{3}|000-0000-\d{4})$`)
	for _, p := range ps {
		bodies[p.Body] = true
		roles[p.Role] = true
		assert.NoError(t, p.Validate())
		for _, who := range []data.Person{p.Primary, p.Deputy} {
			for _, k := range []string{data.PersonTEL, data.PersonFAX, data.PersonNightTEL, data.PersonMobile} {
				if v := who.Get(k); v != "" {
					assert.Regexp(t, number, v, "%s %s: a number that reaches no one", p.Title("", ""), k)
				}
			}
			if who.Mail != "" {
				assert.Regexp(t, `@[a-z.-]*example\.(jp|com)$`, who.Mail)
			}
		}
	}
	for _, r := range data.CityRoles {
		assert.True(t, roles[r], "the city's %s", r.Label())
	}
	for _, b := range data.ContactBodies {
		assert.True(t, bodies[b], "a %s entry", b)
	}

	cfg, err := data.LoadCallConfig(s)
	require.NoError(t, err)
	var unconfirmed []string
	for _, p := range ps {
		if data.Unconfirmed(p, data.Now(), cfg.UnconfirmedMonths) {
			unconfirmed = append(unconfirmed, p.Title("", ""))
		}
	}
	assert.Equal(t, []string{"宮城県 市町村課"}, unconfirmed, "one entry shows the ※ flag")
	changes, err := s.ContactChanges(0, true)
	require.NoError(t, err)
	assert.Len(t, changes, 6, "changes since the last notice to both: the officer's mobile, the staff member's FAX, the contractor's night number and deputy")
	for r, n := range map[data.Body]int{data.BodyPrefecture: 1, data.BodyAgency: 2} {
		left, err := s.UnreportedChanges(r)
		require.NoError(t, err)
		assert.Len(t, left, n, "the city's changes not yet reported to %s", r)
	}
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}

func TestContactsCommandPrintsTheNetwork(t *testing.T) {
	path := demoFile(t)
	code, out, errOut := runCLI(t, "contacts", "--file", path)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "緊急時連絡網（第3条）— 9件")
	for _, want := range []string{"担当部署", "平日日中", "夜間・休日", "代理者", "受付時間", "確認日",
		"大崎市 住基ネット担当者", "大崎市 セキュリティ統括責任者", "宮城県 市町村課",
		"指定情報処理機関（現 地方公共団体情報システム機構（J-LIS））", "株式会社サンプル情報システム",
		"09:00〜17:45", "08:30〜17:15"} {
		assert.Contains(t, out, want)
	}
	staff := lineWith(t, out, "大崎市 住基ネット担当者")
	assert.Contains(t, staff, "訓練 花子")
	assert.Contains(t, staff, "電話 0120-000-101  内線 2101")
	assert.Contains(t, staff, "携帯 000-0000-0101")
	assert.Contains(t, lineWith(t, out, "宮城県 市町村課"), "※", "not confirmed for over a year")
	assert.NotContains(t, staff, "※")
	assert.Contains(t, out, "※ 6か月以上確認していない連絡先です")
	assert.Contains(t, out, "宮城県にまだ届け出ていない市の連絡先の変更が1件あります（第3条第2号）")
	assert.Contains(t, out, "指定情報処理機関にまだ届け出ていない市の連絡先の変更が2件あります（第3条第2号）")

	// English messages, same data.
	code, out, _ = runCLI(t, "contacts", "--file", path, "--lang", "en")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "Emergency contact network (Article 3), 9 entries")
}

func TestContactsCommandWhoToCallAt(t *testing.T) {
	path := demoFile(t)

	// Friday 20:00: nights and holidays; the night numbers come first.
	code, out, errOut := runCLI(t, "contacts", "--file", path, "--at", "2026/11/27 20:00")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "令和8年11月27日 20時00分 に連絡する相手（区分: 判定中、報告の順）")
	staff := lineWith(t, out, "第4条第1号・第5条第1号")
	assert.Contains(t, staff, "大崎市 住基ネット担当者")
	assert.Contains(t, staff, "夜間・休日（終業後）")
	assert.Contains(t, staff, "訓練 花子  携帯 000-0000-0101")
	assert.Contains(t, staff, "訓練 春子  携帯 000-0000-0102", "the deputy if she is not reached")
	pref := lineWith(t, out, "第4条第9号・第5条第2号ウ")
	assert.Contains(t, pref, "宮城県 市町村課")
	assert.Contains(t, pref, "見本 一郎  夜間・休日電話 000-0000-1009")
	assert.Contains(t, lineWith(t, out[strings.Index(out, "に連絡する相手"):], "見本電設株式会社"), "（手順外）")

	// Friday 10:00, a failure: business hours, the chain of 第4条.
	code, out, errOut = runCLI(t, "contacts", "--file", path, "--at", "2026/11/27 10:00", "--class", "failure")
	require.Equal(t, 0, code, errOut)
	at := out[strings.Index(out, "に連絡する相手"):]
	assert.Contains(t, lineWith(t, at, "大崎市 住基ネット担当者"), "営業時間内")
	assert.Contains(t, lineWith(t, at, "大崎市 住基ネット担当者"), "訓練 花子  電話 0120-000-101")
	assert.Contains(t, lineWith(t, at, "大崎市 セキュリティ統括責任者"), "データの保護等に支障が生じ,又は生じるおそれがあるとき")
	var order []int
	for _, name := range []string{"大崎市 住基ネット担当者", "大崎市 セキュリティ責任者", "大崎市 システム管理者", "大崎市 システム管理担当者",
		"大崎市 セキュリティ統括責任者", "株式会社サンプル情報システム", "宮城県 市町村課", "指定情報処理機関", "見本電設株式会社"} {
		order = append(order, strings.Index(at, name))
	}
	// The related bodies come last: 第4条 calls them only when operation
	// resumes (第4条第9号).
	assert.IsIncreasing(t, order, "the order of 第4条's reporting chain")
	assert.Contains(t, lineWith(t, at, "宮城県 市町村課"), "第4条第9号")
	assert.Contains(t, lineWith(t, at, "宮城県 市町村課"), "用件：セキュリティ責任者は,関係機関にシステム運用再開の連絡をする。")

	// The year-end closing, a setting of the case file.
	code, out, _ = runCLI(t, "contacts", "--file", path, "--at", "2026/12/30 10:00")
	require.Equal(t, 0, code)
	assert.Contains(t, lineWith(t, out, "第4条第1号・第5条第1号"), "年末年始（12月29日〜1月3日）")
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	require.NoError(t, s.SetSetting(data.SettingYearEndClosing, "false"))
	require.NoError(t, s.Close())
	code, out, _ = runCLI(t, "contacts", "--file", path, "--at", "2026/12/30 10:00")
	require.Equal(t, 0, code)
	assert.Contains(t, lineWith(t, out, "第4条第1号・第5条第1号"), "営業時間内")
}

func TestContactsExportAndImport(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "連絡網.csv")
	code, out, errOut := runCLI(t, "contacts", "--file", path, "--export", csvPath)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "連絡網をCSVに書き出しました")
	raw, err := os.ReadFile(csvPath)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(raw), "\ufeff機関,役割,名称,"), "UTF-8 with BOM, Japanese header")
	assert.Contains(t, string(raw), "\r\n")

	// Exporting over a file is refused.
	code, _, errOut = runCLI(t, "contacts", "--file", path, "--export", csvPath)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "エラー: ")

	// Importing the same network changes nothing.
	code, out, errOut = runCLI(t, "contacts", "--file", path, "--import", csvPath)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "現在の連絡網と同じ内容です")

	// An edited file: without --yes a preview, and the file stays as it was.
	edited := strings.Replace(string(raw), "000-0000-1001", "000-0000-1111", 1)
	edited = strings.Replace(edited, "その他,,見本電設株式会社（電気設備）", "その他,,見本電設株式会社", 1)
	require.NoError(t, os.WriteFile(csvPath, []byte(edited), 0o600))
	before := fileHash(t, path)
	code, out, errOut = runCLI(t, "contacts", "--file", path, "--import", csvPath)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "変更: 宮城県 市町村課")
	assert.Contains(t, out, "  電話: 000-0000-1001 → 000-0000-1111")
	assert.Contains(t, out, "追加: 見本電設株式会社")
	assert.Contains(t, out, "削除: 見本電設株式会社（電気設備）（変更履歴は残ります）")
	assert.Contains(t, out, "追加 1件、変更 1件、削除 1件、変更なし 7件")
	assert.Contains(t, out, "--yes を付けて")
	assert.Equal(t, before, fileHash(t, path), "a preview writes nothing")

	code, out, errOut = runCLI(t, "contacts", "--file", path, "--import", csvPath, "--yes")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "連絡網を取り込みました")
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	ps, err := s.ContactPoints()
	require.NoError(t, err)
	require.Len(t, ps, 9)
	assert.Equal(t, "000-0000-1111", ps[5].Primary.TEL)
	changes, err := s.ContactChanges(ps[5].ID, true)
	require.NoError(t, err)
	require.Len(t, changes, 1)
	assert.Equal(t, "000-0000-1001", changes[0].Old)
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}

func TestContactsImportWithBadRowsImportsNothing(t *testing.T) {
	path := demoFile(t)
	csvPath := filepath.Join(t.TempDir(), "誤り.csv")
	head := "\ufeff機関,役割,名称,部署,担当者,電話,FAX,メール,内線,夜間休日電話,携帯,代理者,代理電話,代理FAX,代理メール,代理内線,代理夜間休日電話,代理携帯,受付開始,受付終了,確認日\r\n"
	cells := func(c ...string) string {
		for len(c) < 21 {
			c = append(c, "")
		}
		return strings.Join(c, ",") + "\r\n"
	}
	file := head +
		cells("宮城県", "", "", "市町村課", "見本 一郎", "000-0000-1001") + // line 2
		cells("市", "住基ネット担当者", "", "市民課", "訓練 花子", "0120-000-1O1") + // line 3: letter O
		"指定情報処理機関,,,,見本 三郎\r\n" + // line 4: 5 cells
		cells("宮城県", "", "", "危機対策課", "見本 九郎", "000-0000-1099") // line 5: the prefecture again
	require.NoError(t, os.WriteFile(csvPath, []byte(file), 0o600))
	before := fileHash(t, path)

	for _, args := range [][]string{{"--import", csvPath}, {"--import", csvPath, "--yes"}} {
		code, out, errOut := runCLI(t, append([]string{"contacts", "--file", path}, args...)...)
		assert.Equal(t, 1, code)
		assert.Contains(t, out, "3行目「電話」: 担当者の電話には数字と「-」「+」「(」「)」、空白だけを使えます。")
		assert.Contains(t, out, "4行目: 列の数が見出しの行と合いません。区切りの「,」が多すぎるか足りません。列の数が5です（見出しは21列）。")
		assert.Contains(t, out, "5行目「機関」: 同じ機関（市は同じ役割）の連絡先がすでにあります。")
		assert.Contains(t, out, "（2行目と同じ機関です）")
		assert.Contains(t, errOut, "3件の誤りがあるため、何も取り込んでいません。")
		assert.Equal(t, before, fileHash(t, path), "nothing imported, even with --yes")
	}
}

func TestContactsCommandUsage(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"contacts"}, 2, "--file"},
		{[]string{"contacts", "--file", path, "--yes"}, 2, "--yes は --import と一緒に"},
		{[]string{"contacts", "--file", path, "--export", filepath.Join(dir, "a.csv"), "--import", "b.csv"}, 2, "同時に指定できません"},
		{[]string{"contacts", "--file", path, "--notice"}, 2, "--notice には保存先"},
		{[]string{"contacts", "--file", path, "--at", "明日の夜"}, 2, "--at の日時が読み取れません"},
		{[]string{"contacts", "--file", path, "--class", "fire"}, 2, "--class"},
		{[]string{"contacts", "--file", path, "--import", filepath.Join(dir, "ない.csv")}, 1, "エラー: "},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errOut := runCLI(t, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, errOut, tt.msg)
		})
	}

	// An empty network says how to fill it.
	empty := filepath.Join(dir, "空.kinkyu")
	s, err := sqlite.Create(empty)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	code, out, _ := runCLI(t, "contacts", "--file", empty, "--at", "2026/11/27 20:00")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "連絡網に連絡先がまだありません")
}

// TestContactMessagesExist: every field and rule the contact network's
// validation and CSV import can report has its own sentence, and every label
// the screens and documents look up exists, in both languages.
func TestContactMessagesExist(t *testing.T) {
	pairs := [][2]string{
		{"body", "required"}, {"body", "unknown"}, {"body", "duplicate"},
		{"role", "required"}, {"role", "notcity"}, {"role", "onlycity"},
		{"point_name", "required"}, {"open_from", "clock"}, {"open_until", "clock"}, {"open_until", "beforeopen"},
		{"confirmed_at", "format"}, {"call.case", "required"}, {"call.person", "required"},
		{"csv", "empty"}, {"csv", "syntax"}, {"csv", "columns"}, {"csv", "toomany"},
		{"csv", "unknowncolumn"}, {"csv", "samecolumn"}, {"csv", "missingcolumn"},
	}
	for _, f := range []string{"point_name", "contact_section", "call.person", "call.number"} {
		pairs = append(pairs, [2]string{f, "toolong"}, [2]string{f, "control"}, [2]string{f, "encoding"})
	}
	for _, who := range []string{"primary.", "deputy."} {
		for _, f := range data.PersonFields {
			pairs = append(pairs, [2]string{who + f, "toolong"}, [2]string{who + f, "control"})
		}
		for _, f := range []string{data.PersonTEL, data.PersonFAX, data.PersonNightTEL, data.PersonMobile} {
			pairs = append(pairs, [2]string{who + f, "phone"})
		}
		pairs = append(pairs, [2]string{who + data.PersonExtension, "extension"}, [2]string{who + data.PersonMail, "mail"})
	}
	for _, lang := range i18n.Languages() {
		require.NoError(t, i18n.SetLanguage(lang))
		for _, p := range pairs {
			msg := i18n.ErrorMessage(data.Invalid(p[0], p[1]))
			assert.NotEqual(t, i18n.T("error.invalid"), msg, "%s: %s.%s", lang, p[0], p[1])
			assert.NotContains(t, msg, i18n.T("field.unknown"), "%s: %s has no name", lang, p[0])
			assert.NotContains(t, msg, "{{", lang)
		}
		for _, f := range append(data.ContactFields, data.FieldRemoved, data.FieldConfirmedAt) {
			assert.True(t, i18n.Has("contact.data.field."+f), "%s: contact.data.field.%s", lang, f)
		}
		for _, k := range data.PersonFields[1:] {
			assert.True(t, i18n.Has("contact.data.kind."+k), "%s: contact.data.kind.%s", lang, k)
		}
		for _, why := range []string{data.ClosedBefore, data.ClosedAfter, data.ClosedWeekend, data.ClosedHoliday, data.ClosedYearEnd} {
			assert.True(t, i18n.Has("contact.data.closed."+why), "%s: %s", lang, why)
		}
	}
	require.NoError(t, i18n.SetLanguage(i18n.Japanese))
}

func TestContactsCommandWritesTheSheet(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	p12 := p12File(t, "大崎 太郎", "署名用のパスフレーズ")
	t.Setenv("KINKYU_TEST_PASS", "署名用のパスフレーズ")
	out := filepath.Join(dir, "緊急時連絡網.pdf")
	code, stdout, errOut := runCLI(t, "contacts", "--file", path, "--out", out, "--p12", p12, "--pass-env", "KINKYU_TEST_PASS")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, stdout, "緊急時連絡網を保存しました")
	text := pdfText(t, out)
	for _, want := range []string{"緊急時連絡網", "住基ネット担当者", "株式会社サンプル情報システム", "0120-000-101"} {
		assert.Contains(t, text, want)
	}
	sig, err := exec.Command("pdfsig", out).CombinedOutput()
	require.NoError(t, err)
	assert.Contains(t, string(sig), "Signature is Valid")
	code, vout, _ := runCLI(t, "verify-pdf", "--file", path, out)
	assert.Equal(t, 0, code, vout)
	assert.Contains(t, vout, "署名に使われた証明書です", "the sheet is recorded in the case file with its signer")

	// An existing file is never overwritten.
	before := fileHash(t, out)
	code, _, errOut = runCLI(t, "contacts", "--file", path, "--out", out)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "エラー: ")
	assert.Equal(t, before, fileHash(t, out))
}

func TestContactsCommandWritesTheChangeNotice(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	code, out, _ := runCLI(t, "contacts", "--file", path)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "宮城県にまだ届け出ていない市の連絡先の変更が1件あります（第3条第2号）。連絡先変更届: kinkyu contacts --file F --notice --to prefecture")
	assert.Contains(t, out, "指定情報処理機関にまだ届け出ていない市の連絡先の変更が2件あります")

	// To the prefecture (the default): only what it has not been told.
	first := filepath.Join(dir, "連絡先変更届.pdf")
	code, out, errOut := runCLI(t, "contacts", "--file", path, "--notice", "--out", first)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "連絡先変更届を保存しました")
	assert.Contains(t, out, "（1件の変更）")
	assert.Contains(t, out, "--sent を付けて")
	text := pdfText(t, first)
	assert.Contains(t, text, "連絡先変更届")
	assert.Contains(t, text, "宮城県知事")
	assert.Contains(t, text, "0120-000-107", "the staff member's new FAX")
	assert.NotContains(t, text, "000-0000-0112", "the officer's new mobile was reported to the prefecture already")
	assert.NotContains(t, text, "0120-000-498", "the contractor's number is not the city's to report")

	// Without --sent the changes stay unreported; with it they are recorded.
	second := filepath.Join(dir, "連絡先変更届（送付）.pdf")
	code, out, errOut = runCLI(t, "contacts", "--file", path, "--notice", "--out", second, "--sent")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "1件の変更を届出済みにしました")

	// The designated agency has its own letter, with both changes.
	agency := filepath.Join(dir, "連絡先変更届（指定情報処理機関）.pdf")
	code, out, errOut = runCLI(t, "contacts", "--file", path, "--notice", "--to", "agency", "--out", agency, "--sent")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "2件の変更を届出済みにしました")
	text = pdfText(t, agency)
	assert.Contains(t, text, "地方公共団体情報システム機構理事長")
	assert.Contains(t, text, "000-0000-0112")
	assert.Contains(t, text, "0120-000-107")

	s, err := sqlite.Open(path)
	require.NoError(t, err)
	for _, r := range data.NoticeRecipients {
		left, err := s.UnreportedChanges(r)
		require.NoError(t, err)
		assert.Empty(t, left)
	}
	require.NoError(t, s.Close())
	code, out, _ = runCLI(t, "contacts", "--file", path)
	require.Equal(t, 0, code)
	assert.NotContains(t, out, "まだ届け出ていない")

	// Nothing left to report: no notice is written.
	third := filepath.Join(dir, "3.pdf")
	code, out, _ = runCLI(t, "contacts", "--file", path, "--notice", "--to", "agency", "--out", third)
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "連絡先変更届は作成していません")
	assert.NoFileExists(t, third)

	code, _, errOut = runCLI(t, "contacts", "--file", path, "--sent")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--sent は --notice と一緒に")
	code, _, errOut = runCLI(t, "contacts", "--file", path, "--notice", "--to", "contractor", "--out", third)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--to には prefecture")
}
