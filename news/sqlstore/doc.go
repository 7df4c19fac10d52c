// Package sqlstore keeps news in a SQL database: a [news.Store] over
// database/sql that speaks SQLite and PostgreSQL. It is also a
// [news.NewsroomStore] (accounts, sessions, API tokens, revisions and the
// audit log of the newsroom) and a [news.PublicVersioner]. It passes the
// same conformance suite (news/storetest, newsroom parts included) as the
// in-memory store, on both databases.
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
// The migrations, the same on both databases:
//
//   - 0001_init: store_version, categories, articles and their slugs,
//     tags and search words.
//   - 0002_newsroom: the newsroom. articles gains owner_id (the account
//     that wrote it; the nil UUID for an article of a program or an
//     import) and revision (its current revision; 0 for one never saved in
//     the newsroom), and store_version a public_version, started at the
//     change version. New tables: revisions, accounts, sessions,
//     api_tokens and audit_log (below).
//   - 0003_media: the media library (news.MediaStore): media, a record
//     per upload with its variants, and media_files, the content of each
//     file (a BLOB; bytea on PostgreSQL) by its content-hash key. Every
//     instance over one database serves the same files; OpenMedia reads a
//     file into memory, which the library's MaxBytes bounds.
//   - 0004_category_aliases: categories gains aliases (the old slugs of a
//     renamed category, as JSON), and category_slugs holds every
//     category's slug and aliases, one namespace (as article_slugs for
//     articles), filled from the categories' slugs. SaveCategory writes a
//     category and its audit entry in one transaction.
//   - 0005_change_log: public_changes, the articles each step of the
//     public version touched (see [Store.ChangedSince]), and
//     store_version.changes_from, the version from which that log is
//     complete, started at the public version.
//   - 0006_search_keys: the search index holds [news.SearchKeys] instead
//     of folded words: FTS5 columns title, summary and body on SQLite; on
//     PostgreSQL, search holds the keys with their positions, weighted by
//     field, and title_search is dropped. The keys are computed in Go:
//     the migration queues every article in search_reindex, and [New]
//     indexes the queue, 500 articles a transaction, before it returns
//     (without moving the change version).
//   - 0007_article_old_urls: articles gains old_urls (news.Article.OldURLs,
//     as JSON; null for the articles written before), and
//     article_old_urls holds every article's old URLs, each belonging to
//     one article, for [Store.ArticleByOldURL].
//   - 0008_related_snapshot: related_snapshot, one row holding the
//     snapshot of news.Public's related index and the public version it
//     reflects (see "The related index" below). It starts empty.
//   - 0009_search_fields: on PostgreSQL, a GIN index of
//     search_fields(search), the folded words of each field and the pairs
//     of words that follow each other in it, weighted as search is
//     ('A dai', 'A dai hoi' for "Đại hội" in a title), from which a search
//     reads the candidates of a rank (see Search and indexes). Building it
//     reads every article's tsvector and blocks writes to articles
//     meanwhile: 4.5 minutes at 100,000 articles and 29 at 1,000,000 on
//     the benchmark machine (2 cores, load average 10 to 28). Nothing
//     changes on SQLite.
//
// A database of an earlier release upgrades in place when the new program
// opens it: every article keeps its row, slugs, tags and search words,
// with no owner and revision 0, and works in the newsroom from its first
// save (which is its revision 1). The test suite upgrades a SQLite file
// and a PostgreSQL dump written by the release before the newsroom
// (testdata/v1). On SQLite, 0002 rebuilds the articles table (copying
// every row with its seq, which the search index points at) so that the
// new columns come before body, as filters want. It runs once, at the
// first Open: 1.7 s for 20,000 articles of 3 KB (a 200 MB file) on a
// 2-core test machine, so about 9 s for 100,000. The pages of the old
// table stay in the file as free pages for later writes; VACUUM, with the
// program stopped, gives them back.
//
// # Writes, conflicts and the change version
//
// Every write is one transaction that first increments the single row of
// the table store_version: the change version [Store.Version] returns.
// That row also serialises writers on PostgreSQL, so two instances never
// interleave writes; on SQLite, BEGIN IMMEDIATE does the same. [Store.Import]
// writes a whole batch in one transaction: all of it or nothing. Slugs
// and aliases live in one table whose primary key makes them unique, old
// URLs in another; a violation is reported as [news.ErrConflict], an unknown ID or slug as
// [news.ErrNotFound], so callers never look at a driver's errors.
//
// A process sharing the database learns of another's write within a
// second: news.Public reads the version on every request, so caches keyed
// by its State renew on the next request; [Store.Watch] reports each new
// version for a process that wants to act at once. A scheduled article
// becomes visible on every instance at its time through
// [Store.NextPublishAt], which every instance reads from the database.
//
// # The public version
//
// The same row holds the public version ([Store.PublicVersion]), which
// news.Public.State keys on: the transaction of a write that creates,
// replaces or deletes an article that is published before or after it,
// writes or deletes a category, or imports, increments it too before it
// commits. Drafts, autosaves, revisions, accounts, sessions, tokens and
// audit entries move only the change version, so readers' caches stay hot
// while staff write. Both versions are read together, at most once per
// [Options].PollInterval (250 ms by default): another instance's publish
// is seen within it, this Store's own writes at once.
//
// # The related index
//
// news.Public keeps the index of Related in memory, and the Store helps it
// in two ways. The change log (public_changes, [Store.ChangedSince]) names
// the articles each step of the public version touched, so an index
// follows every instance's writes by reading those articles alone. And
// the Store is a news.RelatedSnapshotter: related_snapshot keeps the
// index's snapshot, which a view saves in the background after it builds
// the index and every 64 public versions it follows, with one upsert
// outside the write transactions that moves no version and never replaces
// a newer snapshot ([Store.SaveRelatedSnapshot]). A process starting reads
// the snapshot ([Store.RelatedSnapshot]) and the log since, rather than
// every published article: at 100,000 articles that is a few megabytes read
// and decoded instead of 100,000 titles folded (BENCHMARKS.md, "Related
// index cold start"). The snapshot is used only while the log reaches back
// to it ([Options].ChangeLog, 1,024 steps by default); an older one, or one
// damaged, is logged and the index built from the articles.
//
// # The newsroom
//
// A NewsroomStore method writes its records in one transaction under the
// same lock as every other write: SaveArticle writes the article, its
// revision and its audit entry together, and a stale base revision, a
// taken slug or any failure of the database leaves all three (and both
// versions) as they were.
//
//   - revisions: one row per (article_id, number), numbered from 1 per
//     article, rejected (stale) changes included; snapshot holds the
//     editable fields as JSON and is read only when one revision is shown.
//     Deleting an article deletes its revisions.
//   - accounts: username (folded by the Newsroom) is unique; the category
//     scope is a JSON list; the password hash (argon2id, PHC string) and
//     the TOTP secret are kept as given, never logged.
//   - sessions and api_tokens: kept by the SHA-256 of their token (the
//     token itself is never stored), with the account and times. Sessions
//     are read from the database on every request, with no cache in the
//     process: a sign-out, a password change or a disabled account ends a
//     session on every instance at once. Indexes on both expiry times make
//     DeleteExpiredSessions cheap.
//   - audit_log: seq is one above the highest entry, assigned inside the
//     serialised write, so entries are numbered in commit order without
//     gaps and pages by seq never miss one. The store has no statement
//     that updates or deletes an entry, and triggers make the database
//     refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) from anyone.
//     Indexes on (object_type, object_id, seq), (address, seq) and
//     (actor_id, seq) serve the admin's filters, newest first. Sign-in
//     throttling counts the recent failures of a username and of a client
//     address on every attempt; indexes on (object_type, object_id,
//     action, outcome, at) and (address, action, outcome, at) read only
//     the entries of the window: on SQLite, a username with 200,000
//     older failures is counted in 76 µs rather than 3.5 s.
//
// # Search and indexes
//
// Articles are stored with the search keys of their words
// ([news.SearchKeys] of the title, summary and body text: the folded word,
// "_" and a tag of its marks): in an FTS5 table with a column per field on
// SQLite, in a tsvector column with positions, weighted A (title), B
// (summary) and C (body), and a GIN index on PostgreSQL. A word typed
// without marks is a prefix query on its key ("dai_"* in FTS5, 'dai_':*
// in a tsquery), which finds it with any marks; a word typed with marks
// is its exact key, which finds those marks, wherever the tone is placed
// ([news.MatchWord]). Words match whole: "ho" does not find "hội".
// Phrases are FTS5 phrases and tsquery <-> chains; on PostgreSQL a word
// past the 16,383rd of an article takes position 16,383, so a phrase
// there is not found (the words still are).
//
// A search's rank (see [news.Cursor]) is the first of its rank queries an
// article matches: the words as a phrase in the title, the summary, the
// body (FTS5 column filters, tsquery weights), then every word in one of
// them; then the rarest word in the title, in the summary (the column
// filter or weight on that word, and every word anywhere); the rest rank
// last. The rarest word ([news.Rarest]) is measured by counting each
// word's matches in the full-text index up to news.MaxRarityCount+1, in
// one statement; the counts are kept, by key, until the change version
// moves (see Store.Version), since SQLite reads the whole index entry of
// a word typed without marks to count even a few of its matches. User
// text is never part of SQL: keys are passed as parameters, each quoted
// for the full-text syntax.
//
// A ranked search does not sort every match when it need not. It reads
// its ranks in order, each newest first, and stops when the page is full.
// A rank is first tested on the 1,000 newest articles past the cursor
// that pass the filters, read as keys from an index in publish order,
// and only the page's matches are read in full: a word most articles
// hold fills the first page there.
//
// On SQLite a page is one statement, a UNION ALL that SQLite reads in
// order and stops reading at a full page. Each rank has two parts:
//
//  1. its window: the 1,000 newest articles, newest first. For a search
//     of one word, or sorted by date, the newest five per row of the
//     page are each tested against the level's FTS5 query (less the
//     ranks before it) bound to the article's rowid, which FTS5 answers
//     by seeking each term's doclist to that rowid in every segment of
//     the index: a few lookups, and a rank that fills the page here never
//     reads its other matches, so the first page of a word most articles
//     hold costs about the same at 100,000 and 1,000,000 articles (13 and
//     18 ms on a loaded benchmark machine, see BENCHMARKS.md). The rest of the
//     window is tested against the rank's rowids, read from FTS5 into a
//     set once a statement: probing the whole window one by one cost
//     more than that, and so did probing a phrase, whose probe reads
//     positions and which rarely fills a page from the window. A word
//     typed without marks is a prefix query, which FTS5 answers by
//     reading and merging the doclists of every term it matches, whatever
//     the rowid: it is not probed.
//  2. its matches older than the window: the rank's set (left out of
//     the ranks after it), joined to their articles, filtered and sorted. This reads
//     every match of the rank: its cost grows with the doclists of the
//     search's words, about 0.1 s at 1,000,000 articles for a phrase of
//     two words that most articles hold, in titles only a few.
//
// A rank the page does not reach is not run. Sorting by date
// (news.SortNewest) reads one level the same way, every match: newest
// first from the window, then the older matches sorted, so a word most
// articles hold does not sort its matches, and a rare one sorts its few.
// Page.Total counts the matches, unranked and unsorted, and stops at
// news.MaxSearchTotal+1: FTS5 reads a word's doclist as far as the
// 1,001st match, but a prefix query's merge reads every term's in full.
//
// On PostgreSQL a page is read a rank at a time, in order, in one or two
// queries a rank. First the rank's tsquery (the rank's query, none of the
// ranks before it, no exclusion) is tested on the tsvector of each window
// article, newest first, stopping at the page's end: a few microseconds
// an article, at most 1,000 of them. When the window does not fill the
// page, the rank's candidates are read from the GIN index of
// search_fields(search) (migration 0009), which holds each field's folded
// words and the pairs of words that follow each other in it: a phrase in
// the title is a pair 'A dai hoi', every word in the summary is 'B dai' &
// 'B hoi' & …. GIN intersects those posting lists without reading an
// article; the candidates, a superset (marks, order and exclusions are not
// in the index), are tested on their tsvector and sorted. A rank costs
// its window and its candidates, a row read for each, whatever the
// number of matches of the words anywhere: "đại hội" in the titles of
// the generated million-article archive is 2,878 candidates, where the
// two words alone match about 700,000 articles. Reading the words' matches from the GIN index of search
// instead had PostgreSQL recheck the tsvector of most articles. The last
// rank, news.RankSpread (every word, in no one field), has the words'
// matches for candidates: only a page past every other rank reads it
// when it is not in the window. A search sorted newest first
// (news.SortNewest) is read the same way, as one rank of every match.
// PostgreSQL counts Page.Total first among the
// 5,000 newest articles, where a search that one article in five matches
// reaches the cap, streaming, and then from the GIN index of search, which
// reads each word's whole posting list: PostgreSQL cannot estimate a word
// typed without marks (a prefix query), and read 38,812 matches of four
// common words at 100,000 articles to count 1,001.
//
// Lists are keyset pages over indexes on (publish_at, id), per category,
// per tag and per status: the first page of a category costs the same with
// a thousand articles or a million, and so does a page deep in the archive.
// Times are stored as integer microseconds since 1970 UTC on both
// databases.
package sqlstore
