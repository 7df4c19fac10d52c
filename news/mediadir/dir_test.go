package mediadir_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/mediadir"
	"github.com/orgnews/orgnews/news/storetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConformance(t *testing.T) {
	storetest.RunMedia(t, func(t *testing.T) news.MediaStore {
		s, err := mediadir.Open(t.TempDir())
		require.NoError(t, err)
		return s
	})
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := mediadir.Open(dir)
	require.NoError(t, err)
	m, files := storetest.NewMedia(news.MediaImage, "image/jpeg", time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC), "nhỏ", "lớn")
	require.NoError(t, s.PutMedia(ctx, m, files))

	again, err := mediadir.Open(dir)
	require.NoError(t, err)
	got, err := again.MediaOf(ctx, m.Variants[1].Key)
	require.NoError(t, err)
	assert.Equal(t, m.ID, got.ID)
	entries, err := os.ReadDir(filepath.Join(dir, "files"))
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasPrefix(e.Name(), ".tmp-"), "a temporary file is left: %s", e.Name())
	}
	assert.Len(t, entries, 2)
}
