package memstore_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// corpus is a generated archive in a three-level category tree.
type corpus struct {
	s           *memstore.Store
	root        uuid.UUID // a top-level category with 4 children and 12 grandchildren
	leaf        uuid.UUID // one of its grandchildren
	tag         string    // a tag about one article in 100 carries
	bytesPerArt float64   // heap growth per stored article
}

var benchWords = []string{
	"hội nghị", "tổng kết", "khoa học", "công nghệ", "chuyển đổi số", "sở hữu trí tuệ", "tiêu chuẩn",
	"đo lường", "chất lượng", "đề tài", "nghiệm thu", "sáng kiến", "tập huấn", "doanh nghiệp",
	"khởi nghiệp", "đổi mới", "sáng tạo", "nông nghiệp", "công đoàn", "đại hội", "chi bộ", "nhiệm kỳ",
}

// load builds a store of n articles. Each article gets its own strings, as
// articles decoded from a file or a database would, so the heap growth is
// what the store really costs.
func load(tb testing.TB, n int) *corpus {
	tb.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)

	s := memstore.New()
	var cats []uuid.UUID // the categories articles go in: children and grandchildren
	c := &corpus{s: s, tag: "Chủ đề 7"}
	for r := range 5 {
		root := &news.Category{ID: uuid.New(), Slug: fmt.Sprintf("goc-%d", r), Name: fmt.Sprintf("Chuyên mục %d", r)}
		if err := s.CreateCategory(ctx, root); err != nil {
			tb.Fatal(err)
		}
		if r == 0 {
			c.root = root.ID
		}
		for k := range 4 {
			child := &news.Category{ID: uuid.New(), Slug: fmt.Sprintf("con-%d-%d", r, k), Name: "Chuyên mục con", ParentID: root.ID}
			if err := s.CreateCategory(ctx, child); err != nil {
				tb.Fatal(err)
			}
			cats = append(cats, child.ID)
			for g := range 3 {
				leaf := &news.Category{ID: uuid.New(), Slug: fmt.Sprintf("chau-%d-%d-%d", r, k, g), Name: "Chuyên mục cháu", ParentID: child.ID}
				if err := s.CreateCategory(ctx, leaf); err != nil {
					tb.Fatal(err)
				}
				cats = append(cats, leaf.ID)
				if r == 0 && k == 0 && g == 0 {
					c.leaf = leaf.ID
				}
			}
		}
	}
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	batch := make([]*news.Article, 0, 1000)
	for i := range n {
		w := func() string { return benchWords[rng.IntN(len(benchWords))] }
		at := start.Add(time.Duration(rng.Int64N(int64(5 * 365 * 24 * time.Hour)))).Truncate(time.Microsecond)
		a := &news.Article{
			ID:      uuid.New(),
			Slug:    fmt.Sprintf("bai-viet-%d", i),
			Title:   fmt.Sprintf("Tin %s về %s và %s số %d", w(), w(), w(), i),
			Summary: fmt.Sprintf("Tóm tắt: %s, %s, %s.", w(), w(), w()),
			Body: fmt.Sprintf("<p>Sáng nay, Sở tổ chức %s về %s với sự tham dự của các đơn vị.</p><p>Nội dung %s, %s và %s (bài %d).</p>",
				w(), w(), w(), w(), w(), i),
			Author:     fmt.Sprintf("Phóng viên %d", i%50),
			CategoryID: cats[rng.IntN(len(cats))],
			Tags:       []string{fmt.Sprintf("Chủ đề %d", rng.IntN(100)), fmt.Sprintf("Chủ đề %d", rng.IntN(100)), w()},
			Lang:       "vi",
			Status:     news.StatusPublished,
			PublishAt:  at,
			CreatedAt:  at,
			UpdatedAt:  at,
		}
		if i%10 == 0 {
			a.Status = news.StatusDraft
		}
		batch = append(batch, a)
		if len(batch) == cap(batch) || i == n-1 {
			if err := s.Import(ctx, &news.Batch{Articles: batch}); err != nil {
				tb.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	c.bytesPerArt = float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
	return c
}

// BenchmarkArticles reads the first page (and a deep page) of the lists a
// news site shows, and searches, from stores of 10,000 and 100,000
// articles: the time per query must not grow with the store. A search for
// words that most articles hold (search-common) reads more of its list the
// rarer full matches are; it is measured for comparison. Each result also
// reports the heap the store takes per article (B/article).
func BenchmarkArticles(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchmarkArticles(b, n) })
	}
}

func benchmarkArticles(b *testing.B, n int) {
	ctx := context.Background()
	t0 := time.Now()
	c := load(b, n)
	b.Logf("loaded %d articles in %v (%.0f B/article)", n, time.Since(t0).Round(time.Millisecond), c.bytesPerArt)
	deep, err := c.s.Articles(ctx, news.Query{CategoryID: c.root, Status: news.StatusPublished, Limit: news.MaxLimit})
	if err != nil {
		b.Fatal(err)
	}
	queries := []struct {
		name string
		q    news.Query
		few  bool // fewer matches than a page
	}{
		{"all", news.Query{}, false},
		{"published", news.Query{Status: news.StatusPublished, To: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}, false},
		{"category-tree", news.Query{CategoryID: c.root, Status: news.StatusPublished}, false},
		{"category-tree-next-page", news.Query{CategoryID: c.root, Status: news.StatusPublished, Cursor: deep.Next}, false},
		{"category-leaf", news.Query{CategoryID: c.leaf, Status: news.StatusPublished}, false},
		{"tag", news.Query{Tag: c.tag, Status: news.StatusPublished}, false},
		{"author", news.Query{Author: "Phóng viên 7"}, false},
		{"drafts", news.Query{Status: news.StatusDraft}, false},
		{"search-rare", news.Query{Text: "bai 4321"}, true},
		{"search-common", news.Query{Text: "nghiem thu sang kien", Status: news.StatusPublished}, false},
	}
	for _, tc := range queries {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				p, err := c.s.Articles(ctx, tc.q)
				if err != nil || len(p.Articles) == 0 || !tc.few && len(p.Articles) != news.DefaultLimit {
					b.Fatalf("Articles: %d articles, %v", len(p.Articles), err)
				}
			}
			b.ReportMetric(c.bytesPerArt, "B/article")
		})
	}
	b.Run("next-publish-at", func(b *testing.B) {
		t := time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)
		for b.Loop() {
			if _, err := c.s.NextPublishAt(ctx, t); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(c.bytesPerArt, "B/article")
	})
}
