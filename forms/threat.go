package forms

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// threatForm is the 脅威度 tab of a misconduct case: the table of 第5条 with a
// tick for each example, the level that follows from the ticks, what that level
// means for the procedure (第5条第5号, and for level 3 第5条第4号イ), and the
// determinations recorded so far. A revision asks for its reason (第5条第5号);
// earlier determinations stay listed.
type threatForm struct {
	env    *Env
	caseID int64

	// OnLevelChanged is called on the UI goroutine whenever the recorded level
	// changes: on the first Reload that finds one, and after each determination
	// that changes it. The procedure uses it to show the steps that hold.
	OnLevelChanged func(data.ThreatLevel)

	c        data.Case
	history  []data.ThreatAssessment // oldest first
	loaded   bool                    // Reload has run once
	loadedID int64                   // the latest assessment the ticks were reset to
	reported data.ThreatLevel        // the level last passed to OnLevelChanged
	updating bool

	content    *fyne.Container
	other      *fyne.Container // for a case that is not a misconduct
	otherText  *jpText
	body       fyne.CanvasObject
	scroll     *container.Scroll
	checks     map[string]*widget.Check
	badge      *levelBadge
	levelDesc  *jpText
	levelMeans *jpText
	state      *jpText
	stateIcon  *widget.Icon
	record     *widget.Button
	consequent *fyne.Container
	historyBox *fyne.Container

	rev *threatRevision // the reason dialog while it is open

	// 第5条第5号: a level judged on the 事象 column alone, the estimate
	// 「可能性が高い」 apart from the 判定, and both who judge it.
	eventOnly  *widget.Check
	eventLevel *widget.RadioGroup
	eventText  *entry
	eventBox   *fyne.Container
	stage      *widget.RadioGroup
	officer    *entry
	admin      *entry
	judgeBox   *fyne.Container
	judgeErr   *jpText
}

// threatRevision is the dialog that asks why a determination is revised.
type threatRevision struct {
	a data.ThreatAssessment
	reasonPrompt
}

// newThreatForm builds the threat level screen of a case; call Reload to fill it.
func newThreatForm(env *Env, caseID int64) *threatForm {
	f := &threatForm{env: env, caseID: caseID, checks: map[string]*widget.Check{}}
	f.buildUI()
	return f
}

// Content is the screen, to place in the case's tab.
func (f *threatForm) Content() fyne.CanvasObject { return f.content }

// Level is the recorded threat level; 0 until one is determined.
func (f *threatForm) Level() data.ThreatLevel {
	if len(f.history) == 0 {
		return 0
	}
	return f.history[len(f.history)-1].Level
}

// Colours of the threat levels: from calm to alarming, all dark enough for
// white text, and told apart by lightness too.
var (
	colorLevel1 = color.NRGBA{R: 0x2E, G: 0x6B, B: 0x30, A: 0xFF} // dark green
	colorLevel2 = color.NRGBA{R: 0xA1, G: 0x4A, B: 0x00, A: 0xFF} // dark amber
	colorLevel3 = color.NRGBA{R: 0xB7, G: 0x1C, B: 0x1C, A: 0xFF} // dark red
)

func levelColor(l data.ThreatLevel) color.Color {
	switch l {
	case 1:
		return colorLevel1
	case 2:
		return colorLevel2
	case 3:
		return colorLevel3
	}
	return colorPending
}

// levelLabel is レベル3, or 未判定 for level 0.
func levelLabel(l data.ThreatLevel) string { return levelLabelIn(i18n.T, l) }

func levelLabelIn(tr translate, l data.ThreatLevel) string {
	if !l.Valid() {
		return tr("threat.level.none")
	}
	return l.Label()
}

// levelBadge is a level on its colour, large on the result and small in lists.
type levelBadge struct {
	bg   *canvas.Rectangle
	text *canvas.Text
	box  *fyne.Container
}

func newLevelBadge(size float32) *levelBadge {
	b := &levelBadge{bg: canvas.NewRectangle(colorPending), text: canvas.NewText("", colorBadgeText)}
	b.bg.CornerRadius = 6
	b.text.TextStyle.Bold = true
	b.text.TextSize = size
	b.text.Alignment = fyne.TextAlignCenter
	pad := size / 3
	inner := container.New(layout.NewCustomPaddedLayout(pad/2, pad/2, pad, pad), b.text)
	b.box = container.NewVBox(layout.NewSpacer(), container.NewStack(b.bg, inner), layout.NewSpacer())
	return b
}

func (b *levelBadge) set(l data.ThreatLevel) {
	b.text.Text = levelLabel(l)
	b.bg.FillColor = levelColor(l)
	b.text.Refresh()
	b.bg.Refresh()
	b.box.Refresh()
}

// tapLabel is wrapping text that ticks its check when tapped, so the long
// examples of the table are easy to hit.
type tapLabel struct {
	jpText
	onTap func()
}

func newTapLabel(text string, onTap func()) *tapLabel {
	l := &tapLabel{onTap: onTap}
	l.Text = text
	l.ExtendBaseWidget(l)
	return l
}

func (l *tapLabel) Tapped(*fyne.PointEvent) {
	if l.onTap != nil {
		l.onTap()
	}
}

func (l *tapLabel) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (f *threatForm) buildUI() {
	f.other, f.otherText = newClassNote()
	head := screenHead(i18n.T("threat.title"), i18n.T("threat.article"), f.onShowArticle, nil)

	f.badge = newLevelBadge(theme.TextSize() * 2)
	f.levelDesc = boldText("")
	f.levelMeans = newJPText("")
	f.state = newJPText("")
	f.stateIcon = widget.NewIcon(theme.InfoIcon())
	f.record = widget.NewButtonWithIcon(i18n.T("threat.record"), theme.ConfirmIcon(), f.onRecord)
	f.record.Importance = widget.HighImportance
	stateRow := container.NewBorder(nil, nil, container.NewVBox(f.stateIcon), container.NewVBox(f.record), f.state)
	result := panel(colorNextBg, container.NewBorder(nil, nil, container.NewVBox(f.badge.box), nil,
		container.NewVBox(f.levelDesc, f.levelMeans, f.buildJudgeRow(), stateRow)))

	f.consequent = container.NewVBox()
	f.historyBox = container.NewVBox()

	f.scroll = container.NewVScroll(container.NewVBox(
		f.buildTable(),
		f.buildEventBox(),
		widget.NewSeparator(),
		f.consequent,
		widget.NewSeparator(),
		f.historyBox,
	))
	f.body = container.NewBorder(container.NewVBox(head, result), nil, nil, nil, f.scroll)
	f.content = container.NewStack(f.other, f.body)
	f.other.Hide()
	f.refreshResult()
}

// buildTable lays out the table of 第5条: per level its 事象 and its 事例,
// grouped by (物理的侵入) and (電子的侵入) as the regulation prints them.
func (f *threatForm) buildTable() fyne.CanvasObject {
	intro := newJPText(i18n.T("threat.table.intro"))
	rows := container.NewVBox(boldLabel(i18n.T("threat.table.title")), intro)
	for _, li := range data.ThreatLevels {
		b := newLevelBadge(theme.TextSize())
		b.set(li.Level)
		rows.Add(widget.NewSeparator())
		rows.Add(container.NewBorder(nil, nil, b.box, nil, boldText(li.Description)))
		for _, kind := range []data.ThreatKind{data.KindPhysical, data.KindElectronic} {
			var group []data.ThreatExample
			for _, ex := range li.Examples {
				if ex.Kind == kind {
					group = append(group, ex)
				}
			}
			if len(group) == 0 {
				continue
			}
			kindLabel := widget.NewLabel(i18n.T("threat.table.kind", map[string]any{"Kind": kind.Label()}))
			rows.Add(threatIndent(2, kindLabel))
			for _, ex := range group {
				rows.Add(threatIndent(3, f.newExampleRow(ex)))
			}
		}
	}
	return rows
}

// threatIndent moves a row of the table right by n icon widths.
func threatIndent(n int, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedLayout(0, 0, float32(n)*theme.IconInlineSize(), 0), o)
}

func (f *threatForm) newExampleRow(ex data.ThreatExample) fyne.CanvasObject {
	check := widget.NewCheck("", func(bool) { f.onTicked() })
	f.checks[ex.ID] = check
	text := newTapLabel(ex.Text, func() {
		if !check.Disabled() {
			check.SetChecked(!check.Checked)
		}
	})
	return container.NewBorder(nil, nil, container.NewVBox(check), nil, text)
}

// ticked returns the IDs of the ticked examples in the table's order.
func (f *threatForm) ticked() []string {
	var ids []string
	for _, ex := range data.ThreatExamples() {
		if c := f.checks[ex.ID]; c != nil && c.Checked {
			ids = append(ids, ex.ID)
		}
	}
	return ids
}

func (f *threatForm) latest() *data.ThreatAssessment {
	if len(f.history) == 0 {
		return nil
	}
	return &f.history[len(f.history)-1]
}

// Reload reads the case and its determinations again. The ticks return to the
// latest determination when it is new to this screen; ticks not yet recorded
// are kept otherwise.
func (f *threatForm) Reload() error {
	c, err := f.env.Store.Case(f.caseID)
	if err != nil {
		return err
	}
	history, err := f.env.Store.ThreatAssessments(f.caseID)
	if err != nil {
		return err
	}
	f.c, f.history = c, history
	showForClass(c, data.ClassMisconduct, f.body, f.other, f.otherText, "threat.not_misconduct")
	var latestID int64
	if l := f.latest(); l != nil {
		latestID = l.ID
	}
	if !f.loaded || latestID != f.loadedID {
		f.setTicks(f.latest())
		f.loaded, f.loadedID = true, latestID
	}
	f.refreshResult()
	f.refreshHistory()
	f.notifyLevel()
	return nil
}

// setTicks puts an assessment's examples into the table (none for nil).
func (f *threatForm) setTicks(a *data.ThreatAssessment) {
	f.updating = true
	defer func() { f.updating = false }()
	for id, c := range f.checks {
		c.SetChecked(a != nil && slices.Contains(a.Examples, id))
	}
	f.eventOnly.SetChecked(a != nil && a.Basis == data.BasisEvent)
	f.eventLevel.SetSelected("")
	f.eventText.SetText("")
	if a != nil && a.Basis == data.BasisEvent && a.Level.Valid() {
		f.eventLevel.SetSelected(f.eventLevel.Options[a.Level-1])
		f.eventText.SetText(a.EventText)
	}
	if a != nil && a.Provisional() {
		f.stage.SetSelected(i18n.T("threat.stage.provisional"))
	} else {
		f.stage.SetSelected(i18n.T("threat.stage.formal"))
	}
	if a != nil && a.Admin != "" {
		f.officer.SetText(a.Officer)
		f.admin.SetText(a.Admin)
	}
	if strings.TrimSpace(f.officer.Text) == "" {
		f.officer.SetText(strings.TrimSpace(f.env.officer().Name))
	}
}

func (f *threatForm) notifyLevel() {
	if l := f.Level(); l != f.reported {
		f.reported = l
		if f.OnLevelChanged != nil {
			f.OnLevelChanged(l)
		}
	}
}

func (f *threatForm) onTicked() {
	if f.updating {
		return
	}
	f.refreshResult()
}

// buildJudgeRow is the choice between the estimate and the 判定, and for the
// 判定 the セキュリティ責任者 and the システム管理者 who make it together.
func (f *threatForm) buildJudgeRow() fyne.CanvasObject {
	f.stage = widget.NewRadioGroup([]string{i18n.T("threat.stage.provisional"), i18n.T("threat.stage.formal")}, nil)
	f.stage.Horizontal = true
	f.stage.Required = true
	f.stage.SetSelected(i18n.T("threat.stage.formal"))
	f.stage.OnChanged = func(string) { f.onTicked() }
	f.officer = newLineEntry(i18n.T("threat.officer.placeholder"), func() {})
	f.admin = newLineEntry(i18n.T("threat.admin.placeholder"), func() { setFieldMsg(f.judgeErr, "") })
	f.judgeErr = newFieldMsg()
	f.judgeBox = container.NewVBox(container.NewGridWithColumns(2,
		container.NewBorder(nil, nil, widget.NewLabel(i18n.T("threat.officer")), nil, f.officer),
		container.NewBorder(nil, nil, widget.NewLabel(i18n.T("threat.admin")), nil, f.admin)), f.judgeErr)
	return container.NewVBox(f.stage, f.judgeBox)
}

// buildEventBox is the way to judge on the 事象 column alone, when no example
// of the table fits the event: the level by its 事象, and what happened.
func (f *threatForm) buildEventBox() fyne.CanvasObject {
	var levels []string
	for _, li := range data.ThreatLevels {
		levels = append(levels, i18n.T("threat.event.level", map[string]any{"Label": li.Label, "Description": li.Description}))
	}
	f.eventLevel = widget.NewRadioGroup(levels, func(string) { f.onTicked() })
	f.eventText = newTextEntry(i18n.T("threat.event.placeholder"), 2, func() { f.onTicked() })
	f.eventBox = container.NewVBox(f.eventLevel, f.eventText)
	f.eventOnly = widget.NewCheck(i18n.T("threat.event.only"), func(on bool) {
		for _, c := range f.checks {
			if on {
				c.Disable()
			} else {
				c.Enable()
			}
		}
		f.refreshEventBox()
		f.onTicked()
	})
	f.eventBox.Hide()
	return container.NewVBox(widget.NewSeparator(), f.eventOnly, captionText(i18n.T("threat.event.note")), f.eventBox)
}

func (f *threatForm) refreshEventBox() {
	if f.eventOnly.Checked {
		f.eventBox.Show()
	} else {
		f.eventBox.Hide()
	}
	f.scroll.Content.Refresh()
}

// input is the determination as the screen holds it (not yet recorded).
func (f *threatForm) input() data.ThreatAssessment {
	a := data.ThreatAssessment{CaseID: f.caseID, Stage: data.StageFormal, Officer: strings.TrimSpace(f.officer.Text), Admin: strings.TrimSpace(f.admin.Text)}
	if f.stage.Selected == i18n.T("threat.stage.provisional") {
		a.Stage, a.Officer, a.Admin = data.StageProvisional, "", ""
	}
	if f.eventOnly.Checked {
		a.Basis, a.EventText = data.BasisEvent, strings.TrimSpace(f.eventText.Text)
		for i, li := range data.ThreatLevels {
			if f.eventLevel.Selected == f.eventLevel.Options[i] {
				a.Level = li.Level
			}
		}
		return a
	}
	a.Basis, a.Examples = data.BasisExamples, f.ticked()
	a.Level = data.LevelOf(a.Examples)
	return a
}

// changed reports whether the ticks differ from the latest determination.
func (f *threatForm) changed() bool {
	l := f.latest()
	in := f.input()
	if l == nil {
		return in.Level.Valid()
	}
	stage := func(s string) string {
		if s == "" {
			return data.StageFormal // recorded before the two were told apart
		}
		return s
	}
	a := slices.Clone(l.Examples)
	slices.Sort(a)
	b := slices.Clone(in.Examples)
	slices.Sort(b)
	return !slices.Equal(a, b) || in.Basis != l.Basis || in.Level != l.Level ||
		in.EventText != l.EventText || stage(in.Stage) != stage(l.Stage)
}

// refreshResult shows the level the ticks give, whether it is recorded, and
// what it means for the procedure.
func (f *threatForm) refreshResult() {
	in := f.input()
	level := in.Level
	f.badge.set(level)
	if level.Valid() {
		f.levelDesc.SetText(level.Info().Description)
		f.levelMeans.SetText(levelSummary(level))
		f.levelMeans.Show()
	} else {
		f.levelDesc.SetText(i18n.T("threat.level.none_text"))
		f.levelMeans.Hide()
	}
	l := f.latest()
	switch {
	case f.changed() && l != nil:
		f.state.SetText(i18n.T("threat.state.revised", map[string]any{"Level": levelLabel(l.Level)}))
		f.stateIcon.SetResource(theme.WarningIcon())
	case f.changed():
		f.state.SetText(i18n.T("threat.state.unrecorded"))
		f.stateIcon.SetResource(theme.WarningIcon())
	case l != nil:
		f.state.SetText(i18n.T("threat.state.recorded", map[string]any{"At": i18n.WesternDateTime(l.At), "By": assessorName(l.By)}))
		f.stateIcon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	default:
		f.state.SetText(i18n.T("threat.state.none"))
		f.stateIcon.SetResource(theme.InfoIcon())
	}
	if in.Stage == data.StageProvisional {
		f.judgeBox.Hide()
	} else {
		f.judgeBox.Show()
	}
	if f.body != nil {
		f.body.Refresh() // the panel above the table grows or shrinks with the judges' row
	}
	if f.changed() && level.Valid() && (in.Stage != data.StageProvisional || level >= 2) &&
		(in.Basis != data.BasisEvent || in.EventText != "") {
		f.record.Enable()
	} else {
		f.record.Disable()
	}
	if l != nil {
		f.record.SetText(i18n.T("threat.record_revision"))
	} else {
		f.record.SetText(i18n.T("threat.record"))
	}
	f.refreshConsequences(level)
}

// levelSummary says what a level leads to, in the regulation's words with its
// conditions (one line per provision); the steps' own words
// are listed under the table.
func levelSummary(l data.ThreatLevel) string {
	switch l {
	case 1:
		return i18n.T("threat.summary.level1")
	case 2:
		return i18n.T("threat.summary.level2")
	case 3:
		return i18n.T("threat.summary.level3")
	}
	return ""
}

func assessorName(by string) string {
	if strings.TrimSpace(by) == "" {
		return i18n.T("threat.by_unknown")
	}
	return by
}

// consequenceSteps are the steps a level leads to: 第5条第5号ア〜エ, and for level
// 3 the stop of 第5条第4号イ.
func consequenceSteps(level data.ThreatLevel) []data.Step {
	var out []data.Step
	for _, s := range data.StepsFor(data.ClassMisconduct) {
		if len(s.Condition.Levels) == 0 || !s.Condition.Holds(level) {
			continue
		}
		if strings.HasPrefix(s.ID, "5-5-") {
			out = append(out, s)
		}
	}
	if level == 3 {
		if s, ok := data.StepByID("5-4-b"); ok {
			out = append(out, s)
		}
	}
	return out
}

// stopOptions are the ways to stop the system, as the regulation lists them.
func stopOptions() (title string, options []string) {
	for _, it := range data.TableB {
		if it.ID == "stop" {
			return it.Title, it.Options
		}
	}
	return "", nil
}

func (f *threatForm) refreshConsequences(level data.ThreatLevel) {
	f.consequent.RemoveAll()
	f.consequent.Add(boldLabel(i18n.T("threat.means.title")))
	if !level.Valid() {
		f.consequent.Add(newJPText(i18n.T("threat.means.none")))
		f.consequent.Refresh()
		return
	}
	for _, s := range consequenceSteps(level) {
		actors := newJPText(actorLabels(s.Actors))
		lines := container.NewVBox(container.NewBorder(nil, nil, boldLabel(s.Article), nil, actors), newJPText(s.Action))
		if s.ID == "5-4-b" {
			title, opts := stopOptions()
			lines.Add(boldLabel(i18n.T("threat.means.stop", map[string]any{"Title": title})))
			for _, o := range opts {
				lines.Add(threatIndent(1, widget.NewLabel(i18n.T("threat.bullet", map[string]any{"Text": o}))))
			}
		}
		f.consequent.Add(threatIndent(1, lines))
	}
	f.consequent.Refresh()
}

// refreshHistory lists the determinations, newest first, each with its time,
// level, examples, who and why.
func (f *threatForm) refreshHistory() {
	f.historyBox.RemoveAll()
	f.historyBox.Add(boldLabel(i18n.T("threat.history.title")))
	if len(f.history) == 0 {
		l := widget.NewLabel(i18n.T("threat.history.empty"))
		l.Importance = widget.LowImportance
		f.historyBox.Add(l)
	}
	for i := len(f.history) - 1; i >= 0; i-- {
		a := f.history[i]
		b := newLevelBadge(theme.TextSize())
		b.set(a.Level)
		// Determinations are counted apart from the estimates: an
		// estimate revises nothing (data.NeedsReason).
		n := 0
		for _, e := range f.history[:i] {
			if !e.Provisional() {
				n++
			}
		}
		kind := i18n.T("threat.history.first")
		switch {
		case a.Provisional():
			kind = i18n.T("threat.history.estimate")
		case n > 0:
			kind = i18n.T("threat.history.revision", map[string]any{"N": n})
		}
		if i == len(f.history)-1 {
			kind += i18n.T("threat.history.current")
		}
		lines := container.NewVBox(boldText(i18n.T("threat.history.meta", map[string]any{
			"Kind": kind, "At": dateTimeWithWareki(a.At), "By": assessorName(a.By)})))
		if a.Stage == data.StageFormal {
			lines.Add(newJPText(i18n.T("threat.history.judges", map[string]any{"Officer": a.Officer, "Admin": a.Admin})))
		}
		for _, id := range a.Examples {
			lines.Add(newJPText(i18n.T("threat.bullet", map[string]any{"Text": exampleText(id)})))
		}
		if a.Basis == data.BasisEvent {
			lines.Add(newJPText(i18n.T("threat.history.event", map[string]any{"Text": a.EventText})))
		}
		if strings.TrimSpace(a.Reason) != "" {
			lines.Add(newJPText(i18n.T("threat.history.reason", map[string]any{"Reason": a.Reason})))
		}
		row := container.NewBorder(nil, nil, container.NewVBox(b.box), nil, lines)
		if i < len(f.history)-1 {
			f.historyBox.Add(row)
		} else {
			f.historyBox.Add(panel(colorNoteBg, row))
		}
	}
	f.historyBox.Refresh()
}

// exampleText is an example's wording, or its ID when this version does not
// know it (a case file from a newer version).
func exampleText(id string) string {
	for _, ex := range data.ThreatExamples() {
		if ex.ID == id {
			return ex.Text
		}
	}
	return id
}

// exampleTexts joins the wording of examples for the timeline.
func exampleTexts(ids []string) string {
	texts := make([]string, len(ids))
	for i, id := range ids {
		texts[i] = exampleText(id)
	}
	return strings.Join(texts, i18n.JA("threat.examples_sep"))
}

// onRecord records the ticked examples as the determination; a revision asks
// for its reason first.
func (f *threatForm) onRecord() {
	a := f.input()
	if !a.Level.Valid() || !f.changed() {
		return
	}
	if strings.TrimSpace(f.env.officer().Name) == "" {
		f.askForName()
		return
	}
	if a.Stage == data.StageFormal && a.Officer == "" {
		a.Officer = strings.TrimSpace(f.env.officer().Name)
	}
	probe := a
	probe.By = "-"
	if err := probe.Validate(false); err != nil {
		if e := data.AsError(err); e != nil && (e.Field == "admin" || e.Field == "officer" || e.Field == "level" || e.Field == "event_text") {
			setFieldMsg(f.judgeErr, i18n.ErrorMessage(err))
			return
		}
		ShowError(err, f.env.Window)
		return
	}
	setFieldMsg(f.judgeErr, "")
	if !data.NeedsReason(f.history, a) {
		f.assess(a)
		return
	}
	f.showRevision(a)
}

func (f *threatForm) showRevision(a data.ThreatAssessment) {
	prev := f.latest().Level
	for i := len(f.history) - 1; i >= 0; i-- {
		if !f.history[i].Provisional() {
			prev = f.history[i].Level
			break
		}
	}
	next := a.Level
	change := i18n.T("threat.revise.same", map[string]any{"Level": levelLabel(next)})
	if prev != next {
		change = i18n.T("threat.revise.change", map[string]any{"From": levelLabel(prev), "To": levelLabel(next)})
	}
	f.rev = &threatRevision{a: a, reasonPrompt: newReasonPrompt(f.env.Window, reasonTexts{
		title:       i18n.T("threat.revise.title"),
		change:      change,
		note:        i18n.T("threat.revise.note"),
		label:       i18n.T("threat.revise.reason"),
		placeholder: i18n.T("threat.revise.placeholder"),
		confirm:     i18n.T("threat.revise.confirm"),
	}, f.closeRevision, f.onConfirmRevision)}
	f.rev.keep(f.env, f.caseID, "threat/revision")
	f.rev.show(f.env.Window)
}

func (f *threatForm) closeRevision() {
	if f.rev != nil {
		f.rev.dlg.Hide()
		f.rev = nil
	}
}

// onConfirmRevision records the revision once a reason is given; without one
// it says so under the field and records nothing.
func (f *threatForm) onConfirmRevision() {
	r := f.rev
	if r == nil {
		return
	}
	a := r.a
	a.Reason = strings.TrimSpace(r.reason.Text)
	probe := a
	if err := probe.Validate(true); err != nil {
		setFieldMsg(r.err, i18n.ErrorMessage(err))
		return
	}
	setFieldMsg(r.err, "")
	if f.assess(a) {
		r.draft.Recorded()
		f.closeRevision()
	}
}

// assess writes a determination with its line on the timeline; false when
// the store refused it (the error is shown).
func (f *threatForm) assess(in data.ThreatAssessment) bool {
	a := &in
	a.At, a.By = data.Now(), strings.TrimSpace(f.env.officer().Name)
	ids, reason := a.Examples, a.Reason
	examples := exampleTexts(ids)
	if a.Basis == data.BasisEvent {
		examples = i18n.JA("threat.timeline.event", map[string]any{"Text": a.EventText})
	}
	var text string
	var prev *data.ThreatAssessment
	for i := len(f.history) - 1; i >= 0; i-- {
		if !f.history[i].Provisional() {
			prev = &f.history[i]
			break
		}
	}
	switch {
	case a.Stage == data.StageProvisional:
		key := "threat.timeline.estimate2"
		if a.Level == 3 {
			key = "threat.timeline.estimate3"
		}
		text = i18n.JA(key, map[string]any{"Examples": examples})
	case prev == nil:
		text = i18n.JA("threat.timeline.first", map[string]any{"Level": levelLabelIn(i18n.JA, a.Level), "Examples": examples})
	case prev.Level != a.Level:
		text = i18n.JA("threat.timeline.change", map[string]any{"From": levelLabelIn(i18n.JA, prev.Level), "To": levelLabelIn(i18n.JA, a.Level), "Reason": reason, "Examples": examples})
	default:
		text = i18n.JA("threat.timeline.same", map[string]any{"Level": levelLabelIn(i18n.JA, a.Level), "Reason": reason, "Examples": examples})
	}
	err := f.env.Store.AssessThreat(a, text)
	if err != nil {
		if f.rev != nil && data.AsError(err) != nil && data.AsError(err).Field == "reason" {
			setFieldMsg(f.rev.err, i18n.ErrorMessage(err))
			return false
		}
		ShowError(err, f.env.Window)
		return false
	}
	if rerr := f.Reload(); rerr != nil {
		ShowError(rerr, f.env.Window)
	}
	f.env.saved()
	return true
}

// askForName explains that a determination needs the name of who made it.
func (f *threatForm) askForName() {
	confirm(f.env.Window, i18n.T("threat.need_name.title"), i18n.T("threat.need_name.text"),
		i18n.T("threat.need_name.open"), i18n.T("common.cancel"), func() {
			if f.env.EditSettings != nil {
				f.env.EditSettings()
			}
		})
}

// onShowArticle shows 第5条 with 第5号 (the determination) marked.
func (f *threatForm) onShowArticle() {
	showArticleText(f.env.Window, 5, i18n.T("threat.article_title"), stepWording("5-5"))
}
