package widget_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/widget"
)

// TestSharedLinks checks that a page opens from a link pasted into Zalo or
// Facebook or bookmarked from an old portal: parameters a page does not
// know are ignored (same ETag, canonical link without them), while the
// JSON API and the feeds stay strict.
func TestSharedLinks(t *testing.T) {
	s := newNewsSite(t, nil)
	const junk = "ref=zalo&page=2&amp=1&share=1"
	for _, tc := range []struct {
		name, path, canonical string
	}{
		{"index", "/", testBase},
		{"category", "/categories/hoat-dong", testBase + "categories/hoat-dong"},
		{"tag", "/tags/dai-hoi", testBase + "tags/dai-hoi"},
		{"search", "/search?q=hoi+nghi", ""},
		{"article", "/articles/dai-hoi", testBase + "articles/dai-hoi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain, _ := get(t, s.h, tc.path)
			require.Equal(t, http.StatusOK, plain.StatusCode)
			sep := "?"
			if tc.path == "/search?q=hoi+nghi" {
				sep = "&"
			}
			res, body := get(t, s.h, tc.path+sep+junk)
			require.Equal(t, http.StatusOK, res.StatusCode, "GET %s%s%s", tc.path, sep, junk)
			assert.Equal(t, plain.Header.Get("Etag"), res.Header.Get("Etag"), "the ETag of the link without unknown parameters")
			if tc.canonical != "" {
				assert.Contains(t, body, `<link rel="canonical" href="`+tc.canonical+`">`)
			}
		})
	}
	for _, strict := range []string{"/api/articles?ref=zalo", "/api/articles/dai-hoi?share=1", "/embed?amp=1", "/feed.rss?page=2"} {
		res, _ := get(t, s.h, strict)
		assert.Equal(t, http.StatusBadRequest, res.StatusCode, "GET %s", strict)
	}
}

// TestSlugCase checks that an upper- or mixed-case slug answers 301 to the
// lower-case URL, keeping the page's own parameters, and that what no case
// change makes a slug stays 404.
func TestSlugCase(t *testing.T) {
	s := newNewsSite(t, nil)
	for _, tc := range []struct {
		path, want string
		status     int
	}{
		{"/articles/Dai-Hoi", testBase + "articles/dai-hoi", http.StatusMovedPermanently},
		{"/articles/DAI-HOI?lang=en&ref=zalo", testBase + "articles/dai-hoi?lang=en", http.StatusMovedPermanently},
		{"/categories/Hoat-Dong?cursor=", testBase + "categories/hoat-dong", http.StatusMovedPermanently},
		{"/categories/THONG-BAO?lang=vi", testBase + "categories/thong-bao?lang=vi", http.StatusMovedPermanently},
		{"/tags/Dai-Hoi", testBase + "tags/dai-hoi", http.StatusMovedPermanently},
		{"/articles/Dai_Hoi", "", http.StatusNotFound},
		{"/tags/%C4%90ai-hoi", "", http.StatusNotFound},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res, _ := get(t, s.h, tc.path)
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, tc.want, res.Header.Get("Location"))
		})
	}
}

// TestOneLanguage checks that the news section speaks the site's language
// whatever the browser's, unless the site opts in to Accept-Language; that
// the reader's choice (?lang= or the language link) is kept in the page's
// links; and that every article, card and box item carries the language of
// its article.
func TestOneLanguage(t *testing.T) {
	s := newNewsSite(t, nil)
	ctx := context.Background()
	d, err := s.svc.CreateDraft(ctx, news.ArticleInput{Slug: "cooperation", Lang: "en", Title: "Cooperation with Korean research institutes",
		BodyHTML: "<p>The department signed a memorandum on technology transfer.</p>", CategoryID: s.cats["hoat-dong"].ID})
	require.NoError(t, err)
	_, err = s.svc.Schedule(ctx, d.ID, time.Date(2022, 11, 29, 9, 0, 0, 0, ict))
	require.NoError(t, err)
	en := newNewsSite(t, &widget.Options{Lang: "en"})
	negotiating := newNewsSite(t, &widget.Options{AcceptLanguage: true})
	enBrowser := []string{"Accept-Language", "en-GB,en;q=0.9"}

	for _, tc := range []struct {
		name     string
		h        http.Handler
		target   string
		header   []string
		vary     bool
		contains []string
		excludes []string
	}{
		{name: "an English browser gets the site's language", h: s.h, target: "/", header: enBrowser, contains: []string{
			`<html lang="vi">`, "Tin mới nhất", `href="` + testBase + `categories/hoat-dong"`,
			`<a class="lang-link" href="` + testBase + `?lang=en" hreflang="en" lang="en">English</a>`,
		}, excludes: []string{"Latest news", `name="lang"`}},
		{name: "lang=en is kept in links", h: s.h, target: "/?lang=en", contains: []string{
			`<html lang="en">`, "Latest news", `<a class="site-name" href="` + testBase + `?lang=en">`,
			`href="` + testBase + `categories/hoat-dong?lang=en"`, `href="` + testBase + `articles/dai-hoi?lang=en"`,
			`<input type="hidden" name="lang" value="en">`, `?cursor=`, `&amp;lang=en" rel="next"`,
			`<a class="lang-link" href="` + testBase + `" hreflang="vi" lang="vi">Tiếng Việt</a>`,
			`<link rel="canonical" href="` + testBase + `">`,
		}},
		{name: "a category in English", h: s.h, target: "/categories/hoat-dong?lang=en", contains: []string{
			`<a href="` + testBase + `?lang=en">News</a>`, `href="` + testBase + `categories/chi-bo-doan-the?lang=en"`,
			`<a class="lang-link" href="` + testBase + `categories/hoat-dong" hreflang="vi"`,
		}},
		{name: "search keeps the language", h: s.h, target: "/search?q=hoi&lang=en", contains: []string{
			`<a class="lang-link" href="` + testBase + `search?q=hoi" hreflang="vi"`, `<input type="hidden" name="lang" value="en">`,
		}},
		{name: "an English article in a Vietnamese page", h: s.h, target: "/articles/cooperation", contains: []string{
			`<html lang="vi">`, `<article class="article" lang="en">`, "Thứ Ba, 29/11/2022", `<li lang="vi"><a href="` + testBase + `articles/dai-hoi">`,
		}},
		{name: "Vietnamese cards in an English page", h: s.h, target: "/categories/hoat-dong?lang=en", contains: []string{
			`<html lang="en">`, `<article class="card card--featured" lang="vi">`, `<article class="card" lang="en">`,
		}},
		{name: "a Vietnamese article in an English page", h: s.h, target: "/articles/dai-hoi?lang=en", contains: []string{
			`<html lang="en">`, `<article class="article" lang="vi">`, `<span lang="vi">Chi bộ Văn phòng sinh hoạt`,
			`<a class="lang-link" href="` + testBase + `articles/dai-hoi" hreflang="vi"`,
		}},
		{name: "box items", h: s.h, target: "/fragment?lang=en&category=hoat-dong", contains: []string{
			`<section class="news-box news-box--list news-theme-light" lang="en"`, `<li class="news-box__item" lang="en">`, `<li class="news-box__item" lang="vi">`,
		}},
		{name: "an English site", h: en.h, target: "/", header: []string{"Accept-Language", "vi-VN"}, contains: []string{
			`<html lang="en">`, `href="` + testBase + `categories/hoat-dong"`, `href="` + testBase + `?lang=vi" hreflang="vi"`,
		}},
		{name: "an English site in Vietnamese", h: en.h, target: "/?lang=vi", contains: []string{
			`<html lang="vi">`, `href="` + testBase + `categories/hoat-dong?lang=vi"`,
		}},
		{name: "opted in to Accept-Language", h: negotiating.h, target: "/", header: enBrowser, vary: true, contains: []string{
			`<html lang="en">`, "Latest news", `href="` + testBase + `?lang=vi" hreflang="vi"`,
		}},
		{name: "opted in, with a choice", h: negotiating.h, target: "/?lang=vi", header: enBrowser, vary: true, contains: []string{
			`<html lang="vi">`, `href="` + testBase + `categories/hoat-dong?lang=vi"`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := get(t, tc.h, tc.target, tc.header...)
			require.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, tc.vary, strings.Contains(res.Header.Get("Vary"), "Accept-Language"), "Vary: %q", res.Header.Get("Vary"))
			for _, w := range tc.contains {
				assert.Contains(t, body, w)
			}
			for _, w := range tc.excludes {
				assert.NotContains(t, body, w)
			}
		})
	}
}

// TestPageCSP checks that every page, error pages included, is sent with a
// strict Content-Security-Policy that lets only the site frame it unless
// the host widens it, and that allows inline nothing but the text-align
// styles the sanitiser keeps in article bodies, by hash.
func TestPageCSP(t *testing.T) {
	s := newNewsSite(t, nil)
	ctx := context.Background()
	d, err := s.svc.CreateDraft(ctx, news.ArticleInput{Slug: "can-giua", Title: "Lễ trao giải Hội thi sáng tạo kỹ thuật tỉnh",
		BodyHTML: `<p style="text-align:center">Ban tổ chức trao 12 giải cho các công trình xuất sắc.</p>`, CategoryID: s.cats["hoat-dong"].ID})
	require.NoError(t, err)
	_, err = s.svc.Schedule(ctx, d.ID, time.Date(2022, 11, 30, 9, 0, 0, 0, ict))
	require.NoError(t, err)
	portal := newNewsSite(t, &widget.Options{PageFrameAncestors: []string{"'self'", "https://portal.example.gov.vn"}})

	sum := sha256.Sum256([]byte("text-align: center"))
	centre := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	inline := regexp.MustCompile(`<style|<script(?: type="application/ld\+json")?>| style="[^"]*"`)
	for _, tc := range []struct {
		name, target string
		s            *newsSite
		status       int
		ancestors    string
	}{
		{"index", "/", s, 200, "'self'"},
		{"category", "/categories/hoat-dong?lang=en", s, 200, "'self'"},
		{"tag", "/tags/dai-hoi", s, 200, "'self'"},
		{"search", "/search?q=hoi", s, 200, "'self'"},
		{"article", "/articles/dai-hoi", s, 200, "'self'"},
		{"article with a centred paragraph", "/articles/can-giua", s, 200, "'self'"},
		{"not found", "/articles/khong-co", s, 404, "'self'"},
		{"bad request", "/?lang=fr", s, 400, "'self'"},
		{"widened", "/articles/dai-hoi", portal, 200, "'self' https://portal.example.gov.vn"},
		{"widened not found", "/khong-co", portal, 404, "'self' https://portal.example.gov.vn"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := get(t, tc.s.h, tc.target)
			require.Equal(t, tc.status, res.StatusCode)
			csp := res.Header.Get("Content-Security-Policy")
			assert.True(t, strings.HasSuffix(csp, "; frame-ancestors "+tc.ancestors), "CSP %q", csp)
			for _, want := range []string{"default-src 'none'", "script-src 'self';", "style-src 'self' " + testBase + "assets/;",
				"style-src-attr 'unsafe-hashes' ", centre, "base-uri 'none'", "form-action 'self' https://skhcn.example.gov.vn;"} {
				assert.Contains(t, csp, want)
			}
			assert.NotContains(t, csp, "unsafe-inline")
			assert.NotContains(t, csp, "unsafe-eval")
			for _, m := range inline.FindAllString(body, -1) {
				assert.Contains(t, []string{`<script type="application/ld+json">`, ` style="text-align: center"`}, m, "inline content the CSP would block")
			}
		})
	}
	_, body := get(t, s.h, "/articles/can-giua")
	assert.Contains(t, body, `<p style="text-align: center">`, "the style attribute whose hash the CSP allows")
	assert.Panics(t, func() {
		widget.New(s.pub, &widget.Options{PageFrameAncestors: []string{"https://a.example; script-src *"}})
	})
}

// TestArticleSide checks the side column of an article page: the news of
// its category, the related news, then the latest news, which leaves out
// the article itself and what the column already lists.
func TestArticleSide(t *testing.T) {
	s := newNewsSite(t, nil)
	for _, tc := range []struct {
		target string
		want   []string // slugs of the latest list, in order
	}{
		{"/articles/dai-hoi", []string{"so-huu-tri-tue", "", "cu-08", "cu-07", "cu-06"}},
		{"/articles/so-huu-tri-tue?lang=en", []string{"dai-hoi?lang=en", "hop-mat-nha-giao-20-11?lang=en", "tuyen-chon?lang=en", "sinh-hoat?lang=en", ""}},
	} {
		t.Run(tc.target, func(t *testing.T) {
			res, body := get(t, s.h, tc.target)
			require.Equal(t, http.StatusOK, res.StatusCode)
			main, side, ok := strings.Cut(body, `<div class="article-layout__side">`)
			require.True(t, ok, "no side column")
			assert.Contains(t, main, `<div class="article-layout">`+"\n"+`<div class="article-layout__main">`+"\n"+`<article class="article"`)
			_, latest, ok := strings.Cut(side, `<section class="latest-side" aria-labelledby="latest-heading">`)
			require.True(t, ok, "no latest news")
			if strings.Contains(side, `class="related"`) {
				assert.Less(t, strings.Index(side, `class="more"`), strings.Index(side, `class="related"`))
			}
			links := regexp.MustCompile(`<li lang="vi"><a href="`+regexp.QuoteMeta(testBase)+`articles/([^"]*)"`).FindAllStringSubmatch(latest, -1)
			require.Len(t, links, len(tc.want))
			for i, w := range tc.want {
				if w != "" {
					assert.Equal(t, strings.ReplaceAll(w, "&", "&amp;"), links[i][1])
				}
				assert.Equal(t, 1, strings.Count(body, `articles/`+links[i][1]+`"`), "%s listed once", links[i][1])
			}
		})
	}
}
