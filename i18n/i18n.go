// Package i18n holds everything locale-bound: the translations (Japanese first,
// English second) used alike by the screens, the reports and the command line,
// 和暦/西暦 date formatting and parsing, the embedded Japanese fonts, and the
// Japanese translation of Fyne's own strings.
package i18n

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/osaki-city/kinkyu/data"
)

// The languages of the app. Japanese is the default and the fallback: a message
// missing in English shows in Japanese rather than not at all.
const (
	Japanese = "ja"
	English  = "en"
)

// Each area of the app keeps its own pair of files, <area>.ja.toml and
// <area>.en.toml; every file matching the glob is loaded, so a new area needs no
// code here.
//
//go:embed locales/*.toml
var localeFS embed.FS

const localeGlob = "locales/*.toml"

// FyneTranslationsDir is the directory inside FyneTranslations holding Fyne's
// own strings (base.ja.json, base.en.json).
const FyneTranslationsDir = "fyne"

//go:embed fyne/*.json
var fyneFS embed.FS

// FyneTranslations returns the translations of Fyne's built-in strings (dialog
// buttons, file dialog, entry menu, calendar), in Fyne's JSON format, under
// FyneTranslationsDir. Fyne v2.7 ships no Japanese.
func FyneTranslations() embed.FS { return fyneFS }

type catalog struct {
	bundle     *goi18n.Bundle
	localizers map[string]*goi18n.Localizer
	ids        map[string]map[string]bool // language → message IDs, for Has and the tests
	err        error                      // files that did not load; the tests fail on it
}

var (
	// catalogs parse the embedded files of one language, the first time it is
	// used: a command run in Japanese never parses the English files (half of
	// the ~20 ms the files take). A broken file does not stop the others: its
	// keys then show as !id! and the tests report the error.
	catalogs = map[string]func() *catalog{
		Japanese: sync.OnceValue(func() *catalog { return loadFS(localeFS, localeGlob, Japanese) }),
		English:  sync.OnceValue(func() *catalog { return loadFS(localeFS, localeGlob, English) }),
	}
	// load parses every file at once, for the tests that compare languages.
	load = sync.OnceValue(func() *catalog { return loadFS(localeFS, localeGlob, "") })

	mu      sync.RWMutex // guards current: the GUI reads it from several goroutines
	current = Japanese
)

// loadFS parses the files of fsys matching glob, those of language lang only
// unless lang is "".
func loadFS(fsys fs.FS, glob string, lang ...string) *catalog {
	only := ""
	if len(lang) > 0 {
		only = lang[0]
	}
	c := &catalog{
		bundle:     goi18n.NewBundle(language.Japanese),
		localizers: map[string]*goi18n.Localizer{},
		ids:        map[string]map[string]bool{},
	}
	c.bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	var errs []error
	files, err := fs.Glob(fsys, glob)
	if err != nil {
		errs = append(errs, err)
	}
	for _, name := range files {
		base := path.Base(name)
		lang := path.Ext(strings.TrimSuffix(base, ".toml"))
		if lang == "" || !slices.Contains(Languages(), lang[1:]) {
			errs = append(errs, fmt.Errorf("%s: name must be <area>.ja.toml or <area>.en.toml", name))
			continue
		}
		if only != "" && lang[1:] != only {
			continue
		}
		buf, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		mf, err := c.bundle.ParseMessageFileBytes(buf, base)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		lang = lang[1:]
		if c.ids[lang] == nil {
			c.ids[lang] = map[string]bool{}
		}
		for _, m := range mf.Messages {
			if c.ids[lang][m.ID] {
				errs = append(errs, fmt.Errorf("%s: key %q is also defined in another file", name, m.ID))
			}
			c.ids[lang][m.ID] = true
		}
	}
	for _, lang := range Languages() {
		if only == "" || lang == only {
			c.localizers[lang] = goi18n.NewLocalizer(c.bundle, lang)
		}
	}
	c.err = errors.Join(errs...)
	return c
}

// Languages lists the supported languages, the default first.
func Languages() []string { return []string{Japanese, English} }

// SetLanguage switches the language of T for the whole app: "ja" or "en".
// Screens already built keep their text until they are rebuilt.
func SetLanguage(lang string) error {
	if !slices.Contains(Languages(), lang) {
		return fmt.Errorf("i18n: unsupported language %q (supported: %s)", lang, strings.Join(Languages(), ", "))
	}
	mu.Lock()
	current = lang
	mu.Unlock()
	return nil
}

// Language returns the current language, "ja" unless SetLanguage changed it.
func Language() string {
	mu.RLock()
	defer mu.RUnlock()
	return current
}

// T returns the message id in the current language, filled with args (go
// templates: {{.Name}}; several maps are merged). A "Count" entry also selects
// the plural form in English. A key missing in every language comes back as
// "!id!" so that it is seen, and T never panics.
func T(id string, args ...map[string]any) string {
	return localize(Language(), id, args...)
}

// JA returns the message id in Japanese whatever the UI language, filled as T
// fills it. The words the case file keeps (timeline lines, audit details) and
// the documents print are Japanese: an officer using the English screens must
// not write English lines that the agenda or a report then prints.
func JA(id string, args ...map[string]any) string {
	return localize(Japanese, id, args...)
}

// localize is T in the language lang.
func localize(lang, id string, args ...map[string]any) string {
	c := catalogs[lang]()
	cfg := &goi18n.LocalizeConfig{MessageID: id}
	if len(args) > 0 {
		d := map[string]any{}
		for _, a := range args {
			maps.Copy(d, a)
		}
		cfg.TemplateData = d
		if n, ok := d["Count"]; ok {
			cfg.PluralCount = n
		}
	}
	loc := c.localizers[lang]
	s, err := loc.Localize(cfg)
	if s == "" && cfg.PluralCount != nil { // a Count that is no number: ignore it
		cfg.PluralCount = nil
		s, err = loc.Localize(cfg)
	}
	if s == "" && err != nil {
		return "!" + id + "!"
	}
	return s
}

// Has reports whether id has a message in the current language.
func Has(id string) bool {
	lang := Language()
	return catalogs[lang]().ids[lang][id]
}

// textLimits are the lengths the "toolong" messages quote, by field.
var textLimits = map[string]int{
	"title": data.MaxTitleRunes,
	"text":  data.MaxTextRunes,
	"name":  data.MaxNameRunes,
}

// ErrorMessage turns err into a message for the user, without technical detail
// (the UI shows err.Error() in a details pane). A *data.Error anywhere in the
// chain gives "error.<code>"; a validation failure gives the most specific of
// "invalid.<field>.<rule>", "invalid.<rule>" and "error.invalid"; anything else
// is "error.internal". nil gives "".
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	e := data.AsError(err)
	if e == nil {
		return T("error.internal")
	}
	if e.Code == data.EINVALID {
		args := map[string]any{"Field": FieldName(e.Field)}
		for k, v := range e.Args {
			args[k] = v
		}
		if n, ok := textLimits[e.Field]; ok {
			args["Max"] = groupDigits(n)
		}
		var ids []string
		if e.Rule != "" {
			if e.Field != "" {
				ids = append(ids, "invalid."+e.Field+"."+e.Rule)
			}
			ids = append(ids, "invalid."+e.Rule)
		}
		for _, id := range append(ids, "error.invalid") {
			if Has(id) {
				return T(id, args)
			}
		}
	}
	// A code may have a message for one field ("error.exists.doc_number":
	// a number already given, not a file already there).
	if id := "error." + e.Code + "." + e.Field; e.Code != "" && e.Field != "" && Has(id) {
		return T(id)
	}
	if id := "error." + e.Code; e.Code != "" && Has(id) {
		return T(id)
	}
	return T("error.internal")
}

// FieldName returns the label of a data field ("title" → 件名) from the key
// "field.<name>", or a neutral word when the field has no label.
func FieldName(field string) string {
	if id := "field." + field; field != "" && Has(id) {
		return T(id)
	}
	return T("field.unknown")
}

// groupDigits writes n with thousands separators (100000 → 100,000), as both
// languages write long numbers in messages.
func groupDigits(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
