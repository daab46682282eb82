package data

// FailureType is a kind of 障害 (第4条第2号). The values are stored in case files.
type FailureType string

const (
	FailureHardware FailureType = "hardware"
	FailureSoftware FailureType = "software"
	FailureNetwork  FailureType = "network"
)

// FailureTypeInfo joins the two tables of 第4条: what the failure looks like
// (第2号) and what to check to find its cause (第3号).
type FailureTypeInfo struct {
	Type          FailureType
	Label         string
	Events        string   // 事象, as one line: "故障,停電等"
	Checks        []string // 確認事項, one check each, for a checklist
	Article       string   // of Events
	ChecksArticle string
}

// FailureTypes lists the failure types in the regulation's order.
var FailureTypes = []FailureTypeInfo{
	{
		Type:          FailureHardware,
		Label:         "ハードウェアの障害",
		Events:        "故障,停電等",
		Checks:        []string{"電源スイッチ・コンセントの確認", "警告ランプの確認", "形状異常の確認等"},
		Article:       "第4条第2号",
		ChecksArticle: "第4条第3号",
	},
	{
		Type:          FailureSoftware,
		Label:         "ソフトウェアの障害",
		Events:        "バグ等",
		Checks:        []string{"バグ情報の確認"},
		Article:       "第4条第2号",
		ChecksArticle: "第4条第3号",
	},
	{
		Type:          FailureNetwork,
		Label:         "ネットワークの障害",
		Events:        "交換機故障,構内回線の切断等",
		Checks:        []string{"電源スイッチ・コンセントの確認", "警告ランプの確認", "コマンドによる確認", "目視チェック等"},
		Article:       "第4条第2号",
		ChecksArticle: "第4条第3号",
	},
}

// Info returns the row for t; the zero value for an unknown type.
func (t FailureType) Info() FailureTypeInfo {
	for _, fi := range FailureTypes {
		if fi.Type == t {
			return fi
		}
	}
	return FailureTypeInfo{}
}

// Label returns e.g. ハードウェアの障害, "" for an unknown type.
func (t FailureType) Label() string { return t.Info().Label }

// ThreatLevel is the 脅威度 of a misconduct (第5条). 0 means not yet determined.
type ThreatLevel int

// ThreatKind is how the intruder got in, as the 第5条 table groups its examples.
type ThreatKind string

const (
	KindPhysical   ThreatKind = "physical"   // 物理的侵入
	KindElectronic ThreatKind = "electronic" // 電子的侵入
)

// Label returns 物理的侵入 or 電子的侵入.
func (k ThreatKind) Label() string {
	switch k {
	case KindPhysical:
		return "物理的侵入"
	case KindElectronic:
		return "電子的侵入"
	}
	return ""
}

// ThreatExample is one 事例 of the 第5条 table. The officer picks examples and
// the level follows from them, so the ID is stored in case files.
type ThreatExample struct {
	ID    string // "L2-P1": level, P(hysical)/E(lectronic), position
	Level ThreatLevel
	Kind  ThreatKind
	Text  string // without the leading "・"
}

// ThreatLevelInfo is a row of the 第5条 table.
type ThreatLevelInfo struct {
	Level       ThreatLevel
	Label       string
	Description string // 事象
	Examples    []ThreatExample
	Article     string
}

// ThreatLevels lists levels 1 to 3. Level 1 has no electronic example.
var ThreatLevels = []ThreatLevelInfo{
	{
		Level:       1,
		Label:       "レベル1",
		Description: "本人確認情報に脅威を及ぼすおそれのない事象",
		Examples: []ThreatExample{
			{"L1-P1", 1, KindPhysical, "住基ネットの業務に直接関係のない場所への無権限者の侵入"},
		},
		Article: "第5条",
	},
	{
		Level:       2,
		Label:       "レベル2",
		Description: "本人確認情報に脅威を及ぼすおそれの低い事象",
		Examples: []ThreatExample{
			{"L2-P1", 2, KindPhysical, "住基ネットの業務に関係があるが,本人確認情報が記録されていない磁気ディスク,本人確認情報の保護とは関係がないソフトウェア,ドキュメント等(以下「重要度の低い情報資産」という。)のある場所への無権限者の侵入"},
			{"L2-P2", 2, KindPhysical, "重要度の低い情報資産の紛失及び盗難"},
			{"L2-E1", 2, KindElectronic, "ファイアウォールを通過しなかった不正アクセス"},
			{"L2-E2", 2, KindElectronic, "ウイルス対策ソフトによるコンピュータウイルス等の検出"},
		},
		Article: "第5条",
	},
	{
		Level:       3,
		Label:       "レベル3",
		Description: "本人確認情報に脅威を及ぼすおそれの高い事象",
		Examples: []ThreatExample{
			{"L3-P1", 3, KindPhysical, "本人確認情報が記録されている磁気ディスク,本人確認情報を保護する上で重要なソフトウェア,ドキュメント等(以下「重要度の高い情報資産」という。)のある場所への無権限者の侵入"},
			{"L3-P2", 3, KindPhysical, "重要度の高い情報資産の紛失及び盗難"},
			{"L3-P3", 3, KindPhysical, "住基ネット機器の直接的なき損及び破壊"},
			{"L3-E1", 3, KindElectronic, "ファイアウォールを通過した不正アクセス"},
			{"L3-E2", 3, KindElectronic, "業務端末等の不審な操作の検出"},
			{"L3-E3", 3, KindElectronic, "コンピュータウイルスによる住基ネットの異常動作及び破壊"},
		},
		Article: "第5条",
	},
}

// Valid reports whether l is a level of the table (1 to 3).
func (l ThreatLevel) Valid() bool { return l >= 1 && l <= 3 }

// Info returns the table row for l; the zero value when l is not 1 to 3.
func (l ThreatLevel) Info() ThreatLevelInfo {
	if !l.Valid() {
		return ThreatLevelInfo{}
	}
	return ThreatLevels[l-1]
}

// Label returns レベル1…レベル3, "" otherwise.
func (l ThreatLevel) Label() string { return l.Info().Label }

// ThreatExamples returns every example of the table, level by level.
func ThreatExamples() []ThreatExample {
	var all []ThreatExample
	for _, li := range ThreatLevels {
		all = append(all, li.Examples...)
	}
	return all
}

// LevelOf returns the highest level among the picked examples, 0 when none is
// picked. Unknown IDs (say, from a newer case file) are ignored.
func LevelOf(exampleIDs []string) ThreatLevel {
	var level ThreatLevel
	for _, id := range exampleIDs {
		for _, ex := range ThreatExamples() {
			if ex.ID == id && ex.Level > level {
				level = ex.Level
			}
		}
	}
	return level
}

// MeetingItem is a row of a security meeting's agenda. Under 内容 a row has
// either several lines (Options, e.g. the ways to stop the system) or a single
// one (Content, e.g. whom to contact).
type MeetingItem struct {
	ID      string // the same for the same item in both tables
	Title   string
	Options []string
	Content string
}

// TableA is 審議する項目 (第4条第6号): what the meeting deliberates on a failure.
var TableA = []MeetingItem{
	{ID: "stop", Title: "システムの停止", Options: []string{"システムの完全停止", "機能の一部停止", "機器の一部切離し", "ネットワークからの切離し"}},
	{ID: "notify", Title: "関係機関への連絡", Content: "指定情報処理機関,宮城県等"},
	{ID: "support", Title: "技術的支援依頼", Content: "指定情報処理機関,宮城県,保守委託事業者等"},
	{ID: "citizens", Title: "市民への対応", Options: []string{"来庁者への対応", "問い合わせへの対応"}},
	{ID: "alternative", Title: "代替措置の実施", Content: "業務ごとに住基ネットが停止した場合の措置を検討し,実施する。"},
	{ID: "resume", Title: "運用再開の決定", Content: "障害復旧状況及び本人確認情報の整合性を確認し,運用再開の決定を行う。"},
}

// TableB is 決定の項目 (第5条第6号): what the meeting decides on a misconduct.
// Its wording differs slightly from TableA's; each is copied from its own table.
var TableB = []MeetingItem{
	{ID: "stop", Title: "システムの停止", Options: []string{"システムの完全停止", "機能の一部停止", "機器の一部切離し", "ネットワークからの切離し"}},
	{ID: "notify", Title: "関係機関への連絡", Content: "指定情報処理機関,宮城県等"},
	{ID: "support", Title: "技術的支援依頼", Content: "指定情報処理機関,宮城県,保守委託事業者"},
	{ID: "damage", Title: "詳細な被害状況・復旧作業の把握", Options: []string{"システムの具体的な被害状況", "本人確認情報への侵害の度合い又は範囲", "復旧に要する作業内容,期間等"}},
	{ID: "structure", Title: "緊急時体制の把握", Content: "役割分担,指揮命令系統の確認"},
	{ID: "citizens", Title: "市民への対応", Options: []string{"来庁者への対応", "問い合わせへの対応"}},
	{ID: "alternative", Title: "代替措置の実施", Content: "業務ごとに住基ネットが停止した場合の措置を検討し,実施する。"},
	{ID: "review", Title: "緊急措置の検証及び予防措置の立案", Options: []string{"復旧作業等緊急時対応の進捗状況の把握", "追加措置の検討", "恒久対策の立案等"}},
	{ID: "resume", Title: "運用再開の決定", Content: "障害復旧状況及び本人確認情報の整合性等を確認し運用再開の決定を行う。"},
}

// MeetingTable returns the meeting's agenda for a class: its heading, where it
// is, and its rows. Nothing for ClassPending.
func MeetingTable(c Class) (title, article string, items []MeetingItem) {
	switch c {
	case ClassFailure:
		return "審議する項目", "第4条第6号", TableA
	case ClassMisconduct:
		return "決定の項目", "第5条第6号", TableB
	}
	return "", "", nil
}

// MeasureGroup is a row of the table of 第4条第10号: a kind of measure against
// recurrence and the measures it lists.
type MeasureGroup struct {
	ID       string // "technical" or "operational"
	Title    string
	Measures []string
}

// PreventionArticle is where the prevention measures are.
const PreventionArticle = "第4条第10号"

// PreventionMeasures lists the measures the system administrator considers after
// a failure (第4条第10号).
var PreventionMeasures = []MeasureGroup{
	{ID: "technical", Title: "技術面の対策", Measures: []string{"障害監視の強化", "技術情報の収集"}},
	{ID: "operational", Title: "運用面の対策", Measures: []string{"定期点検実施時期の見直し", "オーバーホールの実施", "予備装置の確保", "教育・研修等"}},
}

// ReportItem is one thing a report must state.
type ReportItem struct {
	ID      string
	Article string
	Text    string
}

// MisconductReportItems are what the staff member grasps and reports when
// finding a misconduct (第5条第1号ア–エ).
var MisconductReportItems = []ReportItem{
	{"5-1-a", "第5条第1号ア", "不正行為を発見した時期及び不正行為があったと認められる時期"},
	{"5-1-b", "第5条第1号イ", "不正行為が発生した機器及びその設置場所"},
	{"5-1-c", "第5条第1号ウ", "不正行為の内容及び想定される被害等"},
	{"5-1-d", "第5条第1号エ", "報告するまでに行った応急措置等の有無"},
}
