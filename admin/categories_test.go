package admin_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCategoryRenameKeepsOldSlug renames a category through the API and
// the page: the old slug is kept and shown, and another category may not
// take it (409 naming the field slug).
func TestCategoryRenameKeepsOldSlug(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil, nil)
	adm := f.webSignIn("admin")

	w := adm.do("PATCH", "/admin/api/categories/"+f.cats["khoa-hoc"].String(), `{"slug":"khoa-hoc-cong-nghe"}`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	got := decode[struct {
		Slug    string   `json:"slug"`
		Aliases []string `json:"aliases"`
	}](t, w)
	assert.Equal(t, "khoa-hoc-cong-nghe", got.Slug)
	assert.Equal(t, []string{"khoa-hoc"}, got.Aliases)

	e := requireError(t, adm.do("PATCH", "/admin/api/categories/"+f.cats["thong-bao"].String(), `{"slug":"khoa-hoc"}`), http.StatusConflict, "conflict")
	assert.Equal(t, "slug", e.Error.Field)
	assert.Contains(t, e.Error.Message, `"khoa-hoc" is taken: it is an old slug of category "khoa-hoc-cong-nghe"`)
	requireError(t, adm.do("POST", "/admin/api/categories", `{"name":"Khoa học cũ","slug":"khoa-hoc"}`), http.StatusConflict, "conflict")

	page := adm.page("/admin/categories", http.StatusOK)
	assert.Contains(t, page, "<code>khoa-hoc-cong-nghe</code>")
	assert.Contains(t, page, `Đường dẫn cũ: <code>khoa-hoc</code>`)
	assert.Contains(t, page, "đường dẫn cũ vẫn dùng được")

	w = adm.form("/admin/categories/"+f.cats["thong-bao"].String(), url.Values{"name": {"Thông báo"}, "slug": {"khoa-hoc"}, "position": {"0"}})
	require.Equal(t, http.StatusConflict, w.Code)
	assert.Contains(t, w.Body.String(), `value="khoa-hoc"`, "the form keeps what was typed")
}

// TestCategoryMoveForm moves categories up and down from the page.
func TestCategoryMoveForm(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil, nil)
	adm := f.webSignIn("admin")
	order := func() []string {
		t.Helper()
		page := adm.page("/admin/categories", http.StatusOK)
		out := []string{"chuyen-doi-so", "khoa-hoc", "thong-bao"}
		slices.SortFunc(out, func(a, b string) int {
			return strings.Index(page, "<code>"+a+"</code>") - strings.Index(page, "<code>"+b+"</code>")
		})
		return out
	}
	require.Equal(t, []string{"chuyen-doi-so", "khoa-hoc", "thong-bao"}, order(), "position 0 each, by name")
	page := adm.page("/admin/categories", http.StatusOK)
	assert.Contains(t, page, `aria-label="Lên trên: Thông báo"`)

	move := func(slug, by string) *http.Response {
		t.Helper()
		return adm.form("/admin/categories/"+f.cats[slug].String()+"/move", url.Values{"by": {by}}).Result()
	}
	assert.Equal(t, http.StatusSeeOther, move("thong-bao", "-1").StatusCode)
	assert.Equal(t, []string{"chuyen-doi-so", "thong-bao", "khoa-hoc"}, order())
	assert.Equal(t, http.StatusSeeOther, move("chuyen-doi-so", "1").StatusCode)
	assert.Equal(t, []string{"thong-bao", "chuyen-doi-so", "khoa-hoc"}, order())
	assert.Equal(t, http.StatusSeeOther, move("thong-bao", "-1").StatusCode, "the first up: nothing to do")
	assert.Equal(t, []string{"thong-bao", "chuyen-doi-so", "khoa-hoc"}, order())
	assert.Equal(t, http.StatusUnprocessableEntity, move("thong-bao", "9").StatusCode)

	ed := f.webSignIn("bientap")
	w := ed.form("/admin/categories/"+f.cats["khoa-hoc"].String()+"/move", url.Values{"by": {"-1"}})
	assert.Equal(t, http.StatusForbidden, w.Code)
}
