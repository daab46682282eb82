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

// demoCase is a sample case: its header, the steps done, and its timeline as
// (minutes after discovery, text) pairs. All demo cases are drills (訓練).
type demoCase struct {
	title        string
	class        data.Class
	status       data.Status
	at           time.Time
	occurred     time.Duration // before discovery; 0 when unknown
	discoverer   string
	section      string
	notice       demoNotice // a 通報 of 第5条第2号, when the case started from one
	timeline     []demoEntry
	correction   string // corrects the first timeline entry, when set
	work         demoWork
	steps        []string
	resumedAfter int // minutes after discovery of the resumption step
}

// demoNotice is a 通報 from the prefecture or the agency (第5条第2号),
// received before minutes before the discovery.
type demoNotice struct {
	origin       data.Origin
	from, text   string
	beforeMinute int
}

type demoEntry struct {
	after int // minutes after discovery
	text  string
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
	return []demoCase{
		{
			title: "本庁舎サーバ室の停電によるCSの停止", class: data.ClassFailure, status: data.StatusClosed,
			at: day(227, 10, 5), occurred: 7 * time.Minute, discoverer: "訓練 花子", section: "市民課",
			work: func(s data.Store, id int64, at func(int) time.Time) error {
				r := data.FailureReport{CaseID: id, Type: data.FailureHardware, Event: "停電（分電盤のブレーカー遮断）", Place: "本庁舎2階 サーバ室 CS",
					Cause: "空調機の起動時の過電流により分電盤のブレーカーが遮断された", DataImpact: data.ImpactPossible,
					DataImpactText: "CSが無停電電源装置の放電後に停止。書込み中の更新処理の有無を確認する必要がある", ChiefReportedAt: at(20),
					StopEstimate: data.StopTemporary, StopDecision: data.DecisionStop, DecidedAt: at(25), DecidedBy: "訓練 次郎（セキュリティ統括責任者）",
					Reporter: "訓練 太郎", ReportedTo: "訓練 次郎（セキュリティ統括責任者）", ReportedAt: at(20), ReportNo: 1}
				if err := s.SaveFailureReport(&r, "障害の種類: ハードウェアの障害（停電）、障害個所: 本庁舎2階 サーバ室 CS"); err != nil {
					return err
				}
				if err := recordDemoReport(s, id, at(21), false); err != nil {
					return err
				}
				for i, res := range []string{data.CheckAbnormal, data.CheckAbnormal, data.CheckOK} {
					note := []string{"分電盤のブレーカーが遮断", "CSの電源ランプ消灯、UPSの警告ランプ点灯", "形状異常なし"}[i]
					id2 := data.CheckID(data.FailureHardware, i+1)
					if err := s.SetCheckResult(data.CheckResult{CaseID: id, CheckID: id2, Result: res, Note: note, At: at(10 + i*3), By: demoOfficer},
						data.CheckText(id2)+": "+note); err != nil {
						return err
					}
				}
				if err := demoPowerCutAftercare(s, id, at); err != nil { // demo_aftercare.go
					return err
				}
				return resumption(s, id, at, 25, 65, 68, data.AuthorityChief)
			},
			steps:        []string{"4-1", "4-2", "4-3", "4-4", "4-5", "4-6", "4-7", "4-8", "4-9", "4-10"},
			resumedAfter: 70,
			timeline: []demoEntry{
				{0, "市民課窓口の住基端末が一斉に応答しなくなったと住基ネット担当者が発見"},
				{4, "サーバ室の分電盤でブレーカーの遮断を確認。ハードウェアの障害（停電）と特定"},
				{6, "セキュリティ責任者（市民課長）へ報告。セキュリティ責任者からシステム管理者へ連絡"},
				{15, "電源スイッチ・コンセントの確認、警告ランプの確認を実施。CSのUPSが放電済み"},
				{25, "セキュリティ統括責任者へ報告。停止は一時的と判断され、システムの停止を命令"},
				{40, "電気設備業者がブレーカーを復旧。保守委託事業者がCSを再起動"},
				{70, "本人確認情報の整合性を確認し、セキュリティ統括責任者の承認を得て運用を再開"},
				{80, "宮城県市町村課及び指定情報処理機関へ運用再開を連絡"},
				{1440, "再発防止策としてUPSの容量見直しと定期点検実施時期の見直しを検討"},
			},
		},
		{
			title: "古川総合支所の庁内LAN回線断", class: data.ClassFailure, status: data.StatusRecovered,
			at: day(85, 14, 20), discoverer: "訓練 一郎", section: "古川総合支所 市民サービス課",
			work: func(s data.Store, id int64, at func(int) time.Time) error {
				r := data.FailureReport{CaseID: id, Type: data.FailureNetwork, Event: "構内回線の切断", Place: "古川総合支所 床下配線",
					CauseUnknown: true, ContractorRequest: "保守委託事業者（訓練システム株式会社）に原因究明の協力を要請", ContractorRequestedAt: at(40),
					DataImpact: data.ImpactNone, StopEstimate: data.StopTemporary, Reporter: "訓練 一郎", ReportedTo: "訓練 太郎", ReportedAt: at(10), ReportNo: 1}
				if err := s.SaveFailureReport(&r, "原因が特定できないため、保守委託事業者に協力を要請"); err != nil {
					return err
				}
				if err := recordDemoReport(s, id, at(11), false); err != nil {
					return err
				}
				// The checks were done between the two reports: the 第2報 carries them.
				results := []string{data.CheckOK, data.CheckOK, data.CheckAbnormal, data.CheckAbnormal}
				notes := []string{"", "", "支所のスイッチまで疎通なし", "床下配線の断線を発見"}
				for i, res := range results {
					id2 := data.CheckID(data.FailureNetwork, i+1)
					if err := s.SetCheckResult(data.CheckResult{CaseID: id, CheckID: id2, Result: res, Note: notes[i], At: at(20 + i*10), By: demoOfficer}, ""); err != nil {
						return err
					}
				}
				r.CauseUnknown, r.Cause, r.ReportNo, r.ReportedAt = false, "床下配線の断線（机の移動時の損傷）", 2, at(60)
				if err := s.SaveFailureReport(&r, "原因を特定: 床下配線の断線"); err != nil {
					return err
				}
				if err := recordDemoReport(s, id, at(61), false); err != nil {
					return err
				}
				if err := demoLanAftercare(s, id, at); err != nil { // demo_aftercare.go
					return err
				}
				return resumption(s, id, at, 0, 128, 132, data.AuthorityChief)
			},
			steps:        []string{"4-1", "4-2", "4-3", "4-5", "4-7", "4-8", "4-9"},
			resumedAfter: 135,
			timeline: []demoEntry{
				{0, "古川総合支所から住基端末が本庁のCSに接続できないと連絡"},
				{10, "ネットワークの障害と判断。セキュリティ責任者へ報告"},
				{30, "コマンドによる確認（ping）で支所のスイッチまで到達しないことを確認"},
				{55, "目視チェックで床下配線の断線を発見。構内回線の切断と特定"},
				{120, "保守委託事業者が配線を交換し、疎通を確認"},
				{135, "本人確認情報の整合性を確認し運用を再開。関係機関へ連絡"},
			},
		},
		{
			title: "無権限者の執務室への立入り", class: data.ClassMisconduct, status: data.StatusClosed,
			at: day(196, 8, 40), occurred: 25 * time.Minute, discoverer: "訓練 三郎", section: "市民課",
			work: func(s data.Store, id int64, at func(int) time.Time) error {
				r := data.MisconductReport{CaseID: id, DiscoveryNote: "始業前の巡回で発見", Device: "なし（機器への接触なし）", Location: "本庁舎3階 市民課 執務室（住基ネット機器のない区画）",
					Details: "業者を名乗る人物が執務室に立ち入っていた", ExpectedDamage: "なし（住基ネット機器のある区画への立入りなし）", Measures: data.Yes,
					MeasuresText: "人物に退室を求め、入館記録を確認した", Reporter: "訓練 三郎", ReportedTo: "訓練 太郎", ReportedAt: at(5), ReportNo: 1}
				if err := s.SaveMisconductReport(&r, ""); err != nil {
					return err
				}
				if err := recordDemoReport(s, id, at(6), true); err != nil { // レベル1: the emergency ends
					return err
				}
				return demoTrespassResponse(s, id, at) // demo_misconduct.go
			},
			steps: []string{"5-1", "5-2", "5-2-a", "5-2-b", "5-5", "5-5-a"},
			timeline: []demoEntry{
				{0, "始業前、市民課執務室（住基ネット業務に直接関係のない区画）に業者を名乗る人物が立ち入っていたのを発見"},
				{5, "セキュリティ責任者へ報告。入館記録を確認"},
				{45, "清掃業者の新任者が区画を誤ったものと判明。住基ネット機器のある区画への立入りはなし"},
				{60, "脅威度をレベル1と判定。庁内で必要な報告を行い、緊急時対応を解除"},
			},
		},
		{
			title: "業務端末でのコンピュータウイルス検出", class: data.ClassMisconduct, status: data.StatusRecovered,
			at: day(38, 11, 12), discoverer: "訓練 四郎", section: "市民課",
			work: func(s data.Store, id int64, at func(int) time.Time) error {
				r := data.MisconductReport{CaseID: id, DiscoveryNote: "ウイルス対策ソフトの警告表示で発見", Device: "業務端末（市民課2番）", Location: "本庁舎1階 市民課 窓口",
					Details: "USBメモリ内のファイルからコンピュータウイルスを検出し隔離", ExpectedDamage: "端末内の情報の外部送信のおそれ（CSへの影響は調査中）",
					Measures: data.Yes, MeasuresText: "当該端末をネットワークから切り離した", Reporter: "訓練 四郎", ReportedTo: "訓練 太郎", ReportedAt: at(3), ReportNo: 1}
				if err := s.SaveMisconductReport(&r, ""); err != nil {
					return err
				}
				if err := recordDemoReport(s, id, at(4), false); err != nil {
					return err
				}
				if err := demoLogs(s, id, at, data.PreservedLog{Log: "業務端末（市民課2番）のウイルス対策ソフトの検出ログ及びイベントログ", Place: "外部媒体（CD-R）、情報政策課の施錠保管庫",
					By: "訓練 四郎（システム管理者）", Note: "端末はネットワークから切り離したまま保管"}); err != nil { // demo_aftercare.go
					return err
				}
				return demoVirusResponse(s, id, at) // demo_misconduct.go
			},
			steps: []string{"5-1", "5-2", "5-2-a", "5-2-b", "5-2-c", "5-3", "5-5", "5-5-b", "5-7"},
			timeline: []demoEntry{
				{0, "ウイルス対策ソフトが業務端末（市民課2番）でコンピュータウイルスを検出し隔離"},
				{3, "当該端末をネットワークから切り離し、セキュリティ責任者へ報告"},
				{20, "不正行為に係る情報を集約。脅威度レベル2に該当する可能性が高いと判断"},
				{35, "宮城県及び指定情報処理機関へ連絡し、被害状況を確認"},
				{90, "USBメモリ経由の感染と判明。他の端末をスキャンし感染なしを確認"},
				{180, "原因の解明結果と対策をセキュリティ統括責任者に報告"},
			},
		},
		{
			title: "CS端末への不審な操作", class: data.ClassMisconduct, status: data.StatusOpen,
			at: recent, occurred: 50 * time.Minute, discoverer: "訓練 五郎", section: "情報政策課",
			notice: demoNotice{origin: data.OriginAgency, beforeMinute: 6,
				from: "地方公共団体情報システム機構 住基ネット全国センター 監視担当 訓練 六郎",
				text: "貴市のCSから、前夜22時台に本人確認情報の照会が通常より著しく多く行われている。操作の確認を求める"},
			correction: "CS端末の操作ログに、業務時間外（前夜22時台）の本人確認情報の連続照会（約300件）を発見",
			work: func(s data.Store, id int64, at func(int) time.Time) error {
				r := data.MisconductReport{CaseID: id, DiscoveryNote: "指定情報処理機関からの通報を受け、CS端末の操作ログを点検して発見", Device: "CS端末（本庁舎3階 市民課 1番）", Location: "本庁舎3階 市民課 住基ネット端末室",
					Details: "業務時間外に本人確認情報の連続照会が行われた。操作者カードは通常の職員のもの", ExpectedDamage: "本人確認情報（約300件）の目的外利用・漏えいのおそれ",
					Measures: data.Yes, MeasuresText: "当該端末の操作者カードを停止し、アクセスログを保全した", Reporter: "訓練 五郎", ReportedTo: "訓練 太郎（セキュリティ責任者）", ReportedAt: at(4), ReportNo: 1}
				// Its 第1報 is left for the officer to record (第1報として記録).
				if err := s.SaveMisconductReport(&r, ""); err != nil {
					return err
				}
				if err := demoLogs(s, id, at, data.PreservedLog{Log: "CSのアクセスログ（前日17時〜当日9時）及び操作者カードの認証ログ", Place: "外部媒体（DVD-R 2枚）、電算室の金庫",
					By: "訓練 四郎（システム管理者）", Note: "媒体ごとにSHA-256のハッシュ値を記録"}); err != nil { // demo_aftercare.go
					return err
				}
				return demoSuspiciousResponse(s, id, at) // demo_misconduct.go
			},
			steps: []string{"5-1", "5-2", "5-2-a", "5-2-b", "5-2-c"},
			timeline: []demoEntry{
				{0, "CS端末の操作ログに、業務時間外の本人確認情報の連続照会を発見（約30件）"},
				{4, "不正行為を発見した時期、機器及び設置場所、内容を整理し、セキュリティ責任者へ報告"},
				{9, "セキュリティ責任者からシステム管理者へ連絡"},
				{20, "住基ネット担当者に指示し、アクセスログの保全と調査を開始"},
				{38, "照会に使われた操作者カードの貸与記録を確認中"},
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

// WriteDemo creates a demo case file at path (which must not exist) with
// sample cases of both classes, all flagged as drills, written through the
// same store calls the screens use. The file is built under a hidden
// temporary name in the same folder and appears at path only when complete.
func WriteDemo(path string) error {
	return sqlite.BuildNew(path, writeDemo)
}

func writeDemo(s *sqlite.Store) error {
	// The officer keeping the record: the timeline's 記録者 and the audit
	// log's actor, as in a real file (never a placeholder like 「デモデータ」,
	// which the documents would print).
	s.SetActor(demoRecordKeeper)
	// The store stamps automatic timeline entries with data.Now: run the demo's
	// clock at each event's time so the sample timelines read as they happened.
	realNow := data.Now
	defer func() { data.Now = realNow }()
	cases := demoCases(time.Now().In(data.TimeZone(s))) // 8時40分 in the case file's zone, whatever the PC's
	// Numbers follow the order of discovery, as they would have been given.
	slices.SortFunc(cases, func(a, b demoCase) int { return a.at.Compare(b.at) })
	// The contact network is kept before any incident: the reports' 担当
	// block comes from it, also in the 第n報 the demo records.
	if err := demoContacts(s); err != nil {
		return fmt.Errorf("demo contacts: %w", err)
	}
	for _, dc := range cases {
		clock := dc.at
		data.Now = func() time.Time { return clock }
		at := func(min int) time.Time {
			clock = dc.at.Add(time.Duration(min) * time.Minute)
			return clock
		}
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
		}
		if err := s.CreateCase(c); err != nil {
			return fmt.Errorf("demo case %q: %w", dc.title, err)
		}
		var firstID int64
		for _, e := range dc.timeline {
			entry := &data.Entry{CaseID: c.ID, At: at(e.after), Text: e.text, Author: demoRecordKeeper}
			if err := s.AddEntry(entry); err != nil {
				return fmt.Errorf("demo case %q: %w", dc.title, err)
			}
			if firstID == 0 {
				firstID = entry.ID
			}
		}
		if dc.correction != "" {
			fix := &data.Entry{CaseID: c.ID, At: at(dc.timeline[0].after + 1), Text: dc.correction, Author: demoRecordKeeper, Corrects: firstID}
			if err := s.AddEntry(fix); err != nil {
				return fmt.Errorf("demo case %q: %w", dc.title, err)
			}
		}
		if dc.work != nil {
			if err := dc.work(s, c.ID, at); err != nil {
				return fmt.Errorf("demo case %q: %w", dc.title, err)
			}
		}
		for i, id := range dc.steps {
			step, ok := data.StepByID(id)
			if !ok {
				return fmt.Errorf("demo case %q: unknown step %s", dc.title, id)
			}
			done := data.StepProgress{CaseID: c.ID, StepID: id, Done: true, By: demoOfficer, At: at(5 + i*7)}
			if data.ResumeSteps[id] {
				done.At = at(dc.resumedAfter)
			}
			if err := s.SetStep(done, forms.StepTimelineText(step, true)); err != nil {
				return fmt.Errorf("demo case %q step %s: %w", dc.title, id, err)
			}
		}
	}
	if err := demoMeetings(s); err != nil {
		return fmt.Errorf("demo meetings: %w", err)
	}
	return nil
}

// demoWork records the report items, checks, threat level and milestones of a
// demo case; at(min) sets the demo clock to min minutes after discovery.
type demoWork func(s data.Store, caseID int64, at func(min int) time.Time) error

// resumption records what the guard rail of 運用再開 asks for, in order.
func resumption(s data.Store, caseID int64, at func(int) time.Time, stopAt, integrityAt, approvalAt int, authority string) error {
	if stopAt > 0 {
		if err := s.SetMilestone(data.Milestone{CaseID: caseID, Kind: data.MilestoneStop, Done: true, Authority: authority, At: at(stopAt), By: demoOfficer},
			i18n.JA("case.resume.timeline.stop_"+authority)); err != nil {
			return err
		}
	}
	if err := s.SetMilestone(data.Milestone{CaseID: caseID, Kind: data.MilestoneIntegrity, Done: true, At: at(integrityAt), By: demoOfficer, Note: "住民票の写しの照会結果で整合性を確認"},
		i18n.JA("case.resume.timeline.integrity")); err != nil {
		return err
	}
	return s.SetMilestone(data.Milestone{CaseID: caseID, Kind: data.MilestoneApproval, Done: true, Authority: authority, At: at(approvalAt), By: "訓練 次郎（セキュリティ統括責任者）"},
		i18n.JA("case.resume.timeline.approval_"+authority))
}

// recordDemoReport records the report as entered as its 第n報, frozen with a
// number from the register, at the demo's clock (at: a minute after it was
// made, as an officer would).
func recordDemoReport(s data.Store, caseID int64, _ time.Time, final bool) error {
	_, err := reports.RecordVersion(s, caseID, "", final)
	return err
}

// demoOfficer is the fictional officer of the demo file, who does the steps.
const demoOfficer = "訓練 太郎"

// demoRecordKeeper is the staff member who keeps the demo file's record: the
// 記録者 of its timeline, named as a record is signed (surname and role).
const demoRecordKeeper = "佐藤（住基ネット担当者）"
