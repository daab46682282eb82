package app

import (
	"fmt"
	"slices"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/forms"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// demoCase is a sample case: its header, its timeline as (minutes after
// discovery, text) pairs, the procedure steps done and when, and the plan of
// its other records. All demo cases are drills (訓練).
//
// Every record of the demo file is written at the moment it was made, in the
// order of time across all cases (demoSchedule): a 第n報 recorded at 10時25分
// holds exactly what was recorded by then, the timelines and the audit log
// run forward, and no record is stamped before what it follows.
type demoCase struct {
	title      string
	class      data.Class
	status     data.Status
	at         time.Time
	occurred   time.Duration // before discovery; 0 when unknown
	discoverer string
	section    string
	notice     demoNotice // a 通報 of 第5条第2号, when the case started from one
	timeline   []demoEntry
	correction string // corrects the first timeline entry, a minute later, when set
	steps      []demoStep
	// plan schedules the case's records: report items, checks, threat
	// levels, the response and the 第n報 recorded.
	plan func(r *demoRun)
}

// demoNotice is a 通報 from the prefecture or the agency (第5条第2号),
// received beforeMinute minutes before the discovery.
type demoNotice struct {
	origin       data.Origin
	from, text   string
	beforeMinute int
}

type demoEntry struct {
	after int // minutes after discovery
	text  string
}

// demoStep is a procedure step done at a minute after discovery.
type demoStep struct {
	id string
	at int
}

func demoCases(now time.Time) []demoCase {
	loc := now.Location()
	// Past cases lie a fixed number of days back, so the demo never has a case
	// discovered in the future whenever it is made.
	day := func(daysAgo, h, min int) time.Time {
		d := now.AddDate(0, 0, -daysAgo)
		return time.Date(d.Year(), d.Month(), d.Day(), h, min, 0, 0, loc)
	}
	recent := now.Add(-(2*time.Hour + 14*time.Minute)).Truncate(time.Minute)
	// The suspicious queries of the recent case were made the night before
	// it was found, at 22時10分.
	d := recent.AddDate(0, 0, -1)
	lastNight := time.Date(d.Year(), d.Month(), d.Day(), 22, 10, 0, 0, loc)
	return []demoCase{
		{
			title: "本庁舎サーバ室の停電によるCSの停止", class: data.ClassFailure, status: data.StatusClosed,
			at: day(227, 10, 5), occurred: 7 * time.Minute, discoverer: "訓練 花子", section: "市民課",
			plan: demoPowerCut, // demo_aftercare.go
			steps: []demoStep{{"4-2", 4}, {"4-1", 6}, {"4-3", 17}, {"4-5", 19}, {"4-4", 20}, {"4-6", 25}, {"4-7", 30},
				{"4-8", 70}, {"4-9", 82}, {"4-10", 1442}},
			timeline: []demoEntry{
				{0, "市民課窓口の住基端末が一斉に応答しなくなったと住基ネット担当者が発見"},
				{4, "サーバ室の分電盤でブレーカーの遮断を確認。ハードウェアの障害（停電）と特定"},
				{6, "セキュリティ責任者（市民課長）へ報告。セキュリティ責任者からシステム管理者へ連絡"},
				{17, "確認の結果、CSは無停電電源装置の放電後に停止したと判明"},
				{40, "電気設備業者がブレーカーを復旧。保守委託事業者がCSを再起動"},
				{70, "市民課窓口の住基端末で照会が正常に行えることを確認"},
				{1440, "再発防止策としてUPSの容量見直しと定期点検実施時期の見直しを検討"},
			},
		},
		{
			title: "古川総合支所の庁内LAN回線断", class: data.ClassFailure, status: data.StatusRecovered,
			at: day(85, 14, 20), discoverer: "訓練 一郎", section: "古川総合支所 市民サービス課",
			plan: demoLanCut, // demo_aftercare.go
			steps: []demoStep{{"4-1", 10}, {"4-2", 10}, {"4-6", 45}, {"4-3", 50}, {"4-5", 55}, {"4-7", 60},
				{"4-8", 134}, {"4-9", 140}, {"4-10", 1441}},
			timeline: []demoEntry{
				{0, "古川総合支所から住基端末が本庁のCSに接続できないと連絡"},
				{10, "ネットワークの障害と判断。セキュリティ責任者へ報告"},
				{30, "コマンドによる確認（ping）で支所のスイッチまで到達しないことを確認"},
				{50, "目視チェックで床下配線の断線を発見。構内回線の切断と特定"},
				{134, "古川総合支所の住基端末の切離しを解除し、運用を再開"},
			},
		},
		{
			title: "無権限者の執務室への立入り", class: data.ClassMisconduct, status: data.StatusClosed,
			at: day(196, 8, 40), occurred: 25 * time.Minute, discoverer: "訓練 春子", section: "市民課",
			plan:  demoTrespass, // demo_misconduct.go
			steps: []demoStep{{"5-1", 5}, {"5-2", 8}, {"5-2-a", 10}, {"5-2-b", 12}, {"5-5", 60}, {"5-5-a", 62}},
			timeline: []demoEntry{
				{0, "始業前、市民課執務室（住基ネット業務に直接関係のない区画）に業者を名乗る人物が立ち入っていたのを発見"},
				{5, "セキュリティ責任者へ報告。入館記録を確認"},
				{45, "清掃業者の新任者が区画を誤ったものと判明。住基ネット機器のある区画への立入りはなし"},
				{62, "庁内で必要な報告を行い、緊急時対応を解除"},
			},
		},
		{
			title: "業務端末でのコンピュータウイルス検出", class: data.ClassMisconduct, status: data.StatusRecovered,
			at: day(38, 11, 12), discoverer: "訓練 七郎", section: "市民課",
			plan: demoVirus, // demo_misconduct.go
			steps: []demoStep{{"5-1", 3}, {"5-2", 10}, {"5-2-a", 18}, {"5-2-b", 18}, {"5-3", 25}, {"5-4", 30}, {"5-2-c", 37},
				{"5-4-a", 40}, {"5-5", 90}, {"5-4-c", 100}, {"5-7", 180}, {"5-5-b", 180}, {"5-8-a", 1435},
				{"5-8-b", 1435}, {"5-8-c", 1453}, {"5-8", 1454}, {"5-9", 4200}},
			timeline: []demoEntry{
				{0, "ウイルス対策ソフトが業務端末（市民課2番）でコンピュータウイルスを検出し隔離"},
				{3, "当該端末をネットワークから切り離し、セキュリティ責任者へ報告"},
				{18, "不正行為に係る情報を集約し、住基ネット担当者に事象の調査・分析を指示"},
				{90, "USBメモリ経由の感染と判明。他の端末をスキャンし感染なしを確認"},
				{180, "原因の解明結果と対策をセキュリティ統括責任者に報告"},
				{1435, "再構築した業務端末（市民課2番）をネットワークに接続し、運用を再開"},
			},
		},
		{
			title: "CS端末への不審な操作", class: data.ClassMisconduct, status: data.StatusOpen,
			at: recent, occurred: recent.Sub(lastNight), discoverer: "訓練 四郎", section: "情報政策課 情報システム係",
			notice: demoNotice{origin: data.OriginAgency, beforeMinute: 6,
				from: "地方公共団体情報システム機構 住基ネット全国センター 監視担当 見本 九郎",
				text: "貴市のCSから、前夜22時台に本人確認情報の照会が通常より著しく多く行われている。操作の確認を求める"},
			correction: "CS端末の操作ログに、業務時間外（前夜22時台）の本人確認情報の連続照会（約300件）を発見",
			plan:       demoSuspicious, // demo_misconduct.go
			steps:      []demoStep{{"5-1", 9}, {"5-2", 10}, {"5-2-a", 11}, {"5-2-c", 14}, {"5-2-b", 20}},
			timeline: []demoEntry{
				{0, "CS端末の操作ログに、業務時間外の本人確認情報の連続照会を発見（約30件）"},
				{4, "不正行為を発見した時期、機器及び設置場所、内容を整理し、セキュリティ責任者へ報告"},
				{9, "セキュリティ責任者からシステム管理者へ連絡"},
				{20, "住基ネット担当者に指示し、アクセスログの保全と調査を開始"},
				{44, "照会に使われた操作者カードの貸与記録を確認"},
			},
		},
		{
			title: "CSの応答遅延（原因調査中）", class: data.ClassPending, status: data.StatusOpen,
			at: now.Add(-35 * time.Minute).Truncate(time.Minute),
			timeline: []demoEntry{
				{0, "住基端末の照会応答が通常より大幅に遅いと窓口から連絡"},
				{10, "障害か不正行為か判定中。CSの稼働状況を確認している"},
			},
		},
	}
}

// demoSchedule holds every record of the demo file with the moment it is
// made, and writes them in the order of time (in the order added, for the
// same moment) with the store's clock (data.Now) at that moment.
type demoSchedule struct {
	events []demoEvent
}

type demoEvent struct {
	at time.Time
	do func() error
}

func (sc *demoSchedule) add(at time.Time, do func() error) {
	sc.events = append(sc.events, demoEvent{at: at, do: do})
}

func (sc *demoSchedule) run() error {
	slices.SortStableFunc(sc.events, func(a, b demoEvent) int { return a.at.Compare(b.at) })
	for _, e := range sc.events {
		at := e.at
		data.Now = func() time.Time { return at }
		if err := e.do(); err != nil {
			return err
		}
	}
	return nil
}

// demoRun schedules the records of one demo case.
type demoRun struct {
	sc    *demoSchedule
	s     data.Store
	title string
	base  time.Time // discovery
	id    int64     // the case's, once created
}

// t is min minutes after discovery.
func (r *demoRun) t(min int) time.Time { return r.base.Add(time.Duration(min) * time.Minute) }

// at schedules f at min minutes after discovery; f gets the case's ID.
func (r *demoRun) at(min int, f func(id int64) error) {
	r.sc.add(r.t(min), func() error {
		if err := f(r.id); err != nil {
			return fmt.Errorf("demo case %q at +%d min: %w", r.title, min, err)
		}
		return nil
	})
}

// step schedules procedure steps as done by the demo officer.
func (r *demoRun) step(steps ...demoStep) {
	for _, st := range steps {
		r.at(st.at, func(id int64) error {
			step, ok := data.StepByID(st.id)
			if !ok {
				return fmt.Errorf("unknown step %s", st.id)
			}
			p := data.StepProgress{CaseID: id, StepID: st.id, Done: true, By: demoOfficer, At: r.t(st.at)}
			return r.s.SetStep(p, forms.StepTimelineText(step, true))
		})
	}
}

// WriteDemo creates a demo case file at path (which must not exist) with
// sample cases of both classes, all flagged as drills, written through the
// same store calls the screens use. The file is built under a hidden
// temporary name in the same folder and appears at path only when complete.
func WriteDemo(path string) error {
	return sqlite.BuildNew(path, writeDemo)
}

func writeDemo(st *sqlite.Store) error {
	// The officer keeping the record: the timeline's 記録者 and the audit
	// log's actor, as in a real file (never a placeholder like 「デモデータ」,
	// which the documents would print).
	st.SetActor(demoRecordKeeper)
	// The store stamps records with data.Now: the schedule runs the demo's
	// clock at each record's moment.
	realNow := data.Now
	defer func() { data.Now = realNow }()
	now := time.Now().In(data.TimeZone(st)) // 8時40分 in the case file's zone, whatever the PC's
	cases := demoCases(now)
	// Numbers follow the order of discovery, as they would have been given.
	slices.SortFunc(cases, func(a, b demoCase) int { return a.at.Compare(b.at) })
	sc := &demoSchedule{}
	// The contact network is kept before any incident: the reports' 担当
	// block comes from it, also in the 第n報 the demo records.
	demoContacts(sc, st, now)
	runs := map[string]*demoRun{}
	for _, dc := range cases {
		r := &demoRun{sc: sc, s: st, title: dc.title, base: dc.at}
		runs[dc.title] = r
		scheduleDemoCase(r, dc)
	}
	if err := demoMeetings(runs); err != nil { // demo_meeting.go
		return fmt.Errorf("demo meetings: %w", err)
	}
	return sc.run()
}

// scheduleDemoCase schedules the creation of a case at its discovery, its
// timeline, its steps and its plan.
func scheduleDemoCase(r *demoRun, dc demoCase) {
	r.sc.add(dc.at, func() error {
		c := &data.Case{Title: dc.title, Class: dc.class, Status: dc.status, DiscoveredAt: dc.at, Drill: true,
			Discoverer: dc.discoverer, DiscovererSection: dc.section}
		if dc.notice.origin != "" {
			c.Origin, c.NoticeFrom, c.NoticeText = dc.notice.origin, dc.notice.from, dc.notice.text
			c.NoticeAt = dc.at.Add(-time.Duration(dc.notice.beforeMinute) * time.Minute)
		} else if dc.class == data.ClassMisconduct {
			c.Origin = data.OriginDiscovery
		}
		if dc.occurred > 0 {
			c.OccurredAt, c.OccurredState = dc.at.Add(-dc.occurred), data.TimeKnown
		} else if dc.class == data.ClassMisconduct {
			c.OccurredState, c.OccurredNote = data.TimeUnconfirmed, "アクセスログを調査中"
		} else if dc.class == data.ClassFailure {
			c.OccurredState = data.TimeUnconfirmed
		}
		if err := r.s.CreateCase(c); err != nil {
			return fmt.Errorf("demo case %q: %w", dc.title, err)
		}
		r.id = c.ID
		return nil
	})
	var firstID int64
	for i, e := range dc.timeline {
		r.at(e.after, func(id int64) error {
			entry := &data.Entry{CaseID: id, At: r.t(e.after), Text: e.text, Author: demoRecordKeeper}
			if err := r.s.AddEntry(entry); err != nil {
				return err
			}
			if i == 0 {
				firstID = entry.ID
			}
			return nil
		})
	}
	if dc.correction != "" {
		min := dc.timeline[0].after + 1
		r.at(min, func(id int64) error {
			return r.s.AddEntry(&data.Entry{CaseID: id, At: r.t(min), Text: dc.correction, Author: demoRecordKeeper, Corrects: firstID})
		})
	}
	r.step(dc.steps...)
	if dc.plan != nil {
		dc.plan(r)
	}
}

// resumption schedules what the guard rail of 運用再開 asks for after a stop
// the chief ordered: the stop, the integrity check and the approval.
func (r *demoRun) resumption(stopAt, integrityAt, approvalAt int, authority string) {
	r.at(stopAt, func(id int64) error {
		return r.s.SetMilestone(data.Milestone{CaseID: id, Kind: data.MilestoneStop, Done: true, Authority: authority, At: r.t(stopAt), By: demoOfficer},
			i18n.JA("case.resume.timeline.stop_"+authority))
	})
	r.integrity(integrityAt, "住民票の写しの照会結果で整合性を確認")
	r.at(approvalAt, func(id int64) error {
		return r.s.SetMilestone(data.Milestone{CaseID: id, Kind: data.MilestoneApproval, Done: true, Authority: authority, At: r.t(approvalAt), By: demoChief},
			i18n.JA("case.resume.timeline.approval_"+authority))
	})
}

// integrity schedules the check of the integrity of 本人確認情報.
func (r *demoRun) integrity(min int, note string) {
	r.at(min, func(id int64) error {
		return r.s.SetMilestone(data.Milestone{CaseID: id, Kind: data.MilestoneIntegrity, Done: true, At: r.t(min), By: demoOfficer, Note: note},
			i18n.JA("case.resume.timeline.integrity"))
	})
}

// record schedules the report as entered as its 第n報, frozen with a number
// from the register, at min (a minute after it was made, as an officer
// would).
func (r *demoRun) record(min int, final bool) {
	r.at(min, func(id int64) error {
		_, err := reports.RecordVersion(r.s, id, "", final)
		return err
	})
}

// demoOfficer is the fictional officer of the demo file, who does the steps.
const demoOfficer = "訓練 太郎"

// demoRecordKeeper is the staff member who keeps the demo file's record: the
// 記録者 of its timeline, named as a record is signed (surname and role).
const demoRecordKeeper = "佐藤（住基ネット担当者）"
