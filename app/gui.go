package app

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/forms"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/icons"
)

// GUIOptions are what the command line says about opening the window.
type GUIOptions struct {
	File string // case file to open; "" for the last one used, or the default
	Demo bool   // open a throwaway demo case file instead
	Lang string // "ja" or "en"; "" for the language in the settings
}

// AppID names the app to Fyne: without a fixed ID the preferences would go to
// a new folder on every start.
const AppID = "jp.lg.osaki.kinkyu"

// Preference keys: what belongs to this computer rather than to a case file.
const (
	prefName     = "officer.name"
	prefRole     = "officer.role"
	prefLanguage = "language"
	prefLastFile = "file.last"
)

// RunGUI opens the main window and returns the exit code once it is closed.
// It never panics on a bad case file: the window opens anyway, says what is
// wrong in Japanese, and offers to open or create another file.
func RunGUI(opts GUIOptions) int {
	tightenGCWhileStarting(startupPhase)
	a := fyneapp.NewWithID(AppID)
	// The window's icon in every build: fyne package would set it from
	// FyneApp.toml, go build (make build, the Windows executables) would not.
	a.SetIcon(icons.App)
	a.Settings().SetTheme(forms.NewTheme())

	lang := opts.Lang
	if lang == "" {
		lang = a.Preferences().StringWithFallback(prefLanguage, i18n.Japanese)
	}
	if err := applyLanguage(lang); err != nil {
		// A hand-edited preference must not keep the app from starting.
		_ = applyLanguage(i18n.Japanese)
	}

	w := newMainWindow(a)
	var demoDir string
	if opts.Demo {
		dir, path, err := writeDemoFile()
		demoDir = dir
		if err != nil {
			w.showOpenError(err)
		} else {
			w.openPath(path, true)
		}
	} else {
		w.openStartFile(opts.File)
	}
	w.welcome()
	a.Lifecycle().SetOnStarted(func() {
		attachIME(w.win)
		attachKeys(w.win)
	})
	w.win.ShowAndRun()
	w.close()
	if demoDir != "" {
		_ = removeTree(demoDir)
	}
	return exitOK
}

// While the window starts, the garbage collector runs at a tighter target than
// Go's default (100). Loading the fonts and drawing the first screen make tens of
// MB of short-lived copies, and at the default target the heap grows to twice
// what it keeps before they are collected: the window's peak memory under Xvfb
// is ~181 MB instead of ~188–196 MB, for 10–50 ms more start time. Afterwards the
// default returns, so working on a large case does not pay for it.
const (
	startupGCPercent = 30
	startupPhase     = 3 * time.Second
)

// tightenGCWhileStarting sets startupGCPercent for the given time, then puts
// back the previous target. A GOGC set by the user is left alone. The returned
// function puts the target back at once (tests use it rather than racing a
// short timer on a loaded machine).
func tightenGCWhileStarting(phase time.Duration) (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	previous := debug.SetGCPercent(startupGCPercent)
	var once sync.Once
	putBack := func() { once.Do(func() { debug.SetGCPercent(previous) }) }
	timer := time.AfterFunc(phase, putBack)
	return func() { timer.Stop(); putBack() }
}

// applyLanguage switches our messages and Fyne's own (dialog buttons, the file
// dialog) together.
func applyLanguage(lang string) error {
	if err := i18n.SetLanguage(lang); err != nil {
		return err
	}
	return forms.ApplyFyneLanguage(lang)
}

// writeDemoFile writes the demo case file into a fresh temporary folder, so a
// demo never touches, nor is mistaken for, the officer's real case file.
func writeDemoFile() (dir, path string, err error) {
	dir, err = os.MkdirTemp("", "kinkyu-demo-")
	if err != nil {
		return "", "", &data.Error{Code: data.EINTERNAL, Err: fmt.Errorf("create demo folder: %w", err)}
	}
	path = filepath.Join(dir, i18n.T("app.demo.file"))
	if err := WriteDemo(path); err != nil {
		return dir, "", err
	}
	return dir, path, nil
}

// removeTree removes a folder and what is in it. os.RemoveAll deletes on
// Windows with FileDispositionInformationEx (Windows 10 1607 and later, with a
// fallback Go takes for older systems and FAT); Wine 8 answers it with an
// error Go does not fall back on ("Invalid function"), which left the demo's
// temporary folder behind. Then each entry is removed on its own, deepest
// first, with DeleteFile and RemoveDirectory.
func removeTree(dir string) error {
	err := os.RemoveAll(dir)
	if err == nil {
		return nil
	}
	var paths []string
	_ = filepath.WalkDir(dir, func(p string, _ fs.DirEntry, werr error) error {
		if werr == nil {
			paths = append(paths, p)
		}
		return nil
	})
	for i := len(paths) - 1; i >= 0; i-- {
		_ = os.Remove(paths[i])
	}
	if _, serr := os.Lstat(dir); serr == nil {
		return fmt.Errorf("remove %s: %w", dir, err)
	}
	return nil
}

// openCaseFile opens a case file. Only the default case file is created when
// missing (the first start); any other missing file is an error, so that a
// mistyped path never silently becomes a new, empty case file.
func openCaseFile(path string) (data.Store, error) {
	s, err := sqlite.Open(path)
	if err == nil {
		return s, nil
	}
	if data.ErrorCode(err) == data.EREADONLY {
		// Write-protected (a CD, a locked USB stick): read it, with the banner.
		if s, rerr := sqlite.OpenReadOnly(path); rerr == nil {
			return s, nil
		}
	}
	if data.ErrorCode(err) == data.EMISSING {
		if def, derr := DefaultCaseFile(); derr == nil && def == path {
			s, err := sqlite.Create(path)
			if err != nil {
				return nil, err
			}
			return s, nil
		}
	}
	return nil, err
}
