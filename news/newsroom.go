package news

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/google/uuid"
)

// An Actor is who acts in the newsroom: a signed-in account, an API token
// acting for one, or an identity a host's own authentication made (single
// sign-on). Every Newsroom method that reads or writes newsroom data takes
// one and decides by its Role, its category scope and, for articles,
// whether it owns the article.
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
	opts  NewsroomOptions
}

// NewNewsroom returns the Newsroom over s. opts may be nil.
func NewNewsroom(s NewsroomStore, opts *NewsroomOptions) *Newsroom {
	var o NewsroomOptions
	if opts != nil {
		o = *opts
	}
	svc := NewService(s, &ServiceOptions{Now: o.Now, NewID: o.NewID, Sanitizer: o.Sanitizer})
	return &Newsroom{store: s, svc: svc, opts: o}
}

// errUnbuilt is returned while the newsroom is being written.
var errUnbuilt = errors.New("news: newsroom: not built yet")

// ApprovalRequired reports whether the approval step is on.
func (n *Newsroom) ApprovalRequired() bool { return !n.opts.SkipApproval }

// SignInInput is what a person types to sign in, and where from.
type SignInInput struct {
	Username string
	Password string
	Code     string // the TOTP code; needed when the account has a second factor
	Address  string // the client address, for throttling and the audit log
}

// A SignedIn is the result of a successful sign-in: a new session.
type SignedIn struct {
	// Token is the session's secret, for the cookie; the store keeps only
	// its hash. Every sign-in makes a new one (the session ID rotates).
	Token   string
	Session *Session
	Actor   Actor
}

// SignIn checks a username, password and, when the account has one, TOTP
// code, and opens a new session. Every attempt is audited. A wrong
// username and a wrong password fail alike, with the same error wrapping
// ErrUnauthenticated and the same work (an unknown username is checked
// against a dummy hash); a disabled account fails the same way. A right
// password without the needed code fails with ErrTOTPRequired. After
// MaxFailures failures within FailureWindow for the username or for the
// address, attempts fail with a *ThrottledError (ErrThrottled) without
// checking anything, until the window has passed.
func (n *Newsroom) SignIn(ctx context.Context, in SignInInput) (*SignedIn, error) {
	return nil, errUnbuilt
}

// Authenticate returns the actor of the session whose token is token.
// It fails with ErrUnauthenticated when there is no such session, when it
// has expired (idle or absolute; it is then deleted), or when the account
// is disabled or gone. It moves the session's LastSeen and idle expiry
// when they are more than TouchInterval old. address becomes
// Actor.Address.
func (n *Newsroom) Authenticate(ctx context.Context, token, address string) (Actor, error) {
	return Actor{}, errUnbuilt
}

// AuthenticateToken returns the actor of the API token token (as sent in
// "Authorization: Bearer"). The actor's role is the token's, lowered to
// the account's current role if that is now lower. It fails with
// ErrUnauthenticated when the token is unknown, revoked, expired, or its
// account disabled or gone. It moves LastUsedAt at most once per
// TouchInterval.
func (n *Newsroom) AuthenticateToken(ctx context.Context, token, address string) (Actor, error) {
	return Actor{}, errUnbuilt
}

// SignOut ends the session whose token is token, and audits it. An
// unknown or already ended session is not an error.
func (n *Newsroom) SignOut(ctx context.Context, token, address string) error {
	return errUnbuilt
}

// Bootstrap creates the first account, an admin made from in (its Role is
// ignored), when the store has no account; the demo calls it at start-up.
// It fails with ErrConflict when an account exists, and with ErrInvalid
// when in breaks a rule.
func (n *Newsroom) Bootstrap(ctx context.Context, in AccountInput) (*Account, error) {
	return nil, errUnbuilt
}

// Accounts returns every account (without hashes or secrets: see
// Account.Public), ordered by username. Admins only (ErrForbidden).
func (n *Newsroom) Accounts(ctx context.Context, actor Actor) ([]*Account, error) {
	return nil, errUnbuilt
}

// Account returns the account with the ID, without hash or secret. An
// admin sees every account, anyone else only their own (ErrNotFound for
// others).
func (n *Newsroom) Account(ctx context.Context, actor Actor, id uuid.UUID) (*Account, error) {
	return nil, errUnbuilt
}

// CreateAccount creates an account from in and returns it without hash.
// Admins only. Errors wrap ErrInvalid (username pattern and length,
// display name, email, role, unknown scope categories, password rules:
// see CheckPassword), ErrConflict (username taken) or ErrForbidden.
func (n *Newsroom) CreateAccount(ctx context.Context, actor Actor, in AccountInput) (*Account, error) {
	return nil, errUnbuilt
}

// UpdateAccount changes the fields p sets on the account with the ID. An
// admin changes any field of any account, but not their own role or
// disabled flag (so that a site keeps an admin); anyone else only their
// own DisplayName and Email (ErrForbidden). Disabling an account ends
// every session of it at once.
func (n *Newsroom) UpdateAccount(ctx context.Context, actor Actor, id uuid.UUID, p AccountPatch) (*Account, error) {
	return nil, errUnbuilt
}

// ChangePassword sets the password of the account with the ID to next,
// which must pass the password rules, and ends every session of the
// account. Changing one's own password needs the current one
// (ErrUnauthenticated when wrong); an admin sets another account's
// without it.
func (n *Newsroom) ChangePassword(ctx context.Context, actor Actor, id uuid.UUID, current, next string) error {
	return errUnbuilt
}

// BeginTOTP makes a new second-factor secret for the actor's own account.
// Nothing is stored until EnableTOTP confirms it.
func (n *Newsroom) BeginTOTP(ctx context.Context, actor Actor) (*TOTPEnrolment, error) {
	return nil, errUnbuilt
}

// EnableTOTP sets secret (from BeginTOTP) as the second factor of the
// actor's own account, once code proves the user's app has it (ErrInvalid
// otherwise).
func (n *Newsroom) EnableTOTP(ctx context.Context, actor Actor, secret, code string) error {
	return errUnbuilt
}

// DisableTOTP removes the second factor of the account with the ID: one's
// own, or any account's for an admin.
func (n *Newsroom) DisableTOTP(ctx context.Context, actor Actor, id uuid.UUID) error {
	return errUnbuilt
}

// CreateToken creates an API token for the actor's account. Its role may
// not be above the actor's (ErrForbidden); tokens cannot create tokens
// (ErrForbidden). The result's Token is shown once and never again.
func (n *Newsroom) CreateToken(ctx context.Context, actor Actor, in TokenInput) (*NewToken, error) {
	return nil, errUnbuilt
}

// Tokens lists the API tokens of the actor's account; an admin sees every
// token. Hashes are left out.
func (n *Newsroom) Tokens(ctx context.Context, actor Actor) ([]*APIToken, error) {
	return nil, errUnbuilt
}

// RevokeToken deletes the API token with the ID: one's own, or any for an
// admin (ErrNotFound for another's).
func (n *Newsroom) RevokeToken(ctx context.Context, actor Actor, id uuid.UUID) error {
	return errUnbuilt
}

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
	return nil, errUnbuilt
}

// CreateCategory creates a category (see Service.CreateCategory). Admins
// only.
func (n *Newsroom) CreateCategory(ctx context.Context, actor Actor, in CategoryInput) (*Category, error) {
	return nil, errUnbuilt
}

// UpdateCategory changes the fields p sets on the category with the ID
// (see Service.UpdateCategory). Admins only.
func (n *Newsroom) UpdateCategory(ctx context.Context, actor Actor, id uuid.UUID, p CategoryPatch) (*Category, error) {
	return nil, errUnbuilt
}

// Articles lists the articles the actor may see that match q, as
// Store.Articles lists them: a contributor's own articles, the articles
// of an editor's or approver's scope, every article for an admin. q is
// narrowed to that (OwnerID, Categories), never widened.
func (n *Newsroom) Articles(ctx context.Context, actor Actor, q Query) (*Page, error) {
	return nil, errUnbuilt
}

// Article returns the article with the ID, whatever its state, when the
// actor may see it (ErrNotFound otherwise, as for an unknown one).
func (n *Newsroom) Article(ctx context.Context, actor Actor, id uuid.UUID) (*Article, error) {
	return nil, errUnbuilt
}

// Actions returns the workflow actions the actor may do to a, in
// WorkflowActions order, for the buttons of a page.
func (n *Newsroom) Actions(ctx context.Context, actor Actor, a *Article) ([]Action, error) {
	return nil, errUnbuilt
}

// CreateArticle writes a new draft from in (see Service.CreateDraft), owned
// by the actor, as revision 1 with the note. The category must be in the
// actor's scope.
func (n *Newsroom) CreateArticle(ctx context.Context, actor Actor, in ArticleInput, note string) (*Article, error) {
	return nil, errUnbuilt
}

// PatchArticle changes the fields p sets on the article with the ID, as a
// new revision. A change made on a stale revision (p.Base not the
// article's Revision) is refused with a *StaleError (ErrConflict) and kept
// as a rejected revision, whose number the error gives, with the current
// revision. Moving the article to another category needs both in scope.
// An empty patch changes nothing and returns the article.
func (n *Newsroom) PatchArticle(ctx context.Context, actor Actor, id uuid.UUID, p ArticlePatch) (*Article, error) {
	return nil, errUnbuilt
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

// Transition moves the article with the ID through the workflow, as a new
// revision with the comment as its note. Wrong state or role: a
// *TransitionError naming the rule.
func (n *Newsroom) Transition(ctx context.Context, actor Actor, id uuid.UUID, t TransitionInput) (*Article, error) {
	return nil, errUnbuilt
}

// DeleteArticle deletes the article with the ID and its revisions, keeping
// an audit entry. base, when not 0, must be the current revision.
func (n *Newsroom) DeleteArticle(ctx context.Context, actor Actor, id uuid.UUID, base int) error {
	return errUnbuilt
}

// Revisions lists the revisions of the article with the ID, oldest first,
// without snapshots, when the actor may see the article.
func (n *Newsroom) Revisions(ctx context.Context, actor Actor, id uuid.UUID) ([]*Revision, error) {
	return nil, errUnbuilt
}

// Revision returns revision number rev of the article with the ID, with
// its snapshot.
func (n *Newsroom) Revision(ctx context.Context, actor Actor, id uuid.UUID, rev int) (*Revision, error) {
	return nil, errUnbuilt
}

// Diff compares revisions from and to of the article with the ID (see
// RevisionDiff); either may be the older.
func (n *Newsroom) Diff(ctx context.Context, actor Actor, id uuid.UUID, from, to int) (*RevisionDiff, error) {
	return nil, errUnbuilt
}

// RestoreRevision makes the fields of revision rev the article's current
// ones, as a new revision (ActionRestore, RestoredFrom rev); the status is
// unchanged. It needs the edit permission; base as in ArticlePatch.Base.
func (n *Newsroom) RestoreRevision(ctx context.Context, actor Actor, id uuid.UUID, rev, base int) (*Article, error) {
	return nil, errUnbuilt
}

// Audit lists audit entries selected by f, newest first. Admins only.
func (n *Newsroom) Audit(ctx context.Context, actor Actor, f AuditFilter) (*AuditPage, error) {
	return nil, errUnbuilt
}

// ExportAudit writes every audit entry f selects (all pages; f.Limit and
// f.Cursor are ignored) to w as JSON lines (see WriteAuditJSONL), newest
// first. Admins only.
func (n *Newsroom) ExportAudit(ctx context.Context, actor Actor, w io.Writer, f AuditFilter) error {
	return errUnbuilt
}
