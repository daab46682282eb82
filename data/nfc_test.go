package data

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Decomposed text (か + U+3099, as a Mac pastes it) is stored composed; what
// NFC leaves alone (half-width ｶﾞ, ASCII, a variation selector) is kept.
func TestValidateNormalizesTypedText(t *testing.T) {
	e := Entry{At: time.Now(), Kind: EntryNote, Text: "か\u3099いとう、ｶﾞｲﾄﾞ、葛\U000E0100、cafe\u0301"}
	require.NoError(t, e.Validate())
	assert.Equal(t, "がいとう、ｶﾞｲﾄﾞ、葛\U000E0100、café", e.Text)

	c := Case{Title: "ハ\u309Aスワード漏えい", Class: ClassFailure, Status: StatusOpen, DiscoveredAt: time.Now(),
		OccurredState: TimeUnknown, Discoverer: "た\u3099れ"}
	require.NoError(t, c.Validate())
	assert.Equal(t, "パスワード漏えい", c.Title)
	assert.Equal(t, "だれ", c.Discoverer)

	m := Meeting{Items: []AgendaItem{{Title: "ほ\u3099うし"}}}
	normalizeText(&m)
	assert.Equal(t, "ぼうし", m.Items[0].Title, "a meeting's items too")
}
