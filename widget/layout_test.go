package widget_test

import (
	"fmt"
	"html/template"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/widget"
)

// hostLayout is a department's own page frame, as a host writes it for
// Options.Layout.
const hostLayout = `<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
{{.Head}}
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<header class="masthead"><a href="/">Sở Khoa học và Công nghệ tỉnh Hòa An</a>
<nav><a href="/">Trang chủ</a> <a href="{{.Home}}">Tin tức</a></nav></header>
{{.Body}}
<footer class="department">Số 12 đường Trần Hưng Đạo, thành phố Hòa An{{if ne .Status 200}} · mã {{.Status}}{{end}}</footer>
</body>
</html>
`

// Wrap every news page in the host site's own header, navigation and
// footer, so that the news section is part of the site.
func ExampleOptions_layout() {
	layout := template.Must(template.New("news").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
{{.Head}}
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<header class="masthead"><a href="/">Sở Khoa học và Công nghệ</a> <a href="{{.Home}}">Tin tức</a></header>
{{.Body}}
<footer>Số 12 đường Trần Hưng Đạo</footer>
</body>
</html>`))
	h := widget.New(exampleNews(), &widget.Options{
		BaseURL: "https://skhcn.example.gov.vn/tin-tuc/",
		Layout:  layout,
	})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/articles/dai-hoi-chi-bo-chuyen-nganh-nhiem-ky-2022-2025", nil))
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if strings.HasPrefix(line, "<title>") || strings.HasPrefix(line, "<header class=\"masthead\"") ||
			strings.HasPrefix(line, "<h1") || strings.HasPrefix(line, "<footer>") {
			fmt.Println(line)
		}
	}
	// Output:
	// <title>Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2022–2025 – Tin tức</title>
	// <header class="masthead"><a href="/">Sở Khoa học và Công nghệ</a> <a href="https://skhcn.example.gov.vn/tin-tuc/">Tin tức</a></header>
	// <h1 class="article__title">Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2022–2025</h1>
	// <footer>Số 12 đường Trần Hưng Đạo</footer>
}

// TestLayout checks that Options.Layout wraps every news page, error pages
// included, in the host's frame: one document, the host's header with its
// link home, the page's title, head tags and content, and its status.
func TestLayout(t *testing.T) {
	layout := template.Must(template.New("host").Parse(hostLayout))
	s := newNewsSite(t, &widget.Options{Layout: layout})
	plain := newNewsSite(t, nil)
	for _, tc := range []struct {
		target   string
		status   int
		contains []string
	}{
		{"/", 200, []string{`<title>Tin mới nhất – Sở Khoa học và Công nghệ</title>`, `<link rel="canonical" href="` + testBase + `">`,
			`<h1 class="page-title">Tin mới nhất</h1>`}},
		{"/articles/dai-hoi?lang=en", 200, []string{`<html lang="en">`, `<title>Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2022–2025 – Sở Khoa học và Công nghệ</title>`,
			`<script type="application/ld+json">`, `<meta property="og:title"`, `<article class="article" lang="vi">`, `<nav><a href="/">Trang chủ</a> <a href="` + testBase + `?lang=en">Tin tức</a></nav>`}},
		{"/categories/khong-co", 404, []string{"Không tìm thấy trang", "· mã 404</footer>"}},
		{"/?lang=fr", 400, []string{"Yêu cầu không hợp lệ", "· mã 400</footer>"}},
	} {
		t.Run(tc.target, func(t *testing.T) {
			res, body := get(t, s.h, tc.target)
			require.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
			assert.Len(t, regexp.MustCompile(`<html`).FindAllString(body, -1), 1, "one document")
			assert.Len(t, regexp.MustCompile(`<body>`).FindAllString(body, -1), 1, "one body")
			for _, w := range append(tc.contains, `<header class="masthead"><a href="/">Sở Khoa học và Công nghệ tỉnh Hòa An</a>`,
				`<link rel="stylesheet" href="/static/site.css">`, `<main id="main" class="site-main"`, `<footer class="department">`) {
				assert.Contains(t, body, w)
			}
			assert.Less(t, strings.Index(body, "assets/page."), strings.Index(body, "/static/site.css"), "the host's stylesheet comes last")
			assert.Regexp(t, `<a class="site-name" href="[^"]*">(Tin tức|News)</a>`, body, "under the host's header, the section is named, not the site")
			_, own := get(t, plain.h, tc.target)
			assert.NotContains(t, own, "masthead")
		})
	}
	assert.PanicsWithValue(t, `widget: Options.Layout needs the blocks "page-head" and "page-body" that Options.Templates' layout.html does not define`, func() {
		widget.New(s.pub, &widget.Options{Layout: layout, Templates: fstest.MapFS{
			"layout.html": {Data: []byte(`{{define "layout"}}<html>{{template "content" .}}</html>{{end}}{{define "head"}}{{end}}{{define "header"}}{{end}}{{define "footer"}}{{end}}`)},
		}})
	})
}
