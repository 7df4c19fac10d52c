package news

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// ServiceOptions configures a Service. The zero value, and a nil
// *ServiceOptions, give the defaults each field describes.
type ServiceOptions struct {
	// Now is the clock that stamps CreatedAt, UpdatedAt and PublishAt.
	// nil means time.Now.
	Now func() time.Time
	// Sanitizer cleans article bodies. nil means the default policy of
	// [Sanitize].
	Sanitizer *Sanitizer
	// NewID makes the ID of a new article or category. nil means
	// uuid.New; tests set it to get stable IDs.
	NewID func() uuid.UUID
	// MaxImportSize is the largest archive, in bytes, that Import reads.
	// 0 means DefaultMaxImportSize.
	MaxImportSize int64
	// Location is the site's time zone, in which Import reads times
	// written without one ("2026-12-05", "2026-12-05 08:00"). nil means
	// Asia/Ho_Chi_Minh (UTC+7 when the zone database is missing).
	Location *time.Location
	// MaxCategoryDepth is how many levels deep categories may nest: 1
	// allows top-level categories only. 0 means DefaultMaxCategoryDepth.
	MaxCategoryDepth int
	// MaxCategories is how many categories the site may have. 0 means
	// DefaultMaxCategories.
	MaxCategories int
}

// DefaultMaxImportSize is the largest archive Import reads by default.
const DefaultMaxImportSize = 256 << 20

// Default bounds of the category tree: every page shows it, so it stays
// small enough to read.
const (
	DefaultMaxCategoryDepth = 8
	DefaultMaxCategories    = 1000
)

// Fallback slugs, used when the title or name has nothing Slugify keeps
// (for instance a title of only punctuation or emoji).
const (
	FallbackArticleSlug  = "bai-viet"
	FallbackCategorySlug = "chuyen-muc"
)

// maxSlugTries bounds the search for a free slug ("-2", "-3", …).
const maxSlugTries = 10000

// A Service is the one way to write articles and categories: it
// normalises every text field (see [Normalize], [NormalizeLine]),
// validates (errors wrap ErrInvalid and name the field: [FieldErrors]),
// sanitises the body (see [Sanitize]), makes unique slugs, keeps old slugs
// as aliases, stamps times from its clock (UTC, truncated to microseconds)
// and only then calls the Store. A failed write leaves the store as it was.
//
// A Service holds no state of its own beyond its options; it is safe for
// concurrent use as far as its Store is.
type Service struct {
	store     Store
	now       func() time.Time
	newID     func() uuid.UUID
	sanitizer *Sanitizer
	maxImport int64
	loc       *time.Location
	maxDepth  int // categories nest at most this many levels
	maxCats   int // the most categories
}

// NewService returns a Service that writes to s. opts may be nil.
func NewService(s Store, opts *ServiceOptions) *Service {
	var o ServiceOptions
	if opts != nil {
		o = *opts
	}
	svc := &Service{store: s, now: o.Now, newID: o.NewID, sanitizer: o.Sanitizer, maxImport: o.MaxImportSize}
	if svc.now == nil {
		svc.now = time.Now
	}
	if svc.newID == nil {
		svc.newID = uuid.New
	}
	if svc.maxImport <= 0 {
		svc.maxImport = DefaultMaxImportSize
	}
	svc.loc, svc.maxDepth, svc.maxCats = o.Location, o.MaxCategoryDepth, o.MaxCategories
	if svc.loc == nil {
		svc.loc = defaultLocation()
	}
	if svc.maxDepth <= 0 {
		svc.maxDepth = DefaultMaxCategoryDepth
	}
	if svc.maxCats <= 0 {
		svc.maxCats = DefaultMaxCategories
	}
	return svc
}

// clock returns the service's current time as stored: UTC, microseconds.
func (s *Service) clock() time.Time { return storedTime(s.now()) }

// timeRangeRule is the rule a time outside years 1 to 9999 (UTC) breaks;
// RFC 3339, and so the archive format, cannot write it.
const timeRangeRule = "not between years 1 and 9999"

// timeInRange reports whether t, in UTC, falls in years 1 to 9999.
func timeInRange(t time.Time) bool {
	y := t.UTC().Year()
	return y >= 1 && y <= 9999
}

// storedTime returns t in UTC truncated to microseconds, as stores keep it.
func storedTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// sanitize cleans an article body with the service's policy.
func (s *Service) sanitize(body string) string {
	if s.sanitizer != nil {
		return s.sanitizer.Sanitize(body)
	}
	return Sanitize(body)
}

// ArticleInput is what an editor writes: the fields of an article that
// CreateDraft and Update set. Status and times are set by the publishing
// methods, the ID by the Service.
type ArticleInput struct {
	// Slug is the article's URL name. Empty means: made from the title
	// with Slugify, made unique with "-2", "-3", …; on Update, keep the
	// current slug (or, for a never-published draft whose slug was made
	// from its title, make it again from the new title). An explicit slug
	// is kept exactly; if another article holds it the write fails with
	// ErrConflict.
	Slug        string
	Title       string       // required
	Summary     string       // plain text; empty means Excerpt(body, 160)
	BodyHTML    string       // HTML, sanitised on write
	Cover       *Image       // nil for none
	Attachments []Attachment // nil for none
	Author      string
	CategoryID  uuid.UUID // required, an existing category
	Tags        []string
	Lang        string // BCP 47; "" means DefaultLang ("vi")
	Featured    bool
	// OldURLs are the article's addresses on the site it came from (see
	// Article.OldURLs): each is put in its canonical form with
	// NormalizeOldURL, and duplicates are dropped (errors name
	// "old_urls[i]", counting after them); nil means none.
	OldURLs []string
}

// CategoryInput is what an editor writes for a category.
type CategoryInput struct {
	// Slug is the category's URL name. Empty means: made from the name
	// (unique with "-2", "-3", …) on create, kept on update. An explicit
	// slug another category holds fails with ErrConflict.
	Slug        string
	Name        string    // required
	Description string    // plain text
	ParentID    uuid.UUID // uuid.Nil for a top-level category
	Position    int       // order among siblings, ascending
}

// normalizeInput returns in with every text field normalised: one-line
// fields with NormalizeLine, the summary and body with Normalize, and an
// empty cover as nil.
func normalizeInput(in ArticleInput) ArticleInput {
	out := in
	out.Slug = NormalizeLine(in.Slug)
	out.Title = NormalizeLine(in.Title)
	out.Summary = strings.TrimSpace(Normalize(in.Summary))
	out.BodyHTML = Normalize(in.BodyHTML)
	out.Author = NormalizeLine(in.Author)
	out.Lang = NormalizeLine(in.Lang)
	if in.Cover != nil {
		c := Image{
			URL:     NormalizeLine(in.Cover.URL),
			Alt:     NormalizeLine(in.Cover.Alt),
			Caption: NormalizeLine(in.Cover.Caption),
			Width:   in.Cover.Width,
			Height:  in.Cover.Height,
			Type:    NormalizeLine(in.Cover.Type),
			Size:    in.Cover.Size,
		}
		out.Cover = nil
		if c != (Image{}) {
			out.Cover = &c
		}
	}
	out.Attachments = nil
	for _, at := range in.Attachments {
		out.Attachments = append(out.Attachments, Attachment{
			URL:   NormalizeLine(at.URL),
			Title: NormalizeLine(at.Title),
			Type:  NormalizeLine(at.Type),
			Size:  at.Size,
		})
	}
	out.Tags = nil
	for _, t := range in.Tags {
		out.Tags = append(out.Tags, NormalizeLine(t))
	}
	out.OldURLs = normalizeOldURLs(in.OldURLs)
	return out
}

// applyInput sets the editable fields of a from in, which must be
// normalised: the body is sanitised, an empty summary is filled from it,
// the language is made canonical. It then validates a (see
// validateArticle; catRule as there) and returns the errors. a.Slug is the
// caller's business.
func (s *Service) applyInput(a *Article, in ArticleInput, catRule string) FieldErrors {
	a.Title = in.Title
	a.Summary = in.Summary
	a.Cover = in.Cover
	a.Attachments = in.Attachments
	a.Author = in.Author
	a.CategoryID = in.CategoryID
	a.Tags = in.Tags
	a.Featured = in.Featured
	a.OldURLs = in.OldURLs
	if lang, ok := canonicalLang(in.Lang); ok {
		a.Lang = lang
	} else {
		a.Lang = in.Lang
	}
	if len(in.BodyHTML) > MaxBodyLen {
		// Too large to be worth sanitising; validation reports it.
		a.Body = in.BodyHTML
	} else {
		// A copy of exactly its length: the sanitiser's buffer may be
		// half empty, and an import keeps every body until it writes.
		a.Body = strings.Clone(s.sanitize(in.BodyHTML))
	}
	if a.Summary == "" {
		a.Summary = Excerpt(a.Body, 160)
	}
	return validateArticle(a, catRule)
}

// slugBase returns the slug made from text, or fallback when Slugify keeps
// nothing.
func slugBase(text, fallback string) string {
	if s := Slugify(text); s != "" {
		return s
	}
	return fallback
}

// withSuffix returns base with "-n" appended (n ≥ 2), shortening base by
// Slugify's rule (whole words, the numbers kept) when needed so that the
// result is at most MaxSlugLen bytes.
func withSuffix(base string, n int) string {
	if n < 2 {
		return base
	}
	suffix := "-" + strconv.Itoa(n)
	return fitSlug(strings.Split(base, "-"), MaxSlugLen-len(suffix)) + suffix
}

// derivedFrom reports whether slug looks made from base: base itself, or
// withSuffix(base, n) for some n.
func derivedFrom(slug, base string) bool {
	if slug == base {
		return true
	}
	i := strings.LastIndexByte(slug, '-')
	if i <= 0 {
		return false
	}
	n, err := strconv.Atoi(slug[i+1:])
	return err == nil && withSuffix(base, n) == slug
}

// slugFree reports whether no article other than id holds slug as its
// slug or an alias.
func (s *Service) slugFree(ctx context.Context, slug string, id uuid.UUID) (bool, error) {
	a, err := s.store.ArticleBySlug(ctx, slug)
	switch {
	case errors.Is(err, ErrNotFound):
		return true, nil
	case err != nil:
		return false, err
	}
	return a.ID == id, nil
}

// oldURLsFree returns an *OldURLTakenError for the first old URL of a that
// an article other than a holds, and nil when none is taken.
func (s *Service) oldURLsFree(ctx context.Context, a *Article) error {
	for i, u := range a.OldURLs {
		other, err := s.store.ArticleByOldURL(ctx, u)
		switch {
		case errors.Is(err, ErrNotFound):
			continue
		case err != nil:
			return fmt.Errorf("news: article with old URL %q: %w", u, err)
		case other.ID != a.ID:
			return &OldURLTakenError{Field: fmt.Sprintf("old_urls[%d]", i), URL: u, Owner: other.Slug}
		}
	}
	return nil
}

// freeSlug returns the first of base, base-2, base-3, … (starting at
// suffix start) that no other article than id holds, and the suffix used.
// taken, when not nil, reports slugs reserved by other records of the same
// write (an import).
func (s *Service) freeSlug(ctx context.Context, base string, start int, id uuid.UUID, taken func(string) bool) (string, int, error) {
	for n := max(start, 1); n < maxSlugTries; n++ {
		cand := withSuffix(base, n)
		if taken != nil && taken(cand) {
			continue
		}
		ok, err := s.slugFree(ctx, cand, id)
		if err != nil {
			return "", 0, err
		}
		if ok {
			return cand, n, nil
		}
	}
	return "", 0, fmt.Errorf("news: no free slug for %q: %w", base, ErrConflict)
}

// firstPublication keeps an article that was never public (first) and is
// now published from looking updated after its publication: what was
// written before it is what was published, so UpdatedAt becomes PublishAt
// when it is later, as for news entered late with an earlier date.
func firstPublication(a *Article, first bool) {
	if first && a.Status == StatusPublished && a.UpdatedAt.After(a.PublishAt) {
		a.UpdatedAt = a.PublishAt
	}
}

// sameContent reports whether a and b show readers the same article: the
// same title, summary, body, cover, attachments, author, tags and
// language. A change of anything else (category, slug, featuring, status,
// dates) is not an update of the content.
func sameContent(a, b *Article) bool {
	return a.Title == b.Title && a.Summary == b.Summary && a.Body == b.Body && a.Author == b.Author && a.Lang == b.Lang &&
		slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Attachments, b.Attachments) &&
		(a.Cover == nil) == (b.Cover == nil) && (a.Cover == nil || *a.Cover == *b.Cover)
}

// wasPublic reports whether a has been public, so that its slug may be in
// links and must stay as an alias when it changes: it is published or
// archived, or has a publish time. An article on its way through review
// (submitted, awaiting approval, returned) has not been.
func wasPublic(a *Article) bool {
	return a.Status == StatusPublished || a.Status == StatusArchived || !a.PublishAt.IsZero()
}

// setSlug gives a the slug next, keeping the previous slug prev as an
// alias when the article has been public.
func setSlug(a *Article, prev, next string, public bool) {
	if prev != "" && prev != next && public && !slices.Contains(a.Aliases, prev) {
		a.Aliases = append(a.Aliases, prev)
	}
	a.Slug = next
	a.Aliases = slices.DeleteFunc(a.Aliases, func(s string) bool { return s == next })
	if len(a.Aliases) == 0 {
		a.Aliases = nil
	}
}

// invalid wraps validation errors for the method op.
func invalid(op string, es FieldErrors) error {
	return fmt.Errorf("news: %s: %w", op, es)
}

// categories returns the store's category tree.
func (s *Service) categories(ctx context.Context) (*CategoryTree, error) {
	cats, err := s.store.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("news: categories: %w", err)
	}
	return NewCategoryTree(cats), nil
}

// CreateDraft stores a new draft article made from in (see ArticleInput
// for the slug rules) and returns it. Errors wrap ErrInvalid (the input
// breaks a rule; the error lists the fields), ErrConflict (an explicit
// slug is taken, or an old URL is another article's: an
// *OldURLTakenError) or the store's error.
func (s *Service) CreateDraft(ctx context.Context, in ArticleInput) (*Article, error) {
	a, err := s.createDraft(ctx, in, uuid.Nil, s.store.CreateArticle)
	if err != nil {
		return nil, err
	}
	return a.Clone(), nil
}

// createDraft makes a new draft from in, owned by owner, and stores it
// with put; it returns the article as stored.
func (s *Service) createDraft(ctx context.Context, in ArticleInput, owner uuid.UUID, put func(context.Context, *Article) error) (*Article, error) {
	tree, err := s.categories(ctx)
	if err != nil {
		return nil, err
	}
	now := s.clock()
	in = normalizeInput(in)
	a := &Article{ID: s.newID(), Status: StatusDraft, CreatedAt: now, UpdatedAt: now, Slug: in.Slug, OwnerID: owner}
	if es := s.applyInput(a, in, articleCategoryRule(in.CategoryID, tree)); len(es) > 0 {
		return nil, invalid("create draft", es)
	}
	if err := s.oldURLsFree(ctx, a); err != nil {
		return nil, fmt.Errorf("news: create draft: %w", err)
	}
	derived := in.Slug == ""
	base := in.Slug
	if derived {
		base = slugBase(a.Title, FallbackArticleSlug)
	}
	if err := s.write(ctx, a, base, derived, "", false, put); err != nil {
		return nil, err
	}
	return a, nil
}

// write gives a its slug and stores it with put. With derived, the slug is
// the first free of base, base-2, …, and an ErrConflict from the store (a
// concurrent writer took it) moves on to the next; otherwise base must be
// free. prev and public are passed to setSlug.
func (s *Service) write(ctx context.Context, a *Article, base string, derived bool, prev string, public bool,
	put func(context.Context, *Article) error) error {
	if !derived {
		ok, err := s.slugFree(ctx, base, a.ID)
		if err != nil {
			return fmt.Errorf("news: article %q: %w", base, err)
		}
		if !ok {
			return fmt.Errorf("news: slug %q is taken: %w", base, ErrConflict)
		}
		setSlug(a, prev, base, public)
		if err := put(ctx, a); err != nil {
			return fmt.Errorf("news: article %q: %w", base, err)
		}
		return nil
	}
	aliases := a.Aliases
	start := 1
	for tries := 0; ; tries++ {
		slug, n, err := s.freeSlug(ctx, base, start, a.ID, nil)
		if err != nil {
			return err
		}
		a.Aliases = slices.Clone(aliases)
		setSlug(a, prev, slug, public)
		err = put(ctx, a)
		if err == nil {
			return nil
		}
		var stale *StaleError
		if !errors.Is(err, ErrConflict) || errors.As(err, &stale) || tries >= 10 {
			return fmt.Errorf("news: article %q: %w", slug, err)
		}
		start = n + 1
	}
}

// Update replaces the editable fields of the article with the ID by in
// (the whole input: a field left empty in in is emptied in the article;
// use Patch to change only some fields) and returns the result. The status
// and PublishAt do not change. On a slug change the old slug becomes an
// alias when the article has been public; see ArticleInput for when an
// empty in.Slug makes a new slug. Errors wrap ErrNotFound, ErrInvalid,
// ErrConflict (as for CreateDraft) or the store's error; on error nothing
// is changed.
func (s *Service) Update(ctx context.Context, id uuid.UUID, in ArticleInput) (*Article, error) {
	cur, err := s.store.Article(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("news: update article %s: %w", id, err)
	}
	a, err := s.update(ctx, cur, in, s.store.UpdateArticle)
	if err != nil {
		return nil, err
	}
	return a.Clone(), nil
}

// Patch changes only the fields p sets on the article with the ID (see
// ArticlePatch) and returns the result; a nil field keeps its value, and a
// nil p.Slug keeps the slug as Update does with an empty one. When p.Base
// is not 0 and is not the article's Revision, Patch fails with a
// *StaleError (ErrConflict) and changes nothing; the check is made before
// the write, so two concurrent programs may still both pass it: the
// Newsroom's PatchArticle checks within the store's transaction and keeps
// the rejected change. Patch does not add a revision. Other errors are as
// for Update.
func (s *Service) Patch(ctx context.Context, id uuid.UUID, p ArticlePatch) (*Article, error) {
	cur, err := s.store.Article(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("news: patch article %s: %w", id, err)
	}
	if p.Base != 0 && p.Base != cur.Revision {
		return nil, fmt.Errorf("news: patch article %q: %w", cur.Slug,
			&StaleError{Base: p.Base, Current: &Revision{ArticleID: cur.ID, Number: cur.Revision, Status: cur.Status}})
	}
	a, err := s.update(ctx, cur, patchInput(cur, &p), s.store.UpdateArticle)
	if err != nil {
		return nil, err
	}
	return a.Clone(), nil
}

// patchInput returns the input that p makes of cur: its fields, those p
// sets replaced, and an empty slug unless p sets one.
func patchInput(cur *Article, p *ArticlePatch) ArticleInput {
	in := InputOf(cur)
	in.Slug = ""
	return p.Apply(in)
}

// draft returns cur with in applied as update would, normalised and
// sanitised but neither validated nor stored: a change kept as it was
// written when it cannot be saved.
func (s *Service) draft(cur *Article, in ArticleInput) *Article {
	in = normalizeInput(in)
	a := cur.Clone()
	a.UpdatedAt = s.clock()
	s.applyInput(a, in, "")
	if in.Slug != "" {
		a.Slug = in.Slug
	}
	return a
}

// update writes in over cur (as Update describes) with put, and returns
// the article as written.
func (s *Service) update(ctx context.Context, cur *Article, in ArticleInput, put func(context.Context, *Article) error) (*Article, error) {
	tree, err := s.categories(ctx)
	if err != nil {
		return nil, err
	}
	in = normalizeInput(in)
	a := cur.Clone()
	a.UpdatedAt = s.clock()
	a.Slug = in.Slug
	if es := s.applyInput(a, in, articleCategoryRule(in.CategoryID, tree)); len(es) > 0 {
		return nil, invalid("update article", es)
	}
	if sameContent(a, cur) {
		a.UpdatedAt = cur.UpdatedAt // UpdatedAt is when the content last changed
	}
	if err := s.oldURLsFree(ctx, a); err != nil {
		return nil, fmt.Errorf("news: update article %q: %w", cur.Slug, err)
	}
	base, derived := in.Slug, false
	if base == "" {
		base = cur.Slug
		oldBase := slugBase(cur.Title, FallbackArticleSlug)
		newBase := slugBase(a.Title, FallbackArticleSlug)
		if !wasPublic(cur) && oldBase != newBase && derivedFrom(cur.Slug, oldBase) {
			base, derived = newBase, true
		}
	}
	if err := s.write(ctx, a, base, derived, cur.Slug, wasPublic(cur), put); err != nil {
		return nil, err
	}
	return a, nil
}

// transition loads the article with the ID, lets change modify it, and
// stores it, unless change reports that nothing changed. A workflow step
// changes no content, so UpdatedAt stays, except as firstPublication
// says. It returns the article as stored.
func (s *Service) transition(ctx context.Context, op string, id uuid.UUID, change func(a *Article, now time.Time) bool) (*Article, error) {
	a, err := s.store.Article(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("news: %s %s: %w", op, id, err)
	}
	now := s.clock()
	first := !wasPublic(a)
	if !change(a, now) {
		return a, nil
	}
	firstPublication(a, first)
	if err := s.store.UpdateArticle(ctx, a); err != nil {
		return nil, fmt.Errorf("news: %s %q: %w", op, a.Slug, err)
	}
	return a.Clone(), nil
}

// Publish makes the article with the ID published. Its PublishAt becomes
// the service's current time when it is zero (never published) or in the
// future (scheduled: Publish publishes now); an article published before,
// then unpublished or archived, keeps its original date. Publishing a
// public article changes nothing. Errors wrap ErrNotFound or the store's
// error.
func (s *Service) Publish(ctx context.Context, id uuid.UUID) (*Article, error) {
	return s.transition(ctx, "publish", id, publish)
}

// publish makes a published at now, as Publish describes, and reports
// whether that changed it.
func publish(a *Article, now time.Time) bool {
	if a.Visible(now) {
		return false
	}
	a.Status = StatusPublished
	if a.PublishAt.IsZero() || a.PublishAt.After(now) {
		a.PublishAt = now
	}
	return true
}

// publishAtRule returns the rule the time of Schedule breaks, or "".
func publishAtRule(at time.Time) string {
	switch {
	case at.IsZero():
		return "required"
	case !timeInRange(at):
		return timeRangeRule
	}
	return ""
}

// Schedule makes the article with the ID published at the time at
// (stored in UTC, truncated to microseconds). A future time schedules it:
// it stays invisible to every public read until the clock passes at. A
// past time publishes it now with that date (back-dating, for news
// entered late). A zero at, or one outside years 1 to 9999, is an error
// wrapping ErrInvalid ("publish_at: required"); other errors wrap
// ErrNotFound or the store's error.
func (s *Service) Schedule(ctx context.Context, id uuid.UUID, at time.Time) (*Article, error) {
	if rule := publishAtRule(at); rule != "" {
		return nil, invalid("schedule", FieldErrors{{Field: "publish_at", Rule: rule}})
	}
	return s.transition(ctx, "schedule", id, func(a *Article, _ time.Time) bool {
		a.Status = StatusPublished
		a.PublishAt = storedTime(at)
		return true
	})
}

// Unpublish turns the article with the ID back into a draft, hidden from
// every public read. It keeps its PublishAt, so publishing it again keeps
// its date. Errors wrap ErrNotFound or the store's error.
func (s *Service) Unpublish(ctx context.Context, id uuid.UUID) (*Article, error) {
	return s.transition(ctx, "unpublish", id, func(a *Article, _ time.Time) bool {
		if a.Status == StatusDraft {
			return false
		}
		a.Status = StatusDraft
		return true
	})
}

// Archive archives the article with the ID: it leaves every public read
// but keeps its slug, aliases and dates. Errors wrap ErrNotFound or the
// store's error.
func (s *Service) Archive(ctx context.Context, id uuid.UUID) (*Article, error) {
	return s.transition(ctx, "archive", id, func(a *Article, _ time.Time) bool {
		if a.Status == StatusArchived {
			return false
		}
		a.Status = StatusArchived
		return true
	})
}

// Delete removes the article with the ID for good; its slug and aliases
// become free. Prefer Archive for anything that was public. Errors wrap
// ErrNotFound or the store's error.
func (s *Service) Delete(ctx context.Context, id uuid.UUID) error {
	if err := s.store.DeleteArticle(ctx, id); err != nil {
		return fmt.Errorf("news: delete article %s: %w", id, err)
	}
	return nil
}

// normalizeCategory returns in with its text normalised.
func normalizeCategory(in CategoryInput) CategoryInput {
	in.Slug = NormalizeLine(in.Slug)
	in.Name = NormalizeLine(in.Name)
	in.Description = strings.TrimSpace(Normalize(in.Description))
	return in
}

// categorySlugTaken returns a *SlugTakenError when a category of tree
// other than id holds slug as its slug or as an alias, and nil otherwise.
func categorySlugTaken(tree *CategoryTree, slug string, id uuid.UUID) error {
	if c := tree.BySlug(slug); c != nil && c.ID != id {
		return &SlugTakenError{Slug: slug, Owner: c.Slug}
	}
	if c := tree.ByAlias(slug); c != nil && c.ID != id {
		return &SlugTakenError{Slug: slug, Owner: c.Slug, Alias: true}
	}
	return nil
}

// CreateCategory stores a new category made from in and returns it.
// Errors wrap ErrInvalid (name required and at most 200 characters, slug
// pattern, description at most 1,000 characters, parent must exist),
// ErrConflict (an explicit slug is another category's slug or alias, a
// *SlugTakenError; or a sibling has the same name
// after Fold: "name: … is the name of category … under the same parent")
// or the store's error. The tree is bounded: a category nested deeper than
// ServiceOptions.MaxCategoryDepth levels, or more categories than
// ServiceOptions.MaxCategories, is an error wrapping ErrInvalid.
func (s *Service) CreateCategory(ctx context.Context, in CategoryInput) (*Category, error) {
	return s.createCategory(ctx, in, s.store.CreateCategory)
}

// createCategory is CreateCategory storing the category with put.
func (s *Service) createCategory(ctx context.Context, in CategoryInput, put func(context.Context, *Category) error) (*Category, error) {
	in = normalizeCategory(in)
	now := s.clock()
	c := &Category{ID: s.newID(), Slug: in.Slug, Name: in.Name, Description: in.Description,
		ParentID: in.ParentID, Position: in.Position, CreatedAt: now, UpdatedAt: now}
	return s.putCategory(ctx, "create category", c, in.Slug == "", true, put)
}

// putCategory validates c against the store's categories and the tree's
// bounds, checks its name against its siblings' when checkName, picks its
// slug (from the name when derived) and stores it with put, moving to the
// next free slug when the store reports a conflict for a derived one.
func (s *Service) putCategory(ctx context.Context, op string, c *Category, derived, checkName bool,
	put func(context.Context, *Category) error) (*Category, error) {
	for tries := 0; ; tries++ {
		tree, err := s.categories(ctx)
		if err != nil {
			return nil, err
		}
		es := validateCategory(c, tree)
		if len(es) == 0 {
			es = s.categoryBounds(c, tree)
		}
		if len(es) > 0 {
			return nil, invalid(op, es)
		}
		if other := namesake(tree, c); checkName && other != nil {
			return nil, fmt.Errorf("news: %s: name: %q is the name of category %q under the same parent: %w", op, c.Name, other.Slug, ErrConflict)
		}
		if derived {
			base := slugBase(c.Name, FallbackCategorySlug)
			for n := 1; ; n++ {
				c.Slug = withSuffix(base, n)
				if categorySlugTaken(tree, c.Slug, c.ID) == nil {
					break
				}
			}
		} else if err := categorySlugTaken(tree, c.Slug, c.ID); err != nil {
			return nil, fmt.Errorf("news: %s: %w", op, err)
		}
		err = put(ctx, c)
		if err == nil {
			return c.Clone(), nil
		}
		if !derived || !errors.Is(err, ErrConflict) || tries >= 10 {
			return nil, fmt.Errorf("news: %s %q: %w", op, c.Slug, err)
		}
	}
}

// UpdateCategory replaces the category with the ID by in and returns the
// result. An empty in.Slug keeps the current slug; a new slug keeps the
// current one as an alias (see Category.Aliases), so old links keep
// working, and may be one of the category's own aliases, which it takes
// back. Moving a category under
// itself or one of its descendants is an error ("parent: would make a
// cycle"); so is renaming or moving it next to a sibling of the same name,
// or nesting its subtree deeper than the bound (see CreateCategory). Errors
// wrap ErrNotFound, ErrInvalid, ErrConflict or the store's error; on error
// nothing is changed.
func (s *Service) UpdateCategory(ctx context.Context, id uuid.UUID, in CategoryInput) (*Category, error) {
	return s.updateCategory(ctx, id, in, s.store.UpdateCategory)
}

// updateCategory is UpdateCategory storing the category with put.
func (s *Service) updateCategory(ctx context.Context, id uuid.UUID, in CategoryInput, put func(context.Context, *Category) error) (*Category, error) {
	tree, err := s.categories(ctx)
	if err != nil {
		return nil, err
	}
	cur := tree.Category(id)
	if cur == nil {
		return nil, fmt.Errorf("news: update category %s: %w", id, ErrNotFound)
	}
	in = normalizeCategory(in)
	c := cur.Clone()
	c.Name, c.Description, c.ParentID, c.Position = in.Name, in.Description, in.ParentID, in.Position
	if in.Slug != "" && in.Slug != cur.Slug {
		c.Slug = in.Slug
		if ValidSlug(in.Slug) {
			c.Aliases = slices.DeleteFunc(append(c.Aliases, cur.Slug), func(al string) bool { return al == in.Slug })
		}
	}
	c.UpdatedAt = s.clock()
	renamed := Fold(c.Name) != Fold(cur.Name) || c.ParentID != cur.ParentID
	return s.putCategory(ctx, "update category", c, false, renamed, put)
}

// DeleteCategory removes the category with the ID. Errors wrap ErrNotFound
// or ErrConflict (articles or subcategories still refer to it), or the
// store's error.
func (s *Service) DeleteCategory(ctx context.Context, id uuid.UUID) error {
	if err := s.store.DeleteCategory(ctx, id); err != nil {
		return fmt.Errorf("news: delete category %s: %w", id, err)
	}
	return nil
}
