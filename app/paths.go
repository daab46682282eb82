package app

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// CaseFileName is the name of the default case file in the user's data folder.
const CaseFileName = "事案.kinkyu"

// DataDir is the app's folder in the user's data folder, created when missing:
// $XDG_DATA_HOME/kinkyu (~/.local/share/kinkyu) on Linux, %AppData%\kinkyu on
// Windows, ~/Library/Application Support/kinkyu on macOS.
func DataDir() (string, error) {
	var base string
	if runtime.GOOS == "linux" {
		base = os.Getenv("XDG_DATA_HOME")
		if base == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("find the data folder: %w", err)
			}
			base = filepath.Join(home, ".local", "share")
		}
	} else {
		dir, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("find the data folder: %w", err)
		}
		base = dir
	}
	dir := filepath.Join(base, "kinkyu")
	// 0700: the folder holds incident records and, later, signing keys.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("create the data folder %s: %w", dir, err)
	}
	return dir, nil
}

// DefaultCaseFile is the case file the app opens when none is named.
func DefaultCaseFile() (string, error) {
	dir, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, CaseFileName), nil
}
