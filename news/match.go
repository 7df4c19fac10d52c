package news

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MatchWord reports whether the word a reader typed, queryWord, matches
// textWord, one word of an article, by the rule Vietnamese readers expect
// of a search engine:
//
//   - case never matters, and both words are compared after NFC, so a word
//     typed with combining marks is the same word;
//   - a query word without any mark (no tone, no ˆ ˘ or horn, no đ)
//     matches the text word with or without marks: "buoi" matches "bưởi",
//     "buổi" and "buoi", "dai" matches "đại";
//   - a query word with marks matches the same letters with the same marks,
//     wherever the tone is placed: "bưởi" matches "Bưởi" but not "buổi" nor
//     "buoi", "hoà" matches "hòa" and "thuỷ" matches "thủy" (the old and
//     the new placement); đ and Đ are then letters of their own, so "đai"
//     matches "Đai" but not "dai";
//   - marks are all or nothing: a query word typed with some of its marks
//     asks for exactly those, so "đai" does not match "đại".
//
// Both are single words (see [SearchWords]); MatchWord does not split
// them. It is safe for concurrent use.
func MatchWord(queryWord, textWord string) bool {
	q := strings.ToLower(Normalize(queryWord))
	if Fold(q) == q {
		return q == Fold(textWord)
	}
	return markedKey(q) == markedKey(strings.ToLower(Normalize(textWord)))
}

// markedKey returns the key of the lower-case NFC word w that marked words
// are compared by: its letters with their vowel marks (ˆ ˘ and horn) and
// đ, in NFC, followed by its tone marks in order, so that the place of the
// tone inside the word does not count ("hoà" and "hòa" have one key).
func markedKey(w string) string {
	var base, tones strings.Builder
	for _, r := range norm.NFD.String(w) {
		if isTone(r) {
			tones.WriteRune(r)
		} else {
			base.WriteRune(r)
		}
	}
	return norm.NFC.String(base.String()) + "\x00" + tones.String()
}

// isTone reports whether r is one of the five combining marks that write
// a Vietnamese tone: grave (huyền), acute (sắc), hook above (hỏi), tilde
// (ngã) and dot below (nặng).
func isTone(r rune) bool {
	switch r {
	case '\u0300', '\u0301', '\u0309', '\u0303', '\u0323':
		return true
	}
	return false
}

// SearchKeys returns the search keys of the words of s, in order: the
// keys stores index an article's title, summary and body text by, and
// match a search's words against with [KeyMatches]. A word's key is its
// folded form (see [Fold]), then "_", then, only when the word has marks,
// an ASCII tag of them: each vowel mark (ˆ ˘ horn) and đ with the place
// of its letter, then "t" and the tone marks in order, so that the place
// of a tone inside the word does not count. "Đại" gives "dai_0dtj", "hoà"
// and "hòa" give "hoa_tf", "dai" gives "dai_". Keys hold only letters,
// digits and "_". Words are split as [Words] splits them; s may be of any
// case and in NFD. SearchKeys returns nil when s has no words. It is safe
// for concurrent use.
func SearchKeys(s string) []string {
	var keys []string
	for _, w := range strings.FieldsFunc(strings.ToLower(Normalize(s)), notWordRune) {
		if k := searchKey(w); k != "_" {
			keys = append(keys, k)
		}
	}
	return keys
}

// Keys returns the search keys (see [SearchKeys]) of s, as a store's
// index is asked for them: the keys of its words, in order; the keys of
// each phrase; the keys of each exclusion, a word or a phrase.
func (s Search) Keys() (words []string, phrases, excluded [][]string) {
	for _, w := range s.Words {
		words = append(words, SearchKeys(w)...)
	}
	for _, p := range s.Phrases {
		phrases = append(phrases, SearchKeys(p))
	}
	for _, e := range s.Excluded {
		excluded = append(excluded, SearchKeys(e))
	}
	return words, phrases, excluded
}

// KeyMatches reports whether the search key of a query word matches the
// search key of a text word (see [SearchKeys]) as [MatchWord] matches the
// words: the key of a word without marks, which ends in "_", matches
// every key that begins with it, the word with or without marks; the key
// of a marked word matches only itself. It is safe for concurrent use.
func KeyMatches(queryKey, textKey string) bool {
	if strings.HasSuffix(queryKey, "_") {
		return strings.HasPrefix(textKey, queryKey)
	}
	return queryKey == textKey
}

// searchKey returns the search key of the lower-case NFC word w.
func searchKey(w string) string {
	var folded, marks, tones strings.Builder
	letters := 0
	for _, r := range decompose(w) {
		switch {
		case isTone(r):
			tones.WriteByte(toneCodes[r])
		case unicode.Is(unicode.Mn, r):
			marks.WriteString(strconv.Itoa(letters))
			switch r {
			case '\u0302':
				marks.WriteByte('c') // circumflex: â ê ô
			case '\u0306':
				marks.WriteByte('b') // breve: ă
			case '\u031B':
				marks.WriteByte('h') // horn: ơ ư
			default:
				marks.WriteString("m" + strconv.Itoa(int(r)) + "n")
			}
		case r == 'đ':
			marks.WriteString(strconv.Itoa(letters) + "d")
			folded.WriteByte('d')
			letters++
		default:
			folded.WriteRune(r)
			letters++
		}
	}
	key := norm.NFC.String(folded.String()) + "_"
	if marks.Len() == 0 && tones.Len() == 0 {
		return key
	}
	return key + marks.String() + "t" + tones.String()
}

// latinNFD holds the NFD of every letter of Latin-1 Supplement to Latin
// Extended-B (U+00C0 to U+024F) and of Latin Extended Additional (U+1E00
// to U+1EFF), where Vietnamese's letters with marks lie.
var latinNFD = func() map[rune]string {
	t := make(map[rune]string)
	for _, rg := range [][2]rune{{0x00C0, 0x024F}, {0x1E00, 0x1EFF}} {
		for r := rg[0]; r <= rg[1]; r++ {
			t[r] = norm.NFD.String(string(r))
		}
	}
	return t
}()

// decompose returns the NFD of the NFC word w. A word of ASCII and of
// precomposed Latin letters, as Vietnamese words are, is decomposed a rune
// at a time from latinNFD, which needs no reordering; any other word goes
// through norm.NFD, whose String allocated 3.6 GB of working memory for
// the words of an import of 20,000 articles (TestImportMemory).
func decompose(w string) string {
	var b []byte
	for i, r := range w {
		switch {
		case r < utf8.RuneSelf:
			if b != nil {
				b = append(b, byte(r))
			}
		case latinNFD[r] != "":
			d := latinNFD[r]
			if b == nil {
				if d == string(r) {
					continue
				}
				b = append(make([]byte, 0, len(w)+8), w[:i]...)
			}
			b = append(b, d...)
		default:
			return norm.NFD.String(w)
		}
	}
	if b == nil {
		return w
	}
	return string(b)
}

// toneCodes are the letters that write the tones in a search key, those
// of the Telex input method.
var toneCodes = map[rune]byte{'\u0300': 'f', '\u0301': 's', '\u0309': 'r', '\u0303': 'x', '\u0323': 'j'}
