package widget

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/news"
)

// The JSON API. Its shapes are a public contract, documented in doc.go.

// apiArticle is an article in a list of the JSON API.
type apiArticle struct {
	ID          string       `json:"id"`
	Slug        string       `json:"slug"`
	Title       string       `json:"title"`
	Summary     string       `json:"summary"`
	URL         string       `json:"url"`
	Category    *apiCategory `json:"category"`
	Tags        []string     `json:"tags"`
	Author      string       `json:"author"`
	Lang        string       `json:"lang"`
	PublishedAt string       `json:"published_at"`
	UpdatedAt   string       `json:"updated_at"`
	Cover       *apiCover    `json:"cover"`
}

// apiCategory is the category of an article.
type apiCategory struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// apiCover is an article's cover photo.
type apiCover struct {
	URL     string `json:"url"`
	Alt     string `json:"alt"`
	Caption string `json:"caption"`
}

// apiArticle returns the JSON of an article in a list.
func (h *Handler) apiArticle(a *news.Article, c *catalog) apiArticle {
	out := apiArticle{
		ID: a.ID.String(), Slug: a.Slug, Title: a.Title, Summary: a.Summary,
		URL: h.articleURL(a.Slug), Tags: a.Tags, Author: a.Author, Lang: a.Lang,
		PublishedAt: a.PublishAt.In(h.loc).Format(time.RFC3339),
		UpdatedAt:   a.UpdatedAt.In(h.loc).Format(time.RFC3339),
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if cat := c.tree.Category(a.CategoryID); cat != nil {
		out.Category = &apiCategory{Slug: cat.Slug, Name: cat.Name}
	}
	if a.Cover != nil {
		if u := h.resolve(a.Cover.URL); u != "" {
			out.Cover = &apiCover{URL: u, Alt: a.Cover.Alt, Caption: a.Cover.Caption}
		}
	}
	return out
}

func (h *Handler) apiArticles(as []*news.Article, c *catalog) []apiArticle {
	out := make([]apiArticle, 0, len(as))
	for _, a := range as {
		out = append(out, h.apiArticle(a, c))
	}
	return out
}

// handleAPIArticles serves GET /api/articles?category=&tag=&q=&lang=&limit=&cursor=&exclude=.
func (h *Handler) handleAPIArticles(k *kind) http.Handler {
	type response struct {
		Articles   []apiArticle `json:"articles"`
		NextCursor *string      `json:"next_cursor"`
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := parseWith(&h.apiMemo, r.URL.RawQuery, apiListSet, apiListParams)
		if err != nil {
			h.fail(w, r, err, true, "")
			return
		}
		h.serveCached(w, r, k, "api-articles", []string{p.key}, "", func(ctx context.Context) ([]byte, error) {
			c, err := h.catalog(ctx)
			if err != nil {
				return nil, err
			}
			q := news.Query{Tag: p.tag, Text: p.text, Lang: p.lang, Limit: p.limit, Cursor: p.cursor}
			if p.category != "" {
				cat := c.tree.BySlug(p.category)
				if cat == nil {
					return nil, &news.FieldError{Field: "category", Rule: fmt.Sprintf("no category %q", p.category)}
				}
				q.CategoryID = cat.ID
			}
			if q.Exclude, err = h.excludeID(ctx, p.exclude); err != nil {
				return nil, err
			}
			page, err := h.src.Articles(ctx, q)
			if err != nil {
				return nil, err
			}
			as, next := page.Articles, page.Next
			res := response{Articles: h.apiArticles(as, c)}
			if next != "" {
				res.NextCursor = &next
			}
			return marshalJSON(res)
		})
	})
}

// handleAPIArticle serves GET /api/articles/{slug}: an article with its
// body, the same-category list, related articles (each with why) and the
// previous and next articles of its category. An old slug answers the
// article under its current slug.
func (h *Handler) handleAPIArticle(k *kind) tailHandler {
	type why struct {
		Tags         []string `json:"tags"`
		Words        []string `json:"words"`
		SameCategory bool     `json:"same_category"`
		Fallback     bool     `json:"fallback"`
	}
	type related struct {
		apiArticle
		Score float64 `json:"score"`
		Why   why     `json:"why"`
	}
	type response struct {
		apiArticle
		BodyHTML     string       `json:"body_html"`
		SameCategory []apiArticle `json:"same_category"`
		Related      []related    `json:"related"`
		Prev         *apiArticle  `json:"prev"`
		Next         *apiArticle  `json:"next"`
	}
	orEmpty := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	return func(w http.ResponseWriter, r *http.Request, slug string) {
		if _, _, err := parseQuery(r.URL.RawQuery, noParams); err != nil {
			h.fail(w, r, err, true, "")
			return
		}
		if !news.ValidSlug(slug) {
			h.fail(w, r, fmt.Errorf("widget: article %q: %w", truncate(slug, 80), news.ErrNotFound), true, "")
			return
		}
		h.serveCached(w, r, k, "api-article", []string{slug}, "", func(ctx context.Context) ([]byte, error) {
			a, err := h.src.ArticleBySlug(ctx, slug)
			if err != nil {
				return nil, err
			}
			c, err := h.catalog(ctx)
			if err != nil {
				return nil, err
			}
			same, err := h.src.SameCategory(ctx, a, h.sameN)
			if err != nil {
				return nil, fmt.Errorf("widget: same category: %w", err)
			}
			rel, err := h.src.Related(ctx, a, h.relatedN)
			if err != nil {
				return nil, fmt.Errorf("widget: related: %w", err)
			}
			prev, next, err := h.src.Adjacent(ctx, a)
			if err != nil {
				return nil, fmt.Errorf("widget: adjacent: %w", err)
			}
			res := response{
				apiArticle:   h.apiArticle(a, c),
				BodyHTML:     news.AbsoluteURLs(a.Body, h.articleURL(a.Slug)),
				SameCategory: h.apiArticles(same, c),
				Related:      make([]related, 0, len(rel)),
			}
			for _, x := range rel {
				if x.Article == nil {
					continue
				}
				res.Related = append(res.Related, related{
					apiArticle: h.apiArticle(x.Article, c), Score: x.Score,
					Why: why{Tags: orEmpty(x.Why.Tags), Words: orEmpty(x.Why.Words), SameCategory: x.Why.SameCategory, Fallback: x.Why.Fallback},
				})
			}
			if prev != nil {
				pa := h.apiArticle(prev, c)
				res.Prev = &pa
			}
			if next != nil {
				na := h.apiArticle(next, c)
				res.Next = &na
			}
			return marshalJSON(res)
		})
	}
}

// handleAPICategories serves GET /api/categories: the category tree.
func (h *Handler) handleAPICategories(k *kind) http.Handler {
	type node struct {
		ID          string  `json:"id"`
		Slug        string  `json:"slug"`
		Name        string  `json:"name"`
		Description string  `json:"description"`
		URL         string  `json:"url"`
		Children    []*node `json:"children"`
	}
	type response struct {
		Categories []*node `json:"categories"`
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, _, err := parseQuery(r.URL.RawQuery, noParams); err != nil {
			h.fail(w, r, err, true, "")
			return
		}
		h.serveCached(w, r, k, "api-categories", nil, "", func(ctx context.Context) ([]byte, error) {
			c, err := h.catalog(ctx)
			if err != nil {
				return nil, err
			}
			var build func(cats []*news.Category) []*node
			build = func(cats []*news.Category) []*node {
				out := make([]*node, 0, len(cats))
				for _, cat := range cats {
					out = append(out, &node{
						ID: cat.ID.String(), Slug: cat.Slug, Name: cat.Name, Description: cat.Description,
						URL: h.categoryURL(cat.Slug), Children: build(c.tree.Children(cat.ID)),
					})
				}
				return out
			}
			return marshalJSON(response{Categories: build(c.tree.Roots())})
		})
	})
}

// handlePreflight answers a CORS preflight for the JSON API: any origin, no
// credentials, GET and HEAD only.
func (h *Handler) handlePreflight() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd["Access-Control-Allow-Origin"] = hAnyOrigin
		hd["Access-Control-Allow-Methods"] = []string{"GET, HEAD, OPTIONS"}
		hd["Access-Control-Allow-Headers"] = []string{"Accept, Accept-Language, If-None-Match, Content-Type"}
		hd["Access-Control-Max-Age"] = []string{"86400"}
		hd["Cross-Origin-Resource-Policy"] = hCrossOrigin
		hd["Vary"] = []string{"Origin, Access-Control-Request-Method, Access-Control-Request-Headers"}
		w.WriteHeader(http.StatusNoContent)
	})
}

// truncate returns s cut to at most n bytes on a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// excludeID returns the ID of the article with the slug (current or old),
// or uuid.Nil when the slug is empty or no public article has it.
func (h *Handler) excludeID(ctx context.Context, slug string) (uuid.UUID, error) {
	if slug == "" {
		return uuid.Nil, nil
	}
	a, err := h.src.ArticleBySlug(ctx, slug)
	if errors.Is(err, news.ErrNotFound) {
		return uuid.Nil, nil
	}
	if err != nil {
		return uuid.Nil, fmt.Errorf("widget: exclude: %w", err)
	}
	return a.ID, nil
}
