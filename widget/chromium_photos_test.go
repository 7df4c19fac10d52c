package widget_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"

	"github.com/orgnews/orgnews/widget"
)

// TestChromiumPhotos loads an article page and the index with photos of a
// media library in Chromium, at a phone's and a desktop's width and at
// twice the pixel density: every photo has its width and height before
// it loads, nothing shifts while the photos arrive, and the browser loads
// the variant that fits the width the photo is shown at.
func TestChromiumPhotos(t *testing.T) {
	bctx := crStartBrowser(t)
	lib := newPhotoLibrary("dai-hoi.jpg 1600x1067", "dai-hoi-2.jpg 1200x900", "shtt.jpg 1280x720")
	var mu sync.Mutex
	served := map[string]bool{} // the photo files asked for
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	s := newNewsSite(t, &widget.Options{BaseURL: srv.URL + "/tin-tuc/", Media: lib})
	mux.Handle("/tin-tuc/", http.StripPrefix("/tin-tuc", s.h))
	photo := func(w http.ResponseWriter, r *http.Request) {
		name := path.Base(r.URL.Path)
		m := lib[name]
		if m == nil {
			http.NotFound(w, r)
			return
		}
		width, height := m.Width, m.Height
		for _, v := range m.Variants {
			if v.Key == name {
				width, height = v.Width, v.Height
			}
		}
		mu.Lock()
		served[r.URL.Path] = true
		mu.Unlock()
		img := image.NewRGBA(image.Rect(0, 0, width, height))
		for i := range img.Pix {
			img.Pix[i] = []uint8{0x2e, 0x6b, 0x4f, 0xff}[i%4]
		}
		img.Set(0, 0, color.White)
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Error(err)
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(b.Bytes())
	}
	mux.HandleFunc("/media/", photo)
	mux.HandleFunc("/uploads/", photo)
	mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	// A host page with the web component, which draws its box from
	// /api/box in the browser.
	mux.HandleFunc("/host", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!doctype html><html lang="vi"><head><meta name="viewport" content="width=device-width, initial-scale=1">`+
			`<script src="/tin-tuc/widget.js" async></script></head><body>`+
			`<news-widget category="hoat-dong" layout="cards" show="date,image"><a href="/tin-tuc/">Tin tức</a></news-widget></body></html>`)
	})

	// From the narrowest to the widest: a browser may keep showing a wider
	// variant it holds already.
	for _, tc := range []struct {
		name          string
		width, height int64
		scale         float64
		cover, body   int // the widths of the variants that fit
	}{
		{"phone", 390, 844, 1, 480, 480},
		{"desktop", 1280, 900, 1, 960, 960},
		{"desktop at 2x", 1280, 900, 2, 1600, 1200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := crNewTab(t, bctx)
			if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(tc.width, tc.height, chromedp.EmulateScale(tc.scale))); err != nil {
				t.Fatal(err)
			}
			tb.navigate(srv.URL + "/tin-tuc/articles/dai-hoi")
			crWaitFor[bool](tb, `document.readyState === 'complete' && Array.from(document.images).every(i => i.complete)`)
			got := crEval[struct {
				Missing     []string
				Cover, Body string
				Shift       float64
			}](tb, `new Promise(resolve => {
				let shift = 0;
				new PerformanceObserver(l => l.getEntries().forEach(e => shift += e.value)).observe({type: 'layout-shift', buffered: true});
				const missing = Array.from(document.querySelectorAll('main img'))
					.filter(i => !(i.getAttribute('width') > 0 && i.getAttribute('height') > 0 && i.getAttribute('srcset') && i.naturalWidth > 0))
					.map(i => i.outerHTML);
				setTimeout(() => resolve({
					Missing: missing,
					Cover: document.querySelector('.article__cover img').currentSrc,
					Body: document.querySelector('.article__body img').currentSrc,
					Shift: shift,
				}), 200);
			})`)
			if len(got.Missing) > 0 {
				t.Errorf("photos without width, height, srcset or pixels: %v", got.Missing)
			}
			if got.Shift > 0 {
				t.Errorf("the page shifted while loading: cumulative layout shift %v", got.Shift)
			}
			for _, c := range []struct {
				what, src, photo string
				width            int
			}{{"cover", got.Cover, "dai-hoi.jpg", tc.cover}, {"body", got.Body, "dai-hoi-2.jpg", tc.body}} {
				m := lib[c.photo]
				want := ""
				for _, v := range m.Variants {
					if v.Width == c.width {
						want = srv.URL + lib.URL(v.Key)
					}
				}
				if c.src != want {
					t.Errorf("%s at %dx%d×%v: loaded %s, want the %d px variant %s", c.what, tc.width, tc.height, tc.scale, c.src, c.width, want)
				}
			}
			tb.navigate(srv.URL + "/tin-tuc/")
			crWaitFor[bool](tb, `document.readyState === 'complete'`)
			cards := crEval[[]string](tb, `Array.from(document.querySelectorAll('.card__img')).filter(i => !(i.getAttribute('width') > 0 && i.getAttribute('height') > 0 && i.getAttribute('srcset'))).map(i => i.outerHTML)`)
			if len(cards) > 0 {
				t.Errorf("cards' photos without width, height or srcset: %v", cards)
			}
			tb.navigate(srv.URL + "/host")
			box := crWaitFor[[]string](tb, `(() => {
				const root = document.querySelector('news-widget').shadowRoot;
				const imgs = root ? Array.from(root.querySelectorAll('.news-box__img')) : [];
				return imgs.length ? imgs.map(i => [i.getAttribute('width'), i.getAttribute('height'), i.sizes, i.srcset ? 'srcset' : ''].join(' ')) : null;
			})()`)
			assert.Equal(t, []string{"1200 800 (min-width: 30em) 20em, 100vw srcset"}, box, "the web component's photo has its size and variants")
			tb.expectClean(tc.name)
		})
	}
	mu.Lock()
	defer mu.Unlock()
	for p := range served {
		if strings.HasPrefix(p, "/uploads/") {
			t.Errorf("%s was loaded: the browser should pick a variant of the srcset", p)
		}
	}
}
