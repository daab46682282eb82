package data

import (
	"strings"
	"unicode/utf8"
)

// Settings of the 公用文 form (the letter that goes to the prefecture), kept in
// the case file: every officer who prints from the file sends the same letter.
const (
	// SettingLetterSymbol (data/reportversion.go) is the 記号 of the
	// document numbers, e.g. 大住 in 大住第123号: the numbering register
	// uses it; the documents print it on a blank 「大住第　　号」 line when
	// no number is given.
	// SettingLetterSenderTitle is the 発信者's title, e.g. 大崎市長; empty
	// means the city's name followed by 長.
	SettingLetterSenderTitle = "letter.sender_title"
	// SettingLetterSenderName is the 発信者's name, e.g. 伊藤 康志.
	SettingLetterSenderName = "letter.sender_name"
	// SettingLetterSeal is LetterSealOmitted (「（公印省略）」, the default)
	// or LetterSealStamped (a box where the 公印 is stamped).
	SettingLetterSeal = "letter.seal"
	// SettingLetterSealLabels are the labels of the 決裁用 copy's seal boxes,
	// joined with 「・」.
	SettingLetterSealLabels = "letter.seal_labels"
	// SettingLetterContact replaces the 担当 block (課・係・氏名・電話) that
	// is otherwise taken from the contact network; lines joined with "\n".
	SettingLetterContact = "letter.contact"
)

// Values of SettingLetterSeal.
const (
	LetterSealOmitted = "omitted"
	LetterSealStamped = "stamped"
)

// DefaultLetterSealLabels are the 決裁欄 of a section's own report, from the
// highest to the person in charge (left to right, as on a 起案用紙).
const DefaultLetterSealLabels = "課長・課長補佐・係長・担当"

// Limits of the letter settings.
const (
	MaxLetterSymbolRunes   = 20
	MaxLetterSealLabels    = 8
	MaxLetterSealLabelRune = 12
	MaxLetterContactLines  = 4
	MaxLetterContactRunes  = 200
)

// LetterSettings are the 公用文 settings as the officer edits them.
type LetterSettings struct {
	Symbol      string
	SenderTitle string // "" → <市名>長
	SenderName  string
	Stamped     bool     // a 公印 box instead of 「（公印省略）」
	SealLabels  []string // 決裁用 seal boxes
	Contact     string   // 担当 override; "" → from the contact network
}

// LoadLetterSettings reads the letter settings from s, with their defaults.
func LoadLetterSettings(s Store) (LetterSettings, error) {
	var l LetterSettings
	var firstErr error
	get := func(key, def string) string {
		v, err := s.Setting(key, def)
		if err != nil {
			firstErr = cmpOr(firstErr, err)
			return def
		}
		return v
	}
	l.Symbol = strings.TrimSpace(get(SettingLetterSymbol, DefaultLetterSymbol))
	l.SenderTitle = strings.TrimSpace(get(SettingLetterSenderTitle, ""))
	l.SenderName = strings.TrimSpace(get(SettingLetterSenderName, ""))
	l.Stamped = get(SettingLetterSeal, LetterSealOmitted) == LetterSealStamped
	l.SealLabels = SplitSealLabels(get(SettingLetterSealLabels, DefaultLetterSealLabels))
	if len(l.SealLabels) == 0 {
		l.SealLabels = SplitSealLabels(DefaultLetterSealLabels)
	}
	l.Contact = strings.TrimSpace(get(SettingLetterContact, ""))
	return l, firstErr
}

// DefaultLetterSettings are the settings of a new case file.
func DefaultLetterSettings() LetterSettings {
	return LetterSettings{Symbol: DefaultLetterSymbol, SealLabels: SplitSealLabels(DefaultLetterSealLabels)}
}

// SplitSealLabels splits 「課長・課長補佐・係長・担当」 (also with 、 , or
// spaces) into its labels, dropping empty ones.
func SplitSealLabels(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case '・', '、', ',', '，', '/', '／', ' ', '　', '\n', '\t':
			return true
		}
		return false
	})
	return f
}

// JoinSealLabels is the stored form of labels.
func JoinSealLabels(labels []string) string { return strings.Join(labels, "・") }

// Validate checks what the officer typed.
func (l LetterSettings) Validate() error {
	oneLine := func(field, v string, max int) error {
		switch {
		case !utf8.ValidString(v):
			return Invalid(field, "encoding")
		case hasControl(v):
			return Invalid(field, "control")
		case utf8.RuneCountInString(v) > max:
			return Invalid(field, "toolong")
		}
		return nil
	}
	if err := oneLine("letter_symbol", l.Symbol, MaxLetterSymbolRunes); err != nil {
		return err
	}
	if strings.ContainsAny(l.Symbol, "第号") {
		// The register adds 第N号: a symbol that has them would print twice.
		return Invalid("letter_symbol", "numbered")
	}
	if err := oneLine("letter_sender_title", l.SenderTitle, MaxNameRunes); err != nil {
		return err
	}
	if err := oneLine("letter_sender_name", l.SenderName, MaxNameRunes); err != nil {
		return err
	}
	if len(l.SealLabels) == 0 {
		return Invalid("letter_seal_labels", "required")
	}
	if len(l.SealLabels) > MaxLetterSealLabels {
		return Invalid("letter_seal_labels", "toomany")
	}
	for _, s := range l.SealLabels {
		if err := oneLine("letter_seal_labels", s, MaxLetterSealLabelRune); err != nil {
			return err
		}
	}
	if !utf8.ValidString(l.Contact) {
		return Invalid("letter_contact", "encoding")
	}
	if utf8.RuneCountInString(l.Contact) > MaxLetterContactRunes {
		return Invalid("letter_contact", "toolong")
	}
	lines := strings.Split(l.Contact, "\n")
	if len(lines) > MaxLetterContactLines {
		return Invalid("letter_contact", "toomanylines")
	}
	for _, line := range lines {
		if hasControl(strings.TrimSuffix(line, "\r")) {
			return Invalid("letter_contact", "control")
		}
	}
	return nil
}

// SaveLetterSettings writes the settings that differ from old (each write to
// the case file is audited, so unchanged ones are not written).
func SaveLetterSettings(s Store, old, l LetterSettings) error {
	if err := l.Validate(); err != nil {
		return err
	}
	seal := func(stamped bool) string {
		if stamped {
			return LetterSealStamped
		}
		return LetterSealOmitted
	}
	for _, kv := range []struct{ key, old, new string }{
		{SettingLetterSymbol, old.Symbol, l.Symbol},
		{SettingLetterSenderTitle, old.SenderTitle, l.SenderTitle},
		{SettingLetterSenderName, old.SenderName, l.SenderName},
		{SettingLetterSeal, seal(old.Stamped), seal(l.Stamped)},
		{SettingLetterSealLabels, JoinSealLabels(old.SealLabels), JoinSealLabels(l.SealLabels)},
		{SettingLetterContact, old.Contact, l.Contact},
	} {
		if kv.old == kv.new {
			continue
		}
		if err := s.SetSetting(kv.key, kv.new); err != nil {
			return err
		}
	}
	return nil
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
