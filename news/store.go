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
// ID, slug or old URL is unknown, ErrConflict when a unique value (article
// ID, a slug or alias, an old URL, category ID or slug) is taken, and ErrInvalid when a Query is
// invalid (a malformed cursor, a limit out of range: see Query.PageBounds)
// or an argument is nil. Methods that return values return copies the caller
// may modify.
type Store interface {
	// CreateArticle stores a new article. Its ID, Slug and Aliases must not be
	// used by another article (slugs and aliases share one namespace), nor
	// its OldURLs (another namespace).
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
	// ArticleByOldURL returns the article one of whose OldURLs is path,
	// whatever its status, compared exactly: the caller gives the form
	// NormalizeOldURL makes.
	ArticleByOldURL(ctx context.Context, path string) (*Article, error)
	// Articles lists articles that match q, newest PublishAt first (then ID
	// descending). With q.Text (see Query.Text for what matches), they are
	// listed by rank first, unless q.Sort is SortNewest, and Page.Total is
	// set. The rank of a match is the first that holds, in this order: the
	// title holds the search as a phrase (RankTitlePhrase), the summary
	// does, the body text does; the title holds every word
	// (RankTitleWords), the summary does, the body text does; the
	// search's rarest word (see Rarest) is in the title (RankRareTitle),
	// in the summary; otherwise RankSpread. The words typed outside
	// quotes, in the order typed, are the search's phrase; a field holds
	// the search as a phrase when it holds that phrase and every quoted
	// phrase. "đại hội" lists the
	// articles whose title says "Đại hội" first, and those that hold
	// "đại" and "hội" apart after every article that holds the phrase.
	// Page.Next is the cursor of the following page, empty on the last
	// page. A q.Text that ParseSearch refuses is ErrInvalid; one that
	// matches nothing (see Query.MatchesNothing) lists nothing.
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

// A PublicVersioner is a Store that also keeps a public version: a number
// that moves only with what readers can see, so that staff writing drafts
// leave the public caches hot. [Public.State] keys on it when the store
// has one, and on Store.Version otherwise.
type PublicVersioner interface {
	// PublicVersion returns the public version. It moves, and never moves
	// back, on every successful write that
	//   - creates, replaces or deletes an article whose Status is
	//     StatusPublished before or after the write (whatever its
	//     PublishAt: a scheduled article sets the visibility epoch);
	//   - creates, updates or deletes a category;
	//   - imports a Batch.
	// Any other write (a draft saved, a revision, an account, a session, a
	// token, an audit entry) leaves it where it is. It may move more
	// often than that, never less.
	PublicVersion(ctx context.Context) (int64, error)
}

// A ChangeLogger is a PublicVersioner that also logs which articles each
// step of its public version touched, so that a reader keeping something
// derived from the public articles (the index of [Public.Related]) can
// bring it up to date by reading only those articles, even when another
// process made the writes. [Public] uses it when its Store has it, and
// rebuilds from the whole archive otherwise.
type ChangeLogger interface {
	PublicVersioner
	// ChangedSince returns the articles created, replaced or deleted by
	// the writes that moved the public version after since, up to
	// Changes.Version (the public version when it read the log), each ID
	// once, in no particular order. Category writes move the version and
	// log no article. When the log no longer reaches back to since (it is
	// pruned, an Import replaced it, or since is ahead of the version, as
	// after the database was replaced), it returns Complete false and no
	// articles: the caller must read everything again. Errors are the
	// store's.
	ChangedSince(ctx context.Context, since int64) (Changes, error)
}

// A PublishedLister is a Store that can list its published articles with
// only the fields the index of [Public.Related] reads, so that building
// the index reads no bodies (at 100,000 articles in SQLite, most of a
// cold build was reading them). [Public] uses it when its Store has it,
// and pages through Store.Articles otherwise.
type PublishedLister interface {
	// EachPublished calls fn with every article whose Status is
	// StatusPublished, whatever its PublishAt (scheduled ones too), each
	// once, in no particular order, with ID, Slug, Title, Tags,
	// CategoryID, Lang, Status and PublishAt set and every other field
	// zero. The article is fn's to read during the call only: fn must not
	// keep or change it or its Tags, nor call the store (a SQL store holds
	// a connection meanwhile). EachPublished stops at the first error fn
	// returns and returns it; other errors are the store's, ctx's among
	// them.
	EachPublished(ctx context.Context, fn func(*Article) error) error
}

// Changes is what ChangeLogger.ChangedSince returns.
type Changes struct {
	Version  int64       // the public version the changes reach
	Articles []uuid.UUID // the articles touched after since, up to Version, each once
	// Complete reports whether Articles holds every article touched;
	// false means the log does not reach back far enough.
	Complete bool
}

// A NewsroomStore is a Store that also keeps the newsroom: accounts,
// sessions, API tokens, article revisions and the audit log, so that
// several instances over one database agree on who is signed in and what
// happened. The Newsroom does the checking and the hashing; a
// NewsroomStore keeps what it is given, enforces uniqueness, assigns
// revision and audit sequence numbers, and writes each method's records
// in one transaction: all of them or none. Implementations must pass the
// newsroom part of storetest.Run.
//
// Every method is safe for concurrent use and returns copies. Errors wrap
// ErrNotFound for an unknown ID, hash or number, ErrConflict for a taken
// unique value, a *StaleError (which wraps ErrConflict) for a save on a
// stale revision, and ErrInvalid for a malformed filter or a nil
// argument. An audit entry argument may be nil (nothing is appended);
// when it is not, the store sets its Seq.
//
// The audit log is append-only: no method updates or deletes an entry.
// Sign-in throttling reads it on every attempt (Audit with Action,
// Outcome, ObjectType and ObjectID, or Address, and From): a store with a
// query planner should index for that. Store.DeleteArticle of a
// NewsroomStore also deletes the article's revisions.
type NewsroomStore interface {
	Store
	PublicVersioner

	// SaveArticle writes w.Article (created when w.Create, else replacing
	// the article with its ID), adds w.Revision and appends w.Audit, in
	// one transaction. The store numbers the revision one above the
	// article's highest revision number (rejected ones included; 1 for a
	// new article) and sets both w.Revision.Number and w.Article.Revision
	// to it. On a replacement, when the stored article's Revision is not
	// w.Base, it writes nothing and returns a *StaleError with Base set
	// (Current and Kept are the caller's to fill). Article and slug
	// uniqueness are as for CreateArticle and UpdateArticle.
	SaveArticle(ctx context.Context, w *ArticleSave) error
	// AddRevision keeps r, a rejected change, as a revision of its
	// article without changing the article, and appends e, in one
	// transaction; it numbers r as SaveArticle does. ErrNotFound when the
	// article does not exist.
	AddRevision(ctx context.Context, r *Revision, e *AuditEntry) error
	// RemoveArticle deletes the article with the ID and its revisions and
	// appends e, in one transaction. When base is not 0 and the stored
	// article's Revision is not base, it deletes nothing and returns a
	// *StaleError.
	RemoveArticle(ctx context.Context, id uuid.UUID, base int, e *AuditEntry) error
	// SaveCategory writes c (created when create, else replacing the
	// category with its ID) and appends e, in one transaction. Uniqueness
	// is as for CreateCategory and UpdateCategory: a slug or alias
	// another category holds as its slug or alias is ErrConflict.
	SaveCategory(ctx context.Context, c *Category, create bool, e *AuditEntry) error
	// Revisions lists the revisions of the article with the ID, oldest
	// (number 1) first, without their snapshots (Snapshot nil). An
	// article without revisions, or an unknown one, gives an empty list.
	Revisions(ctx context.Context, articleID uuid.UUID) ([]*Revision, error)
	// Revision returns revision n of the article, with its snapshot.
	Revision(ctx context.Context, articleID uuid.UUID, n int) (*Revision, error)

	// CreateAccount stores a new account and appends e. ErrConflict when
	// the ID or the Username (compared exactly: the Newsroom folds it) is
	// taken.
	CreateAccount(ctx context.Context, a *Account, e *AuditEntry) error
	// UpdateAccount replaces the account with a.ID and appends e; with
	// endSessions it also deletes every session of the account, in the
	// same transaction (a password change, a disabled account).
	// ErrConflict when the new Username is another account's.
	UpdateAccount(ctx context.Context, a *Account, endSessions bool, e *AuditEntry) error
	// Account returns the account with the ID.
	Account(ctx context.Context, id uuid.UUID) (*Account, error)
	// AccountByUsername returns the account whose Username is username,
	// compared exactly.
	AccountByUsername(ctx context.Context, username string) (*Account, error)
	// Accounts returns every account, ordered by Username.
	Accounts(ctx context.Context) ([]*Account, error)

	// CreateSession stores a new session and appends e (the sign-in).
	// ErrConflict when its Hash is taken; ErrNotFound when its account
	// does not exist.
	CreateSession(ctx context.Context, s *Session, e *AuditEntry) error
	// Session returns the session with the hash, expired or not.
	Session(ctx context.Context, h TokenHash) (*Session, error)
	// TouchSession sets LastSeen and IdleExpiresAt of the session with
	// the hash.
	TouchSession(ctx context.Context, h TokenHash, lastSeen, idleExpiresAt time.Time) error
	// DeleteSession deletes the session with the hash and appends e.
	DeleteSession(ctx context.Context, h TokenHash, e *AuditEntry) error
	// Sessions returns the sessions of the account, newest CreatedAt
	// first, expired ones included.
	Sessions(ctx context.Context, accountID uuid.UUID) ([]*Session, error)
	// DeleteExpiredSessions deletes every session whose IdleExpiresAt or
	// ExpiresAt is at or before now, and returns how many it deleted.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)

	// CreateToken stores a new API token and appends e. ErrConflict when
	// its ID or Hash is taken; ErrNotFound when its account does not
	// exist.
	CreateToken(ctx context.Context, t *APIToken, e *AuditEntry) error
	// Token returns the API token with the ID.
	Token(ctx context.Context, id uuid.UUID) (*APIToken, error)
	// TokenByHash returns the API token with the hash, expired or not.
	TokenByHash(ctx context.Context, h TokenHash) (*APIToken, error)
	// Tokens returns the API tokens of the account (every token when
	// accountID is uuid.Nil), newest CreatedAt first, then by ID.
	Tokens(ctx context.Context, accountID uuid.UUID) ([]*APIToken, error)
	// TouchToken sets LastUsedAt of the token with the ID.
	TouchToken(ctx context.Context, id uuid.UUID, lastUsed time.Time) error
	// DeleteToken deletes the token with the ID (a revocation) and
	// appends e.
	DeleteToken(ctx context.Context, id uuid.UUID, e *AuditEntry) error

	// Tags returns the tags f selects with how many articles of f's scope
	// carry each, most first, then by key (Slugify of the tag), at most
	// f's limit (see TagFilter.TagBounds, whose error it returns). A tag
	// is written as the newest article of the scope carrying it writes
	// it (by PublishAt, then ID).
	Tags(ctx context.Context, f TagFilter) ([]TagCount, error)

	// AppendAudit appends e to the audit log and sets its Seq.
	AppendAudit(ctx context.Context, e *AuditEntry) error
	// Audit lists the entries f selects (see AuditFilter.Match), highest
	// Seq first; Next is AuditCursor of the page's last entry when more
	// selected entries follow, "" otherwise, and the next page lists the
	// selected entries below it. ErrInvalid when f's
	// limit or cursor is malformed (see AuditFilter.AuditBounds).
	Audit(ctx context.Context, f AuditFilter) (*AuditPage, error)
}

// An ArticleSave is one atomic write of NewsroomStore.SaveArticle: an
// article, the revision that records it, and its audit entry.
type ArticleSave struct {
	Article *Article // required; its Revision is set by the store
	Create  bool     // a new article rather than a replacement
	// Base is the revision the change was made on; a replacement is
	// refused with a *StaleError when the stored article's Revision is
	// not Base. Ignored with Create.
	Base     int
	Revision *Revision   // required, for Article.ID; its Number is set by the store
	Audit    *AuditEntry // may be nil
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
	// Text is a search, read by ParseSearch. An article matches when
	// every word of its words is a word of the title, summary or body
	// text, by MatchWord (whole words; a word typed without marks matches
	// any marks, a word typed with marks those marks, wherever the tone
	// is placed; đ is a letter of its own when typed), when every phrase
	// is words that follow each other so in one of those fields, and when
	// no exclusion (a word, or a phrase in one field) is found so. Stores
	// index words by SearchKeys and match them by KeyMatches, which agree
	// with MatchWord. Store.Articles says how matches rank.
	// Public.Articles and Newsroom.Articles pass a store only the parsed
	// search, as Search.String writes it, and never a search that matches
	// nothing (see MatchesNothing).
	Text     string
	Status   Status    // "" for any status
	Featured *bool     // nil for any
	From     time.Time // PublishAt at or after From; zero for no bound
	To       time.Time // PublishAt at or before To; zero for no bound
	Exclude  uuid.UUID // leave this article out; uuid.Nil for none
	// OwnerID selects the articles of this newsroom account (see
	// Article.OwnerID); uuid.Nil for any.
	OwnerID uuid.UUID
	// Categories selects articles in any of these categories or their
	// descendants (a newsroom account's scope), besides CategoryID; empty
	// for any. At most MaxQueryCategories.
	Categories []uuid.UUID
	Limit      int    // 1..MaxLimit; 0 means DefaultLimit
	Cursor     string // Page.Next of the previous page; "" for the first page
	// Sort is the order of a search's results: SortRelevance (the zero
	// value) or SortNewest. A listing without Text is newest first
	// whatever Sort is.
	Sort Sort
}

// Limits on Query.Limit and Query.Categories.
const (
	DefaultLimit       = 20
	MaxLimit           = 100
	MaxQueryCategories = 100
)

// A Page is one page of a list of articles.
type Page struct {
	Articles []*Article
	Next     string // cursor of the next page; "" when this is the last
	// Total is, for a search (Query.Text), the number of articles it
	// matches, counted up to MaxSearchTotal; 0 for a listing. It is the
	// same on every page of a search.
	Total int
	// TotalCapped reports that the search matches more than
	// MaxSearchTotal articles; Total is then MaxSearchTotal.
	TotalCapped bool
}

// limitRule is the rule a Query.Limit of n breaks, worded once for every
// check of it.
func limitRule(n int) string {
	return fmt.Sprintf("must be from 1 to %d, or 0 for %d, not %d", MaxLimit, DefaultLimit, n)
}

// PageBounds returns the page size q asks for (DefaultLimit when q.Limit
// is 0) and its decoded cursor (nil on the first page). Stores call it
// first in Articles. It fails with a *FieldError wrapping ErrInvalid when
// q.Limit is outside 0..MaxLimit, q.Cursor is malformed or q.Sort is not
// one of the orders.
func (q Query) PageBounds() (limit int, cur *Cursor, err error) {
	if !q.Sort.valid() {
		return 0, nil, &FieldError{Field: "sort", Rule: sortRule(q.Sort)}
	}
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
