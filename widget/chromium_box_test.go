package widget_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// crTestBox checks the news box embedded the three ways on a strict,
// aggressively styled host page, and its dark theme.
func crTestBox(t *testing.T, bctx context.Context, f *crFixture) {
	t.Run("ScriptEmbed", func(t *testing.T) { crTestScriptEmbed(t, bctx, f) })
	t.Run("IframeEmbed", func(t *testing.T) { crTestIframeEmbed(t, bctx, f) })
	t.Run("FragmentEmbed", func(t *testing.T) { crTestFragmentEmbed(t, bctx, f) })
	t.Run("DarkTheme", func(t *testing.T) { crTestDarkTheme(t, bctx, f) })
}

// style is the computed style of an element, as the tests compare it.
type crStyle struct {
	Color, Background, FontSize, FontFamily, Display, Margin, Padding, Border, LineHeight, Transform string
}

const crStyleJS = `const styleOf = (el) => { const s = getComputedStyle(el); return {
	Color: s.color, Background: s.backgroundColor, FontSize: s.fontSize, FontFamily: s.fontFamily,
	Display: s.display, Margin: s.margin, Padding: s.padding, Border: s.border, LineHeight: s.lineHeight,
	Transform: s.textTransform}; };`

func crTestScriptEmbed(t *testing.T, bctx context.Context, f *crFixture) {
	tb := crNewTab(t, bctx)
	boxes := []string{
		"limit=5&layout=list",
		"limit=4&layout=cards&show=date,image,summary",
		"limit=5&layout=ticker",
		"limit=3&theme=dark&category=khoa-hoc-cong-nghe",
	}
	// The same page with no widget script: the probe's styles as the host
	// alone makes them.
	tb.navigate(f.pageURL("none", "news", "host", boxes...))
	crProbeJS := `(() => { ` + crStyleJS + ` return Array.from(document.querySelectorAll('.probe, .probe *')).map(styleOf); })()`
	control := crEval[[]crStyle](tb, crProbeJS)
	tb.expectClean("host page without the widget")

	tb.navigate(f.pageURL("script", "news", "host", boxes...))
	crWaitWidgets(tb, len(boxes))

	// It renders the articles: the newest titles, in the shadow roots.
	titles := crEval[[][]string](tb, `(() => { `+crShadowJS+`
		return roots().map(r => Array.from(r.querySelectorAll('.news-box__link')).map(a => a.textContent.trim()));
	})()`)
	if len(titles) != len(boxes) {
		t.Fatalf("rendered %d boxes, want %d", len(titles), len(boxes))
	}
	for i, want := range []int{5, 4, 5, 3} {
		if len(titles[i]) != want {
			t.Errorf("box %d (%s) shows %d articles, want %d: %q", i, boxes[i], len(titles[i]), want, titles[i])
		}
	}
	for i, title := range titles[0] {
		if i < len(f.cleanTitles) && title != f.cleanTitles[i] {
			t.Errorf("box 0 article %d = %q, want %q (newest first)", i, title, f.cleanTitles[i])
		}
	}

	// Each box has the heading and "see all" link that /fragment and /embed
	// show for the same parameters: a category's name, although the newest
	// articles of khoa-hoc-cong-nghe are all in its subcategories.
	heads := crEval[[]crHeading](tb, `(() => { `+crShadowJS+`
		return roots().map(r => { const a = r.querySelector('.news-box__title a'); return {Text: a.textContent.trim(), Href: a.href}; });
	})()`)
	for i, got := range heads {
		if want := crFragmentHeading(t, f, boxes[i]); got != want {
			t.Errorf("box %d (%s) heading %+v, want %+v as in /fragment", i, boxes[i], got, want)
		}
	}

	// Host styles do not leak in: the loud host rules reach no element of
	// the shadow tree, directly or by inheritance.
	inside := crEval[[]crStyle](tb, `(() => { `+crShadowJS+crStyleJS+`
		return roots().flatMap(r => Array.from(r.querySelectorAll('section, h2, ul, li, a, time, p'))).map(styleOf);
	})()`)
	if len(inside) == 0 {
		t.Fatal("no element found in the shadow roots")
	}
	for i, s := range inside {
		if crHostStyled(s) {
			t.Errorf("shadow element %d carries host styles: %+v", i, s)
			break
		}
	}

	// Widget styles do not leak out: the probe, marked up with the box's
	// own class names, looks as it does without the widget.
	got := crEval[[]crStyle](tb, crProbeJS)
	if len(got) != len(control) {
		t.Fatalf("probe has %d elements, want %d", len(got), len(control))
	}
	for i := range got {
		if got[i] != control[i] {
			t.Errorf("probe element %d: with the widget %+v, without %+v", i, got[i], control[i])
		}
	}
	tb.expectClean("host page with <news-widget>")
}

// crHostStyled reports whether s shows one of the host stylesheet's loud
// values.
func crHostStyled(s crStyle) bool {
	loud := []string{"rgb(255, 0, 0)", "rgb(255, 255, 0)", "rgb(0, 255, 0)", "rgb(255, 0, 255)", "40px", "50px", "uppercase"}
	for _, v := range []string{s.Color, s.Background, s.FontSize, s.Transform} {
		for _, l := range loud {
			if v == l {
				return true
			}
		}
	}
	return strings.Contains(s.FontFamily, "Comic Sans") || strings.Contains(s.Border, "dashed")
}

// crFrameWait evaluates expr in the child frame of the tab's page whose URL
// is frameURL, in an isolated world (it sees the DOM and styles, not the
// page's scripts), until expr is truthy, for at most ten seconds; the
// browser does the waiting. It decodes the value into T.
func crFrameWait[T any](tb *crTab, frameURL, expr string) (T, error) {
	var v T
	tree, err := chromedp.Call(tb.ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return v, err
	}
	var frame *cdp.Frame
	for _, c := range tree.FrameTree.ChildFrames {
		if c.Frame.URL == frameURL {
			frame = c.Frame
		}
	}
	if frame == nil {
		return v, fmt.Errorf("no frame at %s", frameURL)
	}
	world, err := chromedp.Call(tb.ctx, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: frame.ID, WorldName: "orgnews-test"})
	if err != nil {
		return v, err
	}
	res, err := chromedp.Call(tb.ctx, runtime.Evaluate, runtime.EvaluateParams{
		Expression: `new Promise((resolve, reject) => {
			const t0 = Date.now();
			const tick = () => {
				const v = (` + expr + `);
				if (v) resolve(JSON.stringify(v));
				else if (Date.now() - t0 > 10000) reject(new Error("timed out"));
				else setTimeout(tick, 20);
			};
			tick();
		})`,
		ContextID:     world.ExecutionContextID,
		AwaitPromise:  new(true),
		ReturnByValue: new(true),
	})
	if err != nil {
		return v, err
	}
	if res.ExceptionDetails != nil {
		return v, fmt.Errorf("%s", res.ExceptionDetails.Text+" "+res.ExceptionDetails.Exception.Description)
	}
	var raw string
	if err := json.Unmarshal([]byte(res.Result.Value), &raw); err != nil {
		return v, err
	}
	return v, json.Unmarshal([]byte(raw), &v)
}

func crTestIframeEmbed(t *testing.T, bctx context.Context, f *crFixture) {
	tb := crNewTab(t, bctx)
	boxes := []string{"limit=5&category=thong-bao", "limit=3&layout=cards&show=date,image"}
	tb.navigate(f.pageURL("iframe", "news", "host", boxes...))
	srcs := crWaitFor[[]string](tb, `(() => { const fs = Array.from(document.querySelectorAll('iframe')).map(f => f.src);
		return fs.length === `+strconv.Itoa(len(boxes))+` && fs; })()`)
	for i, src := range srcs {
		// The iframe's content: its articles, once the parent script has
		// made the frame as high as its content (no scroll bar, no gap).
		inner, err := crFrameWait[struct {
			Links             []string
			Content, Viewport float64
			Link              crStyle
			Heading           crHeading
		}](tb, src, `(() => {
			`+crStyleJS+`
			const links = Array.from(document.querySelectorAll('.news-box__link'));
			const content = document.documentElement.getBoundingClientRect().height;
			if (links.length === 0 || document.readyState !== 'complete' || Math.abs(innerHeight - content) > 2) return null;
			const h = document.querySelector('.news-box__title a');
			return {Links: links.map(a => a.textContent.trim()), Content: content, Viewport: innerHeight, Link: styleOf(links[0]),
				Heading: {Text: h.textContent.trim(), Href: h.href}};
		})()`)
		if err != nil {
			t.Errorf("iframe %d: waiting for its content and a height that fits it: %v", i, err)
			continue
		}
		if want := []int{4, 3}[i]; len(inner.Links) != want { // thong-bao has 4 public articles
			t.Errorf("iframe %d shows %d articles, want %d: %q", i, len(inner.Links), want, inner.Links)
		}
		if want := crFragmentHeading(t, f, boxes[i]); inner.Heading != want {
			t.Errorf("iframe %d heading %+v, want %+v as in /fragment", i, inner.Heading, want)
		}
		if inner.Viewport <= 150 {
			t.Errorf("iframe %d is %vpx high, want more than the default 150px for %d articles", i, inner.Viewport, len(inner.Links))
		}
		// Host styles do not leak into the frame.
		if crHostStyled(inner.Link) {
			t.Errorf("iframe %d link carries host styles: %+v", i, inner.Link)
		}
	}
	tb.expectClean("host page with /embed iframes")
}

func crTestFragmentEmbed(t *testing.T, bctx context.Context, f *crFixture) {
	tb := crNewTab(t, bctx)
	tb.navigate(f.pageURL("fragment", "news", "plain", "limit=5", "limit=2&layout=cards&show=image,summary"))
	got := crEval[[]string](tb, `Array.from(document.querySelectorAll('.shot .news-box__link')).map(a => a.textContent.trim())`)
	if len(got) != 7 {
		t.Errorf("fragments show %d articles, want 7: %q", len(got), got)
	}
	if len(got) > 0 && len(f.cleanTitles) > 0 && got[0] != f.cleanTitles[0] {
		t.Errorf("first fragment article = %q, want %q", got[0], f.cleanTitles[0])
	}
	tb.expectClean("host page with /fragment boxes")
}

// A crHeading is a box's heading and the URL it links to.
type crHeading struct{ Text, Href string }

// crFragmentHeading returns the heading of the clean site's /fragment for
// the box query.
func crFragmentHeading(t *testing.T, f *crFixture, query string) crHeading {
	t.Helper()
	res, err := http.Get(f.site.URL + "/news/fragment?" + query)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := crTitleRE.FindSubmatch(body)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("GET fragment?%s: %s, no heading in\n%s", query, res.Status, body)
	}
	return crHeading{Text: html.UnescapeString(string(m[2])), Href: html.UnescapeString(string(m[1]))}
}

var crTitleRE = regexp.MustCompile(`<h2 class="news-box__title"><a href="([^"]*)"[^>]*>([^<]*)</a></h2>`)

// crLuminance returns the relative luminance (0 black … 1 white) of a CSS
// rgb() or rgba() colour, or -1 when it cannot parse it.
func crLuminance(c string) float64 {
	c = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(c, "rgba("), "rgb("), ")")
	parts := strings.Split(c, ",")
	if len(parts) < 3 {
		return -1
	}
	var rgb [3]float64
	for i := range rgb {
		v, err := strconv.ParseFloat(strings.TrimSpace(parts[i]), 64)
		if err != nil {
			return -1
		}
		v /= 255
		if v <= 0.03928 {
			rgb[i] = v / 12.92
		} else {
			rgb[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
}

// crContrast returns the WCAG contrast ratio of two luminances.
func crContrast(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}

func crTestDarkTheme(t *testing.T, bctx context.Context, f *crFixture) {
	tb := crNewTab(t, bctx)
	type colours struct{ Background, Color string }
	check := func(what string, c colours, dark bool) {
		t.Helper()
		bg, fg := crLuminance(c.Background), crLuminance(c.Color)
		if bg < 0 || fg < 0 {
			t.Errorf("%s: colours %+v do not parse", what, c)
			return
		}
		if dark && (bg > 0.1 || fg < 0.4) {
			t.Errorf("%s: background %s, text %s; want a dark theme", what, c.Background, c.Color)
		}
		if !dark && (bg < 0.6 || fg > 0.2) {
			t.Errorf("%s: background %s, text %s; want a light theme", what, c.Background, c.Color)
		}
		if r := crContrast(bg, fg); r < 4.5 {
			t.Errorf("%s: crContrast %.2f between %s and %s, want at least 4.5 (WCAG AA)", what, r, c.Color, c.Background)
		}
	}
	boxJS := `(() => { ` + crShadowJS + `
		return roots().map(r => { const box = r.querySelector('.news-box'), link = r.querySelector('.news-box__link');
			return {Background: getComputedStyle(box).backgroundColor, Color: getComputedStyle(link).color}; });
	})()`

	tb.navigate(f.pageURL("script", "news", "plain", "limit=3&theme=dark", "limit=3&theme=light", "limit=3&theme=auto"))
	crWaitWidgets(tb, 3)
	got := crEval[[]colours](tb, boxJS)
	if len(got) != 3 {
		t.Fatalf("found %d boxes, want 3", len(got))
	}
	check("theme=dark", got[0], true)
	check("theme=light", got[1], false)
	check("theme=auto in a light system", got[2], false)

	// theme=auto follows the reader's system.
	_, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got = crEval[[]colours](tb, boxJS)
	check("theme=auto in a dark system", got[2], true)
	check("theme=light in a dark system", got[1], false)
	_, err = chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
	if err != nil {
		t.Fatal(err)
	}

	// The /embed page in the dark theme.
	tb.navigate(f.site.URL + "/news/embed?theme=dark&limit=3")
	check("/embed?theme=dark", crEval[colours](tb, `(() => { const box = document.querySelector('.news-box'), link = document.querySelector('.news-box__link');
		return {Background: getComputedStyle(box).backgroundColor, Color: getComputedStyle(link).color}; })()`), true)
	tb.expectClean("dark theme")
}
