package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/orgnews/orgnews/news"
)

// articleCols are the columns scanArticle reads, in its order.
const articleCols = "a.id, a.slug, a.aliases, a.title, a.summary, a.body, a.cover, a.attachments, " +
	"a.author, a.category_id, a.tags, a.lang, a.featured, a.status, a.publish_at, a.created_at, a.updated_at, " +
	"a.owner_id, a.revision, a.old_urls"

// micros returns t as stored: Unix microseconds.
func micros(t time.Time) int64 { return t.UnixMicro() }

// fromMicros returns the UTC time of a stored value; the zero time stays
// zero.
func fromMicros(us int64) time.Time {
	if us == zeroMicros {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

// zeroMicros is the stored value of the zero time.Time.
var zeroMicros = time.Time{}.UnixMicro()

// The JSON forms of the article fields kept as JSON text. They are the
// storage format, independent of any JSON form the news package may give
// its types.
type (
	imageJSON struct {
		URL     string `json:"url"`
		Alt     string `json:"alt,omitempty"`
		Caption string `json:"caption,omitempty"`
		Width   int    `json:"width,omitempty"`
		Height  int    `json:"height,omitempty"`
		Type    string `json:"type,omitempty"`
		Size    int64  `json:"size,omitempty"`
	}
	attachmentJSON struct {
		URL   string `json:"url"`
		Title string `json:"title,omitempty"`
		Type  string `json:"type,omitempty"`
		Size  int64  `json:"size,omitempty"`
	}
)

// A row holds an article's column values as written.
type row struct {
	a           *news.Article
	aliases     string
	oldURLs     string
	cover       sql.NullString
	attachments string
	tags        string
	titleWords  []string
	textWords   []string
}

// newRow encodes a for storage. A nil slice and an empty one are kept
// apart, so an article reads back as it was written.
func newRow(a *news.Article) (*row, error) {
	r := &row{a: a}
	var err error
	if r.aliases, err = jsonText(a.Aliases); err != nil {
		return nil, err
	}
	if r.oldURLs, err = jsonText(a.OldURLs); err != nil {
		return nil, err
	}
	if r.tags, err = jsonText(a.Tags); err != nil {
		return nil, err
	}
	if r.attachments, err = jsonText(toAttachmentsJSON(a.Attachments)); err != nil {
		return nil, err
	}
	if c := toImageJSON(a.Cover); c != nil {
		s, err := jsonText(c)
		if err != nil {
			return nil, err
		}
		r.cover = sql.NullString{String: s, Valid: true}
	}
	r.titleWords = news.Words(a.Title)
	r.textWords = append(news.Words(a.Summary), news.Words(news.Excerpt(a.Body, len(a.Body)+1))...)
	return r, nil
}

// toImageJSON returns the stored form of a cover; nil for none.
func toImageJSON(c *news.Image) *imageJSON {
	if c == nil {
		return nil
	}
	return &imageJSON{URL: c.URL, Alt: c.Alt, Caption: c.Caption, Width: c.Width, Height: c.Height, Type: c.Type, Size: c.Size}
}

// image returns the cover c stores; nil for none.
func (c *imageJSON) image() *news.Image {
	if c == nil {
		return nil
	}
	return &news.Image{URL: c.URL, Alt: c.Alt, Caption: c.Caption, Width: c.Width, Height: c.Height, Type: c.Type, Size: c.Size}
}

// toAttachmentsJSON returns the stored form of attachments, nil for nil.
func toAttachmentsJSON(atts []news.Attachment) []attachmentJSON {
	if atts == nil {
		return nil
	}
	out := make([]attachmentJSON, len(atts))
	for i, x := range atts {
		out[i] = attachmentJSON{URL: x.URL, Title: x.Title, Type: x.Type, Size: x.Size}
	}
	return out
}

// fromAttachmentsJSON returns the attachments atts stores, nil for nil.
func fromAttachmentsJSON(atts []attachmentJSON) []news.Attachment {
	if atts == nil {
		return nil
	}
	out := make([]news.Attachment, len(atts))
	for i, x := range atts {
		out[i] = news.Attachment{URL: x.URL, Title: x.Title, Type: x.Type, Size: x.Size}
	}
	return out
}

func jsonText(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode: %w", err)
	}
	return string(b), nil
}

// slugs returns the article's slug and aliases without repeats.
func (r *row) slugs() []string {
	out := make([]string, 0, 1+len(r.a.Aliases))
	seen := make(map[string]bool, 1+len(r.a.Aliases))
	for _, s := range append([]string{r.a.Slug}, r.a.Aliases...) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// oldURLPaths returns the article's old URLs without repeats.
func (r *row) oldURLPaths() []string {
	out := make([]string, 0, len(r.a.OldURLs))
	for _, u := range r.a.OldURLs {
		if !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// tagKeys returns the distinct news.Slugify keys of the article's tags.
func (r *row) tagKeys() []string {
	var out []string
	seen := make(map[string]bool, len(r.a.Tags))
	for _, t := range r.a.Tags {
		k := news.Slugify(t)
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// A mode says whether a put may create, replace, or both.
type mode int

const (
	create  mode = iota // the ID must be new
	replace             // the ID must exist
	upsert              // either
)

// CreateArticle stores a. It fails with an error wrapping news.ErrConflict
// when the ID is taken, when a's slug or one of its aliases is the slug
// or an alias of another article, or when one of its old URLs is another
// article's, and wrapping news.ErrInvalid when a is nil.
func (s *Store) CreateArticle(ctx context.Context, a *news.Article) error {
	return s.writeArticle(ctx, a, create)
}

// UpdateArticle replaces the article with a.ID by a. It fails with an error
// wrapping news.ErrNotFound when there is no such article and
// news.ErrConflict when a's slug, one of its aliases or one of its old
// URLs belongs to another article.
func (s *Store) UpdateArticle(ctx context.Context, a *news.Article) error {
	return s.writeArticle(ctx, a, replace)
}

func (s *Store) writeArticle(ctx context.Context, a *news.Article, m mode) error {
	if a == nil {
		return fmt.Errorf("sqlstore: %w", &news.FieldError{Field: "article", Rule: "required"})
	}
	r, err := newRow(a)
	if err != nil {
		return fmt.Errorf("sqlstore: article %s: %w", a.ID, err)
	}
	return s.write(ctx, "article "+a.ID.String(), false, func(t *txn) error {
		return t.putArticle(r, m)
	})
}

// putArticle writes the article of r and its slugs, tags and search words.
func (t *txn) putArticle(r *row, m mode) error {
	a := r.a
	var seq int64 // SQLite: the rowid of the article_search row
	var exists bool
	var status string
	err := t.queryRow(existsArticle[t.d], a.ID).Scan(&seq, &status)
	switch {
	case err == nil:
		exists = true
	case errors.Is(err, sql.ErrNoRows):
	default:
		return err
	}
	switch {
	case exists && m == create:
		return fmt.Errorf("article %s exists: %w", a.ID, news.ErrConflict)
	case !exists && m == replace:
		return fmt.Errorf("article %s: %w", a.ID, news.ErrNotFound)
	}
	if a.Status == news.StatusPublished || news.Status(status) == news.StatusPublished {
		t.public = true
		if !t.reset {
			t.changed = append(t.changed, a.ID)
		}
	}

	args := []any{a.Slug, r.aliases, a.Title, a.Summary, a.Body, r.cover, r.attachments,
		a.Author, news.Fold(a.Author), a.CategoryID, r.tags, a.Lang, a.Featured, string(a.Status),
		micros(a.PublishAt), micros(a.CreatedAt), micros(a.UpdatedAt), a.OwnerID, a.Revision, r.oldURLs}
	if t.d == PostgreSQL {
		args = append(args, tsLexemes(append(r.titleWords, r.textWords...)), tsLexemes(r.titleWords))
	}
	if exists {
		for _, q := range []string{
			"DELETE FROM article_slugs WHERE article_id = ?",
			"DELETE FROM article_old_urls WHERE article_id = ?",
			"DELETE FROM article_tags WHERE article_id = ?",
		} {
			if _, err := t.exec(q, a.ID); err != nil {
				return err
			}
		}
		if _, err := t.exec(updateArticle[t.d], append(args, a.ID)...); err != nil {
			return err
		}
	} else {
		res, err := t.exec(insertArticle[t.d], append([]any{a.ID}, args...)...)
		if err != nil {
			return err
		}
		if t.d == SQLite {
			if seq, err = res.LastInsertId(); err != nil {
				return err
			}
		}
	}
	if t.d == SQLite {
		if exists {
			if _, err := t.exec("DELETE FROM article_search WHERE rowid = ?", seq); err != nil {
				return err
			}
		}
		if _, err := t.exec("INSERT INTO article_search (rowid, title, body) VALUES (?, ?, ?)",
			seq, strings.Join(r.titleWords, " "), strings.Join(r.textWords, " ")); err != nil {
			return err
		}
	}
	for _, slug := range r.slugs() {
		if _, err := t.exec("INSERT INTO article_slugs (slug, article_id) VALUES (?, ?)", slug, a.ID); err != nil {
			if t.d.conflict(err) {
				return fmt.Errorf("slug %q is taken: %w: %w", slug, news.ErrConflict, err)
			}
			return err
		}
	}
	for _, path := range r.oldURLPaths() {
		if _, err := t.exec("INSERT INTO article_old_urls (path, article_id) VALUES (?, ?)", path, a.ID); err != nil {
			if t.d.conflict(err) {
				return fmt.Errorf("old URL %q is taken: %w: %w", path, news.ErrConflict, err)
			}
			return err
		}
	}
	at := micros(a.PublishAt)
	for _, k := range r.tagKeys() {
		if _, err := t.exec("INSERT INTO article_tags (tag_key, article_id, publish_at) VALUES (?, ?, ?)", k, a.ID, at); err != nil {
			return err
		}
	}
	return nil
}

// existsArticle finds an article by ID and returns its status; SQLite
// returns its rowid too.
var existsArticle = map[Dialect]string{
	SQLite:     "SELECT seq, status FROM articles WHERE id = ?",
	PostgreSQL: "SELECT 0, status FROM articles WHERE id = ?",
}

var insertArticle = map[Dialect]string{
	SQLite: `INSERT INTO articles (id, slug, aliases, title, summary, body, cover, attachments,
	author, author_key, category_id, tags, lang, featured, status, publish_at, created_at, updated_at,
	owner_id, revision, old_urls)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	PostgreSQL: `INSERT INTO articles (id, slug, aliases, title, summary, body, cover, attachments,
	author, author_key, category_id, tags, lang, featured, status, publish_at, created_at, updated_at,
	owner_id, revision, old_urls, search, title_search)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
	array_to_tsvector(string_to_array(?, ' ')), array_to_tsvector(string_to_array(?, ' ')))`,
}

var updateArticle = map[Dialect]string{
	SQLite: `UPDATE articles SET slug = ?, aliases = ?, title = ?, summary = ?, body = ?, cover = ?,
	attachments = ?, author = ?, author_key = ?, category_id = ?, tags = ?, lang = ?, featured = ?,
	status = ?, publish_at = ?, created_at = ?, updated_at = ?, owner_id = ?, revision = ?, old_urls = ?
	WHERE id = ?`,
	PostgreSQL: `UPDATE articles SET slug = ?, aliases = ?, title = ?, summary = ?, body = ?, cover = ?,
	attachments = ?, author = ?, author_key = ?, category_id = ?, tags = ?, lang = ?, featured = ?,
	status = ?, publish_at = ?, created_at = ?, updated_at = ?, owner_id = ?, revision = ?, old_urls = ?,
	search = array_to_tsvector(string_to_array(?, ' ')), title_search = array_to_tsvector(string_to_array(?, ' '))
	WHERE id = ?`,
}

// DeleteArticle removes the article with the ID and its revisions,
// freeing its slug, aliases and old URLs. It fails with an error wrapping
// news.ErrNotFound when there is no such article.
func (s *Store) DeleteArticle(ctx context.Context, id uuid.UUID) error {
	return s.write(ctx, "delete article "+id.String(), false, func(t *txn) error {
		return t.deleteArticle(id)
	})
}

// deleteArticle deletes the article with the ID, its slugs, old URLs,
// tags, search words and revisions.
func (t *txn) deleteArticle(id uuid.UUID) error {
	if t.d == SQLite {
		if _, err := t.exec("DELETE FROM article_search WHERE rowid = (SELECT seq FROM articles WHERE id = ?)", id); err != nil {
			return err
		}
	}
	var status string
	if err := t.queryRow("DELETE FROM articles WHERE id = ? RETURNING status", id).Scan(&status); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("article %s: %w", id, news.ErrNotFound)
		}
		return err
	}
	if news.Status(status) == news.StatusPublished {
		t.public = true
		t.changed = append(t.changed, id)
	}
	for _, q := range []string{
		"DELETE FROM article_slugs WHERE article_id = ?",
		"DELETE FROM article_old_urls WHERE article_id = ?",
		"DELETE FROM article_tags WHERE article_id = ?",
		"DELETE FROM revisions WHERE article_id = ?",
	} {
		if _, err := t.exec(q, id); err != nil {
			return err
		}
	}
	return nil
}

// Article returns the article with the ID, whatever its status, or an
// error wrapping news.ErrNotFound.
func (s *Store) Article(ctx context.Context, id uuid.UUID) (*news.Article, error) {
	a, err := s.queryArticle(ctx, "SELECT "+articleCols+" FROM articles a WHERE a.id = ?", id)
	if err != nil {
		return nil, s.wrapErr("article "+id.String(), err)
	}
	return a, nil
}

// ArticleBySlug returns the article whose slug or one of whose aliases is
// slug, compared exactly, or an error wrapping news.ErrNotFound.
func (s *Store) ArticleBySlug(ctx context.Context, slug string) (*news.Article, error) {
	a, err := s.queryArticle(ctx, "SELECT "+articleCols+
		" FROM article_slugs s JOIN articles a ON a.id = s.article_id WHERE s.slug = ?", slug)
	if err != nil {
		return nil, s.wrapErr(fmt.Sprintf("article %q", slug), err)
	}
	return a, nil
}

// ArticleByOldURL returns the article one of whose old URLs is path,
// compared exactly (the caller gives the form news.NormalizeOldURL makes),
// or an error wrapping news.ErrNotFound.
func (s *Store) ArticleByOldURL(ctx context.Context, path string) (*news.Article, error) {
	a, err := s.queryArticle(ctx, "SELECT "+articleCols+
		" FROM article_old_urls o JOIN articles a ON a.id = o.article_id WHERE o.path = ?", path)
	if err != nil {
		return nil, s.wrapErr(fmt.Sprintf("article with old URL %q", path), err)
	}
	return a, nil
}

func (s *Store) queryArticle(ctx context.Context, query string, args ...any) (*news.Article, error) {
	return scanArticle(s.db.QueryRowContext(ctx, s.dialect.rebind(query), args...))
}

// A scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanArticle reads the articleCols of a row, then extra.
func scanArticle(sc scanner, extra ...any) (*news.Article, error) {
	var (
		a                                news.Article
		aliases, attachments, tags, stat string
		oldURLs                          string
		cover                            sql.NullString
		publishAt, createdAt, updatedAt  int64
	)
	dest := append([]any{&a.ID, &a.Slug, &aliases, &a.Title, &a.Summary, &a.Body, &cover, &attachments,
		&a.Author, &a.CategoryID, &tags, &a.Lang, &a.Featured, &stat, &publishAt, &createdAt, &updatedAt,
		&a.OwnerID, &a.Revision, &oldURLs}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return nil, err
	}
	a.Status = news.Status(stat)
	a.PublishAt, a.CreatedAt, a.UpdatedAt = fromMicros(publishAt), fromMicros(createdAt), fromMicros(updatedAt)
	if err := json.Unmarshal([]byte(aliases), &a.Aliases); err != nil {
		return nil, fmt.Errorf("article %s: aliases: %w", a.ID, err)
	}
	if err := json.Unmarshal([]byte(oldURLs), &a.OldURLs); err != nil {
		return nil, fmt.Errorf("article %s: old URLs: %w", a.ID, err)
	}
	if err := json.Unmarshal([]byte(tags), &a.Tags); err != nil {
		return nil, fmt.Errorf("article %s: tags: %w", a.ID, err)
	}
	var atts []attachmentJSON
	if err := json.Unmarshal([]byte(attachments), &atts); err != nil {
		return nil, fmt.Errorf("article %s: attachments: %w", a.ID, err)
	}
	a.Attachments = fromAttachmentsJSON(atts)
	if cover.Valid {
		var c imageJSON
		if err := json.Unmarshal([]byte(cover.String), &c); err != nil {
			return nil, fmt.Errorf("article %s: cover: %w", a.ID, err)
		}
		a.Cover = c.image()
	}
	return &a, nil
}

// NextPublishAt returns the earliest PublishAt strictly after t among
// published articles, or the zero time when there is none. An index makes
// it one lookup.
func (s *Store) NextPublishAt(ctx context.Context, t time.Time) (time.Time, error) {
	var next sql.NullInt64
	err := s.db.QueryRowContext(ctx, s.dialect.rebind(
		"SELECT min(publish_at) FROM articles WHERE status = ? AND publish_at > ?"),
		string(news.StatusPublished), micros(t)).Scan(&next)
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlstore: next publish time: %w", err)
	}
	if !next.Valid {
		return time.Time{}, nil
	}
	return fromMicros(next.Int64), nil
}
