package admin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/orgnews/orgnews/admin"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/widget"
)

// A site mounts the newsroom at /admin/ beside the readers' news at
// /news/, both over one store: the newsroom writes through the
// news.Newsroom, readers read through the news.Public view.
func ExampleNew() {
	store := memstore.New()
	nr := news.NewNewsroom(store, nil)
	if _, err := nr.Bootstrap(context.Background(), news.AccountInput{
		Username: "admin", DisplayName: "Quản trị", Password: "mat-khau-du-dai-2026",
	}); err != nil {
		log.Fatal(err)
	}

	mux := http.NewServeMux()
	mux.Handle("/admin/", http.StripPrefix("/admin", admin.New(nr, nil)))
	mux.Handle("/news/", http.StripPrefix("/news", widget.New(news.NewPublic(store, nil), nil)))

	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("GET", "/admin/api/session", nil))
	fmt.Println(w.Code, w.Header().Get("Cache-Control"))
	fmt.Print(w.Body.String())
	// Output:
	// 401 no-store
	// {"error":{"code":"unauthorized","message":"not signed in: sign in with POST api/session or send Authorization: Bearer \u003ctoken\u003e"}}
}

// A contributor signs in and writes a draft, submits it; an editor sends
// it for approval; an approver approves it, and it is published. Each
// step is a POST with a session cookie, as the README's curl commands
// send them.
func Example_publish() {
	store := memstore.New()
	nr := news.NewNewsroom(store, nil)
	ctx := context.Background()
	root, err := nr.Bootstrap(ctx, news.AccountInput{Username: "admin", DisplayName: "Quản trị", Password: "mat-khau-du-dai-2026"})
	if err != nil {
		log.Fatal(err)
	}
	adm := news.Actor{AccountID: root.ID, Username: root.Username, Name: root.DisplayName, Role: root.Role}
	cat, err := nr.CreateCategory(ctx, adm, news.CategoryInput{Name: "Khoa học và công nghệ"})
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range []news.AccountInput{
		{Username: "phongvien", DisplayName: "Phóng viên", Role: news.RoleContributor},
		{Username: "bientap", DisplayName: "Biên tập viên", Role: news.RoleEditor},
		{Username: "lanhdao", DisplayName: "Lãnh đạo Sở", Role: news.RoleApprover},
	} {
		a.Password = "mat-khau-du-dai-2026"
		if _, err := nr.CreateAccount(ctx, adm, a); err != nil {
			log.Fatal(err)
		}
	}

	mux := http.NewServeMux()
	mux.Handle("/admin/", http.StripPrefix("/admin", admin.New(nr, nil)))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	// as returns a browser signed in as username.
	as := func(username string) *http.Client {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar}
		post(c, srv.URL+"/admin/api/session", `{"username":"`+username+`","password":"mat-khau-du-dai-2026"}`)
		return c
	}
	writer, editor, approver := as("phongvien"), as("bientap"), as("lanhdao")

	a := post(writer, srv.URL+"/admin/api/articles",
		`{"title":"Nghiệm thu mô hình trồng nấm dược liệu","category_id":"`+cat.ID.String()+`","body":"<p>Mô hình cho năng suất cao.</p>"}`)
	id := a["id"].(string)
	post(writer, srv.URL+"/admin/api/articles/"+id+"/submit", "")
	post(editor, srv.URL+"/admin/api/articles/"+id+"/send-for-approval", `{"comment":"Đã biên tập."}`)
	post(approver, srv.URL+"/admin/api/articles/"+id+"/approve", "")

	page, err := news.NewPublic(store, nil).Articles(ctx, news.Query{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("readers see:", page.Articles[0].Title)
	// Output:
	// POST /admin/api/session: 201 Created
	// POST /admin/api/session: 201 Created
	// POST /admin/api/session: 201 Created
	// POST /admin/api/articles: 201 Created draft
	// POST /admin/api/articles/{id}/submit: 200 OK submitted
	// POST /admin/api/articles/{id}/send-for-approval: 200 OK awaiting_approval
	// POST /admin/api/articles/{id}/approve: 200 OK published
	// readers see: Nghiệm thu mô hình trồng nấm dược liệu
}

// post sends body as JSON, prints the status and the article's status
// when there is one, and returns the answer.
func post(c *http.Client, url, body string) map[string]any {
	resp, err := c.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		log.Fatal(err)
	}
	path := resp.Request.URL.Path
	if id, ok := out["id"].(string); ok {
		path = strings.Replace(path, id, "{id}", 1)
	}
	fmt.Println(strings.TrimSpace("POST " + path + ": " + resp.Status + " " + orEmpty(out["status"])))
	return out
}

// orEmpty returns v as a string, or "" when it is not one.
func orEmpty(v any) string {
	s, _ := v.(string)
	return s
}

// The pages are served by the same handler: a page asked for without a
// session goes to the sign-in form, which comes back to it. Options set
// the site's time zone and the preview of drafts: Preview renders an
// article as readers will see it (a site that mounts the widget gives its
// article template here), and the editor's preview page serves it to
// signed-in staff under a "bản xem trước" band.
func ExampleOptions_preview() {
	nr := news.NewNewsroom(memstore.New(), nil)
	page := template.Must(template.New("article").Parse(
		`<!doctype html><html lang="{{.Lang}}"><head><title>{{.A.Title}}</title></head><body><h1>{{.A.Title}}</h1><p>{{.A.Summary}}</p></body></html>`))
	h := admin.New(nr, &admin.Options{
		Location: time.FixedZone("ICT", 7*60*60),
		Preview: func(ctx context.Context, a *news.Article, lang string) ([]byte, error) {
			var buf bytes.Buffer
			err := page.Execute(&buf, map[string]any{"A": a, "Lang": lang})
			return buf.Bytes(), err
		},
	})
	mux := http.NewServeMux()
	mux.Handle("/admin/", http.StripPrefix("/admin", h))

	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("GET", "/admin/articles?state=draft", nil))
	fmt.Println(w.Code, w.Header().Get("Location"))
	// Output:
	// 303 /admin/sign-in?next=%2Fadmin%2Farticles%3Fstate%3Ddraft
}
