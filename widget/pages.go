package widget

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// pageRequest reads the parameters of a page accepting the parameters
// accepted, and returns them with the page's language; on a bad parameter
// it answers 400 and returns nil. Parameters a page does not accept are
// ignored, so that a link shared with "?ref=zalo" or bookmarked from an
// old portal with "?page=2" still opens, with the ETag of the link without
// them.
func (h *Handler) pageRequest(w http.ResponseWriter, r *http.Request, accepted ...string) (*pageParams, string) {
	q, err := web.ParseKnownQuery(r.URL.RawQuery, accepted...)
	var pp *pageParams
	if err == nil {
		pp, err = htmlPageParams(q)
	}
	if err != nil {
		h.fail(w, r, h.page, "", err)
		return nil, ""
	}
	if pp.lang != "" {
		return pp, pp.lang
	}
	return pp, h.defaultLang(r)
}

// A listPage is a request to a list page: its parameters, its language
// and the route's wildcard ("" for none).
type listPage struct {
	pp         *pageParams
	lang, slug string
}

// listHandler serves a list page (index, category, tag, search) accepting
// the parameters accepted. render returns the page, its list and the
// cursor of the next page ("" for none); listHandler adds the next link,
// keeps later pages out of search engines, and caches the page under route
// and everything it depends on: the wildcard, the language, the explicit
// lang parameter (kept in the next link), the cursor and the search words.
func (h *Handler) listHandler(route string, accepted []string, render func(ctx context.Context, l listPage) (*page, *listView, string, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pp, lang := h.pageRequest(w, r, accepted...)
		if pp == nil {
			return
		}
		l := listPage{pp: pp, lang: lang, slug: r.PathValue("slug") + r.PathValue("tag")}
		if l.slug != "" && !news.ValidSlug(l.slug) {
			if lower := strings.ToLower(l.slug); news.ValidSlug(lower) {
				u := h.categoryURL(lower)
				if route == "tag" {
					u = h.tagURL(lower)
				}
				http.Redirect(w, r, withQuery(u, "cursor", pp.cursor, "lang", pp.lang), http.StatusMovedPermanently)
				return
			}
			h.fail(w, r, h.page, lang, news.ErrNotFound)
			return
		}
		h.serve(w, r, h.page, lang, func(ctx context.Context) ([]byte, error) {
			p, lv, next, err := render(ctx, l)
			if err != nil {
				return nil, err
			}
			f := h.photos(ctx)
			f.covers(append(list(lv.Featured), list(lv.Items)...)...)
			if f.err != nil {
				return nil, f.err
			}
			u := p.Canonical
			if route == "search" {
				u = h.abs("search")
			}
			if next != "" {
				lv.NextURL = withQuery(u, "q", pp.text, "sort", pp.sort, "cursor", next, "lang", pp.lang)
			}
			if pp.cursor != "" {
				p.Robots = "noindex, follow"
			}
			p.List = lv
			h.localise(p, withQuery(u, "q", pp.text, "sort", pp.sort, "cursor", pp.cursor))
			return h.renderPage("list.html", p)
		}, route, l.slug, lang, pp.lang, pp.cursor, pp.text, pp.sort)
	})
}

// handleIndex serves the news index: featured articles first, then the
// latest, with cursor pagination. A query with a parameter the index does
// not know, such as WordPress's "/?p=123", that is an old URL of a public
// article answers 301 to it (see movedFrom); any other is the index, the
// unknown parameters ignored.
func (h *Handler) handleIndex() http.Handler {
	index := h.listHandler("index", indexNames, func(ctx context.Context, l listPage) (*page, *listView, string, error) {
		c, err := h.categories(ctx)
		if err != nil {
			return nil, nil, "", err
		}
		p := h.basePage(c, l.lang)
		p.Title, p.Canonical = p.T.Latest, h.baseS
		lv := &listView{Heading: p.T.Latest, Empty: p.T.NoNews}
		var featured []*news.Article
		if l.pp.cursor == "" {
			yes := true
			fp, err := h.src.Articles(ctx, news.Query{Featured: &yes, Limit: 3})
			if err != nil {
				return nil, nil, "", fmt.Errorf("widget: featured: %w", err)
			}
			featured, lv.Featured = fp.Articles, h.items(fp.Articles, c, l.lang)
		}
		lp, err := h.src.Articles(ctx, news.Query{Limit: h.pageSize, Cursor: l.pp.cursor})
		if err != nil {
			return nil, nil, "", err
		}
		for _, a := range lp.Articles {
			if !slices.ContainsFunc(featured, func(f *news.Article) bool { return f.ID == a.ID }) {
				lv.Items = append(lv.Items, h.item(a, c, l.lang))
			}
		}
		return p, lv, lp.Next, nil
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "" && unknownParams(r.URL.RawQuery, indexNames) && h.movedFrom(w, r) {
			return
		}
		index.ServeHTTP(w, r)
	})
}

// handleCategory serves a category's page: its articles and those of its
// subcategories, newest first. An old slug answers 301 to the current one.
func (h *Handler) handleCategory() http.Handler {
	return h.listHandler("category", indexNames, func(ctx context.Context, l listPage) (*page, *listView, string, error) {
		cat, err := h.src.CategoryBySlug(ctx, l.slug)
		if err != nil {
			return nil, nil, "", err
		}
		if cat.Slug != l.slug {
			return nil, nil, "", &redirect{withQuery(h.categoryURL(cat.Slug), "cursor", l.pp.cursor, "lang", l.pp.lang)}
		}
		c, err := h.categories(ctx)
		if err != nil {
			return nil, nil, "", err
		}
		p := h.basePage(c, l.lang)
		p.Title, p.Desc, p.Canonical = cat.Name, cat.Description, h.categoryURL(cat.Slug)
		h.inCategory(p, c, cat)
		lv := &listView{Heading: cat.Name, Intro: cat.Description, Empty: p.T.NoNews}
		for _, sub := range c.Children(cat.ID) {
			lv.Subcats = append(lv.Subcats, link{URL: h.categoryURL(sub.Slug), Text: sub.Name})
		}
		lp, err := h.src.Articles(ctx, news.Query{CategoryID: cat.ID, Limit: h.pageSize, Cursor: l.pp.cursor})
		if err != nil {
			return nil, nil, "", err
		}
		lv.Items = h.items(lp.Articles, c, l.lang)
		return p, lv, lp.Next, nil
	})
}

// handleTag serves a tag's page. A tag no public article carries is 404.
func (h *Handler) handleTag() http.Handler {
	return h.listHandler("tag", indexNames, func(ctx context.Context, l listPage) (*page, *listView, string, error) {
		lp, err := h.src.Articles(ctx, news.Query{Tag: l.slug, Limit: h.pageSize, Cursor: l.pp.cursor})
		if err != nil {
			return nil, nil, "", err
		}
		if len(lp.Articles) == 0 {
			return nil, nil, "", fmt.Errorf("widget: tag %q: %w", l.slug, news.ErrNotFound)
		}
		c, err := h.categories(ctx)
		if err != nil {
			return nil, nil, "", err
		}
		name := web.TagName(lp.Articles, l.slug)
		p := h.basePage(c, l.lang)
		p.Title, p.Canonical = p.T.Tag+": "+name, h.tagURL(l.slug)
		p.Crumbs = []link{{URL: h.baseS, Text: p.T.News}, {URL: p.Canonical, Text: name}}
		p.Feeds = append(h.feedGroup("tags/"+l.slug+"/", name, p.Site+" – "+name), p.Feeds...)
		lv := &listView{Heading: name, Intro: p.T.Tag + ": " + name, Items: h.items(lp.Articles, c, l.lang)}
		return p, lv, lp.Next, nil
	})
}

// handleSearch serves the search page. The search is accent- and
// case-insensitive: "dai hoi" finds "Đại hội".
func (h *Handler) handleSearch() http.Handler {
	return h.listHandler("search", searchNames, func(ctx context.Context, l listPage) (*page, *listView, string, error) {
		c, err := h.categories(ctx)
		if err != nil {
			return nil, nil, "", err
		}
		text := l.pp.text
		p := h.basePage(c, l.lang)
		p.Title, p.Search, p.Robots = p.T.Search, text, "noindex, follow"
		p.Crumbs = []link{{URL: h.baseS, Text: p.T.News}, {URL: h.abs("search"), Text: p.T.Search}}
		lv := &listView{Heading: p.T.Results, IsSearch: true, Query: text, Empty: p.T.NoResults}
		if text == "" {
			return p, lv, "", nil
		}
		lv.Searched = true
		p.Title = p.T.ResultsFor + " “" + text + "”"
		lp, err := h.articles(ctx, news.Query{Text: text, Limit: h.pageSize, Cursor: l.pp.cursor, Sort: searchSort(l.pp.sort)})
		if err != nil {
			return nil, nil, "", err
		}
		lv.Items = h.items(lp.Articles, c, l.lang)
		highlight(lv.Items, lp.Articles, text)
		h.searchView(lv, p, l.pp, lp)
		return p, lv, lp.Next, nil
	})
}

// handleArticle serves an article's page; an old slug answers 301 to the
// current one.
func (h *Handler) handleArticle() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pp, lang := h.pageRequest(w, r, articleNames...)
		if pp == nil {
			return
		}
		slug, err := articleSlug(r)
		if lower := strings.ToLower(r.PathValue("slug")); err != nil && news.ValidSlug(lower) {
			http.Redirect(w, r, withQuery(h.articleURL(lower), "lang", pp.lang), http.StatusMovedPermanently)
			return
		}
		if err != nil {
			h.fail(w, r, h.page, lang, err)
			return
		}
		h.serve(w, r, h.page, lang, func(ctx context.Context) ([]byte, error) {
			a, err := h.src.ArticleBySlug(ctx, slug)
			if err != nil {
				return nil, err
			}
			if a.Slug != slug {
				return nil, &redirect{withQuery(h.articleURL(a.Slug), "lang", pp.lang)}
			}
			return h.renderArticle(ctx, a, lang)
		}, "article", slug, lang, pp.lang)
	})
}

// An articleContext is what an article is shown with, on its page and in
// the API: the categories, the newest articles of its category, the
// related articles not among those, and the previous and next articles of
// its category.
type articleContext struct {
	tree       *news.CategoryTree
	same       []*news.Article
	related    []news.Related
	prev, next *news.Article
}

// articleContext returns a's context: up to Options.SameCategory articles
// of its category and up to Options.Related related ones, none of which is
// in the same-category list, since it is shown just above.
func (h *Handler) articleContext(ctx context.Context, a *news.Article) (*articleContext, error) {
	c, err := h.categories(ctx)
	if err != nil {
		return nil, err
	}
	ac := &articleContext{tree: c}
	if ac.same, err = h.src.SameCategory(ctx, a, h.sameN); err != nil {
		return nil, fmt.Errorf("widget: same category: %w", err)
	}
	rel, err := h.src.Related(ctx, a, h.relatedN+len(ac.same))
	if err != nil {
		return nil, fmt.Errorf("widget: related: %w", err)
	}
	for _, r := range rel {
		if r.Article != nil && len(ac.related) < h.relatedN && !slices.ContainsFunc(ac.same, func(s *news.Article) bool { return s.ID == r.Article.ID }) {
			ac.related = append(ac.related, r)
		}
	}
	if ac.prev, ac.next, err = h.src.Adjacent(ctx, a); err != nil {
		return nil, fmt.Errorf("widget: adjacent: %w", err)
	}
	return ac, nil
}

// renderArticle renders an article page.
func (h *Handler) renderArticle(ctx context.Context, a *news.Article, lang string) ([]byte, error) {
	p, err := h.articlePage(ctx, a, lang)
	if err != nil {
		return nil, err
	}
	return h.renderPage("article.html", p)
}

// articlePage returns the data of an article page.
func (h *Handler) articlePage(ctx context.Context, a *news.Article, lang string) (*page, error) {
	ac, err := h.articleContext(ctx, a)
	if err != nil {
		return nil, err
	}
	c := ac.tree
	p := h.basePage(c, lang)
	cat := c.Category(a.CategoryID)
	h.inCategory(p, c, cat)
	f := h.photos(ctx)
	av := &articleView{
		item:     h.item(a, c, lang),
		LongDate: longDate(lang, a.PublishAt, h.loc),
		Author:   a.Author,
		Body:     templateHTML(f.body(a.Body), h.articleURL(a.Slug)),
		Same:     h.items(ac.same, c, lang),
	}
	if a.UpdatedAt.After(a.PublishAt.Add(time.Minute)) {
		av.Updated = shortDate(lang, a.UpdatedAt, h.loc)
		av.UpdatedTime = a.UpdatedAt.In(h.loc).Format(time.RFC3339)
	}
	for _, tag := range a.Tags {
		if news.Slugify(tag) != "" {
			av.Tags = append(av.Tags, link{URL: h.tagURL(tag), Text: tag})
		}
	}
	for _, at := range a.Attachments {
		if u := h.resolve(at.URL); u != "" {
			av.Attachments = append(av.Attachments, attachmentView{URL: u, Title: cmp.Or(at.Title, u), Type: fileType(at.Type), Size: byteSize(lang, at.Size)})
		}
	}
	for _, r := range ac.related {
		av.Related = append(av.Related, relatedView{item: h.item(r.Article, c, lang), Why: whyText(p.T, r.Why)})
	}
	shown := slices.Clone(ac.same)
	for _, r := range ac.related {
		shown = append(shown, r.Article)
	}
	latest, err := h.latest(ctx, a, shown)
	if err != nil {
		return nil, err
	}
	av.Latest = h.items(latest, c, lang)
	itemOf := func(a *news.Article) item { return h.item(a, c, lang) }
	av.Prev, av.Next = optional(ac.prev, itemOf), optional(ac.next, itemOf)
	f.covers(append(append(list(av.Same), list(av.Latest)...), &av.item, av.Prev, av.Next)...)
	for i := range av.Related {
		f.covers(&av.Related[i].item)
	}
	if f.err != nil {
		return nil, f.err
	}
	p.Title, p.Desc, p.Canonical = a.Title, a.Summary, av.URL
	av.OG, av.JSONLD = h.articleMeta(a, av, cat, p)
	av.Breadcrumbs = breadcrumbs(p.Crumbs, a.Title)
	if h.oembed != "" {
		av.OEmbedJSON = h.oembed + "?" + url.Values{"format": {"json"}, "url": {av.URL}}.Encode()
		av.OEmbedXML = h.oembed + "?" + url.Values{"format": {"xml"}, "url": {av.URL}}.Encode()
	}
	p.Article = av
	h.localise(p, av.URL)
	return p, nil
}

// latestN is the length of the latest news list beside an article.
const latestN = 5

// latest returns up to latestN newest public articles other than a and
// those in shown, for the side column of an article page.
func (h *Handler) latest(ctx context.Context, a *news.Article, shown []*news.Article) ([]*news.Article, error) {
	p, err := h.src.Articles(ctx, news.Query{Limit: min(latestN+len(shown)+1, news.MaxLimit)})
	if err != nil {
		return nil, fmt.Errorf("widget: latest: %w", err)
	}
	out := make([]*news.Article, 0, latestN)
	for _, x := range p.Articles {
		if len(out) < latestN && x.ID != a.ID && !slices.ContainsFunc(shown, func(s *news.Article) bool { return s.ID == x.ID }) {
			out = append(out, x)
		}
	}
	return out, nil
}

// jsonLD is the schema.org NewsArticle of an article page.
type jsonLD struct {
	Context       string       `json:"@context"`
	Type          string       `json:"@type"`
	Headline      string       `json:"headline"`
	Description   string       `json:"description,omitempty"`
	URL           string       `json:"url"`
	MainEntity    string       `json:"mainEntityOfPage"`
	DatePublished string       `json:"datePublished"`
	DateModified  string       `json:"dateModified"`
	Image         []string     `json:"image,omitempty"`
	Author        *jsonLDThing `json:"author,omitempty"`
	Publisher     jsonLDThing  `json:"publisher"`
	Section       string       `json:"articleSection,omitempty"`
	Keywords      []string     `json:"keywords,omitempty"`
	Language      string       `json:"inLanguage,omitempty"`
	IsPartOf      *jsonLDThing `json:"isPartOf,omitempty"`
}

// A jsonLDThing is a schema.org Person, Organization or WebSite.
type jsonLDThing struct {
	Type string       `json:"@type"`
	Name string       `json:"name"`
	URL  string       `json:"url,omitempty"`
	Logo *jsonLDImage `json:"logo,omitempty"` // an Organization's
}

// A jsonLDImage is a schema.org ImageObject.
type jsonLDImage struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

// A jsonLDBreadcrumbs is a schema.org BreadcrumbList, as search engines
// read a page's breadcrumb.
type jsonLDBreadcrumbs struct {
	Context string           `json:"@context"`
	Type    string           `json:"@type"`
	Items   []jsonLDListItem `json:"itemListElement"`
}

// A jsonLDListItem is one step of a BreadcrumbList; the last, the page
// itself, has no Item.
type jsonLDListItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item,omitempty"`
}

// breadcrumbs returns the BreadcrumbList of an article page: the page's
// breadcrumb (the news index, then the category and its ancestors), then
// the article's title.
func breadcrumbs(crumbs []link, title string) *jsonLDBreadcrumbs {
	b := &jsonLDBreadcrumbs{Context: "https://schema.org", Type: "BreadcrumbList"}
	for i, c := range crumbs {
		b.Items = append(b.Items, jsonLDListItem{Type: "ListItem", Position: i + 1, Name: c.Text, Item: c.URL})
	}
	b.Items = append(b.Items, jsonLDListItem{Type: "ListItem", Position: len(crumbs) + 1, Name: title})
	return b
}

// articleMeta returns the OpenGraph tags and the JSON-LD of an article page.
func (h *Handler) articleMeta(a *news.Article, av *articleView, cat *news.Category, p *page) ([]metaTag, *jsonLD) {
	pub := a.PublishAt.In(h.loc).Format(time.RFC3339)
	mod := a.UpdatedAt.In(h.loc).Format(time.RFC3339)
	if a.UpdatedAt.Before(a.PublishAt) {
		mod = pub
	}
	og := []metaTag{
		{"og:type", "article"}, {"og:title", a.Title}, {"og:url", av.URL},
		{"og:site_name", p.Site}, {"og:locale", p.T.Locale},
		{"article:published_time", pub}, {"article:modified_time", mod},
	}
	if a.Summary != "" {
		og = append(og, metaTag{"og:description", a.Summary})
	}
	ld := &jsonLD{
		Context: "https://schema.org", Type: "NewsArticle", Headline: a.Title, Description: a.Summary,
		URL: av.URL, MainEntity: av.URL, DatePublished: pub, DateModified: mod,
		Publisher: jsonLDThing{Type: "Organization", Name: p.Site, URL: h.baseS}, Keywords: a.Tags, Language: a.Lang,
		IsPartOf: &jsonLDThing{Type: "WebSite", Name: p.Site, URL: h.baseS},
	}
	if h.logo != "" {
		ld.Publisher.Logo = &jsonLDImage{Type: "ImageObject", URL: h.logo}
	}
	if av.Cover != nil {
		og = append(og, metaTag{"og:image", av.Cover.URL})
		if av.Cover.Alt != "" {
			og = append(og, metaTag{"og:image:alt", av.Cover.Alt})
		}
		ld.Image = []string{av.Cover.URL}
	}
	if cat != nil {
		og = append(og, metaTag{"article:section", cat.Name})
		ld.Section = cat.Name
	}
	for _, t := range a.Tags {
		og = append(og, metaTag{"article:tag", t})
	}
	if a.Author != "" {
		ld.Author = &jsonLDThing{Type: "Person", Name: a.Author}
	}
	return og, ld
}

// fileType names a MIME type as readers know it.
func fileType(mime string) string {
	switch mime {
	case "application/pdf":
		return "PDF"
	case "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
		return "Word"
	case "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
		return "Excel"
	case "application/zip":
		return "ZIP"
	}
	return ""
}

// errorPage returns the data of an error page in lang.
func (h *Handler) errorPage(lang string, p *web.Error) *page {
	pg := h.basePage(nil, lang)
	t := pg.T
	ev := &errorView{Status: p.Status, Heading: t.ServerError, Say: t.ErrorText}
	switch p.Status {
	case http.StatusNotFound:
		ev.Heading, ev.Say = t.NotFound, t.NotFoundText
	case http.StatusBadRequest:
		ev.Heading, ev.Say, ev.Detail = t.BadRequest, t.BadText, p.Message
	case http.StatusMethodNotAllowed:
		ev.Heading, ev.Say = t.MethodNotAllowed, t.BadText
	case http.StatusServiceUnavailable:
		if p.Code == errSearchBusy.Code {
			ev.Heading, ev.Say = t.SearchBusy, t.SearchBusyText
		}
	}
	pg.Title, pg.Robots, pg.Error = ev.Heading, "noindex", ev
	h.localise(pg, "")
	return pg
}
