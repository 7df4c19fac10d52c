package admin_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/admin"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/widget"
)

// newPreviewFixture returns a fixture whose preview is the article page
// of a widget.Handler over the same store, mounted at /news/ and
// returned, both on the fixture's clock.
func newPreviewFixture(tb testing.TB) (*fixture, *widget.Handler) {
	tb.Helper()
	var f *fixture
	s := memstore.New()
	pub := news.NewPublic(s, &news.PublicOptions{Now: func() time.Time { return f.clock.Now() }})
	wg := widget.New(pub, &widget.Options{BaseURL: "/news/", SiteName: "Sở Khoa học và Công nghệ"})
	f = newFixtureOn(tb, s, nil, &admin.Options{Preview: wg.Preview})
	return f, wg
}

// public returns the status and body of a reader's GET of target from wg.
func public(wg *widget.Handler, target string) (int, string) {
	w := httptest.NewRecorder()
	wg.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
	return w.Code, w.Body.String()
}

func TestPreview(t *testing.T) {
	t.Parallel()
	f, wg := newPreviewFixture(t)
	title := "Hội thảo ứng dụng công nghệ sinh học trong nông nghiệp"
	pv := f.webSignIn("phongvien")
	id := pv.createByForm(f.articleValues(title, "khoa-hoc"))
	slug := f.requireArticle(id).Slug
	target := "/admin/articles/" + id.String() + "/preview"

	code, _ := public(wg, "/news/articles/"+slug)
	require.Equal(t, http.StatusNotFound, code, "a draft is not public")

	t.Run("staff", func(t *testing.T) {
		for _, user := range []string{"phongvien", "bientap", "admin"} {
			w := f.webSignIn(user).do("GET", target, "")
			require.Equal(t, http.StatusOK, w.Code, user)
			body := w.Body.String()
			assert.Equal(t, "no-store", w.Header().Get("Cache-Control"), user)
			assert.Contains(t, w.Header().Get("Content-Security-Policy"), "; style-src-attr 'unsafe-hashes' 'sha256-",
				"a body's text-align shows in the preview")
			assert.Equal(t, "text/html; charset=utf-8", w.Header().Get("Content-Type"), user)
			assert.Contains(t, body, `<h1 class="article__title">`+title+`</h1>`, "the widget's article template")
			assert.Contains(t, body, `<link rel="stylesheet" href="/news/assets/page.`, "the widget's stylesheet")
			assert.Contains(t, body, `<meta name="robots" content="noindex, nofollow">`)
			assert.Contains(t, body, "Các thành viên hội đồng tại buổi họp.", "the cover's caption")
			assert.Equal(t, 1, strings.Count(body, `class="orgnews-preview-band"`), "one band")
			assert.Contains(t, body, "Bản xem trước — bạn đọc chưa thấy nội dung này")
			assert.NotContains(t, body, "application/ld+json")
			assert.NotContains(t, body, `property="og:`)
			requireNoInline(t, body)
		}
	})
	t.Run("english", func(t *testing.T) {
		body := pv.page(target+"?lang=en", http.StatusOK)
		assert.Contains(t, body, `<html lang="en">`)
		assert.Contains(t, body, "Preview — readers do not see this")
	})
	t.Run("not staff", func(t *testing.T) {
		w := f.anon().do("GET", target, "")
		require.Equal(t, http.StatusSeeOther, w.Code)
		assert.Equal(t, "/admin/sign-in?next="+strings.ReplaceAll(target, "/", "%2F"), w.Header().Get("Location"))
		assert.NotContains(t, w.Body.String(), title)
		w = f.anon().do("GET", target, "", "Cookie: "+admin.DefaultCookieName+"=forged")
		require.Equal(t, http.StatusSeeOther, w.Code, "a cookie that is no session")
		require.Equal(t, http.StatusNotFound, f.webSignIn("congtacvien").do("GET", target, "").Code,
			"a contributor outside the category does not see it")
	})
	t.Run("readers", func(t *testing.T) {
		for _, p := range []string{"/news/articles/" + slug, "/news/", "/news/categories/khoa-hoc", "/news/search?q=sinh+hoc", "/news/api/articles"} {
			code, body := public(wg, p)
			assert.NotContains(t, body, title, p)
			if p == "/news/articles/"+slug {
				assert.Equal(t, http.StatusNotFound, code, "the preview left nothing in the public cache")
			}
		}
	})
}
