package memstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/news/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(*testing.T) news.Store { return memstore.New() })
}

// TestLargeArchive checks the indexes on lists long enough to span many
// blocks, against a plain sort of the same articles.
func TestLargeArchive(t *testing.T) {
	ctx := t.Context()
	s := memstore.New()
	root := storetest.NewCategory("tin-tuc", "Tin tức", uuid.Nil)
	child := storetest.NewCategory("hoat-dong", "Hoạt động", root.ID)
	other := storetest.NewCategory("thong-bao", "Thông báo", uuid.Nil)
	cats := []*news.Category{root, child, other}
	if err := s.Import(ctx, &news.Batch{Categories: cats}); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var all []*news.Article
	for i := range 3000 {
		a := storetest.NewArticle(cats[rng.IntN(3)].ID, fmt.Sprintf("ban-tin-%d", i), fmt.Sprintf("Bản tin số %d", i), base.Add(time.Duration(rng.IntN(400))*time.Hour))
		a.Tags = []string{[]string{"Khoa học", "Đo lường"}[rng.IntN(2)]}
		if rng.IntN(5) == 0 {
			a.Status = news.StatusDraft
		}
		all = append(all, a)
	}
	if err := s.Import(ctx, &news.Batch{Articles: all}); err != nil {
		t.Fatal(err)
	}
	for i, a := range all {
		if i%2 == 0 {
			if err := s.DeleteArticle(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		} else if i%3 == 0 {
			a.PublishAt = a.PublishAt.Add(-time.Duration(rng.IntN(100)) * time.Hour)
			a.Status = news.StatusPublished
			if err := s.UpdateArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	var kept []*news.Article
	for i, a := range all {
		if i%2 == 1 {
			kept = append(kept, a)
		}
	}
	slices.SortFunc(kept, func(a, b *news.Article) int {
		if c := b.PublishAt.Compare(a.PublishAt); c != 0 {
			return c
		}
		return bytes.Compare(b.ID[:], a.ID[:])
	})
	tests := []struct {
		name  string
		q     news.Query
		match func(*news.Article) bool
	}{
		{"all", news.Query{}, func(*news.Article) bool { return true }},
		{"published", news.Query{Status: news.StatusPublished}, func(a *news.Article) bool { return a.Status == news.StatusPublished }},
		{"category tree", news.Query{CategoryID: root.ID}, func(a *news.Article) bool { return a.CategoryID != other.ID }},
		{"tag in category", news.Query{CategoryID: other.ID, Tag: "do luong"}, func(a *news.Article) bool {
			return a.CategoryID == other.ID && a.Tags[0] == "Đo lường"
		}},
		{"published range", news.Query{Status: news.StatusPublished, From: base.Add(100 * time.Hour), To: base.Add(200 * time.Hour)}, func(a *news.Article) bool {
			return a.Status == news.StatusPublished && !a.PublishAt.Before(base.Add(100*time.Hour)) && !a.PublishAt.After(base.Add(200*time.Hour))
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want, got []uuid.UUID
			for _, a := range kept {
				if tc.match(a) {
					want = append(want, a.ID)
				}
			}
			q := tc.q
			q.Limit = 37
			for {
				p, err := s.Articles(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range p.Articles {
					got = append(got, a.ID)
				}
				if p.Next == "" {
					break
				}
				q.Cursor = p.Next
			}
			if !slices.Equal(got, want) {
				t.Errorf("Articles(%s) listed %d articles, want %d in order", tc.name, len(got), len(want))
			}
		})
	}
	for h := 0; h < 420; h += 7 {
		at := base.Add(time.Duration(h) * time.Hour)
		var want time.Time
		for _, a := range kept {
			if a.Status == news.StatusPublished && a.PublishAt.After(at) && (want.IsZero() || a.PublishAt.Before(want)) {
				want = a.PublishAt
			}
		}
		if got, err := s.NextPublishAt(ctx, at); err != nil || !got.Equal(want) {
			t.Errorf("NextPublishAt(%s) = %s, %v; want %s", at, got, err, want)
		}
	}
}

func TestInvalidInput(t *testing.T) {
	ctx := t.Context()
	s := memstore.New()
	tests := []struct {
		name  string
		err   error
		field string
	}{
		{"nil article", s.CreateArticle(ctx, nil), "article"},
		{"nil category", s.UpdateCategory(ctx, nil), "category"},
		{"nil article in a batch", s.Import(ctx, &news.Batch{Articles: []*news.Article{nil}}), "articles[0]"},
		{"nil category in a batch", s.Import(ctx, &news.Batch{Categories: []*news.Category{nil}}), "categories[0]"},
		{"negative limit", articlesErr(s, news.Query{Limit: -1}), "limit"},
		{"limit above MaxLimit", articlesErr(s, news.Query{Limit: news.MaxLimit + 1}), "limit"},
		{"malformed cursor", articlesErr(s, news.Query{Cursor: "!"}), "cursor"},
	}
	for _, tc := range tests {
		var fe *news.FieldError
		if !errors.Is(tc.err, news.ErrInvalid) || !errors.As(tc.err, &fe) || fe.Field != tc.field {
			t.Errorf("%s: error %v, want a *news.FieldError for %q wrapping ErrInvalid", tc.name, tc.err, tc.field)
		}
	}
	if v, _ := s.Version(ctx); v != 0 {
		t.Errorf("Version after invalid writes = %d, want 0", v)
	}
}

func articlesErr(s *memstore.Store, q news.Query) error {
	_, err := s.Articles(context.Background(), q)
	return err
}

func TestCanceledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	s := memstore.New()
	c := storetest.NewCategory("tin-tuc", "Tin tức", uuid.Nil)
	a := storetest.NewArticle(c.ID, "hop-bao", "Họp báo", time.Now())
	calls := map[string]func() error{
		"CreateArticle":  func() error { return s.CreateArticle(ctx, a) },
		"UpdateArticle":  func() error { return s.UpdateArticle(ctx, a) },
		"DeleteArticle":  func() error { return s.DeleteArticle(ctx, a.ID) },
		"Article":        func() error { _, err := s.Article(ctx, a.ID); return err },
		"ArticleBySlug":  func() error { _, err := s.ArticleBySlug(ctx, a.Slug); return err },
		"Articles":       func() error { _, err := s.Articles(ctx, news.Query{}); return err },
		"NextPublishAt":  func() error { _, err := s.NextPublishAt(ctx, time.Time{}); return err },
		"CreateCategory": func() error { return s.CreateCategory(ctx, c) },
		"UpdateCategory": func() error { return s.UpdateCategory(ctx, c) },
		"DeleteCategory": func() error { return s.DeleteCategory(ctx, c.ID) },
		"Categories":     func() error { _, err := s.Categories(ctx); return err },
		"Import":         func() error { return s.Import(ctx, &news.Batch{Articles: []*news.Article{a}}) },
		"Version":        func() error { _, err := s.Version(ctx); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a canceled context: error %v, want context.Canceled", name, err)
		}
	}
	if v, _ := s.Version(t.Context()); v != 0 {
		t.Errorf("Version = %d after canceled writes, want 0", v)
	}
}
