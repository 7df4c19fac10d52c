package widget_test

import (
	"html/template"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/widget"
)

// TestChromiumLayout places the news box, each of its styles in both
// themes and each way it embeds, in the layouts a host site builds (a flex
// row, a one-column grid, a 320 px column, a table cell), and checks that
// it never widens its container or the page: the page does not scroll
// sideways, the box fills its container and nothing overflows the box.
func TestChromiumLayout(t *testing.T) {
	bctx := crStartBrowser(t)
	newsURL, hostURL := crLayoutSites(t)
	tb := crNewTab(t, bctx)
	_, err := chromedp.Run(tb.ctx, chromedp.EmulateViewport(1024, 768))
	require.NoError(t, err)

	styles := []struct{ layout, params string }{
		{"list", "limit=5&show=date,image"},
		{"cards", "limit=5&show=date,image,summary"},
		{"ticker", "limit=5"},
	}
	for _, mode := range []string{"script", "iframe", "fragment"} {
		for _, st := range styles {
			for _, theme := range []string{"light", "dark"} {
				for _, layout := range []string{"flex", "grid", "column", "table"} {
					t.Run(mode+"/"+st.layout+"/"+theme+"/"+layout, func(t *testing.T) {
						box, err := url.ParseQuery("layout=" + st.layout + "&theme=" + theme + "&" + st.params)
						require.NoError(t, err)
						tb.t = t
						tb.navigate(hostURL + "/?" + url.Values{"mode": {mode}, "layout": {layout}, "box": {box.Encode()}}.Encode())
						crCheckLayout(t, tb, mode, layout, newsURL+"embed?"+box.Encode())
					})
				}
			}
		}
	}
}

// crLayoutSites starts the news site (the demo content at /news/, its
// images at /static/) and the host site of the layout tests (see
// crLayoutHost), and returns the news section's URL and the host's.
func crLayoutSites(t *testing.T) (newsURL, hostURL string) {
	site := http.NewServeMux()
	siteSrv := httptest.NewServer(site)
	t.Cleanup(siteSrv.Close)
	newsURL = siteSrv.URL + "/news/"
	site.Handle("/news/", http.StripPrefix("/news", widget.New(crLoadDemo(t), &widget.Options{
		BaseURL:  newsURL,
		SiteName: "Sở Khoa học và Công nghệ tỉnh Hòa An",
		Location: crDemoNow.Location(),
	})))
	site.Handle("/static/", http.StripPrefix("/static", http.FileServer(http.Dir(crDemoStatic))))
	host := httptest.NewServer(crLayoutHost(t, newsURL))
	t.Cleanup(host.Close)
	return newsURL, host.URL
}

// A crLayout is what the host page measures: the page's width and its
// viewport's, the box's container, the box, and what overflows inside it.
type crLayout struct {
	ScrollWidth, ViewWidth float64 // document.documentElement
	Slot, Box              crRect  // the content box of the box's container, and the box (the element the host places)
	Inner                  struct{ ScrollWidth, ClientWidth float64 }
	Main                   float64 // width of the host's main column, 0 if none
	Ticker                 float64 // width of the ticker's viewport, -1 if none
}

// A crRect is an element's box in the viewport.
type crRect struct{ Left, Right, Width float64 }

// crLayoutJS measures the host page once the box has rendered, or returns
// null before.
const crLayoutJS = `(() => {
	const de = document.documentElement, slot = document.getElementById('slot'), main = document.getElementById('main');
	const box = slot.querySelector('news-widget, iframe, section.news-box');
	const inner = box.localName === 'news-widget' ? box.shadowRoot && box.shadowRoot.querySelector('.news-box') : box;
	if (!inner || document.readyState !== 'complete') return null;
	if (box.localName === 'news-widget' && !inner.querySelector('.news-box__link')) return null;
	const rect = (el) => { const r = el.getBoundingClientRect(); return {Left: r.left, Right: r.right, Width: r.width}; };
	const cs = getComputedStyle(slot), pl = parseFloat(cs.paddingLeft), pr = parseFloat(cs.paddingRight);
	const s = rect(slot);
	s.Left += slot.clientLeft + pl;
	s.Width = slot.clientWidth - pl - pr;
	s.Right = s.Left + s.Width;
	return {ScrollWidth: de.scrollWidth, ViewWidth: de.clientWidth, Slot: s, Box: rect(box),
		Inner: {ScrollWidth: inner.scrollWidth, ClientWidth: inner.clientWidth},
		Main: main ? main.getBoundingClientRect().width : 0,
		Ticker: inner.querySelector && inner.querySelector('.news-ticker__viewport') ? inner.querySelector('.news-ticker__viewport').getBoundingClientRect().width : -1};
})()`

// crCheckLayout waits for the box of the page in tb and checks that it
// fits: the page is as wide as the viewport, the box as wide as its
// container, and nothing in the box is wider than the box. An iframe's
// own page must not scroll sideways either.
func crCheckLayout(t *testing.T, tb *crTab, mode, layout, embedURL string) {
	t.Helper()
	got := crWaitFor[crLayout](tb, crLayoutJS)
	assert.Equal(t, got.ViewWidth, got.ScrollWidth, "the page scrolls sideways: %+v", got)
	assert.GreaterOrEqual(t, got.Box.Left, got.Slot.Left-0.5, "the box overflows its container: %+v", got)
	assert.LessOrEqual(t, got.Box.Right, got.Slot.Right+0.5, "the box overflows its container: %+v", got)
	assert.InDelta(t, got.Slot.Width, got.Box.Width, 1, "the box fills its container: %+v", got)
	assert.LessOrEqual(t, got.Inner.ScrollWidth, got.Inner.ClientWidth, "something overflows the box: %+v", got)
	if got.Ticker >= 0 {
		assert.GreaterOrEqual(t, got.Ticker, 150.0, "the ticker shows its news: %+v", got)
	}
	if layout == "column" {
		assert.InDelta(t, 320, got.Slot.Width, 0.5, "the column keeps its width: %+v", got)
	}
	if layout == "flex" || layout == "grid" {
		assert.Greater(t, got.Main, 0.4*got.ViewWidth, "the host's main column keeps its room: %+v", got)
	}
	if mode != "iframe" {
		return
	}
	inner, err := crFrameWait[struct{ ScrollWidth, ClientWidth, Ticker float64 }](tb, embedURL, `(() => {
		const de = document.documentElement, tv = document.querySelector('.news-ticker__viewport');
		if (document.readyState !== 'complete' || !document.querySelector('.news-box__link')) return null;
		return {ScrollWidth: de.scrollWidth, ClientWidth: de.clientWidth, Ticker: tv ? tv.getBoundingClientRect().width : -1};
	})()`)
	require.NoError(t, err)
	assert.Equal(t, inner.ClientWidth, inner.ScrollWidth, "the iframe's page scrolls sideways")
	if inner.Ticker >= 0 {
		assert.GreaterOrEqual(t, inner.Ticker, 150.0, "the ticker in the iframe shows its news")
	}
}

// crLayoutCSS lays out the host pages: plain rules a site would write,
// none of them aware of the box.
const crLayoutCSS = `
body { margin: 0; padding: 16px; font: 16px/1.5 Georgia, serif; }
.flex { display: flex; gap: 24px; }
.flex > main { flex: 2; }
.flex > aside { flex: 1; }
.grid { display: grid; grid-template-columns: 1fr; gap: 24px; }
.column { width: 320px; }
.table { width: 100%; border-collapse: collapse; }
.table td { vertical-align: top; padding: 0 12px 0 0; }
`

// crLayoutPage is the host page of one box in one layout.
var crLayoutPage = template.Must(template.New("layout").Parse(`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trang của cổng thông tin – thử bố cục</title>
<link rel="stylesheet" href="/layout.css">
{{- if eq .Mode "script"}}
<script src="{{.News}}widget.js" async></script>
{{- end}}
</head>
<body>
{{- define "main"}}<h1>Cổng thông tin điện tử tỉnh</h1>
<p>Cổng thông tin đăng tải tin tức của các sở, ngành trong tỉnh. Hộp tin của Sở Khoa học và Công nghệ
nằm bên cạnh nội dung chính của trang và không được làm hẹp cột này.</p>{{end}}
{{- define "box"}}
{{- if eq .Mode "script"}}<news-widget{{range .Attrs}} {{.Name}}="{{.Value}}"{{end}}><a href="{{.News}}">Tin tức</a></news-widget>
{{- else if eq .Mode "iframe"}}<iframe class="news-embed" src="{{.Src}}" title="Tin tức" width="100%" height="300"></iframe>
<script src="{{.News}}embed-parent.js" async></script>
{{- else if eq .Mode "iframe-no-parent"}}<iframe class="news-embed" src="{{.Src}}" title="Tin tức" width="100%" height="300"></iframe>
{{- else}}{{.HTML}}{{end}}
{{- end}}
{{- if eq .Layout "flex"}}
<div class="flex"><main id="main">{{template "main"}}</main><aside id="slot">{{template "box" .}}</aside></div>
{{- else if eq .Layout "grid"}}
<div class="grid"><main id="main">{{template "main"}}</main><div id="slot">{{template "box" .}}</div></div>
{{- else if eq .Layout "column"}}
<div class="column" id="slot">{{template "box" .}}</div>
{{- else}}
<table class="table"><tr><td>{{template "main"}}</td><td id="slot">{{template "box" .}}</td></tr></table>
{{- end}}
</body>
</html>`))

// crLayoutHost returns the host site of the layout test: /layout.css and
// /?mode=script|iframe|iframe-no-parent|fragment&layout=flex|grid|column|table&box=<query>.
func crLayoutHost(t *testing.T, newsURL string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /layout.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		io.WriteString(w, crLayoutCSS)
	})
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		box, err := url.ParseQuery(q.Get("box"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		data := map[string]any{
			"Mode": q.Get("mode"), "Layout": q.Get("layout"), "News": newsURL,
			"Src": template.URL(newsURL + "embed?" + box.Encode()), // built here from parsed values
		}
		var attrs []crAttr
		for k := range box {
			attrs = append(attrs, crAttr{k, box.Get(k)})
		}
		data["Attrs"] = attrs
		if q.Get("mode") == "fragment" {
			resp, err := http.Get(newsURL + "fragment?" + box.Encode())
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Errorf("fragment?%s: %s %v", box.Encode(), resp.Status, err)
			}
			data["HTML"] = template.HTML(body) // server-side inclusion, as a host's template would do
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if err := crLayoutPage.Execute(w, data); err != nil {
			t.Errorf("host page: %v", err)
		}
	})
	return mux
}

// TestChromiumEmbedParentLate loads embed-parent.js only after the /embed
// iframe has loaded and sent its height to no one, as a page that adds the
// script late (or whose script is slow) does: the script asks the frame
// again, and sizes it.
func TestChromiumEmbedParentLate(t *testing.T) {
	bctx := crStartBrowser(t)
	newsURL, hostURL := crLayoutSites(t)
	tb := crNewTab(t, bctx)
	box := url.Values{"limit": {"5"}, "category": {"thong-bao"}}
	tb.navigate(hostURL + "/?" + url.Values{"mode": {"iframe-no-parent"}, "layout": {"column"}, "box": {box.Encode()}}.Encode())
	_, err := crFrameWait[bool](tb, newsURL+"embed?"+box.Encode(), `document.readyState === 'complete' && !!document.querySelector('.news-box__link')`)
	require.NoError(t, err)
	assert.Equal(t, 300, crEval[int](tb, `Number(document.querySelector('iframe').height)`), "no script has sized the iframe yet")
	crEval[bool](tb, `(() => { const s = document.createElement('script'); s.src = `+strconv.Quote(newsURL+"embed-parent.js")+`; document.head.append(s); return true; })()`)
	height := crWaitFor[int](tb, `(() => { const h = Number(document.querySelector('iframe').height); return h !== 300 && h; })()`)
	assert.Greater(t, height, 150, "the iframe is as high as its box")
}
