package widget_test

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/widget"
)

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
