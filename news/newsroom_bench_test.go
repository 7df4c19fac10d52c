package news_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/orgnews/orgnews/news"
)

// versionOnly hides a store's public version, so that Public keys its
// State on Store.Version, which moves on every write: how caches were
// keyed before the newsroom.
type versionOnly struct{ news.Store }

// BenchmarkPublicCacheWithAutosaves reads a public page the way a cache
// does, rendering it again (Public.Articles) only when the State key has
// moved, while staff autosave a draft every autosaveEvery reads (far more
// often than the newsroom's one save a second at these read rates). It
// reports the cache hit rate and the misses: keyed on the public version,
// drafts cause none (one miss, the first read); keyed on the change
// version, every autosave is a miss.
//
//	go test -run '^$' -bench PublicCacheWithAutosaves ./news/
func BenchmarkPublicCacheWithAutosaves(b *testing.B) {
	const autosaveEvery = 1000
	for _, tc := range []struct {
		name     string
		autosave bool
		version  bool // key on Store.Version
	}{
		{"no-autosave", false, false},
		{"autosave/public-version", true, false},
		{"autosave/change-version", true, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			ctx := context.Background()
			r := newRoom(b, nil)
			for i := range 50 {
				a := r.draft(b, r.approver, fmt.Sprintf("Tin đã đăng số %d", i), r.tin)
				r.step(b, r.approver, a, news.TransitionInput{Action: news.ActionPublish})
			}
			draft := r.draft(b, r.contributor, "Bài đang viết", r.tin)
			var src news.Store = r.store
			if tc.version {
				src = versionOnly{r.store}
			}
			pub := news.NewPublic(src, &news.PublicOptions{Now: r.clock.Now})
			var (
				mu         sync.Mutex
				key        string
				hits, miss int
				saves      int
			)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for i := 0; pb.Next(); i++ {
					st, err := pub.State(ctx)
					if err != nil {
						b.Fatal(err)
					}
					mu.Lock()
					hit := st.Key() == key
					if hit {
						hits++
					} else {
						miss++
						key = st.Key()
					}
					save := tc.autosave && (hits+miss)%autosaveEvery == 0
					if save {
						saves++
					}
					n := saves
					mu.Unlock()
					if !hit {
						if _, err := pub.Articles(ctx, news.Query{Limit: 20}); err != nil {
							b.Fatal(err)
						}
					}
					if save {
						body := fmt.Sprintf("<p>Bản lưu tự động số %d.</p>", n)
						if _, err := r.nr.PatchArticle(ctx, r.contributor, draft.ID, news.ArticlePatch{BodyHTML: &body, Autosave: true}); err != nil {
							b.Fatal(err)
						}
					}
				}
			})
			b.ReportMetric(100*float64(hits)/float64(max(hits+miss, 1)), "hit%")
			b.ReportMetric(float64(miss), "misses")
			b.ReportMetric(float64(saves), "autosaves")
		})
	}
}

// BenchmarkAutosave is one autosave of a draft through the Newsroom: the
// patch, its revision and its audit entry.
func BenchmarkAutosave(b *testing.B) {
	ctx := context.Background()
	r := newRoom(b, nil)
	draft := r.draft(b, r.contributor, "Bài đang viết", r.tin)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		body := fmt.Sprintf("<p>Bản lưu tự động số %d, thêm một câu cho dài.</p>", i)
		if _, err := r.nr.PatchArticle(ctx, r.contributor, draft.ID, news.ArticlePatch{BodyHTML: &body, Autosave: true}); err != nil {
			b.Fatal(err)
		}
	}
}
