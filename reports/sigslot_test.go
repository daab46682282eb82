package reports_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/reports"
)

// keepSigned writes b to $KINKYU_SIG_OUT/name when that variable is set, so
// that the pages can be rendered and looked at (pdftoppm -png -r 80).
func keepSigned(t *testing.T, name string, b []byte) {
	if dir := os.Getenv("KINKYU_SIG_OUT"); dir != "" {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
}

var reRect = regexp.MustCompile(`/Rect \[([0-9.]+) ([0-9.]+) ([0-9.]+) ([0-9.]+)\]`)

// widgetRects are the /Rect of the signature widgets in file order (the
// objects pdfsign writes are not compressed).
func widgetRects(t *testing.T, b []byte) [][4]float64 {
	var out [][4]float64
	for _, m := range reRect.FindAllSubmatch(b, -1) { // [0 0 0 0]: invisible
		var r [4]float64
		for i := range r {
			v, err := strconv.ParseFloat(string(m[i+1]), 64)
			require.NoError(t, err)
			r[i] = v
		}
		if r != [4]float64{} {
			out = append(out, r)
		}
	}
	return out
}

// pt converts mm to points.
func pt(mm float64) float64 { return mm * 72 / 25.4 }

// A report with seal boxes: the first signature goes in the rightmost box,
// the countersignature in the next box to the left; both stay valid.
func TestSignaturesGoInTheSealBoxes(t *testing.T) {
	s := newDocStore(t)
	id := createMisconductCase(t, s)
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	// The 決裁用 copy has the seal boxes (three labels here).
	labels := []string{"課長", "係長", "担当"}
	b, err := reports.MisconductReport(cd, reports.DocOptions{Copy: reports.CopyApproval, SealLabels: labels})
	require.NoError(t, err)

	// A time in UTC: it is written and printed in the case file's zone.
	at := time.Now().UTC().Truncate(time.Minute)
	one, err := reports.Sign(b, identity(t, "大崎 太郎"), reports.SignInfo{}, at)
	require.NoError(t, err)
	two, err := reports.Sign(one, identity(t, "古川 花子"), reports.SignInfo{}, at.Add(20*time.Minute))
	require.NoError(t, err)
	keepSigned(t, "seal-1.pdf", one)
	keepSigned(t, "seal-2.pdf", two)

	rects := widgetRects(t, two)
	require.Len(t, rects, 2)
	a, c := rects[0], rects[1]
	// Seal boxes are right-aligned at the right margin (ApprovalSlots).
	slots := reports.ApprovalSlots(labels)
	bw := slots[0].W
	right := pt(reports.A4.Width - reports.A4.Right)
	assert.InDelta(t, right, a[2], 2, "first signature in the rightmost box: %v", a)
	assert.InDelta(t, right-pt(bw), c[2], 2, "second one box to the left: %v", c)
	assert.InDelta(t, a[1], c[1], 0.1, "same row")
	assert.Greater(t, a[2]-a[0], pt(bw-2))

	// /M carries the case file's offset.
	jst := func(t time.Time) string { return "/M (D:" + t.In(docJST).Format("20060102150405") + "+09'00')" }
	assert.Contains(t, string(two), jst(at))
	assert.Contains(t, string(two), jst(at.Add(20*time.Minute)))

	sigs, out := pdfsig(t, two)
	require.Len(t, sigs, 2, out)
	assert.Equal(t, 2, validCount(sigs), out)
	reps, err := reports.Verify(two)
	require.NoError(t, err)
	require.Len(t, reps, 2)
	for _, r := range reps {
		assert.True(t, r.Valid, r.Detail)
		assert.False(t, r.Modified, r.Detail)
	}
	assert.Equal(t, "大崎 太郎", reps[0].SignerName)
	assert.Equal(t, "古川 花子", reps[1].SignerName)

	// Four signers for three boxes: the fourth is invisible, still valid.
	three, err := reports.Sign(two, identity(t, "大崎 太郎"), reports.SignInfo{}, at.Add(time.Hour))
	require.NoError(t, err)
	four, err := reports.Sign(three, identity(t, "古川 花子"), reports.SignInfo{}, at.Add(2*time.Hour))
	require.NoError(t, err)
	rects = widgetRects(t, four)
	require.Len(t, rects, 3, "three boxes, three visible signatures")
	assert.Contains(t, string(four), "/Rect [0 0 0 0]")
	sigs, out = pdfsig(t, four)
	assert.Equal(t, 4, validCount(sigs), out)
}

// A document without seal boxes gets a signature block under its last line.
func TestSignatureBlockWithoutSealBoxes(t *testing.T) {
	d := reports.New(reports.Options{Title: "送付用", Date: time.Date(2026, 11, 27, 9, 0, 0, 0, docJST)})
	d.Title("連絡票")
	d.Paragraph("下記のとおり報告します。")
	b, err := d.Bytes()
	require.NoError(t, err)
	one, err := reports.Sign(b, identity(t, "古川 花子"), reports.SignInfo{}, time.Now())
	require.NoError(t, err)
	keepSigned(t, "block-1.pdf", one)
	rects := widgetRects(t, one)
	require.Len(t, rects, 1)
	r := rects[0]
	assert.InDelta(t, pt(reports.A4.Width-reports.A4.Right-42), r[0], 2, "the rightmost of three 42 mm boxes: %v", r)
	assert.Greater(t, r[3], pt(reports.A4.Height-100), "under the last lines, high on the page: %v", r)
	sigs, out := pdfsig(t, one)
	assert.Equal(t, 1, validCount(sigs), out)
}

// pdftoppm draws the stamp: the seal box is no longer white where the
// signature is (a rough look that the appearance renders at all).
func TestSignatureIsDrawn(t *testing.T) {
	needTool(t, "pdftoppm")
	s := newDocStore(t)
	id := createMisconductCase(t, s)
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	b, err := reports.MisconductReport(cd, reports.DocOptions{Copy: reports.CopyApproval})
	require.NoError(t, err)
	count := func(pdf []byte) int {
		dir := t.TempDir()
		f := filepath.Join(dir, "x.pdf")
		require.NoError(t, os.WriteFile(f, pdf, 0o644))
		out, err := exec.Command("pdftoppm", "-r", "80", "-f", "1", "-l", "1", f, filepath.Join(dir, "p")).CombinedOutput()
		require.NoError(t, err, "%s", out)
		m, _ := filepath.Glob(filepath.Join(dir, "p*.ppm"))
		require.Len(t, m, 1)
		img, err := os.ReadFile(m[0])
		require.NoError(t, err)
		red := 0
		// P6 header: 3 lines; then RGB triples. Count reddish pixels.
		parts := strings.SplitN(string(img), "\n", 4)
		px := []byte(parts[3])
		for i := 0; i+2 < len(px); i += 3 {
			if int(px[i]) > int(px[i+1])+60 && int(px[i]) > int(px[i+2])+60 {
				red++
			}
		}
		return red
	}
	before := count(b)
	signed, err := reports.Sign(b, identity(t, "大崎 太郎"), reports.SignInfo{}, time.Now())
	require.NoError(t, err)
	after := count(signed)
	assert.Greater(t, after, before+50, "red stamp pixels: %d before, %d after", before, after)
}

// The 送付用 copy has no seal boxes: its signatures go under 以上, above the
// 担当 block at the foot of the last page, from the right.
func TestSendCopySignaturesUnderIjou(t *testing.T) {
	s := newDocStore(t)
	id := createMisconductCase(t, s)
	cd, err := reports.LoadCase(s, id)
	require.NoError(t, err)
	b, err := reports.MisconductReport(cd, reports.DocOptions{Copy: reports.CopySend})
	require.NoError(t, err)
	one, err := reports.Sign(b, identity(t, "大崎 太郎"), reports.SignInfo{}, time.Now())
	require.NoError(t, err)
	two, err := reports.Sign(one, identity(t, "古川 花子"), reports.SignInfo{}, time.Now())
	require.NoError(t, err)
	keepSigned(t, "send-2.pdf", two)
	rects := widgetRects(t, two)
	require.Len(t, rects, 2)
	right := pt(reports.A4.Width - reports.A4.Right)
	assert.InDelta(t, right, rects[0][2], 2, "first at the right: %v", rects[0])
	assert.InDelta(t, rects[0][0], rects[1][2], 2, "the next to its left: %v", rects[1])
	for _, r := range rects {
		assert.Less(t, r[3], pt(reports.A4.Height-reports.A4.Top), "not in the top margin: %v", r)
		assert.Greater(t, r[1], pt(reports.A4.Bottom+2*5.4), "above the 担当 block: %v", r)
	}
	// On the last page, where 以上 is.
	assert.Contains(t, string(two), "/P "+lastPageRef(t, two))
	sigs, out := pdfsig(t, two)
	assert.Equal(t, 2, validCount(sigs), out)
}

var reKids = regexp.MustCompile(`/Kids \[([0-9 R]+)\]`)

// lastPageRef is "N 0 R" of the last page of an fpdf PDF (its one /Kids array).
func lastPageRef(t *testing.T, b []byte) string {
	m := reKids.FindSubmatch(b)
	require.NotNil(t, m)
	f := strings.Fields(string(m[1]))
	require.GreaterOrEqual(t, len(f), 3)
	return strings.Join(f[len(f)-3:], " ")
}
