package memstore

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

// Articles lists copies of the articles that match q, in the order of
// news.Cursor: with q.Text, by rank (news.RankTitlePhrase to
// news.RankSpread, as news.Store.Articles defines them); within a rank,
// PublishAt descending, then ID descending.
//
// It reads from one index and filters what it reads: of the lists that
// hold every match — those of q.CategoryID and its descendants, merged;
// those of q.Categories and their descendants, merged; of q.OwnerID; of
// q.Tag; of q.Author; of q.Lang; of q.Status; for each word of q.Text,
// that of its folded form — it reads the shortest, or the
// list of every article when the query has none of these. A list is
// entered by binary search at the cursor (or at q.To) and left at q.From,
// so the first page costs O(limit·log n) when most listed articles match
// the other filters.
//
// A search reads the lists once a rank (once with news.SortNewest, when
// every match has rank 0), and matches each entry's search keys by
// news.KeyMatches, leaving out the entries that hold an exclusion. Page.Total is counted by a
// second pass over the same lists that stops at the first match past
// news.MaxSearchTotal. A q.Text without words or of exclusions only
// lists nothing; one that news.ParseSearch refuses is news.ErrInvalid.
//
// It fails with an error wrapping news.ErrInvalid when q.Cursor is
// malformed or q.Limit is outside 0..news.MaxLimit.
func (s *Store) Articles(ctx context.Context, q news.Query) (*news.Page, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	limit, cur, err := q.PageBounds()
	if err != nil {
		return nil, fmt.Errorf("memstore: %w", err)
	}
	f := filter{q: q}
	if q.Text != "" {
		search, err := news.ParseSearch(q.Text)
		if err != nil {
			return nil, fmt.Errorf("memstore: %w", err)
		}
		if search.Empty() {
			return &news.Page{Articles: []*news.Article{}}, nil
		}
		f.search = newSearchKeys(search)
	}

	s.mu.RLock()
	defer s.mu.RUnlock()
	if q.Author != "" {
		f.author = peek(s.authorKeys, q.Author, news.Fold)
	}
	if q.Tag != "" {
		f.tag = peek(s.tagKeys, q.Tag, news.Slugify)
	}
	lists := s.plan(&f)
	hits := make([]hit, 0, limit+1)
	ranks := 1
	if f.search != nil && q.Sort != news.SortNewest {
		ranks = news.MaxRank + 1
	}
	for rank := 0; rank < ranks && len(hits) <= limit; rank++ {
		var after *news.Cursor
		if cur != nil {
			if cur.Rank > rank {
				continue
			}
			if cur.Rank == rank {
				after = cur
			}
		}
		m := newMerge(lists, after, q)
		for e := m.pop(); e != nil && len(hits) <= limit; e = m.pop() {
			if !q.From.IsZero() && e.a.PublishAt.Before(q.From) {
				break // every entry left is older still
			}
			if f.match(e) && f.rank(e) == rank {
				hits = append(hits, hit{e, rank})
			}
		}
	}

	page := &news.Page{Articles: make([]*news.Article, 0, min(len(hits), limit))}
	for _, h := range hits[:min(len(hits), limit)] {
		page.Articles = append(page.Articles, h.e.a.Clone())
	}
	if len(hits) > limit {
		last := hits[limit-1]
		page.Next = news.CursorAfter(last.e.a, last.rank).String()
	}
	if f.search != nil {
		page.Total, page.TotalCapped = s.count(lists, &f)
	}
	return page, nil
}

// count returns the number of entries of the lists that match f, counted
// up to news.MaxSearchTotal, and whether more match: it stops at the
// first match past the cap. s.mu must be held.
func (s *Store) count(lists []*list, f *filter) (int, bool) {
	m := newMerge(lists, nil, f.q)
	n := 0
	for e := m.pop(); e != nil; e = m.pop() {
		if !f.q.From.IsZero() && e.a.PublishAt.Before(f.q.From) {
			break
		}
		if f.match(e) && f.rank(e) >= 0 {
			if n == news.MaxSearchTotal {
				return n, true
			}
			n++
		}
	}
	return n, false
}

// rank returns the rank of e in f's search (see news.Cursor), -1 when e
// does not match the search; 0 for every entry without search or with
// news.SortNewest.
func (f *filter) rank(e *entry) int {
	if f.search == nil {
		return 0
	}
	if r, ok := f.ranks[e]; ok {
		return r
	}
	r := f.search.rank(e)
	if r > 0 && f.q.Sort == news.SortNewest {
		r = 0
	}
	if f.ranks == nil {
		f.ranks = make(map[*entry]int)
	}
	f.ranks[e] = r
	return r
}

// searchKeys is a search as the keys it matches (news.SearchKeys).
type searchKeys struct {
	words    []string   // the key of each word typed outside quotes, in order
	phrases  [][]string // the keys of each phrase
	excluded [][]string // the keys of each exclusion, a word or a phrase
	folded   []string   // the distinct folded words of words and phrases, sorted
}

// newSearchKeys returns the keys of a search that is not empty.
func newSearchKeys(search news.Search) *searchKeys {
	x := &searchKeys{}
	x.words, x.phrases, x.excluded = search.Keys()
	for _, k := range slices.Concat(x.words, slices.Concat(x.phrases...)) {
		x.folded = append(x.folded, folded(k))
	}
	slices.Sort(x.folded)
	x.folded = slices.Compact(x.folded)
	return x
}

// rank returns the rank of e (see news.Cursor), or -1 when e does not
// hold every word and phrase in some field, or holds an exclusion.
func (x *searchKeys) rank(e *entry) int {
	fields := [3][]string{e.title, e.summary, e.body}
	anywhere := func(phrase []string) bool {
		return holds(fields[0], phrase) || holds(fields[1], phrase) || holds(fields[2], phrase)
	}
	for _, w := range x.words {
		if !anywhere([]string{w}) {
			return -1
		}
	}
	for _, p := range x.phrases {
		if !anywhere(p) {
			return -1
		}
	}
	for _, ex := range x.excluded {
		if anywhere(ex) {
			return -1
		}
	}
	phrases := func(keys []string) bool {
		for _, p := range x.phrases {
			if !holds(keys, p) {
				return false
			}
		}
		return true
	}
	for i, keys := range fields {
		if holds(keys, x.words) && phrases(keys) {
			return i
		}
	}
	for i, keys := range fields {
		if phrases(keys) && !slices.ContainsFunc(x.words, func(w string) bool { return !holds(keys, []string{w}) }) {
			return 3 + i
		}
	}
	return 6
}

// A hit is a listed entry and its rank.
type hit struct {
	e    *entry
	rank int
}

// A filter holds a query and its folded keys.
type filter struct {
	q      news.Query
	tag    string      // news.Slugify(q.Tag), "" when q.Tag is ""
	author string      // news.Fold(q.Author), "" when q.Author is ""
	search *searchKeys // the keys of q.Text; nil without search
	// ranks holds the rank of each entry rank has computed: a search
	// reads its lists once a rank, and ranking an entry costs more than
	// reading it (BenchmarkQueries/memstore/search-common at 100,000
	// articles: 0.8 s with it, 2.3 s without).
	ranks map[*entry]int
	cats  map[uuid.UUID]bool // q.CategoryID and its descendants; nil for all
	scope map[uuid.UUID]bool // q.Categories and their descendants; nil for all
}

// plan resolves the category tree and picks the lists to read: of the
// sources that hold every match, the one with the fewest entries. s.mu
// must be held.
func (s *Store) plan(f *filter) []*list {
	best, bestN := []*list{&s.all}, s.all.n
	consider := func(lists []*list) {
		n := 0
		for _, l := range lists {
			n += l.n
		}
		if n < bestN {
			best, bestN = lists, n
		}
	}
	// one is the source of a key: its list, or none when nothing has the key.
	one := func(l *list) []*list {
		if l == nil {
			return nil
		}
		return []*list{l}
	}
	if f.q.CategoryID != uuid.Nil {
		f.cats = s.subtree(f.q.CategoryID)
		var lists []*list
		for id := range f.cats {
			if l := s.byCat[id]; l != nil {
				lists = append(lists, l)
			}
		}
		consider(lists)
	}
	if len(f.q.Categories) > 0 {
		f.scope = make(map[uuid.UUID]bool)
		for _, id := range f.q.Categories {
			for c := range s.subtree(id) {
				f.scope[c] = true
			}
		}
		var lists []*list
		for id := range f.scope {
			if l := s.byCat[id]; l != nil {
				lists = append(lists, l)
			}
		}
		consider(lists)
	}
	if f.q.OwnerID != uuid.Nil {
		consider(one(s.byOwner[f.q.OwnerID]))
	}
	if f.q.Tag != "" {
		consider(one(s.byTag[f.tag]))
	}
	if f.q.Author != "" {
		consider(one(s.byAuthor[f.author]))
	}
	if f.q.Lang != "" {
		consider(one(s.byLang[f.q.Lang]))
	}
	if f.q.Status != "" {
		consider(one(s.byStatus[f.q.Status]))
	}
	if f.search != nil {
		for _, w := range f.search.folded {
			l := s.byWord[w]
			if l == nil {
				return nil // no article holds the word
			}
			consider(one(l))
		}
	}
	return best
}

// subtree returns the category with the ID and all its descendants. An
// unknown ID gives a set holding only itself, which no article matches.
// s.mu must be held.
func (s *Store) subtree(id uuid.UUID) map[uuid.UUID]bool {
	set := map[uuid.UUID]bool{id: true}
	queue := []uuid.UUID{id}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for c := range s.children[p] {
			if !set[c] { // the Service forbids cycles; do not loop on one
				set[c] = true
				queue = append(queue, c)
			}
		}
	}
	return set
}

// match reports whether e passes every filter but the text search and the
// date bounds the lists are entered and left at.
func (f *filter) match(e *entry) bool {
	a, q := e.a, &f.q
	switch {
	case f.cats != nil && !f.cats[a.CategoryID],
		f.scope != nil && !f.scope[a.CategoryID],
		q.OwnerID != uuid.Nil && a.OwnerID != q.OwnerID,
		q.Tag != "" && !e.hasTag(f.tag),
		q.Author != "" && e.author != f.author,
		q.Lang != "" && a.Lang != q.Lang,
		q.Status != "" && a.Status != q.Status,
		q.Featured != nil && a.Featured != *q.Featured,
		q.Exclude != uuid.Nil && a.ID == q.Exclude:
		return false
	}
	return true
}

// A merge yields the entries of several lists in list order, each list
// entered at the first entry after the cursor (when not nil) and at or
// before q.To (when not zero). It is a binary heap of list positions,
// ordered by their entries.
type merge []source

// A source is a list and the position of its next entry.
type source struct {
	l *list
	p pos
}

func newMerge(lists []*list, after *news.Cursor, q news.Query) *merge {
	start := func(e *entry) bool {
		if !q.To.IsZero() && e.a.PublishAt.After(q.To) {
			return false
		}
		if after == nil {
			return true
		}
		at := after.PublishAt.UnixMicro()
		return e.at < at || e.at == at && bytes.Compare(e.id[:], after.ID[:]) < 0
	}
	m := make(merge, 0, len(lists))
	for _, l := range lists {
		if p := l.search(start); l.at(p) != nil {
			m = append(m, source{l, p})
		}
	}
	for i := len(m)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
	return &m
}

// pop returns the next entry, or nil when every list is done.
func (m *merge) pop() *entry {
	h := *m
	if len(h) == 0 {
		return nil
	}
	e := h[0].l.at(h[0].p)
	h[0].p = h[0].l.next(h[0].p)
	if h[0].l.at(h[0].p) == nil {
		h[0] = h[len(h)-1]
		h = h[:len(h)-1]
		*m = h
	}
	m.down(0)
	return e
}

// down moves the source at i down the heap to its place.
func (m merge) down(i int) {
	for {
		least := i
		for _, c := range []int{2*i + 1, 2*i + 2} {
			if c < len(m) && before(m[c].l.at(m[c].p), m[least].l.at(m[least].p)) {
				least = c
			}
		}
		if least == i {
			return
		}
		m[i], m[least] = m[least], m[i]
		i = least
	}
}
