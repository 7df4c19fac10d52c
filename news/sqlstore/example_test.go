package sqlstore_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/google/uuid"
	_ "modernc.org/sqlite"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/sqlstore"
)

// Open a SQLite file (created on first use), write a category and an
// article, and search for it without accents.
func ExampleOpen() {
	dir, err := os.MkdirTemp("", "orgnews")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()

	store, err := sqlstore.Open(ctx, "sqlite", filepath.Join(dir, "news.db"), nil)
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()

	at := time.Date(2025, 9, 2, 8, 0, 0, 0, time.UTC)
	cat := &news.Category{ID: uuid.New(), Slug: "tin-hoat-dong", Name: "Tin hoạt động", CreatedAt: at, UpdatedAt: at}
	if err := store.CreateCategory(ctx, cat); err != nil {
		log.Fatal(err)
	}
	a := &news.Article{
		ID: uuid.New(), Slug: "dai-hoi-chi-bo-nhiem-ky-2025-2030",
		Title:      "Đại hội Chi bộ nhiệm kỳ 2025-2030",
		Body:       "<p>Đại hội đã bầu Ban Chấp hành mới.</p>",
		CategoryID: cat.ID, Lang: "vi", Status: news.StatusPublished,
		PublishAt: at, CreatedAt: at, UpdatedAt: at,
	}
	if err := store.CreateArticle(ctx, a); err != nil {
		log.Fatal(err)
	}

	page, err := store.Articles(ctx, news.Query{Text: "dai hoi"})
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range page.Articles {
		fmt.Println(a.Title)
	}
	v, _ := store.Version(ctx)
	fmt.Println("version", v)
	// Output:
	// Đại hội Chi bộ nhiệm kỳ 2025-2030
	// version 2
}
