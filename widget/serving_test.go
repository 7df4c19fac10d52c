package widget_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/widget"
)

// TestETagFollowsBytes checks that an ETag names the bytes: two handlers
// whose answers differ (another base URL, as after a restart or on a
// second instance, or another site name) never send the same ETag for the
// same address, and one's ETag gets no 304 from the other.
func TestETagFollowsBytes(t *testing.T) {
	s := newNewsSite(t, nil)
	others := []struct {
		name string
		opts widget.Options
	}{
		{"another base URL", widget.Options{BaseURL: "https://khcn.example.gov.vn/tin/", Location: ict, PageSize: 5, SiteName: "Sở Khoa học và Công nghệ"}},
		{"another site name", widget.Options{BaseURL: testBase, Location: ict, PageSize: 5, SiteName: "Sở KH&CN tỉnh"}},
	}
	targets := []string{"/", "/articles/dai-hoi", "/api/articles", "/api/articles/dai-hoi", "/api/categories",
		"/api/box", "/fragment", "/embed", "/categories/hoat-dong", "/search?q=dai+hoi"}
	for _, o := range others {
		other := widget.New(s.pub, &o.opts)
		for _, target := range targets {
			t.Run(o.name+" "+target, func(t *testing.T) {
				res1, body1 := get(t, s.h, target)
				res2, body2 := get(t, other, target)
				require.Equal(t, http.StatusOK, res1.StatusCode)
				require.Equal(t, http.StatusOK, res2.StatusCode)
				if body1 == body2 {
					assert.Equal(t, res1.Header.Get("Etag"), res2.Header.Get("Etag"), "same bytes, different ETags")
					return
				}
				assert.NotEqual(t, res1.Header.Get("Etag"), res2.Header.Get("Etag"), "different bytes, same ETag")
				res, _ := get(t, other, target, "If-None-Match", res1.Header.Get("Etag"))
				assert.Equal(t, http.StatusOK, res.StatusCode, "the other handler's ETag got %d", res.StatusCode)
			})
		}
	}
}

// TestIfNoneMatchStar checks that "If-None-Match: *" only ever turns a 200
// into a 304: an address that does not exist, an old slug and a bad
// parameter get their usual answers.
func TestIfNoneMatchStar(t *testing.T) {
	s := newNewsSite(t, nil)
	for _, tc := range []struct {
		target string
		status int
	}{
		{"/articles/dai-hoi", http.StatusNotModified},
		{"/api/articles/dai-hoi", http.StatusNotModified},
		{"/articles/khong-co", http.StatusNotFound},
		{"/api/articles/khong-co", http.StatusNotFound},
		{"/categories/khong-co", http.StatusNotFound},
		{"/tags/khong-co", http.StatusNotFound},
		{"/articles/nha-giao", http.StatusMovedPermanently},
		{"/api/articles?category=khong-co", http.StatusBadRequest},
		{"/fragment?category=khong-co", http.StatusNotFound},
		{"/api/box?category=khong-co", http.StatusNotFound},
		{"/embed?limt=3", http.StatusBadRequest},
	} {
		t.Run(tc.target, func(t *testing.T) {
			for _, fresh := range []bool{true, false} { // a cache miss, then whatever the first request left
				res, body := get(t, s.h, tc.target, "If-None-Match", "*")
				assert.Equal(t, tc.status, res.StatusCode, "fresh=%v: %s", fresh, body)
			}
		})
	}
}

// TestIfNoneMatchLines checks that every If-None-Match header line counts,
// as a proxy may split a list over several.
func TestIfNoneMatchLines(t *testing.T) {
	s := newNewsSite(t, nil)
	for _, target := range []string{"/articles/dai-hoi", "/api/articles", "/fragment", "/widget.js"} {
		t.Run(target, func(t *testing.T) {
			res, _ := get(t, s.h, target)
			require.Equal(t, http.StatusOK, res.StatusCode)
			etag := res.Header.Get("Etag")
			req := httptest.NewRequest(http.MethodGet, "http://widget.test"+target, nil)
			req.Header.Add("If-None-Match", `"something-else"`)
			req.Header.Add("If-None-Match", etag)
			rec := httptest.NewRecorder()
			s.h.ServeHTTP(rec, req)
			assert.Equal(t, http.StatusNotModified, rec.Code)
		})
	}
}

// TestLanguageNextLink checks that the next-page link follows the request
// whichever comes first: ?lang=en keeps lang=en in the link, and
// Accept-Language: en, ignored by default, does not.
func TestLanguageNextLink(t *testing.T) {
	next := regexp.MustCompile(`href="(https://skhcn\.example\.gov\.vn/tin-tuc/[^"]*cursor=[^"]*)"`)
	type request struct {
		target, accept string
		withLang       bool // whether the next link keeps lang=en
	}
	explicit := request{"/?lang=en", "", true}
	negotiated := request{"/", "en", false}
	for _, order := range [][]request{{explicit, negotiated}, {negotiated, explicit}} {
		s := newNewsSite(t, nil)
		for _, rq := range order {
			res, body := get(t, s.h, rq.target, "Accept-Language", rq.accept)
			require.Equal(t, http.StatusOK, res.StatusCode)
			m := next.FindStringSubmatch(body)
			require.NotNil(t, m, "GET %s (Accept-Language %q): no next link", rq.target, rq.accept)
			assert.Equal(t, rq.withLang, regexp.MustCompile(`lang=en`).MatchString(m[1]),
				"GET %s (Accept-Language %q) after %s: next link %s", rq.target, rq.accept, order[0].target, m[1])
		}
	}
}

// TestArticleContextShared checks that an article's page and its API
// answer show the same same-category list and the same related articles,
// none of which is in the same-category list.
func TestArticleContextShared(t *testing.T) {
	s := newNewsSite(t, &widget.Options{SameCategory: 1, Related: 3})
	section := func(page, class string) []string {
		m := regexp.MustCompile(`(?s)<section class="` + class + `".*?</section>`).FindString(page)
		var urls []string
		for _, a := range regexp.MustCompile(`<a href="([^"]+)"`).FindAllStringSubmatch(m, -1) {
			urls = append(urls, a[1])
		}
		return urls
	}
	// The rule is exercised: one of dai-hoi's related articles is also
	// the newest of its category.
	ctx := context.Background()
	a, err := s.pub.ArticleBySlug(ctx, "dai-hoi")
	require.NoError(t, err)
	same, err := s.pub.SameCategory(ctx, a, 1)
	require.NoError(t, err)
	rel, err := s.pub.Related(ctx, a, 4)
	require.NoError(t, err)
	require.Len(t, same, 1)
	require.True(t, slices.ContainsFunc(rel, func(r news.Related) bool { return r.Article.ID == same[0].ID }),
		"dai-hoi's same-category article is not among its related ones")
	for _, slug := range []string{"dai-hoi", "tong-ket", "so-huu-tri-tue"} {
		t.Run(slug, func(t *testing.T) {
			_, page := get(t, s.h, "/articles/"+slug)
			res, body := get(t, s.h, "/api/articles/"+slug)
			require.Equal(t, http.StatusOK, res.StatusCode)
			var api struct {
				Same    []struct{ URL string } `json:"same_category"`
				Related []struct{ URL string } `json:"related"`
			}
			require.NoError(t, json.Unmarshal([]byte(body), &api))
			var same, related []string
			for _, a := range api.Same {
				same = append(same, a.URL)
			}
			for _, a := range api.Related {
				related = append(related, a.URL)
				assert.NotContains(t, same, a.URL, "a related article is in the same-category list")
			}
			assert.Equal(t, section(page, "more"), same, "same-category list: page and API differ")
			assert.Equal(t, section(page, "related"), related, "related articles: page and API differ")
		})
	}
}
