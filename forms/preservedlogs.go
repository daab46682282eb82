package forms

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// logsPanel records the access logs of 第5条第7号 (「収集したアクセスログ等に
// より原因を解明し」): which logs were collected and preserved, where they are
// kept, by whom and when.
type logsPanel struct {
	env     *Env
	c       data.Case
	changed func(error)

	logs    []data.PreservedLog
	list    *fyne.Container
	content fyne.CanvasObject
}

func newLogsPanel(env *Env, changed func(error)) *logsPanel {
	p := &logsPanel{env: env, changed: changed}
	add := widget.NewButtonWithIcon(i18n.T("aftercare.add"), theme.ContentAddIcon(), func() {
		p.onEdit(data.PreservedLog{At: data.Now(), By: env.officerName()})
	})
	p.list = container.NewVBox()
	p.content = container.NewVBox(newSectionHead(i18n.T("aftercare.logs.title"), quoteStep("5-7"), add).content, p.list)
	return p
}

func (p *logsPanel) Content() fyne.CanvasObject { return p.content }

func (p *logsPanel) load(c data.Case) error {
	p.c = c
	logs, err := p.env.Store.PreservedLogs(c.ID)
	if err != nil {
		return err
	}
	p.logs = logs
	p.list.RemoveAll()
	for _, l := range logs {
		text := joinNonEmpty(l.Log,
			withText("aftercare.logs.place_is", l.Place),
			withText("aftercare.logs.by_is", l.By),
			withText("aftercare.logs.at_is", westernOrEmpty(p.env, l.At)),
			l.Note)
		p.list.Add(recordRow(text, func() { p.onEdit(l) }, func() {
			confirmDelete(p.env, firstLine(l.Log), func() {
				p.changed(p.env.Store.DeletePreservedLog(c.ID, l.ID, i18n.JA("aftercare.logs.timeline_delete", map[string]any{"Log": firstLine(l.Log)})))
			})
		}))
	}
	if len(logs) == 0 {
		p.list.Add(captionText(i18n.T("aftercare.logs.none")))
	}
	p.list.Refresh()
	return nil
}

func (p *logsPanel) onEdit(l data.PreservedLog) {
	l.CaseID = p.c.ID
	log := notesField(l.Log, i18n.T("aftercare.logs.log_placeholder"))
	place := textField(l.Place, i18n.T("aftercare.logs.place_placeholder"))
	by := textField(l.By, i18n.T("aftercare.logs.by_placeholder"))
	at := newDateField(p.env, l.At)
	note := notesField(l.Note, i18n.T("aftercare.logs.note_placeholder"))
	showRecordDialog(p.env, newDialogDraft(p.env, p.c.ID, "logs/"+strconv.FormatInt(l.ID, 10)), i18n.T("aftercare.logs.title"), i18n.T("aftercare.save"), []formField{
		{i18n.T("field.log"), log},
		{i18n.T("field.log_place"), place},
		{i18n.T("field.log_by"), by},
		{i18n.T("aftercare.logs.field.at"), at.box},
		{i18n.T("aftercare.field.note"), note},
	}, nil, func() error {
		n := l
		n.Log, n.Place, n.By, n.Note = log.Text, place.Text, by.Text, note.Text
		var err error
		if n.At, err = at.value("at"); err != nil {
			return err
		}
		key := "aftercare.logs.timeline"
		if n.ID != 0 {
			key = "aftercare.logs.timeline_edit"
		}
		if err := p.env.Store.SavePreservedLog(&n, i18n.JA(key, map[string]any{"Log": firstLine(n.Log), "Place": reportsOrDash(n.Place)})); err != nil {
			return err
		}
		p.changed(nil)
		return nil
	})
}

// withText is key with v as its Text, "" when v is empty.
func withText(key, v string) string {
	if v == "" {
		return ""
	}
	return i18n.T(key, map[string]any{"Text": v})
}

// westernOrEmpty is t as 2026/11/27 14:05 in the case file's zone, "" for zero.
func westernOrEmpty(env *Env, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return i18n.WesternDateTime(t.In(env.zone()))
}
