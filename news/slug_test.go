package news

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestSlugify(t *testing.T) {
	t.Parallel()
	vowels := "aàáảãạ ăằắẳẵặ âầấẩẫậ êềếểễệ iìíỉĩị ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ Đđ"
	long := "Hội nghị tổng kết công tác khoa học và công nghệ năm 2025, triển khai nhiệm vụ năm 2026 của tỉnh Bến Tre"
	tests := []struct {
		name, in, want string
	}{
		{"issue example", "Đại hội chi bộ Chuyên ngành nhiệm kỳ 2022-2025", "dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2022-2025"},
		{"issue example NFD", norm.NFD.String("Đại hội chi bộ Chuyên ngành nhiệm kỳ 2022-2025"), "dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2022-2025"},
		{"every tone", vowels, "aaaaaa-aaaaaa-aaaaaa-eeeeee-iiiiii-oooooo-oooooo-uuuuuu-uuuuuu-yyyyyy-dd"},
		{"every tone NFD", norm.NFD.String(vowels), "aaaaaa-aaaaaa-aaaaaa-eeeeee-iiiiii-oooooo-oooooo-uuuuuu-uuuuuu-yyyyyy-dd"},
		{"every tone upper case", strings.ToUpper(vowels), "aaaaaa-aaaaaa-aaaaaa-eeeeee-iiiiii-oooooo-oooooo-uuuuuu-uuuuuu-yyyyyy-dd"},
		{"upper case vowels", "ỨNG DỤNG TRÍ TUỆ NHÂN TẠO Ở ĐỒNG BẰNG", "ung-dung-tri-tue-nhan-tao-o-dong-bang"},
		{"ampersand", "Sở KH&CN tỉnh Bến Tre", "so-kh-cn-tinh-ben-tre"},
		{"document number", "Nghị định 13/2023/NĐ-CP", "nghi-dinh-13-2023-nd-cp"},
		{"en dash and spaces", "Nhiệm kỳ 2020 – 2022", "nhiem-ky-2020-2022"},
		{"leading and trailing punctuation", "  --Thông báo!!!  ", "thong-bao"},
		{"quotes", `Phát động "Ngày hội Sáng tạo"`, "phat-dong-ngay-hoi-sang-tao"},
		{"already a slug", "dai-hoi-chi-bo", "dai-hoi-chi-bo"},
		{"underscores", "tin_tuc__moi", "tin-tuc-moi"},
		{"empty", "", ""},
		{"punctuation only", "!!! — ???", ""},
		{"CJK only", "中文新闻", ""},
		{"CJK dropped", "Tin 中文 mới", "tin-moi"},
		{"CJK between words separates them", "abc中def", "abc-def"},
		{"CJK before a word", "Tin 中文mới", "tin-moi"},
		{"Thai between words separates them", "Hội thảoไทยASEAN", "hoi-thao-asean"},
		{"Latin letter without ASCII form dropped", "Kǂa", "ka"},
		{"emoji dropped", "🎉 Chúc mừng năm mới 🎉", "chuc-mung-nam-moi"},
		{"compatibility forms", "ﬁ Ｈà Nội ２０２５ ²", "fi-ha-noi-2025-2"},
		{"province name", "Đắk Lắk", "dak-lak"},
		{"compatibility digraph with a mark", "ǅ", "dz"},
		{"Latin letters without decomposition", "Straße Ærø Łódź", "strasse-aero-lodz"},
		{"zero width joins", "Bến\u200bTre", "bentre"},
		{"control characters", "Hội\x00 nghị\x1b", "hoi-nghi"},
		{"cut at a hyphen", long, "hoi-nghi-tong-ket-cong-tac-khoa-hoc-va-cong-nghe-nam-2025-trien-khai-nhiem-vu"},
		{"long word", strings.Repeat("a", 100), strings.Repeat("a", 80)},
		{"exactly 80", strings.Repeat("ab-", 26) + "ab", strings.Repeat("ab-", 26) + "ab"},
		{"hyphen at 80", strings.Repeat("a", 80) + " b", strings.Repeat("a", 80)},
		{"long first word then words", strings.Repeat("x", 79) + " yy", strings.Repeat("x", 79)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Slugify(tc.in)
			if got != tc.want {
				t.Errorf("Slugify(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got != "" && !ValidSlug(got) {
				t.Errorf("Slugify(%q) = %q, not a valid slug", tc.in, got)
			}
		})
	}
}

func TestValidSlug(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"dai-hoi-chi-bo", true},
		{"a", true},
		{"2025", true},
		{"tin-2", true},
		{strings.Repeat("a", 80), true},
		{strings.Repeat("a", 81), false},
		{"", false},
		{"-dai", false},
		{"dai-", false},
		{"dai--hoi", false},
		{"Dai-hoi", false},
		{"đại-hội", false},
		{"dai hoi", false},
		{"dai_hoi", false},
		{"dai/hoi", false},
		{"-", false},
	}
	for _, tc := range tests {
		if got := ValidSlug(tc.in); got != tc.want {
			t.Errorf("ValidSlug(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"", "Đại hội chi bộ Chuyên ngành nhiệm kỳ 2022-2025", tonesNFD, "ﬁ Ｈà ２０２５ 𝐀", "Straße 中文 🎉", strings.Repeat("ư", 100), strings.Repeat("ab ", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Slugify(in)
		if out != "" && !ValidSlug(out) {
			t.Fatalf("Slugify(%q) = %q, not a valid slug", in, out)
		}
		if again := Slugify(out); again != out {
			t.Fatalf("Slugify(%q) = %q, not idempotent (second pass %q)", in, out, again)
		}
		if out != "" && Slugify(norm.NFD.String(in)) != out {
			t.Fatalf("Slugify(%q) = %q, but the NFD form gives %q", in, out, Slugify(norm.NFD.String(in)))
		}
	})
}
