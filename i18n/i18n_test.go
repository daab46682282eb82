package i18n

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

const modulePath = "github.com/osaki-city/kinkyu"

// withLanguage runs f in lang and restores the previous language.
func withLanguage(t *testing.T, lang string) {
	t.Helper()
	prev := Language()
	require.NoError(t, SetLanguage(lang))
	t.Cleanup(func() { _ = SetLanguage(prev) })
}

func TestLocalesLoad(t *testing.T) {
	c := load()
	require.NoError(t, c.err, "every embedded locale file must parse")
	for _, lang := range Languages() {
		assert.NotEmpty(t, c.ids[lang], lang)
	}
}

// localeMessages parses every embedded locale file on its own (not through the
// bundle, which would hide a key defined twice) and returns language → id →
// message text, plus the file names.
func localeMessages(t *testing.T) (map[string]map[string]string, []string) {
	t.Helper()
	files, err := fs.Glob(localeFS, localeGlob)
	require.NoError(t, err)
	require.NotEmpty(t, files)
	out := map[string]map[string]string{}
	for _, name := range files {
		buf, err := fs.ReadFile(localeFS, name)
		require.NoError(t, err)
		mf, err := goi18n.ParseMessageFileBytes(buf, path.Base(name), map[string]goi18n.UnmarshalFunc{"toml": toml.Unmarshal})
		require.NoError(t, err, name)
		lang := mf.Tag.String()
		if out[lang] == nil {
			out[lang] = map[string]string{}
		}
		for _, m := range mf.Messages {
			out[lang][m.ID] = strings.Join([]string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other}, "")
		}
	}
	return out, files
}

func TestLocaleFilesComeInPairs(t *testing.T) {
	_, files := localeMessages(t)
	for _, name := range files {
		stem := strings.TrimSuffix(path.Base(name), ".toml") // common.ja
		area := strings.TrimSuffix(stem, path.Ext(stem))     // common
		for _, lang := range Languages() {
			assert.Contains(t, files, "locales/"+area+"."+lang+".toml", "%s has no %s counterpart", name, lang)
		}
	}
}

func TestKeysMatchAcrossLanguagesAndAreNotEmpty(t *testing.T) {
	msgs, _ := localeMessages(t)
	require.ElementsMatch(t, Languages(), slices.Collect(func(yield func(string) bool) {
		for l := range msgs {
			if !yield(l) {
				return
			}
		}
	}))
	for _, a := range Languages() {
		for id, text := range msgs[a] {
			assert.NotEmpty(t, strings.TrimSpace(text), "%s: %s is empty", a, id)
			for _, b := range Languages() {
				_, ok := msgs[b][id]
				assert.True(t, ok, "%s is in %s but not in %s", id, a, b)
			}
		}
	}
}

func TestLoaderReportsBadFiles(t *testing.T) {
	c := loadFS(fstest.MapFS{
		"locales/a.ja.toml": {Data: []byte(`"x.ok" = "はい"`)},
		"locales/a.en.toml": {Data: []byte(`"x.ok" = "yes`)}, // unterminated
		"locales/b.de.toml": {Data: []byte(`"x.ok" = "ja"`)}, // unsupported language
		"locales/c.ja.toml": {Data: []byte(`"x.ok" = "重複"`)}, // duplicate key
	}, localeGlob)
	require.Error(t, c.err)
	assert.Contains(t, c.err.Error(), "a.en.toml")
	assert.Contains(t, c.err.Error(), "b.de.toml")
	assert.Contains(t, c.err.Error(), `"x.ok"`)
	assert.True(t, c.ids[Japanese]["x.ok"], "good files still load")
}

func TestT(t *testing.T) {
	withLanguage(t, Japanese)
	assert.Equal(t, "キャンセル", T("common.cancel"))
	assert.Equal(t, "!no.such.key!", T("no.such.key"))
	assert.True(t, Has("common.cancel"))
	assert.False(t, Has("no.such.key"))
	assert.Equal(t, "件名を入力してください。", T("invalid.required", map[string]any{"Field": "件名"}))
	// Several maps merge; the later wins.
	assert.Equal(t, "発見日時を入力してください。",
		T("invalid.required", map[string]any{"Field": "件名"}, map[string]any{"Field": "発見日時"}))

	require.NoError(t, SetLanguage(English))
	assert.Equal(t, English, Language())
	assert.Equal(t, "Cancel", T("common.cancel"))
	assert.Equal(t, "!no.such.key!", T("no.such.key"))
	// Count picks the plural form, and falls back to "other" or is ignored.
	assert.Equal(t, "OK", T("common.ok", map[string]any{"Count": 1}))
	assert.Equal(t, "OK", T("common.ok", map[string]any{"Count": struct{}{}}))
	assert.Equal(t, "!no.such.key!", T("no.such.key", map[string]any{"Count": 2}))

	for _, bad := range []string{"", "de", "ja-JP", "EN", "japanese"} {
		assert.Error(t, SetLanguage(bad), bad)
	}
	assert.Equal(t, English, Language(), "a refused language changes nothing")
	assert.Equal(t, []string{"ja", "en"}, Languages())
}

func TestTIsSafeForConcurrentUse(t *testing.T) {
	withLanguage(t, Japanese)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				if i%2 == 0 && j%50 == 0 {
					_ = SetLanguage(Languages()[j/50%2])
				}
				s := T("invalid.title.toolong", map[string]any{"Max": 200})
				if s == "" || strings.HasPrefix(s, "!") {
					t.Errorf("T gave %q", s)
					return
				}
				_ = Has("common.ok")
			}
		}()
	}
	wg.Wait()
}

func TestErrorMessage(t *testing.T) {
	withLanguage(t, Japanese)
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"nil", nil, ""},
		{"missing", &data.Error{Code: data.EMISSING}, "ケースファイルが見つかりません。新しく作成する場合は「ファイル > 新規ケースファイル」を使ってください。"},
		{"damaged wrapped", fmt.Errorf("open case file x.kinkyu: %w", data.Errorf(data.EDAMAGED, "integrity_check: row 3 missing")),
			"ケースファイルが破損しているため開けません。ファイルは変更していません。バックアップから復元してください。"},
		{"newer", &data.Error{Code: data.ENEWER}, "このケースファイルは新しいバージョンのアプリで作成されています。アプリを更新してください。ファイルは変更していません。"},
		{"field rule", data.Invalid("title", "required"), "件名を入力してください。"},
		{"limit from data", data.Invalid("title", "toolong"), fmt.Sprintf("件名は%d文字以内で入力してください。", data.MaxTitleRunes)},
		{"thousands", data.Invalid("text", "toolong"), "記録の内容は100,000文字以内で入力してください。長い資料はファイルとして別に保管し、記録にはその保管場所を書いてください。"},
		{"rule fallback", data.Invalid("discovered_at", "afterdiscovery"), "発見日時には発見日時以前の日時を入力してください。"},
		{"unknown field", data.Invalid("zzz", "required"), "入力内容を入力してください。"},
		{"unknown rule", data.Invalid("title", "zzz"), "入力内容に誤りがあります。赤く表示された項目を確認してください。"},
		{"unknown code", &data.Error{Code: "zzz"}, T("error.internal")},
		{"plain error", errors.New("disk on fire"), T("error.internal")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, ErrorMessage(tt.err))
		})
	}
	require.NoError(t, SetLanguage(English))
	assert.Equal(t, "The case file does not exist. To create one, use File > New Case File.", ErrorMessage(&data.Error{Code: data.EMISSING}))
	assert.Equal(t, "The title must be at most 200 characters.", ErrorMessage(data.Invalid("title", "toolong")))
}

// TestInvalidFieldsAndRules: every rule on every field gets a real sentence in
// both languages, with no template hole.
func TestInvalidFieldsAndRules(t *testing.T) {
	fields := []string{"title", "class", "status", "discovered_at", "occurred_at", "text", "at", "kind"}
	rules := []string{"required", "toolong", "encoding", "control", "afterdiscovery", "format"}
	for _, lang := range Languages() {
		withLanguage(t, lang)
		for _, f := range fields {
			assert.True(t, Has("field."+f), "%s: field.%s", lang, f)
			for _, r := range rules {
				msg := ErrorMessage(data.Invalid(f, r))
				assert.NotEqual(t, T("error.invalid"), msg, "%s: %s.%s has only the generic message", lang, f, r)
				assertSentence(t, msg, lang+": "+f+"."+r)
			}
		}
	}
}

func assertSentence(t *testing.T, msg, what string) {
	t.Helper()
	assert.NotEmpty(t, msg, what)
	assert.False(t, strings.HasPrefix(msg, "!"), "%s: missing key: %s", what, msg)
	assert.NotContains(t, msg, "<no value>", what)
	assert.NotContains(t, msg, "{{", what)
}

// repoRoot is the module root, one level above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(root, "go.mod"))
	require.NoError(t, err, "the module root must hold go.mod")
	return root
}

// goFiles parses every non-test .go file of the module, skipping vendor,
// testdata, hidden and _ directories and nested modules, as the go tool does.
func goFiles(t *testing.T) (*token.FileSet, map[string]*ast.File) {
	t.Helper()
	root := repoRoot(t)
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p == root {
				return nil
			}
			if name == "vendor" || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		files[p] = f
		return nil
	})
	require.NoError(t, err)
	return fset, files
}

// keyUse is a literal message ID passed to T (or Has) in the source.
type keyUse struct {
	key string
	pos token.Position
}

// literalKeys finds i18n.T("…") and i18n.Has("…") calls, under whatever name
// the file imports the package, and bare T("…") inside package i18n itself.
func literalKeys(fset *token.FileSet, f *ast.File, insideI18n bool) []keyUse {
	names := map[string]bool{}
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == modulePath+"/i18n" {
			if imp.Name != nil {
				names[imp.Name.Name] = true
			} else {
				names["i18n"] = true
			}
		}
	}
	var uses []keyUse
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		var fn string
		switch fun := call.Fun.(type) {
		case *ast.Ident:
			if insideI18n {
				fn = fun.Name
			}
		case *ast.SelectorExpr:
			if x, ok := fun.X.(*ast.Ident); ok && names[x.Name] {
				fn = fun.Sel.Name
			}
		}
		if fn != "T" && fn != "Has" {
			return true
		}
		if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if key, err := strconv.Unquote(lit.Value); err == nil {
				uses = append(uses, keyUse{key, fset.Position(lit.Pos())})
			}
		}
		return true
	})
	return uses
}

func TestLiteralKeysScanner(t *testing.T) {
	src := `package forms
import (
	"fmt"
	tr "github.com/osaki-city/kinkyu/i18n"
)
func f() {
	fmt.Println(tr.T("common.ok"), tr.T(` + "`invalid.required`" + `, nil))
	_ = tr.T(
		"no.such.key",
	)
	_ = other.T("not.ours")
	_ = T("not.ours.either")
}`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x.go", src, 0)
	require.NoError(t, err)
	var keys []string
	for _, u := range literalKeys(fset, f, false) {
		keys = append(keys, u.key)
	}
	assert.Equal(t, []string{"common.ok", "invalid.required", "no.such.key"}, keys)
}

// TestLiteralKeysExist fails when code anywhere in the module asks for a
// message that some language lacks. It reads the source, so it also covers
// packages added later.
func TestLiteralKeysExist(t *testing.T) {
	require.NoError(t, load().err)
	self, err := filepath.Abs(".")
	require.NoError(t, err)
	fset, files := goFiles(t)
	n := 0
	for p, f := range files {
		for _, u := range literalKeys(fset, f, filepath.Dir(p) == self) {
			n++
			for _, lang := range Languages() {
				assert.True(t, load().ids[lang][u.key], "%s: key %q is missing in %s", u.pos, u.key, lang)
			}
		}
	}
	assert.Positive(t, n, "the scanner found no T calls at all: is it broken?")
}

// TestErrorCodesHaveMessages reads the codes from data/errors.go, so that a
// new code without messages fails here.
func TestErrorCodesHaveMessages(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(repoRoot(t), "data", "errors.go"), nil, 0)
	require.NoError(t, err)
	var codes []string
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok && strings.HasPrefix(name.Name, "E") && lit.Kind == token.STRING {
					code, _ := strconv.Unquote(lit.Value)
					codes = append(codes, code)
				}
			}
		}
	}
	require.Contains(t, codes, data.EMISSING)
	for _, lang := range Languages() {
		withLanguage(t, lang)
		for _, code := range codes {
			assert.True(t, Has("error."+code), "%s: error.%s", lang, code)
			if code != data.EINTERNAL {
				assert.NotEqual(t, T("error.internal"), ErrorMessage(&data.Error{Code: code}), "%s: %s", lang, code)
			}
			assertSentence(t, ErrorMessage(&data.Error{Code: code}), lang+": "+code)
		}
	}
}

// TestValidationFailuresInSourceHaveMessages finds every Invalid("field",
// "rule") call and Error{Field: "…", Rule: "…"} literal in the module and
// checks that each gets a specific message in every language.
func TestValidationFailuresInSourceHaveMessages(t *testing.T) {
	fset, files := goFiles(t)
	type pair struct {
		field, rule string
		pos         token.Position
	}
	var found []pair
	str := func(e ast.Expr) (string, bool) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(lit.Value)
		return s, err == nil
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				name := ""
				switch fun := n.Fun.(type) {
				case *ast.Ident:
					name = fun.Name
				case *ast.SelectorExpr:
					name = fun.Sel.Name
				}
				if name == "Invalid" && len(n.Args) == 2 {
					fl, ok1 := str(n.Args[0])
					rl, ok2 := str(n.Args[1])
					if ok1 && ok2 {
						found = append(found, pair{fl, rl, fset.Position(n.Pos())})
					}
				}
			case *ast.CompositeLit:
				var fl, rl string
				for _, el := range n.Elts {
					kv, ok := el.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					k, _ := kv.Key.(*ast.Ident)
					if k == nil {
						continue
					}
					if s, ok := str(kv.Value); ok && k.Name == "Field" {
						fl = s
					} else if ok && k.Name == "Rule" {
						rl = s
					}
				}
				if fl != "" && rl != "" {
					found = append(found, pair{fl, rl, fset.Position(n.Pos())})
				}
			}
			return true
		})
	}
	require.NotEmpty(t, found)
	for _, lang := range Languages() {
		withLanguage(t, lang)
		for _, p := range found {
			msg := ErrorMessage(data.Invalid(p.field, p.rule))
			assert.NotEqual(t, T("error.invalid"), msg, "%s: %s %s.%s has no message", p.pos, lang, p.field, p.rule)
			assertSentence(t, msg, fmt.Sprintf("%s: %s %s.%s", p.pos, lang, p.field, p.rule))
		}
	}
}

// TestFyneTranslations: ours cover exactly the keys Fyne v2.7 itself ships in
// English, so a Fyne upgrade that adds strings fails here until they are
// translated.
func TestFyneTranslations(t *testing.T) {
	read := func(fsys fs.FS, name string) map[string]any {
		buf, err := fs.ReadFile(fsys, name)
		require.NoError(t, err)
		var m map[string]any
		require.NoError(t, json.Unmarshal(buf, &m), name)
		return m
	}
	ja := read(FyneTranslations(), FyneTranslationsDir+"/base.ja.json")
	en := read(FyneTranslations(), FyneTranslationsDir+"/base.en.json")
	keys := func(m map[string]any) []string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	assert.Equal(t, keys(en), keys(ja))
	for k, v := range ja {
		switch v := v.(type) {
		case string:
			assert.NotEmpty(t, v, k)
			// Fyne's calendar cuts the day name to its first three bytes
			// (widget/calendar.go shortDayName): shorter would panic.
			if strings.HasSuffix(k, "day") {
				assert.GreaterOrEqual(t, len(v), 3, k)
			}
		case map[string]any:
			assert.NotEmpty(t, v["other"], k)
		default:
			t.Errorf("%s: unexpected %T", k, v)
		}
	}
	assert.Equal(t, "キャンセル", ja["Cancel"])
	assert.Equal(t, "はい", ja["Yes"])

	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil || strings.TrimSpace(string(dir)) == "" {
		t.Skipf("cannot locate the Fyne module: %v", err)
	}
	upstream := read(os.DirFS(strings.TrimSpace(string(dir))), "lang/translations/base.en.json")
	assert.Equal(t, keys(upstream), keys(ja), "Fyne's strings changed: update i18n/fyne/*.json")
	assert.Equal(t, upstream, en, "base.en.json must be Fyne's own")
}

func TestGroupDigits(t *testing.T) {
	for n, want := range map[int]string{0: "0", 200: "200", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567", -4500: "-4,500"} {
		assert.Equal(t, want, groupDigits(n))
	}
}
