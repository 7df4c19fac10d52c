package feed

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// TestHandlerUnpublishInTheSameSecond: an article unpublished in the second
// a client fetched the feed must leave that client's next feed at once.
// Feeds send no Last-Modified (an unpublish changes no remaining article's
// time, so none would be exact), and If-Modified-Since never gets a 304.
func TestHandlerUnpublishInTheSameSecond(t *testing.T) {
	e := newEnv(t, nil)
	gone := articles()[0]
	first := e.get(e.h, "GET", "/feed")
	require.Equal(t, 200, first.Code)
	require.Contains(t, first.Body.String(), gone.Title)
	assert.Empty(t, first.Header().Get("Last-Modified"))

	gone.Status = news.StatusDraft // no clock change: the same second
	require.NoError(t, e.store.UpdateArticle(context.Background(), gone))
	now := e.clock.Now().Format(http.TimeFormat)
	for _, header := range [][]string{
		{"If-Modified-Since", now},
		{"If-Modified-Since", e.clock.Now().Add(24 * 3600e9).Format(http.TimeFormat)},
		{"If-None-Match", first.Header().Get("Etag")},
	} {
		w := e.get(e.h, "GET", "/feed", header...)
		require.Equal(t, 200, w.Code, "%q after the unpublish", header)
		assert.NotContains(t, w.Body.String(), gone.Title, "%q after the unpublish", header)
	}
}

// TestHandlerNoNotModifiedForErrors: "If-None-Match: *" matches only a feed
// that exists; an unknown category or tag, a bad parameter or method gets
// its error, never 304.
func TestHandlerNoNotModifiedForErrors(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct {
		method, target string
		want           int
	}{
		{"GET", "/feed?category=khong-co", 404},
		{"GET", "/feed?tag=kh%C3%B4ng%20c%C3%B3", 404},
		{"HEAD", "/feed?category=khong-co", 404},
		{"GET", "/feed?limit=0", 400},
		{"GET", "/feed?trang=2", 400},
		{"POST", "/feed", 405},
		{"GET", "/feed", 304},
	} {
		w := e.get(e.h, tc.method, tc.target, "If-None-Match", "*")
		assert.Equal(t, tc.want, w.Code, "%s %s with If-None-Match: *", tc.method, tc.target)
		if tc.want != 304 {
			assert.Empty(t, w.Header().Get("Etag"), "%s %s", tc.method, tc.target)
			assert.Equal(t, "no-store", w.Header().Get("Cache-Control"), "%s %s", tc.method, tc.target)
		}
	}
}

// TestHandlerCORS: feeds may be read from any origin, so a browser's
// preflight gets 204 with the methods and headers it may use, and every
// answer, errors included, carries Access-Control-Allow-Origin: *.
func TestHandlerCORS(t *testing.T) {
	e := newEnv(t, nil)
	for _, h := range []http.Handler{e.h, e.h.For(Variant{Format: Atom, Category: "chi-bo"})} {
		w := e.get(h, "OPTIONS", "/feed", "Origin", "https://cong-thong-tin.example.vn",
			"Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match")
		require.Equal(t, 204, w.Code)
		assert.Equal(t, "*", w.Header().Get("Access-Control-Allow-Origin"))
		assert.Equal(t, "GET, HEAD, OPTIONS", w.Header().Get("Access-Control-Allow-Methods"))
		assert.Contains(t, strings.ToLower(w.Header().Get("Access-Control-Allow-Headers")), "if-none-match")
		assert.Empty(t, w.Header().Get("Access-Control-Allow-Credentials"))
		assert.Empty(t, w.Body.Bytes())
	}
	for _, target := range []string{"/feed", "/feed?category=khong-co", "/feed?limit=x"} {
		w := e.get(e.h, "GET", target, "Origin", "https://cong-thong-tin.example.vn")
		assert.Equal(t, "*", w.Header().Get("Access-Control-Allow-Origin"), "GET %s", target)
	}
}
