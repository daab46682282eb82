package reports_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

var blankOpt = reports.BlankOptions{City: "大崎市", Prefecture: "宮城県", Created: time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)}

// blankForm makes a blank report twice (once with the UI in English) and
// checks what every blank report shows; it returns the whole text and the PDF.
func blankForm(t *testing.T, make func(reports.BlankOptions) ([]byte, error)) (string, []byte) {
	all, a := blankCommon(t, make)
	for _, want := range []string{"令和年月日時分", "報告者", "経過", "日時", "内容", "記録者", "月日時分"} {
		assert.Contains(t, all, want)
	}
	// The old internal head (the case-style number, 殿, the seal boxes) is
	// gone: the form is a 公用文 like the filled report.
	for _, not := range []string{"殿", "大崎市-住基-", "大崎市セキュリティ責任者", "課長補佐"} {
		assert.NotContains(t, all, not)
	}
	for _, ci := range data.ClassInfos {
		assert.Contains(t, all, ci.Label)
	}
	return all, a
}

// assertBlankLetter checks the 公用文 elements of a blank report, in order:
// number, date, 宛先 with 様, 発信者 with 公印省略, 件名, 前文, 記, the
// form (from), 以上 and the 担当 block with its blanks.
func assertBlankLetter(t *testing.T, all, symbol, sender, subject, from string) {
	t.Helper()
	assertInOrder(t, all, []string{symbol + "第号", "令和年月日", "様", sender, "（公印省略）", subject,
		"下記のとおり報告します。記", from, "経過", "以上", "担当課係氏名", "電話（内線）"}, "blank letter")
	assert.Equal(t, 1, strings.Count(all, "以上"), "one 以上")
	assert.Equal(t, 1, strings.Count(all, "様")-strings.Count(all, "様式"), "one honorific")
}

func TestBlankReportsAreLetters(t *testing.T) {
	m, mb := blankForm(t, reports.BlankMisconductReport)
	assertBlankLetter(t, m, "大住", "大崎市長", "住基ネットにおける不正行為の発生について（第報）", "1報告事項")
	f, fb := blankForm(t, reports.BlankFailureReport)
	assertBlankLetter(t, f, "大住", "大崎市長", "住基ネットにおける障害の発生について（第報）", "1障害の状況")
	// 以上 and the 担当 block end the page of the 経過 rows: never a page
	// of their own.
	for _, b := range [][]byte{mb, fb} {
		n := pdfPages(t, b)
		out, err := exec.Command("pdftotext", "-f", fmt.Sprint(n), "-l", fmt.Sprint(n), writeTemp(t, b), "-").CombinedOutput()
		require.NoError(t, err, "%s", out)
		assertInOrder(t, flat(string(out)), []string{"経過", "月日時分", "以上", "担当", "電話"}, "last page")
	}

	// The case file's letter settings: its 記号 and 発信者 (title, name,
	// the 公印 box); the 担当 block stays blank even when the file has one.
	opt := blankOpt
	opt.Letter = reports.Letter{Symbol: "古住", SenderTitle: "古川市長", SenderName: "見本 太郎", Stamped: true,
		Contact: []string{"市民課住民記録係　見本 花子", "電話 0229-00-0000"}}
	for _, make := range []func(reports.BlankOptions) ([]byte, error){reports.BlankMisconductReport, reports.BlankFailureReport} {
		b, err := make(opt)
		require.NoError(t, err)
		all := pdfText(t, writeTemp(t, b), 0, 0)
		assertInOrder(t, all, []string{"古住第号", "令和年月日", "様", "古川市長見本太郎", "公印", "下記のとおり報告します。記", "以上", "担当課係氏名"}, "settings")
		assert.NotContains(t, all, "公印省略")
		assert.NotContains(t, all, "大住")
		assert.NotContains(t, all, "見本花子")
	}
}

// blankCommon makes a blank form twice (once with the UI in English) and
// checks the bytes are the same, the fonts are embedded and the form is
// marked as a blank form, never with a case file's audit head or as a
// drill; it returns the whole text and the PDF.
func blankCommon(t *testing.T, make func(reports.BlankOptions) ([]byte, error)) (string, []byte) {
	t.Helper()
	a, err := make(blankOpt)
	require.NoError(t, err)
	b, err := make(blankOpt)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, b), "the same options gave different bytes")
	prev := i18n.Language()
	require.NoError(t, i18n.SetLanguage(i18n.English))
	c, err := make(blankOpt)
	require.NoError(t, i18n.SetLanguage(prev))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, c), "the UI language changed the form")

	file := writeTemp(t, a)
	if dir := os.Getenv("KINKYU_BLANK_DIR"); dir != "" { // for looking at the pages
		_ = os.WriteFile(dir+"/"+strings.ReplaceAll(t.Name(), "/", "_")+".pdf", a, 0o644)
	}
	all := pdfText(t, file, 0, 0)
	assert.NotContains(t, all, "（未記入）")
	assert.NotContains(t, all, "未登録")
	assert.NotContains(t, all, "監査ログ")
	assert.NotContains(t, all, "訓練")
	assert.NotContains(t, all, "!") // a missing translation shows as !key!
	for _, want := range []string{"手書き用様式", "取扱注意"} {
		assert.Contains(t, all, want)
	}

	needTool(t, "pdffonts")
	out, err := exec.Command("pdffonts", file).CombinedOutput()
	require.NoError(t, err, "%s", out)
	fonts := 0
	for _, line := range strings.Split(string(out), "\n")[2:] {
		f := strings.Fields(line)
		if len(f) < 5 {
			continue
		}
		fonts++
		assert.Contains(t, f, "yes", "font not embedded: %s", line)
	}
	assert.GreaterOrEqual(t, fonts, 2, "%s", out)
	assertInside(t, file)
	return all, a
}

func TestBlankMisconductReport(t *testing.T) {
	all, b := blankForm(t, reports.BlankMisconductReport)
	file := writeTemp(t, b)
	labels := pdfText(t, file, labelCol[0], labelCol[1])
	values := pdfText(t, file, valueCol[0], valueCol[1])

	assert.Contains(t, all, "不正行為発生報告書")
	for _, item := range data.MisconductReportItems {
		assert.Contains(t, labels, flat(item.Text+"（"+item.Article+"）"))
	}
	for _, li := range data.ThreatLevels {
		assert.Contains(t, values, flat(li.Label+"（"+li.Description+"）"))
		for _, ex := range li.Examples {
			assert.Contains(t, values, flat(ex.Text+"（"+ex.Kind.Label()+"）"))
		}
	}
	for _, want := range []string{"発見した時期:令和年月日時分", "発見の状況:", "不正行為があったと認められる時期:令和年月日時分☐不明☐未確認",
		"機器:", "設置場所:", "内容:", "想定される被害等:", "☐有☐無措置の内容:", "理由:", "第報"} {
		assert.Contains(t, values, want)
	}
}

// The blank misconduct form has every section the filled report has
// (issue 13): how the city learned of it (第5条第1号・第2号) with the 通報's
// who, when and what; the 支障 (第5条第3号); the estimate apart from the
// 判定 of both officers, and a level by the 事象 column (第5条第5号); the
// 緊急措置 ア・イ・ウ (第5条第4号); the preserved logs (第5条第7号); the
// recovery with the 再登録 (第5条第8号イ) and one notification per body
// (第5条第8号ウ); the 事後対策 (第5条第9号); then the 経過.
func TestBlankMisconductFormHasTheResponseSections(t *testing.T) {
	all, b := blankForm(t, reports.BlankMisconductReport)
	file := writeTemp(t, b)
	labels := pdfText(t, file, labelCol[0], labelCol[1])
	values := pdfText(t, file, valueCol[0], valueCol[1])

	assertInOrder(t, all, []string{"1報告事項", "2緊急措置（第5条第4号）", "3復旧・運用再開（第5条第8号）", "4事後対策（第5条第9号）", "5経過", "以上"}, "sections")
	for _, l := range []string{"発見・通報の別（第5条第1号・第2号）", "発見者（所属・氏名）", "脅威度の見込み", "脅威度の改定",
		"データ保護等への支障（第5条第3号）", "ア必要な協力を要請（第5条第4号ア）", "イ関係者からの事情聴取（第5条第4号イ）",
		"イ保有情報の廃棄等の措置（第5条第4号イ）", "ウ宮城県を経由した要請（第5条第4号ウ）", "保全したアクセスログ（第5条第7号）",
		"システムの停止", "本人確認情報の整合性の確認", "運用再開の承認・決定",
		"アクセス権限の設定変更、照合情報及び照合IDの再登録（第5条第8号イ）", "運用再開", "関係機関への運用再開の連絡（第5条第8号ウ）",
		"事後対策1", "事後対策2"} {
		assert.Contains(t, labels, flat(l))
	}
	for _, want := range []string{
		"☐住基ネット担当者が発見☐宮城県からの通報☐指定情報処理機関からの通報通報の場合:通報者:通報日時:令和年月日時分通報の内容:",
		"☐該当する事例なし（事象の欄により判定）事象:",
		"セキュリティ責任者及びシステム管理者による判定（第5条第5号）日時:令和年月日時分セキュリティ責任者:システム管理者:",
		"☐レベル2又は3に該当する可能性が高い（第5条第2号ウ）日時:令和年月日時分氏名:☐レベル3に該当する可能性が高い（第5条第4号イ）日時:令和年月日時分氏名:",
		"☐支障なし☐支障が生じるおそれ☐支障が生じた状況:セキュリティ統括責任者への報告:令和年月日時分",
		"☐済☐未了日時:令和年月日時分担当:要請先・要請した協力:",
		"相手:聴取者:日時:令和年月日時分結果:",
		"☐講じた☐講じていない内容:日時:令和年月日時分",
		"行政機関等:要請した措置:要請日時:令和年月日時分講じた措置の報告:報告日時:令和年月日時分",
		"保全したログ:保管場所:保全した者:保全日時:令和年月日時分",
		"宮城県相手:☐電話☐FAX☐電子メール☐文書☐対面日時:令和年月日時分連絡者:指定情報処理機関相手:☐電話☐FAX☐電子メール☐文書☐対面日時:令和年月日時分連絡者:",
		"☐実施済☐未実施具体的な内容:第回セキュリティ会議で決定（令和年月日時分）担当:期限:令和年月日実施日時:令和年月日時分",
	} {
		assert.Contains(t, values, flat(want))
	}
	// A blank form chooses nothing.
	assert.NotContains(t, all, "☑")
}

func TestBlankFailureReport(t *testing.T) {
	all, b := blankForm(t, reports.BlankFailureReport)
	file := writeTemp(t, b)
	labels := pdfText(t, file, labelCol[0], labelCol[1])
	values := pdfText(t, file, valueCol[0], valueCol[1])

	assert.Contains(t, all, "障害発生報告書")
	for _, fi := range data.FailureTypes {
		assert.Contains(t, values, fi.Label)
		assert.Contains(t, labels, flat(fi.Label))
		for i, c := range fi.Checks {
			assert.Contains(t, values, flat(string(rune('1'+i))+c+"☐異常なし☐異常あり☐未実施"))
		}
	}
	for _, g := range data.PreventionMeasures {
		assert.Contains(t, labels, g.Title)
		assert.Contains(t, values, flat("☐"+strings.Join(g.Measures, "☐")))
	}
	for _, want := range []string{"事象:", "☐原因不明→保守委託事業者に協力要請", "要請内容:", "要請日時:令和年月日時分",
		"☐支障なし☐支障が生じるおそれ☐支障が生じた", "☐一時的☐長時間に及ぶ", "☐統括責任者が直ちに停止を命令☐セキュリティ会議で審議",
		"☐済☐未了日時:令和年月日時分担当:", "権限:☐セキュリティ統括責任者☐セキュリティ会議",
		// 第4条第7号, 第4条第9号 (one record per body) and 第4条第10号 as the
		// filled report prints them (aftercare.go).
		"依頼先:依頼日時:令和年月日時分内容:完了日時:令和年月日時分依頼者:",
		"宮城県相手:☐電話☐FAX☐電子メール☐文書☐対面日時:令和年月日時分連絡者:指定情報処理機関相手:☐電話☐FAX☐電子メール☐文書☐対面日時:令和年月日時分連絡者:",
		"具体的な内容:担当:期限:令和年月日"} {
		assert.Contains(t, values, flat(want))
	}
	for _, l := range []string{"修復等の依頼（第4条第7号）", "システムの停止", "本人確認情報の整合性の確認", "運用再開の承認・決定", "運用再開",
		"関係機関への連絡（第4条第9号）", "その他の対策"} {
		assert.Contains(t, labels, l)
	}
}
