package widget_test

import (
	"encoding/json"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestQueryParameters checks, on every route of the handler mounted under
// a prefix, that a repeated parameter is a 400 naming the parameter (JSON
// for the API and the box, an HTML page for pages), and so is an unknown
// one for the API and the box (pages ignore it: see TestSharedLinks),
// and that the tracking parameters shared links carry are ignored by pages
// and the box, with the ETag of the same request without them, and
// refused by the API.
func TestQueryParameters(t *testing.T) {
	s := newNewsSite(t, nil)
	mux := http.NewServeMux()
	mux.Handle("/tin-tuc/", http.StripPrefix("/tin-tuc", s.h))
	const (
		pageNames = "accepted: cursor, lang"
		boxNames  = "accepted: category, tag, limit, layout, theme, lang, exclude, show"
		apiNames  = "accepted: category, tag, q, sort, lang, limit, cursor, exclude"
		none      = "this address accepts no parameters"
	)
	const tracking = "utm_source=zalo&utm_medium=social&utm_campaign=chuyen-doi-so-2022&fbclid=IwAR0xYz&zarsrc=30&gclid=Cj0KCQ"
	routes := []struct {
		name, path string
		valid      string // a valid query
		repeat     string // a valid query that repeats a parameter; "" when the route takes none
		accepted   string // the end of the message about an unknown parameter
		json       bool   // errors are JSON, not an HTML page
	}{
		{"index", "/", "lang=vi", "lang=vi&lang=en", pageNames, false},
		{"category", "/categories/hoat-dong", "lang=en", "cursor=&cursor=", pageNames, false},
		{"tag", "/tags/dai-hoi", "", "lang=vi&lang=vi", pageNames, false},
		{"search", "/search", "q=t%E1%BA%ADp+hu%E1%BA%A5n", "q=a&lang=vi&q=b", "accepted: q, cursor, lang", false},
		{"article", "/articles/dai-hoi", "lang=vi", "lang=vi&lang=vi", "accepted: lang", false},
		{"API list", "/api/articles", "limit=3&category=hoat-dong", "limit=3&limit=3", apiNames, true},
		{"API article", "/api/articles/dai-hoi", "", "", none, true},
		{"API categories", "/api/categories", "", "", none, true},
		{"API box", "/api/box", "category=hoat-dong&limit=3", "tag=a&tag=b", boxNames, true},
		{"embed", "/embed", "category=hoat-dong&limit=3&theme=dark", "theme=dark&theme=dark", boxNames, true},
		{"fragment", "/fragment", "layout=cards&show=date,image", "show=date&show=image", boxNames, true},
	}
	join := func(a, b string) string {
		if a == "" {
			return b
		}
		return a + "&" + b
	}
	for _, rt := range routes {
		t.Run(rt.name, func(t *testing.T) {
			target := func(q string) string {
				if q == "" {
					return "/tin-tuc" + rt.path
				}
				return "/tin-tuc" + rt.path + "?" + q
			}
			ok, _ := get(t, mux, target(rt.valid))
			if ok.StatusCode != 200 || ok.Header.Get("Etag") == "" {
				t.Fatalf("GET %s: %d, ETag %q; want 200 with an ETag", target(rt.valid), ok.StatusCode, ok.Header.Get("Etag"))
			}
			type bad struct{ query, field, message string }
			var bads []bad
			if rt.json {
				bads = []bad{
					{join(rt.valid, "limt=5"), "limt", `unknown parameter "limt"; ` + rt.accepted},
					{"Lang=vi", "Lang", `unknown parameter "Lang"; ` + rt.accepted},
					{join("ch%E1%BB%A7+%C4%91%E1%BB%81=1", rt.valid), "chủ đề", `unknown parameter "chủ đề"; ` + rt.accepted},
					{join(rt.valid, strings.Repeat("x", 60)+"=1"), strings.Repeat("x", 40) + "…", `unknown parameter "` + strings.Repeat("x", 40) + `…"; `},
				}
			}
			if rt.repeat != "" {
				field := rt.repeat[:strings.IndexByte(rt.repeat, '=')]
				bads = append(bads, bad{rt.repeat, field, field + ": given more than once"})
			}
			for _, b := range bads {
				res, body := get(t, mux, target(b.query))
				if res.StatusCode != 400 || res.Header.Get("Cache-Control") != "no-store" || res.Header.Get("Etag") != "" {
					t.Errorf("GET %s: %d, Cache-Control %q, ETag %q; want 400, no-store, no ETag", target(b.query),
						res.StatusCode, res.Header.Get("Cache-Control"), res.Header.Get("Etag"))
					continue
				}
				if rt.json {
					var e struct {
						Error struct{ Code, Field, Message string }
					}
					if err := json.Unmarshal([]byte(body), &e); err != nil {
						t.Errorf("GET %s: body is not a JSON error: %v\n%s", target(b.query), err, body)
						continue
					}
					if e.Error.Code != "invalid_parameter" || e.Error.Field != b.field || !strings.HasPrefix(e.Error.Message, b.message) {
						t.Errorf("GET %s: error %+v, want invalid_parameter on %q with a message starting %q", target(b.query), e.Error, b.field, b.message)
					}
					continue
				}
				if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
					t.Errorf("GET %s: Content-Type %q, want an HTML page", target(b.query), ct)
				}
				mustContain(t, "400 page of "+target(b.query), html.UnescapeString(body), "<h1", b.message)
			}
			withTracking := join(rt.valid, tracking)
			res, _ := get(t, mux, target(withTracking))
			if res.StatusCode != 200 || res.Header.Get("Etag") != ok.Header.Get("Etag") {
				t.Errorf("GET %s: %d, ETag %q; want 200 with the ETag %q of the request without tracking parameters",
					target(withTracking), res.StatusCode, res.Header.Get("Etag"), ok.Header.Get("Etag"))
			}
			res, _ = get(t, mux, target(withTracking), "If-None-Match", ok.Header.Get("Etag"))
			if res.StatusCode != http.StatusNotModified {
				t.Errorf("GET %s with the ETag of the request without tracking parameters: %d, want 304", target(withTracking), res.StatusCode)
			}
		})
	}
}

// TestQueryBounds checks the limits on a whole query: its length, its
// number of parameters (tracking ones included) and its syntax.
func TestQueryBounds(t *testing.T) {
	s := newNewsSite(t, nil)
	for _, tc := range []struct {
		name, target, message string
	}{
		{"32 parameters", "/fragment?limit=3" + strings.Repeat("&utm_source=zalo", 31), ""},
		{"33 parameters", "/fragment?limit=3" + strings.Repeat("&utm_source=zalo", 32), "query: more than 32 parameters"},
		{"empty pairs do not count", "/embed?" + strings.Repeat("&", 100) + "theme=dark", ""},
		{"33 parameters among empty pairs", "/fragment?limit=3&&" + strings.Repeat("&utm_source=zalo&", 32), "query: more than 32 parameters"},
		{"a few empty pairs", "/embed?&&theme=dark&", ""},
		{"4 KB", "/fragment?tag=" + strings.Repeat("a", 4096), "query: longer than 4096 bytes"},
		{"semicolon", "/fragment?limit=3;theme=dark", "query: malformed: bad percent-encoding or separator"},
		{"bad escape in a name", "/fragment?li%6Dit=3&%zz=1", "query: malformed: bad percent-encoding or separator"},
		{"escaped name", "/fragment?li%6Dit=3", ""},
		{"name without value", "/fragment?show", ""},
		{"invalid UTF-8 value", "/fragment?tag=%C3%28", "tag: not valid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body := get(t, s.h, tc.target)
			if tc.message == "" {
				if res.StatusCode != 200 {
					t.Errorf("GET %.60s: %d, want 200\n%s", tc.target, res.StatusCode, body)
				}
				return
			}
			var e struct {
				Error struct{ Code, Field, Message string }
			}
			if err := json.Unmarshal([]byte(body), &e); err != nil || res.StatusCode != 400 || e.Error.Message != tc.message {
				t.Errorf("GET %.60s: %d %+v, want 400 with the message %q", tc.target, res.StatusCode, e.Error, tc.message)
			}
		})
	}
}

// TestStaticIgnoresQuery checks that the box's script and the hashed
// assets, whose URLs hosts may extend with a version to renew caches,
// ignore their query.
func TestStaticIgnoresQuery(t *testing.T) {
	s := newNewsSite(t, nil)
	_, frag := get(t, s.h, "/fragment")
	css := regexp.MustCompile(`assets/box\.[0-9a-f]+\.css`).FindString(frag)
	if css == "" {
		t.Fatalf("no stylesheet link in the fragment:\n%s", frag)
	}
	for _, target := range []string{"/widget.js?v=2022.12", "/embed-parent.js?v=2&v=3", "/" + css + "?utm_source=zalo&x=1"} {
		if res, _ := get(t, s.h, target); res.StatusCode != 200 {
			t.Errorf("GET %s: %d, want 200", target, res.StatusCode)
		}
	}
}

// TestBoxHeading checks that /api/box, which the <news-widget> element
// renders, gives the heading, the "see all" link and the articles that
// /fragment and /embed show for the same parameters: a category's name
// even when its newest articles sit in a subcategory, "Tin tức: tag" for a
// tag, the interface language's word for news otherwise.
func TestBoxHeading(t *testing.T) {
	s := newNewsSite(t, nil)
	title := regexp.MustCompile(`<h2 class="news-box__title"><a href="([^"]*)"[^>]*>([^<]*)</a></h2>`)
	link := regexp.MustCompile(`<a class="news-box__link" href="([^"]*)"`)
	for _, tc := range []struct{ query, heading string }{
		{"", "Tin tức"},
		{"lang=en", "News"},
		{"category=hoat-dong&limit=1", "Hoạt động của Sở"}, // its newest article is in Chi bộ – Đoàn thể
		{"category=khoa-hoc-cong-nghe&lang=en", "Khoa học và Công nghệ"},
		{"tag=%C4%90%E1%BA%A3ng+b%E1%BB%99", "Tin tức: Đảng bộ"},
		{"tag=%C4%90%E1%BA%A3ng+b%E1%BB%99&lang=en&exclude=dai-hoi", "News: Đảng bộ"},
		{"category=thong-bao&tag=Nhi%E1%BB%87m+v%E1%BB%A5+KH%26CN", "Thông báo"},
	} {
		res, body := get(t, s.h, "/api/box?"+tc.query)
		var box struct {
			Heading, URL, Lang string
			Articles           []struct{ URL string }
		}
		if err := json.Unmarshal([]byte(body), &box); err != nil || res.StatusCode != 200 {
			t.Errorf("GET /api/box?%s: %d %v\n%s", tc.query, res.StatusCode, err, body)
			continue
		}
		if box.Heading != tc.heading {
			t.Errorf("GET /api/box?%s: heading %q, want %q", tc.query, box.Heading, tc.heading)
		}
		for _, route := range []string{"/fragment?", "/embed?"} {
			_, page := get(t, s.h, route+tc.query)
			m := title.FindStringSubmatch(page)
			if m == nil {
				t.Errorf("GET %s%s: no heading\n%s", route, tc.query, page)
				continue
			}
			if url, heading := html.UnescapeString(m[1]), html.UnescapeString(m[2]); heading != box.Heading || url != box.URL {
				t.Errorf("GET %s%s: heading %q linking to %s; /api/box says %q and %s", route, tc.query, heading, url, box.Heading, box.URL)
			}
			var urls []string
			for _, l := range link.FindAllStringSubmatch(page, -1) {
				urls = append(urls, html.UnescapeString(l[1]))
			}
			var want []string
			for _, a := range box.Articles {
				want = append(want, a.URL)
			}
			if strings.Join(urls, " ") != strings.Join(want, " ") {
				t.Errorf("GET %s%s lists %q; /api/box lists %q", route, tc.query, urls, want)
			}
		}
	}
}
