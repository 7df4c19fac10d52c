package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/news/sqlstore"
)

// openStore opens the store the -db flag names: "memory" for the
// in-memory store, a postgres:// or postgresql:// URL for PostgreSQL, and
// anything else as the name of a SQLite file (or file: URI), created when
// missing. It returns the store, the function that closes it, and a
// description of the database without its password, for the log.
func openStore(ctx context.Context, db string, log *slog.Logger) (news.Store, func() error, string, error) {
	if db == "memory" {
		return memstore.New(), func() error { return nil }, "in memory (lost on exit)", nil
	}
	driver := sqlstore.DriverName(db)
	s, err := sqlstore.Open(ctx, driver, db, &sqlstore.Options{Logger: log})
	if err != nil {
		return nil, nil, "", fmt.Errorf("-db: %w", err)
	}
	if driver == "pgx" {
		return s, s.Close, "PostgreSQL " + redact(db), nil
	}
	return s, s.Close, "SQLite " + db, nil
}

// redact returns a database URL with its password replaced by "xxxxx".
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
