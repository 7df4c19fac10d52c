package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/news"
)

// Tags returns the tags f selects, most used first, then by key (see
// news.NewsroomStore.Tags): one query counts the keys in the prefix's
// range of article_tags, and one query per tag returned reads how the
// newest article of the scope writes it.
func (s *Store) Tags(ctx context.Context, f news.TagFilter) (_ []news.TagCount, err error) {
	limit, err := f.TagBounds()
	if err != nil {
		return nil, fmt.Errorf("sqlstore: tags: %w", err)
	}
	var cats []uuid.UUID
	if !f.All && len(f.Categories) > 0 {
		if cats, err = s.subtree(ctx, f.Categories); err != nil {
			return nil, fmt.Errorf("sqlstore: tags: %w", err)
		}
	}
	// Keys are made of a-z, 0-9 and "-", all before "~" in byte order,
	// which PostgreSQL's collation of the column need not follow.
	key := "t.tag_key"
	if s.dialect == PostgreSQL {
		key = `t.tag_key COLLATE "C"`
	}
	scope := &builder{d: s.dialect}
	scope.add(" WHERE "+key+" >= ? AND "+key+" < ?", f.Prefix, f.Prefix+"~")
	if !f.All {
		scope.add(" AND (1 = 0")
		if !f.PublishedBy.IsZero() {
			scope.add(" OR (a.status = ? AND a.publish_at <= ?)", string(news.StatusPublished), micros(f.PublishedBy))
		}
		if f.OwnerID != uuid.Nil {
			scope.add(" OR a.owner_id = ?", f.OwnerID)
		}
		if len(cats) > 0 {
			scope.add(" OR a.category_id IN ")
			scope.inList(cats)
		}
		scope.add(")")
	}
	const from = " FROM article_tags t JOIN articles a ON a.id = t.article_id"
	q := s.dialect.rebind("SELECT t.tag_key, count(*)" + from + scope.sql.String() +
		" GROUP BY t.tag_key ORDER BY count(*) DESC, " + key + " LIMIT ?")
	rows, err := s.db.QueryContext(ctx, q, append(scope.args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: tags: %w", err)
	}
	defer closeRows(rows, &err)
	var keys []string
	var out []news.TagCount
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			return nil, fmt.Errorf("sqlstore: tags: %w", err)
		}
		keys = append(keys, key)
		out = append(out, news.TagCount{Tag: key, Count: n})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: tags: %w", err)
	}
	newest := s.dialect.rebind("SELECT a.tags" + from + scope.sql.String() +
		" AND t.tag_key = ? ORDER BY t.publish_at DESC, t.article_id DESC LIMIT 1")
	for i, key := range keys {
		var text string
		err := s.db.QueryRowContext(ctx, newest, append(slices.Clone(scope.args), key)...).Scan(&text)
		if errors.Is(err, sql.ErrNoRows) {
			continue // deleted since the count: the key stands in
		}
		if err != nil {
			return nil, fmt.Errorf("sqlstore: tags: %w", err)
		}
		var tags []string
		if err := json.Unmarshal([]byte(text), &tags); err != nil {
			return nil, fmt.Errorf("sqlstore: tags of tag %q: %w", key, err)
		}
		if j := slices.IndexFunc(tags, func(t string) bool { return news.Slugify(t) == key }); j >= 0 {
			out[i].Tag = tags[j]
		}
	}
	if out == nil {
		out = []news.TagCount{}
	}
	return out, nil
}
