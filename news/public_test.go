package news_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

func TestPublicArticlesValidatesQuery(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tests := []struct {
		name string
		q    news.Query
		want string // "" for no error
	}{
		{"zero", news.Query{}, ""},
		{"max limit", news.Query{Limit: news.MaxLimit}, ""},
		{"negative limit", news.Query{Limit: -1}, "limit: must be from 1 to 100, or 0 for 20, not -1"},
		{"limit too big", news.Query{Limit: news.MaxLimit + 1}, "limit: must be from 1 to 100, or 0 for 20, not 101"},
		{"bad cursor", news.Query{Cursor: "!!"}, "cursor: malformed"},
		{"long text", news.Query{Text: strings.Repeat("ư", 129)}, "text: longer than 256 bytes (has 258)"},
		{"long tag", news.Query{Tag: strings.Repeat("t", 65)}, "tag: longer than 64 characters"},
		{"bad lang", news.Query{Lang: "??"}, "lang: not a BCP 47 language tag"},
		{"from after to", news.Query{From: t0, To: t0.Add(-time.Second)}, "from: after to"},
		{"two errors", news.Query{Limit: -5, Text: strings.Repeat("a", 300)}, "limit: must be from 1 to 100, or 0 for 20, not -5; text: longer than 256 bytes (has 300)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.pub.Articles(context.Background(), tc.q)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Articles(%+v): %v", tc.q, err)
				}
				return
			}
			var fes news.FieldErrors
			if !errors.Is(err, news.ErrInvalid) || !errors.As(err, &fes) || fes.Error() != tc.want {
				t.Errorf("Articles(%+v) err = %v, want ErrInvalid %q", tc.q, err, tc.want)
			}
		})
	}
}

// slugs returns the slugs of list.
func slugs(list []*news.Article) []string {
	out := []string{}
	for _, a := range list {
		out = append(out, a.Slug)
	}
	return out
}

func TestPublicReads(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	news1 := e.category(t, "Tin tức", nil)
	sub := e.category(t, "Hoạt động của Sở", news1)
	other := e.category(t, "Thông báo", nil)
	var list []*news.Article
	for i, title := range []string{"Tin một", "Tin hai", "Tin ba", "Tin bốn", "Tin năm"} {
		cat := news1
		if i == 3 {
			cat = sub
		}
		list = append(list, e.published(t, news.ArticleInput{Title: title, CategoryID: cat.ID, Lang: []string{"vi", "en"}[i%2]}))
	}
	e.published(t, news.ArticleInput{Title: "Thông báo khác", CategoryID: other.ID})

	t.Run("SameCategory newer and older, with subcategories", func(t *testing.T) {
		got, err := e.pub.SameCategory(ctx, list[2], 10)
		if err != nil {
			t.Fatal(err)
		}
		want := "tin-nam tin-bon tin-hai tin-mot"
		if s := strings.Join(slugs(got), " "); s != want {
			t.Errorf("SameCategory(tin-ba, 10) = %s, want %s", s, want)
		}
		if got, _ := e.pub.SameCategory(ctx, list[2], 2); len(got) != 2 {
			t.Errorf("SameCategory(tin-ba, 2) gave %d articles", len(got))
		}
		if got, _ := e.pub.SameCategory(ctx, list[2], 0); got != nil {
			t.Errorf("SameCategory(tin-ba, 0) = %v, want nil", got)
		}
	})
	t.Run("Adjacent", func(t *testing.T) {
		prev, next, err := e.pub.Adjacent(ctx, list[2])
		if err != nil {
			t.Fatal(err)
		}
		if prev == nil || prev.Slug != "tin-hai" || next == nil || next.Slug != "tin-bon" {
			t.Errorf("Adjacent(tin-ba) = %v, %v; want tin-hai, tin-bon", prev, next)
		}
		prev, next, _ = e.pub.Adjacent(ctx, list[0])
		if prev != nil || next == nil || next.Slug != "tin-hai" {
			t.Errorf("Adjacent(tin-mot) = %v, %v; want nil, tin-hai", prev, next)
		}
		prev, next, _ = e.pub.Adjacent(ctx, list[4])
		if prev == nil || prev.Slug != "tin-bon" || next != nil {
			t.Errorf("Adjacent(tin-nam) = %v, %v; want tin-bon, nil", prev, next)
		}
	})
	t.Run("Articles by language", func(t *testing.T) {
		page, err := e.pub.Articles(ctx, news.Query{Lang: "EN"})
		if err != nil {
			t.Fatal(err)
		}
		if s := strings.Join(slugs(page.Articles), " "); s != "tin-bon tin-hai" {
			t.Errorf("Articles(Lang: EN) = %s, want tin-bon tin-hai", s)
		}
	})
	t.Run("categories", func(t *testing.T) {
		c, err := e.pub.CategoryBySlug(ctx, "hoat-dong-cua-so")
		if err != nil || c.ID != sub.ID {
			t.Errorf("CategoryBySlug = %v, %v; want %v", c, err, sub)
		}
		if _, err := e.pub.CategoryBySlug(ctx, "khong-co"); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("CategoryBySlug(unknown) err = %v, want ErrNotFound", err)
		}
		cats, err := e.pub.Categories(ctx)
		if err != nil || len(cats) != 3 {
			t.Errorf("Categories = %v, %v; want 3", cats, err)
		}
		tree, err := e.pub.CategoryTree(ctx)
		if err != nil || len(tree.Path(sub.ID)) != 2 {
			t.Errorf("CategoryTree().Path(sub) = %v, %v", tree.Path(sub.ID), err)
		}
	})
	t.Run("lookups", func(t *testing.T) {
		for _, slug := range []string{"", "Tin-Mot", "../tin-mot", "khong-co"} {
			if _, err := e.pub.ArticleBySlug(ctx, slug); !errors.Is(err, news.ErrNotFound) {
				t.Errorf("ArticleBySlug(%q) err = %v, want ErrNotFound", slug, err)
			}
		}
		if _, err := e.pub.Article(ctx, uuid.New()); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("Article(unknown) err = %v, want ErrNotFound", err)
		}
		a, err := e.pub.ArticleBySlug(ctx, "tin-mot")
		if err != nil || a.ID != list[0].ID {
			t.Errorf("ArticleBySlug(tin-mot) = %v, %v", a, err)
		}
	})
}

func TestAdjacentEqualTimes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức", nil)
	at := t0.Add(-time.Hour)
	var same []*news.Article
	for _, title := range []string{"Cùng giờ một", "Cùng giờ hai", "Cùng giờ ba"} {
		a := e.draft(t, news.ArticleInput{Title: title, CategoryID: cat.ID})
		a, err := e.svc.Schedule(ctx, a.ID, at)
		if err != nil {
			t.Fatal(err)
		}
		same = append(same, a)
	}
	before := e.draft(t, news.ArticleInput{Title: "Trước đó", CategoryID: cat.ID})
	if _, err := e.svc.Schedule(ctx, before.ID, at.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	after := e.published(t, news.ArticleInput{Title: "Sau đó", CategoryID: cat.ID})
	// IDs grow in creation order, so at equal times one > two > three in
	// the store's order (ID descending): "older" means a smaller ID.
	tests := []struct {
		a          *news.Article
		prev, next string
	}{
		{same[0], "truoc-do", "cung-gio-hai"},
		{same[1], "cung-gio-mot", "cung-gio-ba"},
		{same[2], "cung-gio-hai", "sau-do"},
		{after, "cung-gio-ba", ""},
	}
	for _, tc := range tests {
		prev, next, err := e.pub.Adjacent(ctx, tc.a)
		if err != nil {
			t.Fatal(err)
		}
		if slugOf(prev) != tc.prev || slugOf(next) != tc.next {
			t.Errorf("Adjacent(%s) = %q, %q; want %q, %q", tc.a.Slug, slugOf(prev), slugOf(next), tc.prev, tc.next)
		}
	}
}

// TestAdjacentFarApart checks that the next newer article is found across
// years and past full pages of the same category.
func TestAdjacentFarApart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức", nil)
	old := e.draft(t, news.ArticleInput{Title: "Tin năm 2019", CategoryID: cat.ID})
	if _, err := e.svc.Schedule(ctx, old.ID, time.Date(2019, 3, 1, 8, 0, 0, 0, ict)); err != nil {
		t.Fatal(err)
	}
	for i := range 150 {
		e.published(t, news.ArticleInput{Title: "Tin mới " + strings.Repeat("x", i%3+1), CategoryID: cat.ID})
	}
	old = e.article(t, old.ID)
	prev, next, err := e.pub.Adjacent(ctx, old)
	if err != nil {
		t.Fatal(err)
	}
	if prev != nil || next == nil || next.Slug != "tin-moi-x" {
		t.Errorf("Adjacent(2019) = %q, %q; want none, tin-moi-x", slugOf(prev), slugOf(next))
	}
}

func slugOf(a *news.Article) string {
	if a == nil {
		return ""
	}
	return a.Slug
}

func TestStateKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    news.State
		want string
	}{
		{news.State{}, "v0-e0"},
		{news.State{Version: 12, Epoch: time.Date(2024, 11, 28, 8, 0, 0, 5000, time.UTC)}, "v12-e1732780800000005"},
	}
	for _, tc := range tests {
		if got := tc.s.Key(); got != tc.want {
			t.Errorf("%+v.Key() = %q, want %q", tc.s, got, tc.want)
		}
	}
	ctx := context.Background()
	e := newEnv(t)
	s1, err := e.pub.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e.category(t, "Tin tức", nil)
	s2, _ := e.pub.State(ctx)
	if s1.Key() == s2.Key() {
		t.Errorf("State key %q did not change on a write", s1.Key())
	}
	if e.pub.Now() != e.clock.Now() {
		t.Errorf("Public.Now() = %v, want the clock's %v", e.pub.Now(), e.clock.Now())
	}
}

// countingStore counts the NextPublishAt calls made on a Store.
type countingStore struct {
	news.Store
	next int
}

func (s *countingStore) NextPublishAt(ctx context.Context, t time.Time) (time.Time, error) {
	s.next++
	return s.Store.NextPublishAt(ctx, t)
}

// TestStateReadsEpochWhenItMayMove checks that State asks the store for
// the next publish time only when the version moved, the clock reached the
// epoch, or the clock went back, and that the epoch it returns is right at
// every step.
func TestStateReadsEpochWhenItMayMove(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Thông báo", nil)
	soon := e.draft(t, news.ArticleInput{Title: "Lịch tiếp công dân tháng 12", CategoryID: cat.ID})
	later := e.draft(t, news.ArticleInput{Title: "Kế hoạch kiểm tra đo lường năm 2027", CategoryID: cat.ID})
	for a, at := range map[*news.Article]time.Duration{soon: time.Hour, later: 3 * time.Hour} {
		if _, err := e.svc.Schedule(ctx, a.ID, t0.Add(at)); err != nil {
			t.Fatal(err)
		}
	}
	store := &countingStore{Store: e.store}
	pub := news.NewPublic(store, &news.PublicOptions{Now: e.clock.Now})
	base := e.clock.Now() // t0 plus the moves the helpers made

	steps := []struct {
		name      string
		act       func()
		wantEpoch time.Duration // from t0; 0 for none
		wantReads int           // NextPublishAt calls so far
	}{
		{"first call", func() {}, time.Hour, 1},
		{"same instant", func() {}, time.Hour, 1},
		{"clock moves before the epoch", func() { e.clock.Add(30 * time.Minute) }, time.Hour, 1},
		{"clock reaches the epoch", func() { e.clock.Add(30*time.Minute - (base.Sub(t0))) }, 3 * time.Hour, 2},
		{"clock goes back", func() { e.clock.Add(-time.Minute) }, time.Hour, 3},
		{"a write moves the version", func() { e.category(t, "Sự kiện", nil) }, time.Hour, 4},
		{"unchanged again", func() {}, time.Hour, 4},
		{"past every scheduled article", func() { e.clock.Add(4 * time.Hour) }, 0, 5},
		{"no epoch, no write", func() { e.clock.Add(24 * time.Hour) }, 0, 5},
	}
	for _, s := range steps {
		s.act()
		st, err := pub.State(ctx)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		var want time.Time
		if s.wantEpoch != 0 {
			want = t0.Add(s.wantEpoch)
		}
		if !st.Epoch.Equal(want) {
			t.Errorf("%s: Epoch = %v, want %v", s.name, st.Epoch, want)
		}
		if store.next != s.wantReads {
			t.Errorf("%s: %d NextPublishAt calls so far, want %d", s.name, store.next, s.wantReads)
		}
	}
}
