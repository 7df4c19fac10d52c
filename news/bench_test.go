package news_test

// Benchmarks on a generated corpus. Run them with
//
//	go test -run '^$' -bench . -benchtime 200x ./news/
//
// BenchmarkRelated and BenchmarkRelatedLinearScan score the same articles
// of the same 100,000-article corpus in the same run: the index lookup
// must be at least 50 times faster than the linear scan (which is given
// every article's tags and keywords precomputed, so it measures the scan
// alone). The ratio is reported by the benchmarks, not asserted by a
// test, since timings on a shared machine are not a test's business;
// TestRelatedMatchesLinearScan checks that both give the same answer.
// BenchmarkSameCategory and BenchmarkArticles run at 10,000 and 100,000
// articles to show that their cost does not grow with the store.
//
// The Related benchmarks run at ORGNEWS_BENCH_N articles, 100,000 by
// default; the 1,000,000-article run takes a few GiB and minutes:
//
//	ORGNEWS_BENCH_N=1000000 go test -run '^$' -bench 'Related' -benchtime 3x -timeout 1h ./news/

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// corpusWords are the phrases generated titles are made of.
var corpusWords = strings.Fields(`khoa_học công_nghệ chuyển_đổi_số hội_nghị tập_huấn sở_hữu_trí_tuệ
	đề_tài nghiệm_thu tiêu_chuẩn đo_lường chất_lượng an_toàn_bức_xạ năng_lượng nông_nghiệp
	công_nghệ_cao doanh_nghiệp khởi_nghiệp đổi_mới sáng_tạo thị_trường chuyển_giao ứng_dụng
	nhãn_hiệu chỉ_dẫn_địa_lý sáng_kiến giải_pháp hội_thi kiểm_tra thanh_tra kế_hoạch triển_khai
	Bến_Tre dừa bưởi_da_xanh sầu_riêng chăn_nuôi thủy_sản tôm_càng_xanh mặn_xâm_nhập hạn_hán
	biến_đổi_khí_hậu nước_sạch năng_lượng_mặt_trời điện_gió trí_tuệ_nhân_tạo dữ_liệu phần_mềm
	an_toàn_thông_tin chính_quyền_số dịch_vụ_công hồ_sơ thủ_tục tiếp_công_dân chi_bộ đảng_viên
	công_đoàn đoàn_thanh_niên phụ_nữ thi_đua khen_thưởng tổng_kết sơ_kết nhiệm_kỳ đại_hội
	hội_thảo tọa_đàm diễn_đàn triển_lãm hội_chợ kết_nối cung_cầu sản_phẩm_OCOP truy_xuất_nguồn_gốc
	mã_số_vùng_trồng phòng_thí_nghiệm kiểm_định hiệu_chuẩn mã_vạch tiêu_chuẩn_ISO quản_lý
	chuyên_gia nhà_khoa_học sinh_viên học_sinh giáo_viên thiết_bị máy_móc công_suất`)

// corpusTags are the tag names; generated articles pick them with a skew,
// so a few are common and most are rare.
var corpusTags = func() []string {
	var out []string
	for _, w := range corpusWords {
		out = append(out, strings.ReplaceAll(w, "_", " "))
	}
	for i := range 400 {
		out = append(out, fmt.Sprintf("chủ đề %d", i))
	}
	return out
}()

// A corpus is a generated news archive.
type corpus struct {
	cats     []*news.Category
	articles []*news.Article
	now      time.Time
}

// makeCorpus generates n published articles over about ten years in 40
// categories (8 top-level, each with 4 children), 5% of them in English,
// deterministically.
func makeCorpus(n int) *corpus {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	c := &corpus{now: time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC)}
	id := func(kind byte, i int) uuid.UUID {
		var u uuid.UUID
		u[0] = kind
		u[12], u[13], u[14], u[15] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i)
		return u
	}
	for i := range 40 {
		cat := &news.Category{ID: id(1, i), Slug: fmt.Sprintf("chuyen-muc-%d", i), Name: fmt.Sprintf("Chuyên mục %d", i), Position: i}
		if i >= 8 {
			cat.ParentID = c.cats[i%8].ID
		}
		c.cats = append(c.cats, cat)
	}
	span := 10 * 365 * 24 * time.Hour
	for i := range n {
		var title []string
		for range 3 + r.IntN(4) {
			title = append(title, strings.ReplaceAll(corpusWords[r.IntN(len(corpusWords))], "_", " "))
		}
		if r.IntN(3) == 0 {
			title = append(title, fmt.Sprintf("năm %d", 2016+r.IntN(11)))
		}
		var tags []string
		for range r.IntN(5) {
			x := r.Float64()
			t := corpusTags[int(x*x*x*float64(len(corpusTags)))]
			if !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
		lang := "vi"
		if r.IntN(20) == 0 {
			lang = "en"
		}
		at := c.now.Add(-time.Duration(float64(span) * float64(i) / float64(n))).Truncate(time.Microsecond)
		t := []rune(strings.Join(title, " "))
		t[0] = unicode.ToUpper(t[0])
		c.articles = append(c.articles, &news.Article{
			ID: id(2, i), Slug: fmt.Sprintf("bai-viet-%d", i), Title: string(t),
			Summary: string(t), Body: "<p>" + string(t) + ".</p>", CategoryID: c.cats[r.IntN(len(c.cats))].ID,
			Tags: tags, Lang: lang, Status: news.StatusPublished, PublishAt: at, CreatedAt: at, UpdatedAt: at,
		})
	}
	return c
}

// store loads the corpus into a new memstore in one batch.
func (c *corpus) store(tb testing.TB) *memstore.Store {
	tb.Helper()
	st := memstore.New()
	if err := st.Import(context.Background(), &news.Batch{Categories: c.cats, Articles: c.articles}); err != nil {
		tb.Fatalf("Import: %v", err)
	}
	return st
}

// public returns a Public view of st at the corpus's time.
func (c *corpus) public(st news.Store) *news.Public {
	return news.NewPublic(st, &news.PublicOptions{Now: func() time.Time { return c.now }})
}

var (
	corpusOnce sync.Map // n → *corpusLoaded
)

type corpusLoaded struct {
	once sync.Once
	c    *corpus
	st   *memstore.Store
}

// loadedCorpus returns the corpus of n articles in a store, made once per
// test binary.
func loadedCorpus(tb testing.TB, n int) (*corpus, *memstore.Store) {
	tb.Helper()
	v, _ := corpusOnce.LoadOrStore(n, &corpusLoaded{})
	l := v.(*corpusLoaded)
	l.once.Do(func() {
		l.c = makeCorpus(n)
		l.st = l.c.store(tb)
	})
	return l.c, l.st
}

// A linearScorer scores every article against the one looked up, the way
// Related would without its index. Features are precomputed.
type linearScorer struct {
	cfg    news.RelatedConfig
	docs   []linearDoc
	tagDF  map[string]int
	wordDF map[string]int
	paths  map[uuid.UUID][]uuid.UUID
}

type linearDoc struct {
	a     *news.Article
	lang  string
	tags  map[string]bool
	words map[string]bool
}

// newLinearScorer returns a scorer of arts with cfg, whose zero fields
// take the defaults.
func newLinearScorer(arts []*news.Article, cats []*news.Category, cfg news.RelatedConfig) *linearScorer {
	d := news.DefaultRelatedConfig
	for _, f := range []struct{ w, def *float64 }{
		{&cfg.TagWeight, &d.TagWeight}, {&cfg.WordWeight, &d.WordWeight}, {&cfg.CategoryWeight, &d.CategoryWeight},
		{&cfg.AncestorWeight, &d.AncestorWeight}, {&cfg.RecencyWeight, &d.RecencyWeight},
	} {
		if *f.w == 0 {
			*f.w = *f.def
		}
	}
	if cfg.RecencyHalfLife == 0 {
		cfg.RecencyHalfLife = d.RecencyHalfLife
	}
	l := &linearScorer{cfg: cfg, tagDF: map[string]int{}, wordDF: map[string]int{}, paths: map[uuid.UUID][]uuid.UUID{}}
	tree := news.NewCategoryTree(cats)
	for _, c := range cats {
		for _, p := range tree.Path(c.ID) {
			l.paths[c.ID] = append(l.paths[c.ID], p.ID)
		}
	}
	for _, a := range arts {
		if a.Status != news.StatusPublished {
			continue
		}
		d := linearDoc{a: a, lang: a.Lang, tags: map[string]bool{}, words: map[string]bool{}}
		for _, t := range a.Tags {
			d.tags[news.Slugify(t)] = true
		}
		for _, w := range news.TitleKeywords(a.Title) {
			d.words[w] = true
		}
		for t := range d.tags {
			l.tagDF[t]++
		}
		for w := range d.words {
			l.wordDF[w]++
		}
		l.docs = append(l.docs, d)
	}
	return l
}

type linearResult struct {
	a     *news.Article
	score float64
}

// related returns the n best articles for a at now.
func (l *linearScorer) related(a *news.Article, now time.Time, n int) []linearResult {
	var tags, words []string
	for _, t := range a.Tags {
		if k := news.Slugify(t); k != "" && !slices.Contains(tags, k) {
			tags = append(tags, k)
		}
	}
	words = news.TitleKeywords(a.Title)
	total := float64(len(l.docs))
	idf := func(df int) float64 { return math.Log1p(total / float64(df)) }
	half := float64(l.cfg.RecencyHalfLife.Microseconds())
	on := func(s news.RelatedSignals) bool { return l.cfg.Disable&s == 0 }
	var out []linearResult
	for i := range l.docs {
		d := &l.docs[i]
		b := d.a
		if b.ID == a.ID || !b.Visible(now) || d.lang != a.Lang || l.cfg.OlderOnly && b.PublishAt.After(a.PublishAt) {
			continue
		}
		var s float64
		match := false
		for _, t := range tags {
			if d.tags[t] && on(news.RelatedTags) {
				s += l.cfg.TagWeight * idf(l.tagDF[t])
				match = true
			}
		}
		for _, w := range words {
			if d.words[w] && on(news.RelatedWords) {
				s += l.cfg.WordWeight * idf(l.wordDF[w])
				match = true
			}
		}
		switch {
		case b.CategoryID == a.CategoryID:
			if on(news.RelatedCategory) {
				s += l.cfg.CategoryWeight
				match = true
			}
		case slices.Contains(l.paths[a.CategoryID], b.CategoryID) || slices.Contains(l.paths[b.CategoryID], a.CategoryID):
			if on(news.RelatedAncestor) {
				s += l.cfg.AncestorWeight
			}
		}
		if !match {
			continue
		}
		if on(news.RelatedRecency) {
			dt := math.Abs(float64(b.PublishAt.UnixMicro() - a.PublishAt.UnixMicro()))
			s += l.cfg.RecencyWeight * math.Exp2(-dt/half)
		}
		out = append(out, linearResult{b, s})
	}
	slices.SortFunc(out, func(x, y linearResult) int {
		if c := cmp.Compare(y.score, x.score); c != 0 {
			return c
		}
		if c := y.a.PublishAt.Compare(x.a.PublishAt); c != 0 {
			return c
		}
		return strings.Compare(x.a.Slug, y.a.Slug)
	})
	return out[:min(n, len(out))]
}

// relatedN returns the corpus size of the Related benchmarks:
// ORGNEWS_BENCH_N, or 100,000.
func relatedN(b *testing.B) int {
	b.Helper()
	s := os.Getenv("ORGNEWS_BENCH_N")
	if s == "" {
		return 100_000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1000 {
		b.Fatalf("ORGNEWS_BENCH_N=%q: want a number of articles, at least 1000", s)
	}
	return n
}

// lookups are the articles the Related benchmarks look up: a spread of
// ages, categories and tags.
func lookups(c *corpus) []*news.Article {
	var out []*news.Article
	for i := 0; i < len(c.articles); i += len(c.articles) / 64 {
		if c.articles[i].Lang == "vi" {
			out = append(out, c.articles[i])
		}
	}
	return out
}

func BenchmarkRelated(b *testing.B) {
	c, st := loadedCorpus(b, relatedN(b))
	p := c.public(st)
	ctx := context.Background()
	list := lookups(c)
	if _, err := p.Related(ctx, list[0], 10); err != nil { // builds the index
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := p.Related(ctx, list[i%len(list)], 10); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRelatedLinearScan(b *testing.B) {
	c, _ := loadedCorpus(b, relatedN(b))
	l := newLinearScorer(c.articles, c.cats, news.DefaultRelatedConfig)
	list := lookups(c)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if got := l.related(list[i%len(list)], c.now, 10); len(got) == 0 {
			b.Fatal("no result")
		}
	}
}

// BenchmarkRelatedIndexBuild measures the index build of a new Public
// view (cold), its start from a snapshot a store keeps (start: the
// snapshot decoded, as a SQL store's is, without the database's read), and
// the rebuild a write costs the next lookup (after-write: only the
// changed article's title and tags are read again).
func BenchmarkRelatedIndexBuild(b *testing.B) {
	c, st := loadedCorpus(b, relatedN(b))
	ctx := context.Background()
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			if _, err := c.public(st).Related(ctx, c.articles[0], 1); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("start", func(b *testing.B) {
		ss := &snapshotStore{Store: st}
		if _, err := c.public(ss).Related(ctx, c.articles[0], 1); err != nil {
			b.Fatal(err)
		}
		for start := time.Now(); ; time.Sleep(time.Millisecond) {
			if _, n := ss.saved(); n > 0 {
				break
			}
			if time.Since(start) > time.Minute {
				b.Fatal("no snapshot saved within a minute")
			}
		}
		for b.Loop() {
			if _, err := c.public(ss).Related(ctx, c.articles[0], 1); err != nil {
				b.Fatal(err)
			}
		}
		ss.mu.Lock()
		b.ReportMetric(float64(len(ss.b))/float64(len(c.articles)), "snapshot-B/article")
		ss.mu.Unlock()
	})
	b.Run("after-write", func(b *testing.B) {
		p := c.public(st)
		if _, err := p.Related(ctx, c.articles[0], 1); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			b.StopTimer()
			if err := st.UpdateArticle(ctx, c.articles[1]); err != nil { // moves the version
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := p.Related(ctx, c.articles[0], 1); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRelatedMemory reports the heap a Public view's related index
// holds (index-MiB), measured after a collection
// before and after the first lookup, and per article (index-B/article).
func BenchmarkRelatedMemory(b *testing.B) {
	c, st := loadedCorpus(b, relatedN(b))
	ctx := context.Background()
	var keep []*news.Public
	var total float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		p := c.public(st)
		if _, err := p.Related(ctx, c.articles[0], 1); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		keep = append(keep, p)
		total += float64(after.HeapAlloc) - float64(before.HeapAlloc)
	}
	runtime.KeepAlive(keep)
	per := total / float64(b.N)
	b.ReportMetric(per/(1<<20), "index-MiB")
	b.ReportMetric(per/float64(len(c.articles)), "index-B/article")
}

func BenchmarkSameCategory(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			c, st := loadedCorpus(b, n)
			p := c.public(st)
			ctx := context.Background()
			list := lookups(c)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := p.SameCategory(ctx, list[i%len(list)], 15); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkArticles(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			c, st := loadedCorpus(b, n)
			p := c.public(st)
			ctx := context.Background()
			queries := []news.Query{{}, {CategoryID: c.cats[3].ID}, {Tag: corpusTags[5]}, {Limit: news.MaxLimit}}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if _, err := p.Articles(ctx, queries[i%len(queries)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
