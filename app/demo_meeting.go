package app

import (
	"fmt"
	"slices"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// demoMeeting is a completed security meeting of a demo case. Times are
// minutes after the case's discovery, as in demoCases.
//
// Only the cases whose procedure calls a meeting have one: a long stop of a
// failure (第4条第6号), and a misconduct at level 2 on request (第5条第5号ウ)
// or at level 3 (第5条第5号エ). The power cut's stop was temporary, so the
// chief ordered it at once without a meeting, and the level-1 intrusion ended
// the emergency response (第5条第5号ア): a meeting there would teach the wrong
// procedure.
type demoMeeting struct {
	caseTitle string
	// prep schedules what comes before the meeting is convened, e.g. the
	// decision to hold it.
	prep                    func(r *demoRun)
	convened, date          int
	opened, closed          int
	place                   string
	chair, recorder, signer string
	attendees               []data.Attendee
	items                   []demoItem
	// tasksDone marks follow-ups done, in this order.
	tasksDone []demoTaskDone
}

// demoTaskDone marks the follow-up of the item with key (the その他 item for
// "") done at a minute.
type demoTaskDone struct {
	key string
	at  int
}

// demoItem is what the meeting made of one agenda item; key "" adds an その他
// item titled title.
type demoItem struct {
	key, title  string
	started, at int
	choices     []string
	target      string
	discussion  string
	decision    string
	owner       string
	due         int // minutes after discovery; 0 for none
	status      data.ItemStatus
	timeline    string
}

// The people of the demo meetings (fictional, like every demo name), as in
// the demo's contact network (demo_contacts.go).
const (
	demoRecorder = "訓練 花子"
	demoPlace    = "本庁舎3階 第1会議室"
)

func demoAttendees(extra ...data.Attendee) []data.Attendee {
	base := []data.Attendee{
		{Name: "訓練 次郎", Role: "セキュリティ統括責任者（副市長）", Present: true},
		{Name: "訓練 太郎", Role: "セキュリティ責任者（市民課長）", Present: true},
		{Name: "訓練 三郎", Role: "システム管理者（情報政策課長）", Present: true},
		{Name: "訓練 四郎", Role: "システム管理担当者（情報政策課 情報システム係）", Present: true},
		{Name: "訓練 花子", Role: "住基ネット担当者（市民課）・記録者", Present: true},
	}
	return append(base, extra...)
}

func demoMeetingList() []demoMeeting {
	return []demoMeeting{
		{
			caseTitle: "古川総合支所の庁内LAN回線断",
			prep: func(r *demoRun) {
				r.failureReport(42, "原因の特定に時間を要するため、セキュリティ責任者がセキュリティ統括責任者に報告", func(rep *data.FailureReport) {
					rep.ChiefReportedAt = r.t(42)
				})
				r.failureReport(45, "システムの停止が長時間に及ぶおそれがあるため、セキュリティ統括責任者がセキュリティ会議の開催を決定", func(rep *data.FailureReport) {
					rep.StopEstimate, rep.StopDecision, rep.DecidedAt, rep.DecidedBy = data.StopLong, data.DecisionMeeting, r.t(45), demoChief
				})
			},
			convened: 46, date: 50, opened: 52, closed: 134,
			place: demoPlace, chair: demoChief, recorder: demoRecorder, signer: "訓練 太郎",
			attendees: demoAttendees(
				data.Attendee{Name: "訓練 一郎", Role: "古川総合支所 市民サービス課（電話で参加）", Present: true},
				data.Attendee{Name: "訓練 八郎", Role: "総務課長", Present: false},
			),
			items: []demoItem{
				{key: "stop", started: 53, at: 60, choices: []string{"機器の一部切離し"},
					target:     "古川総合支所の住基端末3台（CSとの接続を遮断）",
					discussion: "システム管理者から、目視チェックで床下配線の断線を発見したこと、交換には保守委託事業者の到着を待つ必要があることを報告。支所の端末が不安定な接続のまま照会を繰り返すおそれがあるとの意見があった。",
					decision:   "復旧まで古川総合支所の住基端末3台をCSから切り離す。本庁舎の端末は通常どおり運用する。",
					owner:      demoAdmin, due: 65, status: data.ItemDecided,
					timeline: "セキュリティ会議でシステムの停止を決定（機器の一部切離し：古川総合支所の住基端末3台）"},
				{key: "notify", started: 61, at: 64,
					discussion: "宮城県市町村課及び指定情報処理機関への連絡の時期と内容を審議。",
					decision:   "宮城県市町村課及び指定情報処理機関に、障害の発生、支所端末の切離し及び復旧の見込みを電話で連絡し、後刻障害発生報告書を送付する。",
					owner:      "訓練 太郎", due: 75, status: data.ItemDecided,
					timeline: "セキュリティ会議で関係機関への連絡を決定"},
				{key: "support", started: 65, at: 68,
					discussion: "保守委託事業者（株式会社サンプル情報システム）には15時00分に協力を要請済み。技術員の到着は16時頃の見込み。",
					decision:   "保守委託事業者に床下配線の交換と交換後の疎通確認を依頼する。指定情報処理機関への技術的支援依頼は要しない。",
					owner:      demoAdmin, due: 120, status: data.ItemDecided},
				{key: "citizens", started: 69, at: 74, choices: []string{"来庁者への対応", "問い合わせへの対応"},
					discussion: "支所の来庁者には住民票の写し等の交付ができないため、案内の方法を審議。",
					decision:   "古川総合支所の窓口に案内を掲示し、住基ネットを使う証明は本庁舎市民課で交付する旨を説明する。問い合わせには市民課で統一した回答をする。",
					owner:      "訓練 一郎", due: 80, status: data.ItemDecided},
				{key: "alternative", started: 75, at: 79,
					discussion: "支所の住基ネット業務のうち、当日中に処理が必要なものを確認。",
					decision:   "転入・転出の届出は支所で受け付け、CSへの入力は復旧後に本庁舎で行う。広域交付の住民票の写しは本庁舎市民課で交付する。",
					status:     data.ItemDecided},
				// The integrity check was recorded at 128 by the case's own plan.
				{key: "resume", started: 129, at: 131,
					discussion: "保守委託事業者から配線交換と疎通確認の完了（16時20分）、セキュリティ責任者から本人確認情報の整合性の確認結果（16時28分、異常なし）の報告を受けた。",
					decision:   "古川総合支所の住基端末の切離しを解除し、運用を再開する。再開後、関係機関に連絡する。",
					owner:      "訓練 太郎", due: 140, status: data.ItemDecided,
					timeline: i18n.JA("case.resume.timeline.approval_meeting")},
				// Table A has no row for measures against recurrence: the
				// meeting decides one as その他, and the system administrator
				// takes it in the next day (第4条第10号, demo_aftercare.go).
				{title: "再発防止（床下配線の保護）", started: 132, at: 133,
					discussion: "断線は支所で机を移動した際に床下配線を損傷したことによるとみられる。",
					decision:   "机や機器を移動するときは床下配線を確認するよう支所職員に周知し、住基端末の配線経路を図面に記録する。",
					owner:      "古川総合支所 市民サービス課", due: 1440 * 21, status: data.ItemDecided},
			},
			tasksDone: []demoTaskDone{{"stop", 62}, {"notify", 70}, {"citizens", 78}, {"support", 120}, {"resume", 139}},
		},
		{
			caseTitle: "業務端末でのコンピュータウイルス検出",
			// At level 2 the security officer asks for the meeting (第5条第5号ウ).
			prep:     func(r *demoRun) { r.step(demoStep{"5-5-c", 183}, demoStep{"5-6", 246}) },
			convened: 185, date: 200, opened: 201, closed: 246,
			place: demoPlace, chair: demoChief, recorder: demoRecorder,
			attendees: demoAttendees(data.Attendee{Name: "訓練 七郎", Role: "市民課（発見者）", Present: true}),
			items: []demoItem{
				{key: "stop", started: 202, at: 206, choices: []string{"機器の一部切離し"},
					target:     "業務端末（市民課2番）",
					discussion: "発見直後に住基ネット担当者が応急措置として当該端末をネットワークから切り離したことを報告。駆除の完了まで切離しを続けるべきとの意見で一致した。",
					decision:   "応急措置としての当該端末の切離しを事後承認し、駆除と再スキャンが終わるまで切離しを継続する。",
					status:     data.ItemRatify,
					timeline:   "セキュリティ会議でシステムの停止を事後承認（機器の一部切離し：業務端末（市民課2番））"},
				{key: "notify", started: 207, at: 210,
					discussion: "宮城県を経由して指定情報処理機関に、送付元の訓練年金事務所についての緊急措置の実施を要請済み（12時52分）であることを報告。",
					decision:   "宮城県市町村課及び指定情報処理機関に、感染経路（訓練年金事務所から送付されたUSBメモリ）と他の端末への感染がないことを電話で報告し、不正行為発生報告書は要請した措置の報告を受けてから送付する。",
					owner:      "訓練 太郎", due: 260, status: data.ItemDecided},
				{key: "support", started: 211, at: 214,
					discussion: "検出されたウイルスの挙動について、外部への送信機能の有無を確認する必要がある。",
					decision:   "指定情報処理機関に検体の解析を依頼し、保守委託事業者に駆除後の端末の点検を依頼する。",
					owner:      demoAdmin, due: 1380, status: data.ItemDecided},
				{key: "damage", started: 215, at: 220,
					choices:    []string{"システムの具体的な被害状況", "本人確認情報への侵害の度合い又は範囲", "復旧に要する作業内容,期間等"},
					discussion: "システム管理者から、CSのログに当該端末からの不審な通信はなく、他の端末のスキャン結果も異常なしと報告。",
					decision:   "感染は当該端末に限られ、本人確認情報への侵害はないと判断する。復旧は端末の再構築（1日）で足りる。",
					status:     data.ItemDecided},
				{key: "structure", started: 221, at: 223,
					decision: "セキュリティ統括責任者の指揮の下、セキュリティ責任者が全体の調整を、システム管理者が技術的な対応を担当する。連絡窓口は市民課とする。",
					status:   data.ItemDecided},
				{key: "citizens", started: 224, at: 226,
					discussion: "窓口業務は他の端末で継続しており、来庁者への影響は生じていない。",
					decision:   "市民への特段の対応は行わない。問い合わせがあれば市民課長が回答する。",
					status:     data.ItemDecided},
				{key: "alternative", started: 227, at: 229,
					decision: "市民課の他の業務端末3台で窓口業務を継続する。",
					status:   data.ItemDecided},
				{key: "review", started: 230, at: 236,
					choices:    []string{"追加措置の検討", "恒久対策の立案等"},
					discussion: "外部から受け取ったUSBメモリを検査せずに接続したことが感染経路であったことから、媒体の管理を見直す必要がある。",
					decision:   "業務端末で使用できるUSBメモリを登録済みの媒体に限定し、外部から受け取った媒体はウイルス検査専用端末で検査してから内容を移す。全職員に周知し、年1回のセキュリティ研修で取り上げる。",
					owner:      demoAdmin, due: 10428, status: data.ItemDecided}, // 17時, a week on
				// The integrity check was recorded at 238 by the case's own plan.
				{key: "resume", started: 237, at: 242,
					discussion: "セキュリティ責任者から本人確認情報の整合性の確認結果（異常なし）の報告を受けた。",
					decision:   "当該端末を再構築し、ウイルス対策ソフトの全体スキャンで異常がないことを確認した上で、運用を再開する。",
					owner:      demoAdmin, due: 1440, status: data.ItemDecided,
					timeline: i18n.JA("case.resume.timeline.approval_meeting")},
				{title: "職員への注意喚起", started: 243, at: 245,
					decision: "本日中に全職員へ、外部から受け取ったUSBメモリを検査せずに業務端末に接続しないよう通知する。",
					owner:    "訓練 太郎", due: 300, status: data.ItemDecided},
			},
			tasksDone: []demoTaskDone{{"notify", 251}, {"", 290}, {"support", 1400}, {"resume", 1436}, {"review", 4200}},
		},
		{
			caseTitle: "CS端末への不審な操作",
			// At level 3 the security officer reports to the chief and asks for
			// the meeting at once (第5条第3号, 第5条第5号・イ・エ).
			prep: func(r *demoRun) {
				r.step(demoStep{"5-3", 35}, demoStep{"5-4", 36}, demoStep{"5-5", 37}, demoStep{"5-5-b", 38}, demoStep{"5-5-d", 39})
			},
			convened: 40, date: 60, opened: 62, closed: 118,
			place: demoPlace, chair: demoChief, recorder: demoRecorder, signer: "訓練 三郎",
			attendees: demoAttendees(data.Attendee{Name: "訓練 八郎", Role: "総務課長", Present: false}),
			items: []demoItem{
				{key: "stop", started: 63, at: 70, choices: []string{"ネットワークからの切離し"},
					target:     "CS端末（本庁舎3階 市民課 1番）及び同じ端末室の業務端末2台",
					discussion: "セキュリティ責任者から、業務時間外に約300件の本人確認情報の連続照会があったこと、操作者カードは停止済みであることを報告。他の操作者カードでの照会が続くおそれがあるため、端末室の端末をネットワークから切り離すべきとの意見で一致した。",
					decision:   "CS端末（市民課1番）及び同じ端末室の業務端末2台をネットワークから切り離す。アクセスログは切離し前に保全する。",
					owner:      demoAdmin, due: 80, status: data.ItemDecided,
					timeline: "セキュリティ会議でシステムの停止を決定（ネットワークからの切離し：CS端末（市民課1番）ほか2台）"},
				{key: "notify", started: 71, at: 74,
					decision: "宮城県市町村課及び指定情報処理機関に、不正行為の発生と端末の切離しを直ちに連絡する。",
					owner:    "訓練 太郎", due: 90, status: data.ItemDecided},
				{key: "support", started: 75, at: 79,
					discussion: "操作ログの解析には専門的な知見が必要との意見があった。",
					decision:   "指定情報処理機関にアクセスログの解析支援を依頼し、保守委託事業者に端末の保全（ディスクの複製）を依頼する。",
					owner:      demoAdmin, due: 240, status: data.ItemDecided},
				{key: "damage", started: 80, at: 86, choices: []string{"本人確認情報への侵害の度合い又は範囲"},
					discussion: "照会された本人確認情報の件数は約300件。外部への持ち出しの有無は未確認。",
					decision:   "照会された本人確認情報を特定し、印刷・媒体への書出しの有無をログで調査する。",
					owner:      demoSysStaff, due: 1440, status: data.ItemDecided},
				{key: "structure", started: 87, at: 89,
					decision: "セキュリティ統括責任者の指揮の下、セキュリティ責任者が関係機関との連絡を、システム管理者がログの調査を担当する。",
					status:   data.ItemDecided},
				{key: "citizens", started: 90, at: 95, choices: []string{"問い合わせへの対応"},
					decision: "事実関係の確認までは公表しない。問い合わせには市民課長が統一して回答する。",
					owner:    "訓練 太郎", status: data.ItemDecided},
				{key: "alternative", started: 96, at: 99,
					decision: "窓口業務は市民課の他のCS端末2台で継続する。",
					status:   data.ItemDecided},
				{key: "review", started: 100, at: 106,
					discussion: "原因の解明前であり、予防措置の立案は時期尚早との意見があった。",
					decision:   "原因の解明後、第2回会議で緊急措置を検証し、予防措置を立案する。",
					status:     data.ItemDeferred},
				{key: "resume", started: 107, at: 112,
					discussion: "本人確認情報の整合性の確認と操作者カードの再登録の要否の判断が済んでいない。",
					decision:   "運用再開は、整合性の確認後に第2回会議で決定する。",
					status:     data.ItemDeferred},
			},
			tasksDone: []demoTaskDone{{"stop", 80}, {"notify", 79}},
		},
	}
}

// demoMeetings schedules a completed meeting for the demo cases whose
// procedure calls one, written through the store as the minutes screen
// writes it, each record at its moment of the meeting.
func demoMeetings(runs map[string]*demoRun) error {
	for _, dm := range demoMeetingList() {
		r, ok := runs[dm.caseTitle]
		if !ok {
			return fmt.Errorf("demo meeting: no case %q", dm.caseTitle)
		}
		scheduleDemoMeeting(r, dm)
	}
	return nil
}

func scheduleDemoMeeting(r *demoRun, dm demoMeeting) {
	if dm.prep != nil {
		dm.prep(r)
	}
	m := &data.Meeting{Place: dm.place, Date: r.t(dm.date), Chair: dm.chair, Recorder: dm.recorder,
		MinutesSigner: dm.signer, Attendees: dm.attendees}
	r.at(dm.convened, func(id int64) error {
		m.CaseID = id
		return r.s.CreateMeeting(m, fmt.Sprintf("第1回セキュリティ会議を招集（%s、%s）", i18n.WesternDateTime(m.Date), m.Place))
	})
	r.at(dm.opened, func(int64) error {
		m.OpenedAt = r.t(dm.opened)
		return r.s.SaveMeeting(m, fmt.Sprintf("第%d回セキュリティ会議を開会（議長: %s）", m.Seq, m.Chair))
	})
	itemIDs := map[string]int64{}
	for _, di := range dm.items {
		r.at(di.at, func(int64) error {
			it := data.AgendaItem{MeetingID: m.ID, Title: di.title}
			if di.key != "" {
				var ok bool
				if it, ok = m.Item(di.key); !ok {
					return fmt.Errorf("no agenda item %q", di.key)
				}
			}
			it.StartedAt = r.t(di.started)
			it.Choices, it.Target, it.Discussion, it.Decision = di.choices, di.target, di.discussion, di.decision
			it.Owner, it.Status = di.owner, di.status
			if di.due > 0 {
				it.Due = r.t(di.due)
			}
			if err := r.s.SaveAgendaItem(&it, di.timeline); err != nil {
				return fmt.Errorf("agenda item %q: %w", di.key+di.title, err)
			}
			itemIDs[di.key] = it.ID
			return nil
		})
	}
	r.at(dm.closed, func(int64) error {
		m.ClosedAt = r.t(dm.closed)
		return r.s.SaveMeeting(m, fmt.Sprintf("第%d回セキュリティ会議を閉会", m.Seq))
	})
	for _, td := range dm.tasksDone {
		r.at(td.at, func(id int64) error {
			tasks, err := r.s.Tasks(id)
			if err != nil {
				return err
			}
			i := slices.IndexFunc(tasks, func(t data.Task) bool { return t.ItemID == itemIDs[td.key] })
			if i < 0 {
				return fmt.Errorf("no follow-up of agenda item %q", td.key)
			}
			return r.s.SetTaskDone(tasks[i].ID, true, "会議の決定事項を完了: "+tasks[i].Text)
		})
	}
}
