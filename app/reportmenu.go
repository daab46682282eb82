package app

import (
	"path/filepath"
)

// IdentityFileName is the officer's signing certificate in the data folder.
const IdentityFileName = "署名用証明書.p12"

// identityFile is the officer's signing certificate (made on first signing).
func identityFile() string {
	dir, err := DataDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, IdentityFileName)
}

// onCreateReport is 文書 > 報告書を作成…: the report of the case shown.
func (w *mainWindow) onCreateReport() {
	if w.detail == nil {
		return
	}
	w.detail.CreateReport(identityFile())
}
