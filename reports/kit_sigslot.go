package reports

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/digitorus/pdf"
)

// Where the signatures go. The kit records, in the finished PDF, the boxes a
// signature may be drawn in: the seal boxes of the 決裁欄 (決裁用 copy), or,
// in a document without seal boxes (送付用 copy, contact sheet …), a
// signature block after the last line. Sign reads that record and draws each
// new signature in the next free box, so a countersignature added later to
// the same file lands in the next box without touching the earlier ones.
//
// The record is one entry of the document information dictionary,
// /KinkyuSignatureBoxes, holding ASCII JSON (see sigBoxRecord). The Info
// dictionary survives incremental updates (each signature is one), so the
// record made by the kit is the one every signer reads.

// sigBoxesKey is the Info entry that holds the record.
const sigBoxesKey = "KinkyuSignatureBoxes"

// SignatureBox is one place for a signature, in mm from the top-left corner
// of its page (the kit's coordinates).
type SignatureBox struct {
	Page  int     `json:"page"` // 1-based
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	W     float64 `json:"w"`
	H     float64 `json:"h"`
	Label string  `json:"label,omitempty"` // the seal box's label, "" for a signature block
}

// sigBoxRecord is what the Info entry holds: the boxes in the order they are
// filled, and the case file's time zone, in which signing times are printed.
type sigBoxRecord struct {
	Zone  string         `json:"zone,omitempty"` // IANA name, e.g. Asia/Tokyo
	Boxes []SignatureBox `json:"boxes"`
}

// Signature block of a document without seal boxes: up to sigBlockCount
// boxes in a row, right-aligned under the last line (or, when the last page
// has no room left, in the top margin of the first page, shorter).
const (
	sigBlockCount = 3
	sigBlockW     = 42.0
	sigBlockH     = 24.0
	sigMarginH    = 14.0 // in the top margin
	sigMarginY    = 4.5
)

// sigBoxes is the Doc's record of its signature boxes.
type sigBoxes struct {
	seals []SignatureBox // seal boxes, as SealBoxes drew them
	done  bool           // recorded in the PDF already
	// space is where a letter leaves room for the signature block: between
	// 以上 and the 担当 block at the foot (page 0: none noted).
	space struct {
		page        int
		top, bottom float64
	}
}

// signatureSpace notes that the flow left free space on page from top down
// to bottom (mm) for the signature block of a document without seal boxes:
// a letter calls it between 以上 and its 担当 block. When the 担当 block went
// to a new page, the space runs to the foot of page.
func (d *Doc) signatureSpace(page int, top, bottom float64) {
	if d.pdf.PageNo() != page {
		bottom = d.bottom()
	}
	d.sig.space.page, d.sig.space.top, d.sig.space.bottom = page, top, bottom
}

// sealSignatureBox notes the body of a seal box (below its label) as a place
// for a signature. SealBoxes calls it for every box it draws.
func (d *Doc) sealSignatureBox(x, y, w, h float64, label string) {
	d.sig.seals = append(d.sig.seals, SignatureBox{
		Page: d.pdf.PageNo(), X: x, Y: y, W: w, H: h,
		Label: strings.ReplaceAll(label, "\n", ""),
	})
}

// recordSignatureBoxes writes the record into the PDF's Info dictionary;
// WriteTo calls it once, before the PDF is written. Without seal boxes, the
// signature block is reserved after the last line (nothing is drawn: an
// unsigned document shows only white space there).
func (d *Doc) recordSignatureBoxes() {
	if d.sig.done {
		return
	}
	d.sig.done = true
	rec := sigBoxRecord{Zone: d.zoneName()}
	if len(d.sig.seals) > 0 {
		// A 決裁欄 is read from the right: the drafter (担当) signs in the
		// rightmost box, each approver above in the next box to the left.
		rec.Boxes = append(rec.Boxes, d.sig.seals...)
		sort.SliceStable(rec.Boxes, func(i, j int) bool {
			a, b := rec.Boxes[i], rec.Boxes[j]
			if a.Page != b.Page {
				return a.Page < b.Page
			}
			if math.Abs(a.Y-b.Y) > 0.5 {
				return a.Y < b.Y
			}
			return a.X > b.X
		})
	} else {
		rec.Boxes = d.signatureBlock()
	}
	b, err := json.Marshal(rec)
	if err != nil {
		d.fail(fmt.Errorf("record signature boxes: %w", err))
		return
	}
	d.pdf.SetInfoEntry(sigBoxesKey, asciiJSON(b))
}

// signatureBlock places the boxes of a document without seal boxes: a row
// right-aligned under the last line (in a letter, under 以上) when there is
// room, else in the top margin of the first page (left of the 取扱注意
// marking), so that no page is added for a signature that may never come.
func (d *Doc) signatureBlock() []SignatureBox {
	boxes := make([]SignatureBox, sigBlockCount)
	right := d.right()
	y, h, page, bottom := d.y+4, sigBlockH, d.pdf.PageNo(), d.bottom()
	if sp := d.sig.space; sp.page > 0 {
		y, page, bottom = sp.top, sp.page, sp.bottom-2
	}
	if y+h > bottom {
		y, h, page = sigMarginY, sigMarginH, 1
		right = d.right() - 30 // the 取扱注意 marking is 28 mm wide
	}
	w := min(sigBlockW, (right-d.left())/sigBlockCount)
	x0 := right - w*sigBlockCount
	for i := range boxes { // from the right, where a 発信者 signs
		boxes[i] = SignatureBox{Page: page, X: x0 + w*float64(sigBlockCount-1-i), Y: y, W: w, H: h}
	}
	return boxes
}

// zoneName is the IANA name of the zone the document's dates are in (the
// case file's zone: the documents give their dates in it), "" when unknown.
func (d *Doc) zoneName() string {
	t := d.opt.Created
	if t.IsZero() {
		t = d.opt.Date
	}
	if t.IsZero() {
		return ""
	}
	name := t.Location().String()
	if name == "Local" {
		return ""
	}
	return name
}

// asciiJSON escapes every non-ASCII character of a JSON text as \uXXXX, so
// that the Info entry is a plain byte string any PDF reader passes on intact.
func asciiJSON(b []byte) string {
	var sb strings.Builder
	for _, r := range string(b) {
		if r < 0x80 {
			sb.WriteRune(r)
			continue
		}
		for _, u := range utf16.Encode([]rune{r}) {
			fmt.Fprintf(&sb, `\u%04x`, u)
		}
	}
	return sb.String()
}

// readSignatureBoxes reads the record of a PDF made by the kit; ok is false
// for a PDF without one (made elsewhere or before the record existed).
func readSignatureBoxes(r *pdf.Reader) (rec sigBoxRecord, ok bool) {
	s := r.Trailer().Key("Info").Key(sigBoxesKey).RawString()
	if s == "" {
		return rec, false
	}
	if err := json.Unmarshal([]byte(s), &rec); err != nil || len(rec.Boxes) == 0 {
		return sigBoxRecord{}, false
	}
	return rec, true
}

// pt converts mm to PDF points.
func pt(mm float64) float64 { return mm * 72 / 25.4 }

// rectOf is the PDF rectangle (points, from the bottom-left corner) of b on
// a page pageH mm high, inset by inset mm so the box's rules stay visible.
func (b SignatureBox) rectOf(pageH, inset float64) [4]float64 {
	return [4]float64{
		pt(b.X + inset), pt(pageH - b.Y - b.H + inset),
		pt(b.X + b.W - inset), pt(pageH - b.Y - inset),
	}
}

// usedRects are the rectangles of the signatures already in the PDF, by
// page number.
func usedRects(r *pdf.Reader) map[int][][4]float64 {
	pages := map[uint32]int{}
	for i := 1; i <= r.NumPage(); i++ {
		if p := r.Page(i); !p.V.IsNull() {
			ptr := p.V.GetPtr()
			pages[ptr.GetID()] = i
		}
	}
	used := map[int][][4]float64{}
	fields := r.Trailer().Key("Root").Key("AcroForm").Key("Fields")
	for i := 0; i < fields.Len(); i++ {
		f := fields.Index(i)
		if f.Key("FT").Name() != "Sig" {
			continue
		}
		rv := f.Key("Rect")
		if rv.Len() != 4 {
			continue
		}
		var rect [4]float64
		for k := range rect {
			rect[k] = rv.Index(k).Float64()
		}
		ptr := f.Key("P").GetPtr()
		page := pages[ptr.GetID()]
		used[page] = append(used[page], rect)
	}
	return used
}

// overlaps reports whether two PDF rectangles share more than a sliver.
func overlaps(a, b [4]float64) bool {
	const eps = 1.0 // pt
	return a[0] < b[2]-eps && b[0] < a[2]-eps && a[1] < b[3]-eps && b[1] < a[3]-eps
}

// sigInset keeps a signature's appearance inside its box's rules (mm).
const sigInset = 0.35

// nextSignatureBox chooses the box for a new signature by signer (the
// certificate's CN, e.g. 山田 太郎（課長）): the free seal box whose label is
// the signer's role in （）, else the first free box in the record's order.
// ok is false when the PDF has no record or every box is taken: the
// signature is then made invisible, as a PDF from elsewhere would be signed.
func nextSignatureBox(r *pdf.Reader, rec sigBoxRecord, signer string) (SignatureBox, [4]float64, bool) {
	used := usedRects(r)
	role := roleOf(signer)
	var first *SignatureBox
	var firstRect [4]float64
	for i := range rec.Boxes {
		b := rec.Boxes[i]
		if b.Page < 1 || b.Page > r.NumPage() {
			continue
		}
		rect := b.rectOf(pageHeightMM(r, b.Page), sigInset)
		free := true
		for _, u := range used[b.Page] {
			if overlaps(rect, u) {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		if role != "" && b.Label == role {
			return b, rect, true
		}
		if first == nil {
			first, firstRect = &rec.Boxes[i], rect
		}
	}
	if first == nil {
		return SignatureBox{}, [4]float64{}, false
	}
	return *first, firstRect, true
}

// roleOf is the role in （） at the end of a certificate's CN, as the app
// names signers: 山田 太郎（セキュリティ責任者） → セキュリティ責任者.
func roleOf(cn string) string {
	cn = strings.TrimSpace(cn)
	rest, ok := strings.CutSuffix(cn, "）")
	if !ok {
		return ""
	}
	i := strings.LastIndex(rest, "（")
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(rest[i+len("（"):])
}

// pageHeightMM is the height of the page's MediaBox in mm (A4 when unreadable).
func pageHeightMM(r *pdf.Reader, page int) float64 {
	mb := r.Page(page).V.Key("MediaBox")
	if mb.Len() == 4 {
		if h := mb.Index(3).Float64() - mb.Index(1).Float64(); h > 0 {
			return h * 25.4 / 72
		}
	}
	return A4.Height
}

// signingZone is the zone a signature's time is written and printed in: the
// case file's, as the document recorded it, else now's own.
func signingZone(rec sigBoxRecord, now time.Time) *time.Location {
	if rec.Zone != "" {
		if loc, err := time.LoadLocation(rec.Zone); err == nil {
			return loc
		}
	}
	return now.Location()
}
