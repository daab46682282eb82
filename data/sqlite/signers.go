package sqlite

import (
	"encoding/json"

	"github.com/osaki-city/kinkyu/data"
)

// AuditedSigners returns the certificates this case file has signed with,
// fingerprint → name, as its audit log records them: from the events of
// documents written and signed here ("document.write"), and only when
// `check` verifies the whole file (the chain and every row bound to it).
// The signers table alone proves nothing: a row added to it with the
// sqlite3 tool makes any certificate look known. verified is false (and the
// map empty) when the file does not verify.
func (s *Store) AuditedSigners() (signers map[string]string, verified bool, err error) {
	rep, err := s.Check()
	if err != nil {
		return nil, false, err
	}
	if !rep.OK() {
		return map[string]string{}, false, nil
	}
	rows, err := s.db.Query(`SELECT detail FROM audit WHERE action = 'document.write' ORDER BY seq`)
	if err != nil {
		return nil, false, sqlError("read audit log", err)
	}
	defer rows.Close()
	signers = map[string]string{}
	for rows.Next() {
		var detail string
		if err := rows.Scan(&detail); err != nil {
			return nil, false, sqlError("read audit log", err)
		}
		var d data.Document
		if json.Unmarshal([]byte(detail), &d) != nil {
			continue
		}
		for _, sg := range d.Signers {
			if sg.Fingerprint != "" {
				signers[sg.Fingerprint] = sg.Name
			}
		}
	}
	return signers, true, sqlErrorOrNil("read audit log", rows.Err())
}
