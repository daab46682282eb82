package forms

import (
	"image/color"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
	"weak"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// maxPreviewLines is how many lines of an entry the timeline shows; the rest
// is one click away (全文). It keeps a pasted report from filling the screen
// and keeps the list fast whatever the entries hold.
const maxPreviewLines = 8

// timelineView is the 経過記録 of a case: every entry in the order it happened,
// corrections shown against what they correct, a filter by kind, and a
// one-line entry at the foot where Enter records what just happened.
//
// Entries are never edited or removed (the regulation's record must stand): a
// correction is a new entry, and the corrected one stays, struck through.
type timelineView struct {
	env    *Env
	caseID int64
	loc    *time.Location // the case's zone: times are typed and shown in it

	entries     []data.Entry
	byID        map[int64]int     // entry ID → index in entries
	maxID       int64             // the highest entry ID shown: later ones are new
	correctedBy map[int64][]int64 // entry ID → the entries correcting it, in timeline order
	kind        string            // the filter; "" for every kind
	shown       []int             // indexes into entries that pass the filter
	models      []timelineRowModel
	selected    int64                       // ID of the selected entry; 0 for none
	rows        []weak.Pointer[timelineRow] // the rows made for the list, to mark the selection

	geo    *timelineGeometry
	width  float32       // the width the rows were laid out for
	scroll *scrollTarget // where to scroll once the list has a size

	filter    *widget.Select
	count     *widget.Label
	fullBtn   *widget.Button
	fixBtn    *widget.Button
	list      *widget.List
	listBox   *fyne.Container
	empty     *widget.Label
	at        *entry
	atEdited  bool // the officer changed the time: it no longer follows the clock
	settingAt bool // the code is setting the time field
	text      *quickEntry
	draft     *fieldDraft // the line typed and not yet recorded, kept in the file
	msg       fieldError
	fix       *timelineCorrection // the correction dialog last opened
	full      *timelineFullText   // the full text last shown
	foot      *fyne.Container
	body      *fyne.Container // the whole screen
	status    *saveIndicator
	content   fyne.CanvasObject
}

// scrollTarget says where the list should scroll once it is laid out.
type scrollTarget struct {
	bottom bool    // to the newest entry
	id     int64   // bring this entry into view
	top    int64   // put this entry at the top…
	delta  float32 // …scrolled by this much into it
}

// newTimelineView builds the timeline of a case and reads it from the store;
// a read error is shown and leaves the timeline empty.
func newTimelineView(env *Env, caseID int64) *timelineView {
	v := &timelineView{env: env, caseID: caseID, loc: env.zone(), geo: newTimelineGeometry()}
	v.buildUI()
	if err := v.Reload(); err != nil && env.Window != nil {
		ShowError(err, env.Window)
	}
	// What was typed and not recorded when the case was last open.
	v.draft = newFieldDraft(env, caseID, data.DraftTimeline)
	if text := v.draft.stored(); text != "" {
		restoreText(&v.text.Entry, text)
	}
	return v
}

// Flush saves the line being typed as a draft now.
func (v *timelineView) Flush() error { return v.draft.Flush() }

// Close saves the draft and lets go of it (the case is no longer shown).
func (v *timelineView) Close() { v.draft.Close() }

// Content is the screen, to place in the case's tab.
func (v *timelineView) Content() fyne.CanvasObject { return v.content }

// Focus puts the cursor in the quick-entry line.
func (v *timelineView) Focus() {
	if v.env.Window != nil {
		v.env.Window.Canvas().Focus(v.text)
	}
}

func (v *timelineView) buildUI() {
	options := []string{i18n.T("timeline.filter.all")}
	for _, k := range data.EntryKinds {
		options = append(options, entryKindLabel(k))
	}
	v.count = widget.NewLabel("")
	v.count.Importance = widget.LowImportance
	v.filter = widget.NewSelect(options, v.onFilter)
	v.filter.SetSelectedIndex(0)
	v.fullBtn = widget.NewButtonWithIcon(i18n.T("timeline.full"), theme.VisibilityIcon(), v.onShowFull)
	v.fixBtn = widget.NewButtonWithIcon(i18n.T("timeline.correct"), theme.DocumentCreateIcon(), v.onCorrect)
	v.fullBtn.Disable()
	v.fixBtn.Disable()
	top := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel(i18n.T("timeline.filter.label")), v.filter, v.count),
		container.NewHBox(v.fullBtn, v.fixBtn))

	v.listBox = container.New(timelineListLayout{v})
	v.list = v.newList()
	v.listBox.Objects = []fyne.CanvasObject{v.list}
	v.empty = widget.NewLabel("")
	v.empty.Importance = widget.LowImportance
	v.empty.Alignment = fyne.TextAlignCenter
	v.empty.Wrapping = fyne.TextWrapWord

	v.at = newEntry()
	v.at.SetPlaceHolder(i18n.T("timeline.at.placeholder"))
	v.at.OnChanged = func(string) {
		if !v.settingAt {
			v.atEdited = true
			v.say("")
		}
	}
	v.at.OnSubmitted = func(string) { v.onSubmit() }
	v.resetTime()
	atW := fyne.MeasureText("0000/00/00 00:00", theme.TextSize(), fyne.TextStyle{}).Width + 4*theme.InnerPadding()
	atBox := container.New(layout.NewGridWrapLayout(fyne.NewSize(atW, v.at.MinSize().Height)), v.at)
	now := widget.NewButtonWithIcon(i18n.T("timeline.now"), theme.HistoryIcon(), func() {
		v.resetTime()
		v.say("")
	})
	now.Importance = widget.LowImportance

	v.text = newQuickEntry()
	v.text.SetPlaceHolder(i18n.T("timeline.placeholder"))
	v.text.onSubmit = v.onSubmit
	v.text.onRefused = func(err error) { v.say(i18n.ErrorMessage(err)) }
	v.text.OnSubmitted = func(string) { v.onSubmit() }
	v.text.OnChanged = v.onTyping
	add := widget.NewButtonWithIcon(i18n.T("timeline.add"), theme.ContentAddIcon(), v.onSubmit)
	add.Importance = widget.HighImportance

	v.msg = newFieldError()
	hint := widget.NewLabel(i18n.T("timeline.hint"))
	hint.Importance = widget.LowImportance
	hint.SizeName = theme.SizeNameCaptionText
	hint.Truncation = fyne.TextTruncateEllipsis
	v.status = newSaveIndicator()

	// Tab goes time → text → 記録 → 現在: the objects are in that order, and
	// the layout puts 現在 beside the time.
	line := container.New(quickRowLayout{}, atBox, v.text, add, now)
	v.foot = container.NewVBox(widget.NewSeparator(), line, v.msg, container.NewBorder(nil, nil, nil, v.status, hint))
	v.body = container.NewBorder(container.NewVBox(top, widget.NewSeparator()), v.foot, nil, nil,
		// The message of an empty timeline across the width (a wrapping
		// label centred by NewCenter would get its minimum width and
		// stand as a column of characters).
		container.NewStack(v.listBox, container.NewVBox(layout.NewSpacer(), v.empty, layout.NewSpacer())))
	v.content = v.body
}

// Reload reads the timeline from the store again (after another screen added
// to it), keeping the selection, the filter and the scroll position; when the
// newest entry was in view, the new newest one is.
func (v *timelineView) Reload() error { return v.load(nil) }

// load reads the timeline and shows it scrolled to target, or where it was
// when target is nil.
func (v *timelineView) load(target *scrollTarget) error {
	if v.listReady() && len(v.entries) > 0 {
		// Only what is new: every save of the case reads it again, and
		// reading the whole timeline each time made most of the garbage of
		// an afternoon's typing.
		added, total, err := v.env.Store.TimelineAfter(v.caseID, v.maxID)
		if err != nil {
			return err
		}
		if total == len(v.entries)+len(added) && v.followsShown(added) {
			if target == nil {
				target = v.anchor()
			}
			v.appendEntries(added, target)
			return nil
		}
	}
	entries, err := v.env.Store.Timeline(v.caseID)
	if err != nil {
		return err
	}
	if target == nil {
		target = v.anchor()
	}
	if v.appendOnly(entries) {
		v.appendEntries(entries[len(v.entries):], target)
		return nil
	}
	v.setEntries(entries)
	v.applyFilter()
	v.layoutRows()
	v.showList(target)
	return nil
}

// appendOnly reports whether entries are the entries shown followed by new
// ones that correct nothing: the usual case after a line was recorded, here
// or on another screen. Those are added to the list as it stands; anything
// else (a correction, an entry dated before the last, another case) builds
// the list anew. Entries are never changed, so their IDs say it all.
func (v *timelineView) appendOnly(entries []data.Entry) bool {
	if !v.listReady() || len(entries) < len(v.entries) {
		return false
	}
	for i := range v.entries {
		if entries[i].ID != v.entries[i].ID {
			return false
		}
	}
	for _, e := range entries[len(v.entries):] {
		if e.Corrects != 0 {
			return false
		}
	}
	return true
}

// listReady reports whether the list shown can take new rows at its end.
func (v *timelineView) listReady() bool {
	return v.list != nil && v.width > 0 && len(v.models) == len(v.shown)
}

// followsShown reports whether entries added since the timeline was read
// (all with higher IDs, in timeline order) come after the entries shown and
// correct nothing, so that they can be appended.
func (v *timelineView) followsShown(added []data.Entry) bool {
	if len(added) == 0 || len(v.entries) == 0 {
		return true
	}
	if added[0].At.Before(v.entries[len(v.entries)-1].At) {
		return false
	}
	for _, e := range added {
		if e.Corrects != 0 {
			return false
		}
	}
	return true
}

// appendEntries adds entries at the end of the timeline: their rows are laid
// out and added to the list shown, and nothing else is built again (issue
// #14: a list built anew for every line typed made the window grow by
// hundreds of megabytes over an afternoon).
func (v *timelineView) appendEntries(added []data.Entry, target *scrollTarget) {
	textW := v.geo.textWidth(v.width)
	authors := map[string][]textLine{}
	minH := v.geo.minSize().Height
	overflowed := v.list.Size().Height > 0 && v.offsetOf(len(v.models)) > v.list.Size().Height
	first, refreshed := len(v.models), false
	for _, e := range added {
		v.byID[e.ID] = len(v.entries)
		v.maxID = max(v.maxID, e.ID)
		v.entries = append(v.entries, e)
		if v.kind != "" && e.Kind != v.kind {
			continue
		}
		v.shown = append(v.shown, len(v.entries)-1)
		v.models = append(v.models, v.rowModel(&v.entries[len(v.entries)-1], textW, authors))
		if h := v.models[len(v.models)-1].height; h != minH {
			v.list.SetItemHeight(len(v.models)-1, h) // the list refreshes itself
			refreshed = true
		}
	}
	v.showCount()
	v.scroll = target
	if len(v.models) > first && !refreshed {
		// The list must learn its new length. A full refresh of a Fyne
		// list drops the rows it keeps for reuse and makes new ones, and
		// Fyne's caches hold the dropped ones for a minute: one row per
		// line typed (issue #14). Scrolling to the new last row, where a
		// line just recorded is shown, resizes the list's content and
		// lays out only the rows that came into view, reusing the row
		// that left it; anything else (a short list, another target)
		// refreshes the list.
		if last := len(v.models) - 1; overflowed && (target.bottom || target.id == v.models[last].id) {
			v.scroll = nil
			v.list.ScrollToBottom()
		} else {
			v.list.Refresh()
		}
	}
	v.showSelection()
	v.applyScroll()
}

func (v *timelineView) setEntries(entries []data.Entry) {
	v.entries = entries
	v.byID = make(map[int64]int, len(entries))
	v.correctedBy = map[int64][]int64{}
	v.maxID = 0
	for i, e := range entries {
		v.byID[e.ID] = i
		v.maxID = max(v.maxID, e.ID)
		if e.Corrects != 0 {
			v.correctedBy[e.Corrects] = append(v.correctedBy[e.Corrects], e.ID)
		}
	}
	if _, ok := v.byID[v.selected]; !ok {
		v.selected = 0
	}
}

func (v *timelineView) applyFilter() {
	v.shown = v.shown[:0]
	for i, e := range v.entries {
		if v.kind == "" || e.Kind == v.kind {
			v.shown = append(v.shown, i)
		}
	}
	v.showCount()
}

// showCount says how many entries there are (and shown), or that there are
// none.
func (v *timelineView) showCount() {
	if v.kind == "" {
		v.count.SetText(i18n.T("timeline.count", map[string]any{"Count": len(v.entries)}))
	} else {
		v.count.SetText(i18n.T("timeline.count_filtered", map[string]any{"Shown": len(v.shown), "Count": len(v.entries)}))
	}
	v.syncListShown()
	switch {
	case len(v.shown) > 0:
		v.empty.Hide()
	case len(v.entries) == 0:
		v.empty.SetText(i18n.T("timeline.empty"))
		v.empty.Show()
	default:
		v.empty.SetText(i18n.T("timeline.empty_filtered"))
		v.empty.Show()
	}
}

// syncListShown hides the list while it has no rows, so that Tab does not
// stop on it where nothing would show the focus.
func (v *timelineView) syncListShown() {
	if v.list == nil {
		return
	}
	if len(v.shown) == 0 {
		v.list.Hide()
	} else {
		v.list.Show()
	}
}

// layoutRows breaks the shown entries into lines for the current width and
// reports whether any row changed its height.
func (v *timelineView) layoutRows() bool {
	changed := len(v.models) != len(v.shown)
	models := make([]timelineRowModel, len(v.shown))
	if v.width <= 0 {
		// Not laid out yet: the lines wait for the width, and the first
		// layout breaks them.
		for i, idx := range v.shown {
			models[i] = timelineRowModel{id: v.entries[idx].ID, height: v.geo.minSize().Height}
		}
		v.models = models
		return true
	}
	textW := v.geo.textWidth(v.width)
	authors := map[string][]textLine{} // the same few names on every row
	for i, idx := range v.shown {
		models[i] = v.rowModel(&v.entries[idx], textW, authors)
		if !changed && models[i].height != v.models[i].height {
			changed = true
		}
	}
	v.models = models
	return changed
}

// newList makes a list for v.models. A widget.List on screen refreshes
// itself on every SetItemHeight, so changing thousands of row heights there
// takes seconds; on a list not yet drawn it costs nothing. The view therefore
// builds a new list whenever the heights change (new entries, filter, width)
// and sets them before the list is shown.
func (v *timelineView) newList() *widget.List {
	l := widget.NewList(
		func() int { return len(v.models) },
		func() fyne.CanvasObject {
			r := newTimelineRow(v.geo)
			v.rows = append(v.rows, weak.Make(r))
			return r
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= 0 && i < len(v.models) {
				r := o.(*timelineRow)
				r.set(&v.models[i], v.timeText(v.models[i].at))
				r.setSelected(v.models[i].id == v.selected)
			}
		})
	minH := v.geo.minSize().Height
	for i := range v.models {
		if h := v.models[i].height; h != minH {
			l.SetItemHeight(i, h)
		}
	}
	l.OnSelected = v.onSelected
	return l
}

// showList swaps in a new list for v.models and scrolls to target once the
// list has its size.
func (v *timelineView) showList(target *scrollTarget) {
	v.swapList()
	v.scroll = target
	if size := v.listBox.Size(); size.Width > 0 {
		v.list.Resize(size)
		v.applyScroll()
	}
	v.listBox.Refresh()
}

// swapList puts a new list for v.models in place, with the selected entry
// selected again.
func (v *timelineView) swapList() {
	v.list = v.newList()
	v.listBox.Objects = []fyne.CanvasObject{v.list}
	v.syncListShown()
	if v.indexOf(v.selected) < 0 {
		v.setSelected(0)
	}
}

// layoutList places the list; a new width breaks the lines anew.
func (v *timelineView) layoutList(size fyne.Size) {
	if size.Width != v.width && size.Width > 0 {
		target := v.anchor()
		v.width = size.Width
		if v.layoutRows() {
			v.swapList()
			if v.scroll == nil {
				v.scroll = target
			}
		} else {
			v.list.Refresh()
		}
	}
	if old := v.list.Size(); old.Height > 0 && size.Height != old.Height && v.scroll == nil {
		// Shorter or taller (a message under the entry, a resized window):
		// the newest entry stays in view if it was.
		if a := v.anchor(); a.bottom {
			v.scroll = a
		}
	}
	v.list.Move(fyne.Position{})
	v.list.Resize(size)
	v.applyScroll()
}

func (v *timelineView) applyScroll() {
	t := v.scroll
	if t == nil || v.list.Size().Height <= 0 {
		return
	}
	v.scroll = nil
	switch {
	case t.bottom:
		v.list.ScrollToBottom()
	case t.id != 0:
		switch i := v.indexOf(t.id); {
		case i >= 0 && i == len(v.models)-1:
			v.list.ScrollToBottom() // the same place, without refreshing every row
		case i >= 0:
			v.list.ScrollTo(i)
		}
	case t.top != 0:
		if i := v.indexOf(t.top); i >= 0 {
			v.list.ScrollToOffset(v.offsetOf(i) + min(t.delta, v.models[i].height))
		}
	}
}

// anchor is what the list shows now, to show it again after a rebuild: the
// newest entry when it is in view (so new entries keep appearing), otherwise
// the entry at the top.
func (v *timelineView) anchor() *scrollTarget {
	if v.scroll != nil {
		return v.scroll
	}
	if v.list == nil || len(v.models) == 0 || v.list.Size().Height <= 0 {
		return &scrollTarget{bottom: true}
	}
	offset := v.list.GetScrollOffset()
	if offset+v.list.Size().Height >= v.offsetOf(len(v.models))-theme.Padding()-1 {
		return &scrollTarget{bottom: true}
	}
	sep := theme.Padding()
	y := float32(0)
	for _, m := range v.models {
		if y+m.height+sep > offset {
			return &scrollTarget{top: m.id, delta: offset - y}
		}
		y += m.height + sep
	}
	return &scrollTarget{bottom: true}
}

// offsetOf is where row i starts in the list.
func (v *timelineView) offsetOf(i int) float32 {
	sep := theme.Padding()
	y := float32(0)
	for _, m := range v.models[:min(i, len(v.models))] {
		y += m.height + sep
	}
	return y
}

func (v *timelineView) indexOf(id int64) int {
	if id == 0 {
		return -1
	}
	for i, m := range v.models {
		if m.id == id {
			return i
		}
	}
	return -1
}

func (v *timelineView) entryByID(id int64) (data.Entry, bool) {
	i, ok := v.byID[id]
	if !ok {
		return data.Entry{}, false
	}
	return v.entries[i], true
}

// onSelected takes the row the officer picked (a click, or Space on the
// list) as the selected entry. The rows draw the selection themselves and the
// list keeps none: a Fyne list shows a new selection by refreshing every row,
// which drops the rows it keeps for reuse (see appendEntries), and the
// timeline selects every line recorded.
func (v *timelineView) onSelected(i widget.ListItemID) {
	if i >= 0 && i < len(v.models) {
		v.setSelected(v.models[i].id)
	}
	v.list.Unselect(i)
}

func (v *timelineView) setSelected(id int64) {
	v.selected = id
	if id == 0 {
		v.fullBtn.Disable()
		v.fixBtn.Disable()
	} else {
		v.fullBtn.Enable()
		v.fixBtn.Enable()
	}
	v.showSelection()
}

// showSelection has the rows in view mark the selected entry, and no other.
func (v *timelineView) showSelection() {
	live := v.rows[:0]
	for _, p := range v.rows {
		if r := p.Value(); r != nil {
			live = append(live, p)
			r.setSelected(r.m != nil && r.m.id == v.selected)
		}
	}
	clear(v.rows[len(live):])
	v.rows = live
}

func (v *timelineView) onFilter(label string) {
	kind := ""
	for _, k := range data.EntryKinds {
		if entryKindLabel(k) == label {
			kind = k
		}
	}
	if kind == v.kind {
		return
	}
	v.kind = kind
	v.applyFilter()
	v.layoutRows()
	target := &scrollTarget{bottom: true}
	if v.indexOf(v.selected) >= 0 {
		target = &scrollTarget{id: v.selected}
	}
	v.showList(target)
}

// timeText shows a time of the timeline: 2026/11/27 14:05 in the case's zone.
func (v *timelineView) timeText(t time.Time) string { return i18n.WesternDateTime(t.In(v.loc)) }

// resetTime puts the clock in the time field, which then follows it until
// the officer types another time.
func (v *timelineView) resetTime() {
	v.settingAt = true
	v.at.SetText(v.timeText(data.Now()))
	v.settingAt = false
	v.atEdited = false
}

// onTyping keeps the time field on the current minute while the officer
// types, so that what is recorded is what the field says.
func (v *timelineView) onTyping(text string) {
	if v.draft != nil {
		v.draft.Changed(text)
	}
	v.say("")
	if !v.atEdited {
		if now := v.timeText(data.Now()); now != v.at.Text {
			v.settingAt = true
			v.at.SetText(now)
			v.settingAt = false
		}
	}
}

// entryTime is the time of the entry being typed: now, or what the officer
// typed in the time field.
func (v *timelineView) entryTime() (time.Time, error) {
	if !v.atEdited {
		return data.Now(), nil
	}
	return i18n.ParseDateTime(v.at.Text, v.loc)
}

// author names the officer on the entries they write.
func (v *timelineView) author() string {
	o := v.env.officer()
	if name := strings.TrimSpace(o.Name); name != "" {
		return name
	}
	return o.Actor()
}

// onSubmit records the quick entry. Whatever goes wrong, the text stays in
// the field and the reason shows under it.
func (v *timelineView) onSubmit() {
	text := v.text.Text
	if strings.TrimSpace(text) == "" {
		v.say(i18n.ErrorMessage(data.Invalid("text", "required")))
		return
	}
	at, err := v.entryTime()
	if err != nil {
		v.say(i18n.ErrorMessage(err))
		return
	}
	e := &data.Entry{CaseID: v.caseID, At: at, Kind: data.EntryNote, Text: text, Author: v.author()}
	if err := v.env.Store.AddEntry(e); err != nil {
		v.onSaveError(err, v.say)
		return
	}
	v.say("")
	v.text.SetText("")
	v.draft.Recorded()
	v.resetTime()
	v.recorded(e)
	if w := v.env.Window; w != nil && w.Canvas().Focused() != fyne.Focusable(v.text) {
		// From 記録 with Space, the window hands the space on as a
		// character too, after the key: it must not begin the next line.
		v.text.dropSpace = true
	}
	v.Focus() // ready for the next line, also after the button or the time field
}

// say shows msg under the quick entry ("" hides it).
func (v *timelineView) say(msg string) {
	was := v.msg.Visible()
	v.msg.set(msg)
	if was != v.msg.Visible() {
		v.body.Refresh() // the foot grows or shrinks by a line: lay out again
	}
}

// recorded shows a new entry: the whole timeline if the filter hides it,
// scrolled to it and selected, and tells the window that the file changed.
func (v *timelineView) recorded(e *data.Entry) {
	v.status.SetState(saveSaved, nil)
	if v.kind != "" && v.kind != e.Kind {
		v.kind = ""
		v.filter.SetSelectedIndex(0)
	}
	v.setSelected(e.ID)
	// A line after the last one, correcting nothing, is added as recorded
	// without reading the timeline again (the window reads the case again
	// just after, and finds it in place).
	last := len(v.entries) - 1
	if e.Corrects == 0 && (last < 0 || !e.At.Before(v.entries[last].At)) && v.appendOnly(v.entries) {
		v.appendEntries([]data.Entry{*e}, &scrollTarget{id: e.ID})
	} else if err := v.load(&scrollTarget{id: e.ID}); err != nil && v.env.Window != nil {
		ShowError(err, v.env.Window)
	}
	v.env.saved()
}

// onSaveError shows why the store refused an entry: a validation message next
// to the field, anything else in a dialog (and the indicator says it failed).
func (v *timelineView) onSaveError(err error, say func(string)) {
	if data.ErrorCode(err) == data.EINVALID {
		say(i18n.ErrorMessage(err))
		return
	}
	say("")
	v.status.SetState(saveFailed, err)
	if v.env.Window != nil {
		ShowError(err, v.env.Window)
	}
}

// onShowFull shows the selected entry whole, with a button that copies it.
func (v *timelineView) onShowFull() {
	e, ok := v.entryByID(v.selected)
	if !ok || v.env.Window == nil {
		return
	}
	meta := widget.NewLabel(v.metaText(e))
	meta.TextStyle.Bold = true
	meta.Wrapping = fyne.TextWrapWord
	v.full = newTimelineFullText(v.geo, e.Text)
	var d *dialog.CustomDialog
	copyBtn := widget.NewButtonWithIcon(i18n.T("timeline.full.copy"), theme.ContentCopyIcon(), nil)
	copyBtn.OnTapped = func() {
		fyne.CurrentApp().Clipboard().SetContent(e.Text)
		copyBtn.SetText(i18n.T("timeline.full.copied"))
	}
	closeBtn := widget.NewButtonWithIcon(i18n.T("common.close"), theme.CancelIcon(), func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons(i18n.T("timeline.full.title"),
		container.NewBorder(meta, nil, nil, nil, v.full.box), v.env.Window)
	d.SetButtons([]fyne.CanvasObject{copyBtn, closeBtn})
	d.Resize(fyne.NewSize(760, 560))
	ShowDialog(v.env.Window, d, nil)
}

// timelineFullText shows a whole text in a virtualized list of lines, broken
// like the rows of the timeline: quick for 100,000 characters, where labels
// would take Fyne seconds to wrap, and without the gaps between labels.
type timelineFullText struct {
	geo   *timelineGeometry
	text  string
	lines []textLine
	width float32
	list  *widget.List
	box   *fyne.Container
}

func newTimelineFullText(g *timelineGeometry, text string) *timelineFullText {
	f := &timelineFullText{geo: g, text: timelineDisplayText(text)}
	f.list = widget.NewList(
		func() int { return len(f.lines) },
		func() fyne.CanvasObject {
			t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
			t.TextSize = g.textSize
			return t
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(f.lines) {
				t := o.(*canvas.Text)
				t.Text, t.Color = f.lines[i].text, theme.Color(theme.ColorNameForeground)
				t.Refresh()
			}
		})
	f.list.HideSeparators = true
	f.list.OnSelected = func(widget.ListItemID) { f.list.UnselectAll() } // lines are not items to pick
	f.box = container.New(timelineFullTextLayout{f}, f.list)
	return f
}

type timelineFullTextLayout struct{ f *timelineFullText }

func (l timelineFullTextLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	f := l.f
	if size.Width != f.width && size.Width > 0 {
		f.width = size.Width
		f.lines, _ = breakLines(f.text, max(size.Width-2*theme.Padding()-theme.ScrollBarSize(), f.geo.textSize), f.geo.textWidthOf, math.MaxInt)
		f.list.Refresh()
	}
	f.list.Resize(size)
}

func (l timelineFullTextLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(10*l.f.geo.textSize, 10*l.f.geo.lineH)
}

// metaText describes an entry in a line: 2026/11/27 14:05 ・ メモ ・ 山田.
func (v *timelineView) metaText(e data.Entry) string {
	parts := []string{v.timeText(e.At), entryKindLabel(e.Kind)}
	if e.Author != "" {
		parts = append(parts, e.Author)
	}
	return strings.Join(parts, i18n.T("app.sep"))
}

// maxCorrectionPrefill is the longest text the correction dialog copies into
// its editor: Fyne's multi-line entry wraps in time that grows with the square
// of the text, and a pasted report of 100,000 characters would freeze it.
const maxCorrectionPrefill = 5000

// timelineCorrection is the dialog that corrects an entry: the officer edits
// a copy of the text (and the time), and it is recorded as a new entry.
type timelineCorrection struct {
	v       *timelineView
	old     data.Entry
	at      *entry
	text    *entry
	draft   *fieldDraft // the correction typed and not yet recorded
	err     fieldError
	content *fyne.Container
	dlg     *dialog.CustomDialog
}

func (c *timelineCorrection) say(msg string) {
	c.err.set(msg)
	c.content.Refresh()
}

func (v *timelineView) onCorrect() {
	old, ok := v.entryByID(v.selected)
	if !ok || v.env.Window == nil {
		return
	}
	c := &timelineCorrection{v: v, old: old}
	v.fix = c
	c.at = newEntry()
	c.at.SetText(v.timeText(old.At))
	c.text = newMultiLineEntry()
	c.text.Wrapping = fyne.TextWrapWord
	c.text.SetMinRowsVisible(5)
	c.text.OnSubmitted = func(string) { c.onConfirm() } // Shift+Enter
	c.at.OnSubmitted = func(string) { c.onConfirm() }
	c.err = newFieldError()
	long := utf8.RuneCountInString(old.Text) > maxCorrectionPrefill
	c.draft = newFieldDraft(v.env, v.caseID, "correct/"+strconv.FormatInt(old.ID, 10))
	if kept := c.draft.stored(); kept != "" {
		restoreText(&c.text.Entry, kept) // the correction begun before, not yet recorded
	} else if !long {
		c.text.SetText(old.Text)
	}
	c.text.OnChanged = func(text string) {
		if text == old.Text {
			text = "" // nothing corrected yet: nothing to keep
		}
		c.draft.Changed(text)
	}

	heading := widget.NewLabel(i18n.T("timeline.correct.original"))
	heading.TextStyle.Bold = true
	meta := widget.NewLabel(v.metaText(old))
	orig := wrapLabel(timelinePreview(old.Text, 300))
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel(i18n.T("timeline.correct.at")), c.at,
		widget.NewLabel(i18n.T("timeline.correct.text")), c.text)
	note := wrapLabel(i18n.T("timeline.correct.note"))
	note.SizeName = theme.SizeNameCaptionText
	c.content = container.NewVBox(heading, meta, panel(colorNoteBg, orig), form, c.err, note)
	if long {
		tooLong := wrapLabel(i18n.T("timeline.correct.too_long"))
		tooLong.Importance = widget.WarningImportance
		c.content.Add(tooLong)
	}

	cancel := widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), func() {
		c.draft.Close()
		c.dlg.Hide()
	})
	confirm := widget.NewButtonWithIcon(i18n.T("timeline.correct.confirm"), theme.ConfirmIcon(), c.onConfirm)
	confirm.Importance = widget.HighImportance
	c.dlg = dialog.NewCustomWithoutButtons(i18n.T("timeline.correct.title"), c.content, v.env.Window)
	c.dlg.SetButtons([]fyne.CanvasObject{cancel, confirm})
	c.dlg.Resize(fyne.NewSize(720, c.content.MinSize().Height+110))
	ShowDialog(v.env.Window, c.dlg, cancel)
	v.env.Window.Canvas().Focus(c.text)
}

func (c *timelineCorrection) onConfirm() {
	v, old := c.v, c.old
	text := c.text.Text
	if strings.TrimSpace(text) == "" {
		c.say(i18n.ErrorMessage(data.Invalid("text", "required")))
		return
	}
	at := old.At // unchanged to the minute: keep the exact time, and the place in the timeline
	if strings.TrimSpace(c.at.Text) != v.timeText(old.At) {
		t, err := i18n.ParseDateTime(c.at.Text, v.loc)
		if err != nil {
			c.say(i18n.ErrorMessage(err))
			return
		}
		at = t
	}
	if text == old.Text && at.Equal(old.At) {
		c.say(i18n.T("timeline.correct.unchanged"))
		return
	}
	e := &data.Entry{CaseID: v.caseID, At: at, Kind: old.Kind, Text: text, Author: v.author(), Corrects: old.ID}
	if err := v.env.Store.AddEntry(e); err != nil {
		v.onSaveError(err, c.say)
		return
	}
	c.draft.Recorded()
	c.draft.Close()
	c.dlg.Hide()
	v.recorded(e)
}

// quickEntry is the one-line entry at the foot of the timeline. Enter and
// Ctrl+Enter record it; a paste that would make the text longer than the case
// file accepts is refused before it reaches the field, which keeps its text.
type quickEntry struct {
	widget.Entry
	onSubmit  func()
	onRefused func(error)
	tabs      tabKeys
	dropSpace bool // the next space is the one that pressed 記録
}

// TypedRune types r, except the space of a Space that pressed 記録.
func (e *quickEntry) TypedRune(r rune) {
	drop := e.dropSpace && r == ' '
	e.dropSpace = false
	if !drop {
		e.Entry.TypedRune(r)
	}
}

// KeyDown and KeyUp follow Shift for a Tab that reaches TypedKey.
func (e *quickEntry) KeyDown(k *fyne.KeyEvent) {
	e.tabs.keyDown(k)
	e.Entry.KeyDown(k)
}

func (e *quickEntry) KeyUp(k *fyne.KeyEvent) {
	e.tabs.keyUp(k)
	e.Entry.KeyUp(k)
}

// TypedKey moves the focus on Tab (see keys.go); every other key is the
// entry's.
func (e *quickEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name != fyne.KeySpace {
		e.dropSpace = false
	}
	if !e.tabs.typedTab(e, k) {
		e.Entry.TypedKey(k)
	}
}

func newQuickEntry() *quickEntry {
	e := &quickEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut adds Ctrl+Enter and the paste check to the entry's shortcuts.
func (e *quickEntry) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *desktop.CustomShortcut:
		enter := sc.KeyName == fyne.KeyReturn || sc.KeyName == fyne.KeyEnter
		if enter && (sc.Modifier == fyne.KeyModifierControl || sc.Modifier == fyne.KeyModifierShortcutDefault) {
			if e.onSubmit != nil {
				e.onSubmit()
			}
			return
		}
	case *fyne.ShortcutPaste:
		cb := sc.Clipboard
		if cb == nil {
			cb = fyne.CurrentApp().Clipboard()
		}
		if cb != nil {
			n := utf8.RuneCountInString(e.Text) - utf8.RuneCountInString(e.SelectedText())
			if n+utf8.RuneCountInString(cb.Content()) > data.MaxTextRunes {
				if e.onRefused != nil {
					e.onRefused(data.Invalid("text", "toolong"))
				}
				return
			}
		}
	}
	e.Entry.TypedShortcut(s)
}

// entryKindLabel names an entry kind: メモ, 手順…; an unknown kind shows as stored.
func entryKindLabel(kind string) string {
	if id := "timeline.kind." + kind; i18n.Has(id) {
		return i18n.T(id)
	}
	return kind
}

// Colours of the kind tags: dark enough for white text (WCAG AA), and a
// corrected entry's tag greyed like its text.
var (
	colorKindNote      = color.NRGBA{R: 0x45, G: 0x5A, B: 0x64, A: 0xFF} // blue grey
	colorKindCase      = color.NRGBA{R: 0x5D, G: 0x40, B: 0x37, A: 0xFF} // brown
	colorKindClass     = color.NRGBA{R: 0x6A, G: 0x1B, B: 0x9A, A: 0xFF} // purple
	colorKindStatus    = color.NRGBA{R: 0x00, G: 0x69, B: 0x5C, A: 0xFF} // teal
	colorKindReport    = color.NRGBA{R: 0x15, G: 0x65, B: 0xC0, A: 0xFF} // blue
	colorKindThreat    = color.NRGBA{R: 0xB7, G: 0x1C, B: 0x1C, A: 0xFF} // dark red
	colorKindStep      = color.NRGBA{R: 0x2E, G: 0x7D, B: 0x32, A: 0xFF} // green
	colorKindMilestone = color.NRGBA{R: 0xA1, G: 0x4A, B: 0x00, A: 0xFF} // dark amber
	colorCorrectedTag  = color.NRGBA{R: 0x9E, G: 0x9E, B: 0x9E, A: 0xFF}
	colorStrike        = color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xFF}
)

func entryKindColor(kind string) color.Color {
	switch kind {
	case data.EntryNote:
		return colorKindNote
	case data.EntryCase:
		return colorKindCase
	case data.EntryClass:
		return colorKindClass
	case data.EntryStatus:
		return colorKindStatus
	case data.EntryReport:
		return colorKindReport
	case data.EntryThreat:
		return colorKindThreat
	case data.EntryStep:
		return colorKindStep
	case data.EntryMilestone:
		return colorKindMilestone
	}
	return colorPending
}

// quickRowLayout lays out the quick-entry line: the time, 現在, the text
// stretched, and 記録, from objects given as time, text, 記録, 現在 (the order of
// Tab).
type quickRowLayout struct{}

func (quickRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	at, text, add, now := objs[0], objs[1], objs[2], objs[3]
	pad := theme.Padding()
	place := func(o fyne.CanvasObject, x, w float32) {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		o.Resize(fyne.NewSize(w, h))
	}
	atW, nowW, addW := at.MinSize().Width, now.MinSize().Width, add.MinSize().Width
	place(at, 0, atW)
	place(now, atW+pad, nowW)
	textX := atW + pad + nowW + pad
	addX := size.Width - addW
	place(text, textX, max(addX-pad-textX, 0))
	place(add, addX, addW)
}

func (quickRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	for _, o := range objs {
		m := o.MinSize()
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w+3*theme.Padding(), h)
}

// timelineListLayout gives the list its size and tells the view when the
// width changes, since the lines of every row depend on it.
type timelineListLayout struct{ v *timelineView }

func (l timelineListLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) { l.v.layoutList(size) }

func (l timelineListLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(l.v.geo.minSize().Width, 3*l.v.geo.minSize().Height)
}

// timelineGeometry holds the measures of a timeline row, taken once from the
// theme, and the width of every character met so far: rows are broken into
// lines by the view itself, so that their heights are known exactly before
// they are drawn (the list needs them all to scroll) and at the cost of a
// table lookup per character (runeWidths, shared with the labels).
type timelineGeometry struct {
	textSize, noteSize float32
	lineH, noteLineH   float32
	padX, padY         float32
	timeW, kindW       float32
	authorW            float32
	baseline, noteBase float32
	text, note         *runeWidthCache
	textWidthOf        func(rune) float32 // text.width and note.width, bound once
	noteWidthOf        func(rune) float32
	kinds              map[string]string // kind → label
}

// kindLabel is entryKindLabel, remembered.
func (g *timelineGeometry) kindLabel(kind string) string {
	l, ok := g.kinds[kind]
	if !ok {
		l = entryKindLabel(kind)
		g.kinds[kind] = l
	}
	return l
}

// timelineGeometries keeps the geometry of each theme and language: the
// measures and the characters measured so far serve every timeline opened.
// Used on the UI goroutine only.
var timelineGeometries = map[timelineGeometryKey]*timelineGeometry{}

type timelineGeometryKey struct {
	font, lang         string
	textSize, noteSize float32
}

func newTimelineGeometry() *timelineGeometry {
	key := timelineGeometryKey{font: theme.TextFont().Name(), lang: i18n.Language(), textSize: theme.TextSize(), noteSize: theme.CaptionTextSize()}
	if g, ok := timelineGeometries[key]; ok {
		return g
	}
	g := &timelineGeometry{textSize: theme.TextSize(), noteSize: theme.CaptionTextSize()}
	timelineGeometries[key] = g
	g.padX, g.padY = theme.InnerPadding(), theme.Padding()+1
	drv := fyne.CurrentApp().Driver()
	// A little leading between the lines of a paragraph, as the documents have.
	size, base := drv.RenderedTextSize("国g", g.textSize, fyne.TextStyle{}, nil)
	g.lineH, g.baseline = size.Height+2, base
	size, base = drv.RenderedTextSize("国g", g.noteSize, fyne.TextStyle{}, nil)
	g.noteLineH, g.noteBase = size.Height+1, base
	g.timeW = fyne.MeasureText("0000/00/00 00:00", g.textSize, fyne.TextStyle{}).Width
	b := newBadge()
	for _, k := range data.EntryKinds {
		b.set(entryKindLabel(k), colorPending, colorBadgeText)
		g.kindW = max(g.kindW, b.box.MinSize().Width)
	}
	g.authorW = 7 * g.textSize
	g.kinds = map[string]string{}
	g.text = runeWidths(theme.Current(), g.textSize, fyne.TextStyle{})
	g.note = runeWidths(theme.Current(), g.noteSize, fyne.TextStyle{})
	g.textWidthOf, g.noteWidthOf = g.text.width, g.note.width
	return g
}

// textX is where the text column starts; the author column ends the row.
func (g *timelineGeometry) textX() float32 { return g.padX + g.timeW + g.padX + g.kindW + g.padX }

// textWidth is the width of the text column in a row of width w.
func (g *timelineGeometry) textWidth(w float32) float32 {
	return max(w-g.textX()-g.padX-g.authorW-g.padX, 6*g.textSize)
}

// minSize is the size of a row of one line.
func (g *timelineGeometry) minSize() fyne.Size {
	return fyne.NewSize(g.textX()+6*g.textSize+2*g.padX+g.authorW, 2*g.padY+g.lineH)
}

// timelineRowModel is one row as drawn: the lines already broken. The time
// is formatted when the row is drawn (only the rows on screen need it).
type timelineRowModel struct {
	id     int64
	at     time.Time
	kind   string
	kindBg color.Color
	dim    bool // corrected: greyed and struck through
	author []textLine
	blocks []timelineBlock
	height float32
}

// timelineBlock is a run of lines in one style: the entry's text or a note
// under it (訂正: …, 訂正済み…, 続きあり…).
type timelineBlock struct {
	lines  []textLine
	note   bool // in the caption size
	color  fyne.ThemeColorName
	strike bool
}

func (v *timelineView) rowModel(e *data.Entry, textW float32, authors map[string][]textLine) timelineRowModel {
	g := v.geo
	fixes := v.correctedBy[e.ID]
	m := timelineRowModel{id: e.ID, at: e.At, kind: g.kindLabel(e.Kind), kindBg: entryKindColor(e.Kind), dim: len(fixes) > 0}
	body := timelineBlock{color: theme.ColorNameForeground}
	if m.dim {
		m.kindBg = colorCorrectedTag
		body.color, body.strike = theme.ColorNamePlaceHolder, true
	}
	text := timelineDisplayText(e.Text)
	var more bool
	body.lines, more = breakLines(text, textW, g.textWidthOf, maxPreviewLines)
	m.blocks = append(m.blocks, body)
	note := func(s string, c fyne.ThemeColorName) {
		lines, _ := breakLines(s, textW, g.noteWidthOf, 3)
		m.blocks = append(m.blocks, timelineBlock{lines: lines, note: true, color: c})
	}
	if more {
		note(i18n.T("timeline.truncated", map[string]any{"Count": timelineThousands(utf8.RuneCountInString(e.Text))}), theme.ColorNamePlaceHolder)
	}
	if e.Corrects != 0 {
		at := "#" + strconv.FormatInt(e.Corrects, 10)
		if old, ok := v.entryByID(e.Corrects); ok {
			at = v.timeText(old.At)
		}
		note(i18n.T("timeline.corrects", map[string]any{"At": at}), theme.ColorNamePrimary)
	}
	if len(fixes) > 0 {
		times := make([]string, 0, len(fixes))
		for _, id := range fixes {
			if fix, ok := v.entryByID(id); ok {
				times = append(times, v.timeText(fix.At))
			}
		}
		note(i18n.T("timeline.corrected_by", map[string]any{"At": strings.Join(times, i18n.T("app.list_sep"))}), theme.ColorNameError)
	}
	author, ok := authors[e.Author]
	if !ok {
		author, _ = breakLines(timelineDisplayText(e.Author), g.authorW, g.textWidthOf, 2)
		authors[e.Author] = author
	}
	m.author = author

	h := float32(0)
	for _, b := range m.blocks {
		lh := g.lineH
		if b.note {
			lh = g.noteLineH
		}
		h += float32(len(b.lines)) * lh
	}
	h = max(h, float32(len(m.author))*g.lineH, g.lineH)
	m.height = h + 2*g.padY
	return m
}

// timelineThousands writes 12345 as 12,345.
func timelineThousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// timelineDisplayText is s as a row draws it: line ends unified, tabs as spaces, and
// control characters as U+FFFD, so that what cannot be drawn is still seen.
// The stored text is never changed.
func timelineDisplayText(s string) string {
	if n := len(s); n > 0 && (s[n-1] == '\n' || s[n-1] == '\r') {
		s = strings.TrimRight(s, "\r\n")
	}
	if !needsDisplayMapping(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r == '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				b.WriteByte('\n')
			}
		case r == '\n' || r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// needsDisplayMapping reports whether timelineDisplayText has anything to
// change in s, looking at bytes: C0 controls and DEL are single bytes, C1
// controls start with 0xC2 and U+2028/U+2029 with 0xE2.
func needsDisplayMapping(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b == 0x7f || b == 0xC2 || b == 0xE2 {
			return strings.ContainsFunc(s[i:], func(r rune) bool {
				return r < 0x20 || (r >= 0x7f && r < 0xa0) || r == 0x2028 || r == 0x2029
			})
		}
	}
	return false
}

// timelinePreview is the first n characters of s, with … when there is more.
func timelinePreview(s string, n int) string {
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos] + "…"
		}
		i++
	}
	return s
}

// timelineRow draws one entry: time, kind tag, the text (struck through when
// corrected) with its notes, and the author, from a timelineRowModel.
type timelineRow struct {
	widget.BaseWidget
	geo     *timelineGeometry
	m       *timelineRowModel // &model once set
	model   timelineRowModel
	sel     *canvas.Rectangle // the selection, behind the row
	time    *canvas.Text
	kind    *badge
	texts   []*canvas.Text
	strikes []*canvas.Line
	objects []fyne.CanvasObject
}

func newTimelineRow(g *timelineGeometry) *timelineRow {
	r := &timelineRow{geo: g, time: canvas.NewText("", theme.Color(theme.ColorNameForeground)), kind: newBadge(),
		sel: canvas.NewRectangle(theme.Color(theme.ColorNameSelection))}
	r.sel.CornerRadius = theme.SelectionRadiusSize()
	r.sel.Hide()
	r.time.TextSize = g.textSize
	r.kind.text.Alignment = fyne.TextAlignCenter
	r.objects = []fyne.CanvasObject{r.sel, r.time, r.kind.box}
	r.ExtendBaseWidget(r)
	return r
}

func (r *timelineRow) CreateRenderer() fyne.WidgetRenderer { return &timelineRowRenderer{r} }

// MinSize is the size of a row of one line, known without a renderer: a Fyne
// list makes a row only to measure it at every refresh, and a renderer made
// for it would stay in Fyne's cache for a minute.
func (r *timelineRow) MinSize() fyne.Size { return r.geo.minSize() }

// setSelected shows or hides the selection behind the row.
func (r *timelineRow) setSelected(on bool) {
	if on == r.sel.Visible() {
		return
	}
	if on {
		r.sel.FillColor = theme.Color(theme.ColorNameSelection)
		r.sel.Show()
	} else {
		r.sel.Hide()
	}
	r.sel.Refresh()
}

// set shows a row model; the pools of texts and lines grow as needed.
func (r *timelineRow) set(m *timelineRowModel, at string) {
	r.model = *m
	r.m = &r.model
	m = r.m
	nTexts, nStrikes := len(m.author), 0
	for _, b := range m.blocks {
		nTexts += len(b.lines)
		if b.strike {
			nStrikes += len(b.lines)
		}
	}
	grown := false
	for len(r.texts) < nTexts {
		r.texts = append(r.texts, canvas.NewText("", color.Black))
		grown = true
	}
	for len(r.strikes) < nStrikes {
		l := canvas.NewLine(colorStrike)
		l.StrokeWidth = 1.5
		r.strikes = append(r.strikes, l)
		grown = true
	}
	if grown {
		r.objects = r.objects[:3]
		for _, t := range r.texts {
			r.objects = append(r.objects, t)
		}
		for _, l := range r.strikes {
			r.objects = append(r.objects, l)
		}
	}

	fg := theme.Color(theme.ColorNameForeground)
	dimmed := theme.Color(theme.ColorNamePlaceHolder)
	r.time.Text = at
	r.time.Color = fg
	if m.dim {
		r.time.Color = dimmed
	}
	r.kind.set(m.kind, m.kindBg, colorBadgeText)
	ti, si := 0, 0
	for _, l := range m.author {
		t := r.texts[ti]
		t.Text, t.Color, t.TextSize = l.text, dimmed, r.geo.textSize
		t.Show()
		ti++
	}
	for _, b := range m.blocks {
		size := r.geo.textSize
		if b.note {
			size = r.geo.noteSize
		}
		c := theme.Color(b.color)
		for _, l := range b.lines {
			t := r.texts[ti]
			t.Text, t.Color, t.TextSize = l.text, c, size
			t.Show()
			ti++
			if b.strike {
				if l.width > 0 {
					r.strikes[si].Show()
				} else {
					r.strikes[si].Hide()
				}
				si++
			}
		}
	}
	for _, t := range r.texts[ti:] {
		t.Hide()
	}
	for _, l := range r.strikes[si:] {
		l.Hide()
	}
	r.Refresh()
}

type timelineRowRenderer struct{ r *timelineRow }

func (rr *timelineRowRenderer) Destroy()                     {}
func (rr *timelineRowRenderer) MinSize() fyne.Size           { return rr.r.geo.minSize() }
func (rr *timelineRowRenderer) Objects() []fyne.CanvasObject { return rr.r.objects }

func (rr *timelineRowRenderer) Refresh() {
	rr.Layout(rr.r.Size())
	for _, o := range rr.r.objects {
		o.Refresh()
	}
}

func (rr *timelineRowRenderer) Layout(size fyne.Size) {
	r, g, m := rr.r, rr.r.geo, rr.r.m
	if m == nil {
		return
	}
	r.sel.Move(fyne.Position{})
	r.sel.Resize(size)
	y0 := g.padY
	r.time.Move(fyne.NewPos(g.padX, y0))
	r.time.Resize(fyne.NewSize(g.timeW, g.lineH))
	r.kind.box.Move(fyne.NewPos(g.padX+g.timeW+g.padX, y0))
	r.kind.box.Resize(fyne.NewSize(g.kindW, g.lineH))

	ti, si := 0, 0
	xAuthor := size.Width - g.padX - g.authorW
	for k := range m.author {
		t := r.texts[ti]
		t.Move(fyne.NewPos(xAuthor, y0+float32(k)*g.lineH))
		t.Resize(fyne.NewSize(g.authorW, g.lineH))
		ti++
	}
	x, y := g.textX(), y0
	for _, b := range m.blocks {
		lh, base, size := g.lineH, g.baseline, g.textSize
		if b.note {
			lh, base, size = g.noteLineH, g.noteBase, g.noteSize
		}
		for _, l := range b.lines {
			t := r.texts[ti]
			t.Move(fyne.NewPos(x, y))
			t.Resize(fyne.NewSize(l.width, lh))
			ti++
			if b.strike {
				// Through the middle of the kana and kanji, which sit a
				// little higher than the middle of the line box.
				sy := y + base - 0.36*size
				s := r.strikes[si]
				s.Position1 = fyne.NewPos(x-1, sy)
				s.Position2 = fyne.NewPos(x+l.width+1, sy)
				si++
			}
			y += lh
		}
	}
}
