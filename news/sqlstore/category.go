package sqlstore

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

const categoryCols = "id, slug, aliases, name, description, parent_id, position, created_at, updated_at"

// CreateCategory stores c. It fails with an error wrapping news.ErrConflict
// when the ID is taken, or c's slug or one of its aliases is another
// category's slug or alias. The parent is not checked: that is the
// Service's job.
func (s *Store) CreateCategory(ctx context.Context, c *news.Category) error {
	return s.writeCategory(ctx, c, create)
}

// UpdateCategory replaces the category with c.ID by c. It fails with an
// error wrapping news.ErrNotFound when there is no such category and
// news.ErrConflict when another category has c's slug or one of its
// aliases as its slug or alias.
func (s *Store) UpdateCategory(ctx context.Context, c *news.Category) error {
	return s.writeCategory(ctx, c, replace)
}

func (s *Store) writeCategory(ctx context.Context, c *news.Category, m mode) error {
	if c == nil {
		return fmt.Errorf("sqlstore: %w", &news.FieldError{Field: "category", Rule: "required"})
	}
	return s.write(ctx, "category "+c.ID.String(), false, func(t *txn) error {
		return t.putCategory(c, m)
	})
}

// putCategory writes c; it moves the public version.
func (t *txn) putCategory(c *news.Category, m mode) error {
	t.public = true
	var one int
	err := t.queryRow("SELECT 1 FROM categories WHERE id = ?", c.ID).Scan(&one)
	exists := err == nil
	switch {
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return err
	case exists && m == create:
		return fmt.Errorf("category %s exists: %w", c.ID, news.ErrConflict)
	case !exists && m == replace:
		return fmt.Errorf("category %s: %w", c.ID, news.ErrNotFound)
	}
	parent := uuid.NullUUID{UUID: c.ParentID, Valid: c.ParentID != uuid.Nil}
	aliases := "[]"
	if len(c.Aliases) > 0 {
		if aliases, err = jsonText(c.Aliases); err != nil {
			return fmt.Errorf("category %s: aliases: %w", c.ID, err)
		}
	}
	if exists {
		_, err = t.exec(`UPDATE categories SET slug = ?, aliases = ?, name = ?, description = ?, parent_id = ?,
	position = ?, created_at = ?, updated_at = ? WHERE id = ?`,
			c.Slug, aliases, c.Name, c.Description, parent, c.Position, micros(c.CreatedAt), micros(c.UpdatedAt), c.ID)
		if err == nil {
			_, err = t.exec("DELETE FROM category_slugs WHERE category_id = ?", c.ID)
		}
	} else {
		_, err = t.exec("INSERT INTO categories ("+categoryCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
			c.ID, c.Slug, aliases, c.Name, c.Description, parent, c.Position, micros(c.CreatedAt), micros(c.UpdatedAt))
	}
	if err != nil {
		if t.d.conflict(err) {
			return fmt.Errorf("category slug %q is taken: %w: %w", c.Slug, news.ErrConflict, err)
		}
		return err
	}
	seen := make(map[string]bool, 1+len(c.Aliases))
	for _, slug := range c.Slugs() {
		if seen[slug] {
			continue
		}
		seen[slug] = true
		if _, err := t.exec("INSERT INTO category_slugs (slug, category_id) VALUES (?, ?)", slug, c.ID); err != nil {
			if t.d.conflict(err) {
				return fmt.Errorf("category slug %q is taken: %w: %w", slug, news.ErrConflict, err)
			}
			return err
		}
	}
	return nil
}

// DeleteCategory removes the category with the ID. It fails with an error
// wrapping news.ErrNotFound when there is no such category and
// news.ErrConflict while an article (of any status) or a subcategory refers
// to it.
func (s *Store) DeleteCategory(ctx context.Context, id uuid.UUID) error {
	return s.write(ctx, "delete category "+id.String(), false, func(t *txn) error {
		var slug string
		if err := t.queryRow("SELECT slug FROM categories WHERE id = ?", id).Scan(&slug); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("category %s: %w", id, news.ErrNotFound)
			}
			return err
		}
		var kids, articles int
		if err := t.queryRow("SELECT count(*) FROM categories WHERE parent_id = ?", id).Scan(&kids); err != nil {
			return err
		}
		if kids > 0 {
			return fmt.Errorf("category %q has %d subcategories: %w", slug, kids, news.ErrConflict)
		}
		if err := t.queryRow("SELECT count(*) FROM (SELECT 1 FROM articles WHERE category_id = ? LIMIT 1) x", id).Scan(&articles); err != nil {
			return err
		}
		if articles > 0 {
			return fmt.Errorf("category %q has articles: %w", slug, news.ErrConflict)
		}
		t.public = true
		if _, err := t.exec("DELETE FROM category_slugs WHERE category_id = ?", id); err != nil {
			return err
		}
		_, err := t.exec("DELETE FROM categories WHERE id = ?", id)
		return err
	})
}

// Categories returns every category, ordered by Position, then Name
// (byte-wise, whatever the database's collation), then ID.
func (s *Store) Categories(ctx context.Context) (_ []*news.Category, err error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+categoryCols+" FROM categories")
	if err != nil {
		return nil, fmt.Errorf("sqlstore: categories: %w", err)
	}
	defer closeRows(rows, &err)
	var out []*news.Category
	for rows.Next() {
		var (
			c                    news.Category
			parent               uuid.NullUUID
			createdAt, updatedAt int64
			aliases              string
		)
		if err := rows.Scan(&c.ID, &c.Slug, &aliases, &c.Name, &c.Description, &parent, &c.Position, &createdAt, &updatedAt); err != nil {
			return nil, fmt.Errorf("sqlstore: categories: %w", err)
		}
		if err := json.Unmarshal([]byte(aliases), &c.Aliases); err != nil {
			return nil, fmt.Errorf("sqlstore: category %s: aliases: %w", c.ID, err)
		}
		if len(c.Aliases) == 0 {
			c.Aliases = nil
		}
		c.ParentID = parent.UUID
		c.CreatedAt, c.UpdatedAt = fromMicros(createdAt), fromMicros(updatedAt)
		out = append(out, &c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlstore: categories: %w", err)
	}
	slices.SortFunc(out, func(x, y *news.Category) int {
		return cmp.Or(
			cmp.Compare(x.Position, y.Position),
			strings.Compare(x.Name, y.Name),
			bytes.Compare(x.ID[:], y.ID[:]),
		)
	})
	return out, nil
}

// subtree returns the categories with the IDs and all their descendants,
// each once, the IDs first. An unknown ID stays in the set, which no
// article matches unless an article names it.
func (s *Store) subtree(ctx context.Context, ids []uuid.UUID) (_ []uuid.UUID, err error) {
	b := &builder{d: s.dialect}
	b.add("WITH RECURSIVE sub (id) AS (SELECT id FROM categories WHERE parent_id IN ")
	b.inList(ids)
	b.add(" UNION SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub")
	rows, err := s.db.QueryContext(ctx, s.dialect.rebind(b.sql.String()), b.args...)
	if err != nil {
		return nil, err
	}
	defer closeRows(rows, &err)
	out := make([]uuid.UUID, 0, len(ids))
	seen := make(map[uuid.UUID]bool, len(ids))
	add := func(id uuid.UUID) {
		if !seen[id] { // the Service forbids cycles; do not repeat one
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, id := range ids {
		add(id)
	}
	for rows.Next() {
		var c uuid.UUID
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		add(c)
	}
	return out, rows.Err()
}

// Import creates or replaces (by ID) every category of b in order, then
// every article, in one transaction: all of them are written, or none, and
// the change version moves once. An error names the record
// ("articles[3]") and wraps news.ErrConflict when a slug is taken by
// another article or category, including one written earlier in the batch.
func (s *Store) Import(ctx context.Context, b *news.Batch) error {
	if b == nil {
		return nil
	}
	for i, c := range b.Categories {
		if c == nil {
			return fmt.Errorf("sqlstore: import: %w", &news.FieldError{Field: fmt.Sprintf("categories[%d]", i), Rule: "required"})
		}
	}
	for i, a := range b.Articles {
		if a == nil {
			return fmt.Errorf("sqlstore: import: %w", &news.FieldError{Field: fmt.Sprintf("articles[%d]", i), Rule: "required"})
		}
	}
	return s.write(ctx, "import", true, func(t *txn) error {
		t.public, t.reset = true, true
		for i, c := range b.Categories {
			if err := t.putCategory(c, upsert); err != nil {
				return fmt.Errorf("categories[%d]: %w", i, err)
			}
		}
		// One row at a time: a row holds the article's search words,
		// several times the size of its text, so rows for a whole large
		// import would hold several times the archive.
		for i, a := range b.Articles {
			r, err := newRow(a)
			if err != nil {
				return fmt.Errorf("articles[%d]: %w", i, err)
			}
			if err := t.putArticle(r, upsert); err != nil {
				return fmt.Errorf("articles[%d]: %w", i, err)
			}
		}
		return nil
	})
}
