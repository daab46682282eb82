package forms

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// misconductL3 stores a misconduct case assessed at threat level 3, as the
// earlier tabs would have recorded it; integrity says whether the integrity
// of 本人確認情報 has been confirmed too (第5条第8号ア).
func misconductL3(t *testing.T, s *screen, integrity bool) data.Case {
	t.Helper()
	c := s.addCase(t, "CS端末からの本人確認情報の大量照会", data.ClassMisconduct, data.StatusOpen, false, testNow.Add(-3*time.Hour))
	require.NoError(t, s.env.Store.AssessThreat(&data.ThreatAssessment{CaseID: c.ID, Examples: []string{"L3-E2"},
		Level: 3, At: testNow.Add(-2 * time.Hour), By: "山田"}, "脅威度をレベル3と判定"))
	if integrity {
		recordIntegrity(t, s.env.Store, c.ID, testNow.Add(-time.Hour))
	}
	return c
}

func recordIntegrity(t *testing.T, store data.Store, caseID int64, at time.Time) {
	t.Helper()
	require.NoError(t, store.SetMilestone(data.Milestone{CaseID: caseID, Kind: data.MilestoneIntegrity, Done: true,
		At: at, By: "山田", Note: "既存住基システムとの突合で整合を確認"}, "本人確認情報の整合性を確認"))
}

// openMeetingTab shows the case in the case screen, on its 会議 tab.
func openMeetingTab(t *testing.T, s *screen, c data.Case) *CaseDetail {
	t.Helper()
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	t.Cleanup(func() { _ = d.Flush() })
	d.Show(c.ID)
	d.selectTab(tabMeeting)
	require.NotNil(t, d.meeting, "the 会議 tab is built")
	return d
}

// visibleWords is every word o shows where the officer can see it: what a
// hidden object holds is left out, and the words of badges are in.
func visibleWords(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *jpText:
			out = append(out, w.Text)
		case *canvas.Text:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.Check:
			out = append(out, w.Text)
		case *widget.RadioGroup:
			out = append(out, w.Options...)
		}
		switch w := o.(type) {
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// tapCheck taps a check box on its box, as the mouse would.
func tapCheck(c *widget.Check) {
	test.TapAt(c, fyne.NewPos(c.MinSize().Height/2, c.Size().Height/2))
}

// newMeeting taps 新しい会議 and returns the minutes it opens.
func newMeeting(t *testing.T, d *CaseDetail) *meetingPage {
	t.Helper()
	test.Tap(button(t, d.meeting.Content(), "新しい会議"))
	require.NotNil(t, d.meeting.page, "the new meeting opens")
	return d.meeting.page
}

func ctrlEnter(e *minutesEntry, shift bool) {
	mod := fyne.KeyModifierControl
	if shift {
		mod |= fyne.KeyModifierShift
	}
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: mod})
}

// itemTitles are the titles the agenda list shows.
func itemTitles(p *meetingPage) []string {
	var out []string
	for _, it := range p.work.Items {
		out = append(out, it.Title)
	}
	return out
}

// minutesOf is what the minutes of one item should hold.
type minutesOf struct {
	discussion, decision string
	choices              []string
	target, owner, due   string
	status               data.ItemStatus
}

func TestMeetingTableBFromOpeningToClosingActsOnTheCase(t *testing.T) {
	s := newScreen(t)
	c := misconductL3(t, s, true)
	d := openMeetingTab(t, s, c)
	assert.Equal(t, []string{"概要", "報告事項", "脅威度", "緊急措置", "手順", "会議", "ログ保全・再開連絡", "連絡", "経過"}, tabTitles(d))
	words := strings.Join(visibleWords(d.meeting.Content()), "\n")
	assert.Contains(t, words, "決定の項目（第5条第6号）")
	assert.Contains(t, words, "担当の決まった作業はまだありません。")

	p := newMeeting(t, d)
	var table []string
	for _, r := range data.TableB {
		table = append(table, r.Title)
	}
	assert.Equal(t, table, itemTitles(p), "the agenda is Table B, in the regulation's order")
	assert.Equal(t, "第1回セキュリティ会議", p.title.Text)
	assert.Equal(t, "開会前", p.state.text.Text)
	assert.Equal(t, "山田", p.recorder.Text, "the recorder is the officer")
	assert.Equal(t, "2026/11/27 14:05", p.date.Text)
	assert.True(t, p.closeBtn.Disabled(), "a meeting not opened cannot be closed")

	// The header, typed.
	test.Type(p.place, "本庁舎3階 第1会議室")
	test.Type(p.chair, "佐々木 副市長")
	test.Type(p.signer, "高橋 総務課長")
	for _, a := range []struct{ name, role string }{{"佐々木 副市長", "セキュリティ統括責任者"}, {"山田 太郎", "セキュリティ責任者"}, {"鈴木 花子", "システム管理者"}} {
		test.Tap(p.addAttendee)
		row := p.attRows[len(p.attRows)-1]
		assert.True(t, row.present.Checked, "a new attendee is present")
		test.Type(row.name, a.name)
		test.Type(row.role, a.role)
	}
	tapCheck(p.attRows[2].present) // 鈴木 sends apologies
	assert.Equal(t, "出席 2名・欠席 1名", p.attCount.Text)

	// 開会 stamps now, at once.
	data.Now = func() time.Time { return testNow.Add(5 * time.Minute) }
	test.Tap(p.openBtn)
	assert.Equal(t, "開会中", p.state.text.Text)
	assert.Equal(t, "開会 14:10", p.stamps.Text)
	assert.True(t, p.openBtn.Disabled())
	assert.False(t, p.closeBtn.Disabled())
	assert.Equal(t, fyne.Focusable(p.discussion), s.win.Canvas().Focused(), "the cursor waits in 審議の内容 of the first item")
	st, _ := p.indicator.State()
	assert.Equal(t, saveSaved, st)

	// Every item, in order, with Ctrl+Enter from one to the next.
	want := map[string]minutesOf{
		"stop": {discussion: "不正な照会を続けさせないため、端末の扱いを審議。", decision: "CS端末を庁内ネットワークから切り離す",
			choices: []string{"ネットワークからの切離し"}, target: "CS端末（市民課1番）", owner: "鈴木 花子", due: "2026/11/27 15:00", status: data.ItemDecided},
		"notify":      {discussion: "宮城県と指定情報処理機関への連絡方法", decision: "宮城県市町村課と指定情報処理機関へ電話の後、書面で報告", owner: "山田 太郎", status: data.ItemDecided},
		"support":     {discussion: "ログ解析の支援の要否", decision: "保守委託事業者にログ解析を依頼する", status: data.ItemRatify},
		"damage":      {discussion: "照会された件数と範囲", decision: "照会約300件、漏えいの有無は調査中", choices: []string{"本人確認情報への侵害の度合い又は範囲"}, status: data.ItemDecided},
		"structure":   {discussion: "役割分担を確認", decision: "指揮はセキュリティ統括責任者、記録は山田", status: data.ItemDecided},
		"citizens":    {discussion: "窓口での説明", decision: "来庁者には手書きの受付で対応", choices: []string{"来庁者への対応", "問い合わせへの対応"}, status: data.ItemDecided},
		"alternative": {discussion: "証明書の交付方法", decision: "住民票の写しは既存住基システムから交付", status: data.ItemDeferred},
		"review":      {discussion: "操作者カードの管理を見直す", decision: "操作者カードの保管を施錠保管庫に改める", status: data.ItemDecided},
		"resume":      {discussion: "整合性確認の結果を報告し、再開を審議", decision: "11月28日8時30分から運用を再開する", status: data.ItemDecided},
	}
	for i := range p.work.Items {
		require.Equal(t, i, p.sel, "Ctrl+Enter moved to item %d", i+1)
		key := p.work.Items[i].Key
		w := want[key]
		data.Now = func() time.Time { return testNow.Add(time.Duration(10+3*i) * time.Minute) }
		test.Type(p.discussion, w.discussion)
		for _, choice := range w.choices {
			for _, c := range p.checks {
				if c.Text == choice {
					tapCheck(c)
				}
			}
		}
		if w.target != "" {
			test.Type(p.target, w.target)
		}
		test.Type(p.decision, w.decision)
		if w.owner != "" {
			test.Type(p.owner, w.owner)
		}
		if w.due != "" {
			test.Type(p.due, w.due)
			assert.Equal(t, "令和8年11月27日", p.dueWareki.Text)
		}
		p.status.SetSelected(itemStatusLabel(w.status))
		assert.Contains(t, p.times.Text, "審議開始", key)
		assert.Contains(t, p.times.Text, itemStatusLabel(w.status), key)
		if key == data.ItemKeyStop {
			require.NoError(t, p.Flush())
			ms := d.proc.milestones[data.MilestoneStop]
			assert.True(t, ms.Done, "the procedure knows of the stop at once")
			assert.Equal(t, data.AuthorityMeeting, ms.Authority)
		}
		ctrlEnter(p.discussion, false)
		assert.Equal(t, fyne.Focusable(p.discussion), s.win.Canvas().Focused())
	}
	assert.Equal(t, len(p.work.Items)-1, p.sel, "Ctrl+Enter on the last item stays there")
	require.NoError(t, p.Flush())
	ap := d.proc.milestones[data.MilestoneApproval]
	assert.True(t, ap.Done, "the procedure knows of the meeting's resumption decision")
	assert.Equal(t, data.AuthorityMeeting, ap.Authority)

	// The list shows each item's status.
	p.list.ScrollToTop()
	rows := findAll[*agendaRow](p.list, nil)
	require.NotEmpty(t, rows)
	badges := map[string]string{}
	for _, r := range rows {
		badges[r.label.Text] = r.badge.text.Text
	}
	assert.Equal(t, "決定", badges["1. システムの停止"])
	assert.Equal(t, "事後承認", badges["3. 技術的支援依頼"])

	// 閉会: every item was dealt with, so no question.
	data.Now = func() time.Time { return testNow.Add(55 * time.Minute) }
	test.Tap(p.closeBtn)
	assert.Nil(t, s.topDialog())
	assert.Equal(t, "閉会", p.state.text.Text)
	assert.Equal(t, "開会 14:10 ・ 閉会 15:00", p.stamps.Text)
	assert.True(t, d.proc.progress["5-6"].Done, "the 手順 tab shows 第5条第6号 done at once")

	// The documents: the button opens the shared dialog; the minutes made
	// there (unsigned here) hold what was typed.
	test.Tap(button(t, p.content, "決定事項一覧"))
	dlg := s.topDialog()
	require.NotNil(t, dlg, "決定事項一覧 opens the document dialog")
	assert.Contains(t, strings.Join(visibleWords(dlg), "\n"), "第1回 セキュリティ会議 決定事項一覧")
	test.Tap(button(t, dlg, "キャンセル"))
	r := newCreateDocument(s.env, p.documentJob(data.DocMinutes), filepath.Join(t.TempDir(), "id.p12"))
	r.sign.SetChecked(false)
	pdf := filepath.Join(t.TempDir(), "議事録.pdf")
	runReport(t, r, pdf)
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").CombinedOutput()
	require.NoError(t, err, string(out))
	text := strings.Join(strings.Fields(string(out)), "")
	for _, w := range []string{"議事録", "ネットワークからの切離し", "CS端末を庁内ネットワークから切り離す", "佐々木副市長", "11月28日8時30分から運用を再開する"} {
		assert.Contains(t, text, strings.Join(strings.Fields(w), ""), "the minutes say %s", w)
	}

	// Back on the list: the meeting and the follow-ups.
	test.Tap(button(t, p.content, "会議一覧"))
	assert.Nil(t, d.meeting.page)
	words = strings.Join(visibleWords(d.meeting.Content()), "\n")
	assert.Contains(t, words, "第1回")
	assert.Contains(t, words, "閉会")
	assert.Contains(t, words, "CS端末を庁内ネットワークから切り離す")
	assert.Contains(t, words, "担当: 鈴木 花子 ・ 期限: 2026/11/27 15:00 ・ 第1回セキュリティ会議")
	done := findAll(d.meeting.Content(), func(c *widget.Check) bool { return c.Text == "完了" })
	require.Len(t, done, 2, "a done check per follow-up")
	tapCheck(done[0])
	tasks, err := s.env.Store.Tasks(c.ID)
	require.NoError(t, err)
	doneCount := 0
	for _, task := range tasks {
		if task.Done {
			doneCount++
		}
	}
	assert.Equal(t, 1, doneCount, "ticked off on disk")

	// The case: both decisions are on its procedure and timeline.
	store := s.env.Store
	ms, err := store.Milestones(c.ID)
	require.NoError(t, err)
	assert.True(t, ms[data.MilestoneStop].Done)
	assert.Equal(t, data.AuthorityMeeting, ms[data.MilestoneStop].Authority)
	assert.Contains(t, ms[data.MilestoneStop].Note, "ネットワークからの切離し")
	assert.Contains(t, ms[data.MilestoneStop].Note, "CS端末（市民課1番）")
	assert.True(t, ms[data.MilestoneApproval].Done)
	assert.Equal(t, data.AuthorityMeeting, ms[data.MilestoneApproval].Authority)
	assert.NoError(t, data.ResumptionBlocker(ms), "the resumption may now be recorded")
	steps, err := store.Steps(c.ID)
	require.NoError(t, err)
	assert.True(t, steps["5-6"].Done, "closing the meeting records 第5条第6号")

	var lines []string
	for _, e := range timeline(t, store, c.ID) {
		lines = append(lines, e.Text)
	}
	all := strings.Join(lines, "\n")
	for _, line := range []string{
		"第1回セキュリティ会議を開会",
		"第1回セキュリティ会議で「システムの停止」を決定（ネットワークからの切離し、対象: CS端末（市民課1番））",
		"第1回セキュリティ会議で「技術的支援依頼」を決定（事後承認とする）",
		"第1回セキュリティ会議で「代替措置の実施」を保留",
		"第1回セキュリティ会議で「運用再開の決定」を決定",
		"第1回セキュリティ会議を閉会",
	} {
		assert.Contains(t, all, line)
	}

	// Closed, and opened again from disk: every item as typed.
	require.NoError(t, d.Flush())
	require.NoError(t, store.Close())
	disk := s.reopen(t)
	saved, err := disk.Meetings(c.ID)
	require.NoError(t, err)
	require.Len(t, saved, 1)
	m := saved[0]
	assert.Equal(t, 1, m.Seq)
	assert.Equal(t, "本庁舎3階 第1会議室", m.Place)
	assert.Equal(t, "佐々木 副市長", m.Chair)
	assert.Equal(t, "山田", m.Recorder)
	assert.Equal(t, "高橋 総務課長", m.MinutesSigner)
	assert.Equal(t, []data.Attendee{{Name: "佐々木 副市長", Role: "セキュリティ統括責任者", Present: true},
		{Name: "山田 太郎", Role: "セキュリティ責任者", Present: true}, {Name: "鈴木 花子", Role: "システム管理者", Present: false}}, m.Attendees)
	assert.True(t, testNow.Add(5*time.Minute).Equal(m.OpenedAt))
	assert.True(t, testNow.Add(55*time.Minute).Equal(m.ClosedAt))
	require.Len(t, m.Items, len(data.TableB))
	for i, it := range m.Items {
		w := want[it.Key]
		assert.Equal(t, data.TableB[i].Title, it.Title)
		assert.Equal(t, w.discussion, it.Discussion, it.Key)
		assert.Equal(t, w.decision, it.Decision, it.Key)
		assert.Equal(t, w.target, it.Target, it.Key)
		assert.Equal(t, w.owner, it.Owner, it.Key)
		assert.Equal(t, w.status, it.Status, it.Key)
		if len(w.choices) == 0 {
			assert.Empty(t, it.Choices, it.Key)
		} else {
			assert.Equal(t, w.choices, it.Choices, it.Key)
		}
		if w.due != "" {
			assert.Equal(t, w.due, it.Due.In(tokyo).Format("2006/01/02 15:04"), it.Key)
		} else {
			assert.True(t, it.Due.IsZero(), it.Key)
		}
		assert.True(t, testNow.Add(time.Duration(10+3*i)*time.Minute).Equal(it.StartedAt), "%s started at %v", it.Key, it.StartedAt)
		assert.False(t, it.DecidedAt.IsZero(), it.Key)
	}
	tasks, err = disk.Tasks(c.ID)
	require.NoError(t, err)
	var owners []string
	for _, task := range tasks {
		owners = append(owners, task.Owner)
	}
	assert.ElementsMatch(t, []string{"鈴木 花子", "山田 太郎"}, owners, "an item with an owner is a follow-up")
}

func TestMeetingCtrlEnterMovesBetweenItems(t *testing.T) {
	s := newScreen(t)
	c := misconductL3(t, s, true)
	d := openMeetingTab(t, s, c)
	p := newMeeting(t, d)
	require.Equal(t, 0, p.sel)
	assert.Equal(t, fyne.Focusable(p.discussion), s.win.Canvas().Focused())
	test.Type(p.discussion, "停止の要否を審議")

	ctrlEnter(p.discussion, false)
	assert.Equal(t, 1, p.sel)
	assert.Equal(t, "関係機関への連絡", p.itemTitle.Text)
	assert.Empty(t, p.discussion.Text, "the next item's own notes")
	assert.Equal(t, fyne.Focusable(p.discussion), s.win.Canvas().Focused())
	test.Type(p.discussion, "県への連絡")

	// From another field of the item too.
	s.win.Canvas().Focus(p.owner)
	ctrlEnter(p.owner, false)
	assert.Equal(t, 2, p.sel)
	assert.Equal(t, fyne.Focusable(p.discussion), s.win.Canvas().Focused())

	// The window's Ctrl+Enter (the menu's) goes to the next item too, not to the timeline.
	d.AddTimelineEntry()
	assert.Equal(t, 3, p.sel)
	assert.Equal(t, tabMeeting, d.selected())

	ctrlEnter(p.discussion, true)
	ctrlEnter(p.discussion, true)
	assert.Equal(t, 1, p.sel)
	assert.Equal(t, "県への連絡", p.discussion.Text)
	ctrlEnter(p.discussion, true)
	ctrlEnter(p.discussion, true)
	assert.Equal(t, 0, p.sel, "Ctrl+Shift+Enter stops at the first item")
	assert.Equal(t, "停止の要否を審議", p.discussion.Text)

	require.NoError(t, p.Flush())
	m, err := s.env.Store.Meeting(p.work.ID)
	require.NoError(t, err)
	assert.Equal(t, "停止の要否を審議", m.Items[0].Discussion)
	assert.Equal(t, "県への連絡", m.Items[1].Discussion)
}

func TestMeetingRegulationItemsCannotBeRemoved(t *testing.T) {
	s := newScreen(t)
	c := misconductL3(t, s, true)
	d := openMeetingTab(t, s, c)
	p := newMeeting(t, d)

	for i := range p.work.Items {
		p.selectItem(i)
		assert.NotContains(t, visibleWords(p.content), "この項目を削除", "%s has no remove button", p.work.Items[i].Title)
	}
	assert.Error(t, s.env.Store.RemoveAgendaItem(p.work.Items[0].ID, ""), "the store refuses too")

	// An その他 item is typed, added at the end, and may be removed.
	test.Type(p.addTitle, "報道機関への対応")
	test.Tap(p.addButton)
	require.Len(t, p.work.Items, len(data.TableB)+1)
	last := len(p.work.Items) - 1
	assert.Equal(t, last, p.sel, "the new item is selected")
	assert.Equal(t, "報道機関への対応", p.itemTitle.Text)
	assert.Equal(t, "その他", p.itemArticle.Text)
	assert.Equal(t, fyne.Focusable(p.discussion), s.win.Canvas().Focused())
	assert.Empty(t, p.addTitle.Text)
	test.Type(p.discussion, "問い合わせ窓口を一本化")
	require.NoError(t, p.Flush())

	test.Tap(button(t, p.content, "この項目を削除"))
	dlg := s.topDialog()
	require.NotNil(t, dlg, "removing asks first")
	test.Tap(button(t, dlg, "この項目を削除"))
	assert.Len(t, p.work.Items, len(data.TableB))

	require.NoError(t, s.env.Store.Close())
	m, err := s.reopen(t).Meeting(p.work.ID)
	require.NoError(t, err)
	require.Len(t, m.Items, len(data.TableB), "every regulation item is still there")
	for i, it := range m.Items {
		assert.Equal(t, data.TableB[i].Title, it.Title)
	}
}

func TestMeetingResumptionBeforeIntegrityCheckIsRefusedAndKeepsText(t *testing.T) {
	s := newScreen(t)
	c := misconductL3(t, s, false)
	// The terminal was cut off (第5条第4号イ): from then on resumption needs
	// the integrity check first (第5条第8号ア), whoever decides it.
	require.NoError(t, s.env.Store.SetMilestone(data.Milestone{CaseID: c.ID, Kind: data.MilestoneStop, Done: true,
		Authority: data.AuthorityChief, By: "山田", At: testNow.Add(-time.Hour)}, "システムを停止"))
	d := openMeetingTab(t, s, c)
	p := newMeeting(t, d)
	test.Tap(p.openBtn)
	p.selectItem(len(p.work.Items) - 1)
	require.Equal(t, data.ItemKeyResume, p.work.Items[p.sel].Key)

	test.Type(p.discussion, "復旧状況を確認した")
	test.Type(p.decision, "明朝から運用を再開する")
	p.status.SetSelected("決定")
	require.NoError(t, p.Flush(), "the text is saved; only the decision is refused")

	msg := p.itemErrs[mtFieldStatus]
	assert.True(t, msg.Visible(), "the reason shows under the status")
	assert.Contains(t, msg.Text, "本人確認情報の整合性の確認を記録してください")
	assert.Empty(t, p.status.Selected, "the decision is not recorded")
	assert.Equal(t, "未審議", p.itemBadge.text.Text)
	assert.Equal(t, "復旧状況を確認した", p.discussion.Text)
	assert.Equal(t, "明朝から運用を再開する", p.decision.Text)
	st, _ := p.indicator.State()
	assert.Equal(t, saveSaved, st)
	m, err := s.env.Store.Meeting(p.work.ID)
	require.NoError(t, err)
	it := m.Items[len(m.Items)-1]
	assert.Equal(t, "復旧状況を確認した", it.Discussion, "the text is on disk though the decision was refused")
	assert.Equal(t, "明朝から運用を再開する", it.Decision)
	assert.Equal(t, data.ItemOpen, it.Status)

	// Typing on keeps the message, until the status is chosen again.
	test.Type(p.discussion, "。県にも報告済み")
	require.NoError(t, p.Flush())
	assert.True(t, msg.Visible())

	m, err = s.env.Store.Meeting(p.work.ID)
	require.NoError(t, err)
	it = m.Items[len(m.Items)-1]
	assert.Equal(t, "復旧状況を確認した。県にも報告済み", it.Discussion)
	assert.Equal(t, "明朝から運用を再開する", it.Decision)
	assert.Equal(t, data.ItemOpen, it.Status)
	ms, err := s.env.Store.Milestones(c.ID)
	require.NoError(t, err)
	assert.False(t, ms[data.MilestoneApproval].Done)

	// Once the integrity check is recorded, the decision is taken.
	recordIntegrity(t, s.env.Store, c.ID, testNow)
	data.Now = func() time.Time { return testNow.Add(time.Minute) }
	p.status.SetSelected("決定")
	assert.False(t, msg.Visible())
	require.NoError(t, p.Flush())
	assert.False(t, msg.Visible())
	assert.Equal(t, "決定", p.status.Selected)
	assert.Equal(t, "決定", p.itemBadge.text.Text)
	ms, err = s.env.Store.Milestones(c.ID)
	require.NoError(t, err)
	assert.True(t, ms[data.MilestoneApproval].Done)
	assert.True(t, d.proc.milestones[data.MilestoneApproval].Done, "the procedure tab follows")

	// 閉会 with items still open asks first.
	test.Tap(p.closeBtn)
	dlg := s.topDialog()
	require.NotNil(t, dlg)
	assert.Contains(t, strings.Join(visibleWords(dlg), "\n"), "まだ審議していない項目が8件あります")
	test.Tap(button(t, dlg, "キャンセル"))
	assert.Equal(t, "開会中", p.state.text.Text)
	test.Tap(p.closeBtn)
	test.Tap(button(t, s.topDialog(), "閉会する"))
	assert.Equal(t, "閉会", p.state.text.Text)
}

func TestMeetingSecondMeetingTakesOverTheHeader(t *testing.T) {
	s := newScreen(t)
	c := misconductL3(t, s, true)
	d := openMeetingTab(t, s, c)
	p := newMeeting(t, d)
	test.Type(p.place, "本庁舎3階 第1会議室")
	test.Type(p.chair, "佐々木 副市長")
	test.Tap(p.addAttendee)
	test.Type(p.attRows[0].name, "山田 太郎")
	test.Tap(button(t, p.content, "会議一覧"))

	p2 := newMeeting(t, d)
	assert.Equal(t, "第2回セキュリティ会議", p2.title.Text)
	assert.Equal(t, "佐々木 副市長", p2.chair.Text, "the chair of the previous meeting")
	assert.Equal(t, "本庁舎3階 第1会議室", p2.place.Text)
	require.Len(t, p2.attRows, 1)
	assert.Equal(t, "山田 太郎", p2.attRows[0].name.Text)
	test.Tap(button(t, p2.content, "会議一覧"))
	words := strings.Join(visibleWords(d.meeting.Content()), "\n")
	assert.Contains(t, words, "第1回")
	assert.Contains(t, words, "第2回")
	assert.Contains(t, words, "開会前")
}

func TestMeetingTabIsNotShownForAPendingCase(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "不審なメール", data.ClassPending, data.StatusOpen, false, testNow)
	d := NewCaseDetail(s.env, nil)
	s.win.SetContent(d.Content())
	d.Show(c.ID)
	assert.NotContains(t, tabTitles(d), "会議")
	d.selectTab(tabMeeting)
	assert.Nil(t, d.meeting)
}

func TestMeetingTableAForAFailureAndABadDueKeepsTheOneOnFile(t *testing.T) {
	s := newScreen(t)
	c := s.addCase(t, "庁内LANの回線断", data.ClassFailure, data.StatusOpen, false, testNow.Add(-time.Hour))
	d := openMeetingTab(t, s, c)
	assert.Contains(t, tabTitles(d), "会議")
	assert.Contains(t, strings.Join(visibleWords(d.meeting.Content()), "\n"), "審議する項目（第4条第6号）")
	p := newMeeting(t, d)
	var table []string
	for _, r := range data.TableA {
		table = append(table, r.Title)
	}
	assert.Equal(t, table, itemTitles(p), "a failure's agenda is Table A")
	assert.Equal(t, "第4条第6号", p.itemArticle.Text)

	// A due time that reads is saved; one that does not says so and the
	// file keeps the last good one.
	test.Type(p.owner, "保守委託事業者")
	test.Type(p.due, "2026/11/28 9:00")
	require.NoError(t, p.Flush())
	p.due.SetText("2026/13/40 9:00")
	assert.True(t, p.itemErrs[mtFieldDue].Visible())
	assert.Contains(t, p.itemErrs[mtFieldDue].Text, "期限は 2026/11/27 14:05 の形で入力してください")
	require.NoError(t, p.Flush())
	m, err := s.env.Store.Meeting(p.work.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026/11/28 09:00", m.Items[0].Due.In(tokyo).Format("2006/01/02 15:04"))
	assert.Equal(t, "保守委託事業者", m.Items[0].Owner)
	p.due.SetText("2026/11/28 10:30")
	assert.False(t, p.itemErrs[mtFieldDue].Visible())
	require.NoError(t, p.Flush())
	m, err = s.env.Store.Meeting(p.work.ID)
	require.NoError(t, err)
	assert.Equal(t, "2026/11/28 10:30", m.Items[0].Due.In(tokyo).Format("2006/01/02 15:04"))
}

func TestMeetingARefusedFieldSaysWhyAndTheOthersAreSaved(t *testing.T) {
	s := newScreen(t)
	c := misconductL3(t, s, true)
	d := openMeetingTab(t, s, c)
	p := newMeeting(t, d)
	test.Type(p.chair, "佐々木 副市長")
	require.NoError(t, p.Flush())

	// A chair's name longer than a name may be, typed with a place: the
	// place is saved, the chair keeps the name on file, and says why.
	p.chair.SetText(strings.Repeat("長", data.MaxNameRunes+1))
	test.Type(p.place, "第1会議室")
	require.NoError(t, p.Flush())
	msg := p.headerMsgs[mtFieldChair]
	assert.True(t, msg.Visible(), "the reason shows under 議長")
	assert.Contains(t, msg.Text, "議長")
	m, err := s.env.Store.Meeting(p.work.ID)
	require.NoError(t, err)
	assert.Equal(t, "佐々木 副市長", m.Chair)
	assert.Equal(t, "第1会議室", m.Place)

	// The same for an item: an owner too long keeps the file's, the
	// decision typed with it is saved.
	test.Type(p.owner, "鈴木 花子")
	require.NoError(t, p.Flush())
	p.owner.SetText(strings.Repeat("長", data.MaxNameRunes+1))
	test.Type(p.decision, "切り離す")
	require.NoError(t, p.Flush())
	assert.True(t, p.itemErrs[mtFieldOwner].Visible(), "the reason shows under 担当")
	assert.Contains(t, p.itemErrs[mtFieldOwner].Text, "担当者")
	m, err = s.env.Store.Meeting(p.work.ID)
	require.NoError(t, err)
	assert.Equal(t, "鈴木 花子", m.Items[0].Owner)
	assert.Equal(t, "切り離す", m.Items[0].Decision)
}
