package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
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

// dbExpected says what -db takes, for errors.
const dbExpected = "want memory, a postgres:// URL, sqlite:PATH, or a SQLite file name ending in .db or .sqlite or holding a slash; did you mean memory?"

// A dbSpec is what the -db flag names: the in-memory store, a PostgreSQL
// URL or a SQLite file.
type dbSpec struct {
	driver string // "" for memory, "pgx" or "sqlite"
	dsn    string // the URL, or the SQLite file name with its parameters
}

// parseDB reads the -db flag: "memory"; a postgres:// or postgresql://
// URL; sqlite:PATH, or a file: URI, for a SQLite file; or a SQLite file
// name that ends in .db or .sqlite (before any ?parameters) or holds a
// slash. Anything else, such as the typo "memry", is an error, so that a
// mistake does not quietly create a database file.
func parseDB(db string) (dbSpec, error) {
	lower := strings.ToLower(db)
	path, _, _ := strings.Cut(db, "?")
	switch {
	case db == "memory":
		return dbSpec{}, nil
	case strings.HasPrefix(lower, "postgres://"), strings.HasPrefix(lower, "postgresql://"):
		return dbSpec{driver: "pgx", dsn: db}, nil
	case strings.HasPrefix(db, "sqlite:") && len(db) > len("sqlite:"):
		return dbSpec{driver: "sqlite", dsn: strings.TrimPrefix(db, "sqlite:")}, nil
	case strings.HasPrefix(db, "file:") && len(db) > len("file:"):
		return dbSpec{driver: "sqlite", dsn: db}, nil
	case strings.HasSuffix(path, ".db"), strings.HasSuffix(path, ".sqlite"),
		strings.ContainsRune(path, '/'), strings.ContainsRune(path, filepath.Separator):
		return dbSpec{driver: "sqlite", dsn: db}, nil
	}
	return dbSpec{}, fmt.Errorf("-db %q: %s", db, dbExpected)
}

// openStore opens the store the -db flag names (see parseDB), a SQLite
// file being created when missing, in a directory that must exist. It
// returns the store (the newsroom's as well as the readers'), the function that closes it, and a description of
// the database without its password, for the log.
func openStore(ctx context.Context, db string, log *slog.Logger) (news.NewsroomStore, func() error, string, error) {
	spec, err := parseDB(db)
	switch {
	case err != nil:
		return nil, nil, "", err
	case spec.driver == "":
		return memstore.New(), func() error { return nil }, "in memory (lost on exit)", nil
	case spec.driver == "sqlite" && !strings.HasPrefix(spec.dsn, "file:"):
		path, _, _ := strings.Cut(spec.dsn, "?")
		dir := filepath.Dir(path)
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return nil, nil, "", fmt.Errorf("-db %s: the directory %s does not exist", db, dir)
		}
	}
	s, err := sqlstore.Open(ctx, spec.driver, spec.dsn, &sqlstore.Options{Logger: log})
	if err != nil {
		return nil, nil, "", fmt.Errorf("-db: %w", err)
	}
	if spec.driver == "pgx" {
		return s, s.Close, "PostgreSQL " + redact(db), nil
	}
	return s, s.Close, "SQLite " + spec.dsn, nil
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
	spec, err := parseDB(db)
	if err != nil {
		return nil, nil, err
	}
	if ms, ok := store.(news.MediaStore); ok && spec.driver == "pgx" {
		return ms, func() error { return nil }, nil
	}
	if spec.driver == "" {
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
	path, _, _ := strings.Cut(strings.TrimPrefix(spec.dsn, "file:"), "?")
	dir := strings.TrimSuffix(path, filepath.Ext(path)) + "-media"
	ms, err := mediadir.Open(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("-db: media beside %s: %w", path, err)
	}
	return ms, func() error { return nil }, nil
}
