package reports

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
)

// The contact network of the tests: clearly fictional (example.jp mail,
// 0120-000-… and 000 exchange numbers that reach no one).

var ctJST = time.FixedZone("JST", 9*3600)

// ctAsOf is the date of the sheet: 令和8年11月27日.
var ctAsOf = time.Date(2026, 11, 27, 10, 0, 0, 0, ctJST)

var (
	ctRecent = time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	ctStale  = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // more than 6 months before ctAsOf
)

func ctNetwork() []data.ContactPoint {
	city := func(id int64, role data.Role, section string, p, dep data.Person) data.ContactPoint {
		return data.ContactPoint{ID: id, Body: data.BodyCity, Role: role, Section: section, Primary: p, Deputy: dep,
			OpenFrom: "08:30", OpenUntil: "17:15", ConfirmedAt: ctRecent, Order: int(id)}
	}
	ps := []data.ContactPoint{
		city(1, data.RoleStaff, "市民課 住民記録係",
			data.Person{Name: "佐藤 花子", TEL: "0229-00-0101", Extension: "2101", FAX: "0229-00-0109", Mail: "jukinet@city.osaki.example.jp", NightTEL: "0120-000-101", Mobile: "090-0000-0101"},
			data.Person{Name: "伊藤 健", TEL: "0229-00-0102", Extension: "2102", Mobile: "090-0000-0102"}),
		city(2, data.RoleSysAdminStaff, "情報政策課",
			data.Person{Name: "高橋 誠", TEL: "0229-00-0111", Extension: "3101", Mail: "joho@city.osaki.example.jp", NightTEL: "0120-000-111"},
			data.Person{Name: "渡辺 彩", TEL: "0229-00-0112", Extension: "3102", Mobile: "090-0000-0112"}),
		city(3, data.RoleSecurityOfficer, "市民課長",
			data.Person{Name: "山田 太郎", TEL: "0229-00-0121", Extension: "2001", NightTEL: "0120-000-121", Mobile: "090-0000-0121"},
			data.Person{Name: "小野寺 恵", TEL: "0229-00-0122", Mobile: "090-0000-0122"}),
		city(4, data.RoleSysAdmin, "情報政策課長",
			data.Person{Name: "鈴木 次郎", TEL: "0229-00-0131", Extension: "3001", Mobile: "090-0000-0131"},
			data.Person{Name: "菅原 陽子", TEL: "0229-00-0132", Mobile: "090-0000-0132"}),
		city(5, data.RoleChief, "総務部長",
			data.Person{Name: "鈴木 一郎", TEL: "0229-00-0141", Extension: "1001", Mobile: "090-0000-0141"},
			data.Person{Name: "千葉 正樹", TEL: "0229-00-0142", Mobile: "090-0000-0142"}),
		{ID: 6, Body: data.BodyPrefecture, Name: "宮城県 市町村課", Section: "行政第二班",
			Primary:     data.Person{Name: "松本 由美", TEL: "022-000-0201", FAX: "022-000-0209", Mail: "jukinet@pref.miyagi.example.jp", NightTEL: "0120-000-123", Mobile: "080-0000-0201"},
			Deputy:      data.Person{Name: "阿部 拓也", TEL: "022-000-0202", Mobile: "080-0000-0202"},
			ConfirmedAt: ctStale, Order: 6},
		{ID: 7, Body: data.BodyAgency, Section: "住基ネット全国センター",
			Primary:     data.Person{Name: "中村 直樹", TEL: "03-0000-0301", FAX: "03-0000-0309", Mail: "center@j-lis.example.jp", NightTEL: "0120-000-301"},
			Deputy:      data.Person{Name: "木村 美咲", TEL: "03-0000-0302", NightTEL: "0120-000-302"},
			ConfirmedAt: ctRecent, Order: 7},
		{ID: 8, Body: data.BodyContractor, Name: "大崎システム株式会社", Section: "公共システム部",
			Primary: data.Person{Name: "小林 大輔", TEL: "0229-00-0401", FAX: "0229-00-0409", Mail: "support@osaki-sys.example.jp", NightTEL: "0120-000-401", Mobile: "090-0000-0401"},
			Deputy:  data.Person{Name: "斎藤 亮", TEL: "0229-00-0402", Mobile: "090-0000-0402"},
			Order:   8, OpenFrom: "09:00", OpenUntil: "18:00"}, // never confirmed
		{ID: 9, Body: data.BodyOther, Name: "大崎通信サービス株式会社", Section: "回線保守センター",
			Primary:     data.Person{Name: "加藤 勇", TEL: "0229-00-0501", NightTEL: "0120-000-501"},
			ConfirmedAt: ctRecent, Order: 9},
	}
	return ps
}

// ctTwelve is the network with three more entries of the officer's own.
func ctTwelve() []data.ContactPoint {
	ps := ctNetwork()
	for i, n := range []string{"大崎ビル管理株式会社", "大崎市 総務課 庁舎管理係", "大崎市 危機対策課"} {
		id := int64(10 + i)
		ps = append(ps, data.ContactPoint{ID: id, Body: data.BodyOther, Name: n, Section: "担当窓口",
			Primary:     data.Person{Name: fmt.Sprintf("担当 者%d", i+1), TEL: fmt.Sprintf("0229-00-06%02d", i), Mail: fmt.Sprintf("desk%d@example.jp", i), NightTEL: fmt.Sprintf("0120-000-6%02d", i), Mobile: fmt.Sprintf("090-0000-06%02d", i)},
			Deputy:      data.Person{Name: fmt.Sprintf("代理 者%d", i+1), TEL: fmt.Sprintf("0229-00-07%02d", i), Mobile: fmt.Sprintf("090-0000-07%02d", i)},
			ConfirmedAt: ctRecent, Order: int(id)})
	}
	return ps
}

func ctData(ps []data.ContactPoint) ContactData {
	return ContactData{
		Points: ps, City: "大崎市", Prefecture: "宮城県", AsOf: ctAsOf,
		Head: data.ChainHead{Seq: 212, Hash: "4be1c0ffee00112233445566778899aabbccddeeff00112233445566778899aa"},
	}
}

// ctChanges are unreported changes of the prefecture and the contractor,
// and the removal of an entry.
func ctChanges() []data.ContactChange {
	at := time.Date(2026, 11, 20, 6, 30, 0, 0, time.UTC)
	return []data.ContactChange{
		{ID: 1, PointID: 6, Field: "primary.night_tel", Old: "0120-000-120", New: "0120-000-123", At: at, By: "山田 太郎"},
		{ID: 2, PointID: 8, Field: "primary.name", Old: "吉田 浩", New: "小林 大輔", At: at.Add(time.Hour), By: "山田 太郎"},
		{ID: 3, PointID: 6, Field: "deputy.tel", Old: "", New: "022-000-0202", At: at.Add(2 * time.Hour), By: "山田 太郎"},
		{ID: 4, PointID: 3, Field: data.FieldSection, Old: "市民課", New: "市民課長", At: at.Add(3 * time.Hour), By: "山田 太郎"},
		{ID: 5, PointID: 42, Field: data.FieldRemoved, Old: "大崎市 旧電算センター", New: "", At: at.Add(4 * time.Hour), By: "山田 太郎"},
	}
}

// ctFlat removes all white space, ideographic included.
func ctFlat(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// ctWrite writes a PDF into a temporary directory (and into
// $CONTACTS_PDF_DIR, to look at it).
func ctWrite(t *testing.T, name string, b []byte) string {
	t.Helper()
	if dir := os.Getenv("CONTACTS_PDF_DIR"); dir != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, b, 0o644))
	return p
}

// ctRun runs a poppler tool; they are installed where the tests run.
func ctRun(t *testing.T, name string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	require.NoError(t, err, "%s is missing: run `make deps` (poppler-utils)", name)
	out, err := exec.Command(path, args...).CombinedOutput()
	require.NoError(t, err, "%s %v: %s", name, args, out)
	return string(out)
}

// ctPages returns the text of each page, white space removed.
func ctPages(t *testing.T, file string) []string {
	t.Helper()
	text := ctRun(t, "pdftotext", "-layout", file, "-")
	pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
	for i := range pages {
		pages[i] = ctFlat(pages[i])
	}
	return pages
}

// ctTextIn returns the text inside r (mm) on the first page.
func ctTextIn(t *testing.T, file string, r diagRect) string {
	t.Helper()
	const px = 72 / 25.4
	return ctFlat(ctRun(t, "pdftotext", "-f", "1", "-l", "1", "-x", fmt.Sprint(int(r.X*px)), "-y", fmt.Sprint(int(r.Y*px)),
		"-W", fmt.Sprint(int(r.W*px+1)), "-H", fmt.Sprint(int(r.H*px+1)), file, "-"))
}

// ctFontsEmbedded checks with pdffonts that every font is embedded.
func ctFontsEmbedded(t *testing.T, file string) {
	t.Helper()
	out := ctRun(t, "pdffonts", file)
	n := 0
	for _, line := range strings.Split(out, "\n")[2:] {
		f := strings.Fields(line)
		if len(f) < 5 {
			continue
		}
		n++
		assert.Contains(t, f, "yes", "font not embedded: %s", line)
		assert.Contains(t, line, "Identity-H")
	}
	assert.GreaterOrEqual(t, n, 2, out)
}

var (
	ctIdentOnce sync.Once
	ctP12       []byte
	ctP12Err    error
)

const ctPass = "連絡網の合言葉 2026"

// ctSign signs b with a generated identity and checks that pdfsig (whose
// exit code says nothing: its output is parsed) and Verify call it valid.
func ctSign(t *testing.T, b []byte) {
	t.Helper()
	ctIdentOnce.Do(func() {
		ctP12, ctP12Err = GenerateIdentity("山田 太郎", "市民課", "大崎市", ctPass, time.Now())
	})
	require.NoError(t, ctP12Err)
	id, err := LoadIdentity(ctP12, ctPass, time.Now())
	require.NoError(t, err)
	signed, err := Sign(b, id, SignInfo{}, time.Now())
	require.NoError(t, err)
	file := ctWrite(t, "signed.pdf", signed)
	path, err := exec.LookPath("pdfsig")
	require.NoError(t, err, "pdfsig is missing: run `make deps` (poppler-utils)")
	o, _ := exec.Command(path, file).CombinedOutput()
	out := string(o)
	sigs := regexp.MustCompile(`(?m)^Signature #\d+:`).FindAllStringIndex(out, -1)
	require.Len(t, sigs, 1, out)
	valid := regexp.MustCompile(`(?m)^\s*- Signature Validation: Signature is Valid\.\s*$`).FindAllString(out, -1)
	assert.Len(t, valid, 1, out)
	reps, err := Verify(signed)
	require.NoError(t, err)
	require.Len(t, reps, 1)
	assert.True(t, reps[0].Valid, reps[0].Detail)
	assert.False(t, reps[0].Modified)
}

// ctSame makes a document twice, and once with the UI in English: the
// bytes must not change.
func ctSame(t *testing.T, make func() ([]byte, error)) []byte {
	t.Helper()
	a, err := make()
	require.NoError(t, err)
	b, err := make()
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, b), "the same data gave different bytes")
	prev := i18n.Language()
	require.NoError(t, i18n.SetLanguage(i18n.English))
	c, err := make()
	require.NoError(t, i18n.SetLanguage(prev))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, c), "the UI language changed the document")
	return a
}

func TestContactSheet(t *testing.T) {
	cd := ctData(ctNetwork())
	opt := DocOptions{}
	b := ctSame(t, func() ([]byte, error) { return ContactSheet(cd, opt) })
	file := ctWrite(t, "contactsheet.pdf", b)
	pages := ctPages(t, file)
	assert.LessOrEqual(t, len(pages), 2, "one A4 page, two if needed")
	all := strings.Join(pages, "")

	assert.Contains(t, all, "緊急時連絡網")
	assert.Contains(t, all, "令和8年11月27日現在")
	assert.Contains(t, all, "取扱注意")
	assert.Contains(t, all, ctFlat(AuditHead(cd.Head.Seq, cd.Head.Hash)))
	assert.Contains(t, all, ctFlat("作成 大崎市 セキュリティ責任者"))
	for _, p := range cd.Points {
		assert.Contains(t, all, ctFlat(cd.head(p)), "entry %d", p.ID)
		if p.Name != "" {
			assert.Contains(t, all, ctFlat(p.Name))
		}
		for _, who := range []data.Person{p.Primary, p.Deputy} {
			for _, f := range data.PersonFields {
				if v := who.Get(f); v != "" {
					assert.Contains(t, all, ctFlat(v), "entry %d %s", p.ID, f)
				}
			}
		}
		from, until := p.Hours()
		assert.Contains(t, all, "業務時間"+from+"〜"+until)
	}
	assert.Contains(t, all, "指定情報処理機関")
	assert.Contains(t, all, "矢印の根拠")
	assert.Contains(t, all, "地方公共団体情報システム機構（J-LIS）")
	// ※ on the stale prefecture and the never-confirmed contractor only.
	assert.Contains(t, all, "確認R8.3.2※")
	assert.Contains(t, all, "確認未確認※")
	assert.Contains(t, all, "確認R8.10.1")
	assert.NotContains(t, all, "確認R8.10.1※")
	assert.Equal(t, 2, strings.Count(all, "※")-strings.Count(all, "※最後の確認"), "two flagged entries")
	assert.Contains(t, all, ctFlat("※ 最後の確認から6か月を超えているか"))

	// The diagram: every box shows its role or body, and the person and
	// business-hours TEL of its entry, inside its own rectangle.
	_, g := contactSheet(cd, opt)
	byKey := map[string]data.ContactPoint{}
	for _, p := range cd.Points {
		key := string(p.Body)
		if p.Body == data.BodyCity {
			key = string(p.Role)
		}
		byKey[key] = p
	}
	boxText := map[string]string{}
	for _, box := range g.Boxes {
		boxText[box.Key] = ctTextIn(t, file, box.Rect)
	}
	for _, label := range []string{"住基ネット担当者", "セキュリティ責任者", "システム管理者", "システム管理担当者",
		"セキュリティ統括責任者", "セキュリティ会議", "宮城県", "指定情報処理機関", "保守委託事業者"} {
		found := false
		for key, in := range boxText {
			if !strings.HasPrefix(in, label) {
				continue
			}
			found = true
			if p, ok := byKey[key]; ok {
				assert.Contains(t, in, ctFlat(p.Primary.Name), "box %s", key)
				assert.Contains(t, in, "TEL"+p.Primary.TEL, "box %s", key)
			}
		}
		assert.True(t, found, "no box for %s", label)
	}
	assert.Contains(t, boxText["agency"], "指定情報処理機関地方公共団体情報システム機構（J-LIS）")
	other := byKey[string(data.BodyOther)]
	assert.Equal(t, ctFlat(other.Name+other.Section+other.Primary.Name+"TEL"+other.Primary.TEL), boxText["other.0"])
	// The arrows' labels.
	var labels []string
	for _, a := range g.Arrows {
		if a.Label.Text != "" {
			labels = append(labels, a.Label.Text)
			assert.Contains(t, ctTextIn(t, file, a.LabelRect.inset(-0.5)), a.Label.Text, "label of %s", a.Key)
		}
	}
	assert.ElementsMatch(t, []string{"報告", "報告", "連絡", "連絡", "開催・招集", "要請・依頼", "連絡", "経由"}, labels)

	ctFontsEmbedded(t, file)
	ctSign(t, b)
}

// The legend and the arrows follow the regulation's steps.
func TestContactSheetArrowsFollowTheRegulation(t *testing.T) {
	cd := ctData(ctNetwork())
	_, g := contactSheet(cd, DocOptions{})
	got := map[string]string{}
	for _, a := range g.Arrows {
		if !strings.HasPrefix(a.Key, "legend.") {
			got[a.Key] = a.Label.Text
		}
	}
	assert.Equal(t, map[string]string{
		"staff>security_officer":    "報告", // 第4条第1号, 第5条第1号
		"security_officer>sysadmin": "連絡", // 第4条第1号, 第5条第1号
		// No staff>sysadmin_staff: 第4条第3号 has them find the cause together.
		"sysadmin_staff>sysadmin":     "連絡",    // 第4条第5号
		"security_officer>chief":      "報告",    // 第4条第4号, 第5条第3号
		"chief>meeting":               "開催・招集", // 第4条第6号 開催, 第5条第6号 招集
		"sysadmin>contractor":         "要請・依頼", // 第4条第5号 協力を要請, 第4条第7号 修復等を依頼
		"security_officer>prefecture": "連絡",    // 第5条第2号ウ・第4号ア・第5号 連絡調整; 第4条第9号, 第5条第8号ウ 運用再開の連絡
		"security_officer>agency":     "",      // the branch of the same line
		"prefecture>agency":           "経由",    // 第5条第4号ウ
	}, got)
	for _, a := range g.Arrows {
		if a.Key == "security_officer>prefecture" {
			assert.True(t, a.Both, "the bodies also report to the officer (第5条第2号)")
		}
	}
	for _, step := range data.StepsFor(data.ClassFailure) {
		if step.ID == "4-1" {
			assert.Contains(t, step.Action, "セキュリティ責任者へ報告を行い,セキュリティ責任者はシステム管理者へ連絡する")
		}
	}
}

// ctCheckLayout checks a diagram as a reader would: nothing drawn over
// anything else, all inside the printable area, every text inside its box.
func ctCheckLayout(t *testing.T, g diagram, page diagRect, m diagMeasure) {
	t.Helper()
	var labels []diagRect
	var labelNames []string
	for _, a := range g.Arrows {
		if a.Label.Text != "" {
			labels = append(labels, a.LabelRect)
			labelNames = append(labelNames, a.Key)
		}
	}
	for _, n := range g.Notes {
		labels = append(labels, n.Rect)
		labelNames = append(labelNames, "note "+n.Lines[0].Text)
	}
	for _, f := range g.Frames {
		labels = append(labels, f.LabelRect)
		labelNames = append(labelNames, "frame "+f.Label.Text)
		for _, q := range f.Path {
			assert.True(t, diagRect{q.X, q.Y, 0, 0}.within(page), "frame point %v outside the page", q)
		}
	}
	for i, b := range g.Boxes {
		assert.True(t, b.Rect.within(page), "box %s %v outside %v", b.Key, b.Rect, page)
		assert.True(t, b.Rect.within(g.Bounds), "box %s outside the diagram's bounds", b.Key)
		for j := i + 1; j < len(g.Boxes); j++ {
			assert.False(t, b.Rect.overlaps(g.Boxes[j].Rect), "boxes %s and %s overlap", b.Key, g.Boxes[j].Key)
			gap := min(abs(b.Rect.right()-g.Boxes[j].Rect.X), abs(g.Boxes[j].Rect.right()-b.Rect.X),
				abs(b.Rect.bottom()-g.Boxes[j].Rect.Y), abs(g.Boxes[j].Rect.bottom()-b.Rect.Y))
			assert.Greater(t, gap, 5.0, "boxes %s and %s nearly touch", b.Key, g.Boxes[j].Key)
		}
		for k, l := range labels {
			assert.False(t, l.overlaps(b.Rect), "%s is over box %s", labelNames[k], b.Key)
		}
		// Texts fit: every line within the padding, all lines within the box.
		for _, line := range append(append([]diagText(nil), b.Head...), b.Body...) {
			assert.LessOrEqual(t, m(line.Text, line.Face, line.Size), b.Rect.W-2*diagPadX+1e-9, "box %s: %q too wide", b.Key, line.Text)
		}
		if len(b.Body) > 0 {
			assert.LessOrEqual(t, diagBoxHeight(b.Head, b.Body), b.Rect.H+1e-9, "box %s: text taller than the box", b.Key)
		}
		for _, f := range g.Frames {
			for k := range f.Path {
				a, c := f.Path[k], f.Path[(k+1)%len(f.Path)]
				assert.False(t, segmentCrosses(a, c, b.Rect), "the frame crosses box %s", b.Key)
			}
		}
	}
	for _, f := range g.Frames {
		for k := range f.Path {
			a, c := f.Path[k], f.Path[(k+1)%len(f.Path)]
			for n, l := range labels {
				assert.False(t, segmentCrosses(a, c, l), "the frame crosses %s", labelNames[n])
			}
		}
	}
	for i := range labels {
		assert.True(t, labels[i].within(page), "%s outside the page", labelNames[i])
		for j := i + 1; j < len(labels); j++ {
			assert.False(t, labels[i].overlaps(labels[j]), "%s and %s overlap", labelNames[i], labelNames[j])
		}
	}
	for _, a := range g.Arrows {
		require.GreaterOrEqual(t, len(a.Path), 2, a.Key)
		for k := 1; k < len(a.Path); k++ {
			p, q := a.Path[k-1], a.Path[k]
			for _, b := range g.Boxes {
				assert.False(t, segmentCrosses(p, q, b.Rect), "arrow %s crosses box %s", a.Key, b.Key)
			}
			for n, l := range labels {
				assert.False(t, segmentCrosses(p, q, l), "arrow %s crosses %s", a.Key, labelNames[n])
			}
			for _, f := range g.Frames {
				assert.False(t, segmentCrosses(p, q, f.LabelRect), "arrow %s crosses the frame's label", a.Key)
			}
		}
		if strings.HasPrefix(a.Key, "legend.") {
			continue
		}
		// Each end touches the edge of a box.
		for _, end := range []diagPoint{a.Path[0], a.Path[len(a.Path)-1]} {
			if end == a.Path[0] && a.Dot {
				continue
			}
			touches := false
			for _, b := range g.Boxes {
				r := b.Rect
				onX := end.X >= r.X-1e-6 && end.X <= r.right()+1e-6
				onY := end.Y >= r.Y-1e-6 && end.Y <= r.bottom()+1e-6
				if onX && onY {
					touches = true
				}
			}
			assert.True(t, touches, "arrow %s ends at %v, on no box", a.Key, end)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// ctPrintable is the content area of A4.
var ctPrintable = diagRect{A4.Left, A4.Top, A4.ContentWidth(), A4.Height - A4.Top - A4.Bottom}

func TestChainLayoutHasNoOverlaps(t *testing.T) {
	d := New(Options{})
	area := diagRect{A4.Left, 60, A4.ContentWidth(), A4.Height - A4.Bottom - 60}
	long := ctNetwork()
	long[5].Name = "宮城県 総務部 市町村課 住民基本台帳ネットワークシステム担当"
	long[7].Name = "大崎システムインテグレーション・サービス株式会社 東北支社"
	long[0].Primary.Name = "佐々木 長久保 花子右衛門"
	cases := map[string][]data.ContactPoint{
		"nine":      ctNetwork(),
		"twelve":    ctTwelve(),
		"long text": long,
		"empty":     nil,
		"city only": ctNetwork()[:5],
	}
	many := ctTwelve()
	for i := 0; i < 30; i++ {
		many = append(many, data.ContactPoint{ID: int64(100 + i), Body: data.BodyOther, Name: fmt.Sprintf("追加の連絡先%d", i),
			Primary: data.Person{Name: "担当 者", TEL: "0120-000-999"}})
	}
	cases["many"] = many
	for name, ps := range cases {
		t.Run(name, func(t *testing.T) {
			g := layoutChain(ctData(ps), area, d.measure)
			ctCheckLayout(t, g, ctPrintable, d.measure)
			assert.LessOrEqual(t, g.Bounds.bottom(), area.bottom())
			keys := map[string]bool{}
			for _, b := range g.Boxes {
				keys[b.Key] = true
			}
			for _, k := range []string{"staff", "sysadmin_staff", "security_officer", "sysadmin", "chief", "meeting", "prefecture", "agency", "contractor"} {
				assert.True(t, keys[k], "box %s", k)
			}
		})
	}
	// A missing role keeps its place, dashed, as （未登録）.
	g := layoutChain(ctData(ctNetwork()[1:]), area, d.measure)
	for _, b := range g.Boxes {
		if b.Key == "staff" {
			assert.True(t, b.Dashed)
			require.Len(t, b.Body, 1)
			assert.Equal(t, "（未登録）", b.Body[0].Text)
		}
	}
	// Entries that do not fit are counted in a note.
	g = layoutChain(ctData(many), area, d.measure)
	var notes []string
	for _, n := range g.Notes {
		notes = append(notes, n.Lines[0].Text)
	}
	assert.Contains(t, notes, "ほか23件の連絡先は、2. の表に載せています。")
}

func TestContactSheetTwelvePointsFitTwoPages(t *testing.T) {
	cd := ctData(ctTwelve())
	b, err := ContactSheet(cd, DocOptions{Number: "大崎市-住基-連絡網-2026"})
	require.NoError(t, err)
	file := ctWrite(t, "contactsheet12.pdf", b)
	pages := ctPages(t, file)
	assert.Len(t, pages, 2)
	all := strings.Join(pages, "")
	for _, p := range cd.Points {
		assert.Contains(t, all, ctFlat(p.Primary.Name))
		assert.Contains(t, all, ctFlat(p.Deputy.Mobile))
	}
	assert.Contains(t, all, "大崎市-住基-連絡網-2026")
	// The header row is repeated on the second page.
	assert.Contains(t, pages[1], "機関・役職")
	assert.Contains(t, pages[1], "TEL・携帯")
}

// Sent to someone, the sheet is a 公用文: number, addressee with one
// honorific, sender, 件名, 記, the sheet, 以上 and the 担当 block.
func TestContactSheetSent(t *testing.T) {
	cd := ctData(ctNetwork())
	cd.Letter = Letter{Symbol: "大住", SenderName: "伊藤 康志", Stamped: true}
	b, err := ContactSheet(cd, DocOptions{Addressee: "宮城県総務部市町村課長 様", Number: "大住第45号"})
	require.NoError(t, err)
	all := strings.Join(ctPages(t, ctWrite(t, "sheet-sent.pdf", b)), "")
	for _, want := range []string{"大住第45号", "令和8年11月27日", "宮城県総務部市町村課長様", "大崎市長伊藤康志", "公印",
		"住基ネットの緊急時連絡網について", "下記のとおり送付します。", "記", "緊急時連絡網", "以上", "担当市民課住民記録係"} {
		assert.Contains(t, all, ctFlat(want))
	}
	assert.NotContains(t, all, "公印省略", "a box for the 公印 instead")
	assert.Less(t, strings.Index(all, "大住第45号"), strings.Index(all, "住基ネットの緊急時連絡網について"))
	assert.Less(t, strings.Index(all, "住基ネットの緊急時連絡網について"), strings.Index(all, "以上"))

	// Not sent: the sheet as it was, without the letter.
	b, err = ContactSheet(cd, DocOptions{})
	require.NoError(t, err)
	all = strings.Join(ctPages(t, ctWrite(t, "sheet.pdf", b)), "")
	assert.NotContains(t, all, "以上")
	assert.NotContains(t, all, "様")
}

func TestContactSheetOfAnEmptyNetwork(t *testing.T) {
	// 20:00 UTC is 5:00 the next morning in Japan, whose date is printed.
	asOf := time.Date(2026, 11, 26, 20, 0, 0, 0, time.UTC)
	b, err := ContactSheet(ContactData{AsOf: asOf, Drill: true}, DocOptions{})
	require.NoError(t, err)
	pages := ctPages(t, ctWrite(t, "empty.pdf", b))
	require.Len(t, pages, 1)
	assert.Contains(t, pages[0], "令和8年11月27日現在")
	assert.Contains(t, pages[0], "連絡先が登録されていません。")
	assert.Contains(t, pages[0], "（未登録）")
	assert.Contains(t, pages[0], "大崎市") // the default city
}

func TestChangeNotice(t *testing.T) {
	cd := ctData(ctNetwork())
	cd.Changes = ctChanges()
	opt := DocOptions{Addressee: "宮城県知事", Number: "大崎市-住基-連絡-001"}
	b := ctSame(t, func() ([]byte, error) { return ChangeNotice(cd, opt) })
	file := ctWrite(t, "changenotice.pdf", b)
	pages := ctPages(t, file)
	all := strings.Join(pages, "")
	assert.Contains(t, all, "連絡先変更届")
	assert.Contains(t, all, "宮城県知事様")
	assert.Contains(t, all, "住基ネットの緊急時連絡網の変更について")
	assert.Contains(t, all, "記")
	assert.Contains(t, all, "以上")
	assert.Contains(t, all, ctFlat("担当　市民課 住民記録係"))
	assert.Contains(t, all, "大崎市-住基-連絡-001")
	assert.Contains(t, all, "令和8年11月27日")
	assert.Contains(t, all, ctFlat("大崎市長（公印省略）"))
	assert.Contains(t, all, "大崎市住民基本台帳ネットワークシステム緊急時対応規程第3条第2号")
	assert.Contains(t, all, "「市及び関係機関は,前号の報告事項に変更があった場合,速やかに変更事項を報告する。」")
	assert.Contains(t, data.ArticleText(3), "市及び関係機関は,前号の報告事項に変更があった場合,速やかに変更事項を報告する。")
	assert.Contains(t, all, "5件（4か所の連絡先）")
	assert.NotContains(t, all, "決裁用", "送付用: no seal boxes")
	assert.NotContains(t, all, "課長補佐")
	// Each change in its row: entry, item, old, new, date (令和8年11月20日
	// in JST), in the network's order: read column by column.
	cols := [][]string{
		{"機関・役職", "大崎市 セキュリティ責任者", "宮城県 市町村課", "宮城県 市町村課", "保守委託事業者 大崎システム株式会社", "大崎市 旧電算センター"},
		{"項目", "担当部署", "夜間・休日電話", "電話（代理）", "担当者", "連絡先の削除"},
		{"変更前", "市民課", "0120-000-120", "（なし）", "吉田 浩", "大崎市 旧電算センター"},
		{"変更後", "市民課長", "0120-000-123", "022-000-0202", "小林 大輔", "（削除）"},
		{"変更日", "令和8年11月20日", "令和8年11月20日", "令和8年11月20日", "令和8年11月20日", "令和8年11月20日"},
	}
	got := ctNoticeColumns(t, file)
	for i, col := range cols {
		assert.Contains(t, got[i], ctFlat(strings.Join(col, "")), "column %d", i)
	}
	ctFontsEmbedded(t, file)
	ctSign(t, b)

	// The default addressee is the prefecture's governor.
	b, err := ChangeNotice(cd, DocOptions{})
	require.NoError(t, err)
	assert.Contains(t, strings.Join(ctPages(t, ctWrite(t, "default.pdf", b)), ""), "宮城県知事様")

	// The 決裁用 copy has the seal boxes of the settings.
	cd.Letter.SealLabels = []string{"課長", "課長補佐", "係長", "担当"}
	b, err = ChangeNotice(cd, DocOptions{Copy: CopyApproval})
	require.NoError(t, err)
	appr := strings.Join(ctPages(t, ctWrite(t, "approval.pdf", b)), "")
	assert.Contains(t, appr, "決裁用")
	assert.Contains(t, appr, "課長課長補佐係長担当")
}

// ctNoticeColumns reads the change notice's table column by column.
func ctNoticeColumns(t *testing.T, file string) []string {
	t.Helper()
	share := (A4.ContentWidth() - noticePointWidth - noticeItemWidth - noticeAtWidth) / 2
	widths := []float64{noticePointWidth, noticeItemWidth, share, share, noticeAtWidth}
	var out []string
	x := A4.Left
	for _, w := range widths {
		out = append(out, ctTextIn(t, file, diagRect{x + 0.5, A4.Top, w - 1, A4.Height - A4.Top - A4.Bottom}))
		x += w
	}
	return out
}

func TestChangeNoticeWithoutChanges(t *testing.T) {
	_, err := ChangeNotice(ctData(ctNetwork()), DocOptions{})
	require.Error(t, err)
	e := data.AsError(err)
	require.NotNil(t, e)
	assert.Equal(t, data.EINVALID, e.Code)
	assert.Equal(t, "changes", e.Field)
	assert.Equal(t, "none", e.Rule)
	prev := i18n.Language()
	require.NoError(t, i18n.SetLanguage(i18n.Japanese))
	defer func() { _ = i18n.SetLanguage(prev) }()
	assert.Equal(t, "報告していない連絡先の変更がありません。連絡先を変更してから連絡先変更届を作成してください。", i18n.ErrorMessage(err))
}

func TestContactFieldLabel(t *testing.T) {
	seen := map[string]string{}
	for _, f := range data.ContactFields {
		l := ContactFieldLabel(f)
		assert.NotEqual(t, f, l, "field %s has no label", f)
		assert.NotContains(t, l, "!", f)
		if prev, dup := seen[l]; dup {
			t.Errorf("fields %s and %s share the label %q", prev, f, l)
		}
		seen[l] = f
	}
	for f, want := range map[string]string{
		"primary.name": "担当者", "primary.tel": "電話", "primary.night_tel": "夜間・休日電話",
		"primary.mobile": "携帯電話", "primary.extension": "内線", "primary.fax": "FAX", "primary.mail": "メール",
		"deputy.name": "代理", "deputy.tel": "電話（代理）", "deputy.night_tel": "夜間・休日電話（代理）",
		"contact_section": "担当部署", "section": "担当部署", "point_name": "機関名", "name": "機関名",
		"open_from": "業務開始時刻", "open_until": "業務終了時刻", "removed": "連絡先の削除",
		"something.else": "something.else",
	} {
		assert.Equal(t, want, ContactFieldLabel(f), f)
	}
	// Japanese whatever the UI language.
	prev := i18n.Language()
	require.NoError(t, i18n.SetLanguage(i18n.English))
	defer func() { _ = i18n.SetLanguage(prev) }()
	assert.Equal(t, "夜間・休日電話（代理）", ContactFieldLabel("deputy.night_tel"))
}

// ctStore is a data.Store holding only a contact network; other methods
// are not called by LoadContacts (they would panic on the nil interface).
type ctStore struct {
	data.Store
	points   []data.ContactPoint
	removed  map[int64]data.ContactPoint
	changes  []data.ContactChange
	settings map[string]string
	failOn   string
}

func (s *ctStore) ContactPoints() ([]data.ContactPoint, error) {
	if s.failOn == "points" {
		return nil, data.Errorf(data.EINTERNAL, "disk")
	}
	return s.points, nil
}

func (s *ctStore) ContactPoint(id int64) (data.ContactPoint, error) {
	if p, ok := s.removed[id]; ok {
		return p, nil
	}
	return data.ContactPoint{}, &data.Error{Code: data.ENOTFOUND}
}

func (s *ctStore) ContactChanges(pointID int64, unreportedOnly bool) ([]data.ContactChange, error) {
	if pointID != 0 || !unreportedOnly {
		return nil, fmt.Errorf("unexpected query %d %v", pointID, unreportedOnly)
	}
	return s.changes, nil
}

func (s *ctStore) Setting(key, def string) (string, error) {
	if v, ok := s.settings[key]; ok {
		return v, nil
	}
	return def, nil
}

func (s *ctStore) Head() (data.ChainHead, error) { return data.ChainHead{Seq: 7, Hash: "abc"}, nil }

func TestLoadContacts(t *testing.T) {
	old := data.ContactPoint{ID: 42, Body: data.BodyOther, Name: "大崎市 旧電算センター", RemovedAt: ctRecent}
	s := &ctStore{points: ctNetwork(), changes: ctChanges(), removed: map[int64]data.ContactPoint{42: old},
		settings: map[string]string{data.SettingCity: "仙台市", data.SettingUnconfirmedMonths: "3"}}
	cd, err := LoadContacts(s, ctAsOf)
	require.NoError(t, err)
	assert.Equal(t, ctNetwork(), cd.Points)
	assert.Equal(t, ctChanges(), cd.Changes)
	assert.Equal(t, []data.ContactPoint{old}, cd.Removed)
	assert.Equal(t, "仙台市", cd.City)
	assert.Equal(t, data.DefaultPrefecture, cd.Prefecture)
	assert.Equal(t, int64(7), cd.Head.Seq)
	assert.Equal(t, ctAsOf, cd.AsOf)
	assert.Equal(t, 3, cd.staleMonths())

	s.settings[data.SettingUnconfirmedMonths] = "0"
	cd, err = LoadContacts(s, ctAsOf)
	require.NoError(t, err)
	assert.Zero(t, cd.staleMonths(), "0 turns the ※ flag off")
	assert.False(t, cd.stale(cd.Points[7]), "never confirmed, but the flag is off")

	s.failOn = "points"
	_, err = LoadContacts(s, ctAsOf)
	assert.Equal(t, data.EINTERNAL, data.ErrorCode(err))
}

// The documents of a real case file: entries saved, their first changes
// reported, then a number changed and an entry removed.
func TestContactDocumentsFromCaseFile(t *testing.T) {
	real := data.Now
	defer func() { data.Now = real }()
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	data.Now = func() time.Time { return now }

	s, err := sqlite.Create(filepath.Join(t.TempDir(), "contacts.kinkyu"))
	require.NoError(t, err)
	defer s.Close()
	s.SetActor("山田 太郎（セキュリティ責任者）")
	net := ctNetwork()
	for i := range net {
		net[i].ID = 0
		require.NoError(t, s.SaveContactPoint(&net[i]))
	}
	require.NoError(t, s.MarkChangesReported(nil, now))

	now = now.Add(48 * time.Hour)
	pref := net[5]
	pref.Primary.NightTEL = "0120-000-124"
	require.NoError(t, s.SaveContactPoint(&pref))
	require.NoError(t, s.RemoveContactPoint(net[8].ID))

	cd, err := LoadContacts(s, ctAsOf)
	require.NoError(t, err)
	require.Len(t, cd.Points, 8)
	require.Len(t, cd.Changes, 2)
	require.Len(t, cd.Removed, 1)
	assert.Equal(t, "大崎通信サービス株式会社", cd.Removed[0].Name)

	b, err := ChangeNotice(cd, DocOptions{})
	require.NoError(t, err)
	file := ctWrite(t, "notice-store.pdf", b)
	all := strings.Join(ctPages(t, file), "")
	assert.Contains(t, all, "2件（2か所の連絡先）")
	cols := ctNoticeColumns(t, file)
	assert.Contains(t, cols[0], "宮城県市町村課大崎通信サービス株式会社")
	assert.Contains(t, cols[1], "夜間・休日電話連絡先の削除")
	assert.Contains(t, cols[2], "0120-000-123大崎通信サービス株式会社")
	assert.Contains(t, cols[3], "0120-000-124（削除）")
	assert.Contains(t, cols[4], "令和8年11月3日令和8年11月3日")

	b, err = ContactSheet(cd, DocOptions{})
	require.NoError(t, err)
	all = strings.Join(ctPages(t, ctWrite(t, "sheet-store.pdf", b)), "")
	assert.Contains(t, all, "0120-000-124")
	assert.NotContains(t, all, "大崎通信サービス株式会社", "a removed entry is not on the sheet")

	require.NoError(t, s.MarkChangesReported(nil, now))
	cd, err = LoadContacts(s, ctAsOf)
	require.NoError(t, err)
	_, err = ChangeNotice(cd, DocOptions{})
	assert.Equal(t, data.EINVALID, data.ErrorCode(err), "everything reported: no notice")
}

func BenchmarkContactSheet(b *testing.B) {
	cd := ctData(ctNetwork())
	for i := 0; i < b.N; i++ {
		if _, err := ContactSheet(cd, DocOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Names as long as the store allows still give a diagram inside the page,
// its texts inside their boxes.
func TestContactSheetWithLongestNames(t *testing.T) {
	ps := ctNetwork()
	long := strings.Repeat("長", data.MaxNameRunes)
	for i := range ps {
		ps[i].Name, ps[i].Section = long, long
		ps[i].Primary.Name = long
		ps[i].Primary.TEL = strings.Repeat("0", data.MaxNameRunes)
		ps[i].Primary.Mail = strings.Repeat("m", data.MaxNameRunes-12) + "@example.jp"
	}
	cd := ctData(ps)
	d, g := contactSheet(cd, DocOptions{})
	ctCheckLayout(t, g, ctPrintable, d.measure)
	b, err := d.Bytes()
	require.NoError(t, err)
	pages := ctPages(t, ctWrite(t, "longest.pdf", b))
	assert.Contains(t, strings.Join(pages, ""), strings.Repeat("0", 20))
}
