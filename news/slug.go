package news

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxSlugLen is the longest slug, in bytes, that [Slugify] returns and
// [ValidSlug] accepts.
const MaxSlugLen = 80

// slugLetters spells the Latin letters that have no decomposition, so that
// folding alone would drop them from a slug.
var slugLetters = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'ð': "d", 'þ': "th", 'ı': "i",
	'ħ': "h", 'ŧ': "t", 'ŋ': "ng", 'ĸ': "k",
}

// Slugify returns the URL slug of s: the text is folded (see [Fold]: lower
// case, every Vietnamese tone and vowel mark removed, đ → d), compatibility
// characters are replaced by their plain form (ﬁ → fi, full-width letters →
// ASCII), Latin letters without an ASCII form are dropped, and every run of
// other characters (spaces, punctuation, emoji, letters of other scripts
// such as Chinese or Thai) becomes one hyphen, so "Tin 中文mới" gives
// "tin-moi". The result holds only a–z, 0–9 and single hyphens, never starts
// or ends with a hyphen, and is at most [MaxSlugLen] bytes, cut at a hyphen
// (a single longer word is cut at MaxSlugLen bytes).
//
//	Slugify("Đại hội chi bộ Chuyên ngành nhiệm kỳ 2022-2025")
//	  == "dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2022-2025"
//
// Slugify returns "" when s has nothing to keep; the caller picks a slug
// then. Slugify(Slugify(s)) == Slugify(s), and a valid slug is returned as
// it is. Slugify is safe for concurrent use.
func Slugify(s string) string {
	folded := Fold(norm.NFKC.String(s))
	b := make([]byte, 0, min(len(folded), 2*MaxSlugLen))
	hyphen := false // a separator is pending
	for _, r := range folded {
		ascii := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		spelled := slugLetters[r]
		switch {
		case ascii || spelled != "":
			if hyphen && len(b) > 0 {
				b = append(b, '-')
			}
			hyphen = false
			if ascii {
				b = append(b, byte(r))
			} else {
				b = append(b, spelled...)
			}
		case r < 0x80 || !isLetterOrDigit(r) || !unicode.Is(unicode.Latin, r):
			hyphen = true // space, punctuation, symbols, emoji, other scripts
		}
		// Only the first MaxSlugLen+1 bytes decide the result.
		if len(b) > 2*MaxSlugLen {
			break
		}
	}
	return cutSlug(string(b))
}

// cutSlug shortens a well-formed slug to at most MaxSlugLen bytes, at the
// last hyphen that fits, or inside a single overlong word.
func cutSlug(s string) string {
	if len(s) <= MaxSlugLen {
		return s
	}
	if s[MaxSlugLen] == '-' {
		return s[:MaxSlugLen]
	}
	if i := strings.LastIndexByte(s[:MaxSlugLen], '-'); i > 0 {
		return s[:i]
	}
	return s[:MaxSlugLen]
}

// ValidSlug reports whether s is a slug: one or more runs of a–z and 0–9
// joined by single hyphens, at most [MaxSlugLen] bytes long. The empty
// string is not a valid slug. ValidSlug is safe for concurrent use.
func ValidSlug(s string) bool {
	if s == "" || len(s) > MaxSlugLen || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-':
			if s[i-1] == '-' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// isLetterOrDigit reports whether r is a letter or a decimal digit.
func isLetterOrDigit(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
