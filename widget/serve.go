package widget

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

const (
	ctHTML = "text/html; charset=utf-8"
	ctJSON = "application/json; charset=utf-8"
)

// A kind is the family of a cached answer: its content type, the fixed
// headers of its 200 and 304 answers, and whether its errors are an HTML
// page (the news pages) or JSON (the API and the box).
type kind struct {
	ctype  string
	header http.Header
	html   bool
}

// kinds makes the handler's answer families.
func (h *Handler) kinds() {
	cc := web.CacheControl(h.maxAge)
	open := http.Header{"Cache-Control": {cc}, "Cross-Origin-Resource-Policy": {"cross-origin"}, "Access-Control-Allow-Origin": {"*"}}
	h.page = &kind{ctype: ctHTML, html: true, header: http.Header{
		"Cache-Control": {cc}, "Referrer-Policy": {"strict-origin-when-cross-origin"},
		"Content-Security-Policy": {h.csp},
	}}
	if h.accept {
		h.page.header.Set("Vary", "Accept-Language")
	}
	h.fragment = &kind{ctype: ctHTML, header: open}
	h.api = &kind{ctype: ctJSON, header: open}
	h.embed = &kind{ctype: ctHTML, header: http.Header{
		"Cache-Control": {cc}, "Cross-Origin-Resource-Policy": {"cross-origin"},
		"Content-Security-Policy": {h.embedCSP()}, "Referrer-Policy": {"strict-origin-when-cross-origin"},
	}}
}

// A redirect is returned by a render function to answer 301 Moved
// Permanently instead, as for an article's old slug. Like every error, it
// is not cached.
type redirect struct{ url string }

func (r *redirect) Error() string { return "moved to " + r.url }

// cached returns the answer of kind k under key, the route and everything
// else its bytes depend on, rendering it with render on a miss. It adds
// the public state and the handler's fingerprint to the key.
func (h *Handler) cached(ctx context.Context, k *kind, render func(ctx context.Context) ([]byte, error), key ...string) (*web.Response, error) {
	st, err := h.src.State(ctx)
	if err != nil {
		return nil, fmt.Errorf("widget: state: %w", err)
	}
	return h.cache.Get(ctx, web.Key(append(key, st.Key(), h.fp)...), func(ctx context.Context) (*web.Response, error) {
		body, err := render(ctx)
		if err != nil {
			return nil, err
		}
		return h.cache.Response(body, k.ctype, k.header), nil
	})
}

// serve answers r with the cached answer (see cached), 301 when render
// asks for a redirect, or the error in lang ("" for the request's).
func (h *Handler) serve(w http.ResponseWriter, r *http.Request, k *kind, lang string, render func(ctx context.Context) ([]byte, error), key ...string) {
	resp, err := h.cached(r.Context(), k, render, key...)
	var rd *redirect
	switch {
	case errors.As(err, &rd):
		http.Redirect(w, r, rd.url, http.StatusMovedPermanently)
	case err != nil:
		h.fail(w, r, k, lang, err)
	default:
		web.Serve(w, r, resp)
	}
}

// fail answers r with err as web.Classify maps it: JSON, open to every
// origin, for the API and the box; an HTML error page in lang ("" for the
// request's language) for pages. A 500's error is logged, never shown. A
// search refused because too many run answers 503 with Retry-After.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, k *kind, lang string, err error) {
	if errors.Is(err, errSearchBusy) {
		w.Header().Set("Retry-After", retryAfter)
	}
	if !k.html {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Cross-Origin-Resource-Policy", "cross-origin")
		web.Fail(w, r, h.log, err)
		return
	}
	e := web.Classify(err)
	if e.Status == http.StatusInternalServerError {
		h.log.ErrorContext(r.Context(), "widget: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if lang == "" {
		lang = h.requestLang(r)
	}
	hd := w.Header()
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", h.csp)
	hd.Set("Content-Type", ctHTML)
	body, err := h.renderPage("error.html", h.errorPage(lang, e))
	if err != nil {
		h.log.ErrorContext(r.Context(), "widget: error page", "err", err)
		body = []byte(http.StatusText(e.Status) + "\n")
		hd.Set("Content-Type", "text/plain; charset=utf-8")
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(e.Status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body) // an error means the client went away
	}
}

// kindOf returns the kind of the answers to a path no route takes: JSON
// under api/, a page elsewhere.
func (h *Handler) kindOf(r *http.Request) *kind {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		return h.api
	}
	return h.page
}

// notFound answers a path no route has.
func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.fail(w, r, h.kindOf(r), "", news.ErrNotFound)
}

// catchAll is the pattern of the requests no route takes.
const catchAll = "/"

// unrouted answers a request no route takes: 405 with Allow when its path
// has routes for other methods, 301 when it is an old URL of a public
// article (see movedFrom), 404 otherwise.
func (h *Handler) unrouted(w http.ResponseWriter, r *http.Request) {
	err := news.ErrNotFound
	if allow := h.allowed(r); allow != "" {
		w.Header().Set("Allow", allow)
		err = &web.Error{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Message: "method not allowed; use " + allow}
	} else if h.movedFrom(w, r) {
		return
	}
	h.fail(w, r, h.kindOf(r), "", err)
}
