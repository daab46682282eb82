package reports_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

var docJST = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Tokyo"); err == nil {
		return loc
	}
	return time.FixedZone("JST", 9*3600)
}()

// docT0 is the discovery of the test cases: 令和8年11月27日 14時05分.
var docT0 = time.Date(2026, 11, 27, 14, 5, 0, 0, docJST)

func docAt(min int) time.Time { return docT0.Add(time.Duration(min) * time.Minute) }

// newDocStore creates an empty case file in a temporary directory.
func newDocStore(tb testing.TB) data.Store {
	tb.Helper()
	s, err := sqlite.Create(filepath.Join(tb.TempDir(), "docs.kinkyu"))
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = s.Close() })
	s.SetActor("山田 太郎（セキュリティ責任者）")
	return s
}

// The misconduct case's report items: long enough to wrap in the PDF.
var misconductItems = data.MisconductReport{
	DiscoveryNote:  "定例の操作ログ点検で、市民課の住基ネット担当者が発見した。",
	Device:         "CS端末（本庁舎3階 市民課 住基ネット端末室 1番、資産番号 JK-2021-0457）",
	Location:       "本庁舎3階 市民課 住基ネット端末室（入退室管理区画内）",
	Details:        "業務時間外（前夜22時台）に、通常の職員に貸与された操作者カードで本人確認情報の連続照会が約300件行われた。照会対象に業務上の関連は見当たらず、操作者本人は当該時間に退庁していたと述べている。",
	ExpectedDamage: "本人確認情報（約300件）の目的外利用及び外部への漏えいのおそれ。",
	Measures:       data.Yes,
	MeasuresText:   "当該操作者カードを停止し、CS端末の操作ログ及び入退室記録を保全した。",
	Reporter:       "佐藤 花子（市民課 住基ネット担当者）",
	ReportedTo:     "山田 太郎（セキュリティ責任者）",
	ReportNo:       1,
}

// createMisconductCase fills a misconduct case through the store: report
// items, a threat level revised once, and a timeline with a correction.
func createMisconductCase(tb testing.TB, s data.Store) int64 {
	tb.Helper()
	c := &data.Case{Title: "CS端末への不審な操作", Class: data.ClassMisconduct, Status: data.StatusOpen,
		DiscoveredAt: docT0, OccurredState: data.TimeUnconfirmed, OccurredNote: "操作ログの解析を保守委託事業者が調査中",
		Discoverer: "佐藤 花子", DiscovererSection: "市民課"}
	require.NoError(tb, s.CreateCase(c))
	first := &data.Entry{CaseID: c.ID, At: docAt(0), Text: "CS端末の操作ログに、業務時間外の連続照会を発見（約30件）", Author: "佐藤 花子"}
	require.NoError(tb, s.AddEntry(first))
	require.NoError(tb, s.AddEntry(&data.Entry{CaseID: c.ID, At: docAt(1), Author: "佐藤 花子", Corrects: first.ID,
		Text: "CS端末の操作ログに、業務時間外（前夜22時台）の本人確認情報の連続照会（約300件）を発見"}))
	require.NoError(tb, s.AddEntry(&data.Entry{CaseID: c.ID, At: docAt(9), Text: "セキュリティ責任者からシステム管理者へ連絡", Author: "山田 太郎"}))
	r := misconductItems
	r.CaseID, r.ReportedAt = c.ID, docAt(4)
	require.NoError(tb, s.SaveMisconductReport(&r, "第1報を報告"))
	a := data.ThreatAssessment{CaseID: c.ID, Examples: []string{"L2-E1"}, At: docAt(12), By: "山田 太郎"}
	require.NoError(tb, s.AssessThreat(&a, "脅威度をレベル2と判定"))
	rev := data.ThreatAssessment{CaseID: c.ID, Examples: []string{"L3-E2", "L3-P1"}, At: docAt(30), By: "山田 太郎",
		Reason: "外部からの不正アクセスではなく、業務端末での不審な操作と判明したため"}
	require.NoError(tb, s.AssessThreat(&rev, "脅威度をレベル3に変更"))
	return c.ID
}

var failureItems = data.FailureReport{
	Type:              data.FailureHardware,
	Event:             "停電（分電盤のブレーカー遮断）",
	Place:             "本庁舎2階 サーバ室 CS及び無停電電源装置",
	CauseUnknown:      true,
	ContractorRequest: "保守委託事業者（大崎システム株式会社）にCSの電源ユニットの点検と原因究明の協力を要請",
	DataImpact:        data.ImpactPossible,
	DataImpactText:    "CSが無停電電源装置の放電後に停止した。停止時に書込み中だった更新処理の有無を確認する必要がある。",
	StopEstimate:      data.StopTemporary,
	StopDecision:      data.DecisionStop,
	DecidedBy:         "鈴木 一郎（セキュリティ統括責任者）",
	Reporter:          "山田 太郎（セキュリティ責任者）",
	ReportedTo:        "鈴木 一郎（セキュリティ統括責任者）",
	ReportNo:          2,
}

var checkNotes = []string{"分電盤のブレーカーが遮断されていた", "CSの電源ランプ消灯、UPSの警告ランプ点灯", ""}

// createFailureCase fills a failure case: report, checks, milestones and the
// resumption and notification steps.
func createFailureCase(tb testing.TB, s data.Store) int64 {
	tb.Helper()
	c := &data.Case{Title: "本庁舎サーバ室の停電によるCSの停止", Class: data.ClassFailure, Status: data.StatusRecovered,
		DiscoveredAt: docT0, OccurredAt: docAt(-7), OccurredState: data.TimeKnown, Discoverer: "佐藤 花子", DiscovererSection: "市民課", Drill: true}
	require.NoError(tb, s.CreateCase(c))
	require.NoError(tb, s.AddEntry(&data.Entry{CaseID: c.ID, At: docAt(0), Text: "市民課窓口の住基端末が一斉に応答しなくなった", Author: "佐藤 花子"}))
	r := failureItems
	r.CaseID, r.ContractorRequestedAt, r.ChiefReportedAt, r.DecidedAt, r.ReportedAt = c.ID, docAt(40), docAt(20), docAt(25), docAt(20)
	require.NoError(tb, s.SaveFailureReport(&r, "障害の種類: ハードウェアの障害"))
	results := []string{data.CheckAbnormal, data.CheckAbnormal, data.CheckNotDone}
	for i, res := range results {
		require.NoError(tb, s.SetCheckResult(data.CheckResult{CaseID: c.ID, CheckID: data.CheckID(data.FailureHardware, i+1),
			Result: res, Note: checkNotes[i], At: docAt(10 + i), By: "山田 太郎"}, ""))
	}
	for _, m := range []data.Milestone{
		{CaseID: c.ID, Kind: data.MilestoneStop, Done: true, Authority: data.AuthorityChief, At: docAt(25), By: "鈴木 一郎"},
		{CaseID: c.ID, Kind: data.MilestoneIntegrity, Done: true, At: docAt(65), By: "山田 太郎", Note: "住民票の写しの照会結果で整合性を確認"},
		{CaseID: c.ID, Kind: data.MilestoneApproval, Done: true, Authority: data.AuthorityChief, At: docAt(68), By: "鈴木 一郎"},
	} {
		require.NoError(tb, s.SetMilestone(m, ""))
	}
	require.NoError(tb, s.SetStep(data.StepProgress{CaseID: c.ID, StepID: "4-8", Done: true, By: "山田 太郎", At: docAt(70), Note: "CSを再起動し運用を再開"}, "運用を再開"))
	require.NoError(tb, s.SetStep(data.StepProgress{CaseID: c.ID, StepID: "4-9", Done: true, By: "山田 太郎", At: docAt(80), Note: "宮城県市町村課及び指定情報処理機関へ連絡"}, "関係機関へ連絡"))
	return c.ID
}

// flat removes all white space, ideographic included.
func flat(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func needTool(tb testing.TB, name string) {
	tb.Helper()
	if _, err := exec.LookPath(name); err != nil {
		tb.Skipf("%s (poppler-utils) not installed", name)
	}
}

// pdfText runs pdftotext on the whole page, or on the strip of every page
// between x0 and x1 mm (inside the margins), so that one column of a table
// reads as one run of text.
func pdfText(tb testing.TB, file string, x0, x1 float64) string {
	tb.Helper()
	needTool(tb, "pdftotext")
	args := []string{"-layout"}
	if x1 > x0 {
		const px = 72 / 25.4 // pdftotext's default resolution is 72 dpi
		top, bottom := reports.A4.Top, reports.A4.Height-reports.A4.Bottom
		args = append(args, "-x", fmt.Sprint(int(x0*px)), "-y", fmt.Sprint(int(top*px)),
			"-W", fmt.Sprint(int((x1-x0)*px)), "-H", fmt.Sprint(int((bottom-top)*px)))
	}
	out, err := exec.Command("pdftotext", append(args, file, "-")...).CombinedOutput()
	require.NoError(tb, err, "%s", out)
	return flat(string(out))
}

func writeTemp(tb testing.TB, b []byte) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), "doc.pdf")
	require.NoError(tb, os.WriteFile(p, b, 0o644))
	return p
}

// Geometry of the columns, in mm from the page's left edge.
var (
	labelCol = [2]float64{reports.A4.Left + 0.5, reports.A4.Left + 39.5}
	valueCol = [2]float64{reports.A4.Left + 40.5, reports.A4.Width - reports.A4.Right - 0.5}
	entryCol = [2]float64{reports.A4.Left + 30.5, reports.A4.Width - reports.A4.Right - 34.5}
)

// checkDocument checks what every document must show and returns the whole
// text, the value column and the label column, whitespace removed.
func checkDocument(t *testing.T, b []byte, cd reports.CaseData) (all, values, labels string) {
	file := writeTemp(t, b)
	all = pdfText(t, file, 0, 0)
	values = pdfText(t, file, valueCol[0], valueCol[1])
	labels = pdfText(t, file, labelCol[0], labelCol[1])
	entries := pdfText(t, file, entryCol[0], entryCol[1])

	assert.Contains(t, all, cd.Case.Number)
	assert.Contains(t, all, "令和8年11月27日")
	assert.Contains(t, values, flat(cd.Case.Number+cd.Case.Title))
	assert.Contains(t, all, "取扱注意")
	assert.Contains(t, all, flat(reports.AuditHead(cd.Head.Seq, cd.Head.Hash)))
	for _, l := range data.SplitSealLabels(data.DefaultLetterSealLabels) { // 送付用: no seal boxes
		assert.NotContains(t, all, "　"+l+"　", "no seal box on the copy sent")
	}
	assert.NotContains(t, all, "決裁用")
	// The 経過, each entry of the officer's record up to the report's time
	// exactly, corrected ones marked; nothing later, no bookkeeping.
	printed, left := officerRecord(cd)
	corrected := map[int64]bool{}
	for _, e := range printed {
		corrected[e.Corrects] = true
	}
	for _, e := range printed {
		want := flat(e.Text)
		if e.Corrects != 0 {
			want = "訂正:" + want
		}
		if corrected[e.ID] {
			want += "（訂正済み）"
		}
		assert.Contains(t, entries, want)
	}
	// The 経過 is the last table: its rows follow its last 内容 header.
	table := entries[strings.LastIndex(entries, "内容"):]
	for _, e := range left {
		assert.NotContains(t, table, flat(e.Text), "%s %s at %s", e.Kind, e.Text, e.At)
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
		assert.Contains(t, line, "Identity-H")
	}
	assert.GreaterOrEqual(t, fonts, 2, "%s", out)
	return all, values, labels
}

// officerRecord splits a case's timeline into what a report prints (the
// officer's record up to the 報告日時) and what it leaves out (later entries,
// documents written, steps ticked), as issue #12 item 5 asks.
func officerRecord(cd reports.CaseData) (printed, left []data.Entry) {
	until := cd.Misconduct.ReportedAt
	if cd.Case.Class == data.ClassFailure {
		until = cd.Failure.ReportedAt
	}
	for _, e := range cd.Timeline {
		switch {
		case !until.IsZero() && e.At.After(until),
			e.Kind == data.EntryStep, e.Kind == data.EntryDocument, strings.Contains(e.Text, "SHA-256"):
			left = append(left, e)
		default:
			printed = append(printed, e)
		}
	}
	return printed, left
}

// checkSigned signs b and checks that pdfsig and Verify both call it valid.
func checkSigned(t *testing.T, b []byte) {
	id := identity(t, "大崎 太郎")
	signed, err := reports.Sign(b, id, reports.SignInfo{}, time.Now())
	require.NoError(t, err)
	sigs, out := pdfsig(t, signed)
	require.Len(t, sigs, 1, out)
	assert.Equal(t, 1, validCount(sigs), out)
	assert.Contains(t, out, "Signature is Valid")
	reps, err := reports.Verify(signed)
	require.NoError(t, err)
	require.Len(t, reps, 1)
	assert.True(t, reps[0].Valid, reps[0].Detail)
	assert.False(t, reps[0].Modified)
	assert.Equal(t, "大崎 太郎", reps[0].SignerName)
}

// sameTwice loads the case twice and checks the documents are identical, in
// Japanese and with the UI in English too.
func sameTwice(t *testing.T, s data.Store, id int64, make func(reports.CaseData, reports.DocOptions) ([]byte, error), opt reports.DocOptions) []byte {
	cd1, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	a, err := make(cd1, opt)
	require.NoError(t, err)
	cd2, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	b, err := make(cd2, opt)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, b), "the same case gave different bytes")

	prev := i18n.Language()
	require.NoError(t, i18n.SetLanguage(i18n.English))
	c, err := make(cd1, opt)
	require.NoError(t, i18n.SetLanguage(prev))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, c), "the UI language changed the document")
	return a
}

func TestMisconductReport(t *testing.T) {
	s := newDocStore(t)
	id := createMisconductCase(t, s)
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	opt := reports.DocOptions{Addressee: "宮城県知事"}
	b := sameTwice(t, s, id, reports.MisconductReport, opt)
	all, values, labels := checkDocument(t, b, cd)

	assert.Contains(t, all, "不正行為発生報告書")
	assert.Contains(t, all, cd.Case.Number+"不正行為発生報告書第1報", "the footer")
	assert.Contains(t, all, "宮城県知事様")
	assert.Contains(t, all, "大崎市長（公印省略）")
	assert.Contains(t, all, "住基ネットにおける不正行為の発生について（第1報）")
	for _, item := range data.MisconductReportItems {
		assert.Contains(t, labels, flat(item.Text+"（"+item.Article+"）"))
	}
	r := misconductItems
	for _, want := range []string{
		"発見した時期:令和8年11月27日14時05分",
		"発見の状況:" + r.DiscoveryNote,
		"不正行為があったと認められる時期:未確認",
		"補足:" + cd.Case.OccurredNote,
		"機器:" + r.Device, "設置場所:" + r.Location,
		"内容:" + r.Details, "想定される被害等:" + r.ExpectedDamage,
		"☑有☐無措置の内容:" + r.MeasuresText,
		"レベル3（本人確認情報に脅威を及ぼすおそれの高い事象）",
		"レベル2→レベル3山田太郎",
		"理由:外部からの不正アクセスではなく、業務端末での不審な操作と判明したため",
		r.Reporter, r.ReportedTo, "令和8年11月27日14時09分", "第1報",
	} {
		assert.Contains(t, values, flat(want))
	}
	for _, ex := range data.ThreatExamples() {
		if ex.ID == "L3-E2" || ex.ID == "L3-P1" {
			assert.Contains(t, values, flat("・"+ex.Text+"（"+ex.Kind.Label()+"）"))
		}
	}
	assert.NotContains(t, values, flat("・ファイアウォールを通過しなかった不正アクセス"), "only the current level's examples")
	checkSigned(t, b)
}

func TestFailureReport(t *testing.T) {
	s := newDocStore(t)
	id := createFailureCase(t, s)
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	b := sameTwice(t, s, id, reports.FailureReport, reports.DocOptions{})
	all, values, labels := checkDocument(t, b, cd)

	assert.Contains(t, all, "障害発生報告書")
	assert.Contains(t, all, cd.Case.Number+"障害発生報告書第2報", "the footer")
	assert.Contains(t, all, "宮城県知事様")
	assert.Contains(t, all, "住基ネットにおける障害の発生について（第2報）")
	r := failureItems
	for _, want := range []string{
		"☑ハードウェアの障害☐ソフトウェアの障害☐ネットワークの障害事象:" + r.Event,
		r.Place,
		"原因不明保守委託事業者に協力を要請",
		"要請内容:" + r.ContractorRequest,
		"要請日時:令和8年11月27日14時45分",
		"状況:" + r.DataImpactText,
		"判断:令和8年11月27日14時30分" + r.DecidedBy,
		"日時:令和8年11月27日15時10分担当:山田太郎住民票の写しの照会結果で整合性を確認",
		"日時:令和8年11月27日15時15分担当:山田太郎CSを再起動し運用を再開",
		"日時:令和8年11月27日15時25分担当:山田太郎宮城県市町村課及び指定情報処理機関へ連絡",
		"権限:セキュリティ統括責任者",
	} {
		assert.Contains(t, values, flat(want))
	}
	for i, c := range data.FailureHardware.Info().Checks {
		assert.Contains(t, labels, flat(c))
		if checkNotes[i] != "" {
			assert.Contains(t, values, flat("☐異常なし☑異常あり☐未実施"+checkNotes[i]))
		}
	}
	for _, g := range data.PreventionMeasures {
		assert.Contains(t, labels, g.Title)
		assert.Contains(t, values, flat("☐"+strings.Join(g.Measures, "☐")))
	}
	checkSigned(t, b)
}

func TestLoadCaseMissing(t *testing.T) {
	s := newDocStore(t)
	_, err := reports.LoadCase(s, 999)
	assert.Error(t, err)
}

// An empty case prints （未記入） and 未判定 rather than failing.
func TestReportsOfEmptyCase(t *testing.T) {
	s := newDocStore(t)
	c := &data.Case{Title: "判定前の事案", Class: data.ClassPending, Status: data.StatusOpen, DiscoveredAt: docT0}
	require.NoError(t, s.CreateCase(c))
	cd, err := reports.LoadCase(s, c.ID)
	require.NoError(t, err)
	for _, make := range []func(reports.CaseData, reports.DocOptions) ([]byte, error){reports.MisconductReport, reports.FailureReport} {
		b, err := make(cd, reports.DocOptions{})
		require.NoError(t, err)
		text := pdfText(t, writeTemp(t, b), 0, 0)
		assert.Contains(t, text, "（未記入）")
		assert.Contains(t, text, "記録なし")
	}
}

func BenchmarkMisconductReportSigned(b *testing.B) {
	s := newDocStore(b)
	id := createMisconductCase(b, s)
	ident := identity(b, "大崎 太郎")
	now := time.Now()
	pages := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cd, err := reports.LoadCase(s, id)
		if err != nil {
			b.Fatal(err)
		}
		pdf, err := reports.MisconductReport(cd, reports.DocOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := reports.Sign(pdf, ident, reports.SignInfo{}, now); err != nil {
			b.Fatal(err)
		}
		pages = bytes.Count(pdf, []byte("/Type /Page\n"))
	}
	b.ReportMetric(float64(pages), "pages")
}

// The fonts are parsed once per process and shared (third_party/fpdf,
// PATCHES.md): documents made at the same time, of both kinds, must each be
// byte for byte what they are when made alone, and read as they should.
func TestDocumentsMadeConcurrentlyAreTheSame(t *testing.T) {
	s := newDocStore(t)
	mis, fail := createMisconductCase(t, s), createFailureCase(t, s)
	cdM, err := reports.LoadCase(s, mis)
	require.NoError(t, err)
	cdF, err := reports.LoadCase(s, fail)
	require.NoError(t, err)
	wantM, err := reports.MisconductReport(cdM, reports.DocOptions{})
	require.NoError(t, err)
	wantF, err := reports.FailureReport(cdF, reports.DocOptions{})
	require.NoError(t, err)

	const n = 8
	got := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				got[i], errs[i] = reports.MisconductReport(cdM, reports.DocOptions{})
			} else {
				got[i], errs[i] = reports.FailureReport(cdF, reports.DocOptions{})
			}
		}()
	}
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i])
		want := wantM
		if i%2 == 1 {
			want = wantF
		}
		assert.True(t, bytes.Equal(want, got[i]), "document %d differs when made alongside others", i)
	}
	checkDocument(t, got[0], cdM)
	checkDocument(t, got[1], cdF)
}
