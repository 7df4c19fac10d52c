package news

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A Search is a reader's search text, parsed (see [ParseSearch]). Every
// word is kept as typed, in NFC: a word typed with marks asks for those
// marks (see [MatchWord]).
//
// An article matches a Search when it holds every word of Words and every
// phrase of Phrases, in its title, summary or body text, and none of
// Excluded. Words written together are also looked for as a phrase: an
// article holding them in that order ranks above one holding them apart.
type Search struct {
	// Words are the words typed outside quotes, each once (compared
	// without case), in the order typed.
	Words []string
	// Phrases are the texts typed in quotes, and the words typed joined
	// by punctuation ("covid-19"), each as its words joined by one space;
	// an article must hold the words one after the other.
	Phrases []string
	// Excluded are the words, or phrases (words joined by one space),
	// typed after a leading "-": an article holding one is not a result.
	Excluded []string
}

// ParseSearch parses a reader's search text. Outside quotes, text is
// split at white space; a part beginning with "-" is excluded, and a part
// made of several words (joined by punctuation, as in "covid-19") is a
// phrase. Text between double quotes is a phrase ("-" before the opening
// quote excludes it); a missing closing quote ends at the end of the text.
// Words are split as [SearchWords] splits them, and only words holding a
// letter or a digit count: a phrase of one word is a word. Repeated words,
// phrases and exclusions, compared without case, count once.
//
// It fails with a *FieldError (wrapping ErrInvalid) naming "text" when
// text is longer than MaxQueryTextBytes, or when the words of the search,
// all three lists together, are more than MaxQueryWords distinct words; the
// parsed search is returned all the same. It is safe for concurrent use.
func ParseSearch(text string) (Search, error) {
	if len(text) > MaxQueryTextBytes {
		return Search{}, &FieldError{Field: "text", Rule: fmt.Sprintf("longer than %d bytes (has %d)", MaxQueryTextBytes, len(text))}
	}
	var s Search
	seen := map[string]bool{}  // lower-case words, phrases and "-" exclusions
	words := map[string]bool{} // lower-case distinct words of all three lists
	add := func(part string, excluded bool) {
		var ws []string
		for _, w := range strings.FieldsFunc(part, notWordRune) {
			if strings.ContainsFunc(w, isLetterOrDigit) {
				ws = append(ws, w)
			}
		}
		if len(ws) == 0 {
			return
		}
		for _, w := range ws {
			words[strings.ToLower(w)] = true
		}
		joined := strings.Join(ws, " ")
		key := strings.ToLower(joined)
		switch {
		case excluded:
			if !seen["-"+key] {
				seen["-"+key] = true
				s.Excluded = append(s.Excluded, joined)
			}
		case len(ws) > 1:
			if !seen["\""+key] {
				seen["\""+key] = true
				s.Phrases = append(s.Phrases, joined)
			}
		default:
			if !seen[key] {
				seen[key] = true
				s.Words = append(s.Words, joined)
			}
		}
	}
	text = Normalize(text)
	for len(text) > 0 {
		text = strings.TrimLeftFunc(text, unicode.IsSpace)
		excluded := false
		if rest, ok := strings.CutPrefix(text, "-"); ok && rest != "" && !startsWithSpace(rest) {
			excluded, text = true, rest
		}
		if rest, ok := strings.CutPrefix(text, `"`); ok {
			phrase, after, _ := strings.Cut(rest, `"`)
			add(phrase, excluded)
			text = after
			continue
		}
		end := strings.IndexFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
		if end < 0 {
			end = len(text)
		}
		add(text[:end], excluded)
		text = text[end:]
	}
	if len(words) > MaxQueryWords {
		return s, &FieldError{Field: "text", Rule: fmt.Sprintf("more than %d distinct words (has %d)", MaxQueryWords, len(words))}
	}
	return s, nil
}

// startsWithSpace reports whether s begins with white space.
func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// Empty reports whether s asks for no word and no phrase: it matches no
// article, whatever it excludes.
func (s Search) Empty() bool { return len(s.Words) == 0 && len(s.Phrases) == 0 }

// String returns s as search text that ParseSearch reads back as s: the
// words, then each phrase in quotes, then each exclusion after "-"
// (quoted when it is a phrase), separated by spaces.
func (s Search) String() string {
	var parts []string
	parts = append(parts, s.Words...)
	for _, p := range s.Phrases {
		parts = append(parts, `"`+p+`"`)
	}
	for _, e := range s.Excluded {
		if strings.Contains(e, " ") {
			e = `"` + e + `"`
		}
		parts = append(parts, "-"+e)
	}
	return strings.Join(parts, " ")
}

// A Sort is the order of a search's results (Query.Sort).
type Sort string

// The orders of a search.
const (
	// SortRelevance lists the best matches first (see Store.Articles),
	// then the newest. It is the zero value.
	SortRelevance Sort = ""
	// SortNewest lists matches newest first, whatever they match.
	SortNewest Sort = "newest"
)

// valid reports whether s is one of the orders.
func (s Sort) valid() bool { return s == SortRelevance || s == SortNewest }

// sortRule is the rule a bad Query.Sort breaks.
func sortRule(s Sort) string {
	return fmt.Sprintf(`must be "" (relevance) or %q, not %q`, SortNewest, s)
}

// MaxSearchTotal is the largest Page.Total a store counts exactly: a
// search with more matches gives MaxSearchTotal with Page.TotalCapped.
const MaxSearchTotal = 1000

// The ranks of a search result (Cursor.Rank), best first. A search of
// several words ranks articles holding them written together (the
// phrase) above those holding them apart; within each, an article holding
// everything the search asks for in its title ranks above one that needs
// its summary too, and that one above one that needs its body. A search
// of one word, or with Query.Sort SortNewest, uses only the first three
// ranks (SortNewest only RankTitle).
const (
	RankTitle        = 0 // in the title
	RankSummary      = 1 // in the title and summary
	RankBody         = 2 // in the title, summary and body
	RankApartTitle   = 3 // apart, in the title
	RankApartSummary = 4 // apart, in the title and summary
	RankApartBody    = 5 // apart, in the title, summary and body
	maxRank          = RankApartBody
)

// SearchTerms returns the terms under which a store indexes text, one per
// word, in order: the word's folded form (see [Fold]), "_", and a code of
// its marks (empty when it has none). Words are split as [SearchWords]
// splits them. Two words match by [MatchWord] exactly when the term of
// the query word, as [SearchTerm] gives it, matches the term of the text
// word. It is safe for concurrent use.
func SearchTerms(text string) []string {
	var terms []string
	for _, w := range strings.FieldsFunc(Normalize(text), notWordRune) {
		if t := term(w); t != "" {
			terms = append(terms, t)
		}
	}
	return terms
}

// SearchTerm returns the term a word of a search asks for. When the word
// has no marks, prefix is true and the term ("buoi_" for "buoi") is the
// prefix of every term of a word that folds to it ("buoi_", and those of
// "bưởi" and "buổi"); otherwise prefix is false and only the same term
// matches. The word is one word, as [Search] holds them.
func SearchTerm(word string) (term string, prefix bool) {
	t := termOf(word)
	return t, strings.HasSuffix(t, "_")
}

// TermMatches reports whether the term of a text word, as SearchTerms
// gives it, matches a search term, as SearchTerm gives it.
func TermMatches(textTerm, searchTerm string, prefix bool) bool {
	if prefix {
		return strings.HasPrefix(textTerm, searchTerm)
	}
	return textTerm == searchTerm
}

// term returns the term of a word, "" when it folds to nothing.
func term(w string) string {
	t := termOf(w)
	if t == "_" {
		return ""
	}
	return t
}

// termOf returns the term of the word w: its letters lower-cased and
// without marks (đ as d), "_", then for each letter that carries a vowel
// mark (ˆ ˘ horn, or another mark) or is đ, its index among the letters
// and a code, then the codes of its tones in order, so that the place of
// the tone does not count.
func termOf(w string) string {
	var base, marks, tones strings.Builder
	n := -1 // index of the last letter
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch {
		case isTone(r):
			tones.WriteByte(toneCode(r))
		case unicode.Is(unicode.Mn, r):
			marks.WriteString(strconv.Itoa(max(n, 0)))
			switch r {
			case '\u0302':
				marks.WriteByte('c') // circumflex: â ê ô
			case '\u0306':
				marks.WriteByte('b') // breve: ă
			case '\u031B':
				marks.WriteByte('h') // horn: ơ ư
			default:
				marks.WriteString("m" + strconv.FormatInt(int64(r), 16) + "m")
			}
		case r == 'đ':
			n++
			base.WriteByte('d')
			marks.WriteString(strconv.Itoa(n) + "d")
		default:
			n++
			base.WriteRune(r)
		}
	}
	return norm.NFC.String(base.String()) + "_" + marks.String() + tones.String()
}

// toneCode returns the letter that codes a tone mark in a term, as the
// Telex keyboard types it.
func toneCode(r rune) byte {
	switch r {
	case '\u0300':
		return 'f'
	case '\u0301':
		return 's'
	case '\u0309':
		return 'r'
	case '\u0303':
		return 'x'
	}
	return 'j'
}
