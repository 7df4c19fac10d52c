// Package sqlstore keeps news in a SQL database: a [news.Store] over
// database/sql that speaks SQLite and PostgreSQL. It passes the same
// conformance suite (news/storetest) as the in-memory store, on both.
//
// The package imports no driver. The program picks one and imports it:
// modernc.org/sqlite (pure Go, no cgo) registers "sqlite", and
// github.com/jackc/pgx/v5/stdlib registers "pgx".
//
// # Choosing a database
//
// SQLite is the default: one file, nothing to install or run, backed up by
// copying the file (with the program stopped, or with sqlite3's .backup
// while it runs). It suits a site served by one process, which is what most
// departments run; it reads hundreds of thousands of articles quickly and
// takes a few writes a second from editors with ease.
//
// PostgreSQL is for several instances of the program behind a load
// balancer, or for an organisation that already runs PostgreSQL and backs
// it up. Every instance reads and writes the one database; each learns of
// the others' writes through the change version (see below).
//
// # Setting up SQLite
//
//	import _ "modernc.org/sqlite"
//
//	store, err := sqlstore.Open(ctx, "sqlite", "/var/lib/orgnews/news.db", nil)
//
// The file and its tables are created on first use; the directory must
// exist and be writable by the program (SQLite writes news.db-wal and
// news.db-shm beside the file). [Open] sets the connection up for safety
// and concurrency, unless the DSN sets the same parameter itself:
//
//   - journal_mode WAL: readers never wait for the writer, and a crash
//     leaves the last committed transaction intact;
//   - synchronous FULL: every commit is on disk (fsync of the WAL) before
//     Open's caller hears it succeeded, so a power cut loses nothing that
//     was reported saved. NORMAL would be faster but may lose the last
//     transactions on power loss; an archive of record should not;
//   - busy_timeout 10 s and _txlock=immediate: a write transaction takes
//     the write lock when it begins and waits for another writer rather
//     than failing with SQLITE_BUSY;
//   - foreign_keys on.
//
// A DSN may carry other modernc.org/sqlite parameters, as in
// "file:news.db?_pragma=cache_size(-65536)".
//
// # Setting up PostgreSQL
//
//	import _ "github.com/jackc/pgx/v5/stdlib"
//
//	store, err := sqlstore.Open(ctx, "pgx", "postgres://orgnews:secret@db.internal:5432/news?sslmode=require", nil)
//
// Create the database and a role that owns it (or may create tables in
// its schema) once:
//
//	CREATE ROLE orgnews LOGIN PASSWORD 'secret';
//	CREATE DATABASE news OWNER orgnews;
//
// The tables go into the role's current schema: add search_path=name to
// the URL to use another. The pool holds [Options].MaxOpenConns
// connections per instance (10 by default); keep the sum over instances
// under the server's max_connections. PostgreSQL 13 or later is needed.
//
// # Schema migrations
//
// The schema is a list of numbered SQL files embedded in the program, one
// list per dialect. [Open] and [New] apply the ones the database lacks, in
// order, in one transaction, and record them in the table
// schema_migrations. Two instances starting at once do not race: the
// first takes a lock (SQLite's write lock, a PostgreSQL advisory lock) and
// the second waits, then finds nothing to do. Migrations only add; none
// drops data. A database migrated by a newer program is refused with
// [ErrNewerSchema] and left as it is.
//
// # Writes, conflicts and the change version
//
// Every write is one transaction that first increments the single row of
// the table store_version: the change version [Store.Version] returns.
// That row also serialises writers on PostgreSQL, so two instances never
// interleave writes; on SQLite, BEGIN IMMEDIATE does the same. [Store.Import]
// writes a whole batch in one transaction: all of it or nothing. Slugs
// and aliases live in one table whose primary key makes them unique; a
// violation is reported as [news.ErrConflict], an unknown ID or slug as
// [news.ErrNotFound], so callers never look at a driver's errors.
//
// A process sharing the database learns of another's write within a
// second: news.Public reads the version on every request, so caches keyed
// by its State renew on the next request; [Store.Watch] reports each new
// version for a process that wants to act at once. A scheduled article
// becomes visible on every instance at its time through
// [Store.NextPublishAt], which every instance reads from the database.
//
// # Search and indexes
//
// Articles are stored with their folded words ([news.Words] of the title,
// summary and body text): in an FTS5 table on SQLite, in a tsvector column
// with a GIN index on PostgreSQL. A search word matches the words it
// begins, so "dai hoi", "Đại hội" and "ĐẠI HỘI" find the same articles,
// and title matches come first. User text is never part of SQL: search
// words are passed as parameters, each quoted for the full-text syntax.
// A search ranks and sorts all its matches, so its cost grows with their
// number: a few milliseconds for a name or a place, a few hundred for a
// word that most of a 100,000-article archive holds.
//
// Lists are keyset pages over indexes on (publish_at, id), per category,
// per tag and per status: the first page of a category costs the same with
// a thousand articles or a million, and so does a page deep in the archive.
// Times are stored as integer microseconds since 1970 UTC on both
// databases.
package sqlstore
