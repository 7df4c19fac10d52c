package feed_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/feed"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// vietnam is Asia/Ho_Chi_Minh as a fixed zone.
var vietnam = time.FixedZone("ICT", 7*60*60)

// exampleArticle returns one published article.
func exampleArticle() *news.Article {
	published := time.Date(2026, time.November, 20, 14, 30, 0, 0, vietnam)
	return &news.Article{
		ID:        uuid.MustParse("0f0c4b9a-6d3e-4c2b-8a1f-5e6d7c8b9a01"),
		Slug:      "hoi-thao-chuyen-doi-so",
		Title:     "Hội thảo chuyển đổi số trong nông nghiệp",
		Summary:   "Sở tổ chức hội thảo cho các hợp tác xã.",
		Body:      `<p>Xem <a href="/uploads/chuong-trinh.pdf">chương trình</a>.</p>`,
		Author:    "Phòng Quản lý Khoa học",
		Tags:      []string{"chuyển đổi số"},
		Lang:      "vi",
		Status:    news.StatusPublished,
		PublishAt: published,
		UpdatedAt: published,
	}
}

// Build renders articles in one format. Every item's ID is the article's
// urn:uuid, and relative links become absolute against BaseURL.
func ExampleBuild() {
	data, err := feed.Build(feed.JSON, []*news.Article{exampleArticle()}, &feed.Meta{
		Title:    "Sở Khoa học và Công nghệ",
		BaseURL:  "https://sokhcn.example.gov.vn/tin-tuc/",
		SelfURL:  "https://sokhcn.example.gov.vn/tin-tuc/feed.json",
		Location: vietnam,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Build writes compact JSON; indented here to read.
	var out bytes.Buffer
	if err := json.Indent(&out, data, "", "  "); err != nil {
		fmt.Println(err)
		return
	}
	out.WriteTo(os.Stdout)
	// Output:
	// {
	//   "version": "https://jsonfeed.org/version/1.1",
	//   "title": "Sở Khoa học và Công nghệ",
	//   "language": "vi",
	//   "home_page_url": "https://sokhcn.example.gov.vn/tin-tuc/",
	//   "feed_url": "https://sokhcn.example.gov.vn/tin-tuc/feed.json",
	//   "description": "Tin mới nhất của Sở Khoa học và Công nghệ",
	//   "author": {
	//     "name": "Sở Khoa học và Công nghệ"
	//   },
	//   "authors": [
	//     {
	//       "name": "Sở Khoa học và Công nghệ"
	//     }
	//   ],
	//   "items": [
	//     {
	//       "id": "urn:uuid:0f0c4b9a-6d3e-4c2b-8a1f-5e6d7c8b9a01",
	//       "url": "https://sokhcn.example.gov.vn/tin-tuc/articles/hoi-thao-chuyen-doi-so",
	//       "title": "Hội thảo chuyển đổi số trong nông nghiệp",
	//       "content_html": "\u003cp\u003eXem \u003ca href=\"https://sokhcn.example.gov.vn/uploads/chuong-trinh.pdf\"\u003echương trình\u003c/a\u003e.\u003c/p\u003e",
	//       "summary": "Sở tổ chức hội thảo cho các hợp tác xã.",
	//       "date_published": "2026-11-20T14:30:00+07:00",
	//       "date_modified": "2026-11-20T14:30:00+07:00",
	//       "author": {
	//         "name": "Phòng Quản lý Khoa học"
	//       },
	//       "authors": [
	//         {
	//           "name": "Phòng Quản lý Khoa học"
	//         }
	//       ],
	//       "tags": [
	//         "chuyển đổi số"
	//       ]
	//     }
	//   ]
	// }
}

// A Handler serves feeds from the public view of a store, with conditional
// GET. Mount one route per feed with For, or the Handler itself, which
// reads the variant from the query.
func ExampleNew() {
	ctx := context.Background()
	store := memstore.New()
	if err := store.CreateArticle(ctx, exampleArticle()); err != nil {
		fmt.Println(err)
		return
	}
	h, err := feed.New(news.NewPublic(store, nil), &feed.Options{
		BaseURL:  "https://sokhcn.example.gov.vn/tin-tuc/",
		Title:    "Sở Khoa học và Công nghệ",
		Location: vietnam,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	mux := http.NewServeMux()
	mux.Handle("/tin-tuc/feed.rss", h.For(feed.Variant{Format: feed.RSS}))
	mux.Handle("/tin-tuc/feed.atom", h.For(feed.Variant{Format: feed.Atom}))
	mux.Handle("/tin-tuc/feed.json", h.For(feed.Variant{Format: feed.JSON}))
	mux.Handle("/tin-tuc/feed", h) // ?format=&category=&tag=&lang=&limit=

	res := httptest.NewRecorder()
	mux.ServeHTTP(res, httptest.NewRequest("GET", "/tin-tuc/feed.atom", nil))
	fmt.Println(res.Code, res.Header().Get("Content-Type"), res.Header().Get("Cache-Control"))

	// A reader that comes back with the ETag gets 304 until the news changes.
	again := httptest.NewRequest("GET", "/tin-tuc/feed.atom", nil)
	again.Header.Set("If-None-Match", res.Header().Get("ETag"))
	res2 := httptest.NewRecorder()
	mux.ServeHTTP(res2, again)
	fmt.Println(res2.Code)

	res3 := httptest.NewRecorder()
	mux.ServeHTTP(res3, httptest.NewRequest("GET", "/tin-tuc/feed?limit=500", nil))
	fmt.Println(res3.Code, res3.Body.String())
	// Output:
	// 200 application/atom+xml; charset=utf-8 public, max-age=60
	// 304
	// 400 {"error":{"code":"invalid_parameter","field":"limit","message":"limit: must be an integer from 1 to 100, not \"500\""}}
}

// AutodiscoveryLinks writes the <link rel="alternate"> tags that let
// browsers and readers find a page's feeds.
func ExampleAutodiscoveryLinks() {
	h, err := feed.New(news.NewPublic(memstore.New(), nil), &feed.Options{
		BaseURL: "https://sokhcn.example.gov.vn/tin-tuc/",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(feed.AutodiscoveryLinks(h.Links(feed.Variant{Category: "chi-bo"}, "Chi bộ")...))
	// Output:
	// <link rel="alternate" type="application/rss+xml" title="Chi bộ (RSS)" href="https://sokhcn.example.gov.vn/tin-tuc/categories/chi-bo/feed.rss">
	// <link rel="alternate" type="application/atom+xml" title="Chi bộ (Atom)" href="https://sokhcn.example.gov.vn/tin-tuc/categories/chi-bo/feed.atom">
	// <link rel="alternate" type="application/feed+json" title="Chi bộ (JSON Feed)" href="https://sokhcn.example.gov.vn/tin-tuc/categories/chi-bo/feed.json">
}

// ParseVariant reads the query parameters of a feed request.
func ExampleParseVariant() {
	q, _ := url.ParseQuery("format=atom&tag=%C4%91%E1%BA%A1i+h%E1%BB%99i&lang=VI&limit=50&utm_source=zalo")
	v, err := feed.ParseVariant(q)
	fmt.Printf("%+v %v\n", v, err)
	fmt.Println(v.Path())

	_, err = feed.ParseVariant(url.Values{"limit": {"0"}})
	fmt.Println(err)
	_, err = feed.ParseVariant(url.Values{"limt": {"5"}, "utm_source": {"zalo"}})
	fmt.Println(err)
	// Output:
	// {Format:atom Category: Tag:đại hội Lang:vi Limit:50} <nil>
	// tags/%C4%91%E1%BA%A1i%20h%E1%BB%99i/feed.atom?lang=vi&limit=50
	// limit: must be an integer from 1 to 100, not "0"
	// unknown parameter "limt"; accepted: format, category, tag, lang, limit
}
