package app

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

func TestShellOpenPrintFallback(t *testing.T) {
	var verbs []string
	noPrint := func(verb string) error {
		verbs = append(verbs, verb)
		if verb == "print" {
			return errors.New("SE_ERR_NOASSOC")
		}
		return nil
	}
	err := shellOpen(noPrint, "C:\\報告書.pdf", true)
	assert.Equal(t, []string{"print", "open"}, verbs, "no print verb: the PDF opens")
	var de *data.Error
	if assert.True(t, errors.As(err, &de)) {
		assert.Equal(t, "print_opened", de.Rule)
	}
	assert.Contains(t, i18n.ErrorMessage(err), "Ctrl+P")
	assert.Contains(t, i18n.ErrorMessage(err), `PDFは保存済みです: C:\報告書.pdf`)

	verbs = nil
	assert.NoError(t, shellOpen(noPrint, "C:\\報告書.pdf", false))
	assert.Equal(t, []string{"open"}, verbs)

	none := func(string) error { return errors.New("no app") }
	err = shellOpen(none, "C:\\報告書.pdf", true)
	if assert.True(t, errors.As(err, &de)) {
		assert.Equal(t, "print_failed", de.Rule, "nothing prints or opens PDFs")
	}
	msg := i18n.ErrorMessage(err)
	assert.Contains(t, msg, "印刷できませんでした")
	assert.Contains(t, msg, `PDFは保存済みです: C:\報告書.pdf`)
	assert.Contains(t, msg, "PDFビューアで開いて")
	assert.Contains(t, err.Error(), "no app; no app", "both causes are kept for the detail line")
	err = shellOpen(none, "C:\\報告書.pdf", false)
	if assert.True(t, errors.As(err, &de)) {
		assert.Equal(t, "failed", de.Rule)
	}
}
