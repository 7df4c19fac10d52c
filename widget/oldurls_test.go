package widget_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/widget"
)

// The encoded form of the old URL "/tin-tức/đại-hội-chi-bộ-123.html" of
// the article dai-hoi, as browsers send it.
const oldDaiHoi = "/tin-t%E1%BB%A9c/%C4%91%E1%BA%A1i-h%E1%BB%99i-chi-b%E1%BB%99-123.html"

// TestOldURLs checks that a request under the mount for an old URL of a
// public article answers 301 to its page, and that drafts, scheduled
// articles and unknown paths answer as before.
func TestOldURLs(t *testing.T) {
	s := newNewsSite(t, nil)
	daiHoi := testBase + "articles/dai-hoi"
	tests := []struct {
		name, method, target string
		status               int
		location             string
	}{
		{"percent-encoded", "GET", oldDaiHoi, 301, daiHoi},
		{"HEAD", "HEAD", oldDaiHoi, 301, daiHoi},
		{"lower-case escapes", "GET", "/tin-t%e1%bb%a9c/%c4%91%e1%ba%a1i-h%e1%bb%99i-chi-b%e1%bb%99-123.html", 301, daiHoi},
		{"other case", "GET", "/TIN-T%E1%BB%A8C/%C4%90%E1%BA%A0I-H%E1%BB%98I-CHI-B%E1%BB%98-123.HTML", 301, daiHoi},
		{"NFD", "GET", "/tin-tu%CC%9B%CC%81c/%C4%91a%CC%A3i-ho%CC%A3%CC%82i-chi-bo%CC%A3%CC%82-123.html", 301, daiHoi},
		{"with a fragment-free tracking query", "GET", oldDaiHoi + "?utm_source=zalo&fbclid=x", 301, daiHoi},
		{"WordPress id at the mount root", "GET", "/?p=123", 301, daiHoi},
		{"WordPress id with tracking", "GET", "/?utm_medium=social&p=123", 301, daiHoi},
		{"ASP.NET query, other case", "GET", "/Default.aspx?id=123&CAT=5", 301, daiHoi},
		{"another query", "GET", "/default.aspx?id=123&cat=6", 404, ""},
		{"draft", "GET", "/tin-tuc/ban-nhap.html", 404, ""},
		{"scheduled", "GET", "/tin-tuc/hen-gio.html", 404, ""},
		{"unknown", "GET", "/tin-tuc/khong-co.html", 404, ""},
		{"POST", "POST", oldDaiHoi, 404, ""},
		// The index keeps its parameters and ignores others: an old URL
		// wins only when it is the whole query.
		{"index", "GET", "/", 200, ""},
		{"index with its own parameter", "GET", "/?lang=en", 200, ""},
		{"index with another parameter too", "GET", "/?p=123&lang=en", 200, ""},
		{"draft's WordPress id", "GET", "/?p=124", 200, ""},
		{"scheduled WordPress id", "GET", "/?p=125", 200, ""},
		{"unknown WordPress id", "GET", "/?p=999", 200, ""},
		// Routes come first: an old URL never hides a page of the section.
		{"a route", "GET", "/articles/dai-hoi", 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, body := do(t, s.h, tc.method, tc.target)
			assert.Equal(t, tc.status, res.StatusCode, "%s %s", tc.method, tc.target)
			assert.Equal(t, tc.location, res.Header.Get("Location"))
			if tc.status == 404 {
				assert.Contains(t, body, "Không tìm thấy trang")
			}
		})
	}

	// A scheduled article's old URL moves once its time has come.
	s.clock.Set(time.Date(2022, 12, 5, 8, 0, 0, 0, ict))
	for _, target := range []string{"/tin-tuc/hen-gio.html", "/?p=125"} {
		res, _ := get(t, s.h, target)
		assert.Equal(t, http.StatusMovedPermanently, res.StatusCode, target)
		assert.Equal(t, testBase+"articles/hen-gio", res.Header.Get("Location"), target)
	}
}

// TestOldURLsMounted checks old URLs under a prefix, with http.StripPrefix
// and with chi's Mount, through a server.
func TestOldURLsMounted(t *testing.T) {
	s := newNewsSite(t, nil)
	const site = "https://skhcn.example.gov.vn"
	h := widget.New(s.pub, &widget.Options{BaseURL: site + "/tin-tuc/", Location: ict})
	mux := http.NewServeMux()
	mux.Handle("/tin-tuc/", http.StripPrefix("/tin-tuc", h))
	r := chi.NewRouter()
	r.Mount("/tin-tuc", h)
	for name, router := range map[string]http.Handler{"ServeMux+StripPrefix": mux, "chi Mount": r} {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(router)
			defer srv.Close()
			for _, target := range []string{"/tin-tuc" + oldDaiHoi, "/tin-tuc/?p=123"} {
				res := noFollow(t, srv, http.MethodGet, target)
				assert.Equal(t, http.StatusMovedPermanently, res.StatusCode, target)
				assert.Equal(t, site+"/tin-tuc/articles/dai-hoi", res.Header.Get("Location"), target)
			}
		})
	}
}

// TestRedirects checks the handler a host mounts outside the news section:
// old URLs of public articles move to their pages under the mount, and
// everything else goes to the fallback.
func TestRedirects(t *testing.T) {
	s := newNewsSite(t, nil)
	const site = "https://skhcn.example.gov.vn"
	h := widget.New(s.pub, &widget.Options{BaseURL: site + "/tin-tuc/", Location: ict})
	text := func(status int, body string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(status)
			_, _ = io.WriteString(w, body)
		})
	}
	mux := http.NewServeMux()
	mux.Handle("/tin-tuc/", http.StripPrefix("/tin-tuc", h))
	mux.Handle("GET /{$}", h.Redirects(&widget.RedirectOptions{Fallback: text(200, "trang chủ")}))
	mux.Handle("/", h.Redirects(&widget.RedirectOptions{Fallback: text(404, "trang của Sở: không tìm thấy")}))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	daiHoi := site + "/tin-tuc/articles/dai-hoi"
	tests := []struct {
		name, method, target string
		status               int
		location, body       string
	}{
		{"old path", "GET", oldDaiHoi, 301, daiHoi, ""},
		{"HEAD", "HEAD", oldDaiHoi, 301, daiHoi, ""},
		{"WordPress id at the root", "GET", "/?p=123", 301, daiHoi, ""},
		{"ASP.NET", "GET", "/default.aspx?ID=123&Cat=5&utm_source=x", 301, daiHoi, ""},
		{"home page", "GET", "/", 200, "", "trang chủ"},
		{"home page with a tracking query", "GET", "/?fbclid=abc", 200, "", "trang chủ"},
		{"draft's id", "GET", "/?p=124", 200, "", "trang chủ"},
		{"draft", "GET", "/tin-tuc-cu/ban-nhap.html", 404, "", "trang của Sở: không tìm thấy"},
		{"draft's old path", "GET", "/tin-tuc/ban-nhap.html", 404, "", "Không tìm thấy trang"},
		{"scheduled", "GET", "/?p=125", 200, "", "trang chủ"},
		{"unknown", "GET", "/gioi-thieu.html", 404, "", "trang của Sở: không tìm thấy"},
		{"POST", "POST", "/?p=123", 404, "", "trang của Sở: không tìm thấy"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := noFollow(t, srv, tc.method, tc.target)
			b, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			assert.Equal(t, tc.status, res.StatusCode, "%s %s", tc.method, tc.target)
			assert.Equal(t, tc.location, res.Header.Get("Location"))
			assert.Contains(t, string(b), tc.body)
		})
	}

	// The zero options answer http.NotFound.
	res, body := get(t, h.Redirects(nil), "/gioi-thieu.html")
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	assert.Equal(t, "404 page not found\n", body)
	res, _ = get(t, h.Redirects(nil), "/?p=123")
	assert.Equal(t, http.StatusMovedPermanently, res.StatusCode)
}

// oldURLFailure is a Source whose old URL lookups fail with an internal
// error.
type oldURLFailure struct{ widget.Source }

func (oldURLFailure) ArticleByOldURL(context.Context, string) (*news.Article, error) {
	return nil, errSecret
}

// TestOldURLInternalError checks that a failing lookup is a generic 500,
// never its cause, in the section and at the host's root.
func TestOldURLInternalError(t *testing.T) {
	s := newNewsSite(t, nil)
	var logs bytes.Buffer
	h := widget.New(oldURLFailure{s.pub}, &widget.Options{BaseURL: testBase, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	for _, hh := range []http.Handler{h, h.Redirects(nil)} {
		res, body := get(t, hh, "/tin-tuc/dai-hoi.html")
		assert.Equal(t, http.StatusInternalServerError, res.StatusCode)
		mustNotContain(t, "500 body", body, "hunter2", "10.0.0.7", "pq:")
	}
	assert.Contains(t, logs.String(), "hunter2", "the cause is logged")
	res, _ := get(t, h, "/articles/dai-hoi")
	assert.Equal(t, http.StatusOK, res.StatusCode, "pages that need no lookup are served")
}

// noFollow sends a request to srv without following redirects.
func noFollow(t *testing.T, srv *httptest.Server, method, target string) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+target, nil)
	require.NoError(t, err)
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	res, err := client.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { res.Body.Close() })
	return res
}
