package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/news"
)

// Tags returns the tags f selects, most used first, then by key (see
// news.NewsroomStore.Tags). It reads every tag key once and, for each
// key with f's prefix, the articles that carry it.
func (s *Store) Tags(ctx context.Context, f news.TagFilter) ([]news.TagCount, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	limit, err := f.TagBounds()
	if err != nil {
		return nil, fmt.Errorf("memstore: tags: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	cats := map[uuid.UUID]bool{}
	for _, id := range f.Categories {
		for c := range s.subtree(id) {
			cats[c] = true
		}
	}
	inScope := func(a *news.Article) bool {
		return f.All || (!f.PublishedBy.IsZero() && a.Status == news.StatusPublished && !a.PublishAt.After(f.PublishedBy)) ||
			(f.OwnerID != uuid.Nil && a.OwnerID == f.OwnerID) || cats[a.CategoryID]
	}
	type counted struct {
		key string
		news.TagCount
	}
	var out []counted
	for key, l := range s.byTag {
		if !strings.HasPrefix(key, f.Prefix) {
			continue
		}
		c := counted{key: key}
		for p := (pos{}); p.b < len(l.blocks); p = l.next(p) {
			e := l.at(p)
			if !inScope(e.a) {
				continue
			}
			if c.Count == 0 { // the newest: the list is newest first
				i := slices.IndexFunc(e.a.Tags, func(t string) bool { return peek(s.tagKeys, t, news.Slugify) == key })
				c.Tag = e.a.Tags[i]
			}
			c.Count++
		}
		if c.Count > 0 {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(x, y counted) int { return cmp.Or(y.Count-x.Count, strings.Compare(x.key, y.key)) })
	tags := make([]news.TagCount, 0, min(limit, len(out)))
	for _, c := range out[:min(limit, len(out))] {
		tags = append(tags, c.TagCount)
	}
	return tags, nil
}
