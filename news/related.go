package news

import (
	"bytes"
	"cmp"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"
)

// RelatedConfig weighs what makes two articles related in Public.Related.
// An article's score against another is the sum of:
//
//   - TagWeight × IDF for every tag they share (tags compared by Slugify);
//   - WordWeight × IDF for every title keyword they share (see
//     [TitleKeywords]);
//   - CategoryWeight when they are in the same category, or
//     AncestorWeight when one's category is an ancestor of the other's;
//   - RecencyWeight × 0.5^(Δ/RecencyHalfLife), where Δ is the time between
//     their PublishAt, so news of the same period ranks higher.
//
// IDF is ln(1 + N/df): N the number of indexed articles, df those that
// carry the tag or keyword, so a rare shared tag counts far more than a
// common one. Scores do not depend on the clock, only on the articles (an
// unpublished article looked up is placed at the current time).
//
// The candidates are the articles that share at least one tag or keyword
// with the article, or its category, by the signals switched on; Related
// returns the best of them exactly, as a scan scoring every one of them
// would.
//
// A zero field takes its value from DefaultRelatedConfig, so a config that
// sets only CategoryWeight keeps every other default and the zero
// RelatedConfig is DefaultRelatedConfig. A signal is switched off by
// naming it in Disable, never by a weight: a disabled signal neither
// scores nor makes an article a candidate. Weights must be finite and not
// negative, RecencyHalfLife not negative nor under a microsecond (the
// resolution of the times compared); [RelatedConfig.Validate] reports the
// field that breaks a rule.
type RelatedConfig struct {
	TagWeight       float64       // default 3
	CategoryWeight  float64       // default 2
	AncestorWeight  float64       // default 1
	WordWeight      float64       // default 1
	RecencyWeight   float64       // default 1
	RecencyHalfLife time.Duration // default 30 days
	// Disable lists the signals switched off, whatever their weight;
	// 0 for none.
	Disable RelatedSignals
	// OlderOnly keeps to articles whose PublishAt is not after the looked
	// up article's, fallback included (Hugo's IncludeNewer set to false):
	// for a "read before" list that does not move as news comes in.
	// false means newer articles are returned too.
	OlderOnly bool
}

// RelatedSignals is a set of the signals of [RelatedConfig], for its
// Disable field: RelatedTags|RelatedRecency switches off shared tags and
// closeness in time.
type RelatedSignals uint8

// The signals of RelatedConfig, one bit each.
const (
	RelatedTags     RelatedSignals = 1 << iota // shared tags (TagWeight)
	RelatedWords                               // shared title keywords (WordWeight)
	RelatedCategory                            // the same category (CategoryWeight)
	RelatedAncestor                            // an ancestor or descendant category (AncestorWeight)
	RelatedRecency                             // closeness in time (RecencyWeight)

	allRelatedSignals = RelatedTags | RelatedWords | RelatedCategory | RelatedAncestor | RelatedRecency
)

// DefaultRelatedConfig is the configuration used when none is given: a
// shared tag weighs 3 (times its IDF), a shared title keyword 1 (times its
// IDF), the same category 2, an ancestor or descendant category 1, and
// closeness in time up to 1, halving every 30 days apart. Treat it as
// read-only.
var DefaultRelatedConfig = RelatedConfig{
	TagWeight:       3,
	CategoryWeight:  2,
	AncestorWeight:  1,
	WordWeight:      1,
	RecencyWeight:   1,
	RecencyHalfLife: 30 * 24 * time.Hour,
}

// Validate reports the fields of c that break a rule, as FieldErrors
// (wrapping ErrInvalid) named after the Go field: a weight that is
// negative, NaN or infinite, a negative RecencyHalfLife or a positive one
// under a microsecond, and unknown bits in Disable. It returns nil for a
// valid config; zero fields are valid (they mean the default).
func (c RelatedConfig) Validate() error {
	var es FieldErrors
	for _, w := range []struct {
		field string
		v     float64
	}{
		{"TagWeight", c.TagWeight},
		{"CategoryWeight", c.CategoryWeight},
		{"AncestorWeight", c.AncestorWeight},
		{"WordWeight", c.WordWeight},
		{"RecencyWeight", c.RecencyWeight},
	} {
		switch {
		case math.IsNaN(w.v) || math.IsInf(w.v, 0):
			es.add(w.field, "not a finite number (%v)", w.v)
		case w.v < 0:
			es.add(w.field, "negative (%v)", w.v)
		}
	}
	switch h := c.RecencyHalfLife; {
	case h < 0:
		es.add("RecencyHalfLife", "negative (%v)", h)
	case h > 0 && h < time.Microsecond:
		es.add("RecencyHalfLife", "under 1µs (%v)", h)
	}
	if c.Disable&^allRelatedSignals != 0 {
		es.add("Disable", "unknown signals (%#x)", uint8(c.Disable&^allRelatedSignals))
	}
	return es.err()
}

// effective returns the weights Related scores with: zero fields take the
// default, disabled signals weigh 0. c must be valid.
func (c RelatedConfig) effective() RelatedConfig {
	d := DefaultRelatedConfig
	fill := func(w *float64, def float64, s RelatedSignals) {
		switch {
		case c.Disable&s != 0:
			*w = 0
		case *w == 0:
			*w = def
		}
	}
	fill(&c.TagWeight, d.TagWeight, RelatedTags)
	fill(&c.WordWeight, d.WordWeight, RelatedWords)
	fill(&c.CategoryWeight, d.CategoryWeight, RelatedCategory)
	fill(&c.AncestorWeight, d.AncestorWeight, RelatedAncestor)
	fill(&c.RecencyWeight, d.RecencyWeight, RelatedRecency)
	if c.RecencyHalfLife == 0 {
		c.RecencyHalfLife = d.RecencyHalfLife
	}
	return c
}

// Related is one result of Public.Related.
type Related struct {
	Article *Article
	Score   float64 // 0 for a Fallback result
	Why     Why
}

// Why says why a related article was chosen.
type Why struct {
	Tags         []string // the article's tags it shares, in the article's order and spelling
	Words        []string // the title keywords it shares, in title order, spelled as in the article's title ("Từ", "chuyển đổi")
	SameCategory bool     // it is in the same category
	Fallback     bool     // not scored: taken from SameCategory to fill the list
}

// stopWords are the Vietnamese and English words that carry no topic, in
// lower case with their marks. Stop words are matched before folding, so
// that "chỉ" (only) is dropped but "chi" (as in "chi bộ") is kept, and
// "có" is dropped but "cơ" (as in "cơ quan") is kept.
var stopWords = func() map[string]bool {
	const vi = `của và các những cho với trong được là có một tại về năm ngày đã này
	theo từ để khi thì mà như cũng đến sẽ ra vào lên bị do nên nhưng hay hoặc rằng
	đó đây nào ông bà trên dưới sau trước tháng lúc cùng vẫn đang rất nhiều ít hơn
	nhất việc lần gì đi lại còn chỉ mới vừa qua tới hết mỗi mọi nhằm bằng ở
	thế nếu vì tuy tuần`
	const en = `the a an of and or to in on for with at by from is are was were be
	been being as that this these those it its into about over after before not no
	but will would has have had do does did than then so such can may new more most`
	m := map[string]bool{}
	for _, w := range strings.Fields(vi + " " + en) {
		m[norm.NFC.String(w)] = true
	}
	return m
}()

// maxKeywords bounds the keywords taken from one title.
const maxKeywords = 64

// notWordRune reports whether r separates words, as in [Words].
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}

// TitleKeywords returns the keywords Related matches in a title: its
// words without stop words (a Vietnamese and an English list, matched
// with their marks, so "chỉ" is a stop word but "chi" is not) and
// one-letter words, folded (see [Words]), followed in order by each pair of
// neighbouring keywords joined by a space, since Vietnamese words are
// often two syllables ("dai hoi", "khoa hoc"). Duplicates are dropped; at
// most 64 are returned. It is safe for concurrent use.
func TitleKeywords(title string) []string {
	keys, _ := titleKeywords(title)
	return keys
}

// titleKeywords returns TitleKeywords(title) and, for each keyword, its
// first spelling in the normalised title ("Từ", "chuyển đổi").
func titleKeywords(title string) (keys, spellings []string) {
	raw := strings.FieldsFunc(Normalize(title), notWordRune)
	seen := map[string]bool{}
	add := func(key, spelling string) {
		if !seen[key] && len(keys) < maxKeywords {
			seen[key] = true
			keys = append(keys, key)
			spellings = append(spellings, spelling)
		}
	}
	folded := Words(title)
	if len(folded) != len(raw) {
		// Folding removed a word made only of marks; fold word by word.
		folded = make([]string, len(raw))
		for i, w := range raw {
			folded[i] = Fold(w)
		}
	}
	keep := make([]bool, len(raw))
	for i, w := range raw {
		keep[i] = utf8.RuneCountInString(folded[i]) > 1 && !stopWords[strings.ToLower(w)]
		if keep[i] {
			add(folded[i], w)
		}
	}
	for i := 1; i < len(raw); i++ {
		if keep[i-1] && keep[i] {
			add(folded[i-1]+" "+folded[i], raw[i-1]+" "+raw[i])
		}
	}
	return keys, spellings
}

// tagKeys returns the distinct Slugify keys of tags, in order, and the
// first spelling of each.
func tagKeys(tags []string) (keys, spellings []string) {
	for _, t := range tags {
		k := Slugify(t)
		if k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
			spellings = append(spellings, t)
		}
	}
	return keys, spellings
}

// A relDoc is what the related index keeps of one published article.
type relDoc struct {
	id    uuid.UUID
	slug  string
	at    int64 // PublishAt, Unix microseconds
	cat   uuid.UUID
	lang  string  // canonical
	terms []int32 // its tags and title keywords as term IDs, ascending
}

// A relatedSnapshot is the related index at one store version: an
// inverted index from terms (tags and keywords) and categories to
// articles, and a forward index from articles to their terms, so that a
// candidate is scored exactly on its own terms. It is immutable once
// built, except for the scratch pool.
type relatedSnapshot struct {
	version  int64
	docs     []relDoc         // published articles, PublishAt then ID ascending
	terms    map[string]int32 // term → ID; tags are "#" + Slugify(tag), keywords as they are
	postings [][]int32        // term ID → indices into docs, ascending
	cats     map[uuid.UUID][]int32
	paths    map[uuid.UUID][]uuid.UUID // category → itself and its ancestors
	langs    map[string]uint16         // canonical language → its number in langOf
	langOf   []uint16                  // doc index → the number of its language
	scratch  sync.Pool                 // *relScratch, one per concurrent lookup
}

// relScratch is a lookup's working memory, indexed by doc: a doc was
// reached when mark[d] == epoch, and acc[d] is then the sum of the gains
// of its lists. touched lists the docs reached.
type relScratch struct {
	mark    []uint32
	acc     []float64
	touched []int32
	epoch   uint32
}

// relatedIndex holds the current snapshot and rebuilds it when the store
// version moves.
type relatedIndex struct {
	cfg    RelatedConfig // effective (see RelatedConfig.effective)
	cfgErr error         // why the configuration given is invalid; nil when it is valid
	mu     sync.Mutex    // held while a snapshot is built, so one rebuild runs at a time
	snap   atomic.Pointer[relatedSnapshot]
	// features caches each article's tag keys and keywords by ID, so a
	// rebuild folds only the titles and tags that changed. Guarded by mu.
	features map[uuid.UUID]*relFeatures
}

// relFeatures are the terms of an article with the title and tags they
// were made from.
type relFeatures struct {
	title    string
	tags     []string
	rawLang  string
	keys     []string // tag keys
	keywords []string
	lang     string // canonical
}

// featuresOf returns the terms of a, from cache when its title and tags
// have not changed, and records them in next.
func (ix *relatedIndex) featuresOf(a *Article, next map[uuid.UUID]*relFeatures) *relFeatures {
	f := ix.features[a.ID]
	if f == nil || f.title != a.Title || !slices.Equal(f.tags, a.Tags) || f.rawLang != a.Lang {
		keys, _ := tagKeys(a.Tags)
		lang, _ := canonicalLang(a.Lang)
		f = &relFeatures{title: a.Title, tags: slices.Clone(a.Tags), rawLang: a.Lang,
			keys: keys, keywords: TitleKeywords(a.Title), lang: lang}
	}
	next[a.ID] = f
	return f
}

func newRelatedIndex(cfg RelatedConfig) *relatedIndex {
	if err := cfg.Validate(); err != nil {
		return &relatedIndex{cfgErr: err}
	}
	return &relatedIndex{cfg: cfg.effective()}
}

// current returns a snapshot at the store's current version, building one
// when needed. While one caller rebuilds, concurrent callers use the
// previous snapshot (or wait for the first one).
func (ix *relatedIndex) current(ctx context.Context, st Store) (*relatedSnapshot, error) {
	v, err := publicVersion(ctx, st)
	if err != nil {
		return nil, err
	}
	s := ix.snap.Load()
	switch {
	case s != nil && s.version >= v:
		return s, nil
	case s != nil && !ix.mu.TryLock():
		// Another lookup is rebuilding. The older snapshot is safe to use
		// meanwhile: every result is read again from the store and
		// checked for visibility, so it can only miss new articles.
		return s, nil
	case s == nil:
		ix.mu.Lock()
	}
	defer ix.mu.Unlock()
	if s := ix.snap.Load(); s != nil && s.version >= v {
		return s, nil
	}
	s, err = ix.build(ctx, st)
	if err != nil {
		return nil, err
	}
	ix.snap.Store(s)
	return s, nil
}

// tagTerm returns the term of a tag key.
func tagTerm(key string) string { return "#" + key }

// build reads every published article of st (scheduled ones too: lookups
// check the time) and indexes it. A write during the read moves the
// version past the snapshot's, so the next lookup builds again. The
// caller holds ix.mu.
func (ix *relatedIndex) build(ctx context.Context, st Store) (*relatedSnapshot, error) {
	v, err := publicVersion(ctx, st)
	if err != nil {
		return nil, err
	}
	cats, err := st.Categories(ctx)
	if err != nil {
		return nil, err
	}
	tree := NewCategoryTree(cats)
	s := &relatedSnapshot{
		version: v,
		terms:   map[string]int32{},
		cats:    map[uuid.UUID][]int32{},
		paths:   map[uuid.UUID][]uuid.UUID{},
	}
	for _, c := range cats {
		for _, p := range tree.Path(c.ID) {
			s.paths[c.ID] = append(s.paths[c.ID], p.ID)
		}
	}
	term := func(t string) int32 {
		id, ok := s.terms[t]
		if !ok {
			id = int32(len(s.terms))
			s.terms[t] = id
		}
		return id
	}
	features := make(map[uuid.UUID]*relFeatures, len(ix.features))
	q := Query{Status: StatusPublished, Limit: MaxLimit}
	for {
		page, err := st.Articles(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, a := range page.Articles {
			if _, dup := features[a.ID]; dup || a.Status != StatusPublished {
				continue
			}
			f := ix.featuresOf(a, features)
			d := relDoc{id: a.ID, slug: a.Slug, at: a.PublishAt.UnixMicro(), cat: a.CategoryID, lang: f.lang}
			for _, k := range f.keys {
				d.terms = append(d.terms, term(tagTerm(k)))
			}
			for _, w := range f.keywords {
				d.terms = append(d.terms, term(w))
			}
			slices.Sort(d.terms)
			d.terms = slices.Compact(d.terms)
			s.docs = append(s.docs, d)
		}
		if page.Next == "" {
			break
		}
		q.Cursor = page.Next
	}
	slices.SortFunc(s.docs, func(x, y relDoc) int {
		if c := cmp.Compare(x.at, y.at); c != 0 {
			return c
		}
		return bytes.Compare(x.id[:], y.id[:])
	})
	s.postings = make([][]int32, len(s.terms))
	s.langs = map[string]uint16{}
	s.langOf = make([]uint16, len(s.docs))
	for i, d := range s.docs {
		for _, t := range d.terms {
			s.postings[t] = append(s.postings[t], int32(i))
		}
		s.cats[d.cat] = append(s.cats[d.cat], int32(i))
		l, ok := s.langs[d.lang]
		if !ok {
			l = uint16(len(s.langs)) // canonical tags are few: an archive's languages
			s.langs[d.lang] = l
		}
		s.langOf[i] = l
	}
	n := len(s.docs)
	s.scratch.New = func() any { return &relScratch{mark: make([]uint32, n), acc: make([]float64, n)} }
	ix.features = features
	return s, nil
}

// A relQuery is the article looked up, prepared for scoring.
type relQuery struct {
	a        *Article
	lang     string
	at       int64    // the reference time, Unix microseconds
	tags     []string // the article's tags as spelled, one per key
	keys     []string // its title keywords (see TitleKeywords)
	keywords []string // the same, as spelled in its title
	// weights holds the gain of each of the article's terms: its tags
	// in order, then its keywords (WordWeight at len(tags)+i); 0 for a
	// term not in the index or whose signal is off.
	weights  []float64
	hit      []bool      // scratch of match: hit[i] when term i is shared
	sorted   []queryTerm // the terms found in the index, by term ID
	lists    []relList   // the candidate lists
	path     []uuid.UUID // a's category and its ancestors
	halfLife float64     // microseconds
	cfg      RelatedConfig
	snap     *relatedSnapshot
}

// A queryTerm is a term of the looked-up article found in the index, and
// its position in relQuery.weights.
type queryTerm struct {
	id  int32
	pos int
}

// A relList is one list of candidates: the articles that share one of
// the looked-up article's terms, or its category.
type relList struct {
	docs []int32 // doc indices, in time order
	gain float64 // what being on the list adds to a score
}

// A scored is a candidate with its score.
type scored struct {
	doc     int32
	score   float64
	sameCat bool
}

// idf returns the inverse document frequency of a term that df of n
// documents carry.
func idf(n, df int) float64 { return math.Log1p(float64(n) / float64(df)) }

// prepare returns the query for a at now. Only visible articles in lang
// other than a are candidates.
func (s *relatedSnapshot) prepare(a *Article, lang string, now time.Time, cfg RelatedConfig) *relQuery {
	ref := a.PublishAt
	if ref.IsZero() {
		ref = now
	}
	q := &relQuery{a: a, lang: lang, at: ref.UnixMicro(), cfg: cfg, snap: s,
		path: s.paths[a.CategoryID], halfLife: float64(cfg.RecencyHalfLife) / float64(time.Microsecond)}
	var keys []string
	keys, q.tags = tagKeys(a.Tags)
	q.keys, q.keywords = titleKeywords(a.Title)
	n := len(s.docs)
	q.weights = make([]float64, len(keys)+len(q.keys))
	q.hit = make([]bool, len(q.weights))
	term := func(t string, pos int, weight float64) {
		if id, ok := s.terms[t]; ok && weight > 0 {
			q.weights[pos] = weight * idf(n, len(s.postings[id]))
			q.sorted = append(q.sorted, queryTerm{id: id, pos: pos})
		}
	}
	for i, k := range keys {
		term(tagTerm(k), i, cfg.TagWeight)
	}
	for i, k := range q.keys {
		term(k, len(keys)+i, cfg.WordWeight)
	}
	slices.SortFunc(q.sorted, func(x, y queryTerm) int { return cmp.Compare(x.id, y.id) })
	for _, t := range q.sorted {
		q.lists = append(q.lists, relList{docs: s.postings[t.id], gain: q.weights[t.pos]})
	}
	if a.CategoryID != uuid.Nil && cfg.CategoryWeight > 0 {
		q.lists = append(q.lists, relList{docs: s.cats[a.CategoryID], gain: cfg.CategoryWeight})
	}
	return q
}

// A threshold keeps the k best sums seen, in a min-heap (container/heap).
type threshold struct {
	k      int
	scores minHeap
}

// A minHeap of float64 is a heap.Interface with the least on top.
type minHeap []float64

func (h minHeap) Len() int           { return len(h) }
func (h minHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h minHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)        { *h = append(*h, x.(float64)) }
func (h *minHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// add records a sum.
func (t *threshold) add(x float64) {
	switch {
	case len(t.scores) < t.k:
		heap.Push(&t.scores, x)
	case x > t.scores[0]:
		t.scores[0] = x
		heap.Fix(&t.scores, 0)
	}
}

// beats reports whether k sums have been seen and the least of them is
// above bound, with a margin for the rounding of sums added in another
// order.
func (t *threshold) beats(bound float64) bool {
	return len(t.scores) == t.k && bound < t.scores[0]-1e-9
}

// candidates returns a set of candidates, scored, that holds the k best
// of all: the visible articles in the query's language, other than a, on
// any list of a's tags, keywords and category.
//
// It adds up, for every article on a's lists, the gains of the lists it is
// on: weights are never negative, so that sum is at most its score, and at
// most AncestorWeight and RecencyWeight below it. An article whose sum plus
// those two is below the k-th best sum cannot be among the k best; the
// others, usually a few dozen, are scored exactly. With
// RelatedConfig.OlderOnly, articles after a's PublishAt are left out.
func (q *relQuery) candidates(now time.Time, k int) []scored {
	s := q.snap
	lang, ok := s.langs[q.lang]
	if !ok {
		return nil // no article in the query's language
	}
	sc := s.scratch.Get().(*relScratch)
	defer s.scratch.Put(sc)
	sc.epoch++
	if sc.epoch == 0 {
		clear(sc.mark)
		sc.epoch = 1
	}
	touched := sc.touched[:0]
	for _, l := range q.lists {
		for _, d := range l.docs {
			if sc.mark[d] != sc.epoch {
				sc.mark[d] = sc.epoch
				sc.acc[d] = 0
				touched = append(touched, d)
			}
			sc.acc[d] += l.gain
		}
	}
	// Docs are in time order: those from due on are not yet visible.
	until := now.UnixMicro()
	if q.cfg.OlderOnly {
		until = min(until, q.at)
	}
	due := int32(sort.Search(len(s.docs), func(i int) bool { return s.docs[i].at > until }))
	self := s.find(q.a)
	th := threshold{k: k}
	eligible := touched[:0]
	for _, d := range touched {
		if d < due && d != self && s.langOf[d] == lang {
			eligible = append(eligible, d)
			th.add(sc.acc[d])
		}
	}
	sc.touched = touched
	rest := q.cfg.AncestorWeight + q.cfg.RecencyWeight
	var out []scored
	for _, d := range eligible {
		if !th.beats(sc.acc[d] + rest) {
			out = append(out, q.score(d))
		}
	}
	return out
}

// find returns the index of a's doc, or -1 when a is not indexed as it is
// now (a preview, or changed since the snapshot).
func (s *relatedSnapshot) find(a *Article) int32 {
	at := a.PublishAt.UnixMicro()
	i := sort.Search(len(s.docs), func(i int) bool {
		d := &s.docs[i]
		return d.at > at || d.at == at && bytes.Compare(d.id[:], a.ID[:]) >= 0
	})
	if i < len(s.docs) && s.docs[i].id == a.ID {
		return int32(i)
	}
	return -1
}

// match sets q.hit[i] for each term i of the query that the document d
// carries, and returns q.hit.
func (q *relQuery) match(d int32) []bool {
	clear(q.hit)
	terms, i := q.snap.docs[d].terms, 0
	for _, t := range q.sorted {
		for i < len(terms) && terms[i] < t.id {
			i++
		}
		if i == len(terms) {
			break
		}
		if terms[i] == t.id {
			q.hit[t.pos] = true
		}
	}
	return q.hit
}

// score scores the document d against the query on d's own terms, adding
// the weights in the query's order so that equal matches get equal scores.
func (q *relQuery) score(d int32) scored {
	doc := &q.snap.docs[d]
	c := scored{doc: d}
	for i, h := range q.match(d) {
		if h {
			c.score += q.weights[i]
		}
	}
	switch cat := q.a.CategoryID; {
	case cat == uuid.Nil:
	case doc.cat == cat:
		c.score += q.cfg.CategoryWeight
		c.sameCat = true
	case slices.Contains(q.path, doc.cat) || slices.Contains(q.snap.paths[doc.cat], cat):
		c.score += q.cfg.AncestorWeight
	}
	dt := math.Abs(float64(doc.at - q.at))
	c.score += q.cfg.RecencyWeight * math.Exp2(-dt/q.halfLife)
	return c
}

// better reports whether x ranks before y: score descending, then
// PublishAt descending, then slug.
func (s *relatedSnapshot) better(x, y *scored) bool {
	if x.score != y.score {
		return x.score > y.score
	}
	dx, dy := &s.docs[x.doc], &s.docs[y.doc]
	if dx.at != dy.at {
		return dx.at > dy.at
	}
	return dx.slug < dy.slug
}

// top returns the k best of cands, best first, without sorting them all.
func (s *relatedSnapshot) top(cands []scored, k int) []scored {
	out := make([]scored, 0, min(k, len(cands)))
	for i := range cands {
		c := &cands[i]
		if len(out) == k && !s.better(c, &out[k-1]) {
			continue
		}
		at := sort.Search(len(out), func(j int) bool { return s.better(c, &out[j]) })
		if len(out) < k {
			out = append(out, scored{})
		}
		copy(out[at+1:], out[at:len(out)-1])
		out[at] = *c
	}
	return out
}

// why returns the reasons of c.
func (q *relQuery) why(c *scored) Why {
	var w Why
	hit := q.match(c.doc)
	for i, t := range q.tags {
		if hit[i] {
			w.Tags = append(w.Tags, t)
		}
	}
	hit = hit[len(q.tags):]
	var matched []string
	for i, k := range q.keys {
		if hit[i] {
			matched = append(matched, k)
		}
	}
	// A word inside a matched pair says nothing more than the pair.
	for i, k := range q.keys {
		if !hit[i] || !strings.ContainsFunc(k, unicode.IsSpace) && slices.ContainsFunc(matched, func(p string) bool {
			first, second, ok := strings.Cut(p, " ")
			return ok && (first == k || second == k)
		}) {
			continue
		}
		w.Words = append(w.Words, q.keywords[i])
	}
	w.SameCategory = c.sameCat
	return w
}

// sameLang reports whether b's language is lang, in canonical form.
func sameLang(b *Article, lang string) bool {
	l, _ := canonicalLang(b.Lang)
	return l == lang
}

// Related returns up to n articles related to a, best first, each with
// its score and why it was chosen (see [RelatedConfig] for the scoring).
// Only visible articles in a's language (by canonical tag) are returned,
// never a itself. Ties are broken by PublishAt, newest first, then slug,
// so the order is deterministic. When fewer than n articles score, the
// list is filled from SameCategory (marked Why.Fallback), so it is never
// empty while a's category has other visible articles in its language.
// n is capped at MaxLimit; n <= 0 gives nil. a need not be stored (a
// preview works); its ID is left out of the results.
//
// Lookups use an in-memory inverted index (tags, keywords and categories
// to articles, and each article's terms) and never scan the archive. The
// result is exact, the best candidates as a scan scoring all of them would
// rank them, but a lookup reads only a's lists, adding up for each article
// on them what the lists give, and scores in full only the few articles
// whose sum can reach the n best. Scheduled articles are indexed but only
// returned once due.
//
// The index is rebuilt from the store by the first lookup after the
// store's public version moved (see [PublicVersioner]). A rebuild reads every published article but
// re-reads the title and tags only of those that changed, so its cost is
// paid once per batch of writes, not per lookup. Lookups that arrive
// during a rebuild use the previous index rather than wait; that is safe,
// since every result is read again from the store and checked for
// visibility. Service writes do not patch the index in place:
// the version does not say by how much it moves, so a patch could not
// prove it saw every write (another instance on the same database, say); a
// rebuild can.
//
// Errors wrap ErrInvalid when a is nil or the view's RelatedConfig is
// invalid (a FieldError naming the field, see [RelatedConfig.Validate]),
// or are the store's.
func (p *Public) Related(ctx context.Context, a *Article, n int) ([]Related, error) {
	if err := requireArticle(a); err != nil {
		return nil, fmt.Errorf("news: related: %w", err)
	}
	if p.related.cfgErr != nil {
		return nil, fmt.Errorf("news: related: config: %w", p.related.cfgErr)
	}
	if n <= 0 {
		return nil, nil
	}
	n = min(n, MaxLimit)
	snap, err := p.related.current(ctx, p.store)
	if err != nil {
		return nil, fmt.Errorf("news: related to %q: %w", a.Slug, err)
	}
	now := p.now()
	lang, _ := canonicalLang(a.Lang)
	q := snap.prepare(a, lang, now, p.related.cfg)
	var out []Related
	have := map[uuid.UUID]bool{a.ID: true}
	// Take the best few; look further only when some turn out gone since
	// the snapshot was built. The k best do not depend on k: each round
	// ranks the first ones as the last did.
	for k, done := n+8, 0; len(out) < n; k *= 4 {
		best := snap.top(q.candidates(now, k), k)
		for i := done; i < len(best) && len(out) < n; i++ {
			c := &best[i]
			b, err := p.store.Article(ctx, snap.docs[c.doc].id)
			if err != nil && !errors.Is(err, ErrNotFound) {
				return nil, fmt.Errorf("news: related to %q: %w", a.Slug, err)
			}
			if err != nil || !b.Visible(now) || have[b.ID] || !sameLang(b, lang) {
				continue // deleted or changed since the snapshot
			}
			have[b.ID] = true
			out = append(out, Related{Article: b, Score: c.score, Why: q.why(c)})
		}
		done = len(best)
		if len(best) < k {
			break // every candidate is ranked
		}
	}
	if len(out) < n {
		var to time.Time
		if p.related.cfg.OlderOnly {
			to = time.UnixMicro(q.at)
		}
		list, err := p.sameCategory(ctx, a, n+len(out), lang, to)
		if err != nil {
			return nil, err
		}
		for _, b := range list {
			if len(out) == n {
				break
			}
			if !have[b.ID] {
				have[b.ID] = true
				out = append(out, Related{Article: b, Why: Why{SameCategory: b.CategoryID == a.CategoryID, Fallback: true}})
			}
		}
	}
	return out, nil
}

// requireArticle returns a FieldError wrapping ErrInvalid when a is nil.
func requireArticle(a *Article) error {
	if a == nil {
		return &FieldError{Field: "article", Rule: "required"}
	}
	return nil
}
