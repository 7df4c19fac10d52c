package feed

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// A ping is one notification a testHub received.
type ping struct {
	url string
	at  time.Time
}

// A testHub is a WebSub hub that records the notifications it receives
// and answers each with the next status of its script (then 204).
type testHub struct {
	*httptest.Server
	mu     sync.Mutex
	pings  []ping
	script map[string][]int // statuses still to answer, by hub.url
	fail   []int            // the script of every hub.url not yet seen
}

func newTestHub(t *testing.T, fail ...int) *testHub {
	h := &testHub{script: map[string][]int{}, fail: fail}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" ||
			r.PostFormValue("hub.mode") != "publish" {
			http.Error(w, "bad notification", http.StatusBadRequest)
			return
		}
		u := r.PostFormValue("hub.url")
		h.mu.Lock()
		h.pings = append(h.pings, ping{u, time.Now()})
		s, ok := h.script[u]
		if !ok {
			s = h.fail
		}
		status := http.StatusNoContent
		if len(s) > 0 {
			status, s = s[0], s[1:]
		}
		h.script[u] = s
		h.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(h.Close)
	return h
}

// received returns the notifications received so far.
func (h *testHub) received() []ping {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]ping(nil), h.pings...)
}

// urls returns the distinct feed URLs notified after since.
func (h *testHub) urls(since time.Time) map[string]bool {
	out := map[string]bool{}
	for _, p := range h.received() {
		if !p.at.Before(since) {
			out[p.url] = true
		}
	}
	return out
}

// newsroom is a publishing service over a memstore with two branches of
// categories and two published articles, and its public view.
type newsroom struct {
	svc             *news.Service
	pub             *news.Public
	hoatDong, chiBo *news.Category
	khcn            *news.Category
	older           *news.Article // published in khcn, tagged "Đổi mới sáng tạo"
}

func newNewsroom(t *testing.T) *newsroom {
	ctx := context.Background()
	store := memstore.New()
	n := &newsroom{svc: news.NewService(store, nil), pub: news.NewPublic(store, nil)}
	var err error
	n.hoatDong, err = n.svc.CreateCategory(ctx, news.CategoryInput{Name: "Hoạt động của Sở", Slug: "hoat-dong"})
	require.NoError(t, err)
	n.chiBo, err = n.svc.CreateCategory(ctx, news.CategoryInput{Name: "Chi bộ", Slug: "chi-bo", ParentID: n.hoatDong.ID})
	require.NoError(t, err)
	n.khcn, err = n.svc.CreateCategory(ctx, news.CategoryInput{Name: "Khoa học và công nghệ", Slug: "khcn"})
	require.NoError(t, err)
	n.older = n.publish(t, news.ArticleInput{
		Title:      "Nghiệm thu đề tài ứng dụng cảm biến đo mặn cho vùng ven biển",
		BodyHTML:   "<p>Hội đồng khoa học cấp tỉnh đánh giá đề tài đạt loại khá.</p>",
		CategoryID: n.khcn.ID, Tags: []string{"Đổi mới sáng tạo"},
	})
	return n
}

// publish creates the article and publishes it.
func (n *newsroom) publish(t *testing.T, in news.ArticleInput) *news.Article {
	ctx := context.Background()
	a, err := n.svc.CreateDraft(ctx, in)
	require.NoError(t, err)
	a, err = n.svc.Publish(ctx, a.ID)
	require.NoError(t, err)
	return a
}

// chiBoInput is a new article in the subcategory chi-bo.
var chiBoInput = news.ArticleInput{
	Title:      "Chi bộ Phòng Quản lý công nghệ triển khai nghị quyết về chuyển đổi số",
	BodyHTML:   "<p>Chi bộ thống nhất ba nhóm giải pháp trọng tâm cho quý tới.</p>",
	Tags:       []string{"Chuyển đổi số"},
	Lang:       "vi",
	CategoryID: uuid.Nil, // set by the test
}

// feedURLs returns the URLs of the feeds at the paths (relative to
// base, without the extension, a query after "?") in every format.
func feedURLs(paths ...string) map[string]bool {
	out := map[string]bool{}
	for _, p := range paths {
		p, q, _ := strings.Cut(p, "?")
		if q != "" {
			q = "?" + q
		}
		for _, f := range Formats {
			out[base+p+"."+string(f)+q] = true
		}
	}
	return out
}

// A syncBuffer is a bytes.Buffer the notifier's goroutines write logs to
// while the test reads them.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p to the buffer.
func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was written so far.
func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startWebSub starts a notifier of the hub over n's public view, closed
// with the test.
func startWebSub(t *testing.T, n *newsroom, hub string, o WebSubOptions) (*WebSub, *syncBuffer) {
	logs := &syncBuffer{}
	o.Hub, o.BaseURL, o.Logger = hub, base, slog.New(slog.NewTextHandler(logs, nil))
	w, err := NewWebSub(context.Background(), n.pub, &o)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, w.Close()) })
	return w, logs
}

func TestWebSubNotifiesChangedFeeds(t *testing.T) {
	n := newNewsroom(t)
	hub := newTestHub(t)
	startWebSub(t, n, hub.URL, WebSubOptions{})
	ctx := context.Background()

	// A draft saved, then changed, is no public change: no notification.
	in := chiBoInput
	in.CategoryID = n.chiBo.ID
	draft, err := n.svc.CreateDraft(ctx, in)
	require.NoError(t, err)
	in.Summary = "Chi bộ thống nhất các giải pháp chuyển đổi số."
	_, err = n.svc.Update(ctx, draft.ID, in)
	require.NoError(t, err)
	time.Sleep(1200 * time.Millisecond)
	assert.Empty(t, hub.received(), "a draft save notified the hub")

	steps := []struct {
		name  string
		write func(t *testing.T)
		want  map[string]bool
	}{
		{"publish", func(t *testing.T) {
			_, err := n.svc.Publish(ctx, draft.ID)
			require.NoError(t, err)
		}, feedURLs("feed", "feed?lang=vi", "categories/hoat-dong/feed", "categories/chi-bo/feed", "tags/chuyen-doi-so/feed")},
		{"update of the older article", func(t *testing.T) {
			_, err := n.svc.Update(ctx, n.older.ID, news.ArticleInput{
				Title:      n.older.Title,
				BodyHTML:   "<p>Hội đồng khoa học cấp tỉnh đánh giá đề tài đạt loại xuất sắc.</p>",
				CategoryID: n.khcn.ID, Tags: n.older.Tags,
			})
			require.NoError(t, err)
		}, feedURLs("feed", "feed?lang=vi", "categories/khcn/feed", "tags/doi-moi-sang-tao/feed")},
		{"unpublish", func(t *testing.T) {
			_, err := n.svc.Unpublish(ctx, draft.ID)
			require.NoError(t, err)
		}, feedURLs("feed", "feed?lang=vi", "categories/hoat-dong/feed", "categories/chi-bo/feed", "tags/chuyen-doi-so/feed")},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			start := time.Now()
			s.write(t)
			require.Eventually(t, func() bool { return len(hub.urls(start)) >= len(s.want) }, 10*time.Second, 10*time.Millisecond,
				"the hub heard of %d feeds, want %d", len(hub.urls(start)), len(s.want))
			t.Logf("the hub heard of every feed %v after the write", time.Since(start))
			time.Sleep(600 * time.Millisecond) // room for notifications that should not come
			assert.Equal(t, s.want, hub.urls(start))
		})
	}
}

func TestWebSubScheduled(t *testing.T) {
	n := newNewsroom(t)
	hub := newTestHub(t)
	startWebSub(t, n, hub.URL, WebSubOptions{Interval: 20 * time.Millisecond})
	ctx := context.Background()
	in := chiBoInput
	in.CategoryID = n.khcn.ID
	in.Tags = nil
	draft, err := n.svc.CreateDraft(ctx, in)
	require.NoError(t, err)
	due := time.Now().Add(300 * time.Millisecond)
	_, err = n.svc.Schedule(ctx, draft.ID, due)
	require.NoError(t, err)
	time.Sleep(150 * time.Millisecond)
	assert.Empty(t, hub.received(), "a scheduled article was announced before its time")
	require.Eventually(t, func() bool { return len(hub.urls(due)) == 9 }, 10*time.Second, 10*time.Millisecond)
	assert.Equal(t, feedURLs("feed", "feed?lang=vi", "categories/khcn/feed"), hub.urls(due))
}

func TestWebSubRetriesWithBackoff(t *testing.T) {
	n := newNewsroom(t)
	hub := newTestHub(t, http.StatusServiceUnavailable, http.StatusBadGateway)
	const backoff = 40 * time.Millisecond
	_, logs := startWebSub(t, n, hub.URL, WebSubOptions{Interval: 20 * time.Millisecond, Backoff: backoff})
	in := chiBoInput
	in.CategoryID = n.chiBo.ID
	n.publish(t, in)

	main := base + "feed.atom"
	var times []time.Time
	require.Eventually(t, func() bool {
		times = times[:0]
		for _, p := range hub.received() {
			if p.url == main {
				times = append(times, p.at)
			}
		}
		return len(times) == 3
	}, 10*time.Second, 5*time.Millisecond)
	assert.GreaterOrEqual(t, times[1].Sub(times[0]), backoff)
	assert.GreaterOrEqual(t, times[2].Sub(times[1]), 2*backoff, "the backoff doubles")
	time.Sleep(4 * backoff)
	count := 0
	for _, p := range hub.received() {
		if p.url == main {
			count++
		}
	}
	assert.Equal(t, 3, count, "an accepted notification is not sent again")
	assert.Empty(t, logs.String())
}

func TestWebSubGivesUp(t *testing.T) {
	for _, tc := range []struct {
		name     string
		statuses []int
		retries  int
		want     int
	}{
		{"4xx is final", []int{http.StatusBadRequest, http.StatusBadRequest}, 3, 1},
		{"retries exhausted", []int{500, 500, 500, 500}, 2, 3},
		{"no retries", []int{500, 500}, -1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := newNewsroom(t)
			hub := newTestHub(t, tc.statuses...)
			_, logs := startWebSub(t, n, hub.URL, WebSubOptions{Interval: 20 * time.Millisecond, Backoff: time.Millisecond, Retries: tc.retries})
			in := chiBoInput
			in.CategoryID = n.chiBo.ID
			n.publish(t, in)
			main := base + "feed.rss"
			count := func() int {
				c := 0
				for _, p := range hub.received() {
					if p.url == main {
						c++
					}
				}
				return c
			}
			require.Eventually(t, func() bool { return count() >= tc.want }, 10*time.Second, 5*time.Millisecond)
			time.Sleep(100 * time.Millisecond)
			assert.Equal(t, tc.want, count())
			require.Eventually(t, func() bool { return strings.Contains(logs.String(), "websub: notifying the hub") },
				10*time.Second, 5*time.Millisecond, "the lost notification is logged")
		})
	}
}

func TestWebSubClose(t *testing.T) {
	n := newNewsroom(t)
	hub := newTestHub(t)
	w, err := NewWebSub(context.Background(), n.pub, &WebSubOptions{Hub: hub.URL, BaseURL: base, Interval: 10 * time.Millisecond})
	require.NoError(t, err)
	require.NoError(t, w.Close())
	in := chiBoInput
	in.CategoryID = n.chiBo.ID
	n.publish(t, in)
	time.Sleep(100 * time.Millisecond)
	assert.Empty(t, hub.received())
}

func TestWebSubStopsWithContext(t *testing.T) {
	n := newNewsroom(t)
	ctx, cancel := context.WithCancel(context.Background())
	w, err := NewWebSub(ctx, n.pub, &WebSubOptions{Hub: "https://hub.example.gov.vn/", BaseURL: base})
	require.NoError(t, err)
	cancel()
	done := make(chan struct{})
	go func() { w.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the notifier still runs after its context ended")
	}
}

func TestWebSubQueueCoalescesAndBounds(t *testing.T) {
	logs := &bytes.Buffer{}
	w := &WebSub{queue: make(chan string, 2), pending: map[string]bool{}, log: slog.New(slog.NewTextHandler(logs, nil))}
	for _, u := range []string{"a", "a", "b", "a", "c"} {
		w.enqueue(u)
	}
	require.Len(t, w.queue, 2)
	assert.Equal(t, "a", <-w.queue)
	assert.Equal(t, "b", <-w.queue)
	assert.Contains(t, logs.String(), "queue full")
}

func TestNewWebSubValidates(t *testing.T) {
	pub := news.NewPublic(memstore.New(), nil)
	for _, tc := range []struct {
		name  string
		opts  *WebSubOptions
		field string
	}{
		{"nil", nil, "Hub"},
		{"no hub", &WebSubOptions{BaseURL: base}, "Hub"},
		{"relative hub", &WebSubOptions{Hub: "/hub", BaseURL: base}, "Hub"},
		{"no base", &WebSubOptions{Hub: hubURL}, "BaseURL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewWebSub(context.Background(), pub, tc.opts)
			require.ErrorIs(t, err, news.ErrInvalid)
			assert.ErrorContains(t, err, tc.field)
		})
	}
}
