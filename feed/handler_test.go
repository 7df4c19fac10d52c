package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// A clock is a settable time for tests, which never sleep.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// countingSource counts the article queries that reach the source, and
// fails with err when it is set.
type countingSource struct {
	Source
	queries atomic.Int64
	mu      sync.Mutex
	err     error
}

func (s *countingSource) Articles(ctx context.Context, q news.Query) (*news.Page, error) {
	s.queries.Add(1)
	s.mu.Lock()
	err := s.err
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return s.Source.Articles(ctx, q)
}

// env is a handler over a memstore seen through news.Public at a fake clock.
type env struct {
	store *memstore.Store
	clock *clock
	src   *countingSource
	h     *Handler
	logs  *bytes.Buffer
}

// newEnv returns an env holding the fixture categories and articles, at
// 2026-11-26 10:00 ICT.
func newEnv(tb testing.TB, opts *Options) *env {
	tb.Helper()
	ctx := context.Background()
	e := &env{store: memstore.New(), clock: &clock{t: at(26, 10, 0)}, logs: &bytes.Buffer{}}
	for _, c := range categories {
		if err := e.store.CreateCategory(ctx, c.Clone()); err != nil {
			tb.Fatal(err)
		}
	}
	for _, a := range articles() {
		if err := e.store.CreateArticle(ctx, a); err != nil {
			tb.Fatal(err)
		}
	}
	e.src = &countingSource{Source: news.NewPublic(e.store, &news.PublicOptions{Now: e.clock.Now})}
	if opts == nil {
		opts = &Options{}
	}
	if opts.BaseURL == "" {
		opts.BaseURL = base
	}
	opts.Logger = slog.New(slog.NewTextHandler(e.logs, nil))
	h, err := New(e.src, opts)
	if err != nil {
		tb.Fatal(err)
	}
	e.h = h
	return e
}

// get serves a request for target with the headers (name, value pairs).
func (e *env) get(handler http.Handler, method, target string, headers ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Add(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	handler.ServeHTTP(w, r)
	return w
}

func TestHandlerContentTypes(t *testing.T) {
	e := newEnv(t, nil)
	tests := []struct {
		target string
		want   string
		format Format
	}{
		{"/feed", "application/rss+xml; charset=utf-8", RSS},
		{"/feed?format=rss", "application/rss+xml; charset=utf-8", RSS},
		{"/feed?format=atom", "application/atom+xml; charset=utf-8", Atom},
		{"/feed?format=json", "application/feed+json; charset=utf-8", JSON},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			w := e.get(e.h, "GET", tc.target)
			if w.Code != http.StatusOK {
				t.Fatalf("GET %s = %d, want 200: %s", tc.target, w.Code, w.Body)
			}
			if got := w.Header().Get("Content-Type"); got != tc.want {
				t.Errorf("GET %s Content-Type = %q, want %q", tc.target, got, tc.want)
			}
			got := parse(t, tc.format, w.Body.Bytes())
			checkItems(t, tc.format, w.Body.Bytes(), got, articles())
			if want := base + "feed." + string(tc.format); got.FeedLink != want {
				t.Errorf("GET %s self link = %q, want %q", tc.target, got.FeedLink, want)
			}
			for name, want := range map[string]string{
				"Cache-Control":               "public, max-age=60",
				"Vary":                        "Accept-Encoding",
				"X-Content-Type-Options":      "nosniff",
				"Access-Control-Allow-Origin": "*",
				"Last-Modified":               "",
			} {
				if got := w.Header().Get(name); got != want {
					t.Errorf("GET %s %s = %q, want %q", tc.target, name, got, want)
				}
			}
			if etag := w.Header().Get("ETag"); !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || len(etag) < 10 {
				t.Errorf("GET %s ETag = %q, want a strong entity tag", tc.target, etag)
			}
		})
	}
}

func TestHandlerConditionalGET(t *testing.T) {
	e := newEnv(t, nil)
	first := e.get(e.h, "GET", "/feed?format=atom")
	etag := first.Header().Get("ETag")
	now := e.clock.Now().Format(http.TimeFormat)
	gzFirst := e.get(e.h, "GET", "/feed?format=atom", "Accept-Encoding", "gzip")
	gzETag := gzFirst.Header().Get("ETag")
	if gzETag == etag {
		t.Errorf("gzip and identity responses share the ETag %q; a strong ETag must differ per encoding", etag)
	}
	later := e.clock.Now().Add(time.Hour).Format(http.TimeFormat)
	earlier := e.clock.Now().Add(-time.Hour).Format(http.TimeFormat)
	tests := []struct {
		name    string
		method  string
		headers []string
		want    int
	}{
		{"If-None-Match", "GET", []string{"If-None-Match", etag}, 304},
		{"If-None-Match weak", "GET", []string{"If-None-Match", "W/" + etag}, 304},
		{"If-None-Match list", "GET", []string{"If-None-Match", `"other", ` + etag}, 304},
		{"If-None-Match lines", "GET", []string{"If-None-Match", `"other"`, "If-None-Match", `"more", W/` + etag}, 304},
		{"If-None-Match star", "GET", []string{"If-None-Match", "*"}, 304},
		{"If-None-Match gzip tag", "GET", []string{"If-None-Match", gzETag, "Accept-Encoding", "gzip"}, 304},
		{"If-None-Match other", "GET", []string{"If-None-Match", `"other"`}, 200},
		// Feeds have no Last-Modified, so If-Modified-Since never matches.
		{"If-Modified-Since now", "GET", []string{"If-Modified-Since", now}, 200},
		{"If-Modified-Since later", "GET", []string{"If-Modified-Since", later}, 200},
		{"If-Modified-Since earlier", "GET", []string{"If-Modified-Since", earlier}, 200},
		{"If-None-Match wins over If-Modified-Since", "GET", []string{"If-None-Match", etag, "If-Modified-Since", earlier}, 304},
		{"HEAD If-None-Match", "HEAD", []string{"If-None-Match", etag}, 304},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.get(e.h, tc.method, "/feed?format=atom", tc.headers...)
			if w.Code != tc.want {
				t.Fatalf("%s with %q = %d, want %d", tc.method, tc.headers, w.Code, tc.want)
			}
			if tc.want == 304 {
				if w.Body.Len() != 0 {
					t.Errorf("304 has a body of %d bytes", w.Body.Len())
				}
				if w.Header().Get("ETag") == "" || w.Header().Get("Cache-Control") == "" || w.Header().Get("Vary") == "" {
					t.Errorf("304 headers = %v, want ETag, Cache-Control and Vary", w.Header())
				}
			}
		})
	}
	if n := e.src.queries.Load(); n != 1 {
		t.Errorf("the source was queried %d times for one unchanged feed, want 1", n)
	}
}

func TestHandlerHEAD(t *testing.T) {
	e := newEnv(t, nil)
	get := e.get(e.h, "GET", "/feed?format=json")
	head := e.get(e.h, "HEAD", "/feed?format=json")
	if head.Code != 200 || head.Body.Len() != 0 {
		t.Fatalf("HEAD = %d with %d body bytes, want 200 with none", head.Code, head.Body.Len())
	}
	for _, name := range []string{"Content-Type", "Content-Length", "ETag", "Cache-Control"} {
		if g, h := get.Header().Get(name), head.Header().Get(name); g != h || h == "" {
			t.Errorf("HEAD %s = %q, GET %s = %q, want the same, not empty", name, h, name, g)
		}
	}
}

func TestHandlerGzip(t *testing.T) {
	e := newEnv(t, nil)
	plain := e.get(e.h, "GET", "/feed")
	tests := []struct {
		accept string
		gzip   bool
	}{
		{"gzip", true},
		{"br, gzip;q=0.5", true},
		{"GZIP", true},
		{"x-gzip", true},
		{"*", true},
		{"gzip;q=0", false},
		{"gzip; q=0.000, br", false},
		{"br, deflate", false},
		{"", false},
	}
	for _, tc := range tests {
		t.Run(tc.accept, func(t *testing.T) {
			w := e.get(e.h, "GET", "/feed", "Accept-Encoding", tc.accept)
			if got := w.Header().Get("Content-Encoding") == "gzip"; got != tc.gzip {
				t.Fatalf("Accept-Encoding %q: gzip = %v, want %v", tc.accept, got, tc.gzip)
			}
			if w.Header().Get("Vary") != "Accept-Encoding" {
				t.Errorf("Vary = %q, want Accept-Encoding", w.Header().Get("Vary"))
			}
			if w.Header().Get("Content-Length") != itoa(w.Body.Len()) {
				t.Errorf("Content-Length = %s, body is %d bytes", w.Header().Get("Content-Length"), w.Body.Len())
			}
			body := w.Body.Bytes()
			if tc.gzip {
				zr, err := gzip.NewReader(w.Body)
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(body, plain.Body.Bytes()) {
				t.Errorf("Accept-Encoding %q: decoded body differs from the plain one", tc.accept)
			}
		})
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// errorBody is the JSON error every 4xx and 500 carries.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"error"`
}

func TestHandlerBadRequests(t *testing.T) {
	e := newEnv(t, nil)
	tests := []struct {
		name, method, target string
		status               int
		code, field          string
	}{
		{"limit zero", "GET", "/feed?limit=0", 400, "invalid_parameter", "limit"},
		{"limit too big", "GET", "/feed?limit=101", 400, "invalid_parameter", "limit"},
		{"limit not a number", "GET", "/feed?limit=mười", 400, "invalid_parameter", "limit"},
		{"limit negative", "GET", "/feed?limit=-5", 400, "invalid_parameter", "limit"},
		{"limit huge", "GET", "/feed?limit=99999999999999999999999", 400, "invalid_parameter", "limit"},
		{"limit repeated", "GET", "/feed?limit=5&limit=6", 400, "invalid_parameter", "limit"},
		{"format unknown", "GET", "/feed?format=xml", 400, "invalid_parameter", "format"},
		{"lang malformed", "GET", "/feed?lang=not_a_lang!", 400, "invalid_parameter", "lang"},
		{"tag too long", "GET", "/feed?tag=" + strings.Repeat("a", 65), 400, "invalid_parameter", "tag"},
		{"tag blank", "GET", "/feed?tag=%20%00%20", 400, "invalid_parameter", "tag"},
		{"query malformed", "GET", "/feed?limit=%zz", 400, "invalid_parameter", "query"},
		{"query too long", "GET", "/feed?tag=" + strings.Repeat("a", 4100), 400, "invalid_parameter", "query"},
		{"category unknown", "GET", "/feed?category=khong-co", 404, "not_found", "category"},
		{"category not a slug", "GET", "/feed?category=%3Cscript%3E", 404, "not_found", "category"},
		{"tag unknown", "GET", "/feed?tag=kh%C3%B4ng%20c%C3%B3", 404, "not_found", "tag"},
		{"method", "POST", "/feed", 405, "method_not_allowed", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.get(e.h, tc.method, tc.target)
			if w.Code != tc.status {
				t.Fatalf("%s %s = %d, want %d: %s", tc.method, tc.target, w.Code, tc.status, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("%s %s Content-Type = %q, want JSON", tc.method, tc.target, ct)
			}
			var body errorBody
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatalf("%s %s body %q is not JSON: %v", tc.method, tc.target, w.Body, err)
			}
			if body.Error.Code != tc.code || body.Error.Field != tc.field || body.Error.Message == "" {
				t.Errorf("%s %s error = %+v, want code %q, field %q and a message", tc.method, tc.target, body.Error, tc.code, tc.field)
			}
			if w.Header().Get("ETag") != "" || w.Header().Get("Cache-Control") != "no-store" {
				t.Errorf("%s %s headers = %v, want no ETag and Cache-Control: no-store", tc.method, tc.target, w.Header())
			}
		})
	}
	if w := e.get(e.h, "POST", "/feed"); w.Header().Get("Allow") != "GET, HEAD, OPTIONS" {
		t.Errorf("405 Allow = %q, want %q", w.Header().Get("Allow"), "GET, HEAD, OPTIONS")
	}
}

func TestHandlerInternalError(t *testing.T) {
	e := newEnv(t, nil)
	e.src.err = errors.New("database is on fire at 10.0.0.7")
	w := e.get(e.h, "GET", "/feed")
	if w.Code != 500 {
		t.Fatalf("GET with a failing source = %d, want 500", w.Code)
	}
	var body errorBody
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || body.Error.Code != "internal" {
		t.Errorf("500 body = %q, want the generic JSON error", w.Body)
	}
	if strings.Contains(w.Body.String(), "fire") {
		t.Errorf("500 body %q leaks the internal error", w.Body)
	}
	if !strings.Contains(e.logs.String(), "database is on fire") {
		t.Errorf("the internal error was not logged; log = %q", e.logs)
	}
	// The failure is not cached: the next request succeeds.
	e.src.mu.Lock()
	e.src.err = nil
	e.src.mu.Unlock()
	if w := e.get(e.h, "GET", "/feed"); w.Code != 200 {
		t.Errorf("GET after the source recovered = %d, want 200", w.Code)
	}
}

func TestHandlerVariants(t *testing.T) {
	e := newEnv(t, nil)
	ids := func(arts ...int) []string {
		all := articles()
		var out []string
		for _, i := range arts {
			out = append(out, "urn:uuid:"+all[i].ID.String())
		}
		return out
	}
	tests := []struct {
		name, target string
		handler      http.Handler
		want         []string
		title        string
		self         string
	}{
		{"site", "/feed", e.h, ids(0, 1, 2), "Tin tức", base + "feed.rss"},
		{"limit", "/feed?limit=2", e.h, ids(0, 1), "Tin tức", base + "feed.rss?limit=2"},
		{"category with subcategory", "/feed?category=hoat-dong-so", e.h, ids(1, 2), "Tin tức – Hoạt động Sở", base + "categories/hoat-dong-so/feed.rss"},
		{"subcategory", "/feed?category=chi-bo", e.h, ids(1), "Tin tức – Chi bộ", base + "categories/chi-bo/feed.rss"},
		{"tag", "/feed?tag=n%C3%B4ng%20nghi%E1%BB%87p", e.h, ids(0), "Tin tức – nông nghiệp", base + "tags/n%C3%B4ng%20nghi%E1%BB%87p/feed.rss"},
		{"tag as slug", "/feed?tag=nong-nghiep", e.h, ids(0), "Tin tức – nông nghiệp", base + "tags/nong-nghiep/feed.rss"},
		{"lang", "/feed?lang=VI", e.h, ids(0, 1, 2), "Tin tức", base + "feed.rss?lang=vi"},
		{"lang without articles", "/feed?lang=en", e.h, nil, "Tin tức", base + "feed.rss?lang=en"},
		{"For fixes the category", "/c?limit=1", e.h.For(Variant{Category: "khoa-hoc-cong-nghe"}), ids(0), "Tin tức – Khoa học – Công nghệ", base + "categories/khoa-hoc-cong-nghe/feed.rss?limit=1"},
		{"tracking parameters ignored", "/feed?utm_source=zalo&utm_medium=rss&utm_campaign=a&utm_campaign=b&fbclid=IwAR1&gclid=x&msclkid=y&limit=2", e.h, ids(0, 1), "Tin tức", base + "feed.rss?limit=2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.get(tc.handler, "GET", tc.target)
			if w.Code != 200 {
				t.Fatalf("GET %s = %d: %s", tc.target, w.Code, w.Body)
			}
			got := parse(t, RSS, w.Body.Bytes())
			var guids []string
			for _, it := range got.Items {
				guids = append(guids, it.GUID)
			}
			if strings.Join(guids, " ") != strings.Join(tc.want, " ") {
				t.Errorf("GET %s items = %q, want %q", tc.target, guids, tc.want)
			}
			if got.Title != tc.title || got.FeedLink != tc.self {
				t.Errorf("GET %s title, self = %q, %q, want %q, %q", tc.target, got.Title, got.FeedLink, tc.title, tc.self)
			}
		})
	}
}

func TestHandlerUsesBaseURLNotHost(t *testing.T) {
	e := newEnv(t, nil)
	r := httptest.NewRequest("GET", "http://evil.example/feed?format=atom", nil)
	r.Host = "evil.example"
	r.Header.Set("X-Forwarded-Host", "evil.example")
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	if strings.Contains(w.Body.String(), "evil.example") {
		t.Errorf("the feed uses the request's host:\n%s", w.Body)
	}
}

func TestHandlerRenewsOnWrite(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	first := e.get(e.h, "GET", "/feed?format=json")
	etag := first.Header().Get("ETag")

	// A draft saved: the public state stays, so the cache is not renewed.
	e.clock.Add(time.Minute)
	draft := articles()[0]
	draft.ID = uuid.MustParse("0f0c4b9a-6d3e-4c2b-8a1f-5e6d7c8b9a09")
	draft.Slug = "ban-nhap"
	draft.Status = news.StatusDraft
	if err := e.store.CreateArticle(ctx, draft); err != nil {
		t.Fatal(err)
	}
	if w := e.get(e.h, "GET", "/feed?format=json", "If-None-Match", etag); w.Code != 304 {
		t.Errorf("after a draft is saved: %d, want 304", w.Code)
	}
	if n := e.src.queries.Load(); n != 1 {
		t.Errorf("source queried %d times after a draft is saved, want 1 (the cache stays)", n)
	}

	// A public write that changes nothing in the feed (a new category):
	// same bytes, same validators.
	e.clock.Add(time.Minute)
	if err := e.store.CreateCategory(ctx, &news.Category{ID: uuid.MustParse("0f0c4b9a-6d3e-4c2b-8a1f-5e6d7c8b9a0a"),
		Slug: "su-kien", Name: "Sự kiện", CreatedAt: e.clock.Now(), UpdatedAt: e.clock.Now()}); err != nil {
		t.Fatal(err)
	}
	w := e.get(e.h, "GET", "/feed?format=json", "If-None-Match", etag)
	if w.Code != 304 {
		t.Errorf("after a write that leaves the feed as it was: %d, want 304", w.Code)
	}
	if n := e.src.queries.Load(); n != 2 {
		t.Errorf("source queried %d times, want 2 (the write renews the cache)", n)
	}

	// A write that changes the feed: new ETag, new title.
	e.clock.Add(time.Minute)
	a := articles()[1]
	a.Title = "Đại hội Chi bộ Chuyên ngành thành công tốt đẹp"
	a.UpdatedAt = e.clock.Now()
	if err := e.store.UpdateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	w = e.get(e.h, "GET", "/feed?format=json", "If-None-Match", etag)
	if w.Code != 200 || w.Header().Get("ETag") == etag {
		t.Fatalf("after an update: %d with ETag %s, want 200 with a new ETag", w.Code, w.Header().Get("ETag"))
	}
	if !strings.Contains(w.Body.String(), a.Title) {
		t.Errorf("the feed does not show the new title")
	}
}

// TestHandlerScheduled checks that a scheduled article appears when the
// clock passes its time, with no write and no sleep.
func TestHandlerScheduled(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	s := articles()[0]
	s.ID = uuid.MustParse("0f0c4b9a-6d3e-4c2b-8a1f-5e6d7c8b9a10")
	s.Slug = "thong-bao-lich-tiep-cong-dan"
	s.Title = "Thông báo lịch tiếp công dân tháng 12"
	s.PublishAt = e.clock.Now().Add(30 * time.Minute)
	s.UpdatedAt = e.clock.Now()
	if err := e.store.CreateArticle(ctx, s); err != nil {
		t.Fatal(err)
	}
	for _, f := range Formats {
		if w := e.get(e.h, "GET", "/feed?format="+string(f)); strings.Contains(w.Body.String(), s.Title) {
			t.Fatalf("%s feed shows the scheduled article before its time", f)
		}
	}
	etag := e.get(e.h, "GET", "/feed").Header().Get("ETag")
	e.clock.Add(29 * time.Minute)
	if w := e.get(e.h, "GET", "/feed", "If-None-Match", etag); w.Code != 304 {
		t.Errorf("a minute before the scheduled time: %d, want 304", w.Code)
	}
	e.clock.Add(time.Minute)
	for _, f := range Formats {
		w := e.get(e.h, "GET", "/feed?format="+string(f), "If-None-Match", etag)
		if w.Code != 200 || !strings.Contains(w.Body.String(), s.Title) {
			t.Errorf("%s feed at the scheduled time: %d, shows article = %v; want 200 with it", f, w.Code, strings.Contains(w.Body.String(), s.Title))
		}
	}
}

func TestHandlerCacheBound(t *testing.T) {
	e := newEnv(t, &Options{CacheBytes: 30_000})
	renders := func(target string) int64 {
		t.Helper()
		before := e.src.queries.Load()
		if w := e.get(e.h, "GET", target); w.Code != 200 {
			t.Fatalf("GET %s = %d", target, w.Code)
		}
		return e.src.queries.Load() - before
	}
	for _, f := range Formats {
		for limit := 1; limit <= 3; limit++ {
			renders("/feed?format=" + string(f) + "&limit=" + itoa(limit))
		}
	}
	if n := renders("/feed?format=json&limit=3"); n != 0 {
		t.Errorf("the last feed was rendered again (%d) after 9 feeds in 30000 bytes, want it cached", n)
	}
	if n := renders("/feed?format=rss&limit=1"); n != 1 {
		t.Errorf("the first feed was rendered %d times again after 9 feeds in 30000 bytes, want it dropped", n)
	}

	off := newEnv(t, &Options{CacheBytes: -1})
	off.get(off.h, "GET", "/feed")
	off.get(off.h, "GET", "/feed")
	if n := off.src.queries.Load(); n != 2 {
		t.Errorf("with the cache off the source was queried %d times for 2 requests, want 2", n)
	}
}

func TestHandlerConcurrent(t *testing.T) {
	e := newEnv(t, nil)
	var wg sync.WaitGroup
	for i := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := Formats[i%len(Formats)]
			w := e.get(e.h, "GET", "/feed?format="+string(f), "Accept-Encoding", "gzip")
			if w.Code != 200 {
				t.Errorf("GET = %d", w.Code)
			}
			if i%8 == 0 {
				a := articles()[2]
				a.UpdatedAt = a.UpdatedAt.Add(time.Duration(i) * time.Second)
				if err := e.store.UpdateArticle(context.Background(), a); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}

func TestHandlerMountedUnderPrefix(t *testing.T) {
	e := newEnv(t, nil)
	mux := http.NewServeMux()
	mux.Handle("GET /tin-tuc/feed.atom", e.h.For(Variant{Format: Atom}))
	mux.Handle("GET /tin-tuc/categories/{slug}/feed.json", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.h.Serve(w, r, Variant{Format: JSON, Category: r.PathValue("slug")})
	}))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	tests := []struct {
		path, ctype string
		status      int
	}{
		{"/tin-tuc/feed.atom", "application/atom+xml; charset=utf-8", 200},
		{"/tin-tuc/categories/chi-bo/feed.json?limit=5", "application/feed+json; charset=utf-8", 200},
		{"/tin-tuc/categories/khong-co/feed.json", "application/json; charset=utf-8", 404},
	}
	for _, tc := range tests {
		res, err := srv.Client().Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.status || res.Header.Get("Content-Type") != tc.ctype {
			t.Errorf("GET %s = %d %q, want %d %q", tc.path, res.StatusCode, res.Header.Get("Content-Type"), tc.status, tc.ctype)
		}
	}
}

func TestNewRequiresBaseURL(t *testing.T) {
	src := news.NewPublic(memstore.New(), nil)
	for _, opts := range []*Options{nil, {}, {BaseURL: "/tin-tuc/"}, {BaseURL: "ftp://example.org/"}} {
		if _, err := New(src, opts); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("New(%+v) error = %v, want ErrInvalid", opts, err)
		}
	}
}

func TestHandlerLinks(t *testing.T) {
	e := newEnv(t, nil)
	got := e.h.Links(Variant{Category: "chi-bo"}, "Chi bộ")
	want := []Link{
		{RSS, "Chi bộ (RSS)", base + "categories/chi-bo/feed.rss"},
		{Atom, "Chi bộ (Atom)", base + "categories/chi-bo/feed.atom"},
		{JSON, "Chi bộ (JSON Feed)", base + "categories/chi-bo/feed.json"},
	}
	if len(got) != len(want) {
		t.Fatalf("Links = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Links[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestHandlerOptions(t *testing.T) {
	e := newEnv(t, &Options{
		Title:      "Sở KH&CN",
		MaxAge:     5 * time.Minute,
		Icon:       "/static/icon.png",
		ArticleURL: func(a *news.Article) string { return "https://tin.example.gov.vn/bai/" + a.ID.String() },
		FeedURL:    func(v Variant) string { return "https://tin.example.gov.vn/rss/" + string(v.Format) },
		PageURL:    func(v Variant) string { return "https://tin.example.gov.vn/trang/" + v.Category },
	})
	w := e.get(e.h, "GET", "/feed?format=atom&category=chi-bo")
	if got := w.Header().Get("Cache-Control"); got != "public, max-age=300" {
		t.Errorf("Cache-Control = %q, want public, max-age=300", got)
	}
	got := parse(t, Atom, w.Body.Bytes())
	a := articles()[1]
	checks := []struct{ name, got, want string }{
		{"title", got.Title, "Sở KH&CN – Chi bộ"},
		{"self", got.FeedLink, "https://tin.example.gov.vn/rss/atom"},
		{"home", got.Link, "https://tin.example.gov.vn/trang/chi-bo"},
		{"item link", got.Items[0].Link, "https://tin.example.gov.vn/bai/" + a.ID.String()},
		{"icon", got.Image.URL, "https://sokhcn.example.gov.vn/static/icon.png"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}

	noCache := newEnv(t, &Options{MaxAge: -1})
	if got := noCache.get(noCache.h, "GET", "/feed").Header().Get("Cache-Control"); got != "no-cache" {
		t.Errorf("with a negative MaxAge Cache-Control = %q, want no-cache", got)
	}
}

func TestMimeType(t *testing.T) {
	tests := map[string]string{
		"application/pdf":          "application/pdf",
		" Image/JPEG ":             "image/jpeg",
		"":                         "",
		"pdf":                      "",
		"text/":                    "",
		"/plain":                   "",
		"text/html; charset=utf-8": "",
		"a/b\"><script>":           "",
	}
	for in, want := range tests {
		if got := mimeType(in); got != want {
			t.Errorf("mimeType(%q) = %q, want %q", in, got, want)
		}
	}
	for typ, want := range map[string]string{"image/png": "image", "audio/mpeg": "audio", "video/mp4": "video", "application/pdf": "document", "": "document"} {
		if got := medium(typ); got != want {
			t.Errorf("medium(%q) = %q, want %q", typ, got, want)
		}
	}
}

// brokenSource returns a page holding a nil article.
type brokenSource struct{ Source }

func (brokenSource) Articles(context.Context, news.Query) (*news.Page, error) {
	return &news.Page{Articles: []*news.Article{nil}}, nil
}

func TestHandlerBrokenSourceIsServerError(t *testing.T) {
	e := newEnv(t, nil)
	var logs bytes.Buffer
	h, err := New(brokenSource{e.src}, &Options{BaseURL: base, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	if w := e.get(h, "GET", "/feed"); w.Code != 500 {
		t.Errorf("GET from a source returning a nil article = %d, want 500", w.Code)
	}
	if !strings.Contains(logs.String(), "articles[0]: nil") {
		t.Errorf("log = %q, want the cause", logs.String())
	}
}

func TestHandlerParameters(t *testing.T) {
	e := newEnv(t, nil)
	rss := e.h.For(Variant{Format: RSS})
	category := e.h.For(Variant{Format: Atom, Category: "chi-bo"})
	fixed := e.h.For(Variant{Format: JSON, Category: "chi-bo", Tag: "đại hội", Lang: "vi", Limit: 5})
	const all = "accepted: format, category, tag, lang, limit"
	tests := []struct {
		name    string
		handler http.Handler
		target  string
		field   string // "" for a 200
		message string
	}{
		{"known parameters", e.h, "/feed?format=atom&category=chi-bo&lang=vi&limit=5", "", ""},
		{"tracking parameters", e.h, "/feed?utm_source=zalo&utm_medium=social&utm_content=tin-dai-hoi&fbclid=IwAR1&gclid=Cj0&msclkid=8a1&gbraid=0A&wbraid=Cj&igshid=Mz&twclid=2&zarsrc=30&mc_cid=ab&mc_eid=cd&_gl=1", "", ""},
		{"tracking parameter repeated", e.h, "/feed?utm_source=zalo&utm_source=facebook", "", ""},
		{"tracking parameters on a fixed route", fixed, "/feed.json?utm_source=zalo", "", ""},
		{"unknown", e.h, "/feed?limt=5", "limt", `unknown parameter "limt"; ` + all},
		{"unknown beside known and tracking", e.h, "/feed?limit=5&utm_source=zalo&trang=2", "trang", `unknown parameter "trang"; ` + all},
		{"first unknown named", e.h, "/feed?zz=1&page=2", "page", `unknown parameter "page"; ` + all},
		{"tracking name in another case", e.h, "/feed?UTM_SOURCE=zalo", "UTM_SOURCE", `unknown parameter "UTM_SOURCE"; ` + all},
		{"empty name", e.h, "/feed?=zalo", "", `unknown parameter ""; ` + all},
		{"long name cut", e.h, "/feed?" + strings.Repeat("x", 100) + "=1", strings.Repeat("x", 40) + "…", `unknown parameter "` + strings.Repeat("x", 40) + `…"; ` + all},
		{"repeated", e.h, "/feed?format=rss&format=atom", "format", "format: given more than once"},
		{"repeated unknown", e.h, "/feed?trang=1&trang=2", "trang", `unknown parameter "trang"; ` + all},
		{"fixed format", rss, "/feed.rss?format=atom", "format", `unknown parameter "format"; accepted: category, tag, lang, limit`},
		{"fixed category", category, "/categories/chi-bo/feed.atom?category=khoa-hoc-cong-nghe", "category", `unknown parameter "category"; accepted: tag, lang, limit`},
		{"route with all fields fixed", fixed, "/feed.json?limit=10", "limit", `unknown parameter "limit"; this address accepts no parameters`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.get(tc.handler, "GET", tc.target)
			if tc.message == "" {
				if w.Code != 200 {
					t.Fatalf("GET %s = %d, want 200: %s", tc.target, w.Code, w.Body)
				}
				return
			}
			if w.Code != 400 {
				t.Fatalf("GET %s = %d, want 400: %s", tc.target, w.Code, w.Body)
			}
			var body errorBody
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
				t.Fatalf("GET %s body %q is not JSON: %v", tc.target, w.Body, err)
			}
			if body.Error.Code != "invalid_parameter" || body.Error.Field != tc.field || body.Error.Message != tc.message {
				t.Errorf("GET %s error = %+v, want invalid_parameter, field %q, message %q", tc.target, body.Error, tc.field, tc.message)
			}
		})
	}
}

// TestHandlerTrackingParametersShareCache checks that tracking parameters
// are not part of the cache key: the same feed with and without them has
// the same bytes and ETag, and is rendered once.
func TestHandlerTrackingParametersShareCache(t *testing.T) {
	e := newEnv(t, nil)
	plain := e.get(e.h, "GET", "/feed?format=atom&limit=2")
	for _, target := range []string{
		"/feed?format=atom&limit=2&utm_source=zalo",
		"/feed?utm_campaign=dai-hoi&format=atom&fbclid=IwAR1&limit=2&gclid=x&msclkid=y",
	} {
		w := e.get(e.h, "GET", target)
		if w.Code != 200 || w.Body.String() != plain.Body.String() {
			t.Errorf("GET %s = %d, want 200 with the bytes of the feed without tracking parameters", target, w.Code)
		}
		if got, want := w.Header().Get("ETag"), plain.Header().Get("ETag"); got != want {
			t.Errorf("GET %s ETag = %q, want %q", target, got, want)
		}
		if w := e.get(e.h, "GET", target, "If-None-Match", plain.Header().Get("ETag")); w.Code != http.StatusNotModified {
			t.Errorf("GET %s with the plain feed's ETag = %d, want 304", target, w.Code)
		}
	}
	if n := e.src.queries.Load(); n != 1 {
		t.Errorf("%d renders, want 1", n)
	}
}
