package news

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Normalize returns s cleaned for storage as a text field: invalid UTF-8 is
// replaced with U+FFFD, "\r\n" and a lone "\r" become "\n", and every
// character that is invisible debris or breaks XML 1.0 is removed:
// control characters other than tab and newline (C0, DEL and C1),
// zero-width characters (U+200B–U+200D, U+2060, the BOM U+FEFF and the soft
// hyphen U+00AD), bidirectional marks, embeddings, overrides and isolates
// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the Unicode
// noncharacters (U+FDD0–U+FDEF and U+nFFFE, U+nFFFF in every plane). The
// result is in Unicode Normalization Form C, so the same Vietnamese word
// typed with precomposed or combining marks is stored the same way.
//
// The result is always valid UTF-8 and valid XML 1.0 character data, and
// Normalize(Normalize(s)) == Normalize(s). The empty string stays empty.
// Normalize is safe for concurrent use.
func Normalize(s string) string {
	if isClean(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			b.WriteByte('\n')
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case dropRune(r):
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// isClean reports whether s is already what Normalize would return, so the
// common case of clean text costs no allocation.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return utf8.ValidString(s) && !strings.ContainsFunc(s, dropRune) && norm.NFC.IsNormalString(s)
		}
		if c == '\r' || dropRune(rune(c)) {
			return false
		}
	}
	return true
}

// dropRune reports whether Normalize removes r.
func dropRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20, r >= 0x7F && r <= 0x9F:
		return true // C0 and C1 controls, DEL
	case r < 0xAD:
		return false
	}
	switch r {
	case 0x00AD, // soft hyphen
		0x061C,                         // Arabic letter mark
		0x200B, 0x200C, 0x200D, 0x2060, // zero-width space, non-joiner, joiner, word joiner
		0x200E, 0x200F, // left-to-right and right-to-left marks
		0xFEFF: // byte order mark, zero-width no-break space
		return true
	}
	switch {
	case r >= 0x202A && r <= 0x202E: // bidi embeddings and overrides
		return true
	case r >= 0x2066 && r <= 0x2069: // bidi isolates
		return true
	case r >= 0xFDD0 && r <= 0xFDEF: // noncharacters
		return true
	case r&0xFFFE == 0xFFFE: // U+FFFE, U+FFFF, U+1FFFE, ... noncharacters
		return true
	case r >= 0xD800 && r <= 0xDFFF: // surrogates cannot be encoded; be explicit
		return true
	}
	return false
}

// NormalizeLine returns Normalize(s) as one line, for titles, names and
// tags: every run of white space (spaces, tabs, newlines, no-break spaces
// and the other Unicode spaces) becomes one ASCII space, and leading and
// trailing white space is removed. NormalizeLine is idempotent and safe
// for concurrent use.
func NormalizeLine(s string) string {
	return strings.Join(strings.Fields(Normalize(s)), " ")
}

// foldMarks removes the nonspacing marks of decomposed text, and foldD
// maps the Vietnamese đ (which has no decomposition) to d.
var (
	foldMarks = runes.Remove(runes.In(unicode.Mn))
	foldD     = runes.Map(func(r rune) rune {
		if r == 'đ' || r == 'Đ' {
			return 'd'
		}
		return r
	})
)

// Fold returns the matching key of s, used for slugs, search and related
// articles: s is normalised (see [Normalize]), lower-cased, stripped of all
// nonspacing marks (every Vietnamese tone and vowel mark, and any other
// diacritic), đ and Đ become d, and the result is in NFC. "Đại Hội",
// "đại hội", the same words typed with combining marks, and "dai hoi" all
// fold to "dai hoi". Spaces and punctuation are kept; see [Words] for
// matching by word.
//
// Fold is idempotent and safe for concurrent use; the result is valid UTF-8.
func Fold(s string) string {
	s = strings.ToLower(Normalize(s))
	if isASCII(s) {
		return s
	}
	t := foldChains.Get().(transform.Transformer)
	defer foldChains.Put(t)
	// None of the transformers in the chain reports an error (runes.Remove
	// and runes.Map replace invalid bytes, which Normalize has already
	// replaced), so the error is always nil. transform.String resets t.
	out, _, _ := transform.String(t, s)
	return out
}

// foldChains holds the transformer chains of Fold. A chain keeps buffers
// and state, so each is used by one goroutine at a time; pooling them saves
// the chain's buffers on every call.
var foldChains = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, foldMarks, foldD, norm.NFC)
}}

// isASCII reports whether s has only ASCII bytes, which Fold leaves as
// they are once lower-cased.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Words returns the folded words of s (see [Fold]): s is folded and split
// on every character that is not a letter, a digit or a spacing mark.
// "Đại hội Chi bộ, nhiệm kỳ 2022-2025" gives
// ["dai" "hoi" "chi" "bo" "nhiem" "ky" "2022" "2025"]. Words returns nil
// when s has no words. It is safe for concurrent use.
func Words(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
}
