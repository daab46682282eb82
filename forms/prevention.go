package forms

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// preventionPanel records the measures against recurrence of 第4条第10号:
// the measures of the regulation's table, ticked, and free entries, each with
// details, an owner (担当) and a due date (期限). The decisions of the
// security meetings under 緊急措置の検証及び予防措置の立案
// (data.PreventionFromMeetings) are offered to take in.
type preventionPanel struct {
	env     *Env
	c       data.Case
	changed func(error)

	ms          []data.PreventionMeasure
	suggestions []data.PreventionMeasure
	meetings    []data.Meeting
	table       *fyne.Container
	free        *fyne.Container
	fromMeeting *widget.Button
	content     fyne.CanvasObject
}

func newPreventionPanel(env *Env, changed func(error)) *preventionPanel {
	p := &preventionPanel{env: env, changed: changed}
	add := widget.NewButtonWithIcon(i18n.T("aftercare.prevention.add_other"), theme.ContentAddIcon(), func() {
		p.onEdit(data.PreventionMeasure{})
	})
	p.fromMeeting = widget.NewButtonWithIcon(i18n.T("aftercare.prevention.from_meetings"), theme.MailForwardIcon(), p.onFromMeetings)
	p.table = container.NewVBox()
	p.free = container.NewVBox()
	p.content = container.NewVBox(
		newSectionHead(i18n.T("aftercare.prevention.title"), quoteStep("4-10"), p.fromMeeting, add).content,
		p.table, boldLabel(i18n.T("aftercare.prevention.other")), p.free)
	return p
}

func (p *preventionPanel) Content() fyne.CanvasObject { return p.content }

func (p *preventionPanel) load(c data.Case) error {
	p.c = c
	ms, err := p.env.Store.PreventionMeasures(c.ID)
	if err != nil {
		return err
	}
	meetings, err := p.env.Store.Meetings(c.ID)
	if err != nil {
		return err
	}
	p.ms = ms
	p.meetings = meetings
	p.suggestions = data.PreventionSuggestions(c.ID, meetings, ms)
	p.show()
	return nil
}

// detail is what a measure records beyond its name: details, owner, due, and
// whether it came from a meeting.
func (p *preventionPanel) detail(m data.PreventionMeasure, withText bool) string {
	var parts []string
	if withText && m.Text != "" {
		parts = append(parts, m.Text)
	}
	if m.Owner != "" {
		parts = append(parts, i18n.T("aftercare.prevention.owner_is", map[string]any{"Owner": m.Owner}))
	}
	if !m.Due.IsZero() {
		parts = append(parts, i18n.T("aftercare.prevention.due_is", map[string]any{"Due": i18n.Western(m.Due.In(p.env.zone()))}))
	}
	if m.ItemID != 0 {
		parts = append(parts, i18n.T("aftercare.prevention.from_meeting"))
	}
	return strings.Join(parts, i18n.T("aftercare.list_sep"))
}

func (p *preventionPanel) show() {
	p.table.RemoveAll()
	for _, g := range data.PreventionMeasures {
		p.table.Add(boldLabel(g.Title))
		for _, name := range g.Measures {
			var rec *data.PreventionMeasure
			for i := range p.ms {
				if p.ms[i].Measure == name {
					rec = &p.ms[i]
					break
				}
			}
			p.table.Add(p.measureRow(name, rec))
		}
	}
	p.free.RemoveAll()
	for _, m := range p.ms {
		if m.Measure != "" {
			continue
		}
		text := m.Text
		if d := p.detail(m, false); d != "" {
			text += "\n" + d
		}
		p.free.Add(recordRow(text, func() { p.onEdit(m) }, func() { p.onDelete(m) }))
	}
	if len(p.free.Objects) == 0 {
		p.free.Add(captionText(i18n.T("aftercare.prevention.none_other")))
	}
	if len(p.suggestions) > 0 {
		p.fromMeeting.SetText(i18n.T("aftercare.prevention.from_meetings_n", map[string]any{"Count": len(p.suggestions)}))
		p.fromMeeting.Show()
	} else {
		p.fromMeeting.Hide()
	}
	p.table.Refresh()
	p.free.Refresh()
}

// measureRow is a measure of the table: ticked when recorded, with its
// details and 編集; ticking it asks for the details, unticking removes it.
func (p *preventionPanel) measureRow(name string, rec *data.PreventionMeasure) fyne.CanvasObject {
	check := widget.NewCheck(name, nil)
	check.SetChecked(rec != nil)
	resetting := false
	check.OnChanged = func(on bool) {
		if resetting {
			return
		}
		// The record decides: the dialog or the confirmation changes it.
		resetting = true
		check.SetChecked(!on)
		resetting = false
		switch {
		case on && rec == nil:
			p.onEdit(data.PreventionMeasure{Measure: name})
		case !on && rec != nil:
			p.onDelete(*rec)
		}
	}
	row := container.NewVBox(check)
	if rec == nil {
		return row
	}
	edit := widget.NewButtonWithIcon(i18n.T("aftercare.edit"), theme.DocumentCreateIcon(), func() { p.onEdit(*rec) })
	edit.Importance = widget.LowImportance
	detail := captionText(p.detail(*rec, true))
	return container.NewBorder(nil, nil, nil, container.NewVBox(edit), container.NewVBox(check,
		container.NewPadded(detail)))
}

func (p *preventionPanel) onEdit(m data.PreventionMeasure) {
	m.CaseID = p.c.ID
	fields := []formField{}
	if m.Measure != "" {
		fields = append(fields, formField{i18n.T("field.measure"), boldLabel(m.Measure)})
	}
	text := notesField(m.Text, i18n.T("aftercare.prevention.text_placeholder"))
	owner := textField(m.Owner, i18n.T("aftercare.prevention.owner_placeholder"))
	due := newDayField(p.env, m.Due)
	fields = append(fields,
		formField{i18n.T("field.measure_text"), text},
		formField{i18n.T("aftercare.prevention.field.owner"), owner},
		formField{i18n.T("aftercare.prevention.field.due"), due.box})
	title := i18n.T("aftercare.prevention.title")
	showRecordDialog(p.env, newDialogDraft(p.env, p.c.ID, "prevention/"+m.Measure+"/"+strconv.FormatInt(m.ID, 10)), title, i18n.T("aftercare.save"), fields, nil, func() error {
		n := m
		n.Text, n.Owner = text.Text, owner.Text
		var err error
		if n.Due, err = due.value("due"); err != nil {
			return err
		}
		return p.save(n)
	})
}

// save stores a measure with its timeline line.
func (p *preventionPanel) save(m data.PreventionMeasure) error {
	name := m.Measure
	if name == "" {
		name = m.Text
	}
	key := "aftercare.prevention.timeline"
	if m.ID != 0 {
		key = "aftercare.prevention.timeline_edit"
	}
	if err := p.env.Store.SavePreventionMeasure(&m, i18n.JA(key, map[string]any{"Text": firstLine(name)})); err != nil {
		return err
	}
	p.changed(nil)
	return nil
}

func (p *preventionPanel) onDelete(m data.PreventionMeasure) {
	name := m.Measure
	if name == "" {
		name = firstLine(m.Text)
	}
	confirmDelete(p.env, name, func() {
		p.changed(p.env.Store.DeletePreventionMeasure(p.c.ID, m.ID, i18n.JA("aftercare.prevention.timeline_delete", map[string]any{"Text": name})))
	})
}

// onFromMeetings takes in the meetings' decisions not taken in yet.
func (p *preventionPanel) onFromMeetings() {
	labels := make([]string, len(p.suggestions))
	for i, m := range p.suggestions {
		labels[i] = m.Text
		if d := p.detail(m, false); d != "" {
			labels[i] += "（" + d + "）"
		}
	}
	// The decisions of 緊急措置の検証及び予防措置の立案 are measures and come
	// ticked; a failure meeting's その他 items may be anything, so the officer
	// ticks those that are measures.
	var ticked []string
	for i, m := range p.suggestions {
		if p.fromReviewItem(m.ItemID) {
			ticked = append(ticked, labels[i])
		}
	}
	group := widget.NewCheckGroup(labels, nil)
	group.SetSelected(ticked)
	sug := p.suggestions
	showRecordDialog(p.env, nil, i18n.T("aftercare.prevention.from_meetings"), i18n.T("aftercare.prevention.take"), []formField{
		{i18n.T("aftercare.prevention.decisions"), group},
	}, nil, func() error {
		for i, m := range sug {
			if slices.Contains(group.Selected, labels[i]) {
				if err := p.save(m); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// fromReviewItem says whether the agenda item is a 緊急措置の検証及び予防措置の
// 立案 row (not an その他 item).
func (p *preventionPanel) fromReviewItem(itemID int64) bool {
	for _, m := range p.meetings {
		for _, it := range m.Items {
			if it.ID == itemID {
				return it.Key == data.ItemKeyReview
			}
		}
	}
	return false
}

// firstLine is the first line of s, for a timeline line.
func firstLine(s string) string {
	l, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return l
}
