package forms

import (
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// responseForm is the 緊急措置 tab of a misconduct case: what 第5条第3号 and
// 第5条第4号イ・ウ ask to be done and the procedure can only tick: the 支障 on
// data protection reported to the セキュリティ統括責任者, the 事情聴取 of those
// concerned (who, by whom, when, what came of it), the 保有情報の廃棄等, and
// the request made via the prefecture to 指定情報処理機関 about a 行政機関等.
// Saved as typed; a time that does not read as one says so and keeps what
// the file holds.
type responseForm struct {
	env    *Env
	caseID int64

	mu      sync.Mutex // guards vals, shared with the autosaver's goroutine
	vals    responseValues
	saveMu  sync.Mutex
	loaded  bool
	loading bool

	formSaver

	impact                            *widget.RadioGroup
	impactText, chiefAt               *entry
	hearingWith, hearingBy, hearingAt *entry
	hearingResult                     *entry
	disposal                          *widget.RadioGroup
	disposalText, disposalAt          *entry
	agency, requestText, requestedAt  *entry
	agencyReport, agencyReportAt      *entry
	errs                              fieldMsgs
	labels                            *labelColumn
	body, other                       fyne.CanvasObject
	otherBox                          *fyne.Container
	otherText                         *jpText
	content                           fyne.CanvasObject
	prefectureBand                    *widget.Label
}

// responseValues are the fields as typed, copied for the save.
type responseValues struct {
	impact                                                   string
	impactText, chiefAt                                      string
	hearingWith, hearingBy, hearingAt, hearingResult         string
	disposal                                                 data.YesNo
	disposalText, disposalAt                                 string
	agency, requestText, requestedAt, agencyReport, agencyAt string
}

// The time fields of the screen, as their messages name them.
const (
	rfChiefAt     = "chief_reported_at"
	rfHearingAt   = "hearing_at"
	rfDisposalAt  = "disposal_at"
	rfRequestedAt = "requested_at"
	rfAgencyAt    = "agency_report_at"
)

func newResponseForm(env *Env, caseID int64) *responseForm {
	f := &responseForm{env: env, caseID: caseID, labels: &labelColumn{}}
	f.formSaver = newFormSaver(reportSaveDelay, f.save)
	f.buildUI()
	return f
}

// Content is the screen, to place in the case's tab.
func (f *responseForm) Content() fyne.CanvasObject { return f.content }

func impactLabels() []string {
	return []string{i18n.T("response.impact.none"), i18n.T("response.impact.possible"), i18n.T("response.impact.yes")}
}

var impactValues = []string{data.ImpactNone, data.ImpactPossible, data.ImpactYes}

func disposalLabels() []string {
	return []string{i18n.T("response.disposal.yes"), i18n.T("response.disposal.no")}
}

var disposalValues = []data.YesNo{data.Yes, data.No}

func (f *responseForm) buildUI() {
	f.errs = newFieldMsgs(rfChiefAt, rfHearingAt, rfDisposalAt, rfRequestedAt, rfAgencyAt, "impact_text", "hearing_result")
	line := func(key string) *entry { return newLineEntry(i18n.T(key), f.onChanged) }
	multi := func(key string) *entry { return newTextEntry(i18n.T(key), 3, f.onChanged) }
	date := func() *entry { return newLineEntry(i18n.T("report.date_placeholder"), f.onChanged) }

	f.impact = widget.NewRadioGroup(impactLabels(), func(string) { f.onChanged() })
	f.impact.Horizontal = true
	f.impactText = multi("response.impact.text_placeholder")
	f.chiefAt = date()
	f.hearingWith = line("response.hearing.with_placeholder")
	f.hearingBy = line("response.hearing.by_placeholder")
	f.hearingAt = date()
	f.hearingResult = multi("response.hearing.result_placeholder")
	f.disposal = widget.NewRadioGroup(disposalLabels(), func(string) { f.onChanged() })
	f.disposal.Horizontal = true
	f.disposalText = multi("response.disposal.text_placeholder")
	f.disposalAt = date()
	f.agency = line("response.request.agency_placeholder")
	f.requestText = multi("response.request.text_placeholder")
	f.requestedAt = date()
	f.agencyReport = multi("response.request.report_placeholder")
	f.agencyReportAt = date()

	dateRow := func(name string, e *entry) fyne.CanvasObject {
		now := widget.NewButton(i18n.T("report.now"), func() { e.SetText(i18n.WesternDateTime(data.Now().In(f.env.zone()))) })
		return f.errs.under(name, container.NewHBox(sizedEntry(e, 230), now))
	}
	band := func(article, heading string) fyne.CanvasObject {
		return articleBand(article, boldText(heading), nil)
	}
	f.prefectureBand = boldLabel("")
	sections := container.NewVBox(
		band(i18n.T("response.impact.article"), i18n.T("response.impact.heading")),
		captionText(stepWording("5-3")),
		f.labels.form(
			i18n.T("response.impact.label"), f.impact,
			i18n.T("response.impact.text"), f.errs.under("impact_text", f.impactText),
			i18n.T("response.impact.chief_at"), dateRow(rfChiefAt, f.chiefAt),
		),
		band(i18n.T("response.hearing.article"), i18n.T("response.hearing.heading")),
		f.labels.form(
			i18n.T("response.hearing.with"), f.hearingWith,
			i18n.T("response.hearing.by"), f.hearingBy,
			i18n.T("response.hearing.at"), dateRow(rfHearingAt, f.hearingAt),
			i18n.T("response.hearing.result"), f.errs.under("hearing_result", f.hearingResult),
		),
		band(i18n.T("response.disposal.article"), i18n.T("response.disposal.heading")),
		f.labels.form(
			i18n.T("response.disposal.label"), f.disposal,
			i18n.T("response.disposal.text"), f.disposalText,
			i18n.T("response.disposal.at"), dateRow(rfDisposalAt, f.disposalAt),
		),
		articleBand(i18n.T("response.request.article"), f.prefectureBand, nil),
		captionText(stepWording("5-4-c")),
		f.labels.form(
			i18n.T("response.request.agency"), f.agency,
			i18n.T("response.request.text"), f.requestText,
			i18n.T("response.request.at"), dateRow(rfRequestedAt, f.requestedAt),
			i18n.T("response.request.report"), f.agencyReport,
			i18n.T("response.request.report_at"), dateRow(rfAgencyAt, f.agencyReportAt),
		),
	)
	head := screenHead(i18n.T("response.title"), i18n.T("response.article_button"), func() {
		showArticleText(f.env.Window, 5, i18n.T("report.article_title"), stepWording("5-4"))
	}, f.indicator)
	f.otherBox, f.otherText = newClassNote()
	f.body = container.NewBorder(container.NewVBox(head, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(sections))
	f.content = container.NewStack(f.otherBox, f.body)
	f.otherBox.Hide()
}

// Reload saves what is pending, then reads the record again.
func (f *responseForm) Reload() error {
	if f.loaded {
		if err := f.Flush(); err != nil {
			return err
		}
	}
	c, err := f.env.Store.Case(f.caseID)
	if err != nil {
		return err
	}
	r, err := f.env.Store.MisconductResponse(f.caseID)
	if err != nil {
		return err
	}
	prefecture, err := f.env.Store.Setting(data.SettingPrefecture, data.DefaultPrefecture)
	if err != nil {
		return err
	}
	showForClass(c, data.ClassMisconduct, f.body, f.otherBox, f.otherText, "response.not_misconduct")
	f.prefectureBand.SetText(i18n.T("response.request.heading", map[string]any{"Prefecture": prefecture}))
	f.loaded = true
	f.fill(r)
	return nil
}

func (f *responseForm) fill(r data.MisconductResponse) {
	f.loading = true
	defer func() { f.loading = false }()
	f.impact.SetSelected("")
	for i, v := range impactValues {
		if v == r.Impact {
			f.impact.SetSelected(impactLabels()[i])
		}
	}
	f.disposal.SetSelected("")
	for i, v := range disposalValues {
		if v == r.Disposal {
			f.disposal.SetSelected(disposalLabels()[i])
		}
	}
	f.impactText.SetText(r.ImpactText)
	f.chiefAt.SetText(i18n.WesternDateTime(r.ChiefReportedAt))
	f.hearingWith.SetText(r.HearingWith)
	f.hearingBy.SetText(r.HearingBy)
	f.hearingAt.SetText(i18n.WesternDateTime(r.HearingAt))
	f.hearingResult.SetText(r.HearingResult)
	f.disposalText.SetText(r.DisposalText)
	f.disposalAt.SetText(i18n.WesternDateTime(r.DisposalAt))
	f.agency.SetText(r.Agency)
	f.requestText.SetText(r.RequestText)
	f.requestedAt.SetText(i18n.WesternDateTime(r.RequestedAt))
	f.agencyReport.SetText(r.AgencyReport)
	f.agencyReportAt.SetText(i18n.WesternDateTime(r.AgencyReportAt))
	f.errs.show(nil)
}

func (f *responseForm) values() responseValues {
	v := responseValues{
		impactText: f.impactText.Text, chiefAt: f.chiefAt.Text,
		hearingWith: f.hearingWith.Text, hearingBy: f.hearingBy.Text, hearingAt: f.hearingAt.Text, hearingResult: f.hearingResult.Text,
		disposalText: f.disposalText.Text, disposalAt: f.disposalAt.Text,
		agency: f.agency.Text, requestText: f.requestText.Text, requestedAt: f.requestedAt.Text,
		agencyReport: f.agencyReport.Text, agencyAt: f.agencyReportAt.Text,
	}
	for i, l := range impactLabels() {
		if l == f.impact.Selected {
			v.impact = impactValues[i]
		}
	}
	for i, l := range disposalLabels() {
		if l == f.disposal.Selected {
			v.disposal = disposalValues[i]
		}
	}
	return v
}

func (f *responseForm) onChanged() {
	if f.loading || !f.loaded {
		return
	}
	v := f.values()
	f.mu.Lock()
	f.vals = v
	f.mu.Unlock()
	f.saver.Changed()
}

// save writes the record as typed onto the one in the file; a time that
// does not read keeps the file's, with its message. Runs off the UI goroutine.
func (f *responseForm) save() error {
	f.saveMu.Lock()
	defer f.saveMu.Unlock()
	f.mu.Lock()
	v := f.vals
	f.mu.Unlock()
	cur, err := f.env.Store.MisconductResponse(f.caseID)
	if err != nil {
		return err
	}
	msgs := map[string]string{}
	loc := f.env.zone()
	when := func(field, typed string, keep time.Time) time.Time {
		if strings.TrimSpace(typed) == "" {
			return time.Time{}
		}
		t, err := i18n.ParseDateTime(typed, loc)
		if err != nil {
			msgs[field] = i18n.ErrorMessage(withField(err, field))
			return keep
		}
		return t
	}
	next := data.MisconductResponse{CaseID: f.caseID, Impact: v.impact, ImpactText: v.impactText,
		ChiefReportedAt: when(rfChiefAt, v.chiefAt, cur.ChiefReportedAt),
		HearingWith:     v.hearingWith, HearingBy: v.hearingBy, HearingAt: when(rfHearingAt, v.hearingAt, cur.HearingAt),
		HearingResult: v.hearingResult, Disposal: v.disposal, DisposalText: v.disposalText,
		DisposalAt: when(rfDisposalAt, v.disposalAt, cur.DisposalAt),
		Agency:     v.agency, RequestText: v.requestText, RequestedAt: when(rfRequestedAt, v.requestedAt, cur.RequestedAt),
		AgencyReport: v.agencyReport, AgencyReportAt: when(rfAgencyAt, v.agencyAt, cur.AgencyReportAt),
	}
	if next != cur {
		if err := f.env.Store.SaveMisconductResponse(&next, ""); err != nil {
			if e := data.AsError(err); e != nil && e.Code == data.EINVALID {
				msgs[e.Field] = i18n.ErrorMessage(err)
			} else {
				return err
			}
		}
	}
	fyne.Do(func() {
		f.errs.show(msgs)
		if next != cur {
			f.env.saved()
		}
	})
	return nil
}
