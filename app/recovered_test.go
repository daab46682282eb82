package app

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/i18n"
)

// A case file left by a write that never finished (its pair with a hot
// journal, copied while the write was under way) is rolled back when the
// window opens it, and the window says so: the file was changed by the open.
func TestWindowTellsWhenAJournalRolledTheFileBack(t *testing.T) {
	path, c := caseFile(t)
	crashed := filepath.Join(t.TempDir(), "事案.kinkyu")

	db, err := sql.Open("sqlite3", "file:"+path+"?_txlock=immediate")
	require.NoError(t, err)
	defer db.Close()
	db.SetMaxOpenConns(1)
	_, err = db.Exec(`PRAGMA cache_size = 2`) // spill early: the file's pages change before the commit
	require.NoError(t, err)
	tx, err := db.Begin()
	require.NoError(t, err)
	for i := 0; i < 200; i++ {
		_, err = tx.Exec(`UPDATE cases SET title = ? WHERE id = ?`, strings.Repeat("書きかけ", 200), c.ID)
		require.NoError(t, err)
		_, err = tx.Exec(`CREATE TABLE IF NOT EXISTS spill` + strings.Repeat("x", i%7) + ` (v)`)
		require.NoError(t, err)
		_, err = tx.Exec(`INSERT INTO spill`+strings.Repeat("x", i%7)+` VALUES (?)`, strings.Repeat("頁", 2000))
		require.NoError(t, err)
	}
	for _, suffix := range []string{"", "-journal"} { // the crash: what is on disk now
		b, err := os.ReadFile(path + suffix)
		require.NoError(t, err, "the write under way has a hot journal")
		require.NoError(t, os.WriteFile(crashed+suffix, b, 0o600))
	}
	require.NoError(t, tx.Rollback())

	w, _ := newTestWindow(t)
	require.True(t, w.openPath(crashed, false))
	got, err := w.store.Case(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "CS端末への不審な操作", got.Title, "rolled back to the last save")
	assert.NoFileExists(t, crashed+"-journal")
	shown := w.win.Canvas().Overlays().Top()
	require.NotNil(t, shown, "the officer is told that the file was changed")
	assert.Contains(t, shownText(shown), i18n.T("app.recovered.title"))
	assert.Contains(t, shownText(shown), "ファイルを変更しました")
	copies, _ := filepath.Glob(crashed + ".journal-*.bak")
	assert.NotEmpty(t, copies, "the journal copied aside")
}
