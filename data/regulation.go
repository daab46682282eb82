package data

import (
	_ "embed"
	"strconv"
	"strings"
)

// The regulation this package encodes: 大崎市住民基本台帳ネットワークシステム緊急時対応規程
// (平成18年訓令甲第25号, as amended by 平成26年訓令甲第3号). Every Japanese string
// in the regulation data below is copied from it verbatim (the tests check this),
// so screens and documents can quote it and cite the article.
//
// Note the text uses ASCII "," and "(" ")", not their full-width forms.

//go:embed regulation.txt
var regulation string

// RegulationText returns the full text of the regulation, byte for byte.
func RegulationText() string { return regulation }

// ArticleText returns 第N条 as written, from its heading line ("(障害発生時の対応)")
// up to the next article's heading, so a screen can show it beside a step. The
// last article runs up to the supplementary provisions and keeps its amendment
// note. It returns "" for an article the regulation does not have.
func ArticleText(article int) string {
	text := RegulationText()
	start := articleStart(text, article)
	if start < 0 {
		return ""
	}
	end := articleStart(text, article+1)
	if end < 0 {
		// The supplementary provisions (附則) carry no heading in this text.
		end = len(text)
		if i := strings.Index(text[start:], "\nこの訓令は"); i >= 0 {
			end = start + i
		}
	}
	return strings.TrimRight(text[start:end], "\n")
}

// articleStart returns the offset of 第N条's heading line, or of the article line
// itself when it has no heading; -1 when there is no such article.
func articleStart(text string, n int) int {
	if n < 1 {
		return -1
	}
	i := strings.Index(text, "\n第"+strconv.Itoa(n)+"条 ")
	if i < 0 {
		return -1
	}
	before := strings.TrimRight(text[:i], "\n")
	j := strings.LastIndex(before, "\n") + 1
	if line := before[j:]; strings.HasPrefix(line, "(") && strings.HasSuffix(line, ")") {
		return j
	}
	return i + 1
}

// Role is someone who acts in the procedure (第4条・第5条). The values are
// stored in case files: never change them.
type Role string

const (
	RoleStaff           Role = "staff"            // 住基ネット担当者
	RoleSysAdminStaff   Role = "sysadmin_staff"   // システム管理担当者
	RoleSecurityOfficer Role = "security_officer" // セキュリティ責任者
	RoleSysAdmin        Role = "sysadmin"         // システム管理者
	RoleChief           Role = "chief"            // セキュリティ統括責任者
	// RoleContractor is written 保守委託事業者 everywhere except 第4条第5号,
	// which says 保守委託業者; we use the majority form.
	RoleContractor Role = "contractor"
	RoleMeeting    Role = "meeting" // セキュリティ会議
)

// RoleInfo gives a role its name as the regulation writes it.
type RoleInfo struct {
	Role  Role
	Label string
}

// Roles lists the roles from the staff member up to the meeting.
var Roles = []RoleInfo{
	{RoleStaff, "住基ネット担当者"},
	{RoleSysAdminStaff, "システム管理担当者"},
	{RoleSecurityOfficer, "セキュリティ責任者"},
	{RoleSysAdmin, "システム管理者"},
	{RoleChief, "セキュリティ統括責任者"},
	{RoleContractor, "保守委託事業者"},
	{RoleMeeting, "セキュリティ会議"},
}

// Label returns the regulation's name for r, "" for an unknown role.
func (r Role) Label() string {
	for _, ri := range Roles {
		if ri.Role == r {
			return ri.Label
		}
	}
	return ""
}

// Body is one of the related bodies (関係機関, 第3条) of the contact network.
type Body string

const (
	BodyCity       Body = "city"       // 市
	BodyPrefecture Body = "prefecture" // 宮城県
	BodyAgency     Body = "agency"     // 指定情報処理機関
)

// Bodies lists the related bodies in the order 第3条 names them.
var Bodies = []Body{BodyCity, BodyPrefecture, BodyAgency}

// Term returns the word the regulation uses for b.
func (b Body) Term() string {
	switch b {
	case BodyCity:
		return "市"
	case BodyPrefecture:
		return "宮城県"
	case BodyAgency:
		return "指定情報処理機関"
	case BodyContractor:
		// 第4条第5号 alone writes 保守委託業者; see RoleContractor.
		return "保守委託事業者"
	}
	// BodyOther: the regulation has no word for the officer's additions.
	return ""
}

// CurrentName returns the present-day name of a body the regulation names by an
// older term, to show beside it: the 指定情報処理機関 is today the 地方公共団体情報
// システム機構（J-LIS）. "" for the other bodies.
func (b Body) CurrentName() string {
	if b == BodyAgency {
		return "地方公共団体情報システム機構（J-LIS）"
	}
	return ""
}

// Label names b for screens and documents. The city and prefecture are settings,
// so another municipality with the same model regulation can use the product;
// empty settings fall back to the defaults.
func (b Body) Label(city, prefecture string) string {
	switch {
	case b == BodyCity && city != "":
		return city
	case b == BodyCity:
		return DefaultCity
	case b == BodyPrefecture && prefecture != "":
		return prefecture
	case b == BodyPrefecture:
		return DefaultPrefecture
	case b == BodyOther:
		return "その他" // the app's own word, like 判定中
	}
	return b.Term()
}

// ClassInfo is a row of the table of 第2条.
type ClassInfo struct {
	Class      Class
	Label      string
	Definition string // the 状態 column
	Examples   string // the (例) line, without "(例)"
	Article    string
}

// ClassInfos holds the two classes the regulation defines (not ClassPending).
var ClassInfos = []ClassInfo{
	{
		Class:      ClassFailure,
		Label:      "障害",
		Definition: "電子計算機,端末装置の故障,電子計算機室の火災その他の事故により,住基ネットで使用するハードウェア,ソフトウェア及びネットワークの機能が正常に動作しない状態をいう。",
		Examples:   "コミュニケーションサーバ(以下「CS」という。)や端末装置の故障,システムのバグ,ネットワーク回線の不通等",
		Article:    "第2条",
	},
	{
		Class:      ClassMisconduct,
		Label:      "不正行為",
		Definition: "電子計算機における不正行為又は電子計算機への不正アクセス行為により,住基ネットの目的外使用,住基ネットの運用を阻害する行為等,本人確認情報に脅威を及ぼすおそれがある場合をいう。",
		Examples:   "CSにおける不正行為,CSへの不正アクセス行為,コンピュータウイルスの侵入等",
		Article:    "第2条",
	},
}

// Info returns the 第2条 row for c; the zero ClassInfo for ClassPending.
func (c Class) Info() ClassInfo {
	for _, ci := range ClassInfos {
		if ci.Class == c {
			return ci
		}
	}
	return ClassInfo{}
}

// Label returns 障害, 不正行為, or 判定中 (the app's own word, not the regulation's).
func (c Class) Label() string {
	if c == ClassPending {
		return "判定中"
	}
	return c.Info().Label
}
