package storetest_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/news/storetest"
)

// TestRun is the control for TestSuiteIsStrict: the in-memory store passes.
func TestRun(t *testing.T) {
	storetest.Run(t, func(*testing.T) news.Store { return memstore.New() })
}

// sloppyEnv names the flaw TestSloppy gives its store.
const sloppyEnv = "STORETEST_SLOPPY"

// A sloppy store is a memstore.Store with one flaw, named by kind.
type sloppy struct {
	*memstore.Store
	kind string

	mu       sync.Mutex
	shared   map[uuid.UUID]*news.Article // kind "shared": what Article handed out
	failures int64                       // kind "version-on-failure": failed writes
}

// flaws lists each flaw and a sub-test of the suite that must catch it.
var flaws = []struct{ kind, catcher string }{
	{"shared", "ArticleCopies"},
	{"no-alias-lookup", "ArticleRoundTrip"},
	{"no-old-url-lookup", "ArticleOldURLs"},
	{"exact-tag", "ArticlesFilters"},
	{"exact-category", "ArticlesFilters"},
	{"exact-author", "ArticlesFilters"},
	{"version-on-failure", "ArticleConflicts"},
	{"next-on-last-page", "ArticlesLimit"},
	{"import-not-atomic", "ImportAtomic"},
	{"next-publish-inclusive", "NextPublishAt"},
	{"no-title-rank", "Search"},
	{"no-fold-search", "Search"},
	{"millisecond-times", "ArticleRoundTrip"},
	{"id-ascending", "ArticlesOrder"},
	{"short-pages", "ArticlesPagination"},
}

func (s *sloppy) note(err error) error {
	if err != nil && s.kind == "version-on-failure" {
		s.mu.Lock()
		s.failures++
		s.mu.Unlock()
	}
	return err
}

func (s *sloppy) truncate(a *news.Article) *news.Article {
	if s.kind != "millisecond-times" {
		return a
	}
	a = a.Clone()
	a.PublishAt = a.PublishAt.Truncate(time.Millisecond)
	a.CreatedAt = a.CreatedAt.Truncate(time.Millisecond)
	a.UpdatedAt = a.UpdatedAt.Truncate(time.Millisecond)
	return a
}

func (s *sloppy) CreateArticle(ctx context.Context, a *news.Article) error {
	return s.note(s.Store.CreateArticle(ctx, s.truncate(a)))
}

func (s *sloppy) UpdateArticle(ctx context.Context, a *news.Article) error {
	return s.note(s.Store.UpdateArticle(ctx, s.truncate(a)))
}

func (s *sloppy) DeleteArticle(ctx context.Context, id uuid.UUID) error {
	return s.note(s.Store.DeleteArticle(ctx, id))
}

func (s *sloppy) CreateCategory(ctx context.Context, c *news.Category) error {
	return s.note(s.Store.CreateCategory(ctx, c))
}

func (s *sloppy) UpdateCategory(ctx context.Context, c *news.Category) error {
	return s.note(s.Store.UpdateCategory(ctx, c))
}

func (s *sloppy) DeleteCategory(ctx context.Context, id uuid.UUID) error {
	return s.note(s.Store.DeleteCategory(ctx, id))
}

func (s *sloppy) Version(ctx context.Context) (int64, error) {
	v, err := s.Store.Version(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	return v + s.failures, err
}

func (s *sloppy) Article(ctx context.Context, id uuid.UUID) (*news.Article, error) {
	if s.kind != "shared" {
		return s.Store.Article(ctx, id)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.shared[id]; a != nil {
		return a, nil
	}
	a, err := s.Store.Article(ctx, id)
	if err == nil {
		s.shared[id] = a
	}
	return a, err
}

func (s *sloppy) ArticleBySlug(ctx context.Context, slug string) (*news.Article, error) {
	a, err := s.Store.ArticleBySlug(ctx, slug)
	if err == nil && s.kind == "no-alias-lookup" && a.Slug != slug {
		return nil, news.ErrNotFound
	}
	return a, err
}

func (s *sloppy) ArticleByOldURL(ctx context.Context, path string) (*news.Article, error) {
	if s.kind == "no-old-url-lookup" {
		return nil, news.ErrNotFound
	}
	return s.Store.ArticleByOldURL(ctx, path)
}

func (s *sloppy) NextPublishAt(ctx context.Context, t time.Time) (time.Time, error) {
	if s.kind == "next-publish-inclusive" {
		t = t.Add(-time.Nanosecond)
	}
	return s.Store.NextPublishAt(ctx, t)
}

func (s *sloppy) Import(ctx context.Context, b *news.Batch) error {
	if s.kind != "import-not-atomic" {
		return s.note(s.Store.Import(ctx, b))
	}
	for _, c := range b.Categories {
		if err := s.Store.CreateCategory(ctx, c); errors.Is(err, news.ErrConflict) {
			if err := s.Store.UpdateCategory(ctx, c); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
	}
	for _, a := range b.Articles {
		if err := s.Store.UpdateArticle(ctx, a); errors.Is(err, news.ErrNotFound) {
			if err := s.Store.CreateArticle(ctx, a); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
	}
	return nil
}

func (s *sloppy) Articles(ctx context.Context, q news.Query) (*news.Page, error) {
	if s.kind == "short-pages" && q.Limit > 1 {
		q.Limit--
	}
	p, err := s.Store.Articles(ctx, q)
	if err != nil {
		return p, err
	}
	keep := func(f func(a *news.Article) bool) {
		p.Articles = slices.DeleteFunc(p.Articles, func(a *news.Article) bool { return !f(a) })
	}
	switch s.kind {
	case "exact-tag":
		if q.Tag != "" {
			keep(func(a *news.Article) bool { return slices.Contains(a.Tags, q.Tag) })
		}
	case "exact-category":
		if q.CategoryID != uuid.Nil {
			keep(func(a *news.Article) bool { return a.CategoryID == q.CategoryID })
		}
	case "exact-author":
		if q.Author != "" {
			keep(func(a *news.Article) bool { return a.Author == q.Author })
		}
	case "no-fold-search":
		if q.Text != "" {
			keep(func(a *news.Article) bool {
				return strings.Contains(strings.ToLower(a.Title+" "+a.Summary+" "+a.Body), strings.ToLower(q.Text))
			})
		}
	case "no-title-rank":
		if q.Text != "" {
			slices.SortStableFunc(p.Articles, func(a, b *news.Article) int { return b.PublishAt.Compare(a.PublishAt) })
		}
	case "id-ascending":
		slices.SortStableFunc(p.Articles, func(a, b *news.Article) int {
			if c := b.PublishAt.Compare(a.PublishAt); c != 0 || q.Text != "" {
				return c
			}
			return bytes.Compare(a.ID[:], b.ID[:])
		})
	case "next-on-last-page":
		if p.Next == "" && len(p.Articles) > 0 {
			p.Next = news.CursorAfter(p.Articles[len(p.Articles)-1], 0).String()
		}
	}
	return p, nil
}

// TestSloppy runs the suite against the store with the flaw named in
// $STORETEST_SLOPPY. TestSuiteIsStrict runs it in a child process and
// expects it to fail.
func TestSloppy(t *testing.T) {
	kind := os.Getenv(sloppyEnv)
	if kind == "" {
		t.Skip("runs only as a child of TestSuiteIsStrict")
	}
	storetest.Run(t, func(*testing.T) news.Store {
		return &sloppy{Store: memstore.New(), kind: kind, shared: make(map[uuid.UUID]*news.Article)}
	})
}

// TestSuiteIsStrict checks that the suite catches each flaw of a store.
func TestSuiteIsStrict(t *testing.T) {
	if os.Getenv(sloppyEnv) != "" {
		t.Skip("already a child")
	}
	for _, fl := range flaws {
		t.Run(fl.kind, func(t *testing.T) {
			t.Parallel()
			cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestSloppy$/^"+fl.catcher+"$", "-test.count=1")
			cmd.Env = append(os.Environ(), sloppyEnv+"="+fl.kind)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the suite passed a store with the flaw %q:\n%s", fl.kind, out)
			}
			if want := "--- FAIL: TestSloppy/" + fl.catcher; !strings.Contains(string(out), want) {
				t.Errorf("output for the flaw %q lacks %q:\n%s", fl.kind, want, out)
			}
		})
	}
}
