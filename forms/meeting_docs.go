package forms

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// buildDocButtons puts the buttons that make the meeting's documents under
// the agenda: 次第を作成, 議事録を作成, 決定事項一覧. Each goes through the
// shared document dialog (signing, saving, recording).
func (p *meetingPage) buildDocButtons() {
	button := func(key, kind string) *widget.Button {
		return widget.NewButton(i18n.T(key), func() { p.onDocument(kind) })
	}
	p.docs.Add(container.NewGridWithColumns(3,
		button("meetingui.doc.agenda", data.DocAgenda),
		button("meetingui.doc.minutes", data.DocMinutes),
		button("meetingui.doc.decisions", data.DocDecisions)))
}

// onDocument saves what is pending, then opens the dialog that makes the
// document of kind.
func (p *meetingPage) onDocument(kind string) {
	if err := p.Flush(); err != nil {
		ShowError(err, p.env.Window)
		return
	}
	ShowDocumentDialog(p.env, p.documentJob(kind))
}

// documentJob is the document of kind for the open meeting: its 次第, its
// 議事録 or its 決定事項一覧, built from the case file as it is when made.
func (p *meetingPage) documentJob(kind string) DocumentJob {
	m := data.Meeting{ID: p.work.ID, CaseID: p.v.c.ID, Seq: p.work.Seq}
	j := reports.MeetingJob(p.env.Store, kind, m)
	if kind == data.DocAgenda {
		j = reports.AgendaJob(p.env.Store, m)
	}
	return DocumentJob{Kind: j.Kind, CaseID: j.CaseID, Title: j.Title, Build: j.Build}
}
