package sqlite_test

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// Two apps on one case file: the second is refused (and may read), and can
// never write alongside the first.
func TestSecondOpenIsRefusedAndMayOnlyRead(t *testing.T) {
	first, path := MustCreate(t)
	c := newCase("二重起動の試験", data.ClassFailure, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, first.CreateCase(c))
	assert.False(t, first.ReadOnly())

	before, err := os.ReadFile(path)
	require.NoError(t, err)
	_, err = sqlite.Open(path)
	assert.Equal(t, data.ELOCKED, data.ErrorCode(err), "%v", err)
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, before, after, "the refused open changed nothing")

	second, err := sqlite.OpenReadOnly(path)
	require.NoError(t, err)
	defer second.Close()
	assert.True(t, second.ReadOnly())
	got, err := second.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "二重起動の試験", got.Title)
	err = second.AddEntry(&data.Entry{CaseID: c.ID, At: time.Now(), Text: "読み取り専用からの書き込み"})
	assert.Equal(t, data.EREADONLY, data.ErrorCode(err), "%v", err)

	// The first goes on writing, and the reader sees it.
	require.NoError(t, first.AddEntry(&data.Entry{CaseID: c.ID, At: time.Now(), Text: "一つ目の窓からの記録"}))
	tl, err := second.Timeline(c.ID)
	require.NoError(t, err)
	require.Len(t, tl, 1)
	assert.Equal(t, "一つ目の窓からの記録", tl[0].Text)

	// Once the first has closed, the file can be opened for writing again.
	require.NoError(t, first.Close())
	third, err := sqlite.Open(path)
	require.NoError(t, err)
	rep, err := third.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK(), "%+v", rep)
	require.NoError(t, third.Close())
}

func TestOpenReadOnlyRefusesWhatItCannotRead(t *testing.T) {
	dir := t.TempDir()
	old := dir + "/旧版.kinkyu"
	require.NoError(t, sqlite.CreateAtVersion(old, 1))
	_, err := sqlite.OpenReadOnly(old)
	assert.Equal(t, data.EREADONLY, data.ErrorCode(err), "an old schema needs migrating, which needs writing")
	_, err = sqlite.OpenReadOnly(dir + "/ない.kinkyu")
	assert.Equal(t, data.EMISSING, data.ErrorCode(err))
}
