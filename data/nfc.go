package data

import (
	"reflect"

	"golang.org/x/text/unicode/norm"
)

// Typed text is stored in NFC (Unicode Normalization Form C). An IME, a
// paste from a Mac (where file names and some text come decomposed) or a
// macOS keyboard may hand the same が as が (U+304C) or as か + ゙
// (U+304B U+3099): the two look alike but do not compare, search or count
// alike, and the decomposed one prints as two glyphs in a font that does not
// compose it. So every Validate of a record typed on the screens (which the
// store calls before it writes) first puts the record's text into NFC:
// screens, CLI and imports all pass there. NFC leaves half-width kana (ｶﾞ)
// and ASCII as they are; it is NFKC that would change them, and an officer's
// ｶﾞ is kept as typed.

// normalizeText puts every string of the record v points to into NFC: its
// string fields, the strings of its slices and maps' values, and those of
// the structs it holds (a meeting's items).
func normalizeText(v any) {
	normalizeValue(reflect.ValueOf(v))
}

func normalizeValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			normalizeValue(v.Elem())
		}
	case reflect.String:
		if s := v.String(); v.CanSet() && !norm.NFC.IsNormalString(s) {
			v.SetString(norm.NFC.String(s))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				normalizeValue(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes (a snapshot, a signature) are not text
		}
		for i := range v.Len() {
			normalizeValue(v.Index(i))
		}
	case reflect.Map:
		if v.Type().Elem().Kind() != reflect.String {
			return
		}
		for _, k := range v.MapKeys() {
			if s := v.MapIndex(k).String(); !norm.NFC.IsNormalString(s) {
				v.SetMapIndex(k, reflect.ValueOf(norm.NFC.String(s)).Convert(v.Type().Elem()))
			}
		}
	}
}
