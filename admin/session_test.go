package admin_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/admin"
	"github.com/orgnews/orgnews/news"
)

func TestSignIn(t *testing.T) {
	f := newFixture(t, nil, nil)
	c := f.anon()
	w := c.do("POST", "/admin/api/session", `{"username":"BienTap","password":"`+password+`"}`)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	ck := sessionCookie(t, w)
	assert.True(t, ck.HttpOnly, "HttpOnly")
	assert.False(t, ck.Secure, "not Secure over plain HTTP")
	assert.Equal(t, http.SameSiteLaxMode, ck.SameSite)
	assert.Equal(t, "/admin/", ck.Path, "the mount path")
	assert.Equal(t, int(news.DefaultSessionLifetime/time.Second), ck.MaxAge,
		"a lifetime from the server's clock, not a date the reader's clock could have passed")
	assert.True(t, ck.Expires.IsZero(), "no Expires date")
	assert.True(t, strings.HasPrefix(ck.Value, news.SessionTokenPrefix))
	assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
	assert.Equal(t, "Cookie, Authorization", w.Header().Get("Vary"))
	assert.NotContains(t, w.Body.String(), password)
	assert.NotContains(t, w.Body.String(), "argon2")

	body := decode[struct {
		Actor struct {
			Username  string    `json:"username"`
			Role      news.Role `json:"role"`
			RoleLabel string    `json:"role_label"`
		} `json:"actor"`
	}](t, w)
	assert.Equal(t, "bientap", body.Actor.Username)
	assert.Equal(t, news.RoleEditor, body.Actor.Role)
	assert.Equal(t, "biên tập viên", body.Actor.RoleLabel)

	c.cookie = ck.Value
	w = c.do("GET", "/admin/api/session", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, w.Body.String(), `"username":"bientap"`)
	assert.Contains(t, w.Body.String(), `"approval_required":true`)
}

func TestSignInSecureCookie(t *testing.T) {
	for _, tc := range []struct {
		name   string
		opts   *admin.Options
		tls    bool
		secure bool
	}{
		{"plain", nil, false, false},
		{"TLS", nil, true, true},
		{"behind a TLS proxy", &admin.Options{SecureCookie: true}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, nil, tc.opts)
			r := httptest.NewRequest("POST", "/admin/api/session", strings.NewReader(`{"username":"admin","password":"`+password+`"}`))
			if tc.tls {
				r.TLS = &tls.ConnectionState{}
			}
			w := httptest.NewRecorder()
			f.srv.ServeHTTP(w, r)
			require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
			assert.Equal(t, tc.secure, sessionCookie(t, w).Secure)
		})
	}
}

func TestSignInRefused(t *testing.T) {
	f := newFixture(t, nil, nil)
	c := f.anon()
	unknown := c.do("POST", "/admin/api/session", `{"username":"khong-co","password":"`+password+`"}`)
	wrong := c.do("POST", "/admin/api/session", `{"username":"bientap","password":"sai-mat-khau-roi"}`)
	e1 := requireError(t, unknown, http.StatusUnauthorized, "unauthorized")
	e2 := requireError(t, wrong, http.StatusUnauthorized, "unauthorized")
	assert.Equal(t, e1, e2, "an unknown user and a wrong password are answered alike")
	assert.Empty(t, unknown.Result().Cookies(), "no session")
	assert.Equal(t, `Bearer realm="orgnews"`, unknown.Header().Get("WWW-Authenticate"))

	_, err := f.nr.UpdateAccount(context.Background(), f.actor("admin"), f.accs["lanhdao"].ID, news.AccountPatch{Disabled: new(true)})
	require.NoError(t, err)
	disabled := c.do("POST", "/admin/api/session", `{"username":"lanhdao","password":"`+password+`"}`)
	assert.Equal(t, e1, requireError(t, disabled, http.StatusUnauthorized, "unauthorized"))

	requireError(t, c.do("GET", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")
	requireError(t, c.do("GET", "/admin/api/articles", ""), http.StatusUnauthorized, "unauthorized")
	requireError(t, c.do("DELETE", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")
}

func TestSignInThrottled(t *testing.T) {
	f := newFixture(t, &news.NewsroomOptions{MaxFailures: 3, FailureWindow: 15 * time.Minute}, nil)
	c := f.anon()
	for i := range 3 {
		w := c.do("POST", "/admin/api/session", `{"username":"bientap","password":"doan-mo-lan-`+itoa(i)+`"}`)
		requireError(t, w, http.StatusUnauthorized, "unauthorized")
		f.clock.Advance(time.Minute)
	}
	// Now even the right password waits, and so does an unknown user
	// from the same address.
	for _, user := range []string{"bientap", "khong-co"} {
		w := c.do("POST", "/admin/api/session", `{"username":"`+user+`","password":"`+password+`"}`)
		requireError(t, w, http.StatusTooManyRequests, "throttled")
		assert.Equal(t, "720", w.Header().Get("Retry-After"), "the first failure leaves the window in 12 minutes")
	}
	// The window passes: the right password works again.
	f.clock.Advance(13 * time.Minute)
	f.signIn("bientap")
}

func TestSignOutEndsSession(t *testing.T) {
	f := newFixture(t, nil, nil)
	c := f.signIn("bientap")
	other := f.signIn("bientap") // a second browser
	w := c.do("DELETE", "/admin/api/session", "")
	require.Equal(t, http.StatusNoContent, w.Code, w.Body.String())
	ck := sessionCookie(t, w)
	assert.Equal(t, -1, ck.MaxAge, "the cookie is dropped")
	requireError(t, c.do("GET", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")
	assert.Equal(t, http.StatusOK, other.do("GET", "/admin/api/session", "").Code, "other sessions go on")

	// A second handler over the same store, as on another instance, sees
	// the session ended too.
	f2 := &fixture{t: t, clock: f.clock, srv: http.StripPrefix("/admin", admin.New(f.nr, nil))}
	c2 := f2.anon()
	c2.cookie = c.cookie
	requireError(t, c2.do("GET", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")
}

func TestSignInRotatesSession(t *testing.T) {
	f := newFixture(t, nil, nil)
	c := f.signIn("phongvien")
	old := c.cookie
	w := c.do("POST", "/admin/api/session", `{"username":"bientap","password":"`+password+`"}`)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	assert.NotEqual(t, old, sessionCookie(t, w).Value)
	stale := f.anon()
	stale.cookie = old
	requireError(t, stale.do("GET", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")
}

func TestDisableEndsSession(t *testing.T) {
	f := newFixture(t, nil, nil)
	adm := f.signIn("admin")
	c := f.signIn("phongvien")
	require.Equal(t, http.StatusOK, c.do("GET", "/admin/api/session", "").Code)
	w := adm.do("PATCH", "/admin/api/accounts/"+f.accs["phongvien"].ID.String(), `{"disabled":true}`)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, w.Body.String(), `"disabled":true`)
	requireError(t, c.do("GET", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")
}

func TestSessionExpires(t *testing.T) {
	f := newFixture(t, &news.NewsroomOptions{SessionIdle: time.Hour}, nil)
	c := f.signIn("bientap")
	f.clock.Advance(59 * time.Minute)
	require.Equal(t, http.StatusOK, c.do("GET", "/admin/api/session", "").Code, "used in time")
	f.clock.Advance(61 * time.Minute)
	requireError(t, c.do("GET", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")
}

func TestTOTP(t *testing.T) {
	f := newFixture(t, nil, nil)
	c := f.signIn("lanhdao")
	w := c.do("POST", "/admin/api/session/totp", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	enrol := decode[struct{ Secret, URL string }](t, w)
	assert.True(t, strings.HasPrefix(enrol.URL, "otpauth://totp/"), enrol.URL)

	requireError(t, c.do("PUT", "/admin/api/session/totp", `{"secret":"`+enrol.Secret+`","code":"000000"}`), http.StatusUnprocessableEntity, "invalid_field")
	code, err := news.TOTPCode(enrol.Secret, f.clock.Now())
	require.NoError(t, err)
	w = c.do("PUT", "/admin/api/session/totp", `{"secret":"`+enrol.Secret+`","code":"`+code+`"}`)
	require.Equal(t, http.StatusNoContent, w.Code, w.Body.String())

	f.clock.Advance(time.Minute)
	anon := f.anon()
	e := requireError(t, anon.do("POST", "/admin/api/session", `{"username":"lanhdao","password":"`+password+`"}`),
		http.StatusUnauthorized, "totp_required")
	assert.Equal(t, "code", e.Error.Field)
	code, err = news.TOTPCode(enrol.Secret, f.clock.Now())
	require.NoError(t, err)
	w = anon.do("POST", "/admin/api/session", `{"username":"lanhdao","password":"`+password+`","code":"`+code+`"}`)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())

	// An admin removes the second factor of someone who lost their phone.
	totp := "/admin/api/accounts/" + f.accs["lanhdao"].ID.String() + "/totp"
	requireError(t, f.signIn("bientap").do("DELETE", totp, ""), http.StatusNotFound, "not_found")
	require.Equal(t, http.StatusNoContent, f.signIn("admin").do("DELETE", totp, "").Code)
	f.signIn("lanhdao")
}

func TestClientAddress(t *testing.T) {
	proxy := netip.MustParsePrefix("10.0.0.0/8")
	for _, tc := range []struct {
		name    string
		opts    *admin.Options
		remote  string
		forward string
		want    string
	}{
		{"direct", nil, "203.0.113.7:5000", "", "203.0.113.7"},
		{"forwarded but untrusted", nil, "203.0.113.7:5000", "198.51.100.1", "203.0.113.7"},
		{"trusted proxy", &admin.Options{TrustedProxies: []netip.Prefix{proxy}}, "10.0.0.2:5000", "198.51.100.1", "198.51.100.1"},
		{"a chain of trusted proxies", &admin.Options{TrustedProxies: []netip.Prefix{proxy}}, "10.0.0.2:5000", "192.0.2.9, 198.51.100.1, 10.0.0.3", "198.51.100.1"},
		{"malformed forward", &admin.Options{TrustedProxies: []netip.Prefix{proxy}}, "10.0.0.2:5000", "nonsense", "10.0.0.2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, nil, tc.opts)
			r := httptest.NewRequest("POST", "/admin/api/session", strings.NewReader(`{"username":"bientap","password":"sai-mat-khau-roi"}`))
			r.RemoteAddr = tc.remote
			if tc.forward != "" {
				r.Header.Set("X-Forwarded-For", tc.forward)
			}
			f.srv.ServeHTTP(httptest.NewRecorder(), r)
			page, err := f.nr.Audit(context.Background(), f.actor("admin"), news.AuditFilter{Action: news.ActionSignIn, Outcome: news.OutcomeFailure})
			require.NoError(t, err)
			require.Len(t, page.Entries, 1)
			assert.Equal(t, tc.want, page.Entries[0].Address)
		})
	}
}

func TestBearerMalformed(t *testing.T) {
	f := newFixture(t, nil, nil)
	c := f.anon()
	for _, auth := range []string{"Basic YWRtaW46eA==", "Bearer", "Bearer ont_khongcothat"} {
		e := requireError(t, c.do("GET", "/admin/api/session", "", "Authorization: "+auth), http.StatusUnauthorized, "unauthorized")
		assert.NotContains(t, e.Error.Message, "khongcothat")
	}
}

func TestPluggableAuthentication(t *testing.T) {
	var f *fixture
	sso := func(r *http.Request) (news.Actor, error) {
		switch r.Header.Get("X-SSO-User") {
		case "":
			return news.Actor{}, news.ErrUnauthenticated
		case "bientap":
			return f.actor("bientap"), nil
		}
		return news.Actor{}, news.ErrUnauthenticated
	}
	f = newFixture(t, nil, &admin.Options{Authenticate: sso})
	c := f.anon()
	requireError(t, c.do("GET", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")
	w := c.do("GET", "/admin/api/session", "", "X-SSO-User: bientap")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, w.Body.String(), `"username":"bientap"`)

	c.header.Set("X-SSO-User", "bientap")
	a := c.draft("Hội thảo chuyển đổi số cấp tỉnh", "chuyen-doi-so")
	assert.Equal(t, f.accs["bientap"].ID, a.OwnerID)

	// Built-in sign-in is the host's now; a session cookie is not read.
	w = f.anon().do("POST", "/admin/api/session", `{"username":"admin","password":"`+password+`"}`)
	requireError(t, w, http.StatusMethodNotAllowed, "method_not_allowed")
	assert.Equal(t, "GET, HEAD", w.Header().Get("Allow"))
	anon := f.anon()
	in, err := f.nr.SignIn(context.Background(), news.SignInInput{Username: "admin", Password: password})
	require.NoError(t, err)
	anon.cookie = in.Token
	requireError(t, anon.do("GET", "/admin/api/session", ""), http.StatusUnauthorized, "unauthorized")
}

func TestNoSecretsInAnswersOrLogs(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	f := newFixture(t, nil, &admin.Options{Logger: log})
	c := f.anon()
	w := c.do("POST", "/admin/api/session", `{"username":"admin","password":"`+password+`"}`)
	c.cookie = sessionCookie(t, w).Value
	bodies := w.Body.String()
	bodies += c.do("POST", "/admin/api/session", `{"username":"admin","password":"`+password+`x"}`).Body.String()
	w = c.do("POST", "/admin/api/tokens", `{"name":"Sao lưu"}`)
	token := decode[struct{ Token string }](t, w).Token
	for _, path := range []string{"/admin/api/session", "/admin/api/accounts", "/admin/api/tokens", "/admin/api/audit", "/admin/api/audit?format=jsonl"} {
		bodies += c.do("GET", path, "").Body.String()
	}
	for _, secret := range []string{password, c.cookie, "argon2id", "$v=19"} {
		assert.NotContains(t, bodies, secret)
		assert.NotContains(t, logs.String(), secret)
	}
	assert.NotContains(t, logs.String(), token)

	// A 500 is logged with its cause, which the client never sees.
	f = newFixture(t, nil, &admin.Options{Logger: log, Authenticate: func(r *http.Request) (news.Actor, error) {
		return news.Actor{}, errors.New("sso backend: connection refused")
	}})
	w = f.anon().do("GET", "/admin/api/session", "")
	requireError(t, w, http.StatusInternalServerError, "internal")
	assert.NotContains(t, w.Body.String(), "connection refused")
	assert.Contains(t, logs.String(), "connection refused")
}

func TestTOTPRequiredByRole(t *testing.T) {
	f := newFixture(t, &news.NewsroomOptions{RequireTOTP: []news.Role{news.RoleApprover}}, nil)
	c := f.signIn("lanhdao")
	w := c.do("GET", "/admin/api/session", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	assert.Contains(t, w.Body.String(), `"needs_totp":true`)
	requireError(t, c.do("GET", "/admin/api/articles", ""), http.StatusForbidden, "forbidden")

	w = c.do("POST", "/admin/api/session/totp", "")
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	secret := decode[struct{ Secret string }](t, w).Secret
	code, err := news.TOTPCode(secret, f.clock.Now())
	require.NoError(t, err)
	require.Equal(t, http.StatusNoContent, c.do("PUT", "/admin/api/session/totp", `{"secret":"`+secret+`","code":"`+code+`"}`).Code)

	f.clock.Advance(time.Minute)
	code, err = news.TOTPCode(secret, f.clock.Now())
	require.NoError(t, err)
	w = f.anon().do("POST", "/admin/api/session", `{"username":"lanhdao","password":"`+password+`","code":"`+code+`"}`)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	assert.NotContains(t, w.Body.String(), "needs_totp")
	c.cookie = sessionCookie(t, w).Value
	assert.Equal(t, http.StatusOK, c.do("GET", "/admin/api/articles", "").Code)
	assert.Equal(t, http.StatusOK, f.signIn("bientap").do("GET", "/admin/api/articles", "").Code, "other roles need no second factor")
}
