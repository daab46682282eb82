package reports_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// TestKindsIsTheOneTable: every kind the case file knows has one entry, whose
// title is the one the document prints and whose file-wide flag is the one
// the case file checks.
func TestKindsIsTheOneTable(t *testing.T) {
	printed := map[string]string{
		data.DocMisconductReport: i18n.JA("reports.misconduct.title"),
		data.DocFailureReport:    i18n.JA("reports.failure.title"),
		data.DocAgenda:           i18n.JA("reports.meeting.agenda"),
		data.DocMinutes:          i18n.JA("reports.meeting.minutes"),
		data.DocDecisions:        i18n.JA("reports.meeting.decisions"),
		data.DocContactSheet:     i18n.JA("reports.contacts.sheet.title"),
		data.DocChangeNotice:     i18n.JA("reports.contacts.notice.title"),
	}
	require.Len(t, reports.Kinds, len(data.DocKinds))
	for _, kind := range data.DocKinds {
		k, ok := reports.Kind(kind)
		require.True(t, ok, kind)
		assert.Equal(t, printed[kind], k.Title, kind)
		assert.Equal(t, data.FileWide(kind), k.FileWide, kind)
	}
	assert.Equal(t, "第2回 セキュリティ会議 議事録", reports.MeetingDocTitle(data.DocMinutes, 2))
	_, ok := reports.Kind("memo")
	assert.False(t, ok)
}

// failingRecord is a case file that cannot record documents (a full disk,
// the file locked by another program) and reads as usual.
type failingRecord struct{ data.Store }

func (failingRecord) RecordDocument(*data.Document, string) error {
	return &data.Error{Code: data.EREADONLY, Err: errors.New("record document: disk full")}
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestProduceWritesSignsAndRecords: the document is written, signed, and
// recorded with its SHA-256 and signer; the timeline line is Japanese even
// when the officer uses the English screens.
func TestProduceWritesSignsAndRecords(t *testing.T) {
	require.NoError(t, i18n.SetLanguage(i18n.English))
	t.Cleanup(func() { _ = i18n.SetLanguage(i18n.Japanese) })
	s := newDocStore(t)
	id := createMisconductCase(t, s)
	c, err := s.Case(id)
	require.NoError(t, err)
	job, err := reports.ReportJob(s, c)
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "report.pdf")
	signer := identity(t, "大崎 太郎")

	doc, err := reports.Produce(s, job, reports.DocOptions{}, out, &signer, time.Now())
	require.NoError(t, err)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	sigs, err := reports.Verify(b)
	require.NoError(t, err)
	require.Len(t, sigs, 1)
	assert.True(t, sigs[0].Valid)
	assert.Equal(t, []string{"report.pdf"}, listDir(t, filepath.Dir(out)), "no temporary file is left")

	docs, err := s.Documents(id)
	require.NoError(t, err)
	require.Len(t, docs, 1)
	assert.Equal(t, doc.SHA256, docs[0].SHA256)
	assert.Equal(t, data.DocMisconductReport, docs[0].Kind)
	assert.Equal(t, signer.Fingerprint(), docs[0].Signers[0].Fingerprint)
	tl, err := s.Timeline(id)
	require.NoError(t, err)
	last := tl[len(tl)-1].Text
	assert.Equal(t, "不正行為発生報告書を作成（report.pdf、SHA-256: "+doc.SHA256[:12]+"…）", last)
}

// TestProduceKeepsNoUnrecordedDocument: when the case file cannot record the
// document, the PDF written is removed (a document the case file does not
// know of is not kept), and the error says why.
func TestProduceKeepsNoUnrecordedDocument(t *testing.T) {
	s := newDocStore(t)
	id := createMisconductCase(t, s)
	c, err := s.Case(id)
	require.NoError(t, err)
	job, err := reports.ReportJob(failingRecord{s}, c)
	require.NoError(t, err)
	dir := t.TempDir()
	_, err = reports.Produce(failingRecord{s}, job, reports.DocOptions{}, filepath.Join(dir, "report.pdf"), nil, time.Now())
	assert.Equal(t, data.EREADONLY, data.ErrorCode(err))
	assert.Empty(t, listDir(t, dir), "neither the PDF nor a temporary file is left")
	docs, err := s.Documents(id)
	require.NoError(t, err)
	assert.Empty(t, docs)
}

// TestProduceNeverOverwrites: an existing file is refused and left as it was,
// and nothing is recorded.
func TestProduceNeverOverwrites(t *testing.T) {
	s := newDocStore(t)
	id := createFailureCase(t, s)
	c, err := s.Case(id)
	require.NoError(t, err)
	job, err := reports.ReportJob(s, c)
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "report.pdf")
	require.NoError(t, os.WriteFile(out, []byte("the officer's own file"), 0o644))
	_, err = reports.Produce(s, job, reports.DocOptions{}, out, nil, time.Now())
	assert.Equal(t, data.EEXISTS, data.ErrorCode(err))
	b, _ := os.ReadFile(out)
	assert.Equal(t, "the officer's own file", string(b))
	docs, err := s.Documents(id)
	require.NoError(t, err)
	assert.Empty(t, docs)

	// The check as it writes: a file that appears after the first check (another
	// window, another program) is not replaced either.
	err = reports.WriteFileNew(out, []byte("%PDF"))
	assert.Equal(t, data.EEXISTS, data.ErrorCode(err))
	b, _ = os.ReadFile(out)
	assert.Equal(t, "the officer's own file", string(b))
	assert.Equal(t, []string{"report.pdf"}, listDir(t, filepath.Dir(out)))
}

// TestProduceChecksTheJob: a kind the table does not know, or a case
// document without its case, is refused before anything is built.
func TestProduceChecksTheJob(t *testing.T) {
	s := newDocStore(t)
	built := false
	build := func(reports.DocOptions) ([]byte, error) { built = true; return []byte("%PDF"), nil }
	dir := t.TempDir()
	_, err := reports.Produce(s, reports.Job{Kind: "memo", CaseID: 1, Build: build}, reports.DocOptions{}, filepath.Join(dir, "a.pdf"), nil, time.Now())
	assert.Error(t, err)
	_, err = reports.Produce(s, reports.Job{Kind: data.DocMinutes, Build: build}, reports.DocOptions{}, filepath.Join(dir, "b.pdf"), nil, time.Now())
	assert.Equal(t, data.EINVALID, data.ErrorCode(err))
	assert.False(t, built)
	assert.Empty(t, listDir(t, dir))
}

// TestCountersignPutsBackWhenRecordingFails: the second signature is recorded
// with both signers; when recording fails the file is the signed-once
// version the case file knows.
func TestCountersignPutsBackWhenRecordingFails(t *testing.T) {
	s := newDocStore(t)
	id := createMisconductCase(t, s)
	c, err := s.Case(id)
	require.NoError(t, err)
	job, err := reports.ReportJob(s, c)
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "report.pdf")
	first, second := identity(t, "大崎 太郎"), identity(t, "古川 花子")
	doc, err := reports.Produce(s, job, reports.DocOptions{}, out, &first, time.Now())
	require.NoError(t, err)
	once, err := os.ReadFile(out)
	require.NoError(t, err)

	_, err = reports.Countersign(failingRecord{s}, doc, out, "", second, time.Now())
	assert.Equal(t, data.EREADONLY, data.ErrorCode(err))
	b, _ := os.ReadFile(out)
	assert.Equal(t, once, b, "the file is the version recorded")

	_, err = reports.Countersign(s, doc, out, "", first, time.Now())
	assert.Equal(t, data.EINVALID, data.ErrorCode(err), "the same signer twice")

	twice, err := reports.Countersign(s, doc, out, "", second, time.Now())
	require.NoError(t, err)
	assert.Len(t, twice.Signers, 2)
	tl, err := s.Timeline(id)
	require.NoError(t, err)
	assert.Contains(t, tl[len(tl)-1].Text, "不正行為発生報告書")
	assert.Contains(t, tl[len(tl)-1].Text, "古川 花子")
}

// register is a case file with a register of 文書番号 that gives 大住第7号.
type register struct {
	data.Store
	asked []string
}

func (r *register) IssueDocNumber(kind string, caseID int64, manual string, at time.Time) (string, error) {
	r.asked = append(r.asked, kind)
	return "大住第7号", nil
}

// TestProduceTakesTheNextNumber: with IssueNumber the letter is built with
// the register's number, the caller hears it, and the timeline says it.
func TestProduceTakesTheNextNumber(t *testing.T) {
	s := newDocStore(t)
	id := createMisconductCase(t, s)
	reg := &register{Store: s}
	var built, heard string
	job := reports.Job{Kind: data.DocMisconductReport, CaseID: id, IssueNumber: true,
		Numbered: func(n string) { heard = n },
		Build: func(opt reports.DocOptions) ([]byte, error) {
			built = opt.Number
			return []byte("%PDF-1.7\n"), nil
		}}
	_, err := reports.Produce(reg, job, reports.DocOptions{Number: "typed"}, filepath.Join(t.TempDir(), "r.pdf"), nil, time.Now())
	require.NoError(t, err)
	assert.Equal(t, []string{data.DocMisconductReport}, reg.asked)
	assert.Equal(t, "大住第7号", built)
	assert.Equal(t, "大住第7号", heard)
	tl, err := s.Timeline(id)
	require.NoError(t, err)
	assert.Contains(t, tl[len(tl)-1].Text, "不正行為発生報告書（大住第7号）を作成")

	// A typed number is printed as typed; the register is not asked.
	job.IssueNumber = false
	_, err = reports.Produce(reg, job, reports.DocOptions{Number: "大崎市住第4567号"}, filepath.Join(t.TempDir(), "r.pdf"), nil, time.Now())
	require.NoError(t, err)
	assert.Len(t, reg.asked, 1)
	assert.Equal(t, "大崎市住第4567号", built)

	// A typed number must be one line: refused before anything is built or written.
	built = ""
	dir := t.TempDir()
	_, err = reports.Produce(reg, job, reports.DocOptions{Number: "大住\n第9号"}, filepath.Join(dir, "r.pdf"), nil, time.Now())
	assert.Equal(t, "doc_number", data.AsError(err).Field)
	assert.Empty(t, built)
	assert.Empty(t, listDir(t, dir))
}

// TestAddresseesComeFromTheNetwork: the governor first, then the
// prefecture's section as its head, 指定情報処理機関, the city's roles and the
// contractors with 御中; each once.
func TestAddresseesComeFromTheNetwork(t *testing.T) {
	s := newDocStore(t)
	got, err := reports.Addressees(s)
	require.NoError(t, err)
	assert.Equal(t, []string{"宮城県知事"}, got, "an empty network still has the governor")
	for _, p := range []data.ContactPoint{
		{Body: data.BodyCity, Role: data.RoleChief, Primary: data.Person{Name: "大崎 一郎", TEL: "0229-23-2111"}},
		{Body: data.BodyPrefecture, Name: "宮城県 総務部市町村課", Primary: data.Person{Name: "見本 一郎", TEL: "022-211-2111"}},
		{Body: data.BodyPrefecture, Primary: data.Person{Name: "見本 二郎", TEL: "022-211-2112"}},
		{Body: data.BodyAgency, Primary: data.Person{Name: "見本 三郎", TEL: "0120-000-301"}},
		{Body: data.BodyContractor, Name: "株式会社サンプル情報システム", Primary: data.Person{Name: "見本 四郎", TEL: "0120-000-401"}},
	} {
		p.OpenFrom, p.OpenUntil = data.DefaultOpenFrom, data.DefaultOpenUntil
		require.NoError(t, s.SaveContactPoint(&p))
	}
	got, err = reports.Addressees(s)
	require.NoError(t, err)
	assert.Equal(t, []string{"宮城県知事", "宮城県総務部市町村課長", "指定情報処理機関", "セキュリティ統括責任者",
		"株式会社サンプル情報システム 御中"}, got)
}
