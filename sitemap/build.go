package sitemap

import (
	"bytes"
	"cmp"
	"context"
	"encoding/xml"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// The XML that opens and closes every file.
const (
	xmlHeader   = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"
	urlsetOpen  = xmlHeader + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">` + "\n"
	newsOpen    = xmlHeader + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` + "\n"
	urlsetClose = "</urlset>\n"
	indexOpen   = xmlHeader + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n"
	indexClose  = "</sitemapindex>\n"
)

// maxLoc is the longest URL the protocol allows; a longer one is left out.
const maxLoc = 2048

// An entry is one URL of a sitemap.
type entry struct {
	loc     string
	lastmod time.Time // zero when unknown
	image   string    // absolute URL of the cover photo, "" for none
}

// A part is one sitemap file listed by the index.
type part struct {
	name    string // such as "articles-vi-1.xml"
	body    []byte
	lastmod time.Time // the newest lastmod of its entries
}

// A set is every sitemap of one Source state: the index and its parts.
type set struct {
	key   string // news.State.Key of the state
	index []byte
	parts map[string]*part
}

// renderIndex renders the sitemap index.
func (h *Handler) renderIndex(ctx context.Context, _ string, st news.State, _ time.Time) ([]byte, error) {
	s, err := h.set(ctx, st)
	if err != nil {
		return nil, err
	}
	return s.index, nil
}

// renderPart renders the part name of the index.
func (h *Handler) renderPart(ctx context.Context, name string, st news.State, _ time.Time) ([]byte, error) {
	s, err := h.set(ctx, st)
	if err != nil {
		return nil, err
	}
	p := s.parts[name]
	if p == nil {
		return nil, &web.Error{Status: http.StatusNotFound, Code: "not_found",
			Message: "no sitemap named " + web.Quote(name, 80) + "; the index sitemap.xml lists them"}
	}
	return p.body, nil
}

// set returns the sitemaps of the state st, built once per state however
// many requests ask at once; the set of the latest state is kept, so the
// index and each of its parts come from one scan of the archive.
func (h *Handler) set(ctx context.Context, st news.State) (*set, error) {
	key := st.Key()
	h.mu.Lock()
	s := h.last
	h.mu.Unlock()
	if s != nil && s.key == key {
		return s, nil
	}
	v, err, _ := h.flight.Do(key, func() (any, error) {
		s, err := h.build(context.WithoutCancel(ctx), key)
		if err != nil {
			return nil, err
		}
		h.mu.Lock()
		h.last = s
		h.mu.Unlock()
		return s, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*set), nil
}

// build reads every public article and category and renders the set of
// the state key.
func (h *Handler) build(ctx context.Context, key string) (*set, error) {
	cats, err := h.src.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("sitemap: categories: %w", err)
	}
	arts, err := h.all(ctx)
	if err != nil {
		return nil, err
	}
	// Oldest first, so that a new article changes only the last part of
	// its language and crawlers revalidate the others with a 304.
	slices.SortStableFunc(arts, func(a, b *news.Article) int {
		return cmp.Or(a.PublishAt.Compare(b.PublishAt), strings.Compare(a.ID.String(), b.ID.String()))
	})
	s := &set{key: key, parts: map[string]*part{}}
	var order []*part
	add := func(kind string, es []entry) {
		for _, p := range h.split(kind, es) {
			s.parts[p.name] = p
			order = append(order, p)
		}
	}
	add("pages", h.pages(cats, arts))
	byLang := map[string][]entry{}
	for _, a := range arts {
		l := langName(a.Lang)
		byLang[l] = append(byLang[l], entry{loc: h.articleURL(a), lastmod: lastmod(a), image: h.coverURL(a)})
	}
	for _, l := range slices.Sorted(maps.Keys(byLang)) {
		add("articles-"+l, byLang[l])
	}
	var b bytes.Buffer
	b.WriteString(indexOpen)
	for _, p := range order {
		b.WriteString("  <sitemap>\n    <loc>")
		escape(&b, h.self+"sitemaps/"+p.name)
		b.WriteString("</loc>\n")
		h.writeLastmod(&b, "    ", p.lastmod)
		b.WriteString("  </sitemap>\n")
	}
	b.WriteString(indexClose)
	s.index = b.Bytes()
	return s, nil
}

// all returns every public article, page by page.
func (h *Handler) all(ctx context.Context) ([]*news.Article, error) {
	var arts []*news.Article
	q := news.Query{Limit: news.MaxLimit}
	for {
		page, err := h.src.Articles(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("sitemap: articles: %w", err)
		}
		for _, a := range page.Articles {
			if a != nil {
				arts = append(arts, a)
			}
		}
		if page.Next == "" || page.Next == q.Cursor {
			return arts, nil
		}
		q.Cursor = page.Next
	}
}

// pages returns the entries of the news section's home and of every
// category holding a public article (itself or in a descendant), each
// with the newest lastmod of what it lists.
func (h *Handler) pages(cats []*news.Category, arts []*news.Article) []entry {
	parent := make(map[uuid.UUID]uuid.UUID, len(cats))
	for _, c := range cats {
		if c != nil {
			parent[c.ID] = c.ParentID
		}
	}
	var home time.Time
	newest := map[uuid.UUID]time.Time{}
	for _, a := range arts {
		t := lastmod(a)
		home = later(home, t)
		// Walk up at most len(cats) steps, so a cycle cannot loop.
		for id, n := a.CategoryID, 0; id != uuid.Nil && n <= len(cats); id, n = parent[id], n+1 {
			newest[id] = later(newest[id], t)
		}
	}
	es := []entry{{loc: h.base, lastmod: home}}
	for _, c := range cats {
		if c == nil {
			continue
		}
		if t, ok := newest[c.ID]; ok {
			es = append(es, entry{loc: h.categoryURL(c), lastmod: later(t, c.UpdatedAt)})
		}
	}
	return es
}

// split renders es as sitemaps named kind-1.xml, kind-2.xml…, each within
// the options' MaxURLs and MaxBytes. Entries whose URL is longer than the
// protocol allows are left out. A kind with no entry has no sitemap.
func (h *Handler) split(kind string, es []entry) []*part {
	var parts []*part
	var cur *part
	var n int
	var b, e bytes.Buffer
	flush := func() {
		if cur != nil {
			b.WriteString(urlsetClose)
			cur.body = bytes.Clone(b.Bytes())
			parts = append(parts, cur)
			cur = nil
		}
	}
	for _, x := range es {
		if len(x.loc) > maxLoc {
			continue
		}
		e.Reset()
		h.writeEntry(&e, x)
		if cur != nil && (n == h.opts.MaxURLs || b.Len()+e.Len()+len(urlsetClose) > h.opts.MaxBytes) {
			flush()
		}
		if cur == nil {
			cur = &part{name: kind + "-" + strconv.Itoa(len(parts)+1) + ".xml"}
			n = 0
			b.Reset()
			b.WriteString(urlsetOpen)
		}
		b.Write(e.Bytes())
		n++
		cur.lastmod = later(cur.lastmod, x.lastmod)
	}
	flush()
	return parts
}

// writeEntry writes x as a <url> element.
func (h *Handler) writeEntry(b *bytes.Buffer, x entry) {
	b.WriteString("  <url>\n    <loc>")
	escape(b, x.loc)
	b.WriteString("</loc>\n")
	h.writeLastmod(b, "    ", x.lastmod)
	if x.image != "" {
		b.WriteString("    <image:image>\n      <image:loc>")
		escape(b, x.image)
		b.WriteString("</image:loc>\n    </image:image>\n")
	}
	b.WriteString("  </url>\n")
}

// writeLastmod writes a <lastmod> element of t, indented, unless t is zero.
func (h *Handler) writeLastmod(b *bytes.Buffer, indent string, t time.Time) {
	if t.IsZero() {
		return
	}
	b.WriteString(indent + "<lastmod>" + h.date(t) + "</lastmod>\n")
}

// date formats t in the options' Location as W3C Datetime, to the second.
func (h *Handler) date(t time.Time) string {
	return t.In(cmp.Or(h.opts.Location, time.UTC)).Format(time.RFC3339)
}

// renderNews renders the news sitemap: the articles published in the
// NewsWindow before now, newest first, at most MaxNewsURLs.
func (h *Handler) renderNews(ctx context.Context, _ string, _ news.State, now time.Time) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(newsOpen)
	q := news.Query{From: now.Add(-NewsWindow), To: now, Limit: news.MaxLimit}
	for n := 0; n < MaxNewsURLs; {
		page, err := h.src.Articles(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("sitemap: news articles: %w", err)
		}
		for _, a := range page.Articles {
			if a == nil || n == MaxNewsURLs || a.PublishAt.Before(q.From) || a.PublishAt.After(now) {
				continue
			}
			loc := h.articleURL(a)
			if len(loc) > maxLoc {
				continue
			}
			b.WriteString("  <url>\n    <loc>")
			escape(&b, loc)
			b.WriteString("</loc>\n    <news:news>\n      <news:publication>\n        <news:name>")
			escape(&b, h.opts.PublicationName)
			b.WriteString("</news:name>\n        <news:language>" + newsLang(a.Lang) + "</news:language>\n")
			b.WriteString("      </news:publication>\n      <news:publication_date>" + h.date(a.PublishAt) + "</news:publication_date>\n      <news:title>")
			escape(&b, a.Title)
			b.WriteString("</news:title>\n    </news:news>\n  </url>\n")
			n++
		}
		if page.Next == "" || page.Next == q.Cursor {
			break
		}
		q.Cursor = page.Next
	}
	b.WriteString(urlsetClose)
	return b.Bytes(), nil
}

// articleURL returns the absolute URL of a's page.
func (h *Handler) articleURL(a *news.Article) string {
	if h.opts.ArticleURL != nil {
		return h.opts.ArticleURL(a)
	}
	return h.base + "articles/" + url.PathEscape(a.Slug)
}

// categoryURL returns the absolute URL of c's page.
func (h *Handler) categoryURL(c *news.Category) string {
	if h.opts.CategoryURL != nil {
		return h.opts.CategoryURL(c)
	}
	return h.base + "categories/" + url.PathEscape(c.Slug)
}

// coverURL returns the absolute http(s) URL of a's cover photo, resolved
// against BaseURL, or "" when a has none.
func (h *Handler) coverURL(a *news.Article) string {
	if a.Cover == nil || a.Cover.URL == "" {
		return ""
	}
	base, err := url.Parse(h.base)
	if err != nil {
		return ""
	}
	u, err := base.Parse(a.Cover.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	if s := u.String(); len(s) <= maxLoc {
		return s
	}
	return ""
}

// lastmod returns when a last changed as readers see it: its UpdatedAt,
// or its PublishAt when it became public after its last edit.
func lastmod(a *news.Article) time.Time { return later(a.UpdatedAt, a.PublishAt) }

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// langName returns the language tag lang as it appears in a sitemap's
// name: lower case, only letters, digits and hyphens; "und" when empty.
func langName(lang string) string {
	s := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		case r == '_':
			return '-'
		}
		return -1
	}, lang)
	return cmp.Or(strings.Trim(s, "-"), "und")
}

// newsLang returns the language of the news sitemap for the BCP 47 tag
// lang: Google News wants an ISO 639 code of two or three letters, or
// zh-cn or zh-tw for Chinese. An empty or malformed tag means "vi", the
// language the publishing service gives an article without one.
func newsLang(lang string) string {
	l := langName(lang)
	primary, rest, _ := strings.Cut(l, "-")
	if primary == "zh" {
		if strings.Contains("-"+rest+"-", "-tw-") || strings.Contains("-"+rest+"-", "-hant-") || strings.Contains("-"+rest+"-", "-hk-") {
			return "zh-tw"
		}
		return "zh-cn"
	}
	if primary == "und" || len(primary) < 2 || len(primary) > 3 || strings.ContainsAny(primary, "0123456789") {
		return "vi"
	}
	return primary
}

// escape writes s to b with the XML special characters escaped.
func escape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // writing to a bytes.Buffer cannot fail
}
