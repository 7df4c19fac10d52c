package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/mediadir"
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

// openMedia opens the media store for the -db flag: for PostgreSQL the
// database itself, which every instance shares; for a SQLite file a
// directory beside it ("newsroom.db" keeps its media in "newsroom-media");
// for "memory" a temporary directory, removed by the function it returns
// with the store.
func openMedia(db string, store news.Store) (news.MediaStore, func() error, error) {
	if ms, ok := store.(news.MediaStore); ok && sqlstore.DriverName(db) == "pgx" {
		return ms, func() error { return nil }, nil
	}
	if db == "memory" {
		dir, err := os.MkdirTemp("", "orgnews-media-")
		if err != nil {
			return nil, nil, fmt.Errorf("media: %w", err)
		}
		ms, err := mediadir.Open(dir)
		if err != nil {
			os.RemoveAll(dir)
			return nil, nil, err
		}
		return ms, func() error { return os.RemoveAll(dir) }, nil
	}
	path, _, _ := strings.Cut(strings.TrimPrefix(db, "file:"), "?")
	dir := strings.TrimSuffix(path, filepath.Ext(path)) + "-media"
	ms, err := mediadir.Open(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("-db: media beside %s: %w", path, err)
	}
	return ms, func() error { return nil }, nil
}
