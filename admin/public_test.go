package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/news/sqlstore"
	"github.com/orgnews/orgnews/widget"
)

// A countingSource is the public view that counts the lists it is asked
// for: the widget asks for one only when it renders, so every request it
// answers without one is a cache hit.
type countingSource struct {
	*news.Public
	lists atomic.Int64
}

func (s *countingSource) Articles(ctx context.Context, q news.Query) (*news.Page, error) {
	s.lists.Add(1)
	return s.Public.Articles(ctx, q)
}

// newsroomSite is a fixture with published news and the readers' widget
// over the same store, and a draft and a submitted article being written.
type newsroomSite struct {
	*fixture
	public    *countingSource
	widget    *widget.Handler
	writer    *client
	editor    *client
	draft     article
	submitted article
}

func newNewsroomSite(tb testing.TB, store news.NewsroomStore) *newsroomSite {
	tb.Helper()
	f := newFixtureOn(tb, store, nil, nil)
	s := &newsroomSite{fixture: f, writer: f.signIn("phongvien"), editor: f.signIn("bientap")}
	boss := f.signIn("lanhdao")
	for _, title := range []string{"Tỉnh công nhận 5 doanh nghiệp khoa học và công nghệ", "Phát động giải thưởng sáng tạo kỹ thuật",
		"Hội nghị ứng dụng tiến bộ kỹ thuật vào sản xuất"} {
		a := s.editor.draft(title, "khoa-hoc")
		w := boss.step(a.ID, news.ActionPublish, "")
		require.Equal(tb, http.StatusOK, w.Code, w.Body.String())
		f.clock.Advance(time.Minute)
	}
	s.draft = s.writer.draft("Bài đang viết về chuyển đổi số", "chuyen-doi-so")
	s.submitted = s.writer.draft("Bài chờ biên tập về đo lường chất lượng", "khoa-hoc")
	require.Equal(tb, http.StatusOK, s.writer.step(s.submitted.ID, news.ActionSubmit, "").Code)
	s.public = &countingSource{Public: news.NewPublic(f.store, &news.PublicOptions{Now: f.clock.Now})}
	s.widget = widget.New(s.public, &widget.Options{BaseURL: "https://skhcn.example.gov.vn/news/"})
	return s
}

// autosave saves the article's body as the client's editor does by
// itself, on the revision it has, and returns the new revision.
func (s *newsroomSite) autosave(c *client, id uuid.UUID, rev, n int) (int, error) {
	w := c.do("PATCH", "/admin/api/articles/"+id.String(), `{"body":"<p>Đoạn thứ `+itoa(n)+` đang viết.</p>","autosave":true}`,
		`If-Match: "`+itoa(rev)+`"`)
	if w.Code != http.StatusOK {
		return rev, fmt.Errorf("autosave: %d %s", w.Code, w.Body.String())
	}
	return rev + 1, nil
}

// read requests the news index as a reader whose browser has etag.
func (s *newsroomSite) read(tb testing.TB, etag string) *httptest.ResponseRecorder {
	tb.Helper()
	r := httptest.NewRequest("GET", "/", nil)
	if etag != "" {
		r.Header.Set("If-None-Match", etag)
	}
	w := httptest.NewRecorder()
	s.widget.ServeHTTP(w, r)
	return w
}

// TestAutosaveKeepsPublicCacheHot saves a draft and a submitted article
// once a second for a minute of the clock while readers read the news
// index: what readers see keeps its ETag and public state, the widget
// renders nothing again; a publish moves both.
func TestAutosaveKeepsPublicCacheHot(t *testing.T) {
	s := newNewsroomSite(t, memstore.New())
	first := s.read(t, "")
	require.Equal(t, http.StatusOK, first.Code, first.Body.String())
	etag := first.Header().Get("ETag")
	require.NotEmpty(t, etag)
	state, err := s.public.State(t.Context())
	require.NoError(t, err)
	lists := s.public.lists.Load()

	draftRev, subRev := s.draft.Revision, 2
	for i := range 60 {
		s.clock.Advance(time.Second)
		draftRev, err = s.autosave(s.writer, s.draft.ID, draftRev, i)
		require.NoError(t, err)
		subRev, err = s.autosave(s.editor, s.submitted.ID, subRev, i)
		require.NoError(t, err)
		w := s.read(t, etag)
		require.Equal(t, http.StatusNotModified, w.Code, "autosave %d moved the news index", i)
		st, err := s.public.State(t.Context())
		require.NoError(t, err)
		require.Equal(t, state.Key(), st.Key(), "autosave %d moved the public state", i)
	}
	assert.Equal(t, lists, s.public.lists.Load(), "every read was a cache hit")

	// Publishing moves what readers see.
	boss := s.signIn("lanhdao")
	w := boss.step(s.submitted.ID, news.ActionPublish, "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	st, err := s.public.State(t.Context())
	require.NoError(t, err)
	assert.NotEqual(t, state.Key(), st.Key())
	w = s.read(t, etag)
	require.Equal(t, http.StatusOK, w.Code)
	assert.NotEqual(t, etag, w.Header().Get("ETag"))
	assert.Contains(t, w.Body.String(), "Bài chờ biên tập về đo lường chất lượng")
}

// BenchmarkPublicWhileAutosaving measures readers' throughput on the news
// index, in parallel, with no autosave, with one autosave a second (the
// newsroom's editor), and with autosaves back to back (a stress far above
// any newsroom), over memstore and SQLite, and reports the public cache's
// hit rate (hits/op).
func BenchmarkPublicWhileAutosaving(b *testing.B) {
	stores := []struct {
		name string
		open func(b *testing.B) news.NewsroomStore
	}{
		{"memstore", func(b *testing.B) news.NewsroomStore { return memstore.New() }},
		{"sqlite", func(b *testing.B) news.NewsroomStore {
			s, err := sqlstore.Open(b.Context(), "sqlite", filepath.Join(b.TempDir(), "newsroom.db"), nil)
			require.NoError(b, err)
			b.Cleanup(func() { require.NoError(b, s.Close()) })
			return s
		}},
	}
	for _, st := range stores {
		for _, tc := range []struct {
			name  string
			every time.Duration // 0: none; -1: back to back
		}{{"autosave=none", 0}, {"autosave=1s", time.Second}, {"autosave=continuous", -1}} {
			b.Run("store="+st.name+"/"+tc.name, func(b *testing.B) { benchPublic(b, st.open(b), tc.every) })
		}
	}
}

// benchPublic is BenchmarkPublicWhileAutosaving over store, with an
// autosave every so often (0: none; -1: back to back).
func benchPublic(b *testing.B, store news.NewsroomStore, every time.Duration) {
	s := newNewsroomSite(b, store)
	require.Equal(b, http.StatusOK, s.read(b, "").Code)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var saves atomic.Int64
	if every != 0 {
		wg.Go(func() {
			var tick <-chan time.Time
			if every > 0 {
				t := time.NewTicker(every)
				defer t.Stop()
				tick = t.C
			}
			rev := s.draft.Revision
			for {
				if tick != nil {
					select {
					case <-stop:
						return
					case <-tick:
					}
				} else {
					select {
					case <-stop:
						return
					default: // back to back
					}
				}
				var err error
				if rev, err = s.autosave(s.writer, s.draft.ID, rev, int(saves.Add(1))); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	before := s.public.lists.Load()
	var reads atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		r := httptest.NewRequest("GET", "/", nil)
		for pb.Next() {
			w := httptest.NewRecorder()
			s.widget.ServeHTTP(w, r)
			if w.Code != http.StatusOK {
				b.Errorf("GET /: %d", w.Code)
				return
			}
			reads.Add(1)
		}
	})
	b.StopTimer()
	close(stop)
	wg.Wait()
	renders := s.public.lists.Load() - before
	b.ReportMetric(1-float64(renders)/float64(reads.Load()), "hits/op")
	b.ReportMetric(float64(saves.Load()), "autosaves")
}
