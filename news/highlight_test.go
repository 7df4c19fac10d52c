package news_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// marked writes segments with the marked ones in [brackets].
func marked(segs []news.Segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Mark {
			b.WriteString("[" + s.Text + "]")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func ExampleHighlight() {
	text := "Chi bộ Chuyên ngành tổ chức thành công Đại hội nhiệm kỳ 2022–2025 với 07/07 đảng viên tham dự."
	for _, s := range news.Highlight("dai hoi", text, 40) {
		if s.Mark {
			fmt.Printf("<mark>%s</mark>", s.Text)
		} else {
			fmt.Print(s.Text)
		}
	}
	fmt.Println()
	// Output: …công <mark>Đại</mark> <mark>hội</mark> nhiệm kỳ 2022–2025 với 07…
}

func TestHighlight(t *testing.T) {
	for _, tc := range []struct {
		name, query, text string
		width             int
		want              string
	}{
		{"unaccented query marks accented words", "dai hoi", "Đại hội Chi bộ", 80, "[Đại] [hội] Chi bộ"},
		{"accented query marks only its marks", "bưởi", "Bưởi Phúc Trạch, buổi sáng, buoi", 80, "[Bưởi] Phúc Trạch, buổi sáng, buoi"},
		{"unaccented query marks all spellings", "buoi", "Bưởi, buổi, buoi", 80, "[Bưởi], [buổi], [buoi]"},
		{"old and new tone placement", "hoà", "Hòa bình, hoà giải", 80, "[Hòa] bình, [hoà] giải"},
		{"quotes and excluded words", `"đại hội" -chi`, "Đại hội Chi bộ", 80, "[Đại] [hội] Chi bộ"},
		{"whole words only", "hoi", "Hội thảo hoinghi", 80, "[Hội] thảo hoinghi"},
		{"no match keeps the start", "xyz", "Một hai ba bốn năm sáu bảy tám chín mười", 20, "Một hai ba bốn năm…"},
		{"cut around the match", "mười", "Một hai ba bốn năm sáu bảy tám chín mười mười một mười hai", 24, "…chín [mười] [mười] một [mười]…"},
		{"no words in query", "😀 *", "Đại hội", 80, "Đại hội"},
		{"zero width", "dai", "Đại hội", 0, ""},
		{"markup is text", "script", `<script>alert(1)</script>`, 80, `<[script]>alert(1)</[script]>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := news.Highlight(tc.query, tc.text, tc.width)
			assert.Equal(t, tc.want, marked(got))
		})
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("dai hoi", "Chi bộ tổ chức thành công Đại hội nhiệm kỳ 2022–2025.", 20)
	f.Add(`"bưởi" -buổi`, "Bưởi Phúc Trạch và buổi sáng", 10)
	f.Add("hoà", "Ho\u0300a bình, hoà giải", 5)
	f.Add("a", "", 3)
	f.Fuzz(func(t *testing.T, query, text string, width int) {
		if width > 10000 || !utf8.ValidString(text) {
			return
		}
		segs := news.Highlight(query, text, width)
		var b strings.Builder
		for i, s := range segs {
			require.NotEmpty(t, s.Text, "segment %d", i)
			if i > 0 {
				require.NotEqual(t, segs[i-1].Mark, s.Mark, "adjacent segments %d and %d", i-1, i)
			}
			if s.Mark {
				words, _ := news.SearchWords(s.Text)
				require.Len(t, words, 1, "a mark is one word: %q", s.Text)
				qs, _ := news.SearchWords(query)
				require.True(t, func() bool {
					for _, q := range qs {
						if news.MatchWord(q, s.Text) {
							return true
						}
					}
					return false
				}(), "marked %q matches no word of %q", s.Text, query)
			}
			b.WriteString(s.Text)
		}
		got := b.String()
		if width <= 0 || text == "" {
			require.Empty(t, segs)
			return
		}
		if utf8.RuneCountInString(text) <= width {
			require.Equal(t, text, got)
			return
		}
		core := strings.TrimSuffix(strings.TrimPrefix(got, "…"), "…")
		require.Contains(t, text, core)
	})
}
