package news

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
)

// PublicOptions configures a Public view. The zero value, and a nil
// *PublicOptions, give the defaults each field describes.
type PublicOptions struct {
	// Now is the clock that decides what is public: an article is
	// returned only when it is published and its PublishAt is not after
	// Now(). nil means time.Now.
	Now func() time.Time
	// Related configures Public.Related: its zero fields take
	// DefaultRelatedConfig's values, so the zero value means
	// DefaultRelatedConfig. When it is invalid (see
	// RelatedConfig.Validate), Related fails with ErrInvalid.
	Related RelatedConfig
	// Logger receives what Related does not fail for but an operator
	// should know: a saved snapshot of its index that could not be read
	// or saved (see [RelatedSnapshotter]). nil means slog.Default().
	Logger *slog.Logger
}

// Public is the read side for readers: the only thing feeds, widgets and
// pages read from. Every method returns only articles that are visible at
// the view's clock (published, PublishAt not after now, see
// [Article.Visible]); a draft, an archived or a scheduled article cannot
// come out of it, whatever the query. Lookups of an invisible article fail
// with ErrNotFound, as for an unknown one.
//
// Public keeps the index of Related in memory and brings it up to date
// when the store's public version moves (see [Public.Related]). It is safe for concurrent
// use.
type Public struct {
	store   Store
	now     func() time.Time
	related *relatedIndex
	state   atomic.Pointer[stateMemo] // the last epoch read, by version
}

// A stateMemo is the epoch NextPublishAt gave at an instant, for one
// version: it stays the epoch from that instant until the epoch itself,
// unless the version moves.
type stateMemo struct {
	version int64
	at      time.Time // when the epoch was read
	epoch   time.Time
}

// NewPublic returns the public view of s. opts may be nil.
func NewPublic(s Store, opts *PublicOptions) *Public {
	var o PublicOptions
	if opts != nil {
		o = *opts
	}
	p := &Public{store: s, now: o.Now}
	if p.now == nil {
		p.now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	p.related = newRelatedIndex(o.Related, o.Logger)
	return p
}

// Now returns the view's current time, the instant visibility is decided
// at; callers use it for Last-Modified and similar so they agree with the
// view.
func (p *Public) Now() time.Time { return p.now() }

// visibleOnly drops from list every article not visible at now. The store
// was asked for visible articles only; this is the second lock on the door.
func visibleOnly(list []*Article, now time.Time) []*Article {
	out := list[:0]
	for _, a := range list {
		if a.Visible(now) {
			out = append(out, a)
		}
	}
	return out
}

// publicQuery returns q restricted to articles visible at now.
func publicQuery(q Query, now time.Time) Query {
	q.Status = StatusPublished
	if q.To.IsZero() || q.To.After(now) {
		q.To = now
	}
	return q
}

// Articles lists the visible articles that match q, newest first (see
// Store.Articles for the order and paging). q.Status is ignored and q.To
// is capped at now. q.Text reaches the store parsed (see [ParseSearch]);
// a Text with no letter or digit, or of exclusions only, matches nothing
// (see [Query.MatchesNothing]). Errors wrap ErrInvalid when q breaks a rule
// (Limit outside 0..MaxLimit, a malformed Cursor or Sort, Text longer than
// MaxQueryTextBytes or with more than MaxQueryWords distinct words, Author
// longer than 200 characters, Tag longer than 64, a malformed Lang, From
// after To; the error names the field), or are the store's.
func (p *Public) Articles(ctx context.Context, q Query) (*Page, error) {
	q, err := validateQuery(q)
	if err != nil {
		return nil, fmt.Errorf("news: articles: %w", err)
	}
	if q.MatchesNothing() {
		return &Page{Articles: []*Article{}}, nil
	}
	now := p.now()
	page, err := p.store.Articles(ctx, publicQuery(q, now))
	if err != nil {
		return nil, fmt.Errorf("news: articles: %w", err)
	}
	page.Articles = visibleOnly(page.Articles, now)
	return page, nil
}

// Article returns the visible article with the ID. Errors wrap
// ErrNotFound when there is none (or it is not visible), or are the
// store's.
func (p *Public) Article(ctx context.Context, id uuid.UUID) (*Article, error) {
	a, err := p.store.Article(ctx, id)
	if err == nil && !a.Visible(p.now()) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("news: article %s: %w", id, err)
	}
	return a, nil
}

// ArticleBySlug returns the visible article whose slug, or one of whose
// old slugs (Aliases), is slug. When the result's Slug differs from slug
// the caller should redirect to the current one. Errors wrap ErrNotFound
// or are the store's.
func (p *Public) ArticleBySlug(ctx context.Context, slug string) (*Article, error) {
	var (
		a   *Article
		err = ErrNotFound
	)
	if ValidSlug(slug) {
		a, err = p.store.ArticleBySlug(ctx, slug)
	}
	if err == nil && !a.Visible(p.now()) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("news: article %q: %w", slug, err)
	}
	return a, nil
}

// ArticleByOldURL returns the visible article one of whose old URLs (see
// Article.OldURLs) is rawURL, a path with its query or an absolute URL,
// put in canonical form with NormalizeOldURL first: the caller redirects
// to the article's page. An article that is not public (a draft, a
// scheduled or archived article) is not found, nor is anything for a
// rawURL that NormalizeOldURL refuses. Errors wrap ErrNotFound or are the
// store's.
func (p *Public) ArticleByOldURL(ctx context.Context, rawURL string) (*Article, error) {
	var (
		a   *Article
		err = ErrNotFound
	)
	path, nerr := NormalizeOldURL(rawURL)
	if nerr == nil {
		a, err = p.store.ArticleByOldURL(ctx, path)
	}
	if err == nil && !a.Visible(p.now()) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("news: article with old URL %q: %w", cmp.Or(path, rawURL), err)
	}
	return a, nil
}

// Categories returns every category, ordered by Position, then Name, then
// ID. Categories are public whether or not they hold visible articles.
func (p *Public) Categories(ctx context.Context) ([]*Category, error) {
	cats, err := p.store.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("news: categories: %w", err)
	}
	return cats, nil
}

// CategoryTree returns the categories as a tree, for menus and
// breadcrumbs.
func (p *Public) CategoryTree(ctx context.Context) (*CategoryTree, error) {
	cats, err := p.Categories(ctx)
	if err != nil {
		return nil, err
	}
	return NewCategoryTree(cats), nil
}

// CategoryBySlug returns the category whose slug, or one of whose old
// slugs (Aliases), is slug. When the result's Slug differs from slug the
// caller should redirect to the current one. Errors wrap ErrNotFound or
// are the store's.
func (p *Public) CategoryBySlug(ctx context.Context, slug string) (*Category, error) {
	cats, err := p.Categories(ctx)
	if err != nil {
		return nil, err
	}
	var old *Category
	for _, c := range cats {
		if c.Slug == slug {
			return c, nil
		}
		if old == nil && slices.Contains(c.Aliases, slug) {
			old = c
		}
	}
	if old != nil {
		return old, nil
	}
	return nil, fmt.Errorf("news: category %q: %w", slug, ErrNotFound)
}

// SameCategory returns the n newest visible articles of a's category and
// its subcategories (as a Query on CategoryID lists them), leaving out a
// itself, newer and older than a alike: the "other news in this
// category" list. n is capped at MaxLimit; n <= 0 gives nil. a need not be
// visible. Errors wrap ErrInvalid when a is nil, or are the store's.
func (p *Public) SameCategory(ctx context.Context, a *Article, n int) ([]*Article, error) {
	if err := requireArticle(a); err != nil {
		return nil, fmt.Errorf("news: same category: %w", err)
	}
	return p.sameCategory(ctx, a, n, "", time.Time{})
}

// sameCategory is SameCategory restricted to the language lang ("" for
// any) and to articles published at or before to (zero for no bound).
func (p *Public) sameCategory(ctx context.Context, a *Article, n int, lang string, to time.Time) ([]*Article, error) {
	if n <= 0 || a.CategoryID == uuid.Nil {
		return nil, nil
	}
	now := p.now()
	q := publicQuery(Query{CategoryID: a.CategoryID, Exclude: a.ID, Lang: lang, To: to, Limit: min(n, MaxLimit)}, now)
	page, err := p.store.Articles(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("news: same category as %q: %w", a.Slug, err)
	}
	return visibleOnly(page.Articles, now), nil
}

// after reports whether x comes after y in time: a later PublishAt, or the
// same PublishAt and a greater ID (the store's tie-break).
func after(x, y *Article) bool {
	if !x.PublishAt.Equal(y.PublishAt) {
		return x.PublishAt.After(y.PublishAt)
	}
	return bytes.Compare(x.ID[:], y.ID[:]) > 0
}

// maxSpan bounds the windows of Adjacent, far below the largest Duration.
const maxSpan = 100 * 365 * 24 * time.Hour

// Adjacent returns the visible articles of a's category (and its
// subcategories) just before and after a in time: prev is the next older,
// next the next newer. Articles with the same PublishAt are ordered by ID
// as the store orders them. Either is nil at the end of the list. Errors
// wrap ErrInvalid when a is nil, or are the store's.
func (p *Public) Adjacent(ctx context.Context, a *Article) (prev, next *Article, err error) {
	if err := requireArticle(a); err != nil {
		return nil, nil, fmt.Errorf("news: adjacent: %w", err)
	}
	if a.CategoryID == uuid.Nil || a.PublishAt.IsZero() {
		return nil, nil, nil
	}
	now := p.now()
	base := Query{CategoryID: a.CategoryID, Exclude: a.ID}
	// Older: the first article after a in the store's order.
	q := publicQuery(base, now)
	q.Limit = 1
	q.Cursor = CursorAfter(a, 0).String()
	page, err := p.store.Articles(ctx, q)
	if err != nil {
		return nil, nil, fmt.Errorf("news: adjacent to %q: %w", a.Slug, err)
	}
	if list := visibleOnly(page.Articles, now); len(list) > 0 {
		prev = list[0]
	}
	// Newer: the store lists newest first only, so look in windows after
	// a.PublishAt that grow until one holds a newer article or reaches now.
	if a.PublishAt.After(now) {
		return prev, nil, nil
	}
	for span := time.Minute; ; span *= 8 {
		to := a.PublishAt.Add(span)
		last := !to.Before(now) || span > maxSpan
		if last {
			to = now
		}
		q := publicQuery(base, now)
		q.From, q.To, q.Limit = a.PublishAt, to, MaxLimit
		for {
			page, err := p.store.Articles(ctx, q)
			if err != nil {
				return nil, nil, fmt.Errorf("news: adjacent to %q: %w", a.Slug, err)
			}
			for _, b := range visibleOnly(page.Articles, now) {
				if after(b, a) && (next == nil || after(next, b)) {
					next = b
				}
			}
			if page.Next == "" {
				break
			}
			q.Cursor = page.Next
		}
		if next != nil || last {
			return prev, next, nil
		}
	}
}

// State is what the public content depends on besides the request: the
// store's public version and the visibility epoch. Caches key on it.
type State struct {
	// Version is the store's PublicVersion when it is a PublicVersioner
	// (it moves only when public content may have changed, so drafts
	// saved by staff leave caches hot), or its Version otherwise (it moves
	// on every write).
	Version int64
	Epoch   time.Time // the next scheduled PublishAt after now; zero when none
}

// Key returns a short string that changes whenever the public content may
// have changed, such as "v12-e1732780800000000" (version, then the epoch in
// Unix microseconds, 0 when there is none): for cache keys and ETags.
func (s State) Key() string {
	var e int64
	if !s.Epoch.IsZero() {
		e = s.Epoch.UnixMicro()
	}
	return "v" + strconv.FormatInt(s.Version, 10) + "-e" + strconv.FormatInt(e, 10)
}

// publicVersion returns s's PublicVersion when it keeps one, and its
// Version otherwise.
func publicVersion(ctx context.Context, s Store) (int64, error) {
	if pv, ok := s.(PublicVersioner); ok {
		return pv.PublicVersion(ctx)
	}
	return s.Version(ctx)
}

// State returns the current State. When the clock passes Epoch a
// scheduled article becomes visible and the next State has a new Epoch,
// so a cache keyed on State.Key renews on time with no cron. Errors are
// the store's.
//
// State reads the store's public version on every call, and NextPublishAt only
// when the version has moved, the clock has reached the epoch it last
// read, or the clock went back: between those events the next scheduled
// instant cannot change. A cache hit therefore costs one version call.
func (p *Public) State(ctx context.Context) (State, error) {
	v, err := publicVersion(ctx, p.store)
	if err != nil {
		return State{}, fmt.Errorf("news: state: %w", err)
	}
	now := p.now()
	if m := p.state.Load(); m != nil && m.version == v && !now.Before(m.at) &&
		(m.epoch.IsZero() || now.Before(m.epoch)) {
		return State{Version: v, Epoch: m.epoch}, nil
	}
	e, err := p.store.NextPublishAt(ctx, now)
	if err != nil {
		return State{}, fmt.Errorf("news: state: %w", err)
	}
	p.state.Store(&stateMemo{version: v, at: now, epoch: e})
	return State{Version: v, Epoch: e}, nil
}
