package reports_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/reports"
)

var anchorHead = data.ChainHead{Seq: 154, Hash: "90ef12ab34cd56ef7890abcdef1234567890abcdef1234567890abcdef1277ee"}

func anchorDoc(t *testing.T, head data.ChainHead) []byte {
	t.Helper()
	d := reports.New(reports.Options{Title: "いかりの試験", Date: time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC),
		AuditHead: reports.AuditHead(head.Seq, head.Hash), Head: head})
	d.Title("いかりの試験")
	d.Paragraph("本文")
	b, err := d.Bytes()
	require.NoError(t, err)
	return b
}

// The whole head is in the text of every page and in the Info dictionary.
func TestDocumentCarriesTheWholeHead(t *testing.T) {
	b := anchorDoc(t, anchorHead)
	assert.Contains(t, pdfText(t, writeTemp(t, b), 0, 0), flat(reports.FullAuditHead(anchorHead)))
	assert.Contains(t, string(b), "/KinkyuAuditHead (154 "+anchorHead.Hash+")")
}

// The head is read only from a revision a valid signature covers: a later
// incremental update cannot replace it, and an unsigned PDF is no anchor.
func TestReadAnchorTakesTheSignedHead(t *testing.T) {
	b := anchorDoc(t, anchorHead)
	_, err := reports.ReadAnchor(b)
	assert.Equal(t, reports.AnchorUnsigned, data.AsError(err).Rule)

	signed, err := reports.Sign(b, identity(t, "大崎 太郎"), reports.SignInfo{}, time.Now())
	require.NoError(t, err)
	a, err := reports.ReadAnchor(signed)
	require.NoError(t, err)
	assert.Equal(t, anchorHead, a.Head)
	assert.Equal(t, "大崎 太郎", a.Signature.SignerName)

	forged := data.ChainHead{Seq: 999, Hash: strings.Repeat("0", 64)}
	appended := append(bytes.Clone(signed), []byte("\n1 0 obj\n<< /KinkyuAuditHead (999 "+forged.Hash+") >>\nendobj\n%%EOF\n")...)
	a, err = reports.ReadAnchor(appended)
	require.NoError(t, err)
	assert.Equal(t, anchorHead, a.Head, "the appended head is outside every signature")

	// A signed PDF without a head.
	plain := reports.New(reports.Options{Title: "x"})
	plain.Paragraph("本文")
	pb, err := plain.Bytes()
	require.NoError(t, err)
	ps, err := reports.Sign(pb, identity(t, "大崎 太郎"), reports.SignInfo{}, time.Now())
	require.NoError(t, err)
	_, err = reports.ReadAnchor(ps)
	assert.Equal(t, reports.AnchorNoHead, data.AsError(err).Rule)
}

func TestChainHeadForms(t *testing.T) {
	assert.Equal(t, "#154 90ef12ab34cd56ef", anchorHead.Short(), "at least 16 hex digits (status bar)")
	h, ok := data.ParseChainHead(anchorHead.String())
	assert.True(t, ok)
	assert.Equal(t, anchorHead, h)
	for _, bad := range []string{"", "154", "0 " + anchorHead.Hash, "154 " + strings.ToUpper(anchorHead.Hash), "154 abc"} {
		_, ok := data.ParseChainHead(bad)
		assert.False(t, ok, bad)
	}
}
