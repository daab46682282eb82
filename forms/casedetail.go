package forms

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// CaseDetail is the right side of the window: the open case's header (number,
// badges, title, the 訓練 banner, what to do next) above one tab per part of
// the regulation's procedure: 概要, 報告事項 or 障害の状況, 脅威度, 手順, 経過.
// Each tab's screen is built when first shown, and the screens of a case are
// flushed to the case file before another case replaces them.
type CaseDetail struct {
	env   *Env
	onNew func()

	c data.Case // the case shown; ID 0 when none

	content *fyne.Container // empty state or case
	empty   fyne.CanvasObject
	body    fyne.CanvasObject

	banner     fyne.CanvasObject
	number     *widget.Label
	class      *badge
	levelBadge *badge // the threat level, once determined
	status     *widget.Select
	elapsed    *widget.Label
	title      *jpText
	discovered *jpText

	tabs     *container.AppTabs
	tabList  []*caseTab
	tabID    string     // the tab the officer last chose: kept from case to case
	tabCase  int64      // the case the tabs were made for
	tabClass data.Class // and its class
	building bool       // the tabs are being replaced: selections are not the officer's

	// The screens of the tabs, nil until first shown. proc lives as long
	// as the CaseDetail and shows whichever case is open.
	proc     *procedureView
	intake   *intakeForm
	report   *reportItemsForm
	failure  *failureReportForm
	threat   *threatForm
	response *responseForm
	meeting  *meetingView
	calls    *callsView
	timeline *timelineView
	after    *aftercareView // 第4条第7号・第9号・第10号, 第5条第7号・第8号ウ (aftercare.go)

	updating bool // widgets are being set from the case, not by the user
	stop     chan struct{}
}

// The tabs of a case.
const (
	tabIntake    = "intake"
	tabReport    = "report"   // 第5条第1号, misconduct
	tabFailure   = "failure"  // 第4条第1号〜第6号, failure
	tabThreat    = "threat"   // 第5条, misconduct
	tabResponse  = "response" // 第5条第3号・第4号, misconduct
	tabProcedure = "procedure"
	tabMeeting   = "meeting" // セキュリティ会議 (第4条第6号, 第5条第6号)
	tabCalls     = "calls"   // 緊急時連絡網 (第3条): who to call now
	tabTimeline  = "timeline"
	tabAfter     = "aftercare" // 修復・再開連絡・対策 of a failure (aftercare.go)
	tabLogs      = "logs"      // ログ保全・再開連絡 of a misconduct: the same screen
)

// caseTab is one tab: a holder that gets the tab's screen when it is first
// shown, under a line that says what to do next (but on 手順, which says it
// in full).
type caseTab struct {
	id     string
	item   *container.TabItem
	holder *fyne.Container
	next   *widget.Label // nil on 手順
	built  bool
}

// newCaseTab makes a tab whose screen is built when first shown.
func (d *CaseDetail) newCaseTab(id string) *caseTab {
	t := &caseTab{id: id, holder: container.NewStack()}
	if id == tabProcedure {
		t.item = container.NewTabItem(tabLabel(id), t.holder)
		return t
	}
	heading := widget.NewLabel(i18n.T("case.next.title"))
	heading.TextStyle.Bold = true
	heading.Importance = widget.HighImportance
	t.next = widget.NewLabel("")
	t.next.Truncation = fyne.TextTruncateEllipsis
	open := widget.NewButtonWithIcon(i18n.T("case.next.open"), theme.NavigateNextIcon(), func() { d.selectTab(tabProcedure) })
	open.Importance = widget.LowImportance
	strip := panel(colorNextBg, container.NewBorder(nil, nil,
		container.NewHBox(widget.NewIcon(theme.NavigateNextIcon()), heading), open, t.next))
	t.item = container.NewTabItem(tabLabel(id), container.NewBorder(strip, nil, nil, nil, t.holder))
	return t
}

// NewCaseDetail builds the case screen, showing its empty state.
func NewCaseDetail(env *Env, onNew func()) *CaseDetail {
	d := &CaseDetail{env: env, onNew: onNew, tabID: tabProcedure}
	d.proc = newProcedureView(env, d.save)
	d.proc.OnRecord = d.selectTab // 第4条第7号・第9号・第10号, 第5条第7号・第8号ウ
	d.buildUI()
	d.Clear()
	return d
}

// Content is the screen, to place in the window.
func (d *CaseDetail) Content() fyne.CanvasObject { return d.content }

// CaseID is the ID of the case shown, 0 when none.
func (d *CaseDetail) CaseID() int64 { return d.c.ID }

func (d *CaseDetail) buildUI() {
	d.empty = d.buildEmpty()

	drillText := newJPText(i18n.T("case.drill.banner"))
	drillText.TextStyle.Bold = true
	d.banner = panel(colorDrillBg, container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, drillText))

	d.number = widget.NewLabel("")
	d.number.TextStyle.Bold = true
	d.class = newBadge()
	d.levelBadge = newBadge()
	statuses := make([]string, len(data.Statuses))
	for i, s := range data.Statuses {
		statuses[i] = StatusLabel(s)
	}
	d.status = widget.NewSelect(statuses, d.onStatusChanged)
	d.elapsed = widget.NewLabel("")
	d.elapsed.TextStyle.Bold = true
	d.elapsed.Importance = widget.HighImportance
	d.title = newJPText("")
	d.title.TextStyle.Bold = true
	d.title.SizeName = theme.SizeNameSubHeadingText
	d.discovered = newJPText("")
	d.discovered.SizeName = theme.SizeNameCaptionText

	top := container.NewBorder(nil, nil,
		container.NewHBox(d.number, d.class.box, d.levelBadge.box),
		container.NewHBox(d.elapsed, widget.NewLabel(i18n.T("case.list.status")), d.status),
		container.NewVBox(d.title))

	d.tabs = container.NewAppTabs()
	d.tabs.OnSelected = d.onTabSelected

	d.body = container.NewBorder(
		container.NewVBox(d.banner, top, container.NewBorder(nil, nil, nil,
			widget.NewButtonWithIcon(i18n.T("reportui.button"), theme.DocumentPrintIcon(), d.onCreateReport), d.discovered)),
		nil, nil, nil, d.tabs)
	d.content = container.NewStack(d.empty, d.body)
}

// buildEmpty is what the right side says before a case is chosen.
func (d *CaseDetail) buildEmpty() fyne.CanvasObject {
	icon := widget.NewIcon(theme.DocumentIcon())
	iconBox := container.NewCenter(container.NewGridWrap(fyne.NewSize(64, 64), icon))
	heading := widget.NewLabel(i18n.T("case.empty.title"))
	heading.TextStyle.Bold = true
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Alignment = fyne.TextAlignCenter
	lines := container.NewVBox(iconBox, heading)
	for _, s := range strings.Split(i18n.T("case.empty.text"), "\n") {
		l := widget.NewLabel(s)
		l.Alignment = fyne.TextAlignCenter
		lines.Add(l)
	}
	btn := widget.NewButtonWithIcon(i18n.T("case.new"), theme.ContentAddIcon(), func() {
		if d.onNew != nil {
			d.onNew()
		}
	})
	btn.Importance = widget.HighImportance
	lines.Add(container.NewCenter(btn))
	return container.NewCenter(lines)
}

// Clear shows the empty state.
func (d *CaseDetail) Clear() {
	d.dropForms()
	d.c = data.Case{}
	d.body.Hide()
	d.empty.Show()
}

// Show loads a case from the case file and shows it. The screens of the case
// shown before are saved first; if that fails, it stays, with the reason.
func (d *CaseDetail) Show(id int64) {
	if d.c.ID != 0 && id != d.c.ID {
		if err := d.Flush(); err != nil {
			ShowError(err, d.env.Window)
			return
		}
	}
	c, err := d.env.Store.Case(id)
	if err != nil {
		ShowError(err, d.env.Window)
		d.Clear()
		return
	}
	if err := d.proc.load(c); err != nil {
		ShowError(err, d.env.Window)
		d.Clear()
		return
	}
	if c.ID != d.c.ID {
		d.dropForms()
	}
	d.c = c
	if c.ID != d.tabCase || c.Class != d.tabClass {
		d.setupTabs()
	} else {
		// The same case again: show what changed elsewhere (the timeline,
		// contacts edited in the 連絡網 window).
		if d.timeline != nil {
			if err := d.timeline.Reload(); err != nil {
				ShowError(err, d.env.Window)
			}
		}
		if d.calls != nil {
			if err := d.calls.Reload(); err != nil {
				ShowError(err, d.env.Window)
			}
		}
	}
	d.refresh()
	d.empty.Hide()
	d.body.Show()
}

// ShowNew shows a case just created on its 概要 tab, where its intake goes on.
func (d *CaseDetail) ShowNew(id int64) {
	d.Show(id)
	if d.c.ID == id {
		d.selectTab(tabIntake)
	}
}

// Reload reads the shown case again: it changed, here or on another screen.
// The procedure and the timeline follow at once (a report saved elsewhere puts
// its line on the timeline); the forms keep what is being typed into them.
func (d *CaseDetail) Reload() {
	if d.c.ID != 0 {
		d.Show(d.c.ID)
	}
}

// Flush saves at once what the forms of the case still wait to save (before
// another case, the window's closing, or Ctrl+S), and returns what failed.
func (d *CaseDetail) Flush() error {
	var errs []error
	if d.intake != nil {
		errs = append(errs, d.intake.Flush())
	}
	if d.report != nil {
		errs = append(errs, d.report.Flush())
	}
	if d.failure != nil {
		errs = append(errs, d.failure.Flush())
	}
	if d.response != nil {
		errs = append(errs, d.response.Flush())
	}
	if d.meeting != nil {
		errs = append(errs, d.meeting.Flush())
	}
	errs = append(errs, FlushDrafts(d.env)) // the 経過 line, a call's note…
	return errors.Join(errs...)
}

// dropForms lets go of the screens of the case shown.
func (d *CaseDetail) dropForms() {
	if d.timeline != nil {
		d.timeline.Close()
	}
	if d.c.ID != 0 {
		closeCaseDrafts(d.env, d.c.ID) // the meeting's その他の項目, a dialog's fields
	}
	d.intake, d.report, d.failure, d.threat, d.meeting, d.calls, d.timeline, d.after = nil, nil, nil, nil, nil, nil, nil, nil
	d.response = nil
	d.tabCase, d.tabClass = 0, ""
	d.tabList = nil
}

// tabsFor are the tabs of a class, in the order of the procedure.
func tabsFor(class data.Class) []string {
	switch class {
	case data.ClassMisconduct:
		return []string{tabIntake, tabReport, tabThreat, tabResponse, tabProcedure, tabMeeting, tabLogs, tabCalls, tabTimeline}
	case data.ClassFailure:
		return []string{tabIntake, tabFailure, tabProcedure, tabMeeting, tabAfter, tabCalls, tabTimeline}
	}
	return []string{tabIntake, tabProcedure, tabCalls, tabTimeline}
}

func tabLabel(id string) string { return i18n.T("case.tab." + id) }

// setupTabs makes the tabs of the case's class. The screens that still apply
// (the class changed) are kept; the others are saved and dropped.
func (d *CaseDetail) setupTabs() {
	class := d.c.Class
	if class != data.ClassMisconduct {
		if d.report != nil {
			d.showFlushError(d.report.Flush())
		}
		if d.response != nil {
			d.showFlushError(d.response.Flush())
		}
		d.report, d.threat, d.response = nil, nil, nil
	}
	if class != data.ClassFailure {
		if d.failure != nil {
			d.showFlushError(d.failure.Flush())
		}
		d.failure = nil
	}
	if class != d.tabClass { // the agenda and the reporting chain follow the class
		if d.meeting != nil {
			d.showFlushError(d.meeting.Flush())
		}
		d.meeting, d.calls, d.after = nil, nil, nil
	}
	ids := tabsFor(class)
	d.tabList = make([]*caseTab, len(ids))
	items := make([]*container.TabItem, len(ids))
	for i, id := range ids {
		d.tabList[i] = d.newCaseTab(id)
		items[i] = d.tabList[i].item
	}
	d.tabCase, d.tabClass = d.c.ID, class
	d.building = true
	d.tabs.SetItems(items)
	d.building = false
	want := d.tab(d.tabID)
	if want == nil {
		want = d.tab(tabProcedure)
	}
	d.building = true
	d.tabs.Select(want.item)
	d.building = false
	d.openTab(want)
}

func (d *CaseDetail) tab(id string) *caseTab {
	for _, t := range d.tabList {
		if t.id == id {
			return t
		}
	}
	return nil
}

// selectTab shows a tab of the case, if it has it.
func (d *CaseDetail) selectTab(id string) {
	t := d.tab(id)
	if t == nil {
		return
	}
	d.tabID = id
	d.tabs.Select(t.item)
	d.openTab(t)
}

// SwitchTab is Ctrl+Tab (delta 1) and Ctrl+Shift+Tab (-1): the next or the
// previous tab of the case, with the cursor in its first field, so that the
// keyboard alone goes through a case.
func (d *CaseDetail) SwitchTab(delta int) {
	n := len(d.tabList)
	if d.c.ID == 0 || n == 0 {
		return
	}
	i := 0
	for k, t := range d.tabList {
		if t.id == d.tabID {
			i = k
		}
	}
	t := d.tabList[((i+delta)%n+n)%n]
	d.selectTab(t.id)
	if d.env.Window == nil {
		return
	}
	if t.id == tabTimeline && d.timeline != nil {
		d.timeline.Focus()
		return
	}
	c := d.env.Window.Canvas()
	if f := firstField(t.holder); f != nil {
		c.Focus(f)
	} else {
		c.Unfocus()
	}
}

func (d *CaseDetail) onTabSelected(item *container.TabItem) {
	if d.building {
		return
	}
	for _, t := range d.tabList {
		if t.item == item {
			d.tabID = t.id
			d.openTab(t)
		}
	}
}

// openTab builds the tab's screen the first time it is shown.
func (d *CaseDetail) openTab(t *caseTab) {
	if !t.built {
		o, err := d.buildTab(t.id)
		if err != nil {
			ShowError(err, d.env.Window)
		}
		if o != nil {
			t.holder.Objects = []fyne.CanvasObject{o}
			t.holder.Refresh()
			t.built = true
		}
	}
}

// buildTab makes the screen of a tab for the case shown, or returns the one
// made before (the tabs were made again for a new class).
func (d *CaseDetail) buildTab(id string) (fyne.CanvasObject, error) {
	env, cid := d.env, d.c.ID
	switch id {
	case tabIntake:
		if d.intake == nil {
			f := newIntakeForm(env, cid)
			f.OnClassChanged = func(data.Class) { d.Reload() }
			d.intake = f
			return f.Content(), f.Reload()
		}
		return d.intake.Content(), nil
	case tabReport:
		if d.report == nil {
			d.report = newReportItemsForm(env, cid)
			return d.report.Content(), d.report.Reload()
		}
		return d.report.Content(), nil
	case tabFailure:
		if d.failure == nil {
			f := newFailureReportForm(env, cid)
			f.OnDecision = func(string) { d.reloadProcedure() }
			d.failure = f
			return f.Content(), f.Reload()
		}
		return d.failure.Content(), nil
	case tabThreat:
		if d.threat == nil {
			f := newThreatForm(env, cid)
			f.OnLevelChanged = d.onLevelChanged
			d.threat = f
			return f.Content(), f.Reload()
		}
		return d.threat.Content(), nil
	case tabResponse:
		if d.response == nil {
			d.response = newResponseForm(env, cid)
			return d.response.Content(), d.response.Reload()
		}
		return d.response.Content(), nil
	case tabProcedure:
		return d.proc.Content(), nil
	case tabMeeting:
		if d.meeting == nil {
			d.meeting = newMeetingView(env, d.c)
			d.meeting.OnCaseChanged = d.reloadProcedure
			return d.meeting.Content(), d.meeting.Reload()
		}
		return d.meeting.Content(), nil
	case tabCalls:
		if d.calls == nil {
			d.calls = newCallsView(env, d.c)
			return d.calls.Content(), d.calls.Reload()
		}
		return d.calls.Content(), nil
	case tabAfter, tabLogs:
		if d.after == nil {
			d.after = newAftercareView(env, d.c)
			d.after.OnChanged = d.reloadProcedure
			return d.after.Content(), d.after.Reload()
		}
		return d.after.Content(), nil
	case tabTimeline:
		if d.timeline == nil {
			d.timeline = newTimelineView(env, cid) // reads the timeline, and shows its own errors
		}
		return d.timeline.Content(), nil
	}
	return nil, nil
}

// onLevelChanged shows at once the steps of the threat level just recorded.
func (d *CaseDetail) onLevelChanged(l data.ThreatLevel) {
	d.proc.setLevel(l)
	d.refresh()
}

// reloadProcedure reads the steps and milestones again (the failure report
// recorded the chief's decision, which the resumption panel offers).
func (d *CaseDetail) reloadProcedure() {
	if d.c.ID == 0 {
		return
	}
	if err := d.proc.load(d.c); err != nil {
		ShowError(err, d.env.Window)
	}
	d.refresh()
}

func (d *CaseDetail) showFlushError(err error) {
	if err != nil {
		ShowError(err, d.env.Window)
	}
}

// FocusTimeline shows the 経過 tab with the cursor in its quick entry (Ctrl+L).
func (d *CaseDetail) FocusTimeline() {
	if d.c.ID == 0 {
		return
	}
	d.selectTab(tabTimeline)
	if d.timeline != nil {
		d.timeline.Focus()
	}
}

// AddTimelineEntry is Ctrl+Enter: in the quick entry of the timeline it
// records the line; in a dialog it taps the dialog's primary button; anywhere
// else it goes to the quick entry, ready to type.
func (d *CaseDetail) AddTimelineEntry() {
	if d.env.Window == nil {
		return
	}
	c := d.env.Window.Canvas()
	if c.Overlays().Top() != nil {
		SubmitDialog(c) // a dialog is open: Ctrl+Enter is its primary button
		return
	}
	if d.c.ID == 0 {
		return
	}
	if d.timeline != nil && c.Focused() == fyne.Focusable(d.timeline.text) {
		d.timeline.onSubmit()
		return
	}
	if d.tabID == tabMeeting && d.meeting.NextItem(1) { // the minutes: the next item
		return
	}
	d.FocusTimeline()
}

// refresh puts the case into the header.
func (d *CaseDetail) refresh() {
	c := d.c
	d.updating = true
	defer func() { d.updating = false }()

	if c.Drill {
		d.banner.Show()
	} else {
		d.banner.Hide()
	}
	setLabel(d.number, c.Number)
	d.class.setClass(c.Class)
	if level := d.proc.level; level.Valid() {
		// levelColor is the threat screen's, so a level looks the same everywhere.
		d.levelBadge.set(level.Label(), levelColor(level), colorBadgeText)
		d.levelBadge.box.Show()
	} else {
		d.levelBadge.box.Hide()
	}
	d.status.SetSelected(StatusLabel(c.Status))
	if d.title.Text != c.Title {
		d.title.SetText(c.Title)
	}
	meta := i18n.T("case.discovered", map[string]any{"At": dateTimeWithWareki(c.DiscoveredAt)})
	if !c.OccurredAt.IsZero() {
		meta += i18n.T("app.sep") + i18n.T("case.occurred", map[string]any{"At": dateTimeWithWareki(c.OccurredAt)})
	}
	if d.discovered.Text != meta {
		d.discovered.SetText(meta)
	}
	d.updateElapsed()

	article, action, _ := nextStep(c, d.proc.plan)
	if article != "" {
		action = i18n.T("case.next.line", map[string]any{"Article": article, "Action": action})
	}
	for _, t := range d.tabList {
		if t.next != nil {
			setLabel(t.next, action)
		}
	}
}

// setLabel changes the text of l only when it differs: every save reads the
// case again, and a label set to its own text is shaped and drawn anew.
func setLabel(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

func (d *CaseDetail) updateElapsed() {
	if d.c.ID == 0 {
		return
	}
	if d.c.Status == data.StatusClosed {
		d.elapsed.Hide() // the clock stopped when the case was closed
		return
	}
	d.elapsed.Show()
	setLabel(d.elapsed, i18n.T("case.elapsed", map[string]any{"Duration": formatDuration(data.Now().Sub(d.c.DiscoveredAt))}))
}

// StartClock keeps the time since discovery current while the window is open.
func (d *CaseDetail) StartClock() {
	if d.stop != nil {
		return
	}
	d.stop = make(chan struct{})
	stop := d.stop
	go func() {
		t := time.NewTicker(30 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(d.updateElapsed)
			}
		}
	}()
}

// Close stops the clock; the screen is thrown away with its case file. Call
// Flush first.
func (d *CaseDetail) Close() {
	if d.stop != nil {
		close(d.stop)
		d.stop = nil
	}
	if d.timeline != nil {
		d.timeline.Close()
	}
}

func (d *CaseDetail) onStatusChanged(label string) {
	if d.updating || d.c.ID == 0 {
		return
	}
	for _, s := range data.Statuses {
		if StatusLabel(s) == label && s != d.c.Status {
			c := d.c
			c.Status = s
			d.updateCase(c, data.EntryStatus, i18n.JA("case.timeline.status", map[string]any{"Status": statusLabelIn(i18n.JA, s)}))
			return
		}
	}
}

// updateCase stores a changed header and says so on the timeline.
func (d *CaseDetail) updateCase(c data.Case, kind, text string) {
	err := d.env.Store.UpdateCase(&c)
	if err == nil {
		err = d.env.Store.AddEntry(&data.Entry{CaseID: c.ID, At: data.Now(), Kind: kind, Text: text,
			Author: strings.TrimSpace(d.env.officer().Name)})
	}
	d.save(err)
}

// save finishes an edit: the screen shows what the file now holds either way.
func (d *CaseDetail) save(err error) {
	d.Reload()
	if err != nil {
		ShowError(err, d.env.Window)
		return
	}
	d.env.saved()
}
