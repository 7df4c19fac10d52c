package admin_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// TestTagSuggestionsChromium types the start of a tag, without its
// marks, into the editor's tag field in a real Chromium: the list offers
// the tags api/tags finds, after the tags already typed, under the
// page's CSP. It skips as TestPagesChromium does.
func TestTagSuggestionsChromium(t *testing.T) {
	bctx := edStartBrowser(t)
	f := newFixture(t, nil, nil)
	ctx := context.Background()
	for _, tags := range [][]string{{"Chuyển đổi số", "Khoa học"}, {"Chuyển đổi số"}} {
		_, err := f.nr.CreateArticle(ctx, f.actor("phongvien"), news.ArticleInput{Title: "Hội nghị " + tags[len(tags)-1],
			CategoryID: f.cats["chuyen-doi-so"], Tags: tags, BodyHTML: "<p>Sở tổ chức hội nghị tổng kết năm.</p>"}, "bản đầu")
		require.NoError(t, err)
	}
	srv := httptest.NewServer(f.srv)
	t.Cleanup(srv.Close)
	tctx, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tctx, cancelTimeout := context.WithTimeout(tctx, time.Minute)
	t.Cleanup(cancelTimeout)
	_, err := chromedp.Call(tctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: pgWatch})
	require.NoError(t, err)
	p := &pgTab{t: t, ctx: tctx, f: f}

	p.do("open the sign-in page", chromedp.Navigate(srv.URL+"/admin/sign-in"))
	p.wait("the sign-in page", `document.readyState === "complete" && !!document.querySelector("#username")`)
	p.do("sign in",
		chromedp.SendKeys(chromedp.CSS("#username"), "phongvien"),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS(`form button[type="submit"]`)))
	p.wait("the dashboard", `location.pathname === "/admin/" && document.readyState === "complete"`)
	p.do("open the editor", chromedp.Navigate(srv.URL+"/admin/articles/new"))
	p.wait("the editor", `document.readyState === "complete" && !!document.querySelector("#tags")`)
	options := `Array.from(document.querySelectorAll("#tag-list option")).map(o => o.value).join("|")`
	assert.Equal(t, "Chuyển đổi số|Khoa học", eval[string](p, options), "the most used tags first")

	p.do("type a tag's start without marks", chromedp.SendKeys(chromedp.CSS("#tags"), "chuyen d"))
	p.wait("the server's suggestion", options+` === "Chuyển đổi số"`)
	eval[string](p, `document.getElementById("tags").value = ""`)
	p.do("type a second tag", chromedp.SendKeys(chromedp.CSS("#tags"), "Chuyển đổi số, kho"))
	p.wait("the suggestion after the first tag", options+` === "Chuyển đổi số, Khoa học"`)
	p.check("")
}
