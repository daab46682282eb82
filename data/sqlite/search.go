package sqlite

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/osaki-city/kinkyu/data"
)

// Search finds the cases whose title or timeline contains every word of q
// (words are separated by spaces): the cases with the newest matching records,
// at most limit of them, most recently discovered first, each with the newest
// matching text as its snippet.
//
// Words of three or more characters go through the FTS5 trigram index. The
// trigram index cannot match shorter words (漏洩, CS), so those are matched with
// LIKE: on the rows the index found when there is a long word too, or by a scan
// when every word is short. Either way the rows are read newest first and the
// reading stops once limit cases are found, so common words answer quickly.
func (s *Store) Search(q string, limit int) ([]data.SearchHit, error) {
	words := strings.Fields(q)
	if len(words) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = 100
	}
	var long []string
	var likes []string
	var likeArgs []any
	for _, w := range words {
		if utf8.RuneCountInString(w) >= 3 {
			long = append(long, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
		} else {
			likes = append(likes, ` AND text LIKE ? ESCAPE '\'`)
			likeArgs = append(likeArgs, "%"+escapeLike(w)+"%")
		}
	}
	var entryQuery, titleQuery string
	var args []any
	if len(long) > 0 {
		// Entries are indexed under their own id, titles under -caseID.
		match := `SELECT case_id, entry_id, text FROM search WHERE search MATCH ?` + strings.Join(likes, "")
		entryQuery = match + ` AND rowid > 0 ORDER BY rowid DESC`
		titleQuery = `SELECT case_id, 0, text FROM search JOIN cases c ON c.id = case_id
			WHERE search MATCH ?` + strings.Join(likes, "") + ` AND search.rowid < 0 ORDER BY c.discovered_at DESC LIMIT ?`
		args = append([]any{strings.Join(long, " ")}, likeArgs...)
	} else {
		entryQuery = `SELECT case_id, id, text FROM entries WHERE 1` + strings.Join(likes, "") + ` ORDER BY id DESC`
		titleQuery = `SELECT id, 0, title FROM cases WHERE 1` + strings.ReplaceAll(strings.Join(likes, ""), "text LIKE", "title LIKE") +
			` ORDER BY discovered_at DESC LIMIT ?`
		args = likeArgs
	}

	found := map[int64]*data.SearchHit{}
	collect := func(query string, stopAt int, args ...any) error {
		rows, err := s.db.Query(query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var caseID, entryID int64
			var text string
			if err := rows.Scan(&caseID, &entryID, &text); err != nil {
				return err
			}
			if _, ok := found[caseID]; !ok {
				found[caseID] = &data.SearchHit{EntryID: entryID, Snippet: snippet(text, words[0], 40)}
				if stopAt > 0 && len(found) >= stopAt {
					break
				}
			}
		}
		return rows.Err()
	}
	if err := collect(entryQuery, limit, args...); err != nil {
		return nil, sqlError("search", err)
	}
	if err := collect(titleQuery, 0, append(args, limit)...); err != nil {
		return nil, sqlError("search", err)
	}

	out := make([]data.SearchHit, 0, len(found))
	for id, h := range found {
		c, err := s.Case(id)
		if err != nil {
			return nil, err
		}
		h.Case = c
		out = append(out, *h)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Case, out[j].Case
		if !a.DiscoveredAt.Equal(b.DiscoveredAt) {
			return a.DiscoveredAt.After(b.DiscoveredAt)
		}
		return a.ID > b.ID
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// snippet cuts text to about width characters around the first match of word,
// on one line.
func snippet(text, word string, width int) string {
	text = strings.Join(strings.Fields(text), " ")
	runes := []rune(text)
	if len(runes) <= width {
		return text
	}
	at := strings.Index(strings.ToLower(text), strings.ToLower(word))
	start := 0
	if at > 0 {
		start = utf8.RuneCountInString(text[:at]) - width/3
		if start < 0 {
			start = 0
		}
	}
	end := start + width
	if end > len(runes) {
		end = len(runes)
		start = max(0, end-width)
	}
	out := string(runes[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(runes) {
		out += "…"
	}
	return out
}
