package news

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxSlugLen is the longest slug, in bytes, that [Slugify] returns and
// [ValidSlug] accepts.
const MaxSlugLen = 120

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
// "tin-moi". The result holds only a–z, 0–9 and single hyphens and never
// starts or ends with a hyphen.
//
//	Slugify("Đại hội chi bộ Chuyên ngành nhiệm kỳ 2022-2025")
//	  == "dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2022-2025"
//
// The result is at most [MaxSlugLen] bytes and keeps whole words and the
// numbers of a title, which tell one year's article from the next. A
// longer slug is cut after the last word that fits; the numbers (runs of
// digits, such as a year) that the cut would drop are then put back at the
// end, in order, and words before them are dropped from the end to make
// room, never the first word: "…cấp tỉnh và triển khai các giải thưởng năm
// 2027" ends "…trien-khai-2027". When the first word and the numbers do not
// fit together, the first numbers are dropped, so the last ones stay. A
// first word longer than MaxSlugLen is cut inside.
//
// Slugify returns "" when s has nothing to keep; the caller picks a slug
// then. Slugify(Slugify(s)) == Slugify(s), and a valid slug is returned as
// it is. Slugify is safe for concurrent use.
func Slugify(s string) string {
	return fitSlug(slugWords(s), MaxSlugLen)
}

// slugWords returns the words of the slug of s, uncut: the runs of a–z
// and 0–9 that Slugify joins with hyphens.
func slugWords(s string) []string {
	folded := Fold(norm.NFKC.String(s))
	var words []string
	var b []byte
	for _, r := range folded {
		ascii := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		spelled := slugLetters[r]
		switch {
		case ascii:
			b = append(b, byte(r))
		case spelled != "":
			b = append(b, spelled...)
		case r < 0x80 || !isLetterOrDigit(r) || !unicode.Is(unicode.Latin, r):
			// space, punctuation, symbols, emoji, other scripts
			if len(b) > 0 {
				words = append(words, string(b))
				b = b[:0]
			}
		}
	}
	if len(b) > 0 {
		words = append(words, string(b))
	}
	return words
}

// fitSlug joins words with hyphens into a slug of at most max bytes, by
// the rule Slugify documents: whole words, the numbers kept.
func fitSlug(words []string, max int) string {
	joined := strings.Join(words, "-")
	if len(joined) <= max {
		return joined
	}
	// k words fit.
	k, n := 0, -1
	for k < len(words) && n+1+len(words[k]) <= max {
		n += 1 + len(words[k])
		k++
	}
	if k == 0 {
		return words[0][:max]
	}
	var nums []string
	numLen := 0
	for _, w := range words[k:] {
		if isNumber(w) {
			nums = append(nums, w)
			numLen += 1 + len(w)
		}
	}
	for k > 1 && n+numLen > max {
		k--
		n -= 1 + len(words[k])
		if isNumber(words[k]) {
			nums = append([]string{words[k]}, nums...)
			numLen += 1 + len(words[k])
		}
	}
	for len(nums) > 0 && n+numLen > max {
		numLen -= 1 + len(nums[0])
		nums = nums[1:]
	}
	return strings.Join(append(words[:k:k], nums...), "-")
}

// isNumber reports whether the slug word w is a run of digits.
func isNumber(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return w != ""
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
