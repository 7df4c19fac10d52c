package news

import (
	"strings"
	"unicode/utf8"
)

// A Segment is a piece of the excerpt Highlight returns: text as it is in
// the original, marked when it is a word that a word of the search matches.
type Segment struct {
	Text string
	Mark bool
}

// Highlight returns an excerpt of the plain text text, about width
// characters (runes) around the first word that the search query matches,
// as segments, the matching words marked. Words match by the rule of the
// search (see [MatchWord]): "dai hoi" marks "Đại hội", "bưởi" marks "bưởi"
// but not "buổi". Words the query excludes with a leading "-" are not
// marked, and quotes and other punctuation of the query count for nothing.
//
// When text has at most width characters it is returned whole; otherwise
// the excerpt starts at a word boundary a little before the first match
// (at the start of text when nothing matches) and ends at a word boundary,
// and an unmarked "…" segment stands for each part cut. The segments,
// without those, join into a part of text, unchanged: the caller escapes
// them (html/template does) and writes the marked ones in <mark>.
// Highlight returns nil when width <= 0 or text is empty. It is pure and
// safe for concurrent use.
func Highlight(query, text string, width int) []Segment {
	if width <= 0 || text == "" {
		return nil
	}
	marks := highlightWords(query)
	spans := wordSpans(text, marks)
	start, end := 0, len(text)
	if utf8.RuneCountInString(text) > width {
		first := 0
		for _, s := range spans {
			if s.mark {
				first = s.from
				break
			}
		}
		start, end = window(text, spans, first, width)
	}
	var out []Segment
	add := func(s string, mark bool) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Mark == mark {
			out[n-1].Text += s
			return
		}
		out = append(out, Segment{Text: s, Mark: mark})
	}
	if start > 0 {
		add(ellipsis, false)
	}
	at := start
	for _, s := range spans {
		if s.to <= start || s.from >= end || !s.mark {
			continue
		}
		add(text[at:s.from], false)
		add(text[s.from:s.to], true)
		at = s.to
	}
	add(text[at:end], false)
	if end < len(text) {
		if n := len(out); n > 0 && !out[n-1].Mark {
			out[n-1].Text += ellipsis
		} else {
			out = append(out, Segment{Text: ellipsis})
		}
	}
	return out
}

// highlightWords returns the words of query that Highlight marks: its
// search words, without those of a term beginning with "-".
func highlightWords(query string) []string {
	var words, excluded []string
	for _, f := range strings.Fields(Normalize(query)) {
		if rest, ok := strings.CutPrefix(f, "-"); ok && rest != "" {
			w, _ := SearchWords(rest)
			excluded = append(excluded, w...)
			continue
		}
		w, _ := SearchWords(f)
		words = append(words, w...)
	}
	out := words[:0]
	for _, w := range words {
		if !strings.Contains("\x00"+strings.Join(excluded, "\x00")+"\x00", "\x00"+w+"\x00") {
			out = append(out, w)
		}
	}
	return out
}

// A span is a word of a text, [from, to) in bytes, marked when a word of
// the search matches it.
type span struct {
	from, to int
	mark     bool
}

// wordSpans returns the words of text, split as SearchWords splits, each
// marked when one of words matches it.
func wordSpans(text string, words []string) []span {
	var out []span
	from := -1
	for i, r := range text + " " {
		switch {
		case !notWordRune(r) && i < len(text):
			if from < 0 {
				from = i
			}
		case from >= 0:
			w := text[from:i]
			mark := false
			if strings.ContainsFunc(w, isLetterOrDigit) {
				for _, q := range words {
					if MatchWord(q, w) {
						mark = true
						break
					}
				}
			}
			out = append(out, span{from, i, mark})
			from = -1
		}
	}
	return out
}

// window returns the bytes [start, end) of an excerpt of text of about
// width runes that holds the byte offset first: it starts at the word
// that begins about a quarter of width before first, and ends with the
// last word that fits.
func window(text string, spans []span, first, width int) (start, end int) {
	lead := width / 4
	start = first
	for range lead {
		if start == 0 {
			break
		}
		_, n := utf8.DecodeLastRuneInString(text[:start])
		start -= n
	}
	if start > 0 {
		for _, s := range spans {
			if s.from >= start {
				start = min(s.from, first)
				break
			}
		}
	}
	end = start
	for range width {
		if end == len(text) {
			return start, end
		}
		_, n := utf8.DecodeRuneInString(text[end:])
		end += n
	}
	last := -1
	for _, s := range spans {
		if s.to <= end && s.from >= start {
			last = s.to
		}
	}
	if last > start {
		end = last
	}
	return start, end
}
