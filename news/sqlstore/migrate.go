package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// migrationFiles holds the schema of each dialect as numbered SQL files,
// NNNN_name.sql, applied in order. A file, once released, never changes;
// a schema change is a new file, and never drops data.
//
//go:embed migrations
var migrationFiles embed.FS

// A migration is one schema change.
type migration struct {
	version int
	name    string // file name
	sql     string
}

// migrations returns the dialect's migrations in version order.
func migrations(d Dialect) ([]migration, error) {
	dir := "migrations/" + d.String()
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("sqlstore: migration %s: name is not NNNN_name.sql", e.Name())
		}
		b, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("sqlstore: migration %s: %w", e.Name(), err)
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	slices.SortFunc(ms, func(a, b migration) int { return a.version - b.version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("sqlstore: migration %s: want version %d", m.name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema version this package writes and reads: the
// number of its migrations.
const SchemaVersion = 9

// migrate brings the database's schema up to SchemaVersion, holding a lock
// that makes a second process starting at the same time wait (SQLite: the
// write lock of BEGIN IMMEDIATE; PostgreSQL: an advisory lock keyed by the
// schema). Every pending migration and its record in schema_migrations
// commit together, or nothing does. A database whose recorded version is
// newer than SchemaVersion is left untouched and gives ErrNewerSchema.
func migrate(ctx context.Context, db *sql.DB, d Dialect) (err error) {
	ms, err := migrations(d)
	if err != nil {
		return err
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlstore: migrate %s database: %w", d, err)
	}
	defer conn.Close()

	var tx interface {
		ExecContext(context.Context, string, ...any) (sql.Result, error)
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}
	var commit, rollback func() error
	switch d {
	case SQLite:
		// A transaction begun by hand: database/sql's BeginTx would start a
		// deferred one on a connection opened without _txlock=immediate.
		if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			return fmt.Errorf("sqlstore: migrate sqlite database: %w", err)
		}
		tx = conn
		commit = func() error { _, err := conn.ExecContext(ctx, "COMMIT"); return err }
		rollback = func() error { _, err := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); return err }
	case PostgreSQL:
		const lock = "hashtext('orgnews/sqlstore'), hashtext(coalesce(current_schema(), ''))"
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock("+lock+")"); err != nil {
			return fmt.Errorf("sqlstore: migrate postgres database: lock: %w", err)
		}
		defer func() {
			if _, uerr := conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock("+lock+")"); uerr != nil && err == nil {
				err = fmt.Errorf("sqlstore: migrate postgres database: unlock: %w", uerr)
			}
		}()
		t, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("sqlstore: migrate postgres database: %w", err)
		}
		tx = t
		commit = t.Commit
		rollback = t.Rollback
	}
	done := false
	defer func() {
		if !done {
			rollback()
		}
	}()

	if _, err := tx.ExecContext(ctx, migrationsTable[d]); err != nil {
		return fmt.Errorf("sqlstore: migrate %s database: %w", d, err)
	}
	var current int
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return fmt.Errorf("sqlstore: migrate %s database: %w", d, err)
	}
	if current > len(ms) {
		return fmt.Errorf("%w: the database is at schema version %d, this program knows versions up to %d", ErrNewerSchema, current, len(ms))
	}
	pending := ms[current:]
	if len(pending) == 0 {
		if d == SQLite {
			// A read-only file passes everything above; find out now, not at
			// the first write. The transaction is rolled back.
			if _, err := tx.ExecContext(ctx, "UPDATE store_version SET version = version WHERE id = 1"); err != nil {
				return fmt.Errorf("sqlstore: sqlite database is not writable: %w", err)
			}
		}
		return nil // rolled back: nothing to change
	}
	for _, m := range pending {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("sqlstore: migrate %s database: %s: %w", d, m.name, err)
		}
		if _, err := tx.ExecContext(ctx, d.rebind("INSERT INTO schema_migrations (version, name) VALUES (?, ?)"), m.version, m.name); err != nil {
			return fmt.Errorf("sqlstore: migrate %s database: record %s: %w", d, m.name, err)
		}
	}
	if err := commit(); err != nil {
		return fmt.Errorf("sqlstore: migrate %s database: commit: %w", d, err)
	}
	done = true
	return nil
}

// migrationsTable creates the table that records applied migrations.
var migrationsTable = map[Dialect]string{
	SQLite: `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
)`,
	PostgreSQL: `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    integer PRIMARY KEY,
	name       text NOT NULL,
	applied_at timestamptz NOT NULL DEFAULT now()
)`,
}
