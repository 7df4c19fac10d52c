package sqlstore_test

import (
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/storetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReindexOnOpen puts a database back in the state migration 0006
// leaves it in, its search index empty and every article queued in
// search_reindex (one since deleted), and checks that opening it indexes
// every article, in several batches, and empties the queue.
func TestReindexOnOpen(t *testing.T) {
	const n = 1234 // more than two batches
	forget := map[string][]string{
		"sqlite":   {"DELETE FROM article_search", "INSERT INTO search_reindex (seq) SELECT seq FROM articles"},
		"postgres": {"UPDATE articles SET search = ''::tsvector", "INSERT INTO search_reindex (id) SELECT id FROM articles"},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := t.Context()
			s, dsn := b.open(t, nil)
			cat := storetest.NewCategory("tin-tuc", "Tin tức", uuid.Nil)
			batch := news.Batch{Categories: []*news.Category{cat}}
			for i := range n {
				a := storetest.NewArticle(cat.ID, fmt.Sprintf("bai-%d", i), fmt.Sprintf("Trồng bưởi, bài %d", i), testBase)
				a.Summary = "Buổi tập huấn kỹ thuật."
				batch.Articles = append(batch.Articles, a)
			}
			require.NoError(t, s.Import(ctx, &batch))
			db := rawDB(t, b.name, dsn)
			for _, q := range forget[b.name] {
				_, err := db.ExecContext(ctx, q)
				require.NoError(t, err, q)
			}
			require.NoError(t, s.DeleteArticle(ctx, batch.Articles[0].ID))
			before, err := s.Version(ctx)
			require.NoError(t, err)

			p, err := s.Articles(ctx, news.Query{Text: "bưởi 7"})
			require.NoError(t, err)
			assert.Empty(t, p.Articles, "the index is empty before the store reopens")

			s = b.reopen(t, dsn, nil)
			for _, tc := range []struct {
				text string
				want string // the slug found
			}{
				{"bưởi 7", "bai-7"},
				{"buoi 1233", "bai-1233"},
				{`"tập huấn" 600`, "bai-600"},
			} {
				p, err := s.Articles(ctx, news.Query{Text: tc.text})
				require.NoError(t, err)
				if assert.Len(t, p.Articles, 1, "search %q", tc.text) {
					assert.Equal(t, tc.want, p.Articles[0].Slug, "search %q", tc.text)
				}
			}
			p, err = s.Articles(ctx, news.Query{Text: "buổi", Limit: 1})
			require.NoError(t, err)
			assert.Equal(t, news.MaxSearchTotal, p.Total, "every summary is indexed")
			p, err = s.Articles(ctx, news.Query{Text: "bưởi", Limit: 1})
			require.NoError(t, err)
			assert.Equal(t, news.MaxSearchTotal, p.Total, "every title is indexed")
			var queued int
			require.NoError(t, db.QueryRowContext(ctx, "SELECT count(*) FROM search_reindex").Scan(&queued))
			assert.Zero(t, queued, "search_reindex after the store opened")
			after, err := s.Version(ctx)
			require.NoError(t, err)
			assert.Equal(t, before, after, "reindexing does not move the change version")
		})
	}
}
