package memstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/news/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(*testing.T) news.Store { return memstore.New() })
}

// TestLargeArchive checks the indexes on lists long enough to span many
// blocks, against a plain sort and filter of the same articles. Titles
// carry their own number, so the word index holds thousands of words that
// come and go with the articles.
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
		a.Summary = []string{"Hội nghị tổng kết", "Tập huấn nghiệp vụ", "Hội thảo khoa học"}[rng.IntN(3)]
		a.Author = fmt.Sprintf("Phóng viên %d", rng.IntN(7))
		if rng.IntN(10) == 0 {
			a.Lang = "en"
		}
		switch rng.IntN(10) {
		case 0, 1:
			a.Status = news.StatusDraft
		case 2:
			a.Status = news.StatusArchived
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
			a.Title = fmt.Sprintf("Bản tin sửa lại %d", i)
			a.Author = "Văn phòng Sở"
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
	// fields splits a text into words, as a search reads it.
	fields := func(text string) []string {
		return strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) })
	}
	// holds reports whether text holds the query words, consecutive and in
	// order, by news.MatchWord.
	holds := func(text []string, q []string) bool {
		for i := 0; i+len(q) <= len(text); i++ {
			j := 0
			for j < len(q) && news.MatchWord(q[j], text[i+j]) {
				j++
			}
			if j == len(q) {
				return true
			}
		}
		return false
	}
	// search matches what a text search of words lists, by rank (see
	// news.Cursor), PublishAt order in each.
	search := func(q string) func(*news.Article) int {
		words := fields(q)
		// The rarest word is the one the fewest kept articles hold.
		counts := make([]int, len(words))
		for _, a := range kept {
			text := slices.Concat(fields(a.Title), fields(a.Summary), fields(news.Excerpt(a.Body, len(a.Body)+1)))
			for i, w := range words {
				if holds(text, []string{w}) {
					counts[i]++
				}
			}
		}
		rarest := news.Rarest(counts)
		return func(a *news.Article) int {
			texts := [][]string{fields(a.Title), fields(a.Summary), fields(news.Excerpt(a.Body, len(a.Body)+1))}
			all := func(text []string) bool {
				return !slices.ContainsFunc(words, func(w string) bool { return !holds(text, []string{w}) })
			}
			if !all(slices.Concat(texts...)) {
				return -1
			}
			for i, text := range texts {
				if holds(text, words) {
					return news.RankTitlePhrase + i
				}
			}
			for i, text := range texts {
				if all(text) {
					return news.RankTitleWords + i
				}
			}
			for i, text := range texts[:2] {
				if holds(text, []string{words[rarest]}) {
					return news.RankRareTitle + i
				}
			}
			return news.RankSpread
		}
	}
	suaTapHuan := search("sua tap huan")
	tests := []struct {
		name  string
		q     news.Query
		match func(*news.Article) bool
		rank  func(*news.Article) int // for a text search, instead of match
	}{
		{"all", news.Query{}, func(*news.Article) bool { return true }, nil},
		{"published", news.Query{Status: news.StatusPublished}, func(a *news.Article) bool { return a.Status == news.StatusPublished }, nil},
		{"category tree", news.Query{CategoryID: root.ID}, func(a *news.Article) bool { return a.CategoryID != other.ID }, nil},
		{"tag in category", news.Query{CategoryID: other.ID, Tag: "do luong"}, func(a *news.Article) bool {
			return a.CategoryID == other.ID && a.Tags[0] == "Đo lường"
		}, nil},
		{"published range", news.Query{Status: news.StatusPublished, From: base.Add(100 * time.Hour), To: base.Add(200 * time.Hour)}, func(a *news.Article) bool {
			return a.Status == news.StatusPublished && !a.PublishAt.Before(base.Add(100*time.Hour)) && !a.PublishAt.After(base.Add(200*time.Hour))
		}, nil},
		{"drafts", news.Query{Status: news.StatusDraft}, func(a *news.Article) bool { return a.Status == news.StatusDraft }, nil},
		{"archived in category", news.Query{Status: news.StatusArchived, CategoryID: child.ID}, func(a *news.Article) bool {
			return a.Status == news.StatusArchived && a.CategoryID == child.ID
		}, nil},
		{"author", news.Query{Author: "phong vien 3"}, func(a *news.Article) bool { return a.Author == "Phóng viên 3" }, nil},
		{"author and language", news.Query{Author: "Phóng viên 5", Lang: "en"}, func(a *news.Article) bool {
			return a.Author == "Phóng viên 5" && a.Lang == "en"
		}, nil},
		{"language", news.Query{Lang: "en"}, func(a *news.Article) bool { return a.Lang == "en" }, nil},
		{"unknown author", news.Query{Author: "Không ai"}, func(*news.Article) bool { return false }, nil},
		{"search one number", news.Query{Text: "1235"}, nil, search("1235")},
		{"search a number", news.Query{Text: "so 13"}, nil, search("so 13")},
		{"search words apart", news.Query{Text: "tin hoi"}, nil, search("tin hoi")},
		{"search marked words", news.Query{Text: "Hội sửa"}, nil, search("Hội sửa")},
		{"search title and summary", news.Query{Text: "sua tap huan", Status: news.StatusPublished}, nil, func(a *news.Article) int {
			if a.Status != news.StatusPublished {
				return -1
			}
			return suaTapHuan(a)
		}},
		{"search body word", news.Query{Text: "Văn phòng cung"}, nil, search("Văn phòng cung")},
		{"search deleted words", news.Query{Text: "ban tin so 10"}, nil, search("ban tin so 10")},
		{"search no match", news.Query{Text: "khong co tu nay"}, nil, search("khong co tu nay")},
	}
	noMatch := map[string]bool{"unknown author": true, "search no match": true, "search deleted words": true}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want, got []uuid.UUID
			ranks := make([]int, len(kept))
			for i, a := range kept {
				switch {
				case tc.rank != nil:
					ranks[i] = tc.rank(a)
				case !tc.match(a):
					ranks[i] = -1
				}
			}
			for rank := range news.MaxRank + 1 {
				for i, a := range kept {
					if ranks[i] == rank {
						want = append(want, a.ID)
					}
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
			if (len(want) == 0) != noMatch[tc.name] {
				t.Fatalf("%s: %d articles expected; the test data does not exercise the query", tc.name, len(want))
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
