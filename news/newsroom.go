package news

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
)

// An Actor is who acts in the newsroom: a signed-in account, an API token
// acting for one, or an identity a host's own authentication made (single
// sign-on). Every Newsroom method that reads or writes newsroom data takes
// one and decides by its Role, its category scope and, for articles,
// whether it owns the article. A host's identity needs a stable AccountID
// (for instance uuid.NewSHA1 of the sign-on subject), since ownership and
// the audit log refer to it; methods that change an account or a token
// need that account to exist in the store.
type Actor struct {
	AccountID uuid.UUID // the account; articles it creates are owned by it
	Username  string
	Name      string // display name, recorded in revisions and the audit log
	Role      Role
	// Categories is the scope: the actor acts on articles in these
	// categories and their descendants. Empty means every category.
	Categories []uuid.UUID
	TokenID    uuid.UUID // the API token the actor came with; uuid.Nil for a session or a host identity
	Address    string    // the client address, recorded in the audit log
	// NeedsTOTP is set for an account whose role requires a second factor
	// (NewsroomOptions.RequireTOTP) and who has none yet: it may only set
	// one up (BeginTOTP, EnableTOTP) or sign out; anything else is
	// ErrForbidden.
	NeedsTOTP bool
}

// Valid reports whether the actor can act at all: a known role and an
// account ID. The zero Actor is not valid; methods given one fail with
// ErrUnauthenticated.
func (a Actor) Valid() bool { return a.Role.Valid() && a.AccountID != uuid.Nil }

// NewsroomOptions configures a Newsroom. The zero value, and a nil
// *NewsroomOptions, give the defaults each field describes.
type NewsroomOptions struct {
	// Now is the clock of every time the newsroom stamps and every expiry
	// it checks. nil means time.Now.
	Now func() time.Time
	// NewID makes the IDs of new articles, accounts and tokens. nil means
	// uuid.New.
	NewID func() uuid.UUID
	// Random is the source of session and API tokens, password salts and
	// TOTP secrets. nil means crypto/rand.
	Random io.Reader
	// Sanitizer cleans article bodies. nil means the default policy of
	// [Sanitize].
	Sanitizer *Sanitizer
	// SkipApproval turns the approval step off: editors publish, and there
	// is nothing to send for approval. false (the default) keeps it: an
	// approver or an admin approves and publishes.
	SkipApproval bool
	// Password sets the password rules and hash parameters.
	Password PasswordOptions
	// SessionIdle ends a session not used for this long. 0 means
	// DefaultSessionIdle (2 hours).
	SessionIdle time.Duration
	// SessionLifetime ends a session this long after sign-in, however
	// much it is used. 0 means DefaultSessionLifetime (12 hours).
	SessionLifetime time.Duration
	// TouchInterval is how stale a session's LastSeen or a token's
	// LastUsedAt may get before a request writes it again, so that busy
	// clients do not write on every request. 0 means
	// DefaultTouchInterval (1 minute).
	TouchInterval time.Duration
	// MaxFailures is how many failed sign-ins, for one username or one
	// client address within FailureWindow, refuse further attempts until
	// the oldest of them leaves the window. 0 means DefaultMaxFailures
	// (10).
	MaxFailures int
	// FailureWindow is the window of MaxFailures. 0 means
	// DefaultFailureWindow (15 minutes).
	FailureWindow time.Duration
	// RequireTOTP lists the roles that must sign in with a second factor.
	// An account of such a role without one is signed in only to set it
	// up (Actor.NeedsTOTP). Empty means none.
	RequireTOTP []Role
	// TOTPIssuer names the site in authenticator apps. "" means "orgnews".
	TOTPIssuer string
	// TokenLifetime is the lifetime of an API token created without an
	// expiry. 0 means DefaultTokenLifetime (90 days).
	TokenLifetime time.Duration
	// MaxTokenLifetime is the longest lifetime an API token may be given.
	// 0 means DefaultMaxTokenLifetime (one year).
	MaxTokenLifetime time.Duration
}

// Defaults of NewsroomOptions.
const (
	DefaultSessionIdle      = 2 * time.Hour
	DefaultSessionLifetime  = 12 * time.Hour
	DefaultTouchInterval    = time.Minute
	DefaultMaxFailures      = 10
	DefaultFailureWindow    = 15 * time.Minute
	DefaultTokenLifetime    = 90 * 24 * time.Hour
	DefaultMaxTokenLifetime = 365 * 24 * time.Hour
)

// A Newsroom is the staff's way in: sign-in, sessions and API tokens,
// accounts, and the editorial workflow over articles with revisions and
// an audit log. It owns the rules: every method takes the acting [Actor]
// and checks its role, scope and the article's state with [Permit], so
// the HTTP API, the pages, an import and a Go program obey the same
// workflow. Article writes go through the Service's one write path
// (normalise, validate, sanitise, slug, stamp times) and then through
// NewsroomStore.SaveArticle, which stores the article, its revision and
// the audit entry at once.
//
// Errors wrap ErrUnauthenticated (no valid actor, a failed sign-in),
// ErrForbidden (a *TransitionError or a named rule), ErrNotFound (also for
// what the actor may not see), ErrConflict (a *TransitionError for a
// wrong state, a *StaleError for a stale revision, a taken username or
// slug), ErrInvalid (a *FieldError or FieldErrors), ErrThrottled (a
// *ThrottledError), or the store's. A Newsroom is safe for concurrent use.
type Newsroom struct {
	store NewsroomStore
	svc   *Service
	opts  NewsroomOptions // with every default filled in

	dummyOnce sync.Once
	dummyHash string // a hash to check unknown usernames against, made on first use
}

// NewNewsroom returns the Newsroom over s. opts may be nil.
func NewNewsroom(s NewsroomStore, opts *NewsroomOptions) *Newsroom {
	var o NewsroomOptions
	if opts != nil {
		o = *opts
	}
	svc := NewService(s, &ServiceOptions{Now: o.Now, NewID: o.NewID, Sanitizer: o.Sanitizer})
	o.Now, o.NewID = svc.now, svc.newID
	o.Random = randomReader(o.Random)
	o.Password.Argon2 = o.Password.Argon2.withDefaults()
	if o.Password.MinLength <= 0 {
		o.Password.MinLength = DefaultMinPassword
	}
	defaults := []struct {
		d   *time.Duration
		def time.Duration
	}{
		{&o.SessionIdle, DefaultSessionIdle}, {&o.SessionLifetime, DefaultSessionLifetime},
		{&o.TouchInterval, DefaultTouchInterval}, {&o.FailureWindow, DefaultFailureWindow},
		{&o.TokenLifetime, DefaultTokenLifetime}, {&o.MaxTokenLifetime, DefaultMaxTokenLifetime},
	}
	for _, d := range defaults {
		if *d.d <= 0 {
			*d.d = d.def
		}
	}
	if o.MaxFailures <= 0 {
		o.MaxFailures = DefaultMaxFailures
	}
	if o.TOTPIssuer == "" {
		o.TOTPIssuer = "orgnews"
	}
	o.RequireTOTP = slices.Clone(o.RequireTOTP)
	return &Newsroom{store: s, svc: svc, opts: o}
}

// clock returns the newsroom's current time as stored: UTC, microseconds.
func (n *Newsroom) clock() time.Time { return n.svc.clock() }

// errNoActor is the error of a method given an invalid Actor.
var errNoActor = fmt.Errorf("news: not signed in: %w", ErrUnauthenticated)

// forbidden returns an error wrapping ErrForbidden that states rule.
func forbidden(rule string) error { return fmt.Errorf("news: %s: %w", rule, ErrForbidden) }

// check returns an error unless actor may act: a valid actor that does not
// first need to set up a second factor.
func (n *Newsroom) check(actor Actor) error {
	switch {
	case !actor.Valid():
		return errNoActor
	case actor.NeedsTOTP:
		return forbidden("set up the second factor first")
	}
	return nil
}

// admin returns an error unless actor may act as an admin.
func (n *Newsroom) admin(actor Actor) error {
	if err := n.check(actor); err != nil {
		return err
	}
	if actor.Role != RoleAdmin {
		return forbidden("only an admin may do this")
	}
	return nil
}

// entry returns an audit entry of actor's action on the object, stamped
// now, successful.
func (n *Newsroom) entry(actor Actor, action Action, objType, objID, detail string) *AuditEntry {
	return &AuditEntry{At: n.clock(), ActorID: actor.AccountID, ActorName: actor.Name, Address: actor.Address,
		Action: action, ObjectType: objType, ObjectID: objID, Detail: detail, Outcome: OutcomeSuccess}
}

// attempt returns the Attempt of actor's action on a, given the category
// tree.
func (n *Newsroom) attempt(actor Actor, action Action, a *Article, tree *CategoryTree) Attempt {
	return Attempt{Role: actor.Role, Action: action, State: a.Status, ApprovalRequired: n.ApprovalRequired(),
		InScope: scopeIncludes(actor.Role, actor.Categories, tree, a.CategoryID),
		Owner:   a.OwnerID != uuid.Nil && a.OwnerID == actor.AccountID}
}

// permit decides actor's action on a; an article the actor may not see is
// reported as not found, like an unknown one.
func (n *Newsroom) permit(actor Actor, action Action, a *Article, tree *CategoryTree) error {
	err := Permit(n.attempt(actor, action, a, tree))
	if errors.Is(err, ErrNotFound) {
		return fmt.Errorf("news: article %s: %w", a.ID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("news: article %q: %w", a.Slug, err)
	}
	return nil
}

// load returns the article with the ID and the category tree, once
// actor may do action to it.
func (n *Newsroom) load(ctx context.Context, actor Actor, action Action, id uuid.UUID) (*Article, *CategoryTree, error) {
	if err := n.check(actor); err != nil {
		return nil, nil, err
	}
	a, err := n.store.Article(ctx, id)
	if err != nil {
		return nil, nil, fmt.Errorf("news: article %s: %w", id, err)
	}
	tree, err := n.svc.categories(ctx)
	if err != nil {
		return nil, nil, err
	}
	if err := n.permit(actor, action, a, tree); err != nil {
		return nil, nil, err
	}
	return a, tree, nil
}

// revisionOf returns the revision that records a as actor's action on
// base, now: not a.UpdatedAt, which a step or an edit that changes no
// content leaves as it was.
func (n *Newsroom) revisionOf(actor Actor, action Action, a *Article, base int, note string) *Revision {
	return &Revision{ArticleID: a.ID, ActorID: actor.AccountID, ActorName: actor.Name, At: n.clock(),
		Action: action, Status: a.Status, Note: note, Base: base, Snapshot: SnapshotOf(a)}
}

// saver returns the put function of the Service's write path that stores
// an article through SaveArticle with its revision and audit entry, made
// by rev from the article as written. The last article it was given is
// kept in *last, so that a refused change can be kept.
func (n *Newsroom) saver(create bool, base int, rev func(a *Article) (*Revision, *AuditEntry), last **Article) func(context.Context, *Article) error {
	return func(ctx context.Context, a *Article) error {
		if last != nil {
			*last = a.Clone()
		}
		r, e := rev(a)
		return n.store.SaveArticle(ctx, &ArticleSave{Article: a, Create: create, Base: base, Revision: r, Audit: e})
	}
}

// stale returns err unless it is (or wraps) a *StaleError; then it
// returns a new error for the article a, naming the stale base, the
// article's current revision (read again) and kept, the revision that
// keeps the rejected change (0 for none).
func (n *Newsroom) stale(ctx context.Context, err error, a *Article, kept int) error {
	var se *StaleError
	if !errors.As(err, &se) {
		return err
	}
	out := &StaleError{Base: se.Base, Kept: kept, Current: &Revision{ArticleID: a.ID, Number: a.Revision, Status: a.Status}}
	if cur, cerr := n.store.Article(ctx, a.ID); cerr == nil {
		out.Current = &Revision{ArticleID: a.ID, Number: cur.Revision, Status: cur.Status}
		if cur.Revision > 0 {
			if r, rerr := n.store.Revision(ctx, a.ID, cur.Revision); rerr == nil {
				r.Snapshot = nil
				out.Current = r
			}
		}
	}
	return fmt.Errorf("news: article %q: %w", a.Slug, out)
}

// ApprovalRequired reports whether the approval step is on.
func (n *Newsroom) ApprovalRequired() bool { return !n.opts.SkipApproval }

// CategoryPatch changes some fields of a category: a nil field is left as
// it is.
type CategoryPatch struct {
	Slug        *string
	Name        *string
	Description *string
	ParentID    *uuid.UUID
	Position    *int
}

// Categories returns every category, as Public.Categories does, to any
// valid actor.
func (n *Newsroom) Categories(ctx context.Context, actor Actor) ([]*Category, error) {
	if err := n.check(actor); err != nil {
		return nil, err
	}
	cats, err := n.store.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("news: categories: %w", err)
	}
	return cats, nil
}

// CreateCategory creates a category (see Service.CreateCategory) and its
// audit entry, in one write of the store. Admins only.
func (n *Newsroom) CreateCategory(ctx context.Context, actor Actor, in CategoryInput) (*Category, error) {
	if err := n.admin(actor); err != nil {
		return nil, err
	}
	return n.svc.createCategory(ctx, in, func(ctx context.Context, c *Category) error {
		return n.store.SaveCategory(ctx, c, true, n.entry(actor, ActionCategoryCreate, ObjectCategory, c.ID.String(), c.Slug))
	})
}

// UpdateCategory changes the fields p sets on the category with the ID
// (see Service.UpdateCategory: a new slug keeps the old one as an alias)
// and appends its audit entry, which names the fields changed, in one
// write of the store. Admins only.
func (n *Newsroom) UpdateCategory(ctx context.Context, actor Actor, id uuid.UUID, p CategoryPatch) (*Category, error) {
	if err := n.admin(actor); err != nil {
		return nil, err
	}
	tree, err := n.svc.categories(ctx)
	if err != nil {
		return nil, err
	}
	cur := tree.Category(id)
	if cur == nil {
		return nil, fmt.Errorf("news: update category %s: %w", id, ErrNotFound)
	}
	in := CategoryInput{Name: cur.Name, Description: cur.Description, ParentID: cur.ParentID, Position: cur.Position}
	var changed []string
	set := func(field string, dst, src *string) {
		if src != nil {
			*dst = *src
			changed = append(changed, field)
		}
	}
	set("slug", &in.Slug, p.Slug)
	set("name", &in.Name, p.Name)
	set("description", &in.Description, p.Description)
	if p.ParentID != nil {
		in.ParentID = *p.ParentID
		changed = append(changed, "parent")
	}
	if p.Position != nil {
		in.Position = *p.Position
		changed = append(changed, "position")
	}
	return n.svc.updateCategory(ctx, id, in, func(ctx context.Context, c *Category) error {
		return n.store.SaveCategory(ctx, c, false, n.entry(actor, ActionCategoryUpdate, ObjectCategory, c.ID.String(), strings.Join(changed, ", ")))
	})
}

// MoveCategory moves the category with the ID one place among its
// siblings, in the order Categories lists them: up (towards the first)
// when by is negative, down when it is positive. It swaps the Position of
// the category and its neighbour, first numbering the siblings 1, 2, 3, …
// when two of them share a position (so that a swap changes the order).
// Each category written gets its audit entry, as UpdateCategory writes
// it. Moving the first category up, or the last down, or by 0, changes
// nothing. It returns the categories written. Admins only; errors as
// UpdateCategory's.
func (n *Newsroom) MoveCategory(ctx context.Context, actor Actor, id uuid.UUID, by int) ([]*Category, error) {
	if err := n.admin(actor); err != nil {
		return nil, err
	}
	tree, err := n.svc.categories(ctx)
	if err != nil {
		return nil, err
	}
	cur := tree.Category(id)
	if cur == nil {
		return nil, fmt.Errorf("news: move category %s: %w", id, ErrNotFound)
	}
	sibs := tree.Children(cur.ParentID)
	if tree.Category(cur.ParentID) == nil {
		sibs = tree.Roots()
	}
	i := slices.IndexFunc(sibs, func(c *Category) bool { return c.ID == id })
	j := i + max(-1, min(1, by))
	if j == i || j < 0 || j >= len(sibs) {
		return nil, nil
	}
	pos := make([]int, len(sibs))
	for k, c := range sibs {
		pos[k] = c.Position
	}
	shared := false
	for k := 1; k < len(sibs); k++ {
		shared = shared || sibs[k-1].Position == sibs[k].Position
	}
	if shared {
		for k := range pos {
			pos[k] = k + 1
		}
	}
	pos[i], pos[j] = pos[j], pos[i]
	var written []*Category
	for k, c := range sibs {
		if pos[k] == c.Position {
			continue
		}
		c, err := n.UpdateCategory(ctx, actor, c.ID, CategoryPatch{Position: &pos[k]})
		if err != nil {
			return written, err
		}
		written = append(written, c)
	}
	return written, nil
}

// Articles lists the articles the actor may see that match q, as
// Store.Articles lists them: a contributor's own articles, the articles
// of an editor's or approver's scope, every article for an admin. q is
// narrowed to that (OwnerID, Categories), never widened.
func (n *Newsroom) Articles(ctx context.Context, actor Actor, q Query) (*Page, error) {
	if err := n.check(actor); err != nil {
		return nil, err
	}
	q, err := validateQuery(q)
	if err != nil {
		return nil, fmt.Errorf("news: articles: %w", err)
	}
	if q.MatchesNothing() {
		return &Page{Articles: []*Article{}}, nil
	}
	switch {
	case actor.Role == RoleContributor:
		q.OwnerID = actor.AccountID
	case actor.Role != RoleAdmin && len(actor.Categories) > 0:
		tree, err := n.svc.categories(ctx)
		if err != nil {
			return nil, err
		}
		if q.Categories = narrowScope(q.Categories, actor, tree); len(q.Categories) == 0 {
			return &Page{Articles: []*Article{}}, nil
		}
	}
	page, err := n.store.Articles(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("news: articles: %w", err)
	}
	return page, nil
}

// narrowScope returns the categories, among asked (nil for all) and their
// descendants, that are in actor's scope: the asked ones in scope, and the
// scope's categories under an asked one. Empty means none.
func narrowScope(asked []uuid.UUID, actor Actor, tree *CategoryTree) []uuid.UUID {
	if len(asked) == 0 {
		return slices.Clone(actor.Categories)
	}
	var out []uuid.UUID
	for _, c := range asked {
		if scopeIncludes(actor.Role, actor.Categories, tree, c) {
			out = append(out, c)
		}
	}
	for _, c := range actor.Categories {
		if !slices.Contains(out, c) && scopeIncludes(actor.Role, asked, tree, c) {
			out = append(out, c)
		}
	}
	return out
}

// Article returns the article with the ID, whatever its state, when the
// actor may see it (ErrNotFound otherwise, as for an unknown one).
func (n *Newsroom) Article(ctx context.Context, actor Actor, id uuid.UUID) (*Article, error) {
	a, _, err := n.load(ctx, actor, ActionView, id)
	return a, err
}

// Actions returns the workflow actions the actor may do to a, in
// WorkflowActions order, for the buttons of a page.
func (n *Newsroom) Actions(ctx context.Context, actor Actor, a *Article) ([]Action, error) {
	if err := n.check(actor); err != nil {
		return nil, err
	}
	tree, err := n.svc.categories(ctx)
	if err != nil {
		return nil, err
	}
	var out []Action
	for _, action := range WorkflowActions() {
		if action != ActionCreate && Permit(n.attempt(actor, action, a, tree)) == nil {
			out = append(out, action)
		}
	}
	return out, nil
}

// CreateArticle writes a new draft from in (see Service.CreateDraft), owned
// by the actor, as revision 1 with the note. The category must be in the
// actor's scope.
func (n *Newsroom) CreateArticle(ctx context.Context, actor Actor, in ArticleInput, note string) (*Article, error) {
	if err := n.check(actor); err != nil {
		return nil, err
	}
	tree, err := n.svc.categories(ctx)
	if err != nil {
		return nil, err
	}
	// An unknown category is left to validation to report.
	inScope := tree.Category(in.CategoryID) == nil || scopeIncludes(actor.Role, actor.Categories, tree, in.CategoryID)
	if err := Permit(Attempt{Role: actor.Role, Action: ActionCreate, ApprovalRequired: n.ApprovalRequired(), InScope: inScope}); err != nil {
		return nil, fmt.Errorf("news: create article: %w", err)
	}
	put := n.saver(true, 0, func(a *Article) (*Revision, *AuditEntry) {
		return n.revisionOf(actor, ActionCreate, a, 0, note), n.entry(actor, ActionCreate, ObjectArticle, a.ID.String(), note)
	}, nil)
	a, err := n.svc.createDraft(ctx, in, actor.AccountID, put)
	if err != nil {
		return nil, err
	}
	return a.Clone(), nil
}

// PatchArticle changes the fields p sets on the article with the ID, as a
// new revision. A change made on a stale revision (p.Base not the
// article's Revision) is refused with a *StaleError (ErrConflict) and kept
// as a rejected revision (the fields p sets applied to the current ones,
// unvalidated, Base p.Base), whose number the error gives, with the
// current revision. Moving the article to another category needs both in scope.
// An empty patch changes nothing and returns the article.
func (n *Newsroom) PatchArticle(ctx context.Context, actor Actor, id uuid.UUID, p ArticlePatch) (*Article, error) {
	for tries := 0; ; tries++ {
		a, err := n.patch(ctx, actor, id, p)
		var se *StaleError
		// Without a base, a concurrent save is no conflict: apply the
		// patch again on top of it.
		if p.Base == 0 && errors.As(err, &se) && tries < maxPatchTries {
			continue
		}
		return a, err
	}
}

// maxPatchTries bounds how often PatchArticle applies a patch without a
// base again after concurrent saves.
const maxPatchTries = 10

// patch is one attempt of PatchArticle. Without p.Base, a concurrent
// save makes it fail with a *StaleError and keeps nothing.
func (n *Newsroom) patch(ctx context.Context, actor Actor, id uuid.UUID, p ArticlePatch) (*Article, error) {
	cur, tree, err := n.load(ctx, actor, ActionEdit, id)
	if err != nil {
		return nil, err
	}
	if p.CategoryID != nil && *p.CategoryID != cur.CategoryID && tree.Category(*p.CategoryID) != nil &&
		!scopeIncludes(actor.Role, actor.Categories, tree, *p.CategoryID) {
		return nil, forbidden("the new category is outside your scope")
	}
	if p.Empty() {
		return cur, nil
	}
	note := p.Note
	if note == "" && p.Autosave {
		note = "autosave"
	}
	in := patchInput(cur, &p)
	if p.Base != 0 && p.Base != cur.Revision {
		return nil, n.reject(ctx, actor, cur, n.svc.draft(cur, in), p.Base, note)
	}
	base := cur.Revision
	var last *Article
	put := n.saver(false, base, func(a *Article) (*Revision, *AuditEntry) {
		return n.revisionOf(actor, ActionEdit, a, base, note),
			n.entry(actor, ActionEdit, ObjectArticle, a.ID.String(), joinDetail(note, p.fields()))
	}, &last)
	a, err := n.svc.update(ctx, cur, in, put)
	var se *StaleError
	switch {
	case errors.As(err, &se) && p.Base == 0:
		return nil, err
	case errors.As(err, &se) && last != nil:
		return nil, n.reject(ctx, actor, cur, last, base, note)
	case err != nil:
		return nil, err
	}
	return a.Clone(), nil
}

// joinDetail joins the non-empty parts of an audit detail with "; ".
func joinDetail(parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), "; ")
}

// reject keeps a, a change of cur made on the stale revision base, as a
// rejected revision, audits the conflict, and returns the *StaleError.
func (n *Newsroom) reject(ctx context.Context, actor Actor, cur, a *Article, base int, note string) error {
	r := n.revisionOf(actor, ActionConflict, a, base, note)
	r.Rejected, r.Status, r.At = true, cur.Status, n.clock()
	e := n.entry(actor, ActionConflict, ObjectArticle, cur.ID.String(), fmt.Sprintf("made on revision %d", base))
	e.Outcome = OutcomeFailure
	stale := &StaleError{Base: base}
	if err := n.store.AddRevision(ctx, r, e); err != nil {
		return errors.Join(n.stale(ctx, stale, cur, 0), fmt.Errorf("news: keeping the rejected change: %w", err))
	}
	return n.stale(ctx, stale, cur, r.Number)
}

// TransitionInput is a workflow step asked for.
type TransitionInput struct {
	// Action is the step: ActionSubmit, ActionReturn,
	// ActionSendForApproval, ActionApprove, ActionPublish,
	// ActionSchedule, ActionUnpublish or ActionArchive.
	Action Action
	// Base, when not 0, is the revision the step was decided on: a stale
	// one is refused with a *StaleError (nothing is kept: there is no
	// change to keep).
	Base int
	// Comment is required for ActionReturn (why it goes back); optional
	// otherwise. It becomes the revision's note and the audit detail.
	Comment string
	// PublishAt is the time of ActionSchedule (required) and optionally of
	// ActionApprove (zero: now). A past time back-dates the article.
	PublishAt time.Time
}

// check returns the rules t breaks: a return needs a comment, a schedule
// a time, and a time must be in years 1 to 9999.
func (t TransitionInput) check() FieldErrors {
	var es FieldErrors
	if t.Action == ActionReturn && t.Comment == "" {
		es.add("comment", "required to return an article")
	}
	es.checkLen("comment", t.Comment, MaxSummaryLen)
	switch {
	case t.Action == ActionSchedule:
		if rule := publishAtRule(t.PublishAt); rule != "" {
			es.add("publish_at", "%s", rule)
		}
	case !t.PublishAt.IsZero() && t.Action != ActionApprove:
		es.add("publish_at", "only for schedule and approve")
	case !t.PublishAt.IsZero() && !timeInRange(t.PublishAt):
		es.add("publish_at", "%s", timeRangeRule)
	}
	return es
}

// apply makes the step's change to a at now and reports whether anything
// changed.
func (t TransitionInput) apply(a *Article, now time.Time) bool {
	switch t.Action {
	case ActionPublish:
		return publish(a, now)
	case ActionApprove, ActionSchedule:
		if t.PublishAt.IsZero() {
			return publish(a, now)
		}
		at := storedTime(t.PublishAt)
		changed := a.Status != StatusPublished || !a.PublishAt.Equal(at)
		a.Status, a.PublishAt = StatusPublished, at
		return changed
	}
	to, _ := t.Action.Target(a.Status)
	changed := a.Status != to
	a.Status = to
	return changed
}

// Transition moves the article with the ID through the workflow, as a new
// revision with the comment as its note. Wrong state or role: a
// *TransitionError naming the rule.
func (n *Newsroom) Transition(ctx context.Context, actor Actor, id uuid.UUID, t TransitionInput) (*Article, error) {
	step := TransitionInput{Action: t.Action, Base: t.Base, Comment: strings.TrimSpace(Normalize(t.Comment)), PublishAt: t.PublishAt}
	if _, ok := step.Action.Target(""); !ok {
		return nil, invalid("transition", FieldErrors{{Field: "action", Rule: fmt.Sprintf("not a transition: %q", t.Action)}})
	}
	if es := step.check(); len(es) > 0 {
		return nil, invalid(string(step.Action), es)
	}
	cur, _, err := n.load(ctx, actor, step.Action, id)
	if err != nil {
		return nil, err
	}
	if step.Base != 0 && step.Base != cur.Revision {
		return nil, n.stale(ctx, &StaleError{Base: step.Base}, cur, 0)
	}
	now := n.clock()
	a := cur.Clone()
	if !step.apply(a, now) {
		return cur, nil
	}
	firstPublication(a, !wasPublic(cur)) // a step changes no content: UpdatedAt stays
	detail := step.Comment
	if a.PublishAt != cur.PublishAt {
		detail = joinDetail(detail, "publish_at "+a.PublishAt.Format(time.RFC3339))
	}
	r := n.revisionOf(actor, step.Action, a, cur.Revision, step.Comment)
	e := n.entry(actor, step.Action, ObjectArticle, a.ID.String(), detail)
	if err := n.store.SaveArticle(ctx, &ArticleSave{Article: a, Base: cur.Revision, Revision: r, Audit: e}); err != nil {
		return nil, n.stale(ctx, fmt.Errorf("news: %s %q: %w", step.Action, a.Slug, err), cur, 0)
	}
	return a.Clone(), nil
}

// DeleteArticle deletes the article with the ID and its revisions, keeping
// an audit entry. base, when not 0, must be the current revision.
func (n *Newsroom) DeleteArticle(ctx context.Context, actor Actor, id uuid.UUID, base int) error {
	a, _, err := n.load(ctx, actor, ActionDelete, id)
	if err != nil {
		return err
	}
	if err := n.store.RemoveArticle(ctx, id, base, n.entry(actor, ActionDelete, ObjectArticle, id.String(), a.Title)); err != nil {
		return n.stale(ctx, fmt.Errorf("news: delete article %q: %w", a.Slug, err), a, 0)
	}
	return nil
}

// Revisions lists the revisions of the article with the ID, oldest first,
// without snapshots, when the actor may see the article.
func (n *Newsroom) Revisions(ctx context.Context, actor Actor, id uuid.UUID) ([]*Revision, error) {
	if _, _, err := n.load(ctx, actor, ActionView, id); err != nil {
		return nil, err
	}
	revs, err := n.store.Revisions(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("news: revisions of %s: %w", id, err)
	}
	return revs, nil
}

// Revision returns revision number rev of the article with the ID, with
// its snapshot.
func (n *Newsroom) Revision(ctx context.Context, actor Actor, id uuid.UUID, rev int) (*Revision, error) {
	if _, _, err := n.load(ctx, actor, ActionView, id); err != nil {
		return nil, err
	}
	r, err := n.store.Revision(ctx, id, rev)
	if err != nil {
		return nil, fmt.Errorf("news: revision %d of %s: %w", rev, id, err)
	}
	return r, nil
}

// Diff compares revisions from and to of the article with the ID (see
// RevisionDiff); either may be the older.
func (n *Newsroom) Diff(ctx context.Context, actor Actor, id uuid.UUID, from, to int) (*RevisionDiff, error) {
	a, err := n.Revision(ctx, actor, id, from)
	if err != nil {
		return nil, err
	}
	b, err := n.store.Revision(ctx, id, to)
	if err != nil {
		return nil, fmt.Errorf("news: revision %d of %s: %w", to, id, err)
	}
	return Diff(a, b), nil
}

// RestoreRevision makes the fields of revision rev the article's current
// ones, as a new revision (ActionRestore, RestoredFrom rev); the status is
// unchanged. It needs the edit permission; base as in ArticlePatch.Base.
func (n *Newsroom) RestoreRevision(ctx context.Context, actor Actor, id uuid.UUID, rev, base int) (*Article, error) {
	cur, tree, err := n.load(ctx, actor, ActionRestore, id)
	if err != nil {
		return nil, err
	}
	r, err := n.store.Revision(ctx, id, rev)
	if err != nil {
		return nil, fmt.Errorf("news: revision %d of %s: %w", rev, id, err)
	}
	if base == 0 {
		base = cur.Revision
	}
	if base != cur.Revision {
		return nil, n.stale(ctx, &StaleError{Base: base}, cur, 0)
	}
	snap := r.Snapshot
	if snap.CategoryID != cur.CategoryID && tree.Category(snap.CategoryID) != nil &&
		!scopeIncludes(actor.Role, actor.Categories, tree, snap.CategoryID) {
		return nil, forbidden("the revision's category is outside your scope")
	}
	in := ArticleInput{Title: snap.Title, Summary: snap.Summary, BodyHTML: snap.Body, Cover: snap.Cover,
		Attachments: snap.Attachments, Author: snap.Author, CategoryID: snap.CategoryID, Tags: snap.Tags,
		Lang: snap.Lang, Featured: snap.Featured, OldURLs: cur.OldURLs} // old URLs are not content: they stay
	note := fmt.Sprintf("restored from revision %d", rev)
	put := n.saver(false, base, func(a *Article) (*Revision, *AuditEntry) {
		nr := n.revisionOf(actor, ActionRestore, a, base, note)
		nr.RestoredFrom = rev
		return nr, n.entry(actor, ActionRestore, ObjectArticle, a.ID.String(), note)
	}, nil)
	a, err := n.svc.update(ctx, cur, in, put)
	if err != nil {
		return nil, n.stale(ctx, err, cur, 0)
	}
	return a.Clone(), nil
}

// Audit lists audit entries selected by f, newest first. Admins only.
func (n *Newsroom) Audit(ctx context.Context, actor Actor, f AuditFilter) (*AuditPage, error) {
	if err := n.admin(actor); err != nil {
		return nil, err
	}
	page, err := n.store.Audit(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("news: audit: %w", err)
	}
	return page, nil
}

// ExportAudit writes every audit entry f selects (all pages; f.Limit and
// f.Cursor are ignored) to w as JSON lines (see WriteAuditJSONL), newest
// first. Admins only.
func (n *Newsroom) ExportAudit(ctx context.Context, actor Actor, w io.Writer, f AuditFilter) error {
	if err := n.admin(actor); err != nil {
		return err
	}
	f.Limit, f.Cursor = MaxLimit, ""
	for {
		page, err := n.store.Audit(ctx, f)
		if err != nil {
			return fmt.Errorf("news: audit: %w", err)
		}
		if err := WriteAuditJSONL(w, page.Entries); err != nil {
			return err
		}
		if page.Next == "" {
			return nil
		}
		f.Cursor = page.Next
	}
}
