package widget_test

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
	"github.com/orgnews/orgnews/widget"
)

// exampleNews returns a public view with one published article.
func exampleNews() *news.Public {
	ctx := context.Background()
	store := memstore.New()
	svc := news.NewService(store, nil)
	cat, _ := svc.CreateCategory(ctx, news.CategoryInput{Name: "Hoạt động của Sở"})
	a, _ := svc.CreateDraft(ctx, news.ArticleInput{
		Title:      "Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2022–2025",
		BodyHTML:   "<p>Đại hội diễn ra tại Hội trường Sở.</p>",
		CategoryID: cat.ID,
	})
	svc.Schedule(ctx, a.ID, time.Date(2022, 11, 28, 9, 0, 0, 0, time.UTC))
	return news.NewPublic(store, nil)
}

// Mount the news section under /tin-tuc/ of a site with http.StripPrefix.
func ExampleNew() {
	h := widget.New(exampleNews(), &widget.Options{
		BaseURL:  "https://skhcn.example.gov.vn/tin-tuc/",
		SiteName: "Sở Khoa học và Công nghệ",
	})
	mux := http.NewServeMux()
	mux.Handle("/tin-tuc/", http.StripPrefix("/tin-tuc", h))

	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest("GET", "/tin-tuc/articles/dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2022-2025", nil))
	fmt.Println(rec.Code, rec.Header().Get("Content-Type"))
	fmt.Println(strings.Contains(rec.Body.String(), "<h1 class=\"article__title\">Đại hội Chi bộ"))
	// Output:
	// 200 text/html; charset=utf-8
	// true
}

// Mount the news section with chi: Mount needs no StripPrefix, the handler
// reads chi's route context.
func ExampleNew_chi() {
	h := widget.New(exampleNews(), &widget.Options{BaseURL: "https://skhcn.example.gov.vn/tin-tuc/"})
	r := chi.NewRouter()
	r.Mount("/tin-tuc", h)

	rec := httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest("GET", "/tin-tuc/api/articles?limit=1", nil))
	fmt.Println(rec.Code, rec.Header().Get("Access-Control-Allow-Origin"))
	fmt.Println(strings.Contains(rec.Body.String(), `"slug":"dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2022-2025"`))
	// Output:
	// 200 *
	// true
}

// Render the news box into a page of the host's own html/template.
func ExampleHandler_Box() {
	h := widget.New(exampleNews(), &widget.Options{BaseURL: "https://skhcn.example.gov.vn/tin-tuc/"})
	box, err := h.Box(context.Background(), widget.BoxParams{Limit: 3, Layout: "cards", Show: []string{"date", "image"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	page := template.Must(template.New("home").Parse(`<main><h1>Trang chủ</h1>{{.News}}</main>`))
	var b strings.Builder
	page.Execute(&b, map[string]any{"News": box})
	fmt.Println(strings.Contains(b.String(), `<section class="news-box news-box--cards news-theme-light" lang="vi" aria-label="Tin tức">`))
	// Output:
	// true
}

// Preview a draft with the article template readers will see it in. The
// newsroom serves it to signed-in staff: admin.New(nr,
// &admin.Options{Preview: h.Preview}). Readers still get 404.
func ExampleHandler_Preview() {
	ctx := context.Background()
	store := memstore.New()
	svc := news.NewService(store, nil)
	cat, _ := svc.CreateCategory(ctx, news.CategoryInput{Name: "Thông báo"})
	draft, _ := svc.CreateDraft(ctx, news.ArticleInput{
		Title:      "Thông báo tuyển chọn nhiệm vụ khoa học năm 2027",
		BodyHTML:   "<p>Sở nhận hồ sơ đề xuất đến hết tháng Ba.</p>",
		CategoryID: cat.ID,
	})
	h := widget.New(news.NewPublic(store, nil), &widget.Options{BaseURL: "https://skhcn.example.gov.vn/tin-tuc/"})

	page, err := h.Preview(ctx, draft, "vi")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(string(page), `<h1 class="article__title">Thông báo tuyển chọn nhiệm vụ khoa học năm 2027</h1>`))
	fmt.Println(strings.Contains(string(page), `<meta name="robots" content="noindex, nofollow">`))

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/tin-tuc/articles/"+draft.Slug, nil))
	fmt.Println(rec.Code)
	// Output:
	// true
	// true
	// 404
}

// Move the old portal's addresses of an imported article to its page: at
// the host's root, around the home page for "/?p=123" and where the host
// would answer 404 for old paths.
func ExampleHandler_Redirects() {
	ctx := context.Background()
	store := memstore.New()
	svc := news.NewService(store, nil)
	cat, _ := svc.CreateCategory(ctx, news.CategoryInput{Name: "Hoạt động của Sở"})
	a, _ := svc.CreateDraft(ctx, news.ArticleInput{
		Title:      "Đại hội Chi bộ Chuyên ngành",
		CategoryID: cat.ID,
		OldURLs:    []string{"https://old.skhcn.example.gov.vn/tin-tuc/dai-hoi-chi-bo-123.html", "/?p=123"},
	})
	svc.Publish(ctx, a.ID)
	h := widget.New(news.NewPublic(store, nil), &widget.Options{BaseURL: "https://skhcn.example.gov.vn/tin-tuc/"})

	home := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "trang chủ") })
	mux := http.NewServeMux()
	mux.Handle("/tin-tuc/", http.StripPrefix("/tin-tuc", h))
	mux.Handle("GET /{$}", h.Redirects(&widget.RedirectOptions{Fallback: home}))
	mux.Handle("/", h.Redirects(nil))

	for _, target := range []string{"/?p=123", "/Tin-Tuc/dai-hoi-chi-bo-123.html?utm_source=zalo", "/", "/gioi-thieu.html"} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		fmt.Println(strings.TrimSpace(fmt.Sprint(target, " ", rec.Code, " ", rec.Header().Get("Location"))))
	}
	// Output:
	// /?p=123 301 https://skhcn.example.gov.vn/tin-tuc/articles/dai-hoi-chi-bo-chuyen-nganh
	// /Tin-Tuc/dai-hoi-chi-bo-123.html?utm_source=zalo 301 https://skhcn.example.gov.vn/tin-tuc/articles/dai-hoi-chi-bo-chuyen-nganh
	// / 200
	// /gioi-thieu.html 404
}
