package forms

import (
	"regexp"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// articleLine is the first line of an article: 第4条 緊急時の区分で…
var articleLine = regexp.MustCompile(`^第[0-9]+条 `)

// articleHeading returns the caption of 第N条 without its brackets: 障害発生時の対応.
func articleHeading(n int) string {
	first, _, _ := strings.Cut(data.ArticleText(n), "\n")
	if strings.HasPrefix(first, "(") && strings.HasSuffix(first, ")") {
		return strings.TrimSuffix(strings.TrimPrefix(first, "("), ")")
	}
	return ""
}

// articleTitle is 第4条（障害発生時の対応）.
func articleTitle(n int) string {
	article := i18n.T("app.article", map[string]any{"N": n})
	if h := articleHeading(n); h != "" {
		return i18n.T("app.article_heading", map[string]any{"Article": article, "Heading": h})
	}
	return article
}

// paragraph is one line of the regulation as the viewer shows it.
type paragraph struct {
	text    string
	heading bool // an article's caption: (障害発生時の対応)
	marked  bool // holds the words of the step being looked up
}

// regulationParagraphs splits regulation text into its lines (the source's
// blank lines only separate them), noting captions and the line that holds
// highlight, a step's own words.
func regulationParagraphs(text, highlight string) []paragraph {
	lines := strings.Split(text, "\n")
	var out []paragraph
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		next := ""
		for _, l := range lines[i+1:] {
			if strings.TrimSpace(l) != "" {
				next = l
				break
			}
		}
		out = append(out, paragraph{
			text:    strings.TrimSpace(line),
			heading: strings.HasPrefix(line, "(") && strings.HasSuffix(line, ")") && articleLine.MatchString(next),
			marked:  highlight != "" && strings.Contains(line, highlight),
		})
	}
	return out
}

// regulationText lays regulation text out for reading: captions bold, the
// line holding highlight (words of the article) in the accent colour on a
// tinted band so the reader finds the part in question.
func regulationText(text, highlight string) fyne.CanvasObject {
	content, _ := regulationBody(text, highlight)
	return content
}

// regulationBody is regulationText that also returns the marked line, to
// scroll to; nil when highlight is not in text.
func regulationBody(text, highlight string) (fyne.CanvasObject, fyne.CanvasObject) {
	box := container.NewVBox()
	var marked fyne.CanvasObject
	for _, p := range regulationParagraphs(text, highlight) {
		t := newJPText(p.text)
		switch {
		case p.marked:
			t.TextStyle.Bold = true
			t.ColorName = theme.ColorNamePrimary
			marked = panel(colorNextBg, t)
			box.Add(marked)
		case p.heading:
			t.TextStyle.Bold = true
			box.Add(container.NewVBox(widget.NewSeparator(), t))
		default:
			box.Add(t)
		}
	}
	return box, marked
}

// ShowArticle shows the article a step comes from, scrolled to the step's own
// words, so an officer can check the exact wording without leaving the case.
func ShowArticle(s data.Step, win fyne.Window) {
	n := articleNumber(s)
	text := data.ArticleText(n)
	if text == "" {
		return
	}
	content, marked := regulationBody(text, s.Action)
	scroll := container.NewVScroll(content)
	d := dialog.NewCustom(articleTitle(n)+i18n.T("app.sep")+s.Article, i18n.T("common.close"), scroll, win)
	d.Resize(fyne.NewSize(860, 620))
	ShowDialog(win, d, nil)
	if marked != nil {
		// Laid out by Show: bring the step near the top, with a line of context.
		scroll.ScrollToOffset(fyne.NewPos(0, marked.Position().Y-theme.Padding()*8))
	}
}

// regulationView is the 規程全文 screen: the articles on the left, the text on
// the right, the whole regulation first.
type regulationView struct {
	items   []string
	scroll  *container.Scroll
	content fyne.CanvasObject
}

// NewRegulationView builds the regulation viewer, for a window of its own so
// that it can stay open beside a case.
func NewRegulationView() fyne.CanvasObject {
	v := &regulationView{}
	v.buildUI()
	return v.content
}

func (v *regulationView) buildUI() {
	v.items = []string{i18n.T("regulation.whole")}
	for n := 1; data.ArticleText(n) != ""; n++ {
		v.items = append(v.items, articleTitle(n))
	}
	v.scroll = container.NewVScroll(container.NewVBox())
	list := widget.NewList(
		func() int { return len(v.items) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(v.items[i]) },
	)
	list.OnSelected = v.onSelected
	list.Select(0)

	title := widget.NewLabel(regulationTitle())
	title.TextStyle.Bold = true
	title.Wrapping = fyne.TextWrapWord
	note := widget.NewLabel(i18n.T("regulation.note"))
	note.Wrapping = fyne.TextWrapWord
	split := container.NewHSplit(list, v.scroll)
	split.SetOffset(0.28)
	v.content = container.NewBorder(container.NewVBox(title, note, widget.NewSeparator()), nil, nil, nil, split)
}

func (v *regulationView) onSelected(i widget.ListItemID) {
	text := data.RegulationText()
	if i > 0 {
		text = data.ArticleText(i)
	}
	content := regulationText(text, "")
	v.scroll.Content = container.NewPadded(content)
	v.scroll.Refresh()
	v.scroll.ScrollToTop()
}

// regulationTitle is the name of the regulation from its first line, without
// the ○ mark of the city's legal database.
func regulationTitle() string {
	first, _, _ := strings.Cut(data.RegulationText(), "\n")
	return strings.TrimPrefix(strings.TrimSpace(first), "○")
}
