package main

import (
	"context"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/widget"
)

// readmeNews is where the README's embed snippets find the news section;
// the tests move it to the demo's.
const readmeNews = "https://skhcn.example.gov.vn/tin-tuc/"

// readmeEmbed holds the embed snippets of the root README's section "Embed
// the box three ways": its HTML block and its Go line.
type readmeEmbed struct {
	html, goCode string
}

// readEmbedSnippets returns the README's embed snippets.
func readEmbedSnippets(t *testing.T) readmeEmbed {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	_, section, ok := strings.Cut(string(readme), "### Embed the box three ways")
	require.True(t, ok, "the README has its section on embedding the box")
	section, _, _ = strings.Cut(section, "\n### ")
	block := func(lang string) string {
		_, b, ok := strings.Cut(section, "```"+lang+"\n")
		require.True(t, ok, "the section has a %s block", lang)
		b, _, _ = strings.Cut(b, "```")
		return b
	}
	return readmeEmbed{html: block("html"), goCode: block("go")}
}

var (
	readmeSrcRE     = regexp.MustCompile(`\ssrc="([^"]+)"`)
	readmeWidgetRE  = regexp.MustCompile(`<news-widget\s([^>]*)>`)
	readmeAttrRE    = regexp.MustCompile(`([a-z-]+)="([^"]*)"`)
	readmeIncludeRE = regexp.MustCompile(`<!--#include virtual="([^"]+)" -->`)
	readmeBoxRE     = regexp.MustCompile(`widget\.BoxParams\{[^}]*\}`)
)

// demoURL moves a URL of the README's news section to the demo's.
func demoURL(t *testing.T, a *app, u string) string {
	t.Helper()
	switch {
	case strings.HasPrefix(u, readmeNews):
		return a.siteURL + "news/" + strings.TrimPrefix(u, readmeNews)
	case strings.HasPrefix(u, "/tin-tuc/"): // a path on the news site, as server-side includes use
		return a.siteURL + "news/" + strings.TrimPrefix(u, "/tin-tuc/")
	}
	t.Fatalf("the README's snippet refers to %s, outside its news section %s", u, readmeNews)
	return ""
}

// boxParams builds the BoxParams of a Go composite literal such as
// widget.BoxParams{Category: "x", Limit: 5}, whose values are constants.
func boxParams(t *testing.T, lit string) widget.BoxParams {
	t.Helper()
	expr, err := parser.ParseExpr(lit)
	require.NoError(t, err, "%s", lit)
	cl, ok := expr.(*ast.CompositeLit)
	require.True(t, ok, "%s is a composite literal", lit)
	var p widget.BoxParams
	v := reflect.ValueOf(&p).Elem()
	for _, e := range cl.Elts {
		kv, ok := e.(*ast.KeyValueExpr)
		require.True(t, ok, "%s: keyed fields", lit)
		f := v.FieldByName(kv.Key.(*ast.Ident).Name)
		require.True(t, f.IsValid(), "%s: BoxParams has a field %s", lit, kv.Key)
		bl, ok := kv.Value.(*ast.BasicLit)
		require.True(t, ok, "%s: %s is a constant", lit, kv.Key)
		switch bl.Kind {
		case token.STRING:
			s, err := strconv.Unquote(bl.Value)
			require.NoError(t, err)
			f.SetString(s)
		case token.INT:
			n, err := strconv.Atoi(bl.Value)
			require.NoError(t, err)
			f.SetInt(int64(n))
		default:
			t.Fatalf("%s: %s has an unexpected constant %s", lit, kv.Key, bl.Value)
		}
	}
	return p
}

// TestREADMEEmbedSnippets runs every embed snippet of the README against
// the demo, its news section moved to the demo's address: each URL a
// snippet loads answers, the web component's attributes get articles from
// /api/box, the iframe's /embed and the included /fragment show articles,
// and Handler.Box renders articles for the Go line's parameters.
func TestREADMEEmbedSnippets(t *testing.T) {
	snip := readEmbedSnippets(t)
	a := startApp(t, "-db", "memory")

	srcs := readmeSrcRE.FindAllStringSubmatch(snip.html, -1)
	require.Len(t, srcs, 3, "widget.js, the iframe's /embed and embed-parent.js")
	for _, m := range srcs {
		u := demoURL(t, a, html.UnescapeString(m[1]))
		resp, body := get(t, u)
		require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s: %s", u, body)
		if strings.Contains(u, "/embed?") {
			assert.Contains(t, body, `class="news-box__link"`, "the iframe shows articles: %s", u)
		}
	}

	widgets := readmeWidgetRE.FindAllStringSubmatch(snip.html, -1)
	require.Len(t, widgets, 1, "one <news-widget>")
	for _, m := range widgets {
		q := url.Values{}
		for _, attr := range readmeAttrRE.FindAllStringSubmatch(m[1], -1) {
			q.Set(attr[1], html.UnescapeString(attr[2]))
		}
		u := a.siteURL + "news/api/box?" + q.Encode()
		resp, body := get(t, u)
		require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s: %s", u, body)
		var box struct{ Articles []json.RawMessage }
		require.NoError(t, json.Unmarshal([]byte(body), &box))
		assert.NotEmpty(t, box.Articles, "the web component shows articles: %s", u)
	}

	includes := readmeIncludeRE.FindAllStringSubmatch(snip.html, -1)
	require.Len(t, includes, 1, "one server-side include")
	for _, m := range includes {
		u := demoURL(t, a, m[1])
		resp, body := get(t, u)
		require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s: %s", u, body)
		assert.Contains(t, body, `class="news-box__link"`, "the fragment shows articles: %s", u)
	}

	lits := readmeBoxRE.FindAllString(snip.goCode, -1)
	require.Len(t, lits, 1, "one Handler.Box call")
	for _, lit := range lits {
		box, err := a.news.Box(context.Background(), boxParams(t, lit))
		require.NoError(t, err, "%s", lit)
		assert.Contains(t, string(box), `class="news-box__link"`, "%s shows articles", lit)
	}
}

// TestChromiumREADMEEmbedSnippets opens a page made of the README's HTML
// block as written, its news section moved to the demo's (and the
// server-side include done, as the web server would), at the partner
// portal's address, which the demo lets frame its boxes: each of the
// three boxes shows articles, and the page does not scroll sideways on a
// phone.
func TestChromiumREADMEEmbedSnippets(t *testing.T) {
	snip := readEmbedSnippets(t)
	bctx := startBrowser(t)
	a := startApp(t, "-db", "memory")

	page := strings.ReplaceAll(snip.html, readmeNews, a.siteURL+"news/")
	page = readmeIncludeRE.ReplaceAllStringFunc(page, func(inc string) string {
		u := demoURL(t, a, readmeIncludeRE.FindStringSubmatch(inc)[1])
		resp, body := get(t, u)
		require.Equal(t, http.StatusOK, resp.StatusCode, "GET %s", u)
		return body
	})
	page = `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cổng thông tin – hộp tin theo README</title></head><body>` + page + `</body></html>`

	// The browser gets the page from the test (see startBrowser's flags)
	// at the partner portal's address, an origin the news site's
	// frame-ancestors allows.
	pageURL := a.partnerURL + "readme"
	ctx, cancel := chromedp.NewContext(bctx)
	defer cancel()
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: pageURL}}})
	require.NoError(t, err)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			_, _ = chromedp.Call(ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
				RequestID:       ev.RequestID,
				ResponseCode:    http.StatusOK,
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "text/html; charset=utf-8"}},
				Body:            []byte(page),
			}) // an error means the page went away, which the test sees
		}
	}()
	_, err = chromedp.Run(ctx, chromedp.EmulateViewport(390, 844))
	require.NoError(t, err)
	_, err = chromedp.Run(ctx, chromedp.Navigate(pageURL))
	require.NoError(t, err)

	got, err := chromedp.Run(ctx, chromedp.Poll[pageWidth](pageWidthJS, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(15*time.Second)))
	require.NoError(t, err, "waiting for the README's boxes")
	assert.Equal(t, 1, got.Widgets)
	assert.Equal(t, 1, got.Frames)
	assert.Equal(t, got.ClientWidth, got.ScrollWidth, "the page scrolls sideways")

	// The fragment shows articles, and the iframe has grown to its box of
	// articles (the parent script got its height).
	links, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('body > section.news-box .news-box__link').length`))
	require.NoError(t, err)
	assert.Positive(t, links, "the included fragment shows articles")
	height, err := chromedp.Run(ctx, chromedp.Poll[int](`(() => { const h = Number(document.querySelector('iframe.news-embed').height); return h !== 420 && h; })()`,
		chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(15*time.Second)))
	require.NoError(t, err, "waiting for the parent script to size the iframe")
	assert.Greater(t, height, 200, "the iframe is as high as its articles")
}
