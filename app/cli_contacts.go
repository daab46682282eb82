package app

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/osaki-city/kinkyu/data"
	"github.com/osaki-city/kinkyu/data/sqlite"
	"github.com/osaki-city/kinkyu/forms"
	"github.com/osaki-city/kinkyu/i18n"
	"github.com/osaki-city/kinkyu/reports"
)

// contactsOptions are the options of kinkyu contacts.
type contactsOptions struct {
	file, at, class, export, importFile, out, p12, passEnv string
	copyName, addressee, number                            string // the change notice's letter choices
	to                                                     string // its recipient: prefecture (default) or agency
	notice, sent, yes, allowDelete                         bool
}

// contacts shows the emergency contact network (第3条) and who to call at a
// moment, exports and imports it as CSV, and writes its documents.
func (c *cli) contacts(args []string) error {
	var o contactsOptions
	_, err := c.flags("contacts", args, func(fs *flag.FlagSet) {
		fs.StringVar(&o.file, "file", "", "")
		fs.StringVar(&o.at, "at", "", "")
		fs.StringVar(&o.class, "class", string(data.ClassPending), "")
		fs.StringVar(&o.export, "export", "", "")
		fs.StringVar(&o.importFile, "import", "", "")
		fs.StringVar(&o.out, "out", "", "")
		fs.StringVar(&o.p12, "p12", "", "")
		fs.StringVar(&o.passEnv, "pass-env", "", "")
		fs.StringVar(&o.copyName, "copy", "", "")
		fs.StringVar(&o.addressee, "addressee", "", "")
		fs.StringVar(&o.number, "number", "", "")
		fs.BoolVar(&o.notice, "notice", false, "")
		fs.StringVar(&o.to, "to", string(data.BodyPrefecture), "")
		fs.BoolVar(&o.sent, "sent", false, "")
		fs.BoolVar(&o.yes, "yes", false, "")
		fs.BoolVar(&o.allowDelete, "allow-delete", false, "")
	})
	if err != nil {
		return err
	}
	if err := requireFile("contacts", o.file); err != nil {
		return err
	}
	actions := 0
	for _, set := range []bool{o.export != "", o.importFile != "", o.out != ""} {
		if set {
			actions++
		}
	}
	switch {
	case actions > 1:
		return usageError{i18n.T("cli.contacts.error.one_action")}
	case o.notice && o.out == "":
		return usageError{i18n.T("cli.contacts.error.notice_needs_out")}
	case !data.ValidRecipient(data.Body(o.to)):
		return usageError{i18n.T("cli.contacts.error.to")}
	case o.sent && !o.notice:
		return usageError{i18n.T("cli.contacts.error.sent_needs_notice")}
	case o.yes && o.importFile == "":
		return usageError{i18n.T("cli.contacts.error.yes_needs_import")}
	case o.allowDelete && o.importFile == "":
		return usageError{i18n.T("cli.contacts.error.allow_delete_needs_import")}
	case o.p12 != "" && o.passEnv == "":
		return usageError{i18n.T("cli.error.need_pass_env")}
	}
	if o.copyName != "" {
		if _, err := parseCopy(o.copyName); err != nil {
			return err
		}
	}
	class := data.Class(o.class)
	if !class.Valid() {
		return usageError{i18n.T("cli.error.bad_value", map[string]any{"Option": "--class", "Value": o.class, "Allowed": "failure, misconduct, pending"})}
	}
	var at time.Time
	if o.at != "" {
		// The network's business hours are Japan time, whatever the computer's zone.
		if at, err = i18n.ParseDateTime(o.at, data.JapanTime); err != nil {
			return usageError{i18n.T("cli.contacts.error.bad_at", map[string]any{"Value": o.at})}
		}
	}
	if o.export != "" {
		if _, err := os.Lstat(o.export); err == nil {
			return &data.Error{Code: data.EEXISTS, Err: fmt.Errorf("export contacts %s: already exists", o.export)}
		}
	}

	s, err := sqlite.Open(o.file)
	if err != nil {
		return err
	}
	defer s.Close()
	switch {
	case o.export != "":
		return c.exportContacts(s, o.export)
	case o.importFile != "":
		return c.importContacts(s, o.importFile, o.yes, o.allowDelete)
	case o.out != "":
		return c.contactDocument(s, o)
	}
	if err := c.printContacts(s); err != nil {
		return err
	}
	if !at.IsZero() {
		return c.printWhoToCall(s, class, at)
	}
	return nil
}

// contactNames returns the city and prefecture names of the case file.
func contactNames(s data.Store) (city, pref string, err error) {
	if city, err = s.Setting(data.SettingCity, data.DefaultCity); err != nil {
		return "", "", err
	}
	pref, err = s.Setting(data.SettingPrefecture, data.DefaultPrefecture)
	return city, pref, err
}

// pointLabel names an entry, with J-LIS's current name beside the
// regulation's 指定情報処理機関 when the officer gave no name of their own.
func pointLabel(p data.ContactPoint, city, pref string) string {
	title := p.Title(city, pref)
	if p.Name == "" && p.Body.CurrentName() != "" {
		return i18n.T("contact.data.current_name", map[string]any{"Term": title, "Name": p.Body.CurrentName()})
	}
	return title
}

// numbers lists the filled ways of reaching p among kinds: "電話 0120-… 内線 2101".
func numbers(p data.Person, kinds ...string) string {
	var parts []string
	for _, k := range kinds {
		if v := p.Get(k); v != "" {
			parts = append(parts, i18n.T("cli.contacts.number", map[string]any{"Kind": i18n.T("contact.data.kind." + k), "Value": v}))
		}
	}
	return strings.Join(parts, "  ")
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return i18n.T("cli.contacts.none")
	}
	return s
}

// printContacts writes the network as a table, flags the entries not
// confirmed for the set number of months and counts the unreported changes.
func (c *cli) printContacts(s data.Store) error {
	ps, err := s.ContactPoints()
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		fmt.Fprintln(c.stdout, i18n.T("cli.contacts.empty"))
		return nil
	}
	city, pref, err := contactNames(s)
	if err != nil {
		return err
	}
	cfg, err := data.LoadCallConfig(s)
	if err != nil {
		return err
	}
	now := data.Now()
	fmt.Fprintln(c.stdout, i18n.T("cli.contacts.title", map[string]any{"Count": len(ps)}))
	rows := [][]string{{
		i18n.T("cli.contacts.col.order"), i18n.T("cli.contacts.col.point"), i18n.T("cli.contacts.col.section"),
		i18n.T("cli.contacts.col.person"), i18n.T("cli.contacts.col.day"), i18n.T("cli.contacts.col.night"),
		i18n.T("cli.contacts.col.deputy"), i18n.T("cli.contacts.col.hours"), i18n.T("cli.contacts.col.confirmed"),
	}}
	flagged := false
	for i, p := range ps {
		from, until := p.Hours()
		confirmed := i18n.T("cli.contacts.none")
		if !p.ConfirmedAt.IsZero() {
			confirmed = i18n.FormatDate(p.ConfirmedAt.In(data.JapanTime), i18n.Language() == i18n.Japanese)
		}
		if data.Unconfirmed(p, now, cfg.UnconfirmedMonths) {
			confirmed += i18n.T("cli.contacts.unconfirmed_mark")
			flagged = true
		}
		deputy := p.Deputy.Name
		if n := numbers(p.Deputy, data.PersonTEL, data.PersonExtension, data.PersonNightTEL, data.PersonMobile); n != "" {
			deputy = strings.TrimSpace(deputy + "  " + n)
		}
		rows = append(rows, []string{
			fmt.Sprint(i + 1), pointLabel(p, city, pref), orNone(p.Section), orNone(p.Primary.Name),
			orNone(numbers(p.Primary, data.PersonTEL, data.PersonExtension, data.PersonFAX, data.PersonMail)),
			orNone(numbers(p.Primary, data.PersonNightTEL, data.PersonMobile)),
			orNone(deputy), i18n.T("cli.contacts.hours", map[string]any{"From": from, "Until": until}), confirmed,
		})
	}
	writeTable(c.stdout, rows)
	if flagged {
		fmt.Fprintln(c.stdout, i18n.T("cli.contacts.unconfirmed_note", map[string]any{"Months": cfg.UnconfirmedMonths}))
	}
	for _, r := range data.NoticeRecipients {
		changes, err := s.UnreportedChanges(r)
		if err != nil {
			return err
		}
		if len(changes) > 0 {
			fmt.Fprintln(c.stdout, i18n.T("cli.contacts.unreported", map[string]any{"Count": len(changes), "Body": r.Label("", pref), "To": string(r)}))
		}
	}
	return nil
}

// reachText is a person with the number to use first: "訓練 花子  携帯 000-…".
func reachText(r data.Reach) string {
	if r.Empty() {
		return orNone(r.Name)
	}
	n := r.First()
	return strings.TrimSpace(r.Name + "  " + i18n.T("cli.contacts.number", map[string]any{"Kind": i18n.T("contact.data.kind." + n.Kind), "Value": n.Value}))
}

// printWhoToCall writes the network in the order of the class's reporting
// chain with the right person and number at the moment at.
func (c *cli) printWhoToCall(s data.Store, class data.Class, at time.Time) error {
	ps, err := s.ContactPoints()
	if err != nil || len(ps) == 0 {
		return err
	}
	city, pref, err := contactNames(s)
	if err != nil {
		return err
	}
	cfg, err := data.LoadCallConfig(s)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout)
	fmt.Fprintln(c.stdout, i18n.T("cli.contacts.at_title", map[string]any{
		"At": i18n.FormatDateTime(at.In(data.JapanTime), i18n.Language() == i18n.Japanese), "Class": forms.ClassLabel(class)}))
	rows := [][]string{{
		i18n.T("cli.contacts.col.order"), i18n.T("cli.contacts.col.point"), i18n.T("cli.contacts.col.article"),
		i18n.T("cli.contacts.col.when"), i18n.T("cli.contacts.col.first"), i18n.T("cli.contacts.col.fallback"),
		i18n.T("cli.contacts.col.condition"),
	}}
	for i, t := range data.WhoToCall(ps, class, at, cfg) {
		when := i18n.T("contact.data.open")
		if !t.BusinessHours {
			when = i18n.T("contact.data.closed") + "（" + i18n.T("contact.data.closed."+t.Closed) + "）"
		}
		article := t.Step.Article
		if !t.InChain {
			article = i18n.T("cli.contacts.outside_chain")
		}
		fallback := i18n.T("cli.contacts.none")
		if next, ok := data.NextAfter(t, t.Primary, false); ok {
			fallback = reachText(next)
		}
		cond := orNone(t.Step.When)
		if t.Step.When == "" && t.Step.Purpose != "" {
			// A call of a later step (第4条第9号: the resumption notice) says
			// what it is for, or the officer would call the bodies at once.
			cond = i18n.T("contactui.call.purpose", map[string]any{"Purpose": t.Step.Purpose})
		}
		rows = append(rows, []string{
			fmt.Sprint(i + 1), pointLabel(t.Point, city, pref), article, when, reachText(t.Primary), fallback, cond,
		})
	}
	writeTable(c.stdout, rows)
	return nil
}

func (c *cli) exportContacts(s data.Store, out string) error {
	ps, err := s.ContactPoints()
	if err != nil {
		return err
	}
	if err := reports.WriteFileAtomic(out, data.ContactsCSV(ps)); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.contacts.export.done", map[string]any{"Out": out, "Count": len(ps)}))
	return nil
}

// importContacts reads a CSV (UTF-8, UTF-16 or Excel's Shift_JIS) and shows
// what importing it would change; with yes, and only when no row has a
// problem, it replaces the network. An import that removes more than half of
// the entries, or all of them, also needs allowDelete: a header-only CSV or
// the wrong file must not empty the network on a --yes typed by habit.
func (c *cli) importContacts(s data.Store, file string, yes, allowDelete bool) error {
	read, err := data.ReadContactsCSVFile(file)
	if err != nil {
		return err
	}
	ps, errs := read.Points, read.Errors
	if read.Encoding != "" {
		fmt.Fprintln(c.stdout, i18n.T("cli.contacts.import.encoding", map[string]any{"Encoding": i18n.T("contact.csv.encoding." + string(read.Encoding))}))
	}
	if len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(c.stdout, csvErrorText(e))
		}
		fmt.Fprintln(c.stderr, i18n.T("cli.error.prefix")+i18n.T("cli.contacts.import.failed", map[string]any{"Count": len(errs)}))
		c.exit = exitFail
		return nil
	}
	current, err := s.ContactPoints()
	if err != nil {
		return err
	}
	city, pref, err := contactNames(s)
	if err != nil {
		return err
	}
	plan := data.PlanContactImport(current, ps)
	if plan.Empty() {
		fmt.Fprintln(c.stdout, i18n.T("cli.contacts.import.nothing"))
		return nil
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.contacts.import.preview", map[string]any{"File": filepath.Base(file), "Count": len(ps)}))
	for _, p := range plan.Added {
		fmt.Fprintln(c.stdout, i18n.T("cli.contacts.import.added", map[string]any{"Title": pointLabel(p, city, pref)}))
	}
	for _, u := range plan.Updated {
		fmt.Fprintln(c.stdout, i18n.T("cli.contacts.import.updated", map[string]any{"Title": pointLabel(u.Old, city, pref)}))
		for _, ch := range u.Changes {
			fmt.Fprintln(c.stdout, i18n.T("cli.contacts.import.change", map[string]any{
				"Field": i18n.T("contact.data.field." + ch.Field), "Old": changeValue(ch.Field, ch.Old, city, pref), "New": changeValue(ch.Field, ch.New, city, pref)}))
		}
	}
	for _, p := range plan.Removed {
		fmt.Fprintln(c.stdout, i18n.T("cli.contacts.import.removed", map[string]any{"Title": pointLabel(p, city, pref)}))
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.contacts.import.summary", map[string]any{
		"Added": len(plan.Added), "Updated": len(plan.Updated), "Removed": len(plan.Removed), "Unchanged": len(plan.Unchanged)}))
	removals := map[string]any{"Total": len(current), "Removed": len(plan.Removed)}
	warning, refusal := "cli.contacts.import.removes_most", "cli.contacts.import.refused_delete"
	if len(plan.Removed) == len(current) {
		warning, refusal = "cli.contacts.import.removes_all", "cli.contacts.import.refused_delete_all"
	}
	if plan.RemovesMost() {
		fmt.Fprintln(c.stdout, i18n.T(warning, removals))
	}
	switch {
	case !yes && plan.RemovesMost():
		fmt.Fprintln(c.stdout, i18n.T("cli.contacts.import.confirm_delete"))
		return nil
	case !yes:
		fmt.Fprintln(c.stdout, i18n.T("cli.contacts.import.confirm"))
		return nil
	case plan.RemovesMost() && !allowDelete:
		fmt.Fprintln(c.stderr, i18n.T("cli.error.prefix")+i18n.T(refusal, removals))
		c.exit = exitFail
		return nil
	}
	if err := s.ReplaceContactPoints(ps); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.contacts.import.done"))
	return nil
}

// changeValue shows a changed value as the officer knows it.
func changeValue(field, v, city, pref string) string {
	switch {
	case v == "":
		return i18n.T("cli.contacts.empty_value")
	case field == data.FieldBody:
		return data.Body(v).Label(city, pref)
	case field == data.FieldRole:
		return data.Role(v).Label()
	}
	return v
}

// csvErrorText is one problem of an imported CSV: 「3行目「電話」: …」.
func csvErrorText(e data.CSVError) string {
	where := i18n.T("cli.contacts.import.row_error", map[string]any{"Line": e.Line})
	if e.Column != "" {
		where = i18n.T("cli.contacts.import.row_error_column", map[string]any{"Line": e.Line, "Column": e.Column})
	}
	why := i18n.ErrorMessage(e.Err)
	if e.Err.Field == "csv" && e.Err.Rule == "columns" {
		why += i18n.T("cli.contacts.import.columns", map[string]any{"Got": e.Got, "Want": e.Want})
	}
	if e.Ref > 0 {
		why += i18n.T("cli.contacts.import.duplicate_of", map[string]any{"Ref": e.Ref})
	}
	return where + ": " + why
}

// contactDocument writes the contact sheet (緊急時連絡網) or, with --notice,
// the change notice (連絡先変更届) of the changes not yet reported, signed when
// a PKCS#12 file is given, and records it in the case file as a document of
// the whole file. --sent then marks the notice's changes as reported
// (第3条第2号), as of when it was drawn up.
func (c *cli) contactDocument(s data.Store, o contactsOptions) error {
	if err := refuseExisting(o.out); err != nil {
		return err
	}
	now := time.Now()
	kind := data.DocContactSheet
	var listed []data.ContactChange // the changes the notice lists, once built
	if o.notice {
		kind = data.DocChangeNotice
		changes, err := s.UnreportedChanges(data.Body(o.to))
		if err != nil {
			return err
		}
		if len(changes) == 0 {
			fmt.Fprintln(c.stdout, i18n.T("cli.contacts.notice.none"))
			return nil
		}
	}
	job := reports.NoticeJob(s, kind, data.Body(o.to), now, &listed)
	opt := reports.DocOptions{Date: now, Addressee: strings.TrimSpace(o.addressee)}
	// The notice is a letter; the sheet is one when sent to a 宛先.
	var err error
	if opt.Copy, err = parseCopy(cmp.Or(o.copyName, "send")); err != nil {
		return err
	}
	issued := numberChoice(&job, &opt, o.number)
	doc, err := produceWith(s, job, opt, o.out, o.p12, o.passEnv)
	if err != nil {
		return err
	}
	if o.notice {
		fmt.Fprintln(c.stdout, i18n.T("cli.contacts.notice.done", map[string]any{"Out": o.out, "Count": len(listed)}))
	} else {
		fmt.Fprintln(c.stdout, i18n.T("cli.contacts.sheet.done", map[string]any{"Out": o.out}))
	}
	if n := cmp.Or(*issued, opt.Number); n != "" {
		fmt.Fprintln(c.stdout, "  "+i18n.T("cli.report.doc_number", map[string]any{"Number": n}))
	}
	fmt.Fprintln(c.stdout, "  SHA-256: "+doc.SHA256)
	if !o.notice {
		return nil
	}
	if !o.sent {
		fmt.Fprintln(c.stdout, i18n.T("cli.contacts.notice.not_marked"))
		return nil
	}
	ids := make([]int64, len(listed))
	for i, ch := range listed {
		ids[i] = ch.ID
	}
	if err := s.MarkChangesReportedTo(data.Body(o.to), ids, now); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, i18n.T("cli.contacts.notice.marked", map[string]any{"Count": len(listed)}))
	return nil
}
