package admin_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/admin"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/widget"
)

// TestPreviewChromium opens the preview of a draft with an uploaded photo
// as its cover and in its body, at 1280 px and on a 390 px phone: after
// signing in, the writer sees the news section's article page, styled by
// its own stylesheet, under one band saying it is a preview, with the
// photos' variants, width and height; no CSP violation, no sideways
// scroll. With -update-screenshots it writes newsroom-preview-*.png.
func TestPreviewChromium(t *testing.T) {
	bctx := edStartBrowser(t)
	var wg *widget.Handler
	f, lib := mediaFixture(t, nil, &admin.Options{Preview: func(ctx context.Context, a *news.Article, lang string) ([]byte, error) {
		return wg.Preview(ctx, a, lang)
	}})
	wg = widget.New(news.NewPublic(f.store, &news.PublicOptions{Now: f.clock.Now}),
		&widget.Options{BaseURL: "/news/", SiteName: "Sở Khoa học và Công nghệ", Media: lib})
	mux := http.NewServeMux()
	mux.Handle("/", f.srv)
	mux.Handle("/news/", http.StripPrefix("/news", wg))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	ctx := context.Background()
	pv := f.actor("phongvien")
	photo, err := os.ReadFile(filepath.Join("..", "news", "testdata", "media", "phone.jpg"))
	require.NoError(t, err)
	m, err := lib.Upload(ctx, pv, "hoi-thao.jpg", bytes.NewReader(photo))
	require.NoError(t, err)
	src := lib.URL(m.Widest().Key)
	title := "Hội thảo chuyển giao giống lúa chịu mặn cho nông dân ven biển"
	a, err := f.nr.CreateArticle(ctx, pv, news.ArticleInput{
		Title: title, Summary: "Các hợp tác xã nhận giống và quy trình canh tác.", CategoryID: f.cats["khoa-hoc"],
		BodyHTML: `<p>Sở phối hợp với Viện Lúa tổ chức hội thảo tại xã ven biển.</p><figure><img src="` + src +
			`" alt="Nông dân thăm ruộng mẫu"><figcaption>Nông dân thăm ruộng lúa mẫu.</figcaption></figure>`,
		Cover: &news.Image{URL: src, Alt: "Toàn cảnh hội thảo", Caption: "Tặng hoa đại biểu Viện Lúa."},
	}, "bản đầu")
	require.NoError(t, err)
	target := srv.URL + "/admin/articles/" + a.ID.String() + "/preview"

	for _, vp := range []struct {
		name          string
		width, height int64
		phone         bool
	}{{"desktop", 1280, 900, false}, {"phone", 390, 844, true}} {
		t.Run(vp.name, func(t *testing.T) {
			bc, cancel := chromedp.NewContext(bctx, chromedp.WithNewBrowserContext())
			t.Cleanup(cancel)
			bc, cancelTimeout := context.WithTimeout(bc, 2*time.Minute)
			t.Cleanup(cancelTimeout)
			opts := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
			if vp.phone {
				opts = append(opts, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch)
			}
			require.NoError(t, chromedp.Do(bc, chromedp.EmulateViewport(vp.width, vp.height, opts...)))
			_, err := chromedp.Call(bc, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: pgWatch})
			require.NoError(t, err)
			p := &pgTab{t: t, ctx: bc, f: f, phone: vp.phone, suffix: vp.name}

			p.do("open the preview", chromedp.Navigate(target))
			p.wait("the sign-in page", `location.pathname === "/admin/sign-in" && document.readyState === "complete"`)
			p.do("sign in",
				chromedp.SendKeys(chromedp.CSS("#username"), "phongvien"),
				chromedp.SendKeys(chromedp.CSS("#password"), password),
				chromedp.Click(chromedp.CSS(`form button[type="submit"]`)))
			p.wait("the preview", `location.pathname.endsWith("/preview") && document.readyState === "complete" &&
				Array.from(document.images).every(i => i.complete)`)
			got := eval[struct {
				Bands, BandTop, BandHeight int
				Band, Heading, Font        string
				Photos                     []struct {
					Width, Height, Srcset, Current string
					Natural                        int
				}
			}](p, `(() => {
				const band = document.querySelector(".orgnews-preview-band");
				return {
					Bands: document.querySelectorAll(".orgnews-preview-band").length,
					BandTop: Math.round(band.getBoundingClientRect().top), BandHeight: band.offsetHeight, Band: band.textContent,
					Heading: document.querySelector("h1").textContent, Font: getComputedStyle(document.body).fontFamily,
					Photos: Array.from(document.querySelectorAll("main img")).map(i => ({
						Width: i.getAttribute("width") || "", Height: i.getAttribute("height") || "",
						Srcset: i.getAttribute("srcset") || "", Current: i.currentSrc, Natural: i.naturalWidth})),
				};
			})()`)
			assert.Equal(t, 1, got.Bands, "one preview band")
			assert.Equal(t, 0, got.BandTop, "the band is at the top")
			assert.Positive(t, got.BandHeight)
			assert.Contains(t, got.Band, "Bản xem trước")
			assert.Equal(t, title, got.Heading)
			assert.NotContains(t, got.Font, "Times", "the news section's stylesheet applies")
			require.Len(t, got.Photos, 2, "the cover and the body's photo")
			for _, ph := range got.Photos {
				assert.Equal(t, m.Srcset(lib.URL), ph.Srcset)
				assert.NotEmpty(t, ph.Width)
				assert.NotEmpty(t, ph.Height)
				assert.Contains(t, ph.Srcset, strings.TrimPrefix(ph.Current, srv.URL)+" ", "a variant of the srcset is shown")
				assert.Positive(t, ph.Natural)
			}
			p.check("preview")
		})
	}
}
