package data

import (
	"slices"
	"strings"
)

// Step is one step of the procedure of 第4条 (failure) or 第5条 (misconduct).
// A numbered item of the regulation ("(5)") is a step; so is a sub-item (ア, イ…)
// that is an action of its own, listed right after its numbered step.
type Step struct {
	// ID is stored in case files: never change one. "4-1", or "5-5-a" for 第5条第5号ア.
	ID      string
	Class   Class
	Article string // 第5条第5号, 第5条第5号ア
	Number  string // "(5)", or "ア" for a sub-item
	// Actors are who perform the step according to its text. A sub-item that
	// names no one takes the subject of its numbered item; empty when the
	// regulation names no one.
	Actors    []Role
	Action    string // the regulation's words, verbatim
	Condition Condition
}

// Condition says when a step applies within a case of its class.
type Condition struct {
	Levels []ThreatLevel // the threat levels it applies to; empty: any level
	// Text is the regulation's wording of the condition, "" when the step always
	// applies. A condition on judgement (e.g. 支障が生じるおそれがあるとき) has
	// Text but no Levels: the officer decides.
	Text string
}

// Holds reports whether a step with this condition applies at the given threat
// level. Level 0 (not yet determined) satisfies no condition on levels.
func (c Condition) Holds(level ThreatLevel) bool {
	return len(c.Levels) == 0 || slices.Contains(c.Levels, level)
}

// Parent returns the ID of the numbered step a sub-item belongs to ("5-5" for
// "5-5-a"), or "" for a numbered step.
func (s Step) Parent() string {
	if strings.Count(s.ID, "-") != 2 {
		return ""
	}
	return s.ID[:strings.LastIndex(s.ID, "-")]
}

// StepStandDown is the step that ends the emergency response at level 1
// (第5条第5号ア): once it is done, the later steps do not apply.
const StepStandDown = "5-5-a"

// StepsFor returns the procedure for a class in the regulation's order; nil for
// ClassPending, whose procedure is not known yet.
func StepsFor(c Class) []Step {
	switch c {
	case ClassFailure:
		return slices.Clone(failureSteps)
	case ClassMisconduct:
		return slices.Clone(misconductSteps)
	}
	return nil
}

// StepByID finds a step of either procedure.
func StepByID(id string) (Step, bool) {
	for _, steps := range [][]Step{failureSteps, misconductSteps} {
		for _, s := range steps {
			if s.ID == id {
				return s, true
			}
		}
	}
	return Step{}, false
}

// failureSteps is 第4条 (1)–(10).
var failureSteps = []Step{
	{
		ID: "4-1", Class: ClassFailure, Article: "第4条第1号", Number: "(1)",
		Actors: []Role{RoleStaff, RoleSecurityOfficer},
		Action: "障害が発生した場合,住基ネット担当者は障害の種類及び障害個所を特定するとともにセキュリティ責任者へ報告を行い,セキュリティ責任者はシステム管理者へ連絡する。",
	},
	{
		// The failure type is identified by the staff member under (1).
		ID: "4-2", Class: ClassFailure, Article: "第4条第2号", Number: "(2)",
		Actors: []Role{RoleStaff},
		Action: "障害の種類は,次のとおりとする。",
	},
	{
		// "住基ネット及びシステム管理担当者" read as 住基ネット担当者 and システム管理担当者.
		ID: "4-3", Class: ClassFailure, Article: "第4条第3号", Number: "(3)",
		Actors: []Role{RoleStaff, RoleSysAdminStaff},
		Action: "住基ネット及びシステム管理担当者は,以下の手順で原因究明を行う。",
	},
	{
		ID: "4-4", Class: ClassFailure, Article: "第4条第4号", Number: "(4)",
		Actors:    []Role{RoleSecurityOfficer},
		Action:    "セキュリティ責任者は,データの保護等に支障が生じ,又は生じるおそれがあるときは,障害の状況,支障の程度等をセキュリティ統括責任者に報告する。",
		Condition: Condition{Text: "データの保護等に支障が生じ,又は生じるおそれがあるとき"},
	},
	{
		ID: "4-5", Class: ClassFailure, Article: "第4条第5号", Number: "(5)",
		Actors: []Role{RoleStaff, RoleSysAdminStaff, RoleSysAdmin},
		Action: "住基ネット及びシステム管理担当者は,障害の特定及び原因の究明結果をシステム管理者及びセキュリティ責任者に連絡する。原因が特定できない場合,システム管理者は,保守委託業者に協力を要請し原因の究明を行う。",
	},
	{
		ID: "4-6", Class: ClassFailure, Article: "第4条第6号", Number: "(6)",
		Actors: []Role{RoleChief, RoleMeeting},
		Action: "セキュリティ統括責任者は,障害の程度に応じ,システムの停止の時間を把握するものとする。この場合,当該時間が一時的なものであると判断したときは,直ちにシステムの停止を命じ,長時間に及ぶと判断したときはセキュリティ会議を開催し,以下の項目について審議する。",
	},
	{
		ID: "4-7", Class: ClassFailure, Article: "第4条第7号", Number: "(7)",
		Actors: []Role{RoleSysAdmin},
		Action: "システム管理者は,直ちに修理,復旧その他の措置を実施する。必要に応じて保守委託事業者に修復等を依頼する。",
	},
	{
		// The proviso (ただし…) is kept: when the meeting ordered the stop, only it
		// can decide to resume.
		ID: "4-8", Class: ClassFailure, Article: "第4条第8号", Number: "(8)",
		Actors:    []Role{RoleSecurityOfficer, RoleSysAdmin, RoleChief, RoleMeeting},
		Action:    "システムを一時停止した場合で障害が復旧したときは,セキュリティ責任者は,本人確認情報の整合性を確認し,システム管理者と協議の上セキュリティ統括責任者の承認を経て,運用を再開する。ただし,セキュリティ会議においてシステム停止の決定を受け,その後運用を再開するときは,当該会議において,システム管理者及びセキュリティ責任者は,障害復旧状況及び本人確認情報の整合性等の報告を行い,運用再開の決定を受けなければならない。",
		Condition: Condition{Text: "システムを一時停止した場合で障害が復旧したとき"},
	},
	{
		ID: "4-9", Class: ClassFailure, Article: "第4条第9号", Number: "(9)",
		Actors: []Role{RoleSecurityOfficer},
		Action: "セキュリティ責任者は,関係機関にシステム運用再開の連絡をする。",
	},
	{
		ID: "4-10", Class: ClassFailure, Article: "第4条第10号", Number: "(10)",
		Actors: []Role{RoleSysAdmin},
		Action: "システム管理者は,再発を防止するため同様の原因で障害が発生しないように,以下の技術面,運用面からの対策を検討する。",
	},
}

// Level conditions of 第5条, worded as the regulation words them.
var (
	atLevel1    = Condition{Levels: []ThreatLevel{1}, Text: "不正行為の脅威度がレベル1に該当する場合"}
	atLevel2    = Condition{Levels: []ThreatLevel{2}, Text: "不正行為の脅威度がレベル2に該当する場合"}
	atLevel3    = Condition{Levels: []ThreatLevel{3}, Text: "不正行為の脅威度がレベル3に該当する場合"}
	atLevel2or3 = Condition{Levels: []ThreatLevel{2, 3}, Text: "不正行為の脅威度がレベル2又は3に該当する場合"}
	// Before the level is determined (第5号) these hold on the officer's
	// provisional level, i.e. the examples picked so far.
	likelyLevel2or3 = Condition{Levels: []ThreatLevel{2, 3}, Text: "不正行為の脅威度がレベル2又は3に該当する可能性が高い場合"}
	likelyLevel3    = Condition{Levels: []ThreatLevel{3}, Text: "不正行為の脅威度がレベル3に該当する可能性が高い場合"}
)

// misconductSteps is 第5条 (1)–(9), with the sub-items of (2), (4), (5) and (8).
// The sub-items of (1) are the report's contents: see MisconductReportItems.
var misconductSteps = []Step{
	{
		ID: "5-1", Class: ClassMisconduct, Article: "第5条第1号", Number: "(1)",
		Actors: []Role{RoleStaff, RoleSecurityOfficer},
		Action: "住基ネット担当者は,住基ネットのセキュリティを侵犯する不正行為を発見した場合は,次の項目を正確かつ詳細に把握し直ちにセキュリティ責任者へ報告を行い,セキュリティ責任者は,システム管理者へ連絡する。",
	},
	{
		ID: "5-2", Class: ClassMisconduct, Article: "第5条第2号", Number: "(2)",
		Actors: []Role{RoleSecurityOfficer},
		Action: "セキュリティ責任者は,前号の報告又は宮城県若しくは指定情報処理機関からセキュリティを侵犯する不正行為に係る通報がなされた場合において,情報を把握するために次の対応をとるものとする。",
	},
	{
		ID: "5-2-a", Class: ClassMisconduct, Article: "第5条第2号ア", Number: "ア",
		Actors: []Role{RoleSecurityOfficer},
		Action: "不正行為に係る情報を集約する。",
	},
	{
		ID: "5-2-b", Class: ClassMisconduct, Article: "第5条第2号イ", Number: "イ",
		Actors: []Role{RoleSecurityOfficer, RoleStaff},
		Action: "住基ネット担当者に指示を行い,事象の調査・分析を実施する。",
	},
	{
		ID: "5-2-c", Class: ClassMisconduct, Article: "第5条第2号ウ", Number: "ウ",
		Actors:    []Role{RoleSecurityOfficer},
		Action:    "不正行為の脅威度がレベル2又は3に該当する可能性が高い場合,関係機関に連絡調整を行い,被害状況を把握する。",
		Condition: likelyLevel2or3,
	},
	{
		ID: "5-3", Class: ClassMisconduct, Article: "第5条第3号", Number: "(3)",
		Actors:    []Role{RoleSecurityOfficer},
		Action:    "セキュリティ責任者は,データ保護等に支障が生じ,又は生じるおそれがあるときは,不正行為の状況,支障の程度等をセキュリティ統括責任者に報告する。",
		Condition: Condition{Text: "データ保護等に支障が生じ,又は生じるおそれがあるとき"},
	},
	{
		ID: "5-4", Class: ClassMisconduct, Article: "第5条第4号", Number: "(4)",
		Actors: []Role{RoleChief, RoleSecurityOfficer},
		Action: "セキュリティ統括責任者は,直ちにシステム管理者及びセキュリティ責任者に対し,データ保護等について必要な指示を行い,当該指示を受けたセキュリティ責任者は,次のとおり緊急措置を実施する。",
	},
	{
		ID: "5-4-a", Class: ClassMisconduct, Article: "第5条第4号ア", Number: "ア",
		Actors: []Role{RoleSecurityOfficer},
		Action: "関係機関及びシステム管理者と連絡調整を図り,被害の拡大を防止するための措置等,必要な協力を要請する。",
	},
	{
		ID: "5-4-b", Class: ClassMisconduct, Article: "第5条第4号イ", Number: "イ",
		Actors:    []Role{RoleSecurityOfficer},
		Action:    "不正行為の脅威度がレベル3に該当する可能性が高い場合は,必要に応じてシステムの停止(システムの完全停止,機能の一部停止,機器の一部切離し,ネットワークからの切離しを含む。)を行う。また,関係者からの事情聴取を行い,必要に応じて保有情報の廃棄等の措置を講じる。",
		Condition: likelyLevel3,
	},
	{
		ID: "5-4-c", Class: ClassMisconduct, Article: "第5条第4号ウ", Number: "ウ",
		Actors:    []Role{RoleSecurityOfficer},
		Action:    "指定情報処理機関から本人確認情報の提供を受けた行政機関等において,不正行為の発生が認められるときは,宮城県を経由して指定情報処理機関に対し,当該機関等からの報告の聴取,当該機関への調査等必要な緊急措置の実施を要請するとともに,講じた措置について報告を要請する。",
		Condition: Condition{Text: "指定情報処理機関から本人確認情報の提供を受けた行政機関等において,不正行為の発生が認められるとき"},
	},
	{
		ID: "5-5", Class: ClassMisconduct, Article: "第5条第5号", Number: "(5)",
		Actors: []Role{RoleSecurityOfficer, RoleSysAdmin},
		Action: "セキュリティ責任者及びシステム管理者は,関係機関,保守委託事業者等と連絡調整を図り,当該事象の脅威度を判定する。",
	},
	{
		ID: "5-5-a", Class: ClassMisconduct, Article: "第5条第5号ア", Number: "ア",
		Actors:    []Role{RoleSecurityOfficer, RoleSysAdmin},
		Action:    "不正行為の脅威度がレベル1に該当する場合,庁内で必要な報告を行い,緊急時対応を解除する。",
		Condition: atLevel1,
	},
	{
		ID: "5-5-b", Class: ClassMisconduct, Article: "第5条第5号イ", Number: "イ",
		Actors:    []Role{RoleSecurityOfficer, RoleSysAdmin},
		Action:    "不正行為の脅威度がレベル2又は3に該当する場合,セキュリティ責任者及びシステム管理者は,直ちに原因の解明を行い,その対策の実施についてセキュリティ統括責任者に報告する。",
		Condition: atLevel2or3,
	},
	{
		ID: "5-5-c", Class: ClassMisconduct, Article: "第5条第5号ウ", Number: "ウ",
		Actors:    []Role{RoleSecurityOfficer},
		Action:    "不正行為の脅威度がレベル2に該当する場合,セキュリティ責任者は,本人確認情報への脅威が生じる可能性があると判断したときは,必要に応じセキュリティ統括責任者にセキュリティ会議の招集を求め,不正行為の状況,原因,対応策等を報告するものとする。",
		Condition: atLevel2,
	},
	{
		ID: "5-5-d", Class: ClassMisconduct, Article: "第5条第5号エ", Number: "エ",
		Actors:    []Role{RoleSecurityOfficer},
		Action:    "不正行為の脅威度がレベル3に該当する場合,セキュリティ責任者は,本人確認情報への脅威が生じる可能性が高いと判断したとき,又は必要があると認めたときは,速やかにセキュリティ統括責任者に報告を行うとともに,その対策について協議するためセキュリティ会議の開催を求める。",
		Condition: atLevel3,
	},
	{
		ID: "5-6", Class: ClassMisconduct, Article: "第5条第6号", Number: "(6)",
		Actors: []Role{RoleChief, RoleMeeting},
		Action: "セキュリティ統括責任者は,セキュリティ会議を招集し,以下の項目について決定する。",
	},
	{
		ID: "5-7", Class: ClassMisconduct, Article: "第5条第7号", Number: "(7)",
		Actors: []Role{RoleSecurityOfficer, RoleSysAdmin},
		Action: "セキュリティ責任者及びシステム管理者は,関係機関等と協力し,収集したアクセスログ等により原因を解明し,適切な復旧措置を実施する。",
	},
	{
		// (8) only introduces ア–ウ and names no one.
		ID: "5-8", Class: ClassMisconduct, Article: "第5条第8号", Number: "(8)",
		Action: "運用の再開は,次のとおり実施する。",
	},
	{
		ID: "5-8-a", Class: ClassMisconduct, Article: "第5条第8号ア", Number: "ア",
		Actors:    []Role{RoleSecurityOfficer, RoleChief, RoleMeeting},
		Action:    "第4号に規定する緊急措置としてシステムを停止した場合,セキュリティ責任者は,本人確認情報の整合性を確認し修復した後,セキュリティ統括責任者の承認を経て,運用を再開する。ただし,セキュリティ会議においてシステム停止等の決定を受け,その後運用を再開するときは,当該会議において,障害復旧状況及び本人確認情報の整合性等の報告を行い,運用再開の決定を受けなければならない。",
		Condition: Condition{Text: "第4号に規定する緊急措置としてシステムを停止した場合"},
	},
	{
		ID: "5-8-b", Class: ClassMisconduct, Article: "第5条第8号イ", Number: "イ",
		Action: "運用再開に当たっては,必要に応じてアクセス権限の設定変更,照合情報(指紋,手の静脈その他の生体情報に不可逆演算処理を施して得られる情報をいう。)及び照合IDの再登録を行った上で,業務の停止解除を実施する。",
	},
	{
		ID: "5-8-c", Class: ClassMisconduct, Article: "第5条第8号ウ", Number: "ウ",
		Action: "関係機関に運用再開の連絡をする。",
	},
	{
		ID: "5-9", Class: ClassMisconduct, Article: "第5条第9号", Number: "(9)",
		Action: "緊急時の状態が解消された後に,セキュリティ会議において決定された事後対策を実施する。",
	},
}
