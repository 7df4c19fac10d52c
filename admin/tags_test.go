package admin_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTagsAPI checks the editor's tag suggestions: folded prefixes, the
// limit, the person's view (another's draft keeps its tags), and bad
// input as 400.
func TestTagsAPI(t *testing.T) {
	t.Parallel()
	f := newFixture(t, nil, nil)
	pv := f.webSignIn("phongvien")
	ctv := f.webSignIn("congtacvien")
	adm := f.webSignIn("admin")
	pv.draft("Hội thảo ứng dụng công nghệ sinh học", "khoa-hoc") // tagged "khoa học"

	type answer struct {
		Tags []struct {
			Tag   string `json:"tag"`
			Count int    `json:"count"`
		} `json:"tags"`
	}
	tagsOf := func(c *client, target string) []string {
		t.Helper()
		w := c.do("GET", target, "")
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, "application/json; charset=utf-8", w.Header().Get("Content-Type"))
		out := []string{}
		for _, tc := range decode[answer](t, w).Tags {
			out = append(out, tc.Tag)
		}
		return out
	}
	assert.Equal(t, []string{"khoa học"}, tagsOf(pv, "/admin/api/tags?prefix=KHOA"))
	assert.Equal(t, []string{"khoa học"}, tagsOf(adm, "/admin/api/tags?prefix=kho%C3%A1+h&limit=5"))
	assert.Empty(t, tagsOf(ctv, "/admin/api/tags?prefix=khoa"), "another contributor's draft keeps its tags")
	assert.Empty(t, tagsOf(adm, "/admin/api/tags?prefix=nong"))

	requireError(t, adm.do("GET", "/admin/api/tags?limit=0", ""), http.StatusBadRequest, "invalid_parameter")
	requireError(t, adm.do("GET", "/admin/api/tags?limit=51", ""), http.StatusBadRequest, "invalid_parameter")
	requireError(t, adm.do("GET", "/admin/api/tags?tag=x", ""), http.StatusBadRequest, "invalid_parameter")
	requireError(t, f.anon().do("GET", "/admin/api/tags", ""), http.StatusUnauthorized, "unauthorized")
}
