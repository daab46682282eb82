package reports

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/i18n"
)

// KindInfo is one kind of document the app writes.
type KindInfo struct {
	Kind     string // data.Doc*, as the case file records it
	Title    string // the document's Japanese title, as printed and on the timeline
	FileWide bool   // a document of the whole case file (no case); data.FileWide says the same
	Letter   bool   // an outgoing letter (公用文): 文書番号, 宛先, 送付用 / 決裁用
	// SentOnRequest: a letter only when given a 宛先 (the 緊急時連絡網 sent to
	// the prefecture); without one it is the city's own sheet.
	SentOnRequest bool
}

// Kinds is the one table of the documents the app writes: the screens, the
// command line and the timeline take their kind and title from it.
var Kinds = []KindInfo{
	{Kind: data.DocMisconductReport, Title: "不正行為発生報告書", Letter: true},
	{Kind: data.DocFailureReport, Title: "障害発生報告書", Letter: true},
	{Kind: data.DocAgenda, Title: "セキュリティ会議次第"},
	{Kind: data.DocMinutes, Title: "セキュリティ会議 議事録"},
	{Kind: data.DocDecisions, Title: "セキュリティ会議 決定事項一覧"},
	{Kind: data.DocContactSheet, Title: "緊急時連絡網", FileWide: true, Letter: true, SentOnRequest: true},
	{Kind: data.DocChangeNotice, Title: "連絡先変更届", FileWide: true, Letter: true},
}

// Kind returns the entry of Kinds for kind.
func Kind(kind string) (KindInfo, bool) {
	i := slices.IndexFunc(Kinds, func(k KindInfo) bool { return k.Kind == kind })
	if i < 0 {
		return KindInfo{}, false
	}
	return Kinds[i], true
}

// KindTitle is the Japanese title of kind, "" for a kind not in Kinds.
func KindTitle(kind string) string {
	k, _ := Kind(kind)
	return k.Title
}

// ReportKind is the report a case's class calls for: 不正行為発生報告書 or
// 障害発生報告書; false for a case whose class is not decided yet.
func ReportKind(class data.Class) (string, bool) {
	switch class {
	case data.ClassMisconduct:
		return data.DocMisconductReport, true
	case data.ClassFailure:
		return data.DocFailureReport, true
	}
	return "", false
}

// MeetingDocTitle is the title of a meeting's document: 第1回 セキュリティ会議 議事録.
func MeetingDocTitle(kind string, seq int) string {
	return i18n.JA("reports.meeting.title", map[string]any{"Seq": seq, "Doc": KindTitle(kind)})
}

// Job is one document to produce: what it is, whose it is and how it is built.
type Job struct {
	Kind   string // data.Doc*: an entry of Kinds
	CaseID int64  // 0 for a document of the whole case file (KindInfo.FileWide)
	// Title is what the timeline says was made: 第1回 セキュリティ会議 議事録;
	// default the title of Kind.
	Title string
	// Build makes the unsigned PDF from the case file as it is now.
	Build func(opt DocOptions) ([]byte, error)
	// IssueNumber prints the next 文書番号 of the case file's register
	// (大住第124号) instead of opt.Number. The number is taken just before
	// the document is built; like every number of the register it is never
	// given again, even when the document then fails.
	IssueNumber bool
	// Numbered, when set, hears the number given by the register.
	Numbered func(number string)
}

// ReportJob is the report of a case: 不正行為発生報告書 or 障害発生報告書 by its
// class (data.Invalid("class", "undecided") for a 判定中 case).
func ReportJob(s data.Store, c data.Case) (Job, error) {
	kind, ok := ReportKind(c.Class)
	if !ok {
		return Job{}, data.Invalid("class", "undecided")
	}
	build := MisconductReport
	if kind == data.DocFailureReport {
		build = FailureReport
	}
	return Job{Kind: kind, CaseID: c.ID, Build: func(opt DocOptions) ([]byte, error) {
		cd, err := LoadCase(s, c.ID)
		if err != nil {
			return nil, err
		}
		return build(cd, opt)
	}}, nil
}

// AgendaJob is the 次第 of meeting m of a case: a meeting of the case file,
// read again when the 次第 is built so that it shows the meeting as it is
// then, or (ID 0) the next 第n回 not saved yet.
func AgendaJob(s data.Store, m data.Meeting) Job {
	return Job{Kind: data.DocAgenda, CaseID: m.CaseID, Title: MeetingDocTitle(data.DocAgenda, m.Seq),
		Build: func(opt DocOptions) ([]byte, error) {
			cd, err := LoadCase(s, m.CaseID)
			if err != nil {
				return nil, err
			}
			held := m
			if m.ID != 0 {
				if held, err = s.Meeting(m.ID); err != nil {
					return nil, err
				}
			}
			return Agenda(cd, &held, opt)
		}}
}

// MeetingJob is the 議事録 (data.DocMinutes) or the 決定事項一覧
// (data.DocDecisions) of a meeting held.
func MeetingJob(s data.Store, kind string, m data.Meeting) Job {
	build := Minutes
	if kind == data.DocDecisions {
		build = Decisions
	}
	return Job{Kind: kind, CaseID: m.CaseID, Title: MeetingDocTitle(kind, m.Seq),
		Build: func(opt DocOptions) ([]byte, error) {
			md, err := LoadMeeting(s, m.ID)
			if err != nil {
				return nil, err
			}
			return build(md, opt)
		}}
}

// ContactJob is the 緊急時連絡網 (data.DocContactSheet) or the 連絡先変更届
// (data.DocChangeNotice) of the case file as of now. For the notice, listed
// (when not nil) receives the changes it lists once it is built: those are the
// ones to mark reported after it is written.
func ContactJob(s data.Store, kind string, now time.Time, listed *[]data.ContactChange) Job {
	return NoticeJob(s, kind, data.BodyPrefecture, now, listed)
}

// NoticeJob is ContactJob with the recipient of the change notice
// (data.NoticeRecipients): its changes are those not yet reported to that
// body (LoadNotice).
func NoticeJob(s data.Store, kind string, recipient data.Body, now time.Time, listed *[]data.ContactChange) Job {
	return Job{Kind: kind, Build: func(opt DocOptions) ([]byte, error) {
		load := LoadContacts
		if kind == data.DocChangeNotice {
			load = func(s data.Store, now time.Time) (ContactData, error) { return LoadNotice(s, recipient, now) }
		}
		cd, err := load(s, now)
		if err != nil {
			return nil, err
		}
		if opt.Date.IsZero() {
			opt.Date = now
		}
		if kind == data.DocContactSheet {
			return ContactSheet(cd, opt)
		}
		b, err := ChangeNotice(cd, opt)
		if err == nil && listed != nil {
			*listed = cd.Changes
		}
		return b, err
	}}
}

// Produce makes job's document: builds it, signs it when id is given (signing
// time now), writes it to out whole or not at all and never over an existing
// file, and records it in the case file with its SHA-256 and signer (on the
// case's timeline, in Japanese). A document the case file does not know of is
// not kept: when recording fails, the file written is removed, so that every
// PDF on disk can be matched to its record.
func Produce(s data.Store, job Job, opt DocOptions, out string, id *Identity, now time.Time) (data.Document, error) {
	info, ok := Kind(job.Kind)
	switch {
	case !ok || job.Build == nil:
		return data.Document{}, data.Errorf(data.EINTERNAL, "produce: unknown document kind %q", job.Kind)
	case job.CaseID == 0 && !info.FileWide:
		return data.Document{}, data.Invalid("case", "required")
	}
	title := job.Title
	if title == "" {
		title = info.Title
	}
	// The timeline says which number the letter carried: 不正行為発生報告書（大住第124号）.
	numbered := func() string {
		if n := strings.TrimSpace(opt.Number); n != "" && info.Letter {
			return title + "（" + n + "）"
		}
		return title
	}
	// Refused before the work of building and signing; WriteFileNew checks
	// again as it writes.
	if err := refuseExisting(out); err != nil {
		return data.Document{}, err
	}
	if n := strings.TrimSpace(opt.Number); n != "" && !job.IssueNumber {
		// A typed number is printed as typed, on one line.
		if err := data.CheckDocNumber(n); err != nil {
			return data.Document{}, err
		}
		opt.Number = n
	}
	if job.IssueNumber {
		n, err := s.IssueDocNumber(job.Kind, job.CaseID, "", now)
		if err != nil {
			return data.Document{}, err
		}
		opt.Number = n
		if job.Numbered != nil {
			job.Numbered(n)
		}
	}
	pdf, err := job.Build(opt)
	if err != nil {
		return data.Document{}, err
	}
	doc := data.Document{CaseID: job.CaseID, Kind: job.Kind, FileName: filepath.Base(out)}
	if id != nil {
		if pdf, err = Sign(pdf, *id, SignInfo{Reason: DefaultSignReason}, now); err != nil {
			return data.Document{}, err
		}
		doc.Signers = []data.Signer{{Fingerprint: id.Fingerprint(), Name: id.Name()}}
	}
	if err := WriteFileNew(out, pdf); err != nil {
		return data.Document{}, err
	}
	doc.SHA256 = sha256Hex(pdf)
	text := i18n.JA("cli.report.timeline", map[string]any{"Title": numbered(), "File": doc.FileName, "Hash": doc.SHA256[:12]})
	if err := s.RecordDocument(&doc, text); err != nil {
		_ = os.Remove(out)
		return data.Document{}, err
	}
	return doc, nil
}

// Countersign adds id's signature to the document written at path (recorded
// as written) and records the new version with every signer. The file must
// still be the one recorded; it is replaced atomically, and put back as it
// was when recording fails, so that the file on disk stays the version the
// case file knows.
func Countersign(s data.Store, written data.Document, path, title string, id Identity, now time.Time) (data.Document, error) {
	pdf, err := data.ReadRegularFile(path, "pdf", data.MaxPDFBytes)
	if err != nil {
		return data.Document{}, err
	}
	if sha256Hex(pdf) != written.SHA256 {
		return data.Document{}, &data.Error{Code: data.EINVALID, Field: "pdf", Rule: "changed", Err: fmt.Errorf("%s changed since it was written", path)}
	}
	for _, sg := range written.Signers {
		if sg.Fingerprint == id.Fingerprint() {
			return data.Document{}, data.Invalid("signer", "already")
		}
	}
	if title == "" {
		title = KindTitle(written.Kind)
	}
	signed, err := Sign(pdf, id, SignInfo{Reason: DefaultSignReason}, now)
	if err != nil {
		return data.Document{}, err
	}
	if err := WriteFileAtomic(path, signed); err != nil {
		return data.Document{}, err
	}
	doc := written
	doc.ID, doc.CreatedAt, doc.By = 0, time.Time{}, ""
	doc.Signers = append(slices.Clone(written.Signers), data.Signer{Fingerprint: id.Fingerprint(), Name: id.Name()})
	doc.SHA256 = sha256Hex(signed)
	text := i18n.JA("reportui.countersign_timeline", map[string]any{"Title": title, "File": doc.FileName, "Signer": id.Name(), "Hash": doc.SHA256[:12]})
	if err := s.RecordDocument(&doc, text); err != nil {
		_ = WriteFileAtomic(path, pdf)
		return data.Document{}, err
	}
	return doc, nil
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// refuseExisting is EEXISTS when something is at path already.
func refuseExisting(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return &data.Error{Code: data.EEXISTS, Err: fmt.Errorf("write %s: already exists", path)}
	}
	return nil
}

// WriteFileNew writes b to path whole or not at all, as WriteFileAtomic does,
// but never over an existing file (EEXISTS): the complete file is written under
// a temporary name and then hard-linked to path, which fails when path exists,
// even when it appeared after the check another program or window made.
func WriteFileNew(path string, b []byte) error {
	if err := refuseExisting(path); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.part")
	if err != nil {
		return signFileError("create", path, err)
	}
	tmp := f.Name()
	_ = f.Close()
	defer os.Remove(tmp)
	if err := WriteFileAtomic(tmp, b); err != nil {
		return err
	}
	err = os.Link(tmp, path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return &data.Error{Code: data.EEXISTS, Err: fmt.Errorf("write %s: already exists", path)}
	}
	// A folder without hard links (a FAT USB stick, some network shares): the
	// check and the rename leave a moment in which another writer could slip
	// in, which is the best such a folder allows.
	if err := refuseExisting(path); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return signFileError("rename", path, err)
	}
	return nil
}
