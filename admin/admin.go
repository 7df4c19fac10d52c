package admin

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// Options configures a Handler. The zero value works: a nil *Options means
// every default below.
type Options struct {
	// Authenticate replaces the built-in accounts, for a site with single
	// sign-on: it returns the actor of a request (say, from the host's own
	// session or a header its proxy sets), or an error wrapping
	// news.ErrUnauthenticated when there is none (401; any other error
	// is a 500, logged). The actor's
	// AccountID must name an account of the Newsroom's store, since
	// articles and revisions are owned by accounts. With Authenticate set
	// the handler neither reads session cookies nor Bearer tokens, and
	// POST and DELETE api/session (sign-in and sign-out) and the
	// second-factor routes are not served (405): signing in and out is the
	// host's. An empty Actor.Address is filled with the client address.
	// Default nil: sessions from POST /api/session and API tokens.
	Authenticate func(r *http.Request) (news.Actor, error)
	// CookieName names the session cookie. Default "orgnews_session".
	CookieName string
	// CookiePath is the session cookie's Path: the path the handler is
	// mounted at, such as "/admin/". Default: found from each request, as
	// the part of its path before the handler's own (right for
	// http.StripPrefix), or "/" when they differ.
	CookiePath string
	// SecureCookie marks the session cookie Secure on every request, for
	// a host behind a proxy that ends TLS. Default false: Secure when the
	// request came over TLS (r.TLS != nil).
	SecureCookie bool
	// TrustedProxies lists the addresses of the proxies whose
	// X-Forwarded-For is believed: the client address, used for sign-in
	// throttling and the audit log, is then the last address in
	// X-Forwarded-For that is not a trusted proxy. Default none: the
	// client address is that of r.RemoteAddr.
	TrustedProxies []netip.Prefix
	// TrustedOrigins lists origins ("https://portal.example.gov.vn")
	// allowed to send state-changing requests besides the handler's own
	// (see http.CrossOriginProtection.AddTrustedOrigin). Default none. An
	// origin that does not parse makes New panic.
	TrustedOrigins []string
	// MaxBodyBytes limits the size of a request body; a larger one is
	// refused with 413. Default 4 MiB: an article's body may hold 1 MiB
	// of HTML, which JSON escaping can make several times longer.
	MaxBodyBytes int64
	// Now is the clock of Retry-After answers; give it the Newsroom's.
	// Default time.Now.
	Now func() time.Time
	// Location is the site's time zone: the pages show times in it and
	// read the times typed into them in it. Default Asia/Ho_Chi_Minh.
	Location *time.Location
	// Preview renders a draft as readers would see it, for the editor's
	// preview page: the whole HTML document of the article page, in the
	// language lang ("vi" or "en"), such as the news section's
	// (*widget.Handler).Preview makes with its article template. The page adds a "bản xem trước / preview" band and serves it
	// only to signed-in staff, never cached. An error is a 500, logged.
	// Default nil: the editor offers no preview and the route is 404.
	Preview func(ctx context.Context, a *news.Article, lang string) ([]byte, error)
	// Logger receives errors that become 500 responses, never a password,
	// a token or a request body. Default slog.Default().
	Logger *slog.Logger
	// Media is the media library that api/media speaks for: uploads of
	// photos and files, the library, deletions (see
	// news.NewMediaLibrary). Its files are served to readers by
	// [MediaHandler], mounted by the host. Default nil: api/media is not
	// served (404).
	Media *news.MediaLibrary
	// MaxUploadFiles is how many files one POST api/media may carry; the
	// body may hold that many of the library's MaxBytes. Default
	// DefaultMaxUploadFiles (20).
	MaxUploadFiles int
}

// Defaults of Options.
const (
	DefaultCookieName   = "orgnews_session"
	DefaultMaxBodyBytes = 4 << 20
)

// A Handler serves the newsroom's JSON API under /api/ of its mount point,
// and its pages at the other paths (see the package documentation).
// Every answer but the pages' hashed assets is Cache-Control: no-store
// and varies by Cookie and Authorization; every state-changing request passes
// http.CrossOriginProtection. A Handler is safe for concurrent use.
type Handler struct {
	nr      *news.Newsroom
	auth    func(*http.Request) (news.Actor, error)
	cookie  string
	path    string
	secure  bool
	proxies []netip.Prefix
	csrf    *http.CrossOriginProtection
	maxBody int64
	now     func() time.Time
	log     *slog.Logger
	mux     *http.ServeMux
	loc     *time.Location
	preview func(context.Context, *news.Article, string) ([]byte, error)
	pages   map[string]*template.Template
	assets  *assets

	media    *news.MediaLibrary // nil when api/media is not served
	maxFiles int
}

var _ http.Handler = (*Handler)(nil)

// New returns a Handler speaking for nr. opts may be nil. It panics when
// an option is malformed (an origin of TrustedOrigins, a CookiePath not
// starting with "/"), as a program's wiring error.
func New(nr *news.Newsroom, opts *Options) *Handler {
	var o Options
	if opts != nil {
		o = *opts
	}
	h := &Handler{nr: nr, auth: o.Authenticate, cookie: o.CookieName, path: o.CookiePath,
		secure: o.SecureCookie, proxies: o.TrustedProxies, maxBody: o.MaxBodyBytes, now: o.Now, log: o.Logger,
		loc: o.Location, preview: o.Preview, pages: parsePages(), assets: newAssets()}
	if h.loc == nil {
		h.loc = siteTime()
	}
	if h.cookie == "" {
		h.cookie = DefaultCookieName
	}
	if h.path != "" && !strings.HasPrefix(h.path, "/") {
		panic("admin: CookiePath " + h.path + " does not start with /")
	}
	if h.maxBody <= 0 {
		h.maxBody = DefaultMaxBodyBytes
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.log == nil {
		h.log = slog.Default()
	}
	h.media, h.maxFiles = o.Media, o.MaxUploadFiles
	if h.maxFiles <= 0 {
		h.maxFiles = DefaultMaxUploadFiles
	}
	h.csrf = http.NewCrossOriginProtection()
	for _, origin := range o.TrustedOrigins {
		if err := h.csrf.AddTrustedOrigin(origin); err != nil {
			panic("admin: TrustedOrigins: " + err.Error())
		}
	}
	h.mux = http.NewServeMux()
	h.routes()
	return h
}

// ServeHTTP serves r. Paths are relative to the mount point: mount the
// handler with http.StripPrefix (in chi too: r.Mount("/admin",
// http.StripPrefix("/admin", h))).
//
// Nothing it answers is cached (Cache-Control: no-store) and every answer
// varies by Cookie and Authorization, except the pages' stylesheet and
// scripts under assets/, whose names hold a hash of their content. A request with a method other than
// GET, HEAD or OPTIONS from another origin (Sec-Fetch-Site or Origin, as
// http.CrossOriginProtection decides) is refused with 403 before any
// route sees it, whether it carries a session cookie or a Bearer token.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Cache-Control", "no-store")
	hd.Set("Vary", "Cookie, Authorization")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "same-origin")
	if p := r.URL.Path; p == "" || p[0] != '/' {
		h.fail(w, r, errNotFound)
		return
	}
	if err := h.csrf.Check(r); err != nil {
		h.fail(w, r, &web.Error{Status: http.StatusForbidden, Code: "forbidden",
			Message: "cross-origin request refused: send state-changing requests from the site itself"})
		return
	}
	h.mux.ServeHTTP(w, r)
}

// errNotFound answers a path with no route.
var errNotFound = &web.Error{Status: http.StatusNotFound, Code: "not_found", Message: "not found"}

// fail answers r with err: a *news.StaleError as 409 with the article's
// current revision and the number of the one that keeps the rejected
// change, a *news.ThrottledError as 429 with Retry-After, anything else as
// web.Classify maps it (web.ClassifyBody for requests with a body, so
// that invalid fields are 422); a 401 says WWW-Authenticate: Bearer.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	var th *news.ThrottledError
	if errors.As(err, &th) {
		w.Header().Set("Retry-After", retryAfter(th.RetryAfter(h.now())))
	}
	var se *news.StaleError
	if errors.As(err, &se) && se.Current != nil {
		w.Header().Set("ETag", revisionTag(se.Current.Number))
		web.WriteJSON(w, http.StatusConflict, struct {
			Error   *web.Error    `json:"error"`
			Current *revisionJSON `json:"current"`
			Kept    int           `json:"kept,omitempty"`
		}{web.Classify(err), newRevisionJSON(se.Current), se.Kept})
		return
	}
	e := web.Classify(err)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		e = web.ClassifyBody(err)
	}
	if e.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="orgnews"`)
	}
	web.Fail(w, r, h.log, e)
}

// retryAfter formats d as whole seconds, rounded up, for Retry-After.
func retryAfter(d time.Duration) string {
	s := int64((d + time.Second - 1) / time.Second)
	return itoa(max(s, 1))
}

// cookiePath returns the Path of the session cookie for r (see
// Options.CookiePath): the request's path before the handler's path.
func (h *Handler) cookiePath(r *http.Request) string {
	if h.path != "" {
		return h.path
	}
	full := r.URL.EscapedPath()
	if u, err := url.ParseRequestURI(r.RequestURI); err == nil {
		full = u.EscapedPath()
	}
	rel := r.URL.EscapedPath()
	if prefix, ok := strings.CutSuffix(full, rel); ok && (prefix == "" || strings.HasPrefix(prefix, "/")) {
		return prefix + "/"
	}
	return "/"
}
