package news

import (
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestExcerpt(t *testing.T) {
	t.Parallel()
	const body = "<p>Sáng ngày 28 tháng 11, Chi bộ Chuyên ngành đã tổ chức thành công Đại hội.</p>"
	tests := []struct {
		name string
		in   string
		n    int
		want string
	}{
		{"zero", body, 0, ""},
		{"negative", body, -5, ""},
		{"empty", "", 160, ""},
		{"tags only", "<p><br></p><hr>", 160, ""},
		{"fits", body, 160, "Sáng ngày 28 tháng 11, Chi bộ Chuyên ngành đã tổ chức thành công Đại hội."},
		{"fits exactly", body, 73, "Sáng ngày 28 tháng 11, Chi bộ Chuyên ngành đã tổ chức thành công Đại hội."},
		{"one too short", body, 72, "Sáng ngày 28 tháng 11, Chi bộ Chuyên ngành đã tổ chức thành công Đại…"},
		{"cut inside a word", body, 25, "Sáng ngày 28 tháng 11…"},
		{"cut before a space", body, 23, "Sáng ngày 28 tháng 11…"},
		{"word with trailing comma does not fit", body, 22, "Sáng ngày 28 tháng…"},
		{"NFD input counts characters", norm.NFD.String(body), 25, "Sáng ngày 28 tháng 11…"},
		{"trailing punctuation dropped", "Tham dự Đại hội, có đầy đủ đảng viên", 17, "Tham dự Đại hội…"},
		{"one character", body, 1, "…"},
		{"long word cut", "Aaaaaaaaaaaa", 5, "Aaaa…"},
		{"long word of multi-byte letters", norm.NFD.String("ưưưưưưưư"), 4, "ưưư…"},
		{"no base letter left without its mark", "q\u0323q\u0323q\u0323q\u0323", 4, "q\u0323…"},
		{"entities decoded", "<p>KH&amp;CN &lt;b&gt; &quot;Xanh&quot;&nbsp;sạch&#8230;</p>", 160, `KH&CN <b> "Xanh" sạch…`},
		{"script and style dropped", "<style>p{color:red}</style><p>Tin</p><script>alert('x')</script>", 160, "Tin"},
		{"photo captions skipped", `<p>Hội nghị khai mạc.</p><figure><img src="/a.jpg" alt=""><figcaption>Ảnh: <em>Quang cảnh</em> hội nghị</figcaption></figure><p>Đại biểu thảo luận.</p>`, 160, "Hội nghị khai mạc. Đại biểu thảo luận."},
		{"nested skipped elements", "<svg><svg><text>a</text></svg><text>b</text></svg><p>Tin</p>", 160, "Tin"},
		{"self-closing skipped element", "<svg/><p>Tin</p>", 160, "Tin"},
		{"comment dropped", "<!-- ghi chú --><p>Tin mới</p>", 160, "Tin mới"},
		{"blocks separate words", "<h2>Tiêu đề</h2><p>Nội dung</p><ul><li>một</li><li>hai</li></ul>", 160, "Tiêu đề Nội dung một hai"},
		{"line break separates words", "Hà<br>Nội", 160, "Hà Nội"},
		{"table cells separate words", "<table><tr><td>Ô</td><td>Ơ</td></tr></table>", 160, "Ô Ơ"},
		{"inline elements do not", "<b>Bến</b>Tre <a href=/x>tỉnh</a><em>nhà</em>", 160, "BếnTre tỉnhnhà"},
		{"white space collapsed", "<p>  Hội\n\n\tnghị \u00a0 tổng   kết </p>", 160, "Hội nghị tổng kết"},
		{"unclosed tags", "<p>Chưa đóng <b>thẻ", 160, "Chưa đóng thẻ"},
		{"plain text", "Hội nghị < 5 > 3", 160, "Hội nghị < 5 > 3"},
		{"control characters removed", "<p>Hội\x00 nghị&#1;\u200b</p>", 160, "Hội nghị"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := Excerpt(tc.in, tc.n)
			if got != tc.want {
				t.Errorf("Excerpt(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
			}
			if c := utf8.RuneCountInString(got); c > max(tc.n, 0) {
				t.Errorf("Excerpt(%q, %d) = %q: %d characters", tc.in, tc.n, got, c)
			}
		})
	}
}

func FuzzExcerpt(f *testing.F) {
	f.Add("<p>Sáng ngày 28 tháng 11, Chi bộ Chuyên ngành đã tổ chức thành công Đại hội.</p>", 25)
	f.Add(norm.NFD.String("<h2>Ưu tiên</h2><p>ứng dụng</p>"), 8)
	f.Add("q\u0323q\u0323q\u0323", 2)
	f.Add("<script>x</script>&amp;&#0;&#xD800;", 3)
	f.Add(strings.Repeat("ư", 50), 1)
	f.Fuzz(func(t *testing.T, in string, n int) {
		n %= 400
		got := Excerpt(in, n)
		if n <= 0 && got != "" {
			t.Fatalf("Excerpt(%q, %d) = %q, want empty", in, n, got)
		}
		if c := utf8.RuneCountInString(got); c > max(n, 0) {
			t.Fatalf("Excerpt(%q, %d) = %q: %d characters", in, n, got, c)
		}
		checkXMLText(t, "Excerpt", got)
		if strings.ContainsAny(got, "\t\n") || strings.TrimSpace(got) != got {
			t.Fatalf("Excerpt(%q, %d) = %q: not one trimmed line", in, n, got)
		}
		// Cut or not, the excerpt is the start of the whole text.
		full := Excerpt(in, math.MaxInt)
		if n <= 0 || got == full {
			return
		}
		kept, cut := strings.CutSuffix(got, "…")
		if !cut || utf8.RuneCountInString(full) <= n || !strings.HasPrefix(full, kept) {
			t.Fatalf("Excerpt(%q, %d) = %q, not the whole text %q or a start of it and an ellipsis", in, n, got, full)
		}
		// It ends at a word boundary, or inside a first word too long to
		// fit, but never before a combining mark.
		next, _ := utf8.DecodeRuneInString(full[len(kept):])
		if kept != "" && unicode.IsMark(next) || strings.Contains(kept, " ") && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
			t.Fatalf("Excerpt(%q, %d) = %q: cut inside a word of %q", in, n, got, full)
		}
	})
}
