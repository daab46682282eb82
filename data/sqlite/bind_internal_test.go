package sqlite

import (
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// Every table of the latest schema is either bound to the audit chain or
// listed, with its reason, as not bound: a migration that adds a table fails
// here until the table gets its line in boundTables (or unboundTables).
func TestEveryTableIsBound(t *testing.T) {
	s, err := Create(filepath.Join(t.TempDir(), "a.kinkyu"))
	require.NoError(t, err)
	defer s.Close()
	rows, err := s.db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	require.NoError(t, err)
	var tables []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		tables = append(tables, n)
	}
	require.NoError(t, rows.Err())
	rows.Close()
	require.NotEmpty(t, tables)
	for _, n := range tables {
		_, unbound := unboundTables[n]
		bound := slices.Contains(boundTables, n)
		assert.True(t, bound != unbound, "table %s must be in exactly one of boundTables and unboundTables (bind.go)", n)
	}
	for _, n := range boundTables {
		assert.Contains(t, tables, n, "boundTables names %s, which the schema does not have", n)
	}
	shapes, err := loadShapes(s.db)
	require.NoError(t, err)
	require.Len(t, shapes, len(boundTables))
	for _, sh := range shapes {
		assert.NotEqual(t, []string{"rowid"}, sh.pk, "%s: a bound table needs a PRIMARY KEY (rowids change in VACUUM)", sh.name)
	}
}

// A file that already binds its rows is verified before a migration binds
// them again: a row edited behind the chain stays reported after it.
func TestMigrationDoesNotLaunderAnEditedRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.kinkyu")
	s, err := Create(path)
	require.NoError(t, err)
	c := &data.Case{Title: "停電", Class: data.ClassFailure, DiscoveredAt: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	require.NoError(t, s.CreateCase(c))
	require.NoError(t, s.CreateCase(&data.Case{Title: "回線断", Class: data.ClassFailure, DiscoveredAt: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)}))
	require.NoError(t, s.Close())

	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	_, err = db.Exec(`UPDATE cases SET title = '偽' WHERE id = ?`, c.ID)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	s, err = Open(path)
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.migrateTo(LatestVersion(), LatestVersion()))
	rep, err := s.Check()
	require.NoError(t, err)
	assert.False(t, rep.OK())
	require.Equal(t, 1, rep.RowProblemCount)
	assert.Equal(t, data.RowProblem{Table: "cases", Key: "id=1", Kind: data.RowChanged, Field: "title", Seq: 2}, rep.RowProblems[0])
}

// A transaction that writes rows after its last event (or writes no event)
// gets one more event binding them, so no write escapes the chain.
func TestRowsWrittenWithoutAnEventAreBoundAtCommit(t *testing.T) {
	s, err := Create(filepath.Join(t.TempDir(), "a.kinkyu"))
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.tx("test", func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO settings (key, value) VALUES ('x', 'y')`)
		return err
	}))
	ev, err := s.AuditEvents(1, 0)
	require.NoError(t, err)
	last := ev[len(ev)-1]
	assert.Equal(t, "rows.bind", last.Action)
	var rows string
	require.NoError(t, s.db.QueryRow(`SELECT rows FROM audit WHERE seq = ?`, last.Seq).Scan(&rows))
	assert.Regexp(t, `^settings\t\["x"\]\t[0-9a-f]{64}\t[0-9a-f]{16}\n$`, rows)
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK(), "%+v", rep)

	// A removed row leaves a tombstone, and check passes without it.
	require.NoError(t, s.tx("test", func(tx *sql.Tx) error {
		_, err := tx.Exec(`DELETE FROM settings WHERE key = 'x'`)
		return err
	}))
	require.NoError(t, s.db.QueryRow(`SELECT rows FROM audit ORDER BY seq DESC LIMIT 1`).Scan(&rows))
	assert.Equal(t, "settings\t[\"x\"]\t-\n", rows)
	rep, err = s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK(), "%+v", rep)
}
