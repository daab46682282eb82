package data

import (
	"errors"
	"fmt"
)

// Error codes. The UI and the CLI turn a code into a message with the i18n key
// "error.<code>", so data never carries user-facing wording.
const (
	ENOTFOUND   = "notfound"   // no such case, entry or step
	EINVALID    = "invalid"    // input failed validation
	EMISSING    = "missing"    // the case file does not exist
	ENOTSQLITE  = "notsqlite"  // the file is not an SQLite database
	EFOREIGN    = "foreign"    // an SQLite database that is not a case file
	EDAMAGED    = "damaged"    // the case file fails its integrity check
	ENEWER      = "newer"      // written by a newer version of the app
	EEXISTS     = "exists"     // refusing to overwrite an existing file
	EREADONLY   = "readonly"   // the file cannot be written
	EWRITE      = "write"      // the disk refused a write (full, removed, I/O error)
	ELOCKED     = "locked"     // another app has the case file open
	EINTERNAL   = "internal"   // anything else (I/O, SQL)
	EAUDITCHAIN = "auditchain" // the audit log does not verify
)

// Error is the error type of the domain: a code for the program, an optional
// field for validation, and the underlying cause for the details pane.
type Error struct {
	Code  string
	Field string // for EINVALID: the field at fault, e.g. "title"
	Rule  string // for EINVALID: the rule broken, e.g. "required", "toolong"
	Err   error
	Args  map[string]any // values its message names besides the field's: {{.Path}}
}

func (e *Error) Error() string {
	s := e.Code
	if e.Field != "" {
		s += " " + e.Field
	}
	if e.Rule != "" {
		s += ": " + e.Rule
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an *Error with a formatted cause.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Err: fmt.Errorf(format, args...)}
}

// Invalid reports a validation failure of one field.
func Invalid(field, rule string) *Error {
	return &Error{Code: EINVALID, Field: field, Rule: rule}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// AsError returns the first *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
