package oembed

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"flag"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The news section of every test.
const base = "https://sokhcn.example.gov.vn/tin-tuc/"

// ict is Asia/Ho_Chi_Minh as a fixed zone.
var ict = time.FixedZone("ICT", 7*60*60)

// newHandler returns a Handler over a store holding a public article with
// a cover (its old slug kept as an alias), one with a hostile title, a
// draft and an article scheduled after the clock.
func newHandler(tb testing.TB) (*Handler, *memstore.Store) {
	tb.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)
	store := memstore.New()
	cat := &news.Category{ID: uuid.MustParse("3b1f2e4d-5c6a-4b7e-8f90-a1b2c3d4e5f6"), Slug: "khoa-hoc-cong-nghe", Name: "Khoa học – Công nghệ"}
	require.NoError(tb, store.CreateCategory(ctx, cat))
	mk := func(n int, slug, title string, status news.Status, pub time.Time) *news.Article {
		return &news.Article{
			ID: uuid.MustParse("9e8d7c6b-5a49-4382-a1b0-00000000000" + string(rune('0'+n))), Slug: slug, Title: title,
			Summary: "Hội đồng khoa học cấp tỉnh đánh giá đề tài đạt yêu cầu, đề nghị chuyển giao cho các hợp tác xã.",
			Body:    "<p>Nội dung.</p>", Author: "Phòng Quản lý Khoa học", CategoryID: cat.ID, Lang: "vi",
			Status: status, PublishAt: pub, CreatedAt: pub, UpdatedAt: pub,
		}
	}
	a := mk(1, "nghiem-thu-de-tai-giong-lua-chiu-man", "Nghiệm thu đề tài giống lúa chịu mặn", news.StatusPublished, now.Add(-2*time.Hour))
	a.Aliases = []string{"nghiem-thu-de-tai"}
	a.Cover = &news.Image{URL: "/media/2026/11/lua-chiu-man.jpg", Alt: "Ruộng lúa thí nghiệm", Width: 1280, Height: 720}
	hostile := mk(2, "tieu-de-nguy-hiem", `Thông báo </blockquote><script>alert(1)</script> "KH&CN"`, news.StatusPublished, now.Add(-time.Hour))
	draft := mk(3, "ban-nhap", "Bản nháp", news.StatusDraft, time.Time{})
	scheduled := mk(4, "hen-gio", "Tin hẹn giờ", news.StatusPublished, now.Add(time.Hour))
	for _, x := range []*news.Article{a, hostile, draft, scheduled} {
		require.NoError(tb, store.CreateArticle(ctx, x))
	}
	pub := news.NewPublic(store, &news.PublicOptions{Now: func() time.Time { return now }})
	h, err := New(pub, &Options{BaseURL: base, ProviderName: "Sở Khoa học và Công nghệ tỉnh Hòa An", Location: ict})
	require.NoError(tb, err)
	return h, store
}

// get serves a GET of /oembed with the query q (and header pairs).
func get(h http.Handler, q url.Values, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, "/oembed?"+q.Encode(), nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(tb, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(tb, err, "run go test -update to create it")
	assert.Equal(tb, string(want), string(got), "%s differs from the golden file (run go test -update and review the diff)", name)
}

const article = base + "articles/nghiem-thu-de-tai-giong-lua-chiu-man"

func TestGolden(t *testing.T) {
	h, _ := newHandler(t)
	w := get(h, url.Values{"url": {article}})
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, "application/json; charset=utf-8", w.Header().Get("Content-Type"))
	assert.Equal(t, "*", w.Header().Get("Access-Control-Allow-Origin"))
	assert.Equal(t, "public, max-age=3600", w.Header().Get("Cache-Control"))
	golden(t, "card.json", w.Body.Bytes())

	w = get(h, url.Values{"url": {article}, "format": {"xml"}, "maxwidth": {"400"}})
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, "text/xml; charset=utf-8", w.Header().Get("Content-Type"))
	golden(t, "card.xml", w.Body.Bytes())
}

// response is a parsed oEmbed answer.
type response struct {
	Version, Type, Title, HTML, URL string
	AuthorName                      string `json:"author_name"`
	ProviderName                    string `json:"provider_name"`
	ProviderURL                     string `json:"provider_url"`
	CacheAge                        int    `json:"cache_age"`
	ThumbnailURL                    string `json:"thumbnail_url"`
	ThumbnailWidth                  int    `json:"thumbnail_width"`
	ThumbnailHeight                 int    `json:"thumbnail_height"`
	Width, Height                   int
	Summary, Published              string
}

func TestCard(t *testing.T) {
	h, _ := newHandler(t)
	w := get(h, url.Values{"url": {article}})
	require.Equal(t, http.StatusOK, w.Code)
	var r response
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &r))
	assert.Equal(t, "1.0", r.Version)
	assert.Equal(t, "rich", r.Type)
	assert.Equal(t, "Nghiệm thu đề tài giống lúa chịu mặn", r.Title)
	assert.Equal(t, "Phòng Quản lý Khoa học", r.AuthorName)
	assert.Equal(t, "Sở Khoa học và Công nghệ tỉnh Hòa An", r.ProviderName)
	assert.Equal(t, base, r.ProviderURL)
	assert.Equal(t, 3600, r.CacheAge)
	assert.Equal(t, "https://sokhcn.example.gov.vn/media/2026/11/lua-chiu-man.jpg", r.ThumbnailURL)
	assert.Equal(t, article, r.URL)
	assert.Equal(t, "2026-11-26T08:00:00+07:00", r.Published)
	assert.Contains(t, r.HTML, `<a href="`+article+`">Nghiệm thu đề tài giống lúa chịu mặn</a>`)
	assert.Contains(t, r.HTML, `<time datetime="2026-11-26T08:00:00&#43;07:00">26/11/2026</time>`)
	assert.Contains(t, r.HTML, `<footer><a href="`+base+`">Sở Khoa học và Công nghệ tỉnh Hòa An</a></footer>`)
	assert.NotContains(t, r.HTML, "<script")
}

func TestSizes(t *testing.T) {
	h, _ := newHandler(t)
	tests := []struct {
		maxwidth, maxheight string
		w, h, tw, th        int
	}{
		{"", "", 600, 200, 356, 200},
		{"400", "", 400, 200, 356, 200},
		{"300", "", 300, 200, 300, 169},
		{"", "100", 600, 100, 178, 100},
		{"2000", "2000", 600, 200, 356, 200},
		{"200", "80", 200, 80, 142, 80},
	}
	for _, tc := range tests {
		t.Run(tc.maxwidth+"x"+tc.maxheight, func(t *testing.T) {
			q := url.Values{"url": {article}}
			if tc.maxwidth != "" {
				q.Set("maxwidth", tc.maxwidth)
			}
			if tc.maxheight != "" {
				q.Set("maxheight", tc.maxheight)
			}
			w := get(h, q)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			var r response
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &r))
			assert.Equal(t, []int{tc.w, tc.h, tc.tw, tc.th}, []int{r.Width, r.Height, r.ThumbnailWidth, r.ThumbnailHeight})
			assert.Contains(t, r.HTML, "max-width:"+strconv.Itoa(tc.w)+"px")
		})
	}
}

func TestURLs(t *testing.T) {
	h, _ := newHandler(t)
	tests := []struct {
		name, url string
		status    int
	}{
		{"the article", article, 200},
		{"over http", "http://sokhcn.example.gov.vn/tin-tuc/articles/nghiem-thu-de-tai-giong-lua-chiu-man", 200},
		{"with a query and fragment", article + "?utm_source=zalo#binh-luan", 200},
		{"an old slug", base + "articles/nghiem-thu-de-tai", 200},
		{"a draft", base + "articles/ban-nhap", 404},
		{"scheduled", base + "articles/hen-gio", 404},
		{"unknown", base + "articles/khong-co-bai-nay", 404},
		{"a category page", base + "categories/khoa-hoc-cong-nghe", 404},
		{"the section", base, 404},
		{"another site", "https://example.com/tin-tuc/articles/nghiem-thu-de-tai-giong-lua-chiu-man", 404},
		{"deeper", base + "articles/nghiem-thu-de-tai-giong-lua-chiu-man/extra", 404},
		{"relative", "/tin-tuc/articles/nghiem-thu-de-tai-giong-lua-chiu-man", 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(h, url.Values{"url": {tc.url}})
			require.Equal(t, tc.status, w.Code, w.Body.String())
			if tc.status == 200 {
				var r response
				require.NoError(t, json.Unmarshal(w.Body.Bytes(), &r))
				assert.Equal(t, article, r.URL, "the current URL")
			}
		})
	}
}

func TestErrors(t *testing.T) {
	h, _ := newHandler(t)
	tests := []struct {
		name   string
		q      url.Values
		status int
		code   string
		field  string
	}{
		{"no url", url.Values{}, 400, "invalid_parameter", "url"},
		{"empty url", url.Values{"url": {""}}, 400, "invalid_parameter", "url"},
		{"maxwidth not a number", url.Values{"url": {article}, "maxwidth": {"rộng"}}, 400, "invalid_parameter", "maxwidth"},
		{"maxheight zero", url.Values{"url": {article}, "maxheight": {"0"}}, 400, "invalid_parameter", "maxheight"},
		{"maxwidth too small", url.Values{"url": {article}, "maxwidth": {"120"}}, 404, "not_found", "maxwidth"},
		{"format yaml", url.Values{"url": {article}, "format": {"yaml"}}, 501, "invalid_parameter", "format"},
		{"unknown parameter", url.Values{"url": {article}, "callback": {"f"}}, 400, "invalid_parameter", "callback"},
		{"not an article", url.Values{"url": {base}}, 404, "not_found", "url"},
		{"a draft", url.Values{"url": {base + "articles/ban-nhap"}}, 404, "not_found", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(h, tc.q)
			require.Equal(t, tc.status, w.Code, w.Body.String())
			assert.Equal(t, "application/json; charset=utf-8", w.Header().Get("Content-Type"))
			var body struct {
				Error struct{ Code, Field, Message string }
			}
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
			assert.Equal(t, tc.code, body.Error.Code)
			assert.Equal(t, tc.field, body.Error.Field)
			assert.NotEmpty(t, body.Error.Message)
		})
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/oembed", nil))
	assert.Equal(t, http.StatusMethodNotAllowed, w.Code)
}

func TestHostileTitleIsEscaped(t *testing.T) {
	h, _ := newHandler(t)
	for _, format := range []string{"json", "xml"} {
		w := get(h, url.Values{"url": {base + "articles/tieu-de-nguy-hiem"}, "format": {format}})
		require.Equal(t, http.StatusOK, w.Code)
		var r struct {
			Title string `xml:"title"`
			HTML  string `xml:"html"`
		}
		if format == "json" {
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &r))
		} else {
			require.NoError(t, xml.Unmarshal(w.Body.Bytes(), &r), "the XML is well-formed")
		}
		assert.Equal(t, `Thông báo </blockquote><script>alert(1)</script> "KH&CN"`, r.Title, format)
		assert.NotContains(t, r.HTML, "<script", format)
		assert.Contains(t, r.HTML, "&lt;script&gt;", format)
		assert.Equal(t, 1, strings.Count(r.HTML, "</blockquote>"), "%s: the card is not closed early", format)
	}
}

func TestConditionalGET(t *testing.T) {
	h, store := newHandler(t)
	q := url.Values{"url": {article}}
	w := get(h, q)
	tag := w.Header().Get("ETag")
	require.NotEmpty(t, tag)
	assert.Equal(t, http.StatusNotModified, get(h, q, "If-None-Match", tag).Code)

	a, err := store.ArticleBySlug(context.Background(), "nghiem-thu-de-tai-giong-lua-chiu-man")
	require.NoError(t, err)
	a.Title = "Nghiệm thu đề tài giống lúa chịu mặn ST25 cải tiến"
	a.UpdatedAt = a.UpdatedAt.Add(time.Minute)
	require.NoError(t, store.UpdateArticle(context.Background(), a))
	w = get(h, q, "If-None-Match", tag)
	require.Equal(t, http.StatusOK, w.Code, "an edit changes the card")
	assert.Contains(t, w.Body.String(), "ST25 cải tiến")
}

func TestNewOptions(t *testing.T) {
	pub := news.NewPublic(memstore.New(), nil)
	for _, tc := range []struct {
		name  string
		opts  *Options
		field string
	}{
		{"nil", nil, "BaseURL"},
		{"no base", &Options{}, "BaseURL"},
		{"relative base", &Options{BaseURL: "/tin-tuc/"}, "BaseURL"},
		{"bad provider URL", &Options{BaseURL: base, ProviderURL: "sokhcn"}, "ProviderURL"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(pub, tc.opts)
			require.ErrorIs(t, err, news.ErrInvalid)
			var fe *news.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tc.field, fe.Field)
		})
	}
}
