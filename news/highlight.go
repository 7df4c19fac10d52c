package news

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Segment is a piece of the excerpt Highlight returns: text as it is in
// the original, marked when it is a match of the search.
type Segment struct {
	Text string
	// Mark is set on a match: a word that a word of the search matches,
	// or a run of adjacent words that a phrase of the search matches, with
	// the spaces and punctuation between them.
	Mark bool
	// Phrase is set on a match of a phrase.
	Phrase bool
}

// Highlight returns an excerpt of the plain text text, about width
// characters (runes) around the first match of the search s, as segments,
// the matches marked.
//
// Words match by the rule of the search (see [MatchWord]): "bưởi" marks
// "Bưởi" but not "buổi", "buoi" marks both, "hoà" marks "hòa", in NFC or
// NFD. A phrase of s matches a run of adjacent words of text (separated by
// spaces or punctuation only) word for word, and the run is one marked
// segment: `"đại hội"` marks "Đại hội" as one, where "dai hoi" marks "Đại"
// and "hội" each. A word that an exclusion of s matches, and every word of
// a run that an excluded phrase matches, is never marked, nor part of a
// marked phrase. Words are split as [ParseSearch] splits them, so a Search
// built by hand works as its String would.
//
// When text has at most width characters it is returned whole; otherwise
// the excerpt is centred on the first phrase match, else on the first word
// match (starting earlier when the match is near the end of text, so that
// the excerpt is as long), else it starts at the start of text. It starts
// and ends at word boundaries (a first word longer than width is cut, never
// before a combining mark), never cuts a phrase match, and an unmarked "…"
// segment stands for each part cut. The segments, without those, join into a part
// of text, unchanged: the caller escapes them (html/template does) and
// writes the marked ones in <mark>. Highlight returns nil when width <= 0
// or text is empty. It is pure and safe for concurrent use.
func Highlight(s Search, text string, width int) []Segment {
	if width <= 0 || text == "" {
		return nil
	}
	units := matchUnits(s, textWords(text))
	start, end := 0, len(text)
	if utf8.RuneCountInString(text) > width {
		start, end = window(text, units, width)
	}
	var out []Segment
	add := func(seg Segment) {
		if seg.Text == "" {
			return
		}
		if n := len(out); n > 0 && !seg.Mark && !out[n-1].Mark {
			out[n-1].Text += seg.Text
			return
		}
		out = append(out, seg)
	}
	if start > 0 {
		add(Segment{Text: ellipsis})
	}
	at := start
	for _, u := range units {
		if !u.mark || u.from < start || u.to > end {
			continue
		}
		add(Segment{Text: text[at:u.from]})
		add(Segment{Text: text[u.from:u.to], Mark: true, Phrase: u.phrase})
		at = u.to
	}
	add(Segment{Text: text[at:end]})
	if end < len(text) {
		add(Segment{Text: ellipsis})
	}
	return out
}

// A span is a word of a text, [from, to) in bytes.
type span struct {
	from, to int
	word     string
}

// textWords returns the words of text that hold a letter or a digit, split
// as ParseSearch splits a search.
func textWords(text string) []span {
	var out []span
	from := -1
	for i, r := range text + " " {
		switch {
		case !notWordRune(r) && i < len(text):
			if from < 0 {
				from = i
			}
		case from >= 0:
			if w := text[from:i]; strings.ContainsFunc(w, isLetterOrDigit) {
				out = append(out, span{from, i, w})
			}
			from = -1
		}
	}
	return out
}

// termWords returns the words of each term (a word, phrase or exclusion of
// a Search), split as textWords splits, leaving out terms without words.
func termWords(terms []string) [][]string {
	var out [][]string
	for _, t := range terms {
		var ws []string
		for _, w := range strings.FieldsFunc(t, notWordRune) {
			if strings.ContainsFunc(w, isLetterOrDigit) {
				ws = append(ws, w)
			}
		}
		if len(ws) > 0 {
			out = append(out, ws)
		}
	}
	return out
}

// A unit is what Highlight marks or leaves as one: a word of a text, or a
// run of adjacent words that phrases of the search match, [from, to) in
// bytes.
type unit struct {
	from, to     int
	mark, phrase bool
}

// matchUnits returns the units of the words of a text, in order, marked
// as the search s matches them (see Highlight).
func matchUnits(s Search, words []span) []unit {
	n := len(words)
	// A text repeats its words: each pair of a search word and a text
	// word is matched once, which halves the time and the memory of the
	// excerpt of a long body (BenchmarkHighlight: 9 ms and 9.7 MB before,
	// 4 ms and 4.1 MB after, for a body of 900 words).
	type pair struct{ query, text string }
	matched := map[pair]bool{}
	matches := func(q, t string) bool {
		m, ok := matched[pair{q, t}]
		if !ok {
			m = MatchWord(q, t)
			matched[pair{q, t}] = m
		}
		return m
	}
	// occurrences calls f with the index of each run of words that the
	// term matches word for word.
	occurrences := func(term []string, f func(i int)) {
		for i := 0; i+len(term) <= n; i++ {
			match := true
			for k, w := range term {
				if !matches(w, words[i+k].word) {
					match = false
					break
				}
			}
			if match {
				f(i)
			}
		}
	}
	excluded := make([]bool, n)
	for _, term := range termWords(s.Excluded) {
		occurrences(term, func(i int) {
			for k := range term {
				excluded[i+k] = true
			}
		})
	}
	mark := make([]bool, n)
	phrase := make([]bool, n)
	joined := make([]bool, n) // words i and i+1 are in one phrase match
	var single [][]string
	for _, term := range termWords(append(append([]string(nil), s.Words...), s.Phrases...)) {
		if len(term) == 1 {
			single = append(single, term)
			continue
		}
		occurrences(term, func(i int) {
			for k := range term {
				if excluded[i+k] {
					return
				}
			}
			for k := range term {
				mark[i+k], phrase[i+k] = true, true
				if k < len(term)-1 {
					joined[i+k] = true
				}
			}
		})
	}
	for _, term := range single {
		occurrences(term, func(i int) { mark[i] = mark[i] || !excluded[i] })
	}
	var out []unit
	for i := 0; i < n; i++ {
		j := i
		for joined[j] {
			j++
		}
		out = append(out, unit{from: words[i].from, to: words[j].to, mark: mark[i], phrase: phrase[i]})
		i = j
	}
	return out
}

// window returns the bytes [start, end) of an excerpt of text, which is
// longer than width runes, of about width runes: centred on the first
// phrase match of units, else on the first marked unit, else at the start
// of text. It starts at the start of text or of a unit and ends at the end
// of text or of a unit, and holds that match whole; when no unit fits, it
// ends after width runes, never before a combining mark.
func window(text string, units []unit, width int) (start, end int) {
	first := slices.IndexFunc(units, func(u unit) bool { return u.phrase })
	if first < 0 {
		first = slices.IndexFunc(units, func(u unit) bool { return u.mark })
	}
	lo := 0 // the first unit of the excerpt
	if first >= 0 {
		u := units[first]
		at := utf8.RuneCountInString(text[:u.from])
		from := at - (width-utf8.RuneCountInString(text[u.from:u.to]))/2
		from = max(0, min(from, utf8.RuneCountInString(text)-width, at))
		start = runeOffset(text, 0, from)
		lo = first
		for lo > 0 && units[lo-1].from >= start {
			lo--
		}
		start = units[lo].from
		if lo == 0 {
			start = 0
		}
	}
	limit := runeOffset(text, start, width)
	if limit == len(text) {
		return start, limit
	}
	end = -1
	for i := lo; i < len(units) && (units[i].to <= limit || i <= first); i++ {
		end = units[i].to
	}
	if end < 0 {
		end = limit
		for {
			r, _ := utf8.DecodeRuneInString(text[end:])
			_, size := utf8.DecodeLastRuneInString(text[:end])
			if !unicode.IsMark(r) || end-size <= start {
				break
			}
			end -= size
		}
	}
	return start, end
}

// runeOffset returns the byte offset n runes after the byte offset at in
// s, or len(s).
func runeOffset(s string, at, n int) int {
	for ; n > 0 && at < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[at:])
		at += size
	}
	return at
}
