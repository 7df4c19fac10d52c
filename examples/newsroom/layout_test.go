package main

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// TestSiteFrame checks that the news section is part of the department's
// site (its header, its menu with a link home, its footer) and that a path
// the site does not have answers a 404 page in the same frame, not Go's
// plain text.
func TestSiteFrame(t *testing.T) {
	a := startApp(t, "-db", "memory")
	arts := allArticles(t, a.store, news.Query{Limit: 1})
	require.NotEmpty(t, arts)
	var slug string
	for _, x := range arts {
		if x.Visible(a.now()) {
			slug = x.Slug
			break
		}
	}
	require.NotEmpty(t, slug)
	frame := []string{`<header class="masthead">`, `<li><a href="` + a.siteURL + `"`, `<footer class="footer">`,
		`<link rel="stylesheet" href="` + a.siteURL + `static/site.css">`}
	for _, tc := range []struct {
		name, path string
		status     int
		contains   []string
	}{
		{"news index", "news/", http.StatusOK, []string{`<a href="` + a.siteURL + `news/" aria-current="page">Tin tức</a>`, `<main id="main" class="site-main"`}},
		{"article", "news/articles/" + slug, http.StatusOK, []string{`<h1 class="article__title">`, `<p class="masthead__name"><a href="` + a.siteURL + `">`}},
		{"news 404", "news/articles/khong-co-bai-nay", http.StatusNotFound, []string{"Không tìm thấy trang"}},
		{"site 404", "gioi-thieu/lich-su", http.StatusNotFound, []string{"<h1>Không tìm thấy trang</h1>", `action="` + a.siteURL + `news/search"`, `<a href="` + a.siteURL + `news/">Xem tin tức</a>`}},
		{"home", "", http.StatusOK, []string{`<h1 class="masthead__name">`, `<a href="` + a.siteURL + `" aria-current="page">Trang chủ</a>`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := get(t, a.siteURL+tc.path)
			require.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
			assert.NotEmpty(t, res.Header.Get("Content-Security-Policy"))
			for _, w := range append(frame, tc.contains...) {
				assert.Contains(t, body, w)
			}
		})
	}
}
