package forms

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// CaseDetail is the right side of the window: the open case's header, what to
// do next, and the regulation's procedure for its class as a checklist.
type CaseDetail struct {
	env   *Env
	onNew func()

	c        data.Case // the case shown; ID 0 when none
	progress map[string]data.StepProgress
	// level is the threat level (第5条); 0 until it is determined, which hides
	// the steps that depend on it.
	level data.ThreatLevel
	plan  stepPlan

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

	nextArticle, nextAction, nextCondition *jpText
	nextConditionBox                       fyne.CanvasObject

	stepsTitle *widget.Label
	note       *jpText
	noteBox    fyne.CanvasObject
	pending    fyne.CanvasObject
	steps      *fyne.Container
	scroll     *container.Scroll
	rows       map[string]*stepRow

	updating bool // widgets are being set from the case, not by the user
	stop     chan struct{}
}

// NewCaseDetail builds the case screen, showing its empty state.
func NewCaseDetail(env *Env, onNew func()) *CaseDetail {
	d := &CaseDetail{env: env, onNew: onNew, rows: map[string]*stepRow{}}
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

	top := container.NewBorder(nil, nil,
		container.NewHBox(d.number, d.class.box, d.levelBadge.box),
		container.NewHBox(d.elapsed, widget.NewLabel(i18n.T("case.list.status")), d.status))
	header := container.NewVBox(top, d.title, d.discovered)

	nextHeading := widget.NewLabel(i18n.T("case.next.title"))
	nextHeading.TextStyle.Bold = true
	nextHeading.Importance = widget.HighImportance
	d.nextArticle = newJPText("")
	d.nextAction = newJPText("")
	d.nextCondition, d.nextConditionBox = conditionLine("")
	next := panel(colorNextBg, container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(theme.NavigateNextIcon()), nextHeading), nil, d.nextArticle),
		d.nextAction, d.nextConditionBox))

	d.stepsTitle = widget.NewLabel("")
	d.stepsTitle.TextStyle.Bold = true
	d.note = newJPText("")
	d.note.SizeName = theme.SizeNameCaptionText
	d.noteBox = panel(colorNoteBg, container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, d.note))
	d.pending = d.buildPending()
	d.steps = container.NewVBox()
	d.scroll = container.NewVScroll(container.NewVBox(d.noteBox, d.pending, d.steps))

	d.body = container.NewBorder(
		container.NewVBox(d.banner, header, next, container.NewBorder(nil, nil, nil, nil, d.stepsTitle), widget.NewSeparator()),
		nil, nil, nil, d.scroll)
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

// buildPending is the notice on a 判定中 case: there is no procedure to follow
// until the class is decided, so the decision is offered right there.
func (d *CaseDetail) buildPending() fyne.CanvasObject {
	heading := widget.NewLabel(i18n.T("case.pending.title"))
	heading.TextStyle.Bold = true
	text := newJPText(i18n.T("case.pending.text"))
	failure := widget.NewButton(i18n.T("case.pending.as_failure"), func() { d.onDecideClass(data.ClassFailure) })
	misconduct := widget.NewButton(i18n.T("case.pending.as_misconduct"), func() { d.onDecideClass(data.ClassMisconduct) })
	// Deciding is the one thing to do on a pending case: make it stand out.
	failure.Importance, misconduct.Importance = widget.HighImportance, widget.HighImportance
	return panel(colorNoteBg, container.NewVBox(
		container.NewBorder(nil, nil, widget.NewIcon(theme.QuestionIcon()), nil, heading),
		text,
		container.NewHBox(failure, misconduct)))
}

// Clear shows the empty state.
func (d *CaseDetail) Clear() {
	d.c = data.Case{}
	d.body.Hide()
	d.empty.Show()
}

// Show loads a case from the case file and shows it.
func (d *CaseDetail) Show(id int64) {
	c, err := d.env.Store.Case(id)
	if err != nil {
		ShowError(err, d.env.Window)
		d.Clear()
		return
	}
	progress, err := d.env.Store.Steps(id)
	if err != nil {
		ShowError(err, d.env.Window)
		d.Clear()
		return
	}
	level, err := currentLevel(d.env.Store, c)
	if err != nil {
		ShowError(err, d.env.Window)
	}
	sameCase := c.ID == d.c.ID
	d.c, d.progress, d.level = c, progress, level
	d.refresh()
	if !sameCase {
		d.scroll.ScrollToTop()
	}
	d.empty.Hide()
	d.body.Show()
}

// currentLevel is the threat level of the latest determination (第5条第5号
// lets it be revised), 0 while there is none or the case is not misconduct.
func currentLevel(s data.Store, c data.Case) (data.ThreatLevel, error) {
	if c.Class != data.ClassMisconduct {
		return 0, nil
	}
	as, err := s.ThreatAssessments(c.ID)
	if err != nil || len(as) == 0 {
		return 0, err
	}
	return as[len(as)-1].Level, nil
}

// Reload reads the shown case again: it changed, here or on another screen.
func (d *CaseDetail) Reload() { d.reload() }

// reload reads the shown case again after a change.
func (d *CaseDetail) reload() {
	if d.c.ID != 0 {
		d.Show(d.c.ID)
	}
}

// refresh puts the case into the widgets.
func (d *CaseDetail) refresh() {
	c := d.c
	d.updating = true
	defer func() { d.updating = false }()

	if c.Drill {
		d.banner.Show()
	} else {
		d.banner.Hide()
	}
	d.number.SetText(c.Number)
	d.class.setClass(c.Class)
	if d.level.Valid() {
		// levelColor is the threat screen's, so a level looks the same everywhere.
		d.levelBadge.set(d.level.Label(), levelColor(d.level), colorBadgeText)
		d.levelBadge.box.Show()
	} else {
		d.levelBadge.box.Hide()
	}
	d.status.SetSelected(StatusLabel(c.Status))
	d.title.SetText(c.Title)
	meta := i18n.T("case.discovered", map[string]any{"At": dateTimeWithWareki(c.DiscoveredAt)})
	if !c.OccurredAt.IsZero() {
		meta += i18n.T("app.sep") + i18n.T("case.occurred", map[string]any{"At": dateTimeWithWareki(c.OccurredAt)})
	}
	d.discovered.SetText(meta)
	d.updateElapsed()

	d.plan = planSteps(c.Class, d.progress, d.level)
	d.refreshNext()
	d.refreshSteps()
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
	d.elapsed.SetText(i18n.T("case.elapsed", map[string]any{"Duration": formatDuration(data.Now().Sub(d.c.DiscoveredAt))}))
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

// Close stops the clock; the screen is thrown away with its case file.
func (d *CaseDetail) Close() {
	if d.stop != nil {
		close(d.stop)
		d.stop = nil
	}
}

func (d *CaseDetail) refreshNext() {
	p := d.plan
	d.nextConditionBox.Hide()
	switch {
	case d.c.Class == data.ClassPending:
		d.nextArticle.SetText("")
		d.nextAction.SetText(i18n.T("case.next.decide_class"))
	case d.c.Status == data.StatusClosed:
		d.nextArticle.SetText("")
		d.nextAction.SetText(i18n.T("case.next.closed", map[string]any{"Count": len(p.shown) - p.done}))
	case p.stoodDown:
		d.nextArticle.SetText("")
		d.nextAction.SetText(i18n.T("case.next.stood_down", map[string]any{"Article": standDownArticle()}))
	case p.next == nil:
		d.nextArticle.SetText("")
		d.nextAction.SetText(i18n.T("case.next.all_done"))
	default:
		s := *p.next
		d.nextArticle.SetText(stepHeading(s))
		d.nextAction.SetText(s.Action)
		if s.Condition.Text != "" {
			d.nextCondition.SetText(i18n.T("case.step.condition", map[string]any{"Condition": s.Condition.Text}))
			d.nextConditionBox.Show()
		}
	}
}

// stepHeading is 第5条第2号ア ・ セキュリティ責任者.
func stepHeading(s data.Step) string {
	if len(s.Actors) == 0 {
		return s.Article
	}
	return s.Article + i18n.T("app.sep") + actorLabels(s.Actors)
}

func standDownArticle() string {
	s, _ := data.StepByID(data.StepStandDown)
	return s.Article
}

func (d *CaseDetail) refreshSteps() {
	c, p := d.c, d.plan
	d.steps.RemoveAll()
	d.rows = map[string]*stepRow{}
	if c.Class == data.ClassPending {
		d.stepsTitle.SetText(i18n.T("case.steps.title_pending"))
		d.noteBox.Hide()
		d.pending.Show()
		d.steps.Refresh()
		return
	}
	d.pending.Hide()
	n := articleNumber(data.StepsFor(c.Class)[0])
	d.stepsTitle.SetText(i18n.T("case.steps.title", map[string]any{
		"Article": i18n.T("app.article", map[string]any{"N": n}), "Heading": articleHeading(n),
		"Done": p.done, "Total": len(p.shown)}))

	var notes []string
	switch {
	case p.hidden > 0 && d.level == 0:
		notes = append(notes, i18n.T("case.steps.hidden_level", map[string]any{"Count": p.hidden}))
	case p.hidden > 0:
		notes = append(notes, i18n.T("case.steps.hidden_other_levels", map[string]any{"Count": p.hidden, "Level": d.level.Label()}))
	}
	if p.afterStandDown > 0 {
		notes = append(notes, i18n.T("case.steps.hidden_stood_down", map[string]any{"Count": p.afterStandDown, "Article": standDownArticle()}))
	}
	d.note.SetText(strings.Join(notes, "\n"))
	if len(notes) > 0 {
		d.noteBox.Show()
	} else {
		d.noteBox.Hide()
	}

	for i, s := range p.shown {
		if i > 0 {
			d.steps.Add(widget.NewSeparator())
		}
		r := d.newStepRow(s, d.progress[s.ID], p.next != nil && p.next.ID == s.ID)
		d.rows[s.ID] = r
		d.steps.Add(r.box)
	}
	d.steps.Refresh()
}

// stepPlan says which steps of a case to show, and which one is next.
type stepPlan struct {
	shown          []data.Step
	next           *data.Step // the first step not done; nil when all are
	done           int        // of the shown steps
	hidden         int        // steps whose threat-level condition does not hold
	afterStandDown int        // steps not applicable once the response is stood down
	stoodDown      bool
}

// planSteps applies the regulation's conditions: a step that depends on the
// threat level shows only at that level (level 0, not yet determined, meets
// none), and once 第5条第5号ア has stood the response down the later steps no
// longer apply. A step already done always shows: it is part of the record.
func planSteps(class data.Class, progress map[string]data.StepProgress, level data.ThreatLevel) stepPlan {
	var p stepPlan
	for _, s := range data.StepsFor(class) {
		done := progress[s.ID].Done
		switch {
		case done:
		case p.stoodDown:
			p.afterStandDown++
			continue
		case !s.Condition.Holds(level):
			p.hidden++
			continue
		}
		p.shown = append(p.shown, s)
		if done {
			p.done++
		} else if p.next == nil {
			p.next = &p.shown[len(p.shown)-1]
		}
		if s.ID == data.StepStandDown && done {
			p.stoodDown = true
		}
	}
	if p.stoodDown {
		p.next = nil
	}
	return p
}

// stepRow is one step of the checklist.
type stepRow struct {
	step  data.Step
	check *widget.Check
	done  *widget.Label
	box   fyne.CanvasObject
}

func (d *CaseDetail) newStepRow(s data.Step, prog data.StepProgress, isNext bool) *stepRow {
	r := &stepRow{step: s}
	r.check = widget.NewCheck("", nil)
	r.check.SetChecked(prog.Done)
	r.check.OnChanged = func(on bool) { d.onStepToggled(r, on) }

	article := widget.NewLabel(s.Article)
	article.TextStyle.Bold = true
	actors := newJPText(actorLabels(s.Actors))
	action := newJPText(s.Action)
	lines := container.NewVBox(container.NewBorder(nil, nil, article, nil, actors), action)
	if s.Condition.Text != "" {
		_, cond := conditionLine(i18n.T("case.step.condition", map[string]any{"Condition": s.Condition.Text}))
		lines.Add(cond)
	}
	r.done = widget.NewLabel("")
	r.done.Importance = widget.SuccessImportance
	r.done.TextStyle.Bold = true
	if prog.Done {
		r.done.SetText(i18n.T("case.step.done_by", map[string]any{"By": prog.By, "At": i18n.WesternDateTime(prog.At)}))
		lines.Add(r.done)
	}

	articleBtn := widget.NewButtonWithIcon(i18n.T("case.step.article"), theme.FileTextIcon(), func() { ShowArticle(s, d.env.Window) })
	articleBtn.Importance = widget.LowImportance

	var left fyne.CanvasObject = container.NewVBox(r.check)
	if s.Parent() != "" {
		// Sub-items (ア, イ…) sit under their numbered step, as in the regulation.
		left = container.New(layout.NewCustomPaddedLayout(0, 0, theme.IconInlineSize()+theme.Padding(), 0), left)
	}
	row := container.NewBorder(nil, nil, left, container.NewVBox(articleBtn), lines)
	if isNext {
		// An accent bar rather than a tint: the empty check box is pale
		// grey and would fade into a tinted row.
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.SetMinSize(fyne.NewSize(4, 0))
		bar.CornerRadius = 2
		r.box = container.NewStack(row, container.NewBorder(nil, nil, bar, nil))
	} else {
		r.box = row
	}
	return r
}

// conditionLine shows a step's condition behind a warning sign: the officer
// must judge whether it holds. (Orange text would be too pale to read.)
func conditionLine(text string) (*jpText, fyne.CanvasObject) {
	l := newJPText(text)
	return l, container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.WarningIcon())), nil, l)
}

// setChecked moves a check without it counting as the user's tick.
func (d *CaseDetail) setChecked(r *stepRow, on bool) {
	d.updating = true
	r.check.SetChecked(on)
	d.updating = false
}

func (d *CaseDetail) onStepToggled(r *stepRow, on bool) {
	if d.updating || d.c.ID == 0 {
		return
	}
	was := d.progress[r.step.ID].Done
	if on == was {
		return
	}
	officer := d.env.officer()
	if strings.TrimSpace(officer.Name) == "" {
		d.setChecked(r, was)
		d.askForName()
		return
	}
	if on {
		d.recordStep(r.step, true, officer)
		return
	}
	// Unticking rewrites who did what: it stays ticked until confirmed.
	d.setChecked(r, true)
	p := d.progress[r.step.ID]
	msg := i18n.T("case.step.undo_text", map[string]any{
		"Article": r.step.Article, "By": p.By, "At": i18n.WesternDateTime(p.At)})
	conf := dialog.NewConfirm(i18n.T("case.step.undo_title"), msg, func(ok bool) {
		if ok {
			d.recordStep(r.step, false, officer)
		}
	}, d.env.Window)
	conf.SetConfirmText(i18n.T("case.step.undo_confirm"))
	conf.SetDismissText(i18n.T("common.cancel"))
	conf.SetConfirmImportance(widget.DangerImportance)
	conf.Show()
}

func (d *CaseDetail) recordStep(s data.Step, done bool, officer Officer) {
	p := data.StepProgress{CaseID: d.c.ID, StepID: s.ID, Done: done, By: strings.TrimSpace(officer.Name), At: data.Now()}
	d.save(d.env.Store.SetStep(p, StepTimelineText(s, done)))
}

// StepTimelineText is what the timeline says when a step is ticked or
// unticked: 第5条第1号 完了. The demo data uses it too.
func StepTimelineText(s data.Step, done bool) string {
	key := "case.step.timeline_done"
	if !done {
		key = "case.step.timeline_undone"
	}
	return i18n.T(key, map[string]any{"Article": s.Article})
}

// askForName explains why nothing was recorded and offers the settings.
func (d *CaseDetail) askForName() {
	conf := dialog.NewConfirm(i18n.T("case.step.need_name_title"), i18n.T("case.step.need_name_text"), func(ok bool) {
		if ok && d.env.EditSettings != nil {
			d.env.EditSettings()
		}
	}, d.env.Window)
	conf.SetConfirmText(i18n.T("case.step.need_name_open"))
	conf.SetDismissText(i18n.T("common.cancel"))
	conf.Show()
}

func (d *CaseDetail) onStatusChanged(label string) {
	if d.updating || d.c.ID == 0 {
		return
	}
	for _, s := range data.Statuses {
		if StatusLabel(s) == label && s != d.c.Status {
			c := d.c
			c.Status = s
			d.updateCase(c, data.EntryStatus, i18n.T("case.timeline.status", map[string]any{"Status": label}))
			return
		}
	}
}

func (d *CaseDetail) onDecideClass(class data.Class) {
	if d.c.ID == 0 {
		return
	}
	label := ClassLabel(class)
	conf := dialog.NewConfirm(i18n.T("case.pending.confirm_title"),
		i18n.T("case.pending.confirm_text", map[string]any{"Class": label, "Article": i18n.T("app.article", map[string]any{"N": articleNumber(data.StepsFor(class)[0])})}),
		func(ok bool) {
			if ok {
				d.save(d.env.Store.ChangeClass(d.c.ID, class, "", i18n.T("case.timeline.class", map[string]any{"Class": label})))
			}
		}, d.env.Window)
	conf.SetConfirmText(i18n.T("case.pending.confirm"))
	conf.SetDismissText(i18n.T("common.cancel"))
	conf.Show()
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
	d.reload()
	if err != nil {
		ShowError(err, d.env.Window)
		return
	}
	d.env.saved()
}
