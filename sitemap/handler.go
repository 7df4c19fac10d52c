package sitemap

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// A Source is what a Handler reads: the public view of the news, which only
// returns articles that are published and due, so a draft or a scheduled
// article can never reach a sitemap. *news.Public implements it. Its
// methods must be safe for concurrent use.
type Source interface {
	// Articles lists the public articles that match q, newest first.
	Articles(ctx context.Context, q news.Query) (*news.Page, error)
	// Categories returns every category.
	Categories(ctx context.Context) ([]*news.Category, error)
	// State returns the change state; its Key changes on every write and
	// when a scheduled article becomes public.
	State(ctx context.Context) (news.State, error)
	// Now returns the time by the clock that decides what is public.
	Now() time.Time
}

var _ Source = (*news.Public)(nil)

// The protocol's limits on one sitemap file (sitemaps.org), and Google
// News's on a news sitemap.
const (
	MaxURLs     = 50000    // URLs in one sitemap
	MaxBytes    = 52428800 // bytes of one sitemap, uncompressed (50 MiB)
	MaxNewsURLs = 1000     // URLs in a news sitemap
	// NewsWindow is how far back a news sitemap reaches: Google News
	// reads only articles published in the last two days.
	NewsWindow = 48 * time.Hour
)

// Options configures a Handler. A nil *Options is not enough: BaseURL is
// required; every other field's zero value is a working default.
type Options struct {
	// BaseURL is the absolute http(s) URL the news section is served
	// under, such as "https://sokhcn.example.gov.vn/tin-tuc/": the
	// section's home, its category pages and its articles are listed
	// under it, as the widget package serves them. Required.
	BaseURL string
	// URL is the absolute http(s) URL the Handler is mounted at: the
	// index lists its parts under it and RobotsTXT names its sitemaps
	// under it. A sitemap may only list URLs under its own directory, so
	// mount the Handler at the site's root (or at BaseURL). "" means
	// BaseURL.
	URL string
	// PublicationName is the name of the publication in the news sitemap,
	// exactly as Google News shows it. "" means "Tin tức".
	PublicationName string
	// MaxURLs bounds the URLs of one sitemap. 0 or more than the
	// protocol's MaxURLs means MaxURLs.
	MaxURLs int
	// MaxBytes bounds the size of one sitemap, uncompressed. 0 or more
	// than the protocol's MaxBytes means MaxBytes. A single URL entry
	// larger than the bound still gets a sitemap of its own.
	MaxBytes int
	// Location is the time zone of the dates written. nil means UTC.
	Location *time.Location
	// MaxAge is the Cache-Control max-age of a sitemap. 0 means one
	// minute; a negative value sends "no-cache".
	MaxAge time.Duration
	// CacheBytes bounds the memory the rendered sitemaps take (plain and
	// gzipped). 0 means 32 MiB; a negative value keeps nothing.
	CacheBytes int64
	// ArticleURL returns the absolute URL of an article's page. nil means
	// BaseURL + "articles/" + slug, the widget package's route.
	ArticleURL func(a *news.Article) string
	// CategoryURL returns the absolute URL of a category's page. nil
	// means BaseURL + "categories/" + slug, the widget package's route.
	CategoryURL func(c *news.Category) string
	// Logger receives internal errors, which clients only see as a
	// generic 500. nil means slog.Default().
	Logger *slog.Logger
}

// A Handler serves the sitemaps of the public news over HTTP, as the
// package documentation describes: the index at /sitemap.xml, its parts
// at /sitemaps/{name}.xml and the news sitemap at /sitemap-news.xml,
// relative to where it is mounted. Each answer is rendered once per
// Source state and cached, with the feeds' conditional GET; a request
// with a query parameter gets 400 and an unknown path 404, both with a
// JSON body. A Handler is safe for concurrent use.
type Handler struct {
	src    Source
	opts   Options
	base   string // BaseURL, normalised
	self   string // URL, normalised
	header http.Header
	cache  *web.Cache
	fp     string // web.Fingerprint of what changes the bytes
	mux    *http.ServeMux

	flight singleflight.Group // shares the builds of one state's set
	mu     sync.Mutex         // guards last
	last   *set               // the set of the latest state built
}

// New returns a Handler serving the sitemaps of src. It returns an error
// wrapping news.ErrInvalid when opts or opts.BaseURL is missing, or when
// BaseURL or URL is not an absolute http(s) URL, or MaxURLs or MaxBytes
// is negative.
func New(src Source, opts *Options) (*Handler, error) {
	if opts == nil {
		return nil, fmt.Errorf("sitemap: new handler: %w", &news.FieldError{Field: "BaseURL", Rule: "required"})
	}
	baseURL := web.BaseURL(opts.BaseURL)
	if baseURL == nil {
		return nil, fmt.Errorf("sitemap: new handler: %w", &news.FieldError{Field: "BaseURL", Rule: "must be an absolute http(s) URL"})
	}
	base := baseURL.String()
	self := base
	if opts.URL != "" {
		u := web.BaseURL(opts.URL)
		if u == nil {
			return nil, fmt.Errorf("sitemap: new handler: %w", &news.FieldError{Field: "URL", Rule: "must be an absolute http(s) URL"})
		}
		self = u.String()
	}
	if opts.MaxURLs < 0 {
		return nil, fmt.Errorf("sitemap: new handler: %w", &news.FieldError{Field: "MaxURLs", Rule: "must not be negative"})
	}
	if opts.MaxBytes < 0 {
		return nil, fmt.Errorf("sitemap: new handler: %w", &news.FieldError{Field: "MaxBytes", Rule: "must not be negative"})
	}
	o := *opts
	if o.MaxURLs == 0 || o.MaxURLs > MaxURLs {
		o.MaxURLs = MaxURLs
	}
	if o.MaxBytes == 0 || o.MaxBytes > MaxBytes {
		o.MaxBytes = MaxBytes
	}
	o.PublicationName = cmp.Or(news.NormalizeLine(o.PublicationName), defaultPublication)
	control := web.CacheControl(o.MaxAge)
	h := &Handler{src: src, opts: o, base: base, self: self, cache: web.NewCache(o.CacheBytes),
		header: http.Header{"Cache-Control": {control}}, mux: http.NewServeMux()}
	// The URL functions are not in the fingerprint: the cache is the
	// handler's own, and they do not change in its lifetime.
	h.fp = web.Fingerprint(base, self, o.PublicationName, fmt.Sprint(o.MaxURLs, o.MaxBytes), o.Location.String(), control)
	h.routes()
	return h, nil
}

// defaultPublication is the news sitemap's publication name when the
// options give none.
const defaultPublication = "Tin tức"

// routes lists every route of the Handler.
func (h *Handler) routes() {
	h.mux.Handle("/sitemap.xml", h.serve(false, h.renderIndex))
	h.mux.Handle("/sitemaps/{name}", h.serve(false, h.renderPart))
	h.mux.Handle("/sitemap-news.xml", h.serve(true, h.renderNews))
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		web.Fail(w, r, h.opts.Logger, &web.Error{Status: http.StatusNotFound, Code: "not_found",
			Message: "no sitemap at this path; the index is sitemap.xml"})
	})
}

// ServeHTTP serves the sitemap the path names, relative to where the
// Handler is mounted (use http.StripPrefix under a prefix): /sitemap.xml,
// /sitemaps/{name}.xml or /sitemap-news.xml.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mux.ServeHTTP(w, r)
}

// A renderer makes the bytes of the sitemap name (the path value of the
// route, "" for a fixed route) for the Source state st at now.
type renderer func(ctx context.Context, name string, st news.State, now time.Time) ([]byte, error)

// serve returns the handler of a route whose bytes render makes: GET and
// HEAD, cached by the route, the name, the state and the fingerprint,
// and, when timed, by the minute of the Source's clock too, since what it
// lists also depends on the time (the news sitemap's two days).
func (h *Handler) serve(timed bool, render renderer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			web.MethodNotAllowed(w, r, "GET, HEAD")
			return
		}
		if _, err := web.ParseQuery(r.URL.RawQuery); err != nil {
			web.Fail(w, r, h.opts.Logger, err)
			return
		}
		ctx := r.Context()
		st, err := h.src.State(ctx)
		if err != nil {
			web.Fail(w, r, h.opts.Logger, fmt.Errorf("sitemap: state: %w", err))
			return
		}
		now := h.src.Now()
		var minute string
		if timed {
			minute = now.Truncate(time.Minute).UTC().Format(time.RFC3339)
		}
		name := r.PathValue("name")
		key := web.Key("sitemap", r.Pattern, name, minute, st.Key(), h.fp)
		resp, err := h.cache.Get(ctx, key, func(ctx context.Context) (*web.Response, error) {
			body, err := render(ctx, name, st, now)
			if err != nil {
				return nil, err
			}
			return h.cache.Response(body, contentType, h.header), nil
		})
		if err != nil {
			web.Fail(w, r, h.opts.Logger, err)
			return
		}
		web.Serve(w, r, resp)
	})
}

// contentType is the media type of every sitemap.
const contentType = "application/xml; charset=utf-8"

// IndexURL returns the absolute URL of the sitemap index.
func (h *Handler) IndexURL() string { return h.self + "sitemap.xml" }

// NewsURL returns the absolute URL of the news sitemap.
func (h *Handler) NewsURL() string { return h.self + "sitemap-news.xml" }

// RobotsTXT returns the lines a site's robots.txt adds so crawlers find
// the sitemaps, one "Sitemap:" line each for the index and the news
// sitemap, each ending in a newline.
func (h *Handler) RobotsTXT() string {
	return "Sitemap: " + h.IndexURL() + "\nSitemap: " + h.NewsURL() + "\n"
}
