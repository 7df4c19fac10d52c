package news_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scanCounter is a memstore that counts the full reads of the published
// articles the related index makes when it is built.
type scanCounter struct {
	*memstore.Store
	scans atomic.Int64
}

func (s *scanCounter) EachPublished(ctx context.Context, fn func(*news.Article) error) error {
	s.scans.Add(1)
	return s.Store.EachPublished(ctx, fn)
}

// relatedLists returns Related for every lookup, formatted.
func relatedLists(t *testing.T, p *news.Public, lookups []*news.Article) string {
	t.Helper()
	var out string
	for _, a := range lookups {
		list, err := p.Related(context.Background(), a, 8)
		require.NoError(t, err)
		out += fmt.Sprintf("%s:\n%s", a.Slug, formatRelated(list))
	}
	return out
}

// TestRelatedFollowsWrites writes random publishes, updates, unpublishes,
// deletes and schedules, and checks after each round that the index
// updated from the change log gives what a new index built from the whole
// store gives (through EachPublished, and through Articles for a store
// that is not a news.PublishedLister), without reading the whole store
// again.
func TestRelatedFollowsWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := makeCorpus(600)
	st := &scanCounter{Store: c.store(t)}
	now := c.now
	clock := func() time.Time { return now }
	p := news.NewPublic(st, &news.PublicOptions{Now: clock})
	look := []*news.Article{c.articles[0], c.articles[150], c.articles[301], c.articles[599]}
	relatedLists(t, p, look)
	require.Equal(t, int64(1), st.scans.Load(), "the first lookup builds the index")

	r := rand.New(rand.NewPCG(7, 13))
	for round := range 12 {
		for range 1 + r.IntN(6) {
			a, err := st.Article(ctx, c.articles[r.IntN(len(c.articles))].ID)
			require.NoError(t, err)
			switch r.IntN(6) {
			case 0: // a new article, borrowing another's title and tags
				b := *c.articles[r.IntN(len(c.articles))]
				b.ID, b.Slug = uuid.New(), fmt.Sprintf("moi-%d-%d", round, r.IntN(1_000_000))
				b.PublishAt = now.Add(-time.Duration(r.IntN(1000)) * time.Hour)
				require.NoError(t, st.CreateArticle(ctx, &b))
			case 1: // a new title
				a.Title = c.articles[r.IntN(len(c.articles))].Title
				require.NoError(t, st.UpdateArticle(ctx, a))
			case 2: // new tags
				a.Tags = c.articles[r.IntN(len(c.articles))].Tags
				require.NoError(t, st.UpdateArticle(ctx, a))
			case 3: // unpublished, or published again
				if a.Status == news.StatusPublished {
					a.Status = news.StatusDraft
				} else {
					a.Status = news.StatusPublished
				}
				require.NoError(t, st.UpdateArticle(ctx, a))
			case 4: // scheduled
				a.PublishAt = now.Add(time.Duration(1+r.IntN(48)) * time.Hour)
				require.NoError(t, st.UpdateArticle(ctx, a))
			case 5:
				require.NoError(t, st.DeleteArticle(ctx, a.ID))
				for i, b := range look {
					if b.ID == a.ID {
						look[i] = c.articles[r.IntN(len(c.articles))]
					}
				}
			}
		}
		if round%4 == 3 {
			now = now.Add(24 * time.Hour) // scheduled articles come due
		}
		fresh := news.NewPublic(st.Store, &news.PublicOptions{Now: clock})
		want := relatedLists(t, fresh, look)
		require.Equal(t, want, relatedLists(t, p, look), "round %d", round)
		// A store that is only a news.Store: the index pages through
		// Articles, and is built again on every write.
		paged := news.NewPublic(struct{ news.Store }{st.Store}, &news.PublicOptions{Now: clock})
		require.Equal(t, want, relatedLists(t, paged, look), "round %d, built from Articles", round)
	}
	assert.Equal(t, int64(1), st.scans.Load(), "the index followed the writes without reading the archive again")

	// An Import empties the change log: the next lookup builds again.
	require.NoError(t, st.Import(ctx, &news.Batch{Articles: c.articles[:3]}))
	fresh := news.NewPublic(st.Store, &news.PublicOptions{Now: clock})
	require.Equal(t, relatedLists(t, fresh, look), relatedLists(t, p, look), "after an Import")
	assert.Equal(t, int64(2), st.scans.Load(), "an Import makes the index build again")
}

// TestRelatedScheduledFollowed publishes a scheduled article after the
// index is built: it is related only once its time comes, and a draft
// never is.
func TestRelatedScheduledFollowed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	cat := &news.Category{ID: uuid.New(), Slug: "khoa-hoc", Name: "Khoa học"}
	lookup := relatedArticle("Hội thảo năng lượng mặt trời áp mái", cat, now.Add(-time.Hour), "điện mặt trời")
	st := memstore.New()
	require.NoError(t, st.Import(ctx, &news.Batch{Categories: []*news.Category{cat}, Articles: []*news.Article{lookup}}))
	p := news.NewPublic(st, &news.PublicOptions{Now: func() time.Time { return now }})
	list, err := p.Related(ctx, lookup, 5)
	require.NoError(t, err)
	require.Empty(t, list)

	scheduled := relatedArticle("Năng lượng mặt trời áp mái cho hộ gia đình", cat, now.Add(2*time.Hour), "điện mặt trời")
	draft := relatedArticle("Năng lượng mặt trời áp mái: bản nháp", cat, now.Add(-2*time.Hour), "điện mặt trời")
	draft.Status = news.StatusDraft
	require.NoError(t, st.CreateArticle(ctx, scheduled))
	require.NoError(t, st.CreateArticle(ctx, draft))
	list, err = p.Related(ctx, lookup, 5)
	require.NoError(t, err)
	assert.Empty(t, list, "a scheduled article before its time, or a draft")

	now = now.Add(3 * time.Hour)
	list, err = p.Related(ctx, lookup, 5)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, scheduled.ID, list[0].Article.ID)
	assert.False(t, list[0].Why.Fallback)
	assert.Equal(t, []string{"điện mặt trời"}, list[0].Why.Tags)
}

// TestRelatedIndexLimits checks that an archive in more languages than
// the index numbers gets an error that says so, not a wrong list.
func TestRelatedIndexLimits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	at := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name  string
		langs int
		err   string
	}{
		{"256 languages", 256, ""},
		{"257 languages", 257, "more than 256 languages"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cat := &news.Category{ID: uuid.New(), Slug: "khoa-hoc", Name: "Khoa học"}
			var arts []*news.Article
			for i := range tc.langs {
				arts = append(arts, &news.Article{ID: uuid.New(), Slug: fmt.Sprintf("bai-%d", i), Title: "Hội thảo khoa học",
					CategoryID: cat.ID, Lang: fmt.Sprintf("vi-x-l%03d", i), Status: news.StatusPublished, PublishAt: at, CreatedAt: at, UpdatedAt: at})
			}
			st := memstore.New()
			require.NoError(t, st.Import(ctx, &news.Batch{Categories: []*news.Category{cat}, Articles: arts}))
			p := news.NewPublic(st, &news.PublicOptions{Now: func() time.Time { return at.Add(time.Hour) }})
			_, err := p.Related(ctx, arts[0], 5)
			if tc.err == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.err)
		})
	}
}
