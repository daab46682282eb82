package forms

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

func TestArticleTitles(t *testing.T) {
	newScreen(t)
	assert.Equal(t, "障害発生時の対応", articleHeading(4))
	assert.Equal(t, "第5条（不正行為発生時の対応）", articleTitle(5))
	assert.Equal(t, "大崎市住民基本台帳ネットワークシステム緊急時対応規程", regulationTitle())
}

func TestRegulationTextKeepsEveryWord(t *testing.T) {
	step, ok := data.StepByID("4-1")
	require.True(t, ok)
	text := data.ArticleText(4)
	var b strings.Builder
	var marked, headings []string
	for _, p := range regulationParagraphs(text, step.Action) {
		b.WriteString(p.text)
		if p.marked {
			marked = append(marked, p.text)
		}
		if p.heading {
			headings = append(headings, p.text)
		}
	}
	want := strings.Join(strings.Fields(text), "")
	assert.Equal(t, want, strings.Join(strings.Fields(b.String()), ""), "nothing lost or added")
	assert.Equal(t, []string{"(1) " + step.Action}, marked, "the step's own line is marked")
	assert.Equal(t, []string{"(障害発生時の対応)"}, headings)
}

func TestShowArticle(t *testing.T) {
	s := newScreen(t)
	step, _ := data.StepByID("5-5-d")
	ShowArticle(step, s.win)
	require.NotNil(t, s.topDialog())
	shown := strings.Join(texts(s.topDialog()), "\n")
	assert.Contains(t, shown, step.Action)
	assert.Contains(t, shown, "第5条（不正行為発生時の対応） ・ 第5条第5号エ")
}

func TestRegulationView(t *testing.T) {
	newScreen(t)
	w := test.NewWindow(NewRegulationView())
	defer w.Close()
	w.Resize(fyne.NewSize(980, 700))
	shown := strings.Join(texts(w.Content()), "\n")
	assert.Contains(t, shown, "第1条")
	assert.Contains(t, shown, "第5条（不正行為発生時の対応）")
}

func TestSaveFileNeverOverwrites(t *testing.T) {
	s := newScreen(t)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "事案.kinkyu"), []byte("keep"), 0o600))
	var chosen string
	f := newSaveFile(s.win, SaveFileOptions{Title: "新規ケースファイル", Confirm: "作成", Folder: dir, Name: "事案"},
		func(p string) error { chosen = p; return nil })
	f.dlg.Show()
	f.onConfirm()
	assert.Empty(t, chosen, "事案 becomes 事案.kinkyu, which exists")
	assert.Contains(t, f.err.Text, "上書きはしません")
	b, _ := os.ReadFile(filepath.Join(dir, "事案.kinkyu"))
	assert.Equal(t, "keep", string(b))

	f.name.SetText("事案2")
	f.onConfirm()
	assert.Equal(t, filepath.Join(dir, "事案2.kinkyu"), chosen)
	assert.Nil(t, s.topDialog())
}

func TestOpenFileChooser(t *testing.T) {
	s := newScreen(t)
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "2026年度"), 0o700))
	require.NoError(t, os.Mkdir(filepath.Join(dir, ".hidden"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "2026年度", "事案.kinkyu"), nil, 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "メモ.txt"), nil, 0o600))
	var chosen string
	c := newFileChooser(s.win, ChooseOptions{Title: "ケースファイルを開く", Folder: dir}, func(p string) { chosen = p })
	c.dlg.Show()
	names := func() []string {
		var out []string
		for _, e := range c.entries {
			out = append(out, e.Name())
		}
		return out
	}
	assert.Equal(t, []string{"2026年度"}, names(), "folders and case files only")
	assert.True(t, c.ok.Disabled())
	test.Tap(c.showAll)
	assert.Equal(t, []string{"2026年度", "メモ.txt"}, names())

	c.list.Select(0)
	assert.Equal(t, filepath.Join(dir, "2026年度"), c.dir, "a tap on a folder enters it")
	c.list.Select(0)
	test.Tap(c.ok)
	assert.Equal(t, filepath.Join(dir, "2026年度", "事案.kinkyu"), chosen)
	assert.Nil(t, s.topDialog())
}
