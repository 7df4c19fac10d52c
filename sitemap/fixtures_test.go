package sitemap

import (
	"bytes"
	"context"
	"flag"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// ict is Asia/Ho_Chi_Minh as a fixed zone, so golden files do not depend
// on the machine's time zone database.
var ict = time.FixedZone("ICT", 7*60*60)

// The URLs of every test: the site's root, where the Handler is mounted,
// and the news section under it.
const (
	site = "https://sokhcn.example.gov.vn/"
	base = site + "tin-tuc/"
)

// at returns a time on 2026-11-dd hh:mm in ict, in UTC as stores keep it.
func at(day, hour, minute int) time.Time {
	return time.Date(2026, time.November, day, hour, minute, 0, 0, ict).UTC()
}

// Fixed IDs, so golden files are stable.
var (
	catHoatDong = &news.Category{
		ID:   uuid.MustParse("5a0d3c1e-7b2f-4e8a-9c61-1d2e3f405161"),
		Slug: "hoat-dong-so", Name: "Hoạt động Sở", UpdatedAt: at(1, 8, 0),
	}
	catChiBo = &news.Category{
		ID:   uuid.MustParse("5a0d3c1e-7b2f-4e8a-9c61-1d2e3f405162"),
		Slug: "chi-bo", Name: "Chi bộ", ParentID: catHoatDong.ID, UpdatedAt: at(1, 8, 0),
	}
	catKHCN = &news.Category{
		ID:   uuid.MustParse("5a0d3c1e-7b2f-4e8a-9c61-1d2e3f405163"),
		Slug: "khoa-hoc-cong-nghe", Name: "Khoa học – Công nghệ", UpdatedAt: at(23, 16, 0),
	}
	catHTQT = &news.Category{
		ID:   uuid.MustParse("5a0d3c1e-7b2f-4e8a-9c61-1d2e3f405164"),
		Slug: "hop-tac-quoc-te", Name: "Hợp tác quốc tế", UpdatedAt: at(1, 8, 0),
	}
	catEmpty = &news.Category{
		ID:   uuid.MustParse("5a0d3c1e-7b2f-4e8a-9c61-1d2e3f405165"),
		Slug: "van-ban", Name: "Văn bản", UpdatedAt: at(1, 8, 0),
	}
	categories = []*news.Category{catHoatDong, catChiBo, catKHCN, catHTQT, catEmpty}
)

// article returns a published article numbered n in cat, in Vietnamese,
// published at pub and last edited at upd.
func article(n int, slug, title string, cat *news.Category, pub, upd time.Time) *news.Article {
	return &news.Article{
		ID:         uuid.MustParse("7c1e2d3f-4a5b-4c6d-8e7f-" + padID(n)),
		Slug:       slug,
		Title:      title,
		Summary:    "Tin của Sở Khoa học và Công nghệ tỉnh Hòa An.",
		Body:       "<p>" + title + ".</p>",
		Author:     "Văn phòng Sở",
		CategoryID: cat.ID,
		Lang:       "vi",
		Status:     news.StatusPublished,
		PublishAt:  pub,
		CreatedAt:  pub.Add(-time.Hour),
		UpdatedAt:  upd,
	}
}

// padID returns n as the last 12 hex digits of a UUID.
func padID(n int) string {
	const digits = "0123456789abcdef"
	b := []byte("000000000000")
	for i := len(b) - 1; i >= 0 && n > 0; i-- {
		b[i] = digits[n%16]
		n /= 16
	}
	return string(b)
}

// articles returns the test archive: four public articles (three in
// Vietnamese, one in English; one published in the news window with an
// ampersand in its title), a draft and an article scheduled after now.
func articles() []*news.Article {
	a1 := article(1, "hoi-thao-chuyen-doi-so-trong-nong-nghiep", "Hội thảo chuyển đổi số trong nông nghiệp", catKHCN, at(20, 14, 30), at(21, 8, 15))
	a1.Cover = &news.Image{URL: "/media/2026/11/hoi-thao.jpg", Alt: "Quang cảnh hội thảo", Width: 1280, Height: 720}
	a2 := article(2, "dai-hoi-chi-bo-chuyen-nganh", "Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2026–2029", catChiBo, at(12, 16, 0), at(12, 15, 0))
	a3 := article(3, "hoa-an-welcomes-korean-delegation", "Hoa An welcomes a delegation on smart agriculture", catHTQT, at(25, 9, 0), at(25, 9, 30))
	a3.Lang = "en"
	a3.Cover = &news.Image{URL: "https://cdn.example.net/doan-han-quoc.jpg?w=1280&h=720", Alt: "The delegation"}
	a4 := article(4, "nghiem-thu-de-tai-khcn-cap-tinh", "Nghiệm thu đề tài KH&CN cấp tỉnh về giống lúa chịu mặn", catKHCN, at(26, 8, 0), at(26, 8, 0))
	draft := article(5, "ban-nhap-ke-hoach-2027", "Bản nháp kế hoạch năm 2027", catKHCN, time.Time{}, at(26, 9, 0))
	draft.Status = news.StatusDraft
	scheduled := article(6, "hen-gio-hoi-cho-cong-nghe", "Hội chợ công nghệ và thiết bị (hẹn giờ)", catKHCN, at(27, 8, 0), at(25, 17, 0))
	return []*news.Article{a1, a2, a3, a4, draft, scheduled}
}

// A clock is a settable clock, safe for concurrent use.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Set moves the clock to t.
func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// An env is a Handler over a memory store holding the test archive, with
// the clock on 2026-11-26 10:00 ICT.
type env struct {
	store *memstore.Store
	clock *clock
	pub   *news.Public
	h     *Handler
}

// newEnv returns an env whose Handler has opts (nil for BaseURL base and
// URL site), mounted at the site's root.
func newEnv(tb testing.TB, opts *Options) *env {
	tb.Helper()
	ctx := context.Background()
	e := &env{store: memstore.New(), clock: &clock{t: at(26, 10, 0)}}
	for _, c := range categories {
		require.NoError(tb, e.store.CreateCategory(ctx, c.Clone()))
	}
	for _, a := range articles() {
		require.NoError(tb, e.store.CreateArticle(ctx, a))
	}
	e.pub = news.NewPublic(e.store, &news.PublicOptions{Now: e.clock.Now})
	if opts == nil {
		opts = &Options{URL: site, PublicationName: "Sở KH&CN tỉnh Hòa An", Location: ict}
	}
	if opts.BaseURL == "" {
		opts.BaseURL = base
	}
	h, err := New(e.pub, opts)
	require.NoError(tb, err)
	e.h = h
	return e
}

// get serves a request for target with the headers (name, value pairs).
func (e *env) get(method, target string, headers ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Add(headers[i], headers[i+1])
	}
	w := httptest.NewRecorder()
	e.h.ServeHTTP(w, r)
	return w
}

// mustGet serves a GET for target and requires a 200 with the sitemaps'
// content type; it returns the body.
func (e *env) mustGet(tb testing.TB, target string) []byte {
	tb.Helper()
	w := e.get(http.MethodGet, target)
	require.Equal(tb, http.StatusOK, w.Code, "GET %s: %s", target, w.Body)
	require.Equal(tb, "application/xml; charset=utf-8", w.Header().Get("Content-Type"), "GET %s", target)
	return w.Body.Bytes()
}

// golden compares got with testdata/name, or rewrites the file with
// -update.
func golden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(tb, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(tb, err, "run go test -update to create it")
	if !bytes.Equal(got, want) {
		tb.Errorf("%s differs from the golden file (run go test -update and review the diff):\ngot:\n%s", name, got)
	}
}

// discard returns a logger that writes nothing.
func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
