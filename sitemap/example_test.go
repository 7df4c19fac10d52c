package sitemap_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/sitemap"
)

// Example mounts the sitemaps at a site's root for the news section under
// /tin-tuc/, and prints the robots.txt lines and the index.
func Example() {
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC) }
	store := memstore.New()
	svc := news.NewService(store, &news.ServiceOptions{Now: now})
	cat, err := svc.CreateCategory(ctx, news.CategoryInput{Name: "Khoa học – Công nghệ"})
	if err != nil {
		panic(err)
	}
	a, err := svc.CreateDraft(ctx, news.ArticleInput{
		Title:      "Nghiệm thu đề tài giống lúa chịu mặn",
		BodyHTML:   "<p>Hội đồng khoa học cấp tỉnh nghiệm thu đề tài, xếp loại đạt.</p>",
		CategoryID: cat.ID,
	})
	if err != nil {
		panic(err)
	}
	if _, err := svc.Publish(ctx, a.ID); err != nil {
		panic(err)
	}

	sm, err := sitemap.New(news.NewPublic(store, &news.PublicOptions{Now: now}), &sitemap.Options{
		BaseURL:         "https://sokhcn.example.gov.vn/tin-tuc/",
		URL:             "https://sokhcn.example.gov.vn/",
		PublicationName: "Sở Khoa học và Công nghệ tỉnh Hòa An",
	})
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/sitemap.xml", sm)
	mux.Handle("/sitemap-news.xml", sm)
	mux.Handle("/sitemaps/", sm)
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /admin/\n"+sm.RobotsTXT())
	})

	for _, path := range []string{"/robots.txt", "/sitemap.xml"} {
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		fmt.Print(w.Body.String())
	}
	// Output:
	// User-agent: *
	// Disallow: /admin/
	// Sitemap: https://sokhcn.example.gov.vn/sitemap.xml
	// Sitemap: https://sokhcn.example.gov.vn/sitemap-news.xml
	// <?xml version="1.0" encoding="UTF-8"?>
	// <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
	//   <sitemap>
	//     <loc>https://sokhcn.example.gov.vn/sitemaps/pages-1.xml</loc>
	//     <lastmod>2026-11-26T03:00:00Z</lastmod>
	//   </sitemap>
	//   <sitemap>
	//     <loc>https://sokhcn.example.gov.vn/sitemaps/articles-vi-1.xml</loc>
	//     <lastmod>2026-11-26T03:00:00Z</lastmod>
	//   </sitemap>
	// </sitemapindex>
}
