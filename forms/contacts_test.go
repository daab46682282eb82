package forms

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// testNetwork is a small network as the officer would have entered it: the
// city's chain, the prefecture with a deputy, J-LIS and the contractor.
func testNetwork() []data.ContactPoint {
	person := func(name, tel, night string) data.Person {
		return data.Person{Name: name, TEL: tel, NightTEL: night}
	}
	return []data.ContactPoint{
		{Body: data.BodyCity, Role: data.RoleStaff, Section: "市民課", Primary: person("大崎 一郎", "000-100-0001", "000-100-9001")},
		{Body: data.BodyCity, Role: data.RoleSecurityOfficer, Section: "総務課", Primary: person("古川 二郎", "000-100-0002", "000-100-9002")},
		{Body: data.BodyCity, Role: data.RoleSysAdmin, Section: "情報政策課", Primary: person("鹿島台 三郎", "000-100-0003", "000-100-9003")},
		{Body: data.BodyCity, Role: data.RoleChief, Section: "副市長室", Primary: person("岩出山 四郎", "000-100-0004", "000-100-9004")},
		{Body: data.BodyPrefecture, Name: "宮城県 市町村課", Section: "住基ネット担当",
			Primary: person("山田 太郎", "0120-000-111", "0120-000-911"),
			Deputy:  person("佐藤 花子", "0120-000-112", "0120-000-912")},
		{Body: data.BodyAgency, Name: "地方公共団体情報システム機構", Primary: person("鈴木 三郎", "0120-000-211", "0120-000-219")},
		{Body: data.BodyContractor, Name: "架空システム株式会社", Primary: person("高橋 四郎", "0120-000-311", "0120-000-319")},
	}
}

// addNetwork stores the network, confirmed a month before the tests' now.
func (s *screen) addNetwork(t *testing.T) []data.ContactPoint {
	t.Helper()
	ps := testNetwork()
	for i := range ps {
		ps[i].OpenFrom, ps[i].OpenUntil = data.DefaultOpenFrom, data.DefaultOpenUntil
		ps[i].ConfirmedAt = testNow.AddDate(0, -1, 0)
		require.NoError(t, s.env.Store.SaveContactPoint(&ps[i]))
	}
	return ps
}

// openContacts shows the contact network screen in the window.
func openContacts(t *testing.T, s *screen) *ContactsView {
	t.Helper()
	v := NewContactsView(s.env)
	s.win.SetContent(v.Content())
	return v
}

// badgeTexts are the words drawn in o, badges included.
func badgeTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, obj := range test.LaidOutObjects(o) {
		if t, ok := obj.(*canvas.Text); ok && t.Visible() && t.Text != "" {
			out = append(out, t.Text)
		}
	}
	return out
}

func shownText(o fyne.CanvasObject) string { return strings.Join(texts(o), "\n") }

func TestContactListGroupsByBodyAndFlagsUnconfirmed(t *testing.T) {
	s := newScreen(t)
	ps := s.addNetwork(t)
	// The contractor was last confirmed 7 months ago: more than the 6 of the setting.
	old := ps[6]
	old.ConfirmedAt = testNow.AddDate(0, -7, 0)
	require.NoError(t, s.env.Store.SaveContactPoint(&old))

	v := openContacts(t, s)
	shown := texts(v.listBox)
	heads := []string{"市（大崎市）", "宮城県", "指定情報処理機関　地方公共団体情報システム機構（J-LIS）", "保守委託事業者"}
	last := -1
	for _, h := range heads {
		i := indexOf(shown, h)
		require.GreaterOrEqual(t, i, 0, "heading %s in %v", h, shown)
		assert.Greater(t, i, last, "%s comes after the heading before it", h)
		last = i
	}
	assert.Contains(t, shown, "セキュリティ責任者", "the city's entries are named by their role")
	assert.Contains(t, shown, "日中 0120-000-111　夜間・休日 0120-000-911", "a row shows both numbers of the contact person")
	flagged := 0
	for id, r := range v.rows {
		if r.stale {
			flagged++
			assert.Equal(t, old.ID, id, "only the entry not confirmed for 6 months is flagged")
			assert.Contains(t, badgeTexts(r), "▲ 要確認")
		}
	}
	assert.Equal(t, 1, flagged)
	assert.Contains(t, v.count.Text, "要確認 1件")

	// 確認済みにする clears the flag and records when.
	test.Tap(v.rows[old.ID])
	test.Tap(button(t, v.editor.Content(), "確認済みにする"))
	got, err := s.reopen(t).ContactPoint(old.ID)
	require.NoError(t, err)
	assert.True(t, got.ConfirmedAt.Equal(testNow), "confirmed now: %v", got.ConfirmedAt)
	assert.False(t, v.rows[old.ID].stale)
	assert.NotContains(t, badgeTexts(v.rows[old.ID]), "▲ 要確認")
	assert.NotContains(t, v.count.Text, "要確認")
}

func TestEditingAContactKeepsTheOldValueInHistory(t *testing.T) {
	s := newScreen(t)
	ps := s.addNetwork(t)
	pref := ps[4]
	v := openContacts(t, s)

	test.Tap(v.rows[pref.ID])
	e := v.editor
	assert.Equal(t, "宮城県 市町村課", e.name.Text)
	assert.Equal(t, "0120-000-111", e.primary[data.PersonTEL].Text)

	// A number with letters is refused under its field; nothing is stored.
	e.primary[data.PersonTEL].SetText("0120-ABC")
	test.Tap(button(t, e.Content(), "保存"))
	msg := e.msgs["primary.tel"]
	require.True(t, msg.Visible(), "a message under the TEL field")
	assert.Equal(t, "担当者の電話には数字と「-」「+」「(」「)」、空白だけを使えます。番号を確認してください。", msg.Text)
	assert.Contains(t, shownText(e.Content()), "保存できませんでした。赤字の項目を直してから、もう一度保存してください。")
	stored, err := s.env.Store.ContactPoint(pref.ID)
	require.NoError(t, err)
	assert.Equal(t, "0120-000-111", stored.Primary.TEL, "the refused value is not stored")

	// Full-width digits as an IME types them are accepted as the number.
	e.primary[data.PersonTEL].SetText("０１２０－０００－２２２")
	e.deputy[data.PersonName].SetText("伊藤 次郎")
	test.Tap(button(t, e.Content(), "保存"))
	assert.False(t, msg.Visible(), "the message goes once the value is accepted")
	assert.False(t, e.Dirty())

	file := s.reopen(t)
	got, err := file.ContactPoint(pref.ID)
	require.NoError(t, err)
	assert.Equal(t, "0120-000-222", got.Primary.TEL)
	assert.Equal(t, "伊藤 次郎", got.Deputy.Name)
	changes, err := file.ContactChanges(pref.ID, false)
	require.NoError(t, err)
	byField := map[string]data.ContactChange{}
	for _, c := range changes {
		byField[c.Field] = c
	}
	require.Contains(t, byField, "primary.tel")
	assert.Equal(t, "0120-000-111", byField["primary.tel"].Old, "the old number is kept")
	assert.Equal(t, "0120-000-222", byField["primary.tel"].New)
	assert.Equal(t, "佐藤 花子", byField["deputy.name"].Old)

	// The history tab shows old → new with who and when.
	hist := shownText(v.history)
	assert.Contains(t, hist, "0120-000-111 → 0120-000-222")
	assert.Contains(t, hist, "佐藤 花子 → 伊藤 次郎")
	assert.Contains(t, hist, "担当者 TEL（通常業務時）")
	assert.Contains(t, hist, "2026/11/27 14:05")
	assert.Contains(t, hist, "報告の対象外（市の連絡先ではないため）", "the prefecture reports its own contacts (第3条第2号)")
	assert.Contains(t, v.histTab.Text, "変更履歴（")
}

func TestAddAndRemoveAContact(t *testing.T) {
	s := newScreen(t)
	s.addNetwork(t)
	v := openContacts(t, s)
	before := len(v.points)

	test.Tap(button(t, v.Content(), "追加"))
	e := v.editor
	e.body.SetSelected("その他の連絡先")
	test.Tap(button(t, e.Content(), "保存"))
	require.True(t, e.msgs[data.FieldPointName].Visible(), "another contact needs a name")

	e.name.SetText("大崎地域広域行政事務組合")
	e.primary[data.PersonName].SetText("中村 五郎")
	e.primary[data.PersonTEL].SetText("000-200-0001")
	test.Tap(button(t, e.Content(), "保存"))
	require.Len(t, v.points, before+1)
	id := v.selected
	require.NotZero(t, id)
	assert.Contains(t, shownText(v.listBox), "大崎地域広域行政事務組合")

	// Removing asks first; cancelling keeps it.
	test.Tap(button(t, e.Content(), "削除"))
	dlg := s.topDialog()
	require.NotNil(t, dlg, "removal asks first")
	assert.Contains(t, shownText(dlg), "大崎地域広域行政事務組合")
	test.Tap(button(t, dlg, "キャンセル"))
	require.Len(t, v.points, before+1)

	test.Tap(button(t, e.Content(), "削除"))
	test.Tap(button(t, s.topDialog(), "削除"))
	ps, err := s.reopen(t).ContactPoints()
	require.NoError(t, err)
	assert.Len(t, ps, before)
	assert.NotContains(t, shownText(v.listBox), "大崎地域広域行政事務組合")
}

// writeCSV writes a network as CSV into a file of the test.
func writeCSV(t *testing.T, ps []data.ContactPoint, edit func(string) string) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, data.WriteContactsCSV(&buf, ps))
	path := filepath.Join(t.TempDir(), "連絡網.csv")
	require.NoError(t, os.WriteFile(path, []byte(edit(buf.String())), 0o600))
	return path
}

func TestCSVPreviewWithABadRowShowsWhyAndImportsNothing(t *testing.T) {
	s := newScreen(t)
	ps := s.addNetwork(t)
	v := openContacts(t, s)
	before, err := s.env.Store.ContactPoints()
	require.NoError(t, err)
	head, err := s.env.Store.Head()
	require.NoError(t, err)

	// Line 3 gets an extra cell; line 6 (the prefecture) a TEL with letters.
	path := writeCSV(t, ps, func(csv string) string {
		lines := strings.Split(csv, "\r\n")
		lines[2] += ",余計"
		lines[5] = strings.Replace(lines[5], "0120-000-111", "0120-ABC-111", 1)
		return strings.Join(lines, "\r\n")
	})
	im, err := v.showImport(path)
	require.NoError(t, err)
	dlg := s.topDialog()
	require.NotNil(t, dlg, "the preview opens")
	shown := shownText(dlg)
	assert.Contains(t, shown, "2件の誤りがあります")
	assert.Contains(t, shown, "連絡網は変わりません")
	require.Len(t, im.errs, 2)

	// The errors table: line, column, why.
	cells := tableTexts(im.errTab)
	assert.Contains(t, cells, "行")
	assert.Contains(t, cells, "列")
	assert.Contains(t, cells, "理由")
	assert.Contains(t, cells, "3")
	assert.Contains(t, cells, "6")
	assert.Contains(t, cells, "（行全体）")
	assert.Contains(t, cells, "電話", "the column of the bad number")
	whys := strings.Join(cells, "\n")
	assert.Contains(t, whys, "列の数が違います（22列。見出しは21列）")
	assert.NotContains(t, whys, "invalid", "every reason in words")

	ok := button(t, dlg, "取り込む")
	assert.True(t, ok.Disabled(), "取り込む is disabled while there are errors")
	test.Tap(ok)
	assert.Same(t, dlg, s.topDialog(), "nothing asked, nothing done")

	after, err := s.reopen(t).ContactPoints()
	require.NoError(t, err)
	assert.Equal(t, before, after, "the network is unchanged")
	head2, err := s.env.Store.Head()
	require.NoError(t, err)
	assert.Equal(t, head, head2, "not even an audit event")
}

func TestCSVImportReplacesTheNetworkOnlyWhenConfirmed(t *testing.T) {
	s := newScreen(t)
	ps := s.addNetwork(t)
	v := openContacts(t, s)

	// The file: the prefecture's number changed, the contractor left out.
	path := writeCSV(t, ps[:6], func(csv string) string { return strings.Replace(csv, "0120-000-111", "0120-000-333", 1) })
	im, err := v.showImport(path)
	require.NoError(t, err)
	dlg := s.topDialog()
	assert.Contains(t, shownText(dlg), "6件の連絡先を読み取りました。取り込むと、追加 0件・変更 1件・削除 1件になります。")
	assert.Contains(t, tableTexts(im.rows), "宮城県 市町村課")
	ok := button(t, dlg, "取り込む")
	require.False(t, ok.Disabled())

	test.Tap(ok)
	conf := s.topDialog()
	require.NotSame(t, dlg, conf, "importing asks first")
	assert.Contains(t, shownText(conf), "置き換えます")
	test.Tap(button(t, conf, "キャンセル"))
	got, err := s.env.Store.ContactPoints()
	require.NoError(t, err)
	assert.Len(t, got, 7, "cancelled: nothing imported")

	test.Tap(ok)
	test.Tap(button(t, s.topDialog(), "取り込む"))
	got, err = s.reopen(t).ContactPoints()
	require.NoError(t, err)
	require.Len(t, got, 6)
	assert.Equal(t, "0120-000-333", got[4].Primary.TEL)
	assert.Nil(t, s.topDialog(), "the preview closes")
	assert.Contains(t, shownText(v.listBox), "0120-000-333")
}

func TestCSVExportNeverOverwrites(t *testing.T) {
	s := newScreen(t)
	ps := s.addNetwork(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "連絡網.csv")

	require.NoError(t, exportContactsCSV(path, ps))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(b, []byte("\ufeff")), "UTF-8 with BOM for Excel")
	back, errs, err := data.ParseContactsCSV(bytes.NewReader(b))
	require.NoError(t, err)
	require.Empty(t, errs)
	assert.Len(t, back, len(ps))

	require.NoError(t, os.WriteFile(path, []byte("keep"), 0o600))
	err = exportContactsCSV(path, ps)
	require.Error(t, err)
	assert.Equal(t, data.EEXISTS, data.AsError(err).Code)
	b, _ = os.ReadFile(path)
	assert.Equal(t, "keep", string(b), "the existing file is untouched")

	// A bare name typed in the save dialog becomes a .csv file.
	assert.Equal(t, filepath.Join(dir, "名簿.csv"), csvPath(filepath.Join(dir, "名簿"+CaseFileExt)))
}

// tableTexts is what the cells of a table show, row by row: each cell made
// and filled by the table's own functions (the test driver lays out no cells).
func tableTexts(tbl *widget.Table) []string {
	var out []string
	rows, cols := tbl.Length()
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			o := tbl.CreateCell()
			tbl.UpdateCell(widget.TableCellID{Row: r, Col: c}, o)
			out = append(out, o.(*widget.Label).Text)
		}
	}
	return out
}

// runJob makes a document of the contacts screen unsigned, through the
// document dialog, into path, and waits for it.
func runJob(t *testing.T, s *screen, job DocumentJob, path string) {
	t.Helper()
	r := newCreateDocument(s.env, job, filepath.Join(t.TempDir(), "none.p12"))
	r.sign.SetChecked(false)
	r.async = func(f func()) { f() }
	r.dlg.Show()
	require.NoError(t, r.onPathChosen(path))
	select {
	case <-r.done:
	case <-time.After(30 * time.Second):
		t.Fatal("the document was not made")
	}
	require.FileExists(t, path, "written: %s", r.msg.Text)
}

// pdfText is the text of a PDF as poppler extracts it.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	require.NoError(t, err, "pdftotext (poppler-utils) is needed")
	return string(out)
}

func TestChangeNoticeListsTheChangesAndMarksThemReported(t *testing.T) {
	s := newScreen(t)
	ps := s.addNetwork(t)
	// Everything entered so far was reported.
	require.NoError(t, s.env.Store.MarkChangesReported(nil, testNow))
	v := openContacts(t, s)

	test.Tap(button(t, v.Content(), "変更届を作成"))
	dlg := s.topDialog()
	require.NotNil(t, dlg)
	assert.Contains(t, shownText(dlg), "まだ報告していない変更はありません。")
	test.Tap(button(t, dlg, "OK"))

	// The city's security officer and the prefecture's contact change: only
	// the city's own is the city's to report (第3条第2号).
	test.Tap(v.rows[ps[1].ID])
	v.editor.primary[data.PersonTEL].SetText("0120-000-555")
	test.Tap(button(t, v.editor.Content(), "保存"))
	test.Tap(v.rows[ps[4].ID])
	v.editor.primary[data.PersonTEL].SetText("0120-000-777")
	test.Tap(button(t, v.editor.Content(), "保存"))
	for _, r := range data.NoticeRecipients {
		unreported, err := s.env.Store.UnreportedChanges(r)
		require.NoError(t, err)
		require.Len(t, unreported, 1, "to %s", r)
	}

	// A notice per recipient.
	test.Tap(button(t, v.Content(), "変更届を作成"))
	dlg = s.topDialog()
	require.NotNil(t, dlg)
	button(t, dlg, "宮城県へ（1件）")
	button(t, dlg, "指定情報処理機関へ（1件）")
	test.Tap(button(t, dlg, "キャンセル"))

	job := v.noticeJob(data.BodyPrefecture, 1)
	assert.Equal(t, data.DocChangeNotice, job.Kind)
	assert.Equal(t, "宮城県知事", job.AddresseeDefault)
	out := filepath.Join(t.TempDir(), job.FileName)
	runJob(t, s, job, out)
	text := pdfText(t, out)
	assert.Contains(t, text, "連絡先変更届")
	assert.Contains(t, text, "0120-000-555")
	assert.NotContains(t, text, "0120-000-777", "the prefecture's own number is not reported back to it")

	file := s.reopen(t)
	left, err := file.UnreportedChanges(data.BodyPrefecture)
	require.NoError(t, err)
	assert.Empty(t, left, "the changes in the notice are reported to the prefecture")
	left, err = file.UnreportedChanges(data.BodyAgency)
	require.NoError(t, err)
	assert.Len(t, left, 1, "not yet to the designated agency")
	docs, err := file.Documents(0)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	assert.Equal(t, data.DocChangeNotice, docs[0].Kind)
	test.Tap(v.rows[ps[1].ID])
	assert.Contains(t, shownText(v.history), "宮城県に報告済み（2026/11/27 14:05） ・ 指定情報処理機関に未報告")

	job = v.noticeJob(data.BodyAgency, 1)
	assert.Equal(t, "地方公共団体情報システム機構理事長", job.AddresseeDefault)
	runJob(t, s, job, filepath.Join(t.TempDir(), job.FileName))
	p, err := s.reopen(t).ContactPoint(ps[1].ID)
	require.NoError(t, err)
	assert.True(t, p.ReportedAt.Equal(testNow), "reported to every body now: %v", p.ReportedAt)
	test.Tap(v.rows[ps[1].ID])
	assert.Contains(t, shownText(v.history), "宮城県に報告済み（2026/11/27 14:05） ・ 指定情報処理機関に報告済み（2026/11/27 14:05）")
	test.Tap(v.rows[ps[4].ID])
	assert.Contains(t, shownText(v.history), "報告の対象外（市の連絡先ではないため）")
}

func TestContactSheetIsMadeFromTheScreen(t *testing.T) {
	s := newScreen(t)
	s.addNetwork(t)
	v := openContacts(t, s)
	job := v.sheetJob()
	assert.Equal(t, data.DocContactSheet, job.Kind)
	assert.Zero(t, job.CaseID, "a document of the whole case file")
	assert.Equal(t, "緊急時連絡網_20261127.pdf", job.FileName)
	out := filepath.Join(t.TempDir(), job.FileName)
	runJob(t, s, job, out)
	text := pdfText(t, out)
	assert.Contains(t, text, "緊急時連絡網")
	assert.Contains(t, text, "0120-000-911", "the night number of the prefecture")
}

// TestContactWordsInBothLanguages checks the keys the contact screens build
// from data (a body, a field, why a body is closed…), which the i18n test
// cannot see in the source.
func TestContactWordsInBothLanguages(t *testing.T) {
	var keys []string
	for _, b := range data.ContactBodies {
		keys = append(keys, "contactui.body."+string(b))
	}
	for _, f := range data.PersonFields {
		keys = append(keys, "contactui.person."+f, "contactui.placeholder."+f)
	}
	for _, f := range []string{data.FieldBody, data.FieldRole, data.FieldPointName, data.FieldSection,
		data.FieldOpenFrom, data.FieldOpenUntil, data.FieldRemoved} {
		keys = append(keys, "contactui.field."+f)
	}
	for _, why := range []string{data.ClosedBefore, data.ClosedAfter, data.ClosedWeekend, data.ClosedHoliday, data.ClosedYearEnd} {
		keys = append(keys, "contactui.call.closed."+why)
	}
	for _, c := range data.Classes {
		keys = append(keys, "contactui.call.chain."+string(c))
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		keys = append(keys, "contactui.weekday."+strings.ToLower(d.String()[:3]))
	}
	for _, c := range importColumns {
		keys = append(keys, "contactui.csv.col."+c)
	}
	for _, c := range []string{"line", "column", "why"} {
		keys = append(keys, "contactui.csv.err."+c)
	}
	for _, lang := range i18n.Languages() {
		require.NoError(t, i18n.SetLanguage(lang))
		for _, k := range keys {
			assert.True(t, i18n.Has(k), "%s: %s", lang, k)
		}
	}
	require.NoError(t, i18n.SetLanguage(i18n.Japanese))
}

func TestLeavingAnEditedContactAsksFirst(t *testing.T) {
	s := newScreen(t)
	ps := s.addNetwork(t)
	v := openContacts(t, s)
	test.Tap(v.rows[ps[4].ID])
	test.Type(v.editor.primary[data.PersonName], "（課長）")
	require.True(t, v.editor.Dirty())

	test.Tap(v.rows[ps[5].ID])
	dlg := s.topDialog()
	require.NotNil(t, dlg, "unsaved input is not dropped without asking")
	assert.Contains(t, shownText(dlg), "保存していない変更があります")
	test.Tap(button(t, dlg, "キャンセル"))
	assert.Equal(t, ps[4].ID, v.selected)
	assert.Equal(t, "（課長）山田 太郎", v.editor.primary[data.PersonName].Text, "the input stays") // typed at the cursor, at the start

	closed := false
	v.ConfirmClose(func() { closed = true })
	require.False(t, closed, "closing the window asks too")
	test.Tap(button(t, s.topDialog(), "破棄して移る"))
	assert.True(t, closed)

	test.Tap(v.rows[ps[5].ID])
	test.Tap(button(t, s.topDialog(), "破棄して移る"))
	assert.Equal(t, ps[5].ID, v.selected)
	got, err := s.env.Store.ContactPoint(ps[4].ID)
	require.NoError(t, err)
	assert.Equal(t, "山田 太郎", got.Primary.Name, "nothing was saved")
}
