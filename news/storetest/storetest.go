package storetest

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

// Run runs the conformance suite against the stores newStore makes. Each
// sub-test calls newStore once and expects an empty store (no articles, no
// categories); newStore may register cleanups with t.Cleanup and should
// call t.Fatal when it cannot make a store. Sub-tests run one after the
// other, never in parallel, so several may share one database as long as
// newStore empties it.
//
// When the store is a news.NewsroomStore, Run also runs the newsroom
// sub-tests (accounts, sessions, tokens, revisions, the audit log, the
// public version); for a store that is not one they are skipped.
//
// The suite writes articles directly, as the Service would have prepared
// them: IDs, slugs, times (UTC, whole microseconds) and every other field
// are set by the suite, so a store must keep what it is given and needs no
// clock.
func Run(t *testing.T, newStore func(t *testing.T) news.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(f *fixture)
	}{
		{"ArticleRoundTrip", testArticleRoundTrip},
		{"ArticleUpdate", testArticleUpdate},
		{"ArticleDelete", testArticleDelete},
		{"ArticleNotFound", testArticleNotFound},
		{"ArticleConflicts", testArticleConflicts},
		{"ArticleOldURLs", testArticleOldURLs},
		{"ArticleCopies", testArticleCopies},
		{"ArticlesOrder", testArticlesOrder},
		{"ArticlesFilters", testArticlesFilters},
		{"ArticlesLimit", testArticlesLimit},
		{"ArticlesPagination", testArticlesPagination},
		{"ArticlesPaginationStable", testArticlesPaginationStable},
		{"ArticlesInvalidCursor", testArticlesInvalidCursor},
		{"ArticlesFollowUpdates", testArticlesFollowUpdates},
		{"Search", testSearch},
		{"SearchPagination", testSearchPagination},
		{"SearchBounds", testSearchBounds},
		{"SearchVietnamese", testSearchVietnamese},
		{"SearchRarity", testSearchRarity},
		{"NextPublishAt", testNextPublishAt},
		{"CategoryRoundTrip", testCategoryRoundTrip},
		{"CategoryOrder", testCategoryOrder},
		{"CategoryConflicts", testCategoryConflicts},
		{"CategoryDelete", testCategoryDelete},
		{"CategoryMove", testCategoryMove},
		{"CategoryCopies", testCategoryCopies},
		{"CategoryAliases", testCategoryAliases},
		{"Import", testImport},
		{"ImportAtomic", testImportAtomic},
		{"ImportCopies", testImportCopies},
		{"Version", testVersion},
		{"ChangeLog", testChangeLog},
		{"EachPublished", testEachPublished},
		{"Concurrent", testConcurrent},
	}
	tests = append(tests, newsroomTests...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			if s == nil {
				t.Fatal("newStore returned nil")
			}
			tc.fn(&fixture{t: t, s: s, ctx: t.Context()})
		})
	}
}

// base is the time the suite's articles are dated from: 1 July 2025, 08:30
// and 123,456 microseconds, UTC. Its microseconds catch a store that keeps
// only milliseconds or seconds.
var base = time.Date(2025, 7, 1, 8, 30, 0, 123456000, time.UTC)

// NewCategory returns a category with a new random ID, the slug, name and
// parent (uuid.Nil for a top-level category), Position 0, a Vietnamese
// description, and CreatedAt and UpdatedAt set to 1 July 2025 08:30 UTC
// (with microseconds).
func NewCategory(slug, name string, parentID uuid.UUID) *news.Category {
	return &news.Category{
		ID:          uuid.New(),
		Slug:        slug,
		Name:        name,
		Description: "Tin bài của chuyên mục " + name + ".",
		ParentID:    parentID,
		CreatedAt:   base,
		UpdatedAt:   base,
	}
}

// NewArticle returns a published Vietnamese article with a new random ID,
// the category, slug, title and PublishAt, a one-paragraph body, the
// author "Văn phòng Sở", Lang "vi", no summary, tags, aliases, cover or
// attachments, and CreatedAt and UpdatedAt equal to publishAt (the time
// NewCategory uses when publishAt is zero). The caller changes any field
// before writing it.
func NewArticle(categoryID uuid.UUID, slug, title string, publishAt time.Time) *news.Article {
	created := publishAt
	if created.IsZero() {
		created = base
	}
	return &news.Article{
		ID:         uuid.New(),
		Slug:       slug,
		Title:      title,
		Body:       "<p>Bài viết do Văn phòng Sở cung cấp.</p>",
		Author:     "Văn phòng Sở",
		CategoryID: categoryID,
		Lang:       "vi",
		Status:     news.StatusPublished,
		PublishAt:  publishAt,
		CreatedAt:  created,
		UpdatedAt:  created,
	}
}

// hour returns base plus n hours.
func hour(n int) time.Time { return base.Add(time.Duration(n) * time.Hour) }

// seqID returns a fixed ID whose first two bytes are n, so that IDs sort
// as their numbers do.
func seqID(n int) uuid.UUID {
	id := uuid.UUID{6: 0x40, 8: 0x80, 15: 0x5e}
	binary.BigEndian.PutUint16(id[:2], uint16(n))
	return id
}

// A fixture is one sub-test's store and helpers bound to it.
type fixture struct {
	t   *testing.T
	s   news.Store
	ctx context.Context
}

func (f *fixture) createCategory(c *news.Category) *news.Category {
	f.t.Helper()
	if err := f.s.CreateCategory(f.ctx, c); err != nil {
		f.t.Fatalf("CreateCategory(%q): %v", c.Slug, err)
	}
	return c
}

func (f *fixture) category(slug, name string, parent uuid.UUID) *news.Category {
	f.t.Helper()
	return f.createCategory(NewCategory(slug, name, parent))
}

func (f *fixture) createArticle(a *news.Article) *news.Article {
	f.t.Helper()
	if err := f.s.CreateArticle(f.ctx, a); err != nil {
		f.t.Fatalf("CreateArticle(%q): %v", a.Slug, err)
	}
	return a
}

func (f *fixture) updateArticle(a *news.Article) {
	f.t.Helper()
	if err := f.s.UpdateArticle(f.ctx, a); err != nil {
		f.t.Fatalf("UpdateArticle(%q): %v", a.Slug, err)
	}
}

func (f *fixture) article(id uuid.UUID) *news.Article {
	f.t.Helper()
	a, err := f.s.Article(f.ctx, id)
	if err != nil {
		f.t.Fatalf("Article(%s): %v", id, err)
	}
	return a
}

func (f *fixture) bySlug(slug string) *news.Article {
	f.t.Helper()
	a, err := f.s.ArticleBySlug(f.ctx, slug)
	if err != nil {
		f.t.Fatalf("ArticleBySlug(%q): %v", slug, err)
	}
	return a
}

func (f *fixture) byOldURL(path string) *news.Article {
	f.t.Helper()
	a, err := f.s.ArticleByOldURL(f.ctx, path)
	if err != nil {
		f.t.Fatalf("ArticleByOldURL(%q): %v", path, err)
	}
	return a
}

func (f *fixture) version() int64 {
	f.t.Helper()
	v, err := f.s.Version(f.ctx)
	if err != nil {
		f.t.Fatalf("Version: %v", err)
	}
	return v
}

func (f *fixture) categories() []*news.Category {
	f.t.Helper()
	cs, err := f.s.Categories(f.ctx)
	if err != nil {
		f.t.Fatalf("Categories: %v", err)
	}
	return cs
}

// page returns one page of q.
func (f *fixture) page(q news.Query) *news.Page {
	f.t.Helper()
	p, err := f.s.Articles(f.ctx, q)
	if err != nil {
		f.t.Fatalf("Articles(%s): %v", describe(q), err)
	}
	if p == nil {
		f.t.Fatalf("Articles(%s) returned a nil page", describe(q))
	}
	return p
}

// list walks every page of q, limit articles at a time (q.Limit when limit
// is 0), and returns the articles in order. It checks the paging contract:
// pages other than the last are full and have a cursor, the last one has
// none and is empty only when the whole list is.
func (f *fixture) list(q news.Query, limit int) []*news.Article {
	f.t.Helper()
	if limit != 0 {
		q.Limit = limit
	}
	size := q.Limit
	if size == 0 {
		size = news.DefaultLimit
	}
	var out []*news.Article
	for n := 0; ; n++ {
		if n > 1000 {
			f.t.Fatalf("Articles(%s): more than 1000 pages; Next never ends", describe(q))
		}
		p := f.page(q)
		if len(p.Articles) > size {
			f.t.Fatalf("Articles(%s): page %d has %d articles, limit %d", describe(q), n+1, len(p.Articles), size)
		}
		out = append(out, p.Articles...)
		if p.Next == "" {
			if len(p.Articles) == 0 && n > 0 {
				f.t.Fatalf("Articles(%s): page %d is empty: the page before it was the last and should have had no Next", describe(q), n+1)
			}
			return out
		}
		if len(p.Articles) < size {
			f.t.Fatalf("Articles(%s): page %d has %d articles and a Next cursor; a page before the last holds Limit (%d) articles", describe(q), n+1, len(p.Articles), size)
		}
		q.Cursor = p.Next
	}
}

// expectList checks that q, read limit articles at a time, lists exactly the
// articles with the slugs want, in order.
func (f *fixture) expectList(q news.Query, limit int, want []string) {
	f.t.Helper()
	if got := slugs(f.list(q, limit)); !slices.Equal(got, want) {
		f.t.Errorf("Articles(%s) limit %d = %q, want %q", describe(q), limit, got, want)
	}
}

// expectErr fails unless err wraps target.
func (f *fixture) expectErr(what string, err, target error) {
	f.t.Helper()
	if !errors.Is(err, target) {
		f.t.Errorf("%s: error %v, want one wrapping %q", what, err, target)
	}
}

// expectNotFound checks that the ID and every slug lead nowhere.
func (f *fixture) expectNotFound(id uuid.UUID, slugList ...string) {
	f.t.Helper()
	if id != uuid.Nil {
		a, err := f.s.Article(f.ctx, id)
		if !errors.Is(err, news.ErrNotFound) {
			f.t.Errorf("Article(%s) = %v, %v; want an error wrapping ErrNotFound", id, a, err)
		}
	}
	for _, slug := range slugList {
		a, err := f.s.ArticleBySlug(f.ctx, slug)
		if !errors.Is(err, news.ErrNotFound) {
			f.t.Errorf("ArticleBySlug(%q) = %v, %v; want an error wrapping ErrNotFound", slug, a, err)
		}
	}
}

// expectOldURLsNotFound checks that no article has any of the old URLs.
func (f *fixture) expectOldURLsNotFound(paths ...string) {
	f.t.Helper()
	for _, path := range paths {
		a, err := f.s.ArticleByOldURL(f.ctx, path)
		if !errors.Is(err, news.ErrNotFound) {
			f.t.Errorf("ArticleByOldURL(%q) = %v, %v; want an error wrapping ErrNotFound", path, a, err)
		}
	}
}

// expectArticle checks that the store holds want under its ID, its slug,
// every alias and every old URL.
func (f *fixture) expectArticle(want *news.Article) {
	f.t.Helper()
	if d := diffArticle(f.article(want.ID), want); d != "" {
		f.t.Errorf("Article(%s) differs:\n%s", want.ID, d)
	}
	for _, slug := range append([]string{want.Slug}, want.Aliases...) {
		if d := diffArticle(f.bySlug(slug), want); d != "" {
			f.t.Errorf("ArticleBySlug(%q) differs:\n%s", slug, d)
		}
	}
	for _, path := range want.OldURLs {
		if d := diffArticle(f.byOldURL(path), want); d != "" {
			f.t.Errorf("ArticleByOldURL(%q) differs:\n%s", path, d)
		}
	}
}

// expectVersion checks that the version is still v.
func (f *fixture) expectVersion(what string, v int64) {
	f.t.Helper()
	if got := f.version(); got != v {
		f.t.Errorf("after %s: Version = %d, want %d (unchanged)", what, got, v)
	}
}

// expectNewVersion checks that the version moved past v and returns it.
func (f *fixture) expectNewVersion(what string, v int64) int64 {
	f.t.Helper()
	got := f.version()
	if got <= v {
		f.t.Errorf("after %s: Version = %d, want more than %d", what, got, v)
	}
	return got
}

// snapshot describes everything the store holds, to compare before and
// after a write that must change nothing.
func (f *fixture) snapshot() string {
	f.t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "version %d\n", f.version())
	for _, a := range f.list(news.Query{}, news.MaxLimit) {
		b.WriteString(dumpArticle(a))
		for _, slug := range append([]string{a.Slug}, a.Aliases...) {
			fmt.Fprintf(&b, "  by slug %q: %s\n", slug, f.bySlug(slug).ID)
		}
		for _, u := range a.OldURLs {
			fmt.Fprintf(&b, "  by old URL %q: %s\n", u, f.byOldURL(u).ID)
		}
	}
	for _, c := range f.categories() {
		fmt.Fprintf(&b, "category %+v\n", *c)
	}
	return b.String()
}

// dumpArticle prints every field of a on a line.
func dumpArticle(a *news.Article) string {
	cover := "<nil>"
	if a.Cover != nil {
		cover = fmt.Sprintf("%+v", *a.Cover)
	}
	b := *a
	b.Cover = nil
	return fmt.Sprintf("article %+v cover %s\n", b, cover)
}

// slugs returns the slugs of the articles, in order.
func slugs(as []*news.Article) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Slug
	}
	return out
}

// describe prints the set fields of q, for messages.
func describe(q news.Query) string {
	var parts []string
	add := func(name string, v any) { parts = append(parts, fmt.Sprintf("%s: %v", name, v)) }
	if q.CategoryID != uuid.Nil {
		add("CategoryID", q.CategoryID)
	}
	if q.Tag != "" {
		add("Tag", fmt.Sprintf("%q", q.Tag))
	}
	if q.Author != "" {
		add("Author", fmt.Sprintf("%q", q.Author))
	}
	if q.Lang != "" {
		add("Lang", fmt.Sprintf("%q", q.Lang))
	}
	if q.Text != "" {
		add("Text", fmt.Sprintf("%q", q.Text))
	}
	if q.Status != "" {
		add("Status", q.Status)
	}
	if q.Featured != nil {
		add("Featured", *q.Featured)
	}
	if !q.From.IsZero() {
		add("From", q.From.Format(time.RFC3339Nano))
	}
	if !q.To.IsZero() {
		add("To", q.To.Format(time.RFC3339Nano))
	}
	if q.Exclude != uuid.Nil {
		add("Exclude", q.Exclude)
	}
	if q.Limit != 0 {
		add("Limit", q.Limit)
	}
	if q.Cursor != "" {
		add("Cursor", fmt.Sprintf("%q", q.Cursor))
	}
	return "news.Query{" + strings.Join(parts, ", ") + "}"
}

// diffArticle lists the fields in which got differs from want, one a line;
// "" when they match. Nil and empty slices are equal; times must be equal
// instants and in UTC.
func diffArticle(got, want *news.Article) string {
	if got == nil {
		return "got nil article"
	}
	var d []string
	check := func(field string, same bool, g, w any) {
		if !same {
			d = append(d, fmt.Sprintf("  %s = %#v, want %#v", field, g, w))
		}
	}
	check("ID", got.ID == want.ID, got.ID, want.ID)
	check("Slug", got.Slug == want.Slug, got.Slug, want.Slug)
	check("Aliases", slices.Equal(got.Aliases, want.Aliases), got.Aliases, want.Aliases)
	check("OldURLs", slices.Equal(got.OldURLs, want.OldURLs), got.OldURLs, want.OldURLs)
	check("Title", got.Title == want.Title, got.Title, want.Title)
	check("Summary", got.Summary == want.Summary, got.Summary, want.Summary)
	check("Body", got.Body == want.Body, clip(got.Body), clip(want.Body))
	switch {
	case got.Cover == nil || want.Cover == nil:
		check("Cover", got.Cover == want.Cover, got.Cover, want.Cover)
	default:
		check("Cover", *got.Cover == *want.Cover, *got.Cover, *want.Cover)
	}
	check("Attachments", slices.Equal(got.Attachments, want.Attachments), got.Attachments, want.Attachments)
	check("Author", got.Author == want.Author, got.Author, want.Author)
	check("CategoryID", got.CategoryID == want.CategoryID, got.CategoryID, want.CategoryID)
	check("Tags", slices.Equal(got.Tags, want.Tags), got.Tags, want.Tags)
	check("Lang", got.Lang == want.Lang, got.Lang, want.Lang)
	check("Featured", got.Featured == want.Featured, got.Featured, want.Featured)
	check("Status", got.Status == want.Status, got.Status, want.Status)
	check("OwnerID", got.OwnerID == want.OwnerID, got.OwnerID, want.OwnerID)
	check("Revision", got.Revision == want.Revision, got.Revision, want.Revision)
	checkTime := func(field string, g, w time.Time) {
		if !g.Equal(w) || g.Location() != time.UTC {
			d = append(d, fmt.Sprintf("  %s = %s, want %s", field, g.Format(time.RFC3339Nano+" MST"), w.Format(time.RFC3339Nano+" MST")))
		}
	}
	checkTime("PublishAt", got.PublishAt, want.PublishAt)
	checkTime("CreatedAt", got.CreatedAt, want.CreatedAt)
	checkTime("UpdatedAt", got.UpdatedAt, want.UpdatedAt)
	return strings.Join(d, "\n")
}

// diffCategory is diffArticle for categories.
func diffCategory(got, want *news.Category) string {
	if got == nil {
		return "got nil category"
	}
	var d []string
	check := func(field string, same bool, g, w any) {
		if !same {
			d = append(d, fmt.Sprintf("  %s = %#v, want %#v", field, g, w))
		}
	}
	check("ID", got.ID == want.ID, got.ID, want.ID)
	check("Slug", got.Slug == want.Slug, got.Slug, want.Slug)
	check("Aliases", slices.Equal(got.Aliases, want.Aliases), got.Aliases, want.Aliases)
	check("Name", got.Name == want.Name, got.Name, want.Name)
	check("Description", got.Description == want.Description, got.Description, want.Description)
	check("ParentID", got.ParentID == want.ParentID, got.ParentID, want.ParentID)
	check("Position", got.Position == want.Position, got.Position, want.Position)
	for _, tc := range []struct {
		field string
		g, w  time.Time
	}{{"CreatedAt", got.CreatedAt, want.CreatedAt}, {"UpdatedAt", got.UpdatedAt, want.UpdatedAt}} {
		if !tc.g.Equal(tc.w) || tc.g.Location() != time.UTC {
			d = append(d, fmt.Sprintf("  %s = %s, want %s", tc.field, tc.g.Format(time.RFC3339Nano+" MST"), tc.w.Format(time.RFC3339Nano+" MST")))
		}
	}
	return strings.Join(d, "\n")
}

// clip shortens a long string for a message.
func clip(s string) string {
	if len(s) <= 80 {
		return s
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:60], len(s))
}
