package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/orgnews/orgnews/news"
)

// searchKeys are the search keys (news.SearchKeys) of an article's title,
// summary and body text, as the full-text index holds them.
type searchKeys struct {
	title, summary, body []string
}

// newSearchKeys returns the search keys of a.
func newSearchKeys(a *news.Article) searchKeys {
	return searchKeys{
		title:   news.SearchKeys(a.Title),
		summary: news.SearchKeys(a.Summary),
		body:    news.SearchKeys(news.Excerpt(a.Body, len(a.Body)+1)),
	}
}

// maxPosition is the largest position PostgreSQL keeps in a tsvector; a
// later word takes this position, so a phrase past it is not found.
const maxPosition = 16383

// fieldWeights are the tsvector weights of title, summary and body text.
const fieldWeights = "ABC"

// tsVector returns the text of the tsvector of k: each key at its
// position, weighted by its field, with a position left out between two
// fields so that no phrase spans them.
func (k searchKeys) tsVector() string {
	var b strings.Builder
	pos := 1
	for i, keys := range [][]string{k.title, k.summary, k.body} {
		for _, key := range keys {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(tsLexeme(key))
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(min(pos, maxPosition)))
			b.WriteByte(fieldWeights[i])
			pos++
		}
		pos++
	}
	return b.String()
}

// putSearch writes the article_search row of the SQLite article with the
// rowid seq, replacing the row it has when exists.
func (t *txn) putSearch(seq int64, exists bool, k searchKeys) error {
	if exists {
		if _, err := t.exec("DELETE FROM article_search WHERE rowid = ?", seq); err != nil {
			return err
		}
	}
	_, err := t.exec("INSERT INTO article_search (rowid, title, summary, body) VALUES (?, ?, ?, ?)",
		seq, strings.Join(k.title, " "), strings.Join(k.summary, " "), strings.Join(k.body, " "))
	return err
}

// reindexBatch is the number of articles reindex indexes in one
// transaction.
const reindexBatch = 500

// reindex indexes the articles queued in search_reindex (by migration
// 0006, whose keys only Go computes), reindexBatch articles a
// transaction, and empties the queue. It does not move the change version:
// what readers see does not change, only how it is found. Two processes
// opening the database at once share the work: SQLite's write lock makes
// one wait, PostgreSQL's SKIP LOCKED gives each its own rows.
func (s *Store) reindex(ctx context.Context) error {
	for {
		n, err := s.reindexOnce(ctx)
		if err != nil {
			return fmt.Errorf("sqlstore: index search keys: %w", err)
		}
		if n < reindexBatch {
			return nil
		}
	}
}

// reindexOnce indexes up to reindexBatch queued articles in one
// transaction and returns how many it took from the queue.
func (s *Store) reindexOnce(ctx context.Context) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	t := &txn{ctx: ctx, tx: tx, d: s.dialect}
	query := "SELECT q.seq, a.title, a.summary, a.body FROM search_reindex q JOIN articles a ON a.seq = q.seq LIMIT ?"
	if s.dialect == PostgreSQL {
		query = "SELECT q.id, a.title, a.summary, a.body FROM search_reindex q JOIN articles a ON a.id = q.id LIMIT ? FOR UPDATE OF q SKIP LOCKED"
	}
	type queued struct {
		key  string // SQLite: seq; PostgreSQL: id
		keys searchKeys
	}
	var batch []queued
	rows, err := tx.QueryContext(ctx, s.dialect.rebind(query), reindexBatch)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var q queued
		var a news.Article
		var key string
		if err := rows.Scan(&key, &a.Title, &a.Summary, &a.Body); err != nil {
			rows.Close()
			return 0, err
		}
		q.key, q.keys = key, newSearchKeys(&a)
		batch = append(batch, q)
	}
	if err := rows.Close(); err != nil {
		return 0, err
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, q := range batch {
		if s.dialect == SQLite {
			seq, err := strconv.ParseInt(q.key, 10, 64)
			if err != nil {
				return 0, err
			}
			if err := t.putSearch(seq, true, q.keys); err != nil {
				return 0, err
			}
			if _, err := t.exec("DELETE FROM search_reindex WHERE seq = ?", seq); err != nil {
				return 0, err
			}
			continue
		}
		if _, err := t.exec("UPDATE articles SET search = CAST(? AS tsvector) WHERE id = ?", q.keys.tsVector(), q.key); err != nil {
			return 0, err
		}
		if _, err := t.exec("DELETE FROM search_reindex WHERE id = ?", q.key); err != nil {
			return 0, err
		}
	}
	if len(batch) < reindexBatch {
		// Queued articles deleted since have nothing to index.
		if _, err := t.exec("DELETE FROM search_reindex"); err != nil {
			return 0, err
		}
	}
	return len(batch), tx.Commit()
}

// A textSearch is a search as the keys it asks the full-text index for.
type textSearch struct {
	words    []string   // the key of each word typed outside quotes, in order
	phrases  [][]string // the keys of each phrase
	excluded [][]string // the keys of each exclusion, a word or a phrase
	// rarest is the index in words of the rarest word (news.Rarest), set
	// by Store.measureRarity; -1 when there is none, or when no match can
	// spread its words over fields (one word and no phrase).
	rarest int
}

// newTextSearch returns the keys of a search; its rarest word is not
// measured yet.
func newTextSearch(search news.Search) textSearch {
	x := textSearch{rarest: -1}
	x.words, x.phrases, x.excluded = search.Keys()
	return x
}

// measureRarity sets x.rarest: the word of x that the fewest articles
// hold, each word's matches counted in the full-text index (SQLite's
// article_search, PostgreSQL's GIN index on articles.search) up to
// news.MaxRarityCount+1, the words not in s.rarity counted in one
// statement. A search of one word is not counted: its only word is the
// rarest.
func (s *Store) measureRarity(ctx context.Context, x *textSearch) error {
	x.rarest = -1
	switch {
	case len(x.words) == 0 || len(x.words)+len(x.phrases) < 2:
		return nil
	case len(x.words) == 1:
		x.rarest = 0
		return nil
	}
	version, err := s.Version(ctx)
	if err != nil {
		return fmt.Errorf("sqlstore: articles: rarity: %w", err)
	}
	counts := make([]int, len(x.words))
	var missing []int // indexes in x.words of the words s.rarity lacks
	s.rarity.mu.Lock()
	if s.rarity.counts == nil || s.rarity.version != version || len(s.rarity.counts) >= maxRarityKeys {
		s.rarity.version, s.rarity.counts = version, make(map[string]int)
	}
	for i, w := range x.words {
		n, ok := s.rarity.counts[w]
		if !ok {
			missing = append(missing, i)
		}
		counts[i] = n
	}
	s.rarity.mu.Unlock()
	if len(missing) > 0 {
		b := &builder{d: s.dialect}
		b.add("SELECT ")
		dest := make([]any, len(missing))
		for j, i := range missing {
			if j > 0 {
				b.add(", ")
			}
			if s.dialect == SQLite {
				b.add("(SELECT count(*) FROM (SELECT 1 FROM article_search WHERE article_search MATCH ? LIMIT ?))",
					ftsTerm(x.words[i]), news.MaxRarityCount+1)
			} else {
				b.add("(SELECT count(*) FROM (SELECT 1 FROM articles WHERE search @@ CAST(? AS tsquery) LIMIT ?) t)",
					tsTerm(x.words[i], 0), news.MaxRarityCount+1)
			}
			dest[j] = &counts[i]
		}
		if err := s.db.QueryRowContext(ctx, s.dialect.rebind(b.sql.String()), b.args...).Scan(dest...); err != nil {
			return fmt.Errorf("sqlstore: articles: rarity: %w", err)
		}
		s.rarity.mu.Lock()
		if s.rarity.version == version {
			for _, i := range missing {
				s.rarity.counts[x.words[i]] = counts[i]
			}
		}
		s.rarity.mu.Unlock()
	}
	x.rarest = news.Rarest(counts)
	return nil
}

// maxRarityKeys bounds a rarityCache: past it, the cache is emptied.
const maxRarityKeys = 4096

// A rarityCache holds the counts measureRarity read (the articles that
// hold a search key, up to news.MaxRarityCount+1), for one change
// version: when Store.Version moves, it is emptied. SQLite reads the
// whole index entry of a key typed without marks (a prefix query) to
// count even a few of its matches: BenchmarkQueries/sqlite/search-common-rarity
// at 100,000 articles costs some 30 ms a search counted, none once cached.
type rarityCache struct {
	mu      sync.Mutex     // guards the fields below
	version int64          // the change version the counts were read at
	counts  map[string]int // by search key
}

// ranks returns the ranks (see news.Cursor) a search tells apart, but
// the last, news.RankSpread, which is every other match: with one word or
// none, a field that holds every word holds them as a phrase; without a
// rarest word, every match of spread words is news.RankSpread.
func (x textSearch) ranks() []int {
	ranks := []int{news.RankTitlePhrase, news.RankSummaryPhrase, news.RankBodyPhrase}
	if len(x.words) >= 2 {
		ranks = append(ranks, news.RankTitleWords, news.RankSummaryWords, news.RankBodyWords)
	}
	if x.rarest >= 0 {
		ranks = append(ranks, news.RankRareTitle, news.RankRareSummary)
	}
	return ranks
}

// ftsColumns are the columns of article_search, by field.
var ftsColumns = []string{"title", "summary", "body"}

// ftsTerm returns the FTS5 query of one key: a prefix query for the key
// of a word without marks, the key itself for a marked word. Each key is
// a quoted string, so no key is read as query syntax.
func ftsTerm(key string) string {
	t := `"` + strings.ReplaceAll(key, `"`, `""`) + `"`
	if strings.HasSuffix(key, "_") {
		t += "*"
	}
	return t
}

// ftsPhrase returns the FTS5 phrase of keys: the terms joined by "+".
func ftsPhrase(keys []string) string {
	terms := make([]string, len(keys))
	for i, k := range keys {
		terms[i] = ftsTerm(k)
	}
	return strings.Join(terms, " + ")
}

// ftsAll returns the FTS5 query of every word and phrase of x, in any
// column, in parentheses.
func (x textSearch) ftsAll() string {
	var all []string
	for _, w := range x.words {
		all = append(all, ftsTerm(w))
	}
	for _, p := range x.phrases {
		all = append(all, ftsPhrase(p))
	}
	return "(" + strings.Join(all, " AND ") + ")"
}

// fts returns the FTS5 query of every match of x: every word and phrase,
// in any column, and no exclusion.
func (x textSearch) fts() string {
	q := x.ftsAll()
	if len(x.excluded) == 0 {
		return q
	}
	ex := make([]string, len(x.excluded))
	for i, e := range x.excluded {
		ex[i] = ftsPhrase(e)
	}
	return q + " NOT (" + strings.Join(ex, " OR ") + ")"
}

// ftsRank returns the FTS5 query of the articles whose field holds x as
// the rank asks (see news.Cursor): its words as a phrase or each of them,
// and every phrase; for news.RankRareTitle and news.RankRareSummary, the
// rarest word, and every word and phrase in any field. The query does not
// leave out exclusions.
func (x textSearch) ftsRank(rank int) string {
	var all []string
	if rank >= news.RankRareTitle {
		return "{" + ftsColumns[rank%3] + "} : (" + ftsTerm(x.words[x.rarest]) + ") AND " + x.ftsAll()
	}
	if rank < news.RankTitleWords {
		if len(x.words) > 0 {
			all = append(all, ftsPhrase(x.words))
		}
	} else {
		for _, w := range x.words {
			all = append(all, ftsTerm(w))
		}
	}
	for _, p := range x.phrases {
		all = append(all, ftsPhrase(p))
	}
	return "{" + ftsColumns[rank%3] + "} : (" + strings.Join(all, " AND ") + ")"
}

// ftsMatch returns the FTS5 query of the matches of x whose field holds
// x as rank r asks: ftsRank, less the exclusions.
func (x textSearch) ftsMatch(r int) string {
	if len(x.excluded) == 0 {
		return x.ftsRank(r)
	}
	ex := make([]string, len(x.excluded))
	for i, e := range x.excluded {
		ex[i] = ftsPhrase(e)
	}
	return "(" + x.ftsRank(r) + ") NOT (" + strings.Join(ex, " OR ") + ")"
}

// ftsLevel returns the FTS5 query of the matches of x at level i of
// ranks, those that match the query of ranks[i] and of no rank before it,
// and no exclusion; level len(ranks) is every other match.
func (x textSearch) ftsLevel(ranks []int, i int) string {
	match := x.fts()
	if i < len(ranks) {
		match = x.ftsMatch(ranks[i])
	}
	if i == 0 {
		return match
	}
	before := make([]string, i)
	for j := range i {
		before[j] = x.ftsRank(ranks[j])
	}
	return "(" + match + ") NOT (" + strings.Join(before, " OR ") + ")"
}

// oneKey reports whether x asks for one key, besides exclusions: one
// word, or a phrase of one.
func (x textSearch) oneKey() bool {
	n := len(x.words)
	for _, p := range x.phrases {
		n += len(p)
	}
	return n == 1
}

// seeks reports whether FTS5 finds the matches of x in a given row by
// seeking: whether no key of x is a prefix query, which has FTS5 read and
// merge the doclists of every term it matches.
func (x textSearch) seeks() bool {
	for _, keys := range append(append([][]string{x.words}, x.phrases...), x.excluded...) {
		for _, k := range keys {
			if strings.HasSuffix(k, "_") {
				return false
			}
		}
	}
	return true
}

// tsLevel returns the tsquery text of the matches of x that rank r (see
// news.Cursor): those that match the query of r and of no rank before it,
// and no exclusion. r is one of x.ranks() or news.RankSpread, whose query
// is every match (ts).
func (x textSearch) tsLevel(r int) string {
	var not []string
	for _, before := range x.ranks() {
		if before == r {
			break
		}
		not = append(not, "!("+x.tsRank(before)+")")
	}
	q := x.ts()
	if r != news.RankSpread {
		q = x.tsRank(r)
		for _, e := range x.excluded {
			not = append(not, "!"+tsPhrase(e, 0))
		}
	}
	if len(not) == 0 {
		return q
	}
	return "(" + q + ") & " + strings.Join(not, " & ")
}

// tsTerm returns the tsquery of one key, as ftsTerm does for FTS5, with
// the weight of a field when weight is not 0.
func tsTerm(key string, weight byte) string {
	t := tsLexeme(key) + ":"
	if strings.HasSuffix(key, "_") {
		t += "*"
	}
	if weight != 0 {
		t += string(weight)
	}
	return strings.TrimSuffix(t, ":")
}

// tsPhrase returns the tsquery phrase of keys: the terms joined by <->.
func tsPhrase(keys []string, weight byte) string {
	terms := make([]string, len(keys))
	for i, k := range keys {
		terms[i] = tsTerm(k, weight)
	}
	return "(" + strings.Join(terms, " <-> ") + ")"
}

// tsAll returns the tsquery text of every word and phrase of x, in any
// field.
func (x textSearch) tsAll() []string {
	var all []string
	for _, w := range x.words {
		all = append(all, tsTerm(w, 0))
	}
	for _, p := range x.phrases {
		all = append(all, tsPhrase(p, 0))
	}
	return all
}

// ts returns the tsquery text of every match of x, as fts does for FTS5.
func (x textSearch) ts() string {
	all := x.tsAll()
	for _, e := range x.excluded {
		all = append(all, "!"+tsPhrase(e, 0))
	}
	return strings.Join(all, " & ")
}

// tsRank returns the tsquery text of the articles whose field holds x as
// the rank asks, as ftsRank does for FTS5: the field is the weight.
func (x textSearch) tsRank(rank int) string {
	w := fieldWeights[rank%3]
	var all []string
	if rank >= news.RankRareTitle {
		all = append([]string{tsTerm(x.words[x.rarest], w)}, x.tsAll()...)
		return strings.Join(all, " & ")
	}
	if rank < news.RankTitleWords {
		if len(x.words) > 0 {
			all = append(all, tsPhrase(x.words, w))
		}
	} else {
		for _, k := range x.words {
			all = append(all, tsTerm(k, w))
		}
	}
	for _, p := range x.phrases {
		all = append(all, tsPhrase(p, w))
	}
	return strings.Join(all, " & ")
}

// maxLexeme is the longest key, in bytes, kept in a PostgreSQL tsvector
// (whose limit is 2047 bytes); a longer key is cut at a character
// boundary, in documents and queries alike.
const maxLexeme = 2000

// cutLexeme returns the key cut to at most maxLexeme bytes at a character
// boundary.
func cutLexeme(key string) string {
	if len(key) <= maxLexeme {
		return key
	}
	i := maxLexeme
	for i > 0 && key[i]&0xC0 == 0x80 {
		i--
	}
	return key[:i]
}

// tsLexeme returns the key cut to at most maxLexeme bytes at a character
// boundary, quoted as a tsvector or tsquery lexeme.
func tsLexeme(key string) string {
	return tsQuote(cutLexeme(key))
}

// tsQuote returns s quoted as a tsvector or tsquery lexeme.
func tsQuote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `'`, `''`)
	return "'" + s + "'"
}

// fieldBase returns what search_fields (migration 0009) keeps of a key:
// its folded letters, before its "_", of the key cut as tsLexeme cuts it.
func fieldBase(key string) string {
	base, _, _ := strings.Cut(cutLexeme(key), "_")
	return base
}

// fieldTerms returns the lexemes of search_fields that an article holds
// when the field of weight w holds keys in sequence: each pair of keys
// that follow each other, or, for one key, its word. A pair longer than
// search_fields keeps is left out; when every pair is, the words are
// returned instead.
func fieldTerms(keys []string, w byte) []string {
	var out []string
	for i := 1; i < len(keys); i++ {
		a, b := fieldBase(keys[i-1]), fieldBase(keys[i])
		if len(a)+len(b) <= maxLexeme {
			out = append(out, tsQuote(string(w)+" "+a+" "+b))
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, k := range keys {
		out = append(out, tsQuote(string(w)+" "+fieldBase(k)))
	}
	return out
}

// tsFields returns the tsquery text, over search_fields(search), of a
// superset of the articles whose field holds x as rank r asks (r one of
// x.ranks()): the field's pairs of the words typed together, or each
// word, and the pairs of each phrase. With r news.RankSpread it is a
// superset of every match of x: each word, and each phrase's pairs, in
// any one field; with news.RankRareTitle or news.RankRareSummary, that
// and the rarest word in the rank's field. The superset leaves out what
// the folded letters of a key do not tell apart: marks, the order of
// pairs, exclusions.
func (x textSearch) tsFields(r int) string {
	var all []string
	if r == news.RankRareTitle || r == news.RankRareSummary {
		rare := fieldTerms([]string{x.words[x.rarest]}, fieldWeights[r%3])
		return strings.Join(rare, " & ") + " & " + x.tsFields(news.RankSpread)
	}
	if r == news.RankSpread {
		groups := slices.Clone(x.phrases)
		for _, w := range x.words {
			groups = append(groups, []string{w})
		}
		for _, g := range groups {
			var any []string
			for i := range fieldWeights {
				any = append(any, "("+strings.Join(fieldTerms(g, fieldWeights[i]), " & ")+")")
			}
			all = append(all, "("+strings.Join(any, " | ")+")")
		}
		return strings.Join(all, " & ")
	}
	w := fieldWeights[r%3]
	if r < news.RankTitleWords {
		all = append(all, fieldTerms(x.words, w)...)
	} else {
		for _, k := range x.words {
			all = append(all, fieldTerms([]string{k}, w)...)
		}
	}
	for _, p := range x.phrases {
		all = append(all, fieldTerms(p, w)...)
	}
	return strings.Join(all, " & ")
}
