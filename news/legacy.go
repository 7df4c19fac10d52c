package news

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Legacy is one of the 8-bit encodings Vietnamese was typed in before
// Unicode, as an old Word document's fonts reveal it.
type Legacy int

// The legacy encodings. LegacyNone, the zero value, means the text is not
// in a legacy encoding (or its font says nothing).
const (
	LegacyNone Legacy = iota
	// LegacyTCVN3 is TCVN 5712:1993 VN3, the "ABC" encoding of the .Vn
	// fonts (.VnTime, .VnArial, …): one byte per letter, lower case and
	// the seven upper-case letters without a tone (Ă Â Ê Ô Ơ Ư Đ).
	LegacyTCVN3
	// LegacyTCVN3Capitals is the same encoding in the .Vn…H fonts
	// (.VnTimeH, .VnArialH, …), whose glyphs are all capitals: "Céng hoµ"
	// shows as "CỘNG HOÀ".
	LegacyTCVN3Capitals
	// LegacyVNI is the encoding of the VNI fonts (VNI-Times, VNI-Helve,
	// …): a base letter followed by a byte that draws its marks.
	LegacyVNI
)

// String returns the encoding's usual name: "TCVN3", "TCVN3 capitals",
// "VNI", or "" for LegacyNone.
func (l Legacy) String() string {
	switch l {
	case LegacyTCVN3:
		return "TCVN3"
	case LegacyTCVN3Capitals:
		return "TCVN3 capitals"
	case LegacyVNI:
		return "VNI"
	}
	return ""
}

// Convert returns s, typed in l, in Unicode (NFC); LegacyNone returns s
// unchanged.
func (l Legacy) Convert(s string) string {
	switch l {
	case LegacyTCVN3:
		return FromTCVN3(s)
	case LegacyTCVN3Capitals:
		return FromTCVN3Capitals(s)
	case LegacyVNI:
		return FromVNI(s)
	}
	return s
}

// tcvn3 maps each character of the TCVN3 (ABC) encoding that is not ASCII,
// as a Windows code page shows it (U+00A1 to U+00FF), to its letter.
var tcvn3 = map[rune]rune{
	'¡': 'Ă', '¢': 'Â', '£': 'Ê', '¤': 'Ô', '¥': 'Ơ', '¦': 'Ư', '§': 'Đ',
	'¨': 'ă', '©': 'â', 'ª': 'ê', '«': 'ô', '¬': 'ơ', '\u00ad': 'ư', '®': 'đ',
	'µ': 'à', '¶': 'ả', '·': 'ã', '¸': 'á', '¹': 'ạ',
	'»': 'ằ', '¼': 'ẳ', '½': 'ẵ', '¾': 'ắ', 'Æ': 'ặ',
	'Ç': 'ầ', 'È': 'ẩ', 'É': 'ẫ', 'Ê': 'ấ', 'Ë': 'ậ',
	'Ì': 'è', 'Î': 'ẻ', 'Ï': 'ẽ', 'Ð': 'é', 'Ñ': 'ẹ',
	'Ò': 'ề', 'Ó': 'ể', 'Ô': 'ễ', 'Õ': 'ế', 'Ö': 'ệ',
	'×': 'ì', 'Ø': 'ỉ', 'Ü': 'ĩ', 'Ý': 'í', 'Þ': 'ị',
	'ß': 'ò', 'á': 'ỏ', 'â': 'õ', 'ã': 'ó', 'ä': 'ọ',
	'å': 'ồ', 'æ': 'ổ', 'ç': 'ỗ', 'è': 'ố', 'é': 'ộ',
	'ê': 'ờ', 'ë': 'ở', 'ì': 'ỡ', 'í': 'ớ', 'î': 'ợ',
	'ï': 'ù', 'ñ': 'ủ', 'ò': 'ũ', 'ó': 'ú', 'ô': 'ụ',
	'õ': 'ừ', 'ö': 'ử', '÷': 'ữ', 'ø': 'ứ', 'ù': 'ự',
	'ú': 'ỳ', 'û': 'ỷ', 'ü': 'ỹ', 'ý': 'ý', 'þ': 'ỵ',
}

// vniLetters maps the characters of the VNI encoding that are letters on
// their own to them.
var vniLetters = map[rune]rune{
	'ô': 'ơ', 'Ô': 'Ơ', 'ö': 'ư', 'Ö': 'Ư', 'ñ': 'đ', 'Ñ': 'Đ',
	'í': 'í', 'Í': 'Í', 'ì': 'ì', 'Ì': 'Ì', 'æ': 'ỉ', 'Æ': 'Ỉ',
	'ó': 'ĩ', 'Ó': 'Ĩ', 'ò': 'ị', 'Ò': 'Ị', 'î': 'ỵ', 'Î': 'Ỵ',
}

// vniMarks maps the characters of the VNI encoding that draw marks over
// or under the letter before them to those marks, as combining characters
// (a vowel mark, then a tone). Lower and upper case draw the same marks,
// at the height of a small or a capital letter.
var vniMarks = map[rune]string{
	'ù': "\u0301", 'Ù': "\u0301", 'ø': "\u0300", 'Ø': "\u0300",
	'û': "\u0309", 'Û': "\u0309", 'õ': "\u0303", 'Õ': "\u0303",
	'ï': "\u0323", 'Ï': "\u0323",
	'â': "\u0302", 'Â': "\u0302", 'á': "\u0302\u0301", 'Á': "\u0302\u0301",
	'à': "\u0302\u0300", 'À': "\u0302\u0300", 'å': "\u0302\u0309", 'Å': "\u0302\u0309",
	'ã': "\u0302\u0303", 'Ã': "\u0302\u0303", 'ä': "\u0302\u0323", 'Ä': "\u0302\u0323",
	'ê': "\u0306", 'Ê': "\u0306", 'é': "\u0306\u0301", 'É': "\u0306\u0301",
	'è': "\u0306\u0300", 'È': "\u0306\u0300", 'ú': "\u0306\u0309", 'Ú': "\u0306\u0309",
	'ü': "\u0306\u0303", 'Ü': "\u0306\u0303", 'ë': "\u0306\u0323", 'Ë': "\u0306\u0323",
}

// vniBases lists, for each kind of mark a VNI character draws, the letters
// it may sit on: a tone on any vowel, the circumflex on a, e and o, the
// breve on a. A mark character after any other letter is left as it is.
var vniBases = map[rune]string{
	'\u0300': "aeiouyơưAEIOUYƠƯ",
	'\u0302': "aeoAEO",
	'\u0306': "aA",
}

// FromTCVN3 converts s, text typed in the TCVN3 (ABC) encoding of the .Vn
// fonts (.VnTime, .VnArial, …) as a Windows code page shows it ("Céng hoµ
// x· héi chñ nghÜa ViÖt Nam"), to Unicode in NFC ("Cộng hoà xã hội chủ
// nghĩa Việt Nam"). Characters outside the encoding's letters stay as
// they are.
func FromTCVN3(s string) string {
	return norm.NFC.String(strings.Map(func(r rune) rune {
		if u, ok := tcvn3[r]; ok {
			return u
		}
		return r
	}, s))
}

// FromTCVN3Capitals converts s, text typed in the TCVN3 encoding in one of
// the capitals fonts (.VnTimeH, .VnArialH, …), whose every glyph is a
// capital, to the capitals it shows, in Unicode (NFC): "Céng hoµ" gives
// "CỘNG HOÀ".
func FromTCVN3Capitals(s string) string {
	return strings.ToUpper(FromTCVN3(s))
}

// FromVNI converts s, text typed in the VNI encoding of the VNI fonts
// (VNI-Times, …) as a Windows code page shows it ("Coäng hoaø xaõ hoäi"),
// to Unicode in NFC ("Cộng hoà xã hội"). A mark character is joined to
// the vowel before it when the vowel can carry that mark; otherwise it,
// like any other character outside the encoding, stays as it is.
func FromVNI(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	var prev rune // the last letter written, before its marks
	for _, r := range s {
		if u, ok := vniLetters[r]; ok {
			b.WriteRune(u)
			prev = u
			continue
		}
		if m, ok := vniMarks[r]; ok && strings.ContainsRune(vniBases[markKind(m)], prev) {
			b.WriteString(m)
			prev = 0 // a letter takes one mark character
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return norm.NFC.String(b.String())
}

// markKind returns the kind of the first mark of m for vniBases: the
// circumflex, the breve, or a tone (U+0300 for all five).
func markKind(m string) rune {
	switch r := []rune(m)[0]; r {
	case '\u0302', '\u0306':
		return r
	}
	return '\u0300'
}

// LegacyFont returns the legacy encoding that text in a font of the CSS
// font-family list fontFamily is typed in. The first family decides, as it
// is the font Word wrote the text in: the .Vn fonts of the ABC package
// (".VnTime", ".VnArial Narrow", serif) are TCVN3, and their capitals,
// named the same with a final "H" (".VnTimeH", ".VnArial NarrowH"), TCVN3
// capitals; the VNI fonts ("VNI-Times", "VNI-Helve") are VNI. It returns
// LegacyNone for any other font.
func LegacyFont(fontFamily string) Legacy {
	first, _, _ := strings.Cut(fontFamily, ",")
	f := strings.ToLower(strings.TrimSpace(strings.Trim(strings.TrimSpace(first), `"'`)))
	switch {
	case strings.HasPrefix(f, ".vn") && len(f) > 4:
		if strings.HasSuffix(f, "h") {
			return LegacyTCVN3Capitals
		}
		return LegacyTCVN3
	case (strings.HasPrefix(f, "vni-") || strings.HasPrefix(f, "vni ")) && len(f) > 4:
		return LegacyVNI
	}
	return LegacyNone
}
