package feed

import (
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/news"
)

// A Builder builds feeds as [Build] does, and remembers what it prepared
// from each article (links made absolute, text normalised), so that
// rebuilding feeds after a write prepares again only the articles that
// changed. It remembers an article by its ID together with a copy of the
// fields the preparation read, and compares them on every use, so a
// changed article is never served stale.
//
// The zero Builder is ready to use and remembers up to 16 MiB; a Builder
// is safe for concurrent use.
type Builder struct {
	// MemoBytes bounds the memory of what the Builder remembers, counted
	// as the bytes of the articles' text before and after preparing; when
	// half of it is reached, the older half is dropped. 0 means 16 MiB; a
	// negative value remembers nothing. Set it before the first Build.
	MemoBytes int64

	mu       sync.Mutex
	cur, old map[uuid.UUID]*memo // cur is being filled; old is the generation before
	curBytes int64               // what cur charges against MemoBytes/2
}

// A memo is an entry prepared from an article, with what it was prepared
// from.
type memo struct {
	src  news.Article // the fields prepareEntry reads; slices are copies
	base string
	loc  *time.Location
	e    entry // without link and category
	size int64
}

// Build renders articles as the package function [Build] does.
func (b *Builder) Build(f Format, articles []*news.Article, m *Meta) ([]byte, error) {
	return build(b, f, articles, m)
}

// entry returns the entry prepared from a, from memory when b prepared it
// before from the same fields, base and zone. b may be nil.
func (b *Builder) entry(a *news.Article, base *url.URL, baseText string, loc *time.Location) *entry {
	if b == nil || b.MemoBytes < 0 {
		return prepareEntry(a, base, baseText, loc)
	}
	b.mu.Lock()
	m := b.cur[a.ID]
	if m == nil {
		if m = b.old[a.ID]; m != nil {
			b.remember(a.ID, m)
		}
	}
	b.mu.Unlock()
	if m != nil && m.matches(a, baseText, loc) {
		e := m.e
		return &e
	}
	e := prepareEntry(a, base, baseText, loc)
	m = &memo{src: *a, base: baseText, loc: loc, e: *e}
	m.src.Tags = slices.Clone(a.Tags)
	m.src.Attachments = slices.Clone(a.Attachments)
	m.src.Aliases = nil
	if a.Cover != nil {
		c := *a.Cover
		m.src.Cover = &c
	}
	m.size = int64(2*(len(a.Title)+len(a.Summary)+len(a.Body)+len(a.Author)) + 512)
	b.mu.Lock()
	b.remember(a.ID, m)
	b.mu.Unlock()
	return e
}

// matches reports whether m was prepared from the same fields of a, with
// the same base URL and zone.
func (m *memo) matches(a *news.Article, base string, loc *time.Location) bool {
	s := &m.src
	return m.base == base && m.loc == loc &&
		s.Title == a.Title && s.Summary == a.Summary && s.Body == a.Body &&
		s.Author == a.Author && s.Lang == a.Lang &&
		s.PublishAt.Equal(a.PublishAt) && s.UpdatedAt.Equal(a.UpdatedAt) &&
		slices.Equal(s.Tags, a.Tags) && slices.Equal(s.Attachments, a.Attachments) &&
		(s.Cover == nil) == (a.Cover == nil) && (s.Cover == nil || *s.Cover == *a.Cover)
}

// remember keeps m under id; when the current generation reaches half the
// budget it becomes the old one and the previous old one is dropped.
// b.mu must be held.
func (b *Builder) remember(id uuid.UUID, m *memo) {
	budget := b.MemoBytes
	if budget == 0 {
		budget = 16 << 20
	}
	if m.size > budget/2 {
		return
	}
	if b.curBytes+m.size > budget/2 {
		b.old, b.cur, b.curBytes = b.cur, nil, 0
	}
	if b.cur == nil {
		b.cur = make(map[uuid.UUID]*memo)
	}
	if prev := b.cur[id]; prev != nil {
		b.curBytes -= prev.size
	}
	b.cur[id] = m
	b.curBytes += m.size
}
