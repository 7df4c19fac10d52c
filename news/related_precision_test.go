package news_test

import (
	"context"
	"testing"
	"time"

	"github.com/orgnews/orgnews/internal/topics"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRelatedPrecision checks that of the five articles Related returns
// first, at least nine in ten are on the looked-up article's topic, on a
// corpus whose topics are known (internal/topics), before and after the
// index followed writes.
func TestRelatedPrecision(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c, err := topics.New(4000)
	require.NoError(t, err)
	arts := c.Articles
	st := memstore.New()
	require.NoError(t, st.Import(ctx, &news.Batch{Categories: c.Categories, Articles: arts[:3000]}))
	p := news.NewPublic(st, &news.PublicOptions{Now: func() time.Time { return arts[0].PublishAt }})
	precision := func() float64 {
		t.Helper()
		var hits, total int
		for i := 0; i < 3000; i += 15 {
			list, err := p.Related(ctx, arts[i], 5)
			require.NoError(t, err)
			for _, r := range list {
				total++
				if c.SameTopic(r.Article.ID, arts[i].ID) {
					hits++
				}
			}
		}
		require.NotZero(t, total)
		return float64(hits) / float64(total)
	}
	before := precision()
	assert.GreaterOrEqual(t, before, 0.9, "precision@5 after a build")
	for _, a := range arts[3000:] {
		require.NoError(t, st.CreateArticle(ctx, a))
	}
	after := precision()
	assert.GreaterOrEqual(t, after, 0.9, "precision@5 after following 1,000 publishes")
	t.Logf("precision@5: %.3f after a build of 3,000 articles, %.3f after 1,000 more publishes", before, after)
}
