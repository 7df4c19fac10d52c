package widget_test

import (
	"context"
	"fmt"
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
	t.Run("Widths", func(t *testing.T) { crTestPageWidths(t, bctx, f) })
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

// crTestPageWidths checks an article page at 1,280 px, where the news of
// its category, the related and the latest news form a column beside the
// article, and every page at 390 px (a phone), where that column follows
// the article and nothing scrolls sideways. The text-align styles of the
// article's body apply under the page's Content-Security-Policy.
func crTestPageWidths(t *testing.T, bctx context.Context, f *crFixture) {
	tb := crNewTab(t, bctx)
	base := f.site.URL + "/news/"
	article := base + "articles/" + crAlignedSlug(t)
	type geometry struct {
		ScrollWidth, ViewWidth                   int
		MainLeft, MainRight, MainTop, MainBottom float64
		SideLeft, SideRight, SideTop             float64
		LatestShown                              bool
		Aligned                                  []string
	}
	const measure = `(() => {
		const r = s => { const e = document.querySelector(s); return e ? e.getBoundingClientRect() : {left: -1, right: -1, top: -1, bottom: -1}; };
		const m = r('.article-layout__main'), s = r('.article-layout__side'), l = document.querySelector('.latest-side');
		return {
			ScrollWidth: document.documentElement.scrollWidth, ViewWidth: window.innerWidth,
			MainLeft: m.left, MainRight: m.right, MainTop: m.top, MainBottom: m.bottom,
			SideLeft: s.left, SideRight: s.right, SideTop: s.top,
			LatestShown: !!l && getComputedStyle(l).display !== 'none',
			Aligned: Array.from(document.querySelectorAll('.article__body [style]')).map(e => getComputedStyle(e).textAlign),
		};
	})()`
	for _, vp := range []struct {
		width, height int
		mobile        bool
	}{{1280, 900, false}, {390, 844, true}} {
		if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(int64(vp.width), int64(vp.height), func(p *emulation.SetDeviceMetricsOverrideParams, _ *emulation.SetTouchEmulationEnabledParams) {
			p.Mobile = vp.mobile
		})); err != nil {
			t.Fatal(err)
		}
		tb.navigate(article)
		crWaitFor[bool](tb, `document.readyState === 'complete'`)
		g := crEval[geometry](tb, measure)
		what := fmt.Sprintf("article at %d px", vp.width)
		if g.ScrollWidth > g.ViewWidth {
			t.Errorf("%s: the page is %d px wide, the viewport %d px", what, g.ScrollWidth, g.ViewWidth)
		}
		if len(g.Aligned) == 0 {
			t.Errorf("%s: no styled element in the body", what)
		}
		for _, a := range g.Aligned {
			if a != "right" {
				t.Errorf("%s: a text-align: right paragraph is aligned %q: the CSP blocked its style", what, a)
			}
		}
		if vp.width >= 1100 {
			if g.SideLeft < g.MainRight || g.SideTop > g.MainBottom || g.SideRight-g.SideLeft < 250 || !g.LatestShown {
				t.Errorf("%s: side column %+v is not beside the article with the latest news", what, g)
			}
			if share := (g.MainRight - g.MainLeft) / float64(g.ViewWidth); share < 0.45 {
				t.Errorf("%s: the article column takes %.0f%% of the width", what, share*100)
			}
		} else if g.SideTop < g.MainBottom || g.LatestShown {
			t.Errorf("%s: side column %+v does not follow the article, or shows the latest news", what, g)
		}
		tb.expectClean(what)
	}
	for _, u := range []string{base, base + "?lang=en", base + "categories/thong-bao", base + "search?q=chuyen+doi+so"} {
		tb.navigate(u)
		crWaitFor[bool](tb, `document.readyState === 'complete'`)
		if g := crEval[geometry](tb, measure); g.ScrollWidth > g.ViewWidth {
			t.Errorf("%s at 390 px: the page is %d px wide", u, g.ScrollWidth)
		}
		tb.expectClean(u)
	}
}

// crAlignedSlug returns the slug of a demo article whose body has a
// text-align style.
func crAlignedSlug(t *testing.T) string {
	t.Helper()
	pub := crLoadDemo(t)
	p, err := pub.Articles(context.Background(), news.Query{Limit: news.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range p.Articles {
		if strings.Contains(a.Body, `style="text-align: right"`) {
			return a.Slug
		}
	}
	t.Fatal("no demo article has a text-align style")
	return ""
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
