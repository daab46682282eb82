package data_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// regulationSHA256 is the hash of the regulation as shipped in
// shared/regulation/osaki-jukinet-kinkyuji-taio-kitei.txt.
const regulationSHA256 = "27ab65d81f32272b0bf17bf35fdd03372338a09e04de569acb18f3417d5a9af8"

const sharedRegulation = "../../shared/regulation/osaki-jukinet-kinkyuji-taio-kitei.txt"

func TestRegulationTextIsTheSharedFile(t *testing.T) {
	sum := sha256.Sum256([]byte(data.RegulationText()))
	assert.Equal(t, regulationSHA256, hex.EncodeToString(sum[:]))

	// Where the shared copy is at hand, compare byte for byte as well.
	shared, err := os.ReadFile(sharedRegulation)
	if errors.Is(err, fs.ErrNotExist) {
		return // the hash above is the comparison
	}
	require.NoError(t, err)
	assert.Equal(t, string(shared), data.RegulationText())
}

// quote is a string the package claims to copy from the regulation.
type quote struct{ where, text string }

// quotes builds the list of every Japanese string in the exported regulation
// data by walking it, so an item added to any table is checked automatically.
func quotes() []quote {
	var q []quote
	add := func(where, text string) { q = append(q, quote{where, text}) }

	for _, r := range data.Roles {
		add("role "+string(r.Role), r.Label)
	}
	for _, b := range data.Bodies {
		add("body "+string(b), b.Term())
	}
	for _, c := range data.ClassInfos {
		where := "class " + string(c.Class)
		add(where+" label", c.Label)
		add(where+" definition", c.Definition)
		add(where+" examples", c.Examples)
	}
	for _, f := range data.FailureTypes {
		where := "failure type " + string(f.Type)
		add(where+" label", f.Label)
		add(where+" events", f.Events)
		for i, check := range f.Checks {
			add(where+" check "+strconv.Itoa(i), check)
		}
	}
	for _, l := range data.ThreatLevels {
		where := "threat level " + strconv.Itoa(int(l.Level))
		add(where+" label", l.Label)
		add(where+" description", l.Description)
		for _, ex := range l.Examples {
			add("threat example "+ex.ID, ex.Text)
			add("threat example "+ex.ID+" kind", ex.Kind.Label())
		}
	}
	for _, c := range data.Classes {
		for _, s := range data.StepsFor(c) {
			add("step "+s.ID+" action", s.Action)
			if s.Condition.Text != "" {
				add("step "+s.ID+" condition", s.Condition.Text)
			}
		}
		title, _, items := data.MeetingTable(c)
		if title == "" {
			continue
		}
		add("meeting table "+string(c), title)
		for _, it := range items {
			where := "meeting item " + string(c) + "/" + it.ID
			add(where+" title", it.Title)
			for i, o := range it.Options {
				add(where+" option "+strconv.Itoa(i), o)
			}
			if it.Content != "" {
				add(where+" content", it.Content)
			}
		}
	}
	for _, g := range data.PreventionMeasures {
		add("prevention "+g.ID+" title", g.Title)
		for i, m := range g.Measures {
			add("prevention "+g.ID+" measure "+strconv.Itoa(i), m)
		}
	}
	for _, r := range data.MisconductReportItems {
		add("report item "+r.ID, r.Text)
	}
	return q
}

func inRegulation(s string) bool { return strings.Contains(data.RegulationText(), s) }

func TestEveryStringIsVerbatim(t *testing.T) {
	q := quotes()
	require.Greater(t, len(q), 100, "the walk found too few strings")
	for _, x := range q {
		t.Run(x.where, func(t *testing.T) {
			require.NotEmpty(t, x.text)
			assert.Equal(t, strings.TrimSpace(x.text), x.text, "stray whitespace")
			assert.True(t, inRegulation(x.text), "not in the regulation: %q", x.text)
		})
	}
}

// TestVerbatimCheckCatchesAlterations proves the check above can fail: each
// string here is a plausible retyping of a real one.
func TestVerbatimCheckCatchesAlterations(t *testing.T) {
	failure := data.ClassFailure.Info()
	tests := []struct {
		name, real, altered string
	}{
		{"ideographic comma", failure.Definition, strings.Replace(failure.Definition, ",", "、", 1)},
		{"full-width comma", failure.Examples, strings.Replace(failure.Examples, ",", "，", 1)},
		{"full-width parenthesis", failure.Examples, strings.Replace(failure.Examples, "(", "（", 1)},
		{"table B wording in table A", data.TableA[5].Content, "障害復旧状況及び本人確認情報の整合性等を確認し,運用再開の決定を行う。"},
		{"contractor variant", data.RoleContractor.Label(), "保守委託業者等と連絡調整"},
		{"dropped character", data.MisconductReportItems[0].Text, strings.Replace(data.MisconductReportItems[0].Text, "及び", "及", 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NotEqual(t, tt.real, tt.altered)
			assert.True(t, inRegulation(tt.real))
			assert.False(t, inRegulation(tt.altered))
		})
	}
}

// TestTablesMatchRegulation rebuilds each table of the regulation from the data,
// line by line, and finds it in its own article: this checks order, cell
// boundaries, and that table A and table B each come from their own article.
func TestTablesMatchRegulation(t *testing.T) {
	lines := func(ls ...string) string { return strings.Join(ls, "\n\n") }

	classes := []string{"区分", "状態"}
	for _, c := range data.ClassInfos {
		classes = append(classes, c.Label, c.Definition, "(例)"+c.Examples)
	}
	events := []string{"障害の種類", "事象"}
	checks := []string{"障害の種類", "確認事項"}
	for _, f := range data.FailureTypes {
		events = append(events, f.Label, f.Events)
		checks = append(checks, f.Label, strings.Join(f.Checks, ","))
	}
	threats := []string{"脅威度", "事象", "事例"}
	for _, l := range data.ThreatLevels {
		threats = append(threats, l.Label, l.Description)
		kind := data.ThreatKind("")
		for _, ex := range l.Examples {
			if ex.Kind != kind {
				kind = ex.Kind
				threats = append(threats, "("+kind.Label()+")")
			}
			threats = append(threats, "・"+ex.Text)
		}
	}
	meeting := func(c data.Class) []string {
		title, _, items := data.MeetingTable(c)
		ls := []string{title, "内容"}
		for _, it := range items {
			ls = append(ls, it.Title)
			ls = append(ls, it.Options...)
			if it.Content != "" {
				ls = append(ls, it.Content)
			}
		}
		return ls
	}
	prevention := []string{"対策の種類", "内容"}
	for _, g := range data.PreventionMeasures {
		prevention = append(prevention, g.Title)
		prevention = append(prevention, g.Measures...)
	}

	tests := []struct {
		name    string
		article int
		table   []string
	}{
		{"classes (第2条)", 2, classes},
		{"failure events (第4条第2号)", 4, events},
		{"failure checks (第4条第3号)", 4, checks},
		{"table A (第4条第6号)", 4, meeting(data.ClassFailure)},
		{"prevention (第4条第10号)", 4, prevention},
		{"threat levels (第5条)", 5, threats},
		{"table B (第5条第6号)", 5, meeting(data.ClassMisconduct)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Whole lines: a table may end its article, which ArticleText trims.
			assert.Contains(t, data.ArticleText(tt.article)+"\n", "\n"+lines(tt.table...)+"\n")
		})
	}
}

var articleRef = regexp.MustCompile(`^第([0-9]+)条第([0-9]+)号([アイウエ]?)$`)

const subLetters = "アイウエ"

// subItems returns the unnamed sub-items (the lines with a leading space) of the
// numbered item "(n)" of an article, in order: ア, イ, ウ, エ.
func subItems(article string, number string) []string {
	var items []string
	in := false
	for _, l := range strings.Split(article, "\n") {
		switch {
		case strings.HasPrefix(l, number+" "):
			in = true
		case in && strings.HasPrefix(l, "("):
			return items
		case in && strings.HasPrefix(l, " "):
			items = append(items, l[1:])
		}
	}
	return items
}

func letterIndex(letter string) int {
	for i, r := range []rune(subLetters) {
		if string(r) == letter {
			return i
		}
	}
	return -1
}

func TestStepIDsAreStable(t *testing.T) {
	ids := func(c data.Class) []string {
		var out []string
		for _, s := range data.StepsFor(c) {
			out = append(out, s.ID)
		}
		return out
	}
	// These IDs are stored in case files: this list may only grow.
	assert.Equal(t, []string{"4-1", "4-2", "4-3", "4-4", "4-5", "4-6", "4-7", "4-8", "4-9", "4-10"}, ids(data.ClassFailure))
	assert.Equal(t, []string{
		"5-1", "5-2", "5-2-a", "5-2-b", "5-2-c", "5-3", "5-4", "5-4-a", "5-4-b", "5-4-c",
		"5-5", "5-5-a", "5-5-b", "5-5-c", "5-5-d", "5-6", "5-7", "5-8", "5-8-a", "5-8-b", "5-8-c", "5-9",
	}, ids(data.ClassMisconduct))
	assert.Nil(t, data.StepsFor(data.ClassPending))
}

func TestSteps(t *testing.T) {
	tests := []struct {
		class    data.Class
		article  int
		numbered int
	}{
		{data.ClassFailure, 4, 10},
		{data.ClassMisconduct, 5, 9},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		t.Run(string(tt.class), func(t *testing.T) {
			text := data.ArticleText(tt.article)
			steps := data.StepsFor(tt.class)
			byID := map[string]data.Step{}
			numbered := 0
			for _, s := range steps {
				t.Run(s.ID, func(t *testing.T) {
					assert.False(t, seen[s.ID], "duplicate ID")
					seen[s.ID] = true
					byID[s.ID] = s
					assert.Equal(t, tt.class, s.Class)
					got, ok := data.StepByID(s.ID)
					assert.True(t, ok)
					assert.Equal(t, s, got)

					m := articleRef.FindStringSubmatch(s.Article)
					require.NotNil(t, m, "malformed article %q", s.Article)
					assert.Equal(t, strconv.Itoa(tt.article), m[1])
					parts := strings.Split(s.ID, "-")
					assert.Equal(t, []string{m[1], m[2]}, parts[:2], "ID and article disagree")

					if s.Parent() == "" {
						numbered++
						assert.Len(t, parts, 2)
						assert.Empty(t, m[3])
						assert.Equal(t, "("+m[2]+")", s.Number)
						assert.Contains(t, text, "\n"+s.Number+" "+s.Action, "not the text of its item")
					} else {
						assert.Len(t, parts, 3)
						parent, ok := byID[s.Parent()]
						require.True(t, ok, "the numbered step must come first")
						assert.Equal(t, parent.Article+m[3], s.Article)
						assert.Equal(t, m[3], s.Number)
						assert.Equal(t, string("abcd"[letterIndex(m[3])]), parts[2], "letter and ID disagree")
						items := subItems(text, parent.Number)
						require.Less(t, letterIndex(m[3]), len(items))
						assert.True(t, strings.HasPrefix(items[letterIndex(m[3])], s.Action), "not the text of its sub-item")
					}

					for _, r := range s.Actors {
						assert.NotEmpty(t, r.Label(), "unknown role %q", r)
					}
					c := s.Condition
					assert.Contains(t, s.Action, c.Text, "the condition is not the step's own")
					if len(c.Levels) > 0 {
						assert.NotEmpty(t, c.Text)
						assert.Equal(t, data.ClassMisconduct, s.Class)
					}
					for _, l := range c.Levels {
						assert.True(t, l.Valid())
						assert.Contains(t, c.Text, l.Label()[len("レベル"):])
					}
				})
			}
			assert.Equal(t, tt.numbered, numbered)
			for i := 1; i <= tt.numbered; i++ {
				assert.Contains(t, byID, strconv.Itoa(tt.article)+"-"+strconv.Itoa(i))
			}
		})
	}
	_, ok := data.StepByID(data.StepStandDown)
	assert.True(t, ok)
}

func TestMisconductReportItems(t *testing.T) {
	items := subItems(data.ArticleText(5), "(1)")
	require.Len(t, data.MisconductReportItems, len(items))
	for i, r := range data.MisconductReportItems {
		letter := string([]rune(subLetters)[i])
		assert.Equal(t, items[i], r.Text)
		assert.Equal(t, "第5条第1号"+letter, r.Article)
		assert.Equal(t, "5-1-"+string("abcd"[i]), r.ID)
	}
}

func TestThreatExamples(t *testing.T) {
	idRe := regexp.MustCompile(`^L([1-3])-([PE])[1-9]$`)
	seen := map[string]bool{}
	for _, ex := range data.ThreatExamples() {
		m := idRe.FindStringSubmatch(ex.ID)
		require.NotNil(t, m, ex.ID)
		assert.False(t, seen[ex.ID], "duplicate %s", ex.ID)
		seen[ex.ID] = true
		assert.Equal(t, m[1], strconv.Itoa(int(ex.Level)), ex.ID)
		assert.Equal(t, map[string]data.ThreatKind{"P": data.KindPhysical, "E": data.KindElectronic}[m[2]], ex.Kind, ex.ID)
	}
	assert.Len(t, seen, 11)
	assert.Len(t, data.ThreatLevels[0].Examples, 1, "level 1 has only the physical example")
	for i, l := range data.ThreatLevels {
		assert.Equal(t, data.ThreatLevel(i+1), l.Level)
		assert.Equal(t, l, l.Level.Info())
	}
}

func TestLevelOf(t *testing.T) {
	tests := []struct {
		name string
		ids  []string
		want data.ThreatLevel
	}{
		{"none", nil, 0},
		{"empty", []string{}, 0},
		{"level 1", []string{"L1-P1"}, 1},
		{"level 2 electronic", []string{"L2-E2"}, 2},
		{"highest wins", []string{"L1-P1", "L3-E1", "L2-P1"}, 3},
		{"order does not matter", []string{"L2-P2", "L1-P1"}, 2},
		{"unknown ignored", []string{"L9-X1", "L2-P1"}, 2},
		{"only unknown", []string{"nope"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, data.LevelOf(tt.ids))
		})
	}
}

func TestConditionHolds(t *testing.T) {
	tests := []struct {
		name  string
		cond  data.Condition
		level data.ThreatLevel
		want  bool
	}{
		{"unconditional, undetermined", data.Condition{}, 0, true},
		{"unconditional, level 3", data.Condition{}, 3, true},
		{"judgement only", data.Condition{Text: "支障が生じるおそれがあるとき"}, 0, true},
		{"level 1, undetermined", data.Condition{Levels: []data.ThreatLevel{1}}, 0, false},
		{"level 1 at 1", data.Condition{Levels: []data.ThreatLevel{1}}, 1, true},
		{"level 1 at 2", data.Condition{Levels: []data.ThreatLevel{1}}, 2, false},
		{"level 2 or 3 at 2", data.Condition{Levels: []data.ThreatLevel{2, 3}}, 2, true},
		{"level 2 or 3 at 3", data.Condition{Levels: []data.ThreatLevel{2, 3}}, 3, true},
		{"level 2 or 3 at 1", data.Condition{Levels: []data.ThreatLevel{2, 3}}, 1, false},
		{"level 2 or 3, undetermined", data.Condition{Levels: []data.ThreatLevel{2, 3}}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.cond.Holds(tt.level))
		})
	}
}

// TestLevelBranches checks 第5条第5号 as the checklist will show it.
func TestLevelBranches(t *testing.T) {
	tests := []struct {
		level data.ThreatLevel
		want  []string
	}{
		{0, nil},
		{1, []string{"5-5-a"}},
		{2, []string{"5-5-b", "5-5-c"}},
		{3, []string{"5-5-b", "5-5-d"}},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(int(tt.level)), func(t *testing.T) {
			var got []string
			for _, s := range data.StepsFor(data.ClassMisconduct) {
				if s.Parent() == "5-5" && s.Condition.Holds(tt.level) {
					got = append(got, s.ID)
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestArticleText(t *testing.T) {
	a4 := data.ArticleText(4)
	assert.True(t, strings.HasPrefix(a4, "(障害発生時の対応)\n\n第4条 "))
	assert.Contains(t, a4, "(10)")
	assert.NotContains(t, a4, "(不正行為発生時の対応)")
	assert.True(t, strings.HasSuffix(a4, "教育・研修等"))

	a5 := data.ArticleText(5)
	assert.True(t, strings.HasPrefix(a5, "(不正行為発生時の対応)\n\n第5条 "))
	assert.Contains(t, a5, "レベル3")
	assert.NotContains(t, a5, "この訓令は", "the supplementary provisions are not part of 第5条")

	assert.True(t, strings.HasPrefix(data.ArticleText(1), "(趣旨)\n\n第1条 "))
	assert.True(t, strings.HasSuffix(data.ArticleText(3), "速やかに変更事項を報告する。"))
	for _, n := range []int{-1, 0, 6, 25} {
		assert.Empty(t, data.ArticleText(n), "article %d", n)
	}
	for n := 1; n <= 5; n++ {
		a := data.ArticleText(n)
		assert.True(t, utf8.ValidString(a))
		assert.Contains(t, data.RegulationText(), a)
	}
}

func TestLabels(t *testing.T) {
	assert.Equal(t, "住基ネット担当者", data.RoleStaff.Label())
	assert.Equal(t, "保守委託事業者", data.RoleContractor.Label())
	assert.Empty(t, data.Role("nobody").Label())
	assert.Len(t, data.Roles, 7)

	assert.Equal(t, "障害", data.ClassFailure.Label())
	assert.Equal(t, "不正行為", data.ClassMisconduct.Label())
	assert.Equal(t, "判定中", data.ClassPending.Label())
	assert.Equal(t, data.ClassInfo{}, data.ClassPending.Info())

	assert.Equal(t, "ハードウェアの障害", data.FailureHardware.Label())
	assert.Empty(t, data.FailureType("x").Label())
	assert.Equal(t, "レベル2", data.ThreatLevel(2).Label())
	assert.Empty(t, data.ThreatLevel(0).Label())
	assert.Empty(t, data.ThreatLevel(4).Label())

	bodies := []struct {
		body             data.Body
		city, prefecture string
		want             string
	}{
		{data.BodyCity, "仙台市", "宮城県", "仙台市"},
		{data.BodyCity, "", "", data.DefaultCity},
		{data.BodyPrefecture, "大崎市", "山形県", "山形県"},
		{data.BodyPrefecture, "", "", data.DefaultPrefecture},
		{data.BodyAgency, "仙台市", "山形県", "指定情報処理機関"},
		{data.Body("x"), "", "", ""},
	}
	for _, tt := range bodies {
		assert.Equal(t, tt.want, tt.body.Label(tt.city, tt.prefecture), "%s %q %q", tt.body, tt.city, tt.prefecture)
	}

	title, article, items := data.MeetingTable(data.ClassPending)
	assert.Empty(t, title)
	assert.Empty(t, article)
	assert.Nil(t, items)
	_, article, _ = data.MeetingTable(data.ClassFailure)
	assert.Equal(t, "第4条第6号", article)
}
