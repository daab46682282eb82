package app

import (
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"hash/fnv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// boundFile is the demo file with a signed report (documents, signers), a
// setting and a call, so that every table has rows; check passes on it.
func boundFile(t *testing.T) string {
	t.Helper()
	path := demoFile(t)
	p12 := p12File(t, "大崎 太郎", "署名用のパスフレーズ")
	t.Setenv("KINKYU_TEST_PASS", "署名用のパスフレーズ")
	_, out, _ := runCLI(t, "cases", "--file", path, "--json")
	var list []caseJSON
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	var caseNo string
	for _, c := range list {
		if c.Class == "misconduct" {
			caseNo = c.Number
		}
	}
	code, _, errOut := runCLI(t, "report", "--file", path, "--case", caseNo, "--out",
		filepath.Join(t.TempDir(), "報告.pdf"), "--p12", p12, "--pass-env", "KINKYU_TEST_PASS")
	require.Equal(t, 0, code, errOut)

	s, err := sqlite.Open(path)
	require.NoError(t, err)
	require.NoError(t, s.SetSetting(data.SettingCity, "大崎市"))
	require.NoError(t, s.RecordCall(&data.Call{CaseID: 1, Person: "宮城県 市町村課", Number: "022-211-0000",
		At: time.Now(), Reached: true, Note: "第2報"}, "宮城県に連絡"))
	require.NoError(t, s.Close())

	code, out, errOut = runCLI(t, "check", "--file", path)
	require.Equal(t, 0, code, out+errOut)
	return path
}

// attackCopy gives each attack a fresh copy of the file.
func attackCopy(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "攻撃.kinkyu")
	require.NoError(t, os.WriteFile(out, b, 0o600))
	return out
}

func rawExec(t *testing.T, path, stmt string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	defer db.Close()
	res, err := db.Exec(stmt)
	require.NoError(t, err, stmt)
	n, err := res.RowsAffected()
	require.NoError(t, err)
	require.NotZero(t, n, "the attack changed nothing: %s", stmt)
}

// Issue #15: an edit of any table with the sqlite3 tool, the audit log
// untouched, used to leave check at 「正常」. Now check fails and names the
// table, the row and the column.
func TestCheckFindsEveryTableEditedBehindTheAuditLog(t *testing.T) {
	base := boundFile(t)
	for _, tc := range []struct {
		name, sql, table, field string
	}{
		{"case title", `UPDATE cases SET title = '偽の件名' WHERE id = 1`, "cases", "title"},
		{"case status", `UPDATE cases SET status = CASE status WHEN 'closed' THEN 'open' ELSE 'closed' END WHERE id = 2`, "cases", "status"},
		{"timeline entry", `DROP TRIGGER entries_no_update; UPDATE entries SET text = '報告した' WHERE id = 3`, "entries", "text"},
		{"step", `UPDATE steps SET done_by = '別人' WHERE case_id = 1 AND step_id = '4-1'`, "steps", "done_by"},
		{"threat assessment", `DROP TRIGGER threat_assessments_no_update; UPDATE threat_assessments SET level = 4 - level WHERE id = 1 AND level <> 2`, "threat_assessments", "level"},
		{"misconduct report", `UPDATE misconduct_reports SET details = '何もなかった' WHERE case_id = (SELECT min(case_id) FROM misconduct_reports)`, "misconduct_reports", "details"},
		{"failure report", `UPDATE failure_reports SET cause = '不明' WHERE case_id = (SELECT min(case_id) FROM failure_reports)`, "failure_reports", "cause"},
		{"check result", `UPDATE check_results SET result = 'ok' WHERE rowid = (SELECT min(rowid) FROM check_results WHERE result = 'abnormal')`, "check_results", "result"},
		{"milestone", `UPDATE milestones SET by = '別人' WHERE rowid = (SELECT min(rowid) FROM milestones)`, "milestones", "by"},
		{"contact", `UPDATE contact_points SET primary_tel = '000-0000-0000' WHERE id = 1`, "contact_points", "primary_tel"},
		{"contact change", `DROP TRIGGER contact_changes_only_reported; UPDATE contact_changes SET new = '偽' WHERE id = 1`, "contact_changes", "new"},
		{"document sha256", `UPDATE documents SET sha256 = '0000000000000000000000000000000000000000000000000000000000000000'`, "documents", "sha256"},
		{"signer", `UPDATE signers SET name = '攻撃者'`, "signers", "name"},
		{"meeting", `UPDATE meetings SET chair = '別人' WHERE id = 1`, "meetings", "chair"},
		{"attendee", `UPDATE meeting_attendees SET present = 1 - present WHERE meeting_id = 1 AND position = 1`, "meeting_attendees", "present"},
		{"agenda item", `UPDATE agenda_items SET decision = '決定なし' WHERE id = 1`, "agenda_items", "decision"},
		{"task", `UPDATE tasks SET done = 1 - done WHERE id = 1`, "tasks", "done"},
		{"call", `UPDATE calls SET note = '不在' WHERE id = 1`, "calls", "note"},
		{"setting", `UPDATE settings SET value = '別の市' WHERE key = 'city'`, "settings", "value"},
		{"document number", `DROP TRIGGER doc_numbers_no_update; UPDATE doc_numbers SET number = '大住第999号' WHERE id = 1`, "doc_numbers", "number"},
		{"repair request", `UPDATE repair_requests SET content = '依頼なし' WHERE case_id = (SELECT min(case_id) FROM repair_requests)`, "repair_requests", "content"},
		{"notification", `UPDATE notifications SET person = '別人' WHERE id = (SELECT min(id) FROM notifications)`, "notifications", "person"},
		{"prevention measure", `UPDATE prevention_measures SET owner = '別人' WHERE id = (SELECT min(id) FROM prevention_measures)`, "prevention_measures", "owner"},
		{"preserved log", `UPDATE preserved_logs SET place = '不明' WHERE id = (SELECT min(id) FROM preserved_logs)`, "preserved_logs", "place"},
		{"misconduct response", `UPDATE misconduct_responses SET impact_text = '支障なし' WHERE case_id = (SELECT min(case_id) FROM misconduct_responses)`, "misconduct_responses", "impact_text"},
		{"report version", `DROP TRIGGER report_versions_no_update; UPDATE report_versions SET addressee = '誰か' WHERE id = 1`, "report_versions", "addressee"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := attackCopy(t, base)
			rawExec(t, path, tc.sql)
			code, out, _ := runCLI(t, "check", "--file", path)
			assert.Equal(t, 1, code, out)
			assert.Contains(t, out, "監査ログと一致しない行が1件")
			assert.Contains(t, out, "表 "+tc.table+" の行 ")
			assert.Contains(t, out, "列 "+tc.field+" が監査ログ #")
		})
	}

	// A row removed, and a row added, without an event.
	path := attackCopy(t, base)
	rawExec(t, path, `DELETE FROM calls WHERE id = 1`)
	code, out, _ := runCLI(t, "check", "--file", path)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "表 calls の行 id=1: 監査ログ #")
	assert.Contains(t, out, "に記録された行がありません")

	path = attackCopy(t, base)
	rawExec(t, path, `INSERT INTO signers (fingerprint, name, first_used) VALUES ('ab', '攻撃者', '2026-12-06T00:00:00.000000Z')`)
	code, out, _ = runCLI(t, "check", "--file", path)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, `表 signers の行 fingerprint="ab": 監査ログに記録のない行です`)
}

// Issue #15: cutting the last events and pointing meta.audit_head at the last
// one left used to pass check. The rows those events wrote are no longer
// vouched for.
func TestCheckFindsTheTailCutAndTheHeadRepointed(t *testing.T) {
	path := attackCopy(t, boundFile(t))
	rawExec(t, path, `DROP TRIGGER audit_no_delete;
		DELETE FROM audit WHERE seq > (SELECT max(seq) - 3 FROM audit);
		UPDATE meta SET value = (SELECT seq || ' ' || hash FROM audit ORDER BY seq DESC LIMIT 1) WHERE key = 'audit_head'`)
	code, out, _ := runCLI(t, "check", "--file", path)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "監査ログ: 正常", "the chain alone is valid")
	assert.Contains(t, out, "監査ログに記録のない行です")
}

// forgeRecomputedChain does what anyone with the sqlite3 tool and the
// documented formats (docs/SECURITY.md, data/sqlite/bind.go) can do without a
// key: change the title of case 1, bind the forged row in place of the true
// one, and recompute every hash of the chain from there.
func forgeRecomputedChain(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(`UPDATE cases SET title = '偽の件名' WHERE id = 1; DROP TRIGGER audit_no_update`)
	require.NoError(t, err)

	rows, err := db.Query(`SELECT json_array(id), * FROM cases WHERE id = 1`)
	require.NoError(t, err)
	cols, err := rows.Columns()
	require.NoError(t, err)
	require.True(t, rows.Next())
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	require.NoError(t, rows.Scan(ptrs...))
	rows.Close()
	key := vals[0].(string)
	forged := "cases\t" + key + "\t" + forgeRowHash("cases", key, cols[1:], vals[1:]) + "\n"

	type event struct {
		seq                                                int64
		at, actor, action, subject, detail, prev, hash, rs string
	}
	var evs []event
	rows, err = db.Query(`SELECT seq, at, actor, action, subject, detail, prev_hash, hash, rows FROM audit ORDER BY seq`)
	require.NoError(t, err)
	for rows.Next() {
		var e event
		require.NoError(t, rows.Scan(&e.seq, &e.at, &e.actor, &e.action, &e.subject, &e.detail, &e.prev, &e.hash, &e.rs))
		evs = append(evs, e)
	}
	rows.Close()
	from := -1
	for i, e := range evs {
		if strings.Contains(e.rs, "cases\t"+key+"\t") {
			from = i
		}
	}
	require.GreaterOrEqual(t, from, 0)
	lines := strings.SplitAfter(evs[from].rs, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "cases\t"+key+"\t") {
			lines[i] = forged
		}
	}
	evs[from].rs = strings.Join(lines, "")
	prev := ""
	if from > 0 {
		prev = evs[from-1].hash
	}
	for i := from; i < len(evs); i++ {
		e := &evs[i]
		e.prev = prev
		e.hash = forgeEventHash(prev, strconv.FormatInt(e.seq, 10), e.at, e.actor, e.action, e.subject, e.detail, e.rs)
		_, err := db.Exec(`UPDATE audit SET rows = ?, prev_hash = ?, hash = ? WHERE seq = ?`, e.rs, e.prev, e.hash, e.seq)
		require.NoError(t, err)
		prev = e.hash
	}
	last := evs[len(evs)-1]
	_, err = db.Exec(`UPDATE meta SET value = ? WHERE key = 'audit_head'`, strconv.FormatInt(last.seq, 10)+" "+last.hash)
	require.NoError(t, err)
}

func forgeField(h hash.Hash, b []byte) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(b)))
	h.Write(n[:])
	h.Write(b)
}

func forgeEventHash(prev string, fields ...string) string {
	h := sha256.New()
	forgeField(h, []byte("kinkyu-audit-v1"))
	forgeField(h, []byte(prev))
	for i, f := range fields {
		if i == len(fields)-1 && f == "" {
			break
		}
		forgeField(h, []byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func forgeRowHash(table, key string, cols []string, vals []any) string {
	h := sha256.New()
	forgeField(h, []byte("kinkyu-row-v1"))
	forgeField(h, []byte(table))
	forgeField(h, []byte(key))
	var tags []byte
	for i, c := range cols {
		var v []byte
		switch x := vals[i].(type) {
		case nil:
			v = []byte("n")
		case int64:
			v = []byte("i" + strconv.FormatInt(x, 10))
		case string:
			v = []byte("t" + x)
		default:
			t := fmt.Sprintf("%T", x)
			panic("column type " + t)
		}
		forgeField(h, []byte(c))
		forgeField(h, v)
		f := fnv.New32a()
		f.Write(v)
		tags = f.Sum(tags)
	}
	return hex.EncodeToString(h.Sum(nil)) + "\t" + hex.EncodeToString(tags)
}

// Issue #15: a chain recomputed after an edit passes check alone (there is no
// key in the file), but not against the head a signed document or a signed
// checkpoint carries. A chain cut below the anchor fails too.
func TestCheckAnchorFindsARecomputedChain(t *testing.T) {
	path := boundFile(t)
	dir := t.TempDir()
	p12 := p12File(t, "大崎 太郎", "署名用のパスフレーズ")
	doc := filepath.Join(dir, "報告書.pdf")
	code, _, errOut := runCLI(t, "report", "--file", path, "--case", "2026-005", "--out", doc, "--p12", p12, "--pass-env", "KINKYU_TEST_PASS")
	require.Equal(t, 0, code, errOut)
	seal := filepath.Join(dir, "確認票.seal")
	code, out, errOut := runCLI(t, "seal", "--file", path, "--p12", p12, "--pass-env", "KINKYU_TEST_PASS", "--out", seal)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "監査ログ確認票を保存しました")
	assert.Contains(t, pdfText(t, seal), "監査ログ確認票")

	code, out, _ = runCLI(t, "check", "--file", path, "--anchor", doc, "--anchor", seal)
	require.Equal(t, 0, code, out)
	assert.Equal(t, 2, strings.Count(out, "と一致"), out)
	assert.Contains(t, out, "署名者 大崎 太郎")

	forged := attackCopy(t, path)
	forgeRecomputedChain(t, forged)
	code, out, _ = runCLI(t, "cases", "--file", forged)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "偽の件名")
	code, out, _ = runCLI(t, "check", "--file", forged)
	assert.Equal(t, 0, code, "a recomputed chain passes alone: %s", out)
	for _, anchor := range []string{doc, seal} {
		code, out, _ = runCLI(t, "check", "--file", forged, "--anchor", anchor)
		assert.Equal(t, 1, code, out)
		assert.Contains(t, out, "のハッシュが一致しません", out)
	}

	cut := attackCopy(t, path)
	rawExec(t, cut, `DROP TRIGGER audit_no_delete;
		DELETE FROM audit WHERE seq > 20;
		UPDATE meta SET value = (SELECT seq || ' ' || hash FROM audit ORDER BY seq DESC LIMIT 1) WHERE key = 'audit_head'`)
	code, out, _ = runCLI(t, "check", "--file", cut, "--anchor", seal)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "監査ログが #20 で終わっていて")

	// Only what a signature covers counts: an unsigned document, and a
	// signed PDF without a head, are no anchors.
	unsigned := filepath.Join(dir, "署名なし.pdf")
	code, _, errOut = runCLI(t, "report", "--file", path, "--case", "2026-005", "--out", unsigned)
	require.Equal(t, 0, code, errOut)
	code, out, _ = runCLI(t, "check", "--file", path, "--anchor", unsigned)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "検証できる署名がありません")
	other := filepath.Join(dir, "他の署名.pdf")
	require.NoError(t, os.WriteFile(other, signedPDF(t, "誰か"), 0o600))
	code, out, _ = runCLI(t, "check", "--file", path, "--anchor", other)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "署名された内容に監査ログの先頭がありません")
	code, out, _ = runCLI(t, "check", "--file", path, "--anchor", dir)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "読めません", "a folder is no anchor")
}
