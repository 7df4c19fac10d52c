package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/news/sqlstore"
	"github.com/orgnews/orgnews/news/storetest"
)

// Benchmarks run on generated archives of ORGNEWS_BENCH_N articles
// (100,000 by default) in memstore, SQLite and, when ORGNEWS_TEST_POSTGRES
// is set, PostgreSQL:
//
//	go test -run '^$' -bench . -benchtime 2000x ./news/sqlstore/
//	ORGNEWS_BENCH_N=1000000 go test -run '^$' -bench . -benchtime 2000x -timeout 2h ./news/sqlstore/
//
// Building an archive is not timed by the query benchmarks; it is logged
// with its import rate. Archives are built once per process, in a
// temporary directory (and PostgreSQL schemas) removed by TestMain. With
// ORGNEWS_BENCH_KEEP set to a directory, the SQLite and PostgreSQL
// archives are kept instead (SQLite files in that directory, PostgreSQL
// schemas named orgnews_bench_keep_N) and a later run reuses them, so a
// million-article archive is built once:
//
//	ORGNEWS_BENCH_KEEP=$HOME/orgnews-bench ORGNEWS_BENCH_N=1000000 go test -run '^$' -bench Queries ./news/sqlstore/
const (
	benchEnv     = "ORGNEWS_BENCH_N"
	benchKeepEnv = "ORGNEWS_BENCH_KEEP"
)

func TestMain(m *testing.M) {
	code := m.Run()
	benchCleanup()
	os.Exit(code)
}

// benchN returns the archive size of the benchmarks.
func benchN(tb testing.TB) int {
	tb.Helper()
	s := os.Getenv(benchEnv)
	if s == "" {
		return 100_000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1000 {
		tb.Fatalf("%s=%q: want a number of articles, at least 1000", benchEnv, s)
	}
	return n
}

// The generated archive: benchTops top-level categories, each with
// benchSubs subcategories; articles one minute apart, newest first,
// spread over the leaf categories and, every tenth, a top category.
const (
	benchTops  = 8
	benchSubs  = 4
	benchBatch = 1000
)

var (
	benchWords = strings.Fields("hội nghị đại hội khoa học công nghệ tập huấn nghiệm thu đề tài " +
		"chuyển đổi số đo lường chất lượng sở hữu trí tuệ khởi nghiệp đổi mới sáng tạo năng lượng " +
		"nguyên tử an toàn bức xạ tiêu chuẩn thông báo tuyển dụng kế hoạch năm tỉnh huyện xã " +
		"doanh nghiệp hợp tác quốc tế giống lúa thủy sản nông nghiệp công nghệ cao báo cáo sơ kết tổng kết")
	benchNow = testBase.Add(24 * time.Hour)
)

func benchCategories() []*news.Category {
	var cats []*news.Category
	for t := range benchTops {
		top := storetest.NewCategory(fmt.Sprintf("chuyen-muc-%d", t), fmt.Sprintf("Chuyên mục %d", t), uuid.Nil)
		top.ID = benchID(0xC0, t*16)
		top.Position = t
		cats = append(cats, top)
		for s := range benchSubs {
			sub := storetest.NewCategory(fmt.Sprintf("chuyen-muc-%d-%d", t, s), fmt.Sprintf("Mục %d.%d", t, s), top.ID)
			sub.ID = benchID(0xC0, t*16+s+1)
			sub.Position = s
			cats = append(cats, sub)
		}
	}
	return cats
}

func benchID(kind byte, n int) uuid.UUID {
	id := uuid.UUID{0: kind, 6: 0x40, 8: 0x80}
	copy(id[9:], []byte{byte(n >> 48), byte(n >> 40), byte(n >> 32), byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)})
	return id
}

// benchArticle returns article i of the archive; larger i is older.
func benchArticle(i int) *news.Article {
	r := rand.New(rand.NewPCG(uint64(i), 42))
	t := r.IntN(benchTops)
	cat := benchID(0xC0, t*16+1+r.IntN(benchSubs))
	if i%10 == 0 {
		cat = benchID(0xC0, t*16)
	}
	words := func(n int) string {
		w := make([]string, n)
		for j := range w {
			w[j] = benchWords[r.IntN(len(benchWords))]
		}
		return strings.Join(w, " ")
	}
	title := words(6 + r.IntN(6))
	first, size := utf8.DecodeRuneInString(title)
	title = string(unicode.ToUpper(first)) + title[size:]
	// One article in 500 speaks of rooftop solar power, in its title or
	// its body: the rare search.
	switch i % 500 {
	case 0:
		title += ": điện mặt trời áp mái"
	case 250:
		title += ": năng lượng tái tạo"
	}
	a := storetest.NewArticle(cat, fmt.Sprintf("bai-%d", i), title, benchNow.Add(-time.Duration(i)*time.Minute))
	a.ID = benchID(0xA0, i)
	a.Summary = words(20) + "."
	a.Body = "<p>" + words(40) + ".</p><p>" + words(30) + ".</p>"
	if i%500 == 250 {
		a.Body += "<p>Lắp đặt điện mặt trời áp mái cho trụ sở.</p>"
	}
	a.Tags = []string{fmt.Sprintf("Chủ đề %d", r.IntN(50)), "Khoa học"}
	return a
}

// An archive is a generated archive in one store.
type archive struct {
	store news.Store
	n     int
	rate  float64 // articles per second imported
}

var (
	benchMu       sync.Mutex
	benchArchives = map[string]*archive{} // by backend and size
	benchDir      string                  // SQLite files
	benchSchemas  []string                // PostgreSQL schemas to drop
	benchClosers  []func() error
)

func benchCleanup() {
	benchMu.Lock()
	defer benchMu.Unlock()
	for _, c := range benchClosers {
		c()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	if len(benchSchemas) > 0 {
		if db, err := sql.Open("pgx", os.Getenv(postgresEnv)); err == nil {
			for _, s := range benchSchemas {
				db.Exec("DROP SCHEMA " + s + " CASCADE")
			}
			db.Close()
		}
	}
}

// getArchive returns the archive of n articles in the backend ("memstore",
// "sqlite" or "postgres"), building it on first use.
func getArchive(b *testing.B, backend string, n int) *archive {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	key := backend + "/" + strconv.Itoa(n)
	if a := benchArchives[key]; a != nil {
		return a
	}
	ctx := context.Background()
	keep := os.Getenv(benchKeepEnv)
	// done marks a kept archive as complete.
	done := filepath.Join(keep, fmt.Sprintf("%s-%d.done", backend, n))
	reuse := false
	if keep != "" {
		_, err := os.Stat(done)
		reuse = err == nil
	}
	var s news.Store
	var schema string // PostgreSQL's
	switch backend {
	case "memstore":
		s = memstore.New()
	case "sqlite":
		dir := keep
		if dir == "" {
			if benchDir == "" {
				d, err := os.MkdirTemp("", "orgnews-bench")
				if err != nil {
					b.Fatal(err)
				}
				benchDir = d
			}
			dir = benchDir
		} else if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		file := filepath.Join(dir, key[len("sqlite/"):]+".db")
		if !reuse {
			// A kept archive whose build did not finish.
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(file + suffix)
			}
		}
		st, err := sqlstore.Open(ctx, "sqlite", file, nil)
		if err != nil {
			b.Fatal(err)
		}
		benchClosers = append(benchClosers, st.Close)
		s = st
	case "postgres":
		base := postgresURL(b)
		schema = fmt.Sprintf("orgnews_bench_%d_%d", os.Getpid(), n)
		if keep != "" {
			schema = fmt.Sprintf("orgnews_bench_keep_%d", n)
			if err := os.MkdirAll(keep, 0o755); err != nil {
				b.Fatal(err)
			}
		}
		db, err := sql.Open("pgx", base)
		if err != nil {
			b.Fatal(err)
		}
		if !reuse {
			_, err = db.Exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE")
		}
		if err == nil {
			_, err = db.Exec("CREATE SCHEMA IF NOT EXISTS " + schema)
		}
		db.Close()
		if err != nil {
			b.Fatal(err)
		}
		if keep == "" {
			benchSchemas = append(benchSchemas, schema)
		}
		u, err := url.Parse(base)
		if err != nil {
			b.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		st, err := sqlstore.Open(ctx, "pgx", u.String(), nil)
		if err != nil {
			b.Fatal(err)
		}
		benchClosers = append(benchClosers, st.Close)
		s = st
	}
	if reuse && backend != "memstore" {
		b.Logf("reusing %s from %s", key, keep)
		a := &archive{store: s, n: n}
		benchArchives[key] = a
		return a
	}
	start := time.Now()
	if err := s.Import(ctx, &news.Batch{Categories: benchCategories()}); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < n; i += benchBatch {
		batch := &news.Batch{}
		for j := i; j < min(i+benchBatch, n); j++ {
			batch.Articles = append(batch.Articles, benchArticle(j))
		}
		if err := s.Import(ctx, batch); err != nil {
			b.Fatalf("Import: %v", err)
		}
	}
	a := &archive{store: s, n: n, rate: float64(n) / time.Since(start).Seconds()}
	if st, ok := s.(*sqlstore.Store); ok && st.Dialect() == sqlstore.PostgreSQL {
		// Fresh statistics, as autovacuum would gather them soon.
		db, err := sql.Open("pgx", os.Getenv(postgresEnv))
		if err == nil {
			db.Exec("ANALYZE " + schema + ".articles")
			db.Close()
		}
	}
	if keep != "" && backend != "memstore" {
		if err := os.WriteFile(done, nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("built %s: %d articles at %.0f articles/s", key, n, a.rate)
	benchArchives[key] = a
	return a
}

// benchBackends returns the backends to compare: memstore, SQLite, and
// PostgreSQL when ORGNEWS_TEST_POSTGRES is set.
func benchBackends() []string {
	out := []string{"memstore", "sqlite"}
	if os.Getenv(postgresEnv) != "" {
		out = append(out, "postgres")
	}
	return out
}

// measure runs op b.N times with i = 0, 1, … and reports the median and
// 99th percentile latency in microseconds besides ns/op.
func measure(b *testing.B, op func(i int) error) {
	b.Helper()
	d := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		d = append(d, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(d)
	pct := func(p float64) float64 { return float64(d[int(p*float64(len(d)-1))].Nanoseconds()) / 1e3 }
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}

// expect returns an error unless p holds want articles.
func expect(p *news.Page, want int) error {
	if len(p.Articles) != want {
		return fmt.Errorf("page of %d articles, want %d", len(p.Articles), want)
	}
	return nil
}

// BenchmarkQueries measures the reads a news site makes, on every backend
// with the same archive.
func BenchmarkQueries(b *testing.B) {
	n := benchN(b)
	ctx := context.Background()
	published := news.StatusPublished
	for _, backend := range benchBackends() {
		b.Run(backend, func(b *testing.B) {
			s := getArchive(b, backend, n).store
			b.Run("latest-10-in-category", func(b *testing.B) {
				// A top category: its own articles and its 4 subcategories'.
				measure(b, func(i int) error {
					p, err := s.Articles(ctx, news.Query{CategoryID: benchID(0xC0, (i%benchTops)*16),
						Status: published, To: benchNow, Limit: 10})
					if err != nil {
						return err
					}
					return expect(p, 10)
				})
			})
			b.Run("keyset-page-deep", func(b *testing.B) {
				// A page of 20 that starts 80% to 98% into the archive.
				measure(b, func(i int) error {
					k := n*8/10 + (i*7919)%(n*18/100)
					cur := news.CursorAfter(benchArticle(k), 0).String()
					p, err := s.Articles(ctx, news.Query{Status: published, To: benchNow, Cursor: cur})
					if err != nil {
						return err
					}
					return expect(p, 20)
				})
			})
			// Common searches match most of the archive (its vocabulary is
			// small): the worst case, every match ranked and sorted. The
			// rare one matches 1 article in 250, as a name or a place would.
			searches := []string{"dai hoi khoa hoc", "nghiem thu de tai", "chuyen doi so", "an toan buc xa tieu chuan"}
			b.Run("search-common", func(b *testing.B) {
				measure(b, func(i int) error {
					p, err := s.Articles(ctx, news.Query{Text: searches[i%len(searches)], Status: published, To: benchNow, Limit: 10})
					if err != nil {
						return err
					}
					return expect(p, 10)
				})
			})
			if sql, ok := s.(*sqlstore.Store); ok {
				// What a ranked search of several words adds to find its
				// rarest word: each word's matches counted, up to
				// news.MaxRarityCount+1, in one statement (cold), or
				// the counts the Store keeps until its version moves.
				for _, cold := range []bool{true, false} {
					name := "search-common-rarity-warm"
					if cold {
						name = "search-common-rarity-cold"
					}
					b.Run(name, func(b *testing.B) {
						measure(b, func(i int) error {
							_, err := sqlstore.MeasureRarity(ctx, sql, searches[i%len(searches)], cold)
							return err
						})
					})
				}
			}
			b.Run("search-rare", func(b *testing.B) {
				measure(b, func(i int) error {
					p, err := s.Articles(ctx, news.Query{Text: "dien mat troi", Status: published, To: benchNow, Limit: 10})
					if err != nil {
						return err
					}
					return expect(p, 10)
				})
			})
			// One word that most articles hold, and a phrase of two
			// syllables that about one article in twenty holds, in its
			// body mostly: every match of either is ranked. The
			// search-newest ones list the matches newest first
			// (news.SortNewest) instead.
			for _, tc := range []struct {
				name, text string
				sort       news.Sort
			}{
				{"search-common-word", "hội", ""},
				{"search-phrase", "đại hội", ""},
				{"search-newest-common-word", "hội", news.SortNewest},
				{"search-newest-rare", "dien mat troi", news.SortNewest},
			} {
				b.Run(tc.name, func(b *testing.B) {
					measure(b, func(i int) error {
						p, err := s.Articles(ctx, news.Query{Text: tc.text, Sort: tc.sort, Status: published, To: benchNow, Limit: 10})
						if err != nil {
							return err
						}
						return expect(p, 10)
					})
				})
			}
			// The same words sorted by date (news.SortNewest): the newest
			// matches, whatever they match.
			for _, tc := range []struct{ name, text string }{
				{"search-newest-common-word", "hội"},
				{"search-newest-rare", "dien mat troi"},
			} {
				b.Run(tc.name, func(b *testing.B) {
					measure(b, func(i int) error {
						p, err := s.Articles(ctx, news.Query{Text: tc.text, Sort: news.SortNewest,
							Status: published, To: benchNow, Limit: 10})
						if err != nil {
							return err
						}
						return expect(p, 10)
					})
				})
			}
			b.Run("same-category", func(b *testing.B) {
				// What news.Public.SameCategory asks: the newest of the
				// article's (leaf) category but the article itself.
				measure(b, func(i int) error {
					a := benchArticle((i * 104729) % n)
					p, err := s.Articles(ctx, news.Query{CategoryID: a.CategoryID, Exclude: a.ID,
						Status: published, To: benchNow, Limit: 10})
					if err != nil {
						return err
					}
					return expect(p, 10)
				})
			})
		})
	}
}

// BenchmarkFirstCategoryPage measures the first page of a category on an
// archive of N/10 and N articles: the two must cost about the same.
func BenchmarkFirstCategoryPage(b *testing.B) {
	n := benchN(b)
	ctx := context.Background()
	for _, backend := range benchBackends() {
		for _, size := range []int{n / 10, n} {
			b.Run(fmt.Sprintf("%s/n=%d", backend, size), func(b *testing.B) {
				s := getArchive(b, backend, size).store
				measure(b, func(i int) error {
					p, err := s.Articles(ctx, news.Query{CategoryID: benchID(0xC0, (i%benchTops)*16),
						Status: news.StatusPublished, To: benchNow, Limit: 20})
					if err != nil {
						return err
					}
					return expect(p, 20)
				})
			})
		}
	}
}

// BenchmarkImport measures Import of batches of 1,000 articles into a
// growing database and reports articles per second.
func BenchmarkImport(b *testing.B) {
	ctx := context.Background()
	for _, backend := range benchBackends() {
		b.Run(backend, func(b *testing.B) {
			var s news.Store
			switch backend {
			case "memstore":
				s = memstore.New()
			case "sqlite":
				s, _ = openSQLite(b, nil)
			case "postgres":
				s, _ = openPostgres(b, nil)
			}
			if err := s.Import(ctx, &news.Batch{Categories: benchCategories()}); err != nil {
				b.Fatal(err)
			}
			batches := make([]*news.Batch, b.N)
			for i := range batches {
				batches[i] = &news.Batch{Articles: make([]*news.Article, benchBatch)}
				for j := range benchBatch {
					batches[i].Articles[j] = benchArticle(i*benchBatch + j)
				}
			}
			b.ResetTimer()
			start := time.Now()
			for i := range b.N {
				if err := s.Import(ctx, batches[i]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*benchBatch)/time.Since(start).Seconds(), "articles/s")
		})
	}
}

// BenchmarkRelated measures Public.Related's index on every backend with
// the same archive: building it from the store's articles (cold,
// reporting the heap it holds, index-MiB and index-B/article), starting
// from the snapshot a SQL store keeps (start: read it, then follow the
// change log from its version, as a process starting does; the heap
// likewise), the first lookup after a write (after-write: the index
// follows the change log), and a lookup.
func BenchmarkRelated(b *testing.B) {
	n := benchN(b)
	ctx := context.Background()
	for _, backend := range benchBackends() {
		b.Run(backend, func(b *testing.B) {
			s := getArchive(b, backend, n).store
			now := func() time.Time { return benchNow }
			lookup := benchArticle(n / 3)
			// cold measures the first lookup of new Public views over st.
			cold := func(b *testing.B, st news.Store) {
				var keep []*news.Public
				var held float64
				for b.Loop() {
					b.StopTimer()
					var before, after runtime.MemStats
					runtime.GC()
					runtime.ReadMemStats(&before)
					p := news.NewPublic(st, &news.PublicOptions{Now: now})
					b.StartTimer()
					if _, err := p.Related(ctx, lookup, 10); err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					runtime.GC()
					runtime.ReadMemStats(&after)
					held += float64(after.HeapAlloc) - float64(before.HeapAlloc)
					keep = append(keep, p)
					b.StartTimer()
				}
				runtime.KeepAlive(keep)
				b.ReportMetric(held/float64(b.N)/(1<<20), "index-MiB")
				b.ReportMetric(held/float64(b.N)/float64(n), "index-B/article")
			}
			st := s
			if sq, ok := s.(*sqlstore.Store); ok {
				st = fromArchive{Store: sq, s: sq}
			}
			b.Run("cold", func(b *testing.B) { cold(b, st) })
			if sq, ok := s.(*sqlstore.Store); ok {
				// A view saves a snapshot after it builds the index.
				if _, err := news.NewPublic(sq, &news.PublicOptions{Now: now}).Related(ctx, lookup, 10); err != nil {
					b.Fatal(err)
				}
				for start := time.Now(); ; time.Sleep(10 * time.Millisecond) {
					if snap, err := sq.RelatedSnapshot(ctx); err != nil || snap != nil {
						break
					}
					if time.Since(start) > time.Minute {
						b.Fatal("no related snapshot saved within a minute")
					}
				}
				b.Run("start", func(b *testing.B) { cold(b, sq) })
			}
			p := news.NewPublic(s, &news.PublicOptions{Now: now})
			if _, err := p.Related(ctx, lookup, 10); err != nil {
				b.Fatal(err)
			}
			b.Run("after-write", func(b *testing.B) {
				edited := benchArticle(n / 2)
				for i := 0; b.Loop(); i++ {
					b.StopTimer()
					edited.Title = fmt.Sprintf("Hội thảo khoa học lần %d", i)
					if err := s.UpdateArticle(ctx, edited); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					if _, err := p.Related(ctx, lookup, 10); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("lookup", func(b *testing.B) {
				measure(b, func(i int) error {
					list, err := p.Related(ctx, benchArticle((i*104729)%n), 10)
					if err == nil && len(list) != 10 {
						err = fmt.Errorf("%d related articles, want 10", len(list))
					}
					return err
				})
			})
		})
	}
}
