package news_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/orgnews/orgnews/news"
)

// vietnameseLetters returns every letter of Vietnamese in NFC: the twelve
// vowels with each of the six tones, and đ, in lower case, then in upper
// case.
func vietnameseLetters() (lower, upper []rune) {
	for _, v := range "aăâeêioôơuưy" {
		for _, tone := range []string{"", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"} {
			r, _ := utf8.DecodeRuneInString(norm.NFC.String(string(v) + tone))
			lower = append(lower, r)
		}
	}
	lower = append(lower, 'đ')
	for _, r := range lower {
		upper = append(upper, []rune(strings.ToUpper(string(r)))[0])
	}
	return lower, upper
}

// legacyEncoders returns the inverse of FromTCVN3 and FromVNI on single
// letters: for each Vietnamese letter that is not ASCII, the TCVN3
// character and the VNI characters that give it. They are found by trying
// every Latin-1 character alone (TCVN3, and VNI's letters that stand
// alone, such as ô for ơ, which VNI prefers) and every letter followed by
// every Latin-1 character of its case (VNI's marks).
func legacyEncoders(tb testing.TB) (tcvn3, vni map[rune]string) {
	tb.Helper()
	tcvn3, vni = map[rune]string{}, map[rune]string{}
	add := func(m map[rune]string, enc, got string) {
		r, n := utf8.DecodeRuneInString(got)
		if n != len(got) || r < 0x80 || (got == enc && r != 'ý') { // TCVN3 writes ý as itself
			return
		}
		if _, seen := m[r]; !seen {
			m[r] = enc
		}
	}
	var bases []string
	for c := rune(0xa1); c <= 0xff; c++ {
		add(tcvn3, string(c), news.FromTCVN3(string(c)))
		if got := news.FromVNI(string(c)); got != string(c) {
			add(vni, string(c), got)
			bases = append(bases, string(c))
		}
	}
	for _, b := range "aeiouyAEIOUY" {
		bases = append(bases, string(b))
	}
	// A mark is drawn at the height of its letter: capital marks
	// (U+00C0–U+00DF) go with capitals, small ones with small letters.
	for _, b := range bases {
		first := rune(0xe0)
		if strings.ToLower(b) != b {
			first = 0xc0
		}
		for c := first; c < first+0x20; c++ {
			if got := news.FromVNI(b + string(c)); got != b+string(c) && utf8.RuneCountInString(got) == 1 {
				add(vni, b+string(c), got)
			}
		}
	}
	return tcvn3, vni
}

func TestLegacyTablesComplete(t *testing.T) {
	t.Parallel()
	tcvn3, vni := legacyEncoders(t)
	lower, upper := vietnameseLetters()
	require.Len(t, lower, 73)
	for _, r := range lower {
		if r < 0x80 {
			continue
		}
		assert.Contains(t, tcvn3, r, "TCVN3 has %q", r)
		assert.Contains(t, vni, r, "VNI has %q", r)
	}
	for _, r := range upper {
		if r < 0x80 {
			continue
		}
		assert.Contains(t, vni, r, "VNI has %q", r)
		caps := news.FromTCVN3Capitals(tcvn3[[]rune(strings.ToLower(string(r)))[0]])
		assert.Equal(t, string(r), caps, "the TCVN3 capitals font shows %q", r)
	}
	for _, r := range "ĂÂÊÔƠƯĐ" {
		assert.Contains(t, tcvn3, r, "TCVN3 has the capital %q", r)
	}
	assert.Len(t, tcvn3, 66+1+7, "TCVN3: the 66 marked vowels, đ, and 7 capitals")
	assert.Len(t, vni, 2*(66+1), "VNI: every marked vowel and đ in both cases")
}

func TestFromLegacy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		conv func(string) string
		in   string
		want string
	}{
		{"TCVN3 motto", news.FromTCVN3, "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"},
		{"TCVN3 capitals letters", news.FromTCVN3, "§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"},
		{"TCVN3 ư is a soft hyphen", news.FromTCVN3, "tr\u00adêng", "trường"},
		{"TCVN3 leaves other text", news.FromTCVN3, "Số 12/QĐ – 2026", "Số 12/QĐ – 2026"},
		{"TCVN3 capitals font", news.FromTCVN3Capitals, "Céng hoµ x· héi", "CỘNG HOÀ XÃ HỘI"},
		{"VNI motto", news.FromVNI, "Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"},
		{"VNI capitals", news.FromVNI, "COÄNG HOAØ XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{"VNI horn and breve", news.FromVNI, "Sôû Khoa hoïc öùng duïng, naêm, ÖÙNG, Ñaëng", "Sở Khoa học ứng dụng, năm, ỨNG, Đặng"},
		{"VNI stand-alone letters", news.FromVNI, "kyõ thuaät, ñòa chæ, Ò, tyû", "kỹ thuật, địa chỉ, Ị, tỷ"},
		{"VNI mark after a consonant stays", news.FromVNI, "bø", "bø"},
		{"VNI second mark stays", news.FromVNI, "aøø", "àø"},
		{"empty", news.FromVNI, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := tc.conv(tc.in)
			assert.Equal(t, tc.want, got)
			assert.True(t, norm.NFC.IsNormalString(got), "%q is NFC", got)
		})
	}
}

func TestLegacyFont(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		family string
		want   news.Legacy
	}{
		{`".VnTime"`, news.LegacyTCVN3},
		{`.VnTime, serif`, news.LegacyTCVN3},
		{`'.VnArial Narrow', sans-serif`, news.LegacyTCVN3},
		{`".vnarial"`, news.LegacyTCVN3},
		{`".VnTimeH"`, news.LegacyTCVN3Capitals},
		{`".VnArialH",sans-serif`, news.LegacyTCVN3Capitals},
		{`".VnArial NarrowH"`, news.LegacyTCVN3Capitals},
		{`"VNI-Times"`, news.LegacyVNI},
		{`VNI-Helve, sans-serif`, news.LegacyVNI},
		{`"Times New Roman", ".VnTime"`, news.LegacyNone},
		{`"Times New Roman",serif`, news.LegacyNone},
		{`Vni`, news.LegacyNone},
		{`".Vn"`, news.LegacyNone},
		{``, news.LegacyNone},
	} {
		assert.Equal(t, tc.want, news.LegacyFont(tc.family), "LegacyFont(%q)", tc.family)
	}
	assert.Equal(t, "TCVN3", news.LegacyTCVN3.String())
	assert.Equal(t, "VNI", news.LegacyVNI.String())
	assert.Equal(t, "", news.LegacyNone.String())
	assert.Equal(t, "Cộng", news.LegacyTCVN3.Convert("Céng"))
	assert.Equal(t, "CỘNG", news.LegacyTCVN3Capitals.Convert("Céng"))
	assert.Equal(t, "Cộng", news.LegacyVNI.Convert("Coäng"))
	assert.Equal(t, "Céng", news.LegacyNone.Convert("Céng"))
}

func TestDetectLegacy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		text string
		want news.Legacy
	}{
		{"TCVN3", "Céng hoµ x· héi chñ nghÜa ViÖt Nam", news.LegacyTCVN3},
		{"TCVN3 paragraph", "S¸ng ngµy 04/12/2026, Së Khoa häc vµ C«ng nghÖ tØnh tæ chøc Héi nghÞ tæng kÕt.", news.LegacyTCVN3},
		{"VNI", "Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam", news.LegacyVNI},
		{"VNI paragraph", "Chieàu ngaøy 04/12/2026, Ñoaøn coâng taùc cuûa Sôû Khoa hoïc vaø Coâng ngheä ñaõ kieåm tra moâ hình.", news.LegacyVNI},
		{"Unicode", "Cộng hoà xã hội chủ nghĩa Việt Nam", news.LegacyNone},
		{"Unicode with Latin-1 letters only", "Tôi là sinh viên, chú ý giờ vào lớp", news.LegacyNone},
		{"Unicode Latin-1 words", "Tôi là cô giáo", news.LegacyNone},
		{"French", "Le café près de la fenêtre était très agréable à côté", news.LegacyNone},
		{"German", "Über die Brücke gehen Mädchen und Jungen schön früh", news.LegacyNone},
		{"ASCII", "Hoi nghi tong ket nam 2026", news.LegacyNone},
		{"one word", "Céng", news.LegacyNone},
		{"empty", "", news.LegacyNone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, news.DetectLegacy(tc.text), "DetectLegacy(%q)", tc.text)
		})
	}
}

// TestSanitizeLegacyFonts pastes Word fragments typed in TCVN3 and VNI:
// the runs in a legacy font, named by a style, a font face or the style
// sheet's paragraph class, become Unicode and the fonts go.
func TestSanitizeLegacyFonts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		want   []string
		legacy []string
	}{
		{"tcvn3", []string{
			`<p style="text-align: center"><b>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>`,
			`<p style="text-align: center"><b>Độc lập - Tự do - Hạnh phúc</b></p>`,
			"Sáng ngày 04/12/2026, Sở Khoa học và Công nghệ tỉnh tổ chức Hội nghị tổng kết nhiệm vụ khoa học và công nghệ năm 2026. " +
				"<i>Hội nghị đã đánh giá kết quả ứng dụng tiến bộ kỹ thuật vào sản xuất nông nghiệp</i> và trao giấy khen cho 12 tập thể, cá nhân.",
			"Các đơn vị gửi báo cáo về phòng Quản lý khoa học trước ngày 15/12/2026 (bản điện tử gửi qua hộp thư công vụ).",
			"<b>Lĩnh vực</b>", "<b>Số đề tài</b>", "Nông nghiệp công nghệ cao",
		}, []string{"Céng", "µ", "§"}},
		{"vni", []string{
			`<p style="text-align: center"><b>CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p>`,
			`<p style="text-align: center"><b>Độc lập - Tự do - Hạnh phúc</b></p>`,
			"Chiều ngày 04/12/2026, Đoàn công tác của Sở Khoa học và Công nghệ đã kiểm tra mô hình ứng dụng công nghệ sinh học trong sản xuất giống lúa tại huyện. " +
				"<b>Kết quả bước đầu</b> cho thấy năng suất tăng khoảng 15% so với giống cũ.",
			"Ứng dụng được nhân rộng ở các xã ven biển trong năm tới (theo kế hoạch đã phê duyệt).",
			"<b>Chỉ tiêu</b>", "<b>Kết quả</b>", "Năng suất (tạ/ha)", "68,5",
		}, []string{"Coäng", "aø", "Ñ"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in, err := os.ReadFile(filepath.Join("testdata", "sanitize_"+tc.name+".html"))
			require.NoError(t, err)
			got := news.Sanitize(string(in))
			for _, w := range tc.want {
				assert.Contains(t, got, w)
			}
			for _, l := range append(tc.legacy, ".Vn", "VNI", "font") {
				assert.NotContains(t, got, l)
			}
			assert.True(t, norm.NFC.IsNormalString(got))
			assert.Equal(t, got, news.Sanitize(got), "a second pass changes nothing")
		})
	}
}

func TestSanitizeLegacyRuns(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, in, want string }{
		{"span", `<p><span style="font-family:.VnTime">ViÖt Nam</span></p>`, "<p>Việt Nam</p>"},
		{"entities", `<p><span style='font-family:".VnTime"'>Céng ho&micro; &amp; tr&shy;êng &lt;a&gt;</span></p>`, "<p>Cộng hoà &amp; trường &lt;a&gt;</p>"},
		{"font face", `<p><font face=".VnTimeH">Céng hoµ</font> x·</p>`, "<p>CỘNG HOÀ x·</p>"},
		{"inner Unicode font wins", `<p style="font-family:VNI-Times">Vieät <span style="font-family:Arial">Nam – aø</span> Nam</p>`, "<p>Việt Nam – aø Nam</p>"},
		{"class of the style sheet", `<style>p.Tieude {font-family:".VnTimeH"} p.Than {font-family:Arial}</style><p class=Tieude>th«ng b¸o</p><p class=Than>th«ng</p>`,
			"<p>THÔNG BÁO</p><p>th«ng</p>"},
		{"void element keeps the run", `<p><span style="font-family:VNI-Times">Haø<br>Noäi</span></p>`, "<p>Hà<br/>Nội</p>"},
		{"attributes untouched", `<p><span style="font-family:.VnTime"><a href="/tin/h¹" title="µ">h¹</a></span></p>`, `<p><a href="/tin/h%C2%B9" title="µ">hạ</a></p>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, news.Sanitize(tc.in))
		})
	}
}

// TestUnicodeCombining checks text typed with "Unicode tổ hợp" (the
// combining marks some Unikey settings write) is stored NFC and meets the
// precomposed text in slugs and search.
func TestUnicodeCombining(t *testing.T) {
	t.Parallel()
	const composed = "Hội nghị tổng kết năm 2026 của Sở Khoa học và Công nghệ"
	decomposed := norm.NFD.String(composed)
	require.NotEqual(t, composed, decomposed)
	assert.Equal(t, "<p>"+composed+"</p>", news.Sanitize("<p>"+decomposed+"</p>"))
	assert.Equal(t, composed, news.Normalize(decomposed))
	assert.Equal(t, news.Slugify(composed), news.Slugify(decomposed))
	assert.Equal(t, news.Fold(composed), news.Fold(decomposed))
}

// legacyText keeps, of s in NFC, the characters the encoding can write:
// ASCII printable characters and the Vietnamese letters (all of TCVN3's
// or VNI's, which excludes the capitals with a mark for TCVN3).
func legacyText(s string, keep map[rune]string) string {
	return strings.Map(func(r rune) rune {
		if (r >= 0x20 && r < 0x7f) || keep[r] != "" {
			return r
		}
		return -1
	}, norm.NFC.String(s))
}

func encodeLegacy(s string, enc map[rune]string) string {
	var b strings.Builder
	for _, r := range s {
		if e, ok := enc[r]; ok {
			b.WriteString(e)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FuzzLegacy checks that Unicode text encoded in TCVN3 (also in its
// capitals fonts) and in VNI converts back to itself.
func FuzzLegacy(f *testing.F) {
	for _, s := range []string{
		"Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập – Tự do – Hạnh phúc.",
		"Sở Khoa học và Công nghệ tỉnh tổ chức hội nghị tổng kết năm 2026.",
		"ỨNG DỤNG TIẾN BỘ KỸ THUẬT", "ơư ƠƯ đĐ ỵỷỹ", "quốc, giữa, khuỷu, nguyễn",
	} {
		f.Add(s)
	}
	tcvn3, vni := legacyEncoders(f)
	f.Fuzz(func(t *testing.T, s string) {
		if u := legacyText(s, vni); news.FromVNI(encodeLegacy(u, vni)) != u {
			t.Errorf("FromVNI(VNI(%q)) = %q", u, news.FromVNI(encodeLegacy(u, vni)))
		}
		u := legacyText(s, tcvn3)
		if got := news.FromTCVN3(encodeLegacy(u, tcvn3)); got != u {
			t.Errorf("FromTCVN3(TCVN3(%q)) = %q", u, got)
		}
		lower := encodeLegacy(legacyText(strings.ToLower(s), tcvn3), tcvn3)
		if got, want := news.FromTCVN3Capitals(lower), strings.ToUpper(legacyText(strings.ToLower(s), tcvn3)); got != want {
			t.Errorf("FromTCVN3Capitals(%q) = %q, want %q", lower, got, want)
		}
	})
}
