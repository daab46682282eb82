package forms

import (
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// notificationsPanel records which related bodies were told that operation
// resumed (第4条第9号 for a failure, 第5条第8号ウ for a misconduct): which
// body, when, by whom and how, one record per body. A call of the 連絡 tab
// that reached the prefecture, the agency or the contractor can be taken
// over as it is.
type notificationsPanel struct {
	env     *Env
	c       data.Case
	step    string
	changed func(error)

	ns      []data.Notification
	resumed bool                // operation resumed (or the notification step ticked)
	offers  []data.Notification // reached calls not taken over yet
	points  map[int64]data.ContactPoint
	head    *sectionHead
	missing *jpText
	list    *fyne.Container
	fromCal *widget.Button
	content fyne.CanvasObject
}

func newNotificationsPanel(env *Env, changed func(error)) *notificationsPanel {
	p := &notificationsPanel{env: env, changed: changed}
	add := widget.NewButtonWithIcon(i18n.T("aftercare.add"), theme.ContentAddIcon(), func() { p.onEdit(p.blank()) })
	p.fromCal = widget.NewButtonWithIcon(i18n.T("aftercare.notify.from_calls"), theme.MailForwardIcon(), p.onFromCalls)
	p.head = newSectionHead("", "", p.fromCal, add)
	p.missing = newJPText("")
	p.missing.ColorName = theme.ColorNameError
	p.list = container.NewVBox()
	p.content = container.NewVBox(p.head.content, p.missing, p.list)
	return p
}

func (p *notificationsPanel) Content() fyne.CanvasObject { return p.content }

func (p *notificationsPanel) load(c data.Case) error {
	p.c, p.step = c, data.NotificationStep(c.Class)
	title := i18n.T("aftercare.notify.title_failure")
	if c.Class == data.ClassMisconduct {
		title = i18n.T("aftercare.notify.title_misconduct")
	}
	p.head.set(title, quoteStep(p.step))
	ns, err := p.env.Store.Notifications(c.ID)
	if err != nil {
		return err
	}
	p.ns = ns
	steps, err := p.env.Store.Steps(c.ID)
	if err != nil {
		return err
	}
	// The bodies not told yet are a warning once operation resumed, not before.
	p.resumed = steps[p.step].Done
	for id := range data.ResumeSteps {
		p.resumed = p.resumed || steps[id].Done
	}
	if err := p.loadOffers(); err != nil {
		return err
	}
	p.show()
	return nil
}

// loadOffers finds the reached calls to a body outside the city that no
// notification has taken over yet.
func (p *notificationsPanel) loadOffers() error {
	p.offers = nil
	p.points = map[int64]data.ContactPoint{}
	calls, err := p.env.Store.Calls(p.c.ID)
	if err != nil {
		return err
	}
	ps, err := p.env.Store.ContactPoints()
	if err != nil {
		return err
	}
	for _, cp := range ps {
		p.points[cp.ID] = cp
	}
	for _, call := range calls {
		if slices.ContainsFunc(p.ns, func(n data.Notification) bool { return n.CallID == call.ID }) {
			continue
		}
		cp, ok := p.points[call.PointID]
		if !ok {
			continue // a point removed since, or a call imported without one
		}
		if n, ok := data.NotificationFromCall(p.step, call, cp); ok {
			p.offers = append(p.offers, n)
		}
	}
	return nil
}

// bodyLabel names a notification's body: its name, else the body's label.
func (p *notificationsPanel) bodyLabel(n data.Notification) string {
	if n.Name != "" {
		return n.Name
	}
	return notifyBodyLabel(p.env, n.Body)
}

// notifyBodyLabel names a body in the UI language, with the prefecture of
// the settings (contactedit.go's bodyLabel).
func notifyBodyLabel(env *Env, b data.Body) string {
	pref, _ := env.Store.Setting(data.SettingPrefecture, data.DefaultPrefecture)
	return bodyLabel(b, pref)
}

// line is a notification in one line: 宮城県 市町村課（鈴木）・電話・2026/11/27 15:25・連絡者 山田.
func (p *notificationsPanel) line(n data.Notification) string {
	to := p.bodyLabel(n)
	if n.Person != "" {
		to = i18n.T("aftercare.notify.person", map[string]any{"Body": to, "Person": n.Person})
	}
	s := i18n.T("aftercare.notify.line", map[string]any{"To": to, "Method": notifyMethodLabel(n.Method),
		"At": i18n.WesternDateTime(n.At.In(p.env.zone())), "By": n.By})
	if n.Note != "" {
		s += "\n" + n.Note
	}
	return s
}

func notifyMethodLabel(m string) string { return i18n.T("aftercare.method." + m) }

func (p *notificationsPanel) show() {
	p.list.RemoveAll()
	for _, n := range p.ns {
		if n.StepID != p.step {
			continue
		}
		p.list.Add(recordRow(p.line(n), func() { p.onEdit(n) }, func() {
			confirmDelete(p.env, p.bodyLabel(n), func() {
				p.changed(p.env.Store.DeleteNotification(p.c.ID, n.ID,
					i18n.JA("aftercare.notify.timeline_delete", map[string]any{"To": p.jaName(n)})))
			})
		}))
	}
	if len(p.list.Objects) == 0 {
		p.list.Add(captionText(i18n.T("aftercare.notify.none")))
	}
	var missing []string
	for _, b := range data.UnnotifiedBodies(p.ns) {
		missing = append(missing, notifyBodyLabel(p.env, b))
	}
	if len(missing) > 0 && p.resumed {
		p.missing.SetText(i18n.T("aftercare.notify.missing", map[string]any{"Bodies": joinWith(missing, i18n.T("aftercare.list_sep"))}))
		p.missing.Show()
	} else {
		p.missing.Hide()
	}
	if len(p.offers) > 0 {
		p.fromCal.SetText(i18n.T("aftercare.notify.from_calls_n", map[string]any{"Count": len(p.offers)}))
		p.fromCal.Enable()
	} else {
		p.fromCal.SetText(i18n.T("aftercare.notify.from_calls"))
		p.fromCal.Disable()
	}
	p.list.Refresh()
}

// blank is a new notification: the first related body not told yet, by
// telephone, now, by the officer at the keyboard.
func (p *notificationsPanel) blank() data.Notification {
	n := data.Notification{CaseID: p.c.ID, StepID: p.step, Body: data.BodyPrefecture, Method: data.NotifyPhone,
		At: data.Now(), By: p.env.officerName()}
	if missing := data.UnnotifiedBodies(p.ns); len(missing) > 0 {
		n.Body = missing[0]
	}
	return n
}

func (p *notificationsPanel) onEdit(n data.Notification) {
	bodies := make([]string, len(data.NotifyBodies))
	for i, b := range data.NotifyBodies {
		bodies[i] = notifyBodyLabel(p.env, b)
	}
	body := widget.NewSelect(bodies, nil)
	if i := slices.Index(data.NotifyBodies, n.Body); i >= 0 {
		body.SetSelectedIndex(i)
	}
	methods := make([]string, len(data.NotifyMethods))
	for i, m := range data.NotifyMethods {
		methods[i] = notifyMethodLabel(m)
	}
	method := widget.NewRadioGroup(methods, nil)
	method.Horizontal = true
	if i := slices.Index(data.NotifyMethods, n.Method); i >= 0 {
		method.SetSelected(methods[i])
	}
	name := textField(n.Name, i18n.T("aftercare.notify.name_placeholder"))
	person := textField(n.Person, i18n.T("aftercare.notify.person_placeholder"))
	at := newDateField(p.env, n.At)
	by := textField(n.By, i18n.T("aftercare.notify.by_placeholder"))
	note := notesField(n.Note, i18n.T("aftercare.notify.note_placeholder"))
	showRecordDialog(p.env, newDialogDraft(p.env, p.c.ID, "notify/"+n.StepID+"/"+strconv.FormatInt(n.ID, 10)), p.head.title.Text, i18n.T("aftercare.save"), []formField{
		{i18n.T("field.notify_body"), body},
		{i18n.T("field.notify_name"), name},
		{i18n.T("field.notify_person"), person},
		{i18n.T("field.notify_method"), method},
		{i18n.T("field.notify_at"), at.box},
		{i18n.T("field.notify_by"), by},
		{i18n.T("aftercare.field.note"), note},
	}, nil, func() error {
		m := n
		m.Name, m.Person, m.By, m.Note = name.Text, person.Text, by.Text, note.Text
		m.Body, m.Method = "", ""
		if i := body.SelectedIndex(); i >= 0 {
			m.Body = data.NotifyBodies[i]
		}
		if i := slices.Index(methods, method.Selected); i >= 0 {
			m.Method = data.NotifyMethods[i]
		}
		var err error
		if m.At, err = at.value("notify_at"); err != nil {
			return err
		}
		return p.save(m)
	})
}

// jaName names a notification's body in Japanese whatever the UI language,
// for the timeline (which the documents print).
func (p *notificationsPanel) jaName(n data.Notification) string {
	if n.Name != "" {
		return n.Name
	}
	city, _ := p.env.Store.Setting(data.SettingCity, data.DefaultCity)
	pref, _ := p.env.Store.Setting(data.SettingPrefecture, data.DefaultPrefecture)
	return n.Body.Label(city, pref)
}

// save stores a notification with its timeline line.
func (p *notificationsPanel) save(n data.Notification) error {
	key := "aftercare.notify.timeline"
	if n.ID != 0 {
		key = "aftercare.notify.timeline_edit"
	}
	text := i18n.JA(key, map[string]any{"To": p.jaName(n), "Method": i18n.JA("aftercare.method." + n.Method)})
	if err := p.env.Store.SaveNotification(&n, text); err != nil {
		return err
	}
	p.changed(nil)
	return nil
}

// onFromCalls offers the reached calls not taken over yet, each ticked, to
// record as notifications at once.
func (p *notificationsPanel) onFromCalls() {
	if len(p.offers) == 0 {
		return
	}
	labels := make([]string, len(p.offers))
	for i, n := range p.offers {
		labels[i] = p.line(n)
	}
	group := widget.NewCheckGroup(labels, nil)
	group.SetSelected(labels)
	offers := p.offers
	showRecordDialog(p.env, nil, i18n.T("aftercare.notify.from_calls_title"), i18n.T("aftercare.notify.take"), []formField{
		{i18n.T("aftercare.notify.calls"), group},
	}, captionText(i18n.T("aftercare.notify.from_calls_hint")), func() error {
		for i, n := range offers {
			if !slices.Contains(group.Selected, labels[i]) {
				continue
			}
			if err := p.save(n); err != nil {
				return err
			}
		}
		return nil
	})
}

// joinWith joins strings with sep.
func joinWith(ss []string, sep string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += sep
		}
		out += s
	}
	return out
}
