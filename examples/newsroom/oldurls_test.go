package main

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDemoOldURLs checks that the demo moves the old URLs of its content
// (demo.json's "old_urls") to the article's page under /news/, from the
// site's root and from within the news section, and leaves the home page
// and the site's 404 page as they were.
func TestDemoOldURLs(t *testing.T) {
	a := startApp(t, "-db", "memory")
	article := a.siteURL + "news/articles/kiem-tra-do-luong-cot-do-xang-dau-tai-48-cua-hang-tren-dia-ban-tinh"
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		path     string
		status   int
		location string
	}{
		{"tin-tuc/kiem-tra-do-luong-cot-do-xang-dau-1234.html", http.StatusMovedPermanently, article},
		{"?p=1234", http.StatusMovedPermanently, article},
		{"?p=1234&utm_source=zalo", http.StatusMovedPermanently, article},
		{"news/?p=1234", http.StatusMovedPermanently, article},
		{"", http.StatusOK, ""},
		{"?p=9999", http.StatusOK, ""},
		{"tin-tuc/khong-co.html", http.StatusNotFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			resp, err := client.Get(a.siteURL + tc.path)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, tc.status, resp.StatusCode)
			assert.Equal(t, tc.location, resp.Header.Get("Location"))
		})
	}
	resp, body := get(t, article)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, body, "Kiểm tra đo lường cột đo xăng dầu")
}
