package sqlstore_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/sqlstore"
	"github.com/orgnews/orgnews/news/storetest"
)

// postgresEnv names the variable that holds the URL of a PostgreSQL
// database the tests may use, such as
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
const postgresEnv = "ORGNEWS_TEST_POSTGRES"

// openSQLite opens a Store on a new SQLite file in a temporary directory
// and returns it with the file's path.
func openSQLite(tb testing.TB, opts *sqlstore.Options) (*sqlstore.Store, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "news.db")
	return openSQLiteFile(tb, path, opts), path
}

// openSQLiteFile opens a Store on the SQLite file path.
func openSQLiteFile(tb testing.TB, path string, opts *sqlstore.Options) *sqlstore.Store {
	tb.Helper()
	s, err := sqlstore.Open(context.Background(), "sqlite", path, opts)
	if err != nil {
		tb.Fatalf("Open(sqlite, %q): %v", path, err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// postgresURL returns the URL of the test PostgreSQL database, or skips
// the test when ORGNEWS_TEST_POSTGRES is unset.
func postgresURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(postgresEnv)
	if u == "" {
		tb.Skipf("PostgreSQL tests skipped: set %s to a database URL, such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable", postgresEnv)
	}
	return u
}

var schemaSeq atomic.Int64

// postgresSchema creates a schema of its own for the test in the test
// database, drops it at cleanup, and returns a DSN whose search_path is
// that schema.
func postgresSchema(tb testing.TB) string {
	tb.Helper()
	base := postgresURL(tb)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("sql.Open(pgx): %v", err)
	}
	defer admin.Close()
	name := fmt.Sprintf("orgnews_test_%d_%d", os.Getpid(), schemaSeq.Add(1))
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		tb.Fatalf("CREATE SCHEMA %s: %v", name, err)
	}
	tb.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			tb.Errorf("sql.Open(pgx): %v", err)
			return
		}
		defer db.Close()
		if _, err := db.ExecContext(context.Background(), "DROP SCHEMA "+name+" CASCADE"); err != nil {
			tb.Errorf("DROP SCHEMA %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("%s: %v", postgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// openPostgres opens a Store on a new schema of the test PostgreSQL
// database, and returns it with its DSN.
func openPostgres(tb testing.TB, opts *sqlstore.Options) (*sqlstore.Store, string) {
	tb.Helper()
	dsn := postgresSchema(tb)
	return openPostgresDSN(tb, dsn, opts), dsn
}

func openPostgresDSN(tb testing.TB, dsn string, opts *sqlstore.Options) *sqlstore.Store {
	tb.Helper()
	s, err := sqlstore.Open(context.Background(), "pgx", dsn, opts)
	if err != nil {
		tb.Fatalf("Open(pgx): %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// A backend opens stores of one dialect for tests.
type backend struct {
	name string
	open func(tb testing.TB, opts *sqlstore.Options) (s *sqlstore.Store, dsn string)
	// reopen opens another Store on the database dsn.
	reopen func(tb testing.TB, dsn string, opts *sqlstore.Options) *sqlstore.Store
}

var backends = []backend{
	{"sqlite", openSQLite, openSQLiteFile},
	{"postgres", openPostgres, openPostgresDSN},
}

func TestConformance(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			storetest.Run(t, func(t *testing.T) news.Store {
				s, _ := b.open(t, nil)
				return s
			})
		})
	}
}

func TestDriverName(t *testing.T) {
	tests := []struct{ dsn, want string }{
		{"newsroom.db", "sqlite"},
		{"file:newsroom.db?mode=ro", "sqlite"},
		{"/var/lib/orgnews/news.db", "sqlite"},
		{"postgres://news@db.example.vn/news", "pgx"},
		{"PostgreSQL://news@db.example.vn/news", "pgx"},
	}
	for _, tc := range tests {
		if got := sqlstore.DriverName(tc.dsn); got != tc.want {
			t.Errorf("DriverName(%q) = %q, want %q", tc.dsn, got, tc.want)
		}
	}
}

// waitFor fails the test unless a value for which want returns true
// arrives on ch within d.
func waitFor(t *testing.T, d time.Duration, what string, ch <-chan int64, want func(int64) bool) {
	t.Helper()
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				t.Fatalf("%s: channel closed", what)
			}
			if want(v) {
				return
			}
		case <-timer.C:
			t.Fatalf("%s: nothing within %v", what, d)
		}
	}
}

// testBase is the time the tests' articles are dated from: 1 July 2025,
// 08:30 and 123,456 microseconds, UTC.
var testBase = time.Date(2025, 7, 1, 8, 30, 0, 123456000, time.UTC)
