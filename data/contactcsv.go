package data

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// The CSV of the contact network is for Excel users: UTF-8 with a byte order
// mark (without it Excel reads Japanese as Shift_JIS), CRLF line ends, a
// Japanese header row, one entry per row in the network's order. Reading
// also takes what Excel saves back: Shift_JIS or UTF-16 (csvencoding.go).

// ContactCSVColumns are the header names, in the order WriteContactsCSV writes
// them, each with the ContactFields field it holds ("confirmed_at" for 確認日).
var ContactCSVColumns = []struct{ Header, Field string }{
	{"機関", FieldBody},
	{"役割", FieldRole},
	{"名称", FieldPointName},
	{"部署", FieldSection},
	{"担当者", "primary.name"},
	{"電話", "primary.tel"},
	{"FAX", "primary.fax"},
	{"メール", "primary.mail"},
	{"内線", "primary.extension"},
	{"夜間休日電話", "primary.night_tel"},
	{"携帯", "primary.mobile"},
	{"代理者", "deputy.name"},
	{"代理電話", "deputy.tel"},
	{"代理FAX", "deputy.fax"},
	{"代理メール", "deputy.mail"},
	{"代理内線", "deputy.extension"},
	{"代理夜間休日電話", "deputy.night_tel"},
	{"代理携帯", "deputy.mobile"},
	{"受付開始", FieldOpenFrom},
	{"受付終了", FieldOpenUntil},
	{"確認日", FieldConfirmedAt},
}

// FieldConfirmedAt names ConfirmedAt in validation errors and the CSV.
const FieldConfirmedAt = "confirmed_at"

// MaxContactRows bounds an import: a network has a dozen entries, so a file
// with more rows than this is the wrong file.
const MaxContactRows = 1000

const bom = "\ufeff"

// csvDate is how 確認日 is written (in Japan time); ParseContactsCSV also
// reads 2026-11-27 and 2026/1/5.
const csvDate = "2006/01/02"

// WriteContactsCSV writes the network as CSV.
func WriteContactsCSV(w io.Writer, ps []ContactPoint) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(bom); err != nil {
		return fmt.Errorf("write contacts CSV: %w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	head := make([]string, len(ContactCSVColumns))
	for i, c := range ContactCSVColumns {
		head[i] = c.Header
	}
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("write contacts CSV: %w", err)
	}
	for _, p := range ps {
		row := make([]string, len(ContactCSVColumns))
		for i, c := range ContactCSVColumns {
			row[i] = csvCell(p, c.Field)
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write contacts CSV: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write contacts CSV: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write contacts CSV: %w", err)
	}
	return nil
}

func csvCell(p ContactPoint, field string) string {
	switch field {
	case FieldBody:
		if p.Body == BodyOther {
			return p.Body.Label("", "")
		}
		return p.Body.Term()
	case FieldRole:
		return p.Role.Label()
	case FieldConfirmedAt:
		if p.ConfirmedAt.IsZero() {
			return ""
		}
		return p.ConfirmedAt.In(JapanTime).Format(csvDate)
	}
	return escapeFormula(p.Get(field))
}

// escapeFormula keeps Excel from running a cell as a formula (=, +, -, @ at
// the start; +81… would otherwise become a number): such a value is written
// with a leading apostrophe, which ParseContactsCSV removes again.
func escapeFormula(v string) string {
	if v != "" && strings.ContainsRune("=+-@'", rune(v[0])) {
		return "'" + v
	}
	return v
}

func unescapeFormula(v string) string {
	if len(v) >= 2 && v[0] == '\'' && strings.ContainsRune("=+-@'", rune(v[1])) {
		return v[1:]
	}
	return v
}

// CSVError is a problem with one row (or the header) of an imported CSV.
type CSVError struct {
	Line   int    // the line in the file, 1 for the header
	Column string // the header of the column at fault; "" for the whole row
	// Err says why: its Field and Rule give the message (i18n.ErrorMessage).
	// Rule "columns" (Field "csv") is a row with the wrong number of cells;
	// then Got and Want are the counts. Rule "duplicate" names in Ref the line
	// of the first entry with the same body (and role).
	Err       *Error
	Got, Want int
	Ref       int
}

func (e CSVError) Error() string {
	s := fmt.Sprintf("line %d", e.Line)
	if e.Column != "" {
		s += " column " + e.Column
	}
	return s + ": " + e.Err.Error()
}

// ContactCSVFile is an imported CSV file as read: its entries (for the
// preview), every problem with its line and column, and the encoding the text
// was read in ("" when it could not be read as any).
type ContactCSVFile struct {
	Points   []ContactPoint
	Errors   []CSVError
	Encoding TextEncoding
}

// ReadContactsCSV reads a network written by WriteContactsCSV or edited in
// Excel, in any encoding DecodeText knows (Excel's 「CSV（コンマ区切り）」 is
// Shift_JIS): columns in any order (every header needed, no unknown ones),
// rows of empty cells skipped. Each entry is normalised (full-width digits
// become ASCII) and validated. The entries must not be imported while there
// are Errors; a file that cannot be decoded has one error and no entries.
func ReadContactsCSV(b []byte) ContactCSVFile {
	if len(b) > MaxContactCSVBytes {
		return ContactCSVFile{Errors: []CSVError{{Line: 1, Err: Invalid("csv", "toobig")}}}
	}
	text, enc, cerr := DecodeText(b)
	if cerr != nil {
		return ContactCSVFile{Errors: []CSVError{*cerr}}
	}
	ps, errs := parseContactsText(text)
	return ContactCSVFile{Points: ps, Errors: errs, Encoding: enc}
}

// ParseContactsCSV is ReadContactsCSV of what r holds (at most
// MaxContactCSVBytes are read); the error is for a reader that fails.
func ParseContactsCSV(r io.Reader) ([]ContactPoint, []CSVError, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxContactCSVBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read contacts CSV: %w", err)
	}
	f := ReadContactsCSV(b)
	return f.Points, f.Errors, nil
}

// parseContactsText parses decoded CSV text.
func parseContactsText(text string) ([]ContactPoint, []CSVError) {
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false

	var errs []CSVError
	head, err := cr.Read()
	if err == io.EOF {
		return nil, []CSVError{{Line: 1, Err: Invalid("csv", "empty")}}
	}
	if err != nil {
		return nil, append(errs, syntaxError(err))
	}
	cols, headErrs := csvHeader(head)
	if len(headErrs) > 0 {
		return nil, headErrs
	}

	var ps []ContactPoint
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// A broken quote (a strings.Reader fails no other way): the
			// rest of the file cannot be trusted.
			errs = append(errs, syntaxError(err))
			break
		}
		line, _ := cr.FieldPos(0)
		if blankRow(rec) {
			continue
		}
		if len(ps)+len(errs) >= MaxContactRows {
			errs = append(errs, CSVError{Line: line, Err: Invalid("csv", "toomany"), Want: MaxContactRows})
			break
		}
		if len(rec) != len(head) {
			errs = append(errs, CSVError{Line: line, Err: Invalid("csv", "columns"), Got: len(rec), Want: len(head)})
			continue
		}
		p, cerr := csvRow(rec, cols)
		if cerr != nil {
			cerr.Line = line
			errs = append(errs, *cerr)
			continue
		}
		p.Order = len(ps) + 1
		ps = append(ps, p)
		lines = append(lines, line)
	}
	// The same body (the same city role) twice: report every later one.
	first := map[string]int{}
	for i, p := range ps {
		k := p.DuplicateKey()
		if j, dup := first[k]; dup {
			errs = append(errs, CSVError{Line: lines[i], Column: ContactCSVColumns[0].Header, Err: Invalid(FieldBody, "duplicate"), Ref: lines[j]})
			continue
		}
		first[k] = i
	}
	slices.SortStableFunc(errs, func(a, b CSVError) int { return a.Line - b.Line })
	return ps, errs
}

func syntaxError(err error) CSVError {
	line := 1
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line = pe.Line
	}
	return CSVError{Line: line, Err: &Error{Code: EINVALID, Field: "csv", Rule: "syntax", Err: err}}
}

// csvHeader maps each column of the file to its field.
func csvHeader(head []string) ([]string, []CSVError) {
	var errs []CSVError
	cols := make([]string, len(head))
	seen := map[string]bool{}
	for i, h := range head {
		h = strings.TrimSpace(normalizeWidth(h))
		for _, c := range ContactCSVColumns {
			if strings.EqualFold(h, c.Header) {
				cols[i] = c.Field
			}
		}
		switch {
		case cols[i] == "":
			errs = append(errs, CSVError{Line: 1, Column: h, Err: Invalid("csv", "unknowncolumn")})
		case seen[cols[i]]:
			errs = append(errs, CSVError{Line: 1, Column: h, Err: Invalid("csv", "samecolumn")})
		}
		seen[cols[i]] = true
	}
	for _, c := range ContactCSVColumns {
		if !seen[c.Field] {
			errs = append(errs, CSVError{Line: 1, Column: c.Header, Err: Invalid("csv", "missingcolumn")})
		}
	}
	return cols, errs
}

func blankRow(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// csvRow reads one entry; the error's Line is left to the caller.
func csvRow(rec []string, cols []string) (ContactPoint, *CSVError) {
	var p ContactPoint
	var confirmed string
	for i, v := range rec {
		v = strings.TrimSpace(v)
		switch cols[i] {
		case FieldBody:
			b, ok := parseBody(v)
			if !ok {
				return p, &CSVError{Column: csvHeaderOf(FieldBody), Err: Invalid(FieldBody, "unknown")}
			}
			p.Body = b
		case FieldRole:
			r, ok := parseRole(v)
			if !ok {
				return p, &CSVError{Column: csvHeaderOf(FieldRole), Err: Invalid(FieldRole, "notcity")}
			}
			p.Role = r
		case FieldConfirmedAt:
			confirmed = v
		default:
			p.Set(cols[i], unescapeFormula(v))
		}
	}
	if confirmed != "" {
		t, ok := parseCSVDate(confirmed)
		if !ok {
			return p, &CSVError{Column: csvHeaderOf(FieldConfirmedAt), Err: Invalid(FieldConfirmedAt, "format")}
		}
		p.ConfirmedAt = t
	}
	p.Normalize()
	if err := p.Validate(); err != nil {
		e := AsError(err)
		return p, &CSVError{Column: csvHeaderOf(e.Field), Err: e}
	}
	return p, nil
}

// csvHeaderOf returns the header of the column holding field.
func csvHeaderOf(field string) string {
	for _, c := range ContactCSVColumns {
		if c.Field == field {
			return c.Header
		}
	}
	return ""
}

// parseBody reads 機関: the regulation's term, その他, the stored value, or
// J-LIS's current name.
func parseBody(v string) (Body, bool) {
	v = normalizeWidth(v)
	switch v {
	case "地方公共団体情報システム機構", "J-LIS", "地方公共団体情報システム機構（J-LIS）", "地方公共団体情報システム機構(J-LIS)":
		return BodyAgency, true
	case "保守委託業者": // 第4条第5号's wording
		return BodyContractor, true
	}
	for _, b := range ContactBodies {
		if v == string(b) || (b.Term() != "" && v == b.Term()) || (b == BodyOther && v == b.Label("", "")) {
			return b, true
		}
	}
	return "", false
}

// parseRole reads 役割: a role's name or stored value, "" for none.
func parseRole(v string) (Role, bool) {
	if v == "" {
		return "", true
	}
	for _, r := range CityRoles {
		if v == string(r) || v == r.Label() {
			return r, true
		}
	}
	return "", false
}

// parseCSVDate reads 2026/11/27, 2026/1/5 or 2026-11-27 as noon of that day in
// Japan (noon keeps the day whatever zone it is later shown in).
func parseCSVDate(v string) (time.Time, bool) {
	v = normalizeNumber(v)
	v = strings.ReplaceAll(v, "-", "/")
	for _, layout := range []string{"2006/01/02", "2006/1/2"} {
		if t, err := time.ParseInLocation(layout, v, JapanTime); err == nil {
			return t.Add(12 * time.Hour), true
		}
	}
	return time.Time{}, false
}

// ContactsCSV is WriteContactsCSV into a byte slice.
func ContactsCSV(ps []ContactPoint) []byte {
	var b bytes.Buffer
	_ = WriteContactsCSV(&b, ps) // a bytes.Buffer does not fail
	return b.Bytes()
}
