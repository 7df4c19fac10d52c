package widget_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// crTestXSS checks that no XSS payload in the content runs on any surface:
// first that the detectors see a payload that does run.
func crTestXSS(t *testing.T, bctx context.Context, f *crFixture) {
	t.Run("ProbeDetects", func(t *testing.T) { crTestProbeDetects(t, bctx, f) })
	t.Run("Surfaces", func(t *testing.T) { crTestSurfaces(t, bctx, f) })
}

// crXssPayloads returns the payloads: the shared list, then the browser
// tests' own, with BEACON replaced by beacon.
func crXssPayloads(t *testing.T, beacon string) []string {
	t.Helper()
	var out []string
	seen := map[string]bool{}
	for _, name := range []string{crSharedXSS, "testdata/chromium/xss.txt"} {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if line == "" {
				continue
			}
			line = strings.ReplaceAll(strings.ReplaceAll(line, `\n`, "\n"), "BEACON", beacon)
			if !seen[line] { // the committed list repeats part of the shared one
				seen[line] = true
				out = append(out, line)
			}
		}
	}
	return out
}

// cut returns the first n characters of s.
func crCut(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

// crLoadXSS fills a memory store with one article per payload, the payload
// in every field an editor sets (title, summary, body, author, tags, cover
// alt text and caption) and in the category's name, and returns its public
// view, the articles' slugs and the number of tag groups.
func crLoadXSS(t *testing.T, beacon string) (*news.Public, []string, int) {
	t.Helper()
	ctx := context.Background()
	st := memstore.New()
	clock := func() time.Time { return crDemoNow }
	svc := news.NewService(st, &news.ServiceOptions{Now: clock})
	payloads := crXssPayloads(t, beacon)
	cat, err := svc.CreateCategory(ctx, news.CategoryInput{
		Slug: "xss", Name: `Tin <img src=x onerror="fetch('` + beacon + `?category')">`,
		Description: `<script>fetch('` + beacon + `?category-description')</script>`,
	})
	if err != nil {
		t.Fatalf("CreateCategory: %v", err)
	}
	var slugs []string
	for i, p := range payloads {
		group := fmt.Sprintf("nhom-%d", i/20)
		in := news.ArticleInput{
			Slug:       fmt.Sprintf("xss-%03d", i),
			Title:      crCut(strings.ReplaceAll(p, "\n", " "), 300),
			Summary:    crCut(p, 1000),
			BodyHTML:   "<p>Đoạn mở đầu.</p>" + p + "<p>Đoạn kết.</p>",
			Author:     crCut(strings.ReplaceAll(p, "\n", " "), 200),
			CategoryID: cat.ID,
			Tags:       []string{group, crCut(strings.ReplaceAll(p, "\n", " "), 64)},
			Cover: &news.Image{
				URL: "/static/covers/thong-bao.png", Alt: crCut(p, 300), Caption: crCut(p, 300),
				Width: 800, Height: 450, Type: "image/png",
			},
		}
		a, err := svc.CreateDraft(ctx, in)
		if err != nil {
			// A payload the service refuses in some field is kept in the
			// body and title only.
			in.Tags, in.Author, in.Cover = []string{group}, "", nil
			if a, err = svc.CreateDraft(ctx, in); err != nil {
				t.Fatalf("payload %d %q: CreateDraft: %v", i, p, err)
			}
		}
		if _, err := svc.Schedule(ctx, a.ID, crDemoNow.Add(-time.Duration(i+1)*time.Minute)); err != nil {
			t.Fatalf("payload %d: Schedule: %v", i, err)
		}
		slugs = append(slugs, a.Slug)
	}
	return news.NewPublic(st, &news.PublicOptions{Now: clock}), slugs, (len(payloads) + 19) / 20
}

// crTestProbeDetects checks the detectors of crTestSurfaces on a page where
// payloads do run: a dialog report and a beacon call must be seen.
func crTestProbeDetects(t *testing.T, bctx context.Context, f *crFixture) {
	tb := crNewTab(t, bctx)
	msg := crVisitXSS(tb, f.host.URL+"/unsafe", 0)
	if !strings.Contains(msg, "dialog alert(1)") {
		t.Errorf("on a page whose payload calls alert, crVisitXSS reported %q; want the dialog", msg)
	}
	// The payload's fetch has been sent once its request arrives; wait for
	// it from the page, which knows when it is done.
	crEval[chromedp.Void](tb, `fetch('/beacon?after-unsafe')`)
	var seen bool
	for _, b := range f.takeBeacons() {
		seen = seen || b == "/beacon?unsafe"
	}
	if !seen {
		t.Errorf("the beacon of a payload that ran was not recorded")
	}
}

// crTestSurfaces renders the XSS articles on every surface and checks that no
// payload ran: no beacon call, no dialog, and no CSP violation of a script
// directive (a payload that reached the page but was blocked).
func crTestSurfaces(t *testing.T, bctx context.Context, f *crFixture) {
	const workers = 3
	surfaces := []string{
		f.site.URL + "/xss/",
		f.site.URL + "/xss/categories/xss",
		f.site.URL + "/xss/tags/nhom-0",
		f.site.URL + "/xss/search?q=img",
		f.site.URL + "/xss/search?q=script",
		f.site.URL + "/xss/search?q=onerror",
		f.site.URL + "/xss/search?q=javascript",
	}
	var groups []string
	for g := range f.xssGroups {
		groups = append(groups, fmt.Sprintf("tag=nhom-%d&limit=20&show=date,summary,image", g))
	}
	surfaces = append(surfaces,
		f.pageURL("script", "xss", "plain", groups...),
		f.pageURL("iframe", "xss", "plain", groups...),
		f.pageURL("fragment", "xss", "plain", groups...),
	)
	for g := range f.xssGroups {
		surfaces = append(surfaces, f.site.URL+"/xss/embed?"+groups[g])
	}
	for _, slug := range f.xssSlugs {
		surfaces = append(surfaces, f.site.URL+"/xss/articles/"+slug)
	}

	jobs := make(chan string)
	var wg sync.WaitGroup
	tabs := make([]*crTab, workers)
	for i := range tabs {
		tabs[i] = crNewTab(t, bctx)
	}
	var mu sync.Mutex
	var failures []string
	for _, tb := range tabs {
		wg.Go(func() {
			for u := range jobs {
				if msg := crVisitXSS(tb, u, f.xssGroups); msg != "" {
					mu.Lock()
					failures = append(failures, msg)
					mu.Unlock()
				}
			}
		})
	}
	for _, u := range surfaces {
		jobs <- u
	}
	close(jobs)
	wg.Wait()
	for _, m := range failures {
		t.Error(m)
	}
	for _, b := range f.takeBeacons() {
		t.Errorf("a payload ran: beacon %s", b)
	}
	t.Logf("rendered %d XSS articles on %d pages", len(f.xssSlugs), len(surfaces))
}

// crVisitXSS loads one surface in tb and returns what went wrong, or "".
// It does not call t.Fatal: it runs in a worker goroutine.
func crVisitXSS(tb *crTab, u string, groups int) string {
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	// The status, from the server: the browser is asked only to render.
	r, err := http.Get(u)
	if err != nil {
		return fmt.Sprintf("%s: %v", u, err)
	}
	io.Copy(io.Discard, r.Body)
	r.Body.Close()
	if r.StatusCode != http.StatusOK {
		return fmt.Sprintf("%s: status %d", u, r.StatusCode)
	}
	// Navigate with the bare protocol command and wait for probe.js to
	// report the load event: chromedp's Navigate also rebuilds its DOM
	// tree, which costs more than the page on hundreds of pages.
	for len(tb.loads) > 0 {
		<-tb.loads
	}
	nav, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: u})
	if err != nil || nav.ErrorText != "" {
		return fmt.Sprintf("%s: navigate: %v %s", u, err, nav.ErrorText)
	}
	for loaded := false; !loaded; {
		select {
		case got := <-tb.loads:
			loaded = got == u
		case <-ctx.Done():
			return fmt.Sprintf("%s: waiting for the load event: %v", u, ctx.Err())
		}
	}
	wait := `document.readyState === 'complete'`
	switch {
	case strings.Contains(u, "mode=script"):
		wait = `(() => { ` + crShadowJS + ` const rs = roots(); return rs.length === ` + strconv.Itoa(groups) +
			` && rs.every(r => r.querySelector('.news-box__link')); })()`
	case strings.Contains(u, "mode=iframe"):
		wait = `document.readyState === 'complete' && Array.from(document.querySelectorAll('iframe')).every(f => f.getBoundingClientRect().height > 150)`
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](wait, crPolling, chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		return fmt.Sprintf("%s: waiting for the page: %v", u, err)
	}
	id := strconv.FormatInt(time.Now().UnixNano(), 36)
	c := make(chan struct{})
	tb.mu.Lock()
	tb.flushed[id] = c
	tb.mu.Unlock()
	_, err = chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.__orgnewsReport(JSON.stringify({kind: "flush", detail: "`+id+`"}))`))
	if err != nil {
		return fmt.Sprintf("%s: %v", u, err)
	}
	select {
	case <-c:
	case <-ctx.Done():
		return fmt.Sprintf("%s: flushing reports: %v", u, ctx.Err())
	}
	tb.mu.Lock()
	reports := tb.reports
	tb.reports, tb.console = nil, nil // 404s of payload images are expected
	tb.mu.Unlock()
	var bad []string
	for _, r := range reports {
		if r.Kind == "csp" && !crScriptDirective(r.Detail) {
			continue // a payload's image or style, blocked as it should be
		}
		bad = append(bad, r.Kind+" "+r.Detail)
	}
	if len(bad) > 0 {
		return fmt.Sprintf("%s: a payload ran or tried to: %s", u, strings.Join(bad, "; "))
	}
	return ""
}

// crScriptDirective reports whether a CSP violation report shows a payload
// that reached the page as active content: a script, a request only a
// script makes, a frame, an object, a base URL or a form target. Images and
// styles that a CSP blocks are not counted: the sanitiser keeps images, and
// a blocked style runs nothing.
func crScriptDirective(detail string) bool {
	for _, d := range []string{"script-src", "trusted-types", "require-trusted-types-for", "worker-src",
		"object-src", "connect-src", "frame-src", "child-src", "base-uri", "form-action"} {
		if strings.HasPrefix(detail, d) {
			return true
		}
	}
	return false
}
