package reports

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/osaki-city/kinkyu/data"
	"software.sslmate.com/src/go-pkcs12"
)

// IdentityValidity is how long a certificate made by GenerateIdentity is valid.
const IdentityValidity = 5 * 365 * 24 * time.Hour

// identityBackdate is how far before "now" a generated certificate becomes valid,
// so that a slightly slow clock on another PC does not call it "not yet valid".
const identityBackdate = time.Hour

// oidExtKeyUsageDocumentSigning is Microsoft's "Document Signing" EKU
// (1.3.6.1.4.1.311.10.3.12), which Acrobat and poppler accept for PDF signatures.
var oidExtKeyUsageDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 10, 3, 12}

// Identity is a signer: the private key and the certificate chain (the signer's
// own certificate first).
type Identity struct {
	Signer crypto.Signer
	Chain  []*x509.Certificate
}

// Certificate returns the signer's own certificate, or nil for a zero Identity.
func (id Identity) Certificate() *x509.Certificate {
	if len(id.Chain) == 0 {
		return nil
	}
	return id.Chain[0]
}

// Name returns the signer's name (the certificate's common name).
func (id Identity) Name() string {
	if c := id.Certificate(); c != nil {
		return c.Subject.CommonName
	}
	return ""
}

// Fingerprint returns the SHA-256 of the signer's certificate (DER) in lower-case
// hex, the value the case file records for the certificates it signed with.
func (id Identity) Fingerprint() string {
	return CertFingerprint(id.Certificate())
}

// CertFingerprint returns the SHA-256 of the certificate's DER in lower-case hex,
// "" for nil.
func CertFingerprint(c *x509.Certificate) string {
	if c == nil {
		return ""
	}
	sum := sha256.Sum256(c.Raw)
	return hex.EncodeToString(sum[:])
}

// GenerateIdentity makes a signing identity for an officer who has no
// certificate: an ECDSA P-256 key and a self-signed certificate with the name as
// CN, the section as OU and the organisation (the city; may be empty) as O,
// valid for IdentityValidity from now, returned as a PKCS#12 file protected by
// passphrase. The passphrase must not be empty.
func GenerateIdentity(name, section, organization, passphrase string, now time.Time) ([]byte, error) {
	name = strings.TrimSpace(name)
	section = strings.TrimSpace(section)
	organization = strings.TrimSpace(organization)
	if name == "" {
		return nil, data.Invalid("name", "required")
	}
	// literal field names, so the i18n test finds every message these need
	switch {
	case subjectHasControl(name):
		return nil, data.Invalid("name", "control")
	case subjectTooLong(name):
		return nil, data.Invalid("name", "toolong")
	case subjectHasControl(section):
		return nil, data.Invalid("section", "control")
	case subjectTooLong(section):
		return nil, data.Invalid("section", "toolong")
	case subjectHasControl(organization):
		return nil, data.Invalid("organization", "control")
	case subjectTooLong(organization):
		return nil, data.Invalid("organization", "toolong")
	}
	if passphrase == "" {
		return nil, data.Invalid("passphrase", "required")
	}

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, data.Errorf(data.EINTERNAL, "generate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, data.Errorf(data.EINTERNAL, "generate serial: %w", err)
	}
	subject := pkix.Name{CommonName: name}
	if section != "" {
		subject.OrganizationalUnit = []string{section}
	}
	if organization != "" {
		subject.Organization = []string{organization}
	}
	subject.Country = []string{"JP"}
	notBefore := now.Add(-identityBackdate).UTC().Truncate(time.Second)
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               subject,
		NotBefore:             notBefore,
		NotAfter:              notBefore.Add(IdentityValidity),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{oidExtKeyUsageDocumentSigning},
		BasicConstraintsValid: true,
		IsCA:                  false,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, data.Errorf(data.EINTERNAL, "create certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, data.Errorf(data.EINTERNAL, "parse certificate: %w", err)
	}
	p12, err := pkcs12.Modern.Encode(key, cert, nil, passphrase)
	if err != nil {
		return nil, data.Errorf(data.EINTERNAL, "encode PKCS#12: %w", err)
	}
	return p12, nil
}

func subjectHasControl(s string) bool { return strings.IndexFunc(s, unicode.IsControl) >= 0 }

func subjectTooLong(s string) bool { return utf8.RuneCountInString(s) > data.MaxNameRunes }

// LoadIdentity opens a PKCS#12 file with its passphrase and checks that the
// certificate is valid at now. Errors are *data.Error with Code EINVALID and
//
//	Field "passphrase", Rule "wrong"        the passphrase does not open the file
//	Field "p12", Rule "corrupt"             not a usable PKCS#12 file
//	Field "certificate", Rule "expired"     the certificate's validity has ended
//	Field "certificate", Rule "notyetvalid" the certificate's validity has not begun
//
// PKCS#12 cannot tell a wrong passphrase from a damaged encrypted part: both
// fail the integrity check and are reported as a wrong passphrase.
func LoadIdentity(p12 []byte, passphrase string, now time.Time) (Identity, error) {
	if len(p12) == 0 {
		return Identity{}, &data.Error{Code: data.EINVALID, Field: "p12", Rule: "corrupt",
			Err: errors.New("empty file")}
	}
	key, cert, ca, err := pkcs12.DecodeChain(p12, passphrase)
	if errors.Is(err, pkcs12.ErrIncorrectPassword) {
		return Identity{}, &data.Error{Code: data.EINVALID, Field: "passphrase", Rule: "wrong", Err: err}
	}
	if err != nil {
		return Identity{}, &data.Error{Code: data.EINVALID, Field: "p12", Rule: "corrupt", Err: err}
	}
	// pdfsig (poppler) and other common verifiers cannot check an Ed25519
	// signature in a PDF: the document would look unsigned to them.
	if _, ok := key.(ed25519.PrivateKey); ok || cert != nil && cert.PublicKeyAlgorithm == x509.Ed25519 {
		return Identity{}, &data.Error{Code: data.EINVALID, Field: "p12", Rule: "ed25519",
			Err: errors.New("Ed25519 keys cannot be checked by common PDF verifiers (pdfsig, Acrobat); use an ECDSA P-256 or RSA certificate")}
	}
	signer, ok := key.(crypto.Signer)
	if !ok || cert == nil {
		return Identity{}, &data.Error{Code: data.EINVALID, Field: "p12", Rule: "corrupt",
			Err: fmt.Errorf("unsupported private key type %T", key)}
	}
	type equaler interface{ Equal(crypto.PublicKey) bool }
	if pub, ok := signer.Public().(equaler); !ok || !pub.Equal(cert.PublicKey) {
		return Identity{}, &data.Error{Code: data.EINVALID, Field: "p12", Rule: "corrupt",
			Err: errors.New("the private key does not belong to the certificate")}
	}
	if err := checkCertValidity(cert, now); err != nil {
		return Identity{}, err
	}
	return Identity{Signer: signer, Chain: append([]*x509.Certificate{cert}, ca...)}, nil
}

// checkCertValidity reports an expired or not yet valid certificate as *data.Error.
func checkCertValidity(cert *x509.Certificate, now time.Time) error {
	if now.After(cert.NotAfter) {
		return &data.Error{Code: data.EINVALID, Field: "certificate", Rule: "expired",
			Err: fmt.Errorf("certificate of %q expired on %s", cert.Subject.CommonName,
				cert.NotAfter.Format(time.RFC3339))}
	}
	if now.Before(cert.NotBefore) {
		return &data.Error{Code: data.EINVALID, Field: "certificate", Rule: "notyetvalid",
			Err: fmt.Errorf("certificate of %q is valid only from %s", cert.Subject.CommonName,
				cert.NotBefore.Format(time.RFC3339))}
	}
	return nil
}
