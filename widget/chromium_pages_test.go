package widget_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/orgnews/orgnews/news"
)

// crTestPages checks the news section's own pages in the browser and, with
// -update-screenshots, writes the README's screenshots.
func crTestPages(t *testing.T, bctx context.Context, f *crFixture) {
	t.Run("Load", func(t *testing.T) { crTestPageLoads(t, bctx, f) })
	if *crUpdateScreenshots || os.Getenv("ORGNEWS_UPDATE_SCREENSHOTS") == "1" {
		t.Run("Screenshots", func(t *testing.T) { crTestScreenshots(t, bctx, f) })
	}
}

// crTestPageLoads loads each kind of page, in Vietnamese and in English,
// and checks that it renders its heading, styled by its hashed stylesheet,
// with no console error, failed request or dialog.
func crTestPageLoads(t *testing.T, bctx context.Context, f *crFixture) {
	tb := crNewTab(t, bctx)
	base := f.site.URL + "/news/"
	for _, u := range []string{
		base, base + "?lang=en", base + "articles/" + crFeaturedSlug(t), base + "categories/thong-bao",
		base + "search?q=chuyen+doi+so", base + "search?q=chuyen+doi+so&lang=en",
	} {
		tb.navigate(u)
		crWaitFor[bool](tb, `document.readyState === 'complete'`)
		got := crEval[struct{ Heading, Font string }](tb, `(() => {
			const h = document.querySelector('h1');
			return {Heading: h ? h.textContent.trim() : '', Font: getComputedStyle(document.body).fontFamily};
		})()`)
		if got.Heading == "" {
			t.Errorf("%s: no <h1>", u)
		}
		if strings.Contains(got.Font, "Times") {
			t.Errorf("%s: body font %q: the page stylesheet did not apply", u, got.Font)
		}
		tb.expectClean(u)
	}
}

// crTestScreenshots writes the screenshots of the README under
// ../docs/screenshots/: an article page, and the box in each layout and
// theme.
func crTestScreenshots(t *testing.T, bctx context.Context, f *crFixture) {
	dir := filepath.Join("..", "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tb := crNewTab(t, bctx)
	save := func(name string, png []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", filepath.Join(dir, name), len(png))
	}
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(1200, 900)); err != nil {
		t.Fatal(err)
	}
	// A Vietnamese reader; a still ticker, so that its picture shows the news.
	if _, err := chromedp.Call(tb.ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
		Headers: network.Headers{"Accept-Language": "vi-VN,vi;q=0.9"},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
	}); err != nil {
		t.Fatal(err)
	}
	// The article page of a featured article with a figure and a table.
	articleURL := f.site.URL + "/news/articles/" + crFeaturedSlug(t)
	tb.navigate(articleURL)
	crWaitFor[bool](tb, `document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)`)
	shot, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	save("article.png", shot)

	for _, layout := range []string{"list", "cards", "ticker"} {
		for _, theme := range []string{"light", "dark"} {
			params := "layout=" + layout + "&theme=" + theme + "&limit=5&show=date,summary,image"
			class := ""
			if layout == "cards" {
				class = "wide"
			}
			if theme == "dark" {
				class = strings.TrimSpace(class + " dark")
			}
			if layout == "list" {
				params = "layout=list&theme=" + theme + "&limit=5&show=date,summary"
			}
			if layout == "ticker" {
				params = "layout=ticker&theme=" + theme + "&limit=5"
			}
			tb.navigate(f.pageURL("script", "news", "plain", params+"&class="+class))
			crWaitWidgets(tb, 1)
			crWaitFor[bool](tb, `(() => { `+crShadowJS+` return roots().every(r => Array.from(r.querySelectorAll('img')).every(i => i.complete)); })()`)
			shot, err := chromedp.Run(tb.ctx, chromedp.Screenshot(chromedp.CSS("#box-0")))
			if err != nil {
				t.Fatal(err)
			}
			save("box-"+layout+"-"+theme+".png", shot)
		}
	}
	tb.expectClean("screenshots")
}

// crFeaturedSlug returns the slug of the demo article shown in the article
// screenshot: the one with a table.
func crFeaturedSlug(t *testing.T) string {
	t.Helper()
	pub := crLoadDemo(t)
	p, err := pub.Articles(context.Background(), news.Query{Text: "bưởi da xanh không hạt", Limit: 1})
	if err != nil || len(p.Articles) == 0 {
		t.Fatalf("finding the screenshot's article: %v (%d found)", err, len(p.Articles))
	}
	return p.Articles[0].Slug
}
