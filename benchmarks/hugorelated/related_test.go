package hugorelated

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/related"
	"github.com/orgnews/orgnews/internal/topics"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// hugoConfig is the [related] section of a Hugo site's hugo.toml, as the
// package doc shows it.
var hugoConfig = hmaps.Params{
	"includeNewer": true,
	"threshold":    80,
	"toLower":      true,
	"indices": []any{
		hmaps.Params{"name": "title", "weight": 100, "tokenize": true},
		hmaps.Params{"name": "tags", "weight": 80},
		hmaps.Params{"name": "date", "weight": 10},
	},
}

// A page is an article as Hugo's related package sees a page: its title,
// tags and publish date, looked up by index name as Hugo's pages do
// (hugolib's pageState.RelatedKeywords).
type page struct {
	a *news.Article
}

// RelatedKeywords returns the page's keywords for the index cfg.
func (p *page) RelatedKeywords(cfg related.IndexConfig) ([]string, error) {
	switch cfg.Name {
	case "title":
		return cfg.ToKeywords(p.a.Title)
	case "tags":
		return cfg.ToKeywords(p.a.Tags)
	case "date":
		return cfg.ToKeywords(p.a.PublishAt)
	}
	return nil, nil
}

// PublishDate returns the article's PublishAt.
func (p *page) PublishDate() time.Time { return p.a.PublishAt }

// Name returns the article's slug, Hugo's tie-break.
func (p *page) Name() string { return p.a.Slug }

// k is the length of the related lists compared.
const k = 5

// An impl is one of the related indexes compared.
type impl struct {
	name  string
	build func(ctx context.Context, s *archive) (relatedFunc, error)
}

// A relatedFunc returns the k articles related to the i-th
// article of the archive, best first.
type relatedFunc func(ctx context.Context, i int) ([]*news.Article, error)

// impls are the indexes compared, the baseline first.
var impls = []impl{
	{"hugo", buildHugo},
	{"orgnews", buildOrgnews},
}

// buildHugo builds Hugo's index of the archive's pages, as a site does
// before its first Related.
func buildHugo(ctx context.Context, s *archive) (relatedFunc, error) {
	cfg, err := related.DecodeConfig(hugoConfig)
	if err != nil {
		return nil, err
	}
	idx := related.NewInvertedIndex(cfg)
	for _, p := range s.pages {
		if err := idx.Add(ctx, p); err != nil {
			return nil, err
		}
	}
	if err := idx.Finalize(ctx); err != nil {
		return nil, err
	}
	return func(ctx context.Context, i int) ([]*news.Article, error) {
		docs, err := idx.Search(ctx, related.SearchOpts{Document: s.pages[i]})
		if err != nil {
			return nil, err
		}
		out := make([]*news.Article, 0, k)
		for _, d := range docs[:min(k, len(docs))] {
			out = append(out, d.(*page).a)
		}
		return out, nil
	}, nil
}

// buildOrgnews builds orgnews's index of the archive's store, as a new
// news.Public does on its first Related.
func buildOrgnews(ctx context.Context, s *archive) (relatedFunc, error) {
	p := news.NewPublic(s.store, &news.PublicOptions{Now: func() time.Time { return topics.Newest }})
	if _, err := p.Related(ctx, s.corpus.Articles[0], 1); err != nil {
		return nil, err
	}
	return func(ctx context.Context, i int) ([]*news.Article, error) {
		list, err := p.Related(ctx, s.corpus.Articles[i], k)
		if err != nil {
			return nil, err
		}
		out := make([]*news.Article, len(list))
		for j, r := range list {
			out[j] = r.Article
		}
		return out, nil
	}, nil
}

// An archive is the corpus both indexes are built from: in a memstore for
// orgnews, as pages for Hugo.
type archive struct {
	corpus  *topics.Corpus
	store   *memstore.Store
	pages   []*page
	lookups []int // the articles looked up: 128 (or all), spread over the archive
}

// newArchive generates the corpus of n articles and loads it.
func newArchive(n int) (*archive, error) {
	c, err := topics.New(n)
	if err != nil {
		return nil, err
	}
	s := &archive{corpus: c, store: memstore.New()}
	if err := s.store.Import(context.Background(), &news.Batch{Categories: c.Categories, Articles: c.Articles}); err != nil {
		return nil, err
	}
	for _, a := range c.Articles {
		s.pages = append(s.pages, &page{a: a})
	}
	m := min(n, 128)
	for j := range m {
		s.lookups = append(s.lookups, j*n/m)
	}
	return s, nil
}

// precision returns the share of the articles related to the looked-up
// ones (list[j] to the lookups[j]-th article) that are on its topic.
func (s *archive) precision(lists [][]*news.Article) float64 {
	var hits, total int
	for j, list := range lists {
		for _, b := range list {
			total++
			if s.corpus.SameTopic(s.corpus.Articles[s.lookups[j]].ID, b.ID) {
				hits++
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(hits) / float64(total)
}

// benchN returns the archive size of the benchmarks: ORGNEWS_BENCH_N, or
// 100,000.
func benchN(b *testing.B) int {
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

var archives sync.Map // n → *loaded

type loaded struct {
	once sync.Once
	s    *archive
	err  error
}

// loadedArchive returns the archive of n articles, made once per test
// binary.
func loadedArchive(tb testing.TB, n int) *archive {
	tb.Helper()
	v, _ := archives.LoadOrStore(n, &loaded{})
	l := v.(*loaded)
	l.once.Do(func() { l.s, l.err = newArchive(n) })
	if l.err != nil {
		tb.Fatal(l.err)
	}
	return l.s
}

// lookUp looks up every article of s.lookups with f and returns the lists.
func lookUp(ctx context.Context, s *archive, f relatedFunc) ([][]*news.Article, error) {
	lists := make([][]*news.Article, len(s.lookups))
	for j, i := range s.lookups {
		list, err := f(ctx, i)
		if err != nil {
			return nil, fmt.Errorf("related to %q: %w", s.corpus.Articles[i].Slug, err)
		}
		lists[j] = list
	}
	return lists, nil
}
