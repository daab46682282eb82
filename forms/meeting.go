package forms

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// meetingView is the 会議 tab of a case: the セキュリティ会議 convened for it
// (第4条第6号 for a failure, 第5条第6号 for a misconduct), 第1回, 第2回…, with a
// button that convenes another, and below them the follow-ups the meetings'
// decisions made, each with its done check. Opening a meeting shows its live
// minutes (meetingPage) over the whole tab; 会議一覧 comes back.
type meetingView struct {
	env *Env
	c   data.Case
	// OnCaseChanged is called on the UI goroutine after a decision changed the
	// case's procedure (a stop, a resumption approval).
	OnCaseChanged func()

	meetings []data.Meeting
	tasks    []data.Task

	listPage  fyne.CanvasObject
	listBox   *fyne.Container // a row per meeting
	emptyNote fyne.CanvasObject
	taskBox   *fyne.Container // a row per follow-up
	taskNone  *widget.Label
	newButton *widget.Button
	page      *meetingPage // the meeting open, nil on the list
	holder    *fyne.Container
	content   fyne.CanvasObject
}

func newMeetingView(env *Env, c data.Case) *meetingView {
	v := &meetingView{env: env, c: c}
	v.buildUI()
	return v
}

// Content is the screen, to place in the case's tab.
func (v *meetingView) Content() fyne.CanvasObject { return v.content }

// Flush saves at once what the open meeting still waits to save.
func (v *meetingView) Flush() error {
	if v.page != nil {
		return v.page.Flush()
	}
	return nil
}

// Reload saves what is pending, then reads the case's meetings and follow-ups
// again; the open meeting shows what the file now holds.
func (v *meetingView) Reload() error {
	if err := v.Flush(); err != nil {
		return err
	}
	c, err := v.env.Store.Case(v.c.ID)
	if err != nil {
		return err
	}
	v.c = c
	ms, err := v.env.Store.Meetings(v.c.ID)
	if err != nil {
		return err
	}
	tasks, err := v.env.Store.Tasks(v.c.ID)
	if err != nil {
		return err
	}
	v.meetings, v.tasks = ms, tasks
	v.fillList()
	v.fillTasks()
	if v.page != nil {
		for _, m := range ms {
			if m.ID == v.page.meetingID() {
				v.page.load(m)
				return nil
			}
		}
		v.closePage()
	}
	return nil
}

// meetingArticle is where the case's class puts the meeting: 4 and the step
// 4-6 for a failure, 5 and 5-6 for a misconduct.
func meetingArticle(class data.Class) (int, string) {
	if class == data.ClassFailure {
		return 4, "4-6"
	}
	return 5, "5-6"
}

func (v *meetingView) showArticle() {
	n, step := meetingArticle(v.c.Class)
	showArticleText(v.env.Window, n, articleTitle(n), stepWording(step))
}

func (v *meetingView) buildUI() {
	head := screenHead(i18n.T("meetingui.title"), i18n.T("meetingui.article"), v.showArticle, nil)
	tableTitle, article, _ := data.MeetingTable(v.c.Class)
	intro := captionText(i18n.T("meetingui.intro", map[string]any{"Table": tableTitle, "Article": article}))

	v.newButton = widget.NewButtonWithIcon(i18n.T("meetingui.new"), theme.ContentAddIcon(), v.onNewMeeting)
	v.newButton.Importance = widget.HighImportance
	v.listBox = container.NewVBox()
	empty := newJPText(i18n.T("meetingui.none"))
	v.emptyNote = panel(colorNoteBg, container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, empty))

	v.taskBox = container.NewVBox()
	v.taskNone = widget.NewLabel(i18n.T("meetingui.tasks.none"))
	v.taskNone.Importance = widget.LowImportance
	tasksHead := articleBand(article, boldText(i18n.T("meetingui.tasks.title")), nil)

	body := container.NewVBox(
		container.NewBorder(nil, nil, boldLabel(i18n.T("meetingui.list.title")), container.NewHBox(v.newButton)),
		v.emptyNote, v.listBox,
		container.New(layout.NewCustomPaddedLayout(theme.Padding()*3, 0, 0, 0), tasksHead),
		captionText(i18n.T("meetingui.tasks.intro")),
		v.taskNone, v.taskBox,
	)
	v.listPage = container.NewBorder(container.NewVBox(head, intro, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(body))
	v.holder = container.NewStack()
	v.content = container.NewStack(v.listPage, v.holder)
	v.holder.Hide()
}

// meetingState is 開会前, 開会中 or 閉会.
func meetingState(m data.Meeting) string {
	switch {
	case !m.ClosedAt.IsZero():
		return i18n.T("meetingui.state.closed")
	case !m.OpenedAt.IsZero():
		return i18n.T("meetingui.state.open")
	}
	return i18n.T("meetingui.state.before")
}

// Colours of the meeting states, for white text.
var (
	colorMeetingBefore = color.NRGBA{R: 0x54, G: 0x6E, B: 0x7A, A: 0xFF} // blue grey
	colorMeetingOpen   = color.NRGBA{R: 0x15, G: 0x65, B: 0xC0, A: 0xFF} // blue
	colorMeetingClosed = color.NRGBA{R: 0x2E, G: 0x7D, B: 0x32, A: 0xFF} // green
)

func meetingStateColor(m data.Meeting) color.Color {
	switch {
	case !m.ClosedAt.IsZero():
		return colorMeetingClosed
	case !m.OpenedAt.IsZero():
		return colorMeetingOpen
	}
	return colorMeetingBefore
}

// meetingName is 第1回セキュリティ会議.
func meetingName(seq int) string { return meetingNameIn(i18n.T, seq) }

// meetingNameIn is meetingName in the language of tr (i18n.JA for the timeline).
func meetingNameIn(tr translate, seq int) string {
	return tr("meetingui.name", map[string]any{"Seq": seq})
}

// fillList puts a row per meeting: 第1回, the state, the day and place, how
// far the agenda got, and the button that opens it.
func (v *meetingView) fillList() {
	v.listBox.RemoveAll()
	if len(v.meetings) == 0 {
		v.emptyNote.Show()
	} else {
		v.emptyNote.Hide()
	}
	for _, m := range v.meetings {
		id := m.ID
		seq := boldLabel(i18n.T("meetingui.seq", map[string]any{"Seq": m.Seq}))
		state := newBadge()
		state.set(meetingState(m), meetingStateColor(m), colorBadgeText)
		done := 0
		for _, it := range m.Items {
			if it.Status != data.ItemOpen {
				done++
			}
		}
		when := i18n.T("common.unknown")
		if !m.Date.IsZero() {
			when = i18n.WesternDateTime(m.Date.In(v.env.zone()))
		}
		line := newJPText(i18n.T("meetingui.list.line", map[string]any{"Date": when, "Place": orNone(m.Place)}))
		detail := captionText(i18n.T("meetingui.list.detail", map[string]any{"Chair": orNone(m.Chair), "Done": done, "Total": len(m.Items)}))
		open := widget.NewButtonWithIcon(i18n.T("meetingui.open_meeting"), theme.NavigateNextIcon(), func() { v.openMeeting(id) })
		row := container.NewBorder(nil, nil, container.NewVBox(container.NewHBox(seq, state.box)),
			container.NewVBox(open), container.NewVBox(line, detail))
		v.listBox.Add(panel(colorNoteBg, row))
	}
	v.listBox.Refresh()
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return i18n.T("meetingui.unset")
	}
	return s
}

// fillTasks puts a row per follow-up: its done check, owner and due.
func (v *meetingView) fillTasks() {
	v.taskBox.RemoveAll()
	if len(v.tasks) == 0 {
		v.taskNone.Show()
	} else {
		v.taskNone.Hide()
	}
	loc := v.env.zone()
	for _, t := range v.tasks {
		id := t.ID
		check := widget.NewCheck(i18n.T("meetingui.tasks.done"), nil)
		check.SetChecked(t.Done)
		check.OnChanged = func(on bool) { v.onTaskDone(id, on) }
		text := boldText(t.Text)
		meta := []string{i18n.T("meetingui.tasks.owner", map[string]any{"Owner": orNone(t.Owner)})}
		if !t.Due.IsZero() {
			meta = append(meta, i18n.T("meetingui.tasks.due", map[string]any{"Due": i18n.WesternDateTime(t.Due.In(loc))}))
		}
		if t.Done && !t.DoneAt.IsZero() {
			meta = append(meta, i18n.T("meetingui.tasks.done_at", map[string]any{"At": i18n.WesternDateTime(t.DoneAt.In(loc))}))
		}
		for _, m := range v.meetings {
			if m.ID == t.MeetingID {
				meta = append(meta, meetingName(m.Seq))
			}
		}
		info := captionText(strings.Join(meta, i18n.T("app.sep")))
		if t.Done {
			text.ColorName = theme.ColorNameDisabled
		}
		v.taskBox.Add(container.NewBorder(nil, nil, container.NewVBox(check), nil, container.NewVBox(text, info)))
	}
	v.taskBox.Refresh()
}

func (v *meetingView) onTaskDone(id int64, done bool) {
	var text string
	for _, t := range v.tasks {
		if t.ID == id {
			if t.Done == done {
				return
			}
			key := "meetingui.timeline.task_done"
			if !done {
				key = "meetingui.timeline.task_reopened"
			}
			text = i18n.JA(key, map[string]any{"Text": t.Text})
		}
	}
	err := v.env.Store.SetTaskDone(id, done, text)
	if err == nil {
		err = v.reloadTasks()
	}
	if err != nil {
		ShowError(err, v.env.Window)
		_ = v.reloadTasks()
		return
	}
	v.env.saved()
}

func (v *meetingView) reloadTasks() error {
	tasks, err := v.env.Store.Tasks(v.c.ID)
	if err != nil {
		return err
	}
	v.tasks = tasks
	v.fillTasks()
	return nil
}

// onNewMeeting convenes the case's next meeting: its agenda is the table of
// the case's class; the chair, place and attendees are those of the previous
// meeting, the recorder is the officer.
func (v *meetingView) onNewMeeting() {
	if err := v.Flush(); err != nil {
		ShowError(err, v.env.Window)
		return
	}
	m := &data.Meeting{CaseID: v.c.ID, Date: data.Now(), Recorder: strings.TrimSpace(v.env.officer().Name)}
	if n := len(v.meetings); n > 0 {
		prev := v.meetings[n-1]
		m.Chair, m.Place, m.MinutesSigner = prev.Chair, prev.Place, prev.MinutesSigner
		for _, a := range prev.Attendees {
			m.Attendees = append(m.Attendees, data.Attendee{Name: a.Name, Role: a.Role, Present: true})
		}
	}
	next := 1
	for _, prev := range v.meetings {
		next = max(next, prev.Seq+1)
	}
	if err := v.env.Store.CreateMeeting(m, i18n.JA("meetingui.timeline.created", map[string]any{"Name": meetingNameIn(i18n.JA, next)})); err != nil {
		ShowError(err, v.env.Window)
		return
	}
	v.env.saved()
	if err := v.Reload(); err != nil {
		ShowError(err, v.env.Window)
	}
	v.openMeeting(m.ID)
}

// openMeeting shows the live minutes of a meeting over the list.
func (v *meetingView) openMeeting(id int64) {
	for _, m := range v.meetings {
		if m.ID != id {
			continue
		}
		if v.page != nil {
			if err := v.page.Flush(); err != nil {
				ShowError(err, v.env.Window)
				return
			}
		}
		v.page = newMeetingPage(v, m)
		v.holder.Objects = []fyne.CanvasObject{v.page.content}
		v.holder.Refresh()
		v.listPage.Hide()
		v.holder.Show()
		v.page.focusDiscussion()
		return
	}
}

// closePage saves the open meeting and goes back to the list.
func (v *meetingView) closePage() {
	if v.page != nil {
		if err := v.page.Flush(); err != nil {
			ShowError(err, v.env.Window)
			return
		}
	}
	v.page = nil
	v.holder.Objects = nil
	v.holder.Hide()
	v.listPage.Show()
}

// onBack is 会議一覧: the list, read again.
func (v *meetingView) onBack() {
	v.closePage()
	if v.page == nil {
		if err := v.Reload(); err != nil {
			ShowError(err, v.env.Window)
		}
	}
}

// NextItem is Ctrl+Enter (delta 1) and Ctrl+Shift+Enter (-1) where the
// window's menu catches the key: it moves the open meeting's minutes to the
// next item and reports whether there was a meeting open to do so.
func (v *meetingView) NextItem(delta int) bool {
	if v == nil || v.page == nil || !v.holder.Visible() {
		return false
	}
	v.page.moveItem(delta)
	return true
}

// caseChanged tells the case screen that a decision changed the procedure.
func (v *meetingView) caseChanged() {
	if v.OnCaseChanged != nil {
		v.OnCaseChanged()
	}
}
