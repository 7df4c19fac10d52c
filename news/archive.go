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

// archiveFile is the JSON archive as Export writes it: the public
// import/export format. Import reads it member by member (see
// archiveReader).
type archiveFile struct {
	Version    *int              `json:"version,omitempty"`
	Categories []archiveCategory `json:"categories"`
	Articles   []archiveArticle  `json:"articles"`
}

type archiveCategory struct {
	Slug        string   `json:"slug"`
	Aliases     []string `json:"aliases,omitempty"`
	Name        string   `json:"name"`
	Parent      string   `json:"parent,omitempty"`
	Description string   `json:"description,omitempty"`
	Position    int      `json:"position,omitempty"`
}

type archiveArticle struct {
	ID          string              `json:"id,omitempty"`
	Slug        string              `json:"slug,omitempty"`
	Aliases     []string            `json:"aliases,omitempty"`
	OldURLs     []string            `json:"old_urls,omitempty"`
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
	UpdatedAt   string              `json:"updated_at,omitempty"`
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

// Import reads a JSON archive (see the package documentation for the
// format) from r and writes it to the store all at once with Store.Import.
// Every record is normalised, validated and sanitised as by CreateDraft
// and CreateCategory. Categories are matched by slug: an existing one is
// updated, a new one created. Articles are matched by id: a record whose
// id exists updates that article (an empty slug then keeps its slug, a
// missing publish_at its date), any other record creates one. Articles
// refer to categories by slug, in the file or in the store; a parent may
// come before or after its children. Times are RFC 3339, or a date
// ("2026-12-05") or a date and time ("2026-12-05 08:00") in
// ServiceOptions.Location.
//
// The file is read one record at a time, never whole: besides the
// categories and articles it writes, Import holds little more than one
// record (when the articles come before the categories, their records
// wait for them). A UTF-8 byte order mark is skipped.
//
// Import is all or nothing: when any record is wrong the error wraps
// ErrInvalid and lists up to 100 field errors naming the record
// ("articles[12].title: required", `articles[3]: unknown field "tittle"`),
// and the store is unchanged; malformed JSON is reported with its line and
// column. An explicit slug or an old URL held by another article, or by
// another record, is such an error. Other errors are the store's (ErrConflict when a
// concurrent write took a slug).
func (s *Service) Import(ctx context.Context, r io.Reader) (*ImportResult, error) {
	tree, err := s.categories(ctx)
	if err != nil {
		return nil, err
	}
	im := &importer{s: s, now: s.clock(), bySlug: map[string]*Category{},
		ids: map[uuid.UUID]int{}, claimed: map[string]int{}, oldURLs: map[string]int{}}
	tree.Walk(func(c *Category, _ int) bool {
		im.bySlug[c.Slug] = c.Clone()
		return true
	})
	if err := im.read(ctx, newArchiveReader(r, s.maxImport)); err != nil {
		return nil, fmt.Errorf("news: import: %w", err)
	}
	arts, err := im.finish(ctx)
	if err != nil {
		return nil, fmt.Errorf("news: import: %w", err)
	}
	es := append(im.catErrs, im.artErrs...)
	if len(es) > 0 {
		if len(es) > maxImportErrors {
			more := len(es) - maxImportErrors
			es = append(es[:maxImportErrors:maxImportErrors], &FieldError{Rule: fmt.Sprintf("and %d more errors", more)})
		}
		return nil, fmt.Errorf("news: import: %w", es)
	}
	if err := s.store.Import(ctx, &Batch{Categories: im.cats, Articles: arts}); err != nil {
		return nil, fmt.Errorf("news: import: %w", err)
	}
	return &im.res, nil
}

// An importer is one Import under way: what it has read so far.
type importer struct {
	s   *Service
	now time.Time
	res ImportResult

	bySlug   map[string]*Category // every category by slug: the store's, and once read the file's
	cats     []*Category          // the file's categories, parents first
	catsRead bool                 // the categories member has been read
	catErrs  FieldErrors

	waiting []waitingArticle  // article records read before the categories
	items   []*importArticle  // by record index; nil for a record with errors
	ids     map[uuid.UUID]int // article ID → record index
	claimed map[string]int    // slug or alias → record index
	oldURLs map[string]int    // old URL → record index
	artErrs FieldErrors
}

// read reads the archive: one object whose members are read as they come.
func (im *importer) read(ctx context.Context, ar *archiveReader) error {
	t, err := ar.token()
	if err != nil {
		return err
	}
	if t != json.Delim('{') {
		return &FieldError{Rule: fmt.Sprintf("not an archive: the file must hold one JSON object, %s, not %s", archiveShape, tokenKind(t))}
	}
	seen := map[string]bool{}
	for ar.dec.More() {
		t, err := ar.token()
		if err != nil {
			return err
		}
		key, _ := t.(string)
		if seen[key] {
			return &FieldError{Field: key, Rule: "given twice"}
		}
		seen[key] = true
		switch key {
		case "version":
			var v int
			if ok, err := ar.decode(&v, "version"); !ok {
				return err
			}
			if v != ArchiveVersion {
				return &FieldError{Field: "version", Rule: fmt.Sprintf("unsupported version %d; want %d", v, ArchiveVersion)}
			}
		case "categories":
			var recs []archiveCategory
			err := readArray(ar, key, `[{"slug": "tin-tuc", "name": "Tin tức"}, ...]`, func(i int) error {
				var rec archiveCategory
				ok, err := ar.decode(&rec, fmt.Sprintf("categories[%d]", i))
				if !ok {
					return im.recordError(&im.catErrs, err)
				}
				recs = append(recs, rec)
				return nil
			})
			if err != nil {
				return err
			}
			if err := im.categories(ctx, recs); err != nil {
				return err
			}
		case "articles":
			err := readArray(ar, key, `[{"title": "…", "category": "tin-tuc"}, ...]`, func(i int) error {
				var rec archiveArticle
				ok, err := ar.decode(&rec, fmt.Sprintf("articles[%d]", i))
				switch {
				case !ok:
					im.items = append(im.items, nil)
					return im.recordError(&im.artErrs, err)
				case !im.catsRead:
					// The categories may come later: the record waits.
					im.items = append(im.items, nil)
					im.waiting = append(im.waiting, waitingArticle{i, rec})
					return nil
				}
				return im.article(ctx, i, rec)
			})
			if err != nil {
				return err
			}
		default:
			return &FieldError{Rule: fmt.Sprintf("unknown member %q: an archive is %s", key, archiveShape)}
		}
	}
	if _, err := ar.token(); err != nil { // the closing brace
		return err
	}
	if _, err := ar.dec.Token(); err != io.EOF {
		if lerr := ar.tooLarge(); lerr != nil {
			return lerr
		}
		return &FieldError{Rule: "malformed JSON: data after the archive"}
	}
	return nil
}

// recordError adds err, a record's *FieldError, to es, or returns it when
// it ends the reading.
func (im *importer) recordError(es *FieldErrors, err error) error {
	var fe *FieldError
	if errors.As(err, &fe) && fe.Field != "" {
		*es = append(*es, fe)
		return nil
	}
	return err
}

// readArray reads the array member key, calling fn with the index of each
// element, which fn must read. null is an empty array; any other value is
// an error that shows, with like, what the array looks like.
func readArray(ar *archiveReader, key, like string, fn func(i int) error) error {
	t, err := ar.token()
	switch {
	case err != nil:
		return err
	case t == nil:
		return nil
	case t != json.Delim('['):
		return &FieldError{Field: key, Rule: fmt.Sprintf("must be an array, %s, not %s", like, tokenKind(t))}
	}
	for i := 0; ar.dec.More(); i++ {
		if err := fn(i); err != nil {
			return err
		}
	}
	_, err = ar.token() // the closing bracket
	return err
}

// tokenKind names the JSON value that begins with the token t.
func tokenKind(t json.Token) string {
	switch t := t.(type) {
	case json.Delim:
		if t == '[' {
			return "an array"
		}
		return "an object"
	case string:
		return "a string"
	case float64, json.Number:
		return "a number"
	case bool:
		return "true or false"
	}
	return "null"
}

// A waitingArticle is an article record read before the categories.
type waitingArticle struct {
	i   int
	rec archiveArticle
}

// categories merges the category records into the store's categories and
// then imports the article records that waited for them. The error is the
// store's; field errors are kept.
func (im *importer) categories(ctx context.Context, recs []archiveCategory) error {
	cats, es := im.s.importCategories(recs, im.bySlug, im.now, &im.res)
	im.cats = cats
	im.catErrs = append(im.catErrs, es...)
	slices.SortStableFunc(im.catErrs, compareRecords)
	im.catsRead = true
	for _, w := range im.waiting {
		if err := im.article(ctx, w.i, w.rec); err != nil {
			return err
		}
	}
	im.waiting = nil
	return nil
}

// article imports the article record i: it is checked and its explicit
// slug and aliases claimed; derived slugs wait for finish.
func (im *importer) article(ctx context.Context, i int, rec archiveArticle) error {
	p := fmt.Sprintf("articles[%d]", i)
	it, recErrs, err := im.s.importArticle(ctx, rec, im.bySlug, im.now, im.ids, i)
	if err != nil {
		return err
	}
	if i == len(im.items) {
		im.items = append(im.items, nil)
	}
	if len(recErrs) > 0 {
		im.artErrs = append(im.artErrs, recErrs.prefix(p)...)
		return nil
	}
	im.items[i] = it
	im.ids[it.a.ID] = i
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
		if j, dup := im.claimed[name]; dup && j != i {
			im.artErrs.add(field, "%q already used by articles[%d]", name, j)
			continue
		}
		im.claimed[name] = i
		free, err := im.s.slugFree(ctx, name, it.a.ID)
		if err != nil {
			return err
		}
		if !free {
			im.artErrs.add(field, "%q already used by another article", name)
		}
	}
	for k, u := range it.a.OldURLs {
		field := fmt.Sprintf("%s.old_urls[%d]", p, k)
		if j, dup := im.oldURLs[u]; dup && j != i {
			im.artErrs.add(field, "%q already used by articles[%d]", u, j)
			continue
		}
		im.oldURLs[u] = i
		var taken *OldURLTakenError
		if err := im.s.oldURLsFree(ctx, &Article{ID: it.a.ID, OldURLs: []string{u}}); errors.As(err, &taken) {
			im.artErrs.add(field, "%q already used by another article", u)
		} else if err != nil {
			return err
		}
	}
	return nil
}

// finish imports the article records that waited for categories that
// never came, gives the other articles their derived slugs, and returns
// the articles to write. The error is the store's; field errors are kept.
func (im *importer) finish(ctx context.Context) ([]*Article, error) {
	if !im.catsRead {
		if err := im.categories(ctx, nil); err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(im.artErrs, compareRecords)
	if len(im.catErrs)+len(im.artErrs) > 0 {
		return nil, nil
	}
	out := make([]*Article, 0, len(im.items))
	for i, it := range im.items {
		if !it.explicit {
			slug, _, err := im.s.freeSlug(ctx, it.base, 1, it.a.ID, func(c string) bool {
				j, ok := im.claimed[c]
				return ok && j != i
			})
			if err != nil {
				return nil, err
			}
			it.a.Slug = slug
			im.claimed[slug] = i
			// The derived slug may be one of the article's own old
			// slugs: it is then its slug and no longer an alias.
			it.a.Aliases = slices.DeleteFunc(it.a.Aliases, func(s string) bool { return s == slug })
			if len(it.a.Aliases) == 0 {
				it.a.Aliases = nil
			}
		}
		if it.cur != nil {
			im.res.ArticlesUpdated++
		} else {
			im.res.ArticlesCreated++
		}
		out = append(out, it.a)
		im.items[i] = nil
	}
	return out, nil
}

// importCategories merges the category records into bySlug, which holds
// the store's categories by slug and afterwards every category. It returns
// the categories to write, parents first.
func (s *Service) importCategories(recs []archiveCategory, bySlug map[string]*Category, now time.Time, res *ImportResult) ([]*Category, FieldErrors) {
	var es FieldErrors
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
		for _, al := range rec.Aliases {
			if al = NormalizeLine(al); al != c.Slug && !slices.Contains(c.Aliases, al) {
				c.Aliases = append(c.Aliases, al)
			}
		}
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
		c := bySlug[slug]
		ces := validateCategory(c, merged)
		if len(ces) == 0 && merged.Depth(c.ID) >= s.maxDepth {
			ces.add("parent", "would nest the category %d levels deep; at most %d", merged.Depth(c.ID)+1, s.maxDepth)
		}
		for j, al := range c.Aliases {
			if err := categorySlugTaken(merged, al, c.ID); err != nil && ValidSlug(al) {
				ces.add(fmt.Sprintf("aliases[%d]", j), "%s", strings.TrimPrefix(err.Error(), "slug: "))
			}
		}
		es = append(es, ces.prefix(fmt.Sprintf("categories[%d]", i))...)
	}
	if res.CategoriesCreated > 0 && len(bySlug) > s.maxCats {
		es.add("categories", "would make %d categories; at most %d", len(bySlug), s.maxCats)
	}
	slices.SortStableFunc(es, compareRecords)
	var out []*Category
	merged.Walk(func(c *Category, _ int) bool {
		if _, ok := inFile[c.Slug]; ok {
			out = append(out, c)
		}
		return true
	})
	return out, es
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
	it.a = a

	a.Status = StatusDraft
	if rec.Status != "" {
		a.Status = Status(rec.Status)
	}
	if rec.PublishAt != "" {
		t, rule := parseArchiveTime(rec.PublishAt, s.loc)
		if rule != "" {
			es.add("publish_at", "%s", rule)
		}
		a.PublishAt = t
	}
	if a.Status == StatusPublished && a.PublishAt.IsZero() {
		a.PublishAt = now
	}
	// The content was last changed when the record says, else now for an
	// update that changes it (see below), else when it was published (a
	// new record of an article published before): readers see "updated"
	// only for a real change.
	a.UpdatedAt = now
	switch {
	case rec.UpdatedAt != "":
		t, rule := parseArchiveTime(rec.UpdatedAt, s.loc)
		if rule != "" {
			es.add("updated_at", "%s", rule)
		}
		a.UpdatedAt = t
	case it.cur == nil && !a.PublishAt.IsZero() && a.PublishAt.Before(now):
		a.UpdatedAt = a.PublishAt
	}
	if it.cur == nil && a.UpdatedAt.Before(a.CreatedAt) {
		a.CreatedAt = a.UpdatedAt
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
		Author: rec.Author, CategoryID: catID, Tags: rec.Tags, Lang: rec.Lang, Featured: rec.Featured, OldURLs: rec.OldURLs}
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
	if it.cur != nil && rec.UpdatedAt == "" && sameContent(a, it.cur) {
		a.UpdatedAt = it.cur.UpdatedAt // imported again unchanged: no update
	}
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
		rec := archiveCategory{Slug: c.Slug, Aliases: c.Aliases, Name: c.Name, Description: c.Description, Position: c.Position}
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
		ID: a.ID.String(), Slug: a.Slug, Aliases: a.Aliases, OldURLs: a.OldURLs, Title: a.Title, Summary: a.Summary,
		BodyHTML: a.Body, Tags: a.Tags, Author: a.Author, Lang: a.Lang, Status: string(a.Status),
		Featured: a.Featured,
	}
	if c := tree.Category(a.CategoryID); c != nil {
		rec.Category = c.Slug
	}
	if !a.PublishAt.IsZero() {
		rec.PublishAt = a.PublishAt.UTC().Format(time.RFC3339Nano)
	}
	if !a.UpdatedAt.IsZero() {
		rec.UpdatedAt = a.UpdatedAt.UTC().Format(time.RFC3339Nano)
	}
	if c := a.Cover; c != nil {
		rec.Cover = &archiveImage{URL: c.URL, Alt: c.Alt, Caption: c.Caption, Width: c.Width, Height: c.Height, Type: c.Type, Size: c.Size}
	}
	for _, at := range a.Attachments {
		rec.Attachments = append(rec.Attachments, archiveAttachment{URL: at.URL, Title: at.Title, Type: at.Type, Size: at.Size})
	}
	return rec
}
