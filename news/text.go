package news

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
// common case of clean text costs no allocation. Text of ASCII and of
// characters below U+3000 that are stable in NFC, as Vietnamese text is, is
// checked in one pass; anything else by isCleanSlow.
func isClean(s string) bool {
	var stable *[stableLimit / 64]uint64
	for i := 0; ; {
		for i < len(s) && cleanASCII[s[i]] {
			i++
		}
		if i == len(s) {
			return true
		}
		c := s[i]
		if c < utf8.RuneSelf {
			return false // controls, carriage return, DEL
		}
		if stable == nil {
			stable = nfcStable()
		}
		// Decode the two- and three-byte sequences of characters below
		// stableLimit (lead bytes 0xC2–0xDF and 0xE0–0xE2, no overlong
		// forms); anything else goes to isCleanSlow.
		var r rune
		switch {
		case c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			r = rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
			i += 2
		case c >= 0xE0 && c <= 0xE2 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 && (c != 0xE0 || s[i+1] >= 0xA0):
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			i += 3
		default:
			return isCleanSlow(s)
		}
		if stable[r/64]&(1<<(r%64)) == 0 {
			return isCleanSlow(s)
		}
	}
}

// cleanASCII reports, for every byte, whether it is an ASCII character
// Normalize keeps as it is: tab, newline and the printable characters.
var cleanASCII = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c == '\t' || c == '\n' || c >= 0x20 && c != 0x7F
	}
	return t
}()

// isCleanSlow is isClean for any text: valid UTF-8, nothing Normalize
// removes, and NFC.
func isCleanSlow(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, dropRune) && norm.NFC.IsNormalString(s)
}

// stableLimit bounds the characters nfcStable describes.
const stableLimit = 0x3000

// nfcStable returns the set, as a bitmap, of the characters below
// stableLimit that Normalize keeps and that are NFC whatever surrounds
// them: canonical combining class 0 and NFC_Quick_Check=Yes, so that they
// neither decompose nor compose with the character before them. A string
// of ASCII and such characters is NFC (the quick check of UAX #15 answers
// yes for it). The set is computed from golang.org/x/text/unicode/norm on
// first use.
var nfcStable = sync.OnceValue(func() *[stableLimit / 64]uint64 {
	var set [stableLimit / 64]uint64
	for r := rune(utf8.RuneSelf); r < stableLimit; r++ {
		s := string(r)
		p := norm.NFC.PropertiesString(s)
		if !dropRune(r) && p.CCC() == 0 && p.BoundaryBefore() && norm.NFC.IsNormalString(s) {
			set[r/64] |= 1 << (r % 64)
		}
	}
	return &set
})

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
	s = norm.NFD.String(strings.ToLower(Normalize(s)))
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.Is(unicode.Mn, r):
			return -1 // a tone, vowel or other mark
		case r == 'đ' || r == 'Đ':
			return 'd'
		}
		return r
	}, s)
	return norm.NFC.String(s)
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
