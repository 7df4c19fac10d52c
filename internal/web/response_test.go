package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bigResponse returns a Response of a compressible body over 1 KiB, with a
// gzip form, fixed headers and, when lm is not zero, a LastModified.
func bigResponse(tb testing.TB, lm time.Time) *Response {
	tb.Helper()
	body := []byte(strings.Repeat("<p>Sở Khoa học và Công nghệ tổ chức hội nghị.</p>\n", 60))
	r := NewResponse(body, "text/html; charset=utf-8", http.Header{"cache-control": {"public, max-age=60"}, "Vary": {"Origin"}})
	r.LastModified = lm
	require.NotNil(tb, r.gz, "no gzip form")
	return r
}

func serve(r *Response, method string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, "/x", nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	Serve(w, req, r)
	return w
}

func TestNewResponse(t *testing.T) {
	r := bigResponse(t, time.Time{})
	assert.Regexp(t, `^"[A-Za-z0-9_-]{22}"$`, r.ETag)
	assert.Equal(t, http.Header{
		"Cache-Control":          {"public, max-age=60"},
		"Vary":                   {"Origin", "Accept-Encoding"},
		"X-Content-Type-Options": {"nosniff"},
	}, r.Header)
	assert.NotEqual(t, r.ETag, NewResponse(append(r.Body, '.'), "text/html", nil).ETag)

	small := NewResponse([]byte(`{"a":1}`), "application/json", nil)
	assert.Nil(t, small.gz, "a small body has a gzip form")
	assert.Empty(t, small.Header["Vary"])
	w := serve(small, "GET", "Accept-Encoding", "gzip")
	assert.Empty(t, w.Header().Get("Content-Encoding"))
	assert.Equal(t, `{"a":1}`, w.Body.String())
}

func TestServeConditional(t *testing.T) {
	lm := time.Date(2026, 11, 26, 9, 30, 15, 500, time.UTC)
	r := bigResponse(t, lm)
	tag, gzTag := r.ETag, r.gz.header["Etag"][0]
	weak := "W/" + tag
	other := `"c29tZXRoaW5nIGVsc2U"`
	ims := lm.Format(http.TimeFormat)
	before := lm.Add(-time.Second).Format(http.TimeFormat)
	for _, tc := range []struct {
		name   string
		method string
		header []string
		want   int
	}{
		{"no validators", "GET", nil, 200},
		{"INM tag", "GET", []string{"If-None-Match", tag}, 304},
		{"INM weak tag", "GET", []string{"If-None-Match", weak}, 304},
		{"INM list", "GET", []string{"If-None-Match", other + ", " + tag}, 304},
		{"INM list without spaces", "GET", []string{"If-None-Match", other + "," + weak}, 304},
		{"INM second line", "GET", []string{"If-None-Match", other, "If-None-Match", tag}, 304},
		{"INM gzip tag, plain asked", "GET", []string{"If-None-Match", gzTag}, 304},
		{"INM star", "GET", []string{"If-None-Match", "*"}, 304},
		{"INM other", "GET", []string{"If-None-Match", other}, 200},
		{"INM tag without quotes", "GET", []string{"If-None-Match", strings.Trim(tag, `"`)}, 200},
		{"INM malformed then tag on a line", "GET", []string{"If-None-Match", `x, ` + tag}, 200},
		{"INM malformed line then tag line", "GET", []string{"If-None-Match", `"unclosed`, "If-None-Match", tag}, 304},
		{"INM empty", "GET", []string{"If-None-Match", ""}, 200},
		{"IMS at Last-Modified", "GET", []string{"If-Modified-Since", ims}, 304},
		{"IMS before Last-Modified", "GET", []string{"If-Modified-Since", before}, 200},
		{"IMS malformed", "GET", []string{"If-Modified-Since", "yesterday"}, 200},
		{"IMS ignored with INM", "GET", []string{"If-None-Match", other, "If-Modified-Since", ims}, 200},
		{"HEAD", "HEAD", nil, 200},
		{"HEAD INM", "HEAD", []string{"If-None-Match", tag}, 304},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := serve(r, tc.method, tc.header...)
			require.Equal(t, tc.want, w.Code)
			h := w.Header()
			assert.Equal(t, tag, h.Get("Etag"))
			assert.Equal(t, "public, max-age=60", h.Get("Cache-Control"))
			assert.Equal(t, []string{"Origin", "Accept-Encoding"}, h["Vary"])
			assert.Equal(t, "Thu, 26 Nov 2026 09:30:15 GMT", h.Get("Last-Modified"))
			switch {
			case tc.want == 304:
				assert.Empty(t, w.Body.Bytes())
				assert.Empty(t, h.Get("Content-Type"))
			case tc.method == "HEAD":
				assert.Empty(t, w.Body.Bytes())
				assert.Equal(t, strconv.Itoa(len(r.Body)), h.Get("Content-Length"))
			default:
				assert.Equal(t, r.Body, w.Body.Bytes())
				assert.Equal(t, "text/html; charset=utf-8", h.Get("Content-Type"))
			}
		})
	}

	t.Run("IMS without Last-Modified", func(t *testing.T) {
		w := serve(bigResponse(t, time.Time{}), "GET", "If-Modified-Since", time.Now().Add(time.Hour).Format(http.TimeFormat))
		assert.Equal(t, 200, w.Code)
		assert.Empty(t, w.Header().Get("Last-Modified"))
	})
}

func TestWantsGzip(t *testing.T) {
	for _, tc := range []struct {
		accept []string
		want   bool
	}{
		{nil, false},
		{[]string{""}, false},
		{[]string{"gzip"}, true},
		{[]string{"GZip"}, true},
		{[]string{"x-gzip"}, true},
		{[]string{"gzip, deflate, br"}, true},
		{[]string{"br;q=1.0, gzip;q=0.8, *;q=0.1"}, true},
		{[]string{"deflate, br"}, false},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip; q=0.000"}, false},
		{[]string{"gzip;Q=0"}, false},
		{[]string{"*"}, true},
		{[]string{"*;q=0"}, false},
		{[]string{"*;q=0.5"}, true},
		{[]string{"*;q=0.5, identity"}, false},
		{[]string{"gzip;q=0.5"}, true},
		{[]string{"br, gzip;q=0.1"}, true},
		{[]string{"gzip;q=0.5, identity"}, false},
		{[]string{"gzip;q=0.5, identity;q=0.5"}, true},
		{[]string{"identity;q=0"}, true},
		{[]string{"identity;q=0, gzip;q=0"}, false},
		{[]string{"identity"}, false},
		{[]string{"gzip;q=2"}, false},
		{[]string{"gzip;q=NaN"}, false},
		{[]string{"gzip;q=bad, identity;q=0"}, true},
		{[]string{"deflate", "gzip"}, true},
		{[]string{"gzip", "gzip;q=0"}, false},
	} {
		assert.Equal(t, tc.want, wantsGzip(tc.accept), "wantsGzip(%q)", tc.accept)
	}
}

func TestServeGzip(t *testing.T) {
	r := bigResponse(t, time.Time{})
	w := serve(r, "GET", "Accept-Encoding", "gzip, br")
	require.Equal(t, 200, w.Code)
	h := w.Header()
	assert.Equal(t, "gzip", h.Get("Content-Encoding"))
	assert.Equal(t, strings.TrimSuffix(r.ETag, `"`)+`-gz"`, h.Get("Etag"))
	assert.Equal(t, strconv.Itoa(w.Body.Len()), h.Get("Content-Length"))
	assert.Less(t, w.Body.Len(), len(r.Body))
	zr, err := gzip.NewReader(bytes.NewReader(w.Body.Bytes()))
	require.NoError(t, err)
	plain, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, r.Body, plain)

	nm := serve(r, "GET", "Accept-Encoding", "gzip", "If-None-Match", r.ETag)
	assert.Equal(t, 304, nm.Code, "the plain tag revalidates the gzip form")
	assert.Equal(t, h.Get("Etag"), nm.Header().Get("Etag"))
	assert.Empty(t, nm.Header().Get("Content-Encoding"))
}

func FuzzAcceptEncoding(f *testing.F) {
	for _, s := range []string{"", "gzip", "x-gzip;q=0.5, identity;q=0", "*;q=0", "gzip;q=NaN", ";;,,;q=", "br;q=1.0, gzip;q=0.8, *;q=0.1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		wantsGzip([]string{s})
		require.True(t, wantsGzip([]string{s, "gzip"}), "a last line naming gzip: %q", s)
		require.False(t, wantsGzip([]string{s, "gzip;q=0"}), "a last line refusing gzip: %q", s)
	})
}

func FuzzIfNoneMatch(f *testing.F) {
	for _, s := range []string{"", "*", `"a", W/"b"`, `"unclosed`, `W/`, `,,,`, `"x"y"`} {
		f.Add(s)
	}
	const tag = `"ZXRhZw"`
	f.Fuzz(func(t *testing.T, s string) {
		require.True(t, matchETag([]string{s, tag}, tag), "a last line holding the tag: %q", s)
		if !strings.ContainsAny(s, "*") && !strings.Contains(s, "ZXRhZw") {
			require.False(t, matchETag([]string{s}, tag), "%q", s)
		}
	})
}

// TestCacheResponse checks that Responses made with the Cache's reused gzip
// writers equal NewResponse's, whatever the writers compressed before.
func TestCacheResponse(t *testing.T) {
	c := NewCache(0)
	for _, body := range []string{
		strings.Repeat("<p>Sở Khoa học và Công nghệ tổ chức hội nghị.</p>\n", 60),
		strings.Repeat("<li>Tin tức chuyển đổi số tỉnh</li>", 200),
		strings.Repeat("<p>Sở Khoa học và Công nghệ tổ chức hội nghị.</p>\n", 60),
		`{"a":1}`,
	} {
		want := NewResponse([]byte(body), "text/html", nil)
		got := c.Response([]byte(body), "text/html", nil)
		assert.Equal(t, want.ETag, got.ETag)
		assert.Equal(t, want.Header, got.Header)
		if want.gz == nil {
			assert.Nil(t, got.gz)
			continue
		}
		require.NotNil(t, got.gz)
		assert.Equal(t, want.gz.header, got.gz.header)
		zr, err := gzip.NewReader(bytes.NewReader(got.gz.body))
		require.NoError(t, err)
		plain, err := io.ReadAll(zr)
		require.NoError(t, err)
		assert.Equal(t, body, string(plain))
	}
}

func TestCacheControl(t *testing.T) {
	for _, tc := range []struct {
		maxAge time.Duration
		want   string
	}{
		{0, "public, max-age=60"},
		{-time.Second, "no-cache"},
		{5 * time.Minute, "public, max-age=300"},
		{1500 * time.Millisecond, "public, max-age=1"},
	} {
		assert.Equal(t, tc.want, CacheControl(tc.maxAge), "CacheControl(%v)", tc.maxAge)
	}
}
