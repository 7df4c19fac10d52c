package news_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/orgnews/orgnews/news"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"
)

func TestParseSearch(t *testing.T) {
	tests := []struct {
		name string
		text string
		want news.Search
	}{
		{"words", "bưởi Bến Tre", news.Search{Words: []string{"bưởi", "Bến", "Tre"}}},
		{"repeats in any case once", "Hội nghị HỘI NGHỊ hội", news.Search{Words: []string{"Hội", "nghị"}}},
		{"marks make other words", "bưởi buổi buoi", news.Search{Words: []string{"bưởi", "buổi", "buoi"}}},
		{"quotes force a phrase", `"đại hội" công đoàn`, news.Search{Words: []string{"công", "đoàn"}, Phrases: []string{"đại hội"}}},
		{"a quoted word is a word", `"bưởi"`, news.Search{Words: []string{"bưởi"}}},
		{"missing closing quote", `tin "đại   hội`, news.Search{Words: []string{"tin"}, Phrases: []string{"đại hội"}}},
		{"words joined by punctuation", "covid-19 2022–2025", news.Search{Phrases: []string{"covid 19", "2022 2025"}}},
		{"leading minus excludes", "bưởi -buổi", news.Search{Words: []string{"bưởi"}, Excluded: []string{"buổi"}}},
		{"excluded phrase", `hội -"hội đồng"`, news.Search{Words: []string{"hội"}, Excluded: []string{"hội đồng"}}},
		{"a lone minus is punctuation", "hội - nghị", news.Search{Words: []string{"hội", "nghị"}}},
		{"NFD becomes NFC", norm.NFD.String("Đại hội"), news.Search{Words: []string{"Đại", "hội"}}},
		{"no letters", `😀 " * -`, news.Search{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := news.ParseSearch(tc.text)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			again, err := news.ParseSearch(got.String())
			require.NoError(t, err)
			assert.Equal(t, got, again, "ParseSearch(String()) gives the search back")
		})
	}
}

func TestParseSearchBounds(t *testing.T) {
	tests := []struct{ text, rule string }{
		{strings.Repeat("bưởi ", 32) + "b", "longer than 256 bytes (has 257)"},
		{"một hai ba bốn năm sáu bảy tám chín mười trăm nghìn vạn triệu tỷ đồng -xu", "more than 16 distinct words (has 17)"},
		{`"một hai ba bốn năm sáu bảy tám" "chín mười trăm nghìn vạn triệu tỷ đồng xu"`, "more than 16 distinct words (has 17)"},
	}
	for _, tc := range tests {
		_, err := news.ParseSearch(tc.text)
		var fe *news.FieldError
		require.ErrorAs(t, err, &fe, tc.text)
		assert.True(t, errors.Is(err, news.ErrInvalid))
		assert.Equal(t, "text", fe.Field)
		assert.Equal(t, tc.rule, fe.Rule)
	}
	s, err := news.ParseSearch(strings.Repeat("t ", 100))
	require.NoError(t, err)
	assert.Equal(t, []string{"t"}, s.Words)
}

func TestSearchEmpty(t *testing.T) {
	for text, want := range map[string]bool{"": true, "-tin": true, `-"đại hội"`: true, "tin": false, `"đại hội"`: false} {
		s, err := news.ParseSearch(text)
		require.NoError(t, err)
		assert.Equal(t, want, s.Empty(), text)
		assert.Equal(t, want && text != "", news.Query{Text: text}.MatchesNothing(), text)
	}
}

func TestQuerySort(t *testing.T) {
	for _, s := range []news.Sort{news.SortRelevance, news.SortNewest} {
		_, _, err := news.Query{Sort: s}.PageBounds()
		assert.NoError(t, err, s)
	}
	_, _, err := news.Query{Sort: "oldest"}.PageBounds()
	var fe *news.FieldError
	require.ErrorAs(t, err, &fe)
	assert.ErrorIs(t, err, news.ErrInvalid)
	assert.Equal(t, "sort", fe.Field)
	assert.Equal(t, `must be "" (relevance) or "newest", not "oldest"`, fe.Rule)
}

func FuzzParseSearch(f *testing.F) {
	for _, s := range []string{"bưởi -buổi", `"đại hội" công đoàn`, `-"hội đồng" "`, "covid-19", "- -- \"\"", "😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s, err := news.ParseSearch(text)
		if err != nil {
			return
		}
		again, err := news.ParseSearch(s.String())
		if err != nil {
			t.Fatalf("ParseSearch(%q) = %+v, whose String %q fails: %v", text, s, s.String(), err)
		}
		if again.String() != s.String() {
			t.Fatalf("ParseSearch(%q).String() = %q, read back as %q", text, s.String(), again.String())
		}
	})
}

func TestRarest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		counts []int
		want   int
	}{
		{"no words", nil, -1},
		{"one word", []int{5}, 0},
		{"fewest", []int{900, 12, 40}, 1},
		{"a tie goes to the first typed", []int{7, 3, 3}, 1},
		{"none held", []int{4, 0, 2}, 1},
		{"past the cap all equal", []int{news.MaxRarityCount + 5, news.MaxRarityCount + 1, 50_000}, 0},
		{"at the cap is rarer than past it", []int{news.MaxRarityCount + 1, news.MaxRarityCount}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := news.Rarest(tc.counts); got != tc.want {
				t.Errorf("Rarest(%v) = %d, want %d", tc.counts, got, tc.want)
			}
		})
	}
}
