package hugorelated

import (
	"context"
	"testing"
	"time"

	"github.com/gohugoio/hugo/related"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPageKeywords checks that Hugo is given each article's title words,
// tags and year, as a site's pages would give them.
func TestPageKeywords(t *testing.T) {
	t.Parallel()
	s, err := newArchive(50)
	require.NoError(t, err)
	p := s.pages[0]
	p.a.Title, p.a.Tags = "Dừa sáp  Trà Vinh: chế biến!", []string{"Dừa sáp", "chủ đề 0"}
	p.a.PublishAt = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	cfg, err := related.DecodeConfig(hugoConfig)
	require.NoError(t, err)
	want := map[string][]string{
		"title": {"dừa", "sáp", "trà", "vinh", "chế", "biến"},
		"tags":  {"dừa sáp", "chủ đề 0"},
		"date":  {"2026"},
	}
	require.Len(t, cfg.Indices, len(want))
	for _, ic := range cfg.Indices {
		t.Run(ic.Name, func(t *testing.T) {
			got, err := p.RelatedKeywords(ic)
			require.NoError(t, err)
			assert.Equal(t, want[ic.Name], got)
		})
	}
	got, err := p.RelatedKeywords(related.IndexConfig{Name: "keywords"})
	require.NoError(t, err)
	assert.Empty(t, got, "an index the pages have no field for")
}

// TestImpls checks each index compared on a small archive: k articles
// for each lookup, never the article itself, most on its topic.
func TestImpls(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := newArchive(3000)
	require.NoError(t, err)
	require.Len(t, s.lookups, 128)
	for _, im := range impls {
		t.Run(im.name, func(t *testing.T) {
			f, err := im.build(ctx, s)
			require.NoError(t, err)
			lists, err := lookUp(ctx, s, f)
			require.NoError(t, err)
			for j, list := range lists {
				self := s.corpus.Articles[s.lookups[j]]
				assert.Len(t, list, k, "related to %s", self.Slug)
				for _, b := range list {
					assert.NotEqual(t, self.ID, b.ID, "related to %s", self.Slug)
				}
			}
			p := s.precision(lists)
			assert.Greater(t, p, 0.3, "precision@5")
			t.Logf("%s: precision@5 %.3f at 3,000 articles", im.name, p)
		})
	}
}

func TestPercentile(t *testing.T) {
	t.Parallel()
	ms := func(n ...int) []time.Duration {
		var out []time.Duration
		for _, v := range n {
			out = append(out, time.Duration(v)*time.Millisecond)
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	for _, tc := range []struct {
		name   string
		sorted []time.Duration
		p      int
		want   time.Duration
	}{
		{"none", nil, 50, 0},
		{"one", ms(7), 99, 7 * time.Millisecond},
		{"median of four", ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"p99 of a hundred", ms(hundred...), 99, 99 * time.Millisecond},
		{"p50 of a hundred", ms(hundred...), 50, 50 * time.Millisecond},
		{"p0", ms(3, 4), 0, 3 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, percentile(tc.sorted, tc.p))
		})
	}
}
