package sqlite_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// A file of the schema before the rows were bound is bound by its migration:
// check passes on it, then finds an edit made afterwards.
func TestMigrationToRowHashesBindsEveryRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "旧版.kinkyu")
	require.NoError(t, sqlite.CreateAtVersion(path, sqlite.BindVersion()-1))
	db := rawOpen(t, path)
	_, err := db.Exec(`INSERT INTO cases (number, title, class, status, discovered_at, occurred_at, zone, drill, created_at, updated_at)
		VALUES ('2026-001', '旧版の事案', 'failure', 'open', '2026-04-01T00:00:00.000000Z', '', 'Asia/Tokyo', 0, '2026-04-01T00:00:00.000000Z', '2026-04-01T00:00:00.000000Z');
		INSERT INTO steps (case_id, step_id, done, done_by, done_at, note) VALUES (1, '4-1', 1, '旧版', '2026-04-01T00:00:00.000000Z', '');
		INSERT INTO settings (key, value) VALUES ('city', '大崎市')`)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	s, err := sqlite.Open(path)
	require.NoError(t, err)
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK(), "%+v", rep)
	assert.True(t, rep.RowsChecked)
	assert.EqualValues(t, 3, rep.Rows)
	c, err := s.CaseByNumber("2026-001")
	require.NoError(t, err)
	assert.Equal(t, "旧版の事案", c.Title)
	// Later writes are bound by their own events.
	require.NoError(t, s.AddEntry(&data.Entry{CaseID: c.ID, At: time.Now(), Text: "移行後の記録"}))
	require.NoError(t, s.Close())

	db = rawOpen(t, path)
	_, err = db.Exec(`UPDATE steps SET note = '後から' WHERE case_id = 1`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	s, err = sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	rep, err = s.Check()
	require.NoError(t, err)
	assert.False(t, rep.OK())
	require.Equal(t, 1, rep.RowProblemCount)
	assert.Equal(t, data.RowProblem{Table: "steps", Key: `case_id=1, step_id="4-1"`, Kind: data.RowChanged, Field: "note", Seq: 2},
		rep.RowProblems[0])
}

// A recomputed chain (a forger without a key can rebuild every hash) passes
// check alone: only an anchor outside the file finds it (app: check --anchor).
// Cutting events that wrote rows is found without one.
func TestTailCutWithHeadRepointedIsFound(t *testing.T) {
	s, path := MustCreate(t)
	c := newCase("停電", data.ClassFailure, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	for i := range 5 {
		require.NoError(t, s.AddEntry(&data.Entry{CaseID: c.ID, At: time.Date(2026, 11, 27, 9, i, 0, 0, jst), Text: "記録"}))
	}
	require.NoError(t, s.Close())
	db := rawOpen(t, path)
	_, err := db.Exec(`DROP TRIGGER audit_no_delete;
		DELETE FROM audit WHERE seq > (SELECT max(seq) - 2 FROM audit);
		UPDATE meta SET value = (SELECT seq || ' ' || hash FROM audit ORDER BY seq DESC LIMIT 1) WHERE key = 'audit_head'`)
	require.NoError(t, err)
	require.NoError(t, db.Close())

	s, err = sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	rep, err := s.Check()
	require.NoError(t, err)
	assert.Zero(t, rep.FirstBadSeq, "the shortened chain is valid on its own")
	assert.False(t, rep.OK())
	require.Equal(t, 2, rep.RowProblemCount)
	assert.Equal(t, data.RowProblem{Table: "entries", Key: "id=4", Kind: data.RowUnrecorded}, rep.RowProblems[0])
	assert.Equal(t, data.RowProblem{Table: "entries", Key: "id=5", Kind: data.RowUnrecorded}, rep.RowProblems[1])
}
