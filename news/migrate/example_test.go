package migrate_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/news/migrate"
)

func ExampleFromFeed() {
	ctx := context.Background()
	store := memstore.New()
	svc := news.NewService(store, nil)

	// A portal's RSS file; without Options.Media, photos stay where they are.
	src := filepath.Join("testdata", "portal.xml")
	rep, err := migrate.FromFeed(ctx, svc, store, src, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(rep)
	for _, it := range rep.Items {
		fmt.Println(it.Position, it.Outcome, it.Title)
	}

	// Migrating the same feed again changes nothing.
	rep, err = migrate.FromFeed(ctx, svc, store, src, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(rep)
	// Output:
	// 2 created, 0 updated, 0 unchanged, 0 skipped; 1 category created; 0 photos and files fetched, 0 failed
	// items[0] create Hội nghị tổng kết hoạt động khoa học và công nghệ năm 2026
	// items[1] create Thông báo về việc nộp hồ sơ đăng ký nhiệm vụ năm 2027
	// 0 created, 0 updated, 2 unchanged, 0 skipped; 0 categories created; 0 photos and files fetched, 0 failed
}

func ExampleFromWXR() {
	ctx := context.Background()
	store := memstore.New()
	svc := news.NewService(store, nil)
	f, err := os.Open(filepath.Join("testdata", "wordpress.xml"))
	if err != nil {
		panic(err)
	}
	defer f.Close()

	// A dry run: what would happen, with nothing fetched or written.
	rep, err := migrate.FromWXR(ctx, svc, store, "wordpress.xml", f, &migrate.Options{DryRun: true})
	if err != nil {
		panic(err)
	}
	fmt.Println(rep)
	for _, it := range rep.Items {
		line := it.Position + " " + it.Outcome
		if it.Reason != "" {
			line += ": " + it.Reason
		}
		fmt.Println(line)
	}
	// Output:
	// dry run: 5 created, 0 updated, 0 unchanged, 3 skipped; 5 categories created; 0 photos and files fetched, 0 failed
	// items[0] create
	// items[1] skip: post type attachment
	// items[2] skip: post type attachment
	// items[3] create
	// items[4] create
	// items[5] create
	// items[6] create
	// items[7] skip: post type page
}
