package widget

import (
	"net/http"
	"strings"

	"github.com/orgnews/orgnews/feed"
)

// routes registers every route of the handler, relative to its mount
// point. GET routes answer HEAD too; the catch-all "/" answers 405 with
// Allow to other methods on a known path, and 404 to any other path.
func (h *Handler) routes() {
	page, fragment, embed, api := h.kinds()

	// The news section.
	h.handle("GET /{$}", h.handleIndex(page))
	h.handleTail("/categories/", "slug", h.handleCategory(page))
	h.handleTail("/tags/", "tag", h.handleTag(page))
	h.handle("GET /search", h.handleSearch(page))
	h.handleTail("/articles/", "slug", h.handleArticle(page))

	// Feeds, from package feed.
	for _, f := range feed.Formats {
		h.handle("GET /feed."+string(f), h.handleFeed(f))
		h.handle("GET /categories/{slug}/feed."+string(f), h.handleFeed(f))
		h.handle("GET /tags/{tag}/feed."+string(f), h.handleFeed(f))
	}

	// The JSON API, open to every origin.
	h.handle("GET /api/articles", h.handleAPIArticles(api))
	h.handleTail("/api/articles/", "slug", h.handleAPIArticle(api))
	h.handle("GET /api/categories", h.handleAPICategories(api))
	h.handle("GET /api/box", h.handleAPIBox(api))
	h.handle("OPTIONS /api/articles", h.handlePreflight())
	h.handle("OPTIONS /api/articles/{slug}", h.handlePreflight())
	h.handle("OPTIONS /api/categories", h.handlePreflight())
	h.handle("OPTIONS /api/box", h.handlePreflight())

	// The embeddable box, three ways, and its assets.
	h.handle("GET /widget.js", h.assets.widgetJS)
	h.handle("GET /embed", h.handleBox(embed, "embed.html"))
	h.handle("GET /embed-parent.js", h.assets.parentJS)
	h.handle("GET /fragment", h.handleBox(fragment, "fragment.html"))
	h.handleTail("/assets/", "file", h.handleAsset())

	h.handle(catchAll, http.HandlerFunc(h.unrouted))
}

// handle registers the handler for the pattern. A GET route whose path
// has no wildcard is also kept in h.exact, where ServeHTTP finds it with
// one map lookup when the path has no escaped character: the routes of the
// box and the API, which hosts request on every page view. Go's ServeMux
// would choose the same handler, since a literal path is the most
// specific pattern there is for it.
func (h *Handler) handle(pattern string, x http.Handler) {
	h.mux.Handle(pattern, x)
	if path, ok := strings.CutPrefix(pattern, "GET "); ok && !strings.Contains(path, "{") && !strings.HasSuffix(path, "/") {
		h.exact[path] = x
	}
}

// A tailHandler serves a route whose last path segment is a wildcard, such
// as GET /articles/{slug}, given the segment's value.
type tailHandler func(w http.ResponseWriter, r *http.Request, value string)

// handleTail registers t for the pattern "GET " + prefix + "{name}", where
// prefix ends in a slash. ServeMux routes to it with the wildcard's value;
// ServeHTTP finds it first, with one map lookup by the prefix, when the
// path has no escaped character and nothing after the segment: the
// article pages readers open from every list. No other route matches such
// a path, since every other route under these prefixes has a further
// segment.
func (h *Handler) handleTail(prefix, name string, t tailHandler) {
	h.mux.HandleFunc("GET "+prefix+"{"+name+"}", func(w http.ResponseWriter, r *http.Request) {
		t(w, r, r.PathValue(name))
	})
	h.tails[prefix] = t
}

// catchAll is the pattern of the requests no route takes.
const catchAll = "/"

// unrouted answers a request no route takes: 405 when its path has routes
// for other methods, 404 otherwise.
func (h *Handler) unrouted(w http.ResponseWriter, r *http.Request) {
	if allow := h.allowed(r); allow != "" {
		h.methodNotAllowed(w, r, allow)
		return
	}
	h.notFound(w, r)
}

// handleAsset serves a static file under its content-hashed name.
func (h *Handler) handleAsset() tailHandler {
	return func(w http.ResponseWriter, r *http.Request, file string) {
		a := h.assets.hashed[file]
		if a == nil {
			h.notFound(w, r)
			return
		}
		a.ServeHTTP(w, r)
	}
}
