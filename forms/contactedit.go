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

// personEntries are the entries of one person of an entry: the contact
// person or the deputy.
type personEntries map[string]*entry

func newPersonEntries(changed func()) personEntries {
	pe := personEntries{}
	for _, f := range data.PersonFields {
		pe[f] = newLineEntry(i18n.T("contactui.placeholder."+f), changed)
	}
	return pe
}

func (pe personEntries) set(p data.Person) {
	for _, f := range data.PersonFields {
		pe[f].SetText(p.Get(f))
	}
}

func (pe personEntries) get() data.Person {
	var p data.Person
	for _, f := range data.PersonFields {
		p.Set(f, strings.TrimSpace(pe[f].Text))
	}
	return p
}

// contactEditor is the form of one entry of the contact network: the body
// (and for the city, the role), its name and section, the contact person and
// the deputy with their numbers for business hours and for nights and
// holidays, and the business hours. It saves with a button: every save keeps
// the old values in the entry's history, so a save per keystroke would bury
// the real changes.
type contactEditor struct {
	env *Env
	p   data.ContactPoint // the entry as on file; ID 0 for a new one

	heading   *widget.Label
	body      *widget.Select
	role      *widget.Select
	roleRow   *fyne.Container
	name      *entry
	section   *entry
	primary   personEntries
	deputy    personEntries
	openFrom  *entry
	openUntil *entry
	confirmed *jpText
	stale     *badge
	msgs      fieldMsgs
	msg       fieldError

	confirmBtn *widget.Button
	saveBtn    *widget.Button
	revertBtn  *widget.Button
	removeBtn  *widget.Button

	filling bool // the form is being filled from the entry, not by the officer
	dirty   bool

	// OnSaved is called after the entry was stored, with its ID.
	OnSaved func(id int64)
	// OnRemoved is called after the entry was removed.
	OnRemoved func()
	// months is how long an entry stays confirmed.
	months func() int

	content fyne.CanvasObject
}

func newContactEditor(env *Env, months func() int) *contactEditor {
	e := &contactEditor{env: env, months: months}
	e.buildUI()
	e.setPoint(newContactPoint(data.BodyOther))
	return e
}

// newContactPoint is an empty entry of a body, with the default business hours.
func newContactPoint(b data.Body) data.ContactPoint {
	return data.ContactPoint{Body: b, OpenFrom: data.DefaultOpenFrom, OpenUntil: data.DefaultOpenUntil}
}

// Content is the form, to place in the contacts screen.
func (e *contactEditor) Content() fyne.CanvasObject { return e.content }

// bodyLabel names a body in the contact screens. The prefecture is the case
// file's setting (another municipality's is not 宮城県), so its name is given.
func bodyLabel(b data.Body, pref string) string {
	if b == data.BodyPrefecture {
		return i18n.T("contactui.body.prefecture", map[string]any{"Prefecture": data.BodyPrefecture.Label("", pref)})
	}
	return i18n.T("contactui.body." + string(b))
}

func (e *contactEditor) buildUI() {
	changed := func() {
		if !e.filling {
			e.dirty = true
		}
	}
	e.heading = boldLabel("")
	e.heading.SizeName = theme.SizeNameSubHeadingText
	e.heading.Truncation = fyne.TextTruncateEllipsis
	bodies := make([]string, len(data.ContactBodies))
	_, pref := cityAndPrefecture(e.env.Store)
	for i, b := range data.ContactBodies {
		bodies[i] = bodyLabel(b, pref)
	}
	e.body = widget.NewSelect(bodies, func(string) {
		e.showRole()
		changed()
	})
	roles := make([]string, len(data.CityRoles))
	for i, r := range data.CityRoles {
		roles[i] = r.Label()
	}
	e.role = widget.NewSelect(roles, func(string) { changed() })
	e.role.PlaceHolder = i18n.T("contactui.role_placeholder")
	e.name = newLineEntry(i18n.T("contactui.placeholder.body_name"), changed)
	e.section = newLineEntry(i18n.T("contactui.placeholder.section"), changed)
	e.primary = newPersonEntries(changed)
	e.deputy = newPersonEntries(changed)
	e.openFrom = newLineEntry(data.DefaultOpenFrom, changed)
	e.openUntil = newLineEntry(data.DefaultOpenUntil, changed)
	e.msgs = newFieldMsgs(data.ContactFields...)
	e.msg = newFieldError()

	e.confirmed = newJPText("")
	e.stale = newBadge()
	e.stale.set(i18n.T("contactui.stale"), colorFailure, colorBadgeText)
	e.confirmBtn = widget.NewButtonWithIcon(i18n.T("contactui.confirm"), theme.ConfirmIcon(), e.onConfirm)
	e.saveBtn = widget.NewButtonWithIcon(i18n.T("common.save"), theme.DocumentSaveIcon(), func() { e.save(false) })
	e.saveBtn.Importance = widget.HighImportance
	e.revertBtn = widget.NewButtonWithIcon(i18n.T("contactui.revert"), theme.ContentUndoIcon(), func() { e.setPoint(e.p) })
	e.removeBtn = widget.NewButtonWithIcon(i18n.T("contactui.remove"), theme.DeleteIcon(), e.onRemove)
	e.removeBtn.Importance = widget.DangerImportance

	cols := &labelColumn{}
	e.roleRow = container.NewStack(cols.form(i18n.T("contactui.label.role"), e.msgs.under(data.FieldRole, e.role)))
	top := container.NewVBox(
		cols.form(i18n.T("contactui.label.body"), e.msgs.under(data.FieldBody, e.body)),
		e.roleRow,
		cols.form(
			i18n.T("contactui.label.name"), e.msgs.under(data.FieldPointName, e.name),
			i18n.T("contactui.label.section"), e.msgs.under(data.FieldSection, e.section)),
	)

	// The two people side by side, a row per kind of contact, the labels in
	// the column of the fields above.
	pairs := []any{"", container.NewGridWithColumns(2, boldLabel(i18n.T("contactui.primary")), boldLabel(i18n.T("contactui.deputy")))}
	for _, f := range data.PersonFields {
		pairs = append(pairs, i18n.T("contactui.person."+f), container.NewGridWithColumns(2,
			e.msgs.under("primary."+f, e.primary[f]), e.msgs.under("deputy."+f, e.deputy[f])))
	}
	grid := cols.form(pairs...)
	hoursW := fyne.MeasureText("00:00", theme.TextSize(), fyne.TextStyle{}).Width + 6*theme.InnerPadding()
	hours := container.NewHBox(
		sizedEntry(e.openFrom, hoursW), widget.NewLabel(i18n.T("contactui.hours_to")), sizedEntry(e.openUntil, hoursW),
		widget.NewLabel(i18n.T("contactui.hours_note")))
	hoursBox := cols.form(i18n.T("contactui.label.hours"),
		container.NewVBox(hours, e.msgs[data.FieldOpenFrom], e.msgs[data.FieldOpenUntil]))

	confirmRow := container.NewBorder(nil, nil, nil, container.NewHBox(e.stale.box, e.confirmBtn), e.confirmed)
	form := container.NewVBox(
		e.heading,
		top,
		widget.NewSeparator(),
		grid,
		captionText(i18n.T("contactui.person_note")),
		widget.NewSeparator(),
		hoursBox,
	)
	buttons := container.NewBorder(nil, nil, e.removeBtn, container.NewHBox(e.revertBtn, e.saveBtn))
	e.content = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), confirmRow, e.msg.jpText, buttons), nil, nil,
		container.NewVScroll(form))
}

// showRole shows the role only for the city, whose roles are its entries.
func (e *contactEditor) showRole() {
	if e.selectedBody() == data.BodyCity {
		e.roleRow.Show()
	} else {
		e.roleRow.Hide()
	}
}

func (e *contactEditor) selectedBody() data.Body {
	if i := e.body.SelectedIndex(); i >= 0 {
		return data.ContactBodies[i]
	}
	return ""
}

// setPoint fills the form with an entry, dropping what was typed.
func (e *contactEditor) setPoint(p data.ContactPoint) {
	e.filling = true
	defer func() { e.filling = false }()
	e.p = p
	e.body.ClearSelected()
	for i, b := range data.ContactBodies {
		if b == p.Body {
			e.body.SetSelectedIndex(i)
		}
	}
	e.role.ClearSelected()
	for i, r := range data.CityRoles {
		if r == p.Role {
			e.role.SetSelectedIndex(i)
		}
	}
	e.name.SetText(p.Name)
	e.section.SetText(p.Section)
	e.primary.set(p.Primary)
	e.deputy.set(p.Deputy)
	e.openFrom.SetText(p.OpenFrom)
	e.openUntil.SetText(p.OpenUntil)
	e.showRole()
	e.msgs.show(nil)
	e.msg.set("")
	e.dirty = false
	e.refreshState()
}

// refreshState shows the heading, when the entry was last confirmed, and the
// buttons that apply.
func (e *contactEditor) refreshState() {
	if e.p.ID == 0 {
		e.heading.SetText(i18n.T("contactui.new_heading"))
		e.removeBtn.Hide()
	} else {
		e.heading.SetText(e.title())
		e.removeBtn.Show()
	}
	if e.p.ConfirmedAt.IsZero() {
		e.confirmed.SetText(i18n.T("contactui.confirmed_never"))
	} else {
		e.confirmed.SetText(i18n.T("contactui.confirmed_at", map[string]any{"At": contactTime(e.p.ConfirmedAt)}))
	}
	if e.p.ID != 0 && data.Unconfirmed(e.p, data.Now(), e.months()) {
		e.stale.box.Show()
	} else {
		e.stale.box.Hide()
	}
}

func (e *contactEditor) title() string {
	city, pref := cityAndPrefecture(e.env.Store)
	return contactTitle(e.p, city, pref)
}

// value is the entry as the form shows it.
func (e *contactEditor) value() data.ContactPoint {
	p := e.p
	p.Body = e.selectedBody()
	p.Role = ""
	if i := e.role.SelectedIndex(); i >= 0 && p.Body == data.BodyCity {
		p.Role = data.CityRoles[i]
	}
	p.Name = strings.TrimSpace(e.name.Text)
	p.Section = strings.TrimSpace(e.section.Text)
	p.Primary = e.primary.get()
	p.Deputy = e.deputy.get()
	p.OpenFrom = strings.TrimSpace(e.openFrom.Text)
	p.OpenUntil = strings.TrimSpace(e.openUntil.Text)
	return p
}

// Dirty reports whether the form holds what is not saved.
func (e *contactEditor) Dirty() bool { return e.dirty }

// onConfirm records that the officer checked the entry is current (with
// what the form shows).
func (e *contactEditor) onConfirm() { e.save(true) }

// save stores the form; confirm also marks the entry confirmed now. What the
// store refuses is said under its field, and nothing is stored.
func (e *contactEditor) save(confirmNow bool) bool {
	p := e.value()
	if p.Body == "" {
		e.showRefusal(data.Invalid(data.FieldBody, "required"))
		return false
	}
	p.Normalize()
	if confirmNow {
		p.ConfirmedAt = data.Now()
	}
	if err := e.env.Store.SaveContactPoint(&p); err != nil {
		e.showRefusal(err)
		return false
	}
	e.setPoint(p)
	e.env.saved()
	if e.OnSaved != nil {
		e.OnSaved(p.ID)
	}
	return true
}

// showRefusal says under its field why the store refused the entry, or
// below the form when the field has no place in it.
func (e *contactEditor) showRefusal(err error) {
	msgs := map[string]string{}
	if de := data.AsError(err); de != nil && de.Code == data.EINVALID && e.msgs[de.Field] != nil {
		msgs[de.Field] = i18n.ErrorMessage(err)
		e.msg.set(i18n.T("contactui.not_saved"))
	} else {
		e.msg.set(i18n.ErrorMessage(err))
	}
	e.msgs.show(msgs)
}

// onRemove takes the entry out of the network once the officer confirms; its
// history stays in the audit log.
func (e *contactEditor) onRemove() {
	if e.p.ID == 0 {
		return
	}
	id := e.p.ID
	confirm(e.env.Window, i18n.T("contactui.remove_title"),
		i18n.T("contactui.remove_text", map[string]any{"Name": e.title()}),
		i18n.T("contactui.remove"), i18n.T("common.cancel"), func() {
			if err := e.env.Store.RemoveContactPoint(id); err != nil {
				ShowError(err, e.env.Window)
				return
			}
			e.env.saved()
			if e.OnRemoved != nil {
				e.OnRemoved()
			}
		})
}
