package reports_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/reports"
)

const ptPerMM = 72 / 25.4

// unboxed drops check-box characters from a text layer, should the kit put
// ☐ and ☑ there, so that the wording is compared alone.
func unboxed(s string) string { return strings.NewReplacer("☐", "", "☑", "").Replace(s) }

// assertInside checks that every word of the PDF lies inside the page's
// content area, or in the band of the footer or of the 取扱注意 mark:
// nothing runs off the page or into the margins.
func assertInside(t *testing.T, file string) {
	t.Helper()
	needTool(t, "pdftotext")
	out, err := exec.Command("pdftotext", "-bbox", file, "-").CombinedOutput()
	require.NoError(t, err, "%s", out)
	word := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
	a4 := reports.A4
	left, right := a4.Left*ptPerMM-0.5, (a4.Width-a4.Right)*ptPerMM+0.5
	top, bottom := a4.Top*ptPerMM, (a4.Height-a4.Bottom)*ptPerMM+0.5
	footer := (a4.Height - 14) * ptPerMM
	n := 0
	for _, m := range word.FindAllStringSubmatch(string(out), -1) {
		n++
		f := func(i int) float64 { v, _ := strconv.ParseFloat(m[i], 64); return v }
		x0, y0, x1, y1 := f(1), f(2), f(3), f(4)
		assert.True(t, x0 >= left && x1 <= right, "word %q outside the margins (x %.1f–%.1f pt)", m[5], x0, x1)
		if m[5] == "取扱注意" {
			continue
		}
		assert.True(t, (y0 >= top && y1 <= bottom) || y0 >= footer, "word %q outside the content area (y %.1f–%.1f pt)", m[5], y0, y1)
	}
	assert.Greater(t, n, 10, "pdftotext found no words")
}

// ruledLines returns, per page, the y (pt) of the ruled lines for
// handwriting (the grey of blankRule), as pdftocairo draws them.
func ruledLines(t *testing.T, file string) [][]float64 {
	t.Helper()
	needTool(t, "pdftocairo")
	svg := filepath.Join(t.TempDir(), "doc.svg")
	out, err := exec.Command("pdftocairo", "-svg", file, svg).CombinedOutput()
	require.NoError(t, err, "%s", out)
	b, err := os.ReadFile(svg)
	require.NoError(t, err)
	line := regexp.MustCompile(`stroke:rgb\(66\.[0-9]+%,66\.[0-9]+%,66\.[0-9]+%\)[^"]*" d="M [0-9.]+ ([0-9.]+) L [0-9.]+ ([0-9.]+) "`)
	var pages [][]float64
	for _, page := range strings.Split(string(b), "<page>")[1:] {
		var ys []float64
		for _, m := range line.FindAllStringSubmatch(page, -1) {
			y, _ := strconv.ParseFloat(m[1], 64)
			ys = append(ys, y)
		}
		slices.Sort(ys)
		pages = append(pages, ys)
	}
	return pages
}

// assertRuled checks there are at least min ruled lines and that no two on
// a page are closer than 8 mm: room for a handwritten line.
func assertRuled(t *testing.T, file string, min int) {
	t.Helper()
	total := 0
	for i, ys := range ruledLines(t, file) {
		total += len(ys)
		for j := 1; j < len(ys); j++ {
			assert.GreaterOrEqual(t, ys[j]-ys[j-1], 8*ptPerMM, "page %d: ruled lines %.1f pt apart", i+1, ys[j]-ys[j-1])
		}
	}
	assert.GreaterOrEqual(t, total, min, "ruled lines")
}

func TestBlankAgendas(t *testing.T) {
	for _, tc := range []struct {
		class data.Class
		make  func(reports.BlankOptions) ([]byte, error)
	}{
		{data.ClassFailure, reports.BlankAgendaFailure},
		{data.ClassMisconduct, reports.BlankAgendaMisconduct},
	} {
		t.Run(string(tc.class), func(t *testing.T) {
			all, b := blankCommon(t, tc.make)
			file := writeTemp(t, b)
			all = unboxed(all)
			labels := unboxed(pdfText(t, file, labelCol[0], labelCol[1]))
			values := unboxed(pdfText(t, file, valueCol[0], valueCol[1]))
			heading, article, table := data.MeetingTable(tc.class)
			for _, want := range []string{"第回セキュリティ会議次第（" + tc.class.Label() + "）", "大崎市-住基-第回会議", "大崎市セキュリティ統括責任者",
				"1.開催日時・場所", "2.事案", "3.出席者", "4." + heading + "（" + article + "）", "氏名", "役職・所属", "出欠"} {
				assert.Contains(t, all, want)
			}
			assert.Contains(t, values, "令和年月日時分")
			// The chair's name and role are both left blank: the regulation
			// names no chair, a deputy may chair.
			assert.Contains(t, values, "時分（）")
			assert.NotContains(t, values, "（セキュリティ統括責任者）")
			assert.Contains(t, values, flat(tc.class.Label()+"（"+heading+"　"+article+"）"))
			// Every row of the table in the regulation's wording and order,
			// each with its rows to write on.
			for i, row := range table {
				assert.Contains(t, labels, strconv.Itoa(i+1)+row.Title)
				if len(row.Options) > 0 {
					assert.Contains(t, values, flat(strings.Join(row.Options, "")))
				} else {
					assert.Contains(t, values, flat(row.Content))
				}
				assert.Contains(t, data.RegulationText(), row.Title)
			}
			order := regexp.MustCompile(`(\d+)` + regexp.QuoteMeta(table[0].Title))
			assert.Regexp(t, order, labels)
			assert.Equal(t, len(table), strings.Count(labels, "審議の内容"))
			assert.Equal(t, len(table), strings.Count(labels, "担当・期限"))
			assert.Equal(t, len(table), strings.Count(values, "決定保留事後承認"))
			// 審議の内容 3 lines and 決定事項 2 (one ruled line between each
			// two), and the summary's 4.
			assertRuled(t, file, len(table)*(2+1)+3)
		})
	}
}

func TestBlankMinutes(t *testing.T) {
	all, b := blankCommon(t, reports.BlankMinutes)
	file := writeTemp(t, b)
	all = unboxed(all)
	labels := unboxed(pdfText(t, file, labelCol[0], labelCol[1]))
	values := unboxed(pdfText(t, file, valueCol[0], valueCol[1]))
	for _, want := range []string{"第回セキュリティ会議議事録", "大崎市-住基-第回会議", "1.会議の概要", "2.出席者", "3.議事",
		"4.今後の対応（担当者のある事項）", "氏名", "役職・所属", "出欠", "番号", "内容", "担当", "期限", "状況",
		"以上のとおり、会議の経過及び結果を記録する。", "議長", "記録者", "印"} {
		assert.Contains(t, all, want)
	}
	for _, want := range []string{"事案番号・件名", "区分", "開催日", "開会・閉会", "場所", "議長", "記録者"} {
		assert.Contains(t, labels, want)
	}
	for _, want := range []string{"障害（審議する項目第4条第6号）不正行為（決定の項目第5条第6号）", "令和年月日", "開会時分閉会時分（）"} {
		assert.Contains(t, values, want)
	}
	assert.NotContains(t, values, "（セキュリティ統括責任者）", "the regulation names no chair")
	assert.Equal(t, 6, strings.Count(labels, "審議の内容"))
	assert.Contains(t, labels, "(6)項目（次第の番号・項目名）")
	// Follow-ups numbered 1–8 in the first column.
	assert.Contains(t, all, "5678")
	assertRuled(t, file, 6*(2+1))
}

func TestBlankContactSheet(t *testing.T) {
	all, _ := blankCommon(t, reports.BlankContactSheet)
	for _, want := range []string{"緊急時連絡網", "令和年月日現在", "作成大崎市セキュリティ責任者", "1.報告・連絡の流れ（第4条・第5条）",
		"2.連絡先（第3条第1号）", "平日日中", "TEL・内線", "FAX・メール", "夜間・休日", "TEL・携帯", "大崎市", "宮城県", "指定情報処理機関",
		"地方公共団体情報システム機構", "保守委託事業者", "セキュリティ会議", "報告", "連絡", "招集", "要請・依頼", "修復等を依頼", "連絡調整", "経由", "矢印の根拠"} {
		assert.Contains(t, all, want)
	}
	for _, r := range data.CityRoles {
		assert.GreaterOrEqual(t, strings.Count(all, r.Label()), 2, "%s in the diagram and the table", r.Label())
	}
	// Each entry has a 担当者 and a 代理 part to write in.
	assert.Equal(t, 10, strings.Count(all, "代理"))
	assert.Equal(t, 10, strings.Count(all, "業務時間：〜："))
	assert.NotContains(t, all, "TEL0") // no number printed

	// With the case file's network: the bodies' names and sections, never
	// the people or their numbers.
	opt := blankOpt
	opt.Points = []data.ContactPoint{
		{Body: data.BodyPrefecture, Name: "宮城県 市町村課", Section: "行政班", Primary: data.Person{Name: "見本 一郎", TEL: "022-000-0000"}},
		{Body: data.BodyCity, Role: data.RoleSecurityOfficer, Section: "市民課長", Primary: data.Person{Name: "見本 二郎", NightTEL: "090-0000-0000"}},
		{Body: data.BodyOther, Name: "見本電設株式会社", Section: "保守受付"},
	}
	pdf, err := reports.BlankContactSheet(opt)
	require.NoError(t, err)
	file := writeTemp(t, pdf)
	text := pdfText(t, file, 0, 0)
	for _, want := range []string{"宮城県市町村課", "行政班", "市民課長", "見本電設株式会社", "保守受付"} {
		assert.Contains(t, text, want)
	}
	for _, not := range []string{"見本一郎", "見本二郎", "022-000-0000", "090-0000-0000"} {
		assert.NotContains(t, text, not)
	}
	assert.Equal(t, 11, strings.Count(text, "代理"))
	assertInside(t, file)
}

func TestBlankChangeNotice(t *testing.T) {
	all, b := blankCommon(t, reports.BlankChangeNotice)
	file := writeTemp(t, b)
	// A 公用文 like the filled notice, with blanks to write in.
	for _, want := range []string{"連絡先変更届（様式）", "大住第号", "令和年月日", "様", "大崎市長", "（公印省略）",
		"住基ネットの緊急時連絡網の変更について",
		"住基ネットの緊急時連絡網の報告事項に変更がありましたので、下記のとおり報告します。", "記",
		"大崎市住民基本台帳ネットワークシステム緊急時対応規程第3条第2号", "件（か所の連絡先）",
		"変更事項", "機関・役職", "項目", "変更前", "変更後", "変更日", "以上", "担当課係氏名", "電話（内線）"} {
		assert.Contains(t, all, want)
	}
	assert.NotContains(t, all, "殿", "one honorific, 様, as on the filled notice")
	assert.Less(t, strings.Index(all, "以上"), strings.Index(all, "担当課係氏名"))
	// 第3条第2号 quoted from the regulation.
	item := ""
	for _, line := range strings.Split(data.ArticleText(3), "\n") {
		if rest, ok := strings.CutPrefix(line, "(2) "); ok {
			item = rest
		}
	}
	require.NotEmpty(t, item)
	assert.Contains(t, all, flat("「"+item+"」"))
	out, err := exec.Command("pdfinfo", file).CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Regexp(t, `Pages:\s+1\n`, string(out), "one page, for sending by fax")
}
