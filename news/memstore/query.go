package memstore

import (
	"bytes"
	"context"
	"fmt"
	"math/bits"
	"slices"
	"strings"

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
// A search by relevance first finds its rarest word (news.Rarest) from
// the lengths of the word lists, then reads the lists once (see ranked),
// ranking the entries that hold every word and counting Page.Total as it
// goes. With news.SortNewest, every match has rank 0: the lists are read
// from the cursor and left at a full page, and Page.Total is counted by
// a second pass that stops at the first match past news.MaxSearchTotal.
// Either way an entry's search keys are matched by news.KeyMatches,
// leaving out the entries that hold an exclusion. A q.Text without words
// or of exclusions only lists nothing; one that news.ParseSearch refuses
// is news.ErrInvalid.
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
	if f.search != nil && q.Sort != news.SortNewest {
		f.search.rarest = news.Rarest(s.counts(f.search.words))
		return s.ranked(lists, &f, cur, limit), nil
	}
	hits := make([]hit, 0, limit+1)
	if cur == nil || cur.Rank == 0 {
		m, in := newMerge(lists, cur, q), newWithin(f.words)
		for e := m.pop(); e != nil && len(hits) <= limit; e = m.pop() {
			if !q.From.IsZero() && e.a.PublishAt.Before(q.From) {
				break // every entry left is older still
			}
			if f.match(e) && in.holds(e) && (f.search == nil || f.search.rank(e) >= 0) {
				hits = append(hits, hit{e, 0})
			}
		}
	}
	page := newPage(hits, limit)
	if f.search != nil {
		page.Total, page.TotalCapped = s.count(lists, &f)
	}
	return page, nil
}

// newPage returns the page of the first limit hits, whose Next follows
// the last of them when there are more.
func newPage(hits []hit, limit int) *news.Page {
	page := &news.Page{Articles: make([]*news.Article, 0, min(len(hits), limit))}
	for _, h := range hits[:min(len(hits), limit)] {
		page.Articles = append(page.Articles, h.e.a.Clone())
	}
	if len(hits) > limit {
		last := hits[limit-1]
		page.Next = news.CursorAfter(last.e.a, last.rank).String()
	}
	return page
}

// ranked returns a page of a search by relevance: it reads the lists
// once, newest first, ranks each entry that passes the filters, keeps
// the newest limit+1 of each rank past the cursor, and counts the
// matches up to news.MaxSearchTotal+1 as it goes. It stops when the
// cursor's rank (the first one a page may hold) has limit+1 entries past
// the cursor and the count is over the cap: no entry read later could
// come before them. s.mu must be held.
func (s *Store) ranked(lists []*list, f *filter, cur *news.Cursor, limit int) *news.Page {
	first := 0
	if cur != nil {
		first = cur.Rank
	}
	var byRank [news.MaxRank + 1][]hit
	n := 0 // matches counted, up to news.MaxSearchTotal+1
	m, in := newMerge(lists, nil, f.q), newWithin(f.words)
	for e := m.pop(); e != nil; e = m.pop() {
		if !f.q.From.IsZero() && e.a.PublishAt.Before(f.q.From) {
			break // every entry left is older still
		}
		if !f.match(e) || !in.holds(e) {
			continue
		}
		r := f.search.rank(e)
		if r < 0 {
			continue
		}
		n++
		if r >= first && len(byRank[r]) <= limit && (r > first || cur == nil || afterCursor(e, cur)) {
			byRank[r] = append(byRank[r], hit{e, r})
		}
		if n > news.MaxSearchTotal && len(byRank[first]) > limit {
			break
		}
	}
	hits := make([]hit, 0, limit+1)
	for _, rank := range byRank {
		hits = append(hits, rank[:min(len(rank), limit+1-len(hits))]...)
	}
	page := newPage(hits, limit)
	page.Total, page.TotalCapped = min(n, news.MaxSearchTotal), n > news.MaxSearchTotal
	return page
}

// afterCursor reports whether e comes after the cursor's position in
// list order.
func afterCursor(e *entry, cur *news.Cursor) bool {
	at := cur.PublishAt.UnixMicro()
	return e.at < at || e.at == at && bytes.Compare(e.id[:], cur.ID[:]) < 0
}

// counts returns the number of articles that hold each of the keys, as
// news.KeyMatches matches them: the length of the word index's list of a
// key without marks, the count of articles of one with marks. s.mu must
// be held.
func (s *Store) counts(keys []string) []int {
	n := make([]int, len(keys))
	for i, k := range keys {
		if strings.HasSuffix(k, "_") {
			if l := s.byWord[folded(k)]; l != nil {
				n[i] = l.n
			}
			continue
		}
		n[i] = s.byMarked[k]
	}
	return n
}

// count returns the number of entries of the lists that match f, counted
// up to news.MaxSearchTotal, and whether more match: it stops at the
// first match past the cap. s.mu must be held.
func (s *Store) count(lists []*list, f *filter) (int, bool) {
	m, in := newMerge(lists, nil, f.q), newWithin(f.words)
	n := 0
	for e := m.pop(); e != nil; e = m.pop() {
		if !f.q.From.IsZero() && e.a.PublishAt.Before(f.q.From) {
			break
		}
		if f.match(e) && in.holds(e) && f.search.rank(e) >= 0 {
			if n == news.MaxSearchTotal {
				return n, true
			}
			n++
		}
	}
	return n, false
}

// searchKeys is a search as the keys it matches (news.SearchKeys), and
// the scratch space its rank uses: a searchKeys serves one query at a
// time.
type searchKeys struct {
	words    []string   // the key of each word typed outside quotes, in order
	phrases  [][]string // the keys of each phrase
	excluded [][]string // the keys of each exclusion, a word or a phrase
	folded   []string   // the distinct folded words of words and phrases, sorted
	// rarest is the index in words of the rarest word (news.Rarest), -1
	// when there is none or the search is sorted newest first.
	rarest int

	// terms are the distinct keys of words, phrases and exclusions (at
	// most news.MaxQueryWords); wordTerms, phraseTerms and excludedTerms
	// are the indexes in terms of the keys of the words, of each phrase
	// and of each exclusion; wordBits has the bit of each of wordTerms.
	terms                      []string
	wordTerms                  []int
	phraseTerms, excludedTerms [][]int
	wordBits                   uint64
	first                      [256]uint64 // by first byte, a bit for each term that begins with it

	// marks[f][i] has bit t when key i of field f (title, summary, body)
	// matches terms[t]; has[f] is every bit of marks[f].
	marks [3][]uint64
	has   [3]uint64
}

// newSearchKeys returns the keys of a search that is not empty.
func newSearchKeys(search news.Search) *searchKeys {
	x := &searchKeys{rarest: -1}
	x.words, x.phrases, x.excluded = search.Keys()
	for _, k := range slices.Concat(x.words, slices.Concat(x.phrases...)) {
		x.folded = append(x.folded, folded(k))
	}
	slices.Sort(x.folded)
	x.folded = slices.Compact(x.folded)
	x.wordTerms = x.termsOf(x.words)
	for _, t := range x.wordTerms {
		x.wordBits |= 1 << t
	}
	for _, p := range x.phrases {
		x.phraseTerms = append(x.phraseTerms, x.termsOf(p))
	}
	for _, p := range x.excluded {
		x.excludedTerms = append(x.excludedTerms, x.termsOf(p))
	}
	return x
}

// termsOf returns the indexes in x.terms of keys, adding the keys that
// are not there yet.
func (x *searchKeys) termsOf(keys []string) []int {
	out := make([]int, len(keys))
	for i, k := range keys {
		t := slices.Index(x.terms, k)
		if t < 0 {
			t = len(x.terms)
			x.terms = append(x.terms, k)
			x.first[k[0]] |= 1 << t
		}
		out[i] = t
	}
	return out
}

// mark sets x.marks[f] and x.has[f] for the keys of field f, in one pass
// that tests each key by news.KeyMatches against the terms that begin
// with its first byte (most keys begin with none), rather than a pass
// over the field for each word and phrase.
func (x *searchKeys) mark(f int, keys []string) {
	marks := x.marks[f][:0]
	var has uint64
	for _, k := range keys {
		var m uint64
		for c := x.first[k[0]]; c != 0; c &= c - 1 {
			if t := bits.TrailingZeros64(c); news.KeyMatches(x.terms[t], k) {
				m |= 1 << t
			}
		}
		marks = append(marks, m)
		has |= m
	}
	x.marks[f], x.has[f] = marks, has
}

// holds reports whether field f holds the terms as a phrase: at
// consecutive keys, in order. Every field holds the empty phrase.
func (x *searchKeys) holds(f int, terms []int) bool {
	switch len(terms) {
	case 0:
		return true
	case 1:
		return x.has[f]&(1<<terms[0]) != 0
	}
	marks := x.marks[f]
	for i := 0; i+len(terms) <= len(marks); i++ {
		j := 0
		for j < len(terms) && marks[i+j]&(1<<terms[j]) != 0 {
			j++
		}
		if j == len(terms) {
			return true
		}
	}
	return false
}

// rank returns the rank of e (see news.Cursor), or -1 when e does not
// hold every word and phrase in some field, or holds an exclusion.
func (x *searchKeys) rank(e *entry) int {
	x.mark(0, e.title)
	x.mark(1, e.summary)
	x.mark(2, e.body)
	if (x.has[0]|x.has[1]|x.has[2])&x.wordBits != x.wordBits {
		return -1
	}
	anywhere := func(terms []int) bool { return x.holds(0, terms) || x.holds(1, terms) || x.holds(2, terms) }
	for _, p := range x.phraseTerms {
		if !anywhere(p) {
			return -1
		}
	}
	for _, p := range x.excludedTerms {
		if anywhere(p) {
			return -1
		}
	}
	phrases := func(f int) bool {
		for _, p := range x.phraseTerms {
			if !x.holds(f, p) {
				return false
			}
		}
		return true
	}
	for f := range 3 {
		if x.holds(f, x.wordTerms) && phrases(f) {
			return news.RankTitlePhrase + f
		}
	}
	for f := range 3 {
		if x.has[f]&x.wordBits == x.wordBits && phrases(f) {
			return news.RankTitleWords + f
		}
	}
	if x.rarest >= 0 {
		rare := uint64(1) << x.wordTerms[x.rarest]
		for f := range 2 {
			if x.has[f]&rare != 0 {
				return news.RankRareTitle + f
			}
		}
	}
	return news.RankSpread
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
	// words are the word index's lists of the folded words of the search
	// but the one plan reads: every match is in each of them, and a
	// within of them turns away most entries that are not, before their
	// keys are read (BenchmarkQueries/memstore/search-common).
	words []*list
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
			f.words = append(f.words, l)
		}
		if len(best) == 1 {
			f.words = slices.DeleteFunc(f.words, func(l *list) bool { return l == best[0] })
		}
	}
	return best
}

// A within tells whether entries, asked in list order, are in every one
// of its lists: it walks each list along, as a merge join does, so that
// asking about every entry of a list costs the length of the lists.
type within struct {
	lists []*list
	at    []pos // the position in each list of the first entry not before the last asked; b < 0 before the first ask
}

// newWithin returns a within of the lists.
func newWithin(lists []*list) *within {
	w := &within{lists: lists, at: make([]pos, len(lists))}
	for i := range w.at {
		w.at[i].b = -1
	}
	return w
}

// holds reports whether e is in every list. Each call must ask about an
// entry at or after the one before in list order.
func (w *within) holds(e *entry) bool {
	for i, l := range w.lists {
		p := w.at[i]
		if p.b < 0 {
			p = l.search(func(x *entry) bool { return !before(x, e) })
		}
		for x := l.at(p); x != nil && before(x, e); x = l.at(p) {
			p = l.next(p)
		}
		w.at[i] = p
		if l.at(p) != e {
			return false
		}
	}
	return true
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
