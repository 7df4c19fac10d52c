package topics_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/internal/topics"
	"github.com/orgnews/orgnews/news"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNew(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		n       int
		wantErr string
	}{
		{"negative", -1, "n: negative (-1)"},
		{"empty", 0, ""},
		{"some", 500, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := topics.New(tc.n)
			if tc.wantErr != "" {
				require.ErrorIs(t, err, news.ErrInvalid)
				assert.EqualError(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			require.Len(t, c.Articles, tc.n)
			require.Len(t, c.Topic, tc.n)
			again, err := topics.New(tc.n)
			require.NoError(t, err)
			assert.Equal(t, c, again, "the same corpus for the same n")
			ids := map[uuid.UUID]bool{}
			for i, a := range c.Articles {
				assert.NotContains(t, ids, a.ID)
				ids[a.ID] = true
				assert.Equal(t, news.StatusPublished, a.Status)
				assert.NotEmpty(t, a.Tags)
				assert.Equal(t, topics.Newest.Add(-7*time.Hour*time.Duration(i)), a.PublishAt)
				assert.True(t, c.SameTopic(a.ID, a.ID))
			}
		})
	}
}

func TestSameTopic(t *testing.T) {
	t.Parallel()
	c, err := topics.New(200)
	require.NoError(t, err)
	var same, other int
	for i, a := range c.Articles[1:] {
		if c.Topic[i+1] == c.Topic[0] {
			same++
			assert.True(t, c.SameTopic(c.Articles[0].ID, a.ID))
		} else {
			other++
			assert.False(t, c.SameTopic(c.Articles[0].ID, a.ID))
		}
	}
	assert.NotZero(t, same)
	assert.NotZero(t, other)
	assert.False(t, c.SameTopic(c.Articles[0].ID, uuid.New()), "an article not in the corpus")
}
