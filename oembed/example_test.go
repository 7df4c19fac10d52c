package oembed_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/oembed"
)

// Example answers a partner's CMS asking for the card of an article link.
func Example() {
	ctx := context.Background()
	now := func() time.Time { return time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC) }
	store := memstore.New()
	svc := news.NewService(store, &news.ServiceOptions{Now: now})
	cat, err := svc.CreateCategory(ctx, news.CategoryInput{Name: "Thông báo"})
	if err != nil {
		panic(err)
	}
	a, err := svc.CreateDraft(ctx, news.ArticleInput{
		Title:      "Thông báo tuyển chọn nhiệm vụ khoa học năm 2027",
		BodyHTML:   "<p>Sở mời các tổ chức, cá nhân đăng ký chủ trì nhiệm vụ.</p>",
		CategoryID: cat.ID,
	})
	if err != nil {
		panic(err)
	}
	if _, err := svc.Publish(ctx, a.ID); err != nil {
		panic(err)
	}

	oe, err := oembed.New(news.NewPublic(store, &news.PublicOptions{Now: now}), &oembed.Options{
		BaseURL:      "https://sokhcn.example.gov.vn/tin-tuc/",
		ProviderName: "Sở Khoa học và Công nghệ tỉnh Hòa An",
	})
	if err != nil {
		panic(err)
	}
	q := url.Values{"url": {"https://sokhcn.example.gov.vn/tin-tuc/articles/" + a.Slug}, "maxwidth": {"480"}}
	w := httptest.NewRecorder()
	oe.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/oembed?"+q.Encode(), nil))
	var card struct {
		Type     string `json:"type"`
		Title    string `json:"title"`
		Provider string `json:"provider_name"`
		Width    int    `json:"width"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &card); err != nil {
		panic(err)
	}
	fmt.Println(w.Code, card.Type, card.Width)
	fmt.Println(card.Title)
	fmt.Println(card.Provider)
	// Output:
	// 200 rich 480
	// Thông báo tuyển chọn nhiệm vụ khoa học năm 2027
	// Sở Khoa học và Công nghệ tỉnh Hòa An
}
