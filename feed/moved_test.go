package feed

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCategoryOldSlugMoved checks that the feed of a category's old slug
// answers 301 to the feed of its current slug, keeping the parameters, and
// that the answer is not cached as the feed.
func TestCategoryOldSlugMoved(t *testing.T) {
	e := newEnv(t, nil)
	ctx := t.Context()
	cats, err := e.store.Categories(ctx)
	require.NoError(t, err)
	var renamed bool
	for _, c := range cats {
		if c.Slug == "chi-bo" {
			c.Slug, c.Aliases = "chi-bo-so", []string{"chi-bo"}
			require.NoError(t, e.store.UpdateCategory(ctx, c))
			renamed = true
		}
	}
	require.True(t, renamed, "the fixture has the category chi-bo")

	tests := []struct {
		name     string
		target   string
		v        Variant
		status   int
		location string
	}{
		{"old slug", "/feed?category=chi-bo&limit=5", Variant{}, http.StatusMovedPermanently, base + "categories/chi-bo-so/feed.rss?limit=5"},
		{"old slug in the route", "/categories/chi-bo/feed.atom?lang=vi", Variant{Format: Atom, Category: "chi-bo"}, http.StatusMovedPermanently,
			base + "categories/chi-bo-so/feed.atom?lang=vi"},
		{"current slug", "/feed?category=chi-bo-so&limit=5", Variant{}, http.StatusOK, ""},
		{"old slug again, after the new one was served", "/feed?category=chi-bo&limit=5", Variant{}, http.StatusMovedPermanently,
			base + "categories/chi-bo-so/feed.rss?limit=5"},
		{"unknown slug", "/feed?category=chi-bo-cu", Variant{}, http.StatusNotFound, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			e.h.Serve(w, httptest.NewRequest(http.MethodGet, tc.target, nil), tc.v)
			assert.Equal(t, tc.status, w.Code)
			assert.Equal(t, tc.location, w.Header().Get("Location"))
		})
	}
}
