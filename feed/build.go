package feed

import (
	"bytes"
	"cmp"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"golang.org/x/net/html"
	"golang.org/x/text/language"

	"github.com/orgnews/orgnews/internal/web"
	"github.com/orgnews/orgnews/news"
)

// Meta describes a feed as a whole: what it is called, where it lives and
// how its items link back to the site. The zero Meta gives a feed titled
// "Tin tức" in UTC whose links stay as relative as the articles' own; set
// BaseURL so that every link in the feed is absolute, as readers need.
type Meta struct {
	// Title is the feed's title. "" means "Tin tức".
	Title string
	// Description is the feed's subtitle. "" means a sentence in the
	// feed's language naming the publisher (Author): "Tin mới nhất của
	// Sở Khoa học và Công nghệ", "Latest news from …", which readers show
	// under the title instead of the title again.
	Description string
	// Author is the name of the organisation publishing the feed; Atom
	// readers show it for items without an author. "" means Title.
	Author string
	// Lang is the feed's language as a BCP 47 tag ("vi", "en"). "" means
	// the language every article shares, or none when they differ. Items
	// in another language than the feed's carry their own.
	Lang string
	// BaseURL is the absolute URL of the news section, such as
	// "https://sokhcn.example.gov.vn/tin-tuc/"; it is treated as a
	// directory even without the final slash. Relative links in bodies,
	// covers and attachments, and the default article URLs, resolve
	// against it. "", or a URL that is not absolute http(s), leaves
	// relative links as they are.
	BaseURL string
	// HomeURL is the page the feed mirrors (the news index, a category's
	// page). "" means BaseURL.
	HomeURL string
	// SelfURL is the feed's own URL, written as atom:link rel="self" and
	// feed_url, and used as the Atom feed ID. "" means none; the Atom ID is
	// then HomeURL, or a name-based urn:uuid of the title.
	SelfURL string
	// Icon is the URL of a square image for the feed (Atom icon, JSON Feed
	// icon, RSS image). "" means none.
	Icon string
	// Hub is the URL of the WebSub hub that announces the feed's changes,
	// written as a link rel="hub" (atom:link in RSS) and as the JSON
	// Feed's hubs, so subscribers learn of new items without polling. ""
	// means none.
	Hub string
	// Location is the time zone dates are written in. nil means UTC.
	Location *time.Location
	// Updated is the feed's update time. The zero time means the newest
	// item's update time, or the Unix epoch for a feed without items.
	Updated time.Time
	// Categories names each article's category, matched by ID; the
	// category becomes the item's first category (Atom term = slug,
	// label = name). nil means items carry only their tags.
	Categories []*news.Category
	// ArticleURL returns the absolute URL of an article's page. nil means
	// BaseURL + "articles/" + the article's slug.
	ArticleURL func(a *news.Article) string
	// Media holds the media library's records of the articles' files, by
	// the media key their URLs name (news.MediaKeyOf). A cover whose file
	// is a photo in it points at its variant at least 960 pixels wide
	// (news.Media.Fit), with that variant's type, size and dimensions; an
	// attachment whose file is in it takes the file's type and size. nil
	// means none: files are written as the articles describe them. A
	// Handler fills it from Options.Media.
	Media map[string]*news.Media
}

// coverWidth is the width in pixels of the cover variant a feed points at
// when Meta.Media holds the cover's record: enough for a reader's column,
// a fraction of the largest variant's bytes.
const coverWidth = 960

// Build renders articles, in the order given, as a feed in format f (the
// zero Format means RSS, a nil m the zero Meta): XML for RSS and Atom, JSON
// for JSON Feed, each article written as the package documentation says.
// Body is trusted to be sanitised HTML, as the publishing service stores
// it. Build returns an error wrapping news.ErrInvalid for an unknown format
// or a nil article. It does not modify the articles and is safe for
// concurrent use.
func Build(f Format, articles []*news.Article, m *Meta) ([]byte, error) {
	f = cmp.Or(f, RSS)
	if _, err := ParseFormat(string(f)); err != nil {
		return nil, fmt.Errorf("feed: build: %w", err)
	}
	if m == nil {
		m = &Meta{}
	}
	d, err := prepare(articles, m)
	if err != nil {
		return nil, fmt.Errorf("feed: build: %w", err)
	}
	var buf bytes.Buffer
	if f != RSS {
		d.size += d.size / 4 // Atom and JSON escape the markup of bodies
	}
	buf.Grow(d.size)
	switch f {
	case Atom:
		err = d.writeAtom(&buf)
	case JSON:
		err = d.writeJSON(&buf)
	default:
		err = d.writeRSS(&buf)
	}
	if err != nil {
		return nil, fmt.Errorf("feed: build %s: %w", f, err)
	}
	return buf.Bytes(), nil
}

// defaultTitle is the feed title when Meta.Title is empty.
const defaultTitle = "Tin tức"

// defaultDescription returns the description of a feed published by
// author in the language lang: English for English, Vietnamese otherwise.
func defaultDescription(author, lang string) string {
	en := lang == "en" || strings.HasPrefix(lang, "en-")
	switch {
	case author == defaultTitle && en:
		return "The latest news"
	case author == defaultTitle:
		return "Những tin mới nhất"
	case en:
		return "Latest news from " + author
	}
	return "Tin mới nhất của " + author
}

// A document is a feed ready to encode: every string normalised, every URL
// resolved, every time in the configured zone.
type document struct {
	title, description, author, lang string
	home, self, id, icon, hub        string
	updated, published               time.Time // newest item update and publication
	items                            []*entry
	size                             int // estimate of the encoded length
}

// An entry is one article ready to encode.
type entry struct {
	id, link, title, summary, body, author, lang string
	category, categorySlug                       string // "" when the category is unknown
	tags                                         []string
	published, updated                           time.Time
	cover                                        *news.Image // nil when absent or unusable
	attachments                                  []news.Attachment
}

// categories returns the item's category name followed by its tags.
func (e *entry) categories() []string {
	out := make([]string, 0, len(e.tags)+1)
	if e.category != "" {
		out = append(out, e.category)
	}
	return append(out, e.tags...)
}

// prepare normalises and resolves everything Build writes.
func prepare(articles []*news.Article, m *Meta) (*document, error) {
	loc := cmp.Or(m.Location, time.UTC)
	base := web.BaseURL(m.BaseURL)
	var baseText string
	if base != nil {
		baseText = base.String()
	}
	title := cmp.Or(news.NormalizeLine(m.Title), defaultTitle)
	d := &document{
		title:       title,
		description: news.NormalizeLine(m.Description),
		author:      cmp.Or(news.NormalizeLine(m.Author), title),
		home:        cmp.Or(absURL(base, m.HomeURL), baseText),
		self:        absURL(base, m.SelfURL),
		icon:        absURL(base, m.Icon),
		hub:         absURL(base, m.Hub),
		lang:        canonicalLang(m.Lang),
		items:       make([]*entry, 0, len(articles)),
	}
	d.id = cmp.Or(d.self, d.home)
	if d.id == "" {
		d.id = "urn:uuid:" + uuid.NewSHA1(uuid.NameSpaceURL, []byte(d.title)).String()
	}

	cats := make(map[uuid.UUID]*news.Category, len(m.Categories))
	for _, c := range m.Categories {
		if c != nil {
			cats[c.ID] = c
		}
	}
	common, mixed := "", false
	for i, a := range articles {
		if a == nil {
			return nil, &news.FieldError{Field: fmt.Sprintf("articles[%d]", i), Rule: "nil"}
		}
		e := prepareEntry(a, m, base, baseText, loc, cats)
		d.items = append(d.items, e)
		d.size += len(e.body) + len(e.summary) + len(e.title) + 1024
		if e.updated.After(d.updated) {
			d.updated = e.updated
		}
		if e.published.After(d.published) {
			d.published = e.published
		}
		switch {
		case i == 0:
			common = e.lang
		case e.lang != common:
			mixed = true
		}
	}
	if d.lang == "" && !mixed {
		d.lang = common
	}
	if d.description == "" {
		d.description = defaultDescription(d.author, d.lang)
	}
	for _, e := range d.items {
		if e.lang == d.lang {
			e.lang = "" // the feed's language applies
		}
	}
	if !m.Updated.IsZero() {
		d.updated = writable(m.Updated, loc)
	} else if len(d.items) == 0 {
		d.updated = time.Unix(0, 0).In(loc)
	}
	if d.published.IsZero() {
		d.published = d.updated
	}
	return d, nil
}

// prepareEntry normalises and resolves the entry of a, given the feed's
// Meta, its base URL (nil or its text), zone and categories by ID.
func prepareEntry(a *news.Article, m *Meta, base *url.URL, baseText string, loc *time.Location, cats map[uuid.UUID]*news.Category) *entry {
	e := &entry{
		id:        "urn:uuid:" + a.ID.String(),
		title:     news.NormalizeLine(a.Title),
		summary:   news.Normalize(a.Summary),
		author:    news.NormalizeLine(a.Author),
		lang:      canonicalLang(a.Lang),
		published: writable(a.PublishAt, loc),
	}
	e.updated = e.published
	if u := writable(a.UpdatedAt, loc); u.After(e.updated) {
		e.updated = u
	}
	// Normalise after resolving: the tokenizer decodes character references
	// in the attributes it rewrites, which could yield control characters.
	body := a.Body
	if baseText != "" {
		body = news.AbsoluteURLs(body, baseText)
	}
	if e.body = news.Normalize(body); strings.TrimSpace(e.body) == "" {
		e.body = "" // nothing to show: RSS and Atom leave the content out, JSON Feed writes content_text
	}
	for _, t := range a.Tags {
		if t = news.NormalizeLine(t); t != "" {
			e.tags = append(e.tags, t)
		}
	}
	if c := a.Cover; c != nil {
		if u := absURL(base, c.URL); isHTTP(u) {
			e.cover = &news.Image{
				URL:     u,
				Alt:     news.NormalizeLine(c.Alt),
				Caption: news.NormalizeLine(c.Caption),
				Width:   max(c.Width, 0),
				Height:  max(c.Height, 0),
				Type:    mimeType(c.Type),
				Size:    max(c.Size, 0),
			}
			var keys []string // the media keys of every size of the photo
			if rec := m.media(u); rec != nil && rec.Kind == news.MediaImage && len(rec.Variants) > 0 {
				v := rec.Fit(coverWidth)
				e.cover.URL = withKey(u, v.Key)
				e.cover.Type, e.cover.Size, e.cover.Width, e.cover.Height = mimeType(v.Type), max(v.Size, 0), max(v.Width, 0), max(v.Height, 0)
				for _, v := range rec.Variants {
					keys = append(keys, v.Key)
				}
			}
			if !showsImage(e.body, keys, u, e.cover.URL) {
				e.body = figure(e.cover) + e.body
			}
		}
	}
	for _, at := range a.Attachments {
		if u := absURL(base, at.URL); isHTTP(u) {
			f := news.Attachment{
				URL:   u,
				Title: news.NormalizeLine(at.Title),
				Type:  mimeType(at.Type),
				Size:  max(at.Size, 0),
			}
			key, _ := news.MediaKeyOf(u)
			if rec := m.media(u); rec != nil {
				for _, v := range rec.Variants {
					if v.Key == key {
						f.Type, f.Size = mimeType(v.Type), max(v.Size, 0)
					}
				}
			}
			e.attachments = append(e.attachments, f)
		}
	}
	switch {
	case m.ArticleURL != nil:
		e.link = absURL(base, m.ArticleURL(a))
	case baseText != "":
		e.link = baseText + "articles/" + url.PathEscape(news.NormalizeLine(a.Slug))
	default:
		e.link = "articles/" + url.PathEscape(news.NormalizeLine(a.Slug))
	}
	if c := cats[a.CategoryID]; c != nil {
		e.category = news.NormalizeLine(c.Name)
		e.categorySlug = news.NormalizeLine(c.Slug)
		if e.categorySlug == "" {
			e.categorySlug = e.category
		}
	}
	return e
}

// media returns the record of the file the URL u names in m.Media, or nil.
func (m *Meta) media(u string) *news.Media {
	if key, ok := news.MediaKeyOf(u); ok {
		return m.Media[key]
	}
	return nil
}

// withKey returns the absolute URL u with its last path element replaced
// by the media key, and without query or fragment: the URL of another
// size of the same photo, served beside it.
func withKey(u, key string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	p.Path, p.RawPath, p.RawQuery, p.Fragment = path.Join(path.Dir(p.Path), key), "", "", ""
	return p.String()
}

// showsImage reports whether the HTML body shows the photo: an img whose
// src is one of urls or names one of the media keys.
func showsImage(body string, keys []string, urls ...string) bool {
	if !strings.Contains(body, "<img") {
		return false
	}
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, attrs := z.TagName()
			for attrs && string(name) == "img" {
				var k, v []byte
				k, v, attrs = z.TagAttr()
				if string(k) != "src" {
					continue
				}
				src := news.NormalizeLine(string(v))
				if slices.Contains(urls, src) {
					return true
				}
				if key, ok := news.MediaKeyOf(src); ok && slices.Contains(keys, key) {
					return true
				}
			}
		}
	}
}

// figure returns the HTML of the cover c at the top of an item's content:
// the photo, with its dimensions when known, and its caption.
func figure(c *news.Image) string {
	var b strings.Builder
	b.WriteString(`<figure><img src="`)
	b.WriteString(html.EscapeString(c.URL))
	b.WriteString(`" alt="`)
	b.WriteString(html.EscapeString(c.Alt))
	b.WriteByte('"')
	if c.Width > 0 && c.Height > 0 {
		fmt.Fprintf(&b, ` width="%d" height="%d"`, c.Width, c.Height)
	}
	b.WriteByte('>')
	if c.Caption != "" {
		b.WriteString("<figcaption>")
		b.WriteString(html.EscapeString(c.Caption))
		b.WriteString("</figcaption>")
	}
	b.WriteString("</figure>")
	return b.String()
}

// Bounds of the times feeds can hold: RFC 3339 and JSON need four-digit
// years.
var (
	minTime = time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(9999, time.December, 30, 0, 0, 0, 0, time.UTC)
)

// writable returns t in loc, in whole seconds, within the years 1 to 9999.
func writable(t time.Time, loc *time.Location) time.Time {
	switch {
	case t.Before(minTime):
		t = minTime
	case t.After(maxTime):
		t = maxTime
	}
	return t.In(loc).Truncate(time.Second)
}

// absURL normalises the reference ref and resolves it against base (when
// base is not nil). It returns "" for an empty or unparsable reference.
func absURL(base *url.URL, ref string) string {
	ref = news.NormalizeLine(ref)
	u, err := url.Parse(ref)
	if ref == "" || err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	return u.String()
}

// isHTTP reports whether s is an absolute http or https URL.
func isHTTP(s string) bool {
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// mimeType returns the normalised MIME type t, or "" when t does not look
// like one ("type/subtype", printable ASCII without spaces or quotes).
func mimeType(t string) string {
	t = strings.ToLower(news.NormalizeLine(t))
	slash := strings.IndexByte(t, '/')
	if slash <= 0 || slash == len(t)-1 || len(t) > 127 {
		return ""
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; c <= ' ' || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' {
			return ""
		}
	}
	return t
}

// canonicalLang returns the canonical form of the BCP 47 tag s ("vi",
// "en-US"), or "" when s is empty or not a well-formed tag.
func canonicalLang(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 35 {
		return ""
	}
	if t, err := language.Parse(s); err == nil {
		return t.String()
	}
	return ""
}
