package admin

import (
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// An actorHandler serves a request of a signed-in actor; an error it
// returns is the answer (see Handler.fail).
type actorHandler func(w http.ResponseWriter, r *http.Request, a news.Actor) error

// signedIn returns the handler that authenticates a request and serves it
// with f, or answers 401 when nobody is signed in.
func (h *Handler) signedIn(f actorHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, err := h.authenticate(r)
		if err == nil {
			err = f(w, r, a)
		}
		if err != nil {
			h.fail(w, r, err)
		}
	})
}

// errSignIn answers a request that needs a signed-in actor and has none.
var errSignIn = &web.Error{Status: http.StatusUnauthorized, Code: "unauthorized",
	Message: "not signed in: sign in with POST api/session or send Authorization: Bearer <token>"}

// authenticate returns the actor of r: from Options.Authenticate when the
// host set it; otherwise from the API token of "Authorization: Bearer",
// when the header is there (the cookie is then not read), or from the
// session cookie. Every request asks the store, so a session ended on one
// instance is ended on all.
func (h *Handler) authenticate(r *http.Request) (news.Actor, error) {
	ctx, addr := r.Context(), h.clientAddr(r)
	if h.auth != nil {
		a, err := h.auth(r)
		if err != nil {
			return news.Actor{}, err
		}
		if !a.Valid() {
			return news.Actor{}, errSignIn
		}
		if a.Address == "" {
			a.Address = addr
		}
		return a, nil
	}
	if auth, ok := r.Header["Authorization"]; ok {
		scheme, token, _ := strings.Cut(strings.Join(auth, ","), " ")
		if !strings.EqualFold(scheme, "Bearer") || token == "" || len(auth) != 1 {
			return news.Actor{}, &web.Error{Status: http.StatusUnauthorized, Code: "unauthorized", Field: "Authorization",
				Message: "Authorization must be Bearer followed by an API token"}
		}
		a, err := h.nr.AuthenticateToken(ctx, strings.TrimSpace(token), addr)
		return a, signInAgain(err)
	}
	c, err := r.Cookie(h.cookie)
	if err != nil || c.Value == "" {
		return news.Actor{}, errSignIn
	}
	a, err := h.nr.Authenticate(ctx, c.Value, addr)
	return a, signInAgain(err)
}

// signInAgain turns a refused session or token into the one 401 answer;
// other errors (the store's) stay as they are.
func signInAgain(err error) error {
	if errors.Is(err, news.ErrUnauthenticated) {
		return errSignIn
	}
	return err
}

// handleSignIn signs in: POST api/session {"username", "password",
// "code"} opens a session and sets its cookie.
func (h *Handler) handleSignIn() http.Handler {
	type answer struct {
		Actor     *actorJSON `json:"actor"`
		ExpiresAt string     `json:"expires_at"`
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := h.readBody(w, r, "username", "password", "code")
		if err != nil {
			h.fail(w, r, err)
			return
		}
		user, err1 := b.text("username")
		pass, err2 := b.text("password")
		code, err3 := b.text("code")
		if err := firstErr(err1, err2, err3); err != nil {
			h.fail(w, r, err)
			return
		}
		in, err := h.nr.SignIn(r.Context(), news.SignInInput{Username: user, Password: pass, Code: code, Address: h.clientAddr(r)})
		switch {
		case errors.Is(err, news.ErrTOTPRequired), errors.Is(err, news.ErrThrottled):
		case errors.Is(err, news.ErrUnauthenticated):
			err = &web.Error{Status: http.StatusUnauthorized, Code: "unauthorized",
				Message: "wrong username or password, or the account is disabled"}
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if err := h.startSession(w, r, in); err != nil {
			h.fail(w, r, err)
			return
		}
		web.WriteJSON(w, http.StatusCreated, answer{newActorJSON(in.Actor), in.Session.ExpiresAt.UTC().Format(timeFormat)})
	})
}

// startSession sets the cookie of the session just opened. The new
// session replaces the one the browser had, whoever it was: that one is
// ended. The cookie's lifetime is a Max-Age counted from the server's
// clock, so that a reader's device with a wrong clock keeps the session as
// long as the server does.
func (h *Handler) startSession(w http.ResponseWriter, r *http.Request, in *news.SignedIn) error {
	if old, err := r.Cookie(h.cookie); err == nil && old.Value != "" {
		if err := h.nr.SignOut(r.Context(), old.Value, h.clientAddr(r)); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: h.cookie, Value: in.Token, Path: h.cookiePath(r),
		MaxAge: max(1, int(in.Session.ExpiresAt.Sub(h.now()).Seconds())), HttpOnly: true, Secure: h.secure || r.TLS != nil, SameSite: http.SameSiteLaxMode})
	return nil
}

// timeFormat is how answers write times that are not in a struct.
const timeFormat = "2006-01-02T15:04:05Z07:00"

// handleSession says who is signed in: GET api/session.
func (h *Handler) handleSession() http.Handler {
	type answer struct {
		Actor            *actorJSON `json:"actor"`
		ApprovalRequired bool       `json:"approval_required"`
	}
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		web.WriteJSON(w, http.StatusOK, answer{newActorJSON(a), h.nr.ApprovalRequired()})
		return nil
	})
}

// handleSignOut signs out: DELETE api/session ends the session in the
// store, so on every instance, and clears the cookie.
func (h *Handler) handleSignOut() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(h.cookie)
		if err != nil || c.Value == "" {
			h.fail(w, r, errSignIn)
			return
		}
		if err := h.nr.SignOut(r.Context(), c.Value, h.clientAddr(r)); err != nil {
			h.fail(w, r, err)
			return
		}
		h.clearCookie(w, r)
		w.WriteHeader(http.StatusNoContent)
	})
}

// clearCookie tells the browser to drop the session cookie.
func (h *Handler) clearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: h.cookie, Value: "", Path: h.cookiePath(r), MaxAge: -1,
		HttpOnly: true, Secure: h.secure || r.TLS != nil, SameSite: http.SameSiteLaxMode})
}

// handleBeginTOTP offers a new second factor: POST api/session/totp
// answers a secret and its otpauth:// URL for an authenticator app.
func (h *Handler) handleBeginTOTP() http.Handler {
	type answer struct {
		Secret string `json:"secret"`
		URL    string `json:"url"`
	}
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		if _, err := h.readBody(w, r); err != nil {
			return err
		}
		e, err := h.nr.BeginTOTP(r.Context(), a)
		if err != nil {
			return err
		}
		web.WriteJSON(w, http.StatusOK, answer{e.Secret, e.URL})
		return nil
	})
}

// handleEnableTOTP confirms a second factor: PUT api/session/totp
// {"secret", "code"}.
func (h *Handler) handleEnableTOTP() http.Handler {
	return h.signedIn(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		b, err := h.readBody(w, r, "secret", "code")
		if err != nil {
			return err
		}
		secret, err1 := b.text("secret")
		code, err2 := b.text("code")
		if err := firstErr(err1, err2); err != nil {
			return err
		}
		if err := h.nr.EnableTOTP(r.Context(), a, secret, code); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
}

// clientAddr returns the address of the client of r (see
// Options.TrustedProxies).
func (h *Handler) clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !h.trusted(addr) {
		return host
	}
	fwd := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(fwd) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(fwd[i]))
		if err != nil {
			return addr.String()
		}
		a = a.Unmap()
		if !h.trusted(a) {
			return a.String()
		}
		addr = a
	}
	return addr.String()
}

// trusted reports whether addr is one of Options.TrustedProxies.
func (h *Handler) trusted(addr netip.Addr) bool {
	addr = addr.Unmap()
	for _, p := range h.proxies {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
