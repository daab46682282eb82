package app

import (
	"path/filepath"

	"github.com/osaki-city/kinkyu/forms"
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

// onVerifyPDF is 文書 > PDFの署名を確認…: the signatures of a PDF, and whether
// this case file knows their certificates.
func (w *mainWindow) onVerifyPDF() {
	if w.env == nil {
		return
	}
	forms.ShowVerifyPDF(w.env)
}
