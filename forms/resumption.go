package forms

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// resumptionPanel is the part of the 手順 tab that records what the
// resumption of operation depends on (第4条第8号・第9号, 第5条第8号): the stop
// of the system and by whose authority, the integrity check of 本人確認情報,
// for a misconduct the re-registration of access rights and 照合情報 (第5条第8号
// イ), and the approval by the chief, or the decision of the meeting where the
// meeting ordered the stop. Each is a milestone of the case file; each can be
// recorded again or withdrawn. The last line says whether 運用再開 can be
// recorded yet, and why not.
type resumptionPanel struct {
	env     *Env
	changed func(error) // after a write: the case screen reads the case again

	c        data.Case
	ms       map[data.MilestoneKind]data.Milestone
	progress map[string]data.StepProgress
	decision string // the chief's decision in the failure report (第4条第6号)

	title   *widget.Label
	intro   *jpText
	rowsBox *fyne.Container
	rows    map[data.MilestoneKind]*milestoneRow
	state   *jpText
	icon    *widget.Icon
	resume  *widget.Button
	content fyne.CanvasObject

	dlg *milestoneDialog // the dialog last opened
}

// milestoneRow is one milestone: its state and what can be done with it.
type milestoneRow struct {
	kind     data.MilestoneKind
	state    *jpText
	record   *widget.Button
	withdraw *widget.Button
	content  fyne.CanvasObject
}

func newResumptionPanel(env *Env, changed func(error)) *resumptionPanel {
	r := &resumptionPanel{env: env, changed: changed, rows: map[data.MilestoneKind]*milestoneRow{}}
	r.buildUI()
	return r
}

// Content is the panel, to place under the checklist.
func (r *resumptionPanel) Content() fyne.CanvasObject { return r.content }

func (r *resumptionPanel) buildUI() {
	r.title = widget.NewLabel("")
	r.title.TextStyle.Bold = true
	r.title.Importance = widget.HighImportance
	article := widget.NewButtonWithIcon(i18n.T("case.step.article"), theme.FileTextIcon(), func() {
		if s, ok := r.resumeStep(); ok {
			ShowArticle(s, r.env.Window)
		}
	})
	article.Importance = widget.LowImportance
	r.intro = newJPText("")
	r.intro.SizeName = theme.SizeNameCaptionText
	r.rowsBox = container.NewVBox()

	r.state = newJPText("")
	r.state.TextStyle.Bold = true
	r.icon = widget.NewIcon(nil)
	r.resume = widget.NewButtonWithIcon(i18n.T("case.resume.resume_button"), theme.MediaPlayIcon(), r.onResume)
	r.resume.Importance = widget.HighImportance
	stateRow := container.NewBorder(nil, nil, container.NewVBox(r.icon), container.NewVBox(r.resume), r.state)

	head := container.NewBorder(nil, nil, container.NewHBox(widget.NewIcon(theme.MediaPlayIcon()), r.title), article)
	r.content = container.NewVBox(
		widget.NewSeparator(),
		panel(colorNextBg, container.NewVBox(head, r.intro)),
		r.rowsBox,
		widget.NewSeparator(),
		panel(colorNoteBg, stateRow),
	)
}

// resumeStep is the step of the case's class that records 運用再開.
func (r *resumptionPanel) resumeStep() (data.Step, bool) {
	for _, s := range data.StepsFor(r.c.Class) {
		if data.ResumeSteps[s.ID] {
			return s, true
		}
	}
	return data.Step{}, false
}

// kinds are the milestones of the case's class, in the order they happen.
func (r *resumptionPanel) kinds() []data.MilestoneKind {
	if r.c.Class == data.ClassMisconduct {
		return []data.MilestoneKind{data.MilestoneStop, data.MilestoneIntegrity, data.MilestoneReregistration, data.MilestoneApproval}
	}
	return []data.MilestoneKind{data.MilestoneStop, data.MilestoneIntegrity, data.MilestoneApproval}
}

// set shows a case's milestones; a case without a procedure yet (判定中) has
// no panel.
func (r *resumptionPanel) set(c data.Case, ms map[data.MilestoneKind]data.Milestone, progress map[string]data.StepProgress, decision string) {
	r.c, r.ms, r.progress, r.decision = c, ms, progress, decision
	step, ok := r.resumeStep()
	if !ok {
		r.content.Hide()
		return
	}
	r.content.Show()
	r.title.SetText(i18n.T("case.resume.title", map[string]any{"Article": resumeArticles(c.Class)}))
	r.intro.SetText(i18n.T("case.resume.intro", map[string]any{"Article": step.Article}))

	r.rowsBox.RemoveAll()
	r.rows = map[data.MilestoneKind]*milestoneRow{}
	for i, k := range r.kinds() {
		row := r.newRow(k)
		r.rows[k] = row
		if i > 0 {
			r.rowsBox.Add(widget.NewSeparator())
		}
		r.rowsBox.Add(row.content)
	}
	r.rowsBox.Refresh()
	r.refreshState(step)
}

// resumeArticles cites the articles on resumption of a class.
func resumeArticles(c data.Class) string {
	if c == data.ClassMisconduct {
		return i18n.T("case.resume.articles_misconduct")
	}
	return i18n.T("case.resume.articles_failure")
}

// milestoneArticle cites where the regulation asks for a milestone.
func (r *resumptionPanel) milestoneArticle(k data.MilestoneKind) string {
	id := func(failure, misconduct string) string {
		if r.c.Class == data.ClassMisconduct {
			return misconduct
		}
		return failure
	}
	var sid string
	switch k {
	case data.MilestoneStop:
		sid = id("4-6", "5-4-b")
	case data.MilestoneReregistration:
		sid = "5-8-b"
	default:
		sid = id("4-8", "5-8-a")
	}
	s, _ := data.StepByID(sid)
	return s.Article
}

func milestoneTitle(k data.MilestoneKind) string { return milestoneTitleIn(i18n.T, k) }

func milestoneTitleIn(tr translate, k data.MilestoneKind) string {
	return tr("case.resume." + string(k) + ".title")
}

// meetingStopped reports whether the meeting ordered the stop, which makes
// resumption its decision too (第4条第8号・第5条第8号ア ただし書).
func (r *resumptionPanel) meetingStopped() bool {
	stop := r.ms[data.MilestoneStop]
	return stop.Done && stop.Authority == data.AuthorityMeeting
}

func (r *resumptionPanel) newRow(k data.MilestoneKind) *milestoneRow {
	m := r.ms[k]
	row := &milestoneRow{kind: k, state: newJPText("")}
	recordText := i18n.T("case.resume.record")
	if m.Done {
		recordText = i18n.T("case.resume.rerecord")
	}
	row.record = widget.NewButtonWithIcon(recordText, theme.DocumentCreateIcon(), func() { r.onRecord(k) })
	row.withdraw = widget.NewButtonWithIcon(i18n.T("case.resume.withdraw"), theme.ContentUndoIcon(), func() { r.onWithdraw(k) })
	row.withdraw.Importance = widget.LowImportance
	if !m.Done {
		row.withdraw.Hide()
		row.record.Importance = widget.HighImportance
	}

	var lines []string
	switch {
	case m.Done:
		lines = append(lines, doneText(k, m))
		if strings.TrimSpace(m.Note) != "" {
			lines = append(lines, i18n.T("case.resume.labelled", map[string]any{"Label": i18n.T("case.resume.field.note"), "Value": m.Note}))
		}
	case !m.At.IsZero():
		lines = append(lines, i18n.T("case.resume.withdrawn", map[string]any{"At": i18n.WesternDateTime(m.At), "By": m.By}))
		fallthrough
	default:
		lines = append(lines, r.hint(k))
	}
	if k == data.MilestoneApproval && !m.Done && !r.ms[data.MilestoneIntegrity].Done {
		// The integrity is confirmed first; then it is approved.
		row.record.Disable()
	}
	if k == data.MilestoneApproval && r.meetingStopped() {
		lines = append(lines, i18n.T("case.resume.approval.meeting_required", map[string]any{"Article": r.milestoneArticle(k)}))
	}
	row.state.SetText(strings.Join(lines, "\n"))

	// A tick or an empty circle, the title and article, the state, and the
	// buttons.
	icon := widget.NewIcon(theme.RadioButtonIcon())
	if m.Done {
		icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	}
	title := widget.NewLabel(milestoneTitle(k))
	title.TextStyle.Bold = true
	article := widget.NewLabel(r.milestoneArticle(k))
	body := container.NewVBox(container.NewHBox(title, article), row.state)
	row.content = container.NewBorder(nil, nil, container.NewVBox(icon),
		container.NewVBox(container.NewHBox(row.withdraw, row.record)), body)
	return row
}

// doneText says when, by whose authority and by whom a milestone was recorded.
func doneText(k data.MilestoneKind, m data.Milestone) string {
	text := i18n.T("case.resume.done", map[string]any{"At": dateTimeWithWareki(m.At), "By": m.By})
	if k == data.MilestoneStop || k == data.MilestoneApproval {
		text += "\n" + i18n.T("case.resume.labelled", map[string]any{
			"Label": i18n.T("case.resume.field.authority_" + string(k)), "Value": authorityLabel(k, m.Authority)})
	}
	return text
}

// authorityLabel names whose order or decision a stop or an approval was.
func authorityLabel(k data.MilestoneKind, authority string) string {
	if authority != data.AuthorityChief && authority != data.AuthorityMeeting {
		return ""
	}
	return i18n.T("case.resume.authority." + string(k) + "_" + authority)
}

// hint says what a milestone not yet recorded is about.
func (r *resumptionPanel) hint(k data.MilestoneKind) string {
	switch k {
	case data.MilestoneApproval:
		if !r.ms[data.MilestoneIntegrity].Done {
			return i18n.T("case.resume.approval.need_integrity")
		}
	}
	return i18n.T("case.resume." + string(k) + ".none")
}

// stopMethods are the ways to stop the system, worded as the meeting table of
// the class lists them (第4条第6号, 第5条第6号; 第5条第4号イ names the same).
func stopMethods(c data.Class) []string {
	table := data.TableA
	if c == data.ClassMisconduct {
		table = data.TableB
	}
	for _, it := range table {
		if it.ID == "stop" {
			return it.Options
		}
	}
	return nil
}

// refreshState says whether 運用再開 can be recorded, and why not.
func (r *resumptionPanel) refreshState(step data.Step) {
	prog := r.progress[step.ID]
	blocker := data.ResumptionBlocker(r.ms)
	var lines []string
	switch {
	case prog.Done:
		lines = append(lines, i18n.T("case.resume.state.done", map[string]any{"At": dateTimeWithWareki(prog.At), "By": prog.By, "Next": r.notifyArticle()}))
		r.icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
		r.resume.Hide()
	case blocker != nil:
		lines = append(lines, i18n.ErrorMessage(blocker))
		r.icon.SetResource(theme.NewErrorThemedResource(theme.WarningIcon()))
		r.resume.Show()
		r.resume.Disable()
	default:
		lines = append(lines, i18n.T("case.resume.state.ready", map[string]any{"Article": step.Article}))
		if !r.ms[data.MilestoneStop].Done {
			// Why no check or approval was asked for: the provision's own
			// condition, quoted.
			lines = append(lines, i18n.T("case.resume.state.no_stop", map[string]any{"Article": step.Article, "Condition": step.Condition.Text}))
		}
		r.icon.SetResource(theme.NewSuccessThemedResource(theme.InfoIcon()))
		r.resume.Show()
		r.resume.Enable()
	}
	if !prog.Done && r.c.Class == data.ClassMisconduct && !r.ms[data.MilestoneReregistration].Done {
		lines = append(lines, i18n.T("case.resume.state.rereg_pending", map[string]any{"Article": r.milestoneArticle(data.MilestoneReregistration)}))
	}
	r.state.SetText(strings.Join(lines, "\n"))
}

// notifyArticle is the step after resumption: telling the related bodies.
func (r *resumptionPanel) notifyArticle() string {
	id := "4-9"
	if r.c.Class == data.ClassMisconduct {
		id = "5-8-c"
	}
	s, _ := data.StepByID(id)
	return s.Article
}

// onResume records 運用再開, as ticking its step does.
func (r *resumptionPanel) onResume() {
	step, ok := r.resumeStep()
	if !ok || r.c.ID == 0 {
		return
	}
	name := strings.TrimSpace(r.env.officer().Name)
	if name == "" {
		askForName(r.env)
		return
	}
	p := data.StepProgress{CaseID: r.c.ID, StepID: step.ID, Done: true, By: name, At: data.Now()}
	r.changed(r.env.Store.SetStep(p, StepTimelineText(step, true)))
}

// onWithdraw asks, then records the milestone as not done.
func (r *resumptionPanel) onWithdraw(k data.MilestoneKind) {
	m := r.ms[k]
	name := strings.TrimSpace(r.env.officer().Name)
	if !m.Done || r.c.ID == 0 {
		return
	}
	if name == "" {
		askForName(r.env)
		return
	}
	title := milestoneTitle(k)
	conf := dialog.NewConfirm(i18n.T("case.resume.withdraw_title"),
		i18n.T("case.resume.withdraw_text", map[string]any{"Title": title, "At": i18n.WesternDateTime(m.At), "By": m.By}),
		func(ok bool) {
			if !ok {
				return
			}
			w := m
			w.Done, w.At, w.By = false, data.Now(), name
			r.changed(r.env.Store.SetMilestone(w, i18n.JA("case.resume.timeline.withdraw", map[string]any{"Title": milestoneTitleIn(i18n.JA, k)})))
		}, r.env.Window)
	conf.SetConfirmText(i18n.T("case.resume.withdraw_confirm"))
	conf.SetDismissText(i18n.T("common.cancel"))
	conf.SetConfirmImportance(widget.DangerImportance)
	ShowDialog(r.env.Window, conf, nil)
}

func (r *resumptionPanel) onRecord(k data.MilestoneKind) {
	if r.c.ID == 0 {
		return
	}
	if strings.TrimSpace(r.env.officer().Name) == "" {
		askForName(r.env)
		return
	}
	r.dlg = newMilestoneDialog(r, k)
	ShowDialog(r.env.Window, r.dlg.dlg, nil)
	r.env.Window.Canvas().Focus(r.dlg.by)
}

// milestoneDialog records one milestone: by whose authority (stop, approval),
// how the system was stopped, whether the re-registration was done or not
// needed, when, by whom, and a note.
type milestoneDialog struct {
	r    *resumptionPanel
	kind data.MilestoneKind

	authority *widget.RadioGroup // stop and approval
	methods   *widget.CheckGroup // stop
	outcome   *widget.RadioGroup // reregistration
	at        *entry
	wareki    *widget.Label
	by        *entry
	note      *entry
	err       fieldError
	dlg       *dialog.CustomDialog
	draft     *dialogDraft // who and the note, kept until recorded
}

// The authorities offered for a kind, in the order shown.
var milestoneAuthorities = []string{data.AuthorityChief, data.AuthorityMeeting}

func newMilestoneDialog(r *resumptionPanel, k data.MilestoneKind) *milestoneDialog {
	d := &milestoneDialog{r: r, kind: k}
	d.buildUI()
	return d
}

func (d *milestoneDialog) buildUI() {
	r, k := d.r, d.kind
	old := r.ms[k]
	d.err = newFieldError() // first: the choices below clear it when changed
	form := container.New(layout.NewFormLayout())
	add := func(label string, o fyne.CanvasObject) {
		form.Add(widget.NewLabel(label))
		form.Add(o)
	}
	body := container.NewVBox()

	switch k {
	case data.MilestoneStop, data.MilestoneApproval:
		authorities := milestoneAuthorities
		if k == data.MilestoneApproval && r.meetingStopped() {
			// Only the meeting that ordered the stop can decide to resume.
			authorities = []string{data.AuthorityMeeting}
			only := newJPText(i18n.T("case.resume.dialog.meeting_only", map[string]any{"Article": r.milestoneArticle(k)}))
			body.Add(panel(colorNoteBg, container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.InfoIcon())), nil, only)))
		}
		labels := make([]string, len(authorities))
		for i, a := range authorities {
			labels[i] = authorityLabel(k, a)
		}
		d.authority = widget.NewRadioGroup(labels, func(string) { d.err.set("") })
		d.authority.Required = true
		switch want := d.defaultAuthority(old); {
		case len(authorities) == 1:
			d.authority.SetSelected(labels[0])
		case want != "":
			d.authority.SetSelected(authorityLabel(k, want))
		}
		add(i18n.T("case.resume.field.authority_"+string(k)), d.authority)
	}
	if k == data.MilestoneStop {
		options := stopMethods(r.c.Class)
		d.methods = widget.NewCheckGroup(options, nil)
		d.methods.Horizontal = true
		if old.Done {
			var picked []string
			for _, o := range options {
				if strings.Contains(old.Note, o) {
					picked = append(picked, o)
				}
			}
			d.methods.SetSelected(picked)
		}
		add(i18n.T("case.resume.field.method"), d.methods)
	}
	if k == data.MilestoneReregistration {
		d.outcome = widget.NewRadioGroup([]string{i18n.T("case.resume.rereg.done"), i18n.T("case.resume.rereg.notneeded")}, func(string) { d.err.set("") })
		d.outcome.Horizontal = true
		d.outcome.Required = true
		if old.Done {
			for _, o := range d.outcome.Options {
				if strings.HasPrefix(old.Note, o) {
					d.outcome.SetSelected(o)
				}
			}
		}
		add(i18n.T("case.resume.field.outcome"), d.outcome)
	}

	now := data.Now().In(r.env.zone())
	d.at = newEntry()
	d.at.SetText(i18n.WesternDateTime(now))
	d.wareki = widget.NewLabel(i18n.Wareki(now))
	d.at.OnChanged = func(s string) {
		if t, err := i18n.ParseDateTime(s, r.env.zone()); err == nil {
			d.wareki.SetText(i18n.Wareki(t))
		} else {
			d.wareki.SetText("")
		}
	}
	nowBtn := widget.NewButtonWithIcon(i18n.T("timeline.now"), theme.HistoryIcon(), func() {
		d.at.SetText(i18n.WesternDateTime(data.Now().In(r.env.zone())))
	})
	nowBtn.Importance = widget.LowImportance
	atW := fyne.MeasureText("0000/00/00 00:00", theme.TextSize(), fyne.TextStyle{}).Width + 4*theme.InnerPadding()
	add(i18n.T("case.resume.field.at"), container.NewHBox(container.NewGridWrap(fyne.NewSize(atW, d.at.MinSize().Height), d.at), nowBtn, d.wareki))

	d.by = newEntry()
	d.by.SetPlaceHolder(i18n.T("case.resume.by_placeholder"))
	if k == data.MilestoneApproval {
		d.by.SetPlaceHolder(i18n.T("case.resume.approval.by_placeholder"))
	}
	switch {
	case old.Done && old.By != "":
		d.by.SetText(old.By)
	case k != data.MilestoneApproval:
		// The officer recording it did it; an approval is someone else's.
		d.by.SetText(strings.TrimSpace(r.env.officer().Name))
	}
	add(i18n.T("case.resume.field.by_"+string(k)), d.by)

	d.note = newMultiLineEntry()
	d.note.Wrapping = fyne.TextWrapWord
	d.note.SetMinRowsVisible(3)
	d.note.SetPlaceHolder(i18n.T("case.resume." + string(k) + ".placeholder"))
	if old.Done {
		d.note.SetText(d.freeNote(old.Note))
	}
	add(i18n.T("case.resume.field.note"), d.note)

	body.Add(form)
	body.Add(d.err)

	cancel := widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), func() { d.dlg.Hide() })
	ok := widget.NewButtonWithIcon(i18n.T("case.resume.dialog.confirm"), theme.ConfirmIcon(), d.onConfirm)
	ok.Importance = widget.HighImportance
	title := i18n.T("case.resume.dialog.title", map[string]any{"Title": milestoneTitle(k), "Article": r.milestoneArticle(k)})
	d.dlg = dialog.NewCustomWithoutButtons(title, body, r.env.Window)
	d.dlg.SetButtons([]fyne.CanvasObject{cancel, ok})
	d.dlg.Resize(fyne.NewSize(820, body.MinSize().Height+120))
	// Who and the note, typed and not yet recorded: kept until recorded.
	d.draft = newDialogDraft(r.env, r.c.ID, "milestone/"+string(k))
	d.draft.field("by", &d.by.Entry)
	d.draft.field("note", &d.note.Entry)
	d.draft.attach(d.dlg)
}

// defaultAuthority is the authority to offer: the one recorded, else for an
// approval the stop's, else the chief's decision in the failure report.
func (d *milestoneDialog) defaultAuthority(old data.Milestone) string {
	switch {
	case old.Done && old.Authority != "":
		return old.Authority
	case d.kind == data.MilestoneApproval && d.r.ms[data.MilestoneStop].Done:
		return d.r.ms[data.MilestoneStop].Authority
	case d.r.decision == data.DecisionStop:
		return data.AuthorityChief
	case d.r.decision == data.DecisionMeeting:
		return data.AuthorityMeeting
	}
	return ""
}

// freeNote is the officer's own words in a stored note, without the stop
// methods or the outcome the dialog puts before them.
func (d *milestoneDialog) freeNote(note string) string {
	head := d.noteHead()
	if head == "" {
		return note
	}
	if note == head {
		return ""
	}
	if rest, ok := strings.CutPrefix(note, head+"（"); ok {
		return strings.TrimSuffix(rest, "）")
	}
	return note
}

// noteHead is what the dialog's choices put at the head of the note: the stop
// methods, or the outcome of the re-registration.
func (d *milestoneDialog) noteHead() string {
	switch {
	case d.methods != nil:
		// In the regulation's order, whatever order they were ticked in.
		var picked []string
		for _, o := range d.methods.Options {
			if slices.Contains(d.methods.Selected, o) {
				picked = append(picked, o)
			}
		}
		return strings.Join(picked, i18n.T("case.resume.methods_sep"))
	case d.outcome != nil:
		return d.outcome.Selected
	}
	return ""
}

// selectedAuthority is the authority picked, "" for none.
func (d *milestoneDialog) selectedAuthority() string {
	if d.authority == nil {
		return ""
	}
	for _, a := range milestoneAuthorities {
		if authorityLabel(d.kind, a) == d.authority.Selected {
			return a
		}
	}
	return ""
}

// milestone reads the dialog; a message says what is missing or wrong.
func (d *milestoneDialog) milestone() (data.Milestone, string) {
	r, k := d.r, d.kind
	m := data.Milestone{CaseID: r.c.ID, Kind: k, Done: true, Authority: d.selectedAuthority(), By: strings.TrimSpace(d.by.Text)}
	if d.authority != nil && m.Authority == "" {
		return m, i18n.T("case.resume.err.authority")
	}
	if d.outcome != nil && d.outcome.Selected == "" {
		return m, i18n.T("case.resume.err.outcome")
	}
	note := strings.TrimSpace(d.note.Text)
	if d.outcome != nil && d.outcome.Selected == i18n.T("case.resume.rereg.notneeded") && note == "" {
		return m, i18n.T("case.resume.err.reason")
	}
	at, err := i18n.ParseDateTime(d.at.Text, r.env.zone())
	if err != nil {
		return m, i18n.ErrorMessage(withField(err, "at"))
	}
	m.At = at
	if m.By == "" {
		return m, i18n.T("case.resume.err.by")
	}
	if integrity := r.ms[data.MilestoneIntegrity]; k == data.MilestoneApproval && integrity.Done && at.Before(integrity.At) {
		return m, i18n.T("case.resume.err.before_integrity", map[string]any{"At": i18n.WesternDateTime(integrity.At)})
	}
	head := d.noteHead()
	switch {
	case head != "" && note != "":
		m.Note = i18n.T("case.resume.note_with", map[string]any{"Head": head, "Note": note})
	case head != "":
		m.Note = head
	default:
		m.Note = note
	}
	return m, ""
}

// timelineText is the line the timeline gets, in Japanese whatever the UI
// language: what was done, when (if not just now) and the note.
func (d *milestoneDialog) timelineText(m data.Milestone) string {
	var key string
	switch d.kind {
	case data.MilestoneStop, data.MilestoneApproval:
		key = string(d.kind) + "_" + m.Authority
	case data.MilestoneReregistration:
		key = "rereg_done"
		if d.outcome.Selected == i18n.T("case.resume.rereg.notneeded") {
			key = "rereg_notneeded"
		}
	default:
		key = string(d.kind)
	}
	text := i18n.JA("case.resume.timeline." + key)
	if now := data.Now(); m.At.Before(now.Add(-time.Minute)) || m.At.After(now.Add(time.Minute)) {
		text += i18n.JA("case.resume.timeline.at", map[string]any{"At": i18n.WesternDateTime(m.At.In(d.r.env.zone()))})
	}
	if m.Note != "" {
		text += i18n.JA("case.resume.timeline.note", map[string]any{"Note": m.Note})
	}
	return text
}

func (d *milestoneDialog) onConfirm() {
	m, msg := d.milestone()
	if msg != "" {
		d.err.set(msg)
		return
	}
	if err := d.r.env.Store.SetMilestone(m, d.timelineText(m)); err != nil {
		if data.ErrorCode(err) == data.EINVALID {
			d.err.set(i18n.ErrorMessage(err))
			return
		}
		d.r.changed(err)
		return
	}
	d.draft.Recorded()
	d.dlg.Hide()
	d.r.changed(nil)
}
