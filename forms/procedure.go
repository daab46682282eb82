package forms

import (
	"reflect"
	"strings"

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

// procedureView is the 手順 tab of a case: what to do next, the regulation's
// procedure for the case's class as a checklist (第4条 or 第5条), and below it
// the records that guard the resumption of operation (resumptionPanel).
type procedureView struct {
	env *Env
	// changed is called after every write, with its error: the case screen
	// reads the case again and tells the window.
	changed func(error)

	c          data.Case
	progress   map[string]data.StepProgress
	milestones map[data.MilestoneKind]data.Milestone
	// level is the threat level (第5条); 0 until it is determined, which hides
	// the steps that depend on it.
	level data.ThreatLevel
	plan  stepPlan

	nextArticle, nextAction, nextCondition *jpText
	nextConditionBox                       fyne.CanvasObject
	nextFull                               *widget.Button // the regulation's words of the next step

	stepsTitle *widget.Label
	note       *jpText
	noteBox    fyne.CanvasObject
	pending    fyne.CanvasObject
	steps      *fyne.Container
	rows       map[string]*stepRow
	resume     *resumptionPanel
	scroll     *container.Scroll
	content    fyne.CanvasObject

	updating bool // checks are being set from the case file, not by the user
	shown    any  // what load last showed: read again unchanged, nothing is rebuilt

	// OnRecord, when set, opens the tab where a step's record is kept
	// (recordedIn): the case screen selects it.
	OnRecord func(tab string)
}

// recordedIn is the tab that records what a step asks for, beyond its tick:
// the repair request, the notifications, the prevention measures, the
// preserved logs (aftercare.go); "" for the others.
func recordedIn(stepID string) string {
	switch stepID {
	case "4-7", "4-9", "4-10":
		return tabAfter
	case "5-7", "5-8-c":
		return tabLogs
	}
	return ""
}

func newProcedureView(env *Env, changed func(error)) *procedureView {
	p := &procedureView{env: env, rows: map[string]*stepRow{}}
	// After a change made here (or refused), the screen is built again
	// from the file whatever it holds: a refused tick must not stay ticked.
	p.changed = func(err error) {
		p.shown = nil
		changed(err)
	}
	p.resume = newResumptionPanel(env, p.changed)
	p.buildUI()
	return p
}

// Content is the screen, to place in the case's tab.
func (p *procedureView) Content() fyne.CanvasObject { return p.content }

func (p *procedureView) buildUI() {
	nextHeading := widget.NewLabel(i18n.T("case.next.title"))
	nextHeading.TextStyle.Bold = true
	nextHeading.Importance = widget.HighImportance
	p.nextArticle = newJPText("")
	p.nextAction = newJPText("")
	p.nextAction.TextStyle.Bold = true
	p.nextCondition, p.nextConditionBox = conditionLine("")
	// The short action first; the regulation's words one click away.
	p.nextFull = widget.NewButtonWithIcon(i18n.T("case.next.fulltext"), theme.FileTextIcon(), func() {
		if p.plan.next != nil {
			ShowArticle(*p.plan.next, p.env.Window)
		}
	})
	p.nextFull.Importance = widget.LowImportance
	next := panel(colorNextBg, container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(theme.NavigateNextIcon()), nextHeading), nil, p.nextArticle),
		container.NewBorder(nil, nil, nil, container.NewVBox(p.nextFull), p.nextAction), p.nextConditionBox))

	p.stepsTitle = widget.NewLabel("")
	p.stepsTitle.TextStyle.Bold = true
	p.note = newJPText("")
	p.note.SizeName = theme.SizeNameCaptionText
	p.noteBox = panel(colorNoteBg, container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, p.note))
	p.pending = p.buildPending()
	p.steps = container.NewVBox()
	p.scroll = container.NewVScroll(container.NewVBox(
		next, p.stepsTitle, widget.NewSeparator(), p.noteBox, p.pending, p.steps, p.resume.Content()))
	p.content = p.scroll
}

// buildPending is the notice on a 判定中 case: there is no procedure to follow
// until the class is decided, so the decision is offered right there.
func (p *procedureView) buildPending() fyne.CanvasObject {
	heading := widget.NewLabel(i18n.T("case.pending.title"))
	heading.TextStyle.Bold = true
	text := newJPText(i18n.T("case.pending.text"))
	failure := widget.NewButton(i18n.T("case.pending.as_failure"), func() { p.onDecideClass(data.ClassFailure) })
	misconduct := widget.NewButton(i18n.T("case.pending.as_misconduct"), func() { p.onDecideClass(data.ClassMisconduct) })
	// Deciding is the one thing to do on a pending case: make it stand out.
	failure.Importance, misconduct.Importance = widget.HighImportance, widget.HighImportance
	return panel(colorNoteBg, container.NewVBox(
		container.NewBorder(nil, nil, widget.NewIcon(theme.QuestionIcon()), nil, heading),
		text,
		container.NewHBox(failure, misconduct)))
}

// load reads the case's steps, milestones and threat level and shows them.
func (p *procedureView) load(c data.Case) error {
	progress, err := p.env.Store.Steps(c.ID)
	if err != nil {
		return err
	}
	ms, err := p.env.Store.Milestones(c.ID)
	if err != nil {
		return err
	}
	level, err := currentLevel(p.env.Store, c)
	if err != nil {
		return err
	}
	var decision string
	if c.Class == data.ClassFailure {
		r, err := p.env.Store.FailureReport(c.ID)
		if err != nil {
			return err
		}
		decision = r.StopDecision
	}
	// Every save elsewhere (a line on the timeline) reads the case again:
	// when none of this changed, the checklist stays as it is instead of
	// being built anew (issue #14: memory while typing).
	state := []any{c, progress, ms, level, decision}
	if p.shown != nil && reflect.DeepEqual(state, p.shown) {
		return nil
	}
	p.shown = state
	if c.ID != p.c.ID {
		p.scroll.ScrollToTop()
	}
	p.c, p.progress, p.milestones, p.level = c, progress, ms, level
	p.refresh()
	p.resume.set(c, ms, progress, decision)
	return nil
}

// setLevel shows the steps of a threat level the threat screen has just
// recorded, before the case file is read again.
func (p *procedureView) setLevel(l data.ThreatLevel) {
	if l == p.level || p.c.ID == 0 {
		return
	}
	p.level = l
	p.refresh()
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

func (p *procedureView) refresh() {
	p.plan = planSteps(p.c.Class, p.progress, p.level)
	p.refreshNext()
	p.refreshSteps()
}

// nextStep says what to do next on a case: the article (and who), the action
// and its condition; article is "" when there is no step to do.
func nextStep(c data.Case, p stepPlan) (article, action, condition string) {
	switch {
	case c.Class == data.ClassPending:
		return "", i18n.T("case.next.decide_class"), ""
	case c.Status == data.StatusClosed:
		return "", i18n.T("case.next.closed", map[string]any{"Count": len(p.shown) - p.done}), ""
	case p.stoodDown:
		return "", i18n.T("case.next.stood_down", map[string]any{"Article": standDownArticle()}), ""
	case p.next == nil:
		return "", i18n.T("case.next.all_done"), ""
	}
	s := *p.next
	if s.Condition.Text != "" {
		condition = i18n.T("case.step.condition", map[string]any{"Condition": s.Condition.Text})
	}
	return stepHeading(s), StepShort(s), condition
}

// StepShort is what a step asks, in a few words of the app (the regulation's
// own words are one click away: ShowArticle).
func StepShort(s data.Step) string {
	if k := "step.short." + s.ID; i18n.Has(k) {
		return i18n.T(k)
	}
	return s.Action
}

func (p *procedureView) refreshNext() {
	article, action, condition := nextStep(p.c, p.plan)
	p.nextArticle.SetText(article)
	p.nextAction.SetText(action)
	p.nextCondition.SetText(condition)
	if p.plan.next != nil && article != "" {
		p.nextFull.Show()
	} else {
		p.nextFull.Hide()
	}
	if condition != "" {
		p.nextConditionBox.Show()
	} else {
		p.nextConditionBox.Hide()
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

func (p *procedureView) refreshSteps() {
	c, plan := p.c, p.plan
	p.steps.RemoveAll()
	p.rows = map[string]*stepRow{}
	if c.Class == data.ClassPending {
		p.stepsTitle.SetText(i18n.T("case.steps.title_pending"))
		p.noteBox.Hide()
		p.pending.Show()
		p.steps.Refresh()
		return
	}
	p.pending.Hide()
	n := articleNumber(data.StepsFor(c.Class)[0])
	p.stepsTitle.SetText(i18n.T("case.steps.title", map[string]any{
		"Article": i18n.T("app.article", map[string]any{"N": n}), "Heading": articleHeading(n),
		"Done": plan.done, "Total": len(plan.shown)}))

	var notes []string
	switch {
	case plan.hidden > 0 && p.level == 0:
		notes = append(notes, i18n.T("case.steps.hidden_level", map[string]any{"Count": plan.hidden}))
	case plan.hidden > 0:
		notes = append(notes, i18n.T("case.steps.hidden_other_levels", map[string]any{"Count": plan.hidden, "Level": p.level.Label()}))
	}
	if plan.afterStandDown > 0 {
		notes = append(notes, i18n.T("case.steps.hidden_stood_down", map[string]any{"Count": plan.afterStandDown, "Article": standDownArticle()}))
	}
	p.note.SetText(strings.Join(notes, "\n"))
	if len(notes) > 0 {
		p.noteBox.Show()
	} else {
		p.noteBox.Hide()
	}

	blocker := data.ResumptionBlocker(p.milestones)
	for i, s := range plan.shown {
		if i > 0 {
			p.steps.Add(widget.NewSeparator())
		}
		var blocked error
		if data.ResumeSteps[s.ID] && !p.progress[s.ID].Done {
			blocked = blocker
		}
		r := p.newStepRow(s, p.progress[s.ID], plan.next != nil && plan.next.ID == s.ID, blocked)
		p.rows[s.ID] = r
		p.steps.Add(r.box)
	}
	p.steps.Refresh()
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
	step    data.Step
	check   *widget.Check
	done    *widget.Label
	blocked *jpText // why the step cannot be ticked yet; nil when it can
	box     fyne.CanvasObject
}

// newStepRow makes a row of the checklist. blocked, when not nil, says why
// the step cannot be recorded yet (the guard rail of resumption): its tick is
// disabled and the reason shows under it.
func (p *procedureView) newStepRow(s data.Step, prog data.StepProgress, isNext bool, blocked error) *stepRow {
	r := &stepRow{step: s}
	r.check = widget.NewCheck("", nil)
	r.check.SetChecked(prog.Done)
	r.check.OnChanged = func(on bool) { p.onStepToggled(r, on) }

	article := widget.NewLabel(s.Article)
	article.TextStyle.Bold = true
	actors := newJPText(actorLabels(s.Actors))
	action := newJPText(s.Action)
	lines := container.NewVBox(container.NewBorder(nil, nil, article, nil, actors), action)
	if s.Condition.Text != "" {
		_, cond := conditionLine(i18n.T("case.step.condition", map[string]any{"Condition": s.Condition.Text}))
		lines.Add(cond)
	}
	if blocked != nil {
		r.check.Disable()
		r.blocked = newJPText(i18n.ErrorMessage(blocked))
		r.blocked.ColorName = theme.ColorNameError
		goTo := widget.NewButtonWithIcon(i18n.T("case.resume.goto"), theme.MoveDownIcon(), p.scrollToResume)
		goTo.Importance = widget.LowImportance
		lines.Add(container.NewBorder(nil, nil,
			container.NewVBox(widget.NewIcon(theme.NewErrorThemedResource(theme.WarningIcon()))), container.NewVBox(goTo), r.blocked))
	}
	r.done = widget.NewLabel("")
	r.done.Importance = widget.SuccessImportance
	r.done.TextStyle.Bold = true
	if prog.Done {
		r.done.SetText(i18n.T("case.step.done_by", map[string]any{"By": prog.By, "At": i18n.WesternDateTime(prog.At)}))
		lines.Add(r.done)
	}

	articleBtn := widget.NewButtonWithIcon(i18n.T("case.step.article"), theme.FileTextIcon(), func() { ShowArticle(s, p.env.Window) })
	articleBtn.Importance = widget.LowImportance

	var left fyne.CanvasObject = container.NewVBox(r.check)
	if blocked != nil {
		// A disabled tick is pale: a tinted ground shows that it is held back.
		bg := canvas.NewRectangle(colorBlockedBg)
		bg.CornerRadius = 4
		left = container.NewVBox(container.NewStack(bg, r.check))
	}
	if s.Parent() != "" {
		// Sub-items (ア, イ…) sit under their numbered step, as in the regulation.
		left = container.New(layout.NewCustomPaddedLayout(0, 0, theme.IconInlineSize()+theme.Padding(), 0), left)
	}
	buttons := container.NewVBox(articleBtn)
	if tab := recordedIn(s.ID); tab != "" && p.OnRecord != nil {
		rec := widget.NewButtonWithIcon(i18n.T("case.step.record"), theme.DocumentCreateIcon(), func() { p.OnRecord(tab) })
		rec.Importance = widget.LowImportance
		buttons.Add(rec)
	}
	row := container.NewBorder(nil, nil, left, buttons, lines)
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

// scrollToResume brings the records the resumption waits for into view.
func (p *procedureView) scrollToResume() {
	p.scroll.ScrollToOffset(fyne.NewPos(0, p.resume.Content().Position().Y))
}

// conditionLine shows a step's condition behind a warning sign: the officer
// must judge whether it holds. (Orange text would be too pale to read.)
func conditionLine(text string) (*jpText, fyne.CanvasObject) {
	l := newJPText(text)
	return l, container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.WarningIcon())), nil, l)
}

// setChecked moves a check without it counting as the user's tick.
func (p *procedureView) setChecked(r *stepRow, on bool) {
	p.updating = true
	r.check.SetChecked(on)
	p.updating = false
}

func (p *procedureView) onStepToggled(r *stepRow, on bool) {
	if p.updating || p.c.ID == 0 {
		return
	}
	was := p.progress[r.step.ID].Done
	if on == was {
		return
	}
	officer := p.env.officer()
	if strings.TrimSpace(officer.Name) == "" {
		p.setChecked(r, was)
		askForName(p.env)
		return
	}
	if on {
		p.recordStep(r.step, true, officer)
		return
	}
	// Unticking rewrites who did what: it stays ticked until confirmed.
	p.setChecked(r, true)
	prog := p.progress[r.step.ID]
	msg := i18n.T("case.step.undo_text", map[string]any{
		"Article": r.step.Article, "By": prog.By, "At": i18n.WesternDateTime(prog.At)})
	conf := dialog.NewConfirm(i18n.T("case.step.undo_title"), msg, func(ok bool) {
		if ok {
			p.recordStep(r.step, false, officer)
		}
	}, p.env.Window)
	conf.SetConfirmText(i18n.T("case.step.undo_confirm"))
	conf.SetDismissText(i18n.T("common.cancel"))
	conf.SetConfirmImportance(widget.DangerImportance)
	ShowDialog(p.env.Window, conf, nil)
}

// recordStep writes a step as done or not done. The store refuses a
// resumption the guard rail does not allow yet, even if the screen let the
// tick through: its reason is then shown.
func (p *procedureView) recordStep(s data.Step, done bool, officer Officer) {
	prog := data.StepProgress{CaseID: p.c.ID, StepID: s.ID, Done: done, By: strings.TrimSpace(officer.Name), At: data.Now()}
	p.changed(p.env.Store.SetStep(prog, StepTimelineText(s, done)))
}

// StepTimelineText is what the timeline says when a step is ticked or
// unticked: 第5条第1号 完了, in Japanese whatever the UI language. The demo
// data uses it too.
func StepTimelineText(s data.Step, done bool) string {
	key := "case.step.timeline_done"
	if !done {
		key = "case.step.timeline_undone"
	}
	return i18n.JA(key, map[string]any{"Article": s.Article})
}

// askForName explains why nothing was recorded and offers the settings.
func askForName(env *Env) {
	conf := dialog.NewConfirm(i18n.T("case.step.need_name_title"), i18n.T("case.step.need_name_text"), func(ok bool) {
		if ok && env.EditSettings != nil {
			env.EditSettings()
		}
	}, env.Window)
	conf.SetConfirmText(i18n.T("case.step.need_name_open"))
	conf.SetDismissText(i18n.T("common.cancel"))
	ShowDialog(env.Window, conf, nil)
}

func (p *procedureView) onDecideClass(class data.Class) {
	if p.c.ID == 0 {
		return
	}
	label := ClassLabel(class)
	conf := dialog.NewConfirm(i18n.T("case.pending.confirm_title"),
		i18n.T("case.pending.confirm_text", map[string]any{"Class": label, "Article": i18n.T("app.article", map[string]any{"N": articleNumber(data.StepsFor(class)[0])})}),
		func(ok bool) {
			if ok {
				p.changed(p.env.Store.ChangeClass(p.c.ID, class, "", i18n.JA("case.timeline.class", map[string]any{"Class": classLabelIn(i18n.JA, class)})))
			}
		}, p.env.Window)
	conf.SetConfirmText(i18n.T("case.pending.confirm"))
	conf.SetDismissText(i18n.T("common.cancel"))
	ShowDialog(p.env.Window, conf, nil)
}
