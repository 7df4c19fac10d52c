package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

// Store is a news.Store kept in a SQL database. Create one with [Open] or
// [New]; the zero Store is not usable. A Store is safe for concurrent use,
// and several Stores, in one process or many, may share one database: every
// write is one transaction, and writers are serialised by the database (see
// the package documentation).
type Store struct {
	db      *sql.DB
	dialect Dialect
	owned   bool // Close closes db: Open made it
	poll    time.Duration
	log     *slog.Logger
	keep    int64 // Options.ChangeLog

	vmu   sync.Mutex // guards the fields below: the versions last read
	ver   versions
	verAt time.Time // when ver was read; zero when it must be read again
	gen   uint64    // moves after every write of this Store

	rarity rarityCache // the rarity of search words, for ranked searches
}

// versions are the change version and the public version, read together.
type versions struct{ change, public int64 }

var (
	_ news.Store           = (*Store)(nil)
	_ news.PublicVersioner = (*Store)(nil)
	_ news.ChangeLogger    = (*Store)(nil)
	_ news.PublishedLister = (*Store)(nil)

	_ news.RelatedSnapshotter = (*Store)(nil)
)

// Options configures a Store. A nil *Options means the defaults; the zero
// value of every field means its default.
type Options struct {
	// PollInterval is how long the change version read from the database
	// is reused by [Store.Version], and how often a [Store.Watch] reads
	// it: another process's write is seen within it, this Store's own at
	// once. Zero means 250 milliseconds, so news.Public caches renew within
	// a second of a write anywhere.
	PollInterval time.Duration
	// Logger receives the errors Watch meets while polling. Nil means
	// slog.Default().
	Logger *slog.Logger
	// MaxOpenConns is the size of the connection pool [Open] makes; [New]
	// leaves the caller's pool alone. Zero means max(4, GOMAXPROCS) for
	// SQLite (one connection for an in-memory database) and 10 for
	// PostgreSQL.
	MaxOpenConns int
	// ChangeLog is how many steps of the public version the change log
	// keeps (see [Store.ChangedSince]); a reader further behind reads
	// everything again. Older entries are pruned by the writes, every 16
	// steps. Zero means DefaultChangeLog. Instances over one database
	// should agree on it; the smallest wins.
	ChangeLog int
}

// DefaultChangeLog is the ChangeLog of a nil or zero Options.
const DefaultChangeLog = 1024

// DefaultPollInterval is the PollInterval of a nil or zero Options.
const DefaultPollInterval = 250 * time.Millisecond

// DefaultBusyTimeout is how long an SQLite connection made by [Open] waits
// for another writer's lock before it fails with SQLITE_BUSY.
const DefaultBusyTimeout = 10 * time.Second

// ErrNewerSchema means the database was migrated by a newer version of this
// package than the running one. The Store refuses it and changes nothing;
// run the newer program, or restore a backup made for this one.
var ErrNewerSchema = errors.New("sqlstore: database schema is newer than this program")

// New returns a Store over db, which must be a database of the given
// dialect opened with the driver the program chose. It applies the schema
// migrations the database lacks (see the package documentation) and fails
// with an error wrapping ErrNewerSchema when the database's schema is newer
// than this package, or with the database's error when it cannot be read
// or written. Close does not close db: the caller owns it.
//
// For SQLite, db should be opened as [Open] does (WAL, busy timeout,
// _txlock=immediate): without a busy timeout concurrent writers fail with
// SQLITE_BUSY.
func New(ctx context.Context, db *sql.DB, dialect Dialect, opts *Options) (*Store, error) {
	if !dialect.valid() {
		return nil, fmt.Errorf("sqlstore: unknown dialect %d", int(dialect))
	}
	if db == nil {
		return nil, errors.New("sqlstore: nil *sql.DB")
	}
	if opts == nil {
		opts = &Options{}
	}
	s := &Store{db: db, dialect: dialect, poll: opts.PollInterval, log: opts.Logger}
	if s.poll <= 0 {
		s.poll = DefaultPollInterval
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.keep = int64(opts.ChangeLog)
	if s.keep <= 0 {
		s.keep = DefaultChangeLog
	}
	if err := migrate(ctx, db, dialect); err != nil {
		return nil, err
	}
	if err := s.reindex(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// Open opens the database dsn with the driver registered as driverName,
// configures the connection pool and the database for this package, and
// returns a Store over it as [New] does. The program imports the driver:
//
//	import _ "modernc.org/sqlite"            // driverName "sqlite"
//	import _ "github.com/jackc/pgx/v5/stdlib" // driverName "pgx"
//
// The dialect follows from driverName: "sqlite" is SQLite; "pgx" and
// "postgres" are PostgreSQL (the package is tested with pgx; another
// PostgreSQL driver fits if its errors have a SQLState() string method).
// [DriverName] picks one from a DSN.
//
// For SQLite, dsn is a file name or a "file:" URI; Open adds the
// modernc.org/sqlite parameters the DSN does not set already:
// journal_mode WAL, synchronous FULL, foreign_keys on, a busy timeout of
// [DefaultBusyTimeout], and _txlock=immediate so that a write transaction
// takes the write lock when it begins. For PostgreSQL, dsn is a URL or a
// key=value string as pgx reads it.
//
// Open fails with an error that names the driver and, for SQLite, the
// file (never a PostgreSQL DSN, which may hold a password) when the driver
// is not registered, the DSN is malformed, the database cannot be reached
// or created, or its schema cannot be migrated (see New). Close the Store
// to close the database.
func Open(ctx context.Context, driverName, dsn string, opts *Options) (*Store, error) {
	dialect, err := dialectOf(driverName)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(dsn) == "" {
		return nil, fmt.Errorf("sqlstore: open %s: empty DSN", driverName)
	}
	if opts == nil {
		opts = &Options{}
	}
	conns := opts.MaxOpenConns
	if dialect == SQLite {
		var memory bool
		dsn, memory, err = sqliteDSN(dsn)
		if err != nil {
			return nil, err
		}
		if conns <= 0 {
			conns = max(4, runtime.GOMAXPROCS(0))
		}
		if memory {
			conns = 1 // every connection to ":memory:" is a database of its own
		}
	} else if conns <= 0 {
		conns = 10
	}
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: open %s: %w (is the driver imported?)", driverName, err)
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := ping(ctx, db, dialect); err != nil {
		db.Close()
		if dialect == SQLite { // a file name, which holds no secret
			path, _, _ := strings.Cut(dsn, "?")
			return nil, fmt.Errorf("sqlstore: open sqlite database %q: %w", path, err)
		}
		return nil, fmt.Errorf("sqlstore: open %s database: %w", dialect, err)
	}
	s, err := New(ctx, db, dialect, opts)
	if err != nil {
		db.Close()
		return nil, err
	}
	s.owned = true
	return s, nil
}

// DriverName returns the driver name [Open] wants for dsn: "pgx" for a
// postgres:// or postgresql:// URL, "sqlite" for anything else (a file
// name or a file: URI).
func DriverName(dsn string) string {
	lower := strings.ToLower(dsn)
	if strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://") {
		return "pgx"
	}
	return "sqlite"
}

// sqliteDSN returns dsn with the parameters this package needs added where
// dsn does not set them, and whether it names an in-memory database.
func sqliteDSN(dsn string) (string, bool, error) {
	path, query, _ := strings.Cut(dsn, "?")
	params, err := url.ParseQuery(query)
	if err != nil {
		return "", false, fmt.Errorf("sqlstore: open sqlite: malformed DSN parameters: %w", err)
	}
	pragmas := map[string]bool{}
	for _, p := range params["_pragma"] {
		name, _, _ := strings.Cut(p, "(")
		name, _, _ = strings.Cut(name, "=")
		pragmas[strings.ToLower(strings.TrimSpace(name))] = true
	}
	var add []string
	want := []struct{ name, value string }{
		{"busy_timeout", fmt.Sprintf("busy_timeout(%d)", DefaultBusyTimeout.Milliseconds())},
		{"foreign_keys", "foreign_keys(1)"},
		{"journal_mode", "journal_mode(WAL)"},
		{"synchronous", "synchronous(FULL)"},
	}
	for _, w := range want {
		if !pragmas[w.name] {
			add = append(add, "_pragma="+url.QueryEscape(w.value))
		}
	}
	if !params.Has("_txlock") {
		add = append(add, "_txlock=immediate")
	}
	memory := path == ":memory:" || path == "file::memory:" || params.Get("mode") == "memory"
	if len(add) == 0 {
		return dsn, memory, nil
	}
	if query != "" {
		query += "&"
	}
	return path + "?" + query + strings.Join(add, "&"), memory, nil
}

// ping checks that the database answers. A process opening a new SQLite
// file while another switches it to WAL can be refused with SQLITE_BUSY by
// a lock that SQLite's busy handler does not wait for, so a transient
// refusal is tried again, every 20 ms, for up to DefaultBusyTimeout.
func ping(ctx context.Context, db *sql.DB, d Dialect) error {
	deadline := time.Now().Add(DefaultBusyTimeout)
	for {
		err := db.PingContext(ctx)
		if err == nil || !d.transient(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Close stops using the database. It closes it when Open made it, and
// leaves a database passed to New open. The Store must not be used after.
func (s *Store) Close() error {
	if !s.owned {
		return nil
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("sqlstore: close: %w", err)
	}
	return nil
}

// Dialect returns the SQL dialect the Store speaks.
func (s *Store) Dialect() Dialect { return s.dialect }

// Version returns the change version: 0 for a new database, one more after
// every successful write transaction (an Import counts as one), whichever
// process made it. It reads the database at most once per
// Options.PollInterval: a write through this Store is reflected at once,
// another process's within the interval. So a cache keyed by the version
// costs no query on most hits.
func (s *Store) Version(ctx context.Context) (int64, error) {
	v, err := s.versions(ctx)
	return v.change, err
}

// PublicVersion returns the public version (see news.PublicVersioner): it
// moves with a write that creates, replaces or deletes an article that is
// published before or after it, with every category write and every
// Import, and with no other write. news.Public.State keys on it, so
// drafts, revisions, sessions and the audit log leave readers' caches
// hot. Like Version, it reads the database at most once per
// Options.PollInterval, so another instance's publish is seen within it.
func (s *Store) PublicVersion(ctx context.Context) (int64, error) {
	v, err := s.versions(ctx)
	return v.public, err
}

// versions returns the versions last read when they were read less than
// s.poll ago and no write of this Store ended since, else reads them.
func (s *Store) versions(ctx context.Context) (versions, error) {
	s.vmu.Lock()
	if !s.verAt.IsZero() && time.Since(s.verAt) < s.poll {
		v := s.ver
		s.vmu.Unlock()
		return v, nil
	}
	gen := s.gen
	s.vmu.Unlock()
	v, err := s.readVersions(ctx)
	if err != nil {
		return versions{}, err
	}
	s.vmu.Lock()
	// The versions only grow, so the newest values any read returned are
	// ones the database has reached: keep them and return them, so that
	// neither moves back when reads that waited for a connection end out
	// of order. Reuse them unless a write of ours committed while we read.
	s.ver = versions{change: max(s.ver.change, v.change), public: max(s.ver.public, v.public)}
	if s.gen == gen {
		s.verAt = time.Now()
	}
	v = s.ver
	s.vmu.Unlock()
	return v, nil
}

// wrote forgets the versions last read: a write of this Store ended, so
// the next Version or PublicVersion reads the database.
func (s *Store) wrote() {
	s.vmu.Lock()
	s.gen++
	s.verAt = time.Time{}
	s.vmu.Unlock()
}

// readVersions reads the change and public versions from the database.
func (s *Store) readVersions(ctx context.Context) (versions, error) {
	var v versions
	if err := s.db.QueryRowContext(ctx, "SELECT version, public_version FROM store_version WHERE id = 1").Scan(&v.change, &v.public); err != nil {
		return versions{}, fmt.Errorf("sqlstore: version: %w", err)
	}
	return v, nil
}

// maxAttempts bounds how often write runs a transaction that the database
// aborted because of a concurrent one (SQLITE_BUSY after the busy timeout
// or a stale snapshot; a PostgreSQL serialization failure or deadlock).
const maxAttempts = 4

// write runs fn in a write transaction that first moves the change version
// (which, on PostgreSQL, locks the version row and so serialises writers,
// and on SQLite holds the write lock taken by BEGIN IMMEDIATE). It commits
// when fn returns nil. A transient conflict with another transaction is
// retried; a unique violation becomes news.ErrConflict.
func (s *Store) write(ctx context.Context, op string, batch bool, fn func(t *txn) error) error {
	for attempt := 1; ; attempt++ {
		err := s.writeOnce(ctx, batch, fn)
		if err == nil {
			return nil
		}
		if attempt < maxAttempts && s.dialect.transient(err) && ctx.Err() == nil {
			s.log.Debug("sqlstore: retrying write", "op", op, "attempt", attempt, "err", err)
			continue
		}
		return s.wrapErr(op, err)
	}
}

func (s *Store) writeOnce(ctx context.Context, batch bool, fn func(t *txn) error) error {
	defer s.wrote()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	t := &txn{ctx: ctx, tx: tx, d: s.dialect}
	if batch {
		t.stmts = make(map[string]*sql.Stmt)
	}
	if _, err := t.exec("UPDATE store_version SET version = version + 1 WHERE id = 1"); err != nil {
		return err
	}
	if err := fn(t); err != nil {
		return err
	}
	if t.public {
		if err := t.logChanges(s.keep); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// logChanges moves the public version and records in the change log the
// articles the transaction touched, or, after an import, empties the log
// and starts it again at the new version. Every 16 versions it prunes
// the entries more than keep versions old.
func (t *txn) logChanges(keep int64) error {
	var v int64
	if err := t.queryRow("UPDATE store_version SET public_version = public_version + 1 WHERE id = 1 RETURNING public_version").Scan(&v); err != nil {
		return err
	}
	if t.reset {
		if _, err := t.exec("DELETE FROM public_changes"); err != nil {
			return err
		}
		_, err := t.exec("UPDATE store_version SET changes_from = ? WHERE id = 1", v)
		return err
	}
	slices.SortFunc(t.changed, func(x, y uuid.UUID) int { return bytes.Compare(x[:], y[:]) })
	for _, id := range slices.Compact(t.changed) {
		if _, err := t.exec("INSERT INTO public_changes (version, article_id) VALUES (?, ?)", v, id); err != nil {
			return err
		}
	}
	if v%16 != 0 || v <= keep {
		return nil
	}
	if _, err := t.exec("DELETE FROM public_changes WHERE version <= ?", v-keep); err != nil {
		return err
	}
	_, err := t.exec("UPDATE store_version SET changes_from = ? WHERE id = 1 AND changes_from < ?", v-keep, v-keep)
	return err
}

// ChangedSince returns the articles created, replaced or deleted by the
// writes that moved the public version after since (see
// news.ChangeLogger), whichever process made them: the log is written in
// the same transaction as the articles. It keeps the last
// Options.ChangeLog steps of the public version, and an Import empties
// it, so Complete is false for a since older than those, or ahead of the
// public version. It always reads the database.
func (s *Store) ChangedSince(ctx context.Context, since int64) (news.Changes, error) {
	var c news.Changes
	var from int64
	const head = "SELECT public_version, changes_from FROM store_version WHERE id = 1"
	if err := s.db.QueryRowContext(ctx, head).Scan(&c.Version, &from); err != nil {
		return news.Changes{}, fmt.Errorf("sqlstore: changes since %d: %w", since, err)
	}
	if since < from || since > c.Version {
		return c, nil
	}
	rows, err := s.db.QueryContext(ctx, s.dialect.rebind("SELECT DISTINCT article_id FROM public_changes WHERE version > ? AND version <= ?"), since, c.Version)
	if err != nil {
		return news.Changes{}, fmt.Errorf("sqlstore: changes since %d: %w", since, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id uuid.UUID
		if err := rows.Scan(&id); err != nil {
			return news.Changes{}, fmt.Errorf("sqlstore: changes since %d: %w", since, err)
		}
		c.Articles = append(c.Articles, id)
	}
	if err := rows.Err(); err != nil {
		return news.Changes{}, fmt.Errorf("sqlstore: changes since %d: %w", since, err)
	}
	// A prune between the two reads may have taken entries we wanted.
	var v int64
	if err := s.db.QueryRowContext(ctx, head).Scan(&v, &from); err != nil {
		return news.Changes{}, fmt.Errorf("sqlstore: changes since %d: %w", since, err)
	}
	if since < from {
		return news.Changes{Version: c.Version}, nil
	}
	c.Complete = true
	return c, nil
}

// wrapErr gives err the operation's context and maps database errors to
// the domain's: a unique violation wraps news.ErrConflict and
// sql.ErrNoRows news.ErrNotFound.
func (s *Store) wrapErr(op string, err error) error {
	switch {
	case errors.Is(err, news.ErrConflict), errors.Is(err, news.ErrNotFound), errors.Is(err, news.ErrInvalid):
		return fmt.Errorf("sqlstore: %s: %w", op, err)
	case s.dialect.conflict(err):
		return fmt.Errorf("sqlstore: %s: %w: %w", op, news.ErrConflict, err)
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("sqlstore: %s: %w", op, news.ErrNotFound)
	}
	return fmt.Errorf("sqlstore: %s: %w", op, err)
}

// A txn is a write transaction. With stmts (a batch), every statement is
// prepared once per transaction.
type txn struct {
	ctx   context.Context
	tx    *sql.Tx
	d     Dialect
	stmts map[string]*sql.Stmt // by query as written; nil outside a batch
	// public is set by a write that can change what readers see; the
	// public version moves at commit.
	public bool
	// changed lists the articles a public write touched, for the change
	// log; reset (an import) starts the log again instead.
	changed []uuid.UUID
	reset   bool
}

func (t *txn) stmt(query string) (*sql.Stmt, error) {
	st := t.stmts[query]
	if st != nil {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, t.d.rebind(query))
	if err != nil {
		return nil, err
	}
	t.stmts[query] = st
	return st, nil
}

// exec runs a statement written with ? placeholders.
func (t *txn) exec(query string, args ...any) (sql.Result, error) {
	if t.stmts == nil {
		return t.tx.ExecContext(t.ctx, t.d.rebind(query), args...)
	}
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(t.ctx, args...)
}

// queryRow runs a query written with ? placeholders that returns a row.
func (t *txn) queryRow(query string, args ...any) *sql.Row {
	if t.stmts == nil {
		return t.tx.QueryRowContext(t.ctx, t.d.rebind(query), args...)
	}
	st, err := t.stmt(query)
	if err != nil {
		// Let Scan report the error: run the query unprepared.
		return t.tx.QueryRowContext(t.ctx, t.d.rebind(query), args...)
	}
	return st.QueryRowContext(t.ctx, args...)
}

// closeRows closes rows and joins its error to *err; for defer.
func closeRows(rows io.Closer, err *error) {
	if cerr := rows.Close(); cerr != nil && *err == nil {
		*err = cerr
	}
}
