package reports

import (
	"bytes"
	"crypto"
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"
	"github.com/osaki-city/kinkyu/data"
)

// DefaultSignReason is the /Reason written when SignInfo.Reason is empty.
const DefaultSignReason = "Approval"

// SignInfo is what the signature dictionary says besides the certificate. PDF
// readers mangle non-ASCII text there, so every field must be printable ASCII;
// the signer's Japanese name travels in the certificate's subject.
type SignInfo struct {
	Name        string // e.g. a romanised name; may be empty
	Reason      string // DefaultSignReason when empty
	Location    string // may be empty
	ContactInfo string // may be empty
}

// check refuses anything but printable ASCII (space to ~).
func (info SignInfo) check() error {
	for _, f := range []struct{ name, v string }{
		{"Name", info.Name}, {"Reason", info.Reason},
		{"Location", info.Location}, {"ContactInfo", info.ContactInfo},
	} {
		for i := 0; i < len(f.v); i++ {
			if c := f.v[i]; c < 0x20 || c > 0x7e {
				return data.Errorf(data.EINTERNAL,
					"sign: %s must be printable ASCII (the Japanese name goes into the certificate): %q", f.name, f.v)
			}
		}
	}
	return nil
}

// Sign adds an approval signature by id to the PDF in as an incremental update
// and returns the signed PDF; in is not changed. A signed PDF can be signed
// again by the next approver. now is written as the signing time (/M) and must
// lie within the certificate's validity. No timestamp server is used. In a PDF
// made by the kit the signature is visible, in the next free signature box
// (see kit_sigslot.go), and its time is given in the case file's zone;
// elsewhere it is invisible.
func Sign(in []byte, id Identity, info SignInfo, now time.Time) (signed []byte, err error) {
	// The PDF reader and signer panic on some files other tools write (an
	// update with a cross-reference stream whose /Prev is a table): refuse
	// such a file as unreadable instead of ending the app.
	defer func() {
		if r := recover(); r != nil {
			signed, err = nil, &data.Error{Code: data.EINVALID, Field: "pdf", Rule: "corrupt", Err: fmt.Errorf("sign: the PDF cannot be read: %v", r)}
		}
	}()
	cert := id.Certificate()
	if cert == nil || id.Signer == nil {
		return nil, data.Errorf(data.EINTERNAL, "sign: no signing identity")
	}
	if err := info.check(); err != nil {
		return nil, err
	}
	if err := checkCertValidity(cert, now); err != nil {
		return nil, err
	}
	if info.Reason == "" {
		info.Reason = DefaultSignReason
	}
	rdr, err := pdf.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		return nil, data.Errorf(data.EINTERNAL, "sign: read PDF: %w", err)
	}
	// The signature is drawn in the next free box the kit recorded, and its
	// time is written and printed in the case file's zone (/M with +09'00').
	rec, hasBoxes := readSignatureBoxes(rdr)
	now = now.In(signingZone(rec, now))
	var look sign.Appearance
	if hasBoxes {
		if box, rect, ok := nextSignatureBox(rdr, rec, cert.Subject.CommonName); ok {
			img, err := renderStamp(signatureStamp{Signer: cert.Subject.CommonName, At: now, Fingerprint: CertFingerprint(cert)},
				box.W-2*sigInset, box.H-2*sigInset)
			if err != nil {
				return nil, data.Errorf(data.EINTERNAL, "sign: %w", err)
			}
			look = sign.Appearance{Visible: true, Page: uint32(box.Page),
				LowerLeftX: rect[0], LowerLeftY: rect[1], UpperRightX: rect[2], UpperRightY: rect[3], Image: img}
		}
	}
	var out bytes.Buffer
	out.Grow(len(in) + 64<<10)
	err = sign.Sign(bytes.NewReader(in), &out, rdr, int64(len(in)), sign.SignData{
		Signature: sign.SignDataSignature{
			Info: sign.SignDataSignatureInfo{
				Name:        info.Name,
				Location:    info.Location,
				Reason:      info.Reason,
				ContactInfo: info.ContactInfo,
				Date:        now,
			},
			CertType:   sign.ApprovalSignature,
			DocMDPPerm: sign.AllowFillingExistingFormFieldsAndSignaturesPerms,
		},
		Signer:            id.Signer,
		DigestAlgorithm:   crypto.SHA256,
		Certificate:       cert,
		CertificateChains: [][]*x509.Certificate{id.Chain},
		Appearance:        look,
	})
	if err != nil {
		return nil, data.Errorf(data.EINTERNAL, "sign PDF: %w", err)
	}
	return out.Bytes(), nil
}

// SignFile signs the PDF at inPath and writes the result to outPath (which may
// be inPath itself, for the next approver). It writes a temporary file in
// outPath's folder and renames it into place, so outPath is either the complete
// signed PDF or untouched, and no partial file is left behind on error.
func SignFile(inPath, outPath string, id Identity, info SignInfo, now time.Time) error {
	in, err := data.ReadRegularFile(inPath, "pdf", data.MaxPDFBytes)
	if err != nil {
		return err
	}
	out, err := Sign(in, id, info, now)
	if err != nil {
		return err
	}
	return WriteFileAtomic(outPath, out)
}

// WriteFileAtomic writes b to path through a temporary file in the same folder,
// synced and renamed into place; on error nothing is left behind and an
// existing file at path is unchanged. The file is created 0600 (readable by
// the officer alone) from its first byte and stays so: documents, exports and
// certificate files hold confidential details.
func WriteFileAtomic(path string, b []byte) (err error) {
	dir := filepath.Dir(path)
	// Temporary files of runs that were killed while writing here.
	data.SweepTemps(dir)
	tmp, err := data.CreateTemp(path)
	if err != nil {
		return signFileError("create", path, err)
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			_ = os.Remove(tmpName)
		}
		_ = tmp.Close() // releases the lock, after the rename
	}()
	if _, err = tmp.Write(b); err != nil {
		return signFileError("write", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return signFileError("sync", path, err)
	}
	if err = os.Rename(tmpName, path); err != nil {
		return signFileError("rename", path, err)
	}
	// best effort: make the rename itself durable (not possible on Windows)
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}

// signFileError wraps an I/O error as *data.Error: EREADONLY for anything that
// stops the output being written (permission, missing or non-folder parent,
// full disk), EINTERNAL for reading the input.
func signFileError(op, path string, err error) error {
	code := data.EREADONLY
	if op == "read" {
		code = data.EINTERNAL
	}
	return &data.Error{Code: code, Err: fmt.Errorf("%s %s: %w", op, path, err)}
}
