package widget_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSharedLinks checks that a page opens from a link pasted into Zalo or
// Facebook or bookmarked from an old portal: parameters a page does not
// know are ignored (same ETag, canonical link without them), while the
// JSON API and the feeds stay strict.
func TestSharedLinks(t *testing.T) {
	s := newNewsSite(t, nil)
	const junk = "ref=zalo&page=2&amp=1&share=1"
	for _, tc := range []struct {
		name, path, canonical string
	}{
		{"index", "/", testBase},
		{"category", "/categories/hoat-dong", testBase + "categories/hoat-dong"},
		{"tag", "/tags/dai-hoi", testBase + "tags/dai-hoi"},
		{"search", "/search?q=hoi+nghi", ""},
		{"article", "/articles/dai-hoi", testBase + "articles/dai-hoi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain, _ := get(t, s.h, tc.path)
			require.Equal(t, http.StatusOK, plain.StatusCode)
			sep := "?"
			if tc.path == "/search?q=hoi+nghi" {
				sep = "&"
			}
			res, body := get(t, s.h, tc.path+sep+junk)
			require.Equal(t, http.StatusOK, res.StatusCode, "GET %s%s%s", tc.path, sep, junk)
			assert.Equal(t, plain.Header.Get("Etag"), res.Header.Get("Etag"), "the ETag of the link without unknown parameters")
			if tc.canonical != "" {
				assert.Contains(t, body, `<link rel="canonical" href="`+tc.canonical+`">`)
			}
		})
	}
	for _, strict := range []string{"/api/articles?ref=zalo", "/api/articles/dai-hoi?share=1", "/embed?amp=1", "/feed.rss?page=2"} {
		res, _ := get(t, s.h, strict)
		assert.Equal(t, http.StatusBadRequest, res.StatusCode, "GET %s", strict)
	}
}

// TestSlugCase checks that an upper- or mixed-case slug answers 301 to the
// lower-case URL, keeping the page's own parameters, and that what no case
// change makes a slug stays 404.
func TestSlugCase(t *testing.T) {
	s := newNewsSite(t, nil)
	for _, tc := range []struct {
		path, want string
		status     int
	}{
		{"/articles/Dai-Hoi", testBase + "articles/dai-hoi", http.StatusMovedPermanently},
		{"/articles/DAI-HOI?lang=en&ref=zalo", testBase + "articles/dai-hoi?lang=en", http.StatusMovedPermanently},
		{"/categories/Hoat-Dong?cursor=", testBase + "categories/hoat-dong", http.StatusMovedPermanently},
		{"/categories/THONG-BAO?lang=vi", testBase + "categories/thong-bao?lang=vi", http.StatusMovedPermanently},
		{"/tags/Dai-Hoi", testBase + "tags/dai-hoi", http.StatusMovedPermanently},
		{"/articles/Dai_Hoi", "", http.StatusNotFound},
		{"/tags/%C4%90ai-hoi", "", http.StatusNotFound},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res, _ := get(t, s.h, tc.path)
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, tc.want, res.Header.Get("Location"))
		})
	}
}
