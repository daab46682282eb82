package reports

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// 第3条第2号: the city reports the changes of its own contacts, to the
// prefecture and to the designated agency, each on its own date; the
// prefecture's or the contractor's own changes are not the city's to report.
func TestChangeNoticePerRecipientListsOnlyTheCitysChanges(t *testing.T) {
	real := data.Now
	defer func() { data.Now = real }()
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	data.Now = func() time.Time { return now }

	path := filepath.Join(t.TempDir(), "contacts.kinkyu")
	s, err := sqlite.Create(path)
	require.NoError(t, err)
	defer s.Close()
	s.SetActor("山田 太郎（セキュリティ責任者）")
	net := ctNetwork()
	for i := range net {
		net[i].ID = 0
		require.NoError(t, s.SaveContactPoint(&net[i]))
	}
	require.NoError(t, s.MarkChangesReported(nil, now))

	now = now.Add(48 * time.Hour) // 令和8年11月3日
	officer := net[2]             // the city's セキュリティ責任者
	officer.Primary.Extension = "2009"
	require.NoError(t, s.SaveContactPoint(&officer))
	pref := net[5]
	pref.Primary.NightTEL = "0120-000-124"
	require.NoError(t, s.SaveContactPoint(&pref))
	contractor := net[7]
	contractor.Primary.Name = "小林 大樹"
	require.NoError(t, s.SaveContactPoint(&contractor))

	for _, r := range data.NoticeRecipients {
		ch, err := s.UnreportedChanges(r)
		require.NoError(t, err)
		require.Len(t, ch, 1, "only the city's change is reported to %s", r)
		assert.Equal(t, officer.ID, ch[0].PointID)
	}

	// To the prefecture first.
	var listed []data.ContactChange
	b, err := NoticeJob(s, data.DocChangeNotice, data.BodyPrefecture, ctAsOf, &listed).Build(DocOptions{})
	require.NoError(t, err)
	require.Len(t, listed, 1)
	all := strings.Join(ctPages(t, ctWrite(t, "to-pref.pdf", b)), "")
	assert.Contains(t, all, "宮城県知事様")
	assert.Contains(t, all, ctFlat("報告先宮城県（報告先ごとに、まだ報告していない市の連絡先の変更を記載）"))
	assert.Contains(t, all, "1件（1か所の連絡先）")
	assert.Contains(t, all, "2009")
	assert.NotContains(t, all, "0120-000-124", "the prefecture's own number is not reported back to it")
	assert.NotContains(t, all, "小林大樹", "the contractor is the city's internal list")
	require.NoError(t, s.MarkChangesReportedTo(data.BodyPrefecture, []int64{listed[0].ID}, now))

	ch, err := s.UnreportedChanges(data.BodyPrefecture)
	require.NoError(t, err)
	assert.Empty(t, ch, "sent to the prefecture")
	_, err = NoticeJob(s, data.DocChangeNotice, data.BodyPrefecture, ctAsOf, nil).Build(DocOptions{})
	assert.Equal(t, data.EINVALID, data.ErrorCode(err), "nothing left for the prefecture")

	// The agency has not been told yet: its own letter, its own date.
	b, err = NoticeJob(s, data.DocChangeNotice, data.BodyAgency, ctAsOf, &listed).Build(DocOptions{})
	require.NoError(t, err)
	all = strings.Join(ctPages(t, ctWrite(t, "to-agency.pdf", b)), "")
	assert.Contains(t, all, "地方公共団体情報システム機構理事長様")
	assert.Contains(t, all, ctFlat("報告先指定情報処理機関"))
	assert.Contains(t, all, "2009")
	changes, err := s.ContactChanges(officer.ID, false)
	require.NoError(t, err)
	assert.False(t, changes[len(changes)-1].Reported, "not reported to every body yet")

	later := now.Add(24 * time.Hour)
	require.NoError(t, s.MarkChangesReportedTo(data.BodyAgency, []int64{listed[0].ID}, later))
	changes, err = s.ContactChanges(officer.ID, false)
	require.NoError(t, err)
	assert.True(t, changes[len(changes)-1].Reported, "reported to both")
	reps, err := s.ChangeReports()
	require.NoError(t, err)
	got := reps[listed[0].ID]
	require.Len(t, got, 2)
	assert.Equal(t, data.BodyPrefecture, got[0].Recipient)
	assert.True(t, got[0].At.Equal(now))
	assert.Equal(t, data.BodyAgency, got[1].Recipient)
	assert.True(t, got[1].At.Equal(later))
	assert.Equal(t, "山田 太郎（セキュリティ責任者）", got[1].By)

	assert.Equal(t, data.EINVALID, data.ErrorCode(s.MarkChangesReportedTo(data.BodyContractor, nil, now)))
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
}
