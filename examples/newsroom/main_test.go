package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/sqlstore"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    config
		wantErr string
	}{
		{
			name: "defaults",
			want: config{addr: "127.0.0.1:8080", embedAddr: "127.0.0.1:8081", db: "newsroom.db", demo: true},
		},
		{
			name: "everything set",
			args: []string{"-addr", ":9000", "-base-url", "https://skhcn.example.vn", "-embed-addr", "",
				"-db", "memory", "-import", "x.json", "-demo=false"},
			want: config{addr: ":9000", baseURL: "https://skhcn.example.vn/", db: "memory", importF: "x.json"},
		},
		{
			name: "postgres",
			args: []string{"-db", "postgres://u:p@localhost/news"},
			want: config{addr: "127.0.0.1:8080", embedAddr: "127.0.0.1:8081", db: "postgres://u:p@localhost/news", demo: true},
		},
		{
			name: "websub hub",
			args: []string{"-websub-hub", "https://hub.example.vn/"},
			want: config{addr: "127.0.0.1:8080", embedAddr: "127.0.0.1:8081", db: "newsroom.db", demo: true, webSubHub: "https://hub.example.vn/"},
		},
		{
			name: "migrations",
			args: []string{"-import-feed", "https://cu.example/feed/", "-import-wxr", "wp.xml", "-import-dry-run"},
			want: config{addr: "127.0.0.1:8080", embedAddr: "127.0.0.1:8081", db: "newsroom.db", demo: true,
				importFeed: "https://cu.example/feed/", importWXR: "wp.xml", importDryRun: true},
		},
		{name: "dry run of nothing", args: []string{"-import-dry-run"}, wantErr: "-import-dry-run: needs -import-feed or -import-wxr"},
		{name: "relative websub hub", args: []string{"-websub-hub", "/hub"}, wantErr: "-websub-hub"},
		{name: "relative base URL", args: []string{"-base-url", "/news"}, wantErr: "-base-url"},
		{name: "base URL with a query", args: []string{"-base-url", "http://x/?a=1"}, wantErr: "-base-url"},
		{name: "empty addr", args: []string{"-addr", ""}, wantErr: "-addr"},
		{name: "empty db", args: []string{"-db", ""}, wantErr: "-db"},
		{name: "stray argument", args: []string{"serve"}, wantErr: "unexpected argument"},
		{name: "unknown flag", args: []string{"-port", "80"}, wantErr: "not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseFlags(tc.args, io.Discard)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("parseFlags(%q) error = %v, want one containing %q", tc.args, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseFlags(%q): %v", tc.args, err)
			}
			if *got != tc.want {
				t.Errorf("parseFlags(%q) = %+v, want %+v", tc.args, *got, tc.want)
			}
		})
	}
}

func TestRunHelp(t *testing.T) {
	var out strings.Builder
	err := run(context.Background(), []string{"-help"}, io.Discard, &out)
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("run(-help) = %v, want flag.ErrHelp", err)
	}
	for _, f := range []string{"-addr", "-base-url", "-embed-addr", "-db", "-import", "-demo"} {
		if !strings.Contains(out.String(), f) {
			t.Errorf("usage does not mention %s:\n%s", f, out.String())
		}
	}
}

// TestRunBadImport runs the demo with an import file that holds one bad
// record on a new SQLite database, without the demo content: run fails
// before serving, names the record, and the database holds nothing.
func TestRunBadImport(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	writeFile(t, bad, `{"version":1,"categories":[{"slug":"tin","name":"Tin"}],"articles":[
		{"title":"Bài tốt","body_html":"<p>Nội dung</p>","category":"tin","status":"published","publish_at":"2026-01-02T08:00:00+07:00"},
		{"title":"","body_html":"<p>Thiếu tiêu đề</p>","category":"tin","status":"published","publish_at":"2026-01-02T08:00:00+07:00"}]}`)
	db := filepath.Join(dir, "news.db")
	tests := []struct {
		name, file, wantErr string
	}{
		{"invalid record", bad, "articles[1].title"},
		{"missing file", filepath.Join(dir, "missing.json"), "-import"},
		{"not JSON", writeFile(t, filepath.Join(dir, "x.json"), "<html>"), "-import"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var stdout strings.Builder
			err := run(ctx, []string{"-db", db, "-addr", "127.0.0.1:0", "-embed-addr", "", "-demo=false", "-import", tc.file}, &stdout, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("run(-import %s) = %v, want an error naming %q", tc.file, err, tc.wantErr)
			}
			if stdout.Len() != 0 {
				t.Errorf("run printed %q before failing; want nothing served", stdout.String())
			}
			s, err := sqlstore.Open(context.Background(), "sqlite", db, nil)
			if err != nil {
				t.Fatalf("sqlstore.Open: %v", err)
			}
			defer s.Close()
			empty, err := storeEmpty(context.Background(), s)
			if err != nil || !empty {
				t.Errorf("after a failed import the database is empty = %v (%v), want true", empty, err)
			}
		})
	}
}

func writeFile(tb testing.TB, name, content string) string {
	tb.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
	return name
}

// startApp starts the demo with args (plus -addr and -embed-addr on free
// ports) and returns the app; the servers stop when the test ends.
func startApp(tb testing.TB, args ...string) *app {
	tb.Helper()
	a, _ := startAppLog(tb, append([]string{"-embed-addr", "127.0.0.1:0"}, args...)...)
	return a
}

// get fetches url and returns the response and its body.
func get(tb testing.TB, url string) (*http.Response, string) {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("GET %s: %v", url, err)
	}
	return resp, string(b)
}

func TestServeDemo(t *testing.T) {
	a := startApp(t, "-db", "memory")
	st := a.store
	all := allArticles(t, st, news.Query{})
	var visible, hidden []*news.Article
	now := a.now()
	for _, x := range all {
		if x.Visible(now) {
			visible = append(visible, x)
		} else {
			hidden = append(hidden, x)
		}
	}
	if len(visible) < 60 || len(hidden) < 6 {
		t.Fatalf("demo store: %d visible and %d hidden articles, want at least 60 and 6", len(visible), len(hidden))
	}

	pages := []struct {
		url, ctype string
		want       []string
	}{
		{a.siteURL, "text/html", []string{"Sở Khoa học và Công nghệ", `class="news-box`, visible[0].Title, a.siteURL + "news/articles/" + visible[0].Slug}},
		{a.siteURL + "news/", "text/html", []string{visible[0].Title}},
		{a.siteURL + "news/articles/" + visible[0].Slug, "text/html", []string{visible[0].Title}},
		{a.siteURL + "news/api/articles?limit=100", "application/json", []string{visible[0].Slug}},
		{a.siteURL + "news/search?q=nhap", "text/html", nil},
		{a.siteURL + "news/categories/thong-bao", "text/html", nil},
		{a.siteURL + "static/site.css", "text/css", []string{".masthead"}},
		{a.siteURL + "static/covers/do-luong.png", "image/png", nil},
		{a.siteURL + "static/files/ke-hoach-tai-san-tri-tue-2026-2030.pdf", "application/pdf", []string{"%PDF-"}},
		{a.partnerURL, "text/html", []string{"<news-widget", a.siteURL + "news/widget.js", a.siteURL + "news/embed?"}},
	}
	for _, p := range pages {
		t.Run(strings.TrimPrefix(p.url, "http://"), func(t *testing.T) {
			resp, body := get(t, p.url)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: status %d, want 200", p.url, resp.StatusCode)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, p.ctype) {
				t.Errorf("GET %s: Content-Type %q, want %s", p.url, ct, p.ctype)
			}
			for _, w := range p.want {
				if !strings.Contains(body, w) {
					t.Errorf("GET %s: body lacks %q", p.url, w)
				}
			}
			for _, h := range hidden {
				if strings.Contains(body, h.Title) || strings.Contains(body, "/articles/"+h.Slug+`"`) {
					t.Errorf("GET %s shows the %s article %q", p.url, h.Status, h.Title)
				}
			}
		})
	}
	for _, h := range hidden {
		if resp, _ := get(t, a.siteURL+"news/articles/"+h.Slug); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET the %s article %q: status %d, want 404", h.Status, h.Slug, resp.StatusCode)
		}
	}

	resp, _ := get(t, a.partnerURL)
	csp := resp.Header.Get("Content-Security-Policy")
	for _, d := range []string{"require-trusted-types-for 'script'", "script-src " + originOf(a.siteURL)} {
		if !strings.Contains(csp, d) {
			t.Errorf("partner page CSP %q lacks %q", csp, d)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("partner page CSP %q allows unsafe-inline", csp)
	}
}

func TestServeLimits(t *testing.T) {
	a := startApp(t, "-db", "memory", "-demo=false")
	if a.site.ReadHeaderTimeout == 0 || a.site.ReadTimeout == 0 || a.site.WriteTimeout == 0 || a.site.IdleTimeout == 0 {
		t.Errorf("server timeouts: %+v, want all set", a.site)
	}
	body := strings.NewReader(strings.Repeat("x", maxBodyBytes+1))
	resp, err := http.Post(a.siteURL+"news/", "text/plain", body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("POST of %d bytes: status %d, want 413", maxBodyBytes+1, resp.StatusCode)
	}
	if resp, _ := get(t, a.siteURL+"static/"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /static/: status %d, want 404 (no listing)", resp.StatusCode)
	}
	for _, p := range []string{"static/%ff", "static/covers/%ff.png", "static/%c0%af", "static/site.css%00", "static/khong-co.css"} {
		if resp, _ := get(t, a.siteURL+p); resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusBadRequest {
			t.Errorf("GET /%s: status %d, want 404 or 400", p, resp.StatusCode)
		}
	}
}

// TestSQLiteReused runs the demo twice on one SQLite file: the first run
// fills it, the second finds it filled and adds nothing.
func TestSQLiteReused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "newsroom.db")
	count := func() int {
		a := startApp(t, "-db", db)
		n := len(allArticles(t, a.store, news.Query{}))
		return n
	}
	first := count()
	if first < 60 {
		t.Fatalf("first run: %d articles, want the demo content", first)
	}
	if second := count(); second != first {
		t.Errorf("second run: %d articles, want the same %d", second, first)
	}
}

// TestGracefulShutdown cancels the demo's context while a request is in
// its handler, and checks that the request still gets its answer and that
// serve then returns without error and stops listening.
func TestGracefulShutdown(t *testing.T) {
	cfg, err := parseFlags([]string{"-addr", "127.0.0.1:0", "-embed-addr", "", "-db", "memory"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, err := newApp(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	// Hold one request in its handler until the shutdown has begun.
	entered, release := make(chan struct{}), make(chan struct{})
	site := a.site.Handler
	a.site.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Hold") != "" {
			close(entered)
			<-release
		}
		site.ServeHTTP(w, r)
	})
	// Let it go once Shutdown has closed the listeners and waits for it.
	a.site.RegisterOnShutdown(func() { close(release) })
	done := make(chan error, 1)
	go func() { done <- a.serve(ctx) }()

	type result struct {
		status int
		body   string
		err    error
	}
	got := make(chan result, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, a.siteURL+"news/api/categories", nil)
		req.Header.Set("X-Hold", "1")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{resp.StatusCode, string(b), err}
	}()
	<-entered
	cancel()
	r := <-got
	if r.err != nil || r.status != http.StatusOK || !json.Valid([]byte(r.body)) {
		t.Errorf("in-flight request: status %d, error %v, body %.80q; want 200 with JSON", r.status, r.err, r.body)
	}
	if err := <-done; err != nil {
		t.Errorf("serve after shutdown = %v, want nil", err)
	}
	if c, err := net.Dial("tcp", a.siteLn.Addr().String()); err == nil {
		c.Close()
		t.Errorf("the site still accepts connections after shutdown")
	}
}

// TestOpenStorePostgres opens a schema of its own in the database of
// ORGNEWS_TEST_POSTGRES as -db does: the demo runs on PostgreSQL with one
// flag.
func TestOpenStorePostgres(t *testing.T) {
	dsn := postgresSchemaURL(t)
	if dsn == "" {
		t.Skip("ORGNEWS_TEST_POSTGRES is not set: set it to a PostgreSQL URL to run this test")
	}
	s, closeStore, name, err := openStore(context.Background(), dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("openStore(ORGNEWS_TEST_POSTGRES): %v", err)
	}
	defer closeStore()
	if !strings.HasPrefix(name, "PostgreSQL ") {
		t.Errorf("openStore described the database as %q, want PostgreSQL", name)
	}
	if u, _ := url.Parse(dsn); u != nil && u.User != nil {
		if p, ok := u.User.Password(); ok && p != "" && strings.Contains(name, p) {
			t.Errorf("openStore's description %q shows the password", name)
		}
	}
	if _, err := s.Version(context.Background()); err != nil {
		t.Errorf("Version: %v", err)
	}
}

func TestOpenStoreBadDSN(t *testing.T) {
	tests := []string{
		filepath.Join(t.TempDir(), "missing-dir", "news.db"),
		"postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=1",
	}
	for _, dsn := range tests {
		if _, _, _, err := openStore(context.Background(), dsn, slog.New(slog.DiscardHandler)); err == nil || !strings.HasPrefix(err.Error(), "-db") {
			t.Errorf("openStore(%q) = %v, want an error naming -db", dsn, err)
		}
	}
}

// TestImportFile loads a good import file into an empty store, with the
// demo content off: the site shows what the file holds and nothing else.
func TestImportFile(t *testing.T) {
	file := writeFile(t, filepath.Join(t.TempDir(), "archive.json"), `{"version":1,
		"categories":[{"slug":"thong-bao","name":"Thông báo"}],
		"articles":[{"title":"Thông báo nghỉ lễ Quốc khánh 2/9","body_html":"<p>Cơ quan nghỉ lễ theo quy định.</p>",
			"category":"thong-bao","status":"published","publish_at":"2026-08-28T08:00:00+07:00"}]}`)
	a := startApp(t, "-db", "memory", "-demo=false", "-import", file)
	resp, body := get(t, a.siteURL+"news/api/articles")
	var list struct {
		Articles []struct{ Title string } `json:"articles"`
	}
	if err := json.Unmarshal([]byte(body), &list); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /news/api/articles: status %d, %v", resp.StatusCode, err)
	}
	if len(list.Articles) != 1 || list.Articles[0].Title != "Thông báo nghỉ lễ Quốc khánh 2/9" {
		t.Errorf("articles after -import = %+v, want only the imported one", list.Articles)
	}
}
