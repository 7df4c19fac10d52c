package sqlstore_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/sqlstore"
	"github.com/orgnews/orgnews/news/storetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scanCounter is a Store that counts the full reads of the published
// articles the related index makes when it is built.
type scanCounter struct {
	*sqlstore.Store
	scans atomic.Int64
}

func (s *scanCounter) EachPublished(ctx context.Context, fn func(*news.Article) error) error {
	s.scans.Add(1)
	return s.Store.EachPublished(ctx, fn)
}

// TestRelatedTwoInstances publishes, edits and unpublishes on one Store
// and checks that Related on another Store over the same database follows
// through the change log, without building its index again.
func TestRelatedTwoInstances(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			writer, dsn := b.open(t, nil)
			// A poll interval of 1 ns reads the version on every call, so
			// the test needs no waiting; the default sees writes within 250 ms.
			reader := &scanCounter{Store: b.reopen(t, dsn, &sqlstore.Options{PollInterval: time.Nanosecond})}
			at := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
			p := news.NewPublic(reader, &news.PublicOptions{Now: func() time.Time { return at.Add(time.Hour) }})

			cat := storetest.NewCategory("khoa-hoc", "Khoa học", uuid.Nil)
			other := storetest.NewCategory("thong-bao", "Thông báo", uuid.Nil)
			require.NoError(t, writer.Import(ctx, &news.Batch{Categories: []*news.Category{cat, other}}))
			lookup := storetest.NewArticle(cat.ID, "hoi-thao-dien-mat-troi", "Hội thảo điện mặt trời áp mái", at.Add(-3*time.Hour))
			lookup.Tags = []string{"điện mặt trời"}
			require.NoError(t, writer.CreateArticle(ctx, lookup))
			related := func() []string {
				t.Helper()
				list, err := p.Related(ctx, lookup, 5)
				require.NoError(t, err)
				var out []string
				for _, r := range list {
					out = append(out, fmt.Sprintf("%s fallback=%v", r.Article.Slug, r.Why.Fallback))
				}
				return out
			}
			assert.Empty(t, related())

			fresh := storetest.NewArticle(other.ID, "dien-mat-troi-ho-gia-dinh", "Điện mặt trời cho hộ gia đình", at.Add(-time.Hour))
			fresh.Tags = []string{"điện mặt trời"}
			require.NoError(t, writer.CreateArticle(ctx, fresh))
			assert.Equal(t, []string{"dien-mat-troi-ho-gia-dinh fallback=false"}, related(), "after a publish on the other instance")

			fresh.Tags, fresh.Title = nil, "Lịch tiếp công dân"
			require.NoError(t, writer.UpdateArticle(ctx, fresh))
			assert.Empty(t, related(), "after an edit on the other instance")

			fresh.Tags = []string{"Điện mặt trời"}
			require.NoError(t, writer.UpdateArticle(ctx, fresh))
			fresh.Status = news.StatusDraft
			require.NoError(t, writer.UpdateArticle(ctx, fresh))
			assert.Empty(t, related(), "after an unpublish on the other instance")
			assert.Equal(t, int64(1), reader.scans.Load(), "the index was built once")
		})
	}
}

// TestRelatedTwoInstancesWithinASecond publishes on one Store and polls
// Related on another over the same database, with the default poll
// interval, as two servers of one site would: the new article must be
// listed within a second, and the reader's index is not built again.
func TestRelatedTwoInstancesWithinASecond(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			writer, dsn := b.open(t, nil)
			reader := &scanCounter{Store: b.reopen(t, dsn, nil)}
			at := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
			p := news.NewPublic(reader, &news.PublicOptions{Now: func() time.Time { return at.Add(time.Hour) }})

			cat := storetest.NewCategory("khoa-hoc", "Khoa học", uuid.Nil)
			other := storetest.NewCategory("thong-bao", "Thông báo", uuid.Nil)
			require.NoError(t, writer.Import(ctx, &news.Batch{Categories: []*news.Category{cat, other}}))
			lookup := storetest.NewArticle(cat.ID, "nghiem-thu-de-tai-lua", "Nghiệm thu đề tài giống lúa chịu mặn", at.Add(-3*time.Hour))
			lookup.Tags = []string{"giống lúa"}
			require.NoError(t, writer.CreateArticle(ctx, lookup))
			list, err := p.Related(ctx, lookup, 5)
			require.NoError(t, err)
			require.Empty(t, list, "nothing related before the publish")

			fresh := storetest.NewArticle(other.ID, "giong-lua-chiu-man", "Giống lúa chịu mặn cho vụ đông xuân", at.Add(-time.Hour))
			fresh.Tags = []string{"Giống lúa"}
			require.NoError(t, writer.CreateArticle(ctx, fresh))
			published := time.Now()
			var seen time.Duration
			for seen == 0 && time.Since(published) < 3*time.Second {
				list, err := p.Related(ctx, lookup, 5)
				require.NoError(t, err)
				if len(list) == 1 && list[0].Article.ID == fresh.ID && !list[0].Why.Fallback {
					seen = time.Since(published)
				}
				time.Sleep(10 * time.Millisecond)
			}
			require.NotZero(t, seen, "the publish on the other instance was not seen within 3 s")
			assert.Less(t, seen, time.Second, "the publish on the other instance was seen after %v", seen)
			assert.Equal(t, int64(1), reader.scans.Load(), "the index was built once")
			t.Logf("seen after %v", seen)
		})
	}
}

// TestChangeLogPruned checks that the log keeps Options.ChangeLog
// versions: a reader further behind is told to read everything again.
func TestChangeLogPruned(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s, _ := b.open(t, &sqlstore.Options{ChangeLog: 4})
			cat := storetest.NewCategory("tin-tuc", "Tin tức", uuid.Nil)
			require.NoError(t, s.CreateCategory(ctx, cat))
			a := storetest.NewArticle(cat.ID, "tin-moi", "Tin mới", time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC))
			require.NoError(t, s.CreateArticle(ctx, a))
			start, err := s.ChangedSince(ctx, 0)
			require.NoError(t, err)
			for i := range 40 {
				a.Title = fmt.Sprintf("Tin mới, lần sửa %d", i)
				require.NoError(t, s.UpdateArticle(ctx, a))
			}
			old, err := s.ChangedSince(ctx, start.Version)
			require.NoError(t, err)
			assert.False(t, old.Complete, "40 versions behind, with a log of 4")
			recent, err := s.ChangedSince(ctx, old.Version-2)
			require.NoError(t, err)
			assert.True(t, recent.Complete, "2 versions behind")
			assert.Equal(t, []uuid.UUID{a.ID}, recent.Articles)
		})
	}
}
