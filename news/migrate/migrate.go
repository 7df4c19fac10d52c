package migrate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/news"
	"github.com/orgnews/orgnews/news/memstore"
)

// Defaults of Options.
const (
	DefaultConcurrency  = 3
	DefaultTimeout      = 30 * time.Second
	DefaultMaxPages     = 100
	DefaultMaxFeedBytes = 20 << 20
	DefaultCategorySlug = "tin-tuc"
	DefaultCategoryName = "Tin tức"
)

// Options configures a migration. The zero value, and a nil *Options,
// work: media stay on the old site, feeds and files are fetched with a
// client that gives up after DefaultTimeout.
type Options struct {
	// DryRun reads the source and reports what a migration would do:
	// it fetches no photo or file and writes nothing. Pages of a feed
	// are still read.
	DryRun bool
	// Media is the newsroom's media library. The photos and files that
	// articles refer to on the old site are fetched, processed as an
	// upload and kept there, and the articles point at their new URLs.
	// nil keeps every URL as it is, on the old site.
	Media *news.MediaLibrary
	// Client fetches feeds, photos and files. nil means a client whose
	// requests time out after Timeout.
	Client *http.Client
	// Timeout bounds each request, whatever the Client. 0 means
	// DefaultTimeout (30 s).
	Timeout time.Duration
	// MaxMediaBytes is the largest photo or file fetched; a larger one
	// is a failure of that medium. 0 means the media library's MaxBytes
	// (20 MiB by default).
	MaxMediaBytes int64
	// MaxFeedBytes is the largest feed page or WXR file read. 0 means
	// DefaultMaxFeedBytes (20 MiB).
	MaxFeedBytes int64
	// Concurrency is how many photos and files are fetched at once, to
	// be polite to the old site. 0 means DefaultConcurrency (3).
	Concurrency int
	// MaxPages is how many pages of a paged feed are read. 0 means
	// DefaultMaxPages (100).
	MaxPages int
	// Hosts are further host names whose photos and files are fetched,
	// besides the old site's own (its feed's or WXR file's site link),
	// such as a CDN: "static.skhcn.hoaan.gov.vn".
	Hosts []string
	// Category is the slug of the category of articles that name none;
	// created, named CategoryName, when missing. "" means
	// DefaultCategorySlug ("tin-tuc").
	Category string
	// CategoryName is the name Category is created with. "" means
	// DefaultCategoryName ("Tin tức").
	CategoryName string
	// Author is the author of articles that name none. "" leaves them
	// without one.
	Author string
	// Service is the options the Service was made with: the migration
	// checks each article with them before it writes, to tell an
	// unchanged article from an updated one. nil means the defaults.
	Service *news.ServiceOptions
}

// withDefaults returns o with every default filled in; o may be nil.
func (o *Options) withDefaults() Options {
	var out Options
	if o != nil {
		out = *o
	}
	if out.Timeout <= 0 {
		out.Timeout = DefaultTimeout
	}
	if out.Client == nil {
		out.Client = &http.Client{Timeout: out.Timeout}
	}
	if out.MaxMediaBytes <= 0 {
		out.MaxMediaBytes = news.DefaultMaxMediaBytes
		if out.Media != nil {
			out.MaxMediaBytes = out.Media.Options().MaxBytes
		}
	}
	if out.MaxFeedBytes <= 0 {
		out.MaxFeedBytes = DefaultMaxFeedBytes
	}
	if out.Concurrency <= 0 {
		out.Concurrency = DefaultConcurrency
	}
	if out.MaxPages <= 0 {
		out.MaxPages = DefaultMaxPages
	}
	if out.Category == "" {
		out.Category = DefaultCategorySlug
	}
	if out.CategoryName == "" {
		out.CategoryName = DefaultCategoryName
	}
	return out
}

// The outcomes of an item in a Report.
const (
	OutcomeCreate    = "create"    // a new article
	OutcomeUpdate    = "update"    // an article migrated before, changed since
	OutcomeUnchanged = "unchanged" // an article migrated before, as it is
	OutcomeSkip      = "skip"      // not an article: a page, an attachment, a menu item
)

// A Report says what a migration did, or in a dry run would do. Its JSON
// form (Report.JSON) is what the tests' golden files hold.
type Report struct {
	Source            string        `json:"source"`             // the feed's URL or file, the WXR file's name
	DryRun            bool          `json:"dry_run,omitempty"`  // nothing was fetched or written
	Pages             int           `json:"pages"`              // pages of a feed read; 1 for a WXR file
	Created           int           `json:"created"`            // new articles
	Updated           int           `json:"updated"`            // articles migrated before whose item changed
	Unchanged         int           `json:"unchanged"`          // articles migrated before, left as they were
	Skipped           int           `json:"skipped"`            // items that are no article (pages, attachments)
	CategoriesCreated int           `json:"categories_created"` // categories the store lacked
	MediaFetched      int           `json:"media_fetched"`      // photos and files now in the media library
	MediaFailed       int           `json:"media_failed"`       // photos and files left on the old site
	Items             []ItemReport  `json:"items"`              // every item of the source, in its order
	Problems          []Problem     `json:"problems,omitempty"` // broken items: when any, nothing was written
	Media             []MediaReport `json:"media,omitempty"`    // every photo and file of the old site, in order of use
}

// An ItemReport is what became of one item of the source.
type ItemReport struct {
	Position string    `json:"position"` // "items[12]": the item's index in the source, from 0
	Link     string    `json:"link,omitempty"`
	Title    string    `json:"title,omitempty"`
	ID       uuid.UUID `json:"id,omitzero"` // the article's ID, the same on every run
	// OldURLs are the article's old URLs (news.Article.OldURLs): its
	// link's path and query and, from WordPress, "/?p=<post ID>".
	OldURLs []string `json:"old_urls,omitempty"`
	Outcome string   `json:"outcome"` // one of the Outcome constants
	Reason  string   `json:"reason,omitempty"`
}

// A Problem is an item that cannot be migrated: when there is any,
// nothing is written.
type Problem struct {
	Position string `json:"position"` // "items[12]", with the field when known: "items[12].title"
	Link     string `json:"link,omitempty"`
	Reason   string `json:"reason"`
}

// A MediaReport is one photo or file of the old site: where it now is, or
// why it stays where it was.
type MediaReport struct {
	URL   string `json:"url"`             // on the old site
	New   string `json:"new,omitempty"`   // in the media library
	Error string `json:"error,omitempty"` // why it was not fetched: the old URL stays
}

// JSON returns the report as indented JSON.
func (r *Report) JSON() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	enc.Encode(r) // a Report always encodes
	return b.Bytes()
}

// String summarises the report in one line, such as "5 created, 1
// updated, 0 unchanged, 2 skipped; 1 category created; 7 photos and
// files fetched, 1 failed", with nouns in the singular for one.
func (r *Report) String() string {
	s := fmt.Sprintf("%d created, %d updated, %d unchanged, %d skipped; %s created; %s fetched, %d failed",
		r.Created, r.Updated, r.Unchanged, r.Skipped, count(r.CategoriesCreated, "category", "categories"),
		count(r.MediaFetched, "photo or file", "photos and files"), r.MediaFailed)
	if r.DryRun {
		s = "dry run: " + s
	}
	if len(r.Problems) > 0 {
		s += fmt.Sprintf("; %s with problems, nothing written", count(len(r.Problems), "item", "items"))
	}
	return s
}

// count returns n followed by one when n is 1, else by many.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// An ItemsError refuses a migration with broken items. It unwraps to
// news.ErrInvalid; the Report lists the same problems.
type ItemsError struct {
	Problems []Problem
}

// Error lists the problems, up to ten.
func (e *ItemsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d items cannot be migrated: ", len(e.Problems))
	for i, p := range e.Problems {
		if i == 10 {
			fmt.Fprintf(&b, "; and %d more", len(e.Problems)-10)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Position)
		if p.Link != "" {
			fmt.Fprintf(&b, " (%s)", p.Link)
		}
		b.WriteString(": " + p.Reason)
	}
	return b.String()
}

// Unwrap returns news.ErrInvalid.
func (e *ItemsError) Unwrap() error { return news.ErrInvalid }

// idSpace is the namespace of the articles' IDs: uuid.NewSHA1 of it and
// an item's GUID, or link, is the article's ID on every run.
var idSpace = uuid.MustParse("5b0c2f0e-8d0a-4a1e-9f3c-0e6c7a6d2b15")

// An item is one article of the source, read but not written.
type item struct {
	pos   int    // index in the source
	key   string // GUID, else link: what identifies it across runs
	link  string // its URL on the old site
	title string
	// summary and body are HTML; the body's URLs are absolute.
	summary, body string
	author        string
	lang          string
	status        news.Status
	featured      bool
	published     time.Time // zero for a draft
	updated       time.Time // zero when unknown
	category      string    // slug
	tags          []string
	cover         *news.Image
	attachments   []news.Attachment
	oldPaths      []string // old URL paths: the link's and, in WXR, /?p=ID
	skip          string   // why it is not an article; "" for an article
}

// A category is one to create when the store lacks it.
type category struct {
	slug, name, parent string
}

// source is what a reader made of the source.
type source struct {
	name     string
	pages    int
	items    []*item
	cats     []category // in the source's order; parents need not come first
	hosts    []string   // the old site's hosts
	problems []Problem
}

// run migrates what a reader made of the source.
func run(ctx context.Context, svc *news.Service, store news.Store, src *source, o Options) (*Report, error) {
	rep := &Report{Source: src.name, DryRun: o.DryRun, Pages: src.pages, Items: []ItemReport{}}
	for _, it := range src.items {
		ir := ItemReport{Position: position(it.pos), Link: it.link, Title: it.title, Outcome: OutcomeSkip, Reason: it.skip}
		if it.skip == "" {
			ir.ID, ir.OldURLs = uuid.NewSHA1(idSpace, []byte(it.key)), it.oldPaths
			ir.Outcome = ""
		}
		rep.Items = append(rep.Items, ir)
	}
	rep.Problems = append(rep.Problems, src.problems...)
	seen := map[uuid.UUID]int{}
	for i, it := range src.items {
		if it.skip != "" {
			rep.Skipped++
			continue
		}
		if j, dup := seen[rep.Items[i].ID]; dup {
			rep.Problems = append(rep.Problems, Problem{Position: position(it.pos), Link: it.link,
				Reason: fmt.Sprintf("the same GUID or link as %s", position(src.items[j].pos))})
		}
		seen[rep.Items[i].ID] = i
	}
	if len(rep.Problems) > 0 {
		return fail(rep)
	}
	stored, err := store.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	if o.Media != nil && o.DryRun {
		f := &fetcher{o: o, hosts: hostSet(src.hosts, o.Hosts)}
		if err := f.assumeMoved(ctx, store, src.items, rep); err != nil {
			return nil, err
		}
	}
	// Checked first as they are, so that a broken item costs no fetch;
	// then again with the media's new URLs.
	arch, recs, err := prepare(ctx, store, src, stored, rep, o)
	if err != nil || len(rep.Problems) > 0 {
		return failed(rep, err)
	}
	var f *fetcher
	if o.Media != nil && !o.DryRun {
		f = &fetcher{o: o, hosts: hostSet(src.hosts, o.Hosts)}
		f.migrate(ctx, src.items)
		rep.Media = f.reports
		for _, m := range f.reports {
			if m.Error == "" {
				rep.MediaFetched++
			} else {
				rep.MediaFailed++
			}
		}
		rep.Created, rep.Updated, rep.Unchanged = 0, 0, 0
		if arch, recs, err = prepare(ctx, store, src, stored, rep, o); err != nil || len(rep.Problems) > 0 {
			f.undo(ctx)
			return failed(rep, err)
		}
	}
	if o.DryRun || (len(arch.Articles) == 0 && len(arch.Categories) == 0) {
		return rep, nil
	}
	data, err := json.Marshal(arch)
	if err == nil {
		_, err = svc.Import(ctx, bytes.NewReader(data))
	}
	if err != nil {
		if f != nil {
			f.undo(ctx)
		}
		// A write refused for an item, such as a slug or an old URL
		// another article took meanwhile, is that item's problem.
		if fes := fieldErrors(err); len(fes) > 0 {
			for _, fe := range fes {
				rep.Problems = append(rep.Problems, problemOf(fe, recs, rep))
			}
			return fail(rep)
		}
		return nil, fmt.Errorf("migrate: %s: %w", src.name, err)
	}
	return rep, nil
}

// prepare builds the archive of the items and checks it: it returns the
// archive of the categories to create and the articles that change, with
// the records of those articles.
func prepare(ctx context.Context, store news.Store, src *source, stored []*news.Category, rep *Report, o Options) (*archive, []record, error) {
	arch, recs, err := build(ctx, src, stored, rep, o)
	if err != nil {
		return nil, nil, err
	}
	recs, err = check(ctx, store, stored, arch, recs, rep, o)
	return arch, recs, err
}

// fieldErrors returns the field errors err holds, or nil.
func fieldErrors(err error) news.FieldErrors {
	var fes news.FieldErrors
	var fe *news.FieldError
	switch {
	case errors.As(err, &fes):
		return fes
	case errors.As(err, &fe):
		return news.FieldErrors{fe}
	}
	return nil
}

// failed returns the error of a migration that stops: err, or the
// problems of rep.
func failed(rep *Report, err error) (*Report, error) {
	if err != nil {
		return nil, err
	}
	return fail(rep)
}

// fail returns rep with its problems and the error that lists them.
func fail(rep *Report) (*Report, error) {
	return rep, fmt.Errorf("migrate: %s: %w", rep.Source, &ItemsError{Problems: rep.Problems})
}

// position names the item with index i.
func position(i int) string { return "items[" + strconv.Itoa(i) + "]" }

// archive is the import format of news.Service.Import, as the migration
// writes it.
type archive struct {
	Version    int          `json:"version"`
	Categories []archiveCat `json:"categories"`
	Articles   []archiveArt `json:"articles"`
}

type archiveCat struct {
	Slug   string `json:"slug"`
	Name   string `json:"name"`
	Parent string `json:"parent,omitempty"`
}

type archiveArt struct {
	ID        string        `json:"id"`
	OldURLs   []string      `json:"old_urls,omitempty"`
	Title     string        `json:"title"`
	Summary   string        `json:"summary,omitempty"`
	BodyHTML  string        `json:"body_html,omitempty"`
	Category  string        `json:"category"`
	Tags      []string      `json:"tags,omitempty"`
	Author    string        `json:"author,omitempty"`
	Lang      string        `json:"lang,omitempty"`
	Status    string        `json:"status"`
	Featured  bool          `json:"featured,omitempty"`
	PublishAt string        `json:"publish_at,omitempty"`
	UpdatedAt string        `json:"updated_at,omitempty"`
	Cover     *archiveImage `json:"cover,omitempty"`
	Files     []archiveFile `json:"attachments,omitempty"`
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

type archiveFile struct {
	URL   string `json:"url"`
	Title string `json:"title,omitempty"`
	Type  string `json:"type,omitempty"`
	Size  int64  `json:"size,omitempty"`
}

// A record ties an archive's article to its item's report.
type record struct {
	report int // index in Report.Items
	id     uuid.UUID
}

// build makes the archive that migrates the items: the categories the
// store lacks and every article. It reports the categories it creates.
func build(ctx context.Context, src *source, stored []*news.Category, rep *Report, o Options) (*archive, []record, error) {
	have := map[string]bool{}
	for _, c := range stored {
		have[c.Slug] = true
		for _, al := range c.Aliases {
			have[al] = true
		}
	}
	arch := &archive{Version: news.ArchiveVersion, Categories: []archiveCat{}, Articles: []archiveArt{}}
	byslug := map[string]category{}
	for _, c := range src.cats {
		byslug[c.slug] = c
	}
	var need func(slug, name string)
	need = func(slug, name string) {
		if have[slug] {
			return
		}
		have[slug] = true
		c, ok := byslug[slug]
		if !ok {
			c = category{slug: slug, name: name}
		}
		if c.parent != "" {
			need(c.parent, c.parent)
		}
		arch.Categories = append(arch.Categories, archiveCat{Slug: c.slug, Name: c.name, Parent: c.parent})
	}
	// The WXR file's categories all come, as WordPress had them.
	for _, c := range src.cats {
		need(c.slug, c.name)
	}
	var recs []record
	for i, it := range src.items {
		if it.skip != "" {
			continue
		}
		cat := it.category
		if cat == "" {
			cat = o.Category
			need(cat, o.CategoryName)
		} else if _, ok := byslug[cat]; !ok {
			need(cat, cat)
		}
		author := it.author
		if author == "" {
			author = o.Author
		}
		id := rep.Items[i].ID
		a := archiveArt{ID: id.String(), OldURLs: it.oldPaths, Title: it.title, Summary: summaryText(it.summary), BodyHTML: it.body,
			Category: cat, Tags: it.tags, Author: author, Lang: it.lang, Status: string(it.status),
			Featured: it.featured}
		if !it.published.IsZero() {
			a.PublishAt = it.published.UTC().Format(time.RFC3339)
		}
		if !it.updated.IsZero() && !it.updated.Before(it.published) {
			a.UpdatedAt = it.updated.UTC().Format(time.RFC3339)
		}
		if c := it.cover; c != nil {
			a.Cover = &archiveImage{URL: c.URL, Alt: c.Alt, Caption: c.Caption, Width: c.Width, Height: c.Height, Type: c.Type, Size: c.Size}
		}
		for _, at := range it.attachments {
			a.Files = append(a.Files, archiveFile(at))
		}
		arch.Articles = append(arch.Articles, a)
		recs = append(recs, record{report: i, id: id})
	}
	rep.CategoriesCreated = len(arch.Categories)
	return arch, recs, ctx.Err()
}

// check imports the archive into a copy of what it touches in the store,
// with a Service made with the same options: it reports each item's
// outcome and problems, and leaves in the archive only the articles that
// change, whose records it returns.
func check(ctx context.Context, store news.Store, stored []*news.Category, arch *archive, recs []record, rep *Report, o Options) ([]record, error) {
	scratch := memstore.New()
	batch := &news.Batch{Categories: stored}
	cur := make(map[uuid.UUID]*news.Article, len(recs))
	for _, r := range recs {
		a, err := store.Article(ctx, r.id)
		switch {
		case err == nil:
			cur[r.id] = a
			batch.Articles = append(batch.Articles, a)
		case !errors.Is(err, news.ErrNotFound):
			return nil, fmt.Errorf("migrate: %w", err)
		}
	}
	if err := scratch.Import(ctx, batch); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	var so news.ServiceOptions
	if o.Service != nil {
		so = *o.Service
	}
	data, err := json.Marshal(arch)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	if _, err = news.NewService(scratch, &so).Import(ctx, bytes.NewReader(data)); err != nil {
		fes := fieldErrors(err)
		if len(fes) == 0 {
			return nil, fmt.Errorf("migrate: %w", err)
		}
		for _, fe := range fes {
			rep.Problems = append(rep.Problems, problemOf(fe, recs, rep))
		}
		return nil, nil
	}
	changed, changedRecs := []archiveArt{}, []record{}
	for k, r := range recs {
		ir := &rep.Items[r.report]
		now, err := scratch.Article(ctx, r.id)
		if err != nil {
			return nil, fmt.Errorf("migrate: %w", err)
		}
		switch was := cur[r.id]; {
		case was == nil:
			ir.Outcome = OutcomeCreate
			rep.Created++
		case same(was, now):
			ir.Outcome = OutcomeUnchanged
			rep.Unchanged++
			continue
		default:
			ir.Outcome = OutcomeUpdate
			rep.Updated++
		}
		changed, changedRecs = append(changed, arch.Articles[k]), append(changedRecs, r)
	}
	arch.Articles = changed
	return changedRecs, nil
}

// problemOf turns a field error of the archive's import into the problem
// of its item: "articles[3].title" becomes "items[7].title".
func problemOf(fe *news.FieldError, recs []record, rep *Report) Problem {
	p := Problem{Position: fe.Field, Reason: fe.Rule}
	rest, ok := strings.CutPrefix(fe.Field, "articles[")
	if !ok {
		return p
	}
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return p
	}
	k, err := strconv.Atoi(rest[:end])
	if err != nil || k < 0 || k >= len(recs) {
		return p
	}
	ir := rep.Items[recs[k].report]
	p.Position, p.Link = ir.Position+rest[end+1:], ir.Link
	return p
}

// same reports whether the article a was, and b is to be, the same to
// readers and to the newsroom.
func same(a, b *news.Article) bool {
	return a.Slug == b.Slug && slices.Equal(a.Aliases, b.Aliases) && slices.Equal(a.OldURLs, b.OldURLs) &&
		a.Title == b.Title && a.Summary == b.Summary &&
		a.Body == b.Body && a.Author == b.Author && a.Lang == b.Lang && a.CategoryID == b.CategoryID &&
		slices.Equal(a.Tags, b.Tags) && slices.Equal(a.Attachments, b.Attachments) &&
		(a.Cover == nil) == (b.Cover == nil) && (a.Cover == nil || *a.Cover == *b.Cover) &&
		a.Featured == b.Featured && a.Status == b.Status && a.PublishAt.Equal(b.PublishAt) &&
		a.UpdatedAt.Equal(b.UpdatedAt)
}

// summaryText is the plain text of an item's summary, which feeds give as
// HTML ("<p>…</p>", with a photo and a "Read more" link at times), at most
// maxSummary characters.
func summaryText(s string) string {
	if t := strings.TrimSpace(s); !strings.ContainsAny(t, "<&") && utf8.RuneCountInString(t) <= maxSummary {
		return t
	}
	return news.Excerpt(s, maxSummary)
}

// maxSummary is the longest summary an article takes, in characters: a
// longer one is cut at a word, as news.Excerpt cuts.
const maxSummary = 1000
