package forms

import (
	"fmt"
	"image/color"
	"io/fs"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"github.com/osaki-city/kinkyu/i18n"
)

// kinkyuTheme is Fyne's default theme, always light (printed forms and office
// lighting; one look to document and support), with the embedded BIZ UD Gothic
// so that Japanese never shows as tofu whatever fonts the PC has.
type kinkyuTheme struct {
	regular, bold fyne.Resource
}

// The UI fonts carry the widened descender: with the published metrics Fyne
// clips the bottom of g, y, p and _ (see i18n.UIGothicRegular).
var uiRegular, uiBold fyne.Resource = &uiFont{"BIZUDGothic-Regular-UI.ttf", i18n.UIGothicRegular},
	&uiFont{"BIZUDGothic-Bold-UI.ttf", i18n.UIGothicBold}

// uiFont is a theme font whose bytes are made when Fyne asks for them: Fyne
// reads a font's Content only when it loads its font cache, and keeps the
// tables it parsed rather than the bytes, so holding a 4.6 MB copy per face for
// the life of the window would be waste.
type uiFont struct {
	name    string
	content func() []byte
}

func (f *uiFont) Name() string    { return f.name }
func (f *uiFont) Content() []byte { return f.content() }

// NewTheme returns the app's theme: light, BIZ UD Gothic, Fyne's defaults
// otherwise.
func NewTheme() fyne.Theme {
	return &kinkyuTheme{regular: uiRegular, bold: uiBold}
}

// inputBorder is darker than Fyne's light default, whose empty check boxes and
// radio buttons are too faint to see on an office laptop screen.
var inputBorder = color.NRGBA{R: 0x75, G: 0x75, B: 0x75, A: 0xFF}

func (t *kinkyuTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameInputBorder {
		return inputBorder
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

// Font returns BIZ UD Gothic for text: it has no italic, so italic text is
// upright; its Latin letters are half-width and fixed, so it serves monospace
// too (and a monospace fallback font would have no kanji). Only the symbol font
// stays Fyne's.
func (t *kinkyuTheme) Font(s fyne.TextStyle) fyne.Resource {
	switch {
	case s.Symbol:
		return theme.DefaultTheme().Font(s)
	case s.Bold:
		return t.bold
	default:
		return t.regular
	}
}

func (t *kinkyuTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

func (t *kinkyuTheme) Size(n fyne.ThemeSizeName) float32 {
	return theme.DefaultTheme().Size(n)
}

// fyneLocales are the locales Fyne v2.7.1 has built-in translations for
// (fyne.io/fyne/v2/lang/translations/base.*.json), plus ja. See
// ApplyFyneLanguage; a test compares the list with the Fyne module.
var fyneLocales = []string{"en", "ja", "cs", "de", "el", "es", "fr", "pl", "pt", "pt-BR", "ru", "sv", "ta", "uk", "zh-Hans"}

// ApplyFyneLanguage makes Fyne's own strings (dialog buttons はい/いいえ/
// キャンセル, the file dialog, the entry's context menu, calendar day names)
// follow our language setting, "ja" or "en", instead of the OS locale.
//
// Fyne's lang package picks, after every change to its translations, the
// loaded language closest to the OS locale list (LANG/LANGUAGE on Linux, the
// user's UI languages on Windows and macOS), and offers no way to choose one.
// Registering our ja file as "ja" alone would therefore give Japanese only on a
// Japanese OS, and setting LANG before start-up works only on Linux. So the
// chosen language's file is registered under every locale Fyne knows: whichever
// one Fyne then matches, the messages are ours. Calling it again with the other
// language overwrites them all again.
//
// Call it before building windows (Fyne reads the strings when a widget or
// dialog is created) and from the main goroutine: Fyne's lang package has no
// lock. Translations that other code adds through lang for yet other locales
// would escape this; add them for "ja" and "en" only.
func ApplyFyneLanguage(language string) error {
	if !slices.Contains(i18n.Languages(), language) {
		return fmt.Errorf("fyne language: unsupported language %q", language)
	}
	name := i18n.FyneTranslationsDir + "/base." + language + ".json"
	buf, err := fs.ReadFile(i18n.FyneTranslations(), name)
	if err != nil {
		return fmt.Errorf("fyne language: %w", err)
	}
	for _, l := range fyneLocales {
		if err := lang.AddTranslationsForLocale(buf, fyne.Locale(l)); err != nil {
			return fmt.Errorf("fyne language: register %s as %s: %w", name, l, err)
		}
	}
	return nil
}
