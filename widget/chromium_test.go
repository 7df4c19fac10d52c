package widget_test

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"html/template"
	"io"
	"maps"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/widget"
)

// The browser tests run the widget in a real headless Chromium: a host page
// on a second origin, with a strict Content-Security-Policy (Trusted Types
// required) and aggressive CSS, embeds the box by script, by iframe and by
// server-side inclusion; XSS payloads in every field an editor sets must
// execute nothing on any surface. They skip when no Chromium is found,
// unless ORGNEWS_REQUIRE_BROWSER=1.
//
// go test ./widget -run Chromium -update-screenshots (or
// ORGNEWS_UPDATE_SCREENSHOTS=1) also writes the screenshots under ../docs/.

var crUpdateScreenshots = flag.Bool("update-screenshots", false, "write the browser test's screenshots to ../docs/screenshots/")

//go:embed testdata/chromium/probe.js
var crProbeJS string

// Files shared with the demo: its content and the images it refers to.
const (
	crDemoContent = "../examples/newsroom/content/demo.json"
	crDemoStatic  = "../examples/newsroom/static"
	crSharedXSS   = "/work/shared/testdata/xss-vectors.txt"
)

// crDemoNow is the clock of the clean fixture: the instant the demo content
// was written for, so its scheduled articles stay hidden and screenshots
// show the same dates on every run.
var crDemoNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.FixedZone("ICT", 7*60*60))

func TestChromium(t *testing.T) {
	bctx := crStartBrowser(t)
	f := crNewFixture(t)

	t.Run("ScriptEmbed", func(t *testing.T) { crTestScriptEmbed(t, bctx, f) })
	t.Run("IframeEmbed", func(t *testing.T) { crTestIframeEmbed(t, bctx, f) })
	t.Run("FragmentEmbed", func(t *testing.T) { crTestFragmentEmbed(t, bctx, f) })
	t.Run("DarkTheme", func(t *testing.T) { crTestDarkTheme(t, bctx, f) })
	t.Run("ProbeDetects", func(t *testing.T) { crTestProbeDetects(t, bctx, f) })
	t.Run("XSS", func(t *testing.T) { crTestXSS(t, bctx, f) })
	if *crUpdateScreenshots || os.Getenv("ORGNEWS_UPDATE_SCREENSHOTS") == "1" {
		t.Run("Screenshots", func(t *testing.T) { crTestScreenshots(t, bctx, f) })
	}
}

// crFindChromium returns the browser to run: $ORGNEWS_CHROMIUM, or the first
// of the usual names found on PATH, or "".
func crFindChromium() string {
	if p := os.Getenv("ORGNEWS_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// crStartBrowser starts a headless Chromium for the test and returns its
// context; the browser stops when the test ends. It skips the test when no
// browser is found, or fails it when ORGNEWS_REQUIRE_BROWSER=1.
func crStartBrowser(t *testing.T) context.Context {
	t.Helper()
	path := crFindChromium()
	if path == "" {
		msg := "no Chromium found (looked for $ORGNEWS_CHROMIUM, /usr/bin/chromium, chromium, chromium-browser, google-chrome): install Debian's chromium package"
		if os.Getenv("ORGNEWS_REQUIRE_BROWSER") == "1" {
			t.Fatal(msg + "; ORGNEWS_REQUIRE_BROWSER=1 makes the browser tests required")
		}
		t.Skip(msg + "; set ORGNEWS_REQUIRE_BROWSER=1 to make this a failure")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root in CI containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "vi-VN"),
		// Only the test servers answer: payloads that load from other hosts
		// fail at once instead of waiting on the network.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	if err := chromedp.Do(bctx); err != nil {
		if os.Getenv("ORGNEWS_REQUIRE_BROWSER") == "1" {
			t.Fatalf("starting %s: %v", path, err)
		}
		t.Skipf("starting %s: %v (set ORGNEWS_REQUIRE_BROWSER=1 to make this a failure)", path, err)
	}
	return bctx
}

// A crReport is what probe.js sends from a page.
type crReport struct {
	Kind   string `json:"kind"` // "dialog", "csp", "probe" or "flush"
	Detail string `json:"detail"`
	URL    string `json:"url"`
}

// A crTab is a browser tab that records what its pages report: probe.js
// reports, console errors and exceptions, and dialogs that opened.
type crTab struct {
	t   *testing.T
	ctx context.Context

	mu      sync.Mutex
	reports []crReport
	console []string
	flushed map[string]chan struct{}
	loads   chan string // URLs of the top documents that fired load
}

// crNewTab opens a tab in the browser with probe.js installed in every
// document it loads. The tab closes when the test ends.
func crNewTab(t *testing.T, bctx context.Context) *crTab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancelTimeout)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a crTab: %v", err)
	}
	tb := &crTab{t: t, ctx: ctx, flushed: map[string]chan struct{}{}, loads: make(chan string, 16)}
	bindings := chromedp.Events(ctx, runtime.BindingCalled)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	console := chromedp.Console(ctx)
	go func() {
		for ev, err := range bindings {
			if err != nil {
				return
			}
			var r crReport
			if ev.Name != "__orgnewsReport" || json.Unmarshal([]byte(ev.Payload), &r) != nil {
				continue
			}
			if r.Kind == "load" {
				select {
				case tb.loads <- r.URL:
				default:
				}
				continue
			}
			tb.mu.Lock()
			if r.Kind == "flush" {
				if c := tb.flushed[r.Detail]; c != nil {
					close(c)
					delete(tb.flushed, r.Detail)
				}
			} else {
				tb.reports = append(tb.reports, r)
			}
			tb.mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.reports = append(tb.reports, crReport{Kind: "dialog", Detail: string(ev.Type) + ": " + ev.Message, URL: ev.URL})
			tb.mu.Unlock()
			// Close it, or the page stays blocked. The error is dropped: the
			// page may be gone already, and the report above is what counts.
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				tb.mu.Lock()
				tb.console = append(tb.console, m.URL+": "+m.String())
				tb.mu.Unlock()
			}
		}
	}()
	_, err := chromedp.Call(ctx, runtime.AddBinding, runtime.AddBindingParams{Name: "__orgnewsReport"})
	if err != nil {
		t.Fatalf("adding the report binding: %v", err)
	}
	_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: crProbeJS})
	if err != nil {
		t.Fatalf("installing probe.js: %v", err)
	}
	return tb
}

// navigate loads url in the tab and waits for its load event.
func (tb *crTab) navigate(url string) {
	tb.t.Helper()
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(url))
	if err != nil {
		tb.t.Fatalf("navigate to %s: %v", url, err)
	}
	if resp.Status != http.StatusOK {
		tb.t.Fatalf("navigate to %s: status %d", url, resp.Status)
	}
}

// crEval evaluates a JavaScript expression in the page and decodes its value
// (awaited when it is a promise) into T.
func crEval[T any](tb *crTab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", crFirstLine(expr), err)
	}
	return v
}

// crPolling polls on a timer: requestAnimationFrame, the default, does not
// run in a tab that is not in front.
var crPolling = chromedp.WithPollingInterval(20 * time.Millisecond)

// crWaitFor polls a JavaScript expression until it is truthy, for at most
// ten seconds, and returns its value.
func crWaitFor[T any](tb *crTab, expr string, opts ...chromedp.PollOption) T {
	tb.t.Helper()
	opts = append([]chromedp.PollOption{crPolling, chromedp.WithPollingTimeout(10 * time.Second)}, opts...)
	v, err := chromedp.Run(tb.ctx, chromedp.Poll[T](expr, opts...))
	if err != nil {
		tb.t.Fatalf("waiting for %s: %v", crFirstLine(expr), err)
	}
	return v
}

func crFirstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// flush waits until every report the page sent before now has been
// recorded: binding events arrive in order, so a last "flush" report that
// arrives proves the earlier ones did.
func (tb *crTab) flush() {
	tb.t.Helper()
	id := strconv.FormatInt(time.Now().UnixNano(), 36)
	c := make(chan struct{})
	tb.mu.Lock()
	tb.flushed[id] = c
	tb.mu.Unlock()
	crEval[chromedp.Void](tb, `window.__orgnewsReport(JSON.stringify({kind: "flush", detail: `+strconv.Quote(id)+`}))`)
	select {
	case <-c:
	case <-tb.ctx.Done():
		tb.t.Fatalf("flushing reports: %v", tb.ctx.Err())
	}
}

// take returns and clears what the tab recorded.
func (tb *crTab) take() (reports []crReport, console []string) {
	tb.flush()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	reports, console = tb.reports, tb.console
	tb.reports, tb.console = nil, nil
	return reports, console
}

// expectClean fails the test for every report and console error the tab
// recorded since the last call.
func (tb *crTab) expectClean(what string) {
	tb.t.Helper()
	reports, console := tb.take()
	for _, r := range reports {
		tb.t.Errorf("%s: %s report from %s: %s", what, r.Kind, r.URL, r.Detail)
	}
	for _, c := range console {
		tb.t.Errorf("%s: console: %s", what, c)
	}
}

// A crFixture is the two origins of the tests. The news origin serves the
// clean news section (the demo content) at /news/, the one full of XSS
// payloads at /xss/, and the demo's images at /static/. The host origin
// serves the pages that embed the box, and the beacon.
type crFixture struct {
	site, host *httptest.Server
	clean, xss *widget.Handler

	cleanTitles []string // titles of the visible clean articles, newest first
	xssSlugs    []string // slugs of the visible XSS articles
	xssGroups   int      // tags "nhom-0" … "nhom-<xssGroups-1>" split the XSS articles by 20

	mu      sync.Mutex
	beacons []string // query strings of the calls to /beacon
}

func crNewFixture(t *testing.T) *crFixture {
	t.Helper()
	f := &crFixture{}
	siteMux := http.NewServeMux()
	hostMux := http.NewServeMux()
	f.site = httptest.NewServer(siteMux)
	t.Cleanup(f.site.Close)
	f.host = httptest.NewServer(hostMux)
	t.Cleanup(f.host.Close)

	cleanPub := crLoadDemo(t)
	f.clean = widget.New(cleanPub, &widget.Options{
		BaseURL:  f.site.URL + "/news/",
		SiteName: "Sở Khoa học và Công nghệ tỉnh Hòa An",
		Location: crDemoNow.Location(),
	})
	page, err := cleanPub.Articles(context.Background(), news.Query{Limit: news.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range page.Articles {
		f.cleanTitles = append(f.cleanTitles, a.Title)
	}

	xssPub, slugs, groups := crLoadXSS(t, f.host.URL+"/beacon")
	f.xssSlugs, f.xssGroups = slugs, groups
	f.xss = widget.New(xssPub, &widget.Options{BaseURL: f.site.URL + "/xss/", PageSize: news.MaxLimit})

	siteMux.Handle("/news/", http.StripPrefix("/news", f.clean))
	siteMux.Handle("/xss/", http.StripPrefix("/xss", f.xss))
	siteMux.Handle("/static/", http.StripPrefix("/static", http.FileServer(http.Dir(crDemoStatic))))

	noIcon := func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }
	siteMux.HandleFunc("GET /favicon.ico", noIcon)
	hostMux.HandleFunc("GET /favicon.ico", noIcon)
	hostMux.HandleFunc("/beacon", f.beacon)
	hostMux.HandleFunc("/beacon/", f.beacon)
	hostMux.HandleFunc("GET /host.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		io.WriteString(w, crHostCSS)
	})
	hostMux.HandleFunc("GET /plain.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		io.WriteString(w, crPlainCSS)
	})
	hostMux.HandleFunc("GET /page", f.hostPage)
	hostMux.HandleFunc("GET /unsafe", func(w http.ResponseWriter, r *http.Request) {
		// A page that does what the widget must never do: payloads as
		// markup, with no CSP. The probe test checks that they are seen.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>unsafe</title><img src=x onerror="alert(1)"><img src=y onerror="fetch('%s/beacon?unsafe')">`, f.host.URL)
	})
	return f
}

// beacon records a call: a payload that ran.
func (f *crFixture) beacon(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.beacons = append(f.beacons, r.URL.Path+"?"+r.URL.RawQuery)
	f.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

// takeBeacons returns and clears the beacon calls.
func (f *crFixture) takeBeacons() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.beacons
	f.beacons = nil
	return b
}

// crLoadDemo imports the demo's content into a memory store and returns its
// public view at crDemoNow.
func crLoadDemo(t *testing.T) *news.Public {
	t.Helper()
	data, err := os.ReadFile(crDemoContent)
	if err != nil {
		t.Fatalf("the browser tests use the demo content: %v", err)
	}
	st := memstore.New()
	clock := func() time.Time { return crDemoNow }
	svc := news.NewService(st, &news.ServiceOptions{Now: clock})
	if _, err := svc.Import(context.Background(), bytes.NewReader(data)); err != nil {
		t.Fatalf("importing %s: %v", crDemoContent, err)
	}
	return news.NewPublic(st, &news.PublicOptions{Now: clock})
}

// crXssPayloads returns the payloads: the shared list when it is on the
// machine, then the committed one, with BEACON replaced by beacon.
func crXssPayloads(t *testing.T, beacon string) []string {
	t.Helper()
	var out []string
	seen := map[string]bool{}
	for _, name := range []string{crSharedXSS, "testdata/chromium/xss.txt"} {
		data, err := os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) && name == crSharedXSS {
			t.Logf("%s not found: using the committed payloads only", crSharedXSS)
			continue
		}
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

// crHostCSS is the host page's stylesheet: it styles every element it can
// reach as loudly as it can, except inside .probe, whose elements carry
// the box's class names to show that the box's styles do not leak out.
const crHostCSS = `
:not(.probe, .probe *) {
	color: rgb(255, 0, 0) !important;
	background-color: rgb(255, 255, 0) !important;
	font-size: 40px !important;
	font-family: "Comic Sans MS", cursive !important;
	line-height: 3 !important;
	letter-spacing: 4px !important;
	text-transform: uppercase !important;
	margin: 7px !important;
	padding: 9px !important;
	border: 3px dashed rgb(0, 255, 0) !important;
	display: block;
}
head, head *, script, style { display: none !important; }
.news-box:not(.probe *), .news-box__link:not(.probe *), .news-box__item:not(.probe *),
.news-box__title:not(.probe *), .news-box__date:not(.probe *), .news-theme-dark:not(.probe *),
a:not(.probe *), li:not(.probe *), ul:not(.probe *), section:not(.probe *), img:not(.probe *) {
	color: rgb(0, 255, 0) !important;
	background-color: rgb(255, 0, 255) !important;
	font-size: 50px !important;
	visibility: visible !important;
	opacity: 1 !important;
}
.probe { all: initial; display: block; }
`

// crPlainCSS is a calm host stylesheet, for screenshots.
const crPlainCSS = `
body { margin: 0; padding: 24px; background: #eef1f5; font-family: Georgia, serif; }
.shot { width: 440px; padding: 4px; }
.shot.wide { width: 920px; }
.shot.dark { background: #0d1117; padding: 16px; }
`

// The host page's templates. A page shows boxes by one of three ways, with
// the CSP of a strict host.
var crHostTemplates = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Cổng thông tin điện tử tỉnh – trang thử</title>
<link rel="stylesheet" href="/{{.CSS}}">
{{- if .Script}}
<script src="{{.News}}widget.js" async></script>
{{- end}}
</head>
<body>
<h1>Cổng thông tin điện tử tỉnh</h1>
{{- range $i, $b := .Boxes}}
<div class="shot{{with $b.Class}} {{.}}{{end}}" id="box-{{$i}}">
{{- if eq $.Mode "script"}}
<news-widget{{range $b.Attrs}} {{.Name}}="{{.Value}}"{{end}}><a href="{{$.News}}">Tin tức</a></news-widget>
{{- else if eq $.Mode "iframe"}}
<iframe class="news-embed" src="{{$b.Src}}" title="Tin tức {{$i}}"></iframe>
{{- else}}
{{$b.HTML}}
{{- end}}
</div>
{{- end}}
{{- if eq .Mode "iframe"}}
<script src="{{.News}}embed-parent.js" async></script>
{{- end}}
<div class="probe">
<section class="news-box news-box--list news-theme-dark"><h2 class="news-box__title"><a class="news-box__link" href="#probe">Mẫu dò của trang chủ</a></h2>
<ul class="news-box__list"><li class="news-box__item"><a class="news-box__link" href="#probe">Một dòng tin của trang chủ</a><time class="news-box__date">27/11/2026</time></li></ul>
<p class="news-box__more"><a href="#probe">Xem tất cả</a></p></section>
<p>Đoạn văn của trang chủ, <a href="#probe">một liên kết</a>.</p>
</div>
</body>
</html>`))

type crAttr struct{ Name, Value string }

// hostPage serves /page?mode=script|iframe|fragment|none&news=news|xss&css=host|plain&box=<query>&box=<query>…
// Each box parameter is the query string of one box. The page sends a
// strict CSP: scripts, styles, frames and requests only from the news
// origin (and its own styles), no inline code, Trusted Types required with
// no policy allowed.
func (f *crFixture) hostPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	mode := q.Get("mode")
	section := q.Get("news")
	if section == "" {
		section = "news"
	}
	newsURL := f.site.URL + "/" + section + "/"
	css := q.Get("css")
	if css == "" {
		css = "host"
	}
	type box struct {
		Attrs []crAttr
		Query string
		Src   template.URL
		HTML  template.HTML
		Class string
	}
	var boxes []box
	for _, raw := range q["box"] {
		v, err := url.ParseQuery(raw)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		b := box{Class: v.Get("class")}
		v.Del("class")
		b.Query = v.Encode()
		b.Src = template.URL(newsURL + "embed?" + b.Query) // built here from parsed values
		for _, k := range slices.Sorted(maps.Keys(v)) {
			b.Attrs = append(b.Attrs, crAttr{k, strings.Join(v[k], " ")})
		}
		if mode == "fragment" {
			resp, err := http.Get(newsURL + "fragment?" + b.Query)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				http.Error(w, "fragment: "+resp.Status+": "+string(body), http.StatusBadGateway)
				return
			}
			b.HTML = template.HTML(body) // server-side inclusion, as a host's template would do
		}
		boxes = append(boxes, b)
	}
	origin := f.site.URL
	csp := strings.Join([]string{
		"default-src 'none'",
		"script-src " + origin,
		"style-src 'self' " + origin,
		"img-src 'self' " + origin,
		"connect-src " + origin,
		"frame-src " + origin,
		"base-uri 'none'",
		"form-action 'none'",
		"require-trusted-types-for 'script'",
		"trusted-types 'none'",
	}, "; ")
	w.Header().Set("Content-Security-Policy", csp)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	err := crHostTemplates.Execute(w, map[string]any{
		"Mode": mode, "Script": mode == "script", "News": newsURL, "CSS": css + ".css", "Boxes": boxes,
	})
	if err != nil {
		panic(err)
	}
}

// pageURL returns the URL of a host page showing boxes, each given as a
// query string.
func (f *crFixture) pageURL(mode, section, css string, boxes ...string) string {
	v := url.Values{"mode": {mode}, "news": {section}, "css": {css}, "box": boxes}
	return f.host.URL + "/page?" + v.Encode()
}

// crShadowJS is a JavaScript function, prepended to expressions, that
// returns the shadow roots of the page's <news-widget> elements.
const crShadowJS = `const roots = () => Array.from(document.querySelectorAll('news-widget')).map(e => e.shadowRoot).filter(Boolean);`

// crWaitWidgets waits until n <news-widget> elements have rendered at least
// one article link each in their shadow roots.
func crWaitWidgets(tb *crTab, n int) {
	tb.t.Helper()
	crWaitFor[bool](tb, `(() => { `+crShadowJS+`
		const rs = roots();
		return rs.length === `+strconv.Itoa(n)+` && rs.every(r => r.querySelector('.news-box__link, .news-box__empty'));
	})()`)
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

// crTestProbeDetects checks the detectors of crTestXSS on a page where
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

// crTestXSS renders the XSS articles on every surface and checks that no
// payload ran: no beacon call, no dialog, and no CSP violation of a script
// directive (a payload that reached the page but was blocked).
func crTestXSS(t *testing.T, bctx context.Context, f *crFixture) {
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
