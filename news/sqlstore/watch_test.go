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

// TestVersionReuse checks how Version reuses the value it read: a write
// through the Store itself shows at once, another Store's write only after
// the PollInterval.
func TestVersionReuse(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			writer, dsn := b.open(t, nil)
			slow := b.reopen(t, dsn, &sqlstore.Options{PollInterval: time.Hour})
			fast := b.reopen(t, dsn, &sqlstore.Options{PollInterval: 10 * time.Millisecond})
			version := func(s *sqlstore.Store) int64 {
				t.Helper()
				v, err := s.Version(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return v
			}
			for _, s := range []*sqlstore.Store{writer, slow, fast} {
				if v := version(s); v != 0 {
					t.Fatalf("Version of a new database = %d, want 0", v)
				}
			}

			cat := storetest.NewCategory("khoa-hoc", "Khoa học", uuid.Nil)
			if err := writer.CreateCategory(ctx, cat); err != nil {
				t.Fatal(err)
			}
			if v := version(writer); v != 1 {
				t.Errorf("writer's Version after its own write = %d, want 1", v)
			}
			if v := version(slow); v != 0 {
				t.Errorf("Version with an hour's PollInterval = %d right after another Store's write, want the 0 it read", v)
			}
			deadline := time.Now().Add(time.Second)
			for version(fast) != 1 {
				if time.Now().After(deadline) {
					t.Fatal("a Store with a 10 ms PollInterval did not see another Store's write within a second")
				}
				time.Sleep(5 * time.Millisecond)
			}

			// A write through slow itself is seen at once, with the other
			// Store's write it had not read yet.
			if err := slow.CreateCategory(ctx, storetest.NewCategory("cong-nghe", "Công nghệ", uuid.Nil)); err != nil {
				t.Fatal(err)
			}
			if v := version(slow); v != 2 {
				t.Errorf("Version after its own write = %d, want 2", v)
			}
			if err := slow.CreateCategory(ctx, cat); err == nil {
				t.Fatal("creating a category twice succeeded")
			}
			if v := version(slow); v != 2 {
				t.Errorf("Version after a failed write = %d, want 2 (unchanged)", v)
			}
		})
	}
}
