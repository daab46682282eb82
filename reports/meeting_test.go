package reports_test

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// meetingCase is a case of each class, as the report tests build it.
type meetingCase struct {
	name   string
	create func(testing.TB, data.Store) int64
	table  []data.MeetingItem
	head   string // the table's heading and article, as the agenda prints it
}

var meetingCases = []meetingCase{
	{"failure", createFailureCase, data.TableA, "審議する項目（第4条第6号）"},
	{"misconduct", createMisconductCase, data.TableB, "決定の項目（第5条第6号）"},
}

// Texts of the test meeting, by item key: long enough to wrap.
var (
	meetingDiscussion = map[string]string{
		"stop":   "システム管理者から、CS端末の操作ログの解析が終わるまで不審な操作の再発を防ぐ必要があるとの報告があった。窓口業務への影響を考え、完全停止ではなくネットワークからの切離しとすることを審議した。",
		"notify": "宮城県市町村課及び指定情報処理機関への連絡の時期と内容を審議した。",
		"resume": "操作ログの解析結果が出るまで判断できないため、次回の会議で決定する。",
		"review": "操作者カードの管理方法を見直す必要があるとの意見があった。",
	}
	meetingDecision = map[string]string{
		"stop":   "本日15時30分からCS端末をネットワークから切り離す。",
		"notify": "本日中に電話で第1報を連絡し、翌日に文書で報告する。",
		"resume": "次回の会議で決定する。",
		"review": "操作者カードの貸与記録を毎日点検する運用を追加する（事後に統括責任者が承認）。",
	}
	meetingOwner = map[string]string{
		"stop":   "システム管理者 伊藤 三郎",
		"notify": "山田 太郎（セキュリティ責任者）",
		"resume": "鈴木 一郎",
		"review": "市民課長 渡辺 四郎",
	}
	meetingStatus = map[string]data.ItemStatus{
		"stop": data.ItemDecided, "notify": data.ItemDecided, "resume": data.ItemDeferred, "review": data.ItemRatify,
	}
	meetingAttendees = []data.Attendee{
		{Name: "鈴木 一郎", Role: "セキュリティ統括責任者（副市長）", Present: true},
		{Name: "山田 太郎", Role: "セキュリティ責任者（総務部長）", Present: true},
		{Name: "伊藤 三郎", Role: "システム管理者（情報政策課長）", Present: true},
		{Name: "渡辺 四郎", Role: "市民課長", Present: false},
	}
	otherItem = "報道機関からの問い合わせへの対応方針"
)

// testMeeting is the first meeting of the case: every row of its table, with
// decisions on some, and an その他 item at the end.
func testMeeting(cd reports.CaseData) data.Meeting {
	_, _, table := data.MeetingTable(cd.Case.Class)
	m := data.Meeting{ID: 7, CaseID: cd.Case.ID, Seq: 1, Place: "本庁舎3階 第1会議室",
		Date: docAt(55), OpenedAt: docAt(62), ClosedAt: docAt(125),
		Chair: "鈴木 一郎", Recorder: "山田 太郎", MinutesSigner: "高橋 次郎", Attendees: meetingAttendees}
	for i, r := range table {
		it := data.AgendaItem{ID: int64(100 + i), MeetingID: m.ID, Key: r.ID, Title: r.Title, Order: i + 1,
			Discussion: meetingDiscussion[r.ID], Decision: meetingDecision[r.ID], Owner: meetingOwner[r.ID],
			Status: meetingStatus[r.ID]}
		if it.Status != data.ItemOpen {
			it.StartedAt, it.DecidedAt, it.Due = docAt(65+i), docAt(70+i), docAt(24*60+i)
		}
		if r.ID == "stop" {
			it.Choices = []string{"ネットワークからの切離し"}
			it.Target = "CS端末（本庁舎3階 市民課 1番）"
		}
		m.Items = append(m.Items, it)
	}
	m.Items = append(m.Items, data.AgendaItem{ID: 200, MeetingID: m.ID, Title: otherItem, Order: len(table) + 1,
		Discussion: "問い合わせ窓口を総務課に一本化する。", Decision: "広報担当が想定問答を作成する。",
		Owner: "総務課 広報担当", Status: data.ItemDecided, Due: docAt(2 * 24 * 60)})
	return m
}

var meetingTasks = []data.Task{
	{ID: 1, Text: "CS端末をネットワークから切り離す", Owner: "伊藤 三郎", Due: docAt(85)},
	{ID: 2, Text: "宮城県市町村課へ文書で報告する", Owner: "山田 太郎", Due: docAt(24 * 60), Done: true},
}

func testMeetingData(t *testing.T, mc meetingCase) reports.MeetingData {
	t.Helper()
	s := newDocStore(t)
	cd, err := reports.LoadCase(s, mc.create(t, s))
	require.NoError(t, err)
	md := reports.MeetingData{CaseData: cd, Meeting: testMeeting(cd)}
	for _, tk := range meetingTasks {
		tk.CaseID, tk.MeetingID = cd.Case.ID, md.Meeting.ID
		md.Tasks = append(md.Tasks, tk)
	}
	return md
}

// assertInOrder checks that each of wants occurs in text after the previous one.
func assertInOrder(t *testing.T, text string, wants []string, what string) {
	t.Helper()
	at := 0
	for _, w := range wants {
		i := strings.Index(text[at:], w)
		if !assert.GreaterOrEqual(t, i, 0, "%s: %q missing or out of order", what, w) {
			return
		}
		at += i + len(w)
	}
}

// pdfPages is the page count pdfinfo reads.
func pdfPages(t *testing.T, b []byte) int {
	t.Helper()
	needTool(t, "pdfinfo")
	out, err := exec.Command("pdfinfo", writeTemp(t, b)).CombinedOutput()
	require.NoError(t, err, "%s", out)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	require.NotNil(t, m, "%s", out)
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// checkFonts checks that pdffonts lists the fonts embedded.
func checkFonts(t *testing.T, b []byte) {
	t.Helper()
	needTool(t, "pdffonts")
	out, err := exec.Command("pdffonts", writeTemp(t, b)).CombinedOutput()
	require.NoError(t, err, "%s", out)
	n := 0
	for _, line := range strings.Split(string(out), "\n")[2:] {
		if f := strings.Fields(line); len(f) >= 5 {
			n++
			assert.Contains(t, f, "yes", "font not embedded: %s", line)
		}
	}
	assert.GreaterOrEqual(t, n, 2, "%s", out)
}

// sameBytes makes a document twice, and once with the UI in English, and
// checks the three are identical.
func sameBytes(t *testing.T, build func() ([]byte, error)) []byte {
	t.Helper()
	a, err := build()
	require.NoError(t, err)
	b, err := build()
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, b), "the same data gave different bytes")
	prev := i18n.Language()
	require.NoError(t, i18n.SetLanguage(i18n.English))
	c, err := build()
	require.NoError(t, i18n.SetLanguage(prev))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(a, c), "the UI language changed the document")
	return a
}

func TestAgendaFollowsTheTableOfTheClass(t *testing.T) {
	for _, mc := range meetingCases {
		t.Run(mc.name, func(t *testing.T) {
			md := testMeetingData(t, mc)
			cd := md.CaseData
			for _, withMeeting := range []bool{false, true} {
				var m *data.Meeting
				if withMeeting {
					m = &md.Meeting
				}
				what := fmt.Sprintf("%s meeting=%v", mc.name, withMeeting)
				b := sameBytes(t, func() ([]byte, error) { return reports.Agenda(cd, m, reports.DocOptions{}) })
				file := writeTemp(t, b)
				all := pdfText(t, file, 0, 0)
				labels := pdfText(t, file, labelCol[0], labelCol[1])
				values := pdfText(t, file, valueCol[0], valueCol[1])

				assert.Contains(t, all, "セキュリティ会議次第", what)
				assert.Contains(t, all, flat(mc.head), what)
				assert.Contains(t, all, "取扱注意", what)
				assert.Contains(t, all, flat(reports.AuditHead(cd.Head.Seq, cd.Head.Hash)), what)
				assert.Contains(t, values, flat(cd.Case.Number+cd.Case.Title), what)
				assert.Contains(t, values, flat(cd.Case.Class.Info().Article), what)

				// Every row of the table, in the regulation's order and
				// wording, numbered, each with its sub-options or 内容 line.
				var titles, contents []string
				for i, r := range mc.table {
					titles = append(titles, fmt.Sprintf("%d%s", i+1, flat(r.Title)))
					if len(r.Options) > 0 {
						contents = append(contents, flat("☐"+strings.Join(r.Options, "☐")))
					} else {
						contents = append(contents, flat(r.Content))
					}
				}
				assertInOrder(t, labels, titles, what+" titles")
				assertInOrder(t, values, contents, what+" contents")
				// The headers of the table, and nothing of another table.
				assert.Contains(t, labels, flat(mc.table[0].Title))
				if mc.name == "failure" {
					assert.NotContains(t, labels, "緊急時体制の把握", "a Table B row in a Table A agenda")
				}

				// What is known so far.
				last := cd.Timeline[len(cd.Timeline)-1]
				assert.Contains(t, all, flat(last.Text), what)
				switch mc.name {
				case "misconduct":
					assert.Contains(t, values, flat("レベル3（本人確認情報に脅威を及ぼすおそれの高い事象）"), what)
					assert.Contains(t, values, flat("・業務端末等の不審な操作の検出（電子的侵入）"), what)
					for _, item := range data.MisconductReportItems {
						assert.Contains(t, labels, flat(item.Text), what)
					}
					assert.Contains(t, values, flat(misconductItems.Details), what)
				case "failure":
					assert.Contains(t, values, flat("事象:"+failureItems.Event), what)
					assert.Contains(t, values, flat(failureItems.Place), what)
					assert.Contains(t, values, flat(failureItems.DataImpactText), what)
					assert.Contains(t, values, flat("判断:令和8年11月27日14時30分"+failureItems.DecidedBy), what)
					assert.NotContains(t, values, flat(checkNotes[0]), "the checks are in the report, not the summary")
				}

				if withMeeting {
					assert.Contains(t, all, "第1回セキュリティ会議次第", what)
					assert.Contains(t, values, flat("令和8年11月27日15時00分"), what)
					assert.Contains(t, values, flat(md.Meeting.Place), what)
					assert.Contains(t, values, flat("鈴木一郎（セキュリティ統括責任者（副市長））"), what)
					assert.Contains(t, labels, fmt.Sprintf("%dその他", len(mc.table)+1), what)
					assert.Contains(t, values, flat(otherItem), what)
					for _, a := range meetingAttendees {
						assert.Contains(t, all, flat(a.Name+a.Role), what)
					}
					// An agenda is printed before the meeting: no decision in it.
					assert.NotContains(t, all, flat(meetingDecision["stop"]), what)
				} else {
					assert.NotContains(t, all, "第1回", what)
					assert.Contains(t, values, flat("令和　　年　　月　　日　　時　　分"), what)
					assert.NotContains(t, labels, "その他", what)
				}
				checkFonts(t, b)
			}
		})
	}
}

// A meeting whose stored items lost a regulation row still gets every row
// on its agenda: the regulation's items cannot be removed.
func TestAgendaKeepsEveryRegulationRow(t *testing.T) {
	md := testMeetingData(t, meetingCases[1])
	m := md.Meeting
	m.Items = m.Items[1:] // システムの停止 gone
	b, err := reports.Agenda(md.CaseData, &m, reports.DocOptions{})
	require.NoError(t, err)
	labels := pdfText(t, writeTemp(t, b), labelCol[0], labelCol[1])
	assert.Contains(t, labels, "1システムの停止")
	assert.Contains(t, labels, "9運用再開の決定")
	assert.Contains(t, labels, "10その他")
}

func TestAgendaOfAPendingCase(t *testing.T) {
	s := newDocStore(t)
	c := &data.Case{Title: "判定前の事案", Class: data.ClassPending, Status: data.StatusOpen, DiscoveredAt: docT0}
	require.NoError(t, s.CreateCase(c))
	cd, err := reports.LoadCase(s, c.ID)
	require.NoError(t, err)
	b, err := reports.Agenda(cd, nil, reports.DocOptions{})
	assert.Nil(t, b)
	e := data.AsError(err)
	require.NotNil(t, e, "%v", err)
	assert.Equal(t, data.EINVALID, e.Code)
	assert.Contains(t, i18n.ErrorMessage(err), "判定中")
	assert.NotEqual(t, i18n.T("error.invalid"), i18n.ErrorMessage(err))
}

func TestMinutes(t *testing.T) {
	for _, mc := range meetingCases {
		t.Run(mc.name, func(t *testing.T) {
			md := testMeetingData(t, mc)
			b := sameBytes(t, func() ([]byte, error) { return reports.Minutes(md, reports.DocOptions{}) })
			file := writeTemp(t, b)
			all := pdfText(t, file, 0, 0)
			labels := pdfText(t, file, labelCol[0], labelCol[1])
			values := pdfText(t, file, valueCol[0], valueCol[1])

			assert.Contains(t, all, "第1回セキュリティ会議議事録")
			assert.Contains(t, all, flat("大崎市-住基-"+md.Case.Number+" 第1回会議"))
			assert.Contains(t, all, "取扱注意")
			assert.Contains(t, all, flat(reports.AuditHead(md.Head.Seq, md.Head.Hash)))
			assert.Contains(t, values, flat(md.Case.Number+md.Case.Title))
			assert.Contains(t, values, md.Head.Hash, "the case reference with the whole audit head")
			for _, want := range []string{
				"令和8年11月27日", "開会15時07分閉会16時10分", md.Meeting.Place,
				"鈴木一郎（セキュリティ統括責任者（副市長））", "山田太郎", "高橋次郎",
			} {
				assert.Contains(t, values, flat(want))
			}
			for _, l := range []string{"開催日", "開会・閉会", "場所", "議長", "記録者", "議事録署名人"} {
				assert.Contains(t, labels, l)
			}
			for _, a := range meetingAttendees {
				presence := "欠席"
				if a.Present {
					presence = "出席"
				}
				assert.Contains(t, all, flat(a.Name+a.Role+presence))
			}

			// Every item in order, with its deliberation, decision, owner and due.
			var headings []string
			for i, r := range mc.table {
				headings = append(headings, fmt.Sprintf("(%d)%s", i+1, r.Title))
			}
			headings = append(headings, fmt.Sprintf("(%d)その他:%s", len(mc.table)+1, otherItem))
			assertInOrder(t, all, headings, "item headings")
			for _, r := range mc.table {
				key, text := r.ID, meetingDiscussion[r.ID]
				if text == "" {
					continue
				}
				assert.Contains(t, values, flat(text), key)
				assert.Contains(t, values, flat(meetingDecision[key]), key)
				assert.Contains(t, values, flat("担当:"+meetingOwner[key]), key)
			}
			stop := data.TableA[0]
			assert.Contains(t, values, flat("☐"+strings.Join(stop.Options[:3], "☐")+"☑"+stop.Options[3]+"対象:CS端末（本庁舎3階 市民課 1番）"+meetingDecision["stop"]))
			assert.Contains(t, values, flat("☑決定☐保留☐事後承認審議開始15時10分決定15時15分"))
			assert.Contains(t, values, flat("期限:令和8年11月28日14時05分"))
			assert.Contains(t, values, "未審議", "an item not taken up is one line")
			if mc.name == "misconduct" {
				assert.Contains(t, values, flat("保留15時"), "the deferred 運用再開の決定")
				assert.Contains(t, values, flat(meetingDecision["review"]))
			}

			// Follow-ups, then the seal boxes with the names.
			assertInOrder(t, all, []string{
				"4.今後の対応",
				flat("1" + meetingTasks[0].Text + meetingTasks[0].Owner + "R8.11.2715:30未了"),
				flat("2" + meetingTasks[1].Text + meetingTasks[1].Owner + "R8.11.2814:05済"),
				"議長", "印",
			}, "tasks and seals")
			for _, l := range []string{"議長鈴木一郎", "記録者山田太郎", "議事録署名人高橋次郎"} {
				assert.Contains(t, strings.ReplaceAll(all, "印", ""), l)
			}
			assert.GreaterOrEqual(t, pdfPages(t, b), 2, "minutes of a whole table run over pages")
			checkFonts(t, b)
			checkSigned(t, b)
		})
	}
}

// Minutes of a meeting with nothing recorded yet print （未記入） rather than
// failing, and no 議事録署名人 box when none is named.
// A deputy who chairs is printed with their own role: the regulation names no
// chair, and calling the deputy セキュリティ統括責任者 would misstate who decided.
// A chair who is not among the attendees is printed by name alone.
func TestChairIsPrintedWithTheirOwnRole(t *testing.T) {
	for _, tc := range []struct {
		chair, want string
	}{
		{"山田 太郎", "山田太郎（セキュリティ責任者（総務部長））"},
		{"佐々木 花子", "佐々木花子"},
	} {
		md := testMeetingData(t, meetingCases[0])
		md.Meeting.Chair = tc.chair
		for name, build := range map[string]func() ([]byte, error){
			"agenda":  func() ([]byte, error) { return reports.Agenda(md.CaseData, &md.Meeting, reports.DocOptions{}) },
			"minutes": func() ([]byte, error) { return reports.Minutes(md, reports.DocOptions{}) },
		} {
			b, err := build()
			require.NoError(t, err)
			values := pdfText(t, writeTemp(t, b), valueCol[0], valueCol[1])
			assert.Contains(t, values, flat(tc.want), name)
			assert.NotContains(t, values, flat(tc.want+"（セキュリティ統括責任者）"), name)
			assert.NotContains(t, values, flat(strings.ReplaceAll(tc.chair, " ", "")+"（セキュリティ統括責任者"), name)
		}
	}
}

func TestMinutesOfAnEmptyMeeting(t *testing.T) {
	md := testMeetingData(t, meetingCases[0])
	md.Meeting = data.Meeting{ID: 9, CaseID: md.Case.ID, Seq: 2}
	md.Tasks = nil
	b, err := reports.Minutes(md, reports.DocOptions{})
	require.NoError(t, err)
	all := pdfText(t, writeTemp(t, b), 0, 0)
	assert.Contains(t, all, "第2回セキュリティ会議議事録")
	assert.Contains(t, all, "（未記入）")
	assert.Contains(t, all, "審議した項目はありません。")
	assert.Contains(t, all, "担当者のある事項はありません。")
	assert.NotContains(t, all, "議事録署名人")
}

// Columns of the decision summary (mm from the page's left edge): 項目,
// 決定事項, 状態, 担当, 期限.
var decisionCols = func() [][2]float64 {
	x := reports.A4.Left
	var cols [][2]float64
	for _, w := range []float64{34, 58, 20, 28, 30} {
		cols = append(cols, [2]float64{x + 0.5, x + w - 0.5})
		x += w
	}
	return cols
}()

func TestDecisionsSummary(t *testing.T) {
	for _, mc := range meetingCases {
		t.Run(mc.name, func(t *testing.T) {
			md := testMeetingData(t, mc)
			b := sameBytes(t, func() ([]byte, error) { return reports.Decisions(md, reports.DocOptions{}) })
			assert.Equal(t, 1, pdfPages(t, b))
			file := writeTemp(t, b)
			all := pdfText(t, file, 0, 0)
			col := make([]string, len(decisionCols))
			for i, c := range decisionCols {
				col[i] = pdfText(t, file, c[0], c[1])
			}
			items, decisions, statuses, owners, dues := col[0], col[1], col[2], col[3], col[4]
			assert.Contains(t, all, "第1回セキュリティ会議決定事項一覧")
			assert.Contains(t, all, "議長鈴木一郎記録者山田太郎")
			assert.Contains(t, all, flat("令和8年11月27日 15時07分〜16時10分"))
			var titles, wantStatus []string
			for _, it := range md.Meeting.Items {
				if it.Status == data.ItemOpen {
					assert.NotContains(t, items, flat(it.Title), "an item not dealt with is not listed")
					continue
				}
				title := it.Title
				if it.Key == "" {
					title = "その他:" + it.Title
				}
				titles = append(titles, flat(title))
				wantStatus = append(wantStatus, map[data.ItemStatus]string{data.ItemDecided: "決定", data.ItemDeferred: "保留", data.ItemRatify: "事後承認"}[it.Status])
				assert.Contains(t, decisions, flat(it.Decision), it.Key)
				assert.Contains(t, owners, flat(it.Owner), it.Key)
			}
			assertInOrder(t, items, titles, "items")
			assert.Equal(t, strings.Join(wantStatus, ""), statuses[strings.Index(statuses, "状態")+len("状態"):])
			assert.Contains(t, decisions, flat("ネットワークからの切離し対象:CS端末（本庁舎3階 市民課 1番）"+meetingDecision["stop"]))
			assert.Contains(t, dues, "期限R8.11.2814:05R8.11.2814:06")
			assert.NotContains(t, decisions, "…", "nothing cut when it fits")
			checkFonts(t, b)
			checkSigned(t, b)
		})
	}
}

// However long the decisions, nothing is cut: the summary is the record of
// what was decided and goes on to as many pages as it needs.
func TestDecisionsSummaryWrapsLongTextsToMorePages(t *testing.T) {
	md := testMeetingData(t, meetingCases[1])
	long := strings.Repeat("切離し対象の機器と時刻を確認し、作業の記録を残したうえで報告する。", 25)
	owner := strings.Repeat("担当課長", 20)
	for i := range md.Meeting.Items {
		it := &md.Meeting.Items[i]
		it.Status, it.Decision, it.Target = data.ItemDecided, fmt.Sprintf("%d:%s", i+1, long), string([]rune(long)[:100])
		it.Owner = owner
	}
	for i := range 8 {
		md.Meeting.Items = append(md.Meeting.Items, data.AgendaItem{Title: fmt.Sprintf("追加の項目%d", i), Order: 100 + i,
			Status: data.ItemDecided, Decision: fmt.Sprintf("追加%d:%s", i, long), Owner: "担当"})
	}
	b, err := reports.Decisions(md, reports.DocOptions{})
	require.NoError(t, err)
	pages := pdfPages(t, b)
	assert.Greater(t, pages, 5, "as many pages as it needs")
	file := writeTemp(t, b)
	all := pdfText(t, file, 0, 0)
	items := pdfText(t, file, decisionCols[0][0], decisionCols[0][1])
	decisions := pdfText(t, file, decisionCols[1][0], decisionCols[1][1])
	for _, col := range decisionCols[:4] {
		assert.NotContains(t, pdfText(t, file, col[0], col[1]), "…", "nothing is cut")
	}
	assert.NotContains(t, all, "ほか", "no row left out")
	// Every decision whole, in order; the continued rows marked only by the
	// repeated header row.
	decisions = strings.ReplaceAll(decisions, "決定事項", "")
	for _, it := range md.Meeting.Items {
		assert.Contains(t, decisions, flat(it.Decision), it.Title)
		assert.Contains(t, items, flat(strings.TrimPrefix(it.Title, "その他:")))
	}
	owners := pdfText(t, file, decisionCols[3][0], decisionCols[3][1])
	assert.Contains(t, strings.ReplaceAll(owners, "担当者", ""), owner, "the owner whole")
	checkFonts(t, b)
}

// LoadMeeting reads the meeting, its case and only its own follow-ups from the
// case file, and the minutes print them.
func TestLoadMeeting(t *testing.T) {
	s := newDocStore(t)
	id := createMisconductCase(t, s)
	first := &data.Meeting{CaseID: id, Place: "本庁舎3階 第1会議室", Date: docAt(55), Chair: "鈴木 一郎", Recorder: "山田 太郎",
		Attendees: meetingAttendees}
	require.NoError(t, s.CreateMeeting(first, "第1回セキュリティ会議を招集"))
	notify := first.Items[1]
	notify.Discussion, notify.Decision, notify.Owner = meetingDiscussion["notify"], meetingDecision["notify"], meetingOwner["notify"]
	notify.Status, notify.Due = data.ItemDecided, docAt(24*60)
	require.NoError(t, s.SaveAgendaItem(&notify, "関係機関への連絡を決定"))

	second := &data.Meeting{CaseID: id, Date: docAt(3 * 24 * 60)}
	require.NoError(t, s.CreateMeeting(second, "第2回セキュリティ会議を招集"))
	other := data.AgendaItem{MeetingID: second.ID, Title: "第2回だけの項目", Decision: "第2回で決めたこと", Owner: "伊藤 三郎", Status: data.ItemDecided}
	require.NoError(t, s.SaveAgendaItem(&other, "その他の項目を決定"))

	md, err := reports.LoadMeeting(s, first.ID)
	require.NoError(t, err)
	assert.Equal(t, id, md.Case.ID)
	assert.Equal(t, 1, md.Meeting.Seq)
	require.Len(t, md.Meeting.Items, len(data.TableB))
	require.Len(t, md.Tasks, 1, "only the first meeting's follow-ups")
	assert.Equal(t, notify.ID, md.Tasks[0].ItemID)
	head, err := s.Head()
	require.NoError(t, err)
	assert.Equal(t, head, md.Head, "the audit head after the meeting's changes")

	b, err := reports.Minutes(md, reports.DocOptions{})
	require.NoError(t, err)
	all := pdfText(t, writeTemp(t, b), 0, 0)
	for _, want := range []string{meetingDecision["notify"], "担当:" + meetingOwner["notify"], "期限:令和8年11月28日14時05分", head.Hash[:8]} {
		assert.Contains(t, all, flat(want))
	}
	assert.NotContains(t, all, "第2回で決めたこと")

	md2, err := reports.LoadMeeting(s, second.ID)
	require.NoError(t, err)
	assert.Equal(t, 2, md2.Meeting.Seq)
	require.Len(t, md2.Tasks, 1)
	assert.Equal(t, "伊藤 三郎", md2.Tasks[0].Owner)

	_, err = reports.LoadMeeting(s, 999)
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(err))
}

// A long follow-up list continues on the next page with its header row
// repeated there.
func TestMinutesTaskListRepeatsItsHeader(t *testing.T) {
	md := testMeetingData(t, meetingCases[0])
	for i := range 40 {
		md.Tasks = append(md.Tasks, data.Task{ID: int64(10 + i), Text: fmt.Sprintf("追加の対応その%d", i+1), Owner: "伊藤 三郎", Due: docAt(60 + i)})
	}
	b, err := reports.Minutes(md, reports.DocOptions{})
	require.NoError(t, err)
	file := writeTemp(t, b)
	pages := pdfPages(t, b)
	header := "番号内容担当期限状況"
	withHeader := 0
	for p := 1; p <= pages; p++ {
		out, err := exec.Command("pdftotext", "-layout", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), file, "-").CombinedOutput()
		require.NoError(t, err, "%s", out)
		if strings.Contains(flat(string(out)), header) {
			withHeader++
		}
	}
	assert.GreaterOrEqual(t, withHeader, 2, "the header row on every page the list spans")
	assert.Contains(t, pdfText(t, file, 0, 0), "42追加の対応その40")
}
