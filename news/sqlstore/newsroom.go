package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

var _ news.NewsroomStore = (*Store)(nil)

// queryList runs a query written with ? placeholders and reads every row
// with scan; an empty result is an empty list. Errors name op.
func queryList[T any](ctx context.Context, s *Store, op, query string, scan func(scanner) (T, error), args ...any) (_ []T, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("sqlstore: %s: %w", op, err)
		}
	}()
	rows, err := s.db.QueryContext(ctx, s.dialect.rebind(query), args...)
	if err != nil {
		return nil, err
	}
	defer closeRows(rows, &err)
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// required returns the error for a nil argument.
func required(field string) error {
	return fmt.Errorf("sqlstore: %w", &news.FieldError{Field: field, Rule: "required"})
}

// snapshotJSON is the stored form of a revision's snapshot. Like the
// article columns, it is the storage format, independent of any JSON form
// the news package may give its types; nil and empty lists are kept apart.
type snapshotJSON struct {
	Title       string           `json:"title"`
	Summary     string           `json:"summary"`
	Body        string           `json:"body"`
	Cover       *imageJSON       `json:"cover,omitempty"`
	Attachments []attachmentJSON `json:"attachments"`
	Tags        []string         `json:"tags"`
	CategoryID  uuid.UUID        `json:"category_id"`
	Author      string           `json:"author"`
	Lang        string           `json:"lang"`
	Featured    bool             `json:"featured"`
	PublishAt   int64            `json:"publish_at"` // Unix microseconds, as the columns
}

// snapshotText encodes a snapshot for the revisions table; "null" for nil.
func snapshotText(s *news.ArticleSnapshot) (string, error) {
	if s == nil {
		return "null", nil
	}
	return jsonText(snapshotJSON{Title: s.Title, Summary: s.Summary, Body: s.Body, Cover: toImageJSON(s.Cover),
		Attachments: toAttachmentsJSON(s.Attachments), Tags: s.Tags, CategoryID: s.CategoryID, Author: s.Author,
		Lang: s.Lang, Featured: s.Featured, PublishAt: micros(s.PublishAt)})
}

// parseSnapshot decodes what snapshotText encoded.
func parseSnapshot(text string) (*news.ArticleSnapshot, error) {
	var j *snapshotJSON
	if err := json.Unmarshal([]byte(text), &j); err != nil {
		return nil, fmt.Errorf("snapshot: %w", err)
	}
	if j == nil {
		return nil, nil
	}
	return &news.ArticleSnapshot{Title: j.Title, Summary: j.Summary, Body: j.Body, Cover: j.Cover.image(),
		Attachments: fromAttachmentsJSON(j.Attachments), Tags: j.Tags, CategoryID: j.CategoryID, Author: j.Author,
		Lang: j.Lang, Featured: j.Featured, PublishAt: fromMicros(j.PublishAt)}, nil
}

// currentRevision returns the Revision of the stored article with the ID,
// or an error wrapping news.ErrNotFound.
func (t *txn) currentRevision(id uuid.UUID) (int, error) {
	var n int
	if err := t.queryRow("SELECT revision FROM articles WHERE id = ?", id).Scan(&n); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("article %s: %w", id, news.ErrNotFound)
		}
		return 0, err
	}
	return n, nil
}

// checkBase returns a *news.StaleError when the stored article with the ID
// is not at revision base, and an error wrapping news.ErrNotFound when
// there is no such article.
func (t *txn) checkBase(id uuid.UUID, base int) error {
	cur, err := t.currentRevision(id)
	if err != nil {
		return err
	}
	if cur != base {
		return fmt.Errorf("article %s: %w", id, &news.StaleError{Base: base})
	}
	return nil
}

// nextRevision returns the number of the article's next revision: one
// above its highest, rejected ones included; 1 for the first.
func (t *txn) nextRevision(articleID uuid.UUID) (int, error) {
	var n int
	err := t.queryRow("SELECT coalesce(max(number), 0) + 1 FROM revisions WHERE article_id = ?", articleID).Scan(&n)
	return n, err
}

// insertRevision inserts r as revision n, with the encoded snapshot.
func (t *txn) insertRevision(r *news.Revision, n int, snapshot string) error {
	_, err := t.exec(`INSERT INTO revisions (article_id, number, actor_id, actor_name, at, action, status, note,
	base, restored_from, rejected, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ArticleID, n, r.ActorID, r.ActorName, micros(r.At), string(r.Action), string(r.Status), r.Note,
		r.Base, r.RestoredFrom, r.Rejected, snapshot)
	return err
}

// appendAudit appends e, when not nil, numbered one above the highest
// entry (writers are serialised, so numbers follow commit order with no
// gap), and returns its number; 0 for nil.
func (t *txn) appendAudit(e *news.AuditEntry) (int64, error) {
	if e == nil {
		return 0, nil
	}
	var seq int64
	if err := t.queryRow("SELECT coalesce(max(seq), 0) + 1 FROM audit_log").Scan(&seq); err != nil {
		return 0, err
	}
	_, err := t.exec(`INSERT INTO audit_log (seq, at, actor_id, actor_name, address, action, object_type, object_id,
	detail, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		seq, micros(e.At), e.ActorID, e.ActorName, e.Address, string(e.Action), e.ObjectType, e.ObjectID,
		e.Detail, string(e.Outcome))
	return seq, err
}

// writeAudited runs fn in a write transaction and then appends e in the
// same one; on success it sets e.Seq.
func (s *Store) writeAudited(ctx context.Context, op string, e *news.AuditEntry, fn func(t *txn) error) error {
	var seq int64
	err := s.write(ctx, op, false, func(t *txn) error {
		if err := fn(t); err != nil {
			return err
		}
		var err error
		seq, err = t.appendAudit(e)
		return err
	})
	if err == nil && e != nil {
		e.Seq = seq
	}
	return err
}

// SaveCategory writes c (created when isNew, else replacing the category
// with its ID) and appends e in one transaction: a taken ID, slug or
// alias, or any failure of the database, leaves both as they were.
func (s *Store) SaveCategory(ctx context.Context, c *news.Category, isNew bool, e *news.AuditEntry) error {
	if c == nil {
		return required("category")
	}
	m := replace
	if isNew {
		m = create
	}
	return s.writeAudited(ctx, "save category "+c.ID.String(), e, func(t *txn) error {
		return t.putCategory(c, m)
	})
}

// SaveArticle writes w.Article, adds w.Revision and appends w.Audit in one
// transaction (see news.NewsroomStore.SaveArticle): a stale base, a taken
// ID or slug, or any failure of the database leaves everything as it was.
func (s *Store) SaveArticle(ctx context.Context, w *news.ArticleSave) error {
	switch {
	case w == nil || w.Article == nil:
		return required("article")
	case w.Revision == nil:
		return required("revision")
	case w.Revision.ArticleID != w.Article.ID:
		return fmt.Errorf("sqlstore: %w", &news.FieldError{Field: "revision.article_id", Rule: "not the article's ID"})
	}
	a := w.Article.Clone()
	r, err := newRow(a)
	if err != nil {
		return fmt.Errorf("sqlstore: article %s: %w", a.ID, err)
	}
	snap, err := snapshotText(w.Revision.Snapshot)
	if err != nil {
		return fmt.Errorf("sqlstore: article %s: revision: %w", a.ID, err)
	}
	var n int
	err = s.writeAudited(ctx, "save article "+a.ID.String(), w.Audit, func(t *txn) error {
		m := create
		if !w.Create {
			m = replace
			if err := t.checkBase(a.ID, w.Base); err != nil {
				return err
			}
		}
		var err error
		if n, err = t.nextRevision(a.ID); err != nil {
			return err
		}
		a.Revision = n
		if err := t.putArticle(r, m); err != nil {
			return err
		}
		return t.insertRevision(w.Revision, n, snap)
	})
	if err != nil {
		return err
	}
	w.Article.Revision, w.Revision.Number = n, n
	return nil
}

// AddRevision keeps r as a revision of its article without changing the
// article, and appends e, in one transaction.
func (s *Store) AddRevision(ctx context.Context, r *news.Revision, e *news.AuditEntry) error {
	if r == nil {
		return required("revision")
	}
	snap, err := snapshotText(r.Snapshot)
	if err != nil {
		return fmt.Errorf("sqlstore: article %s: revision: %w", r.ArticleID, err)
	}
	var n int
	err = s.writeAudited(ctx, "add revision of article "+r.ArticleID.String(), e, func(t *txn) error {
		if _, err := t.currentRevision(r.ArticleID); err != nil {
			return err
		}
		var err error
		if n, err = t.nextRevision(r.ArticleID); err != nil {
			return err
		}
		return t.insertRevision(r, n, snap)
	})
	if err != nil {
		return err
	}
	r.Number = n
	return nil
}

// RemoveArticle deletes the article with the ID and its revisions, and
// appends e, in one transaction; when base is not 0 and not the article's
// revision it deletes nothing and returns a *news.StaleError.
func (s *Store) RemoveArticle(ctx context.Context, id uuid.UUID, base int, e *news.AuditEntry) error {
	return s.writeAudited(ctx, "remove article "+id.String(), e, func(t *txn) error {
		if base != 0 {
			if err := t.checkBase(id, base); err != nil {
				return err
			}
		}
		return t.deleteArticle(id)
	})
}

// revisionCols are the columns scanRevision reads, in its order; the
// snapshot may follow.
const revisionCols = "article_id, number, actor_id, actor_name, at, action, status, note, base, restored_from, rejected"

// scanRevision reads the revisionCols of a row, then extra.
func scanRevision(sc scanner, extra ...any) (*news.Revision, error) {
	var (
		r              news.Revision
		at             int64
		action, status string
	)
	dest := append([]any{&r.ArticleID, &r.Number, &r.ActorID, &r.ActorName, &at, &action, &status, &r.Note,
		&r.Base, &r.RestoredFrom, &r.Rejected}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	r.At, r.Action, r.Status = fromMicros(at), news.Action(action), news.Status(status)
	return &r, nil
}

// Revisions lists the article's revisions, oldest first, without their
// snapshots.
func (s *Store) Revisions(ctx context.Context, articleID uuid.UUID) ([]*news.Revision, error) {
	return queryList(ctx, s, "revisions of article "+articleID.String(), "SELECT "+revisionCols+
		" FROM revisions WHERE article_id = ? ORDER BY number", func(sc scanner) (*news.Revision, error) { return scanRevision(sc) }, articleID)
}

// Revision returns revision n of the article, with its snapshot.
func (s *Store) Revision(ctx context.Context, articleID uuid.UUID, n int) (*news.Revision, error) {
	op := fmt.Sprintf("revision %d of article %s", n, articleID)
	var snap string
	r, err := scanRevision(s.db.QueryRowContext(ctx, s.dialect.rebind("SELECT "+revisionCols+
		", snapshot FROM revisions WHERE article_id = ? AND number = ?"), articleID, n), &snap)
	if err != nil {
		return nil, s.wrapErr(op, err)
	}
	if r.Snapshot, err = parseSnapshot(snap); err != nil {
		return nil, s.wrapErr(op, err)
	}
	return r, nil
}

// accountCols are the columns scanAccount reads, in its order.
const accountCols = "id, username, display_name, email, role, categories, disabled, password_hash, totp_secret, created_at, updated_at"

func scanAccount(sc scanner) (*news.Account, error) {
	var (
		a                    news.Account
		role, cats           string
		createdAt, updatedAt int64
	)
	if err := sc.Scan(&a.ID, &a.Username, &a.DisplayName, &a.Email, &role, &cats, &a.Disabled, &a.PasswordHash,
		&a.TOTPSecret, &createdAt, &updatedAt); err != nil {
		return nil, err
	}
	a.Role, a.CreatedAt, a.UpdatedAt = news.Role(role), fromMicros(createdAt), fromMicros(updatedAt)
	if err := json.Unmarshal([]byte(cats), &a.Categories); err != nil {
		return nil, fmt.Errorf("account %s: categories: %w", a.ID, err)
	}
	return &a, nil
}

// CreateAccount stores a and appends e, in one transaction. It fails with
// an error wrapping news.ErrConflict when the ID or the username is taken.
func (s *Store) CreateAccount(ctx context.Context, a *news.Account, e *news.AuditEntry) error {
	if a == nil {
		return required("account")
	}
	cats, err := jsonText(a.Categories)
	if err != nil {
		return fmt.Errorf("sqlstore: account %s: %w", a.ID, err)
	}
	return s.writeAudited(ctx, "create account "+a.ID.String(), e, func(t *txn) error {
		_, err := t.exec("INSERT INTO accounts ("+accountCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			a.ID, a.Username, a.DisplayName, a.Email, string(a.Role), cats, a.Disabled, a.PasswordHash,
			a.TOTPSecret, micros(a.CreatedAt), micros(a.UpdatedAt))
		return err
	})
}

// UpdateAccount replaces the account with a.ID, deletes its sessions when
// endSessions, and appends e, in one transaction.
func (s *Store) UpdateAccount(ctx context.Context, a *news.Account, endSessions bool, e *news.AuditEntry) error {
	if a == nil {
		return required("account")
	}
	cats, err := jsonText(a.Categories)
	if err != nil {
		return fmt.Errorf("sqlstore: account %s: %w", a.ID, err)
	}
	return s.writeAudited(ctx, "update account "+a.ID.String(), e, func(t *txn) error {
		res, err := t.exec(`UPDATE accounts SET username = ?, display_name = ?, email = ?, role = ?, categories = ?,
	disabled = ?, password_hash = ?, totp_secret = ?, created_at = ?, updated_at = ? WHERE id = ?`,
			a.Username, a.DisplayName, a.Email, string(a.Role), cats, a.Disabled, a.PasswordHash, a.TOTPSecret,
			micros(a.CreatedAt), micros(a.UpdatedAt), a.ID)
		if err := affected(res, err, "account "+a.ID.String()); err != nil {
			return err
		}
		if endSessions {
			_, err = t.exec("DELETE FROM sessions WHERE account_id = ?", a.ID)
		}
		return err
	})
}

// affected returns err, or an error wrapping news.ErrNotFound naming what
// when the statement changed no row.
func affected(res sql.Result, err error, what string) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s: %w", what, news.ErrNotFound)
	}
	return nil
}

// Account returns the account with the ID.
func (s *Store) Account(ctx context.Context, id uuid.UUID) (*news.Account, error) {
	a, err := scanAccount(s.db.QueryRowContext(ctx, s.dialect.rebind("SELECT "+accountCols+" FROM accounts WHERE id = ?"), id))
	if err != nil {
		return nil, s.wrapErr("account "+id.String(), err)
	}
	return a, nil
}

// AccountByUsername returns the account whose username is username,
// compared exactly.
func (s *Store) AccountByUsername(ctx context.Context, username string) (*news.Account, error) {
	a, err := scanAccount(s.db.QueryRowContext(ctx, s.dialect.rebind("SELECT "+accountCols+" FROM accounts WHERE username = ?"), username))
	if err != nil {
		return nil, s.wrapErr(fmt.Sprintf("account %q", username), err)
	}
	return a, nil
}

// Accounts returns every account, ordered by username compared byte-wise,
// whatever the database's collation.
func (s *Store) Accounts(ctx context.Context) ([]*news.Account, error) {
	out, err := queryList(ctx, s, "accounts", "SELECT "+accountCols+" FROM accounts", scanAccount)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(x, y *news.Account) int { return strings.Compare(x.Username, y.Username) })
	return out, nil
}

// accountExists returns an error wrapping news.ErrNotFound unless the
// account with the ID exists.
func (t *txn) accountExists(id uuid.UUID) error {
	var one int
	if err := t.queryRow("SELECT 1 FROM accounts WHERE id = ?", id).Scan(&one); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("account %s: %w", id, news.ErrNotFound)
		}
		return err
	}
	return nil
}

// hashBytes returns a token hash as stored.
func hashBytes(h news.TokenHash) []byte { return h[:] }

// A hashScanner scans a stored token hash.
type hashScanner struct{ h *news.TokenHash }

// Scan copies a 32-byte value.
func (s hashScanner) Scan(src any) error {
	b, ok := src.([]byte)
	if !ok || len(b) != len(s.h) {
		return fmt.Errorf("token hash: want %d bytes, got %T", len(s.h), src)
	}
	copy(s.h[:], b)
	return nil
}

const sessionCols = "hash, account_id, created_at, last_seen, idle_expires_at, expires_at, address"

func scanSession(sc scanner) (*news.Session, error) {
	var (
		ses                          news.Session
		created, seen, idle, expires int64
	)
	if err := sc.Scan(hashScanner{&ses.Hash}, &ses.AccountID, &created, &seen, &idle, &expires, &ses.Address); err != nil {
		return nil, err
	}
	ses.CreatedAt, ses.LastSeen = fromMicros(created), fromMicros(seen)
	ses.IdleExpiresAt, ses.ExpiresAt = fromMicros(idle), fromMicros(expires)
	return &ses, nil
}

// CreateSession stores ses and appends e, in one transaction. It fails
// with an error wrapping news.ErrConflict when the hash is taken and
// news.ErrNotFound when the account does not exist.
func (s *Store) CreateSession(ctx context.Context, ses *news.Session, e *news.AuditEntry) error {
	if ses == nil {
		return required("session")
	}
	return s.writeAudited(ctx, "create session", e, func(t *txn) error {
		if err := t.accountExists(ses.AccountID); err != nil {
			return err
		}
		_, err := t.exec("INSERT INTO sessions ("+sessionCols+") VALUES (?, ?, ?, ?, ?, ?, ?)",
			hashBytes(ses.Hash), ses.AccountID, micros(ses.CreatedAt), micros(ses.LastSeen),
			micros(ses.IdleExpiresAt), micros(ses.ExpiresAt), ses.Address)
		return err
	})
}

// Session returns the session with the hash, expired or not. It reads the
// database on every call, so a session ended by any instance is refused
// by every other at once.
func (s *Store) Session(ctx context.Context, h news.TokenHash) (*news.Session, error) {
	ses, err := scanSession(s.db.QueryRowContext(ctx, s.dialect.rebind("SELECT "+sessionCols+" FROM sessions WHERE hash = ?"), hashBytes(h)))
	if err != nil {
		return nil, s.wrapErr("session", err)
	}
	return ses, nil
}

// TouchSession sets LastSeen and IdleExpiresAt of the session with the
// hash.
func (s *Store) TouchSession(ctx context.Context, h news.TokenHash, lastSeen, idleExpiresAt time.Time) error {
	return s.write(ctx, "touch session", false, func(t *txn) error {
		res, err := t.exec("UPDATE sessions SET last_seen = ?, idle_expires_at = ? WHERE hash = ?",
			micros(lastSeen), micros(idleExpiresAt), hashBytes(h))
		return affected(res, err, "session")
	})
}

// DeleteSession deletes the session with the hash and appends e, in one
// transaction.
func (s *Store) DeleteSession(ctx context.Context, h news.TokenHash, e *news.AuditEntry) error {
	return s.writeAudited(ctx, "delete session", e, func(t *txn) error {
		res, err := t.exec("DELETE FROM sessions WHERE hash = ?", hashBytes(h))
		return affected(res, err, "session")
	})
}

// Sessions returns the sessions of the account, newest CreatedAt first
// (then by hash), expired ones included.
func (s *Store) Sessions(ctx context.Context, accountID uuid.UUID) ([]*news.Session, error) {
	return queryList(ctx, s, "sessions", "SELECT "+sessionCols+
		" FROM sessions WHERE account_id = ? ORDER BY created_at DESC, hash", scanSession, accountID)
}

// DeleteExpiredSessions deletes every session whose IdleExpiresAt or
// ExpiresAt is at or before now, and returns how many it deleted.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	var n int64
	err := s.write(ctx, "delete expired sessions", false, func(t *txn) error {
		at := micros(now)
		res, err := t.exec("DELETE FROM sessions WHERE idle_expires_at <= ? OR expires_at <= ?", at, at)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

const tokenCols = "id, hash, name, account_id, role, created_at, expires_at, last_used_at"

func scanToken(sc scanner) (*news.APIToken, error) {
	var (
		tok                    news.APIToken
		role                   string
		created, expires, used int64
	)
	if err := sc.Scan(&tok.ID, hashScanner{&tok.Hash}, &tok.Name, &tok.AccountID, &role, &created, &expires, &used); err != nil {
		return nil, err
	}
	tok.Role = news.Role(role)
	tok.CreatedAt, tok.ExpiresAt, tok.LastUsedAt = fromMicros(created), fromMicros(expires), fromMicros(used)
	return &tok, nil
}

// CreateToken stores the API token and appends e, in one transaction. It
// fails with an error wrapping news.ErrConflict when the ID or the hash is
// taken and news.ErrNotFound when the account does not exist.
func (s *Store) CreateToken(ctx context.Context, tok *news.APIToken, e *news.AuditEntry) error {
	if tok == nil {
		return required("token")
	}
	return s.writeAudited(ctx, "create token "+tok.ID.String(), e, func(t *txn) error {
		if err := t.accountExists(tok.AccountID); err != nil {
			return err
		}
		_, err := t.exec("INSERT INTO api_tokens ("+tokenCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			tok.ID, hashBytes(tok.Hash), tok.Name, tok.AccountID, string(tok.Role), micros(tok.CreatedAt),
			micros(tok.ExpiresAt), micros(tok.LastUsedAt))
		return err
	})
}

// Token returns the API token with the ID.
func (s *Store) Token(ctx context.Context, id uuid.UUID) (*news.APIToken, error) {
	tok, err := scanToken(s.db.QueryRowContext(ctx, s.dialect.rebind("SELECT "+tokenCols+" FROM api_tokens WHERE id = ?"), id))
	if err != nil {
		return nil, s.wrapErr("token "+id.String(), err)
	}
	return tok, nil
}

// TokenByHash returns the API token with the hash, expired or not. Like
// Session, it reads the database on every call: a revoked token is
// refused everywhere at once.
func (s *Store) TokenByHash(ctx context.Context, h news.TokenHash) (*news.APIToken, error) {
	tok, err := scanToken(s.db.QueryRowContext(ctx, s.dialect.rebind("SELECT "+tokenCols+" FROM api_tokens WHERE hash = ?"), hashBytes(h)))
	if err != nil {
		return nil, s.wrapErr("token", err)
	}
	return tok, nil
}

// Tokens returns the API tokens of the account (every token for
// uuid.Nil), newest CreatedAt first, then by ID.
func (s *Store) Tokens(ctx context.Context, accountID uuid.UUID) ([]*news.APIToken, error) {
	if accountID == uuid.Nil {
		return queryList(ctx, s, "tokens", "SELECT "+tokenCols+" FROM api_tokens ORDER BY created_at DESC, id", scanToken)
	}
	return queryList(ctx, s, "tokens", "SELECT "+tokenCols+
		" FROM api_tokens WHERE account_id = ? ORDER BY created_at DESC, id", scanToken, accountID)
}

// TouchToken sets LastUsedAt of the token with the ID.
func (s *Store) TouchToken(ctx context.Context, id uuid.UUID, lastUsed time.Time) error {
	return s.write(ctx, "touch token "+id.String(), false, func(t *txn) error {
		res, err := t.exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", micros(lastUsed), id)
		return affected(res, err, "token "+id.String())
	})
}

// DeleteToken deletes the token with the ID and appends e, in one
// transaction.
func (s *Store) DeleteToken(ctx context.Context, id uuid.UUID, e *news.AuditEntry) error {
	return s.writeAudited(ctx, "delete token "+id.String(), e, func(t *txn) error {
		res, err := t.exec("DELETE FROM api_tokens WHERE id = ?", id)
		return affected(res, err, "token "+id.String())
	})
}

// AppendAudit appends e to the audit log and sets its Seq.
func (s *Store) AppendAudit(ctx context.Context, e *news.AuditEntry) error {
	if e == nil {
		return required("audit entry")
	}
	return s.writeAudited(ctx, "append audit entry", e, func(*txn) error { return nil })
}

const auditCols = "seq, at, actor_id, actor_name, address, action, object_type, object_id, detail, outcome"

// Audit lists the entries f selects, highest Seq first, a page at a time.
// Indexes serve the admin's filters and sign-in throttling's counts (see
// the package documentation).
func (s *Store) Audit(ctx context.Context, f news.AuditFilter) (_ *news.AuditPage, err error) {
	limit, before, err := f.AuditBounds()
	if err != nil {
		return nil, fmt.Errorf("sqlstore: audit: %w", err)
	}
	b := &builder{d: s.dialect}
	b.add("SELECT " + auditCols + " FROM audit_log WHERE 1 = 1")
	if before > 0 {
		b.add(" AND seq < ?", before)
	}
	if f.ActorID != uuid.Nil {
		b.add(" AND actor_id = ?", f.ActorID)
	}
	for _, c := range []struct{ col, v string }{
		{"action", string(f.Action)}, {"object_type", f.ObjectType}, {"object_id", f.ObjectID},
		{"address", f.Address}, {"outcome", string(f.Outcome)},
	} {
		if c.v != "" {
			b.add(" AND "+c.col+" = ?", c.v)
		}
	}
	if !f.From.IsZero() {
		b.add(" AND at >= ?", micros(f.From))
	}
	if !f.To.IsZero() {
		b.add(" AND at < ?", micros(f.To))
	}
	b.add(" ORDER BY seq DESC LIMIT ?", limit+1)
	rows, err := s.db.QueryContext(ctx, s.dialect.rebind(b.sql.String()), b.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: audit: %w", err)
	}
	defer closeRows(rows, &err)
	page := &news.AuditPage{}
	for rows.Next() {
		var (
			e               news.AuditEntry
			at              int64
			action, outcome string
		)
		if err := rows.Scan(&e.Seq, &at, &e.ActorID, &e.ActorName, &e.Address, &action, &e.ObjectType, &e.ObjectID,
			&e.Detail, &outcome); err != nil {
			return nil, fmt.Errorf("sqlstore: audit: %w", err)
		}
		if len(page.Entries) == limit {
			page.Next = news.AuditCursor(page.Entries[limit-1].Seq)
			break
		}
		e.At, e.Action, e.Outcome = fromMicros(at), news.Action(action), news.Outcome(outcome)
		page.Entries = append(page.Entries, &e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: audit: %w", err)
	}
	return page, nil
}
