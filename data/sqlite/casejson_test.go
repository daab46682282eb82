package sqlite_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// richCase records one misconduct case with every part an export carries,
// with characters beyond the BMP and a variation sequence in its text.
func richCase(t *testing.T, s *sqlite.Store) *data.Case {
	t.Helper()
	tick := clockAt(t, time.Date(2026, 10, 28, 9, 0, 0, 0, jst))
	c := newCase("𠮷田さんの端末で𩸽の照会（葛󠄀城）😀", data.ClassMisconduct, time.Date(2026, 10, 28, 8, 30, 0, 0, jst))
	c.Discoverer, c.DiscovererSection = "𠮷田 花子", "市民課"
	c.OccurredState, c.OccurredAt = data.TimeKnown, time.Date(2026, 10, 27, 22, 10, 0, 0, jst)
	require.NoError(t, s.CreateCase(c))

	first := data.Entry{CaseID: c.ID, At: tick(1), Text: "照会を発見（約30件）", Author: "佐藤（住基ネット担当者）"}
	require.NoError(t, s.AddEntry(&first))
	fix := data.Entry{CaseID: c.ID, At: tick(1), Text: "照会を発見（約300件）", Author: "佐藤（住基ネット担当者）", Corrects: first.ID}
	require.NoError(t, s.AddEntry(&fix))
	require.NoError(t, s.SaveMisconductReport(&data.MisconductReport{CaseID: c.ID, Device: "CS端末（市民課1番）", Location: "本庁舎1階",
		Details: "業務時間外の連続照会", Measures: data.Yes, MeasuresText: "ネットワークから切離し", Reporter: "佐藤",
		ReportedTo: "山田（セキュリティ責任者）", ReportedAt: tick(5), ReportNo: 1}, "第1報を報告"))
	require.NoError(t, s.AssessThreat(&data.ThreatAssessment{CaseID: c.ID, Examples: []string{data.ThreatExamples()[0].ID}, By: "山田"}, ""))
	tick(3)
	var lvl3 string
	for _, ex := range data.ThreatExamples() {
		if data.LevelOf([]string{ex.ID}) == 3 {
			lvl3 = ex.ID
			break
		}
	}
	require.NoError(t, s.AssessThreat(&data.ThreatAssessment{CaseID: c.ID, Examples: []string{lvl3}, Reason: "内部の操作と判明", By: "山田"}, ""))
	require.NoError(t, s.SetStep(data.StepProgress{CaseID: c.ID, StepID: "5-1", Done: true, By: "佐藤", At: tick(1)}, "第5条第1号 完了"))
	require.NoError(t, s.SetMilestone(data.Milestone{CaseID: c.ID, Kind: data.MilestoneStop, Done: true, Authority: data.AuthorityMeeting, At: tick(1), By: "会議"}, ""))

	m := &data.Meeting{CaseID: c.ID, Place: "第1会議室", Date: tick(10), Chair: "大崎 一郎（セキュリティ統括責任者）", Recorder: "𠮷田 花子",
		Attendees: []data.Attendee{{Name: "大崎 一郎", Role: "セキュリティ統括責任者", Present: true}}}
	require.NoError(t, s.CreateMeeting(m, "第1回セキュリティ会議を招集"))
	m.OpenedAt = tick(2)
	require.NoError(t, s.SaveMeeting(m, "開会"))
	it := m.Items[1]
	it.Discussion, it.Decision, it.Owner, it.Due, it.Status = "連絡の要否", "宮城県に第2報を連絡する", "𠮷田 花子", tick(60), data.ItemDecided
	require.NoError(t, s.SaveAgendaItem(&it, "関係機関への連絡を決定"))
	m.ClosedAt = tick(30)
	require.NoError(t, s.SaveMeeting(m, "閉会"))

	require.NoError(t, s.RecordCall(&data.Call{CaseID: c.ID, Person: "宮城県 市町村課", Number: "022-211-0000", At: tick(5), Reached: true, Note: "第2報", By: "𠮷田 花子"}, "宮城県に連絡"))
	sum := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	require.NoError(t, s.RecordDocument(&data.Document{CaseID: c.ID, Kind: data.DocMisconductReport, FileName: "報告書.pdf", SHA256: sum,
		Signers: []data.Signer{{Fingerprint: sum, Name: "山田"}}}, "報告書を作成"))
	require.NoError(t, s.RecordReportVersion(&data.ReportVersion{CaseID: c.ID, No: 1, Kind: data.DocMisconductReport,
		ReportedAt: tick(1), Reporter: "𠮷田 花子", Addressee: "宮城県知事", Snapshot: []byte(`{"frozen":"第1報のとおり"}`)}, "第1報を記録"))
	return c
}

// comparable blanks what an import rightly changes: IDs, numbers, when rows
// were written, the source, and the import's own timeline line.
func comparable(x data.CaseExport) data.CaseExport {
	x.Source = data.ExportSource{}
	x.Zone = ""
	x.Case.ID, x.Case.Number, x.Case.CreatedAt, x.Case.UpdatedAt = 0, "", time.Time{}, time.Time{}
	var tl []data.Entry
	for _, e := range x.Timeline {
		if e.Kind == data.EntryCase && len(tl) > 0 {
			continue // the import's line (and none else here)
		}
		e.ID, e.CaseID, e.Corrects, e.RecordedAt = 0, 0, min(e.Corrects, 1), time.Time{}
		tl = append(tl, e)
	}
	x.Timeline = tl
	for i := range x.Steps {
		x.Steps[i].CaseID = 0
	}
	if x.Misconduct != nil {
		x.Misconduct.CaseID = 0
	}
	for i := range x.Checks {
		x.Checks[i].CaseID = 0
	}
	for i := range x.Threats {
		x.Threats[i].ID, x.Threats[i].CaseID = 0, 0
	}
	for i := range x.Milestones {
		x.Milestones[i].CaseID = 0
	}
	for i := range x.Meetings {
		x.Meetings[i].ID, x.Meetings[i].CaseID = 0, 0
		for j := range x.Meetings[i].Items {
			x.Meetings[i].Items[j].ID, x.Meetings[i].Items[j].MeetingID = 0, 0
		}
	}
	for i := range x.Tasks {
		x.Tasks[i].ID, x.Tasks[i].CaseID, x.Tasks[i].MeetingID, x.Tasks[i].ItemID = 0, 0, 0, 0
	}
	for i := range x.Calls {
		x.Calls[i].ID, x.Calls[i].CaseID, x.Calls[i].PointID = 0, 0, 0
	}
	for i := range x.Documents {
		x.Documents[i].ID, x.Documents[i].CaseID = 0, 0
		// Signers of another file's documents keep their fingerprints (and
		// their names in the import's audit event) but are not made known
		// certificates of this file, whose names it lists.
		for j := range x.Documents[i].Signers {
			x.Documents[i].Signers[j].Name = ""
		}
	}
	for i := range x.Reports {
		x.Reports[i].ID, x.Reports[i].CaseID, x.Reports[i].ReportVersion.Snapshot = 0, 0, nil
	}
	// Times compared as instants.
	b, _ := json.Marshal(x)
	var out data.CaseExport
	_ = json.Unmarshal(b, &out)
	return normaliseTimes(out)
}

func normaliseTimes(x data.CaseExport) data.CaseExport {
	u := func(t *time.Time) {
		if !t.IsZero() {
			*t = t.UTC()
		}
	}
	u(&x.Case.DiscoveredAt)
	u(&x.Case.OccurredAt)
	for i := range x.Timeline {
		u(&x.Timeline[i].At)
	}
	for i := range x.Steps {
		u(&x.Steps[i].At)
	}
	if x.Misconduct != nil {
		u(&x.Misconduct.ReportedAt)
	}
	for i := range x.Threats {
		u(&x.Threats[i].At)
	}
	for i := range x.Milestones {
		u(&x.Milestones[i].At)
	}
	for i := range x.Meetings {
		m := &x.Meetings[i]
		u(&m.Date)
		u(&m.OpenedAt)
		u(&m.ClosedAt)
		for j := range m.Items {
			u(&m.Items[j].Due)
			u(&m.Items[j].StartedAt)
			u(&m.Items[j].DecidedAt)
		}
	}
	for i := range x.Tasks {
		u(&x.Tasks[i].Due)
		u(&x.Tasks[i].DoneAt)
	}
	for i := range x.Calls {
		u(&x.Calls[i].At)
	}
	for i := range x.Documents {
		u(&x.Documents[i].CreatedAt)
	}
	for i := range x.Reports {
		u(&x.Reports[i].ReportedAt)
		u(&x.Reports[i].CreatedAt)
	}
	return x
}

func TestExportThenImportKeepsEverything(t *testing.T) {
	src, _ := MustCreate(t)
	c := richCase(t, src)
	x, err := src.ExportCase(c.ID)
	require.NoError(t, err)
	assert.Equal(t, c.Number, x.Source.Number)
	require.Len(t, x.Meetings, 1)
	require.NotEmpty(t, x.Tasks, "the decided item with an owner made a follow-up")
	require.Len(t, x.Threats, 2)
	require.Len(t, x.Reports, 1)
	assert.Equal(t, "大住第1号", x.Reports[0].Number)

	b, err := json.Marshal(x)
	require.NoError(t, err)
	var back data.CaseExport
	require.NoError(t, json.Unmarshal(b, &back))

	dst, _ := MustCreate(t)
	// Another case already there: the import gets the next number of its year.
	require.NoError(t, dst.CreateCase(newCase("既存の事案", data.ClassFailure, time.Date(2026, 4, 1, 9, 0, 0, 0, jst))))
	headBefore, err := dst.Head()
	require.NoError(t, err)
	got, err := dst.ImportCase(&back, "a.json")
	require.NoError(t, err)
	assert.Equal(t, "2026-002", got.Number)
	assert.Equal(t, c.Title, got.Title, "characters beyond the BMP and the IVS are kept")

	y, err := dst.ExportCase(got.ID)
	require.NoError(t, err)
	assert.Equal(t, comparable(x), comparable(y))

	// The correction still points at the entry it corrects, in the new file.
	tl, err := dst.Timeline(got.ID)
	require.NoError(t, err)
	assert.Equal(t, tl[0].ID, tl[1].Corrects)
	last := tl[len(tl)-1]
	assert.Contains(t, last.Text, "取り込み")
	assert.Contains(t, last.Text, c.Number)

	// Every part was written with its audit event, and the chain verifies.
	head, err := dst.Head()
	require.NoError(t, err)
	assert.Greater(t, head.Seq, headBefore.Seq+int64(len(x.Timeline)))
	rep, err := dst.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())

	// The recorded 第1報 keeps its number and its frozen content, and the
	// number is in this file's register: the register cannot give it again.
	vs, err := dst.ReportVersions(got.ID)
	require.NoError(t, err)
	require.Len(t, vs, 1)
	assert.Equal(t, "大住第1号", vs[0].Number)
	assert.JSONEq(t, `{"frozen":"第1報のとおり"}`, string(vs[0].Snapshot))
	n, err := dst.IssueDocNumber(data.DocMisconductReport, got.ID, "", vs[0].ReportedAt)
	require.NoError(t, err)
	assert.Equal(t, "大住第2号", n)

	// The signer of a document of the other file is not a known signer here.
	_, known, err := dst.KnownSigner(x.Documents[0].Signers[0].Fingerprint)
	require.NoError(t, err)
	assert.False(t, known)
}

func TestImportRefusesWhatItCannotReadAndWritesNothing(t *testing.T) {
	src, _ := MustCreate(t)
	c := richCase(t, src)
	good, err := src.ExportCase(c.ID)
	require.NoError(t, err)

	for name, spoil := range map[string]func(x *data.CaseExport){
		"another format":     func(x *data.CaseExport) { x.Format = "thehive-case" },
		"a newer version":    func(x *data.CaseExport) { x.Version = data.ExportVersion + 1 },
		"no title":           func(x *data.CaseExport) { x.Case.Title = " " },
		"a broken reference": func(x *data.CaseExport) { x.Timeline[1].Corrects = 999999 },
		"an unknown agenda":  func(x *data.CaseExport) { x.Meetings[0].Items[0].Key = "nosuch" },
		"a bad level":        func(x *data.CaseExport) { x.Threats[0].Examples = nil },
		"a task of nothing":  func(x *data.CaseExport) { x.Tasks[0].ItemID = 424242 },
		"a broken snapshot":  func(x *data.CaseExport) { x.Reports[0].Snapshot = []byte(`{"frozen":`) },
	} {
		t.Run(name, func(t *testing.T) {
			var x data.CaseExport
			b, _ := json.Marshal(good)
			require.NoError(t, json.Unmarshal(b, &x))
			spoil(&x)
			dst, _ := MustCreate(t)
			before, err := dst.Head()
			require.NoError(t, err)
			_, err = dst.ImportCase(&x, "bad.json")
			require.Error(t, err)
			n, err := dst.CountCases(data.CaseFilter{})
			require.NoError(t, err)
			assert.Zero(t, n, "nothing of a refused import is kept")
			after, err := dst.Head()
			require.NoError(t, err)
			assert.Equal(t, before, after)
		})
	}
}

// A 第n報 keeps the number it was sent with; a file whose register gave the
// same number in that 年度 has another document under it, and the import is
// refused rather than the register holding one number twice.
func TestImportRefusesANumberTheFileGaveAlready(t *testing.T) {
	src, _ := MustCreate(t)
	c := richCase(t, src)
	x, err := src.ExportCase(c.ID)
	require.NoError(t, err)

	dst, _ := MustCreate(t)
	other := newCase("別の事案", data.ClassMisconduct, time.Date(2026, 10, 1, 9, 0, 0, 0, jst))
	require.NoError(t, dst.CreateCase(other))
	n, err := dst.IssueDocNumber(data.DocMisconductReport, other.ID, "", x.Reports[0].ReportedAt)
	require.NoError(t, err)
	require.Equal(t, x.Reports[0].Number, n)
	before, err := dst.Head()
	require.NoError(t, err)

	_, err = dst.ImportCase(&x, "a.json")
	require.Error(t, err)
	assert.Equal(t, data.EEXISTS, data.ErrorCode(err))
	count, err := dst.CountCases(data.CaseFilter{})
	require.NoError(t, err)
	assert.Equal(t, 1, count)
	after, err := dst.Head()
	require.NoError(t, err)
	assert.Equal(t, before, after)
}
