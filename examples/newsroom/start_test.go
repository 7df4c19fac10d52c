package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// syncBuffer is a log destination that goroutines may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startAppLog starts the demo with args (plus -addr on a free port, and
// no partner portal unless args ask for one) and returns the app and its
// log; the servers stop when the test ends.
func startAppLog(tb testing.TB, args ...string) (*app, *syncBuffer) {
	tb.Helper()
	cfg, err := parseFlags(append([]string{"-addr", "127.0.0.1:0", "-embed-addr", ""}, args...), io.Discard)
	require.NoError(tb, err)
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{}
	a, err := newApp(ctx, cfg, slog.New(slog.NewTextHandler(log, nil)))
	if err != nil {
		cancel()
		tb.Fatalf("newApp: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- a.serve(ctx) }()
	tb.Cleanup(func() {
		cancel()
		assert.NoError(tb, <-done)
		a.close()
	})
	return a, log
}

// TestHomePageAnyArchive checks that the home page works whatever the
// store holds: each box whose category is missing is hidden and logged,
// and the menu links only to categories that exist.
func TestHomePageAnyArchive(t *testing.T) {
	archive := writeFile(t, filepath.Join(t.TempDir(), "archive.json"), `{"version":1,
		"categories":[{"slug":"tin-tuc","name":"Tin tức"},{"slug":"thong-bao","name":"Thông báo"}],
		"articles":[
			{"title":"Hội nghị giao ban công tác quý IV","body_html":"<p>Sở tổ chức hội nghị giao ban.</p>","category":"tin-tuc","status":"published","publish_at":"2026-10-05 08:00"},
			{"title":"Thông báo lịch tiếp công dân tháng 11","category":"thong-bao","status":"published","publish_at":"2026-10-30"}]}`)
	tests := []struct {
		name    string
		args    []string
		want    []string // in the page
		notWant []string // not in the page
		logged  []string // in the log
	}{
		{"imported archive", []string{"-demo=false", "-import", archive},
			[]string{"Hội nghị giao ban công tác quý IV", "Thông báo lịch tiếp công dân tháng 11", "categories/thong-bao"},
			[]string{"categories/khoa-hoc-cong-nghe", "categories/van-ban"},
			[]string{`category=tin-hoat-dong`, `category=van-ban`, `category=hop-tac-quoc-te`}},
		{"empty store", []string{"-demo=false"}, []string{"Sở Khoa học và Công nghệ"}, []string{"categories/thong-bao"},
			[]string{`category=thong-bao`}},
		{"demo", nil, []string{"categories/khoa-hoc-cong-nghe", "categories/van-ban", "categories/hop-tac-quoc-te"}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, log := startAppLog(t, append([]string{"-db", "memory"}, tc.args...)...)
			for range 2 {
				resp, body := get(t, a.siteURL)
				require.Equal(t, http.StatusOK, resp.StatusCode, body)
				assert.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
				for _, s := range tc.want {
					assert.True(t, strings.Contains(body, s), "the home page lacks %q", s)
				}
				for _, s := range tc.notWant {
					assert.False(t, strings.Contains(body, s), "the home page has %q", s)
				}
			}
			for _, s := range tc.logged {
				assert.Contains(t, log.String(), s)
			}
			if tc.logged == nil {
				assert.NotContains(t, log.String(), "home page box hidden")
			}
		})
	}
}

// TestImportUsesDemoCategories imports, into a new database, articles in
// categories that only the demo content has: the demo is loaded first.
func TestImportUsesDemoCategories(t *testing.T) {
	archive := writeFile(t, filepath.Join(t.TempDir(), "extra.json"), `{"articles":[
		{"title":"Thông báo tuyển chọn nhiệm vụ khoa học năm 2028","category":"thong-bao","status":"published","publish_at":"2026-11-20 09:00"}]}`)
	a, _ := startAppLog(t, "-db", filepath.Join(t.TempDir(), "news.db"), "-import", archive)
	got, err := a.store.ArticleBySlug(context.Background(), "thong-bao-tuyen-chon-nhiem-vu-khoa-hoc-nam-2028")
	require.NoError(t, err)
	assert.Len(t, allArticles(t, a.store, news.Query{}), 72+len(staffArticles))
	tree, err := a.pub.CategoryTree(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "thong-bao", tree.Category(got.CategoryID).Slug)
}

// TestDemoLoadRace starts two demos at once on one new database, SQLite
// and PostgreSQL: both start, the demo content is there once, and one of
// them creates the newsroom's accounts and articles while the other finds
// them there.
func TestDemoLoadRace(t *testing.T) {
	dbs := map[string]string{"sqlite": filepath.Join(t.TempDir(), "news.db")}
	if dsn := postgresSchemaURL(t); dsn != "" {
		dbs["postgres"] = dsn
	}
	t.Setenv(adminPasswordEnv, testPassword)
	for name, db := range dbs {
		t.Run(name, func(t *testing.T) {
			cfg, err := parseFlags([]string{"-addr", "127.0.0.1:0", "-embed-addr", "", "-db", db}, io.Discard)
			require.NoError(t, err)
			apps := make([]*app, 2)
			logs := make([]*syncBuffer, 2)
			errs := make([]error, 2)
			var wg sync.WaitGroup
			for i := range apps {
				logs[i] = &syncBuffer{}
				wg.Go(func() {
					apps[i], errs[i] = newApp(context.Background(), cfg, slog.New(slog.NewTextHandler(logs[i], nil)))
				})
			}
			wg.Wait()
			for i, a := range apps {
				require.NoError(t, errs[i], "instance %d", i)
				t.Cleanup(a.close)
			}
			cats, err := apps[0].store.Categories(context.Background())
			require.NoError(t, err)
			assert.Len(t, cats, 13)
			assert.Len(t, allArticles(t, apps[1].store, news.Query{}), 71+len(staffArticles))
			assert.Len(t, accountsOf(t, apps[0].store), 1+len(demoStaff))
			created := 0
			for _, l := range logs {
				created += strings.Count(l.String(), "created the demo newsroom")
			}
			assert.Equal(t, 1, created, "one instance creates the newsroom")
		})
	}
}

var pgSchemas atomic.Int64

// postgresSchemaURL returns the URL of a schema of its own in the
// ORGNEWS_TEST_POSTGRES database, dropped when the test ends, or "" when
// the variable is unset.
func postgresSchemaURL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv("ORGNEWS_TEST_POSTGRES")
	if base == "" {
		tb.Log("PostgreSQL skipped: set ORGNEWS_TEST_POSTGRES to a database URL, such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
		return ""
	}
	admin, err := sql.Open("pgx", base)
	require.NoError(tb, err)
	defer admin.Close()
	name := fmt.Sprintf("orgnews_newsroom_%d_%d", os.Getpid(), pgSchemas.Add(1))
	_, err = admin.ExecContext(context.Background(), "CREATE SCHEMA "+name)
	require.NoError(tb, err)
	tb.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		require.NoError(tb, err)
		defer db.Close()
		_, err = db.ExecContext(context.Background(), "DROP SCHEMA "+name+" CASCADE")
		assert.NoError(tb, err)
	})
	u, err := url.Parse(base)
	require.NoError(tb, err)
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestDBFlag(t *testing.T) {
	dir := t.TempDir()
	expected := `want memory, a postgres:// URL, sqlite:PATH, or a SQLite file name ending in .db or .sqlite or holding a slash; did you mean memory?`
	tests := []struct {
		name, db, want string // want: the error, "" for none
	}{
		{"memory", "memory", ""},
		{"postgres", "postgres://u:p@localhost/news", ""},
		{"postgresql", "postgresql://u@localhost/news", ""},
		{"sqlite prefix", "sqlite:newsroom", ""},
		{"db file", "newsroom.db", ""},
		{"sqlite file", "newsroom.sqlite", ""},
		{"path with a slash", "./data/newsroom", ""},
		{"typo of memory", "memry", `-db "memry": ` + expected},
		{"bare name", "newsroom", `-db "newsroom": ` + expected},
		{"empty sqlite path", "sqlite:", `-db "sqlite:": ` + expected},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseFlags([]string{"-db", tc.db}, io.Discard)
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.EqualError(t, err, tc.want)
		})
	}

	missing := filepath.Join(dir, "khong-co", "news.db")
	_, _, _, err := openStore(context.Background(), missing, slog.New(slog.DiscardHandler))
	require.EqualError(t, err, fmt.Sprintf("-db %s: the directory %s does not exist", missing, filepath.Join(dir, "khong-co")))
	_, err = os.Stat(missing)
	assert.ErrorIs(t, err, os.ErrNotExist)

	s, closeStore, name, err := openStore(context.Background(), "sqlite:"+filepath.Join(dir, "newsroom"), slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	defer closeStore()
	assert.Equal(t, "SQLite "+filepath.Join(dir, "newsroom"), name)
	_, err = s.Version(context.Background())
	require.NoError(t, err)
	assert.FileExists(t, filepath.Join(dir, "newsroom"))
	assert.True(t, strings.HasPrefix(name, "SQLite "))
}

// TestDemoUpdatedOnlyWhenChanged checks that the demo's articles show
// "Cập nhật" only when their content changed after they were published,
// not at the time the demo was loaded.
func TestDemoUpdatedOnlyWhenChanged(t *testing.T) {
	a, _ := startAppLog(t, "-db", "memory")
	updated := 0
	for _, art := range allArticles(t, a.store, news.Query{Status: news.StatusPublished}) {
		switch {
		case art.OwnerID != uuid.Nil:
			continue // scheduled in the demo newsroom, after its last edit
		case art.Title == "Thông báo thay đổi địa điểm tiếp nhận hồ sơ kiểm định phương tiện đo":
			assert.Equal(t, 50*time.Hour+30*time.Minute, art.UpdatedAt.Sub(art.PublishAt), "the corrected notice")
			updated++
		default:
			assert.True(t, art.UpdatedAt.Equal(art.PublishAt), "%s: UpdatedAt %v, PublishAt %v", art.Slug, art.UpdatedAt, art.PublishAt)
		}
	}
	assert.Equal(t, 1, updated)
	for slug, want := range map[string]bool{
		"thong-bao-thay-doi-dia-diem-tiep-nhan-ho-so-kiem-dinh-phuong-tien-do":           true,
		"chi-bo-quan-ly-chuyen-nganh-to-chuc-thanh-cong-dai-hoi-nhiem-ky-2025-2030":      false,
		"department-signs-coconut-processing-research-agreement-with-a-dutch-university": false,
	} {
		resp, body := get(t, a.siteURL+"news/articles/"+slug)
		require.Equal(t, http.StatusOK, resp.StatusCode, slug)
		shown := strings.Contains(body, "Cập nhật") || strings.Contains(body, "Updated")
		assert.Equal(t, want, shown, "%s shows updated", slug)
	}
}
