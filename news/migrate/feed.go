package migrate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	ext "github.com/mmcdole/gofeed/extensions"
	"golang.org/x/net/html"

	"github.com/orgnews/orgnews/news"
)

// FromFeed migrates the items of an RSS 2.0 or Atom feed into the
// service's store, which the service must write to. src is an http(s) URL
// or the name of a file. A feed fetched by URL is followed through its
// pages: each page's <link rel="next"> (Atom, RFC 5005) or <atom:link
// rel="next"> (RSS), up to Options.MaxPages; a file's next links are not
// followed, since they point at the live site.
//
// Each item becomes a published article: title, body (content:encoded or
// Atom content, else the description), summary (the description when there
// is a body), author (author, dc:creator), date (published, else updated),
// category (the first; the store's category with that slug, else a new
// one), tags (the other categories), cover (media:content or
// media:thumbnail, else an image enclosure) and attachments (the other
// enclosures). Items without a category go to Options.Category.
//
// An article's ID is derived from the item's GUID (its link when it has
// none): migrating the same feed again updates the articles whose item
// changed, leaves the others as they are and writes nothing when nothing
// changed; the report tells each item's outcome. Bodies are sanitised and
// validated as by news.Service.Import, and the migration is all or nothing
// like it: a broken item (no title, two items with one GUID, a field over
// its limit) is a Problem naming the item's position ("items[12].title")
// and link, and nothing is written; the error is then an *ItemsError.
//
// With Options.Media, the photos and files the articles refer to on the old
// site (covers, attachments, a body's img src and links to PDF, DOC, XLS,
// ZIP… files) are fetched, at most Options.Concurrency requests open at
// once (one abandoned at its time-out is closed then, though a slow server
// may take a moment to notice), each within Options.Timeout and
// Options.MaxMediaBytes and of an accepted type, kept in the media
// library, and the articles point at their new URLs. A photo
// or file that cannot be fetched keeps its old URL and is listed in
// Report.Media with the reason: it does not stop the migration.
//
// With Options.DryRun, FromFeed reports what it would do and fetches no
// photo or file and writes nothing. An article migrated before is compared
// with the media it holds in the places of the old site's, so that it
// counts as unchanged when it is; when its photos and links no longer line
// up with the item's, it counts as updated.
func FromFeed(ctx context.Context, svc *news.Service, store news.Store, src string, opts *Options) (*Report, error) {
	if svc == nil || store == nil {
		return nil, errors.New("migrate: FromFeed: nil service or store")
	}
	if strings.TrimSpace(src) == "" {
		return nil, fmt.Errorf("migrate: FromFeed: %w", &news.FieldError{Field: "src", Rule: "required"})
	}
	o := opts.withDefaults()
	s, err := readFeeds(ctx, src, o)
	if err != nil {
		return nil, fmt.Errorf("migrate: %s: %w", src, err)
	}
	s.name = src
	return run(ctx, svc, store, s, o)
}

// readFeeds reads the feed src and, for a URL, its next pages.
func readFeeds(ctx context.Context, src string, o Options) (*source, error) {
	isURL := strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")
	s := &source{}
	seen := map[string]bool{}
	next := src
	for next != "" {
		if s.pages == o.MaxPages {
			return nil, &news.FieldError{Rule: fmt.Sprintf("more than %d pages (Options.MaxPages)", o.MaxPages)}
		}
		seen[next] = true
		var data []byte
		var err error
		if isURL {
			data, err = fetchFeed(ctx, next, o)
		} else {
			data, err = readFile(next, o.MaxFeedBytes)
		}
		if err != nil {
			return nil, err
		}
		f, nextURL, err := parseFeed(data)
		if err != nil {
			if s.pages > 0 {
				return nil, fmt.Errorf("page %d, %s: %w", s.pages+1, next, err)
			}
			return nil, err
		}
		base := next
		if !isURL {
			base = f.Link
		}
		feedItems(s, f, base)
		s.pages++
		next = ""
		if isURL && nextURL != "" {
			if u := resolve(base, nextURL); u != "" && !seen[u] {
				next = u
			}
		}
	}
	return s, nil
}

// fetchFeed fetches one page of a feed.
func fetchFeed(ctx context.Context, u string, o Options) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, &news.FieldError{Field: "src", Rule: "not a URL: " + err.Error()}
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1")
	resp, err := o.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %s", u, resp.Status)
	}
	return readLimited(resp.Body, o.MaxFeedBytes)
}

// readFile reads a file of at most max bytes.
func readFile(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f, max)
}

// readLimited reads r whole, at most max bytes.
func readLimited(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, &news.FieldError{Rule: fmt.Sprintf("larger than %d bytes", max)}
	}
	return data, nil
}

// parseFeed parses one page of an RSS or Atom feed and returns it with the
// URL of its next page ("" for none).
func parseFeed(data []byte) (*gofeed.Feed, string, error) {
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true
	f, err := p.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, "", &news.FieldError{Rule: "not an RSS or Atom feed: " + err.Error()}
	}
	if f.FeedType != "rss" && f.FeedType != "atom" {
		return nil, "", &news.FieldError{Rule: fmt.Sprintf("a %s feed; want RSS or Atom", f.FeedType)}
	}
	next := ""
	if af, ok := f.OriginalFeed().(*atom.Feed); ok {
		for _, l := range af.Links {
			if l.Rel == "next" && next == "" {
				next = strings.TrimSpace(l.Href)
			}
		}
	}
	for _, l := range extensions(f.Extensions, "atom", "link") {
		if l.Attrs["rel"] == "next" && next == "" {
			next = strings.TrimSpace(l.Attrs["href"])
		}
	}
	return f, next, nil
}

// extensions returns the elements prefix:name of es.
func extensions(es ext.Extensions, prefix, name string) []ext.Extension {
	if es == nil {
		return nil
	}
	return es[prefix][name]
}

// feedItems adds the items of one page to s; base is the page's URL, or
// its site's for a file.
func feedItems(s *source, f *gofeed.Feed, base string) {
	if h := hostOf(f.Link); h != "" {
		s.hosts = appendTag(s.hosts, h)
	}
	if h := hostOf(base); h != "" {
		s.hosts = appendTag(s.hosts, h)
	}
	for _, fi := range f.Items {
		i := len(s.items) + len(s.problems)
		link := strings.TrimSpace(fi.Link)
		it := &item{pos: i, link: link, key: firstNonEmpty(strings.TrimSpace(fi.GUID), link),
			title: news.NormalizeLine(fi.Title), lang: strings.TrimSpace(f.Language), status: news.StatusPublished}
		if it.key == "" {
			s.problems = append(s.problems, Problem{Position: position(i) + ".guid", Reason: "no GUID and no link: the item cannot be recognised on the next run"})
			continue
		}
		itemBase := firstNonEmpty(resolve(base, link), base)
		it.link = firstNonEmpty(resolve(base, link), link)
		if h := hostOf(it.link); h != "" {
			s.hosts = appendTag(s.hosts, h)
		}
		it.body, it.summary = fi.Content, fi.Description
		if strings.TrimSpace(it.body) == "" {
			it.body, it.summary = fi.Description, ""
		}
		it.body = news.AbsoluteURLs(it.body, itemBase)
		switch {
		case len(fi.Authors) > 0 && fi.Authors[0] != nil:
			it.author = news.NormalizeLine(fi.Authors[0].Name)
		case fi.DublinCoreExt != nil && len(fi.DublinCoreExt.Creator) > 0:
			it.author = news.NormalizeLine(fi.DublinCoreExt.Creator[0])
		}
		if fi.PublishedParsed != nil {
			it.published = *fi.PublishedParsed
		} else if fi.UpdatedParsed != nil {
			it.published = *fi.UpdatedParsed
		}
		if fi.UpdatedParsed != nil {
			it.updated = *fi.UpdatedParsed
		}
		for k, c := range fi.Categories {
			name := news.NormalizeLine(c)
			if name == "" {
				continue
			}
			if k == 0 && news.Slugify(name) != "" {
				it.category = news.Slugify(name)
				s.cats = append(s.cats, category{slug: it.category, name: name})
				continue
			}
			it.tags = appendTag(it.tags, name)
		}
		feedMedia(it, fi, itemBase)
		if it.cover != nil {
			it.body = dropLeadingImage(it.body, it.cover.URL)
		}
		if p := oldPath(it.link); p != "" {
			it.oldPaths = append(it.oldPaths, p)
		}
		s.items = append(s.items, it)
	}
}

// feedMedia gives it its cover and attachments from the item's
// media:content, media:thumbnail and enclosures.
func feedMedia(it *item, fi *gofeed.Item, base string) {
	for _, name := range []string{"content", "thumbnail"} {
		for _, m := range extensions(fi.Extensions, "media", name) {
			u := resolve(base, m.Attrs["url"])
			isImage := name == "thumbnail" || m.Attrs["medium"] == "image" || strings.HasPrefix(m.Attrs["type"], "image/") ||
				(m.Attrs["type"] == "" && m.Attrs["medium"] == "" && isImageURL(u))
			if it.cover == nil && u != "" && isImage {
				it.cover = &news.Image{URL: u}
				for _, d := range m.Children["description"] {
					it.cover.Caption = news.NormalizeLine(d.Value)
				}
				for _, t := range m.Children["title"] {
					it.cover.Alt = news.NormalizeLine(t.Value)
				}
			}
		}
	}
	for _, e := range fi.Enclosures {
		if e == nil {
			continue
		}
		u := resolve(base, e.URL)
		if u == "" {
			continue
		}
		if strings.HasPrefix(e.Type, "image/") || (e.Type == "" && isImageURL(u)) {
			if it.cover == nil {
				it.cover = &news.Image{URL: u}
			}
			continue
		}
		title, _ := url.PathUnescape(lastElem(u))
		it.attachments = append(it.attachments, news.Attachment{URL: u, Title: news.NormalizeLine(title)})
	}
}

// lastElem returns the last path element of a URL.
func lastElem(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	s := strings.TrimSuffix(p.EscapedPath(), "/")
	return s[strings.LastIndexByte(s, '/')+1:]
}

// resolve returns ref resolved against base as an absolute http(s) URL, or
// "" when it is none.
func resolve(base, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if b, err := url.Parse(base); err == nil && base != "" {
		r = b.ResolveReference(r)
	}
	if (r.Scheme != "http" && r.Scheme != "https") || r.Host == "" {
		return ""
	}
	return r.String()
}

// hostOf returns the lower-case host name of an absolute http(s) URL, or "".
func hostOf(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") {
		return ""
	}
	return strings.ToLower(p.Hostname())
}

// oldPath returns the old URL an article keeps of its item's link: its
// path and query ("/2026/11/dai-hoi-chi-bo/", "/?p=123") as
// news.NormalizeOldURL writes them, or "" for a link that has none to
// keep, such as the old site's home page.
func oldPath(link string) string {
	p, err := news.NormalizeOldURL(link)
	if err != nil {
		return ""
	}
	return p
}

// dropLeadingImage returns body without its first element when that is an
// img of src: Ghost, and some portals, put the cover at the top of the
// content too, and the article page shows the cover already.
func dropLeadingImage(body, src string) string {
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		switch z.Next() {
		case html.TextToken:
			if strings.TrimSpace(string(z.Raw())) == "" {
				continue
			}
			return body
		case html.StartTagToken, html.SelfClosingTagToken:
			raw := string(z.Raw())
			tok := z.Token()
			if tok.Data != "img" {
				return body
			}
			for _, a := range tok.Attr {
				if a.Key == "src" && a.Val == src {
					return strings.Replace(body, raw, "", 1)
				}
			}
			return body
		default:
			return body
		}
	}
}
