package forms

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/i18n"
)

// openTimeline shows the timeline of a new case in a headless window.
func openTimeline(t *testing.T) (*screen, data.Case, *timelineView) {
	t.Helper()
	s := newScreen(t)
	c := s.addCase(t, "CS端末への不審な操作", data.ClassMisconduct, data.StatusOpen, false, testNow.Add(-2*time.Hour))
	v := newTimelineView(s.env, c.ID)
	s.win.SetContent(v.Content())
	s.win.Resize(fyne.NewSize(1000, 700))
	return s, c, v
}

func pressEnter(v *timelineView) { v.text.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

func timeline(t *testing.T, store data.Store, caseID int64) []data.Entry {
	t.Helper()
	entries, err := store.Timeline(caseID)
	require.NoError(t, err)
	return entries
}

// shownRows are the rows the list draws, by entry ID.
func shownRows(v *timelineView) map[int64]*timelineRow {
	rows := map[int64]*timelineRow{}
	for _, o := range test.LaidOutObjects(v.list) {
		if r, ok := o.(*timelineRow); ok && r.Visible() && r.m != nil {
			rows[r.m.id] = r
		}
	}
	return rows
}

func TestTimelineQuickEntryIsOnDiskAfterEnter(t *testing.T) {
	s, c, v := openTimeline(t)
	v.Focus()
	assert.Equal(t, v.text, s.win.Canvas().Focused())
	assert.Equal(t, "2026/11/27 14:05", v.at.Text, "the time field starts at now")

	const first = "宮城県市町村課へ電話で第一報（担当: 佐藤さん）。"
	test.Type(v.text, first)
	pressEnter(v)

	assert.Empty(t, v.text.Text, "the field is cleared for the next entry")
	assert.False(t, v.msg.Visible())
	assert.Equal(t, 1, s.saved)
	st, _ := v.status.State()
	assert.Equal(t, saveSaved, st)
	require.Len(t, v.models, 1)
	assert.Equal(t, v.models[0].id, v.selected, "the new entry is selected")

	// Ctrl+Enter records too.
	test.Type(v.text, "指定情報処理機関へ連絡した")
	v.text.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl})
	assert.Empty(t, v.text.Text)
	assert.Equal(t, 2, s.saved)
	require.Len(t, v.models, 2)
	assert.Equal(t, v.models[1].id, v.selected)

	got := timeline(t, s.reopen(t), c.ID)
	require.Len(t, got, 2)
	assert.Equal(t, first, got[0].Text)
	assert.Equal(t, data.EntryNote, got[0].Kind)
	assert.Equal(t, "山田", got[0].Author)
	assert.True(t, got[0].At.Equal(testNow))
	assert.Equal(t, "指定情報処理機関へ連絡した", got[1].Text)
}

func TestTimelineTypedTime(t *testing.T) {
	s, c, v := openTimeline(t)
	v.at.SetText("2026/02/30 10:00")
	test.Type(v.text, "サーバ室の電源を確認した")
	pressEnter(v)

	assert.True(t, v.msg.Visible())
	_, perr := i18n.ParseDateTime("2026/02/30 10:00", tokyo)
	assert.Equal(t, i18n.ErrorMessage(perr), v.msg.Text)
	assert.Equal(t, "サーバ室の電源を確認した", v.text.Text, "the text is kept")
	assert.Empty(t, timeline(t, s.env.Store, c.ID), "nothing is saved")
	assert.Zero(t, s.saved)

	v.at.SetText("令和8年11月27日 13時20分")
	pressEnter(v)
	assert.False(t, v.msg.Visible())
	got := timeline(t, s.reopen(t), c.ID)
	require.Len(t, got, 1)
	assert.True(t, got[0].At.Equal(time.Date(2026, 11, 27, 13, 20, 0, 0, tokyo)), got[0].At)
	assert.Equal(t, "2026/11/27 14:05", v.at.Text, "after recording, the time follows the clock again")
	assert.Equal(t, "2026/11/27 13:20", v.timeText(v.models[0].at))
	for _, r := range shownRows(v) {
		assert.Equal(t, "2026/11/27 13:20", r.time.Text)
	}
}

func TestTimelineEmptyTextIsRefused(t *testing.T) {
	s, c, v := openTimeline(t)
	test.Type(v.text, "   ")
	pressEnter(v)
	assert.Equal(t, i18n.ErrorMessage(data.Invalid("text", "required")), v.msg.Text)
	assert.True(t, v.msg.Visible())
	assert.Empty(t, timeline(t, s.env.Store, c.ID))
	assert.Zero(t, s.saved)
}

func TestTimelineCorrection(t *testing.T) {
	s, c, v := openTimeline(t)
	test.Type(v.text, "県の担当は佐藤さん")
	pressEnter(v)
	old := timeline(t, s.env.Store, c.ID)[0]

	assert.True(t, v.fixBtn.Disabled() == false, "the new entry is selected, so it can be corrected")
	v.setSelected(0)
	assert.True(t, v.fixBtn.Disabled())
	v.list.Select(0)
	test.Tap(v.fixBtn)
	require.NotNil(t, s.topDialog())
	require.NotNil(t, v.fix)
	assert.Equal(t, old.Text, v.fix.text.Text, "the dialog starts from the old text")

	// Unchanged, then empty: refused with a message, the dialog stays.
	test.Tap(button(t, s.topDialog(), "訂正を記録"))
	assert.Equal(t, i18n.T("timeline.correct.unchanged"), v.fix.err.Text)
	v.fix.text.SetText("")
	test.Tap(button(t, s.topDialog(), "訂正を記録"))
	assert.Equal(t, i18n.ErrorMessage(data.Invalid("text", "required")), v.fix.err.Text)
	require.Len(t, timeline(t, s.env.Store, c.ID), 1)

	v.fix.text.SetText("県の担当は鈴木さん")
	test.Tap(button(t, s.topDialog(), "訂正を記録"))
	assert.Nil(t, s.topDialog(), "the dialog closes once recorded")

	got := timeline(t, s.reopen(t), c.ID)
	require.Len(t, got, 2, "the old entry stays")
	assert.Equal(t, old.ID, got[0].ID)
	assert.Equal(t, old.Text, got[0].Text)
	assert.Equal(t, "県の担当は鈴木さん", got[1].Text)
	assert.Equal(t, old.ID, got[1].Corrects)
	assert.True(t, got[1].At.Equal(old.At), "the correction keeps the time of what it corrects")
	assert.Equal(t, 2, s.saved)

	// The old entry is marked: greyed, struck through on screen, with a
	// note naming the correction; the correction names what it corrects.
	require.Len(t, v.models, 2)
	oldRow, fixRow := v.models[0], v.models[1]
	assert.True(t, oldRow.dim)
	assert.True(t, oldRow.blocks[0].strike)
	assert.Equal(t, colorCorrectedTag, oldRow.kindBg)
	assert.Contains(t, blockTexts(oldRow), i18n.T("timeline.corrected_by", map[string]any{"At": "2026/11/27 14:05"}))
	assert.Contains(t, blockTexts(fixRow), "訂正: 2026/11/27 14:05")
	assert.False(t, fixRow.dim)

	rows := shownRows(v)
	require.Contains(t, rows, old.ID)
	struck := 0
	for _, l := range rows[old.ID].strikes {
		if l.Visible() {
			struck++
			assert.Greater(t, l.Position2.X-l.Position1.X, float32(50), "the line runs through the text")
		}
	}
	assert.Equal(t, 1, struck, "one struck line of text")
	for _, l := range rows[got[1].ID].strikes {
		assert.False(t, l.Visible())
	}
}

func blockTexts(m timelineRowModel) []string {
	var out []string
	for _, b := range m.blocks {
		var lines []string
		for _, l := range b.lines {
			lines = append(lines, l.text)
		}
		out = append(out, strings.Join(lines, ""))
	}
	return out
}

func TestTimelineFilterByKind(t *testing.T) {
	s, c, v := openTimeline(t)
	for i, k := range []string{data.EntryNote, data.EntryStep, data.EntryThreat, data.EntryStep, data.EntryMilestone} {
		require.NoError(t, s.env.Store.AddEntry(&data.Entry{CaseID: c.ID, At: testNow.Add(time.Duration(i) * time.Minute), Kind: k, Text: k + " の記録"}))
	}
	require.NoError(t, v.Reload(), "as after another screen recorded")
	require.Len(t, v.models, 5)
	assert.Equal(t, "全5件", v.count.Text)

	v.filter.SetSelected("手順")
	require.Len(t, v.models, 2)
	for _, m := range v.models {
		assert.Equal(t, "手順", m.kind)
	}
	assert.Equal(t, "2件 / 全5件", v.count.Text)
	for _, r := range shownRows(v) {
		assert.Equal(t, "手順", r.m.kind)
	}

	v.filter.SetSelected("脅威度")
	require.Len(t, v.models, 1)
	v.filter.SetSelected("報告")
	assert.Empty(t, v.models)
	assert.True(t, v.empty.Visible())
	assert.Equal(t, i18n.T("timeline.empty_filtered"), v.empty.Text)

	// A note typed while the filter hides notes shows the whole timeline again.
	test.Type(v.text, "メモを追加")
	pressEnter(v)
	assert.Equal(t, "すべて", v.filter.Selected)
	assert.Len(t, v.models, 6)
	assert.False(t, v.empty.Visible())
}

func TestTimelineHugePasteIsRefused(t *testing.T) {
	s, c, v := openTimeline(t)
	test.Type(v.text, "途中まで入力した")
	cb := fyne.CurrentApp().Clipboard()
	huge := strings.Repeat("漏", 1<<20/3+1) // 1 MB of UTF-8
	require.Greater(t, len(huge), 1<<20)
	cb.SetContent(huge)
	v.text.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	assert.Equal(t, "途中まで入力した", v.text.Text, "nothing is lost from the field")
	assert.Equal(t, i18n.ErrorMessage(data.Invalid("text", "toolong")), v.msg.Text)
	assert.True(t, v.msg.Visible())

	// A paste that fits goes in as usual.
	cb.SetContent("。続き")
	v.text.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	assert.Equal(t, "途中まで入力した。続き", v.text.Text)

	// Text that got in some other way is refused by the store, and kept.
	long := strings.Repeat("a", data.MaxTextRunes+1)
	v.text.SetText(long)
	pressEnter(v)
	assert.Equal(t, i18n.ErrorMessage(data.Invalid("text", "toolong")), v.msg.Text)
	assert.True(t, long == v.text.Text, "the long text is kept")
	assert.Empty(t, timeline(t, s.env.Store, c.ID))
	assert.Zero(t, s.saved)

	report, err := s.reopen(t).Check()
	require.NoError(t, err)
	assert.True(t, report.OK(), "%+v", report)
}

// Odd text is stored as typed, but in NFC (か + U+3099 becomes が: data's
// Validate normalises what is typed), everything else exactly.
func TestTimelineOddUnicodeIsStoredInNFC(t *testing.T) {
	s, c, v := openTimeline(t)
	inputs := []string{
		"か\u3099き\u3099（結合文字の濁点）",
		"絵文字 👨\u200d👩\u200d👧 と 🇯🇵 と 👍🏽",
		"RTL: مرحبا بالعالم and עברית",
		"制御\u0007文字\u001bと\u007f削除と\u0085改行",
		"\u202e反転\u202c と ゼロ幅\u200b空白",
		"異体字 葛\U000E0100 と 𠮷野家",
		"\t行頭のタブ",
	}
	for _, in := range inputs {
		v.text.SetText(in)
		pressEnter(v)
		assert.Empty(t, v.text.Text, "%q was recorded", in)
		assert.False(t, v.msg.Visible(), "%q", in)
	}
	_ = s.win.Canvas().Capture() // drawing them must not fail either

	got := timeline(t, s.reopen(t), c.ID)
	require.Len(t, got, len(inputs))
	for i, in := range inputs {
		assert.Equal(t, norm.NFC.String(in), got[i].Text)
	}
	assert.Equal(t, "がぎ（結合文字の濁点）", got[0].Text)
}

func TestTimelineReloadFollowsTheNewestOrKeepsThePlace(t *testing.T) {
	s, c, v := openTimeline(t)
	add := func(min int, text string) {
		require.NoError(t, s.env.Store.AddEntry(&data.Entry{CaseID: c.ID, At: testNow.Add(time.Duration(min) * time.Minute), Kind: data.EntryStep, Text: text}))
	}
	for i := range 30 {
		add(i, "手順の記録")
	}
	require.NoError(t, v.Reload())
	require.Len(t, v.models, 30)
	rows := shownRows(v)
	assert.Contains(t, rows, v.models[29].id, "the newest entry is in view")
	assert.NotContains(t, rows, v.models[0].id)

	// Another screen records: the newest stays in view.
	add(40, "状態を変更")
	require.NoError(t, v.Reload())
	assert.Contains(t, shownRows(v), v.models[30].id, "the new newest entry is in view")

	// The officer reads older entries: their place and selection are kept.
	v.list.Select(5)
	selected := v.selected
	add(50, "さらに記録")
	require.NoError(t, v.Reload())
	assert.Equal(t, selected, v.selected)
	assert.False(t, v.fixBtn.Disabled())
	rows = shownRows(v)
	assert.Contains(t, rows, selected)
	assert.NotContains(t, rows, v.models[31].id)
}

func TestTimelineRowsAreTallEnoughForTheirLines(t *testing.T) {
	s, c, v := openTimeline(t)
	bodies := []string{
		"一行",
		strings.Repeat("長い記録の本文。", 30),
		"改行を\n含む\n記録",
		strings.Repeat("The vendor bulletin is at https://example.invalid/a/very/long/path ", 6),
		strings.Repeat("続く", 5000),
	}
	for i, tx := range bodies {
		require.NoError(t, s.env.Store.AddEntry(&data.Entry{CaseID: c.ID, At: testNow.Add(time.Duration(i) * time.Minute), Kind: data.EntryNote, Text: tx, Author: "セキュリティ統括責任者 山田"}))
	}
	require.NoError(t, v.Reload())
	for _, width := range []float32{1000, 700, 1400} {
		s.win.Resize(fyne.NewSize(width, 2000))
		textW := v.geo.textWidth(v.width)
		for i, m := range v.models {
			assert.LessOrEqual(t, len(m.blocks[0].lines), maxPreviewLines)
			for _, l := range m.blocks[0].lines {
				drawn := fyne.MeasureText(l.text, v.geo.textSize, fyne.TextStyle{}).Width
				assert.LessOrEqual(t, drawn, textW+1, "%d: line %q overflows at width %v", i, l.text, width)
			}
		}
		for id, r := range shownRows(v) {
			m := v.models[v.indexOf(id)]
			assert.Equal(t, m.height, r.Size().Height, "the list gave the row its height")
			var used float32
			for _, b := range m.blocks {
				lh := v.geo.lineH
				if b.note {
					lh = v.geo.noteLineH
				}
				used += float32(len(b.lines)) * lh
			}
			assert.LessOrEqual(t, used+2*v.geo.padY, r.Size().Height, "no line is cut off")
		}
	}
	last := v.models[len(v.models)-1]
	assert.Contains(t, blockTexts(last), i18n.T("timeline.truncated", map[string]any{"Count": "10,000"}))

	v.list.Select(len(v.models) - 1)
	test.Tap(v.fullBtn)
	require.NotNil(t, s.topDialog(), "the whole text is one click away")
	require.NotNil(t, v.full)
	var shown strings.Builder
	for _, l := range v.full.lines {
		shown.WriteString(l.text)
	}
	assert.True(t, bodies[4] == shown.String(), "the dialog shows %d of %d characters", utf8.RuneCountInString(shown.String()), utf8.RuneCountInString(bodies[4]))
	test.Tap(button(t, s.topDialog(), "コピー"))
	assert.True(t, bodies[4] == fyne.CurrentApp().Clipboard().Content(), "copied whole")
	button(t, s.topDialog(), "コピーしました")
}

func TestTimelineKindsAndStatesHaveWordsInEveryLanguage(t *testing.T) {
	test.NewTempApp(t)
	prev := i18n.Language()
	t.Cleanup(func() { _ = i18n.SetLanguage(prev) })
	for _, lang := range i18n.Languages() {
		require.NoError(t, i18n.SetLanguage(lang))
		for _, k := range data.EntryKinds {
			assert.True(t, i18n.Has("timeline.kind."+k), "%s: timeline.kind.%s", lang, k)
		}
		for _, st := range []saveState{saveDirty, saveSaving, saveSaved, saveFailed} {
			assert.NotEmpty(t, st.label())
			assert.NotContains(t, st.label(), "!")
		}
	}
	require.NoError(t, i18n.SetLanguage(i18n.Japanese))
	assert.Equal(t, "メモ", entryKindLabel(data.EntryNote))
	assert.Equal(t, "手順", entryKindLabel(data.EntryStep))
	assert.Equal(t, "mystery", entryKindLabel("mystery"), "a kind from a newer version shows as stored")
}

func TestTimelineDisplayText(t *testing.T) {
	assert.Equal(t, "普通の文", timelineDisplayText("普通の文"))
	assert.Equal(t, "a\nb\nc\nd", timelineDisplayText("a\r\nb\rc\u2028d"))
	assert.Equal(t, "tab here", timelineDisplayText("tab\there"))
	assert.Equal(t, "bell\uFFFDend", timelineDisplayText("bell\u0007end"))
	assert.Equal(t, "trailing", timelineDisplayText("trailing\n\n"))
}

func TestTimelineStoreErrorsKeepTheText(t *testing.T) {
	s, _, v := openTimeline(t)
	s.env.Store = failingStore{Store: s.env.Store, err: &data.Error{Code: data.EREADONLY, Err: errors.New("disk is read-only")}}
	test.Type(v.text, "保存できない記録")
	pressEnter(v)
	assert.Equal(t, "保存できない記録", v.text.Text)
	st, err := v.status.State()
	assert.Equal(t, saveFailed, st)
	assert.Error(t, err)
	require.NotNil(t, s.topDialog(), "the error is shown")
	assert.Zero(t, s.saved)
}

// failingStore refuses every new entry with err.
type failingStore struct {
	data.Store
	err error
}

func (f failingStore) AddEntry(*data.Entry) error { return f.err }

// benchTimelineFile makes a case file with one case of 5,000 timeline
// entries of mixed length, some corrected, removed when the benchmark ends. It
// lives on tmpfs where there is one: 5,000 durable commits take a while on a
// disk.
func benchTimelineFile(b *testing.B) (string, int64) {
	b.Helper()
	dir := ""
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		dir = "/dev/shm"
	}
	dir, err := os.MkdirTemp(dir, "kinkyu-timeline-bench-")
	require.NoError(b, err)
	b.Cleanup(func() { os.RemoveAll(dir) })
	path := filepath.Join(dir, "bench.kinkyu")
	start := time.Now()
	store, err := sqlite.Create(path)
	require.NoError(b, err)
	defer store.Close()
	c := &data.Case{Title: "CS端末への不審な操作", Class: data.ClassMisconduct, Status: data.StatusOpen, DiscoveredAt: testNow.Add(-100 * time.Hour)}
	require.NoError(b, store.CreateCase(c))
	phrases := []string{
		"セキュリティ責任者へ電話で報告した", "電源スイッチ・コンセントを確認した",
		"警告ランプが赤色に点灯していることを確認した。保守委託事業者に協力を要請し、到着は30分後の見込み。",
		"宮城県市町村課へ第一報を入れた（担当: 佐藤さん、折り返しは15時の予定）", "ネットワークから切り離した",
		"アクセスログを保全した。ファイルは電算室の金庫に保管。ハッシュ値 3f9a2c…c1 を控えた。",
	}
	rng := rand.New(rand.NewPCG(5, 8))
	var last int64
	for i := range 5000 {
		e := &data.Entry{CaseID: c.ID, At: c.DiscoveredAt.Add(time.Duration(i) * time.Minute),
			Kind: data.EntryKinds[rng.IntN(len(data.EntryKinds))], Author: "山田 太郎"}
		e.Text = phrases[rng.IntN(len(phrases))]
		if i%50 == 0 {
			e.Text = strings.Repeat(e.Text, 6)
		}
		if i%100 == 99 {
			e.Corrects, e.Text = last, "訂正: "+e.Text
		}
		require.NoError(b, store.AddEntry(e))
		last = e.ID
	}
	b.Logf("5,000 entries written in %v", time.Since(start).Round(time.Millisecond))
	return path, c.ID
}

// BenchmarkOpenTimeline5000: what the officer waits for when the 経過 tab of a
// long incident opens: the timeline read from the case file, the view built,
// laid out in a window and its visible rows drawn. "refresh" stops at the
// widgets (what the GL driver then paints on the GPU); "capture" adds the
// test driver's software rasterizer painting the whole window into an image.
func BenchmarkOpenTimeline5000(b *testing.B) {
	path, caseID := benchTimelineFile(b)
	test.NewTempApp(b)
	fyne.CurrentApp().Settings().SetTheme(NewTheme())
	store, err := sqlite.Open(path)
	require.NoError(b, err)
	b.Cleanup(func() { store.Close() })
	env := &Env{Store: store, Officer: func() Officer { return Officer{Name: "山田"} }}
	open := func(capture bool) {
		w := test.NewWindow(nil)
		env.Window = w
		v := newTimelineView(env, caseID)
		w.SetContent(v.Content())
		w.Resize(fyne.NewSize(1000, 700))
		if capture {
			_ = w.Canvas().Capture()
		} else {
			test.WidgetRenderer(v.list).Refresh()
		}
		require.Len(b, v.models, 5000)
		require.NotEmpty(b, shownRows(v))
		w.Close()
	}
	open(true) // the app has its fonts loaded by the time a case is opened

	for _, capture := range []bool{false, true} {
		name := "refresh"
		if capture {
			name = "capture"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				open(capture)
			}
		})
	}
}
