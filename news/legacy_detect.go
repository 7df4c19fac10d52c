package news

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// SyllablePattern is the regular expression (RE2 and JavaScript syntax)
// that a Vietnamese syllable, lower-cased and without its tone, matches:
// an initial consonant, a vowel nucleus with its glides, a final
// consonant. DetectLegacy counts the words that become syllables once
// converted; the newsroom's editor uses the same pattern.
const SyllablePattern = `^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?` +
	`(a|ai|ao|au|ay|ă|â|âu|ây|e|eo|ê|êu|i|ia|iê|iêu|iu|o|oa|oai|oao|oay|oă|oe|oeo|oi|oo|ô|ôi|ơ|ơi|` +
	`u|ua|uâ|uây|uê|ui|uô|uôi|uơ|uy|uya|uyê|uyu|ư|ưa|ưi|ươ|ươi|ươu|ưu|y|yê|yêu)` +
	`(ch|ng|nh|[cmnpt])?$`

var reSyllable = regexp.MustCompile(SyllablePattern)

// isSyllable reports whether w, a word without punctuation, is a
// Vietnamese syllable in Unicode with at most one tone, or is plain ASCII
// letters and digits (a name, an abbreviation, a number).
func isSyllable(w string) bool {
	if w == "" {
		return false
	}
	ascii := true
	for _, r := range w {
		if r >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return true
	}
	var base strings.Builder
	tones := 0
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch r {
		case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
			tones++
		default:
			base.WriteRune(r)
		}
	}
	return tones <= 1 && reSyllable.MatchString(norm.NFC.String(base.String()))
}

// DetectLegacy reports the legacy encoding text with no font information
// is clearly typed in, judging by its letters, or LegacyNone. Text in
// TCVN3 or VNI shows Latin-1 letters and signs that Vietnamese does not
// use ("Céng hoµ x· héi", "Coäng hoaø xaõ hoäi"); DetectLegacy says an
// encoding only when the text has no letter beyond Latin-1 (Unicode
// Vietnamese has ă, đ, ơ, ư and the letters of U+1EA0–U+1EF9), at least
// two of its words hold such characters, and nearly all of those words
// become Vietnamese syllables in that encoding and not as they are. It
// never answers LegacyTCVN3Capitals: capitals come only from a font.
func DetectLegacy(text string) Legacy {
	for _, r := range text {
		if r >= 0x100 && unicode.IsLetter(r) {
			return LegacyNone
		}
	}
	words, asIs, tcvn, vni := 0, 0, 0, 0
	for w := range strings.FieldsFuncSeq(text, isWordBreak) {
		if !strings.ContainsFunc(w, func(r rune) bool { return r > 0xa0 && r <= 0xff }) {
			continue
		}
		words++
		if isSyllable(w) {
			asIs++
		}
		if isSyllable(FromTCVN3(w)) {
			tcvn++
		}
		if isSyllable(FromVNI(w)) {
			vni++
		}
	}
	best, enc := tcvn, LegacyTCVN3
	if vni > tcvn {
		best, enc = vni, LegacyVNI
	}
	// Nearly all: nine words in ten; clearly: more than in the other
	// encoding and more than twice as many as read as they are.
	if words < 2 || best*10 < words*9 || best == min(tcvn, vni) || best <= 2*asIs {
		return LegacyNone
	}
	return enc
}

// isWordBreak reports whether r separates words: white space and the ASCII
// signs that are not letters in either legacy encoding.
func isWordBreak(r rune) bool {
	return unicode.IsSpace(r) || r == 0xa0 || (r < 0x80 && !unicode.IsLetter(r) && !unicode.IsDigit(r))
}
