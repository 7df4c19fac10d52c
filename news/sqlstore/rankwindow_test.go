package sqlstore_test

import (
	"context"
	"testing"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/stretchr/testify/require"
)

// TestRankedPagesPastWindow checks, on an archive larger than the window
// of newest articles a rank is first read from, that the pages of ranked
// searches list what memstore lists, page by page: ranks the window fills,
// ranks read from the index and sorted, and pages that cross from one rank
// to the next, past the window and within it; with words that FTS5 seeks
// in each window article (marked words) and with prefix queries (words
// without marks); with filters, exclusions and phrases, sorted by
// relevance and by date (news.SortNewest).
func TestRankedPagesPastWindow(t *testing.T) {
	const n = 1500
	var batch news.Batch
	batch.Categories = benchCategories()
	for i := range n {
		batch.Articles = append(batch.Articles, benchArticle(i))
	}
	mem := memstore.New()
	require.NoError(t, mem.Import(context.Background(), &batch))
	published := news.StatusPublished
	tests := []struct {
		name  string
		query news.Query
		pages int
	}{
		{"word most articles hold", news.Query{Text: "hội", Limit: 10}, 3},
		{"phrase, few titles", news.Query{Text: "đại hội", Limit: 20, Status: published}, 3},
		{"rare words, every page", news.Query{Text: "dien mat troi", Limit: 2}, 100},
		{"four words", news.Query{Text: "nghiem thu de tai", Limit: 7}, 3},
		{"exclusion", news.Query{Text: "hội -nghị", Limit: 10}, 3},
		{"category", news.Query{Text: "khoa hoc", Limit: 10, CategoryID: benchID(0xC0, 16)}, 3},
		{"page across ranks", news.Query{Text: "năng lượng tái tạo", Limit: 2}, 100},
		{"tag", news.Query{Text: "đại hội", Tag: "Chủ đề 7", Limit: 3}, 10},
		{"one word, tag", news.Query{Text: "hội", Tag: "Chủ đề 7", Limit: 10}, 5},
		{"one word in few titles", news.Query{Text: "nguyên", Limit: 10, Status: published}, 5},
		{"marked rare words, every page", news.Query{Text: "điện mặt trời", Limit: 2}, 100},
		{"newest, word most articles hold", news.Query{Text: "hội", Sort: news.SortNewest, Limit: 50}, 25},
		{"newest, rare words across the window", news.Query{Text: "dien mat troi", Sort: news.SortNewest, Limit: 5}, 10},
		{"newest, marked rare words", news.Query{Text: "điện mặt trời", Sort: news.SortNewest, Limit: 2, Status: published}, 10},
		{"newest, exclusion", news.Query{Text: "hội -nghị", Sort: news.SortNewest, Limit: 40}, 30},
		{"newest, tag and category", news.Query{Text: "khoa học", Sort: news.SortNewest, Tag: "Chủ đề 3",
			CategoryID: benchID(0xC0, 16), Limit: 4}, 10},
		{"exclusion past the window", news.Query{Text: "mat troi -tái", Limit: 2}, 100},
		{"quoted phrase and word", news.Query{Text: `"năng lượng" tai tao`, Limit: 3}, 100},
		{"phrase, another tag", news.Query{Text: "đại hội", Tag: "Chủ đề 3", Limit: 3}, 30},
		{"newest, word most articles hold, short pages", news.Query{Text: "hội", Sort: news.SortNewest, Limit: 10}, 3},
		{"newest, rare words past the window", news.Query{Text: "dien mat troi", Sort: news.SortNewest, Limit: 2}, 100},
		{"newest, quoted phrase", news.Query{Text: `"đại hội"`, Sort: news.SortNewest, Limit: 20}, 10},
		{"newest, category and exclusion", news.Query{Text: "dai hoi -nghị", Sort: news.SortNewest,
			CategoryID: benchID(0xC0, 16), Limit: 10}, 5},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s, _ := b.open(t, nil)
			require.NoError(t, s.Import(context.Background(), &batch))
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					want := pagesOf(t, mem, tc.query, tc.pages)
					require.NotEmpty(t, want)
					require.Equal(t, want, pagesOf(t, s, tc.query, tc.pages))
				})
			}
		})
	}
}

// pagesOf returns the slugs of up to max pages of q, each page's slugs
// with its rank's cursor followed to the next.
func pagesOf(t *testing.T, s news.Store, q news.Query, max int) [][]string {
	t.Helper()
	var out [][]string
	for range max {
		p, err := s.Articles(context.Background(), q)
		require.NoError(t, err)
		var slugs []string
		for _, a := range p.Articles {
			slugs = append(slugs, a.Slug)
		}
		out = append(out, slugs)
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	return out
}
