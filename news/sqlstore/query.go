package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

// maxBranches is the largest category subtree listed as one index range
// per category, merged (see Articles); a larger one is read as one IN list.
const maxBranches = 32

// Articles lists the articles that match q, in the order of news.Cursor:
// with q.Text, by rank (news.RankTitlePhrase to news.RankSpread, as
// news.Store.Articles defines them); within a rank, PublishAt descending,
// then ID descending. Pages are keyset pages: a cursor is a position in
// that order, so a page deep in the archive costs what the first one does.
//
// A category listing reads one index range per category of the subtree,
// each stopped after a page, and merges them (UNION ALL of per-category
// subqueries with ORDER BY and LIMIT), so the first page of a category does
// not grow with the archive; a tag listing reads the tag's index range. A
// text search matches the full-text index (SQLite FTS5, PostgreSQL GIN
// over a tsvector of search keys, see the package doc) in rank order and
// stops when the page is full (see rankedPage), rather than rank and sort
// every match. Exclusions are negations in the index
// query (FTS5 NOT, a tsquery !), so the index serves them too.
// Page.Total counts the same query's matches, unranked and unsorted,
// stopping at the news.MaxSearchTotal+1-th. A q.Text without words
// or of exclusions only lists nothing; one that news.ParseSearch refuses
// is news.ErrInvalid.
//
// It fails with an error wrapping news.ErrInvalid when q.Cursor is
// malformed or q.Limit is outside 0..news.MaxLimit.
func (s *Store) Articles(ctx context.Context, q news.Query) (*news.Page, error) {
	limit, cur, err := q.PageBounds()
	if err != nil {
		return nil, fmt.Errorf("sqlstore: %w", err)
	}
	var x *textSearch
	if q.Text != "" {
		search, err := news.ParseSearch(q.Text)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: %w", err)
		}
		if search.Empty() {
			return &news.Page{Articles: []*news.Article{}}, nil
		}
		ts := newTextSearch(search)
		if q.Sort != news.SortNewest {
			if err := s.measureRarity(ctx, &ts); err != nil {
				return nil, err
			}
		}
		x = &ts
	}
	if (x == nil || q.Sort == news.SortNewest) && cur != nil && cur.Rank > 0 {
		// Without ranks every article has rank 0: nothing comes after.
		return &news.Page{Articles: []*news.Article{}}, nil
	}
	cats, err := s.categoryFilter(ctx, q)
	if err != nil {
		return nil, err
	}
	if cats != nil && len(cats) == 0 {
		// The category is outside the scope: nothing matches.
		return &news.Page{Articles: []*news.Article{}}, nil
	}

	var page *news.Page
	switch {
	case x != nil && (q.Sort != news.SortNewest || s.dialect == SQLite):
		page, err = s.rankedPage(ctx, q, *x, cats, cur, limit)
	case x != nil:
		page, err = s.newestPage(ctx, q, *x, cats, cur, limit)
	default:
		b := &builder{d: s.dialect}
		s.listQuery(b, q, cats, cur, limit+1)
		page, err = s.readPage(ctx, b, false, limit)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: articles: %w", err)
	}
	if x != nil {
		n, err := s.count(ctx, q, *x, cats, news.MaxSearchTotal+1)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: articles: count: %w", err)
		}
		page.Total, page.TotalCapped = min(n, news.MaxSearchTotal), n > news.MaxSearchTotal
	}
	return page, nil
}

// count returns the number of matches of a search, up to n. PostgreSQL
// first counts them among the searchWindow newest articles, and when at
// least one in five matches there, among the countWindow newest
// (countWindowQuery), enough when most articles match; when fewer than n
// are there, and with SQLite, it counts them from the full-text index
// (countQuery).
func (s *Store) count(ctx context.Context, q news.Query, x textSearch, cats []uuid.UUID, n int) (int, error) {
	var c int
	if s.dialect == PostgreSQL {
		for _, w := range []int{searchWindow, countWindow} {
			b := &builder{d: s.dialect}
			s.countWindowQuery(b, q, x, cats, w, n)
			if err := s.db.QueryRowContext(ctx, s.dialect.rebind(b.sql.String()), b.args...).Scan(&c); err != nil || c == n {
				return c, err
			}
			if c*countWindow < n*w {
				// Too few for the larger window to reach n.
				break
			}
		}
	}
	b := &builder{d: s.dialect}
	s.countQuery(b, q, x, cats, n)
	err := s.db.QueryRowContext(ctx, s.dialect.rebind(b.sql.String()), b.args...).Scan(&c)
	return c, err
}

// categoryFilter returns the categories whose articles q selects: the
// subtree of q.CategoryID, the subtrees of q.Categories (a scope), or
// those in both; nil for every category, and an empty non-nil list when
// the two do not meet.
func (s *Store) categoryFilter(ctx context.Context, q news.Query) ([]uuid.UUID, error) {
	if len(q.Categories) > news.MaxQueryCategories {
		return nil, fmt.Errorf("sqlstore: %w", &news.FieldError{Field: "categories",
			Rule: fmt.Sprintf("more than %d", news.MaxQueryCategories)})
	}
	var cats []uuid.UUID
	if q.CategoryID != uuid.Nil {
		var err error
		if cats, err = s.subtree(ctx, []uuid.UUID{q.CategoryID}); err != nil {
			return nil, fmt.Errorf("sqlstore: articles: category %s: %w", q.CategoryID, err)
		}
	}
	if len(q.Categories) == 0 {
		return cats, nil
	}
	scope, err := s.subtree(ctx, q.Categories)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: articles: categories: %w", err)
	}
	if cats == nil {
		return scope, nil
	}
	both := []uuid.UUID{}
	for _, c := range cats {
		if slices.Contains(scope, c) {
			both = append(both, c)
		}
	}
	return both, nil
}

// A builder accumulates a query written with ? placeholders and its
// arguments.
type builder struct {
	d    Dialect
	sql  strings.Builder
	args []any
}

// add appends SQL text and the arguments of its placeholders.
func (b *builder) add(sql string, args ...any) {
	b.sql.WriteString(sql)
	b.args = append(b.args, args...)
}

// inList appends "(?, ?, …)" for ids.
func (b *builder) inList(ids []uuid.UUID) {
	b.sql.WriteByte('(')
	for i, id := range ids {
		if i > 0 {
			b.sql.WriteString(", ")
		}
		b.add("?", id)
	}
	b.sql.WriteByte(')')
}

// filters appends " AND …" for every filter of q but the category, the tag,
// the text and the cursor. A cursor at or before q.To makes the To bound
// redundant; it is left out then, so that the database enters the index at
// the cursor rather than at To and scans down to it.
func filters(b *builder, q news.Query, cur *news.Cursor) {
	if q.Status != "" {
		b.add(" AND a.status = ?", string(q.Status))
	}
	if q.Lang != "" {
		b.add(" AND a.lang = ?", q.Lang)
	}
	if q.Author != "" {
		b.add(" AND a.author_key = ?", news.Fold(q.Author))
	}
	if q.Featured != nil {
		b.add(" AND a.featured = ?", *q.Featured)
	}
	if !q.From.IsZero() {
		b.add(" AND a.publish_at >= ?", micros(q.From))
	}
	if !q.To.IsZero() && (cur == nil || micros(cur.PublishAt) > micros(q.To)) {
		b.add(" AND a.publish_at <= ?", micros(q.To))
	}
	if q.Exclude != uuid.Nil {
		b.add(" AND a.id <> ?", q.Exclude)
	}
	if q.OwnerID != uuid.Nil {
		b.add(" AND a.owner_id = ?", q.OwnerID)
	}
}

// listQuery builds a listing without search, newest first. With a
// category subtree of up to maxBranches categories, each category is one
// branch that reads its own index range, stopped after n rows; the
// branches, which carry only the keys, are merged, and the n newest are
// joined to their articles. An owner's listing (a contributor's) reads
// the owner's index range, filtered by category: an account owns few
// articles of a large category.
func (s *Store) listQuery(b *builder, q news.Query, cats []uuid.UUID, cur *news.Cursor, n int) {
	tagKey := ""
	if q.Tag != "" {
		tagKey = news.Slugify(q.Tag)
	}
	branch := func(cat []uuid.UUID, cols string) {
		// SQLite's planner, without statistics, may prefer the status
		// index and sort the whole category: name the index that gives the
		// order.
		at, id := "a.publish_at", "a.id"
		if q.Tag != "" {
			at, id = "t.publish_at", "t.article_id"
		}
		if cols == "" {
			cols = id + " AS id, " + at + " AS publish_at"
		}
		switch {
		case q.Tag != "":
			b.add("SELECT "+cols+" FROM article_tags t"+s.indexedBy("article_tags_latest")+
				" JOIN articles a ON a.id = t.article_id WHERE t.tag_key = ?", tagKey)
		case q.OwnerID != uuid.Nil:
			b.add("SELECT " + cols + " FROM articles a" + s.indexedBy("articles_owner") + " WHERE 1 = 1")
		case len(cat) > 0:
			b.add("SELECT " + cols + " FROM articles a" + s.indexedBy("articles_category") + " WHERE 1 = 1")
		default:
			b.add("SELECT " + cols + " FROM articles a WHERE 1 = 1")
		}
		switch len(cat) {
		case 0:
		case 1:
			b.add(" AND a.category_id = ?", cat[0])
		default:
			b.add(" AND a.category_id IN ")
			b.inList(cat)
		}
		filters(b, q, cur)
		if cur != nil {
			// (at, id) < (p, id), spelled so that both databases use the
			// bound on at as the start of the index range.
			p := micros(cur.PublishAt)
			b.add(" AND "+at+" <= ? AND ("+at+" < ? OR "+id+" < ?)", p, p, cur.ID)
		}
		b.add(" ORDER BY "+at+" DESC, "+id+" DESC LIMIT ?", n)
	}
	if len(cats) < 2 || len(cats) > maxBranches || (q.OwnerID != uuid.Nil && q.Tag == "") {
		branch(cats, articleCols)
		return
	}
	b.add("SELECT " + articleCols + " FROM (SELECT * FROM (")
	for i, c := range cats {
		if i > 0 {
			b.add(" UNION ALL ")
		}
		b.add("SELECT * FROM (")
		branch([]uuid.UUID{c}, "")
		b.add(fmt.Sprintf(") b%d", i))
	}
	b.add(") u ORDER BY publish_at DESC, id DESC LIMIT ?) k JOIN articles a ON a.id = k.id"+
		" ORDER BY a.publish_at DESC, a.id DESC", n)
}

// indexedBy returns SQLite's INDEXED BY clause for the index, and "" for
// PostgreSQL, whose planner has statistics.
func (s *Store) indexedBy(index string) string {
	if s.dialect == SQLite {
		return " INDEXED BY " + index
	}
	return ""
}

// searchWindow is the number of newest articles (past the cursor, within
// the filters) a rank's query is tested on before the store reads the
// rank's older matches from the full-text index and sorts them.
const searchWindow = 1000

// probes is the number of window articles, per row of a page, that
// rankedQuery tests one by one with an FTS5 query of their rowid before
// it reads a rank's matches as a set (see rankedQuery).
const probes = 5

// rankedPage reads a page of a ranked search in rank order
// (textSearch.ranks, then news.RankSpread) and stops when the page is
// full. SQLite reads it as one statement (rankedQuery), and reads a
// search sorted by date (news.SortNewest) here too. PostgreSQL reads
// the ranks one at a time (rankRows): each rank newest first from the
// searchWindow newest articles past the cursor (windowQuery), and, when
// the window does not fill the page, from the index of field words and
// pairs (fieldsQuery), whose matches are the rank's candidates, tested
// and sorted.
func (s *Store) rankedPage(ctx context.Context, q news.Query, x textSearch, cats []uuid.UUID, cur *news.Cursor, limit int) (*news.Page, error) {
	if s.dialect == SQLite {
		b := &builder{d: s.dialect}
		s.rankedQuery(b, q, x, cats, cur, limit+1)
		return s.readPage(ctx, b, true, limit)
	}
	var rows []rankedArticle
	for _, r := range append(x.ranks(), news.RankSpread) {
		if cur != nil && r < cur.Rank {
			continue
		}
		if r == news.RankSpread && len(x.words)+len(x.phrases) < 2 {
			// A match of one word or phrase holds it in a field: it has
			// one of the ranks before.
			break
		}
		at := cur
		if cur != nil && r != cur.Rank {
			at = nil
		}
		level := x.tsLevel(r)
		got, err := s.rankRows(ctx, q, level, x.tsFields(r), r, cats, at, limit+1-len(rows))
		if err != nil {
			return nil, err
		}
		if rows = append(rows, got...); len(rows) > limit {
			break
		}
	}
	return rankedPageOf(rows, limit), nil
}

// newestPage reads a page of PostgreSQL's search sorted newest first
// (news.SortNewest) as rankedPage reads a rank: the matches among the
// searchWindow newest articles past the cursor, and, when they do not
// fill the page, the candidates of the index of field words and pairs,
// tested and sorted. Every match has rank 0.
func (s *Store) newestPage(ctx context.Context, q news.Query, x textSearch, cats []uuid.UUID, cur *news.Cursor, limit int) (*news.Page, error) {
	rows, err := s.rankRows(ctx, q, x.ts(), x.tsFields(news.RankSpread), 0, cats, cur, limit+1)
	if err != nil {
		return nil, err
	}
	return rankedPageOf(rows, limit), nil
}

// rankRows reads up to n articles of PostgreSQL's search, of rank r,
// whose tsvectors match the tsquery level, after cur: first from the
// window (windowQuery), then, when the window holds fewer than n, from
// the candidates that match the tsquery fields on search_fields
// (fieldsQuery).
func (s *Store) rankRows(ctx context.Context, q news.Query, level, fields string, r int, cats []uuid.UUID, cur *news.Cursor, n int) ([]rankedArticle, error) {
	b := &builder{d: s.dialect}
	s.windowQuery(b, q, level, r, cats, cur, n)
	rows, err := s.readRanked(ctx, b)
	if err != nil || len(rows) == n {
		return rows, err
	}
	b = &builder{d: s.dialect}
	s.fieldsQuery(b, q, level, fields, r, cats, cur, n)
	return s.readRanked(ctx, b)
}

// rankedPageOf returns the page of the first limit of rows; rows holds
// limit+1 when there is a next page.
func rankedPageOf(rows []rankedArticle, limit int) *news.Page {
	page := &news.Page{Articles: make([]*news.Article, 0, limit)}
	for i, ra := range rows {
		if i == limit {
			page.Next = news.CursorAfter(rows[i-1].a, rows[i-1].rank).String()
			break
		}
		page.Articles = append(page.Articles, ra.a)
	}
	return page
}

// A rankedArticle is an article of a ranked search with its rank.
type rankedArticle struct {
	a    *news.Article
	rank int
}

// readRanked runs a query of articles each followed by its rank.
func (s *Store) readRanked(ctx context.Context, b *builder) (_ []rankedArticle, err error) {
	rows, err := s.db.QueryContext(ctx, s.dialect.rebind(b.sql.String()), b.args...)
	if err != nil {
		return nil, err
	}
	defer closeRows(rows, &err)
	var out []rankedArticle
	for rows.Next() {
		var rank int
		a, err := scanArticle(rows, &rank)
		if err != nil {
			return nil, err
		}
		out = append(out, rankedArticle{a: a, rank: rank})
	}
	return out, rows.Err()
}

// rankedQuery builds SQLite's search as one statement that reads the
// ranks as rankedPage does (sorted by date, news.SortNewest, it reads one
// level: every match, rank 0), each in two parts: its matches among the
// window of the searchWindow newest articles past the cursor (read as keys
// from an index in publish order), then its matches older than the window,
// read from FTS5 and sorted. The parts are a UNION ALL under LIMIT n,
// which SQLite reads in order and stops reading when n rows are out.
//
// When no key of the search is a prefix (textSearch.seeks) and the search
// is sorted by date or is one word, the newest probes*n articles of the
// window are each tested with the level's FTS5 query bound to their rowid,
// which FTS5 serves by seeking each term's doclist to it in every segment:
// a level that fills the page there never reads its matches. The rest of
// the window is tested against the rank's FTS5 rowids, materialized once,
// on first use, and shared with the older part and with the ranks after
// it, which leave them out; a rank the page does not reach is not run. A
// prefix query has FTS5 merge the doclists of every term it matches,
// whatever the rowid, so it is not probed.
func (s *Store) rankedQuery(b *builder, q news.Query, x textSearch, cats []uuid.UUID, cur *news.Cursor, n int) {
	ranks, last := x.ranks(), news.RankSpread
	if q.Sort == news.SortNewest {
		ranks, last = nil, 0
	}
	// A probe pays when a level is likely to fill the page from the
	// newest articles: sorted by date, any match; by rank, the levels of
	// one word. A phrase in one field rarely fills it, and its probe reads
	// positions: probing it only added to the reading of its set.
	probe := x.seeks() && (q.Sort == news.SortNewest || x.oneKey())
	// The window's order, which SQLite knows a materialized window has:
	// it does not sort it again.
	const byDate = " ORDER BY publish_at DESC, id DESC"
	b.add("WITH")
	for i, r := range ranks {
		b.add(fmt.Sprintf(" m%d AS MATERIALIZED (SELECT rowid AS seq FROM article_search WHERE article_search MATCH ?),", i), x.ftsMatch(r))
	}
	b.add(" mall AS MATERIALIZED (SELECT rowid AS seq FROM article_search WHERE article_search MATCH ?)", x.fts())
	window := func(name string, at *news.Cursor) {
		b.add(", " + name + " AS MATERIALIZED (SELECT a.seq, a.publish_at, a.id FROM articles a WHERE 1 = 1")
		searchFilters(b, q, cats)
		cursorBound(b, at)
		b.add(" ORDER BY a.publish_at DESC, a.id DESC LIMIT ?)", searchWindow)
	}
	if cur != nil {
		window("wcur", cur)
	}
	if cur == nil || cur.Rank < last {
		window("wnew", nil)
	}
	b.add(" SELECT " + articleCols + ", k.rnk FROM (")
	first := true
	for i, r := range append(ranks, last) {
		if cur != nil && r < cur.Rank {
			continue
		}
		w, at := "wnew", (*news.Cursor)(nil)
		if cur != nil && r == cur.Rank {
			w, at = "wcur", cur
		}
		set := "mall"
		if i < len(ranks) {
			set = fmt.Sprintf("m%d", i)
		}
		notBefore := func(alias string) string {
			var not strings.Builder
			for j := range min(i, len(ranks)) {
				fmt.Fprintf(&not, " AND %s.seq NOT IN (SELECT seq FROM m%d)", alias, j)
			}
			return not.String()
		}
		if !first {
			b.add(" UNION ALL ")
		}
		first = false
		rank := strconv.Itoa(r)
		probed := 0
		if probe {
			probed = probes * n
			b.add("SELECT * FROM (SELECT w.seq, "+rank+" AS rnk FROM (SELECT * FROM "+w+byDate+" LIMIT ?) w WHERE EXISTS (SELECT 1 FROM article_search"+
				" WHERE article_search MATCH ? AND rowid = w.seq) ORDER BY w.publish_at DESC, w.id DESC LIMIT ?) UNION ALL ", probed, x.ftsLevel(ranks, i), n)
		}
		rest := w + " w"
		if probed > 0 {
			rest = "(SELECT * FROM " + w + byDate + " LIMIT -1 OFFSET " + strconv.Itoa(probed) + ") w"
		}
		b.add("SELECT * FROM (SELECT w.seq, "+rank+" AS rnk FROM "+rest+" WHERE w.seq IN (SELECT seq FROM "+set+")"+
			notBefore("w")+" ORDER BY w.publish_at DESC, w.id DESC LIMIT ?)", n)
		b.add(" UNION ALL SELECT * FROM (SELECT a.seq, " + rank + " AS rnk FROM " + set + " f CROSS JOIN articles a WHERE a.seq = f.seq")
		searchFilters(b, q, cats)
		cursorBound(b, at)
		b.add(notBefore("a")+" AND a.seq NOT IN (SELECT seq FROM "+w+")"+
			" ORDER BY a.publish_at + 0 DESC, a.id DESC LIMIT ?)", n)
	}
	b.add(" LIMIT ?) k CROSS JOIN articles a WHERE a.seq = k.seq ORDER BY k.rnk, a.publish_at DESC, a.id DESC", n)
}

// windowQuery builds PostgreSQL's read of up to n articles, given rank r,
// among the searchWindow newest articles that pass the filters and come
// after cur, whose tsvectors match the tsquery level, newest first. The
// window is read from an index in publish order; level is tested on each
// window article's tsvector, and the reading stops at the n-th match,
// before the matches are joined to their articles.
func (s *Store) windowQuery(b *builder, q news.Query, level string, r int, cats []uuid.UUID, cur *news.Cursor, n int) {
	b.add("SELECT " + articleCols + ", " + strconv.Itoa(r) + " FROM (SELECT w.id FROM (SELECT a.publish_at, a.id, a.search FROM articles a WHERE 1 = 1")
	searchFilters(b, q, cats)
	cursorBound(b, cur)
	b.add(" ORDER BY a.publish_at DESC, a.id DESC LIMIT ?) w WHERE w.search @@ CAST(? AS tsquery)", searchWindow, level)
	b.add(" ORDER BY w.publish_at DESC, w.id DESC LIMIT ?) k JOIN articles a ON a.id = k.id"+
		" ORDER BY a.publish_at DESC, a.id DESC", n)
}

// fieldsQuery builds PostgreSQL's read of up to n articles, given rank r,
// that pass the filters and come after cur and whose tsvectors match the
// tsquery level, newest first: the candidates that match the tsquery
// fields in the index of search_fields(search) (migration 0009), few
// when a phrase or a field is rare, are tested on level and sorted. OFFSET
// 0 keeps PostgreSQL from testing level in the scan, where it might use
// the index of search for it, whose phrase matches it must recheck.
func (s *Store) fieldsQuery(b *builder, q news.Query, level, fields string, r int, cats []uuid.UUID, cur *news.Cursor, n int) {
	b.add("SELECT "+articleCols+", "+strconv.Itoa(r)+" FROM (SELECT c.id FROM (SELECT a.publish_at, a.id, a.search FROM articles a"+
		" WHERE search_fields(a.search) @@ CAST(? AS tsquery)", fields)
	searchFilters(b, q, cats)
	cursorBound(b, cur)
	b.add(" OFFSET 0) c WHERE c.search @@ CAST(? AS tsquery)", level)
	b.add(" ORDER BY c.publish_at DESC, c.id DESC LIMIT ?) k JOIN articles a ON a.id = k.id"+
		" ORDER BY a.publish_at DESC, a.id DESC", n)
}

// cursorBound appends " AND …" for the articles after cur in
// (publish_at, id) descending order, when cur is not nil.
func cursorBound(b *builder, cur *news.Cursor) {
	if cur == nil {
		return
	}
	p := micros(cur.PublishAt)
	b.add(" AND a.publish_at <= ? AND (a.publish_at < ? OR a.id < ?)", p, p, cur.ID)
}

// searchFilters appends " AND …" for every filter of a search but the
// text and the cursor.
func searchFilters(b *builder, q news.Query, cats []uuid.UUID) {
	if len(cats) > 0 {
		b.add(" AND a.category_id IN ")
		b.inList(cats)
	}
	if q.Tag != "" {
		b.add(" AND EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.tag_key = ?)", news.Slugify(q.Tag))
	}
	filters(b, q, nil)
}

// countQuery builds the count of a search's matches, up to n: the
// matches are read in the index's order, neither ranked nor sorted, and
// the reading stops at the n-th.
func (s *Store) countQuery(b *builder, q news.Query, x textSearch, cats []uuid.UUID, n int) {
	if s.dialect == SQLite {
		b.add("SELECT count(*) FROM (SELECT 1 FROM (SELECT rowid AS seq FROM article_search WHERE article_search MATCH ?) f"+
			" CROSS JOIN articles a WHERE a.seq = f.seq", x.fts())
	} else {
		b.add("SELECT count(*) FROM (SELECT 1 FROM articles a WHERE a.search @@ CAST(? AS tsquery)", x.ts())
	}
	searchFilters(b, q, cats)
	b.add(" LIMIT ?) t", n)
}

// countWindow is the number of newest articles PostgreSQL counts a
// search's matches on before it counts them from the GIN index: enough
// for news.MaxSearchTotal+1 when one article in five matches.
const countWindow = 5000

// countWindowQuery builds PostgreSQL's count of a search's matches, up to
// n, among the window newest articles that pass the filters: the
// window is read from an index in publish order and the reading stops at
// the n-th match. GIN reads a word's whole posting list before the first
// match, and PostgreSQL, which cannot tell how many articles a word typed
// without marks (a prefix query) matches, reads it even when most do.
func (s *Store) countWindowQuery(b *builder, q news.Query, x textSearch, cats []uuid.UUID, window, n int) {
	b.add("SELECT count(*) FROM (SELECT 1 FROM (SELECT a.search FROM articles a WHERE 1 = 1")
	searchFilters(b, q, cats)
	b.add(" ORDER BY a.publish_at DESC, a.id DESC LIMIT ?) w WHERE w.search @@ CAST(? AS tsquery) LIMIT ?) t", window, x.ts(), n)
}

// readPage runs the query and makes the page of at most limit articles;
// the query returns limit+1 rows when there is a next page.
func (s *Store) readPage(ctx context.Context, b *builder, ranked bool, limit int) (_ *news.Page, err error) {
	rows, err := s.db.QueryContext(ctx, s.dialect.rebind(b.sql.String()), b.args...)
	if err != nil {
		return nil, err
	}
	defer closeRows(rows, &err)
	page := &news.Page{Articles: make([]*news.Article, 0, limit)}
	rank, lastRank := 0, 0
	var extra []any
	if ranked {
		extra = []any{&rank}
	}
	for rows.Next() {
		a, err := scanArticle(rows, extra...)
		if err != nil {
			return nil, err
		}
		if len(page.Articles) == limit {
			last := page.Articles[limit-1]
			page.Next = news.CursorAfter(last, lastRank).String()
			break
		}
		page.Articles = append(page.Articles, a)
		lastRank = rank
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return page, nil
}
