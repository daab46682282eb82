package forms

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// reportItemsForm is the 報告事項 tab of a misconduct case: the four items the
// staff member grasps and reports (第5条第1号ア〜エ), then who reported to whom,
// when, and which report it was (第○報). Every field is saved on its own a
// moment after the officer stops typing; a field whose content cannot be saved
// (a date that does not exist, an occurrence after the discovery) says so next
// to it and keeps its text, while the other fields go on saving.
type reportItemsForm struct {
	env    *Env
	caseID int64

	// mu guards what the autosaver's goroutine shares with the UI: the
	// values copied from the widgets at the last edit, and the case and
	// report as last read or written.
	mu      sync.Mutex
	vals    reportValues
	c       data.Case
	r       data.MisconductReport
	saveMu  sync.Mutex // one write at a time
	loaded  bool
	loading bool // widgets are being filled from the case file

	formSaver // saver, indicator; Flush

	// ① 第5条第1号ア
	discovered       *entry
	discoveredWareki *widget.Label
	discoveryNote    *entry
	occurredState    *widget.RadioGroup
	occurred         *entry
	occurredWareki   *widget.Label
	occurredFlag     *widget.Icon
	occurredNote     *entry
	// ② イ
	device, location *entry
	// ③ ウ
	details, damage *entry
	// ④ エ
	measures     *widget.RadioGroup
	measuresText *entry
	// 報告
	reporter, reportedTo *entry
	reportedAt           *entry
	reportedAtWareki     *widget.Label
	reportNo             *entry
	reportNoDown         *widget.Button
	reportNoUp           *widget.Button
	reportStatus         *jpText
	reportStatusIcon     *widget.Icon
	markReported         *widget.Button
	versions             *versionsPanel // the 第n報 recorded, each printable as it was

	errs     fieldMsgs    // by data field name, the message under each field
	labelCol *labelColumn // one width for the labels of every section

	content fyne.CanvasObject
}

// The data fields of the screen, as data.Invalid names them.
const (
	fieldDiscoveredAt   = "discovered_at"
	fieldOccurredAt     = "occurred_at"
	fieldOccurredState  = "occurred_state"
	fieldOccurredNote   = "occurred_note"
	fieldDiscoveryNote  = "discovery_note"
	fieldDevice         = "device"
	fieldLocation       = "location"
	fieldDetails        = "details"
	fieldExpectedDamage = "expected_damage"
	fieldMeasures       = "measures"
	fieldMeasuresText   = "measures_text"
	fieldReporter       = "reporter"
	fieldReportedTo     = "reported_to"
	fieldReportedAt     = "reported_at"
	fieldReportNo       = "report_no"
)

// reportSaveDelay is how long after the last keystroke a field is saved.
const reportSaveDelay = 700 * time.Millisecond

// newReportItemsForm builds the report items screen of a case; call Reload to
// fill it.
func newReportItemsForm(env *Env, caseID int64) *reportItemsForm {
	f := &reportItemsForm{env: env, caseID: caseID, labelCol: &labelColumn{}}
	f.versions = newVersionsPanel(env, caseID)
	f.formSaver = newFormSaver(reportSaveDelay, f.save)
	f.buildUI()
	return f
}

// Content is the screen, to place in the case's tab.
func (f *reportItemsForm) Content() fyne.CanvasObject { return f.content }

// Reload saves what is pending, then reads the case and its report items again.
func (f *reportItemsForm) Reload() error {
	if f.loaded {
		if err := f.Flush(); err != nil {
			return err
		}
	}
	c, err := f.env.Store.Case(f.caseID)
	if err != nil {
		return err
	}
	r, err := f.env.Store.MisconductReport(f.caseID)
	if err != nil {
		return err
	}
	if err := f.versions.Reload(); err != nil {
		return err
	}
	f.mu.Lock()
	f.c, f.r = c, r
	f.mu.Unlock()
	f.loaded = true
	f.fill()
	return nil
}

// loc is the zone the case's times are typed in: the discovery's.
func (f *reportItemsForm) loc() *time.Location {
	return f.env.zone()
}

// Labels of the choices, in the order the radio groups show them.
func timeStateLabels() []string {
	return []string{i18n.T("report.occurred.state_known"), i18n.T("report.occurred.state_unknown"), i18n.T("report.occurred.state_unconfirmed")}
}

var timeStates = []data.TimeState{data.TimeKnown, data.TimeUnknown, data.TimeUnconfirmed}

func measuresLabels() []string {
	return []string{i18n.T("report.measures.yes"), i18n.T("report.measures.no"), i18n.T("report.measures.unset")}
}

var measuresValues = []data.YesNo{data.Yes, data.No, ""}

func (f *reportItemsForm) buildUI() {
	f.errs = newFieldMsgs(fieldDiscoveredAt, fieldOccurredAt, fieldOccurredState, fieldOccurredNote, fieldDiscoveryNote,
		fieldDevice, fieldLocation, fieldDetails, fieldExpectedDamage, fieldMeasures, fieldMeasuresText,
		fieldReporter, fieldReportedTo, fieldReportedAt, fieldReportNo)

	line := func(placeholder string) *entry { return newLineEntry(placeholder, f.onChanged) }
	multi := func(placeholder string, rows int) *entry { return newTextEntry(placeholder, rows, f.onChanged) }
	wareki := func() *widget.Label { return widget.NewLabel("") }

	// ① 発見した時期・あったと認められる時期
	f.discovered = line(i18n.T("report.date_placeholder"))
	f.discovered.OnChanged = func(string) { f.onDateTyped(f.discovered, f.discoveredWareki); f.onChanged() }
	f.discoveredWareki = wareki()
	f.discoveryNote = multi(i18n.T("report.discovery.note_placeholder"), 2)
	f.occurredState = widget.NewRadioGroup(timeStateLabels(), func(string) { f.onOccurredStateChanged() })
	f.occurredState.Horizontal = true
	f.occurred = line(i18n.T("report.date_placeholder"))
	f.occurred.OnChanged = func(string) { f.onOccurredTyped() }
	f.occurredWareki = wareki()
	f.occurredFlag = widget.NewIcon(theme.WarningIcon())
	f.occurredFlag.Hide()
	f.occurredNote = multi(i18n.T("report.occurred.note_placeholder"), 2)

	// ② ③
	f.device = line(i18n.T("report.device.placeholder"))
	f.location = line(i18n.T("report.location.placeholder"))
	f.details = multi(i18n.T("report.details.placeholder"), 5)
	f.damage = multi(i18n.T("report.damage.placeholder"), 4)

	// ④
	f.measures = widget.NewRadioGroup(measuresLabels(), func(string) { f.onMeasuresChanged() })
	f.measures.Horizontal = true
	f.measuresText = multi(i18n.T("report.measures.placeholder"), 4)

	// 報告
	f.reporter = line(i18n.T("report.reporter.placeholder"))
	f.reportedTo = line(i18n.T("report.reported_to.placeholder"))
	f.reportedAt = line(i18n.T("report.date_placeholder"))
	f.reportedAt.OnChanged = func(string) { f.onDateTyped(f.reportedAt, f.reportedAtWareki); f.onChanged() }
	f.reportedAtWareki = wareki()
	f.reportNo = newEntry()
	f.reportNo.OnChanged = func(string) { f.onReportNoTyped() }
	f.reportNoDown = widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { f.onStepReportNo(-1) })
	f.reportNoUp = widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { f.onStepReportNo(+1) })
	f.reportStatus = newJPText("")
	f.reportStatusIcon = widget.NewIcon(theme.InfoIcon())
	f.markReported = widget.NewButtonWithIcon("", theme.MailSendIcon(), f.onMarkReported)
	f.markReported.Importance = widget.HighImportance

	items := data.MisconductReportItems
	discoveredTitle, occurredTitle, _ := strings.Cut(items[0].Text, "及び")

	now := widget.NewButtonWithIcon(i18n.T("report.now"), theme.HistoryIcon(), func() { f.reportedAt.SetText(i18n.WesternDateTime(data.Now().In(f.loc()))) })

	sections := container.NewVBox(
		f.section(items[0],
			f.subheading(discoveredTitle),
			f.labelCol.form(
				i18n.T("field.discovered_at"), f.errs.under(fieldDiscoveredAt, f.dateRow(f.discovered, f.discoveredWareki, nil, nil)),
				i18n.T("report.discovery.note"), f.errs.under(fieldDiscoveryNote, f.discoveryNote),
			),
			f.subheading(occurredTitle),
			f.labelCol.form(
				i18n.T("report.occurred.state"), f.errs.under(fieldOccurredState, f.occurredState),
				i18n.T("field.occurred_at"), f.errs.under(fieldOccurredAt, f.dateRow(f.occurred, f.occurredWareki, f.occurredFlag, nil)),
				i18n.T("report.occurred.note"), f.errs.under(fieldOccurredNote, f.occurredNote),
			),
		),
		f.section(items[1], f.labelCol.form(
			i18n.T("field.device"), f.errs.under(fieldDevice, f.device),
			i18n.T("field.location"), f.errs.under(fieldLocation, f.location),
		)),
		f.section(items[2], f.labelCol.form(
			i18n.T("field.details"), f.errs.under(fieldDetails, f.details),
			i18n.T("field.expected_damage"), f.errs.under(fieldExpectedDamage, f.damage),
		)),
		f.section(items[3], f.labelCol.form(
			i18n.T("report.measures.label"), f.errs.under(fieldMeasures, f.measures),
			i18n.T("report.measures.text"), f.errs.under(fieldMeasuresText, f.measuresText),
		)),
		f.reportSection(now),
	)

	head := screenHead(i18n.T("report.title"), i18n.T("report.article"), func() {
		showArticleText(f.env.Window, 5, i18n.T("report.article_title"), stepWording("5-1"))
	}, f.indicator)
	step, _ := data.StepByID("5-1")
	intro := captionText(i18n.T("report.intro", map[string]any{"Article": step.Article, "Text": step.Action}))

	f.content = container.NewBorder(container.NewVBox(head, intro, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(sections))
}

// section is one item of 第5条第1号 with its own words as heading.
func (f *reportItemsForm) section(item data.ReportItem, body ...fyne.CanvasObject) fyne.CanvasObject {
	head := articleBand(item.Article, boldText(item.Text), nil)
	return container.NewVBox(append([]fyne.CanvasObject{head}, body...)...)
}

func (f *reportItemsForm) subheading(text string) fyne.CanvasObject {
	return boldLabel(i18n.T("report.subheading", map[string]any{"Text": text}))
}

// dateRow is a date entry of a fixed width with the 和暦 beside it.
func (f *reportItemsForm) dateRow(e *entry, wareki *widget.Label, flag *widget.Icon, extra fyne.CanvasObject) fyne.CanvasObject {
	sized := sizedEntry(e, 230)
	right := container.NewHBox(wareki)
	if flag != nil {
		right.Add(flag)
	}
	if extra != nil {
		right.Add(extra)
	}
	return container.NewHBox(sized, right)
}

func (f *reportItemsForm) reportSection(now *widget.Button) fyne.CanvasObject {
	head := articleBand(i18n.T("report.report.article"), boldLabel(i18n.T("report.report.title")), nil)
	noBox := reportNoRow(i18n.T("report.report_no.prefix"), i18n.T("report.report_no.suffix"), f.reportNo, f.reportNoDown, f.reportNoUp)
	form := f.labelCol.form(
		i18n.T("field.reporter"), f.errs.under(fieldReporter, f.reporter),
		i18n.T("field.reported_to"), f.errs.under(fieldReportedTo, f.reportedTo),
		i18n.T("report.reported_at"), f.errs.under(fieldReportedAt, f.dateRow(f.reportedAt, f.reportedAtWareki, nil, now)),
		i18n.T("report.report_no"), f.errs.under(fieldReportNo, noBox),
	)
	status := container.NewBorder(nil, nil, container.NewVBox(f.reportStatusIcon), container.NewVBox(f.markReported), f.reportStatus)
	return container.NewVBox(head, form, panel(colorNoteBg, status), f.versions.box)
}

// fill puts the case and the report into the widgets and clears the messages.
func (f *reportItemsForm) fill() {
	f.loading = true
	defer func() { f.loading = false }()
	f.mu.Lock()
	c, r := f.c, f.r
	f.mu.Unlock()
	f.discovered.SetText(i18n.WesternDateTime(c.DiscoveredAt))
	f.discoveryNote.SetText(r.DiscoveryNote)
	state := c.OccurredState
	if state == "" && !c.OccurredAt.IsZero() {
		state = data.TimeKnown
	}
	f.occurredState.SetSelected(timeStateLabel(state))
	f.occurred.SetText(i18n.WesternDateTime(c.OccurredAt))
	f.occurredNote.SetText(c.OccurredNote)
	f.device.SetText(r.Device)
	f.location.SetText(r.Location)
	f.details.SetText(r.Details)
	f.damage.SetText(r.ExpectedDamage)
	f.measures.SetSelected(measuresLabel(r.Measures))
	f.measuresText.SetText(r.MeasuresText)
	f.reporter.SetText(r.Reporter)
	f.reportedTo.SetText(r.ReportedTo)
	f.reportedAt.SetText(i18n.WesternDateTime(r.ReportedAt))
	no := r.ReportNo
	if no < 1 {
		no = 1
	}
	f.reportNo.SetText(strconv.Itoa(no))
	f.errs.show(nil)
	f.occurredFlag.Hide()
	f.discoveredWareki.SetText(i18n.Wareki(c.DiscoveredAt))
	f.occurredWareki.SetText(i18n.Wareki(c.OccurredAt))
	f.reportedAtWareki.SetText(i18n.Wareki(r.ReportedAt))
	f.refreshOccurredEntry()
	f.refreshReportStatus()
}

func timeStateLabel(s data.TimeState) string {
	for i, v := range timeStates {
		if v == s {
			return timeStateLabels()[i]
		}
	}
	return ""
}

func measuresLabel(v data.YesNo) string {
	for i, m := range measuresValues {
		if m == v {
			return measuresLabels()[i]
		}
	}
	return ""
}

func (f *reportItemsForm) selectedState() data.TimeState {
	for i, l := range timeStateLabels() {
		if l == f.occurredState.Selected {
			return timeStates[i]
		}
	}
	return ""
}

func (f *reportItemsForm) selectedMeasures() data.YesNo {
	for i, l := range measuresLabels() {
		if l == f.measures.Selected {
			return measuresValues[i]
		}
	}
	return ""
}

// reportValues is what the officer typed, copied from the widgets on the UI
// goroutine for the save, which runs on another.
type reportValues struct {
	discovered, discoveryNote                      string
	state                                          data.TimeState
	occurred, occurredNote                         string
	device, location, details, damage              string
	measures                                       data.YesNo
	measuresText, reporter, reportedTo, reportedAt string
	reportNo                                       string
}

func (f *reportItemsForm) values() reportValues {
	return reportValues{
		discovered: f.discovered.Text, discoveryNote: f.discoveryNote.Text,
		state: f.selectedState(), occurred: f.occurred.Text, occurredNote: f.occurredNote.Text,
		device: f.device.Text, location: f.location.Text, details: f.details.Text, damage: f.damage.Text,
		measures: f.selectedMeasures(), measuresText: f.measuresText.Text,
		reporter: f.reporter.Text, reportedTo: f.reportedTo.Text, reportedAt: f.reportedAt.Text,
		reportNo: f.reportNo.Text,
	}
}

// onChanged copies the fields and schedules a save.
func (f *reportItemsForm) onChanged() {
	if f.loading || !f.loaded {
		return
	}
	v := f.values()
	f.mu.Lock()
	f.vals = v
	f.mu.Unlock()
	f.saver.Changed()
}

// onDateTyped shows the 和暦 of a date as soon as it reads as one.
func (f *reportItemsForm) onDateTyped(e *entry, wareki *widget.Label) {
	if f.loading {
		return
	}
	wareki.SetText(warekiOf(e.Text, f.loc()))
}

// onOccurredTyped: typing a time means the time is known.
func (f *reportItemsForm) onOccurredTyped() {
	f.onDateTyped(f.occurred, f.occurredWareki)
	if !f.loading && f.occurredState.Selected == "" && strings.TrimSpace(f.occurred.Text) != "" {
		f.occurredState.SetSelected(timeStateLabel(data.TimeKnown))
	}
	f.onChanged()
}

func (f *reportItemsForm) onOccurredStateChanged() {
	f.refreshOccurredEntry()
	f.onChanged()
}

// refreshOccurredEntry greys the time out while it is 不明 or 未確認; its text
// stays, for when the officer changes their mind.
func (f *reportItemsForm) refreshOccurredEntry() {
	switch f.selectedState() {
	case data.TimeUnknown, data.TimeUnconfirmed:
		f.occurred.Disable()
	default:
		f.occurred.Enable()
	}
}

func (f *reportItemsForm) onMeasuresChanged() {
	f.onChanged()
}

func (f *reportItemsForm) onReportNoTyped() {
	f.refreshReportStatus()
	f.onChanged()
}

// onStepReportNo moves to the next (or back to the previous) report. A new
// report has not been made yet, so its time is cleared.
func (f *reportItemsForm) onStepReportNo(delta int) {
	f.mu.Lock()
	onFile := f.r.ReportNo
	f.mu.Unlock()
	n := max(reportNoOr(f.reportNo.Text, onFile)+delta, 1)
	f.reportNo.SetText(strconv.Itoa(n))
	if delta > 0 {
		f.reportedAt.SetText("")
	}
}

func (f *reportItemsForm) refreshReportStatus() {
	f.mu.Lock()
	r := f.r
	f.mu.Unlock()
	n := reportNoOr(f.reportNo.Text, r.ReportNo)
	f.markReported.SetText(i18n.T("versions.mark", map[string]any{"N": n}))
	text, done := f.versions.versionStatus(n)
	f.reportStatus.SetText(text)
	if done {
		f.reportStatusIcon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
	} else {
		f.reportStatusIcon.SetResource(theme.WarningIcon())
	}
}

// onMarkReported records the 第n報 as reported: its time (now, unless one
// was typed), then, in the dialog, its 文書番号 and whether it is the 最終報;
// the report's content is frozen with it (reports.RecordVersion).
func (f *reportItemsForm) onMarkReported() {
	n, err := parseReportNo(f.reportNo.Text)
	if err != nil {
		setFieldMsg(f.errs[fieldReportNo], i18n.ErrorMessage(err))
		return
	}
	if msg := f.versions.refusal(n); msg != "" {
		setFieldMsg(f.errs[fieldReportNo], msg)
		return
	}
	to := strings.TrimSpace(f.reportedTo.Text)
	if to == "" {
		setFieldMsg(f.errs[fieldReportedTo], i18n.T("report.reported_to.required"))
		f.env.Window.Canvas().Focus(f.reportedTo)
		return
	}
	if strings.TrimSpace(f.reportedAt.Text) == "" {
		f.reportedAt.SetText(i18n.WesternDateTime(data.Now().In(f.loc())))
	}
	at, err := i18n.ParseDateTime(f.reportedAt.Text, f.loc())
	if err != nil {
		setFieldMsg(f.errs[fieldReportedAt], reportedAtMessage(err))
		return
	}
	f.versions.ask(n, at, to, func(number string, final bool) (data.ReportVersion, error) {
		return recordVersion(f.env, f.caseID, number, final, func() error {
			// The fields as they are now, written at once; the autosave
			// they scheduled then finds nothing left to write.
			v := f.values()
			f.mu.Lock()
			f.vals = v
			f.mu.Unlock()
			return f.write("")
		}, func() {
			if err := f.versions.Reload(); err != nil {
				ShowError(err, f.env.Window)
			}
			f.refreshReportStatus()
		})
	})
}

// reportedAtMessage says what is wrong with a typed 報告日時.
func reportedAtMessage(err error) string {
	if e := data.AsError(err); e != nil && e.Code == data.EINVALID {
		return i18n.T("report.reported_at.invalid")
	}
	return i18n.ErrorMessage(err)
}

// withField names the field a parse error is about.
func withField(err error, field string) error {
	if e := data.AsError(err); e != nil {
		c := *e
		c.Field = field
		return &c
	}
	return err
}

// save writes every field that can be saved; the autosaver calls it, off the
// UI goroutine.
func (f *reportItemsForm) save() error { return f.write("") }

// write stores the case's times and the report items as last typed, each
// field that holds something valid. timelineText, when not empty, goes on the
// timeline with the report items. Messages about single fields show next to
// them; the error returned is about the case file itself. Widgets are touched
// only through fyne.Do, so write may run on any goroutine.
func (f *reportItemsForm) write(timelineText string) error {
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
	msgs := map[string]string{}
	errCase := f.saveCase(v, msgs)
	errReport := f.saveReport(v, msgs, timelineText)
	err := errors.Join(errCase, errReport)
	fyne.Do(func() {
		f.showMessages(msgs)
		f.refreshReportStatus()
		if err == nil {
			f.env.saved()
		}
	})
	return err
}

// showMessages puts each field's message under it and clears the others.
func (f *reportItemsForm) showMessages(msgs map[string]string) {
	f.errs.show(msgs)
	if msgs[fieldOccurredAt] != "" {
		f.occurredFlag.Show()
	} else {
		f.occurredFlag.Hide()
	}
}

// saveCase writes item ① as far as it is valid, starting from the case as it
// is in the file now, so changes made on other screens are kept.
func (f *reportItemsForm) saveCase(v reportValues, msgs map[string]string) error {
	cur, err := f.env.Store.Case(f.caseID)
	if err != nil {
		return err
	}
	next := cur
	loc := f.env.zone()
	fail := func(field string, err error) { msgs[field] = i18n.ErrorMessage(withField(err, field)) }

	if at, err := i18n.ParseDateTime(v.discovered, loc); err != nil {
		fail(fieldDiscoveredAt, err)
	} else {
		next.DiscoveredAt = at
	}
	next.OccurredNote = v.occurredNote
	state := v.state
	switch {
	case state == data.TimeUnknown || state == data.TimeUnconfirmed:
		next.OccurredState, next.OccurredAt = state, time.Time{}
	case state == data.TimeKnown && strings.TrimSpace(v.occurred) == "":
		// 日時 picked, nothing typed yet: nothing to save until it is.
	case state == data.TimeKnown || strings.TrimSpace(v.occurred) != "":
		if at, err := i18n.ParseDateTime(v.occurred, loc); err != nil {
			fail(fieldOccurredAt, err)
		} else {
			next.OccurredState, next.OccurredAt = data.TimeKnown, at
		}
	default:
		next.OccurredState, next.OccurredAt = "", time.Time{}
	}

	// The store refuses an occurrence after the discovery: keep the stored
	// occurrence, and if the new discovery time is what conflicts with it, the
	// stored discovery time too, and say so next to both.
	if !next.OccurredAt.IsZero() && next.OccurredAt.After(next.DiscoveredAt) {
		msgs[fieldOccurredAt] = i18n.ErrorMessage(data.Invalid(fieldOccurredAt, "afterdiscovery"))
		next.OccurredAt, next.OccurredState = cur.OccurredAt, cur.OccurredState
		if !next.OccurredAt.IsZero() && next.OccurredAt.After(next.DiscoveredAt) {
			next.DiscoveredAt = cur.DiscoveredAt
			msgs[fieldDiscoveredAt] = i18n.T("report.discovered.before_occurred")
		}
	}
	// Whatever else the rules refuse is left as it was, with its message.
	for range 4 {
		err := next.Validate()
		e := data.AsError(err)
		if err == nil || e == nil || e.Code != data.EINVALID {
			break
		}
		switch e.Field {
		case fieldDiscoveredAt:
			next.DiscoveredAt = cur.DiscoveredAt
		case fieldOccurredAt, fieldOccurredState:
			next.OccurredAt, next.OccurredState = cur.OccurredAt, cur.OccurredState
			e.Field = fieldOccurredAt
		case fieldOccurredNote:
			next.OccurredNote = cur.OccurredNote
		default:
			return err // not a field of this screen: the case itself is at fault
		}
		msgs[e.Field] = i18n.ErrorMessage(e)
	}

	if caseTimesEqual(cur, next) {
		f.setCase(cur)
		return nil
	}
	if err := f.env.Store.UpdateCase(&next); err != nil {
		if e := data.AsError(err); e != nil && e.Code == data.EINVALID && f.hasField(e.Field) {
			msgs[e.Field] = i18n.ErrorMessage(err)
			return nil
		}
		return err
	}
	f.setCase(next)
	return nil
}

func (f *reportItemsForm) setCase(c data.Case) {
	f.mu.Lock()
	f.c = c
	f.mu.Unlock()
}

func (f *reportItemsForm) setReport(r data.MisconductReport) {
	f.mu.Lock()
	f.r = r
	f.mu.Unlock()
}

func (f *reportItemsForm) hasField(name string) bool {
	_, ok := f.errs[name]
	return ok
}

func caseTimesEqual(a, b data.Case) bool {
	return a.DiscoveredAt.Equal(b.DiscoveredAt) && a.OccurredAt.Equal(b.OccurredAt) &&
		a.OccurredState == b.OccurredState && a.OccurredNote == b.OccurredNote
}

// saveReport writes items ②–④ and the reporting, field by field as in saveCase.
func (f *reportItemsForm) saveReport(v reportValues, msgs map[string]string, timelineText string) error {
	cur, err := f.env.Store.MisconductReport(f.caseID)
	if err != nil {
		return err
	}
	next := cur
	next.DiscoveryNote = v.discoveryNote
	next.Device = v.device
	next.Location = v.location
	next.Details = v.details
	next.ExpectedDamage = v.damage
	next.Measures = v.measures
	next.MeasuresText = v.measuresText
	next.Reporter = v.reporter
	next.ReportedTo = v.reportedTo
	if strings.TrimSpace(v.reportedAt) == "" {
		next.ReportedAt = time.Time{}
	} else if at, err := i18n.ParseDateTime(v.reportedAt, f.loc()); err != nil {
		msgs[fieldReportedAt] = reportedAtMessage(err)
	} else {
		next.ReportedAt = at
	}
	if n, err := parseReportNo(v.reportNo); err != nil {
		msgs[fieldReportNo] = i18n.ErrorMessage(err)
	} else {
		next.ReportNo = n
	}

	revert := map[string]func(){
		fieldDiscoveryNote:  func() { next.DiscoveryNote = cur.DiscoveryNote },
		fieldDevice:         func() { next.Device = cur.Device },
		fieldLocation:       func() { next.Location = cur.Location },
		fieldDetails:        func() { next.Details = cur.Details },
		fieldExpectedDamage: func() { next.ExpectedDamage = cur.ExpectedDamage },
		fieldMeasures:       func() { next.Measures = cur.Measures },
		fieldMeasuresText:   func() { next.MeasuresText = cur.MeasuresText },
		fieldReporter:       func() { next.Reporter = cur.Reporter },
		fieldReportedTo:     func() { next.ReportedTo = cur.ReportedTo },
		fieldReportNo:       func() { next.ReportNo = cur.ReportNo },
	}
	revertRefused(next.Validate, revert, msgs)

	if reportsEqual(cur, next) && timelineText == "" {
		f.setReport(cur)
		return nil
	}
	if err := f.env.Store.SaveMisconductReport(&next, timelineText); err != nil {
		if fieldRefused(err, revert, msgs) {
			return nil
		}
		return err
	}
	f.setReport(next)
	return nil
}

func reportsEqual(a, b data.MisconductReport) bool {
	ta, tb := a.ReportedAt, b.ReportedAt
	a.ReportedAt, b.ReportedAt = time.Time{}, time.Time{}
	return a == b && ta.Equal(tb)
}
