package app

import (
	"fmt"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// The demo's failure cases (第4条), and the records that follow a first
// response (issue 13): the repair request (第4条第7号), the related bodies
// told that operation resumed (第4条第9号, 第5条第8号ウ, taken from the calls
// of the 連絡 tab), the measures against recurrence (第4条第10号) and the
// access logs preserved (第5条第7号).

// demoPoint is the demo network's entry of a body.
func demoPoint(s data.Store, b data.Body) (data.ContactPoint, error) {
	ps, err := s.ContactPoints()
	if err != nil {
		return data.ContactPoint{}, err
	}
	for _, p := range ps {
		if p.Body == b {
			return p, nil
		}
	}
	return data.ContactPoint{}, fmt.Errorf("demo: no contact point of %s", b)
}

// demoCall schedules a call that reached a body's contact person (the 連絡
// tab's call record), by the security officer.
func (r *demoRun) demoCall(min int, b data.Body, note string) {
	r.at(min, func(id int64) error {
		_, err := r.call(id, min, b, note)
		return err
	})
}

func (r *demoRun) call(id int64, min int, b data.Body, note string) (*data.Call, error) {
	p, err := demoPoint(r.s, b)
	if err != nil {
		return nil, err
	}
	who := p.Name
	if who == "" {
		who = b.Label(data.DefaultCity, data.DefaultPrefecture)
	}
	call := &data.Call{CaseID: id, PointID: p.ID, Person: p.Primary.Name, Number: p.Primary.TEL, At: r.t(min), Reached: true, Note: note, By: demoOfficer}
	text := i18n.JA("contactui.call.timeline_reached", map[string]any{"Who": who + "（" + p.Primary.Name + "）"}) +
		i18n.JA("contactui.call.timeline_note", map[string]any{"Note": note})
	return call, r.s.RecordCall(call, text)
}

// notify schedules the call telling a body that operation resumed, and its
// record as the notification of step (「連絡の記録から」, as the screen
// takes it over), a minute later.
func (r *demoRun) notify(min int, step string, b data.Body, note string) {
	var call *data.Call
	r.at(min, func(id int64) error {
		var err error
		call, err = r.call(id, min, b, note)
		return err
	})
	r.at(min+1, func(id int64) error {
		p, err := demoPoint(r.s, b)
		if err != nil {
			return err
		}
		n, _ := data.NotificationFromCall(step, *call, p)
		return r.s.SaveNotification(&n, "")
	})
}

// repair schedules the repair request of 第4条第7号 when it is made and its
// completion when the contractor reports it.
func (r *demoRun) repair(rq data.RepairRequest, at, done int, text, doneText string) {
	r.at(at, func(id int64) error {
		rq.CaseID, rq.RequestedAt = id, r.t(at)
		return r.s.SaveRepairRequest(&rq, text)
	})
	r.at(done, func(id int64) error {
		rq.CompletedAt = r.t(done)
		return r.s.SaveRepairRequest(&rq, doneText)
	})
}

// failureReport schedules saving the failure report items as they stand at
// min, after change brings them up to date.
func (r *demoRun) failureReport(min int, text string, change func(rep *data.FailureReport)) {
	r.at(min, func(id int64) error {
		rep, err := r.s.FailureReport(id)
		if err != nil {
			return err
		}
		change(&rep)
		return r.s.SaveFailureReport(&rep, text)
	})
}

// demoPowerCut: the 停電 case. Found at 10時05分, the checks done, the
// 第1報 to the chief at 10時25分, the stop ordered at once (a short one, so no
// meeting), the contractor asked to restart the CS, operation resumed with
// the chief's approval and both related bodies told; the measures chosen the
// next day and the 最終報 sent with them.
func demoPowerCut(r *demoRun) {
	for i, res := range []string{data.CheckAbnormal, data.CheckAbnormal, data.CheckOK} {
		note := []string{"分電盤のブレーカーが遮断", "CSの電源ランプ消灯、UPSの警告ランプ点灯", "形状異常なし"}[i]
		min := 10 + i*3
		r.at(min, func(id int64) error {
			check := data.CheckID(data.FailureHardware, i+1)
			return r.s.SetCheckResult(data.CheckResult{CaseID: id, CheckID: check, Result: res, Note: note, At: r.t(min), By: demoStaff},
				data.CheckText(check)+": "+note)
		})
	}
	r.failureReport(20, "障害の種類: ハードウェアの障害（停電）、障害個所: 本庁舎2階 サーバ室 CS。データの保護等に支障が生じるおそれがあるため、セキュリティ統括責任者へ報告",
		func(rep *data.FailureReport) {
			*rep = data.FailureReport{CaseID: rep.CaseID, Type: data.FailureHardware, Event: "停電（分電盤のブレーカー遮断）", Place: "本庁舎2階 サーバ室 CS",
				Cause: "空調機の起動時の過電流により分電盤のブレーカーが遮断された", DataImpact: data.ImpactPossible,
				DataImpactText: "CSが無停電電源装置の放電後に停止。書込み中の更新処理の有無を確認する必要がある", ChiefReportedAt: r.t(20),
				StopEstimate: data.StopTemporary, Reporter: "訓練 太郎（セキュリティ責任者）", ReportedTo: demoChief, ReportedAt: r.t(20), ReportNo: 1}
		})
	r.record(21, false)
	r.failureReport(25, "", func(rep *data.FailureReport) {
		rep.StopDecision, rep.DecidedAt, rep.DecidedBy = data.DecisionStop, r.t(25), demoChief
	})
	r.resumption(25, 65, 68, data.AuthorityChief)
	r.repair(data.RepairRequest{To: "保守委託事業者（株式会社サンプル情報システム 東北サポートセンター）",
		Content: "ブレーカー復旧後のCSの起動確認及び無停電電源装置の点検・交換", By: demoAdmin},
		30, 62, "保守委託事業者にCSの起動確認と無停電電源装置の点検を依頼", "保守委託事業者からCSの起動確認と無停電電源装置の点検の完了報告")
	r.notify(78, "4-9", data.BodyPrefecture, "11時15分に運用を再開したことを連絡")
	r.notify(80, "4-9", data.BodyAgency, "運用再開を連絡。CSの再起動後の同期は正常")
	due := func(days int) time.Time { return r.t(0).AddDate(0, 0, days) }
	r.at(1440, func(id int64) error {
		for _, m := range []data.PreventionMeasure{
			{Measure: "障害監視の強化", Text: "UPSの残量低下をメールで通知する設定", Owner: demoAdmin, Due: due(14)},
			{Measure: "定期点検実施時期の見直し", Text: "分電盤とUPSの点検を年1回から年2回に", Owner: "情報政策課 情報システム係", Due: due(30)},
			{Text: "サーバ室の空調機を分電盤の別系統に移設", Owner: "管財課", Due: due(90)},
		} {
			m.CaseID = id
			if err := r.s.SavePreventionMeasure(&m, ""); err != nil {
				return err
			}
		}
		return nil
	})
	// The 最終報: the response done, the measures chosen.
	r.failureReport(1450, "", func(rep *data.FailureReport) {
		rep.ReportNo, rep.ReportedAt = 2, r.t(1450)
	})
	r.record(1451, true)
}

// demoLanCut: the 回線断 case. The cause unknown at the 第1報, the
// contractor asked to help (第4条第5号); the stop was to last, so the chief
// called a meeting (demo_meeting.go), which had the branch's terminals cut
// off; the cause found, the 第2報; the wiring replaced on request (第4条
// 第7号), operation resumed by the meeting's decision and both related
// bodies told; a measure chosen the next day, and the 最終報.
func demoLanCut(r *demoRun) {
	results := []string{data.CheckOK, data.CheckOK, data.CheckAbnormal, data.CheckAbnormal}
	notes := []string{"", "", "支所のスイッチまで疎通なし", "床下配線の断線を発見"}
	for i, res := range results {
		min := []int{20, 25, 30, 50}[i]
		r.at(min, func(id int64) error {
			check := data.CheckID(data.FailureNetwork, i+1)
			return r.s.SetCheckResult(data.CheckResult{CaseID: id, CheckID: check, Result: res, Note: notes[i], At: r.t(min), By: demoSysStaff}, "")
		})
	}
	r.failureReport(10, "", func(rep *data.FailureReport) {
		*rep = data.FailureReport{CaseID: rep.CaseID, Type: data.FailureNetwork, Event: "構内回線の切断のおそれ（支所の端末からCSに接続できない）", Place: "古川総合支所 市民サービス課の住基端末とCSの間の回線",
			CauseUnknown: true, DataImpact: data.ImpactNone, StopEstimate: data.StopTemporary,
			Reporter: "訓練 一郎", ReportedTo: "訓練 太郎（セキュリティ責任者）", ReportedAt: r.t(10), ReportNo: 1}
	})
	r.record(11, false)
	r.failureReport(40, "原因が特定できないため、システム管理者が保守委託事業者に協力を要請", func(rep *data.FailureReport) {
		rep.ContractorRequest = "保守委託事業者（株式会社サンプル情報システム）に回線の調査と原因究明の協力を要請"
		rep.ContractorRequestedAt = r.t(40)
	})
	// 42, 45: the chief told, the meeting decided (demo_meeting.go); 66, 68:
	// the bodies told of the failure, as the meeting decided.
	r.demoCall(66, data.BodyPrefecture, "障害の発生、古川総合支所の住基端末の切離し及び復旧の見込み（本日中）を連絡")
	r.demoCall(68, data.BodyAgency, "障害の発生と古川総合支所の住基端末の切離しを連絡。技術的支援は要しない旨を伝えた")
	r.failureReport(60, "原因を特定: 床下配線の断線", func(rep *data.FailureReport) {
		rep.Event, rep.Place = "構内回線の切断", "古川総合支所 床下配線"
		rep.CauseUnknown, rep.Cause = false, "床下配線の断線（机の移動時の損傷）"
		rep.ReportNo, rep.ReportedAt = 2, r.t(60)
	})
	r.record(61, false)
	r.at(60, func(id int64) error {
		c, err := r.s.Case(id)
		if err != nil {
			return err
		}
		c.OccurredState, c.OccurredNote = data.TimeUnknown, "机の移動時に配線が損傷したとみられるが、その日時は不明"
		return r.s.UpdateCase(&c)
	})
	r.repair(data.RepairRequest{To: "保守委託事業者（株式会社サンプル情報システム）",
		Content: "古川総合支所の床下配線（断線箇所）の交換と疎通確認", By: demoAdmin},
		62, 120, "保守委託事業者に床下配線の交換を依頼", "保守委託事業者から床下配線の交換と疎通確認の完了報告")
	r.integrity(128, "支所で受け付けた届出のCSへの入力状況と本人確認情報の更新履歴を照合し、整合性を確認")
	// 130: the meeting decides the resumption (demo_meeting.go).
	r.notify(136, "4-9", data.BodyPrefecture, "古川総合支所の住基端末の運用を再開したことを連絡")
	r.notify(138, "4-9", data.BodyAgency, "古川総合支所の住基端末の運用再開を連絡")
	// The next day the system administrator takes the meeting's decision
	// into the measures, as 「会議の決定から」 does.
	r.at(1440, func(id int64) error {
		ms, err := r.s.Meetings(id)
		if err != nil {
			return err
		}
		have, err := r.s.PreventionMeasures(id)
		if err != nil {
			return err
		}
		from := data.PreventionSuggestions(id, ms, have)
		if len(from) != 1 {
			return fmt.Errorf("demo: the meeting of case %d decided %d measures, want 1", id, len(from))
		}
		m := from[0]
		m.Measure = "教育・研修等"
		return r.s.SavePreventionMeasure(&m, "")
	})
	// The 最終報: repaired, resumed by the meeting's decision, the bodies
	// told, the measure chosen.
	r.failureReport(1445, "", func(rep *data.FailureReport) {
		rep.ReportNo, rep.ReportedAt = 3, r.t(1445)
	})
	r.record(1446, true)
}

// logs schedules the access logs kept for a misconduct case (第5条第7号).
func (r *demoRun) logs(min int, l data.PreservedLog) {
	r.at(min, func(id int64) error {
		l.CaseID, l.At = id, r.t(min)
		return r.s.SavePreservedLog(&l, "ログを保全: "+l.Log)
	})
}
