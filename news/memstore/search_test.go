package memstore_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/news/storetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSearchTotalAndSort checks Page.Total, its cap, and both orders of a
// search.
func TestSearchTotalAndSort(t *testing.T) {
	ctx := t.Context()
	s := memstore.New()
	cat := storetest.NewCategory("tin-tuc", "Tin tức", uuid.Nil)
	require.NoError(t, s.CreateCategory(ctx, cat))
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var batch news.Batch
	for i := range news.MaxSearchTotal + 5 {
		a := storetest.NewArticle(cat.ID, fmt.Sprintf("ban-tin-%d", i), fmt.Sprintf("Bản tin số %d", i), base.Add(time.Duration(i)*time.Hour))
		batch.Articles = append(batch.Articles, a)
	}
	old := storetest.NewArticle(cat.ID, "hoi-nghi-cu", "Hội nghị tổng kết", base.Add(-time.Hour))
	recent := storetest.NewArticle(cat.ID, "tap-huan", "Tập huấn", base.Add(10000*time.Hour))
	recent.Summary = "Sau hội nghị tổng kết, đơn vị tổ chức tập huấn."
	batch.Articles = append(batch.Articles, old, recent)
	require.NoError(t, s.Import(ctx, &batch))

	p, err := s.Articles(ctx, news.Query{Text: "bản tin", Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, news.MaxSearchTotal, p.Total)
	assert.True(t, p.TotalCapped)

	for _, tc := range []struct {
		sort news.Sort
		want []string
	}{
		{news.SortRelevance, []string{"hoi-nghi-cu", "tap-huan"}},
		{news.SortNewest, []string{"tap-huan", "hoi-nghi-cu"}},
	} {
		p, err := s.Articles(ctx, news.Query{Text: "hội nghị", Sort: tc.sort})
		require.NoError(t, err)
		var got []string
		for _, a := range p.Articles {
			got = append(got, a.Slug)
		}
		assert.Equal(t, tc.want, got, "sort %q", tc.sort)
		assert.Equal(t, 2, p.Total)
		assert.False(t, p.TotalCapped)
	}

	p, err = s.Articles(ctx, news.Query{})
	require.NoError(t, err)
	assert.Zero(t, p.Total, "a listing has no total")

	_, err = s.Articles(ctx, news.Query{Text: "hội", Sort: "oldest"})
	assert.ErrorIs(t, err, news.ErrInvalid)
}
