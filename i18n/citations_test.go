package i18n

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/osaki-city/kinkyu/data"
)

// Every article the app cites in a message (「第4条第9号」, 「第5条第5号エ」,
// 「第3条」…) must say what the sentence around the citation claims. The
// claims are listed here by hand, per message and provision: each claim is a
// phrase that must occur both in the sentence that cites the provision (the
// part of the message between 。, ／ or a line break) and in the provision's
// own text in the embedded regulation (data/regulation.txt). A message that
// cites a provision not listed here fails, so a new citation is checked by
// whoever adds it; a listed citation that is no longer printed fails too, so
// the table does not rot.
//
// This is what caught (issue 13): 「脅威度の改定（第5条第5号）」 (the
// regulation says nothing about revising a level), 「協力要請：…第7号」
// (第4条第7号 is 修復等を依頼), 「連絡調整：第4条第9号」 (第4条第9号 is a
// 連絡), 「連絡：第4条第3号」 (that item has the two staff investigate together).
type citation struct {
	ref    string   // 第4条第9号, 第5条第5号エ, 第3条
	claims []string // phrases in both the sentence and the provision
	// means are phrases of the provision only, where the sentence says the
	// same in the app's words or is only the citation (a label, a button).
	means []string
}

// says is a citation whose sentence states the phrases the provision has;
// means one whose sentence is only the citation, or says it in the app's words.
func says(ref string, phrases ...string) citation  { return citation{ref: ref, claims: phrases} }
func means(ref string, phrases ...string) citation { return citation{ref: ref, means: phrases} }

// citations maps a message key to the provisions it cites.
var citations = map[string][]citation{
	// 第2条: the two classes.
	"case.new.def_title":   {says("第2条", "緊急時の区分")},
	"case.new.def_none":    {means("第2条", "緊急時の区分", "(例)")},
	"intake.title":         {says("第2条", "区分")},
	"intake.article":       {means("第2条", "緊急時の区分")}, // a button that shows the article
	"intake.class.article": {means("第2条", "緊急時の区分")},
	"intake.class.intro": {
		says("第4条", "障害"),
		says("第5条", "不正行為"),
	},
	"case.pending.text": {says("第4条", "障害"), says("第5条", "不正行為")},

	// 第3条: the contact network.
	"contactui.article":       {means("第3条", "緊急時連絡網")},
	"contactui.call.article3": {means("第3条", "緊急時連絡網")},
	"cli.contacts.title":      {says("第3条", "緊急時連絡網")},
	"cli.help": {
		says("第3条", "緊急時連絡網"),
		means("第4条第6号", "審議する項目"),
		means("第5条第6号", "決定の項目"),
	},
	"reports.contacts.sheet.heading_table": {says("第3条第1号", "連絡先")},
	"contactui.person_note":                {says("第3条第1号", "住基ネット担当者名", "夜間・休日時", "担当者連絡先", "報告")},
	"cli.contacts.unreported":              {says("第3条第2号", "変更")},
	"cli.contacts.notice.marked":           {says("第3条第2号", "変更")},
	"contactui.doc.notice_subject":         {says("第3条第2号", "変更", "報告")},

	// The chain of 第4条 and 第5条.
	"reports.contacts.sheet.heading_chain": {says("第4条", "報告", "連絡"), says("第5条", "報告", "連絡")},
	"contactui.call.chain.failure":         {says("第4条", "障害", "報告")},
	"contactui.call.chain.misconduct":      {says("第5条", "不正行為", "報告")},
	"contactui.call.chain.pending":         {says("第4条", "報告"), says("第5条", "報告")},
	"reports.contacts.sheet.basis": {
		says("第4条第1号", "報告"),
		says("第4条第1号", "連絡"),
		says("第4条第4号", "報告"),
		says("第5条第1号", "報告"),
		says("第5条第1号", "連絡"),
		says("第5条第3号", "報告"),
		says("第4条第5号", "連絡"),
		says("第4条第5号", "協力を要請"),
		says("第4条第6号", "開催"),
		says("第5条第6号", "招集"),
		says("第4条第7号", "修復等を依頼"),
		says("第5条第2号ウ", "連絡調整"),
		says("第5条第4号ア", "連絡調整"),
		says("第5条第5号", "連絡調整"),
		says("第4条第9号", "運用再開の連絡"),
		says("第5条第8号ウ", "運用再開の連絡"),
		says("第5条第2号", "宮城県", "指定情報処理機関", "通報"),
		says("第5条第4号ウ", "経由"),
	},

	// 障害 (第4条).
	"failure.title":                     {says("第4条第1号〜第6号", "障害")},
	"failure.article":                   {means("第4条", "障害発生時の対応")},
	"failure.type.article":              {means("第4条第1号", "障害の種類"), means("第4条第2号", "障害の種類")},
	"failure.checks.article":            {means("第4条第3号", "確認事項")},
	"failure.cause.article":             {means("第4条第5号", "原因")},
	"failure.impact.article":            {means("第4条第4号", "データの保護等に支障")},
	"failure.stop.article":              {means("第4条第6号", "システムの停止")},
	"failure.report.article":            {means("第4条第1号", "報告")},
	"failure.impact.hint_none":          {says("第4条第4号", "支障", "セキュリティ統括責任者", "報告")},
	"failure.decision.mismatch":         {says("第4条第6号", "一時的なものであると判断したとき", "長時間に及ぶと判断したとき", "セキュリティ会議を開催")},
	"failure.stop_ms.none":              {says("第4条第8号", "運用")},
	"failure.timeline.stop":             {says("第4条第6号", "セキュリティ統括責任者", "停止")},
	"failure.meeting.text":              {says("第4条第6号", "システムの停止", "セキュリティ会議", "審議")},
	"reports.row.failure_type":          {says("第4条第2号", "障害の種類")},
	"reports.row.place":                 {says("第4条第1号", "障害個所")},
	"reports.row.check":                 {says("第4条第3号", "確認事項")},
	"reports.row.cause":                 {says("第4条第5号", "原因")},
	"reports.row.impact":                {says("第4条第4号", "データの保護等", "支障")},
	"reports.row.stop":                  {says("第4条第6号", "停止")},
	"reports.row.stop_decision":         {says("第4条第6号", "停止")},
	"reports.row.notified":              {says("第4条第9号", "関係機関", "連絡")},
	"reports.row.repair":                {says("第4条第7号", "修復等", "依頼")},
	"reports.row.logs":                  {says("第5条第7号", "アクセスログ")},
	"reports.heading.logs":              {says("第5条第7号", "アクセスログ")},
	"aftercare.repair.title":            {says("第4条第7号", "修復等", "依頼")},
	"aftercare.notify.title_failure":    {says("第4条第9号", "関係機関", "運用再開", "連絡")},
	"aftercare.notify.title_misconduct": {says("第5条第8号ウ", "関係機関", "運用再開", "連絡")},
	"aftercare.prevention.title":        {says("第4条第10号", "再発")},
	"aftercare.logs.title":              {says("第5条第7号", "アクセスログ")},
	"reports.heading.recovery":          {says("第4条第7号〜第9号", "修復", "運用再開")},
	"reports.heading.prevention":        {says("第4条第10号", "再発")},
	"case.resume.articles_failure":      {means("第4条第8号", "運用を再開"), means("第4条第9号", "運用再開")},

	// 不正行為 (第5条).
	"case.resume.articles_misconduct": {means("第5条第8号", "運用の再開")},
	"invalid.step.needintegrity": {
		// The sentence before says the system was stopped: the condition of both.
		{ref: "第4条第8号", claims: []string{"本人確認情報の整合性"}, means: []string{"システムを一時停止した場合"}},
		{ref: "第5条第8号ア", claims: []string{"本人確認情報の整合性"}, means: []string{"システムを停止した場合"}},
	},
	"report.title":                        {says("第5条第1号", "報告")},
	"report.article":                      {means("第5条", "不正行為発生時の対応")},
	"report.article_title":                {says("第5条", "不正行為発生時の対応"), means("第5条第1号", "報告")},
	"report.report.article":               {means("第5条第1号", "報告")},
	"case.steps.hidden_level":             {says("第5条", "脅威度")},
	"threat.title":                        {says("第5条", "脅威度"), says("第5条第5号", "脅威度", "判定")},
	"threat.article":                      {means("第5条", "脅威度")},
	"threat.article_title":                {says("第5条", "不正行為発生時の対応")},
	"threat.level.none_text":              {says("第5条", "事例")},
	"threat.table.title":                  {says("第5条", "脅威度", "事象", "事例")},
	"invalid.examples.required":           {says("第5条", "事例")},
	"invalid.examples.unknown":            {says("第5条", "事例")},
	"threat.not_misconduct":               {says("第5条", "脅威度", "不正行為")},
	"reports.row.threat":                  {says("第5条", "脅威度")},
	"intake.origin.article":               {means("第5条第1号", "発見"), means("第5条第2号", "通報")},
	"response.article_button":             {means("第5条", "不正行為発生時の対応")},
	"response.not_misconduct":             {says("第5条", "不正行為")},
	"response.impact.article":             {means("第5条第3号", "データ保護等に支障")},
	"response.hearing.article":            {means("第5条第4号イ", "事情聴取")},
	"response.disposal.article":           {means("第5条第4号イ", "保有情報の廃棄等")},
	"response.request.article":            {means("第5条第4号ウ", "宮城県を経由して指定情報処理機関に対し")},
	"reports.row.origin":                  {says("第5条第1号", "発見"), says("第5条第2号", "通報")},
	"reports.threat.estimate2":            {says("第5条第2号ウ", "レベル2又は3に該当する可能性が高い")},
	"reports.threat.estimate3":            {says("第5条第4号イ", "レベル3に該当する可能性が高い")},
	"reports.row.impact_misconduct":       {says("第5条第3号", "データ保護等", "支障")},
	"reports.heading.emergency":           {says("第5条第4号", "緊急措置")},
	"reports.row.cooperation":             {says("第5条第4号ア", "必要な協力を要請")},
	"reports.row.hearing":                 {says("第5条第4号イ", "関係者からの事情聴取")},
	"reports.row.disposal":                {says("第5条第4号イ", "保有情報の廃棄等の措置")},
	"reports.row.request":                 {says("第5条第4号ウ", "経由", "要請")},
	"reports.blank.judged":                {says("第5条第5号", "セキュリティ責任者及びシステム管理者", "判定")},
	"reports.blank.estimate2":             {says("第5条第2号ウ", "レベル2又は3に該当する可能性が高い")},
	"reports.blank.estimate3":             {says("第5条第4号イ", "レベル3に該当する可能性が高い")},
	"reports.heading.recovery_misconduct": {says("第5条第8号", "運用")},
	"reports.row.ms_reregistration":       {says("第5条第8号イ", "アクセス権限の設定変更", "照合情報", "照合ID", "再登録")},
	"reports.row.notified_misconduct":     {says("第5条第8号ウ", "関係機関", "運用再開の連絡")},
	"reports.heading.followup":            {says("第5条第9号", "事後対策")},
	"threat.means.none":                   {says("第5条第5号", "脅威度")},
	// {{.Title}} is the row システムの停止 of the meeting's table.
	"threat.means.stop":     {means("第5条第4号イ", "システムの停止")},
	"threat.summary.level1": {says("第5条第5号ア", "庁内で必要な報告を行い,緊急時対応を解除する。")},
	"threat.summary.level2": {
		says("第5条第5号イ", "直ちに原因の解明を行い,その対策の実施についてセキュリティ統括責任者に報告する。"),
		says("第5条第5号ウ", "本人確認情報への脅威が生じる可能性があると判断したときは,必要に応じセキュリティ統括責任者にセキュリティ会議の招集を求め,不正行為の状況,原因,対応策等を報告する"),
	},
	"threat.summary.level3": {
		says("第5条第5号イ", "直ちに原因の解明を行い,その対策の実施についてセキュリティ統括責任者に報告する。"),
		says("第5条第5号エ", "本人確認情報への脅威が生じる可能性が高いと判断したとき,又は必要があると認めたときは,速やかにセキュリティ統括責任者に報告を行うとともに,その対策について協議するためセキュリティ会議の開催を求める。"),
		says("第5条第4号イ", "必要に応じてシステムの停止(システムの完全停止,機能の一部停止,機器の一部切離し,ネットワークからの切離しを含む。)を行う。また,関係者からの事情聴取を行い,必要に応じて保有情報の廃棄等の措置を講じる。"),
	},

	// The meeting's tables: 審議する項目 (第4条第6号), 決定の項目 (第5条第6号).
	"invalid.class.pending":        {means("第4条第6号", "審議する項目"), means("第5条第6号", "決定の項目")},
	"invalid.item_title.unknown":   {means("第4条第6号", "審議する項目"), means("第5条第6号", "決定の項目")},
	"invalid.agenda_class.pending": {means("第4条第6号", "審議する項目"), means("第5条第6号", "決定の項目")},
}

var (
	articleRe = regexp.MustCompile(`第([0-9]+)条`)
	// One token of a citation: 第N条, 第M号 (with a sub-item), ・ア (a further
	// sub-item of the same item), 〜第M号 (a range).
	tokenRe = regexp.MustCompile(`第([0-9]+)条|(〜)?第([0-9]+)号([アイウエ]?)|・([アイウエ])`)
)

// citedRefs returns the provisions a sentence cites, in order: "第4条第1号・
// 第4号" is 第4条第1号 and 第4条第4号, "第5条第5号イ・エ" is 第5条第5号イ and
// 第5条第5号エ, "第4条第1号〜第6号" stays one range, "第5条の表" is 第5条.
func citedRefs(s string) []string {
	var refs []string
	article, item := "", ""
	pendingArticle := false
	last := -1
	for _, m := range tokenRe.FindAllStringSubmatchIndex(s, -1) {
		tok := s[m[0]:m[1]]
		gap := ""
		if last >= 0 {
			gap = s[last:m[0]]
		}
		adjacent := m[0] == last
		last = m[1]
		switch {
		case strings.HasSuffix(tok, "条"):
			if pendingArticle {
				refs = append(refs, article)
			}
			article, item, pendingArticle = tok, "", true
		case strings.HasPrefix(tok, "・") && !strings.HasPrefix(tok, "・第"):
			if !adjacent || item == "" {
				continue // a ・ア that is not a citation's
			}
			refs = append(refs, article+item+tok[len("・"):])
		case strings.HasPrefix(tok, "〜"):
			if len(refs) > 0 && adjacent {
				refs[len(refs)-1] += tok
			}
		default:
			if article == "" {
				continue
			}
			if pendingArticle && gap != "" {
				// 第5条（不正行為発生時の対応）・第1号: the article, then its item.
				refs = append(refs, article)
			}
			pendingArticle = false
			item = s[m[6]:m[7]]
			item = "第" + item + "号"
			refs = append(refs, article+item+s[m[8]:m[9]])
		}
	}
	if pendingArticle {
		refs = append(refs, article)
	}
	return refs
}

// provisionText returns the text of a provision: 第N条 whole, its item (M)
// up to the next item, or the sub-item ア–エ (the item's lines that begin
// with a space, in order). A range 第4条第1号〜第6号 is the items from the
// first to the last. "" when the regulation has no such provision.
func provisionText(ref string) string {
	m := regexp.MustCompile(`^第([0-9]+)条(?:第([0-9]+)号([アイウエ]?)(?:〜第([0-9]+)号)?)?$`).FindStringSubmatch(ref)
	if m == nil {
		return ""
	}
	n, _ := strconv.Atoi(m[1])
	art := data.ArticleText(n)
	if art == "" || m[2] == "" {
		return art
	}
	from, _ := strconv.Atoi(m[2])
	to := from
	if m[4] != "" {
		to, _ = strconv.Atoi(m[4])
	}
	lines := strings.Split(art, "\n")
	var out []string
	in := false
	for _, l := range lines {
		if num, ok := itemNumber(l); ok {
			in = num >= from && num <= to
		}
		if in {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return ""
	}
	if m[3] == "" {
		return strings.TrimRight(strings.Join(out, "\n"), "\n")
	}
	var subs []string
	for _, l := range out {
		if strings.HasPrefix(l, " ") {
			subs = append(subs, l[1:])
		}
	}
	k := strings.Index("アイウエ", m[3]) / len("ア")
	if k >= len(subs) {
		return ""
	}
	return subs[k]
}

// itemNumber reads the "(M) " that begins an item's line.
func itemNumber(l string) (int, bool) {
	if !strings.HasPrefix(l, "(") {
		return 0, false
	}
	end := strings.Index(l, ") ")
	if end < 0 {
		return 0, false
	}
	n, err := strconv.Atoi(l[1:end])
	return n, err == nil
}

// sentences splits a message where a claim stops applying: at 。 (outside a
// quotation 「…」), ／ and line breaks, except a break before a citation in
// brackets (a label 「障害の種類\n（第4条第2号）」 is one sentence).
func sentences(s string) []string {
	var out []string
	var cur strings.Builder
	depth := 0
	flush := func() {
		if strings.TrimSpace(cur.String()) != "" {
			out = append(out, cur.String())
		}
		cur.Reset()
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r == '「':
			depth++
		case r == '」' && depth > 0:
			depth--
		}
		switch {
		case r == '／', r == '。' && depth == 0:
			flush()
		case r == '\n' && (i+1 >= len(rs) || rs[i+1] != '（'):
			flush()
			depth = 0
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	return out
}

// localeStrings reads every string message of the embedded locale files, per
// language: key → text.
func localeStrings(t *testing.T) map[string]map[string]string {
	t.Helper()
	files, err := fs.Glob(localeFS, localeGlob)
	require.NoError(t, err)
	out := map[string]map[string]string{}
	for _, name := range files {
		buf, err := fs.ReadFile(localeFS, name)
		require.NoError(t, err)
		var msgs map[string]any
		require.NoError(t, toml.Unmarshal(buf, &msgs), name)
		lang := strings.TrimPrefix(path.Ext(strings.TrimSuffix(path.Base(name), ".toml")), ".")
		if out[lang] == nil {
			out[lang] = map[string]string{}
		}
		for k, v := range msgs {
			switch v := v.(type) {
			case string:
				out[lang][k] = v
			case map[string]any: // plural forms
				for form, s := range v {
					if s, ok := s.(string); ok {
						out[lang][k+"#"+form] = s
					}
				}
			}
		}
	}
	return out
}

// checkCitations returns what is wrong with the citations of one message:
// a citation no entry of the table matches (an entry matches when the
// sentence says all its claims), an entry whose provision does not say its
// claims, and an entry no citation of the message matches any more.
func checkCitations(key, text string) []string {
	var faults []string
	want := citations[key]
	used := make([]bool, len(want))
	for _, sent := range sentences(text) {
		for _, ref := range citedRefs(sent) {
			if provisionText(ref) == "" {
				faults = append(faults, fmt.Sprintf("%s cites %s, which the regulation does not have", key, ref))
				continue
			}
			matched, listed := false, false
			for i, c := range want {
				if c.ref != ref {
					continue
				}
				listed = true
				if allIn(sent, c.claims) {
					matched, used[i] = true, true
				}
			}
			switch {
			case !listed:
				faults = append(faults, fmt.Sprintf("%s cites %s in 「%s」, which the table of citations does not list: check what %s says and add it", key, ref, sent, ref))
			case !matched:
				faults = append(faults, fmt.Sprintf("%s: 「%s」 cites %s, but no longer says what the table claims for it", key, sent, ref))
			}
		}
	}
	for i, c := range want {
		prov := provisionText(c.ref)
		for _, p := range append(slices.Clone(c.claims), c.means...) {
			if !strings.Contains(prov, p) {
				faults = append(faults, fmt.Sprintf("%s cites %s for 「%s」, which %s does not say: %s", key, c.ref, p, c.ref, prov))
			}
		}
		if len(c.claims)+len(c.means) == 0 {
			faults = append(faults, fmt.Sprintf("%s: the table gives no claim for %s", key, c.ref))
		}
		if !used[i] {
			faults = append(faults, fmt.Sprintf("%s no longer cites %s for %q: update the table", key, c.ref, c.claims))
		}
	}
	return faults
}

func allIn(s string, phrases []string) bool {
	for _, p := range phrases {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

func TestEveryCitationSaysWhatTheRegulationSays(t *testing.T) {
	msgs := localeStrings(t)
	seen := map[string]bool{}
	for _, lang := range Languages() {
		keys := make([]string, 0, len(msgs[lang]))
		for k := range msgs[lang] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			text := msgs[lang][k]
			if !articleRe.MatchString(text) {
				continue
			}
			seen[k] = true
			for _, f := range checkCitations(k, text) {
				t.Errorf("%s (%s)", f, lang)
			}
		}
	}
	for k := range citations {
		assert.True(t, seen[k], "%s is in the table of citations but no message cites an article under that key", k)
	}
}

// The check fails on the misstatements issue 13 corrected.
func TestCitationCheckCatchesMisstatements(t *testing.T) {
	for _, tc := range []struct{ key, text string }{
		{"reports.row.threat_revision", "脅威度の改定\n（第5条第5号）"},
		{"threat.revise.note", "判定を変更するときは理由を記録します（第5条第5号）。これまでの判定は履歴に残ります。"},
		{"reports.contacts.sheet.basis", "矢印の根拠　報告：第4条第1号・第4号、第5条第1号・第3号／連絡：第4条第1号・第3号・第5号、第5条第1号／招集：第4条第6号、第5条第6号／協力要請：第4条第5号・第7号／連絡調整：第4条第9号、第5条第2号・第4号ア・第5号・第8号ウ（宮城県及び指定情報処理機関からの通報：第5条第2号）／経由：第5条第4号ウ"},
		{"threat.summary.level3", "→ 速やかにセキュリティ統括責任者に報告し、セキュリティ会議の開催を求める（第5条第5号イ・エ）。必要に応じてシステムを停止する（第5条第4号イ）。"},
	} {
		assert.NotEmpty(t, checkCitations(tc.key, tc.text), "%s: 「%s」", tc.key, tc.text)
	}
	// And each wrong citation of the old contact sheet is named.
	faults := strings.Join(checkCitations("reports.contacts.sheet.basis", "連絡：第4条第3号／協力要請：第4条第7号／連絡調整：第4条第9号"), "\n")
	for _, ref := range []string{"第4条第3号", "第4条第7号", "第4条第9号"} {
		assert.Contains(t, faults, ref)
	}
}

func TestCitedRefs(t *testing.T) {
	for in, want := range map[string][]string{
		"（第4条第1号・第4号、第5条第1号・第3号）": {"第4条第1号", "第4条第4号", "第5条第1号", "第5条第3号"},
		"（第5条第5号イ・エ）":             {"第5条第5号イ", "第5条第5号エ"},
		"第5条第2号ウ・第4号ア・第5号":        {"第5条第2号ウ", "第5条第4号ア", "第5条第5号"},
		"障害の報告（第4条第1号〜第6号）":       {"第4条第1号〜第6号"},
		"第5条の表から":                 {"第5条"},
		"（第4条・第5条）":               {"第4条", "第5条"},
		"第5条（不正行為発生時の対応）・第1号":     {"第5条", "第5条第1号"},
		"第4条第6号／第5条第6号の表":         {"第4条第6号", "第5条第6号"},
		"変更・ア":                    nil,
	} {
		assert.Equal(t, want, citedRefs(in), in)
	}
}

func TestProvisionText(t *testing.T) {
	assert.Equal(t, "(9) セキュリティ責任者は,関係機関にシステム運用再開の連絡をする。", provisionText("第4条第9号"))
	assert.Contains(t, provisionText("第5条第5号エ"), "可能性が高いと判断したとき,又は必要があると認めたとき")
	assert.Contains(t, provisionText("第5条第4号イ"), "事情聴取")
	assert.NotContains(t, provisionText("第5条第4号イ"), "宮城県を経由", "ウ is not イ")
	assert.Contains(t, provisionText("第4条第6号"), "運用再開の決定を行う。", "an item keeps its table")
	assert.NotContains(t, provisionText("第4条第6号"), "(7)")
	assert.Contains(t, provisionText("第4条第1号〜第6号"), "(6)")
	assert.Empty(t, provisionText("第4条第11号"))
	assert.Empty(t, provisionText("第5条第5号オ"))
	assert.Equal(t, data.ArticleText(3), provisionText("第3条"))
}

var (
	enArticleRe = regexp.MustCompile(`Art(?:icles?|\.) ?([0-9]+)((?:(?:,? ?| and |–)\((?:[0-9]+)\)(?: ?[a-d]\b(?:(?:, ?| and )[a-d]\b)*)?)*)(?: and ([0-9]+)\b)?`)
	enItemRe    = regexp.MustCompile(`(–)?\(([0-9]+)\)(?: ?([a-d]\b(?:(?:, ?| and )[a-d]\b)*))?`)
	enLetterRe  = regexp.MustCompile(`[a-d]`)
)

// enRefs reads the citations of an English message in the Japanese form:
// "Article 5 (5) b, d" is 第5条第5号イ and 第5条第5号エ, "Article 4 (1)–(6)"
// is 第4条第1号〜第6号, "Art. 4(8)" is 第4条第8号.
func enRefs(s string) []string {
	var refs []string
	for _, m := range enArticleRe.FindAllStringSubmatch(s, -1) {
		art := "第" + m[1] + "条"
		items := enItemRe.FindAllStringSubmatch(m[2], -1)
		if len(items) == 0 {
			refs = append(refs, art)
			if m[3] != "" { // Articles 4 and 5
				refs = append(refs, "第"+m[3]+"条")
			}
			continue
		}
		for _, it := range items {
			item := "第" + it[2] + "号"
			if it[1] == "–" && len(refs) > 0 {
				refs[len(refs)-1] += "〜" + item
				continue
			}
			if it[3] == "" {
				refs = append(refs, art+item)
				continue
			}
			for _, l := range enLetterRe.FindAllString(it[3], -1) {
				refs = append(refs, art+item+string([]rune("アイウエ")[l[0]-'a']))
			}
		}
	}
	return refs
}

// The English screens cite the same provisions as the Japanese ones: a
// translation that cites another item (or letters イ as "i") misleads too.
func TestEnglishCitesTheSameProvisions(t *testing.T) {
	msgs := localeStrings(t)
	compared := 0
	for k, ja := range msgs[Japanese] {
		en, ok := msgs[English][k]
		if !ok || en == ja || !articleRe.MatchString(ja) {
			continue
		}
		var jaRefs []string
		for _, sent := range sentences(ja) {
			jaRefs = append(jaRefs, citedRefs(sent)...)
		}
		got := enRefs(en)
		if len(got) == 0 {
			continue // the translation leaves the citations out (the CLI's help)
		}
		slices.Sort(jaRefs)
		slices.Sort(got)
		compared++
		assert.Equal(t, slices.Compact(jaRefs), slices.Compact(got), "%s:\n%s\n%s", k, ja, en)
	}
	assert.Greater(t, compared, 30, "the English citations are read")
}

func TestEnRefs(t *testing.T) {
	for in, want := range map[string][]string{
		"(Article 5 (5) b, d)":                          {"第5条第5号イ", "第5条第5号エ"},
		"(Article 4 (1)–(6))":                           {"第4条第1号〜第6号"},
		"(Art. 4(8), Art. 5(8) a)":                      {"第4条第8号", "第5条第8号ア"},
		"Articles 4 and 5":                              {"第4条", "第5条"},
		"the tables of Article 4 (6) and Article 5 (6)": {"第4条第6号", "第5条第6号"},
		"Article 4 (1), (2)":                            {"第4条第1号", "第4条第2号"},
	} {
		assert.Equal(t, want, enRefs(in), in)
	}
}
