package forms

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// aftercareView is the 修復・再開連絡・対策 tab of a failure (第4条第7号・第9号・
// 第10号) and the ログ保全・再開連絡 tab of a misconduct (第5条第7号, 第8号ウ): the
// records those provisions ask for, which the reports print. Each panel
// records with a dialog; after a write the tab reads the case again.
type aftercareView struct {
	env *Env
	c   data.Case

	// OnChanged is called after a write, so that the case screen can show
	// the new state (the procedure's next step, the audit head).
	OnChanged func()

	repair     *repairPanel
	notify     *notificationsPanel
	prevention *preventionPanel
	logs       *logsPanel
	content    fyne.CanvasObject
}

func newAftercareView(env *Env, c data.Case) *aftercareView {
	v := &aftercareView{env: env, c: c}
	changed := func(err error) {
		if err != nil {
			ShowError(err, env.Window)
		}
		env.saved()
		if err := v.Reload(); err != nil {
			ShowError(err, env.Window)
		}
		if v.OnChanged != nil {
			v.OnChanged()
		}
	}
	v.notify = newNotificationsPanel(env, changed)
	var parts []fyne.CanvasObject
	switch c.Class {
	case data.ClassFailure:
		v.repair = newRepairPanel(env, changed)
		v.prevention = newPreventionPanel(env, changed)
		parts = []fyne.CanvasObject{v.repair.Content(), v.notify.Content(), v.prevention.Content()}
	case data.ClassMisconduct:
		v.logs = newLogsPanel(env, changed)
		parts = []fyne.CanvasObject{v.logs.Content(), v.notify.Content()}
	}
	box := container.NewVBox(captionText(i18n.T("aftercare.intro")))
	for i, p := range parts {
		if i > 0 {
			box.Add(widget.NewSeparator())
		}
		box.Add(p)
	}
	v.content = container.NewVScroll(container.NewPadded(box))
	return v
}

func (v *aftercareView) Content() fyne.CanvasObject { return v.content }

// Reload reads the case's records again.
func (v *aftercareView) Reload() error {
	c, err := v.env.Store.Case(v.c.ID)
	if err != nil {
		return err
	}
	v.c = c
	for _, load := range []func(data.Case) error{v.notify.load} {
		if err := load(c); err != nil {
			return err
		}
	}
	if v.repair != nil {
		if err := v.repair.load(c); err != nil {
			return err
		}
		if err := v.prevention.load(c); err != nil {
			return err
		}
	}
	if v.logs != nil {
		return v.logs.load(c)
	}
	return nil
}
