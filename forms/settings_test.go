package forms

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

func TestSettingsDialog(t *testing.T) {
	s := newScreen(t)
	var got Settings
	cur := Settings{Officer: Officer{Name: "山田", Role: data.RoleSecurityOfficer}, City: "大崎市", Prefecture: "宮城県", Language: "ja"}
	d := newSettingsDialog(s.win, cur, false, func(v Settings) error { got = v; return nil })
	d.dlg.Show()
	assert.Equal(t, "セキュリティ責任者", d.role.Selected)
	assert.Equal(t, "日本語", d.language.Selected)
	assert.Equal(t, roleLabels(), d.role.Options, "roles as the regulation names them")

	d.name.SetText(" 佐藤 花子 ")
	d.role.SetSelected("住基ネット担当者")
	d.city.SetText("")
	d.prefecture.SetText("岩手県")
	d.language.SetSelected("English")
	test.Tap(button(t, s.topDialog(), "保存"))

	assert.Equal(t, Settings{
		Officer:    Officer{Name: "佐藤 花子", Role: data.RoleStaff},
		City:       data.DefaultCity,
		Prefecture: "岩手県",
		Language:   "en",
		TimeZone:   data.DefaultTimeZone,
	}, got)
	assert.Nil(t, s.topDialog())
	assert.Equal(t, "佐藤 花子（住基ネット担当者）", got.Officer.Actor())
}

func TestSettingsRefusesAnOverlongName(t *testing.T) {
	s := newScreen(t)
	called := false
	d := newSettingsDialog(s.win, Settings{Language: "ja"}, true, func(Settings) error { called = true; return nil })
	d.dlg.Show()
	assert.Contains(t, texts(s.topDialog()), "はじめに、担当者の氏名と役割を登録してください。手順の完了や監査ログに記録されます。")
	d.name.SetText(strings.Repeat("山", data.MaxNameRunes+1))
	d.onSaveTapped()
	assert.False(t, called)
	assert.True(t, d.nameErr.Visible())
	require.NotNil(t, s.topDialog(), "stays open")
}

func TestOfficerActor(t *testing.T) {
	newScreen(t)
	assert.Equal(t, "山田（セキュリティ責任者）", Officer{Name: "山田", Role: data.RoleSecurityOfficer}.Actor())
	assert.Equal(t, "セキュリティ責任者", Officer{Role: data.RoleSecurityOfficer}.Actor(), "never nobody")
	assert.Equal(t, "山田", Officer{Name: "山田"}.Actor())
}

func TestSettingsLetter(t *testing.T) {
	s := newScreen(t)
	var got Settings
	letter := data.DefaultLetterSettings()
	cur := Settings{Officer: Officer{Name: "山田"}, City: "大崎市", Prefecture: "宮城県", Language: "ja", Letter: &letter}
	d := newSettingsDialog(s.win, cur, false, func(v Settings) error { got = v; return nil })
	d.dlg.Show()
	require.NotNil(t, d.letter)
	assert.Equal(t, "課長・課長補佐・係長・担当", d.letter.sealLabels.Text)
	assert.Equal(t, "空欄のときは「大崎市長」", d.letter.senderTitle.PlaceHolder)
	assert.Equal(t, "公印省略と印字する", d.letter.seal.Selected)

	// A symbol with 第 is refused with a message; the dialog stays open.
	d.letter.symbol.SetText("大住第")
	d.onSaveTapped()
	assert.Nil(t, got.Letter)
	assert.True(t, d.letter.err.Visible())
	assert.Contains(t, d.letter.err.Text, "「第」や「号」を含めないで")
	require.NotNil(t, s.topDialog(), "stays open")

	d.letter.symbol.SetText(" 大住 ")
	d.letter.senderName.SetText("伊藤 康志")
	d.letter.seal.SetSelected("公印を押す欄を設ける")
	d.letter.sealLabels.SetText("部長、課長・担当")
	d.letter.contact.SetText("市民課住民記録係　佐藤 花子\r\n電話 0229-23-1111（内線 123）")
	test.Tap(button(t, s.topDialog(), "保存"))
	require.NotNil(t, got.Letter)
	assert.Equal(t, data.LetterSettings{
		Symbol:     "大住",
		SenderName: "伊藤 康志",
		Stamped:    true,
		SealLabels: []string{"部長", "課長", "担当"},
		Contact:    "市民課住民記録係　佐藤 花子\n電話 0229-23-1111（内線 123）",
	}, *got.Letter)
	assert.Nil(t, s.topDialog())
}

func TestSettingsWithoutCaseFileHasNoLetter(t *testing.T) {
	s := newScreen(t)
	d := newSettingsDialog(s.win, Settings{Language: "ja"}, false, func(Settings) error { return nil })
	d.dlg.Show()
	assert.Nil(t, d.letter)
	assert.NotContains(t, texts(s.topDialog()), "公用文（県などへ送る文書）")
}

// The case file's zone: Asia/Tokyo unless set; a name the app does not know
// is refused with a message and nothing is saved.
func TestSettingsTimeZone(t *testing.T) {
	s := newScreen(t)
	var got *Settings
	d := newSettingsDialog(s.win, Settings{Officer: Officer{Name: "山田"}, Language: "ja"}, false, func(v Settings) error { got = &v; return nil })
	d.dlg.Show()
	assert.Equal(t, "Asia/Tokyo", d.zone.entry.Text)
	d.zone.entry.SetText("Tokyo")
	d.onSaveTapped()
	assert.Nil(t, got)
	assert.True(t, d.zone.err.Visible())
	assert.Equal(t, "時間帯が分かりません。Asia/Tokyo のような名前で入力してください。", d.zone.err.Text)
	d.zone.entry.SetText(" UTC ")
	d.onSaveTapped()
	require.NotNil(t, got)
	assert.Equal(t, "UTC", got.TimeZone)
}
