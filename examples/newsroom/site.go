package main

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/orgnews/orgnews/admin"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/widget"
)

// assetsFS holds the demo's own files: page templates, stylesheets, cover
// images and the PDF attached to some articles.
//
//go:embed templates static
var assetsFS embed.FS

// pageTemplates are the department's home page, its 404 page and the
// partner portal.
var pageTemplates = template.Must(template.ParseFS(assetsFS, "templates/*.html"))

// siteCSP is the Content-Security-Policy of the department's own pages.
const siteCSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// A frame is what the department's header and footer show (frame.html):
// on the home page, on the 404 page and around the news section's pages.
type frame struct {
	Site, Home, News, Static, Partner string // the site's name and URLs
	Nav                               []navLink
	Here                              string // "home" or "news": the menu's current item; "" for none
}

// frame returns the department's frame with here as the menu's current
// item.
func (a *app) frame(here string) frame {
	return frame{Site: siteName, Home: a.siteURL, News: a.siteURL + "news/", Static: a.siteURL + "static/", Partner: a.partnerURL, Here: here}
}

// newsLayout returns the news section's Options.Layout: the department's
// header and footer around every news page, so that /news/ is part of the
// site, with its menu and a link home.
func newsLayout(f frame) (*template.Template, error) {
	t, err := template.New("layout.html").Funcs(template.FuncMap{"frame": func() frame { return f }}).
		ParseFS(assetsFS, "templates/news/layout.html", "templates/frame.html")
	if err != nil {
		return nil, fmt.Errorf("news layout: %w", err)
	}
	return t, nil
}

// A homeBox is one news box of the home page: its parameters, a name for
// the log, and the box the widget renders for it.
type homeBox struct {
	Name   string
	Params widget.BoxParams
	HTML   template.HTML
}

// newSite returns the department's site: the home page at /, the news
// section at /news/, the newsroom's API at /admin/, the demo's static
// files at /static/, and at the root robots.txt, the sitemaps and the
// oEmbed provider.
func newSite(a *app) (http.Handler, error) {
	static, err := fs.Sub(assetsFS, "static")
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/news/", http.StripPrefix("/news", a.news))
	mux.Handle("/admin/", a.admin)
	mux.Handle("/media/", http.StripPrefix("/media", admin.MediaHandler(a.media)))
	mux.Handle("GET /static/", http.StripPrefix("/static", staticFiles(static)))
	// Old URLs of the site the articles came from answer 301 to their
	// pages under /news/: "/?p=1234" around the home page, old paths
	// where the site would answer 404.
	mux.Handle("GET /{$}", a.news.Redirects(&widget.RedirectOptions{Fallback: homePage(a)}))
	mux.HandleFunc("GET /favicon.ico", noIcon)
	// The sitemaps sit at the root, so they may list the news section's
	// pages and any other page of the site.
	mux.Handle("/sitemap.xml", a.sitemap)
	mux.Handle("/sitemap-news.xml", a.sitemap)
	mux.Handle("/sitemaps/", a.sitemap)
	mux.Handle("GET /robots.txt", robotsTXT(a.sitemap.RobotsTXT()))
	mux.Handle("/oembed", a.oembed)
	mux.Handle("/", a.news.Redirects(&widget.RedirectOptions{Fallback: notFoundPage(a)}))
	return mux, nil
}

// notFoundPage answers a path the site does not have with a page in the
// site's frame: what happened, a search box, and links home and to the
// news.
func notFoundPage(a *app) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var buf bytes.Buffer
		if err := pageTemplates.ExecuteTemplate(&buf, "notfound.html", a.frame("")); err != nil {
			a.log.Error("404 page", "err", err)
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-cache")
		h.Set("Content-Security-Policy", siteCSP)
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusNotFound)
		if r.Method != http.MethodHead {
			w.Write(buf.Bytes())
		}
	})
}

// robotsTXT serves the site's robots.txt: the newsroom is not for
// crawlers, everything else is, and the sitemap lines say where the
// sitemaps are.
func robotsTXT(sitemaps string) http.Handler {
	body := []byte("User-agent: *\nDisallow: /admin/\n\n" + sitemaps)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("Cache-Control", "public, max-age=3600")
		h.Set("X-Content-Type-Options", "nosniff")
		w.Write(body)
	})
}

// staticFiles serves the demo's static files, cacheable for a day and
// loadable from the partner portal's origin.
func staticFiles(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// No directory listings, and no path fs.FS refuses: FileServer
		// would answer 500 to a name that is not valid UTF-8, such as %ff.
		name := strings.TrimPrefix(r.URL.Path, "/")
		if strings.HasSuffix(name, "/") || !utf8.ValidString(name) || !fs.ValidPath(name) {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Cache-Control", "public, max-age=86400")
		h.Set("Cross-Origin-Resource-Policy", "cross-origin")
		h.Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	})
}

// noIcon answers a browser's request for /favicon.ico: the demo has none.
func noIcon(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) }

// A navLink is a category in the home page's menu.
type navLink struct{ Slug, Name string }

// homeNav is the home page's menu of categories, each shown when the
// store has it.
var homeNav = []navLink{
	{"khoa-hoc-cong-nghe", "Khoa học – Công nghệ"},
	{"tieu-chuan-do-luong-chat-luong", "Tiêu chuẩn – Đo lường – Chất lượng"},
	{"thong-bao", "Thông báo"},
	{"van-ban", "Văn bản"},
}

// homeBoxes are the news boxes of the home page: the first is the main
// one, the others go beside it.
func homeBoxes() []homeBox {
	return []homeBox{
		{Name: "Tin mới", Params: widget.BoxParams{
			Limit: 6, Layout: "cards", Show: []string{"date", "image", "summary"},
		}},
		{Name: "Hoạt động Đảng – Đoàn thể", Params: widget.BoxParams{
			Category: "tin-hoat-dong", Limit: 5,
		}},
		{Name: "Khoa học – Công nghệ", Params: widget.BoxParams{
			Category: "khoa-hoc-cong-nghe", Limit: 5, Show: []string{"date", "summary"},
		}},
		{Name: "Thông báo", Params: widget.BoxParams{
			Category: "thong-bao", Limit: 4, Layout: "ticker",
		}},
		{Name: "Văn bản", Params: widget.BoxParams{
			Category: "van-ban", Limit: 4,
		}},
		{Name: "News in English", Params: widget.BoxParams{
			Lang: "en", Category: "hop-tac-quoc-te", Limit: 3, Theme: "dark",
		}},
	}
}

// homePage renders the department's home page, its news boxes rendered on
// the server by the widget, into the page's own html/template. It works
// whatever the store holds: each box stands alone, and one whose category
// is missing (an imported archive has its own) or that fails is left out
// and logged; the menu links only to categories that exist.
func homePage(a *app) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		tree, err := a.pub.CategoryTree(ctx)
		if err != nil {
			a.log.Error("home page: categories", "err", err)
		}
		var nav []navLink
		for _, l := range homeNav {
			if tree != nil && tree.BySlug(l.Slug) != nil {
				nav = append(nav, l)
			}
		}
		boxes := homeBoxes()
		var main *homeBox
		if renderHomeBox(ctx, a, tree, &boxes[0]) {
			main = &boxes[0]
		}
		var side []homeBox
		for _, b := range boxes[1:] {
			if renderHomeBox(ctx, a, tree, &b) {
				side = append(side, b)
			}
		}
		var buf bytes.Buffer
		f := a.frame("home")
		f.Nav = nav
		err = pageTemplates.ExecuteTemplate(&buf, "home.html", struct {
			frame
			Main *homeBox
			Side []homeBox
		}{f, main, side})
		if err != nil {
			a.log.Error("home page", "err", err)
			http.Error(w, "Trang tạm thời không hiển thị được.", http.StatusInternalServerError)
			return
		}
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Cache-Control", "no-cache")
		h.Set("Content-Security-Policy", siteCSP)
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		w.Write(buf.Bytes())
	})
}

// renderHomeBox renders b into b.HTML and reports whether it is shown: a
// box whose category tree lacks, or that fails, is not, and is logged.
func renderHomeBox(ctx context.Context, a *app, tree *news.CategoryTree, b *homeBox) bool {
	if c := b.Params.Category; c != "" && (tree == nil || tree.BySlug(c) == nil) {
		a.log.Warn("home page box hidden: no such category", "box", b.Name, "category", c)
		return false
	}
	h, err := a.news.Box(ctx, b.Params)
	if err != nil {
		a.log.Error("home page box hidden", "box", b.Name, "category", b.Params.Category, "err", err)
		return false
	}
	b.HTML = h
	return true
}

// newPartner returns the partner portal, another origin that embeds the
// department's news box the two client-side ways: the <news-widget> element
// and the /embed iframe with its parent script. It sends a strict
// Content-Security-Policy with Trusted Types, as a cautious host would.
func newPartner(siteURL, partnerURL string) (http.Handler, error) {
	static, err := fs.Sub(assetsFS, "static")
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	news := siteURL + "news/"
	origin := originOf(siteURL)
	csp := strings.Join([]string{
		"default-src 'self'",
		"script-src " + origin,
		"style-src 'self' " + origin,
		"img-src 'self' " + origin,
		"connect-src " + origin,
		"frame-src " + origin,
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'",
		"require-trusted-types-for 'script'",
		"trusted-types 'none'",
	}, "; ")
	var buf bytes.Buffer
	err = pageTemplates.ExecuteTemplate(&buf, "partner.html", map[string]any{
		"News":    news,
		"Site":    siteURL,
		"Partner": partnerURL,
	})
	if err != nil {
		return nil, fmt.Errorf("partner page: %w", err)
	}
	page := buf.Bytes()
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static", staticFiles(static)))
	mux.HandleFunc("GET /favicon.ico", noIcon)
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", csp)
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Content-Type-Options", "nosniff")
		w.Write(page)
	})
	return mux, nil
}
