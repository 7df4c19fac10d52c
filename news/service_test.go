package news_test

import (
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"golang.org/x/text/unicode/norm"
)

// updateFlag is -update, which rewrites golden files. Another test file of
// the package may define it first; then that definition is used.
var updateFlag = func() flag.Value {
	if f := flag.Lookup("update"); f != nil {
		return f.Value
	}
	flag.Bool("update", false, "rewrite golden files under testdata/")
	return flag.Lookup("update").Value
}()

// updating reports whether golden files are to be rewritten.
func updating() bool { return updateFlag.String() == "true" }

// ict is Vietnam's time zone, fixed, for test times.
var ict = time.FixedZone("ICT", 7*3600)

// t0 is the start time of every test clock.
var t0 = time.Date(2026, 11, 20, 8, 0, 0, 0, ict)

// A fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// seqIDs returns an ID maker giving 00000000-0000-0000-0000-000000000001,
// …02 and so on.
func seqIDs() func() uuid.UUID {
	var n atomic.Uint64
	return func() uuid.UUID {
		var id uuid.UUID
		binary.BigEndian.PutUint64(id[8:], n.Add(1))
		return id
	}
}

// An env is a store with a service and a public view on one fake clock.
type env struct {
	store *memstore.Store
	clock *fakeClock
	svc   *news.Service
	pub   *news.Public
}

func newEnv(tb testing.TB) *env {
	tb.Helper()
	e := &env{store: memstore.New(), clock: &fakeClock{t: t0}}
	e.svc = news.NewService(e.store, &news.ServiceOptions{Now: e.clock.Now, NewID: seqIDs()})
	e.pub = news.NewPublic(e.store, &news.PublicOptions{Now: e.clock.Now})
	return e
}

func (e *env) category(tb testing.TB, name string, parent *news.Category) *news.Category {
	tb.Helper()
	in := news.CategoryInput{Name: name}
	if parent != nil {
		in.ParentID = parent.ID
	}
	c, err := e.svc.CreateCategory(context.Background(), in)
	if err != nil {
		tb.Fatalf("CreateCategory(%q): %v", name, err)
	}
	return c
}

func (e *env) draft(tb testing.TB, in news.ArticleInput) *news.Article {
	tb.Helper()
	a, err := e.svc.CreateDraft(context.Background(), in)
	if err != nil {
		tb.Fatalf("CreateDraft(%q): %v", in.Title, err)
	}
	return a
}

// published creates and publishes an article, then moves the clock one
// minute so the next one is newer.
func (e *env) published(tb testing.TB, in news.ArticleInput) *news.Article {
	tb.Helper()
	a := e.draft(tb, in)
	a, err := e.svc.Publish(context.Background(), a.ID)
	if err != nil {
		tb.Fatalf("Publish(%q): %v", a.Slug, err)
	}
	e.clock.Add(time.Minute)
	return a
}

func (e *env) article(tb testing.TB, id uuid.UUID) *news.Article {
	tb.Helper()
	a, err := e.store.Article(context.Background(), id)
	if err != nil {
		tb.Fatalf("store.Article(%s): %v", id, err)
	}
	return a
}

func (e *env) version(tb testing.TB) int64 {
	tb.Helper()
	v, err := e.store.Version(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

func TestCreateDraftSlugs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức - Sự kiện", nil)
	title := "Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2025–2030"
	tests := []struct {
		name, title, slug, want string
	}{
		{"first", title, "", "dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2025-2030"},
		{"second gets -2", title, "", "dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2025-2030-2"},
		{"NFD title gets -3", norm.NFD.String(title), "", "dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2025-2030-3"},
		{"no letters falls back", "!!! ??? …", "", "bai-viet"},
		{"fallback is unique too", "—", "", "bai-viet-2"},
		{"explicit slug kept", "Lịch tiếp công dân", "lich-tiep-cong-dan-thang-12", "lich-tiep-cong-dan-thang-12"},
		{"long title cut for suffix", strings.Repeat("Khoa học công nghệ ", 10), "", "khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa"},
		{"long title second", strings.Repeat("Khoa học công nghệ ", 10), "", "khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-2"},
		{"long title keeps its year", strings.Repeat("Khoa học công nghệ ", 6) + "năm 2027", "", "khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-2027"},
		{"long title keeps its year with a suffix", strings.Repeat("Khoa học công nghệ ", 6) + "năm 2027", "", "khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-khoa-hoc-cong-nghe-2027-2"},
	}
	for _, tc := range tests {
		a, err := e.svc.CreateDraft(ctx, news.ArticleInput{Title: tc.title, Slug: tc.slug, CategoryID: cat.ID})
		if err != nil {
			t.Fatalf("%s: CreateDraft(%q): %v", tc.name, tc.title, err)
		}
		if a.Slug != tc.want {
			t.Errorf("%s: CreateDraft(%q).Slug = %q, want %q", tc.name, tc.title, a.Slug, tc.want)
		}
		if len(a.Slug) > news.MaxSlugLen {
			t.Errorf("%s: slug %q longer than %d bytes", tc.name, a.Slug, news.MaxSlugLen)
		}
	}

	t.Run("explicit slug taken", func(t *testing.T) {
		_, err := e.svc.CreateDraft(ctx, news.ArticleInput{Title: "Khác", Slug: "bai-viet", CategoryID: cat.ID})
		if !errors.Is(err, news.ErrConflict) {
			t.Fatalf("CreateDraft with a taken slug: err = %v, want ErrConflict", err)
		}
	})
}

// conflictOnce is a store where another writer takes the slug of the
// first article created, just before the service writes it.
type conflictOnce struct {
	*memstore.Store
	once sync.Once
}

func (s *conflictOnce) CreateArticle(ctx context.Context, a *news.Article) error {
	var raced error
	s.once.Do(func() {
		other := a.Clone()
		other.ID = uuid.MustParse("99999999-9999-9999-9999-999999999999")
		if err := s.Store.CreateArticle(ctx, other); err != nil {
			raced = err
		}
	})
	if raced != nil {
		return raced
	}
	return s.Store.CreateArticle(ctx, a)
}

func TestCreateDraftRetriesSlugRace(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := &conflictOnce{Store: memstore.New()}
	svc := news.NewService(st, &news.ServiceOptions{Now: (&fakeClock{t: t0}).Now, NewID: seqIDs()})
	cat, err := svc.CreateCategory(ctx, news.CategoryInput{Name: "Thông báo"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := svc.CreateDraft(ctx, news.ArticleInput{Title: "Thông báo nghỉ Tết", CategoryID: cat.ID})
	if err != nil {
		t.Fatalf("CreateDraft: %v", err)
	}
	if want := "thong-bao-nghi-tet-2"; a.Slug != want {
		t.Errorf("after a race, Slug = %q, want %q", a.Slug, want)
	}
}

func TestCreateDraftNormalises(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cat := e.category(t, "  Khoa học\u200b - Công nghệ ", nil)
	if want := "Khoa học - Công nghệ"; cat.Name != want {
		t.Errorf("category Name = %q, want %q", cat.Name, want)
	}
	if want := "khoa-hoc-cong-nghe"; cat.Slug != want {
		t.Errorf("category Slug = %q, want %q", cat.Slug, want)
	}
	e.clock.Add(1234567 * time.Nanosecond)
	a := e.draft(t, news.ArticleInput{
		Title:      norm.NFD.String("  Hội thảo\u200b về   chuyển đổi số\n"),
		BodyHTML:   `<p>Sáng nay, Sở đã tổ chức <b>hội thảo</b>.</p><script>alert(1)</script>`,
		Author:     "\ufeffPhòng Quản lý\tchuyên ngành",
		Tags:       []string{" Chuyển đổi số ", "hội thảo"},
		Lang:       "VI",
		CategoryID: cat.ID,
		Cover:      &news.Image{URL: " /uploads/hoi-thao.jpg ", Alt: "Toàn cảnh hội thảo"},
	})
	checks := []struct{ field, got, want string }{
		{"Title", a.Title, "Hội thảo về chuyển đổi số"},
		{"Author", a.Author, "Phòng Quản lý chuyên ngành"},
		{"Tags[0]", a.Tags[0], "Chuyển đổi số"},
		{"Lang", a.Lang, "vi"},
		{"Cover.URL", a.Cover.URL, "/uploads/hoi-thao.jpg"},
		{"Summary", a.Summary, "Sáng nay, Sở đã tổ chức hội thảo."},
		{"Slug", a.Slug, "hoi-thao-ve-chuyen-doi-so"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if !norm.NFC.IsNormalString(a.Title) {
		t.Errorf("Title %q is not NFC", a.Title)
	}
	if strings.Contains(a.Body, "script") {
		t.Errorf("Body = %q, want the script removed", a.Body)
	}
	if a.Status != news.StatusDraft {
		t.Errorf("Status = %q, want draft", a.Status)
	}
	want := t0.UTC().Add(1234 * time.Microsecond)
	if !a.CreatedAt.Equal(want) || !a.UpdatedAt.Equal(want) || a.CreatedAt.Location() != time.UTC {
		t.Errorf("CreatedAt, UpdatedAt = %v, %v, want %v (UTC, microseconds)", a.CreatedAt, a.UpdatedAt, want)
	}
	if !a.PublishAt.IsZero() {
		t.Errorf("draft PublishAt = %v, want zero", a.PublishAt)
	}
	if got := e.article(t, a.ID); !reflect.DeepEqual(got, a) {
		t.Errorf("stored article differs from the returned one:\n got %+v\nwant %+v", got, a)
	}
	for _, tc := range []struct{ in, want string }{{"", "vi"}, {"en-us", "en-US"}, {"EN", "en"}} {
		b := e.draft(t, news.ArticleInput{Title: "Lang " + tc.in, Lang: tc.in, CategoryID: cat.ID})
		if b.Lang != tc.want {
			t.Errorf("CreateDraft with Lang %q: Lang = %q, want %q", tc.in, b.Lang, tc.want)
		}
	}
}

func TestValidationErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức", nil)
	ok := func(mod func(in *news.ArticleInput)) news.ArticleInput {
		in := news.ArticleInput{Title: "Tiêu đề hợp lệ", CategoryID: cat.ID}
		mod(&in)
		return in
	}
	tags := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, "thẻ "+strings.Repeat("a", i+1))
		}
		return out
	}
	tests := []struct {
		name string
		in   news.ArticleInput
		want string
	}{
		{"title required", ok(func(in *news.ArticleInput) { in.Title = " \u200b\t" }), "title: required"},
		{"title too long", ok(func(in *news.ArticleInput) { in.Title = strings.Repeat("ệ", 301) }), "title: longer than 300 characters"},
		{"title of 300 ok", ok(func(in *news.ArticleInput) { in.Title = strings.Repeat("ệ", 300) }), ""},
		{"slug pattern", ok(func(in *news.ArticleInput) { in.Slug = "Đại-hội" }), "slug: not a slug (a-z, 0-9 and single hyphens, at most 120 bytes)"},
		{"summary too long", ok(func(in *news.ArticleInput) { in.Summary = strings.Repeat("a", 1001) }), "summary: longer than 1000 characters"},
		{"body too large", ok(func(in *news.ArticleInput) { in.BodyHTML = "<p>" + strings.Repeat("x", 1<<20) + "</p>" }), "body: larger than 1 MiB"},
		{"lang", ok(func(in *news.ArticleInput) { in.Lang = "tiếng việt" }), "lang: not a BCP 47 language tag"},
		{"cover url javascript", ok(func(in *news.ArticleInput) { in.Cover = &news.Image{URL: "javascript:alert(1)"} }), "cover.url: scheme not allowed: javascript"},
		{"cover url required", ok(func(in *news.ArticleInput) { in.Cover = &news.Image{Alt: "Ảnh"} }), "cover.url: required"},
		{"cover type", ok(func(in *news.ArticleInput) { in.Cover = &news.Image{URL: "/a.pdf", Type: "application/pdf"} }), "cover.type: not an image/* type"},
		{"cover alt", ok(func(in *news.ArticleInput) { in.Cover = &news.Image{URL: "/a.jpg", Alt: strings.Repeat("b", 301)} }), "cover.alt: longer than 300 characters"},
		{"attachment data url", ok(func(in *news.ArticleInput) {
			in.Attachments = []news.Attachment{{URL: "/van-ban.pdf"}, {URL: "data:text/html,x", Size: -1}}
		}), "attachments[1].url: scheme not allowed: data; attachments[1].size: negative"},
		{"too many tags", ok(func(in *news.ArticleInput) { in.Tags = tags(21) }), "tags: more than 20"},
		{"20 tags ok", ok(func(in *news.ArticleInput) { in.Tags = tags(20) }), ""},
		{"tag too long", ok(func(in *news.ArticleInput) { in.Tags = []string{"a", "b", "c", strings.Repeat("đ", 65)} }), "tags[3]: longer than 64 characters"},
		{"empty tag", ok(func(in *news.ArticleInput) { in.Tags = []string{"a", "  "} }), "tags[1]: required"},
		{"duplicate tag", ok(func(in *news.ArticleInput) { in.Tags = []string{"Khoa học", "khoa hoc", "KHOA-HỌC"} }), "tags[1]: duplicate of tags[0]; tags[2]: duplicate of tags[0]"},
		{"author", ok(func(in *news.ArticleInput) { in.Author = strings.Repeat("x", 201) }), "author: longer than 200 characters"},
		{"category required", ok(func(in *news.ArticleInput) { in.CategoryID = uuid.Nil }), "category: required"},
		{"category unknown", ok(func(in *news.ArticleInput) { in.CategoryID = uuid.New() }), "category: not found"},
		{"several in field order", news.ArticleInput{Slug: "-x", Tags: []string{""}}, "slug: not a slug (a-z, 0-9 and single hyphens, at most 120 bytes); title: required; category: required; tags[0]: required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := e.version(t)
			a, err := e.svc.CreateDraft(ctx, tc.in)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("CreateDraft: %v, want no error", err)
				}
				return
			}
			if a != nil || !errors.Is(err, news.ErrInvalid) {
				t.Fatalf("CreateDraft = %v, %v; want nil and ErrInvalid", a, err)
			}
			var fes news.FieldErrors
			if !errors.As(err, &fes) {
				t.Fatalf("error %v is not a FieldErrors", err)
			}
			if got := fes.Error(); got != tc.want {
				t.Errorf("CreateDraft error = %q, want %q", got, tc.want)
			}
			if v := e.version(t); v != before {
				t.Errorf("store version moved from %d to %d on a failed write", before, v)
			}
		})
	}
}

func TestUpdateSlugsAndAliases(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức", nil)

	pub := e.published(t, news.ArticleInput{Title: "Hội nghị sơ kết 6 tháng", CategoryID: cat.ID})
	in := news.ArticleInput{Title: "Hội nghị sơ kết 6 tháng đầu năm 2026", CategoryID: cat.ID}
	a, err := e.svc.Update(ctx, pub.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if a.Slug != pub.Slug {
		t.Errorf("title change of a published article: Slug = %q, want it kept (%q)", a.Slug, pub.Slug)
	}
	in.Slug = "so-ket-6-thang-2026"
	if a, err = e.svc.Update(ctx, pub.ID, in); err != nil {
		t.Fatal(err)
	}
	if a.Slug != in.Slug || !reflect.DeepEqual(a.Aliases, []string{pub.Slug}) {
		t.Errorf("after slug change: Slug, Aliases = %q, %q; want %q, [%q]", a.Slug, a.Aliases, in.Slug, pub.Slug)
	}
	got, err := e.pub.ArticleBySlug(ctx, pub.Slug)
	if err != nil || got.ID != pub.ID || got.Slug != in.Slug {
		t.Errorf("ArticleBySlug(old slug) = %v, %v; want the article with slug %q", got, err, in.Slug)
	}
	// Changing back frees the alias.
	in.Slug = pub.Slug
	if a, err = e.svc.Update(ctx, pub.ID, in); err != nil {
		t.Fatal(err)
	}
	if want := []string{"so-ket-6-thang-2026"}; a.Slug != pub.Slug || !reflect.DeepEqual(a.Aliases, want) {
		t.Errorf("after changing back: Slug, Aliases = %q, %q; want %q, %q", a.Slug, a.Aliases, pub.Slug, want)
	}
	// Another article cannot take the alias.
	_, err = e.svc.CreateDraft(ctx, news.ArticleInput{Title: "Khác", Slug: "so-ket-6-thang-2026", CategoryID: cat.ID})
	if !errors.Is(err, news.ErrConflict) {
		t.Errorf("CreateDraft with another article's alias: err = %v, want ErrConflict", err)
	}

	t.Run("never-published draft follows its title", func(t *testing.T) {
		d := e.draft(t, news.ArticleInput{Title: "Bản nháp thông báo", CategoryID: cat.ID})
		d2, err := e.svc.Update(ctx, d.ID, news.ArticleInput{Title: "Thông báo tuyển dụng", CategoryID: cat.ID})
		if err != nil {
			t.Fatal(err)
		}
		if d2.Slug != "thong-bao-tuyen-dung" || d2.Aliases != nil {
			t.Errorf("Slug, Aliases = %q, %q; want %q and none", d2.Slug, d2.Aliases, "thong-bao-tuyen-dung")
		}
	})
	t.Run("explicit draft slug stays", func(t *testing.T) {
		d := e.draft(t, news.ArticleInput{Title: "Lịch công tác", Slug: "lich-tuan-48", CategoryID: cat.ID})
		d2, err := e.svc.Update(ctx, d.ID, news.ArticleInput{Title: "Lịch công tác tuần 48", CategoryID: cat.ID})
		if err != nil {
			t.Fatal(err)
		}
		if d2.Slug != "lich-tuan-48" {
			t.Errorf("Slug = %q, want %q", d2.Slug, "lich-tuan-48")
		}
	})
}

func TestFailedUpdateChangesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức", nil)
	other := e.published(t, news.ArticleInput{Title: "Bài khác", CategoryID: cat.ID})
	a := e.published(t, news.ArticleInput{Title: "Bài gốc", Tags: []string{"gốc"}, CategoryID: cat.ID})
	before := e.article(t, a.ID)
	v := e.version(t)
	bad := []struct {
		name string
		in   news.ArticleInput
		is   error
	}{
		{"invalid title", news.ArticleInput{Title: "", Slug: "moi", CategoryID: cat.ID}, news.ErrInvalid},
		{"slug of another", news.ArticleInput{Title: "Bài gốc sửa", Slug: other.Slug, CategoryID: cat.ID}, news.ErrConflict},
		{"bad cover", news.ArticleInput{Title: "Bài gốc sửa", Cover: &news.Image{URL: "file:///C:/anh.jpg"}, CategoryID: cat.ID}, news.ErrInvalid},
	}
	for _, tc := range bad {
		if _, err := e.svc.Update(ctx, a.ID, tc.in); !errors.Is(err, tc.is) {
			t.Errorf("%s: Update err = %v, want %v", tc.name, err, tc.is)
		}
		if got := e.article(t, a.ID); !reflect.DeepEqual(got, before) {
			t.Errorf("%s: article changed by a failed update:\n got %+v\nwant %+v", tc.name, got, before)
		}
		if got := e.version(t); got != v {
			t.Errorf("%s: version moved from %d to %d", tc.name, v, got)
		}
	}
	if _, err := e.svc.Update(ctx, uuid.New(), news.ArticleInput{Title: "x", CategoryID: cat.ID}); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Update of an unknown ID: err = %v, want ErrNotFound", err)
	}
}

func TestPublishingLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Tin tức", nil)
	a := e.draft(t, news.ArticleInput{Title: "Tập huấn sở hữu trí tuệ", CategoryID: cat.ID})

	p, err := e.svc.Publish(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	first := p.PublishAt
	if p.Status != news.StatusPublished || !first.Equal(t0) {
		t.Errorf("Publish: Status, PublishAt = %q, %v; want published, %v", p.Status, first, t0)
	}
	e.clock.Add(time.Hour)
	v := e.version(t)
	if p, _ = e.svc.Publish(ctx, a.ID); !p.PublishAt.Equal(first) || e.version(t) != v {
		t.Errorf("Publish of a public article changed it: PublishAt %v, version %d → %d", p.PublishAt, v, e.version(t))
	}
	if p, err = e.svc.Unpublish(ctx, a.ID); err != nil || p.Status != news.StatusDraft {
		t.Fatalf("Unpublish = %v, %v; want a draft", p, err)
	}
	e.clock.Add(time.Hour)
	if p, _ = e.svc.Publish(ctx, a.ID); !p.PublishAt.Equal(first) {
		t.Errorf("re-Publish after Unpublish: PublishAt = %v, want the first date %v", p.PublishAt, first)
	}
	if p, err = e.svc.Archive(ctx, a.ID); err != nil || p.Status != news.StatusArchived {
		t.Fatalf("Archive = %v, %v; want archived", p, err)
	}
	if _, err := e.pub.Article(ctx, a.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Public.Article of an archived article: err = %v, want ErrNotFound", err)
	}
	back := t0.Add(-48 * time.Hour)
	if p, err = e.svc.Schedule(ctx, a.ID, back); err != nil || !p.PublishAt.Equal(back) || !p.Visible(e.clock.Now()) {
		t.Errorf("Schedule in the past = %v, %v; want visible now with PublishAt %v", p, err, back)
	}
	future := e.clock.Now().Add(30 * time.Minute)
	if p, err = e.svc.Schedule(ctx, a.ID, future); err != nil || !p.Scheduled(e.clock.Now()) {
		t.Errorf("Schedule in the future = %v, %v; want scheduled", p, err)
	}
	if p, _ = e.svc.Publish(ctx, a.ID); !p.PublishAt.Equal(e.clock.Now()) {
		t.Errorf("Publish of a scheduled article: PublishAt = %v, want now %v", p.PublishAt, e.clock.Now())
	}
	if _, err := e.svc.Schedule(ctx, a.ID, time.Time{}); !errors.Is(err, news.ErrInvalid) || !strings.Contains(err.Error(), "publish_at: required") {
		t.Errorf("Schedule at zero time: err = %v, want publish_at: required", err)
	}
	if _, err := e.svc.Schedule(ctx, a.ID, time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)); !errors.Is(err, news.ErrInvalid) ||
		!strings.Contains(err.Error(), "publish_at: not between years 1 and 9999") {
		t.Errorf("Schedule in year 10000: err = %v, want publish_at: not between years 1 and 9999", err)
	}
	if err := e.svc.Delete(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func() error{
		"Publish":   func() error { _, err := e.svc.Publish(ctx, a.ID); return err },
		"Unpublish": func() error { _, err := e.svc.Unpublish(ctx, a.ID); return err },
		"Archive":   func() error { _, err := e.svc.Archive(ctx, a.ID); return err },
		"Schedule":  func() error { _, err := e.svc.Schedule(ctx, a.ID, t0); return err },
		"Delete":    func() error { return e.svc.Delete(ctx, a.ID) },
	} {
		if err := f(); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("%s of a deleted article: err = %v, want ErrNotFound", name, err)
		}
	}
}

func TestScheduledInvisibleUntilDue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Thông báo", nil)
	old := e.published(t, news.ArticleInput{Title: "Thông báo cũ", CategoryID: cat.ID})
	a := e.draft(t, news.ArticleInput{Title: "Thông báo lịch nghỉ Tết Nguyên đán", Tags: []string{"Tết"}, CategoryID: cat.ID})
	due := e.clock.Now().Add(2 * time.Hour)
	if _, err := e.svc.Schedule(ctx, a.ID, due); err != nil {
		t.Fatal(err)
	}
	st1, err := e.pub.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !st1.Epoch.Equal(due) {
		t.Errorf("State.Epoch = %v, want the scheduled time %v", st1.Epoch, due)
	}
	assertHidden(t, e, a, old)

	e.clock.Add(2*time.Hour - time.Microsecond)
	assertHidden(t, e, a, old)
	e.clock.Add(time.Microsecond)
	if _, err := e.pub.Article(ctx, a.ID); err != nil {
		t.Errorf("at its time, Public.Article: %v", err)
	}
	page, err := e.pub.Articles(ctx, news.Query{})
	if err != nil || len(page.Articles) != 2 || page.Articles[0].ID != a.ID {
		t.Errorf("at its time, Articles = %v, %v; want it first of 2", page, err)
	}
	st2, err := e.pub.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st2.Key() == st1.Key() || !st2.Epoch.IsZero() {
		t.Errorf("State after the epoch = %+v (key %q), want a new key and no epoch (was %q)", st2, st2.Key(), st1.Key())
	}
}

// assertHidden checks that no Public method returns hidden; ref is a
// visible article in the same category.
func assertHidden(t *testing.T, e *env, hidden, ref *news.Article) {
	t.Helper()
	ctx := context.Background()
	if _, err := e.pub.Article(ctx, hidden.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Public.Article(%s): err = %v, want ErrNotFound", hidden.Slug, err)
	}
	if _, err := e.pub.ArticleBySlug(ctx, hidden.Slug); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Public.ArticleBySlug(%q): err = %v, want ErrNotFound", hidden.Slug, err)
	}
	queries := []news.Query{
		{},
		{Status: hidden.Status},
		{Status: news.StatusDraft},
		{CategoryID: hidden.CategoryID, Limit: news.MaxLimit},
		{Text: hidden.Title},
		{To: hidden.PublishAt.Add(time.Hour)},
		{From: hidden.PublishAt},
		{Lang: hidden.Lang},
	}
	for _, tag := range hidden.Tags {
		queries = append(queries, news.Query{Tag: tag})
	}
	for _, q := range queries {
		for page, err := e.pub.Articles(ctx, q); ; page, err = e.pub.Articles(ctx, q) {
			if err != nil {
				t.Fatalf("Articles(%+v): %v", q, err)
			}
			for _, a := range page.Articles {
				if a.ID == hidden.ID {
					t.Errorf("Articles(%+v) returned %s (%s)", q, hidden.Slug, hidden.Status)
				}
			}
			if page.Next == "" {
				break
			}
			q.Cursor = page.Next
		}
	}
	same, err := e.pub.SameCategory(ctx, ref, news.MaxLimit)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range same {
		if a.ID == hidden.ID {
			t.Errorf("SameCategory(%s) returned %s", ref.Slug, hidden.Slug)
		}
	}
	prev, next, err := e.pub.Adjacent(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []*news.Article{prev, next} {
		if a != nil && a.ID == hidden.ID {
			t.Errorf("Adjacent(%s) returned %s", ref.Slug, hidden.Slug)
		}
	}
	for _, of := range []*news.Article{ref, hidden} {
		rel, err := e.pub.Related(ctx, of, news.MaxLimit)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rel {
			if r.Article.ID == hidden.ID {
				t.Errorf("Related(%s) returned %s", of.Slug, hidden.Slug)
			}
		}
	}
}

func TestDraftsAndArchivedNeverPublic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	cat := e.category(t, "Khoa học - Công nghệ", nil)
	in := func(title string) news.ArticleInput {
		return news.ArticleInput{Title: title, Tags: []string{"đổi mới sáng tạo", "khởi nghiệp"}, CategoryID: cat.ID}
	}
	ref := e.published(t, in("Ngày hội khởi nghiệp đổi mới sáng tạo"))
	draft := e.draft(t, in("Ngày hội khởi nghiệp đổi mới sáng tạo lần thứ hai"))
	archived := e.published(t, in("Ngày hội khởi nghiệp đổi mới sáng tạo năm trước"))
	if _, err := e.svc.Archive(ctx, archived.ID); err != nil {
		t.Fatal(err)
	}
	unpublished := e.published(t, in("Ngày hội khởi nghiệp đổi mới sáng tạo đã gỡ"))
	if _, err := e.svc.Unpublish(ctx, unpublished.ID); err != nil {
		t.Fatal(err)
	}
	e.clock.Add(time.Hour)
	for _, h := range []*news.Article{draft, archived, unpublished} {
		assertHidden(t, e, e.article(t, h.ID), ref)
	}
}

func TestCategories(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	root := e.category(t, "Tin tức - Sự kiện", nil)
	child := e.category(t, "Hoạt động của Sở", root)
	grand := e.category(t, "Hoạt động chi bộ", child)
	dup := e.category(t, "Tin tức  Sự kiện", nil)
	if dup.Slug != "tin-tuc-su-kien-2" {
		t.Errorf("second category slug = %q, want tin-tuc-su-kien-2", dup.Slug)
	}
	tests := []struct {
		name string
		id   uuid.UUID
		in   news.CategoryInput
		want string
		is   error
	}{
		{"name required", uuid.Nil, news.CategoryInput{Name: " "}, "name: required", news.ErrInvalid},
		{"name too long", uuid.Nil, news.CategoryInput{Name: strings.Repeat("á", 201)}, "name: longer than 200 characters", news.ErrInvalid},
		{"bad slug", uuid.Nil, news.CategoryInput{Name: "X", Slug: "a--b"}, "slug: not a slug (a-z, 0-9 and single hyphens, at most 120 bytes)", news.ErrInvalid},
		{"parent unknown", uuid.Nil, news.CategoryInput{Name: "X", ParentID: uuid.New()}, "parent: not found", news.ErrInvalid},
		{"slug taken", uuid.Nil, news.CategoryInput{Name: "X", Slug: "hoat-dong-cua-so"}, "is taken", news.ErrConflict},
		{"parent itself", root.ID, news.CategoryInput{Name: root.Name, ParentID: root.ID}, "parent: is the category itself", news.ErrInvalid},
		{"cycle", root.ID, news.CategoryInput{Name: root.Name, ParentID: grand.ID}, "parent: would make a cycle", news.ErrInvalid},
		{"update slug taken", grand.ID, news.CategoryInput{Name: grand.Name, Slug: root.Slug, ParentID: child.ID}, "is taken", news.ErrConflict},
		{"update unknown", uuid.New(), news.CategoryInput{Name: "X"}, "not found", news.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := e.version(t)
			var err error
			if tc.id == uuid.Nil {
				_, err = e.svc.CreateCategory(ctx, tc.in)
			} else {
				_, err = e.svc.UpdateCategory(ctx, tc.id, tc.in)
			}
			if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want %v containing %q", err, tc.is, tc.want)
			}
			if got := e.version(t); got != v {
				t.Errorf("version moved from %d to %d", v, got)
			}
		})
	}
	moved, err := e.svc.UpdateCategory(ctx, grand.ID, news.CategoryInput{Name: "Chi bộ", Description: "Tin về chi bộ.", Position: 2})
	if err != nil {
		t.Fatal(err)
	}
	if moved.Slug != grand.Slug || moved.ParentID != uuid.Nil || moved.Name != "Chi bộ" || moved.Position != 2 {
		t.Errorf("UpdateCategory = %+v; want slug kept, top level, renamed, position 2", moved)
	}
	e.draft(t, news.ArticleInput{Title: "Bài trong chuyên mục", CategoryID: child.ID})
	if err := e.svc.DeleteCategory(ctx, child.ID); !errors.Is(err, news.ErrConflict) {
		t.Errorf("DeleteCategory of a category with articles: err = %v, want ErrConflict", err)
	}
	if err := e.svc.DeleteCategory(ctx, dup.ID); err != nil {
		t.Errorf("DeleteCategory of an empty category: %v", err)
	}
	if err := e.svc.DeleteCategory(ctx, dup.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("DeleteCategory twice: err = %v, want ErrNotFound", err)
	}
}
