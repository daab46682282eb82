package data_test

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/japanese"

	"github.com/osaki-city/kinkyu/data"
)

// excelNetwork is sampleNetwork with what Japanese offices type: 髙 and 﨑
// (IBM extension characters of CP932, not in JIS X 0208), a full-width
// space, a full-width tilde and minus.
func excelNetwork() []data.ContactPoint {
	ps := sampleNetwork()
	ps[0].Primary.Name = "髙橋　一郎"
	ps[0].Deputy.Name = "山﨑 春子"
	ps[2].Section = "市町村課（住基ネット～第2係）"
	ps[3].Primary.Name = "見本 三郎－代理"
	for i := range ps {
		ps[i].Order = i + 1
	}
	return ps
}

// toShiftJIS is what Excel's 「CSV（コンマ区切り）」 saves: the text in
// Shift_JIS, no BOM, CRLF (WriteContactsCSV writes CRLF already).
func toShiftJIS(t *testing.T, utf8Text string) []byte {
	t.Helper()
	b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(strings.TrimPrefix(utf8Text, "\ufeff")))
	require.NoError(t, err)
	return b
}

func toUTF16(s string, order binary.AppendByteOrder) []byte {
	s = strings.TrimPrefix(s, "\ufeff")
	out := order.AppendUint16(nil, 0xFEFF)
	for _, u := range utf16.Encode([]rune(s)) {
		out = order.AppendUint16(out, u)
	}
	return out
}

func TestShiftJISCSVFromExcelIsReadWithItsNames(t *testing.T) {
	ps := excelNetwork()
	sjis := toShiftJIS(t, string(data.ContactsCSV(ps)))
	require.False(t, bytes.Contains(sjis, []byte("髙")), "really Shift_JIS bytes, not UTF-8")
	require.True(t, bytes.Contains(sjis, []byte("\r\n")), "Excel's CRLF")

	f := data.ReadContactsCSV(sjis)
	require.Empty(t, f.Errors)
	assert.Equal(t, data.EncodingShiftJIS, f.Encoding)
	require.Len(t, f.Points, len(ps))
	assert.Equal(t, "髙橋　一郎", f.Points[0].Primary.Name, "髙 and the full-width space read back")
	assert.Equal(t, "山﨑 春子", f.Points[0].Deputy.Name)
	assert.Equal(t, "市町村課（住基ネット～第2係）", f.Points[2].Section, "CP932's 0x8160 is the full-width tilde Windows types")
	assert.Equal(t, "見本 三郎－代理", f.Points[3].Primary.Name, "CP932's 0x817C is the full-width minus")

	// The same network as the UTF-8 export: nothing differs but the encoding.
	utf := data.ReadContactsCSV(data.ContactsCSV(ps))
	require.Empty(t, utf.Errors)
	assert.Equal(t, data.EncodingUTF8BOM, utf.Encoding)
	for i := range utf.Points {
		assert.Empty(t, data.DiffContactPoints(utf.Points[i], f.Points[i]), "entry %d", i)
	}
}

// Excel writes 髙 as FB FC (IBM extension) and ① as 87 40 (NEC special
// characters): these raw bytes are what a city's file holds.
func TestShiftJISExtensionBytesAsExcelWritesThem(t *testing.T) {
	head := toShiftJIS(t, csvFile())
	line := append([]byte("市,住基ネット担当者,,"), nil...)
	line = toShiftJIS(t, string(line))
	line = append(line, toShiftJIS(t, "市民課①,")...)
	line = append(line, 0xFB, 0xFC) // 髙
	line = append(line, toShiftJIS(t, "橋 花子,0120-000-101"+strings.Repeat(",", 15)+"\r\n")...)
	f := data.ReadContactsCSV(append(head, line...))
	require.Empty(t, f.Errors)
	assert.Equal(t, data.EncodingShiftJIS, f.Encoding)
	require.Len(t, f.Points, 1)
	assert.Equal(t, "髙橋 花子", f.Points[0].Primary.Name)
	assert.Equal(t, "市民課①", f.Points[0].Section)
}

func TestUTF16CSVWithBOMIsRead(t *testing.T) {
	ps := excelNetwork()
	ps[1].Primary.Name = "𠮷田 太郎" // outside the BMP: a surrogate pair in UTF-16
	text := string(data.ContactsCSV(ps))
	for _, tc := range []struct {
		order binary.AppendByteOrder
		enc   data.TextEncoding
	}{{binary.LittleEndian, data.EncodingUTF16LE}, {binary.BigEndian, data.EncodingUTF16BE}} {
		f := data.ReadContactsCSV(toUTF16(text, tc.order))
		require.Empty(t, f.Errors, tc.enc)
		assert.Equal(t, tc.enc, f.Encoding)
		require.Len(t, f.Points, len(ps))
		assert.Equal(t, "𠮷田 太郎", f.Points[1].Primary.Name)
		assert.Equal(t, "髙橋　一郎", f.Points[0].Primary.Name)
	}
}

func TestUTF8WithoutBOMIsRead(t *testing.T) {
	f := data.ReadContactsCSV([]byte(strings.TrimPrefix(csvFile(row("市", "住基ネット担当者", "", "市民課", "髙橋 花子", "0120-000-101")), "\ufeff")))
	require.Empty(t, f.Errors)
	assert.Equal(t, data.EncodingUTF8, f.Encoding)
	assert.Equal(t, "髙橋 花子", f.Points[0].Primary.Name)
}

// A file that is none of the encodings is refused on the line of the first
// unreadable character, with no entry and no replacement character.
func TestUnreadableCSVIsRefusedPlainly(t *testing.T) {
	head := toShiftJIS(t, csvFile())
	good := toShiftJIS(t, strings.ReplaceAll(row("市", "住基ネット担当者", "", "市民課", "訓練 花子", "0120-000-101"), "|", ",")+"\r\n")
	tests := []struct {
		name string
		b    []byte
		line int
		rule string
	}{
		{"random bytes", []byte{0xFD, 0xFE, 0xFF, 0xA0, 0x82}, 1, "encoding"},
		{"a lone lead byte on line 3", append(append(append([]byte{}, head...), good...), append([]byte("\x82,"), good[2:]...)...), 3, "encoding"},
		{"外字 (user-defined F040) on line 2", append(append([]byte{}, head...), append([]byte("\xf0\x40,"), good[2:]...)...), 2, "encoding"},
		{"UTF-8 with one broken byte on line 2", []byte(csvFile(row("市", "住基ネット担当者", "", "市民課", "訓練\xff花子"))), 2, "encoding"},
		{"UTF-8 holding U+FFFD on line 2", []byte(csvFile(row("市", "住基ネット担当者", "", "市民課", "訓練�花子"))), 2, "garbled"},
		{"UTF-16 without its BOM", toUTF16(csvFile(), binary.LittleEndian)[2:], 1, "encoding"},
		{"UTF-16 of odd length", toUTF16(csvFile(row("市")), binary.LittleEndian)[:51], 1, "encoding"},
		{"UTF-16 with a lone surrogate", append(toUTF16(csvFile(), binary.LittleEndian), 0x00, 0xD8, 'a', 0), 2, "encoding"},
		{"UTF-8 BOM then Shift_JIS", append([]byte("\ufeff"), head...), 1, "encoding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := data.ReadContactsCSV(tt.b)
			require.Len(t, f.Errors, 1, "%+v", f.Errors)
			e := f.Errors[0]
			assert.Equal(t, "csv", e.Err.Field)
			assert.Equal(t, tt.rule, e.Err.Rule)
			assert.Equal(t, tt.line, e.Line)
			assert.Empty(t, f.Points)
			assert.Empty(t, f.Encoding)
		})
	}
}

func TestTooLargeCSVIsNotRead(t *testing.T) {
	f := data.ReadContactsCSV(make([]byte, data.MaxContactCSVBytes+1))
	require.Len(t, f.Errors, 1)
	assert.Equal(t, "toobig", f.Errors[0].Err.Rule)
}

func TestRemovesMost(t *testing.T) {
	ps := sampleNetwork() // 6 entries
	for _, tt := range []struct {
		keep int
		want bool
	}{{6, false}, {4, false}, {3, false}, {2, true}, {1, true}, {0, true}} {
		plan := data.PlanContactImport(ps, ps[:tt.keep])
		assert.Equal(t, tt.want, plan.RemovesMost(), "keeping %d of 6", tt.keep)
	}
	one := ps[:1]
	assert.True(t, data.PlanContactImport(one, nil).RemovesMost(), "the only entry")
	assert.False(t, data.PlanContactImport(nil, ps).RemovesMost(), "an empty network loses nothing")
	// Replacing every entry by other ones removes them all.
	assert.True(t, data.PlanContactImport(ps[:3], ps[3:]).RemovesMost())
}
