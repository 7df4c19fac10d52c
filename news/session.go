package news

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// A TokenHash is the SHA-256 of a session or API token. Stores keep only
// the hash: a copy of the database does not let anyone sign in.
type TokenHash [sha256.Size]byte

// HashToken returns the hash of token.
func HashToken(token string) TokenHash { return sha256.Sum256([]byte(token)) }

// String returns the hash in lower-case hex.
func (h TokenHash) String() string { return hex.EncodeToString(h[:]) }

// Prefixes of the tokens the Newsroom makes, so that a leaked token is
// recognised by secret scanners and never mistaken for the other kind.
const (
	SessionTokenPrefix = "ons_" // session tokens (cookies)
	APITokenPrefix     = "ont_" // API tokens (Authorization: Bearer)
)

// newToken returns prefix and 32 random bytes from random in unpadded
// URL-safe base64: 256 bits, never guessed.
func newToken(prefix string, random io.Reader) (string, error) {
	var b [32]byte
	if _, err := io.ReadFull(random, b[:]); err != nil {
		return "", fmt.Errorf("news: token: %w", err)
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// randomReader returns r, or crypto/rand's reader when r is nil.
func randomReader(r io.Reader) io.Reader {
	if r == nil {
		return rand.Reader
	}
	return r
}

// A Session is a signed-in browser. Its token is in the cookie; the store
// has only its hash, so every instance reading the store agrees on who is
// signed in, and ending a session ends it everywhere at once.
type Session struct {
	Hash      TokenHash // SHA-256 of the token; the token itself is never stored
	AccountID uuid.UUID
	CreatedAt time.Time // the sign-in
	LastSeen  time.Time // the last request, to within NewsroomOptions.TouchInterval
	// IdleExpiresAt is LastSeen plus the idle timeout: the session ends
	// then unless used before.
	IdleExpiresAt time.Time
	// ExpiresAt is CreatedAt plus the absolute lifetime: the session ends
	// then however much it is used.
	ExpiresAt time.Time
	Address   string // the client address at sign-in
}

// Expired reports whether s has ended at now, by idleness or age.
func (s *Session) Expired(now time.Time) bool {
	return !now.Before(s.IdleExpiresAt) || !now.Before(s.ExpiresAt)
}

// Clone returns a copy of s.
func (s *Session) Clone() *Session {
	if s == nil {
		return nil
	}
	cp := *s
	return &cp
}

// An APIToken lets a program act for an account, with
// "Authorization: Bearer <token>". The token is shown once, when created;
// the store keeps its hash.
type APIToken struct {
	ID        uuid.UUID // names the token in lists and for revocation
	Hash      TokenHash // SHA-256 of the token
	Name      string    // what it is for, such as "Đồng bộ cổng thông tin tỉnh"
	AccountID uuid.UUID // the account it acts for (its creator)
	// Role is the role the token acts with: at most its account's role at
	// creation, and at most the account's current role when used.
	Role       Role
	CreatedAt  time.Time
	ExpiresAt  time.Time // the token is refused from this instant
	LastUsedAt time.Time // zero when never used; moved at most once per TouchInterval
}

// Expired reports whether t is refused at now.
func (t *APIToken) Expired(now time.Time) bool { return !now.Before(t.ExpiresAt) }

// Clone returns a copy of t.
func (t *APIToken) Clone() *APIToken {
	if t == nil {
		return nil
	}
	cp := *t
	return &cp
}

// TokenInput is what an account writes to create an API token.
type TokenInput struct {
	Name string // required, at most MaxTokenNameLen characters
	// Role is the token's role; "" means the creator's. It may not be
	// above the creator's role.
	Role Role
	// ExpiresAt is when the token stops working: in the future and at most
	// NewsroomOptions.MaxTokenLifetime ahead. Zero means
	// NewsroomOptions.TokenLifetime from now.
	ExpiresAt time.Time
}

// A NewToken is an API token just created: Token is its secret, shown
// this once and never again.
type NewToken struct {
	Token string
	*APIToken
}

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
	now := n.clock()
	username := UsernameKey(in.Username)
	fail := func(actorID uuid.UUID, outcome Outcome, detail string) *AuditEntry {
		return &AuditEntry{At: now, ActorID: actorID, ActorName: username, Address: in.Address, Action: ActionSignIn,
			ObjectType: ObjectUsername, ObjectID: username, Detail: detail, Outcome: outcome}
	}
	if err := n.throttled(ctx, username, in.Address, now); err != nil {
		if aerr := n.audit(ctx, fail(uuid.Nil, OutcomeThrottled, "")); aerr != nil {
			return nil, aerr
		}
		return nil, err
	}
	acc, err := n.store.AccountByUsername(ctx, username)
	switch {
	case errors.Is(err, ErrNotFound):
		acc = nil
	case err != nil:
		return nil, fmt.Errorf("news: sign in: %w", err)
	}
	hash := n.dummy()
	if acc != nil {
		hash = acc.PasswordHash
	}
	ok, err := VerifyPassword(hash, in.Password)
	if err != nil || !ok || acc == nil || acc.Disabled {
		var id uuid.UUID
		if acc != nil {
			id = acc.ID
		}
		if err := n.audit(ctx, fail(id, OutcomeFailure, "wrong username or password")); err != nil {
			return nil, err
		}
		return nil, errSignIn
	}
	if acc.HasTOTP() && !ValidateTOTP(acc.TOTPSecret, strings.TrimSpace(in.Code), now) {
		detail := "wrong second factor code"
		if in.Code == "" {
			detail = "no second factor code"
		}
		if err := n.audit(ctx, fail(acc.ID, OutcomeFailure, detail)); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("news: sign in: %w", ErrTOTPRequired)
	}
	token, err := newToken(SessionTokenPrefix, n.opts.Random)
	if err != nil {
		return nil, err
	}
	ses := &Session{Hash: HashToken(token), AccountID: acc.ID, CreatedAt: now, LastSeen: now,
		IdleExpiresAt: now.Add(n.opts.SessionIdle), ExpiresAt: now.Add(n.opts.SessionLifetime), Address: in.Address}
	if ses.IdleExpiresAt.After(ses.ExpiresAt) {
		ses.IdleExpiresAt = ses.ExpiresAt
	}
	actor := n.actorOf(acc, in.Address)
	e := n.entry(actor, ActionSignIn, ObjectUsername, username, "")
	if err := n.store.CreateSession(ctx, ses, e); err != nil {
		return nil, fmt.Errorf("news: sign in: %w", err)
	}
	if _, err := n.store.DeleteExpiredSessions(ctx, now); err != nil {
		return nil, fmt.Errorf("news: sign in: %w", err)
	}
	return &SignedIn{Token: token, Session: ses, Actor: actor}, nil
}

// Authenticate returns the actor of the session whose token is token.
// It fails with ErrUnauthenticated when there is no such session, when it
// has expired (idle or absolute; it is then deleted), or when the account
// is disabled or gone. It moves the session's LastSeen and idle expiry
// when they are more than TouchInterval old. address becomes
// Actor.Address.
func (n *Newsroom) Authenticate(ctx context.Context, token, address string) (Actor, error) {
	if !strings.HasPrefix(token, SessionTokenPrefix) {
		return Actor{}, errNoSession
	}
	h := HashToken(token)
	ses, err := n.store.Session(ctx, h)
	switch {
	case errors.Is(err, ErrNotFound):
		return Actor{}, errNoSession
	case err != nil:
		return Actor{}, fmt.Errorf("news: session: %w", err)
	}
	now := n.clock()
	acc, err := n.store.Account(ctx, ses.AccountID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return Actor{}, fmt.Errorf("news: session: %w", err)
	}
	if ses.Expired(now) || acc == nil || acc.Disabled {
		if err := n.store.DeleteSession(ctx, h, nil); err != nil && !errors.Is(err, ErrNotFound) {
			return Actor{}, fmt.Errorf("news: session: %w", err)
		}
		return Actor{}, errNoSession
	}
	if now.Sub(ses.LastSeen) >= n.opts.TouchInterval {
		idle := now.Add(n.opts.SessionIdle)
		if idle.After(ses.ExpiresAt) {
			idle = ses.ExpiresAt
		}
		if err := n.store.TouchSession(ctx, h, now, idle); err != nil && !errors.Is(err, ErrNotFound) {
			return Actor{}, fmt.Errorf("news: session: %w", err)
		}
	}
	return n.actorOf(acc, address), nil
}

// AuthenticateToken returns the actor of the API token token (as sent in
// "Authorization: Bearer"). The actor's role is the token's, lowered to
// the account's current role if that is now lower. It fails with
// ErrUnauthenticated when the token is unknown, revoked, expired, or its
// account disabled or gone. It moves LastUsedAt at most once per
// TouchInterval.
func (n *Newsroom) AuthenticateToken(ctx context.Context, token, address string) (Actor, error) {
	if !strings.HasPrefix(token, APITokenPrefix) {
		return Actor{}, errNoToken
	}
	t, err := n.store.TokenByHash(ctx, HashToken(token))
	switch {
	case errors.Is(err, ErrNotFound):
		return Actor{}, errNoToken
	case err != nil:
		return Actor{}, fmt.Errorf("news: token: %w", err)
	}
	now := n.clock()
	if t.Expired(now) {
		return Actor{}, errNoToken
	}
	acc, err := n.store.Account(ctx, t.AccountID)
	switch {
	case errors.Is(err, ErrNotFound):
		return Actor{}, errNoToken
	case err != nil:
		return Actor{}, fmt.Errorf("news: token: %w", err)
	case acc.Disabled:
		return Actor{}, errNoToken
	}
	if now.Sub(t.LastUsedAt) >= n.opts.TouchInterval {
		if err := n.store.TouchToken(ctx, t.ID, now); err != nil && !errors.Is(err, ErrNotFound) {
			return Actor{}, fmt.Errorf("news: token: %w", err)
		}
	}
	actor := n.actorOf(acc, address)
	actor.TokenID, actor.NeedsTOTP = t.ID, false
	if acc.Role.AtLeast(t.Role) {
		actor.Role = t.Role
	}
	return actor, nil
}

// SignOut ends the session whose token is token, and audits it. An
// unknown or already ended session is not an error.
func (n *Newsroom) SignOut(ctx context.Context, token, address string) error {
	if !strings.HasPrefix(token, SessionTokenPrefix) {
		return nil
	}
	h := HashToken(token)
	ses, err := n.store.Session(ctx, h)
	switch {
	case errors.Is(err, ErrNotFound):
		return nil
	case err != nil:
		return fmt.Errorf("news: sign out: %w", err)
	}
	actor := Actor{AccountID: ses.AccountID, Address: address}
	if acc, err := n.store.Account(ctx, ses.AccountID); err == nil {
		actor.Name = acc.DisplayName
	}
	err = n.store.DeleteSession(ctx, h, n.entry(actor, ActionSignOut, ObjectSession, h.String(), ""))
	if err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("news: sign out: %w", err)
	}
	return nil
}

// CreateToken creates an API token for the actor's account. Its role may
// not be above the actor's (ErrForbidden); tokens cannot create tokens
// (ErrForbidden). The result's Token is shown once and never again.
func (n *Newsroom) CreateToken(ctx context.Context, actor Actor, in TokenInput) (*NewToken, error) {
	if err := n.check(actor); err != nil {
		return nil, err
	}
	if actor.TokenID != uuid.Nil {
		return nil, forbidden("an API token cannot create tokens")
	}
	now := n.clock()
	t := &APIToken{ID: n.opts.NewID(), Name: NormalizeLine(in.Name), AccountID: actor.AccountID, Role: in.Role,
		CreatedAt: now, ExpiresAt: storedTime(in.ExpiresAt)}
	if t.Role == "" {
		t.Role = actor.Role
	}
	if in.ExpiresAt.IsZero() {
		t.ExpiresAt = now.Add(n.opts.TokenLifetime)
	}
	var es FieldErrors
	if t.Name == "" {
		es.add("name", "required")
	}
	es.checkLen("name", t.Name, MaxTokenNameLen)
	if !t.Role.Valid() {
		es.add("role", "not one of contributor, editor, approver, admin")
	}
	switch {
	case !t.ExpiresAt.After(now):
		es.add("expires_at", "not in the future")
	case t.ExpiresAt.After(now.Add(n.opts.MaxTokenLifetime)):
		es.add("expires_at", "more than %s ahead", n.opts.MaxTokenLifetime)
	}
	if len(es) > 0 {
		return nil, invalid("create token", es)
	}
	if !actor.Role.AtLeast(t.Role) {
		return nil, forbidden("a token's role may not be above its creator's")
	}
	secret, err := newToken(APITokenPrefix, n.opts.Random)
	if err != nil {
		return nil, err
	}
	t.Hash = HashToken(secret)
	e := n.entry(actor, ActionTokenCreate, ObjectToken, t.ID.String(), t.Name+" as "+string(t.Role))
	if err := n.store.CreateToken(ctx, t, e); err != nil {
		return nil, fmt.Errorf("news: create token %q: %w", t.Name, err)
	}
	out := t.Clone()
	out.Hash = TokenHash{}
	return &NewToken{Token: secret, APIToken: out}, nil
}

// Tokens lists the API tokens of the actor's account; an admin sees every
// token. Hashes are left out.
func (n *Newsroom) Tokens(ctx context.Context, actor Actor) ([]*APIToken, error) {
	if err := n.check(actor); err != nil {
		return nil, err
	}
	owner := actor.AccountID
	if actor.Role == RoleAdmin {
		owner = uuid.Nil
	}
	list, err := n.store.Tokens(ctx, owner)
	if err != nil {
		return nil, fmt.Errorf("news: tokens: %w", err)
	}
	for _, t := range list {
		t.Hash = TokenHash{}
	}
	return list, nil
}

// RevokeToken deletes the API token with the ID: one's own, or any for an
// admin (ErrNotFound for another's).
func (n *Newsroom) RevokeToken(ctx context.Context, actor Actor, id uuid.UUID) error {
	if err := n.check(actor); err != nil {
		return err
	}
	t, err := n.store.Token(ctx, id)
	if err == nil && t.AccountID != actor.AccountID && actor.Role != RoleAdmin {
		err = ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("news: token %s: %w", id, err)
	}
	if err := n.store.DeleteToken(ctx, id, n.entry(actor, ActionTokenRevoke, ObjectToken, id.String(), t.Name)); err != nil {
		return fmt.Errorf("news: revoke token %q: %w", t.Name, err)
	}
	return nil
}

// The errors of a failed sign-in and of an unknown session or token: one
// each, whatever the cause, so that the caller learns nothing more.
var (
	errSignIn    = fmt.Errorf("news: sign in: wrong username or password: %w", ErrUnauthenticated)
	errNoSession = fmt.Errorf("news: no valid session: %w", ErrUnauthenticated)
	errNoToken   = fmt.Errorf("news: no valid API token: %w", ErrUnauthenticated)
)

// dummy returns a hash, with the newsroom's parameters, that unknown
// usernames are checked against, so that they cost the same work as known
// ones.
func (n *Newsroom) dummy() string {
	n.dummyOnce.Do(func() {
		var salt [16]byte
		n.dummyHash = (&PasswordHash{Params: n.opts.Password.Argon2, Salt: salt[:],
			Key: make([]byte, n.opts.Password.Argon2.KeyLen)}).String()
	})
	return n.dummyHash
}

// throttled returns a *ThrottledError when the username or the address
// has had MaxFailures failed sign-ins within FailureWindow before now.
func (n *Newsroom) throttled(ctx context.Context, username, address string, now time.Time) error {
	// A failure counts while now is before its time plus the window.
	from := now.Add(-n.opts.FailureWindow + time.Microsecond)
	filters := []AuditFilter{{ObjectType: ObjectUsername, ObjectID: username}}
	if address != "" {
		filters = append(filters, AuditFilter{Address: address})
	}
	var until time.Time
	for _, f := range filters {
		f.Action, f.Outcome, f.From, f.Limit = ActionSignIn, OutcomeFailure, from, n.opts.MaxFailures
		page, err := n.store.Audit(ctx, f)
		if err != nil {
			return fmt.Errorf("news: sign in: %w", err)
		}
		if len(page.Entries) == n.opts.MaxFailures {
			// When the oldest of the last MaxFailures leaves the window,
			// fewer than MaxFailures remain.
			if u := page.Entries[n.opts.MaxFailures-1].At.Add(n.opts.FailureWindow); u.After(until) {
				until = u
			}
		}
	}
	if until.IsZero() {
		return nil
	}
	return fmt.Errorf("news: sign in: %w", &ThrottledError{Until: until})
}

// actorOf returns the actor of a signed-in account.
func (n *Newsroom) actorOf(a *Account, address string) Actor {
	return Actor{AccountID: a.ID, Username: a.Username, Name: a.DisplayName, Role: a.Role,
		Categories: slices.Clone(a.Categories), Address: address,
		NeedsTOTP: slices.Contains(n.opts.RequireTOTP, a.Role) && !a.HasTOTP()}
}
