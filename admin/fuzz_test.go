package admin_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/orgnews/orgnews/admin"
)

// FuzzArticleBody sends arbitrary bodies to the endpoints that create and
// change an article. Whatever comes, the answer is a success or a 4xx in
// the one JSON error shape: never a 500, never a panic.
func FuzzArticleBody(f *testing.F) {
	for _, seed := range []string{
		`{"title":"Hội thảo khoa học","category_id":"%s","tags":["a","b"],"featured":true}`,
		`{"title":"","cover":{"url":"https://anh.example/1.jpg","alt":"Ảnh","width":800},"attachments":[{"url":"/a.pdf"}]}`,
		`{"cover":null,"tags":null,"summary":null}`,
		`{"title":1}`, `{"body":{"x":1}}`, `{"cover":{"url":"x","unknown":1}}`,
		`{"title":"a","title":"b"}`, `{"nope":true}`, `[]`, `null`, `"chuỗi"`, `{`, `{"a":}`, `{}{}`, "",
		`{"category_id":"00000000-0000-0000-0000-000000000000"}`, `{"title":"\u0000\ud800"}`,
	} {
		f.Add(seed, true)
		f.Add(seed, false)
	}
	fx := newFixture(f, nil, &admin.Options{MaxBodyBytes: 64 << 10})
	c := fx.signIn("phongvien")
	target := c.draft("Bài để thử", "khoa-hoc")
	f.Fuzz(func(t *testing.T, body string, create bool) {
		body = strings.ReplaceAll(body, "%s", fx.cats["khoa-hoc"].String())
		w := c.do("POST", "/admin/api/articles", body)
		if !create {
			w = c.do("PATCH", "/admin/api/articles/"+target.ID.String(), body, "If-Match: *")
		}
		switch {
		case w.Code == http.StatusOK || w.Code == http.StatusCreated:
			return
		case w.Code >= 500:
			t.Fatalf("%q: %d %s", body, w.Code, w.Body.String())
		}
		var e apiError
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
			t.Fatalf("%q: %d with a body not in the error shape: %s", body, w.Code, w.Body.String())
		}
	})
}
