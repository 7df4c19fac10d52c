package main

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	xhtml "golang.org/x/net/html"

	"github.com/orgnews/orgnews/news"
)

// maxCrawl bounds the pages TestCrawlNoHiddenArticle fetches.
const maxCrawl = 5000

// TestCrawlNoHiddenArticle follows every link of the running demo — pages,
// categories, tags, search, articles with their related, same-category
// and previous/next lists, the JSON API with its cursors, the box in every
// form, the feeds — and asks directly for every hidden article by slug,
// old slug and ID, by search and as an excluded or related item. No
// answer may carry a draft, an archived or a scheduled article, nor any
// article of the demo newsroom (drafts, submitted, awaiting approval,
// returned and scheduled ones, written by its staff), and no request may
// fail with a 5xx.
func TestCrawlNoHiddenArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("crawls the whole demo; skipped in -short mode")
	}
	a := startApp(t, "-db", "memory")
	ctx := context.Background()

	// Make every kind of hidden article: the demo has drafts and
	// scheduled ones, and its newsroom articles in every state; archive a
	// published article, and rename a draft and the archived article so
	// that they have old slugs too.
	var visible []*news.Article
	for _, x := range allArticles(t, a.store, news.Query{}) {
		if x.Visible(a.now()) {
			visible = append(visible, x)
		}
	}
	archived, err := a.svc.Archive(ctx, visible[len(visible)/2].ID)
	if err != nil {
		t.Fatalf("Archive: %v", err)
	}
	rename := func(x *news.Article, slug string) {
		t.Helper()
		_, err := a.svc.Update(ctx, x.ID, news.ArticleInput{Slug: slug, Title: x.Title, Summary: x.Summary,
			BodyHTML: x.Body, Author: x.Author, CategoryID: x.CategoryID, Tags: x.Tags, Lang: x.Lang,
			Cover: x.Cover, Attachments: x.Attachments, Featured: x.Featured})
		if err != nil {
			t.Fatalf("Update(%s): %v", x.Slug, err)
		}
	}
	rename(archived, "luu-tru-"+archived.ID.String()[:8])
	drafts := allArticles(t, a.store, news.Query{Status: news.StatusDraft})
	rename(drafts[0], "ban-sua-"+drafts[0].ID.String()[:8])
	var hidden []*news.Article // as stored now, with their old slugs
	for _, x := range allArticles(t, a.store, news.Query{}) {
		if !x.Visible(a.now()) {
			hidden = append(hidden, x)
		}
	}
	kinds := map[string]int{}
	for _, h := range hidden {
		k := string(h.Status)
		if h.Status == news.StatusPublished {
			k = "scheduled"
		}
		kinds[k]++
	}
	if kinds["draft"] == 0 || kinds["archived"] == 0 || kinds["scheduled"] == 0 || len(drafts[0].Aliases) > 0 {
		t.Fatalf("hidden articles by kind %v: want drafts, archived and scheduled ones", kinds)
	}
	for _, x := range staffArticles {
		if !slices.ContainsFunc(hidden, func(h *news.Article) bool { return h.Title == x.title && h.OwnerID != uuid.Nil }) {
			t.Fatalf("the demo newsroom's %s article %q is not among the hidden ones", x.state, x.title)
		}
	}

	c := &crawler{t: t, origin: strings.TrimSuffix(a.siteURL, "/"), seen: map[string]bool{}, hidden: hidden}
	c.add(a.siteURL, a.siteURL+"news/", a.siteURL+"news/api/categories", a.siteURL+"news/widget.js")
	if a.partnerURL != "" {
		c.fetchPartner(a.partnerURL)
	}
	box := []string{"", "layout=cards&show=date,summary,image", "layout=ticker", "limit=20"}
	for _, q := range box {
		c.add(a.siteURL+"news/embed?"+q, a.siteURL+"news/fragment?"+q)
	}
	cats, err := a.pub.Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, cat := range cats {
		c.add(a.siteURL+"news/api/articles?limit=100&category="+cat.Slug,
			a.siteURL+"news/embed?limit=20&category="+cat.Slug,
			a.siteURL+"news/fragment?limit=20&category="+cat.Slug)
	}
	for _, h := range hidden {
		slugs := append([]string{h.Slug}, h.Aliases...)
		for _, s := range slugs {
			c.add(a.siteURL+"news/articles/"+s, a.siteURL+"news/api/articles/"+s,
				a.siteURL+"news/embed?exclude="+s, a.siteURL+"news/api/articles?exclude="+s)
		}
		c.add(a.siteURL+"news/articles/"+h.ID.String(), a.siteURL+"news/api/articles/"+h.ID.String())
		for _, q := range []string{h.Title, news.Fold(h.Title), strings.Fields(h.Title)[0]} {
			c.add(a.siteURL+"news/search?q="+url.QueryEscape(q), a.siteURL+"news/api/articles?q="+url.QueryEscape(q))
		}
		for _, tag := range h.Tags {
			c.add(a.siteURL+"news/tags/"+url.PathEscape(tag), a.siteURL+"news/api/articles?tag="+url.QueryEscape(tag),
				a.siteURL+"news/embed?tag="+url.QueryEscape(tag))
		}
	}
	c.run()
	t.Logf("crawled %d URLs; %d hidden articles (%v) stayed hidden", len(c.seen), len(hidden), kinds)
	if len(c.seen) < 200 {
		t.Errorf("crawled only %d URLs: the crawler missed the site's links", len(c.seen))
	}
}

// A crawler fetches URLs of one origin breadth first and checks each
// answer for hidden articles.
type crawler struct {
	t      *testing.T
	origin string // scheme://host of the site, no trailing slash
	queue  []string
	seen   map[string]bool
	hidden []*news.Article
}

// add queues the URLs of the site not fetched yet.
func (c *crawler) add(urls ...string) {
	for _, u := range urls {
		if i := strings.IndexByte(u, '#'); i >= 0 {
			u = u[:i]
		}
		if !strings.HasPrefix(u, c.origin+"/") || c.seen[u] {
			continue
		}
		c.seen[u] = true
		c.queue = append(c.queue, u)
	}
}

func (c *crawler) run() {
	for len(c.queue) > 0 {
		if len(c.seen) > maxCrawl {
			c.t.Fatalf("more than %d URLs: the crawl does not end", maxCrawl)
		}
		u := c.queue[0]
		c.queue = c.queue[1:]
		ctype, body := c.fetch(u)
		c.check(u, body)
		c.add(c.links(u, ctype, body)...)
	}
}

// fetchPartner fetches the partner portal (another origin) and queues the
// site's URLs it embeds.
func (c *crawler) fetchPartner(u string) {
	ctype, body := c.fetch(u)
	c.check(u, body)
	c.add(c.links(u, ctype, body)...)
}

// fetch GETs u and returns its media type and body. A 5xx fails the test.
func (c *crawler) fetch(u string) (string, string) {
	resp, err := http.Get(u)
	if err != nil {
		c.t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("GET %s: %v", u, err)
	}
	if resp.StatusCode >= 500 {
		c.t.Errorf("GET %s: status %d", u, resp.StatusCode)
	}
	ctype, _, _ := strings.Cut(resp.Header.Get("Content-Type"), ";")
	return ctype, string(b)
}

// check fails the test when body shows a hidden article: its title, its
// ID, or a link or JSON field naming one of its slugs. A search page
// repeats its query, so the query is taken out of the text first.
func (c *crawler) check(u, body string) {
	text := html.UnescapeString(body)
	if pu, err := url.Parse(u); err == nil {
		if q := pu.Query().Get("q"); q != "" {
			text = strings.ReplaceAll(text, q, "")
		}
	}
	for _, h := range c.hidden {
		marks := []string{h.Title, h.ID.String()}
		for _, s := range append([]string{h.Slug}, h.Aliases...) {
			marks = append(marks, "/articles/"+s+`"`, "/articles/"+s+"<", "/articles/"+s+"?", `"slug":"`+s+`"`)
		}
		for _, m := range marks {
			if strings.Contains(text, m) {
				c.t.Errorf("GET %s shows the hidden (%s) article %q: %q", u, h.Status, h.Slug, m)
				break
			}
		}
	}
}

// absURL matches absolute http URLs in any text (feeds, scripts, JSON).
var absURL = regexp.MustCompile(`https?://[^\s"'<>\\)]+`)

// links returns the URLs of the site that body, fetched from base, links
// to: every URL-valued attribute of an HTML page, every string of a JSON
// answer (with the API's next cursor as a page URL), and every absolute
// URL of anything else.
func (c *crawler) links(base, ctype, body string) []string {
	b, err := url.Parse(base)
	if err != nil {
		c.t.Fatal(err)
	}
	var refs []string
	switch ctype {
	case "text/html":
		z := xhtml.NewTokenizer(strings.NewReader(body))
		for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
			if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
				continue
			}
			for {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "href", "src", "data-src", "action", "content":
					refs = append(refs, string(v))
				case "srcset":
					for part := range strings.SplitSeq(string(v), ",") {
						if f := strings.Fields(part); len(f) > 0 {
							refs = append(refs, f[0])
						}
					}
				}
				if !more {
					break
				}
			}
		}
		refs = append(refs, absURL.FindAllString(body, -1)...)
	case "application/json", "application/feed+json":
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			c.t.Errorf("GET %s: not JSON: %v", base, err)
			return nil
		}
		refs = jsonStrings(v, refs)
		if m, ok := v.(map[string]any); ok {
			if next, ok := m["next_cursor"].(string); ok && next != "" {
				q := b.Query()
				q.Set("cursor", next)
				nb := *b
				nb.RawQuery = q.Encode()
				refs = append(refs, nb.String())
			}
		}
	default:
		for _, m := range absURL.FindAllString(body, -1) {
			refs = append(refs, html.UnescapeString(m))
		}
	}
	var out []string
	for _, r := range refs {
		if r == "" || strings.HasPrefix(r, "#") {
			continue
		}
		ref, err := url.Parse(r)
		if err != nil {
			continue
		}
		out = append(out, b.ResolveReference(ref).String())
	}
	return out
}

// jsonStrings appends every string in v that looks like a URL or a path.
func jsonStrings(v any, out []string) []string {
	switch v := v.(type) {
	case string:
		if strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "/") {
			out = append(out, v)
		}
	case []any:
		for _, x := range v {
			out = jsonStrings(x, out)
		}
	case map[string]any:
		for _, x := range v {
			out = jsonStrings(x, out)
		}
	}
	return out
}
