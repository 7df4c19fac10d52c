package sqlstore_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/orgnews/orgnews/news/sqlstore"
)

// dump describes the schema and bookkeeping of a database: its tables and
// indexes, applied migrations and change version.
func dump(t *testing.T, db *sql.DB, dialect sqlstore.Dialect) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	query := "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name"
	if dialect == sqlstore.PostgreSQL {
		query = "SELECT table_name || ' ' || column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, column_name"
	}
	for _, q := range []string{query, "SELECT version || ' ' || name FROM schema_migrations ORDER BY version", "SELECT 'version ' || version FROM store_version"} {
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, s)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return b.String()
}

func TestOpenConcurrently(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			var dsn string
			switch b.name {
			case "sqlite":
				dsn = filepath.Join(t.TempDir(), "news.db")
			default:
				dsn = postgresSchema(t)
			}
			const n = 6
			var wg sync.WaitGroup
			stores := make([]*sqlstore.Store, n)
			for i := range n {
				wg.Go(func() { stores[i] = b.reopen(t, dsn, nil) })
			}
			wg.Wait()
			if t.Failed() {
				return
			}
			db := rawDB(t, b.name, dsn)
			var count int
			if err := db.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&count); err != nil {
				t.Fatal(err)
			}
			if count != sqlstore.SchemaVersion {
				t.Errorf("schema_migrations has %d rows after %d concurrent opens, want %d", count, n, sqlstore.SchemaVersion)
			}
			for i, s := range stores {
				if v, err := s.Version(context.Background()); err != nil || v != 0 {
					t.Errorf("store %d: Version = %d, %v; want 0", i, v, err)
				}
			}
		})
	}
}

// rawDB opens the database dsn with database/sql alone.
func rawDB(t *testing.T, backend, dsn string) *sql.DB {
	t.Helper()
	driver := map[string]string{"sqlite": "sqlite", "postgres": "pgx"}[backend]
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestNewerSchema(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s, dsn := b.open(t, nil)
			s.Close()
			db := rawDB(t, b.name, dsn)
			if _, err := db.Exec("INSERT INTO schema_migrations (version, name) VALUES (99, '0099_future.sql')"); err != nil {
				t.Fatal(err)
			}
			dialect := map[string]sqlstore.Dialect{"sqlite": sqlstore.SQLite, "postgres": sqlstore.PostgreSQL}[b.name]
			before := dump(t, db, dialect)
			driver := map[string]string{"sqlite": "sqlite", "postgres": "pgx"}[b.name]
			_, err := sqlstore.Open(context.Background(), driver, dsn, nil)
			if !errors.Is(err, sqlstore.ErrNewerSchema) {
				t.Fatalf("Open on a schema from the future: %v, want an error wrapping ErrNewerSchema", err)
			}
			t.Logf("Open: %v", err)
			if !strings.Contains(err.Error(), "version 99") {
				t.Errorf("error %q does not name the database's version 99", err)
			}
			if after := dump(t, db, dialect); after != before {
				t.Errorf("a refused Open changed the database:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	tests := []struct {
		name, driver, dsn string
		want              string // in the error text
	}{
		{"unknown driver", "mysql", "news", `driver "mysql": unknown`},
		{"empty DSN", "sqlite", " ", "empty DSN"},
		{"missing directory", "sqlite", filepath.Join(dir, "no", "such", "dir", "news.db"), "unable to open database file"},
		{"bad sqlite parameter", "sqlite", filepath.Join(dir, "x.db") + "?_txlock=sometimes", `unknown _txlock "sometimes"`},
		{"malformed sqlite parameters", "sqlite", filepath.Join(dir, "x.db") + "?%zz", "malformed DSN parameters"},
		{"not a database", "sqlite", notADatabase(t), "file is not a database"},
		{"postgres unreachable", "pgx", "postgres://orgnews:sekret@127.0.0.1:1/news?sslmode=disable&connect_timeout=5", "open postgres database"},
		{"postgres malformed", "pgx", "postgres://orgnews:sekret@127.0.0.1:5432/news?sslmode=sometimes", "open postgres database"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := sqlstore.Open(ctx, tc.driver, tc.dsn, nil)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q, %q): no error", tc.driver, tc.dsn)
			}
			t.Logf("Open(%q, …): %v", tc.driver, err)
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Open(%q, %q) = %v, want an error containing %q", tc.driver, tc.dsn, err, tc.want)
			}
			if strings.Contains(err.Error(), "sekret") {
				t.Errorf("Open(%q, …) error %q shows the password", tc.driver, err)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); !os.IsNotExist(err) {
		t.Errorf("a failed Open created a directory: %v", err)
	}
}

// notADatabase returns the path of a file that is not an SQLite database.
func notADatabase(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("Ghi chú họp giao ban tuần. ", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReadOnlyFile(t *testing.T) {
	s, path := openSQLite(t, nil)
	s.Close()
	sum := func() [32]byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(b)
	}
	before := sum()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	// Root ignores file modes; mode=ro makes SQLite open the file read-only
	// whoever runs the test.
	dsn := "file:" + path + "?mode=ro"
	_, err := sqlstore.Open(context.Background(), "sqlite", dsn, nil)
	if err == nil {
		t.Fatalf("Open(%q): no error", dsn)
	}
	t.Logf("Open(%q): %v", dsn, err)
	if !strings.Contains(err.Error(), "readonly") && !strings.Contains(err.Error(), "read-only") {
		t.Errorf("Open(%q) = %v, want an error that says the database is read-only", dsn, err)
	}
	if sum() != before {
		t.Errorf("a failed Open changed the read-only file")
	}
}
