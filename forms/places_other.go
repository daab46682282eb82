//go:build !windows

package forms

import (
	"bufio"
	"os"
	"os/user"
	"path/filepath"
	"strings"
)

// mountRoots are where Linux desktops mount USB sticks and other disks:
// /media/USER/LABEL (Debian, Ubuntu), /run/media/USER/LABEL (Fedora, openSUSE),
// /media/LABEL and /mnt/X (mounted by hand or by fstab), /Volumes (macOS).
var mountRoots = []string{"/media", "/run/media", "/mnt", "/Volumes"}

// systemDrives lists the root folder and the mounted disks: each folder under
// the mount roots that is a mount point (on another device than its parent),
// and, below /media and /run/media, the user's own folder's. A mount point's
// name is its label.
func systemDrives() []Drive {
	out := []Drive{{Path: "/", Kind: DriveFixed}}
	name := ""
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	for _, root := range mountRoots {
		dirs := []string{root}
		if name != "" && (root == "/media" || root == "/run/media") {
			dirs = append(dirs, filepath.Join(root, name))
		}
		for _, dir := range dirs {
			entries, err := os.ReadDir(dir)
			if err != nil {
				continue
			}
			for _, e := range entries {
				p := filepath.Join(dir, e.Name())
				if !e.IsDir() || !isMountPoint(p) {
					continue
				}
				kind := DriveFixed
				if root != "/mnt" {
					kind = DriveRemovable // mounted by the desktop: a stick, a card, a phone
				}
				out = append(out, Drive{Path: p, Label: e.Name(), Kind: kind})
			}
		}
	}
	return out
}

// isMountPoint reports whether dir is on another device than its parent.
func isMountPoint(dir string) bool {
	a, err := os.Stat(dir)
	if err != nil {
		return false
	}
	b, err := os.Stat(filepath.Dir(dir))
	if err != nil {
		return false
	}
	return !os.SameFile(a, b) && deviceOf(a) != deviceOf(b)
}

// knownFolder is the user's Documents or Desktop folder: the XDG user folder
// (~/ドキュメント on a Japanese desktop), else ~/Documents or ~/Desktop.
func knownFolder(which string) string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	key, def := "XDG_DOCUMENTS_DIR", "Documents"
	if which == "desktop" {
		key, def = "XDG_DESKTOP_DIR", "Desktop"
	}
	if p := xdgUserDir(home, key); p != "" {
		return p
	}
	return filepath.Join(home, def)
}

// xdgUserDir reads one line of ~/.config/user-dirs.dirs
// (XDG_DOCUMENTS_DIR="$HOME/ドキュメント").
func xdgUserDir(home, key string) string {
	config := os.Getenv("XDG_CONFIG_HOME")
	if config == "" {
		config = filepath.Join(home, ".config")
	}
	f, err := os.Open(filepath.Join(config, "user-dirs.dirs"))
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		v, ok := strings.CutPrefix(line, key+"=")
		if !ok {
			continue
		}
		v = strings.Trim(v, `"`)
		v = strings.Replace(v, "$HOME", home, 1)
		if v == home || !filepath.IsAbs(v) {
			return "" // XDG says: the home itself means "none"
		}
		return v
	}
	return ""
}
