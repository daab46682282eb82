package data_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// sampleNetwork is a network with every kind of entry and awkward values:
// a number that Excel would take for a formula, commas, quotes.
func sampleNetwork() []data.ContactPoint {
	noon := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, data.JapanTime) }
	return []data.ContactPoint{
		{Body: data.BodyCity, Role: data.RoleStaff, Section: "市民課",
			Primary:  data.Person{Name: "訓練 花子", TEL: "0120-000-101", Extension: "2101", Mobile: "000-0000-0101", Mail: "juki@city.example.jp"},
			Deputy:   data.Person{Name: "訓練 春子", Extension: "2102"},
			OpenFrom: "08:30", OpenUntil: "17:15", ConfirmedAt: noon(2026, 10, 1)},
		{Body: data.BodyCity, Role: data.RoleSecurityOfficer, Section: "市民課",
			Primary:  data.Person{Name: "訓練 太郎", TEL: "0120-000-102", NightTEL: "+81 (0)00-0000-0102"},
			OpenFrom: "08:30", OpenUntil: "17:15"},
		{Body: data.BodyPrefecture, Name: "宮城県 市町村課", Section: "住基ネット班, 第2係",
			Primary:  data.Person{Name: "見本 \"一郎\"", TEL: "000-0000-1001", FAX: "000-0000-1002"},
			OpenFrom: "08:30", OpenUntil: "17:15", ConfirmedAt: noon(2025, 4, 1)},
		{Body: data.BodyAgency, Section: "全国サーバ運用",
			Primary:  data.Person{Name: "見本 三郎", TEL: "0120-000-301", NightTEL: "0120-000-399"},
			OpenFrom: "09:00", OpenUntil: "17:45"},
		{Body: data.BodyContractor, Name: "株式会社サンプル情報システム",
			Primary:  data.Person{Name: "見本 四郎", Mobile: "000-0000-0401", Mail: "=cmd@example.com"},
			OpenFrom: "08:30", OpenUntil: "17:15"},
		{Body: data.BodyOther, Name: "電気設備業者", Primary: data.Person{TEL: "000-0000-0501"},
			OpenFrom: "08:30", OpenUntil: "17:15"},
	}
}

func TestContactsCSVRoundTrip(t *testing.T) {
	ps := sampleNetwork()
	for i := range ps {
		ps[i].Order = i + 1
	}
	var buf bytes.Buffer
	require.NoError(t, data.WriteContactsCSV(&buf, ps))
	raw := buf.String()
	assert.True(t, strings.HasPrefix(raw, "\ufeff機関,役割,名称,部署,担当者,電話,FAX,メール,内線,夜間休日電話,携帯,代理者,代理電話,"), "BOM and the Japanese header")
	assert.Contains(t, raw, "確認日\r\n", "CRLF for Excel")
	assert.Contains(t, raw, "市,住基ネット担当者,,市民課,訓練 花子,0120-000-101,", "the body and role as the regulation names them")
	assert.Contains(t, raw, "'+81 (0)00-0000-0102", "a leading + would make Excel compute a formula")
	assert.Contains(t, raw, "2026/10/01")

	got, errs, err := data.ParseContactsCSV(&buf)
	require.NoError(t, err)
	require.Empty(t, errs)
	require.Len(t, got, len(ps))
	for i := range ps {
		assert.True(t, ps[i].ConfirmedAt.Equal(got[i].ConfirmedAt), "row %d: %v vs %v", i, ps[i].ConfirmedAt, got[i].ConfirmedAt)
		got[i].ConfirmedAt = ps[i].ConfirmedAt
	}
	assert.Equal(t, ps, got)

	// Without the BOM (a file saved by another program) it reads the same.
	again, errs, err := data.ParseContactsCSV(strings.NewReader(strings.TrimPrefix(raw, "\ufeff")))
	require.NoError(t, err)
	require.Empty(t, errs)
	assert.Len(t, again, len(ps))
}

// csvFile builds a CSV from the header and rows, "|" separating cells.
func csvFile(rows ...string) string {
	var b strings.Builder
	b.WriteString("\ufeff機関,役割,名称,部署,担当者,電話,FAX,メール,内線,夜間休日電話,携帯,代理者,代理電話,代理FAX,代理メール,代理内線,代理夜間休日電話,代理携帯,受付開始,受付終了,確認日\r\n")
	for _, r := range rows {
		b.WriteString(strings.ReplaceAll(r, "|", ",") + "\r\n")
	}
	return b.String()
}

// row makes a row of 21 cells from the first few.
func row(cells ...string) string {
	for len(cells) < 21 {
		cells = append(cells, "")
	}
	return strings.Join(cells, "|")
}

func TestContactsCSVBadRows(t *testing.T) {
	type want struct {
		line       int
		column     string
		field      string
		rule       string
		got, ref   int
		wantFields int
	}
	tests := []struct {
		name string
		file string
		want []want
		ok   int // rows parsed without problem
	}{
		{
			name: "wrong column count",
			file: csvFile(row("市", "住基ネット担当者", "", "市民課", "訓練 花子", "0120-000-101"), "宮城県|||市町村課"),
			want: []want{{line: 3, field: "csv", rule: "columns", got: 4, wantFields: 21}},
			ok:   1,
		},
		{
			name: "invalid phone characters",
			file: csvFile(row("市", "住基ネット担当者", "", "市民課", "訓練 花子", "0120-000-101"),
				row("宮城県", "", "", "市町村課", "見本 一郎", "", "000-0000-1002", "", "", "", "", "見本 二郎", "000-0000-10１１#9")),
			want: []want{{line: 3, column: "代理電話", field: "deputy.tel", rule: "phone"}},
			ok:   1,
		},
		{
			name: "duplicate body",
			file: csvFile(row("宮城県", "", "", "市町村課", "見本 一郎", "000-0000-1001"),
				row("市", "セキュリティ責任者", "", "市民課", "訓練 太郎", "0120-000-102"),
				row("宮城県", "", "", "危機対策課", "見本 五郎", "000-0000-1005")),
			want: []want{{line: 4, column: "機関", field: "body", rule: "duplicate", ref: 2}},
			ok:   3,
		},
		{
			name: "the same city role twice",
			file: csvFile(row("市", "セキュリティ責任者", "", "市民課", "訓練 太郎", "0120-000-102"),
				row("市", "セキュリティ責任者", "", "総務課", "訓練 五郎", "0120-000-105")),
			want: []want{{line: 3, column: "機関", field: "body", rule: "duplicate", ref: 2}},
			ok:   2,
		},
		{
			name: "two bodies of the same kind under their own names are fine",
			file: csvFile(row("保守委託事業者", "", "株式会社サンプル情報システム", "", "見本 四郎", "0120-000-401"),
				row("保守委託事業者", "", "サンプル通信株式会社", "", "見本 六郎", "0120-000-601")),
			ok: 2,
		},
		{
			name: "unknown body, city without role, bad mail, bad hours, bad date",
			file: csvFile(row("警察署", "", "", "", "", "110"),
				row("市", "", "", "市民課", "訓練 花子", "0120-000-101"),
				row("宮城県", "", "", "", "見本 一郎", "000-0000-1001", "", "pref.example.jp"),
				row("指定情報処理機関", "", "", "", "見本 三郎", "0120-000-301", "", "", "", "", "", "", "", "", "", "", "", "", "17:00", "09:00"),
				row("保守委託事業者", "", "", "", "見本 四郎", "0120-000-401", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "2026/13/40")),
			want: []want{
				{line: 2, column: "機関", field: "body", rule: "unknown"},
				{line: 3, column: "役割", field: "role", rule: "required"},
				{line: 4, column: "メール", field: "primary.mail", rule: "mail"},
				{line: 5, column: "受付終了", field: "open_until", rule: "beforeopen"},
				{line: 6, column: "確認日", field: "confirmed_at", rule: "format"},
			},
		},
		{
			name: "a broken quote stops the reading",
			file: csvFile(row("市", "住基ネット担当者", "", "市民課", "訓練 \"花子", "0120-000-101")),
			want: []want{{line: 2, field: "csv", rule: "syntax"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, errs, err := data.ParseContactsCSV(strings.NewReader(tt.file))
			require.NoError(t, err)
			assert.Len(t, ps, tt.ok)
			require.Len(t, errs, len(tt.want), "%v", errs)
			for i, w := range tt.want {
				e := errs[i]
				assert.Equal(t, w.line, e.Line, "line")
				assert.Equal(t, w.column, e.Column, "column")
				require.NotNil(t, e.Err)
				assert.Equal(t, data.EINVALID, e.Err.Code)
				assert.Equal(t, w.field, e.Err.Field)
				assert.Equal(t, w.rule, e.Err.Rule)
				assert.Equal(t, w.got, e.Got)
				assert.Equal(t, w.wantFields, e.Want)
				assert.Equal(t, w.ref, e.Ref)
			}
		})
	}
}

func TestContactsCSVHeader(t *testing.T) {
	// Columns in another order and full-width digits in the cells are fine.
	file := "電話,機関,役割,名称,部署,担当者,FAX,メール,内線,夜間休日電話,携帯,代理者,代理電話,代理FAX,代理メール,代理内線,代理夜間休日電話,代理携帯,受付開始,受付終了,確認日\n" +
		"０１２０－０００－１０１,市,住基ネット担当者,,市民課,訓練 花子,,,,,,,,,,,,,８：３０,,２０２６／１１／２７\n" +
		",,,,,,,,,,,,,,,,,,,,\n"
	ps, errs, err := data.ParseContactsCSV(strings.NewReader(file))
	require.NoError(t, err)
	require.Empty(t, errs)
	require.Len(t, ps, 1, "the row of empty cells is skipped")
	assert.Equal(t, "0120-000-101", ps[0].Primary.TEL)
	assert.Equal(t, "17:15", ps[0].OpenUntil, "empty hours take the default")
	assert.Equal(t, "2026/11/27", ps[0].ConfirmedAt.In(data.JapanTime).Format("2006/01/02"))

	_, errs, err = data.ParseContactsCSV(strings.NewReader("機関,役割,名前\n市,住基ネット担当者,x\n"))
	require.NoError(t, err)
	require.NotEmpty(t, errs)
	assert.Equal(t, 1, errs[0].Line)
	assert.Equal(t, "名前", errs[0].Column)
	assert.Equal(t, "unknowncolumn", errs[0].Err.Rule)
	assert.Equal(t, "missingcolumn", errs[len(errs)-1].Err.Rule)

	_, errs, err = data.ParseContactsCSV(strings.NewReader(""))
	require.NoError(t, err)
	require.Len(t, errs, 1)
	assert.Equal(t, "empty", errs[0].Err.Rule)
}

func TestContactsCSVTooManyRows(t *testing.T) {
	var b strings.Builder
	b.WriteString(csvFile())
	for i := range data.MaxContactRows + 5 {
		b.WriteString(strings.ReplaceAll(row("その他", "", "業者"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+string(rune('A'+i/26%26))+string(rune('0'+i/676)), "", "", "0120-000-000"), "|", ",") + "\r\n")
	}
	_, errs, err := data.ParseContactsCSV(strings.NewReader(b.String()))
	require.NoError(t, err)
	require.NotEmpty(t, errs)
	assert.Equal(t, "toomany", errs[len(errs)-1].Err.Rule)
}

// FuzzParseContactsCSV: whatever the file, parsing returns rows or errors,
// never panics, and every row it accepts is valid and writes back to CSV that
// reads the same.
func FuzzParseContactsCSV(f *testing.F) {
	f.Add(string(data.ContactsCSV(sampleNetwork())))
	f.Add(csvFile(row("市", "住基ネット担当者", "", "市民課", "訓練 花子", "0120-000-101")))
	f.Add(csvFile("宮城県|||市町村課"))
	f.Add("機関\n\"")
	f.Add("")
	// The encodings Excel saves in: Shift_JIS (髙 as FB FC), UTF-16LE with BOM.
	f.Add(string(append([]byte("\x8b\x40\x8a\xd6,\x96\xf0\x8a\x84\r\n"), 0xFB, 0xFC)))
	f.Add("\xff\xfe\x5f\x6a\xa2\x95\x0d\x00\x0a\x00")
	f.Fuzz(func(t *testing.T, s string) {
		ps, errs, err := data.ParseContactsCSV(strings.NewReader(s))
		if err != nil {
			t.Fatalf("a string reader cannot fail: %v", err)
		}
		for _, e := range errs {
			if e.Err == nil || e.Line < 1 {
				t.Fatalf("error without a reason or a line: %+v", e)
			}
		}
		if len(errs) > 0 {
			return
		}
		for _, p := range ps {
			if err := p.Validate(); err != nil {
				t.Fatalf("accepted an invalid entry %+v: %v", p, err)
			}
		}
		again, errs, err := data.ParseContactsCSV(bytes.NewReader(data.ContactsCSV(ps)))
		if err != nil || len(errs) > 0 {
			t.Fatalf("written CSV does not read back: %v %v", err, errs)
		}
		if len(again) != len(ps) {
			t.Fatalf("round trip changed the number of entries: %d → %d", len(ps), len(again))
		}
		for i := range ps {
			if data.DiffContactPoints(ps[i], again[i]) != nil {
				t.Fatalf("round trip changed entry %d: %v", i, data.DiffContactPoints(ps[i], again[i]))
			}
		}
	})
}

func TestFuzzSeedsAreCheckedIn(t *testing.T) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzParseContactsCSV", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, seeds, "testdata/fuzz/FuzzParseContactsCSV holds seeds")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		require.NoError(t, err)
		assert.True(t, bytes.HasPrefix(b, []byte("go test fuzz v1")), s)
	}
}
