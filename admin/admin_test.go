package admin_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/admin"
	"github.com/orgnews/orgnews/news"
)

func TestCrossOriginRefused(t *testing.T) {
	f := newFixture(t, nil, &admin.Options{TrustedOrigins: []string{"https://cong.example.gov.vn"}})
	c := f.signIn("phongvien")
	a := c.draft("Kế hoạch kiểm tra đo lường", "khoa-hoc")
	url := "/admin/api/articles/" + a.ID.String() + "/submit"

	for _, tc := range []struct {
		name   string
		header []string
		status int
	}{
		{"a form on another site", []string{"Sec-Fetch-Site: cross-site", "Content-Type: application/x-www-form-urlencoded"}, 403},
		{"another origin, older browser", []string{"Origin: https://lua-dao.example.com"}, 403},
		{"a sibling subdomain", []string{"Sec-Fetch-Site: same-site", "Origin: https://tin.skhcn.example.gov.vn"}, 403},
		{"same origin", []string{"Sec-Fetch-Site: same-origin", "Origin: http://example.com"}, 200},
		{"a trusted origin", []string{"Sec-Fetch-Site: cross-site", "Origin: https://cong.example.gov.vn"}, 409}, // passes; already submitted
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := c.do("POST", url, "", tc.header...)
			require.Equal(t, tc.status, w.Code, w.Body.String())
			if tc.status == 403 {
				e := requireError(t, w, 403, "forbidden")
				assert.Contains(t, e.Error.Message, "cross-origin")
			}
		})
	}
	// Reading is not a change: a cross-site GET is served (SameSite=Lax
	// cookies and no CORS keep its answer from the other site).
	assert.Equal(t, http.StatusOK, c.do("GET", "/admin/api/session", "", "Sec-Fetch-Site: cross-site").Code)
	// Sign-in is a change too: a cross-site one is refused (login CSRF).
	w := f.anon().do("POST", "/admin/api/session", `{"username":"admin","password":"`+password+`"}`, "Sec-Fetch-Site: cross-site")
	requireError(t, w, http.StatusForbidden, "forbidden")
}

func TestHeadersAndRoutes(t *testing.T) {
	f := newFixture(t, nil, nil)
	c := f.signIn("bientap")
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/admin/api/nothing", 404, ""},
		{"GET", "/admin/api/articles/not-a-uuid", 404, ""},
		{"PUT", "/admin/api/articles", 405, "GET, HEAD, POST"},
		{"POST", "/admin/api/articles/0e3c6a9e-5f7b-4d2a-9c1e-2b8f4a6d7e10", 405, "GET, HEAD, PATCH, DELETE"},
		{"GET", "/admin/api/articles/0e3c6a9e-5f7b-4d2a-9c1e-2b8f4a6d7e10/publish", 405, "POST"},
		{"DELETE", "/admin/api/audit", 405, "GET, HEAD"},
		{"PATCH", "/admin/api/session", 405, "GET, HEAD, POST, DELETE"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			w := c.do(tc.method, tc.path, "")
			code := map[int]string{404: "not_found", 405: "method_not_allowed"}[tc.status]
			requireError(t, w, tc.status, code)
			assert.Equal(t, tc.allow, w.Header().Get("Allow"))
			assert.Equal(t, "no-store", w.Header().Get("Cache-Control"))
			assert.Equal(t, "Cookie, Authorization", w.Header().Get("Vary"))
			assert.Equal(t, "nosniff", w.Header().Get("X-Content-Type-Options"))
		})
	}
	w := c.do("HEAD", "/admin/api/articles", "")
	assert.Equal(t, http.StatusOK, w.Code)
}

func TestBodyLimits(t *testing.T) {
	f := newFixture(t, nil, &admin.Options{MaxBodyBytes: 1 << 10})
	c := f.signIn("phongvien")
	big := `{"title":"Tin dài","body":"` + strings.Repeat("chữ ", 400) + `"}`
	requireError(t, c.do("POST", "/admin/api/articles", big), http.StatusRequestEntityTooLarge, "too_large")
	requireError(t, c.do("POST", "/admin/api/articles", `{"title":"Tin"}`, "Content-Type: text/plain"), http.StatusUnsupportedMediaType, "unsupported_media_type")
	requireError(t, c.do("POST", "/admin/api/articles", "title=Tin", "Content-Type: application/x-www-form-urlencoded"), http.StatusUnsupportedMediaType, "unsupported_media_type")
	e := requireError(t, c.do("POST", "/admin/api/articles/"+f.cats["khoa-hoc"].String()+"/submit", `{"comment":"x","publish":true}`), http.StatusBadRequest, "invalid_parameter")
	assert.Equal(t, "publish", e.Error.Field)
	assert.Contains(t, e.Error.Message, "accepted: comment, publish_at")
}

// TestMounted drives the handler over a real connection, mounted under a
// prefix of a ServeMux beside other routes, with a cookie jar as curl
// uses one: the five commands of the README.
func TestMounted(t *testing.T) {
	f := newFixture(t, nil, nil)
	mux := http.NewServeMux()
	mux.Handle("/admin/", http.StripPrefix("/admin", f.h))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "trang chủ") })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	hc := &http.Client{Jar: jar}
	post := func(path, body string) map[string]any {
		t.Helper()
		resp, err := hc.Post(srv.URL+path, "application/json", strings.NewReader(body))
		require.NoError(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		require.Less(t, resp.StatusCode, 300, string(b))
		var out map[string]any
		require.NoError(t, json.Unmarshal(b, &out))
		return out
	}

	post("/admin/api/session", `{"username":"lanhdao","password":"`+password+`"}`)
	u, err := url.Parse(srv.URL + "/admin/api/")
	require.NoError(t, err)
	require.Len(t, jar.Cookies(u), 1, "the cookie is sent under the mount path")
	root, err := url.Parse(srv.URL + "/")
	require.NoError(t, err)
	assert.Empty(t, jar.Cookies(root), "and nowhere else")

	a := post("/admin/api/articles", `{"title":"Sở Khoa học và Công nghệ công bố danh mục nhiệm vụ năm 2027","category_id":"`+f.cats["khoa-hoc"].String()+`","body":"<p>Danh mục gồm 12 nhiệm vụ cấp tỉnh.</p>"}`)
	id := a["id"].(string)
	post("/admin/api/articles/"+id+"/submit", "")
	post("/admin/api/articles/"+id+"/send-for-approval", "")
	got := post("/admin/api/articles/"+id+"/approve", `{"comment":"Đồng ý đăng."}`)
	assert.Equal(t, string(news.StatusPublished), got["status"])

	resp, err := hc.Get(srv.URL + "/")
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

// TestREADMECurl runs the README's five curl commands against a server
// like the demo's, and checks that the article they write is published.
func TestREADMECurl(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not on PATH: %v", tool, err)
		}
	}
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	require.NoError(t, err)
	_, section, ok := strings.Cut(string(readme), "## For the newsroom")
	require.True(t, ok, "the README has its newsroom section")
	_, script, ok := strings.Cut(section, "```sh\n")
	require.True(t, ok, "the section has its commands")
	script, _, _ = strings.Cut(script, "```")
	lines := strings.Split(strings.TrimSpace(script), "\n")
	require.Len(t, lines, 6, "A= and five commands")
	require.True(t, strings.HasPrefix(lines[0], "A=http://127.0.0.1:8080/admin"), lines[0])

	f := newFixture(t, nil, nil)
	_, err = f.nr.CreateCategory(t.Context(), f.actor("admin"), news.CategoryInput{Slug: "khoa-hoc-cong-nghe", Name: "Khoa học - Công nghệ"})
	require.NoError(t, err)
	srv := httptest.NewServer(f.srv)
	defer srv.Close()
	lines[0] = "A=" + srv.URL + "/admin"
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", strings.Join(append(lines, "echo $ID"), "\n"))
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "NEWSROOM_ADMIN_PASSWORD="+password)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	outLines := strings.Split(strings.TrimSpace(string(out)), "\n")
	id, err := uuid.Parse(outLines[len(outLines)-1])
	require.NoError(t, err, "%s", out)
	a, err := news.NewPublic(f.store, &news.PublicOptions{Now: f.clock.Now}).Article(t.Context(), id)
	require.NoError(t, err, "the article is public:\n%s", out)
	assert.Equal(t, "Nghiệm thu đề tài khoa học cấp tỉnh", a.Title)
}

// TestMountedInChi mounts the handler in a chi router, whose Mount keeps
// the whole path, through http.StripPrefix.
func TestMountedInChi(t *testing.T) {
	f := newFixture(t, nil, nil)
	r := chi.NewRouter()
	r.Mount("/quan-tri", http.StripPrefix("/quan-tri", f.h))
	f.srv = r
	c := f.anon()
	requireError(t, c.do("GET", "/quan-tri/api/session", ""), http.StatusUnauthorized, "unauthorized")
	w := c.do("POST", "/quan-tri/api/session", `{"username":"bientap","password":"`+password+`"}`)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	ck := sessionCookie(t, w)
	assert.Equal(t, "/quan-tri/", ck.Path)
	c.cookie = ck.Value
	requireError(t, c.do("PUT", "/quan-tri/api/session", ""), http.StatusMethodNotAllowed, "method_not_allowed")
	assert.Equal(t, http.StatusOK, c.do("GET", "/quan-tri/api/categories", "").Code)
}
