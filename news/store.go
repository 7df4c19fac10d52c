package news

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// A Store persists articles and categories. It keeps what it is given:
// normalising, validating, sanitising and stamping times is the Service's
// job, so every Store gets the same rules. Implementations live in
// sub-packages (memstore, sqlstore) and must pass storetest.Run.
//
// Every method is safe for concurrent use. Errors wrap ErrNotFound when an
// ID or slug is unknown, ErrConflict when a unique value (article ID, a slug
// or alias, category ID or slug) is taken, and ErrInvalid when a Query is
// invalid (a malformed cursor, a limit out of range: see Query.PageBounds)
// or an argument is nil. Methods that return values return copies the caller
// may modify.
type Store interface {
	// CreateArticle stores a new article. Its ID, Slug and Aliases must not be
	// used by another article (slugs and aliases share one namespace).
	CreateArticle(ctx context.Context, a *Article) error
	// UpdateArticle replaces the article with a.ID.
	UpdateArticle(ctx context.Context, a *Article) error
	// DeleteArticle removes the article with the ID.
	DeleteArticle(ctx context.Context, id uuid.UUID) error
	// Article returns the article with the ID, whatever its status.
	Article(ctx context.Context, id uuid.UUID) (*Article, error)
	// ArticleBySlug returns the article whose current slug or one of whose
	// aliases is slug. The caller compares the result's Slug to redirect.
	ArticleBySlug(ctx context.Context, slug string) (*Article, error)
	// Articles lists articles that match q, newest PublishAt first (then ID
	// descending); with q.Text, title matches come first. Page.Next is the
	// cursor of the following page, empty on the last page.
	Articles(ctx context.Context, q Query) (*Page, error)
	// NextPublishAt returns the earliest PublishAt after t among published
	// articles, or the zero time when there is none. Caches use it as the
	// visibility epoch: when the clock passes it, a scheduled article appears.
	NextPublishAt(ctx context.Context, t time.Time) (time.Time, error)

	// CreateCategory stores a new category.
	CreateCategory(ctx context.Context, c *Category) error
	// UpdateCategory replaces the category with c.ID.
	UpdateCategory(ctx context.Context, c *Category) error
	// DeleteCategory removes the category with the ID. It fails with
	// ErrConflict while articles or subcategories refer to it.
	DeleteCategory(ctx context.Context, id uuid.UUID) error
	// Categories returns every category, ordered by Position then Name then ID.
	Categories(ctx context.Context) ([]*Category, error)

	// Import creates or replaces (by ID) every category and then every article
	// of b in one transaction: all of them are written, or none.
	Import(ctx context.Context, b *Batch) error

	// Version returns the change version: a number that moves on every
	// successful write and never moves back, for cache validation.
	Version(ctx context.Context) (int64, error)
}

// A Batch is a set of categories and articles written at once by Store.Import.
type Batch struct {
	Categories []*Category // parents before children
	Articles   []*Article
}

// A Query filters and pages a list of articles. The zero Query lists every
// article, newest first, DefaultLimit at a time.
type Query struct {
	CategoryID uuid.UUID // the category and its descendants; uuid.Nil for all
	Tag        string    // articles that carry this tag (tags compared by Slugify, so "Khoa học" matches "khoa-hoc")
	Author     string    // articles by this author (compared after Fold)
	Lang       string    // articles in this language ("vi", "en"); "" for all
	// Text is a search: every word of it, folded, must begin a word of the
	// folded title, summary or body text. Title matches are listed first.
	Text     string
	Status   Status    // "" for any status
	Featured *bool     // nil for any
	From     time.Time // PublishAt at or after From; zero for no bound
	To       time.Time // PublishAt at or before To; zero for no bound
	Exclude  uuid.UUID // leave this article out; uuid.Nil for none
	Limit    int       // 1..MaxLimit; 0 means DefaultLimit
	Cursor   string    // Page.Next of the previous page; "" for the first page
}

// Limits on Query.Limit.
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// A Page is one page of a list of articles.
type Page struct {
	Articles []*Article
	Next     string // cursor of the next page; "" when this is the last
}

// limitRule is the rule a Query.Limit of n breaks, worded once for every
// check of it.
func limitRule(n int) string {
	return fmt.Sprintf("must be from 1 to %d, or 0 for %d, not %d", MaxLimit, DefaultLimit, n)
}

// PageBounds returns the page size q asks for (DefaultLimit when q.Limit
// is 0) and its decoded cursor (nil on the first page). Stores call it
// first in Articles. It fails with a *FieldError wrapping ErrInvalid when
// q.Limit is outside 0..MaxLimit or q.Cursor is malformed.
func (q Query) PageBounds() (limit int, cur *Cursor, err error) {
	limit = q.Limit
	switch {
	case limit == 0:
		limit = DefaultLimit
	case limit < 0 || limit > MaxLimit:
		return 0, nil, &FieldError{Field: "limit", Rule: limitRule(limit)}
	}
	if q.Cursor != "" {
		c, err := ParseCursor(q.Cursor)
		if err != nil {
			return 0, nil, err
		}
		cur = &c
	}
	return limit, cur, nil
}
