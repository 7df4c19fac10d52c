package widget

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"

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
// error.
func (h *Handler) handleBox(k *kind, name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if b, ok := apiRequest(h, w, r, h.boxParams, boxNames...); ok {
			h.serve(w, r, k, b.lang, func(ctx context.Context) ([]byte, error) { return h.renderBox(ctx, b, name) }, name, b.key())
		}
	})
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
		h.serve(w, r, h.api, "", func(ctx context.Context) ([]byte, error) {
			bc, err := h.boxContent(ctx, b)
			if err != nil {
				return nil, err
			}
			return marshalJSON(response{Heading: bc.heading, URL: bc.more, Lang: b.lang, Articles: h.apiArticles(bc.articles, bc.tree)})
		}, "api-box", b.key())
	})
}

// renderBox renders the box with the entry template name.
func (h *Handler) renderBox(ctx context.Context, b *box, name string) ([]byte, error) {
	bc, err := h.boxContent(ctx, b)
	if err != nil {
		return nil, err
	}
	t := msgs(b.lang)
	v := &boxView{
		T: t, Lang: b.lang, Layout: b.layout, Theme: b.theme, Heading: bc.heading, MoreURL: bc.more,
		Items: h.items(bc.articles, bc.tree, b.lang), Date: b.date, Summary: b.summary, Image: b.image,
		Ticker: b.layout == "ticker",
	}
	if name == "embed.html" {
		v.EmbedCSS = h.abs("assets/" + h.assets.boxCSS)
		v.EmbedJS = h.abs("assets/" + h.assets.embedJS)
		v.Target = "_top"
	} else {
		v.CSS = h.abs("assets/" + h.assets.boxCSS)
	}
	return h.tmpl.render(name, v)
}

// A boxData is what a box shows, whichever way it is embedded.
type boxData struct {
	articles      []*news.Article
	more, heading string             // the URL of its "see all" link, and its heading
	tree          *news.CategoryTree // the categories, for the articles' links and names
}

// boxContent returns what the box b shows. An unknown category is a
// *news.FieldError.
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
			return nil, &news.FieldError{Field: "category", Rule: fmt.Sprintf("no category %q", b.category)}
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
