package forms

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// repairPanel records the request of 第4条第7号: 「必要に応じて保守委託事業者に
// 修復等を依頼する。」 — to whom (依頼先), when (依頼日時), what (内容), and
// when the work was done (完了日時).
type repairPanel struct {
	env     *Env
	c       data.Case
	changed func(error)

	r       data.RepairRequest
	summary *jpText
	button  *widget.Button
	content fyne.CanvasObject
}

func newRepairPanel(env *Env, changed func(error)) *repairPanel {
	p := &repairPanel{env: env, changed: changed}
	p.summary = newJPText("")
	p.button = widget.NewButtonWithIcon(i18n.T("aftercare.repair.record"), theme.DocumentCreateIcon(), p.onEdit)
	p.content = container.NewVBox(
		newSectionHead(i18n.T("aftercare.repair.title"), quoteStep("4-7"), p.button).content,
		p.summary)
	return p
}

func (p *repairPanel) Content() fyne.CanvasObject { return p.content }

// load reads the case's request.
func (p *repairPanel) load(c data.Case) error {
	p.c = c
	r, err := p.env.Store.RepairRequest(c.ID)
	if err != nil {
		return err
	}
	p.r = r
	p.summary.SetText(repairSummary(p.env, r))
	if r.Empty() {
		p.button.SetText(i18n.T("aftercare.repair.record"))
	} else {
		p.button.SetText(i18n.T("aftercare.edit"))
	}
	return nil
}

// repairSummary is the request in a few lines, or that none is recorded.
func repairSummary(env *Env, r data.RepairRequest) string {
	if r.Empty() {
		return i18n.T("aftercare.repair.none")
	}
	at := func(key string, v string) string {
		if v == "" {
			return ""
		}
		return i18n.T(key, map[string]any{"Text": v})
	}
	done := i18n.T("aftercare.repair.not_done")
	if !r.CompletedAt.IsZero() {
		done = at("aftercare.repair.done_at", i18n.WesternDateTime(r.CompletedAt.In(env.zone())))
	}
	var requested string
	if !r.RequestedAt.IsZero() {
		requested = i18n.WesternDateTime(r.RequestedAt.In(env.zone()))
	}
	return joinNonEmpty(at("aftercare.repair.to_is", r.To), at("aftercare.repair.at_is", requested),
		at("aftercare.repair.content_is", r.Content), done, at("aftercare.repair.by_is", r.By))
}

// contractorName is 保守委託事業者（name） from the contact network, to
// prefill 依頼先.
func (p *repairPanel) contractorName() string {
	ps, err := p.env.Store.ContactPoints()
	if err != nil {
		return ""
	}
	for _, cp := range ps {
		if cp.Body == data.BodyContractor && cp.RemovedAt.IsZero() {
			label := i18n.JA("aftercare.repair.contractor")
			if cp.Name == "" {
				return label
			}
			return i18n.JA("aftercare.repair.contractor_named", map[string]any{"Body": label, "Name": cp.Name})
		}
	}
	return ""
}

func (p *repairPanel) onEdit() {
	r := p.r
	if r.Empty() {
		r.To, r.RequestedAt, r.By = p.contractorName(), data.Now(), p.env.officerName()
	}
	to := textField(r.To, i18n.T("aftercare.repair.to_placeholder"))
	at := newDateField(p.env, r.RequestedAt)
	content := notesField(r.Content, i18n.T("aftercare.repair.content_placeholder"))
	done := newDateField(p.env, r.CompletedAt)
	by := textField(r.By, i18n.T("aftercare.repair.by_placeholder"))
	showRecordDialog(p.env, newDialogDraft(p.env, p.c.ID, "repair"), i18n.T("aftercare.repair.title"), i18n.T("aftercare.save"), []formField{
		{i18n.T("field.repair_to"), to},
		{i18n.T("aftercare.repair.field.at"), at.box},
		{i18n.T("field.repair_content"), content},
		{i18n.T("field.completed_at"), done.box},
		{i18n.T("field.repair_by"), by},
	}, captionText(i18n.T("aftercare.repair.hint")), func() error {
		n := data.RepairRequest{CaseID: p.c.ID, To: to.Text, Content: content.Text, By: by.Text}
		var err error
		if n.RequestedAt, err = at.value("requested_at"); err != nil {
			return err
		}
		if n.CompletedAt, err = done.value("completed_at"); err != nil {
			return err
		}
		text := i18n.JA("aftercare.repair.timeline", map[string]any{"To": reportsOrDash(n.To), "Text": reportsOrDash(n.Content)})
		if !n.CompletedAt.IsZero() && p.r.CompletedAt.IsZero() {
			text = i18n.JA("aftercare.repair.timeline_done", map[string]any{"To": reportsOrDash(n.To)})
		} else if !p.r.Empty() {
			text = i18n.JA("aftercare.repair.timeline_edit", map[string]any{"To": reportsOrDash(n.To)})
		}
		if err := p.env.Store.SaveRepairRequest(&n, text); err != nil {
			return err
		}
		p.changed(nil)
		return nil
	})
}

// reportsOrDash is s, or 「－」 for a blank value in a timeline line.
func reportsOrDash(s string) string {
	if s == "" {
		return "－"
	}
	return s
}

// joinNonEmpty joins the non-empty lines.
func joinNonEmpty(lines ...string) string {
	out := lines[:0:0]
	for _, l := range lines {
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
