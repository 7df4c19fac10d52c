package widget

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/internal/web"
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
	// TitleHTML and ExcerptHTML are, in the results of a search, the title
	// and an excerpt around the match as HTML, escaped, the matching
	// words in <mark>; absent elsewhere.
	TitleHTML   string `json:"title_html,omitempty"`
	ExcerptHTML string `json:"excerpt_html,omitempty"`
}

// apiCategory is the category of an article.
type apiCategory struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// apiCover is an article's cover photo. Width, Height and Srcset are set
// when they are known: from the cover itself, or from Options.Media for a
// photo of the library.
type apiCover struct {
	URL     string `json:"url"`
	Alt     string `json:"alt"`
	Caption string `json:"caption"`
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
	Srcset  string `json:"srcset,omitempty"`
}

// apiArticle returns the JSON of an article in a list, with the variants
// of its cover that f finds.
func (h *Handler) apiArticle(a *news.Article, c *news.CategoryTree, f *photoFinder) apiArticle {
	out := apiArticle{
		ID: a.ID.String(), Slug: a.Slug, Title: a.Title, Summary: a.Summary,
		URL: h.articleURL(a.Slug), Tags: append([]string{}, a.Tags...), Author: a.Author, Lang: a.Lang,
		PublishedAt: a.PublishAt.In(h.loc).Format(time.RFC3339),
		UpdatedAt:   a.UpdatedAt.In(h.loc).Format(time.RFC3339),
	}
	if cat := c.Category(a.CategoryID); cat != nil {
		out.Category = &apiCategory{Slug: cat.Slug, Name: cat.Name}
	}
	if a.Cover != nil {
		if u := h.resolve(a.Cover.URL); u != "" {
			out.Cover = &apiCover{URL: u, Alt: a.Cover.Alt, Caption: a.Cover.Caption, Width: a.Cover.Width, Height: a.Cover.Height}
			if m := f.photo(a.Cover.URL); m != nil {
				out.Cover.Srcset = f.srcset(m, h.resolve)
				if out.Cover.Width <= 0 || out.Cover.Height <= 0 {
					out.Cover.Width, out.Cover.Height = m.Width, m.Height
				}
			}
		}
	}
	return out
}

func (h *Handler) apiArticles(as []*news.Article, c *news.CategoryTree, f *photoFinder) []apiArticle {
	out := make([]apiArticle, 0, len(as))
	for _, a := range as {
		out = append(out, h.apiArticle(a, c, f))
	}
	return out
}

// marshalJSON encodes v as web.WriteJSON does (HTML-significant characters
// escaped, a final newline), for the answers that are cached.
func marshalJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// apiRequest parses the query of an API or box request accepting the
// parameters accepted with parse; on an error it answers 400 and returns
// false.
func apiRequest[T any](h *Handler, w http.ResponseWriter, r *http.Request, parse func(web.Query) (T, error), accepted ...string) (T, bool) {
	q, err := web.ParseQuery(r.URL.RawQuery, accepted...)
	var p T
	if err == nil {
		p, err = parse(q)
	}
	if err != nil {
		h.fail(w, r, h.api, "", err)
	}
	return p, err == nil
}

// articles returns the page of articles q asks for, taking a turn of the
// search gate when q is a search; a search without a word to look for is
// an empty page.
func (h *Handler) articles(ctx context.Context, q news.Query) (page *news.Page, err error) {
	if q.Text == "" {
		return h.src.Articles(ctx, q)
	}
	if !searchable(q.Text) {
		return &news.Page{}, nil
	}
	err = h.search.do(ctx, func() error {
		page, err = h.src.Articles(ctx, q)
		return err
	})
	return page, err
}

// handleAPIArticles serves GET /api/articles?category=&tag=&q=&lang=&limit=&cursor=&exclude=.
func (h *Handler) handleAPIArticles() http.Handler {
	type response struct {
		Articles   []apiArticle `json:"articles"`
		NextCursor *string      `json:"next_cursor"`
		// Total, TotalCapped and Sort are set for a search (q) only.
		Total       *int   `json:"total,omitempty"`
		TotalCapped *bool  `json:"total_capped,omitempty"`
		Sort        string `json:"sort,omitempty"`
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := apiRequest(h, w, r, apiListParams, apiListNames...)
		if !ok {
			return
		}
		h.serve(w, r, h.api, "", func(ctx context.Context) ([]byte, error) {
			c, err := h.categories(ctx)
			if err != nil {
				return nil, err
			}
			q := news.Query{Tag: p.tag, Text: p.text, Lang: p.lang, Limit: p.limit, Cursor: p.cursor, Sort: searchSort(p.sort)}
			if p.category != "" {
				cat := cmp.Or(c.BySlug(p.category), c.ByAlias(p.category))
				if cat == nil {
					return nil, &news.FieldError{Field: "category", Rule: fmt.Sprintf("no category %q", p.category)}
				}
				q.CategoryID = cat.ID
			}
			if q.Exclude, err = h.excludeID(ctx, p.exclude); err != nil {
				return nil, err
			}
			page, err := h.articles(ctx, q)
			if err != nil {
				return nil, err
			}
			f := h.photos(ctx)
			res := response{Articles: h.apiArticles(page.Articles, c, f)}
			if p.text != "" {
				res.Total, res.TotalCapped, res.Sort = &page.Total, &page.TotalCapped, cmp.Or(p.sort, "relevance")
				s := parseSearch(p.text)
				for i, a := range page.Articles {
					res.Articles[i].TitleHTML = segmentsHTML(news.Highlight(s, a.Title, titleWidth))
					res.Articles[i].ExcerptHTML = segmentsHTML(excerpt(s, a))
				}
			}
			if f.err != nil {
				return nil, f.err
			}
			if page.Next != "" {
				res.NextCursor = &page.Next
			}
			return marshalJSON(res)
		}, "api-articles", p.category, p.tag, p.text, p.lang, p.cursor, p.exclude, strconv.Itoa(p.limit))
	})
}

// handleAPIArticle serves GET /api/articles/{slug}: an article with its
// body and its context (see articleContext). An old slug answers the
// article under its current slug.
func (h *Handler) handleAPIArticle() http.Handler {
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
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		slug, ok := apiRequest(h, w, r, func(web.Query) (string, error) { return articleSlug(r) })
		if !ok {
			return
		}
		h.serve(w, r, h.api, "", func(ctx context.Context) ([]byte, error) {
			a, err := h.src.ArticleBySlug(ctx, slug)
			if err != nil {
				return nil, err
			}
			ac, err := h.articleContext(ctx, a)
			if err != nil {
				return nil, err
			}
			f := h.photos(ctx)
			view := func(a *news.Article) apiArticle { return h.apiArticle(a, ac.tree, f) }
			res := response{
				apiArticle:   h.apiArticle(a, ac.tree, f),
				BodyHTML:     news.AbsoluteURLs(a.Body, h.articleURL(a.Slug)),
				SameCategory: h.apiArticles(ac.same, ac.tree, f),
				Related:      make([]related, 0, len(ac.related)),
				Prev:         optional(ac.prev, view),
				Next:         optional(ac.next, view),
			}
			for _, x := range ac.related {
				res.Related = append(res.Related, related{
					apiArticle: h.apiArticle(x.Article, ac.tree, f), Score: x.Score,
					Why: why{Tags: append([]string{}, x.Why.Tags...), Words: append([]string{}, x.Why.Words...), SameCategory: x.Why.SameCategory, Fallback: x.Why.Fallback},
				})
			}
			if f.err != nil {
				return nil, f.err
			}
			return marshalJSON(res)
		}, "api-article", slug)
	})
}

// articleSlug returns the {slug} of r's route, or a not-found error when
// it cannot be a slug.
func articleSlug(r *http.Request) (string, error) {
	slug := r.PathValue("slug")
	if !news.ValidSlug(slug) {
		return "", fmt.Errorf("widget: article %.80q: %w", slug, news.ErrNotFound)
	}
	return slug, nil
}

// handleAPICategories serves GET /api/categories: the category tree.
func (h *Handler) handleAPICategories() http.Handler {
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
		if _, ok := apiRequest(h, w, r, func(q web.Query) (web.Query, error) { return q, nil }); !ok {
			return
		}
		h.serve(w, r, h.api, "", func(ctx context.Context) ([]byte, error) {
			c, err := h.categories(ctx)
			if err != nil {
				return nil, err
			}
			var build func(cats []*news.Category) []*node
			build = func(cats []*news.Category) []*node {
				out := make([]*node, 0, len(cats))
				for _, cat := range cats {
					out = append(out, &node{
						ID: cat.ID.String(), Slug: cat.Slug, Name: cat.Name, Description: cat.Description,
						URL: h.categoryURL(cat.Slug), Children: build(c.Children(cat.ID)),
					})
				}
				return out
			}
			return marshalJSON(response{Categories: build(c.Roots())})
		}, "api-categories")
	})
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
