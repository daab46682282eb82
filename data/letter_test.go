package data_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

func TestLetterSettingsDefaultsAndRoundTrip(t *testing.T) {
	s, err := sqlite.Create(filepath.Join(t.TempDir(), "x.kinkyu"))
	require.NoError(t, err)
	defer s.Close()

	l, err := data.LoadLetterSettings(s)
	require.NoError(t, err)
	assert.Equal(t, data.DefaultLetterSettings(), l)
	assert.Equal(t, []string{"課長", "課長補佐", "係長", "担当"}, l.SealLabels)
	assert.False(t, l.Stamped, "（公印省略） by default")

	want := data.LetterSettings{Symbol: "大住", SenderTitle: "大崎市長", SenderName: "伊藤 康志", Stamped: true,
		SealLabels: []string{"課長", "担当"}, Contact: "市民課　佐藤\n電話 0229-23-1111"}
	require.NoError(t, data.SaveLetterSettings(s, l, want))
	got, err := data.LoadLetterSettings(s)
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

func TestLetterSettingsValidate(t *testing.T) {
	ok := data.DefaultLetterSettings()
	require.NoError(t, ok.Validate())
	for _, tc := range []struct {
		name        string
		edit        func(*data.LetterSettings)
		field, rule string
	}{
		{"symbol with 第", func(l *data.LetterSettings) { l.Symbol = "大住第" }, "letter_symbol", "numbered"},
		{"symbol too long", func(l *data.LetterSettings) { l.Symbol = strings.Repeat("大", 21) }, "letter_symbol", "toolong"},
		{"symbol newline", func(l *data.LetterSettings) { l.Symbol = "大\n住" }, "letter_symbol", "control"},
		{"no seal labels", func(l *data.LetterSettings) { l.SealLabels = nil }, "letter_seal_labels", "required"},
		{"nine seal labels", func(l *data.LetterSettings) { l.SealLabels = strings.Split("a,b,c,d,e,f,g,h,i", ",") }, "letter_seal_labels", "toomany"},
		{"long seal label", func(l *data.LetterSettings) { l.SealLabels = []string{strings.Repeat("長", 13)} }, "letter_seal_labels", "toolong"},
		{"contact five lines", func(l *data.LetterSettings) { l.Contact = "1\n2\n3\n4\n5" }, "letter_contact", "toomanylines"},
		{"contact control", func(l *data.LetterSettings) { l.Contact = "a\x07b" }, "letter_contact", "control"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := data.DefaultLetterSettings()
			tc.edit(&l)
			e := data.AsError(l.Validate())
			require.NotNil(t, e)
			assert.Equal(t, tc.field, e.Field)
			assert.Equal(t, tc.rule, e.Rule)
		})
	}
	assert.Equal(t, []string{"課長", "係長", "担当"}, data.SplitSealLabels(" 課長、係長・ 担当 "))
}
