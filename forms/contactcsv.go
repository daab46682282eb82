package forms

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// csvFolder is where the CSV dialogs start: beside the case file.
func (v *ContactsView) csvFolder() string {
	return DocumentFolder(v.env.Store.Path())
}

// onExport writes the network as CSV (UTF-8 with BOM, for Excel) to a new
// file: our save dialog never overwrites, and the file is created exclusively.
func (v *ContactsView) onExport() {
	ps, err := v.env.Store.ContactPoints()
	if err != nil {
		ShowError(err, v.env.Window)
		return
	}
	ShowSaveFile(v.env.Window, SaveFileOptions{
		Title:   i18n.T("contactui.csv.export_title"),
		Confirm: i18n.T("contactui.csv.export_save"),
		Note:    i18n.T("contactui.csv.export_note"),
		Folder:  v.csvFolder(),
		Kind:    KindCSV,
		Name:    i18n.T("contactui.csv.export_name", map[string]any{"Date": data.Now().Format("20060102")}),
	}, func(path string) error {
		if err := exportContactsCSV(path, ps); err != nil {
			return err
		}
		ShowDialog(v.env.Window, dialog.NewInformation(i18n.T("contactui.csv.export_title"),
			i18n.T("contactui.csv.export_done", map[string]any{"N": len(ps), "Path": csvPath(path)}), v.env.Window), nil)
		return nil
	})
}

// csvPath is the file an export writes: the name as typed with .csv, where
// the save dialog added the case-file extension to a bare name.
func csvPath(path string) string {
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		return path
	}
	return strings.TrimSuffix(path, CaseFileExt) + ".csv"
}

// exportContactsCSV writes ps to a new file at path (with .csv); it refuses a
// file that exists, and leaves nothing behind when it fails.
func exportContactsCSV(path string, ps []data.ContactPoint) error {
	path = csvPath(path)
	var buf bytes.Buffer
	if err := data.WriteContactsCSV(&buf, ps); err != nil {
		return fmt.Errorf("export contacts %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return &data.Error{Code: data.EEXISTS, Err: fmt.Errorf("export contacts %s: %w", path, err)}
	}
	if err != nil {
		return &data.Error{Code: data.EREADONLY, Err: fmt.Errorf("export contacts %s: %w", path, err)}
	}
	_, err = f.Write(buf.Bytes())
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return &data.Error{Code: data.EREADONLY, Err: fmt.Errorf("export contacts %s: %w", path, err)}
	}
	return nil
}

// onImport asks for a CSV file and shows what it would import.
func (v *ContactsView) onImport() {
	ShowChoose(v.env.Window, ChooseOptions{Title: i18n.T("app.files.csv_title"), Kind: KindCSV, Ext: ".csv", Folder: v.csvFolder()}, func(path string) {
		if _, err := v.showImport(path); err != nil {
			ShowError(err, v.env.Window)
		}
	})
}

// csvErrorText says why a row was refused.
func csvErrorText(e data.CSVError) string {
	if e.Err == nil {
		return ""
	}
	switch {
	case e.Err.Rule == "columns":
		return i18n.T("contactui.csv.err_columns", map[string]any{"Got": e.Got, "Want": e.Want})
	case e.Err.Rule == "duplicate" && e.Ref > 0:
		return i18n.T("contactui.csv.err_duplicate", map[string]any{"Ref": e.Ref})
	case e.Err.Rule == "toomany":
		return i18n.T("contactui.csv.err_toomany", map[string]any{"Max": e.Want})
	case e.Err.Field == "csv" && i18n.Has("contactui.csv.err_"+e.Err.Rule):
		return i18n.T("contactui.csv.err_" + e.Err.Rule)
	}
	return i18n.ErrorMessage(e.Err)
}

// contactImport is the preview of a CSV import: the entries the file holds,
// what replacing the network with them does, and every problem with its line
// and column. 取り込む is enabled only without problems, and asks first.
type contactImport struct {
	v      *ContactsView
	path   string
	ps     []data.ContactPoint
	errs   []data.CSVError
	enc    data.TextEncoding // "" when the file could not be decoded
	plan   data.ContactImport
	total  int // entries in the network now
	rows   *widget.Table
	errTab *widget.Table
	ok     *widget.Button
	dlg    *dialog.CustomDialog
}

// showImport reads path and opens the preview; nothing changes until the
// officer confirms.
func (v *ContactsView) showImport(path string) (*contactImport, error) {
	read, err := data.ReadContactsCSVFile(path)
	if err != nil {
		return nil, err
	}
	current, err := v.env.Store.ContactPoints()
	if err != nil {
		return nil, err
	}
	im := &contactImport{v: v, path: path, ps: read.Points, errs: read.Errors, enc: read.Encoding,
		plan: data.PlanContactImport(current, read.Points), total: len(current)}
	im.buildUI()
	ShowDialog(im.v.env.Window, im.dlg, nil)
	return im, nil
}

// Columns of the preview table.
var importColumns = []string{"line", "body", "name", "primary", "tel", "night_tel", "deputy"}

func (im *contactImport) cell(row, col int) string {
	p := im.ps[row]
	city, pref := cityAndPrefecture(im.v.env.Store)
	switch importColumns[col] {
	case "line":
		return strconv.Itoa(row + 1)
	case "body":
		return p.Body.Label(city, pref)
	case "name":
		return contactTitle(p, city, pref)
	case "primary":
		return p.Primary.Name
	case "tel":
		return p.Primary.TEL
	case "night_tel":
		return nightNumber(p.Primary)
	case "deputy":
		return p.Deputy.Name
	}
	return ""
}

func (im *contactImport) buildUI() {
	file := newJPText(i18n.T("contactui.csv.file", map[string]any{"Path": im.path}))
	file.SizeName = theme.SizeNameCaptionText
	// Which encoding was read, so that an officer whose names look wrong
	// knows why (and one whose file could not be read sees it at once).
	encText := i18n.T("contactui.csv.encoding_unknown")
	if im.enc != "" {
		encText = i18n.T("contactui.csv.encoding", map[string]any{"Encoding": i18n.T("contact.csv.encoding." + string(im.enc))})
	}
	enc := newJPText(encText)
	enc.SizeName = theme.SizeNameCaptionText
	var summary *jpText
	if im.enc == "" && len(im.errs) == 1 {
		// A file that could not be decoded (or is too large) has one reason,
		// said in full here: the errors table cuts long reasons short.
		e := im.errs[0]
		summary = newJPText(i18n.T("contactui.csv.unreadable", map[string]any{"Why": csvErrorText(e), "Line": e.Line}))
		summary.ColorName = theme.ColorNameError
	} else if len(im.errs) > 0 {
		summary = newJPText(i18n.T("contactui.csv.has_errors", map[string]any{"N": len(im.errs)}))
		summary.ColorName = theme.ColorNameError
	} else if len(im.ps) == 0 {
		summary = newJPText(i18n.T("contactui.csv.no_rows"))
		summary.ColorName = theme.ColorNameError
	} else {
		summary = newJPText(i18n.T("contactui.csv.summary", map[string]any{"N": len(im.ps),
			"Added": len(im.plan.Added), "Updated": len(im.plan.Updated), "Removed": len(im.plan.Removed)}))
	}
	summary.TextStyle.Bold = true
	head := container.NewVBox(file, enc, summary)
	if len(im.errs) == 0 && len(im.ps) > 0 && im.plan.RemovesMost() {
		warn := newJPText(i18n.T("contactui.csv.removes_most", im.removals()))
		warn.ColorName = theme.ColorNameError
		warn.TextStyle.Bold = true
		head.Add(warn)
	}

	im.rows = headedTable(len(im.ps), "contactui.csv.col.", importColumns,
		[]float32{48, 150, 230, 130, 150, 150, 130}, im.cell)
	im.errTab = headedTable(len(im.errs), "contactui.csv.err.", []string{"line", "column", "why"},
		[]float32{64, 150, 760}, func(row, col int) string {
			e := im.errs[row]
			switch col {
			case 0:
				return strconv.Itoa(e.Line)
			case 1:
				return csvColumnLabel(e.Column)
			}
			return csvErrorText(e)
		})

	tabs := container.NewAppTabs(
		container.NewTabItem(i18n.T("contactui.csv.rows_tab", map[string]any{"N": len(im.ps)}), im.rows))
	if len(im.errs) > 0 {
		errItem := container.NewTabItem(i18n.T("contactui.csv.errors_tab", map[string]any{"N": len(im.errs)}), im.errTab)
		tabs.Append(errItem)
		tabs.Select(errItem)
	}
	note := captionText(i18n.T("contactui.csv.note"))
	cancel := widget.NewButtonWithIcon(i18n.T("common.cancel"), theme.CancelIcon(), func() { im.dlg.Hide() })
	im.ok = widget.NewButtonWithIcon(i18n.T("contactui.csv.import"), theme.UploadIcon(), im.onImport)
	im.ok.Importance = widget.HighImportance
	if len(im.errs) > 0 || len(im.ps) == 0 {
		im.ok.Disable()
	}
	body := container.NewBorder(head, note, nil, nil, tabs)
	im.dlg = dialog.NewCustomWithoutButtons(i18n.T("contactui.csv.import_title"), body, im.v.env.Window)
	im.dlg.SetButtons([]fyne.CanvasObject{cancel, im.ok})
	im.dlg.Resize(fyne.NewSize(1080, 600))
}

// csvColumnLabel is the column an error is in; the whole row when none.
func csvColumnLabel(c string) string {
	if c == "" {
		return i18n.T("contactui.csv.whole_row")
	}
	return c
}

// removals are the figures of the removal warnings.
func (im *contactImport) removals() map[string]any {
	return map[string]any{"Total": im.total, "Removed": len(im.plan.Removed)}
}

// onImport replaces the network with the file's entries once the officer
// confirms; an import that removes more than half of the entries asks about
// the removals themselves, naming how many and which.
func (im *contactImport) onImport() {
	if len(im.errs) > 0 || len(im.ps) == 0 {
		return
	}
	title := i18n.T("contactui.csv.confirm_title")
	text := i18n.T("contactui.csv.confirm_text", map[string]any{"N": len(im.ps),
		"Added": len(im.plan.Added), "Updated": len(im.plan.Updated), "Removed": len(im.plan.Removed)})
	ok := i18n.T("contactui.csv.import")
	if im.plan.RemovesMost() {
		args := im.removals()
		args["Names"] = im.removedNames()
		title = i18n.T("contactui.csv.delete_title")
		text = i18n.T("contactui.csv.delete_text", args)
		ok = i18n.T("contactui.csv.delete_ok", args)
	}
	replace := func() {
		if err := im.v.env.Store.ReplaceContactPoints(im.ps); err != nil {
			ShowError(err, im.v.env.Window)
			return
		}
		im.dlg.Hide()
		im.v.selected = 0
		im.v.editor.setPoint(newContactPoint(data.BodyOther))
		im.v.env.saved()
		im.v.reloadShown()
	}
	if !im.plan.RemovesMost() {
		confirm(im.v.env.Window, title, text, ok, i18n.T("common.cancel"), replace)
		return
	}
	// The removals are what the officer must not approve by habit: the
	// button names them and is coloured as a deletion.
	conf := dialog.NewConfirm(title, text, func(yes bool) {
		if yes {
			replace()
		}
	}, im.v.env.Window)
	conf.SetConfirmText(ok)
	conf.SetDismissText(i18n.T("common.cancel"))
	conf.SetConfirmImportance(widget.DangerImportance)
	ShowDialog(im.v.env.Window, conf, nil)
}

// removedNames lists the entries an import removes, one a line, the first
// eight of them (a network has about a dozen).
func (im *contactImport) removedNames() string {
	const shown = 8
	city, pref := cityAndPrefecture(im.v.env.Store)
	var lines []string
	for i, p := range im.plan.Removed {
		if i == shown {
			lines = append(lines, i18n.T("contactui.csv.delete_more", map[string]any{"N": len(im.plan.Removed) - shown}))
			break
		}
		lines = append(lines, "・"+contactTitle(p, city, pref))
	}
	return strings.Join(lines, "\n")
}

// headedTable is a read-only table of rows under a bold header row whose
// words are the i18n keys keyPrefix+column.
func headedTable(rows int, keyPrefix string, columns []string, widths []float32, cell func(row, col int) string) *widget.Table {
	t := widget.NewTable(
		func() (int, int) { return rows + 1, len(columns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row == 0 {
				l.TextStyle.Bold = true
				l.SetText(i18n.T(keyPrefix + columns[id.Col]))
				return
			}
			l.TextStyle.Bold = false
			l.SetText(cell(id.Row-1, id.Col))
		})
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	return t
}
