package forms

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/osaki-city/kinkyu/i18n"
)

func TestThemeFontsAndVariant(t *testing.T) {
	th := NewTheme()
	assert.Equal(t, i18n.UIGothicRegular(), th.Font(fyne.TextStyle{}).Content())
	assert.Equal(t, i18n.UIGothicRegular(), th.Font(fyne.TextStyle{Italic: true}).Content())
	assert.Equal(t, i18n.UIGothicRegular(), th.Font(fyne.TextStyle{Monospace: true}).Content())
	assert.Equal(t, i18n.UIGothicBold(), th.Font(fyne.TextStyle{Bold: true}).Content())
	assert.Equal(t, i18n.UIGothicBold(), th.Font(fyne.TextStyle{Bold: true, Italic: true}).Content())
	assert.Equal(t, theme.DefaultTheme().Font(fyne.TextStyle{Symbol: true}), th.Font(fyne.TextStyle{Symbol: true}))

	light := theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantLight)
	assert.Equal(t, light, th.Color(theme.ColorNameBackground, theme.VariantDark), "always light")
	assert.Equal(t, light, th.Color(theme.ColorNameBackground, theme.VariantLight))
	assert.Equal(t, theme.DefaultTheme().Size(theme.SizeNameText), th.Size(theme.SizeNameText))
	assert.Equal(t, theme.DefaultTheme().Icon(theme.IconNameConfirm), th.Icon(theme.IconNameConfirm))
}

// unpatchedTheme is our theme with the fonts as published, to show that the
// rendering check below catches the clipping the descender fix prevents.
func unpatchedTheme() fyne.Theme {
	return &kinkyuTheme{
		regular: fyne.NewStaticResource("BIZUDGothic-Regular.ttf", i18n.GothicRegular()),
		bold:    fyne.NewStaticResource("BIZUDGothic-Bold.ttf", i18n.GothicBold()),
	}
}

// labelText is a line with kanji and with every Latin descender that matters:
// an underscore in a file name that vanishes is the worst of them.
const (
	labelKanji = "報告書"
	labelText  = labelKanji + "_gyp"
)

type rendering struct {
	img      image.Image
	text     image.Rectangle // where Fyne drew the text image, in pixels
	baseline int             // first pixel row below the baseline
	underX   [2]int          // pixel columns of the underscore
	scale    float32
}

// renderLabel draws a widget.Label with theme th at the given canvas scale, as
// the software painter of Fyne's test driver does, and locates the text in it.
func renderLabel(t *testing.T, th fyne.Theme, scale float32, text string) rendering {
	t.Helper()
	test.ApplyTheme(t, th) // also clears Fyne's font and text-size caches
	l := widget.NewLabel(text)
	w := test.NewTempWindow(t, l)
	w.Canvas().(test.WindowlessCanvas).SetScale(scale)
	w.Resize(fyne.NewSize(200, 60))

	txt := findText(t, l, text)
	require.NotNil(t, txt, "no canvas.Text %q in the label", text)
	pos, ok := absPosition(t, w.Canvas().Content(), txt, fyne.Position{})
	require.True(t, ok)

	d := fyne.CurrentApp().Driver()
	size, ascent := d.RenderedTextSize(txt.Text, txt.TextSize, txt.TextStyle, txt.FontSource)
	kanji, _ := d.RenderedTextSize(labelKanji, txt.TextSize, txt.TextStyle, txt.FontSource)
	under, _ := d.RenderedTextSize(labelKanji+"_", txt.TextSize, txt.TextStyle, txt.FontSource)
	// As the software painter (internal/painter/software/draw.go drawText):
	// the text image is as high as the line box and the baseline sits on the
	// rounded-up ascent; whatever falls below the box is lost.
	px := func(v float32) int { return int(math.Ceil(float64(v * scale))) }
	top := px(pos.Y + max(0, (txt.Size().Height-size.Height)/2))
	left := px(pos.X)
	r := rendering{
		img:      w.Canvas().Capture(),
		text:     image.Rect(left, top, left+px(size.Width), top+px(size.Height)),
		baseline: top + int(math.Ceil(float64(ascent*scale))),
		underX:   [2]int{left + px(kanji.Width), left + px(under.Width)},
		scale:    scale,
	}
	return r
}

func findText(t *testing.T, o fyne.CanvasObject, s string) *canvas.Text {
	for _, c := range children(t, o) {
		if x, ok := c.(*canvas.Text); ok && x.Text == s {
			return x
		}
		if x := findText(t, c, s); x != nil {
			return x
		}
	}
	return nil
}

// absPosition adds up the positions from o down to target.
func absPosition(t *testing.T, o, target fyne.CanvasObject, at fyne.Position) (fyne.Position, bool) {
	at = at.Add(o.Position())
	if o == target {
		return at, true
	}
	for _, c := range children(t, o) {
		if p, ok := absPosition(t, c, target, at); ok {
			return p, true
		}
	}
	return at, false
}

func children(t *testing.T, o fyne.CanvasObject) []fyne.CanvasObject {
	switch o := o.(type) {
	case *fyne.Container:
		return o.Objects
	case fyne.Widget:
		return test.TempWidgetRenderer(t, o).Objects()
	}
	return nil
}

// ink reports whether a pixel is visibly darker than the light background.
func ink(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return (r+g+b)/3>>8 < 230
}

func (r rendering) inkIn(rect image.Rectangle) int {
	n := 0
	rect = rect.Intersect(r.img.Bounds())
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			if ink(r.img, x, y) {
				n++
			}
		}
	}
	return n
}

// descenderDepth is how far below the baseline, in pixels, the deepest of
// "_gyp" reaches in the outline itself at this size: what must be visible.
func descenderDepth(t *testing.T, ttf []byte, size float32) float64 {
	t.Helper()
	f, err := sfnt.Parse(ttf)
	require.NoError(t, err)
	var buf sfnt.Buffer
	deepest := fixed.Int26_6(0)
	for _, ch := range "_gyp" {
		gi, err := f.GlyphIndex(&buf, ch)
		require.NoError(t, err)
		segs, err := f.LoadGlyph(&buf, gi, fixed.Int26_6(size*64), nil)
		require.NoError(t, err)
		for _, s := range segs {
			for _, p := range s.Args {
				deepest = max(deepest, p.Y) // y grows downwards in sfnt outlines
			}
		}
	}
	return float64(deepest) / 64
}

// check returns why the rendering is wrong, or "" when the glyphs are there and
// the descenders are whole.
func (r rendering) check(depth float64) string {
	var errs []string
	// (a) glyphs drawn: a line of 7 characters has plenty of ink.
	if n := r.inkIn(r.text); n < int(60*r.scale*r.scale) {
		errs = append(errs, fmt.Sprintf("only %d ink pixels in the text", n))
	}
	// (b) descenders whole: ink down to the last pixel row the outlines cover
	// by at least half, both across the line and under the underscore alone.
	lastRow := r.baseline + int(math.Ceil(depth-0.5)) - 1
	below := image.Rect(r.text.Min.X, lastRow, r.text.Max.X, lastRow+1)
	if n := r.inkIn(below); n == 0 {
		errs = append(errs, fmt.Sprintf("no ink in row %d, %.2f px below the baseline (row %d): descenders clipped", lastRow, depth, r.baseline))
	}
	under := image.Rect(r.underX[0], r.baseline, r.underX[1], lastRow+1)
	if n := r.inkIn(under); n < (r.underX[1]-r.underX[0])/2 {
		errs = append(errs, fmt.Sprintf("underscore missing: %d ink pixels in %v", n, under))
	}
	return strings.Join(errs, "; ")
}

func savePNG(t *testing.T, img image.Image, name string) string {
	t.Helper()
	dir := t.TempDir()
	if d := os.Getenv("KINKYU_RENDER_DIR"); d != "" { // to look at the images
		dir = d
	}
	p := filepath.Join(dir, name)
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	require.NoError(t, os.WriteFile(p, buf.Bytes(), 0o644))
	return p
}

// TestLabelShowsJapaneseAndWholeDescenders renders 報告書_gyp in a Label with
// our theme and checks the glyphs and the descenders; the same check on the
// published font must fail at 100 % scale, where Fyne's test painter (like the
// GL one) cuts the text to the 1-em line box and the underscore disappears.
func TestLabelShowsJapaneseAndWholeDescenders(t *testing.T) {
	test.NewTempApp(t)
	size := theme.DefaultTheme().Size(theme.SizeNameText)
	for _, scale := range []float32{1, 1.25, 1.5, 2} {
		t.Run(fmt.Sprint(scale), func(t *testing.T) {
			depth := descenderDepth(t, i18n.UIGothicRegular(), size*scale)

			ours := renderLabel(t, NewTheme(), scale, labelText)
			p := savePNG(t, ours.img, fmt.Sprintf("label-%v.png", scale))
			t.Logf("rendered %s: text %v, baseline row %d, descender %.2f px", p, ours.text, ours.baseline, depth)
			assert.Empty(t, ours.check(depth), "with the widened descender")

			published := renderLabel(t, unpatchedTheme(), scale, labelText)
			savePNG(t, published.img, fmt.Sprintf("label-%v-unpatched.png", scale))
			why := published.check(depth)
			t.Logf("published font at %v: %q", scale, why)
			if scale == 1 {
				assert.NotEmpty(t, why, "the published font clips at 100 %%: the check should have caught it")
			}
		})
	}
}

// TestKanjiAreNotTofu: three different kanji must look different; missing
// glyphs would all be the same box.
func TestKanjiAreNotTofu(t *testing.T) {
	test.NewTempApp(t)
	var imgs [][]byte
	for _, k := range []string{"報", "告", "書"} {
		r := renderLabel(t, NewTheme(), 1, k)
		require.Positive(t, r.inkIn(r.text), k)
		var buf bytes.Buffer
		require.NoError(t, png.Encode(&buf, r.img))
		imgs = append(imgs, buf.Bytes())
	}
	assert.NotEqual(t, imgs[0], imgs[1])
	assert.NotEqual(t, imgs[1], imgs[2])
	assert.NotEqual(t, imgs[0], imgs[2])
}

// setOSLocale sets the locale variables go-locale reads on Linux, the way a
// user's session would.
func setOSLocale(t *testing.T, langVar, language string) {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES"} {
		t.Setenv(v, "")
	}
	t.Setenv("LANG", langVar)
	t.Setenv("LANGUAGE", language)
}

// buttonTexts collects the texts of the buttons under o.
func buttonTexts(t *testing.T, o fyne.CanvasObject) []string {
	var out []string
	if b, ok := o.(*widget.Button); ok {
		out = append(out, b.Text)
	}
	for _, c := range children(t, o) {
		out = append(out, buttonTexts(t, c)...)
	}
	return out
}

func confirmButtons(t *testing.T) []string {
	t.Helper()
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fyne.NewSize(400, 300))
	dialog.NewConfirm("確認", "削除しますか？", func(bool) {}, w).Show()
	top := w.Canvas().Overlays().Top()
	require.NotNil(t, top)
	return buttonTexts(t, top)
}

// TestApplyFyneLanguage: Fyne's own strings follow our setting whatever the OS
// locale is. One test, in order, because Fyne's lang package is global.
func TestApplyFyneLanguage(t *testing.T) {
	test.NewTempApp(t)

	// What the obvious way gives, for the record: lang.AddTranslationsFS adds
	// Japanese, but Fyne still matches the OS locale, so a German or English
	// Windows would show German or English dialogs.
	setOSLocale(t, "de_DE.UTF-8", "")
	require.NoError(t, lang.AddTranslationsFS(i18n.FyneTranslations(), i18n.FyneTranslationsDir))
	assert.Equal(t, "Abbrechen", lang.L("Cancel"), "naive: follows the OS")
	setOSLocale(t, "ja_JP.UTF-8", "")
	require.NoError(t, lang.AddTranslationsFS(i18n.FyneTranslations(), i18n.FyneTranslationsDir))
	assert.Equal(t, "キャンセル", lang.L("Cancel"), "naive: only on a Japanese OS")

	osLocales := []struct{ lang, language string }{
		{"C", ""}, {"C.UTF-8", ""}, {"en_US.UTF-8", ""}, {"en_GB.UTF-8", ""}, {"de_DE.UTF-8", ""},
		{"ja_JP.UTF-8", ""}, {"pt_BR.UTF-8", ""}, {"pt_PT.UTF-8", ""}, {"zh_CN.UTF-8", ""},
		{"zh_TW.UTF-8", ""}, {"ko_KR.UTF-8", ""}, {"fr_CA.UTF-8", ""}, {"uk_UA.UTF-8", ""},
		{"de_AT.UTF-8", "de:fr:en"}, {"sv_SE.UTF-8", "ta:sv"},
	}
	for _, want := range []struct {
		setting                   string
		cancel, yes, no, name, mo string
	}{
		{"ja", "キャンセル", "はい", "いいえ", "名前", "月"},
		{"en", "Cancel", "Yes", "No", "Name", "Mon"},
		{"ja", "キャンセル", "はい", "いいえ", "名前", "月"}, // and back
	} {
		for _, l := range osLocales {
			setOSLocale(t, l.lang, l.language)
			require.NoError(t, ApplyFyneLanguage(want.setting))
			what := want.setting + " on " + l.lang + " " + l.language
			assert.Equal(t, want.cancel, lang.L("Cancel"), what)
			assert.Equal(t, want.name, lang.X("file.name", "Name"), what)
			assert.Equal(t, want.mo, lang.X("monday.short", "Mon"), what)
		}
		// A real dialog, built after the switch.
		buttons := confirmButtons(t)
		assert.Contains(t, buttons, want.yes, want.setting)
		assert.Contains(t, buttons, want.no, want.setting)
	}

	assert.Error(t, ApplyFyneLanguage("de"))
	assert.Error(t, ApplyFyneLanguage(""))
}

// TestFyneLocalesCoverFyne: ApplyFyneLanguage must overwrite every language
// Fyne ships, or a PC in a missing one would get Fyne's own translation.
func TestFyneLocalesCoverFyne(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Skipf("cannot locate the Fyne module: %v", err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "lang", "translations", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		// base.pt_BR.json → pt-BR, as go-i18n names it.
		l := strings.TrimSuffix(filepath.Base(f), ".json")
		l = strings.ReplaceAll(l[strings.LastIndex(l, ".")+1:], "_", "-")
		assert.True(t, slices.Contains(fyneLocales, l), "Fyne ships %s: add it to fyneLocales", l)
	}
}
