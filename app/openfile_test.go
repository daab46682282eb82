package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOpenCommand(t *testing.T) {
	for _, tc := range []struct {
		goos  string
		print bool
		name  string
	}{
		{"linux", false, "xdg-open"},
		{"darwin", false, "open"},
		{"linux", true, "lp"},
		{"darwin", true, "lp"},
	} {
		name, args := openCommand(tc.goos, "/tmp/報告書 1.pdf", tc.print)
		assert.Equal(t, tc.name, name)
		assert.Equal(t, "/tmp/報告書 1.pdf", args[len(args)-1], "the path is one argument, spaces and all")
		if tc.print {
			assert.Equal(t, []string{"--", "/tmp/報告書 1.pdf"}, args, "lp: a name that starts with - is no option")
		} else {
			assert.Len(t, args, 1)
		}
	}
}
