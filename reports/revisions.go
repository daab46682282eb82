package reports

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Revision is one revision of a PDF: the original document, then each
// incremental update, as bytes [Start, End) of the file. A PDF is signed by
// appending an update (the signature, its field and widget, the page's
// /Annots and the catalog's /AcroForm); anything else an update writes
// changes the document after the signatures made before it.
type Revision struct {
	Start, End int64
	Signatures []int    // the signatures (indexes into the reports) this revision adds
	Changes    []string // what it changes beyond adding a signature (empty for the original and for a clean signature update)
}

var (
	reObjHeader = regexp.MustCompile(`(?:^|[\s>\]])(\d{1,10})\s+(\d{1,5})\s+obj\b`)
	reEOF       = regexp.MustCompile(`%%EOF[ \t]*(\r\n|\r|\n)?`)
	reXrefKw    = regexp.MustCompile(`(?:^|[\r\n])xref\s`)
	reXrefSub   = regexp.MustCompile(`^(\d{1,10})\s+(\d{1,10})\s*$`)
	reXrefEntry = regexp.MustCompile(`^(\d{10})\s+(\d{5})\s+([nf])`)
)

// pdfFile indexes the objects of a file by number and offset.
type pdfFile struct {
	b    []byte
	defs map[int][]int // object number → offsets of its definitions, in file order
	// comp holds the objects of object streams (compressed), by number, in
	// file order of their object stream; stmErr says why an object stream
	// could not be read, by its offset.
	comp   map[int][]*pdfObject
	stmErr map[int]string
	ends   []int // revisionEnds
	in     *inflater
}

var reObjStm = regexp.MustCompile(`/Type\s*/ObjStm\b`)

func indexPDF(b []byte) *pdfFile {
	f := &pdfFile{b: b, defs: map[int][]int{}, comp: map[int][]*pdfObject{}, stmErr: map[int]string{}, in: newInflater()}
	var all []int
	for _, m := range reObjHeader.FindAllSubmatchIndex(b, -1) {
		n, err := strconv.Atoi(string(b[m[2]:m[3]]))
		if err != nil {
			continue
		}
		f.defs[n] = append(f.defs[n], m[2])
		all = append(all, m[2])
	}
	// Object streams: the object around each /Type /ObjStm.
	seen := map[int]bool{}
	for _, m := range reObjStm.FindAllIndex(b, -1) {
		k := sort.SearchInts(all, m[0])
		if k == 0 || seen[all[k-1]] {
			continue
		}
		off := all[k-1]
		seen[off] = true
		stm, err := parseObjectAt(b, off)
		if err != nil || !stm.stream {
			continue
		}
		if d, ok := stm.value.(pdfDict); !ok || dictName(d, "Type") != "ObjStm" {
			continue
		}
		objs, err := f.in.objStmObjects(stm)
		if err != nil {
			f.stmErr[off] = err.Error()
			continue
		}
		for _, o := range objs {
			o.off = off
			f.comp[o.num] = append(f.comp[o.num], o)
		}
	}
	f.ends = revisionEnds(b)
	return f
}

// before returns the last definition of object num that starts before off:
// written in the file, or compressed in an object stream that starts before
// off. A cross-reference stream is no object of the document: a number last
// used by one counts as free (pdfsign gives it to its next new object).
func (f *pdfFile) before(num, off int) *pdfObject {
	o := f.lastDef(num, off)
	if o != nil && o.stream {
		if d, ok := o.value.(pdfDict); ok && dictName(d, "Type") == "XRef" {
			return nil
		}
	}
	return o
}

func (f *pdfFile) lastDef(num, off int) *pdfObject {
	var plain *pdfObject
	offs := f.defs[num]
	k := sort.SearchInts(offs, off)
	for k--; k >= 0; k-- {
		if o, err := parseObjectAt(f.b, offs[k]); err == nil && o.num == num {
			plain = o
			break
		}
	}
	cs := f.comp[num]
	for i := len(cs) - 1; i >= 0; i-- {
		if c := cs[i]; c.off < off {
			if plain == nil || c.off > plain.off {
				return c
			}
			break
		}
	}
	return plain
}

// revisionEnds are the offsets just after each %%EOF (and its line end).
func revisionEnds(b []byte) []int {
	var ends []int
	for _, m := range reEOF.FindAllIndex(b, -1) {
		ends = append(ends, m[1])
	}
	if len(ends) == 0 || ends[len(ends)-1] < len(bytes.TrimRight(b, "\r\n\t \x00")) {
		ends = append(ends, len(b)) // bytes after the last %%EOF: an unfinished update
	}
	return ends
}

// splitRevisions returns the revisions of the file, with the changes of each
// update found by checkUpdate.
func splitRevisions(b []byte) []Revision {
	f := indexPDF(b)
	var revs []Revision
	start := 0
	for _, end := range f.ends {
		if end <= start {
			continue
		}
		r := Revision{Start: int64(start), End: int64(end)}
		if start > 0 {
			r.Changes = f.checkUpdate(start, end)
		}
		revs = append(revs, r)
		start = end
	}
	return revs
}

// trailerIn parses the last trailer dictionary in b[start:end], nil if none.
func trailerIn(b []byte, start, end int) pdfDict {
	k := bytes.LastIndex(b[start:end], []byte("trailer"))
	if k < 0 {
		return nil
	}
	v, _, err := parseValue(b[:end], start+k+len("trailer"), 0)
	if err != nil {
		return nil
	}
	d, _ := v.(pdfDict)
	return d
}

// revTrailer returns the trailer of the revision b[start:end]: the
// dictionary after "trailer", or the dictionary of the cross-reference
// stream its startxref points to (then returned too). nil if none.
func (f *pdfFile) revTrailer(start, end int) (pdfDict, *pdfObject) {
	b := f.b[:end]
	k := bytes.LastIndex(b[start:], []byte("startxref"))
	if k >= 0 {
		v, _, err := parseValue(b, start+k+len("startxref"), 0)
		if off := intOf(v, -1); err == nil && off >= start && off < start+k {
			// pdfsign points at the line end before the object.
			if off = skipSpace(b, off); !bytes.HasPrefix(b[off:], []byte("xref")) {
				if o, err := parseObjectAt(b, off); err == nil {
					if d, ok := o.value.(pdfDict); ok && o.stream && dictName(d, "Type") == "XRef" {
						return d, o
					}
				}
			}
		}
	}
	return trailerIn(f.b, start, end), nil
}

// trailerBefore is the trailer in force before off: the trailers of the
// revisions before it, each later one's keys over the earlier ones' (an
// update's cross-reference stream need not repeat /Info).
func (f *pdfFile) trailerBefore(off int) pdfDict {
	var merged pdfDict
	start := 0
	for _, end := range f.ends {
		if end > off {
			break
		}
		if t, _ := f.revTrailer(start, end); t != nil {
			if merged == nil {
				merged = pdfDict{}
			}
			for k, v := range t {
				merged[k] = v
			}
		}
		start = end
	}
	return merged
}

// resolve returns the value of v, following one reference as the file stood
// before off, or as defined in the update (upd).
func (f *pdfFile) resolve(v any, off int, upd map[int]*pdfObject) any {
	r, ok := v.(pdfRef)
	if !ok {
		return v
	}
	if upd != nil {
		if o := upd[r.num]; o != nil {
			return o.value
		}
	}
	if o := f.before(r.num, off); o != nil {
		return o.value
	}
	return nil
}

// allowedAcroFormKeys may differ in /AcroForm when a signature field is added.
var allowedAcroFormKeys = map[pdfName]bool{"Fields": true, "SigFlags": true, "DA": true, "DR": true}

// checkUpdate lists what the update b[start:end] changes beyond adding
// signatures. Allowed: new signature dictionaries, new signature
// fields/widgets and the appearance streams they use, the page's /Annots
// growing by those widgets, the catalog's /AcroForm growing by those fields,
// and the cross-reference table and trailer.
func (f *pdfFile) checkUpdate(start, end int) []string {
	b := f.b
	var changes []string
	change := func(format string, args ...any) { changes = append(changes, fmt.Sprintf(format, args...)) }

	upd := map[int]*pdfObject{}
	var order []int
	for num, offs := range f.defs {
		for _, off := range offs {
			if off < start || off >= end {
				continue
			}
			o, err := parseObjectAt(b[:end], off)
			if err != nil || o.num != num {
				change("an unreadable object %d at byte %d", num, off)
				continue
			}
			if upd[num] != nil {
				change("object %d defined twice", num)
			}
			upd[num] = o
			order = append(order, num)
		}
	}
	// Objects compressed in the update's object streams are checked as if
	// written in the file.
	for num, cs := range f.comp {
		for _, o := range cs {
			if o.off < start || o.off >= end {
				continue
			}
			if upd[num] != nil {
				change("object %d defined twice", num)
				continue
			}
			upd[num] = o
			order = append(order, num)
		}
	}
	for off, why := range f.stmErr {
		if off >= start && off < end {
			change("the object stream at byte %d cannot be read (%s)", off, why)
		}
	}
	sort.Ints(order)
	tr, xrefStm := f.revTrailer(start, end)
	isNew := func(num int) bool { return f.before(num, start) == nil }
	done := map[int]bool{}

	// Signature dictionaries and signature widgets (fields), new ones only.
	sigWidgets := map[int]bool{}
	var appearances []pdfRef
	for _, num := range order {
		o := upd[num]
		d, _ := o.value.(pdfDict)
		if d == nil {
			continue
		}
		switch t := dictName(d, "Type"); {
		case t == "ObjStm":
			// Its objects are checked one by one (above, in upd); a
			// damaged one is reported above.
			done[num] = true
		case t == "XRef":
			if xrefStm == nil || xrefStm.num != num || xrefStm.off != o.off {
				change("object %d is a cross-reference stream that the update's startxref does not point to", num)
			}
			done[num] = true
		case t == "Sig" || t == "DocTimeStamp" || d["ByteRange"] != nil && d["Contents"] != nil:
			if !isNew(num) {
				change("the signature dictionary %d of an earlier signature was replaced", num)
			}
			done[num] = true
		case dictName(d, "FT") == "Sig" && (dictName(d, "Subtype") == "Widget" || d["Kids"] == nil):
			if old := f.before(num, start); old != nil {
				od, _ := old.value.(pdfDict)
				if od == nil || od["V"] != nil || !f.sameExcept(od, d, start, upd, "V", "AP") {
					change("the signature field %d was changed", num)
				}
			}
			sigWidgets[num] = true
			refsIn(d["AP"], &appearances)
			done[num] = true
		}
	}
	// The appearance streams of those widgets and what their resources use,
	// when new in this update.
	for len(appearances) > 0 {
		r := appearances[0]
		appearances = appearances[1:]
		o := upd[r.num]
		if o == nil || done[r.num] {
			continue
		}
		if !isNew(r.num) {
			continue // an existing object changed by the update: reported below
		}
		done[r.num] = true
		if d, ok := o.value.(pdfDict); ok {
			refsIn(d["Resources"], &appearances)
			refsIn(d["Length"], &appearances)
		}
	}

	// The trailer: the same /Info, no /Encrypt; the catalog may be
	// rewritten (as a new object) with a grown /AcroForm only.
	prev := f.trailerBefore(start)
	if tr == nil {
		change("the update has no trailer")
	} else if prev != nil {
		// An update that does not repeat /Info keeps it.
		if tr["Info"] != nil && canon(tr["Info"]) != canon(prev["Info"]) {
			change("the document information (/Info) was replaced")
		}
		if tr["XRefStm"] != nil {
			change("the update has a second, hidden cross-reference stream (/XRefStm)")
		}
		if tr["Encrypt"] != nil || prev["Encrypt"] != nil {
			change("the document is encrypted")
		}
		newCat, _ := f.resolve(tr["Root"], start, upd).(pdfDict)
		oldCat, _ := f.resolve(prev["Root"], start, nil).(pdfDict)
		if r, ok := tr["Root"].(pdfRef); ok && upd[r.num] != nil {
			done[r.num] = true
		}
		switch {
		case newCat == nil || oldCat == nil:
			change("the document catalog cannot be read")
		// pdfsign also writes /Version /1.5 into the catalog it rewrites.
		case !f.sameExcept(oldCat, newCat, start, upd, "AcroForm", "Version"):
			change("the document catalog was changed beyond /AcroForm (%s)", strings.Join(diffKeys(oldCat, newCat, "AcroForm", "Version"), ", "))
		default:
			if r, ok := newCat["AcroForm"].(pdfRef); ok && upd[r.num] != nil {
				done[r.num] = true
			}
			newAF, _ := f.resolve(newCat["AcroForm"], start, upd).(pdfDict)
			oldAF, _ := f.resolve(oldCat["AcroForm"], start, nil).(pdfDict)
			if canon(newAF) != canon(oldAF) {
				for k := range union(newAF, oldAF) {
					if !allowedAcroFormKeys[k] && canon(newAF[k]) != canon(oldAF[k]) {
						change("the form (/AcroForm /%s) was changed", k)
					}
				}
				oldF, _ := f.resolve(oldAF["Fields"], start, nil).(pdfArray)
				newF, _ := f.resolve(newAF["Fields"], start, upd).(pdfArray)
				if r, ok := newAF["Fields"].(pdfRef); ok && upd[r.num] != nil {
					done[r.num] = true
				}
				for _, added := range grownBy(oldF, newF, &changes, "form fields") {
					if !sigWidgets[added.num] && !f.isSigField(added.num, start) {
						change("a form field (object %d) that is not a signature was added", added.num)
					}
				}
			}
		}
	}

	// Pages: only /Annots may change, and only by signature widgets.
	for _, num := range order {
		o := upd[num]
		d, _ := o.value.(pdfDict)
		if d == nil || done[num] || dictName(d, "Type") != "Page" {
			continue
		}
		done[num] = true
		old := f.before(num, start)
		if old == nil {
			change("a page (object %d) was added", num)
			continue
		}
		od, _ := old.value.(pdfDict)
		if od == nil || !f.sameExcept(od, d, start, upd, "Annots") {
			change("page object %d was changed (its content, resources or size)", num)
			continue
		}
		if r, ok := d["Annots"].(pdfRef); ok && upd[r.num] != nil {
			done[r.num] = true
		}
		oldA, _ := f.resolve(od["Annots"], start, nil).(pdfArray)
		newA, _ := f.resolve(d["Annots"], start, upd).(pdfArray)
		for _, added := range grownBy(oldA, newA, &changes, fmt.Sprintf("annotations of page object %d", num)) {
			if !sigWidgets[added.num] && !f.isSigField(added.num, start) {
				change("an annotation (object %d) that is not a signature was added to page object %d", added.num, num)
			}
		}
	}

	for _, num := range order {
		if done[num] {
			continue
		}
		o := upd[num]
		kind := "an object"
		if d, ok := o.value.(pdfDict); ok {
			if t := dictName(d, "Type"); t != "" {
				kind = "/" + t
			}
			if st := dictName(d, "Subtype"); st != "" {
				kind += " /" + st
			}
		} else if o.stream {
			kind = "a stream"
		}
		if isNew(num) {
			change("object %d (%s) was added", num, kind)
		} else {
			change("object %d (%s) was replaced", num, kind)
		}
	}
	if xrefStm != nil {
		changes = append(changes, f.checkXrefStream(start, xrefStm, upd)...)
	} else {
		changes = append(changes, f.checkXref(start, end, upd)...)
	}
	return changes
}

// checkXrefStream checks the update's cross-reference stream as checkXref
// checks a table: every object it points to is defined in the update where
// it says (at that offset, or at that place of that object stream), or is
// the definition in force before the update; nothing is freed.
func (f *pdfFile) checkXrefStream(start int, x *pdfObject, upd map[int]*pdfObject) []string {
	entries, err := f.in.xrefStreamEntries(x)
	if err != nil {
		return []string{fmt.Sprintf("the cross-reference stream cannot be read (%v)", err)}
	}
	var changes []string
	for _, e := range entries {
		o, old := upd[e.num], f.before(e.num, start)
		switch e.typ {
		case 0:
			if e.num != 0 && old != nil {
				changes = append(changes, fmt.Sprintf("object %d was deleted", e.num))
			}
		case 1:
			at := e.off
			if at >= 0 && at < len(f.b) {
				at = skipSpace(f.b, at)
			}
			if !(o != nil && o.inStm == 0 && o.off == at) && !(old != nil && old.inStm == 0 && old.off == at) {
				changes = append(changes, fmt.Sprintf("the cross-reference stream points object %d to byte %d, not to its definition in the update", e.num, e.off))
			}
		case 2:
			if !(o != nil && o.inStm == e.stm && o.stmIndex == e.index) && !(old != nil && old.inStm == e.stm && old.stmIndex == e.index) {
				changes = append(changes, fmt.Sprintf("the cross-reference stream points object %d to object stream %d, not to its definition in the update", e.num, e.stm))
			}
		}
		// Other types are references to nothing (null), by the standard.
	}
	return changes
}

// isSigField reports whether object num, as it stood before off, is a
// signature field.
func (f *pdfFile) isSigField(num, off int) bool {
	o := f.before(num, off)
	if o == nil {
		return false
	}
	d, _ := o.value.(pdfDict)
	return d != nil && dictName(d, "FT") == "Sig"
}

// checkXref checks the update's cross-reference table: every object it
// points to is defined in the update (at that offset), and nothing is freed.
func (f *pdfFile) checkXref(start, end int, upd map[int]*pdfObject) []string {
	b := f.b[:end]
	m := reXrefKw.FindIndex(b[start:])
	if m == nil {
		return []string{"the update has no cross-reference table"}
	}
	var changes []string
	i := start + m[1]
	lines := bytes.FieldsFunc(b[i:], func(r rune) bool { return r == '\n' || r == '\r' })
	for k := 0; k < len(lines); {
		sub := reXrefSub.FindSubmatch(bytes.TrimSpace(lines[k]))
		if sub == nil {
			break // "trailer"
		}
		first, _ := strconv.Atoi(string(sub[1]))
		count, _ := strconv.Atoi(string(sub[2]))
		k++
		for n := 0; n < count && k < len(lines); n, k = n+1, k+1 {
			e := reXrefEntry.FindSubmatch(bytes.TrimSpace(lines[k]))
			if e == nil {
				return append(changes, "the cross-reference table cannot be read")
			}
			num := first + n
			off, _ := strconv.Atoi(string(e[1]))
			if string(e[3]) == "f" {
				if num != 0 && f.before(num, start) != nil {
					changes = append(changes, fmt.Sprintf("object %d was deleted", num))
				}
				continue
			}
			if o := upd[num]; o == nil || o.off != off {
				if old := f.before(num, start); old == nil || old.off != off {
					changes = append(changes, fmt.Sprintf("the cross-reference table points object %d to byte %d, not to its definition in the update", num, off))
				}
			}
		}
	}
	return changes
}

// sameExcept reports whether two dictionaries, a as the file stood before
// start and b as the update writes it, say the same but for the keys named.
// A value written inline where the other has a reference to the same value
// counts as the same (pdfsign writes a page's /Resources inline).
func (f *pdfFile) sameExcept(a, b pdfDict, start int, upd map[int]*pdfObject, except ...string) bool {
	skip := map[pdfName]bool{}
	for _, k := range except {
		skip[pdfName(k)] = true
	}
	for k := range union(a, b) {
		if !skip[k] && !f.equiv(a[k], b[k], start, upd, 0) {
			return false
		}
	}
	return true
}

// equiv compares old (before start) and new (in the update) values,
// following a reference on one side only.
func (f *pdfFile) equiv(old, new any, start int, upd map[int]*pdfObject, depth int) bool {
	if depth > 8 {
		return canon(old) == canon(new)
	}
	ro, oldRef := old.(pdfRef)
	rn, newRef := new.(pdfRef)
	switch {
	case oldRef && newRef:
		return ro == rn
	case oldRef:
		return f.equiv(f.resolve(old, start, nil), new, start, upd, depth+1)
	case newRef:
		return f.equiv(old, f.resolve(rn, start, upd), start, upd, depth+1)
	}
	switch o := old.(type) {
	case pdfDict:
		n, ok := new.(pdfDict)
		if !ok || len(n) != len(o) {
			return false
		}
		for k, v := range o {
			w, ok := n[k]
			if !ok || !f.equiv(v, w, start, upd, depth+1) {
				return false
			}
		}
		return true
	case pdfArray:
		n, ok := new.(pdfArray)
		if !ok || len(n) != len(o) {
			return false
		}
		for i := range o {
			if !f.equiv(o[i], n[i], start, upd, depth+1) {
				return false
			}
		}
		return true
	}
	return canon(old) == canon(new)
}

// diffKeys names the keys whose values differ, but for those named.
func diffKeys(a, b pdfDict, except ...string) []string {
	var out []string
	for k := range union(a, b) {
		if !slices.Contains(except, string(k)) && canon(a[k]) != canon(b[k]) {
			out = append(out, fmt.Sprintf("/%s %s → %s", k, canon(a[k]), canon(b[k])))
		}
	}
	sort.Strings(out)
	return out
}

func union(a, b pdfDict) map[pdfName]bool {
	u := map[pdfName]bool{}
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

// grownBy returns the references newA adds to oldA, noting a change when an
// entry of oldA is missing from newA or newA holds anything but references.
func grownBy(oldA, newA pdfArray, changes *[]string, what string) []pdfRef {
	have := map[string]int{}
	for _, e := range newA {
		have[canon(e)]++
	}
	for _, e := range oldA {
		if have[canon(e)] == 0 {
			*changes = append(*changes, fmt.Sprintf("an entry was removed from the %s", what))
			return nil
		}
		have[canon(e)]--
	}
	seen := map[string]int{}
	for _, e := range oldA {
		seen[canon(e)]++
	}
	var added []pdfRef
	for _, e := range newA {
		if seen[canon(e)] > 0 {
			seen[canon(e)]--
			continue
		}
		r, ok := e.(pdfRef)
		if !ok {
			*changes = append(*changes, fmt.Sprintf("a direct object was added to the %s", what))
			continue
		}
		added = append(added, r)
	}
	return added
}
