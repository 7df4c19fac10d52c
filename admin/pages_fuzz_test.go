package admin_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzPagesForms posts arbitrary values to the editor's form and to a
// workflow step. Whatever comes, the answer is a redirect or a page with
// a 4xx status, under the policy and with nothing inline: never a 500,
// never a panic.
func FuzzPagesForms(f *testing.F) {
	for _, seed := range []struct{ tags, attachments, category, action, at, publishAt string }{
		{"khoa học, nông nghiệp", "/a.pdf | Quyết định", "%s", "submit", "", ""},
		{",,, ,", "|\n|||\n /b.pdf", "", "approve", "custom", "2026-13-45T25:61"},
		{"<script>alert(1)</script>", "javascript:alert(1) | <b>x</b>", "not-a-uuid", "schedule", "tomorrow-8", ""},
		{"\x00\xff", "\r\n\r\n", "00000000-0000-0000-0000-000000000000", "return", "yesterday", "9999-12-31T23:59"},
		{"a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v", "https://x.example/" + string(make([]byte, 300)), "%s", "delete", "now", ""},
	} {
		f.Add(seed.tags, seed.attachments, seed.category, seed.action, seed.at, seed.publishAt)
	}
	fx := newFixture(f, nil, nil)
	c := fx.webSignIn("phongvien")
	id := c.createByForm(fx.articleValues("Bài để thử", "khoa-hoc"))
	base := "/admin/articles/" + id.String()
	f.Fuzz(func(t *testing.T, tags, attachments, category, action, at, publishAt string) {
		if category == "%s" {
			category = fx.cats["khoa-hoc"].String()
		}
		v := url.Values{"title": {"Bài thử " + tags}, "category_id": {category}, "tags": {tags}, "attachments": {attachments},
			"cover_url": {attachments}, "revision": {"0"}}
		for _, w := range []struct {
			target string
			values url.Values
		}{
			{"/admin/articles/new", v},
			{base, v},
			{base + "/step", url.Values{"action": {action}, "at": {at}, "publish_at": {publishAt}, "comment": {tags}}},
		} {
			resp := c.form(w.target, w.values)
			if resp.Code == http.StatusSeeOther {
				continue
			}
			require.Less(t, resp.Code, 500, "%s: %s", w.target, resp.Body.String())
			require.GreaterOrEqual(t, resp.Code, 400, w.target)
			requirePage(t, resp)
		}
	})
}
