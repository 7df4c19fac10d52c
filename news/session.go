package news

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
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
