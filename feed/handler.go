package feed

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// A Source is what a Handler reads: the public view of the news, which only
// returns articles that are published and due. *news.Public implements it.
// Its methods must be safe for concurrent use.
type Source interface {
	// Articles lists the public articles that match q, newest first.
	Articles(ctx context.Context, q news.Query) (*news.Page, error)
	// Categories returns every category.
	Categories(ctx context.Context) ([]*news.Category, error)
	// State returns the change state; its Key changes on every write and
	// when a scheduled article becomes public.
	State(ctx context.Context) (news.State, error)
}

var _ Source = (*news.Public)(nil)

// A MediaSource finds the media library's record of a file by its media
// key (see news.MediaKeyOf), with an error wrapping news.ErrNotFound when
// the library has none. Every news.MediaStore implements it. Its method
// must be safe for concurrent use.
type MediaSource interface {
	MediaOf(ctx context.Context, key string) (*news.Media, error)
}

var _ MediaSource = news.MediaStore(nil)

// Options configures a Handler. A nil *Options is not enough: BaseURL is
// required; every other field's zero value is a working default.
type Options struct {
	// BaseURL is the absolute http(s) URL the news section is served
	// under, such as "https://sokhcn.example.gov.vn/tin-tuc/". Article
	// links, feed URLs and relative links in bodies resolve against it;
	// the request's Host is never used. Required.
	BaseURL string
	// Title is the site feed's title; category and tag feeds append the
	// category's name or the tag. "" means "Tin tức".
	Title string
	// Description is the site feed's description; a category feed uses the
	// category's description when it has one. "" means a sentence in the
	// feed's language naming Author, as Meta.Description says.
	Description string
	// Language is the language of the site, a BCP 47 tag such as "vi":
	// the language of every feed whose variant selects none, written as
	// the RSS channel's language, Atom's xml:lang and JSON Feed's
	// language, while items in other languages carry their own. "" means
	// the language the feed's articles share, or none when they differ.
	Language string
	// Author names the publishing organisation. "" means Title.
	Author string
	// Icon is the URL of a square image for the feeds. "" means none.
	Icon string
	// Hub is the absolute http(s) URL of a WebSub hub. When set, every
	// feed advertises it: a link rel="hub" in the document (atom:link in
	// RSS, hubs in JSON Feed) and a "Link: <hub>; rel=\"hub\", <self>;
	// rel=\"self\"" header, as WebSub discovery asks. Pair it with a
	// [WebSub] notifier, which tells the hub when a feed changes. ""
	// means no hub.
	Hub string
	// Location is the time zone of the feeds' dates. nil means UTC.
	Location *time.Location
	// MaxAge is the Cache-Control max-age of a feed. 0 means one minute;
	// a negative value sends "no-cache", so clients revalidate every time.
	MaxAge time.Duration
	// CacheBytes bounds the memory the rendered feeds take (plain and
	// gzipped). 0 means 32 MiB; a negative value keeps nothing, so every
	// request renders (concurrent ones share one render).
	CacheBytes int64
	// ArticleURL returns the absolute URL of an article's page. nil means
	// BaseURL + "articles/" + slug, the widget package's route.
	ArticleURL func(a *news.Article) string
	// FeedURL returns the absolute URL a variant (normalised, see
	// Variant.Normalize) is served at, written as the feed's self link and
	// returned by Links. nil means BaseURL + v.Path(), the widget
	// package's routes.
	FeedURL func(v Variant) string
	// PageURL returns the absolute URL of the HTML page a variant
	// (normalised) mirrors, the feed's home link. nil means BaseURL,
	// BaseURL + "categories/{slug}" or BaseURL + "tags/{tag}".
	PageURL func(v Variant) string
	// Media is the media library the articles' photos and files come
	// from: a cover that is one of its photos points at the size at least
	// 960 pixels wide, with its type, size and dimensions, and files take
	// their type and size from it (see Meta.Media). nil means files are
	// written as the articles describe them.
	Media MediaSource
	// Logger receives internal errors, which clients only see as a
	// generic 500. nil means slog.Default().
	Logger *slog.Logger
}

// A Handler serves feeds over HTTP from a Source, rendered once per Source
// state and cached, as "Serving" in the package documentation describes;
// client errors get 400 or 404 with a JSON body naming the parameter,
// other errors a generic 500, logged. A Handler is safe for concurrent use.
type Handler struct {
	src       Source
	opts      Options
	base      string
	header    http.Header // the fixed headers of every feed: Cache-Control
	anyOrigin []string    // the value of Access-Control-Allow-Origin: *
	cache     *web.Cache
	fp        string // web.Fingerprint of the options that change the bytes
}

// New returns a Handler serving feeds from src. It returns an error
// wrapping news.ErrInvalid when opts or opts.BaseURL is missing, BaseURL
// or a Hub that is set are not absolute http(s) URLs or Language is not a BCP 47 tag.
func New(src Source, opts *Options) (*Handler, error) {
	if opts == nil {
		return nil, fmt.Errorf("feed: new handler: %w", &news.FieldError{Field: "BaseURL", Rule: "required"})
	}
	u := web.BaseURL(opts.BaseURL)
	if u == nil {
		return nil, fmt.Errorf("feed: new handler: %w", &news.FieldError{Field: "BaseURL", Rule: "must be an absolute http(s) URL"})
	}
	if opts.Hub != "" && web.BaseURL(opts.Hub) == nil {
		return nil, fmt.Errorf("feed: new handler: %w", &news.FieldError{Field: "Hub", Rule: "must be an absolute http(s) URL"})
	}
	lang := canonicalLang(opts.Language)
	if lang == "" && opts.Language != "" {
		return nil, fmt.Errorf("feed: new handler: %w", &news.FieldError{Field: "Language", Rule: "must be a BCP 47 language tag such as vi or en, not " + web.Quote(opts.Language, 40)})
	}
	control := web.CacheControl(opts.MaxAge)
	h := &Handler{src: src, opts: *opts, base: u.String(), cache: web.NewCache(opts.CacheBytes),
		header: http.Header{"Cache-Control": {control}}, anyOrigin: []string{"*"}}
	h.opts.Language = lang
	// The URL functions are not in the fingerprint: the cache is the
	// handler's own, and they do not change in its lifetime.
	h.fp = web.Fingerprint(h.base, opts.Title, opts.Description, opts.Author, lang, opts.Icon, opts.Hub, opts.Location.String(), control)
	return h, nil
}

// ServeHTTP serves the feed the query parameters select: format, category,
// tag, lang and limit, as ParseVariant reads them.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.Serve(w, r, Variant{})
}

// For returns a handler that serves v, as Serve does. Mount it at a
// fixed route: mux.Handle("/feed.atom", h.For(feed.Variant{Format: feed.Atom})).
func (h *Handler) For(v Variant) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.Serve(w, r, v) })
}

// Serve serves the feed v to a GET or HEAD, and answers a CORS preflight
// (OPTIONS) with 204; other methods get 405. Fields v leaves zero are
// taken from the query parameters, as ParseVariant reads them; the
// parameter of a field v sets is refused like an unknown one (see
// "Parameters" in the package documentation).
func (h *Handler) Serve(w http.ResponseWriter, r *http.Request, v Variant) {
	w.Header()["Access-Control-Allow-Origin"] = h.anyOrigin
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodOptions:
		web.Preflight(w)
		return
	default:
		web.MethodNotAllowed(w, r, "GET, HEAD, OPTIONS")
		return
	}
	resp, err := h.get(r.Context(), v, r.URL.RawQuery)
	var mv *movedError
	if errors.As(err, &mv) {
		http.Redirect(w, r, mv.url, http.StatusMovedPermanently)
		return
	}
	if err != nil {
		web.Fail(w, r, h.opts.Logger, err)
		return
	}
	web.Serve(w, r, resp)
}

// get returns the feed a route fixing v serves for the raw query, from the
// cache or rendered now.
func (h *Handler) get(ctx context.Context, v Variant, rawQuery string) (*web.Response, error) {
	v, err := parseVariant(rawQuery, v)
	if err != nil {
		return nil, err
	}
	st, err := h.src.State(ctx)
	if err != nil {
		return nil, fmt.Errorf("feed: state: %w", err)
	}
	key := web.Key("feed", string(v.Format), v.Category, v.Tag, v.Lang, strconv.Itoa(v.Limit), st.Key(), h.fp)
	return h.cache.Get(ctx, key, func(ctx context.Context) (*web.Response, error) {
		body, err := h.render(ctx, v)
		if err != nil {
			return nil, err
		}
		return h.cache.Response(body, v.Format.ContentType(), h.headerOf(v)), nil
	})
}

// A movedError is what render returns for a category's old slug (one of
// its Aliases): Serve answers 301 Moved Permanently to url, the feed of
// the category's current slug. Like every error, it is not cached.
type movedError struct{ url string }

func (e *movedError) Error() string { return "moved to " + e.url }

// headerOf returns the fixed headers of the feed v: the handler's, with
// the WebSub discovery Link header when Options.Hub is set.
func (h *Handler) headerOf(v Variant) http.Header {
	if h.opts.Hub == "" {
		return h.header
	}
	hdr := h.header.Clone()
	hdr.Set("Link", "<"+h.opts.Hub+`>; rel="hub", <`+h.feedURL(v)+`>; rel="self"`)
	return hdr
}

// Links returns the autodiscovery links of v in every format, with the
// handler's feed URLs; title names the page's feed ("" means the handler's
// title), and each link's title adds the format's name. Pass the result to
// AutodiscoveryLinks.
func (h *Handler) Links(v Variant, title string) []Link {
	title = cmp.Or(title, h.opts.Title, defaultTitle)
	links := make([]Link, 0, len(Formats))
	for _, f := range Formats {
		fv := v
		fv.Format = f
		if nv, err := fv.Normalize(); err == nil {
			fv = nv
		}
		links = append(links, Link{Format: f, Title: title + " (" + f.label() + ")", Href: h.feedURL(fv)})
	}
	return links
}

// feedURL returns the absolute URL of v.
func (h *Handler) feedURL(v Variant) string {
	if h.opts.FeedURL != nil {
		return h.opts.FeedURL(v)
	}
	return h.base + v.Path()
}

// pageURL returns the absolute URL of the page v mirrors.
func (h *Handler) pageURL(v Variant) string {
	if h.opts.PageURL != nil {
		return h.opts.PageURL(v)
	}
	return h.base + v.pagePath()
}

// media returns the records Options.Media holds of the covers and
// attachments of articles, by media key; nil without Options.Media.
func (h *Handler) media(ctx context.Context, articles []*news.Article) (map[string]*news.Media, error) {
	if h.opts.Media == nil {
		return nil, nil
	}
	recs := map[string]*news.Media{}
	find := func(u string) error {
		key, ok := news.MediaKeyOf(u)
		if _, seen := recs[key]; !ok || seen {
			return nil
		}
		rec, err := h.opts.Media.MediaOf(ctx, key)
		switch {
		case errors.Is(err, news.ErrNotFound):
			rec = nil // not from the library: written as the article says
		case err != nil:
			return fmt.Errorf("feed: media %q: %w", key, err)
		}
		recs[key] = rec
		return nil
	}
	for _, a := range articles {
		if a == nil {
			continue
		}
		if a.Cover != nil {
			if err := find(a.Cover.URL); err != nil {
				return nil, err
			}
		}
		for _, at := range a.Attachments {
			if err := find(at.URL); err != nil {
				return nil, err
			}
		}
	}
	return recs, nil
}

// render builds the feed v, normalised.
func (h *Handler) render(ctx context.Context, v Variant) ([]byte, error) {
	cats, err := h.src.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("feed: categories: %w", err)
	}
	m := &Meta{
		Title:       cmp.Or(h.opts.Title, defaultTitle),
		Description: h.opts.Description,
		Author:      cmp.Or(h.opts.Author, h.opts.Title, defaultTitle),
		Lang:        cmp.Or(v.Lang, h.opts.Language),
		BaseURL:     h.base,
		HomeURL:     h.pageURL(v),
		SelfURL:     h.feedURL(v),
		Icon:        h.opts.Icon,
		Hub:         h.opts.Hub,
		Location:    h.opts.Location,
		Categories:  cats,
		ArticleURL:  h.opts.ArticleURL,
	}
	q := news.Query{Tag: v.Tag, Lang: v.Lang, Limit: v.Limit}
	if v.Category != "" {
		i := slices.IndexFunc(cats, func(c *news.Category) bool { return c != nil && c.Slug == v.Category })
		if j := slices.IndexFunc(cats, func(c *news.Category) bool { return c != nil && slices.Contains(c.Aliases, v.Category) }); i < 0 && j >= 0 {
			moved := v
			moved.Category = cats[j].Slug
			return nil, &movedError{url: h.feedURL(moved)}
		}
		if i < 0 {
			return nil, &web.Error{Status: http.StatusNotFound, Code: "not_found", Field: "category",
				Message: "no category with slug " + web.Quote(v.Category, 80)}
		}
		c := cats[i]
		q.CategoryID = c.ID
		m.Title += " – " + c.Name
		if c.Description != "" {
			m.Description = c.Description
		}
	}
	page, err := h.src.Articles(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("feed: articles: %w", err)
	}
	if v.Tag != "" {
		m.Title += " – " + web.TagName(page.Articles, v.Tag)
	}
	if m.Media, err = h.media(ctx, page.Articles); err != nil {
		return nil, err
	}
	if v.Tag != "" && len(page.Articles) == 0 {
		any, err := h.src.Articles(ctx, news.Query{Tag: v.Tag, Limit: 1})
		if err != nil {
			return nil, fmt.Errorf("feed: articles: %w", err)
		}
		if len(any.Articles) == 0 {
			return nil, &web.Error{Status: http.StatusNotFound, Code: "not_found", Field: "tag",
				Message: "no public article has the tag " + web.Quote(v.Tag, 80)}
		}
	}
	body, err := Build(v.Format, page.Articles, m)
	if err != nil {
		// The source broke its contract (a nil article): a server error,
		// not the client's, so the chain to news.ErrInvalid is cut.
		return nil, fmt.Errorf("feed: render %s: %v", v.Format, err)
	}
	return body, nil
}
