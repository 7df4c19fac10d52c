package sqlstore_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/storetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSearchTotalCapped checks that a search matching more than
// news.MaxSearchTotal articles counts up to the cap and says so, in both
// orders, and that a narrower search counts exactly.
func TestSearchTotalCapped(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := t.Context()
			s, _ := b.open(t, nil)
			cat := storetest.NewCategory("tin-tuc", "Tin tức", uuid.Nil)
			batch := news.Batch{Categories: []*news.Category{cat}}
			for i := range news.MaxSearchTotal + 3 {
				title := fmt.Sprintf("Bản tin số %d", i)
				if i%100 == 0 {
					title += ", hội nghị"
				}
				batch.Articles = append(batch.Articles, storetest.NewArticle(cat.ID, fmt.Sprintf("ban-tin-%d", i), title, testBase.Add(time.Duration(i)*time.Minute)))
			}
			require.NoError(t, s.Import(ctx, &batch))
			for _, tc := range []struct {
				q      news.Query
				total  int
				capped bool
			}{
				{news.Query{Text: "bản tin"}, news.MaxSearchTotal, true},
				{news.Query{Text: "bản tin", Sort: news.SortNewest}, news.MaxSearchTotal, true},
				{news.Query{Text: "hội nghị"}, 11, false},
				{news.Query{Text: "bản tin -nghị"}, news.MaxSearchTotal - 8, false},
			} {
				p, err := s.Articles(ctx, tc.q)
				require.NoError(t, err)
				assert.Equal(t, tc.total, p.Total, tc.q.Text)
				assert.Equal(t, tc.capped, p.TotalCapped, tc.q.Text)
			}
		})
	}
}
