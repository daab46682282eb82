package forms

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// 次に行うこと says the step in a few words, who does it and the article; the
// regulation's words are one click away.
func TestNextStepIsShortWithWhoAndArticle(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "本庁舎サーバ室の停電", data.ClassFailure, data.StatusOpen, false, testNow)
	for _, id := range []string{"4-1", "4-2", "4-3", "4-4", "4-5", "4-6", "4-7", "4-8"} {
		require.NoError(t, s.env.Store.SetStep(data.StepProgress{CaseID: c.ID, StepID: id, Done: true, By: "山田", At: testNow}, ""))
	}
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	d.Show(c.ID)

	assert.Equal(t, "第4条第9号 ・ セキュリティ責任者", d.proc.nextArticle.Text)
	assert.Equal(t, "関係機関に運用再開を連絡する", d.proc.nextAction.Text)
	var strip string
	for _, tab := range d.tabList {
		if tab.next != nil {
			strip = tab.next.Text
		}
	}
	assert.Equal(t, "第4条第9号 ・ セキュリティ責任者 — 関係機関に運用再開を連絡する", strip, "the line above every other tab")

	test.Tap(d.proc.nextFull)
	dlg := s.topDialog()
	require.NotNil(t, dlg, "the regulation's words, one click away")
	assert.Contains(t, shownText(dlg), "セキュリティ責任者は,関係機関にシステム運用再開の連絡をする。")
}

func TestEveryStepHasAShortActionInBothLanguages(t *testing.T) {
	article := regexp.MustCompile(`第[0-9０-９]+条`)
	for _, lang := range []string{i18n.Japanese, i18n.English} {
		require.NoError(t, i18n.SetLanguage(lang))
		for _, class := range []data.Class{data.ClassFailure, data.ClassMisconduct} {
			for _, st := range data.StepsFor(class) {
				short := StepShort(st)
				require.NotEqual(t, st.Action, short, "%s has a short action (%s)", st.ID, lang)
				assert.False(t, article.MatchString(short), "%s: the screen adds the article, the short text cites none", st.ID)
				if lang == i18n.Japanese {
					assert.LessOrEqual(t, utf8.RuneCountInString(short), 60, "%s: a few words: %s", st.ID, short)
					assert.False(t, strings.Contains(short, ","), "%s: the app's sentences use 「、」", st.ID)
				}
			}
		}
	}
	require.NoError(t, i18n.SetLanguage(i18n.Japanese))
}

// The steps whose records live on another tab lead there.
func TestStepRecordButtonOpensItsTab(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "本庁舎サーバ室の停電", data.ClassFailure, data.StatusOpen, false, testNow)
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	d.Show(c.ID)
	require.NotNil(t, d.proc.rows["4-7"])
	assert.Len(t, findAll(d.proc.rows["4-1"].box, func(b *widget.Button) bool { return b.Text == "記録する" }), 0)
	test.Tap(button(t, d.proc.rows["4-7"].box, "記録する"))
	assert.Equal(t, tabAfter, d.selected())
	assert.Contains(t, shownText(d.after.Content()), "修復等の依頼（第4条第7号）")
}
