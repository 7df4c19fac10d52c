package widget_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/widget"
)

// TestRoutes checks every route's status, content type, headers and body.
func TestRoutes(t *testing.T) {
	s := newNewsSite(t, nil)
	const (
		html  = "text/html; charset=utf-8"
		jsonT = "application/json; charset=utf-8"
		js    = "text/javascript; charset=utf-8"
	)
	embeddable := map[string]string{"Cross-Origin-Resource-Policy": "cross-origin", "X-Content-Type-Options": "nosniff"}
	withCORS := map[string]string{"Cross-Origin-Resource-Policy": "cross-origin", "X-Content-Type-Options": "nosniff", "Access-Control-Allow-Origin": "*"}
	tests := []struct {
		name, target, ctype string
		status              int
		header              map[string]string
		contains            []string
		excludes            []string
	}{
		{name: "index", target: "/", status: 200, ctype: html,
			header:   map[string]string{"Vary": "Accept-Encoding", "Cache-Control": "public, max-age=60"},
			contains: []string{`<html lang="vi">`, "Tin nổi bật", "Đại hội Chi bộ Chuyên ngành", `rel="next"`, `href="` + testBase + `?cursor=`, `<main id="main"`, `rel="alternate" type="application/rss&#43;xml"`},
			excludes: []string{"Bản nháp chưa công bố", "Tin hẹn giờ"}},
		{name: "index in English", target: "/?lang=en", status: 200, ctype: html, header: map[string]string{"Vary": "Accept-Encoding"},
			contains: []string{`<html lang="en">`, "Latest news", "28 November 2022"}},
		{name: "category with subcategories", target: "/categories/hoat-dong", status: 200, ctype: html,
			contains: []string{"<h1 class=\"page-title\">Hoạt động của Sở</h1>", "Chi bộ – Đoàn thể", "Đại hội Chi bộ", "Họp mặt kỷ niệm", `categories/hoat-dong/feed.atom`},
			excludes: []string{"Tin hẹn giờ", "Hội nghị tổng kết"}},
		{name: "tag", target: "/tags/dang-bo", status: 200, ctype: html,
			contains: []string{"Đảng bộ", "Đại hội Chi bộ", "Chi bộ Văn phòng", `tags/dang-bo/feed.rss`}, excludes: []string{"Hội nghị tổng kết"}},
		{name: "search without accents", target: "/search?q=dai+hoi", status: 200, ctype: html,
			contains: []string{"<mark>Đại</mark> <mark>hội</mark> Chi bộ Chuyên ngành", `value="dai hoi"`, "noindex"}},
		{name: "search with nothing found", target: "/search?q=khong+co+gi+het", status: 200, ctype: html, contains: []string{"Không tìm thấy tin nào phù hợp."}},
		{name: "search form", target: "/search", status: 200, ctype: html, contains: []string{`<form class="search-form search-form--page"`}, excludes: []string{"Không tìm thấy"}},
		{name: "article", target: "/articles/dai-hoi", status: 200, ctype: html, contains: []string{
			`<h1 class="article__title">Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2022–2025</h1>`,
			"Thứ Hai, 28/11/2022", `aria-label="Đường dẫn"`, `<figure class="article__cover">`,
			"<figcaption>Tặng hoa Bí thư Chi bộ nhiệm kỳ mới.</figcaption>", "Nghị quyết Đại hội", "(PDF, 245,8 KB)",
			"Tin tức khác cùng chuyên mục", "Chi bộ Văn phòng sinh hoạt", `rel="prev"`, `rel="tag"`,
			`<link rel="canonical" href="` + testBase + `articles/dai-hoi">`, `<meta property="og:type" content="article">`,
			`<meta property="og:image" content="https://skhcn.example.gov.vn/uploads/dai-hoi.jpg">`,
			`<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle"`,
			`categories/chi-bo-doan-the/feed.rss`, `src="https://skhcn.example.gov.vn/uploads/dai-hoi-2.jpg"`}},
		{name: "article in English", target: "/articles/dai-hoi?lang=en", status: 200, ctype: html,
			contains: []string{"More news in this category", "28 November 2022", "(PDF, 245.8 KB)"}},
		{name: "feed rss", target: "/feed.rss", status: 200, ctype: "application/rss+xml; charset=utf-8", contains: []string{"<rss", "Đại hội Chi bộ"}},
		{name: "feed atom", target: "/feed.atom", status: 200, ctype: "application/atom+xml; charset=utf-8", contains: []string{"<feed"}},
		{name: "feed json", target: "/feed.json", status: 200, ctype: "application/feed+json; charset=utf-8", contains: []string{"https://jsonfeed.org/version/1.1"}},
		{name: "category feed", target: "/categories/chi-bo-doan-the/feed.atom", status: 200, ctype: "application/atom+xml; charset=utf-8",
			contains: []string{"Đại hội Chi bộ"}, excludes: []string{"Hội nghị tổng kết"}},
		{name: "tag feed", target: "/tags/dang-bo/feed.json", status: 200, ctype: "application/feed+json; charset=utf-8",
			contains: []string{"Đại hội Chi bộ"}, excludes: []string{"Hội nghị tổng kết"}},
		{name: "unknown category feed", target: "/categories/khong-co/feed.rss", status: 404},
		{name: "api articles", target: "/api/articles?limit=2", status: 200, ctype: jsonT, header: withCORS, contains: []string{`"next_cursor":"`}},
		{name: "api article", target: "/api/articles/dai-hoi", status: 200, ctype: jsonT, header: withCORS, contains: []string{`"body_html":`, `"why":{`}},
		{name: "api categories", target: "/api/categories", status: 200, ctype: jsonT, header: withCORS, contains: []string{`"children":[{"id"`}},
		{name: "fragment", target: "/fragment?category=chi-bo-doan-the", status: 200, ctype: html, header: withCORS,
			contains: []string{`<section class="news-box news-box--list news-theme-light" lang="vi" aria-label="Chi bộ – Đoàn thể">`, `rel="stylesheet"`, "Đại hội Chi bộ"},
			excludes: []string{"Hội nghị tổng kết", "Tin hẹn giờ", "<script"}},
		{name: "embed", target: "/embed?layout=cards&theme=dark&lang=en", status: 200, ctype: html, header: embeddable,
			contains: []string{`<html lang="en">`, "news-box--cards", "news-theme-dark", `target="_top"`, "See all news", `<script src="` + testBase + `assets/embed.`},
			excludes: []string{"<script>", "style="}},
		{name: "ticker", target: "/fragment?layout=ticker&theme=auto", status: 200, ctype: html,
			contains: []string{"news-box--ticker", "news-theme-auto", `<label class="news-ticker__pause"><input type="checkbox" role="switch"> <span>Tạm dừng chạy tin</span></label>`}},
		{name: "widget.js", target: "/widget.js", status: 200, ctype: js, header: map[string]string{"Cache-Control": "public, max-age=300", "Cross-Origin-Resource-Policy": "cross-origin"},
			contains: []string{`customElements.define("news-widget"`, `"assets/box.`}, excludes: []string{"innerHTML", "__CSS__", "__LANG__"}},
		{name: "embed-parent.js", target: "/embed-parent.js", status: 200, ctype: js, header: map[string]string{"Cache-Control": "public, max-age=300"},
			contains: []string{"e.origin !== origin", "contentWindow === e.source"}},
		{name: "unknown asset", target: "/assets/box.0000000000.css", status: 404},
		{name: "unknown article", target: "/articles/khong-co-bai-nay", status: 404, ctype: html, header: map[string]string{"Cache-Control": "no-store"},
			contains: []string{"Không tìm thấy trang"}},
		{name: "unknown article in English", target: "/articles/khong-co-bai-nay?lang=en", status: 404, ctype: html, contains: []string{"Page not found"}},
		{name: "unknown category", target: "/categories/khong-co", status: 404, ctype: html},
		{name: "unknown tag", target: "/tags/khong-co", status: 404, ctype: html},
		{name: "unknown route", target: "/khong-co", status: 404, ctype: html},
		{name: "unknown api article", target: "/api/articles/khong-co", status: 404, ctype: jsonT, header: withCORS,
			contains: []string{`{"error":{"code":"not_found","message":"not found"}}`}},
		{name: "unknown api route", target: "/api/khong-co", status: 404, ctype: jsonT},
		{name: "draft is not found", target: "/articles/nhap", status: 404},
		{name: "scheduled is not found yet", target: "/articles/hen-gio", status: 404},
		{name: "scheduled not in api", target: "/api/articles/hen-gio", status: 404},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var hdr []string
			if strings.Contains(tc.name, "English") && !strings.Contains(tc.target, "lang=") {
				hdr = []string{"Accept-Language", "en-GB,en;q=0.9"}
			}
			res, body := get(t, s.h, tc.target, hdr...)
			if res.StatusCode != tc.status {
				t.Fatalf("GET %s: status %d, want %d\n%s", tc.target, res.StatusCode, tc.status, body)
			}
			if tc.ctype != "" && res.Header.Get("Content-Type") != tc.ctype {
				t.Errorf("GET %s: Content-Type %q, want %q", tc.target, res.Header.Get("Content-Type"), tc.ctype)
			}
			for k, v := range tc.header {
				if got := res.Header.Get(k); got != v {
					t.Errorf("GET %s: %s = %q, want %q", tc.target, k, got, v)
				}
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("GET %s: no X-Content-Type-Options: nosniff", tc.target)
			}
			if res.Header.Get("X-Frame-Options") != "" {
				t.Errorf("GET %s: X-Frame-Options sent", tc.target)
			}
			mustContain(t, "GET "+tc.target, body, tc.contains...)
			mustNotContain(t, "GET "+tc.target, body, tc.excludes...)
		})
	}
}

// TestOldSlug checks that an article's old slug answers 301 to its current
// URL on the page, and the article itself in the API.
func TestOldSlug(t *testing.T) {
	s := newNewsSite(t, nil)
	res, _ := get(t, s.h, "/articles/nha-giao")
	if res.StatusCode != http.StatusMovedPermanently {
		t.Fatalf("GET /articles/nha-giao: status %d, want 301", res.StatusCode)
	}
	if got, want := res.Header.Get("Location"), testBase+"articles/hop-mat-nha-giao-20-11"; got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
	res, _ = get(t, s.h, "/articles/nha-giao?lang=en")
	if got, want := res.Header.Get("Location"), testBase+"articles/hop-mat-nha-giao-20-11?lang=en"; got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
	res, body := get(t, s.h, "/api/articles/nha-giao")
	if res.StatusCode != 200 || !strings.Contains(body, `"slug":"hop-mat-nha-giao-20-11"`) {
		t.Errorf("GET /api/articles/nha-giao: %d %s", res.StatusCode, body)
	}
}

// TestPagination follows next links through the index until the end: every
// public article once, none twice, no draft or scheduled one.
func TestPagination(t *testing.T) {
	s := newNewsSite(t, nil)
	seen := map[string]bool{}
	next := "/api/articles?limit=4"
	for pages := 0; next != ""; pages++ {
		if pages > 10 {
			t.Fatal("more pages than articles")
		}
		res, body := get(t, s.h, next)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", next, res.StatusCode, body)
		}
		var page struct {
			Articles []struct{ Slug string }
			Next     *string `json:"next_cursor"`
		}
		if err := json.Unmarshal([]byte(body), &page); err != nil {
			t.Fatal(err)
		}
		for _, a := range page.Articles {
			if seen[a.Slug] {
				t.Errorf("%s listed twice", a.Slug)
			}
			seen[a.Slug] = true
		}
		next = ""
		if page.Next != nil {
			next = "/api/articles?limit=4&cursor=" + *page.Next
		}
	}
	// 7 named articles and 11 of the 12 monthly ones; the December one is
	// after the clock, like hen-gio.
	if len(seen) != 18 || seen["nhap"] || seen["hen-gio"] || seen["cu-11"] {
		t.Errorf("listed %d articles (%v), want the 18 public ones", len(seen), seen)
	}
	// The HTML index paginates the same way.
	_, body := get(t, s.h, "/")
	m := regexp.MustCompile(`href="https://skhcn\.example\.gov\.vn/tin-tuc/\?cursor=([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("index has no next link")
	}
	res, body := get(t, s.h, "/?cursor="+m[1])
	if res.StatusCode != 200 || strings.Contains(body, "Tin nổi bật") || !strings.Contains(body, "Chi bộ Văn phòng sinh hoạt") {
		t.Errorf("second index page: %d, want the older articles without the featured block", res.StatusCode)
	}
}

// TestAPIShapes checks the JSON API field by field against the documented
// shapes.
func TestAPIShapes(t *testing.T) {
	s := newNewsSite(t, nil)
	keys := func(m map[string]any) string {
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return strings.Join(ks, ",")
	}
	const listKeys = "author,category,cover,id,lang,published_at,slug,summary,tags,title,updated_at,url"
	_, body := get(t, s.h, "/api/articles?category=chi-bo-doan-the&limit=1")
	var list map[string]any
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatal(err)
	}
	if got := keys(list); got != "articles,next_cursor" {
		t.Errorf("list keys = %s", got)
	}
	a := list["articles"].([]any)[0].(map[string]any)
	if got := keys(a); got != listKeys {
		t.Errorf("article keys = %s, want %s", got, listKeys)
	}
	if got := keys(a["category"].(map[string]any)); got != "name,slug" {
		t.Errorf("category keys = %s", got)
	}
	if got := keys(a["cover"].(map[string]any)); got != "alt,caption,height,url,width" {
		t.Errorf("cover keys = %s", got)
	}
	if a["published_at"] != "2022-11-28T09:00:00+07:00" || a["url"] != testBase+"articles/dai-hoi" {
		t.Errorf("published_at %v, url %v", a["published_at"], a["url"])
	}

	_, body = get(t, s.h, "/api/articles/dai-hoi")
	var one map[string]any
	if err := json.Unmarshal([]byte(body), &one); err != nil {
		t.Fatal(err)
	}
	if got, want := keys(one), "author,body_html,category,cover,id,lang,next,prev,published_at,related,same_category,slug,summary,tags,title,updated_at,url"; got != want {
		t.Errorf("article keys = %s, want %s", got, want)
	}
	rel := one["related"].([]any)
	if len(rel) == 0 {
		t.Fatal("no related articles")
	}
	r0 := rel[0].(map[string]any)
	if got := keys(r0["why"].(map[string]any)); got != "fallback,same_category,tags,words" {
		t.Errorf("why keys = %s", got)
	}
	if _, ok := r0["score"].(float64); !ok {
		t.Errorf("related has no score")
	}
	if one["next"] != nil || one["prev"].(map[string]any)["slug"] != "sinh-hoat" {
		t.Errorf("prev %v, next %v", one["prev"], one["next"])
	}
	if !strings.Contains(one["body_html"].(string), `src="https://skhcn.example.gov.vn/uploads/dai-hoi-2.jpg"`) {
		t.Errorf("body_html links are not absolute: %s", one["body_html"])
	}

	_, body = get(t, s.h, "/api/articles?exclude=dai-hoi&category=chi-bo-doan-the")
	if strings.Contains(body, `"slug":"dai-hoi"`) || !strings.Contains(body, `"slug":"sinh-hoat"`) {
		t.Errorf("exclude=dai-hoi: %s", body)
	}
	_, body = get(t, s.h, "/api/articles?q=%C4%90%E1%BA%A0I+H%E1%BB%98I")
	if !strings.Contains(body, `"slug":"dai-hoi"`) {
		t.Errorf("q=ĐẠI HỘI does not find dai-hoi: %s", body)
	}
}

// TestPreflight checks the CORS preflight of the JSON API.
func TestPreflight(t *testing.T) {
	s := newNewsSite(t, nil)
	for _, target := range []string{"/api/articles", "/api/articles/dai-hoi", "/api/categories"} {
		res, _ := do(t, s.h, http.MethodOptions, target, "Origin", "https://portal.example.vn", "Access-Control-Request-Method", "GET")
		if res.StatusCode != http.StatusNoContent {
			t.Errorf("OPTIONS %s: status %d, want 204", target, res.StatusCode)
		}
		if res.Header.Get("Access-Control-Allow-Origin") != "*" || res.Header.Get("Access-Control-Allow-Credentials") != "" ||
			!strings.Contains(res.Header.Get("Access-Control-Allow-Methods"), "GET") {
			t.Errorf("OPTIONS %s: headers %v", target, res.Header)
		}
	}
}

// TestMethods checks 405 with Allow for known paths and other methods.
func TestMethods(t *testing.T) {
	s := newNewsSite(t, nil)
	tests := []struct{ method, target, allow, ctype string }{
		{"POST", "/api/articles", "GET, HEAD, OPTIONS", "application/json; charset=utf-8"},
		{"DELETE", "/api/articles/dai-hoi", "GET, HEAD, OPTIONS", "application/json; charset=utf-8"},
		{"PUT", "/articles/dai-hoi", "GET, HEAD", "text/html; charset=utf-8"},
		{"POST", "/", "GET, HEAD", "text/html; charset=utf-8"},
		{"POST", "/widget.js", "GET, HEAD", "text/html; charset=utf-8"},
		{"PATCH", "/feed.rss", "GET, HEAD", "text/html; charset=utf-8"},
	}
	for _, tc := range tests {
		res, body := do(t, s.h, tc.method, tc.target)
		if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != tc.allow || res.Header.Get("Content-Type") != tc.ctype {
			t.Errorf("%s %s: %d Allow %q %s, want 405 Allow %q %s\n%s", tc.method, tc.target, res.StatusCode,
				res.Header.Get("Allow"), res.Header.Get("Content-Type"), tc.allow, tc.ctype, body)
		}
	}
	res, body := do(t, s.h, http.MethodHead, "/articles/dai-hoi")
	if res.StatusCode != 200 || body != "" || res.Header.Get("Etag") == "" {
		t.Errorf("HEAD /articles/dai-hoi: %d, %d bytes, ETag %q", res.StatusCode, len(body), res.Header.Get("Etag"))
	}
}

// TestConditional checks ETag and 304 on every cached kind, and that a
// write or the clock passing a scheduled article's time changes the ETag.
func TestConditional(t *testing.T) {
	s := newNewsSite(t, nil)
	targets := []string{"/", "/articles/dai-hoi", "/categories/hoat-dong", "/api/articles", "/api/articles/dai-hoi",
		"/api/categories", "/fragment", "/embed?theme=dark", "/widget.js", "/embed-parent.js"}
	etags := map[string]string{}
	for _, target := range targets {
		res, _ := get(t, s.h, target)
		etag := res.Header.Get("Etag")
		if res.StatusCode != 200 || !strings.HasPrefix(etag, `"`) {
			t.Fatalf("GET %s: %d ETag %q", target, res.StatusCode, etag)
		}
		etags[target] = etag
		res, body := get(t, s.h, target, "If-None-Match", `"other", `+etag)
		if res.StatusCode != http.StatusNotModified || body != "" {
			t.Errorf("GET %s If-None-Match %s: %d, want 304", target, etag, res.StatusCode)
		}
		if res.Header.Get("Etag") != etag || res.Header.Get("Cache-Control") == "" {
			t.Errorf("304 of %s: ETag %q Cache-Control %q", target, res.Header.Get("Etag"), res.Header.Get("Cache-Control"))
		}
	}
	// The language is part of the key.
	res, _ := get(t, s.h, "/articles/dai-hoi?lang=en")
	if res.Header.Get("Etag") == etags["/articles/dai-hoi"] {
		t.Error("the English page has the Vietnamese page's ETag")
	}
	// The scheduled article falls due: the box renews, with no write.
	_, before := get(t, s.h, "/fragment?category=chi-bo-doan-the")
	if strings.Contains(before, "Tin hẹn giờ") {
		t.Fatal("scheduled article shown before its time")
	}
	s.clock.Set(time.Date(2022, 12, 5, 1, 0, 0, 0, time.UTC))
	res, after := get(t, s.h, "/fragment?category=chi-bo-doan-the")
	if !strings.Contains(after, "Tin hẹn giờ đăng ngày 05/12") {
		t.Errorf("scheduled article not shown after its time:\n%s", after)
	}
	res2, _ := get(t, s.h, "/articles/dai-hoi", "If-None-Match", etags["/articles/dai-hoi"])
	if res2.StatusCode != 200 {
		t.Errorf("after the epoch, the old ETag still gives %d", res2.StatusCode)
	}
	// A write renews everything.
	if _, err := s.svc.Unpublish(context.Background(), s.arts["dai-hoi"].ID); err != nil {
		t.Fatal(err)
	}
	res3, body := get(t, s.h, "/fragment?category=chi-bo-doan-the", "If-None-Match", res.Header.Get("Etag"))
	if res3.StatusCode != 200 || strings.Contains(body, "Đại hội Chi bộ") {
		t.Errorf("after unpublishing: %d, article still shown: %v", res3.StatusCode, strings.Contains(body, "Đại hội Chi bộ"))
	}
	res4, _ := get(t, s.h, "/articles/dai-hoi")
	if res4.StatusCode != 404 {
		t.Errorf("unpublished article page: %d, want 404", res4.StatusCode)
	}
}

// TestEmbedHeaders checks /embed's Content-Security-Policy.
func TestEmbedHeaders(t *testing.T) {
	for _, tc := range []struct {
		name      string
		ancestors []string
		want      string
	}{
		{"default any", nil, "frame-ancestors *"},
		{"allow-list", []string{"https://portal.example.gov.vn", "'self'"}, "frame-ancestors https://portal.example.gov.vn 'self'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newNewsSite(t, &widget.Options{FrameAncestors: tc.ancestors})
			res, body := get(t, s.h, "/embed")
			csp := res.Header.Get("Content-Security-Policy")
			if !strings.HasSuffix(csp, tc.want) {
				t.Errorf("CSP %q does not end with %q", csp, tc.want)
			}
			for _, bad := range []string{"unsafe-inline", "unsafe-eval"} {
				if strings.Contains(csp, bad) {
					t.Errorf("CSP %q allows %s", csp, bad)
				}
			}
			mustContain(t, "CSP", csp, "default-src 'none'", "script-src 'self' "+testBase+"assets/", "style-src 'self' "+testBase+"assets/", "base-uri 'none'")
			if res.Header.Get("X-Frame-Options") != "" {
				t.Error("X-Frame-Options sent")
			}
			// Nothing inline for the CSP to block.
			mustNotContain(t, "/embed", body, "<script>", "<style", "style=", " on")
		})
	}
	defer func() {
		if recover() == nil {
			t.Error("New with FrameAncestors containing ';' did not panic")
		}
	}()
	widget.New(newNewsSite(t, nil).pub, &widget.Options{FrameAncestors: []string{"https://a.example; script-src *"}})
}

// TestAssets checks the hashed assets: long immutable caching, gzip, CORS.
func TestAssets(t *testing.T) {
	s := newNewsSite(t, nil)
	_, page := get(t, s.h, "/articles/dai-hoi")
	_, frag := get(t, s.h, "/fragment")
	_, emb := get(t, s.h, "/embed")
	re := regexp.MustCompile(`https://skhcn\.example\.gov\.vn/tin-tuc/(assets/[a-z]+\.[0-9a-f]{10}\.(?:css|js))`)
	var urls []string
	for _, b := range []string{page, frag, emb} {
		for _, m := range re.FindAllStringSubmatch(b, -1) {
			urls = append(urls, "/"+m[1])
		}
	}
	if len(urls) < 4 {
		t.Fatalf("found asset URLs %v, want the page and box stylesheets and the embed script", urls)
	}
	for _, u := range urls {
		res, body := get(t, s.h, u)
		if res.StatusCode != 200 || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
			res.Header.Get("Cross-Origin-Resource-Policy") != "cross-origin" || res.Header.Get("Access-Control-Allow-Origin") != "*" || len(body) == 0 {
			t.Errorf("GET %s: %d %v", u, res.StatusCode, res.Header)
		}
		res, gz := get(t, s.h, u, "Accept-Encoding", "gzip")
		if len(body) <= 1024 { // too small for gzip to be worth it
			continue
		}
		if res.Header.Get("Content-Encoding") != "gzip" || len(gz) >= len(body) || res.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("GET %s with gzip: encoding %q, %d bytes of %d", u, res.Header.Get("Content-Encoding"), len(gz), len(body))
		}
	}
	// widget.js points at the box stylesheet under its hashed name.
	_, js := get(t, s.h, "/widget.js")
	m := regexp.MustCompile(`"(assets/box\.[0-9a-f]{10}\.css)"`).FindStringSubmatch(js)
	if m == nil {
		t.Fatal("widget.js names no hashed stylesheet")
	}
	if res, _ := get(t, s.h, "/"+m[1]); res.StatusCode != 200 {
		t.Errorf("widget.js's stylesheet %s: %d", m[1], res.StatusCode)
	}
}

// TestJSONLD checks that an article whose every field is an XSS payload
// is escaped everywhere, JSON-LD included.
func TestJSONLD(t *testing.T) {
	s := newNewsSite(t, nil)
	slug := s.arts["xss"].Slug
	_, page := get(t, s.h, "/articles/"+slug)
	if n := strings.Count(page, "<script"); n != 2 {
		t.Errorf("article page has %d <script elements, want only the two JSON-LD blocks", n)
	}
	blocks := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindAllStringSubmatch(page, -1)
	if len(blocks) != 2 {
		t.Fatalf("%d JSON-LD blocks, want the NewsArticle and the BreadcrumbList", len(blocks))
	}
	for i, m := range blocks {
		var ld map[string]any
		if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
			t.Fatalf("JSON-LD %d does not parse: %v\n%s", i, err, m[1])
		}
		if i == 0 && ld["headline"] != xssTitle {
			t.Errorf("JSON-LD headline = %q, want %q", ld["headline"], xssTitle)
		}
		mustNotContain(t, "JSON-LD", m[1], "</script", "<script", "<img")
	}
	for _, target := range []string{"/articles/" + slug, "/categories/thong-bao", "/search?q=thong+bao", "/fragment?category=thong-bao&show=date,summary,image", "/embed?category=thong-bao&show=summary,image"} {
		_, body := get(t, s.h, target)
		mustNotContain(t, target, body, "<script>alert", "<img src=x", `href="javascript`, `"><script`, "</figcaption><script")
		if !strings.Contains(strings.ReplaceAll(strings.ReplaceAll(body, "<mark>", ""), "</mark>", ""), "Thông báo &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s does not show the escaped title", target)
		}
	}
	_, api := get(t, s.h, "/api/articles/"+slug)
	mustNotContain(t, "API", api, "<script", "</script")
}

// TestBox checks Handler.Box: the same bytes as /fragment, and its errors.
func TestBox(t *testing.T) {
	s := newNewsSite(t, nil)
	ctx := context.Background()
	got, err := s.h.Box(ctx, widget.BoxParams{Category: "hoat-dong", Limit: 3, Layout: "cards", Show: []string{"image", "summary"}})
	if err != nil {
		t.Fatal(err)
	}
	_, frag := get(t, s.h, "/fragment?category=hoat-dong&limit=3&layout=cards&show=image,summary")
	if string(got) != frag {
		t.Errorf("Box and /fragment differ:\n%s\n---\n%s", got, frag)
	}
	if strings.Contains(string(got), "news-box__date") {
		t.Error("show without date still shows dates")
	}
	_, excl := get(t, s.h, "/fragment?category=hoat-dong&exclude=dai-hoi")
	if strings.Contains(excl, "articles/dai-hoi\"") {
		t.Error("exclude=dai-hoi still lists dai-hoi")
	}
	for _, p := range []widget.BoxParams{
		{Limit: 21}, {Limit: -1}, {Layout: "grid"}, {Theme: "blue"}, {Lang: "fr"}, {Category: "Khong Co"},
		{Category: "khong-co"}, {Show: []string{"title"}}, {Tag: strings.Repeat("x", 65)},
	} {
		if _, err := s.h.Box(ctx, p); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("Box(%+v) error = %v, want one wrapping news.ErrInvalid", p, err)
		}
	}
}

// TestMount checks the handler mounted under a prefix with
// http.StripPrefix in a ServeMux, and with chi's Mount, which leaves the
// prefix in the path: the handler strips its BaseURL's path.
func TestMount(t *testing.T) {
	s := newNewsSite(t, nil)
	const site = "https://skhcn.example.gov.vn"
	handler := func(prefix string) http.Handler {
		return widget.New(s.pub, &widget.Options{BaseURL: site + prefix + "/", Location: ict, PageSize: 5})
	}
	mux := http.NewServeMux()
	mux.Handle("/tin-tuc/", http.StripPrefix("/tin-tuc", handler("/tin-tuc")))
	r := chi.NewRouter()
	r.Mount("/tin-tuc", handler("/tin-tuc"))
	nested := chi.NewRouter()
	nested.Route("/cong", func(sub chi.Router) { sub.Mount("/tin-tuc", handler("/cong/tin-tuc")) })
	// A prefix that is also a route of the handler: /api/articles is the
	// API under StripPrefix, the article page under chi's Mount.
	muxAPI := http.NewServeMux()
	muxAPI.Handle("/api/", http.StripPrefix("/api", handler("/api")))
	chiAPI := chi.NewRouter()
	chiAPI.Mount("/api", handler("/api"))
	for _, tc := range []struct {
		name, prefix string
		h            http.Handler
	}{
		{"ServeMux+StripPrefix", "/tin-tuc", mux}, {"chi Mount", "/tin-tuc", r}, {"nested chi Mount", "/cong/tin-tuc", nested},
		{"ServeMux+StripPrefix at a route's name", "/api", muxAPI}, {"chi Mount at a route's name", "/api", chiAPI},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.h)
			defer srv.Close()
			client := srv.Client()
			client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
			for _, c := range []struct {
				path   string
				status int
				want   string
			}{
				{"/", 200, "Tin nổi bật"}, {"/articles/dai-hoi", 200, "Tin tức khác cùng chuyên mục"},
				{"/articles/nha-giao", 301, ""}, {"/categories/chi-bo-doan-the", 200, "Đại hội Chi bộ"},
				{"/tags/dai-hoi", 200, "Đại hội Chi bộ"}, {"/search?q=tap+huan", 200, "<mark>Tập</mark> <mark>huấn</mark> sở hữu trí tuệ"},
				{"/api/articles?limit=1", 200, `"slug":"dai-hoi"`}, {"/api/articles/dai-hoi", 200, `"body_html"`},
				{"/api/categories", 200, `"hoat-dong"`}, {"/fragment", 200, "news-box"}, {"/embed", 200, "news-embed"},
				{"/widget.js", 200, "news-widget"}, {"/feed.atom", 200, "<feed"}, {"/categories/hoat-dong/feed.rss", 200, "<rss"},
				{"/khong-co", 404, "Không tìm thấy trang"}, {"/api/articles/khong-co", 404, `"not_found"`},
			} {
				res, err := client.Get(srv.URL + tc.prefix + c.path)
				if err != nil {
					t.Fatal(err)
				}
				b := new(strings.Builder)
				_, _ = io.Copy(b, res.Body)
				res.Body.Close()
				if res.StatusCode != c.status || !strings.Contains(b.String(), c.want) {
					t.Errorf("GET %s%s: %d, want %d with %q", tc.prefix, c.path, res.StatusCode, c.status, c.want)
				}
				if c.status == 301 && res.Header.Get("Location") != site+tc.prefix+"/articles/hop-mat-nha-giao-20-11" {
					t.Errorf("Location = %q", res.Header.Get("Location"))
				}
			}
		})
	}
}

// TestTemplateOverride checks that a file in Options.Templates replaces the
// embedded one of the same name.
func TestTemplateOverride(t *testing.T) {
	fsys := fstest.MapFS{"layout.html": {Data: []byte(`{{define "layout"}}<!doctype html><html lang="{{.Lang}}"><title>{{.Title}}</title>` +
		`<header>Cổng thông tin tỉnh</header>{{template "content" .}}</html>{{end}}{{define "head"}}{{end}}{{define "header"}}{{end}}{{define "footer"}}{{end}}`)}}
	s := newNewsSite(t, &widget.Options{Templates: fsys})
	_, body := get(t, s.h, "/articles/dai-hoi")
	mustContain(t, "overridden page", body, "<header>Cổng thông tin tỉnh</header>", `<h1 class="article__title">`)
	mustNotContain(t, "overridden page", body, "site-header")
	defer func() {
		if recover() == nil {
			t.Error("New with a broken template did not panic")
		}
	}()
	widget.New(s.pub, &widget.Options{Templates: fstest.MapFS{"box.html": {Data: []byte(`{{define "box"}}{{.Nope`)}}})
}

// TestNotFoundLanguage checks that error pages follow the request's
// language: the lang parameter, else the site's language, else (with
// Options.AcceptLanguage) the browser's.
func TestNotFoundLanguage(t *testing.T) {
	site := newNewsSite(t, nil)
	negotiating := newNewsSite(t, &widget.Options{AcceptLanguage: true})
	for _, tc := range []struct {
		s                    *newsSite
		target, accept, want string
	}{
		{site, "/articles/khong-co", "", "Không tìm thấy trang"},
		{site, "/articles/khong-co", "en-US,en;q=0.8", "Không tìm thấy trang"},
		{site, "/articles/khong-co?lang=en", "vi-VN", "Page not found"},
		{negotiating, "/articles/khong-co", "en-US,en;q=0.8", "Page not found"},
		{negotiating, "/articles/khong-co?lang=vi", "en-US", "Không tìm thấy trang"},
		{negotiating, "/khong-co/gi", "fr-FR, en;q=0.5", "Page not found"},
		{negotiating, "/articles/khong-co", "vi-VN", "Không tìm thấy trang"},
	} {
		res, body := get(t, tc.s.h, tc.target, "Accept-Language", tc.accept)
		if res.StatusCode != 404 || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s (Accept-Language %q): %d, want 404 with %q", tc.target, tc.accept, res.StatusCode, tc.want)
		}
	}
}

// TestTailRoutes checks that a route ending in a wildcard answers the same
// whether its path has escaped letters or not, and takes no path with a
// further segment.
func TestTailRoutes(t *testing.T) {
	s := newNewsSite(t, nil)
	get := func(target string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		s.h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		return w
	}
	for _, tc := range []struct {
		plain, escaped string
		status         int
	}{
		{"/articles/dai-hoi", "/articles/%64ai-hoi", 200},
		{"/articles/nha-giao", "/articles/%6Eha-giao", 301},
		{"/articles/khong-co", "/articles/%6Bhong-co", 404},
		{"/categories/hoat-dong", "/categories/%68oat-dong", 200},
		{"/tags/dang-bo", "/tags/%64ang-bo", 200},
		{"/api/articles/dai-hoi", "/api/articles/%64ai-hoi", 200},
		{"/assets/box.0000000000.css", "/assets/%62ox.0000000000.css", 404},
		{"/categories/hoat-dong/feed.rss", "/categories/%68oat-dong/feed.rss", 200},
		{"/articles/dai-hoi/extra", "/articles/%64ai-hoi/extra", 404},
	} {
		plain, escaped := get(tc.plain), get(tc.escaped)
		if plain.Code != tc.status {
			t.Errorf("GET %s = %d, want %d", tc.plain, plain.Code, tc.status)
		}
		if escaped.Code != plain.Code || escaped.Body.String() != plain.Body.String() ||
			escaped.Header().Get("Content-Type") != plain.Header().Get("Content-Type") ||
			escaped.Header().Get("Location") != plain.Header().Get("Location") {
			t.Errorf("GET %s = %d %q, GET %s = %d %q: want the same answer",
				tc.plain, plain.Code, plain.Header().Get("Content-Type"), tc.escaped, escaped.Code, escaped.Header().Get("Content-Type"))
		}
	}
}

// discardWriter is a ResponseWriter that keeps its header map between
// requests and drops the body, so that a test can count what a handler
// itself allocates.
type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(code int)        { w.code = code }

// TestCachedAllocs checks that a cached answer is served, not rendered
// again: a hit costs the lookups of the route, the parameters, the state
// and the cache (a few dozen allocations at most), while a render costs
// hundreds.
func TestCachedAllocs(t *testing.T) {
	s := newNewsSite(t, nil)
	for _, target := range []string{
		"/", "/articles/dai-hoi", "/categories/hoat-dong", "/tags/dang-bo",
		"/embed", "/fragment", "/api/articles", "/api/articles/dai-hoi", "/api/box", "/feed.rss",
		"/search?q=dai+hoi+chi+bo+chuyen+nganh+nhiem+ky",
	} {
		r := httptest.NewRequest("GET", target, nil)
		w := &discardWriter{h: make(http.Header)}
		s.h.ServeHTTP(w, r) // fills the cache
		require.Equal(t, http.StatusOK, w.code, "GET %s", target)
		allocs := testing.AllocsPerRun(100, func() {
			clear(w.h)
			s.h.ServeHTTP(w, r)
		})
		assert.LessOrEqual(t, allocs, 40.0, "GET %s from the cache", target)
	}
}
