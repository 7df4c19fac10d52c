package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// getWith returns the status, Cache-Control and body of a GET with c.
func getWith(t *testing.T, c *http.Client, url string) (int, string, string) {
	t.Helper()
	resp, err := c.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header.Get("Cache-Control"), string(b)
}

// TestDemoPreview previews a draft of the demo's staff through the
// newsroom: the news section's article page under the band, for staff
// only, while readers still get 404.
func TestDemoPreview(t *testing.T) {
	t.Setenv(adminPasswordEnv, testPassword)
	a, _ := startAppLog(t, "-db", "memory")
	var draft *news.Article
	for _, x := range allArticles(t, a.store, news.Query{}) {
		if x.Status == news.StatusDraft {
			draft = x
			break
		}
	}
	require.NotNil(t, draft, "the demo has a draft")
	target := a.siteURL + "admin/articles/" + draft.ID.String() + "/preview"

	status, c := signIn(t, a, "bientap", testPassword)
	require.Equal(t, http.StatusCreated, status)
	code, cc, body := getWith(t, c, target)
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, "no-store", cc)
	assert.Contains(t, body, `<h1 class="article__title">`)
	assert.Contains(t, body, `<link rel="stylesheet" href="`+a.siteURL+`news/assets/page.`, "the news section's article page")
	assert.Equal(t, 1, strings.Count(body, "orgnews-preview-band"))

	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	code, _, _ = getWith(t, noRedirect, target)
	assert.Equal(t, http.StatusSeeOther, code, "anonymous readers are sent to sign in")
	code, _, _ = getWith(t, http.DefaultClient, a.siteURL+"news/articles/"+draft.Slug)
	assert.Equal(t, http.StatusNotFound, code, "the draft is not public")
}
