package widget_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/widget"
)

// A logBuffer collects a logger's output; it is safe for concurrent use.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestBoxUnknownCategory checks what a partner's page shows when its box
// asks for a category the site does not have (a typo, a category renamed
// or removed): /embed and /fragment answer 404 with a short notice in the
// box's language and a link to the news section, never a JSON error;
// /api/box answers a 404 JSON error naming the parameter, from which the
// web component shows the same notice. Each is logged for the site's
// owner with the page that asked.
func TestBoxUnknownCategory(t *testing.T) {
	log := &logBuffer{}
	s := newNewsSite(t, &widget.Options{Logger: slog.New(slog.NewTextHandler(log, nil))})
	const news = "https://skhcn.example.gov.vn/tin-tuc/"
	tests := []struct {
		name, target, ctype string
		want                []string
	}{
		{"embed", "/embed?category=khong-co&limit=5", "text/html; charset=utf-8", []string{
			"<!doctype html>", `<html lang="vi">`,
			`<p class="news-box__empty">Không tìm thấy chuyên mục tin này`,
			`<a href="` + news + `" target="_top">Xem tất cả tin tức</a>`,
			`<h2 class="news-box__title"><a href="` + news + `" target="_top">Tin tức</a></h2>`,
		}},
		{"embed in English", "/embed?category=khong-co&lang=en&theme=dark&layout=ticker", "text/html; charset=utf-8", []string{
			`<html lang="en">`, "news-box--ticker news-theme-dark",
			`<p class="news-box__empty">This news category could not be found`,
			`<a href="` + news + `" target="_top">See all news</a>`,
		}},
		{"fragment", "/fragment?category=khong-co&layout=cards", "text/html; charset=utf-8", []string{
			`<link rel="stylesheet" href="` + news + `assets/`, `<section class="news-box news-box--cards`,
			`<p class="news-box__empty">Không tìm thấy chuyên mục tin này`,
			`<a href="` + news + `">Xem tất cả tin tức</a>`,
		}},
		{"api", "/api/box?category=khong-co", "application/json; charset=utf-8", []string{
			`{"error":{"code":"not_found","field":"category","message":"category: no category \"khong-co\""}}`,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, body := get(t, s.h, tc.target, "Referer", "https://cong.example.gov.vn/trang-chu")
			assert.Equal(t, http.StatusNotFound, res.StatusCode)
			assert.Equal(t, tc.ctype, res.Header.Get("Content-Type"))
			assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))
			for _, w := range tc.want {
				assert.Contains(t, body, w)
			}
			assert.NotContains(t, body, "news-box__link", "no article")
			if tc.ctype != "application/json; charset=utf-8" {
				assert.NotContains(t, body, `"error"`, "no JSON in a page")
			}
			if strings.HasPrefix(tc.target, "/embed") {
				assert.Contains(t, res.Header.Get("Content-Security-Policy"), "frame-ancestors", "the notice is framed like the box")
			}
			assert.Contains(t, log.String(), `level=WARN msg="widget: a news box asks for a category that does not exist" category=khong-co path=`+strings.SplitN(tc.target, "?", 2)[0]+` referer=https://cong.example.gov.vn/trang-chu`)
		})
	}

	// HEAD gets the status and no body.
	res, body := do(t, s.h, http.MethodHead, "/embed?category=khong-co")
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	assert.Empty(t, body)

	// A category that exists still gets its box, and other bad parameters
	// their 400 JSON error.
	res, body = get(t, s.h, "/embed?category=hoat-dong")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body, "news-box__link")
	res, body = get(t, s.h, "/embed?category=khong-co&limit=99")
	require.Equal(t, http.StatusBadRequest, res.StatusCode)
	var e struct{ Error struct{ Code, Field string } }
	require.NoError(t, json.Unmarshal([]byte(body), &e))
	assert.Equal(t, "limit", e.Error.Field)
}
