package sitemap

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// urlset is a parsed sitemap, for assertions.
type urlset struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
		Image   []struct {
			Loc string `xml:"loc"`
		} `xml:"http://www.google.com/schemas/sitemap-image/1.1 image"`
		News *struct {
			Name     string `xml:"publication>name"`
			Language string `xml:"publication>language"`
			Date     string `xml:"publication_date"`
			Title    string `xml:"title"`
		} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
	} `xml:"url"`
}

// index is a parsed sitemap index.
type index struct {
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

// parse unmarshals a sitemap or index body into v.
func parse(tb testing.TB, body []byte, v any) {
	tb.Helper()
	require.NoError(tb, xml.Unmarshal(body, v), "%s", body)
}

// locs returns the locations a urlset lists.
func (u urlset) locs() []string {
	var out []string
	for _, x := range u.URLs {
		out = append(out, x.Loc)
	}
	return out
}

// partPath returns the path, relative to the mount, of a part the index
// lists at loc.
func partPath(loc string) string { return "/" + strings.TrimPrefix(loc, site) }

func TestGolden(t *testing.T) {
	e := newEnv(t, nil)
	for _, tc := range []struct{ path, file string }{
		{"/sitemap.xml", "index.xml"},
		{"/sitemaps/pages-1.xml", "pages-1.xml"},
		{"/sitemaps/articles-vi-1.xml", "articles-vi-1.xml"},
		{"/sitemaps/articles-en-1.xml", "articles-en-1.xml"},
		{"/sitemap-news.xml", "news.xml"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			golden(t, tc.file, e.mustGet(t, tc.path))
		})
	}
}

func TestIndexListsEveryPartOnce(t *testing.T) {
	e := newEnv(t, nil)
	var ix index
	parse(t, e.mustGet(t, "/sitemap.xml"), &ix)
	var got []string
	for _, s := range ix.Sitemaps {
		got = append(got, s.Loc)
	}
	assert.Equal(t, []string{
		site + "sitemaps/pages-1.xml",
		site + "sitemaps/articles-en-1.xml",
		site + "sitemaps/articles-vi-1.xml",
	}, got)
	// Each part's lastmod is the newest of its URLs'.
	assert.Equal(t, "2026-11-26T08:00:00+07:00", ix.Sitemaps[0].Lastmod, "pages")
	assert.Equal(t, "2026-11-25T09:30:00+07:00", ix.Sitemaps[1].Lastmod, "articles-en")
	assert.Equal(t, "2026-11-26T08:00:00+07:00", ix.Sitemaps[2].Lastmod, "articles-vi")
}

func TestPagesAndLastmod(t *testing.T) {
	e := newEnv(t, nil)
	var pages urlset
	parse(t, e.mustGet(t, "/sitemaps/pages-1.xml"), &pages)
	got := map[string]string{}
	for _, u := range pages.URLs {
		got[u.Loc] = u.Lastmod
	}
	assert.Equal(t, map[string]string{
		base: "2026-11-26T08:00:00+07:00",
		// A parent category holds its children's articles.
		base + "categories/hoat-dong-so":       "2026-11-12T16:00:00+07:00",
		base + "categories/chi-bo":             "2026-11-12T16:00:00+07:00",
		base + "categories/khoa-hoc-cong-nghe": "2026-11-26T08:00:00+07:00",
		base + "categories/hop-tac-quoc-te":    "2026-11-25T09:30:00+07:00",
	}, got, "the category without a public article (van-ban) is left out")

	var vi urlset
	parse(t, e.mustGet(t, "/sitemaps/articles-vi-1.xml"), &vi)
	require.Len(t, vi.URLs, 3)
	// Oldest first; lastmod is UpdatedAt, or PublishAt when the article
	// was edited before it became public.
	assert.Equal(t, base+"articles/dai-hoi-chi-bo-chuyen-nganh", vi.URLs[0].Loc)
	assert.Equal(t, "2026-11-12T16:00:00+07:00", vi.URLs[0].Lastmod, "edited before publishing")
	assert.Equal(t, "2026-11-21T08:15:00+07:00", vi.URLs[1].Lastmod, "edited after publishing")
	require.Len(t, vi.URLs[1].Image, 1)
	assert.Equal(t, site+"media/2026/11/hoi-thao.jpg", vi.URLs[1].Image[0].Loc, "a relative cover resolves against BaseURL")
	assert.Empty(t, vi.URLs[0].Image, "no cover, no image")
}

func TestDraftsAndScheduledNeverAppear(t *testing.T) {
	e := newEnv(t, nil)
	all := func() string {
		var b strings.Builder
		var ix index
		parse(t, e.mustGet(t, "/sitemap.xml"), &ix)
		for _, s := range ix.Sitemaps {
			b.Write(e.mustGet(t, partPath(s.Loc)))
		}
		b.Write(e.mustGet(t, "/sitemap-news.xml"))
		return b.String()
	}
	got := all()
	assert.NotContains(t, got, "ban-nhap-ke-hoach-2027", "a draft")
	assert.NotContains(t, got, "hen-gio-hoi-cho-cong-nghe", "an article scheduled after now")

	// When its time comes, the scheduled article appears with no write.
	e.clock.Set(at(27, 8, 0))
	got = all()
	assert.Contains(t, got, base+"articles/hen-gio-hoi-cho-cong-nghe")
	assert.NotContains(t, got, "ban-nhap-ke-hoach-2027")
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name     string
		maxURLs  int
		maxBytes int
		wantVI   int // parts of the Vietnamese articles
	}{
		{"defaults", 0, 0, 1},
		{"two URLs", 2, 0, 2},
		{"one URL", 1, 0, 3},
		{"bytes", 0, 600, 3},
		{"both", 2, 900, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, &Options{URL: site, MaxURLs: tc.maxURLs, MaxBytes: tc.maxBytes})
			var ix index
			parse(t, e.mustGet(t, "/sitemap.xml"), &ix)
			var vi []string
			nvi := 0
			for _, s := range ix.Sitemaps {
				body := e.mustGet(t, partPath(s.Loc))
				var u urlset
				parse(t, body, &u)
				require.NotEmpty(t, u.URLs, "%s lists no URL", s.Loc)
				if tc.maxURLs > 0 {
					assert.LessOrEqual(t, len(u.URLs), tc.maxURLs, "%s: URLs", s.Loc)
				}
				if tc.maxBytes > 0 {
					assert.LessOrEqual(t, len(body), tc.maxBytes, "%s: bytes", s.Loc)
				}
				if strings.Contains(s.Loc, "articles-vi-") {
					nvi++
					vi = append(vi, u.locs()...)
				}
			}
			assert.Equal(t, tc.wantVI, nvi, "parts of articles-vi")
			assert.Equal(t, []string{
				base + "articles/dai-hoi-chi-bo-chuyen-nganh",
				base + "articles/hoi-thao-chuyen-doi-so-trong-nong-nghiep",
				base + "articles/nghiem-thu-de-tai-khcn-cap-tinh",
			}, vi, "every article once, oldest first, across the parts")
		})
	}
}

func TestSplitKeepsOldPartsStable(t *testing.T) {
	e := newEnv(t, &Options{URL: site, MaxURLs: 2})
	first := e.get(http.MethodGet, "/sitemaps/articles-vi-1.xml")
	require.Equal(t, http.StatusOK, first.Code)
	tag := first.Header().Get("ETag")

	a := article(7, "hoi-nghi-so-ket-cong-tac-quy-iv", "Hội nghị sơ kết công tác quý IV", catKHCN, at(26, 9, 0), at(26, 9, 0))
	require.NoError(t, e.store.CreateArticle(context.Background(), a))

	w := e.get(http.MethodGet, "/sitemaps/articles-vi-1.xml", "If-None-Match", tag)
	assert.Equal(t, http.StatusNotModified, w.Code, "the first part does not change when an article is added")
	last := e.mustGet(t, "/sitemaps/articles-vi-2.xml")
	assert.Contains(t, string(last), "hoi-nghi-so-ket-cong-tac-quy-iv", "the new article is in the last part")
}

func TestNewsSitemap(t *testing.T) {
	e := newEnv(t, nil)
	var u urlset
	parse(t, e.mustGet(t, "/sitemap-news.xml"), &u)
	require.Len(t, u.URLs, 2, "the articles of the last two days")
	assert.Equal(t, base+"articles/nghiem-thu-de-tai-khcn-cap-tinh", u.URLs[0].Loc, "newest first")
	n := u.URLs[0].News
	require.NotNil(t, n)
	assert.Equal(t, "Sở KH&CN tỉnh Hòa An", n.Name)
	assert.Equal(t, "vi", n.Language)
	assert.Equal(t, "2026-11-26T08:00:00+07:00", n.Date)
	assert.Equal(t, "Nghiệm thu đề tài KH&CN cấp tỉnh về giống lúa chịu mặn", n.Title)
	assert.Equal(t, "en", u.URLs[1].News.Language)

	// Two days after its publication an article leaves, within a minute,
	// with no write.
	e.clock.Set(at(27, 9, 1))
	u = urlset{}
	parse(t, e.mustGet(t, "/sitemap-news.xml"), &u)
	assert.Equal(t, []string{
		base + "articles/hen-gio-hoi-cho-cong-nghe",
		base + "articles/nghiem-thu-de-tai-khcn-cap-tinh",
	}, u.locs())

	e.clock.Set(at(30, 0, 0))
	u = urlset{}
	parse(t, e.mustGet(t, "/sitemap-news.xml"), &u)
	assert.Empty(t, u.URLs)
}

func TestNewsSitemapAtMostAThousand(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	for i := range MaxNewsURLs + 5 {
		a := article(100+i, fmt.Sprintf("ban-tin-so-%04d", i), fmt.Sprintf("Bản tin số %d", i), catKHCN,
			at(25, 0, 0).Add(time.Duration(i)*time.Second), at(25, 0, 0))
		require.NoError(t, e.store.CreateArticle(ctx, a))
	}
	var u urlset
	parse(t, e.mustGet(t, "/sitemap-news.xml"), &u)
	require.Len(t, u.URLs, MaxNewsURLs)
	assert.Equal(t, base+"articles/nghiem-thu-de-tai-khcn-cap-tinh", u.URLs[0].Loc, "the newest is kept")
}

func TestNewsLang(t *testing.T) {
	tests := []struct{ in, want string }{
		{"vi", "vi"},
		{"en-GB", "en"},
		{"EN", "en"},
		{"fil", "fil"},
		{"zh-CN", "zh-cn"},
		{"zh-Hans", "zh-cn"},
		{"zh-TW", "zh-tw"},
		{"zh-Hant-HK", "zh-tw"},
		{"", "vi"},
		{"x", "vi"},
		{"1234", "vi"},
	}
	for _, tc := range tests {
		if got := newsLang(tc.in); got != tc.want {
			t.Errorf("newsLang(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestConditionalGET(t *testing.T) {
	e := newEnv(t, nil)
	for _, path := range []string{"/sitemap.xml", "/sitemaps/pages-1.xml", "/sitemaps/articles-vi-1.xml", "/sitemap-news.xml"} {
		t.Run(path, func(t *testing.T) {
			w := e.get(http.MethodGet, path)
			require.Equal(t, http.StatusOK, w.Code)
			tag := w.Header().Get("ETag")
			require.NotEmpty(t, tag)
			assert.Equal(t, "public, max-age=60", w.Header().Get("Cache-Control"))

			w = e.get(http.MethodGet, path, "If-None-Match", tag)
			assert.Equal(t, http.StatusNotModified, w.Code)
			assert.Empty(t, w.Body.Bytes())

			w = e.get(http.MethodHead, path)
			assert.Equal(t, http.StatusOK, w.Code)
			assert.Empty(t, w.Body.Bytes(), "HEAD has no body")
			assert.Equal(t, tag, w.Header().Get("ETag"))
		})
	}

	// A publish moves the index's ETag.
	w := e.get(http.MethodGet, "/sitemap.xml")
	tag := w.Header().Get("ETag")
	a := article(8, "thong-bao-tuyen-chon-de-tai-2027", "Thông báo tuyển chọn đề tài năm 2027", catEmpty, at(26, 9, 30), at(26, 9, 30))
	require.NoError(t, e.store.CreateArticle(context.Background(), a))
	w = e.get(http.MethodGet, "/sitemap.xml", "If-None-Match", tag)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.NotEqual(t, tag, w.Header().Get("ETag"))
}

func TestGzip(t *testing.T) {
	e := newEnv(t, &Options{URL: site, MaxURLs: 0})
	ctx := context.Background()
	for i := range 30 {
		a := article(200+i, fmt.Sprintf("tin-luu-tru-%02d", i), fmt.Sprintf("Tin lưu trữ số %d", i), catKHCN, at(2, 8, i), at(2, 9, i))
		require.NoError(t, e.store.CreateArticle(ctx, a))
	}
	w := e.get(http.MethodGet, "/sitemaps/articles-vi-1.xml", "Accept-Encoding", "gzip")
	require.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "gzip", w.Header().Get("Content-Encoding"))
	assert.Contains(t, w.Header().Values("Vary"), "Accept-Encoding")
}

func TestErrors(t *testing.T) {
	e := newEnv(t, nil)
	tests := []struct {
		name, method, target string
		status               int
		code, field          string
	}{
		{"unknown parameter", "GET", "/sitemap.xml?page=2", 400, "invalid_parameter", "page"},
		{"parameter on a part", "GET", "/sitemaps/pages-1.xml?lang=vi", 400, "invalid_parameter", "lang"},
		{"parameter on news", "GET", "/sitemap-news.xml?limit=5", 400, "invalid_parameter", "limit"},
		{"malformed query", "GET", "/sitemap.xml?%zz", 400, "invalid_parameter", "query"},
		{"unknown part", "GET", "/sitemaps/articles-fr-1.xml", 404, "not_found", ""},
		{"part past the last", "GET", "/sitemaps/articles-vi-2.xml", 404, "not_found", ""},
		{"unknown path", "GET", "/sitemap_index.xml", 404, "not_found", ""},
		{"post", "POST", "/sitemap.xml", 405, "method_not_allowed", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := e.get(tc.method, tc.target)
			require.Equal(t, tc.status, w.Code, "%s", w.Body)
			assert.Equal(t, "application/json; charset=utf-8", w.Header().Get("Content-Type"))
			assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
			var body struct {
				Error struct{ Code, Field, Message string }
			}
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
			assert.Equal(t, tc.code, body.Error.Code)
			assert.Equal(t, tc.field, body.Error.Field)
			assert.NotEmpty(t, body.Error.Message)
		})
	}
	t.Run("tracking parameters are ignored", func(t *testing.T) {
		w := e.get(http.MethodGet, "/sitemap.xml?utm_source=zalo&fbclid=x")
		assert.Equal(t, http.StatusOK, w.Code)
	})
}

// failingSource fails every read, as a store that is down would.
type failingSource struct{ Source }

func (failingSource) State(context.Context) (news.State, error) {
	return news.State{}, errors.New("database is down: password=hunter2")
}

func TestInternalErrorsAreNotShown(t *testing.T) {
	e := newEnv(t, nil)
	h, err := New(failingSource{e.pub}, &Options{BaseURL: base, Logger: discard()})
	require.NoError(t, err)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/sitemap.xml", nil))
	assert.Equal(t, http.StatusInternalServerError, w.Code)
	assert.NotContains(t, w.Body.String(), "hunter2")
}

func TestNewOptions(t *testing.T) {
	src := newEnv(t, nil).pub
	tests := []struct {
		name  string
		opts  *Options
		field string // "" when New succeeds
	}{
		{"nil", nil, "BaseURL"},
		{"no base", &Options{}, "BaseURL"},
		{"relative base", &Options{BaseURL: "/tin-tuc/"}, "BaseURL"},
		{"ftp base", &Options{BaseURL: "ftp://sokhcn.example.gov.vn/"}, "BaseURL"},
		{"bad URL", &Options{BaseURL: base, URL: "sokhcn.example.gov.vn"}, "URL"},
		{"negative MaxURLs", &Options{BaseURL: base, MaxURLs: -1}, "MaxURLs"},
		{"negative MaxBytes", &Options{BaseURL: base, MaxBytes: -1}, "MaxBytes"},
		{"base only", &Options{BaseURL: "https://sokhcn.example.gov.vn/tin-tuc"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h, err := New(src, tc.opts)
			if tc.field == "" {
				require.NoError(t, err)
				assert.Equal(t, "https://sokhcn.example.gov.vn/tin-tuc/sitemap.xml", h.IndexURL(), "URL defaults to BaseURL, with its slash")
				return
			}
			require.ErrorIs(t, err, news.ErrInvalid)
			var fe *news.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tc.field, fe.Field)
		})
	}
}

func TestRobotsTXT(t *testing.T) {
	e := newEnv(t, nil)
	assert.Equal(t, "Sitemap: "+site+"sitemap.xml\nSitemap: "+site+"sitemap-news.xml\n", e.h.RobotsTXT())
}

func TestMountedUnderPrefix(t *testing.T) {
	e := newEnv(t, nil)
	h, err := New(e.pub, &Options{BaseURL: base, URL: site + "seo/"})
	require.NoError(t, err)
	mux := http.NewServeMux()
	mux.Handle("/seo/", http.StripPrefix("/seo", h))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	get := func(path string) []byte {
		resp, err := srv.Client().Get(srv.URL + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s: %s", path, body)
		return body
	}
	var ix index
	parse(t, get("/seo/sitemap.xml"), &ix)
	require.NotEmpty(t, ix.Sitemaps)
	for _, s := range ix.Sitemaps {
		require.True(t, strings.HasPrefix(s.Loc, site+"seo/sitemaps/"), s.Loc)
		var u urlset
		parse(t, get("/seo/"+strings.TrimPrefix(s.Loc, site+"seo/")), &u)
		assert.NotEmpty(t, u.URLs)
	}
	get("/seo/sitemap-news.xml")
}

func TestCustomURLs(t *testing.T) {
	e := newEnv(t, &Options{
		URL:         site,
		ArticleURL:  func(a *news.Article) string { return site + "bai-viet/" + a.Slug + ".html" },
		CategoryURL: func(c *news.Category) string { return site + "chuyen-muc/" + c.Slug + "/" },
	})
	assert.Contains(t, string(e.mustGet(t, "/sitemaps/articles-vi-1.xml")), "<loc>"+site+"bai-viet/dai-hoi-chi-bo-chuyen-nganh.html</loc>")
	assert.Contains(t, string(e.mustGet(t, "/sitemaps/pages-1.xml")), "<loc>"+site+"chuyen-muc/chi-bo/</loc>")
	assert.Contains(t, string(e.mustGet(t, "/sitemap-news.xml")), "<loc>"+site+"bai-viet/nghiem-thu-de-tai-khcn-cap-tinh.html</loc>")
}
