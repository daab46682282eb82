package sqlite

import (
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/osaki-city/kinkyu/data"
)

// eventHash is SHA-256 over the previous hash and the event's fields, each
// length-prefixed so that no two different events encode to the same bytes
// (moving a character from one field to the next changes the hash). The
// sequence number is included so reordering rows breaks the chain. rows (the
// rows the event wrote, see bind.go) is a ninth field when not empty, so the
// events written before the rowhash migration keep their hashes.
func eventHash(prev string, e data.AuditEvent, at, rows string) string {
	h := sha256.New()
	var n [8]byte
	field := func(s string) {
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	field("kinkyu-audit-v1")
	field(prev)
	field(strconv.FormatInt(e.Seq, 10))
	field(at)
	field(e.Actor)
	field(e.Action)
	field(e.Subject)
	field(e.Detail)
	if rows != "" {
		field(rows)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// appendAudit writes the next event of the chain inside tx, so the change and
// its record commit together or not at all. detail is marshalled to JSON. The
// event binds the rows tx wrote since its previous event (bind.go).
func (s *Store) appendAudit(tx *sql.Tx, action, subject string, detail any) error {
	if !s.bound {
		return s.appendAuditRows(tx, action, subject, detail, "", false)
	}
	rows, err := s.takeDirty(tx)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return s.appendAuditRows(tx, action, subject, detail, rows, true)
}

// appendAuditRows writes the event with the given row lines; withRows is
// false only for a file below bindVersion (no rows column yet).
func (s *Store) appendAuditRows(tx *sql.Tx, action, subject string, detail any, rows string, withRows bool) error {
	js, err := json.Marshal(detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	var seq int64
	var prev string
	err = tx.QueryRow("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").Scan(&seq, &prev)
	if err != nil && err != sql.ErrNoRows {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	e := data.AuditEvent{
		Seq:      seq + 1,
		At:       data.Now().UTC(),
		Actor:    s.currentActor(),
		Action:   action,
		Subject:  subject,
		Detail:   string(js),
		PrevHash: prev,
	}
	at := formatTime(e.At)
	e.Hash = eventHash(prev, e, at, rows)
	if withRows {
		_, err = tx.Exec(`INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash, rows)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Seq, at, e.Actor, e.Action, e.Subject, e.Detail, e.PrevHash, e.Hash, rows)
	} else {
		_, err = tx.Exec(`INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Seq, at, e.Actor, e.Action, e.Subject, e.Detail, e.PrevHash, e.Hash)
	}
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	// The head is kept apart from the chain too: cutting events off the end
	// leaves a chain that is valid on its own, but no longer reaches this head.
	_, err = tx.Exec(`INSERT INTO meta (key, value) VALUES ('audit_head', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
		strconv.FormatInt(e.Seq, 10)+" "+e.Hash)
	return err
}

// Head is the newest audit event.
func (s *Store) Head() (data.ChainHead, error) {
	var h data.ChainHead
	err := s.db.QueryRow("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").Scan(&h.Seq, &h.Hash)
	if err == sql.ErrNoRows {
		return h, nil
	}
	if err != nil {
		return h, sqlError("read audit head", err)
	}
	return h, nil
}

// AuditEvents returns up to limit events from fromSeq on, oldest first.
func (s *Store) AuditEvents(fromSeq int64, limit int) ([]data.AuditEvent, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.Query(`SELECT seq, at, actor, action, subject, detail, prev_hash, hash
		FROM audit WHERE seq >= ? ORDER BY seq LIMIT ?`, fromSeq, limit)
	if err != nil {
		return nil, sqlError("read audit log", err)
	}
	defer rows.Close()
	var out []data.AuditEvent
	for rows.Next() {
		var e data.AuditEvent
		var at string
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Subject, &e.Detail, &e.PrevHash, &e.Hash); err != nil {
			return nil, sqlError("read audit log", err)
		}
		e.At = s.parseTime(at, "")
		out = append(out, e)
	}
	return out, sqlErrorOrNil("read audit log", rows.Err())
}

func sqlErrorOrNil(op string, err error) error {
	if err == nil {
		return nil
	}
	return sqlError(op, err)
}

// verifyAudit walks the whole chain in seq order and returns the number of
// events, the first bad sequence number (0 when intact) and the head. A changed
// field breaks that event's hash, a removed or reordered row breaks the
// numbering or the link to the previous hash, and a cut-off tail no longer
// reaches the head recorded in meta. bs (nil below bindVersion) gathers the row
// bindings of the verified events.
func (s *Store) verifyAudit() (count, firstBad int64, head data.ChainHead, bs bindings, err error) {
	var hasRows int
	if err := s.db.QueryRow("SELECT count(*) FROM pragma_table_info('audit') WHERE name = 'rows'").Scan(&hasRows); err != nil {
		return 0, 0, head, nil, sqlError("verify audit log", err)
	}
	rowsCol := "''"
	if hasRows > 0 {
		rowsCol = "rows"
		bs = bindings{}
	}
	rows, err := s.db.Query(`SELECT seq, at, actor, action, subject, detail, prev_hash, hash, ` + rowsCol + `
		FROM audit ORDER BY seq`)
	if err != nil {
		return 0, 0, head, bs, sqlError("verify audit log", err)
	}
	defer rows.Close()
	prev := ""
	for rows.Next() {
		var e data.AuditEvent
		var at, bound string
		if err := rows.Scan(&e.Seq, &at, &e.Actor, &e.Action, &e.Subject, &e.Detail, &e.PrevHash, &e.Hash, &bound); err != nil {
			return count, 0, head, bs, sqlError("verify audit log", err)
		}
		want := count + 1
		switch {
		case e.Seq != want, e.PrevHash != prev, eventHash(prev, e, at, bound) != e.Hash:
			if e.Seq < want {
				return count, e.Seq, head, bs, nil
			}
			return count, want, head, bs, nil
		}
		if bs != nil && bound != "" {
			bs.add(e.Seq, bound)
		}
		count++
		prev = e.Hash
		head = data.ChainHead{Seq: e.Seq, Hash: e.Hash}
	}
	if err := rows.Err(); err != nil {
		return count, 0, head, bs, sqlError("verify audit log", err)
	}
	var recorded string
	err = s.db.QueryRow("SELECT value FROM meta WHERE key = 'audit_head'").Scan(&recorded)
	if err != nil && err != sql.ErrNoRows {
		return count, 0, head, bs, sqlError("verify audit log", err)
	}
	if recorded != strconv.FormatInt(head.Seq, 10)+" "+head.Hash {
		return count, head.Seq + 1, head, bs, nil
	}
	return count, 0, head, bs, nil
}

// Check runs SQLite's integrity check and verifies the audit chain.
func (s *Store) Check() (data.CheckReport, error) {
	var r data.CheckReport
	rows, err := s.db.Query("PRAGMA integrity_check(10)")
	if err != nil {
		return r, sqlError("check case file", err)
	}
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return r, sqlError("check case file", err)
		}
		msgs = append(msgs, m)
	}
	rows.Close()
	r.IntegrityOK = len(msgs) == 1 && msgs[0] == "ok"
	if !r.IntegrityOK && len(msgs) > 0 {
		r.Integrity = msgs[0]
	}
	var bs bindings
	if r.Events, r.FirstBadSeq, r.Head, bs, err = s.verifyAudit(); err != nil {
		return r, err
	}
	// The rows are compared with a chain that verifies: with a broken one,
	// every row written after the break would be listed too.
	if r.FirstBadSeq == 0 && bs != nil {
		r.RowsChecked = true
		var problems []rowProblem
		if r.Rows, problems, r.RowProblemCount, err = s.verifyRows(bs, maxRowProblems); err != nil {
			return r, err
		}
		for _, p := range problems {
			r.RowProblems = append(r.RowProblems, p.RowProblem)
		}
	}
	return r, nil
}
