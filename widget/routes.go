package widget

import (
	"net/http"

	"github.com/orgnews/orgnews/feed"
)

// routes registers every route of the handler, relative to its mount
// point. GET routes answer HEAD too; other methods get 405 with Allow.
func (h *Handler) routes() {
	page, fragment, embed, api := h.kinds()
	m := h.mux

	// The news section.
	m.Handle("GET /{$}", h.handleIndex(page))
	m.Handle("GET /categories/{slug}", h.handleCategory(page))
	m.Handle("GET /tags/{tag}", h.handleTag(page))
	m.Handle("GET /search", h.handleSearch(page))
	m.Handle("GET /articles/{slug}", h.handleArticle(page))

	// Feeds, from package feed.
	for _, f := range feed.Formats {
		m.Handle("GET /feed."+string(f), h.handleFeed(f))
		m.Handle("GET /categories/{slug}/feed."+string(f), h.handleFeed(f))
		m.Handle("GET /tags/{tag}/feed."+string(f), h.handleFeed(f))
	}

	// The JSON API, open to every origin.
	m.Handle("GET /api/articles", h.handleAPIArticles(api))
	m.Handle("GET /api/articles/{slug}", h.handleAPIArticle(api))
	m.Handle("GET /api/categories", h.handleAPICategories(api))
	m.Handle("OPTIONS /api/articles", h.handlePreflight())
	m.Handle("OPTIONS /api/articles/{slug}", h.handlePreflight())
	m.Handle("OPTIONS /api/categories", h.handlePreflight())

	// The embeddable box, three ways, and its assets.
	m.Handle("GET /widget.js", h.assets.widgetJS)
	m.Handle("GET /embed", h.handleBox(embed, "embed.html"))
	m.Handle("GET /embed-parent.js", h.assets.parentJS)
	m.Handle("GET /fragment", h.handleBox(fragment, "fragment.html"))
	m.Handle("GET /assets/{file}", h.handleAsset())
}

// handleAsset serves a static file under its content-hashed name.
func (h *Handler) handleAsset() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := h.assets.hashed[r.PathValue("file")]
		if a == nil {
			h.notFound(w, r)
			return
		}
		a.ServeHTTP(w, r)
	})
}
