package app

import (
	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// The demo's misconduct cases (第5条) and what they record beyond the report
// items (issue 13): how the city learned of it (発見, or a 通報 of 第5条第2号),
// the estimate 「可能性が高い」 apart from the 判定 of both officers (第5条
// 第5号; once on the 事象 column alone), the 支障 (第5条第3号), the 事情聴取
// and the 廃棄 (第5条第4号イ), the request via the prefecture (第5条第4号ウ),
// the logs preserved (第5条第7号), the resumption and the related bodies told
// (第5条第8号), and the 事後対策 (第5条第9号, the meetings' decisions).

// The demo's officers besides the security officer (demoOfficer), as in its
// contact network (demo_contacts.go).
const (
	demoChief     = "訓練 次郎（セキュリティ統括責任者）"
	demoAdminName = "訓練 三郎"
	demoAdmin     = demoAdminName + "（システム管理者）"
	demoStaff     = "訓練 花子"
	demoSysStaff  = "訓練 四郎"
)

// judge schedules the 判定 of both officers (第5条第5号).
func (r *demoRun) judge(min int, examples []string, text string) {
	r.at(min, func(id int64) error {
		a := data.ThreatAssessment{CaseID: id, Examples: examples, Stage: data.StageFormal, At: r.t(min),
			By: demoOfficer, Officer: demoOfficer, Admin: demoAdminName}
		return r.s.AssessThreat(&a, text)
	})
}

// estimate schedules an estimate 「可能性が高い」 (第5条第2号ウ, 第4号イ).
func (r *demoRun) estimate(min int, a data.ThreatAssessment, text string) {
	r.at(min, func(id int64) error {
		a.CaseID, a.Stage, a.At, a.By = id, data.StageProvisional, r.t(min), demoOfficer
		return r.s.AssessThreat(&a, text)
	})
}

// response schedules saving the response record as it stands at min, after
// change brings it up to date.
func (r *demoRun) response(min int, text string, change func(*data.MisconductResponse)) {
	r.at(min, func(id int64) error {
		resp, err := r.s.MisconductResponse(id)
		if err != nil {
			return err
		}
		resp.CaseID = id
		change(&resp)
		return r.s.SaveMisconductResponse(&resp, text)
	})
}

// misconductReport schedules saving the report items as they stand at min,
// after change brings them up to date.
func (r *demoRun) misconductReport(min int, text string, change func(*data.MisconductReport)) {
	r.at(min, func(id int64) error {
		rep, err := r.s.MisconductReport(id)
		if err != nil {
			return err
		}
		rep.CaseID = id
		change(&rep)
		return r.s.SaveMisconductReport(&rep, text)
	})
}

// demoTrespass: the レベル1 立入り. Found in the city and reported at once
// (第1報); judged level 1 by both officers with no 支障, so the emergency
// response ended (第5条第5号ア) and the 最終報 said so.
func demoTrespass(r *demoRun) {
	r.misconductReport(5, "", func(rep *data.MisconductReport) {
		*rep = data.MisconductReport{CaseID: rep.CaseID, DiscoveryNote: "始業前の巡回で発見", Device: "なし（機器への接触なし）", Location: "本庁舎3階 市民課 執務室（住基ネット機器のない区画）",
			Details: "業者を名乗る人物が執務室に立ち入っていた", ExpectedDamage: "調査中（住基ネット機器のある区画への立入りの有無を確認している）", Measures: data.Yes,
			MeasuresText: "人物に退室を求め、入館記録を確認した", Reporter: "訓練 春子", ReportedTo: "訓練 太郎（セキュリティ責任者）", ReportedAt: r.t(5), ReportNo: 1}
	})
	r.record(6, false)
	r.response(46, "", func(resp *data.MisconductResponse) {
		resp.Impact, resp.ImpactText = data.ImpactNone, "住基ネット機器のある区画への立入りはなく、データ保護等への支障はない"
	})
	r.judge(60, []string{"L1-P1"}, "脅威度をレベル1と判定（事例: 住基ネットの業務に直接関係のない場所への無権限者の侵入）")
	r.misconductReport(64, "", func(rep *data.MisconductReport) {
		rep.ExpectedDamage = "なし（清掃業者の新任者が区画を誤ったもの。住基ネット機器のある区画への立入りなし）"
		rep.ReportNo, rep.ReportedAt = 2, r.t(64)
	})
	r.record(65, true)
}

// demoVirus: the virus on a business terminal. Estimated レベル2又は3 at
// first; the prefecture and the agency called (第5条第2号ウ); the 支障 told to
// the chief; the user heard: the USB memory came from a pension office, a
// body that receives 本人確認情報 from the agency, so the city asked through
// the prefecture for the agency to hear that office and look into it
// (第5条第4号ウ), whose report came three days later. Judged level 2 by both
// officers; a meeting on the officer's request (demo_meeting.go); operation
// resumed the next day and both bodies told; the 最終報 after the agency's
// report and the 事後対策 done.
func demoVirus(r *demoRun) {
	r.misconductReport(3, "", func(rep *data.MisconductReport) {
		*rep = data.MisconductReport{CaseID: rep.CaseID, DiscoveryNote: "ウイルス対策ソフトの警告表示で発見", Device: "業務端末（市民課2番）", Location: "本庁舎1階 市民課 窓口",
			Details: "USBメモリ内のファイルからコンピュータウイルスを検出し隔離", ExpectedDamage: "端末内の情報の外部送信のおそれ（CSへの影響は調査中）",
			Measures: data.Yes, MeasuresText: "当該端末をネットワークから切り離した", Reporter: "訓練 七郎", ReportedTo: "訓練 太郎（セキュリティ責任者）", ReportedAt: r.t(3), ReportNo: 1}
	})
	r.record(4, false)
	r.logs(15, data.PreservedLog{Log: "業務端末（市民課2番）のウイルス対策ソフトの検出ログ及びイベントログ", Place: "外部媒体（CD-R）、情報政策課の施錠保管庫",
		By: demoSysStaff + "（システム管理担当者）", Note: "端末はネットワークから切り離したまま保管"})
	r.estimate(20, data.ThreatAssessment{Examples: []string{"L2-E2"}},
		"脅威度はレベル2又は3に該当する可能性が高いと判断（事例: ウイルス対策ソフトによるコンピュータウイルス等の検出）")
	r.response(25, "データ保護等への支障のおそれをセキュリティ統括責任者に報告", func(resp *data.MisconductResponse) {
		resp.Impact, resp.ChiefReportedAt = data.ImpactPossible, r.t(25)
		resp.ImpactText = "感染した業務端末から端末内の情報が外部へ送信されたおそれ。CSへの感染の有無は調査中"
	})
	r.demoCall(35, data.BodyPrefecture, "業務端末でのウイルス検出と端末の切離しを連絡。県内の他団体での同種の検出の有無を確認")
	r.demoCall(37, data.BodyAgency, "ウイルス検出を連絡し、被害状況の把握に協力を依頼。CSからの不審な通信は検知されていないとの回答")
	r.response(65, "業務端末の利用者から事情聴取", func(resp *data.MisconductResponse) {
		resp.HearingWith = "業務端末（市民課2番）の利用者（市民課 職員）"
		resp.HearingBy, resp.HearingAt = demoOfficer+"（セキュリティ責任者）", r.t(60)
		resp.HearingResult = "日本年金機構 訓練年金事務所から事務連絡の資料として送付されたUSBメモリを、外部媒体の検査をせずに11時05分頃に業務端末に接続したと説明。当該USBメモリの提出を受けた"
	})
	// The hearing tells when it happened (第5条第1号ア).
	r.at(66, func(id int64) error {
		c, err := r.s.Case(id)
		if err != nil {
			return err
		}
		c.OccurredAt, c.OccurredState = r.t(-7), data.TimeKnown
		c.OccurredNote = "利用者の説明による（USBメモリを接続した時刻）"
		return r.s.UpdateCase(&c)
	})
	r.judge(90, []string{"L2-E2"}, "脅威度をレベル2と判定（事例: ウイルス対策ソフトによるコンピュータウイルス等の検出）")
	r.demoCall(98, data.BodyPrefecture, "訓練年金事務所での不正行為（ウイルス感染）について、指定情報処理機関への緊急措置の実施の要請を依頼")
	r.response(100, "宮城県を経由して指定情報処理機関に緊急措置の実施と報告を要請", func(resp *data.MisconductResponse) {
		resp.Agency = "日本年金機構 訓練年金事務所（USBメモリの送付元）"
		resp.RequestText = "同事務所からの報告の聴取、同事務所の端末のウイルス感染の調査及び駆除、並びに講じた措置についての報告"
		resp.RequestedAt = r.t(100)
	})
	r.response(150, "保有情報の廃棄等の措置を実施", func(resp *data.MisconductResponse) {
		resp.Disposal, resp.DisposalAt = data.Yes, r.t(150)
		resp.DisposalText = "業務端末に複写された感染ファイルを削除し、USBメモリは情報政策課で初期化のうえ破砕して廃棄（送付元の訓練年金事務所の了承済み）"
	})
	// 183–250: the meeting (demo_meeting.go); 238 the integrity checked.
	r.integrity(238, "CSの本人確認情報に変更がないことを更新履歴で確認")
	r.demoCall(248, data.BodyPrefecture, "感染経路（訓練年金事務所から送付されたUSBメモリ）と他の端末への感染がないことを報告")
	r.demoCall(250, data.BodyAgency, "感染経路と他の端末への感染がないことを報告。検体の解析を依頼")
	// 第5条第8号イ: judged not needed before the resumption (as the
	// 運用再開 panel records it).
	r.at(1430, func(id int64) error {
		note := i18n.JA("case.resume.note_with", map[string]any{"Head": i18n.JA("case.resume.rereg.notneeded"),
			"Note": "感染は業務端末（市民課2番）に限られ、操作者カード・照合情報及びアクセス権限に影響なし"})
		return r.s.SetMilestone(data.Milestone{CaseID: id, Kind: data.MilestoneReregistration, Done: true, At: r.t(1430), By: demoOfficer, Note: note},
			i18n.JA("case.resume.timeline.rereg_notneeded"))
	})
	r.notify(1450, "5-8-c", data.BodyPrefecture, "業務端末（市民課2番）を再構築し、運用を再開したことを連絡")
	r.notify(1452, "5-8-c", data.BodyAgency, "業務端末（市民課2番）の運用再開を連絡")
	r.response(4278, "指定情報処理機関から宮城県を経由して、講じた措置の報告を受けた", func(resp *data.MisconductResponse) {
		resp.AgencyReport = "訓練年金事務所の資料作成用端末1台から同じウイルスを検出して駆除した。住基ネットに接続する端末への感染はなく、本人確認情報の外部送信は確認されなかった"
		resp.AgencyReportAt = r.t(4275)
	})
	r.misconductReport(4300, "", func(rep *data.MisconductReport) {
		rep.ExpectedDamage = "感染は当該端末に限られ、本人確認情報への侵害はない（第1回セキュリティ会議で判断）"
		rep.ReportNo, rep.ReportedAt = 2, r.t(4300)
	})
	r.record(4301, true)
}

// demoSuspicious: the suspicious operation, started from the agency's 通報.
// Estimated on the 事象 column alone while it was not known whether the
// access came from outside, then レベル3 likely (the stop of 第5条第4号イ);
// the 支障 told to the chief, judged level 3 by both officers, and the
// meeting asked for (demo_meeting.go); the holder of the operator card
// heard; the bodies told, as the meeting decided. Its written 第1報 to the
// chief is drafted after the meeting and left for the officer to record
// (第1報として記録).
func demoSuspicious(r *demoRun) {
	r.misconductReport(4, "", func(rep *data.MisconductReport) {
		*rep = data.MisconductReport{CaseID: rep.CaseID, DiscoveryNote: "指定情報処理機関からの通報を受け、CS端末の操作ログを点検して発見", Device: "CS端末（本庁舎3階 市民課 1番）", Location: "本庁舎3階 市民課 住基ネット端末室",
			Details: "業務時間外に本人確認情報の連続照会が行われた。操作者カードは通常の職員のもの", ExpectedDamage: "本人確認情報（約300件）の目的外利用・漏えいのおそれ",
			Measures: data.Yes, MeasuresText: "当該端末の操作者カードを停止し、アクセスログを保全した", Reporter: "訓練 四郎", ReportedTo: "訓練 太郎（セキュリティ責任者）", ReportedAt: r.t(4), ReportNo: 1}
	})
	r.estimate(12, data.ThreatAssessment{Basis: data.BasisEvent, Level: 2,
		EventText: "業務時間外の本人確認情報の連続照会（外部からの不正アクセスか、庁内の操作かは未確認）"},
		"脅威度はレベル2又は3に該当する可能性が高いと判断（事象により判断: 外部からか庁内の操作かは未確認）")
	r.demoCall(14, data.BodyAgency, "通報を受け、CS端末の操作ログを点検し、前夜22時台の連続照会（約300件）を確認したと回答。被害状況の確認を継続")
	r.demoCall(16, data.BodyPrefecture, "指定情報処理機関からの通報により、CS端末の不審な照会を調査中であることを連絡")
	r.logs(20, data.PreservedLog{Log: "CSのアクセスログ（前日17時〜当日9時）及び操作者カードの認証ログ", Place: "外部媒体（DVD-R 2枚）、電算室の金庫",
		By: demoSysStaff + "（システム管理担当者）", Note: "媒体ごとにSHA-256のハッシュ値を記録"})
	r.estimate(30, data.ThreatAssessment{Examples: []string{"L3-E2"}}, "脅威度はレベル3に該当する可能性が高いと判断（事例: 業務端末等の不審な操作の検出）")
	r.response(35, "データ保護等への支障をセキュリティ統括責任者に報告", func(resp *data.MisconductResponse) {
		resp.Impact, resp.ChiefReportedAt = data.ImpactYes, r.t(35)
		resp.ImpactText = "本人確認情報約300件が業務目的外に照会された。外部への提供の有無は調査中"
	})
	r.judge(37, []string{"L3-E2"}, "脅威度をレベル3と判定（事例: 業務端末等の不審な操作の検出）")
	// 38–40: the meeting asked for and called (demo_meeting.go).
	r.response(56, "操作者カードの貸与先の職員から事情聴取", func(resp *data.MisconductResponse) {
		resp.HearingWith = "操作者カードの貸与先の職員（市民課）"
		resp.HearingBy, resp.HearingAt = demoOfficer+"（セキュリティ責任者）", r.t(46)
		resp.HearingResult = "前夜は18時に退庁し、操作者カードは施錠していない机の引出しに置いたままだったと説明。入退室記録と照合中"
	})
	// 76, 78: the bodies told, as the meeting decided.
	r.demoCall(76, data.BodyPrefecture, "不正行為の発生（脅威度レベル3）と端末室の端末のネットワークからの切離しを連絡")
	r.demoCall(78, data.BodyAgency, "端末の切離しを連絡し、アクセスログの解析支援を依頼")
	// After the meeting the officer drafts the written 第1報 to the chief,
	// left for him to record.
	r.misconductReport(125, "", func(rep *data.MisconductReport) {
		rep.Reporter, rep.ReportedTo, rep.ReportedAt = "訓練 太郎（セキュリティ責任者）", demoChief, r.t(125)
	})
}
