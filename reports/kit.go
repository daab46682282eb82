// Package reports makes the PDF documents the officer hands to the
// prefecture. This file and its neighbours (kit_*.go, linebreak.go) are the
// shared page kit: an A4 portrait page with a binding margin, the embedded
// BIZ UD fonts, Japanese line breaking, tables that continue across pages,
// check boxes, seal boxes, the 取扱注意 marking, the 訓練 watermark and the
// footer. The documents themselves are built on it, one per file.
//
// reports never imports Fyne (arch_test.go holds that line).
package reports

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// Page is the page geometry in millimetres.
type Page struct {
	Width, Height            float64
	Left, Right, Top, Bottom float64 // margins; Left is the binding margin
}

// A4 is the page every document uses: A4 portrait with a 25 mm binding
// margin on the left for filing.
var A4 = Page{Width: 210, Height: 297, Left: 25, Right: 15, Top: 20, Bottom: 20}

// ContentWidth is the width between the margins.
func (p Page) ContentWidth() float64 { return p.Width - p.Left - p.Right }

// Options describe a document: what goes in its header, footer and metadata.
type Options struct {
	Number    string    // document number, e.g. 情セ第2024-0173号 (header and footer)
	Date      time.Time // document date, printed in 和暦
	Addressee string    // e.g. セキュリティ統括責任者; " 殿" is added
	Issuer    string    // e.g. 報告者　総務部情報政策課　主査　山田 太郎 (right-aligned)
	Title     string    // also the PDF title metadata
	Author    string    // PDF author metadata (optional)
	// DocTitle replaces Title in the PDF metadata, e.g. 「2026-005
	// 不正行為発生報告書 第1報」: the case and the document, so that a file
	// tells what it is in a reader's title bar and a search.
	DocTitle string
	Subject  string // PDF subject metadata (optional), e.g. the 件名
	Keywords string // PDF keywords metadata (optional)

	Confidential bool   // print the 取扱注意 marking at the top of every page
	Drill        bool   // print the 訓練 watermark diagonally on every page
	AuditHead    string // footer text tying the printout to the case file; see AuditHead
	// Head is the whole head of the audit chain when the document was made:
	// printed in full in small type under the footer of every page and kept in
	// the Info entry KinkyuAuditHead, both inside what a signature covers, so
	// that `kinkyu check --anchor` can hold the case file to it.
	Head data.ChainHead

	// Created is the creation date written into the PDF. Fixed, so that the
	// same input gives the same bytes; the zero value means Date.
	Created time.Time
}

// AuditHead formats the head of the audit chain for the footer:
// "監査ログ #154 90ef12ab…77ee".
func AuditHead(seq int64, hash string) string {
	h := hash
	if len(h) > 12 {
		h = h[:8] + "…" + h[len(h)-4:]
	}
	return fmt.Sprintf("監査ログ #%d %s", seq, h)
}

// AuditHeadKey is the Info entry holding the whole head ("154 90ef…", see
// data.ChainHead.String).
const AuditHeadKey = "KinkyuAuditHead"

// sizeHeadLine is the type size of the whole head under the footer.
const sizeHeadLine = 6.0

// FullAuditHead is the line with the whole head printed under the footer:
// "監査ログの先頭 #154 90ef12ab…" with all 64 hex digits.
func FullAuditHead(h data.ChainHead) string {
	return fmt.Sprintf("監査ログの先頭 #%d %s", h.Seq, h.Hash)
}

// face is one of the embedded font faces.
type face int

const (
	mincho face = iota
	gothic
	gothicBold
)

var faces = [...]struct {
	family, style string
	bytes         func() []byte
}{
	mincho: {"bizudmincho", "", i18n.Mincho},
	gothic: {"bizudgothic", "", i18n.GothicRegular},
	// Bold is loaded only by a document that uses it: the kit's titles and
	// headings are in the regular weight, as in the design, which saves a
	// font parse (~1/3 of the per-document font cost).
	gothicBold: {"bizudgothic", "B", i18n.GothicBold},
}

// Type sizes (pt) and line heights (mm).
const (
	sizeBody    = 10.0
	sizeSmall   = 8.0
	sizeLabel   = 9.5
	sizeHeading = 12.0
	sizeTitle   = 16.0
	lineBody    = 5.4 // line pitch for 10 pt text
	cellPadX    = 2.0
	cellPadY    = 1.6
	ruleWidth   = 0.25
)

// Colours.
var (
	black     = [3]int{0, 0, 0}
	greyFill  = [3]int{234, 234, 234}
	greyText  = [3]int{150, 150, 150}
	redMark   = [3]int{192, 0, 0}
	watermark = [3]int{175, 175, 175}
)

// Doc is one document being laid out. Content flows top to bottom; every
// helper starts a new page when it needs one (tables repeat their header
// row there). Errors are sticky: check the one Bytes or WriteTo returns.
type Doc struct {
	pdf    *fpdf.Fpdf
	opt    Options
	page   Page
	y      float64 // current position
	top    float64 // where the flow starts on the current page
	loaded [len(faces)]bool
	err    error
	sig    sigBoxes // where signatures go (kit_sigslot.go)
	// onNewPage runs after a page break made by the flow (tables use it to
	// repeat their header row).
	onNewPage func()
	// tail is room the next table keeps after its last row (KeepClosing).
	tail float64
	// face and size are the font set last (setFont).
	face face
	size float64
}

const pagesAlias = "{nb}"

// confidentialGap is the room the 取扱注意 marking takes above the flow.
const confidentialGap = 2.0

// New starts a document with its first page.
func New(opt Options) *Doc {
	created := opt.Created
	if created.IsZero() {
		created = opt.Date
	}
	if created.IsZero() {
		created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	p := A4
	pdf := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		Size:           fpdf.SizeType{Wd: p.Width, Ht: p.Height},
	})
	// The alias must be set before any UTF-8 font is added (it changes the
	// subset fpdf reserves).
	pdf.AliasNbPages(pagesAlias)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCompression(true)
	pdf.SetProducer("kinkyu", false)
	pdf.SetCreator("住基ネット緊急時対応デスク", true)
	if t := cmpOr(opt.DocTitle, opt.Title); t != "" {
		pdf.SetTitle(t, true)
	}
	if opt.Subject != "" {
		pdf.SetSubject(opt.Subject, true)
	}
	if opt.Keywords != "" {
		pdf.SetKeywords(opt.Keywords, true)
	}
	if opt.Author != "" {
		pdf.SetAuthor(opt.Author, true)
	}
	if opt.Head.Seq > 0 {
		pdf.SetInfoEntry(AuditHeadKey, opt.Head.String())
	}
	pdf.SetLang("ja")
	pdf.SetMargins(p.Left, p.Top, p.Right)
	pdf.SetAutoPageBreak(false, p.Bottom)
	pdf.SetLineWidth(ruleWidth)
	d := &Doc{pdf: pdf, opt: opt, page: p}
	pdf.SetHeaderFuncMode(d.drawPageMarks, false)
	pdf.SetFooterFunc(d.drawFooter)
	d.newPage()
	return d
}

// Err returns the first error met while laying out, if any.
func (d *Doc) Err() error {
	if d.err != nil {
		return d.err
	}
	return d.pdf.Error()
}

// WriteTo writes the finished PDF to w. The document cannot be changed
// afterwards.
func (d *Doc) WriteTo(w io.Writer) (int64, error) {
	if err := d.Err(); err != nil {
		return 0, fmt.Errorf("lay out PDF: %w", err)
	}
	d.recordSignatureBoxes()
	var buf bytes.Buffer
	if err := d.pdf.Output(&buf); err != nil {
		return 0, fmt.Errorf("write PDF: %w", err)
	}
	return buf.WriteTo(w)
}

// Bytes returns the finished PDF.
func (d *Doc) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	if _, err := d.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// PageCount is the number of pages laid out so far.
func (d *Doc) PageCount() int { return d.pdf.PageCount() }

// setFont selects a face, adding its font to this document on first use.
// fpdf needs the font added to each document (it keeps the subset of used
// glyphs per document); the bytes are the embedded ones, never copied, and
// faces a document does not use are never parsed.
func (d *Doc) setFont(f face, size float64) {
	if !d.loaded[f] {
		d.pdf.AddUTF8FontFromBytes(faces[f].family, faces[f].style, faces[f].bytes())
		d.loaded[f] = true
	}
	d.pdf.SetFont(faces[f].family, faces[f].style, size)
	d.face, d.size = f, size
}

func (d *Doc) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

// width measures s in the current font.
func (d *Doc) width(s string) float64 { return d.pdf.GetStringWidth(s) }

// lines breaks text for a box of width w in face f at size. Carriage
// returns end lines like newlines; tabs print as spaces.
func (d *Doc) lines(text string, f face, size, w float64) []string {
	d.setFont(f, size)
	return BreakLines(controls.Replace(text), w, d.width)
}

var controls = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\t", " ")

func (d *Doc) textColor(c [3]int) { d.pdf.SetTextColor(c[0], c[1], c[2]) }
func (d *Doc) drawColor(c [3]int) { d.pdf.SetDrawColor(c[0], c[1], c[2]) }
func (d *Doc) fillColor(c [3]int) { d.pdf.SetFillColor(c[0], c[1], c[2]) }

// text draws one line of text in the box (x, y, w, h), aligned "L", "C" or
// "R" and vertically centred, in the current font.
func (d *Doc) text(x, y, w, h float64, s, align string) {
	d.pdf.SetXY(x, y)
	d.pdf.CellFormat(w, h, s, "", 0, align, false, 0, "")
}

// bottom is the lowest y content may reach.
func (d *Doc) bottom() float64 { return d.page.Height - d.page.Bottom }

// left and right edges of the content.
func (d *Doc) left() float64  { return d.page.Left }
func (d *Doc) right() float64 { return d.page.Width - d.page.Right }

// newPage starts a page and puts the flow at its top.
func (d *Doc) newPage() {
	d.pdf.AddPage()
	d.y = d.page.Top
	if d.opt.Confidential {
		d.y += confidentialGap
	}
	d.top = d.y
}

// need makes sure h millimetres are left on the page, breaking if not.
// It reports whether it broke the page.
func (d *Doc) need(h float64) bool {
	if d.y+h <= d.bottom() {
		return false
	}
	d.newPage()
	if d.onNewPage != nil {
		d.onNewPage()
	}
	return true
}

// Space adds vertical space (mm); it never starts a new page.
func (d *Doc) Space(mm float64) {
	d.y += mm
	if d.y > d.bottom() {
		d.y = d.bottom()
	}
}

// drawPageMarks runs at the top of every page: the 取扱注意 marking and, on
// a drill's pages, 【訓練】 in words (the watermark is a drawing; the words
// are in the text a reader copies or searches).
func (d *Doc) drawPageMarks() {
	p := d.pdf
	if d.opt.Drill {
		d.textColor(redMark)
		d.setFont(gothic, 10)
		d.text(d.left(), 9, 40, 7, drillMark, "L")
	}
	if d.opt.Confidential {
		const w, h = 28.0, 7.0
		x, y := d.right()-w, 9.0
		d.drawColor(redMark)
		d.textColor(redMark)
		p.SetLineWidth(0.4)
		p.Rect(x, y, w, h, "D")
		p.SetLineWidth(ruleWidth)
		d.setFont(gothic, 9)
		d.text(x, y, w, h, "取扱注意", "C")
	}
	d.drawColor(black)
	d.textColor(black)
}

// drawFooter runs at the bottom of every page: document number at the left,
// "n / m" in the middle, the audit-chain head at the right.
func (d *Doc) drawFooter() {
	if d.opt.Drill {
		d.drawWatermark()
	}
	y := d.page.Height - 14
	const h = 5.0
	d.textColor(black)
	d.setFont(mincho, sizeSmall)
	l, r := d.left(), d.right()
	// The number may name the document too (大住第123号 不正行為発生報告書
	// 第1報): it takes the left up to near the page number.
	if d.opt.Number != "" {
		d.text(l, y, (r-l)*0.45, h, d.opt.Number, "L")
	}
	if d.opt.AuditHead != "" {
		d.text(l+(r-l)*2/3, y, (r-l)/3, h, d.opt.AuditHead, "R")
	}
	if d.opt.Head.Seq > 0 {
		d.setFont(mincho, sizeHeadLine)
		d.text(l, y+4.2, r-l, 3, FullAuditHead(d.opt.Head), "R")
	}
	// "n / m": the slash sits at the centre of the content, so the total
	// (an alias replaced when the PDF is written) cannot shift it.
	d.setFont(mincho, 9)
	mid := (l + r) / 2
	slash := d.width(" / ")
	d.text(mid-slash/2-30, y, 30, h, fmt.Sprint(d.pdf.PageNo()), "R")
	d.text(mid-slash/2, y, slash, h, " / ", "C")
	d.text(mid+slash/2, y, 30, h, pagesAlias, "L")
}

// drillMark marks a drill's pages and 件名.
const drillMark = "【訓練】"

// cmpOr returns the first of a, b that is not empty.
func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// wareki formats the document date.
func wareki(t time.Time) string { return i18n.Wareki(t) }

// withSuffix appends suffix unless s already ends with it.
func withSuffix(s, suffix string) string {
	if strings.HasSuffix(strings.TrimSpace(s), strings.TrimSpace(suffix)) {
		return s
	}
	return s + suffix
}
