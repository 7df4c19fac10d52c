package admin_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// TestSavesKeepOldURLs checks that the newsroom, which does not edit an
// article's old URLs, keeps them through every save: the API's PATCH, the
// editor's form and a workflow step.
func TestSavesKeepOldURLs(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil, nil)
	old := []string{"/tin-tuc/hoi-thao-123.html", "/?p=123"}
	a, err := f.nr.CreateArticle(context.Background(), f.actor("bientap"), news.ArticleInput{Title: "Hội thảo chuyển đổi số",
		BodyHTML: "<p>Nội dung nhập từ trang cũ.</p>", CategoryID: f.cats["chuyen-doi-so"], OldURLs: old}, "nhập từ trang cũ")
	require.NoError(t, err)
	base := "/admin/articles/" + a.ID.String()

	api := f.signIn("bientap")
	w := api.do("PATCH", "/admin/api/articles/"+a.ID.String(), `{"title":"Hội thảo chuyển đổi số 2026"}`, `If-Match: "1"`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, old, f.requireArticle(a.ID).OldURLs, "after the API's PATCH")

	web := f.webSignIn("bientap")
	v := f.articleValues("Hội thảo chuyển đổi số trong nông nghiệp", "chuyen-doi-so")
	v.Set("revision", "2")
	w = web.form(base, v)
	require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
	got := f.requireArticle(a.ID)
	assert.Equal(t, "Hội thảo chuyển đổi số trong nông nghiệp", got.Title)
	assert.Equal(t, old, got.OldURLs, "after the editor's form")

	w = api.step(a.ID, news.ActionSubmit, "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Equal(t, old, f.requireArticle(a.ID).OldURLs, "after a workflow step")
}
