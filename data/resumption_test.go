package data_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/osaki-city/kinkyu/data"
)

// 第4条第8号 and 第5条第8号ア ask for the integrity check and the approval where
// the system was stopped; with no stop recorded nothing holds the resumption
// back, and once a stop is recorded both are required, in that order.
func TestResumptionBlockerAppliesOnlyAfterAStop(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	stop := func(by string) data.Milestone {
		return data.Milestone{Kind: data.MilestoneStop, Done: true, Authority: by, At: t0}
	}
	integrity := data.Milestone{Kind: data.MilestoneIntegrity, Done: true, At: t0.Add(time.Hour)}
	approval := func(by string, at time.Time) data.Milestone {
		return data.Milestone{Kind: data.MilestoneApproval, Done: true, Authority: by, At: at}
	}
	withdrawn := stop(data.AuthorityChief)
	withdrawn.Done = false
	for _, tc := range []struct {
		name string
		ms   []data.Milestone
		rule string // "" when allowed
	}{
		{"no stop, nothing recorded", nil, ""},
		{"no stop, approval alone", []data.Milestone{approval(data.AuthorityChief, t0)}, ""},
		{"stop withdrawn", []data.Milestone{withdrawn}, ""},
		{"stopped, nothing else", []data.Milestone{stop(data.AuthorityChief)}, "needintegrity"},
		{"stopped, approval without integrity", []data.Milestone{stop(data.AuthorityChief), approval(data.AuthorityChief, t0.Add(2*time.Hour))}, "needintegrity"},
		{"stopped, integrity without approval", []data.Milestone{stop(data.AuthorityChief), integrity}, "needapproval"},
		{"stopped, approved before the check", []data.Milestone{stop(data.AuthorityChief), integrity, approval(data.AuthorityChief, t0.Add(time.Minute))}, "approvalbeforeintegrity"},
		{"meeting stopped, chief approved", []data.Milestone{stop(data.AuthorityMeeting), integrity, approval(data.AuthorityChief, t0.Add(2*time.Hour))}, "needmeeting"},
		{"meeting stopped, meeting decided", []data.Milestone{stop(data.AuthorityMeeting), integrity, approval(data.AuthorityMeeting, t0.Add(2*time.Hour))}, ""},
		{"chief stopped, chief approved", []data.Milestone{stop(data.AuthorityChief), integrity, approval(data.AuthorityChief, t0.Add(2*time.Hour))}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ms := map[data.MilestoneKind]data.Milestone{}
			for _, m := range tc.ms {
				ms[m.Kind] = m
			}
			err := data.ResumptionBlocker(ms)
			if tc.rule == "" {
				assert.NoError(t, err)
				return
			}
			e := data.AsError(err)
			if assert.NotNil(t, e) {
				assert.Equal(t, tc.rule, e.Rule)
			}
		})
	}
}

// The condition the gate follows is the regulation's own.
func TestResumptionStepsAreConditionalOnAStop(t *testing.T) {
	for id := range data.ResumeSteps {
		s, ok := data.StepByID(id)
		if assert.True(t, ok, id) {
			assert.Contains(t, s.Condition.Text, "停止した場合", id)
			assert.Contains(t, data.RegulationText(), s.Condition.Text, id)
		}
	}
}
