package admin

import (
	"bytes"
	"cmp"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// pageCSP is the Content-Security-Policy of every page: only the
// handler's own scripts and stylesheets (no inline script, style or
// event attribute), forms posting to the site itself, never framed, and
// Trusted Types for the DOM sinks scripts use, with two policy names:
// orgnews-editor for the rich-text editor's bundle and orgnews-admin for
// the pages' own scripts. img-src allows https: images, since cover
// photos and pasted images may live on another host of the department.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; " +
	"require-trusted-types-for 'script'; trusted-types orgnews-editor orgnews-admin"

//go:embed templates
var templateFS embed.FS

// pageNames are the templates of the pages, each parsed with layout.html
// into a set of its own.
var pageNames = []string{"sign-in", "password", "totp", "error", "dashboard", "articles", "editor", "revisions", "diff",
	"categories", "accounts", "tokens", "audit", "media"}

// parsePages parses every page's template set.
func parsePages() map[string]*template.Template {
	out := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		out[name] = template.Must(template.New(name+".html").Funcs(pageFuncs).
			ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
	}
	return out
}

// pageFuncs are the helpers of the page templates.
var pageFuncs = template.FuncMap{
	"join": strings.Join,
	"add":  func(a, b int) int { return a + b },
	"size": sizeText,
}

// A view is what every page template is given.
type view struct {
	L     *locale
	Base  string      // the mount path, ending in "/": links are Base + path
	Actor *news.Actor // nil on the sign-in page
	Page  string      // the page's name, for the navigation's aria-current
	Title string
	Flash string // what the last step did, such as "Đã lưu."
	Error string // why the step was refused, in the domain's words
	Field string // the field the error is about, when there is one
	// OwnSignIn is set when the handler signs people in and out itself
	// (no Options.Authenticate): the pages then link to sign-out, the
	// password and the second factor.
	OwnSignIn bool
	Media     bool     // whether the handler has a media library: the navigation links to it
	CSS       string   // the pages' stylesheet
	Styles    []string // the page's other stylesheets
	Scripts   []string
	Data      any
}

// newView returns the view of a page for r.
func (h *Handler) newView(r *http.Request, a *news.Actor, name, title string, data any) *view {
	l := h.locale(r)
	v := &view{L: l, Base: h.cookiePath(r), Actor: a, Page: name, Title: l.T(title), Data: data, OwnSignIn: h.auth == nil,
		Media: h.media != nil}
	v.CSS, _ = h.assets.url("admin.css")
	if done := r.URL.Query().Get("done"); done != "" {
		v.Flash = l.done(done)
	}
	return v
}

// script adds the page script name (a file of static/) to v.
func (h *Handler) script(v *view, name string) {
	if u, ok := h.assets.url(name); ok {
		v.Scripts = append(v.Scripts, u)
	}
}

// render writes the page name with the status. A page that fails to
// render is a 500, logged.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, v *view) {
	var buf bytes.Buffer
	if err := h.pages[name].ExecuteTemplate(&buf, "layout", v); err != nil {
		h.log.Error("admin: rendering a page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	setPageHeaders(w)
	h.rememberLang(w, r)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes()) // an error means the client went away
	}
}

// setPageHeaders sets the headers of every page besides those of
// ServeHTTP.
func setPageHeaders(w http.ResponseWriter) {
	w.Header().Set("Content-Security-Policy", pageCSP)
	w.Header().Set("X-Frame-Options", "DENY")
}

// A pageHandler serves a page to a signed-in actor; an error it returns
// is shown as the error page (see Handler.failPage).
type pageHandler func(w http.ResponseWriter, r *http.Request, a news.Actor) error

// staff returns the handler that serves a page to a signed-in actor with
// f, and sends anybody else to the sign-in page, which comes back to the
// page asked for. An account whose role requires a second factor it does
// not have yet is sent to the page that sets one up.
func (h *Handler) staff(f pageHandler) http.Handler { return h.signedInPage(f, false) }

// signedInPage is staff; anyTOTP serves the actor whether or not a
// second factor is missing (the pages that set one up).
func (h *Handler) signedInPage(f pageHandler, anyTOTP bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, err := h.authenticate(r)
		if err == nil && a.NeedsTOTP && !anyTOTP {
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				h.redirect(w, r, "totp", "")
				return
			}
			err = fmt.Errorf("admin: set up a second factor first: %w", news.ErrForbidden)
		}
		if err == nil {
			err = f(w, r, a)
		}
		if err != nil {
			h.failPage(w, r, err)
		}
	})
}

// failPage answers a page request with err: not signed in is a redirect
// to the sign-in page (a GET) or the sign-in page itself (any other
// method); anything else the error page, with the status web.Classify
// (or web.ClassifyBody, for a form) gives and the domain's message. A 500
// is logged and says only "internal error".
func (h *Handler) failPage(w http.ResponseWriter, r *http.Request, err error) {
	e := classifyPage(r, err)
	if e.Status == http.StatusUnauthorized && e.Code != "totp_required" && h.auth == nil {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			http.Redirect(w, r, h.cookiePath(r)+"sign-in?next="+url.QueryEscape(localPath(r.RequestURI)), http.StatusSeeOther)
			return
		}
		h.renderSignIn(w, r, http.StatusUnauthorized, signInForm{}, "sign-in.again")
		return
	}
	v := h.newView(r, nil, "error", "error.title", e.Status)
	if a, err := h.authenticate(r); err == nil {
		v.Actor = &a
	}
	v.Error = cmp.Or(refusal(v.L, err), e.Message)
	if e.Status >= http.StatusInternalServerError {
		h.log.Error("admin: page failed", "path", r.URL.Path, "err", err)
		v.Error = v.L.T("error.internal")
	}
	h.render(w, r, e.Status, "error", v)
}

// classifyPage maps err to its status and message as the API does.
func classifyPage(r *http.Request, err error) *web.Error {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return web.Classify(err)
	}
	return web.ClassifyBody(err)
}

// renderForm shows the page of v (a form) with the status or, when err
// is not nil, with the refusal err is: its status, the domain's message
// and the field it names. An error that is not the user's (a 500, an
// ended session) is returned instead, for failPage.
func (h *Handler) renderForm(w http.ResponseWriter, r *http.Request, status int, v *view, err error) error {
	if err != nil {
		e := classifyPage(r, err)
		if e.Status >= http.StatusInternalServerError || e.Status == http.StatusUnauthorized {
			return err
		}
		status, v.Error, v.Field = e.Status, cmp.Or(refusal(v.L, err), e.Message), e.Field
	}
	h.render(w, r, status, v.Page, v)
	return nil
}

// redirect answers a form that did its step with 303 to path (relative
// to the mount point), saying done.
func (h *Handler) redirect(w http.ResponseWriter, r *http.Request, path, done string) {
	target := h.cookiePath(r) + path
	if done != "" {
		sep := "?"
		if strings.Contains(target, "?") {
			sep = "&"
		}
		target += sep + "done=" + url.QueryEscape(done)
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// signInForm is what the sign-in form holds.
type signInForm struct {
	Username string
	Next     string
	NeedCode bool
}

// renderSignIn shows the sign-in page with the status and the message
// key msg (none when "").
func (h *Handler) renderSignIn(w http.ResponseWriter, r *http.Request, status int, f signInForm, msg string) {
	v := h.newView(r, nil, "sign-in", "sign-in.title", f)
	if msg != "" {
		v.Error = v.L.T(msg)
	}
	h.render(w, r, status, "sign-in", v)
}

// handleSignInPage shows the sign-in form: GET sign-in?next=….
func (h *Handler) handleSignInPage() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.renderSignIn(w, r, http.StatusOK, signInForm{Next: localPath(r.URL.Query().Get("next"))}, "")
	})
}

// localPath returns next when it is a path on this site (so the sign-in
// form cannot send anyone elsewhere), "" otherwise.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	return next
}

// handleSignInForm signs in from the form: POST sign-in with username,
// password, code and next; it opens the session as POST api/session does
// and goes to next, or to the dashboard.
func (h *Handler) handleSignInForm() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := signInForm{Username: r.PostFormValue("username"), Next: localPath(r.PostFormValue("next"))}
		in, err := h.nr.SignIn(r.Context(), news.SignInInput{Username: f.Username, Password: r.PostFormValue("password"),
			Code: r.PostFormValue("code"), Address: h.clientAddr(r)})
		switch {
		case errors.Is(err, news.ErrTOTPRequired):
			f.NeedCode = true
			h.renderSignIn(w, r, http.StatusUnauthorized, f, "sign-in.code")
			return
		case errors.Is(err, news.ErrThrottled):
			var th *news.ThrottledError
			if errors.As(err, &th) {
				w.Header().Set("Retry-After", retryAfter(th.RetryAfter(h.now())))
			}
			h.renderSignIn(w, r, http.StatusTooManyRequests, f, "sign-in.throttled")
			return
		case errors.Is(err, news.ErrUnauthenticated):
			h.renderSignIn(w, r, http.StatusUnauthorized, f, "sign-in.wrong")
			return
		case err != nil:
			h.failPage(w, r, err)
			return
		}
		if err := h.startSession(w, r, in); err != nil {
			h.failPage(w, r, err)
			return
		}
		target := f.Next
		if target == "" {
			target = h.cookiePath(r)
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
	})
}

// handleSignOutForm signs out from the form: POST sign-out ends the
// session and goes to the sign-in page.
func (h *Handler) handleSignOutForm() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie(h.cookie); err == nil && c.Value != "" {
			if err := h.nr.SignOut(r.Context(), c.Value, h.clientAddr(r)); err != nil {
				h.failPage(w, r, err)
				return
			}
		}
		h.clearCookie(w, r)
		h.redirect(w, r, "sign-in", "signed-out")
	})
}

// handlePasswordPage shows the form that changes one's own password: GET
// password.
func (h *Handler) handlePasswordPage() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		h.render(w, r, http.StatusOK, "password", h.newView(r, &a, "password", "password.title", nil))
		return nil
	})
}

// handlePasswordForm changes one's own password: POST password with
// current, password and confirm. The domain ends every session of the
// account, so the page then asks to sign in again.
func (h *Handler) handlePasswordForm() http.Handler {
	return h.staff(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		next := r.PostFormValue("password")
		var err error
		if next != r.PostFormValue("confirm") {
			err = &news.FieldError{Field: "confirm", Rule: "must repeat the new password"}
		} else {
			err = h.nr.ChangePassword(r.Context(), a, a.AccountID, r.PostFormValue("current"), next)
		}
		if errors.Is(err, news.ErrUnauthenticated) {
			err = &web.Error{Status: http.StatusUnprocessableEntity, Code: "invalid_field", Field: "current",
				Message: h.locale(r).T("password.wrong")}
		}
		if err != nil {
			return h.renderForm(w, r, 0, h.newView(r, &a, "password", "password.title", nil), err)
		}
		h.clearCookie(w, r)
		h.redirect(w, r, "sign-in", "password")
		return nil
	})
}

// totpForm is what the second-factor page shows.
type totpForm struct {
	Secret string // base32, to type into the app
	URL    string // otpauth://…, for apps that take a link
}

// handleTOTPPage offers a new second factor: GET totp shows a new secret
// (nothing is stored yet) and asks for the code the app then shows.
func (h *Handler) handleTOTPPage() http.Handler {
	return h.signedInPage(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		e, err := h.nr.BeginTOTP(r.Context(), a)
		if err != nil {
			return err
		}
		h.render(w, r, http.StatusOK, "totp", h.newView(r, &a, "totp", "totp.title", totpForm{e.Secret, e.URL}))
		return nil
	}, true)
}

// handleTOTPForm confirms a second factor: POST totp with the secret and
// the app's code; a wrong code shows the same secret again.
func (h *Handler) handleTOTPForm() http.Handler {
	return h.signedInPage(func(w http.ResponseWriter, r *http.Request, a news.Actor) error {
		f := totpForm{Secret: r.PostFormValue("secret"), URL: r.PostFormValue("url")}
		if err := h.nr.EnableTOTP(r.Context(), a, f.Secret, r.PostFormValue("code")); err != nil {
			return h.renderForm(w, r, 0, h.newView(r, &a, "totp", "totp.title", f), err)
		}
		h.redirect(w, r, "", "totp")
		return nil
	}, true)
}

// siteTime is the time zone of the pages when Options.Location is nil:
// Asia/Ho_Chi_Minh, or UTC+7 where the system has no time zone data.
func siteTime() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*60*60)
}
