package forms

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// TestReportDialogLetterChoices: the 報告書を作成 dialog offers the contact
// network's addressees, 送付用 or 決裁用 and a typed 文書番号 (or the next one
// of the register); the report printed carries what was chosen.
func TestReportDialogLetterChoices(t *testing.T) {
	s := newScreen(t)
	s.addNetwork(t)
	c := s.addCase(t, "CS端末への不審な操作", data.ClassMisconduct, data.StatusOpen, false, testNow.Add(-2*time.Hour))
	r := openReport(t, s, c.ID, filepath.Join(t.TempDir(), "none.p12"))
	r.sign.SetChecked(false)
	r.async = func(f func()) { f() }
	assert.Contains(t, shownText(s.topDialog()), "宛先")

	assert.Equal(t, []string{"宮城県知事", "宮城県市町村課長", "地方公共団体情報システム機構",
		"住基ネット担当者", "セキュリティ責任者", "システム管理者", "セキュリティ統括責任者", "架空システム株式会社 御中"}, r.addressees)
	// The button beside the 宛先 offers them; choosing one fills the entry.
	test.Tap(r.addresseeMenu())
	menu := s.win.Canvas().Overlays().Top()
	require.NotNil(t, menu)
	assert.Contains(t, badgeTexts(menu), "宮城県市町村課長")

	r.addressee.SetText("宮城県市町村課長")
	r.copyChoice.SetSelected("決裁用（決裁欄つき）")
	test.Type(r.number, "大崎市住第4567号")
	r.numberNext.SetChecked(true)
	assert.True(t, r.number.Disabled(), "the register gives the number: nothing to type")
	assert.Empty(t, r.number.Text)
	r.numberNext.SetChecked(false)
	test.Type(r.number, "大崎市住第4567号")

	out := filepath.Join(t.TempDir(), "a.pdf")
	runReport(t, r, out)
	require.FileExists(t, out, r.msg.Text)
	text := pdfText(t, out)
	assert.Contains(t, text, "大崎市住第4567号")
	assert.Contains(t, text, "宮城県市町村課長")
	assert.Contains(t, text, "決裁用")
	tl := timelineTexts(t, s.env.Store, c.ID)
	assert.Contains(t, tl[len(tl)-1], "不正行為発生報告書（大崎市住第4567号）を作成")

	// The register's next number: printed, and said when done.
	r2 := openReport(t, s, c.ID, filepath.Join(t.TempDir(), "none.p12"))
	r2.sign.SetChecked(false)
	r2.async = func(f func()) { f() }
	r2.numberNext.SetChecked(true)
	out2 := filepath.Join(t.TempDir(), "b.pdf")
	runReport(t, r2, out2)
	require.FileExists(t, out2, r2.msg.Text)
	require.NotEmpty(t, r2.issued)
	assert.Contains(t, pdfText(t, out2), r2.issued)
	assert.Contains(t, shownText(s.topDialog()), "文書番号: "+r2.issued)
	s.topDialog().Hide()

	// The contact sheet is a letter only when sent: no 宛先 by default.
	v := openContacts(t, s)
	sh := newCreateDocument(s.env, v.sheetJob(), filepath.Join(t.TempDir(), "none.p12"))
	assert.True(t, sh.letter)
	assert.Empty(t, sh.addressee.Text)
	assert.Equal(t, "空欄なら庁内用（送付しない）", sh.addressee.PlaceHolder)

	// Documents that are not letters ask for none of it.
	p := newCreateDocument(s.env, DocumentJob{Kind: data.DocMinutes, CaseID: c.ID, Title: "議事録"}, filepath.Join(t.TempDir(), "none.p12"))
	assert.False(t, p.letter)
	p.dlg.Show()
	assert.NotContains(t, shownText(s.topDialog()), "宛先")
	p.dlg.Hide()
}
