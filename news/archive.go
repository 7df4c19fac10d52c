package news

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// ArchiveVersion is the version of the import/export format that Export
// writes and Import reads. See the package documentation for the format.
const ArchiveVersion = 1

// maxImportErrors bounds the field errors an import reports.
const maxImportErrors = 100

// archiveFile is the JSON archive: the public import/export format.
type archiveFile struct {
	Version    *int              `json:"version,omitempty"` // nil: ArchiveVersion
	Categories []archiveCategory `json:"categories"`
	Articles   []archiveArticle  `json:"articles"`
}

type archiveCategory struct {
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Parent      string `json:"parent,omitempty"`
	Description string `json:"description,omitempty"`
	Position    int    `json:"position,omitempty"`
}

type archiveArticle struct {
	ID          string              `json:"id,omitempty"`
	Slug        string              `json:"slug,omitempty"`
	Aliases     []string            `json:"aliases,omitempty"`
	Title       string              `json:"title"`
	Summary     string              `json:"summary,omitempty"`
	BodyHTML    string              `json:"body_html,omitempty"`
	Category    string              `json:"category"`
	Tags        []string            `json:"tags,omitempty"`
	Author      string              `json:"author,omitempty"`
	Lang        string              `json:"lang,omitempty"`
	Status      string              `json:"status,omitempty"`
	Featured    bool                `json:"featured,omitempty"`
	PublishAt   string              `json:"publish_at,omitempty"`
	Cover       *archiveImage       `json:"cover,omitempty"`
	Attachments []archiveAttachment `json:"attachments,omitempty"`
}

type archiveImage struct {
	URL     string `json:"url"`
	Alt     string `json:"alt,omitempty"`
	Caption string `json:"caption,omitempty"`
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
	Type    string `json:"type,omitempty"`
	Size    int64  `json:"size,omitempty"`
}

type archiveAttachment struct {
	URL   string `json:"url"`
	Title string `json:"title,omitempty"`
	Type  string `json:"type,omitempty"`
	Size  int64  `json:"size,omitempty"`
}

// ImportResult counts what an Import wrote.
type ImportResult struct {
	CategoriesCreated int
	CategoriesUpdated int
	ArticlesCreated   int
	ArticlesUpdated   int
}

// decodeArchive reads one JSON archive of at most s.maxImport bytes,
// strictly: anything but an object, unknown fields, trailing data and
// other versions are errors wrapping ErrInvalid. A file without a version
// is read as ArchiveVersion.
func (s *Service) decodeArchive(r io.Reader) (*archiveFile, error) {
	lr := &io.LimitedReader{R: r, N: s.maxImport + 1}
	dec := json.NewDecoder(lr)
	dec.DisallowUnknownFields()
	var f *archiveFile
	err := dec.Decode(&f)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			err = errors.New("data after the archive")
		}
	}
	if lr.N <= 0 {
		return nil, &FieldError{Rule: fmt.Sprintf("larger than %d bytes", s.maxImport)}
	}
	if err != nil {
		return nil, &FieldError{Rule: "malformed JSON: " + err.Error()}
	}
	if f == nil {
		return nil, &FieldError{Rule: "malformed JSON: the archive is null, not an object"}
	}
	if f.Version != nil && *f.Version != ArchiveVersion {
		return nil, &FieldError{Field: "version", Rule: fmt.Sprintf("unsupported version %d; want %d", *f.Version, ArchiveVersion)}
	}
	return f, nil
}

// Import reads a JSON archive (see the package documentation for the
// format) from r and writes it to the store all at once with Store.Import.
// Every record is normalised, validated and sanitised as by CreateDraft
// and CreateCategory. Categories are matched by slug: an existing one is
// updated, a new one created. Articles are matched by id: a record whose
// id exists updates that article (an empty slug then keeps its slug, a
// missing publish_at its date), any other record creates one. Articles
// refer to categories by slug, in the file or in the store; a parent may
// come before or after its children.
//
// Import is all or nothing: when any record is wrong the error wraps
// ErrInvalid and lists up to 100 field errors naming the record
// ("articles[12].title: required"), and the store is unchanged. An
// explicit slug held by another article, or by another record, is such an
// error. Other errors are the store's (ErrConflict when a concurrent write
// took a slug).
func (s *Service) Import(ctx context.Context, r io.Reader) (*ImportResult, error) {
	f, err := s.decodeArchive(r)
	if err != nil {
		return nil, fmt.Errorf("news: import: %w", err)
	}
	tree, err := s.categories(ctx)
	if err != nil {
		return nil, err
	}
	now := s.clock()
	res := &ImportResult{}
	cats, bySlug, es := s.importCategories(f.Categories, tree, now, res)
	arts, aes, err := s.importArticles(ctx, f.Articles, bySlug, now, res)
	if err != nil {
		return nil, fmt.Errorf("news: import: %w", err)
	}
	es = append(es, aes...)
	if len(es) > 0 {
		if len(es) > maxImportErrors {
			more := len(es) - maxImportErrors
			es = append(es[:maxImportErrors:maxImportErrors], &FieldError{Rule: fmt.Sprintf("and %d more errors", more)})
		}
		return nil, fmt.Errorf("news: import: %w", es)
	}
	if err := s.store.Import(ctx, &Batch{Categories: cats, Articles: arts}); err != nil {
		return nil, fmt.Errorf("news: import: %w", err)
	}
	return res, nil
}

// importCategories turns the category records into categories merged with
// those of tree. It returns the categories to write, parents first, and
// every category by slug after the import.
func (s *Service) importCategories(recs []archiveCategory, tree *CategoryTree, now time.Time, res *ImportResult) ([]*Category, map[string]*Category, FieldErrors) {
	var es FieldErrors
	bySlug := map[string]*Category{}
	tree.Walk(func(c *Category, _ int) bool {
		bySlug[c.Slug] = c.Clone()
		return true
	})
	inFile := map[string]int{}
	parents := make([]string, len(recs))
	for i, rec := range recs {
		p := fmt.Sprintf("categories[%d]", i)
		in := normalizeCategory(CategoryInput{Slug: rec.Slug, Name: rec.Name, Description: rec.Description, Position: rec.Position})
		parents[i] = NormalizeLine(rec.Parent)
		if in.Slug == "" {
			es.add(p+".slug", "required")
			continue
		}
		if j, dup := inFile[in.Slug]; dup {
			es.add(p+".slug", "duplicate of categories[%d]", j)
			continue
		}
		inFile[in.Slug] = i
		c := bySlug[in.Slug]
		if c == nil {
			c = &Category{ID: s.newID(), CreatedAt: now}
			bySlug[in.Slug] = c
			res.CategoriesCreated++
		} else {
			res.CategoriesUpdated++
		}
		c.Slug, c.Name, c.Description, c.Position, c.UpdatedAt = in.Slug, in.Name, in.Description, in.Position, now
	}
	for slug, i := range inFile {
		c := bySlug[slug]
		c.ParentID = uuid.Nil
		if parents[i] == "" {
			continue
		}
		if parent := bySlug[parents[i]]; parent != nil {
			c.ParentID = parent.ID
		} else {
			es.add(fmt.Sprintf("categories[%d].parent", i), "unknown category %q", parents[i])
		}
	}
	all := make([]*Category, 0, len(bySlug))
	for _, c := range bySlug {
		all = append(all, c)
	}
	merged := NewCategoryTree(all)
	for i, rec := range recs {
		slug := NormalizeLine(rec.Slug)
		if j, ok := inFile[slug]; !ok || j != i {
			continue
		}
		es = append(es, validateCategory(bySlug[slug], merged).prefix(fmt.Sprintf("categories[%d]", i))...)
	}
	slices.SortStableFunc(es, compareRecords)
	var out []*Category
	merged.Walk(func(c *Category, _ int) bool {
		if _, ok := inFile[c.Slug]; ok {
			out = append(out, c)
		}
		return true
	})
	return out, bySlug, es
}

// compareRecords orders field errors by record index ("categories[2]"
// before "categories[10]"); a stable sort keeps each record's field order.
func compareRecords(a, b *FieldError) int { return recordIndex(a.Field) - recordIndex(b.Field) }

// recordIndex returns 12 for "articles[12].title", or -1.
func recordIndex(f string) int {
	open := strings.IndexByte(f, '[')
	end := strings.IndexByte(f, ']')
	if open < 0 || end < open {
		return -1
	}
	i, err := strconv.Atoi(f[open+1 : end])
	if err != nil {
		return -1
	}
	return i
}

// importArticle is one article record being imported.
type importArticle struct {
	a        *Article
	cur      *Article // the stored article with the same ID, or nil
	explicit bool     // the record gives the slug
	base     string   // slug base when derived
}

// importArticles turns the article records into articles. The error is
// the store's; field errors come in the list.
func (s *Service) importArticles(ctx context.Context, recs []archiveArticle, cats map[string]*Category, now time.Time, res *ImportResult) ([]*Article, FieldErrors, error) {
	var es FieldErrors
	ids := map[uuid.UUID]int{}
	claimed := map[string]int{} // slug or alias → record index
	items := make([]*importArticle, len(recs))
	for i, rec := range recs {
		p := fmt.Sprintf("articles[%d]", i)
		it, recErrs, err := s.importArticle(ctx, rec, cats, now, ids, i)
		if err != nil {
			return nil, nil, err
		}
		if len(recErrs) > 0 {
			es = append(es, recErrs.prefix(p)...)
			continue
		}
		items[i] = it
		ids[it.a.ID] = i
		// Explicit slugs and aliases are claimed first, so derived slugs
		// make way for them.
		names := it.a.Aliases
		if it.explicit {
			names = append([]string{it.a.Slug}, names...)
		}
		for k, name := range names {
			field := p + ".slug"
			if !it.explicit || k > 0 {
				field = p + ".aliases"
			}
			if j, dup := claimed[name]; dup && j != i {
				es.add(field, "%q already used by articles[%d]", name, j)
				continue
			}
			claimed[name] = i
			free, err := s.slugFree(ctx, name, it.a.ID)
			if err != nil {
				return nil, nil, err
			}
			if !free {
				es.add(field, "%q already used by another article", name)
			}
		}
	}
	if len(es) > 0 {
		return nil, es, nil
	}
	out := make([]*Article, 0, len(items))
	for i, it := range items {
		if !it.explicit {
			slug, _, err := s.freeSlug(ctx, it.base, 1, it.a.ID, func(c string) bool {
				j, ok := claimed[c]
				return ok && j != i
			})
			if err != nil {
				return nil, nil, err
			}
			it.a.Slug = slug
			claimed[slug] = i
			// The derived slug may be one of the article's own old
			// slugs: it is then its slug and no longer an alias.
			it.a.Aliases = slices.DeleteFunc(it.a.Aliases, func(s string) bool { return s == slug })
			if len(it.a.Aliases) == 0 {
				it.a.Aliases = nil
			}
		}
		if it.cur != nil {
			res.ArticlesUpdated++
		} else {
			res.ArticlesCreated++
		}
		out = append(out, it.a)
	}
	return out, nil, nil
}

// importArticle builds the article of record i. ids maps the IDs of the
// records before it to their index.
func (s *Service) importArticle(ctx context.Context, rec archiveArticle, cats map[string]*Category, now time.Time, ids map[uuid.UUID]int, i int) (*importArticle, FieldErrors, error) {
	var es FieldErrors
	it := &importArticle{}
	var id uuid.UUID
	if rec.ID != "" {
		var err error
		id, err = uuid.Parse(rec.ID)
		switch {
		case err != nil || id == uuid.Nil:
			es.add("id", "not a UUID")
		default:
			if j, dup := ids[id]; dup {
				es.add("id", "duplicate of articles[%d]", j)
			}
			cur, err := s.store.Article(ctx, id)
			switch {
			case err == nil:
				it.cur = cur
			case !errors.Is(err, ErrNotFound):
				return nil, nil, err
			}
		}
	}
	a := &Article{ID: id, CreatedAt: now}
	if it.cur != nil {
		a = it.cur.Clone()
	} else if id == uuid.Nil {
		a.ID = s.newID()
	}
	a.UpdatedAt = now
	it.a = a

	a.Status = StatusDraft
	if rec.Status != "" {
		a.Status = Status(rec.Status)
	}
	if rec.PublishAt != "" {
		t, err := time.Parse(time.RFC3339Nano, rec.PublishAt)
		switch {
		case err != nil:
			es.add("publish_at", "not an RFC 3339 time")
		case !timeInRange(t):
			es.add("publish_at", "%s", timeRangeRule)
		}
		a.PublishAt = storedTime(t)
	}
	if a.Status == StatusPublished && a.PublishAt.IsZero() {
		a.PublishAt = now
	}

	catRule := ""
	var catID uuid.UUID
	catSlug := NormalizeLine(rec.Category)
	switch c := cats[catSlug]; {
	case catSlug == "":
		catRule = "required"
	case c == nil:
		catRule = fmt.Sprintf("unknown category %q", catSlug)
	default:
		catID = c.ID
	}
	in := ArticleInput{Slug: rec.Slug, Title: rec.Title, Summary: rec.Summary, BodyHTML: rec.BodyHTML,
		Author: rec.Author, CategoryID: catID, Tags: rec.Tags, Lang: rec.Lang, Featured: rec.Featured}
	if c := rec.Cover; c != nil {
		in.Cover = &Image{URL: c.URL, Alt: c.Alt, Caption: c.Caption, Width: c.Width, Height: c.Height, Type: c.Type, Size: c.Size}
	}
	for _, at := range rec.Attachments {
		in.Attachments = append(in.Attachments, Attachment{URL: at.URL, Title: at.Title, Type: at.Type, Size: at.Size})
	}
	in = normalizeInput(in)
	for _, al := range rec.Aliases {
		if al = NormalizeLine(al); !slices.Contains(a.Aliases, al) {
			a.Aliases = append(a.Aliases, al)
		}
	}
	a.Slug = in.Slug
	it.explicit = in.Slug != ""
	if !it.explicit {
		if it.cur != nil {
			a.Slug, it.explicit = it.cur.Slug, true
		} else {
			it.base = slugBase(in.Title, FallbackArticleSlug)
		}
	}
	if it.cur != nil {
		// The current slug stays reachable: it is claimed with the aliases.
		if a.Slug != it.cur.Slug && wasPublic(it.cur) && !slices.Contains(a.Aliases, it.cur.Slug) {
			a.Aliases = append(a.Aliases, it.cur.Slug)
		}
	}
	a.Aliases = slices.DeleteFunc(a.Aliases, func(s string) bool { return s == a.Slug })
	if len(a.Aliases) == 0 {
		a.Aliases = nil
	}
	es = append(es, s.applyInput(a, in, catRule)...)
	return it, es, nil
}

// Export writes every category and every article of the store, whatever
// its status, as a JSON archive that Import reads back (see the package
// documentation for the format): categories parents first, articles in
// the store's order (newest PublishAt first). Importing the result into an
// empty store and exporting again gives the same bytes. The archive is a
// consistent snapshot: when the store's Version moves during the read,
// Export reads again (at most three times, then fails with ErrConflict).
// Errors are the store's or w's.
func (s *Service) Export(ctx context.Context, w io.Writer) error {
	for range 3 {
		f, ok, err := s.snapshot(ctx)
		if err != nil {
			return fmt.Errorf("news: export: %w", err)
		}
		if !ok {
			continue
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(f); err != nil {
			return fmt.Errorf("news: export: %w", err)
		}
		return nil
	}
	return fmt.Errorf("news: export: the store kept changing: %w", ErrConflict)
}

// snapshot reads the whole store as an archive; ok is false when the
// store's version moved meanwhile.
func (s *Service) snapshot(ctx context.Context) (*archiveFile, bool, error) {
	v0, err := s.store.Version(ctx)
	if err != nil {
		return nil, false, err
	}
	tree, err := s.categories(ctx)
	if err != nil {
		return nil, false, err
	}
	version := ArchiveVersion
	f := &archiveFile{Version: &version, Categories: []archiveCategory{}, Articles: []archiveArticle{}}
	tree.Walk(func(c *Category, _ int) bool {
		rec := archiveCategory{Slug: c.Slug, Name: c.Name, Description: c.Description, Position: c.Position}
		if p := tree.Category(c.ParentID); p != nil {
			rec.Parent = p.Slug
		}
		f.Categories = append(f.Categories, rec)
		return true
	})
	q := Query{Limit: MaxLimit}
	for {
		page, err := s.store.Articles(ctx, q)
		if err != nil {
			return nil, false, err
		}
		for _, a := range page.Articles {
			f.Articles = append(f.Articles, exportArticle(a, tree))
		}
		if page.Next == "" {
			break
		}
		q.Cursor = page.Next
	}
	v1, err := s.store.Version(ctx)
	if err != nil {
		return nil, false, err
	}
	return f, v0 == v1, nil
}

// exportArticle returns the archive record of a.
func exportArticle(a *Article, tree *CategoryTree) archiveArticle {
	rec := archiveArticle{
		ID: a.ID.String(), Slug: a.Slug, Aliases: a.Aliases, Title: a.Title, Summary: a.Summary,
		BodyHTML: a.Body, Tags: a.Tags, Author: a.Author, Lang: a.Lang, Status: string(a.Status),
		Featured: a.Featured,
	}
	if c := tree.Category(a.CategoryID); c != nil {
		rec.Category = c.Slug
	}
	if !a.PublishAt.IsZero() {
		rec.PublishAt = a.PublishAt.UTC().Format(time.RFC3339Nano)
	}
	if c := a.Cover; c != nil {
		rec.Cover = &archiveImage{URL: c.URL, Alt: c.Alt, Caption: c.Caption, Width: c.Width, Height: c.Height, Type: c.Type, Size: c.Size}
	}
	for _, at := range a.Attachments {
		rec.Attachments = append(rec.Attachments, archiveAttachment{URL: at.URL, Title: at.Title, Type: at.Type, Size: at.Size})
	}
	return rec
}
