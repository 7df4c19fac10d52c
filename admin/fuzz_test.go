package admin_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
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

// FuzzRequests sends arbitrary methods, paths, queries, If-Match values
// and bodies to every route as an admin: whatever comes, no 500 and no
// panic, and every error under api/ is in the one JSON shape (the pages'
// paths may answer an error page instead).
func FuzzRequests(f *testing.F) {
	fx := newFixture(f, nil, &admin.Options{MaxBodyBytes: 64 << 10})
	c := fx.signIn("admin")
	a := c.draft("Bài để thử các đường dẫn", "khoa-hoc")
	id, cat, acc := a.ID.String(), fx.cats["khoa-hoc"].String(), fx.accs["bientap"].ID.String()
	for _, seed := range []struct{ method, path, ifMatch, body string }{
		{"POST", "/api/session", "", `{"username":"admin","password":"x","code":"1"}`},
		{"GET", "/api/session", "", ""},
		{"POST", "/api/session/totp", "", "{}"},
		{"PUT", "/api/session/totp", "", `{"secret":"!!","code":"abc"}`},
		{"GET", "/api/articles?state=draft&category=khoa-hoc&author=A&tag=t&q=x&limit=5&cursor=abc", "", ""},
		{"POST", "/api/articles", "", `{"title":"T","category":"khoa-hoc","cover":{"url":"x"}}`},
		{"GET", "/api/articles/" + id, "", ""},
		{"PATCH", "/api/articles/" + id, "1", `{"title":"T","category_id":"` + cat + `"}`},
		{"PATCH", "/api/articles/" + id, "99999999999999999999", `{"autosave":"yes"}`},
		{"POST", "/api/articles/" + id + "/schedule", "", `{"publish_at":"2026-13-45T99:00:00Z"}`},
		{"POST", "/api/articles/" + id + "/approve", "*", `{"publish_at":"0001-01-01T00:00:00Z","comment":""}`},
		{"POST", "/api/articles/" + id + "/return", "", `{"comment":"` + strings.Repeat("x", 5000) + `"}`},
		{"GET", "/api/articles/" + id + "/revisions/1/diff?to=-1", "", ""},
		{"GET", "/api/articles/" + id + "/revisions/99999999999999999999", "", ""},
		{"POST", "/api/articles/" + id + "/revisions/1/restore", "0", ""},
		{"DELETE", "/api/articles/" + id, "-1", ""},
		{"POST", "/api/categories", "", `{"name":"C","parent_id":"` + id + `","position":-5}`},
		{"PATCH", "/api/categories/" + cat, "", `{"parent_id":"` + cat + `"}`},
		{"POST", "/api/accounts", "", `{"username":"a","role":"admin","categories":["` + id + `"],"password":""}`},
		{"PATCH", "/api/accounts/" + acc, "", `{"role":"","categories":null,"disabled":null}`},
		{"PUT", "/api/accounts/" + acc + "/password", "", `{"password":"` + strings.Repeat("é", 300) + `"}`},
		{"DELETE", "/api/accounts/" + acc + "/totp", "", ""},
		{"POST", "/api/tokens", "", `{"name":"t","role":"root","expires_at":"9999-12-31T23:59:59Z"}`},
		{"DELETE", "/api/tokens/" + id, "", ""},
		{"GET", "/api/audit?actor=" + acc + "&from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z&format=jsonl", "", ""},
		{"GET", "/api/audit?limit=-1&outcome=%ff", "", ""},
		{"OPTIONS", "/api/articles", "", ""},
		{"GET", "/api/../api/articles", "", ""},
	} {
		f.Add(seed.method, seed.path, seed.ifMatch, seed.body)
	}
	f.Fuzz(func(t *testing.T, method, path, ifMatch, body string) {
		if !validMethod(method) || !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " \t\r\n#") ||
			strings.ContainsAny(ifMatch, "\r\n\x00") {
			t.Skip("not an HTTP request")
		}
		r, err := http.NewRequest(method, "http://example.com/admin"+path, strings.NewReader(body))
		if err != nil {
			t.Skip("not an HTTP request")
		}
		r.RequestURI = "/admin" + path
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("If-Match", ifMatch)
		r.AddCookie(&http.Cookie{Name: admin.DefaultCookieName, Value: c.cookie})
		w := httptest.NewRecorder()
		fx.srv.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("%s %s: %d %s", method, path, w.Code, w.Body.String())
		}
		if w.Code < 400 || method == http.MethodHead {
			return
		}
		if strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
			if strings.HasPrefix(r.URL.Path, "/admin/api/") {
				t.Fatalf("%s %s: %d answered with a page, not the JSON error shape", method, path, w.Code)
			}
			return // a path of the pages: an error page for a person
		}
		var e apiError
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error.Code == "" {
			t.Fatalf("%s %s: %d with a body not in the error shape: %s", method, path, w.Code, w.Body.String())
		}
	})
}

// validMethod reports whether m is a token, as an HTTP method must be.
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for _, r := range m {
		if r <= ' ' || r >= 0x7f || strings.ContainsRune(`()<>@,;:\"/[]?={}`, r) {
			return false
		}
	}
	return true
}
