package migrate

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/orgnews/orgnews/news"
)

// FromWXR migrates a WordPress export (WXR 1.0 to 1.2, as Tools → Export
// writes it) read from r into the service's store, which the service must
// write to. name names the source in the report and errors, such as the
// file's name.
//
// Posts become articles: title, content (sanitised as every body), excerpt
// as summary, author (the display name of the dc:creator login), date
// (wp:post_date_gmt), categories and tags, sticky posts featured, the featured image
// (_thumbnail_id) as cover, and the files attached to the post as
// attachments. Published posts are published, future ones scheduled for
// their date, drafts, pending, private and password-protected posts
// become drafts. Pages,
// attachments, menu items and posts in the trash are skipped. Every
// category of the file the store lacks is created, under its WordPress
// parent; an article takes the first category of its post, and its other
// categories become tags.
//
// See FromFeed for media, idempotence and problems: they work alike.
func FromWXR(ctx context.Context, svc *news.Service, store news.Store, name string, r io.Reader, opts *Options) (*Report, error) {
	if svc == nil || store == nil || r == nil {
		return nil, errors.New("migrate: FromWXR: nil service, store or reader")
	}
	o := opts.withDefaults()
	src, err := readWXR(io.LimitReader(r, o.MaxFeedBytes+1), o.MaxFeedBytes)
	if err != nil {
		return nil, fmt.Errorf("migrate: %s: %w", name, err)
	}
	src.name = name
	return run(ctx, svc, store, src, o)
}

// The XML of a WXR file, read by local names: WXR 1.0, 1.1 and 1.2 differ
// in their namespaces only.
type wxrFile struct {
	Channel struct {
		Link        string        `xml:"link"`
		Language    string        `xml:"language"`
		BaseSiteURL string        `xml:"base_site_url"`
		BaseBlogURL string        `xml:"base_blog_url"`
		Authors     []wxrAuthor   `xml:"author"`
		Categories  []wxrCategory `xml:"category"`
		Items       []wxrItem     `xml:"item"`
		WXRVersion  string        `xml:"wxr_version"`
	} `xml:"channel"`
}

type wxrAuthor struct {
	Login       string `xml:"author_login"`
	DisplayName string `xml:"author_display_name"`
}

type wxrCategory struct {
	Nicename string `xml:"category_nicename"`
	Parent   string `xml:"category_parent"`
	Name     string `xml:"cat_name"`
}

type wxrItem struct {
	Title         string       `xml:"title"`
	Link          string       `xml:"link"`
	PubDate       string       `xml:"pubDate"`
	Creator       string       `xml:"creator"`
	GUID          string       `xml:"guid"`
	Encoded       []wxrEncoded `xml:"encoded"`
	PostID        string       `xml:"post_id"`
	PostDateGMT   string       `xml:"post_date_gmt"`
	ModifiedGMT   string       `xml:"post_modified_gmt"`
	PostName      string       `xml:"post_name"`
	Status        string       `xml:"status"`
	PostParent    string       `xml:"post_parent"`
	PostType      string       `xml:"post_type"`
	AttachmentURL string       `xml:"attachment_url"`
	IsSticky      string       `xml:"is_sticky"`
	PostPassword  string       `xml:"post_password"`
	Categories    []struct {
		Domain   string `xml:"domain,attr"`
		Nicename string `xml:"nicename,attr"`
		Name     string `xml:",chardata"`
	} `xml:"category"`
	Meta []struct {
		Key   string `xml:"meta_key"`
		Value string `xml:"meta_value"`
	} `xml:"postmeta"`
}

// wxrEncoded is content:encoded or excerpt:encoded, told apart by
// namespace.
type wxrEncoded struct {
	XMLName xml.Name
	Text    string `xml:",chardata"`
}

// contentNS is the namespace of content:encoded.
const contentNS = "http://purl.org/rss/1.0/modules/content/"

// readWXR reads a WXR file of at most max bytes from r.
func readWXR(r io.Reader, max int64) (*source, error) {
	cr := &countReader{r: r}
	var f wxrFile
	dec := xml.NewDecoder(cr)
	dec.Strict = true
	dec.CharsetReader = charsetReader
	if err := dec.Decode(&f); err != nil {
		if cr.n > max {
			return nil, &news.FieldError{Rule: fmt.Sprintf("larger than %d bytes (Options.MaxFeedBytes)", max)}
		}
		return nil, &news.FieldError{Rule: "not a WordPress export: " + err.Error()}
	}
	if cr.n > max {
		return nil, &news.FieldError{Rule: fmt.Sprintf("larger than %d bytes (Options.MaxFeedBytes)", max)}
	}
	ch := &f.Channel
	if ch.WXRVersion == "" {
		return nil, &news.FieldError{Rule: "not a WordPress export: no wp:wxr_version in the channel"}
	}
	src := &source{pages: 1}
	for _, u := range []string{ch.Link, ch.BaseSiteURL, ch.BaseBlogURL} {
		if h := hostOf(u); h != "" {
			src.hosts = append(src.hosts, h)
		}
	}
	base := firstNonEmpty(ch.BaseBlogURL, ch.BaseSiteURL, ch.Link)
	names := map[string]string{}
	for _, a := range ch.Authors {
		names[strings.TrimSpace(a.Login)] = strings.TrimSpace(a.DisplayName)
	}
	slugOf := map[string]string{} // nicename → slug
	for _, c := range ch.Categories {
		if c.Nicename != "" {
			slugOf[strings.TrimSpace(c.Nicename)] = categorySlug(c.Nicename, c.Name)
		}
	}
	for _, c := range ch.Categories {
		slug := slugOf[strings.TrimSpace(c.Nicename)]
		if slug == "" {
			continue // no letter or digit to make a slug of: its posts go to Options.Category
		}
		parent := ""
		if p := strings.TrimSpace(c.Parent); p != "" {
			parent = slugOf[p]
			if parent == "" {
				parent = categorySlug(p, p)
			}
		}
		src.cats = append(src.cats, category{slug: slug, name: firstNonEmpty(news.NormalizeLine(c.Name), slug), parent: parent})
	}
	// Attachments by ID, for covers and files.
	attachments := map[string]*wxrItem{}
	for i := range ch.Items {
		if it := &ch.Items[i]; strings.TrimSpace(it.PostType) == "attachment" {
			attachments[strings.TrimSpace(it.PostID)] = it
		}
	}
	for i := range ch.Items {
		w := &ch.Items[i]
		it, prob := wxrArticle(i, w, base, names, slugOf, ch.Language)
		if prob != nil {
			src.problems = append(src.problems, *prob)
			continue
		}
		if it.skip == "" {
			wxrMedia(it, w, ch.Items, attachments)
		}
		src.items = append(src.items, it)
	}
	return src, nil
}

// wxrArticle reads the item with index i.
func wxrArticle(i int, w *wxrItem, base string, names, slugOf map[string]string, lang string) (*item, *Problem) {
	link := strings.TrimSpace(w.Link)
	it := &item{pos: i, link: link, title: news.NormalizeLine(w.Title), lang: strings.TrimSpace(lang)}
	bad := func(field, rule string, args ...any) *Problem {
		return &Problem{Position: position(i) + "." + field, Link: link, Reason: fmt.Sprintf(rule, args...)}
	}
	switch t := strings.TrimSpace(w.PostType); t {
	case "post":
	case "":
		return nil, bad("post_type", "required")
	default:
		it.skip = "post type " + t
		return it, nil
	}
	it.key = firstNonEmpty(strings.TrimSpace(w.GUID), link)
	if it.key == "" {
		return nil, bad("guid", "no GUID and no link: the item cannot be recognised on the next run")
	}
	switch s := strings.TrimSpace(w.Status); s {
	case "publish", "future":
		it.status = news.StatusPublished
	case "draft", "pending", "private":
		it.status = news.StatusDraft
	case "trash", "auto-draft", "inherit":
		it.skip = "status " + s
		return it, nil
	default:
		return nil, bad("status", "unknown status %q; want publish, future, draft, pending or private", cut(s, 40))
	}
	if w.PostPassword != "" {
		// Protected on the old site: a draft until someone decides.
		it.status = news.StatusDraft
	}
	if it.status == news.StatusPublished {
		t, ok := wxrTime(w.PostDateGMT)
		if !ok {
			t, ok = rssTime(w.PubDate)
		}
		if !ok {
			return nil, bad("post_date_gmt", "not a date: %q", cut(w.PostDateGMT, 40))
		}
		it.published = t
	}
	if t, ok := wxrTime(w.ModifiedGMT); ok {
		it.updated = t
	}
	it.featured = strings.TrimSpace(w.IsSticky) == "1"
	login := strings.TrimSpace(w.Creator)
	it.author = firstNonEmpty(names[login], login)
	itemBase := firstNonEmpty(link, base)
	for _, e := range w.Encoded {
		switch {
		case e.XMLName.Space == contentNS:
			it.body = news.AbsoluteURLs(wpAutoP(e.Text), itemBase)
		case strings.Contains(e.XMLName.Space, "excerpt"):
			it.summary = e.Text
		}
	}
	for _, c := range w.Categories {
		name := news.NormalizeLine(c.Name)
		switch c.Domain {
		case "category":
			slug := slugOf[strings.TrimSpace(c.Nicename)]
			if slug == "" {
				slug = categorySlug(c.Nicename, name)
			}
			if it.category == "" {
				it.category = slug
			} else if name != "" {
				it.tags = appendTag(it.tags, name)
			}
		case "post_tag":
			if name != "" {
				it.tags = appendTag(it.tags, name)
			}
		}
	}
	if p := oldPath(link); p != "" {
		it.oldPaths = append(it.oldPaths, p)
	}
	if id := strings.TrimSpace(w.PostID); id != "" {
		it.oldPaths = appendTag(it.oldPaths, "/?p="+id)
	}
	return it, nil
}

// wxrMedia gives the article of w its cover (the featured image) and its
// attachments (the files attached to the post that are not images).
func wxrMedia(it *item, w *wxrItem, all []wxrItem, attachments map[string]*wxrItem) {
	for _, m := range w.Meta {
		if strings.TrimSpace(m.Key) != "_thumbnail_id" {
			continue
		}
		if a := attachments[strings.TrimSpace(m.Value)]; a != nil && strings.TrimSpace(a.AttachmentURL) != "" {
			it.cover = &news.Image{URL: strings.TrimSpace(a.AttachmentURL), Alt: metaValue(a, "_wp_attachment_image_alt")}
			for _, e := range a.Encoded {
				if strings.Contains(e.XMLName.Space, "excerpt") {
					it.cover.Caption = news.NormalizeLine(e.Text)
				}
			}
		}
	}
	id := strings.TrimSpace(w.PostID)
	if id == "" {
		return
	}
	for i := range all {
		a := &all[i]
		u := strings.TrimSpace(a.AttachmentURL)
		if strings.TrimSpace(a.PostType) != "attachment" || strings.TrimSpace(a.PostParent) != id || u == "" || isImageURL(u) {
			continue
		}
		it.attachments = append(it.attachments, news.Attachment{URL: u, Title: news.NormalizeLine(a.Title)})
	}
}

// metaValue returns the value of the post meta key of w.
func metaValue(w *wxrItem, key string) string {
	for _, m := range w.Meta {
		if strings.TrimSpace(m.Key) == key {
			return news.NormalizeLine(m.Value)
		}
	}
	return ""
}

// wxrTime reads a WordPress GMT time, "2026-11-14 01:30:00"; WordPress
// writes "0000-00-00 00:00:00" for none.
func wxrTime(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateTime, strings.TrimSpace(s))
	if err != nil || t.Year() < 1 {
		return time.Time{}, false
	}
	return t, true
}

// rssTime reads an RSS date, "Sat, 14 Nov 2026 01:30:00 +0000".
func rssTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil && t.Year() > 1 {
			return t, true
		}
	}
	return time.Time{}, false
}

// wpAutoP gives paragraphs to a WordPress body: the classic editor saves
// text with blank lines between paragraphs and no <p>, which WordPress adds
// when it shows the post. A body with block markup or its own paragraphs
// is left as it is.
func wpAutoP(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if strings.Contains(s, "<p") || strings.Contains(s, "<!-- wp:") || !strings.Contains(s, "\n\n") {
		return s
	}
	var b strings.Builder
	for _, para := range strings.Split(s, "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			b.WriteString("<p>" + strings.ReplaceAll(para, "\n", "<br>") + "</p>\n")
		}
	}
	return b.String()
}

// categorySlug is the slug of a WordPress category: its nicename, which
// WordPress percent-encodes when it holds letters beyond ASCII, made a
// slug; else its name's.
func categorySlug(nicename, name string) string {
	n := strings.TrimSpace(nicename)
	if u, err := url.PathUnescape(n); err == nil {
		n = u
	}
	if s := news.Slugify(n); s != "" {
		return s
	}
	return news.Slugify(name)
}

// appendTag appends t to tags unless it is there.
func appendTag(tags []string, t string) []string {
	for _, x := range tags {
		if x == t {
			return tags
		}
	}
	return append(tags, t)
}

// firstNonEmpty returns the first of ss that is not empty.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// cut returns s cut to n bytes, on a character boundary.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// charsetReader reads the charsets old exports declare besides UTF-8;
// any other is an error.
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return input, nil
	}
	return nil, fmt.Errorf("charset %q: only UTF-8 is read", charset)
}
