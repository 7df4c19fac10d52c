package oembed

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzQuery sends any query to the provider: it never answers 500, an
// error is the JSON error body, and a card parses in its format and has
// no script in its html.
func FuzzQuery(f *testing.F) {
	for _, seed := range []string{
		"url=" + article,
		"url=" + article + "&format=xml&maxwidth=300&maxheight=90",
		"url=https%3A%2F%2Fsokhcn.example.gov.vn%2Ftin-tuc%2Farticles%2Ftieu-de-nguy-hiem&format=xml",
		"url=//sokhcn.example.gov.vn/tin-tuc/articles/nghiem-thu-de-tai",
		"url=" + base + "articles/%2e%2e/admin",
		"maxwidth=-1&url=x",
		"format=json&format=xml",
		"%zz",
	} {
		f.Add(seed)
	}
	h, _ := newHandler(f)
	f.Fuzz(func(t *testing.T, raw string) {
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodGet, "/oembed", nil)
		r.URL.RawQuery = raw
		h.ServeHTTP(w, r)
		body := w.Body.Bytes()
		switch w.Code {
		case http.StatusOK:
			var c struct {
				HTML string `json:"html" xml:"html"`
			}
			var err error
			if strings.HasPrefix(w.Header().Get("Content-Type"), "text/xml") {
				err = xml.Unmarshal(body, &c)
			} else {
				err = json.Unmarshal(body, &c)
			}
			if err != nil {
				t.Fatalf("query %q: the card does not parse: %v\n%s", raw, err, body)
			}
			if strings.Contains(c.HTML, "<script") {
				t.Fatalf("query %q: the card's html has a script:\n%s", raw, c.HTML)
			}
		case http.StatusBadRequest, http.StatusNotFound, http.StatusNotImplemented:
			var e struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal(body, &e); err != nil || e.Error.Code == "" {
				t.Fatalf("query %q: %d with a body that is not the JSON error: %s", raw, w.Code, body)
			}
		default:
			t.Fatalf("query %q: status %d: %s", raw, w.Code, body)
		}
	})
}
