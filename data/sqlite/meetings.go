package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
)

// The security meetings of a case (セキュリティ会議, 第4条第6号・第5条第6号).
//
// Decisions act on the case in the transaction that records them, through the
// same helpers as the procedure screen: a taken stop decision that picked a
// way of stopping records MilestoneStop (AuthorityMeeting), a taken 運用再開の
// 決定 records MilestoneApproval (AuthorityMeeting) once ResumptionBlocker
// allows it, and closing a meeting (ClosedAt set for the first time) records
// its procedure step, 第4条第6号 or 第5条第6号 (data.MeetingStepID), as done
// when it is not done yet.

// meetingAudit is what the audit log records of a meeting's header.
type meetingAudit struct {
	Meeting       int64           `json:"meeting"`
	Seq           int             `json:"seq"`
	Place         string          `json:"place"`
	Date          string          `json:"date"`
	OpenedAt      string          `json:"opened_at,omitempty"`
	ClosedAt      string          `json:"closed_at,omitempty"`
	Chair         string          `json:"chair"`
	Recorder      string          `json:"recorder"`
	MinutesSigner string          `json:"minutes_signer,omitempty"`
	Attendees     []data.Attendee `json:"attendees"`
	Items         []string        `json:"items,omitempty"` // the agenda's keys, at creation
}

func meetingAuditOf(m *data.Meeting) meetingAudit {
	return meetingAudit{m.ID, m.Seq, m.Place, formatTime(m.Date), formatTime(m.OpenedAt), formatTime(m.ClosedAt),
		m.Chair, m.Recorder, m.MinutesSigner, m.Attendees, nil}
}

// itemAudit is what the audit log records of an agenda item.
type itemAudit struct {
	Item       int64    `json:"item"`
	Meeting    int64    `json:"meeting"`
	Key        string   `json:"key"`
	Title      string   `json:"title"`
	Order      int      `json:"order"`
	Choices    []string `json:"choices,omitempty"`
	Target     string   `json:"target,omitempty"`
	Discussion string   `json:"discussion,omitempty"`
	Decision   string   `json:"decision,omitempty"`
	Owner      string   `json:"owner,omitempty"`
	Due        string   `json:"due,omitempty"`
	Status     string   `json:"status"`
	StartedAt  string   `json:"started_at,omitempty"`
	DecidedAt  string   `json:"decided_at,omitempty"`
}

func itemAuditOf(it *data.AgendaItem) itemAudit {
	return itemAudit{it.ID, it.MeetingID, it.Key, it.Title, it.Order, it.Choices, it.Target, it.Discussion, it.Decision,
		it.Owner, formatTime(it.Due), string(it.Status), formatTime(it.StartedAt), formatTime(it.DecidedAt)}
}

func meetingSubject(caseID int64) string { return caseSubject(caseID) }

func noMeeting(id int64) error {
	return &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("meeting %d: no such meeting", id)}
}

func noItem(id int64) error {
	return &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("agenda item %d: no such item", id)}
}

// meetingRow is what a change needs to know of a stored meeting.
type meetingRow struct {
	caseID   int64
	class    data.Class
	zone     string
	chair    string
	openedAt string
	closedAt string
}

func (s *Store) meetingRow(tx *sql.Tx, id int64) (meetingRow, error) {
	var r meetingRow
	err := tx.QueryRow(`SELECT m.case_id, c.class, c.zone, m.chair, m.opened_at, m.closed_at
		FROM meetings m JOIN cases c ON c.id = m.case_id WHERE m.id = ?`, id).Scan(
		&r.caseID, &r.class, &r.zone, &r.chair, &r.openedAt, &r.closedAt)
	if err == sql.ErrNoRows {
		return r, noMeeting(id)
	}
	return r, err
}

// CreateMeeting convenes a meeting of a case: the next Seq of the case and
// the agenda of its class's table in the regulation's order. Items given in m
// are then saved onto it as SaveAgendaItem would (an item with a regulation
// Key fills that row, one with Key "" is added as その他). A case still 判定中
// has no table and is refused.
func (s *Store) CreateMeeting(m *data.Meeting, timelineText string) error {
	if m.Date.IsZero() {
		m.Date = data.Now()
	}
	if err := m.Validate(); err != nil {
		return err
	}
	given := m.Items
	return s.tx("create meeting", func(tx *sql.Tx) error {
		c, err := caseExists(tx, m.CaseID)
		if err != nil {
			return err
		}
		_, _, rows := data.MeetingTable(c.Class)
		if len(rows) == 0 {
			return data.Invalid("class", "pending")
		}
		if err := tx.QueryRow(`SELECT coalesce(max(seq), 0) + 1 FROM meetings WHERE case_id = ?`, m.CaseID).Scan(&m.Seq); err != nil {
			return err
		}
		if err := insertMeeting(tx, m); err != nil {
			return err
		}
		m.Items = make([]data.AgendaItem, 0, len(rows)+len(given))
		keys := make([]string, 0, len(rows))
		for i, r := range rows {
			it := data.AgendaItem{MeetingID: m.ID, Key: r.ID, Title: r.Title, Order: i + 1}
			res, err := tx.Exec(`INSERT INTO agenda_items (meeting_id, key, title, position, choices, target, discussion, decision,
					owner, due, status, started_at, decided_at) VALUES (?, ?, ?, ?, '[]', '', '', '', '', '', '', '', '')`,
				m.ID, it.Key, it.Title, it.Order)
			if err != nil {
				return err
			}
			if it.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			m.Items = append(m.Items, it)
			keys = append(keys, r.ID)
		}
		a := meetingAuditOf(m)
		a.Items = keys
		if err := s.appendAudit(tx, "meeting.create", meetingSubject(m.CaseID), a); err != nil {
			return err
		}
		for _, g := range given {
			g.MeetingID, g.ID = m.ID, 0
			if g.Key != "" {
				i := slices.IndexFunc(m.Items, func(it data.AgendaItem) bool { return it.Key == g.Key })
				if i < 0 {
					return data.Invalid("item_title", "unknown")
				}
				g.ID, g.Title = m.Items[i].ID, m.Items[i].Title
			}
			if _, err := s.saveItem(tx, &g); err != nil {
				return err
			}
			if i := slices.IndexFunc(m.Items, func(it data.AgendaItem) bool { return it.ID == g.ID }); i >= 0 {
				m.Items[i] = g
			} else {
				m.Items = append(m.Items, g)
			}
		}
		if err := s.closeStep(tx, m, meetingRow{caseID: m.CaseID, class: c.Class}); err != nil {
			return err
		}
		return s.timeline(tx, m.CaseID, data.EntryReport, timelineText)
	})
}

// insertMeeting writes a meeting's header and attendees inside tx.
func insertMeeting(tx *sql.Tx, m *data.Meeting) error {
	res, err := tx.Exec(`INSERT INTO meetings (case_id, seq, place, date, opened_at, closed_at, chair, recorder, minutes_signer)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.CaseID, m.Seq, m.Place, formatTime(m.Date), formatTime(m.OpenedAt), formatTime(m.ClosedAt), m.Chair, m.Recorder, m.MinutesSigner)
	if err != nil {
		return err
	}
	if m.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return putAttendees(tx, m.ID, m.Attendees)
}

func putAttendees(tx *sql.Tx, meetingID int64, as []data.Attendee) error {
	if _, err := tx.Exec(`DELETE FROM meeting_attendees WHERE meeting_id = ?`, meetingID); err != nil {
		return err
	}
	for i, a := range as {
		if _, err := tx.Exec(`INSERT INTO meeting_attendees (meeting_id, position, name, role, present) VALUES (?, ?, ?, ?, ?)`,
			meetingID, i+1, strings.TrimSpace(a.Name), a.Role, a.Present); err != nil {
			return err
		}
	}
	return nil
}

// closeStep records the meeting's procedure step (第4条第6号 / 第5条第6号) as
// done when the meeting is closed for the first time and the step is not done
// yet: by the chair, at the time of 閉会.
func (s *Store) closeStep(tx *sql.Tx, m *data.Meeting, before meetingRow) error {
	if m.ClosedAt.IsZero() || before.closedAt != "" {
		return nil
	}
	step := data.MeetingStepID(before.class)
	if step == "" {
		return nil
	}
	var done bool
	err := tx.QueryRow(`SELECT done FROM steps WHERE case_id = ? AND step_id = ?`, m.CaseID, step).Scan(&done)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if done {
		return nil
	}
	by := m.Chair
	if by == "" {
		by = s.currentActor()
	}
	return s.putStep(tx, data.StepProgress{CaseID: m.CaseID, StepID: step, Done: true, By: by, At: m.ClosedAt})
}

// SaveMeeting stores a meeting's header and attendees; its case and Seq stay
// as they are. Closing it (ClosedAt set for the first time) also records its
// procedure step as done.
func (s *Store) SaveMeeting(m *data.Meeting, timelineText string) error {
	return s.tx("save meeting", func(tx *sql.Tx) error {
		before, err := s.meetingRow(tx, m.ID)
		if err != nil {
			return err
		}
		if m.CaseID != 0 && m.CaseID != before.caseID {
			return noMeeting(m.ID)
		}
		m.CaseID = before.caseID
		if m.Date.IsZero() {
			m.Date = data.Now()
		}
		if err := m.Validate(); err != nil {
			return err
		}
		if err := tx.QueryRow(`SELECT seq FROM meetings WHERE id = ?`, m.ID).Scan(&m.Seq); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE meetings SET place = ?, date = ?, opened_at = ?, closed_at = ?, chair = ?, recorder = ?,
				minutes_signer = ? WHERE id = ?`,
			m.Place, formatTime(m.Date), formatTime(m.OpenedAt), formatTime(m.ClosedAt), m.Chair, m.Recorder, m.MinutesSigner, m.ID); err != nil {
			return err
		}
		if err := putAttendees(tx, m.ID, m.Attendees); err != nil {
			return err
		}
		if err := s.appendAudit(tx, "meeting.save", meetingSubject(m.CaseID), meetingAuditOf(m)); err != nil {
			return err
		}
		if err := s.closeStep(tx, m, before); err != nil {
			return err
		}
		return s.timeline(tx, m.CaseID, data.EntryReport, timelineText)
	})
}

// storedItem reads an agenda item inside tx.
func (s *Store) storedItem(tx *sql.Tx, id int64) (data.AgendaItem, error) {
	it, err := s.scanItem(tx.QueryRow(`SELECT `+itemColumns+` FROM agenda_items i
		JOIN meetings m ON m.id = i.meeting_id JOIN cases c ON c.id = m.case_id WHERE i.id = ?`, id))
	if err == sql.ErrNoRows {
		return it, noItem(id)
	}
	return it, err
}

// SaveAgendaItem stores an item of a meeting's agenda; see data.MeetingStore.
// StartedAt is stamped (data.Now, unless the caller set it) the first time the
// item is saved with anything in it, DecidedAt whenever its status changes.
// A regulation item keeps its Key and Title: a change is refused.
func (s *Store) SaveAgendaItem(it *data.AgendaItem, timelineText string) error {
	return s.tx("save agenda item", func(tx *sql.Tx) error {
		acted, err := s.saveItem(tx, it)
		if err != nil {
			return err
		}
		caseID, err := s.caseOfMeeting(tx, it.MeetingID)
		if err != nil {
			return err
		}
		kind := data.EntryReport
		if acted {
			kind = data.EntryMilestone
		}
		return s.timeline(tx, caseID, kind, timelineText)
	})
}

func (s *Store) caseOfMeeting(tx *sql.Tx, meetingID int64) (int64, error) {
	var caseID int64
	err := tx.QueryRow(`SELECT case_id FROM meetings WHERE id = ?`, meetingID).Scan(&caseID)
	if err == sql.ErrNoRows {
		return 0, noMeeting(meetingID)
	}
	return caseID, err
}

// saveItem writes an item inside tx and lets its decision act on the case;
// acted says whether a milestone was recorded or withdrawn.
func (s *Store) saveItem(tx *sql.Tx, it *data.AgendaItem) (acted bool, err error) {
	var before data.AgendaItem // zero for a new その他 item
	if it.ID != 0 {
		if before, err = s.storedItem(tx, it.ID); err != nil {
			return false, err
		}
		if it.MeetingID != 0 && it.MeetingID != before.MeetingID {
			return false, noItem(it.ID)
		}
		it.MeetingID = before.MeetingID
		if it.Key != before.Key || (before.Key != "" && it.Title != before.Title) {
			return false, data.Invalid("item_title", "regulation")
		}
		it.Order = before.Order
	} else if it.Key != "" {
		return false, data.Invalid("item_title", "regulation")
	}
	m, err := s.meetingRow(tx, it.MeetingID)
	if err != nil {
		return false, err
	}
	if err := it.ValidateFor(m.class); err != nil {
		return false, err
	}
	now := data.Now()
	switch {
	case !before.StartedAt.IsZero():
		it.StartedAt = before.StartedAt
	case !it.StartedAt.IsZero():
	case it.Status != data.ItemOpen || len(it.Choices) > 0 || strings.TrimSpace(it.Target+it.Discussion+it.Decision+it.Owner) != "":
		it.StartedAt = now
	}
	switch {
	case it.ID != 0 && it.Status == before.Status:
		it.DecidedAt = before.DecidedAt
	case it.Status == data.ItemOpen:
		it.DecidedAt = time.Time{}
	default:
		it.DecidedAt = now
	}
	if it.Choices == nil {
		it.Choices = []string{}
	}
	choices, _ := json.Marshal(it.Choices)
	if it.ID == 0 {
		if err := tx.QueryRow(`SELECT coalesce(max(position), 0) + 1 FROM agenda_items WHERE meeting_id = ?`, it.MeetingID).Scan(&it.Order); err != nil {
			return false, err
		}
		res, err := tx.Exec(`INSERT INTO agenda_items (meeting_id, key, title, position, choices, target, discussion, decision,
				owner, due, status, started_at, decided_at) VALUES (?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			it.MeetingID, it.Title, it.Order, string(choices), it.Target, it.Discussion, it.Decision, it.Owner,
			formatTime(it.Due), it.Status, formatTime(it.StartedAt), formatTime(it.DecidedAt))
		if err != nil {
			return false, err
		}
		if it.ID, err = res.LastInsertId(); err != nil {
			return false, err
		}
	} else {
		if _, err := tx.Exec(`UPDATE agenda_items SET title = ?, choices = ?, target = ?, discussion = ?, decision = ?, owner = ?,
				due = ?, status = ?, started_at = ?, decided_at = ? WHERE id = ?`,
			it.Title, string(choices), it.Target, it.Discussion, it.Decision, it.Owner, formatTime(it.Due), it.Status,
			formatTime(it.StartedAt), formatTime(it.DecidedAt), it.ID); err != nil {
			return false, err
		}
	}
	if err := s.appendAudit(tx, "meeting.item", meetingSubject(m.caseID), itemAuditOf(it)); err != nil {
		return false, err
	}
	if acted, err = s.actOnCase(tx, m, before, it); err != nil {
		return false, err
	}
	return acted, s.putTask(tx, m.caseID, it)
}

// actOnCase records what a stop or resumption decision means for the case,
// or withdraws what this item recorded when its decision no longer stands.
func (s *Store) actOnCase(tx *sql.Tx, m meetingRow, before data.AgendaItem, it *data.AgendaItem) (bool, error) {
	var kind data.MilestoneKind
	var note string
	var takes, took bool
	switch it.Key {
	case data.ItemKeyStop:
		// A stop decision that picked no way of stopping (e.g. not to stop)
		// records nothing.
		kind, note = data.MilestoneStop, it.StopNote()
		takes, took = it.Status.Taken() && len(it.Choices) > 0, before.Status.Taken() && len(before.Choices) > 0
	case data.ItemKeyResume:
		kind, note = data.MilestoneApproval, it.Decision
		takes, took = it.Status.Taken(), before.Status.Taken()
	default:
		return false, nil
	}
	if !takes && !took {
		return false, nil
	}
	ms, err := s.milestones(tx, m.caseID)
	if err != nil {
		return false, err
	}
	by := m.chair
	if by == "" {
		by = s.currentActor()
	}
	if !takes {
		// Withdraw only what this decision recorded.
		cur := ms[kind]
		if !cur.Done || cur.Authority != data.AuthorityMeeting || !cur.At.Equal(before.DecidedAt) {
			return false, nil
		}
		cur.Done, cur.At, cur.By = false, data.Now(), by
		return true, s.putMilestone(tx, cur)
	}
	if took && before.Status == it.Status && before.StopNote() == it.StopNote() && before.Decision == it.Decision {
		return false, nil // nothing the case records has changed
	}
	ml := data.Milestone{CaseID: m.caseID, Kind: kind, Done: true, Authority: data.AuthorityMeeting, At: it.DecidedAt, By: by, Note: note}
	if kind == data.MilestoneApproval {
		// The meeting's decision is the approval; the integrity check must
		// come first, as for the resumption step itself.
		ms[kind] = ml
		if err := data.ResumptionBlocker(ms); err != nil {
			return false, err
		}
	}
	if err := ml.Validate(); err != nil {
		return false, err
	}
	return true, s.putMilestone(tx, ml)
}

// putTask makes, updates or (when the owner is gone and it is not done yet)
// removes the follow-up of an item.
func (s *Store) putTask(tx *sql.Tx, caseID int64, it *data.AgendaItem) error {
	var id int64
	var done bool
	err := tx.QueryRow(`SELECT id, done FROM tasks WHERE item_id = ?`, it.ID).Scan(&id, &done)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	owner := strings.TrimSpace(it.Owner)
	if owner == "" {
		if id == 0 || done {
			return nil
		}
		if _, err := tx.Exec(`DELETE FROM tasks WHERE id = ?`, id); err != nil {
			return err
		}
		return s.appendAudit(tx, "task.remove", caseSubject(caseID), map[string]any{"task": id, "item": it.ID})
	}
	text := strings.TrimSpace(it.Decision)
	if text == "" {
		text = it.Title
	}
	t := data.Task{ID: id, CaseID: caseID, MeetingID: it.MeetingID, ItemID: it.ID, Text: text, Owner: owner, Due: it.Due, Done: done}
	if id == 0 {
		res, err := tx.Exec(`INSERT INTO tasks (case_id, meeting_id, item_id, text, owner, due, done, done_at) VALUES (?, ?, ?, ?, ?, ?, 0, '')`,
			caseID, it.MeetingID, it.ID, t.Text, t.Owner, formatTime(t.Due))
		if err != nil {
			return err
		}
		if t.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	} else {
		var same int
		if err := tx.QueryRow(`SELECT count(*) FROM tasks WHERE id = ? AND text = ? AND owner = ? AND due = ?`,
			id, t.Text, t.Owner, formatTime(t.Due)).Scan(&same); err != nil {
			return err
		}
		if same == 1 {
			return nil
		}
		if _, err := tx.Exec(`UPDATE tasks SET text = ?, owner = ?, due = ? WHERE id = ?`, t.Text, t.Owner, formatTime(t.Due), id); err != nil {
			return err
		}
	}
	return s.appendAudit(tx, "task.set", caseSubject(caseID), map[string]any{
		"task": t.ID, "meeting": t.MeetingID, "item": t.ItemID, "text": t.Text, "owner": t.Owner, "due": formatTime(t.Due),
	})
}

// RemoveAgendaItem deletes an その他 item (and its follow-up); the
// regulation's items are refused. Later items move up one place.
func (s *Store) RemoveAgendaItem(id int64, timelineText string) error {
	return s.tx("remove agenda item", func(tx *sql.Tx) error {
		it, err := s.storedItem(tx, id)
		if err != nil {
			return err
		}
		if it.Key != "" {
			return data.Invalid("item", "regulation")
		}
		caseID, err := s.caseOfMeeting(tx, it.MeetingID)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM tasks WHERE item_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM agenda_items WHERE id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE agenda_items SET position = position - 1 WHERE meeting_id = ? AND position > ?`, it.MeetingID, it.Order); err != nil {
			return err
		}
		if err := s.appendAudit(tx, "meeting.item.remove", caseSubject(caseID), itemAuditOf(&it)); err != nil {
			return err
		}
		return s.timeline(tx, caseID, data.EntryReport, timelineText)
	})
}

const meetingColumns = `m.id, m.case_id, m.seq, m.place, m.date, m.opened_at, m.closed_at, m.chair, m.recorder, m.minutes_signer, c.zone`

func (s *Store) scanMeeting(row interface{ Scan(...any) error }) (data.Meeting, error) {
	var m data.Meeting
	var date, opened, closed, zone string
	if err := row.Scan(&m.ID, &m.CaseID, &m.Seq, &m.Place, &date, &opened, &closed, &m.Chair, &m.Recorder, &m.MinutesSigner, &zone); err != nil {
		return m, err
	}
	m.Date, m.OpenedAt, m.ClosedAt = s.parseTime(date, zone), s.parseTime(opened, zone), s.parseTime(closed, zone)
	return m, nil
}

const itemColumns = `i.id, i.meeting_id, i.key, i.title, i.position, i.choices, i.target, i.discussion, i.decision, i.owner,
	i.due, i.status, i.started_at, i.decided_at, c.zone`

func (s *Store) scanItem(row interface{ Scan(...any) error }) (data.AgendaItem, error) {
	var it data.AgendaItem
	var choices, due, started, decided, zone string
	if err := row.Scan(&it.ID, &it.MeetingID, &it.Key, &it.Title, &it.Order, &choices, &it.Target, &it.Discussion, &it.Decision,
		&it.Owner, &due, &it.Status, &started, &decided, &zone); err != nil {
		return it, err
	}
	if err := json.Unmarshal([]byte(choices), &it.Choices); err != nil {
		return it, &data.Error{Code: data.EDAMAGED, Err: fmt.Errorf("agenda item %d: %w", it.ID, err)}
	}
	it.Due, it.StartedAt, it.DecidedAt = s.parseTime(due, zone), s.parseTime(started, zone), s.parseTime(decided, zone)
	return it, nil
}

// Meeting reads one meeting with its attendees and agenda.
func (s *Store) Meeting(id int64) (data.Meeting, error) {
	ms, err := s.readMeetings(`m.id = ?`, id)
	if err != nil {
		return data.Meeting{}, err
	}
	if len(ms) == 0 {
		return data.Meeting{}, noMeeting(id)
	}
	return ms[0], nil
}

// Meetings lists a case's meetings by Seq (caseID 0: every case's, case by
// case), each with its attendees and agenda.
func (s *Store) Meetings(caseID int64) ([]data.Meeting, error) {
	if caseID == 0 {
		return s.readMeetings(`1`)
	}
	ms, err := s.readMeetings(`m.case_id = ?`, caseID)
	if err == nil && len(ms) == 0 {
		_, err = s.Case(caseID)
	}
	return ms, err
}

func (s *Store) readMeetings(where string, args ...any) ([]data.Meeting, error) {
	rows, err := s.db.Query(`SELECT `+meetingColumns+` FROM meetings m JOIN cases c ON c.id = m.case_id WHERE `+where+
		` ORDER BY c.discovered_at, m.case_id, m.seq`, args...)
	if err != nil {
		return nil, sqlError("read meetings", err)
	}
	var out []data.Meeting
	index := map[int64]int{}
	for rows.Next() {
		m, err := s.scanMeeting(rows)
		if err != nil {
			rows.Close()
			return nil, sqlError("read meetings", err)
		}
		index[m.ID] = len(out)
		m.Attendees, m.Items = []data.Attendee{}, []data.AgendaItem{}
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, sqlError("read meetings", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	// The store has one connection: each query's rows are closed before the next.
	ids := make([]string, len(out))
	for i, m := range out {
		ids[i] = strconv.FormatInt(m.ID, 10)
	}
	in := `(` + strings.Join(ids, ",") + `)`
	rows, err = s.db.Query(`SELECT meeting_id, name, role, present FROM meeting_attendees WHERE meeting_id IN ` + in + ` ORDER BY meeting_id, position`)
	if err != nil {
		return nil, sqlError("read attendees", err)
	}
	for rows.Next() {
		var id int64
		var a data.Attendee
		if err := rows.Scan(&id, &a.Name, &a.Role, &a.Present); err != nil {
			rows.Close()
			return nil, sqlError("read attendees", err)
		}
		out[index[id]].Attendees = append(out[index[id]].Attendees, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, sqlError("read attendees", err)
	}
	rows, err = s.db.Query(`SELECT ` + itemColumns + ` FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
		JOIN cases c ON c.id = m.case_id WHERE i.meeting_id IN ` + in + ` ORDER BY i.meeting_id, i.position, i.id`)
	if err != nil {
		return nil, sqlError("read agenda", err)
	}
	defer rows.Close()
	for rows.Next() {
		it, err := s.scanItem(rows)
		if err != nil {
			if data.AsError(err) != nil {
				return nil, err
			}
			return nil, sqlError("read agenda", err)
		}
		out[index[it.MeetingID]].Items = append(out[index[it.MeetingID]].Items, it)
	}
	return out, sqlErrorOrNil("read agenda", rows.Err())
}

// Tasks lists a case's follow-ups (caseID 0: every case's), open ones first,
// then by due time (none last) and creation.
func (s *Store) Tasks(caseID int64) ([]data.Task, error) {
	rows, err := s.db.Query(`SELECT t.id, t.case_id, t.meeting_id, t.item_id, t.text, t.owner, t.due, t.done, t.done_at, c.zone
		FROM tasks t JOIN cases c ON c.id = t.case_id WHERE ? = 0 OR t.case_id = ?
		ORDER BY t.done, t.due = '', t.due, t.id`, caseID, caseID)
	if err != nil {
		return nil, sqlError("read tasks", err)
	}
	defer rows.Close()
	out := []data.Task{}
	for rows.Next() {
		var t data.Task
		var due, doneAt, zone string
		if err := rows.Scan(&t.ID, &t.CaseID, &t.MeetingID, &t.ItemID, &t.Text, &t.Owner, &due, &t.Done, &doneAt, &zone); err != nil {
			return nil, sqlError("read tasks", err)
		}
		t.Due, t.DoneAt = s.parseTime(due, zone), s.parseTime(doneAt, zone)
		out = append(out, t)
	}
	return out, sqlErrorOrNil("read tasks", rows.Err())
}

// SetTaskDone marks a follow-up done (stamped with data.Now) or open again.
func (s *Store) SetTaskDone(id int64, done bool, timelineText string) error {
	return s.tx("record task", func(tx *sql.Tx) error {
		var caseID int64
		if err := tx.QueryRow(`SELECT case_id FROM tasks WHERE id = ?`, id).Scan(&caseID); err == sql.ErrNoRows {
			return &data.Error{Code: data.ENOTFOUND, Err: fmt.Errorf("task %d: no such task", id)}
		} else if err != nil {
			return err
		}
		doneAt := ""
		if done {
			doneAt = formatTime(data.Now())
		}
		if _, err := tx.Exec(`UPDATE tasks SET done = ?, done_at = ? WHERE id = ?`, done, doneAt, id); err != nil {
			return err
		}
		if err := s.appendAudit(tx, "task.done", caseSubject(caseID), map[string]any{"task": id, "done": done, "at": doneAt}); err != nil {
			return err
		}
		return s.timeline(tx, caseID, data.EntryReport, timelineText)
	})
}
