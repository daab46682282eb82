package forms

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
)

// FileKind says what a file dialog chooses. Each kind remembers the folder
// last chosen for it (in this computer's settings), so that the next dialog
// of that kind starts there.
type FileKind string

const (
	KindCaseFile    FileKind = "case"        // .kinkyu case files, and their copies
	KindDocument    FileKind = "document"    // PDFs written, PDFs to verify, blank forms
	KindCertificate FileKind = "certificate" // .p12 signing certificates
	KindCSV         FileKind = "csv"         // contact lists
)

// Preference keys of the file dialogs.
const (
	prefFolderPrefix = "files.folder."
	prefRecent       = "files.recent"
	maxRecent        = 6
)

// DriveKind is what sort of drive a Drive is.
type DriveKind int

const (
	DriveFixed     DriveKind = iota // the PC's own disk
	DriveRemovable                  // a USB stick, an SD card
	DriveNetwork                    // a mapped network share
	DriveCD                         // a CD or DVD
)

// Drive is a drive letter (E:\) or a mount point (/media/USER/KINKYU).
type Drive struct {
	Path  string
	Label string // the volume label; "" when it has none
	Kind  DriveKind
}

// listDrives is systemDrives; the tests put USB sticks in.
var listDrives = systemDrives

// knownFolderOf is knownFolder; the tests use their own folders.
var knownFolderOf = knownFolder

func prefs() fyne.Preferences {
	if a := fyne.CurrentApp(); a != nil {
		return a.Preferences()
	}
	return nil
}

// StartFolder is where a dialog of kind starts: the folder last chosen for
// it, while it still exists (a USB stick may have gone), else fallback.
func StartFolder(kind FileKind, fallback string) string {
	if p := prefs(); p != nil && kind != "" {
		if dir := p.String(prefFolderPrefix + string(kind)); dir != "" && isDir(dir) {
			return dir
		}
	}
	return fallback
}

// RememberFolder keeps dir as the folder of kind and the first of the recent
// folders.
func RememberFolder(kind FileKind, dir string) {
	p := prefs()
	if p == nil || dir == "" {
		return
	}
	if kind != "" {
		p.SetString(prefFolderPrefix+string(kind), dir)
	}
	recent := slices.DeleteFunc(p.StringList(prefRecent), func(d string) bool { return samePlace(d, dir) })
	recent = append([]string{dir}, recent...)
	if len(recent) > maxRecent {
		recent = recent[:maxRecent]
	}
	p.SetStringList(prefRecent, recent)
}

// recentFolders are the folders last chosen in any dialog that still exist,
// newest first.
func recentFolders() []string {
	p := prefs()
	if p == nil {
		return nil
	}
	return slices.DeleteFunc(slices.Clone(p.StringList(prefRecent)), func(d string) bool { return !isDir(d) })
}

// DocumentFolder is where documents (PDFs, blank forms) go by default: the
// folder of the case file, unless that folder is one officers never see (the
// app's data folder under AppData or ~/.local/share; the demo's temporary
// folder under AppData\Local\Temp on Windows); then the kinkyu folder in Documents, made when missing.
func DocumentFolder(casePath string) string {
	if casePath != "" {
		if dir := filepath.Dir(casePath); !IsHiddenFolder(dir) {
			return dir
		}
	}
	docs := knownFolderOf("documents")
	if docs == "" {
		home, _ := os.UserHomeDir()
		return home
	}
	dir := filepath.Join(docs, "kinkyu")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return docs
	}
	return dir
}

// IsHiddenFolder reports whether officers would not find dir in Explorer or
// the file manager: a folder whose name starts with a dot on the way, or one
// in the user's AppData (Roaming or Local; ~/.config, ~/.cache elsewhere).
func IsHiddenFolder(dir string) bool {
	dir = filepath.Clean(dir)
	for _, part := range strings.Split(filepath.ToSlash(dir), "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			return true
		}
	}
	var roots []string
	if d, err := os.UserConfigDir(); err == nil {
		roots = append(roots, d)
	}
	if d, err := os.UserCacheDir(); err == nil {
		roots = append(roots, d)
	}
	for _, r := range roots {
		if within(filepath.Clean(r), dir) {
			return true
		}
	}
	return false
}

// within reports whether dir is root or inside it.
func within(root, dir string) bool {
	rel, err := filepath.Rel(root, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func samePlace(a, b string) bool {
	return filepath.Clean(a) == filepath.Clean(b) || strings.EqualFold(filepath.VolumeName(a), filepath.VolumeName(b)) && filepath.VolumeName(a) != "" && strings.EqualFold(filepath.Clean(a), filepath.Clean(b))
}
