package data_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/osaki-city/kinkyu/data"
)

func TestMeetingValidate(t *testing.T) {
	at := time.Date(2026, 11, 27, 14, 0, 0, 0, time.UTC)
	ok := data.Meeting{CaseID: 1, Place: "第1会議室", OpenedAt: at, ClosedAt: at.Add(time.Hour), Chair: "大崎 一郎",
		Attendees: []data.Attendee{{Name: "大崎 一郎", Role: "セキュリティ統括責任者", Present: true}}}
	assert.NoError(t, ok.Validate())
	cases := []struct {
		name        string
		edit        func(m *data.Meeting)
		field, rule string
	}{
		{"no case", func(m *data.Meeting) { m.CaseID = 0 }, "case", "required"},
		{"closed before opened", func(m *data.Meeting) { m.ClosedAt = at.Add(-time.Second) }, "closed_at", "before_opened"},
		{"closed, never opened", func(m *data.Meeting) { m.OpenedAt = time.Time{} }, "closed_at", "notopened"},
		{"blank attendee", func(m *data.Meeting) { m.Attendees = append(m.Attendees, data.Attendee{Name: "　 "}) }, "attendee", "required"},
		{"long attendee", func(m *data.Meeting) { m.Attendees[0].Name = strings.Repeat("名", data.MaxNameRunes+1) }, "attendee", "toolong"},
		{"long chair", func(m *data.Meeting) { m.Chair = strings.Repeat("名", data.MaxNameRunes+1) }, "chair", "toolong"},
		{"enormous place", func(m *data.Meeting) { m.Place = strings.Repeat("室", data.MaxTextRunes+1) }, "meeting_place", "toolong"},
		{"broken role", func(m *data.Meeting) { m.Attendees[0].Role = "\xfe" }, "attendee_role", "encoding"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := ok
			m.Attendees = append([]data.Attendee(nil), ok.Attendees...)
			tc.edit(&m)
			e := data.AsError(m.Validate())
			if assert.NotNil(t, e) {
				assert.Equal(t, tc.field, e.Field)
				assert.Equal(t, tc.rule, e.Rule)
			}
		})
	}
}

func TestAgendaItemValidateFor(t *testing.T) {
	stop := data.AgendaItem{Key: "stop", Title: "システムの停止", Choices: []string{"ネットワークからの切離し"}, Status: data.ItemDecided}
	assert.NoError(t, stop.ValidateFor(data.ClassMisconduct))
	assert.NoError(t, stop.ValidateFor(data.ClassFailure))
	stop.Choices = []string{"ネットワークの切断"}
	assert.Equal(t, "choices", data.AsError(stop.ValidateFor(data.ClassFailure)).Field, "not the regulation's wording")

	// 詳細な被害状況・復旧作業の把握 is only in Table B.
	damage := data.AgendaItem{Key: "damage", Title: "詳細な被害状況・復旧作業の把握", Choices: []string{"システムの具体的な被害状況"}}
	assert.NoError(t, damage.ValidateFor(data.ClassMisconduct))
	assert.Error(t, damage.ValidateFor(data.ClassFailure))

	other := data.AgendaItem{Title: "報道対応", Choices: []string{"何か"}}
	assert.Equal(t, "choices", data.AsError(other.ValidateFor(data.ClassMisconduct)).Field, "その他 has no options")
	assert.Equal(t, "item_status", data.AsError((&data.AgendaItem{Title: "x", Status: "done"}).Validate()).Field)
	assert.Equal(t, "item_title", data.AsError((&data.AgendaItem{Title: " "}).Validate()).Field)
	assert.Equal(t, "item_title", data.AsError((&data.AgendaItem{Title: strings.Repeat("題", data.MaxTitleRunes+1)}).Validate()).Field)
	assert.Equal(t, "decision", data.AsError((&data.AgendaItem{Title: "x", Decision: strings.Repeat("決", data.MaxTextRunes+1)}).Validate()).Field)
}

func TestMeetingStateDecidedAndStopNote(t *testing.T) {
	at := time.Date(2026, 11, 27, 14, 0, 0, 0, time.UTC)
	m := data.Meeting{Items: []data.AgendaItem{
		{Key: "stop", Status: data.ItemDecided}, {Key: "notify", Status: data.ItemRatify},
		{Key: "support", Status: data.ItemDeferred}, {Key: "resume"},
	}}
	assert.Equal(t, data.MeetingPlanned, m.State())
	m.OpenedAt = at
	assert.Equal(t, data.MeetingInSession, m.State())
	m.ClosedAt = at.Add(time.Hour)
	assert.Equal(t, data.MeetingClosed, m.State())
	d, total := m.Decided()
	assert.Equal(t, 2, d, "決定 and 事後承認 count, 保留 does not")
	assert.Equal(t, 4, total)
	it, ok := m.Item("support")
	assert.True(t, ok)
	assert.Equal(t, data.ItemDeferred, it.Status)
	_, ok = m.Item("")
	assert.False(t, ok, "その他 items have no key to look up")

	stop := data.AgendaItem{Choices: []string{"機器の一部切離し", "ネットワークからの切離し"}, Target: " CS端末1番 "}
	assert.Equal(t, "機器の一部切離し、ネットワークからの切離し（CS端末1番）", stop.StopNote())
	stop.Target = ""
	assert.Equal(t, "機器の一部切離し、ネットワークからの切離し", stop.StopNote())

	assert.Equal(t, "4-6", data.MeetingStepID(data.ClassFailure))
	assert.Equal(t, "5-6", data.MeetingStepID(data.ClassMisconduct))
	assert.Equal(t, "", data.MeetingStepID(data.ClassPending))
	for _, id := range []string{"4-6", "5-6"} {
		s, ok := data.StepByID(id)
		assert.True(t, ok)
		assert.Contains(t, s.Actors, data.RoleMeeting, "the meeting's step is %s", id)
	}
}

func TestPreventionFromMeetings(t *testing.T) {
	ms := []data.Meeting{
		{Seq: 1, Items: []data.AgendaItem{
			{Key: "review", Decision: "操作者カードの管理を見直す", Status: data.ItemDecided},
			{Key: "stop", Decision: "切り離す", Status: data.ItemDecided},
			{Title: "その他", Decision: "研修を行う", Status: data.ItemDecided},
		}},
		{Seq: 2, Items: []data.AgendaItem{{Key: "review", Decision: "保留中の案", Status: data.ItemDeferred}}},
		{Seq: 3, Items: []data.AgendaItem{{Key: "review", Decision: "監視を強化する", Status: data.ItemRatify}, {Key: "review", Status: data.ItemDecided}}},
	}
	assert.Equal(t, []string{"操作者カードの管理を見直す", "監視を強化する"}, data.PreventionFromMeetings(ms))
	assert.Empty(t, data.PreventionFromMeetings(nil))
}

func TestFileWideDocuments(t *testing.T) {
	sum := strings.Repeat("a", 64)
	for _, kind := range data.DocKinds {
		d := data.Document{Kind: kind, SHA256: sum}
		err := d.Validate()
		if data.FileWide(kind) {
			assert.NoError(t, err, kind)
		} else {
			assert.Equal(t, "case", data.AsError(err).Field, kind)
		}
		d.CaseID = 3
		assert.NoError(t, d.Validate(), kind)
	}
}

// A failure meeting (Table A, no 緊急措置の検証及び予防措置の立案 row) records
// a measure it decides as an その他 item: that decision counts; an その他 item
// of a misconduct meeting, which has the row, does not.
func TestPreventionFromAFailureMeetingsOtherItems(t *testing.T) {
	failure := data.Meeting{Seq: 1, Items: []data.AgendaItem{
		{Key: "stop", Decision: "切り離す", Status: data.ItemDecided},
		{Title: "配線の保護", Decision: "床下配線を確認するよう周知する", Status: data.ItemDecided},
		{Title: "次回の日程", Decision: "未定", Status: data.ItemOpen},
	}}
	misconduct := data.Meeting{Seq: 2, Items: []data.AgendaItem{
		{Key: "review", Status: data.ItemOpen},
		{Title: "その他", Decision: "研修を行う", Status: data.ItemDecided},
	}}
	assert.Equal(t, []string{"床下配線を確認するよう周知する"}, data.PreventionFromMeetings([]data.Meeting{failure, misconduct}))
}
