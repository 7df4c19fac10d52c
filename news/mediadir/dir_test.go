package mediadir_test

import (
	"testing"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/mediadir"
	"github.com/orgnews/orgnews/news/storetest"
	"github.com/stretchr/testify/require"
)

func TestConformance(t *testing.T) {
	storetest.RunMedia(t, func(t *testing.T) news.MediaStore {
		s, err := mediadir.Open(t.TempDir())
		require.NoError(t, err)
		return s
	})
}
