package news

import (
	"strings"

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
