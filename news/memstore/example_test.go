package memstore_test

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

func Example() {
	ctx := context.Background()
	s := memstore.New()

	tinTuc := &news.Category{ID: uuid.New(), Slug: "tin-tuc", Name: "Tin tức"}
	hoatDong := &news.Category{ID: uuid.New(), Slug: "hoat-dong", Name: "Hoạt động", ParentID: tinTuc.ID}
	for _, c := range []*news.Category{tinTuc, hoatDong} {
		if err := s.CreateCategory(ctx, c); err != nil {
			fmt.Println(err)
		}
	}
	at := time.Date(2025, 7, 27, 8, 0, 0, 0, time.UTC)
	for i, title := range []string{
		"Thăm gia đình liệt sĩ nhân ngày 27/7",
		"Hội nghị tổng kết công tác khoa học năm 2025",
		"Đại hội chi bộ nhiệm kỳ 2025–2030",
	} {
		a := &news.Article{
			ID:         uuid.New(),
			Slug:       news.Slugify(title),
			Title:      title,
			CategoryID: hoatDong.ID,
			Tags:       []string{"Khoa học"},
			Lang:       "vi",
			Status:     news.StatusPublished,
			PublishAt:  at.AddDate(0, 0, i),
		}
		if err := s.CreateArticle(ctx, a); err != nil {
			fmt.Println(err)
		}
	}

	// The top category lists its subcategory's articles, newest first,
	// two at a time.
	q := news.Query{CategoryID: tinTuc.ID, Limit: 2}
	for {
		page, err := s.Articles(ctx, q)
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, a := range page.Articles {
			fmt.Println(a.PublishAt.Format("02/01"), a.Title)
		}
		if page.Next == "" {
			break
		}
		q.Cursor = page.Next
	}

	// Search folds accents and case: "dai hoi" finds "Đại hội".
	page, _ := s.Articles(ctx, news.Query{Text: "dai hoi"})
	fmt.Println(len(page.Articles), page.Articles[0].Slug)
	// Output:
	// 29/07 Đại hội chi bộ nhiệm kỳ 2025–2030
	// 28/07 Hội nghị tổng kết công tác khoa học năm 2025
	// 27/07 Thăm gia đình liệt sĩ nhân ngày 27/7
	// 1 dai-hoi-chi-bo-nhiem-ky-2025-2030
}

// A reader that keeps something derived from the public articles (as the
// index of news.Public.Related does) remembers the public version it read
// and asks what changed since.
func ExampleStore_ChangedSince() {
	ctx := context.Background()
	s := memstore.New()
	cat := &news.Category{ID: uuid.New(), Slug: "thong-bao", Name: "Thông báo"}
	if err := s.CreateCategory(ctx, cat); err != nil {
		fmt.Println(err)
	}
	seen, _ := s.ChangedSince(ctx, 0)

	at := time.Date(2025, 12, 1, 8, 0, 0, 0, time.UTC)
	for _, st := range []news.Status{news.StatusPublished, news.StatusDraft} {
		title := "Lịch tiếp công dân tháng 12 (" + string(st) + ")"
		a := &news.Article{ID: uuid.New(), Slug: news.Slugify(title), Title: title, CategoryID: cat.ID,
			Lang: "vi", Status: st, PublishAt: at}
		if err := s.CreateArticle(ctx, a); err != nil {
			fmt.Println(err)
		}
	}
	c, err := s.ChangedSince(ctx, seen.Version)
	if err != nil {
		fmt.Println(err)
	}
	for _, id := range c.Articles {
		a, _ := s.Article(ctx, id)
		fmt.Println(a.Title)
	}
	fmt.Println("complete:", c.Complete, "version moved:", c.Version > seen.Version)
	// Output:
	// Lịch tiếp công dân tháng 12 (published)
	// complete: true version moved: true
}
