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

// onBlankForms saves the blank forms into a folder the officer picks, for
// filling by hand when even this laptop is down.
func (w *mainWindow) onBlankForms() {
	forms.ShowOpenFolder(w.win, w.folder(), func(dir string) {
		opt := reports.BlankOptions{City: data.DefaultCity, Prefecture: data.DefaultPrefecture}
		if w.store != nil {
			opt.City, _ = w.store.Setting(data.SettingCity, data.DefaultCity)
			opt.Prefecture, _ = w.store.Setting(data.SettingPrefecture, data.DefaultPrefecture)
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
