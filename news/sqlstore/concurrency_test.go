package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/sqlstore"
	"github.com/orgnews/orgnews/news/storetest"
)

// TestConcurrentWritersReaders runs 8 writers and 64 readers on one
// database through two Stores (as two app instances would): no operation
// fails, no update is lost (the version moves exactly once per write and
// every article ends at its last revision), and no reader sees a torn
// article or a version that moves back.
func TestConcurrentWritersReaders(t *testing.T) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s1, dsn := b.open(t, nil)
			s2 := b.reopen(t, dsn, nil)
			stores := []*sqlstore.Store{s1, s2}
			ctx := context.Background()
			cat := storetest.NewCategory("tin-tuc", "Tin tức", uuid.Nil)
			if err := s1.CreateCategory(ctx, cat); err != nil {
				t.Fatal(err)
			}
			v0, err := s1.Version(ctx)
			if err != nil {
				t.Fatal(err)
			}

			const writers, readers, articles, revisions = 8, 64, 2, 4
			// revise sets the revision of a in Title, Summary and Tags, so a
			// reader can tell a torn article.
			revise := func(a *news.Article, rev int) {
				a.Title = fmt.Sprintf("Bản tin số %s, lần %d", strings.TrimPrefix(a.Slug, "ban-tin-"), rev)
				a.Summary = strconv.Itoa(rev)
				a.Tags = []string{"Khoa học", "lần " + strconv.Itoa(rev)}
			}
			var (
				writes  sync.WaitGroup
				reads   sync.WaitGroup
				done    = make(chan struct{})
				final   sync.Map // article ID → its last revision
				writesN [writers]int
			)
			for w := range writers {
				writes.Go(func() {
					s := stores[w%2]
					for i := range articles {
						a := storetest.NewArticle(cat.ID, fmt.Sprintf("ban-tin-%d-%d", w, i), "", testBase.Add(time.Duration(w*articles+i)*time.Minute))
						revise(a, 0)
						if err := s.CreateArticle(ctx, a); err != nil {
							t.Errorf("writer %d: CreateArticle(%q): %v", w, a.Slug, err)
							return
						}
						writesN[w]++
						for rev := 1; rev < revisions; rev++ {
							revise(a, rev)
							if err := s.UpdateArticle(ctx, a); err != nil {
								t.Errorf("writer %d: UpdateArticle(%q): %v", w, a.Slug, err)
								return
							}
							writesN[w]++
						}
						final.Store(a.ID, revisions-1)
					}
				})
			}
			for r := range readers {
				reads.Go(func() {
					s := stores[r%2]
					last := int64(-1)
					for {
						select {
						case <-done:
							return
						default:
						}
						v, err := s.Version(ctx)
						if err != nil || v < last {
							t.Errorf("reader %d: Version = %d, %v after %d", r, v, err, last)
							return
						}
						last = v
						q := news.Query{CategoryID: cat.ID, Limit: 5}
						switch r % 4 {
						case 1:
							q = news.Query{Tag: "khoa-hoc", Limit: 7}
						case 2:
							q = news.Query{Text: "ban tin", Limit: 4}
						case 3:
							q = news.Query{Status: news.StatusPublished}
						}
						p, err := s.Articles(ctx, q)
						if err != nil {
							t.Errorf("reader %d: Articles: %v", r, err)
							return
						}
						for _, a := range p.Articles {
							if !strings.HasSuffix(a.Title, "lần "+a.Summary) || a.Tags[1] != "lần "+a.Summary {
								t.Errorf("reader %d: torn article: title %q, summary %q, tags %q", r, a.Title, a.Summary, a.Tags)
								return
							}
						}
						if _, err := s.ArticleBySlug(ctx, "ban-tin-0-0"); err != nil && !errors.Is(err, news.ErrNotFound) {
							t.Errorf("reader %d: ArticleBySlug: %v", r, err)
							return
						}
					}
				})
			}
			writes.Wait()
			close(done)
			reads.Wait()
			if t.Failed() {
				return
			}
			total := 0
			for _, n := range writesN {
				total += n
			}
			// s2 sees s1's last writes within its PollInterval.
			want := v0 + int64(total)
			deadline := time.Now().Add(4 * sqlstore.DefaultPollInterval)
			for {
				v, err := s2.Version(ctx)
				if err == nil && v == want {
					break
				}
				if err != nil || v > want || time.Now().After(deadline) {
					t.Errorf("Version = %d, %v after %d writes from %d; want %d", v, err, total, v0, want)
					break
				}
				time.Sleep(10 * time.Millisecond)
			}
			final.Range(func(k, v any) bool {
				a, err := s2.Article(ctx, k.(uuid.UUID))
				if err != nil {
					t.Errorf("Article(%s): %v", k, err)
					return true
				}
				if a.Summary != strconv.Itoa(v.(int)) {
					t.Errorf("Article(%q) is at revision %s, want %d: an update was lost", a.Slug, a.Summary, v)
				}
				return true
			})
		})
	}
}
