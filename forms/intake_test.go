package forms

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// openIntake shows the overview of a new case of the class; classes collects
// OnClassChanged.
func openIntake(t *testing.T, class data.Class) (*screen, data.Case, *intakeForm, *[]data.Class) {
	t.Helper()
	s := newScreen(t)
	c := s.addCase(t, "回線の不通", class, data.StatusOpen, false, testNow)
	f := newIntakeForm(s.env, c.ID)
	var classes []data.Class
	f.OnClassChanged = func(c data.Class) { classes = append(classes, c) }
	s.win.SetContent(f.Content())
	require.NoError(t, f.Reload())
	t.Cleanup(func() { _ = f.Flush() })
	return s, c, f, &classes
}

func (f *intakeForm) card(t *testing.T, c data.Class) *intakeClassCard {
	t.Helper()
	for _, card := range f.cards {
		if card.class == c {
			return card
		}
	}
	require.Failf(t, "no card", "no card for %s", c)
	return nil
}

func TestIntakeHeaderAndClassDecisionAndChange(t *testing.T) {
	s, c, f, classes := openIntake(t, data.ClassPending)
	assert.Equal(t, "2026-001", f.number.Text)
	assert.Equal(t, "2026/11/27 14:05（令和8年11月27日）", f.discovered.Text)
	assert.Equal(t, "回線の不通", f.title.Text)
	assert.Equal(t, "対応中", f.status.Selected)
	assert.True(t, f.pending.Visible(), "判定中 is shown as provisional")
	shown := texts(f.Content())
	for _, ci := range data.ClassInfos {
		assert.Contains(t, shown, ci.Definition, "the regulation's 状態 of %s", ci.Label)
		assert.Contains(t, shown, "（例）"+ci.Examples)
	}

	f.title.SetText("")
	test.Type(f.title, "本庁舎2階 ネットワーク回線の不通")
	test.Type(f.discoverer, "佐藤 一郎")
	test.Type(f.section, "市民課 住民記録係")
	test.Tap(f.drill)
	f.status.SetSelected("復旧済")
	require.NoError(t, f.Flush())

	// Deciding a 判定中 case: one tap, confirmed, no reason.
	failure := f.card(t, data.ClassFailure)
	assert.Equal(t, "「障害」と判定する", failure.action.Text)
	test.Tap(failure.action)
	require.NotNil(t, s.topDialog())
	assert.Contains(t, joined(texts(s.topDialog())), "この事案の区分を「障害」と判定し、第4条の手順で対応しますか？")
	test.Tap(button(t, s.topDialog(), "判定する"))
	assert.Equal(t, []data.Class{data.ClassFailure}, *classes)
	assert.False(t, f.pending.Visible())
	assert.True(t, failure.current.Visible(), "the current class is marked")
	assert.False(t, failure.action.Visible())
	assert.Equal(t, float32(3), failure.bg.StrokeWidth)
	assert.Equal(t, "障害", f.classBadge.text.Text)

	// Changing it needs a reason.
	misconduct := f.card(t, data.ClassMisconduct)
	assert.Equal(t, "「不正行為」に変更…", misconduct.action.Text)
	test.Tap(misconduct.action)
	require.NotNil(t, f.change)
	assert.Contains(t, joined(texts(s.topDialog())), "区分を「障害」から「不正行為」に変更します。")
	test.Tap(button(t, s.topDialog(), "変更を記録"))
	assert.Equal(t, "変更の理由を入力してください。理由は経過記録に残ります。", f.change.err.Text)
	assert.True(t, f.change.err.Visible())
	got, err := s.env.Store.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.ClassFailure, got.Class, "refused without a reason")
	assert.Equal(t, []data.Class{data.ClassFailure}, *classes)

	test.Type(f.change.reason, "ログの調査で、CSへの不正アクセスの痕跡が確認されたため")
	test.Tap(button(t, s.topDialog(), "変更を記録"))
	assert.Nil(t, f.change)
	assert.Nil(t, s.topDialog(), "the dialog closes")
	assert.Equal(t, []data.Class{data.ClassFailure, data.ClassMisconduct}, *classes)
	assert.True(t, misconduct.current.Visible())
	assert.Equal(t, "「障害」に変更…", failure.action.Text)

	store := s.reopen(t)
	got, err = store.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.ClassMisconduct, got.Class)
	assert.Equal(t, "本庁舎2階 ネットワーク回線の不通", got.Title)
	assert.Equal(t, "佐藤 一郎", got.Discoverer)
	assert.Equal(t, "市民課 住民記録係", got.DiscovererSection)
	assert.True(t, got.Drill)
	assert.Equal(t, data.StatusRecovered, got.Status)
	assert.Equal(t, []string{
		"状態を「復旧済」に変更",
		"区分を「障害」と判定",
		"区分を「障害」から「不正行為」に変更（理由: ログの調査で、CSへの不正アクセスの痕跡が確認されたため）",
	}, timelineTexts(t, store, c.ID))

	// The screen on the file read again shows the same.
	s.env.Store = store
	g := newIntakeForm(s.env, c.ID)
	require.NoError(t, g.Reload())
	assert.Equal(t, f.values(), g.values())
	assert.True(t, g.card(t, data.ClassMisconduct).current.Visible())
	assert.True(t, g.drillBadge.box.Visible())
}

func TestIntakeCancelledChangeKeepsTheClass(t *testing.T) {
	s, c, f, classes := openIntake(t, data.ClassFailure)
	assert.False(t, f.pending.Visible())
	test.Tap(f.card(t, data.ClassMisconduct).action)
	test.Type(f.change.reason, "誤り")
	test.Tap(button(t, s.topDialog(), "キャンセル"))
	assert.Nil(t, f.change)
	got, err := s.env.Store.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, data.ClassFailure, got.Class)
	assert.Empty(t, *classes)
	assert.Empty(t, timelineTexts(t, s.env.Store, c.ID))
}

func TestIntakeKeepsChangesMadeElsewhere(t *testing.T) {
	s, c, f, _ := openIntake(t, data.ClassFailure)
	// Another screen closes the case and records the occurrence.
	other, err := s.env.Store.Case(c.ID)
	require.NoError(t, err)
	other.Status = data.StatusClosed
	other.OccurredNote = "停電による"
	require.NoError(t, s.env.Store.UpdateCase(&other))

	test.Type(f.discoverer, "佐藤")
	require.NoError(t, f.Flush())
	got, err := s.env.Store.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "佐藤", got.Discoverer)
	assert.Equal(t, data.StatusClosed, got.Status, "not put back by this screen")
	assert.Equal(t, "停電による", got.OccurredNote)

	// Reload shows it, and a class changed elsewhere is passed on.
	require.NoError(t, s.env.Store.ChangeClass(c.ID, data.ClassMisconduct, "調査の結果", "区分を変更"))
	var classes []data.Class
	f.OnClassChanged = func(c data.Class) { classes = append(classes, c) }
	require.NoError(t, f.Reload())
	assert.Equal(t, "終了", f.status.Selected)
	assert.Equal(t, []data.Class{data.ClassMisconduct}, classes)
}

func TestIntakeEmptyTitleIsRefusedAndKept(t *testing.T) {
	s, c, f, _ := openIntake(t, data.ClassFailure)
	f.title.SetText("")
	test.Type(f.discoverer, "佐藤")
	require.NoError(t, f.Flush())
	assert.Equal(t, "件名を入力してください。", f.errs[inFieldTitle].Text)
	assert.True(t, f.errs[inFieldTitle].Visible())
	got, err := s.env.Store.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "回線の不通", got.Title, "the stored title stays")
	assert.Equal(t, "佐藤", got.Discoverer, "the other fields keep saving")

	test.Type(f.title, "回線の不通（本庁舎）")
	require.NoError(t, f.Flush())
	assert.False(t, f.errs[inFieldTitle].Visible())
	got, err = s.env.Store.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "回線の不通（本庁舎）", got.Title)
}

func TestIntakeShowsArticle2(t *testing.T) {
	s, _, f, _ := openIntake(t, data.ClassPending)
	test.Tap(button(t, f.Content(), "第2条を表示"))
	require.NotNil(t, s.topDialog())
	shown := joined(texts(s.topDialog()))
	assert.Contains(t, shown, "住基ネットにおける緊急時は,以下のとおり区分し,当該区分に基づいて対応する。")
	assert.Contains(t, shown, "第2条（緊急時の区分）")
}
