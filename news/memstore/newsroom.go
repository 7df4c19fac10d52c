package memstore

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

var _ news.NewsroomStore = (*Store)(nil)

// newsroom is the newsroom part of a Store, guarded by the Store's mutex.
type newsroom struct {
	revisions   map[uuid.UUID][]*news.Revision   // by article ID; revision n at n-1
	accounts    map[uuid.UUID]*news.Account      // by ID
	usernames   map[string]uuid.UUID             // Username → account ID
	sessions    map[news.TokenHash]*news.Session // by hash
	tokens      map[uuid.UUID]*news.APIToken     // by ID
	tokenHashes map[news.TokenHash]uuid.UUID     // token hash → ID
	audit       []*news.AuditEntry               // entry with Seq n at n-1
	byObject    map[objectKey][]int64            // ObjectType and ObjectID → Seqs, ascending
	byAddress   map[string][]int64               // Address → Seqs, ascending
}

// An objectKey names an audit entry's object.
type objectKey struct{ typ, id string }

func newNewsroom() newsroom {
	return newsroom{
		revisions:   make(map[uuid.UUID][]*news.Revision),
		accounts:    make(map[uuid.UUID]*news.Account),
		usernames:   make(map[string]uuid.UUID),
		sessions:    make(map[news.TokenHash]*news.Session),
		tokens:      make(map[uuid.UUID]*news.APIToken),
		tokenHashes: make(map[news.TokenHash]uuid.UUID),
		byObject:    make(map[objectKey][]int64),
		byAddress:   make(map[string][]int64),
	}
}

// required returns the error for a nil argument.
func required(field string) error {
	return fmt.Errorf("memstore: %w", &news.FieldError{Field: field, Rule: "required"})
}

// read returns a copy (by clone) of m[k], read under s.mu, or an error
// wrapping news.ErrNotFound that names what. m is a map of the Store's,
// made once and only changed under s.mu.
func read[K comparable, V any](ctx context.Context, s *Store, m map[K]*V, k K, what string, clone func(*V) *V) (*V, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	v := m[k]
	if v == nil {
		return nil, fmt.Errorf("memstore: %s: %w", what, news.ErrNotFound)
	}
	return clone(v), nil
}

// PublicVersion returns the public version: 0 for a new Store, one more
// after every write that changes a category, imports, or creates,
// replaces or deletes an article that is published before or after it.
func (s *Store) PublicVersion(ctx context.Context) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.public, nil
}

// appendAudit appends a copy of e, when not nil, and sets e.Seq. s.mu
// must be held for writing.
func (s *Store) appendAudit(e *news.AuditEntry) {
	if e == nil {
		return
	}
	e.Seq = int64(len(s.audit)) + 1
	s.audit = append(s.audit, e.Clone())
	k := objectKey{e.ObjectType, e.ObjectID}
	s.byObject[k] = append(s.byObject[k], e.Seq)
	s.byAddress[e.Address] = append(s.byAddress[e.Address], e.Seq)
}

// nextRevision returns the number of the next revision of the article.
// s.mu must be held.
func (s *Store) nextRevision(id uuid.UUID) int { return len(s.revisions[id]) + 1 }

// stale returns the StaleError of a change made on base when the stored
// article e is at another revision, or nil.
func stale(e *entry, base int) error {
	if e.a.Revision == base {
		return nil
	}
	return fmt.Errorf("memstore: article %s: %w", e.a.ID, &news.StaleError{Base: base})
}

// SaveArticle writes w.Article, adds w.Revision and appends w.Audit at
// once (see news.NewsroomStore.SaveArticle).
func (s *Store) SaveArticle(ctx context.Context, w *news.ArticleSave) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	switch {
	case w == nil || w.Article == nil:
		return required("article")
	case w.Revision == nil:
		return required("revision")
	case w.Revision.ArticleID != w.Article.ID:
		return fmt.Errorf("memstore: %w", &news.FieldError{Field: "revision.article_id", Rule: "not the article's ID"})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := create
	if !w.Create {
		m = replace
		if cur := s.articles[w.Article.ID]; cur != nil {
			if err := stale(cur, w.Base); err != nil {
				return err
			}
		}
	}
	n := s.nextRevision(w.Article.ID)
	if w.Create {
		n = 1
	}
	a := w.Article.Clone()
	a.Revision = n
	e := newEntry(a)
	prev, err := s.putArticle(e, m)
	if err != nil {
		return err
	}
	s.wrote(prev, e)
	w.Article.Revision = n
	w.Revision.Number = n
	r := w.Revision.Clone()
	if w.Create {
		s.revisions[a.ID] = nil
	}
	s.revisions[a.ID] = append(s.revisions[a.ID], r)
	s.appendAudit(w.Audit)
	return nil
}

// AddRevision keeps r as a revision of its article without changing the
// article, and appends e.
func (s *Store) AddRevision(ctx context.Context, r *news.Revision, e *news.AuditEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if r == nil {
		return required("revision")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.articles[r.ArticleID] == nil {
		return fmt.Errorf("memstore: article %s: %w", r.ArticleID, news.ErrNotFound)
	}
	r.Number = s.nextRevision(r.ArticleID)
	s.revisions[r.ArticleID] = append(s.revisions[r.ArticleID], r.Clone())
	s.appendAudit(e)
	return nil
}

// SaveCategory stores a copy of c (as CreateCategory when isNew, else as
// UpdateCategory) and appends e, at once.
func (s *Store) SaveCategory(ctx context.Context, c *news.Category, isNew bool, e *news.AuditEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if c == nil {
		return required("category")
	}
	c = c.Clone()
	m := replace
	if isNew {
		m = create
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.putCategory(c, m); err != nil {
		return err
	}
	s.version++
	s.public++
	s.appendAudit(e)
	return nil
}

// RemoveArticle deletes the article with the ID and its revisions, and
// appends e, unless base is not 0 and not the article's revision.
func (s *Store) RemoveArticle(ctx context.Context, id uuid.UUID, base int, e *news.AuditEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur := s.articles[id]; cur != nil && base != 0 {
		if err := stale(cur, base); err != nil {
			return err
		}
	}
	if err := s.deleteArticle(id); err != nil {
		return err
	}
	s.appendAudit(e)
	return nil
}

// Revisions lists the article's revisions, oldest first, without
// snapshots.
func (s *Store) Revisions(ctx context.Context, articleID uuid.UUID) ([]*news.Revision, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	revs := s.revisions[articleID]
	out := make([]*news.Revision, len(revs))
	for i, r := range revs {
		cp := *r
		cp.Snapshot = nil
		out[i] = &cp
	}
	return out, nil
}

// Revision returns revision n of the article, with its snapshot.
func (s *Store) Revision(ctx context.Context, articleID uuid.UUID, n int) (*news.Revision, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	revs := s.revisions[articleID]
	if n < 1 || n > len(revs) {
		return nil, fmt.Errorf("memstore: revision %d of article %s: %w", n, articleID, news.ErrNotFound)
	}
	return revs[n-1].Clone(), nil
}

// CreateAccount stores a copy of a and appends e.
func (s *Store) CreateAccount(ctx context.Context, a *news.Account, e *news.AuditEntry) error {
	return s.putAccount(ctx, a, create, false, e)
}

// UpdateAccount replaces the account with a.ID by a copy of a, deletes
// its sessions when endSessions, and appends e.
func (s *Store) UpdateAccount(ctx context.Context, a *news.Account, endSessions bool, e *news.AuditEntry) error {
	return s.putAccount(ctx, a, replace, endSessions, e)
}

func (s *Store) putAccount(ctx context.Context, a *news.Account, m mode, endSessions bool, e *news.AuditEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if a == nil {
		return required("account")
	}
	a = a.Clone()
	s.mu.Lock()
	defer s.mu.Unlock()
	prev := s.accounts[a.ID]
	switch {
	case prev != nil && m == create:
		return fmt.Errorf("memstore: account %s exists: %w", a.ID, news.ErrConflict)
	case prev == nil && m == replace:
		return fmt.Errorf("memstore: account %s: %w", a.ID, news.ErrNotFound)
	}
	if other, ok := s.usernames[a.Username]; ok && other != a.ID {
		return fmt.Errorf("memstore: username %q is taken: %w", a.Username, news.ErrConflict)
	}
	if prev != nil {
		delete(s.usernames, prev.Username)
	}
	s.accounts[a.ID] = a
	s.usernames[a.Username] = a.ID
	if endSessions {
		for h, ses := range s.sessions {
			if ses.AccountID == a.ID {
				delete(s.sessions, h)
			}
		}
	}
	s.appendAudit(e)
	return nil
}

// Account returns a copy of the account with the ID.
func (s *Store) Account(ctx context.Context, id uuid.UUID) (*news.Account, error) {
	return read(ctx, s, s.accounts, id, "account "+id.String(), (*news.Account).Clone)
}

// AccountByUsername returns a copy of the account with the username.
func (s *Store) AccountByUsername(ctx context.Context, username string) (*news.Account, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.usernames[username]
	if !ok {
		return nil, fmt.Errorf("memstore: account %q: %w", username, news.ErrNotFound)
	}
	return s.accounts[id].Clone(), nil
}

// Accounts returns copies of every account, ordered by username.
func (s *Store) Accounts(ctx context.Context) ([]*news.Account, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	out := make([]*news.Account, 0, len(s.accounts))
	for _, a := range s.accounts {
		out = append(out, a.Clone())
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(x, y *news.Account) int { return strings.Compare(x.Username, y.Username) })
	return out, nil
}

// CreateSession stores a copy of ses and appends e.
func (s *Store) CreateSession(ctx context.Context, ses *news.Session, e *news.AuditEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if ses == nil {
		return required("session")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.sessions[ses.Hash] != nil:
		return fmt.Errorf("memstore: session %s exists: %w", ses.Hash, news.ErrConflict)
	case s.accounts[ses.AccountID] == nil:
		return fmt.Errorf("memstore: account %s: %w", ses.AccountID, news.ErrNotFound)
	}
	s.sessions[ses.Hash] = ses.Clone()
	s.appendAudit(e)
	return nil
}

// Session returns a copy of the session with the hash.
func (s *Store) Session(ctx context.Context, h news.TokenHash) (*news.Session, error) {
	return read(ctx, s, s.sessions, h, "session", (*news.Session).Clone)
}

// TouchSession sets the session's LastSeen and IdleExpiresAt.
func (s *Store) TouchSession(ctx context.Context, h news.TokenHash, lastSeen, idleExpiresAt time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ses := s.sessions[h]
	if ses == nil {
		return fmt.Errorf("memstore: session: %w", news.ErrNotFound)
	}
	ses.LastSeen, ses.IdleExpiresAt = lastSeen, idleExpiresAt
	return nil
}

// DeleteSession deletes the session with the hash and appends e.
func (s *Store) DeleteSession(ctx context.Context, h news.TokenHash, e *news.AuditEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.sessions[h] == nil {
		return fmt.Errorf("memstore: session: %w", news.ErrNotFound)
	}
	delete(s.sessions, h)
	s.appendAudit(e)
	return nil
}

// Sessions returns copies of the account's sessions, newest first.
func (s *Store) Sessions(ctx context.Context, accountID uuid.UUID) ([]*news.Session, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	var out []*news.Session
	for _, ses := range s.sessions {
		if ses.AccountID == accountID {
			out = append(out, ses.Clone())
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(x, y *news.Session) int {
		return cmp.Or(y.CreatedAt.Compare(x.CreatedAt), bytes.Compare(x.Hash[:], y.Hash[:]))
	})
	return out, nil
}

// DeleteExpiredSessions deletes the sessions expired at now.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for h, ses := range s.sessions {
		if ses.Expired(now) {
			delete(s.sessions, h)
			n++
		}
	}
	return n, nil
}

// CreateToken stores a copy of t and appends e.
func (s *Store) CreateToken(ctx context.Context, t *news.APIToken, e *news.AuditEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if t == nil {
		return required("token")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	_, hashTaken := s.tokenHashes[t.Hash]
	switch {
	case s.tokens[t.ID] != nil || hashTaken:
		return fmt.Errorf("memstore: token %s exists: %w", t.ID, news.ErrConflict)
	case s.accounts[t.AccountID] == nil:
		return fmt.Errorf("memstore: account %s: %w", t.AccountID, news.ErrNotFound)
	}
	s.tokens[t.ID] = t.Clone()
	s.tokenHashes[t.Hash] = t.ID
	s.appendAudit(e)
	return nil
}

// Token returns a copy of the token with the ID.
func (s *Store) Token(ctx context.Context, id uuid.UUID) (*news.APIToken, error) {
	return read(ctx, s, s.tokens, id, "token "+id.String(), (*news.APIToken).Clone)
}

// TokenByHash returns a copy of the token with the hash.
func (s *Store) TokenByHash(ctx context.Context, h news.TokenHash) (*news.APIToken, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.tokenHashes[h]
	if !ok {
		return nil, fmt.Errorf("memstore: token: %w", news.ErrNotFound)
	}
	return s.tokens[id].Clone(), nil
}

// Tokens returns copies of the account's tokens (every token for
// uuid.Nil), newest first, then by ID.
func (s *Store) Tokens(ctx context.Context, accountID uuid.UUID) ([]*news.APIToken, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	var out []*news.APIToken
	for _, t := range s.tokens {
		if accountID == uuid.Nil || t.AccountID == accountID {
			out = append(out, t.Clone())
		}
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(x, y *news.APIToken) int {
		return cmp.Or(y.CreatedAt.Compare(x.CreatedAt), bytes.Compare(x.ID[:], y.ID[:]))
	})
	return out, nil
}

// TouchToken sets the token's LastUsedAt.
func (s *Store) TouchToken(ctx context.Context, id uuid.UUID, lastUsed time.Time) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tokens[id]
	if t == nil {
		return fmt.Errorf("memstore: token %s: %w", id, news.ErrNotFound)
	}
	t.LastUsedAt = lastUsed
	return nil
}

// DeleteToken deletes the token with the ID and appends e.
func (s *Store) DeleteToken(ctx context.Context, id uuid.UUID, e *news.AuditEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tokens[id]
	if t == nil {
		return fmt.Errorf("memstore: token %s: %w", id, news.ErrNotFound)
	}
	delete(s.tokens, id)
	delete(s.tokenHashes, t.Hash)
	s.appendAudit(e)
	return nil
}

// AppendAudit appends a copy of e and sets e.Seq.
func (s *Store) AppendAudit(ctx context.Context, e *news.AuditEntry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if e == nil {
		return required("audit entry")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.appendAudit(e)
	return nil
}

// Audit lists the entries f selects, highest Seq first. With f.ObjectID or
// f.Address it reads only the entries of that object or address.
func (s *Store) Audit(ctx context.Context, f news.AuditFilter) (*news.AuditPage, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	limit, before, err := f.AuditBounds()
	if err != nil {
		return nil, fmt.Errorf("memstore: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if before == 0 || before > int64(len(s.audit))+1 {
		before = int64(len(s.audit)) + 1
	}
	page := &news.AuditPage{}
	// add adds the entry with the sequence number seq when f selects it,
	// and reports whether the page has room for more.
	add := func(seq int64) bool {
		e := s.audit[seq-1]
		if !f.Match(e) {
			return true
		}
		if len(page.Entries) == limit {
			page.Next = news.AuditCursor(page.Entries[limit-1].Seq)
			return false
		}
		page.Entries = append(page.Entries, e.Clone())
		return true
	}
	var seqs []int64 // the candidates, ascending
	switch {
	case f.ObjectType != "" && f.ObjectID != "":
		seqs = s.byObject[objectKey{f.ObjectType, f.ObjectID}]
	case f.Address != "":
		seqs = s.byAddress[f.Address]
	default:
		for seq := before - 1; seq >= 1; seq-- {
			if !add(seq) {
				break
			}
		}
		return page, nil
	}
	i, _ := slices.BinarySearch(seqs, before)
	for i--; i >= 0; i-- {
		if !add(seqs[i]) {
			break
		}
	}
	return page, nil
}
