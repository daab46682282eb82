package forms

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// fullDisk is a case file whose disk has filled up: every save of the report
// items fails as the SQLite store reports it (data.EWRITE, see
// data/sqlite TestDiskFullLeavesTheCaseFileIntact).
type fullDisk struct {
	data.Store
	full bool
}

func (f *fullDisk) SaveMisconductReport(r *data.MisconductReport, timelineText string) error {
	if f.full {
		return &data.Error{Code: data.EWRITE, Err: fmt.Errorf("save report items: database or disk is full")}
	}
	return f.Store.SaveMisconductReport(r, timelineText)
}

func TestDiskFullIsShownAndTheInputKept(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "CS端末への不審な操作", data.ClassMisconduct, data.StatusOpen, false, testNow)
	disk := &fullDisk{Store: s.env.Store, full: true}
	env := *s.env
	env.Store = disk
	f := newReportItemsForm(&env, c.ID)
	s.win.SetContent(f.Content())
	require.NoError(t, f.Reload())

	test.Type(f.device, "CS端末（2階窓口）")
	err := f.Flush()
	require.Error(t, err)
	assert.Equal(t, "保存に失敗: ディスクの空き不足か書き込みエラー（入力は画面に残っています）", f.indicator.label.Text)
	assert.Equal(t, "CS端末（2階窓口）", f.device.Text, "the input stays on the screen")
	r, err := s.env.Store.MisconductReport(c.ID)
	require.NoError(t, err)
	assert.Empty(t, r.Device, "nothing half-saved")

	// Space is freed: the next save writes what the screen kept.
	disk.full = false
	test.Type(f.device, "。")
	require.NoError(t, f.Flush())
	r, err = s.env.Store.MisconductReport(c.ID)
	require.NoError(t, err)
	assert.Equal(t, "CS端末（2階窓口）。", r.Device)
	assert.Equal(t, "保存済み", f.indicator.label.Text)
}
