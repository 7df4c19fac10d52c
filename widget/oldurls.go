package widget

import (
	"errors"
	"net/http"
	"net/url"
	"slices"

	"github.com/orgnews/orgnews/news"
)

// movedFrom answers 301 to the page of the public article one of whose
// old URLs (news.Article.OldURLs) is r's path and query, for GET and
// HEAD, and reports whether it answered: a lookup that finds nothing
// answers nothing; one that fails answers the error. The path is r's as
// it reaches the handler: below the mount point in the news section, the
// whole path at the host's root (see Redirects). The lookup is one store
// read, not cached: it is made only for requests that would otherwise be
// a 404 or carry parameters the page ignores.
func (h *Handler) movedFrom(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	raw := r.URL.EscapedPath()
	if r.URL.RawQuery != "" {
		raw += "?" + r.URL.RawQuery
	}
	a, err := h.src.ArticleByOldURL(r.Context(), raw)
	switch {
	case errors.Is(err, news.ErrNotFound):
		return false
	case err != nil:
		h.fail(w, r, h.kindOf(r), "", err)
		return true
	}
	http.Redirect(w, r, h.articleURL(a.Slug), http.StatusMovedPermanently)
	return true
}

// unknownParams reports whether the raw query holds a parameter whose name
// is not one of known, such as WordPress's "p" in "/?p=123".
func unknownParams(rawQuery string, known []string) bool {
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return true
	}
	for name := range q {
		if !slices.Contains(known, name) {
			return true
		}
	}
	return false
}

// RedirectOptions configures Redirects. The zero value works: a nil
// *RedirectOptions means every default below.
type RedirectOptions struct {
	// Fallback answers every request that is not for an old URL of a
	// public article: the host's own 404 page when Redirects is mounted at
	// the root of its router, or the page the route it wraps answers
	// (its home page, for "GET /{$}", so that "/?p=123" moves and "/"
	// stays). Default: http.NotFound.
	Fallback http.Handler
}

// Redirects returns a handler for the host's site, outside the news
// section, that answers a GET or HEAD request whose path and query are an
// old URL of a public article (news.Article.OldURLs, from the site the
// article came from: "/tin-tuc/dai-hoi-chi-bo-123.html", "/?p=123") with
// 301 Moved Permanently to the article's page under the mount point, and
// hands every other request to opts.Fallback. Mount it where the host's
// router answers 404, such as the pattern "/" of an http.ServeMux; see the
// package documentation. A draft, scheduled or archived article's old URL
// is not found. Within the news section the Handler itself moves old URLs
// that no route takes. The handler is safe for concurrent use.
func (h *Handler) Redirects(opts *RedirectOptions) http.Handler {
	var o RedirectOptions
	if opts != nil {
		o = *opts
	}
	fallback := o.Fallback
	if fallback == nil {
		fallback = http.NotFoundHandler()
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !h.movedFrom(w, r) {
			fallback.ServeHTTP(w, r)
		}
	})
}
