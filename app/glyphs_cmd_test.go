package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A legal name beyond the basic plane (𠮷田), a character with a variation
// selector (葛󠄀) and an emoji are imported from CSV and printed: the contact
// sheet and the change notice give them back as text (issue #12, item 1).
func TestContactsWithCharactersBeyondTheBasicPlanePrint(t *testing.T) {
	path := demoFile(t)
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "連絡網.csv")
	code, _, errOut := runCLI(t, "contacts", "--file", path, "--export", csvPath)
	require.Equal(t, 0, code, errOut)
	raw, err := os.ReadFile(csvPath)
	require.NoError(t, err)
	edited := strings.NewReplacer("訓練 花子", "𠮷田 花子", "訓練 春子", "𩸽 𠀋😀",
		"市民課 住民記録係", "市民課 葛\U000E0100城係").Replace(string(raw))
	require.NotEqual(t, string(raw), edited, "the demo network changed: pick other names")
	require.NoError(t, os.WriteFile(csvPath, []byte(edited), 0o600))

	code, out, errOut := runCLI(t, "contacts", "--file", path, "--import", csvPath, "--yes")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "担当者: 訓練 花子 → 𠮷田 花子")
	code, out, errOut = runCLI(t, "contacts", "--file", path)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "𠮷田 花子")

	sheet := filepath.Join(dir, "緊急時連絡網.pdf")
	code, _, errOut = runCLI(t, "contacts", "--file", path, "--out", sheet)
	require.Equal(t, 0, code, errOut)
	notice := filepath.Join(dir, "連絡先変更届.pdf")
	code, _, errOut = runCLI(t, "contacts", "--file", path, "--notice", "--out", notice)
	require.Equal(t, 0, code, errOut)
	for _, f := range []string{sheet, notice} {
		text := pdfText(t, f)
		for _, want := range []string{"𠮷田", "𩸽", "𠀋", "😀", "葛\U000E0100城係"} {
			assert.Contains(t, text, want, "%s", filepath.Base(f))
		}
	}
}
