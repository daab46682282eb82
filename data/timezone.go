package data

import (
	"fmt"
	"sync"
	"time"
)

// The case file's time zone. Every screen and every document shows times in
// it, whatever the zone of the PC: an officer on a laptop left in UTC and one
// in the office see and print the same 14時05分. Times are stored in UTC; the
// zone is only how they are shown and how typed times are read.

// SettingTimeZone is the settings key of the case file's zone, an IANA name.
const SettingTimeZone = "timezone"

// DefaultTimeZone is the zone of a case file that sets none.
const DefaultTimeZone = "Asia/Tokyo"

// TimeZone is the case file's zone. It fails soft: a setting that cannot be
// read or names no known zone gives Asia/Tokyo.
func TimeZone(s Store) *time.Location {
	// The SQLite store keeps the zone it shows its times in.
	if z, ok := s.(interface{ TimeZone() *time.Location }); ok {
		return z.TimeZone()
	}
	name, err := s.Setting(SettingTimeZone, DefaultTimeZone)
	if err != nil {
		name = DefaultTimeZone
	}
	return LoadZone(name)
}

var zones sync.Map // name → *time.Location

// LoadZone returns the zone named (an IANA name such as Asia/Tokyo), or
// Asia/Tokyo when the name is empty or unknown. The app embeds the zone
// database (time/tzdata), so this does not depend on the PC's; should even
// Asia/Tokyo be missing, a fixed +09:00 named JST is used.
func LoadZone(name string) *time.Location {
	if l, err := CheckTimeZone(name); err == nil {
		return l
	}
	if l, err := CheckTimeZone(DefaultTimeZone); err == nil {
		return l
	}
	return time.FixedZone("JST", 9*3600)
}

// CheckTimeZone loads a zone typed in the settings; "Local" and "" are
// refused (they would follow the PC again). Errors are Invalid("timezone",
// "unknown").
func CheckTimeZone(name string) (*time.Location, error) {
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location), nil
	}
	if name == "" || name == "Local" {
		return nil, &Error{Code: EINVALID, Field: SettingTimeZone, Rule: "unknown", Err: fmt.Errorf("time zone %q", name)}
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, &Error{Code: EINVALID, Field: SettingTimeZone, Rule: "unknown", Err: err}
	}
	zones.Store(name, l)
	return l, nil
}
