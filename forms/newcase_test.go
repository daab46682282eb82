package forms

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

func TestNewCaseStoresWhatWasTyped(t *testing.T) {
	s := newScreen(t)
	var created data.Case
	n := newNewCase(s.env, func(c data.Case) { created = c })
	n.dlg.Show()

	assert.Equal(t, "2026/11/27 14:05", n.discovered.Text, "defaults to now")
	n.class.SetSelected("不正行為")
	assert.Contains(t, n.defText.Text, "本人確認情報に脅威を及ぼすおそれがある場合", "第2条's definition beside the choice")
	assert.Contains(t, n.defExample.Text, "コンピュータウイルスの侵入")
	test.Type(n.title, "CS端末への不審な操作（業務時間外の連続照会）")
	n.discovered.SetText("")
	test.Type(n.discovered, "令和８年１１月２７日 ９時３０分") // full-width digits as an IME types them
	test.Tap(n.drill)
	test.Tap(button(t, s.topDialog(), "作成"))

	assert.Nil(t, s.topDialog(), "the dialog closes")
	require.NotZero(t, created.ID, "onCreated gets the new case, to select it")
	assert.Equal(t, 1, s.saved)

	got, err := s.reopen(t).CaseByNumber("2026-001")
	require.NoError(t, err)
	assert.Equal(t, "CS端末への不審な操作（業務時間外の連続照会）", got.Title)
	assert.Equal(t, data.ClassMisconduct, got.Class)
	assert.Equal(t, data.StatusOpen, got.Status)
	assert.True(t, got.Drill)
	assert.Equal(t, "2026/11/27 09:30", i18n.WesternDateTime(got.DiscoveredAt), "typed and shown in the case file's zone, not the PC's")
}

func TestNewCaseRefusesWithMessagesAndSavesNothing(t *testing.T) {
	for _, tc := range []struct {
		name, title, date string
		titleErr, dateErr string
	}{
		{"empty title", "  ", "2026/11/27 14:05", "件名を入力してください。", ""},
		{"no such date", "停電", "2026/02/30 10:00", "", "発見日時の形式が正しくありません"},
		{"dd/mm/yyyy", "停電", "27/11/2026 14:05", "", "発見日時の形式が正しくありません"},
		{"empty date", "停電", "", "", "発見日時を入力してください。"},
		{"both", "", "あした", "件名を入力してください。", "発見日時の形式が正しくありません"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newScreen(t)
			n := newNewCase(s.env, nil)
			n.dlg.Show()
			n.class.SetSelected("障害")
			n.title.SetText(tc.title)
			n.discovered.SetText(tc.date)
			n.onCreate()

			assert.NotNil(t, s.topDialog(), "the dialog stays open")
			if tc.titleErr == "" {
				assert.False(t, n.titleErr.Visible())
			} else {
				assert.True(t, n.titleErr.Visible())
				assert.Equal(t, tc.titleErr, n.titleErr.Text)
			}
			if tc.dateErr == "" {
				assert.False(t, n.dateErr.Visible())
			} else {
				assert.True(t, n.dateErr.Visible())
				assert.Contains(t, n.dateErr.Text, tc.dateErr)
			}
			assert.Zero(t, s.saved)
			count, err := s.reopen(t).CountCases(data.CaseFilter{})
			require.NoError(t, err)
			assert.Zero(t, count, "nothing saved")
		})
	}
}

func TestNewCaseNeedsAClass(t *testing.T) {
	s := newScreen(t)
	n := newNewCase(s.env, nil)
	n.dlg.Show()
	assert.Contains(t, n.defText.Text, "判定中", "without a class it explains the choice")
	n.title.SetText("CSの応答遅延")
	n.onCreate()
	assert.Contains(t, n.classErr.Text, "区分")
	assert.True(t, n.classErr.Visible())

	n.class.SetSelected("判定中")
	assert.False(t, n.classErr.Visible(), "picking a class clears the message")
	n.onCreate()
	c, err := s.reopen(t).CaseByNumber("2026-001")
	require.NoError(t, err)
	assert.Equal(t, data.ClassPending, c.Class)
}
