package forms

import (
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// saveState is where the edits of a form stand against the case file.
type saveState int

const (
	saveClean  saveState = iota // nothing changed since the form was loaded
	saveDirty                   // 未保存: changed; the save waits for the typing to pause
	saveSaving                  // 保存中
	saveSaved                   // 保存済み: the store returned nil, the change is on disk
	saveFailed                  // 保存に失敗: the change is still only on the screen
)

// label is the word the save indicator shows; "" for saveClean.
func (s saveState) label() string {
	switch s {
	case saveDirty:
		return i18n.T("autosave.dirty")
	case saveSaving:
		return i18n.T("autosave.saving")
	case saveSaved:
		return i18n.T("autosave.saved")
	case saveFailed:
		return i18n.T("autosave.failed")
	}
	return ""
}

// defaultAutosaveDelay is how long the typing must pause before a save: short
// enough that a dead battery costs at most the last half second, long enough
// not to write the file at every keystroke.
const defaultAutosaveDelay = 500 * time.Millisecond

// maxAutosaveDelay caps the debounce: an edit is never more than a second away
// from the disk.
const maxAutosaveDelay = time.Second

// autosaver saves a form as it is edited, so that there is no Save button to
// forget. Call Changed on every edit; the save runs once the edits pause for
// the delay, on a background goroutine, and again if edits came in meanwhile.
// Flush saves at once (case switch, window close, Ctrl+S).
//
// save runs off the UI goroutine: it must not read widgets, but the values the
// form copied (under its own lock) when it called Changed, and it must not wait
// for the UI goroutine (fyne.DoAndWait), which may be waiting in Flush for it.
// state receives every
// change of state on the UI goroutine (through fyne.Do); saveSaved is reported
// only after save returned nil. A failed save leaves the form dirty: the next
// Changed or Flush tries again.
type autosaver struct {
	delay time.Duration
	save  func() error
	state func(saveState, error)

	mu      sync.Mutex
	idle    *sync.Cond // broadcast when a save ends
	timer   *time.Timer
	armed   bool // the timer will fire
	pending bool // there are edits the store has not yet accepted
	saving  bool
	cur     saveState // the state last reported
	seq     uint64    // numbers the reports, so that a late one never overwrites a newer one

	cbMu  sync.Mutex
	shown uint64 // the newest report delivered
}

// newAutosaver makes an autosaver; a delay of 0 or less means the default
// (500 ms), and delays above a second are cut to a second.
func newAutosaver(delay time.Duration, save func() error, state func(saveState, error)) *autosaver {
	switch {
	case delay <= 0:
		delay = defaultAutosaveDelay
	case delay > maxAutosaveDelay:
		delay = maxAutosaveDelay
	}
	a := &autosaver{delay: delay, save: save, state: state}
	a.idle = sync.NewCond(&a.mu)
	return a
}

// Changed records an edit and (re)starts the debounce timer.
func (a *autosaver) Changed() {
	a.mu.Lock()
	a.pending = true
	if a.timer == nil {
		a.timer = time.AfterFunc(a.delay, a.fire)
	} else {
		a.timer.Reset(a.delay)
	}
	a.armed = true
	rep := a.transition(saveDirty, nil)
	a.mu.Unlock()
	rep()
}

// Pending reports whether there are edits not yet on disk.
func (a *autosaver) Pending() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.pending || a.saving
}

// Flush saves now if there are edits not yet saved, waiting for a save under
// way to end first, and returns the error of the save (nil when there was
// nothing to save).
func (a *autosaver) Flush() error {
	a.mu.Lock()
	if a.timer != nil {
		a.timer.Stop()
	}
	a.armed = false
	for a.saving {
		a.idle.Wait()
	}
	if !a.pending {
		a.mu.Unlock()
		return nil
	}
	err := a.saveLocked()
	a.mu.Unlock()
	return err
}

func (a *autosaver) fire() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.armed = false
	if a.saving {
		return // the save under way sees the edit when it ends
	}
	// Save until the edits are on disk, unless the timer runs again (the
	// officer is still typing: it will call us) or a save fails.
	for a.pending && !a.armed && !a.saving {
		if a.saveLocked() != nil {
			return
		}
	}
}

// saveLocked runs one save with a.mu held on entry and on return, unlocking
// it while the store works.
func (a *autosaver) saveLocked() error {
	a.saving, a.pending = true, false
	rep := a.transition(saveSaving, nil)
	a.mu.Unlock()
	rep()
	err := a.safeSave()
	a.mu.Lock()
	a.saving = false
	a.idle.Broadcast()
	switch {
	case err != nil:
		a.pending = true // nothing is lost: the edits stay on screen, marked unsaved
		rep = a.transition(saveFailed, err)
	case a.pending:
		rep = a.transition(saveDirty, nil) // edited while saving: another save follows
	default:
		rep = a.transition(saveSaved, nil)
	}
	a.mu.Unlock()
	rep()
	a.mu.Lock()
	return err
}

// safeSave calls save and turns a panic into an error: a bug in one form must
// not take the officer's other unsaved work down with the app.
func (a *autosaver) safeSave() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("autosave: %v", r)
		}
	}()
	return a.save()
}

// transition notes a new state with a.mu held and returns the function that
// reports it, to call once a.mu is released. Reports are numbered, and the UI
// side drops any that arrives after a newer one.
func (a *autosaver) transition(s saveState, err error) func() {
	if s == a.cur && s != saveFailed {
		return func() {}
	}
	a.cur = s
	a.seq++
	seq := a.seq
	return func() {
		if a.state == nil {
			return
		}
		fyne.Do(func() {
			a.cbMu.Lock()
			defer a.cbMu.Unlock()
			if seq <= a.shown {
				return
			}
			a.shown = seq
			a.state(s, err)
		})
	}
}

// saveIndicator shows the save state of a form: 未保存, 保存中…, 保存済み or
// 保存に失敗, with an icon and a colour, and nothing while the form is clean.
// Its SetState fits the state callback of newAutosaver.
type saveIndicator struct {
	widget.BaseWidget
	icon  *widget.Icon
	label *widget.Label
	state saveState
	err   error
}

func newSaveIndicator() *saveIndicator {
	s := &saveIndicator{icon: widget.NewIcon(nil), label: widget.NewLabel("")}
	s.ExtendBaseWidget(s)
	s.SetState(saveClean, nil)
	return s
}

func (s *saveIndicator) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewHBox(s.icon, s.label))
}

// State returns the state shown and, for saveFailed, the error.
func (s *saveIndicator) State() (saveState, error) { return s.state, s.err }

// SetState shows a state; call it on the UI goroutine.
func (s *saveIndicator) SetState(st saveState, err error) {
	s.state, s.err = st, err
	var res fyne.Resource
	imp := widget.MediumImportance
	switch st {
	case saveDirty:
		res, imp = theme.NewWarningThemedResource(theme.DocumentCreateIcon()), widget.WarningImportance
	case saveSaving:
		res, imp = theme.NewPrimaryThemedResource(theme.DocumentSaveIcon()), widget.LowImportance
	case saveSaved:
		res, imp = theme.NewSuccessThemedResource(theme.ConfirmIcon()), widget.SuccessImportance
	case saveFailed:
		res, imp = theme.NewErrorThemedResource(theme.ErrorIcon()), widget.DangerImportance
	}
	s.label.Importance = imp
	text := st.label()
	if st == saveFailed {
		// Say why in a few words; the change stays on the screen.
		switch data.ErrorCode(err) {
		case data.EWRITE:
			text = i18n.T("autosave.failed_write")
		case data.EREADONLY:
			text = i18n.T("autosave.failed_readonly")
		}
	}
	s.label.SetText(text)
	s.icon.SetResource(res)
	if st == saveClean {
		s.icon.Hide()
		s.label.Hide()
	} else {
		s.icon.Show()
		s.label.Show()
	}
}
