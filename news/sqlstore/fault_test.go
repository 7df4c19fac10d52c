package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/sqlstore"
	"github.com/orgnews/orgnews/news/storetest"
)

// The fault tests write into a store that fails (a full disk, a read-only
// database) and check that the failed write changed nothing: every row of
// every table is as it was, the version has not moved, SQLite's integrity
// checks pass, and the store works again once the fault is gone.

// Result codes of SQLite (https://sqlite.org/rescode.html) and SQLSTATEs of
// PostgreSQL that the fault tests expect.
const (
	sqliteReadOnly = 8  // SQLITE_READONLY: "attempt to write a readonly database"
	sqliteFull     = 13 // SQLITE_FULL: "database or disk is full"
	pgReadOnly     = "25006"
)

// The driver errors, matched as sqlstore matches them, without importing
// a driver's error type.
type (
	sqliteCodeError interface{ Code() int }
	sqlStateError   interface{ SQLState() string }
)

// faultCategoryID is the category of the fault tests' articles.
var faultCategoryID = uuid.MustParse("0f6c3b52-9d1e-4a7b-8c2d-5e4f3a2b1c0d")

// faultCategory returns the fault tests' category, renamed when name is
// not empty.
func faultCategory(name string) *news.Category {
	if name == "" {
		name = "Chuyển đổi số"
	}
	c := storetest.NewCategory("chuyen-doi-so", name, uuid.Nil)
	c.ID = faultCategoryID
	return c
}

// faultArticle returns article i of the fault tests, the same every time,
// with a body of paras paragraphs.
func faultArticle(i, paras int) *news.Article {
	var id uuid.UUID
	binary.BigEndian.PutUint32(id[0:], 0xfa017)
	binary.BigEndian.PutUint32(id[8:], uint32(i))
	id[6], id[8] = 0x40|id[6]&0x0f, 0x80|id[8]&0x3f
	a := storetest.NewArticle(faultCategoryID, fmt.Sprintf("hoi-thao-chuyen-doi-so-%d", i),
		fmt.Sprintf("Hội thảo chuyển đổi số số %d: đưa dịch vụ công trực tuyến về xã vùng cao", i),
		testBase.Add(time.Duration(i)*time.Hour))
	a.ID = id
	a.Summary = "Sở Khoa học và Công nghệ phối hợp với Ủy ban nhân dân huyện tổ chức hội thảo."
	a.Body = strings.Repeat("<p>Các đại biểu trao đổi kinh nghiệm hướng dẫn người dân nộp hồ sơ trực tuyến, "+
		"thanh toán không dùng tiền mặt và tra cứu kết quả giải quyết thủ tục hành chính.</p>", paras)
	a.Tags = []string{"Chuyển đổi số", "Hội thảo " + strconv.Itoa(i%7)}
	return a
}

// seedArticles is the number of articles seed writes.
const seedArticles = 21

// seed writes what every fault test starts from: the category and 20
// articles in one Import, article 20 by CreateArticle, and an update that
// moves article 0 to a new slug, keeping the old one as an alias.
func seed(t *testing.T, s *sqlstore.Store) {
	t.Helper()
	ctx := context.Background()
	b := &news.Batch{Categories: []*news.Category{faultCategory("")}}
	for i := range seedArticles - 1 {
		b.Articles = append(b.Articles, faultArticle(i, 2))
	}
	if err := s.Import(ctx, b); err != nil {
		t.Fatalf("seed: Import: %v", err)
	}
	if err := s.CreateArticle(ctx, faultArticle(seedArticles-1, 2)); err != nil {
		t.Fatalf("seed: CreateArticle: %v", err)
	}
	a := faultArticle(0, 2)
	a.Aliases = []string{a.Slug}
	a.Slug += "-da-cap-nhat"
	if err := s.UpdateArticle(ctx, a); err != nil {
		t.Fatalf("seed: UpdateArticle: %v", err)
	}
}

// bigBatch returns an import that, were it written, would change every
// kind of row: it renames the category, rewrites article 1 with a new
// slug and tags, and adds n new articles of paras paragraphs each,
// numbered from seedArticles.
func bigBatch(n, paras int) *news.Batch {
	upd := faultArticle(1, 2)
	upd.Title = "Hội thảo chuyển đổi số số 1 (bản sửa)"
	upd.Slug = "hoi-thao-chuyen-doi-so-1-ban-sua"
	upd.Tags = []string{"Dịch vụ công"}
	b := &news.Batch{
		Categories: []*news.Category{faultCategory("Chuyển đổi số và đổi mới sáng tạo")},
		Articles:   []*news.Article{upd},
	}
	for i := range n {
		b.Articles = append(b.Articles, faultArticle(seedArticles+i, paras))
	}
	return b
}

// faultArchive returns a JSON archive for news.Service.Import of a new
// category and n published articles of paras paragraphs, and a record
// that rewrites article 2 of seed.
func faultArchive(t *testing.T, n, paras int) string {
	t.Helper()
	type (
		category struct {
			Slug string `json:"slug"`
			Name string `json:"name"`
		}
		article struct {
			ID        string   `json:"id,omitempty"`
			Title     string   `json:"title"`
			BodyHTML  string   `json:"body_html,omitempty"`
			Category  string   `json:"category"`
			Tags      []string `json:"tags,omitempty"`
			Status    string   `json:"status,omitempty"`
			PublishAt string   `json:"publish_at,omitempty"`
		}
	)
	f := struct {
		Version    int        `json:"version"`
		Categories []category `json:"categories"`
		Articles   []article  `json:"articles"`
	}{Version: news.ArchiveVersion, Categories: []category{{"tap-huan", "Tập huấn"}}}
	f.Articles = append(f.Articles, article{
		ID:       faultArticle(2, 2).ID.String(),
		Title:    "Hội thảo chuyển đổi số số 2 (nhập lại)",
		BodyHTML: "<p>Nội dung được nhập lại từ tệp lưu trữ.</p>",
		Category: "chuyen-doi-so",
		Status:   "published",
	})
	for i := range n {
		f.Articles = append(f.Articles, article{
			Title: fmt.Sprintf("Tập huấn kỹ năng số cho cán bộ xã, lớp %d", i+1),
			BodyHTML: strings.Repeat("<p>Học viên được hướng dẫn sử dụng chữ ký số, hộp thư công vụ "+
				"và phần mềm quản lý văn bản điều hành.</p>", paras),
			Category:  "tap-huan",
			Tags:      []string{"Tập huấn", "Kỹ năng số"},
			Status:    "published",
			PublishAt: testBase.Add(time.Duration(1000+i) * time.Hour).Format(time.RFC3339),
		})
	}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// faultService returns a publishing service over s with a fixed clock.
func faultService(s news.Store) *news.Service {
	now := testBase.Add(24 * time.Hour)
	return news.NewService(s, &news.ServiceOptions{Now: func() time.Time { return now }})
}

// contents returns every row of every table in the database, one line per
// row, sorted: for SQLite the FTS5 table and its shadow tables too, for
// PostgreSQL the tables of the current schema, with their tsvectors. Two
// equal results mean the same stored data.
func contents(t *testing.T, db *sql.DB, dialect sqlstore.Dialect) string {
	t.Helper()
	ctx := context.Background()
	list := "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' FROM sqlite_master WHERE type = 'table'"
	if dialect == sqlstore.PostgreSQL {
		list = "SELECT table_name, false FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	type table struct {
		name    string
		virtual bool
	}
	var tables []table
	rows, err := db.QueryContext(ctx, list)
	if err != nil {
		t.Fatalf("list tables: %v", err)
	}
	for rows.Next() {
		var tb table
		if err := rows.Scan(&tb.name, &tb.virtual); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, tb)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if len(tables) == 0 {
		t.Fatal("contents: the database has no tables")
	}
	var lines []string
	for _, tb := range tables {
		q := `SELECT * FROM "` + tb.name + `"`
		switch {
		case dialect == sqlstore.PostgreSQL:
			q = `SELECT t::text FROM "` + tb.name + `" t`
		case tb.virtual:
			q = `SELECT rowid, * FROM "` + tb.name + `"`
		}
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		cols, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			var b strings.Builder
			b.WriteString(tb.name)
			for _, v := range vals {
				switch v := v.(type) {
				case string, []byte:
					fmt.Fprintf(&b, " %q", v)
				default:
					fmt.Fprintf(&b, " %v", v)
				}
			}
			lines = append(lines, b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		rows.Close()
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

// expectSame fails the test when the database's contents differ from
// before, listing the first differing rows.
func expectSame(t *testing.T, what, before, after string) {
	t.Helper()
	if before == after {
		return
	}
	diff := strings.Split(storetest.LineDiff(before, after), "\n")
	n := len(diff)
	if n > 10 {
		diff = append(diff[:10], "…")
	}
	t.Errorf("%s failed but changed the database (%d rows before, %d after, %d lines differ):\n%s",
		what, strings.Count(before, "\n")+1, strings.Count(after, "\n")+1, n, strings.Join(diff, "\n"))
}

// expectChanged fails the test when a write that succeeded left the
// database's contents as they were: then contents would see no change, and
// expectSame would pass whatever a failed write did.
func expectChanged(t *testing.T, what, before, after string) {
	t.Helper()
	if before == after {
		t.Errorf("%s succeeded, but the database's contents read the same as before", what)
	}
}

// checkSQLiteIntegrity fails the test unless, for the SQLite file path,
// PRAGMA integrity_check says ok and the FTS5 index agrees with the rows
// it indexes. It checks on a connection of its own, closed after: with
// SQLite 3.54.1 (modernc.org/sqlite v1.62.0) a connection that has run
// PRAGMA integrity_check once reports a false "fts5: checksum mismatch"
// on its next check after another connection wrote.
func checkSQLiteIntegrity(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var integrity string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("PRAGMA integrity_check = %q, %v", integrity, err)
	}
	if _, err := db.Exec("INSERT INTO article_search (article_search, rank) VALUES ('integrity-check', 1)"); err != nil {
		t.Fatalf("FTS5 integrity-check: %v", err)
	}
}

// expectFailed checks err, from a write that must fail because of a fault:
// it names the operation (op), says what is wrong (text), and wraps the
// driver's error whose code match accepts.
func expectFailed(t *testing.T, what string, err error, op, text string, match func(error) bool) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error", what)
	}
	t.Logf("%s: %v", what, err)
	if !strings.Contains(err.Error(), op) || !strings.Contains(err.Error(), text) {
		t.Errorf("%s = %v, want an error containing %q and %q", what, err, op, text)
	}
	if !match(err) {
		t.Errorf("%s = %v (%T), which does not wrap the driver's error with the expected code", what, err, err)
	}
	if errors.Is(err, news.ErrConflict) || errors.Is(err, news.ErrNotFound) || errors.Is(err, news.ErrInvalid) {
		t.Errorf("%s = %v, which wraps a domain error: the fault is the database's, not the data's", what, err)
	}
}

// sqliteCode returns a matcher of SQLite errors whose primary result code
// is code.
func sqliteCode(code int) func(error) bool {
	return func(err error) bool {
		var e sqliteCodeError
		return errors.As(err, &e) && e.Code()&0xff == code
	}
}

// sqlState returns a matcher of PostgreSQL errors with the SQLSTATE.
func sqlState(state string) func(error) bool {
	return func(err error) bool {
		var e sqlStateError
		return errors.As(err, &e) && e.SQLState() == state
	}
}

// expectVersion fails the test unless s's version is want.
func expectVersion(t *testing.T, s *sqlstore.Store, what string, want int64) {
	t.Helper()
	if v, err := s.Version(context.Background()); err != nil || v != want {
		t.Errorf("after %s: Version = %d, %v; want %d", what, v, err, want)
	}
}

// expectImported checks that the articles of b read back from s.
func expectImported(t *testing.T, s *sqlstore.Store, b *news.Batch) {
	t.Helper()
	for _, want := range b.Articles {
		got, err := s.ArticleBySlug(context.Background(), want.Slug)
		if err != nil || got.ID != want.ID || got.Title != want.Title {
			t.Errorf("ArticleBySlug(%q) = %v, %v; want the article %s, %q", want.Slug, got, err, want.ID, want.Title)
		}
	}
}

// fullDiskPages is how many pages beyond its size a database may grow in
// TestFullDiskImport: enough for a small import, far too few for
// bigBatch(300, 6) or faultArchive(300, 4).
const fullDiskPages = 48

// TestFullDiskImport fills the disk during an Import: max_page_count, set
// through the DSN a few pages above the database's size, makes SQLite fail
// as it does on a full disk. The Import, and a news.Service import of a
// JSON archive, must fail with SQLITE_FULL and leave every row as it was;
// the database must stay sound and take a smaller import afterwards.
func TestFullDiskImport(t *testing.T) {
	ctx := context.Background()
	s, path := openSQLite(t, nil)
	seed(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	raw := rawDB(t, "sqlite", path)
	var pages int
	if err := raw.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	dsn := fmt.Sprintf("file:%s?_pragma=max_page_count(%d)", path, pages+fullDiskPages)
	s = openSQLiteFile(t, dsn, nil)
	v, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before := contents(t, raw, sqlstore.SQLite)
	full := sqliteCode(sqliteFull)

	big := bigBatch(300, 6)
	err = s.Import(ctx, big)
	expectFailed(t, "Import onto a full disk", err, "sqlstore: import", "database or disk is full", full)
	expectSame(t, "Import onto a full disk", before, contents(t, raw, sqlstore.SQLite))
	expectVersion(t, s, "a failed Import", v)
	checkSQLiteIntegrity(t, path)
	if _, err := s.ArticleBySlug(ctx, big.Articles[len(big.Articles)-1].Slug); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("ArticleBySlug(an article of the failed Import) = %v, want ErrNotFound", err)
	}

	_, err = faultService(s).Import(ctx, strings.NewReader(faultArchive(t, 300, 4)))
	expectFailed(t, "Service.Import onto a full disk", err, "news: import: sqlstore: import", "database or disk is full", full)
	expectSame(t, "Service.Import onto a full disk", before, contents(t, raw, sqlstore.SQLite))
	expectVersion(t, s, "a failed Service.Import", v)
	checkSQLiteIntegrity(t, path)

	small := bigBatch(3, 1)
	if err := s.Import(ctx, small); err != nil {
		t.Fatalf("a small Import after the failed ones: %v", err)
	}
	expectVersion(t, s, "a small Import", v+1)
	expectImported(t, s, small)
	expectChanged(t, "a small Import", before, contents(t, raw, sqlstore.SQLite))
	checkSQLiteIntegrity(t, path)
}

// readOnlyDSNs are the ways TestOpenReadOnly opens a database read-only.
var readOnlyDSNs = []struct {
	name, backend string
	dsn           func(dsn string) string
	failed        func(error) bool
}{
	{"sqlite mode=ro", "sqlite", func(path string) string { return "file:" + path + "?mode=ro" }, sqliteCode(sqliteReadOnly)},
	{"sqlite query_only", "sqlite", func(path string) string { return "file:" + path + "?_pragma=query_only(1)" }, sqliteCode(sqliteReadOnly)},
	{"postgres default_transaction_read_only", "postgres", func(dsn string) string {
		return withParam(dsn, "default_transaction_read_only", "on")
	}, sqlState(pgReadOnly)},
	{"postgres options", "postgres", func(dsn string) string {
		return withParam(dsn, "options", "-c default_transaction_read_only=on")
	}, sqlState(pgReadOnly)},
}

// withParam returns the PostgreSQL URL dsn with the query parameter set;
// pgx sends a parameter it does not know to the server as a run-time
// setting. A space is written %20: libpq URIs do not read + as a space.
func withParam(dsn, name, value string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		panic(err)
	}
	q := u.Query()
	q.Set(name, value)
	u.RawQuery = strings.ReplaceAll(q.Encode(), "+", "%20")
	return u.String()
}

// TestOpenReadOnly opens a populated database read-only. A Store refuses
// it at Open, with an error that says the database is read-only, rather
// than at the first write; nothing is changed.
func TestOpenReadOnly(t *testing.T) {
	for _, tc := range readOnlyDSNs {
		t.Run(tc.name, func(t *testing.T) {
			var b backend
			for _, x := range backends {
				if x.name == tc.backend {
					b = x
				}
			}
			s, dsn := b.open(t, nil)
			seed(t, s)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			raw := rawDB(t, b.name, dsn)
			dialect := s.Dialect()
			before := contents(t, raw, dialect)
			driver := map[string]string{"sqlite": "sqlite", "postgres": "pgx"}[b.name]
			ro, err := sqlstore.Open(context.Background(), driver, tc.dsn(dsn), nil)
			if err == nil {
				ro.Close()
				t.Fatalf("Open(%s, read-only): no error", driver)
			}
			t.Logf("Open(%s, read-only): %v", driver, err)
			if !strings.Contains(err.Error(), "readonly") && !strings.Contains(err.Error(), "read-only") {
				t.Errorf("Open(%s, read-only) = %v, want an error that says the database is read-only", driver, err)
			}
			if !tc.failed(err) {
				t.Errorf("Open(%s, read-only) = %v, which does not wrap the driver's read-only error", driver, err)
			}
			expectSame(t, "Open(read-only)", before, contents(t, raw, dialect))
		})
	}
}

// A readOnlyBackend opens a Store on a pool of one connection, so that a
// setting of that connection makes the Store's database read-only while
// it is open, and back.
type readOnlyBackend struct {
	backend
	setReadOnly, setWritable string
	failed                   func(error) bool
	text                     string // in the error of a refused write
}

var readOnlyBackends = []readOnlyBackend{
	{backends[0], "PRAGMA query_only = 1", "PRAGMA query_only = 0", sqliteCode(sqliteReadOnly), "readonly"},
	{backends[1], "SET default_transaction_read_only = on", "SET default_transaction_read_only = off", sqlState(pgReadOnly), "read-only"},
}

// openOneConn opens a Store with New on a pool of one connection to a new
// database of the backend, and returns it with that pool and the DSN.
func openOneConn(t *testing.T, b readOnlyBackend) (*sqlstore.Store, *sql.DB, string) {
	t.Helper()
	var dsn, driver, conn string
	dialect := sqlstore.SQLite
	switch b.name {
	case "sqlite":
		dsn = filepath.Join(t.TempDir(), "news.db")
		// The parameters Open would add.
		driver, conn = "sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate"
	default:
		dsn = postgresSchema(t)
		driver, conn, dialect = "pgx", dsn, sqlstore.PostgreSQL
	}
	db, err := sql.Open(driver, conn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.SetMaxOpenConns(1)
	s, err := sqlstore.New(context.Background(), db, dialect, nil)
	if err != nil {
		t.Fatalf("New(%s): %v", dialect, err)
	}
	return s, db, dsn
}

// TestReadOnlyMidway makes the database of an open Store read-only after
// it has written, as a disk remounted read-only or a PostgreSQL standby
// would: Import, CreateArticle, UpdateArticle and a news.Service import
// fail with an error that says so and wraps the database's, and change
// nothing. Made writable again, the same Store writes.
func TestReadOnlyMidway(t *testing.T) {
	for _, b := range readOnlyBackends {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s, db, dsn := openOneConn(t, b)
			seed(t, s)
			raw := rawDB(t, b.name, dsn)
			v, err := s.Version(ctx)
			if err != nil {
				t.Fatal(err)
			}
			before := contents(t, raw, s.Dialect())
			if _, err := db.ExecContext(ctx, b.setReadOnly); err != nil {
				t.Fatalf("%s: %v", b.setReadOnly, err)
			}

			upd := faultArticle(3, 2)
			upd.Title = "Hội thảo chuyển đổi số số 3 (đã sửa)"
			created := faultArticle(500, 2)
			writes := []struct {
				name, op string
				write    func() error
			}{
				{"Import", "sqlstore: import", func() error { return s.Import(ctx, bigBatch(20, 2)) }},
				{"CreateArticle", "sqlstore: article " + created.ID.String(), func() error { return s.CreateArticle(ctx, created) }},
				{"UpdateArticle", "sqlstore: article " + upd.ID.String(), func() error { return s.UpdateArticle(ctx, upd) }},
				{"Service.Import", "news: import: sqlstore: import", func() error {
					_, err := faultService(s).Import(ctx, strings.NewReader(faultArchive(t, 5, 1)))
					return err
				}},
			}
			for _, w := range writes {
				expectFailed(t, w.name+" on a read-only database", w.write(), w.op, b.text, b.failed)
				expectSame(t, w.name+" on a read-only database", before, contents(t, raw, s.Dialect()))
				expectVersion(t, s, "a failed "+w.name, v)
			}
			if b.name == "sqlite" {
				checkSQLiteIntegrity(t, dsn)
			}

			if _, err := db.ExecContext(ctx, b.setWritable); err != nil {
				t.Fatalf("%s: %v", b.setWritable, err)
			}
			small := bigBatch(3, 1)
			if err := s.Import(ctx, small); err != nil {
				t.Fatalf("Import once writable again: %v", err)
			}
			if err := s.UpdateArticle(ctx, upd); err != nil {
				t.Fatalf("UpdateArticle once writable again: %v", err)
			}
			expectVersion(t, s, "two writes", v+2)
			expectImported(t, s, small)
			expectImported(t, s, &news.Batch{Articles: []*news.Article{upd}})
			expectChanged(t, "two writes", before, contents(t, raw, s.Dialect()))
		})
	}
}
