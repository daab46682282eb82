package reports

import (
	"slices"
	"strings"

	"github.com/osaki-city/kinkyu/data"
)

// Addressees are the 宛先 an outgoing letter may be sent to, from the case
// file's contact network, the usual one first: the prefecture's governor
// (宮城県知事), the prefecture's sections as heads (宮城県総務部市町村課長),
// 指定情報処理機関, the city's own roles (セキュリティ統括責任者, for an internal
// copy) and the contractors (株式会社… 御中). The officer may type another.
// No honorific is added except 御中 for a company: the letter adds 様 once.
func Addressees(s data.Store) ([]string, error) {
	city, err := s.Setting(data.SettingCity, data.DefaultCity)
	if err != nil {
		return nil, err
	}
	pref, err := s.Setting(data.SettingPrefecture, data.DefaultPrefecture)
	if err != nil {
		return nil, err
	}
	ps, err := s.ContactPoints()
	if err != nil {
		return nil, err
	}
	out := []string{pref + "知事"}
	add := func(a string) {
		if a = strings.TrimSpace(a); a != "" && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	for _, body := range []data.Body{data.BodyPrefecture, data.BodyAgency, data.BodyCity, data.BodyContractor, data.BodyOther} {
		for _, p := range ps {
			if p.Body != body {
				continue
			}
			switch body {
			case data.BodyPrefecture:
				add(sectionHead(p.Title(city, pref), pref))
			case data.BodyAgency:
				add(strings.Join(strings.Fields(p.Title(city, pref)), ""))
			case data.BodyCity:
				add(p.Role.Label())
			default:
				if p.Name != "" {
					add(p.Name + " 御中")
				}
			}
		}
	}
	return out, nil
}

// sectionHead is the head of a section named in the network: 「宮城県 市町村課」
// → 宮城県市町村課長 (an addressee is a person or a post, not a room). A name
// that is the prefecture alone is its governor, already listed.
func sectionHead(name, pref string) string {
	name = strings.Join(strings.Fields(name), "")
	switch {
	case name == pref:
		return ""
	case strings.HasSuffix(name, "課"), strings.HasSuffix(name, "室"), strings.HasSuffix(name, "局"),
		strings.HasSuffix(name, "部"), strings.HasSuffix(name, "センター"):
		return name + "長"
	}
	return name
}
