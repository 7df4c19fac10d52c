package news

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The five Vietnamese tones and the level tone (ngang) on every vowel that
// carries a vowel mark, precomposed (NFC) and decomposed (NFD).
const (
	tonesNFC = "a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ ê ề ế ể ễ ệ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ ư ừ ứ ử ữ ự Đ đ"
	tonesAll = "a a a a a a a a a a a a a a a a a a e e e e e e o o o o o o o o o o o o u u u u u u d d"
)

var tonesNFD = norm.NFD.String(tonesNFC)

// xmlChar reports whether r may appear in XML 1.0 character data.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// checkXMLText fails tb unless s is valid UTF-8 made of XML 1.0 characters.
func checkXMLText(tb testing.TB, name, s string) {
	tb.Helper()
	if !utf8.ValidString(s) {
		tb.Fatalf("%s = %q: invalid UTF-8", name, s)
	}
	for i, r := range s {
		if !xmlChar(r) {
			tb.Fatalf("%s = %q: U+%04X at byte %d is not an XML 1.0 character", name, s, r, i)
		}
	}
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"clean text", "Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ"},
		{"NFD to NFC", tonesNFD, tonesNFC},
		{"NFD title", "Đa\u0323i ho\u0302\u0323i chi bo\u0302\u0323", "Đại hội chi bộ"},
		{"CRLF", "Dòng một\r\nDòng hai\rDòng ba", "Dòng một\nDòng hai\nDòng ba"},
		{"tab and newline kept", "Cột\tgiá trị\n", "Cột\tgiá trị\n"},
		{"C0 controls", "Hội\x00 nghị\x01\x08\x0b\x0c\x1b\x1f tổng kết", "Hội nghị tổng kết"},
		{"DEL and C1", "Bến\x7f Tre\u0080\u0085\u009f", "Bến Tre"},
		{"zero width", "Chi\u200b bộ\u200c\u200d\u2060 Chuyên\ufeff ngành", "Chi bộ Chuyên ngành"},
		{"BOM at start", "\ufeffThông báo", "Thông báo"},
		{"soft hyphen", "nhiệm\u00adkỳ", "nhiệmkỳ"},
		{"bidi controls", "\u202eKH&CN\u202c \u2066tỉnh\u2069 \u200eBến\u200f Tre\u061c", "KH&CN tỉnh Bến Tre"},
		{"noncharacters", "a\ufffeb\uffffc\ufdd0d\U0001fffee\U0010ffff", "abcde"},
		{"invalid UTF-8", "Sở\xff KH\xc3", "Sở\ufffd KH\ufffd"},
		{"encoded surrogate", "a\xed\xa0\x80b", "a\ufffdb"},
		{"mark after removed char composes", "e\u200b\u0301 o\x00\u0302", "é ô"},
		{"emoji and CJK kept", "Chúc mừng 🎉 中文", "Chúc mừng 🎉 中文"},
		{"no-break space kept", "10\u00a0ha", "10\u00a0ha"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Normalize(tc.in)
			if got != tc.want {
				t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
			}
			checkXMLText(t, "Normalize", got)
			if again := Normalize(got); again != got {
				t.Errorf("Normalize(%q) = %q, not idempotent", got, again)
			}
		})
	}
}

func TestNormalizeLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"spaces only", " \t\n\u00a0\u3000 ", ""},
		{"trim and collapse", "  Sở\u00a0KH&CN\n\ttỉnh   Bến Tre  ", "Sở KH&CN tỉnh Bến Tre"},
		{"CRLF in title", "Đại hội\r\nchi bộ", "Đại hội chi bộ"},
		{"unicode spaces", "Hội\u2003nghị\u202ftổng\u2028kết", "Hội nghị tổng kết"},
		{"NFD and zero width", "Thông\u200b ba\u0301o", "Thông báo"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := NormalizeLine(tc.in); got != tc.want {
				t.Errorf("NormalizeLine(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFold(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"title case", "Đại Hội", "dai hoi"},
		{"lower case", "đại hội", "dai hoi"},
		{"upper case", "ĐẠI HỘI", "dai hoi"},
		{"NFD", "Đa\u0323i Ho\u0302\u0323i", "dai hoi"},
		{"already folded", "dai hoi", "dai hoi"},
		{"every tone NFC", tonesNFC, tonesAll},
		{"every tone NFD", tonesNFD, tonesAll},
		{"upper vowels", "ƯỚC ĐẠT Ở ẤP BẮC ÊM Ổ", "uoc dat o ap bac em o"},
		{"punctuation kept", "Sở KH&CN – Bến Tre, 2022!", "so kh&cn – ben tre, 2022!"},
		{"other Latin marks", "Crème Brûlée Ñandú", "creme brulee nandu"},
		{"letters without decomposition kept", "Straße Ørsted", "straße ørsted"},
		{"dotted capital I", "İ", "i"},
		{"controls and zero width removed", "Đ\u200bại\x00 hội", "dai hoi"},
		{"CJK kept", "中文 Tin", "中文 tin"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Fold(tc.in)
			if got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if again := Fold(got); again != got {
				t.Errorf("Fold(%q) = %q, not idempotent", got, again)
			}
		})
	}
}

func TestFoldMatchesAcrossForms(t *testing.T) {
	t.Parallel()
	forms := []string{"Đại Hội", "đại hội", "ĐẠI HỘI", norm.NFD.String("Đại Hội"), norm.NFD.String("ĐẠI HỘI"), "dai hoi", "DAI HOI"}
	for _, f := range forms {
		if got := Fold(f); got != "dai hoi" {
			t.Errorf("Fold(%q) = %q, want %q", f, got, "dai hoi")
		}
	}
}

func TestWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"punctuation only", " , . – ! ", nil},
		{"title", "Đại hội Chi bộ, nhiệm kỳ 2022-2025", []string{"dai", "hoi", "chi", "bo", "nhiem", "ky", "2022", "2025"}},
		{"NFD", norm.NFD.String("Ứng dụng trí tuệ nhân tạo"), []string{"ung", "dung", "tri", "tue", "nhan", "tao"}},
		{"ampersand and slash", "Sở KH&CN ngày 28/11", []string{"so", "kh", "cn", "ngay", "28", "11"}},
		{"zero width joins", "Bến\u200bTre", []string{"bentre"}},
		{"CJK word", "Tin 中文", []string{"tin", "中文"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := Words(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("Words(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestIsCleanMatchesSlow checks the one-pass isClean against isCleanSlow
// (UTF-8 validity, removed characters, norm.NFC.IsNormalString) for every
// character up to beyond the table it uses, alone and beside letters,
// Vietnamese letters and combining marks that compose with or reorder
// around it.
func TestIsCleanMatchesSlow(t *testing.T) {
	t.Parallel()
	around := []string{"", "a", "e", "ê", "Đ", "\u0301", "\u0323", "\u0302\u0301", "\u0338", "\u05b0", "\u1161", "\u11a8", "\u0cd5", "\u3099", "\r", "\x00", "\xff"}
	for r := rune(0); r < stableLimit+0x200; r++ {
		c := string(r)
		for _, a := range around {
			for _, s := range []string{c, a + c, c + a, "Sở " + c + a + " Khoa học"} {
				if got, want := isClean(s), isCleanSlow(s); got != want {
					t.Fatalf("isClean(%q) = %v, isCleanSlow = %v", s, got, want)
				}
			}
		}
	}
	for _, s := range []string{tonesNFC, tonesNFD, "Sở Khoa học và Công nghệ – “Chuyển đổi số” 46,27% ₫", "Ω\u2126", "가\u1100\u1161"} {
		if got, want := isClean(s), isCleanSlow(s); got != want {
			t.Errorf("isClean(%q) = %v, isCleanSlow = %v", s, got, want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", tonesNFC, tonesNFD, "a\r\nb\rc", "\x00\x1f\x7f\u0085", "\u200b\ufeff\u202e\u2066\ufffe\U0001ffff", "\xff\xed\xa0\x80", "e\u200b\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := isClean(in), isCleanSlow(in); got != want {
			t.Fatalf("isClean(%q) = %v, isCleanSlow = %v", in, got, want)
		}
		out := Normalize(in)
		checkXMLText(t, "Normalize", out)
		if strings.ContainsRune(out, '\r') {
			t.Fatalf("Normalize(%q) = %q: contains a carriage return", in, out)
		}
		if !norm.NFC.IsNormalString(out) {
			t.Fatalf("Normalize(%q) = %q: not NFC", in, out)
		}
		if again := Normalize(out); again != out {
			t.Fatalf("Normalize(%q) = %q, not idempotent (second pass %q)", in, out, again)
		}
		line := NormalizeLine(in)
		if strings.ContainsAny(line, "\n\t") || strings.TrimSpace(line) != line {
			t.Fatalf("NormalizeLine(%q) = %q: not one trimmed line", in, line)
		}
		if again := NormalizeLine(line); again != line {
			t.Fatalf("NormalizeLine(%q) = %q, not idempotent (second pass %q)", in, line, again)
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Đại Hội", tonesNFC, tonesNFD, "İ Straße ǅ", "\u212a\u2126\u212b", "\xff\u0301a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Fold(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", in, out)
		}
		if again := Fold(out); again != out {
			t.Fatalf("Fold(%q) = %q, not idempotent (second pass %q)", in, out, again)
		}
		if strings.ContainsAny(out, "đĐ") {
			t.Fatalf("Fold(%q) = %q: contains đ", in, out)
		}
		for _, w := range Words(in) {
			if w == "" || Fold(w) != w {
				t.Fatalf("Words(%q) has %q, not a folded word", in, w)
			}
		}
	})
}

// BenchmarkNormalize normalises a 5 KB Vietnamese body that is already
// clean, as bodies coming out of the store are, beside the check of every
// property on its own.
func BenchmarkNormalize(b *testing.B) {
	body := benchBody()
	for _, c := range []struct {
		name string
		f    func(string) bool
	}{{"isClean", isClean}, {"isCleanSlow", isCleanSlow}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if !c.f(body) {
					b.Fatal("body not clean")
				}
			}
		})
	}
}

// BenchmarkFold folds an article title, as the related index and search
// do for every title and query.
func BenchmarkFold(b *testing.B) {
	const title = "Đại hội Chi bộ Sở Khoa học và Công nghệ nhiệm kỳ 2025–2030"
	b.ReportAllocs()
	for b.Loop() {
		Fold(title)
	}
}
