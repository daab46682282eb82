package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

func TestDraftsAreKeptUntilRecordedOrEmptied(t *testing.T) {
	s, path := MustCreate(t)
	c := newCase("住基サーバ停止", data.ClassFailure, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(c))
	other := newCase("回線断", data.ClassFailure, time.Date(2026, 11, 27, 9, 0, 0, 0, jst))
	require.NoError(t, s.CreateCase(other))
	head, err := s.Head()
	require.NoError(t, err)

	require.NoError(t, s.SetDraft(c.ID, data.DraftTimeline, "県へ第一報を"))
	require.NoError(t, s.SetDraft(c.ID, data.DraftTimeline, "県へ第一報を送った"))
	require.NoError(t, s.SetDraft(c.ID, "call/3/0120-000-111", "留守番電話"))
	require.NoError(t, s.SetDraft(other.ID, data.DraftTimeline, "復旧を確認中"))
	assert.Equal(t, data.EINVALID, data.ErrorCode(s.SetDraft(c.ID, "", "x")))
	assert.Equal(t, data.EINVALID, data.ErrorCode(s.SetDraft(c.ID, "k", strings.Repeat("あ", data.MaxTextRunes+1))))
	assert.Equal(t, data.ENOTFOUND, data.ErrorCode(s.SetDraft(999, data.DraftTimeline, "x")))

	after, err := s.Head()
	require.NoError(t, err)
	assert.Equal(t, head.Seq, after.Seq, "a draft is not a record: no audit event")
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK(), "the chain still checks: %+v", rep)

	// Read again from disk, as the next start does.
	require.NoError(t, s.Close())
	s, err = sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	ds, err := s.Drafts(c.ID)
	require.NoError(t, err)
	require.Len(t, ds, 2)
	assert.Equal(t, "call/3/0120-000-111", ds[0].Key)
	assert.Equal(t, "留守番電話", ds[0].Text)
	assert.Equal(t, data.DraftTimeline, ds[1].Key)
	assert.Equal(t, "県へ第一報を送った", ds[1].Text)
	all, err := s.Drafts(0)
	require.NoError(t, err)
	assert.Len(t, all, 3)

	require.NoError(t, s.SetDraft(c.ID, data.DraftTimeline, "  "))
	ds, err = s.Drafts(c.ID)
	require.NoError(t, err)
	require.Len(t, ds, 1, "emptied: gone")
}

func TestMigrationFromSchema9AddsDrafts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "第9版.kinkyu")
	require.NoError(t, sqlite.CreateAtVersion(path, 7))
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO cases (number, title, class, status, discovered_at, occurred_at, zone, drill, created_at, updated_at,
			discoverer, discoverer_section)
		VALUES ('2026-001', '第9版の障害', 'failure', 'open', '2026-04-01T00:00:00.000000Z', '', 'Asia/Tokyo', 0,
			'2026-04-01T00:00:00.000000Z', '2026-04-01T00:00:00.000000Z', '佐藤', '市民課')`)
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO entries (case_id, at, kind, text, author, corrects, recorded_at)
		VALUES (1, '2026-04-01T00:10:00.000000Z', 'note', '停電を確認', '山田', NULL, '2026-04-01T00:10:00.000000Z')`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	require.NoError(t, sqlite.MigrateAtVersion(path, 9)) // bound to the chain, then schema 9, as a release at 9 leaves it
	db, err = sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	_, err = db.Exec(`SELECT 1 FROM drafts`)
	require.Error(t, err, "schema 9 has no drafts")
	require.NoError(t, db.Close())

	s, err := sqlite.Open(path)
	require.NoError(t, err)
	c, err := s.CaseByNumber("2026-001")
	require.NoError(t, err)
	tl, err := s.Timeline(c.ID)
	require.NoError(t, err)
	require.Len(t, tl, 1)
	assert.Equal(t, "停電を確認", tl[0].Text)
	require.NoError(t, s.SetDraft(c.ID, data.DraftTimeline, "保守業者に連絡"))
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK(), "%+v", rep)
	require.NoError(t, s.Close())

	s, err = sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	ds, err := s.Drafts(c.ID)
	require.NoError(t, err)
	require.Len(t, ds, 1)
	assert.Equal(t, "保守業者に連絡", ds[0].Text)
}

func TestMigrationFromSchema10AddsDraftsOfTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "第10版.kinkyu")
	require.NoError(t, sqlite.CreateAtVersion(path, 7))
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO cases (number, title, class, status, discovered_at, occurred_at, zone, drill, created_at, updated_at,
			discoverer, discoverer_section)
		VALUES ('2026-001', '第10版の障害', 'failure', 'open', '2026-04-01T00:00:00.000000Z', '', 'Asia/Tokyo', 0,
			'2026-04-01T00:00:00.000000Z', '2026-04-01T00:00:00.000000Z', '佐藤', '市民課')`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	require.NoError(t, sqlite.MigrateAtVersion(path, 10))
	db, err = sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	_, err = db.Exec(`INSERT INTO drafts (case_id, key, text, updated_at) VALUES (1, 'timeline', '保守業者に連絡', '2026-04-01T00:10:00.000000Z')`)
	require.NoError(t, err, "schema 10 keeps the drafts of a case")
	_, err = db.Exec(`SELECT 1 FROM file_drafts`)
	require.Error(t, err, "schema 10 has no drafts of the file")
	require.NoError(t, db.Close())

	s, err := sqlite.Open(path)
	require.NoError(t, err)
	c, err := s.CaseByNumber("2026-001")
	require.NoError(t, err)
	require.NoError(t, s.SetDraft(0, "newcase/title", "庁内LANの障害"))
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK(), "%+v", rep)
	require.NoError(t, s.Close())

	s, err = sqlite.Open(path)
	require.NoError(t, err)
	defer s.Close()
	ds, err := s.Drafts(0)
	require.NoError(t, err)
	require.Len(t, ds, 2)
	assert.Equal(t, data.Draft{Key: "newcase/title", Text: "庁内LANの障害", UpdatedAt: ds[0].UpdatedAt}, ds[0], "the file's first")
	assert.Equal(t, c.ID, ds[1].CaseID)
	assert.Equal(t, "保守業者に連絡", ds[1].Text, "the case's draft survived")
	ds, err = s.Drafts(c.ID)
	require.NoError(t, err)
	require.Len(t, ds, 1, "a case's drafts are its own")
	require.NoError(t, s.SetDraft(0, "newcase/title", " "))
	ds, err = s.Drafts(0)
	require.NoError(t, err)
	assert.Len(t, ds, 1, "emptied: gone")
}
