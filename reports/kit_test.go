package reports

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var jst = time.FixedZone("JST", 9*3600)

// sample is the input of the sample document and the texts it must show.
type sample struct {
	opt       Options
	paras     []string
	form      []FormRow
	timeline  [][]string
	formHead  [2]string
	timeCols  []Column
	sealTexts []string
}

const (
	sampleNumber = "情セ第2024-0173号"
	sampleAudit  = "監査ログ #154 90ef12ab…77ee"
)

func newSample(timelineRows int) sample {
	s := sample{
		opt: Options{
			Number:       sampleNumber,
			Date:         time.Date(2024, 10, 15, 10, 0, 0, 0, jst),
			Addressee:    "セキュリティ統括責任者",
			Issuer:       "報告者　総務部情報政策課　主査　山田 太郎",
			Title:        "情報セキュリティインシデント報告書",
			Confidential: true,
			AuditHead:    AuditHead(154, "90ef12ab34cd56ef7890abcdef1234567890abcdef1234567890abcdef77ee"),
			Created:      time.Date(2024, 10, 15, 10, 30, 0, 0, time.UTC),
		},
		paras: []string{
			"令和6年10月11日午前9時40分頃、総務部情報政策課の職員端末において、取引業者を装った標的型メール（件名「【再送】請求書送付のご案内（10月分）」）に添付されたZIPファイル内のショートカットファイル（請求書_202410.lnk）が実行され、端末上でPowerShellスクリプトが起動した。当該スクリプトは外部サーバ（hxxps://cdn-update[.]example-invoice[.]com/api/v2/check）への通信を試みたが、プロキシサーバのカテゴリフィルタにより一部の通信は遮断された。",
			"一方で、遮断前の約35分間にHTTPS通信が断続的に発生しており、端末内のファイルやブラウザに保存された認証情報が外部へ送信された可能性を否定できない。午前10時15分、EDR（エンドポイント検知・対応製品）の「不審なスクリプト実行」アラートを受けた情報政策課職員が当該端末をネットワークから隔離し、本件が発覚した。住民情報系（基幹系）ネットワークはインターネット接続系と分離されているため、住民の個人情報への影響はないものと考えられる。",
		},
		formHead: [2]string{"項目", "内容"},
		timeCols: []Column{{Header: "日時", Width: 30}, {Header: "対応内容"}, {Header: "記録者", Width: 34}},
	}
	long := strings.Repeat("現時点で感染が確認された端末は1台であり、同一セグメント内の他端末（計48台）についてはEDRによるフルスキャンを実施し、いずれも検知なしであることを確認した。ただし、当該端末からファイルサーバ上の共有フォルダ「総務課共通」へのアクセス履歴が残っており、同フォルダには職員の緊急連絡先一覧（氏名・住所・電話番号、約320件）が保存されていた。", 3)
	s.form = []FormRow{
		{Label: "発生日時", Cell: Cell{Text: "令和6年10月11日（金）午前9時40分頃（推定）"}},
		{Label: "発見日時", Cell: Cell{Text: "令和6年10月11日（金）午前10時15分"}},
		{Label: "対象システム", Cell: Cell{Text: "庁内LAN端末（資産番号 PC-2021-0457、Windows 11 Pro、IPアドレス 10.12.34.56）、財務会計システム（クライアント）、ファイルサーバ \\\\fs01\\somu\\kyotsu"}},
		{Label: "種類", Cell: Cell{Checks: []Check{
			{"不正アクセス", false}, {"マルウェア感染", true}, {"情報漏えい（疑い含む）", true},
			{"紛失・盗難", false}, {"改ざん", false}, {"サービス停止", false}, {"標的型メール", true}, {"その他", false},
		}}},
		{Label: "影響範囲", Cell: Cell{Text: long}},
		{Label: "個人情報", Cell: Cell{Checks: []Check{{"あり", false}, {"なし", false}, {"調査中", true}}, Text: "ファイルサーバの通信記録を解析中である。"}},
		{Label: "再発防止策", Cell: Cell{Text: "（1）パスワード付きZIPファイルの受信時に、本文中のパスワードを用いて自動解凍・検査する機能を有効化する。（2）グループポリシーにより、メール添付・ダウンロードフォルダからの.lnk、.js、.vbs、.hta等の実行を禁止する。（3）全職員を対象とした標的型メール訓練を年2回から年4回に拡充する。"}},
	}
	events := []string{
		"職員が標的型メールの添付ファイルを実行。",
		"EDRアラート「不審なスクリプト実行」を検知。",
		"セキュリティ責任者（総務部長）へ電話で第一報。",
		"不審ドメインをプロキシでブロック。",
		"当該アカウントのパスワードを強制変更。",
		"保守委託業者へフォレンジック調査を依頼。",
		"同一セグメント48台のフルスキャン完了。",
	}
	recorders := []string{"情報政策課 佐藤", "情報政策課長", "保守委託業者", "情報政策課 山田"}
	t0 := time.Date(2024, 10, 11, 9, 40, 0, 0, jst)
	for i := 0; i < timelineRows; i++ {
		at := t0.Add(time.Duration(i*7) * time.Minute)
		row := []string{at.Format("01/02 15:04"), fmt.Sprintf("%s（第%d報）", events[i%len(events)], i+1), recorders[i%len(recorders)]}
		if i%10 == 3 {
			// A long entry that wraps (recorder left empty so that
			// pdftotext -layout keeps its lines together).
			row[1] = fmt.Sprintf("（第%d報）ファイルサーバの共有フォルダへのアクセス履歴を確認し、緊急連絡先一覧の最終アクセス日時と通信記録の突合を行った。外部への送信の有無は引き続き調査中。", i+1)
			row[2] = ""
		}
		s.timeline = append(s.timeline, row)
	}
	return s
}

func (s sample) build() *Doc {
	d := New(s.opt)
	d.Header()
	d.Title(s.opt.Title)
	d.SealBoxes(DefaultSealLabels)
	d.Heading("1. インシデントの概要")
	for _, p := range s.paras {
		d.Paragraph(p)
	}
	d.FormTable(s.formHead, s.form)
	d.Heading("2. 対応経過")
	d.Table(s.timeCols, s.timeline)
	return d
}

func (s sample) pdf(t testing.TB) []byte {
	b, err := s.build().Bytes()
	require.NoError(t, err)
	return b
}

// texts lists every piece of input text the PDF must contain.
func (s sample) texts() []string {
	out := []string{s.opt.Number, "令和6年10月15日", s.opt.Addressee + "　殿", s.opt.Issuer, s.opt.Title,
		"報告者", "セキュリティ", "責任者", "統括責任者", "印", "1. インシデントの概要", "2. 対応経過", "取扱注意"}
	out = append(out, s.paras...)
	out = append(out, s.formHead[:]...)
	for _, r := range s.form {
		out = append(out, r.Label, r.Text)
		for _, c := range r.Checks {
			out = append(out, c.Label)
		}
	}
	for _, c := range s.timeCols {
		out = append(out, c.Header)
	}
	for _, r := range s.timeline {
		out = append(out, r...)
	}
	return out
}

func tool(t testing.TB, name string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	require.NoError(t, err, "%s is missing: run `make deps` (poppler-utils)", name)
	out, err := exec.Command(path, args...).CombinedOutput()
	require.NoError(t, err, "%s %v: %s", name, args, out)
	return string(out)
}

// squeeze removes all white space, ideographic included.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func TestSampleDocument(t *testing.T) {
	for _, drill := range []bool{false, true} {
		t.Run(fmt.Sprintf("drill=%v", drill), func(t *testing.T) {
			s := newSample(80)
			s.opt.Drill = drill
			checkSample(t, s)
		})
	}
}

// checkSample builds the sample and checks it with poppler.
func checkSample(t *testing.T, s sample) {
	d := s.build()
	pdf, err := d.Bytes()
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "sample.pdf")
	require.NoError(t, os.WriteFile(file, pdf, 0o600))
	if dir := os.Getenv("KIT_SAMPLE_DIR"); dir != "" {
		name := "sample.pdf"
		if s.opt.Drill {
			name = "drill.pdf"
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), pdf, 0o644))
	}

	t.Run("fonts embedded", func(t *testing.T) {
		out := tool(t, "pdffonts", file)
		seen := map[string]bool{}
		for _, l := range strings.Split(out, "\n")[2:] {
			f := strings.Fields(l)
			if len(f) < 5 {
				continue
			}
			// fpdf names the fonts after their family key (utf8bizudmincho…).
			for _, fam := range []string{"bizudmincho", "bizudgothic"} {
				if strings.Contains(strings.ToLower(f[0]), fam) {
					seen[fam] = true
					assert.Contains(t, l, " yes ", "font %s not embedded: %s", f[0], l)
				}
			}
		}
		assert.True(t, seen["bizudmincho"], "Mincho missing:\n%s", out)
		assert.True(t, seen["bizudgothic"], "Gothic missing:\n%s", out)
	})

	n := d.PageCount()
	t.Run("page count", func(t *testing.T) {
		info := tool(t, "pdfinfo", file)
		m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
		require.NotNil(t, m, info)
		got, _ := strconv.Atoi(m[1])
		assert.Equal(t, n, got)
		assert.GreaterOrEqual(t, n, 3)
	})

	text := tool(t, "pdftotext", "-layout", file, "-")
	pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
	require.Len(t, pages, n)

	var body strings.Builder
	for i, p := range pages {
		lines := strings.Split(strings.TrimRight(p, "\n "), "\n")
		footer := squeeze(lines[len(lines)-1])
		assert.Equal(t, squeeze(fmt.Sprintf("%s %d / %d %s", sampleNumber, i+1, n, sampleAudit)), footer, "footer of page %d", i+1)
		marking := "取扱注意"
		if s.opt.Drill {
			marking = "【訓練】 取扱注意"
		}
		assert.Equal(t, marking, squeezeSpaces(lines[0]), "marking on page %d", i+1)
		body.WriteString(strings.Join(lines[1:len(lines)-1], "\n"))
	}
	all := squeeze(text)

	t.Run("every text exactly", func(t *testing.T) {
		// The flow without page furniture: marking, footers, repeated
		// header rows and the （続き） labels of continued rows.
		flow := squeeze(body.String())
		headers := []string{Continued, squeeze(strings.Join(s.formHead[:], "")), squeeze(columnHeaders(s.timeCols))}
		for _, h := range headers {
			flow = strings.ReplaceAll(flow, h, "")
		}
		furniture := map[string]bool{"取扱注意": true, sampleNumber: true}
		for _, h := range s.formHead {
			furniture[h] = true
		}
		for _, c := range s.timeCols {
			furniture[c.Header] = true
		}
		for _, want := range s.texts() {
			w := squeeze(want)
			if furniture[want] {
				assert.True(t, strings.Contains(all, w), "missing %q", w)
				continue
			}
			assert.True(t, strings.Contains(flow, w), "missing from the flow: %q", w)
		}
	})

	t.Run("header row repeated", func(t *testing.T) {
		// Every page holding a timeline row shows the timeline header
		// before its first row; every page holding a continued form row
		// shows the form header before it.
		first := func(p string, subs ...string) int {
			at := -1
			for _, sub := range subs {
				if i := strings.Index(p, squeeze(sub)); i >= 0 && (at < 0 || i < at) {
					at = i
				}
			}
			return at
		}
		var timeRows []string
		for _, r := range s.timeline {
			timeRows = append(timeRows, r[0])
		}
		timelinePages, formContinued := 0, 0
		for i, p := range pages {
			p = squeeze(p)
			if row := first(p, timeRows...); row >= 0 {
				timelinePages++
				h := strings.Index(p, squeeze(columnHeaders(s.timeCols)))
				assert.True(t, h >= 0 && h < row, "page %d: timeline header not before its first row", i+1)
			}
			if c := strings.Index(p, Continued); c >= 0 {
				formContinued++
				h := strings.Index(p, "項目内容")
				assert.True(t, h >= 0 && h < c, "page %d: form header not before the continued row", i+1)
			}
		}
		assert.GreaterOrEqual(t, timelinePages, 2, "the timeline should span pages")
		assert.GreaterOrEqual(t, formContinued, 1, "the form table should continue across a page")
	})

	t.Run("watermark is no text", func(t *testing.T) {
		// The 訓練 watermark is drawn as outlines: the text holds 訓練 only
		// where the input does, and in the 【訓練】 marking of a drill's
		// pages (the words a reader copies or searches).
		in := 0
		for _, w := range s.texts() {
			in += strings.Count(squeeze(w), "訓練")
		}
		marks := 0
		if s.opt.Drill {
			marks = n
		}
		assert.Equal(t, in+marks, strings.Count(all, "訓練"))
		assert.Equal(t, marks, strings.Count(all, "【訓練】"))
		assert.Equal(t, strings.Count(strings.Join(s.texts(), ""), "練")+marks, strings.Count(all, "練"))
	})

	t.Run("reproducible", func(t *testing.T) {
		again := s.pdf(t)
		assert.True(t, bytes.Equal(pdf, again), "same input gave different bytes")
	})
}

func TestAuditHead(t *testing.T) {
	assert.Equal(t, "監査ログ #154 90ef12ab…77ee", AuditHead(154, "90ef12ab34cd56ef7890abcdef1234567890abcdef1234567890abcdef77ee"))
	assert.Equal(t, "監査ログ #1 abc", AuditHead(1, "abc"))
}

// BenchmarkSampleDocument builds and writes a 3-page document in-process.
func BenchmarkSampleDocument(b *testing.B) {
	s := newSample(20)
	d := s.build()
	_, err := d.Bytes()
	require.NoError(b, err)
	require.Equal(b, 3, d.PageCount())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.build().Bytes(); err != nil {
			b.Fatal(err)
		}
	}
}

func columnHeaders(cols []Column) string {
	var b strings.Builder
	for _, c := range cols {
		b.WriteString(c.Header)
	}
	return b.String()
}

// BenchmarkFontRegistration measures what each document pays for its fonts:
// fpdf parses a UTF-8 font per document (it keeps the used-glyph subset per
// document), so this is the floor under any document.
func BenchmarkFontRegistration(b *testing.B) {
	for b.Loop() {
		d := New(Options{Number: "1", Date: time.Date(2024, 10, 15, 0, 0, 0, 0, jst)})
		d.setFont(mincho, sizeBody)
		d.setFont(gothic, sizeBody)
		if err := d.Err(); err != nil {
			b.Fatal(err)
		}
	}
}

// squeezeSpaces collapses runs of spaces to one and trims the ends.
func squeezeSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }
