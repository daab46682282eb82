package sqlite

import (
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/osaki-city/kinkyu/data"
)

// Binding every row to the audit chain (issue #15).
//
// Every transaction that writes a row of a bound table records, in the rows
// column of its audit event, one line per row it wrote:
//
//	table TAB key TAB sha256 TAB column-tags      (the row as written)
//	table TAB key TAB -                           (the row was removed)
//
// key is the row's primary key as SQLite's json_array gives it ([12],
// [3,"report"]); sha256 is rowHash over the table, the key and every column
// (name, type and value) in the table's order; column-tags are 8 hex digits
// per column (FNV-1a of its type and value), only to name the column that
// differs. The event's hash covers the lines, so `check` proves that every
// live row equals its last line in the chain, that every row has one, and that
// no row the chain knows has vanished. The file's own temporary triggers
// (temp schema, never stored in the file) note which rows a transaction
// touched; appendAudit writes them into its event, and a transaction that
// wrote rows after its last event gets one more ("rows.bind").

// boundTables are the tables whose rows the chain binds, in the order check
// reports them. A new table is covered by adding its name here (the key is
// read from its PRIMARY KEY); TestEveryTableIsBound fails for a table that is
// in neither this list nor unboundTables.
var boundTables = []string{
	"settings",
	"cases",
	"steps",
	"entries",
	"misconduct_reports",
	"failure_reports",
	"check_results",
	"threat_assessments",
	"milestones",
	"documents",
	"signers",
	"meetings",
	"meeting_attendees",
	"agenda_items",
	"tasks",
	"contact_points",
	"contact_changes",
	"calls",
	"doc_numbers",
	"report_versions",
	"repair_requests",
	"notifications",
	"prevention_measures",
	"preserved_logs",
	"change_reports",
	"misconduct_responses",
}

// unboundTables are the tables of the schema the chain does not bind, and why.
var unboundTables = map[string]string{
	"meta":           "holds the head of the chain (audit_head), written with every event",
	"audit":          "the chain itself",
	"drafts":         "text typed but not yet recorded (issue #14); it becomes a record, with its event, when recorded",
	"file_drafts":    "text typed into a dialog before there is a case (issue #14); it becomes a record, with its event, when recorded",
	"search":         "full-text index, derived from cases and entries",
	"search_data":    "shadow table of the full-text index",
	"search_idx":     "shadow table of the full-text index",
	"search_content": "shadow table of the full-text index",
	"search_docsize": "shadow table of the full-text index",
	"search_config":  "shadow table of the full-text index",
}

// bindVersion is the schema version from which the audit table has rows.
var bindVersion = func() int {
	for _, m := range migrations {
		if strings.HasSuffix(m.name, "_rowhash.sql") {
			return m.version
		}
	}
	panic("no rowhash migration")
}()

// tableShape is a bound table as the schema has it.
type tableShape struct {
	name string
	cols []string // every column, in the table's order
	pk   []string // primary key columns in key order; rowid when none is declared
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// keyExpr is the SQL giving a row's key, prefix "" for a SELECT, "NEW." or
// "OLD." in a trigger.
func (t tableShape) keyExpr(prefix string) string {
	parts := make([]string, len(t.pk))
	for i, c := range t.pk {
		parts[i] = prefix + quoteIdent(c)
	}
	return "json_array(" + strings.Join(parts, ", ") + ")"
}

func (t tableShape) selectSQL() string {
	cols := make([]string, len(t.cols))
	for i, c := range t.cols {
		cols[i] = quoteIdent(c)
	}
	return "SELECT " + t.keyExpr("") + ", " + strings.Join(cols, ", ") + " FROM main." + quoteIdent(t.name)
}

func (t tableShape) orderBy() string {
	parts := make([]string, len(t.pk))
	for i, c := range t.pk {
		parts[i] = quoteIdent(c)
	}
	return " ORDER BY " + strings.Join(parts, ", ")
}

func (t tableShape) whereKey() string {
	parts := make([]string, len(t.pk))
	for i, c := range t.pk {
		parts[i] = fmt.Sprintf("%s = json_extract(?1, '$[%d]')", quoteIdent(c), i)
	}
	return " WHERE " + strings.Join(parts, " AND ")
}

// loadShapes reads the columns and keys of the bound tables that exist.
func loadShapes(q querier) ([]tableShape, error) {
	var out []tableShape
	for _, name := range boundTables {
		rows, err := q.Query("SELECT name, pk FROM pragma_table_info(?)", name)
		if err != nil {
			return nil, err
		}
		t := tableShape{name: name}
		type pkc struct {
			n    int
			name string
		}
		var pks []pkc
		for rows.Next() {
			var col string
			var pk int
			if err := rows.Scan(&col, &pk); err != nil {
				rows.Close()
				return nil, err
			}
			t.cols = append(t.cols, col)
			if pk > 0 {
				pks = append(pks, pkc{pk, col})
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
		if len(t.cols) == 0 {
			continue // not in this schema version
		}
		sort.Slice(pks, func(i, j int) bool { return pks[i].n < pks[j].n })
		for _, p := range pks {
			t.pk = append(t.pk, p.name)
		}
		if len(t.pk) == 0 {
			t.pk = []string{"rowid"}
		}
		out = append(out, t)
	}
	return out, nil
}

// rowHash is SHA-256 over the table, the key and each column's name, type and
// value, length-prefixed; tags are 8 hex digits per column naming its value
// (FNV-1a of its type and value).
func rowHash(table, key string, cols []string, vals []any) (sum, tags string) {
	buf := make([]byte, 0, 256)
	field := func(b []byte) []byte {
		buf = binary.BigEndian.AppendUint64(buf, uint64(len(b)))
		return append(buf, b...)
	}
	buf = field([]byte("kinkyu-row-v1"))
	buf = field([]byte(table))
	buf = field([]byte(key))
	tb := make([]byte, 0, 8*len(cols))
	var v []byte
	for i, c := range cols {
		v = encodeValue(v[:0], vals[i])
		buf = field([]byte(c))
		buf = field(v)
		tb = binary.BigEndian.AppendUint32(tb, fnv32a(v))
	}
	h := sha256.Sum256(buf)
	return hex.EncodeToString(h[:]), hex.EncodeToString(tb)
}

func fnv32a(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

// encodeValue writes a column value with its SQLite type: n (NULL), i
// (integer), r (real), t (text), b (blob).
func encodeValue(buf []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(buf, 'n')
	case int64:
		return strconv.AppendInt(append(buf, 'i'), x, 10)
	case float64:
		return strconv.AppendUint(append(buf, 'r'), math.Float64bits(x), 16)
	case string:
		return append(append(buf, 't'), x...)
	case []byte:
		return append(append(buf, 'b'), x...)
	case bool: // not stored by SQLite; kept total
		if x {
			return append(buf, 'i', '1')
		}
		return append(buf, 'i', '0')
	default:
		return append(append(buf, '?'), fmt.Sprint(x)...)
	}
}

// scanRow reads the key and the columns of one row of t.
func scanRow(rows *sql.Rows, t tableShape, vals []any) (string, error) {
	var key string
	ptrs := make([]any, len(vals)+1)
	ptrs[0] = &key
	for i := range vals {
		ptrs[i+1] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return "", err
	}
	return key, nil
}

// ensureBinding installs, inside tx, the temporary table and triggers that
// note the rows a transaction writes (they live in the connection, never in
// the file, and come back in the first transaction after a reconnect).
func (s *Store) ensureBinding(tx *sql.Tx) error {
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM temp.sqlite_master WHERE name = 'bind_dirty'").Scan(&n); err != nil {
		return err
	}
	if n > 0 && s.shapes != nil {
		return nil
	}
	shapes, err := loadShapes(tx)
	if err != nil {
		return fmt.Errorf("bind rows: %w", err)
	}
	s.shapes = shapes
	if n > 0 {
		return nil
	}
	stmts := []string{`CREATE TEMP TABLE bind_dirty (tbl TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (tbl, key)) WITHOUT ROWID`}
	for _, t := range shapes {
		// Not INSERT OR IGNORE: an outer statement's conflict clause (an
		// upsert's) would override it.
		ins := func(prefix string) string {
			k := t.keyExpr(prefix)
			return fmt.Sprintf("INSERT INTO temp.bind_dirty (tbl, key) SELECT '%s', %s WHERE NOT EXISTS "+
				"(SELECT 1 FROM temp.bind_dirty WHERE tbl = '%s' AND key = %s);", t.name, k, t.name, k)
		}
		trig := func(kind, event, body string) string {
			return fmt.Sprintf("CREATE TEMP TRIGGER %s AFTER %s ON main.%s BEGIN %s END",
				quoteIdent("bind_"+kind+"_"+t.name), event, quoteIdent(t.name), body)
		}
		stmts = append(stmts,
			trig("i", "INSERT", ins("NEW.")),
			trig("u", "UPDATE", ins("OLD.")+" "+ins("NEW.")),
			trig("d", "DELETE", ins("OLD.")))
	}
	for _, q := range stmts {
		if _, err := tx.Exec(q); err != nil {
			return fmt.Errorf("bind rows: %w", err)
		}
	}
	return nil
}

func (s *Store) shape(name string) (tableShape, bool) {
	for _, t := range s.shapes {
		if t.name == name {
			return t, true
		}
	}
	return tableShape{}, false
}

// takeDirty returns the lines binding the rows tx wrote since the last call
// and forgets them.
func (s *Store) takeDirty(tx *sql.Tx) (string, error) {
	rows, err := tx.Query("SELECT tbl, key FROM temp.bind_dirty ORDER BY tbl, key")
	if err != nil {
		return "", fmt.Errorf("bind rows: %w", err)
	}
	type dk struct{ tbl, key string }
	var dirty []dk
	for rows.Next() {
		var d dk
		if err := rows.Scan(&d.tbl, &d.key); err != nil {
			rows.Close()
			return "", err
		}
		dirty = append(dirty, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", err
	}
	if len(dirty) == 0 {
		return "", nil
	}
	var b strings.Builder
	for _, d := range dirty {
		t, ok := s.shape(d.tbl)
		if !ok {
			return "", fmt.Errorf("bind rows: unknown table %s", d.tbl)
		}
		r, err := tx.Query(t.selectSQL()+t.whereKey(), d.key)
		if err != nil {
			return "", fmt.Errorf("bind rows of %s: %w", d.tbl, err)
		}
		found := false
		if r.Next() {
			vals := make([]any, len(t.cols))
			key, err := scanRow(r, t, vals)
			if err != nil {
				r.Close()
				return "", err
			}
			sum, tags := rowHash(t.name, key, t.cols, vals)
			writeBinding(&b, t.name, key, sum, tags)
			found = true
		}
		r.Close()
		if err := r.Err(); err != nil {
			return "", err
		}
		if !found {
			writeBinding(&b, d.tbl, d.key, "-", "")
		}
	}
	if _, err := tx.Exec("DELETE FROM temp.bind_dirty"); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writeBinding(b *strings.Builder, table, key, sum, tags string) {
	b.WriteString(table)
	b.WriteByte('\t')
	b.WriteString(key)
	b.WriteByte('\t')
	b.WriteString(sum)
	if tags != "" {
		b.WriteByte('\t')
		b.WriteString(tags)
	}
	b.WriteByte('\n')
}

// baseline binds every row of every bound table but those in skip (table
// TAB key): the rows of the event that creates or migrates the file.
func baseline(tx *sql.Tx, skip map[string]bool) (string, error) {
	shapes, err := loadShapes(tx)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, t := range shapes {
		err := scanTable(tx, t, func(key, sum, tags string) {
			if !skip[t.name+"\t"+key] {
				writeBinding(&b, t.name, key, sum, tags)
			}
		})
		if err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

// scanTable hashes every row of t in key order.
func scanTable(q querier, t tableShape, fn func(key, sum, tags string)) error {
	rows, err := q.Query(t.selectSQL() + t.orderBy())
	if err != nil {
		return fmt.Errorf("read %s: %w", t.name, err)
	}
	defer rows.Close()
	vals := make([]any, len(t.cols))
	for rows.Next() {
		key, err := scanRow(rows, t, vals)
		if err != nil {
			return fmt.Errorf("read %s: %w", t.name, err)
		}
		sum, tags := rowHash(t.name, key, t.cols, vals)
		fn(key, sum, tags)
	}
	return rows.Err()
}

// binding is the last line of the chain for one row.
type binding struct {
	sum, tags string // sum "-": the row was removed
	seq       int64
}

// bindings are the last lines of the chain, by table and key.
type bindings map[string]map[string]binding

// add takes the lines of one event.
func (bs bindings) add(seq int64, rows string) {
	for rows != "" {
		line := rows
		if i := strings.IndexByte(rows, '\n'); i >= 0 {
			line, rows = rows[:i], rows[i+1:]
		} else {
			rows = ""
		}
		parts := strings.SplitN(line, "\t", 4)
		if len(parts) < 3 {
			continue // covered by the event's hash: cannot be forged
		}
		m := bs[parts[0]]
		if m == nil {
			m = map[string]binding{}
			bs[parts[0]] = m
		}
		b := binding{sum: parts[2], seq: seq}
		if len(parts) == 4 {
			b.tags = parts[3]
		}
		m[parts[1]] = b
	}
}

// rowProblem is a data.RowProblem with the key as stored.
type rowProblem struct {
	data.RowProblem
	rawKey string
}

// maxRowProblems is how many mismatches a check lists.
const maxRowProblems = 20

// verifyRows compares every row of every bound table with its binding.
// At most limit problems are listed (all when limit < 0).
func (s *Store) verifyRows(bs bindings, limit int) (checked int64, problems []rowProblem, total int, err error) {
	shapes, err := loadShapes(s.db)
	if err != nil {
		return 0, nil, 0, sqlError("check rows", err)
	}
	report := func(raw string, p data.RowProblem) {
		total++
		if limit < 0 || len(problems) < limit {
			problems = append(problems, rowProblem{p, raw})
		}
	}
	for _, t := range shapes {
		m := bs[t.name]
		seen := make(map[string]bool, len(m))
		err := scanTable(s.db, t, func(key, sum, tags string) {
			checked++
			b, ok := m[key]
			seen[key] = true
			switch {
			case !ok || b.sum == "-":
				report(key, data.RowProblem{Table: t.name, Key: describeKey(t, key), Kind: data.RowUnrecorded})
			case b.sum != sum:
				report(key, data.RowProblem{Table: t.name, Key: describeKey(t, key), Kind: data.RowChanged,
					Field: changedField(t.cols, b.tags, tags), Seq: b.seq})
			}
		})
		if err != nil {
			return checked, problems, total, sqlError("check rows", err)
		}
		var gone []string
		for key, b := range m {
			if !seen[key] && b.sum != "-" {
				gone = append(gone, key)
			}
		}
		sort.Strings(gone)
		for _, key := range gone {
			report(key, data.RowProblem{Table: t.name, Key: describeKey(t, key), Kind: data.RowMissing, Seq: m[key].seq})
		}
	}
	return checked, problems, total, nil
}

// changedField names the first column whose tag differs, "" when the tags
// cannot tell (a column added or removed, or a tag collision).
func changedField(cols []string, want, got string) string {
	if len(want) != 8*len(cols) || len(got) != len(want) {
		return ""
	}
	for i, c := range cols {
		if want[8*i:8*i+8] != got[8*i:8*i+8] {
			return c
		}
	}
	return ""
}

// describeKey renders a key as id=12 or case_id=3, step_id="report".
func describeKey(t tableShape, key string) string {
	inner := strings.TrimSuffix(strings.TrimPrefix(key, "["), "]")
	if len(t.pk) == 1 {
		return t.pk[0] + "=" + inner
	}
	parts := splitJSONArray(inner)
	if len(parts) != len(t.pk) {
		return key
	}
	for i := range parts {
		parts[i] = t.pk[i] + "=" + parts[i]
	}
	return strings.Join(parts, ", ")
}

// splitJSONArray splits the inside of a flat JSON array at its top-level commas.
func splitJSONArray(s string) []string {
	var out []string
	inStr, esc := false, false
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case esc:
			esc = false
		case inStr && c == '\\':
			esc = true
		case c == '"':
			inStr = !inStr
		case !inStr && c == ',':
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
