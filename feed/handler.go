package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

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
	// Now returns the source's clock, the instant visibility is decided
	// at; the handler uses it for Last-Modified.
	Now() time.Time
}

var _ Source = (*news.Public)(nil)

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
	// category's description when it has one. "" means the title.
	Description string
	// Author names the publishing organisation. "" means Title.
	Author string
	// Icon is the URL of a square image for the feeds. "" means none.
	Icon string
	// Location is the time zone of the feeds' dates. nil means UTC.
	Location *time.Location
	// MaxAge is the Cache-Control max-age of a feed. 0 means one minute;
	// a negative value sends "no-cache", so clients revalidate every time.
	MaxAge time.Duration
	// CacheBytes bounds the memory the rendered feeds take (plain and
	// gzipped); the least recently used are dropped first. 0 means 32 MiB;
	// a negative value disables the cache, so every request renders (ETags
	// still match; Last-Modified is then the time of the request).
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
	// Logger receives internal errors, which clients only see as a
	// generic 500. nil means slog.Default().
	Logger *slog.Logger
}

// A Handler serves feeds over HTTP from a Source, with conditional GET:
// a strong ETag and Last-Modified on every feed, 304 Not Modified on a
// matching If-None-Match or If-Modified-Since, HEAD, Cache-Control,
// Vary: Accept-Encoding and gzip when the client accepts it.
//
// Rendered feeds (plain and gzipped) are cached per variant and keyed by
// the Source's State, so a write or a scheduled article falling due
// renews them on the next request, with no timer. When a feed is rendered
// again with the same bytes, its ETag and Last-Modified stay the same.
//
// Client errors (an unknown category, a malformed, repeated or unknown
// parameter) are answered with 400 or 404 and a JSON body
// {"error":{"code":"invalid_parameter","field":"limit","message":"…"}};
// other errors with a generic 500, logged. A Handler is safe for
// concurrent use.
type Handler struct {
	src     Source
	opts    Options
	base    string
	log     *slog.Logger
	control []string // the Cache-Control header value
	builder Builder  // remembers prepared bodies across renders

	mu     sync.Mutex
	cache  *lru                   // rendered feeds by normalised variant
	flight map[flightKey]*pending // renders in progress

	// The normalised variants of valid requests: variants is read
	// without locking and replaced, never modified; recent holds those
	// remembered since, until they are merged into a new variants.
	variants atomic.Pointer[map[variantKey]Variant]
	vmu      sync.Mutex // guards recent and the replacing of variants
	recent   map[variantKey]Variant
}

// A flightKey names a render in progress: a normalised variant at a
// source state.
type flightKey struct {
	v     Variant
	state stateKey
}

// A stateKey is a news.State as a comparable value, equal for two States
// exactly when their Keys are, without formatting the Key on every
// request.
type stateKey struct {
	version, epoch int64 // epoch in Unix microseconds, 0 when there is none
}

// keyOf returns the stateKey of s.
func keyOf(s news.State) stateKey {
	k := stateKey{version: s.Version}
	if !s.Epoch.IsZero() {
		k.epoch = s.Epoch.UnixMicro()
	}
	return k
}

// A pending render, waited for by concurrent requests for the same feed.
type pending struct {
	done chan struct{}
	r    *rendered
	err  error
}

// New returns a Handler serving feeds from src. It returns an error
// wrapping news.ErrInvalid when opts or opts.BaseURL is missing or
// BaseURL is not an absolute http(s) URL.
func New(src Source, opts *Options) (*Handler, error) {
	if opts == nil {
		return nil, fmt.Errorf("feed: new handler: %w", &news.FieldError{Field: "BaseURL", Rule: "required"})
	}
	u := parseBase(opts.BaseURL)
	if u == nil {
		return nil, fmt.Errorf("feed: new handler: %w", &news.FieldError{Field: "BaseURL", Rule: "must be an absolute http(s) URL"})
	}
	h := &Handler{
		src:    src,
		opts:   *opts,
		base:   u.String(),
		log:    opts.Logger,
		flight: make(map[flightKey]*pending),
		recent: make(map[variantKey]Variant),
	}
	h.variants.Store(&map[variantKey]Variant{})
	if h.log == nil {
		h.log = slog.Default()
	}
	switch {
	case opts.MaxAge < 0:
		h.control = []string{"no-cache"}
	case opts.MaxAge == 0:
		h.control = []string{"public, max-age=60"}
	default:
		h.control = []string{"public, max-age=" + strconv.Itoa(int(opts.MaxAge/time.Second))}
	}
	size := opts.CacheBytes
	if size == 0 {
		size = 32 << 20
	}
	h.cache = newLRU(max(size, 0))
	return h, nil
}

// ServeHTTP serves the feed the query parameters select: format, category,
// tag, lang and limit, as ParseVariant reads them; tracking parameters
// (utm_source and the like) are ignored, and any other parameter is a 400.
// Only GET and HEAD are allowed.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.Serve(w, r, Variant{})
}

// For returns a handler that serves v, as Serve does. Mount it at a
// fixed route: mux.Handle("GET /feed.atom", h.For(feed.Variant{Format: feed.Atom})).
func (h *Handler) For(v Variant) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.Serve(w, r, v) })
}

// Serve serves the feed v. Fields v leaves zero are taken from the query
// parameters, as ParseVariant reads them, so a route that fixes the format
// and category (/categories/{slug}/feed.rss) still accepts ?tag=, ?lang=
// and ?limit=. The parameter of a field v sets is refused like an unknown
// one: a 400 naming it and the parameters the route accepts ("this address
// accepts no parameters" when v sets every field). Tracking parameters are
// accepted and ignored; they are not part of the cache key, so they do not
// change the ETag. Only GET and HEAD are allowed.
func (h *Handler) Serve(w http.ResponseWriter, r *http.Request, v Variant) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "", "use GET or HEAD")
		return
	}
	v, err := h.variant(v, r.URL.RawQuery)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ctx := r.Context()
	st, err := h.src.State(ctx)
	if err != nil {
		h.fail(w, r, fmt.Errorf("feed: state: %w", err))
		return
	}
	e, err := h.get(ctx, v, keyOf(st))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	e.serve(w, r, h.control)
}

// variant returns v with the fields it leaves zero taken from the query
// string, normalised. Results are remembered, since readers poll the same
// few URLs over and over.
func (h *Handler) variant(v Variant, rawQuery string) (Variant, error) {
	k := variantKey{v, rawQuery}
	if nv, ok := (*h.variants.Load())[k]; ok {
		return nv, nil
	}
	h.vmu.Lock()
	nv, ok := h.recent[k]
	h.vmu.Unlock()
	if ok {
		return nv, nil
	}
	if rawQuery != "" {
		q, err := url.ParseQuery(rawQuery)
		if err != nil {
			return Variant{}, &httpError{status: http.StatusBadRequest, code: "invalid_parameter", message: "malformed query string"}
		}
		qv, err := parseVariant(q, v)
		if err != nil {
			return Variant{}, err
		}
		v = v.or(qv)
	}
	nv, err := v.Normalize()
	if err != nil {
		return Variant{}, err
	}
	if len(rawQuery)+len(k.v.Category)+len(k.v.Tag)+len(k.v.Lang) <= maxRememberedQuery {
		h.remember(k, nv)
	}
	return nv, nil
}

// remember remembers the normalised variant nv of k. It merges the recent
// variants into a new map of variants once they are a sixteenth of it, so
// each costs a bounded amount of copying; when the merged map would
// exceed maxRememberedVariants, the recent ones replace it.
func (h *Handler) remember(k variantKey, nv Variant) {
	h.vmu.Lock()
	defer h.vmu.Unlock()
	h.recent[k] = nv
	old := *h.variants.Load()
	if len(h.recent)*16 < len(old) {
		return
	}
	m := h.recent
	if len(old)+len(m) <= maxRememberedVariants {
		m = maps.Clone(old)
		maps.Copy(m, h.recent)
	}
	h.variants.Store(&m)
	h.recent = make(map[variantKey]Variant)
}

// Bounds of the remembered variants of Handler.variant.
const (
	maxRememberedVariants = 1024
	maxRememberedQuery    = 256 // bytes of query string and route parameters
)

// A variantKey is a route's variant with the request's query string.
type variantKey struct {
	v   Variant
	raw string
}

// Links returns the autodiscovery links of v in every format, with the
// handler's feed URLs; title names the page's feed ("" means the handler's
// title), and each link's title adds the format's name. Pass the result to
// AutodiscoveryLinks.
func (h *Handler) Links(v Variant, title string) []Link {
	if title == "" {
		title = h.opts.Title
	}
	if title == "" {
		title = defaultTitle
	}
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

// get returns the rendered feed v for the state key, from the cache or
// rendered now. Concurrent requests for the same feed wait for one render.
func (h *Handler) get(ctx context.Context, v Variant, state stateKey) (*rendered, error) {
	// The feed served last is served again without locking.
	if r := h.cache.peek(v); r != nil && r.state == state {
		return r, nil
	}
	h.mu.Lock()
	prev := h.cache.get(v)
	if prev != nil && prev.state == state {
		h.mu.Unlock()
		return prev, nil
	}
	fkey := flightKey{v, state}
	if p := h.flight[fkey]; p != nil {
		h.mu.Unlock()
		select {
		case <-p.done:
			return p.r, p.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	// err stays set if render panics, so waiters never see a nil feed.
	p := &pending{done: make(chan struct{}), err: errors.New("feed: render did not finish")}
	h.flight[fkey] = p
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.flight, fkey)
		if p.err == nil {
			h.cache.put(v, p.r)
		}
		h.mu.Unlock()
		close(p.done)
	}()
	// A client that goes away must not fail the others waiting.
	p.r, p.err = h.render(context.WithoutCancel(ctx), v, state, prev)
	return p.r, p.err
}

// render builds the feed v and its gzipped form. prev is the feed cached
// under an older state, if any: when the bytes are the same, its
// Last-Modified is kept.
func (h *Handler) render(ctx context.Context, v Variant, state stateKey, prev *rendered) (*rendered, error) {
	cats, err := h.src.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("feed: categories: %w", err)
	}
	m := &Meta{
		Title:       h.opts.Title,
		Description: h.opts.Description,
		Author:      h.opts.Author,
		Lang:        v.Lang,
		BaseURL:     h.base,
		HomeURL:     h.pageURL(v),
		SelfURL:     h.feedURL(v),
		Icon:        h.opts.Icon,
		Location:    h.opts.Location,
		Categories:  cats,
		ArticleURL:  h.opts.ArticleURL,
	}
	if m.Title == "" {
		m.Title = defaultTitle
	}
	if m.Author == "" {
		m.Author = m.Title
	}
	q := news.Query{Tag: v.Tag, Lang: v.Lang, Limit: v.Limit}
	if v.Category != "" {
		c := categoryBySlug(cats, v.Category)
		if c == nil {
			return nil, &httpError{status: http.StatusNotFound, code: "not_found", field: "category",
				message: fmt.Sprintf("no category with slug %q", truncate(v.Category, 80))}
		}
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
		m.Title += " – " + tagName(page.Articles, v.Tag)
	}
	if v.Tag != "" && len(page.Articles) == 0 {
		any, err := h.src.Articles(ctx, news.Query{Tag: v.Tag, Limit: 1})
		if err != nil {
			return nil, fmt.Errorf("feed: articles: %w", err)
		}
		if len(any.Articles) == 0 {
			return nil, &httpError{status: http.StatusNotFound, code: "not_found", field: "tag",
				message: fmt.Sprintf("no public article has the tag %q", truncate(v.Tag, 80))}
		}
	}
	body, err := h.builder.Build(v.Format, page.Articles, m)
	if err != nil {
		// The source broke its contract (a nil article): a server error,
		// not the client's, so the chain to news.ErrInvalid is cut.
		return nil, fmt.Errorf("feed: render %s: %v", v.Format, err)
	}
	return newRendered(v.Format, body, state, prev, h.src.Now())
}

// tagName returns the tag as the articles write it ("nông nghiệp" for
// "nong-nghiep", since news.Query compares tags by news.Slugify), or tag
// when none of them carries it.
func tagName(arts []*news.Article, tag string) string {
	key := news.Slugify(tag)
	for _, a := range arts {
		for _, t := range a.Tags {
			if news.Slugify(t) == key {
				return t
			}
		}
	}
	return tag
}

// categoryBySlug returns the category with the slug, or nil.
func categoryBySlug(cats []*news.Category, slug string) *news.Category {
	for _, c := range cats {
		if c != nil && c.Slug == slug {
			return c
		}
	}
	return nil
}

// An httpError is a client error with its status and JSON error code.
type httpError struct {
	status               int
	code, field, message string
}

// Error returns the message.
func (e *httpError) Error() string { return e.message }

// fail answers err: an unknown parameter, a *news.FieldError or
// news.FieldErrors (or any error wrapping news.ErrInvalid) is 400, an
// *httpError its own status, an error wrapping news.ErrNotFound 404,
// anything else a logged 500.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	var up *UnknownParamError
	var fe *news.FieldError
	switch {
	case errors.As(err, &he):
		writeError(w, he.status, he.code, he.field, he.message)
	case errors.As(err, &up):
		writeError(w, http.StatusBadRequest, "invalid_parameter", up.Name, up.Error())
	case errors.As(err, &fe):
		msg := err.Error()
		var fes news.FieldErrors
		if !errors.As(err, &fes) {
			msg = fe.Error()
		}
		writeError(w, http.StatusBadRequest, "invalid_parameter", fe.Field, msg)
	case errors.Is(err, news.ErrInvalid):
		writeError(w, http.StatusBadRequest, "invalid_parameter", "", "invalid parameter")
	case errors.Is(err, news.ErrNotFound):
		writeError(w, http.StatusNotFound, "not_found", "", "not found")
	default:
		h.log.ErrorContext(r.Context(), "feed: serving failed", "method", r.Method, "url", r.URL.String(), "err", err)
		writeError(w, http.StatusInternalServerError, "internal", "", "internal server error")
	}
}

// writeError writes the JSON error body
// {"error":{"code":…,"field":…,"message":…}} with the status.
func writeError(w http.ResponseWriter, status int, code, field, message string) {
	type detail struct {
		Code    string `json:"code"`
		Field   string `json:"field,omitempty"`
		Message string `json:"message"`
	}
	body, err := json.Marshal(struct {
		Error detail `json:"error"`
	}{detail{Code: code, Field: field, Message: news.NormalizeLine(message)}})
	if err != nil {
		body = []byte(`{"error":{"code":"internal","message":"internal server error"}}`)
	}
	h := w.Header()
	h.Del("Etag")
	h.Del("Last-Modified")
	h.Del("Content-Encoding")
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)+1))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(append(body, '\n')) // an error means the client went away
}
