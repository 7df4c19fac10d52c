package mediadir_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/mediadir"
)

func ExampleOpen() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "media")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	store, err := mediadir.Open(dir) // beside the SQLite file, say "newsroom-media"
	if err != nil {
		panic(err)
	}

	// Records usually come from news.ProcessUpload; this one is made by
	// hand: an attachment, named by its content.
	pdf := []byte("%PDF-1.7\n% Kế hoạch chuyển đổi số năm 2027\n%%EOF\n")
	key := news.MediaKey(sha256.Sum256(pdf), "application/pdf")
	m := &news.Media{ID: key, Kind: news.MediaAttachment, Name: "ke-hoach-2027.pdf", Type: "application/pdf",
		Variants:  []news.MediaVariant{{Key: key, Type: "application/pdf", Size: int64(len(pdf))}},
		CreatedAt: time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)}
	if err := store.PutMedia(ctx, m, [][]byte{pdf}); err != nil {
		panic(err)
	}

	f, err := store.OpenMedia(ctx, key)
	if err != nil {
		panic(err)
	}
	defer f.Content.Close()
	content, _ := io.ReadAll(f.Content)
	fmt.Println(f.Type, f.Size, f.Name, len(content) == len(pdf))

	page, _ := store.ListMedia(ctx, news.MediaQuery{Kind: news.MediaAttachment})
	fmt.Println(len(page.Media), page.Media[0].Name)
	// Output:
	// application/pdf 61 ke-hoach-2027.pdf true
	// 1 ke-hoach-2027.pdf
}
