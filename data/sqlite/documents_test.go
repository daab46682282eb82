package sqlite_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

func hexSum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func TestDocumentsAndKnownSigners(t *testing.T) {
	s, path := MustCreate(t)
	c := newCase("CS端末への不審な操作", data.ClassMisconduct, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	fp1, fp2 := hexSum("cert-1"), hexSum("cert-2")
	d := &data.Document{CaseID: c.ID, Kind: data.DocMisconductReport, FileName: "報告書.pdf", SHA256: hexSum("pdf"),
		Signers: []data.Signer{{Fingerprint: fp1, Name: "大崎 太郎"}, {Fingerprint: fp2, Name: "大崎 次郎"}}}
	require.NoError(t, s.RecordDocument(d, "不正行為発生報告書を作成"))
	assert.NotZero(t, d.ID)

	bad := *d
	bad.SHA256 = "not a hash"
	assert.Equal(t, "sha256", data.AsError(s.RecordDocument(&bad, "")).Field)
	bad = *d
	bad.Kind = "memo"
	assert.Equal(t, "document", data.AsError(s.RecordDocument(&bad, "")).Field)
	require.NoError(t, s.Close())

	s2, err := sqlite.Open(path)
	require.NoError(t, err)
	defer s2.Close()
	docs, err := s2.Documents(c.ID)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	assert.Equal(t, d.SHA256, docs[0].SHA256)
	assert.Equal(t, []data.Signer{{Fingerprint: fp1, Name: "大崎 太郎"}, {Fingerprint: fp2, Name: "大崎 次郎"}}, docs[0].Signers)
	sg, ok, err := s2.KnownSigner(fp2)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, "大崎 次郎", sg.Name)
	_, ok, err = s2.KnownSigner(hexSum("stranger"))
	require.NoError(t, err)
	assert.False(t, ok)

	tl, err := s2.Timeline(c.ID)
	require.NoError(t, err)
	require.Len(t, tl, 1)
	assert.True(t, strings.HasPrefix(tl[0].Text, "不正行為発生報告書"))
	rep, err := s2.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}
