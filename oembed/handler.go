package oembed

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// A Source is what a Handler reads: the public view of the news, so a
// draft or a scheduled article has no card. *news.Public implements it.
// Its methods must be safe for concurrent use.
type Source interface {
	// ArticleBySlug returns the visible article whose slug, or one of
	// whose old slugs, is slug; errors wrap news.ErrNotFound when none is.
	ArticleBySlug(ctx context.Context, slug string) (*news.Article, error)
	// State returns the change state; its Key changes on every write and
	// when a scheduled article becomes public.
	State(ctx context.Context) (news.State, error)
}

var _ Source = (*news.Public)(nil)

// Sizes of the card, in CSS pixels, when the consumer sets no bound.
const (
	DefaultWidth  = 600
	DefaultHeight = 200
	// MinWidth is the narrowest card the provider makes: a smaller
	// maxwidth is refused with 404, as the oEmbed specification asks
	// when no answer fits.
	MinWidth = 200
	// MinHeight is the lowest card the provider makes.
	MinHeight = 80
)

// Options configures a Handler. A nil *Options is not enough: BaseURL is
// required; every other field's zero value is a working default.
type Options struct {
	// BaseURL is the absolute http(s) URL the news section is served
	// under, such as "https://sokhcn.example.gov.vn/tin-tuc/". The
	// provider answers for the article pages under it,
	// BaseURL + "articles/{slug}", the widget package's route. Required.
	BaseURL string
	// ProviderName names the publisher, the card's source. "" means
	// "Tin tức".
	ProviderName string
	// ProviderURL is the publisher's home page. "" means BaseURL.
	ProviderURL string
	// Location is the time zone of the card's date. nil means UTC.
	Location *time.Location
	// MaxAge is the Cache-Control max-age of an answer, also sent as its
	// cache_age. 0 means one hour; a negative value sends "no-cache".
	MaxAge time.Duration
	// CacheBytes bounds the memory the rendered answers take. 0 means
	// 8 MiB; a negative value keeps nothing.
	CacheBytes int64
	// Logger receives internal errors, which clients only see as a
	// generic 500. nil means slog.Default().
	Logger *slog.Logger
}

// A Handler is an oEmbed provider (https://oembed.com) for the article
// pages of a news section: GET with the parameters url (required),
// maxwidth, maxheight and format ("json", the default, or "xml") answers
// a "rich" card of the article: title, summary, cover thumbnail, date and
// source, with the card's HTML. A Handler is safe for concurrent use.
type Handler struct {
	src    Source
	opts   Options
	base   string
	prefix string // base + "articles/"
	header http.Header
	cache  *web.Cache
	fp     string
}

// New returns a Handler answering for the articles of src. It returns an
// error wrapping news.ErrInvalid when opts or opts.BaseURL is missing or
// BaseURL or ProviderURL is not an absolute http(s) URL.
func New(src Source, opts *Options) (*Handler, error) {
	if opts == nil {
		return nil, fmt.Errorf("oembed: new handler: %w", &news.FieldError{Field: "BaseURL", Rule: "required"})
	}
	baseURL := web.BaseURL(opts.BaseURL)
	if baseURL == nil {
		return nil, fmt.Errorf("oembed: new handler: %w", &news.FieldError{Field: "BaseURL", Rule: "must be an absolute http(s) URL"})
	}
	base := baseURL.String()
	o := *opts
	if o.ProviderURL == "" {
		o.ProviderURL = base
	} else if u, err := url.Parse(o.ProviderURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("oembed: new handler: %w", &news.FieldError{Field: "ProviderURL", Rule: "must be an absolute http(s) URL"})
	}
	o.ProviderName = cmp.Or(news.NormalizeLine(o.ProviderName), "Tin tức")
	if o.MaxAge == 0 {
		o.MaxAge = time.Hour
	}
	control := web.CacheControl(o.MaxAge)
	h := &Handler{src: src, opts: o, base: base, prefix: base + "articles/", cache: web.NewCache(cmp.Or(o.CacheBytes, 8<<20)),
		header: http.Header{"Cache-Control": {control}, "Access-Control-Allow-Origin": {"*"}}}
	h.fp = web.Fingerprint(base, o.ProviderName, o.ProviderURL, o.Location.String(), control)
	return h, nil
}

// The parameters the endpoint accepts, in the order an error lists them.
var params = []string{"url", "maxwidth", "maxheight", "format"}

// ServeHTTP answers an oEmbed request. A missing or malformed url, or a
// maxwidth or maxheight that is not a positive integer, is 400; a url
// that is not one of the section's public articles, or bounds smaller
// than MinWidth by MinHeight, 404; a format other than json or xml 501,
// as the oEmbed specification asks; errors have the JSON error body.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
	case http.MethodOptions:
		web.Preflight(w)
		return
	default:
		web.MethodNotAllowed(w, r, "GET, HEAD, OPTIONS")
		return
	}
	resp, err := h.get(r.Context(), r.URL.RawQuery)
	if err != nil {
		web.Fail(w, r, h.opts.Logger, err)
		return
	}
	web.Serve(w, r, resp)
}

// A request is a validated oEmbed request.
type request struct {
	slug          string
	width, height int // the card's size
	xml           bool
}

// parse validates the raw query.
func (h *Handler) parse(raw string) (*request, error) {
	q, err := web.ParseQuery(raw, params...)
	if err != nil {
		return nil, err
	}
	req := &request{width: DefaultWidth, height: DefaultHeight}
	switch q["format"] {
	case "", "json":
	case "xml":
		req.xml = true
	default:
		return nil, &web.Error{Status: http.StatusNotImplemented, Code: "invalid_parameter", Field: "format",
			Message: "format must be json or xml, not " + web.Quote(q["format"], 40)}
	}
	for _, p := range []struct {
		name string
		dst  *int
		min  int
	}{{"maxwidth", &req.width, MinWidth}, {"maxheight", &req.height, MinHeight}} {
		s, ok := q[p.name]
		if !ok {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return nil, &web.Error{Status: http.StatusBadRequest, Code: "invalid_parameter", Field: p.name,
				Message: p.name + " must be a positive whole number of pixels, not " + web.Quote(s, 40)}
		}
		if n < p.min {
			return nil, &web.Error{Status: http.StatusNotFound, Code: "not_found", Field: p.name,
				Message: fmt.Sprintf("no card fits in a %s of %d; the least is %d", p.name, n, p.min)}
		}
		*p.dst = min(*p.dst, n)
	}
	raw, ok := q["url"]
	if !ok || raw == "" {
		return nil, &web.Error{Status: http.StatusBadRequest, Code: "invalid_parameter", Field: "url", Message: "url is required"}
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, &web.Error{Status: http.StatusBadRequest, Code: "invalid_parameter", Field: "url",
			Message: "url must be an absolute URL, not " + web.Quote(raw, 80)}
	}
	// The scheme is not compared, so an http:// link to an https:// site
	// still has its card; the query and fragment are ignored.
	u.Scheme, u.RawQuery, u.Fragment = "", "", ""
	prefix := strings.TrimPrefix(strings.TrimPrefix(h.prefix, "https:"), "http:")
	slug, found := strings.CutPrefix(u.String(), prefix)
	if !found || slug == "" || strings.Contains(slug, "/") {
		return nil, &web.Error{Status: http.StatusNotFound, Code: "not_found", Field: "url",
			Message: "url is not an article of " + h.base}
	}
	req.slug = slug
	return req, nil
}

// get returns the answer to the raw query, from the cache or rendered now.
func (h *Handler) get(ctx context.Context, raw string) (*web.Response, error) {
	req, err := h.parse(raw)
	if err != nil {
		return nil, err
	}
	st, err := h.src.State(ctx)
	if err != nil {
		return nil, fmt.Errorf("oembed: state: %w", err)
	}
	key := web.Key("oembed", req.slug, strconv.Itoa(req.width), strconv.Itoa(req.height), strconv.FormatBool(req.xml), st.Key(), h.fp)
	return h.cache.Get(ctx, key, func(ctx context.Context) (*web.Response, error) {
		a, err := h.src.ArticleBySlug(ctx, req.slug)
		if err != nil {
			return nil, fmt.Errorf("oembed: %w", err)
		}
		c := h.card(a, req)
		if req.xml {
			body, err := c.xml()
			if err != nil {
				return nil, fmt.Errorf("oembed: render xml: %w", err)
			}
			return h.cache.Response(body, "text/xml; charset=utf-8", h.header), nil
		}
		body, err := json.Marshal(c)
		if err != nil {
			return nil, fmt.Errorf("oembed: render json: %w", err)
		}
		return h.cache.Response(append(body, '\n'), "application/json; charset=utf-8", h.header), nil
	})
}

// A card is an oEmbed "rich" response, with the fields of the
// specification and the card's own: its date and summary.
type card struct {
	XMLName         xml.Name `json:"-" xml:"oembed"`
	Version         string   `json:"version" xml:"version"`
	Type            string   `json:"type" xml:"type"`
	Title           string   `json:"title" xml:"title"`
	AuthorName      string   `json:"author_name,omitempty" xml:"author_name,omitempty"`
	ProviderName    string   `json:"provider_name" xml:"provider_name"`
	ProviderURL     string   `json:"provider_url" xml:"provider_url"`
	CacheAge        int      `json:"cache_age,omitempty" xml:"cache_age,omitempty"`
	ThumbnailURL    string   `json:"thumbnail_url,omitempty" xml:"thumbnail_url,omitempty"`
	ThumbnailWidth  int      `json:"thumbnail_width,omitempty" xml:"thumbnail_width,omitempty"`
	ThumbnailHeight int      `json:"thumbnail_height,omitempty" xml:"thumbnail_height,omitempty"`
	HTML            string   `json:"html" xml:"html"`
	Width           int      `json:"width" xml:"width"`
	Height          int      `json:"height" xml:"height"`
	URL             string   `json:"url" xml:"url"`
	Summary         string   `json:"summary,omitempty" xml:"summary,omitempty"`
	Published       string   `json:"published" xml:"published"`
}

// xml returns c as the oEmbed XML document.
func (c *card) xml() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="utf-8" standalone="yes"?>` + "\n")
	enc := xml.NewEncoder(&b)
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// card returns the card of a for req.
func (h *Handler) card(a *news.Article, req *request) *card {
	loc := cmp.Or(h.opts.Location, time.UTC)
	c := &card{
		Version: "1.0", Type: "rich", Title: a.Title, AuthorName: a.Author,
		ProviderName: h.opts.ProviderName, ProviderURL: h.opts.ProviderURL,
		URL: h.prefix + url.PathEscape(a.Slug), Summary: a.Summary,
		Published: a.PublishAt.In(loc).Format(time.RFC3339),
		Width:     req.width, Height: req.height,
	}
	if h.opts.MaxAge > 0 {
		c.CacheAge = int(h.opts.MaxAge / time.Second)
	}
	if a.Cover != nil && a.Cover.Width > 0 && a.Cover.Height > 0 {
		if u := h.resolve(a.Cover.URL); u != "" {
			w, ht := fit(a.Cover.Width, a.Cover.Height, req.width, req.height)
			c.ThumbnailURL, c.ThumbnailWidth, c.ThumbnailHeight = u, w, ht
		}
	}
	var b strings.Builder
	// The template only escapes; it cannot fail on these fields.
	_ = cardHTML.Execute(&b, map[string]any{
		"C":    c,
		"Date": a.PublishAt.In(loc).Format("02/01/2006"),
		"Lang": cmp.Or(a.Lang, "vi"),
	})
	c.HTML = b.String()
	return c
}

// fit returns w by h scaled down, keeping the ratio, to fit in maxW by
// maxH, rounded to the nearest pixel and never below one.
func fit(w, h, maxW, maxH int) (int, int) {
	s := min(1, float64(maxW)/float64(w), float64(maxH)/float64(h))
	return max(1, int(math.Round(float64(w)*s))), max(1, int(math.Round(float64(h)*s)))
}

// resolve returns ref as an absolute http(s) URL, resolved against the
// base URL, or "".
func (h *Handler) resolve(ref string) string {
	base, err := url.Parse(h.base)
	if err != nil {
		return ""
	}
	u, err := base.Parse(ref)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// cardHTML is the card's HTML: a blockquote that links the article, with
// its thumbnail, date, summary and source, every value escaped, no
// script and no style sheet, so that a consumer may show it as it is.
var cardHTML = template.Must(template.New("card").Parse(
	`<blockquote class="orgnews-card" lang="{{.Lang}}" cite="{{.C.URL}}" style="max-width:{{.C.Width}}px;margin:0">` +
		`{{if .C.ThumbnailURL}}<img src="{{.C.ThumbnailURL}}" width="{{.C.ThumbnailWidth}}" height="{{.C.ThumbnailHeight}}" alt="" loading="lazy">{{end}}` +
		`<p><a href="{{.C.URL}}">{{.C.Title}}</a></p>` +
		`<p><time datetime="{{.C.Published}}">{{.Date}}</time>{{if .C.Summary}} – {{.C.Summary}}{{end}}</p>` +
		`<footer><a href="{{.C.ProviderURL}}">{{.C.ProviderName}}</a></footer>` +
		`</blockquote>`))
