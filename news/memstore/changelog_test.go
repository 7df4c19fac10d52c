package memstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/news/storetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestChangeLogPruned checks that the log keeps the last 4,096 public
// writes: a reader further behind is told to read everything again.
func TestChangeLogPruned(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	cat := storetest.NewCategory("tin-tuc", "Tin tức", uuid.Nil)
	require.NoError(t, s.CreateCategory(ctx, cat))
	a := storetest.NewArticle(cat.ID, "tin-moi", "Tin mới", time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC))
	require.NoError(t, s.CreateArticle(ctx, a))
	start, err := s.ChangedSince(ctx, 0)
	require.NoError(t, err)
	require.True(t, start.Complete)
	for i := range 5000 {
		a.Title = fmt.Sprintf("Tin mới, lần sửa %d", i)
		require.NoError(t, s.UpdateArticle(ctx, a))
	}
	old, err := s.ChangedSince(ctx, start.Version)
	require.NoError(t, err)
	assert.False(t, old.Complete, "5,000 writes behind")
	assert.Empty(t, old.Articles)
	recent, err := s.ChangedSince(ctx, old.Version-100)
	require.NoError(t, err)
	assert.True(t, recent.Complete, "100 writes behind")
	assert.Equal(t, []uuid.UUID{a.ID}, recent.Articles)
}
