package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/storetest"
)

func TestMediaConformance(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			storetest.RunMedia(t, func(t *testing.T) news.MediaStore {
				s, _ := b.open(t, nil)
				return s
			})
		})
	}
}

// TestMediaLeavesPublicVersion: uploads and deletions of media are not
// what readers see, so the public version, which readers' caches key on,
// stays where it is.
func TestMediaLeavesPublicVersion(t *testing.T) {
	ctx := context.Background()
	s, _ := openSQLite(t, nil)
	before, err := s.PublicVersion(ctx)
	require.NoError(t, err)
	m, files := storetest.NewMedia(news.MediaImage, "image/jpeg", time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC), "ảnh nhỏ", "ảnh lớn")
	require.NoError(t, s.PutMedia(ctx, m, files))
	require.NoError(t, s.DeleteMedia(ctx, m.ID))
	after, err := s.PublicVersion(ctx)
	require.NoError(t, err)
	assert.Equal(t, before, after)
}
