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
