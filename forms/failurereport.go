package forms

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// failureReportForm is the 障害の報告 tab of a failure case: what 第4条第1号〜
// 第6号 ask to establish, in the order the work is done. The failure type with
// its 事象 and the place (第1号・第2号), the checks of that type with their
// results (第3号), the cause or the request to the maintenance contractor
// (第5号), the impact on data protection and the report to the chief (第4号),
// the stop and the chief's decision (第6号), then who reported to whom.
//
// Every field is saved on its own a moment after the officer stops typing; a
// field that cannot be saved (a date that does not exist) says so next to it
// and keeps its text. Only events go on the timeline: the type identified, a
// check's result changed, and what the officer records with a button (the
// request to the contractor, the chief's decision, the stop, a report).
type failureReportForm struct {
	env    *Env
	caseID int64

	// OnDecision is called on the UI goroutine with the chief's decision as
	// the case file holds it (data.DecisionStop, data.DecisionMeeting or "")
	// whenever it changes: on the first Reload that finds one, and after a
	// save that changes it. The case screen uses it to show the meeting or
	// the resumption steps.
	OnDecision func(stopDecision string)

	// mu guards what the autosaver's goroutine shares with the UI: the values
	// copied from the widgets at the last edit, and the case file's contents
	// as last read or written.
	mu     sync.Mutex
	vals   failureValues
	c      data.Case
	r      data.FailureReport
	checks map[string]data.CheckResult
	stopMS data.Milestone
	saveMu sync.Mutex // one write at a time

	loaded   bool
	loading  bool   // widgets are being filled from the case file
	decision string // the decision last passed to OnDecision
	// recorded notes what was recorded with a button in this session, to ask
	// before the same thing goes on the timeline twice.
	recorded map[string]bool

	formSaver // saver, indicator; Flush

	content   *fyne.Container
	head      *fyne.Container
	other     fyne.CanvasObject // for a case that is not a failure
	otherText *jpText
	body      fyne.CanvasObject

	// 第4条第1号・第2号
	typ          *widget.RadioGroup
	event, place *entry
	// 第3号
	checksTitle *widget.Label
	checksNone  *jpText
	checkRows   []*failureCheckRow
	// 第5号
	cause         *entry
	causeUnknown  *widget.Check
	contractorBox *fyne.Container
	request       *entry
	requestedAt   *failureDate
	requestStatus *failureStatus
	// 第4号
	impact     *widget.RadioGroup
	impactText *entry
	impactHint *jpText
	chiefAt    *failureDate
	// 第6号
	estimate       *widget.RadioGroup
	decisionRadio  *widget.RadioGroup
	mismatch       *fyne.Container
	decidedBy      *entry
	decidedAt      *failureDate
	decisionStatus *failureStatus
	stopBox        *fyne.Container
	stopStatus     *failureStatus
	meetingBox     *fyne.Container
	// 報告
	reporter, reportedTo *entry
	reportedAt           *failureDate
	reportNo             *entry
	reportNoDown         *widget.Button
	reportNoUp           *widget.Button
	reportStatus         *failureStatus
	versions             *versionsPanel // the 第n報 recorded, each printable as it was

	errs     fieldMsgs    // by data field name, the message under each field
	labelCol *labelColumn // one width for the labels of every section
}

// The data fields of the screen, as data.Invalid names them, and the dates.
const (
	frFieldType        = "failure_type"
	frFieldEvent       = "event"
	frFieldPlace       = "place"
	frFieldCause       = "cause"
	frFieldRequest     = "contractor_request"
	frFieldRequestedAt = "contractor_requested_at"
	frFieldImpact      = "data_impact"
	frFieldImpactText  = "data_impact_text"
	frFieldChiefAt     = "chief_reported_at"
	frFieldEstimate    = "stop_estimate"
	frFieldDecision    = "stop_decision"
	frFieldDecidedBy   = "decided_by"
	frFieldDecidedAt   = "decided_at"
	frFieldCheckPrefix = "check:" // + check ID: the message under a check
	frFieldReporter    = fieldReporter
	frFieldReportedTo  = fieldReportedTo
	frFieldReportedAt  = fieldReportedAt
	frFieldReportNo    = fieldReportNo
)

// failureDateWidth is the width of a date entry: room for 2026/11/27 14:05.
const failureDateWidth = 210

// failureCheckRow is one 確認事項 of a failure type with its result and note.
type failureCheckRow struct {
	id     string
	typ    data.FailureType
	box    *fyne.Container
	result *widget.RadioGroup
	note   *entry
	meta   *widget.Label
}

// failureDate is a date-time entry with its 和暦 and a 今 button.
type failureDate struct {
	entry  *entry
	wareki *widget.Label
	now    *widget.Button
	row    fyne.CanvasObject
}

// failureStatus is a line saying whether something is recorded, with the
// button that records it.
type failureStatus struct {
	icon   *widget.Icon
	text   *jpText
	button *widget.Button
	box    fyne.CanvasObject
}

// failureValues is what the officer typed, copied from the widgets on the UI
// goroutine for the save, which runs on another.
type failureValues struct {
	typ                         data.FailureType
	event, place, cause         string
	causeUnknown                bool
	request, requestedAt        string
	impact, impactText, chiefAt string
	estimate, decision          string
	decidedBy, decidedAt        string
	reporter, reportedTo        string
	reportedAt, reportNo        string
	checks                      map[string]failureCheckValue
	by                          string // the officer, named on check results
	loc                         *time.Location
}

type failureCheckValue struct{ result, note string }

// failureSaveDelay is how long after the last keystroke the fields are saved.
const failureSaveDelay = 700 * time.Millisecond

// newFailureReportForm builds the failure report screen of a case; call
// Reload to fill it.
func newFailureReportForm(env *Env, caseID int64) *failureReportForm {
	f := &failureReportForm{env: env, caseID: caseID, labelCol: &labelColumn{},
		recorded: map[string]bool{}, checks: map[string]data.CheckResult{}}
	f.versions = newVersionsPanel(env, caseID)
	f.formSaver = newFormSaver(failureSaveDelay, f.save)
	f.buildUI()
	return f
}

// Content is the screen, to place in the case's tab.
func (f *failureReportForm) Content() fyne.CanvasObject { return f.content }

// Reload saves what is pending, then reads the case, its failure report,
// check results and stop again.
func (f *failureReportForm) Reload() error {
	if f.loaded {
		if err := f.Flush(); err != nil {
			return err
		}
	}
	c, err := f.env.Store.Case(f.caseID)
	if err != nil {
		return err
	}
	r, err := f.env.Store.FailureReport(f.caseID)
	if err != nil {
		return err
	}
	checks, err := f.env.Store.CheckResults(f.caseID)
	if err != nil {
		return err
	}
	ms, err := f.env.Store.Milestones(f.caseID)
	if err != nil {
		return err
	}
	if err := f.versions.Reload(); err != nil {
		return err
	}
	f.mu.Lock()
	f.c, f.r, f.checks, f.stopMS = c, r, checks, ms[data.MilestoneStop]
	f.mu.Unlock()
	f.loaded = true
	showForClass(c, data.ClassFailure, f.body, f.other, f.otherText, "failure.not_failure")
	f.fill()
	f.notifyDecision()
	return nil
}

// Choices of the radio groups, in the order they are shown.
var (
	failureImpacts   = []string{data.ImpactNone, data.ImpactPossible, data.ImpactYes}
	failureEstimates = []string{data.StopTemporary, data.StopLong}
	failureDecisions = []string{data.DecisionStop, data.DecisionMeeting}
	failureResults   = []string{data.CheckOK, data.CheckAbnormal, data.CheckNotDone}
)

func failureTypeOption(fi data.FailureTypeInfo) string {
	return i18n.T("failure.type.option", map[string]any{"Label": fi.Label, "Events": fi.Events})
}

func failureImpactLabel(v string) string {
	switch v {
	case data.ImpactNone:
		return i18n.T("failure.impact.none")
	case data.ImpactPossible:
		return i18n.T("failure.impact.possible")
	case data.ImpactYes:
		return i18n.T("failure.impact.yes")
	}
	return ""
}

func failureEstimateLabel(v string) string { return failureEstimateIn(i18n.T, v) }

// failureEstimateIn is the label in the language of tr: i18n.T for the
// screen, i18n.JA for the timeline.
func failureEstimateIn(tr translate, v string) string {
	switch v {
	case data.StopTemporary:
		return tr("failure.stop.temporary")
	case data.StopLong:
		return tr("failure.stop.long")
	}
	return ""
}

func failureDecisionLabel(v string) string { return failureDecisionIn(i18n.T, v) }

func failureDecisionIn(tr translate, v string) string {
	switch v {
	case data.DecisionStop:
		return tr("failure.decision.stop")
	case data.DecisionMeeting:
		return tr("failure.decision.meeting")
	}
	return ""
}

func failureResultLabel(v string) string { return failureResultIn(i18n.T, v) }

func failureResultIn(tr translate, v string) string {
	switch v {
	case data.CheckOK:
		return tr("failure.check.ok")
	case data.CheckAbnormal:
		return tr("failure.check.abnormal")
	case data.CheckNotDone:
		return tr("failure.check.notdone")
	}
	return ""
}

// failureLabels maps values to their labels for a radio group.
func failureLabels(values []string, label func(string) string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = label(v)
	}
	return out
}

// failureChoice is the value whose label is selected, "" when none.
func failureChoice(selected string, values []string, label func(string) string) string {
	if selected == "" {
		return ""
	}
	for _, v := range values {
		if label(v) == selected {
			return v
		}
	}
	return ""
}

func (f *failureReportForm) buildUI() {
	f.errs = newFieldMsgs(frFieldType, frFieldEvent, frFieldPlace, frFieldCause, frFieldRequest, frFieldRequestedAt,
		frFieldImpact, frFieldImpactText, frFieldChiefAt, frFieldEstimate, frFieldDecision, frFieldDecidedBy, frFieldDecidedAt,
		frFieldReporter, frFieldReportedTo, frFieldReportedAt, frFieldReportNo)

	f.other, f.otherText = newClassNote()
	f.head = screenHead(i18n.T("failure.title"), i18n.T("failure.article"), func() { f.showArticle("4-1") }, f.indicator)
	intro := captionText(i18n.T("failure.intro"))

	sections := container.NewVBox(f.buildTypeSection())
	for _, s := range []fyne.CanvasObject{f.buildChecksSection(), f.buildCauseSection(), f.buildImpactSection(),
		f.buildStopSection(), f.buildReportSection()} {
		// Room above each part of the article, so the parts read apart.
		sections.Add(container.New(layout.NewCustomPaddedLayout(theme.Padding()*3, 0, 0, 0), s))
	}
	f.body = container.NewBorder(container.NewVBox(f.head, intro, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(sections))
	f.content = container.NewStack(f.other, f.body)
	f.other.Hide()
}

func (f *failureReportForm) line(placeholder string) *entry {
	return newLineEntry(placeholder, f.onChanged)
}

func (f *failureReportForm) multi(placeholder string, rows int) *entry {
	return newTextEntry(placeholder, rows, f.onChanged)
}

func (f *failureReportForm) radio(options []string, horizontal bool, changed func()) *widget.RadioGroup {
	r := widget.NewRadioGroup(options, func(string) {
		if changed != nil {
			changed()
		}
		f.onChanged()
	})
	r.Horizontal = horizontal
	r.Required = true // a tap on the chosen option does not clear it
	return r
}

// newDate is a date-time entry whose 和暦 shows as soon as it reads as a date.
func (f *failureReportForm) newDate() *failureDate {
	d := &failureDate{entry: newEntry(), wareki: widget.NewLabel("")}
	d.entry.SetPlaceHolder(i18n.T("failure.date_placeholder"))
	d.entry.OnChanged = func(string) {
		f.showWareki(d)
		f.onChanged()
	}
	d.now = widget.NewButtonWithIcon(i18n.T("failure.now"), theme.HistoryIcon(), func() {
		d.entry.SetText(i18n.WesternDateTime(data.Now().In(f.loc())))
	})
	d.row = container.NewHBox(sizedEntry(d.entry, failureDateWidth), d.now, d.wareki)
	return d
}

func (f *failureReportForm) showWareki(d *failureDate) {
	if f.loading {
		return
	}
	d.wareki.SetText(warekiOf(d.entry.Text, f.loc()))
}

func newFailureStatus(buttonText string, icon fyne.Resource, onTap func()) *failureStatus {
	s := &failureStatus{icon: widget.NewIcon(theme.InfoIcon()), text: newJPText("")}
	s.button = widget.NewButtonWithIcon(buttonText, icon, onTap)
	s.button.Importance = widget.HighImportance
	s.box = panel(colorNoteBg, container.NewBorder(nil, nil, container.NewVBox(s.icon), container.NewVBox(s.button), s.text))
	return s
}

func (s *failureStatus) set(text string, done bool) {
	s.text.SetText(text)
	if done {
		s.icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	} else {
		s.icon.SetResource(theme.WarningIcon())
	}
}

// sectionHead is the heading of a part of 第4条: its article, its name, and a
// button that shows the article's words; the step's own wording follows.
func (f *failureReportForm) sectionHead(article, heading, stepID string) fyne.CanvasObject {
	show := widget.NewButtonWithIcon(i18n.T("failure.section_article"), theme.FileTextIcon(), func() { f.showArticle(stepID) })
	show.Importance = widget.LowImportance
	return container.NewVBox(articleBand(article, boldText(heading), show), captionText(stepWording(stepID)))
}

func (f *failureReportForm) buildTypeSection() fyne.CanvasObject {
	options := make([]string, len(data.FailureTypes))
	for i, fi := range data.FailureTypes {
		options[i] = failureTypeOption(fi)
	}
	f.typ = f.radio(options, false, f.refreshChecks)
	f.event = f.multi(i18n.T("failure.event.placeholder"), 3)
	f.place = f.line(i18n.T("failure.place.placeholder"))
	return container.NewVBox(
		f.sectionHead(i18n.T("failure.type.article"), i18n.T("failure.type.heading"), "4-1"),
		f.labelCol.form(
			i18n.T("failure.type.label"), f.errs.under(frFieldType, f.typ),
			i18n.T("failure.event.label"), f.errs.under(frFieldEvent, f.event),
			i18n.T("failure.place.label"), f.errs.under(frFieldPlace, f.place),
		),
	)
}

func (f *failureReportForm) buildChecksSection() fyne.CanvasObject {
	f.checksTitle = boldLabel("")
	f.checksNone = newJPText(i18n.T("failure.checks.none"))
	rows := container.NewVBox()
	for _, fi := range data.FailureTypes {
		for n, text := range fi.Checks {
			row := f.newCheckRow(fi.Type, data.CheckID(fi.Type, n+1), text)
			f.checkRows = append(f.checkRows, row)
			rows.Add(row.box)
		}
	}
	return container.NewVBox(
		f.sectionHead(i18n.T("failure.checks.article"), i18n.T("failure.checks.heading"), "4-3"),
		f.checksTitle, f.checksNone, rows,
	)
}

func (f *failureReportForm) newCheckRow(t data.FailureType, id, text string) *failureCheckRow {
	row := &failureCheckRow{id: id, typ: t}
	row.result = f.radio(failureLabels(failureResults, failureResultLabel), true, nil)
	row.note = f.line(i18n.T("failure.check.note_placeholder"))
	row.meta = widget.NewLabel("")
	row.meta.SizeName = theme.SizeNameCaptionText
	f.errs[frFieldCheckPrefix+id] = newFieldMsg()
	top := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), row.result, boldText(text))
	row.box = container.NewVBox(widget.NewSeparator(), top,
		container.New(layout.NewCustomPaddedLayout(0, 0, theme.IconInlineSize()+theme.Padding()*2, 0),
			container.NewVBox(container.NewBorder(nil, nil, nil, row.meta, row.note), f.errs[frFieldCheckPrefix+id])))
	row.box.Hide()
	return row
}

func (f *failureReportForm) buildCauseSection() fyne.CanvasObject {
	f.cause = f.multi(i18n.T("failure.cause.placeholder"), 3)
	f.causeUnknown = widget.NewCheck(i18n.T("failure.cause.unknown"), func(bool) {
		f.refreshContractor()
		f.onChanged()
	})
	f.request = f.multi(i18n.T("failure.request.placeholder"), 2)
	f.requestedAt = f.newDate()
	f.requestStatus = newFailureStatus(i18n.T("failure.request.record"), theme.MailSendIcon(), f.onRecordRequest)
	f.contractorBox = container.NewVBox(
		f.labelCol.form(
			i18n.T("failure.request.label"), f.errs.under(frFieldRequest, f.request),
			i18n.T("failure.request.at"), f.errs.under(frFieldRequestedAt, f.requestedAt.row),
		),
		f.requestStatus.box,
	)
	return container.NewVBox(
		f.sectionHead(i18n.T("failure.cause.article"), i18n.T("failure.cause.heading"), "4-5"),
		f.labelCol.form(
			i18n.T("failure.cause.label"), f.errs.under(frFieldCause, f.cause),
			"", f.causeUnknown,
		),
		f.contractorBox,
	)
}

func (f *failureReportForm) buildImpactSection() fyne.CanvasObject {
	f.impact = f.radio(failureLabels(failureImpacts, failureImpactLabel), true, f.refreshImpact)
	f.impactText = f.multi(i18n.T("failure.impact.placeholder"), 3)
	f.impactHint = captionText("")
	f.chiefAt = f.newDate()
	return container.NewVBox(
		f.sectionHead(i18n.T("failure.impact.article"), i18n.T("failure.impact.heading"), "4-4"),
		f.labelCol.form(
			i18n.T("failure.impact.label"), container.NewVBox(f.errs.under(frFieldImpact, f.impact), f.impactHint),
			i18n.T("failure.impact.text"), f.errs.under(frFieldImpactText, f.impactText),
			i18n.T("failure.impact.chief_at"), f.errs.under(frFieldChiefAt, f.chiefAt.row),
		),
	)
}

func (f *failureReportForm) buildStopSection() fyne.CanvasObject {
	f.estimate = f.radio(failureLabels(failureEstimates, failureEstimateLabel), true, f.onEstimateChanged)
	f.decisionRadio = f.radio(failureLabels(failureDecisions, failureDecisionLabel), false, f.refreshDecision)
	mismatch := newJPText(i18n.T("failure.decision.mismatch"))
	mismatch.ColorName = theme.ColorNameWarning
	f.mismatch = container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.WarningIcon())), nil, mismatch)
	f.decidedBy = f.line(i18n.T("failure.decided_by.placeholder"))
	f.decidedAt = f.newDate()
	f.decisionStatus = newFailureStatus(i18n.T("failure.decision.record"), theme.ConfirmIcon(), f.onRecordDecision)
	f.stopStatus = newFailureStatus(i18n.T("failure.stop_ms.record"), theme.MediaStopIcon(), f.offerStop)
	f.stopBox = container.NewVBox(boldLabel(i18n.T("failure.stop_ms.title")), f.stopStatus.box)

	items := container.NewVBox(newJPText(i18n.T("failure.meeting.text")))
	for _, it := range data.TableA {
		content := it.Content
		if len(it.Options) > 0 {
			content = strings.Join(it.Options, i18n.T("failure.meeting.sep"))
		}
		items.Add(newJPText(i18n.T("failure.meeting.item", map[string]any{"Title": it.Title, "Content": content})))
	}
	f.meetingBox = container.NewVBox(boldLabel(i18n.T("failure.meeting.title")), panel(colorNoteBg, items))

	return container.NewVBox(
		f.sectionHead(i18n.T("failure.stop.article"), i18n.T("failure.stop.heading"), "4-6"),
		f.labelCol.form(
			i18n.T("failure.stop.estimate"), f.errs.under(frFieldEstimate, f.estimate),
			i18n.T("failure.stop.decision"), container.NewVBox(f.errs.under(frFieldDecision, f.decisionRadio), f.mismatch),
			i18n.T("failure.decided_by"), f.errs.under(frFieldDecidedBy, f.decidedBy),
			i18n.T("failure.decided_at"), f.errs.under(frFieldDecidedAt, f.decidedAt.row),
		),
		f.decisionStatus.box,
		f.stopBox,
		f.meetingBox,
	)
}

func (f *failureReportForm) buildReportSection() fyne.CanvasObject {
	f.reporter = f.line(i18n.T("failure.reporter.placeholder"))
	f.reportedTo = f.line(i18n.T("failure.reported_to.placeholder"))
	f.reportedAt = f.newDate()
	f.reportNo = newEntry()
	f.reportNo.OnChanged = func(string) {
		f.refreshReportStatus()
		f.onChanged()
	}
	f.reportNoDown = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { f.onStepReportNo(-1) })
	f.reportNoUp = widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { f.onStepReportNo(+1) })
	f.reportStatus = newFailureStatus("", theme.MailSendIcon(), f.onMarkReported)
	noBox := reportNoRow(i18n.T("failure.report_no.prefix"), i18n.T("failure.report_no.suffix"), f.reportNo, f.reportNoDown, f.reportNoUp)
	return container.NewVBox(
		articleBand(i18n.T("failure.report.article"), boldLabel(i18n.T("failure.report.heading")), nil),
		f.labelCol.form(
			i18n.T("field.reporter"), f.errs.under(frFieldReporter, f.reporter),
			i18n.T("field.reported_to"), f.errs.under(frFieldReportedTo, f.reportedTo),
			i18n.T("failure.reported_at"), f.errs.under(frFieldReportedAt, f.reportedAt.row),
			i18n.T("failure.report_no"), f.errs.under(frFieldReportNo, noBox),
		),
		f.reportStatus.box,
		f.versions.box,
	)
}

// showArticle shows 第4条 scrolled to a step's words.
func (f *failureReportForm) showArticle(stepID string) {
	if s, ok := data.StepByID(stepID); ok {
		ShowArticle(s, f.env.Window)
	}
}

// loc is the zone the case's times are typed in: the discovery's.
func (f *failureReportForm) loc() *time.Location {
	return f.env.zone()
}

func (f *failureReportForm) report() data.FailureReport {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.r
}

// fill puts the report into the widgets and clears the messages.
func (f *failureReportForm) fill() {
	f.loading = true
	defer func() { f.loading = false }()
	f.mu.Lock()
	r, checks := f.r, f.checks
	f.mu.Unlock()
	loc := f.loc()
	typ := ""
	if fi := r.Type.Info(); fi.Type != "" {
		typ = failureTypeOption(fi)
	}
	f.typ.SetSelected(typ)
	f.event.SetText(r.Event)
	f.place.SetText(r.Place)
	for _, row := range f.checkRows {
		cr := checks[row.id]
		res := cr.Result
		if res == "" {
			res = data.CheckNotDone
		}
		row.result.SetSelected(failureResultLabel(res))
		row.note.SetText(cr.Note)
	}
	f.cause.SetText(r.Cause)
	f.causeUnknown.SetChecked(r.CauseUnknown)
	f.request.SetText(r.ContractorRequest)
	f.impact.SetSelected(failureImpactLabel(r.DataImpact))
	f.impactText.SetText(r.DataImpactText)
	f.estimate.SetSelected(failureEstimateLabel(r.StopEstimate))
	f.decisionRadio.SetSelected(failureDecisionLabel(r.StopDecision))
	f.decidedBy.SetText(r.DecidedBy)
	f.reporter.SetText(r.Reporter)
	f.reportedTo.SetText(r.ReportedTo)
	f.reportNo.SetText(strconv.Itoa(max(r.ReportNo, 1)))
	for _, d := range []struct {
		d  *failureDate
		at time.Time
	}{{f.requestedAt, r.ContractorRequestedAt}, {f.chiefAt, r.ChiefReportedAt}, {f.decidedAt, r.DecidedAt}, {f.reportedAt, r.ReportedAt}} {
		at := d.at
		if !at.IsZero() {
			at = at.In(loc)
		}
		d.d.entry.SetText(i18n.WesternDateTime(at))
		d.d.wareki.SetText(i18n.Wareki(at))
	}
	f.errs.show(nil)
	f.refreshAll()
}

func (f *failureReportForm) refreshAll() {
	f.refreshChecks()
	f.refreshCheckMeta()
	f.refreshContractor()
	f.refreshImpact()
	f.refreshDecision()
	f.refreshReportStatus()
}

func (f *failureReportForm) selectedType() data.FailureType {
	for _, fi := range data.FailureTypes {
		if failureTypeOption(fi) == f.typ.Selected {
			return fi.Type
		}
	}
	return ""
}

// refreshChecks shows the checks of the type chosen.
func (f *failureReportForm) refreshChecks() {
	t := f.selectedType()
	if t == "" {
		f.checksTitle.Hide()
		f.checksNone.Show()
	} else {
		f.checksTitle.SetText(i18n.T("failure.checks.of", map[string]any{"Type": t.Label()}))
		f.checksTitle.Show()
		f.checksNone.Hide()
	}
	for _, row := range f.checkRows {
		if row.typ == t {
			row.box.Show()
		} else {
			row.box.Hide()
		}
	}
}

// refreshCheckMeta says when each check result was recorded, and by whom.
func (f *failureReportForm) refreshCheckMeta() {
	f.mu.Lock()
	checks := f.checks
	f.mu.Unlock()
	for _, row := range f.checkRows {
		cr, ok := checks[row.id]
		switch {
		case !ok || cr.At.IsZero():
			row.meta.SetText("")
		case strings.TrimSpace(cr.By) == "":
			row.meta.SetText(i18n.T("failure.check.recorded_at", map[string]any{"At": i18n.WesternDateTime(cr.At)}))
		default:
			row.meta.SetText(i18n.T("failure.check.recorded", map[string]any{"At": i18n.WesternDateTime(cr.At), "By": cr.By}))
		}
	}
}

// refreshContractor shows the request to the contractor only when the cause
// cannot be identified (第4条第5号); what was typed stays either way.
func (f *failureReportForm) refreshContractor() {
	if f.causeUnknown.Checked {
		f.contractorBox.Show()
	} else {
		f.contractorBox.Hide()
	}
	r := f.report()
	if strings.TrimSpace(r.ContractorRequest) != "" && !r.ContractorRequestedAt.IsZero() {
		f.requestStatus.set(i18n.T("failure.request.status.recorded", map[string]any{"At": dateTimeWithWareki(r.ContractorRequestedAt)}), true)
	} else {
		f.requestStatus.set(i18n.T("failure.request.status.none"), false)
	}
}

func (f *failureReportForm) refreshImpact() {
	switch failureChoice(f.impact.Selected, failureImpacts, failureImpactLabel) {
	case data.ImpactPossible, data.ImpactYes:
		f.impactHint.SetText(i18n.T("failure.impact.hint_report"))
		f.impactHint.Show()
	case data.ImpactNone:
		f.impactHint.SetText(i18n.T("failure.impact.hint_none"))
		f.impactHint.Show()
	default:
		f.impactHint.Hide()
	}
}

// onEstimateChanged picks the decision 第4条第6号 ties to the estimate, when
// none is chosen yet: a temporary stop is ordered at once, a long one goes to
// the security meeting.
func (f *failureReportForm) onEstimateChanged() {
	if !f.loading && f.decisionRadio.Selected == "" {
		switch failureChoice(f.estimate.Selected, failureEstimates, failureEstimateLabel) {
		case data.StopTemporary:
			f.decisionRadio.SetSelected(failureDecisionLabel(data.DecisionStop))
		case data.StopLong:
			f.decisionRadio.SetSelected(failureDecisionLabel(data.DecisionMeeting))
		}
	}
	f.refreshDecision()
}

// refreshDecision shows whether the decision is recorded, whether it fits the
// estimate, and what follows from it: the stop, or the meeting.
func (f *failureReportForm) refreshDecision() {
	est := failureChoice(f.estimate.Selected, failureEstimates, failureEstimateLabel)
	dec := failureChoice(f.decisionRadio.Selected, failureDecisions, failureDecisionLabel)
	if est == data.StopTemporary && dec == data.DecisionMeeting || est == data.StopLong && dec == data.DecisionStop {
		f.mismatch.Show()
	} else {
		f.mismatch.Hide()
	}

	r := f.report()
	if r.StopDecision != "" && !r.DecidedAt.IsZero() {
		by := r.DecidedBy
		if strings.TrimSpace(by) == "" {
			by = i18n.T("failure.unset")
		}
		f.decisionStatus.set(i18n.T("failure.decision.status.recorded", map[string]any{
			"Decision": failureDecisionLabel(r.StopDecision), "At": dateTimeWithWareki(r.DecidedAt), "By": by}), true)
	} else {
		f.decisionStatus.set(i18n.T("failure.decision.status.none"), false)
	}

	f.mu.Lock()
	ms := f.stopMS
	f.mu.Unlock()
	switch {
	case ms.Done && ms.Authority == data.AuthorityMeeting:
		f.stopStatus.set(i18n.T("failure.stop_ms.done_meeting", map[string]any{"At": dateTimeWithWareki(ms.At)}), true)
		f.stopStatus.button.Hide()
	case ms.Done:
		f.stopStatus.set(i18n.T("failure.stop_ms.done", map[string]any{"At": dateTimeWithWareki(ms.At), "Authority": data.RoleChief.Label()}), true)
		f.stopStatus.button.Hide()
	default:
		f.stopStatus.set(i18n.T("failure.stop_ms.none"), false)
		f.stopStatus.button.Show()
	}
	if dec == data.DecisionStop || ms.Done {
		f.stopBox.Show()
	} else {
		f.stopBox.Hide()
	}
	if dec == data.DecisionMeeting {
		f.meetingBox.Show()
	} else {
		f.meetingBox.Hide()
	}
}

func (f *failureReportForm) refreshReportStatus() {
	r := f.report()
	n := reportNoOr(f.reportNo.Text, r.ReportNo)
	f.reportStatus.button.SetText(i18n.T("versions.mark", map[string]any{"N": n}))
	f.reportStatus.set(f.versions.versionStatus(n))
}

// notifyDecision tells OnDecision about a decision the case file now holds.
func (f *failureReportForm) notifyDecision() {
	dec := f.report().StopDecision
	if dec == f.decision {
		return
	}
	f.decision = dec
	if f.OnDecision != nil {
		f.OnDecision(dec)
	}
}

func (f *failureReportForm) values() failureValues {
	v := failureValues{
		typ: f.selectedType(), event: f.event.Text, place: f.place.Text,
		cause: f.cause.Text, causeUnknown: f.causeUnknown.Checked,
		request: f.request.Text, requestedAt: f.requestedAt.entry.Text,
		impact:     failureChoice(f.impact.Selected, failureImpacts, failureImpactLabel),
		impactText: f.impactText.Text, chiefAt: f.chiefAt.entry.Text,
		estimate:  failureChoice(f.estimate.Selected, failureEstimates, failureEstimateLabel),
		decision:  failureChoice(f.decisionRadio.Selected, failureDecisions, failureDecisionLabel),
		decidedBy: f.decidedBy.Text, decidedAt: f.decidedAt.entry.Text,
		reporter: f.reporter.Text, reportedTo: f.reportedTo.Text,
		reportedAt: f.reportedAt.entry.Text, reportNo: f.reportNo.Text,
		checks: make(map[string]failureCheckValue, len(f.checkRows)),
		by:     strings.TrimSpace(f.env.officer().Name),
		loc:    f.loc(),
	}
	for _, row := range f.checkRows {
		v.checks[row.id] = failureCheckValue{
			result: failureChoice(row.result.Selected, failureResults, failureResultLabel),
			note:   row.note.Text,
		}
	}
	return v
}

// copyValues takes the widgets' values for the next write.
func (f *failureReportForm) copyValues() {
	v := f.values()
	f.mu.Lock()
	f.vals = v
	f.mu.Unlock()
}

// onChanged copies the fields and schedules a save.
func (f *failureReportForm) onChanged() {
	if f.loading || !f.loaded {
		return
	}
	f.copyValues()
	f.saver.Changed()
}

// onStepReportNo moves to the next (or back to the previous) report. A new
// report has not been made yet, so its time is cleared.
func (f *failureReportForm) onStepReportNo(delta int) {
	n := max(reportNoOr(f.reportNo.Text, f.report().ReportNo)+delta, 1)
	f.reportNo.SetText(strconv.Itoa(n))
	if delta > 0 {
		f.reportedAt.entry.SetText("")
	}
}

// stamp fills an empty date with now and says whether the date reads.
func (f *failureReportForm) stamp(d *failureDate, field, label string) bool {
	if strings.TrimSpace(d.entry.Text) == "" {
		d.entry.SetText(i18n.WesternDateTime(data.Now().In(f.loc())))
	}
	if _, err := i18n.ParseDateTime(d.entry.Text, f.loc()); err != nil {
		setFieldMsg(f.errs[field], failureDateMessage(label, err))
		return false
	}
	return true
}

// recordOnce writes the fields with text on the timeline; when the same key
// was recorded in this session, it asks first. done runs after a write.
func (f *failureReportForm) recordOnce(key, again, text string, done func()) {
	record := func() {
		// The edits first, through the autosaver (so its indicator says
		// 保存済み), then the event with the values as they are now.
		if err := f.Flush(); err != nil {
			ShowError(err, f.env.Window)
			return
		}
		f.copyValues()
		if err := f.write(text); err != nil {
			ShowError(err, f.env.Window)
			return
		}
		f.recorded[key] = true
		if done != nil {
			done()
		}
	}
	if !f.recorded[key] {
		record()
		return
	}
	confirm(f.env.Window, i18n.T("failure.again.title"), again, i18n.T("failure.again.confirm"), i18n.T("common.cancel"), record)
}

// onRecordRequest records that the contractor was asked for help (第4条第5号).
func (f *failureReportForm) onRecordRequest() {
	req := strings.TrimSpace(f.request.Text)
	if req == "" {
		setFieldMsg(f.errs[frFieldRequest], i18n.T("failure.request.required"))
		f.env.Window.Canvas().Focus(f.request)
		return
	}
	setFieldMsg(f.errs[frFieldRequest], "")
	if !f.stamp(f.requestedAt, frFieldRequestedAt, i18n.T("failure.request.at")) {
		return
	}
	text := i18n.JA("failure.timeline.request", map[string]any{"Request": req})
	f.recordOnce("request:"+req, i18n.T("failure.again.text"), text, nil)
}

// onRecordDecision records the chief's decision (第4条第6号); an order to
// stop then offers to record the stop itself.
func (f *failureReportForm) onRecordDecision() {
	dec := failureChoice(f.decisionRadio.Selected, failureDecisions, failureDecisionLabel)
	if dec == "" {
		setFieldMsg(f.errs[frFieldDecision], i18n.T("failure.decision.required"))
		return
	}
	setFieldMsg(f.errs[frFieldDecision], "")
	if !f.stamp(f.decidedAt, frFieldDecidedAt, i18n.T("failure.decided_at")) {
		return
	}
	unset := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return i18n.JA("failure.unset")
		}
		return strings.TrimSpace(s)
	}
	text := i18n.JA("failure.timeline.decision", map[string]any{
		"Decision": failureDecisionIn(i18n.JA, dec),
		"Estimate": unset(failureEstimateIn(i18n.JA, failureChoice(f.estimate.Selected, failureEstimates, failureEstimateLabel))),
		"By":       unset(f.decidedBy.Text),
	})
	f.recordOnce("decision:"+text, i18n.T("failure.again.text"), text, func() {
		f.mu.Lock()
		stopped := f.stopMS.Done
		f.mu.Unlock()
		if dec == data.DecisionStop && !stopped {
			f.offerStop()
		}
	})
}

// offerStop asks whether the system was stopped on the chief's order, and
// records the stop: resumption (第4条第8号) depends on it.
func (f *failureReportForm) offerStop() {
	confirm(f.env.Window, i18n.T("failure.stop_ms.confirm_title"), i18n.T("failure.stop_ms.confirm_text"),
		i18n.T("failure.stop_ms.confirm"), i18n.T("failure.stop_ms.later"), f.recordStop)
}

func (f *failureReportForm) recordStop() {
	m := data.Milestone{
		CaseID: f.caseID, Kind: data.MilestoneStop, Done: true, Authority: data.AuthorityChief,
		At: data.Now(), By: strings.TrimSpace(f.env.officer().Name),
	}
	if err := f.env.Store.SetMilestone(m, i18n.JA("failure.timeline.stop")); err != nil {
		ShowError(err, f.env.Window)
		return
	}
	ms, err := f.env.Store.Milestones(f.caseID)
	if err != nil {
		ShowError(err, f.env.Window)
		return
	}
	f.mu.Lock()
	f.stopMS = ms[data.MilestoneStop]
	f.mu.Unlock()
	f.refreshDecision()
	f.env.saved()
}

// onMarkReported records the 第n報 as reported: its time (now, unless one
// was typed), then, in the dialog, its 文書番号 and whether it is the 最終報;
// the report's content is frozen with it (reports.RecordVersion).
func (f *failureReportForm) onMarkReported() {
	n, err := parseReportNo(f.reportNo.Text)
	if err != nil {
		setFieldMsg(f.errs[frFieldReportNo], i18n.ErrorMessage(err))
		return
	}
	if msg := f.versions.refusal(n); msg != "" {
		setFieldMsg(f.errs[frFieldReportNo], msg)
		return
	}
	to := strings.TrimSpace(f.reportedTo.Text)
	if to == "" {
		setFieldMsg(f.errs[frFieldReportedTo], i18n.T("failure.reported_to.required"))
		f.env.Window.Canvas().Focus(f.reportedTo)
		return
	}
	setFieldMsg(f.errs[frFieldReportedTo], "")
	if !f.stamp(f.reportedAt, frFieldReportedAt, i18n.T("failure.reported_at")) {
		return
	}
	at, _ := i18n.ParseDateTime(f.reportedAt.entry.Text, f.loc())
	f.versions.ask(n, at, to, func(number string, final bool) (data.ReportVersion, error) {
		return recordVersion(f.env, f.caseID, number, final, func() error {
			// The edits first, through the autosaver (so its indicator says
			// 保存済み), then the fields as they are now.
			if err := f.Flush(); err != nil {
				return err
			}
			f.copyValues()
			return f.write("")
		}, func() {
			if err := f.versions.Reload(); err != nil {
				ShowError(err, f.env.Window)
			}
			f.refreshReportStatus()
		})
	})
}

// failureDateMessage says what is wrong with a typed date.
func failureDateMessage(label string, err error) string {
	if e := data.AsError(err); e != nil && e.Code == data.EINVALID {
		return i18n.T("failure.date.invalid", map[string]any{"Field": label})
	}
	return i18n.ErrorMessage(err)
}

// save writes every field that can be saved; the autosaver calls it, off the
// UI goroutine.
func (f *failureReportForm) save() error { return f.write("") }

// write stores the report and the check results as last typed, each field
// that holds something valid. timelineText, when not empty, goes on the
// timeline with the report. Messages about single fields show next to them;
// the error returned is about the case file itself. Widgets are touched only
// through fyne.Do, so write may run on any goroutine.
func (f *failureReportForm) write(timelineText string) error {
	if !f.loaded {
		return nil
	}
	// One write at a time, each with the values current when it starts, so
	// that a slower write never puts older values over newer ones.
	f.saveMu.Lock()
	defer f.saveMu.Unlock()
	f.mu.Lock()
	v := f.vals
	f.mu.Unlock()
	if v.checks == nil {
		return nil // nothing copied yet
	}
	msgs := map[string]string{}
	errReport := f.saveReport(v, msgs, timelineText)
	errChecks := f.saveChecks(v, msgs)
	err := errors.Join(errReport, errChecks)
	fyne.Do(func() {
		f.errs.show(msgs)
		f.refreshCheckMeta()
		f.refreshContractor()
		f.refreshDecision()
		f.refreshReportStatus()
		f.notifyDecision()
		if err == nil {
			f.env.saved()
		}
	})
	return err
}

// saveReport writes the report, field by field: a field the rules refuse keeps
// what the file holds, with a message. Identifying (or changing) the failure
// type goes on the timeline.
func (f *failureReportForm) saveReport(v failureValues, msgs map[string]string, timelineText string) error {
	cur, err := f.env.Store.FailureReport(f.caseID)
	if err != nil {
		return err
	}
	next := cur
	next.Type = v.typ
	next.Event = v.event
	next.Place = v.place
	next.Cause = v.cause
	next.CauseUnknown = v.causeUnknown
	next.ContractorRequest = v.request
	next.DataImpact = v.impact
	next.DataImpactText = v.impactText
	next.StopEstimate = v.estimate
	next.StopDecision = v.decision
	next.DecidedBy = v.decidedBy
	next.Reporter = v.reporter
	next.ReportedTo = v.reportedTo
	for _, d := range []struct {
		field, label, text string
		dst                *time.Time
	}{
		{frFieldRequestedAt, i18n.T("failure.request.at"), v.requestedAt, &next.ContractorRequestedAt},
		{frFieldChiefAt, i18n.T("failure.impact.chief_at_long"), v.chiefAt, &next.ChiefReportedAt},
		{frFieldDecidedAt, i18n.T("failure.decided_at"), v.decidedAt, &next.DecidedAt},
		{frFieldReportedAt, i18n.T("failure.reported_at"), v.reportedAt, &next.ReportedAt},
	} {
		if strings.TrimSpace(d.text) == "" {
			*d.dst = time.Time{}
		} else if at, err := i18n.ParseDateTime(d.text, v.loc); err != nil {
			msgs[d.field] = failureDateMessage(d.label, err)
		} else {
			*d.dst = at
		}
	}
	if n, err := parseReportNo(v.reportNo); err != nil {
		msgs[frFieldReportNo] = i18n.ErrorMessage(err)
	} else {
		next.ReportNo = n
	}

	revert := map[string]func(){
		frFieldType:       func() { next.Type = cur.Type },
		frFieldEvent:      func() { next.Event = cur.Event },
		frFieldPlace:      func() { next.Place = cur.Place },
		frFieldCause:      func() { next.Cause = cur.Cause },
		frFieldRequest:    func() { next.ContractorRequest = cur.ContractorRequest },
		frFieldImpact:     func() { next.DataImpact = cur.DataImpact },
		frFieldImpactText: func() { next.DataImpactText = cur.DataImpactText },
		frFieldEstimate:   func() { next.StopEstimate = cur.StopEstimate },
		frFieldDecision:   func() { next.StopDecision = cur.StopDecision },
		frFieldDecidedBy:  func() { next.DecidedBy = cur.DecidedBy },
		frFieldReporter:   func() { next.Reporter = cur.Reporter },
		frFieldReportedTo: func() { next.ReportedTo = cur.ReportedTo },
		frFieldReportNo:   func() { next.ReportNo = cur.ReportNo },
	}
	revertRefused(next.Validate, revert, msgs)

	var texts []string
	switch {
	case next.Type == cur.Type || next.Type == "":
	case cur.Type == "":
		texts = append(texts, i18n.JA("failure.timeline.type", map[string]any{"Type": next.Type.Label()}))
	default:
		texts = append(texts, i18n.JA("failure.timeline.type_changed", map[string]any{"From": cur.Type.Label(), "To": next.Type.Label()}))
	}
	if timelineText != "" {
		texts = append(texts, timelineText)
	}
	if failureReportsEqual(cur, next) && len(texts) == 0 {
		f.setReport(cur)
		return nil
	}
	if len(texts) == 0 {
		texts = []string{""}
	}
	// Each event is its own line on the timeline; the report is the same.
	for _, text := range texts {
		if err := f.env.Store.SaveFailureReport(&next, text); err != nil {
			if fieldRefused(err, revert, msgs) {
				return nil
			}
			return err
		}
	}
	f.setReport(next)
	return nil
}

func (f *failureReportForm) setReport(r data.FailureReport) {
	f.mu.Lock()
	f.r = r
	f.mu.Unlock()
}

func failureReportsEqual(a, b data.FailureReport) bool {
	times := func(r *data.FailureReport) [4]time.Time {
		t := [4]time.Time{r.ContractorRequestedAt, r.ChiefReportedAt, r.DecidedAt, r.ReportedAt}
		r.ContractorRequestedAt, r.ChiefReportedAt, r.DecidedAt, r.ReportedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		return t
	}
	ta, tb := times(&a), times(&b)
	for i := range ta {
		if !ta[i].Equal(tb[i]) {
			return false
		}
	}
	return a == b
}

// saveChecks writes the check results that changed. A check never recorded
// counts as 未実施; a new result goes on the timeline with its note.
func (f *failureReportForm) saveChecks(v failureValues, msgs map[string]string) error {
	cur, err := f.env.Store.CheckResults(f.caseID)
	if err != nil {
		return err
	}
	var errs []error
	for _, fi := range data.FailureTypes {
		for n := range fi.Checks {
			id := data.CheckID(fi.Type, n+1)
			cv, ok := v.checks[id]
			if !ok || cv.result == "" {
				continue
			}
			old, had := cur[id]
			oldResult := old.Result
			if oldResult == "" {
				oldResult = data.CheckNotDone
			}
			if had && cv.result == old.Result && cv.note == old.Note || !had && cv.result == data.CheckNotDone && cv.note == "" {
				continue
			}
			c := data.CheckResult{CaseID: f.caseID, CheckID: id, Result: cv.result, Note: cv.note, At: old.At, By: old.By}
			text := ""
			if cv.result != oldResult || !had {
				c.At, c.By = data.Now(), v.by
			}
			if cv.result != oldResult {
				text = failureCheckTimeline(id, cv.result, cv.note)
			}
			if err := f.env.Store.SetCheckResult(c, text); err != nil {
				if e := data.AsError(err); e != nil && e.Code == data.EINVALID {
					msgs[frFieldCheckPrefix+id] = i18n.ErrorMessage(err)
					continue
				}
				errs = append(errs, err)
				continue
			}
			if c.At.IsZero() {
				c.At = data.Now() // as the store fills it in
			}
			cur[id] = c
		}
	}
	f.mu.Lock()
	f.checks = cur
	f.mu.Unlock()
	return errors.Join(errs...)
}

// failureCheckTimeline is the timeline line of a check's result:
// 警告ランプの確認: 異常あり（UPSの警告ランプ点灯）.
func failureCheckTimeline(id, result, note string) string {
	args := map[string]any{"Check": data.CheckText(id), "Result": failureResultIn(i18n.JA, result)}
	if note = strings.TrimSpace(note); note != "" {
		args["Note"] = note
		return i18n.JA("failure.timeline.check_note", args)
	}
	return i18n.JA("failure.timeline.check", args)
}
