package forms

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
)

// SCAFFOLD: replaced by the live minutes screen (issue #5).

// meetingView is the 会議 tab of a case: its meetings and the live minutes.
type meetingView struct {
	env *Env
	c   data.Case
	// OnCaseChanged is called on the UI goroutine after a decision changed the
	// case's procedure (a stop, a resumption approval).
	OnCaseChanged func()
	content       fyne.CanvasObject
}

func newMeetingView(env *Env, c data.Case) *meetingView {
	return &meetingView{env: env, c: c, content: widget.NewLabel("")}
}

func (v *meetingView) Content() fyne.CanvasObject { return v.content }
func (v *meetingView) Reload() error              { return nil }
func (v *meetingView) Flush() error               { return nil }
