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
	yearLast := "Kế hoạch tổ chức Hội thi Sáng tạo kỹ thuật và Cuộc thi Sáng tạo thanh thiếu niên nhi đồng cấp tỉnh và triển khai các giải thưởng năm 2027"
	numbers := "Quyết định về việc phê duyệt danh mục nhiệm vụ khoa học và công nghệ cấp tỉnh đặt hàng để tuyển chọn thực hiện từ năm 2026 theo Thông báo 12/2025"
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
		{"fits in 120", long, "hoi-nghi-tong-ket-cong-tac-khoa-hoc-va-cong-nghe-nam-2025-trien-khai-nhiem-vu-nam-2026-cua-tinh-ben-tre"},
		{"cut at a word, the year kept", yearLast, "ke-hoach-to-chuc-hoi-thi-sang-tao-ky-thuat-va-cuoc-thi-sang-tao-thanh-thieu-nien-nhi-dong-cap-tinh-va-trien-khai-2027"},
		{"every number after the cut kept", numbers, "quyet-dinh-ve-viec-phe-duyet-danh-muc-nhiem-vu-khoa-hoc-va-cong-nghe-cap-tinh-dat-hang-de-tuyen-chon-thuc-2026-12-2025"},
		{"numbers alone too long", strings.Repeat("2025 ", 30), strings.TrimSuffix(strings.Repeat("2025-", 24), "-")},
		{"long word", strings.Repeat("a", 130), strings.Repeat("a", 120)},
		{"exactly 120", strings.Repeat("ab-", 39) + "abc", strings.Repeat("ab-", 39) + "abc"},
		{"hyphen at 120", strings.Repeat("a", 120) + " b", strings.Repeat("a", 120)},
		{"long first word then words", strings.Repeat("x", 119) + " yy", strings.Repeat("x", 119)},
		{"long first word then a number", strings.Repeat("x", 118) + " 12", strings.Repeat("x", 118)},
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
		{strings.Repeat("a", 120), true},
		{strings.Repeat("a", 121), false},
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
	for _, s := range []string{"", "Đại hội chi bộ Chuyên ngành nhiệm kỳ 2022-2025", tonesNFD, "ﬁ Ｈà ２０２５ 𝐀", "Straße 中文 🎉", strings.Repeat("ư", 100), strings.Repeat("ab ", 40), "Kế hoạch tổ chức Hội thi Sáng tạo kỹ thuật cấp tỉnh năm 2027 " + strings.Repeat("và ", 30) + "đợt 2", strings.Repeat("2026 ", 40)} {
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
		if words := slugWords(in); len(words) > 1 {
			first, last := words[0], words[len(words)-1]
			if isNumber(last) && len(first)+1+len(last) <= MaxSlugLen && !strings.HasSuffix(out, "-"+last) {
				t.Fatalf("Slugify(%q) = %q, dropped its last number %q", in, out, last)
			}
		}
		if out != "" && Slugify(norm.NFD.String(in)) != out {
			t.Fatalf("Slugify(%q) = %q, but the NFD form gives %q", in, out, Slugify(norm.NFD.String(in)))
		}
	})
}
