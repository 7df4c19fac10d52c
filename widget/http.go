package widget

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/orgnews/orgnews/feed"
	"github.com/orgnews/orgnews/news"
)

// Header values shared by every response, as slices so that setting them
// allocates nothing.
var (
	hNosniff     = []string{"nosniff"}
	hHTML        = []string{"text/html; charset=utf-8"}
	hJSON        = []string{"application/json; charset=utf-8"}
	hJS          = []string{"text/javascript; charset=utf-8"}
	hCSS         = []string{"text/css; charset=utf-8"}
	hCrossOrigin = []string{"cross-origin"}
	hAnyOrigin   = []string{"*"}
	hNoStore     = []string{"no-store"}
	hImmutable   = []string{"public, max-age=31536000, immutable"}
	hShort       = []string{"public, max-age=300"}
	hVaryLang    = []string{"Accept-Language"}
	hVaryEnc     = []string{"Accept-Encoding"}
	hGzip        = []string{"gzip"}
	hReferrer    = []string{"strict-origin-when-cross-origin"}
)

// A kind is the family a cached response belongs to; it fixes the headers.
type kind struct {
	json   bool     // errors answered as JSON (API and box) rather than an HTML page
	header []hdr    // headers of a 200 or 304 answer
	ctype  []string // Content-Type
}

type hdr struct {
	key string // canonical header key
	val []string
}

// kinds builds the response families of h.
func (h *Handler) kinds() (page, fragment, embed, api *kind) {
	cc := []string{h.ccache}
	page = &kind{ctype: hHTML, header: []hdr{
		{"Cache-Control", cc}, {"Vary", hVaryLang}, {"Referrer-Policy", hReferrer},
	}}
	fragment = &kind{json: true, ctype: hHTML, header: []hdr{
		{"Cache-Control", cc}, {"Cross-Origin-Resource-Policy", hCrossOrigin},
		{"Access-Control-Allow-Origin", hAnyOrigin},
	}}
	embed = &kind{json: true, ctype: hHTML, header: []hdr{
		{"Cache-Control", cc}, {"Cross-Origin-Resource-Policy", hCrossOrigin},
		{"Content-Security-Policy", []string{h.embCSP}}, {"Referrer-Policy", hReferrer},
	}}
	api = &kind{json: true, ctype: hJSON, header: []hdr{
		{"Cache-Control", cc}, {"Cross-Origin-Resource-Policy", hCrossOrigin},
		{"Access-Control-Allow-Origin", hAnyOrigin},
	}}
	return page, fragment, embed, api
}

// serveCached answers r with the response cached under prefix, the parts
// of key and the news state, rendering it with render on a miss, and with
// 304 Not Modified when the request's If-None-Match holds its ETag. lang
// is the language of an error page. A hit allocates nothing here: the key
// is joined in a buffer on the stack.
func (h *Handler) serveCached(w http.ResponseWriter, r *http.Request, k *kind, prefix string, key []string, lang string, render func(ctx context.Context) ([]byte, error)) {
	ctx := r.Context()
	st, err := h.src.State(ctx)
	if err != nil {
		h.fail(w, r, err, k.json, lang)
		return
	}
	var buf [256]byte
	kb := append(buf[:0], prefix...)
	kb = append(kb, 0)
	for _, part := range key {
		kb = append(kb, part...)
		kb = append(kb, 0)
	}
	kb = append(kb, h.stateKey(st)...)
	e := h.cache.lookup(kb)
	inm := r.Header["If-None-Match"]
	if e == nil {
		full := string(kb)
		if len(inm) > 0 {
			if etag := etagOf(full); etagMatch(inm[0], etag) {
				notModified(w, k, etag)
				return
			}
		}
		// One render serves every request waiting for the key; it runs to
		// the end even if the request that started it goes away.
		rctx := context.WithoutCancel(ctx)
		e, err = h.cache.fill(full, func() ([]byte, error) { return render(rctx) })
		if u, ok := isRedirect(err); ok {
			http.Redirect(w, r, u, http.StatusMovedPermanently)
			return
		}
		if err != nil {
			h.fail(w, r, err, k.json, lang)
			return
		}
	}
	if len(inm) > 0 && etagMatch(inm[0], e.etag) {
		notModified(w, k, e.etag)
		return
	}
	hd := w.Header()
	for _, x := range k.header {
		hd[x.key] = x.val
	}
	hd["Content-Type"] = k.ctype
	hd["Etag"] = e.etagH
	hd["Content-Length"] = e.lengthH
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(e.body)
	}
}

// A keyedState is a news.State and its Key.
type keyedState struct {
	st  news.State
	key string
}

// stateKey returns st.Key(), reusing the last one while the state stands
// still, as it does between writes.
func (h *Handler) stateKey(st news.State) string {
	if k := h.stKey.Load(); k != nil && k.st.Version == st.Version && k.st.Epoch.Equal(st.Epoch) {
		return k.key
	}
	k := &keyedState{st: st, key: st.Key()}
	h.stKey.Store(k)
	return k.key
}

func notModified(w http.ResponseWriter, k *kind, etag string) {
	hd := w.Header()
	for _, x := range k.header {
		hd[x.key] = x.val
	}
	hd["Etag"] = []string{etag}
	w.WriteHeader(http.StatusNotModified)
}

// marshalJSON encodes v as the handler's JSON: HTML-significant characters
// escaped, a final newline. It is the one JSON encoder of the package.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeJSON writes v as JSON with the status, uncached, for errors and
// answers that depend on nothing stored.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := marshalJSON(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"error":{"code":"internal","message":"internal error"}}`+"\n")
	}
	hd := w.Header()
	hd["Content-Type"] = hJSON
	hd["Access-Control-Allow-Origin"] = hAnyOrigin
	hd["Cross-Origin-Resource-Policy"] = hCrossOrigin
	hd["Content-Length"] = contentLength(len(body))
	w.WriteHeader(status)
	w.Write(body)
}

// A problem is an error as the client sees it.
type problem struct {
	Status  int    `json:"-"`
	Code    string `json:"code"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// errorBody is the JSON of an error answer.
type errorBody struct {
	Error problem `json:"error"`
}

// classify maps an error to what the client sees. It is the one place where
// errors become status codes: invalid input is 400 naming the field,
// unknown things 404, and anything else a 500 whose text is logged, never
// sent.
func (h *Handler) classify(r *http.Request, err error) problem {
	var fe *news.FieldError
	var fes news.FieldErrors
	var up *feed.UnknownParamError
	switch {
	case errors.As(err, &up):
		return problem{Status: http.StatusBadRequest, Code: "invalid_parameter", Field: up.Name, Message: up.Error()}
	case errors.As(err, &fe):
		return problem{Status: http.StatusBadRequest, Code: "invalid_parameter", Field: fe.Field, Message: fe.Error()}
	case errors.As(err, &fes) && len(fes) > 0:
		return problem{Status: http.StatusBadRequest, Code: "invalid_parameter", Field: fes[0].Field, Message: fes[0].Error()}
	case errors.Is(err, news.ErrInvalid):
		return problem{Status: http.StatusBadRequest, Code: "invalid_parameter", Message: "invalid parameter"}
	case errors.Is(err, news.ErrNotFound):
		return problem{Status: http.StatusNotFound, Code: "not_found", Message: "not found"}
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		h.log.DebugContext(r.Context(), "widget: request ended early", "method", r.Method, "path", r.URL.Path, "err", err)
		return problem{Status: http.StatusServiceUnavailable, Code: "unavailable", Message: "service unavailable"}
	}
	h.log.ErrorContext(r.Context(), "widget: internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	return problem{Status: http.StatusInternalServerError, Code: "internal", Message: "internal error"}
}

// fail answers r with the error, as JSON or as an HTML page in lang.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error, asJSON bool, lang string) {
	h.writeProblem(w, r, h.classify(r, err), asJSON, lang)
}

// writeProblem writes p as JSON or as an HTML error page in lang.
func (h *Handler) writeProblem(w http.ResponseWriter, r *http.Request, p problem, asJSON bool, lang string) {
	hd := w.Header()
	for _, k := range []string{"Etag", "Cache-Control", "Vary", "Content-Security-Policy"} {
		delete(hd, k)
	}
	hd["Cache-Control"] = hNoStore
	if asJSON {
		writeJSON(w, p.Status, errorBody{p})
		return
	}
	if lang == "" {
		lang = h.requestLang(r)
	}
	body, err := h.tmpl.render("error.html", h.errorPage(lang, p))
	if err != nil {
		h.log.ErrorContext(r.Context(), "widget: error page", "err", err)
		body = []byte(http.StatusText(p.Status) + "\n")
		hd["Content-Type"] = []string{"text/plain; charset=utf-8"}
	} else {
		hd["Content-Type"] = hHTML
	}
	hd["Content-Length"] = contentLength(len(body))
	w.WriteHeader(p.Status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// notFound answers a path no route has: JSON under api/, otherwise a page
// in the request's language.
func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	p := problem{Status: http.StatusNotFound, Code: "not_found", Message: "not found"}
	h.writeProblem(w, r, p, strings.HasPrefix(r.URL.Path, "/api/"), "")
}

// methodNotAllowed answers a known path asked with another method.
func (h *Handler) methodNotAllowed(w http.ResponseWriter, r *http.Request, allow string) {
	w.Header().Set("Allow", allow)
	p := problem{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Message: "method " + r.Method + " not allowed; use " + allow}
	if len(r.Method) > 16 {
		p.Message = "method not allowed; use " + allow
	}
	h.writeProblem(w, r, p, strings.HasPrefix(r.URL.Path, "/api/"), "")
}
