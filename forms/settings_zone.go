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

// zoneField edits the case file's time zone in the 設定 dialog: an IANA
// name, typed or picked from the usual ones.
type zoneField struct {
	entry *widget.SelectEntry
	err   fieldError
}

// zoneChoices are offered in the list; any IANA name may be typed.
var zoneChoices = []string{data.DefaultTimeZone, "UTC"}

func newZoneField(cur string) *zoneField {
	f := &zoneField{entry: widget.NewSelectEntry(zoneChoices), err: newFieldError()}
	if cur == "" {
		cur = data.DefaultTimeZone
	}
	f.entry.SetText(cur)
	return f
}

// label and field are the row of the dialog's form layout.
func (f *zoneField) label() fyne.CanvasObject { return widget.NewLabel(i18n.T("settings.timezone")) }

func (f *zoneField) field() fyne.CanvasObject {
	note := newJPText(i18n.T("settings.timezone_note"))
	note.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(f.entry, f.err, note)
}

// value is the zone typed, Asia/Tokyo when blank.
func (f *zoneField) value() string {
	if v := strings.TrimSpace(f.entry.Text); v != "" {
		return v
	}
	return data.DefaultTimeZone
}

// check shows why the zone typed is refused; false when it is.
func (f *zoneField) check() bool {
	if _, err := data.CheckTimeZone(f.value()); err != nil {
		f.err.set(i18n.ErrorMessage(err))
		return false
	}
	f.err.set("")
	return true
}
