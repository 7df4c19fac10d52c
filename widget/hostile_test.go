package widget_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHostile sends what attackers and broken clients send: never a 500,
// never a panic, always a 4xx (or a harmless 200/301) with a clear message;
// JSON errors for the API and the box.
func TestHostile(t *testing.T) {
	s := newNewsSite(t, nil)
	long := strings.Repeat("a", 10<<10)
	tests := []struct {
		name, method, rawTarget string
		status                  int
		field                   string // for JSON errors
	}{
		{"limit not a number", "GET", "/api/articles?limit=abc", 400, "limit"},
		{"limit negative", "GET", "/api/articles?limit=-1", 400, "limit"},
		{"limit too large", "GET", "/api/articles?limit=999", 400, "limit"},
		{"limit zero", "GET", "/api/articles?limit=0", 400, "limit"},
		{"limit repeated", "GET", "/api/articles?limit=1&limit=2", 400, "limit"},
		{"category repeated", "GET", "/api/articles?category=thong-bao&category=hoat-dong", 400, "category"},
		{"category not a slug", "GET", "/api/articles?category=../../etc", 400, "category"},
		{"category unknown", "GET", "/api/articles?category=khong-co", 400, "category"},
		{"forged cursor", "GET", "/api/articles?cursor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 400, "cursor"},
		{"garbage cursor", "GET", "/api/articles?cursor=%27%3B+DROP+TABLE", 400, "cursor"},
		{"long cursor", "GET", "/api/articles?cursor=" + strings.Repeat("A", 200), 400, "cursor"},
		{"10 KB query", "GET", "/api/articles?q=" + long, 400, "query"},
		{"long search", "GET", "/api/articles?q=" + strings.Repeat("tin+", 100), 400, "q"},
		{"bad percent-encoding", "GET", "/api/articles?q=%zz", 400, "query"},
		{"invalid UTF-8", "GET", "/api/articles?q=%ff%fe", 400, "q"},
		{"control character", "GET", "/api/articles?tag=a%00b", 400, "tag"},
		{"semicolon separator", "GET", "/api/articles?limit=1;limit=2", 400, "query"},
		{"bad lang", "GET", "/api/articles?lang=%3Cscript%3E", 400, "lang"},
		{"tracking parameters on the API", "GET", "/api/articles?utm_source=zalo&fbclid=x", 200, ""},
		{"unknown parameter", "GET", "/api/articles?limt=5", 400, "limt"},
		{"long unknown parameter", "GET", "/fragment?" + long + "=1", 400, "query"},
		{"too many parameters", "GET", "/embed?" + strings.Repeat("utm_a=1&", 33), 400, "query"},
		{"box limit 21", "GET", "/fragment?limit=21", 400, "limit"},
		{"box limit abc", "GET", "/embed?limit=abc", 400, "limit"},
		{"box layout", "GET", "/fragment?layout=%3Cscript%3E", 400, "layout"},
		{"box theme", "GET", "/embed?theme=neon", 400, "theme"},
		{"box lang", "GET", "/fragment?lang=fr", 400, "lang"},
		{"box show", "GET", "/fragment?show=date,body", 400, "show"},
		{"box exclude", "GET", "/fragment?exclude=%2F..%2F", 400, "exclude"},
		{"box unknown category", "GET", "/embed?category=khong-co", 404, ""},
		{"box repeated theme", "GET", "/embed?theme=dark&theme=light", 400, "theme"},
		{"box bad encoding", "GET", "/fragment?tag=%", 400, "query"},
		{"box 10 KB", "GET", "/fragment?tag=" + long, 400, "query"},
		{"page bad cursor", "GET", "/?cursor=xyz", 400, ""},
		{"page bad lang", "GET", "/articles/dai-hoi?lang=de", 400, ""},
		{"search 10 KB", "GET", "/search?q=" + long, 400, ""},
		{"search invalid UTF-8", "GET", "/search?q=%c3%28", 400, ""},
		{"path traversal", "GET", "/articles/../../../etc/passwd", 404, ""},
		{"encoded traversal", "GET", "/articles/..%2f..%2fetc%2fpasswd", 404, ""},
		{"asset traversal", "GET", "/assets/..%2F..%2Fwidget.go", 404, ""},
		{"double slash", "GET", "//articles/dai-hoi", 404, ""},
		{"dot segment", "GET", "/./articles/dai-hoi", 404, ""},
		{"backslash", "GET", "/articles\\dai-hoi", 404, ""},
		{"NUL in path", "GET", "/articles/dai%00hoi", 404, ""},
		{"invalid UTF-8 slug", "GET", "/articles/%ff%fe", 404, ""},
		{"huge slug", "GET", "/articles/" + long, 404, ""},
		{"upper-case slug", "GET", "/articles/DAI-HOI", 301, ""},
		{"api upper-case slug", "GET", "/api/articles/DAI-HOI", 404, ""},
		{"api huge slug", "GET", "/api/articles/" + long, 404, ""},
		{"encoded slash", "GET", "/api%2Fbox", 404, ""},
		{"encoded letter", "GET", "/fr%61gment?limit=2", 200, ""},
		{"tag with accents", "GET", "/tags/%C4%90%E1%BA%A3ng", 404, ""},
		{"wrong method", "TRACE", "/api/articles", 405, ""},
		{"wrong method on page", "POST", "/search?q=a", 405, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, "http://widget.test/", nil)
			req.URL.Path, req.URL.RawPath, req.URL.RawQuery = "", "", ""
			u, q, _ := strings.Cut(tc.rawTarget, "?")
			req.RequestURI = tc.rawTarget
			req.URL.RawQuery = q
			if p, err := unescapePath(u); err == nil {
				req.URL.Path = p
				if p != u {
					req.URL.RawPath = u
				}
			} else {
				req.URL.Path = u
			}
			rec := httptest.NewRecorder()
			s.h.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("%s %.80s: status %d, want %d\n%.300s", tc.method, tc.rawTarget, rec.Code, tc.status, rec.Body.String())
			}
			body := rec.Body.String()
			if strings.Contains(body, "goroutine") || strings.Contains(body, ".go:") {
				t.Errorf("%s %.80s: body looks like a stack trace", tc.method, tc.rawTarget)
			}
			if tc.field != "" {
				var e struct {
					Error struct{ Code, Field, Message string }
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil {
					t.Fatalf("body is not a JSON error: %v\n%s", err, body)
				}
				if e.Error.Code != "invalid_parameter" || e.Error.Field != tc.field || e.Error.Message == "" {
					t.Errorf("error = %+v, want invalid_parameter on %q", e.Error, tc.field)
				}
				if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
					t.Errorf("Content-Type %q", ct)
				}
				if len(body) > 400 {
					t.Errorf("error echoes %d bytes", len(body))
				}
			}
		})
	}
}

// unescapePath decodes a raw path as net/http would.
func unescapePath(p string) (string, error) {
	req, err := http.NewRequest("GET", "http://x"+p, nil)
	if err != nil {
		return "", err
	}
	return req.URL.Path, nil
}

// FuzzHandler sends arbitrary paths and queries: the handler never panics
// and never answers 5xx.
func FuzzHandler(f *testing.F) {
	s := newNewsSite(f, nil)
	for _, seed := range []string{
		"/", "/articles/dai-hoi?lang=en", "/api/articles?limit=3&cursor=AQAABe0TSuFkAAAAAAAAAEAAgAAAAAAAAAk",
		"/fragment?layout=ticker&show=date,summary,image&exclude=dai-hoi", "/embed?theme=auto&lang=en&category=hoat-dong",
		"/search?q=%C4%91%E1%BA%A1i+h%E1%BB%99i", "/tags/dang-bo/feed.json?limit=5", "/api/articles?q=%ff", "/articles/..%2f",
		"/categories/hoat-dong?cursor=%00", "/api/articles?limit=1;2",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, target string) {
		req, err := http.NewRequest("GET", "http://widget.test/", nil)
		if err != nil {
			t.Skip()
		}
		path, query, _ := strings.Cut(target, "?")
		if path == "" || path[0] != '/' {
			path = "/" + path
		}
		req.URL.Path, req.URL.RawQuery = path, query
		rec := httptest.NewRecorder()
		s.h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %q: %d\n%s", target, rec.Code, rec.Body.String())
		}
	})
}
