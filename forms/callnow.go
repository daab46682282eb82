package forms

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
)

// SCAFFOLD: replaced by the who-to-call-now screen (issue #6).

// callsView is the 連絡 tab of a case: whom to call now, in the order of the
// reporting chain of the case's class, and the calls made.
type callsView struct {
	env     *Env
	c       data.Case
	content fyne.CanvasObject
}

func newCallsView(env *Env, c data.Case) *callsView {
	return &callsView{env: env, c: c, content: widget.NewLabel("")}
}

func (v *callsView) Content() fyne.CanvasObject { return v.content }
func (v *callsView) Reload() error              { return nil }
