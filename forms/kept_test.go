package forms

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// inEnglish switches the UI to English for one test.
func inEnglish(t *testing.T) {
	t.Helper()
	require.NoError(t, i18n.SetLanguage(i18n.English))
	t.Cleanup(func() { _ = i18n.SetLanguage(i18n.Japanese) })
}

// TestStoredLinesAreJapaneseInTheEnglishUI: an officer using the English
// screens writes the same Japanese lines on the timeline (and the same name
// in the audit log) as one using the Japanese screens, since the documents
// print them.
func TestStoredLinesAreJapaneseInTheEnglishUI(t *testing.T) {
	s := newScreen(t)
	inEnglish(t)
	c := s.addCase(t, "CS端末への不審な操作", data.ClassPending, data.StatusOpen, false, testNow.Add(-2*time.Hour))
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	d.Show(c.ID)

	// The class decided on the 手順 tab, with the English confirm button.
	d.proc.onDecideClass(data.ClassMisconduct)
	test.Tap(button(t, s.topDialog(), i18n.T("case.pending.confirm")))
	d.Show(c.ID)
	// A step ticked, then the status changed in the header.
	row := d.proc.rows["5-1"]
	require.NotNil(t, row)
	test.Tap(row.check)
	d.onStatusChanged(StatusLabel(data.StatusRecovered))

	// A threat level recorded on its own screen.
	f := newThreatForm(s.env, c.ID)
	s.win.SetContent(f.Content())
	require.NoError(t, f.Reload())
	f.admin.SetText("鈴木（システム管理者）")
	test.Tap(f.checks["L3-E2"])
	test.Tap(f.record)

	tl := timelineTexts(t, s.reopen(t), c.ID)
	assert.Equal(t, []string{
		"区分を「不正行為」に決定",
		"第5条第1号 完了",
		"状態を「復旧済」に変更",
		"脅威度をレベル3と判定（事例: 業務端末等の不審な操作の検出）",
	}, tl)

	// The lines made away from a window, as the screens make them.
	assert.Equal(t, "第5条第2号 完了を取消", StepTimelineText(data.Step{Article: "第5条第2号"}, false))
	assert.Equal(t, "警告ランプの確認: 異常あり（UPSの警告ランプ点灯）",
		failureCheckTimeline("hardware.2", data.CheckAbnormal, "UPSの警告ランプ点灯"))
	assert.Equal(t, "第2回セキュリティ会議で「関係機関への連絡」を決定",
		itemTimeline(2, data.AgendaItem{Status: data.ItemOpen}, data.AgendaItem{Title: "関係機関への連絡", Status: data.ItemDecided}))
	assert.Equal(t, "山田（セキュリティ責任者）", Officer{Name: "山田", Role: data.RoleSecurityOfficer}.Actor())
	assert.Equal(t, "宮城県 市町村課 代理 佐藤 花子", callWhoIn(i18n.JA, "宮城県 市町村課", "佐藤 花子", true))
	assert.Equal(t, "第1回セキュリティ会議", meetingNameIn(i18n.JA, 1))
	assert.NotEqual(t, "第1回セキュリティ会議", meetingName(1), "the screen itself is in English")
}

// TestTimelineWordsAreNotInTheUILanguage guards the rule for code to come: a
// timeline message (a key with "timeline" after its area) is looked up with
// i18n.JA, never with i18n.T, in the screens and the app.
func TestTimelineWordsAreNotInTheUILanguage(t *testing.T) {
	uiLookup := regexp.MustCompile(`i18n\.T\("[a-z_]+\.[a-z_.]*timeline[^"]*"`)
	for _, dir := range []string{".", "../app"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		require.NoError(t, err)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			for _, m := range uiLookup.FindAllString(string(b), -1) {
				if !strings.HasPrefix(m, `i18n.T("app.menu.`) {
					t.Errorf("%s: %s…: the case file keeps this line, use i18n.JA", f, m)
				}
			}
		}
	}
}
