package forms

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// searchDelay lets an officer finish typing before the case file is searched,
// so a word typed through the IME does not start a search per character.
const searchDelay = 250 * time.Millisecond

// searchLimit caps the hits of one search: more would not be read anyway.
const searchLimit = 200

// CaseList is the left side of the window: the search box, the filters and
// the cases, newest first.
type CaseList struct {
	env      *Env
	onSelect func(data.Case)
	onNew    func()

	search    *entry
	class     *widget.Select
	status    *widget.Select
	hideDrill *widget.Check
	count     *widget.Label
	list      *widget.List
	content   fyne.CanvasObject

	rows     []data.Case
	snippets []string // per row; set while searching
	tall     map[int]bool
	rowH     float32 // height of a row without a snippet
	snipH    float32 // and with one
	selected int64   // case ID; 0 when none

	// Searches run off the UI goroutine; gen drops the answer of a search that
	// a later keystroke or filter change has overtaken. Only the UI goroutine
	// reads and writes it.
	gen      int64
	timer    *time.Timer
	closed   bool
	silent   bool           // Select is moving the selection, not the user
	delay    time.Duration  // searchDelay; tests shorten it
	searched func(q string) // tests: called after a search result is applied
	// do hands a search's answer to the UI goroutine. fyne.Do in the app;
	// Fyne's test driver would run it at once on the search goroutine, so
	// the tests queue it for their own goroutine instead.
	do func(func())
}

// NewCaseList builds the case list. onSelect runs when the user picks a case,
// onNew when they ask for a new one.
func NewCaseList(env *Env, onSelect func(data.Case), onNew func()) *CaseList {
	l := &CaseList{env: env, onSelect: onSelect, onNew: onNew, tall: map[int]bool{}, delay: searchDelay, do: fyne.Do}
	l.buildUI()
	l.Reload()
	return l
}

// classOptions and statusOptions put すべて first: the zero filter.
func classOptions() []string {
	opts := []string{i18n.T("app.filter.all")}
	for _, c := range data.Classes {
		opts = append(opts, ClassLabel(c))
	}
	return opts
}

func statusOptions() []string {
	opts := []string{i18n.T("app.filter.all")}
	for _, s := range data.Statuses {
		opts = append(opts, StatusLabel(s))
	}
	return opts
}

func (l *CaseList) buildUI() {
	l.search = newEntry()
	l.search.SetPlaceHolder(i18n.T("case.list.search"))
	l.search.ActionItem = widget.NewButtonWithIcon("", theme.SearchIcon(), func() { l.onSearchChanged(l.search.Text) })
	l.search.OnChanged = l.onSearchChanged

	l.class = widget.NewSelect(classOptions(), func(string) { l.Reload() })
	l.class.SetSelectedIndex(0)
	l.status = widget.NewSelect(statusOptions(), func(string) { l.Reload() })
	l.status.SetSelectedIndex(0)
	l.hideDrill = widget.NewCheck(i18n.T("case.list.hide_drill"), func(bool) { l.Reload() })

	l.count = widget.NewLabel("")
	newCase := widget.NewButtonWithIcon(i18n.T("case.new"), theme.ContentAddIcon(), func() {
		if l.onNew != nil {
			l.onNew()
		}
	})
	newCase.Importance = widget.HighImportance

	l.list = widget.NewList(
		func() int { return len(l.rows) },
		func() fyne.CanvasObject { return newCaseRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			var snip string
			if i < len(l.snippets) {
				snip = l.snippets[i]
			}
			o.(*caseRow).set(l.rows[i], snip)
		},
	)
	l.rowH = newCaseRow().MinSize().Height
	withSnippet := newCaseRow()
	withSnippet.snippet.SetText("…")
	withSnippet.snippet.Show()
	l.snipH = withSnippet.MinSize().Height
	l.list.OnSelected = l.onSelected

	filters := container.NewGridWithColumns(2,
		labelled(i18n.T("field.class"), l.class),
		labelled(i18n.T("case.list.status"), l.status),
	)
	top := container.NewVBox(l.search, filters, container.NewBorder(nil, nil, l.hideDrill, l.count))
	l.content = container.NewBorder(top, newCase, nil, nil, l.list)
}

// labelled puts a short label before a widget, both on one line.
func labelled(label string, w fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewLabel(label), nil, w)
}

// Content is the screen, to place in the window.
func (l *CaseList) Content() fyne.CanvasObject { return l.content }

// FocusSearch puts the cursor in the search box (Ctrl+F).
func (l *CaseList) FocusSearch() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(l.search); c != nil {
		c.Focus(l.search)
	}
}

// Close stops a pending search; the list is thrown away with its case file.
func (l *CaseList) Close() {
	l.closed = true
	if l.timer != nil {
		l.timer.Stop()
	}
}

func (l *CaseList) filter() data.CaseFilter {
	f := data.CaseFilter{HideDrill: l.hideDrill.Checked}
	if i := l.class.SelectedIndex(); i > 0 {
		f.Class = data.Classes[i-1]
	}
	if i := l.status.SelectedIndex(); i > 0 {
		f.Status = data.Statuses[i-1]
	}
	return f
}

// Reload reads the list again: the filters or the case file changed. With
// text in the search box it searches, otherwise it lists.
func (l *CaseList) Reload() {
	if l.list == nil {
		return // the filters fire while buildUI sets their first value
	}
	if strings.TrimSpace(l.search.Text) != "" {
		l.startSearch(l.search.Text, 0)
		return
	}
	l.gen++ // an answer still on its way is now stale
	cases, err := l.env.Store.Cases(l.filter())
	if err != nil {
		ShowError(err, l.env.Window)
		return
	}
	l.apply(cases, nil)
}

func (l *CaseList) onSearchChanged(q string) {
	if strings.TrimSpace(q) == "" {
		l.Reload()
		return
	}
	l.startSearch(q, l.delay)
}

// startSearch runs the search after delay on another goroutine: on a big case
// file a search takes long enough to stall typing if run on the UI goroutine.
func (l *CaseList) startSearch(q string, delay time.Duration) {
	l.gen++
	gen, f, store := l.gen, l.filter(), l.env.Store
	if l.timer != nil {
		l.timer.Stop()
	}
	l.timer = time.AfterFunc(delay, func() {
		hits, err := store.Search(q, searchLimit)
		l.do(func() {
			if l.closed || gen != l.gen {
				return
			}
			if err != nil {
				ShowError(err, l.env.Window)
				return
			}
			var cases []data.Case
			var snippets []string
			for _, h := range hits {
				if matches(h.Case, f) {
					cases = append(cases, h.Case)
					snippets = append(snippets, h.Snippet)
				}
			}
			l.apply(cases, snippets)
			if l.searched != nil {
				l.searched(q)
			}
		})
	})
}

// matches applies the filters to a search hit, as Cases applies them in SQL.
func matches(c data.Case, f data.CaseFilter) bool {
	return (f.Class == "" || c.Class == f.Class) &&
		(f.Status == "" || c.Status == f.Status) &&
		!(f.HideDrill && c.Drill)
}

// apply shows new rows and keeps the selected case selected when it is among them.
func (l *CaseList) apply(cases []data.Case, snippets []string) {
	l.rows, l.snippets = cases, snippets
	// Rows with a snippet get a third line; the others go back to two.
	for i := range l.tall {
		if i >= len(snippets) || snippets[i] == "" {
			l.list.SetItemHeight(i, l.rowH)
			delete(l.tall, i)
		}
	}
	for i, s := range snippets {
		if s != "" && !l.tall[i] {
			l.tall[i] = true
			l.list.SetItemHeight(i, l.snipH)
		}
	}
	if snippets != nil {
		l.count.SetText(i18n.T("case.list.hits", map[string]any{"Count": len(cases)}))
	} else {
		l.count.SetText(i18n.T("case.list.count", map[string]any{"Count": len(cases)}))
	}
	l.list.Refresh()
	l.silent = true
	defer func() { l.silent = false }()
	for i, c := range cases {
		if c.ID == l.selected {
			l.list.Select(i)
			return
		}
	}
	l.list.UnselectAll()
}

// Select marks the case with this ID as the selected one, without calling
// onSelect: the caller is already showing it.
func (l *CaseList) Select(id int64) {
	l.selected = id
	l.silent = true
	defer func() { l.silent = false }()
	for i, c := range l.rows {
		if c.ID == id {
			l.list.Select(i)
			l.list.ScrollTo(i)
			return
		}
	}
	l.list.UnselectAll()
}

func (l *CaseList) onSelected(i widget.ListItemID) {
	if i < 0 || i >= len(l.rows) {
		return
	}
	l.selected = l.rows[i].ID
	if !l.silent && l.onSelect != nil {
		l.onSelect(l.rows[i])
	}
}

// caseRow is one line of the list: number and title; class, status and the
// date of discovery in 和暦; and, for a search hit, the matching text.
type caseRow struct {
	widget.BaseWidget
	number, title, status, date, snippet *widget.Label
	class, drill                         *badge
}

func newCaseRow() *caseRow {
	r := &caseRow{
		number:  widget.NewLabel(""),
		title:   widget.NewLabel(""),
		status:  widget.NewLabel(""),
		date:    widget.NewLabel(""),
		snippet: widget.NewLabel(""),
		class:   newBadge(),
		drill:   newBadge(),
	}
	r.number.TextStyle.Bold = true
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.date.Truncation = fyne.TextTruncateEllipsis
	r.snippet.Truncation = fyne.TextTruncateEllipsis
	r.snippet.SizeName = theme.SizeNameCaptionText
	r.snippet.Hide()
	r.ExtendBaseWidget(r)
	return r
}

func (r *caseRow) CreateRenderer() fyne.WidgetRenderer {
	line1 := container.NewBorder(nil, nil, r.number, r.drill.box, r.title)
	// The badge starts where the label text above starts.
	badge := container.New(layout.NewCustomPaddedLayout(0, 0, theme.InnerPadding(), 0), r.class.box)
	line2 := container.NewBorder(nil, nil, container.NewHBox(badge, r.status), nil, r.date)
	return widget.NewSimpleRenderer(container.NewVBox(line1, line2, r.snippet))
}

func (r *caseRow) set(c data.Case, snippet string) {
	r.number.SetText(c.Number)
	r.title.SetText(c.Title)
	r.class.setClass(c.Class)
	r.drill.setDrill(c.Drill)
	r.status.SetText(StatusLabel(c.Status))
	r.status.Importance = statusImportance(c.Status)
	r.status.Refresh()
	// 和暦 as on the documents; English readers get the western date.
	r.date.SetText(i18n.FormatDate(c.DiscoveredAt, i18n.Language() == i18n.Japanese))
	if snippet != "" {
		r.snippet.SetText(snippet)
		r.snippet.Show()
	} else {
		r.snippet.Hide()
	}
}

// statusImportance makes open cases stand out; closed ones stay plain (a
// paler grey would be hard to read on a laptop screen in daylight).
func statusImportance(s data.Status) widget.Importance {
	switch s {
	case data.StatusOpen:
		return widget.HighImportance
	case data.StatusRecovered:
		return widget.SuccessImportance
	}
	return widget.MediumImportance
}
