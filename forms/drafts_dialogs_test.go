package forms

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
)

// restart is the window closed with whatever dialog is open (what the window
// does then: the drafts saved, FlushDrafts), the case file closed, and the app
// started again on it: a new window and a store of its own.
func (s *screen) restart(t *testing.T) {
	t.Helper()
	require.NoError(t, FlushDrafts(s.env))
	s.win.SetContent(nil) // the old window is gone with its dialog (closed at the end of the test)
	require.NoError(t, s.env.Store.Close())
	store, err := sqlite.Open(s.path)
	require.NoError(t, err)
	t.Cleanup(func() { store.Close() })
	store.SetActor("山田（セキュリティ責任者）")
	win := test.NewWindow(nil)
	win.Resize(fyne.NewSize(1280, 760))
	t.Cleanup(win.Close)
	s.win = win
	env := *s.env
	env.Window, env.Store = win, store
	s.env = &env
}

// allDrafts is every draft of the file, of the file itself and of every case.
func allDrafts(t *testing.T, store data.Store) map[string]string {
	t.Helper()
	return drafts(t, store, 0)
}

// reportDialogs is the document dialog each test opened last.
var reportDialogs = map[*testing.T]*createDocument{}

// TestEveryDialogKeepsWhatIsTypedUntilRecorded (issue #14 item 4): in each
// dialog with text fields, what is typed survives the window closing with the
// dialog open and the case file opened again, and is gone once the dialog
// records it.
func TestEveryDialogKeepsWhatIsTypedUntilRecorded(t *testing.T) {
	type dialogCase struct {
		name string
		// open opens the dialog on s for the case c (0 when none is needed).
		open func(t *testing.T, s *screen, c data.Case) []*widget.Entry
		// record records what the dialog holds, from the dialog opened by open.
		record func(t *testing.T, s *screen, c data.Case, fields []*widget.Entry)
		class  data.Class
	}
	tapRecord := func(label string) func(t *testing.T, s *screen, c data.Case, fields []*widget.Entry) {
		return func(t *testing.T, s *screen, c data.Case, fields []*widget.Entry) {
			test.Tap(button(t, s.topDialog(), label))
			assert.Nil(t, s.topDialog(), "recorded: the dialog closes")
		}
	}
	entriesOf := func(es ...*entry) []*widget.Entry {
		out := make([]*widget.Entry, len(es))
		for i, e := range es {
			out[i] = &e.Entry
		}
		return out
	}
	aftercare := func(edit func(v *aftercareView)) func(t *testing.T, s *screen, c data.Case) []*widget.Entry {
		return func(t *testing.T, s *screen, c data.Case) []*widget.Entry {
			v := openAftercare(t, s, c)
			edit(v)
			// The text fields of the dialog's form (the dates are in a box
			// of their own, with the 和暦 beside them).
			var out []*widget.Entry
			for _, form := range findAll(s.topDialog(), func(c *fyne.Container) bool {
				return fmt.Sprintf("%T", c.Layout) == "*layout.formLayout"
			}) {
				for i := 1; i < len(form.Objects); i += 2 {
					if e, ok := form.Objects[i].(*entry); ok {
						out = append(out, &e.Entry)
					}
				}
			}
			return out
		}
	}
	cases := []dialogCase{
		{name: "新規事案", class: "",
			open: func(t *testing.T, s *screen, _ data.Case) []*widget.Entry {
				n := newNewCase(s.env, nil)
				ShowDialog(s.win, n.dlg, nil)
				n.class.SetSelected(ClassLabel(data.ClassMisconduct))
				n.origin.SetSelected(n.origin.Options[1]) // 宮城県からの通報
				return entriesOf(n.title, n.noticeFrom, n.noticeText)
			},
			record: func(t *testing.T, s *screen, _ data.Case, _ []*widget.Entry) {
				test.Tap(button(t, s.topDialog(), "作成"))
				assert.Nil(t, s.topDialog(), "created: the dialog closes")
			}},
		{name: "会議のその他の項目", class: data.ClassFailure,
			open: func(t *testing.T, s *screen, c data.Case) []*widget.Entry {
				d := openMeetingTab(t, s, c)
				if len(d.meeting.meetings) == 0 {
					return []*widget.Entry{&newMeeting(t, d).addTitle.Entry}
				}
				d.meeting.openMeeting(d.meeting.meetings[0].ID) // the same meeting again
				return []*widget.Entry{&d.meeting.page.addTitle.Entry}
			},
			record: func(t *testing.T, s *screen, c data.Case, fields []*widget.Entry) {
				fields[0].OnSubmitted(fields[0].Text)
				assert.Empty(t, fields[0].Text, "added to the agenda")
			}},
		{name: "修復等の依頼", class: data.ClassFailure,
			open:   aftercare(func(v *aftercareView) { v.repair.onEdit() }),
			record: tapRecord("記録する")},
		{name: "関係機関への連絡", class: data.ClassFailure,
			open:   aftercare(func(v *aftercareView) { v.notify.onEdit(v.notify.blank()) }),
			record: tapRecord("記録する")},
		{name: "その他の対策", class: data.ClassFailure,
			open:   aftercare(func(v *aftercareView) { v.prevention.onEdit(data.PreventionMeasure{}) }),
			record: tapRecord("記録する")},
		{name: "ログの保全", class: data.ClassMisconduct,
			open: aftercare(func(v *aftercareView) {
				v.logs.onEdit(data.PreservedLog{})
			}),
			record: tapRecord("記録する")},
		{name: "区分の変更の理由", class: data.ClassFailure,
			open: func(t *testing.T, s *screen, c data.Case) []*widget.Entry {
				f := newIntakeForm(s.env, c.ID)
				s.win.SetContent(f.Content())
				require.NoError(t, f.Reload())
				f.showChange(data.ClassFailure, data.ClassMisconduct)
				return []*widget.Entry{&f.change.reason.Entry}
			},
			record: func(t *testing.T, s *screen, c data.Case, _ []*widget.Entry) {
				test.Tap(button(t, s.topDialog(), "変更を記録"))
				assert.Nil(t, s.topDialog(), "changed: the dialog closes")
			}},
		{name: "設定", class: "",
			open: func(t *testing.T, s *screen, _ data.Case) []*widget.Entry {
				letter := data.LetterSettings{Symbol: "大住"}
				cur := Settings{Officer: Officer{Name: "山田", Role: data.RoleSecurityOfficer}, City: "大崎市", Prefecture: "宮城県",
					Language: "ja", TimeZone: data.DefaultTimeZone, Letter: &letter}
				d := newSettingsDialog(s.win, cur, false, func(Settings) error { return nil })
				d.keepDrafts(s.env)
				ShowDialog(s.win, d.dlg, nil)
				return []*widget.Entry{&d.name.Entry, &d.letter.senderName.Entry, &d.letter.contact.Entry}
			},
			record: tapRecord("保存")},
		{name: "脅威度の変更の理由", class: data.ClassMisconduct,
			open: func(t *testing.T, s *screen, c data.Case) []*widget.Entry {
				f := newThreatForm(s.env, c.ID)
				s.win.SetContent(f.Content())
				require.NoError(t, f.Reload())
				f.admin.SetText("鈴木（システム管理者）") // the 判定 is made by both (第5条第5号)
				if !f.checks["L2-E2"].Checked {
					test.Tap(f.checks["L2-E2"])
					test.Tap(f.record) // レベル2 recorded
				}
				if !f.checks["L3-E2"].Checked {
					test.Tap(f.checks["L3-E2"])
				}
				test.Tap(f.record) // レベル3: the reason is asked
				require.NotNil(t, f.rev)
				return []*widget.Entry{&f.rev.reason.Entry}
			},
			record: tapRecord("変更を記録")},
		{name: "復旧の記録", class: data.ClassFailure,
			open: func(t *testing.T, s *screen, c data.Case) []*widget.Entry {
				r := newResumptionPanel(s.env, func(err error) { require.NoError(t, err) })
				r.set(c, map[data.MilestoneKind]data.Milestone{}, nil, "")
				s.win.SetContent(r.Content())
				r.onRecord(data.MilestoneIntegrity)
				require.NotNil(t, r.dlg)
				return []*widget.Entry{&r.dlg.by.Entry, &r.dlg.note.Entry}
			},
			record: tapRecord("記録する")},
		{name: "第n報の文書番号", class: data.ClassMisconduct,
			open: func(t *testing.T, s *screen, c data.Case) []*widget.Entry {
				p := newVersionsPanel(s.env, c.ID)
				p.ask(1, testNow, "宮城県知事", func(number string, final bool) (data.ReportVersion, error) {
					return data.ReportVersion{No: 1, Number: number}, nil
				})
				return []*widget.Entry{&p.asking.number.Entry}
			},
			record: func(t *testing.T, s *screen, c data.Case, _ []*widget.Entry) {
				test.Tap(button(t, s.topDialog(), "記録"))
				pressEscape(s.win) // the word that it was recorded
			}},
		{name: "報告書の宛先と文書番号", class: data.ClassMisconduct,
			open: func(t *testing.T, s *screen, c data.Case) []*widget.Entry {
				r := openReport(t, s, c.ID, filepath.Join(t.TempDir(), "none.p12"))
				t.Cleanup(func() { reportDialogs[t] = nil })
				reportDialogs[t] = r
				return []*widget.Entry{&r.addressee.Entry, &r.number.Entry}
			},
			record: func(t *testing.T, s *screen, c data.Case, _ []*widget.Entry) {
				reportDialogs[t].finish(filepath.Join(t.TempDir(), "報告書.pdf"), strings.Repeat("ab", 32), nil) // made and recorded
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newScreen(t)
			var c data.Case
			if tc.class != "" {
				c = s.addCase(t, "住基サーバ停止", tc.class, data.StatusOpen, false, testNow)
			}
			fields := tc.open(t, s, c)
			require.NotEmpty(t, fields)
			want := make([]string, len(fields))
			for i, f := range fields {
				typed := "保守業者に確認" + strconv.Itoa(i+1)
				want[i] = f.Text + typed
				lines := strings.Split(f.Text, "\n")
				f.CursorRow, f.CursorColumn = len(lines)-1, len([]rune(lines[len(lines)-1]))
				test.Type(f, typed)
				require.Equal(t, want[i], f.Text)
			}
			s.restart(t) // the window closed with the dialog open
			assert.Len(t, allDrafts(t, s.reopen(t)), len(fields), "each field kept in the file")

			fields = tc.open(t, s, c)
			require.Len(t, fields, len(want))
			for i, f := range fields {
				assert.Equal(t, want[i], f.Text, "back in its field when the dialog opens again")
			}
			tc.record(t, s, c, fields)
			require.NoError(t, FlushDrafts(s.env))
			assert.Empty(t, allDrafts(t, s.reopen(t)), "recorded: no draft left")
		})
	}
}
