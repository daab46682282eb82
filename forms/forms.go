// Package forms holds the screens of the app: one Fyne screen per file, each an
// unexported struct built by newXxx, laid out by buildUI, with onXxx handlers.
// Screens reach the case file only through data.Store and take every word they
// show from i18n.
package forms

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// Officer is who sits at the keyboard: named on every step they tick and, with
// the role, in the audit log.
type Officer struct {
	Name string
	Role data.Role
}

// Actor is how the audit log names the officer: 山田（セキュリティ責任者）. Without
// a name it is the role alone, so that no change is ever attributed to nobody.
// It is Japanese whatever the UI language, as all the case file keeps.
func (o Officer) Actor() string {
	name := strings.TrimSpace(o.Name)
	switch {
	case name == "":
		return o.Role.Label()
	case o.Role.Label() == "":
		return name
	}
	return i18n.JA("app.officer.actor", map[string]any{"Name": name, "Role": o.Role.Label()})
}

// Env is what the screens of one open case file share.
type Env struct {
	Window  fyne.Window
	Store   data.Store
	Officer func() Officer
	// Saved is called on the UI goroutine after every change written to the
	// case file, so the window can show the new audit head and refresh lists.
	Saved func()
	// EditSettings opens the settings, for when a screen needs the officer's
	// name before it can record anything.
	EditSettings func()
	// IdentityFile is where the officer's signing certificate (.p12) is kept.
	IdentityFile func() string
	// OpenFile shows a document in the system's viewer, or prints it; nil
	// where the app cannot (the tests).
	OpenFile func(path string, print bool) error
}

func (e *Env) officer() Officer {
	if e.Officer == nil {
		return Officer{}
	}
	return e.Officer()
}

func (e *Env) saved() {
	if e.Saved != nil {
		e.Saved()
	}
}

// ShowError tells the user in their language what went wrong and what to do,
// with the technical detail folded away for the person they will call.
func ShowError(err error, win fyne.Window) {
	if err == nil {
		return
	}
	msg := newJPText(i18n.ErrorMessage(err))
	detail := widget.NewLabel(err.Error())
	detail.Wrapping = fyne.TextWrapBreak
	detail.Selectable = true
	detail.SizeName = theme.SizeNameCaptionText
	more := widget.NewAccordion(widget.NewAccordionItem(i18n.T("common.details"), detail))
	// The icon sits beside the message: Fyne's dialog icon is a watermark
	// that would lie under the text.
	icon := container.NewVBox(widget.NewIcon(theme.ErrorIcon()))
	body := container.NewVBox(container.NewBorder(nil, nil, icon, nil, msg), more)
	d := dialog.NewCustom(i18n.T("common.error"), i18n.T("common.close"), body, win)
	d.Resize(fyne.NewSize(580, 240))
	ShowDialog(win, d, nil)
}

// translate is i18n.T (the UI language, for the screens) or i18n.JA
// (Japanese, for the words the case file keeps: timeline lines are printed
// by the documents, which are Japanese whoever recorded them).
type translate = func(id string, args ...map[string]any) string

// ClassLabel names a class in the current language (the regulation's word in
// Japanese).
func ClassLabel(c data.Class) string { return classLabelIn(i18n.T, c) }

func classLabelIn(tr translate, c data.Class) string {
	if !c.Valid() {
		return ""
	}
	return tr("class." + string(c))
}

// StatusLabel names a status in the current language.
func StatusLabel(s data.Status) string { return statusLabelIn(i18n.T, s) }

func statusLabelIn(tr translate, s data.Status) string {
	if !s.Valid() {
		return ""
	}
	return tr("status." + string(s))
}

// Colours of the class badges: dark enough for white text to read at a glance
// (WCAG AA), and distinct for colour-blind readers by lightness as well as hue.
var (
	colorFailure    = color.NRGBA{R: 0xA1, G: 0x4A, B: 0x00, A: 0xFF} // dark amber
	colorMisconduct = color.NRGBA{R: 0xB7, G: 0x1C, B: 0x1C, A: 0xFF} // dark red
	colorPending    = color.NRGBA{R: 0x54, G: 0x6E, B: 0x7A, A: 0xFF} // blue grey
	colorDrillBg    = color.NRGBA{R: 0xFF, G: 0xD5, B: 0x4F, A: 0xFF} // amber
	colorDrillText  = color.NRGBA{R: 0x3E, G: 0x27, B: 0x00, A: 0xFF}
	colorBadgeText  = color.NRGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
	colorNextBg     = color.NRGBA{R: 0xE3, G: 0xF2, B: 0xFD, A: 0xFF} // light blue
	colorNoteBg     = color.NRGBA{R: 0xF3, G: 0xF4, B: 0xF6, A: 0xFF} // light grey
	colorBlockedBg  = color.NRGBA{R: 0xFF, G: 0xCD, B: 0xD2, A: 0xFF} // light red: a step held back
)

func classColor(c data.Class) color.Color {
	switch c {
	case data.ClassFailure:
		return colorFailure
	case data.ClassMisconduct:
		return colorMisconduct
	}
	return colorPending
}

// badge is a small coloured tag with a word on it: 不正行為, 訓練.
type badge struct {
	bg   *canvas.Rectangle
	text *canvas.Text
	box  *fyne.Container
}

func newBadge() *badge {
	b := &badge{bg: canvas.NewRectangle(colorPending), text: canvas.NewText("", colorBadgeText)}
	b.bg.CornerRadius = 4
	b.text.TextStyle.Bold = true
	b.text.TextSize = theme.CaptionTextSize() + 1
	inner := container.New(layout.NewCustomPaddedLayout(2, 2, 7, 7), b.text)
	// Centre vertically so a badge next to a label sits on its line.
	b.box = container.NewVBox(layout.NewSpacer(), container.NewStack(b.bg, inner), layout.NewSpacer())
	return b
}

func (b *badge) set(text string, bg, fg color.Color) {
	b.text.Text = text
	b.text.Color = fg
	b.bg.FillColor = bg
	b.text.Refresh()
	b.bg.Refresh()
	b.box.Refresh()
}

func (b *badge) setClass(c data.Class) { b.set(ClassLabel(c), classColor(c), colorBadgeText) }

func (b *badge) setDrill(on bool) {
	b.set(i18n.T("common.drill"), colorDrillBg, colorDrillText)
	if on {
		b.box.Show()
	} else {
		b.box.Hide()
	}
}

// panel puts content on a coloured background with some room around it.
func panel(bg color.Color, content fyne.CanvasObject) *fyne.Container {
	rect := canvas.NewRectangle(bg)
	rect.CornerRadius = 6
	return container.NewStack(rect, container.NewPadded(content))
}

// wrapLabel is a label that wraps at word (for Japanese: character) boundaries.
func wrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// fieldError is the red message under a field; hidden while there is none.
type fieldError struct{ *jpText }

func newFieldError() fieldError {
	l := newJPText("")
	l.ColorName = theme.ColorNameError
	l.Hide()
	return fieldError{l}
}

func (f fieldError) set(msg string) {
	f.SetText(msg)
	if msg == "" {
		f.Hide()
	} else {
		f.Show()
	}
}

// formatDuration writes a span like 2時間14分 or 3日4時間: minutes matter in the
// first hours of an incident, days later.
func formatDuration(d time.Duration) string {
	if d < 0 {
		d = 0
	}
	m := int(d / time.Minute)
	switch {
	case m < 60:
		return i18n.T("app.duration.minutes", map[string]any{"M": m})
	case m < 48*60:
		return i18n.T("app.duration.hours", map[string]any{"H": m / 60, "M": m % 60})
	}
	return i18n.T("app.duration.days", map[string]any{"D": m / (24 * 60), "H": m / 60 % 24})
}

// dateTimeWithWareki shows a time as 2026/11/27 14:05（令和8年11月27日）: the
// western form is what officers type, the era date what the documents say.
func dateTimeWithWareki(t time.Time) string {
	if t.IsZero() {
		return i18n.T("common.unknown")
	}
	return i18n.T("app.datetime_wareki", map[string]any{"DateTime": i18n.WesternDateTime(t), "Wareki": i18n.Wareki(t)})
}

// articleNumber returns N of a step's 第N条 (4 for "4-1", 5 for "5-5-a").
func articleNumber(s data.Step) int {
	n := 0
	for _, r := range s.ID {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// actorLabels joins the labels of a step's actors: 住基ネット担当者・セキュリティ責任者.
func actorLabels(roles []data.Role) string {
	labels := make([]string, 0, len(roles))
	for _, r := range roles {
		labels = append(labels, r.Label())
	}
	return strings.Join(labels, i18n.T("app.list_sep"))
}
