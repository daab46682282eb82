package app

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"

	"github.com/osaki-city/kinkyu/data/sqlite"
)

// exportedCSV exports the demo network and returns the CSV text without its
// BOM, for a test to edit and save in another encoding.
func exportedCSV(t *testing.T, path string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "書き出し.csv")
	code, _, errOut := runCLI(t, "contacts", "--file", path, "--export", out)
	require.Equal(t, 0, code, errOut)
	raw, err := os.ReadFile(out)
	require.NoError(t, err)
	return strings.TrimPrefix(string(raw), "\ufeff")
}

func writeBytes(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, b, 0o600))
	return p
}

// TestExcelShiftJISCSVIsImportedWithCorrectNames is the Excel round trip of
// issue 15: the network saved by Excel as 「CSV（コンマ区切り）」 (Shift_JIS,
// CRLF, no BOM), with 髙橋 and 﨑 typed in, imports with those names, and the
// preview says it read Shift_JIS.
func TestExcelShiftJISCSVIsImportedWithCorrectNames(t *testing.T) {
	path := demoFile(t)
	text := exportedCSV(t, path)
	text = strings.Replace(text, "訓練 花子", "髙橋 花子", 1)
	text = strings.Replace(text, "見本 一郎", "山﨑 一郎", 1)
	require.Contains(t, text, "\r\n", "Excel's line ends")
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(text))
	require.NoError(t, err)
	file := writeBytes(t, "連絡網_Excel.csv", sjis)

	before := fileHash(t, path)
	code, out, errOut := runCLI(t, "contacts", "--file", path, "--import", file)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "文字コード: Shift_JIS（CP932。Excelの「CSV（コンマ区切り）」） として読み込みました。")
	assert.Contains(t, out, "担当者: 訓練 花子 → 髙橋 花子")
	assert.Contains(t, out, "担当者: 見本 一郎 → 山﨑 一郎")
	assert.Contains(t, out, "追加 0件、変更 2件、削除 0件、変更なし 7件")
	assert.NotContains(t, out, "\ufffd")
	assert.Equal(t, before, fileHash(t, path), "a preview writes nothing")

	code, out, errOut = runCLI(t, "contacts", "--file", path, "--import", file, "--yes")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "連絡網を取り込みました")
	s, err := sqlite.Open(path)
	require.NoError(t, err)
	ps, err := s.ContactPoints()
	require.NoError(t, err)
	require.Len(t, ps, 9)
	var names []string
	for _, p := range ps {
		names = append(names, p.Primary.Name)
	}
	assert.Contains(t, names, "髙橋 花子")
	assert.Contains(t, names, "山﨑 一郎")
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
	require.NoError(t, s.Close())

	// In English the encoding is named too.
	code, out, errOut = runCLI(t, "contacts", "--file", path, "--import", file, "--lang", "en")
	require.Equal(t, 0, code, out+errOut)
	assert.Contains(t, out, "Encoding: read as Shift_JIS (CP932")
}

func TestUTF16CSVWithBOMIsImported(t *testing.T) {
	path := demoFile(t)
	text := strings.Replace(exportedCSV(t, path), "訓練 花子", "髙橋 花子", 1)
	b := binary.LittleEndian.AppendUint16(nil, 0xFEFF)
	for _, u := range utf16.Encode([]rune(text)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	file := writeBytes(t, "連絡網_UTF16.csv", b)
	code, out, errOut := runCLI(t, "contacts", "--file", path, "--import", file)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "文字コード: UTF-16LE（BOM付き） として読み込みました。")
	assert.Contains(t, out, "担当者: 訓練 花子 → 髙橋 花子")
	assert.Contains(t, out, "追加 0件、変更 1件、削除 0件、変更なし 8件")

	// The app's own export says UTF-8 with BOM.
	plain := writeBytes(t, "連絡網.csv", []byte("\ufeff"+text))
	code, out, _ = runCLI(t, "contacts", "--file", path, "--import", plain)
	require.Equal(t, 0, code)
	assert.Contains(t, out, "文字コード: UTF-8（BOM付き） として読み込みました。")
}

// A file of bytes that no encoding reads is refused with a sentence about the
// encoding, not 42 lines of mojibake, and nothing is imported even with --yes.
func TestUnreadableCSVIsRefusedWithAWordAboutTheEncoding(t *testing.T) {
	path := demoFile(t)
	text := exportedCSV(t, path)
	sjis, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(text))
	require.NoError(t, err)
	lines := strings.SplitAfter(string(sjis), "\r\n")
	lines[3] = "\xf0\x40\xf0\x41" + lines[3] // 外字 (user-defined characters) at the start of line 4
	files := map[string][]byte{
		"外字.csv":  []byte(strings.Join(lines, "")),
		"壊れた.csv": {0xFD, 0xFE, 0xFF, 0x82, 0x0D, 0x0A, 0xA0, 0x80, 0xFD},
	}
	before := fileHash(t, path)
	for name, b := range files {
		file := writeBytes(t, name, b)
		for _, args := range [][]string{{"--import", file}, {"--import", file, "--yes"}} {
			code, out, errOut := runCLI(t, append([]string{"contacts", "--file", path}, args...)...)
			assert.Equal(t, 1, code, name)
			assert.Contains(t, out, "行目: 文字コードを読み取れません。UTF-8、UTF-16（BOM付き）、Shift_JIS（Excelの「CSV（コンマ区切り）」）のどれとしても読めない文字があります。", name)
			assert.Contains(t, errOut, "1件の誤りがあるため、何も取り込んでいません。", name)
			assert.NotContains(t, out+errOut, "\ufffd", name)
			assert.NotContains(t, out, "文字コード: ", "no encoding claimed for %s", name)
			assert.Equal(t, 1, strings.Count(out, "\n"), "one line, not one per mangled header: %s", name)
		}
		assert.Equal(t, before, fileHash(t, path), name)
	}
	code, out, _ := runCLI(t, "contacts", "--file", path, "--import", writeBytes(t, "外字2.csv", files["外字.csv"]))
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "4行目: 文字コードを読み取れません", "the line of the 外字")
}

// A header-only CSV (or the wrong file) with --yes used to delete every
// contact; removing more than half now also needs --allow-delete.
func TestImportRemovingMostContactsNeedsAllowDelete(t *testing.T) {
	path := demoFile(t)
	text := exportedCSV(t, path)
	lines := strings.SplitAfter(text, "\r\n") // header, 9 entries, ""
	require.Len(t, lines, 11)
	headerOnly := writeBytes(t, "見出しだけ.csv", []byte(lines[0]))
	four := writeBytes(t, "4件.csv", []byte(strings.Join(lines[:5], ""))) // removes 5 of 9
	five := writeBytes(t, "5件.csv", []byte(strings.Join(lines[:6], ""))) // removes 4 of 9
	before := fileHash(t, path)

	code, out, errOut := runCLI(t, "contacts", "--file", path, "--import", headerOnly)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "注意: いまの連絡網の9件がすべて削除されます。")
	assert.Contains(t, out, "--yes と --allow-delete を付けて")

	for _, file := range []string{headerOnly, four} {
		code, out, errOut = runCLI(t, "contacts", "--file", path, "--import", file, "--yes")
		assert.Equal(t, 1, code, file)
		assert.Contains(t, errOut, "エラー: ")
		assert.Contains(t, errOut, "削除されるため、取り込んでいません（連絡網は変わりません）。", file)
		if file == headerOnly {
			assert.Contains(t, errOut, "いまの連絡網の9件がすべて削除されるため")
		}
		assert.NotContains(t, out, "連絡網を取り込みました")
		assert.Equal(t, before, fileHash(t, path), "refused without --allow-delete: %s", file)
	}
	assert.Contains(t, out, "注意: いまの連絡網の9件のうち5件が削除されます。")
	assert.Contains(t, errOut, "いまの連絡網の9件のうち5件が削除されるため")

	s, err := sqlite.Open(path)
	require.NoError(t, err)
	ps, err := s.ContactPoints()
	require.NoError(t, err)
	assert.Len(t, ps, 9, "every contact still there")
	require.NoError(t, s.Close())

	// --allow-delete alone is not a --yes: still only a preview.
	code, out, _ = runCLI(t, "contacts", "--file", path, "--import", four, "--allow-delete")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "まだ何も取り込んでいません")
	assert.Equal(t, before, fileHash(t, path))

	// Removing less than half needs only --yes.
	code, out, errOut = runCLI(t, "contacts", "--file", path, "--import", five, "--yes")
	require.Equal(t, 0, code, errOut)
	assert.NotContains(t, out, "注意: ")
	assert.Contains(t, out, "連絡網を取り込みました")

	// Both given: the officer meant it.
	code, out, errOut = runCLI(t, "contacts", "--file", path, "--import", headerOnly, "--yes", "--allow-delete")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "注意: いまの連絡網の5件がすべて削除されます。")
	assert.Contains(t, out, "連絡網を取り込みました")
	s, err = sqlite.Open(path)
	require.NoError(t, err)
	ps, err = s.ContactPoints()
	require.NoError(t, err)
	assert.Empty(t, ps)
	rep, err := s.Check()
	require.NoError(t, err)
	assert.True(t, rep.OK())
	require.NoError(t, s.Close())

	// A CSV that is not there is named as a CSV, not as the case file.
	code, _, errOut = runCLI(t, "contacts", "--file", path, "--import", filepath.Join(t.TempDir(), "ない.csv"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errOut, "CSVファイルを開けません")
	assert.NotContains(t, errOut, "ケースファイルが見つかりません")

	code, _, errOut = runCLI(t, "contacts", "--file", path, "--allow-delete")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "--allow-delete は --import と一緒に")
}
