package reports

import (
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/osaki-city/kinkyu/data"
)

// A recorded 第n報 keeps the CaseData its document was made from (Freeze),
// so that printing it again (Thaw, then the same document function) gives the
// same text whatever happened to the case since: later entries, edited
// report items, a 第2報.

// frozenVersion is the format of a snapshot; Thaw refuses another.
const frozenVersion = 1

// frozen is what a snapshot holds. Times keep their instant and offset in
// JSON but not their zone's name, so the zones are kept by name beside them.
type frozen struct {
	Format int               `json:"format"`
	Zone   string            `json:"zone"`            // the case's zone (its discovery's)
	Zones  map[string]string `json:"zones,omitempty"` // the *time.Location fields of CaseData, by field name
	Data   CaseData          `json:"data"`
}

var locationType = reflect.TypeOf((*time.Location)(nil))

// Freeze makes the snapshot of a report: cd as it is, with the 経過 cut at
// the report's 報告日時 (what was known when it was reported).
func Freeze(cd CaseData) ([]byte, error) {
	cd.Timeline = cutAt(cd.Timeline, cd.reportTime())
	f := frozen{Format: frozenVersion, Zone: cd.Case.DiscoveredAt.Location().String()}
	// A *time.Location has no exported fields: JSON would write {} and read
	// back a zone without rules. Keep its name and restore it on Thaw.
	v := reflect.ValueOf(&cd).Elem()
	for i := range v.NumField() {
		fv, ft := v.Field(i), v.Type().Field(i)
		if ft.Type != locationType || !ft.IsExported() || fv.IsNil() {
			continue
		}
		if f.Zones == nil {
			f.Zones = map[string]string{}
		}
		f.Zones[ft.Name] = fv.Interface().(*time.Location).String()
		fv.Set(reflect.Zero(locationType))
	}
	f.Data = cd
	b, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("reports: freeze case %s: %w", cd.Case.Number, err)
	}
	return b, nil
}

// Thaw reads a snapshot made by Freeze.
func Thaw(b []byte) (CaseData, error) {
	var f frozen
	if err := json.Unmarshal(b, &f); err != nil {
		return CaseData{}, &data.Error{Code: data.EDAMAGED, Err: fmt.Errorf("reports: thaw report: %w", err)}
	}
	if f.Format != frozenVersion {
		return CaseData{}, &data.Error{Code: data.ENEWER, Err: fmt.Errorf("reports: thaw report: format %d, this app knows %d", f.Format, frozenVersion)}
	}
	cd := f.Data
	if loc := loadZone(f.Zone); loc != nil {
		cd.Case.DiscoveredAt = cd.Case.DiscoveredAt.In(loc)
	}
	v := reflect.ValueOf(&cd).Elem()
	for name, zone := range f.Zones {
		fv := v.FieldByName(name)
		if loc := loadZone(zone); fv.IsValid() && fv.Type() == locationType && loc != nil {
			fv.Set(reflect.ValueOf(loc))
		}
	}
	return cd, nil
}

// loadZone is the zone of a name, nil for "" or an unknown one (the times
// then keep the offset they were stored with).
func loadZone(name string) *time.Location {
	if name == "" {
		return nil
	}
	if name == "Local" {
		return time.Local
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return loc
}

// reportTime is the 報告日時 of the case's report (by its class); zero when
// none was recorded yet.
func (cd CaseData) reportTime() time.Time {
	switch cd.Case.Class {
	case data.ClassMisconduct:
		return cd.Misconduct.ReportedAt
	case data.ClassFailure:
		return cd.Failure.ReportedAt
	}
	return time.Time{}
}

// cutAt keeps the entries that happened up to until (all when zero).
func cutAt(entries []data.Entry, until time.Time) []data.Entry {
	if until.IsZero() {
		return entries
	}
	out := make([]data.Entry, 0, len(entries))
	for _, e := range entries {
		if !e.At.After(until) {
			out = append(out, e)
		}
	}
	return out
}
