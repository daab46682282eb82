package reports_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/reports"
)

// Characters a legal name or a note may hold that are not in the basic
// plane, or that the fonts lack. BIZ UD Mincho and Gothic have 𩸽 (U+29E3D)
// and 𠀋 (U+2000B), and a glyph of its own for 葛󠄀 (葛 U+845B with the
// selector U+E0100); they lack 𠮷 (U+20BB7) and the emoji, which print as 〓
// while the text layer keeps them.
const (
	glyphYoshida = "𠮷田 花子"
	glyphHokke   = "𩸽"
	glyphJou     = "𠀋"
	glyphEmoji   = "😀"
	glyphKatsu   = "葛\U000E0100" // 葛󠄀
)

// glyphText is a sentence with all of them, long enough to wrap.
const glyphText = "𠮷田 花子さんが𩸽の干物と𠀋の字を確認した😀。葛\U000E0100城市の窓口から連絡があり、" +
	"住民票の氏名は𠮷田のまま（異体字セレクタ付きの葛\U000E0100も同じ）で、表示できない文字は〓で示す。"

// glyphWants are what the text layer of every document must give back.
var glyphWants = []string{"𠮷", glyphHokke, glyphJou, "葛"}

// checkGlyphs checks that the document's text gives the characters back and
// that its fonts are embedded. It returns the text, whitespace removed.
func checkGlyphs(t *testing.T, name string, b []byte) string {
	t.Helper()
	file := writeTemp(t, b)
	if dir := os.Getenv("GLYPHS_PDF_DIR"); dir != "" { // to look at them
		require.NoError(t, os.WriteFile(filepath.Join(dir, name+".pdf"), b, 0o644))
	}
	text := pdfText(t, file, 0, 0)
	for _, w := range glyphWants {
		assert.Contains(t, text, w, "%s: %q missing from the text layer", name, w)
	}
	needTool(t, "pdffonts")
	out, err := exec.Command("pdffonts", file).CombinedOutput()
	require.NoError(t, err, "%s", out)
	fonts := 0
	for _, line := range strings.Split(string(out), "\n")[2:] {
		if f := strings.Fields(line); len(f) >= 5 {
			fonts++
			assert.Contains(t, f, "yes", "%s: font not embedded: %s", name, line)
		}
	}
	assert.GreaterOrEqual(t, fonts, 1, "%s: %s", name, out)
	return text
}

// createGlyphCase is a misconduct case whose title, timeline and report
// items hold the characters, stored through the case file as the app would.
func createGlyphCase(t *testing.T, s data.Store, class data.Class) int64 {
	t.Helper()
	c := &data.Case{Title: "𠮷田 花子氏の𩸽・𠀋😀・葛\U000E0100に関する事案", Class: class, Status: data.StatusOpen,
		DiscoveredAt: docT0, OccurredAt: docAt(-7), OccurredState: data.TimeKnown,
		Discoverer: glyphYoshida, DiscovererSection: "葛\U000E0100城課"}
	require.NoError(t, s.CreateCase(c))
	require.NoError(t, s.AddEntry(&data.Entry{CaseID: c.ID, At: docAt(0), Text: glyphText, Author: glyphYoshida}))
	require.NoError(t, s.AddEntry(&data.Entry{CaseID: c.ID, At: docAt(3), Text: "𩸽𠀋😀葛\U000E0100", Author: "𠀋 一郎"}))
	switch class {
	case data.ClassMisconduct:
		r := misconductItems
		r.CaseID, r.ReportedAt = c.ID, docAt(4)
		r.Details, r.Reporter, r.DiscoveryNote = glyphText, glyphYoshida+"（市民課）", "𩸽と𠀋を発見😀"
		require.NoError(t, s.SaveMisconductReport(&r, "第1報を報告（𠮷田）"))
	case data.ClassFailure:
		r := failureItems
		r.CaseID, r.ContractorRequestedAt, r.ChiefReportedAt, r.DecidedAt, r.ReportedAt = c.ID, docAt(40), docAt(20), docAt(25), docAt(20)
		r.Event, r.Reporter, r.DataImpactText = glyphText, glyphYoshida, "𩸽𠀋😀葛\U000E0100"
		require.NoError(t, s.SaveFailureReport(&r, "障害を報告（𠮷田）"))
	}
	return c.ID
}

func TestEveryCharacterPrints(t *testing.T) {
	s := newDocStore(t)
	docs := map[string][]byte{}
	for _, class := range []data.Class{data.ClassMisconduct, data.ClassFailure} {
		id := createGlyphCase(t, s, class)
		cd, err := reports.LoadCase(s, id)
		require.NoError(t, err)
		report := reports.MisconductReport
		if class == data.ClassFailure {
			report = reports.FailureReport
		}
		b, err := report(cd, reports.DocOptions{})
		require.NoError(t, err)
		docs["report-"+string(class)] = b

		m := &data.Meeting{CaseID: id, Place: "𠮷田会館 𩸽の間", Date: docAt(55), OpenedAt: docAt(62),
			Chair: "𠀋 一郎", Recorder: glyphYoshida, MinutesSigner: "葛\U000E0100西 次郎",
			Attendees: []data.Attendee{{Name: glyphYoshida, Role: "市民課長😀", Present: true}}}
		require.NoError(t, s.CreateMeeting(m, ""))
		b, err = reports.Agenda(cd, m, reports.DocOptions{})
		require.NoError(t, err)
		docs["agenda-"+string(class)] = b

		for i := range m.Items {
			it := m.Items[i]
			it.Discussion, it.Decision, it.Owner = glyphText, "𩸽と𠀋は"+glyphText, glyphYoshida
			if it.Key != "resume" { // resuming needs the integrity check first
				it.Status = data.ItemDecided
			}
			require.NoError(t, s.SaveAgendaItem(&it, ""))
		}
		md, err := reports.LoadMeeting(s, m.ID)
		require.NoError(t, err)
		b, err = reports.Minutes(md, reports.DocOptions{})
		require.NoError(t, err)
		docs["minutes-"+string(class)] = b
		b, err = reports.Decisions(md, reports.DocOptions{})
		require.NoError(t, err)
		docs["decisions-"+string(class)] = b
	}

	p := data.ContactPoint{Body: data.BodyCity, Role: data.RoleStaff, Section: "市民課 葛\U000E0100城係😀",
		Primary: data.Person{Name: glyphYoshida, TEL: "0229-00-0101", Mail: "yoshida@example.jp"},
		Deputy:  data.Person{Name: "𩸽 𠀋", TEL: "0229-00-0102"}}
	require.NoError(t, s.SaveContactPoint(&p))
	p.Primary.Name = "𠮷田 𩸽子"
	require.NoError(t, s.SaveContactPoint(&p))
	cd, err := reports.LoadContacts(s, docAt(60))
	require.NoError(t, err)
	b, err := reports.ContactSheet(cd, reports.DocOptions{})
	require.NoError(t, err)
	docs["contactsheet"] = b
	b, err = reports.ChangeNotice(cd, reports.DocOptions{})
	require.NoError(t, err)
	docs["changenotice"] = b

	blank := reports.BlankOptions{City: "𠮷田𩸽𠀋葛\U000E0100市", Prefecture: "葛\U000E0100城県𩸽𠀋"}
	b, err = reports.BlankMisconductReport(blank)
	require.NoError(t, err)
	docs["blank-misconduct"] = b
	for name, make := range map[string]func(reports.BlankOptions) ([]byte, error){
		"blank-failure": reports.BlankFailureReport, "blank-agenda-failure": reports.BlankAgendaFailure,
		"blank-agenda-misconduct": reports.BlankAgendaMisconduct, "blank-minutes": reports.BlankMinutes,
		"blank-contactsheet": reports.BlankContactSheet, "blank-changenotice": reports.BlankChangeNotice,
	} {
		b, err = make(blank)
		require.NoError(t, err, name)
		docs[name] = b
	}

	for name, b := range docs {
		text := checkGlyphs(t, name, b)
		assert.NotContains(t, text, "\uFFFD", name)
		if !strings.HasPrefix(name, "blank") {
			// The emoji is drawn as 〓 but copied as itself, and the
			// selector stays with its base.
			assert.Contains(t, text, glyphEmoji, name)
			assert.Contains(t, text, glyphKatsu, name)
			assert.Contains(t, text, "𠮷田", name)
		}
	}
}

// The CIDs given to characters beyond U+FFFF are the document's own: made at
// the same time, documents are still each what they are when made alone.
func TestGlyphDocumentsMadeConcurrentlyAreTheSame(t *testing.T) {
	s := newDocStore(t)
	cd, err := reports.LoadCase(s, createGlyphCase(t, s, data.ClassMisconduct))
	require.NoError(t, err)
	want, err := reports.MisconductReport(cd, reports.DocOptions{})
	require.NoError(t, err)
	const n = 6
	got := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = reports.MisconductReport(cd, reports.DocOptions{})
		}()
	}
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i])
		assert.True(t, bytes.Equal(want, got[i]), "document %d differs when made alongside others", i)
	}
	checkGlyphs(t, "concurrent", got[0])
}

// A signer whose name is beyond the basic plane or carries a selector: the
// signature is valid and its stamp drawn (葛󠄀 as 葛, never 葛〓; 𠮷 as 〓).
func TestSignerNameBeyondTheBasicPlane(t *testing.T) {
	s := newDocStore(t)
	cd, err := reports.LoadCase(s, createGlyphCase(t, s, data.ClassMisconduct))
	require.NoError(t, err)
	b, err := reports.MisconductReport(cd, reports.DocOptions{})
	require.NoError(t, err)
	const name = "𠮷田 葛\U000E0100子"
	p12, err := reports.GenerateIdentity(name, "市民課", "大崎市", testPass, time.Now())
	require.NoError(t, err)
	id, err := reports.LoadIdentity(p12, testPass, time.Now())
	require.NoError(t, err)
	signed, err := reports.Sign(b, id, reports.SignInfo{}, time.Now())
	require.NoError(t, err)
	sigs, out := pdfsig(t, signed)
	require.Len(t, sigs, 1, out)
	assert.Equal(t, 1, validCount(sigs), out)
	reps, err := reports.Verify(signed)
	require.NoError(t, err)
	require.Len(t, reps, 1)
	assert.True(t, reps[0].Valid, reps[0].Detail)
	assert.Equal(t, name, reps[0].SignerName)
	checkGlyphs(t, "signed", signed)
}
