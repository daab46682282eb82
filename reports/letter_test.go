package reports_test

import (
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/reports"
)

// letterCase is a misconduct case in a file with letter settings and a
// contact network whose 住基ネット担当者 gives the 担当 block.
func letterCase(t *testing.T, drill bool) (data.Store, int64) {
	s := newDocStore(t)
	for k, v := range map[string]string{
		data.SettingLetterSymbol:     "大住",
		data.SettingLetterSenderName: "伊藤 康志",
	} {
		require.NoError(t, s.SetSetting(k, v))
	}
	require.NoError(t, s.SaveContactPoint(&data.ContactPoint{
		Body: data.BodyCity, Role: data.RoleStaff, Section: "市民課住民記録係",
		Primary: data.Person{Name: "佐藤 花子", TEL: "0229-23-1111", Extension: "2101"},
	}))
	id := createMisconductCase(t, s)
	if drill {
		c, err := s.Case(id)
		require.NoError(t, err)
		c.Drill = true
		require.NoError(t, s.UpdateCase(&c))
	}
	return s, id
}

// layoutText is the text of the PDF in reading order, one line per line,
// spaces squeezed.
func layoutText(t *testing.T, b []byte) []string {
	file := writeTemp(t, b)
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-layout", file, "-").CombinedOutput()
	require.NoError(t, err, "%s", out)
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// indexOf is the first line at or after from that contains s, else -1.
func indexOf(lines []string, from int, s string) int {
	for i := from; i < len(lines); i++ {
		if strings.Contains(lines[i], s) {
			return i
		}
	}
	return -1
}

func TestLetterLayoutOrder(t *testing.T) {
	s, id := letterCase(t, false)
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	b, err := reports.MisconductReport(cd, reports.DocOptions{Number: "大住第123号", Addressee: "宮城県知事　様"})
	require.NoError(t, err)
	lines := layoutText(t, b)

	// The parts of the 公用文, each on its own line and in this order.
	at := 0
	for _, want := range []struct{ text, align string }{
		{"大住第123号", "R"},
		{"令和8年11月27日", "R"},
		{"宮城県知事 様", "L"},
		{"大崎市長 伊藤 康志", "R"},
		{"（公印省略）", "R"},
		{"住基ネットにおける不正行為の発生について（第1報）", "C"},
		{"下記のとおり報告します。", "L"},
		{"記", "C"},
		{"1 報告事項", "L"},
		{"以上", "R"},
		{"担当 市民課住民記録係 佐藤 花子", "R"},
		{"電話 0229-23-1111（内線 2101）", "R"},
	} {
		i := indexOf(lines, at, want.text)
		if !assert.GreaterOrEqual(t, i, 0, "%q missing or out of order", want.text) {
			return
		}
		if want.text == "記" || want.text == "以上" {
			assert.Equal(t, want.text, lines[i], "%q stands alone", want.text)
		}
		at = i + 1
	}
	all := strings.Join(lines, "\n")
	assert.Equal(t, 1, strings.Count(all, "宮城県知事"), "the addressee once")
	assert.NotContains(t, all, "様 様")
	assert.NotContains(t, all, "殿")
	assert.NotContains(t, all, "決裁用", "送付用 is the default")
	for _, l := range []string{"課長補佐", "係長"} {
		assert.NotContains(t, all, l, "no seal box on the copy sent")
	}
}

func TestLetterCopies(t *testing.T) {
	s, id := letterCase(t, false)
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	for _, make := range []func(reports.CaseData, reports.DocOptions) ([]byte, error){reports.MisconductReport, reports.FailureReport} {
		send, err := make(cd, reports.DocOptions{Copy: reports.CopySend})
		require.NoError(t, err)
		approval, err := make(cd, reports.DocOptions{Copy: reports.CopyApproval})
		require.NoError(t, err)
		sendText := strings.Join(layoutText(t, send), "\n")
		apprText := strings.Join(layoutText(t, approval), "\n")
		assert.Regexp(t, `課長\s+課長補佐\s+係長\s+担当`, apprText, "the labels of the settings, left to right")
		assert.Contains(t, apprText, "決裁用")
		assert.Contains(t, apprText, "起案")
		assert.NotContains(t, sendText, "課長補佐")
		assert.NotContains(t, sendText, "起案")
		assert.NotContains(t, sendText, "決裁用")

		custom, err := make(cd, reports.DocOptions{Copy: reports.CopyApproval, SealLabels: []string{"部長", "室長"}})
		require.NoError(t, err)
		assert.Regexp(t, `部長\s+室長`, strings.Join(layoutText(t, custom), "\n"))
	}
	assert.Len(t, reports.ApprovalSlots([]string{"課長", "課長補佐", "係長", "担当"}), 4)
}

func TestLetterHonorifics(t *testing.T) {
	for _, tc := range []struct{ name, honorific, want string }{
		{"宮城県知事", "", "宮城県知事　様"},
		{"宮城県知事 様", "", "宮城県知事　様"},
		{"宮城県知事様", "", "宮城県知事　様"},
		{"宮城県知事　殿", "", "宮城県知事　殿"},
		{"セキュリティ統括責任者", "殿", "セキュリティ統括責任者　殿"},
		{"セキュリティ統括責任者 様", "殿", "セキュリティ統括責任者　殿"},
		{"地方公共団体情報システム機構 御中", "", "地方公共団体情報システム機構　御中"},
		{"宮城県総務部市町村課長 様 様", "", "宮城県総務部市町村課長　様"},
		{"", "", ""},
	} {
		assert.Equal(t, tc.want, reports.Addressee(tc.name, tc.honorific), "%q %q", tc.name, tc.honorific)
	}
}

func TestLetterTextLayer(t *testing.T) {
	s, id := letterCase(t, true)
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	b, err := reports.MisconductReport(cd, reports.DocOptions{ReportNo: 3, Final: true})
	require.NoError(t, err)
	all := strings.Join(layoutText(t, b), "\n")
	// Ticked boxes are in the text: the class and 応急措置 有.
	assert.Regexp(t, `☐ *障害 *☑ *不正行為`, all)
	assert.Regexp(t, `☑ *有 *☐ *無`, all)
	// A drill says so in words, on every page and in the 件名.
	pages := strings.Count(all, "\f") + 1
	assert.GreaterOrEqual(t, strings.Count(all, "【訓練】"), pages)
	assert.Contains(t, all, "【訓練】住基ネットにおける不正行為の発生について（最終報）")
	assert.Regexp(t, `報告の回数 +第3報（最終報）`, all, "the row says what the 件名 says")
	// A blank number to write in, with the symbol of the settings.
	assert.Regexp(t, `大住第 *号`, all)

	needTool(t, "pdfinfo")
	out, err := exec.Command("pdfinfo", writeTemp(t, b)).CombinedOutput()
	require.NoError(t, err, "%s", out)
	info := string(out)
	assert.Regexp(t, regexp.MustCompile(`(?m)^Title:\s+【訓練】`+cd.Case.Number+` 不正行為発生報告書 第3報（最終報）$`), info)
	assert.Regexp(t, `(?m)^Subject:\s+【訓練】住基ネットにおける不正行為の発生について（最終報）$`, info)
	assert.Regexp(t, `(?m)^Keywords:\s+住基ネット, 不正行為発生報告書, `+cd.Case.Number+`, 第3報（最終報）, 送付用, 訓練$`, info)
}

func TestFailureReportContents(t *testing.T) {
	s := newDocStore(t)
	id := createFailureCase(t, s)
	// The cause was found after the request to the contractor: the request
	// stays in the report.
	r, err := s.FailureReport(id)
	require.NoError(t, err)
	r.CauseUnknown = false
	r.Cause = "UPSのバッテリー劣化"
	require.NoError(t, s.SaveFailureReport(&r, ""))
	c, err := s.Case(id)
	require.NoError(t, err)
	c.Discoverer, c.DiscovererSection = "佐藤 花子", "市民課"
	c.OccurredState = data.TimeUnknown
	require.NoError(t, s.UpdateCase(&c))
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	b, err := reports.FailureReport(cd, reports.DocOptions{})
	require.NoError(t, err)
	values := pdfText(t, writeTemp(t, b), valueCol[0], valueCol[1])
	labels := pdfText(t, writeTemp(t, b), labelCol[0], labelCol[1])
	assert.Contains(t, labels, "発見日時・発生日時")
	assert.Contains(t, values, "発見日時:令和8年11月27日14時05分発生日時:不明")
	assert.Contains(t, labels, "発見者（所属・氏名）")
	assert.Contains(t, values, "市民課佐藤花子")
	assert.Contains(t, values, flat("UPSのバッテリー劣化保守委託事業者に協力を要請要請内容:"+r.ContractorRequest))
	assert.NotContains(t, values, "原因不明")
}

// The 担当 block: the setting's override, else the 住基ネット担当者 of the
// network, else its セキュリティ責任者; the sender's title defaults to the
// city's 長 and the 公印 follows the setting.
func TestLetterFromSettingsAndNetwork(t *testing.T) {
	s := newDocStore(t)
	l, err := reports.LoadLetter(s, "大崎市")
	require.NoError(t, err)
	assert.Equal(t, "大崎市長", l.SenderTitle)
	assert.Nil(t, l.Contact, "no network, no block: lines to fill in by hand")
	assert.Equal(t, []string{"課長", "課長補佐", "係長", "担当"}, l.SealLabels)

	require.NoError(t, s.SaveContactPoint(&data.ContactPoint{Body: data.BodyCity, Role: data.RoleSecurityOfficer, Section: "市民課長",
		Primary: data.Person{Name: "山田 太郎", TEL: "0229-23-1111"}}))
	l, err = reports.LoadLetter(s, "大崎市")
	require.NoError(t, err)
	assert.Equal(t, []string{"市民課長　山田 太郎", "電話 0229-23-1111"}, l.Contact)

	require.NoError(t, s.SaveContactPoint(&data.ContactPoint{Body: data.BodyCity, Role: data.RoleStaff, Section: "市民課住民記録係",
		Primary: data.Person{Name: "佐藤 花子", TEL: "0229-23-1111", Extension: "2101"}}))
	l, err = reports.LoadLetter(s, "大崎市")
	require.NoError(t, err)
	assert.Equal(t, []string{"市民課住民記録係　佐藤 花子", "電話 0229-23-1111（内線 2101）"}, l.Contact)

	old, err := data.LoadLetterSettings(s)
	require.NoError(t, err)
	set := old
	set.SenderTitle, set.Stamped, set.Contact = "大崎市長職務代理者 副市長", true, "総務部 情報政策課\n電話 0229-23-9999"
	require.NoError(t, data.SaveLetterSettings(s, old, set))
	l, err = reports.LoadLetter(s, "大崎市")
	require.NoError(t, err)
	assert.Equal(t, []string{"総務部 情報政策課", "電話 0229-23-9999"}, l.Contact)
	assert.Equal(t, "大崎市長職務代理者 副市長", l.SenderTitle)
	assert.True(t, l.Stamped)

	id := createMisconductCase(t, s)
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	b, err := reports.MisconductReport(cd, reports.DocOptions{Addressee: "セキュリティ統括責任者", Honorific: "殿"})
	require.NoError(t, err)
	all := strings.Join(layoutText(t, b), "\n")
	assert.Contains(t, all, "セキュリティ統括責任者 殿", "an internal copy keeps 殿")
	assert.NotContains(t, all, "様")
	assert.Contains(t, all, "公印")
	assert.NotContains(t, all, "公印省略")
	assert.Contains(t, all, "担当 総務部 情報政策課")
}

// Meeting documents name their case in the PDF title too.
func TestMeetingDocumentTitles(t *testing.T) {
	md := testMeetingData(t, meetingCases[1])
	for _, tc := range []struct {
		make func() ([]byte, error)
		doc  string
	}{
		{func() ([]byte, error) { return reports.Minutes(md, reports.DocOptions{}) }, "議事録"},
		{func() ([]byte, error) { return reports.Decisions(md, reports.DocOptions{}) }, "決定事項一覧"},
		{func() ([]byte, error) { return reports.Agenda(md.CaseData, &md.Meeting, reports.DocOptions{}) }, "次第"},
	} {
		b, err := tc.make()
		require.NoError(t, err)
		needTool(t, "pdfinfo")
		out, err := exec.Command("pdfinfo", writeTemp(t, b)).CombinedOutput()
		require.NoError(t, err, "%s", out)
		assert.Regexp(t, `(?m)^Title:\s+`+md.Case.Number+` 第1回 セキュリティ会議 ?`+tc.doc+`$`, string(out))
		assert.Regexp(t, `(?m)^Keywords:\s+住基ネット, `+md.Case.Number+`, `, string(out))
	}
}
