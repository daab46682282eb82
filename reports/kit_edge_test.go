package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pdfPages writes pdf to a temporary file and returns the squeezed text of
// each page (pdftotext -layout).
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	file := filepath.Join(t.TempDir(), "doc.pdf")
	require.NoError(t, os.WriteFile(file, pdf, 0o600))
	if dir := os.Getenv("KIT_SAMPLE_DIR"); dir != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, t.Name()+".pdf"), pdf, 0o644))
	}
	text := tool(t, "pdftotext", "-layout", file, "-")
	pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
	for i := range pages {
		pages[i] = squeeze(pages[i])
	}
	return pages
}

func plainOptions() Options {
	return Options{Number: "第1号", Date: time.Date(2026, 11, 27, 9, 0, 0, 0, jst)}
}

func TestTableStartingAtThePageFootDrawsItsHeaderOnce(t *testing.T) {
	d := New(plainOptions())
	d.Paragraph("前文")
	d.Space(d.bottom() - d.y - 8) // room for the header only
	d.Table([]Column{{Header: "日時", Width: 30}, {Header: "内容"}}, [][]string{{"10/11 09:40", "第一の行"}, {"10/11 09:50", "第二の行"}})
	pdf, err := d.Bytes()
	require.NoError(t, err)
	pages := pdfPages(t, pdf)
	require.Len(t, pages, 2)
	assert.NotContains(t, pages[0], "日時内容")
	assert.Equal(t, 1, strings.Count(pages[1], "日時内容"), pages[1])
	assert.Contains(t, pages[1], "第一の行")
}

func TestRowLongerThanAPageContinues(t *testing.T) {
	long := strings.Repeat("住民基本台帳ネットワークシステムの緊急時対応において、端末の隔離と通信記録の保全を行った。", 120)
	d := New(plainOptions())
	d.FormTable([2]string{"項目", "内容"}, []FormRow{
		{Label: "短い行", Cell: Cell{Text: "一行"}},
		{Label: "長い行", Cell: Cell{Text: long}},
		{Label: "後の行", Cell: Cell{Checks: []Check{{Label: "確認済み", Checked: true}, {Label: "未確認"}}}},
	})
	pdf, err := d.Bytes()
	require.NoError(t, err)
	pages := pdfPages(t, pdf)
	require.GreaterOrEqual(t, len(pages), 3)
	var flow strings.Builder
	for i, p := range pages {
		assert.True(t, strings.HasPrefix(p, "項目内容"), "page %d starts with the header", i+1)
		if i > 0 {
			assert.True(t, strings.HasPrefix(p, "項目内容"+Continued), "page %d: the row continues", i+1)
		}
		// Drop the footer (document number and n / m) and the furniture.
		p = strings.ReplaceAll(p, "項目内容", "")
		p = strings.ReplaceAll(p, Continued, "")
		if k := strings.LastIndex(p, "第1号"); k >= 0 {
			p = p[:k]
		}
		flow.WriteString(p)
	}
	assert.Contains(t, flow.String(), squeeze(long))
	assert.Contains(t, flow.String(), "後の行☑確認済み☐未確認")
}

func TestEmptyAndOddInputs(t *testing.T) {
	d := New(Options{})
	d.Header()
	d.Title("")
	d.Paragraph("")
	d.Paragraph("改行\r\nと\tタブ\rを含む")
	d.Table(nil, nil)
	d.Table([]Column{{Header: "A"}}, [][]string{{}, {"1", "余分な列"}})
	d.FormTable([2]string{}, nil)
	d.Checks(nil)
	d.Checks([]Check{{Label: strings.Repeat("とても長い選択肢の名前", 20), Checked: true}})
	d.SealBoxes(nil)
	pdf, err := d.Bytes()
	require.NoError(t, err)
	pages := pdfPages(t, pdf)
	all := strings.Join(pages, "")
	assert.Contains(t, all, "改行とタブを含む")
	assert.Contains(t, all, squeeze(strings.Repeat("とても長い選択肢の名前", 20)))
}
