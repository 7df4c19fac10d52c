package widget

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/orgnews/orgnews/news"
)

// A redirect is returned by a render function to answer 301 Moved
// Permanently instead of a page, as for an article's old slug.
type redirect struct{ url string }

func (r *redirect) Error() string { return "moved to " + r.url }

// pageRequest reads the parameters of a page accepting ps, remembered in
// m, and the page's language; on a bad parameter it answers 400 and
// returns nil.
func (h *Handler) pageRequest(w http.ResponseWriter, r *http.Request, m *memo[*pageParams], ps *paramSet) (*pageParams, string) {
	pp, err := parseWith(m, r.URL.RawQuery, ps, htmlPageParams)
	if err != nil {
		lang := h.requestLang(r)
		h.fail(w, r, err, false, lang)
		return nil, lang
	}
	if pp.lang != "" {
		return pp, pp.lang
	}
	return pp, h.acceptLang(r)
}

// handleIndex serves the news index: featured articles first, then the
// latest, with cursor pagination.
func (h *Handler) handleIndex(k *kind) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pp, lang := h.pageRequest(w, r, &h.listMemo, indexParams)
		if pp == nil {
			return
		}
		h.serveCached(w, r, k, "index", []string{lang, pp.cursor}, lang, func(ctx context.Context) ([]byte, error) {
			c, err := h.catalog(ctx)
			if err != nil {
				return nil, err
			}
			p := h.basePage(c, lang)
			p.Title = p.T.Latest
			p.Canonical = h.baseS
			lv := &listView{Kind: "index", Heading: p.T.Latest, Empty: p.T.NoNews}
			var seen []string
			if pp.cursor == "" {
				yes := true
				fp, err := h.src.Articles(ctx, news.Query{Featured: &yes, Limit: 3})
				if err != nil {
					return nil, fmt.Errorf("widget: featured: %w", err)
				}
				lv.Featured = h.items(fp.Articles, c, lang)
				for _, a := range fp.Articles {
					seen = append(seen, a.ID.String())
				}
			} else {
				p.Robots = "noindex, follow"
			}
			lp, err := h.src.Articles(ctx, news.Query{Limit: h.pageSize, Cursor: pp.cursor})
			if err != nil {
				return nil, err
			}
			for _, a := range lp.Articles {
				if !slices.Contains(seen, a.ID.String()) {
					lv.Items = append(lv.Items, h.item(a, c, lang))
				}
			}
			if lp.Next != "" {
				lv.NextURL = withQuery(h.baseS, "cursor", lp.Next, "lang", pp.lang)
			}
			p.List = lv
			return h.tmpl.render("list.html", p)
		})
	})
}

// handleCategory serves a category's page: its articles and those of its
// subcategories, newest first.
func (h *Handler) handleCategory(k *kind) tailHandler {
	return func(w http.ResponseWriter, r *http.Request, slug string) {
		pp, lang := h.pageRequest(w, r, &h.listMemo, indexParams)
		if pp == nil {
			return
		}
		if !news.ValidSlug(slug) {
			h.notFound(w, r)
			return
		}
		h.serveCached(w, r, k, "category", []string{slug, lang, pp.cursor}, lang, func(ctx context.Context) ([]byte, error) {
			cat, err := h.src.CategoryBySlug(ctx, slug)
			if err != nil {
				return nil, err
			}
			c, err := h.catalog(ctx)
			if err != nil {
				return nil, err
			}
			p := h.basePage(c, lang)
			p.Title, p.Desc, p.Canonical = cat.Name, cat.Description, h.categoryURL(cat.Slug)
			p.Crumbs = h.crumbs(c, lang, cat)
			p.Feeds = append(h.feedGroup("categories/"+cat.Slug+"/", cat.Name, p.Site+" – "+cat.Name), p.Feeds...)
			for i := range p.Nav {
				p.Nav[i].Current = p.Nav[i].URL == p.Crumbs[1].URL
			}
			lv := &listView{Kind: "category", Heading: cat.Name, Intro: cat.Description, Empty: p.T.NoNews}
			for _, sub := range c.tree.Children(cat.ID) {
				lv.Subcats = append(lv.Subcats, link{URL: h.categoryURL(sub.Slug), Text: sub.Name})
			}
			lp, err := h.src.Articles(ctx, news.Query{CategoryID: cat.ID, Limit: h.pageSize, Cursor: pp.cursor})
			if err != nil {
				return nil, err
			}
			lv.Items = h.items(lp.Articles, c, lang)
			if lp.Next != "" {
				lv.NextURL = withQuery(p.Canonical, "cursor", lp.Next, "lang", pp.lang)
			}
			if pp.cursor != "" {
				p.Robots = "noindex, follow"
			}
			p.List = lv
			return h.tmpl.render("list.html", p)
		})
	}
}

// handleTag serves a tag's page. A tag no public article carries is 404.
func (h *Handler) handleTag(k *kind) tailHandler {
	return func(w http.ResponseWriter, r *http.Request, tag string) {
		pp, lang := h.pageRequest(w, r, &h.listMemo, indexParams)
		if pp == nil {
			return
		}
		if !news.ValidSlug(tag) {
			h.notFound(w, r)
			return
		}
		h.serveCached(w, r, k, "tag", []string{tag, lang, pp.cursor}, lang, func(ctx context.Context) ([]byte, error) {
			lp, err := h.src.Articles(ctx, news.Query{Tag: tag, Limit: h.pageSize, Cursor: pp.cursor})
			if err != nil {
				return nil, err
			}
			if len(lp.Articles) == 0 {
				return nil, fmt.Errorf("widget: tag %q: %w", tag, news.ErrNotFound)
			}
			c, err := h.catalog(ctx)
			if err != nil {
				return nil, err
			}
			name := tagName(lp.Articles[0], tag)
			p := h.basePage(c, lang)
			p.Title, p.Canonical = p.T.Tag+": "+name, h.tagURL(tag)
			p.Crumbs = []link{{URL: h.baseS, Text: p.T.News}, {URL: p.Canonical, Text: name}}
			p.Feeds = append(h.feedGroup("tags/"+tag+"/", name, p.Site+" – "+name), p.Feeds...)
			lv := &listView{Kind: "tag", Heading: name, Intro: p.T.Tag + ": " + name, Items: h.items(lp.Articles, c, lang)}
			if lp.Next != "" {
				lv.NextURL = withQuery(p.Canonical, "cursor", lp.Next, "lang", pp.lang)
			}
			if pp.cursor != "" {
				p.Robots = "noindex, follow"
			}
			p.List = lv
			return h.tmpl.render("list.html", p)
		})
	}
}

// tagName returns the spelling of the tag as a carries it.
func tagName(a *news.Article, slug string) string {
	for _, t := range a.Tags {
		if news.Slugify(t) == slug {
			return t
		}
	}
	return slug
}

// handleSearch serves the search page. The search is accent- and
// case-insensitive: "dai hoi" finds "Đại hội".
func (h *Handler) handleSearch(k *kind) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pp, lang := h.pageRequest(w, r, &h.searchMemo, searchParams)
		if pp == nil {
			return
		}
		h.serveCached(w, r, k, "search", []string{pp.text, lang, pp.cursor}, lang, func(ctx context.Context) ([]byte, error) {
			c, err := h.catalog(ctx)
			if err != nil {
				return nil, err
			}
			p := h.basePage(c, lang)
			p.Title, p.Search, p.Robots = p.T.Search, pp.text, "noindex, follow"
			p.Crumbs = []link{{URL: h.baseS, Text: p.T.News}, {URL: h.abs("search"), Text: p.T.Search}}
			lv := &listView{Kind: "search", Heading: p.T.Results, IsSearch: true, Query: pp.text, Empty: p.T.NoResults}
			if pp.text != "" {
				lv.Searched = true
				p.Title = p.T.ResultsFor + " “" + pp.text + "”"
				lp, err := h.src.Articles(ctx, news.Query{Text: pp.text, Limit: h.pageSize, Cursor: pp.cursor})
				if err != nil {
					return nil, err
				}
				lv.Items = h.items(lp.Articles, c, lang)
				if lp.Next != "" {
					lv.NextURL = withQuery(h.abs("search"), "q", pp.text, "cursor", lp.Next, "lang", pp.lang)
				}
			}
			p.List = lv
			return h.tmpl.render("list.html", p)
		})
	})
}

// handleArticle serves an article's page; an old slug answers 301 to the
// current one.
func (h *Handler) handleArticle(k *kind) tailHandler {
	return func(w http.ResponseWriter, r *http.Request, slug string) {
		pp, lang := h.pageRequest(w, r, &h.articleMemo, articleParams)
		if pp == nil {
			return
		}
		if !news.ValidSlug(slug) {
			h.notFound(w, r)
			return
		}
		h.serveCached(w, r, k, "article", []string{slug, lang}, lang, func(ctx context.Context) ([]byte, error) {
			a, err := h.src.ArticleBySlug(ctx, slug)
			if err != nil {
				return nil, err
			}
			if a.Slug != slug {
				return nil, &redirect{withQuery(h.articleURL(a.Slug), "lang", pp.lang)}
			}
			return h.renderArticle(ctx, a, lang)
		})
	}
}

// renderArticle renders an article page.
func (h *Handler) renderArticle(ctx context.Context, a *news.Article, lang string) ([]byte, error) {
	c, err := h.catalog(ctx)
	if err != nil {
		return nil, err
	}
	same, err := h.src.SameCategory(ctx, a, h.sameN)
	if err != nil {
		return nil, fmt.Errorf("widget: same category: %w", err)
	}
	rel, err := h.src.Related(ctx, a, h.relatedN+len(same))
	if err != nil {
		return nil, fmt.Errorf("widget: related: %w", err)
	}
	prev, next, err := h.src.Adjacent(ctx, a)
	if err != nil {
		return nil, fmt.Errorf("widget: adjacent: %w", err)
	}
	p := h.basePage(c, lang)
	t := p.T
	cat := c.tree.Category(a.CategoryID)
	p.Crumbs = h.crumbs(c, lang, cat)
	if cat != nil {
		p.Feeds = append(h.feedGroup("categories/"+cat.Slug+"/", cat.Name, p.Site+" – "+cat.Name), p.Feeds...)
		for i := range p.Nav {
			p.Nav[i].Current = p.Nav[i].URL == p.Crumbs[1].URL
		}
	}
	av := &articleView{
		item:     h.item(a, c, lang),
		LongDate: longDate(lang, a.PublishAt, h.loc),
		Author:   a.Author,
		Body:     templateHTML(a.Body, h.articleURL(a.Slug)),
		Same:     h.items(same, c, lang),
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
			title := at.Title
			if title == "" {
				title = u
			}
			av.Attachments = append(av.Attachments, attachmentView{URL: u, Title: title, Type: fileType(at.Type), Size: byteSize(lang, at.Size)})
		}
	}
	inSame := make(map[string]bool, len(same))
	for _, s := range same {
		inSame[s.Slug] = true
	}
	for _, r := range rel {
		if r.Article == nil || inSame[r.Article.Slug] || len(av.Related) == h.relatedN {
			continue
		}
		av.Related = append(av.Related, relatedView{item: h.item(r.Article, c, lang), Why: whyText(t, r.Why)})
	}
	if prev != nil {
		it := h.item(prev, c, lang)
		av.Prev = &it
	}
	if next != nil {
		it := h.item(next, c, lang)
		av.Next = &it
	}
	p.Title, p.Desc, p.Canonical = a.Title, a.Summary, av.URL
	av.OG, av.JSONLD = h.articleMeta(a, av, cat, p)
	p.Article = av
	return h.tmpl.render("article.html", p)
}

// jsonLD is the schema.org NewsArticle of an article page.
type jsonLD struct {
	Context       string        `json:"@context"`
	Type          string        `json:"@type"`
	Headline      string        `json:"headline"`
	Description   string        `json:"description,omitempty"`
	URL           string        `json:"url"`
	MainEntity    string        `json:"mainEntityOfPage"`
	DatePublished string        `json:"datePublished"`
	DateModified  string        `json:"dateModified"`
	Image         []string      `json:"image,omitempty"`
	Author        *jsonLDThing  `json:"author,omitempty"`
	Publisher     jsonLDThing   `json:"publisher"`
	Section       string        `json:"articleSection,omitempty"`
	Keywords      []string      `json:"keywords,omitempty"`
	Language      string        `json:"inLanguage,omitempty"`
	IsPartOf      *jsonLDWebPub `json:"isPartOf,omitempty"`
}

type jsonLDThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type jsonLDWebPub struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
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
		Publisher: jsonLDThing{Type: "Organization", Name: p.Site}, Keywords: a.Tags, Language: a.Lang,
		IsPartOf: &jsonLDWebPub{Type: "WebSite", Name: p.Site, URL: h.baseS},
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
func (h *Handler) errorPage(lang string, p problem) *page {
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
	}
	pg.Title, pg.Robots, pg.Error = ev.Heading, "noindex", ev
	return pg
}

// isRedirect reports whether err asks for a redirect, and to where.
func isRedirect(err error) (string, bool) {
	var rd *redirect
	if errors.As(err, &rd) {
		return rd.url, true
	}
	return "", false
}
