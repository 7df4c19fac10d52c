package news_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/orgnews/orgnews/news"
	"github.com/stretchr/testify/assert"
	"golang.org/x/text/unicode/norm"
)

func TestMatchWord(t *testing.T) {
	t.Parallel()
	tests := []struct {
		query, text string
		want        bool
	}{
		// Without marks, a query word matches with or without them.
		{"buoi", "bưởi", true},
		{"buoi", "buổi", true},
		{"buoi", "buoi", true},
		{"buoi", "BƯỞI", true},
		{"dai", "đại", true},
		{"dai", "Đại", true},
		{"hoi", "hội", true},
		{"thuy", "thủy", true},
		{"thuy", "thuỷ", true},
		{"nghi", "nghị", true},
		{"buoi", "bưởii", false},
		{"buoi", "bui", false},
		{"hoi", "hỏi", true},
		// With marks, the same marks.
		{"bưởi", "bưởi", true},
		{"bưởi", "Bưởi", true},
		{"bưởi", "BƯỞI", true},
		{"bưởi", "buổi", false},
		{"bưởi", "buoi", false},
		{"buổi", "bưởi", false},
		{"buổi", "buổi", true},
		{"đại", "đại", true},
		{"đại", "dại", false},
		{"đại", "đái", false},
		{"đái", "đại", false},
		{"hội", "hồi", false},
		{"hội", "hỏi", false},
		{"hội", "hoi", false},
		{"nghị", "nghỉ", false},
		// The old and the new tone placement are one word.
		{"hoà", "hòa", true},
		{"hòa", "hoà", true},
		{"thuỷ", "thủy", true},
		{"thủy", "thuỷ", true},
		{"khoẻ", "khỏe", true},
		{"loè", "lòe", true},
		{"quý", "qúy", true},
		{"hoà", "hoa", false},
		{"hoà", "hóa", false},
		{"thuỷ", "thúy", false},
		// Case never matters.
		{"ĐẠI", "đại", true},
		{"Đại", "ĐẠI", true},
		{"HOI", "hội", true},
		{"Hòa", "HOÀ", true},
		// đ is a letter of its own when typed.
		{"đai", "Đai", true},
		{"đai", "dai", false},
		{"đ", "d", false},
		{"d", "đ", true},
		{"Đà", "đà", true},
		// Marks are all or nothing.
		{"đai", "đại", false},
		{"bươi", "bưởi", false},
		{"buổi", "buoi", false},
		// NFC and NFD are the same word.
		{norm.NFD.String("bưởi"), "bưởi", true},
		{"bưởi", norm.NFD.String("bưởi"), true},
		{norm.NFD.String("hoà"), norm.NFD.String("hòa"), true},
		{norm.NFD.String("Đại"), "dại", false},
		// Digits and other scripts.
		{"2025", "2025", true},
		{"2025", "2026", false},
		{"covid", "COVID", true},
		{"café", "cafe", false},
		{"cafe", "café", true},
		{"", "", true},
		{"", "hội", false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, news.MatchWord(tc.query, tc.text), "MatchWord(%q, %q)", tc.query, tc.text)
	}
}

func FuzzMatchWord(f *testing.F) {
	for _, s := range []string{"bưởi", "buổi", "buoi", "hoà", "hòa", "thuỷ", "Đại", "dai", "ĐẠI", "café", "2025", ""} {
		f.Add(s, s)
	}
	f.Add("buoi", "bưởi")
	f.Add("hoà", "hòa")
	f.Fuzz(func(t *testing.T, q, w string) {
		if !utf8.ValidString(q) || !utf8.ValidString(w) {
			t.Skip()
		}
		// A word matches itself, whatever its case or normal form.
		assert.True(t, news.MatchWord(q, q), "MatchWord(%q, itself)", q)
		assert.True(t, news.MatchWord(q, strings.ToUpper(q)) == news.MatchWord(q, strings.ToLower(strings.ToUpper(q))))
		assert.Equal(t, news.MatchWord(q, w), news.MatchWord(norm.NFD.String(q), norm.NFD.String(w)), "MatchWord(%q, %q) in NFD", q, w)
		// Its folded form, typed without marks, matches it.
		assert.True(t, news.MatchWord(news.Fold(q), q), "MatchWord(Fold(%q), %q)", q, q)
		// A match implies the folded words match.
		if news.MatchWord(q, w) {
			assert.Equal(t, news.Fold(q), news.Fold(w), "MatchWord(%q, %q) but their folds differ", q, w)
		}
	})
}
