package forms

import (
	"strings"
	"sync"
	"unicode/utf8"

	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
)

// fieldDraft keeps what is typed into one field that is not yet a record (the
// 経過 quick entry, the note of a call, a correction being written) as a draft
// in the case file (issue #14: nothing typed is lost): saved as the typing
// pauses, like the forms (autosave.go), shown again in the field when it is
// next opened, and removed once recorded or emptied.
type fieldDraft struct {
	env    *Env
	caseID int64
	key    string
	saver  *autosaver

	mu    sync.Mutex
	text  string
	saved string // the text the file holds for the field
}

var (
	draftsMu sync.Mutex
	// liveDrafts are the drafts of the fields shown, which FlushDrafts saves
	// (the window closing, another case, Ctrl+S).
	liveDrafts = map[*fieldDraft]bool{}
)

func newFieldDraft(env *Env, caseID int64, key string) *fieldDraft {
	d := &fieldDraft{env: env, caseID: caseID, key: key}
	d.saver = newAutosaver(0, d.save, nil)
	draftsMu.Lock()
	liveDrafts[d] = true
	draftsMu.Unlock()
	return d
}

// stored is the text kept for the field, "" when none (or the file cannot
// be read: the field then simply starts empty).
func (d *fieldDraft) stored() string {
	if d.env == nil || d.env.Store == nil {
		return ""
	}
	ds, err := d.env.Store.Drafts(d.caseID)
	if err != nil {
		return ""
	}
	for _, x := range ds {
		if x.CaseID == d.caseID && x.Key == d.key {
			d.mu.Lock()
			d.text, d.saved = x.Text, x.Text
			d.mu.Unlock()
			return x.Text
		}
	}
	return ""
}

// Changed notes the field's text; it is saved once the typing pauses.
func (d *fieldDraft) Changed(text string) {
	d.mu.Lock()
	same := text == d.text
	d.text = text
	d.mu.Unlock()
	if !same {
		d.saver.Changed()
	}
}

// Recorded removes the draft at once: the text is now a record.
func (d *fieldDraft) Recorded() {
	d.Changed("")
	_ = d.saver.Flush()
}

// Flush saves the draft now if it waits to be saved.
func (d *fieldDraft) Flush() error { return d.saver.Flush() }

// Close saves the draft and lets go of it (its dialog closed).
func (d *fieldDraft) Close() {
	_ = d.Flush()
	draftsMu.Lock()
	delete(liveDrafts, d)
	draftsMu.Unlock()
}

func (d *fieldDraft) save() error {
	d.mu.Lock()
	text, saved := d.text, d.saved
	d.mu.Unlock()
	if strings.TrimSpace(text) == "" && saved == "" || text == saved {
		return nil // the file already holds it (a line recorded before it was ever kept)
	}
	err := d.env.Store.SetDraft(d.caseID, d.key, text)
	switch {
	case data.ErrorCode(err) == data.EREADONLY:
		return nil // a file open for reading only keeps nothing: nothing to retry
	case err != nil:
		return err
	}
	d.mu.Lock()
	d.saved = text
	if strings.TrimSpace(text) == "" {
		d.saved = ""
	}
	d.mu.Unlock()
	return nil
}

// FlushDrafts saves every draft of env's fields still waiting to be saved.
func FlushDrafts(env *Env) error {
	draftsMu.Lock()
	all := make([]*fieldDraft, 0, len(liveDrafts))
	for d := range liveDrafts {
		if d.env == env {
			all = append(all, d)
		}
	}
	draftsMu.Unlock()
	var first error
	for _, d := range all {
		if err := d.Flush(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// closeCaseDrafts saves and lets go of the drafts of env's fields of a case
// (the case is no longer shown: its dialogs and pages are gone).
func closeCaseDrafts(env *Env, caseID int64) {
	draftsMu.Lock()
	var all []*fieldDraft
	for d := range liveDrafts {
		if d.env == env && d.caseID == caseID {
			all = append(all, d)
		}
	}
	draftsMu.Unlock()
	for _, d := range all {
		d.Close()
	}
}

// dialogDraft keeps the text fields of a dialog as drafts, one per field
// (key "<dialog>/<field>"), through the same fieldDraft as the 経過 line: what
// is typed is saved as the typing pauses, a window closed with the dialog open
// keeps it (FlushDrafts, and the window says so), and the next time the same
// dialog opens the fields show it again. Recording the dialog removes them;
// cancelling keeps them. caseID 0 keeps them with the file (新規事案, before
// there is a case).
type dialogDraft struct {
	env    *Env
	caseID int64
	key    string
	fields []*fieldDraft
}

func newDialogDraft(env *Env, caseID int64, key string) *dialogDraft {
	return &dialogDraft{env: env, caseID: caseID, key: key}
}

// field keeps e's text under name. What e holds now is the record's own
// text (or the field's default): only a change from it is a draft. A draft
// kept from before replaces it. Call it once e's OnChanged is set: it is
// called on as before.
func (dd *dialogDraft) field(name string, e *widget.Entry) {
	if dd == nil || dd.env == nil || dd.env.Store == nil {
		return
	}
	fd := newFieldDraft(dd.env, dd.caseID, dd.key+"/"+name)
	initial := e.Text
	if kept := fd.stored(); kept != "" {
		restoreText(e, kept)
	}
	changed := e.OnChanged
	e.OnChanged = func(text string) {
		if text == initial {
			fd.Changed("") // back to what it was: nothing to keep
		} else {
			fd.Changed(text)
		}
		if changed != nil {
			changed(text)
		}
	}
	dd.fields = append(dd.fields, fd)
}

// attach lets go of the drafts when dlg closes, however it closes (what
// waits to be saved is saved first).
func (dd *dialogDraft) attach(dlg interface{ SetOnClosed(func()) }) {
	if dd != nil {
		dlg.SetOnClosed(dd.Close)
	}
}

// Recorded removes the drafts: the dialog's text is now a record.
func (dd *dialogDraft) Recorded() {
	if dd == nil {
		return
	}
	for _, fd := range dd.fields {
		fd.Recorded()
	}
}

// Close saves the drafts and lets go of them.
func (dd *dialogDraft) Close() {
	if dd == nil {
		return
	}
	for _, fd := range dd.fields {
		fd.Close()
	}
}

// restoreText puts a kept draft into a field with the cursor at its end, where
// the officer goes on typing.
func restoreText(e *widget.Entry, text string) {
	e.SetText(text)
	lines := strings.Split(text, "\n")
	e.CursorRow = len(lines) - 1
	e.CursorColumn = utf8.RuneCountInString(lines[len(lines)-1])
	e.Refresh()
}
