package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/forms"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// writeBlankForms writes every blank form into dir (created when missing), all
// or nothing. When a form's file already exists nothing is written and its path
// is returned as existing: a filled-in copy must never be overwritten.
func writeBlankForms(dir string, opt reports.BlankOptions) (written []string, existing string, err error) {
	type form struct {
		name string
		make func(reports.BlankOptions) ([]byte, error)
		pdf  []byte
	}
	forms := []form{
		{name: i18n.T("cli.forms.misconduct_file"), make: reports.BlankMisconductReport},
		{name: i18n.T("cli.forms.failure_file"), make: reports.BlankFailureReport},
		{name: i18n.T("cli.forms.agenda_failure_file"), make: reports.BlankAgendaFailure},
		{name: i18n.T("cli.forms.agenda_misconduct_file"), make: reports.BlankAgendaMisconduct},
		{name: i18n.T("cli.forms.minutes_file"), make: reports.BlankMinutes},
		{name: i18n.T("cli.forms.contacts_file"), make: reports.BlankContactSheet},
		{name: i18n.T("cli.forms.notice_file"), make: reports.BlankChangeNotice},
	}
	for i := range forms {
		path := filepath.Join(dir, forms[i].name)
		if _, err := os.Lstat(path); err == nil {
			return nil, path, nil
		}
		if forms[i].pdf, err = forms[i].make(opt); err != nil {
			return nil, "", err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, "", &data.Error{Code: data.EREADONLY, Err: fmt.Errorf("create folder %s: %w", dir, err)}
	}
	for _, f := range forms {
		path := filepath.Join(dir, f.name)
		if err := reports.WriteFileAtomic(path, f.pdf); err != nil {
			for _, w := range written {
				_ = os.Remove(w)
			}
			return nil, "", err
		}
		written = append(written, path)
	}
	return written, "", nil
}

// blankOptions are the forms' options from a case file: its city and
// prefecture, its contact network for the blank contact sheet to name the
// bodies, and its letter settings for the blank reports' 記号 and 発信者. Without a file (s nil) the defaults.
func blankOptions(s data.Store) (reports.BlankOptions, error) {
	opt := reports.BlankOptions{City: data.DefaultCity, Prefecture: data.DefaultPrefecture}
	if s == nil {
		return opt, nil
	}
	var err error
	if opt.City, err = s.Setting(data.SettingCity, data.DefaultCity); err != nil {
		return opt, err
	}
	if opt.Prefecture, err = s.Setting(data.SettingPrefecture, data.DefaultPrefecture); err != nil {
		return opt, err
	}
	if opt.Points, err = s.ContactPoints(); err != nil {
		return opt, err
	}
	// The blank reports are 公用文: the file's 記号 and 発信者.
	if opt.Letter, err = reports.LoadLetter(s, data.BodyCity.Label(opt.City, opt.Prefecture)); err != nil {
		return opt, err
	}
	return opt, nil
}

// onBlankForms saves the blank forms into a folder the officer picks, for
// filling by hand when even this laptop is down.
func (w *mainWindow) onBlankForms() {
	forms.ShowOpenFolder(w.win, i18n.T("app.files.blank_title"), forms.KindDocument, w.documentFolder(), func(dir string) {
		opt, err := blankOptions(w.store)
		if err != nil {
			forms.ShowError(err, w.win)
			return
		}
		written, existing, err := writeBlankForms(dir, opt)
		switch {
		case existing != "":
			forms.ShowDialog(w.win, dialog.NewInformation(i18n.T("app.blank.title"), i18n.T("cli.forms.exists", map[string]any{"File": existing}), w.win), nil)
		case err != nil:
			forms.ShowError(err, w.win)
		default:
			forms.ShowDialog(w.win, dialog.NewInformation(i18n.T("app.blank.title"), i18n.T("app.blank.done", map[string]any{"Files": strings.Join(written, "\n")}), w.win), nil)
		}
	})
}
