package news

import (
	"cmp"
	"container/heap"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"log/slog"
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
	var buf []byte
	eachKeyword(title, nil, func(k keyword) bool {
		buf = k.key(buf[:0])
		if slices.Contains(keys, string(buf)) {
			return false
		}
		keys = append(keys, string(buf))
		spellings = append(spellings, k.spelling())
		return true
	})
	return keys, spellings
}

// A keyword is a keyword of a title, as eachKeyword gives it: a word, or
// a pair of neighbouring words.
type keyword struct {
	first, second *foldedWord // second is nil for a word
	raw           [2]string   // the words as spelled in the normalised title
}

// key appends the keyword's key (see TitleKeywords) to b.
func (k *keyword) key(b []byte) []byte {
	b = append(b, k.first.folded...)
	if k.second != nil {
		b = append(append(b, ' '), k.second.folded...)
	}
	return b
}

// spelling returns the keyword as spelled in the normalised title.
func (k *keyword) spelling() string {
	if k.second == nil {
		return k.raw[0]
	}
	return k.raw[0] + " " + k.raw[1]
}

// eachKeyword calls add with each keyword of title in the order of
// TitleKeywords, duplicates included. add reports whether the keyword
// was new; eachKeyword stops after maxKeywords new ones. The keyword is
// only valid during the call. Words are folded through f, or one by one
// when f is nil.
func eachKeyword(title string, f *relFolder, add func(keyword) bool) {
	if f == nil {
		f = &relFolder{}
	}
	raw := strings.FieldsFunc(Normalize(title), notWordRune)
	folded := f.folded[:0]
	n := 0
	for _, w := range raw {
		fw := f.word(w)
		folded = append(folded, fw)
		if fw.keyword && n < maxKeywords && add(keyword{first: fw, raw: [2]string{w}}) {
			n++
		}
	}
	for i := 1; i < len(raw) && n < maxKeywords; i++ {
		if folded[i-1].keyword && folded[i].keyword && add(keyword{first: folded[i-1], second: folded[i], raw: [2]string{raw[i-1], raw[i]}}) {
			n++
		}
	}
	f.folded = folded[:0]
}

// A relFolder folds the words of titles and tags for the related index.
// During a build it remembers the words and tags it folded, and the
// terms they are in the index being built: an archive's titles and tags
// repeat a few thousand words, so each is folded and looked up once
// rather than once per article (folding was most of a cold build,
// BenchmarkRelatedIndexBuild/cold). The zero relFolder remembers
// nothing. It is not safe for concurrent use.
type relFolder struct {
	words  map[string]*foldedWord // a title word → its fold
	pairs  map[[2]int32]int32     // the terms of two words → the term of the pair
	tags   map[string]string      // a tag → its Slugify key
	langs  map[string]string      // a language tag → its canonical form
	folded []*foldedWord          // scratch of eachKeyword
	buf    []byte                 // scratch of relatedSnapshot.add
	terms  []int32                // scratch of relatedSnapshot.add
}

// A foldedWord is a title word folded, whether it is a keyword, and its
// term in the index being built.
type foldedWord struct {
	folded  string
	keyword bool
	term    int32 // -1 until relatedSnapshot.add looks it up
}

// newRelFolder returns a relFolder that remembers.
func newRelFolder() *relFolder {
	return &relFolder{words: map[string]*foldedWord{}, pairs: map[[2]int32]int32{}, tags: map[string]string{}, langs: map[string]string{}}
}

// word returns the word w of a normalised title folded, and whether it is
// a keyword: not a stop word, and more than one letter once folded.
func (f *relFolder) word(w string) *foldedWord {
	if fw, ok := f.words[w]; ok {
		return fw
	}
	fw := &foldedWord{folded: Fold(w), term: -1}
	fw.keyword = utf8.RuneCountInString(fw.folded) > 1 && !stopWords[strings.ToLower(w)]
	if f.words != nil {
		f.words[w] = fw
	}
	return fw
}

// tag returns the Slugify key of the tag t.
func (f *relFolder) tag(t string) string {
	k, ok := f.tags[t]
	if !ok {
		k = Slugify(t)
		if f.tags != nil {
			f.tags[t] = k
		}
	}
	return k
}

// lang returns the canonical form of the language tag t (see Article.Lang).
func (f *relFolder) lang(t string) string {
	l, ok := f.langs[t]
	if !ok {
		l, _ = canonicalLang(t)
		if f.langs != nil {
			f.langs[t] = l
		}
	}
	return l
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

// A relDoc is what the related index keeps of one published article, in
// its slot: 48 bytes, with its terms in relatedSnapshot.forward. A free
// slot has a nil id.
type relDoc struct {
	id    uuid.UUID
	slug  string
	at    int64  // PublishAt, Unix microseconds
	terms uint32 // where its terms start in relatedSnapshot.forward
	cat   uint16 // the number of its category in relatedSnapshot.catIDs
	lang  uint8  // the number of its canonical language in relatedSnapshot.langs
}

// A relatedSnapshot is the related index at one store version: an
// inverted index from terms (tags and keywords) and categories to
// articles, and a forward index from articles to their terms, so that a
// candidate is scored exactly on its own terms. Articles live in slots
// that keep their number while the article is indexed, so a write moves
// only the changed article's entries (see relatedIndex.refresh). It is
// read under relatedIndex.rw held for reading and changed under it held
// for writing.
//
// The forward index is one array of bytes for all articles: for each, its
// number of terms and then the differences between its ascending term
// IDs, as uvarints (about 2 bytes a term rather than 4). A build gives
// every posting list its exact length. There is no allocation per
// article, so the index of 100,000 articles holds about 200 bytes each
// (BenchmarkRelatedMemory).
type relatedSnapshot struct {
	version  int64
	docs     []relDoc                  // by slot
	slots    slotTable                 // article ID → slot
	free     []int32                   // free slots
	forward  []byte                    // for each article at relDoc.terms: its number of terms, then its term IDs, ascending, as uvarint differences
	stale    int                       // bytes of forward left by removed articles
	terms    map[string]int32          // term → ID; tags are "#" + Slugify(tag), keywords as they are
	postings [][]int32                 // term ID → slots, ascending
	cats     map[uuid.UUID][]int32     // category → slots, ascending
	catIDs   []uuid.UUID               // category number → ID
	catNums  map[uuid.UUID]uint16      // category ID → number
	paths    map[uuid.UUID][]uuid.UUID // category → itself and its ancestors
	langs    map[string]uint8          // canonical language → its number
	scratch  sync.Pool                 // *relScratch, one per concurrent lookup
}

// relScratch is a lookup's working memory, indexed by slot: a slot was
// reached when mark[d] == epoch, and acc[d] is then the sum of the gains
// of its lists. touched lists the slots reached.
type relScratch struct {
	mark    []uint32
	acc     []float64
	touched []int32
	epoch   uint32
}

// relatedIndex holds the index and keeps it at the store's public
// version.
type relatedIndex struct {
	cfg    RelatedConfig // effective (see RelatedConfig.effective)
	cfgErr error         // why the configuration given is invalid; nil when it is valid
	log    *slog.Logger
	mu     sync.Mutex   // held while the index is brought up to date, so one refresh runs at a time
	rw     sync.RWMutex // guards snap and its content
	snap   *relatedSnapshot
	saved  atomic.Int64 // the version of the snapshot saved (or tried) or read last
	saving atomic.Bool  // a snapshot is being saved
}

func newRelatedIndex(cfg RelatedConfig, log *slog.Logger) *relatedIndex {
	if err := cfg.Validate(); err != nil {
		return &relatedIndex{cfgErr: err, log: log}
	}
	return &relatedIndex{cfg: cfg.effective(), log: log}
}

// version returns the version of the index, or -1 when there is none.
func (ix *relatedIndex) version() int64 {
	ix.rw.RLock()
	defer ix.rw.RUnlock()
	if ix.snap == nil {
		return -1
	}
	return ix.snap.version
}

// refresh brings the index to the store's public version. With a
// ChangeLogger it reads only the articles touched since the index's
// version, and everything when the log does not reach back that far or
// the store keeps none. While one caller refreshes, concurrent callers
// use the index as it is (or wait for the first one).
func (ix *relatedIndex) refresh(ctx context.Context, st Store) error {
	v, err := publicVersion(ctx, st)
	if err != nil {
		return err
	}
	have := ix.version()
	switch {
	case have >= v:
		return nil
	case have >= 0 && !ix.mu.TryLock():
		// Another lookup is refreshing. The index is safe to use
		// meanwhile: every result is read again from the store and
		// checked for visibility, so it can only miss new articles.
		return nil
	case have < 0:
		ix.mu.Lock()
	}
	defer ix.mu.Unlock()
	if have = ix.version(); have >= v {
		return nil
	}
	ss, _ := st.(RelatedSnapshotter)
	if ss != nil && have < 0 {
		s, err := loadSnapshot(ctx, ss, ix.log)
		if err != nil {
			return err
		}
		if s != nil {
			ix.set(s)
			ix.saved.Store(s.version)
			have = s.version
		}
	}
	if cl, ok := st.(ChangeLogger); ok && have >= 0 {
		done, err := ix.follow(ctx, st, cl, have)
		if err != nil {
			return err
		}
		if done {
			ix.maybeSave(ctx, ss, false)
			return nil
		}
	}
	s, err := buildRelated(ctx, st)
	if err != nil {
		return err
	}
	ix.set(s)
	ix.maybeSave(ctx, ss, true)
	return nil
}

// set makes s the index.
func (ix *relatedIndex) set(s *relatedSnapshot) {
	ix.rw.Lock()
	ix.snap = s
	ix.rw.Unlock()
}

// follow applies the changes cl logged since the version have, and
// reports false when the log does not reach back that far. The caller
// holds ix.mu.
func (ix *relatedIndex) follow(ctx context.Context, st Store, cl ChangeLogger, have int64) (bool, error) {
	ch, err := cl.ChangedSince(ctx, have)
	if err != nil || !ch.Complete {
		return false, err
	}
	cats, err := st.Categories(ctx)
	if err != nil {
		return false, err
	}
	arts := make([]*Article, len(ch.Articles))
	for i, id := range ch.Articles {
		a, err := st.Article(ctx, id)
		switch {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return false, err
		case a.Status == StatusPublished:
			arts[i] = a
		}
	}
	ix.rw.Lock()
	defer ix.rw.Unlock()
	s := ix.snap
	s.setCategories(cats)
	for i, id := range ch.Articles {
		s.remove(id)
		if arts[i] != nil {
			if err := s.add(arts[i], nil); err != nil {
				return false, err
			}
		}
	}
	s.version = max(s.version, ch.Version)
	return true, nil
}

// tagTerm returns the term of a tag key.
func tagTerm(key string) string { return "#" + key }

// buildRelated reads every published article of st (scheduled ones too:
// lookups check the time), through EachPublished when st is a
// PublishedLister, and indexes it. A write during the read is
// applied again by the next refresh, since the index's version is the
// one read before.
func buildRelated(ctx context.Context, st Store) (*relatedSnapshot, error) {
	v, err := publicVersion(ctx, st)
	if err != nil {
		return nil, err
	}
	cats, err := st.Categories(ctx)
	if err != nil {
		return nil, err
	}
	s := newRelatedSnapshot(v, cats)
	f := newRelFolder()
	if pl, ok := st.(PublishedLister); ok {
		// Each article once: its slot and terms now, the lists and the
		// slot table in one pass at the end (link).
		err = pl.EachPublished(ctx, func(a *Article) error {
			_, err := s.addDoc(a, f)
			return err
		})
	} else {
		err = eachPublished(ctx, st, func(a *Article) error {
			if a.Status != StatusPublished {
				return nil
			}
			s.remove(a.ID) // listed twice when moved during the read
			return s.add(a, f)
		})
	}
	if err != nil {
		return nil, err
	}
	if err := s.finish(); err != nil {
		return nil, err
	}
	return s, nil
}

// newRelatedSnapshot returns an empty index at the version v, with the
// category tree cats.
func newRelatedSnapshot(v int64, cats []*Category) *relatedSnapshot {
	s := &relatedSnapshot{
		version: v,
		terms:   map[string]int32{},
		cats:    map[uuid.UUID][]int32{},
		catNums: map[uuid.UUID]uint16{},
		langs:   map[string]uint8{},
	}
	s.setCategories(cats)
	return s
}

// term returns the ID of the term t, adding it when it is new.
func (s *relatedSnapshot) term(t []byte) int32 {
	id, ok := s.terms[string(t)]
	if !ok {
		id = int32(len(s.postings))
		s.terms[string(t)] = id
		s.postings = append(s.postings, nil)
	}
	return id
}

// eachPublished calls fn with every published article of st, a page of
// Store.Articles at a time, as PublishedLister.EachPublished does.
func eachPublished(ctx context.Context, st Store, fn func(*Article) error) error {
	q := Query{Status: StatusPublished, Limit: MaxLimit}
	for {
		page, err := st.Articles(ctx, q)
		if err != nil {
			return err
		}
		for _, a := range page.Articles {
			if err := fn(a); err != nil {
				return err
			}
		}
		if page.Next == "" {
			return nil
		}
		q.Cursor = page.Next
	}
}

// finish gives the slots their exact length, drops what removed
// articles left in the forward index, and makes the posting lists, the
// category lists and the slot table from the slots and the forward index
// (see link).
func (s *relatedSnapshot) finish() error {
	if s.stale > 0 {
		s.compact()
	}
	s.docs = slices.Clone(s.docs)
	return s.link()
}

// link makes the posting lists, the category lists and the slot table
// from the slots and the forward index, which a build or a decoded
// snapshot fills first: every list in one array, each exactly as long as
// it is, and the table at its final size. Counting first and filling
// second costs one pass over the forward index where inserting each
// article into its lists grew every list many times (a third of a cold
// build, BenchmarkRelatedIndexBuild/cold). A list that grows later is
// copied out by append, since its capacity is its length. It fails when
// two slots hold one article.
func (s *relatedSnapshot) link() error {
	// next[t] is where term t's next slot goes in all: first its start,
	// after filling its end. Writing into all rather than appending to
	// each list writes no slice header per term (about 20 an article).
	next := make([]int, len(s.postings)+1)
	catCounts := make([]int32, len(s.catIDs))
	live := 0
	for d := range s.docs {
		if s.docs[d].id == uuid.Nil {
			continue
		}
		live++
		catCounts[s.docs[d].cat]++
		r := s.termsOf(int32(d))
		for t, ok := r.next(); ok; t, ok = r.next() {
			next[t+1]++
		}
	}
	for t := 1; t < len(next); t++ {
		next[t] += next[t-1]
	}
	all := make([]int32, next[len(next)-1])
	cats := make([][]int32, len(catCounts))
	byCat := make([]int32, live)
	for c, k := range catCounts {
		cats[c] = byCat[:0:k]
		byCat = byCat[k:]
	}
	s.slots = slotTable{}
	s.slots.grow(live)
	for d := range s.docs {
		doc := &s.docs[d]
		if doc.id == uuid.Nil {
			continue
		}
		if !s.slots.add(s.docs, int32(d)) {
			return fmt.Errorf("related index: article %s twice", doc.id)
		}
		cats[doc.cat] = append(cats[doc.cat], int32(d))
		r := s.termsOf(int32(d))
		for t, ok := r.next(); ok; t, ok = r.next() {
			all[next[t]] = int32(d)
			next[t]++
		}
	}
	from := 0
	for t := range s.postings {
		s.postings[t] = all[from:next[t]:next[t]]
		from = next[t]
	}
	s.cats = make(map[uuid.UUID][]int32, len(cats))
	for c, l := range cats {
		if len(l) > 0 {
			s.cats[s.catIDs[c]] = l
		}
	}
	return nil
}

// compact rewrites the forward index without the bytes of removed
// articles.
func (s *relatedSnapshot) compact() {
	fw := make([]byte, 0, len(s.forward)-s.stale)
	for d := range s.docs {
		if doc := &s.docs[d]; doc.id != uuid.Nil {
			r := s.termsOf(int32(d))
			at := len(fw)
			fw = append(fw, s.forward[doc.terms:doc.terms+uint32(r.len())]...)
			doc.terms = uint32(at)
		}
	}
	s.forward, s.stale = fw, 0
}

// appendTerms appends the ascending term IDs terms to the forward index
// fw, and returns where they start and fw.
func appendTerms(fw []byte, terms []int32) (uint32, []byte) {
	at := len(fw)
	fw = binary.AppendUvarint(fw, uint64(len(terms)))
	var last int32
	for _, t := range terms {
		fw = binary.AppendUvarint(fw, uint64(t-last))
		last = t
	}
	return uint32(at), fw
}

// A termReader reads the term IDs of one article from the forward index,
// in ascending order.
type termReader struct {
	b     []byte // the rest of the forward index
	n     int    // terms left to read
	last  int32  // the term read last
	start int    // len(b) at the article's start
}

// termsOf returns a reader of the terms of the article in slot d.
func (s *relatedSnapshot) termsOf(d int32) termReader {
	b := s.forward[s.docs[d].terms:]
	n, k := binary.Uvarint(b)
	return termReader{b: b[k:], n: int(n), start: len(b)}
}

// next returns the next term, and false when there is none left.
func (r *termReader) next() (int32, bool) {
	if r.n == 0 {
		return 0, false
	}
	v, k := binary.Uvarint(r.b)
	r.b, r.n = r.b[k:], r.n-1
	r.last += int32(v)
	return r.last, true
}

// len returns the number of bytes the article's terms take, reading
// them all.
func (r *termReader) len() int {
	for _, ok := r.next(); ok; _, ok = r.next() {
	}
	return r.start - len(r.b)
}

// setCategories records the category tree.
func (s *relatedSnapshot) setCategories(cats []*Category) {
	tree := NewCategoryTree(cats)
	s.paths = make(map[uuid.UUID][]uuid.UUID, len(cats))
	for _, c := range cats {
		for _, p := range tree.Path(c.ID) {
			s.paths[c.ID] = append(s.paths[c.ID], p.ID)
		}
	}
}

// insertSlot adds d to the ascending list l.
func insertSlot(l []int32, d int32) []int32 {
	if len(l) == 0 || l[len(l)-1] < d {
		return append(l, d) // a new slot, as in a build
	}
	if i, found := slices.BinarySearch(l, d); !found {
		l = slices.Insert(l, i, d)
	}
	return l
}

// removeSlot removes d from the ascending list l.
func removeSlot(l []int32, d int32) []int32 {
	if i, found := slices.BinarySearch(l, d); found {
		l = slices.Delete(l, i, i+1)
	}
	return l
}

// The index numbers languages and categories in a byte and two: an
// archive has a few languages and, by default, at most
// DefaultMaxCategories categories.
const (
	maxRelLangs = math.MaxUint8 + 1
	maxRelCats  = math.MaxUint16 + 1
)

// add indexes the published article a, which must not be indexed, its
// title and tags folded through f (nil to fold them every time). It fails
// only when a's language or category would be one more than the index
// numbers (see maxRelLangs, maxRelCats).
func (s *relatedSnapshot) add(a *Article, f *relFolder) error {
	d, err := s.addDoc(a, f)
	if err != nil {
		return err
	}
	s.slots.put(s.docs, d)
	r := s.termsOf(d)
	for t, ok := r.next(); ok; t, ok = r.next() {
		s.postings[t] = insertSlot(s.postings[t], d)
	}
	s.cats[a.CategoryID] = insertSlot(s.cats[a.CategoryID], d)
	return nil
}

// addDoc gives the published article a a slot and its terms, as add
// does, but leaves the posting lists, the category lists and the slot
// table to the caller: add, or link after a build.
func (s *relatedSnapshot) addDoc(a *Article, f *relFolder) (int32, error) {
	if f == nil {
		f = &relFolder{}
	}
	lang := f.lang(a.Lang)
	l, ok := s.langs[lang]
	if !ok {
		if len(s.langs) == maxRelLangs {
			return 0, fmt.Errorf("related index: more than %d languages", maxRelLangs)
		}
		l = uint8(len(s.langs))
		s.langs[lang] = l
	}
	c, ok := s.catNums[a.CategoryID]
	if !ok {
		if len(s.catIDs) == maxRelCats {
			return 0, fmt.Errorf("related index: more than %d categories", maxRelCats)
		}
		c = uint16(len(s.catIDs))
		s.catNums[a.CategoryID] = c
		s.catIDs = append(s.catIDs, a.CategoryID)
	}
	terms := f.terms[:0]
	// has adds the term ID to a's, and reports whether it is not among
	// them yet.
	has := func(id int32) bool {
		if slices.Contains(terms, id) {
			return false
		}
		terms = append(terms, id)
		return true
	}
	for _, t := range a.Tags {
		if k := f.tag(t); k != "" {
			f.buf = append(append(f.buf[:0], '#'), k...)
			has(s.term(f.buf))
		}
	}
	eachKeyword(a.Title, f, func(k keyword) bool {
		if k.first.term < 0 {
			k.first.term = s.term([]byte(k.first.folded))
		}
		if k.second != nil && k.second.term < 0 {
			k.second.term = s.term([]byte(k.second.folded))
		}
		if k.second == nil {
			return has(k.first.term)
		}
		pair := [2]int32{k.first.term, k.second.term}
		id, ok := f.pairs[pair]
		if !ok {
			f.buf = k.key(f.buf[:0])
			id = s.term(f.buf)
			if f.pairs != nil {
				f.pairs[pair] = id
			}
		}
		return has(id)
	})
	slices.Sort(terms)
	f.terms = terms
	var at uint32
	at, s.forward = appendTerms(s.forward, terms)
	var d int32
	if n := len(s.free); n > 0 {
		d, s.free = s.free[n-1], s.free[:n-1]
	} else {
		d = int32(len(s.docs))
		s.docs = append(s.docs, relDoc{})
	}
	s.docs[d] = relDoc{id: a.ID, slug: a.Slug, at: a.PublishAt.UnixMicro(), terms: uint32(at), cat: c, lang: l}
	return d, nil
}

// remove drops the article with the ID from the index, if it is there.
func (s *relatedSnapshot) remove(id uuid.UUID) {
	d, ok := s.slots.get(s.docs, id)
	if !ok {
		return
	}
	s.slots.delete(s.docs, d)
	r := s.termsOf(d)
	for t, ok := r.next(); ok; t, ok = r.next() {
		s.postings[t] = removeSlot(s.postings[t], d)
	}
	cat := s.catIDs[s.docs[d].cat]
	if l := removeSlot(s.cats[cat], d); len(l) > 0 {
		s.cats[cat] = l
	} else {
		delete(s.cats, cat)
	}
	s.stale += r.len()
	s.docs[d] = relDoc{}
	s.free = append(s.free, d)
	if s.stale > len(s.forward)/2 {
		s.compact()
	}
}

// size returns the number of articles indexed.
func (s *relatedSnapshot) size() int { return s.slots.n }

// A slotTable maps the IDs of the indexed articles to their slots: an
// open-addressing hash table of slot numbers with linear probing, at most
// half full, that reads the IDs from the slots. It takes 8 to 16 bytes an
// article where a map[uuid.UUID]int32 took about 40
// (BenchmarkRelatedMemory). The zero slotTable is empty.
type slotTable struct {
	seed  maphash.Seed
	cells []int32 // a slot + 1, or 0 for an empty cell; len is 0 or a power of 2
	n     int     // cells in use
}

// home returns the cell where the search for id starts.
func (t *slotTable) home(id uuid.UUID) int {
	return int(maphash.Comparable(t.seed, id) & uint64(len(t.cells)-1))
}

// get returns the slot of the article with the ID, and false when it is
// not indexed.
func (t *slotTable) get(docs []relDoc, id uuid.UUID) (int32, bool) {
	if t.n == 0 {
		return 0, false
	}
	mask := len(t.cells) - 1
	for i := t.home(id); t.cells[i] != 0; i = (i + 1) & mask {
		if d := t.cells[i] - 1; docs[d].id == id {
			return d, true
		}
	}
	return 0, false
}

// put adds the slot d, whose article (docs[d].id) is not in the table.
func (t *slotTable) put(docs []relDoc, d int32) {
	if 2*(t.n+1) > len(t.cells) {
		old := t.cells
		t.grow(t.n + 1)
		for _, c := range old {
			if c != 0 {
				t.place(docs, c)
			}
		}
	}
	t.place(docs, d+1)
	t.n++
}

// grow gives the table empty cells for n articles, at most half full.
// The cells it held are dropped: put places them again.
func (t *slotTable) grow(n int) {
	if t.cells == nil {
		t.seed = maphash.MakeSeed()
	}
	size := 16
	for size < 2*n {
		size *= 2
	}
	t.cells = make([]int32, size)
}

// add adds the slot d, as put does, unless its article is in the table
// already, and reports whether it added it. The table must have room
// (see grow).
func (t *slotTable) add(docs []relDoc, d int32) bool {
	mask := len(t.cells) - 1
	id := docs[d].id
	i := t.home(id)
	for ; t.cells[i] != 0; i = (i + 1) & mask {
		if docs[t.cells[i]-1].id == id {
			return false
		}
	}
	t.cells[i] = d + 1
	t.n++
	return true
}

// place puts the cell value c in the first free cell from its home.
func (t *slotTable) place(docs []relDoc, c int32) {
	mask := len(t.cells) - 1
	i := t.home(docs[c-1].id)
	for t.cells[i] != 0 {
		i = (i + 1) & mask
	}
	t.cells[i] = c
}

// delete removes the slot d, which is in the table; docs[d] must still
// hold its article. The cells after it that it may have pushed on move
// back (backward-shift deletion), so no search stops early.
func (t *slotTable) delete(docs []relDoc, d int32) {
	mask := len(t.cells) - 1
	i := t.home(docs[d].id)
	for t.cells[i] != d+1 {
		i = (i + 1) & mask
	}
	for j := (i + 1) & mask; t.cells[j] != 0; j = (j + 1) & mask {
		// The value at j stays when its home lies in (i, j], cyclically.
		k := t.home(docs[t.cells[j]-1].id)
		if i <= j && i < k && k <= j || i > j && (i < k || k <= j) {
			continue
		}
		t.cells[i], i = t.cells[j], j
	}
	t.cells[i] = 0
	t.n--
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
	n := s.size()
	q.weights = make([]float64, len(keys)+len(q.keys))
	q.hit = make([]bool, len(q.weights))
	term := func(t string, pos int, weight float64) {
		if id, ok := s.terms[t]; ok && weight > 0 && len(s.postings[id]) > 0 {
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
	sc, _ := s.scratch.Get().(*relScratch)
	if sc == nil || len(sc.mark) < len(s.docs) {
		n := len(s.docs) + len(s.docs)/8 // room for the articles published meanwhile
		sc = &relScratch{mark: make([]uint32, n), acc: make([]float64, n)}
	}
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
	// Articles after until are not yet visible (or newer, with OlderOnly).
	until := now.UnixMicro()
	if q.cfg.OlderOnly {
		until = min(until, q.at)
	}
	self, ok := s.slots.get(s.docs, q.a.ID)
	if !ok {
		self = -1
	}
	th := threshold{k: k}
	eligible := touched[:0]
	for _, d := range touched {
		if doc := &s.docs[d]; doc.at <= until && d != self && doc.lang == lang {
			eligible = append(eligible, d)
			th.add(sc.acc[d])
		}
	}
	sc.touched = touched
	rest := q.cfg.AncestorWeight + q.cfg.RecencyWeight
	var out []scored
	for _, d := range eligible {
		// The closeness in time, known from d's time alone, tightens the
		// bound of the articles that the constant one keeps: in a large
		// archive most are years apart and weigh nearly nothing.
		if !th.beats(sc.acc[d]+rest) && !th.beats(sc.acc[d]+q.cfg.AncestorWeight+q.recency(d)) {
			out = append(out, q.score(d))
		}
	}
	return out
}

// match sets q.hit[i] for each term i of the query that the document d
// carries, and returns q.hit.
func (q *relQuery) match(d int32) []bool {
	clear(q.hit)
	r := q.snap.termsOf(d)
	id, ok := r.next()
	for _, t := range q.sorted {
		for ok && id < t.id {
			id, ok = r.next()
		}
		if !ok {
			break
		}
		if id == t.id {
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
	case q.snap.catIDs[doc.cat] == cat:
		c.score += q.cfg.CategoryWeight
		c.sameCat = true
	case slices.Contains(q.path, q.snap.catIDs[doc.cat]) || slices.Contains(q.snap.paths[q.snap.catIDs[doc.cat]], cat):
		c.score += q.cfg.AncestorWeight
	}
	c.score += q.recency(d)
	return c
}

// recency returns what the closeness in time of the document d adds to
// its score.
func (q *relQuery) recency(d int32) float64 {
	dt := math.Abs(float64(q.snap.docs[d].at - q.at))
	return q.cfg.RecencyWeight * math.Exp2(-dt/q.halfLife)
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
// The index is built from the store by the first lookup, and brought up
// to date by the first lookup after the store's public version moved (see
// [PublicVersioner]). When the store is a [ChangeLogger] (memstore and
// sqlstore are), only the articles written since are read again and
// their entries replaced, so the lookup after a publish costs about what
// any lookup costs, and a write on another instance over the same
// database reaches this one's index the same way. When the log does not
// reach back far enough, or the store keeps none, the index is rebuilt
// from every published article, read through EachPublished when the store
// is a [PublishedLister] (memstore and sqlstore are: no bodies are read).
// When the store is a [RelatedSnapshotter] (sqlstore is), the first
// lookup reads the snapshot the store keeps and follows the log from its
// version instead, and the view saves a new snapshot in the background
// after a build and every 64 versions it follows (see the package
// documentation). Lookups that arrive during a refresh use
// the index as it is rather than wait; that is safe, since every result
// is read again from the store and checked for visibility.
//
// Errors wrap ErrInvalid when a is nil or the view's RelatedConfig is
// invalid (a FieldError naming the field, see [RelatedConfig.Validate]),
// say that the archive has more languages (256) or categories (65,536)
// than the index numbers, or are the store's.
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
	if err := p.related.refresh(ctx, p.store); err != nil {
		return nil, fmt.Errorf("news: related to %q: %w", a.Slug, err)
	}
	now := p.now()
	lang, _ := canonicalLang(a.Lang)
	var out []Related
	have := map[uuid.UUID]bool{a.ID: true}
	// Take the best few; look further only when some turn out gone since
	// the index was brought up to date. The k best do not depend on k:
	// each round ranks the first ones as the last did.
	for k, done := n+8, 0; len(out) < n; k *= 4 {
		best := p.related.best(a, lang, now, k)
		for i := done; i < len(best) && len(out) < n; i++ {
			c := &best[i]
			b, err := p.store.Article(ctx, c.id)
			if err != nil && !errors.Is(err, ErrNotFound) {
				return nil, fmt.Errorf("news: related to %q: %w", a.Slug, err)
			}
			if err != nil || !b.Visible(now) || have[b.ID] || !sameLang(b, lang) {
				continue // deleted or changed since the index was read
			}
			have[b.ID] = true
			out = append(out, Related{Article: b, Score: c.score, Why: c.why})
		}
		done = len(best)
		if len(best) < k {
			break // every candidate is ranked
		}
	}
	if len(out) < n {
		var to time.Time
		if p.related.cfg.OlderOnly {
			to = a.PublishAt
			if to.IsZero() {
				to = now
			}
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

// A relHit is a result of relatedIndex.best, read out of the index.
type relHit struct {
	id    uuid.UUID
	score float64
	why   Why
}

// best returns the k best articles for a in the language lang at now,
// best first, read under the index's read lock.
func (ix *relatedIndex) best(a *Article, lang string, now time.Time, k int) []relHit {
	ix.rw.RLock()
	defer ix.rw.RUnlock()
	s := ix.snap
	q := s.prepare(a, lang, now, ix.cfg)
	top := s.top(q.candidates(now, k), k)
	out := make([]relHit, len(top))
	for i := range top {
		c := &top[i]
		out[i] = relHit{id: s.docs[c.doc].id, score: c.score, why: q.why(c)}
	}
	return out
}

// requireArticle returns a FieldError wrapping ErrInvalid when a is nil.
func requireArticle(a *Article) error {
	if a == nil {
		return &FieldError{Field: "article", Rule: "required"}
	}
	return nil
}
