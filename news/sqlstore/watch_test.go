package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news/sqlstore"
	"github.com/orgnews/orgnews/news/storetest"
)

// TestWatchOtherStore checks that a Store learns of another Store's write
// on the same database within a second.
func TestWatchOtherStore(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			writer, dsn := b.open(t, nil)
			watcher := b.reopen(t, dsn, &sqlstore.Options{PollInterval: 20 * time.Millisecond})
			ctx, cancel := context.WithCancel(context.Background())
			ch := watcher.Watch(ctx)
			waitFor(t, time.Second, "first value", ch, func(v int64) bool { return v == 0 })

			cat := storetest.NewCategory("thong-bao", "Thông báo", uuid.Nil)
			if err := writer.CreateCategory(ctx, cat); err != nil {
				t.Fatal(err)
			}
			waitFor(t, time.Second, "version after CreateCategory", ch, func(v int64) bool { return v == 1 })
			a := storetest.NewArticle(cat.ID, "hoi-nghi-so-ket", "Hội nghị sơ kết 6 tháng đầu năm", testBase)
			if err := writer.CreateArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
			waitFor(t, time.Second, "version after CreateArticle", ch, func(v int64) bool { return v == 2 })

			cancel()
			for range ch { // drain: the channel must close
			}
		})
	}
}
