package news_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/orgnews/orgnews/news"
)

// marked writes segments with the marked words in [brackets] and the
// marked phrases in {braces}.
func marked(segs []news.Segment) string {
	var b strings.Builder
	for _, s := range segs {
		switch {
		case s.Phrase:
			b.WriteString("{" + s.Text + "}")
		case s.Mark:
			b.WriteString("[" + s.Text + "]")
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// mustParse returns the parsed search text.
func mustParse(tb testing.TB, text string) news.Search {
	tb.Helper()
	s, err := news.ParseSearch(text)
	require.NoError(tb, err, "ParseSearch(%q)", text)
	return s
}

func ExampleHighlight() {
	s, err := news.ParseSearch(`"đại hội" chi bộ -"hội đồng"`)
	if err != nil {
		panic(err)
	}
	text := "Hội đồng thi đua khen thưởng của Sở họp ngày 12/11. Chi bộ Chuyên ngành tổ chức thành công Đại hội nhiệm kỳ 2022–2025 với 07/07 đảng viên tham dự."
	for _, seg := range news.Highlight(s, text, 90) {
		if seg.Mark {
			fmt.Printf("<mark>%s</mark>", seg.Text)
		} else {
			fmt.Print(seg.Text)
		}
	}
	fmt.Println()
	// Output: …<mark>Chi</mark> <mark>bộ</mark> Chuyên ngành tổ chức thành công <mark>Đại hội</mark> nhiệm kỳ 2022–2025 với 07/07 đảng viên tham…
}

func TestHighlight(t *testing.T) {
	t.Parallel()
	const numbers = "một hai ba bốn năm sáu bảy tám chín mười"
	for _, tc := range []struct {
		name, query, text string
		width             int
		want              string
	}{
		{"unaccented words mark accented words", "dai hoi", "Đại hội Chi bộ", 80, "[Đại] [hội] Chi bộ"},
		{"a phrase is one mark", `"đại hội"`, "Đại hội Chi bộ", 80, "{Đại hội} Chi bộ"},
		{"a phrase across punctuation", "covid-19", "Phòng chống COVID-19 và covid 19, covid", 80, "Phòng chống {COVID-19} và {covid 19}, covid"},
		{"a phrase whose words are apart", `"đại hội"`, "Đại biểu dự hội nghị", 80, "Đại biểu dự hội nghị"},
		{"a phrase by the rule of words", `"hoi nghi"`, "Hội nghị, hỏi nghỉ, hội nghĩ", 80, "{Hội nghị}, {hỏi nghỉ}, {hội nghĩ}"},
		{"an accented phrase", `"hội nghị"`, "Hội nghị, hỏi nghỉ, hội nghi", 80, "{Hội nghị}, hỏi nghỉ, hội nghi"},
		{"overlapping phrases are one mark", `"bộ chi bộ" "chi bộ"`, "Chi bộ chi bộ chi bộ.", 80, "{Chi bộ chi bộ chi bộ}."},
		{"a phrase and words", `"đại hội" chi`, "Đại hội Chi bộ, chi tiết, đại biểu", 80, "{Đại hội} [Chi] bộ, [chi] tiết, đại biểu"},
		{"an excluded word is never marked", "hoi -hội", "Hội nghị, hỏi han", 80, "Hội nghị, [hỏi] han"},
		{"an excluded phrase is never marked", `hội -"hội đồng"`, "Hội đồng nghiệm thu và hội nghị", 80, "Hội đồng nghiệm thu và [hội] nghị"},
		{"a phrase holding an excluded word", `"đại hội" dai -hội`, "Đại hội", 80, "[Đại] hội"},
		{"accented words mark their marks only", "bưởi", "Bưởi Phúc Trạch, buổi sáng, buoi", 80, "[Bưởi] Phúc Trạch, buổi sáng, buoi"},
		{"unaccented words mark every spelling", "buoi", "Bưởi, buổi, buoi", 80, "[Bưởi], [buổi], [buoi]"},
		{"old and new tone placement", "hoà", "Hòa bình, hoà giải, hoa", 80, "[Hòa] bình, [hoà] giải, hoa"},
		{"NFD text", "hội nghị", norm.NFD.String("Hội nghị tổng kết, hỏi"), 80, norm.NFD.String("[Hội] [nghị] tổng kết, hỏi")},
		{"NFD query", norm.NFD.String(`"hội nghị" bưởi`), "Hội nghị; bưởi, buổi", 80, "{Hội nghị}; [bưởi], buổi"},
		{"whole words only", "hoi", "Hội thảo hoinghi", 80, "[Hội] thảo hoinghi"},
		{"quotes and punctuation of the query count for nothing", `"chi" * ,`, "Chi bộ", 80, "[Chi] bộ"},
		{"no word in the search", "😀 *", "Đại hội", 80, "Đại hội"},
		{"markup is text", "script", `<script>alert(1)</script>`, 80, `<[script]>alert(1)</[script]>`},
		{"zero width", "dai", "Đại hội", 0, ""},
		{"empty text", "dai", "", 80, ""},

		{"no match keeps the start", "xyz", numbers, 20, "một hai ba bốn năm…"},
		{"centred on the match", "sáu", numbers + " " + numbers, 20, "…bốn năm [sáu] bảy tám…"},
		{"a phrase before an earlier word", `một "chín mười"`, numbers + " " + numbers, 20, "…tám {chín mười} [một]…"},
		{"filled back from the end", "mười", "một hai ba bốn năm sáu bảy tám chín mười", 21, "…sáu bảy tám chín [mười]"},
		{"from the start when the match is near it", "hai", numbers, 20, "một [hai] ba bốn năm…"},
		{"a phrase longer than the width is whole", `"ba bốn năm sáu bảy"`, numbers, 8, "…{ba bốn năm sáu bảy}…"},
		{"no word fits", "x", "Quangninhquangninh đẹp", 10, "Quangninhq…"},
		{"no word fits, no mark cut off", "x", "Quangnin" + norm.NFD.String("hộ") + "i đẹp", 10, "Quangninh…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, _ := news.ParseSearch(tc.query)
			got := marked(news.Highlight(s, tc.text, tc.width))
			assert.Equal(t, tc.want, got, "Highlight(%q, %q, %d)", tc.query, tc.text, tc.width)
		})
	}
}

// TestHighlightSearchByHand checks a Search built without ParseSearch:
// its terms are split into words as ParseSearch splits them.
func TestHighlightSearchByHand(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		search news.Search
		text   string
		want   string
	}{
		{"a word of two words is a phrase", news.Search{Words: []string{"covid-19"}}, "Covid 19, covid", "{Covid 19}, covid"},
		{"a phrase of one word is a word", news.Search{Phrases: []string{`"chi"`}}, "Chi bộ", "[Chi] bộ"},
		{"terms without words", news.Search{Words: []string{"", " ", "—"}, Phrases: []string{"*"}, Excluded: []string{""}}, "Chi bộ", "Chi bộ"},
		{"NFD words", news.Search{Words: []string{norm.NFD.String("bưởi")}}, "Bưởi, buổi", "[Bưởi], buổi"},
		{"excluded with punctuation", news.Search{Words: []string{"hoi"}, Excluded: []string{"-hội"}}, "hội, hỏi", "hội, [hỏi]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tc.want, marked(news.Highlight(tc.search, tc.text, 80)))
		})
	}
}

// textWords splits s as the search does: runs of letters, digits and
// marks that hold a letter or a digit.
func textWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	}) {
		if strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			out = append(out, w)
		}
	}
	return out
}

// matchesAny reports whether one of terms, split into words, is words.
func matchesAt(term, words []string, at int) bool {
	if at < 0 || at+len(term) > len(words) {
		return false
	}
	for k, w := range term {
		if !news.MatchWord(w, words[at+k]) {
			return false
		}
	}
	return true
}

func FuzzHighlight(f *testing.F) {
	f.Add("dai hoi", "Chi bộ tổ chức thành công Đại hội nhiệm kỳ 2022–2025.", 20)
	f.Add(`"bưởi" -buổi`, "Bưởi Phúc Trạch và buổi sáng", 10)
	f.Add(`"đại hội" chi -"hội đồng"`, "Hội đồng họp. Chi bộ tổ chức Đại hội, đại hội chi bộ.", 12)
	f.Add(`"chi bộ chi"`, "chi bộ chi bộ chi bộ chi", 7)
	f.Add("hoà", "Ho\u0300a bình, hoà giải", 5)
	f.Add("a", "", 3)
	f.Fuzz(func(t *testing.T, query, text string, width int) {
		if width > 10000 || !utf8.ValidString(text) {
			return
		}
		s, _ := news.ParseSearch(query)
		var phrases, excluded [][]string
		for _, p := range s.Phrases {
			phrases = append(phrases, textWords(p))
		}
		for _, e := range s.Excluded {
			excluded = append(excluded, textWords(e))
		}
		isExcluded := func(w string) bool {
			for _, e := range excluded {
				if len(e) == 1 && news.MatchWord(e[0], w) {
					return true
				}
			}
			return false
		}
		segs := news.Highlight(s, text, width)
		var b strings.Builder
		for i, seg := range segs {
			require.NotEmpty(t, seg.Text, "segment %d", i)
			if i > 0 {
				require.False(t, !segs[i-1].Mark && !seg.Mark, "unmarked segments %d and %d are apart", i-1, i)
			}
			b.WriteString(seg.Text)
			if !seg.Mark {
				require.False(t, seg.Phrase, "an unmarked phrase: %q", seg.Text)
				continue
			}
			// A mark is a word, or phrases, and nothing around them.
			words := textWords(seg.Text)
			require.NotEmpty(t, words, "a mark without words: %q", seg.Text)
			require.True(t, strings.HasPrefix(seg.Text, words[0]) && strings.HasSuffix(seg.Text, words[len(words)-1]),
				"a mark %q holds more than its words %q", seg.Text, words)
			for _, w := range words {
				require.False(t, isExcluded(w), "marked %q is excluded by %q", w, query)
			}
			if !seg.Phrase {
				require.Len(t, words, 1, "a word mark is one word: %q", seg.Text)
				require.True(t, func() bool {
					for _, q := range s.Words {
						if news.MatchWord(q, words[0]) {
							return true
						}
					}
					return false
				}(), "marked %q matches no word of %q", seg.Text, query)
				continue
			}
			for i := range words {
				require.True(t, func() bool {
					for _, p := range phrases {
						for k := range p {
							if matchesAt(p, words, i-k) {
								return true
							}
						}
					}
					return false
				}(), "word %d of the phrase mark %q is in no phrase of %q", i, seg.Text, query)
			}
		}
		got := b.String()
		if width <= 0 || text == "" {
			require.Empty(t, segs)
			return
		}
		if utf8.RuneCountInString(text) <= width {
			require.Equal(t, text, got)
		} else {
			core := strings.TrimSuffix(strings.TrimPrefix(got, "…"), "…")
			require.Contains(t, text, core)
		}
		// Every word a word of the search matches is marked, unless an
		// exclusion holds it.
		if len(excluded) > 0 {
			return
		}
		for i, seg := range segs {
			if seg.Mark {
				continue
			}
			words := textWords(seg.Text)
			if i == len(segs)-1 && strings.HasSuffix(got, "…") && len(words) > 0 {
				words = words[:len(words)-1] // perhaps cut
			}
			for _, w := range words {
				for _, q := range s.Words {
					require.False(t, news.MatchWord(q, w), "%q matches %q but is not marked", q, w)
				}
			}
		}
	})
}

// BenchmarkHighlight highlights a search of a phrase and three words in
// the text of a department's news article of about 1,000 words, as the
// search page does for a result whose summary holds none of them.
func BenchmarkHighlight(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "shared", "samples", "department-news-article.txt"))
	if err != nil {
		b.Skipf("the shared sample article: %v", err)
	}
	text := news.NormalizeLine(string(data))
	s := mustParse(b, `"hội nghị" chuyển đổi số`)
	b.ReportAllocs()
	for b.Loop() {
		if segs := news.Highlight(s, text, 200); len(segs) == 0 {
			b.Fatal("no excerpt")
		}
	}
}
