package widget

import (
	"net/http"

	"github.com/orgnews/orgnews/feed"
	"github.com/orgnews/orgnews/internal/web"
)

// routes registers every route of the handler, relative to its mount
// point. GET routes answer HEAD too; the catch-all answers 405 with Allow
// to other methods on a known path, and 404 to any other path.
func (h *Handler) routes() {
	// The news section.
	h.mux.Handle("GET /{$}", h.handleIndex())
	h.mux.Handle("GET /categories/{slug}", h.handleCategory())
	h.mux.Handle("GET /tags/{tag}", h.handleTag())
	h.mux.Handle("GET /search", h.handleSearch())
	h.mux.Handle("GET /articles/{slug}", h.handleArticle())

	// Feeds, from package feed.
	for _, f := range feed.Formats {
		h.mux.Handle("GET /feed."+string(f), h.handleFeed(f))
		h.mux.Handle("GET /categories/{slug}/feed."+string(f), h.handleFeed(f))
		h.mux.Handle("GET /tags/{tag}/feed."+string(f), h.handleFeed(f))
	}

	// The JSON API, open to every origin.
	h.mux.Handle("GET /api/articles", h.handleAPIArticles())
	h.mux.Handle("GET /api/articles/{slug}", h.handleAPIArticle())
	h.mux.Handle("GET /api/categories", h.handleAPICategories())
	h.mux.Handle("GET /api/box", h.handleAPIBox())
	for _, p := range []string{"/api/articles", "/api/articles/{slug}", "/api/categories", "/api/box"} {
		h.mux.Handle("OPTIONS "+p, handlePreflight())
	}

	// The embeddable box, three ways, and its assets.
	h.mux.Handle("GET /widget.js", h.assets.widgetJS)
	h.mux.Handle("GET /embed", h.handleBox(h.embed, "embed.html"))
	h.mux.Handle("GET /embed-parent.js", h.assets.parentJS)
	h.mux.Handle("GET /fragment", h.handleBox(h.fragment, "fragment.html"))
	h.mux.Handle("GET /assets/{file}", h.handleAsset())

	h.mux.HandleFunc(catchAll, h.unrouted)
}

// handleAsset serves a static file under its content-hashed name.
func (h *Handler) handleAsset() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := h.assets.hashed[r.PathValue("file")]
		if a == nil {
			h.notFound(w, r)
			return
		}
		web.Serve(w, r, a)
	})
}

// handlePreflight answers a CORS preflight for the JSON API.
func handlePreflight() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Cross-Origin-Resource-Policy", "cross-origin")
		web.Preflight(w)
	})
}
