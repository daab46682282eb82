package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/osaki-city/kinkyu/data"
)

// RecordDocument notes a PDF written for a case and its signers. A document
// of the whole file (CaseID 0) is stored without a case and goes on no
// timeline; its audit event names the file as subject.
func (s *Store) RecordDocument(d *data.Document, timelineText string) error {
	if d.CreatedAt.IsZero() {
		d.CreatedAt = data.Now()
	}
	if d.By == "" {
		d.By = s.currentActor()
	}
	if err := d.Validate(); err != nil {
		return err
	}
	fps := make([]string, len(d.Signers))
	for i, sg := range d.Signers {
		fps[i] = sg.Fingerprint
	}
	signers, _ := json.Marshal(fps)
	return s.tx("record document", func(tx *sql.Tx) error {
		var caseID any // NULL for a document of the whole file
		subject := "file"
		if d.CaseID != 0 {
			if _, err := caseExists(tx, d.CaseID); err != nil {
				return err
			}
			caseID, subject = d.CaseID, caseSubject(d.CaseID)
		}
		res, err := tx.Exec(`INSERT INTO documents (case_id, kind, file_name, sha256, signers, created_at, by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			caseID, d.Kind, d.FileName, d.SHA256, string(signers), formatTime(d.CreatedAt), d.By)
		if err != nil {
			return err
		}
		if d.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		for _, sg := range d.Signers {
			if _, err := tx.Exec(`INSERT INTO signers (fingerprint, name, first_used) VALUES (?, ?, ?)
				ON CONFLICT (fingerprint) DO NOTHING`, sg.Fingerprint, sg.Name, formatTime(d.CreatedAt)); err != nil {
				return err
			}
		}
		if err := s.appendAudit(tx, "document.write", subject, d); err != nil {
			return err
		}
		if d.CaseID == 0 {
			return nil
		}
		return s.timeline(tx, d.CaseID, data.EntryDocument, timelineText)
	})
}

// Documents lists the documents of a case, oldest first; caseID 0 lists those
// of the whole file (no case).
func (s *Store) Documents(caseID int64) ([]data.Document, error) {
	var id any // IS NULL for the whole file's documents
	if caseID != 0 {
		id = caseID
	}
	rows, err := s.db.Query(`SELECT d.id, d.kind, d.file_name, d.sha256, d.signers, d.created_at, d.by, coalesce(c.zone, '')
		FROM documents d LEFT JOIN cases c ON c.id = d.case_id WHERE d.case_id IS ? ORDER BY d.id`, id)
	if err != nil {
		return nil, sqlError("read documents", err)
	}
	var out []data.Document
	var fingerprints [][]string
	for rows.Next() {
		d := data.Document{CaseID: caseID}
		var signers, created, zone string
		if err := rows.Scan(&d.ID, &d.Kind, &d.FileName, &d.SHA256, &signers, &created, &d.By, &zone); err != nil {
			rows.Close()
			return nil, sqlError("read documents", err)
		}
		var fps []string
		if err := json.Unmarshal([]byte(signers), &fps); err != nil {
			rows.Close()
			return nil, &data.Error{Code: data.EDAMAGED, Err: fmt.Errorf("document %d: %w", d.ID, err)}
		}
		d.CreatedAt = s.parseTime(created, zone)
		out = append(out, d)
		fingerprints = append(fingerprints, fps)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, sqlError("read documents", err)
	}
	// Names are looked up once the rows are closed: the store has one connection.
	for i, fps := range fingerprints {
		for _, fp := range fps {
			sg, _, err := s.KnownSigner(fp)
			if err != nil {
				return nil, err
			}
			out[i].Signers = append(out[i].Signers, sg)
		}
	}
	return out, nil
}

// KnownSigner looks a certificate up among the signers of this case file.
func (s *Store) KnownSigner(fingerprint string) (data.Signer, bool, error) {
	sg := data.Signer{Fingerprint: fingerprint}
	err := s.db.QueryRow(`SELECT name FROM signers WHERE fingerprint = ?`, fingerprint).Scan(&sg.Name)
	if err == sql.ErrNoRows {
		return sg, false, nil
	}
	if err != nil {
		return sg, false, sqlError("read signers", err)
	}
	return sg, true, nil
}
