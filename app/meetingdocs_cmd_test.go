package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// demoCasesByClass lists the demo file's cases by class.
func demoCasesByClass(t *testing.T, path string) map[data.Class][]data.Case {
	t.Helper()
	_, out, _ := runCLI(t, "cases", "--file", path, "--json")
	var list []caseJSON
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	by := map[data.Class][]data.Case{}
	for _, c := range list {
		k, err := s.CaseByNumber(c.Number)
		require.NoError(t, err)
		by[k.Class] = append(by[k.Class], k)
	}
	return by
}

// flatText is the PDF's text (pdftotext -layout) with all white space removed.
func flatText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	require.NoError(t, err)
	return strings.Join(strings.Fields(string(out)), "")
}

// labelText is the text of the grey label column of every page (25.5–64.5 mm
// from the left edge, inside the top and bottom margins), white space removed:
// a label that wraps reads as one run.
func labelText(t *testing.T, path string) string {
	t.Helper()
	pt := 72 / 25.4
	out, err := exec.Command("pdftotext", "-layout", "-x", strconv.Itoa(int(25.5*pt)), "-y", strconv.Itoa(int(20*pt)),
		"-W", strconv.Itoa(int(39*pt)), "-H", strconv.Itoa(int(257*pt)), path, "-").Output()
	require.NoError(t, err)
	return strings.Join(strings.Fields(string(out)), "")
}

// recorded returns the case file's record of the document written to out,
// checking its SHA-256 against the file.
func recorded(t *testing.T, path string, caseID int64, out string) data.Document {
	t.Helper()
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	docs, err := s.Documents(caseID)
	require.NoError(t, err)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	sum := sha256.Sum256(b)
	for _, d := range docs {
		if d.FileName == filepath.Base(out) {
			assert.Equal(t, hex.EncodeToString(sum[:]), d.SHA256, "the recorded SHA-256 is the file's")
			return d
		}
	}
	require.Failf(t, "not recorded", "%s in %v", out, docs)
	return data.Document{}
}

func TestAgendaCommand(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	by := demoCasesByClass(t, path)
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	withMeeting := map[int64]bool{}
	all, err := s.Meetings(0)
	require.NoError(t, err)
	for _, m := range all {
		withMeeting[m.CaseID] = true
	}
	// A failure case without a meeting gets the 第1回 agenda; the level-3 case,
	// whose 第1回 is closed, that of the 第2回. A case whose meeting is not
	// yet closed gets that meeting's agenda, with its その他 items.
	var fresh, closed, open data.Case
	for _, c := range by[data.ClassFailure] {
		if !withMeeting[c.ID] {
			fresh = c
		}
	}
	for _, c := range by[data.ClassMisconduct] {
		if withMeeting[c.ID] && c.Title == "CS端末への不審な操作" {
			closed = c
		} else if !withMeeting[c.ID] {
			open = c
		}
	}
	require.NotZero(t, fresh.ID)
	require.NotZero(t, closed.ID)
	require.NotZero(t, open.ID)
	m := &data.Meeting{CaseID: open.ID, Place: "西庁舎2階 災害対策室", Date: open.DiscoveredAt.Add(3 * time.Hour), Chair: "訓練 次郎"}
	require.NoError(t, s.CreateMeeting(m, "第1回セキュリティ会議を招集"))
	other := data.AgendaItem{MeetingID: m.ID, Title: "庁内への周知の方法", Status: data.ItemOpen}
	require.NoError(t, s.SaveAgendaItem(&other, "その他の項目を追加"))
	require.NoError(t, s.Close())

	for _, tc := range []struct {
		c       data.Case
		seq     string
		heading string
		want    []string
	}{
		{fresh, "第1回", "審議する項目（第4条第6号）", []string{"令和年月日時分"}},
		{closed, "第2回", "決定の項目（第5条第6号）", []string{"令和年月日時分"}},
		{open, "第1回", "決定の項目（第5条第6号）", []string{"西庁舎2階災害対策室", "10その他庁内への周知の方法"}},
	} {
		out := filepath.Join(dir, tc.c.Number+"-次第.pdf")
		code, stdout, errOut := runCLI(t, "agenda", "--file", path, "--case", tc.c.Number, "--out", out)
		require.Equal(t, 0, code, errOut)
		assert.Contains(t, stdout, out)
		assert.Regexp(t, `SHA-256: [0-9a-f]{64}`, stdout)
		text := flatText(t, out)
		assert.Contains(t, text, tc.seq+"セキュリティ会議次第", tc.c.Number)
		assert.Contains(t, text, tc.heading, tc.c.Number)
		_, _, table := data.MeetingTable(tc.c.Class)
		labels := labelText(t, out)
		at := 0
		for n, row := range table {
			i := strings.Index(labels[at:], strconv.Itoa(n+1)+strings.Join(strings.Fields(row.Title), ""))
			if assert.GreaterOrEqual(t, i, 0, "%s: %s in order", tc.c.Number, row.Title) {
				at += i
			}
		}
		for _, w := range tc.want {
			assert.Contains(t, text, w, tc.c.Number)
		}
		doc := recorded(t, path, tc.c.ID, out)
		assert.Equal(t, data.DocAgenda, doc.Kind)
	}

	// The timeline says so.
	s, err = sqlite.Open(path)
	require.NoError(t, err)
	tl, err := s.Timeline(fresh.ID)
	require.NoError(t, err)
	held, err := s.Meetings(closed.ID)
	require.NoError(t, err)
	s.Close()
	assert.Contains(t, tl[len(tl)-1].Text, "第1回 セキュリティ会議次第を作成")

	// --meeting reprints the agenda of a meeting already held, and refuses a
	// case it does not belong to.
	require.NotEmpty(t, held)
	id := strconv.FormatInt(held[0].ID, 10)
	out := filepath.Join(dir, "開催済み-次第.pdf")
	code, _, errOut := runCLI(t, "agenda", "--file", path, "--meeting", id, "--out", out)
	require.Equal(t, 0, code, errOut)
	text := flatText(t, out)
	assert.Contains(t, text, "第1回セキュリティ会議次第")
	assert.Contains(t, text, strings.Join(strings.Fields(held[0].Place), ""))
	code, _, errOut = runCLI(t, "agenda", "--file", path, "--case", fresh.Number, "--meeting", id, "--out", filepath.Join(dir, "x.pdf"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "は事案 "+closed.Number+" の会議です")
	assert.NoFileExists(t, filepath.Join(dir, "x.pdf"))
}

func TestAgendaCommandRefusals(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	by := demoCasesByClass(t, path)
	require.NotEmpty(t, by[data.ClassPending])
	out := filepath.Join(dir, "次第.pdf")

	code, _, errOut := runCLI(t, "agenda", "--file", path, "--case", by[data.ClassPending][0].Number, "--out", out)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "判定中の事案にはセキュリティ会議の次第を作れません")
	assert.NoFileExists(t, out)

	require.NoError(t, os.WriteFile(out, []byte("keep"), 0o600))
	code, _, errOut = runCLI(t, "agenda", "--file", path, "--case", by[data.ClassFailure][0].Number, "--out", out)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "上書きはしません")
	b, _ := os.ReadFile(out)
	assert.Equal(t, "keep", string(b))

	code, _, errOut = runCLI(t, "agenda", "--file", path, "--case", "2099-999", "--out", filepath.Join(dir, "x.pdf"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "エラー: ")
	assert.NoFileExists(t, filepath.Join(dir, "x.pdf"))

	for _, args := range [][]string{
		{"agenda", "--case", "2026-001", "--out", "x.pdf"},
		{"agenda", "--file", path, "--out", "x.pdf"},
		{"agenda", "--file", path, "--case", "2026-001"},
		{"agenda", "--file", path, "--case", "2026-001", "--out", "x.pdf", "--bogus"},
	} {
		code, _, errOut := runCLI(t, args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Regexp(t, `--file|--case|--out|オプション`, errOut, "%v", args)
	}
}

var pagesRe = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

func TestMinutesCommandWritesAndSigns(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	p12 := p12File(t, "訓練 花子", "会議の記録")
	t.Setenv("KINKYU_TEST_PASS", "会議の記録")
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	meetings, err := s.Meetings(0)
	require.NoError(t, err)
	classes := map[data.Class]bool{}
	cases := map[int64]data.Case{}
	for _, m := range meetings {
		c, err := s.Case(m.CaseID)
		require.NoError(t, err)
		cases[c.ID] = c
		classes[c.Class] = true
	}
	require.NoError(t, s.Close())
	require.True(t, classes[data.ClassFailure] && classes[data.ClassMisconduct], "demo meetings of both tables")

	for _, m := range meetings {
		c := cases[m.CaseID]
		id := strconv.FormatInt(m.ID, 10)
		out := filepath.Join(dir, c.Number+"-議事録.pdf")
		code, stdout, errOut := runCLI(t, "minutes", "--file", path, "--meeting", id, "--out", out, "--p12", p12, "--pass-env", "KINKYU_TEST_PASS")
		require.Equal(t, 0, code, errOut)
		assert.Contains(t, stdout, out)
		assert.Contains(t, stdout, "第1回 セキュリティ会議 議事録")
		text := flatText(t, out)
		assert.Contains(t, text, "第1回セキュリティ会議議事録")
		assert.Contains(t, text, c.Number)
		for _, a := range m.Attendees {
			assert.Contains(t, text, strings.Join(strings.Fields(a.Name), ""), c.Number)
		}
		for _, it := range m.Items {
			head := []rune(strings.Join(strings.Fields(it.Decision), ""))
			assert.Contains(t, text, string(head[:min(12, len(head))]), "%s: %s", c.Number, it.Title)
		}
		sig, err := exec.Command("pdfsig", out).CombinedOutput()
		require.NoError(t, err)
		assert.Contains(t, string(sig), "Signature is Valid", c.Number)
		code, vout, _ := runCLI(t, "verify-pdf", "--file", path, out)
		assert.Equal(t, 0, code, vout)
		assert.Contains(t, vout, "署名に使われた証明書です")
		doc := recorded(t, path, c.ID, out)
		assert.Equal(t, data.DocMinutes, doc.Kind)
		require.Len(t, doc.Signers, 1)
		assert.Equal(t, "訓練 花子", doc.Signers[0].Name)

		// The decision summary, unsigned, every decision whole.
		sum := filepath.Join(dir, c.Number+"-決定事項.pdf")
		code, stdout, errOut = runCLI(t, "minutes", "--file", path, "--meeting", id, "--decisions", "--out", sum)
		require.Equal(t, 0, code, errOut)
		assert.Contains(t, stdout, "決定事項一覧")
		assert.Contains(t, flatText(t, sum), "第1回セキュリティ会議決定事項一覧")
		assert.NotContains(t, flatText(t, sum), "（議事録を参照）", "no decision left out")
		doc = recorded(t, path, c.ID, sum)
		assert.Equal(t, data.DocDecisions, doc.Kind)
		assert.Empty(t, doc.Signers)
	}
}

func TestMinutesCommandRefusals(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	p12 := p12File(t, "訓練 花子", "正しい")
	t.Setenv("KINKYU_TEST_PASS", "違う")
	out := filepath.Join(dir, "議事録.pdf")

	code, _, errOut := runCLI(t, "minutes", "--file", path, "--meeting", "1", "--out", out, "--p12", p12, "--pass-env", "KINKYU_TEST_PASS")
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "パスフレーズが違う")
	assert.NoFileExists(t, out, "nothing half-written")

	code, _, errOut = runCLI(t, "minutes", "--file", path, "--meeting", "999", "--out", out)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "見つかりません")
	assert.NoFileExists(t, out)

	require.NoError(t, os.WriteFile(out, []byte("keep"), 0o600))
	code, _, errOut = runCLI(t, "minutes", "--file", path, "--meeting", "1", "--out", out)
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "上書きはしません")
	b, _ := os.ReadFile(out)
	assert.Equal(t, "keep", string(b))

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"minutes", "--meeting", "1", "--out", "x.pdf"}, "--file"},
		{[]string{"minutes", "--file", path, "--out", "x.pdf"}, "--meeting 1"},
		{[]string{"minutes", "--file", path, "--meeting", "第1回", "--out", "x.pdf"}, "「第1回」"},
		{[]string{"minutes", "--file", path, "--meeting", "0", "--out", "x.pdf"}, "1 以上の整数"},
		{[]string{"minutes", "--file", path, "--meeting", "1"}, "--out"},
		{[]string{"minutes", "--file", path, "--meeting", "1", "--out", "x.pdf", "--p12", p12}, "--pass-env"},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		assert.Equal(t, 2, code, "%v", tc.args)
		assert.Contains(t, errOut, tc.want, "%v", tc.args)
	}
	assert.NoFileExists(t, "x.pdf")

	// In English the messages are English; the documents stay Japanese.
	code, _, errOut = runCLI(t, "--lang", "en", "minutes", "--file", path, "--out", "x.pdf")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "meeting's number")
}
