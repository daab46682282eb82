package app

import (
	"fmt"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// The demo's records of what follows the first response (issue 13): the
// repair request (第4条第7号), the related bodies told that operation resumed
// (第4条第9号, taken from the calls of the 連絡 tab), the measures against
// recurrence (第4条第10号) and the access logs preserved (第5条第7号).

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

// demoNotify calls a body's contact person (the 連絡 tab's call record) and
// records the call as the notification of step.
func demoNotify(s data.Store, caseID int64, step string, b data.Body, at time.Time, note string) error {
	p, err := demoPoint(s, b)
	if err != nil {
		return err
	}
	who := p.Name
	if who == "" {
		who = b.Label(data.DefaultCity, data.DefaultPrefecture)
	}
	call := &data.Call{CaseID: caseID, PointID: p.ID, Person: p.Primary.Name, Number: p.Primary.TEL, At: at, Reached: true, Note: note, By: demoOfficer}
	text := i18n.JA("contactui.call.timeline_reached", map[string]any{"Who": who + "（" + p.Primary.Name + "）"}) +
		i18n.JA("contactui.call.timeline_note", map[string]any{"Note": note})
	if err := s.RecordCall(call, text); err != nil {
		return err
	}
	n, _ := data.NotificationFromCall(step, *call, p)
	return s.SaveNotification(&n, "")
}

// demoPowerCutAftercare: the 停電 case. The contractor restarted the CS; the
// prefecture and the agency were called after resumption; the system
// administrator chose two measures of the table and one of his own.
func demoPowerCutAftercare(s data.Store, id int64, at func(int) time.Time) error {
	if err := s.SaveRepairRequest(&data.RepairRequest{CaseID: id, To: "保守委託事業者（株式会社サンプル情報システム 東北サポートセンター）",
		RequestedAt: at(30), Content: "ブレーカー復旧後のCSの起動確認及び無停電電源装置の点検・交換", CompletedAt: at(62),
		By: "訓練 四郎（システム管理者）"}, "保守委託事業者にCSの起動確認と無停電電源装置の点検を依頼"); err != nil {
		return err
	}
	if err := demoNotify(s, id, "4-9", data.BodyPrefecture, at(78), "10時15分に運用を再開したことを連絡"); err != nil {
		return err
	}
	if err := demoNotify(s, id, "4-9", data.BodyAgency, at(80), "運用再開を連絡。CSの再起動後の同期は正常"); err != nil {
		return err
	}
	due := func(days int) time.Time { return at(0).AddDate(0, 0, days) }
	for _, m := range []data.PreventionMeasure{
		{Measure: "障害監視の強化", Text: "UPSの残量低下をメールで通知する設定", Owner: "訓練 四郎（システム管理者）", Due: due(14)},
		{Measure: "定期点検実施時期の見直し", Text: "分電盤とUPSの点検を年1回から年2回に", Owner: "情報政策課 情報システム係", Due: due(30)},
		{Text: "サーバ室の空調機を分電盤の別系統に移設", Owner: "管財課", Due: due(90)},
	} {
		m.CaseID = id
		if err := s.SavePreventionMeasure(&m, ""); err != nil {
			return err
		}
	}
	return nil
}

// demoLanAftercare: the 回線断 case, whose wiring the contractor replaced.
func demoLanAftercare(s data.Store, id int64, at func(int) time.Time) error {
	if err := s.SaveRepairRequest(&data.RepairRequest{CaseID: id, To: "保守委託事業者（株式会社サンプル情報システム）",
		RequestedAt: at(60), Content: "古川総合支所の床下配線（断線箇所）の交換と疎通確認", CompletedAt: at(120),
		By: "訓練 四郎（システム管理者）"}, "保守委託事業者に床下配線の交換を依頼"); err != nil {
		return err
	}
	return s.SavePreventionMeasure(&data.PreventionMeasure{CaseID: id, Measure: "教育・研修等",
		Text: "机の移動時は配線を確認するよう支所職員に周知", Owner: "古川総合支所 市民サービス課", Due: at(0).AddDate(0, 0, 21)}, "")
}

// demoLogs: the access logs kept for a misconduct case (第5条第7号).
func demoLogs(s data.Store, id int64, at func(int) time.Time, logs ...data.PreservedLog) error {
	for i, l := range logs {
		l.CaseID, l.At = id, at(20+10*i)
		if err := s.SavePreservedLog(&l, "ログを保全: "+l.Log); err != nil {
			return err
		}
	}
	return nil
}
