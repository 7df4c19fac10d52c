package widget_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/widget"
)

// A blockingSource holds every search until release is closed, and counts
// the searches running at once.
type blockingSource struct {
	widget.Source
	entered chan struct{}
	release chan struct{}

	mu            sync.Mutex
	running, peak int
}

func (b *blockingSource) Articles(ctx context.Context, q news.Query) (*news.Page, error) {
	if q.Text == "" {
		return b.Source.Articles(ctx, q)
	}
	b.mu.Lock()
	b.running++
	b.peak = max(b.peak, b.running)
	b.mu.Unlock()
	b.entered <- struct{}{}
	<-b.release
	b.mu.Lock()
	b.running--
	b.mu.Unlock()
	return b.Source.Articles(ctx, q)
}

// TestSearchLimit runs more searches than the handler takes at once and
// queues: exactly one beyond MaxSearches+SearchQueue is refused with 503
// and Retry-After, JSON in the API and a page on the search page, while the
// other pages still answer; once the store answers, every admitted search
// does.
func TestSearchLimit(t *testing.T) {
	for _, tc := range []struct {
		name, target string
		json         bool
	}{
		{"page", "/search?q=", false},
		{"api", "/api/articles?q=", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const maxSearches, queue = 2, 3
			s := newNewsSite(t, nil)
			src := &blockingSource{Source: s.pub, entered: make(chan struct{}, maxSearches+queue+1), release: make(chan struct{})}
			h := widget.New(src, &widget.Options{BaseURL: testBase, Location: ict, MaxSearches: maxSearches, SearchQueue: queue})

			type answer struct {
				code      int
				retry, ct string
				body      string
			}
			answers := make(chan answer, maxSearches+queue+1)
			var wg sync.WaitGroup
			for i := range maxSearches + queue + 1 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					res, body := get(t, h, fmt.Sprintf("%shoi+nghi+%d", tc.target, i))
					answers <- answer{res.StatusCode, res.Header.Get("Retry-After"), res.Header.Get("Content-Type"), body}
				}()
			}
			busy := <-answers // the only answer possible while the store holds every search
			require.Equal(t, http.StatusServiceUnavailable, busy.code, busy.body)
			assert.NotEmpty(t, busy.retry, "Retry-After")
			if tc.json {
				var e struct {
					Error struct{ Code, Message string }
				}
				require.NoError(t, json.Unmarshal([]byte(busy.body), &e))
				assert.Equal(t, "search_busy", e.Error.Code)
			} else {
				assert.Contains(t, busy.ct, "text/html")
				assert.Contains(t, busy.body, "Tìm kiếm đang bận")
			}

			res, _ := get(t, h, "/")
			assert.Equal(t, http.StatusOK, res.StatusCode, "the index while searches wait")
			res, _ = get(t, h, "/search")
			assert.Equal(t, http.StatusOK, res.StatusCode, "the search form while searches wait")

			for range maxSearches {
				<-src.entered
			}
			close(src.release)
			wg.Wait()
			close(answers)
			for a := range answers {
				assert.Equal(t, http.StatusOK, a.code, a.body)
			}
			assert.Equal(t, maxSearches, src.peak, "searches at once")
		})
	}
}

// TestSearchBounds checks the bounds of a search: too long or too many
// words is 400 naming q, JSON in the API and a readable page on the search
// page; a search of no letter or digit finds nothing, never every article.
func TestSearchBounds(t *testing.T) {
	s := newNewsSite(t, nil)
	long := strings.Repeat("á", 129) // 258 bytes, 129 characters
	many := strings.Repeat("a b c d e f g h i j k l m n o p ", 1) + "q"
	for _, tc := range []struct{ name, q, rule string }{
		{"bytes", long, "longer than 256 bytes"},
		{"words", many, "more than 16 distinct words"},
		{"control", "a\x01b", "contains control characters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := url.Values{"q": {tc.q}}.Encode()
			res, body := get(t, s.h, "/api/articles?"+v)
			require.Equal(t, http.StatusBadRequest, res.StatusCode, body)
			var e struct {
				Error struct{ Code, Field, Message string }
			}
			require.NoError(t, json.Unmarshal([]byte(body), &e))
			assert.Equal(t, "q", e.Error.Field)
			assert.Contains(t, e.Error.Message, tc.rule)

			res, body = get(t, s.h, "/search?"+v)
			require.Equal(t, http.StatusBadRequest, res.StatusCode)
			assert.Contains(t, res.Header.Get("Content-Type"), "text/html")
			assert.Contains(t, body, "Yêu cầu không hợp lệ")
			assert.Contains(t, body, "q: "+tc.rule)
		})
	}
	t.Run("repeated words count once", func(t *testing.T) {
		res, _ := get(t, s.h, "/api/articles?"+url.Values{"q": {strings.Repeat("t ", 100)}}.Encode())
		assert.Equal(t, http.StatusOK, res.StatusCode)
	})
	for _, q := range []string{"😀", `"`, "*", "- ,"} {
		t.Run("no word "+q, func(t *testing.T) {
			v := url.Values{"q": {q}}.Encode()
			res, body := get(t, s.h, "/api/articles?"+v)
			require.Equal(t, http.StatusOK, res.StatusCode, body)
			assert.JSONEq(t, `{"articles":[],"next_cursor":null,"total":0,"total_capped":false,"sort":"relevance"}`, body)
			res, body = get(t, s.h, "/search?"+v)
			require.Equal(t, http.StatusOK, res.StatusCode)
			assert.Contains(t, body, "Không tìm thấy tin nào phù hợp.")
			assert.NotContains(t, body, `class="card`)
		})
	}
}

// TestSearchHighlight checks the marks of the search results, on the page
// and in the API: the words that match, in <mark>, the rest escaped.
func TestSearchHighlight(t *testing.T) {
	s := newNewsSite(t, nil)
	_, body := get(t, s.h, "/search?q=dai+hoi")
	assert.Contains(t, body, "<mark>Đại</mark> <mark>hội</mark> Chi bộ Chuyên ngành")
	assert.Contains(t, body, `<p class="card__summary card__excerpt">`)

	_, body = get(t, s.h, "/search?q=script+alert")
	assert.Contains(t, body, "&lt;/<mark>script</mark>&gt;&lt;<mark>script</mark>&gt;<mark>alert</mark>(1)")
	assert.NotContains(t, body, "<script>alert")
	assert.NotContains(t, body, "<img src=x")

	_, body = get(t, s.h, "/api/articles?q=script")
	var res struct {
		Articles []struct {
			Title       string
			TitleHTML   string `json:"title_html"`
			ExcerptHTML string `json:"excerpt_html"`
		}
	}
	require.NoError(t, json.Unmarshal([]byte(body), &res))
	require.NotEmpty(t, res.Articles)
	assert.Contains(t, res.Articles[0].TitleHTML, "&lt;/<mark>script</mark>&gt;")
	assert.NotContains(t, res.Articles[0].TitleHTML, "<script>")
	assert.Contains(t, body, `"excerpt_html":`)

	_, body = get(t, s.h, "/api/articles")
	assert.NotContains(t, body, "excerpt_html", "only search results have excerpts")
}

// TestSearchMarks checks what the search page and the API mark, by the
// rule of news.Highlight: a phrase as one mark, words each, and nothing
// else; the excerpt from the summary, or from the body when only the body
// holds a phrase of the search.
func TestSearchMarks(t *testing.T) {
	s := newNewsSite(t, nil)
	markRE := regexp.MustCompile(`<mark>(.*?)</mark>`)
	for _, tc := range []struct {
		name, q      string
		marks        []string // the distinct texts marked on the page, sorted
		title, quote string   // the title's HTML, a part of the excerpt's
	}{
		{"words", "dai hoi", []string{"hội", "Đại"},
			"<mark>Đại</mark> <mark>hội</mark> Chi bộ Chuyên ngành nhiệm kỳ 2022–2025",
			"tổ chức thành công <mark>Đại</mark> <mark>hội</mark> nhiệm kỳ"},
		{"a phrase", `"đại hội"`, []string{"Đại hội"},
			"<mark>Đại hội</mark> Chi bộ Chuyên ngành nhiệm kỳ 2022–2025",
			"tổ chức thành công <mark>Đại hội</mark> nhiệm kỳ"},
		{"a phrase only the body holds", `"hội trường"`, []string{"Hội trường"},
			"Đại hội Chi bộ Chuyên ngành nhiệm kỳ 2022–2025",
			"tại <mark>Hội trường</mark> Sở, Chi bộ"},
		{"an accented word", "Chuyên", []string{"Chuyên", "chuyên"},
			"Đại hội Chi bộ <mark>Chuyên</mark> ngành nhiệm kỳ 2022–2025",
			"Chi bộ <mark>Chuyên</mark> ngành tổ chức"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := url.Values{"q": {tc.q}}.Encode()
			_, body := get(t, s.h, "/search?"+v)
			seen := map[string]bool{}
			for _, m := range markRE.FindAllStringSubmatch(body, -1) {
				seen[html.UnescapeString(m[1])] = true
			}
			got := slices.Sorted(maps.Keys(seen))
			assert.Equal(t, tc.marks, got, "marked on /search?%s", v)
			assert.Contains(t, body, `/articles/dai-hoi">`+tc.title+`</a>`)
			assert.Contains(t, body, tc.quote)

			_, body = get(t, s.h, "/api/articles?"+v)
			type result struct {
				Slug        string
				TitleHTML   string `json:"title_html"`
				ExcerptHTML string `json:"excerpt_html"`
			}
			var res struct{ Articles []result }
			require.NoError(t, json.Unmarshal([]byte(body), &res), body)
			i := slices.IndexFunc(res.Articles, func(a result) bool { return a.Slug == "dai-hoi" })
			require.GreaterOrEqual(t, i, 0, "dai-hoi in %s", body)
			assert.Equal(t, tc.title, res.Articles[i].TitleHTML)
			assert.Contains(t, res.Articles[i].ExcerptHTML, tc.quote)
		})
	}
}

// TestSearchCountSort checks the count of a search, the links to either
// order, that paging keeps the order, and the API's total and sort.
func TestSearchCountSort(t *testing.T) {
	s := newNewsSite(t, nil)
	_, body := get(t, s.h, "/api/articles?q=thong+bao&sort=newest")
	var res struct {
		Total       int    `json:"total"`
		TotalCapped bool   `json:"total_capped"`
		Sort        string `json:"sort"`
		Articles    []json.RawMessage
	}
	require.NoError(t, json.Unmarshal([]byte(body), &res), body)
	require.Greater(t, res.Total, 5, "more than a page")
	assert.False(t, res.TotalCapped)
	assert.Equal(t, "newest", res.Sort)

	_, body = get(t, s.h, "/search?q=thong+bao&sort=newest")
	assert.Contains(t, body, fmt.Sprintf(`<p class="search-count" role="status">%d kết quả</p>`, res.Total))
	assert.Contains(t, body, `<a href="https://skhcn.example.gov.vn/tin-tuc/search?q=thong&#43;bao&amp;sort=newest" aria-current="true">Mới nhất</a>`)
	assert.Contains(t, body, `<a href="https://skhcn.example.gov.vn/tin-tuc/search?q=thong&#43;bao">Phù hợp nhất</a>`)
	assert.Contains(t, body, `<input type="hidden" name="sort" value="newest">`)
	assert.Regexp(t, `rel="next"|href="[^"]*sort=newest[^"]*cursor=`, body)
	assert.Regexp(t, `class="pager__next" href="[^"]*cursor=[^"]*sort=newest`, body, "the next page keeps the order")

	_, body = get(t, s.h, "/search?q=thong+bao&lang=en")
	assert.Contains(t, body, fmt.Sprintf("%d results", res.Total))

	res2, body := get(t, s.h, "/search?q=thong+bao&sort=oldest")
	assert.Equal(t, http.StatusBadRequest, res2.StatusCode)
	assert.Contains(t, body, "sort: must be one of relevance, newest")
}

// TestSearchSuggest checks that an accented search that finds nothing
// suggests the search without marks, and an unaccented one does not.
func TestSearchSuggest(t *testing.T) {
	s := newNewsSite(t, nil)
	_, body := get(t, s.h, "/search?q=b%C6%B0%E1%BB%9Fi") // "bưởi"
	assert.Contains(t, body, "Không tìm thấy tin nào phù hợp.")
	assert.Contains(t, body, `Thử tìm không dấu: <a href="https://skhcn.example.gov.vn/tin-tuc/search?q=buoi">buoi</a>`)
	_, body = get(t, s.h, "/search?q=buoi")
	assert.NotContains(t, body, "Thử tìm không dấu")
}

// TestSearchErrorGolden compares the search page's and the API's answers
// to a search too long (400) and to one beyond the searches the handler
// takes (503) with the golden files, in Vietnamese and in English, and
// checks their status, type and headers.
func TestSearchErrorGolden(t *testing.T) {
	s := newNewsSite(t, nil)
	src := &blockingSource{Source: s.pub, entered: make(chan struct{}, 1), release: make(chan struct{})}
	busy := widget.New(src, &widget.Options{BaseURL: testBase, Location: ict, SiteName: "Sở Khoa học và Công nghệ", MaxSearches: 1, SearchQueue: -1})
	held := make(chan struct{})
	go func() {
		defer close(held)
		get(t, busy, "/api/articles?q=hoi+nghi") // holds the only turn until release
	}()
	<-src.entered
	t.Cleanup(func() {
		close(src.release)
		<-held
	})
	long := url.Values{"q": {strings.Repeat("hội nghị ", 19) + "khoa học"}}.Encode() // 257 bytes
	for _, tc := range []struct {
		file, target string
		h            http.Handler
		status       int
		ct           string
	}{
		{"search-bad.html", "/search?" + long, s.h, http.StatusBadRequest, "text/html; charset=utf-8"},
		{"search-bad-en.html", "/search?lang=en&" + long, s.h, http.StatusBadRequest, "text/html; charset=utf-8"},
		{"api-search-bad.json", "/api/articles?" + long, s.h, http.StatusBadRequest, "application/json"},
		{"search-busy.html", "/search?q=h%E1%BB%99i+ngh%E1%BB%8B", busy, http.StatusServiceUnavailable, "text/html; charset=utf-8"},
		{"search-busy-en.html", "/search?q=h%E1%BB%99i+ngh%E1%BB%8B&lang=en", busy, http.StatusServiceUnavailable, "text/html; charset=utf-8"},
		{"api-search-busy.json", "/api/articles?q=h%E1%BB%99i+ngh%E1%BB%8B", busy, http.StatusServiceUnavailable, "application/json"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			res, body := get(t, tc.h, tc.target)
			require.Equal(t, tc.status, res.StatusCode, body)
			assert.Contains(t, res.Header.Get("Content-Type"), tc.ct)
			if tc.status == http.StatusServiceUnavailable {
				assert.Equal(t, "2", res.Header.Get("Retry-After"))
			}
			if strings.HasSuffix(tc.file, ".html") {
				assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
				assert.NotEmpty(t, res.Header.Get("Content-Security-Policy"))
			} else {
				assert.Equal(t, "*", res.Header.Get("Access-Control-Allow-Origin"))
				assert.True(t, json.Valid([]byte(body)), body)
			}
			goldenBody(t, tc.file, tc.target, body)
		})
	}
}
