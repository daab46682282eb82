package reports

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// Anchor is a head of the audit chain as a signed document or seal carries
// it: `kinkyu check --anchor` holds the case file to it.
type Anchor struct {
	Head      data.ChainHead
	Signature SignatureReport // the signature that covers the head
}

var reAuditHead = regexp.MustCompile(`/` + AuditHeadKey + `\s*\(([0-9]{1,19} [0-9a-f]{64})\)`)

// Anchor errors (data.Error.Rule, with Field "anchor").
const (
	AnchorUnsigned = "unsigned" // no signature verifies over a revision of the file
	AnchorNoHead   = "nohead"   // the signed content carries no head
)

// ReadAnchor reads the head of the audit chain from a signed PDF made by the
// app (a document or a seal). The signatures are verified first: the head is
// taken only from the bytes the earliest signature that verifies covers (the
// revision it signed, whatever was appended later), and every copy of it
// there must agree.
func ReadAnchor(pdf []byte) (Anchor, error) {
	if _, err := Verify(pdf); err != nil {
		return Anchor{}, err
	}
	// Each signature covers the file from its start to the end of its
	// revision: try those revisions from the first.
	var ends []int
	seen := map[int]bool{}
	for _, m := range reByteRange.FindAllSubmatch(pdf, -1) {
		c, err1 := strconv.Atoi(string(m[3]))
		d, err2 := strconv.Atoi(string(m[4]))
		if err1 != nil || err2 != nil || c+d > len(pdf) || c+d <= 0 || seen[c+d] {
			continue
		}
		seen[c+d] = true
		ends = append(ends, c+d)
	}
	sort.Ints(ends)
	signed := false
	for _, end := range ends {
		rev := pdf[:end]
		reps, err := Verify(rev)
		if err != nil || len(reps) == 0 {
			continue
		}
		last := reps[len(reps)-1]
		if !last.Valid || last.Modified || !last.WholeFile {
			continue
		}
		signed = true
		head, ok, err := headIn(rev)
		if err != nil {
			return Anchor{}, err
		}
		if ok {
			return Anchor{Head: head, Signature: last}, nil
		}
	}
	if !signed {
		return Anchor{}, &data.Error{Code: data.EINVALID, Field: "anchor", Rule: AnchorUnsigned,
			Err: errors.New("no signature of the file verifies")}
	}
	return Anchor{}, &data.Error{Code: data.EINVALID, Field: "anchor", Rule: AnchorNoHead,
		Err: errors.New("the signed content carries no head of the audit chain")}
}

// headIn finds the head in one signed revision; every copy must agree.
func headIn(rev []byte) (data.ChainHead, bool, error) {
	var head data.ChainHead
	found := false
	for _, m := range reAuditHead.FindAllSubmatch(rev, -1) {
		h, ok := data.ParseChainHead(string(m[1]))
		if !ok || found && h != head {
			return head, false, &data.Error{Code: data.EINVALID, Field: "anchor", Rule: AnchorNoHead,
				Err: fmt.Errorf("the signed content carries two different heads")}
		}
		head, found = h, true
	}
	return head, found, nil
}

// SealData is what a signed checkpoint (監査ログ確認票, `kinkyu seal`) records.
type SealData struct {
	Head   data.ChainHead
	File   string         // the case file's name
	Events int64          // audit events verified
	Rows   int64          // rows compared with the chain
	Zone   *time.Location // the case file's zone, for the date
}

// Seal makes the one-page checkpoint of a verified case file and signs it
// with id: the head in the text (body and footer) and in the Info entry
// KinkyuAuditHead, as in every document (docs/seal.md).
func Seal(sd SealData, id Identity, now time.Time) ([]byte, error) {
	if sd.Zone != nil {
		now = now.In(sd.Zone)
	}
	title := i18n.T("reports.seal.title")
	d := New(Options{
		Date:      now,
		Created:   now,
		Title:     title,
		DocTitle:  title + " #" + strconv.FormatInt(sd.Head.Seq, 10),
		Author:    id.Name(),
		AuditHead: AuditHead(sd.Head.Seq, sd.Head.Hash),
		Head:      sd.Head,
	})
	d.Title(title)
	d.Paragraph(i18n.T("reports.seal.lead"))
	hash := sd.Head.Hash
	if len(hash) == 64 {
		hash = hash[:16] + " " + hash[16:32] + " " + hash[32:48] + " " + hash[48:]
	}
	d.FormTable([2]string{}, []FormRow{
		{Label: i18n.T("reports.seal.file"), Cell: Cell{Text: sd.File}},
		{Label: i18n.T("reports.seal.at"), Cell: Cell{Text: i18n.WarekiDateTime(now)}},
		{Label: i18n.T("reports.seal.events"), Cell: Cell{Text: i18n.T("reports.seal.events_value", map[string]any{"Count": sd.Events, "Rows": sd.Rows})}},
		{Label: i18n.T("reports.seal.seq"), Cell: Cell{Text: "#" + strconv.FormatInt(sd.Head.Seq, 10)}},
		{Label: i18n.T("reports.seal.hash"), Cell: Cell{Text: hash}},
		{Label: i18n.T("reports.seal.officer"), Cell: Cell{Text: id.Name()}},
	})
	d.Paragraph(i18n.T("reports.seal.howto"))
	pdf, err := d.Bytes()
	if err != nil {
		return nil, err
	}
	return Sign(pdf, id, SignInfo{Reason: DefaultSignReason}, now)
}

// IsPDF reports whether b starts like a PDF (within its first KB).
func IsPDF(b []byte) bool {
	head := b
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Contains(head, []byte("%PDF-"))
}
