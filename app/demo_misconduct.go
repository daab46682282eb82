package app

import (
	"time"

	"github.com/osaki-city/kinkyu/data"
)

// The demo's records of what 第5条 asks about a misconduct beyond the report
// items (issue 13): how the city learned of it (発見, or a 通報 of 第5条第2号),
// the estimate 「可能性が高い」 apart from the 判定 of both officers (第5条
// 第5号; once on the 事象 column alone), the 支障 (第5条第3号), the 事情聴取
// and the 廃棄 (第5条第4号イ).

// demoAdmin is the demo's システム管理者, who judges the level with the officer.
const demoAdmin = "訓練 四郎（システム管理者）"

// demoJudge records the 判定 of both officers (第5条第5号).
func demoJudge(s data.Store, id int64, at time.Time, examples []string, text string) error {
	a := data.ThreatAssessment{CaseID: id, Examples: examples, Stage: data.StageFormal, At: at,
		By: demoOfficer, Officer: demoOfficer, Admin: demoAdmin}
	return s.AssessThreat(&a, text)
}

// demoTrespassResponse: the レベル1 立入り. Found in the city; judged level 1
// by both officers; no 支障.
func demoTrespassResponse(s data.Store, id int64, at func(int) time.Time) error {
	if err := s.SaveMisconductResponse(&data.MisconductResponse{CaseID: id, Impact: data.ImpactNone,
		ImpactText: "住基ネット機器のある区画への立入りはなく、データ保護等への支障はない"}, ""); err != nil {
		return err
	}
	return demoJudge(s, id, at(60), []string{"L1-P1"},
		"脅威度をレベル1と判定（事例: 住基ネットの業務に直接関係のない場所への無権限者の侵入）")
}

// demoVirusResponse: the virus on a business terminal. Estimated レベル2又は3
// at first, judged level 2 once the USB memory was found as the way in; the
// user heard and the memory disposed of.
func demoVirusResponse(s data.Store, id int64, at func(int) time.Time) error {
	est := data.ThreatAssessment{CaseID: id, Examples: []string{"L2-E2"}, Stage: data.StageProvisional, At: at(20), By: demoOfficer}
	if err := s.AssessThreat(&est, "脅威度はレベル2又は3に該当する可能性が高いと判断（事例: ウイルス対策ソフトによるコンピュータウイルス等の検出）"); err != nil {
		return err
	}
	if err := s.SaveMisconductResponse(&data.MisconductResponse{CaseID: id, Impact: data.ImpactPossible,
		ImpactText: "感染した業務端末から端末内の情報が外部へ送信されたおそれ。CSへの感染の有無は調査中", ChiefReportedAt: at(25),
		HearingWith: "業務端末（市民課2番）の利用者（市民課 職員）", HearingBy: demoOfficer + "（セキュリティ責任者）", HearingAt: at(60),
		HearingResult: "自宅で使用した私物のUSBメモリを業務端末に接続したと説明。当該USBメモリは本人から任意提出を受けた",
		Disposal:      data.Yes, DisposalText: "提出を受けたUSBメモリを情報政策課で初期化のうえ破砕して廃棄（本人の同意書あり）", DisposalAt: at(150),
	}, "データ保護等への支障をセキュリティ統括責任者に報告し、利用者から事情聴取"); err != nil {
		return err
	}
	return demoJudge(s, id, at(90), []string{"L2-E2"},
		"脅威度をレベル2と判定（事例: ウイルス対策ソフトによるコンピュータウイルス等の検出）")
}

// demoSuspiciousResponse: the suspicious operation, started from the
// agency's 通報. Estimated on the 事象 column alone while it was not known
// whether the access came from outside, then レベル3 likely (the stop of
// 第5条第4号イ), and judged level 3 by both officers; the operator heard.
func demoSuspiciousResponse(s data.Store, id int64, at func(int) time.Time) error {
	first := data.ThreatAssessment{CaseID: id, Basis: data.BasisEvent, Level: 2, Stage: data.StageProvisional, At: at(12), By: demoOfficer,
		EventText: "業務時間外の本人確認情報の連続照会（外部からの不正アクセスか、庁内の操作かは未確認）"}
	if err := s.AssessThreat(&first, "脅威度はレベル2又は3に該当する可能性が高いと判断（事象により判断: 外部からか庁内の操作かは未確認）"); err != nil {
		return err
	}
	likely := data.ThreatAssessment{CaseID: id, Examples: []string{"L3-E2"}, Stage: data.StageProvisional, At: at(30), By: demoOfficer}
	if err := s.AssessThreat(&likely, "脅威度はレベル3に該当する可能性が高いと判断（事例: 業務端末等の不審な操作の検出）"); err != nil {
		return err
	}
	if err := s.SaveMisconductResponse(&data.MisconductResponse{CaseID: id, Impact: data.ImpactYes,
		ImpactText: "本人確認情報約300件が業務目的外に照会された。外部への提供の有無は調査中", ChiefReportedAt: at(35),
		HearingWith: "操作者カードの貸与先の職員（市民課）", HearingBy: demoOfficer + "（セキュリティ責任者）", HearingAt: at(75),
		HearingResult: "前夜は18時に退庁し、操作者カードは施錠していない机の引出しに置いたままだったと説明。入退室記録と照合中",
	}, "データ保護等への支障をセキュリティ統括責任者に報告し、操作者カードの貸与先の職員から事情聴取"); err != nil {
		return err
	}
	return demoJudge(s, id, at(95), []string{"L3-E2"}, "脅威度をレベル3と判定（事例: 業務端末等の不審な操作の検出）")
}
