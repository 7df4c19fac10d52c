package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// testPassword is the NEWSROOM_ADMIN_PASSWORD of the tests that set one.
const testPassword = "Hoa-An-so-khcn-2026"

// signIn signs in to the demo's newsroom and returns the status of the
// answer and a client that carries the session cookie.
func signIn(t *testing.T, a *app, username, password string) (int, *http.Client) {
	t.Helper()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	c := &http.Client{Jar: jar}
	body, err := json.Marshal(map[string]string{"username": username, "password": password})
	require.NoError(t, err)
	resp, err := c.Post(a.siteURL+"admin/api/session", "application/json", strings.NewReader(string(body)))
	require.NoError(t, err)
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, c
}

// whoAmI returns the username and role of the session c carries.
func whoAmI(t *testing.T, a *app, c *http.Client) (string, string) {
	t.Helper()
	resp, err := c.Get(a.siteURL + "admin/api/session")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var out struct {
		Actor struct{ Username, Role string }
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return out.Actor.Username, out.Actor.Role
}

// accountsOf returns the store's accounts by username.
func accountsOf(t *testing.T, s news.NewsroomStore) map[string]*news.Account {
	t.Helper()
	list, err := s.Accounts(context.Background())
	require.NoError(t, err)
	out := map[string]*news.Account{}
	for _, acc := range list {
		out[acc.Username] = acc
	}
	return out
}

// loggedPassword matches the generated password in the demo's log.
var loggedPassword = regexp.MustCompile(`password=(\S+)`)

// TestAdminPasswordFromEnv starts the demo twice on one SQLite file with
// NEWSROOM_ADMIN_PASSWORD set: the first start creates admin with it and
// logs no password; the second, with another password set, creates
// nothing and the first password still signs in.
func TestAdminPasswordFromEnv(t *testing.T) {
	db := filepath.Join(t.TempDir(), "newsroom.db")
	t.Setenv(adminPasswordEnv, testPassword)
	var accounts map[string]*news.Account
	t.Run("first start", func(t *testing.T) { // stops the demo when it ends
		a, log := startAppLog(t, "-db", db, "-demo=false")
		assert.Contains(t, log.String(), "created the newsroom account admin with the password of "+adminPasswordEnv)
		assert.NotContains(t, log.String(), testPassword)
		assert.NotContains(t, log.String(), "password=")
		accounts = accountsOf(t, a.store)
		require.Len(t, accounts, 1, "-demo=false: admin alone")
		assert.Equal(t, news.RoleAdmin, accounts["admin"].Role)
		status, c := signIn(t, a, "admin", testPassword)
		require.Equal(t, http.StatusCreated, status)
		user, role := whoAmI(t, a, c)
		assert.Equal(t, "admin", user)
		assert.Equal(t, "admin", role)
		status, _ = signIn(t, a, "admin", "Mat-khau-khac-2026")
		assert.Equal(t, http.StatusUnauthorized, status)
	})
	require.NotNil(t, accounts["admin"])

	t.Setenv(adminPasswordEnv, "Mat-khau-khac-2026")
	b, log := startAppLog(t, "-db", db, "-demo=false")
	assert.NotContains(t, log.String(), "created the newsroom account")
	assert.Contains(t, log.String(), adminPasswordEnv+" is not used")
	assert.NotContains(t, log.String(), "Mat-khau-khac-2026")
	again := accountsOf(t, b.store)
	require.Len(t, again, 1)
	assert.Equal(t, accounts["admin"].ID, again["admin"].ID)
	assert.Equal(t, accounts["admin"].PasswordHash, again["admin"].PasswordHash)
	status, _ := signIn(t, b, "admin", testPassword)
	assert.Equal(t, http.StatusCreated, status, "the first password still signs in")
}

// TestAdminPasswordGenerated starts the demo twice on one SQLite file
// without NEWSROOM_ADMIN_PASSWORD: the first start logs a generated
// password once, which signs in as admin and as every demo account; the
// second start logs no password and keeps every account and article.
func TestAdminPasswordGenerated(t *testing.T) {
	db := filepath.Join(t.TempDir(), "newsroom.db")
	t.Setenv(adminPasswordEnv, "")
	var (
		password string
		accounts map[string]*news.Account
		articles int
	)
	t.Run("first start", func(t *testing.T) { // stops the demo when it ends
		a, log := startAppLog(t, "-db", db)
		found := loggedPassword.FindAllStringSubmatch(log.String(), -1)
		require.Len(t, found, 1, "the password is logged once:\n%s", log)
		password = found[0][1]
		assert.GreaterOrEqual(t, len(password), 20, "a strong password")
		assert.Equal(t, 1, strings.Count(log.String(), password))
		assert.Contains(t, log.String(), "sign in at /admin/\"", "the log points at the pages, not the API")
		for _, u := range []string{"admin", "phongvien", "bientap", "lanhdao"} {
			status, _ := signIn(t, a, u, password)
			assert.Equal(t, http.StatusCreated, status, u)
		}
		accounts = accountsOf(t, a.store)
		articles = len(allArticles(t, a.store, news.Query{}))
	})
	require.Len(t, accounts, 4)

	b, log := startAppLog(t, "-db", db)
	assert.NotContains(t, log.String(), "password=")
	assert.NotContains(t, log.String(), password)
	assert.NotContains(t, log.String(), "created the")
	again := accountsOf(t, b.store)
	require.Len(t, again, len(accounts), "no second bootstrap")
	for u, acc := range accounts {
		assert.Equal(t, acc.ID, again[u].ID, u)
	}
	assert.Len(t, allArticles(t, b.store, news.Query{}), articles, "no second set of newsroom articles")
	status, c := signIn(t, b, "bientap", password)
	require.Equal(t, http.StatusCreated, status)
	user, role := whoAmI(t, b, c)
	assert.Equal(t, "bientap", user)
	assert.Equal(t, "editor", role)
}

// TestAdminPasswordRefused starts the demo with passwords the rules
// refuse: it fails before serving, naming the variable, and creates no
// account.
func TestAdminPasswordRefused(t *testing.T) {
	for _, tc := range []struct{ name, password, args string }{
		{"too short", "ngan", "-demo=false"},
		{"holds a demo username", "mat-khau-cua-bientap", "-demo=true"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(adminPasswordEnv, tc.password)
			cfg, err := parseFlags([]string{"-addr", "127.0.0.1:0", "-embed-addr", "", "-db", "memory", tc.args}, io.Discard)
			require.NoError(t, err)
			_, err = newApp(context.Background(), cfg, slog.New(slog.DiscardHandler))
			require.ErrorIs(t, err, news.ErrInvalid)
			assert.Contains(t, err.Error(), adminPasswordEnv)
			assert.NotContains(t, err.Error(), tc.password)
		})
	}
}

// TestDemoStaffNeedsDemoCategories starts the demo on a database that an
// archive of other categories filled and that has no account yet: admin
// is created, the demo staff, who write in the demo's categories, are not,
// and the log says why.
func TestDemoStaffNeedsDemoCategories(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news.db")
	ctx := context.Background()
	s, closeStore, _, err := openStore(ctx, db, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	_, err = news.NewService(s, nil).Import(ctx, strings.NewReader(`{"categories":[{"slug":"tin-tuc","name":"Tin tức"}],
		"articles":[{"title":"Hội nghị sơ kết công tác sáu tháng","category":"tin-tuc","status":"published","publish_at":"2026-07-10"}]}`))
	require.NoError(t, err)
	require.NoError(t, closeStore())

	t.Setenv(adminPasswordEnv, testPassword)
	a, log := startAppLog(t, "-db", db)
	accounts := accountsOf(t, a.store)
	assert.Len(t, accounts, 1)
	assert.Equal(t, news.RoleAdmin, accounts["admin"].Role)
	assert.Contains(t, log.String(), "the demo newsroom's staff and articles are not created")
	assert.Len(t, allArticles(t, a.store, news.Query{}), 1)
}

// TestDemoStaff checks the demo newsroom: its accounts with their roles
// and scopes, and its articles, two in each state, each written by the
// reporter with revisions and audit entries of the staff who moved it.
func TestDemoStaff(t *testing.T) {
	t.Setenv(adminPasswordEnv, testPassword)
	a, _ := startAppLog(t, "-db", "memory")
	ctx := context.Background()
	tree, err := a.pub.CategoryTree(ctx)
	require.NoError(t, err)
	accounts := accountsOf(t, a.store)
	require.Len(t, accounts, 4)
	for _, tc := range []struct {
		username string
		role     news.Role
		scope    []uuid.UUID
	}{
		{"admin", news.RoleAdmin, nil},
		{"phongvien", news.RoleContributor, []uuid.UUID{tree.BySlug("khoa-hoc-cong-nghe").ID, tree.BySlug("doi-moi-sang-tao").ID}},
		{"bientap", news.RoleEditor, nil},
		{"lanhdao", news.RoleApprover, nil},
	} {
		acc := accounts[tc.username]
		require.NotNil(t, acc, tc.username)
		assert.Equal(t, tc.role, acc.Role, tc.username)
		assert.ElementsMatch(t, tc.scope, acc.Categories, tc.username)
		assert.False(t, acc.Disabled, tc.username)
	}

	root := actorOf(accounts["admin"])
	reporter := accounts["phongvien"].ID
	all := allArticles(t, a.store, news.Query{})
	byState := map[string]int{}
	for _, x := range staffArticles {
		i := slices.IndexFunc(all, func(y *news.Article) bool { return y.Title == x.title })
		require.GreaterOrEqual(t, i, 0, "%q is in the newsroom", x.title)
		art := all[i]
		state := string(art.Status)
		if art.Status == news.StatusPublished {
			assert.True(t, art.PublishAt.After(a.now()), "%q is scheduled", x.title)
			state = "scheduled"
		}
		assert.Equal(t, x.state, state, x.title)
		byState[state]++
		assert.Equal(t, reporter, art.OwnerID, x.title)
		assert.False(t, art.Visible(a.now()), x.title)

		revs, err := a.nr.Revisions(ctx, root, art.ID)
		require.NoError(t, err)
		want := map[string]int{"draft": 1, "submitted": 2, "returned": 3, "awaiting_approval": 3, "scheduled": 4}[x.state]
		if x.edit != "" {
			want++
		}
		assert.Len(t, revs, want, "%s revisions", x.title)
		audit, err := a.nr.Audit(ctx, root, news.AuditFilter{ObjectType: news.ObjectArticle, ObjectID: art.ID.String()})
		require.NoError(t, err)
		assert.Len(t, audit.Entries, want, "%s audit entries", x.title)
		last := slices.MaxFunc(revs, func(p, q *news.Revision) int { return p.Number - q.Number })
		assert.Equal(t, art.Revision, last.Number, x.title)
		switch x.state {
		case "returned":
			assert.Equal(t, x.comment, last.Note)
			assert.Equal(t, accounts["bientap"].ID, last.ActorID)
		case "scheduled":
			assert.Equal(t, news.ActionSchedule, last.Action)
			assert.Equal(t, accounts["lanhdao"].ID, last.ActorID)
		}
	}
	assert.Equal(t, map[string]int{"draft": 2, "submitted": 2, "awaiting_approval": 2, "returned": 2, "scheduled": 2}, byState)
}

// TestAdminUnauthenticated asks the demo's newsroom API without signing
// in: 401 with the JSON error, for reads and writes alike.
func TestAdminUnauthenticated(t *testing.T) {
	a, _ := startAppLog(t, "-db", "memory", "-demo=false")
	id := uuid.NewString()
	for _, tc := range []struct{ method, path, body string }{
		{"GET", "api/session", ""},
		{"GET", "api/articles", ""},
		{"POST", "api/articles", `{"title":"Tin chưa đăng nhập","category":"thong-bao"}`},
		{"GET", "api/articles/" + id, ""},
		{"PATCH", "api/articles/" + id, `{"title":"Sửa"}`},
		{"POST", "api/articles/" + id + "/approve", ""},
		{"GET", "api/articles/" + id + "/revisions", ""},
		{"GET", "api/accounts", ""},
		{"GET", "api/categories", ""},
		{"GET", "api/tokens", ""},
		{"GET", "api/audit", ""},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, a.siteURL+"admin/"+tc.path, strings.NewReader(tc.body))
			require.NoError(t, err)
			if tc.body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
			assert.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
			var e struct {
				Error struct{ Code, Message string }
			}
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&e))
			assert.Equal(t, "unauthorized", e.Error.Code)
			assert.NotEmpty(t, e.Error.Message)
		})
	}
}

// TestREADMECurlDemo runs the curl commands of the READMEs against the
// demo: the five of the root README's newsroom section as written (its
// address is the demo's default, moved to the test's port; its category is
// the demo's), and the leader's approval of this directory's README (its
// password placeholder set). The article each publishes is then on the
// demo's news pages.
func TestREADMECurlDemo(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not on PATH: %v", tool, err)
		}
	}
	defaults, err := parseFlags(nil, io.Discard)
	require.NoError(t, err)
	var awaiting []string
	for _, x := range staffArticles {
		if x.state == "awaiting_approval" {
			awaiting = append(awaiting, x.title)
		}
	}
	for _, tc := range []struct {
		readme, after string
		commands      int      // lines of the block
		titles        []string // the article published is one of these
	}{
		{filepath.Join("..", "..", "README.md"), "## For the newsroom", 6, []string{"Nghiệm thu đề tài khoa học cấp tỉnh"}},
		{"README.md", "The leader signs in", 5, awaiting},
	} {
		t.Run(tc.readme, func(t *testing.T) {
			readme, err := os.ReadFile(tc.readme)
			require.NoError(t, err)
			_, section, ok := strings.Cut(string(readme), tc.after)
			require.True(t, ok, "the README has %q", tc.after)
			_, script, ok := strings.Cut(section, "```sh\n")
			require.True(t, ok, "the section has its commands")
			script, _, _ = strings.Cut(script, "```")
			lines := strings.Split(strings.TrimSpace(script), "\n")
			require.Len(t, lines, tc.commands)

			t.Setenv(adminPasswordEnv, testPassword)
			a, _ := startAppLog(t, "-db", "memory")
			addr := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "A=") })
			require.GreaterOrEqual(t, addr, 0, "the commands set A")
			require.Equal(t, "A=http://"+defaults.addr+"/admin", lines[addr], "the README's address is the demo's default")
			lines[addr] = "A=" + a.siteURL + "admin"
			lines = slices.DeleteFunc(lines, func(l string) bool { return strings.HasPrefix(l, "export "+adminPasswordEnv+"=") })
			cmd := exec.Command("bash", "-euo", "pipefail", "-c", strings.Join(append(lines, "echo $ID"), "\n"))
			cmd.Dir = t.TempDir()
			cmd.Env = append(os.Environ(), adminPasswordEnv+"="+testPassword)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			outLines := strings.Split(strings.TrimSpace(string(out)), "\n")
			id, err := uuid.Parse(outLines[len(outLines)-1])
			require.NoError(t, err, "%s", out)

			art, err := a.pub.Article(context.Background(), id)
			require.NoError(t, err, "the article is public:\n%s", out)
			assert.Contains(t, tc.titles, art.Title)
			resp, body := get(t, a.siteURL+"news/articles/"+art.Slug)
			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Contains(t, body, art.Title)
			_, body = get(t, a.siteURL+"news/")
			assert.Contains(t, body, art.Title, "on the front of the news section")
		})
	}
}
