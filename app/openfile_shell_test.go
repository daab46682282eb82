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
	err := shellOpen(noPrint, true)
	assert.Equal(t, []string{"print", "open"}, verbs, "no print verb: the PDF opens")
	var de *data.Error
	if assert.True(t, errors.As(err, &de)) {
		assert.Equal(t, "print_opened", de.Rule)
	}
	assert.Contains(t, i18n.ErrorMessage(err), "Ctrl+P")

	verbs = nil
	assert.NoError(t, shellOpen(noPrint, false))
	assert.Equal(t, []string{"open"}, verbs)

	none := func(string) error { return errors.New("no app") }
	err = shellOpen(none, true)
	if assert.True(t, errors.As(err, &de)) {
		assert.Equal(t, "failed", de.Rule)
	}
}
