package forms

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// listScreen has four cases, newest first: one of each class and status, one
// drill, and timelines to search.
func listScreen(t *testing.T) (*screen, *CaseList, []data.Case) {
	s := newScreen(t)
	day := func(d int) time.Time { return time.Date(2026, 11, d, 10, 0, 0, 0, testNow.Location()) }
	outage := s.addCase(t, "本庁舎の停電によるCSの停止", data.ClassFailure, data.StatusClosed, false, day(1))
	virus := s.addCase(t, "業務端末でのウイルス検出", data.ClassMisconduct, data.StatusRecovered, false, day(10))
	access := s.addCase(t, "CS端末への不審な操作", data.ClassMisconduct, data.StatusOpen, true, day(20))
	slow := s.addCase(t, "CSの応答遅延", data.ClassPending, data.StatusOpen, false, day(25))
	for _, e := range []data.Entry{
		{CaseID: outage.ID, Text: "情報漏洩のおそれはないことを確認"},
		{CaseID: access.ID, Text: "操作者カードの貸与記録を確認中"},
	} {
		e.At = testNow
		require.NoError(t, s.env.Store.AddEntry(&e))
	}
	var picked []int64
	l := NewCaseList(s.env, func(c data.Case) { picked = append(picked, c.ID) }, nil)
	l.delay = time.Millisecond
	s.win.SetContent(l.Content())
	return s, l, []data.Case{slow, access, virus, outage}
}

func numbers(l *CaseList) []string {
	var out []string
	for _, c := range l.rows {
		out = append(out, c.Title)
	}
	return out
}

func TestListShowsCasesNewestFirst(t *testing.T) {
	_, l, cases := listScreen(t)
	assert.Equal(t, []string{"CSの応答遅延", "CS端末への不審な操作", "業務端末でのウイルス検出", "本庁舎の停電によるCSの停止"}, numbers(l))
	assert.Equal(t, "4件", l.count.Text)

	row := newCaseRow()
	row.set(cases[1], "")
	assert.Equal(t, "2026-003", row.number.Text)
	assert.Equal(t, "CS端末への不審な操作", row.title.Text)
	assert.Equal(t, "不正行為", row.class.text.Text)
	assert.Equal(t, "対応中", row.status.Text)
	assert.Equal(t, "令和8年11月20日", row.date.Text)
	assert.True(t, row.drill.box.Visible())
	assert.False(t, row.snippet.Visible())
}

func TestListFilters(t *testing.T) {
	_, l, _ := listScreen(t) // one file for all: each case sets every filter
	for _, tc := range []struct {
		name, class, status string
		hideDrill           bool
		want                []string
	}{
		{"misconduct", "不正行為", "すべて", false, []string{"CS端末への不審な操作", "業務端末でのウイルス検出"}},
		{"failure", "障害", "すべて", false, []string{"本庁舎の停電によるCSの停止"}},
		{"pending", "判定中", "すべて", false, []string{"CSの応答遅延"}},
		{"open", "すべて", "対応中", false, []string{"CSの応答遅延", "CS端末への不審な操作"}},
		{"recovered", "すべて", "復旧済", false, []string{"業務端末でのウイルス検出"}},
		{"closed", "すべて", "終了", false, []string{"本庁舎の停電によるCSの停止"}},
		{"no drills", "すべて", "すべて", true, []string{"CSの応答遅延", "業務端末でのウイルス検出", "本庁舎の停電によるCSの停止"}},
		{"open misconduct without drills", "不正行為", "対応中", true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l.class.SetSelected(tc.class)
			l.status.SetSelected(tc.status)
			l.hideDrill.SetChecked(tc.hideDrill)
			assert.Equal(t, tc.want, numbers(l))
		})
	}
}

// search types q and waits for its answer, applying the answers of the
// searches on this goroutine as the app's main loop would.
func search(t *testing.T, l *CaseList, q string) {
	t.Helper()
	updates := make(chan func(), 64)
	l.do = func(f func()) { updates <- f }
	done := false
	l.searched = func(got string) { done = done || got == q }
	l.search.SetText("")
	test.Type(l.search, q)
	for !done {
		select {
		case f := <-updates:
			f()
		case <-time.After(5 * time.Second):
			t.Fatalf("search %q did not answer", q)
		}
	}
}

func TestListSearch(t *testing.T) {
	_, l, _ := listScreen(t)
	for _, tc := range []struct {
		name, q string
		want    []string
		snippet string
	}{
		{"title, 3+ characters", "不審な操作", []string{"CS端末への不審な操作"}, ""},
		{"timeline, 3+ characters", "貸与記録", []string{"CS端末への不審な操作"}, "操作者カードの貸与記録を確認中"},
		{"timeline, 2 characters", "漏洩", []string{"本庁舎の停電によるCSの停止"}, "情報漏洩のおそれはないことを確認"},
		{"title, 2 characters", "CS", []string{"CSの応答遅延", "CS端末への不審な操作", "本庁舎の停電によるCSの停止"}, ""},
		{"no hit", "火災", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			search(t, l, tc.q)
			assert.Equal(t, tc.want, numbers(l))
			if tc.snippet != "" {
				assert.Contains(t, l.snippets[0], tc.snippet)
			}
		})
	}
}

func TestSearchKeepsFiltersAndClearingListsAgain(t *testing.T) {
	_, l, _ := listScreen(t)
	test.Tap(l.hideDrill)
	search(t, l, "CS")
	assert.Equal(t, []string{"CSの応答遅延", "本庁舎の停電によるCSの停止"}, numbers(l), "the drill stays hidden")
	assert.Equal(t, "2件該当", l.count.Text)

	l.search.SetText("")
	assert.Len(t, l.rows, 3, "an empty search box lists the cases")
	assert.Nil(t, l.snippets)
	assert.Equal(t, "3件", l.count.Text)
}

func TestSelectKeepsTheCaseSelected(t *testing.T) {
	_, l, cases := listScreen(t)
	var picked []int64
	l.onSelect = func(c data.Case) { picked = append(picked, c.ID) }
	l.list.Select(1)
	assert.Equal(t, []int64{cases[1].ID}, picked, "a user's pick is reported")

	l.Select(cases[2].ID)
	assert.Equal(t, []int64{cases[1].ID}, picked, "Select does not report back")
	l.Reload()
	assert.Equal(t, cases[2].ID, l.selected)
}
