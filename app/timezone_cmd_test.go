package app

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/i18n"
)

// copyFile copies the case file src to dst.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(dst, b, 0o600))
}

// Every document the command line writes has the same text whatever the
// PC's time zone (time.Local is what TZ sets): the case file's zone (Asia/Tokyo
// by default) decides. Each document is made from a fresh copy of the same
// file, so the audit head in the footers is the same too.
func TestDocumentsDoNotFollowThePCZone(t *testing.T) {
	// make test installs poppler-utils: a missing pdftotext fails, never skips.
	_, err := exec.LookPath("pdftotext")
	require.NoError(t, err, "pdftotext (poppler-utils) is needed")
	base := demoFile(t)
	byClass := demoCasesByClass(t, base)
	misconduct, failure := byClass[data.ClassMisconduct][0], byClass[data.ClassFailure][0]
	s, err := sqlite.Open(base)
	require.NoError(t, err)
	meetings, err := s.Meetings(0)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	var held data.Meeting
	for _, m := range meetings {
		if !m.ClosedAt.IsZero() {
			held = m
			break
		}
	}
	require.NotZero(t, held.ID, "the demo has a meeting held")
	meetingCase := ""
	for _, cs := range byClass {
		for _, c := range cs {
			if c.ID == held.CaseID {
				meetingCase = c.Number
			}
		}
	}

	docs := []struct {
		name string
		args []string
	}{
		{"misconduct", []string{"report", "--case", misconduct.Number}},
		{"failure", []string{"report", "--case", failure.Number}},
		{"agenda", []string{"agenda", "--case", meetingCase}},
		{"agenda-held", []string{"agenda", "--case", meetingCase, "--meeting", strconv.FormatInt(held.ID, 10)}},
		{"minutes", []string{"minutes", "--meeting", strconv.FormatInt(held.ID, 10)}},
		{"decisions", []string{"minutes", "--meeting", strconv.FormatInt(held.ID, 10), "--decisions"}},
		{"contacts", []string{"contacts"}},
		{"notice", []string{"contacts", "--notice"}},
	}
	make := func(zone string) map[string]string {
		loc, err := time.LoadLocation(zone)
		require.NoError(t, err)
		prev := time.Local
		time.Local = loc // as TZ=zone would set it
		defer func() { time.Local = prev }()
		dir := t.TempDir()
		texts := map[string]string{}
		for _, d := range docs {
			file := filepath.Join(dir, d.name+".kinkyu")
			copyFile(t, base, file)
			out := filepath.Join(dir, d.name+".pdf")
			args := append(append([]string{}, d.args...), "--file", file, "--out", out)
			code, _, errOut := runCLI(t, args...)
			require.Equal(t, 0, code, "%s: %s", d.name, errOut)
			texts[d.name] = flatText(t, out)
			b, err := os.ReadFile(out)
			require.NoError(t, err)
			// The PDF's dates carry the case file's offset.
			assert.Regexp(t, `/CreationDate \(D:\d{14}\+09'00'\)`, string(b), d.name)
		}
		return texts
	}
	// Minutes: the contact sheet and the agenda print the time they are made;
	// make both sets within one minute (retry once if a minute turned).
	var tokyo, utc, la map[string]string
	for range 2 {
		start := time.Now().Truncate(time.Minute)
		tokyo, utc, la = make("Asia/Tokyo"), make("UTC"), make("America/Los_Angeles")
		if time.Now().Truncate(time.Minute).Equal(start) {
			break
		}
	}
	for _, d := range docs {
		assert.Equal(t, tokyo[d.name], utc[d.name], "%s: TZ=UTC changed the text", d.name)
		assert.Equal(t, tokyo[d.name], la[d.name], "%s: TZ=America/Los_Angeles changed the text", d.name)
		assert.NotEmpty(t, tokyo[d.name], d.name)
	}
}

// A signature made on a PC in UTC is written (/M) and shown by verify-pdf in
// the case file's zone.
func TestSigningTimeInTheCaseFileZone(t *testing.T) {
	base := demoFile(t)
	byClass := demoCasesByClass(t, base)
	prev := time.Local
	time.Local = time.UTC
	defer func() { time.Local = prev }()
	out := filepath.Join(t.TempDir(), "r.pdf")
	t.Setenv("KINKYU_TEST_PASS", "pass")
	before := time.Now()
	code, _, errOut := runCLI(t, "report", "--file", base, "--case", byClass[data.ClassMisconduct][0].Number, "--out", out,
		"--p12", p12File(t, "山田 太郎", "pass"), "--pass-env", "KINKYU_TEST_PASS")
	require.Equal(t, 0, code, errOut)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	require.NoError(t, err)
	m := regexp.MustCompile(`/M \(D:(\d{14})\+09'00'\)`).FindSubmatch(b)
	require.NotNil(t, m, "/M with +09'00'")
	at, err := time.ParseInLocation("20060102150405", string(m[1]), tokyo)
	require.NoError(t, err)
	assert.WithinDuration(t, before, at, 2*time.Minute)
	code, stdout, _ := runCLI(t, "verify-pdf", "--file", base, out)
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, "署名日時: "+i18n.WarekiDateTime(at), "in Tokyo, not UTC")
}
