//go:build unix

package widget_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	_ "modernc.org/sqlite"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/news/sqlstore"
	"github.com/orgnews/orgnews/news/storetest"
	"github.com/orgnews/orgnews/widget"
)

// BenchmarkArticleAfterWrite measures the page readers wait for after an
// editor publishes: an article page at a cache miss, in an archive of
// ORGNEWS_BENCH_N articles (100,000 by default) in memstore and in SQLite.
// Before each request, outside the timer, another article is published,
// which moves the public state, so the page is rendered again: the state,
// the lookup, the same-category list, related articles, previous and next,
// the categories and the template. cpu-ns/op is the process's CPU time
// during the requests alone, steadier than their time on a busy machine;
// p50-ns and p99-ns are the median and 99th percentile of the requests'
// wall times.
//
//	go test ./widget -run '^$' -bench ArticleAfterWrite -benchtime 300x
func BenchmarkArticleAfterWrite(b *testing.B) {
	n := 100_000
	if s := os.Getenv("ORGNEWS_BENCH_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1000 {
			b.Fatalf("ORGNEWS_BENCH_N=%q: want a number of articles, at least 1000", s)
		}
	}
	for _, backend := range []string{"memstore", "sqlite"} {
		b.Run("store="+backend, func(b *testing.B) {
			ctx := context.Background()
			var st news.Store = memstore.New()
			if backend == "sqlite" {
				s, err := sqlstore.Open(ctx, "sqlite", filepath.Join(b.TempDir(), "news.db"), nil)
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { s.Close() })
				st = s
			}
			now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
			cats := archiveCategories()
			if err := st.Import(ctx, &news.Batch{Categories: cats}); err != nil {
				b.Fatal(err)
			}
			for i := 0; i < n; i += 1000 {
				batch := &news.Batch{}
				for j := i; j < min(i+1000, n); j++ {
					batch.Articles = append(batch.Articles, archiveArticle(cats, j, now))
				}
				if err := st.Import(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			pub := news.NewPublic(st, &news.PublicOptions{Now: func() time.Time { return now }})
			h := widget.New(pub, &widget.Options{BaseURL: testBase, CacheBytes: 1})
			req := httptest.NewRequest("GET", "http://widget.test/articles/bai-"+strconv.Itoa(n/2), nil)
			b.ReportAllocs()
			b.ResetTimer()
			var cpu time.Duration
			waits := make([]time.Duration, 0, b.N)
			for i := range b.N {
				b.StopTimer()
				if err := st.Import(ctx, &news.Batch{Articles: []*news.Article{archiveArticle(cats, -1-i, now)}}); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start, t0 := cpuTime(), time.Now()
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				waits = append(waits, time.Since(t0))
				cpu += cpuTime() - start
				if rec.Code != 200 {
					b.Fatalf("GET %s: %d", req.URL, rec.Code)
				}
			}
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
			slices.Sort(waits)
			b.ReportMetric(float64(waits[len(waits)/2]), "p50-ns")
			b.ReportMetric(float64(waits[len(waits)*99/100]), "p99-ns")
		})
	}
}

// archiveCategories returns eight categories of four subcategories each.
func archiveCategories() []*news.Category {
	var cats []*news.Category
	for t := range 8 {
		top := storetest.NewCategory(fmt.Sprintf("chuyen-muc-%d", t), fmt.Sprintf("Chuyên mục %d", t), uuid.Nil)
		cats = append(cats, top)
		for s := range 4 {
			cats = append(cats, storetest.NewCategory(fmt.Sprintf("chuyen-muc-%d-%d", t, s), fmt.Sprintf("Mục %d.%d", t, s), top.ID))
		}
	}
	return cats
}

var archiveWords = strings.Fields("hội nghị đại hội khoa học công nghệ tập huấn nghiệm thu đề tài chuyển đổi số " +
	"đo lường chất lượng sở hữu trí tuệ khởi nghiệp đổi mới sáng tạo năng lượng tiêu chuẩn thông báo " +
	"kế hoạch tỉnh huyện xã doanh nghiệp hợp tác giống lúa thủy sản nông nghiệp báo cáo sơ kết tổng kết")

// archiveArticle returns article i of the archive, published i minutes
// before now (after now for a negative i: the articles published during the
// benchmark, made visible by a clock that does not move).
func archiveArticle(cats []*news.Category, i int, now time.Time) *news.Article {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	words := func(n int) string {
		w := make([]string, n)
		for j := range w {
			w[j] = archiveWords[r.IntN(len(archiveWords))]
		}
		return strings.Join(w, " ")
	}
	at := now.Add(-time.Duration(max(i, 1)) * time.Minute)
	a := storetest.NewArticle(cats[r.IntN(len(cats))].ID, "bai-"+strings.ReplaceAll(strconv.Itoa(i), "-", "moi-"), "Tin "+words(8), at)
	a.Summary = words(20) + "."
	a.Body = "<p>" + words(40) + ".</p><p>" + words(30) + ".</p>"
	a.Tags = []string{fmt.Sprintf("Chủ đề %d", r.IntN(50)), "Khoa học"}
	return a
}
