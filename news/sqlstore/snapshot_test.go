package sqlstore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/sqlstore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fromArchive is a Store whose related index is always built from the
// articles: it logs changes and lists published articles, but keeps no
// snapshot.
type fromArchive struct {
	news.Store
	s *sqlstore.Store
}

func (f fromArchive) PublicVersion(ctx context.Context) (int64, error) { return f.s.PublicVersion(ctx) }
func (f fromArchive) ChangedSince(ctx context.Context, since int64) (news.Changes, error) {
	return f.s.ChangedSince(ctx, since)
}
func (f fromArchive) EachPublished(ctx context.Context, fn func(*news.Article) error) error {
	return f.s.EachPublished(ctx, fn)
}

// waitSnapshot waits until the database keeps a related snapshot other
// than old, and returns it.
func waitSnapshot(t *testing.T, s *sqlstore.Store, old []byte) []byte {
	t.Helper()
	var b []byte
	require.Eventually(t, func() bool {
		var err error
		b, err = s.RelatedSnapshot(context.Background())
		require.NoError(t, err)
		return b != nil && string(b) != string(old)
	}, 20*time.Second, 5*time.Millisecond, "no related snapshot saved")
	return b
}

// TestRelatedSnapshotRestart builds the related index on one instance,
// which saves its snapshot; writes on another; and starts a third, which
// must read the snapshot and the change log, not the archive, and answer
// as an index built from the archive does. A damaged snapshot is
// rebuilt, never a failed start.
func TestRelatedSnapshotRestart(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			writer, dsn := b.open(t, nil)
			const n = 1500
			batch := &news.Batch{Categories: benchCategories()}
			for i := range n {
				batch.Articles = append(batch.Articles, benchArticle(i))
			}
			require.NoError(t, writer.Import(ctx, batch))
			snap, err := writer.RelatedSnapshot(ctx)
			require.NoError(t, err)
			require.Nil(t, snap, "no snapshot before a lookup")
			opts := &news.PublicOptions{Now: func() time.Time { return benchNow }}
			open := func() (*scanCounter, *news.Public) {
				s := &scanCounter{Store: b.reopen(t, dsn, &sqlstore.Options{PollInterval: time.Nanosecond})}
				return s, news.NewPublic(s, opts)
			}

			first, p := open()
			_, err = p.Related(ctx, benchArticle(0), 5)
			require.NoError(t, err)
			waitSnapshot(t, writer, nil)
			assert.Equal(t, int64(1), first.scans.Load())

			// Writes on another instance after the snapshot.
			edited := benchArticle(10)
			edited.Title, edited.Tags = "Hội thảo điện mặt trời áp mái cho doanh nghiệp", []string{"điện mặt trời"}
			require.NoError(t, writer.UpdateArticle(ctx, edited))
			gone := benchArticle(20)
			gone.Status = news.StatusDraft
			require.NoError(t, writer.UpdateArticle(ctx, gone))
			fresh := benchArticle(n + 1)
			fresh.PublishAt = benchNow.Add(-time.Hour)
			require.NoError(t, writer.CreateArticle(ctx, fresh))

			lookups := []*news.Article{edited, fresh}
			for i := 0; i < n; i += 61 {
				lookups = append(lookups, benchArticle(i))
			}
			same := func(s *scanCounter, p *news.Public) {
				t.Helper()
				built := news.NewPublic(fromArchive{Store: s.Store, s: s.Store}, opts)
				for _, a := range lookups {
					got, err := p.Related(ctx, a, 10)
					require.NoError(t, err)
					want, err := built.Related(ctx, a, 10)
					require.NoError(t, err)
					require.Equal(t, relatedLines(want), relatedLines(got), "Related(%s)", a.Slug)
				}
			}
			started, p := open()
			same(started, p)
			assert.Zero(t, started.scans.Load(), "a start with a snapshot reads no article list")

			db := rawDB(t, b.name, dsn)
			damage := map[string]string{"sqlite": "UPDATE related_snapshot SET data = ?", "postgres": "UPDATE related_snapshot SET data = $1"}
			_, err = db.Exec(damage[b.name], []byte("hỏng"))
			require.NoError(t, err)
			damaged, p := open()
			same(damaged, p)
			assert.Equal(t, int64(1), damaged.scans.Load(), "a damaged snapshot is rebuilt")
			waitSnapshot(t, writer, []byte("hỏng"))
			again, p := open()
			same(again, p)
			assert.Zero(t, again.scans.Load(), "the snapshot saved after the rebuild is read")
		})
	}
}

// relatedLines renders Related results for comparison.
func relatedLines(list []news.Related) []string {
	var out []string
	for _, r := range list {
		out = append(out, fmt.Sprintf("%s %.9f %q %q %v %v", r.Article.Slug, r.Score, r.Why.Tags, r.Why.Words, r.Why.SameCategory, r.Why.Fallback))
	}
	return out
}

func TestSaveRelatedSnapshot(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s, _ := b.open(t, nil)
			v, err := s.Version(ctx)
			require.NoError(t, err)
			steps := []struct {
				version int64
				data    []byte
				want    []byte
			}{
				{5, []byte("năm"), []byte("năm")},
				{3, []byte("ba"), []byte("năm")}, // older: the newer one stays
				{5, []byte("năm lại"), []byte("năm lại")},
				{9, []byte("chín"), []byte("chín")},
			}
			for _, st := range steps {
				require.NoError(t, s.SaveRelatedSnapshot(ctx, st.version, st.data))
				got, err := s.RelatedSnapshot(ctx)
				require.NoError(t, err)
				assert.Equal(t, st.want, got, "after saving %q at %d", st.data, st.version)
			}
			after, err := s.Version(ctx)
			require.NoError(t, err)
			assert.Equal(t, v, after, "a snapshot moves no version")
			for _, bad := range []struct {
				v int64
				b []byte
			}{{-1, []byte("x")}, {1, nil}, {1, []byte{}}} {
				assert.ErrorIs(t, s.SaveRelatedSnapshot(ctx, bad.v, bad.b), news.ErrInvalid, "version %d, %d bytes", bad.v, len(bad.b))
			}
		})
	}
}
