package reports

import (
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// The rows of the misconduct report that 第5条第2号〜第4号 and 第9号 add to
// the four report items: how the city learned of it, the 支障, the 緊急措置
// and the 事後対策.

// text is key with s as its Text, or "" when s is blank.
func textLine(key, s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return i18n.T(key, map[string]any{"Text": s})
}

// atLine is key with t as its At, or "" when t is zero.
func (cd CaseData) atLine(key string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return i18n.T(key, map[string]any{"At": cd.dateTime(t)})
}

// originRow says whether the misconduct was found in the city (第5条第1号)
// or told by the prefecture or the designated agency (第5条第2号), and for a
// 通報 who told, when and what.
func (cd CaseData) originRow() FormRow {
	c := cd.Case
	prefecture := cd.Prefecture
	if prefecture == "" {
		prefecture = data.DefaultPrefecture
	}
	cell := Cell{Checks: []Check{
		{Label: i18n.T("reports.origin.discovery"), Checked: c.Origin == data.OriginDiscovery},
		{Label: i18n.T("reports.origin.prefecture", map[string]any{"Prefecture": prefecture}), Checked: c.Origin == data.OriginPrefecture},
		{Label: i18n.T("reports.origin.agency"), Checked: c.Origin == data.OriginAgency},
	}}
	if c.Origin.Notice() {
		cell.Text = joinLines(
			i18n.T("reports.origin.from", map[string]any{"Text": orNone(c.NoticeFrom)}),
			i18n.T("reports.origin.at", map[string]any{"At": orNone(cd.dateTime(c.NoticeAt))}),
			i18n.T("reports.origin.text", map[string]any{"Text": orNone(c.NoticeText)}),
		)
	}
	return FormRow{Label: i18n.T("reports.row.origin"), Cell: cell}
}

// impactRow is the 支障 on data protection reported to the セキュリティ統括責任者
// (第5条第3号), with the failure report's choices.
func (cd CaseData) impactRow() FormRow {
	r := cd.Response
	return FormRow{Label: i18n.T("reports.row.impact_misconduct"), Cell: Cell{
		Checks: []Check{
			{Label: i18n.T("reports.impact.none"), Checked: r.Impact == data.ImpactNone},
			{Label: i18n.T("reports.impact.possible"), Checked: r.Impact == data.ImpactPossible},
			{Label: i18n.T("reports.impact.yes"), Checked: r.Impact == data.ImpactYes},
		},
		Text: joinLines(textLine("reports.impact.text", r.ImpactText), cd.atLine("reports.impact.chief", r.ChiefReportedAt)),
	}}
}

// emergencyRows are the 緊急措置 of 第5条第4号: the request for cooperation
// (ア, from its step), the 事情聴取 and the 保有情報の廃棄等 (イ), and the
// request via the prefecture to the designated agency (ウ).
func (cd CaseData) emergencyRows() []FormRow {
	r := cd.Response
	coop := cd.Steps["5-4-a"]
	coopCell := Cell{Checks: []Check{
		{Label: i18n.T("reports.done"), Checked: coop.Done},
		{Label: i18n.T("reports.pending"), Checked: !coop.Done},
	}}
	if coop.Done {
		coopCell.Text = joinLines(cd.atLine("reports.at", coop.At), whoLine(coop.By), coop.Note)
	}
	disposal := Cell{
		Checks: []Check{
			{Label: i18n.T("reports.disposal.yes"), Checked: r.Disposal == data.Yes},
			{Label: i18n.T("reports.disposal.no"), Checked: r.Disposal == data.No},
		},
		Text: joinLines(textLine("reports.disposal.text", r.DisposalText), cd.atLine("reports.at", r.DisposalAt)),
	}
	hearing := joinLines(
		textLine("reports.hearing.with", r.HearingWith),
		textLine("reports.hearing.by", r.HearingBy),
		cd.atLine("reports.at", r.HearingAt),
		textLine("reports.hearing.result", r.HearingResult),
	)
	request := joinLines(
		textLine("reports.request.agency", r.Agency),
		textLine("reports.request.text", r.RequestText),
		cd.atLine("reports.request.at", r.RequestedAt),
		textLine("reports.request.report", r.AgencyReport),
		cd.atLine("reports.request.report_at", r.AgencyReportAt),
	)
	prefecture := cd.Prefecture
	if prefecture == "" {
		prefecture = data.DefaultPrefecture
	}
	return []FormRow{
		{Label: i18n.T("reports.row.cooperation"), Cell: coopCell},
		{Label: i18n.T("reports.row.hearing"), Cell: Cell{Text: orNone(hearing)}},
		{Label: i18n.T("reports.row.disposal"), Cell: disposal},
		{Label: i18n.T("reports.row.request", map[string]any{"Prefecture": prefecture}), Cell: Cell{Text: orNone(request)}},
	}
}

func whoLine(by string) string {
	if by == "" {
		return ""
	}
	return i18n.T("reports.who", map[string]any{"By": by})
}

// followupRows are the 事後対策 of 第5条第9号: each decision the security
// meetings took under 緊急措置の検証及び予防措置の立案 (data.ItemKeyReview,
// as data.PreventionFromMeetings lists them), with its owner and due date
// and, from the follow-up the decision made, whether it was carried out.
// The follow-ups of the other items (a stop, a call) are no 事後対策.
func (cd CaseData) followupRows() []FormRow {
	var rows []FormRow
	for _, m := range cd.Meetings {
		for _, it := range m.Items {
			if it.Key != data.ItemKeyReview || !it.Status.Taken() || strings.TrimSpace(it.Decision) == "" {
				continue
			}
			var task *data.Task
			for i := range cd.Tasks {
				if cd.Tasks[i].ItemID == it.ID {
					task = &cd.Tasks[i]
				}
			}
			done := task != nil && task.Done
			text := joinLines(it.Decision,
				i18n.T("reports.followup.meeting", map[string]any{"Seq": m.Seq, "At": orNone(cd.dateTime(it.DecidedAt))}),
				textLine("reports.followup.owner", it.Owner), cd.atLine("reports.followup.due", it.Due))
			if done {
				text = joinLines(text, cd.atLine("reports.followup.done_at", task.DoneAt))
			}
			rows = append(rows, FormRow{
				Label: i18n.T("reports.row.followup", map[string]any{"N": len(rows) + 1}),
				Cell: Cell{Checks: []Check{
					{Label: i18n.T("reports.followup.done"), Checked: done},
					{Label: i18n.T("reports.followup.open"), Checked: !done},
				}, Text: text},
			})
		}
	}
	if len(rows) == 0 {
		rows = append(rows, FormRow{Label: i18n.T("reports.row.followup", map[string]any{"N": ""}), Cell: Cell{Text: i18n.T("reports.followup.none")}})
	}
	return rows
}
