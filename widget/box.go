package widget

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"strconv"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// A boxView is the data of the box templates (box.html, fragment.html,
// embed.html).
type boxView struct {
	T                    *messages
	Lang, Layout, Theme  string
	Heading              string
	MoreURL              string // the news index, or the category's page
	CSS                  string // stylesheet linked before the box; "" in /embed
	EmbedCSS, EmbedJS    string // stylesheet and script of /embed
	Target               string // target of links: "_top" in /embed
	Items                []item
	Date, Summary, Image bool
	Ticker               bool
	Notice               string // shown instead of the articles: why the box has none
}

// Box renders the news box for a host's own html/template page, as
// /fragment does: a <link rel="stylesheet"> to the box's stylesheet
// followed by a <section class="news-box">, with absolute links. The result
// is safe to place with {{.}} in a template. It is cached like the HTTP
// answers. Box returns an error wrapping news.ErrInvalid (a
// *news.FieldError naming the parameter) for bad parameters, including an
// unknown category, and the Source's error when it fails.
func (h *Handler) Box(ctx context.Context, p BoxParams) (template.HTML, error) {
	b, err := p.validate(h.lang)
	if err != nil {
		return "", fmt.Errorf("widget: box: %w", err)
	}
	resp, err := h.cached(ctx, h.fragment, func(ctx context.Context) ([]byte, error) { return h.renderBox(ctx, b, "fragment.html") }, "fragment.html", b.key())
	if err != nil {
		return "", fmt.Errorf("widget: box: %w", err)
	}
	return template.HTML(resp.Body), nil // #nosec G203 -- the output of html/template
}

// handleBox serves /fragment or /embed: the box rendered by the entry
// template name with the query's BoxParams. Bad parameters get a 400 JSON
// error; an unknown category, a 404 notice in the box (see boxNotice).
func (h *Handler) handleBox(k *kind, name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if b, ok := apiRequest(h, w, r, h.boxParams, boxNames...); ok {
			h.serveBox(w, r, k, b, name, func(ctx context.Context) ([]byte, error) { return h.renderBox(ctx, b, name) })
		}
	})
}

// A missingCategoryError is the error of a box whose category does not
// exist. A Go caller sees a *news.FieldError on "category" (news.ErrInvalid);
// HTTP clients a 404 not_found naming the parameter.
type missingCategoryError struct{ slug string }

// Error returns "category: no category "slug"".
func (e *missingCategoryError) Error() string { return fmt.Sprintf("category: no category %q", e.slug) }

// Unwrap returns the field error and the 404 the error stands for.
func (e *missingCategoryError) Unwrap() []error {
	return []error{
		&news.FieldError{Field: "category", Rule: fmt.Sprintf("no category %q", e.slug)},
		&web.Error{Status: http.StatusNotFound, Code: "not_found", Field: "category", Message: e.Error()},
	}
}

// serveBox answers a request for the box b: the cached answer of kind k
// (rendered by render, under the entry template name), or an error. A box
// whose category does not exist is logged as a warning for the site's
// owner, with the page that asked for it, and gets a 404: JSON for the
// API, the box's notice for /embed and /fragment.
func (h *Handler) serveBox(w http.ResponseWriter, r *http.Request, k *kind, b *box, name string, render func(ctx context.Context) ([]byte, error)) {
	resp, err := h.cached(r.Context(), k, render, name, b.key())
	var mc *missingCategoryError
	switch {
	case errors.As(err, &mc):
		h.log.WarnContext(r.Context(), "widget: a news box asks for a category that does not exist",
			"category", mc.slug, "path", r.URL.Path, "referer", r.Referer())
		if k == h.api {
			h.fail(w, r, k, b.lang, err)
			return
		}
		h.boxNotice(w, r, k, b, name)
	case err != nil:
		h.fail(w, r, k, b.lang, err)
	default:
		web.Serve(w, r, resp)
	}
}

// boxNotice answers 404 with the box of kind k, rendered by the entry
// template name, saying in the box's language that its category cannot be
// found, with a link to the news section. It is not cached.
func (h *Handler) boxNotice(w http.ResponseWriter, r *http.Request, k *kind, b *box, name string) {
	t := msgs(b.lang)
	body, err := h.tmpl.render(name, h.boxView(b, name, t.News, h.baseS, nil, nil, t.NoCategory))
	if err != nil {
		h.fail(w, r, k, b.lang, err)
		return
	}
	hd := w.Header()
	maps.Copy(hd, k.header)
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Type", k.ctype)
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body) // an error means the client went away
	}
}

// handleAPIBox serves GET /api/box: the box's heading, "see all" URL and
// articles, for the <news-widget> element, so that it shows what /embed and
// /fragment show for the same parameters.
func (h *Handler) handleAPIBox() http.Handler {
	type response struct {
		Heading  string       `json:"heading"`
		URL      string       `json:"url"`
		Lang     string       `json:"lang"`
		Articles []apiArticle `json:"articles"`
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, ok := apiRequest(h, w, r, h.boxParams, boxNames...)
		if !ok {
			return
		}
		h.serveBox(w, r, h.api, b, "api-box", func(ctx context.Context) ([]byte, error) {
			bc, err := h.boxContent(ctx, b)
			if err != nil {
				return nil, err
			}
			f := h.photos(ctx)
			res := response{Heading: bc.heading, URL: bc.more, Lang: b.lang, Articles: h.apiArticles(bc.articles, bc.tree, f)}
			if f.err != nil {
				return nil, f.err
			}
			return marshalJSON(res)
		})
	})
}

// renderBox renders the box with the entry template name.
func (h *Handler) renderBox(ctx context.Context, b *box, name string) ([]byte, error) {
	bc, err := h.boxContent(ctx, b)
	if err != nil {
		return nil, err
	}
	v := h.boxView(b, name, bc.heading, bc.more, bc.articles, bc.tree, "")
	f := h.photos(ctx)
	if f.covers(list(v.Items)...); f.err != nil {
		return nil, f.err
	}
	return h.tmpl.render(name, v)
}

// boxView returns the view of the box b, for the entry template name,
// showing articles under heading, or notice when it is not empty.
func (h *Handler) boxView(b *box, name, heading, more string, articles []*news.Article, tree *news.CategoryTree, notice string) *boxView {
	v := &boxView{
		T: msgs(b.lang), Lang: b.lang, Layout: b.layout, Theme: b.theme, Heading: heading, MoreURL: more,
		Items: h.items(articles, tree, b.lang), Date: b.date, Summary: b.summary, Image: b.image,
		Ticker: b.layout == "ticker", Notice: notice,
	}
	if name == "embed.html" {
		v.EmbedCSS = h.abs("assets/" + h.assets.boxCSS)
		v.EmbedJS = h.abs("assets/" + h.assets.embedJS)
		v.Target = "_top"
	} else {
		v.CSS = h.abs("assets/" + h.assets.boxCSS)
	}
	return v
}

// A boxData is what a box shows, whichever way it is embedded.
type boxData struct {
	articles      []*news.Article
	more, heading string             // the URL of its "see all" link, and its heading
	tree          *news.CategoryTree // the categories, for the articles' links and names
}

// boxContent returns what the box b shows. An unknown category is a
// *missingCategoryError.
func (h *Handler) boxContent(ctx context.Context, b *box) (*boxData, error) {
	c, err := h.categories(ctx)
	if err != nil {
		return nil, err
	}
	t := msgs(b.lang)
	q := news.Query{Tag: b.tag, Limit: b.limit}
	more, heading := h.baseS, t.News
	if b.category != "" {
		cat := cmp.Or(c.BySlug(b.category), c.ByAlias(b.category))
		if cat == nil {
			return nil, &missingCategoryError{slug: b.category}
		}
		q.CategoryID = cat.ID
		more, heading = h.categoryURL(cat.Slug), cat.Name
	} else if b.tag != "" {
		if s := news.Slugify(b.tag); s != "" {
			more = h.tagURL(b.tag)
		}
		heading = t.News + ": " + b.tag
	}
	if q.Exclude, err = h.excludeID(ctx, b.exclude); err != nil {
		return nil, err
	}
	page, err := h.src.Articles(ctx, q)
	if err != nil {
		return nil, err
	}
	return &boxData{articles: page.Articles, more: more, heading: heading, tree: c}, nil
}

// embedCSP returns the Content-Security-Policy of /embed: nothing inline,
// only the handler's own hashed assets, images from the web, and framing
// by the allowed ancestors.
func (h *Handler) embedCSP() string {
	assets, img := "'self'", "'self'"
	if h.base.IsAbs() {
		origin := (&url.URL{Scheme: h.base.Scheme, Host: h.base.Host}).String()
		assets += " " + origin + (&url.URL{Path: h.base.Path + "assets/"}).EscapedPath()
		img += " " + origin
	}
	return "default-src 'none'; style-src " + assets + "; script-src " + assets +
		"; img-src " + img + " https: data:; base-uri 'none'; form-action 'none'; frame-ancestors " + h.ancest
}
