package news_test

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// snapshotStore is a memstore that keeps the related index's snapshot, as
// a SQL store does, and counts the full reads of its published articles.
type snapshotStore struct {
	*memstore.Store
	scans atomic.Int64
	mu    sync.Mutex // guards the fields below
	v     int64
	b     []byte
	saves int
}

var _ news.RelatedSnapshotter = (*snapshotStore)(nil)

func (s *snapshotStore) EachPublished(ctx context.Context, fn func(*news.Article) error) error {
	s.scans.Add(1)
	return s.Store.EachPublished(ctx, fn)
}

func (s *snapshotStore) RelatedSnapshot(context.Context) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b, nil
}

func (s *snapshotStore) SaveRelatedSnapshot(_ context.Context, v int64, b []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.b == nil || v >= s.v {
		s.v, s.b = v, b
		s.saves++
	}
	return nil
}

// saved returns the version of the snapshot kept and how many were saved.
func (s *snapshotStore) saved() (int64, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.v, s.saves
}

// damage replaces the snapshot's bytes with f's.
func (s *snapshotStore) damage(f func([]byte) []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b = f(bytes.Clone(s.b))
}

// waitSaved waits until st keeps a snapshot of the version v or later.
func waitSaved(t *testing.T, st *snapshotStore, v int64) {
	t.Helper()
	require.Eventually(t, func() bool {
		got, n := st.saved()
		return n > 0 && got >= v
	}, 10*time.Second, time.Millisecond, "no snapshot of version %d saved", v)
}

// sameRelated checks that got and want list the same articles for each of
// the lookups, with the same scores and reasons.
func sameRelated(t *testing.T, got, want *news.Public, lookups []*news.Article) {
	t.Helper()
	ctx := context.Background()
	for _, a := range lookups {
		g, err := got.Related(ctx, a, 10)
		require.NoError(t, err)
		w, err := want.Related(ctx, a, 10)
		require.NoError(t, err)
		require.Equal(t, formatRelated(w), formatRelated(g), "Related(%s)", a.Slug)
	}
}

// TestRelatedStartsFromSnapshot builds the index once, writes, and starts
// again: the new view reads the snapshot and the changes logged since,
// not the archive, and answers as a view built from the archive does.
func TestRelatedStartsFromSnapshot(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := makeCorpus(3000)
	st := &snapshotStore{Store: c.store(t)}
	opts := &news.PublicOptions{Now: func() time.Time { return c.now }}
	first := news.NewPublic(st, opts)
	_, err := first.Related(ctx, c.articles[0], 5)
	require.NoError(t, err)
	v, err := st.PublicVersion(ctx)
	require.NoError(t, err)
	waitSaved(t, st, v)
	require.Equal(t, int64(1), st.scans.Load())

	// Writes after the snapshot: an edit, an unpublish, a new article.
	edited := c.articles[10].Clone()
	edited.Title, edited.Tags = "Hội thảo chuyển đổi số cho doanh nghiệp", []string{"chuyển đổi số"}
	require.NoError(t, st.UpdateArticle(ctx, edited))
	gone := c.articles[20].Clone()
	gone.Status = news.StatusDraft
	require.NoError(t, st.UpdateArticle(ctx, gone))
	fresh := c.articles[30].Clone()
	fresh.ID, fresh.Slug = c.articles[30].ID, "bai-moi"
	fresh.ID[0] = 9
	require.NoError(t, st.CreateArticle(ctx, fresh))

	var lookups []*news.Article
	for i := 0; i < len(c.articles); i += 71 {
		lookups = append(lookups, c.articles[i])
	}
	lookups = append(lookups, edited, fresh)
	started := news.NewPublic(st, opts)
	built := news.NewPublic(st.Store, opts) // no snapshot: built from the archive
	sameRelated(t, started, built, lookups)
	assert.Equal(t, int64(1), st.scans.Load(), "the second view read the snapshot, not the archive")
}

// TestRelatedSnapshotUnusable starts views over a snapshot that is
// damaged, or older than the change log reaches: each builds the index
// from the archive, logs a damaged snapshot, never fails, and saves a
// good one.
func TestRelatedSnapshotUnusable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tests := []struct {
		name   string
		spoil  func(t *testing.T, st *snapshotStore, c *corpus)
		logged string
	}{
		{"a byte changed", func(_ *testing.T, st *snapshotStore, _ *corpus) {
			st.damage(func(b []byte) []byte { b[len(b)/2] ^= 0x40; return b })
		}, "checksum mismatch"},
		{"cut short", func(_ *testing.T, st *snapshotStore, _ *corpus) {
			st.damage(func(b []byte) []byte { return b[:len(b)-3] })
		}, "bytes, want"},
		{"not a snapshot", func(_ *testing.T, st *snapshotStore, _ *corpus) {
			st.damage(func([]byte) []byte { return []byte("{}") })
		}, "not a snapshot"},
		{"older than the change log", func(t *testing.T, st *snapshotStore, c *corpus) {
			a := c.articles[5].Clone()
			a.Title = "Nghiệm thu đề tài giống bưởi da xanh"
			require.NoError(t, st.Import(ctx, &news.Batch{Articles: []*news.Article{a}})) // an import starts the log again
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := makeCorpus(1500)
			st := &snapshotStore{Store: c.store(t)}
			var logs bytes.Buffer
			var logMu sync.Mutex
			opts := &news.PublicOptions{Now: func() time.Time { return c.now },
				Logger: slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &logMu}, nil))}
			_, err := news.NewPublic(st, opts).Related(ctx, c.articles[0], 5)
			require.NoError(t, err)
			waitSaved(t, st, 0)
			tc.spoil(t, st, c)
			_, before := st.saved()

			var lookups []*news.Article
			for i := 0; i < 300; i += 10 {
				lookups = append(lookups, c.articles[i])
			}
			sameRelated(t, news.NewPublic(st, opts), news.NewPublic(st.Store, opts), lookups)
			assert.Equal(t, int64(2), st.scans.Load(), "the index was built again")
			logMu.Lock()
			if tc.logged != "" {
				assert.Contains(t, logs.String(), tc.logged)
			} else {
				assert.Empty(t, logs.String())
			}
			logMu.Unlock()
			require.Eventually(t, func() bool { _, n := st.saved(); return n > before }, 10*time.Second, time.Millisecond, "a good snapshot saved again")
			again := &snapshotStore{Store: st.Store}
			st.mu.Lock()
			again.v, again.b = st.v, st.b
			st.mu.Unlock()
			_, err = news.NewPublic(again, opts).Related(ctx, c.articles[0], 1)
			require.NoError(t, err)
			assert.Zero(t, again.scans.Load(), "the snapshot saved again is read")
		})
	}
}

// A lockedWriter writes to w under mu, for a log read by the test.
type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// TestRelatedSavesAsItFollows follows writes one by one and checks that
// the view saves a new snapshot once it is 64 public versions past the
// one it saved, without building the index again.
func TestRelatedSavesAsItFollows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := makeCorpus(500)
	st := &snapshotStore{Store: c.store(t)}
	p := news.NewPublic(st, &news.PublicOptions{Now: func() time.Time { return c.now }})
	_, err := p.Related(ctx, c.articles[0], 5)
	require.NoError(t, err)
	first, err := st.PublicVersion(ctx)
	require.NoError(t, err)
	waitSaved(t, st, first)
	for i := range 63 {
		a := c.articles[i].Clone()
		a.Title += " (cập nhật)"
		require.NoError(t, st.UpdateArticle(ctx, a))
		_, err := p.Related(ctx, c.articles[0], 5)
		require.NoError(t, err)
	}
	v, n := st.saved()
	assert.Equal(t, first, v, "63 versions on, the first snapshot is kept")
	assert.Equal(t, 1, n)
	a := c.articles[100].Clone()
	a.Title += " (cập nhật)"
	require.NoError(t, st.UpdateArticle(ctx, a))
	_, err = p.Related(ctx, c.articles[0], 5)
	require.NoError(t, err)
	waitSaved(t, st, first+64)
	assert.Equal(t, int64(1), st.scans.Load(), "the index was built once")
}
