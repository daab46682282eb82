package forms

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"
)

// The preview names the encoding it read: Excel's Shift_JIS CSV shows its
// names (髙橋) as typed and imports them.
func TestCSVPreviewSaysShiftJISAndShowsTheNames(t *testing.T) {
	s := newScreen(t)
	ps := s.addNetwork(t)
	v := openContacts(t, s)

	path := writeCSV(t, ps, func(csv string) string {
		return strings.Replace(strings.TrimPrefix(csv, "\ufeff"), "高橋 四郎", "髙橋 四郎", 1)
	})
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes(raw)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, sjis, 0o600))

	im, err := v.showImport(path)
	require.NoError(t, err)
	dlg := s.topDialog()
	shown := shownText(dlg)
	assert.Contains(t, shown, "文字コード：Shift_JIS（CP932。Excelの「CSV（コンマ区切り）」）")
	assert.Contains(t, shown, "7件の連絡先を読み取りました。取り込むと、追加 0件・変更 1件・削除 0件になります。")
	assert.NotContains(t, shown, "注意")
	assert.Contains(t, tableTexts(im.rows), "髙橋 四郎")
	savePNG(t, s.win.Canvas().Capture(), "csv-preview-sjis.png") // KINKYU_RENDER_DIR keeps it

	test.Tap(button(t, dlg, "取り込む"))
	conf := s.topDialog()
	assert.Contains(t, shownText(conf), "置き換えます", "an ordinary import asks the ordinary question")
	test.Tap(button(t, conf, "取り込む"))
	got, err := s.reopen(t).ContactPoints()
	require.NoError(t, err)
	require.Len(t, got, 7)
	assert.Equal(t, "髙橋 四郎", got[6].Primary.Name)
}

func TestCSVPreviewOfAnUnreadableFileSaysSo(t *testing.T) {
	s := newScreen(t)
	s.addNetwork(t)
	v := openContacts(t, s)
	path := filepath.Join(t.TempDir(), "壊れた.csv")
	require.NoError(t, os.WriteFile(path, []byte{0xFD, 0xFE, 0xFF, 0x82, '\r', '\n', 0xA0}, 0o600))

	im, err := v.showImport(path)
	require.NoError(t, err)
	dlg := s.topDialog()
	shown := shownText(dlg)
	assert.Contains(t, shown, "文字コード：読み取れません")
	assert.Contains(t, shown, "文字コードを読み取れません。UTF-8、UTF-16（BOM付き）、Shift_JIS（Excelの「CSV（コンマ区切り）」）のどれとしても読めない文字があります。",
		"the whole reason above the table, which cuts it short")
	assert.Contains(t, shown, "（1行目）このファイルからは何も取り込みません（連絡網は変わりません）。")
	whys := strings.Join(tableTexts(im.errTab), "\n")
	assert.Contains(t, whys, "文字コードを読み取れません。")
	assert.NotContains(t, shown+whys, "\ufffd")
	assert.Empty(t, im.ps)
	assert.True(t, button(t, dlg, "取り込む").Disabled())
	savePNG(t, s.win.Canvas().Capture(), "csv-preview-unreadable.png")
}

// An import that removes more than half of the network asks about the
// removals: how many, and which.
func TestCSVImportRemovingMostAsksAboutTheRemovals(t *testing.T) {
	s := newScreen(t)
	ps := s.addNetwork(t)
	v := openContacts(t, s)

	path := writeCSV(t, ps[:2], func(csv string) string { return csv }) // 5 of 7 removed
	_, err := v.showImport(path)
	require.NoError(t, err)
	dlg := s.topDialog()
	assert.Contains(t, shownText(dlg), "注意：取り込むと、いまの連絡網の7件のうち5件が削除されます。")

	test.Tap(button(t, dlg, "取り込む"))
	conf := s.topDialog()
	require.NotSame(t, dlg, conf)
	text := shownText(conf)
	assert.Contains(t, text, "連絡先の削除の確認")
	assert.Contains(t, text, "いまの連絡網の7件のうち5件の連絡先が削除されます")
	assert.Contains(t, text, "・宮城県 市町村課")
	assert.Contains(t, text, "・架空システム株式会社")
	assert.Equal(t, widget.DangerImportance, button(t, conf, "5件を削除して取り込む").Importance, "coloured as a deletion")
	savePNG(t, s.win.Canvas().Capture(), "csv-confirm-removals.png")
	test.Tap(button(t, conf, "キャンセル"))
	got, err := s.env.Store.ContactPoints()
	require.NoError(t, err)
	assert.Len(t, got, 7, "cancelled: nothing removed")

	test.Tap(button(t, dlg, "取り込む"))
	test.Tap(button(t, s.topDialog(), "5件を削除して取り込む"))
	got, err = s.reopen(t).ContactPoints()
	require.NoError(t, err)
	assert.Len(t, got, 2)
}
