package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

var formFiles = []string{
	"不正行為発生報告書（様式）.pdf", "障害発生報告書（様式）.pdf",
	"セキュリティ会議次第・障害（様式）.pdf", "セキュリティ会議次第・不正行為（様式）.pdf",
	"セキュリティ会議議事録（様式）.pdf", "緊急時連絡網（様式）.pdf", "連絡先変更届（様式）.pdf",
}

func TestFormsCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "様式", "印刷用") // created if missing
	code, out, errOut := runCLI(t, "forms", "--out", dir)
	require.Equal(t, 0, code, errOut)
	before := map[string][]byte{}
	for _, name := range formFiles {
		path := filepath.Join(dir, name)
		assert.Contains(t, out, path)
		b, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(b, []byte("%PDF-")), name)
		before[name] = b
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, len(formFiles), "no temporary files left")

	// The same forms again: refused, in Japanese, and nothing changes.
	code, out, errOut = runCLI(t, "forms", "--out", dir)
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "エラー: ")
	assert.Contains(t, errOut, "すでにあります")
	for _, name := range formFiles {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Equal(t, before[name], b, "overwritten: %s", name)
	}
}

// When only one of the forms is there, neither is written.
func TestFormsCommandWritesNothingWhenOneExists(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, formFiles[1])
	require.NoError(t, os.WriteFile(other, []byte("手書きの控え"), 0o644))
	code, out, errOut := runCLI(t, "forms", "--out", dir)
	assert.Equal(t, 1, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, formFiles[1])
	_, err := os.Stat(filepath.Join(dir, formFiles[0]))
	assert.True(t, os.IsNotExist(err), "nothing may be written")
	b, _ := os.ReadFile(other)
	assert.Equal(t, "手書きの控え", string(b))
}

func TestFormsCommandUsage(t *testing.T) {
	code, _, errOut := runCLI(t, "forms")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--out")

	code, out, _ := runCLI(t, "help")
	assert.Equal(t, 0, code)
	assert.True(t, strings.Contains(out, "kinkyu forms --out DIR"), out)
}

// With a case file the forms take its city and prefecture, and the blank
// contact sheet names the bodies of its network, never people or numbers.
func TestFormsCommandWithFile(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	code, out, errOut := runCLI(t, "forms", "--out", dir, "--file", path)
	require.Equal(t, 0, code, errOut)
	for _, name := range formFiles {
		assert.Contains(t, out, filepath.Join(dir, name))
	}
	sheet := flatText(t, filepath.Join(dir, "緊急時連絡網（様式）.pdf"))
	for _, want := range []string{"市民課住民記録係", "株式会社サンプル情報システム", "見本電設株式会社", "宮城県", "手書き用様式"} {
		assert.Contains(t, sheet, want)
	}
	for _, not := range []string{"0120-000-101", "訓練", "監査ログ"} {
		assert.NotContains(t, sheet, not)
	}
	notice := flatText(t, filepath.Join(dir, "連絡先変更届（様式）.pdf"))
	assert.Contains(t, notice, "大住第号")
	assert.Contains(t, notice, "大崎市長（公印省略）")
	assert.NotContains(t, notice, "殿")
	agenda := flatText(t, filepath.Join(dir, "セキュリティ会議次第・不正行為（様式）.pdf"))
	assert.Contains(t, agenda, "大崎市セキュリティ統括責任者")
	assert.Contains(t, labelText(t, filepath.Join(dir, "セキュリティ会議次第・不正行為（様式）.pdf")), "8緊急措置の検証及び予防措置の立案")
}

// The blank reports are 公用文: without a file the 記号 大住 and 「大崎市長」
// with 「（公印省略）」; with one, the file's letter settings.
func TestFormsCommandBlankReportsAreLetters(t *testing.T) {
	reportsIn := func(dir string) []string {
		return []string{flatText(t, filepath.Join(dir, formFiles[0])), flatText(t, filepath.Join(dir, formFiles[1]))}
	}
	dir := t.TempDir()
	code, _, errOut := runCLI(t, "forms", "--out", dir)
	require.Equal(t, 0, code, errOut)
	for _, text := range reportsIn(dir) {
		for _, want := range []string{"大住第号", "令和年月日", "様", "大崎市長（公印省略）", "について（第報）", "下記のとおり報告します。記", "以上", "担当課係氏名電話（内線）"} {
			assert.Contains(t, text, want)
		}
		assert.NotContains(t, text, "殿")
	}

	path := demoFile(t)
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	require.NoError(t, s.SetSetting(data.SettingLetterSymbol, "大市住"))
	require.NoError(t, s.SetSetting(data.SettingLetterSenderName, "見本 一郎"))
	require.NoError(t, s.Close())
	dir = t.TempDir()
	code, _, errOut = runCLI(t, "forms", "--out", dir, "--file", path)
	require.Equal(t, 0, code, errOut)
	for _, text := range reportsIn(dir) {
		assert.Contains(t, text, "大市住第号")
		assert.Contains(t, text, "大崎市長見本一郎（公印省略）")
		assert.NotContains(t, text, "大住第")
		assert.NotContains(t, text, "殿")
	}
}
