package memstore

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

// Store is a news.Store that keeps everything in memory. Create one with
// New; the zero Store is not usable. A Store is safe for concurrent use: reads
// share a lock, writes take it alone, and values are copied going in and
// coming out. Every method first returns ctx.Err() when ctx is already done;
// once started, a method runs to its end.
type Store struct {
	// mu guards every field below: the articles, their indexes, the
	// categories, the versions, the key caches and the newsroom.
	mu       sync.RWMutex
	articles map[uuid.UUID]*entry  // by ID
	slugs    map[string]uuid.UUID  // every slug and alias → article ID
	oldURLs  map[string]uuid.UUID  // every old URL → article ID
	all      list                  // every article
	byStatus map[news.Status]*list // by Status; no empty lists
	byCat    map[uuid.UUID]*list   // by CategoryID; no empty lists
	byTag    map[string]*list      // by news.Slugify(tag); no empty lists
	byAuthor map[string]*list      // by news.Fold(Author); no empty lists
	byLang   map[string]*list      // by Lang as written; no empty lists
	byOwner  map[uuid.UUID]*list   // by OwnerID, except uuid.Nil; no empty lists
	byWord   map[string]*list      // by each distinct folded word of an entry's title, summary and body; no empty lists
	byMarked map[string]int        // number of entries holding each search key with marks; no zeros
	cats     map[uuid.UUID]*news.Category
	catSlugs map[string]uuid.UUID             // category slug or alias → ID
	children map[uuid.UUID]map[uuid.UUID]bool // parent ID → child IDs; no empty sets
	version  int64                            // moves on every successful write
	public   int64                            // the public version: see PublicVersion
	changes  []change                         // the change log, oldest first: see ChangedSince
	logFrom  int64                            // the log holds every article touched after this public version

	// Tags and authors repeat from article to article; their keys are
	// remembered rather than computed again (news.Fold allocates).
	tagKeys    map[string]string // tag → news.Slugify(tag); cleared when full
	authorKeys map[string]string // author → news.Fold(author); cleared when full

	newsroom // accounts, sessions, tokens, revisions and the audit log
}

// maxKeys bounds each key cache of a Store.
const maxKeys = 4096

// changeLogSize bounds the change log: past it, the older half is dropped.
const changeLogSize = 4096

// A change is an entry of the change log: the public version a write
// moved to and the article it touched.
type change struct {
	version int64
	id      uuid.UUID
}

var (
	_ news.Store           = (*Store)(nil)
	_ news.ChangeLogger    = (*Store)(nil)
	_ news.PublishedLister = (*Store)(nil)
)

// New returns an empty Store.
func New() *Store {
	return &Store{
		articles: make(map[uuid.UUID]*entry),
		slugs:    make(map[string]uuid.UUID),
		oldURLs:  make(map[string]uuid.UUID),
		byStatus: make(map[news.Status]*list),
		byCat:    make(map[uuid.UUID]*list),
		byTag:    make(map[string]*list),
		byAuthor: make(map[string]*list),
		byLang:   make(map[string]*list),
		byOwner:  make(map[uuid.UUID]*list),
		byWord:   make(map[string]*list),
		byMarked: make(map[string]int),
		cats:     make(map[uuid.UUID]*news.Category),
		catSlugs: make(map[string]uuid.UUID),
		children: make(map[uuid.UUID]map[uuid.UUID]bool),

		tagKeys:    make(map[string]string),
		authorKeys: make(map[string]string),

		newsroom: newNewsroom(),
	}
}

// keys sets the tag and author keys of e. s.mu must be held for writing.
func (s *Store) keys(e *entry) {
	e.author = cached(s.authorKeys, e.a.Author, news.Fold)
	e.tags = make([]string, 0, len(e.a.Tags))
	for _, t := range e.a.Tags {
		if k := cached(s.tagKeys, t, news.Slugify); !slices.Contains(e.tags, k) {
			e.tags = append(e.tags, k)
		}
	}
}

// peek returns fn(s), from the cache m when it is there, without changing
// m: it needs s.mu held only for reading.
func peek(m map[string]string, s string, fn func(string) string) string {
	if k, ok := m[s]; ok {
		return k
	}
	return fn(s)
}

// cached returns fn(s), from the cache m when it is there.
func cached(m map[string]string, s string, fn func(string) string) string {
	k, ok := m[s]
	if !ok {
		if len(m) >= maxKeys {
			clear(m)
		}
		k = fn(s)
		m[s] = k
	}
	return k
}

// A mode says whether a put may create, replace, or both.
type mode int

const (
	create  mode = iota // the ID must be new
	replace             // the ID must exist
	upsert              // either
)

// CreateArticle stores a copy of a. It fails with news.ErrConflict when the
// ID is taken or when a's slug or one of its aliases is the slug or an alias
// of another article.
func (s *Store) CreateArticle(ctx context.Context, a *news.Article) error {
	return s.writeArticle(ctx, a, create)
}

// UpdateArticle replaces the article with a.ID by a copy of a. It fails with
// news.ErrNotFound when there is no such article and with news.ErrConflict
// when a's slug or one of its aliases belongs to another article.
func (s *Store) UpdateArticle(ctx context.Context, a *news.Article) error {
	return s.writeArticle(ctx, a, replace)
}

func (s *Store) writeArticle(ctx context.Context, a *news.Article, m mode) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if a == nil {
		return fmt.Errorf("memstore: %w", &news.FieldError{Field: "article", Rule: "required"})
	}
	e := newEntry(a)
	s.mu.Lock()
	defer s.mu.Unlock()
	prev, err := s.putArticle(e, m)
	if err != nil {
		return err
	}
	s.wrote(prev, e)
	return nil
}

// wrote moves the versions after a write that replaced the entry prev
// (nil for none) by next (nil for a deletion): the change version always,
// the public version when either is published. s.mu must be held for
// writing.
func (s *Store) wrote(prev, next *entry) {
	s.version++
	if prev != nil && prev.a.Status == news.StatusPublished || next != nil && next.a.Status == news.StatusPublished {
		s.public++
		id := cmp.Or(next, prev).a.ID
		s.changes = append(s.changes, change{version: s.public, id: id})
		if len(s.changes) > changeLogSize {
			drop := len(s.changes) / 2
			s.logFrom = s.changes[drop-1].version
			s.changes = slices.Delete(s.changes, 0, drop)
		}
	}
}

// putArticle stores e by its article's ID and returns the entry it
// replaced, if any. On error nothing has changed. s.mu must be held for
// writing.
func (s *Store) putArticle(e *entry, m mode) (prev *entry, err error) {
	s.keys(e)
	id := e.a.ID
	prev = s.articles[id]
	switch {
	case prev != nil && m == create:
		return nil, fmt.Errorf("memstore: article %s exists: %w", id, news.ErrConflict)
	case prev == nil && m == replace:
		return nil, fmt.Errorf("memstore: article %s: %w", id, news.ErrNotFound)
	}
	for _, slug := range e.slugs() {
		if other, ok := s.slugs[slug]; ok && other != id {
			return nil, fmt.Errorf("memstore: slug %q belongs to article %s: %w", slug, other, news.ErrConflict)
		}
	}
	for _, u := range e.a.OldURLs {
		if other, ok := s.oldURLs[u]; ok && other != id {
			return nil, fmt.Errorf("memstore: old URL %q belongs to article %s: %w", u, other, news.ErrConflict)
		}
	}
	if prev != nil {
		s.unindex(prev)
	}
	s.index(e)
	return prev, nil
}

// index adds e to the article map and every index. s.mu must be held.
func (s *Store) index(e *entry) {
	s.articles[e.a.ID] = e
	for _, slug := range e.slugs() {
		s.slugs[slug] = e.a.ID
	}
	for _, u := range e.a.OldURLs {
		s.oldURLs[u] = e.a.ID
	}
	s.all.insert(e, before)
	listIn(s.byStatus, e.a.Status).insert(e, before)
	listIn(s.byCat, e.a.CategoryID).insert(e, before)
	for _, k := range e.tags {
		listIn(s.byTag, k).insert(e, before)
	}
	listIn(s.byAuthor, e.author).insert(e, before)
	listIn(s.byLang, e.a.Lang).insert(e, before)
	if e.a.OwnerID != uuid.Nil {
		listIn(s.byOwner, e.a.OwnerID).insert(e, before)
	}
	for _, w := range e.words() {
		l := s.byWord[w]
		if l == nil {
			// w is a substring of e's keys: a copy keeps the key from
			// holding them once e is gone.
			w = strings.Clone(w)
			l = new(list)
			s.byWord[w] = l
		}
		l.insert(e, before)
	}
	for _, k := range e.marked() {
		s.byMarked[k]++
	}
}

// unindex removes e from the article map and every index. s.mu must be held.
func (s *Store) unindex(e *entry) {
	delete(s.articles, e.a.ID)
	for _, slug := range e.slugs() {
		delete(s.slugs, slug)
	}
	for _, u := range e.a.OldURLs {
		delete(s.oldURLs, u)
	}
	s.all.remove(e, before)
	removeFrom(s.byStatus, e.a.Status, e)
	removeFrom(s.byCat, e.a.CategoryID, e)
	for _, k := range e.tags {
		removeFrom(s.byTag, k, e)
	}
	removeFrom(s.byAuthor, e.author, e)
	removeFrom(s.byLang, e.a.Lang, e)
	if e.a.OwnerID != uuid.Nil {
		removeFrom(s.byOwner, e.a.OwnerID, e)
	}
	for _, w := range e.words() {
		removeFrom(s.byWord, w, e)
	}
	for _, k := range e.marked() {
		if s.byMarked[k]--; s.byMarked[k] == 0 {
			delete(s.byMarked, k)
		}
	}
}

// listIn returns the list of m under k, adding an empty one if needed.
func listIn[K comparable](m map[K]*list, k K) *list {
	l := m[k]
	if l == nil {
		l = new(list)
		m[k] = l
	}
	return l
}

// removeFrom removes e from the list of m under k, dropping the list when
// it becomes empty.
func removeFrom[K comparable](m map[K]*list, k K, e *entry) {
	if l := m[k]; l != nil {
		l.remove(e, before)
		if l.n == 0 {
			delete(m, k)
		}
	}
}

// DeleteArticle removes the article with the ID and its revisions, freeing
// its slug and aliases. It fails with news.ErrNotFound when there is no
// such article.
func (s *Store) DeleteArticle(ctx context.Context, id uuid.UUID) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.deleteArticle(id)
}

// deleteArticle removes the article with the ID and its revisions. s.mu
// must be held for writing.
func (s *Store) deleteArticle(id uuid.UUID) error {
	e := s.articles[id]
	if e == nil {
		return fmt.Errorf("memstore: article %s: %w", id, news.ErrNotFound)
	}
	s.unindex(e)
	delete(s.revisions, id)
	s.wrote(e, nil)
	return nil
}

// Article returns a copy of the article with the ID, whatever its status,
// or an error wrapping news.ErrNotFound.
func (s *Store) Article(ctx context.Context, id uuid.UUID) (*news.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	e := s.articles[id]
	if e == nil {
		return nil, fmt.Errorf("memstore: article %s: %w", id, news.ErrNotFound)
	}
	return e.a.Clone(), nil
}

// ArticleBySlug returns a copy of the article whose slug or one of whose
// aliases is slug, or an error wrapping news.ErrNotFound. Slugs are compared
// exactly.
func (s *Store) ArticleBySlug(ctx context.Context, slug string) (*news.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.slugs[slug]
	if !ok {
		return nil, fmt.Errorf("memstore: article %q: %w", slug, news.ErrNotFound)
	}
	return s.articles[id].a.Clone(), nil
}

// ArticleByOldURL returns a copy of the article one of whose old URLs is
// path, or an error wrapping news.ErrNotFound. Paths are compared exactly.
func (s *Store) ArticleByOldURL(ctx context.Context, path string) (*news.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.oldURLs[path]
	if !ok {
		return nil, fmt.Errorf("memstore: article with old URL %q: %w", path, news.ErrNotFound)
	}
	return s.articles[id].a.Clone(), nil
}

// NextPublishAt returns the earliest PublishAt strictly after t among
// published articles, or the zero time when there is none. It costs
// O(log n).
func (s *Store) NextPublishAt(ctx context.Context, t time.Time) (time.Time, error) {
	if err := ctx.Err(); err != nil {
		return time.Time{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	// The published list runs from the latest PublishAt down: the answer is
	// the entry just before the first one at or before t.
	pub := s.byStatus[news.StatusPublished]
	if pub == nil {
		return time.Time{}, nil
	}
	p := pub.search(func(e *entry) bool { return !e.a.PublishAt.After(t) })
	if e := pub.prev(p); e != nil {
		return e.a.PublishAt, nil
	}
	return time.Time{}, nil
}

// CreateCategory stores a copy of c. It fails with news.ErrConflict when the
// ID is taken, or its slug or one of its aliases is another category's
// slug or alias. The parent is not checked: that is the Service's
// job.
func (s *Store) CreateCategory(ctx context.Context, c *news.Category) error {
	return s.writeCategory(ctx, c, create)
}

// UpdateCategory replaces the category with c.ID by a copy of c. It fails
// with news.ErrNotFound when there is no such category and with
// news.ErrConflict when another category has c's slug or one of its
// aliases as its slug or alias.
func (s *Store) UpdateCategory(ctx context.Context, c *news.Category) error {
	return s.writeCategory(ctx, c, replace)
}

func (s *Store) writeCategory(ctx context.Context, c *news.Category, m mode) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if c == nil {
		return fmt.Errorf("memstore: %w", &news.FieldError{Field: "category", Rule: "required"})
	}
	c = c.Clone()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.putCategory(c, m); err != nil {
		return err
	}
	s.version++
	s.public++
	return nil
}

// putCategory stores c (which the Store owns) and returns the category it
// replaced, if any. On error nothing has changed. s.mu must be held.
func (s *Store) putCategory(c *news.Category, m mode) (prev *news.Category, err error) {
	prev = s.cats[c.ID]
	switch {
	case prev != nil && m == create:
		return nil, fmt.Errorf("memstore: category %s exists: %w", c.ID, news.ErrConflict)
	case prev == nil && m == replace:
		return nil, fmt.Errorf("memstore: category %s: %w", c.ID, news.ErrNotFound)
	}
	for _, slug := range c.Slugs() {
		if other, ok := s.catSlugs[slug]; ok && other != c.ID {
			return nil, fmt.Errorf("memstore: category slug %q belongs to category %s: %w", slug, other, news.ErrConflict)
		}
	}
	if prev != nil {
		s.dropCategory(prev)
	}
	s.addCategory(c)
	return prev, nil
}

// addCategory adds c to the category maps. s.mu must be held.
func (s *Store) addCategory(c *news.Category) {
	s.cats[c.ID] = c
	for _, slug := range c.Slugs() {
		s.catSlugs[slug] = c.ID
	}
	if c.ParentID != uuid.Nil {
		kids := s.children[c.ParentID]
		if kids == nil {
			kids = make(map[uuid.UUID]bool)
			s.children[c.ParentID] = kids
		}
		kids[c.ID] = true
	}
}

// dropCategory removes c from the category maps. s.mu must be held.
func (s *Store) dropCategory(c *news.Category) {
	delete(s.cats, c.ID)
	for _, slug := range c.Slugs() {
		delete(s.catSlugs, slug)
	}
	if kids := s.children[c.ParentID]; kids != nil {
		delete(kids, c.ID)
		if len(kids) == 0 {
			delete(s.children, c.ParentID)
		}
	}
}

// DeleteCategory removes the category with the ID. It fails with
// news.ErrNotFound when there is no such category and with news.ErrConflict
// while an article (of any status) or a subcategory refers to it.
func (s *Store) DeleteCategory(ctx context.Context, id uuid.UUID) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.cats[id]
	switch {
	case c == nil:
		return fmt.Errorf("memstore: category %s: %w", id, news.ErrNotFound)
	case len(s.children[id]) > 0:
		return fmt.Errorf("memstore: category %q has %d subcategories: %w", c.Slug, len(s.children[id]), news.ErrConflict)
	case s.byCat[id] != nil:
		return fmt.Errorf("memstore: category %q has %d articles: %w", c.Slug, s.byCat[id].n, news.ErrConflict)
	}
	s.dropCategory(c)
	s.version++
	s.public++
	return nil
}

// Categories returns copies of every category, ordered by Position, then
// Name (byte-wise), then ID.
func (s *Store) Categories(ctx context.Context) ([]*news.Category, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	out := make([]*news.Category, 0, len(s.cats))
	for _, c := range s.cats {
		out = append(out, c.Clone())
	}
	s.mu.RUnlock()
	slices.SortFunc(out, func(x, y *news.Category) int {
		return cmp.Or(
			cmp.Compare(x.Position, y.Position),
			strings.Compare(x.Name, y.Name),
			bytes.Compare(x.ID[:], y.ID[:]),
		)
	})
	return out, nil
}

// Import creates or replaces (by ID) every category of b in order, then every
// article. It is atomic: when one write fails (a slug taken by another
// article or category, including one written earlier in the batch), the
// writes already made are undone, the version does not move, and the error,
// which names the record ("articles[3]"), wraps news.ErrConflict. Readers
// never see a half-applied batch.
func (s *Store) Import(ctx context.Context, b *news.Batch) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if b == nil {
		return nil
	}
	cats := make([]*news.Category, len(b.Categories))
	for i, c := range b.Categories {
		if c == nil {
			return fmt.Errorf("memstore: import: %w", &news.FieldError{Field: fmt.Sprintf("categories[%d]", i), Rule: "required"})
		}
		cats[i] = c.Clone()
	}
	for i, a := range b.Articles {
		if a == nil {
			return fmt.Errorf("memstore: import: %w", &news.FieldError{Field: fmt.Sprintf("articles[%d]", i), Rule: "required"})
		}
	}
	entries := newEntries(b.Articles)

	s.mu.Lock()
	defer s.mu.Unlock()
	var undo []func() // run in reverse order to restore the store
	rollback := func(err error) error {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
		return fmt.Errorf("memstore: import: %w", err)
	}
	for i, c := range cats {
		prev, err := s.putCategory(c, upsert)
		if err != nil {
			return rollback(fmt.Errorf("categories[%d]: %w", i, err))
		}
		undo = append(undo, func() {
			s.dropCategory(c)
			if prev != nil {
				s.addCategory(prev)
			}
		})
	}
	for i, e := range entries {
		prev, err := s.putArticle(e, upsert)
		if err != nil {
			return rollback(fmt.Errorf("articles[%d]: %w", i, err))
		}
		undo = append(undo, func() {
			s.unindex(e)
			if prev != nil {
				s.index(prev)
			}
		})
	}
	s.version++
	s.public++
	s.changes, s.logFrom = nil, s.public // too many to log: readers start again
	return nil
}

// ChangedSince returns the articles created, replaced or deleted by the
// writes that moved the public version after since (see
// news.ChangeLogger). The log keeps the last 4,096 such writes; an
// Import empties it, so Complete is false for a since older than the
// Import, an older write than the log holds, or a since ahead of the
// public version.
func (s *Store) ChangedSince(ctx context.Context, since int64) (news.Changes, error) {
	if err := ctx.Err(); err != nil {
		return news.Changes{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	c := news.Changes{Version: s.public}
	if since < s.logFrom || since > s.public {
		return c, nil
	}
	c.Complete = true
	i, _ := slices.BinarySearchFunc(s.changes, since+1, func(x change, v int64) int { return cmp.Compare(x.version, v) })
	seen := make(map[uuid.UUID]bool, len(s.changes)-i)
	for _, ch := range s.changes[i:] {
		if !seen[ch.id] {
			seen[ch.id] = true
			c.Articles = append(c.Articles, ch.id)
		}
	}
	return c, nil
}

// EachPublished calls fn with every published article, scheduled ones
// too, with only the fields news.PublishedLister names (see there), newest
// first. The articles are taken under the lock and fn is called after it
// is released, so that writers do not wait for fn.
func (s *Store) EachPublished(ctx context.Context, fn func(*news.Article) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	var list []*news.Article // stored articles: an entry is replaced on a write, never changed
	if l := s.byStatus[news.StatusPublished]; l != nil {
		list = make([]*news.Article, 0, l.n)
		for _, blk := range l.blocks {
			for _, e := range blk {
				list = append(list, e.a)
			}
		}
	}
	s.mu.RUnlock()
	var a news.Article
	for _, p := range list {
		a = news.Article{ID: p.ID, Slug: p.Slug, Title: p.Title, Tags: p.Tags, CategoryID: p.CategoryID,
			Lang: p.Lang, Status: p.Status, PublishAt: p.PublishAt}
		if err := fn(&a); err != nil {
			return err
		}
	}
	return nil
}

// Version returns the change version: 0 for a new Store, one more after
// every successful write of an article or category (an Import counts as
// one; see PublicVersion for what else moves it).
func (s *Store) Version(ctx context.Context) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.version, nil
}

// newEntries builds the entries of the articles, on every CPU when there
// are many: folding the text of a large import is most of its cost.
func newEntries(as []*news.Article) []*entry {
	entries := make([]*entry, len(as))
	const chunk = 256
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for lo := 0; lo < len(as); lo += chunk {
		hi := min(lo+chunk, len(as))
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			for i := lo; i < hi; i++ {
				entries[i] = newEntry(as[i])
			}
		})
	}
	wg.Wait()
	return entries
}
