package news_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTitleKeywords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		title string
		want  []string
	}{
		{"Đại hội Chi bộ nhiệm kỳ 2025–2030", []string{"dai", "hoi", "chi", "bo", "nhiem", "ky", "2025", "2030", "dai hoi", "hoi chi", "chi bo", "bo nhiem", "nhiem ky", "ky 2025", "2025 2030"}},
		{"Hội thảo của Sở về chuyển đổi số", []string{"hoi", "thao", "so", "chuyen", "doi", "hoi thao", "chuyen doi", "doi so"}},
		{"Chỉ đạo của Chi bộ", []string{"dao", "chi", "bo", "chi bo"}},
		{"The role of AI in a new era", []string{"role", "ai", "era"}},
		{"", nil},
		{"và của các", nil},
	}
	for _, tc := range tests {
		if got := news.TitleKeywords(tc.title); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("TitleKeywords(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}

// relatedFixture is a small news section for the Related tests.
type relatedFixture struct {
	*env
	byTitle map[string]*news.Article
	lookup  *news.Article
}

func newRelatedFixture(t *testing.T) *relatedFixture {
	t.Helper()
	ctx := context.Background()
	e := newEnv(t)
	f := &relatedFixture{env: e, byTitle: map[string]*news.Article{}}
	tin := e.category(t, "Tin tức - Sự kiện", nil)
	hoatDong := e.category(t, "Hoạt động của Sở", tin)
	khcn := e.category(t, "Khoa học - Công nghệ", nil)
	shtt := e.category(t, "Sở hữu trí tuệ", khcn)
	thongBao := e.category(t, "Thông báo", nil)
	type item struct {
		title string
		cat   *news.Category
		tags  []string
		lang  string
		state string // "" published, "draft", "scheduled"
	}
	items := []item{
		{"Nghiệm thu đề tài khoa học cấp tỉnh", khcn, nil, "", ""},
		{"Digital transformation workshop for small businesses", khcn, []string{"chuyển đổi số"}, "en", ""},
		{"Đăng ký nhãn hiệu tập thể cho bưởi da xanh", shtt, []string{"nhãn hiệu"}, "", ""},
		{"Chuyển đổi số: nền tảng dữ liệu dùng chung của tỉnh", tin, []string{"Chuyển đổi số", "dữ liệu"}, "", ""},
		{"Hội thảo khoa học về giống dừa sáp", khcn, []string{"dừa"}, "", ""},
		{"Doanh nghiệp nhỏ và vừa ứng dụng công nghệ cao", shtt, []string{"doanh nghiệp"}, "", ""},
		{"Thông báo lịch tiếp công dân tháng 12", thongBao, nil, "", ""},
		{"Sở làm việc với doanh nghiệp khởi nghiệp", hoatDong, []string{"doanh nghiệp", "khởi nghiệp"}, "", ""},
		{"Tập huấn chuyển đổi số cho cán bộ cấp xã", khcn, []string{"chuyển đổi số", "tập huấn"}, "", ""},
		{"Hội thảo chuyển đổi số trong doanh nghiệp nhỏ (bản nháp)", khcn, []string{"chuyển đổi số", "doanh nghiệp"}, "", "draft"},
		{"Chuyển đổi số doanh nghiệp: kết quả khảo sát", khcn, []string{"chuyển đổi số", "doanh nghiệp"}, "", "scheduled"},
		{"Hội thảo chuyển đổi số trong doanh nghiệp nhỏ và vừa", khcn, []string{"chuyển đổi số", "doanh nghiệp"}, "", ""},
	}
	for _, it := range items {
		in := news.ArticleInput{Title: it.title, CategoryID: it.cat.ID, Tags: it.tags, Lang: it.lang}
		var a *news.Article
		switch it.state {
		case "draft":
			a = e.draft(t, in)
		case "scheduled":
			a = e.draft(t, in)
			var err error
			if a, err = e.svc.Schedule(ctx, a.ID, e.clock.Now().Add(72*time.Hour)); err != nil {
				t.Fatal(err)
			}
		default:
			a = e.published(t, in)
		}
		f.byTitle[it.title] = a
		e.clock.Add(24 * time.Hour)
	}
	f.lookup = f.byTitle["Hội thảo chuyển đổi số trong doanh nghiệp nhỏ và vừa"]
	return f
}

// formatRelated renders results one per line for golden files.
func formatRelated(list []news.Related) string {
	var b strings.Builder
	for i, r := range list {
		fmt.Fprintf(&b, "%2d. %-55s %7.4f tags=%q words=%q same=%v fallback=%v\n",
			i+1, r.Article.Slug, r.Score, r.Why.Tags, r.Why.Words, r.Why.SameCategory, r.Why.Fallback)
	}
	return b.String()
}

// golden compares got with the file testdata/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updating() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestRelatedGolden(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newRelatedFixture(t)
	var out strings.Builder
	list, err := f.pub.Related(ctx, f.lookup, 10)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&out, "Related(%s, 10):\n%s", f.lookup.Slug, formatRelated(list))
	for _, r := range list {
		if !r.Article.Visible(f.clock.Now()) || r.Article.Lang != "vi" || r.Article.ID == f.lookup.ID {
			t.Errorf("Related returned %s (status %s, lang %s)", r.Article.Slug, r.Article.Status, r.Article.Lang)
		}
	}
	again, err := f.pub.Related(ctx, f.lookup, 10)
	if err != nil || !reflect.DeepEqual(again, list) {
		t.Errorf("a second Related call gave a different list:\n%s", formatRelated(again))
	}
	// The scheduled article joins when due, with no write in between.
	f.clock.Add(72 * time.Hour)
	list, err = f.pub.Related(ctx, f.lookup, 3)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&out, "\nRelated(%s, 3) once the scheduled article is due:\n%s", f.lookup.Slug, formatRelated(list))
	golden(t, "related.golden", out.String())
}

func TestRelatedFallbackAndWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newRelatedFixture(t)

	// Nothing shares a word or tag with this one, and its category has
	// only a subcategory article: the list falls back to SameCategory.
	tin := f.byTitle["Chuyển đổi số: nền tảng dữ liệu dùng chung của tỉnh"]
	lone := f.published(t, news.ArticleInput{Title: "Giao lưu văn nghệ", CategoryID: tin.CategoryID})
	list, err := f.pub.Related(ctx, lone, 5)
	if err != nil {
		t.Fatal(err)
	}
	var fallback []string
	for _, r := range list {
		if r.Why.Fallback {
			fallback = append(fallback, r.Article.Slug)
			if r.Score != 0 || r.Why.SameCategory {
				t.Errorf("fallback result %s: Score %v, SameCategory %v; want 0, false (subcategory)", r.Article.Slug, r.Score, r.Why.SameCategory)
			}
		}
	}
	if want := []string{"so-lam-viec-voi-doanh-nghiep-khoi-nghiep"}; !reflect.DeepEqual(fallback, want) {
		t.Errorf("fallback results = %q, want %q\n%s", fallback, want, formatRelated(list))
	}

	// A new, closely related article shows up at once; unpublished, it goes.
	fresh := f.published(t, news.ArticleInput{Title: "Chuyển đổi số trong doanh nghiệp nhỏ và vừa: hội thảo lần hai",
		CategoryID: f.lookup.CategoryID, Tags: []string{"chuyển đổi số", "doanh nghiệp"}})
	list, err = f.pub.Related(ctx, f.lookup, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Article.ID != fresh.ID {
		t.Errorf("after publishing %s, Related(…, 1) =\n%s", fresh.Slug, formatRelated(list))
	}
	if _, err := f.svc.Unpublish(ctx, fresh.ID); err != nil {
		t.Fatal(err)
	}
	list, err = f.pub.Related(ctx, f.lookup, news.MaxLimit+1)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range list {
		if r.Article.ID == fresh.ID {
			t.Errorf("after Unpublish, Related still returns %s", fresh.Slug)
		}
	}
	// A new title is read again at the next lookup.
	old := f.byTitle["Nghiệm thu đề tài khoa học cấp tỉnh"]
	if _, err := f.svc.Update(ctx, old.ID, news.ArticleInput{Title: "Nghiệm thu đề tài chuyển đổi số cấp tỉnh", CategoryID: old.CategoryID}); err != nil {
		t.Fatal(err)
	}
	list, err = f.pub.Related(ctx, f.lookup, news.MaxLimit)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range list {
		if r.Article.ID == old.ID {
			found = true
			if want := []string{"chuyển đổi", "đổi số"}; !reflect.DeepEqual(r.Why.Words, want) {
				t.Errorf("after a title change, Why.Words = %q, want %q", r.Why.Words, want)
			}
		}
	}
	if !found {
		t.Errorf("after a title change, %s is not related:\n%s", old.Slug, formatRelated(list))
	}
	if list, _ := f.pub.Related(ctx, f.lookup, 0); list != nil {
		t.Errorf("Related(…, 0) = %v, want nil", list)
	}
}

// TestRelatedMatchesLinearScan compares Related with a scan that scores
// every article, on a corpus whose lists are long enough for a lookup to
// leave most of them unread.
func TestRelatedMatchesLinearScan(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	c := makeCorpus(6000)
	st := c.store(t)
	for _, cfg := range []news.RelatedConfig{
		news.DefaultRelatedConfig,
		{TagWeight: 1, CategoryWeight: 6, AncestorWeight: 3, WordWeight: 0.5, RecencyWeight: 4, RecencyHalfLife: 24 * time.Hour},
		{TagWeight: 2, WordWeight: 2, RecencyHalfLife: 90 * 24 * time.Hour, Disable: news.RelatedCategory | news.RelatedRecency},
		{CategoryWeight: 0.5, OlderOnly: true},
		{Disable: news.RelatedTags | news.RelatedAncestor, OlderOnly: true},
	} {
		p := news.NewPublic(st, &news.PublicOptions{Now: func() time.Time { return c.now }, Related: cfg})
		l := newLinearScorer(c.articles, c.cats, cfg)
		for i := 0; i < len(c.articles); i += 97 {
			a := c.articles[i]
			for _, n := range []int{1, 8, 40} {
				got, err := p.Related(ctx, a, n)
				if err != nil {
					t.Fatal(err)
				}
				want := l.related(a, c.now, n)
				var scored []news.Related
				for _, r := range got {
					if !r.Why.Fallback {
						scored = append(scored, r)
					}
				}
				if len(scored) != len(want) {
					t.Fatalf("%+v: Related(%s, %d): %d scored results, linear scan %d", cfg, a.Slug, n, len(scored), len(want))
				}
				for k := range want {
					if scored[k].Article.ID != want[k].a.ID || math.Abs(scored[k].Score-want[k].score) > 1e-9 {
						t.Errorf("%+v: Related(%s, %d)[%d] = %s %.6f, linear scan %s %.6f", cfg, a.Slug, n, k,
							scored[k].Article.Slug, scored[k].Score, want[k].a.Slug, want[k].score)
					}
				}
			}
		}
	}
}

// TestRelatedFindsOldBestMatch looks up an article whose best match is
// years older than the hundreds of weaker matches around it.
func TestRelatedFindsOldBestMatch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	cat := &news.Category{ID: uuid.New(), Slug: "khoa-hoc-cong-nghe", Name: "Khoa học - Công nghệ"}
	other := &news.Category{ID: uuid.New(), Slug: "thong-bao", Name: "Thông báo"}
	article := relatedArticle
	tags := []string{"nông nghiệp công nghệ cao", "giống cây trồng", "hợp tác xã"}
	lookup := article("Mô hình trồng bưởi da xanh theo hướng hữu cơ", cat, now, tags...)
	old := article("Hợp tác xã đạt chuẩn VietGAP năm 2023", other, now.AddDate(-3, 0, 0), tags...)
	arts := []*news.Article{lookup, old}
	for i := range 1200 {
		arts = append(arts, article(fmt.Sprintf("Bản tin thứ %d của Sở", i), cat,
			now.Add(-time.Duration(i+1)*time.Hour), tags[i%len(tags)]))
	}
	st := memstore.New()
	if err := st.Import(ctx, &news.Batch{Categories: []*news.Category{cat, other}, Articles: arts}); err != nil {
		t.Fatal(err)
	}
	p := news.NewPublic(st, &news.PublicOptions{Now: func() time.Time { return now }})
	list, err := p.Related(ctx, lookup, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) == 0 || list[0].Article.ID != old.ID {
		t.Fatalf("Related: the article sharing all three tags is not first:\n%s", formatRelated(list))
	}
	if got := list[0].Why.Tags; !reflect.DeepEqual(got, tags) {
		t.Errorf("Why.Tags = %q, want %q", got, tags)
	}

	// A title of one keyword with three tags, more tags than keywords:
	// after the looked-up article (same category, same time), the old one.
	short := article("Tin", cat, now, tags...)
	if list, err = p.Related(ctx, short, 5); err != nil || len(list) < 2 || list[0].Article.ID != lookup.ID || list[1].Article.ID != old.ID {
		t.Fatalf("Related(%q) = %v:\n%s", short.Title, err, formatRelated(list))
	}
}

// TestRelatedConcurrent runs lookups while articles are written, for the
// race detector, and checks that no lookup returns an invisible article.
func TestRelatedConcurrent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newRelatedFixture(t)
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for range 4 {
		wg.Go(func() {
			for range 20 {
				list, err := f.pub.Related(ctx, f.lookup, 5)
				if err != nil {
					errs <- err
					return
				}
				for _, r := range list {
					if !r.Article.Visible(f.clock.Now()) {
						errs <- fmt.Errorf("Related returned invisible %s", r.Article.Slug)
					}
				}
			}
		})
	}
	for i := range 10 {
		a := f.published(t, news.ArticleInput{Title: fmt.Sprintf("Chuyển đổi số doanh nghiệp, bài %d", i),
			CategoryID: f.lookup.CategoryID, Tags: []string{"chuyển đổi số"}})
		if i%2 == 0 {
			if _, err := f.svc.Unpublish(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// relatedArticle returns a published Vietnamese article at at.
func relatedArticle(title string, cat *news.Category, at time.Time, tags ...string) *news.Article {
	return &news.Article{ID: uuid.New(), Slug: news.Slugify(title), Title: title, Lang: "vi",
		CategoryID: cat.ID, Tags: tags, Status: news.StatusPublished, PublishAt: at, CreatedAt: at, UpdatedAt: at}
}

// relatedPublic imports cats and arts into a memstore and returns its
// public view at now with cfg.
func relatedPublic(t *testing.T, now time.Time, cfg news.RelatedConfig, cats []*news.Category, arts ...*news.Article) *news.Public {
	t.Helper()
	st := memstore.New()
	require.NoError(t, st.Import(context.Background(), &news.Batch{Categories: cats, Articles: arts}))
	return news.NewPublic(st, &news.PublicOptions{Now: func() time.Time { return now }, Related: cfg})
}

func TestRelatedConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		cfg   news.RelatedConfig
		field string // "" when valid
		rule  string
	}{
		{"zero", news.RelatedConfig{}, "", ""},
		{"default", news.DefaultRelatedConfig, "", ""},
		{"partial", news.RelatedConfig{CategoryWeight: 5}, "", ""},
		{"one microsecond half-life", news.RelatedConfig{RecencyHalfLife: time.Microsecond}, "", ""},
		{"every signal off", news.RelatedConfig{Disable: news.RelatedTags | news.RelatedWords | news.RelatedCategory | news.RelatedAncestor | news.RelatedRecency}, "", ""},
		{"negative tag weight", news.RelatedConfig{TagWeight: -1}, "TagWeight", "negative (-1)"},
		{"negative category weight", news.RelatedConfig{CategoryWeight: -0.5}, "CategoryWeight", "negative (-0.5)"},
		{"NaN word weight", news.RelatedConfig{WordWeight: math.NaN()}, "WordWeight", "not a finite number (NaN)"},
		{"infinite ancestor weight", news.RelatedConfig{AncestorWeight: math.Inf(1)}, "AncestorWeight", "not a finite number (+Inf)"},
		{"negative infinite recency weight", news.RelatedConfig{RecencyWeight: math.Inf(-1)}, "RecencyWeight", "not a finite number (-Inf)"},
		{"negative half-life", news.RelatedConfig{RecencyHalfLife: -time.Hour}, "RecencyHalfLife", "negative (-1h0m0s)"},
		{"half-life under a microsecond", news.RelatedConfig{RecencyHalfLife: 999 * time.Nanosecond}, "RecencyHalfLife", "under 1µs (999ns)"},
		{"unknown signal", news.RelatedConfig{Disable: 1 << 7}, "Disable", "unknown signals (0x80)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.cfg.Validate()
			if tc.field == "" {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, news.ErrInvalid)
			var fe *news.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tc.field, fe.Field)
			assert.Equal(t, tc.rule, fe.Rule)

			// Related refuses to score with it, naming the field.
			now := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
			cat := &news.Category{ID: uuid.New(), Slug: "tin-tuc", Name: "Tin tức"}
			a := relatedArticle("Hội nghị tổng kết khoa học", cat, now.Add(-time.Hour), "khoa học")
			b := relatedArticle("Hội thảo khoa học cấp tỉnh", cat, now.Add(-2*time.Hour), "khoa học")
			p := relatedPublic(t, now, tc.cfg, []*news.Category{cat}, a, b)
			_, err = p.Related(context.Background(), a, 5)
			require.ErrorIs(t, err, news.ErrInvalid)
			assert.ErrorContains(t, err, tc.field+": "+tc.rule)
		})
	}
}

func TestRelatedNilArticle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := news.NewPublic(memstore.New(), nil)
	tests := []struct {
		name string
		call func() error
	}{
		{"Related", func() error { _, err := p.Related(ctx, nil, 5); return err }},
		{"Related with n 0", func() error { _, err := p.Related(ctx, nil, 0); return err }},
		{"SameCategory", func() error { _, err := p.SameCategory(ctx, nil, 5); return err }},
		{"Adjacent", func() error { _, _, err := p.Adjacent(ctx, nil); return err }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var err error
			require.NotPanics(t, func() { err = tc.call() })
			require.ErrorIs(t, err, news.ErrInvalid)
			var fe *news.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, "article", fe.Field)
		})
	}
}

// TestRelatedConfigRules checks each rule of RelatedConfig on one small
// archive: partial configs keep the defaults, Disable switches a signal
// off, OlderOnly keeps to older articles, tags past the 32nd count, and
// Why.Words keeps the title's spelling.
func TestRelatedConfigRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	nongNghiep := &news.Category{ID: uuid.New(), Slug: "nong-nghiep", Name: "Nông nghiệp"}
	thongBao := &news.Category{ID: uuid.New(), Slug: "thong-bao", Name: "Thông báo"}
	cats := []*news.Category{nongNghiep, thongBao}
	day := 24 * time.Hour
	lookup := relatedArticle("Giá bưởi da xanh tăng mạnh dịp cuối năm", nongNghiep, now.Add(-10*day), "bưởi da xanh", "xuất khẩu")
	older := relatedArticle("Xuất khẩu bưởi da xanh sang thị trường châu Âu", thongBao, now.Add(-40*day), "bưởi da xanh", "châu Âu")
	newer := relatedArticle("Hợp tác xã đạt chuẩn VietGAP", thongBao, now.Add(-2*day), "xuất khẩu")
	sameCat := relatedArticle("Tập huấn kỹ thuật chăm sóc cây sầu riêng", nongNghiep, now.Add(-day))
	sameCatOld := relatedArticle("Hội nghị tổng kết vụ lúa hè thu", nongNghiep, now.Add(-60*day))
	arts := []*news.Article{lookup, older, newer, sameCat, sameCatOld}

	slugs := func(list []news.Related) []string {
		var out []string
		for _, r := range list {
			out = append(out, r.Article.Slug)
		}
		return out
	}
	related := func(t *testing.T, cfg news.RelatedConfig, a *news.Article) []news.Related {
		t.Helper()
		list, err := relatedPublic(t, now, cfg, cats, arts...).Related(ctx, a, 10)
		require.NoError(t, err)
		return list
	}

	t.Run("a partial config keeps the other defaults", func(t *testing.T) {
		t.Parallel()
		want := related(t, news.DefaultRelatedConfig, lookup)
		for _, cfg := range []news.RelatedConfig{
			{},
			{CategoryWeight: news.DefaultRelatedConfig.CategoryWeight},
			{RecencyHalfLife: news.DefaultRelatedConfig.RecencyHalfLife},
			{TagWeight: news.DefaultRelatedConfig.TagWeight, WordWeight: news.DefaultRelatedConfig.WordWeight},
		} {
			assert.Equal(t, want, related(t, cfg, lookup), "%+v", cfg)
		}
		// A heavier tag weight raises only what tags give.
		heavy := related(t, news.RelatedConfig{TagWeight: 6}, lookup)
		require.Equal(t, slugs(want), slugs(heavy))
		assert.Greater(t, heavy[0].Score, want[0].Score)
	})

	t.Run("Disable switches a signal off", func(t *testing.T) {
		t.Parallel()
		all := related(t, news.RelatedConfig{}, lookup)
		noTags := related(t, news.RelatedConfig{Disable: news.RelatedTags}, lookup)
		for _, r := range noTags {
			assert.Empty(t, r.Why.Tags, r.Article.Slug)
		}
		noWords := related(t, news.RelatedConfig{Disable: news.RelatedWords | news.RelatedRecency}, lookup)
		for _, r := range noWords {
			assert.Empty(t, r.Why.Words, r.Article.Slug)
		}
		require.NotEmpty(t, all)
		assert.Equal(t, older.Slug, all[0].Article.Slug)
		assert.NotEmpty(t, all[0].Why.Tags)
		// With the category off, same-category articles sharing nothing
		// are not scored (only the fallback may list them).
		noCat := related(t, news.RelatedConfig{Disable: news.RelatedCategory}, lookup)
		for _, r := range noCat {
			if r.Article.ID == sameCat.ID || r.Article.ID == sameCatOld.ID {
				assert.True(t, r.Why.Fallback, r.Article.Slug)
			}
		}
	})

	t.Run("OlderOnly keeps to older articles, fallback too", func(t *testing.T) {
		t.Parallel()
		assert.Contains(t, slugs(related(t, news.RelatedConfig{}, lookup)), newer.Slug)
		list := related(t, news.RelatedConfig{OlderOnly: true}, lookup)
		assert.Equal(t, []string{older.Slug, sameCatOld.Slug}, slugs(list))
		for _, r := range list {
			assert.False(t, r.Article.PublishAt.After(lookup.PublishAt), r.Article.Slug)
		}
	})

	t.Run("tags past the 32nd count", func(t *testing.T) {
		t.Parallel()
		preview := relatedArticle("Bản tin tổng hợp", nongNghiep, now)
		for i := range 40 {
			preview.Tags = append(preview.Tags, fmt.Sprintf("chủ đề %d", i))
		}
		preview.Tags = append(preview.Tags, "Châu Âu")
		list := related(t, news.RelatedConfig{Disable: news.RelatedCategory}, preview)
		require.NotEmpty(t, list)
		assert.Equal(t, older.Slug, list[0].Article.Slug)
		assert.Equal(t, []string{"Châu Âu"}, list[0].Why.Tags)
		assert.False(t, list[0].Why.Fallback)
	})

	t.Run("Why.Words keeps the title's spelling", func(t *testing.T) {
		t.Parallel()
		list := related(t, news.RelatedConfig{}, lookup)
		require.NotEmpty(t, list)
		require.Equal(t, older.Slug, list[0].Article.Slug)
		assert.Equal(t, []string{"bưởi da", "da xanh"}, list[0].Why.Words)
		lookup := relatedArticle("Từ vựng khoa học: Bưởi Da Xanh", nongNghiep, now)
		list = related(t, news.RelatedConfig{}, lookup)
		require.NotEmpty(t, list)
		assert.Equal(t, []string{"Bưởi Da", "Da Xanh"}, list[0].Why.Words)
	})
}
