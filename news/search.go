package news

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Search is a reader's search text, parsed (see [ParseSearch]). Every
// word is kept as typed, in NFC: a word typed with marks asks for those
// marks (see [MatchWord]).
//
// Query.Text says how a store matches a Search.
type Search struct {
	// Words are the words typed outside quotes, each once (compared
	// without case), in the order typed.
	Words []string
	// Phrases are the texts typed in quotes, and the words typed joined
	// by punctuation ("covid-19"), each as its words joined by one space.
	Phrases []string
	// Excluded are the words, or phrases (words joined by one space),
	// typed after a leading "-".
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

// The ranks of a search's results, best first (see Cursor and
// Store.Articles). The words of a search typed outside quotes, in the
// order typed, are its phrase; a field holds the search as a phrase when
// it holds that phrase and every quoted phrase, and holds every word when
// it holds each of those words, anywhere, and every quoted phrase. A
// match whose words are spread over its fields ranks by where the
// search's rarest word stands (see Rarest): "hội nghị điện mặt trời"
// lists an article whose title says "điện mặt trời" before one whose
// title says "hội nghị".
const (
	RankTitlePhrase   = 0 // the title holds the search as a phrase
	RankSummaryPhrase = 1 // the summary does
	RankBodyPhrase    = 2 // the body text does
	RankTitleWords    = 3 // the title holds every word
	RankSummaryWords  = 4 // the summary does
	RankBodyWords     = 5 // the body text does
	RankRareTitle     = 6 // the words are spread; the title holds the rarest
	RankRareSummary   = 7 // the words are spread; the summary holds the rarest
	RankSpread        = 8 // the words are spread over title, summary and body
	// MaxRank is the highest rank.
	MaxRank = RankSpread
)

// MaxRarityCount is the number of articles past which a store counts a
// word as common: words held by more articles are equally common (see
// Rarest). Counting stops there, so measuring rarity costs a search at
// most this many index entries a word.
const MaxRarityCount = 10_000

// Rarest returns the index of the rarest word, given counts[i], the
// number of articles that hold the i-th word typed outside quotes: the
// fewest, where every count past MaxRarityCount is equal, and the first
// typed of those; -1 when counts is empty. Stores count the articles of
// the whole archive, whatever a query filters, each word as its key
// matches (see KeyMatches), and rank by the word Rarest picks (see
// RankRareTitle): a rarity is an estimate, measured again by every
// search, so a write between two pages may move an article from one of
// these ranks to another. It is safe for concurrent use.
func Rarest(counts []int) int {
	best := -1
	for i, n := range counts {
		n = min(n, MaxRarityCount+1)
		if best < 0 || n < min(counts[best], MaxRarityCount+1) {
			best = i
		}
	}
	return best
}
