package migrate_test

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/mediadir"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/news/migrate"
	"github.com/orgnews/orgnews/news/sqlstore"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/golden/")

// now is the clock of every test: after everything the test data
// published, before the WordPress post scheduled for January 2027.
var now = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)

// An oldSite is the old portal: an httptest server that answers for
// every host of the test data, serving its feeds and tiny real photos and
// files, and counting the requests.
type oldSite struct {
	srv       *httptest.Server
	client    *http.Client
	requests  atomic.Int64 // every request
	media     atomic.Int64 // requests for photos and files
	inFlight  atomic.Int64 // photo and file requests being answered
	maxFlight atomic.Int64 // the most inFlight ever was
	delay     time.Duration
}

// feeds are the feed pages the old site serves, by path and query.
var feeds = map[string]string{
	"/feed/":                "wordpress-feed.xml",
	"/feed/?paged=2":        "wordpress-feed-2.xml",
	"/rss/":                 "ghost.xml",
	"/tin-tuc.atom":         "atom.xml",
	"/tin-tuc.atom?trang=2": "atom-2.xml",
	"/portal.rss":           "portal.xml",
}

// newOldSite starts the old site; its client sends every request, whatever
// the host, to it.
func newOldSite(tb testing.TB) *oldSite {
	tb.Helper()
	s := &oldSite{delay: 5 * time.Millisecond}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.srv.Close)
	target, err := url.Parse(s.srv.URL)
	require.NoError(tb, err)
	s.client = &http.Client{Transport: &toServer{target: target, next: s.srv.Client().Transport}}
	return s
}

// toServer sends every request to target.
type toServer struct {
	target *url.URL
	next   http.RoundTripper
}

func (t *toServer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host = t.target.Scheme, t.target.Host
	return t.next.RoundTrip(r)
}

func (s *oldSite) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	key := r.URL.Path
	if r.URL.RawQuery != "" {
		key += "?" + r.URL.RawQuery
	}
	if name, ok := feeds[key]; ok {
		w.Header().Set("Content-Type", "application/rss+xml; charset=UTF-8")
		http.ServeFile(w, r, filepath.Join("testdata", name))
		return
	}
	ext := strings.ToLower(path.Ext(r.URL.Path))
	if ext == "" || ext == ".html" || ext == ".xml" || ext == ".atom" || ext == ".rss" {
		http.NotFound(w, r)
		return
	}
	s.media.Add(1)
	n := s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	for {
		m := s.maxFlight.Load()
		if n <= m || s.maxFlight.CompareAndSwap(m, n) {
			break
		}
	}
	time.Sleep(s.delay)
	name := path.Base(r.URL.Path)
	switch {
	case strings.Contains(name, "missing"):
		http.NotFound(w, r)
		return
	case strings.Contains(name, "slow"):
		<-r.Context().Done()
		return
	case strings.Contains(name, "login"):
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!doctype html><title>Đăng nhập</title>"))
		return
	case strings.Contains(name, "disguised"):
		w.Header().Set("Content-Type", "image/jpeg")
		w.Write([]byte("<!doctype html><title>Đăng nhập</title>"))
		return
	}
	var data []byte
	var typ string
	switch ext {
	case ".jpg", ".jpeg":
		data, typ = photo(name, "jpeg"), "image/jpeg"
	case ".png":
		data, typ = photo(name, "png"), "image/png"
	case ".pdf":
		data, typ = pdfBytes(name), "application/pdf"
	case ".docx":
		data, typ = docxBytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	default:
		http.NotFound(w, r)
		return
	}
	if strings.Contains(name, "large") {
		data = append(data, make([]byte, 64<<10)...)
	}
	w.Header().Set("Content-Type", typ)
	w.Write(data)
}

// photo returns a small photo, of a colour of its own for each name, so
// that every URL is a different file.
func photo(name, format string) []byte {
	h := fnv.New32a()
	h.Write([]byte(name))
	sum := h.Sum32()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	c := color.RGBA{uint8(sum), uint8(sum >> 8), uint8(sum >> 16), 255}
	for y := range 48 {
		for x := range 64 {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if format == "png" {
		png.Encode(&b, img)
	} else {
		jpeg.Encode(&b, img, &jpeg.Options{Quality: 80})
	}
	return b.Bytes()
}

// pdfBytes returns a tiny PDF document that names itself.
func pdfBytes(name string) []byte {
	return []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% " +
		name + "\ntrailer << /Root 1 0 R >>\n%%EOF\n")
}

// docxBytes returns the smallest Word document the media library takes.
func docxBytes() []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>`},
		{"word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`},
	} {
		w, _ := zw.Create(f.name)
		w.Write([]byte(f.body))
	}
	zw.Close()
	return b.Bytes()
}

// A target is where a migration writes: a store, its service and media
// library.
type target struct {
	store news.NewsroomStore
	svc   *news.Service
	pub   *news.Public
	lib   *news.MediaLibrary
	sopts *news.ServiceOptions
}

// newTarget returns an empty target on a memstore or, for "sqlite", a
// SQLite file in a temporary directory, or for "postgres" a schema of its
// own in the test PostgreSQL database (skipping without one).
func newTarget(tb testing.TB, kind string) *target {
	tb.Helper()
	var st news.NewsroomStore
	switch kind {
	case "postgres":
		s, err := sqlstore.Open(context.Background(), "pgx", postgresSchema(tb), nil)
		require.NoError(tb, err)
		tb.Cleanup(func() { s.Close() })
		st = s
	case "sqlite":
		s, err := sqlstore.Open(context.Background(), "sqlite", filepath.Join(tb.TempDir(), "news.db"), nil)
		require.NoError(tb, err)
		tb.Cleanup(func() { s.Close() })
		st = s
	default:
		st = memstore.New()
	}
	files, err := mediadir.Open(tb.TempDir())
	require.NoError(tb, err)
	ids := 0
	sopts := &news.ServiceOptions{Now: func() time.Time { return now }, NewID: func() (id uuid.UUID) {
		ids++
		id[15], id[14], id[6], id[8] = byte(ids), byte(ids>>8), 0x40, 0x80
		return id
	}}
	nr := news.NewNewsroom(st, &news.NewsroomOptions{Now: func() time.Time { return now }})
	return &target{
		store: st,
		svc:   news.NewService(st, sopts),
		pub:   news.NewPublic(st, &news.PublicOptions{Now: func() time.Time { return now }}),
		lib:   news.NewMediaLibrary(nr, files, &news.MediaOptions{Widths: []int{32}}, "/media/"),
		sopts: sopts,
	}
}

// options returns the options of a migration into t from the old site.
func (t *target) options(site *oldSite) *migrate.Options {
	return &migrate.Options{Media: t.lib, Client: site.client, Service: t.sopts, Timeout: 2 * time.Second}
}

// export returns the target's archive.
func (t *target) export(tb testing.TB) []byte {
	tb.Helper()
	var b bytes.Buffer
	require.NoError(tb, t.svc.Export(context.Background(), &b))
	return b.Bytes()
}

// postgresEnv names the PostgreSQL database of the tests.
const postgresEnv = "ORGNEWS_TEST_POSTGRES"

var schemaSeq atomic.Int64

// postgresSchema creates a schema of its own for the test in the test
// database, so that runs of other packages and engineers never meet,
// drops it at cleanup, and returns a DSN whose search_path is that
// schema. It skips the test without ORGNEWS_TEST_POSTGRES.
func postgresSchema(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(postgresEnv)
	if base == "" {
		tb.Skipf("PostgreSQL tests skipped: set %s to a database URL, such as postgres://postgres@127.0.0.1:5432/test?sslmode=disable", postgresEnv)
	}
	admin, err := sql.Open("pgx", base)
	require.NoError(tb, err)
	defer admin.Close()
	name := fmt.Sprintf("orgnews_migrate_test_%d_%d", os.Getpid(), schemaSeq.Add(1))
	_, err = admin.ExecContext(context.Background(), "CREATE SCHEMA "+name)
	require.NoError(tb, err)
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
	require.NoError(tb, err)
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}

// golden compares got with the golden file testdata/golden/name, or
// rewrites it with -update.
func golden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(tb, os.MkdirAll(filepath.Dir(file), 0o755))
		require.NoError(tb, os.WriteFile(file, got, 0o644))
	}
	want, err := os.ReadFile(file)
	require.NoError(tb, err, "run go test -update to write the golden file")
	require.Equal(tb, string(want), string(got), "report differs from %s (go test -update rewrites it)", file)
}
