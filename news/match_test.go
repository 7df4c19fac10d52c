package news_test

import (
	"strings"
	"testing"
	"unicode"
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

func TestSearchKeys(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want []string
	}{
		{"Đại hội", []string{"dai_0dtj", "hoi_2ctj"}},
		{"dai hoi", []string{"dai_", "hoi_"}},
		{"hoà hòa HOÀ", []string{"hoa_tf", "hoa_tf", "hoa_tf"}},
		{"thuỷ thủy", []string{"thuy_tr", "thuy_tr"}},
		{"bưởi buổi", []string{"buoi_2h3htr", "buoi_3ctr"}},
		{norm.NFD.String("Bưởi"), []string{"buoi_2h3htr"}},
		{"Hội nghị, 2025–2030!", []string{"hoi_2ctj", "nghi_tj", "2025_", "2030_"}},
		{"  ,; ", nil},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, news.SearchKeys(tc.text), "SearchKeys(%q)", tc.text)
	}
}

func TestKeyMatches(t *testing.T) {
	t.Parallel()
	words := []string{"bưởi", "buổi", "buoi", "Bưởi", "đại", "dại", "dai", "đái", "đai", "hoà", "hòa", "hoa", "thuỷ", "thủy", "thúy", "hội", "hỏi", "hoi", "café", "cafe", "2025"}
	for _, q := range words {
		for _, w := range words {
			qk, wk := news.SearchKeys(q), news.SearchKeys(w)
			assert.Equal(t, news.MatchWord(q, w), news.KeyMatches(qk[0], wk[0]), "KeyMatches(%q, %q) of %q, %q", qk[0], wk[0], q, w)
		}
	}
}

// notWord reports whether r splits words (see news.Words).
func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) }

func FuzzKeyMatches(f *testing.F) {
	for _, s := range []string{"bưởi", "buổi", "buoi", "hoà", "hòa", "thuỷ", "Đại", "dai", "ĐẠI", "café", "2025"} {
		f.Add(s, s)
	}
	f.Add("buoi", "bưởi")
	f.Add("đai", "đại")
	f.Fuzz(func(t *testing.T, q, w string) {
		qk, wk := news.SearchKeys(q), news.SearchKeys(w)
		if len(qk) != 1 || len(wk) != 1 || strings.ContainsFunc(q+w, notWord) {
			t.Skip()
		}
		// The keys match as the words do, and hold no query syntax.
		assert.Equal(t, news.MatchWord(q, w), news.KeyMatches(qk[0], wk[0]), "KeyMatches(%q, %q) of %q, %q", qk[0], wk[0], q, w)
		assert.Equal(t, 1, strings.Count(qk[0], "_"), "SearchKeys(%q) = %q", q, qk)
		assert.Equal(t, qk, news.SearchKeys(norm.NFD.String(strings.ToUpper(q))), "SearchKeys of %q in upper case NFD", q)
	})
}
