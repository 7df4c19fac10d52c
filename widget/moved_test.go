package widget_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/orgnews/orgnews/news"
)

// TestCategoryOldSlug checks that a renamed category's old slug answers
// 301 to its current URL, for its page and its feeds, keeping the
// language and the cursor.
func TestCategoryOldSlug(t *testing.T) {
	s := newNewsSite(t, nil)
	c := s.cats["chi-bo-doan-the"]
	_, err := s.svc.UpdateCategory(t.Context(), c.ID, news.CategoryInput{Name: c.Name, Slug: "chi-bo", ParentID: c.ParentID, Position: c.Position})
	require.NoError(t, err)

	tests := []struct {
		target   string
		status   int
		location string
	}{
		{"/categories/chi-bo-doan-the", http.StatusMovedPermanently, testBase + "categories/chi-bo"},
		{"/categories/chi-bo-doan-the?lang=en", http.StatusMovedPermanently, testBase + "categories/chi-bo?lang=en"},
		{"/categories/chi-bo-doan-the/feed.atom", http.StatusMovedPermanently, testBase + "categories/chi-bo/feed.atom"},
		{"/categories/chi-bo-doan-the/feed.json?lang=vi", http.StatusMovedPermanently, testBase + "categories/chi-bo/feed.json?lang=vi"},
		{"/categories/chi-bo", http.StatusOK, ""},
		{"/categories/chi-bo/feed.rss", http.StatusOK, ""},
		{"/categories/chi-bo-cu", http.StatusNotFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.target, func(t *testing.T) {
			res, _ := get(t, s.h, tc.target)
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, tc.location, res.Header.Get("Location"))
		})
	}

	// The box and the API, embedded in other sites with the old slug,
	// keep listing the category's articles.
	for _, target := range []string{"/api/articles?category=chi-bo-doan-the", "/api/box?category=chi-bo-doan-the", "/fragment?category=chi-bo-doan-the"} {
		res, body := get(t, s.h, target)
		assert.Equal(t, http.StatusOK, res.StatusCode, target)
		assert.Contains(t, body, "Đại hội Chi bộ", target)
	}
}
