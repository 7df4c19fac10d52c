package widget

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/orgnews/orgnews/feed"
	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// A Source is what the handler reads news from: the public view of a store,
// which only ever returns articles that are published and due. *news.Public
// implements it. Every method must be safe for concurrent use; errors that
// wrap news.ErrNotFound become 404 responses and errors that wrap
// news.ErrInvalid become 400 responses.
type Source interface {
	// Articles, Categories (in tree order) and State, as feeds read them.
	feed.Source
	// ArticleBySlug returns the public article whose slug or old slug is slug.
	ArticleBySlug(ctx context.Context, slug string) (*news.Article, error)
	// ArticleByOldURL returns the public article one of whose old URLs
	// (news.Article.OldURLs) is rawURL, a path and query as requested.
	ArticleByOldURL(ctx context.Context, rawURL string) (*news.Article, error)
	// CategoryBySlug returns the category whose slug or old slug is slug.
	CategoryBySlug(ctx context.Context, slug string) (*news.Category, error)
	// SameCategory returns up to n newest public articles of a's category, without a.
	SameCategory(ctx context.Context, a *news.Article, n int) ([]*news.Article, error)
	// Adjacent returns the public articles just older and just newer than a in its category.
	Adjacent(ctx context.Context, a *news.Article) (prev, next *news.Article, err error)
	// Related returns up to n scored related articles, each with why it was chosen.
	Related(ctx context.Context, a *news.Article, n int) ([]news.Related, error)
}

var _ Source = (*news.Public)(nil)

// Options configures a Handler. The zero value works: a nil *Options means
// every default below.
type Options struct {
	// BaseURL is the public absolute URL of the mount point, such as
	// "https://skhcn.example.gov.vn/news/". Every link, canonical URL, feed
	// URL and asset URL the handler writes starts with it; the request's Host
	// is never used. A missing trailing slash is added. The default "/"
	// yields site-relative links for a handler mounted at the site root,
	// which is not enough for OpenGraph, JSON-LD, feeds or embedding on other
	// sites: set it in production.
	BaseURL string
	// SiteName names the publisher in titles, OpenGraph and JSON-LD, such as
	// "Sở Khoa học và Công nghệ". Default: "Tin tức" / "News" by language.
	SiteName string
	// Lang is the site's language, "vi" or "en": the language of the
	// pages' interface unless the reader chooses the other with the lang
	// parameter or the language link, a choice then kept in the page's
	// links. The embeddable box follows its lang parameter, then Lang.
	// Default "vi".
	Lang string
	// AcceptLanguage makes pages without a lang parameter follow the
	// browser's Accept-Language header instead of Lang (and adds Vary:
	// Accept-Language). Default false: one language per site, so the news
	// section speaks the language of the host's own pages.
	AcceptLanguage bool
	// Location is the time zone dates are shown in. Default Asia/Ho_Chi_Minh
	// (UTC+7 when the zone database is missing).
	Location *time.Location
	// FrameAncestors lists the CSP source expressions of the sites allowed
	// to frame /embed, such as "https://portal.example.gov.vn". Default: any
	// site ("*"). The handler never sends X-Frame-Options.
	FrameAncestors []string
	// PageFrameAncestors lists the CSP source expressions of the sites
	// allowed to frame the pages (the index, categories, tags, search and
	// articles, and their error pages), such as "https://portal.example.gov.vn".
	// Default: the site itself only ("'self'"). Every page is sent with a
	// strict Content-Security-Policy (see the package documentation).
	PageFrameAncestors []string
	// Layout, when set, wraps every news page in the host's own page, so
	// that the mounted news section is part of the host's site: its
	// header, navigation, footer and styles. It is executed with a
	// *LayoutPage and must write the whole document, placing .Head in
	// <head> and .Body in <body>; see the package documentation for an
	// example. It must not be changed after New. Default: nil, the news
	// pages' own frame (layout.html).
	Layout *template.Template
	// Templates replaces embedded template files by files of the same name
	// (layout.html, parts.html, box.html, list.html, article.html,
	// error.html); see the package documentation. Default: none replaced.
	Templates fs.FS
	// Logger receives errors that become 500 responses. Default slog.Default().
	Logger *slog.Logger
	// Logo is the URL of the publisher's logo (absolute, or relative to
	// BaseURL), given as the publisher's logo in the article pages'
	// JSON-LD; search engines ask for one at least 112 pixels wide.
	// Default: none.
	Logo string
	// OEmbed is the absolute URL of an oEmbed provider for the article
	// pages (package oembed), such as "https://skhcn.example.gov.vn/oembed".
	// When set, every article page links to it for discovery, in JSON and
	// XML. Default: no link.
	OEmbed string
	// PageSize is the number of articles per page of a list. Default 20,
	// at most news.MaxLimit.
	PageSize int
	// SameCategory is the length of the "more news in this category" list
	// under an article. Default 10.
	SameCategory int
	// Related is the number of scored related articles under an article.
	// Default 5.
	Related int
	// MaxAge is how long browsers and proxies may reuse a page, a box or an
	// API answer before revalidating it with its ETag. Default one minute;
	// a negative value sends "no-cache".
	MaxAge time.Duration
	// CacheBytes bounds the memory used by rendered responses kept for
	// reuse, bodies and their gzipped forms. Default 32 MiB; a negative
	// value keeps none.
	CacheBytes int
	// Media is the media library the photos of articles come from (see
	// Media): a cover or a photo in a body that it holds gets a srcset of
	// its variants, with sizes, width and height, so the browser loads the
	// width that fits and keeps the photo's room while it loads. Default
	// nil: photos are shown as stored, a cover with the width and height
	// of news.Cover when set.
	Media Media
	// Feed configures the RSS, Atom and JSON feeds served under feed.rss,
	// feed.atom and feed.json. Its BaseURL, Title, Language, Location,
	// MaxAge and Logger default to the handler's BaseURL, SiteName, Lang,
	// Location, MaxAge and Logger. Feeds need an absolute BaseURL: with a relative one the
	// feed routes answer 404. Its Hub, when set, is advertised by every
	// feed; run a feed.WebSub notifier with the same hub and BaseURL to
	// tell the hub when they change.
	Feed feed.Options
	// MaxSearches is the number of searches (the search page and the API's
	// q parameter) the handler runs at once; more wait in a queue of
	// SearchQueue searches, and any search beyond answers 503 Service
	// Unavailable with Retry-After, so that searches, the costliest
	// requests to a store, never starve the other pages. A search answered
	// from the cache takes no turn. Default 4.
	MaxSearches int
	// SearchQueue is the number of searches that may wait for a turn when
	// MaxSearches run. Default 8; a negative value lets none wait.
	SearchQueue int
}

// A Handler serves a news section: pages, feeds, a JSON API and the
// embeddable news box. Create it with New; it is safe for concurrent use.
type Handler struct {
	src    Source
	base   *url.URL // absolute or root-relative, with a trailing slash
	baseS  string   // base.String()
	mount  string   // base.Path without its trailing slash: "" at the root
	site   string
	oembed string // Options.OEmbed
	logo   string // Options.Logo, resolved against base
	lang   string
	accept bool // Options.AcceptLanguage
	loc    *time.Location
	log    *slog.Logger
	ancest string // frame-ancestors value of /embed
	csp    string // Content-Security-Policy of the pages
	maxAge time.Duration

	pageSize, sameN, relatedN int

	mux    *http.ServeMux
	strip  http.Handler // mux below mount, for paths that still carry it
	tmpl   *templates
	layout *template.Template // Options.Layout
	assets *assets
	cache  *web.Cache
	fp     string // web.Fingerprint of everything above that shapes the bytes
	feeds  *feed.Handler
	media  Media // nil when photos are shown as stored
	search *searchGate

	page, fragment, embed, api *kind
}

// New returns a Handler serving news from src, configured by opts (nil
// means the defaults). It panics if opts holds an invalid BaseURL, Lang,
// FrameAncestors or PageFrameAncestors entry, or a template that does not
// parse: these are programming errors, found at start-up.
func New(src Source, opts *Options) *Handler {
	var o Options
	if opts != nil {
		o = *opts
	}
	h := &Handler{src: src, site: o.SiteName, oembed: o.OEmbed, lang: cmp.Or(o.Lang, "vi"), accept: o.AcceptLanguage, loc: o.Location, log: o.Logger, maxAge: o.MaxAge, media: o.Media}
	base, err := parseBase(o.BaseURL)
	if err != nil {
		panic(fmt.Sprintf("widget: BaseURL %q: %v", o.BaseURL, err))
	}
	h.base, h.baseS, h.mount = base, base.String(), strings.TrimSuffix(base.Path, "/")
	h.logo = h.resolve(o.Logo)
	if h.lang != "vi" && h.lang != "en" {
		panic(fmt.Sprintf("widget: Lang %q: want \"vi\" or \"en\"", o.Lang))
	}
	if h.loc == nil {
		h.loc = defaultLocation()
	}
	h.log = cmp.Or(h.log, slog.Default())
	if h.ancest, err = frameAncestors(o.FrameAncestors, "*"); err != nil {
		panic("widget: " + err.Error())
	}
	pageAncest, err := frameAncestors(o.PageFrameAncestors, "'self'")
	if err != nil {
		panic("widget: Page" + err.Error())
	}
	h.csp = h.pageCSP(pageAncest)
	h.pageSize = clamp(o.PageSize, news.DefaultLimit, 1, news.MaxLimit)
	h.sameN = clamp(o.SameCategory, 10, 1, 100)
	h.relatedN = clamp(o.Related, 5, 1, 50)
	h.cache = web.NewCache(int64(o.CacheBytes))
	queue := o.SearchQueue
	if queue == 0 {
		queue = defaultSearchQueue
	}
	h.search = newSearchGate(clamp(o.MaxSearches, defaultMaxSearches, 1, 1<<16), min(max(queue, 0), 1<<16))
	h.assets = newAssets(h.lang)
	var sources string
	if h.tmpl, sources, err = parseTemplates(o.Templates); err != nil {
		panic("widget: " + err.Error())
	}
	if h.layout = o.Layout; h.layout != nil {
		for _, name := range []string{"list.html", "article.html", "error.html"} {
			if h.tmpl.sets[name].Lookup("page-head") == nil || h.tmpl.sets[name].Lookup("page-body") == nil {
				panic("widget: Options.Layout needs the blocks \"page-head\" and \"page-body\" that Options.Templates' layout.html does not define")
			}
		}
	}
	h.feeds = h.newFeeds(o.Feed)
	h.kinds()
	h.fp = web.Fingerprint(h.baseS, h.site, h.oembed, h.logo, h.lang, fmt.Sprint(h.accept, h.layout != nil), h.loc.String(), h.ancest, h.csp, h.page.header.Get("Cache-Control"),
		fmt.Sprint(h.pageSize, h.sameN, h.relatedN, h.media != nil), sources, h.assets.fingerprint)
	h.mux = http.NewServeMux()
	h.routes()
	if h.mount != "" {
		h.strip = http.StripPrefix(h.mount, h.mux)
	}
	return h
}

// ServeHTTP serves r. Paths are relative to the mount point, whose path is
// that of Options.BaseURL. A router that strips the mount point's path
// before the handler (http.StripPrefix) leaves a path that differs from
// the request's URI, served as it is; one that leaves it (chi's Mount)
// leaves a path that begins with it, served as the path below it.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if p == "" || p[0] != '/' || !cleanPath(p) {
		h.notFound(w, r)
		return
	}
	if rest, ok := strings.CutPrefix(p, h.mount); ok && h.mount != "" && rest != "" && rest[0] == '/' {
		if uri, _, _ := strings.Cut(r.RequestURI, "?"); uri == r.URL.EscapedPath() {
			h.strip.ServeHTTP(w, r)
			return
		}
	}
	h.mux.ServeHTTP(w, r)
}

// cleanPath reports whether p is in the canonical form the routes use: no
// empty, "." or ".." segments, no NUL and no backslash. ServeMux would
// redirect such a path to its clean form, relative to the wrong root when
// the handler is mounted under a prefix; the handler answers 404 instead.
func cleanPath(p string) bool {
	c := path.Clean(p)
	return (c == p || c+"/" == p && c != "/") && !strings.ContainsAny(p, "\x00\\")
}

// allowed returns the Allow header for a path that exists with other
// methods, or "" when no route has the path.
func (h *Handler) allowed(r *http.Request) string {
	probe := func(method string) bool {
		r2 := r.Clone(r.Context())
		r2.Method = method
		_, pattern := h.mux.Handler(r2)
		return pattern != "" && pattern != catchAll
	}
	if !probe(http.MethodGet) {
		return ""
	}
	if probe(http.MethodOptions) {
		return "GET, HEAD, OPTIONS"
	}
	return "GET, HEAD"
}

// parseBase parses a BaseURL option.
func parseBase(s string) (*url.URL, error) {
	u, err := url.Parse(cmp.Or(s, "/"))
	switch {
	case err != nil:
		return nil, err
	case u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		return nil, errors.New("want no query, fragment or user information")
	case !(u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/")) && !((u.Scheme == "http" || u.Scheme == "https") && u.Host != ""):
		return nil, errors.New("want an absolute http(s) URL or a path beginning with /")
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u, nil
}

// frameAncestors builds the frame-ancestors directive value, def when
// list is empty.
func frameAncestors(list []string, def string) (string, error) {
	if len(list) == 0 {
		return def, nil
	}
	for _, s := range list {
		if s == "" || strings.ContainsAny(s, " \t\r\n;,'\"") && s != "'self'" && s != "'none'" {
			return "", fmt.Errorf("FrameAncestors entry %q is not a CSP source expression", s)
		}
	}
	return strings.Join(list, " "), nil
}

// defaultLocation returns Asia/Ho_Chi_Minh, or UTC+7 (Vietnam keeps no
// daylight saving time) when the zone database is missing.
func defaultLocation() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("+07", 7*60*60)
}

// clamp returns v bounded to [lo, hi], or def when v is zero or negative.
func clamp(v, def, lo, hi int) int {
	if v <= 0 {
		return def
	}
	return max(lo, min(v, hi))
}

// abs returns the absolute URL of a path relative to the mount point.
func (h *Handler) abs(rel string) string { return h.baseS + rel }

// articleURL returns the URL of an article page.
func (h *Handler) articleURL(slug string) string { return h.baseS + "articles/" + url.PathEscape(slug) }

// categoryURL returns the URL of a category page.
func (h *Handler) categoryURL(slug string) string {
	return h.baseS + "categories/" + url.PathEscape(slug)
}

// tagURL returns the URL of a tag page.
func (h *Handler) tagURL(tag string) string {
	return h.baseS + "tags/" + url.PathEscape(news.Slugify(tag))
}

// resolve makes a URL found in content (cover, attachment) absolute against
// the base URL. It returns "" for anything that is not http(s) or relative.
func (h *Handler) resolve(ref string) string {
	u, err := url.Parse(ref)
	if ref == "" || err != nil || u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	return h.base.ResolveReference(u).String()
}

// siteName returns the site name shown in the language.
func (h *Handler) siteName(lang string) string {
	if h.site != "" {
		return h.site
	}
	return msgs(lang).News
}

// templateHTML is the one place where HTML that is not escaped by
// html/template enters a page: an article body, which the news publishing
// service sanitised on write, with its links made absolute (and its
// photos given srcset and sizes by news.ResponsiveImages, which escapes
// what it writes).
func templateHTML(sanitisedBody, base string) template.HTML {
	return template.HTML(news.AbsoluteURLs(sanitisedBody, base)) // #nosec G203 -- sanitised on write by news.Service
}
