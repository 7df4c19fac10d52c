package widget_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/widget"
)

// crSearchQuery is what the reader types: two accented words that the demo
// content holds, in more articles than a page of crSearchPageSize.
const (
	crSearchQuery    = "hội nghị"
	crSearchPageSize = 3
)

// A crPiece is a text node, or a <mark>, of a result's title or excerpt.
type crPiece struct {
	Text string
	Mark bool
}

// A crSearchPage is what the search page shows.
type crSearchPage struct {
	Lang, Heading, Say, Count, Query, Location string
	BoxQuery                                   string // the header's search box
	Sorts                                      []struct{ Text, Href, Current string }
	Titles, Excerpts                           [][]crPiece
	Marks, MarksInResults                      int // every <mark>, those in titles and excerpts
	Other                                      []string
	Next, Suggest, SuggestText, HiddenSort     string
	ScrollWidth, InnerWidth                    int
}

// crSearchJS reads the search page.
const crSearchJS = `(() => {
	const text = s => { const e = document.querySelector(s); return e ? e.textContent.trim() : ''; };
	const attr = (s, a) => { const e = document.querySelector(s); return e ? e.getAttribute(a) || '' : ''; };
	const pieces = e => Array.from(e.childNodes).map(n => n.nodeType === Node.TEXT_NODE ? {Text: n.textContent, Mark: false}
		: {Text: n.nodeName === 'MARK' && n.children.length === 0 ? n.textContent : '<' + n.nodeName + '>', Mark: n.nodeName === 'MARK'});
	const input = document.querySelector('#news-search-page');
	return {
		Lang: document.documentElement.lang, Heading: text('h1'), Say: text('.error-page p'),
		Count: text('.search-count'), Query: input ? input.value : '', Location: location.href,
		BoxQuery: document.querySelector('#news-search').value,
		Sorts: Array.from(document.querySelectorAll('.search-sort a')).map(a => ({Text: a.textContent.trim(), Href: a.href, Current: a.getAttribute('aria-current') || ''})),
		Titles: Array.from(document.querySelectorAll('.card__title a')).map(pieces),
		Excerpts: Array.from(document.querySelectorAll('.card__excerpt')).map(pieces),
		Marks: document.querySelectorAll('mark').length,
		MarksInResults: document.querySelectorAll('.card__title a > mark, .card__excerpt > mark').length,
		Next: attr('.pager__next', 'href'), Suggest: attr('.empty__suggest a', 'href'), SuggestText: text('.empty__suggest a'),
		HiddenSort: attr('.search-form--page input[name=sort]', 'value'),
		ScrollWidth: document.scrollingElement.scrollWidth, InnerWidth: window.innerWidth,
	};
})()`

// crInjectedJS lists what a payload would have put into a search page,
// which holds no script, frame, object or event handler of its own.
const crInjectedJS = `(() => {
	const out = [];
	for (const e of document.querySelectorAll('*')) {
		if (['SCRIPT', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'BASE', 'APPLET', 'SVG', 'MATH', 'TEMPLATE'].includes(e.nodeName.toUpperCase())) out.push(e.nodeName);
		for (const a of e.attributes) {
			const url = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcset'].includes(a.name);
			if (a.name.startsWith('on') || a.name === 'srcdoc' || url && /^\s*(javascript|data|vbscript):/i.test(a.value)) out.push(e.nodeName + ' ' + a.name + '=' + a.value);
		}
		if (e.nodeName === 'META' && (e.getAttribute('http-equiv') || '').toLowerCase() === 'refresh') out.push('META refresh');
	}
	return out;
})()`

// TestChromiumSearch searches the demo content as a reader does, at a
// desktop's 1280×800 and a phone's 390×844: types an accented query into
// the search form, reads the count and the marks, switches to the newest
// first, pages, follows the suggestion of an accented search that finds
// nothing, sends a search too long, and pastes the XSS payloads as
// searches, none of which may run. With -update-screenshots it writes
// docs/screenshots/search-1280.png and search-390.png.
func TestChromiumSearch(t *testing.T) {
	bctx := crStartBrowser(t)
	f := crNewFixture(t)
	pub := crLoadDemo(t)
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	h := widget.New(pub, &widget.Options{
		BaseURL: srv.URL + "/news/", SiteName: "Sở Khoa học và Công nghệ tỉnh Hòa An",
		Location: crDemoNow.Location(), PageSize: crSearchPageSize,
	})
	mux.Handle("/news/", http.StripPrefix("/news", h))
	mux.Handle("/static/", http.StripPrefix("/static", http.FileServer(http.Dir(crDemoStatic))))
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })

	all, err := pub.Articles(context.Background(), news.Query{Text: crSearchQuery, Limit: news.MaxLimit})
	require.NoError(t, err)
	require.Greater(t, all.Total, crSearchPageSize, "the demo has more than a page of %q", crSearchQuery)
	query, err := news.ParseSearch(crSearchQuery)
	require.NoError(t, err)

	for _, vp := range []struct {
		width, height int
		mobile        bool
	}{{1280, 800, false}, {390, 844, true}} {
		t.Run(fmt.Sprintf("%dx%d", vp.width, vp.height), func(t *testing.T) {
			tb := crNewTab(t, bctx)
			require.NoError(t, chromedp.Do(tb.ctx, chromedp.EmulateViewport(int64(vp.width), int64(vp.height), func(p *emulation.SetDeviceMetricsOverrideParams, _ *emulation.SetTouchEmulationEnabledParams) {
				p.Mobile = vp.mobile
			})))
			// read reads the page once loaded, with no report, dialog or
			// console error but the status of an error page.
			read := func(what string) crSearchPage {
				t.Helper()
				crWaitFor[bool](tb, `document.readyState === 'complete'`)
				p := crEval[crSearchPage](tb, crSearchJS)
				assert.LessOrEqual(t, p.ScrollWidth, p.InnerWidth, "%s at %d px scrolls sideways", what, vp.width)
				reports, console := tb.take()
				assert.Empty(t, reports, what)
				for _, c := range console {
					assert.Contains(t, c, "status of 400", "%s: only the status of a 400 in the console", what)
				}
				return p
			}
			// submit types text into the page's search form and submits it
			// with its button, and returns the status of the answer.
			submit := func(text string) int64 {
				t.Helper()
				crEval[chromedp.Void](tb, `document.querySelector('#news-search-page').value = ''`)
				require.NoError(t, chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.CSS("#news-search-page"), text)))
				res, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(".search-form--page button")))
				require.NoError(t, err, "submitting %q", text)
				return res.Status
			}
			// follow clicks a link and waits for its page.
			follow := func(sel string) {
				t.Helper()
				res, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(sel)))
				require.NoError(t, err, "following %s", sel)
				require.Equal(t, int64(http.StatusOK), res.Status, "following %s", sel)
			}

			tb.navigate(srv.URL + "/news/search")
			require.Equal(t, int64(http.StatusOK), submit(crSearchQuery))
			p := read("the results")
			assert.Equal(t, crSearchQuery, p.Query, "the form keeps the query")
			assert.Equal(t, fmt.Sprintf("%d kết quả", all.Total), p.Count)
			assert.Equal(t, crSearchQuery, crParam(t, p.Location, "q"))
			crCheckMarks(t, query, p)
			if *crUpdateScreenshots || os.Getenv("ORGNEWS_UPDATE_SCREENSHOTS") == "1" {
				crSearchScreenshot(t, tb, fmt.Sprintf("search-%d.png", vp.width))
			}

			// Newest first, then the next page: both keep the query.
			require.Len(t, p.Sorts, 2)
			assert.Equal(t, "true", p.Sorts[0].Current, "relevance is the order shown")
			follow(`.search-sort a:not([aria-current])`)
			p = read("newest first")
			assert.Equal(t, crSearchQuery, crParam(t, p.Location, "q"))
			assert.Equal(t, "newest", crParam(t, p.Location, "sort"))
			assert.Equal(t, crSearchQuery, p.Query)
			assert.Equal(t, "newest", p.HiddenSort, "the form keeps the order")
			require.Len(t, p.Sorts, 2)
			assert.Equal(t, "true", p.Sorts[1].Current, "newest is the order shown")
			assert.Equal(t, fmt.Sprintf("%d kết quả", all.Total), p.Count)
			crCheckMarks(t, query, p)
			require.NotEmpty(t, p.Next, "a next page")
			follow(".pager__next")
			p = read("the next page")
			assert.Equal(t, crSearchQuery, crParam(t, p.Location, "q"))
			assert.Equal(t, "newest", crParam(t, p.Location, "sort"))
			assert.NotEmpty(t, crParam(t, p.Location, "cursor"))
			assert.Equal(t, crSearchQuery, p.Query)
			assert.Equal(t, "newest", p.HiddenSort)
			crCheckMarks(t, query, p)

			// An accented search that finds nothing suggests it without marks.
			require.Equal(t, int64(http.StatusOK), submit("xoài cát"))
			p = read("a search that finds nothing")
			assert.Empty(t, p.Titles)
			assert.Equal(t, "xoai cat", p.SuggestText)
			assert.Equal(t, "xoai cat", crParam(t, p.Suggest, "q"))
			assert.Equal(t, "newest", crParam(t, p.Suggest, "sort"), "the suggestion keeps the order")

			// 257 bytes: the 400 page, in Vietnamese.
			long := strings.Repeat("hội nghị ", 19) + "khoa học"
			require.Len(t, long, 257)
			tb.navigate(srv.URL + "/news/search")
			assert.Equal(t, int64(http.StatusBadRequest), submit(long))
			p = read("a search of 257 bytes")
			assert.Equal(t, "vi", p.Lang)
			assert.Equal(t, "Yêu cầu không hợp lệ", p.Heading)
			assert.Contains(t, p.Say, "Từ khóa tìm kiếm quá dài")
			assert.Equal(t, long, p.BoxQuery, "the search box holds the search to shorten")
		})
	}

	t.Run("XSS", func(t *testing.T) { crTestSearchXSS(t, bctx, f) })
}

// crTestSearchXSS pastes each XSS payload as a search, in the search box
// of the news section full of them, and checks that none runs: no dialog,
// no beacon, no script the CSP had to block, no element or attribute a
// payload put into the page, and the box shows the payload as pasted.
// Payloads are pasted (Input.insertText), not typed key by key, so that
// some 330 of them take seconds; a tab serves 100.
func crTestSearchXSS(t *testing.T, bctx context.Context, f *crFixture) {
	var tb *crTab
	payloads := crXssPayloads(t, f.host.URL+"/beacon")
	for i, payload := range payloads {
		// What a reader can paste into the box: no line break, no control
		// character, at most its 256 characters.
		pasted := strings.Join(strings.Fields(strings.Map(func(r rune) rune {
			if unicode.IsControl(r) && !unicode.IsSpace(r) {
				return -1
			}
			return r
		}, payload)), " ")
		if r := []rune(pasted); len(r) > 256 {
			pasted = string(r[:256])
		}
		if pasted == "" {
			continue
		}
		if i%100 == 0 {
			tb = crNewTab(t, bctx)
			tb.navigate(f.site.URL + "/xss/search")
		}
		crEval[chromedp.Void](tb, `(() => { const e = document.querySelector('#news-search'); e.value = ''; e.focus(); })()`)
		_, err := chromedp.Call(tb.ctx, input.InsertText, input.InsertTextParams{Text: pasted})
		require.NoError(t, err, "payload %d", i)
		res, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(".site-header .search-form button")))
		require.NoError(t, err, "payload %d", i)
		if res.Status != http.StatusOK && res.Status != http.StatusBadRequest {
			t.Errorf("payload %d %q: status %d", i, pasted, res.Status)
		}
		crWaitFor[bool](tb, `document.readyState === 'complete'`)
		if got := crEval[[]string](tb, crInjectedJS); len(got) > 0 {
			t.Errorf("payload %d %q put into the page: %q", i, pasted, got)
		}
		if res.Status == http.StatusOK {
			if got := crEval[string](tb, `document.querySelector('#news-search').value`); got != pasted {
				t.Errorf("payload %d: the search box shows %q, pasted %q", i, got, pasted)
			}
		}
		reports, _ := tb.take() // the console has the 404s of payloads' images
		for _, r := range reports {
			if r.Kind != "csp" || crScriptDirective(r.Detail) {
				t.Errorf("payload %d %q ran or tried to: %s %s", i, pasted, r.Kind, r.Detail)
			}
		}
	}
	for _, b := range f.takeBeacons() {
		t.Errorf("a payload ran: beacon %s", b)
	}
	t.Logf("pasted %d payloads as searches", len(payloads))
}

// crParam returns the parameter name of the URL u.
func crParam(t *testing.T, u, name string) string {
	t.Helper()
	pu, err := url.Parse(u)
	require.NoError(t, err, u)
	return pu.Query().Get(name)
}

// crCheckMarks checks the marks of the results on p: each a word that a
// word of the search s matches, no such word left unmarked, and no mark
// outside the titles and excerpts.
func crCheckMarks(t *testing.T, s news.Search, p crSearchPage) {
	t.Helper()
	require.NotEmpty(t, p.Titles, "results")
	assert.Equal(t, p.Marks, p.MarksInResults, "marks outside the titles and excerpts")
	matches := func(w string) bool {
		for _, q := range s.Words {
			if news.MatchWord(q, w) {
				return true
			}
		}
		return false
	}
	marks := 0
	for _, pieces := range append(p.Titles, p.Excerpts...) {
		for _, pc := range pieces {
			words := strings.FieldsFunc(pc.Text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) })
			if pc.Mark {
				marks++
				if assert.Len(t, words, 1, "a mark of one word: %q", pc.Text) {
					assert.True(t, matches(words[0]), "marked %q matches no word of %q", pc.Text, s)
					assert.Equal(t, words[0], pc.Text, "a mark holds its word only")
				}
				continue
			}
			assert.NotContains(t, pc.Text, "<", "an element in a result: %q", pc.Text)
			for _, w := range words {
				assert.False(t, matches(w), "%q matches %q and is not marked", w, s)
			}
		}
	}
	assert.Positive(t, marks, "marks in the results")
}

// crSearchScreenshot writes the page in tb, whole, with its photos, under
// ../docs/screenshots/.
func crSearchScreenshot(t *testing.T, tb *crTab, name string) {
	t.Helper()
	dir := filepath.Join("..", "docs", "screenshots")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	// The whole page shows every photo: load those below the fold now.
	crEval[chromedp.Void](tb, `document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })`)
	crWaitFor[bool](tb, `Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)`)
	crEval[chromedp.Void](tb, `Promise.all(Array.from(document.images).map(i => i.decode())).then(() => new Promise(r => setTimeout(r, 100)))`)
	shot, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, name), shot, 0o644))
	t.Logf("wrote %s (%d bytes)", filepath.Join(dir, name), len(shot))
}
