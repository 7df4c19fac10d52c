package admin_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/admin"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// password is every test account's password.
const password = "Khoa-hoc-Cong-nghe-2026"

// A clock is a test's time, moved by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// A fixture is a newsroom over a memstore with three categories and an
// account of each role, served by an admin.Handler mounted at /admin/.
type fixture struct {
	t     testing.TB
	clock *clock
	store news.NewsroomStore
	nr    *news.Newsroom
	h     *admin.Handler
	srv   http.Handler
	cats  map[string]uuid.UUID     // by slug: khoa-hoc, chuyen-doi-so, thong-bao
	accs  map[string]*news.Account // by username
}

// newFixture builds a fixture over a memstore. nopts and aopts may be
// nil; their clocks and the password hash parameters are set here.
func newFixture(tb testing.TB, nopts *news.NewsroomOptions, aopts *admin.Options) *fixture {
	tb.Helper()
	return newFixtureOn(tb, memstore.New(), nopts, aopts)
}

// newFixtureOn builds a fixture over the empty store s.
func newFixtureOn(tb testing.TB, s news.NewsroomStore, nopts *news.NewsroomOptions, aopts *admin.Options) *fixture {
	tb.Helper()
	f := &fixture{t: tb, clock: &clock{t: time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)}, store: s,
		cats: map[string]uuid.UUID{}, accs: map[string]*news.Account{}}
	var no news.NewsroomOptions
	if nopts != nil {
		no = *nopts
	}
	no.Now = f.clock.Now
	no.Password.Argon2 = news.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	f.nr = news.NewNewsroom(f.store, &no)
	var ao admin.Options
	if aopts != nil {
		ao = *aopts
	}
	ao.Now = f.clock.Now
	f.h = admin.New(f.nr, &ao)
	mux := http.NewServeMux()
	mux.Handle("/admin/", http.StripPrefix("/admin", f.h))
	f.srv = mux

	ctx := context.Background()
	root, err := f.nr.Bootstrap(ctx, news.AccountInput{Username: "admin", DisplayName: "Quản trị hệ thống", Password: password})
	require.NoError(tb, err)
	f.accs["admin"] = root
	adm := f.actor("admin")
	for _, c := range []struct{ slug, name string }{
		{"khoa-hoc", "Khoa học"}, {"chuyen-doi-so", "Chuyển đổi số"}, {"thong-bao", "Thông báo"},
	} {
		cat, err := f.nr.CreateCategory(ctx, adm, news.CategoryInput{Slug: c.slug, Name: c.name})
		require.NoError(tb, err)
		f.cats[c.slug] = cat.ID
	}
	for _, a := range []news.AccountInput{
		{Username: "phongvien", DisplayName: "Nguyễn Văn An", Role: news.RoleContributor, Categories: []uuid.UUID{f.cats["khoa-hoc"], f.cats["chuyen-doi-so"]}},
		{Username: "congtacvien", DisplayName: "Trần Thị Bình", Role: news.RoleContributor},
		{Username: "bientap", DisplayName: "Lê Minh Châu", Role: news.RoleEditor},
		{Username: "lanhdao", DisplayName: "Phạm Quốc Dũng", Role: news.RoleApprover},
	} {
		a.Password = password
		acc, err := f.nr.CreateAccount(ctx, adm, a)
		require.NoError(tb, err)
		f.accs[a.Username] = acc
	}
	return f
}

// actor returns the actor of the account username, as a Go program acts.
func (f *fixture) actor(username string) news.Actor {
	a := f.accs[username]
	return news.Actor{AccountID: a.ID, Username: a.Username, Name: a.DisplayName, Role: a.Role, Categories: a.Categories}
}

// A client sends requests to the fixture's server as one browser (with
// its session cookie) or one program (with a Bearer token).
type client struct {
	f      *fixture
	cookie string // the session cookie's value
	bearer string
	header http.Header // added to every request
}

// anon returns a client nobody signed in with.
func (f *fixture) anon() *client { return &client{f: f, header: http.Header{}} }

// signIn signs username in with the password and returns its client.
func (f *fixture) signIn(username string) *client {
	f.t.Helper()
	c := f.anon()
	w := c.do("POST", "/admin/api/session", `{"username":"`+username+`","password":"`+password+`"}`)
	require.Equal(f.t, http.StatusCreated, w.Code, w.Body.String())
	c.cookie = sessionCookie(f.t, w).Value
	return c
}

// sessionCookie returns the session cookie w sets.
func sessionCookie(tb testing.TB, w *httptest.ResponseRecorder) *http.Cookie {
	tb.Helper()
	for _, c := range w.Result().Cookies() {
		if c.Name == admin.DefaultCookieName {
			return c
		}
	}
	tb.Fatalf("no %s cookie in %v", admin.DefaultCookieName, w.Header()["Set-Cookie"])
	return nil
}

// do sends a request with a JSON body (none when "") and header lines
// "Name: value".
func (c *client) do(method, target, body string, header ...string) *httptest.ResponseRecorder {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, target, rd)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for k, v := range c.header {
		r.Header[k] = v
	}
	if c.cookie != "" {
		r.AddCookie(&http.Cookie{Name: admin.DefaultCookieName, Value: c.cookie})
	}
	if c.bearer != "" {
		r.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	for _, line := range header {
		k, v, _ := strings.Cut(line, ": ")
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	c.f.srv.ServeHTTP(w, r)
	return w
}

// decode decodes w's JSON body into a T.
func decode[T any](tb testing.TB, w *httptest.ResponseRecorder) T {
	tb.Helper()
	var v T
	require.NoError(tb, json.Unmarshal(w.Body.Bytes(), &v), w.Body.String())
	return v
}

// article is an answer about one article, as a client reads it.
type article struct {
	ID         uuid.UUID     `json:"id"`
	Slug       string        `json:"slug"`
	Title      string        `json:"title"`
	Summary    string        `json:"summary"`
	Body       string        `json:"body"`
	Tags       []string      `json:"tags"`
	CategoryID uuid.UUID     `json:"category_id"`
	Status     news.Status   `json:"status"`
	Label      string        `json:"status_label"`
	PublishAt  *time.Time    `json:"publish_at"`
	OwnerID    uuid.UUID     `json:"owner_id"`
	Revision   int           `json:"revision"`
	Actions    []news.Action `json:"actions"`
}

// apiError is the error shape.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Field   string `json:"field"`
		Message string `json:"message"`
	} `json:"error"`
}

// requireError asserts w is an error answer with the status and code.
func requireError(tb testing.TB, w *httptest.ResponseRecorder, status int, code string) apiError {
	tb.Helper()
	require.Equal(tb, status, w.Code, w.Body.String())
	require.Equal(tb, "application/json; charset=utf-8", w.Header().Get("Content-Type"))
	e := decode[apiError](tb, w)
	require.Equal(tb, code, e.Error.Code, w.Body.String())
	require.NotEmpty(tb, e.Error.Message)
	return e
}

// draft creates a draft in the category slug as c and returns it.
func (c *client) draft(title, cat string) article {
	c.f.t.Helper()
	body, err := json.Marshal(map[string]any{"title": title, "category_id": c.f.cats[cat],
		"body": "<p>" + title + ": nội dung do phòng Quản lý khoa học soạn.</p>", "tags": []string{"khoa học"}})
	require.NoError(c.f.t, err)
	w := c.do("POST", "/admin/api/articles", string(body))
	require.Equal(c.f.t, http.StatusCreated, w.Code, w.Body.String())
	return decode[article](c.f.t, w)
}

// step posts the workflow action to the article and returns the answer.
func (c *client) step(id uuid.UUID, action news.Action, body string) *httptest.ResponseRecorder {
	return c.do("POST", "/admin/api/articles/"+id.String()+"/"+string(action), body)
}

// itoa formats n.
func itoa(n int) string { return strconv.Itoa(n) }
