//go:build windows

package forms

import (
	"strings"

	"golang.org/x/sys/windows"
)

// systemDrives lists the drive letters (C:\, E:\ …) with their volume labels;
// removable drives (USB sticks, SD cards) and network drives are marked. An
// empty card reader or CD drive is left out, and asking it raises no "insert a
// disk" box (SEM_FAILCRITICALERRORS). A network drive's label is not asked
// for: an unreachable server would hold the dialog for seconds.
func systemDrives() []Drive {
	mask, err := windows.GetLogicalDrives()
	if err != nil {
		return nil
	}
	old := windows.SetErrorMode(windows.SEM_FAILCRITICALERRORS)
	defer windows.SetErrorMode(old)
	var out []Drive
	for i := 0; i < 26; i++ {
		if mask&(1<<i) == 0 {
			continue
		}
		root := string(rune('A'+i)) + `:\`
		r16, _ := windows.UTF16PtrFromString(root)
		d := Drive{Path: root}
		switch windows.GetDriveType(r16) {
		case windows.DRIVE_REMOVABLE:
			d.Kind = DriveRemovable
		case windows.DRIVE_REMOTE:
			d.Kind = DriveNetwork
			out = append(out, d)
			continue
		case windows.DRIVE_CDROM:
			d.Kind = DriveCD
		case windows.DRIVE_NO_ROOT_DIR, windows.DRIVE_UNKNOWN:
			continue
		}
		label := make([]uint16, windows.MAX_PATH+1)
		if err := windows.GetVolumeInformation(r16, &label[0], uint32(len(label)), nil, nil, nil, nil, 0); err != nil {
			if d.Kind == DriveRemovable || d.Kind == DriveCD {
				continue // no medium in it
			}
		} else {
			d.Label = strings.TrimSpace(windows.UTF16ToString(label))
		}
		out = append(out, d)
	}
	return out
}

// knownFolder is the user's Documents or Desktop folder as Windows knows it
// (moved to OneDrive or to D: by the city's policy, it is still found).
func knownFolder(which string) string {
	id := windows.FOLDERID_Documents
	if which == "desktop" {
		id = windows.FOLDERID_Desktop
	}
	p, err := windows.KnownFolderPath(id, windows.KF_FLAG_DEFAULT)
	if err != nil {
		return ""
	}
	return p
}
